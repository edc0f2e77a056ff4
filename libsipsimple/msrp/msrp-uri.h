/* libsipsimple - SipSimpleMsrpUri, an MSRP URI (RFC 4975 section 6)
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
 * SIP_SIMPLE_MSRP_DEFAULT_PORT:
 *
 * The port of an MSRP URI without one (RFC 4976 section 6: relays; an
 * endpoint URI always carries its port).
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_MSRP_DEFAULT_PORT 2855

/**
 * SIP_SIMPLE_TYPE_MSRP_URI:
 *
 * The #GType of #SipSimpleMsrpUri.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_TYPE_MSRP_URI (sip_simple_msrp_uri_get_type ())

typedef struct _SipSimpleMsrpUri SipSimpleMsrpUri;

SIP_SIMPLE_AVAILABLE_IN_ALL
GType             sip_simple_msrp_uri_get_type        (void) G_GNUC_CONST;

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleMsrpUri *sip_simple_msrp_uri_new             (gboolean                 secure,
                                                       const char              *host,
                                                       guint16                  port,
                                                       const char              *session_id);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleMsrpUri *sip_simple_msrp_uri_parse           (const char              *text,
                                                       GError                 **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleMsrpUri *sip_simple_msrp_uri_ref             (SipSimpleMsrpUri        *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void              sip_simple_msrp_uri_unref           (SipSimpleMsrpUri        *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleMsrpUri *sip_simple_msrp_uri_copy            (const SipSimpleMsrpUri  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
char             *sip_simple_msrp_uri_to_string       (const SipSimpleMsrpUri  *self);

SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean          sip_simple_msrp_uri_get_secure      (const SipSimpleMsrpUri  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char       *sip_simple_msrp_uri_get_user        (const SipSimpleMsrpUri  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char       *sip_simple_msrp_uri_get_host        (const SipSimpleMsrpUri  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint16           sip_simple_msrp_uri_get_port        (const SipSimpleMsrpUri  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char       *sip_simple_msrp_uri_get_session_id  (const SipSimpleMsrpUri  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char       *sip_simple_msrp_uri_get_transport   (const SipSimpleMsrpUri  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char       *sip_simple_msrp_uri_get_parameters  (const SipSimpleMsrpUri  *self);

SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean          sip_simple_msrp_uri_equal           (const SipSimpleMsrpUri  *a,
                                                       const SipSimpleMsrpUri  *b);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint             sip_simple_msrp_uri_hash            (const SipSimpleMsrpUri  *self);

SIP_SIMPLE_AVAILABLE_IN_ALL
GPtrArray        *sip_simple_msrp_uri_parse_path      (const char              *text,
                                                       GError                 **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
char             *sip_simple_msrp_uri_path_to_string  (GPtrArray               *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SipSimpleMsrpUri, sip_simple_msrp_uri_unref)

G_END_DECLS
