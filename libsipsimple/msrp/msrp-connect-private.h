/* libsipsimple - how an MSRP session gets its connection: listening,
 * connecting, TLS with certificate and fingerprint checks (RFC 4975
 * section 14, RFC 8122), relay AUTH with digest and Use-Path (RFC 4976),
 * and binding (the active side's empty SEND, RFC 6135 roles)
 *
 * prepare: without a relay, listen on local-address:local-port; with one,
 * connect to it (its certificate checked against the CAs), AUTH (answering
 * one digest challenge) and keep its Use-Path. start: the active side
 * connects to the first hop of the remote path (its certificate checked
 * against remote-fingerprint, else the CAs) and binds with an empty SEND;
 * the passive side accepts connections one at a time until one binds
 * (msrp-session.c checks the first request's paths), dropping those that
 * fail or stall. Through a relay the connection is up already.
 *
 * The connection, once there, is msrp-connection.c's.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "msrp-session-private.h"

G_BEGIN_DECLS

/* prepare_async() and start_async() past their argument checks: each
 * takes @task (with its cancellable) and completes it; a start that
 * passes its state checks is under way in state CONNECTING */
void sip_simple_msrp_connect_prepare (SipSimpleMsrpSession *self, GTask *task);
void sip_simple_msrp_connect_start (SipSimpleMsrpSession *self, GTask *task);
/* The session is bound (@error NULL), or could not be: completes the start */
void sip_simple_msrp_connect_complete_start (SipSimpleMsrpSession *self, GError *error);

/* The responses to TX_BIND and TX_AUTH; NULL when the transaction timed out */
void sip_simple_msrp_connect_bind_response (SipSimpleMsrpSession *self,
                                            SipSimpleMsrpFrame   *response);
void sip_simple_msrp_connect_auth_response (SipSimpleMsrpSession *self,
                                            SipSimpleMsrpFrame   *response);

/* Whether @request is for this session (its To-Path) and, before binding,
 * from the negotiated peer (its From-Path); a refused request is answered
 * (481, 403) and, while passive_waiting, its connection dropped after that */
gboolean sip_simple_msrp_connect_accepts_request (SipSimpleMsrpSession *self,
                                                  SipSimpleMsrpFrame   *request);
/* A passive session that has not been bound yet: a bad connection is
 * dropped and the session keeps waiting for its peer */
gboolean sip_simple_msrp_connect_passive_waiting (SipSimpleMsrpSession *self);
/* The connection failed (takes @error): dropped while passive_waiting,
 * else the session closes with @error */
void sip_simple_msrp_connect_failed (SipSimpleMsrpSession *self, GError *error);
/* Stops listening and waiting for a binding */
void sip_simple_msrp_connect_close (SipSimpleMsrpSession *self);

G_END_DECLS
