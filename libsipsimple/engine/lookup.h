/* libsipsimple - SipSimpleLookup (RFC 3263)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <gio/gio.h>
#include <sipsimple/version.h>
#include <sipsimple/sip/uri.h>

G_BEGIN_DECLS

/**
 * SIP_SIMPLE_TYPE_LOOKUP:
 *
 * The #GType of #SipSimpleLookup.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_TYPE_LOOKUP (sip_simple_lookup_get_type ())

SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimpleLookup, sip_simple_lookup, SIP_SIMPLE, LOOKUP, GObject)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleLookup     *sip_simple_lookup_new                   (void);

SIP_SIMPLE_AVAILABLE_IN_ALL
const char * const  *sip_simple_lookup_get_nameservers       (SipSimpleLookup     *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                 sip_simple_lookup_set_nameservers       (SipSimpleLookup     *self,
                                                              const char * const  *nameservers);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint                sip_simple_lookup_get_timeout           (SipSimpleLookup     *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                 sip_simple_lookup_set_timeout           (SipSimpleLookup     *self,
                                                              guint                timeout);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean             sip_simple_lookup_get_search_hosts_file (SipSimpleLookup     *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                 sip_simple_lookup_set_search_hosts_file (SipSimpleLookup     *self,
                                                              gboolean             search_hosts_file);

SIP_SIMPLE_AVAILABLE_IN_ALL
void                 sip_simple_lookup_resolve_uri_async     (SipSimpleLookup     *self,
                                                              SipSimpleUri        *uri,
                                                              const char * const  *transports,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
SIP_SIMPLE_AVAILABLE_IN_ALL
GPtrArray           *sip_simple_lookup_resolve_uri_finish    (SipSimpleLookup     *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);

SIP_SIMPLE_AVAILABLE_IN_ALL
void                 sip_simple_lookup_resolve_host_async    (SipSimpleLookup     *self,
                                                              const char          *host,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
SIP_SIMPLE_AVAILABLE_IN_ALL
GStrv                sip_simple_lookup_resolve_host_finish   (SipSimpleLookup     *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);

G_END_DECLS
