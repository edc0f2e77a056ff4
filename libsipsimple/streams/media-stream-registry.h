/* libsipsimple - SipSimpleMediaStreamRegistry: which stream types answer
 * incoming offers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <glib-object.h>
#include <gst/sdp/sdp.h>
#include <sipsimple/version.h>
#include <sipsimple/streams/media-stream.h>

G_BEGIN_DECLS

#define SIP_SIMPLE_TYPE_MEDIA_STREAM_REGISTRY (sip_simple_media_stream_registry_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimpleMediaStreamRegistry, sip_simple_media_stream_registry, SIP_SIMPLE,
                      MEDIA_STREAM_REGISTRY, GObject)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleMediaStreamRegistry *sip_simple_media_stream_registry_get_default (void);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                          sip_simple_media_stream_registry_add_type    (SipSimpleMediaStreamRegistry *self,
                                                                            GType                         type);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                          sip_simple_media_stream_registry_remove_type (SipSimpleMediaStreamRegistry *self,
                                                                            GType                         type);
SIP_SIMPLE_AVAILABLE_IN_ALL
GArray                       *sip_simple_media_stream_registry_get_types   (SipSimpleMediaStreamRegistry *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleMediaStream         *sip_simple_media_stream_registry_create_stream (SipSimpleMediaStreamRegistry *self,
                                                                              const GstSDPMessage          *remote_sdp,
                                                                              guint                         index);

G_END_DECLS
