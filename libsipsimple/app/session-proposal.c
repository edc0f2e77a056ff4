/* libsipsimple - SipSimpleSession proposals: adding and removing streams
 * and hold changes by re-INVITE (RFC 3264 offer/answer in a dialog), in
 * both directions, with accept, reject and cancel.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/app/session.h>
#include <sipsimple/engine/invitation.h>
#include <sipsimple/sdp/sdp.h>
#include <sipsimple/sip/error.h>
#include <sipsimple/streams/media-stream-registry.h>
#include <sipsimple/streams/media-stream.h>
#include "session-impl-private.h"

static void on_reinvite (SipSimpleInvitation *inv, const char *sdp, SipSimpleSession *self);
static void on_reinvite_cancelled (SipSimpleInvitation *inv, SipSimpleSession *self);

void
session_proposal_bind (SipSimpleSession *self, SipSimpleInvitation *inv)
{
  g_signal_connect (inv, "reinvite", G_CALLBACK (on_reinvite), self);
  g_signal_connect (inv, "reinvite-cancelled", G_CALLBACK (on_reinvite_cancelled), self);
}

/* ---- our proposals, answered ---------------------------------------------- */

/* The stream in slot @i leaves the session (removed or refused). */
static void
drop_stream (SipSimpleSession *self, guint i)
{
  SipSimpleMediaStream *s = g_ptr_array_index (self->slots, i);

  session_end_stream (self, s);
  g_signal_emit (self, session_signals[SESSION_SIGNAL_STREAMS_RENEGOTIATED], 0, "remove", s);
  session_clear_slot (self, i);
}

void
session_proposal_answered (SipSimpleSession *self, guint code, const char *reason, const char *sdp)
{
  ProposalKind          kind = self->proposal;
  SipSimpleMediaStream *added = self->proposal_stream;
  g_autoptr (GError) error = NULL;
  GstSDPMessage *answer = NULL;

  self->proposal = PROPOSAL_NONE;
  self->proposal_stream = NULL;
  if (self->state == SIP_SIMPLE_SESSION_STATE_SENDING_PROPOSAL
      || self->state == SIP_SIMPLE_SESSION_STATE_CANCELLING_PROPOSAL)
    session_set_state (self, SIP_SIMPLE_SESSION_STATE_CONNECTED);

  if (code >= 300)
    {
      if (code == 491 && kind == PROPOSAL_HOLD)
        {
          /* glare: try again after a random pause (RFC 3261 14.1) */
          self->hold_pending = TRUE;
        }
      if (kind == PROPOSAL_ADD && added != NULL)
        {
          g_ptr_array_remove (self->slots, added);
          session_sync_streams (self);
          session_end_stream (self, added);
          g_signal_emit (self, session_signals[SESSION_SIGNAL_PROPOSAL_REJECTED], 0,
                         SIP_SIMPLE_ORIGINATOR_LOCAL, code, reason);
          g_clear_pointer (&self->proposed, g_ptr_array_unref);
        }
      if (kind == PROPOSAL_REMOVE && added != NULL)
        {
          /* the stream goes anyway: the peer may keep a stale view */
          guint idx;
          if (g_ptr_array_find (self->slots, added, &idx))
            drop_stream (self, idx);
          else
            session_end_stream (self, added);
        }
      if (code == 408 || code == 481)
        sip_simple_session_end (self);
      if (added != NULL)
        g_object_unref (added);
      return;
    }

  answer = sdp ? sip_simple_sdp_parse (sdp, &error) : NULL;
  if (answer == NULL || gst_sdp_message_medias_len (answer) != self->slots->len)
    {
      g_autofree char *why
          = g_strdup_printf ("bad SDP answer to a re-INVITE: %s",
                             error ? error->message : "wrong number of media lines");
      if (answer)
        gst_sdp_message_free (answer);
      g_signal_emit (self, session_signals[SESSION_SIGNAL_PROPOSAL_FAILED], 0, why);
      if (added != NULL)
        {
          if (kind == PROPOSAL_ADD)
            {
              g_ptr_array_remove (self->slots, added);
              session_sync_streams (self);
            }
          session_end_stream (self, added);
          g_object_unref (added);
        }
      return;
    }
  g_clear_pointer (&self->remote_sdp, gst_sdp_message_free);
  self->remote_sdp = answer;

  for (guint i = 0; i < self->slots->len; i++)
    {
      SipSimpleMediaStream *s = g_ptr_array_index (self->slots, i);
      gboolean rejected = gst_sdp_media_get_port (gst_sdp_message_get_media (answer, i)) == 0;

      if (s == NULL)
        continue;
      if (s == added && kind == PROPOSAL_ADD)
        {
          if (rejected)
            {
              session_end_stream (self, s);
              g_signal_emit (self, session_signals[SESSION_SIGNAL_PROPOSAL_REJECTED], 0,
                             SIP_SIMPLE_ORIGINATOR_LOCAL, 488, "Not Acceptable Here");
              session_clear_slot (self, i);
            }
          else
            {
              session_watch_stream (self, s);
              g_object_set_qdata (G_OBJECT (s), session_added_quark (), GINT_TO_POINTER (1));
              g_signal_emit (self, session_signals[SESSION_SIGNAL_PROPOSAL_ACCEPTED], 0,
                             SIP_SIMPLE_ORIGINATOR_LOCAL);
              session_identify_stream (self, s);
              if (!sip_simple_media_stream_start (s, self->local_sdp, self->remote_sdp, i, &error))
                g_signal_emit (self, session_signals[SESSION_SIGNAL_PROPOSAL_FAILED], 0,
                               error->message);
            }
          continue;
        }
      if ((s == added && kind == PROPOSAL_REMOVE) || rejected)
        {
          drop_stream (self, i);
          continue;
        }
      sip_simple_media_stream_update (s, self->local_sdp, self->remote_sdp, i, NULL);
    }
  g_clear_pointer (&self->proposed, g_ptr_array_unref);

  session_update_hold (self);
  if (added != NULL)
    g_object_unref (added);

  /* a hold change asked for while this proposal was in flight */
  if (self->hold_pending && self->state == SIP_SIMPLE_SESSION_STATE_CONNECTED)
    {
      self->hold_pending = FALSE;
      session_send_proposal (self);
    }
}

/* ---- the peer's proposals ------------------------------------------------ */

static void
on_reinvite (SipSimpleInvitation *inv, const char *sdp, SipSimpleSession *self)
{
  g_autoptr (GError) error = NULL;
  GstSDPMessage *offer;
  g_autoptr (GstSDPMessage) answer = NULL;
  g_autofree char *text = NULL;
  guint            n;

  if (sdp == NULL)
    {
      /* an offerless re-INVITE: offer our current view (RFC 3261 14.2);
       * simplest correct answer for a session refresh is to repeat it */
      text = self->local_sdp ? sip_simple_sdp_to_text (self->local_sdp) : NULL;
      sip_simple_invitation_send_response (inv, text ? 200 : 488, NULL, text, NULL);
      return;
    }
  offer = sip_simple_sdp_parse (sdp, &error);
  if (offer == NULL)
    {
      g_debug ("Rejecting a re-INVITE: %s", error->message);
      sip_simple_invitation_send_response (inv, 488, NULL, NULL, NULL);
      return;
    }
  if (self->state != SIP_SIMPLE_SESSION_STATE_CONNECTED)
    {
      gst_sdp_message_free (offer);
      sip_simple_invitation_send_response (inv, 491, NULL, NULL, NULL);
      return;
    }
  n = gst_sdp_message_medias_len (offer);
  if (n < self->slots->len)
    {
      /* m-lines are never removed (RFC 3264 8.2) */
      gst_sdp_message_free (offer);
      sip_simple_invitation_send_response (inv, 488, NULL, NULL, NULL);
      return;
    }

  if (n > self->slots->len)
    {
      /* new streams proposed */
      SipSimpleMediaStreamRegistry *registry = sip_simple_media_stream_registry_get_default ();
      gboolean                      any = FALSE;

      g_clear_pointer (&self->proposed, g_ptr_array_unref);
      self->proposed = g_ptr_array_new_with_free_func (session_unref_nullable);
      for (guint i = 0; i < n; i++)
        {
          SipSimpleMediaStream *s
              = i >= self->slots->len
                    ? sip_simple_media_stream_registry_create_stream (registry, offer, i)
                    : NULL;
          g_ptr_array_add (self->proposed, s);
          any = any || s != NULL;
        }
      if (!any)
        {
          g_clear_pointer (&self->proposed, g_ptr_array_unref);
          gst_sdp_message_free (offer);
          sip_simple_invitation_send_response (inv, 488, NULL, NULL, NULL);
          return;
        }
      g_clear_pointer (&self->offer, gst_sdp_message_free);
      self->offer = offer;
      session_set_state (self, SIP_SIMPLE_SESSION_STATE_RECEIVED_PROPOSAL);
      g_signal_emit (self, session_signals[SESSION_SIGNAL_PROPOSAL_RECEIVED], 0,
                     SIP_SIMPLE_ORIGINATOR_REMOTE);
      return;
    }

  /* same streams: hold/unhold, codec or address change, or removals */
  for (guint i = 0; i < n; i++)
    {
      SipSimpleMediaStream *s = g_ptr_array_index (self->slots, i);
      if (s != NULL && gst_sdp_media_get_port (gst_sdp_message_get_media (offer, i)) != 0
          && !sip_simple_media_stream_validate_update (s, offer, i, &error))
        {
          g_debug ("Rejecting a re-INVITE: %s", error->message);
          gst_sdp_message_free (offer);
          sip_simple_invitation_send_response (inv, 488, NULL, NULL, NULL);
          return;
        }
    }
  answer = session_build_sdp (self, offer, self->slots, &error);
  if (answer == NULL)
    {
      gst_sdp_message_free (offer);
      sip_simple_invitation_send_response (inv, 488, NULL, NULL, NULL);
      return;
    }
  text = sip_simple_sdp_to_text (answer);
  sip_simple_invitation_send_response (inv, 200, NULL, text, NULL);
  g_clear_pointer (&self->local_sdp, gst_sdp_message_free);
  self->local_sdp = g_steal_pointer (&answer);
  g_clear_pointer (&self->remote_sdp, gst_sdp_message_free);
  self->remote_sdp = offer;
  for (guint i = 0; i < n; i++)
    {
      SipSimpleMediaStream *s = g_ptr_array_index (self->slots, i);
      if (s == NULL)
        continue;
      if (gst_sdp_media_get_port (gst_sdp_message_get_media (offer, i)) == 0)
        {
          drop_stream (self, i);
          continue;
        }
      sip_simple_media_stream_update (s, self->local_sdp, self->remote_sdp, i, NULL);
    }
  session_update_hold (self);
}

static void
on_reinvite_cancelled (SipSimpleInvitation *inv, SipSimpleSession *self)
{
  if (self->state != SIP_SIMPLE_SESSION_STATE_RECEIVED_PROPOSAL)
    return;
  for (guint i = self->slots->len; self->proposed && i < self->proposed->len; i++)
    session_end_stream (self, g_ptr_array_index (self->proposed, i));
  g_clear_pointer (&self->proposed, g_ptr_array_unref);
  g_clear_pointer (&self->offer, gst_sdp_message_free);
  session_set_state (self, SIP_SIMPLE_SESSION_STATE_CONNECTED);
  g_signal_emit (self, session_signals[SESSION_SIGNAL_PROPOSAL_REJECTED], 0,
                 SIP_SIMPLE_ORIGINATOR_REMOTE, 487, "Request Terminated");
}

void
session_send_proposal (SipSimpleSession *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GstSDPMessage) offer = NULL;
  g_autofree char *text = NULL;
  GPtrArray       *slots = self->slots;

  if (self->init_error != NULL)
    {
      g_signal_emit (self, session_signals[SESSION_SIGNAL_PROPOSAL_FAILED], 0,
                     self->init_error->message);
      if (self->proposal == PROPOSAL_ADD && self->proposal_stream)
        {
          g_ptr_array_remove (self->slots, self->proposal_stream);
          session_sync_streams (self);
          session_end_stream (self, self->proposal_stream);
          g_clear_object (&self->proposal_stream);
        }
      self->proposal = PROPOSAL_NONE;
      session_set_state (self, SIP_SIMPLE_SESSION_STATE_CONNECTED);
      return;
    }
  if (self->proposal == PROPOSAL_NONE)
    self->proposal = PROPOSAL_HOLD;
  if (self->proposal == PROPOSAL_REMOVE)
    {
      /* offer the removed line with port 0 */
      slots = g_ptr_array_new ();
      for (guint i = 0; i < self->slots->len; i++)
        g_ptr_array_add (slots, g_ptr_array_index (self->slots, i));
      for (guint i = 0; i < slots->len; i++)
        if (g_ptr_array_index (slots, i) == self->proposal_stream)
          g_ptr_array_index (slots, i) = NULL;
    }
  offer = session_build_sdp (self, NULL, slots, &error);
  if (slots != self->slots)
    g_ptr_array_unref (slots);
  if (offer == NULL)
    {
      g_signal_emit (self, session_signals[SESSION_SIGNAL_PROPOSAL_FAILED], 0, error->message);
      self->proposal = PROPOSAL_NONE;
      session_set_state (self, SIP_SIMPLE_SESSION_STATE_CONNECTED);
      return;
    }
  text = sip_simple_sdp_to_text (offer);
  g_clear_pointer (&self->local_sdp, gst_sdp_message_free);
  self->local_sdp = g_steal_pointer (&offer);
  session_set_state (self, SIP_SIMPLE_SESSION_STATE_SENDING_PROPOSAL);
  if (!sip_simple_invitation_send_reinvite (self->inv, text, &error))
    {
      g_signal_emit (self, session_signals[SESSION_SIGNAL_PROPOSAL_FAILED], 0, error->message);
      self->proposal = PROPOSAL_NONE;
      session_set_state (self, SIP_SIMPLE_SESSION_STATE_CONNECTED);
    }
}

static void
added_stream_ready (SipSimpleSession *self)
{
  if (self->state != SIP_SIMPLE_SESSION_STATE_SENDING_PROPOSAL)
    return;
  session_send_proposal (self);
}

/**
 * sip_simple_session_add_stream:
 * @self: a connected session
 * @stream: a new stream
 * @error: return location for a #GError
 *
 * Proposes @stream to the peer (re-INVITE). #SipSimpleSession::proposal-received
 * is emitted, then #SipSimpleSession::proposal-accepted and
 * #SipSimpleSession::streams-renegotiated, or
 * #SipSimpleSession::proposal-rejected.
 *
 * Returns: %FALSE when not connected or @stream is not new
 *
 * Since: 0.1
 */
gboolean
sip_simple_session_add_stream (SipSimpleSession *self, SipSimpleMediaStream *stream, GError **error)
{
  g_autoptr (GPtrArray) one = NULL;

  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), FALSE);
  g_return_val_if_fail (SIP_SIMPLE_IS_MEDIA_STREAM (stream), FALSE);
  if (!session_check_state (self, error, "add a stream to", SIP_SIMPLE_SESSION_STATE_CONNECTED))
    return FALSE;
  if (sip_simple_media_stream_get_state (stream) != SIP_SIMPLE_MEDIA_STREAM_STATE_NEW)
    {
      g_set_error_literal (error, SIP_SIMPLE_SESSION_ERROR,
                           SIP_SIMPLE_SESSION_ERROR_INVALID_ARGUMENT, "The stream is not new");
      return FALSE;
    }
  self->proposal = PROPOSAL_ADD;
  self->proposal_stream = g_object_ref (stream);
  g_ptr_array_add (self->slots, g_object_ref (stream));
  session_sync_streams (self);
  g_clear_pointer (&self->proposed, g_ptr_array_unref);
  self->proposed = g_ptr_array_new_with_free_func (session_unref_nullable);
  g_ptr_array_add (self->proposed, g_object_ref (stream));
  session_set_state (self, SIP_SIMPLE_SESSION_STATE_SENDING_PROPOSAL);
  g_signal_emit (self, session_signals[SESSION_SIGNAL_PROPOSAL_RECEIVED], 0,
                 SIP_SIMPLE_ORIGINATOR_LOCAL);
  one = g_ptr_array_new ();
  g_ptr_array_add (one, stream);
  session_initialize_streams (self, one, added_stream_ready);
  return TRUE;
}

/**
 * sip_simple_session_remove_stream:
 * @self: a connected session
 * @stream: one of its streams
 * @error: return location for a #GError
 *
 * Stops @stream and tells the peer (its media line gets port 0). The
 * stream is removed even if the peer refuses the re-INVITE.
 * #SipSimpleSession::streams-renegotiated follows.
 *
 * Returns: %FALSE when not connected, or if @stream is not in the session
 *   or is its last stream (end the session instead)
 *
 * Since: 0.1
 */
gboolean
sip_simple_session_remove_stream (SipSimpleSession *self, SipSimpleMediaStream *stream,
                                  GError **error)
{
  guint n_active;

  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), FALSE);
  if (!session_check_state (self, error, "remove a stream from",
                            SIP_SIMPLE_SESSION_STATE_CONNECTED))
    return FALSE;
  n_active = g_list_model_get_n_items (G_LIST_MODEL (self->streams));
  if (!g_list_store_find (self->streams, stream, NULL) || n_active < 2)
    {
      g_set_error_literal (error, SIP_SIMPLE_SESSION_ERROR,
                           SIP_SIMPLE_SESSION_ERROR_INVALID_ARGUMENT,
                           n_active < 2 ? "The last stream cannot be removed: end the session"
                                        : "The stream is not part of this session");
      return FALSE;
    }
  sip_simple_media_stream_deactivate (stream);
  self->proposal = PROPOSAL_REMOVE;
  self->proposal_stream = g_object_ref (stream);
  session_send_proposal (self);
  return TRUE;
}

static void
accepted_proposal_ready (SipSimpleSession *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GstSDPMessage) answer = NULL;
  g_autofree char *text = NULL;
  guint            old = self->slots->len;

  if (self->state != SIP_SIMPLE_SESSION_STATE_ACCEPTING_PROPOSAL)
    return;
  /* the new m-lines join the slots (NULL where rejected) */
  for (guint i = 0; self->accept_slots && i < self->accept_slots->len; i++)
    {
      SipSimpleMediaStream *s = g_ptr_array_index (self->accept_slots, i);
      g_ptr_array_add (self->slots, s ? g_object_ref (s) : NULL);
    }
  g_clear_pointer (&self->accept_slots, g_ptr_array_unref);
  session_sync_streams (self);

  if (self->init_error != NULL)
    {
      sip_simple_invitation_send_response (self->inv, 500, NULL, NULL, NULL);
      g_signal_emit (self, session_signals[SESSION_SIGNAL_PROPOSAL_FAILED], 0,
                     self->init_error->message);
      for (guint i = self->slots->len; i > old; i--)
        {
          session_end_stream (self, g_ptr_array_index (self->slots, i - 1));
          g_ptr_array_remove_index (self->slots, i - 1);
        }
      session_sync_streams (self);
      session_set_state (self, SIP_SIMPLE_SESSION_STATE_CONNECTED);
      return;
    }
  answer = session_build_sdp (self, self->offer, self->slots, &error);
  if (answer == NULL)
    {
      sip_simple_invitation_send_response (self->inv, 488, NULL, NULL, NULL);
      g_signal_emit (self, session_signals[SESSION_SIGNAL_PROPOSAL_FAILED], 0, error->message);
      g_ptr_array_set_size (self->slots, old);
      session_sync_streams (self);
      session_set_state (self, SIP_SIMPLE_SESSION_STATE_CONNECTED);
      return;
    }
  text = sip_simple_sdp_to_text (answer);
  sip_simple_invitation_send_response (self->inv, 200, NULL, text, NULL);
  g_clear_pointer (&self->local_sdp, gst_sdp_message_free);
  self->local_sdp = g_steal_pointer (&answer);
  g_clear_pointer (&self->remote_sdp, gst_sdp_message_free);
  self->remote_sdp = g_steal_pointer (&self->offer);
  session_set_state (self, SIP_SIMPLE_SESSION_STATE_CONNECTED);
  g_signal_emit (self, session_signals[SESSION_SIGNAL_PROPOSAL_ACCEPTED], 0,
                 SIP_SIMPLE_ORIGINATOR_REMOTE);
  for (guint i = old; i < self->slots->len; i++)
    {
      SipSimpleMediaStream *s = g_ptr_array_index (self->slots, i);
      if (s == NULL)
        continue;
      session_watch_stream (self, s);
      g_object_set_qdata (G_OBJECT (s), session_added_quark (), GINT_TO_POINTER (1));
      session_identify_stream (self, s);
      if (!sip_simple_media_stream_start (s, self->local_sdp, self->remote_sdp, i, &error))
        {
          g_signal_emit (self, session_signals[SESSION_SIGNAL_PROPOSAL_FAILED], 0, error->message);
          g_clear_error (&error);
        }
    }
  g_clear_pointer (&self->proposed, g_ptr_array_unref);
}

/**
 * sip_simple_session_accept_proposal:
 * @self: a session that received a proposal
 * @streams: (array length=n_streams): the proposed streams to accept
 * @n_streams: how many
 * @error: return location for a #GError
 *
 * Accepts some of the streams the peer proposed (the others are refused).
 *
 * Returns: %FALSE when there is no proposal or the streams are not proposed ones
 *
 * Since: 0.1
 */
gboolean
sip_simple_session_accept_proposal (SipSimpleSession *self, SipSimpleMediaStream **streams,
                                    guint n_streams, GError **error)
{
  GPtrArray *chosen;
  g_autoptr (GPtrArray) init = NULL;

  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), FALSE);
  if (!session_check_state (self, error, "accept a proposal of",
                            SIP_SIMPLE_SESSION_STATE_RECEIVED_PROPOSAL))
    return FALSE;
  chosen = session_match_proposed (self, streams, n_streams, self->slots->len, error);
  if (chosen == NULL)
    return FALSE;
  g_clear_pointer (&self->accept_slots, g_ptr_array_unref);
  self->accept_slots = chosen;
  for (guint i = self->slots->len; i < self->proposed->len; i++)
    {
      SipSimpleMediaStream *p = g_ptr_array_index (self->proposed, i);
      if (p != NULL && !g_ptr_array_find (chosen, p, NULL))
        session_end_stream (self, p);
    }
  session_set_state (self, SIP_SIMPLE_SESSION_STATE_ACCEPTING_PROPOSAL);
  session_initialize_streams (self, chosen, accepted_proposal_ready);
  return TRUE;
}

/**
 * sip_simple_session_reject_proposal:
 * @self: a session that received a proposal
 * @code: the status, usually 488 (Not Acceptable Here)
 * @reason: (nullable): ignored; the standard phrase is sent
 * @error: return location for a #GError
 *
 * Refuses the peer's proposal; #SipSimpleSession::proposal-rejected follows.
 *
 * Returns: %FALSE when there is no proposal
 *
 * Since: 0.1
 */
gboolean
sip_simple_session_reject_proposal (SipSimpleSession *self, guint code, const char *reason,
                                    GError **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), FALSE);
  if (!session_check_state (self, error, "reject a proposal of",
                            SIP_SIMPLE_SESSION_STATE_RECEIVED_PROPOSAL))
    return FALSE;
  if (code < 300 || code > 699)
    code = 488;
  sip_simple_invitation_send_response (self->inv, code, NULL, NULL, NULL);
  for (guint i = self->slots->len; i < self->proposed->len; i++)
    session_end_stream (self, g_ptr_array_index (self->proposed, i));
  g_clear_pointer (&self->proposed, g_ptr_array_unref);
  g_clear_pointer (&self->offer, gst_sdp_message_free);
  session_set_state (self, SIP_SIMPLE_SESSION_STATE_CONNECTED);
  g_signal_emit (self, session_signals[SESSION_SIGNAL_PROPOSAL_REJECTED], 0,
                 SIP_SIMPLE_ORIGINATOR_REMOTE, code,
                 reason ? reason : sip_simple_status_phrase (code));
  return TRUE;
}

/**
 * sip_simple_session_cancel_proposal:
 * @self: a session that sent a proposal
 * @error: return location for a #GError
 *
 * Cancels our pending proposal (CANCEL of the re-INVITE);
 * #SipSimpleSession::proposal-rejected with 487 follows.
 *
 * Returns: %FALSE when no proposal of ours is pending
 *
 * Since: 0.1
 */
gboolean
sip_simple_session_cancel_proposal (SipSimpleSession *self, GError **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), FALSE);
  if (!session_check_state (self, error, "cancel the proposal of",
                            SIP_SIMPLE_SESSION_STATE_SENDING_PROPOSAL))
    return FALSE;
  if (!sip_simple_invitation_cancel_reinvite (self->inv, error))
    return FALSE;
  session_set_state (self, SIP_SIMPLE_SESSION_STATE_CANCELLING_PROPOSAL);
  return TRUE;
}

/**
 * sip_simple_session_get_proposed_streams:
 * @self: a session
 *
 * The streams of an incoming offer or of a pending proposal (empty when
 * there is none); pass some of them to [method@SipSimple.Session.accept]
 * or [method@SipSimple.Session.accept_proposal].
 *
 * Returns: (transfer container) (element-type SipSimpleMediaStream): the
 *   proposed streams
 *
 * Since: 0.1
 */
GPtrArray *
sip_simple_session_get_proposed_streams (SipSimpleSession *self)
{
  GPtrArray *out;

  g_return_val_if_fail (SIP_SIMPLE_IS_SESSION (self), NULL);
  out = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; self->proposed && i < self->proposed->len; i++)
    if (g_ptr_array_index (self->proposed, i) != NULL)
      g_ptr_array_add (out, g_object_ref (g_ptr_array_index (self->proposed, i)));
  return out;
}
