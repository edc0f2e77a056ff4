/* libsipsimple - SipSimpleMsrpSession, one MSRP session (RFC 4975, 4976,
 * 6135): the public session and its messages: chunking and flow control,
 * success and failure reports, reassembly of incoming messages, cancel
 *
 * The connection underneath is msrp-connection.c's (framing I/O and
 * transactions), getting it msrp-connect.c's (listening, connecting, TLS,
 * relay AUTH, binding); msrp-session-private.h lists what each offers.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/msrp/msrp-session.h>
#include <sipsimple/msrp/msrp-error.h>
#include <sipsimple/msrp/msrp-uri.h>

#include "msrp-connect-private.h"
#include "msrp-connection-private.h"
#include "msrp-session-private.h"

#include <string.h>

/**
 * SipSimpleMsrpSession:
 *
 * One MSRP session (RFC 4975) over one TCP or TLS connection, in the
 * thread-default main context of the thread that created it (every
 * signal is emitted there; nothing blocks).
 *
 * The life of a session follows SDP offer/answer:
 *
 * 1. configure it (properties such as [property@SipSimple.MsrpSession:local-address],
 *    [property@SipSimple.MsrpSession:use-tls], or a relay with
 *    sip_simple_msrp_session_set_relay()), then call
 *    sip_simple_msrp_session_prepare_async(): it listens on a port (or
 *    authenticates at the relay, RFC 4976) and so knows its local path,
 *    sip_simple_msrp_session_get_local_path(), which goes into `a=path`;
 * 2. when the peer's path is known, set it with
 *    sip_simple_msrp_session_set_remote_path(), choose the role
 *    ([property@SipSimple.MsrpSession:active], RFC 6135 `a=setup`) and call
 *    sip_simple_msrp_session_start_async(): the active side connects and
 *    binds the connection with an empty SEND, the passive side waits for
 *    that SEND and checks its paths;
 * 3. send with sip_simple_msrp_session_send_message() (small messages) and
 *    sip_simple_msrp_session_send_stream() (files: read chunk by chunk as
 *    the socket drains, so small messages go out between the chunks);
 *    every sent message ends in exactly one of
 *    [signal@SipSimple.MsrpSession::message-delivered] and
 *    [signal@SipSimple.MsrpSession::message-failed];
 * 4. receive through [signal@SipSimple.MsrpSession::message-received]
 *    (whole messages up to [property@SipSimple.MsrpSession:max-buffered-size]),
 *    [signal@SipSimple.MsrpSession::chunk-received] (every piece, with its
 *    offset) or by giving a large message an output stream in
 *    [signal@SipSimple.MsrpSession::message-started] with
 *    sip_simple_msrp_session_set_message_target();
 * 5. sip_simple_msrp_session_close(), or the peer goes away:
 *    [signal@SipSimple.MsrpSession::closed].
 *
 * Messages may be sent before the session is connected; they wait.
 *
 * A session with I/O under way (listening, connected) keeps itself alive:
 * call sip_simple_msrp_session_close() when done with it. Regular files
 * given to sip_simple_msrp_session_send_stream() are read by GIO in its
 * worker threads (as any GFileInputStream); everything else, and every
 * signal, stays in the session's main context.
 *
 * Since: 0.1
 */

#define DEFAULT_CHUNK_SIZE (64 * 1024)
/* Relays read a frame into a fixed buffer: Kamailio's is 16 KiB */
#define DEFAULT_RELAY_CHUNK_SIZE (8 * 1024)
#define DEFAULT_MAX_BUFFERED (16 * 1024 * 1024)
#define DEFAULT_TIMEOUT 30
/* chunks of a stream read and queued ahead of the socket */
#define READ_AHEAD_CHUNKS 2
#define READ_BLOCK_CHUNKS 4

G_DEFINE_FINAL_TYPE (SipSimpleMsrpSession, sip_simple_msrp_session, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (SipSimpleMsrpSessionState, sip_simple_msrp_session_state,
                    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MSRP_SESSION_STATE_NEW, "new"),
                    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MSRP_SESSION_STATE_PREPARED, "prepared"),
                    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MSRP_SESSION_STATE_CONNECTING, "connecting"),
                    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MSRP_SESSION_STATE_CONNECTED, "connected"),
                    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED, "closed"))

G_DEFINE_ENUM_TYPE (SipSimpleMsrpReportMode, sip_simple_msrp_report_mode,
                    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MSRP_REPORT_NONE, "none"),
                    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MSRP_REPORT_FAILURE, "failure"),
                    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MSRP_REPORT_SUCCESS, "success"))

enum
{
  PROP_0,
  PROP_LOCAL_ADDRESS,
  PROP_LOCAL_PORT,
  PROP_USE_TLS,
  PROP_TLS_CERTIFICATE,
  PROP_TLS_DATABASE,
  PROP_REMOTE_FINGERPRINT,
  PROP_ACTIVE,
  PROP_CHUNK_SIZE,
  PROP_RELAY_CHUNK_SIZE,
  PROP_REPORT_MODE,
  PROP_MAX_BUFFERED_SIZE,
  PROP_TRANSACTION_TIMEOUT,
  PROP_LOCAL_URI,
  PROP_SESSION_ID,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_MESSAGE_STARTED,
  SIGNAL_CHUNK_RECEIVED,
  SIGNAL_MESSAGE_RECEIVED,
  SIGNAL_MESSAGE_ABORTED,
  SIGNAL_MESSAGE_PROGRESS,
  SIGNAL_MESSAGE_DELIVERED,
  SIGNAL_MESSAGE_FAILED,
  SIGNAL_CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint effective_chunk_size (SipSimpleMsrpSession *self);
static void  message_failed (SipSimpleMsrpSession *self, OutMessage *msg, guint code,
                             const char *reason);
static void  maybe_finish_message (SipSimpleMsrpSession *self, OutMessage *msg);

/* ---- small helpers ------------------------------------------------------ */

OutMessage *
sip_simple_msrp_out_message_ref (OutMessage *msg)
{
  msg->ref_count++;
  return msg;
}

void
sip_simple_msrp_out_message_unref (OutMessage *msg)
{
  if (--msg->ref_count > 0)
    return;
  sip_simple_msrp_clear_source (&msg->report_timeout);
  g_free (msg->id);
  g_free (msg->content_type);
  g_clear_object (&msg->stream);
  g_clear_pointer (&msg->held, g_bytes_unref);
  g_free (msg);
}

static void
in_message_free (InMessage *in)
{
  g_free (in->id);
  g_free (in->content_type);
  if (in->buffer)
    g_byte_array_unref (in->buffer);
  g_clear_object (&in->target);
  g_free (in);
}

/* Forgets an incoming message; the frame being parsed may belong to it
 * (a message aborted between two reads of one chunk) */
static gboolean
drop_incoming (SipSimpleMsrpSession *self, const char *id)
{
  InMessage *in = g_hash_table_lookup (self->incoming, id);

  if (in == NULL)
    return FALSE;
  if (self->frame_message == in)
    {
      self->frame_message = NULL;
      self->frame_dropped = TRUE;
    }
  return g_hash_table_remove (self->incoming, id);
}

void
sip_simple_msrp_session_set_state (SipSimpleMsrpSession *self, SipSimpleMsrpSessionState state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static GPtrArray *
path_copy (GPtrArray *path)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify)sip_simple_msrp_uri_unref);

  if (path)
    for (guint i = 0; i < path->len; i++)
      g_ptr_array_add (copy, sip_simple_msrp_uri_ref (g_ptr_array_index (path, i)));
  return copy;
}

/* ---- outgoing messages -------------------------------------------------- */

static OutFrame *
make_send_frame (SipSimpleMsrpSession *self, OutMessage *msg, guint64 offset, GBytes *body,
                 gboolean last)
{
  OutFrame        *frame = g_new0 (OutFrame, 1);
  g_autofree char *tid = sip_simple_msrp_new_id (12);
  g_autofree char *to = sip_simple_msrp_connection_to_path (self);
  g_autofree char *from = sip_simple_msrp_connection_from_path (self);
  g_autofree char *range = NULL;
  gsize            len = body ? g_bytes_get_size (body) : 0;
  GString         *head = sip_simple_msrp_frame_head_new (tid, "SEND");

  sip_simple_msrp_frame_head_add (head, "To-Path", to);
  sip_simple_msrp_frame_head_add (head, "From-Path", from);
  sip_simple_msrp_frame_head_add (head, "Message-ID", msg->id);
  if (msg->unknown_size && !last)
    range = g_strdup_printf ("%" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT "/*", offset + 1,
                             offset + len);
  else
    range = g_strdup_printf ("%" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT,
                             offset + 1, offset + len, msg->total);
  sip_simple_msrp_frame_head_add (head, "Byte-Range", range);
  switch (msg->mode)
    {
    case SIP_SIMPLE_MSRP_REPORT_NONE:
      sip_simple_msrp_frame_head_add (head, "Failure-Report", "no");
      break;
    case SIP_SIMPLE_MSRP_REPORT_SUCCESS:
      sip_simple_msrp_frame_head_add (head, "Success-Report", "yes");
      break;
    case SIP_SIMPLE_MSRP_REPORT_FAILURE:
    default:
      break;
    }
  if (msg->content_type && len > 0)
    sip_simple_msrp_frame_head_add (head, "Content-Type", msg->content_type);
  sip_simple_msrp_frame_head_end (head, len > 0);
  frame->head = g_string_free_to_bytes (head);
  frame->body = len > 0 ? g_bytes_ref (body) : NULL;
  frame->end = sip_simple_msrp_end_line_bytes (tid, last ? '$' : '+', len > 0);
  frame->tid = g_steal_pointer (&tid);
  frame->kind = TX_SEND;
  frame->msg = sip_simple_msrp_out_message_ref (msg);
  frame->last = last;
  frame->offset = offset;
  frame->chunked = msg->stream != NULL;
  frame->expects_response = msg->mode != SIP_SIMPLE_MSRP_REPORT_NONE;
  return frame;
}

static void
finish_outgoing (SipSimpleMsrpSession *self, OutMessage *msg)
{
  msg->done = TRUE;
  sip_simple_msrp_clear_source (&msg->report_timeout);
  g_clear_object (&msg->stream);
  g_hash_table_remove (self->outgoing, msg->id);
}

/* Ends @msg once and reports it: message-delivered, or message-failed
 * with @code and @reason. */
static void
message_done (SipSimpleMsrpSession *self, OutMessage *msg, gboolean delivered, guint code,
              const char *reason)
{
  g_autofree char *id = NULL;

  if (msg->done)
    return;
  id = g_strdup (msg->id);
  sip_simple_msrp_out_message_ref (msg);
  finish_outgoing (self, msg);
  if (delivered)
    g_signal_emit (self, signals[SIGNAL_MESSAGE_DELIVERED], 0, id);
  else
    g_signal_emit (self, signals[SIGNAL_MESSAGE_FAILED], 0, id, code, reason);
  sip_simple_msrp_out_message_unref (msg);
}

static void
message_delivered (SipSimpleMsrpSession *self, OutMessage *msg)
{
  message_done (self, msg, TRUE, 0, NULL);
}

static void
message_failed (SipSimpleMsrpSession *self, OutMessage *msg, guint code, const char *reason)
{
  message_done (self, msg, FALSE, code, reason);
}

typedef struct
{
  SipSimpleMsrpSession *self;
  char                 *id;
} ReportWait;

static gboolean
success_report_timed_out (gpointer data)
{
  ReportWait           *wait = data;
  SipSimpleMsrpSession *self = wait->self;
  g_autofree char      *id = g_strdup (wait->id);
  OutMessage           *msg = g_hash_table_lookup (self->outgoing, id);

  /* wait may be freed from here on */
  if (msg)
    {
      sip_simple_msrp_clear_source (&msg->report_timeout);
      message_failed (self, msg, 408, "No success report");
    }
  return G_SOURCE_REMOVE;
}

static void
report_wait_free (gpointer data)
{
  ReportWait *wait = data;

  g_free (wait->id);
  g_free (wait);
}

static void
maybe_finish_message (SipSimpleMsrpSession *self, OutMessage *msg)
{
  if (msg->done || !msg->all_sent || msg->pending > 0)
    return;
  if (msg->mode == SIP_SIMPLE_MSRP_REPORT_SUCCESS)
    {
      if (msg->report_timeout == NULL)
        {
          ReportWait *wait = g_new0 (ReportWait, 1);
          GSource    *source = g_timeout_source_new_seconds (self->transaction_timeout);

          wait->self = self;
          wait->id = g_strdup (msg->id);
          g_source_set_callback (source, success_report_timed_out, wait, report_wait_free);
          g_source_attach (source, self->context);
          msg->report_timeout = source;
        }
      return;
    }
  message_delivered (self, msg);
}

void
sip_simple_msrp_session_send_response (SipSimpleMsrpSession *self, OutMessage *msg, guint status,
                                       const char *reason)
{
  msg->pending--;
  if (status == 200)
    maybe_finish_message (self, msg);
  else
    message_failed (self, msg, status, reason);
}

void
sip_simple_msrp_session_frame_written (SipSimpleMsrpSession *self, OutFrame *frame)
{
  OutMessage *msg;

  if (frame->msg == NULL || frame->msg->done)
    return;
  msg = sip_simple_msrp_out_message_ref (frame->msg);
  if (frame->body)
    msg->written = frame->offset + g_bytes_get_size (frame->body);
  if (msg->stream || frame->chunked)
    g_signal_emit (self, signals[SIGNAL_MESSAGE_PROGRESS], 0, msg->id, msg->written,
                   msg->unknown_size && !msg->eof ? (guint64)0 : msg->total);
  maybe_finish_message (self, msg);
  sip_simple_msrp_session_pump (self, msg);
  sip_simple_msrp_out_message_unref (msg);
}

typedef struct
{
  SipSimpleMsrpSession *self;
  OutMessage           *msg;
} ChunkRead;

/* A block read from the stream goes out as chunks of at most the chunk
 * size (slices of the block, no copy); only the last slice of the last
 * block carries '$' */
static void
queue_chunks (SipSimpleMsrpSession *self, OutMessage *msg, guint64 offset, GBytes *block,
              gboolean last)
{
  gsize len = g_bytes_get_size (block);
  gsize chunk = effective_chunk_size (self);
  gsize at = 0;

  do
    {
      gsize n = MIN (chunk, len - at);
      g_autoptr (GBytes) slice
          = at == 0 && n == len ? g_bytes_ref (block) : g_bytes_new_from_bytes (block, at, n);

      at += n;
      sip_simple_msrp_connection_queue (
          self, &self->bulk,
          make_send_frame (self, msg, offset + at - n, slice, last && at == len));
    }
  while (at < len);
}

static void
chunk_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ChunkRead  *cr = user_data;
  OutMessage *msg = cr->msg;
  g_autoptr (SipSimpleMsrpSession) self = cr->self;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes
      = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  guint64 offset;
  gsize   len;

  g_free (cr);
  msg->reading = FALSE;
  if (self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED || msg->done)
    {
      sip_simple_msrp_out_message_unref (msg);
      return;
    }
  if (msg->unknown_size && bytes != NULL)
    {
      /* the size is known at the end of the stream only: hold one chunk
       * back, so that the last one can carry '$' and the total */
      if (g_bytes_get_size (bytes) == 0)
        {
          GBytes *last = msg->held ? g_steal_pointer (&msg->held) : g_bytes_new (NULL, 0);

          msg->eof = TRUE;
          msg->total = msg->next;
          queue_chunks (self, msg, msg->held_offset, last, TRUE);
          g_bytes_unref (last);
        }
      else
        {
          if (msg->held)
            {
              GBytes *previous = g_steal_pointer (&msg->held);

              queue_chunks (self, msg, msg->held_offset, previous, FALSE);
              g_bytes_unref (previous);
            }
          msg->held = g_bytes_ref (bytes);
          msg->held_offset = msg->next;
          msg->next += g_bytes_get_size (bytes);
          sip_simple_msrp_session_pump (self, msg);
        }
      sip_simple_msrp_out_message_unref (msg);
      return;
    }
  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    {
      g_autofree char *reason
          = g_strdup_printf ("Reading the message failed: %s",
                             error ? error->message : "end of stream before its size");

      message_failed (self, msg, 0, reason);
      sip_simple_msrp_out_message_unref (msg);
      return;
    }
  len = g_bytes_get_size (bytes);
  if (msg->next + len > msg->total)
    {
      /* a stream longer than announced: send what was announced */
      g_autoptr (GBytes) cut = g_bytes_new_from_bytes (bytes, 0, msg->total - msg->next);

      g_bytes_unref (bytes);
      bytes = g_steal_pointer (&cut);
      len = g_bytes_get_size (bytes);
    }
  offset = msg->next;
  msg->next += len;
  queue_chunks (self, msg, offset, bytes, msg->next == msg->total);
  sip_simple_msrp_out_message_unref (msg);
}

void
sip_simple_msrp_session_pump (SipSimpleMsrpSession *self, OutMessage *msg)
{
  guint64    want;
  ChunkRead *cr;

  if (msg->done || msg->stream == NULL || msg->reading || msg->queued >= READ_AHEAD_CHUNKS
      || msg->eof || (!msg->unknown_size && msg->next >= msg->total)
      || self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED)
    return;
  /* files are read in blocks of a few chunks: fewer trips to the thread
   * that GIO reads regular files in */
  want = (guint64)effective_chunk_size (self) * READ_BLOCK_CHUNKS;
  if (!msg->unknown_size)
    want = MIN (want, msg->total - msg->next);
  msg->reading = TRUE;
  cr = g_new0 (ChunkRead, 1);
  cr->self = g_object_ref (self);
  cr->msg = sip_simple_msrp_out_message_ref (msg);
  g_input_stream_read_bytes_async (msg->stream, want, G_PRIORITY_DEFAULT, self->io_cancellable,
                                   chunk_read, cr);
}

/* ---- incoming ----------------------------------------------------------- */
static gboolean
handle_report (SipSimpleMsrpSession *self, SipSimpleMsrpFrame *frame)
{
  const char *id = sip_simple_msrp_frame_get_header (frame, "Message-ID");
  const char *status = sip_simple_msrp_frame_get_header (frame, "Status");
  OutMessage *msg = id ? g_hash_table_lookup (self->outgoing, id) : NULL;
  guint       code = 0;

  if (msg == NULL || status == NULL)
    return TRUE;
  /* Status: 000 200 OK */
  if (strlen (status) >= 7 && g_ascii_isdigit (status[4]) && g_ascii_isdigit (status[5])
      && g_ascii_isdigit (status[6]))
    code = (status[4] - '0') * 100 + (status[5] - '0') * 10 + (status[6] - '0');
  if (code == 200)
    {
      if (!frame->has_byte_range || frame->range_end < 0 || (guint64)frame->range_end >= msg->total)
        {
          msg->all_sent = TRUE;
          msg->pending = 0;
          message_delivered (self, msg);
        }
    }
  else
    message_failed (self, msg, code, strlen (status) > 8 ? status + 8 : "Failure report");
  return TRUE;
}

/* FALSE with @error once the session is closed (a handler closed it):
 * the parser stops there */
static gboolean
still_open (SipSimpleMsrpSession *self, GError **error)
{
  if (self->state != SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED)
    return TRUE;
  g_set_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_CLOSED, "Session closed");
  return FALSE;
}

gboolean
sip_simple_msrp_session_request_start (SipSimpleMsrpSession *self, SipSimpleMsrpFrame *frame,
                                       GError **error)
{
  self->discard_frame = FALSE;
  self->frame_dropped = FALSE;
  self->frame_offset = 0;
  self->frame_message = NULL;
  if (!still_open (self, error))
    return FALSE;

  if (!sip_simple_msrp_connect_accepts_request (self, frame))
    {
      self->discard_frame = TRUE;
      return TRUE;
    }
  if (g_strcmp0 (frame->method, "SEND") == 0)
    {
      const char *id = sip_simple_msrp_frame_get_header (frame, "Message-ID");
      const char *ctype = sip_simple_msrp_frame_get_header (frame, "Content-Type");
      InMessage  *in;

      if (id == NULL)
        {
          sip_simple_msrp_connection_respond (self, frame, 400, "Missing Message-ID");
          self->discard_frame = TRUE;
          return TRUE;
        }
      if (g_hash_table_contains (self->refused, id))
        {
          sip_simple_msrp_connection_respond (self, frame, 413, "Message refused");
          self->discard_frame = TRUE;
          return TRUE;
        }
      in = g_hash_table_lookup (self->incoming, id);
      if (!frame->has_body)
        {
          /* an empty SEND binds or keeps alive; for a message under way
           * it is its end ('$') or its abort ('#') */
          self->frame_message = in;
          return TRUE;
        }
      if (in == NULL)
        {
          gboolean known;

          in = g_new0 (InMessage, 1);
          in->id = g_strdup (id);
          in->content_type = g_strdup (ctype);
          in->total = frame->range_total;
          in->final_size = -1;
          known = in->total >= 0;
          if (!known || (guint64)in->total <= self->max_buffered_size)
            in->buffer = g_byte_array_new ();
          g_hash_table_replace (self->incoming, in->id, in);
          g_signal_emit (self, signals[SIGNAL_MESSAGE_STARTED], 0, in->id, in->content_type,
                         in->total);
          if (in->target)
            g_clear_pointer (&in->buffer, g_byte_array_unref);
          in->started_signal = TRUE;
          if (!still_open (self, error))
            return FALSE;
          in = g_hash_table_lookup (self->incoming, id);
          if (in == NULL)
            {
              self->discard_frame = TRUE;
              return TRUE;
            }
        }
      self->frame_message = in;
      return TRUE;
    }
  return TRUE;
}

/* Writes to target streams, in arrival order, one at a time; reading
 * from the connection pauses until the queue is empty. An item without
 * bytes marks the end of a message. */
typedef struct
{
  char          *id;
  GOutputStream *target;
  GBytes        *bytes;
  guint64        offset; /* in the message */
} TargetWrite;

static void finish_incoming (SipSimpleMsrpSession *self, InMessage *in);

static void
target_write_free (TargetWrite *tw)
{
  g_free (tw->id);
  g_clear_object (&tw->target);
  g_clear_pointer (&tw->bytes, g_bytes_unref);
  g_free (tw);
}

static void
target_write_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SipSimpleMsrpSession) self = user_data;
  g_autoptr (GError) error = NULL;
  TargetWrite *tw = g_steal_pointer (&self->target_current);

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error);
  if (self->state != SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED && error)
    {
      InMessage *in = g_hash_table_lookup (self->incoming, tw->id);

      if (in)
        {
          g_autofree char *id = g_strdup (in->id);

          /* the rest of this message is refused with 413, so the sender
           * stops and fails it instead of counting it delivered */
          g_hash_table_add (self->refused, g_strdup (id));
          drop_incoming (self, id);
          g_signal_emit (self, signals[SIGNAL_MESSAGE_ABORTED], 0, id, error->message);
        }
    }
  target_write_free (tw);
  sip_simple_msrp_session_write_targets (self);
}

void
sip_simple_msrp_session_write_targets (SipSimpleMsrpSession *self)
{
  while (self->target_current == NULL && self->state != SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED)
    {
      TargetWrite *tw = g_queue_pop_head (&self->target_queue);
      InMessage   *in;

      if (tw == NULL)
        {
          sip_simple_msrp_connection_read (self);
          return;
        }
      in = g_hash_table_lookup (self->incoming, tw->id);
      if (in == NULL || in->target != tw->target)
        {
          /* aborted meanwhile */
          target_write_free (tw);
          continue;
        }
      if (tw->bytes == NULL)
        {
          target_write_free (tw);
          finish_incoming (self, in);
          continue;
        }
      self->target_current = tw;
      /* a seekable target (a file) gets out-of-order chunks in place */
      if (G_IS_SEEKABLE (tw->target) && g_seekable_can_seek (G_SEEKABLE (tw->target))
          && (guint64)g_seekable_tell (G_SEEKABLE (tw->target)) != tw->offset)
        g_seekable_seek (G_SEEKABLE (tw->target), tw->offset, G_SEEK_SET, NULL, NULL);
      g_output_stream_write_all_async (
          tw->target, g_bytes_get_data (tw->bytes, NULL), g_bytes_get_size (tw->bytes),
          G_PRIORITY_DEFAULT, self->io_cancellable, target_write_done, g_object_ref (self));
    }
}

static void
target_queue_push (SipSimpleMsrpSession *self, InMessage *in, guint64 offset, GBytes *bytes)
{
  TargetWrite *tw = g_new0 (TargetWrite, 1);

  tw->offset = offset;
  tw->id = g_strdup (in->id);
  tw->target = g_object_ref (in->target);
  tw->bytes = bytes;
  g_queue_push_tail (&self->target_queue, tw);
}

gboolean
sip_simple_msrp_session_request_data (SipSimpleMsrpSession *self, SipSimpleMsrpFrame *frame,
                                      const guint8 *data, gsize len, GError **error)
{
  InMessage *in = self->frame_message;
  guint64    offset = frame->range_start - 1 + self->frame_offset;

  self->frame_offset += len;
  if (self->discard_frame || in == NULL)
    return TRUE;
  in->received += len;
  if (in->buffer)
    {
      /* chunks may come out of order (relays): each goes to its offset */
      if (offset + len > self->max_buffered_size)
        g_clear_pointer (&in->buffer, g_byte_array_unref);
      else
        {
          if (in->buffer->len < offset + len)
            g_byte_array_set_size (in->buffer, offset + len);
          memcpy (in->buffer->data + offset, data, len);
        }
    }
  if (in->target)
    target_queue_push (self, in, offset, g_bytes_new (data, len));
  if (g_signal_has_handler_pending (self, signals[SIGNAL_CHUNK_RECEIVED], 0, FALSE))
    {
      g_autoptr (GBytes) bytes = g_bytes_new (data, len);

      g_signal_emit (self, signals[SIGNAL_CHUNK_RECEIVED], 0, in->id, offset, bytes);
    }
  return still_open (self, error);
}

static void
send_success_report (SipSimpleMsrpSession *self, InMessage *in, const char *to_path)
{
  g_autofree char *from = sip_simple_msrp_connection_from_path (self);
  g_autofree char *range
      = g_strdup_printf ("1-%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT, in->received, in->received);

  sip_simple_msrp_connection_queue (
      self, &self->urgent,
      sip_simple_msrp_out_frame_new_request ("REPORT", to_path, from, '$', "Message-ID", in->id,
                                             "Byte-Range", range, "Status", "000 200 OK", NULL));
}

static void
finish_incoming (SipSimpleMsrpSession *self, InMessage *in)
{
  g_autoptr (GBytes) body = NULL;
  g_autofree char *id = g_strdup (in->id);
  g_autofree char *ctype = g_strdup (in->content_type);

  if (in->buffer && !in->target && (in->total < 0 || in->buffer->len == (guint64)in->total))
    body = g_byte_array_free_to_bytes (g_steal_pointer (&in->buffer));
  drop_incoming (self, id);
  g_signal_emit (self, signals[SIGNAL_MESSAGE_RECEIVED], 0, id, ctype, body);
}

gboolean
sip_simple_msrp_session_request_end (SipSimpleMsrpSession *self, SipSimpleMsrpFrame *frame,
                                     char flag, GError **error)
{
  InMessage *in = self->frame_message;

  self->frame_message = NULL;
  if (self->discard_frame)
    return TRUE;

  if (g_strcmp0 (frame->method, "SEND") == 0)
    {
      gboolean was_bound = self->bound;

      if (self->frame_dropped)
        sip_simple_msrp_connection_respond (self, frame, 413, "Message refused");
      else
        sip_simple_msrp_connection_respond (self, frame, 200, "OK");
      if (!was_bound)
        sip_simple_msrp_connect_complete_start (self, NULL);
      if (in == NULL)
        return TRUE;
      if (flag == '#')
        {
          g_autofree char *id = g_strdup (in->id);

          drop_incoming (self, id);
          g_signal_emit (self, signals[SIGNAL_MESSAGE_ABORTED], 0, id, "Interrupted by the sender");
        }
      else
        {
          const char *success = sip_simple_msrp_frame_get_header (frame, "Success-Report");

          /* the '$' chunk tells the size; chunks may arrive in any order
           * (through relays), so the message is complete when all its
           * bytes are here */
          if (flag == '$')
            in->final_size = frame->range_total >= 0
                                 ? frame->range_total
                                 : frame->range_start - 1 + (gint64)self->frame_offset;
          if (in->complete || in->final_size < 0 || in->received < (guint64)in->final_size)
            return still_open (self, error);
          in->complete = TRUE;
          if (success && g_ascii_strcasecmp (success, "yes") == 0)
            send_success_report (self, in, sip_simple_msrp_frame_get_header (frame, "From-Path"));
          if (in->target)
            target_queue_push (self, in, 0, NULL);
          else
            finish_incoming (self, in);
        }
    }
  else if (g_strcmp0 (frame->method, "REPORT") == 0)
    handle_report (self, frame);
  else if (g_strcmp0 (frame->method, "NICKNAME") == 0 || g_strcmp0 (frame->method, "AUTH") == 0)
    sip_simple_msrp_connection_respond (self, frame, 403, "Forbidden");
  else
    sip_simple_msrp_connection_respond (self, frame, 501, "Not Implemented");

  return still_open (self, error);
}

/* ---- failure and close -------------------------------------------------- */

static void
fail_all (SipSimpleMsrpSession *self, const char *reason)
{
  GList *msgs = g_hash_table_get_values (self->outgoing);
  GList *ins = g_hash_table_get_keys (self->incoming);

  for (GList *l = msgs; l; l = l->next)
    sip_simple_msrp_out_message_ref (l->data);
  for (GList *l = msgs; l; l = l->next)
    {
      message_failed (self, l->data, 0, reason);
      sip_simple_msrp_out_message_unref (l->data);
    }
  g_list_free (msgs);
  for (GList *l = ins; l; l = l->next)
    {
      g_autofree char *id = g_strdup (l->data);

      if (drop_incoming (self, id))
        g_signal_emit (self, signals[SIGNAL_MESSAGE_ABORTED], 0, id, reason);
    }
  g_list_free (ins);
}

static void
teardown (SipSimpleMsrpSession *self)
{
  if (self->io_cancellable)
    g_cancellable_cancel (self->io_cancellable);
  sip_simple_msrp_connect_close (self);
  g_queue_clear_full (&self->target_queue, (GDestroyNotify)target_write_free);
  sip_simple_msrp_connection_close (self);
}

void
sip_simple_msrp_session_close_with (SipSimpleMsrpSession *self, GError *error)
{
  g_autoptr (GError) owned = error;
  const char *reason = error ? error->message : "Session closed";

  if (self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED)
    return;
  g_object_ref (self);
  sip_simple_msrp_session_set_state (self, SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED);
  teardown (self);
  if (self->prepare_task)
    {
      GTask *task = g_steal_pointer (&self->prepare_task);

      g_task_return_new_error (task, SIP_SIMPLE_MSRP_ERROR,
                               error ? error->code : SIP_SIMPLE_MSRP_ERROR_CLOSED, "%s", reason);
      g_object_unref (task);
    }
  if (self->start_task)
    {
      GTask *task = g_steal_pointer (&self->start_task);

      g_task_return_new_error (task, SIP_SIMPLE_MSRP_ERROR,
                               error ? error->code : SIP_SIMPLE_MSRP_ERROR_CLOSED, "%s", reason);
      g_object_unref (task);
    }
  fail_all (self, reason);
  g_signal_emit (self, signals[SIGNAL_CLOSED], 0, error);
  g_object_unref (self);
}

static guint
effective_chunk_size (SipSimpleMsrpSession *self)
{
  return self->relay ? self->relay_chunk_size : self->chunk_size;
}

/* ---- GObject ------------------------------------------------------------ */

static void
sip_simple_msrp_session_init (SipSimpleMsrpSession *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->local_address = g_strdup ("127.0.0.1");
  self->chunk_size = DEFAULT_CHUNK_SIZE;
  self->relay_chunk_size = DEFAULT_RELAY_CHUNK_SIZE;
  self->report_mode = SIP_SIMPLE_MSRP_REPORT_FAILURE;
  self->max_buffered_size = DEFAULT_MAX_BUFFERED;
  self->transaction_timeout = DEFAULT_TIMEOUT;
  self->session_id = sip_simple_msrp_new_id (20);
  self->io_cancellable = g_cancellable_new ();
  self->accept_cancellable = g_cancellable_new ();
  self->read_buffer = g_malloc (SIP_SIMPLE_MSRP_READ_BUFFER_SIZE);
  self->transactions = sip_simple_msrp_transactions_new ();
  self->outgoing = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify)sip_simple_msrp_out_message_unref);
  self->incoming
      = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)in_message_free);
  self->refused = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_queue_init (&self->control);
  g_queue_init (&self->urgent);
  g_queue_init (&self->bulk);
  g_queue_init (&self->target_queue);
}

static void
sip_simple_msrp_session_dispose (GObject *object)
{
  SipSimpleMsrpSession *self = SIP_SIMPLE_MSRP_SESSION (object);

  if (self->state != SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED)
    {
      self->state = SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED;
      teardown (self);
    }
  G_OBJECT_CLASS (sip_simple_msrp_session_parent_class)->dispose (object);
}

static void
sip_simple_msrp_session_finalize (GObject *object)
{
  SipSimpleMsrpSession *self = SIP_SIMPLE_MSRP_SESSION (object);

  g_clear_pointer (&self->parser, sip_simple_msrp_parser_free);
  g_hash_table_unref (self->transactions);
  g_hash_table_unref (self->outgoing);
  g_hash_table_unref (self->incoming);
  g_hash_table_unref (self->refused);
  g_clear_object (&self->io_cancellable);
  g_clear_object (&self->conn_cancellable);
  g_clear_object (&self->accept_cancellable);
  g_clear_object (&self->certificate);
  g_clear_object (&self->tls_database);
  g_clear_pointer (&self->local_uri, sip_simple_msrp_uri_unref);
  g_clear_pointer (&self->relay, sip_simple_msrp_uri_unref);
  g_clear_pointer (&self->use_path, g_ptr_array_unref);
  g_clear_pointer (&self->remote_path, g_ptr_array_unref);
  g_clear_error (&self->close_error);
  g_free (self->read_buffer);
  g_free (self->local_address);
  g_free (self->remote_fingerprint);
  g_free (self->relay_username);
  g_free (self->relay_password);
  g_free (self->session_id);
  g_main_context_unref (self->context);
  G_OBJECT_CLASS (sip_simple_msrp_session_parent_class)->finalize (object);
}

static void
sip_simple_msrp_session_get_property (GObject *object, guint prop_id, GValue *value,
                                      GParamSpec *pspec)
{
  SipSimpleMsrpSession *self = SIP_SIMPLE_MSRP_SESSION (object);

  switch (prop_id)
    {
    case PROP_LOCAL_ADDRESS:
      g_value_set_string (value, self->local_address);
      break;
    case PROP_LOCAL_PORT:
      g_value_set_uint (value, self->local_port);
      break;
    case PROP_USE_TLS:
      g_value_set_boolean (value, self->use_tls);
      break;
    case PROP_TLS_CERTIFICATE:
      g_value_set_object (value, self->certificate);
      break;
    case PROP_TLS_DATABASE:
      g_value_set_object (value, self->tls_database);
      break;
    case PROP_REMOTE_FINGERPRINT:
      g_value_set_string (value, self->remote_fingerprint);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_CHUNK_SIZE:
      g_value_set_uint (value, self->chunk_size);
      break;
    case PROP_RELAY_CHUNK_SIZE:
      g_value_set_uint (value, self->relay_chunk_size);
      break;
    case PROP_REPORT_MODE:
      g_value_set_enum (value, self->report_mode);
      break;
    case PROP_MAX_BUFFERED_SIZE:
      g_value_set_uint64 (value, self->max_buffered_size);
      break;
    case PROP_TRANSACTION_TIMEOUT:
      g_value_set_uint (value, self->transaction_timeout);
      break;
    case PROP_LOCAL_URI:
      g_value_set_boxed (value, self->local_uri);
      break;
    case PROP_SESSION_ID:
      g_value_set_string (value, self->session_id);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_msrp_session_set_property (GObject *object, guint prop_id, const GValue *value,
                                      GParamSpec *pspec)
{
  SipSimpleMsrpSession *self = SIP_SIMPLE_MSRP_SESSION (object);

  switch (prop_id)
    {
    case PROP_LOCAL_ADDRESS:
      g_free (self->local_address);
      self->local_address = g_value_dup_string (value);
      if (self->local_address == NULL)
        self->local_address = g_strdup ("127.0.0.1");
      break;
    case PROP_LOCAL_PORT:
      self->local_port = g_value_get_uint (value);
      break;
    case PROP_USE_TLS:
      self->use_tls = g_value_get_boolean (value);
      break;
    case PROP_TLS_CERTIFICATE:
      g_set_object (&self->certificate, g_value_get_object (value));
      break;
    case PROP_TLS_DATABASE:
      g_set_object (&self->tls_database, g_value_get_object (value));
      break;
    case PROP_REMOTE_FINGERPRINT:
      g_free (self->remote_fingerprint);
      self->remote_fingerprint = g_value_dup_string (value);
      break;
    case PROP_ACTIVE:
      sip_simple_msrp_session_set_active (self, g_value_get_boolean (value));
      break;
    case PROP_CHUNK_SIZE:
      self->chunk_size = g_value_get_uint (value);
      break;
    case PROP_RELAY_CHUNK_SIZE:
      self->relay_chunk_size = g_value_get_uint (value);
      break;
    case PROP_REPORT_MODE:
      self->report_mode = g_value_get_enum (value);
      break;
    case PROP_MAX_BUFFERED_SIZE:
      self->max_buffered_size = g_value_get_uint64 (value);
      break;
    case PROP_TRANSACTION_TIMEOUT:
      self->transaction_timeout = g_value_get_uint (value);
      break;
    case PROP_SESSION_ID:
      {
        const char      *id = g_value_get_string (value);
        g_autofree char *text = id ? g_strdup_printf ("msrp://h/%s;tcp", id) : NULL;
        g_autoptr (SipSimpleMsrpUri) probe = text ? sip_simple_msrp_uri_parse (text, NULL) : NULL;

        if (id == NULL)
          break;
        if (probe == NULL || strchr (id, ';') || strchr (id, ' '))
          {
            g_critical ("Not an MSRP session-id: “%s”", id);
            break;
          }
        if (self->state != SIP_SIMPLE_MSRP_SESSION_STATE_NEW)
          {
            g_critical ("The session-id of an MSRP session is fixed once it is prepared");
            break;
          }
        g_free (self->session_id);
        self->session_id = g_strdup (id);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_msrp_session_class_init (SipSimpleMsrpSessionClass *klass)
{
  GObjectClass     *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = sip_simple_msrp_session_dispose;
  object_class->finalize = sip_simple_msrp_session_finalize;
  object_class->get_property = sip_simple_msrp_session_get_property;
  object_class->set_property = sip_simple_msrp_session_set_property;

  /**
   * SipSimpleMsrpSession:local-address:
   *
   * The address to listen on (an IPv4 or IPv6 literal), also the host of
   * the local URI. Not used with a relay.
   *
   * Since: 0.1
   */
  properties[PROP_LOCAL_ADDRESS]
      = g_param_spec_string ("local-address", NULL, NULL, "127.0.0.1", rw);
  /**
   * SipSimpleMsrpSession:local-port:
   *
   * The port to listen on; 0 (the default) picks a free one.
   *
   * Since: 0.1
   */
  properties[PROP_LOCAL_PORT] = g_param_spec_uint ("local-port", NULL, NULL, 0, 65535, 0, rw);
  /**
   * SipSimpleMsrpSession:use-tls:
   *
   * Whether the local URI is `msrps` (TLS). A passive TLS session needs
   * [property@SipSimple.MsrpSession:tls-certificate].
   *
   * Since: 0.1
   */
  properties[PROP_USE_TLS] = g_param_spec_boolean ("use-tls", NULL, NULL, FALSE, rw);
  /**
   * SipSimpleMsrpSession:tls-certificate:
   *
   * The certificate (with its private key) this side presents over TLS;
   * its fingerprint, sip_simple_msrp_certificate_fingerprint(), goes into
   * SDP's `a=fingerprint`.
   *
   * Since: 0.1
   */
  properties[PROP_TLS_CERTIFICATE]
      = g_param_spec_object ("tls-certificate", NULL, NULL, G_TYPE_TLS_CERTIFICATE, rw);
  /**
   * SipSimpleMsrpSession:tls-database:
   *
   * The CAs that an `msrps` relay's certificate (and a peer's, when no
   * [property@SipSimple.MsrpSession:remote-fingerprint] is set) is checked
   * against; %NULL for the system's.
   *
   * Since: 0.1
   */
  properties[PROP_TLS_DATABASE]
      = g_param_spec_object ("tls-database", NULL, NULL, G_TYPE_TLS_DATABASE, rw);
  /**
   * SipSimpleMsrpSession:remote-fingerprint:
   *
   * The peer's SHA-256 certificate fingerprint from its `a=fingerprint`
   * (`sha-256 AB:CD:…` or just the hex). When set, the peer's certificate
   * must match it (self-signed certificates are fine then); when unset,
   * the certificate must be valid for the system's CAs.
   *
   * Since: 0.1
   */
  properties[PROP_REMOTE_FINGERPRINT]
      = g_param_spec_string ("remote-fingerprint", NULL, NULL, NULL, rw);
  /**
   * SipSimpleMsrpSession:active:
   *
   * Whether this side opens the connection (RFC 6135 `a=setup:active`) and
   * binds it with an empty SEND; the passive side waits for it.
   *
   * Since: 0.1
   */
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, FALSE, rw);
  /**
   * SipSimpleMsrpSession:chunk-size:
   *
   * The largest chunk of a streamed or large message, in bytes; small
   * messages are sent between chunks.
   *
   * Since: 0.1
   */
  properties[PROP_CHUNK_SIZE] = g_param_spec_uint ("chunk-size", NULL, NULL, 1024, 16 * 1024 * 1024,
                                                   DEFAULT_CHUNK_SIZE, rw);
  /**
   * SipSimpleMsrpSession:relay-chunk-size:
   *
   * The largest chunk when the session goes through a relay (which
   * replaces [property@SipSimple.MsrpSession:chunk-size] then): relays read
   * each frame into a fixed buffer (Kamailio's msrp module: 16 KiB by
   * default, frames beyond it are dropped).
   *
   * Since: 0.1
   */
  properties[PROP_RELAY_CHUNK_SIZE] = g_param_spec_uint (
      "relay-chunk-size", NULL, NULL, 1024, 16 * 1024 * 1024, DEFAULT_RELAY_CHUNK_SIZE, rw);
  /**
   * SipSimpleMsrpSession:report-mode:
   *
   * The reports that sent messages ask for, and so when they count as
   * delivered.
   *
   * Since: 0.1
   */
  properties[PROP_REPORT_MODE]
      = g_param_spec_enum ("report-mode", NULL, NULL, SIP_SIMPLE_TYPE_MSRP_REPORT_MODE,
                           SIP_SIMPLE_MSRP_REPORT_FAILURE, rw);
  /**
   * SipSimpleMsrpSession:max-buffered-size:
   *
   * Incoming messages up to this size are assembled in memory and handed
   * whole to [signal@SipSimple.MsrpSession::message-received]; larger ones
   * only through [signal@SipSimple.MsrpSession::chunk-received] or a target
   * stream.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_BUFFERED_SIZE] = g_param_spec_uint64 ("max-buffered-size", NULL, NULL, 0,
                                                            G_MAXUINT64, DEFAULT_MAX_BUFFERED, rw);
  /**
   * SipSimpleMsrpSession:transaction-timeout:
   *
   * Seconds to wait for a response (and for a success report) before a
   * message fails with 408.
   *
   * Since: 0.1
   */
  properties[PROP_TRANSACTION_TIMEOUT]
      = g_param_spec_uint ("transaction-timeout", NULL, NULL, 1, 3600, DEFAULT_TIMEOUT, rw);
  /**
   * SipSimpleMsrpSession:local-uri:
   *
   * This endpoint's URI, known once prepared.
   *
   * Since: 0.1
   */
  properties[PROP_LOCAL_URI]
      = g_param_spec_boxed ("local-uri", NULL, NULL, SIP_SIMPLE_TYPE_MSRP_URI, ro);
  /**
   * SipSimpleMsrpSession:state:
   *
   * Where the session is in its life.
   *
   * Since: 0.1
   */
  properties[PROP_STATE]
      = g_param_spec_enum ("state", NULL, NULL, SIP_SIMPLE_TYPE_MSRP_SESSION_STATE,
                           SIP_SIMPLE_MSRP_SESSION_STATE_NEW, ro);
  /**
   * SipSimpleMsrpSession:session-id:
   *
   * The session-id of the local URI: random by default; set it before
   * preparing only when the URI is agreed beforehand (the GStreamer
   * elements do).
   *
   * Since: 0.1
   */
  properties[PROP_SESSION_ID] = g_param_spec_string ("session-id", NULL, NULL, NULL, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SipSimpleMsrpSession::message-started:
   * @self: the session
   * @message_id: the Message-ID
   * @content_type: (nullable): its Content-Type
   * @total: its size in bytes, or -1 when the sender does not know it
   *
   * The first chunk of an incoming message arrived. A handler may give the
   * message an output stream with sip_simple_msrp_session_set_message_target()
   * so that a large message goes to disk as it arrives.
   *
   * Since: 0.1
   */
  signals[SIGNAL_MESSAGE_STARTED]
      = g_signal_new ("message-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT64);
  /**
   * SipSimpleMsrpSession::chunk-received:
   * @self: the session
   * @message_id: the Message-ID
   * @offset: where @data goes in the message (0-based)
   * @data: a piece of the message body
   *
   * A piece of an incoming message body, in the order it arrived (progress
   * and streaming without buffering).
   *
   * Since: 0.1
   */
  signals[SIGNAL_CHUNK_RECEIVED]
      = g_signal_new ("chunk-received", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_UINT64, G_TYPE_BYTES);
  /**
   * SipSimpleMsrpSession::message-received:
   * @self: the session
   * @message_id: the Message-ID
   * @content_type: (nullable): its Content-Type
   * @body: (nullable): the whole body, or %NULL when the message went to a
   *   target stream or was larger than
   *   [property@SipSimple.MsrpSession:max-buffered-size]
   *
   * An incoming message is complete (and written to its target, if any).
   *
   * Since: 0.1
   */
  signals[SIGNAL_MESSAGE_RECEIVED]
      = g_signal_new ("message-received", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_BYTES);
  /**
   * SipSimpleMsrpSession::message-aborted:
   * @self: the session
   * @message_id: the Message-ID
   * @reason: why (interrupted by the sender, connection lost, target write failed)
   *
   * An incoming message will not complete.
   *
   * Since: 0.1
   */
  signals[SIGNAL_MESSAGE_ABORTED]
      = g_signal_new ("message-aborted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * SipSimpleMsrpSession::message-progress:
   * @self: the session
   * @message_id: the Message-ID of a streamed message
   * @sent: bytes written so far (including the resume offset)
   * @total: the size of the message, 0 while unknown
   *
   * A chunk of an outgoing streamed message was written.
   *
   * Since: 0.1
   */
  signals[SIGNAL_MESSAGE_PROGRESS]
      = g_signal_new ("message-progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_UINT64, G_TYPE_UINT64);
  /**
   * SipSimpleMsrpSession::message-delivered:
   * @self: the session
   * @message_id: the Message-ID
   *
   * A sent message arrived (see [enum@SipSimple.MsrpReportMode] for what
   * that means). Every sent message ends with this or
   * [signal@SipSimple.MsrpSession::message-failed].
   *
   * Since: 0.1
   */
  signals[SIGNAL_MESSAGE_DELIVERED]
      = g_signal_new ("message-delivered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * SipSimpleMsrpSession::message-failed:
   * @self: the session
   * @message_id: the Message-ID
   * @code: the MSRP status of the failure (a response or a failure
   *   report: 400, 403, 408 on timeout, 481, …), or 0 for a local failure
   *   (connection lost, session closed, cancelled, the stream could not be read)
   * @reason: the reason phrase or what went wrong
   *
   * A sent message did not arrive.
   *
   * Since: 0.1
   */
  signals[SIGNAL_MESSAGE_FAILED]
      = g_signal_new ("message-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_UINT, G_TYPE_STRING);
  /**
   * SipSimpleMsrpSession::closed:
   * @self: the session
   * @error: (nullable): why, or %NULL after sip_simple_msrp_session_close()
   *
   * The session is closed: the connection is gone, pending messages have
   * failed. Emitted once.
   *
   * Since: 0.1
   */
  signals[SIGNAL_CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

/* ---- public API --------------------------------------------------------- */

/**
 * sip_simple_msrp_session_new:
 *
 * Makes a session bound to the thread-default main context.
 *
 * Returns: (transfer full): a new session
 *
 * Since: 0.1
 */
SipSimpleMsrpSession *
sip_simple_msrp_session_new (void)
{
  return g_object_new (SIP_SIMPLE_TYPE_MSRP_SESSION, NULL);
}

/**
 * sip_simple_msrp_session_set_relay:
 * @self: a #SipSimpleMsrpSession
 * @relay: (nullable): the relay's URI (`msrps://relay.example.com;tcp`),
 *   or %NULL for none
 * @username: (nullable): the user name for the relay's digest challenge
 * @password: (nullable): the password
 *
 * Uses an MSRP relay (RFC 4976): sip_simple_msrp_session_prepare_async()
 * connects to it and authenticates with AUTH; the relay's Use-Path then
 * leads the local path. Call before preparing.
 *
 * Since: 0.1
 */
void
sip_simple_msrp_session_set_relay (SipSimpleMsrpSession *self, SipSimpleMsrpUri *relay,
                                   const char *username, const char *password)
{
  g_return_if_fail (SIP_SIMPLE_IS_MSRP_SESSION (self));
  g_clear_pointer (&self->relay, sip_simple_msrp_uri_unref);
  self->relay = relay ? sip_simple_msrp_uri_ref (relay) : NULL;
  g_free (self->relay_username);
  self->relay_username = g_strdup (username);
  g_free (self->relay_password);
  self->relay_password = g_strdup (password);
}

/**
 * sip_simple_msrp_session_get_relay:
 * @self: a #SipSimpleMsrpSession
 *
 * Gets the relay set with [method@SipSimple.MsrpSession.set_relay], or %NULL.
 *
 * Returns: (transfer none) (nullable): the relay set with
 *   [method@SipSimple.MsrpSession.set_relay], or %NULL
 *
 * Since: 0.1
 */
SipSimpleMsrpUri *
sip_simple_msrp_session_get_relay (SipSimpleMsrpSession *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_MSRP_SESSION (self), NULL);
  return self->relay;
}

/**
 * sip_simple_msrp_session_prepare_async:
 * @self: a #SipSimpleMsrpSession
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when prepared
 * @user_data: data for @callback
 *
 * Makes the local path known: listens on
 * [property@SipSimple.MsrpSession:local-address] and
 * [property@SipSimple.MsrpSession:local-port], or, with a relay, connects
 * to it and authenticates.
 *
 * Since: 0.1
 */
void
sip_simple_msrp_session_prepare_async (SipSimpleMsrpSession *self, GCancellable *cancellable,
                                       GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (SIP_SIMPLE_IS_MSRP_SESSION (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sip_simple_msrp_session_prepare_async);
  sip_simple_msrp_connect_prepare (self, g_steal_pointer (&task));
}

/**
 * sip_simple_msrp_session_prepare_finish:
 * @self: a #SipSimpleMsrpSession
 * @result: the result
 * @error: return location for a #GError
 *
 * Finishes sip_simple_msrp_session_prepare_async().
 *
 * Returns: %TRUE when the local path is known
 *
 * Since: 0.1
 */
gboolean
sip_simple_msrp_session_prepare_finish (SipSimpleMsrpSession *self, GAsyncResult *result,
                                        GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sip_simple_msrp_session_get_local_uri:
 * @self: a #SipSimpleMsrpSession
 *
 * This endpoint's own URI, the last element of its path.
 *
 * Returns: (transfer none) (nullable): this endpoint's URI, %NULL before
 *   the session is prepared
 *
 * Since: 0.1
 */
SipSimpleMsrpUri *
sip_simple_msrp_session_get_local_uri (SipSimpleMsrpSession *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_MSRP_SESSION (self), NULL);
  return self->local_uri;
}

/**
 * sip_simple_msrp_session_get_local_path:
 * @self: a #SipSimpleMsrpSession
 *
 * The path for SDP's `a=path`: the relay's Use-Path (if any), then the
 * local URI. Empty before the session is prepared.
 *
 * Returns: (transfer container) (element-type SipSimpleMsrpUri): the path
 *
 * Since: 0.1
 */
GPtrArray *
sip_simple_msrp_session_get_local_path (SipSimpleMsrpSession *self)
{
  GPtrArray *path;

  g_return_val_if_fail (SIP_SIMPLE_IS_MSRP_SESSION (self), NULL);
  path = path_copy (self->use_path);
  if (self->local_uri)
    g_ptr_array_add (path, sip_simple_msrp_uri_ref (self->local_uri));
  return path;
}

/**
 * sip_simple_msrp_session_get_remote_path:
 * @self: a #SipSimpleMsrpSession
 *
 * The peer's path as set with sip_simple_msrp_session_set_remote_path().
 *
 * Returns: (transfer container) (element-type SipSimpleMsrpUri): the
 *   peer's path, empty when not set
 *
 * Since: 0.1
 */
GPtrArray *
sip_simple_msrp_session_get_remote_path (SipSimpleMsrpSession *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_MSRP_SESSION (self), NULL);
  return path_copy (self->remote_path);
}

/**
 * sip_simple_msrp_session_set_remote_path:
 * @self: a #SipSimpleMsrpSession
 * @path: (element-type SipSimpleMsrpUri): the peer's `a=path`, relays
 *   first, its own URI last
 *
 * Sets where messages go. Call before sip_simple_msrp_session_start_async().
 *
 * Since: 0.1
 */
void
sip_simple_msrp_session_set_remote_path (SipSimpleMsrpSession *self, GPtrArray *path)
{
  g_return_if_fail (SIP_SIMPLE_IS_MSRP_SESSION (self));
  g_return_if_fail (path != NULL);
  g_clear_pointer (&self->remote_path, g_ptr_array_unref);
  self->remote_path = path_copy (path);
}

/**
 * sip_simple_msrp_session_get_active:
 * @self: a #SipSimpleMsrpSession
 *
 * Whether this side connects.
 *
 * Returns: whether this side connects (see [property@SipSimple.MsrpSession:active])
 *
 * Since: 0.1
 */
gboolean
sip_simple_msrp_session_get_active (SipSimpleMsrpSession *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_MSRP_SESSION (self), FALSE);
  return self->active;
}

/**
 * sip_simple_msrp_session_set_active:
 * @self: a #SipSimpleMsrpSession
 * @active: %TRUE to connect, %FALSE to wait for the peer
 *
 * Sets [property@SipSimple.MsrpSession:active].
 *
 * Since: 0.1
 */
void
sip_simple_msrp_session_set_active (SipSimpleMsrpSession *self, gboolean active)
{
  g_return_if_fail (SIP_SIMPLE_IS_MSRP_SESSION (self));
  active = !!active;
  if (self->active == active)
    return;
  self->active = active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

/**
 * sip_simple_msrp_session_get_state:
 * @self: a #SipSimpleMsrpSession
 *
 * Where the session is in its life.
 *
 * Returns: the state
 *
 * Since: 0.1
 */
SipSimpleMsrpSessionState
sip_simple_msrp_session_get_state (SipSimpleMsrpSession *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_MSRP_SESSION (self), SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED);
  return self->state;
}

/**
 * sip_simple_msrp_session_start_async:
 * @self: a prepared #SipSimpleMsrpSession with a remote path
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the session is connected
 * @user_data: data for @callback
 *
 * Connects the session. The active side connects to the first hop of the
 * remote path (or uses the relay connection) and sends an empty SEND
 * that binds the connection; the passive side waits for the peer's first
 * request and checks that its To-Path names this session and its
 * From-Path the negotiated peer. Through a relay the passive side is
 * connected at once.
 *
 * Since: 0.1
 */
void
sip_simple_msrp_session_start_async (SipSimpleMsrpSession *self, GCancellable *cancellable,
                                     GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (SIP_SIMPLE_IS_MSRP_SESSION (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sip_simple_msrp_session_start_async);
  sip_simple_msrp_connect_start (self, g_steal_pointer (&task));
}

/**
 * sip_simple_msrp_session_start_finish:
 * @self: a #SipSimpleMsrpSession
 * @result: the result
 * @error: return location for a #GError
 *
 * Finishes sip_simple_msrp_session_start_async().
 *
 * Returns: %TRUE when the session is connected
 *
 * Since: 0.1
 */
gboolean
sip_simple_msrp_session_start_finish (SipSimpleMsrpSession *self, GAsyncResult *result,
                                      GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static OutMessage *
new_out_message (SipSimpleMsrpSession *self, const char *content_type, guint64 total)
{
  OutMessage *msg = g_new0 (OutMessage, 1);

  msg->ref_count = 1;
  msg->id = sip_simple_msrp_new_id (16);
  msg->content_type = g_strdup (content_type);
  msg->total = total;
  msg->mode = self->report_mode;
  g_hash_table_replace (self->outgoing, msg->id, msg);
  return msg;
}

/**
 * sip_simple_msrp_session_send_message:
 * @self: a #SipSimpleMsrpSession
 * @content_type: the Content-Type, e.g. `message/cpim` or `text/plain`
 * @body: the message
 * @error: return location for a #GError
 *
 * Sends a message. Messages up to
 * [property@SipSimple.MsrpSession:chunk-size] (or
 * [property@SipSimple.MsrpSession:relay-chunk-size]) go out in one SEND, ahead of
 * the chunks of streamed messages; larger ones are chunked.
 *
 * Returns: (transfer full): the Message-ID, or %NULL with @error set when
 *   the session is closed
 *
 * Since: 0.1
 */
char *
sip_simple_msrp_session_send_message (SipSimpleMsrpSession *self, const char *content_type,
                                      GBytes *body, GError **error)
{
  OutMessage *msg;
  gsize       len;

  g_return_val_if_fail (SIP_SIMPLE_IS_MSRP_SESSION (self), NULL);
  g_return_val_if_fail (content_type != NULL, NULL);
  g_return_val_if_fail (body != NULL, NULL);
  len = g_bytes_get_size (body);
  if (len > effective_chunk_size (self))
    {
      g_autoptr (GInputStream) stream = g_memory_input_stream_new_from_bytes (body);

      return sip_simple_msrp_session_send_stream (self, content_type, stream, len, 0, error);
    }
  if (self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED)
    {
      g_set_error_literal (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_CLOSED,
                           "The MSRP session is closed");
      return NULL;
    }
  msg = new_out_message (self, content_type, len);
  msg->next = len;
  sip_simple_msrp_connection_queue (self, &self->urgent,
                                    make_send_frame (self, msg, 0, body, TRUE));
  return g_strdup (msg->id);
}

/**
 * sip_simple_msrp_session_send_stream:
 * @self: a #SipSimpleMsrpSession
 * @content_type: the Content-Type of the whole message
 * @stream: where the bytes come from, positioned at @offset
 * @size: the size of the whole message in bytes, or
 *   %SIP_SIMPLE_MSRP_SIZE_UNKNOWN to send until @stream ends (chunks then
 *   give `*` as the total until the last one)
 * @offset: where @stream starts in the message (0, or the resume point:
 *   the first byte the peer does not have)
 * @error: return location for a #GError
 *
 * Sends a large message in chunks of
 * [property@SipSimple.MsrpSession:chunk-size], reading the next chunk from
 * @stream only when the previous one was written to the socket, so memory
 * stays bounded whatever the size; small messages sent meanwhile go out
 * between chunks. [signal@SipSimple.MsrpSession::message-progress] follows
 * the chunks. @stream is read asynchronously in the session's context.
 *
 * Returns: (transfer full): the Message-ID, or %NULL with @error set
 *
 * Since: 0.1
 */
char *
sip_simple_msrp_session_send_stream (SipSimpleMsrpSession *self, const char *content_type,
                                     GInputStream *stream, guint64 size, guint64 offset,
                                     GError **error)
{
  OutMessage *msg;

  g_return_val_if_fail (SIP_SIMPLE_IS_MSRP_SESSION (self), NULL);
  g_return_val_if_fail (content_type != NULL, NULL);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  if (self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED)
    {
      g_set_error_literal (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_CLOSED,
                           "The MSRP session is closed");
      return NULL;
    }
  if (size != SIP_SIMPLE_MSRP_SIZE_UNKNOWN && offset > size)
    {
      g_set_error_literal (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_INVALID_ARGUMENT,
                           "The offset is beyond the size");
      return NULL;
    }
  msg = new_out_message (self, content_type, size);
  msg->stream = g_object_ref (stream);
  msg->next = offset;
  msg->unknown_size = size == SIP_SIMPLE_MSRP_SIZE_UNKNOWN;
  msg->held_offset = offset;
  if (!msg->unknown_size && offset == size)
    {
      /* nothing left (or an empty message): one empty final chunk */
      g_autoptr (GBytes) empty = g_bytes_new (NULL, 0);

      g_clear_object (&msg->stream);
      sip_simple_msrp_connection_queue (self, &self->urgent,
                                        make_send_frame (self, msg, offset, empty, TRUE));
    }
  else
    sip_simple_msrp_session_pump (self, msg);
  return g_strdup (msg->id);
}

/**
 * sip_simple_msrp_session_cancel_message:
 * @self: a #SipSimpleMsrpSession
 * @message_id: the Message-ID of an outgoing message
 *
 * Stops sending a message: no more chunks go out, the peer gets an empty
 * chunk flagged `#` (if it got any part of the message), and the message
 * fails with code 0 ("Cancelled").
 *
 * Returns: %TRUE when the message was still being sent
 *
 * Since: 0.1
 */
gboolean
sip_simple_msrp_session_cancel_message (SipSimpleMsrpSession *self, const char *message_id)
{
  OutMessage *msg;

  g_return_val_if_fail (SIP_SIMPLE_IS_MSRP_SESSION (self), FALSE);
  g_return_val_if_fail (message_id != NULL, FALSE);
  msg = g_hash_table_lookup (self->outgoing, message_id);
  if (msg == NULL)
    return FALSE;
  if (msg->stream && msg->written > 0 && self->out)
    {
      /* tell the peer: an empty chunk with '#' ends the message */
      g_autofree char *to = sip_simple_msrp_connection_to_path (self);
      g_autofree char *from = sip_simple_msrp_connection_from_path (self);
      g_autofree char *range = g_strdup_printf ("%" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT "/%s",
                                                msg->written + 1, msg->written, "*");
      OutFrame *frame = sip_simple_msrp_out_frame_new_request ("SEND", to, from, '#', "Message-ID",
                                                               msg->id, "Byte-Range", range,
                                                               "Failure-Report", "no", NULL);

      sip_simple_msrp_connection_queue (self, &self->urgent, frame);
    }
  message_failed (self, msg, 0, "Cancelled");
  return TRUE;
}

/**
 * sip_simple_msrp_session_set_message_target:
 * @self: a #SipSimpleMsrpSession
 * @message_id: the Message-ID of an incoming message
 * @target: where its body goes
 * @error: return location for a #GError
 *
 * Writes an incoming message to @target as it arrives (asynchronously;
 * reading from the connection pauses while a write is pending, so a slow
 * disk slows the sender instead of filling memory). Call from
 * [signal@SipSimple.MsrpSession::message-started]; the message is then
 * not buffered, and [signal@SipSimple.MsrpSession::message-received]
 * comes when the last byte was written. The session does not close
 * @target. Chunks are written in arrival order (resumed transfers arrive
 * in order).
 *
 * Returns: %TRUE, or %FALSE with @error set when the message is unknown
 *
 * Since: 0.1
 */
gboolean
sip_simple_msrp_session_set_message_target (SipSimpleMsrpSession *self, const char *message_id,
                                            GOutputStream *target, GError **error)
{
  InMessage *in;

  g_return_val_if_fail (SIP_SIMPLE_IS_MSRP_SESSION (self), FALSE);
  g_return_val_if_fail (message_id != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (target), FALSE);
  in = g_hash_table_lookup (self->incoming, message_id);
  if (in == NULL)
    {
      g_set_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_INVALID_ARGUMENT,
                   "No incoming message “%s”", message_id);
      return FALSE;
    }
  g_set_object (&in->target, target);
  g_clear_pointer (&in->buffer, g_byte_array_unref);
  return TRUE;
}

/**
 * sip_simple_msrp_session_set_message_offset:
 * @self: a #SipSimpleMsrpSession
 * @message_id: the Message-ID of an incoming message
 * @offset: how many bytes of the message this side already has (its
 *   first @offset bytes, from an earlier, interrupted transfer)
 * @error: return location for a #GError
 *
 * Declares an incoming message a resumed one (RFC 5547 `a=file-range`):
 * its sender sends only the bytes from @offset on, so the message is
 * complete when those arrived. Call from
 * [signal@SipSimple.MsrpSession::message-started].
 *
 * Returns: %TRUE, or %FALSE with @error set when the message is unknown
 *   or @offset is beyond its size
 *
 * Since: 0.1
 */
gboolean
sip_simple_msrp_session_set_message_offset (SipSimpleMsrpSession *self, const char *message_id,
                                            guint64 offset, GError **error)
{
  InMessage *in;

  g_return_val_if_fail (SIP_SIMPLE_IS_MSRP_SESSION (self), FALSE);
  g_return_val_if_fail (message_id != NULL, FALSE);
  in = g_hash_table_lookup (self->incoming, message_id);
  if (in == NULL)
    {
      g_set_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_INVALID_ARGUMENT,
                   "No incoming message “%s”", message_id);
      return FALSE;
    }
  if (in->total >= 0 && offset > (guint64)in->total)
    {
      g_set_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_INVALID_ARGUMENT,
                   "Offset %" G_GUINT64_FORMAT " is beyond message “%s”", offset, message_id);
      return FALSE;
    }
  in->received += offset;
  return TRUE;
}

/**
 * sip_simple_msrp_session_close:
 * @self: a #SipSimpleMsrpSession
 *
 * Closes the connection and the listening port. Messages still pending
 * fail, incoming ones abort, and [signal@SipSimple.MsrpSession::closed]
 * is emitted with no error. Nothing happens when already closed.
 *
 * Since: 0.1
 */
void
sip_simple_msrp_session_close (SipSimpleMsrpSession *self)
{
  g_return_if_fail (SIP_SIMPLE_IS_MSRP_SESSION (self));
  sip_simple_msrp_session_close_with (self, NULL);
}

/**
 * sip_simple_msrp_certificate_fingerprint:
 * @certificate: a certificate
 *
 * The SHA-256 fingerprint of @certificate as SDP's `a=fingerprint`
 * (RFC 8122) writes it after `sha-256 `: upper-case hex bytes separated
 * by colons.
 *
 * Returns: (transfer full): the fingerprint
 *
 * Since: 0.1
 */
char *
sip_simple_msrp_certificate_fingerprint (GTlsCertificate *certificate)
{
  g_autoptr (GByteArray) der = NULL;
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8   digest[32];
  gsize    len = sizeof digest;
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);
  g_object_get (certificate, "certificate", &der, NULL);
  g_checksum_update (sum, der->data, der->len);
  g_checksum_get_digest (sum, digest, &len);
  for (gsize i = 0; i < len; i++)
    g_string_append_printf (s, i ? ":%02X" : "%02X", digest[i]);
  return g_string_free (s, FALSE);
}
