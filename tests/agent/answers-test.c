/* The answers kept for requests handled statelessly (agent/answers.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-utils.h"
#include "agent/answers-private.h"
#include <string.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_parser.h>

static msg_t *
parse (const char *text)
{
  msg_t *msg = msg_make (sip_default_mclass (), 0, text, (ssize_t)strlen (text));
  g_assert_nonnull (msg);
  g_assert_nonnull (sip_object (msg)->sip_request);
  return msg;
}

#define REQUEST(method, branch)                                                                    \
  method " sip:example.com SIP/2.0\r\n"                                                            \
         "Via: SIP/2.0/UDP 192.0.2.1:5070;branch=" branch "\r\n"                                   \
         "From: <sip:a@example.com>;tag=1\r\nTo: <sip:a@example.com>\r\n"                          \
         "Call-ID: c1\r\nCSeq: 1 " method "\r\nContent-Length: 0\r\n\r\n"

static void
test_key (void)
{
  msg_t           *a = parse (REQUEST ("REGISTER", "z9hG4bKone"));
  msg_t           *b = parse (REQUEST ("OPTIONS", "z9hG4bKone"));
  msg_t           *old = parse (REQUEST ("REGISTER", "rfc2543branch"));
  g_autofree char *ka = sip_simple_answers_key (sip_object (a));
  g_autofree char *kb = sip_simple_answers_key (sip_object (b));

  /* branch, sent-by and method make the transaction (RFC 3261 17.2.3) */
  g_assert_nonnull (ka);
  g_assert_nonnull (strstr (ka, "192.0.2.1:5070"));
  g_assert_cmpstr (ka, !=, kb);
  /* no RFC 3261 branch: no key, such a request gets a transaction */
  g_assert_null (sip_simple_answers_key (sip_object (old)));
  msg_destroy (a);
  msg_destroy (b);
  msg_destroy (old);
}

static void
test_lifecycle (void)
{
  SipSimpleAnswers *answers = sip_simple_answers_new (60, 100);
  g_autoptr (GBytes) response = g_bytes_new_static ("SIP/2.0 200 OK\r\n", 16);
  GBytes *cached = NULL;

  /* new, then pending while the handler works: retransmissions dropped */
  g_assert_cmpint (sip_simple_answers_lookup (answers, "k1", &cached), ==, SIP_SIMPLE_ANSWER_NEW);
  g_assert_cmpint (sip_simple_answers_lookup (answers, "k1", &cached), ==,
                   SIP_SIMPLE_ANSWER_PENDING);
  g_assert_null (cached);
  /* answered: each retransmission gets the same response */
  sip_simple_answers_answered (answers, "k1", response);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpint (sip_simple_answers_lookup (answers, "k1", &cached), ==,
                       SIP_SIMPLE_ANSWER_CACHED);
      g_assert_true (g_bytes_equal (cached, response));
      g_clear_pointer (&cached, g_bytes_unref);
    }
  /* a second answer for the same key changes nothing */
  {
    g_autoptr (GBytes) other = g_bytes_new_static ("SIP/2.0 500 X\r\n", 15);
    sip_simple_answers_answered (answers, "k1", other);
    g_assert_cmpint (sip_simple_answers_lookup (answers, "k1", &cached), ==,
                     SIP_SIMPLE_ANSWER_CACHED);
    g_assert_true (g_bytes_equal (cached, response));
    g_clear_pointer (&cached, g_bytes_unref);
  }
  /* forgotten (it got a transaction): new again */
  sip_simple_answers_forget (answers, "k1");
  g_assert_cmpuint (sip_simple_answers_size (answers), ==, 0);
  g_assert_cmpint (sip_simple_answers_lookup (answers, "k1", &cached), ==, SIP_SIMPLE_ANSWER_NEW);
  sip_simple_answers_forget (answers, "k1");
  sip_simple_answers_forget (answers, "never-seen");
  sip_simple_answers_free (answers);
}

static void
test_expiry_and_bound (void)
{
  /* a TTL of 0: gone at the next look */
  SipSimpleAnswers *answers = sip_simple_answers_new (0, 100);
  g_autoptr (GBytes) response = g_bytes_new_static ("SIP/2.0 200 OK\r\n", 16);
  GBytes *cached = NULL;

  sip_simple_answers_lookup (answers, "k", &cached);
  sip_simple_answers_answered (answers, "k", response);
  g_assert_cmpuint (sip_simple_answers_expire (answers), ==, 0);
  sip_simple_answers_free (answers);

  /* at most 10: the oldest answers go first, pending ones stay */
  answers = sip_simple_answers_new (60, 10);
  g_assert_cmpint (sip_simple_answers_lookup (answers, "pending", &cached), ==,
                   SIP_SIMPLE_ANSWER_NEW);
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *key = g_strdup_printf ("k%u", i);
      g_assert_cmpint (sip_simple_answers_lookup (answers, key, &cached), ==,
                       SIP_SIMPLE_ANSWER_NEW);
      sip_simple_answers_answered (answers, key, response);
      g_assert_cmpuint (sip_simple_answers_size (answers), <=, 11);
    }
  g_assert_cmpint (sip_simple_answers_lookup (answers, "k49", &cached), ==,
                   SIP_SIMPLE_ANSWER_CACHED);
  g_clear_pointer (&cached, g_bytes_unref);
  g_assert_cmpint (sip_simple_answers_lookup (answers, "pending", &cached), ==,
                   SIP_SIMPLE_ANSWER_PENDING);
  /* k0 was dropped: a new request now */
  g_assert_cmpint (sip_simple_answers_lookup (answers, "k0", &cached), ==, SIP_SIMPLE_ANSWER_NEW);
  sip_simple_answers_free (answers);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/answers/key", test_key);
  g_test_add_func ("/answers/lifecycle", test_lifecycle);
  g_test_add_func ("/answers/expiry-and-bound", test_expiry_and_bound);
  return g_test_run ();
}
