/* libsipsimple - SipSimpleRlmi: a resource list notification (RFC 4662)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <gio/gio.h>
#include <sipsimple/version.h>
#include <sipsimple/presence/rlmi-resource.h>

G_BEGIN_DECLS

/**
 * SIP_SIMPLE_RLMI_CONTENT_TYPE:
 *
 * The MIME type of RLMI documents, "application/rlmi+xml".
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_RLMI_CONTENT_TYPE "application/rlmi+xml"

#define SIP_SIMPLE_TYPE_RLMI (sip_simple_rlmi_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimpleRlmi, sip_simple_rlmi, SIP_SIMPLE, RLMI, GObject)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleRlmi *sip_simple_rlmi_parse          (const char    *content_type,
                                               GBytes        *body,
                                               GError       **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char    *sip_simple_rlmi_get_uri        (SipSimpleRlmi *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char    *sip_simple_rlmi_get_name       (SipSimpleRlmi *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint          sip_simple_rlmi_get_version    (SipSimpleRlmi *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean       sip_simple_rlmi_get_full_state (SipSimpleRlmi *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
GPtrArray     *sip_simple_rlmi_get_resources  (SipSimpleRlmi *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleRlmiResource *sip_simple_rlmi_find   (SipSimpleRlmi *self,
                                               const char    *uri);

G_END_DECLS
