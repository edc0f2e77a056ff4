/* libsipsimple - SipSimpleEvent: forwarding
 *
 * Where a proxied request goes (targets, from URIs or Location
 * bindings), the Route processing every request gets on arrival
 * (RFC 3261 section 16.4), the relay of in-dialog requests along their
 * Route set, and proxy_async()/proxy_finish() with what happens when the
 * proxy is done. The proxy itself (branches, forking, best response) is
 * proxy.c.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/agent/event.h>
#include <sipsimple/agent/agent-error.h>
#include <sipsimple/agent/binding.h>
#include <sipsimple/sip/uri.h>
#include "agent-private.h"
#include "event-private.h"

#include <sofia-sip/msg_header.h>

/* ---- targets --------------------------------------------------------------- */

void
sip_simple_target_free (SipSimpleTarget *target)
{
  sip_simple_uri_unref (target->uri);
  g_free (target->uri_text);
  g_free (target->next_hop);
  g_strfreev (target->path);
  g_free (target);
}

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
 * Gets the targets, in order.
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
      char token[64];
      if (sip->sip_route->r_url->url_params != NULL
          && url_param (sip->sip_route->r_url->url_params, "rrtoken", token, sizeof token) > 0
          && sip_simple_agent_dialog_token_matches (self->agent, sip, token))
        self->own_record_route = TRUE;
      msg_header_remove (self->msg, (msg_pub_t *)sip, (msg_header_t *)sip->sip_route);
      removed++;
    }
  self->routes_stripped += removed;
  return removed;
}

gboolean
sip_simple_event_is_in_dialog_route (SipSimpleEvent *self)
{
  /* a Route naming us is not enough: anybody can write one */
  if (!sip_simple_event_is_in_dialog (self) || self->method == sip_method_cancel)
    return FALSE;
  return self->own_record_route;
}

/* Relays an in-dialog request along its Route set, as the application
 * would with proxy_async() and no callback. */
void
sip_simple_event_route_in_dialog (SipSimpleEvent *self)
{
  self->acted = TRUE;
  sip_simple_proxy_start (self, 0, SIP_SIMPLE_PROXY_FLAGS_NONE);
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
  /* (a 503 of a target is already 500: RFC 3261 16.7 step 6; one of our
   * own says that nobody could be reached) */
  if (best != NULL)
    sip_simple_event_send_response (self, best, 0, NULL);
  else if (self->proxy_status >= 300)
    sip_simple_event_send_response (self, NULL, self->proxy_status, self->proxy_reason);
  else if (self->method == sip_method_ack)
    sip_simple_event_finish (self);
  else
    sip_simple_event_default_answer (self);
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
 * 401/407 challenges merged and a target's 503 turned into 500) and calls
 * @callback. What the proxy makes up itself: `503` when no target could
 * be reached at all (no address, connection refused), `408` when none
 * answered in time, `416` for a target that is not a SIP or SIPS URI (and
 * has no Route to a gateway), `482 Loop Detected` for one that is this
 * agent (it would come back as it is).
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
