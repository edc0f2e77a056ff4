/* libsipsimple - the stateful proxy behind SipSimpleEvent.proxy_async()
 * (RFC 3261 section 16)
 *
 * One SipSimpleProxy per proxy_async() call. It owns a branch (an NTA
 * client transaction) per target, passes provisional responses and 2xx on
 * to the caller as they come, and when every branch has failed (or the
 * timeout has passed, or the caller cancelled) hands the result and the
 * best final response back to the event. Branches still pending then are
 * left to finish on their own: a late 2xx is still passed on (statelessly,
 * RFC 3261 section 16.7 step 5), everything else is dropped.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/agent/agent-error.h>
#include <sipsimple/agent/event.h>
#include <sipsimple/engine/engine.h>
#include <sipsimple/sip/uri.h>
#include "agent-private.h"
#include "event-private.h"

#include <string.h>
#include <sofia-sip/msg_header.h>
#include <sofia-sip/su_string.h>
#include <sofia-sip/su_wait.h>

typedef struct _Branch Branch;

struct _Branch
{
  SipSimpleProxy *proxy;
  nta_outgoing_t *orq; /* NULL once final */
  int             status;
  msg_t          *response; /* the final response (a reference), if a real one */
  gboolean        cancelled;
};

struct _SipSimpleProxy
{
  SipSimpleEvent     *event; /* a reference; NULL once the result is out */
  nta_agent_t        *nta;
  msg_t              *base;     /* the request as forwarded, before Request-URI/RR */
  GPtrArray          *targets;  /* SipSimpleTarget *, NULL: the Request-URI */
  guint               next;     /* next target to start */
  GPtrArray          *branches; /* Branch * */
  guint               pending;  /* branches without a final response */
  guint               timeout;
  SipSimpleProxyFlags flags;
  GSource            *timer;
  GCancellable       *cancellable;
  gulong              cancel_id;
  gboolean            invite;
  gboolean            answered;
  gboolean            timed_out;
  gboolean            finished;
  guint               busy; /* re-entrancy guard for freeing */
};

static void proxy_finish_result (SipSimpleProxy *p, SipSimpleProxyResult result, GError *error);
static void maybe_continue (SipSimpleProxy *p);

/* ---- helpers ------------------------------------------------------------ */

static void
branch_free (Branch *b)
{
  if (b->orq != NULL)
    nta_outgoing_destroy (b->orq);
  if (b->response != NULL)
    msg_destroy (b->response);
  g_free (b);
}

static void
proxy_free (SipSimpleProxy *p)
{
  if (p->timer != NULL)
    {
      g_source_destroy (p->timer);
      g_source_unref (p->timer);
    }
  if (p->cancellable != NULL)
    {
      if (p->cancel_id != 0)
        g_cancellable_disconnect (p->cancellable, p->cancel_id);
      g_object_unref (p->cancellable);
    }
  g_ptr_array_unref (p->branches);
  if (p->targets != NULL)
    g_ptr_array_unref (p->targets);
  if (p->base != NULL)
    msg_destroy (p->base);
  g_clear_object (&p->event);
  g_free (p);
}

/* Frees the proxy once nothing refers to it any more */
static void
proxy_release (SipSimpleProxy *p)
{
  if (p->busy == 0 && p->finished && p->pending == 0)
    proxy_free (p);
}

static const char *
url_proto (const url_t *url)
{
  char buf[16];

  if (url->url_params && url_param (url->url_params, "transport", buf, sizeof buf) > 0)
    {
      if (su_casematch (buf, "tcp"))
        return "tcp";
      if (su_casematch (buf, "tls"))
        return "tls";
      return "udp";
    }
  if (url->url_type == url_sips)
    return "tls";
  return "udp";
}

static const char *
proto_of_string (su_home_t *home, const char *text)
{
  url_t *url = url_hdup (home, (url_t const *)URL_STRING_MAKE (text)->us_url);
  return url ? url_proto (url) : "udp";
}

static void
add_record_route (SipSimpleProxy *p, msg_t *msg, const char *out_proto, int out_family)
{
  SipSimpleEvent  *event = p->event;
  sip_t           *sip = sip_object (msg);
  su_home_t       *home = msg_home (msg);
  const char      *in_proto = sip_simple_transport_to_string (event->transport);
  g_autofree char *in_uri
      = sip_simple_agent_record_route_uri (event->agent, event->tport, in_proto, 0);
  g_autofree char *out_uri
      = sip_simple_agent_record_route_uri (event->agent, event->tport, out_proto, out_family);
  /* what tells the in-dialog requests of this dialog from made-up ones */
  g_autofree char *token = sip_simple_agent_dialog_token (
      event->agent, sip->sip_call_id ? sip->sip_call_id->i_id : NULL,
      sip->sip_from ? sip->sip_from->a_tag : NULL);

  /* The entry inserted last is the one the next hop sees first: the one
   * facing downstream. Two entries when the transports or the address
   * families differ (the "double Record-Route" of a proxy that bridges
   * them, RFC 5658). */
  if (in_uri != NULL)
    {
      g_autofree char *v = g_strdup_printf ("<%s;rrtoken=%s>", in_uri, token);
      msg_header_insert (msg, (msg_pub_t *)sip, (msg_header_t *)sip_record_route_make (home, v));
    }
  if (out_uri != NULL && g_strcmp0 (in_uri, out_uri) != 0)
    {
      g_autofree char *v = g_strdup_printf ("<%s;rrtoken=%s>", out_uri, token);
      msg_header_insert (msg, (msg_pub_t *)sip, (msg_header_t *)sip_record_route_make (home, v));
    }
}

/* ---- responses --------------------------------------------------------------- */

/* Passes a response of branch @b on to the caller: through the server
 * transaction while the event is unanswered, else (a late or additional
 * 2xx to INVITE) statelessly along the Via headers. */
static void
forward_response (SipSimpleProxy *p, Branch *b, nta_outgoing_t *orq)
{
  SipSimpleEvent *event = p->event;
  msg_t          *response = nta_outgoing_getresponse (orq);
  msg_t          *copy;

  if (response == NULL)
    return;
  copy = msg_copy (response);
  msg_destroy (response);
  if (copy == NULL)
    return;

  if (event != NULL && !event->done && event->irq != NULL)
    {
      sip_via_remove (copy, sip_object (copy));
      sip_simple_event_send_response (event, copy, 0, NULL);
    }
  else if (p->nta != NULL && p->invite)
    /* nta_msg_tsend() removes our Via itself */
    nta_msg_tsend (p->nta, copy, NULL, TAG_END ());
  else
    msg_destroy (copy);
}

static void
cancel_branch (SipSimpleProxy *p, Branch *b)
{
  if (b->orq == NULL || b->cancelled || !p->invite)
    return;
  b->cancelled = TRUE;
  nta_outgoing_tcancel (b->orq, NULL, NULL, TAG_END ());
}

static void
cancel_pending (SipSimpleProxy *p, Branch *except)
{
  for (guint i = 0; i < p->branches->len; i++)
    {
      Branch *b = p->branches->pdata[i];
      if (b != except)
        cancel_branch (p, b);
    }
}

static int
branch_response (nta_outgoing_magic_t *magic, nta_outgoing_t *orq, const sip_t *sip)
{
  Branch         *b = (Branch *)magic;
  SipSimpleProxy *p = b->proxy;
  int             status;
  gboolean        internal;

  status = sip && sip->sip_status ? (int)sip->sip_status->st_status : nta_outgoing_status (orq);
  internal = sip == NULL || nta_sip_is_internal (sip);
  if (sip != NULL && sip_simple_agent_repeated_header (sip) != NULL)
    {
      /* malformed: not passed on; a final one counts as 502 Bad Gateway */
      if (status < 200)
        return 0;
      status = 502;
      internal = TRUE;
    }
  p->busy++;

  if (status < 200)
    {
      if (status > b->status)
        b->status = status;
      if (status > 100 && !internal && !p->finished && !p->answered)
        forward_response (p, b, orq);
      p->busy--;
      return 0;
    }

  /* final */
  b->status = status;
  if (status < 300)
    {
      forward_response (p, b, orq);
      if (!p->finished && !p->answered)
        {
          p->answered = TRUE;
          if (p->invite)
            cancel_pending (p, b);
        }
    }
  else if (!internal && !b->cancelled)
    b->response = nta_outgoing_getresponse (orq);
  /* else made up by the stack (timeout, transport error): the status is
   * kept, the message is not passed on */

  /* An INVITE client transaction is kept for retransmitted 2xx by the
   * agent's stateless path once destroyed. */
  nta_outgoing_destroy (orq);
  b->orq = NULL;
  p->pending--;

  if (!p->finished)
    {
      if (p->answered)
        proxy_finish_result (p, SIP_SIMPLE_PROXY_RESULT_ANSWERED, NULL);
      else
        {
          if (status >= 600 && p->invite)
            cancel_pending (p, b);
          maybe_continue (p);
        }
    }
  p->busy--;
  proxy_release (p);
  return 0;
}

/* ---- branches ----------------------------------------------------------------- */

/* Where a branch would go cannot be reached by forwarding: a next hop
 * that is not a SIP URI (416: a tel: or im: Request-URI without a Route to
 * a gateway), or this agent itself (482: the request would come back as it
 * is and go round until Max-Forwards runs out, RFC 3261 16.3 step 4).
 * 0 when the branch can go. */
static int
unroutable (SipSimpleProxy *p, su_home_t *home, url_string_t const *route_url, const sip_t *sip)
{
  const url_t *hop;

  if (route_url != NULL)
    hop = url_hdup (home, (url_t const *)URL_STRING_MAKE (route_url->us_str)->us_url);
  else if (sip->sip_route != NULL)
    hop = sip->sip_route->r_url;
  else
    hop = sip->sip_request->rq_url;
  if (hop == NULL || (hop->url_type != url_sip && hop->url_type != url_sips))
    return 416;
  if (sip_simple_agent_is_local_url (p->event->agent, hop))
    return 482;
  return 0;
}

static Branch *
start_branch (SipSimpleProxy *p, SipSimpleTarget *t)
{
  SipSimpleEvent     *event = p->event;
  Branch             *b = g_new0 (Branch, 1);
  msg_t              *msg = msg_copy (p->base);
  sip_t              *sip = sip_object (msg);
  su_home_t          *home = msg_home (msg);
  url_string_t const *route_url = NULL;
  const char         *out_proto;

  b->proxy = p;
  g_ptr_array_add (p->branches, b);

  if (t != NULL)
    {
      sip_request_t *rq = sip_simple_agent_request_line (
          home, sip->sip_request->rq_method, sip->sip_request->rq_method_name, t->uri_text);
      if (rq == NULL)
        {
          b->status = 416;
          msg_destroy (msg);
          return b;
        }
      msg_header_insert (msg, (msg_pub_t *)sip, (msg_header_t *)rq);
      if (t->path != NULL)
        {
          g_autofree char *joined = g_strjoinv (", ", t->path);
          sip_route_t     *r = sip_route_make (home, joined);
          if (r != NULL)
            msg_header_insert (msg, (msg_pub_t *)sip, (msg_header_t *)r);
        }
      else if (t->next_hop != NULL)
        route_url = URL_STRING_MAKE (su_strdup (home, t->next_hop));
    }

  if (route_url != NULL)
    out_proto = proto_of_string (home, route_url->us_str);
  else if (sip->sip_route != NULL)
    out_proto = url_proto (sip->sip_route->r_url);
  else
    out_proto = url_proto (sip->sip_request->rq_url);

  if ((b->status = unroutable (p, home, route_url, sip)) != 0)
    {
      msg_destroy (msg);
      return b;
    }

  if ((p->flags & SIP_SIMPLE_PROXY_FLAGS_RECORD_ROUTE) && event->method != sip_method_register)
    add_record_route (p, msg, out_proto,
                      sip_simple_agent_url_family (
                          sip_simple_agent_next_hop_url (home, route_url, sip)));

  route_url = sip_simple_agent_next_hop (home, route_url, sip);
  b->orq = nta_outgoing_mcreate (p->nta, branch_response, (nta_outgoing_magic_t *)b, route_url, msg,
                                 TAG_END ());
  if (b->orq == NULL)
    {
      /* an address sofia cannot use */
      g_debug ("could not forward %s to %s", sip->sip_request->rq_method_name,
               t ? t->uri_text : "the Request-URI");
      msg_destroy (msg);
      b->status = 503;
      return b;
    }
  p->pending++;
  return b;
}

static gboolean
on_timeout (gpointer data)
{
  SipSimpleProxy *p = data;

  g_clear_pointer (&p->timer, g_source_unref);
  if (p->finished)
    return G_SOURCE_REMOVE;

  p->busy++;
  p->timed_out = TRUE;
  if (p->flags & SIP_SIMPLE_PROXY_FLAGS_SEQUENTIAL && p->targets != NULL
      && p->next < p->targets->len)
    {
      /* give up on this target, try the next */
      Branch *current = p->branches->len ? p->branches->pdata[p->branches->len - 1] : NULL;
      if (current != NULL && current->orq != NULL)
        {
          cancel_branch (p, current);
          if (current->status < 200)
            current->status = 408;
          /* forget it: its 487 (or nothing) must not hold up the next */
          nta_outgoing_bind (current->orq, NULL, NULL);
          current->orq = NULL;
          p->pending--;
        }
      p->timed_out = FALSE;
      maybe_continue (p);
    }
  else
    {
      cancel_pending (p, NULL);
      proxy_finish_result (p, SIP_SIMPLE_PROXY_RESULT_NOANSWER, NULL);
    }
  p->busy--;
  proxy_release (p);
  return G_SOURCE_REMOVE;
}

static void
arm_timer (SipSimpleProxy *p)
{
  if (p->timeout == 0)
    return;
  if (p->timer != NULL)
    {
      g_source_destroy (p->timer);
      g_source_unref (p->timer);
    }
  p->timer = g_timeout_source_new_seconds (p->timeout);
  g_source_set_callback (p->timer, on_timeout, p, NULL);
  g_source_set_name (p->timer, "sipsimple proxy timeout");
  g_source_attach (p->timer, g_main_context_get_thread_default ());
}

/* Starts the next target(s), or finishes when there is nothing left. */
static void
maybe_continue (SipSimpleProxy *p)
{
  guint n_targets = p->targets ? p->targets->len : 1;

  if (p->finished)
    return;

  if (p->flags & SIP_SIMPLE_PROXY_FLAGS_SEQUENTIAL)
    {
      /* a 6xx ends the search */
      for (guint i = 0; i < p->branches->len; i++)
        if (((Branch *)p->branches->pdata[i])->status >= 600)
          {
            proxy_finish_result (p, SIP_SIMPLE_PROXY_RESULT_FAILURE, NULL);
            return;
          }
      while (p->pending == 0 && p->next < n_targets)
        {
          start_branch (p, p->targets ? p->targets->pdata[p->next] : NULL);
          p->next++;
          if (p->pending > 0)
            arm_timer (p);
        }
    }
  else
    {
      while (p->next < n_targets)
        {
          start_branch (p, p->targets ? p->targets->pdata[p->next] : NULL);
          p->next++;
        }
    }

  if (p->pending == 0)
    proxy_finish_result (p, SIP_SIMPLE_PROXY_RESULT_FAILURE, NULL);
}

/* ---- the result -------------------------------------------------------------- */

/* RFC 3261 16.7 step 6: a 6xx, else the lowest class; 401/407 first
 * among the 4xx (their challenges are merged). */
static Branch *
best_branch (SipSimpleProxy *p)
{
  Branch *best = NULL;
  int     best_rank = G_MAXINT;

  for (guint i = 0; i < p->branches->len; i++)
    {
      Branch *b = p->branches->pdata[i];
      int     cls, rank;

      if (b->status < 300 || (b->cancelled && b->status == 487))
        continue;
      cls = b->status / 100;
      rank = (cls == 6 ? 0 : cls) * 10;
      if (b->status == 401 || b->status == 407)
        rank -= 1;
      if (b->response == NULL)
        rank += 5; /* made up ourselves: a real answer is more telling */
      if (rank < best_rank)
        best = b, best_rank = rank;
    }
  return best;
}

static msg_t *
merge_challenges (SipSimpleProxy *p, Branch *best)
{
  msg_t *copy = msg_copy (best->response);
  sip_t *sip = sip_object (copy);

  for (guint i = 0; i < p->branches->len; i++)
    {
      Branch      *b = p->branches->pdata[i];
      sip_t const *other;

      if (b == best || b->response == NULL || (b->status != 401 && b->status != 407))
        continue;
      other = sip_object (b->response);
      if (other->sip_www_authenticate)
        msg_header_add_dup (copy, (msg_pub_t *)sip, (msg_header_t *)other->sip_www_authenticate);
      if (other->sip_proxy_authenticate)
        msg_header_add_dup (copy, (msg_pub_t *)sip, (msg_header_t *)other->sip_proxy_authenticate);
    }
  return copy;
}

static void
proxy_finish_result (SipSimpleProxy *p, SipSimpleProxyResult result, GError *error)
{
  SipSimpleEvent *event = p->event;
  Branch         *best = NULL;
  guint           status = 0;
  const char     *reason = NULL;
  msg_t          *best_msg = NULL;

  if (p->finished)
    {
      g_clear_error (&error);
      return;
    }
  p->finished = TRUE;
  if (p->timer != NULL)
    {
      g_source_destroy (p->timer);
      g_clear_pointer (&p->timer, g_source_unref);
    }
  if (p->cancellable != NULL && p->cancel_id != 0)
    {
      g_cancellable_disconnect (p->cancellable, p->cancel_id);
      p->cancel_id = 0;
    }

  if (p->answered)
    {
      result = SIP_SIMPLE_PROXY_RESULT_ANSWERED;
      status = event->status ? event->status : 200;
      reason = event->reason;
    }
  else if (result == SIP_SIMPLE_PROXY_RESULT_CANCELLED)
    {
      status = 487;
      reason = "Request Terminated";
    }
  else if (error == NULL)
    {
      best = best_branch (p);
      if (best == NULL)
        {
          status = 408;
          reason = "Request Timeout";
          result = SIP_SIMPLE_PROXY_RESULT_NOANSWER;
        }
      else
        {
          status = best->status;
          if (best->response != NULL)
            {
              reason = sip_object (best->response)->sip_status->st_phrase;
              if (status == 401 || status == 407)
                best_msg = merge_challenges (p, best);
              else if (status != 503)
                best_msg = msg_copy (best->response);
              else
                {
                  /* RFC 3261 16.7 step 6: a 503 of the target is not
                   * passed on, it would turn the caller away from us;
                   * our own 503 (nobody to reach) is */
                  status = 500;
                  reason = NULL;
                }
              if (best_msg != NULL)
                sip_via_remove (best_msg, sip_object (best_msg));
            }
          if (status == 486 || status == 600 || status == 603)
            result = SIP_SIMPLE_PROXY_RESULT_BUSY;
          else if (status == 408 || status == 480)
            result = SIP_SIMPLE_PROXY_RESULT_NOANSWER;
          else
            result = SIP_SIMPLE_PROXY_RESULT_FAILURE;
        }
    }

  event->proxy = NULL;
  p->event = NULL;
  g_debug ("proxy of %s finished: result %d, %u %s", event->sip->sip_request->rq_method_name,
           (int)result, status, reason ? reason : "");
  sip_simple_event_proxy_done (event, result, status, reason, best_msg, error);
  g_object_unref (event);
}

static void
on_cancelled (GCancellable *cancellable, gpointer data)
{
  SipSimpleProxy *p = data;

  /* disconnecting from inside the handler would deadlock */
  p->cancel_id = 0;
  if (p->finished)
    return;
  p->busy++;
  cancel_pending (p, NULL);
  proxy_finish_result (p, SIP_SIMPLE_PROXY_RESULT_CANCELLED,
                       g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Proxy cancelled"));
  p->busy--;
  /* freed from the next branch response or here once all are final */
}

/* ---- entry points ---------------------------------------------------------------- */

void
sip_simple_proxy_cancel (SipSimpleProxy *p)
{
  SipSimpleEvent *event = p->event;

  if (p->finished || event == NULL)
    return;
  p->busy++;
  cancel_pending (p, NULL);
  g_object_ref (event);
  sip_simple_event_send_response (event, NULL, 487, NULL);
  proxy_finish_result (p, SIP_SIMPLE_PROXY_RESULT_CANCELLED, NULL);
  g_object_unref (event);
  p->busy--;
  proxy_release (p);
}

void
sip_simple_proxy_detach (SipSimpleProxy *p)
{
  /* NTA is about to be destroyed: forget every client transaction */
  p->busy++;
  for (guint i = 0; i < p->branches->len; i++)
    {
      Branch *b = p->branches->pdata[i];
      if (b->orq != NULL)
        {
          nta_outgoing_bind (b->orq, NULL, NULL);
          b->orq = NULL;
          p->pending--;
        }
    }
  p->nta = NULL;
  proxy_finish_result (p, SIP_SIMPLE_PROXY_RESULT_FAILURE,
                       g_error_new_literal (SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_CLOSED,
                                            "The agent was closed"));
  p->busy--;
  proxy_release (p);
}

static msg_t *
make_base (SipSimpleEvent *event)
{
  msg_t *msg = msg_copy (event->msg);
  sip_t *sip = sip_object (msg);
  char   mf[16];

  if (msg == NULL)
    return NULL;
  g_snprintf (mf, sizeof mf, "%u",
              sip->sip_max_forwards ? (unsigned)sip->sip_max_forwards->mf_count - 1 : 69u);
  if (sip->sip_max_forwards != NULL)
    msg_header_remove (msg, (msg_pub_t *)sip, (msg_header_t *)sip->sip_max_forwards);
  msg_header_add_make (msg, (msg_pub_t *)sip, sip_max_forwards_class, mf);

  /* credentials meant for us stay here (RFC 3261 22.3) */
  if (event->auth_user != NULL && sip->sip_proxy_authorization != NULL)
    msg_header_remove_all (msg, (msg_pub_t *)sip, (msg_header_t *)sip->sip_proxy_authorization);
  return msg;
}

void
sip_simple_proxy_start (SipSimpleEvent *event, guint timeout, SipSimpleProxyFlags flags)
{
  SipSimpleProxy *p;
  sip_t          *sip = event->sip;

  /* RFC 3261 16.3 step 2 */
  if (sip->sip_max_forwards != NULL && sip->sip_max_forwards->mf_count == 0
      && event->method != sip_method_ack)
    {
      g_object_ref (event);
      sip_simple_event_proxy_done (event, SIP_SIMPLE_PROXY_RESULT_FAILURE, 483, "Too Many Hops",
                                   NULL, NULL);
      g_object_unref (event);
      return;
    }

  /* a request handled statelessly so far needs its transaction now: the
   * responses of the branches come back through it */
  if (event->method != sip_method_ack && !sip_simple_event_ensure_transaction (event))
    {
      g_object_ref (event);
      sip_simple_event_proxy_done (event, SIP_SIMPLE_PROXY_RESULT_FAILURE, 500,
                                   "No Transaction", NULL, NULL);
      g_object_unref (event);
      return;
    }

  if (event->method == sip_method_ack)
    {
      /* the ACK of a 2xx: stateless, to the first target */
      msg_t           *msg = make_base (event);
      SipSimpleTarget *t = event->targets && event->targets->len ? event->targets->pdata[0] : NULL;
      url_string_t const *route_url = NULL;

      g_object_ref (event);
      if (msg != NULL && t != NULL)
        {
          sip_t         *s = sip_object (msg);
          sip_request_t *rq
              = sip_simple_agent_request_line (msg_home (msg), s->sip_request->rq_method,
                                               s->sip_request->rq_method_name, t->uri_text);
          if (rq != NULL)
            msg_header_insert (msg, (msg_pub_t *)s, (msg_header_t *)rq);
          if (t->next_hop != NULL)
            route_url = URL_STRING_MAKE (su_strdup (msg_home (msg), t->next_hop));
        }
      if (msg != NULL)
        route_url = sip_simple_agent_next_hop (msg_home (msg), route_url, sip_object (msg));
      if (msg != NULL && nta_msg_tsend (event->nta, msg, route_url, TAG_END ()) < 0)
        g_debug ("could not forward an ACK");
      sip_simple_event_proxy_done (event, SIP_SIMPLE_PROXY_RESULT_ANSWERED, 0, NULL, NULL, NULL);
      sip_simple_event_finish (event);
      g_object_unref (event);
      return;
    }

  p = g_new0 (SipSimpleProxy, 1);
  p->event = g_object_ref (event);
  p->nta = event->nta;
  p->timeout = timeout;
  p->flags = flags;
  p->invite = event->method == sip_method_invite;
  p->branches = g_ptr_array_new_with_free_func ((GDestroyNotify)branch_free);
  p->base = make_base (event);
  if (event->targets != NULL && event->targets->len > 0)
    {
      /* a copy: the handler may change the event's targets meanwhile */
      p->targets = g_ptr_array_new_with_free_func ((GDestroyNotify)sip_simple_target_free);
      for (guint i = 0; i < event->targets->len; i++)
        {
          SipSimpleTarget *t = event->targets->pdata[i], *c = g_new0 (SipSimpleTarget, 1);
          c->uri = sip_simple_uri_ref (t->uri);
          c->uri_text = g_strdup (t->uri_text);
          c->next_hop = g_strdup (t->next_hop);
          c->path = g_strdupv (t->path);
          g_ptr_array_add (p->targets, c);
        }
    }
  event->proxy = p;

  if (event->proxy_task != NULL)
    {
      GCancellable *c = g_task_get_cancellable (event->proxy_task);
      if (c != NULL)
        {
          p->cancellable = g_object_ref (c);
          p->cancel_id = g_cancellable_connect (c, G_CALLBACK (on_cancelled), p, NULL);
        }
    }

  p->busy++;
  if (!p->finished)
    {
      if (!(flags & SIP_SIMPLE_PROXY_FLAGS_SEQUENTIAL))
        arm_timer (p);
      maybe_continue (p);
    }
  p->busy--;
  proxy_release (p);
}
