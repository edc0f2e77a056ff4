/* libsipsimple - ICE (RFC 8445/8839) through libnice for an RTP stream (private)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>
#include <gst/sdp/sdp.h>
#include <nice/agent.h>

G_BEGIN_DECLS

/* What an SDP media description says about ICE, validated. */
typedef struct
{
  char      *ufrag;
  char      *pwd;
  GPtrArray *candidates; /* "a=candidate:..." lines usable by us (UDP, component 1-2) */
  gboolean   ice_lite;
} SipSimpleIceRemote;

void     sip_simple_ice_remote_clear (SipSimpleIceRemote *remote);
/* Returns FALSE with INVALID_SDP on malformed ICE attributes; TRUE with
 * remote->ufrag == NULL when the media description has no ICE. */
gboolean sip_simple_ice_remote_parse (const GstSDPMessage *sdp,
                                      const GstSDPMedia   *media,
                                      SipSimpleIceRemote  *remote,
                                      GError             **error);

#define SIP_SIMPLE_TYPE_ICE_TRANSPORT (sip_simple_ice_transport_get_type ())
G_DECLARE_FINAL_TYPE (SipSimpleIceTransport, sip_simple_ice_transport, SIP_SIMPLE, ICE_TRANSPORT, GObject)

/* An agent with one stream of two components (RTP, RTCP) on @context
 * (its signals arrive there), host candidates on @local_address
 * only (plus server-reflexive ones when @stun_server is "host[:port]"),
 * in the controlling role or not (RFC 8445 section 6.1.1: the offerer
 * controls, unless the peer is ICE lite). */
SipSimpleIceTransport *sip_simple_ice_transport_new (GMainContext *context,
                                                     const char   *local_address,
                                                     const char   *stun_server,
                                                     gboolean      controlling);
void       sip_simple_ice_transport_gather_async  (SipSimpleIceTransport *self,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
gboolean   sip_simple_ice_transport_gather_finish (SipSimpleIceTransport *self,
                                                   GAsyncResult          *result,
                                                   GError               **error);
NiceAgent *sip_simple_ice_transport_get_agent     (SipSimpleIceTransport *self);
guint      sip_simple_ice_transport_get_stream_id (SipSimpleIceTransport *self);
/* The default candidate of @component (1: RTP, 2: RTCP) for m=/c=/a=rtcp */
gboolean   sip_simple_ice_transport_get_default   (SipSimpleIceTransport *self,
                                                   guint                  component,
                                                   char                 **address,
                                                   guint                 *port);
/* a=ice-ufrag, a=ice-pwd and a=candidate lines */
void       sip_simple_ice_transport_add_attributes (SipSimpleIceTransport *self,
                                                    GstSDPMedia           *media);
/* Starts connectivity checks with an ICE peer. */
gboolean   sip_simple_ice_transport_set_remote    (SipSimpleIceTransport    *self,
                                                   const SipSimpleIceRemote *remote,
                                                   gboolean                  controlling,
                                                   GError                  **error);
/* A peer without ICE: send to its m=/c= (and RTCP) address directly. */
gboolean   sip_simple_ice_transport_set_remote_plain (SipSimpleIceTransport *self,
                                                      GInetSocketAddress    *rtp,
                                                      GInetSocketAddress    *rtcp,
                                                      GError               **error);
/* NICE_COMPONENT_STATE_* of the RTP component */
guint      sip_simple_ice_transport_get_state     (SipSimpleIceTransport *self);
/* "address:port" of the peer's selected RTP candidate, or NULL */
const char *sip_simple_ice_transport_get_remote_address (SipSimpleIceTransport *self);

G_END_DECLS
