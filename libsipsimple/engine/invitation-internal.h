/* libsipsimple - SipSimpleInvitation internals for the SessionManager
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sipsimple/engine/invitation.h>
#include "engine-internal.h"

G_BEGIN_DECLS

/* Wraps an incoming INVITE's handle (binds it). */
SipSimpleInvitation *sip_simple_invitation_new_incoming (SipSimpleEngine *engine,
                                                         nua_handle_t    *nh,
                                                         const sip_t     *sip);
/* The application/sdp body of a message, or NULL. */
char                *sip_simple_invitation_sdp_of       (const sip_t     *sip);
nua_handle_t        *sip_simple_invitation_get_handle   (SipSimpleInvitation *self);

G_END_DECLS
