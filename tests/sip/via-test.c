/* Via values: parsing, the parts, malformed input and round trips.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-utils.h"

#include <string.h>

static void
test_via_parse (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SipSimpleVia) v = sip_simple_via_parse (
      "SIP/2.0/TCP [2001:db8::1]:5070;branch=z9hG4bKx;rport=4000;received=192.0.2.9", &error);
  g_autoptr (SipSimpleVia) bad = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (sip_simple_via_get_protocol (v), ==, "SIP/2.0/TCP");
  g_assert_cmpstr (sip_simple_via_get_transport (v), ==, "TCP");
  g_assert_cmpstr (sip_simple_via_get_host (v), ==, "2001:db8::1");
  g_assert_cmpuint (sip_simple_via_get_port (v), ==, 5070);
  g_assert_cmpstr (sip_simple_via_get_branch (v), ==, "z9hG4bKx");
  g_assert_cmpint (sip_simple_via_get_rport (v), ==, 4000);
  g_assert_cmpstr (sip_simple_via_get_received (v), ==, "192.0.2.9");
  g_assert_true (sip_simple_via_has_param (v, "BRANCH"));
  g_assert_null (sip_simple_via_get_param (v, "maddr"));
  text = sip_simple_via_to_string (v);
  g_assert_nonnull (strstr (text, "branch=z9hG4bKx"));

  bad = sip_simple_via_parse ("not a via", &error);
  g_assert_null (bad);
  g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER);
}

/* Each of these must be refused with a parse error, and whatever parses
 * prints to text that parses again (found by tests/fuzz/fuzz-sip-values). */
static void
test_via_malformed (void)
{
  const char *const bad[] = {
    "SIP/2.0/TCP![2001:db8::9:1];branch=z9hG4bKas3", /* no LWS before sent-by */
    "SIP/2.0/UDP",                                   /* no sent-by */
    "SIP/UDP host",                                  /* two parts */
    "SIP/2.0/UDP/X host",                            /* four parts */
    "SIP/2.0/U@DP host",                             /* not a token */
    "SIP/2.0/UDP a, SIP/2.0/UDP b",                  /* two values */
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SipSimpleVia) v = sip_simple_via_parse (bad[i], &error);

      if (v != NULL)
        g_error ("accepted \"%s\"", bad[i]);
      g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER);
    }
}

static void
test_via_round_trip (void)
{
  const char *const good[] = {
    "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK77;rport",
    "SIP / 2.0 / TCP host.example.com ; branch=z9hG4bK1",
    "SIP/2.0/TLS [2001:db8::1];received=192.0.2.4",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SipSimpleVia) v = sip_simple_via_parse (good[i], &error);
      g_autofree char *text = NULL;
      g_autoptr (SipSimpleVia) again = NULL;

      g_assert_no_error (error);
      text = sip_simple_via_to_string (v);
      again = sip_simple_via_parse (text, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (sip_simple_via_get_host (again), ==, sip_simple_via_get_host (v));
      g_assert_cmpstr (sip_simple_via_get_transport (again), ==, sip_simple_via_get_transport (v));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sip/via/parse", test_via_parse);
  g_test_add_func ("/sip/via/malformed", test_via_malformed);
  g_test_add_func ("/sip/via/round-trip", test_via_round_trip);
  return g_test_run ();
}
