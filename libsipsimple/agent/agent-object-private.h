/* libsipsimple - SipSimpleAgent's instance structure, shared by the files
 * of the agent object (agent.c, agent-connections.c; never installed)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sipsimple/agent/agent.h>
#include "answers-private.h"
#include "digest-auth-private.h"
#include "engine/sofia-internal.h"
#include <sofia-sip/nta.h>
#include <sofia-sip/tport.h>

G_BEGIN_DECLS

/* How long sofia keeps a completed server transaction of a datagram
 * transport (timer J, 64 * T1, RFC 3261 17.2.2): what a request costs in
 * memory after it is answered, and so the span over which the agent
 * counts them. */
#define OVERLOAD_WINDOW 32

/* Measured: sipd grows by 10.8 KB per REGISTER over UDP (its transaction
 * and its binding), so some 175 MB at most for transactions; that is a
 * sustained 500 requests/s over UDP with full transactions */
#define SIP_SIMPLE_AGENT_DEFAULT_MAX_TRANSACTIONS 16000

typedef struct
{
  SipSimpleTransport transport;
  char              *host;     /* bare address */
  char              *url_host; /* IPv6 in brackets */
  guint              port;
  tport_t           *tport; /* the primary transport */
  int                fd;    /* its socket (listening for TCP, TLS), -1 if unknown */
  GSource           *refuser; /* accepts and closes while at the connection limit */
} Listener;

/* The sofia-sip objects: freed together, from an idle when the agent is
 * closed from inside one of its own callbacks. */
typedef struct
{
  SipSimpleSofiaLoop loop;
  nta_agent_t       *nta;
  nta_leg_t         *leg;
} Core;

struct _SipSimpleAgent
{
  GObject parent_instance;

  Core       *core;
  GPtrArray  *listeners; /* Listener * */
  GHashTable *events;    /* SipSimpleEvent * pending (no reference) */
  guint       dispatching;
  gboolean    closed;

  char   **domains;
  char    *user_agent;
  char    *tls_certificate_file;
  char    *tls_private_key_file;
  char    *tls_ca_file;
  gboolean sip_trace;
  gboolean route_in_dialog;

  SipSimpleDigestAuth *digest_auth; /* nonces, challenges, verification */
  guint8               dialog_key[32]; /* of the Record-Route tokens */

  /* overload control: the server transactions kept over datagram
   * transports in the last OVERLOAD_WINDOW seconds, one slot a second */
  guint   max_transactions; /* 0: no limit */
  guint   retry_after;
  gboolean overloaded;      /* nta is stateless: new requests go to message_callback */
  gint64  window_second;    /* the second of window[window_second % N] */
  guint   window[OVERLOAD_WINDOW];
  guint   window_total;
  guint64 overload_replies; /* 503s sent statelessly */

  /* requests answered without a transaction (see answers.c) */
  gboolean          stateless_answers;
  SipSimpleAnswers *answers;
  guint             answers_expire_id; /* the timer of expire_answers() */
  guint64           answers_resent;    /* answers sent again for retransmissions */
  guint             ticks;             /* of the answers' timer, for malloc_trim() */

  /* the requests waiting in the UDP sockets (see queue_full()) */
  gboolean saturated;

  /* connections (TCP, TLS) */
  guint       tcp_idle_timeout;    /* s, 0: never closed for idleness */
  guint       tcp_message_timeout; /* s, 0: no limit */
  GHashTable *registered;          /* tport_t * -> Held *: connections with a binding behind them */
  guint       max_connections;     /* 0: no limit */
  guint       connection_check_id; /* the timer of check_connections() */
  gboolean    refusing;            /* at the limit: new connections refused */
  int         reserve_fd;          /* given up to accept and refuse at the descriptor limit */
};

/* A connection with a registration behind it: the reference keeps sofia
 * from closing it for idleness until the registration expires */
typedef struct
{
  SipSimpleAgent *agent;
  tport_t        *tport;
  GSource        *timeout; /* in the agent's context */
} Held;

/* agent-connections.c: the TCP/TLS connection limits */
void     sip_simple_agent_held_free                (Held           *held);
void     sip_simple_agent_set_connection_limits    (SipSimpleAgent *self,
                                                    tport_t        *tp);
void     sip_simple_agent_update_connection_limits (SipSimpleAgent *self);
/* After a stream listener was added: find its socket, start counting */
void     sip_simple_agent_watch_connections        (SipSimpleAgent *self);
void     sip_simple_agent_unwatch_connections      (SipSimpleAgent *self);

G_END_DECLS
