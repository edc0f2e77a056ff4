/* msrp GStreamer plugin - msrpsrc
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
/**
 * SECTION:element-msrpsrc
 * @title: msrpsrc
 *
 * Receives MSRP messages (RFC 4975) over libsipsimple's MSRP core and
 * pushes their bytes downstream as they arrive, chunk by chunk, without
 * holding a whole message in memory: when downstream is slow, the element
 * stops reading from the connection and TCP slows the sender down. After
 * the first complete message the element sends EOS (see
 * #GstMsrpSrc:eos-after-message).
 *
 * ## Example
 * |[
 * gst-launch-1.0 msrpsrc local-uri=msrp://127.0.0.1:4000/b;tcp remote-uri=msrp://127.0.0.1:4001/a;tcp ! filesink location=b.bin
 * ]|
 */
#include "gstmsrpsrc.h"
#include "gstmsrpprops.h"
#include "gstmsrpworker.h"

GST_DEBUG_CATEGORY_STATIC (gst_msrp_src_debug);
#define GST_CAT_DEFAULT gst_msrp_src_debug

#define DEFAULT_MAX_QUEUED (2 * 1024 * 1024)

struct _GstMsrpSrc
{
  GstPushSrc parent;

  /* properties (object lock) */
  GstMsrpProps props;
  gboolean     eos_after_message;
  guint        max_queued;

  GstMsrpWorker *worker;
  /* under worker->lock */
  GQueue         queue;  /* GBytes*, NULL marks the end of a message */
  gsize          queued;
  guint64        offset;
  gboolean       partial;  /* a message has started and not completed */
  guint          messages; /* messages completed */
};

enum {
  PROP_EOS_AFTER_MESSAGE = GST_MSRP_PROP_LAST,
  PROP_MAX_QUEUED,
};

static GstStaticPadTemplate src_template = GST_STATIC_PAD_TEMPLATE ("src", GST_PAD_SRC, GST_PAD_ALWAYS, GST_STATIC_CAPS_ANY);

G_DEFINE_TYPE (GstMsrpSrc, gst_msrp_src, GST_TYPE_PUSH_SRC);
GST_ELEMENT_REGISTER_DEFINE (msrpsrc, "msrpsrc", GST_RANK_NONE, GST_TYPE_MSRP_SRC);

/* ---- worker thread side ----------------------------------------------- */

static void
on_chunk (SipSimpleMsrpSession *session, const char *id, guint64 offset, GBytes *data, GstMsrpSrc *self)
{
  GstMsrpWorker *w = self->worker;

  g_mutex_lock (&w->lock);
  /* back-pressure: this thread is ours; while it waits, nothing is read
   * from the connection and TCP slows the sender */
  while (self->queued > self->max_queued && !w->flushing)
    g_cond_wait (&w->cond, &w->lock);
  g_queue_push_tail (&self->queue, g_bytes_ref (data));
  self->queued += g_bytes_get_size (data);
  self->partial = TRUE;
  g_cond_broadcast (&w->cond);
  g_mutex_unlock (&w->lock);
}

static void
on_message (SipSimpleMsrpSession *session, const char *id, const char *content_type, GBytes *body, GstMsrpSrc *self)
{
  GstMsrpWorker *w = self->worker;

  GST_DEBUG_OBJECT (self, "message %s complete", id);
  g_mutex_lock (&w->lock);
  g_queue_push_tail (&self->queue, NULL);
  self->partial = FALSE;
  self->messages++;
  g_cond_broadcast (&w->cond);
  g_mutex_unlock (&w->lock);
}

static void
setup_session (GstMsrpWorker *worker, SipSimpleMsrpSession *session, gpointer user_data)
{
  GstMsrpSrc *self = user_data;

  /* The callbacks below run in the worker thread and may run before
   * gst_msrp_props_start_worker() returns in the streaming thread (a peer
   * that connects at once sends its first chunk then): they must find the
   * worker already. The streaming thread reads self->worker only after the
   * worker said it is prepared, under the worker's lock. */
  self->worker = worker;

  /* bytes go downstream from chunk-received: never assemble in memory */
  g_object_set (session, "max-buffered-size", (guint64)0, NULL);
  g_signal_connect (session, "chunk-received", G_CALLBACK (on_chunk), self);
  g_signal_connect (session, "message-received", G_CALLBACK (on_message), self);
}

/* ---- streaming thread side -------------------------------------------- */

static gboolean
gst_msrp_src_start (GstBaseSrc *src)
{
  GstMsrpSrc *self = GST_MSRP_SRC (src);
  g_autoptr (GError) error = NULL;

  self->offset = 0;
  self->queued = 0;
  self->partial = FALSE;
  self->messages = 0;
  if (gst_msrp_props_start_worker (&self->props, GST_ELEMENT (self), setup_session, self, &error) == NULL)
    {
      self->worker = NULL; /* setup_session may have seen it before it was freed */
      GST_ELEMENT_ERROR (self, RESOURCE, OPEN_READ, ("Could not set up the MSRP session"), ("%s", error->message));
      return FALSE;
    }
  return TRUE;
}

static gboolean
gst_msrp_src_stop (GstBaseSrc *src)
{
  GstMsrpSrc *self = GST_MSRP_SRC (src);
  GBytes     *bytes;

  g_clear_pointer (&self->worker, gst_msrp_worker_free);
  while (!g_queue_is_empty (&self->queue))
    {
      bytes = g_queue_pop_head (&self->queue);
      if (bytes)
        g_bytes_unref (bytes);
    }
  self->queued = 0;
  return TRUE;
}

static gboolean
gst_msrp_src_unlock (GstBaseSrc *src)
{
  GstMsrpSrc *self = GST_MSRP_SRC (src);

  if (self->worker)
    gst_msrp_worker_set_flushing (self->worker, TRUE);
  return TRUE;
}

static gboolean
gst_msrp_src_unlock_stop (GstBaseSrc *src)
{
  GstMsrpSrc *self = GST_MSRP_SRC (src);

  if (self->worker)
    gst_msrp_worker_set_flushing (self->worker, FALSE);
  return TRUE;
}

static GstFlowReturn
gst_msrp_src_create (GstPushSrc *src, GstBuffer **buffer)
{
  GstMsrpSrc    *self = GST_MSRP_SRC (src);
  GstMsrpWorker *w = self->worker;
  GBytes        *bytes;
  gboolean       eos_after;

  GST_OBJECT_LOCK (self);
  eos_after = self->eos_after_message;
  GST_OBJECT_UNLOCK (self);

  g_mutex_lock (&w->lock);
  for (;;)
    {
      if (w->flushing)
        {
          g_mutex_unlock (&w->lock);
          return GST_FLOW_FLUSHING;
        }
      if (!g_queue_is_empty (&self->queue))
        {
          bytes = g_queue_pop_head (&self->queue);
          if (bytes == NULL)
            {
              if (eos_after)
                {
                  g_mutex_unlock (&w->lock);
                  return GST_FLOW_EOS;
                }
              continue;
            }
          self->queued -= g_bytes_get_size (bytes);
          g_cond_broadcast (&w->cond);
          break;
        }
      if (w->closed && !eos_after && !self->partial && self->messages > 0)
        {
          /* the peer is done sending messages */
          g_mutex_unlock (&w->lock);
          GST_INFO_OBJECT (self, "session closed after %u messages: EOS", self->messages);
          return GST_FLOW_EOS;
        }
      if (w->closed)
        {
          g_autofree char *message = g_strdup (w->error ? w->error->message : "MSRP session closed");

          g_mutex_unlock (&w->lock);
          GST_ELEMENT_ERROR (self, RESOURCE, READ, ("MSRP session failed"), ("%s", message));
          return GST_FLOW_ERROR;
        }
      g_cond_wait (&w->cond, &w->lock);
    }
  g_mutex_unlock (&w->lock);
  *buffer = gst_buffer_new_wrapped_bytes (bytes);
  GST_BUFFER_OFFSET (*buffer) = self->offset;
  self->offset += g_bytes_get_size (bytes);
  GST_BUFFER_OFFSET_END (*buffer) = self->offset;
  g_bytes_unref (bytes);
  return GST_FLOW_OK;
}

/* ---- GObject ----------------------------------------------------------- */

static void
gst_msrp_src_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  GstMsrpSrc *self = GST_MSRP_SRC (object);

  GST_OBJECT_LOCK (self);
  switch (prop_id)
    {
    case PROP_EOS_AFTER_MESSAGE:
      self->eos_after_message = g_value_get_boolean (value);
      break;
    case PROP_MAX_QUEUED:
      self->max_queued = g_value_get_uint (value);
      break;
    default:
      if (!gst_msrp_props_set (&self->props, prop_id, value))
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
  GST_OBJECT_UNLOCK (self);
}

static void
gst_msrp_src_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  GstMsrpSrc *self = GST_MSRP_SRC (object);

  GST_OBJECT_LOCK (self);
  switch (prop_id)
    {
    case PROP_EOS_AFTER_MESSAGE:
      g_value_set_boolean (value, self->eos_after_message);
      break;
    case PROP_MAX_QUEUED:
      g_value_set_uint (value, self->max_queued);
      break;
    default:
      if (!gst_msrp_props_get (&self->props, prop_id, value))
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
  GST_OBJECT_UNLOCK (self);
}

static void
gst_msrp_src_finalize (GObject *object)
{
  GstMsrpSrc *self = GST_MSRP_SRC (object);

  gst_msrp_props_clear (&self->props);
  G_OBJECT_CLASS (gst_msrp_src_parent_class)->finalize (object);
}

static void
gst_msrp_src_init (GstMsrpSrc *self)
{
  gst_msrp_props_init (&self->props, FALSE);
  self->eos_after_message = TRUE;
  self->max_queued = DEFAULT_MAX_QUEUED;
  g_queue_init (&self->queue);
  gst_base_src_set_format (GST_BASE_SRC (self), GST_FORMAT_BYTES);
}

static void
gst_msrp_src_class_init (GstMsrpSrcClass *klass)
{
  GObjectClass    *object_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  GstBaseSrcClass *base_class = GST_BASE_SRC_CLASS (klass);
  GstPushSrcClass *push_class = GST_PUSH_SRC_CLASS (klass);

  object_class->set_property = gst_msrp_src_set_property;
  object_class->get_property = gst_msrp_src_get_property;
  object_class->finalize = gst_msrp_src_finalize;

  gst_msrp_props_install (object_class, FALSE);
  g_object_class_install_property (object_class, PROP_EOS_AFTER_MESSAGE,
    g_param_spec_boolean ("eos-after-message", "EOS after message",
                          "Send EOS when the first message is complete (else push the bytes of every message "
                          "that arrives, and send EOS when the peer closes the session between messages)",
                          TRUE, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_READY));
  g_object_class_install_property (object_class, PROP_MAX_QUEUED,
    g_param_spec_uint ("max-queued", "Max queued",
                       "Bytes received but not pushed yet beyond which reading from the connection pauses", 0,
                       G_MAXUINT, DEFAULT_MAX_QUEUED,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_READY));

  gst_element_class_add_static_pad_template (element_class, &src_template);
  gst_element_class_set_static_metadata (element_class, "MSRP source", "Source/Network",
                                         "Receives MSRP messages (RFC 4975) and pushes their bytes as they arrive",
                                         "libsipsimple developers");

  base_class->start = GST_DEBUG_FUNCPTR (gst_msrp_src_start);
  base_class->stop = GST_DEBUG_FUNCPTR (gst_msrp_src_stop);
  base_class->unlock = GST_DEBUG_FUNCPTR (gst_msrp_src_unlock);
  base_class->unlock_stop = GST_DEBUG_FUNCPTR (gst_msrp_src_unlock_stop);
  push_class->create = GST_DEBUG_FUNCPTR (gst_msrp_src_create);

  GST_DEBUG_CATEGORY_INIT (gst_msrp_src_debug, "msrpsrc", 0, "MSRP source");
}
