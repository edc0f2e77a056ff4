/* libsipsimple - SipSimpleMsrpStream: the SipSimpleMediaStream side of
 * every MSRP media stream (negotiating and running its MSRP session);
 * msrp-stream-private.h says what a subclass adds
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "msrp-media-private.h"
#include "msrp-stream-private.h"

typedef struct
{
  SipSimpleMediaStreamState state;
  SipSimpleMsrpSession     *msrp;
  gboolean                  is_offerer;
  gboolean                  negotiated;
  gboolean                  deactivated;
  gboolean                  connected;
  GTask                    *init_task;
} SipSimpleMsrpStreamPrivate;

enum
{
  PROP_0,
  PROP_STATE,
  PROP_ON_HOLD_BY_LOCAL,
  PROP_ON_HOLD_BY_REMOTE,
  N_PROPS
};

static GParamSpec *state_pspec;

static void msrp_stream_media_init (SipSimpleMediaStreamInterface *iface);

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (
    SipSimpleMsrpStream, sip_simple_msrp_stream, G_TYPE_OBJECT, G_ADD_PRIVATE (SipSimpleMsrpStream);
    g_type_add_class_private (g_define_type_id, sizeof (SipSimpleMsrpStreamHooks));
    G_IMPLEMENT_INTERFACE (SIP_SIMPLE_TYPE_MEDIA_STREAM, msrp_stream_media_init))

#define PRIV(self)                                                                                 \
  ((SipSimpleMsrpStreamPrivate *)sip_simple_msrp_stream_get_instance_private (self))

SipSimpleMsrpStreamHooks *
sip_simple_msrp_stream_class_get_hooks (gpointer klass)
{
  return G_TYPE_CLASS_GET_PRIVATE (klass, SIP_SIMPLE_TYPE_MSRP_STREAM, SipSimpleMsrpStreamHooks);
}

static SipSimpleMsrpStreamHooks *
hooks_of (SipSimpleMsrpStream *self)
{
  return sip_simple_msrp_stream_class_get_hooks (G_OBJECT_GET_CLASS (self));
}

/* ---- state -------------------------------------------------------------- */

SipSimpleMsrpSession *
sip_simple_msrp_stream_get_session (SipSimpleMsrpStream *self)
{
  return PRIV (self)->msrp;
}

SipSimpleMediaStreamState
sip_simple_msrp_stream_get_state (SipSimpleMsrpStream *self)
{
  return PRIV (self)->state;
}

void
sip_simple_msrp_stream_set_state (SipSimpleMsrpStream *self, SipSimpleMediaStreamState state)
{
  SipSimpleMsrpStreamPrivate *priv = PRIV (self);

  if (priv->state == state)
    return;
  priv->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), state_pspec);
}

gboolean
sip_simple_msrp_stream_is_offerer (SipSimpleMsrpStream *self)
{
  return PRIV (self)->is_offerer;
}

gboolean
sip_simple_msrp_stream_is_connected (SipSimpleMsrpStream *self)
{
  return PRIV (self)->connected;
}

gboolean
sip_simple_msrp_stream_is_deactivated (SipSimpleMsrpStream *self)
{
  return PRIV (self)->deactivated;
}

void
sip_simple_msrp_stream_fail (SipSimpleMsrpStream *self, const GError *error)
{
  if (PRIV (self)->state != SIP_SIMPLE_MEDIA_STREAM_STATE_ENDED)
    sip_simple_msrp_stream_set_state (self, SIP_SIMPLE_MEDIA_STREAM_STATE_FAILED);
  sip_simple_media_stream_emit_failed (SIP_SIMPLE_MEDIA_STREAM (self), error);
}

GError *
sip_simple_msrp_stream_transport_error (const GError *msrp_error)
{
  const char *message = msrp_error->message;

  return g_error_new (SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_TRANSPORT,
                      "%s%s", g_str_has_prefix (message, "MSRP") ? "" : "MSRP: ", message);
}

/* ---- initialize --------------------------------------------------------- */

static void
prepared (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SipSimpleMsrpStream *self = user_data;
  GTask               *task = g_steal_pointer (&PRIV (self)->init_task);
  GError              *error = NULL;

  if (!sip_simple_msrp_session_prepare_finish (SIP_SIMPLE_MSRP_SESSION (source), result, &error))
    {
      sip_simple_msrp_stream_set_state (self, SIP_SIMPLE_MEDIA_STREAM_STATE_FAILED);
      g_task_return_error (task, sip_simple_msrp_stream_transport_error (error));
      g_error_free (error);
    }
  else
    {
      sip_simple_msrp_stream_set_state (self, SIP_SIMPLE_MEDIA_STREAM_STATE_INITIALIZED);
      g_task_return_boolean (task, TRUE);
    }
  g_object_unref (task);
  g_object_unref (self);
}

void
sip_simple_msrp_stream_initialize_done (SipSimpleMsrpStream *self, GError *error)
{
  SipSimpleMsrpStreamPrivate *priv = PRIV (self);

  if (error)
    {
      GTask *task = g_steal_pointer (&priv->init_task);

      sip_simple_msrp_stream_set_state (self, SIP_SIMPLE_MEDIA_STREAM_STATE_FAILED);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  sip_simple_msrp_session_prepare_async (priv->msrp, g_task_get_cancellable (priv->init_task),
                                         prepared, g_object_ref (self));
}

static void
msrp_initialize_async (SipSimpleMediaStream *stream, const char *local_address,
                       GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  SipSimpleMsrpStream        *self = SIP_SIMPLE_MSRP_STREAM (stream);
  SipSimpleMsrpStreamPrivate *priv = PRIV (self);
  SipSimpleMsrpStreamHooks   *hooks = hooks_of (self);
  GTask                      *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, msrp_initialize_async);
  if (priv->state != SIP_SIMPLE_MEDIA_STREAM_STATE_NEW)
    {
      g_task_return_new_error (task, SIP_SIMPLE_MEDIA_STREAM_ERROR,
                               SIP_SIMPLE_MEDIA_STREAM_ERROR_STATE,
                               "The %s stream is already initialized", hooks->name);
      g_object_unref (task);
      return;
    }
  sip_simple_msrp_stream_set_state (self, SIP_SIMPLE_MEDIA_STREAM_STATE_INITIALIZING);
  if (local_address && *local_address)
    g_object_set (priv->msrp, "local-address", local_address, NULL);
  priv->init_task = task;
  if (hooks->initialize)
    hooks->initialize (self, cancellable);
  else
    sip_simple_msrp_stream_initialize_done (self, NULL);
}

static gboolean
msrp_initialize_finish (SipSimpleMediaStream *stream, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, stream), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- SDP ---------------------------------------------------------------- */

static const char *
msrp_get_media_type (SipSimpleMediaStream *stream)
{
  return "message";
}

static gboolean
msrp_accepts_remote_media (SipSimpleMediaStream *stream, const GstSDPMessage *remote_sdp,
                           guint index)
{
  SipSimpleMsrpStream *self = SIP_SIMPLE_MSRP_STREAM (stream);

  if (index >= gst_sdp_message_medias_len (remote_sdp)
      || !sip_simple_msrp_media_is_msrp (gst_sdp_message_get_media (remote_sdp, index)))
    return FALSE;
  return hooks_of (self)->accepts == NULL || hooks_of (self)->accepts (self, remote_sdp, index);
}

/* The peer's MSRP line: its path, its a=setup, its transport (and TLS
 * fingerprint, which goes to the session) */
static gboolean
read_line (SipSimpleMsrpStream *self, const GstSDPMessage *remote_sdp, guint index,
           GPtrArray **path, MsrpSetup *setup, GError **error)
{
  const GstSDPMedia *m;

  if (index >= gst_sdp_message_medias_len (remote_sdp))
    {
      g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP,
                   "No media line %u", index);
      return FALSE;
    }
  m = gst_sdp_message_get_media (remote_sdp, index);
  if (!sip_simple_msrp_media_is_msrp (m))
    {
      g_set_error_literal (error, SIP_SIMPLE_MEDIA_STREAM_ERROR,
                           SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE, "Not an MSRP media line");
      return FALSE;
    }
  if (!sip_simple_msrp_media_get_setup (m, setup, error)
      || !sip_simple_msrp_media_check_transport (remote_sdp, index, PRIV (self)->msrp, error))
    return FALSE;
  *path = sip_simple_msrp_media_get_path (m, error);
  return *path != NULL;
}

static gboolean
msrp_add_local_media (SipSimpleMediaStream *stream, GstSDPMessage *local_sdp,
                      const GstSDPMessage *remote_sdp, guint index, GError **error)
{
  SipSimpleMsrpStream        *self = SIP_SIMPLE_MSRP_STREAM (stream);
  SipSimpleMsrpStreamPrivate *priv = PRIV (self);
  SipSimpleMsrpStreamHooks   *hooks = hooks_of (self);
  GstSDPMedia                 media = { 0 };
  const char                 *setup;

  if (priv->state < SIP_SIMPLE_MEDIA_STREAM_STATE_INITIALIZED
      || priv->state > SIP_SIMPLE_MEDIA_STREAM_STATE_RUNNING)
    {
      g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_STATE,
                   "The %s stream cannot describe itself now", hooks->name);
      return FALSE;
    }
  if (priv->negotiated)
    /* a re-offer or re-answer keeps the connection and its roles */
    setup = sip_simple_msrp_session_get_active (priv->msrp) ? "active" : "passive";
  else if (remote_sdp == NULL)
    {
      priv->is_offerer = TRUE;
      setup = "actpass";
      if (hooks->offer && !hooks->offer (self, error))
        return FALSE;
    }
  else
    {
      g_autoptr (GPtrArray) path = NULL;
      MsrpSetup offered;
      gboolean  active;

      priv->is_offerer = FALSE;
      if (!read_line (self, remote_sdp, index, &path, &offered, error)
          || !sip_simple_msrp_media_answer_active (offered, &active, error)
          || (hooks->answer && !hooks->answer (self, remote_sdp, index, error)))
        return FALSE;
      sip_simple_msrp_session_set_active (priv->msrp, active);
      setup = active ? "active" : "passive";
    }
  gst_sdp_media_init (&media);
  sip_simple_msrp_media_init_line (&media, priv->msrp, setup);
  sip_simple_msrp_media_add_fingerprint (&media, priv->msrp);
  if (hooks->add_attributes)
    hooks->add_attributes (self, &media);
  gst_sdp_message_add_media (local_sdp, &media);
  return TRUE;
}

/* ---- start -------------------------------------------------------------- */

static void
started (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SipSimpleMsrpStream        *self = user_data;
  SipSimpleMsrpStreamPrivate *priv = PRIV (self);
  SipSimpleMsrpStreamHooks   *hooks = hooks_of (self);
  g_autoptr (GError) error = NULL;

  if (!sip_simple_msrp_session_start_finish (SIP_SIMPLE_MSRP_SESSION (source), result, &error))
    {
      if (priv->state == SIP_SIMPLE_MEDIA_STREAM_STATE_STARTING)
        {
          g_autoptr (GError) e = sip_simple_msrp_stream_transport_error (error);

          if (hooks->start_failed)
            hooks->start_failed (self, e);
          else
            sip_simple_msrp_stream_fail (self, e);
        }
      g_object_unref (self);
      return;
    }
  if (priv->state == SIP_SIMPLE_MEDIA_STREAM_STATE_STARTING)
    {
      priv->connected = TRUE;
      sip_simple_msrp_stream_set_state (self, SIP_SIMPLE_MEDIA_STREAM_STATE_RUNNING);
      if (hooks->running)
        hooks->running (self);
      sip_simple_media_stream_emit_started (SIP_SIMPLE_MEDIA_STREAM (self));
      if (hooks->started && priv->state == SIP_SIMPLE_MEDIA_STREAM_STATE_RUNNING)
        hooks->started (self);
    }
  g_object_unref (self);
}

static gboolean
msrp_start (SipSimpleMediaStream *stream, const GstSDPMessage *local_sdp,
            const GstSDPMessage *remote_sdp, guint index, GError **error)
{
  SipSimpleMsrpStream        *self = SIP_SIMPLE_MSRP_STREAM (stream);
  SipSimpleMsrpStreamPrivate *priv = PRIV (self);
  SipSimpleMsrpStreamHooks   *hooks = hooks_of (self);
  g_autoptr (GPtrArray) path = NULL;
  MsrpSetup setup;

  if (priv->state != SIP_SIMPLE_MEDIA_STREAM_STATE_INITIALIZED)
    {
      g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_STATE,
                   "The %s stream is not initialized", hooks->name);
      return FALSE;
    }
  if (!read_line (self, remote_sdp, index, &path, &setup, error))
    return FALSE;
  if (priv->is_offerer)
    {
      gboolean active;

      if (!sip_simple_msrp_media_offerer_active (setup, &active, error))
        return FALSE;
      sip_simple_msrp_session_set_active (priv->msrp, active);
    }
  if (hooks->start && !hooks->start (self, remote_sdp, index, error))
    return FALSE;
  priv->negotiated = TRUE;
  sip_simple_msrp_session_set_remote_path (priv->msrp, path);
  sip_simple_msrp_stream_set_state (self, SIP_SIMPLE_MEDIA_STREAM_STATE_STARTING);
  sip_simple_msrp_session_start_async (priv->msrp, NULL, started, g_object_ref (self));
  return TRUE;
}

/* ---- running ------------------------------------------------------------ */

static gboolean
msrp_validate_update (SipSimpleMediaStream *stream, const GstSDPMessage *remote_sdp, guint index,
                      GError **error)
{
  return sip_simple_msrp_media_check_update (
      remote_sdp, index, hooks_of (SIP_SIMPLE_MSRP_STREAM (stream))->name, error);
}

static gboolean
msrp_update (SipSimpleMediaStream *stream, const GstSDPMessage *local_sdp,
             const GstSDPMessage *remote_sdp, guint index, GError **error)
{
  /* the connection stays as it is (RFC 4975 section 8.3 allows no path change here) */
  return msrp_validate_update (stream, remote_sdp, index, error);
}

/* MSRP has no hold: the line keeps its direction */
static void
msrp_hold (SipSimpleMediaStream *stream)
{
}

static void
msrp_unhold (SipSimpleMediaStream *stream)
{
}

static void
msrp_deactivate (SipSimpleMediaStream *stream)
{
  SipSimpleMsrpStream        *self = SIP_SIMPLE_MSRP_STREAM (stream);
  SipSimpleMsrpStreamPrivate *priv = PRIV (self);

  /* Deactivation comes before the BYE or the re-INVITE that removes the
   * stream: nothing more goes out or comes in, and what is in flight
   * fails now rather than being half delivered. */
  if (priv->deactivated)
    return;
  g_object_ref (self);
  priv->deactivated = TRUE;
  if (hooks_of (self)->deactivate)
    hooks_of (self)->deactivate (self);
  sip_simple_msrp_session_close (priv->msrp);
  g_object_unref (self);
}

static void
msrp_end (SipSimpleMediaStream *stream)
{
  SipSimpleMsrpStream        *self = SIP_SIMPLE_MSRP_STREAM (stream);
  SipSimpleMsrpStreamPrivate *priv = PRIV (self);
  SipSimpleMsrpStreamHooks   *hooks = hooks_of (self);

  if (priv->state == SIP_SIMPLE_MEDIA_STREAM_STATE_ENDED)
    return;
  g_object_ref (self);
  if (hooks->ending)
    hooks->ending (self);
  sip_simple_msrp_stream_set_state (self, SIP_SIMPLE_MEDIA_STREAM_STATE_ENDED);
  sip_simple_msrp_session_close (priv->msrp);
  if (hooks->ended)
    hooks->ended (self);
  priv->connected = FALSE;
  sip_simple_media_stream_emit_ended (stream);
  g_object_unref (self);
}

static void
msrp_stream_media_init (SipSimpleMediaStreamInterface *iface)
{
  iface->get_media_type = msrp_get_media_type;
  iface->accepts_remote_media = msrp_accepts_remote_media;
  iface->initialize_async = msrp_initialize_async;
  iface->initialize_finish = msrp_initialize_finish;
  iface->add_local_media = msrp_add_local_media;
  iface->start = msrp_start;
  iface->validate_update = msrp_validate_update;
  iface->update = msrp_update;
  iface->hold = msrp_hold;
  iface->unhold = msrp_unhold;
  iface->deactivate = msrp_deactivate;
  iface->end = msrp_end;
}

/* ---- GObject ------------------------------------------------------------ */

static void
on_msrp_closed (SipSimpleMsrpSession *msrp, const GError *error, SipSimpleMsrpStream *self)
{
  PRIV (self)->connected = FALSE;
}

static void
sip_simple_msrp_stream_init (SipSimpleMsrpStream *self)
{
  SipSimpleMsrpStreamPrivate *priv = PRIV (self);

  priv->state = SIP_SIMPLE_MEDIA_STREAM_STATE_NEW;
  priv->msrp = sip_simple_msrp_session_new ();
  g_signal_connect (priv->msrp, "closed", G_CALLBACK (on_msrp_closed), self);
}

static void
sip_simple_msrp_stream_dispose (GObject *object)
{
  SipSimpleMsrpStreamPrivate *priv = PRIV (SIP_SIMPLE_MSRP_STREAM (object));

  if (priv->msrp)
    {
      /* the subclass's handlers too */
      g_signal_handlers_disconnect_by_data (priv->msrp, object);
      sip_simple_msrp_session_close (priv->msrp);
      g_clear_object (&priv->msrp);
    }
  G_OBJECT_CLASS (sip_simple_msrp_stream_parent_class)->dispose (object);
}

static void
sip_simple_msrp_stream_get_property (GObject *object, guint prop_id, GValue *value,
                                     GParamSpec *pspec)
{
  SipSimpleMsrpStreamPrivate *priv = PRIV (SIP_SIMPLE_MSRP_STREAM (object));

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, priv->state);
      break;
    case PROP_ON_HOLD_BY_LOCAL:
    case PROP_ON_HOLD_BY_REMOTE:
      g_value_set_boolean (value, FALSE);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_msrp_stream_class_init (SipSimpleMsrpStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sip_simple_msrp_stream_dispose;
  object_class->get_property = sip_simple_msrp_stream_get_property;

  g_object_class_override_property (object_class, PROP_STATE, "state");
  g_object_class_override_property (object_class, PROP_ON_HOLD_BY_LOCAL, "on-hold-by-local");
  g_object_class_override_property (object_class, PROP_ON_HOLD_BY_REMOTE, "on-hold-by-remote");
  state_pspec = g_object_class_find_property (object_class, "state");
}

GParamSpec *
sip_simple_msrp_stream_class_install_session_property (GObjectClass *object_class, guint prop_id)
{
  GParamSpec *pspec = g_param_spec_object ("msrp-session", NULL, NULL, SIP_SIMPLE_TYPE_MSRP_SESSION,
                                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_property (object_class, prop_id, pspec);
  return pspec;
}
