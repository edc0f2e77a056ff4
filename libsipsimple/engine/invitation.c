/* libsipsimple - SipSimpleInvitation: one INVITE dialog
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/engine/invitation.h>
#include <sipsimple/engine/engine-error.h>
#include <sipsimple/engine/engine.h>
#include <sipsimple/sip/error.h>
#include <sipsimple/sip/headers.h>
#include <sipsimple/sip/name-addr.h>
#include <sipsimple/sip/uri.h>
#include "client-request-private.h"
#include "invitation-internal.h"

#include <string.h>

/**
 * SipSimpleInvitation:
 *
 * The signalling of one call: an INVITE dialog as sofia-sip's user agent
 * core runs it, with the SDP bodies passed through as text. It knows
 * nothing of media; [class@SipSimple.Session] builds on it, and
 * applications that do their own media can use it directly.
 *
 * Outgoing: create it with [ctor@SipSimple.Invitation.new], then
 * [method@SipSimple.Invitation.send_invite]. Incoming invitations are
 * created by the [class@SipSimple.SessionManager]. Progress arrives as
 * `notify::state` (the status that caused a change is in
 * [property@SipSimple.Invitation:status-code] and
 * [property@SipSimple.Invitation:reason] by then) and
 * #SipSimpleInvitation::response; re-INVITEs and REFERs from the peer as
 * #SipSimpleInvitation::reinvite and #SipSimpleInvitation::refer.
 *
 * Digest challenges to the INVITE are answered with the credentials of
 * [class@SipSimple.ClientRequest]. When the engine stops, its shutdown
 * ends the call (BYE or CANCEL) and the invitation becomes
 * %SIP_SIMPLE_INVITATION_STATE_DISCONNECTED.
 *
 * Since: 0.1
 */

struct _SipSimpleInvitation
{
  SipSimpleClientRequest parent_instance;

  gboolean           incoming;
  SipSimpleNameAddr *local;
  SipSimpleNameAddr *remote;
  char              *contact_user;
  char              *remote_user_agent;
  char              *call_id;
  SipSimpleHeaders  *request_headers;
  SipSimpleTransport transport_in;      /* of the INVITE we received */
  nua_saved_event_t  refer_saved[1];    /* the REFER until answered */
  gboolean           refer_saved_valid;

  SipSimpleInvitationState state;
  guint              status_code;        /* of the last state change */
  char              *reason;
  gboolean           reinvite_pending;   /* we sent one */
  gboolean           reinvite_incoming;  /* they sent one, not answered */
  gboolean           refer_incoming;
  gboolean           ended_by_us;
};

enum {
  PROP_0,
  PROP_STATE,
  PROP_STATUS_CODE,
  PROP_REASON,
  N_PROPS
};

enum {
  SIGNAL_RESPONSE,
  SIGNAL_REINVITE,
  SIGNAL_REFER,
  SIGNAL_REFER_STATUS,
  SIGNAL_REINVITE_CANCELLED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SipSimpleInvitation, sip_simple_invitation,
                     SIP_SIMPLE_TYPE_CLIENT_REQUEST)

#define REQUEST(self) SIP_SIMPLE_CLIENT_REQUEST (self)

G_DEFINE_ENUM_TYPE (SipSimpleInvitationState, sip_simple_invitation_state,
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_INVITATION_STATE_NULL, "null"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_INVITATION_STATE_CALLING, "calling"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_INVITATION_STATE_INCOMING, "incoming"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_INVITATION_STATE_EARLY, "early"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_INVITATION_STATE_CONNECTING, "connecting"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_INVITATION_STATE_CONNECTED, "connected"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_INVITATION_STATE_DISCONNECTING, "disconnecting"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_INVITATION_STATE_DISCONNECTED, "disconnected"))

/* The handle of the dialog, NULL before the INVITE and once it is over. */
static nua_handle_t *
dialog (SipSimpleInvitation *self)
{
  return sip_simple_client_request_get_handle (REQUEST (self));
}

static nua_t *
stack (SipSimpleInvitation *self)
{
  return sip_simple_engine_get_nua (sip_simple_client_request_get_engine (REQUEST (self)));
}

/* The status that caused a change is set before the state is notified. */
static void
set_state (SipSimpleInvitation *self, SipSimpleInvitationState state, guint code,
           const char *reason)
{
  if (self->state == state)
    return;
  if (self->state == SIP_SIMPLE_INVITATION_STATE_DISCONNECTED)
    return; /* final */
  g_object_freeze_notify (G_OBJECT (self));
  if (self->status_code != code)
    {
      self->status_code = code;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_CODE]);
    }
  if (reason != NULL && *reason == '\0')
    reason = NULL;
  if (g_strcmp0 (self->reason, reason) != 0)
    {
      g_free (self->reason);
      self->reason = g_strdup (reason);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASON]);
    }
  g_object_thaw_notify (G_OBJECT (self));
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static char *
payload_text (const sip_t *sip)
{
  if (sip == NULL || sip->sip_payload == NULL || sip->sip_payload->pl_len == 0)
    return NULL;
  if (sip->sip_content_type != NULL && sip->sip_content_type->c_type != NULL
      && g_ascii_strcasecmp (sip->sip_content_type->c_type, "application/sdp") != 0)
    return NULL;
  return g_strndup (sip->sip_payload->pl_data, sip->sip_payload->pl_len);
}

static char *
header_value (const sip_header_t *h)
{
  char buf[1024];
  issize_t n;
  char *colon;

  if (h == NULL)
    return NULL;
  n = sip_header_e (buf, sizeof buf, h, 0);
  if (n <= 0 || (size_t) n >= sizeof buf)
    return NULL;
  colon = strchr (buf, ':');
  if (colon == NULL)
    return NULL;
  colon++;
  while (*colon == ' ')
    colon++;
  return g_strchomp (g_strdup (colon));
}

static SipSimpleNameAddr *
name_addr_of (const sip_header_t *h)
{
  g_autofree char *v = header_value (h);
  return v ? sip_simple_name_addr_parse (v, NULL) : NULL;
}

static void
remember_peer (SipSimpleInvitation *self, const sip_t *sip)
{
  /* 100 Trying and challenges come from proxies, not from the peer */
  if (sip == NULL
      || (sip->sip_status != NULL && (sip->sip_status->st_status < 180 || sip->sip_status->st_status >= 300)))
    return;
  if (self->remote_user_agent == NULL)
    {
      if (sip->sip_user_agent && sip->sip_user_agent->g_value)
        self->remote_user_agent = g_strdup (sip->sip_user_agent->g_value);
      else if (sip->sip_server && sip->sip_server->g_value)
        self->remote_user_agent = g_strdup (sip->sip_server->g_value);
    }
  if (self->call_id == NULL && sip->sip_call_id && sip->sip_call_id->i_id)
    self->call_id = g_strdup (sip->sip_call_id->i_id);
}

static void
release_handle (SipSimpleInvitation *self)
{
  sip_simple_client_request_release_handle (REQUEST (self));
}

static void
disconnected (SipSimpleInvitation *self, guint code, const char *reason)
{
  g_object_ref (self);
  set_state (self, SIP_SIMPLE_INVITATION_STATE_DISCONNECTED, code, reason);
  release_handle (self);
  g_object_unref (self);
}

static void
handle_refer_notify (SipSimpleInvitation *self, const SipSimpleNuaEvent *ev)
{
  const sip_t *sip = ev->sip;
  g_autofree char *frag = NULL;
  guint code = 0;
  const char *reason = "";
  gboolean final;

  if (sip == NULL || sip->sip_payload == NULL)
    return;
  frag = g_strndup (sip->sip_payload->pl_data, sip->sip_payload->pl_len);
  /* message/sipfrag: "SIP/2.0 200 OK" */
  if (g_str_has_prefix (frag, "SIP/2.0 "))
    {
      char *end = NULL;
      code = (guint) g_ascii_strtoull (frag + 8, &end, 10);
      if (end && *end == ' ')
        reason = end + 1;
      g_strdelimit (frag, "\r\n", '\0');
    }
  final = code >= 200
          || (sip->sip_subscription_state
              && g_ascii_strcasecmp (sip->sip_subscription_state->ss_substate, "terminated") == 0);
  g_signal_emit (self, signals[SIGNAL_REFER_STATUS], 0, code, reason, final);
}

static void
on_nua_event (SipSimpleClientRequest *request, const SipSimpleNuaEvent *ev)
{
  SipSimpleInvitation *self = SIP_SIMPLE_INVITATION (request);
  int callstate = -1;

  remember_peer (self, ev->sip);

  switch (ev->event)
    {
    case nua_r_invite:
      {
        g_autofree char *sdp = payload_text (ev->sip);
        gboolean re = self->reinvite_pending;

        if (sip_simple_client_request_authenticate (request, ev))
          break;
        if (ev->status >= 200)
          self->reinvite_pending = FALSE;
        if (ev->status == 100)
          break;
        g_signal_emit (self, signals[SIGNAL_RESPONSE], 0, (guint) ev->status,
                       ev->phrase ? ev->phrase : "", sdp, re);
        if (!re && ev->status >= 180 && ev->status < 200)
          set_state (self, SIP_SIMPLE_INVITATION_STATE_EARLY, ev->status, ev->phrase);
        if (!re && ev->status >= 300)
          disconnected (self, ev->status, ev->phrase);
      }
      break;

    case nua_i_invite:
      /* only re-INVITEs reach a bound handle */
      {
        g_autofree char *sdp = payload_text (ev->sip);
        self->reinvite_incoming = TRUE;
        g_signal_emit (self, signals[SIGNAL_REINVITE], 0, sdp);
      }
      break;

    case nua_i_state:
      tl_gets (ev->tags, NUTAG_CALLSTATE_REF (callstate), TAG_END ());
      switch (callstate)
        {
        case nua_callstate_ready:
          set_state (self, SIP_SIMPLE_INVITATION_STATE_CONNECTED, ev->status, ev->phrase);
          break;
        case nua_callstate_completing:
        case nua_callstate_completed:
          set_state (self, SIP_SIMPLE_INVITATION_STATE_CONNECTING, ev->status, ev->phrase);
          break;
        case nua_callstate_terminating:
          set_state (self, SIP_SIMPLE_INVITATION_STATE_DISCONNECTING, ev->status, ev->phrase);
          break;
        case nua_callstate_terminated:
          disconnected (self, ev->status, ev->phrase);
          break;
        default:
          break;
        }
      break;

    case nua_i_cancel:
      /* NUA answers the INVITE with 487 itself */
      if (self->reinvite_incoming)
        {
          self->reinvite_incoming = FALSE;
          g_signal_emit (self, signals[SIGNAL_REINVITE_CANCELLED], 0);
        }
      break;

    case nua_i_bye:
      break;

    case nua_i_refer:
      {
        g_autofree char *refer_to = ev->sip ? header_value ((const sip_header_t *) ev->sip->sip_refer_to) : NULL;
        g_autofree char *referred_by = ev->sip ? header_value ((const sip_header_t *) ev->sip->sip_referred_by) : NULL;
        if (refer_to == NULL)
          {
            nua_respond (ev->nh, 400, "Missing Refer-To", NUTAG_WITH_CURRENT (stack (self)),
                         TAG_END ());
            break;
          }
        self->refer_incoming = TRUE;
        /* answered later, maybe after the user decided: keep the request */
        if (self->refer_saved_valid)
          nua_destroy_event (self->refer_saved);
        self->refer_saved_valid = nua_save_event (stack (self),
                                                  self->refer_saved) != 0;
        g_signal_emit (self, signals[SIGNAL_REFER], 0, refer_to, referred_by);
      }
      break;

    case nua_r_refer:
      if (ev->status >= 300)
        g_signal_emit (self, signals[SIGNAL_REFER_STATUS], 0, (guint) ev->status,
                       ev->phrase ? ev->phrase : "", TRUE);
      break;

    case nua_i_notify:
      handle_refer_notify (self, ev);
      break;

    case nua_r_bye:
    case nua_r_cancel:
    case nua_i_ack:
    case nua_i_active:
    case nua_i_terminated:
    case nua_i_prack:
    case nua_r_notify:
    case nua_i_update:
    case nua_r_update:
      break;

    default:
      if (ev->event == nua_i_info || ev->event == nua_i_message || ev->event == nua_i_options)
        nua_respond (ev->nh, ev->event == nua_i_options ? 200 : 501,
                     ev->event == nua_i_options ? "OK" : "Not Implemented",
                     NUTAG_WITH_CURRENT (stack (self)), TAG_END ());
      break;
    }
}

/* The engine stopping leaves the dialog to the stack's shutdown (BYE,
 * CANCEL, 480 to an unanswered INVITE); when the stack is gone, so is the
 * call. */
static void
sip_simple_invitation_engine_stopped (SipSimpleClientRequest *request)
{
  SipSimpleInvitation *self = SIP_SIMPLE_INVITATION (request);

  if (dialog (self) == NULL && self->state != SIP_SIMPLE_INVITATION_STATE_NULL)
    set_state (self, SIP_SIMPLE_INVITATION_STATE_DISCONNECTED, 500, "Engine stopped");
}

/* ---- incoming ---------------------------------------------------------- */

SipSimpleInvitation *
sip_simple_invitation_new_incoming (SipSimpleEngine *engine, nua_handle_t *nh, const sip_t *sip)
{
  SipSimpleInvitation *self = g_object_new (SIP_SIMPLE_TYPE_INVITATION, "engine", engine, NULL);

  self->incoming = TRUE;
  self->remote = name_addr_of ((const sip_header_t *) sip->sip_from);
  self->local = name_addr_of ((const sip_header_t *) sip->sip_to);
  self->request_headers = sip_simple_headers_new ();
  for (const sip_unknown_t *u = sip->sip_unknown; u; u = u->un_next)
    if (u->un_name && u->un_value)
      sip_simple_headers_append (self->request_headers, u->un_name, u->un_value, NULL);
  if (sip->sip_subject && sip->sip_subject->g_value)
    sip_simple_headers_append (self->request_headers, "Subject", sip->sip_subject->g_value, NULL);
  remember_peer (self, sip);
  if (sip->sip_request && sip->sip_request->rq_url->url_type == url_sips)
    self->transport_in = SIP_SIMPLE_TRANSPORT_TLS;
  else if (sip->sip_via && sip->sip_via->v_protocol)
    {
      const char *proto = strrchr (sip->sip_via->v_protocol, '/');
      if (proto == NULL || !sip_simple_transport_from_string (proto + 1, &self->transport_in))
        self->transport_in = SIP_SIMPLE_TRANSPORT_UDP;
    }
  sip_simple_client_request_bind_handle (REQUEST (self), nh, on_nua_event);
  self->state = SIP_SIMPLE_INVITATION_STATE_INCOMING;
  return self;
}

char *
sip_simple_invitation_sdp_of (const sip_t *sip)
{
  return payload_text (sip);
}

nua_handle_t *
sip_simple_invitation_get_handle (SipSimpleInvitation *self)
{
  return dialog (self);
}

/* ---- outgoing ---------------------------------------------------------- */

/**
 * sip_simple_invitation_new:
 * @engine: a running engine
 * @from: the local identity
 * @to: the callee; its URI is the request-URI
 *
 * Creates a new outgoing invitation.
 *
 * Returns: (transfer full): a new outgoing invitation
 *
 * Since: 0.1
 */
SipSimpleInvitation *
sip_simple_invitation_new (SipSimpleEngine *engine, SipSimpleNameAddr *from, SipSimpleNameAddr *to)
{
  SipSimpleInvitation *self;

  g_return_val_if_fail (SIP_SIMPLE_IS_ENGINE (engine), NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  self = g_object_new (SIP_SIMPLE_TYPE_INVITATION, "engine", engine, NULL);
  self->local = sip_simple_name_addr_copy (from);
  self->remote = sip_simple_name_addr_copy (to);
  return self;
}

/**
 * sip_simple_invitation_set_contact_user:
 * @self: an invitation
 * @user: (nullable): the user part of our Contact
 *
 * Sets the user part of the Contact the dialog uses.
 *
 * Since: 0.1
 */
void
sip_simple_invitation_set_contact_user (SipSimpleInvitation *self, const char *user)
{
  g_return_if_fail (SIP_SIMPLE_IS_INVITATION (self));
  g_free (self->contact_user);
  self->contact_user = g_strdup (user);
}

/**
 * sip_simple_invitation_send_invite:
 * @self: an outgoing invitation
 * @sdp: (nullable): the SDP offer
 * @extra_headers: (nullable): headers to add (Subject, ...)
 * @error: return location for a #GError
 *
 * Sends the INVITE; digest challenges are answered with the credentials.
 *
 * Returns: %FALSE if it could not be sent
 *
 * Since: 0.1
 */
gboolean
sip_simple_invitation_send_invite (SipSimpleInvitation *self,
                                   const char          *sdp,
                                   SipSimpleHeaders    *extra_headers,
                                   GError             **error)
{
  SipSimpleClientRequest *request = REQUEST (self);
  g_autofree char *to = NULL;
  g_autofree char *from = NULL;
  g_autofree char *extra = NULL;
  g_autofree char *contact = NULL;

  g_return_val_if_fail (SIP_SIMPLE_IS_INVITATION (self), FALSE);

  if (self->incoming || self->state != SIP_SIMPLE_INVITATION_STATE_NULL)
    {
      g_set_error_literal (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_INVALID_ARGUMENT,
                           "The INVITE was already sent");
      return FALSE;
    }
  to = sip_simple_name_addr_to_string (self->remote);
  from = sip_simple_name_addr_to_string (self->local);
  if (sip_simple_client_request_create_handle (request, from, to, on_nua_event, error) == NULL)
    return FALSE;
  /* the peer's requests in the dialog come back the way the INVITE leaves */
  contact = sip_simple_client_request_contact (request, self->contact_user,
                                               sip_simple_name_addr_get_uri (self->remote));
  if (extra_headers != NULL && sip_simple_headers_get_length (extra_headers) > 0)
    extra = sip_simple_headers_to_string (extra_headers);

  set_state (self, SIP_SIMPLE_INVITATION_STATE_CALLING, 0, NULL);
  nua_invite (dialog (self),
              TAG_IF (contact != NULL, SIPTAG_CONTACT_STR (contact)),
              TAG_IF (sdp != NULL, SIPTAG_CONTENT_TYPE_STR ("application/sdp")),
              TAG_IF (sdp != NULL, SIPTAG_PAYLOAD_STR (sdp)),
              TAG_IF (extra != NULL, SIPTAG_HEADER_STR (extra)),
              TAG_END ());
  return TRUE;
}

/**
 * sip_simple_invitation_send_response:
 * @self: an invitation with a pending INVITE or re-INVITE from the peer
 * @code: the status code (180, 183, 200, 486, ...)
 * @reason: (nullable): the reason phrase; the standard one when %NULL
 * @sdp: (nullable): SDP to include (the answer in a 200)
 * @error: return location for a #GError
 *
 * Answers the peer's INVITE (or re-INVITE).
 *
 * Returns: %FALSE if there is nothing to answer
 *
 * Since: 0.1
 */
gboolean
sip_simple_invitation_send_response (SipSimpleInvitation *self,
                                     guint                code,
                                     const char          *reason,
                                     const char          *sdp,
                                     GError             **error)
{
  g_autofree char *contact = NULL;
  g_autofree char *contact_uri = NULL;
  gboolean initial;

  g_return_val_if_fail (SIP_SIMPLE_IS_INVITATION (self), FALSE);

  initial = self->incoming && (self->state == SIP_SIMPLE_INVITATION_STATE_INCOMING
                               || self->state == SIP_SIMPLE_INVITATION_STATE_EARLY);
  if (dialog (self) == NULL || (!initial && !self->reinvite_incoming) || code < 100 || code > 699)
    {
      g_set_error (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_INVALID_ARGUMENT,
                   "No INVITE to answer with %u", code);
      return FALSE;
    }
  /* nua_respond() keeps the phrase pointer: static phrases only */
  (void) reason;
  if (code >= 200 && !initial)
    self->reinvite_incoming = FALSE;
  if (code >= 200 && code < 300)
    {
      /* the transport of the request we answer is the one to be reached on */
      contact_uri = sip_simple_engine_contact_string (
          sip_simple_client_request_get_engine (REQUEST (self)), self->contact_user,
          self->transport_in);
      contact = contact_uri ? g_strdup_printf ("<%s>", contact_uri) : NULL;
    }
  nua_respond (dialog (self), (int) code, sip_simple_status_phrase (code),
               TAG_IF (contact != NULL, SIPTAG_CONTACT_STR (contact)),
               TAG_IF (sdp != NULL, SIPTAG_CONTENT_TYPE_STR ("application/sdp")),
               TAG_IF (sdp != NULL, SIPTAG_PAYLOAD_STR (sdp)),
               TAG_END ());
  if (initial && code >= 180 && code < 200)
    set_state (self, SIP_SIMPLE_INVITATION_STATE_EARLY, code, NULL);
  return TRUE;
}

/**
 * sip_simple_invitation_send_reinvite:
 * @self: a connected invitation
 * @sdp: the new offer
 * @error: return location for a #GError
 *
 * Sends a re-INVITE; the answer arrives as #SipSimpleInvitation::response
 * with `reinvite` set.
 *
 * Returns: %FALSE if not connected or another re-INVITE is pending
 *
 * Since: 0.1
 */
gboolean
sip_simple_invitation_send_reinvite (SipSimpleInvitation *self, const char *sdp, GError **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_INVITATION (self), FALSE);
  g_return_val_if_fail (sdp != NULL, FALSE);

  if (self->state != SIP_SIMPLE_INVITATION_STATE_CONNECTED || self->reinvite_pending
      || self->reinvite_incoming)
    {
      g_set_error_literal (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_INVALID_ARGUMENT,
                           "A re-INVITE needs an established dialog without another offer pending");
      return FALSE;
    }
  self->reinvite_pending = TRUE;
  sip_simple_client_request_reset_auth (REQUEST (self));
  nua_invite (dialog (self), SIPTAG_CONTENT_TYPE_STR ("application/sdp"), SIPTAG_PAYLOAD_STR (sdp),
              TAG_END ());
  return TRUE;
}

/**
 * sip_simple_invitation_send_refer:
 * @self: a connected invitation
 * @refer_to: the Refer-To value, e.g. `<sip:carol@example.com>` or a URI
 *   with an embedded Replaces header for an attended transfer
 * @error: return location for a #GError
 *
 * Asks the peer to call @refer_to (RFC 3515). Progress arrives as
 * #SipSimpleInvitation::refer-status.
 *
 * Returns: %FALSE if not connected
 *
 * Since: 0.1
 */
gboolean
sip_simple_invitation_send_refer (SipSimpleInvitation *self, const char *refer_to, GError **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_INVITATION (self), FALSE);
  g_return_val_if_fail (refer_to != NULL, FALSE);

  if (self->state != SIP_SIMPLE_INVITATION_STATE_CONNECTED)
    {
      g_set_error_literal (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_INVALID_ARGUMENT,
                           "A transfer needs an established call");
      return FALSE;
    }
  nua_refer (dialog (self), SIPTAG_REFER_TO_STR (refer_to), TAG_END ());
  return TRUE;
}

/**
 * sip_simple_invitation_respond_refer:
 * @self: an invitation that received a REFER
 * @code: 202 to accept, or an error status
 * @reason: (nullable): ignored; the standard phrase is sent
 * @error: return location for a #GError
 *
 * Answers a REFER received in this dialog.
 *
 * Returns: %FALSE if there is no REFER to answer
 *
 * Since: 0.1
 */
gboolean
sip_simple_invitation_respond_refer (SipSimpleInvitation *self,
                                     guint                code,
                                     const char          *reason,
                                     GError             **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_INVITATION (self), FALSE);
  if (!self->refer_incoming || !self->refer_saved_valid || dialog (self) == NULL)
    {
      g_set_error_literal (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_INVALID_ARGUMENT,
                           "No REFER to answer");
      return FALSE;
    }
  self->refer_incoming = code < 300;
  nua_respond (dialog (self), (int) code, sip_simple_status_phrase (code),
               NUTAG_WITH_SAVED (self->refer_saved), TAG_END ());
  nua_destroy_event (self->refer_saved);
  self->refer_saved_valid = FALSE;
  return TRUE;
}

/**
 * sip_simple_invitation_notify_refer:
 * @self: an invitation that accepted a REFER
 * @code: the status of the call made for the transfer
 * @reason: (nullable): its reason phrase
 * @final: whether this ends the implicit subscription
 * @error: return location for a #GError
 *
 * Tells the referrer how the transfer goes (a NOTIFY with message/sipfrag).
 *
 * Returns: %FALSE if there is no accepted REFER
 *
 * Since: 0.1
 */
gboolean
sip_simple_invitation_notify_refer (SipSimpleInvitation *self,
                                    guint                code,
                                    const char          *reason,
                                    gboolean             final,
                                    GError             **error)
{
  g_autofree char *frag = NULL;

  g_return_val_if_fail (SIP_SIMPLE_IS_INVITATION (self), FALSE);
  if (!self->refer_incoming || dialog (self) == NULL)
    {
      g_set_error_literal (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_INVALID_ARGUMENT,
                           "No accepted REFER to report on");
      return FALSE;
    }
  frag = g_strdup_printf ("SIP/2.0 %u %s", code, reason && *reason ? reason : sip_simple_status_phrase (code));
  nua_notify (dialog (self),
              NUTAG_SUBSTATE (final ? nua_substate_terminated : nua_substate_active),
              SIPTAG_CONTENT_TYPE_STR ("message/sipfrag;version=2.0"),
              SIPTAG_PAYLOAD_STR (frag),
              SIPTAG_EVENT_STR ("refer"),
              TAG_END ());
  if (final)
    self->refer_incoming = FALSE;
  return TRUE;
}

/**
 * sip_simple_invitation_cancel_reinvite:
 * @self: an invitation with a re-INVITE of ours pending
 * @error: return location for a #GError
 *
 * Cancels our pending re-INVITE; its response will be 487.
 *
 * Returns: %FALSE if no re-INVITE of ours is pending
 *
 * Since: 0.1
 */
gboolean
sip_simple_invitation_cancel_reinvite (SipSimpleInvitation *self, GError **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_INVITATION (self), FALSE);
  if (!self->reinvite_pending || dialog (self) == NULL)
    {
      g_set_error_literal (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_INVALID_ARGUMENT,
                           "No re-INVITE of ours is pending");
      return FALSE;
    }
  nua_cancel (dialog (self), TAG_END ());
  return TRUE;
}

/**
 * sip_simple_invitation_end:
 * @self: an invitation
 *
 * Ends the call whatever its state: CANCEL before an answer, BYE after,
 * 603 Decline for an unanswered incoming call.
 *
 * Since: 0.1
 */
void
sip_simple_invitation_end (SipSimpleInvitation *self)
{
  g_return_if_fail (SIP_SIMPLE_IS_INVITATION (self));

  if (dialog (self) == NULL)
    {
      set_state (self, SIP_SIMPLE_INVITATION_STATE_DISCONNECTED, 0, "Ended");
      return;
    }
  self->ended_by_us = TRUE;
  switch (self->state)
    {
    case SIP_SIMPLE_INVITATION_STATE_NULL:
      disconnected (self, 0, "Ended");
      break;
    case SIP_SIMPLE_INVITATION_STATE_INCOMING:
    case SIP_SIMPLE_INVITATION_STATE_EARLY:
      if (self->incoming)
        {
          nua_respond (dialog (self), 603, "Decline", TAG_END ());
          break;
        }
      G_GNUC_FALLTHROUGH;
    case SIP_SIMPLE_INVITATION_STATE_CALLING:
      set_state (self, SIP_SIMPLE_INVITATION_STATE_DISCONNECTING, 0, NULL);
      nua_cancel (dialog (self), TAG_END ());
      break;
    case SIP_SIMPLE_INVITATION_STATE_CONNECTING:
    case SIP_SIMPLE_INVITATION_STATE_CONNECTED:
      set_state (self, SIP_SIMPLE_INVITATION_STATE_DISCONNECTING, 0, NULL);
      nua_bye (dialog (self), TAG_END ());
      break;
    case SIP_SIMPLE_INVITATION_STATE_DISCONNECTING:
    case SIP_SIMPLE_INVITATION_STATE_DISCONNECTED:
      break;
    }
}

/* ---- accessors --------------------------------------------------------- */

/**
 * sip_simple_invitation_get_state:
 * @self: an invitation
 *
 * Gets the dialog state.
 *
 * Returns: the dialog state
 *
 * Since: 0.1
 */
SipSimpleInvitationState
sip_simple_invitation_get_state (SipSimpleInvitation *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_INVITATION (self), SIP_SIMPLE_INVITATION_STATE_NULL);
  return self->state;
}

/**
 * sip_simple_invitation_get_status_code: (get-property status-code)
 * @self: an invitation
 *
 * Gets the SIP status that caused the last state change.
 *
 * Returns: the status code, or 0 when no SIP status caused it
 *
 * Since: 0.1
 */
guint
sip_simple_invitation_get_status_code (SipSimpleInvitation *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_INVITATION (self), 0);
  return self->status_code;
}

/**
 * sip_simple_invitation_get_reason: (get-property reason)
 * @self: an invitation
 *
 * Gets the reason of the last state change.
 *
 * Returns: (transfer none) (nullable): the reason phrase or description
 *
 * Since: 0.1
 */
const char *
sip_simple_invitation_get_reason (SipSimpleInvitation *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_INVITATION (self), NULL);
  return self->reason;
}

/**
 * sip_simple_invitation_is_incoming:
 * @self: an invitation
 *
 * Tells whether the peer sent the INVITE.
 *
 * Returns: whether the peer sent the INVITE
 *
 * Since: 0.1
 */
gboolean
sip_simple_invitation_is_incoming (SipSimpleInvitation *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_INVITATION (self), FALSE);
  return self->incoming;
}

/**
 * sip_simple_invitation_get_local_identity:
 * @self: an invitation
 *
 * Gets our side of the dialog: the From of an outgoing call, the To of an
 * incoming one.
 *
 * Returns: (transfer none) (nullable): our side (From of an outgoing call,
 *   To of an incoming one)
 *
 * Since: 0.1
 */
SipSimpleNameAddr *
sip_simple_invitation_get_local_identity (SipSimpleInvitation *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_INVITATION (self), NULL);
  return self->local;
}

/**
 * sip_simple_invitation_get_remote_identity:
 * @self: an invitation
 *
 * Gets the peer of the dialog.
 *
 * Returns: (transfer none) (nullable): the peer
 *
 * Since: 0.1
 */
SipSimpleNameAddr *
sip_simple_invitation_get_remote_identity (SipSimpleInvitation *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_INVITATION (self), NULL);
  return self->remote;
}

/**
 * sip_simple_invitation_get_remote_user_agent:
 * @self: an invitation
 *
 * Gets the peer's User-Agent or Server.
 *
 * Returns: (transfer none) (nullable): the peer's User-Agent or Server
 *
 * Since: 0.1
 */
const char *
sip_simple_invitation_get_remote_user_agent (SipSimpleInvitation *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_INVITATION (self), NULL);
  return self->remote_user_agent;
}

/**
 * sip_simple_invitation_get_request_headers:
 * @self: an incoming invitation
 *
 * Gets the INVITE's headers that the library does not interpret (Subject,
 * X-...), for incoming calls.
 *
 * Returns: (transfer none) (nullable): the INVITE's headers that the
 *   library does not interpret (Subject, X-...), for incoming calls
 *
 * Since: 0.1
 */
SipSimpleHeaders *
sip_simple_invitation_get_request_headers (SipSimpleInvitation *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_INVITATION (self), NULL);
  return self->request_headers;
}

/**
 * sip_simple_invitation_get_call_id:
 * @self: an invitation
 *
 * Gets the dialog's Call-ID, once known.
 *
 * Returns: (transfer none) (nullable): the dialog's Call-ID, once known
 *
 * Since: 0.1
 */
const char *
sip_simple_invitation_get_call_id (SipSimpleInvitation *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_INVITATION (self), NULL);
  return self->call_id;
}

/**
 * sip_simple_invitation_make_replaces:
 * @self: an established invitation
 *
 * The Replaces header value (RFC 3891) that identifies this dialog, for an
 * attended transfer.
 *
 * Returns: (transfer full) (nullable): `call-id;to-tag=...;from-tag=...`
 *
 * Since: 0.1
 */
char *
sip_simple_invitation_make_replaces (SipSimpleInvitation *self)
{
  su_home_t home[1] = { SU_HOME_INIT (home) };
  sip_replaces_t *rp;
  g_autofree char *text = NULL;

  g_return_val_if_fail (SIP_SIMPLE_IS_INVITATION (self), NULL);
  if (dialog (self) == NULL)
    return NULL;
  rp = nua_handle_make_replaces (dialog (self), home, 0);
  if (rp != NULL)
    {
      char *s = sip_header_as_string (home, (sip_header_t const *) rp);
      text = g_strdup (s);
    }
  su_home_deinit (home);
  return g_steal_pointer (&text);
}

static void
sip_simple_invitation_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  SipSimpleInvitation *self = SIP_SIMPLE_INVITATION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_STATUS_CODE:
      g_value_set_uint (value, self->status_code);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_invitation_dispose (GObject *object)
{
  SipSimpleInvitation *self = SIP_SIMPLE_INVITATION (object);

  /* dropped while alive: end the call so the peer is not left hanging
   * (the base class then lets go of the handle) */
  if (dialog (self) != NULL && self->state == SIP_SIMPLE_INVITATION_STATE_CONNECTED)
    nua_bye (dialog (self), TAG_END ());
  G_OBJECT_CLASS (sip_simple_invitation_parent_class)->dispose (object);
}

static void
sip_simple_invitation_finalize (GObject *object)
{
  SipSimpleInvitation *self = SIP_SIMPLE_INVITATION (object);

  if (self->refer_saved_valid)
    nua_destroy_event (self->refer_saved);
  g_clear_pointer (&self->local, sip_simple_name_addr_unref);
  g_clear_pointer (&self->remote, sip_simple_name_addr_unref);
  g_clear_pointer (&self->request_headers, sip_simple_headers_unref);
  g_free (self->contact_user);
  g_free (self->reason);
  g_free (self->remote_user_agent);
  g_free (self->call_id);
  G_OBJECT_CLASS (sip_simple_invitation_parent_class)->finalize (object);
}

static void
sip_simple_invitation_class_init (SipSimpleInvitationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SipSimpleClientRequestClass *request_class = SIP_SIMPLE_CLIENT_REQUEST_CLASS (klass);

  object_class->get_property = sip_simple_invitation_get_property;
  object_class->dispose = sip_simple_invitation_dispose;
  object_class->finalize = sip_simple_invitation_finalize;
  request_class->engine_stopped = sip_simple_invitation_engine_stopped;

  /**
   * SipSimpleInvitation:state: (getter get_state)
   *
   * The dialog state; watch it with `notify::state`. When it is notified,
   * [property@SipSimple.Invitation:status-code] and
   * [property@SipSimple.Invitation:reason] already tell what caused the
   * change.
   *
   * Since: 0.1
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, "The dialog state", SIP_SIMPLE_TYPE_INVITATION_STATE,
                       SIP_SIMPLE_INVITATION_STATE_NULL,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleInvitation:status-code: (getter get_status_code)
   *
   * The SIP status that caused the last state change (a response we got
   * or sent), or 0 when none did (a local end, a state the stack reached
   * by itself).
   *
   * Since: 0.1
   */
  properties[PROP_STATUS_CODE] =
    g_param_spec_uint ("status-code", NULL, "The status of the last state change", 0, 699, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleInvitation:reason: (getter get_reason)
   *
   * The reason phrase of [property@SipSimple.Invitation:status-code], or
   * a description of what ended the call ("Engine stopped"); %NULL when
   * there is none.
   *
   * Since: 0.1
   */
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, "The reason of the last state change", NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SipSimpleInvitation::response:
   * @self: the invitation
   * @code: the status code
   * @reason: the reason phrase
   * @sdp: (nullable): the SDP body, if any
   * @reinvite: whether it answers a re-INVITE
   *
   * A response to our INVITE or re-INVITE (provisional and final).
   */
  signals[SIGNAL_RESPONSE] =
    g_signal_new ("response", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_UINT, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_BOOLEAN);
  /**
   * SipSimpleInvitation::reinvite:
   * @self: the invitation
   * @sdp: (nullable): the new offer
   *
   * The peer sent a re-INVITE; answer it with
   * [method@SipSimple.Invitation.send_response].
   */
  signals[SIGNAL_REINVITE] =
    g_signal_new ("reinvite", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * SipSimpleInvitation::reinvite-cancelled:
   * @self: the invitation
   *
   * The peer cancelled its re-INVITE before we answered it.
   */
  signals[SIGNAL_REINVITE_CANCELLED] =
    g_signal_new ("reinvite-cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);
  /**
   * SipSimpleInvitation::refer:
   * @self: the invitation
   * @refer_to: the Refer-To value
   * @referred_by: (nullable): the Referred-By value
   *
   * The peer asks us to call someone (a transfer); answer it with
   * [method@SipSimple.Invitation.respond_refer].
   */
  signals[SIGNAL_REFER] =
    g_signal_new ("refer", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * SipSimpleInvitation::refer-status:
   * @self: the invitation
   * @code: the status of the transfer (from the NOTIFY, or the REFER's
   *   own failure)
   * @reason: its reason phrase
   * @final: whether the transfer is over
   *
   * Progress of a transfer we asked for.
   */
  signals[SIGNAL_REFER_STATUS] =
    g_signal_new ("refer-status", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_STRING, G_TYPE_BOOLEAN);
}

static void
sip_simple_invitation_init (SipSimpleInvitation *self)
{
}
