/* libsipsimple - SipSimplePresenceServer, a presence agent for the Agent:
 * PUBLISH store (RFC 3903) and NOTIFY of subscribers (RFC 6665, 3856, 3857)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <gio/gio.h>
#include <sipsimple/version.h>
#include <sipsimple/agent/agent.h>
#include <sipsimple/agent/event.h>

G_BEGIN_DECLS

/**
 * SIP_SIMPLE_TYPE_PRESENCE_SERVER:
 *
 * The #GType of #SipSimplePresenceServer.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_TYPE_PRESENCE_SERVER (sip_simple_presence_server_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimplePresenceServer, sip_simple_presence_server, SIP_SIMPLE, PRESENCE_SERVER, GObject)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimplePresenceServer *sip_simple_presence_server_new               (SipSimpleAgent          *agent);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleAgent          *sip_simple_presence_server_get_agent         (SipSimplePresenceServer *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint                    sip_simple_presence_server_get_min_expires   (SipSimplePresenceServer *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                     sip_simple_presence_server_set_min_expires   (SipSimplePresenceServer *self,
                                                                       guint                    seconds);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint                    sip_simple_presence_server_get_max_expires   (SipSimplePresenceServer *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                     sip_simple_presence_server_set_max_expires   (SipSimplePresenceServer *self,
                                                                       guint                    seconds);

SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                 sip_simple_presence_server_handle            (SipSimplePresenceServer *self,
                                                                       SipSimpleEvent          *event,
                                                                       const char              *entity,
                                                                       GError                 **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
GBytes                  *sip_simple_presence_server_get_document      (SipSimplePresenceServer *self,
                                                                       const char              *entity);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint                    sip_simple_presence_server_count_publications (SipSimplePresenceServer *self,
                                                                        const char              *entity);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint                    sip_simple_presence_server_count_subscriptions (SipSimplePresenceServer *self,
                                                                         const char              *entity);

G_END_DECLS
