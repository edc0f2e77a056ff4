/* libsipsimple - an account's presence: publication, buddies, watchers, MWI, XCAP (internal)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sipsimple/app/account.h>
#include <sipsimple/engine/engine.h>
#include <sipsimple/presence/message-summary.h>
#include <sipsimple/presence/pres-rules.h>

G_BEGIN_DECLS

/* Owned by its account (a plain pointer back to it). Everything runs on the
 * account's main context. */
typedef struct _SipSimpleAccountPresence SipSimpleAccountPresence;

SipSimpleAccountPresence *sip_simple_account_presence_new       (SipSimpleAccount *account);
void                      sip_simple_account_presence_free      (SipSimpleAccountPresence *self);

/* The engine runs: start what the settings ask for. */
void        sip_simple_account_presence_attach          (SipSimpleAccountPresence *self,
                                                         SipSimpleEngine          *engine);
/* Unpublish and unsubscribe; @done runs once that is over (the caller
 * bounds the wait). Safe when not attached (@done runs at once). */
void        sip_simple_account_presence_detach          (SipSimpleAccountPresence *self,
                                                         GCallback                 done,
                                                         gpointer                  data);
/* Stop at once (account disposed, engine gone): no waiting. */
void        sip_simple_account_presence_stop            (SipSimpleAccountPresence *self);

/* A presence setting changed: what to run is re-evaluated. */
void        sip_simple_account_presence_update          (SipSimpleAccountPresence *self);
/* The status or note changed: publish again. */
void        sip_simple_account_presence_republish       (SipSimpleAccountPresence *self);
/* The account's buddy-list property changed (@local: by the application,
 * so the XCAP server is told). */
void        sip_simple_account_presence_buddies_changed (SipSimpleAccountPresence *self,
                                                         gboolean                  local);

GListModel *sip_simple_account_presence_get_buddies     (SipSimpleAccountPresence *self);
GListModel *sip_simple_account_presence_get_watchers    (SipSimpleAccountPresence *self);
gboolean    sip_simple_account_presence_is_published    (SipSimpleAccountPresence *self);

/* A message-summary NOTIFY that belongs to no subscription. */
void        sip_simple_account_presence_deliver_summary (SipSimpleAccountPresence *self,
                                                         SipSimpleMessageSummary  *summary);

void        sip_simple_account_presence_set_policy_async  (SipSimpleAccountPresence *self,
                                                           const char               *uri,
                                                           SipSimpleWatcherPolicy    policy,
                                                           GTask                    *task);

G_END_DECLS
