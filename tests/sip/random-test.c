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
#include <sys/wait.h>
#include <unistd.h>

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

/* Every letter of the alphabet about equally often, including the last
 * ones (a modulo bias would favour the first 256 % n letters), for an
 * alphabet that does not divide 256 and for a string longer than one
 * pool of random bytes. */
static void
test_string_uniform (void)
{
  const char *alphabet = SIP_SIMPLE_RANDOM_ALNUM; /* 62 letters */
  gsize       n = strlen (alphabet), total = 0;
  guint       counts[256] = { 0 };
  double      chi2 = 0;

  for (guint round = 0; round < 200; round++)
    {
      g_autofree char *s = sip_simple_random_string (1000, alphabet);
      g_assert_cmpuint (strlen (s), ==, 1000);
      for (const char *c = s; *c; c++, total++)
        counts[(guint8)*c]++;
    }
  for (gsize i = 0; i < n; i++)
    {
      double expected = (double)total / (double)n;
      double d = counts[(guint8)alphabet[i]] - expected;
      chi2 += d * d / expected;
    }
  /* 61 degrees of freedom: P(chi2 > 120) is about 1e-5; the modulo bias
   * (the first 8 letters a quarter more often) gives over 1000 */
  g_assert_cmpfloat (chi2, <, 120.0);
}

/* A forked child does not hand out its parent's pooled bytes again */
static void
test_fork (void)
{
  guint8 first[8], parent[16], child[16];
  int    fds[2];
  pid_t  pid;
  int    status;

  sip_simple_random_bytes (first, sizeof first); /* the parent's pool is filled */
  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      sip_simple_random_bytes (child, sizeof child);
      _exit (write (fds[1], child, sizeof child) == sizeof child ? 0 : 1);
    }
  sip_simple_random_bytes (parent, sizeof parent);
  g_assert_cmpint (read (fds[0], child, sizeof child), ==, sizeof child);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_true (memcmp (parent, child, sizeof child) != 0);
  close (fds[0]);
  close (fds[1]);
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
  g_test_add_func ("/sip/random/string-uniform", test_string_uniform);
  g_test_add_func ("/sip/random/fork", test_fork);
  g_test_add_func ("/sip/random/not-grand", test_not_grand);
  return g_test_run ();
}
