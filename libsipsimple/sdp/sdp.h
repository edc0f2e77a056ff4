/* libsipsimple - SDP helpers over GStreamer's SDP library
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

G_BEGIN_DECLS

/**
 * SipSimpleMediaDirection:
 * @SIP_SIMPLE_MEDIA_DIRECTION_INACTIVE: no media either way
 * @SIP_SIMPLE_MEDIA_DIRECTION_SENDONLY: the side that wrote the SDP only sends
 * @SIP_SIMPLE_MEDIA_DIRECTION_RECVONLY: the side that wrote the SDP only receives
 * @SIP_SIMPLE_MEDIA_DIRECTION_SENDRECV: both ways (the default)
 *
 * The direction attribute of a media line (RFC 3264 section 5.1).
 *
 * Since: 0.1
 */
typedef enum {
  SIP_SIMPLE_MEDIA_DIRECTION_INACTIVE = 0,
  SIP_SIMPLE_MEDIA_DIRECTION_SENDONLY = 1,
  SIP_SIMPLE_MEDIA_DIRECTION_RECVONLY = 2,
  SIP_SIMPLE_MEDIA_DIRECTION_SENDRECV = 3,
} SipSimpleMediaDirection;

SIP_SIMPLE_AVAILABLE_IN_ALL
GType sip_simple_media_direction_get_type (void);
#define SIP_SIMPLE_TYPE_MEDIA_DIRECTION (sip_simple_media_direction_get_type ())

SIP_SIMPLE_AVAILABLE_IN_ALL
GstSDPMessage           *sip_simple_sdp_parse              (const char          *text,
                                                            GError             **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
char                    *sip_simple_sdp_to_text            (const GstSDPMessage *sdp);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleMediaDirection  sip_simple_sdp_get_direction      (const GstSDPMessage *sdp,
                                                            guint                index);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleMediaDirection  sip_simple_media_direction_reverse (SipSimpleMediaDirection direction);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char              *sip_simple_media_direction_to_string (SipSimpleMediaDirection direction);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char              *sip_simple_sdp_get_connection_address (const GstSDPMessage *sdp,
                                                                guint                index);

G_END_DECLS
