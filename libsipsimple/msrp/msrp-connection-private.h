/* libsipsimple - framing I/O and transactions of an MSRP session's
 * connection (RFC 4975 sections 7 and 7.1)
 *
 * A session has at most one connection, a GIOStream (TCP or TLS) that
 * msrp-connect.c hands over with sip_simple_msrp_connection_attach(). From
 * then on:
 *
 * - Reading: bytes go through the parser (msrp-parser-private.h).
 *   Requests go to msrp-session.c (sip_simple_msrp_session_request_*()),
 *   responses close their transaction. Reading pauses while incoming bytes
 *   wait for their target stream, and after a fatal parse error.
 * - Writing: frames wait in three queues and go out in batches (one
 *   writev): `control` (binding SEND, AUTH, responses before binding)
 *   first and at any time, then `urgent` (responses, reports, small
 *   messages), then `bulk` (chunks of streamed messages); the last two
 *   only once the session is bound.
 * - Transactions: a frame that expects a response becomes a transaction
 *   when it is written. Its response, or its timeout after the session's
 *   transaction-timeout, goes back to who sent it: TX_SEND to
 *   msrp-session.c, TX_BIND and TX_AUTH to msrp-connect.c (a timeout as a
 *   NULL response, or status 408 for a SEND).
 * - Failures (read or write error, end of stream, bad framing) go to
 *   sip_simple_msrp_connect_failed(), which drops the connection of a
 *   passive session still waiting for its peer and closes the session
 *   otherwise.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "msrp-session-private.h"

G_BEGIN_DECLS

/* Frames */

/* A request without a body: the start line, To-Path and From-Path, then
 * the name/value pairs that follow (NULL-terminated), and its end-line
 * with @flag; a fresh transaction id. The caller sets what the writer and
 * the transaction need (kind, expects_response). */
OutFrame *sip_simple_msrp_out_frame_new_request (const char *method, const char *to_path,
                                                 const char *from_path, char flag,
                                                 ...) G_GNUC_NULL_TERMINATED;
void      sip_simple_msrp_out_frame_free (OutFrame *frame);
/* The end-line of frame @tid as bytes */
GBytes *sip_simple_msrp_end_line_bytes (const char *tid, char flag, gboolean has_body);
/* To-Path of what we send: our relays (Use-Path), then the peer's path */
char *sip_simple_msrp_connection_to_path (SipSimpleMsrpSession *self);
/* From-Path of what we send: the local URI */
char *sip_simple_msrp_connection_from_path (SipSimpleMsrpSession *self);
/* The first URI of a path header's value */
char *sip_simple_msrp_path_first_uri (const char *path);

/* The connection */

/* Makes @conn (the session takes a reference) its connection and starts
 * reading and writing */
void sip_simple_msrp_connection_attach (SipSimpleMsrpSession *self, GIOStream *conn);
/* Drops the current connection only: its I/O, the control queue, the
 * parser; the session stays as it is (a passive session waits for
 * another connection) */
void sip_simple_msrp_connection_drop (SipSimpleMsrpSession *self);
/* Closes everything: every queue and transaction, the stream */
void sip_simple_msrp_connection_close (SipSimpleMsrpSession *self);
/* The session's table of transactions (tid -> Transaction), empty */
GHashTable *sip_simple_msrp_transactions_new (void);
/* Closes a stream that is not (or no longer) the session's */
void sip_simple_msrp_close_stream (GIOStream *conn);

/* Queues @frame (taken) on @queue (&self->control, &self->urgent or
 * &self->bulk) and writes when the socket allows */
void sip_simple_msrp_connection_queue (SipSimpleMsrpSession *self, GQueue *queue, OutFrame *frame);
void sip_simple_msrp_connection_write (SipSimpleMsrpSession *self);
void sip_simple_msrp_connection_read (SipSimpleMsrpSession *self);
/* Answers @request as its Failure-Report asks (never a REPORT) */
void sip_simple_msrp_connection_respond (SipSimpleMsrpSession *self, SipSimpleMsrpFrame *request,
                                         guint status, const char *reason);

G_END_DECLS
