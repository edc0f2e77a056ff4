/* libsipsimple - SipSimpleMediaStream: what a stream type implements to
 * take part in a Session's offer/answer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <gio/gio.h>
#include <gst/sdp/sdp.h>
#include <sipsimple/version.h>

G_BEGIN_DECLS

/**
 * SipSimpleMediaStreamState:
 * @SIP_SIMPLE_MEDIA_STREAM_STATE_NEW: created, nothing allocated
 * @SIP_SIMPLE_MEDIA_STREAM_STATE_INITIALIZING: allocating ports, gathering candidates
 * @SIP_SIMPLE_MEDIA_STREAM_STATE_INITIALIZED: ready to describe itself in SDP
 * @SIP_SIMPLE_MEDIA_STREAM_STATE_STARTING: media is being set up with the peer
 * @SIP_SIMPLE_MEDIA_STREAM_STATE_RUNNING: media flows
 * @SIP_SIMPLE_MEDIA_STREAM_STATE_ENDED: stopped for good
 * @SIP_SIMPLE_MEDIA_STREAM_STATE_FAILED: an error stopped it
 *
 * The life cycle of a #SipSimpleMediaStream.
 *
 * Since: 0.1
 */
typedef enum {
  SIP_SIMPLE_MEDIA_STREAM_STATE_NEW,
  SIP_SIMPLE_MEDIA_STREAM_STATE_INITIALIZING,
  SIP_SIMPLE_MEDIA_STREAM_STATE_INITIALIZED,
  SIP_SIMPLE_MEDIA_STREAM_STATE_STARTING,
  SIP_SIMPLE_MEDIA_STREAM_STATE_RUNNING,
  SIP_SIMPLE_MEDIA_STREAM_STATE_ENDED,
  SIP_SIMPLE_MEDIA_STREAM_STATE_FAILED,
} SipSimpleMediaStreamState;

SIP_SIMPLE_AVAILABLE_IN_ALL
GType sip_simple_media_stream_state_get_type (void);
#define SIP_SIMPLE_TYPE_MEDIA_STREAM_STATE (sip_simple_media_stream_state_get_type ())

/**
 * SIP_SIMPLE_MEDIA_STREAM_ERROR:
 *
 * Error domain of media streams. Errors in this domain have a
 * #SipSimpleMediaStreamError code.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_MEDIA_STREAM_ERROR (sip_simple_media_stream_error_quark ())

/**
 * SipSimpleMediaStreamError:
 * @SIP_SIMPLE_MEDIA_STREAM_ERROR_FAILED: generic failure
 * @SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE: the remote media description
 *   can't be used (no common codec, wrong protocol, missing crypto...):
 *   the session answers 488 Not Acceptable Here
 * @SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP: the remote media description
 *   is malformed
 * @SIP_SIMPLE_MEDIA_STREAM_ERROR_TRANSPORT: sockets, ICE or TLS failed
 * @SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA: the media pipeline failed (device,
 *   codec, file)
 * @SIP_SIMPLE_MEDIA_STREAM_ERROR_STATE: the call is not allowed in the
 *   stream's current state
 *
 * Error codes of %SIP_SIMPLE_MEDIA_STREAM_ERROR.
 *
 * Since: 0.1
 */
typedef enum {
  SIP_SIMPLE_MEDIA_STREAM_ERROR_FAILED,
  SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE,
  SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP,
  SIP_SIMPLE_MEDIA_STREAM_ERROR_TRANSPORT,
  SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA,
  SIP_SIMPLE_MEDIA_STREAM_ERROR_STATE,
} SipSimpleMediaStreamError;

SIP_SIMPLE_AVAILABLE_IN_ALL
GQuark sip_simple_media_stream_error_quark (void);
SIP_SIMPLE_AVAILABLE_IN_ALL
GType  sip_simple_media_stream_error_get_type (void);
#define SIP_SIMPLE_TYPE_MEDIA_STREAM_ERROR (sip_simple_media_stream_error_get_type ())

#define SIP_SIMPLE_TYPE_MEDIA_STREAM (sip_simple_media_stream_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_INTERFACE (SipSimpleMediaStream, sip_simple_media_stream, SIP_SIMPLE, MEDIA_STREAM, GObject)

/**
 * SipSimpleMediaStreamInterface:
 * @get_media_type: the SDP media type of the stream ("audio", "message", ...)
 * @accepts_remote_media: whether the stream can answer m-line @index of a
 *   remote offer; the [class@SipSimple.MediaStreamRegistry] asks each
 *   registered type this for incoming offers
 * @initialize_async: allocates what the stream needs before it can describe
 *   itself (ports, ICE candidates, MSRP listener); @local_address is the
 *   address the SIP engine uses
 * @initialize_finish: finishes @initialize_async
 * @add_local_media: appends the stream's SDP media description (exactly
 *   one m-line) to @local_sdp: an offer when @remote_sdp is %NULL, else the
 *   answer to m-line @index of @remote_sdp (hold state and codec choice
 *   included)
 * @start: applies the negotiated result (the local and remote SDP, the
 *   stream's m-line @index) and starts the media; the stream emits
 *   #SipSimpleMediaStream::started or #SipSimpleMediaStream::failed when
 *   it knows
 * @validate_update: whether a re-offer for this m-line is acceptable
 * @update: applies a renegotiation (re-INVITE) while running
 * @hold: puts the stream on hold (its next media description says so)
 * @unhold: takes it off hold
 * @deactivate: stops sending and receiving but keeps resources (before BYE)
 * @end: releases everything; emits #SipSimpleMediaStream::ended
 *
 * The virtual methods a stream type implements. The [class@SipSimple.Session]
 * calls them in this order: initialize, add_local_media (offer or answer),
 * start, then any of validate_update/update/hold/unhold, and finally
 * deactivate and end.
 *
 * Since: 0.1
 */
struct _SipSimpleMediaStreamInterface
{
  GTypeInterface g_iface;

  const char   *(*get_media_type)       (SipSimpleMediaStream *self);
  gboolean      (*accepts_remote_media) (SipSimpleMediaStream *self,
                                         const GstSDPMessage  *remote_sdp,
                                         guint                 index);
  void          (*initialize_async)     (SipSimpleMediaStream *self,
                                         const char           *local_address,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
  gboolean      (*initialize_finish)    (SipSimpleMediaStream *self,
                                         GAsyncResult         *result,
                                         GError              **error);
  gboolean      (*add_local_media)      (SipSimpleMediaStream *self,
                                         GstSDPMessage        *local_sdp,
                                         const GstSDPMessage  *remote_sdp,
                                         guint                 index,
                                         GError              **error);
  gboolean      (*start)                (SipSimpleMediaStream *self,
                                         const GstSDPMessage  *local_sdp,
                                         const GstSDPMessage  *remote_sdp,
                                         guint                 index,
                                         GError              **error);
  gboolean      (*validate_update)      (SipSimpleMediaStream *self,
                                         const GstSDPMessage  *remote_sdp,
                                         guint                 index,
                                         GError              **error);
  gboolean      (*update)               (SipSimpleMediaStream *self,
                                         const GstSDPMessage  *local_sdp,
                                         const GstSDPMessage  *remote_sdp,
                                         guint                 index,
                                         GError              **error);
  void          (*hold)                 (SipSimpleMediaStream *self);
  void          (*unhold)               (SipSimpleMediaStream *self);
  void          (*deactivate)           (SipSimpleMediaStream *self);
  void          (*end)                  (SipSimpleMediaStream *self);

  /*< private >*/
  gpointer padding[12];
};

SIP_SIMPLE_AVAILABLE_IN_ALL
const char   *sip_simple_media_stream_get_media_type       (SipSimpleMediaStream *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean      sip_simple_media_stream_accepts_remote_media (SipSimpleMediaStream *self,
                                                            const GstSDPMessage  *remote_sdp,
                                                            guint                 index);
SIP_SIMPLE_AVAILABLE_IN_ALL
void          sip_simple_media_stream_initialize_async     (SipSimpleMediaStream *self,
                                                            const char           *local_address,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean      sip_simple_media_stream_initialize_finish    (SipSimpleMediaStream *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean      sip_simple_media_stream_add_local_media      (SipSimpleMediaStream *self,
                                                            GstSDPMessage        *local_sdp,
                                                            const GstSDPMessage  *remote_sdp,
                                                            guint                 index,
                                                            GError              **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean      sip_simple_media_stream_start                (SipSimpleMediaStream *self,
                                                            const GstSDPMessage  *local_sdp,
                                                            const GstSDPMessage  *remote_sdp,
                                                            guint                 index,
                                                            GError              **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean      sip_simple_media_stream_validate_update      (SipSimpleMediaStream *self,
                                                            const GstSDPMessage  *remote_sdp,
                                                            guint                 index,
                                                            GError              **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean      sip_simple_media_stream_update               (SipSimpleMediaStream *self,
                                                            const GstSDPMessage  *local_sdp,
                                                            const GstSDPMessage  *remote_sdp,
                                                            guint                 index,
                                                            GError              **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
void          sip_simple_media_stream_hold                 (SipSimpleMediaStream *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void          sip_simple_media_stream_unhold               (SipSimpleMediaStream *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void          sip_simple_media_stream_deactivate           (SipSimpleMediaStream *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void          sip_simple_media_stream_end                  (SipSimpleMediaStream *self);

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleMediaStreamState sip_simple_media_stream_get_state (SipSimpleMediaStream *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean      sip_simple_media_stream_get_on_hold          (SipSimpleMediaStream *self);

/* For implementations */
SIP_SIMPLE_AVAILABLE_IN_ALL
void          sip_simple_media_stream_emit_started         (SipSimpleMediaStream *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void          sip_simple_media_stream_emit_failed          (SipSimpleMediaStream *self,
                                                            const GError         *error);
SIP_SIMPLE_AVAILABLE_IN_ALL
void          sip_simple_media_stream_emit_ended           (SipSimpleMediaStream *self);

G_END_DECLS
