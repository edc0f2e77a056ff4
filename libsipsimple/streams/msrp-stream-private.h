/* libsipsimple - SipSimpleMsrpStream, the private base of the MSRP media
 * streams (ChatStream, FileTransferStream, and the next ones)
 *
 * It implements SipSimpleMediaStream for a stream carried by one
 * SipSimpleMsrpSession (RFC 4975, RFC 6135 roles): the state, preparing
 * the session (initialize), the m-line with its path, setup, TLS
 * fingerprint and the relay's path (add_local_media), reading the peer's
 * line (path, setup, transport), starting the session, hold (a no-op for
 * MSRP), re-offers that keep the line (validate_update, update),
 * deactivate and end. A subclass adds only what its media type says: the
 * hooks of SipSimpleMsrpStreamHooks, set in its class_init.
 *
 * The type is registered but not public: its class struct is GObjectClass
 * (the public headers of the subclasses declare theirs as GObjectClass
 * too), and the hooks live in its class-private data. Properties the
 * subclasses share in the public API (msrp-session) are installed on each
 * subclass, so that introspection shows them there.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sipsimple/msrp/msrp-session.h>
#include <sipsimple/streams/media-stream.h>

#include <gst/sdp/sdp.h>

G_BEGIN_DECLS

#define SIP_SIMPLE_TYPE_MSRP_STREAM (sip_simple_msrp_stream_get_type ())
G_DECLARE_DERIVABLE_TYPE (SipSimpleMsrpStream, sip_simple_msrp_stream, SIP_SIMPLE, MSRP_STREAM,
                          GObject)

struct _SipSimpleMsrpStreamClass
{
  GObjectClass parent_class;
};

/* What a subclass adds; any hook may be NULL. Every hook runs in the
 * stream's main context. */
typedef struct
{
  /* Names the stream in errors: "chat", "file transfer" */
  const char *name;
  /* accepts_remote_media, for an MSRP line at @index */
  gboolean (*accepts) (SipSimpleMsrpStream *self, const GstSDPMessage *remote_sdp, guint index);
  /* initialize: work before the MSRP session is prepared (hashing a file);
   * call sip_simple_msrp_stream_initialize_done() when over. NULL: none */
  void (*initialize) (SipSimpleMsrpStream *self, GCancellable *cancellable);
  /* add_local_media for an offer: whether the stream can offer now */
  gboolean (*offer) (SipSimpleMsrpStream *self, GError **error);
  /* add_local_media for an answer: reads the offered line @index (its
   * path, setup and transport were found fine) and decides */
  gboolean (*answer) (SipSimpleMsrpStream *self, const GstSDPMessage *remote_sdp, guint index,
                      GError **error);
  /* The type's own attributes of its m-line */
  void (*add_attributes) (SipSimpleMsrpStream *self, GstSDPMedia *media);
  /* start: reads the negotiated line @index before the session connects */
  gboolean (*start) (SipSimpleMsrpStream *self, const GstSDPMessage *remote_sdp, guint index,
                     GError **error);
  /* The session is connected and the state RUNNING; before "started" */
  void (*running) (SipSimpleMsrpStream *self);
  /* After "started", while the stream still runs */
  void (*started) (SipSimpleMsrpStream *self);
  /* The session could not connect. NULL: sip_simple_msrp_stream_fail() */
  void (*start_failed) (SipSimpleMsrpStream *self, const GError *error);
  /* deactivate, before the session closes */
  void (*deactivate) (SipSimpleMsrpStream *self);
  /* end: before the state is ENDED, and after (the session closed then) */
  void (*ending) (SipSimpleMsrpStream *self);
  void (*ended) (SipSimpleMsrpStream *self);
} SipSimpleMsrpStreamHooks;

/* In a subclass's class_init: the hooks to fill in */
SipSimpleMsrpStreamHooks *sip_simple_msrp_stream_class_get_hooks (gpointer klass);
/* In a subclass's class_init: installs its msrp-session property as @prop_id */
GParamSpec *sip_simple_msrp_stream_class_install_session_property (GObjectClass *object_class,
                                                                   guint         prop_id);

SipSimpleMsrpSession     *sip_simple_msrp_stream_get_session (SipSimpleMsrpStream *self);
SipSimpleMediaStreamState sip_simple_msrp_stream_get_state (SipSimpleMsrpStream *self);
void sip_simple_msrp_stream_set_state (SipSimpleMsrpStream *self, SipSimpleMediaStreamState state);
gboolean sip_simple_msrp_stream_is_offerer (SipSimpleMsrpStream *self);
/* The session connected and has not closed since */
gboolean sip_simple_msrp_stream_is_connected (SipSimpleMsrpStream *self);
gboolean sip_simple_msrp_stream_is_deactivated (SipSimpleMsrpStream *self);

/* The initialize hook is over: @error (taken) fails the initialization,
 * NULL goes on with preparing the MSRP session */
void sip_simple_msrp_stream_initialize_done (SipSimpleMsrpStream *self, GError *error);
/* The stream failed: state FAILED (unless ENDED), then "failed" */
void sip_simple_msrp_stream_fail (SipSimpleMsrpStream *self, const GError *error);
/* A transport error of the stream (new) for an error of its MSRP session:
 * its message says "MSRP" once, whether the session's said it or not */
GError *sip_simple_msrp_stream_transport_error (const GError *msrp_error);

G_END_DECLS
