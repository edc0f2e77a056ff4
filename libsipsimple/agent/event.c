/* libsipsimple - SipSimpleEvent
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/agent/event.h>
#include <sipsimple/agent/agent-error.h>
#include <sipsimple/agent/agent.h>
#include <sipsimple/agent/binding.h>
#include <sipsimple/engine/engine.h>
#include <sipsimple/sip/error.h>
#include <sipsimple/sip/headers.h>
#include <sipsimple/sip/name-addr.h>
#include <sipsimple/sip/uri.h>
#include <sipsimple/sip/via.h>
#include "agent-private.h"
#include "sip/via-internal.h"
#include "event-private.h"

#include <string.h>
#include <sofia-sip/msg_addr.h>
#include <sofia-sip/msg_header.h>
#include <sofia-sip/msg_mclass.h>
#include <sofia-sip/sip_status.h>
#include <sofia-sip/su_string.h>

/**
 * SipSimpleEvent:
 *
 * One incoming SIP request, handed to the application by the
 * [signal@SipSimple.Agent::incoming] signal, with everything a routing
 * script looks at (method, Request-URI, headers, body, where it came
 * from) and the actions it can take: [method@SipSimple.Event.accept],
 * [method@SipSimple.Event.reject], [method@SipSimple.Event.redirect],
 * [method@SipSimple.Event.challenge] (with
 * [method@SipSimple.Event.authenticate] to check the answer) and
 * [method@SipSimple.Event.proxy_async].
 *
 * ## When an event counts as handled
 *
 * A handler *acts* on an event when it calls one of the actions, or
 * [method@SipSimple.Event.pause] to say that it will act later (after a
 * database lookup, say: it then keeps a reference to the event).
 * [method@SipSimple.Registrar.handle_async] and
 * [method@SipSimple.Event.proxy_async] count as actions too. When the
 * `incoming` signal returns and no handler acted, the agent answers
 * `501 Not Implemented` (an ACK is dropped, a CANCEL that matches no
 * transaction gets `481`).
 *
 * The same rule applies after a proxy: when the callback of
 * [method@SipSimple.Event.proxy_async] returns (or when there is no
 * callback) and the event is still unanswered, the best response the
 * targets gave is passed on to the caller. A callback that wants a
 * fallback acts instead: `redirect()` to voicemail, `reject()`, or
 * `proxy_async()` again with other targets.
 *
 * An event that is dropped while still unanswered (a paused event whose
 * last reference goes away) is answered `500`.
 *
 * ## Changing the request before proxying
 *
 * [method@SipSimple.Event.set_uri], [method@SipSimple.Event.add_header],
 * [method@SipSimple.Event.set_header] and
 * [method@SipSimple.Event.remove_header] change the request that
 * [method@SipSimple.Event.proxy_async] forwards; the transaction headers
 * (Via, From, To, Call-ID, CSeq, Content-Length) cannot be changed.
 * [method@SipSimple.Event.set_target] and
 * [method@SipSimple.Event.add_target] choose where the proxy sends it:
 * each target becomes the Request-URI of one branch; without targets the
 * request goes to its Request-URI. Route headers naming this agent have
 * already been removed when the handler sees the request (RFC 3261
 * section 16.4).
 *
 * Strings returned by the getters belong to the event and stay valid as
 * long as the event does.
 *
 * Since: 0.1
 */

G_DEFINE_FINAL_TYPE (SipSimpleEvent, sip_simple_event, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (SipSimpleProxyResult, sip_simple_proxy_result,
                    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_PROXY_RESULT_ANSWERED, "answered"),
                    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_PROXY_RESULT_BUSY, "busy"),
                    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_PROXY_RESULT_NOANSWER, "noanswer"),
                    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_PROXY_RESULT_FAILURE, "failure"),
                    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_PROXY_RESULT_CANCELLED, "cancelled"))

G_DEFINE_FLAGS_TYPE (SipSimpleProxyFlags, sip_simple_proxy_flags,
                     G_DEFINE_ENUM_VALUE (SIP_SIMPLE_PROXY_FLAGS_NONE, "none"),
                     G_DEFINE_ENUM_VALUE (SIP_SIMPLE_PROXY_FLAGS_RECORD_ROUTE, "record-route"),
                     G_DEFINE_ENUM_VALUE (SIP_SIMPLE_PROXY_FLAGS_SEQUENTIAL, "sequential"))

G_DEFINE_ENUM_TYPE (SipSimpleAuthResult, sip_simple_auth_result,
                    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_AUTH_RESULT_OK, "ok"),
                    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_AUTH_RESULT_MISSING, "missing"),
                    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_AUTH_RESULT_STALE, "stale"),
                    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_AUTH_RESULT_FAILED, "failed"),
                    G_DEFINE_ENUM_VALUE (SIP_SIMPLE_AUTH_RESULT_INVALID, "invalid"))

void
sip_simple_target_free (SipSimpleTarget *target)
{
  sip_simple_uri_unref (target->uri);
  g_free (target->uri_text);
  g_free (target->next_hop);
  g_strfreev (target->path);
  g_free (target);
}

/* ---- life cycle ---------------------------------------------------------- */

static int irq_callback (nta_incoming_magic_t *magic, nta_incoming_t *irq, const sip_t *sip);

SipSimpleEvent *
sip_simple_event_new (SipSimpleAgent *agent, nta_incoming_t *irq, const sip_t *sip)
{
  SipSimpleEvent *self = g_object_new (SIP_SIMPLE_TYPE_EVENT, NULL);
  su_addrinfo_t  *ai;
  const char     *proto;

  self->agent = g_object_ref (agent);
  self->nta = sip_simple_agent_get_nta (agent);
  self->irq = irq;
  self->msg = nta_incoming_getrequest (irq);
  self->sip = sip_object (self->msg);
  self->method = sip->sip_request->rq_method;
  self->size = msg_size (self->msg);
  {
    tport_t *tp = nta_incoming_transport (self->nta, irq, self->msg);
    if (tp == NULL)
      tp = nta_incoming_transport (self->nta, NULL, self->msg);
    /* the listening transport, which lives as long as NTA (a connection
     * may go away before the event does) */
    self->tport = tp ? tport_parent (tp) : NULL;
    proto = tp ? tport_name (tp)->tpn_proto : NULL;
    if (tp != NULL)
      tport_unref (tp);
  }

  if (proto != NULL && su_casematch (proto, "tls"))
    self->transport = SIP_SIMPLE_TRANSPORT_TLS;
  else if (proto != NULL && su_casematch (proto, "tcp"))
    self->transport = SIP_SIMPLE_TRANSPORT_TCP;
  else
    self->transport = SIP_SIMPLE_TRANSPORT_UDP;

  ai = msg_addrinfo (self->msg);
  if (ai != NULL && ai->ai_addr != NULL)
    {
      su_sockaddr_t *su = (su_sockaddr_t *)ai->ai_addr;
      su_inet_ntop (su->su_family, SU_ADDR (su), self->source_address, sizeof self->source_address);
      self->source_port = ntohs (su->su_port);
    }

  if (self->method == sip_method_invite)
    nta_incoming_bind (irq, irq_callback, (nta_incoming_magic_t *)self);
  return self;
}

/* The event is over for NTA: destroy the server transaction (it lives on
 * inside NTA for retransmissions) and tell the agent. */
void
sip_simple_event_finish (SipSimpleEvent *self)
{
  if (self->done)
    return;
  self->done = TRUE;
  if (self->irq != NULL)
    {
      nta_incoming_destroy (self->irq);
      self->irq = NULL;
    }
  g_object_ref (self);
  sip_simple_agent_event_done (self->agent, self);
  g_object_unref (self);
}

static void
sip_simple_event_dispose (GObject *object)
{
  SipSimpleEvent *self = SIP_SIMPLE_EVENT (object);

  if (!self->done && self->irq != NULL)
    {
      if (self->method == sip_method_ack)
        {
          self->done = TRUE;
          nta_incoming_destroy (self->irq);
          self->irq = NULL;
        }
      else
        {
          /* paused and forgotten: answer for the handler */
          g_debug ("%s %s dropped unanswered: 500", self->sip->sip_request->rq_method_name,
                   self->sip->sip_call_id ? self->sip->sip_call_id->i_id : "");
          self->done = TRUE;
          nta_incoming_treply (self->irq, 500, "Request Not Handled", TAG_END ());
          nta_incoming_destroy (self->irq);
          self->irq = NULL;
        }
    }
  G_OBJECT_CLASS (sip_simple_event_parent_class)->dispose (object);
}

static void
sip_simple_event_finalize (GObject *object)
{
  SipSimpleEvent *self = SIP_SIMPLE_EVENT (object);

  sip_simple_agent_forget_event (self->agent, self);
  if (self->best_response != NULL)
    msg_destroy (self->best_response);
  if (self->msg != NULL)
    msg_destroy (self->msg);
  g_clear_pointer (&self->uri, sip_simple_uri_unref);
  g_clear_pointer (&self->from, sip_simple_name_addr_unref);
  g_clear_pointer (&self->to, sip_simple_name_addr_unref);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_free (self->content_type);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  g_free (self->reason);
  g_free (self->auth_user);
  g_free (self->proxy_reason);
  g_object_unref (self->agent);
  G_OBJECT_CLASS (sip_simple_event_parent_class)->finalize (object);
}

static void
sip_simple_event_class_init (SipSimpleEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sip_simple_event_dispose;
  object_class->finalize = sip_simple_event_finalize;
}

static void
sip_simple_event_init (SipSimpleEvent *self)
{
  self->last_auth = SIP_SIMPLE_AUTH_RESULT_MISSING;
}

/* The agent is closing: NTA goes away. */
void
sip_simple_event_detach (SipSimpleEvent *self)
{
  g_object_ref (self);
  if (self->proxy != NULL)
    sip_simple_proxy_detach (self->proxy);
  if (!self->done && self->irq != NULL && self->method != sip_method_ack)
    {
      nta_incoming_treply (self->irq, 503, "Shutting Down", TAG_END ());
      self->status = 503;
      g_free (self->reason);
      self->reason = g_strdup ("Shutting Down");
    }
  self->done = TRUE;
  if (self->irq != NULL)
    {
      nta_incoming_destroy (self->irq);
      self->irq = NULL;
    }
  self->tport = NULL;
  self->nta = NULL;
  g_object_unref (self);
}

/* ---- CANCEL from the caller ------------------------------------------------ */

static int
irq_callback (nta_incoming_magic_t *magic, nta_incoming_t *irq, const sip_t *sip)
{
  SipSimpleEvent *self = (SipSimpleEvent *)magic;

  if (sip == NULL || sip->sip_request == NULL || sip->sip_request->rq_method != sip_method_cancel)
    return 0; /* ACK of a non-2xx final, or timer H */

  g_object_ref (self);
  self->cancelled = TRUE;
  if (self->proxy != NULL)
    sip_simple_proxy_cancel (self->proxy);
  else if (self->status == 0)
    sip_simple_event_send_response (self, NULL, 487, NULL);
  g_object_unref (self);
  return 0;
}

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
  if (sip_object (response)->sip_status->st_status > 100)
    nta_incoming_tag (self->irq, NULL);
  return nta_incoming_complete_response (self->irq, response, 0, NULL, TAG_END ()) >= 0;
}

gboolean
sip_simple_event_send_response (SipSimpleEvent *self, msg_t *response, guint code,
                                const char *reason)
{
  sip_t *sip;
  guint  status;

  if (self->irq == NULL || self->done)
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
  if (status >= 200)
    {
      self->status = status;
      g_free (self->reason);
      self->reason = g_strdup (sip->sip_status->st_phrase);
      if (sip->sip_to != NULL && sip->sip_to->a_tag != NULL
          && nta_incoming_gettag (self->irq) == NULL)
        nta_incoming_tag (self->irq, sip->sip_to->a_tag);
    }
  if (nta_incoming_mreply (self->irq, response) < 0)
    g_debug ("could not send %u for %s", status, self->sip->sip_request->rq_method_name);
  if (status >= 200)
    sip_simple_event_finish (self);
  return TRUE;
}

static gboolean
valid_header_name (const char *name)
{
  if (name == NULL || *name == '\0')
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && !strchr ("-.!%*_+`'~", *p))
      return FALSE;
  return TRUE;
}

static gboolean
valid_header_value (const char *value)
{
  return value != NULL && strpbrk (value, "\r\n") == NULL;
}

static gboolean
add_header_text (msg_t *msg, const char *name, const char *value, GError **error)
{
  g_autofree char *line = NULL;

  if (!valid_header_name (name) || !valid_header_value (value))
    {
      g_set_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_INVALID_ARGUMENT,
                   "Not a valid header: \"%s: %s\"", name ? name : "", value ? value : "");
      return FALSE;
    }
  line = g_strdup_printf ("%s: %s\r\n", name, value);
  if (msg_header_add_str (msg, NULL, line) < 0)
    {
      g_set_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_INVALID_ARGUMENT,
                   "Could not add the header \"%s: %s\"", name, value);
      return FALSE;
    }
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
  if (reason != NULL && !valid_header_value (reason))
    {
      g_set_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_INVALID_ARGUMENT,
                   "A reason phrase cannot hold line breaks");
      return FALSE;
    }

  response = new_response (self, code, reason);
  sip = sip_object (response);
  for (guint i = 0; headers != NULL && i < sip_simple_headers_get_length (headers); i++)
    if (!add_header_text (response, sip_simple_headers_get_nth_name (headers, i),
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

/* ---- defaults ------------------------------------------------------------ */

static void
default_answer (SipSimpleEvent *self)
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
  default_answer (self);
}

/* ---- the request ------------------------------------------------------- */

static const char *
keep (SipSimpleEvent *self, const char *s)
{
  if (s == NULL)
    return NULL;
  if (self->strings == NULL)
    self->strings = g_string_chunk_new (256);
  return g_string_chunk_insert (self->strings, s);
}

/* The text of one header field value, g_malloc'd */
static char *
field_text (const msg_header_t *h)
{
  char     buf[512];
  issize_t n;
  char    *big;

  if (h->sh_class->hc_hash == msg_unknown_hash)
    return g_strdup (h->sh_unknown->un_value ? h->sh_unknown->un_value : "");
  n = msg_header_field_e (buf, sizeof buf, h, 0);
  if (n < 0)
    return g_strdup ("");
  if ((gsize)n < sizeof buf)
    return g_strndup (buf, n);
  big = g_malloc (n + 1);
  msg_header_field_e (big, n + 1, h, 0);
  big[n] = '\0';
  return big;
}

/**
 * sip_simple_event_get_agent:
 * @self: an event
 *
 * Returns: (transfer none): the agent that received the request
 *
 * Since: 0.1
 */
SipSimpleAgent *
sip_simple_event_get_agent (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  return self->agent;
}

/**
 * sip_simple_event_get_method:
 * @self: an event
 *
 * Returns: (transfer none): the request method, such as `INVITE`
 *
 * Since: 0.1
 */
const char *
sip_simple_event_get_method (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  return self->sip->sip_request->rq_method_name;
}

/**
 * sip_simple_event_get_uri:
 * @self: an event
 *
 * Returns: (transfer none) (nullable): the Request-URI (as changed by
 *   [method@SipSimple.Event.set_uri]), or %NULL if it is not a SIP, SIPS
 *   or tel URI
 *
 * Since: 0.1
 */
SipSimpleUri *
sip_simple_event_get_uri (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  if (self->uri == NULL)
    {
      su_home_t home[1] = { SU_HOME_INIT (home) };
      char     *text = url_as_string (home, self->sip->sip_request->rq_url);
      if (text != NULL)
        self->uri = sip_simple_uri_parse (text, NULL);
      su_home_deinit (home);
    }
  return self->uri;
}

/**
 * sip_simple_event_set_uri:
 * @self: an event
 * @uri: the new Request-URI
 *
 * Changes the Request-URI of the request that
 * [method@SipSimple.Event.proxy_async] forwards (when no target is set).
 *
 * Since: 0.1
 */
void
sip_simple_event_set_uri (SipSimpleEvent *self, SipSimpleUri *uri)
{
  g_autofree char *text = NULL;
  sip_request_t   *rq;

  g_return_if_fail (SIP_SIMPLE_IS_EVENT (self));
  g_return_if_fail (uri != NULL);

  text = sip_simple_uri_to_string (uri);
  rq = sip_request_create (msg_home (self->msg), self->sip->sip_request->rq_method,
                           self->sip->sip_request->rq_method_name, (url_string_t const *)text,
                           NULL);
  if (rq == NULL)
    {
      g_warning ("sofia-sip rejected the Request-URI %s", text);
      return;
    }
  msg_header_insert (self->msg, (msg_pub_t *)self->sip, (msg_header_t *)rq);
  g_clear_pointer (&self->uri, sip_simple_uri_unref);
  self->uri = sip_simple_uri_copy (uri);
}

static SipSimpleNameAddr *
name_addr_of (const msg_header_t *h)
{
  g_autofree char *text = NULL;

  if (h == NULL)
    return NULL;
  text = field_text (h);
  return sip_simple_name_addr_parse (text, NULL);
}

/**
 * sip_simple_event_get_from:
 * @self: an event
 *
 * Returns: (transfer none) (nullable): the From header (%NULL only if it
 *   does not parse as a name-addr)
 *
 * Since: 0.1
 */
SipSimpleNameAddr *
sip_simple_event_get_from (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  if (self->from == NULL)
    self->from = name_addr_of ((const msg_header_t *)self->sip->sip_from);
  return self->from;
}

/**
 * sip_simple_event_get_to:
 * @self: an event
 *
 * Returns: (transfer none) (nullable): the To header (%NULL only if it
 *   does not parse as a name-addr)
 *
 * Since: 0.1
 */
SipSimpleNameAddr *
sip_simple_event_get_to (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  if (self->to == NULL)
    self->to = name_addr_of ((const msg_header_t *)self->sip->sip_to);
  return self->to;
}

/**
 * sip_simple_event_get_contacts:
 * @self: an event
 *
 * The Contact header values; the wildcard `*` of a REGISTER that removes
 * every binding is not among them (see
 * [method@SipSimple.Event.get_header]).
 *
 * Returns: (transfer container) (element-type SipSimpleNameAddr): the
 *   contacts, in order
 *
 * Since: 0.1
 */
GPtrArray *
sip_simple_event_get_contacts (SipSimpleEvent *self)
{
  GPtrArray *out;

  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify)sip_simple_name_addr_unref);
  for (sip_contact_t *m = self->sip->sip_contact; m; m = m->m_next)
    {
      SipSimpleNameAddr *na;
      if (m->m_url->url_type == url_any)
        continue;
      na = name_addr_of ((const msg_header_t *)m);
      if (na != NULL)
        g_ptr_array_add (out, na);
    }
  return out;
}

/**
 * sip_simple_event_get_vias:
 * @self: an event
 *
 * Returns: (transfer container) (element-type SipSimpleVia): the Via
 *   values, topmost (the previous hop) first; the topmost has `received`
 *   and `rport` filled in with the real source address
 *
 * Since: 0.1
 */
GPtrArray *
sip_simple_event_get_vias (SipSimpleEvent *self)
{
  GPtrArray *out;

  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify)sip_simple_via_unref);
  for (sip_via_t *v = self->sip->sip_via; v; v = v->v_next)
    g_ptr_array_add (out, sip_simple_via_new_from_sofia (v));
  return out;
}

/**
 * sip_simple_event_get_max_forwards:
 * @self: an event
 *
 * Returns: the Max-Forwards value, or -1 when the header is absent
 *
 * Since: 0.1
 */
gint
sip_simple_event_get_max_forwards (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), -1);
  if (self->sip->sip_max_forwards == NULL)
    return -1;
  return (gint)MIN (self->sip->sip_max_forwards->mf_count, G_MAXINT);
}

/**
 * sip_simple_event_get_expires:
 * @self: an event
 *
 * Returns: the Expires header value in seconds, or -1 when absent
 *
 * Since: 0.1
 */
gint
sip_simple_event_get_expires (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), -1);
  if (self->sip->sip_expires == NULL)
    return -1;
  return (gint)MIN (self->sip->sip_expires->ex_delta, G_MAXINT);
}

/**
 * sip_simple_event_get_call_id:
 * @self: an event
 *
 * Returns: (transfer none): the Call-ID
 *
 * Since: 0.1
 */
const char *
sip_simple_event_get_call_id (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  return self->sip->sip_call_id ? self->sip->sip_call_id->i_id : "";
}

/**
 * sip_simple_event_get_cseq:
 * @self: an event
 *
 * Returns: the CSeq number
 *
 * Since: 0.1
 */
guint32
sip_simple_event_get_cseq (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), 0);
  return self->sip->sip_cseq ? self->sip->sip_cseq->cs_seq : 0;
}

/**
 * sip_simple_event_is_in_dialog:
 * @self: an event
 *
 * Returns: %TRUE if the request belongs to a dialog (its To header has a
 *   tag): a BYE, a re-INVITE, the ACK of a 2xx, ...
 *
 * Since: 0.1
 */
gboolean
sip_simple_event_is_in_dialog (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), FALSE);
  return self->sip->sip_to != NULL && self->sip->sip_to->a_tag != NULL;
}

static msg_href_t const *
find_class (SipSimpleEvent *self, const char *name)
{
  return msg_find_hclass (msg_mclass (self->msg), name, NULL);
}

static gboolean
is_unknown (msg_href_t const *hr)
{
  return hr->hr_class->hc_hash == msg_unknown_hash;
}

static msg_header_t **
header_slot (SipSimpleEvent *self, msg_href_t const *hr)
{
  return (msg_header_t **)((char *)self->sip + hr->hr_offset);
}

static gboolean
unknown_matches (const msg_header_t *h, const char *name)
{
  return h->sh_unknown->un_name != NULL && su_casematch (h->sh_unknown->un_name, name);
}

/**
 * sip_simple_event_get_header:
 * @self: an event
 * @name: a header name, any case, full or compact (`Contact` or `m`)
 *
 * Returns the first value of a header. Headers whose values are lists
 * (Via, Contact, Route, Supported, ...) give their first element.
 *
 * Returns: (transfer none) (nullable): the value, or %NULL if absent
 *
 * Since: 0.1
 */
const char *
sip_simple_event_get_header (SipSimpleEvent *self, const char *name)
{
  msg_href_t const *hr;
  msg_header_t     *h;

  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  hr = find_class (self, name);
  if (hr == NULL)
    return NULL;
  for (h = *header_slot (self, hr); h; h = h->sh_next)
    if (!is_unknown (hr) || unknown_matches (h, name))
      {
        g_autofree char *text = field_text (h);
        return keep (self, text);
      }
  return NULL;
}

/**
 * sip_simple_event_get_header_all:
 * @self: an event
 * @name: a header name, any case, full or compact
 *
 * Returns: (transfer full): every value of the header, in order (list
 *   headers split into their elements); empty when absent
 *
 * Since: 0.1
 */
GStrv
sip_simple_event_get_header_all (SipSimpleEvent *self, const char *name)
{
  GPtrArray        *out;
  msg_href_t const *hr;

  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  out = g_ptr_array_new ();
  hr = find_class (self, name);
  if (hr != NULL)
    for (msg_header_t *h = *header_slot (self, hr); h; h = h->sh_next)
      if (!is_unknown (hr) || unknown_matches (h, name))
        g_ptr_array_add (out, field_text (h));
  g_ptr_array_add (out, NULL);
  return (GStrv)g_ptr_array_free (out, FALSE);
}

/**
 * sip_simple_event_get_headers:
 * @self: an event
 *
 * Returns: (transfer full): a copy of all header fields of the request,
 *   in order
 *
 * Since: 0.1
 */
SipSimpleHeaders *
sip_simple_event_get_headers (SipSimpleEvent *self)
{
  SipSimpleHeaders *headers;

  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  headers = sip_simple_headers_new ();
  for (msg_header_t *h = *msg_chain_head (self->msg); h; h = h->sh_succ)
    {
      const char      *name;
      g_autofree char *value = NULL;

      if (h->sh_class == sip_request_class || h->sh_class == sip_separator_class
          || h->sh_class == sip_payload_class || h->sh_class == sip_error_class)
        continue;
      name = h->sh_class->hc_hash == msg_unknown_hash ? h->sh_unknown->un_name
                                                      : h->sh_class->hc_name;
      if (name == NULL)
        continue;
      value = field_text (h);
      sip_simple_headers_append (headers, name, value, NULL);
    }
  return headers;
}

static gboolean
is_protected (SipSimpleEvent *self, msg_href_t const *hr, GError **error)
{
  msg_hclass_t const *hc = hr->hr_class;

  if (hc == sip_via_class || hc == sip_from_class || hc == sip_to_class || hc == sip_call_id_class
      || hc == sip_cseq_class || hc == sip_content_length_class || hc == sip_request_class)
    {
      g_set_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_NOT_ALLOWED,
                   "The %s header identifies the transaction and cannot be changed", hc->hc_name);
      return TRUE;
    }
  return FALSE;
}

/**
 * sip_simple_event_add_header:
 * @self: an event
 * @name: a header name
 * @value: its value
 * @error: return location for a #GError
 *
 * Appends a header field to the request (for
 * [method@SipSimple.Event.proxy_async] to forward). The transaction
 * headers (Via, From, To, Call-ID, CSeq, Content-Length) cannot be
 * changed.
 *
 * Returns: %TRUE if the header was added
 *
 * Since: 0.1
 */
gboolean
sip_simple_event_add_header (SipSimpleEvent *self, const char *name, const char *value,
                             GError **error)
{
  msg_href_t const *hr;

  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), FALSE);
  g_return_val_if_fail (name != NULL && value != NULL, FALSE);

  hr = valid_header_name (name) ? find_class (self, name) : NULL;
  if (hr == NULL)
    {
      g_set_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_INVALID_ARGUMENT,
                   "Not a header name: \"%s\"", name);
      return FALSE;
    }
  if (is_protected (self, hr, error))
    return FALSE;
  if (!is_unknown (hr))
    {
      if (!valid_header_value (value)
          || msg_header_add_make (self->msg, (msg_pub_t *)self->sip, hr->hr_class, value) < 0)
        {
          g_set_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_INVALID_ARGUMENT,
                       "Not a valid %s value: \"%s\"", hr->hr_class->hc_name, value);
          return FALSE;
        }
      return TRUE;
    }
  return add_header_text (self->msg, name, value, error);
}

/**
 * sip_simple_event_remove_header:
 * @self: an event
 * @name: a header name, any case, full or compact
 *
 * Removes every field of a header from the request. The transaction
 * headers cannot be removed.
 *
 * Returns: how many header values were removed
 *
 * Since: 0.1
 */
guint
sip_simple_event_remove_header (SipSimpleEvent *self, const char *name)
{
  msg_href_t const *hr;
  msg_header_t    **slot, *h, *next;
  guint             removed = 0;

  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  hr = find_class (self, name);
  if (hr == NULL || is_protected (self, hr, NULL))
    return 0;
  slot = header_slot (self, hr);
  for (h = *slot; h; h = next)
    {
      next = h->sh_next;
      if (is_unknown (hr) && !unknown_matches (h, name))
        continue;
      if (msg_header_remove (self->msg, (msg_pub_t *)self->sip, h) == 0)
        removed++;
    }
  if (hr->hr_class == sip_payload_class || hr->hr_class == sip_content_type_class)
    {
      g_clear_pointer (&self->body, g_bytes_unref);
      g_clear_pointer (&self->content_type, g_free);
    }
  return removed;
}

/**
 * sip_simple_event_set_header:
 * @self: an event
 * @name: a header name
 * @value: its value
 * @error: return location for a #GError
 *
 * Replaces every field of a header with one holding @value.
 *
 * Returns: %TRUE if the header was set
 *
 * Since: 0.1
 */
gboolean
sip_simple_event_set_header (SipSimpleEvent *self, const char *name, const char *value,
                             GError **error)
{
  msg_href_t const *hr;

  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), FALSE);
  g_return_val_if_fail (name != NULL && value != NULL, FALSE);

  hr = valid_header_name (name) ? find_class (self, name) : NULL;
  if (hr != NULL && is_protected (self, hr, error))
    return FALSE;
  if (!valid_header_value (value))
    {
      g_set_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_INVALID_ARGUMENT,
                   "A header value cannot hold line breaks");
      return FALSE;
    }
  sip_simple_event_remove_header (self, name);
  return sip_simple_event_add_header (self, name, value, error);
}

/**
 * sip_simple_event_get_body:
 * @self: an event
 *
 * Returns: (transfer none): the message body (empty when there is none)
 *
 * Since: 0.1
 */
GBytes *
sip_simple_event_get_body (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  if (self->body == NULL)
    {
      sip_payload_t *pl = self->sip->sip_payload;
      self->body = pl ? g_bytes_new (pl->pl_data, pl->pl_len) : g_bytes_new (NULL, 0);
    }
  return self->body;
}

/**
 * sip_simple_event_get_content_type:
 * @self: an event
 *
 * Returns: (transfer none) (nullable): the Content-Type of the body
 *
 * Since: 0.1
 */
const char *
sip_simple_event_get_content_type (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  if (self->content_type == NULL && self->sip->sip_content_type != NULL)
    self->content_type = field_text ((const msg_header_t *)self->sip->sip_content_type);
  return self->content_type;
}

/**
 * sip_simple_event_get_transport:
 * @self: an event
 *
 * Returns: the transport the request came over
 *
 * Since: 0.1
 */
SipSimpleTransport
sip_simple_event_get_transport (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), SIP_SIMPLE_TRANSPORT_UDP);
  return self->transport;
}

/**
 * sip_simple_event_get_source_address:
 * @self: an event
 *
 * Returns: (transfer none): the IP address the request came from
 *
 * Since: 0.1
 */
const char *
sip_simple_event_get_source_address (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  return self->source_address;
}

/**
 * sip_simple_event_get_source_port:
 * @self: an event
 *
 * Returns: the port the request came from
 *
 * Since: 0.1
 */
guint
sip_simple_event_get_source_port (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), 0);
  return self->source_port;
}

/**
 * sip_simple_event_get_source_uri:
 * @self: an event
 *
 * Where the request came from as a URI that reaches that address again,
 * such as `sip:192.0.2.4:5060;transport=tcp` (over TCP and TLS: the same
 * connection, while it is open). A registrar stores it as the binding's
 * received address.
 *
 * Returns: (transfer full): the source URI
 *
 * Since: 0.1
 */
char *
sip_simple_event_get_source_uri (SipSimpleEvent *self)
{
  gboolean v6;

  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  v6 = strchr (self->source_address, ':') != NULL;
  return g_strdup_printf ("sip:%s%s%s:%u;transport=%s", v6 ? "[" : "", self->source_address,
                          v6 ? "]" : "", self->source_port,
                          sip_simple_transport_to_string (self->transport));
}

/**
 * sip_simple_event_to_string:
 * @self: an event
 *
 * Returns: (transfer full): the whole request as text (as changed by the
 *   handler)
 *
 * Since: 0.1
 */
char *
sip_simple_event_to_string (SipSimpleEvent *self)
{
  su_home_t home[1] = { SU_HOME_INIT (home) };
  size_t    len = 0;
  char     *s, *out;

  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  s = msg_as_string (home, self->msg, (msg_pub_t *)self->sip, 0, &len);
  out = s ? g_strndup (s, len) : g_strdup ("");
  su_home_deinit (home);
  return out;
}

/**
 * sip_simple_event_get_size:
 * @self: an event
 *
 * Returns: the size of the request as received, in bytes (start line,
 *   headers and body)
 *
 * Since: 0.1
 */
gsize
sip_simple_event_get_size (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), 0);
  return self->size;
}

/* ---- targets --------------------------------------------------------------- */

static void
add_target (SipSimpleEvent *self, SipSimpleUri *uri, const char *next_hop, const char *const *path)
{
  SipSimpleTarget *t = g_new0 (SipSimpleTarget, 1);

  t->uri = sip_simple_uri_copy (uri);
  t->uri_text = sip_simple_uri_to_string (uri);
  t->next_hop = g_strdup (next_hop && *next_hop ? next_hop : NULL);
  t->path = path && path[0] ? g_strdupv ((char **)path) : NULL;
  if (self->targets == NULL)
    self->targets = g_ptr_array_new_with_free_func ((GDestroyNotify)sip_simple_target_free);
  g_ptr_array_add (self->targets, t);
}

/**
 * sip_simple_event_set_target:
 * @self: an event
 * @uri: where to forward the request
 *
 * Makes @uri the only target of [method@SipSimple.Event.proxy_async]:
 * the request is forwarded there with @uri as its Request-URI.
 *
 * Since: 0.1
 */
void
sip_simple_event_set_target (SipSimpleEvent *self, SipSimpleUri *uri)
{
  g_return_if_fail (SIP_SIMPLE_IS_EVENT (self));
  g_return_if_fail (uri != NULL);
  sip_simple_event_clear_targets (self);
  add_target (self, uri, NULL, NULL);
}

/**
 * sip_simple_event_add_target:
 * @self: an event
 * @uri: a target: the Request-URI of one branch
 * @next_hop: (nullable): where to send that branch instead of @uri's own
 *   address, as a `sip:` URI (a registered contact's source address)
 *
 * Adds a target for [method@SipSimple.Event.proxy_async]; several
 * targets fork the request (in parallel unless
 * %SIP_SIMPLE_PROXY_FLAGS_SEQUENTIAL, then in the order added).
 *
 * Since: 0.1
 */
void
sip_simple_event_add_target (SipSimpleEvent *self, SipSimpleUri *uri, const char *next_hop)
{
  g_return_if_fail (SIP_SIMPLE_IS_EVENT (self));
  g_return_if_fail (uri != NULL);
  add_target (self, uri, next_hop, NULL);
}

/**
 * sip_simple_event_add_bindings:
 * @self: an event
 * @bindings: (element-type SipSimpleBinding): bindings from a
 *   [iface@SipSimple.Location] lookup
 *
 * Adds a target for each unexpired binding, in order: the contact is the
 * Request-URI, the received address the next hop, and the Path a
 * pre-loaded Route set.
 *
 * Since: 0.1
 */
void
sip_simple_event_add_bindings (SipSimpleEvent *self, GPtrArray *bindings)
{
  g_return_if_fail (SIP_SIMPLE_IS_EVENT (self));
  for (guint i = 0; bindings != NULL && i < bindings->len; i++)
    {
      SipSimpleBinding *b = bindings->pdata[i];
      if (sip_simple_binding_is_expired (b))
        continue;
      add_target (self, sip_simple_binding_get_contact (b), sip_simple_binding_get_received (b),
                  sip_simple_binding_get_path (b));
    }
}

/**
 * sip_simple_event_clear_targets:
 * @self: an event
 *
 * Forgets the targets: [method@SipSimple.Event.proxy_async] then sends
 * the request to its Request-URI.
 *
 * Since: 0.1
 */
void
sip_simple_event_clear_targets (SipSimpleEvent *self)
{
  g_return_if_fail (SIP_SIMPLE_IS_EVENT (self));
  if (self->targets != NULL)
    g_ptr_array_set_size (self->targets, 0);
}

/**
 * sip_simple_event_get_targets:
 * @self: an event
 *
 * Returns: (transfer container) (element-type SipSimpleUri): the targets,
 *   in order
 *
 * Since: 0.1
 */
GPtrArray *
sip_simple_event_get_targets (SipSimpleEvent *self)
{
  GPtrArray *out;

  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify)sip_simple_uri_unref);
  for (guint i = 0; self->targets != NULL && i < self->targets->len; i++)
    g_ptr_array_add (out, sip_simple_uri_ref (((SipSimpleTarget *)self->targets->pdata[i])->uri));
  return out;
}

/* ---- state ----------------------------------------------------------------- */

/**
 * sip_simple_event_get_status:
 * @self: an event
 *
 * Returns: the final status code sent for the request, 0 while it is
 *   unanswered (and for an ACK)
 *
 * Since: 0.1
 */
guint
sip_simple_event_get_status (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), 0);
  return self->status;
}

/**
 * sip_simple_event_get_reason:
 * @self: an event
 *
 * Returns: (transfer none) (nullable): the reason phrase of the final
 *   response sent, if any
 *
 * Since: 0.1
 */
const char *
sip_simple_event_get_reason (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  return self->reason;
}

/**
 * sip_simple_event_is_answered:
 * @self: an event
 *
 * Returns: %TRUE once a final response was sent (or an ACK forwarded):
 *   no more actions are possible
 *
 * Since: 0.1
 */
gboolean
sip_simple_event_is_answered (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), FALSE);
  return self->done;
}

/**
 * sip_simple_event_get_proxy_status:
 * @self: an event
 *
 * Returns: the status of the best final response of the last
 *   [method@SipSimple.Event.proxy_async] (408 when nobody answered in
 *   time), 0 before a proxy finished
 *
 * Since: 0.1
 */
guint
sip_simple_event_get_proxy_status (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), 0);
  return self->proxy_status;
}

/**
 * sip_simple_event_get_proxy_reason:
 * @self: an event
 *
 * Returns: (transfer none) (nullable): the reason phrase that goes with
 *   [method@SipSimple.Event.get_proxy_status]
 *
 * Since: 0.1
 */
const char *
sip_simple_event_get_proxy_reason (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  return self->proxy_reason;
}

/**
 * sip_simple_event_get_auth_user:
 * @self: an event
 *
 * Returns: (transfer none) (nullable): the user name the last successful
 *   [method@SipSimple.Event.authenticate] or
 *   [method@SipSimple.Event.check_password] verified
 *
 * Since: 0.1
 */
const char *
sip_simple_event_get_auth_user (SipSimpleEvent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), NULL);
  return self->auth_user;
}

/* ---- Route processing (RFC 3261 16.4) and in-dialog routing ---------- */

guint
sip_simple_event_strip_own_routes (SipSimpleEvent *self)
{
  sip_t *sip = self->sip;
  guint  removed = 0;

  /* A strict router before us put our URI in the Request-URI and the
   * real one last in Route: restore it. */
  if (sip->sip_route != NULL
      && sip_simple_agent_is_local_url (self->agent, sip->sip_request->rq_url))
    {
      sip_route_t   *last = sip->sip_route;
      sip_request_t *rq;

      while (last->r_next)
        last = last->r_next;
      if (!url_has_param (last->r_url, "lr")
          && (rq = sip_request_create (msg_home (self->msg), sip->sip_request->rq_method,
                                       sip->sip_request->rq_method_name,
                                       (url_string_t const *)last->r_url, NULL))
                 != NULL)
        {
          msg_header_insert (self->msg, (msg_pub_t *)sip, (msg_header_t *)rq);
          msg_header_remove (self->msg, (msg_pub_t *)sip, (msg_header_t *)last);
          g_clear_pointer (&self->uri, sip_simple_uri_unref);
        }
    }

  while (sip->sip_route != NULL
         && sip_simple_agent_is_local_url (self->agent, sip->sip_route->r_url))
    {
      msg_header_remove (self->msg, (msg_pub_t *)sip, (msg_header_t *)sip->sip_route);
      removed++;
    }
  self->routes_stripped += removed;
  return removed;
}

gboolean
sip_simple_event_is_in_dialog_route (SipSimpleEvent *self)
{
  if (!sip_simple_event_is_in_dialog (self) || self->method == sip_method_cancel)
    return FALSE;
  return self->routes_stripped > 0 || self->sip->sip_route != NULL;
}

/* Relays an in-dialog request along its Route set, as the application
 * would with proxy_async() and no callback. */
void
sip_simple_event_route_in_dialog (SipSimpleEvent *self)
{
  self->acted = TRUE;
  sip_simple_proxy_start (self, 0, SIP_SIMPLE_PROXY_FLAGS_NONE);
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
    return sip_simple_digest_credentials_find (sip->sip_authorization,
                                               sip->sip_proxy_authorization, realm, out);
  return sip_simple_digest_credentials_find (sip->sip_proxy_authorization,
                                             sip->sip_authorization, realm, out);
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
  return keep (self, c.username);
}

/**
 * sip_simple_event_check_password:
 * @self: an event
 * @realm: the realm
 * @password: (nullable): the password of the user named in the
 *   credentials, %NULL for an unknown user
 *
 * Verifies the request's Digest credentials for @realm (MD5, SHA-256 and
 * their -sess variants, qop `auth`, `auth-int` or none) against
 * @password. The nonce must be one this agent made and not older than
 * its nonce lifetime (else %SIP_SIMPLE_AUTH_RESULT_STALE, and the next
 * [method@SipSimple.Event.challenge] says `stale=true`).
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

  g_return_val_if_fail (SIP_SIMPLE_IS_EVENT (self), SIP_SIMPLE_AUTH_RESULT_INVALID);
  g_return_val_if_fail (realm != NULL, SIP_SIMPLE_AUTH_RESULT_INVALID);

  g_clear_pointer (&self->auth_user, g_free);
  if (!find_credentials (self, realm, &c))
    return self->last_auth = SIP_SIMPLE_AUTH_RESULT_MISSING;
  body = self->sip->sip_payload;
  self->last_auth = sip_simple_digest_auth_verify (
      sip_simple_agent_get_digest_auth (self->agent), &c, realm, password,
      self->sip->sip_request->rq_method_name, body ? body->pl_data : NULL, body ? body->pl_len : 0);
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
 * |[<!-- language="Python" -->
 * if event.authenticate("example.com", lambda user, realm: users.get(user)) !=
 * SipSimple.AuthResult.OK: return event.challenge("example.com")
 * ]|
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
  gboolean       reg;

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
    sip_simple_headers_append (headers, reg ? "WWW-Authenticate" : "Proxy-Authenticate",
                               values[i], NULL);
  return sip_simple_event_respond (self, reg ? 401 : 407, NULL, headers, NULL, NULL, error);
}

/* ---- proxy ------------------------------------------------------------------ */

typedef struct
{
  GAsyncReadyCallback callback;
  gpointer            user_data;
} ProxyCall;

/* After a proxy, when nobody acted on its result: pass the best response
 * on to the caller. */
static void
after_proxy (SipSimpleEvent *self)
{
  msg_t *best;

  if (self->acted || self->done || self->nta == NULL || self->proxy != NULL)
    return;
  best = g_steal_pointer (&self->best_response);
  if (best != NULL)
    sip_simple_event_send_response (self, best, 0, NULL);
  else if (self->proxy_status == 503)
    /* RFC 3261 16.7 step 6: a proxy does not pass 503 on */
    sip_simple_event_send_response (self, NULL, 500, NULL);
  else if (self->proxy_status >= 300)
    sip_simple_event_send_response (self, NULL, self->proxy_status, self->proxy_reason);
  else if (self->method == sip_method_ack)
    sip_simple_event_finish (self);
  else
    default_answer (self);
}

/* Runs the application's callback, then the default. */
static void
proxy_task_done (GObject *source, GAsyncResult *result, gpointer data)
{
  SipSimpleEvent *self = SIP_SIMPLE_EVENT (source);
  ProxyCall      *call = data;

  g_object_ref (self);
  self->acted = FALSE;
  if (call->callback != NULL)
    call->callback (source, result, call->user_data);
  g_free (call);
  after_proxy (self);
  g_object_unref (self);
}

void
sip_simple_event_proxy_done (SipSimpleEvent *self, SipSimpleProxyResult result, guint status,
                             const char *reason, msg_t *best, GError *error)
{
  GTask *task = g_steal_pointer (&self->proxy_task);

  self->proxy_status = status;
  g_free (self->proxy_reason);
  self->proxy_reason = g_strdup (reason);
  if (self->best_response != NULL)
    msg_destroy (self->best_response);
  self->best_response = best;

  if (task == NULL)
    {
      /* an internal relay (in-dialog routing) */
      g_clear_error (&error);
      g_object_ref (self);
      self->acted = FALSE;
      after_proxy (self);
      g_object_unref (self);
      return;
    }
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, result);
  g_object_unref (task);
}

/**
 * sip_simple_event_proxy_async:
 * @self: an event
 * @timeout: seconds to wait for an answer (per target when sequential),
 *   0 for no timeout of our own (the transaction timers still apply)
 * @flags: how to forward
 * @cancellable: (nullable): cancels the proxying (pending branches get
 *   CANCEL)
 * @callback: (scope async) (nullable): called when the proxy has a result
 * @user_data: data for @callback
 *
 * Forwards the request statefully (RFC 3261 section 16) to each target
 * (see [method@SipSimple.Event.add_target]), or to the Request-URI when
 * there are none: Max-Forwards is decremented (`483` at zero), a Via is
 * added, and with %SIP_SIMPLE_PROXY_FLAGS_RECORD_ROUTE a Record-Route
 * (two when the request leaves over another transport). Several targets
 * fork the request, in parallel or one after the other.
 *
 * Provisional responses and the first 2xx are passed on to the caller at
 * once; a 2xx to INVITE cancels the other branches, and so does a 6xx.
 * When every branch has failed, or the timeout passed (pending INVITE
 * branches are cancelled), the proxy picks the best final response
 * (RFC 3261 section 16.7: 6xx first, else the lowest class, with
 * 401/407 challenges merged and 503 turned into 500) and calls @callback.
 * A CANCEL from the caller cancels every branch and answers 487.
 *
 * In @callback, [method@SipSimple.Event.proxy_finish] tells what happened.
 * If the event is still unanswered when @callback returns, and @callback
 * did not act on it again, the best response is passed on to the caller.
 * So a callback that does nothing gives plain proxy behaviour, and one
 * that redirects to voicemail on `busy`/`noanswer` gives a fallback.
 *
 * An ACK (for a 2xx) is forwarded statelessly, at once.
 *
 * Since: 0.1
 */
void
sip_simple_event_proxy_async (SipSimpleEvent *self, guint timeout, SipSimpleProxyFlags flags,
                              GCancellable *cancellable, GAsyncReadyCallback callback,
                              gpointer user_data)
{
  ProxyCall *call;
  GError    *error = NULL;
  GTask     *task;

  g_return_if_fail (SIP_SIMPLE_IS_EVENT (self));

  call = g_new0 (ProxyCall, 1);
  call->callback = callback;
  call->user_data = user_data;
  task = g_task_new (self, cancellable, proxy_task_done, call);
  g_task_set_source_tag (task, sip_simple_event_proxy_async);
  self->acted = TRUE;

  if (!sip_simple_event_check_actionable (self, &error))
    {
      /* the event's state stays as it is: nothing to default */
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (self->method == sip_method_cancel)
    {
      g_task_return_new_error (task, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_NOT_ALLOWED,
                               "A CANCEL is not proxied: it cancels the INVITE's branches");
      g_object_unref (task);
      return;
    }
  g_clear_pointer (&self->best_response, msg_destroy);
  self->proxy_task = task;
  sip_simple_proxy_start (self, timeout, flags);
}

/**
 * sip_simple_event_proxy_finish:
 * @self: an event
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Tells what [method@SipSimple.Event.proxy_async] achieved. Errors are
 * for requests that could not be proxied at all (already answered, agent
 * closed, cancelled through the #GCancellable); failures of the targets
 * are results, with the status in
 * [method@SipSimple.Event.get_proxy_status].
 *
 * Returns: the result; %SIP_SIMPLE_PROXY_RESULT_FAILURE with @error set
 *   on error
 *
 * Since: 0.1
 */
SipSimpleProxyResult
sip_simple_event_proxy_finish (SipSimpleEvent *self, GAsyncResult *result, GError **error)
{
  GError *local = NULL;
  gssize  r;

  g_return_val_if_fail (g_task_is_valid (result, self), SIP_SIMPLE_PROXY_RESULT_FAILURE);
  r = g_task_propagate_int (G_TASK (result), &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return SIP_SIMPLE_PROXY_RESULT_FAILURE;
    }
  return (SipSimpleProxyResult)r;
}
