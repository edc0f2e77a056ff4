/* libsipsimple - SipSimpleMsrpSession, one MSRP session (RFC 4975, 4976, 6135)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/msrp/msrp-session.h>
#include <sipsimple/msrp/msrp-error.h>
#include <sipsimple/msrp/msrp-uri.h>

#include "msrp-parser-private.h"
#include "sip/digest-internal.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
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

#define READ_BUFFER_SIZE (256 * 1024)
#define DEFAULT_CHUNK_SIZE (64 * 1024)
/* Relays read a frame into a fixed buffer: Kamailio's is 16 KiB */
#define DEFAULT_RELAY_CHUNK_SIZE (8 * 1024)
#define DEFAULT_MAX_BUFFERED (16 * 1024 * 1024)
#define DEFAULT_TIMEOUT 30
#define TX_TIMER_MS 250
/* chunks of a stream read and queued ahead of the socket */
#define READ_AHEAD_CHUNKS 2
#define READ_BLOCK_CHUNKS 4

typedef enum {
  TX_BIND,
  TX_AUTH,
  TX_SEND,
} TxKind;

typedef struct _OutMessage OutMessage;

typedef struct
{
  GBytes     *head;
  GBytes     *body; /* nullable */
  GBytes     *end;
  char       *tid;
  TxKind      kind;
  OutMessage *msg; /* SEND chunks: a reference */
  gboolean    expects_response;
  gboolean    last;
  gboolean    chunked; /* part of a streamed message */
  guint64     offset;
} OutFrame;

struct _OutMessage
{
  gint          ref_count;
  char         *id;
  char         *content_type;
  GInputStream *stream; /* NULL for a single-frame message */
  guint64       total;
  guint64       next; /* next byte offset to read and send (0-based) */
  guint64       written;
  gboolean      unknown_size; /* total is known at the end of the stream */
  gboolean      eof;
  GBytes       *held;         /* unknown size: the chunk read ahead */
  guint64       held_offset;
  gboolean      reading;
  guint         queued;  /* frames in the queue, not yet written */
  guint         pending; /* transactions waiting for a response */
  gboolean      all_sent;
  gboolean      done;
  SipSimpleMsrpReportMode mode;
  GSource      *report_timeout;
};

typedef struct
{
  char       *tid;
  TxKind      kind;
  OutMessage *msg; /* reference, SEND only */
  gboolean    last;
  gint64      deadline; /* monotonic */
} Transaction;

typedef struct
{
  char          *id;
  char          *content_type;
  gint64         total;
  guint64        received;
  GByteArray    *buffer; /* NULL once not buffering */
  GOutputStream *target;
  gboolean       complete;
  gboolean       started_signal;
  gint64         final_size; /* known from the '$' chunk, -1 before */
} InMessage;

struct _SipSimpleMsrpSession
{
  GObject parent_instance;

  GMainContext             *context;
  SipSimpleMsrpSessionState state;

  /* configuration */
  char                   *local_address;
  guint                   local_port;
  gboolean                use_tls;
  GTlsCertificate        *certificate;
  GTlsDatabase           *tls_database;
  char                   *remote_fingerprint;
  gboolean                active;
  guint                   chunk_size;
  guint                   relay_chunk_size;
  SipSimpleMsrpReportMode report_mode;
  guint64                 max_buffered_size;
  guint                   transaction_timeout;
  SipSimpleMsrpUri       *relay;
  char                   *relay_username;
  char                   *relay_password;

  /* paths */
  char             *session_id;
  SipSimpleMsrpUri *local_uri;
  GPtrArray        *use_path; /* from the relay's 200 to AUTH */
  GPtrArray        *remote_path;

  /* listening (passive side without a relay) */
  GSocketListener *listener;
  GCancellable    *accept_cancellable;

  /* the connection */
  GIOStream           *conn;
  GInputStream        *in;
  GOutputStream       *out;
  GCancellable        *io_cancellable;   /* everything of the session */
  GCancellable        *conn_cancellable; /* reads and writes of the current connection */
  SipSimpleMsrpParser *parser;
  guint8              *read_buffer;
  gboolean             reading;
  gboolean             in_feed;
  gboolean             bound;
  gboolean             discard_frame; /* body of a refused request */
  guint64              frame_offset;  /* body bytes of the current frame so far */
  InMessage           *frame_message; /* the incoming message of the current frame */
  gboolean             frame_dropped; /* ... was aborted while the frame arrived: 413 */
  GQueue               target_queue; /* TargetWrite: reading pauses while not empty */
  gpointer             target_current;

  /* writing */
  GQueue   control; /* bind and AUTH: go out before the session is bound */
  GQueue   urgent;  /* responses, reports, small messages */
  GQueue   bulk;    /* chunks of streamed messages */
  gboolean writing;
  gboolean start_called;      /* start_async() was called */
  gboolean drop_when_flushed; /* a refused connection of a passive session */
  GSource *bind_timeout;      /* an accepted connection must bind in time */
  gboolean close_when_flushed;
  GError  *close_error;

  GHashTable *transactions; /* tid -> Transaction */
  GSource    *tx_timer;
  GHashTable *outgoing;     /* message id -> OutMessage */
  GHashTable *incoming;     /* message id -> InMessage */
  GHashTable *refused;      /* ids of incoming messages answered with 413 */

  GTask *prepare_task;
  GTask *start_task;
  int    auth_attempts;
};

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

enum {
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

enum {
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

static void     schedule_write (SipSimpleMsrpSession *self);
static guint    effective_chunk_size (SipSimpleMsrpSession *self);
static void     schedule_read (SipSimpleMsrpSession *self);
static void     pump_message (SipSimpleMsrpSession *self, OutMessage *msg);
static void     fail_session (SipSimpleMsrpSession *self, GError *error);
static gboolean start_reading_connection (SipSimpleMsrpSession *self, GIOStream *conn);
static void     connection_failed (SipSimpleMsrpSession *self, GError *error);
static gboolean passive_waiting (SipSimpleMsrpSession *self);

/* ---- small helpers ------------------------------------------------------ */

/* Sources live in the session's context, which need not be the global
 * default one: keep the GSource, never a bare id for g_source_remove() */
static void
clear_source (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_source_unref (*source);
  *source = NULL;
}

static OutMessage *
out_message_ref (OutMessage *msg)
{
  msg->ref_count++;
  return msg;
}

static void
out_message_unref (OutMessage *msg)
{
  if (--msg->ref_count > 0)
    return;
  clear_source (&msg->report_timeout);
  g_free (msg->id);
  g_free (msg->content_type);
  g_clear_object (&msg->stream);
  g_clear_pointer (&msg->held, g_bytes_unref);
  g_free (msg);
}

static void
out_frame_free (OutFrame *frame)
{
  g_clear_pointer (&frame->head, g_bytes_unref);
  g_clear_pointer (&frame->body, g_bytes_unref);
  g_clear_pointer (&frame->end, g_bytes_unref);
  g_free (frame->tid);
  if (frame->msg)
    out_message_unref (frame->msg);
  g_free (frame);
}

static void
transaction_free (Transaction *tx)
{
  if (tx->msg)
    out_message_unref (tx->msg);
  g_free (tx->tid);
  g_free (tx);
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

static void
set_state (SipSimpleMsrpSession *self, SipSimpleMsrpSessionState state)
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

/* To-Path of what we send: our relays, then the peer's path */
static char *
to_path_string (SipSimpleMsrpSession *self)
{
  g_autoptr (GPtrArray) path = path_copy (self->use_path);

  if (self->remote_path)
    for (guint i = 0; i < self->remote_path->len; i++)
      g_ptr_array_add (path, sip_simple_msrp_uri_ref (g_ptr_array_index (self->remote_path, i)));
  return sip_simple_msrp_uri_path_to_string (path);
}

static char *
from_path_string (SipSimpleMsrpSession *self)
{
  return sip_simple_msrp_uri_to_string (self->local_uri);
}

static GBytes *
gstring_to_bytes (GString *s)
{
  return g_string_free_to_bytes (s);
}

/* ---- writing ------------------------------------------------------------ */

static void
queue_frame (SipSimpleMsrpSession *self, GQueue *queue, OutFrame *frame)
{
  g_queue_push_tail (queue, frame);
  if (frame->msg)
    frame->msg->queued++;
  schedule_write (self);
}

static GBytes *
end_line_bytes (const char *tid, char flag, gboolean has_body)
{
  char *line = sip_simple_msrp_end_line (tid, flag, has_body);

  return g_bytes_new_take (line, strlen (line));
}

static OutFrame *
make_response (const char *tid, guint status, const char *reason, const char *to, const char *from)
{
  OutFrame        *frame = g_new0 (OutFrame, 1);
  g_autofree char *line = g_strdup_printf ("%03u %s", status, reason);
  GString         *head = sip_simple_msrp_frame_head_new (tid, line);

  /* a response goes back along the request: To-Path is the sender (the
   * request's From-Path's first hop), From-Path is us */
  if (to)
    sip_simple_msrp_frame_head_add (head, "To-Path", to);
  if (from)
    sip_simple_msrp_frame_head_add (head, "From-Path", from);
  sip_simple_msrp_frame_head_end (head, FALSE);
  frame->head = gstring_to_bytes (head);
  frame->end = end_line_bytes (tid, '$', FALSE);
  frame->tid = g_strdup (tid);
  return frame;
}

static gboolean
transaction_timed_out (gpointer data);

static void
register_transaction (SipSimpleMsrpSession *self, OutFrame *frame)
{
  Transaction *tx = g_new0 (Transaction, 1);

  tx->tid = g_strdup (frame->tid);
  tx->kind = frame->kind;
  tx->msg = frame->msg ? out_message_ref (frame->msg) : NULL;
  tx->last = frame->last;
  tx->deadline = g_get_monotonic_time () + (gint64)self->transaction_timeout * G_USEC_PER_SEC;
  /* one timer checks every pending transaction: cheaper than a source
   * per chunk at thousands of chunks per second */
  if (self->tx_timer == NULL)
    {
      self->tx_timer = g_timeout_source_new (TX_TIMER_MS);
      g_source_set_callback (self->tx_timer, transaction_timed_out, self, NULL);
      g_source_attach (self->tx_timer, self->context);
    }
  g_hash_table_replace (self->transactions, tx->tid, tx);
  if (tx->msg)
    tx->msg->pending++;
}

static void message_delivered (SipSimpleMsrpSession *self, OutMessage *msg);
static void message_failed (SipSimpleMsrpSession *self, OutMessage *msg, guint code, const char *reason);
static void maybe_finish_message (SipSimpleMsrpSession *self, OutMessage *msg);

/* Frames queued together go out in one writev (responses to a burst of
 * chunks, a run of chat messages, chunks read ahead) */
#define MAX_BATCH_FRAMES 16
#define MAX_BATCH_BYTES (512 * 1024)

typedef struct
{
  SipSimpleMsrpSession *self;
  GOutputStream        *out;
  OutFrame             *frames[MAX_BATCH_FRAMES];
  guint                 n_frames;
  GOutputVector         vectors[MAX_BATCH_FRAMES * 3]; /* must outlive the async write */
} WriteOp;

static void
write_op_free (WriteOp *op)
{
  for (guint i = 0; i < op->n_frames; i++)
    out_frame_free (op->frames[i]);
  g_object_unref (op->out);
  g_free (op);
}

static void
write_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  WriteOp  *op = user_data;
  g_autoptr (SipSimpleMsrpSession) self = op->self;
  g_autoptr (GError) error = NULL;
  gboolean  ok = g_output_stream_writev_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error);
  gboolean  current = op->out == self->out;

  if (!current || self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED)
    {
      /* a dropped connection, or closed meanwhile */
      write_op_free (op);
      return;
    }
  self->writing = FALSE;
  if (!ok)
    {
      write_op_free (op);
      connection_failed (self, g_error_new (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_CONNECTION,
                                            "MSRP write failed: %s", error->message));
      return;
    }
  for (guint i = 0; i < op->n_frames && self->state != SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED; i++)
    {
      OutFrame *frame = op->frames[i];

      if (frame->msg && !frame->msg->done)
        {
          OutMessage *msg = out_message_ref (frame->msg);

          if (frame->body)
            msg->written = frame->offset + g_bytes_get_size (frame->body);
          if (msg->stream || frame->chunked)
            g_signal_emit (self, signals[SIGNAL_MESSAGE_PROGRESS], 0, msg->id, msg->written,
                           msg->unknown_size && !msg->eof ? (guint64)0 : msg->total);
          maybe_finish_message (self, msg);
          pump_message (self, msg);
          out_message_unref (msg);
        }
    }
  write_op_free (op);
  if (self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED)
    return;
  if ((self->close_when_flushed || self->drop_when_flushed) && g_queue_is_empty (&self->control)
      && (!self->bound || g_queue_is_empty (&self->urgent)))
    {
      if (self->drop_when_flushed)
        connection_failed (self, g_error_new_literal (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_PROTOCOL,
                                                      "MSRP: refused a connection"));
      else
        fail_session (self, g_steal_pointer (&self->close_error));
      return;
    }
  schedule_write (self);
}

static OutFrame *
next_frame (SipSimpleMsrpSession *self)
{
  for (;;)
    {
      OutFrame *frame = NULL;

      if (!g_queue_is_empty (&self->control))
        frame = g_queue_pop_head (&self->control);
      else if (self->bound && !g_queue_is_empty (&self->urgent))
        frame = g_queue_pop_head (&self->urgent);
      else if (self->bound && !self->close_when_flushed && !g_queue_is_empty (&self->bulk))
        frame = g_queue_pop_head (&self->bulk);
      if (frame == NULL)
        return NULL;
      if (frame->msg)
        {
          frame->msg->queued--;
          if (frame->msg->done)
            {
              /* cancelled or failed meanwhile */
              out_frame_free (frame);
              continue;
            }
        }
      return frame;
    }
}

static void
schedule_write (SipSimpleMsrpSession *self)
{
  WriteOp *op;
  guint    n = 0;
  gsize    bytes = 0;

  if (self->writing || self->out == NULL || self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED)
    return;
  op = g_new0 (WriteOp, 1);
  while (op->n_frames < MAX_BATCH_FRAMES && bytes < MAX_BATCH_BYTES)
    {
      OutFrame *frame = next_frame (self);
      gsize     size;

      if (frame == NULL)
        break;
      op->frames[op->n_frames++] = frame;
      if (frame->msg && frame->last)
        frame->msg->all_sent = TRUE;
      if (frame->expects_response)
        register_transaction (self, frame);
      op->vectors[n].buffer = g_bytes_get_data (frame->head, &size);
      op->vectors[n++].size = size;
      bytes += size;
      if (frame->body)
        {
          op->vectors[n].buffer = g_bytes_get_data (frame->body, &size);
          op->vectors[n++].size = size;
          bytes += size;
        }
      op->vectors[n].buffer = g_bytes_get_data (frame->end, &size);
      op->vectors[n++].size = size;
    }
  if (op->n_frames == 0)
    {
      g_free (op);
      return;
    }
  op->self = g_object_ref (self);
  op->out = g_object_ref (self->out);
  self->writing = TRUE;
  g_output_stream_writev_all_async (self->out, op->vectors, n, G_PRIORITY_DEFAULT, self->conn_cancellable, write_done,
                                    op);
  /* stream messages read their next chunks while these are written */
  for (guint i = 0; i < op->n_frames; i++)
    if (op->frames[i]->msg && op->frames[i]->msg->stream)
      pump_message (self, op->frames[i]->msg);
}

/* ---- outgoing messages -------------------------------------------------- */

static OutFrame *
make_send_frame (SipSimpleMsrpSession *self, OutMessage *msg, guint64 offset, GBytes *body, gboolean last)
{
  OutFrame        *frame = g_new0 (OutFrame, 1);
  g_autofree char *tid = sip_simple_msrp_new_id (12);
  g_autofree char *to = to_path_string (self);
  g_autofree char *from = from_path_string (self);
  g_autofree char *range = NULL;
  gsize            len = body ? g_bytes_get_size (body) : 0;
  GString         *head = sip_simple_msrp_frame_head_new (tid, "SEND");

  sip_simple_msrp_frame_head_add (head, "To-Path", to);
  sip_simple_msrp_frame_head_add (head, "From-Path", from);
  sip_simple_msrp_frame_head_add (head, "Message-ID", msg->id);
  if (msg->unknown_size && !last)
    range = g_strdup_printf ("%" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT "/*", offset + 1, offset + len);
  else
    range = g_strdup_printf ("%" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT, offset + 1,
                             offset + len, msg->total);
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
  frame->head = gstring_to_bytes (head);
  frame->body = len > 0 ? g_bytes_ref (body) : NULL;
  frame->end = end_line_bytes (tid, last ? '$' : '+', len > 0);
  frame->tid = g_steal_pointer (&tid);
  frame->kind = TX_SEND;
  frame->msg = out_message_ref (msg);
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
  clear_source (&msg->report_timeout);
  g_clear_object (&msg->stream);
  g_hash_table_remove (self->outgoing, msg->id);
}

static void
message_delivered (SipSimpleMsrpSession *self, OutMessage *msg)
{
  g_autofree char *id = NULL;

  if (msg->done)
    return;
  id = g_strdup (msg->id);
  out_message_ref (msg);
  finish_outgoing (self, msg);
  g_signal_emit (self, signals[SIGNAL_MESSAGE_DELIVERED], 0, id);
  out_message_unref (msg);
}

static void
message_failed (SipSimpleMsrpSession *self, OutMessage *msg, guint code, const char *reason)
{
  g_autofree char *id = NULL;

  if (msg->done)
    return;
  id = g_strdup (msg->id);
  out_message_ref (msg);
  finish_outgoing (self, msg);
  g_signal_emit (self, signals[SIGNAL_MESSAGE_FAILED], 0, id, code, reason);
  out_message_unref (msg);
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
      clear_source (&msg->report_timeout);
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

typedef struct
{
  SipSimpleMsrpSession *self;
  OutMessage           *msg;
} ChunkRead;

/* A block read from the stream goes out as chunks of at most the chunk
 * size (slices of the block, no copy); only the last slice of the last
 * block carries '$' */
static void
queue_chunks (SipSimpleMsrpSession *self, OutMessage *msg, guint64 offset, GBytes *block, gboolean last)
{
  gsize len = g_bytes_get_size (block);
  gsize chunk = effective_chunk_size (self);
  gsize at = 0;

  do
    {
      gsize n = MIN (chunk, len - at);
      g_autoptr (GBytes) slice = at == 0 && n == len ? g_bytes_ref (block) : g_bytes_new_from_bytes (block, at, n);

      at += n;
      queue_frame (self, &self->bulk, make_send_frame (self, msg, offset + at - n, slice, last && at == len));
    }
  while (at < len);
}

static void
chunk_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ChunkRead            *cr = user_data;
  OutMessage           *msg = cr->msg;
  g_autoptr (SipSimpleMsrpSession) self = cr->self;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  guint64   offset;
  gsize     len;

  g_free (cr);
  msg->reading = FALSE;
  if (self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED || msg->done)
    {
      out_message_unref (msg);
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
          pump_message (self, msg);
        }
      out_message_unref (msg);
      return;
    }
  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    {
      g_autofree char *reason = g_strdup_printf ("Reading the message failed: %s",
                                                 error ? error->message : "end of stream before its size");

      message_failed (self, msg, 0, reason);
      out_message_unref (msg);
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
  out_message_unref (msg);
}

static void
pump_message (SipSimpleMsrpSession *self, OutMessage *msg)
{
  guint64    want;
  ChunkRead *cr;

  if (msg->done || msg->stream == NULL || msg->reading || msg->queued >= READ_AHEAD_CHUNKS || msg->eof
      || (!msg->unknown_size && msg->next >= msg->total) || self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED)
    return;
  /* files are read in blocks of a few chunks: fewer trips to the thread
   * that GIO reads regular files in */
  want = (guint64)effective_chunk_size (self) * READ_BLOCK_CHUNKS;
  if (!msg->unknown_size)
    want = MIN (want, msg->total - msg->next);
  msg->reading = TRUE;
  cr = g_new0 (ChunkRead, 1);
  cr->self = g_object_ref (self);
  cr->msg = out_message_ref (msg);
  g_input_stream_read_bytes_async (msg->stream, want, G_PRIORITY_DEFAULT, self->io_cancellable, chunk_read, cr);
}

/* ---- incoming ----------------------------------------------------------- */

static char *
first_uri_of (const char *path)
{
  const char *sp = strchr (path, ' ');

  return sp ? g_strndup (path, sp - path) : g_strdup (path);
}

static char *
last_uri_of (const char *path)
{
  const char *sp = strrchr (path, ' ');

  return g_strdup (sp ? sp + 1 : path);
}

static void
respond (SipSimpleMsrpSession *self, SipSimpleMsrpFrame *frame, guint status, const char *reason)
{
  const char      *from_path = sip_simple_msrp_frame_get_header (frame, "From-Path");
  const char      *failure = sip_simple_msrp_frame_get_header (frame, "Failure-Report");
  g_autofree char *to = NULL;
  g_autofree char *from = NULL;

  if (g_strcmp0 (frame->method, "REPORT") == 0)
    return;
  if (failure && g_ascii_strcasecmp (failure, "no") == 0)
    return;
  if (failure && g_ascii_strcasecmp (failure, "partial") == 0 && status == 200)
    return;
  if (from_path)
    to = first_uri_of (from_path);
  from = self->local_uri ? sip_simple_msrp_uri_to_string (self->local_uri) : NULL;
  queue_frame (self, self->bound ? &self->urgent : &self->control, make_response (frame->tid, status, reason, to, from));
}

static gboolean
session_id_matches (const char *uri_text, SipSimpleMsrpUri *uri)
{
  g_autoptr (SipSimpleMsrpUri) parsed = NULL;

  if (uri == NULL)
    return FALSE;
  parsed = sip_simple_msrp_uri_parse (uri_text, NULL);
  return parsed != NULL && g_strcmp0 (sip_simple_msrp_uri_get_session_id (parsed),
                                      sip_simple_msrp_uri_get_session_id (uri)) == 0;
}

static void
complete_start (SipSimpleMsrpSession *self, GError *error)
{
  GTask *task = g_steal_pointer (&self->start_task);

  if (error == NULL)
    {
      self->bound = TRUE;
      clear_source (&self->bind_timeout);
      set_state (self, SIP_SIMPLE_MSRP_SESSION_STATE_CONNECTED);
      /* the listener has done its job */
      if (self->accept_cancellable)
        g_cancellable_cancel (self->accept_cancellable);
      if (self->listener)
        g_socket_listener_close (self->listener);
      schedule_write (self);
    }
  if (task)
    {
      if (error)
        g_task_return_error (task, error);
      else
        g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
  else if (error)
    g_error_free (error);
}

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
  if (strlen (status) >= 7 && g_ascii_isdigit (status[4]) && g_ascii_isdigit (status[5]) && g_ascii_isdigit (status[6]))
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

static gboolean
on_frame_start (SipSimpleMsrpFrame *frame, gpointer user_data, GError **error)
{
  SipSimpleMsrpSession *self = user_data;

  self->discard_frame = FALSE;
  self->frame_dropped = FALSE;
  self->frame_offset = 0;
  self->frame_message = NULL;
  if (self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED)
    {
      g_set_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_CLOSED, "Session closed");
      return FALSE;
    }
  if (!frame->is_request)
    return TRUE;

  {
    const char      *to_path = sip_simple_msrp_frame_get_header (frame, "To-Path");
    g_autofree char *first = first_uri_of (to_path);

    if (!session_id_matches (first, self->local_uri))
      {
        respond (self, frame, 481, "Session does not exist");
        self->discard_frame = TRUE;
        if (passive_waiting (self))
          self->drop_when_flushed = TRUE;
        return TRUE;
      }
  }
  if (!self->bound && self->remote_path && self->remote_path->len > 0)
    {
      /* passive side: the first request must come from the negotiated peer */
      const char      *from_path = sip_simple_msrp_frame_get_header (frame, "From-Path");
      g_autofree char *last = last_uri_of (from_path);

      if (!session_id_matches (last, g_ptr_array_index (self->remote_path, self->remote_path->len - 1)))
        {
          respond (self, frame, 403, "Unexpected peer");
          self->discard_frame = TRUE;
          if (passive_waiting (self))
            self->drop_when_flushed = TRUE;
          return TRUE;
        }
    }

  if (g_strcmp0 (frame->method, "SEND") == 0)
    {
      const char *id = sip_simple_msrp_frame_get_header (frame, "Message-ID");
      const char *ctype = sip_simple_msrp_frame_get_header (frame, "Content-Type");
      InMessage  *in;

      if (id == NULL)
        {
          respond (self, frame, 400, "Missing Message-ID");
          self->discard_frame = TRUE;
          return TRUE;
        }
      if (g_hash_table_contains (self->refused, id))
        {
          respond (self, frame, 413, "Message refused");
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
          g_signal_emit (self, signals[SIGNAL_MESSAGE_STARTED], 0, in->id, in->content_type, in->total);
          if (in->target)
            g_clear_pointer (&in->buffer, g_byte_array_unref);
          in->started_signal = TRUE;
          if (self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED)
            {
              g_set_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_CLOSED, "Session closed");
              return FALSE;
            }
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
static void target_write_next (SipSimpleMsrpSession *self);

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
  target_write_next (self);
}

static void
target_write_next (SipSimpleMsrpSession *self)
{
  while (self->target_current == NULL && self->state != SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED)
    {
      TargetWrite *tw = g_queue_pop_head (&self->target_queue);
      InMessage   *in;

      if (tw == NULL)
        {
          schedule_read (self);
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
      g_output_stream_write_all_async (tw->target, g_bytes_get_data (tw->bytes, NULL), g_bytes_get_size (tw->bytes),
                                       G_PRIORITY_DEFAULT, self->io_cancellable, target_write_done,
                                       g_object_ref (self));
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

static gboolean
on_frame_data (SipSimpleMsrpFrame *frame, const guint8 *data, gsize len, gpointer user_data, GError **error)
{
  SipSimpleMsrpSession *self = user_data;
  InMessage            *in = self->frame_message;
  guint64               offset = frame->range_start - 1 + self->frame_offset;

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
  if (self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED)
    {
      g_set_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_CLOSED, "Session closed");
      return FALSE;
    }
  return TRUE;
}

static void
send_success_report (SipSimpleMsrpSession *self, InMessage *in, const char *to_path)
{
  OutFrame        *frame = g_new0 (OutFrame, 1);
  g_autofree char *tid = sip_simple_msrp_new_id (12);
  g_autofree char *from = from_path_string (self);
  g_autofree char *range = g_strdup_printf ("1-%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT, in->received, in->received);
  GString         *head = sip_simple_msrp_frame_head_new (tid, "REPORT");

  sip_simple_msrp_frame_head_add (head, "To-Path", to_path);
  sip_simple_msrp_frame_head_add (head, "From-Path", from);
  sip_simple_msrp_frame_head_add (head, "Message-ID", in->id);
  sip_simple_msrp_frame_head_add (head, "Byte-Range", range);
  sip_simple_msrp_frame_head_add (head, "Status", "000 200 OK");
  sip_simple_msrp_frame_head_end (head, FALSE);
  frame->head = gstring_to_bytes (head);
  frame->end = end_line_bytes (tid, '$', FALSE);
  frame->tid = g_steal_pointer (&tid);
  queue_frame (self, &self->urgent, frame);
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

static gboolean
on_frame_end (SipSimpleMsrpFrame *frame, char flag, gpointer user_data, GError **error)
{
  SipSimpleMsrpSession *self = user_data;
  InMessage            *in = self->frame_message;

  self->frame_message = NULL;
  if (self->discard_frame)
    return TRUE;

  if (!frame->is_request)
    {
      Transaction *tx = g_hash_table_lookup (self->transactions, frame->tid);

      if (tx == NULL)
        return TRUE;
      g_hash_table_steal (self->transactions, frame->tid);
      switch (tx->kind)
        {
        case TX_BIND:
          if (frame->status == 200)
            complete_start (self, NULL);
          else
            complete_start (self, g_error_new (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_PROTOCOL,
                                               "The peer refused the session: %u %s", frame->status,
                                               frame->reason ? frame->reason : ""));
          break;
        case TX_AUTH:
          {
            void sip_simple_msrp_session_auth_response (SipSimpleMsrpSession *, SipSimpleMsrpFrame *);

            sip_simple_msrp_session_auth_response (self, frame);
            break;
          }
        case TX_SEND:
          if (tx->msg)
            {
              tx->msg->pending--;
              if (frame->status == 200)
                maybe_finish_message (self, tx->msg);
              else
                message_failed (self, tx->msg, frame->status, frame->reason ? frame->reason : "");
            }
          break;
        default:
          break;
        }
      transaction_free (tx);
      return self->state != SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED
             || (g_set_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_CLOSED, "Session closed"), FALSE);
    }

  if (g_strcmp0 (frame->method, "SEND") == 0)
    {
      gboolean was_bound = self->bound;

      if (self->frame_dropped)
        respond (self, frame, 413, "Message refused");
      else
        respond (self, frame, 200, "OK");
      if (!was_bound)
        complete_start (self, NULL);
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
            in->final_size = frame->range_total >= 0 ? frame->range_total
                                                     : frame->range_start - 1 + (gint64)self->frame_offset;
          if (in->complete || in->final_size < 0 || in->received < (guint64)in->final_size)
            return self->state != SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED
                   || (g_set_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_CLOSED, "Session closed"),
                       FALSE);
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
    respond (self, frame, 403, "Forbidden");
  else
    respond (self, frame, 501, "Not Implemented");

  if (self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED)
    {
      g_set_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_CLOSED, "Session closed");
      return FALSE;
    }
  return TRUE;
}

static const SipSimpleMsrpParserCallbacks parser_callbacks = {
  on_frame_start,
  on_frame_data,
  on_frame_end,
};

/* ---- reading ------------------------------------------------------------ */

static void
read_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SipSimpleMsrpSession) self = user_data;
  g_autoptr (GError) error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);

  if (self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED || source != (GObject *)self->in)
    return;
  self->reading = FALSE;
  if (n < 0)
    {
      connection_failed (self, g_error_new (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_CONNECTION,
                                            "MSRP connection lost: %s", error->message));
      return;
    }
  if (n == 0)
    {
      connection_failed (self, g_error_new_literal (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_CONNECTION,
                                                    "The peer closed the MSRP connection"));
      return;
    }
  self->in_feed = TRUE;
  if (!sip_simple_msrp_parser_feed (self->parser, self->read_buffer, n, &error))
    {
      gboolean    is_request = FALSE;
      const char *tid = sip_simple_msrp_parser_get_error_tid (self->parser, &is_request);

      self->in_feed = FALSE;
      if (self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED)
        return;
      g_debug ("MSRP: closing the connection: %s", error->message);
      if (tid && is_request)
        {
          /* the transaction is known: tell the peer why, then close */
          queue_frame (self, &self->control, make_response (tid, 400, "Bad Request", NULL, NULL));
          if (passive_waiting (self))
            self->drop_when_flushed = TRUE;
          else
            {
              self->close_when_flushed = TRUE;
              self->close_error = g_steal_pointer (&error);
            }
          return;
        }
      connection_failed (self, g_steal_pointer (&error));
      return;
    }
  self->in_feed = FALSE;
  target_write_next (self);
  schedule_read (self);
}

static void
schedule_read (SipSimpleMsrpSession *self)
{
  if (self->reading || self->in == NULL || self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED
      || self->target_current || !g_queue_is_empty (&self->target_queue) || self->close_when_flushed
      || self->drop_when_flushed)
    return;
  self->reading = TRUE;
  g_input_stream_read_async (self->in, self->read_buffer, READ_BUFFER_SIZE, G_PRIORITY_DEFAULT, self->conn_cancellable,
                             read_done, g_object_ref (self));
}

static gboolean
start_reading_connection (SipSimpleMsrpSession *self, GIOStream *conn)
{
  g_clear_object (&self->conn_cancellable);
  self->conn_cancellable = g_cancellable_new ();
  self->reading = FALSE;
  self->writing = FALSE;
  self->drop_when_flushed = FALSE;
  g_set_object (&self->conn, conn);
  self->in = g_io_stream_get_input_stream (conn);
  self->out = g_io_stream_get_output_stream (conn);
  if (self->parser)
    sip_simple_msrp_parser_free (self->parser);
  self->parser = sip_simple_msrp_parser_new (&parser_callbacks, self);
  schedule_read (self);
  schedule_write (self);
  return TRUE;
}

/* ---- failure and close -------------------------------------------------- */

static void
close_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (!g_io_stream_close_finish (G_IO_STREAM (source), result, &error))
    g_debug ("MSRP: closing a connection: %s", error->message);
  else
    g_debug ("MSRP: closed a connection");
}

static void
close_stream (GIOStream *conn)
{
  g_io_stream_close_async (conn, G_PRIORITY_DEFAULT, NULL, close_done, NULL);
}

static void
fail_all (SipSimpleMsrpSession *self, const char *reason)
{
  GList *msgs = g_hash_table_get_values (self->outgoing);
  GList *ins = g_hash_table_get_keys (self->incoming);

  for (GList *l = msgs; l; l = l->next)
    out_message_ref (l->data);
  for (GList *l = msgs; l; l = l->next)
    {
      message_failed (self, l->data, 0, reason);
      out_message_unref (l->data);
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
  OutFrame *frame;

  if (self->io_cancellable)
    g_cancellable_cancel (self->io_cancellable);
  if (self->conn_cancellable)
    g_cancellable_cancel (self->conn_cancellable);
  clear_source (&self->bind_timeout);
  if (self->accept_cancellable)
    g_cancellable_cancel (self->accept_cancellable);
  if (self->listener)
    {
      g_socket_listener_close (self->listener);
      g_clear_object (&self->listener);
    }
  while ((frame = g_queue_pop_head (&self->control)))
    out_frame_free (frame);
  while ((frame = g_queue_pop_head (&self->urgent)))
    out_frame_free (frame);
  while ((frame = g_queue_pop_head (&self->bulk)))
    out_frame_free (frame);
  g_queue_clear_full (&self->target_queue, (GDestroyNotify)target_write_free);
  g_hash_table_remove_all (self->transactions);
  clear_source (&self->tx_timer);
  if (self->conn)
    {
      close_stream (self->conn);
      g_clear_object (&self->conn);
    }
  self->in = NULL;
  self->out = NULL;
  if (self->parser && !self->in_feed)
    g_clear_pointer (&self->parser, sip_simple_msrp_parser_free);
}

static void
close_with (SipSimpleMsrpSession *self, GError *error)
{
  g_autoptr (GError) owned = error;
  const char *reason = error ? error->message : "Session closed";

  if (self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED)
    return;
  g_object_ref (self);
  set_state (self, SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED);
  teardown (self);
  if (self->prepare_task)
    {
      GTask *task = g_steal_pointer (&self->prepare_task);

      g_task_return_new_error (task, SIP_SIMPLE_MSRP_ERROR, error ? error->code : SIP_SIMPLE_MSRP_ERROR_CLOSED, "%s",
                               reason);
      g_object_unref (task);
    }
  if (self->start_task)
    {
      GTask *task = g_steal_pointer (&self->start_task);

      g_task_return_new_error (task, SIP_SIMPLE_MSRP_ERROR, error ? error->code : SIP_SIMPLE_MSRP_ERROR_CLOSED, "%s",
                               reason);
      g_object_unref (task);
    }
  fail_all (self, reason);
  g_signal_emit (self, signals[SIGNAL_CLOSED], 0, error);
  g_object_unref (self);
}

static void
fail_session (SipSimpleMsrpSession *self, GError *error)
{
  close_with (self, error);
}

static void accept_next (SipSimpleMsrpSession *self);

/* A passive session that has not been bound yet: a bad connection is
 * dropped and the session keeps waiting for its peer. */
static gboolean
passive_waiting (SipSimpleMsrpSession *self)
{
  return !self->bound && !self->active && self->relay == NULL && self->listener != NULL
         && self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CONNECTING;
}

static void
connection_failed (SipSimpleMsrpSession *self, GError *error)
{
  OutFrame *frame;

  if (!passive_waiting (self))
    {
      fail_session (self, error);
      return;
    }
  g_debug ("MSRP: dropping a connection before binding: %s", error->message);
  g_error_free (error);
  if (self->conn_cancellable)
    g_cancellable_cancel (self->conn_cancellable);
  while ((frame = g_queue_pop_head (&self->control)))
    out_frame_free (frame);
  if (self->conn)
    {
      close_stream (self->conn);
      g_clear_object (&self->conn);
    }
  self->in = NULL;
  self->out = NULL;
  self->reading = FALSE;
  self->writing = FALSE;
  self->drop_when_flushed = FALSE;
  if (self->parser && !self->in_feed)
    g_clear_pointer (&self->parser, sip_simple_msrp_parser_free);
  accept_next (self);
}

static gboolean
transaction_timed_out (gpointer data)
{
  SipSimpleMsrpSession *self = data;
  GHashTableIter        iter;
  gpointer              value;
  gint64                now = g_get_monotonic_time ();
  GPtrArray            *expired = g_ptr_array_new_with_free_func ((GDestroyNotify)transaction_free);
  gboolean              keep;

  g_hash_table_iter_init (&iter, self->transactions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Transaction *tx = value;

      if (tx->deadline <= now)
        {
          g_hash_table_iter_steal (&iter);
          g_ptr_array_add (expired, tx);
        }
    }
  g_object_ref (self);
  for (guint i = 0; i < expired->len && self->state != SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED; i++)
    {
      Transaction *tx = g_ptr_array_index (expired, i);

      if (tx->kind == TX_SEND && tx->msg)
        {
          tx->msg->pending--;
          message_failed (self, tx->msg, 408, "Request Timeout");
        }
      else if (tx->kind == TX_BIND)
        complete_start (self, g_error_new_literal (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_TIMEOUT,
                                                   "The peer did not answer the binding SEND"));
      else if (tx->kind == TX_AUTH)
        fail_session (self, g_error_new_literal (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_TIMEOUT,
                                                 "The relay did not answer AUTH"));
    }
  g_ptr_array_unref (expired);
  keep = self->tx_timer != NULL && g_hash_table_size (self->transactions) > 0
         && self->state != SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED;
  if (!keep && self->tx_timer != NULL)
    {
      /* made again with the next transaction */
      g_source_unref (self->tx_timer);
      self->tx_timer = NULL;
    }
  g_object_unref (self);
  return keep ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* ---- TLS ---------------------------------------------------------------- */

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

static gboolean
fingerprint_matches (const char *expected, GTlsCertificate *peer)
{
  g_autofree char *actual = NULL;
  const char      *e = expected;

  if (peer == NULL)
    return FALSE;
  if (g_ascii_strncasecmp (e, "sha-256 ", 8) == 0)
    e += 8;
  while (*e == ' ')
    e++;
  actual = sip_simple_msrp_certificate_fingerprint (peer);
  return g_ascii_strcasecmp (actual, e) == 0;
}

static gboolean
on_accept_certificate (GTlsConnection *conn, GTlsCertificate *peer, GTlsCertificateFlags errors, gpointer user_data)
{
  SipSimpleMsrpSession *self = user_data;

  /* the peer (not a relay) proves itself with the SDP fingerprint */
  if (g_object_get_data (G_OBJECT (conn), "msrp-peer") && self->remote_fingerprint && *self->remote_fingerprint)
    return fingerprint_matches (self->remote_fingerprint, peer);
  return errors == 0;
}

typedef void (*ConnReady) (SipSimpleMsrpSession *self, GIOStream *conn, GError *error);

typedef struct
{
  SipSimpleMsrpSession *self;
  ConnReady             ready;
} HandshakeData;

static void
handshake_data_free (HandshakeData *hd)
{
  g_object_unref (hd->self);
  g_free (hd);
}

static void
client_chain_verified (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask         *task = user_data;
  HandshakeData *hd = g_task_get_task_data (task);
  GIOStream     *tls = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;
  GTlsCertificateFlags flags = g_tls_database_verify_chain_finish (G_TLS_DATABASE (source), result, &error);

  if (error != NULL || flags != 0)
    hd->ready (hd->self, NULL,
               g_error_new (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_TLS,
                            "The MSRP peer's certificate is not trusted%s%s", error ? ": " : "",
                            error ? error->message : ""));
  else
    hd->ready (hd->self, tls, NULL);
  g_object_unref (task);
}

/* The client side checks its peer again once the handshake is over: a
 * resumed TLS session skips the certificate checks of the handshake (and
 * so accept-certificate), and a certificate its CA vouches for must still
 * be the one the SDP fingerprint names. Takes @hd. */
static void
verify_client_peer (HandshakeData *hd, GTlsConnection *tls)
{
  SipSimpleMsrpSession *self = hd->self;
  GTlsCertificate      *peer = g_tls_connection_get_peer_certificate (tls);
  g_autoptr (GTlsDatabase) database = NULL;
  GTask *task;

  if (peer == NULL)
    hd->ready (self, NULL, g_error_new_literal (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_TLS,
                                                "The MSRP peer sent no certificate"));
  else if (g_object_get_data (G_OBJECT (tls), "msrp-peer") && self->remote_fingerprint && *self->remote_fingerprint)
    {
      if (fingerprint_matches (self->remote_fingerprint, peer))
        hd->ready (self, G_IO_STREAM (tls), NULL);
      else
        hd->ready (self, NULL, g_error_new_literal (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_TLS,
                                                    "The peer's certificate does not match its fingerprint"));
    }
  else if ((database = self->tls_database ? g_object_ref (self->tls_database)
                                          : g_tls_backend_get_default_database (g_tls_backend_get_default ()))
           == NULL)
    hd->ready (self, NULL, g_error_new_literal (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_TLS,
                                                "The MSRP peer's certificate is not trusted: no CA database"));
  else
    {
      /* the chain check may read CA files: not on the main loop */
      task = g_task_new (tls, NULL, NULL, NULL);
      g_task_set_task_data (task, hd, (GDestroyNotify) handshake_data_free);
      g_tls_database_verify_chain_async (database, peer, G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                         g_tls_client_connection_get_server_identity (G_TLS_CLIENT_CONNECTION (tls)),
                                         NULL, G_TLS_DATABASE_VERIFY_NONE, self->io_cancellable,
                                         client_chain_verified, task);
      return;
    }
  handshake_data_free (hd);
}

static void
handshake_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  HandshakeData *hd = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_tls_connection_handshake_finish (G_TLS_CONNECTION (source), result, &error))
    {
      GError *e = g_error_new (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_TLS, "MSRP TLS handshake failed: %s",
                               error->message);
      hd->ready (hd->self, NULL, e);
    }
  else if (G_IS_TLS_SERVER_CONNECTION (source) && hd->self->remote_fingerprint && *hd->self->remote_fingerprint
           && !fingerprint_matches (hd->self->remote_fingerprint,
                                    g_tls_connection_get_peer_certificate (G_TLS_CONNECTION (source))))
    hd->ready (hd->self, NULL,
               g_error_new_literal (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_TLS,
                                    "The peer's certificate does not match its fingerprint"));
  else if (G_IS_TLS_CLIENT_CONNECTION (source))
    {
      verify_client_peer (hd, G_TLS_CONNECTION (source));
      return;
    }
  else
    hd->ready (hd->self, G_IO_STREAM (source), NULL);
  handshake_data_free (hd);
}

static void
wrap_tls (SipSimpleMsrpSession *self, GIOStream *base, gboolean server, GSocketConnectable *identity, gboolean peer,
          ConnReady ready)
{
  g_autoptr (GError) error = NULL;
  GIOStream     *tls;
  HandshakeData *hd;

  if (server)
    {
      tls = g_tls_server_connection_new (base, self->certificate, &error);
      if (tls)
        g_object_set (tls, "authentication-mode",
                      self->remote_fingerprint ? G_TLS_AUTHENTICATION_REQUIRED : G_TLS_AUTHENTICATION_REQUESTED, NULL);
    }
  else
    {
      tls = g_tls_client_connection_new (base, identity, &error);
      if (tls && self->certificate)
        g_tls_connection_set_certificate (G_TLS_CONNECTION (tls), self->certificate);
      if (tls && self->tls_database)
        g_tls_connection_set_database (G_TLS_CONNECTION (tls), self->tls_database);
    }
  if (tls == NULL)
    {
      ready (self, NULL, g_error_new (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_TLS, "MSRP TLS: %s", error->message));
      return;
    }
  if (peer)
    g_object_set_data (G_OBJECT (tls), "msrp-peer", GINT_TO_POINTER (1));
  g_signal_connect (tls, "accept-certificate", G_CALLBACK (on_accept_certificate), self);
  hd = g_new0 (HandshakeData, 1);
  hd->self = g_object_ref (self);
  hd->ready = ready;
  g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT, self->io_cancellable, handshake_done,
                                    hd);
  g_object_unref (tls);
}

/* ---- connecting (active side and relays) -------------------------------- */

typedef struct
{
  SipSimpleMsrpSession *self;
  gboolean              secure;
  gboolean              relay; /* validated by its CA, not by a fingerprint */
  char                 *host;
  ConnReady             ready;
} ConnectData;

static void
connect_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ConnectData *cd = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocketConnection) conn = g_socket_client_connect_to_host_finish (G_SOCKET_CLIENT (source), result, &error);
  SipSimpleMsrpSession *self = cd->self;

  if (conn == NULL)
    cd->ready (self, NULL, g_error_new (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_CONNECTION,
                                        "MSRP: cannot connect to %s: %s", cd->host, error->message));
  else
    {
      /* the client's timeout was for connecting: an idle chat is fine */
      g_socket_set_timeout (g_socket_connection_get_socket (conn), 0);
      g_socket_set_option (g_socket_connection_get_socket (conn), IPPROTO_TCP, TCP_NODELAY, 1, NULL);
      if (cd->secure)
        {
          g_autoptr (GSocketConnectable) identity = g_network_address_new (cd->host, 0);

          wrap_tls (self, G_IO_STREAM (conn), FALSE, identity, !cd->relay, cd->ready);
        }
      else
        cd->ready (self, G_IO_STREAM (conn), NULL);
    }
  g_object_unref (cd->self);
  g_free (cd->host);
  g_free (cd);
}

static void
connect_to (SipSimpleMsrpSession *self, SipSimpleMsrpUri *uri, ConnReady ready)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  ConnectData *cd = g_new0 (ConnectData, 1);
  guint16      port = sip_simple_msrp_uri_get_port (uri);

  cd->self = g_object_ref (self);
  cd->secure = sip_simple_msrp_uri_get_secure (uri);
  cd->host = g_strdup (sip_simple_msrp_uri_get_host (uri));
  cd->ready = ready;
  cd->relay = self->relay != NULL && uri == self->relay;
  g_socket_client_set_timeout (client, self->transaction_timeout);
  g_socket_client_set_enable_proxy (client, FALSE);
  g_socket_client_connect_to_host_async (client, cd->host, port ? port : SIP_SIMPLE_MSRP_DEFAULT_PORT,
                                         self->io_cancellable, connect_done, cd);
}

/* ---- relay AUTH (RFC 4976) ---------------------------------------------- */

static void
send_auth (SipSimpleMsrpSession *self, const char *authorization)
{
  OutFrame        *frame = g_new0 (OutFrame, 1);
  g_autofree char *tid = sip_simple_msrp_new_id (12);
  g_autofree char *to = sip_simple_msrp_uri_to_string (self->relay);
  g_autofree char *from = from_path_string (self);
  GString         *head = sip_simple_msrp_frame_head_new (tid, "AUTH");

  sip_simple_msrp_frame_head_add (head, "To-Path", to);
  sip_simple_msrp_frame_head_add (head, "From-Path", from);
  if (authorization)
    sip_simple_msrp_frame_head_add (head, "Authorization", authorization);
  sip_simple_msrp_frame_head_end (head, FALSE);
  frame->head = gstring_to_bytes (head);
  frame->end = end_line_bytes (tid, '$', FALSE);
  frame->tid = g_steal_pointer (&tid);
  frame->kind = TX_AUTH;
  frame->expects_response = TRUE;
  queue_frame (self, &self->control, frame);
}

static void
prepare_failed (SipSimpleMsrpSession *self, GError *error)
{
  GTask *task = g_steal_pointer (&self->prepare_task);

  if (task)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
    }
  else
    g_error_free (error);
}

static char *
make_authorization (SipSimpleMsrpSession *self, const char *challenge, GError **error)
{
  g_autoptr (GHashTable) params = NULL;
  SipSimpleDigestAlgorithm algorithm;
  const char              *realm, *nonce, *qop, *opaque, *alg;
  g_autofree char         *ha1 = NULL;
  g_autofree char         *cnonce = NULL;
  g_autofree char         *response = NULL;
  g_autofree char         *uri = sip_simple_msrp_uri_to_string (self->relay);
  gboolean                 use_qop;
  GString                 *s;

  if (g_ascii_strncasecmp (challenge, "Digest ", 7) != 0)
    {
      g_set_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_AUTH, "Unsupported MSRP challenge “%s”",
                   challenge);
      return NULL;
    }
  params = sip_simple_digest_parse_params (challenge + 7, error);
  if (params == NULL)
    return NULL;
  realm = g_hash_table_lookup (params, "realm");
  nonce = g_hash_table_lookup (params, "nonce");
  qop = g_hash_table_lookup (params, "qop");
  opaque = g_hash_table_lookup (params, "opaque");
  alg = g_hash_table_lookup (params, "algorithm");
  if (realm == NULL || nonce == NULL || !sip_simple_digest_algorithm_from_string (alg, &algorithm))
    {
      g_set_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_AUTH, "Unusable MSRP challenge “%s”",
                   challenge);
      return NULL;
    }
  use_qop = qop != NULL && strstr (qop, "auth") != NULL;
  cnonce = sip_simple_digest_new_cnonce ();
  ha1 = sip_simple_digest_ha1 (algorithm, self->relay_username, realm, self->relay_password, nonce, cnonce);
  response = sip_simple_digest_response (algorithm, ha1, nonce, "00000001", cnonce, use_qop ? "auth" : NULL, "AUTH",
                                         uri, NULL, 0);
  s = g_string_new ("Digest ");
  g_string_append_printf (s, "username=\"%s\", realm=\"%s\", nonce=\"%s\", uri=\"%s\", response=\"%s\"",
                          self->relay_username, realm, nonce, uri, response);
  if (alg)
    g_string_append_printf (s, ", algorithm=%s", alg);
  if (use_qop)
    g_string_append_printf (s, ", qop=auth, nc=00000001, cnonce=\"%s\"", cnonce);
  if (opaque)
    g_string_append_printf (s, ", opaque=\"%s\"", opaque);
  return g_string_free (s, FALSE);
}

void sip_simple_msrp_session_auth_response (SipSimpleMsrpSession *self, SipSimpleMsrpFrame *frame);

void
sip_simple_msrp_session_auth_response (SipSimpleMsrpSession *self, SipSimpleMsrpFrame *frame)
{
  if ((frame->status == 401 || frame->status == 407) && self->auth_attempts < 2)
    {
      const char      *challenge = sip_simple_msrp_frame_get_header (frame, "WWW-Authenticate");
      g_autoptr (GError) error = NULL;
      g_autofree char *authorization = NULL;

      self->auth_attempts++;
      if (challenge == NULL)
        challenge = sip_simple_msrp_frame_get_header (frame, "Proxy-Authenticate");
      if (challenge == NULL || self->relay_username == NULL)
        {
          prepare_failed (self, g_error_new (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_AUTH,
                                             "The MSRP relay wants credentials: %u %s", frame->status,
                                             frame->reason ? frame->reason : ""));
          return;
        }
      authorization = make_authorization (self, challenge, &error);
      if (authorization == NULL)
        {
          prepare_failed (self, g_steal_pointer (&error));
          return;
        }
      send_auth (self, authorization);
      return;
    }
  if (frame->status != 200)
    {
      prepare_failed (self, g_error_new (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_AUTH,
                                         "The MSRP relay refused AUTH: %u %s", frame->status,
                                         frame->reason ? frame->reason : ""));
      return;
    }
  {
    const char *use_path = sip_simple_msrp_frame_get_header (frame, "Use-Path");
    g_autoptr (GError) error = NULL;
    GPtrArray *path = use_path ? sip_simple_msrp_uri_parse_path (use_path, &error) : NULL;

    if (path == NULL)
      {
        prepare_failed (self, g_error_new (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_PROTOCOL,
                                           "The MSRP relay gave no usable Use-Path: %s",
                                           error ? error->message : "missing"));
        return;
      }
    g_clear_pointer (&self->use_path, g_ptr_array_unref);
    self->use_path = path;
    set_state (self, SIP_SIMPLE_MSRP_SESSION_STATE_PREPARED);
    {
      GTask *task = g_steal_pointer (&self->prepare_task);

      if (task)
        {
          g_task_return_boolean (task, TRUE);
          g_object_unref (task);
        }
    }
  }
}

static void
make_local_uri (SipSimpleMsrpSession *self, const char *host, guint16 port)
{
  g_clear_pointer (&self->local_uri, sip_simple_msrp_uri_unref);
  self->local_uri = sip_simple_msrp_uri_new (self->use_tls, host, port, self->session_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCAL_URI]);
}

static void
relay_connected (SipSimpleMsrpSession *self, GIOStream *conn, GError *error)
{
  GSocketConnection *sc;
  g_autoptr (GSocketAddress) local = NULL;

  if (self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED)
    {
      g_clear_error (&error);
      return;
    }
  if (error)
    {
      prepare_failed (self, error);
      return;
    }
  sc = G_IS_TLS_CONNECTION (conn) ? NULL : G_SOCKET_CONNECTION (conn);
  if (sc == NULL)
    {
      GIOStream *base = NULL;

      g_object_get (conn, "base-io-stream", &base, NULL);
      if (G_IS_SOCKET_CONNECTION (base))
        local = g_socket_connection_get_local_address (G_SOCKET_CONNECTION (base), NULL);
      g_clear_object (&base);
    }
  else
    local = g_socket_connection_get_local_address (sc, NULL);
  if (local && G_IS_INET_SOCKET_ADDRESS (local))
    {
      g_autofree char *host = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (local)));

      make_local_uri (self, host, g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)));
    }
  else
    make_local_uri (self, "127.0.0.1", 9);
  start_reading_connection (self, conn);
  send_auth (self, NULL);
}

/* ---- listening (passive side) ------------------------------------------- */

static gboolean
bind_timed_out (gpointer data)
{
  SipSimpleMsrpSession *self = data;

  clear_source (&self->bind_timeout);
  if (passive_waiting (self) && self->conn)
    connection_failed (self, g_error_new_literal (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_TIMEOUT,
                                                  "MSRP: the connection did not bind in time"));
  return G_SOURCE_REMOVE;
}

static void
accepted_ready (SipSimpleMsrpSession *self, GIOStream *conn, GError *error)
{
  if (self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED || self->bound)
    {
      g_clear_error (&error);
      if (conn)
        close_stream (conn);
      return;
    }
  if (error)
    {
      g_debug ("MSRP: incoming connection failed: %s", error->message);
      g_error_free (error);
      accept_next (self);
      return;
    }
  /* one connection at a time: the first that binds wins; one that
   * stalls is dropped after the transaction timeout */
  start_reading_connection (self, conn);
  clear_source (&self->bind_timeout);
  {
    GSource *source = g_timeout_source_new_seconds (self->transaction_timeout);

    g_source_set_callback (source, bind_timed_out, self, NULL);
    g_source_attach (source, self->context);
    self->bind_timeout = source;
  }
}

static void
accept_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SipSimpleMsrpSession) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocketConnection) conn = g_socket_listener_accept_finish (G_SOCKET_LISTENER (source), result, NULL, &error);

  if (conn == NULL || self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED || self->bound)
    return;
  g_socket_set_option (g_socket_connection_get_socket (conn), IPPROTO_TCP, TCP_NODELAY, 1, NULL);
  if (self->use_tls)
    wrap_tls (self, G_IO_STREAM (conn), TRUE, NULL, TRUE, accepted_ready);
  else
    accepted_ready (self, G_IO_STREAM (conn), NULL);
}

static void
accept_next (SipSimpleMsrpSession *self)
{
  if (self->listener == NULL || self->bound)
    return;
  g_socket_listener_accept_async (self->listener, self->accept_cancellable, accept_done, g_object_ref (self));
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
  self->read_buffer = g_malloc (READ_BUFFER_SIZE);
  self->transactions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)transaction_free);
  self->outgoing = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)out_message_unref);
  self->incoming = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)in_message_free);
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
sip_simple_msrp_session_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
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
sip_simple_msrp_session_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
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
        const char *id = g_value_get_string (value);
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
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

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
  properties[PROP_LOCAL_ADDRESS] = g_param_spec_string ("local-address", NULL, NULL, "127.0.0.1",
                                                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleMsrpSession:local-port:
   *
   * The port to listen on; 0 (the default) picks a free one.
   *
   * Since: 0.1
   */
  properties[PROP_LOCAL_PORT] = g_param_spec_uint ("local-port", NULL, NULL, 0, 65535, 0,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleMsrpSession:use-tls:
   *
   * Whether the local URI is `msrps` (TLS). A passive TLS session needs
   * [property@SipSimple.MsrpSession:tls-certificate].
   *
   * Since: 0.1
   */
  properties[PROP_USE_TLS] = g_param_spec_boolean ("use-tls", NULL, NULL, FALSE,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleMsrpSession:tls-certificate:
   *
   * The certificate (with its private key) this side presents over TLS;
   * its fingerprint, sip_simple_msrp_certificate_fingerprint(), goes into
   * SDP's `a=fingerprint`.
   *
   * Since: 0.1
   */
  properties[PROP_TLS_CERTIFICATE] = g_param_spec_object ("tls-certificate", NULL, NULL, G_TYPE_TLS_CERTIFICATE,
                                                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleMsrpSession:tls-database:
   *
   * The CAs that an `msrps` relay's certificate (and a peer's, when no
   * [property@SipSimple.MsrpSession:remote-fingerprint] is set) is checked
   * against; %NULL for the system's.
   *
   * Since: 0.1
   */
  properties[PROP_TLS_DATABASE] = g_param_spec_object ("tls-database", NULL, NULL, G_TYPE_TLS_DATABASE,
                                                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
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
  properties[PROP_REMOTE_FINGERPRINT] = g_param_spec_string ("remote-fingerprint", NULL, NULL, NULL,
                                                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleMsrpSession:active:
   *
   * Whether this side opens the connection (RFC 6135 `a=setup:active`) and
   * binds it with an empty SEND; the passive side waits for it.
   *
   * Since: 0.1
   */
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, FALSE,
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleMsrpSession:chunk-size:
   *
   * The largest chunk of a streamed or large message, in bytes; small
   * messages are sent between chunks.
   *
   * Since: 0.1
   */
  properties[PROP_CHUNK_SIZE] = g_param_spec_uint ("chunk-size", NULL, NULL, 1024, 16 * 1024 * 1024, DEFAULT_CHUNK_SIZE,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
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
  properties[PROP_RELAY_CHUNK_SIZE] = g_param_spec_uint ("relay-chunk-size", NULL, NULL, 1024, 16 * 1024 * 1024,
                                                         DEFAULT_RELAY_CHUNK_SIZE,
                                                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleMsrpSession:report-mode:
   *
   * The reports that sent messages ask for, and so when they count as
   * delivered.
   *
   * Since: 0.1
   */
  properties[PROP_REPORT_MODE] = g_param_spec_enum ("report-mode", NULL, NULL, SIP_SIMPLE_TYPE_MSRP_REPORT_MODE,
                                                    SIP_SIMPLE_MSRP_REPORT_FAILURE,
                                                    G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
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
  properties[PROP_MAX_BUFFERED_SIZE] = g_param_spec_uint64 ("max-buffered-size", NULL, NULL, 0, G_MAXUINT64,
                                                            DEFAULT_MAX_BUFFERED,
                                                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleMsrpSession:transaction-timeout:
   *
   * Seconds to wait for a response (and for a success report) before a
   * message fails with 408.
   *
   * Since: 0.1
   */
  properties[PROP_TRANSACTION_TIMEOUT] = g_param_spec_uint ("transaction-timeout", NULL, NULL, 1, 3600, DEFAULT_TIMEOUT,
                                                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleMsrpSession:local-uri:
   *
   * This endpoint's URI, known once prepared.
   *
   * Since: 0.1
   */
  properties[PROP_LOCAL_URI] = g_param_spec_boxed ("local-uri", NULL, NULL, SIP_SIMPLE_TYPE_MSRP_URI,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleMsrpSession:state:
   *
   * Where the session is in its life.
   *
   * Since: 0.1
   */
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, SIP_SIMPLE_TYPE_MSRP_SESSION_STATE,
                                              SIP_SIMPLE_MSRP_SESSION_STATE_NEW,
                                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleMsrpSession:session-id:
   *
   * The session-id of the local URI: random by default; set it before
   * preparing only when the URI is agreed beforehand (the GStreamer
   * elements do).
   *
   * Since: 0.1
   */
  properties[PROP_SESSION_ID] = g_param_spec_string ("session-id", NULL, NULL, NULL,
                                                     G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
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
  signals[SIGNAL_MESSAGE_STARTED] = g_signal_new ("message-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING,
                                                  G_TYPE_INT64);
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
  signals[SIGNAL_CHUNK_RECEIVED] = g_signal_new ("chunk-received", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                                 NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_UINT64,
                                                 G_TYPE_BYTES);
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
  signals[SIGNAL_MESSAGE_RECEIVED] = g_signal_new ("message-received", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                                   NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING,
                                                   G_TYPE_BYTES);
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
  signals[SIGNAL_MESSAGE_ABORTED] = g_signal_new ("message-aborted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
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
  signals[SIGNAL_MESSAGE_PROGRESS] = g_signal_new ("message-progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                                   NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_UINT64,
                                                   G_TYPE_UINT64);
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
  signals[SIGNAL_MESSAGE_DELIVERED] = g_signal_new ("message-delivered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
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
  signals[SIGNAL_MESSAGE_FAILED] = g_signal_new ("message-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                                 NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_UINT,
                                                 G_TYPE_STRING);
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
  signals[SIGNAL_CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_ERROR);
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
sip_simple_msrp_session_set_relay (SipSimpleMsrpSession *self, SipSimpleMsrpUri *relay, const char *username,
                                   const char *password)
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
  if (self->state != SIP_SIMPLE_MSRP_SESSION_STATE_NEW || self->prepare_task)
    {
      g_task_return_new_error (task, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_STATE,
                               "The MSRP session is already prepared");
      return;
    }
  if (self->relay)
    {
      self->prepare_task = g_steal_pointer (&task);
      if (cancellable)
        g_cancellable_connect (cancellable, G_CALLBACK (g_cancellable_cancel), self->io_cancellable, NULL);
      connect_to (self, self->relay, relay_connected);
      return;
    }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (GInetAddress) addr = g_inet_address_new_from_string (self->local_address);
    g_autoptr (GSocketAddress) sa = NULL;
    g_autoptr (GSocketAddress) effective = NULL;
    g_autofree char *host = NULL;

    if (addr == NULL)
      {
        g_task_return_new_error (task, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_INVALID_ARGUMENT,
                                 "Not an IP address: “%s”", self->local_address);
        return;
      }
    sa = g_inet_socket_address_new (addr, self->local_port);
    self->listener = g_socket_listener_new ();
    if (!g_socket_listener_add_address (self->listener, sa, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                        &effective, &error))
      {
        g_clear_object (&self->listener);
        g_task_return_new_error (task, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_CONNECTION,
                                 "MSRP: cannot listen on %s port %u: %s", self->local_address, self->local_port,
                                 error->message);
        return;
      }
    host = g_inet_address_to_string (addr);
    make_local_uri (self, host, g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
    set_state (self, SIP_SIMPLE_MSRP_SESSION_STATE_PREPARED);
    g_task_return_boolean (task, TRUE);
  }
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
sip_simple_msrp_session_prepare_finish (SipSimpleMsrpSession *self, GAsyncResult *result, GError **error)
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

static void
send_bind (SipSimpleMsrpSession *self)
{
  OutFrame        *frame = g_new0 (OutFrame, 1);
  g_autofree char *tid = sip_simple_msrp_new_id (12);
  g_autofree char *mid = sip_simple_msrp_new_id (16);
  g_autofree char *to = to_path_string (self);
  g_autofree char *from = from_path_string (self);
  GString         *head = sip_simple_msrp_frame_head_new (tid, "SEND");

  sip_simple_msrp_frame_head_add (head, "To-Path", to);
  sip_simple_msrp_frame_head_add (head, "From-Path", from);
  sip_simple_msrp_frame_head_add (head, "Message-ID", mid);
  sip_simple_msrp_frame_head_add (head, "Byte-Range", "1-0/0");
  sip_simple_msrp_frame_head_end (head, FALSE);
  frame->head = gstring_to_bytes (head);
  frame->end = end_line_bytes (tid, '$', FALSE);
  frame->tid = g_steal_pointer (&tid);
  frame->kind = TX_BIND;
  frame->expects_response = TRUE;
  queue_frame (self, &self->control, frame);
}

static void
active_connected (SipSimpleMsrpSession *self, GIOStream *conn, GError *error)
{
  if (self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED)
    {
      g_clear_error (&error);
      return;
    }
  if (error)
    {
      complete_start (self, error);
      return;
    }
  start_reading_connection (self, conn);
  send_bind (self);
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
  if (self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CONNECTED && self->bound && !self->start_called)
    {
      /* Through a relay the connection is up before start: the peer's
       * first SEND can come in before our side of the signalling (the 200
       * to our INVITE) is processed. That SEND bound the session. */
      self->start_called = TRUE;
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (self->state != SIP_SIMPLE_MSRP_SESSION_STATE_PREPARED || self->start_task)
    {
      g_task_return_new_error (task, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_STATE,
                               "The MSRP session is not prepared, or already started");
      return;
    }
  self->start_called = TRUE;
  if (self->remote_path == NULL || self->remote_path->len == 0)
    {
      g_task_return_new_error (task, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_INVALID_ARGUMENT,
                               "The MSRP session has no remote path");
      return;
    }
  if (cancellable)
    g_cancellable_connect (cancellable, G_CALLBACK (g_cancellable_cancel), self->accept_cancellable, NULL);
  self->start_task = g_steal_pointer (&task);
  set_state (self, SIP_SIMPLE_MSRP_SESSION_STATE_CONNECTING);
  if (self->relay)
    {
      if (self->active)
        send_bind (self);
      else
        complete_start (self, NULL);
      return;
    }
  if (self->active)
    {
      if (self->listener)
        {
          g_socket_listener_close (self->listener);
          g_clear_object (&self->listener);
        }
      connect_to (self, g_ptr_array_index (self->remote_path, 0), active_connected);
    }
  else
    accept_next (self);
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
sip_simple_msrp_session_start_finish (SipSimpleMsrpSession *self, GAsyncResult *result, GError **error)
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
sip_simple_msrp_session_send_message (SipSimpleMsrpSession *self, const char *content_type, GBytes *body,
                                      GError **error)
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
      g_set_error_literal (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_CLOSED, "The MSRP session is closed");
      return NULL;
    }
  msg = new_out_message (self, content_type, len);
  msg->next = len;
  queue_frame (self, &self->urgent, make_send_frame (self, msg, 0, body, TRUE));
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
sip_simple_msrp_session_send_stream (SipSimpleMsrpSession *self, const char *content_type, GInputStream *stream,
                                     guint64 size, guint64 offset, GError **error)
{
  OutMessage *msg;

  g_return_val_if_fail (SIP_SIMPLE_IS_MSRP_SESSION (self), NULL);
  g_return_val_if_fail (content_type != NULL, NULL);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  if (self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED)
    {
      g_set_error_literal (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_CLOSED, "The MSRP session is closed");
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
      queue_frame (self, &self->urgent, make_send_frame (self, msg, offset, empty, TRUE));
    }
  else
    pump_message (self, msg);
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
      OutFrame        *frame = g_new0 (OutFrame, 1);
      g_autofree char *tid = sip_simple_msrp_new_id (12);
      g_autofree char *to = to_path_string (self);
      g_autofree char *from = from_path_string (self);
      g_autofree char *range = g_strdup_printf ("%" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT "/%s", msg->written + 1,
                                                msg->written, "*");
      GString         *head = sip_simple_msrp_frame_head_new (tid, "SEND");

      sip_simple_msrp_frame_head_add (head, "To-Path", to);
      sip_simple_msrp_frame_head_add (head, "From-Path", from);
      sip_simple_msrp_frame_head_add (head, "Message-ID", msg->id);
      sip_simple_msrp_frame_head_add (head, "Byte-Range", range);
      sip_simple_msrp_frame_head_add (head, "Failure-Report", "no");
      sip_simple_msrp_frame_head_end (head, FALSE);
      frame->head = gstring_to_bytes (head);
      frame->end = end_line_bytes (tid, '#', FALSE);
      frame->tid = g_steal_pointer (&tid);
      queue_frame (self, &self->urgent, frame);
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
sip_simple_msrp_session_set_message_offset (SipSimpleMsrpSession *self, const char *message_id, guint64 offset,
                                            GError **error)
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
  if (in->total >= 0 && offset > (guint64) in->total)
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
  close_with (self, NULL);
}
