/* libsipsimple - SipSimpleSessionManager internals for the Application
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sipsimple/app/account-manager.h>
#include <sipsimple/app/session-manager.h>
#include <sipsimple/engine/engine.h>

G_BEGIN_DECLS

SipSimpleSessionManager *sip_simple_session_manager_new        (SipSimpleAccountManager *accounts);
void                     sip_simple_session_manager_start      (SipSimpleSessionManager *self,
                                                                SipSimpleEngine         *engine);
/* Ends every session; completes when all are terminated or after
 * @timeout_ms. */
void                     sip_simple_session_manager_stop_async (SipSimpleSessionManager *self,
                                                                guint                    timeout_ms,
                                                                GAsyncReadyCallback      callback,
                                                                gpointer                 user_data);
void                     sip_simple_session_manager_stop_finish (SipSimpleSessionManager *self,
                                                                 GAsyncResult            *result);

G_END_DECLS
