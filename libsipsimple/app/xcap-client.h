/* libsipsimple - SipSimpleXcapClient: XCAP documents over HTTP (RFC 4825)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <gio/gio.h>
#include <sipsimple/version.h>

G_BEGIN_DECLS

#define SIP_SIMPLE_TYPE_XCAP_CLIENT (sip_simple_xcap_client_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimpleXcapClient, sip_simple_xcap_client, SIP_SIMPLE, XCAP_CLIENT, GObject)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleXcapClient *sip_simple_xcap_client_new             (const char           *root,
                                                             const char           *xui,
                                                             GError              **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                 sip_simple_xcap_client_set_credentials (SipSimpleXcapClient  *self,
                                                             const char           *username,
                                                             const char           *password);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char          *sip_simple_xcap_client_get_root        (SipSimpleXcapClient  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char          *sip_simple_xcap_client_get_xui         (SipSimpleXcapClient  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
char                *sip_simple_xcap_client_get_uri         (SipSimpleXcapClient  *self,
                                                             const char           *auid,
                                                             const char           *document);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char          *sip_simple_xcap_client_get_etag        (SipSimpleXcapClient  *self,
                                                             const char           *auid,
                                                             const char           *document);

SIP_SIMPLE_AVAILABLE_IN_ALL
void                 sip_simple_xcap_client_get_async       (SipSimpleXcapClient  *self,
                                                             const char           *auid,
                                                             const char           *document,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
SIP_SIMPLE_AVAILABLE_IN_ALL
GBytes              *sip_simple_xcap_client_get_finish      (SipSimpleXcapClient  *self,
                                                             GAsyncResult         *result,
                                                             char                **etag,
                                                             GError              **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                 sip_simple_xcap_client_put_async       (SipSimpleXcapClient  *self,
                                                             const char           *auid,
                                                             const char           *document,
                                                             const char           *content_type,
                                                             GBytes               *body,
                                                             const char           *if_match,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean             sip_simple_xcap_client_put_finish      (SipSimpleXcapClient  *self,
                                                             GAsyncResult         *result,
                                                             char                **etag,
                                                             GError              **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                 sip_simple_xcap_client_delete_async    (SipSimpleXcapClient  *self,
                                                             const char           *auid,
                                                             const char           *document,
                                                             const char           *if_match,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean             sip_simple_xcap_client_delete_finish   (SipSimpleXcapClient  *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

G_END_DECLS
