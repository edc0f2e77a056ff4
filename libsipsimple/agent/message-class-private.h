/* libsipsimple - the agent's SIP message class (private)
 *
 * sofia-sip's default message class with a request-line class of our own.
 * sofia's parser turns down some lines RFC 3261 allows (a method token
 * with a backquote, RFC 4475 intmeth) and some it cannot read at all (a
 * space inside the Request-URI, RFC 4475 lwsruri; an IPv6 address without
 * brackets, RFC 5118 ipv6-bad): they became "garbage", dropped without an
 * answer. Ours reads any "token SP text SP SIP/x.y" line, and notes what
 * sofia reads past but RFC 3261 does not allow (more than one SP between
 * the parts, SP at the end: RFC 4475 lwsstart, trws). A line that is not
 * exactly "Method SP Request-URI SP SIP-Version", or whose Request-URI did
 * not parse, is marked bad, and the agent answers it 400. (CSeq keeps
 * sofia's class: sofia finds named headers by their class pointer, and
 * makes CSeq headers of its own.)
 *
 * The request line's class is not sofia's sip_request_class: compare
 * classes with sip_simple_hclass_is_request().
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <sofia-sip/msg_types.h>
#include <sofia-sip/sip.h>

G_BEGIN_DECLS

/* The message class for nta_agent_create() (NTATAG_MCLASS); made once. */
msg_mclass_t const *sip_simple_agent_message_class (void);

/* TRUE if @rq (from a message of that class) broke RFC 3261's grammar of
 * the request line, or could only be read by guessing where the
 * Request-URI ends. */
gboolean sip_simple_request_line_is_bad (const sip_request_t *rq);

/* TRUE for the class of a request line, sofia's or ours */
gboolean sip_simple_hclass_is_request (msg_hclass_t const *hc);

G_END_DECLS
