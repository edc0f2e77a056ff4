/* libsipsimple - SipSimpleClientRequest for its subclasses: the NUA handle,
 * digest rounds, the first hop (private to the engine folder)
 *
 * A request owns at most one NUA handle at a time. Its events go to the
 * subclass's event function, except the engine going away: then the base
 * forgets the handle and calls the engine_stopped virtual method.
 *
 * engine_stopped is called once when the engine leaves the running state,
 * and once more when the stack is torn down while the request still had
 * its handle (sip_simple_client_request_get_handle() then returns NULL).
 * So a request that still has its handle when the engine stops chooses:
 * release it at once (the stack's shutdown then leaves it alone), or keep
 * it so that the shutdown ends the dialog (a call gets its BYE) and report
 * the end on the second call.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sipsimple/engine/client-request.h>
#include "engine-private.h"

G_BEGIN_DECLS

/* Receives the events of the request's handle. */
typedef void (*SipSimpleClientRequestEventFunc) (SipSimpleClientRequest  *self,
                                                 const SipSimpleNuaEvent *ev);

/* NOT_RUNNING unless the engine runs. */
gboolean      sip_simple_client_request_check_running  (SipSimpleClientRequest          *self,
                                                        GError                         **error);

/* A new handle with these From and To values; the outbound proxy, if set,
 * becomes its first hop. The request must have none. NULL with an error
 * when the engine is not running or the addresses are refused. */
nua_handle_t *sip_simple_client_request_create_handle  (SipSimpleClientRequest          *self,
                                                        const char                      *from,
                                                        const char                      *to,
                                                        SipSimpleClientRequestEventFunc  func,
                                                        GError                         **error);
/* Takes a handle a new incoming request opened (an INVITE). */
void          sip_simple_client_request_bind_handle    (SipSimpleClientRequest          *self,
                                                        nua_handle_t                    *nh,
                                                        SipSimpleClientRequestEventFunc  func);
nua_handle_t *sip_simple_client_request_get_handle     (SipSimpleClientRequest          *self);
/* Destroys the handle (no more events) and ends the digest round. */
void          sip_simple_client_request_release_handle (SipSimpleClientRequest          *self);

/* Digest: a round is one request and the challenges to it. Each 401/407 is
 * answered with the credentials once per round: a second challenge means
 * they are wrong. Start a round when sending a request (and after a
 * success, for the stack's own refreshes). */
void          sip_simple_client_request_reset_auth     (SipSimpleClientRequest          *self);
/* A 401/407 for the handle: answers it (MD5 or SHA-256 through the auth
 * plugin) and returns TRUE; the request goes again and its answer is a
 * new event. FALSE for any other answer, without credentials, or when the
 * credentials were already sent this round. */
gboolean      sip_simple_client_request_authenticate   (SipSimpleClientRequest          *self,
                                                        const SipSimpleNuaEvent         *ev);
/* Why a final @status that was not answered with credentials failed:
 * wrong credentials, or no password; NULL when neither (use the phrase). */
const char   *sip_simple_client_request_auth_failure   (SipSimpleClientRequest          *self,
                                                        guint                            status);
/* The reason a final failure is reported with: the digest failure above,
 * else @phrase, else the standard phrase of @status. */
const char   *sip_simple_client_request_failure_reason (SipSimpleClientRequest          *self,
                                                        guint                            status,
                                                        const char                      *phrase);
/* Whether @ev is a final answer for the subclass to handle: not a
 * provisional one, and not a challenge that was just answered with the
 * credentials (then the request goes again). */
gboolean      sip_simple_client_request_final_answer   (SipSimpleClientRequest          *self,
                                                        const SipSimpleNuaEvent         *ev);

/* The transport of the first hop: the outbound proxy's, else @target's
 * (TLS for sips:, else its transport= parameter, else UDP). */
SipSimpleTransport sip_simple_client_request_first_hop (SipSimpleClientRequest          *self,
                                                        SipSimpleUri                    *target);
/* Our Contact header value ("<uri>") on the first hop's transport, so that
 * the peer's requests come back the way ours leave; NULL when the engine
 * does not listen on it. */
char         *sip_simple_client_request_contact        (SipSimpleClientRequest          *self,
                                                        const char                      *user,
                                                        SipSimpleUri                    *target);

/* Lifetimes: a Registration, Subscription or Publication asks for one
 * (its "expires" property, 600 s unless set) and is granted one by the
 * server ("granted-expires", 0 without one); the stack refreshes it. The
 * two properties are defined here once; each class installs them under
 * its own ids and keeps the values. */
GParamSpec   *sip_simple_client_request_expires_param         (void);
GParamSpec   *sip_simple_client_request_granted_expires_param (void);
/* The Expires of a response, @fallback when it has none. */
guint         sip_simple_client_request_expires_of     (const sip_t                     *sip,
                                                        guint                            fallback);
/* Sets *@field to @value and notifies @pspec, unless it was @value. */
void          sip_simple_client_request_set_uint       (SipSimpleClientRequest          *self,
                                                        guint                           *field,
                                                        guint                            value,
                                                        GParamSpec                      *pspec);

G_END_DECLS
