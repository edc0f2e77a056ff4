/* libsipsimple - SipSimpleAccount internals used by the AccountManager
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sipsimple/app/account.h>
#include <sipsimple/app/account-manager.h>
#include <sipsimple/app/application.h>
#include <sipsimple/engine/engine.h>
#include <sipsimple/engine/invitation.h>
#include <sipsimple/engine/message.h>
#include <sipsimple/presence/message-summary.h>
#include <sipsimple/presence/watcher.h>
#include <sipsimple/sip/uri.h>

G_BEGIN_DECLS

/* The manager the account belongs to (a weak pointer: the manager owns
 * the account), or NULL. Set by the manager when it adds the account. */
void        sip_simple_account_set_manager    (SipSimpleAccount        *self,
                                               SipSimpleAccountManager *manager);
SipSimpleAccountManager *sip_simple_account_get_manager (SipSimpleAccount *self);
/* The application whose manager holds the account, or NULL. */
SipSimpleApplication    *sip_simple_account_get_application (SipSimpleAccount *self);

/* The storage group of an account's settings. */
char       *sip_simple_account_storage_group  (const char *id);

/* Starts using @engine: registers when enabled. */
void        sip_simple_account_attach         (SipSimpleAccount *self,
                                               SipSimpleEngine  *engine);
/* Unregisters (waiting at most @timeout_ms for the registrar) and stops
 * using the engine. */
void        sip_simple_account_detach_async   (SipSimpleAccount    *self,
                                               guint                timeout_ms,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
void        sip_simple_account_detach_finish  (SipSimpleAccount    *self,
                                               GAsyncResult        *result);

/* The user part of the Contact this account registers. */
const char *sip_simple_account_get_contact_user (SipSimpleAccount *self);

/* The engine of an active account, or NULL. */
SipSimpleEngine *sip_simple_account_get_engine (SipSimpleAccount *self);

/* Sets up an invitation with the account's identity, credentials, proxy
 * and contact user. FALSE with an error if the proxy is invalid. */
gboolean    sip_simple_account_prepare_invitation (SipSimpleAccount    *self,
                                                   SipSimpleInvitation *invitation,
                                                   GError             **error);

/* Delivers a received MESSAGE addressed to this account. */
void        sip_simple_account_deliver_message (SipSimpleAccount *self,
                                                SipSimpleMessage *message);

/* Presence internals (account-presence.c) */
typedef struct _SipSimpleAccountPresence SipSimpleAccountPresence;
SipSimpleAccountPresence *sip_simple_account_get_presence (SipSimpleAccount *self);
/* The digest user name and password, the outbound proxy (NULL if none). */
const char   *sip_simple_account_get_auth_user         (SipSimpleAccount *self);
const char   *sip_simple_account_get_password          (SipSimpleAccount *self);
SipSimpleUri *sip_simple_account_dup_outbound_proxy    (SipSimpleAccount *self);
/* The buddy list as the XCAP server has it (not written back). */
void          sip_simple_account_set_buddy_list_from_server (SipSimpleAccount  *self,
                                                        const char *const *list);
void          sip_simple_account_set_message_summary   (SipSimpleAccount        *self,
                                                        SipSimpleMessageSummary *summary);
/* new-watcher (is_new) or pending-watcher */
void          sip_simple_account_emit_watcher          (SipSimpleAccount *self,
                                                        SipSimpleWatcher *watcher,
                                                        gboolean          is_new);
/* An unsolicited message-summary NOTIFY for this account. */
void          sip_simple_account_deliver_message_summary (SipSimpleAccount        *self,
                                                          SipSimpleMessageSummary *summary);

G_END_DECLS
