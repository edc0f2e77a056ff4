/* libsipsimple - the answers of requests handled without a transaction
 *
 * A request that a handler answers at once (a REGISTER, an OPTIONS, a
 * challenge, a 404) needs no server transaction: sofia would keep one,
 * with the request and the response, for 32 s after the answer (timer J)
 * only to answer retransmissions. The agent answers such requests
 * statelessly instead and keeps here what retransmissions need: the
 * encoded response, keyed by the transaction (branch, sent-by, method).
 *
 * A client retransmits a request over UDP at most T2 (4 s) after the last
 * time (RFC 3261 17.1.2.2) until it has an answer, so an answer kept for
 * twice that after it was last sent answers every retransmission of a
 * lost response; each one sends it again and starts its time over. While
 * the handler works on a request, its retransmissions are dropped (the
 * client sends them again). The number of answers kept is bounded: past
 * the bound the oldest go first.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "answers-private.h"
#include <string.h>

typedef struct
{
  char   *key;      /* also the hash table's key */
  GBytes *response; /* NULL while pending */
  gint64  expires;  /* monotonic µs, once answered */
  GList   link;     /* in the queue of answered ones, oldest first */
} Answer;

struct _SipSimpleAnswers
{
  GHashTable *table; /* key -> Answer * (pending and answered) */
  GQueue      queue; /* Answer * answered, by expiry */
  gint64      ttl;   /* µs */
  guint       max_entries;
};

static void
answer_free (Answer *a)
{
  g_clear_pointer (&a->response, g_bytes_unref);
  g_free (a->key);
  g_free (a);
}

SipSimpleAnswers *
sip_simple_answers_new (guint ttl_seconds, guint max_entries)
{
  SipSimpleAnswers *self = g_new0 (SipSimpleAnswers, 1);

  self->table = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)answer_free);
  g_queue_init (&self->queue);
  self->ttl = (gint64)ttl_seconds * G_USEC_PER_SEC;
  self->max_entries = MAX (max_entries, 1);
  return self;
}

void
sip_simple_answers_free (SipSimpleAnswers *self)
{
  if (self == NULL)
    return;
  /* the queue's links live in the answers */
  g_hash_table_destroy (self->table);
  g_free (self);
}

char *
sip_simple_answers_key (const sip_t *sip)
{
  const sip_via_t *v = sip->sip_via;

  if (v == NULL || v->v_branch == NULL || sip->sip_request == NULL
      || g_ascii_strncasecmp (v->v_branch, "z9hG4bK", 7) != 0)
    return NULL;
  return g_strdup_printf ("%s\n%s:%s\n%s", v->v_branch, v->v_host, v->v_port ? v->v_port : "",
                          sip->sip_request->rq_method_name);
}

static void
remove_answer (SipSimpleAnswers *self, Answer *a)
{
  if (a->response != NULL)
    g_queue_unlink (&self->queue, &a->link);
  g_hash_table_remove (self->table, a->key);
}

guint
sip_simple_answers_expire (SipSimpleAnswers *self)
{
  gint64 now = g_get_monotonic_time ();

  while (self->queue.head != NULL)
    {
      Answer *a = self->queue.head->data;
      if (a->expires > now && g_hash_table_size (self->table) < self->max_entries)
        break;
      remove_answer (self, a);
    }
  return g_hash_table_size (self->table);
}

guint
sip_simple_answers_size (SipSimpleAnswers *self)
{
  return g_hash_table_size (self->table);
}

SipSimpleAnswerState
sip_simple_answers_lookup (SipSimpleAnswers *self, const char *key, GBytes **response)
{
  Answer *a;

  sip_simple_answers_expire (self);
  a = g_hash_table_lookup (self->table, key);
  if (a == NULL)
    {
      a = g_new0 (Answer, 1);
      a->key = g_strdup (key);
      a->link.data = a;
      g_hash_table_insert (self->table, a->key, a);
      return SIP_SIMPLE_ANSWER_NEW;
    }
  if (a->response == NULL)
    return SIP_SIMPLE_ANSWER_PENDING;
  /* sent again: its time starts over, at the end of the queue */
  a->expires = g_get_monotonic_time () + self->ttl;
  g_queue_unlink (&self->queue, &a->link);
  g_queue_push_tail_link (&self->queue, &a->link);
  *response = g_bytes_ref (a->response);
  return SIP_SIMPLE_ANSWER_CACHED;
}

void
sip_simple_answers_answered (SipSimpleAnswers *self, const char *key, GBytes *response)
{
  Answer *a = g_hash_table_lookup (self->table, key);

  if (a == NULL || a->response != NULL || response == NULL)
    return;
  a->response = g_bytes_ref (response);
  a->expires = g_get_monotonic_time () + self->ttl;
  g_queue_push_tail_link (&self->queue, &a->link);
  sip_simple_answers_expire (self);
}

void
sip_simple_answers_forget (SipSimpleAnswers *self, const char *key)
{
  Answer *a = g_hash_table_lookup (self->table, key);

  if (a != NULL)
    remove_answer (self, a);
}
