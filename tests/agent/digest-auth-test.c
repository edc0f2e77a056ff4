/* Unit tests of the Agent's Digest module on its own: nonces (fresh,
 * stale, forged, foreign), challenge values, the credentials found in
 * Authorization headers, and verification with good and bad input.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-utils.h"
#include "agent/digest-auth-private.h"
#include "sip/digest-internal.h"

#include <string.h>
#include <sofia-sip/sip_header.h>

static void
test_nonces (void)
{
  g_autoptr (SipSimpleDigestAuth) auth = sip_simple_digest_auth_new ();
  g_autoptr (SipSimpleDigestAuth) other = sip_simple_digest_auth_new ();
  g_autofree char *nonce = sip_simple_digest_auth_issue_nonce (auth);
  g_autofree char *forged = g_strdup (nonce);
  g_autofree char *upper = NULL;

  g_assert_cmpuint (strlen (nonce), ==, 64);
  g_assert_cmpint (sip_simple_digest_auth_lookup_nonce (auth, nonce), ==, SIP_SIMPLE_NONCE_VALID);
  /* the HMAC's hex digits in either case */
  upper = g_strdup (nonce);
  for (char *p = upper + 16; *p; p++)
    *p = g_ascii_toupper (*p);
  g_assert_cmpint (sip_simple_digest_auth_lookup_nonce (auth, upper), ==, SIP_SIMPLE_NONCE_VALID);
  /* another agent's key */
  g_assert_cmpint (sip_simple_digest_auth_lookup_nonce (other, nonce), ==,
                   SIP_SIMPLE_NONCE_UNKNOWN);
  /* a changed time stamp breaks the HMAC */
  forged[15] = forged[15] == '0' ? '1' : '0';
  g_assert_cmpint (sip_simple_digest_auth_lookup_nonce (auth, forged), ==,
                   SIP_SIMPLE_NONCE_UNKNOWN);
  g_assert_cmpint (sip_simple_digest_auth_lookup_nonce (auth, NULL), ==, SIP_SIMPLE_NONCE_UNKNOWN);
  g_assert_cmpint (sip_simple_digest_auth_lookup_nonce (auth, ""), ==, SIP_SIMPLE_NONCE_UNKNOWN);
  g_assert_cmpint (sip_simple_digest_auth_lookup_nonce (auth, "0123"), ==,
                   SIP_SIMPLE_NONCE_UNKNOWN);
  {
    g_autofree char *longer = g_strconcat (nonce, "0", NULL);
    g_assert_cmpint (sip_simple_digest_auth_lookup_nonce (auth, longer), ==,
                     SIP_SIMPLE_NONCE_UNKNOWN);
  }

  /* two nonces of one second differ (each has its own count) */
  {
    g_autofree char *again = sip_simple_digest_auth_issue_nonce (auth);
    g_assert_cmpstr (again, !=, nonce);
  }

  /* older than the lifetime: stale, still ours, and forgotten: a longer
   * lifetime afterwards does not bring it back */
  sip_simple_digest_auth_set_nonce_lifetime (auth, 0);
  g_assert_cmpuint (sip_simple_digest_auth_get_nonce_lifetime (auth), ==, 0);
  g_usleep (1100 * 1000);
  g_assert_cmpint (sip_simple_digest_auth_lookup_nonce (auth, nonce), ==, SIP_SIMPLE_NONCE_STALE);
  g_assert_cmpuint (sip_simple_digest_auth_count_nonces (auth), ==, 0);
  sip_simple_digest_auth_set_nonce_lifetime (auth, 300);
  g_assert_cmpint (sip_simple_digest_auth_lookup_nonce (auth, nonce), ==, SIP_SIMPLE_NONCE_STALE);
}

/* The table of issued nonces is bounded: the oldest go first, and a
 * nonce that went is stale (never valid again) */
static void
test_nonce_table_bounded (void)
{
  g_autoptr (SipSimpleDigestAuth) auth = sip_simple_digest_auth_new ();
  char *nonces[5];

  g_assert_cmpuint (sip_simple_digest_auth_get_max_nonces (auth), ==, 65536);
  sip_simple_digest_auth_set_max_nonces (auth, 3);
  for (guint i = 0; i < G_N_ELEMENTS (nonces); i++)
    nonces[i] = sip_simple_digest_auth_issue_nonce (auth);
  g_assert_cmpuint (sip_simple_digest_auth_count_nonces (auth), ==, 3);
  g_assert_cmpint (sip_simple_digest_auth_lookup_nonce (auth, nonces[0]), ==,
                   SIP_SIMPLE_NONCE_STALE);
  g_assert_cmpint (sip_simple_digest_auth_lookup_nonce (auth, nonces[1]), ==,
                   SIP_SIMPLE_NONCE_STALE);
  g_assert_false (sip_simple_digest_auth_use_nonce (auth, nonces[1], 1));
  for (guint i = 2; i < G_N_ELEMENTS (nonces); i++)
    g_assert_cmpint (sip_simple_digest_auth_lookup_nonce (auth, nonces[i]), ==,
                     SIP_SIMPLE_NONCE_VALID);
  /* a smaller table at once */
  sip_simple_digest_auth_set_max_nonces (auth, 1);
  g_assert_cmpuint (sip_simple_digest_auth_count_nonces (auth), ==, 1);
  g_assert_cmpint (sip_simple_digest_auth_lookup_nonce (auth, nonces[4]), ==,
                   SIP_SIMPLE_NONCE_VALID);

  /* counts: strictly growing, per nonce */
  g_assert_true (sip_simple_digest_auth_use_nonce (auth, nonces[4], 1));
  g_assert_false (sip_simple_digest_auth_use_nonce (auth, nonces[4], 1));
  g_assert_true (sip_simple_digest_auth_use_nonce (auth, nonces[4], 7));
  g_assert_false (sip_simple_digest_auth_use_nonce (auth, nonces[4], 6));
  g_assert_false (sip_simple_digest_auth_use_nonce (auth, nonces[4], 0));
  g_assert_true (sip_simple_digest_auth_use_nonce (auth, nonces[4], 8));
  for (guint i = 0; i < G_N_ELEMENTS (nonces); i++)
    g_free (nonces[i]);
}

static void
test_algorithms (void)
{
  g_autoptr (SipSimpleDigestAuth) auth = sip_simple_digest_auth_new ();
  const char *const  md5[] = { "MD5", NULL };
  const char *const  bad[] = { "SHA-256", "ROT13", NULL };
  const char *const  empty[] = { NULL };
  const char *const *list;
  g_autoptr (GError) error = NULL;

  list = sip_simple_digest_auth_get_algorithms (auth);
  g_assert_cmpstr (list[0], ==, "SHA-256");
  g_assert_cmpstr (list[1], ==, "MD5");
  g_assert_null (list[2]);

  g_assert_true (sip_simple_digest_auth_set_algorithms (auth, md5, NULL));
  list = sip_simple_digest_auth_get_algorithms (auth);
  g_assert_cmpstr (list[0], ==, "MD5");
  g_assert_null (list[1]);

  /* an unknown name changes nothing */
  g_assert_false (sip_simple_digest_auth_set_algorithms (auth, bad, &error));
  g_assert_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "ROT13"));
  list = sip_simple_digest_auth_get_algorithms (auth);
  g_assert_cmpstr (list[0], ==, "MD5");
  g_assert_null (list[1]);

  /* empty: the default again */
  g_assert_true (sip_simple_digest_auth_set_algorithms (auth, empty, NULL));
  g_assert_cmpstr (sip_simple_digest_auth_get_algorithms (auth)[0], ==, "SHA-256");
  g_assert_true (sip_simple_digest_auth_set_algorithms (auth, md5, NULL));
  g_assert_true (sip_simple_digest_auth_set_algorithms (auth, NULL, NULL));
  g_assert_cmpstr (sip_simple_digest_auth_get_algorithms (auth)[0], ==, "SHA-256");
}

/* The nonce="..." of a challenge value */
static char *
nonce_of (const char *value)
{
  const char *n = strstr (value, "nonce=\"");

  g_assert_nonnull (n);
  n += 7;
  return g_strndup (n, strchr (n, '"') - n);
}

static void
test_challenge (void)
{
  g_autoptr (SipSimpleDigestAuth) auth = sip_simple_digest_auth_new ();
  g_auto (GStrv) values = sip_simple_digest_auth_challenge (auth, "example.com", FALSE);
  g_auto (GStrv) stale = sip_simple_digest_auth_challenge (auth, "example.com", TRUE);
  g_autofree char *first = NULL, *second = NULL;

  g_assert_cmpuint (g_strv_length (values), ==, 2);
  g_assert_true (g_str_has_prefix (values[0], "Digest realm=\"example.com\", nonce=\""));
  g_assert_true (g_str_has_suffix (values[0], "\", algorithm=SHA-256, qop=\"auth\""));
  g_assert_true (g_str_has_suffix (values[1], "\", algorithm=MD5, qop=\"auth\""));
  /* one nonce for both, and one of ours */
  first = nonce_of (values[0]);
  second = nonce_of (values[1]);
  g_assert_cmpstr (first, ==, second);
  g_assert_cmpint (sip_simple_digest_auth_lookup_nonce (auth, first), ==, SIP_SIMPLE_NONCE_VALID);
  g_assert_true (g_str_has_suffix (stale[0], "qop=\"auth\", stale=true"));
  g_assert_null (strstr (values[0], "stale"));

  g_assert_true (sip_simple_digest_realm_is_valid ("example.com"));
  g_assert_true (sip_simple_digest_realm_is_valid (""));
  g_assert_false (sip_simple_digest_realm_is_valid (NULL));
  g_assert_false (sip_simple_digest_realm_is_valid ("ex\"ample"));
  g_assert_false (sip_simple_digest_realm_is_valid ("ex\\ample"));
  g_assert_false (sip_simple_digest_realm_is_valid ("ex\r\nVia: x"));
}

static void
test_find_credentials (void)
{
  su_home_t home[1] = { SU_HOME_INIT (home) };
  g_auto (SipSimpleDigestCredentials) c = { 0 };
  sip_authorization_t *www, *proxy;

  www = sip_authorization_make (home, "Basic YWxpY2U6c2VjcmV0");
  g_assert_nonnull (www);
  www->au_next = sip_authorization_make (home, "Digest username=\"alice\", realm=\"other.org\", "
                                               "nonce=\"n0\", uri=\"sip:x\", response=\"r0\"");
  g_assert_nonnull (www->au_next);
  www->au_next->au_next = sip_authorization_make (
      home, "Digest USERNAME=\"al\\\"ice\", Realm=\"example.com\", nonce=\"n1\", "
            "uri=\"sip:example.com\", response=\"r1\", algorithm=SHA-256, qop=auth, "
            "nc=00000001, cnonce=\"c1\", opaque=\"o\", username=\"alice\"");
  g_assert_nonnull (www->au_next->au_next);
  proxy = sip_proxy_authorization_make (home, "Digest username=\"bob\", realm=\"example.com\", "
                                              "nonce=\"n2\", uri=\"sip:y\", response=\"r2\"");
  g_assert_nonnull (proxy);

  /* the realm decides; names in any case; the last of a repeated one */
  g_assert_true (sip_simple_digest_credentials_find (www, proxy, "example.com", &c));
  g_assert_cmpstr (c.username, ==, "alice");
  g_assert_cmpstr (c.realm, ==, "example.com");
  g_assert_cmpstr (c.nonce, ==, "n1");
  g_assert_cmpstr (c.uri, ==, "sip:example.com");
  g_assert_cmpstr (c.response, ==, "r1");
  g_assert_cmpstr (c.algorithm, ==, "SHA-256");
  g_assert_cmpstr (c.qop, ==, "auth");
  g_assert_cmpstr (c.nc, ==, "00000001");
  g_assert_cmpstr (c.cnonce, ==, "c1");
  sip_simple_digest_credentials_clear (&c);

  /* the preferred list first */
  g_assert_true (sip_simple_digest_credentials_find (proxy, www, "example.com", &c));
  g_assert_cmpstr (c.username, ==, "bob");
  g_assert_null (c.algorithm);
  sip_simple_digest_credentials_clear (&c);

  /* the other list when the preferred one has none for the realm */
  g_assert_true (sip_simple_digest_credentials_find (proxy, www, "other.org", &c));
  g_assert_cmpstr (c.nonce, ==, "n0");
  sip_simple_digest_credentials_clear (&c);

  g_assert_false (sip_simple_digest_credentials_find (www, proxy, "nowhere.net", &c));
  g_assert_null (c.username);
  g_assert_false (sip_simple_digest_credentials_find (NULL, NULL, "example.com", &c));
  su_home_deinit (home);
}

/* Credentials as a client computes them */
static void
sign (SipSimpleDigestCredentials *c, SipSimpleDigestAlgorithm algorithm, const char *password,
      const char *method, const char *body)
{
  g_autofree char *ha1 = sip_simple_digest_ha1 (algorithm, c->username, "example.com", password,
                                                c->nonce, c->cnonce);

  g_free (c->algorithm);
  c->algorithm = g_strdup (sip_simple_digest_algorithm_to_string (algorithm));
  g_free (c->response);
  c->response = sip_simple_digest_response (algorithm, ha1, c->nonce, c->nc, c->cnonce, c->qop,
                                            method, c->uri, body, body ? strlen (body) : 0);
}

static SipSimpleAuthResult
verify (SipSimpleDigestAuth *auth, const SipSimpleDigestCredentials *c, const char *password,
        const char *body)
{
  return sip_simple_digest_auth_verify (auth, c, "example.com", password, "MESSAGE",
                                        "sip:bob@example.com", body, body ? strlen (body) : 0);
}

/* The next nonce count, as a client sends it */
static void
next_nc (SipSimpleDigestCredentials *c)
{
  guint32 nc = c->nc ? (guint32)g_ascii_strtoull (c->nc, NULL, 16) : 0;

  g_free (c->nc);
  c->nc = g_strdup_printf ("%08x", nc + 1);
}

/* What a client answering a challenge of @auth starts from: alice's
 * credentials for sip:bob@example.com with a new nonce, count 1 */
static SipSimpleDigestCredentials
fresh_credentials (SipSimpleDigestAuth *auth)
{
  SipSimpleDigestCredentials c = {
    .username = g_strdup ("alice"),
    .realm = g_strdup ("example.com"),
    .nonce = sip_simple_digest_auth_issue_nonce (auth),
    .uri = g_strdup ("sip:bob@example.com"),
    .qop = g_strdup ("auth"),
    .nc = g_strdup ("00000001"),
    .cnonce = g_strdup ("c1"),
  };
  return c;
}

static void
test_verify (void)
{
  g_autoptr (SipSimpleDigestAuth) auth = sip_simple_digest_auth_new ();
  g_autoptr (SipSimpleDigestAuth) other = sip_simple_digest_auth_new ();
  SipSimpleDigestAlgorithm algorithms[]
      = { SIP_SIMPLE_DIGEST_MD5, SIP_SIMPLE_DIGEST_MD5_SESS, SIP_SIMPLE_DIGEST_SHA256,
          SIP_SIMPLE_DIGEST_SHA256_SESS };
  const char *const all[] = { "SHA-256", "SHA-256-sess", "MD5", "MD5-sess", NULL };

  g_assert_true (sip_simple_digest_auth_set_algorithms (auth, all, NULL));
  g_assert_true (sip_simple_digest_auth_set_algorithms (other, all, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (algorithms); i++)
    {
      g_auto (SipSimpleDigestCredentials) c = fresh_credentials (auth);

      sign (&c, algorithms[i], "secret", "MESSAGE", NULL);
      g_assert_cmpint (verify (auth, &c, "wrong", NULL), ==, SIP_SIMPLE_AUTH_RESULT_FAILED);
      g_assert_cmpint (verify (auth, &c, NULL, NULL), ==, SIP_SIMPLE_AUTH_RESULT_FAILED);
      /* the digest covers the method */
      g_assert_cmpint (sip_simple_digest_auth_verify (auth, &c, "example.com", "secret", "INVITE",
                                                      "sip:bob@example.com", NULL, 0),
                       ==, SIP_SIMPLE_AUTH_RESULT_FAILED);
      /* a nonce of another agent is no nonce at all */
      g_assert_cmpint (verify (other, &c, "secret", NULL), ==, SIP_SIMPLE_AUTH_RESULT_INVALID);
      /* (failed attempts did not use up the count) */
      g_assert_cmpint (verify (auth, &c, "secret", NULL), ==, SIP_SIMPLE_AUTH_RESULT_OK);

      /* auth-int covers the body */
      g_free (c.qop);
      c.qop = g_strdup ("auth-int");
      next_nc (&c);
      sign (&c, algorithms[i], "secret", "MESSAGE", "hello");
      g_assert_cmpint (verify (auth, &c, "secret", "hellO"), ==, SIP_SIMPLE_AUTH_RESULT_FAILED);
      g_assert_cmpint (verify (auth, &c, "secret", "hello"), ==, SIP_SIMPLE_AUTH_RESULT_OK);

      /* RFC 2069 (no qop, no nc, no cnonce) is not an answer to a challenge
       * that offers qop */
      g_clear_pointer (&c.qop, g_free);
      g_clear_pointer (&c.nc, g_free);
      g_clear_pointer (&c.cnonce, g_free);
      sign (&c, algorithms[i], "secret", "MESSAGE", NULL);
      g_assert_cmpint (verify (auth, &c, "secret", NULL), ==, SIP_SIMPLE_AUTH_RESULT_INVALID);
    }
}

/* Issue 17, finding 2: a captured request replayed as it is gets a fresh
 * challenge (stale), whatever changed around the credentials; only a
 * higher count with a new response passes. */
static void
test_verify_replay (void)
{
  g_autoptr (SipSimpleDigestAuth) auth = sip_simple_digest_auth_new ();
  g_auto (SipSimpleDigestCredentials) c = fresh_credentials (auth);
  g_autofree char *first_response = NULL;

  sign (&c, SIP_SIMPLE_DIGEST_SHA256, "secret", "MESSAGE", NULL);
  first_response = g_strdup (c.response);
  g_assert_cmpint (verify (auth, &c, "secret", NULL), ==, SIP_SIMPLE_AUTH_RESULT_OK);
  g_assert_cmpint (verify (auth, &c, "secret", NULL), ==, SIP_SIMPLE_AUTH_RESULT_STALE);
  g_assert_cmpint (verify (auth, &c, "secret", NULL), ==, SIP_SIMPLE_AUTH_RESULT_STALE);
  /* the next count, signed: fine; a wrong password does not use it up */
  next_nc (&c);
  sign (&c, SIP_SIMPLE_DIGEST_SHA256, "secret", "MESSAGE", NULL);
  g_assert_cmpint (verify (auth, &c, "wrong", NULL), ==, SIP_SIMPLE_AUTH_RESULT_FAILED);
  g_assert_cmpint (verify (auth, &c, "secret", NULL), ==, SIP_SIMPLE_AUTH_RESULT_OK);
  /* going back to count 1 with its old response: a replay */
  g_free (c.nc);
  c.nc = g_strdup ("00000001");
  g_free (c.response);
  c.response = g_strdup (first_response);
  g_assert_cmpint (verify (auth, &c, "secret", NULL), ==, SIP_SIMPLE_AUTH_RESULT_STALE);
  /* a count that skips ahead is fine (requests may be lost) */
  g_free (c.nc);
  c.nc = g_strdup ("0000000a");
  sign (&c, SIP_SIMPLE_DIGEST_SHA256, "secret", "MESSAGE", NULL);
  g_assert_cmpint (verify (auth, &c, "secret", NULL), ==, SIP_SIMPLE_AUTH_RESULT_OK);
}

/* Issue 17, finding 3: only the algorithms offered (no MD5 answer to a
 * SHA-256 challenge), and the digest-uri must be the Request-URI */
static void
test_verify_offered (void)
{
  g_autoptr (SipSimpleDigestAuth) auth = sip_simple_digest_auth_new ();
  const char *const sha256[] = { "SHA-256", NULL };
  g_auto (SipSimpleDigestCredentials) c = fresh_credentials (auth);

  g_assert_true (sip_simple_digest_auth_set_algorithms (auth, sha256, NULL));
  sign (&c, SIP_SIMPLE_DIGEST_MD5, "secret", "MESSAGE", NULL);
  g_assert_cmpint (verify (auth, &c, "secret", NULL), ==, SIP_SIMPLE_AUTH_RESULT_INVALID);
  /* no algorithm parameter means MD5 */
  g_clear_pointer (&c.algorithm, g_free);
  g_assert_cmpint (verify (auth, &c, "secret", NULL), ==, SIP_SIMPLE_AUTH_RESULT_INVALID);
  sign (&c, SIP_SIMPLE_DIGEST_SHA256_SESS, "secret", "MESSAGE", NULL);
  g_assert_cmpint (verify (auth, &c, "secret", NULL), ==, SIP_SIMPLE_AUTH_RESULT_INVALID);
  sign (&c, SIP_SIMPLE_DIGEST_SHA256, "secret", "MESSAGE", NULL);

  /* the digest was computed for another resource */
  g_assert_cmpint (sip_simple_digest_auth_verify (auth, &c, "example.com", "secret", "MESSAGE",
                                                  "sip:carol@example.com", NULL, 0),
                   ==, SIP_SIMPLE_AUTH_RESULT_INVALID);
  g_assert_cmpint (sip_simple_digest_auth_verify (auth, &c, "example.com", "secret", "MESSAGE",
                                                  NULL, NULL, 0),
                   ==, SIP_SIMPLE_AUTH_RESULT_INVALID);
  /* an equivalent URI (RFC 3261 19.1.4: the host in any case) is the same */
  g_assert_cmpint (sip_simple_digest_auth_verify (auth, &c, "example.com", "secret", "MESSAGE",
                                                  "sip:bob@EXAMPLE.com", NULL, 0),
                   ==, SIP_SIMPLE_AUTH_RESULT_OK);
}

static void
test_verify_invalid (void)
{
  g_autoptr (SipSimpleDigestAuth) auth = sip_simple_digest_auth_new ();
  g_autofree char *nonce = sip_simple_digest_auth_issue_nonce (auth);
  struct
  {
    const char *field;
    const char *value; /* NULL: removed */
  } cases[] = {
    { "username", NULL },
    { "nonce", NULL },
    { "uri", NULL },
    { "uri", "sip:mallory@example.com" },
    { "response", NULL },
    { "algorithm", "SHA-512" },
    { "algorithm", "SHA-256-sess" }, /* not offered */
    { "qop", "auth-conf" },
    { "qop", NULL },
    { "nc", NULL },
    { "nc", "zzzzzzzz" },
    { "nc", "1" },
    { "nc", "000000001" },
    { "nc", "0000000x" },
    { "cnonce", NULL },
    { "nonce", "0000000000000000aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (SipSimpleDigestCredentials) c = {
        .username = g_strdup ("alice"),
        .realm = g_strdup ("example.com"),
        .nonce = g_strdup (nonce),
        .uri = g_strdup ("sip:bob@example.com"),
        .qop = g_strdup ("auth"),
        .nc = g_strdup_printf ("%08x", 2 * i + 1),
        .cnonce = g_strdup ("c"),
      };
      char **field = NULL;

      sign (&c, SIP_SIMPLE_DIGEST_SHA256, "secret", "MESSAGE", NULL);
      g_assert_cmpint (verify (auth, &c, "secret", NULL), ==, SIP_SIMPLE_AUTH_RESULT_OK);
      next_nc (&c);
      if (g_str_equal (cases[i].field, "username"))
        field = &c.username;
      else if (g_str_equal (cases[i].field, "nonce"))
        field = &c.nonce;
      else if (g_str_equal (cases[i].field, "uri"))
        field = &c.uri;
      else if (g_str_equal (cases[i].field, "response"))
        field = &c.response;
      else if (g_str_equal (cases[i].field, "algorithm"))
        field = &c.algorithm;
      else if (g_str_equal (cases[i].field, "qop"))
        field = &c.qop;
      else if (g_str_equal (cases[i].field, "nc"))
        field = &c.nc;
      else
        field = &c.cnonce;
      g_free (*field);
      *field = g_strdup (cases[i].value);
      g_test_message ("%s = %s", cases[i].field, cases[i].value ? cases[i].value : "(none)");
      /* signed as a client would sign what it sends, where it can */
      if (c.username && c.nonce && c.uri && c.response)
        {
          SipSimpleDigestAlgorithm a;
          if (sip_simple_digest_algorithm_from_string (c.algorithm, &a))
            sign (&c, a, "secret", "MESSAGE", NULL);
        }
      g_assert_cmpint (verify (auth, &c, "secret", NULL), ==, SIP_SIMPLE_AUTH_RESULT_INVALID);
    }
}

/* The right password with an old nonce is stale, a wrong one fails. */
static void
test_verify_stale (void)
{
  g_autoptr (SipSimpleDigestAuth) auth = sip_simple_digest_auth_new ();
  g_auto (SipSimpleDigestCredentials) c = fresh_credentials (auth);

  sign (&c, SIP_SIMPLE_DIGEST_MD5, "secret", "MESSAGE", NULL);
  sip_simple_digest_auth_set_nonce_lifetime (auth, 0);
  g_usleep (1100 * 1000);
  g_assert_cmpint (verify (auth, &c, "secret", NULL), ==, SIP_SIMPLE_AUTH_RESULT_STALE);
  g_assert_cmpint (verify (auth, &c, "wrong", NULL), ==, SIP_SIMPLE_AUTH_RESULT_FAILED);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/digest-auth/nonces", test_nonces);
  g_test_add_func ("/digest-auth/nonce-table-bounded", test_nonce_table_bounded);
  g_test_add_func ("/digest-auth/algorithms", test_algorithms);
  g_test_add_func ("/digest-auth/challenge", test_challenge);
  g_test_add_func ("/digest-auth/find-credentials", test_find_credentials);
  g_test_add_func ("/digest-auth/verify", test_verify);
  g_test_add_func ("/digest-auth/verify-invalid", test_verify_invalid);
  g_test_add_func ("/digest-auth/verify-replay", test_verify_replay);
  g_test_add_func ("/digest-auth/verify-offered", test_verify_offered);
  g_test_add_func ("/digest-auth/verify-stale", test_verify_stale);
  return g_test_run ();
}
