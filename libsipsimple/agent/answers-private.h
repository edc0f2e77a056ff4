/* libsipsimple - the answers of requests handled without a transaction
 * (never installed)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>
#include <sofia-sip/sip.h>

G_BEGIN_DECLS

typedef struct _SipSimpleAnswers SipSimpleAnswers;

/* What a retransmission of a request handled statelessly gets */
typedef enum
{
  SIP_SIMPLE_ANSWER_NEW,     /* not seen: handle it */
  SIP_SIMPLE_ANSWER_PENDING, /* still being handled: drop it */
  SIP_SIMPLE_ANSWER_CACHED,  /* answered: send the cached response again */
} SipSimpleAnswerState;

/* @ttl_seconds: how long an answer is kept after it was last sent;
 * @max_entries: the most answers kept (the oldest go first) */
SipSimpleAnswers    *sip_simple_answers_new      (guint              ttl_seconds,
                                                  guint              max_entries);
void                 sip_simple_answers_free     (SipSimpleAnswers  *self);
/* The key of the transaction of @sip (RFC 3261 17.2.3: branch, sent-by,
 * method), NULL when it has none (no RFC 3261 branch) */
char                *sip_simple_answers_key      (const sip_t       *sip);
/* Looks @key up. NEW: it is now pending. CACHED: *@response is the
 * response to send again (its TTL starts over). */
SipSimpleAnswerState sip_simple_answers_lookup   (SipSimpleAnswers  *self,
                                                  const char        *key,
                                                  GBytes           **response);
/* The response sent for the pending @key, kept for retransmissions */
void                 sip_simple_answers_answered (SipSimpleAnswers  *self,
                                                  const char        *key,
                                                  GBytes            *response);
/* @key got a transaction after all, or went unanswered: forget it */
void                 sip_simple_answers_forget   (SipSimpleAnswers  *self,
                                                  const char        *key);
/* Drops the answers whose time is over; returns how many are kept */
guint                sip_simple_answers_expire   (SipSimpleAnswers  *self);
guint                sip_simple_answers_size     (SipSimpleAnswers  *self);

G_END_DECLS
