/* libsipsimple - SipSimplePublication: event state published with PUBLISH (RFC 3903)
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
#include <sipsimple/sip/name-addr.h>
#include <sipsimple/engine/engine.h>
#include <sipsimple/engine/client-request.h>

G_BEGIN_DECLS

/**
 * SipSimplePublicationState:
 * @SIP_SIMPLE_PUBLICATION_STATE_IDLE: nothing published
 * @SIP_SIMPLE_PUBLICATION_STATE_PUBLISHING: a PUBLISH is on its way
 * @SIP_SIMPLE_PUBLICATION_STATE_PUBLISHED: the state agent accepted it;
 *   it is refreshed (with SIP-If-Match) before it expires
 * @SIP_SIMPLE_PUBLICATION_STATE_UNPUBLISHING: removing it (Expires: 0)
 * @SIP_SIMPLE_PUBLICATION_STATE_FAILED: the last PUBLISH or refresh was
 *   refused; nothing is published
 *
 * States of a #SipSimplePublication.
 *
 * Since: 0.1
 */
typedef enum {
  SIP_SIMPLE_PUBLICATION_STATE_IDLE,
  SIP_SIMPLE_PUBLICATION_STATE_PUBLISHING,
  SIP_SIMPLE_PUBLICATION_STATE_PUBLISHED,
  SIP_SIMPLE_PUBLICATION_STATE_UNPUBLISHING,
  SIP_SIMPLE_PUBLICATION_STATE_FAILED,
} SipSimplePublicationState;

SIP_SIMPLE_AVAILABLE_IN_ALL
GType sip_simple_publication_state_get_type (void);
#define SIP_SIMPLE_TYPE_PUBLICATION_STATE (sip_simple_publication_state_get_type ())

#define SIP_SIMPLE_TYPE_PUBLICATION (sip_simple_publication_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimplePublication, sip_simple_publication, SIP_SIMPLE, PUBLICATION,
                      SipSimpleClientRequest)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimplePublication      *sip_simple_publication_new                (SipSimpleEngine      *engine,
                                                                      SipSimpleNameAddr    *from,
                                                                      const char           *event);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                       sip_simple_publication_set_expires        (SipSimplePublication *self,
                                                                      guint                 expires);

SIP_SIMPLE_AVAILABLE_IN_ALL
void                       sip_simple_publication_publish_async      (SipSimplePublication *self,
                                                                      const char           *content_type,
                                                                      GBytes               *body,
                                                                      GCancellable         *cancellable,
                                                                      GAsyncReadyCallback   callback,
                                                                      gpointer              user_data);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                   sip_simple_publication_publish_finish     (SipSimplePublication *self,
                                                                      GAsyncResult         *result,
                                                                      GError              **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                       sip_simple_publication_unpublish_async    (SipSimplePublication *self,
                                                                      GCancellable         *cancellable,
                                                                      GAsyncReadyCallback   callback,
                                                                      gpointer              user_data);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                   sip_simple_publication_unpublish_finish   (SipSimplePublication *self,
                                                                      GAsyncResult         *result,
                                                                      GError              **error);

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimplePublicationState  sip_simple_publication_get_state          (SipSimplePublication *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char                *sip_simple_publication_get_event          (SipSimplePublication *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleNameAddr         *sip_simple_publication_get_from           (SipSimplePublication *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char                *sip_simple_publication_get_etag           (SipSimplePublication *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint                      sip_simple_publication_get_expires        (SipSimplePublication *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint                      sip_simple_publication_get_granted_expires (SipSimplePublication *self);

G_END_DECLS
