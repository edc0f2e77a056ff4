/* libsipsimple - SipSimpleRlmiResource: one resource of an RLMI notification (RFC 4662)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <gio/gio.h>
#include <sipsimple/version.h>
#include <sipsimple/presence/pidf.h>

G_BEGIN_DECLS

#define SIP_SIMPLE_TYPE_RLMI_RESOURCE (sip_simple_rlmi_resource_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimpleRlmiResource, sip_simple_rlmi_resource, SIP_SIMPLE, RLMI_RESOURCE, GObject)

SIP_SIMPLE_AVAILABLE_IN_ALL
const char    *sip_simple_rlmi_resource_get_uri          (SipSimpleRlmiResource *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char    *sip_simple_rlmi_resource_get_name         (SipSimpleRlmiResource *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char    *sip_simple_rlmi_resource_get_state        (SipSimpleRlmiResource *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char    *sip_simple_rlmi_resource_get_reason       (SipSimpleRlmiResource *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char    *sip_simple_rlmi_resource_get_content_type (SipSimpleRlmiResource *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
GBytes        *sip_simple_rlmi_resource_get_body         (SipSimpleRlmiResource *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimplePidf *sip_simple_rlmi_resource_get_pidf         (SipSimpleRlmiResource *self,
                                                          GError               **error);

G_END_DECLS
