/* libsipsimple - SipSimpleEvent: the type, its life cycle and its state
 *
 * An event is made for each request the agent receives and lives until
 * the request is answered (or forwarded, or dropped) and the application
 * lets go of it. The request as the handler sees it is in
 * event-request.c, the answers a handler gives in event-actions.c, and
 * forwarding in event-proxy.c (with the proxy itself in proxy.c).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/agent/event.h>
#include <sipsimple/agent/agent.h>
#include <sipsimple/engine/engine.h>
#include <sipsimple/sip/name-addr.h>
#include <sipsimple/sip/uri.h>
#include "agent-private.h"
#include "event-private.h"

#include <sofia-sip/msg_addr.h>
#include <sofia-sip/nta_tag.h>
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

/* ---- life cycle ---------------------------------------------------------- */

static int irq_callback (nta_incoming_magic_t *magic, nta_incoming_t *irq, const sip_t *sip);

/* @msg is taken */
static SipSimpleEvent *
event_new (SipSimpleAgent *agent, nta_incoming_t *irq, msg_t *msg, const sip_t *sip)
{
  SipSimpleEvent *self = g_object_new (SIP_SIMPLE_TYPE_EVENT, NULL);
  su_addrinfo_t  *ai;
  const char     *proto;

  self->agent = g_object_ref (agent);
  self->nta = sip_simple_agent_get_nta (agent);
  self->irq = irq;
  self->msg = msg;
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
  return self;
}

SipSimpleEvent *
sip_simple_event_new (SipSimpleAgent *agent, nta_incoming_t *irq, const sip_t *sip)
{
  SipSimpleEvent *self = event_new (agent, irq, nta_incoming_getrequest (irq), sip);

  if (self->method == sip_method_invite)
    nta_incoming_bind (irq, irq_callback, (nta_incoming_magic_t *)self);
  return self;
}

SipSimpleEvent *
sip_simple_event_new_stateless (SipSimpleAgent *agent, msg_t *msg, const sip_t *sip,
                                char *answer_key)
{
  SipSimpleEvent *self = event_new (agent, NULL, msg, sip);

  self->answer_key = answer_key;
  return self;
}

gboolean
sip_simple_event_ensure_transaction (SipSimpleEvent *self)
{
  nta_incoming_t *irq;

  if (self->irq != NULL)
    return TRUE;
  if (self->answer_key == NULL || self->done || self->nta == NULL)
    return FALSE;
  /* the listener it came in on: the delivery is long over */
  irq = nta_incoming_create (self->nta, NULL, msg_ref_create (self->msg), self->sip,
                             TAG_IF (self->tport != NULL, NTATAG_TPORT (self->tport)), TAG_END ());
  sip_simple_agent_forget_answer (self->agent, self->answer_key);
  g_clear_pointer (&self->answer_key, g_free);
  if (irq == NULL)
    return FALSE;
  self->irq = irq;
  sip_simple_agent_count_transaction (self->agent, self->sip);
  return TRUE;
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
  if (self->answer_key != NULL)
    {
      sip_simple_agent_forget_answer (self->agent, self->answer_key);
      g_clear_pointer (&self->answer_key, g_free);
    }
  g_object_ref (self);
  sip_simple_agent_event_done (self->agent, self);
  g_object_unref (self);
}

static void
sip_simple_event_dispose (GObject *object)
{
  SipSimpleEvent *self = SIP_SIMPLE_EVENT (object);

  if (!self->done && self->irq == NULL && self->answer_key != NULL)
    {
      g_debug ("%s %s dropped unanswered: 500", self->sip->sip_request->rq_method_name,
               self->sip->sip_call_id ? self->sip->sip_call_id->i_id : "");
      sip_simple_event_send_response (self, NULL, 500, "Request Not Handled");
    }
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
  g_free (self->answer_key);
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
  else if (!self->done && self->answer_key != NULL)
    sip_simple_event_send_response (self, NULL, 503, "Shutting Down");
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

/* ---- state ----------------------------------------------------------------- */

/**
 * sip_simple_event_get_status:
 * @self: an event
 *
 * Gets the final status code sent for the request, 0 while it is unanswered
 * (and for an ACK).
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
 * Gets the reason phrase of the final response sent, if any.
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
 * Tells whether a final response was sent (or an ACK forwarded): no more
 * actions are possible.
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
 * Gets the status of the best final response of the last
 * [method@SipSimple.Event.proxy_async] (408 when nobody answered in time), 0
 * before a proxy finished.
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
 * Gets the reason phrase that goes with
 * [method@SipSimple.Event.get_proxy_status].
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
 * Gets the user name the last successful [method@SipSimple.Event.authenticate]
 * or [method@SipSimple.Event.check_password] verified.
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

/* ---- strings handed out ------------------------------------------------- */

/* A copy of @s that lives as long as the event (for const getters) */
const char *
sip_simple_event_keep (SipSimpleEvent *self, const char *s)
{
  if (s == NULL)
    return NULL;
  if (self->strings == NULL)
    self->strings = g_string_chunk_new (256);
  return g_string_chunk_insert (self->strings, s);
}
