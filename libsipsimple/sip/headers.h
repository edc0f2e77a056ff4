/* libsipsimple - SipSimpleHeaders
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <glib-object.h>
#include <sipsimple/version.h>
#include <sipsimple/sip/name-addr.h>

G_BEGIN_DECLS

/**
 * SIP_SIMPLE_TYPE_HEADERS:
 *
 * The #GType of #SipSimpleHeaders.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_TYPE_HEADERS (sip_simple_headers_get_type ())

typedef struct _SipSimpleHeaders SipSimpleHeaders;

SIP_SIMPLE_AVAILABLE_IN_ALL
GType              sip_simple_headers_get_type       (void) G_GNUC_CONST;

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleHeaders  *sip_simple_headers_new            (void);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleHeaders  *sip_simple_headers_parse          (const char              *text,
                                                      GError                 **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleHeaders  *sip_simple_headers_ref            (SipSimpleHeaders        *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void               sip_simple_headers_unref          (SipSimpleHeaders        *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleHeaders  *sip_simple_headers_copy           (const SipSimpleHeaders  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
char              *sip_simple_headers_to_string      (const SipSimpleHeaders  *self);

SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean           sip_simple_headers_append         (SipSimpleHeaders        *self,
                                                      const char              *name,
                                                      const char              *value,
                                                      GError                 **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean           sip_simple_headers_set            (SipSimpleHeaders        *self,
                                                      const char              *name,
                                                      const char              *value,
                                                      GError                 **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint              sip_simple_headers_remove         (SipSimpleHeaders        *self,
                                                      const char              *name);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char        *sip_simple_headers_get            (const SipSimpleHeaders  *self,
                                                      const char              *name);
SIP_SIMPLE_AVAILABLE_IN_ALL
GStrv              sip_simple_headers_get_all        (const SipSimpleHeaders  *self,
                                                      const char              *name);
SIP_SIMPLE_AVAILABLE_IN_ALL
GStrv              sip_simple_headers_get_names      (const SipSimpleHeaders  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint              sip_simple_headers_get_length     (const SipSimpleHeaders  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char        *sip_simple_headers_get_nth_name   (const SipSimpleHeaders  *self,
                                                      guint                    index);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char        *sip_simple_headers_get_nth_value  (const SipSimpleHeaders  *self,
                                                      guint                    index);

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleNameAddr *sip_simple_headers_get_name_addr  (const SipSimpleHeaders  *self,
                                                      const char              *name,
                                                      GError                 **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
GPtrArray         *sip_simple_headers_get_name_addrs (const SipSimpleHeaders  *self,
                                                      const char              *name,
                                                      GError                 **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean           sip_simple_headers_get_uint       (const SipSimpleHeaders  *self,
                                                      const char              *name,
                                                      guint                   *out_value,
                                                      GError                 **error);

SIP_SIMPLE_AVAILABLE_IN_ALL
char              *sip_simple_headers_canonical_name (const char              *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SipSimpleHeaders, sip_simple_headers_unref)

G_END_DECLS
