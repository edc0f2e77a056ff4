/* libsipsimple - SipSimpleNameAddr
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <glib-object.h>
#include <sipsimple/version.h>
#include <sipsimple/sip/uri.h>

G_BEGIN_DECLS

/**
 * SIP_SIMPLE_TYPE_NAME_ADDR:
 *
 * The #GType of #SipSimpleNameAddr.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_TYPE_NAME_ADDR (sip_simple_name_addr_get_type ())

typedef struct _SipSimpleNameAddr SipSimpleNameAddr;

SIP_SIMPLE_AVAILABLE_IN_ALL
GType              sip_simple_name_addr_get_type         (void) G_GNUC_CONST;

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleNameAddr *sip_simple_name_addr_new              (const char               *display_name,
                                                          SipSimpleUri             *uri);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleNameAddr *sip_simple_name_addr_parse            (const char               *text,
                                                          GError                  **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleNameAddr *sip_simple_name_addr_ref              (SipSimpleNameAddr        *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void               sip_simple_name_addr_unref            (SipSimpleNameAddr        *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleNameAddr *sip_simple_name_addr_copy             (const SipSimpleNameAddr  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
char              *sip_simple_name_addr_to_string        (const SipSimpleNameAddr  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean           sip_simple_name_addr_equal            (const SipSimpleNameAddr  *self,
                                                          const SipSimpleNameAddr  *other);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint              sip_simple_name_addr_hash             (const SipSimpleNameAddr  *self);

SIP_SIMPLE_AVAILABLE_IN_ALL
const char        *sip_simple_name_addr_get_display_name (const SipSimpleNameAddr  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void               sip_simple_name_addr_set_display_name (SipSimpleNameAddr        *self,
                                                          const char               *display_name);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleUri      *sip_simple_name_addr_get_uri          (const SipSimpleNameAddr  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void               sip_simple_name_addr_set_uri          (SipSimpleNameAddr        *self,
                                                          SipSimpleUri             *uri);

SIP_SIMPLE_AVAILABLE_IN_ALL
const char        *sip_simple_name_addr_get_param        (const SipSimpleNameAddr  *self,
                                                          const char               *name);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean           sip_simple_name_addr_has_param        (const SipSimpleNameAddr  *self,
                                                          const char               *name);
SIP_SIMPLE_AVAILABLE_IN_ALL
void               sip_simple_name_addr_set_param        (SipSimpleNameAddr        *self,
                                                          const char               *name,
                                                          const char               *value);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean           sip_simple_name_addr_remove_param     (SipSimpleNameAddr        *self,
                                                          const char               *name);
SIP_SIMPLE_AVAILABLE_IN_ALL
GStrv              sip_simple_name_addr_get_param_names  (const SipSimpleNameAddr  *self);

SIP_SIMPLE_AVAILABLE_IN_ALL
const char        *sip_simple_name_addr_get_tag          (const SipSimpleNameAddr  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void               sip_simple_name_addr_set_tag          (SipSimpleNameAddr        *self,
                                                          const char               *tag);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SipSimpleNameAddr, sip_simple_name_addr_unref)

G_END_DECLS
