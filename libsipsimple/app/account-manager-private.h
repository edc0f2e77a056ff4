/* libsipsimple - SipSimpleAccountManager internals used by the Application
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sipsimple/app/account-manager.h>
#include <sipsimple/app/account.h>
#include <sipsimple/app/application.h>
#include <sipsimple/engine/engine.h>
#include <sofia-sip/sip.h>

G_BEGIN_DECLS

/* The application that owns the manager (a weak pointer), or NULL for a
 * manager of its own. */
void                  sip_simple_account_manager_set_application (SipSimpleAccountManager *self,
                                                                  SipSimpleApplication    *app);
SipSimpleApplication *sip_simple_account_manager_get_application (SipSimpleAccountManager *self);

/* Attaches every account to @engine and takes incoming MESSAGEs. */
void     sip_simple_account_manager_start        (SipSimpleAccountManager *self,
                                                  SipSimpleEngine         *engine);
/* Unregisters every account (each waits at most @timeout_ms). */
void     sip_simple_account_manager_stop_async   (SipSimpleAccountManager *self,
                                                  guint                    timeout_ms,
                                                  GAsyncReadyCallback      callback,
                                                  gpointer                 user_data);
void     sip_simple_account_manager_stop_finish  (SipSimpleAccountManager *self,
                                                  GAsyncResult            *result);

/* The enabled account a request is addressed to (request-URI, then To). */
SipSimpleAccount *sip_simple_account_manager_account_for_request (SipSimpleAccountManager *self,
                                                                  const sip_t             *sip);

G_END_DECLS
