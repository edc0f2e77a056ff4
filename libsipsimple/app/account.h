/* libsipsimple - SipSimpleAccount: a SIP identity that registers and messages
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <gio/gio.h>
#include <sipsimple/version.h>
#include <sipsimple/engine/uri.h>
#include <sipsimple/engine/engine.h>
#include <sipsimple/engine/registration.h>
#include <sipsimple/engine/message.h>

G_BEGIN_DECLS

#define SIP_SIMPLE_TYPE_ACCOUNT (sip_simple_account_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimpleAccount, sip_simple_account, SIP_SIMPLE, ACCOUNT, GObject)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleAccount           *sip_simple_account_new                    (const char          *id,
                                                                       GError             **error);

SIP_SIMPLE_AVAILABLE_IN_ALL
const char                 *sip_simple_account_get_id                 (SipSimpleAccount    *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleUri               *sip_simple_account_get_uri                (SipSimpleAccount    *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                    sip_simple_account_get_enabled            (SipSimpleAccount    *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                        sip_simple_account_set_enabled            (SipSimpleAccount    *self,
                                                                       gboolean             enabled);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char                 *sip_simple_account_get_display_name       (SipSimpleAccount    *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                        sip_simple_account_set_display_name       (SipSimpleAccount    *self,
                                                                       const char          *display_name);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                        sip_simple_account_set_password           (SipSimpleAccount    *self,
                                                                       const char          *password);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char                 *sip_simple_account_get_outbound_proxy     (SipSimpleAccount    *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                    sip_simple_account_set_outbound_proxy     (SipSimpleAccount    *self,
                                                                       const char          *proxy,
                                                                       GError             **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleRegistrationState  sip_simple_account_get_registration_state (SipSimpleAccount    *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char                 *sip_simple_account_get_contact            (SipSimpleAccount    *self);

SIP_SIMPLE_AVAILABLE_IN_ALL
void                        sip_simple_account_send_message_async     (SipSimpleAccount    *self,
                                                                       const char          *to,
                                                                       const char          *content_type,
                                                                       GBytes              *body,
                                                                       GCancellable        *cancellable,
                                                                       GAsyncReadyCallback  callback,
                                                                       gpointer             user_data);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                    sip_simple_account_send_message_finish    (SipSimpleAccount    *self,
                                                                       GAsyncResult        *result,
                                                                       GError             **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                        sip_simple_account_send_text_async        (SipSimpleAccount    *self,
                                                                       const char          *to,
                                                                       const char          *text,
                                                                       GCancellable        *cancellable,
                                                                       GAsyncReadyCallback  callback,
                                                                       gpointer             user_data);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                    sip_simple_account_send_text_finish       (SipSimpleAccount    *self,
                                                                       GAsyncResult        *result,
                                                                       GError             **error);

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleUri               *sip_simple_account_resolve_target         (SipSimpleAccount    *self,
                                                                       const char          *target,
                                                                       GError             **error);

G_END_DECLS
