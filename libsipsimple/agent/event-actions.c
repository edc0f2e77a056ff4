/* libsipsimple - SipSimpleEvent: the answers a handler gives
 *
 * The actions that end a request with a response of our own: respond,
 * accept, reject, redirect, and Digest challenge with the checks of the
 * credentials that come back (computed by digest-auth.c); pause() to act
 * later; and the default answer when nobody acted.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/agent/event.h>
#include <sipsimple/agent/agent-error.h>
#include <sipsimple/sip/error.h>
#include <sipsimple/sip/headers.h>
#include <sipsimple/sip/uri.h>
#include "agent-private.h"
#include "event-private.h"

#include <sofia-sip/msg_header.h>
#include <sofia-sip/nta_stateless.h>
#include <sofia-sip/nta_tag.h>
#include <sofia-sip/sip_status.h>

/* ---- responses -------------------------------------------------------------- */

gboolean
sip_simple_event_check_actionable (SipSimpleEvent *self, GError **error)
{
  if (self->nta == NULL)
    {
      g_set_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_CLOSED,
                   "The agent is closed");
      return FALSE;
    }
  if (self->status != 0 || self->done)
    {
      g_set_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_ALREADY_ANSWERED,
                   "%s %s was already answered (%u)", self->sip->sip_request->rq_method_name,
                   self->sip->sip_call_id ? self->sip->sip_call_id->i_id : "", self->status);
      return FALSE;
    }
  if (self->proxy != NULL)
    {
      g_set_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_BUSY,
                   "The request is being proxied");
      return FALSE;
    }
  return TRUE;
}

/* A response message with status line and the Server header; the rest
 * is completed from the transaction when sent. */
static msg_t *
new_response (SipSimpleEvent *self, guint code, const char *reason)
{
  msg_t      *msg = nta_msg_create (self->nta, 0);
  sip_t      *sip = sip_object (msg);
  su_home_t  *home = msg_home (msg);
  const char *server = sip_simple_agent_get_server_header (self->agent);

  if (reason == NULL || *reason == '\0')
    reason = sip_simple_status_phrase (code);
  /* sofia keeps the phrase pointer: it must live in the message */
  sip->sip_status = sip_status_create (home, code, su_strdup (home, reason), NULL);
  msg_header_insert (msg, (msg_pub_t *)sip, (msg_header_t *)sip->sip_status);
  if (server != NULL)
    msg_header_add_make (msg, (msg_pub_t *)sip, sip_server_class, server);
  return msg;
}

/* Fills in the response from the transaction: Via, From, To (with our
 * tag), Call-ID, CSeq, Record-Route */
static gboolean
complete_own_response (SipSimpleEvent *self, msg_t *response)
{
  /* answered statelessly: nta_msg_mreply() fills them in */
  if (self->irq == NULL)
    return self->answer_key != NULL;
  if (sip_object (response)->sip_status->st_status > 100)
    nta_incoming_tag (self->irq, NULL);
  return nta_incoming_complete_response (self->irq, response, 0, NULL, TAG_END ()) >= 0;
}

/* How long the bindings of a 2xx to REGISTER last: the longest expires
 * of its Contacts (RFC 3261 10.3 step 8), 0 when there is none */
static guint
registration_lifetime (const sip_t *response)
{
  guint longest = 0;

  for (const sip_contact_t *m = response->sip_contact; m != NULL; m = m->m_next)
    {
      guint expires = m->m_expires ? (guint)strtoul (m->m_expires, NULL, 10)
                      : response->sip_expires ? response->sip_expires->ex_delta
                                              : 0;
      longest = MAX (longest, expires);
    }
  return longest;
}

/* The final answer of a request handled statelessly (sent from the
 * listener it came in on), kept for its retransmissions */
static void
send_stateless (SipSimpleEvent *self, msg_t *response)
{
  sip_t *sip = sip_object (response);

  self->status = sip->sip_status->st_status;
  g_free (self->reason);
  self->reason = g_strdup (sip->sip_status->st_phrase);
  msg_ref_create (response);
  /* takes the response and the request reference */
  if (nta_msg_mreply (self->nta, response, sip, 0, NULL, msg_ref_create (self->msg),
                      TAG_IF (self->tport != NULL, NTATAG_TPORT (self->tport)), TAG_END ())
      < 0)
    g_debug ("could not send %u for %s", self->status, self->sip->sip_request->rq_method_name);
  sip_simple_agent_answered (self->agent, self->answer_key, response);
  g_clear_pointer (&self->answer_key, g_free);
  msg_destroy (response);
  sip_simple_event_finish (self);
}

gboolean
sip_simple_event_send_response (SipSimpleEvent *self, msg_t *response, guint code,
                                const char *reason)
{
  sip_t *sip;
  guint  status;

  if (self->done || (self->irq == NULL && (self->answer_key == NULL || self->nta == NULL)))
    {
      if (response != NULL)
        msg_destroy (response);
      return FALSE;
    }
  if (response == NULL)
    {
      response = new_response (self, code, reason);
      if (!complete_own_response (self, response))
        {
          msg_destroy (response);
          return FALSE;
        }
    }
  sip = sip_object (response);
  status = sip->sip_status->st_status;
  if (self->irq == NULL && status < 200
      && (!sip_simple_event_ensure_transaction (self) || !complete_own_response (self, response)))
    {
      msg_destroy (response);
      return FALSE;
    }
  if (self->irq == NULL)
    {
      send_stateless (self, response);
      return TRUE;
    }
  if (status >= 200)
    {
      self->status = status;
      g_free (self->reason);
      self->reason = g_strdup (sip->sip_status->st_phrase);
      if (sip->sip_to != NULL && sip->sip_to->a_tag != NULL
          && nta_incoming_gettag (self->irq) == NULL)
        nta_incoming_tag (self->irq, sip->sip_to->a_tag);
    }
  if (status >= 200 && status < 300 && self->method == sip_method_register)
    sip_simple_agent_hold_connection (self->agent, self->irq, registration_lifetime (sip));
  if (nta_incoming_mreply (self->irq, response) < 0)
    g_debug ("could not send %u for %s", status, self->sip->sip_request->rq_method_name);
  if (status >= 200)
    sip_simple_event_finish (self);
  return TRUE;
}

/**
 * sip_simple_event_respond:
 * @self: an event
 * @code: a status code, 101 to 699 (provisional responses leave the event
 *   unanswered; a 2xx to INVITE makes the agent the called party)
 * @reason: (nullable): the reason phrase, %NULL for the standard one
 * @headers: (nullable): extra header fields
 * @content_type: (nullable): the body's type
 * @body: (nullable): a body
 * @error: return location for a #GError
 *
 * Answers the request. The general form of the other answering actions.
 *
 * The agent is a proxy's transaction layer: a 2xx to an INVITE is sent
 * once and not retransmitted, and the ACK that answers it arrives as a
 * request of its own. Servers that end calls themselves (a voicemail box,
 * a conference) need a user agent, not this.
 *
 * Returns: %TRUE if the response was sent
 *
 * Since: 0.1
 */
gboolean
sip_simple_event_respond (SipSimpleEvent *self, guint code, const char *reason,
                          SipSimpleHeaders *headers, const char *content_type, GBytes *body,
                          GError **error)
{
  msg_t *response;
  sip_t *sip;

  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), FALSE);

  if (!sip_simple_event_check_actionable (self, error))
    return FALSE;
  if (code < 101 || code > 699)
    {
      g_set_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_INVALID_ARGUMENT,
                   "%u is not a status code for a response (101-699)", code);
      return FALSE;
    }
  if (self->method == sip_method_ack)
    {
      g_set_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_NOT_ALLOWED,
                   "An ACK is never answered");
      return FALSE;
    }
  if (reason != NULL && !sip_simple_event_valid_header_value (reason))
    {
      g_set_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_INVALID_ARGUMENT,
                   "A reason phrase cannot hold line breaks");
      return FALSE;
    }

  response = new_response (self, code, reason);
  sip = sip_object (response);
  for (guint i = 0; headers != NULL && i < sip_simple_headers_get_length (headers); i++)
    if (!sip_simple_msg_add_header_text (response, sip_simple_headers_get_nth_name (headers, i),
                                         sip_simple_headers_get_nth_value (headers, i), error))
      {
        msg_destroy (response);
        return FALSE;
      }
  if (body != NULL && g_bytes_get_size (body) > 0)
    {
      gsize       len;
      const char *data = g_bytes_get_data (body, &len);
      su_home_t  *home = msg_home (response);

      if (content_type != NULL && !sip->sip_content_type
          && msg_header_add_make (response, NULL, sip_content_type_class, content_type) < 0)
        {
          g_set_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_INVALID_ARGUMENT,
                       "Not a valid content type: \"%s\"", content_type);
          msg_destroy (response);
          return FALSE;
        }
      msg_header_insert (response, (msg_pub_t *)sip,
                         (msg_header_t *)sip_payload_create (home, data, (isize_t)len));
    }
  if (!complete_own_response (self, response))
    {
      g_set_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_FAILED,
                   "Could not make the response");
      msg_destroy (response);
      return FALSE;
    }
  if (code >= 200)
    self->acted = TRUE;
  sip_simple_event_send_response (self, response, 0, NULL);
  return TRUE;
}

/**
 * sip_simple_event_accept:
 * @self: an event
 * @headers: (nullable): extra header fields
 * @content_type: (nullable): the body's type
 * @body: (nullable): a body
 * @error: return location for a #GError
 *
 * Answers `200 OK`.
 *
 * Returns: %TRUE if the response was sent
 *
 * Since: 0.1
 */
gboolean
sip_simple_event_accept (SipSimpleEvent *self, SipSimpleHeaders *headers, const char *content_type,
                         GBytes *body, GError **error)
{
  return sip_simple_event_respond (self, 200, NULL, headers, content_type, body, error);
}

/**
 * sip_simple_event_reject:
 * @self: an event
 * @code: a failure status code, 300 to 699
 * @reason: (nullable): the reason phrase, %NULL for the standard one
 * @error: return location for a #GError
 *
 * Answers with a failure, such as `404 Not Found` or
 * `483 Too Many Hops`.
 *
 * Returns: %TRUE if the response was sent
 *
 * Since: 0.1
 */
gboolean
sip_simple_event_reject (SipSimpleEvent *self, guint code, const char *reason, GError **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), FALSE);
  if (code < 300 || code > 699)
    {
      g_set_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_INVALID_ARGUMENT,
                   "%u is not a failure status code (300-699)", code);
      return FALSE;
    }
  return sip_simple_event_respond (self, code, reason, NULL, NULL, NULL, error);
}

/**
 * sip_simple_event_reject_unavailable:
 * @self: an event
 * @reason: (nullable): the reason phrase, %NULL for the standard one
 * @error: return location for a #GError
 *
 * Answers `503 Service Unavailable` with a `Retry-After` of
 * [property@SipSimple.Agent:retry-after] seconds (at least 1): what a
 * handler answers when a service it needs, such as a location database,
 * cannot be reached now.
 *
 * Returns: %TRUE if the response was sent
 *
 * Since: 0.1
 */
gboolean
sip_simple_event_reject_unavailable (SipSimpleEvent *self, const char *reason, GError **error)
{
  g_autoptr (SipSimpleHeaders) headers = sip_simple_headers_new ();
  g_autofree char *seconds = NULL;
  guint            retry_after = 5;

  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), FALSE);
  g_object_get (self->agent, "retry-after", &retry_after, NULL);
  seconds = g_strdup_printf ("%u", MAX (retry_after, 1));
  sip_simple_headers_append (headers, "Retry-After", seconds, NULL);
  return sip_simple_event_respond (self, 503, reason, headers, NULL, NULL, error);
}

/**
 * sip_simple_event_redirect:
 * @self: an event
 * @contacts: (element-type SipSimpleUri): where the caller should try
 *   instead, most preferred first
 * @error: return location for a #GError
 *
 * Answers `302 Moved Temporarily` with a Contact for each of @contacts.
 *
 * Returns: %TRUE if the response was sent
 *
 * Since: 0.1
 */
gboolean
sip_simple_event_redirect (SipSimpleEvent *self, GPtrArray *contacts, GError **error)
{
  g_autoptr (SipSimpleHeaders) headers = sip_simple_headers_new ();

  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), FALSE);
  if (contacts == NULL || contacts->len == 0)
    {
      g_set_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_INVALID_ARGUMENT,
                   "A redirect needs at least one contact");
      return FALSE;
    }
  for (guint i = 0; i < contacts->len; i++)
    {
      g_autofree char *uri = sip_simple_uri_to_string (contacts->pdata[i]);
      g_autofree char *value = g_strdup_printf ("<%s>", uri);
      if (!sip_simple_headers_append (headers, "Contact", value, error))
        return FALSE;
    }
  return sip_simple_event_respond (self, 302, NULL, headers, NULL, NULL, error);
}

/**
 * sip_simple_event_pause:
 * @self: an event
 *
 * Tells the agent that the handler will act on the event later, so the
 * agent must not answer `501` when the signal (or a proxy callback)
 * returns. Keep a reference to the event until you act on it. A request
 * that is still unanswered when its last reference goes away is answered
 * `500`.
 *
 * Since: 0.1
 */
void
sip_simple_event_pause (SipSimpleEvent *self)
{
  g_return_if_fail (SIP_SIMPLE_IS_EVENT (self));
  self->acted = TRUE;
  self->paused = TRUE;
}

/* ---- the default answer ------------------------------------------------ */

/* What the agent answers for a handler that did not act: ACK is dropped,
 * a stray CANCEL gets 481, anything else 501. */

void
sip_simple_event_default_answer (SipSimpleEvent *self)
{
  switch (self->method)
    {
    case sip_method_ack:
      sip_simple_event_finish (self);
      break;
    case sip_method_cancel:
      sip_simple_event_send_response (self, NULL, 481, NULL);
      break;
    default:
      sip_simple_event_send_response (self, NULL, 501, NULL);
      break;
    }
}

void
sip_simple_event_dispatched (SipSimpleEvent *self)
{
  if (self->acted || self->done || self->nta == NULL)
    return;
  sip_simple_event_default_answer (self);
}

/* ---- digest authentication --------------------------------------------- */

/* The Digest credentials for @realm: Authorization for REGISTER, else
 * Proxy-Authorization (a registrar challenges with 401, a proxy with
 * 407); the other header is looked at too. */
static gboolean
find_credentials (SipSimpleEvent *self, const char *realm, SipSimpleDigestCredentials *out)
{
  const sip_t *sip = self->sip;

  if (self->method == sip_method_register)
    return sip_simple_digest_credentials_find (sip->sip_authorization, sip->sip_proxy_authorization,
                                               realm, out);
  return sip_simple_digest_credentials_find (sip->sip_proxy_authorization, sip->sip_authorization,
                                             realm, out);
}

/**
 * sip_simple_event_get_auth_username:
 * @self: an event
 * @realm: a realm
 *
 * The user name in the request's Digest credentials for @realm, for a
 * handler that looks the password up itself (asynchronously, say) and
 * then calls [method@SipSimple.Event.check_password].
 *
 * Returns: (transfer none) (nullable): the user name, or %NULL when the
 *   request has no credentials for @realm
 *
 * Since: 0.1
 */
const char *
sip_simple_event_get_auth_username (SipSimpleEvent *self, const char *realm)
{
  g_auto (SipSimpleDigestCredentials) c = { 0 };

  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  g_return_val_if_fail (realm != NULL, NULL);
  if (!find_credentials (self, realm, &c))
    return NULL;
  return sip_simple_event_keep (self, c.username);
}

/**
 * sip_simple_event_check_password:
 * @self: an event
 * @realm: the realm
 * @password: (nullable): the password of the user named in the
 *   credentials, %NULL for an unknown user
 *
 * Verifies the request's Digest credentials for @realm against
 * @password. They must answer the agent's challenges: an algorithm the
 * agent offers (#SipSimpleAgent:digest-algorithms), qop `auth` (or
 * `auth-int`), a nonce count of 8 hex digits and a digest `uri` that is
 * the Request-URI; otherwise %SIP_SIMPLE_AUTH_RESULT_INVALID. The nonce
 * must be one this agent made, not older than its nonce lifetime, and
 * used with a higher nonce count than ever before (a replayed request is
 * refused); otherwise, with the right password,
 * %SIP_SIMPLE_AUTH_RESULT_STALE, and the next
 * [method@SipSimple.Event.challenge] says `stale=true` so that the client
 * answers a fresh nonce without asking its user.
 *
 * Returns: the verdict
 *
 * Since: 0.1
 */
SipSimpleAuthResult
sip_simple_event_check_password (SipSimpleEvent *self, const char *realm, const char *password)
{
  g_auto (SipSimpleDigestCredentials) c = { 0 };
  const sip_payload_t *body;
  su_home_t            home[1] = { SU_HOME_INIT (home) };
  char                *request_uri;

  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), SIP_SIMPLE_AUTH_RESULT_INVALID);
  g_return_val_if_fail (realm != NULL, SIP_SIMPLE_AUTH_RESULT_INVALID);

  g_clear_pointer (&self->auth_user, g_free);
  if (!find_credentials (self, realm, &c))
    return self->last_auth = SIP_SIMPLE_AUTH_RESULT_MISSING;
  body = self->sip->sip_payload;
  request_uri = url_as_string (home, self->sip->sip_request->rq_url);
  self->last_auth = sip_simple_digest_auth_verify (
      sip_simple_agent_get_digest_auth (self->agent), &c, realm, password,
      self->sip->sip_request->rq_method_name, request_uri, body ? body->pl_data : NULL,
      body ? body->pl_len : 0);
  su_home_deinit (home);
  if (self->last_auth == SIP_SIMPLE_AUTH_RESULT_OK)
    self->auth_user = g_strdup (c.username);
  return self->last_auth;
}

/**
 * sip_simple_event_authenticate:
 * @self: an event
 * @realm: the realm, usually the served domain
 * @lookup: (scope call): finds the password of a user
 * @user_data: data for @lookup
 *
 * Checks the request's Digest credentials for @realm: finds the user name
 * in them, asks @lookup for the password and verifies the digest as
 * [method@SipSimple.Event.check_password] does. A handler answers
 * anything but %SIP_SIMPLE_AUTH_RESULT_OK with
 * [method@SipSimple.Event.challenge] (or a 403 for a wrong password).
 *
 * In Python:
 * ```python
 * if event.authenticate("example.com", lambda user, realm: users.get(user)) != SipSimple.AuthResult.OK:
 *     return event.challenge("example.com")
 * ```
 *
 * Returns: the verdict
 *
 * Since: 0.1
 */
SipSimpleAuthResult
sip_simple_event_authenticate (SipSimpleEvent *self, const char *realm,
                               SipSimplePasswordLookup lookup, gpointer user_data)
{
  const char      *username;
  g_autofree char *password = NULL;

  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), SIP_SIMPLE_AUTH_RESULT_INVALID);
  g_return_val_if_fail (realm != NULL, SIP_SIMPLE_AUTH_RESULT_INVALID);
  g_return_val_if_fail (lookup != NULL, SIP_SIMPLE_AUTH_RESULT_INVALID);

  username = sip_simple_event_get_auth_username (self, realm);
  if (username == NULL)
    {
      g_clear_pointer (&self->auth_user, g_free);
      return self->last_auth = SIP_SIMPLE_AUTH_RESULT_MISSING;
    }
  password = lookup (username, realm, user_data);
  return sip_simple_event_check_password (self, realm, password);
}

/**
 * sip_simple_event_challenge:
 * @self: an event
 * @realm: the realm, usually the served domain
 * @error: return location for a #GError
 *
 * Asks for Digest credentials: a REGISTER gets
 * `401 Unauthorized` with WWW-Authenticate, any other request
 * `407 Proxy Authentication Required` with Proxy-Authenticate. There is
 * one challenge per algorithm of the agent's `digest-algorithms`
 * property (SHA-256 then MD5 by default, RFC 8760), with qop `auth` and
 * a fresh nonce; `stale=true` when the last check found an expired nonce.
 *
 * Returns: %TRUE if the challenge was sent
 *
 * Since: 0.1
 */
gboolean
sip_simple_event_challenge (SipSimpleEvent *self, const char *realm, GError **error)
{
  g_autoptr (SipSimpleHeaders) headers = sip_simple_headers_new ();
  g_auto (GStrv) values = NULL;
  gboolean reg;

  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), FALSE);
  g_return_val_if_fail (realm != NULL, FALSE);

  if (self->method == sip_method_ack || self->method == sip_method_cancel)
    {
      g_set_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_NOT_ALLOWED,
                   "%s cannot be challenged", self->sip->sip_request->rq_method_name);
      return FALSE;
    }
  if (!sip_simple_digest_realm_is_valid (realm))
    {
      g_set_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_INVALID_ARGUMENT,
                   "Not a valid realm: \"%s\"", realm);
      return FALSE;
    }
  reg = self->method == sip_method_register;
  values = sip_simple_digest_auth_challenge (sip_simple_agent_get_digest_auth (self->agent), realm,
                                             self->last_auth == SIP_SIMPLE_AUTH_RESULT_STALE);
  for (guint i = 0; values[i]; i++)
    sip_simple_headers_append (headers, reg ? "WWW-Authenticate" : "Proxy-Authenticate", values[i],
                               NULL);
  return sip_simple_event_respond (self, reg ? 401 : 407, NULL, headers, NULL, NULL, error);
}
