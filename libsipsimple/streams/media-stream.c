/* libsipsimple - SipSimpleMediaStream interface
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/streams/media-stream.h>

/**
 * SipSimpleMediaStream:
 *
 * A media stream of a [class@SipSimple.Session]: audio
 * ([class@SipSimple.AudioStream]) today, chat and file transfer later, or
 * a type of your own. The session does the signalling and the SDP
 * offer/answer bookkeeping; the stream describes itself as one SDP media
 * line ([struct@GstSdp.SDPMedia]), accepts the peer's, and moves the media.
 *
 * Implementations provide the virtual methods of
 * [struct@SipSimple.MediaStreamInterface], implement the `state`,
 * `on-hold-by-local` and `on-hold-by-remote` properties, and report the
 * outcome of [method@SipSimple.MediaStream.start] with
 * [method@SipSimple.MediaStream.emit_started] or
 * [method@SipSimple.MediaStream.emit_failed]. Register the type with the
 * [class@SipSimple.MediaStreamRegistry] so incoming offers create it.
 *
 * Since: 0.1
 */

G_DEFINE_INTERFACE (SipSimpleMediaStream, sip_simple_media_stream, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (SipSimpleMediaStreamState, sip_simple_media_stream_state,
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MEDIA_STREAM_STATE_NEW, "new"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MEDIA_STREAM_STATE_INITIALIZING, "initializing"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MEDIA_STREAM_STATE_INITIALIZED, "initialized"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MEDIA_STREAM_STATE_STARTING, "starting"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MEDIA_STREAM_STATE_RUNNING, "running"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MEDIA_STREAM_STATE_ENDED, "ended"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MEDIA_STREAM_STATE_FAILED, "failed"))

G_DEFINE_ENUM_TYPE (SipSimpleMediaStreamError, sip_simple_media_stream_error,
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MEDIA_STREAM_ERROR_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE, "incompatible"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP, "invalid-sdp"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MEDIA_STREAM_ERROR_TRANSPORT, "transport"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA, "media"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MEDIA_STREAM_ERROR_STATE, "state"))

/**
 * sip_simple_media_stream_error_quark:
 *
 * Gets the quark of the %SIP_SIMPLE_MEDIA_STREAM_ERROR error domain.
 *
 * Returns: the quark of %SIP_SIMPLE_MEDIA_STREAM_ERROR
 *
 * Since: 0.1
 */
G_DEFINE_QUARK (sip-simple-media-stream-error-quark, sip_simple_media_stream_error)

enum {
  SIGNAL_STARTED,
  SIGNAL_FAILED,
  SIGNAL_ENDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
sip_simple_media_stream_default_init (SipSimpleMediaStreamInterface *iface)
{
  /**
   * SipSimpleMediaStream:state:
   *
   * The stream's state.
   */
  g_object_interface_install_property (iface,
    g_param_spec_enum ("state", NULL, "The stream state", SIP_SIMPLE_TYPE_MEDIA_STREAM_STATE,
                       SIP_SIMPLE_MEDIA_STREAM_STATE_NEW,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * SipSimpleMediaStream:on-hold-by-local:
   *
   * Whether this side put the stream on hold.
   */
  g_object_interface_install_property (iface,
    g_param_spec_boolean ("on-hold-by-local", NULL, "Held by this side", FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * SipSimpleMediaStream:on-hold-by-remote:
   *
   * Whether the peer put the stream on hold.
   */
  g_object_interface_install_property (iface,
    g_param_spec_boolean ("on-hold-by-remote", NULL, "Held by the peer", FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * SipSimpleMediaStream::started:
   * @self: the stream
   *
   * Media flows (after [method@SipSimple.MediaStream.start]).
   */
  signals[SIGNAL_STARTED] =
    g_signal_new ("started", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
  /**
   * SipSimpleMediaStream::failed:
   * @self: the stream
   * @error: what went wrong
   *
   * The stream could not start, or stopped working.
   */
  signals[SIGNAL_FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  /**
   * SipSimpleMediaStream::ended:
   * @self: the stream
   *
   * The stream ended and released its resources.
   */
  signals[SIGNAL_ENDED] =
    g_signal_new ("ended", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

#define IFACE(self) SIP_SIMPLE_MEDIA_STREAM_GET_IFACE (self)

/**
 * sip_simple_media_stream_get_media_type:
 * @self: a media stream
 *
 * Gets the SDP media type, such as "audio".
 *
 * Returns: (transfer none): the SDP media type, such as "audio"
 *
 * Since: 0.1
 */
const char *
sip_simple_media_stream_get_media_type (SipSimpleMediaStream *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_MEDIA_STREAM (self), NULL);
  g_return_val_if_fail (IFACE (self)->get_media_type != NULL, NULL);
  return IFACE (self)->get_media_type (self);
}

/**
 * sip_simple_media_stream_accepts_remote_media:
 * @self: a media stream
 * @remote_sdp: an offer
 * @index: the m-line of @remote_sdp
 *
 * Tells whether the stream can answer that m-line.
 *
 * Returns: whether the stream can answer that m-line
 *
 * Since: 0.1
 */
gboolean
sip_simple_media_stream_accepts_remote_media (SipSimpleMediaStream *self,
                                              const GstSDPMessage  *remote_sdp,
                                              guint                 index)
{
  const GstSDPMedia *media;

  g_return_val_if_fail (SIP_SIMPLE_IS_MEDIA_STREAM (self), FALSE);
  g_return_val_if_fail (remote_sdp != NULL, FALSE);

  if (index >= gst_sdp_message_medias_len (remote_sdp))
    return FALSE;
  if (IFACE (self)->accepts_remote_media != NULL)
    return IFACE (self)->accepts_remote_media (self, remote_sdp, index);
  media = gst_sdp_message_get_media (remote_sdp, index);
  return g_strcmp0 (gst_sdp_media_get_media (media), sip_simple_media_stream_get_media_type (self)) == 0;
}

/**
 * sip_simple_media_stream_initialize_async:
 * @self: a media stream
 * @local_address: the local IP address to use for media
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the stream can describe itself
 * @user_data: data for @callback
 *
 * Allocates the stream's transport (ports, ICE candidates...).
 *
 * Since: 0.1
 */
void
sip_simple_media_stream_initialize_async (SipSimpleMediaStream *self,
                                          const char           *local_address,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data)
{
  g_return_if_fail (SIP_SIMPLE_IS_MEDIA_STREAM (self));
  g_return_if_fail (local_address != NULL);
  IFACE (self)->initialize_async (self, local_address, cancellable, callback, user_data);
}

/**
 * sip_simple_media_stream_initialize_finish:
 * @self: a media stream
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@SipSimple.MediaStream.initialize_async].
 *
 * Returns: %TRUE if the stream is ready for offer/answer
 *
 * Since: 0.1
 */
gboolean
sip_simple_media_stream_initialize_finish (SipSimpleMediaStream *self,
                                           GAsyncResult         *result,
                                           GError              **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_MEDIA_STREAM (self), FALSE);
  return IFACE (self)->initialize_finish (self, result, error);
}

/**
 * sip_simple_media_stream_add_local_media:
 * @self: a media stream
 * @local_sdp: the local session description being built; the stream
 *   appends exactly one media description to it
 * @remote_sdp: (nullable): the offer being answered, or %NULL to make an offer
 * @index: the stream's m-line in @remote_sdp (ignored for an offer)
 * @error: return location for a #GError (%SIP_SIMPLE_MEDIA_STREAM_ERROR)
 *
 * Appends the stream's media line to a local description (offer or answer).
 *
 * Returns: %FALSE with an error when the offer can't be answered (nothing
 *   is appended then)
 *
 * Since: 0.1
 */
gboolean
sip_simple_media_stream_add_local_media (SipSimpleMediaStream *self,
                                         GstSDPMessage        *local_sdp,
                                         const GstSDPMessage  *remote_sdp,
                                         guint                 index,
                                         GError              **error)
{
  guint before;
  gboolean ok;

  g_return_val_if_fail (SIP_SIMPLE_IS_MEDIA_STREAM (self), FALSE);
  g_return_val_if_fail (local_sdp != NULL, FALSE);

  before = gst_sdp_message_medias_len (local_sdp);
  ok = IFACE (self)->add_local_media (self, local_sdp, remote_sdp, index, error);
  if (ok && gst_sdp_message_medias_len (local_sdp) != before + 1)
    {
      g_critical ("%s added %u media descriptions instead of one",
                  G_OBJECT_TYPE_NAME (self), gst_sdp_message_medias_len (local_sdp) - before);
      return FALSE;
    }
  return ok;
}

/**
 * sip_simple_media_stream_start:
 * @self: a media stream
 * @local_sdp: the local session description
 * @remote_sdp: the remote session description
 * @index: the stream's m-line in both
 * @error: return location for a #GError
 *
 * Starts the media. The outcome arrives as #SipSimpleMediaStream::started
 * or #SipSimpleMediaStream::failed.
 *
 * Returns: %FALSE if the stream could not even try
 *
 * Since: 0.1
 */
gboolean
sip_simple_media_stream_start (SipSimpleMediaStream *self,
                               const GstSDPMessage  *local_sdp,
                               const GstSDPMessage  *remote_sdp,
                               guint                 index,
                               GError              **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_MEDIA_STREAM (self), FALSE);
  return IFACE (self)->start (self, local_sdp, remote_sdp, index, error);
}

/**
 * sip_simple_media_stream_validate_update:
 * @self: a media stream
 * @remote_sdp: a re-offer
 * @index: the stream's m-line
 * @error: return location for a #GError
 *
 * Tells whether the re-offer is acceptable for this stream.
 *
 * Returns: whether the re-offer is acceptable for this stream
 *
 * Since: 0.1
 */
gboolean
sip_simple_media_stream_validate_update (SipSimpleMediaStream *self,
                                         const GstSDPMessage  *remote_sdp,
                                         guint                 index,
                                         GError              **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_MEDIA_STREAM (self), FALSE);
  if (IFACE (self)->validate_update == NULL)
    return TRUE;
  return IFACE (self)->validate_update (self, remote_sdp, index, error);
}

/**
 * sip_simple_media_stream_update:
 * @self: a media stream
 * @local_sdp: the new local session description
 * @remote_sdp: the new remote session description
 * @index: the stream's m-line
 * @error: return location for a #GError
 *
 * Applies a renegotiation (hold, codec or address change) while running.
 *
 * Returns: %TRUE on success
 *
 * Since: 0.1
 */
gboolean
sip_simple_media_stream_update (SipSimpleMediaStream *self,
                                const GstSDPMessage  *local_sdp,
                                const GstSDPMessage  *remote_sdp,
                                guint                 index,
                                GError              **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_MEDIA_STREAM (self), FALSE);
  if (IFACE (self)->update == NULL)
    return TRUE;
  return IFACE (self)->update (self, local_sdp, remote_sdp, index, error);
}

/**
 * sip_simple_media_stream_hold:
 * @self: a media stream
 *
 * Puts the stream on hold; the session renegotiates.
 *
 * Since: 0.1
 */
void
sip_simple_media_stream_hold (SipSimpleMediaStream *self)
{
  g_return_if_fail (SIP_SIMPLE_IS_MEDIA_STREAM (self));
  if (IFACE (self)->hold != NULL)
    IFACE (self)->hold (self);
}

/**
 * sip_simple_media_stream_unhold:
 * @self: a media stream
 *
 * Takes the stream off hold; the session renegotiates.
 *
 * Since: 0.1
 */
void
sip_simple_media_stream_unhold (SipSimpleMediaStream *self)
{
  g_return_if_fail (SIP_SIMPLE_IS_MEDIA_STREAM (self));
  if (IFACE (self)->unhold != NULL)
    IFACE (self)->unhold (self);
}

/**
 * sip_simple_media_stream_deactivate:
 * @self: a media stream
 *
 * Stops the media but keeps resources (the session is ending).
 *
 * Since: 0.1
 */
void
sip_simple_media_stream_deactivate (SipSimpleMediaStream *self)
{
  g_return_if_fail (SIP_SIMPLE_IS_MEDIA_STREAM (self));
  if (IFACE (self)->deactivate != NULL)
    IFACE (self)->deactivate (self);
}

/**
 * sip_simple_media_stream_end:
 * @self: a media stream
 *
 * Releases everything; #SipSimpleMediaStream::ended follows.
 *
 * Since: 0.1
 */
void
sip_simple_media_stream_end (SipSimpleMediaStream *self)
{
  g_return_if_fail (SIP_SIMPLE_IS_MEDIA_STREAM (self));
  IFACE (self)->end (self);
}

/**
 * sip_simple_media_stream_get_state:
 * @self: a media stream
 *
 * Gets the stream's state.
 *
 * Returns: the stream's state
 *
 * Since: 0.1
 */
SipSimpleMediaStreamState
sip_simple_media_stream_get_state (SipSimpleMediaStream *self)
{
  SipSimpleMediaStreamState state = SIP_SIMPLE_MEDIA_STREAM_STATE_NEW;

  g_return_val_if_fail (SIP_SIMPLE_IS_MEDIA_STREAM (self), state);
  g_object_get (self, "state", &state, NULL);
  return state;
}

/**
 * sip_simple_media_stream_get_on_hold:
 * @self: a media stream
 *
 * Tells whether either side put the stream on hold.
 *
 * Returns: whether either side put the stream on hold
 *
 * Since: 0.1
 */
gboolean
sip_simple_media_stream_get_on_hold (SipSimpleMediaStream *self)
{
  gboolean local = FALSE, remote = FALSE;

  g_return_val_if_fail (SIP_SIMPLE_IS_MEDIA_STREAM (self), FALSE);
  g_object_get (self, "on-hold-by-local", &local, "on-hold-by-remote", &remote, NULL);
  return local || remote;
}

/**
 * sip_simple_media_stream_emit_started:
 * @self: a media stream
 *
 * For implementations: emits #SipSimpleMediaStream::started.
 *
 * Since: 0.1
 */
void
sip_simple_media_stream_emit_started (SipSimpleMediaStream *self)
{
  g_return_if_fail (SIP_SIMPLE_IS_MEDIA_STREAM (self));
  g_signal_emit (self, signals[SIGNAL_STARTED], 0);
}

/**
 * sip_simple_media_stream_emit_failed:
 * @self: a media stream
 * @error: what went wrong
 *
 * For implementations: emits #SipSimpleMediaStream::failed.
 *
 * Since: 0.1
 */
void
sip_simple_media_stream_emit_failed (SipSimpleMediaStream *self, const GError *error)
{
  g_return_if_fail (SIP_SIMPLE_IS_MEDIA_STREAM (self));
  g_return_if_fail (error != NULL);
  g_signal_emit (self, signals[SIGNAL_FAILED], 0, error);
}

/**
 * sip_simple_media_stream_emit_ended:
 * @self: a media stream
 *
 * For implementations: emits #SipSimpleMediaStream::ended.
 *
 * Since: 0.1
 */
void
sip_simple_media_stream_emit_ended (SipSimpleMediaStream *self)
{
  g_return_if_fail (SIP_SIMPLE_IS_MEDIA_STREAM (self));
  g_signal_emit (self, signals[SIGNAL_ENDED], 0);
}
