/* libsipsimple - SipSimpleSubscription: a SUBSCRIBE dialog (RFC 6665)
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
#include <sipsimple/sip/headers.h>
#include <sipsimple/engine/engine.h>
#include <sipsimple/engine/client-request.h>

G_BEGIN_DECLS

/**
 * SipSimpleSubscriptionState:
 * @SIP_SIMPLE_SUBSCRIPTION_STATE_IDLE: not started
 * @SIP_SIMPLE_SUBSCRIPTION_STATE_SUBSCRIBING: a SUBSCRIBE is on its way, or
 *   the notifier ended the subscription with "deactivated" or "probation"
 *   and it is being renewed; no state known yet
 * @SIP_SIMPLE_SUBSCRIPTION_STATE_PENDING: the notifier accepted the
 *   subscription but has not authorized it yet (`Subscription-State:
 *   pending`)
 * @SIP_SIMPLE_SUBSCRIPTION_STATE_ACTIVE: authorized; NOTIFYs carry the
 *   state, the subscription is refreshed before it expires
 * @SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATING: an un-SUBSCRIBE (Expires: 0)
 *   is on its way
 * @SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATED: over (see
 *   #SipSimpleSubscription::ended and #SipSimpleSubscription::failed)
 *
 * States of a #SipSimpleSubscription.
 *
 * Since: 0.1
 */
typedef enum {
  SIP_SIMPLE_SUBSCRIPTION_STATE_IDLE,
  SIP_SIMPLE_SUBSCRIPTION_STATE_SUBSCRIBING,
  SIP_SIMPLE_SUBSCRIPTION_STATE_PENDING,
  SIP_SIMPLE_SUBSCRIPTION_STATE_ACTIVE,
  SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATING,
  SIP_SIMPLE_SUBSCRIPTION_STATE_TERMINATED,
} SipSimpleSubscriptionState;

SIP_SIMPLE_AVAILABLE_IN_ALL
GType sip_simple_subscription_state_get_type (void);
#define SIP_SIMPLE_TYPE_SUBSCRIPTION_STATE (sip_simple_subscription_state_get_type ())

#define SIP_SIMPLE_TYPE_SUBSCRIPTION (sip_simple_subscription_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimpleSubscription, sip_simple_subscription, SIP_SIMPLE, SUBSCRIPTION,
                      SipSimpleClientRequest)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleSubscription      *sip_simple_subscription_new                (SipSimpleEngine       *engine,
                                                                        SipSimpleNameAddr     *from,
                                                                        SipSimpleUri          *target,
                                                                        const char            *event);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                        sip_simple_subscription_set_contact_user   (SipSimpleSubscription *self,
                                                                        const char            *user);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                        sip_simple_subscription_set_expires        (SipSimpleSubscription *self,
                                                                        guint                  expires);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                        sip_simple_subscription_set_accept         (SipSimpleSubscription *self,
                                                                        const char * const    *content_types);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                        sip_simple_subscription_set_eventlist      (SipSimpleSubscription *self,
                                                                        gboolean               eventlist);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleHeaders           *sip_simple_subscription_get_headers        (SipSimpleSubscription *self);

SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                    sip_simple_subscription_start              (SipSimpleSubscription *self,
                                                                        GError               **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                        sip_simple_subscription_refresh            (SipSimpleSubscription *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                        sip_simple_subscription_stop               (SipSimpleSubscription *self);

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleSubscriptionState  sip_simple_subscription_get_state          (SipSimpleSubscription *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char                 *sip_simple_subscription_get_event          (SipSimpleSubscription *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleUri               *sip_simple_subscription_get_target         (SipSimpleSubscription *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleNameAddr          *sip_simple_subscription_get_from           (SipSimpleSubscription *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint                       sip_simple_subscription_get_expires        (SipSimpleSubscription *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint                       sip_simple_subscription_get_granted_expires (SipSimpleSubscription *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint                       sip_simple_subscription_get_notify_count   (SipSimpleSubscription *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                    sip_simple_subscription_is_list            (SipSimpleSubscription *self);

G_END_DECLS
