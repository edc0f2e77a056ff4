/* libsipsimple - SipSimpleRoute
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <glib-object.h>
#include <sipsimple/version.h>

G_BEGIN_DECLS

/**
 * SIP_SIMPLE_TYPE_ROUTE:
 *
 * The #GType of #SipSimpleRoute.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_TYPE_ROUTE (sip_simple_route_get_type ())

typedef struct _SipSimpleRoute SipSimpleRoute;

SIP_SIMPLE_AVAILABLE_IN_ALL
GType           sip_simple_route_get_type      (void) G_GNUC_CONST;

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleRoute *sip_simple_route_new           (const char           *address,
                                                guint16               port,
                                                const char           *transport);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleRoute *sip_simple_route_ref           (SipSimpleRoute       *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void            sip_simple_route_unref         (SipSimpleRoute       *self);

SIP_SIMPLE_AVAILABLE_IN_ALL
const char     *sip_simple_route_get_address   (const SipSimpleRoute *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint16         sip_simple_route_get_port      (const SipSimpleRoute *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char     *sip_simple_route_get_transport (const SipSimpleRoute *self);

SIP_SIMPLE_AVAILABLE_IN_ALL
char           *sip_simple_route_to_string     (const SipSimpleRoute *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
char           *sip_simple_route_to_uri_string (const SipSimpleRoute *self);

SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean        sip_simple_route_equal         (const SipSimpleRoute *a,
                                                const SipSimpleRoute *b);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint           sip_simple_route_hash          (const SipSimpleRoute *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SipSimpleRoute, sip_simple_route_unref)

G_END_DECLS
