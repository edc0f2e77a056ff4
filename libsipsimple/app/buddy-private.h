/* libsipsimple - SipSimpleBuddy internals for the account
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sipsimple/app/buddy.h>
#include <sipsimple/engine/subscription.h>
#include <sipsimple/presence/pidf.h>

G_BEGIN_DECLS

SipSimpleBuddy *sip_simple_buddy_new                    (const char                 *uri,
                                                         const char                 *display_name);
void            sip_simple_buddy_set_display_name       (SipSimpleBuddy             *self,
                                                         const char                 *display_name);
/* The presence document (NULL: nothing known). */
void            sip_simple_buddy_set_pidf               (SipSimpleBuddy             *self,
                                                         SipSimplePidf              *pidf);
void            sip_simple_buddy_set_subscription_state (SipSimpleBuddy             *self,
                                                         SipSimpleSubscriptionState  state);

G_END_DECLS
