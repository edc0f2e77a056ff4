/* The CSPRNG helper: bounds, alphabet, no bias worth measuring, and values
 * that do not follow GLib's GRand (two processes with the same g_random
 * seed must still make different IDs).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-utils.h"
#include "sip/digest-internal.h"
#include "sip/random-internal.h"

#include <string.h>

static void
test_bytes (void)
{
  guint8 a[32] = { 0 }, b[32] = { 0 }, zero[32] = { 0 };

  sip_simple_random_bytes (a, sizeof a);
  sip_simple_random_bytes (b, sizeof b);
  g_assert_true (memcmp (a, zero, sizeof a) != 0);
  g_assert_true (memcmp (a, b, sizeof a) != 0);
  sip_simple_random_bytes (a, 0); /* nothing to do is fine */
}

static void
test_below (void)
{
  guint counts[10] = { 0 };
  const guint n = 100000;
  double chi2 = 0;

  for (guint i = 0; i < n; i++)
    {
      guint32 r = sip_simple_random_below (10);
      g_assert_cmpuint (r, <, 10);
      counts[r]++;
    }
  for (guint i = 0; i < 10; i++)
    {
      double d = counts[i] - n / 10.0;
      chi2 += d * d / (n / 10.0);
    }
  /* 9 degrees of freedom: 27.9 is the 0.1 % tail */
  g_assert_cmpfloat (chi2, <, 27.9);
  g_assert_cmpuint (sip_simple_random_below (1), ==, 0);
}

static void
test_string (void)
{
  g_autofree char *s = sip_simple_random_string (64, SIP_SIMPLE_RANDOM_ALNUM);
  g_autofree char *t = sip_simple_random_string (64, SIP_SIMPLE_RANDOM_ALNUM);
  g_autofree char *h = sip_simple_random_hex (16);

  g_assert_cmpuint (strlen (s), ==, 64);
  g_assert_cmpuint (strspn (s, SIP_SIMPLE_RANDOM_ALNUM), ==, 64);
  g_assert_cmpstr (s, !=, t);
  g_assert_cmpuint (strlen (h), ==, 32);
  g_assert_cmpuint (strspn (h, "0123456789abcdef"), ==, 32);
}

/* Run in a child: seed GRand, print the values the library makes. */
static void
print_seeded_values (void)
{
  g_autofree char *cnonce = NULL;

  g_random_set_seed (42);
  cnonce = sip_simple_digest_new_cnonce ();
  g_print ("%s\n", cnonce);
}

static const char *self_path;

static void
test_not_grand (void)
{
  test_assert_runs_differ (self_path, "--print-seeded", 32);
}

int
main (int argc, char **argv)
{
  if (argc > 1 && g_str_equal (argv[1], "--print-seeded"))
    {
      print_seeded_values ();
      return 0;
    }
  self_path = argv[0];
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sip/random/bytes", test_bytes);
  g_test_add_func ("/sip/random/below", test_below);
  g_test_add_func ("/sip/random/string", test_string);
  g_test_add_func ("/sip/random/not-grand", test_not_grand);
  return g_test_run ();
}
