/* libsipsimple - the session-level bookkeeping of SDP offer/answer
 * (RFC 3264): origin and version, m-line order, rejected lines.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sipsimple/version.h>
#include <gst/sdp/sdp.h>

G_BEGIN_DECLS

typedef struct _SipSimpleSdpSession SipSimpleSdpSession;

SipSimpleSdpSession *sip_simple_sdp_session_new           (const char          *address);
void                 sip_simple_sdp_session_free          (SipSimpleSdpSession *self);

/* A new local description: v/o/s/c/t lines, the o= version one more than
 * the previous local description's (RFC 3264 section 8). */
GstSDPMessage       *sip_simple_sdp_session_new_message   (SipSimpleSdpSession *self);

/* Appends to @local a rejected/removed media line mirroring @remote's (or
 * the previous) line @index: same media and protocol, port 0. */
void                 sip_simple_sdp_add_rejected_media    (GstSDPMessage       *local,
                                                           const GstSDPMessage *model,
                                                           guint                index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SipSimpleSdpSession, sip_simple_sdp_session_free)

G_END_DECLS
