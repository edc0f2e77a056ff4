/* msrp GStreamer plugin - msrpsink
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
/**
 * SECTION:element-msrpsink
 * @title: msrpsink
 *
 * Sends the stream as one MSRP message (RFC 4975) over libsipsimple's MSRP
 * core: the bytes are read by the session in chunks as the connection
 * drains, so memory stays bounded and the upstream elements are paced by
 * the network. At EOS the last chunk goes out with `$` and the element
 * waits until the message is delivered (the peer's 200 for every chunk,
 * or its success report) before passing EOS on.
 *
 * With #GstMsrpSink:message-per-buffer every buffer is a message of its
 * own instead (chat-sized data).
 *
 * The two ends are named by their MSRP URIs; the passive end listens on
 * its URI's address and port, the active one connects.
 *
 * ## Example
 * |[
 * gst-launch-1.0 msrpsrc local-uri=msrp://127.0.0.1:4000/b;tcp remote-uri=msrp://127.0.0.1:4001/a;tcp ! filesink location=b.bin
 * gst-launch-1.0 filesrc location=a.bin ! msrpsink active=true local-uri=msrp://127.0.0.1:4001/a;tcp remote-uri=msrp://127.0.0.1:4000/b;tcp
 * ]|
 */
#include "gstmsrpsink.h"
#include "gstmsrpprops.h"
#include "gstmsrpworker.h"

#include <errno.h>
#include <gio/gunixinputstream.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

GST_DEBUG_CATEGORY_STATIC (gst_msrp_sink_debug);
#define GST_CAT_DEFAULT gst_msrp_sink_debug

#define DEFAULT_CONTENT_TYPE "application/octet-stream"

struct _GstMsrpSink
{
  GstBaseSink parent;

  /* properties (object lock) */
  GstMsrpProps props;
  char        *content_type;
  guint64      size;
  guint        report_mode;
  gboolean     message_per_buffer;

  GstMsrpWorker *worker;
  int            fds[2];      /* socketpair: [0] read by the session, [1] written here */
  gboolean       sending;     /* the message has started */
  GCancellable  *cancellable; /* unlock() */
  /* under worker->lock */
  char          *message_id;
  gboolean       done;
  GError        *failure;
  guint          in_flight; /* message-per-buffer: sent, not yet delivered */
  gboolean       per_buffer; /* message-per-buffer, fixed at start */
};

/* message-per-buffer: messages in flight before render() waits */
#define MAX_IN_FLIGHT 32

enum {
  PROP_CONTENT_TYPE = GST_MSRP_PROP_LAST,
  PROP_SIZE,
  PROP_REPORT_MODE,
  PROP_MESSAGE_PER_BUFFER,
};

static GstStaticPadTemplate sink_template = GST_STATIC_PAD_TEMPLATE ("sink", GST_PAD_SINK, GST_PAD_ALWAYS, GST_STATIC_CAPS_ANY);

G_DEFINE_TYPE (GstMsrpSink, gst_msrp_sink, GST_TYPE_BASE_SINK);
GST_ELEMENT_REGISTER_DEFINE (msrpsink, "msrpsink", GST_RANK_NONE, GST_TYPE_MSRP_SINK);

/* ---- worker thread side ----------------------------------------------- */

static void
on_delivered (SipSimpleMsrpSession *session, const char *id, GstMsrpSink *self)
{
  g_mutex_lock (&self->worker->lock);
  if (self->per_buffer)
    {
      self->in_flight--;
      g_cond_broadcast (&self->worker->cond);
    }
  else if (g_strcmp0 (id, self->message_id) == 0)
    {
      self->done = TRUE;
      g_cond_broadcast (&self->worker->cond);
    }
  g_mutex_unlock (&self->worker->lock);
}

static void
on_failed (SipSimpleMsrpSession *session, const char *id, guint code, const char *reason, GstMsrpSink *self)
{
  g_mutex_lock (&self->worker->lock);
  if (self->per_buffer)
    self->in_flight--;
  if (self->per_buffer || g_strcmp0 (id, self->message_id) == 0)
    {
      self->done = TRUE;
      g_clear_error (&self->failure);
      self->failure = g_error_new (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_FAILED, "MSRP message failed: %u %s",
                                   code, reason);
      g_cond_broadcast (&self->worker->cond);
    }
  g_mutex_unlock (&self->worker->lock);
}

static void
setup_session (GstMsrpWorker *worker, SipSimpleMsrpSession *session, gpointer user_data)
{
  GstMsrpSink *self = user_data;

  /* The callbacks below run in the worker thread and may run before
   * gst_msrp_props_start_worker() returns in the streaming thread (a peer
   * that connects at once sends its first chunk then): they must find the
   * worker already. The streaming thread reads self->worker only after the
   * worker said it is prepared, under the worker's lock. */
  self->worker = worker;

  g_object_set (session, "report-mode", self->report_mode, NULL);
  g_signal_connect (session, "message-delivered", G_CALLBACK (on_delivered), self);
  g_signal_connect (session, "message-failed", G_CALLBACK (on_failed), self);
}

typedef struct
{
  GstMsrpSink *self;
  guint64      size;
  char        *content_type;
} StartSend;

static gboolean
start_send (gpointer data)
{
  StartSend   *ss = data;
  GstMsrpSink *self = ss->self;
  g_autoptr (GInputStream) in = g_unix_input_stream_new (self->fds[0], FALSE);
  g_autoptr (GError) error = NULL;
  char *id = sip_simple_msrp_session_send_stream (self->worker->session, ss->content_type, in, ss->size, 0, &error);

  g_mutex_lock (&self->worker->lock);
  if (id == NULL)
    {
      self->done = TRUE;
      self->failure = g_steal_pointer (&error);
    }
  self->message_id = id;
  g_cond_broadcast (&self->worker->cond);
  g_mutex_unlock (&self->worker->lock);
  g_free (ss->content_type);
  g_free (ss);
  return G_SOURCE_REMOVE;
}

/* ---- streaming thread side -------------------------------------------- */

static gboolean
gst_msrp_sink_start (GstBaseSink *sink)
{
  GstMsrpSink *self = GST_MSRP_SINK (sink);
  g_autoptr (GError) error = NULL;

  GST_OBJECT_LOCK (self);
  self->per_buffer = self->message_per_buffer;
  GST_OBJECT_UNLOCK (self);
  self->in_flight = 0;

  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, self->fds) < 0)
    {
      GST_ELEMENT_ERROR (self, RESOURCE, OPEN_WRITE, (NULL), ("socketpair: %s", g_strerror (errno)));
      return FALSE;
    }
  self->sending = FALSE;
  self->done = FALSE;
  g_clear_error (&self->failure);
  g_clear_pointer (&self->message_id, g_free);
  if (gst_msrp_props_start_worker (&self->props, GST_ELEMENT (self), setup_session, self, &error) == NULL)
    {
      self->worker = NULL; /* setup_session may have seen it before it was freed */
      GST_ELEMENT_ERROR (self, RESOURCE, OPEN_WRITE, ("Could not set up the MSRP session"), ("%s", error->message));
      close (self->fds[0]);
      close (self->fds[1]);
      self->fds[0] = self->fds[1] = -1;
      return FALSE;
    }
  return TRUE;
}

static gboolean
gst_msrp_sink_stop (GstBaseSink *sink)
{
  GstMsrpSink *self = GST_MSRP_SINK (sink);

  g_clear_pointer (&self->worker, gst_msrp_worker_free);
  if (self->fds[1] >= 0)
    close (self->fds[1]);
  if (self->fds[0] >= 0)
    close (self->fds[0]);
  self->fds[0] = self->fds[1] = -1;
  g_clear_pointer (&self->message_id, g_free);
  g_clear_error (&self->failure);
  return TRUE;
}

static gboolean
gst_msrp_sink_unlock (GstBaseSink *sink)
{
  GstMsrpSink *self = GST_MSRP_SINK (sink);

  g_cancellable_cancel (self->cancellable);
  if (self->worker)
    gst_msrp_worker_set_flushing (self->worker, TRUE);
  return TRUE;
}

static gboolean
gst_msrp_sink_unlock_stop (GstBaseSink *sink)
{
  GstMsrpSink *self = GST_MSRP_SINK (sink);

  g_cancellable_reset (self->cancellable);
  if (self->worker)
    gst_msrp_worker_set_flushing (self->worker, FALSE);
  return TRUE;
}

static guint64
upstream_size (GstMsrpSink *self)
{
  gint64 duration = -1;

  if (self->size > 0)
    return self->size;
  if (gst_pad_peer_query_duration (GST_BASE_SINK_PAD (self), GST_FORMAT_BYTES, &duration) && duration > 0)
    return (guint64)duration;
  return SIP_SIMPLE_MSRP_SIZE_UNKNOWN;
}

static GstFlowReturn
begin_message (GstMsrpSink *self)
{
  g_autoptr (GError) error = NULL;
  StartSend *ss;

  if (!gst_msrp_worker_wait_connected (self->worker, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return GST_FLOW_FLUSHING;
      GST_ELEMENT_ERROR (self, RESOURCE, WRITE, ("MSRP session failed"), ("%s", error->message));
      return GST_FLOW_ERROR;
    }
  ss = g_new0 (StartSend, 1);
  ss->self = self;
  ss->size = upstream_size (self);
  GST_OBJECT_LOCK (self);
  ss->content_type = g_strdup (self->content_type);
  GST_OBJECT_UNLOCK (self);
  GST_DEBUG_OBJECT (self, "sending a message of %" G_GUINT64_FORMAT " bytes", ss->size);
  self->sending = TRUE;
  g_main_context_invoke (self->worker->context, start_send, ss);
  return GST_FLOW_OK;
}

/* Writes everything, waiting for the session to drain the socket pair;
 * returns FALSE on unlock or a dead session */
static gboolean
write_all (GstMsrpSink *self, const guint8 *data, gsize len, GError **error)
{
  GPollFD pfds[2];
  gboolean have_cancel = g_cancellable_make_pollfd (self->cancellable, &pfds[1]);

  pfds[0].fd = self->fds[1];
  pfds[0].events = G_IO_OUT;
  while (len > 0)
    {
      ssize_t n = send (self->fds[1], data, len, MSG_NOSIGNAL | MSG_DONTWAIT);

      if (n > 0)
        {
          data += n;
          len -= n;
          continue;
        }
      if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s", g_strerror (errno));
          break;
        }
      g_mutex_lock (&self->worker->lock);
      if (self->done || self->worker->closed)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE,
                               self->failure ? self->failure->message
                                             : self->worker->error ? self->worker->error->message : "MSRP session closed");
          g_mutex_unlock (&self->worker->lock);
          break;
        }
      g_mutex_unlock (&self->worker->lock);
      if (g_cancellable_is_cancelled (self->cancellable))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "flushing");
          break;
        }
      /* wake up now and then to notice a dead session */
      g_poll (pfds, have_cancel ? 2 : 1, 200);
    }
  if (have_cancel)
    g_cancellable_release_fd (self->cancellable);
  return len == 0;
}

typedef struct
{
  GstMsrpSink *self;
  GBytes      *body;
  char        *content_type;
} SendOne;

static gboolean
send_one (gpointer data)
{
  SendOne     *so = data;
  GstMsrpSink *self = so->self;
  g_autoptr (GError) error = NULL;
  g_autofree char *id = sip_simple_msrp_session_send_message (self->worker->session, so->content_type, so->body, &error);

  if (id == NULL)
    {
      g_mutex_lock (&self->worker->lock);
      self->in_flight--;
      self->done = TRUE;
      if (self->failure == NULL)
        self->failure = g_steal_pointer (&error);
      g_cond_broadcast (&self->worker->cond);
      g_mutex_unlock (&self->worker->lock);
    }
  g_bytes_unref (so->body);
  g_free (so->content_type);
  g_free (so);
  return G_SOURCE_REMOVE;
}

/* message-per-buffer: each buffer is one message; at most MAX_IN_FLIGHT
 * wait for delivery, then render() waits (flow control) */
static GstFlowReturn
render_message (GstMsrpSink *self, GstBuffer *buffer)
{
  g_autoptr (GError) error = NULL;
  GstMsrpWorker *w = self->worker;
  SendOne       *so;
  GstMapInfo     map;

  if (!self->sending)
    {
      if (!gst_msrp_worker_wait_connected (w, &error))
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            return GST_FLOW_FLUSHING;
          GST_ELEMENT_ERROR (self, RESOURCE, WRITE, ("MSRP session failed"), ("%s", error->message));
          return GST_FLOW_ERROR;
        }
      self->sending = TRUE;
    }
  g_mutex_lock (&w->lock);
  while (self->in_flight >= MAX_IN_FLIGHT && self->failure == NULL && !w->closed && !w->flushing)
    g_cond_wait (&w->cond, &w->lock);
  if (w->flushing)
    {
      g_mutex_unlock (&w->lock);
      return GST_FLOW_FLUSHING;
    }
  if (self->failure || w->closed)
    {
      g_autofree char *message = g_strdup (self->failure ? self->failure->message
                                                         : w->error ? w->error->message : "MSRP session closed");

      g_mutex_unlock (&w->lock);
      GST_ELEMENT_ERROR (self, RESOURCE, WRITE, ("MSRP message failed"), ("%s", message));
      return GST_FLOW_ERROR;
    }
  self->in_flight++;
  g_mutex_unlock (&w->lock);
  if (!gst_buffer_map (buffer, &map, GST_MAP_READ))
    return GST_FLOW_ERROR;
  so = g_new0 (SendOne, 1);
  so->self = self;
  so->body = g_bytes_new (map.data, map.size);
  gst_buffer_unmap (buffer, &map);
  GST_OBJECT_LOCK (self);
  so->content_type = g_strdup (self->content_type);
  GST_OBJECT_UNLOCK (self);
  g_main_context_invoke (w->context, send_one, so);
  return GST_FLOW_OK;
}

static GstFlowReturn
gst_msrp_sink_render (GstBaseSink *sink, GstBuffer *buffer)
{
  GstMsrpSink *self = GST_MSRP_SINK (sink);
  g_autoptr (GError) error = NULL;
  GstMapInfo   map;
  gboolean     ok;

  if (self->per_buffer)
    return render_message (self, buffer);
  if (!self->sending)
    {
      GstFlowReturn ret = begin_message (self);

      if (ret != GST_FLOW_OK)
        return ret;
    }
  if (!gst_buffer_map (buffer, &map, GST_MAP_READ))
    return GST_FLOW_ERROR;
  ok = write_all (self, map.data, map.size, &error);
  gst_buffer_unmap (buffer, &map);
  if (!ok)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return GST_FLOW_FLUSHING;
      GST_ELEMENT_ERROR (self, RESOURCE, WRITE, ("MSRP transfer failed"), ("%s", error->message));
      return GST_FLOW_ERROR;
    }
  return GST_FLOW_OK;
}

static gboolean
gst_msrp_sink_event (GstBaseSink *sink, GstEvent *event)
{
  GstMsrpSink *self = GST_MSRP_SINK (sink);

  if (GST_EVENT_TYPE (event) == GST_EVENT_EOS && self->per_buffer)
    {
      GstMsrpWorker *w = self->worker;
      gboolean       ok;

      /* every message delivered before EOS goes on */
      g_mutex_lock (&w->lock);
      while (self->in_flight > 0 && self->failure == NULL && !w->closed && !w->flushing)
        g_cond_wait (&w->cond, &w->lock);
      ok = self->in_flight == 0 && self->failure == NULL;
      if (!ok)
        GST_ELEMENT_ERROR (self, RESOURCE, WRITE, ("MSRP messages not delivered"),
                           ("%s", self->failure ? self->failure->message
                                                : w->error ? w->error->message : "flushing"));
      g_mutex_unlock (&w->lock);
      if (!ok)
        {
          gst_event_unref (event);
          return FALSE;
        }
    }
  else if (GST_EVENT_TYPE (event) == GST_EVENT_EOS)
    {
      gboolean ok;

      if (!self->sending && begin_message (self) != GST_FLOW_OK)
        return FALSE;
      /* the end of the byte stream ends the message: wait for delivery */
      shutdown (self->fds[1], SHUT_WR);
      g_mutex_lock (&self->worker->lock);
      while (!self->done && !self->worker->flushing && !(self->worker->closed && self->message_id == NULL))
        g_cond_wait (&self->worker->cond, &self->worker->lock);
      ok = self->done && self->failure == NULL;
      if (!ok)
        GST_ELEMENT_ERROR (self, RESOURCE, WRITE, ("MSRP message not delivered"),
                           ("%s", self->failure ? self->failure->message
                                                : self->worker->error ? self->worker->error->message : "flushing"));
      g_mutex_unlock (&self->worker->lock);
      if (!ok)
        {
          gst_event_unref (event);
          return FALSE;
        }
      GST_INFO_OBJECT (self, "message %s delivered", self->message_id);
    }
  return GST_BASE_SINK_CLASS (gst_msrp_sink_parent_class)->event (sink, event);
}

/* ---- GObject ----------------------------------------------------------- */

static void
gst_msrp_sink_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  GstMsrpSink *self = GST_MSRP_SINK (object);

  GST_OBJECT_LOCK (self);
  switch (prop_id)
    {
    case PROP_CONTENT_TYPE:
      g_free (self->content_type);
      self->content_type = g_value_dup_string (value);
      if (self->content_type == NULL)
        self->content_type = g_strdup (DEFAULT_CONTENT_TYPE);
      break;
    case PROP_SIZE:
      self->size = g_value_get_uint64 (value);
      break;
    case PROP_REPORT_MODE:
      self->report_mode = g_value_get_enum (value);
      break;
    case PROP_MESSAGE_PER_BUFFER:
      self->message_per_buffer = g_value_get_boolean (value);
      break;
    default:
      if (!gst_msrp_props_set (&self->props, prop_id, value))
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
  GST_OBJECT_UNLOCK (self);
}

static void
gst_msrp_sink_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  GstMsrpSink *self = GST_MSRP_SINK (object);

  GST_OBJECT_LOCK (self);
  switch (prop_id)
    {
    case PROP_CONTENT_TYPE:
      g_value_set_string (value, self->content_type);
      break;
    case PROP_SIZE:
      g_value_set_uint64 (value, self->size);
      break;
    case PROP_REPORT_MODE:
      g_value_set_enum (value, self->report_mode);
      break;
    case PROP_MESSAGE_PER_BUFFER:
      g_value_set_boolean (value, self->message_per_buffer);
      break;
    default:
      if (!gst_msrp_props_get (&self->props, prop_id, value))
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
  GST_OBJECT_UNLOCK (self);
}

static void
gst_msrp_sink_finalize (GObject *object)
{
  GstMsrpSink *self = GST_MSRP_SINK (object);

  gst_msrp_props_clear (&self->props);
  g_free (self->content_type);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (gst_msrp_sink_parent_class)->finalize (object);
}

static void
gst_msrp_sink_init (GstMsrpSink *self)
{
  self->content_type = g_strdup (DEFAULT_CONTENT_TYPE);
  gst_msrp_props_init (&self->props, TRUE);
  self->report_mode = SIP_SIMPLE_MSRP_REPORT_FAILURE;
  self->fds[0] = self->fds[1] = -1;
  self->cancellable = g_cancellable_new ();
  /* one message per stream, bytes in order: no clock sync */
  gst_base_sink_set_sync (GST_BASE_SINK (self), FALSE);
}

static void
gst_msrp_sink_class_init (GstMsrpSinkClass *klass)
{
  GObjectClass     *object_class = G_OBJECT_CLASS (klass);
  GstElementClass  *element_class = GST_ELEMENT_CLASS (klass);
  GstBaseSinkClass *base_class = GST_BASE_SINK_CLASS (klass);

  object_class->set_property = gst_msrp_sink_set_property;
  object_class->get_property = gst_msrp_sink_get_property;
  object_class->finalize = gst_msrp_sink_finalize;

  gst_msrp_props_install (object_class, TRUE);
  g_object_class_install_property (object_class, PROP_CONTENT_TYPE,
    g_param_spec_string ("content-type", "Content type", "Content-Type of the message", DEFAULT_CONTENT_TYPE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_READY));
  g_object_class_install_property (object_class, PROP_SIZE,
    g_param_spec_uint64 ("size", "Size",
                         "Size of the message in bytes; 0 asks upstream for its duration in bytes, and when nobody "
                         "knows it the chunks say '*' for the total until the last one",
                         0, G_MAXUINT64 - 1, 0, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_READY));
  g_object_class_install_property (object_class, PROP_REPORT_MODE,
    g_param_spec_enum ("report-mode", "Report mode",
                       "Reports the message asks for, and so when EOS is passed on: after the 200 of every chunk "
                       "(failure), after the peer's success report (success) or once written (none)",
                       SIP_SIMPLE_TYPE_MSRP_REPORT_MODE, SIP_SIMPLE_MSRP_REPORT_FAILURE,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_READY));

  g_object_class_install_property (object_class, PROP_MESSAGE_PER_BUFFER,
    g_param_spec_boolean ("message-per-buffer", "Message per buffer",
                          "Send every buffer as a message of its own (chat-sized data; up to 32 wait for delivery "
                          "at a time) instead of the whole stream as one chunked message",
                          FALSE, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_READY));

  gst_element_class_add_static_pad_template (element_class, &sink_template);
  gst_element_class_set_static_metadata (element_class, "MSRP sink", "Sink/Network",
                                         "Sends the stream as one MSRP message (RFC 4975), chunked with flow control",
                                         "libsipsimple developers");

  base_class->start = GST_DEBUG_FUNCPTR (gst_msrp_sink_start);
  base_class->stop = GST_DEBUG_FUNCPTR (gst_msrp_sink_stop);
  base_class->unlock = GST_DEBUG_FUNCPTR (gst_msrp_sink_unlock);
  base_class->unlock_stop = GST_DEBUG_FUNCPTR (gst_msrp_sink_unlock_stop);
  base_class->render = GST_DEBUG_FUNCPTR (gst_msrp_sink_render);
  base_class->event = GST_DEBUG_FUNCPTR (gst_msrp_sink_event);

  GST_DEBUG_CATEGORY_INIT (gst_msrp_sink_debug, "msrpsink", 0, "MSRP sink");
}
