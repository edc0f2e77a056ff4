/* libsipsimple - SipSimpleResourceLists: an XCAP resource-lists document (RFC 4826)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <gio/gio.h>
#include <sipsimple/version.h>
#include <sipsimple/sip/name-addr.h>

G_BEGIN_DECLS

/**
 * SIP_SIMPLE_RESOURCE_LISTS_CONTENT_TYPE:
 *
 * The MIME type of resource-lists documents,
 * "application/resource-lists+xml".
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_RESOURCE_LISTS_CONTENT_TYPE "application/resource-lists+xml"

#define SIP_SIMPLE_TYPE_RESOURCE_LISTS (sip_simple_resource_lists_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimpleResourceLists, sip_simple_resource_lists, SIP_SIMPLE, RESOURCE_LISTS, GObject)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleResourceLists *sip_simple_resource_lists_new            (void);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleResourceLists *sip_simple_resource_lists_parse          (GBytes                 *data,
                                                                  GError                **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
GBytes                 *sip_simple_resource_lists_to_bytes       (SipSimpleResourceLists *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
char                  **sip_simple_resource_lists_get_list_names (SipSimpleResourceLists *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                sip_simple_resource_lists_has_list       (SipSimpleResourceLists *self,
                                                                  const char             *list);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                    sip_simple_resource_lists_add_list       (SipSimpleResourceLists *self,
                                                                  const char             *list);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                sip_simple_resource_lists_remove_list    (SipSimpleResourceLists *self,
                                                                  const char             *list);
SIP_SIMPLE_AVAILABLE_IN_ALL
GPtrArray              *sip_simple_resource_lists_get_entries    (SipSimpleResourceLists *self,
                                                                  const char             *list);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                sip_simple_resource_lists_add_entry      (SipSimpleResourceLists *self,
                                                                  const char             *list,
                                                                  SipSimpleNameAddr      *entry);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                sip_simple_resource_lists_remove_entry   (SipSimpleResourceLists *self,
                                                                  const char             *list,
                                                                  const char             *uri);

G_END_DECLS
