/* libsipsimple - SipSimpleCpimMessage (RFC 3862)
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
 * SIP_SIMPLE_TYPE_CPIM_MESSAGE:
 *
 * The #GType of #SipSimpleCpimMessage.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_TYPE_CPIM_MESSAGE (sip_simple_cpim_message_get_type ())

typedef struct _SipSimpleCpimMessage SipSimpleCpimMessage;

SIP_SIMPLE_AVAILABLE_IN_ALL
GType                 sip_simple_cpim_message_get_type             (void) G_GNUC_CONST;

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleCpimMessage *sip_simple_cpim_message_new                  (const char                  *content_type,
                                                                    GBytes                      *body);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleCpimMessage *sip_simple_cpim_message_parse                (GBytes                      *data,
                                                                    GError                     **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleCpimMessage *sip_simple_cpim_message_ref                  (SipSimpleCpimMessage        *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                  sip_simple_cpim_message_unref                (SipSimpleCpimMessage        *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleCpimMessage *sip_simple_cpim_message_copy                 (const SipSimpleCpimMessage  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
GBytes               *sip_simple_cpim_message_to_bytes             (const SipSimpleCpimMessage  *self);

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleNameAddr    *sip_simple_cpim_message_get_from             (const SipSimpleCpimMessage  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                  sip_simple_cpim_message_set_from             (SipSimpleCpimMessage        *self,
                                                                    SipSimpleNameAddr           *from);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleNameAddr    *sip_simple_cpim_message_get_to               (const SipSimpleCpimMessage  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                  sip_simple_cpim_message_set_to               (SipSimpleCpimMessage        *self,
                                                                    SipSimpleNameAddr           *to);
SIP_SIMPLE_AVAILABLE_IN_ALL
GPtrArray            *sip_simple_cpim_message_get_recipients       (const SipSimpleCpimMessage  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                  sip_simple_cpim_message_add_recipient        (SipSimpleCpimMessage        *self,
                                                                    SipSimpleNameAddr           *to);
SIP_SIMPLE_AVAILABLE_IN_ALL
GDateTime            *sip_simple_cpim_message_get_datetime         (const SipSimpleCpimMessage  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                  sip_simple_cpim_message_set_datetime         (SipSimpleCpimMessage        *self,
                                                                    GDateTime                   *datetime);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char           *sip_simple_cpim_message_get_subject          (const SipSimpleCpimMessage  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                  sip_simple_cpim_message_set_subject          (SipSimpleCpimMessage        *self,
                                                                    const char                  *subject);

SIP_SIMPLE_AVAILABLE_IN_ALL
char                 *sip_simple_cpim_message_get_header           (const SipSimpleCpimMessage  *self,
                                                                    const char                  *name);
SIP_SIMPLE_AVAILABLE_IN_ALL
GStrv                 sip_simple_cpim_message_get_headers          (const SipSimpleCpimMessage  *self,
                                                                    const char                  *name);
SIP_SIMPLE_AVAILABLE_IN_ALL
GStrv                 sip_simple_cpim_message_get_header_names     (const SipSimpleCpimMessage  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean              sip_simple_cpim_message_set_header           (SipSimpleCpimMessage        *self,
                                                                    const char                  *name,
                                                                    const char                  *value,
                                                                    GError                     **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean              sip_simple_cpim_message_append_header        (SipSimpleCpimMessage        *self,
                                                                    const char                  *name,
                                                                    const char                  *value,
                                                                    GError                     **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint                 sip_simple_cpim_message_remove_header        (SipSimpleCpimMessage        *self,
                                                                    const char                  *name);
SIP_SIMPLE_AVAILABLE_IN_ALL
char                 *sip_simple_cpim_message_get_namespace_header (const SipSimpleCpimMessage  *self,
                                                                    const char                  *namespace_uri,
                                                                    const char                  *name);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean              sip_simple_cpim_message_set_namespace_header (SipSimpleCpimMessage        *self,
                                                                    const char                  *namespace_uri,
                                                                    const char                  *prefix,
                                                                    const char                  *name,
                                                                    const char                  *value,
                                                                    GError                     **error);

SIP_SIMPLE_AVAILABLE_IN_ALL
const char           *sip_simple_cpim_message_get_content_type     (const SipSimpleCpimMessage  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                  sip_simple_cpim_message_set_content_type     (SipSimpleCpimMessage        *self,
                                                                    const char                  *content_type);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char           *sip_simple_cpim_message_get_content_header   (const SipSimpleCpimMessage  *self,
                                                                    const char                  *name);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean              sip_simple_cpim_message_set_content_header   (SipSimpleCpimMessage        *self,
                                                                    const char                  *name,
                                                                    const char                  *value,
                                                                    GError                     **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
GBytes               *sip_simple_cpim_message_get_body             (const SipSimpleCpimMessage  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                  sip_simple_cpim_message_set_body             (SipSimpleCpimMessage        *self,
                                                                    GBytes                      *body);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SipSimpleCpimMessage, sip_simple_cpim_message_unref)

G_END_DECLS
