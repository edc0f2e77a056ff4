/* libsipsimple - SipSimpleSession: a call with media streams
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <gio/gio.h>
#include <gst/sdp/sdp.h>
#include <sipsimple/version.h>
#include <sipsimple/sip/name-addr.h>
#include <sipsimple/engine/invitation.h>
#include <sipsimple/streams/media-stream.h>
#include <sipsimple/app/account.h>

G_BEGIN_DECLS

/**
 * SipSimpleSessionState:
 * @SIP_SIMPLE_SESSION_STATE_NULL: created, not connected
 * @SIP_SIMPLE_SESSION_STATE_INCOMING: an incoming session waits for accept or reject
 * @SIP_SIMPLE_SESSION_STATE_OUTGOING: preparing the streams of an outgoing session
 * @SIP_SIMPLE_SESSION_STATE_CONNECTING: INVITE sent, or accepted and waiting for the streams
 * @SIP_SIMPLE_SESSION_STATE_CONNECTED: established
 * @SIP_SIMPLE_SESSION_STATE_RECEIVED_PROPOSAL: the peer proposes new streams
 * @SIP_SIMPLE_SESSION_STATE_ACCEPTING_PROPOSAL: accepting the peer's proposal
 * @SIP_SIMPLE_SESSION_STATE_SENDING_PROPOSAL: we proposed streams (or a hold change)
 * @SIP_SIMPLE_SESSION_STATE_CANCELLING_PROPOSAL: cancelling our proposal
 * @SIP_SIMPLE_SESSION_STATE_TERMINATING: ending
 * @SIP_SIMPLE_SESSION_STATE_TERMINATED: over
 *
 * The states of a #SipSimpleSession, as in the SIP SIMPLE middleware.
 *
 * Since: 0.1
 */
typedef enum {
  SIP_SIMPLE_SESSION_STATE_NULL,
  SIP_SIMPLE_SESSION_STATE_INCOMING,
  SIP_SIMPLE_SESSION_STATE_OUTGOING,
  SIP_SIMPLE_SESSION_STATE_CONNECTING,
  SIP_SIMPLE_SESSION_STATE_CONNECTED,
  SIP_SIMPLE_SESSION_STATE_RECEIVED_PROPOSAL,
  SIP_SIMPLE_SESSION_STATE_ACCEPTING_PROPOSAL,
  SIP_SIMPLE_SESSION_STATE_SENDING_PROPOSAL,
  SIP_SIMPLE_SESSION_STATE_CANCELLING_PROPOSAL,
  SIP_SIMPLE_SESSION_STATE_TERMINATING,
  SIP_SIMPLE_SESSION_STATE_TERMINATED,
} SipSimpleSessionState;

SIP_SIMPLE_AVAILABLE_IN_ALL
GType sip_simple_session_state_get_type (void);
#define SIP_SIMPLE_TYPE_SESSION_STATE (sip_simple_session_state_get_type ())

/**
 * SipSimpleOriginator:
 * @SIP_SIMPLE_ORIGINATOR_LOCAL: this side
 * @SIP_SIMPLE_ORIGINATOR_REMOTE: the peer
 *
 * Who caused something: a failure, the end, a hold, a proposal.
 *
 * Since: 0.1
 */
typedef enum {
  SIP_SIMPLE_ORIGINATOR_LOCAL,
  SIP_SIMPLE_ORIGINATOR_REMOTE,
} SipSimpleOriginator;

SIP_SIMPLE_AVAILABLE_IN_ALL
GType sip_simple_originator_get_type (void);
#define SIP_SIMPLE_TYPE_ORIGINATOR (sip_simple_originator_get_type ())

/**
 * SIP_SIMPLE_SESSION_ERROR:
 *
 * Error domain of sessions; codes are #SipSimpleSessionError.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_SESSION_ERROR (sip_simple_session_error_quark ())

/**
 * SipSimpleSessionError:
 * @SIP_SIMPLE_SESSION_ERROR_FAILED: generic failure
 * @SIP_SIMPLE_SESSION_ERROR_INVALID_STATE: the method is not allowed in the
 *   session's current state (the message names the state)
 * @SIP_SIMPLE_SESSION_ERROR_INVALID_ARGUMENT: a stream or target is not usable here
 * @SIP_SIMPLE_SESSION_ERROR_NOT_RUNNING: the application is not running
 *
 * Error codes of %SIP_SIMPLE_SESSION_ERROR.
 *
 * Since: 0.1
 */
typedef enum {
  SIP_SIMPLE_SESSION_ERROR_FAILED,
  SIP_SIMPLE_SESSION_ERROR_INVALID_STATE,
  SIP_SIMPLE_SESSION_ERROR_INVALID_ARGUMENT,
  SIP_SIMPLE_SESSION_ERROR_NOT_RUNNING,
} SipSimpleSessionError;

SIP_SIMPLE_AVAILABLE_IN_ALL
GQuark sip_simple_session_error_quark (void);
SIP_SIMPLE_AVAILABLE_IN_ALL
GType  sip_simple_session_error_get_type (void);
#define SIP_SIMPLE_TYPE_SESSION_ERROR (sip_simple_session_error_get_type ())

#define SIP_SIMPLE_TYPE_SESSION (sip_simple_session_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimpleSession, sip_simple_session, SIP_SIMPLE, SESSION, GObject)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleSession      *sip_simple_session_new                (SipSimpleAccount      *account);

SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean               sip_simple_session_connect_to         (SipSimpleSession      *self,
                                                              const char            *to,
                                                              SipSimpleMediaStream **streams,
                                                              guint                  n_streams,
                                                              GError               **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean               sip_simple_session_send_ring_indication (SipSimpleSession    *self,
                                                              GError               **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean               sip_simple_session_accept             (SipSimpleSession      *self,
                                                              SipSimpleMediaStream **streams,
                                                              guint                  n_streams,
                                                              GError               **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean               sip_simple_session_reject             (SipSimpleSession      *self,
                                                              guint                  code,
                                                              const char            *reason,
                                                              GError               **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                   sip_simple_session_end                (SipSimpleSession      *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean               sip_simple_session_hold               (SipSimpleSession      *self,
                                                              GError               **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean               sip_simple_session_unhold             (SipSimpleSession      *self,
                                                              GError               **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean               sip_simple_session_add_stream         (SipSimpleSession      *self,
                                                              SipSimpleMediaStream  *stream,
                                                              GError               **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean               sip_simple_session_remove_stream      (SipSimpleSession      *self,
                                                              SipSimpleMediaStream  *stream,
                                                              GError               **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean               sip_simple_session_accept_proposal    (SipSimpleSession      *self,
                                                              SipSimpleMediaStream **streams,
                                                              guint                  n_streams,
                                                              GError               **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean               sip_simple_session_reject_proposal    (SipSimpleSession      *self,
                                                              guint                  code,
                                                              const char            *reason,
                                                              GError               **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean               sip_simple_session_cancel_proposal    (SipSimpleSession      *self,
                                                              GError               **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean               sip_simple_session_transfer           (SipSimpleSession      *self,
                                                              const char            *target,
                                                              SipSimpleSession      *replaced_session,
                                                              GError               **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean               sip_simple_session_accept_transfer    (SipSimpleSession      *self,
                                                              GError               **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean               sip_simple_session_reject_transfer    (SipSimpleSession      *self,
                                                              guint                  code,
                                                              const char            *reason,
                                                              GError               **error);

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleSessionState  sip_simple_session_get_state          (SipSimpleSession      *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleAccount      *sip_simple_session_get_account        (SipSimpleSession      *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean               sip_simple_session_is_incoming        (SipSimpleSession      *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
GListModel            *sip_simple_session_get_streams        (SipSimpleSession      *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
GPtrArray             *sip_simple_session_get_proposed_streams (SipSimpleSession    *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleNameAddr     *sip_simple_session_get_remote_identity (SipSimpleSession     *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleNameAddr     *sip_simple_session_get_local_identity (SipSimpleSession      *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char            *sip_simple_session_get_remote_user_agent (SipSimpleSession   *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
GDateTime             *sip_simple_session_get_start_time     (SipSimpleSession      *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
GDateTime             *sip_simple_session_get_stop_time      (SipSimpleSession      *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean               sip_simple_session_get_on_hold        (SipSimpleSession      *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean               sip_simple_session_get_remote_on_hold (SipSimpleSession      *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char            *sip_simple_session_get_subject        (SipSimpleSession      *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                   sip_simple_session_set_subject        (SipSimpleSession      *self,
                                                              const char            *subject);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleSession      *sip_simple_session_get_replaced_session (SipSimpleSession    *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleInvitation   *sip_simple_session_get_invitation     (SipSimpleSession      *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
GstSDPMessage         *sip_simple_session_get_local_sdp      (SipSimpleSession      *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
GstSDPMessage         *sip_simple_session_get_remote_sdp     (SipSimpleSession      *self);

G_END_DECLS
