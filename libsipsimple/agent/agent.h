/* libsipsimple - SipSimpleAgent, a programmable SIP server endpoint
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <gio/gio.h>
#include <sipsimple/version.h>
#include <sipsimple/engine/engine.h>
#include <sipsimple/sip/uri.h>

G_BEGIN_DECLS

/**
 * SIP_SIMPLE_TYPE_AGENT:
 *
 * The #GType of #SipSimpleAgent.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_TYPE_AGENT (sip_simple_agent_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimpleAgent, sip_simple_agent, SIP_SIMPLE, AGENT, GObject)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleAgent     *sip_simple_agent_new            (void);

SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean            sip_simple_agent_listen         (SipSimpleAgent      *self,
                                                     SipSimpleTransport   transport,
                                                     const char          *address,
                                                     guint                port,
                                                     GError             **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean            sip_simple_agent_listen_spec    (SipSimpleAgent      *self,
                                                     const char          *spec,
                                                     GError             **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
GPtrArray          *sip_simple_agent_get_uris       (SipSimpleAgent      *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
char              **sip_simple_agent_get_addresses  (SipSimpleAgent      *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint               sip_simple_agent_get_port       (SipSimpleAgent      *self,
                                                     SipSimpleTransport   transport);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean            sip_simple_agent_is_local       (SipSimpleAgent      *self,
                                                     SipSimpleUri        *uri);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                sip_simple_agent_close          (SipSimpleAgent      *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean            sip_simple_agent_is_closed      (SipSimpleAgent      *self);

SIP_SIMPLE_AVAILABLE_IN_ALL
const char *const  *sip_simple_agent_get_domains    (SipSimpleAgent      *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                sip_simple_agent_set_domains    (SipSimpleAgent      *self,
                                                     const char *const   *domains);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char         *sip_simple_agent_get_user_agent (SipSimpleAgent      *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                sip_simple_agent_set_user_agent (SipSimpleAgent      *self,
                                                     const char          *user_agent);

G_END_DECLS
