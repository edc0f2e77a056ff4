/* libsipsimple - SipSimpleApplication: starts and stops the SDK's parts
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <gio/gio.h>
#include <sipsimple/version.h>
#include <sipsimple/engine/engine.h>
#include <sipsimple/app/storage.h>
#include <sipsimple/app/settings.h>
#include <sipsimple/app/account-manager.h>
#include <sipsimple/app/session-manager.h>

G_BEGIN_DECLS

/**
 * SipSimpleApplicationState:
 * @SIP_SIMPLE_APPLICATION_STATE_STOPPED: not running
 * @SIP_SIMPLE_APPLICATION_STATE_STARTING: loading the configuration, binding transports
 * @SIP_SIMPLE_APPLICATION_STATE_RUNNING: accounts register, messages flow
 * @SIP_SIMPLE_APPLICATION_STATE_STOPPING: unregistering and shutting down
 *
 * The life cycle of a #SipSimpleApplication.
 *
 * Since: 0.1
 */
typedef enum {
  SIP_SIMPLE_APPLICATION_STATE_STOPPED,
  SIP_SIMPLE_APPLICATION_STATE_STARTING,
  SIP_SIMPLE_APPLICATION_STATE_RUNNING,
  SIP_SIMPLE_APPLICATION_STATE_STOPPING,
} SipSimpleApplicationState;

SIP_SIMPLE_AVAILABLE_IN_ALL
GType sip_simple_application_state_get_type (void);
#define SIP_SIMPLE_TYPE_APPLICATION_STATE (sip_simple_application_state_get_type ())

#define SIP_SIMPLE_TYPE_APPLICATION (sip_simple_application_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimpleApplication, sip_simple_application, SIP_SIMPLE, APPLICATION, GObject)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleApplication      *sip_simple_application_new                 (void);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                       sip_simple_application_start_async         (SipSimpleApplication *self,
                                                                       SipSimpleStorage     *storage,
                                                                       GCancellable         *cancellable,
                                                                       GAsyncReadyCallback   callback,
                                                                       gpointer              user_data);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                   sip_simple_application_start_finish        (SipSimpleApplication *self,
                                                                       GAsyncResult         *result,
                                                                       GError              **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                       sip_simple_application_stop_async          (SipSimpleApplication *self,
                                                                       GCancellable         *cancellable,
                                                                       GAsyncReadyCallback   callback,
                                                                       gpointer              user_data);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                   sip_simple_application_stop_finish         (SipSimpleApplication *self,
                                                                       GAsyncResult         *result,
                                                                       GError              **error);

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleApplicationState  sip_simple_application_get_state           (SipSimpleApplication *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleStorage          *sip_simple_application_get_storage         (SipSimpleApplication *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleSettings         *sip_simple_application_get_settings        (SipSimpleApplication *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleEngine           *sip_simple_application_get_engine          (SipSimpleApplication *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleAccountManager   *sip_simple_application_get_account_manager (SipSimpleApplication *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleSessionManager   *sip_simple_application_get_session_manager (SipSimpleApplication *self);

G_END_DECLS
