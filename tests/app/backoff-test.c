/* Tests of the app layer's retry back-off: the delays it computes (no
 * real waiting) and the timer it keeps on the thread-default context.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-utils.h"
#include "app/backoff-private.h"

static void
test_sequence_without_spread (void)
{
  SipSimpleBackoff b;
  const guint      expected[] = { 5, 10, 20, 40, 80, 160, 300, 300, 300 };

  sip_simple_backoff_init (&b, 5, 300, 6, 0);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpuint (sip_simple_backoff_next_delay (&b), ==, expected[i]);
  g_assert_cmpuint (b.failures, ==, G_N_ELEMENTS (expected));

  /* a success starts again from the minimum */
  sip_simple_backoff_reset (&b);
  g_assert_cmpuint (sip_simple_backoff_next_delay (&b), ==, 5);
  g_assert_cmpuint (sip_simple_backoff_next_delay (&b), ==, 10);
}

static void
test_doublings_cap (void)
{
  SipSimpleBackoff b;

  /* the exponent stops growing before the maximum is reached */
  sip_simple_backoff_init (&b, 2, 1000, 3, 0);
  g_assert_cmpuint (sip_simple_backoff_next_delay (&b), ==, 2);
  g_assert_cmpuint (sip_simple_backoff_next_delay (&b), ==, 4);
  g_assert_cmpuint (sip_simple_backoff_next_delay (&b), ==, 8);
  g_assert_cmpuint (sip_simple_backoff_next_delay (&b), ==, 16);
  g_assert_cmpuint (sip_simple_backoff_next_delay (&b), ==, 16);

  /* a huge number of failures neither overflows nor exceeds the cap */
  sip_simple_backoff_init (&b, 2, 300, 1000, 0);
  for (guint i = 0; i < 100; i++)
    g_assert_cmpuint (sip_simple_backoff_next_delay (&b), <=, 300);
  g_assert_cmpuint (sip_simple_backoff_next_delay (&b), ==, 300);
}

static void
test_spread (void)
{
  SipSimpleBackoff b;
  /* the registration's rule: 2 s doubling to 300 s, the lower quarter cut */
  const guint full[] = { 2, 4, 8, 16, 32, 64, 128, 256, 300, 300 };
  gboolean    below_full = FALSE;

  sip_simple_backoff_init (&b, 2, 300, 8, 25);
  b.rand = g_rand_new_with_seed (42);
  for (guint round = 0; round < 50; round++)
    {
      sip_simple_backoff_reset (&b);
      for (guint i = 0; i < G_N_ELEMENTS (full); i++)
        {
          guint d = sip_simple_backoff_next_delay (&b);
          g_assert_cmpuint (d, <=, full[i]);
          g_assert_cmpuint (d, >=, full[i] * 3 / 4);
          below_full = below_full || d < full[i];
        }
    }
  /* the spread is real: not every delay is the full one */
  g_assert_true (below_full);
  g_rand_free (b.rand);
}

static void
test_permanent_failures (void)
{
  const guint permanent[]
      = { 400, 401, 403, 404, 405, 407, 410, 415, 416, 420, 421, 484, 488, 489, 603, 604 };
  const guint transient[]
      = { 0, 100, 200, 302, 408, 423, 480, 481, 486, 491, 500, 502, 503, 504, 600 };

  for (guint i = 0; i < G_N_ELEMENTS (permanent); i++)
    g_assert_true (sip_simple_backoff_is_permanent (permanent[i]));
  for (guint i = 0; i < G_N_ELEMENTS (transient); i++)
    g_assert_false (sip_simple_backoff_is_permanent (transient[i]));
}

/* A retry callback: counts, and checks the timer is gone when it runs. */
static SipSimpleBackoff *fired_backoff;

static void
count_call (gpointer data)
{
  g_assert_false (sip_simple_backoff_is_pending (fired_backoff));
  (*(guint *)data)++;
}

static void
test_timer_on_thread_default_context (void)
{
  g_autoptr (GMainContext) context = g_main_context_new ();
  SipSimpleBackoff b;
  guint            calls = 0;
  guint            delay;

  g_main_context_push_thread_default (context);
  sip_simple_backoff_init (&b, 5, 300, 6, 0);
  fired_backoff = &b;
  g_assert_false (sip_simple_backoff_is_pending (&b));

  delay = sip_simple_backoff_retry (&b, count_call, &calls);
  g_assert_cmpuint (delay, ==, 5);
  g_assert_true (sip_simple_backoff_is_pending (&b));
  /* attached to the thread-default context, not the global default one */
  g_assert_true (g_source_get_context (b.source) == context);
  g_assert_cmpuint (g_source_get_ready_time (b.source), >, g_get_monotonic_time ());

  /* a new retry replaces the pending one */
  delay = sip_simple_backoff_retry (&b, count_call, &calls);
  g_assert_cmpuint (delay, ==, 10);
  sip_simple_backoff_clear (&b);
  g_assert_false (sip_simple_backoff_is_pending (&b));
  g_assert_cmpuint (b.failures, ==, 2);

  /* an immediate retry still waits a little, then fires once */
  sip_simple_backoff_schedule (&b, 0, count_call, &calls);
  g_assert_true (sip_simple_backoff_is_pending (&b));
  for (gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
       calls == 0 && g_get_monotonic_time () < end;)
    g_main_context_iteration (context, TRUE);
  g_assert_cmpuint (calls, ==, 1);
  g_assert_false (sip_simple_backoff_is_pending (&b));

  /* a success forgets the failures but keeps a planned retry */
  sip_simple_backoff_retry (&b, count_call, &calls);
  sip_simple_backoff_reset (&b);
  g_assert_cmpuint (b.failures, ==, 0);
  g_assert_true (sip_simple_backoff_is_pending (&b));
  sip_simple_backoff_clear (&b);
  g_main_context_pop_thread_default (context);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/backoff/sequence", test_sequence_without_spread);
  g_test_add_func ("/backoff/doublings-cap", test_doublings_cap);
  g_test_add_func ("/backoff/spread", test_spread);
  g_test_add_func ("/backoff/timer-context", test_timer_on_thread_default_context);
  g_test_add_func ("/backoff/permanent", test_permanent_failures);
  return g_test_run ();
}
