/* libsipsimple - SipSimpleSession internals for the SessionManager
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sipsimple/app/account.h>
#include <sipsimple/app/session.h>
#include <sipsimple/app/session-manager.h>
#include <sipsimple/engine/invitation.h>
#include <sipsimple/sip/headers.h>

G_BEGIN_DECLS

/* An incoming session for @inv's INVITE carrying @offer (taken). NULL with
 * an error if no registered stream type supports any of its media. */
SipSimpleSession    *sip_simple_session_new_incoming   (SipSimpleAccount    *account,
                                                        SipSimpleInvitation *inv,
                                                        GstSDPMessage       *offer,
                                                        GError             **error);
void                 sip_simple_session_set_replaced   (SipSimpleSession    *self,
                                                        SipSimpleSession    *replaced);
gboolean             sip_simple_session_connect_full   (SipSimpleSession      *self,
                                                        const char            *to,
                                                        SipSimpleMediaStream **streams,
                                                        guint                  n_streams,
                                                        SipSimpleHeaders      *extra_headers,
                                                        GError               **error);
SipSimpleInvitation *sip_simple_session_peek_invitation (SipSimpleSession   *self);

/* Tells a SessionManager about an outgoing session of its application
 * (new-outgoing, ended on stop). */
void                 sip_simple_session_manager_track  (SipSimpleSessionManager *self,
                                                        SipSimpleSession        *session);

G_END_DECLS
