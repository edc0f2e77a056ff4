/* libsipsimple - SipSimpleAccount internals used by the AccountManager
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sipsimple/sipsimple.h>

G_BEGIN_DECLS

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

G_END_DECLS
