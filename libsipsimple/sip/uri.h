/* libsipsimple - SipSimpleUri
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
 * SIP_SIMPLE_TYPE_URI:
 *
 * The #GType of #SipSimpleUri.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_TYPE_URI (sip_simple_uri_get_type ())

typedef struct _SipSimpleUri SipSimpleUri;

SIP_SIMPLE_AVAILABLE_IN_ALL
GType         sip_simple_uri_get_type         (void) G_GNUC_CONST;

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleUri *sip_simple_uri_new              (const char          *scheme,
                                               const char          *user,
                                               const char          *host);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleUri *sip_simple_uri_parse            (const char          *text,
                                               GError             **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleUri *sip_simple_uri_ref              (SipSimpleUri        *uri);
SIP_SIMPLE_AVAILABLE_IN_ALL
void          sip_simple_uri_unref            (SipSimpleUri        *uri);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleUri *sip_simple_uri_copy             (const SipSimpleUri  *uri);
SIP_SIMPLE_AVAILABLE_IN_ALL
char         *sip_simple_uri_to_string        (const SipSimpleUri  *uri);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean      sip_simple_uri_equal            (const SipSimpleUri  *uri,
                                               const SipSimpleUri  *other);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint         sip_simple_uri_hash             (const SipSimpleUri  *uri);

SIP_SIMPLE_AVAILABLE_IN_ALL
const char   *sip_simple_uri_get_scheme       (const SipSimpleUri  *uri);
SIP_SIMPLE_AVAILABLE_IN_ALL
void          sip_simple_uri_set_scheme       (SipSimpleUri        *uri,
                                               const char          *scheme);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char   *sip_simple_uri_get_user         (const SipSimpleUri  *uri);
SIP_SIMPLE_AVAILABLE_IN_ALL
void          sip_simple_uri_set_user         (SipSimpleUri        *uri,
                                               const char          *user);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char   *sip_simple_uri_get_password     (const SipSimpleUri  *uri);
SIP_SIMPLE_AVAILABLE_IN_ALL
void          sip_simple_uri_set_password     (SipSimpleUri        *uri,
                                               const char          *password);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char   *sip_simple_uri_get_host         (const SipSimpleUri  *uri);
SIP_SIMPLE_AVAILABLE_IN_ALL
void          sip_simple_uri_set_host         (SipSimpleUri        *uri,
                                               const char          *host);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint         sip_simple_uri_get_port         (const SipSimpleUri  *uri);
SIP_SIMPLE_AVAILABLE_IN_ALL
void          sip_simple_uri_set_port         (SipSimpleUri        *uri,
                                               guint                port);

SIP_SIMPLE_AVAILABLE_IN_ALL
const char   *sip_simple_uri_get_param        (const SipSimpleUri  *uri,
                                               const char          *name);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean      sip_simple_uri_has_param        (const SipSimpleUri  *uri,
                                               const char          *name);
SIP_SIMPLE_AVAILABLE_IN_ALL
void          sip_simple_uri_set_param        (SipSimpleUri        *uri,
                                               const char          *name,
                                               const char          *value);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean      sip_simple_uri_remove_param     (SipSimpleUri        *uri,
                                               const char          *name);
SIP_SIMPLE_AVAILABLE_IN_ALL
GStrv         sip_simple_uri_get_param_names  (const SipSimpleUri  *uri);

SIP_SIMPLE_AVAILABLE_IN_ALL
const char   *sip_simple_uri_get_header       (const SipSimpleUri  *uri,
                                               const char          *name);
SIP_SIMPLE_AVAILABLE_IN_ALL
void          sip_simple_uri_set_header       (SipSimpleUri        *uri,
                                               const char          *name,
                                               const char          *value);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean      sip_simple_uri_remove_header    (SipSimpleUri        *uri,
                                               const char          *name);
SIP_SIMPLE_AVAILABLE_IN_ALL
GStrv         sip_simple_uri_get_header_names (const SipSimpleUri  *uri);

SIP_SIMPLE_AVAILABLE_IN_ALL
char         *sip_simple_uri_get_transport    (const SipSimpleUri  *uri);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean      sip_simple_uri_is_secure        (const SipSimpleUri  *uri);
SIP_SIMPLE_AVAILABLE_IN_ALL
char         *sip_simple_uri_get_aor          (const SipSimpleUri  *uri);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SipSimpleUri, sip_simple_uri_unref)

G_END_DECLS
