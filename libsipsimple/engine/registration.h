/* libsipsimple - SipSimpleRegistration: one REGISTER binding kept alive
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
#include <sipsimple/engine/client-request.h>

G_BEGIN_DECLS

/**
 * SipSimpleRegistrationState:
 * @SIP_SIMPLE_REGISTRATION_STATE_IDLE: not registered, nothing pending
 * @SIP_SIMPLE_REGISTRATION_STATE_REGISTERING: a REGISTER is on its way
 * @SIP_SIMPLE_REGISTRATION_STATE_REGISTERED: the registrar accepted the
 *   binding; it is refreshed before it expires
 * @SIP_SIMPLE_REGISTRATION_STATE_UNREGISTERING: removing the binding
 * @SIP_SIMPLE_REGISTRATION_STATE_FAILED: the last attempt failed (see
 *   #SipSimpleRegistration::failed)
 *
 * States of a #SipSimpleRegistration.
 *
 * Since: 0.1
 */
typedef enum {
  SIP_SIMPLE_REGISTRATION_STATE_IDLE,
  SIP_SIMPLE_REGISTRATION_STATE_REGISTERING,
  SIP_SIMPLE_REGISTRATION_STATE_REGISTERED,
  SIP_SIMPLE_REGISTRATION_STATE_UNREGISTERING,
  SIP_SIMPLE_REGISTRATION_STATE_FAILED,
} SipSimpleRegistrationState;

SIP_SIMPLE_AVAILABLE_IN_ALL
GType sip_simple_registration_state_get_type (void);
#define SIP_SIMPLE_TYPE_REGISTRATION_STATE (sip_simple_registration_state_get_type ())

#define SIP_SIMPLE_TYPE_REGISTRATION (sip_simple_registration_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimpleRegistration, sip_simple_registration, SIP_SIMPLE, REGISTRATION,
                      SipSimpleClientRequest)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleRegistration      *sip_simple_registration_new                (SipSimpleEngine       *engine,
                                                                        SipSimpleUri          *aor);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                        sip_simple_registration_set_registrar      (SipSimpleRegistration *self,
                                                                        SipSimpleUri          *registrar);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                        sip_simple_registration_set_expires        (SipSimpleRegistration *self,
                                                                        guint                  expires);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                        sip_simple_registration_set_contact_user   (SipSimpleRegistration *self,
                                                                        const char            *user);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                        sip_simple_registration_set_display_name   (SipSimpleRegistration *self,
                                                                        const char            *display_name);

SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                    sip_simple_registration_start              (SipSimpleRegistration *self,
                                                                        GError               **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                        sip_simple_registration_stop               (SipSimpleRegistration *self);

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleRegistrationState  sip_simple_registration_get_state          (SipSimpleRegistration *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleUri               *sip_simple_registration_get_aor            (SipSimpleRegistration *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char                 *sip_simple_registration_get_contact        (SipSimpleRegistration *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint                       sip_simple_registration_get_expires        (SipSimpleRegistration *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint                       sip_simple_registration_get_granted_expires (SipSimpleRegistration *self);

G_END_DECLS
