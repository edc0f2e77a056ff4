/* Digest computation against the RFC test vectors, and digest parameter
 * parsing with good and malformed input.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-utils.h"
#include "sip/digest-internal.h"

/* RFC 2617 section 3.5 */
static void
test_rfc2617_md5 (void)
{
  g_autofree char *ha1 = sip_simple_digest_ha1 (SIP_SIMPLE_DIGEST_MD5, "Mufasa",
                                                "testrealm@host.com", "Circle Of Life",
                                                NULL, NULL);
  g_autofree char *resp = sip_simple_digest_response (SIP_SIMPLE_DIGEST_MD5, ha1,
                                                      "dcd98b7102dd2f0e8b11d0f600bfb0c093",
                                                      "00000001", "0a4f113b", "auth", "GET",
                                                      "/dir/index.html", NULL, 0);
  g_assert_cmpstr (resp, ==, "6629fae49393a05397450978507c4ef1");
}

/* RFC 7616 section 3.9.1, both algorithms */
static void
test_rfc7616 (void)
{
  const char *nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
  const char *cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
  g_autofree char *ha1_md5 = sip_simple_digest_ha1 (SIP_SIMPLE_DIGEST_MD5, "Mufasa",
                                                    "http-auth@example.org", "Circle of Life",
                                                    NULL, NULL);
  g_autofree char *ha1_sha = sip_simple_digest_ha1 (SIP_SIMPLE_DIGEST_SHA256, "Mufasa",
                                                    "http-auth@example.org", "Circle of Life",
                                                    NULL, NULL);
  g_autofree char *md5 = sip_simple_digest_response (SIP_SIMPLE_DIGEST_MD5, ha1_md5, nonce,
                                                     "00000001", cnonce, "auth", "GET",
                                                     "/dir/index.html", NULL, 0);
  g_autofree char *sha = sip_simple_digest_response (SIP_SIMPLE_DIGEST_SHA256, ha1_sha, nonce,
                                                     "00000001", cnonce, "auth", "GET",
                                                     "/dir/index.html", NULL, 0);
  g_assert_cmpstr (md5, ==, "8ca523f5e9506fed4657c9700eebdbec");
  g_assert_cmpstr (sha, ==, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
}

/* RFC 2069 mode (no qop) and -sess / auth-int variants, computed by hand
 * from their definitions so a regression in any branch shows. */
static void
test_variants (void)
{
  g_autofree char *ha1 = sip_simple_digest_ha1 (SIP_SIMPLE_DIGEST_MD5, "u", "r", "p", NULL, NULL);
  g_autofree char *ha2 = g_compute_checksum_for_string (G_CHECKSUM_MD5, "REGISTER:sip:x", -1);
  g_autofree char *expect_plain_in = g_strdup_printf ("%s:n:%s", ha1, ha2);
  g_autofree char *expect_plain = g_compute_checksum_for_string (G_CHECKSUM_MD5, expect_plain_in, -1);
  g_autofree char *plain = sip_simple_digest_response (SIP_SIMPLE_DIGEST_MD5, ha1, "n", NULL, NULL,
                                                       NULL, "REGISTER", "sip:x", NULL, 0);
  g_autofree char *sess = sip_simple_digest_ha1 (SIP_SIMPLE_DIGEST_SHA256_SESS, "u", "r", "p",
                                                 "n", "c");
  g_autofree char *base = sip_simple_digest_ha1 (SIP_SIMPLE_DIGEST_SHA256, "u", "r", "p", NULL, NULL);
  g_autofree char *sess_in = g_strdup_printf ("%s:n:c", base);
  g_autofree char *expect_sess = g_compute_checksum_for_string (G_CHECKSUM_SHA256, sess_in, -1);
  g_autofree char *hbody = g_compute_checksum_for_string (G_CHECKSUM_MD5, "body", -1);
  g_autofree char *ha2i_in = g_strdup_printf ("MESSAGE:sip:y:%s", hbody);
  g_autofree char *ha2i = g_compute_checksum_for_string (G_CHECKSUM_MD5, ha2i_in, -1);
  g_autofree char *int_in = g_strdup_printf ("%s:n:00000002:c:auth-int:%s", ha1, ha2i);
  g_autofree char *expect_int = g_compute_checksum_for_string (G_CHECKSUM_MD5, int_in, -1);
  g_autofree char *with_int = sip_simple_digest_response (SIP_SIMPLE_DIGEST_MD5, ha1, "n",
                                                          "00000002", "c", "auth-int", "MESSAGE",
                                                          "sip:y", "body", 4);

  g_assert_cmpstr (plain, ==, expect_plain);
  g_assert_cmpstr (sess, ==, expect_sess);
  g_assert_cmpstr (with_int, ==, expect_int);
  g_assert_cmpuint (strlen (base), ==, 64);
}

static void
test_algorithm_names (void)
{
  SipSimpleDigestAlgorithm a;

  g_assert_true (sip_simple_digest_algorithm_from_string (NULL, &a));
  g_assert_cmpint (a, ==, SIP_SIMPLE_DIGEST_MD5);
  g_assert_true (sip_simple_digest_algorithm_from_string ("sha-256", &a));
  g_assert_cmpint (a, ==, SIP_SIMPLE_DIGEST_SHA256);
  g_assert_true (sip_simple_digest_algorithm_from_string ("MD5-sess", &a));
  g_assert_cmpint (a, ==, SIP_SIMPLE_DIGEST_MD5_SESS);
  g_assert_false (sip_simple_digest_algorithm_from_string ("SHA-512-256", &a));
  g_assert_false (sip_simple_digest_algorithm_from_string ("AKAv1-MD5", &a));
  g_assert_cmpint (sip_simple_digest_algorithm_strength (SIP_SIMPLE_DIGEST_SHA256), >,
                   sip_simple_digest_algorithm_strength (SIP_SIMPLE_DIGEST_MD5));
  g_assert_cmpstr (sip_simple_digest_algorithm_to_string (SIP_SIMPLE_DIGEST_SHA256_SESS), ==,
                   "SHA-256-sess");
}

static void
test_parse_params (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) p = sip_simple_digest_parse_params (
    "realm=\"example.com\", Nonce=\"a\\\"b,c\", qop=\"auth,auth-int\",algorithm=SHA-256 , "
    "stale=TRUE, opaque=\"\"", &error);

  g_assert_no_error (error);
  g_assert_nonnull (p);
  g_assert_cmpstr (g_hash_table_lookup (p, "realm"), ==, "example.com");
  g_assert_cmpstr (g_hash_table_lookup (p, "nonce"), ==, "a\"b,c");
  g_assert_cmpstr (g_hash_table_lookup (p, "qop"), ==, "auth,auth-int");
  g_assert_cmpstr (g_hash_table_lookup (p, "algorithm"), ==, "SHA-256");
  g_assert_cmpstr (g_hash_table_lookup (p, "stale"), ==, "TRUE");
  g_assert_cmpstr (g_hash_table_lookup (p, "opaque"), ==, "");
}

static void
test_parse_params_malformed (void)
{
  const char *bad[] = {
    "realm=\"unterminated",
    "realm",
    "=value",
    "realm=\"a\" nonce=\"b\"",
    "realm=\"a\",,",
    ",",
    "re@lm=x",
    "realm=\"a\"\"b\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GHashTable) p = sip_simple_digest_parse_params (bad[i], &error);
      g_test_message ("input: %s", bad[i]);
      g_assert_null (p);
      g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER);
      g_assert_nonnull (error->message);
    }
  {
    g_autoptr (GError) error = NULL;
    g_assert_null (sip_simple_digest_parse_params (NULL, &error));
    g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER);
  }
}

static void
test_cnonce_unique (void)
{
  g_autofree char *a = sip_simple_digest_new_cnonce ();
  g_autofree char *b = sip_simple_digest_new_cnonce ();
  g_assert_cmpuint (strlen (a), ==, 32);
  g_assert_cmpstr (a, !=, b);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/digest/rfc2617-md5", test_rfc2617_md5);
  g_test_add_func ("/digest/rfc7616", test_rfc7616);
  g_test_add_func ("/digest/variants", test_variants);
  g_test_add_func ("/digest/algorithm-names", test_algorithm_names);
  g_test_add_func ("/digest/parse-params", test_parse_params);
  g_test_add_func ("/digest/parse-params-malformed", test_parse_params_malformed);
  g_test_add_func ("/digest/cnonce", test_cnonce_unique);
  return g_test_run ();
}
