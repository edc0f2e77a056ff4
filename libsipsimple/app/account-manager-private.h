/* libsipsimple - SipSimpleAccountManager internals used by the Application
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sipsimple/sipsimple.h>

G_BEGIN_DECLS

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

G_END_DECLS
