/* libsipsimple - internals of the agent layer (never installed)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sipsimple/agent/agent.h>
#include <sipsimple/agent/event.h>
#include <sipsimple/agent/memory-location.h>
#include "digest-auth-private.h"

#include <sofia-sip/nta.h>
#include <sofia-sip/nta_stateless.h>
#include <sofia-sip/nta_tport.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_util.h>
#include <sofia-sip/tport.h>

G_BEGIN_DECLS

/* ---- agent.c ----------------------------------------------------------- */

nta_agent_t *sip_simple_agent_get_nta           (SipSimpleAgent   *self);
/* TRUE if @url (a Route or Request-URI) names one of our listeners or
 * served domains */
gboolean     sip_simple_agent_is_local_url      (SipSimpleAgent   *self,
                                                 const url_t      *url);
/* The Record-Route URI for a listener of protocol @proto ("udp", "tcp",
 * "tls") close to @like (a primary or secondary tport), of address family
 * @family (AF_INET, AF_INET6; 0: that of @like) when the agent has one, or
 * NULL. */
char        *sip_simple_agent_record_route_uri  (SipSimpleAgent   *self,
                                                 tport_t          *like,
                                                 const char       *proto,
                                                 int               family);
const char  *sip_simple_agent_get_server_header (SipSimpleAgent   *self);
/* The value of the `rrtoken` parameter of our Record-Route in a dialog
 * with @call_id whose first request had the From tag @tag: a MAC under a
 * key of the agent, so that only dialogs we record-routed are relayed
 * (16 hex digits) */
char        *sip_simple_agent_dialog_token      (SipSimpleAgent   *self,
                                                 const char       *call_id,
                                                 const char       *tag);
/* TRUE if @token is the token of @sip's dialog, seen from either side */
gboolean     sip_simple_agent_dialog_token_matches (SipSimpleAgent *self,
                                                    const sip_t    *sip,
                                                    const char     *token);
/* The name of a header that may appear once but came more than once in
 * @sip, or NULL. sofia keeps the extra copies on the message's error list,
 * and asserts when it serializes a copy of such a message: requests like
 * these are answered 400, responses are dropped. */
const char  *sip_simple_agent_repeated_header   (const sip_t      *sip);
/* A request line for @method (or @name) to @uri, allocated from @home, or
 * NULL when sofia cannot read @uri. Never hand sip_request_create() a URI
 * string: when its parser refuses one (a port such as "5060-/x"), the copy
 * comes out shorter than measured and sofia asserts. */
sip_request_t *sip_simple_agent_request_line  (su_home_t        *home,
                                               sip_method_t      method,
                                               const char       *name,
                                               const char       *uri);
/* Where nta sends @sip: @route_url, else its first Route if loose, else
 * its Request-URI (the URL allocated from @home when it is @route_url) */
const url_t *sip_simple_agent_next_hop_url      (su_home_t          *home,
                                                 url_string_t const *route_url,
                                                 const sip_t        *sip);
/* AF_INET or AF_INET6 when @url's host is an IP address, else 0 */
int          sip_simple_agent_url_family        (const url_t        *url);
/* The next hop to give nta for @sip (sip_simple_agent_next_hop_url()),
 * with the bare address added as maddr when the host is an IPv6 reference. sofia-sip 1.12.11
 * picks the listener by the family of the host but does not take "[::1]"
 * for IPv6: it sends through the first listener of the protocol, on a
 * dual-stack agent an IPv4 one, and the send fails. maddr=::1 only steers
 * the send; the message goes out as it is. Returns @route_url when there
 * is nothing to add; a copy allocated from @home otherwise. */
url_string_t const *sip_simple_agent_next_hop (su_home_t          *home,
                                               url_string_t const *route_url,
                                               const sip_t        *sip);
/* The agent's Digest nonces, challenges and verification */
SipSimpleDigestAuth *sip_simple_agent_get_digest_auth (SipSimpleAgent *self);
/* Keeps the connection (TCP, TLS) of @irq open for @seconds more: a
 * registration lives behind it (0: it ended); nothing for datagrams */
void         sip_simple_agent_hold_connection   (SipSimpleAgent   *self,
                                                 nta_incoming_t   *irq,
                                                 guint             seconds);
/* A request handled statelessly was answered with @response: keep it for
 * retransmissions */
void         sip_simple_agent_answered          (SipSimpleAgent   *self,
                                                 const char       *key,
                                                 msg_t            *response);
/* A request handled statelessly got a transaction, or no answer */
void         sip_simple_agent_forget_answer     (SipSimpleAgent   *self,
                                                 const char       *key);
/* A server transaction was made for @sip (the overload bound counts it) */
void         sip_simple_agent_count_transaction (SipSimpleAgent   *self,
                                                 const sip_t      *sip);
void         sip_simple_agent_event_done        (SipSimpleAgent   *self,
                                                 SipSimpleEvent   *event);
void         sip_simple_agent_forget_event      (SipSimpleAgent   *self,
                                                 SipSimpleEvent   *event);

/* ---- event.c, event-actions.c, event-proxy.c ------------------------------ */

SipSimpleEvent *sip_simple_event_new            (SipSimpleAgent   *agent,
                                                 nta_incoming_t   *irq,
                                                 const sip_t      *sip);
/* A request handled without a transaction: takes @msg and @answer_key */
SipSimpleEvent *sip_simple_event_new_stateless  (SipSimpleAgent   *agent,
                                                 msg_t            *msg,
                                                 const sip_t      *sip,
                                                 char             *answer_key);
/* Gives a request handled statelessly its server transaction (before it
 * is proxied or answered provisionally); FALSE if it cannot have one */
gboolean        sip_simple_event_ensure_transaction (SipSimpleEvent *self);
/* Removes the leading Route entries that name us (RFC 3261 16.4);
 * returns how many were removed. */
guint        sip_simple_event_strip_own_routes  (SipSimpleEvent   *self);
/* Called after the incoming signal: default answer if nobody acted */
void         sip_simple_event_dispatched        (SipSimpleEvent   *self);
/* The agent is closing: answer 503 if unanswered, let go of NTA objects */
void         sip_simple_event_detach            (SipSimpleEvent   *self);
gboolean     sip_simple_event_is_in_dialog_route (SipSimpleEvent  *self);
void         sip_simple_event_route_in_dialog   (SipSimpleEvent   *self);

/* ---- via.c, memory-location.c --------------------------------------------- */

GPtrArray   *sip_simple_memory_location_update  (SipSimpleMemoryLocation *self,
                                                 const char              *aor,
                                                 GPtrArray               *bindings,
                                                 gboolean                 remove_all,
                                                 GError                 **error);
/* What every backend shares: the update rule of the Location interface on a
 * list of bindings (changed in place; expired ones in @bindings remove
 * their contact's), and copies of a list's live bindings, highest q first,
 * equal q-values in list order. */
void         sip_simple_location_apply          (GPtrArray               *list,
                                                 GPtrArray               *bindings,
                                                 gboolean                 remove_all);
GPtrArray   *sip_simple_location_live_copies    (GPtrArray               *list);
/* The changes of an update that the stored bindings do not supersede (RFC
 * 3261 10.3 step 7: same contact and Call-ID, CSeq not above the stored
 * one); a new array of pointers into @changes */
GPtrArray   *sip_simple_location_in_order_changes (GPtrArray             *changes,
                                                 GPtrArray               *stored);

/* ---- location-backend.c: what the database backends share ------------------ */

/* Reconnection attempts: 0.1 s after the first failure, then twice as long
 * each time, up to 5 s; zero-filled to start */
typedef struct
{
  GSource *source;   /* the attempt waited for */
  guint    delay_ms; /* the next one's */
} SipSimpleReconnect;
/* Runs @func (which calls sip_simple_reconnect_fired first) after the delay,
 * unless an attempt is already scheduled */
void         sip_simple_reconnect_schedule      (SipSimpleReconnect      *self,
                                                 GMainContext            *context,
                                                 GSourceFunc              func,
                                                 gpointer                 data,
                                                 const char              *name);
void         sip_simple_reconnect_fired         (SipSimpleReconnect      *self);
/* Connected: the next failure waits the shortest time again */
void         sip_simple_reconnect_reset         (SipSimpleReconnect      *self);
/* Finishes *@task (stolen) with @bindings or @error (both taken); when it
 * was finished already (timed out), drops them */
void         sip_simple_location_task_return    (GTask                  **task,
                                                 GPtrArray               *bindings,
                                                 GError                  *error);
/* The lookup_finish and update_finish of a backend whose tasks return the
 * bindings */
GPtrArray   *sip_simple_location_task_finish    (SipSimpleLocation       *location,
                                                 GAsyncResult            *result,
                                                 GError                 **error);

G_END_DECLS
