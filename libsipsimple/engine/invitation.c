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
#include "engine-private.h"
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
 * #SipSimpleInvitation::state-changed and #SipSimpleInvitation::response;
 * re-INVITEs and REFERs from the peer as #SipSimpleInvitation::reinvite
 * and #SipSimpleInvitation::refer.
 */

struct _SipSimpleInvitation
{
  GObject parent_instance;

  SipSimpleEngine   *engine;
  nua_handle_t      *nh;
  gboolean           incoming;
  SipSimpleNameAddr *local;
  SipSimpleNameAddr *remote;
  char              *username;
  char              *password;
  SipSimpleUri      *proxy;
  char              *contact_user;
  char              *remote_user_agent;
  char              *call_id;
  SipSimpleHeaders  *request_headers;
  SipSimpleTransport transport_in;      /* of the INVITE we received */
  nua_saved_event_t  refer_saved[1];    /* the REFER until answered */
  gboolean           refer_saved_valid;

  SipSimpleInvitationState state;
  guint              auth_rounds;
  gboolean           reinvite_pending;   /* we sent one */
  gboolean           reinvite_incoming;  /* they sent one, not answered */
  gboolean           refer_incoming;
  gboolean           ended_by_us;
};

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

enum {
  SIGNAL_STATE_CHANGED,
  SIGNAL_RESPONSE,
  SIGNAL_REINVITE,
  SIGNAL_REFER,
  SIGNAL_REFER_STATUS,
  SIGNAL_REINVITE_CANCELLED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SipSimpleInvitation, sip_simple_invitation, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (SipSimpleInvitationState, sip_simple_invitation_state,
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_INVITATION_STATE_NULL, "null"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_INVITATION_STATE_CALLING, "calling"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_INVITATION_STATE_INCOMING, "incoming"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_INVITATION_STATE_EARLY, "early"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_INVITATION_STATE_CONNECTING, "connecting"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_INVITATION_STATE_CONNECTED, "connected"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_INVITATION_STATE_DISCONNECTING, "disconnecting"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_INVITATION_STATE_DISCONNECTED, "disconnected"))

static void
set_state (SipSimpleInvitation *self, SipSimpleInvitationState state, guint code,
           const char *reason)
{
  if (self->state == state)
    return;
  if (self->state == SIP_SIMPLE_INVITATION_STATE_DISCONNECTED)
    return; /* final */
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  g_signal_emit (self, signals[SIGNAL_STATE_CHANGED], 0, state, code, reason ? reason : "");
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
  if (self->nh != NULL)
    {
      sip_simple_engine_destroy_handle (self->engine, self->nh);
      self->nh = NULL;
    }
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
on_nua_event (gpointer owner, const SipSimpleNuaEvent *ev)
{
  SipSimpleInvitation *self = owner;
  int callstate = -1;

  g_object_ref (self);
  if (ev->engine_gone)
    {
      self->nh = NULL;
      set_state (self, SIP_SIMPLE_INVITATION_STATE_DISCONNECTED, 500, "Engine stopped");
      g_object_unref (self);
      return;
    }

  remember_peer (self, ev->sip);

  switch (ev->event)
    {
    case nua_r_invite:
      {
        g_autofree char *sdp = payload_text (ev->sip);
        gboolean re = self->reinvite_pending;

        if ((ev->status == 401 || ev->status == 407)
            && sip_simple_nua_authenticate (self->nh, ev->sip, self->username, self->password,
                                            &self->auth_rounds))
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
            nua_respond (ev->nh, 400, "Missing Refer-To", NUTAG_WITH_CURRENT (sip_simple_engine_get_nua (self->engine)), TAG_END ());
            break;
          }
        self->refer_incoming = TRUE;
        /* answered later, maybe after the user decided: keep the request */
        if (self->refer_saved_valid)
          nua_destroy_event (self->refer_saved);
        self->refer_saved_valid = nua_save_event (sip_simple_engine_get_nua (self->engine),
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
                     NUTAG_WITH_CURRENT (sip_simple_engine_get_nua (self->engine)), TAG_END ());
      break;
    }
  g_object_unref (self);
}

/* ---- incoming ---------------------------------------------------------- */

SipSimpleInvitation *
sip_simple_invitation_new_incoming (SipSimpleEngine *engine, nua_handle_t *nh, const sip_t *sip)
{
  SipSimpleInvitation *self = g_object_new (SIP_SIMPLE_TYPE_INVITATION, NULL);

  self->engine = g_object_ref (engine);
  self->incoming = TRUE;
  self->nh = nh;
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
  sip_simple_engine_bind_handle (engine, nh, on_nua_event, self);
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
  return self->nh;
}

/* ---- outgoing ---------------------------------------------------------- */

/**
 * sip_simple_invitation_new:
 * @engine: a running engine
 * @from: the local identity
 * @to: the callee; its URI is the request-URI
 *
 * Returns: (transfer full): a new outgoing invitation
 */
SipSimpleInvitation *
sip_simple_invitation_new (SipSimpleEngine *engine, SipSimpleNameAddr *from, SipSimpleNameAddr *to)
{
  SipSimpleInvitation *self;

  g_return_val_if_fail (SIP_SIMPLE_IS_ENGINE (engine), NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  self = g_object_new (SIP_SIMPLE_TYPE_INVITATION, NULL);
  self->engine = g_object_ref (engine);
  self->local = sip_simple_name_addr_copy (from);
  self->remote = sip_simple_name_addr_copy (to);
  return self;
}

/**
 * sip_simple_invitation_set_credentials:
 * @self: an invitation
 * @username: (nullable): digest user name
 * @password: (nullable): password
 *
 * Sets the credentials to answer a proxy's challenge with.
 */
void
sip_simple_invitation_set_credentials (SipSimpleInvitation *self,
                                       const char          *username,
                                       const char          *password)
{
  g_return_if_fail (SIP_SIMPLE_IS_INVITATION (self));
  g_free (self->username);
  g_free (self->password);
  self->username = g_strdup (username);
  self->password = g_strdup (password);
}

/**
 * sip_simple_invitation_set_outbound_proxy:
 * @self: an invitation
 * @proxy: (nullable): the first hop of the INVITE
 *
 * Sets the outbound proxy (before sending the INVITE).
 */
void
sip_simple_invitation_set_outbound_proxy (SipSimpleInvitation *self, SipSimpleUri *proxy)
{
  g_return_if_fail (SIP_SIMPLE_IS_INVITATION (self));
  g_clear_pointer (&self->proxy, sip_simple_uri_unref);
  self->proxy = proxy ? sip_simple_uri_copy (proxy) : NULL;
}

/**
 * sip_simple_invitation_set_contact_user:
 * @self: an invitation
 * @user: (nullable): the user part of our Contact
 *
 * Sets the user part of the Contact the dialog uses.
 */
void
sip_simple_invitation_set_contact_user (SipSimpleInvitation *self, const char *user)
{
  g_return_if_fail (SIP_SIMPLE_IS_INVITATION (self));
  g_free (self->contact_user);
  self->contact_user = g_strdup (user);
}

static SipSimpleTransport
first_hop_transport (SipSimpleInvitation *self)
{
  return sip_simple_uri_hop_transport (self->proxy ? self->proxy : sip_simple_name_addr_get_uri (self->remote));
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
 */
gboolean
sip_simple_invitation_send_invite (SipSimpleInvitation *self,
                                   const char          *sdp,
                                   SipSimpleHeaders    *extra_headers,
                                   GError             **error)
{
  g_autofree char *to = NULL;
  g_autofree char *from = NULL;
  g_autofree char *proxy = NULL;
  g_autofree char *extra = NULL;
  g_autofree char *contact = NULL;
  g_autofree char *contact_uri = NULL;

  g_return_val_if_fail (SIP_SIMPLE_IS_INVITATION (self), FALSE);

  if (self->incoming || self->state != SIP_SIMPLE_INVITATION_STATE_NULL)
    {
      g_set_error_literal (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_INVALID_ARGUMENT,
                           "The INVITE was already sent");
      return FALSE;
    }
  if (sip_simple_engine_get_state (self->engine) != SIP_SIMPLE_ENGINE_STATE_RUNNING)
    {
      g_set_error_literal (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_NOT_RUNNING,
                           "The SIP engine is not running");
      return FALSE;
    }

  to = sip_simple_name_addr_to_string (self->remote);
  from = sip_simple_name_addr_to_string (self->local);
  self->nh = sip_simple_engine_create_handle (self->engine, on_nua_event, self,
                                              SIPTAG_TO_STR (to), SIPTAG_FROM_STR (from), TAG_END ());
  if (self->nh == NULL)
    {
      g_set_error (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_INVALID_ARGUMENT,
                   "Could not create a call from %s to %s", from, to);
      return FALSE;
    }
  if (self->proxy != NULL)
    {
      proxy = sip_simple_uri_to_string (self->proxy);
      nua_set_hparams (self->nh, NUTAG_PROXY (proxy), TAG_END ());
    }
  contact_uri = sip_simple_engine_contact_string (self->engine, self->contact_user,
                                                  first_hop_transport (self));
  contact = contact_uri ? g_strdup_printf ("<%s>", contact_uri) : NULL;
  if (extra_headers != NULL && sip_simple_headers_get_length (extra_headers) > 0)
    extra = sip_simple_headers_to_string (extra_headers);

  set_state (self, SIP_SIMPLE_INVITATION_STATE_CALLING, 0, NULL);
  nua_invite (self->nh,
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
  if (self->nh == NULL || (!initial && !self->reinvite_incoming) || code < 100 || code > 699)
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
      contact_uri = sip_simple_engine_contact_string (self->engine, self->contact_user,
                                                      self->transport_in);
      contact = contact_uri ? g_strdup_printf ("<%s>", contact_uri) : NULL;
    }
  nua_respond (self->nh, (int) code, sip_simple_status_phrase (code),
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
  self->auth_rounds = 0;
  nua_invite (self->nh, SIPTAG_CONTENT_TYPE_STR ("application/sdp"), SIPTAG_PAYLOAD_STR (sdp),
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
  nua_refer (self->nh, SIPTAG_REFER_TO_STR (refer_to), TAG_END ());
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
 */
gboolean
sip_simple_invitation_respond_refer (SipSimpleInvitation *self,
                                     guint                code,
                                     const char          *reason,
                                     GError             **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_INVITATION (self), FALSE);
  if (!self->refer_incoming || !self->refer_saved_valid || self->nh == NULL)
    {
      g_set_error_literal (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_INVALID_ARGUMENT,
                           "No REFER to answer");
      return FALSE;
    }
  self->refer_incoming = code < 300;
  nua_respond (self->nh, (int) code, sip_simple_status_phrase (code),
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
  if (!self->refer_incoming || self->nh == NULL)
    {
      g_set_error_literal (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_INVALID_ARGUMENT,
                           "No accepted REFER to report on");
      return FALSE;
    }
  frag = g_strdup_printf ("SIP/2.0 %u %s", code, reason && *reason ? reason : sip_simple_status_phrase (code));
  nua_notify (self->nh,
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
 */
gboolean
sip_simple_invitation_cancel_reinvite (SipSimpleInvitation *self, GError **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_INVITATION (self), FALSE);
  if (!self->reinvite_pending || self->nh == NULL)
    {
      g_set_error_literal (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_INVALID_ARGUMENT,
                           "No re-INVITE of ours is pending");
      return FALSE;
    }
  nua_cancel (self->nh, TAG_END ());
  return TRUE;
}

/**
 * sip_simple_invitation_end:
 * @self: an invitation
 *
 * Ends the call whatever its state: CANCEL before an answer, BYE after,
 * 603 Decline for an unanswered incoming call.
 */
void
sip_simple_invitation_end (SipSimpleInvitation *self)
{
  g_return_if_fail (SIP_SIMPLE_IS_INVITATION (self));

  if (self->nh == NULL)
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
          nua_respond (self->nh, 603, "Decline", TAG_END ());
          break;
        }
      G_GNUC_FALLTHROUGH;
    case SIP_SIMPLE_INVITATION_STATE_CALLING:
      set_state (self, SIP_SIMPLE_INVITATION_STATE_DISCONNECTING, 0, NULL);
      nua_cancel (self->nh, TAG_END ());
      break;
    case SIP_SIMPLE_INVITATION_STATE_CONNECTING:
    case SIP_SIMPLE_INVITATION_STATE_CONNECTED:
      set_state (self, SIP_SIMPLE_INVITATION_STATE_DISCONNECTING, 0, NULL);
      nua_bye (self->nh, TAG_END ());
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
 * Returns: the dialog state
 */
SipSimpleInvitationState
sip_simple_invitation_get_state (SipSimpleInvitation *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_INVITATION (self), SIP_SIMPLE_INVITATION_STATE_NULL);
  return self->state;
}

/**
 * sip_simple_invitation_is_incoming:
 * @self: an invitation
 *
 * Returns: whether the peer sent the INVITE
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
 * Returns: (transfer none) (nullable): our side (From of an outgoing call,
 *   To of an incoming one)
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
 * Returns: (transfer none) (nullable): the peer
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
 * Returns: (transfer none) (nullable): the peer's User-Agent or Server
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
 * Returns: (transfer none) (nullable): the INVITE's headers that the
 *   library does not interpret (Subject, X-...), for incoming calls
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
 * Returns: (transfer none) (nullable): the dialog's Call-ID, once known
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
 */
char *
sip_simple_invitation_make_replaces (SipSimpleInvitation *self)
{
  su_home_t home[1] = { SU_HOME_INIT (home) };
  sip_replaces_t *rp;
  g_autofree char *text = NULL;

  g_return_val_if_fail (SIP_SIMPLE_IS_INVITATION (self), NULL);
  if (self->nh == NULL)
    return NULL;
  rp = nua_handle_make_replaces (self->nh, home, 0);
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
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_invitation_dispose (GObject *object)
{
  SipSimpleInvitation *self = SIP_SIMPLE_INVITATION (object);

  if (self->nh != NULL)
    {
      /* dropped while alive: end the call so the peer is not left hanging */
      if (self->state != SIP_SIMPLE_INVITATION_STATE_DISCONNECTED
          && self->state != SIP_SIMPLE_INVITATION_STATE_NULL)
        {
          if (self->state == SIP_SIMPLE_INVITATION_STATE_CONNECTED)
            nua_bye (self->nh, TAG_END ());
        }
      release_handle (self);
    }
  g_clear_object (&self->engine);
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
  g_clear_pointer (&self->proxy, sip_simple_uri_unref);
  g_clear_pointer (&self->request_headers, sip_simple_headers_unref);
  g_free (self->username);
  g_free (self->password);
  g_free (self->contact_user);
  g_free (self->remote_user_agent);
  g_free (self->call_id);
  G_OBJECT_CLASS (sip_simple_invitation_parent_class)->finalize (object);
}

static void
sip_simple_invitation_class_init (SipSimpleInvitationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sip_simple_invitation_get_property;
  object_class->dispose = sip_simple_invitation_dispose;
  object_class->finalize = sip_simple_invitation_finalize;

  /**
   * SipSimpleInvitation:state:
   *
   * The dialog state.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, "The dialog state", SIP_SIMPLE_TYPE_INVITATION_STATE,
                       SIP_SIMPLE_INVITATION_STATE_NULL,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SipSimpleInvitation::state-changed:
   * @self: the invitation
   * @state: the new state
   * @code: the SIP status that caused it, or 0
   * @reason: its reason phrase, or ""
   *
   * The dialog changed state.
   */
  signals[SIGNAL_STATE_CHANGED] =
    g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 3, SIP_SIMPLE_TYPE_INVITATION_STATE, G_TYPE_UINT,
                  G_TYPE_STRING);
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
