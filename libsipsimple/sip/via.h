/* libsipsimple - SipSimpleVia, one Via header value
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
 * SIP_SIMPLE_TYPE_VIA:
 *
 * The #GType of #SipSimpleVia.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_TYPE_VIA (sip_simple_via_get_type ())

typedef struct _SipSimpleVia SipSimpleVia;

SIP_SIMPLE_AVAILABLE_IN_ALL
GType         sip_simple_via_get_type      (void) G_GNUC_CONST;

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleVia *sip_simple_via_parse         (const char          *text,
                                            GError             **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleVia *sip_simple_via_ref           (SipSimpleVia        *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void          sip_simple_via_unref         (SipSimpleVia        *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
char         *sip_simple_via_to_string     (const SipSimpleVia  *self);

SIP_SIMPLE_AVAILABLE_IN_ALL
const char   *sip_simple_via_get_protocol  (const SipSimpleVia  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char   *sip_simple_via_get_transport (const SipSimpleVia  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char   *sip_simple_via_get_host      (const SipSimpleVia  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint         sip_simple_via_get_port      (const SipSimpleVia  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char   *sip_simple_via_get_branch    (const SipSimpleVia  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char   *sip_simple_via_get_received  (const SipSimpleVia  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gint          sip_simple_via_get_rport     (const SipSimpleVia  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char   *sip_simple_via_get_param     (const SipSimpleVia  *self,
                                            const char          *name);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean      sip_simple_via_has_param     (const SipSimpleVia  *self,
                                            const char          *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SipSimpleVia, sip_simple_via_unref)

G_END_DECLS
