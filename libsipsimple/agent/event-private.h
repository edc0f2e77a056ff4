/* libsipsimple - SipSimpleEvent internals shared by its files
 * (event*.c) and the proxy (never installed)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "agent-private.h"

G_BEGIN_DECLS

typedef struct _SipSimpleProxy SipSimpleProxy;

/* A proxy target: the Request-URI of one branch and, optionally, where
 * to send it instead of the URI's own address (a registered contact's
 * source address) and a Path (pre-loaded Route set). */
typedef struct
{
  SipSimpleUri *uri;
  char         *uri_text;
  char         *next_hop;
  GStrv         path;
} SipSimpleTarget;

struct _SipSimpleEvent
{
  GObject             parent_instance;

  SipSimpleAgent     *agent;
  nta_agent_t        *nta;       /* NULL once detached (agent closed) */
  nta_incoming_t     *irq;       /* NULL once answered or detached, and while
                                    * handled statelessly */
  char               *answer_key; /* handled statelessly: the key of its answer */
  msg_t              *msg;       /* the request; edited in place */
  sip_t              *sip;
  tport_t            *tport;     /* the listener it came in on (no reference) */
  SipSimpleTransport  transport;
  char                source_address[64];
  guint               source_port;
  gsize               size;
  sip_method_t        method;

  /* lazily made views of the request */
  SipSimpleUri       *uri;
  SipSimpleNameAddr  *from;
  SipSimpleNameAddr  *to;
  GBytes             *body;
  char               *content_type;
  GStringChunk       *strings;   /* const char * results */

  GPtrArray          *targets;   /* SipSimpleTarget * */

  /* state */
  guint               status;    /* final status sent, 0 before */
  char               *reason;
  guint               acted : 1;     /* an action or pause() since the last dispatch */
  guint               paused : 1;
  guint               done : 1;      /* finished: answered, forwarded (ACK) or dropped */
  guint               cancelled : 1; /* the caller sent CANCEL */
  guint               routes_stripped;
  guint               own_record_route : 1; /* a stripped Route is our Record-Route of this dialog */
  SipSimpleAuthResult last_auth;
  char               *auth_user;
  guint               proxy_status;
  char               *proxy_reason;
  msg_t              *best_response; /* of the last proxy, not sent yet */
  SipSimpleProxy     *proxy;     /* the running proxy */
  GTask              *proxy_task;
};

/* event.c */
/* Marks the event done (forwarded ACK, dropped) without a response */
void      sip_simple_event_finish           (SipSimpleEvent *self);
/* A copy of @s that lives as long as the event */
const char *sip_simple_event_keep           (SipSimpleEvent *self,
                                             const char     *s);

/* event-request.c */
gboolean  sip_simple_event_valid_header_name  (const char *name);
/* no line breaks */
gboolean  sip_simple_event_valid_header_value (const char *value);
/* Appends "@name: @value" to @msg, checked (AGENT_ERROR_INVALID_ARGUMENT) */
gboolean  sip_simple_msg_add_header_text      (msg_t       *msg,
                                               const char  *name,
                                               const char  *value,
                                               GError     **error);

/* event-actions.c */
gboolean  sip_simple_event_check_actionable (SipSimpleEvent *self,
                                             GError        **error);
/* Sends @response (a complete response message: our reference is taken)
 * or, with @response NULL, a response made from @code and @reason.
 * Updates the state and finishes the event for a final response. */
gboolean  sip_simple_event_send_response    (SipSimpleEvent *self,
                                             msg_t          *response,
                                             guint           code,
                                             const char     *reason);
/* What the agent does when no handler acted: drops an ACK, answers a
 * CANCEL 481 and anything else 501 */
void      sip_simple_event_default_answer   (SipSimpleEvent *self);

/* event-proxy.c */
/* Called by the proxy when it has finished (after it has let go of the
 * event): @best is the best final response received (our reference is
 * taken), or NULL when @status was made up (408 after the timeout, ...) */
void      sip_simple_event_proxy_done       (SipSimpleEvent      *self,
                                             SipSimpleProxyResult result,
                                             guint                status,
                                             const char          *reason,
                                             msg_t               *best,
                                             GError              *error);
void      sip_simple_target_free            (SipSimpleTarget *target);

/* proxy.c */
void      sip_simple_proxy_start            (SipSimpleEvent      *event,
                                             guint                timeout,
                                             SipSimpleProxyFlags  flags);
/* the caller sent CANCEL */
void      sip_simple_proxy_cancel           (SipSimpleProxy      *proxy);
/* the agent is closing: forget every transaction */
void      sip_simple_proxy_detach           (SipSimpleProxy      *proxy);

G_END_DECLS
