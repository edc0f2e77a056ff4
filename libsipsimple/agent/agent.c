/* libsipsimple - SipSimpleAgent
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/agent/agent.h>
#include <sipsimple/agent/agent-error.h>
#include <sipsimple/agent/event.h>
#include <sipsimple/engine/engine.h>
#include <sipsimple/sip/headers.h>
#include <sipsimple/sip/uri.h>
#include "agent-private.h"
#include "agent-object-private.h"
#include "answers-private.h"
#include "event-private.h"
#include "message-class-private.h"
#include "engine/sofia-internal.h"
#include "sip/random-internal.h"

#include <errno.h>
#include <fcntl.h>
#ifdef __GLIBC__
#include <malloc.h> /* malloc_trim */
#endif
#include <stdlib.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <glib-unix.h>
#include <linux/sock_diag.h> /* SK_MEMINFO_* */
#include <linux/tcp.h> /* tcp_info with tcpi_bytes_received */
#include <string.h>
#include <unistd.h>
#include <sofia-sip/msg_header.h>
#include <sofia-sip/nta_tag.h>
#include <sofia-sip/sip_status.h>
#include <sofia-sip/su_errno.h>
#include <sofia-sip/su_string.h>
#include <sofia-sip/tport_tag.h>

/**
 * SipSimpleAgent:
 *
 * A programmable SIP server endpoint on sofia-sip's transaction layer:
 * it listens on one or more transports and hands every request to the
 * application as a [class@SipSimple.Event] through the
 * [signal@SipSimple.Agent::incoming] signal. The handler decides what
 * happens — accept, reject, redirect, challenge, proxy — the way a
 * Kamailio or SER routing script does, but in the application's own
 * language.
 *
 * The transaction layer absorbs retransmissions and the ACKs of non-2xx
 * responses: the handler sees each request once. CANCEL is matched to its
 * INVITE and cancels a running proxy. Malformed requests get `400` (with
 * the bad header named) before any handler sees them; a request no
 * handler acts on gets `501 Not Implemented` (see [class@SipSimple.Event]
 * for what counts as acting).
 *
 * Requests inside a dialog that carry this agent's Record-Route in their
 * Route set (a BYE, a re-INVITE, the ACK of a 2xx) are relayed along
 * their Route set without a handler having to do it (loose routing,
 * RFC 3261 section 16.12); turn the `route-in-dialog` property off to see
 * them in `incoming` as well. Only a Record-Route this agent put into a
 * request of that very dialog counts: its URI carries an `rrtoken`
 * parameter, a MAC of the Call-ID and the dialog's first From tag under
 * a key of the agent. Any other request with a To tag (a stranger's
 * MESSAGE with a made-up tag, a Route naming the agent copied from
 * elsewhere) reaches `incoming` like a new request, for the handler to
 * authenticate or refuse: an agent is never an open relay for requests
 * that merely look like they belong to a dialog.
 *
 * A minimal server in Python:
 * ```python
 * agent = SipSimple.Agent.new()
 * agent.listen_spec("udp:127.0.0.1:5060")
 *
 * def route(agent, event):
 *     if event.get_method() == "OPTIONS":
 *         event.accept()
 *     else:
 *         event.reject(404, None)
 *
 * agent.connect("incoming", route)
 * GLib.MainLoop().run()
 * ```
 *
 * Everything happens on the thread-default [struct@GLib.MainContext] of
 * the thread that made the agent; no other thread is started. Set
 * `TPORT_LOG=1` (or the `sip-trace` property) to log every message sent
 * and received.
 *
 * Since: 0.1
 */



enum
{
  PROP_0,
  PROP_DOMAINS,
  PROP_USER_AGENT,
  PROP_TLS_CERTIFICATE_FILE,
  PROP_TLS_PRIVATE_KEY_FILE,
  PROP_TLS_CA_FILE,
  PROP_SIP_TRACE,
  PROP_ROUTE_IN_DIALOG,
  PROP_NONCE_LIFETIME,
  PROP_DIGEST_ALGORITHMS,
  PROP_MAX_TRANSACTIONS,
  PROP_RETRY_AFTER,
  PROP_TCP_IDLE_TIMEOUT,
  PROP_TCP_MESSAGE_TIMEOUT,
  PROP_MAX_CONNECTIONS,
  PROP_STATELESS_ANSWERS,
  N_PROPS
};

enum
{
  SIGNAL_INCOMING,
  SIGNAL_FINISHED,
  SIGNAL_CLOSING,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SipSimpleAgent, sip_simple_agent, G_TYPE_OBJECT)

static void
listener_free (Listener *l)
{
  if (l->refuser != NULL)
    {
      g_source_destroy (l->refuser);
      g_source_unref (l->refuser);
    }
  g_free (l->host);
  g_free (l->url_host);
  g_free (l);
}

static void
core_free (Core *core)
{
  if (core->leg != NULL)
    nta_leg_destroy (core->leg);
  if (core->nta != NULL)
    nta_agent_destroy (core->nta);
  sip_simple_sofia_loop_clear (&core->loop);
  g_free (core);
}

static gboolean
core_free_idle (gpointer data)
{
  core_free (data);
  return G_SOURCE_REMOVE;
}

/* ---- NTA callbacks --------------------------------------------------- */

static gboolean
via_is_ours (SipSimpleAgent *self, const sip_via_t *v)
{
  guint port;

  if (v == NULL || v->v_host == NULL)
    return FALSE;
  port = v->v_port ? (guint)strtoul (v->v_port, NULL, 10) : 0;
  for (guint i = 0; i < self->listeners->len; i++)
    {
      Listener *l = self->listeners->pdata[i];
      if ((su_casematch (v->v_host, l->host) || su_casematch (v->v_host, l->url_host))
          && (port == l->port || (port == 0 && l->port == 5060)))
        return TRUE;
    }
  return FALSE;
}

/* ---- overload control --------------------------------------------------
 *
 * What a request costs in memory is its server transaction: sofia keeps
 * the request and the response of one answered over UDP for 32 s (timer
 * J) to absorb retransmissions, whatever the handler did and however fast.
 * So the bound is on the server transactions alive, not on the events a
 * handler works on (under a REGISTER flood these end at once, while the
 * transactions pile up). sofia does not tell how many it keeps: the agent
 * counts the requests still being worked on plus those answered over a
 * datagram transport in the last 32 s, an upper bound.
 *
 * Requests answered statelessly (see answers.c and the stateless-answers
 * property) keep no transaction and are not counted; one of them that is
 * proxied is counted when it gets its transaction.
 *
 * At the limit, nta is switched to stateless processing: new requests
 * reach message_callback() without a transaction, and are answered `503`
 * with Retry-After from the request alone (nothing is kept); ACK and
 * CANCEL, and everything once the count is back under seven eighths of
 * the limit, get a transaction as usual. Retransmissions of requests that
 * have one still reach it. */

static int leg_callback (nta_leg_magic_t *magic, nta_leg_t *leg, nta_incoming_t *irq,
                         const sip_t *sip);
static int dispatch (SipSimpleAgent *self, nta_incoming_t *irq, msg_t *msg, const sip_t *sip,
                     char *answer_key);
static gboolean answer_statelessly (SipSimpleAgent *self, msg_t *msg, sip_t *sip);

/* Moves the window to the current second, emptying the seconds that left it */
static void
window_advance (SipSimpleAgent *self)
{
  gint64 now = g_get_monotonic_time () / G_USEC_PER_SEC;

  if (now - self->window_second >= OVERLOAD_WINDOW)
    {
      memset (self->window, 0, sizeof self->window);
      self->window_total = 0;
    }
  else
    for (gint64 second = self->window_second + 1; second <= now; second++)
      {
        guint *slot = &self->window[second % OVERLOAD_WINDOW];
        self->window_total -= *slot;
        *slot = 0;
      }
  self->window_second = now;
}

static guint
transactions_alive (SipSimpleAgent *self)
{
  window_advance (self);
  return g_hash_table_size (self->events) + self->window_total;
}

static void
set_overloaded (SipSimpleAgent *self, gboolean overloaded)
{
  if (self->overloaded == overloaded || self->core == NULL)
    return;
  self->overloaded = overloaded;
  nta_agent_set_params (self->core->nta, NTATAG_STATELESS (overloaded || self->stateless_answers),
                        TAG_END ());
  g_debug ("SIP agent %s", overloaded ? "overloaded: answering new requests 503"
                                      : "no longer overloaded");
}

/* Where the agent makes transactions again after an overload */
static guint
low_water (SipSimpleAgent *self)
{
  return self->max_transactions - self->max_transactions / 8;
}

/* The queue of work is what waits in the UDP sockets: once it is long,
 * a request read now waited long already, and the next ones will wait
 * longer (over UDP they are lost when the buffer is full). Then new
 * requests are refused at once, the cheapest answer, until the queue is
 * short again: past half the socket's buffer, back under a quarter. The
 * kernel's count is coarse (it gives memory back in steps of about a
 * quarter of the buffer) and errs on the high side: a flood is refused a
 * little early rather than lost. */
static gboolean
queue_full (SipSimpleAgent *self)
{
  gboolean was = self->saturated;
  gboolean full = FALSE;

  for (guint i = 0; i < self->listeners->len && !full; i++)
    {
      Listener *l = self->listeners->pdata[i];
      guint32   mem[SK_MEMINFO_VARS] = { 0 };
      socklen_t len = sizeof mem;

      if (l->transport == SIP_SIMPLE_TRANSPORT_UDP && l->fd >= 0
          && getsockopt (l->fd, SOL_SOCKET, SO_MEMINFO, mem, &len) == 0
          && mem[SK_MEMINFO_RCVBUF] > 0)
        full = mem[SK_MEMINFO_RMEM_ALLOC] > mem[SK_MEMINFO_RCVBUF] / (was ? 4 : 2);
    }
  self->saturated = full;
  if (full != was)
    g_debug ("SIP agent %s", full ? "saturated: answering new requests 503" : "no longer saturated");
  return full;
}

/* The socket of a UDP listener: the datagram socket bound to its port */
static int
find_datagram_socket (guint port, int family)
{
  g_autoptr (GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      int                     fd = atoi (name), type = 0;
      struct sockaddr_storage ss;
      socklen_t               len = sizeof type;

      if (getsockopt (fd, SOL_SOCKET, SO_TYPE, &type, &len) < 0 || type != SOCK_DGRAM)
        continue;
      len = sizeof ss;
      if (getsockname (fd, (struct sockaddr *)&ss, &len) < 0 || ss.ss_family != family)
        continue;
      if ((family == AF_INET && ntohs (((struct sockaddr_in *)&ss)->sin_port) == port)
          || (family == AF_INET6 && ntohs (((struct sockaddr_in6 *)&ss)->sin6_port) == port))
        return fd;
    }
  return -1;
}

/* TRUE if a new request @sip may have a server transaction; FALSE when
 * the agent is at its limit (then it answers statelessly from now on) or
 * its queue of work is full */
static gboolean
admit_request (SipSimpleAgent *self, const sip_t *sip, gboolean transaction)
{
  sip_method_t method = sip->sip_request->rq_method;
  guint        alive;

  /* ACK and CANCEL end work, they never make any */
  if (method == sip_method_ack || method == sip_method_cancel)
    return TRUE;
  if (queue_full (self))
    return FALSE;
  if (self->max_transactions == 0)
    return TRUE;
  alive = transactions_alive (self);
  if (alive >= self->max_transactions)
    {
      set_overloaded (self, TRUE);
      return FALSE;
    }
  if (alive < low_water (self))
    set_overloaded (self, FALSE);
  if (transaction)
    sip_simple_agent_count_transaction (self, sip);
  return TRUE;
}

void
sip_simple_agent_count_transaction (SipSimpleAgent *self, const sip_t *sip)
{
  if (sip->sip_via != NULL && su_casematch (sip->sip_via->v_protocol, sip_transport_udp))
    {
      window_advance (self);
      self->window[self->window_second % OVERLOAD_WINDOW]++;
      self->window_total++;
    }
}

/* The tags of a 503 for overload (RFC 3261 21.5.4) */
#define OVERLOAD_TAGS(self, retry_after)                                                          \
  SIPTAG_RETRY_AFTER_STR (retry_after), SIPTAG_SERVER_STR (sip_simple_agent_get_server_header (self))

/* A request nta passed on without a transaction: the agent is overloaded */
static void
stateless_request (SipSimpleAgent *self, nta_agent_t *nta, msg_t *msg, sip_t *sip)
{
  nta_incoming_t *irq;
  sip_method_t    method;
  char            retry_after[16];
  int             status;

  if (self->closed || self->core == NULL)
    {
      msg_destroy (msg);
      return;
    }
  method = sip->sip_request->rq_method;
  if (self->max_transactions == 0 || transactions_alive (self) < low_water (self))
    set_overloaded (self, FALSE);
  if (!self->overloaded && answer_statelessly (self, msg, sip))
    return;
  /* a request with a repeated header is answered 400 by leg_callback:
   * never copy its headers into a reply here */
  if (!self->overloaded || method == sip_method_ack || method == sip_method_cancel
      || sip_simple_agent_repeated_header (sip) != NULL)
    {
      irq = nta_incoming_create (nta, self->core->leg, msg, sip, TAG_END ());
      if (irq == NULL)
        return;
      status = leg_callback ((nta_leg_magic_t *)self, self->core->leg, irq, sip);
      if (status >= 100)
        {
          nta_incoming_treply (irq, status, NULL, TAG_END ());
          nta_incoming_destroy (irq);
        }
      return;
    }
  g_snprintf (retry_after, sizeof retry_after, "%u", self->retry_after);
  self->overload_replies++;
  nta_msg_treply (nta, msg, SIP_503_SERVICE_UNAVAILABLE, OVERLOAD_TAGS (self, retry_after),
                  TAG_END ());
}

/* Requests while the agent is overloaded (see above); responses no client
 * transaction wants: retransmitted 2xx of INVITEs (their transactions end
 * at the first 2xx), and stray ones. A 2xx that went through us is passed
 * on statelessly (RFC 3261 16.11). */
static int
message_callback (nta_agent_magic_t *magic, nta_agent_t *nta, msg_t *msg, sip_t *sip)
{
  SipSimpleAgent *self = (SipSimpleAgent *)magic;

  if (sip != NULL && sip->sip_request != NULL)
    {
      stateless_request (self, nta, msg, sip);
      return 0;
    }
  if (sip != NULL && sip->sip_status != NULL && sip->sip_status->st_status >= 200
      && sip_simple_agent_repeated_header (sip) == NULL
      && sip->sip_status->st_status < 300 && sip->sip_cseq != NULL
      && sip->sip_cseq->cs_method == sip_method_invite && sip->sip_via != NULL
      && sip->sip_via->v_next != NULL && via_is_ours (self, sip->sip_via))
    {
      nta_msg_tsend (nta, msg, NULL, TAG_END ());
      return 0;
    }
  msg_destroy (msg);
  return 0;
}

const char *
sip_simple_agent_repeated_header (const sip_t *sip)
{
  for (const msg_header_t *h = (const msg_header_t *)sip->sip_error; h != NULL; h = h->sh_next)
    if (h->sh_class != sip_error_class && h->sh_class->hc_kind == msg_kind_single)
      return h->sh_class->hc_name;
  return NULL;
}

/* A URI of a scheme we know (the one sofia tells apart) */
static gboolean
url_type_known (const url_t *url)
{
  return url != NULL
         && (url->url_type == url_sip || url->url_type == url_sips || url->url_type == url_tel);
}

/* What RFC 3261 and RFC 4475 require of a request before anybody acts on
 * it, beyond sofia's own checks: 0 when fine, else the status to answer,
 * with @phrase, and for 420 the option tags in @unsupported. */
static guint
check_request (SipSimpleEvent *event, const sip_t *sip, const char **phrase, char **unsupported)
{
  const url_t *ruri = sip->sip_request->rq_url;
  const char  *repeated = sip_simple_agent_repeated_header (sip);

  /* a header that may appear once came more than once (RFC 3261 7.3.1,
   * RFC 4475 3.1.2.19) */
  if (repeated != NULL)
    {
      *phrase = su_sprintf (msg_home (event->msg), "Repeated %s Header", repeated);
      return 400;
    }

  /* a request-line sofia read past, or one that reads as SIP but has no
   * valid Request-URI (RFC 4475 3.1.2.7-3.1.2.10, RFC 5118 4.4, 4.5) */
  if (sip_simple_request_line_is_bad (sip->sip_request))
    {
      *phrase = "Bad Request-Line";
      return 400;
    }
  if (url_type_known (ruri)
      && (sip_simple_event_get_uri (event) == NULL
          || ((ruri->url_type == url_sip || ruri->url_type == url_sips)
              && ruri->url_headers != NULL)))
    {
      /* escaped headers belong in a Contact or Refer-To, never in a
       * Request-URI (RFC 4475 3.1.2.11) */
      *phrase = "Bad Request-URI";
      return 400;
    }
  /* From and To whose URI sofia could not read (RFC 4475 3.1.2.14: white
   * space inside the angle brackets) */
  if (sip->sip_to != NULL && sip->sip_to->a_url->url_type == url_invalid)
    {
      *phrase = "Bad To Header";
      return 400;
    }
  if (sip->sip_from != NULL && sip->sip_from->a_url->url_type == url_invalid)
    {
      *phrase = "Bad From Header";
      return 400;
    }
  /* no extension is supported for proxies (RFC 3261 16.3 step 5) */
  if (sip->sip_proxy_require != NULL && sip->sip_proxy_require->k_items != NULL
      && sip->sip_proxy_require->k_items[0] != NULL)
    {
      GString *tags = g_string_new (NULL);
      for (const sip_proxy_require_t *k = sip->sip_proxy_require; k; k = k->k_next)
        for (guint i = 0; k->k_items && k->k_items[i]; i++)
          g_string_append_printf (tags, "%s%s", tags->len ? ", " : "", k->k_items[i]);
      *unsupported = g_string_free (tags, FALSE);
      *phrase = "Bad Extension";
      return 420;
    }
  return 0;
}

sip_request_t *
sip_simple_agent_request_line (su_home_t *home, sip_method_t method, const char *name,
                               const char *uri)
{
  url_t *url = uri != NULL ? url_make (home, uri) : NULL;

  if (url == NULL || url->url_type == url_invalid)
    return NULL;
  return sip_request_create (home, method, name, (url_string_t const *)url, NULL);
}

const url_t *
sip_simple_agent_next_hop_url (su_home_t *home, url_string_t const *route_url, const sip_t *sip)
{
  if (route_url != NULL)
    return url_hdup (home, (url_t const *)URL_STRING_MAKE (route_url->us_str)->us_url);
  if (sip->sip_route != NULL && url_has_param (sip->sip_route->r_url, "lr"))
    return sip->sip_route->r_url;
  return sip->sip_request != NULL ? sip->sip_request->rq_url : NULL;
}

int
sip_simple_agent_url_family (const url_t *url)
{
  if (url == NULL || url->url_host == NULL)
    return 0;
  if (url->url_host[0] == '[')
    return AF_INET6;
  return g_hostname_is_ip_address (url->url_host) ? AF_INET : 0;
}

url_string_t const *
sip_simple_agent_next_hop (su_home_t *home, url_string_t const *route_url, const sip_t *sip)
{
  url_t const *hop = sip_simple_agent_next_hop_url (home, route_url, sip);
  url_t       *copy;
  size_t       len;

  if (hop == NULL || hop->url_host == NULL || hop->url_host[0] != '['
      || url_has_param (hop, "maddr"))
    return route_url;
  len = strlen (hop->url_host);
  if (len < 3 || hop->url_host[len - 1] != ']' || (copy = url_hdup (home, hop)) == NULL)
    return route_url;
  if (url_param_add (home, copy, su_sprintf (home, "maddr=%.*s", (int)(len - 2), hop->url_host + 1))
      < 0)
    return route_url;
  return (url_string_t const *)copy;
}

static int
leg_callback (nta_leg_magic_t *magic, nta_leg_t *leg, nta_incoming_t *irq, const sip_t *sip)
{
  return dispatch ((SipSimpleAgent *)magic, irq, NULL, sip, NULL);
}

/* ---- requests answered without a transaction ------------------------------- */

/* The requests a handler usually answers at once, out of a dialog, over
 * UDP: they are handled without a server transaction (see answers.c);
 * one that is proxied gets its transaction then. */
static gboolean
answers_statelessly (SipSimpleAgent *self, const sip_t *sip)
{
  sip_method_t method = sip->sip_request->rq_method;

  return self->stateless_answers && self->answers != NULL
         && (method == sip_method_register || method == sip_method_options
             || method == sip_method_message || method == sip_method_publish)
         && sip->sip_to != NULL && sip->sip_to->a_tag == NULL && sip->sip_via != NULL
         && su_casematch (sip->sip_via->v_protocol, sip_transport_udp)
         && sip_simple_agent_repeated_header (sip) == NULL;
}

/* A retransmission of a request answered statelessly: the same answer */
static void
resend_answer (SipSimpleAgent *self, msg_t *request, GBytes *answer)
{
  gsize        len;
  const char  *data = g_bytes_get_data (answer, &len);
  msg_t       *reply = msg_make (sip_simple_agent_message_class (), 0, data, (ssize_t)len);

  if (reply == NULL || sip_object (reply) == NULL || sip_object (reply)->sip_status == NULL)
    {
      if (reply != NULL)
        msg_destroy (reply);
      msg_destroy (request);
      return;
    }
  self->answers_resent++;
  /* takes both messages */
  nta_msg_mreply (self->core->nta, reply, sip_object (reply), 0, NULL, request, TAG_END ());
}

/* TRUE if @msg was taken care of without a transaction: a new request
 * handled statelessly, a retransmission answered again or dropped */
static gboolean
answer_statelessly (SipSimpleAgent *self, msg_t *msg, sip_t *sip)
{
  char   *key;
  GBytes *answer = NULL;

  if (!answers_statelessly (self, sip) || (key = sip_simple_answers_key (sip)) == NULL)
    return FALSE;
  switch (sip_simple_answers_lookup (self->answers, key, &answer))
    {
    case SIP_SIMPLE_ANSWER_PENDING:
      g_free (key);
      msg_destroy (msg);
      break;
    case SIP_SIMPLE_ANSWER_CACHED:
      g_free (key);
      resend_answer (self, msg, answer);
      g_bytes_unref (answer);
      break;
    case SIP_SIMPLE_ANSWER_NEW:
    default:
      dispatch (self, NULL, msg, sip, key);
      break;
    }
  return TRUE;
}

void
sip_simple_agent_answered (SipSimpleAgent *self, const char *key, msg_t *response)
{
  su_home_t home[1] = { SU_HOME_INIT (home) };
  size_t    len = 0;
  char     *text;

  if (self->answers == NULL)
    return;
  text = msg_as_string (home, response, (msg_pub_t *)sip_object (response), 0, &len);
  if (text != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (text, len);
      sip_simple_answers_answered (self->answers, key, bytes);
    }
  else
    sip_simple_answers_forget (self->answers, key);
  su_home_deinit (home);
}

void
sip_simple_agent_forget_answer (SipSimpleAgent *self, const char *key)
{
  if (self->answers != NULL)
    sip_simple_answers_forget (self->answers, key);
}

/* Once a second: the answers whose time is over go. Every ten seconds,
 * memory that was freed goes back to the system: glibc keeps freed heap
 * pages, so after a burst of calls (some 38 KB each while their
 * transactions live) sipd stayed at 200 MB when 14 MB were in use. */
static gboolean
expire_answers (gpointer data)
{
  SipSimpleAgent *self = data;

  if (self->answers != NULL)
    sip_simple_answers_expire (self->answers);
#ifdef __GLIBC__
  if (++self->ticks % 10 == 0 && !self->saturated)
    malloc_trim (0);
#endif
  return G_SOURCE_CONTINUE;
}

/* A request, with its server transaction @irq or (answered statelessly)
 * as @msg with the key of its answer: checked, then given to the
 * handlers */
static int
dispatch (SipSimpleAgent *self, nta_incoming_t *irq, msg_t *msg, const sip_t *sip,
          char *answer_key)
{
  SipSimpleEvent  *event;
  const char      *phrase = NULL;
  g_autofree char *unsupported = NULL;
  guint            status;

  if (self->closed || !admit_request (self, sip, irq != NULL))
    {
      char retry_after[16];

      if (irq == NULL)
        {
          /* nothing kept: a 503 from the request alone */
          sip_simple_agent_forget_answer (self, answer_key);
          g_free (answer_key);
          g_snprintf (retry_after, sizeof retry_after, "%u", self->retry_after);
          if (!self->closed)
            self->overload_replies++;
          nta_msg_treply (self->core->nta, msg, SIP_503_SERVICE_UNAVAILABLE,
                          OVERLOAD_TAGS (self, retry_after), TAG_END ());
          return 0;
        }
      if (self->closed)
        {
          if (sip->sip_request->rq_method == sip_method_ack)
            {
              nta_incoming_destroy (irq);
              return 0;
            }
          return 503;
        }
      /* the first request over the limit already has a transaction */
      g_snprintf (retry_after, sizeof retry_after, "%u", self->retry_after);
      self->overload_replies++;
      nta_incoming_treply (irq, SIP_503_SERVICE_UNAVAILABLE, OVERLOAD_TAGS (self, retry_after),
                           TAG_END ());
      nta_incoming_destroy (irq);
      return 0;
    }

  g_object_ref (self);
  self->dispatching++;
  event = irq != NULL ? sip_simple_event_new (self, irq, sip)
                      : sip_simple_event_new_stateless (self, msg, sip, answer_key);
  g_hash_table_add (self->events, event);

  if ((status = check_request (event, sip, &phrase, &unsupported)) != 0)
    {
      if (event->method == sip_method_ack)
        sip_simple_event_finish (event);
      else
        {
          g_autoptr (SipSimpleHeaders) headers = sip_simple_headers_new ();
          if (unsupported != NULL)
            sip_simple_headers_append (headers, "Unsupported", unsupported, NULL);
          sip_simple_event_respond (event, status, phrase, headers, NULL, NULL, NULL);
        }
      g_object_unref (event);
      self->dispatching--;
      g_object_unref (self);
      return 0;
    }
  sip_simple_event_strip_own_routes (event);

  if (self->route_in_dialog && sip_simple_event_is_in_dialog_route (event))
    sip_simple_event_route_in_dialog (event);
  else
    {
      g_signal_emit (self, signals[SIGNAL_INCOMING], 0, event);
      sip_simple_event_dispatched (event);
    }
  g_object_unref (event);
  self->dispatching--;
  g_object_unref (self);
  return 0;
}

/* ---- internals used by events ---------------------------------------------- */

nta_agent_t *
sip_simple_agent_get_nta (SipSimpleAgent *self)
{
  return self->core ? self->core->nta : NULL;
}

const char *
sip_simple_agent_get_server_header (SipSimpleAgent *self)
{
  return self->user_agent;
}

SipSimpleDigestAuth *
sip_simple_agent_get_digest_auth (SipSimpleAgent *self)
{
  return self->digest_auth;
}

/* The MAC of a dialog (Call-ID and the From tag of its first request) as
 * 16 hex digits */
char *
sip_simple_agent_dialog_token (SipSimpleAgent *self, const char *call_id, const char *tag)
{
  g_autoptr (GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, self->dialog_key, sizeof self->dialog_key);

  g_hmac_update (hmac, (const guchar *)(call_id ? call_id : ""), -1);
  /* a separator that cannot be part of a Call-ID or a tag */
  g_hmac_update (hmac, (const guchar *)"\n", 1);
  g_hmac_update (hmac, (const guchar *)(tag ? tag : ""), -1);
  return g_strndup (g_hmac_get_string (hmac), 16);
}

gboolean
sip_simple_agent_dialog_token_matches (SipSimpleAgent *self, const sip_t *sip, const char *token)
{
  const char *call_id = sip->sip_call_id ? sip->sip_call_id->i_id : NULL;
  const char *tags[2] = { sip->sip_from ? sip->sip_from->a_tag : NULL,
                          sip->sip_to ? sip->sip_to->a_tag : NULL };

  if (token == NULL || call_id == NULL)
    return FALSE;
  /* requests of the caller carry its tag in From, those of the callee in To */
  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      g_autofree char *expected = sip_simple_agent_dialog_token (self, call_id, tags[i]);
      if (g_ascii_strcasecmp (expected, token) == 0)
        return TRUE;
    }
  return FALSE;
}

void
sip_simple_agent_event_done (SipSimpleAgent *self, SipSimpleEvent *event)
{
  g_hash_table_remove (self->events, event);
  if (g_signal_has_handler_pending (self, signals[SIGNAL_FINISHED], 0, FALSE))
    g_signal_emit (self, signals[SIGNAL_FINISHED], 0, event);
}

void
sip_simple_agent_forget_event (SipSimpleAgent *self, SipSimpleEvent *event)
{
  g_hash_table_remove (self->events, event);
}

static gboolean
host_matches (const char *a, const char *b)
{
  gsize la, lb;

  if (a[0] == '[')
    a++;
  if (b[0] == '[')
    b++;
  la = strcspn (a, "]");
  lb = strcspn (b, "]");
  return la == lb && g_ascii_strncasecmp (a, b, la) == 0;
}

gboolean
sip_simple_agent_is_local_url (SipSimpleAgent *self, const url_t *url)
{
  guint port;

  if (url == NULL || url->url_host == NULL
      || (url->url_type != url_sip && url->url_type != url_sips))
    return FALSE;
  port = url->url_port ? (guint)strtoul (url->url_port, NULL, 10) : 0;

  for (guint i = 0; i < self->listeners->len; i++)
    {
      Listener *l = self->listeners->pdata[i];
      guint     default_port = l->transport == SIP_SIMPLE_TRANSPORT_TLS ? 5061 : 5060;
      if (host_matches (url->url_host, l->host)
          && (port == l->port || (port == 0 && l->port == default_port)))
        return TRUE;
    }
  for (guint i = 0; self->domains && self->domains[i]; i++)
    if (host_matches (url->url_host, self->domains[i]))
      {
        if (port == 0)
          return TRUE;
        for (guint j = 0; j < self->listeners->len; j++)
          if (((Listener *)self->listeners->pdata[j])->port == port)
            return TRUE;
      }
  return FALSE;
}

char *
sip_simple_agent_record_route_uri (SipSimpleAgent *self, tport_t *like, const char *proto,
                                   int family)
{
  tport_t           *primary = like ? tport_parent (like) : NULL;
  Listener          *found = NULL;
  SipSimpleTransport t;
  gboolean           prefer = family != 0 || primary != NULL;
  gboolean           want6;

  if (!sip_simple_transport_from_string (proto, &t))
    return NULL;
  if (family == 0 && primary != NULL)
    family = strchr (tport_name (primary)->tpn_host, ':') != NULL ? AF_INET6 : AF_INET;
  want6 = family == AF_INET6;
  for (guint i = 0; i < self->listeners->len; i++)
    {
      Listener *l = self->listeners->pdata[i];
      if (l->transport != t)
        continue;
      if (l->tport == primary && (strchr (l->host, ':') != NULL) == want6)
        {
          found = l;
          break;
        }
      if (found == NULL
          || (prefer && (strchr (l->host, ':') != NULL) == want6
              && (strchr (found->host, ':') != NULL) != want6))
        found = l;
    }
  if (found == NULL)
    return NULL;
  return g_strdup_printf ("sip:%s:%u;transport=%s;lr", found->url_host, found->port, proto);
}

/* ---- construction ---------------------------------------------------------- */

static gboolean
ensure_core (SipSimpleAgent *self, GError **error)
{
  g_autoptr (GMainContext) context = NULL;
  Core *core;

  if (self->closed)
    {
      g_set_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_CLOSED,
                   "The agent is closed");
      return FALSE;
    }
  if (self->core != NULL)
    return TRUE;

  core = g_new0 (Core, 1);
  context = g_main_context_ref_thread_default ();
  if (!sip_simple_sofia_loop_init (&core->loop, context))
    {
      g_free (core);
      g_set_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_FAILED,
                   "Could not create the sofia-sip event loop");
      return FALSE;
    }
  core->nta = nta_agent_create (
      core->loop.root, (url_string_t *)-1, message_callback, (nta_agent_magic_t *)self,
      NTATAG_MCLASS (sip_simple_agent_message_class ()), NTATAG_UA (0),
      NTATAG_MERGE_482 (0), NTATAG_CANCEL_487 (1), NTATAG_SERVER_RPORT (1), NTATAG_TCP_RPORT (1),
      NTATAG_TLS_RPORT (1), NTATAG_UDP_MTU (65535), NTATAG_MAXSIZE (65536),
      /* the headers a proxy and a registrar use must parse */
      NTATAG_BAD_REQ_MASK (~(sip_mask_response | sip_mask_pref | sip_mask_privacy)), TAG_END ());
  if (core->nta == NULL)
    {
      int err = su_errno ();
      sip_simple_sofia_loop_clear (&core->loop);
      g_free (core);
      g_set_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_FAILED,
                   "Could not create the SIP transaction layer: %s", g_strerror (err));
      return FALSE;
    }
  core->leg = nta_leg_tcreate (core->nta, leg_callback, (nta_leg_magic_t *)self,
                               NTATAG_NO_DIALOG (1), TAG_END ());
  /* new requests reach message_callback(), which decides whether they
   * get a transaction */
  nta_agent_set_params (core->nta, NTATAG_STATELESS (self->stateless_answers), TAG_END ());
  self->core = core;
  {
    GSource *timer = g_timeout_source_new_seconds (1);
    g_source_set_callback (timer, expire_answers, self, NULL);
    g_source_set_name (timer, "sipsimple agent answers expiry");
    self->answers_expire_id = g_source_attach (timer, core->loop.context);
    g_source_unref (timer);
  }
  return TRUE;
}

/* ---- listening --------------------------------------------------------------- */

/* sofia-sip reads its TLS material from files in one directory */
static gboolean
ensure_tls_dir (SipSimpleAgent *self, GError **error)
{
  g_autoptr (GError) local = NULL;

  if (self->core->loop.tls_dir != NULL)
    return TRUE;
  if (self->tls_certificate_file == NULL)
    {
      g_set_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_TLS,
                   "Listening on TLS needs a certificate (the tls-certificate-file property)");
      return FALSE;
    }
  self->core->loop.tls_dir = sip_simple_sofia_tls_dir_new (
      self->tls_certificate_file, self->tls_private_key_file, self->tls_ca_file, &local);
  if (self->core->loop.tls_dir == NULL)
    {
      g_set_error_literal (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_TLS,
                           local->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
known_tport (SipSimpleAgent *self, tport_t *tp)
{
  for (guint i = 0; i < self->listeners->len; i++)
    if (((Listener *)self->listeners->pdata[i])->tport == tp)
      return TRUE;
  return FALSE;
}

/**
 * sip_simple_agent_listen:
 * @self: an agent
 * @transport: the transport
 * @address: (nullable): an IPv4 or IPv6 address to bind, %NULL for all
 *   IPv4 addresses
 * @port: the port, 0 for any free port (read it back with
 *   [method@SipSimple.Agent.get_port] or [method@SipSimple.Agent.get_uris])
 * @error: return location for a #GError
 *
 * Starts listening on one transport. Call it once per transport and
 * address; TLS needs the `tls-certificate-file` property set first.
 * Binding happens at once: the port is in use when this returns %TRUE.
 *
 * Returns: %TRUE if the transport is bound
 *
 * Since: 0.1
 */
gboolean
sip_simple_agent_listen (SipSimpleAgent *self, SipSimpleTransport transport, const char *address,
                         guint port, GError **error)
{
  g_autofree char *url = NULL;
  g_autofree char *host = NULL;
  g_autofree char *port_text = NULL;
  gboolean         tls = transport == SIP_SIMPLE_TRANSPORT_TLS;
  gboolean         trace;
  int              rv;

  g_return_val_if_fail (SIP_SIMPLE_IS_AGENT (self), FALSE);
  g_return_val_if_fail (transport <= SIP_SIMPLE_TRANSPORT_TLS, FALSE);

  if (address == NULL || *address == '\0')
    address = "0.0.0.0";
  if (!g_hostname_is_ip_address (address) || port > 65535)
    {
      g_set_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_INVALID_ARGUMENT,
                   "Cannot listen on \"%s\" port %u: give an IP address and a port", address, port);
      return FALSE;
    }
  if (!ensure_core (self, error))
    return FALSE;
  if (tls && !ensure_tls_dir (self, error))
    return FALSE;

  host = strchr (address, ':') ? g_strdup_printf ("[%s]", address) : g_strdup (address);
  port_text = port ? g_strdup_printf ("%u", port) : g_strdup ("*");
  /* one transport per URL: sofia-sip 1.12.11 crashes on a list; TLS is
   * only bound for a sips: URL */
  if (tls)
    url = g_strdup_printf ("sips:%s:%s", host, port_text);
  else
    url = g_strdup_printf ("sip:%s:%s;transport=%s", host, port_text,
                           sip_simple_transport_to_string (transport));
  trace = sip_simple_sofia_trace_wanted (self->sip_trace);

  errno = 0;
  /* TLS: 0 = the best version both sides have (1 means TLS 1.0 only).
   * UDP: room for bursts while the loop is busy (the kernel caps the
   * buffers at net.core.rmem_max). */
  rv = nta_agent_add_tport (
      self->core->nta, URL_STRING_MAKE (url), TAG_IF (tls, TPTAG_CERTIFICATE (self->core->loop.tls_dir)),
      TAG_IF (tls, TPTAG_TLS_VERSION (0)),
      TAG_IF (tls, TPTAG_TLS_VERIFY_POLICY (TPTLS_VERIFY_NONE)), TAG_IF (trace, TPTAG_LOG (1)),
      TAG_IF (transport == SIP_SIMPLE_TRANSPORT_UDP, TPTAG_UDP_RMEM (4 << 20)),
      TAG_IF (transport == SIP_SIMPLE_TRANSPORT_UDP, TPTAG_UDP_WMEM (4 << 20)),
      /* no STUN server on the SIP ports (the first port made creates the
       * master transport with these tags): sofia's leaks on every
       * malformed Binding request, an attacker's memory exhaustion for
       * free, and a SIP server has no use for it */
      TPTAG_STUN_SERVER (0), TAG_END ());
  if (tls)
    {
      /* the TLS context has read the files: nothing to leave on disk,
       * even if the process dies without closing the agent */
      sip_simple_sofia_tls_dir_remove (self->core->loop.tls_dir);
      g_clear_pointer (&self->core->loop.tls_dir, g_free);
    }
  if (rv < 0)
    {
      int err = su_errno ();
      g_set_error (error, SIP_SIMPLE_AGENT_ERROR,
                   tls && err != EADDRINUSE ? SIP_SIMPLE_AGENT_ERROR_TLS
                                            : SIP_SIMPLE_AGENT_ERROR_TRANSPORT,
                   "Could not listen on %s:%s:%u: %s", sip_simple_transport_to_string (transport),
                   address, port, err ? g_strerror (err) : "unknown error");
      return FALSE;
    }

  for (tport_t *tp = tport_primaries (nta_agent_tports (self->core->nta)); tp; tp = tport_next (tp))
    {
      tp_name_t const   *name = tport_name (tp);
      Listener          *l;
      SipSimpleTransport t;

      if (known_tport (self, tp) || !sip_simple_transport_from_string (name->tpn_proto, &t))
        continue;
      l = g_new0 (Listener, 1);
      l->transport = t;
      l->tport = tp;
      l->url_host = g_strdup (name->tpn_host);
      l->host = g_strdup (name->tpn_host[0] == '[' ? name->tpn_host + 1 : name->tpn_host);
      if (l->host[0] && l->host[strlen (l->host) - 1] == ']')
        l->host[strlen (l->host) - 1] = '\0';
      l->port = (guint)strtoul (name->tpn_port, NULL, 10);
      sip_simple_agent_set_connection_limits (self, tp);
      l->fd = t == SIP_SIMPLE_TRANSPORT_UDP
                  ? find_datagram_socket (l->port, strchr (l->host, ':') ? AF_INET6 : AF_INET)
                  : -1;
      g_ptr_array_add (self->listeners, l);
      g_debug ("SIP agent listening on %s:%s:%u", name->tpn_proto, l->url_host, l->port);
    }
  if (transport != SIP_SIMPLE_TRANSPORT_UDP)
    sip_simple_agent_watch_connections (self);
  return TRUE;
}

/**
 * sip_simple_agent_listen_spec:
 * @self: an agent
 * @spec: `TRANSPORT:ADDRESS[:PORT]`, such as `udp:127.0.0.1:5060`,
 *   `tcp:[::1]:0` or `tls:0.0.0.0:5061` (the default port is 5060, 5061
 *   for TLS)
 * @error: return location for a #GError
 *
 * [method@SipSimple.Agent.listen] with the address written as text, as on
 * a command line.
 *
 * Returns: %TRUE if the transport is bound
 *
 * Since: 0.1
 */
gboolean
sip_simple_agent_listen_spec (SipSimpleAgent *self, const char *spec, GError **error)
{
  g_autofree char   *proto = NULL;
  g_autofree char   *host = NULL;
  const char        *colon, *rest, *port_text = NULL;
  SipSimpleTransport transport;
  guint64            port;

  g_return_val_if_fail (SIP_SIMPLE_IS_AGENT (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  colon = strchr (spec, ':');
  if (colon == NULL)
    goto bad;
  proto = g_strndup (spec, colon - spec);
  if (!sip_simple_transport_from_string (proto, &transport))
    goto bad;
  rest = colon + 1;
  if (rest[0] == '[')
    {
      const char *close = strchr (rest, ']');
      if (close == NULL)
        goto bad;
      host = g_strndup (rest + 1, close - rest - 1);
      if (close[1] == ':')
        port_text = close + 2;
      else if (close[1] != '\0')
        goto bad;
    }
  else
    {
      const char *last = strrchr (rest, ':');
      if (last != NULL && strchr (rest, ':') == last)
        {
          host = g_strndup (rest, last - rest);
          port_text = last + 1;
        }
      else
        host = g_strdup (rest);
    }
  if (port_text != NULL)
    {
      char *end;
      port = g_ascii_strtoull (port_text, &end, 10);
      if (*port_text == '\0' || *end != '\0' || port > 65535)
        goto bad;
    }
  else
    port = transport == SIP_SIMPLE_TRANSPORT_TLS ? 5061 : 5060;
  return sip_simple_agent_listen (self, transport, host, (guint)port, error);

bad:
  g_set_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_INVALID_ARGUMENT,
               "Not a listen address: \"%s\" (use udp|tcp|tls:ADDRESS[:PORT])", spec);
  return FALSE;
}

/**
 * sip_simple_agent_get_uris:
 * @self: an agent
 *
 * Gets a URI for each bound transport, with the port actually bound, such as
 * `sip:127.0.0.1:5060;transport=udp`.
 *
 * Returns: (transfer container) (element-type SipSimpleUri): a URI for each
 *   bound transport, with the port actually bound, such as
 *   `sip:127.0.0.1:5060;transport=udp`
 *
 * Since: 0.1
 */
GPtrArray *
sip_simple_agent_get_uris (SipSimpleAgent *self)
{
  GPtrArray *out;

  g_return_val_if_fail (SIP_SIMPLE_IS_AGENT (self), NULL);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify)sip_simple_uri_unref);
  for (guint i = 0; i < self->listeners->len; i++)
    {
      Listener        *l = self->listeners->pdata[i];
      g_autofree char *text = g_strdup_printf ("sip:%s:%u;transport=%s", l->url_host, l->port,
                                               sip_simple_transport_to_string (l->transport));
      SipSimpleUri    *uri = sip_simple_uri_parse (text, NULL);
      if (uri != NULL)
        g_ptr_array_add (out, uri);
    }
  return out;
}

/**
 * sip_simple_agent_get_addresses:
 * @self: an agent
 *
 * The IP addresses the agent listens on, each once, without brackets
 * and in the order they were bound; a wildcard listener (`0.0.0.0`,
 * `::`) counts as each address of the host it was bound to. A server
 * with no domain of its own can serve these, as sipd does when it is
 * given no `--domain` (see [method@SipSimple.Agent.set_domains]).
 *
 * Returns: (transfer full) (array zero-terminated=1): the addresses
 *
 * Since: 0.1
 */
char **
sip_simple_agent_get_addresses (SipSimpleAgent *self)
{
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (SIP_SIMPLE_IS_AGENT (self), NULL);
  for (guint i = 0; i < self->listeners->len; i++)
    {
      Listener *l = self->listeners->pdata[i];
      if (g_hash_table_add (seen, l->host))
        g_strv_builder_add (b, l->host);
    }
  return g_strv_builder_end (b);
}

/**
 * sip_simple_agent_get_port:
 * @self: an agent
 * @transport: a transport
 *
 * Gets the port of the first listener of @transport, 0 if there is none.
 *
 * Returns: the port of the first listener of @transport, 0 if there is
 *   none
 *
 * Since: 0.1
 */
guint
sip_simple_agent_get_port (SipSimpleAgent *self, SipSimpleTransport transport)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_AGENT (self), 0);
  for (guint i = 0; i < self->listeners->len; i++)
    {
      Listener *l = self->listeners->pdata[i];
      if (l->transport == transport)
        return l->port;
    }
  return 0;
}

/**
 * sip_simple_agent_is_local:
 * @self: an agent
 * @uri: a URI
 *
 * Tells whether @uri names this server: the address and port of one of
 * its listeners, or one of its domains.
 *
 * Returns: %TRUE if @uri is this server
 *
 * Since: 0.1
 */
gboolean
sip_simple_agent_is_local (SipSimpleAgent *self, SipSimpleUri *uri)
{
  su_home_t        home[1] = { SU_HOME_INIT (home) };
  g_autofree char *text = NULL;
  url_t           *url;
  gboolean         local;

  g_return_val_if_fail (SIP_SIMPLE_IS_AGENT (self), FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);
  text = sip_simple_uri_to_string (uri);
  url = url_make (home, text);
  local = sip_simple_agent_is_local_url (self, url);
  su_home_deinit (home);
  return local;
}

/**
 * sip_simple_agent_close:
 * @self: an agent
 *
 * Stops listening. Requests not answered yet get `503 Shutting Down`,
 * running proxies finish with %SIP_SIMPLE_AGENT_ERROR_CLOSED, and no
 * more requests arrive. Safe to call from a signal handler of the agent
 * and more than once.
 *
 * Since: 0.1
 */
void
sip_simple_agent_close (SipSimpleAgent *self)
{
  g_autoptr (GPtrArray) pending = NULL;
  GHashTableIter iter;
  gpointer       key;
  Core          *core;

  g_return_if_fail (SIP_SIMPLE_IS_AGENT (self));
  if (self->closed)
    return;
  self->closed = TRUE;
  g_object_ref (self);
  /* helpers with transactions of their own (the presence server) let go of them */
  g_signal_emit (self, signals[SIGNAL_CLOSING], 0);

  pending = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_iter_init (&iter, self->events);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (pending, g_object_ref (key));
  for (guint i = 0; i < pending->len; i++)
    sip_simple_event_detach (pending->pdata[i]);
  g_hash_table_remove_all (self->events);

  g_hash_table_remove_all (self->registered);
  sip_simple_agent_unwatch_connections (self);
  if (self->answers_expire_id != 0)
    {
      GSource *timer = g_main_context_find_source_by_id (self->core->loop.context,
                                                         self->answers_expire_id);
      if (timer != NULL)
        g_source_destroy (timer);
      self->answers_expire_id = 0;
    }
  core = g_steal_pointer (&self->core);
  g_ptr_array_set_size (self->listeners, 0);
  if (core != NULL)
    {
      /* NTA must not be destroyed under its own feet */
      if (self->dispatching > 0)
        {
          GSource *idle = g_idle_source_new ();
          g_source_set_callback (idle, core_free_idle, core, NULL);
          g_source_set_name (idle, "sipsimple agent teardown");
          g_source_attach (idle, core->loop.context);
          g_source_unref (idle);
        }
      else
        core_free (core);
    }
  g_object_unref (self);
}

/**
 * sip_simple_agent_is_closed:
 * @self: an agent
 *
 * Tells whether [method@SipSimple.Agent.close] was called.
 *
 * Returns: %TRUE once [method@SipSimple.Agent.close] was called
 *
 * Since: 0.1
 */
gboolean
sip_simple_agent_is_closed (SipSimpleAgent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_AGENT (self), TRUE);
  return self->closed;
}

/**
 * sip_simple_agent_get_domains:
 * @self: an agent
 *
 * Gets the domains this server is responsible for.
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   domains this server is responsible for
 *
 * Since: 0.1
 */
const char *const *
sip_simple_agent_get_domains (SipSimpleAgent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_AGENT (self), NULL);
  return (const char *const *)self->domains;
}

/**
 * sip_simple_agent_set_domains:
 * @self: an agent
 * @domains: (nullable) (array zero-terminated=1): domain names
 *
 * Sets the domains this server is responsible for: a URI with one of
 * them as host is local (see [method@SipSimple.Agent.is_local]), like
 * the addresses it listens on.
 *
 * Since: 0.1
 */
void
sip_simple_agent_set_domains (SipSimpleAgent *self, const char *const *domains)
{
  g_return_if_fail (SIP_SIMPLE_IS_AGENT (self));
  g_strfreev (self->domains);
  self->domains = g_strdupv ((char **)domains);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOMAINS]);
}

/**
 * sip_simple_agent_get_user_agent:
 * @self: an agent
 *
 * Gets the Server header of the agent's own responses.
 *
 * Returns: (transfer none) (nullable): the Server header of the agent's
 *   own responses
 *
 * Since: 0.1
 */
const char *
sip_simple_agent_get_user_agent (SipSimpleAgent *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_AGENT (self), NULL);
  return self->user_agent;
}

/**
 * sip_simple_agent_set_user_agent:
 * @self: an agent
 * @user_agent: (nullable): a product name and version, %NULL for none
 *
 * Sets the Server header of the agent's own responses.
 *
 * Since: 0.1
 */
void
sip_simple_agent_set_user_agent (SipSimpleAgent *self, const char *user_agent)
{
  g_return_if_fail (SIP_SIMPLE_IS_AGENT (self));
  if (g_strcmp0 (self->user_agent, user_agent) == 0)
    return;
  g_free (self->user_agent);
  self->user_agent = g_strdup (user_agent);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_AGENT]);
}

/* ---- GObject ----------------------------------------------------------- */

static void
set_string (char **field, const GValue *value)
{
  g_free (*field);
  *field = g_value_dup_string (value);
}

static void
sip_simple_agent_set_property (GObject *object, guint prop_id, const GValue *value,
                               GParamSpec *pspec)
{
  SipSimpleAgent *self = SIP_SIMPLE_AGENT (object);

  switch (prop_id)
    {
    case PROP_DOMAINS:
      sip_simple_agent_set_domains (self, g_value_get_boxed (value));
      break;
    case PROP_USER_AGENT:
      sip_simple_agent_set_user_agent (self, g_value_get_string (value));
      break;
    case PROP_TLS_CERTIFICATE_FILE:
      set_string (&self->tls_certificate_file, value);
      break;
    case PROP_TLS_PRIVATE_KEY_FILE:
      set_string (&self->tls_private_key_file, value);
      break;
    case PROP_TLS_CA_FILE:
      set_string (&self->tls_ca_file, value);
      break;
    case PROP_SIP_TRACE:
      self->sip_trace = g_value_get_boolean (value);
      break;
    case PROP_ROUTE_IN_DIALOG:
      self->route_in_dialog = g_value_get_boolean (value);
      break;
    case PROP_NONCE_LIFETIME:
      sip_simple_digest_auth_set_nonce_lifetime (self->digest_auth, g_value_get_uint (value));
      break;
    case PROP_DIGEST_ALGORITHMS:
      {
        g_autoptr (GError) error = NULL;
        if (!sip_simple_digest_auth_set_algorithms (self->digest_auth, g_value_get_boxed (value),
                                                    &error))
          g_warning ("%s ignored", error->message);
      }
      break;
    case PROP_MAX_TRANSACTIONS:
      self->max_transactions = g_value_get_uint (value);
      if (self->max_transactions == 0)
        set_overloaded (self, FALSE);
      break;
    case PROP_RETRY_AFTER:
      self->retry_after = g_value_get_uint (value);
      break;
    case PROP_TCP_IDLE_TIMEOUT:
      self->tcp_idle_timeout = g_value_get_uint (value);
      sip_simple_agent_update_connection_limits (self);
      break;
    case PROP_TCP_MESSAGE_TIMEOUT:
      self->tcp_message_timeout = g_value_get_uint (value);
      sip_simple_agent_update_connection_limits (self);
      break;
    case PROP_MAX_CONNECTIONS:
      self->max_connections = g_value_get_uint (value);
      break;
    case PROP_STATELESS_ANSWERS:
      self->stateless_answers = g_value_get_boolean (value);
      if (self->core != NULL)
        nta_agent_set_params (self->core->nta,
                              NTATAG_STATELESS (self->stateless_answers || self->overloaded),
                              TAG_END ());
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_agent_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SipSimpleAgent *self = SIP_SIMPLE_AGENT (object);

  switch (prop_id)
    {
    case PROP_DOMAINS:
      g_value_set_boxed (value, self->domains);
      break;
    case PROP_USER_AGENT:
      g_value_set_string (value, self->user_agent);
      break;
    case PROP_TLS_CERTIFICATE_FILE:
      g_value_set_string (value, self->tls_certificate_file);
      break;
    case PROP_TLS_PRIVATE_KEY_FILE:
      g_value_set_string (value, self->tls_private_key_file);
      break;
    case PROP_TLS_CA_FILE:
      g_value_set_string (value, self->tls_ca_file);
      break;
    case PROP_SIP_TRACE:
      g_value_set_boolean (value, self->sip_trace);
      break;
    case PROP_ROUTE_IN_DIALOG:
      g_value_set_boolean (value, self->route_in_dialog);
      break;
    case PROP_NONCE_LIFETIME:
      g_value_set_uint (value, sip_simple_digest_auth_get_nonce_lifetime (self->digest_auth));
      break;
    case PROP_DIGEST_ALGORITHMS:
      g_value_set_boxed (value, sip_simple_digest_auth_get_algorithms (self->digest_auth));
      break;
    case PROP_MAX_TRANSACTIONS:
      g_value_set_uint (value, self->max_transactions);
      break;
    case PROP_RETRY_AFTER:
      g_value_set_uint (value, self->retry_after);
      break;
    case PROP_TCP_IDLE_TIMEOUT:
      g_value_set_uint (value, self->tcp_idle_timeout);
      break;
    case PROP_TCP_MESSAGE_TIMEOUT:
      g_value_set_uint (value, self->tcp_message_timeout);
      break;
    case PROP_MAX_CONNECTIONS:
      g_value_set_uint (value, self->max_connections);
      break;
    case PROP_STATELESS_ANSWERS:
      g_value_set_boolean (value, self->stateless_answers);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_agent_dispose (GObject *object)
{
  sip_simple_agent_close (SIP_SIMPLE_AGENT (object));
  G_OBJECT_CLASS (sip_simple_agent_parent_class)->dispose (object);
}

static void
sip_simple_agent_finalize (GObject *object)
{
  SipSimpleAgent *self = SIP_SIMPLE_AGENT (object);

  g_ptr_array_unref (self->listeners);
  g_hash_table_unref (self->events);
  g_hash_table_unref (self->registered);
  g_strfreev (self->domains);
  g_free (self->user_agent);
  g_free (self->tls_certificate_file);
  g_free (self->tls_private_key_file);
  g_free (self->tls_ca_file);
  sip_simple_digest_auth_free (self->digest_auth);
  sip_simple_answers_free (self->answers);
  memset (self->dialog_key, 0, sizeof self->dialog_key);
  G_OBJECT_CLASS (sip_simple_agent_parent_class)->finalize (object);
}

static void
sip_simple_agent_class_init (SipSimpleAgentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = sip_simple_agent_set_property;
  object_class->get_property = sip_simple_agent_get_property;
  object_class->dispose = sip_simple_agent_dispose;
  object_class->finalize = sip_simple_agent_finalize;

  /**
   * SipSimpleAgent:domains: (type GStrv)
   *
   * The domains this server is responsible for (see
   * [method@SipSimple.Agent.set_domains]).
   *
   * Since: 0.1
   */
  properties[PROP_DOMAINS]
      = g_param_spec_boxed ("domains", NULL, "Domains served", G_TYPE_STRV,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleAgent:user-agent:
   *
   * The Server header of the agent's own responses, %NULL for none.
   *
   * Since: 0.1
   */
  properties[PROP_USER_AGENT]
      = g_param_spec_string ("user-agent", NULL, "Server header value", "libsipsimple",
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleAgent:tls-certificate-file:
   *
   * A PEM file with the server's certificate (and its private key, unless
   * #SipSimpleAgent:tls-private-key-file is set), needed to listen on TLS.
   *
   * Since: 0.1
   */
  properties[PROP_TLS_CERTIFICATE_FILE]
      = g_param_spec_string ("tls-certificate-file", NULL, "TLS certificate (PEM)", NULL,
                             G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleAgent:tls-private-key-file:
   *
   * A PEM file with the private key of the TLS certificate.
   *
   * Since: 0.1
   */
  properties[PROP_TLS_PRIVATE_KEY_FILE]
      = g_param_spec_string ("tls-private-key-file", NULL, "TLS private key (PEM)", NULL,
                             G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleAgent:tls-ca-file:
   *
   * The CAs to trust when forwarding over TLS (default: the system's).
   *
   * Since: 0.1
   */
  properties[PROP_TLS_CA_FILE] = g_param_spec_string (
      "tls-ca-file", NULL, "Trusted CAs (PEM)", NULL, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleAgent:sip-trace:
   *
   * Log every SIP message sent and received (in the `SipSimple-sofia` log
   * domain, at debug level); takes effect for transports bound afterwards.
   * `TPORT_LOG=1` in the environment does the same.
   *
   * Since: 0.1
   */
  properties[PROP_SIP_TRACE] = g_param_spec_boolean ("sip-trace", NULL, "Log SIP messages", FALSE,
                                                     G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleAgent:route-in-dialog:
   *
   * Relay requests inside a dialog that carry this agent's Record-Route
   * of that dialog (its `rrtoken` matches the request's Call-ID and tags)
   * in their Route set without emitting #SipSimpleAgent::incoming for
   * them. Other requests with a To tag are always handed to `incoming`.
   *
   * Since: 0.1
   */
  properties[PROP_ROUTE_IN_DIALOG]
      = g_param_spec_boolean ("route-in-dialog", NULL, "Relay in-dialog requests by Route", TRUE,
                              G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleAgent:nonce-lifetime:
   *
   * Seconds a Digest nonce of [method@SipSimple.Event.challenge] stays
   * valid; older ones are stale.
   *
   * Since: 0.1
   */
  properties[PROP_NONCE_LIFETIME]
      = g_param_spec_uint ("nonce-lifetime", NULL, "Digest nonce lifetime (s)", 1, G_MAXUINT, 300,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleAgent:digest-algorithms: (type GStrv)
   *
   * The Digest algorithms [method@SipSimple.Event.challenge] offers, most
   * preferred first: `SHA-256`, `MD5` and their `-sess` variants. Default:
   * SHA-256 then MD5 (RFC 8760). Some clients answer only the first
   * challenge they see; offer MD5 alone for those.
   *
   * Since: 0.1
   */
  properties[PROP_DIGEST_ALGORITHMS]
      = g_param_spec_boxed ("digest-algorithms", NULL, "Digest algorithms offered", G_TYPE_STRV,
                            G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  /**
   * SipSimpleAgent:max-transactions:
   *
   * Overload control: how many server transactions the agent keeps at
   * most, 0 for no limit. A transaction is what a request costs in
   * memory (about 10 KB, its request and response), from its arrival
   * until it is answered, and over UDP for 32 s more to absorb
   * retransmissions (RFC 3261 17.2.2). Beyond the limit, new requests are
   * answered `503 Service Unavailable` with a `Retry-After` of
   * #SipSimpleAgent:retry-after seconds, statelessly (nothing is kept for
   * them and no handler sees them, nor #SipSimpleAgent::finished); ACK
   * and CANCEL are never refused. Transactions are made again once the
   * count is back under seven eighths of the limit.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_TRANSACTIONS] = g_param_spec_uint (
      "max-transactions", NULL, "Server transactions kept at most (0: no limit)", 0, G_MAXUINT,
      SIP_SIMPLE_AGENT_DEFAULT_MAX_TRANSACTIONS, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleAgent:retry-after:
   *
   * The `Retry-After` (in seconds) of the `503` answered when the agent is
   * overloaded (see #SipSimpleAgent:max-transactions).
   *
   * Since: 0.1
   */
  properties[PROP_RETRY_AFTER]
      = g_param_spec_uint ("retry-after", NULL, "Retry-After of overload 503s (s)", 0, 86400, 5,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  /**
   * SipSimpleAgent:tcp-idle-timeout:
   *
   * Seconds after which a TCP or TLS connection that carried nothing is
   * closed, 0 for never. A connection over which a REGISTER was answered
   * `2xx` is kept while that registration lasts (requests for the
   * registered client may have to go over it). A connection that never
   * sent a byte is shut down once it is that old.
   *
   * Since: 0.1
   */
  properties[PROP_TCP_IDLE_TIMEOUT] = g_param_spec_uint (
      "tcp-idle-timeout", NULL, "Idle connections closed after (s, 0: never)", 0, G_MAXUINT / 1000,
      120, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleAgent:tcp-message-timeout:
   *
   * Seconds a message that started to arrive over TCP or TLS may go
   * without a byte more before it is given up (with a `400` when it can
   * be answered) and the connection shut down, 0 for no limit: a peer
   * that sends half a message, or a body shorter than its
   * Content-Length, does not hold the connection for ever.
   *
   * Since: 0.1
   */
  properties[PROP_TCP_MESSAGE_TIMEOUT] = g_param_spec_uint (
      "tcp-message-timeout", NULL, "Incomplete messages given up after (s, 0: never)", 0,
      G_MAXUINT / 1000, 10, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  /**
   * SipSimpleAgent:max-connections:
   *
   * How many TCP and TLS connections the agent's listeners accept at
   * most, 0 for no limit. At the limit (checked four times a second, so
   * a burst may go a little beyond it), and whenever the process is about
   * to run out of file descriptors, new connections are reset at once
   * while those open keep being served.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_CONNECTIONS] = g_param_spec_uint (
      "max-connections", NULL, "TCP/TLS connections accepted at most (0: no limit)", 0, G_MAXUINT,
      2048, G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  /**
   * SipSimpleAgent:stateless-answers:
   *
   * Whether REGISTER, OPTIONS, MESSAGE and PUBLISH requests out of a
   * dialog over UDP are handled without a server transaction, as
   * Kamailio's `sl` module answers them: a handler that answers at once
   * (a registration, a challenge, a 404) costs no transaction kept for
   * 32 s, only the encoded response, kept about 8 s after it was last
   * sent to answer retransmissions (which are dropped while the handler
   * is still at work). A request that is proxied gets its transaction
   * when the proxy starts. What handlers see does not change.
   *
   * Since: 0.1
   */
  properties[PROP_STATELESS_ANSWERS] = g_param_spec_boolean (
      "stateless-answers", NULL, "Requests answered at once keep no transaction", TRUE,
      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SipSimpleAgent::incoming:
   * @self: the agent
   * @event: the request
   *
   * A new request arrived (not a retransmission, not the ACK of a
   * non-2xx, not a CANCEL of a transaction in progress). Act on @event;
   * if no handler does, the agent answers `501 Not Implemented` when the
   * emission is over. A handler that will act later calls
   * [method@SipSimple.Event.pause] and keeps a reference.
   *
   * Since: 0.1
   */
  signals[SIGNAL_INCOMING]
      = g_signal_new ("incoming", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                      G_TYPE_NONE, 1, SIP_SIMPLE_TYPE_EVENT);

  /**
   * SipSimpleAgent::finished:
   * @self: the agent
   * @event: the request
   *
   * A request is done with: its final response went out
   * ([method@SipSimple.Event.get_status]), or it was an ACK that was
   * forwarded or dropped (status 0). Emitted for every request, those
   * relayed by the agent itself included: the place for a log line.
   *
   * Since: 0.1
   */
  signals[SIGNAL_FINISHED]
      = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                      G_TYPE_NONE, 1, SIP_SIMPLE_TYPE_EVENT);

  /**
   * SipSimpleAgent::closing:
   * @self: the agent
   *
   * [method@SipSimple.Agent.close] was called: the transports and
   * transactions are about to go. Objects that send requests of their
   * own through the agent (a [class@SipSimple.PresenceServer]) drop them
   * here.
   *
   * Since: 0.1
   */
  signals[SIGNAL_CLOSING] = g_signal_new ("closing", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sip_simple_agent_init (SipSimpleAgent *self)
{
  self->listeners = g_ptr_array_new_with_free_func ((GDestroyNotify)listener_free);
  self->events = g_hash_table_new (NULL, NULL);
  self->user_agent = g_strdup ("libsipsimple");
  self->route_in_dialog = TRUE;
  self->max_transactions = SIP_SIMPLE_AGENT_DEFAULT_MAX_TRANSACTIONS;
  self->retry_after = 5;
  self->tcp_idle_timeout = 120;
  self->tcp_message_timeout = 10;
  self->max_connections = 2048;
  self->reserve_fd = -1;
  self->registered
      = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)sip_simple_agent_held_free);
  self->digest_auth = sip_simple_digest_auth_new ();
  self->stateless_answers = TRUE;
  /* about 8 s of REGISTERs at 12,000/s, some 70 MB at most */
  self->answers = sip_simple_answers_new (8, 100000);
  sip_simple_random_bytes (self->dialog_key, sizeof self->dialog_key);
}

/**
 * sip_simple_agent_new:
 *
 * Makes an agent that does nothing until it listens
 * ([method@SipSimple.Agent.listen]). It runs in the thread-default main
 * context of the calling thread.
 *
 * Returns: (transfer full): a new agent
 *
 * Since: 0.1
 */
SipSimpleAgent *
sip_simple_agent_new (void)
{
  return g_object_new (SIP_SIMPLE_TYPE_AGENT, NULL);
}
