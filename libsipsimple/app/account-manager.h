/* libsipsimple - SipSimpleAccountManager: the application's accounts
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <gio/gio.h>
#include <sipsimple/version.h>
#include <sipsimple/app/account.h>
#include <sipsimple/app/storage.h>

G_BEGIN_DECLS

#define SIP_SIMPLE_TYPE_ACCOUNT_MANAGER (sip_simple_account_manager_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimpleAccountManager, sip_simple_account_manager, SIP_SIMPLE,
                      ACCOUNT_MANAGER, GObject)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleAccountManager *sip_simple_account_manager_new                 (void);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                 sip_simple_account_manager_load                (SipSimpleAccountManager *self,
                                                                         SipSimpleStorage        *storage,
                                                                         GError                 **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                 sip_simple_account_manager_add                 (SipSimpleAccountManager *self,
                                                                         SipSimpleAccount        *account,
                                                                         GError                 **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                 sip_simple_account_manager_remove              (SipSimpleAccountManager *self,
                                                                         SipSimpleAccount        *account,
                                                                         GError                 **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleAccount        *sip_simple_account_manager_find                (SipSimpleAccountManager *self,
                                                                         const char              *id);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleAccount        *sip_simple_account_manager_get_default_account (SipSimpleAccountManager *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                 sip_simple_account_manager_set_default_account (SipSimpleAccountManager *self,
                                                                         SipSimpleAccount        *account,
                                                                         GError                 **error);

G_END_DECLS
