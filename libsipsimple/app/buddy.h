/* libsipsimple - SipSimpleBuddy: someone on an account's buddy list
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <glib-object.h>
#include <sipsimple/version.h>
#include <sipsimple/engine/subscription.h>
#include <sipsimple/presence/pidf.h>

G_BEGIN_DECLS

#define SIP_SIMPLE_TYPE_BUDDY (sip_simple_buddy_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimpleBuddy, sip_simple_buddy, SIP_SIMPLE, BUDDY, GObject)

SIP_SIMPLE_AVAILABLE_IN_ALL
const char                 *sip_simple_buddy_get_uri                (SipSimpleBuddy *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char                 *sip_simple_buddy_get_display_name       (SipSimpleBuddy *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimplePresenceStatus     sip_simple_buddy_get_status             (SipSimpleBuddy *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char                 *sip_simple_buddy_get_note               (SipSimpleBuddy *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char * const         *sip_simple_buddy_get_activities         (SipSimpleBuddy *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimplePidf              *sip_simple_buddy_get_pidf               (SipSimpleBuddy *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleSubscriptionState  sip_simple_buddy_get_subscription_state (SipSimpleBuddy *self);

G_END_DECLS
