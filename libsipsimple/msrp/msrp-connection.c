/* libsipsimple - framing I/O and transactions of an MSRP session's
 * connection: frames in and out of one GIOStream, transaction ids,
 * responses and their timeouts (msrp-connection-private.h says how)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/msrp/msrp-error.h>
#include <sipsimple/msrp/msrp-uri.h>

#include "msrp-connect-private.h"
#include "msrp-connection-private.h"

#include <string.h>

#define TX_TIMER_MS 250

/* Frames queued together go out in one writev (responses to a burst of
 * chunks, a run of chat messages, chunks read ahead) */
#define MAX_BATCH_FRAMES 16
#define MAX_BATCH_BYTES (512 * 1024)

/* ---- frames ------------------------------------------------------------- */

void
sip_simple_msrp_out_frame_free (OutFrame *frame)
{
  g_clear_pointer (&frame->head, g_bytes_unref);
  g_clear_pointer (&frame->body, g_bytes_unref);
  g_clear_pointer (&frame->end, g_bytes_unref);
  g_free (frame->tid);
  if (frame->msg)
    sip_simple_msrp_out_message_unref (frame->msg);
  g_free (frame);
}

GBytes *
sip_simple_msrp_end_line_bytes (const char *tid, char flag, gboolean has_body)
{
  char *line = sip_simple_msrp_end_line (tid, flag, has_body);

  return g_bytes_new_take (line, strlen (line));
}

OutFrame *
sip_simple_msrp_out_frame_new_request (const char *method, const char *to_path,
                                       const char *from_path, char flag, ...)
{
  OutFrame   *frame = g_new0 (OutFrame, 1);
  char       *tid = sip_simple_msrp_new_id (12);
  GString    *head = sip_simple_msrp_frame_head_new (tid, method);
  const char *name;
  va_list     args;

  sip_simple_msrp_frame_head_add (head, "To-Path", to_path);
  sip_simple_msrp_frame_head_add (head, "From-Path", from_path);
  va_start (args, flag);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);

      if (value)
        sip_simple_msrp_frame_head_add (head, name, value);
    }
  va_end (args);
  sip_simple_msrp_frame_head_end (head, FALSE);
  frame->head = g_string_free_to_bytes (head);
  frame->end = sip_simple_msrp_end_line_bytes (tid, flag, FALSE);
  frame->tid = tid;
  return frame;
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
  frame->head = g_string_free_to_bytes (head);
  frame->end = sip_simple_msrp_end_line_bytes (tid, '$', FALSE);
  frame->tid = g_strdup (tid);
  return frame;
}

char *
sip_simple_msrp_connection_to_path (SipSimpleMsrpSession *self)
{
  g_autoptr (GPtrArray) path = g_ptr_array_new ();

  if (self->use_path)
    g_ptr_array_extend (path, self->use_path, NULL, NULL);
  if (self->remote_path)
    g_ptr_array_extend (path, self->remote_path, NULL, NULL);
  return sip_simple_msrp_uri_path_to_string (path);
}

char *
sip_simple_msrp_connection_from_path (SipSimpleMsrpSession *self)
{
  return sip_simple_msrp_uri_to_string (self->local_uri);
}

char *
sip_simple_msrp_path_first_uri (const char *path)
{
  const char *sp = strchr (path, ' ');

  return sp ? g_strndup (path, sp - path) : g_strdup (path);
}

void
sip_simple_msrp_connection_respond (SipSimpleMsrpSession *self, SipSimpleMsrpFrame *frame,
                                    guint status, const char *reason)
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
    to = sip_simple_msrp_path_first_uri (from_path);
  from = self->local_uri ? sip_simple_msrp_uri_to_string (self->local_uri) : NULL;
  sip_simple_msrp_connection_queue (self, self->bound ? &self->urgent : &self->control,
                                    make_response (frame->tid, status, reason, to, from));
}

/* ---- transactions ------------------------------------------------------- */

static void
transaction_free (Transaction *tx)
{
  if (tx->msg)
    sip_simple_msrp_out_message_unref (tx->msg);
  g_free (tx->tid);
  g_free (tx);
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
        sip_simple_msrp_session_send_response (self, tx->msg, 408, "Request Timeout");
      else if (tx->kind == TX_BIND)
        sip_simple_msrp_connect_bind_response (self, NULL);
      else if (tx->kind == TX_AUTH)
        sip_simple_msrp_connect_auth_response (self, NULL);
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

static void
register_transaction (SipSimpleMsrpSession *self, OutFrame *frame)
{
  Transaction *tx = g_new0 (Transaction, 1);

  tx->tid = g_strdup (frame->tid);
  tx->kind = frame->kind;
  tx->msg = frame->msg ? sip_simple_msrp_out_message_ref (frame->msg) : NULL;
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

/* A response closes its transaction; the sender of the request hears of it */
static gboolean
handle_response (SipSimpleMsrpSession *self, SipSimpleMsrpFrame *frame, GError **error)
{
  Transaction *tx = g_hash_table_lookup (self->transactions, frame->tid);

  if (tx == NULL)
    return TRUE;
  g_hash_table_steal (self->transactions, frame->tid);
  switch (tx->kind)
    {
    case TX_BIND:
      sip_simple_msrp_connect_bind_response (self, frame);
      break;
    case TX_AUTH:
      sip_simple_msrp_connect_auth_response (self, frame);
      break;
    case TX_SEND:
      if (tx->msg)
        sip_simple_msrp_session_send_response (self, tx->msg, frame->status,
                                               frame->reason ? frame->reason : "");
      break;
    default:
      break;
    }
  transaction_free (tx);
  if (self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED)
    {
      g_set_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_CLOSED, "Session closed");
      return FALSE;
    }
  return TRUE;
}

/* ---- writing ------------------------------------------------------------ */

void
sip_simple_msrp_connection_queue (SipSimpleMsrpSession *self, GQueue *queue, OutFrame *frame)
{
  g_queue_push_tail (queue, frame);
  if (frame->msg)
    frame->msg->queued++;
  sip_simple_msrp_connection_write (self);
}

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
    sip_simple_msrp_out_frame_free (op->frames[i]);
  g_object_unref (op->out);
  g_free (op);
}

static void
write_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  WriteOp *op = user_data;
  g_autoptr (SipSimpleMsrpSession) self = op->self;
  g_autoptr (GError) error = NULL;
  gboolean ok = g_output_stream_writev_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error);
  gboolean current = op->out == self->out;

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
      sip_simple_msrp_connect_failed (self, g_error_new (SIP_SIMPLE_MSRP_ERROR,
                                                         SIP_SIMPLE_MSRP_ERROR_CONNECTION,
                                                         "MSRP write failed: %s", error->message));
      return;
    }
  for (guint i = 0; i < op->n_frames && self->state != SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED; i++)
    sip_simple_msrp_session_frame_written (self, op->frames[i]);
  write_op_free (op);
  if (self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED)
    return;
  if ((self->close_when_flushed || self->drop_when_flushed) && g_queue_is_empty (&self->control)
      && (!self->bound || g_queue_is_empty (&self->urgent)))
    {
      if (self->drop_when_flushed)
        sip_simple_msrp_connect_failed (self, g_error_new_literal (SIP_SIMPLE_MSRP_ERROR,
                                                                   SIP_SIMPLE_MSRP_ERROR_PROTOCOL,
                                                                   "MSRP: refused a connection"));
      else
        sip_simple_msrp_session_close_with (self, g_steal_pointer (&self->close_error));
      return;
    }
  sip_simple_msrp_connection_write (self);
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
              sip_simple_msrp_out_frame_free (frame);
              continue;
            }
        }
      return frame;
    }
}

void
sip_simple_msrp_connection_write (SipSimpleMsrpSession *self)
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
  g_output_stream_writev_all_async (self->out, op->vectors, n, G_PRIORITY_DEFAULT,
                                    self->conn_cancellable, write_done, op);
  /* stream messages read their next chunks while these are written */
  for (guint i = 0; i < op->n_frames; i++)
    if (op->frames[i]->msg && op->frames[i]->msg->stream)
      sip_simple_msrp_session_pump (self, op->frames[i]->msg);
}

/* ---- reading ------------------------------------------------------------ */

static gboolean
on_frame_start (SipSimpleMsrpFrame *frame, gpointer user_data, GError **error)
{
  SipSimpleMsrpSession *self = user_data;

  if (frame->is_request)
    return sip_simple_msrp_session_request_start (self, frame, error);
  if (self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED)
    {
      g_set_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_CLOSED, "Session closed");
      return FALSE;
    }
  return TRUE;
}

static gboolean
on_frame_data (SipSimpleMsrpFrame *frame, const guint8 *data, gsize len, gpointer user_data,
               GError **error)
{
  /* a response's body means nothing to us */
  if (!frame->is_request)
    return TRUE;
  return sip_simple_msrp_session_request_data (user_data, frame, data, len, error);
}

static gboolean
on_frame_end (SipSimpleMsrpFrame *frame, char flag, gpointer user_data, GError **error)
{
  if (!frame->is_request)
    return handle_response (user_data, frame, error);
  return sip_simple_msrp_session_request_end (user_data, frame, flag, error);
}

static const SipSimpleMsrpParserCallbacks parser_callbacks = {
  on_frame_start,
  on_frame_data,
  on_frame_end,
};

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
      sip_simple_msrp_connect_failed (
          self, g_error_new (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_CONNECTION,
                             "MSRP connection lost: %s", error->message));
      return;
    }
  if (n == 0)
    {
      sip_simple_msrp_connect_failed (
          self, g_error_new_literal (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_CONNECTION,
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
          sip_simple_msrp_connection_queue (self, &self->control,
                                            make_response (tid, 400, "Bad Request", NULL, NULL));
          if (sip_simple_msrp_connect_passive_waiting (self))
            self->drop_when_flushed = TRUE;
          else
            {
              self->close_when_flushed = TRUE;
              self->close_error = g_steal_pointer (&error);
            }
          return;
        }
      sip_simple_msrp_connect_failed (self, g_steal_pointer (&error));
      return;
    }
  self->in_feed = FALSE;
  sip_simple_msrp_session_write_targets (self);
  sip_simple_msrp_connection_read (self);
}

void
sip_simple_msrp_connection_read (SipSimpleMsrpSession *self)
{
  /* incoming bytes waiting for a target stream hold reading back, so a
   * slow disk slows the sender */
  if (self->reading || self->in == NULL || self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED
      || self->target_current || !g_queue_is_empty (&self->target_queue) || self->close_when_flushed
      || self->drop_when_flushed)
    return;
  self->reading = TRUE;
  g_input_stream_read_async (self->in, self->read_buffer, SIP_SIMPLE_MSRP_READ_BUFFER_SIZE,
                             G_PRIORITY_DEFAULT, self->conn_cancellable, read_done,
                             g_object_ref (self));
}

/* ---- the connection ----------------------------------------------------- */

void
sip_simple_msrp_connection_attach (SipSimpleMsrpSession *self, GIOStream *conn)
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
  sip_simple_msrp_connection_read (self);
  sip_simple_msrp_connection_write (self);
}

static void
close_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (!g_io_stream_close_finish (G_IO_STREAM (source), result, &error))
    g_debug ("MSRP: closing a connection: %s", error->message);
  else
    g_debug ("MSRP: closed a connection");
}

void
sip_simple_msrp_close_stream (GIOStream *conn)
{
  g_io_stream_close_async (conn, G_PRIORITY_DEFAULT, NULL, close_done, NULL);
}

static void
clear_queue (GQueue *queue)
{
  OutFrame *frame;

  while ((frame = g_queue_pop_head (queue)))
    sip_simple_msrp_out_frame_free (frame);
}

/* The stream and the parser (not while it calls back: it is freed later) */
static void
release_stream (SipSimpleMsrpSession *self)
{
  if (self->conn)
    {
      sip_simple_msrp_close_stream (self->conn);
      g_clear_object (&self->conn);
    }
  self->in = NULL;
  self->out = NULL;
  if (self->parser && !self->in_feed)
    g_clear_pointer (&self->parser, sip_simple_msrp_parser_free);
}

void
sip_simple_msrp_connection_drop (SipSimpleMsrpSession *self)
{
  if (self->conn_cancellable)
    g_cancellable_cancel (self->conn_cancellable);
  clear_queue (&self->control);
  release_stream (self);
  self->reading = FALSE;
  self->writing = FALSE;
  self->drop_when_flushed = FALSE;
}

void
sip_simple_msrp_connection_close (SipSimpleMsrpSession *self)
{
  if (self->conn_cancellable)
    g_cancellable_cancel (self->conn_cancellable);
  clear_queue (&self->control);
  clear_queue (&self->urgent);
  clear_queue (&self->bulk);
  g_hash_table_remove_all (self->transactions);
  sip_simple_msrp_clear_source (&self->tx_timer);
  release_stream (self);
}

GHashTable *
sip_simple_msrp_transactions_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)transaction_free);
}
