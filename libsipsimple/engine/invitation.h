/* libsipsimple - SipSimpleInvitation: one INVITE dialog
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
#include <sipsimple/sip/name-addr.h>
#include <sipsimple/sip/headers.h>
#include <sipsimple/engine/engine.h>
#include <sipsimple/engine/client-request.h>

G_BEGIN_DECLS

/**
 * SipSimpleInvitationState:
 * @SIP_SIMPLE_INVITATION_STATE_NULL: nothing sent or received yet
 * @SIP_SIMPLE_INVITATION_STATE_CALLING: INVITE sent, no answer yet
 * @SIP_SIMPLE_INVITATION_STATE_INCOMING: INVITE received, not answered
 * @SIP_SIMPLE_INVITATION_STATE_EARLY: a provisional answer (18x) went either way
 * @SIP_SIMPLE_INVITATION_STATE_CONNECTING: 2xx sent or received, waiting for the ACK
 * @SIP_SIMPLE_INVITATION_STATE_CONNECTED: the dialog is established
 * @SIP_SIMPLE_INVITATION_STATE_DISCONNECTING: BYE or CANCEL sent
 * @SIP_SIMPLE_INVITATION_STATE_DISCONNECTED: over
 *
 * States of an INVITE dialog.
 *
 * Since: 0.1
 */
typedef enum {
  SIP_SIMPLE_INVITATION_STATE_NULL,
  SIP_SIMPLE_INVITATION_STATE_CALLING,
  SIP_SIMPLE_INVITATION_STATE_INCOMING,
  SIP_SIMPLE_INVITATION_STATE_EARLY,
  SIP_SIMPLE_INVITATION_STATE_CONNECTING,
  SIP_SIMPLE_INVITATION_STATE_CONNECTED,
  SIP_SIMPLE_INVITATION_STATE_DISCONNECTING,
  SIP_SIMPLE_INVITATION_STATE_DISCONNECTED,
} SipSimpleInvitationState;

SIP_SIMPLE_AVAILABLE_IN_ALL
GType sip_simple_invitation_state_get_type (void);
#define SIP_SIMPLE_TYPE_INVITATION_STATE (sip_simple_invitation_state_get_type ())

#define SIP_SIMPLE_TYPE_INVITATION (sip_simple_invitation_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimpleInvitation, sip_simple_invitation, SIP_SIMPLE, INVITATION,
                      SipSimpleClientRequest)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleInvitation      *sip_simple_invitation_new              (SipSimpleEngine     *engine,
                                                                  SipSimpleNameAddr   *from,
                                                                  SipSimpleNameAddr   *to);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                      sip_simple_invitation_set_contact_user (SipSimpleInvitation *self,
                                                                  const char          *user);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                  sip_simple_invitation_send_invite      (SipSimpleInvitation *self,
                                                                  const char          *sdp,
                                                                  SipSimpleHeaders    *extra_headers,
                                                                  GError             **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                  sip_simple_invitation_send_response    (SipSimpleInvitation *self,
                                                                  guint                code,
                                                                  const char          *reason,
                                                                  const char          *sdp,
                                                                  GError             **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                  sip_simple_invitation_send_reinvite    (SipSimpleInvitation *self,
                                                                  const char          *sdp,
                                                                  GError             **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                  sip_simple_invitation_send_refer       (SipSimpleInvitation *self,
                                                                  const char          *refer_to,
                                                                  GError             **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                  sip_simple_invitation_respond_refer    (SipSimpleInvitation *self,
                                                                  guint                code,
                                                                  const char          *reason,
                                                                  GError             **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                  sip_simple_invitation_notify_refer     (SipSimpleInvitation *self,
                                                                  guint                code,
                                                                  const char          *reason,
                                                                  gboolean             final,
                                                                  GError             **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                  sip_simple_invitation_cancel_reinvite  (SipSimpleInvitation *self,
                                                                  GError             **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                      sip_simple_invitation_end              (SipSimpleInvitation *self);

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleInvitationState  sip_simple_invitation_get_state        (SipSimpleInvitation *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint                     sip_simple_invitation_get_status_code  (SipSimpleInvitation *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char               *sip_simple_invitation_get_reason       (SipSimpleInvitation *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                  sip_simple_invitation_is_incoming      (SipSimpleInvitation *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleNameAddr        *sip_simple_invitation_get_local_identity  (SipSimpleInvitation *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleNameAddr        *sip_simple_invitation_get_remote_identity (SipSimpleInvitation *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char               *sip_simple_invitation_get_remote_user_agent (SipSimpleInvitation *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleHeaders         *sip_simple_invitation_get_request_headers (SipSimpleInvitation *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char               *sip_simple_invitation_get_call_id      (SipSimpleInvitation *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
char                     *sip_simple_invitation_make_replaces    (SipSimpleInvitation *self);

G_END_DECLS
