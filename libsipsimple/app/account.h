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
#include <sipsimple/sip/uri.h>
#include <sipsimple/engine/engine.h>
#include <sipsimple/engine/registration.h>
#include <sipsimple/engine/message.h>
#include <sipsimple/presence/pidf.h>
#include <sipsimple/presence/pres-rules.h>
#include <sipsimple/presence/message-summary.h>
#include <sipsimple/app/buddy.h>

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

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimplePresenceStatus     sip_simple_account_get_presence_status    (SipSimpleAccount    *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                        sip_simple_account_set_presence_status    (SipSimpleAccount    *self,
                                                                       SipSimplePresenceStatus status);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char                 *sip_simple_account_get_presence_note      (SipSimpleAccount    *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                        sip_simple_account_set_presence_note      (SipSimpleAccount    *self,
                                                                       const char          *note);
SIP_SIMPLE_AVAILABLE_IN_ALL
GListModel                 *sip_simple_account_get_buddies            (SipSimpleAccount    *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleBuddy             *sip_simple_account_find_buddy             (SipSimpleAccount    *self,
                                                                       const char          *uri);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                    sip_simple_account_add_buddy              (SipSimpleAccount    *self,
                                                                       const char          *uri,
                                                                       const char          *display_name,
                                                                       GError             **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                    sip_simple_account_remove_buddy           (SipSimpleAccount    *self,
                                                                       const char          *uri);
SIP_SIMPLE_AVAILABLE_IN_ALL
GListModel                 *sip_simple_account_get_watchers           (SipSimpleAccount    *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                        sip_simple_account_set_watcher_policy_async  (SipSimpleAccount       *self,
                                                                          const char             *uri,
                                                                          SipSimpleWatcherPolicy  policy,
                                                                          GCancellable           *cancellable,
                                                                          GAsyncReadyCallback     callback,
                                                                          gpointer                user_data);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                    sip_simple_account_set_watcher_policy_finish (SipSimpleAccount       *self,
                                                                          GAsyncResult           *result,
                                                                          GError                **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleMessageSummary    *sip_simple_account_get_message_summary    (SipSimpleAccount    *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                    sip_simple_account_get_messages_waiting   (SipSimpleAccount    *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint                       sip_simple_account_get_new_messages       (SipSimpleAccount    *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint                       sip_simple_account_get_old_messages       (SipSimpleAccount    *self);

G_END_DECLS
