/* libsipsimple - SipSimpleSession's instance and the helpers shared by its
 * three files: session.c (state machine, connect, accept, reject, end,
 * hold), session-proposal.c (re-INVITE proposals) and session-transfer.c
 * (REFER transfers). Included by those three only.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sipsimple/app/account.h>
#include <sipsimple/app/session.h>
#include <sipsimple/engine/invitation.h>
#include <sipsimple/sip/headers.h>
#include <sipsimple/streams/media-stream.h>
#include "sdp/sdp-session-internal.h"

G_BEGIN_DECLS

typedef enum
{
  PROPOSAL_NONE,
  PROPOSAL_ADD,
  PROPOSAL_REMOVE,
  PROPOSAL_HOLD,
} ProposalKind;

struct _SipSimpleSession
{
  GObject parent_instance;

  SipSimpleAccount     *account;
  SipSimpleEngine      *engine;
  SipSimpleInvitation  *inv;
  gboolean              incoming;
  SipSimpleSessionState state;
  char                 *subject;
  char                 *remote_user_agent; /* the last one notified */

  /* m-line slots of the negotiated SDP: a stream, or NULL for port 0 */
  GPtrArray *slots;
  /* the non-NULL slots, as the streams property shows them */
  GListStore *streams;
  /* an incoming offer's streams (index-aligned with its m-lines), or the
   * streams of our pending proposal */
  GPtrArray           *proposed;
  SipSimpleSdpSession *sdp;
  GstSDPMessage       *local_sdp;
  GstSDPMessage       *remote_sdp;
  GstSDPMessage       *offer; /* the offer being answered */

  guint               pending_init;
  GError             *init_error;
  guint               pending_start;
  gboolean            streams_started;
  gboolean            dialog_ready;
  gboolean            ring_reported;
  gboolean            end_requested;
  gboolean            started_emitted;
  SipSimpleOriginator end_originator;

  ProposalKind          proposal;
  SipSimpleMediaStream *proposal_stream;
  GPtrArray            *accept_slots; /* a remote proposal's chosen streams */
  gboolean              hold_requested;
  gboolean              hold_pending;   /* a hold change waits for a quiet moment */
  gboolean              on_hold;        /* a stream is held by us */
  gboolean              remote_on_hold; /* a stream is held by the peer */

  GDateTime        *start_time;
  GDateTime        *stop_time;
  SipSimpleSession *replaced;
  SipSimpleHeaders *extra_headers;

  /* transfers */
  char             *refer_to; /* incoming REFER waiting for the user */
  SipSimpleSession *transfer_session;
  gboolean          transferring; /* we sent a REFER */
  gboolean          transfer_started;
};

enum
{
  SESSION_SIGNAL_NEW_OUTGOING,
  SESSION_SIGNAL_RINGING,
  SESSION_SIGNAL_PROVISIONAL_RESPONSE,
  SESSION_SIGNAL_WILL_START,
  SESSION_SIGNAL_STARTED,
  SESSION_SIGNAL_FAILED,
  SESSION_SIGNAL_WILL_END,
  SESSION_SIGNAL_ENDED,
  SESSION_SIGNAL_PROPOSAL_RECEIVED,
  SESSION_SIGNAL_PROPOSAL_ACCEPTED,
  SESSION_SIGNAL_PROPOSAL_REJECTED,
  SESSION_SIGNAL_PROPOSAL_FAILED,
  SESSION_SIGNAL_STREAMS_RENEGOTIATED,
  SESSION_SIGNAL_TRANSFER_NEW_INCOMING,
  SESSION_SIGNAL_TRANSFER_NEW_OUTGOING,
  SESSION_SIGNAL_TRANSFER_STARTED,
  SESSION_SIGNAL_TRANSFER_SUCCEEDED,
  SESSION_SIGNAL_TRANSFER_FAILED,
  SESSION_N_SIGNALS
};

/* defined in session.c */
extern guint session_signals[SESSION_N_SIGNALS];

/* slot and proposal arrays hold NULL for rejected/removed m-lines */
static inline void
session_unref_nullable (gpointer p)
{
  if (p != NULL)
    g_object_unref (p);
}

/* Called after an AfterInit'd batch of streams is initialized. */
typedef void (*SessionAfterInit) (SipSimpleSession *self);

/* session.c */
void     session_set_state (SipSimpleSession *self, SipSimpleSessionState state);
gboolean session_check_state (SipSimpleSession *self, GError **error, const char *what,
                              SipSimpleSessionState wanted);
/* Empties slot @i (its stream is rejected or removed). */
void session_clear_slot (SipSimpleSession *self, guint i);
/* The streams property follows the slots: call after changing them. */
void session_sync_streams (SipSimpleSession *self);
void session_watch_stream (SipSimpleSession *self, SipSimpleMediaStream *stream);
void session_end_stream (SipSimpleSession *self, SipSimpleMediaStream *stream);
/* Marks a stream added by renegotiation until it starts. */
GQuark session_added_quark (void);
/* Configures and initializes @streams (NULL entries skipped), then calls
 * @after. */
void session_initialize_streams (SipSimpleSession *self, GPtrArray *streams,
                                 SessionAfterInit after);
void session_identify_stream (SipSimpleSession *self, SipSimpleMediaStream *stream);
/* A local description from @slots: the offer when @remote is NULL, else
 * the answer to @remote. */
GstSDPMessage *session_build_sdp (SipSimpleSession *self, const GstSDPMessage *remote,
                                  GPtrArray *slots, GError **error);
/* Maps the streams the user picked onto the offer's m-lines from @first. */
GPtrArray *session_match_proposed (SipSimpleSession *self, SipSimpleMediaStream **streams, guint n,
                                   guint first, GError **error);
/* Recomputes on-hold and remote-on-hold from the streams. */
void session_update_hold (SipSimpleSession *self);

/* session-proposal.c */
void session_proposal_bind (SipSimpleSession *self, SipSimpleInvitation *inv);
/* The final answer to our re-INVITE. */
void session_proposal_answered (SipSimpleSession *self, guint code, const char *reason,
                                const char *sdp);
/* Sends the pending proposal (or a hold change) as a re-INVITE. */
void session_send_proposal (SipSimpleSession *self);

/* session-transfer.c */
void session_transfer_bind (SipSimpleSession *self, SipSimpleInvitation *inv);

G_END_DECLS
