/* Unit tests of SipSimpleUri
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gio/gio.h>

#include "test-utils.h"

#include <string.h>

static SipSimpleUri *
parse_ok (const char *text)
{
  g_autoptr (GError) error = NULL;
  SipSimpleUri *uri = sip_simple_uri_parse (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (uri);
  return uri;
}

static void
assert_to_string (const SipSimpleUri *uri, const char *expected)
{
  g_autofree char *s = sip_simple_uri_to_string (uri);

  g_assert_cmpstr (s, ==, expected);
}

static void
test_parse_basic (void)
{
  g_autoptr (SipSimpleUri) uri = parse_ok ("sip:alice@example.com");
  g_auto (GStrv) names = NULL;
  g_autofree char *aor = NULL;

  g_assert_cmpstr (sip_simple_uri_get_scheme (uri), ==, "sip");
  g_assert_cmpstr (sip_simple_uri_get_user (uri), ==, "alice");
  g_assert_null (sip_simple_uri_get_password (uri));
  g_assert_cmpstr (sip_simple_uri_get_host (uri), ==, "example.com");
  g_assert_cmpuint (sip_simple_uri_get_port (uri), ==, 0);
  g_assert_false (sip_simple_uri_is_secure (uri));
  g_assert_null (sip_simple_uri_get_transport (uri));
  names = sip_simple_uri_get_param_names (uri);
  g_assert_cmpuint (g_strv_length (names), ==, 0);
  aor = sip_simple_uri_get_aor (uri);
  g_assert_cmpstr (aor, ==, "alice@example.com");
  assert_to_string (uri, "sip:alice@example.com");
}

static void
test_parse_full (void)
{
  g_autoptr (SipSimpleUri) uri
      = parse_ok ("SIPS:alice:secret@Example.COM:5061;transport=TLS;lr;maddr=[2001:db8::1]"
                  "?Subject=hello%20there&Priority=urgent");
  g_auto (GStrv) params = sip_simple_uri_get_param_names (uri);
  g_auto (GStrv) headers = sip_simple_uri_get_header_names (uri);
  g_autofree char  *transport = sip_simple_uri_get_transport (uri);
  g_autofree char  *aor = sip_simple_uri_get_aor (uri);
  const char *const expected_params[] = { "transport", "lr", "maddr", NULL };
  const char *const expected_headers[] = { "Subject", "Priority", NULL };

  g_assert_cmpstr (sip_simple_uri_get_scheme (uri), ==, "sips");
  g_assert_true (sip_simple_uri_is_secure (uri));
  g_assert_cmpstr (sip_simple_uri_get_user (uri), ==, "alice");
  g_assert_cmpstr (sip_simple_uri_get_password (uri), ==, "secret");
  g_assert_cmpstr (sip_simple_uri_get_host (uri), ==, "example.com");
  g_assert_cmpuint (sip_simple_uri_get_port (uri), ==, 5061);
  g_assert_cmpstr (transport, ==, "tls");
  g_assert_cmpstr (sip_simple_uri_get_param (uri, "transport"), ==, "TLS");
  g_assert_cmpstr (sip_simple_uri_get_param (uri, "LR"), ==, "");
  g_assert_true (sip_simple_uri_has_param (uri, "lr"));
  g_assert_null (sip_simple_uri_get_param (uri, "ttl"));
  g_assert_false (sip_simple_uri_has_param (uri, "ttl"));
  g_assert_cmpstr (sip_simple_uri_get_param (uri, "maddr"), ==, "[2001:db8::1]");
  g_assert_true (g_strv_equal ((const char *const *)params, expected_params));
  g_assert_true (g_strv_equal ((const char *const *)headers, expected_headers));
  g_assert_cmpstr (sip_simple_uri_get_header (uri, "subject"), ==, "hello there");
  g_assert_cmpstr (sip_simple_uri_get_header (uri, "Priority"), ==, "urgent");
  g_assert_null (sip_simple_uri_get_header (uri, "To"));
  g_assert_cmpstr (aor, ==, "alice@example.com");
  assert_to_string (uri, "sips:alice:secret@example.com:5061;transport=TLS;lr;maddr=[2001:db8::1]"
                         "?Subject=hello%20there&Priority=urgent");
}

static void
test_parse_hosts (void)
{
  struct
  {
    const char *text;
    const char *host;
    guint       port;
    const char *canonical;
  } cases[] = {
    { "sip:[2001:DB8::10]:5070", "2001:db8::10", 5070, "sip:[2001:db8::10]:5070" },
    /* RFC 5118 port-ambiguous: the last group is part of the address */
    { "sip:[2001:db8::10:5070]", "2001:db8::10:5070", 0, "sip:[2001:db8::10:5070]" },
    { "sip:ted@[::ffff:192.0.2.2]", "::ffff:192.0.2.2", 0, "sip:ted@[::ffff:192.0.2.2]" },
    { "sip:user@[2001:db8::192.0.2.1]", "2001:db8::192.0.2.1", 0, NULL },
    { "sip:192.0.2.1:5060", "192.0.2.1", 5060, NULL },
    { "sip:bob@host.example.com.", "host.example.com.", 0, NULL },
    { "sip:bob@a-b.c3.example", "a-b.c3.example", 0, NULL },
    { "sip:bob@localhost:65535", "localhost", 65535, NULL },
    { "sip:3com.com", "3com.com", 0, NULL },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (SipSimpleUri) uri = parse_ok (cases[i].text);

      g_assert_cmpstr (sip_simple_uri_get_host (uri), ==, cases[i].host);
      g_assert_cmpuint (sip_simple_uri_get_port (uri), ==, cases[i].port);
      assert_to_string (uri, cases[i].canonical ? cases[i].canonical : cases[i].text);
    }
}

static void
test_escaping (void)
{
  g_autoptr (SipSimpleUri) a = parse_ok ("sip:%61lice@atlanta.com");
  g_autoptr (SipSimpleUri) spaces = parse_ok ("sip:I%20have%20spaces@example.net");
  g_autoptr (SipSimpleUri) nul = parse_ok ("sip:null-%00-null@example.com");
  g_autoptr (SipSimpleUri) semi = parse_ok ("sip:a%3bb@example.com");
  g_autoptr (SipSimpleUri) semi_plain = parse_ok ("sip:a;b@example.com");
  g_autoptr (SipSimpleUri) latin = parse_ok ("sip:%E9t%C3%A9@example.com");
  g_autoptr (SipSimpleUri) bad_utf8 = parse_ok ("sip:%FF@example.com");
  g_autoptr (SipSimpleUri) param = parse_ok ("sip:x@example.com;%6C%72;n%61me=v%61lue%25%34%31");

  /* an escaped unreserved character is the character itself */
  g_assert_cmpstr (sip_simple_uri_get_user (a), ==, "alice");
  assert_to_string (a, "sip:alice@atlanta.com");

  g_assert_cmpstr (sip_simple_uri_get_user (spaces), ==, "I have spaces");
  assert_to_string (spaces, "sip:I%20have%20spaces@example.net");

  /* an escaped NUL cannot be C text: it stays escaped, and is written back */
  g_assert_cmpstr (sip_simple_uri_get_user (nul), ==, "null-%00-null");
  assert_to_string (nul, "sip:null-%00-null@example.com");

  /* an escaped reserved character is not the character (RFC 3261 19.1.4) */
  g_assert_cmpstr (sip_simple_uri_get_user (semi), ==, "a;b");
  assert_to_string (semi, "sip:a%3Bb@example.com");
  assert_to_string (semi_plain, "sip:a;b@example.com");
  g_assert_false (sip_simple_uri_equal (semi, semi_plain));

  /* escapes that are not UTF-8 stay escaped in the text */
  g_assert_cmpstr (sip_simple_uri_get_user (latin), ==, "%E9t%C3%A9");
  g_assert_cmpstr (sip_simple_uri_get_user (bad_utf8), ==, "%FF");

  /* RFC 4475 esc01: escaped parameter name and value */
  g_assert_cmpstr (sip_simple_uri_get_param (param, "lr"), ==, "");
  g_assert_cmpstr (sip_simple_uri_get_param (param, "name"), ==, "value%41");
  assert_to_string (param, "sip:x@example.com;lr;name=value%2541");
}

static void
test_setters_escape (void)
{
  g_autoptr (SipSimpleUri) uri = sip_simple_uri_new ("SIP", "a b@c", "Example.com");
  g_autoptr (SipSimpleUri) again = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpstr (sip_simple_uri_get_scheme (uri), ==, "sip");
  g_assert_cmpstr (sip_simple_uri_get_host (uri), ==, "example.com");
  assert_to_string (uri, "sip:a%20b%40c@example.com");

  sip_simple_uri_set_password (uri, "p@ss:w;rd");
  sip_simple_uri_set_param (uri, "foo", "a;b c");
  sip_simple_uri_set_param (uri, "lr", NULL);
  sip_simple_uri_set_header (uri, "Subject", "hi there&x=y");
  sip_simple_uri_set_header (uri, "Empty", "");
  sip_simple_uri_set_port (uri, 5080);
  text = sip_simple_uri_to_string (uri);
  g_assert_cmpstr (text, ==,
                   "sip:a%20b%40c:p%40ss%3Aw%3Brd@example.com:5080;foo=a%3Bb%20c;lr"
                   "?Subject=hi%20there%26x%3Dy&Empty=");

  again = parse_ok (text);
  g_assert_cmpstr (sip_simple_uri_get_user (again), ==, "a b@c");
  g_assert_cmpstr (sip_simple_uri_get_password (again), ==, "p@ss:w;rd");
  g_assert_cmpstr (sip_simple_uri_get_param (again, "foo"), ==, "a;b c");
  g_assert_cmpstr (sip_simple_uri_get_param (again, "lr"), ==, "");
  g_assert_cmpstr (sip_simple_uri_get_header (again, "subject"), ==, "hi there&x=y");
  g_assert_cmpstr (sip_simple_uri_get_header (again, "Empty"), ==, "");
  g_assert_true (sip_simple_uri_equal (uri, again));

  /* removing the user removes the password with it */
  sip_simple_uri_set_user (uri, NULL);
  g_assert_null (sip_simple_uri_get_user (uri));
  g_assert_null (sip_simple_uri_get_password (uri));
  sip_simple_uri_set_host (uri, "[2001:DB8::1]");
  g_assert_cmpstr (sip_simple_uri_get_host (uri), ==, "2001:db8::1");
  sip_simple_uri_set_port (uri, 0);
  sip_simple_uri_set_scheme (uri, "sips");
  sip_simple_uri_remove_param (uri, "foo");
  sip_simple_uri_remove_param (uri, "lr");
  sip_simple_uri_remove_header (uri, "subject");
  sip_simple_uri_remove_header (uri, "empty");
  assert_to_string (uri, "sips:[2001:db8::1]");
  g_free (text);
  text = sip_simple_uri_get_aor (uri);
  g_assert_cmpstr (text, ==, "[2001:db8::1]");

  sip_simple_uri_set_host (uri, "::1");
  sip_simple_uri_set_user (uri, "");
  assert_to_string (uri, "sips:[::1]");
}

static void
test_params_api (void)
{
  g_autoptr (SipSimpleUri) uri = parse_ok ("sip:bob@example.com;a=1;b;A=2;c=3");
  g_auto (GStrv) names = NULL;
  const char *const after_set[] = { "a", "b", "c", NULL };
  const char *const after_remove[] = { "a", "c", "new", NULL };

  /* the first of duplicated parameters wins */
  g_assert_cmpstr (sip_simple_uri_get_param (uri, "a"), ==, "1");
  sip_simple_uri_set_param (uri, "A", "x");
  names = sip_simple_uri_get_param_names (uri);
  g_assert_true (g_strv_equal ((const char *const *)names, after_set));
  g_assert_cmpstr (sip_simple_uri_get_param (uri, "a"), ==, "x");
  assert_to_string (uri, "sip:bob@example.com;a=x;b;c=3");

  g_assert_true (sip_simple_uri_remove_param (uri, "B"));
  g_assert_false (sip_simple_uri_remove_param (uri, "b"));
  sip_simple_uri_set_param (uri, "new", NULL);
  g_strfreev (names);
  names = sip_simple_uri_get_param_names (uri);
  g_assert_true (g_strv_equal ((const char *const *)names, after_remove));

  /* flag <-> valued */
  sip_simple_uri_set_param (uri, "new", "v");
  g_assert_cmpstr (sip_simple_uri_get_param (uri, "new"), ==, "v");
  sip_simple_uri_set_param (uri, "a", NULL);
  g_assert_cmpstr (sip_simple_uri_get_param (uri, "a"), ==, "");
  assert_to_string (uri, "sip:bob@example.com;a;c=3;new=v");
}

static void
test_headers_api (void)
{
  g_autoptr (SipSimpleUri) uri
      = parse_ok ("sip:user@example.com?Route=%3Csip:sip.example.com%3E&Subject=a&subject=b");
  g_auto (GStrv) names = sip_simple_uri_get_header_names (uri);
  const char *const expected[] = { "Route", "Subject", "subject", NULL };

  g_assert_true (g_strv_equal ((const char *const *)names, expected));
  g_assert_cmpstr (sip_simple_uri_get_header (uri, "route"), ==, "<sip:sip.example.com>");
  g_assert_cmpstr (sip_simple_uri_get_header (uri, "SUBJECT"), ==, "a");
  sip_simple_uri_set_header (uri, "subject", "c");
  assert_to_string (uri, "sip:user@example.com?Route=%3Csip:sip.example.com%3E&Subject=c");
  g_assert_true (sip_simple_uri_remove_header (uri, "Route"));
  g_assert_false (sip_simple_uri_remove_header (uri, "Route"));
  assert_to_string (uri, "sip:user@example.com?Subject=c");
}

static void
test_tel (void)
{
  g_autoptr (SipSimpleUri) global = parse_ok ("tel:+1-201-555-0123");
  g_autoptr (SipSimpleUri) local = parse_ok ("tel:7042;phone-context=Example.com");
  g_autoptr (SipSimpleUri) ext1 = parse_ok ("tel:+1-201-555-0123;ext=1234");
  g_autoptr (SipSimpleUri) ext2 = parse_ok ("TEL:+1(201)5550123;EXT=1-234");
  g_autoptr (SipSimpleUri) hex = parse_ok ("tel:*86#;phone-context=+1-212");
  g_autofree char *aor = sip_simple_uri_get_aor (global);

  g_assert_cmpstr (sip_simple_uri_get_scheme (global), ==, "tel");
  g_assert_cmpstr (sip_simple_uri_get_user (global), ==, "+1-201-555-0123");
  g_assert_null (sip_simple_uri_get_host (global));
  g_assert_cmpstr (aor, ==, "+1-201-555-0123");
  assert_to_string (global, "tel:+1-201-555-0123");

  g_assert_cmpstr (sip_simple_uri_get_user (local), ==, "7042");
  g_assert_cmpstr (sip_simple_uri_get_param (local, "phone-context"), ==, "Example.com");
  assert_to_string (local, "tel:7042;phone-context=Example.com");

  g_assert_true (sip_simple_uri_equal (ext1, ext2));
  g_assert_cmpuint (sip_simple_uri_hash (ext1), ==, sip_simple_uri_hash (ext2));
  g_assert_false (sip_simple_uri_equal (global, ext1));
  assert_to_string (ext2, "tel:+1(201)5550123;EXT=1-234");
  g_assert_cmpstr (sip_simple_uri_get_user (hex), ==, "*86#");

  sip_simple_uri_set_user (global, "+1.202.555.0199");
  assert_to_string (global, "tel:+1.202.555.0199");
}

/* A URI equals itself even when it repeats a parameter (found by
 * tests/fuzz/fuzz-sip-values). */
static void
test_tel_repeated_params (void)
{
  const char *text = "tel:+100000007;expq=0.7;x=1;expq=0.70";
  g_autoptr (SipSimpleUri) a = parse_ok (text);
  g_autoptr (SipSimpleUri) b = parse_ok (text);
  g_autoptr (SipSimpleUri) c = parse_ok ("tel:+100000007;expq=0.7;x=1;expq=0.71");
  g_autoptr (SipSimpleUri) sip1 = parse_ok ("sip:a@b;x=1;x=2");
  g_autoptr (SipSimpleUri) sip2 = parse_ok ("sip:a@b;x=1;x=2");

  g_assert_true (sip_simple_uri_equal (a, b));
  g_assert_false (sip_simple_uri_equal (a, c));
  g_assert_cmpuint (sip_simple_uri_hash (a), ==, sip_simple_uri_hash (b));
  g_assert_true (sip_simple_uri_equal (sip1, sip2));
}

static void
test_tel_new_invalid (void)
{
  SipSimpleUri *uri;

  g_test_expect_message ("SipSimple", G_LOG_LEVEL_CRITICAL, "*is_tel_number*");
  uri = sip_simple_uri_new ("tel", "+44 20", NULL);
  g_test_assert_expected_messages ();
  g_assert_null (uri);
}

/* RFC 3261 section 19.1.4, the RFC's own examples */
static void
test_equal_rfc3261 (void)
{
  const char *const equal[][2] = {
    { "sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp" },
    { "sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5" },
    { "sip:carol@chicago.com", "sip:carol@chicago.com;security=on" },
    { "sip:carol@chicago.com;newparam=5", "sip:carol@chicago.com;security=on" },
    { "sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com",
      "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com" },
    { "sip:alice@atlanta.com?subject=project%20x&priority=urgent",
      "sip:alice@atlanta.com?priority=urgent&subject=project%20x" },
    { "sip:[2001:db8::1]", "sip:[2001:DB8:0:0:0:0:0:1]" },
    { "sip:bob@example.com;lr", "sip:bob@example.com;LR" },
    { "sips:bob@example.com", "SIPS:bob@EXAMPLE.com" },
    { "sip:b@x;transport=tcp;transport=udp", "sip:b@x;transport=udp;transport=tcp" },
    { "sip:b@x;a=1;a=2", "sip:b@x;a=2;a=1" },
    { "sip:b@x?h=1&g=2&h=1", "sip:b@x?h=1&h=1&g=2" },
  };
  const char *const different[][2] = {
    { "SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP" },
    { "sip:bob@biloxi.com", "sip:bob@biloxi.com:5060" },
    { "sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp" },
    { "sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp" },
    { "sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting" },
    { "sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4" },
    { "sip:carol@chicago.com;security=on", "sip:carol@chicago.com;security=off" },
    { "sip:bob@example.com", "sips:bob@example.com" },
    { "sip:bob@example.com", "sip:example.com" },
    { "sip:bob:pw@example.com", "sip:bob@example.com" },
    { "sip:bob:pw@example.com", "sip:bob:PW@example.com" },
    { "sip:bob@example.com", "sip:bob@example.com;user=phone" },
    { "sip:bob@example.com", "sip:bob@example.com;ttl=1" },
    { "sip:bob@example.com", "sip:bob@example.com;method=INVITE" },
    { "sip:bob@example.com", "sip:bob@example.com;maddr=192.0.2.1" },
    { "sip:bob@example.com;lr", "sip:bob@example.com;lr=on" },
    { "sip:bob@example.com?a=1", "sip:bob@example.com?a=1&a=1" },
    { "sip:bob@example.com?a=1&b=2", "sip:bob@example.com?a=1&a=2" },
    { "sip:bob@example.com?a=1&a=1&b=2", "sip:bob@example.com?a=1&b=2&b=2" },
    { "sip:[::1]", "sip:[::2]" },
    { "sip:bob@example.com", "tel:+12015550123" },
    { "tel:7042;phone-context=example.com", "tel:+7042" },
    { "tel:+1234;ext=1", "tel:+1234" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (equal); i++)
    {
      g_autoptr (SipSimpleUri) a = parse_ok (equal[i][0]);
      g_autoptr (SipSimpleUri) b = parse_ok (equal[i][1]);

      g_test_message ("%s == %s", equal[i][0], equal[i][1]);
      g_assert_true (sip_simple_uri_equal (a, b));
      g_assert_true (sip_simple_uri_equal (b, a));
      g_assert_cmpuint (sip_simple_uri_hash (a), ==, sip_simple_uri_hash (b));
    }
  for (i = 0; i < G_N_ELEMENTS (different); i++)
    {
      g_autoptr (SipSimpleUri) a = parse_ok (different[i][0]);
      g_autoptr (SipSimpleUri) b = parse_ok (different[i][1]);

      g_test_message ("%s != %s", different[i][0], different[i][1]);
      g_assert_false (sip_simple_uri_equal (a, b));
      g_assert_false (sip_simple_uri_equal (b, a));
    }
}

static void
test_hash_table (void)
{
  g_autoptr (GHashTable) table
      = g_hash_table_new_full ((GHashFunc)sip_simple_uri_hash, (GEqualFunc)sip_simple_uri_equal,
                               (GDestroyNotify)sip_simple_uri_unref, NULL);
  g_autoptr (SipSimpleUri) probe = parse_ok ("sip:Alice@ATLANTA.com;transport=tcp");

  g_hash_table_add (table, parse_ok ("sip:%41lice@atlanta.com;transport=TCP"));
  g_hash_table_add (table, parse_ok ("sip:bob@biloxi.com"));
  g_assert_true (g_hash_table_contains (table, probe));
  sip_simple_uri_set_param (probe, "transport", "udp");
  g_assert_false (g_hash_table_contains (table, probe));
}

static void
test_copy_ref (void)
{
  g_autoptr (SipSimpleUri) uri = parse_ok ("sip:alice@example.com;lr?X=1");
  g_autoptr (SipSimpleUri) copy = sip_simple_uri_copy (uri);
  SipSimpleUri *ref = sip_simple_uri_ref (uri);

  g_assert_true (ref == uri);
  sip_simple_uri_unref (ref);
  g_assert_true (copy != uri);
  g_assert_true (sip_simple_uri_equal (copy, uri));
  sip_simple_uri_set_user (copy, "bob");
  sip_simple_uri_set_param (copy, "lr", "1");
  sip_simple_uri_set_header (copy, "X", "2");
  assert_to_string (uri, "sip:alice@example.com;lr?X=1");
  assert_to_string (copy, "sip:bob@example.com;lr=1?X=2");
  g_assert_true (G_TYPE_IS_BOXED (SIP_SIMPLE_TYPE_URI));
  g_assert_cmpstr (g_type_name (SIP_SIMPLE_TYPE_URI), ==, "SipSimpleUri");
}

static void
test_boxed (void)
{
  g_autoptr (SipSimpleUri) uri = parse_ok ("sip:alice@example.com");
  GValue        value = G_VALUE_INIT;
  SipSimpleUri *held;

  g_value_init (&value, SIP_SIMPLE_TYPE_URI);
  g_value_set_boxed (&value, uri);
  held = g_value_get_boxed (&value);
  /* boxed copy is a reference: same object */
  g_assert_true (held == uri);
  g_value_unset (&value);
}

typedef struct
{
  const char *text;
  const char *problem;
} BadCase;

static const BadCase bad_uris[] = {
  { NULL, "empty input" },
  { "", "empty input" },
  { "sip:", "missing host" },
  { "sip:alice@", "missing host" },
  { "sip:@example.com", "empty user part" },
  { "sip::pw@example.com", "empty user part" },
  { "sip:alice@:5060", "missing host" },
  { "sip:alice@example.com:", "empty port" },
  { "sip:alice@example.com:abc", "invalid port \"abc\"" },
  { "sip:alice@example.com:65536", "out of range" },
  { "sip:alice@example.com:0", "out of range" },
  { "sip:alice@example.com:99999999999999999999", "out of range" },
  { "sip:alice@example.com:-1", "invalid port" },
  { "sip:alice @example.com", "white space at position 9" },
  { " sip:alice@example.com", "white space at position 0" },
  { "sip:alice@example.com ", "white space at position 21" },
  { "sip:alice@exa\tmple.com", "white space" },
  { "sip:alice@example.com\r\nX: y", "control character" },
  { "sip:ali\x01"
    "ce@example.com",
    "control character" },
  { "sip:alice@example.com\x7f", "control character" },
  { "sip:j\xc3\xb6rg@example.com", "non-ASCII character" },
  { "http://example.com", "unsupported scheme \"http\"" },
  { "nobodyKnowsThisScheme:totallyopaquecontent", "unsupported scheme" },
  { "soap.beep://192.0.2.103:3002", "unsupported scheme" },
  { "mailto:alice@example.com", "unsupported scheme" },
  { "alice@example.com", "missing scheme" },
  { "example.com", "missing scheme" },
  { ":alice@example.com", "missing scheme" },
  { "<sip:user@example.com>", "missing scheme" },
  { "sip:[2001:db8::1", "unbalanced '['" },
  { "sip:alice@[2001:db8::1", "unbalanced '['" },
  { "sip:2001:db8::1]", "brackets" },
  { "sip:alice@example.com]", "unbalanced ']'" },
  { "sip:2001:db8::10", "IPv6 address must be enclosed in brackets" },
  { "sip:[2001:db8:::192.0.2.1]", "invalid IPv6 address" },
  { "sip:[example.com]", "invalid IPv6 address" },
  { "sip:[]", "invalid IPv6 address" },
  { "sip:[::1]x", "unexpected character 'x' after IPv6 reference" },
  { "sip:[::1]:", "empty port" },
  { "sip:alice@exa_mple.com", "invalid host \"exa_mple.com\"" },
  { "sip:alice@-example.com", "invalid host" },
  { "sip:alice@example-.com", "invalid host" },
  { "sip:alice@example..com", "invalid host" },
  { "sip:alice@.example.com", "invalid host" },
  { "sip:alice@example.123", "invalid host" },
  { "sip:alice@192.0.2.256", "invalid host" },
  { "sip:alice@192.0.2", "invalid host" },
  { "sip:alice@host@example.com", "invalid host" },
  { "sip:al%ice@example.com", "bad escape \"%ic\" in user" },
  { "sip:alice%4@example.com", "bad escape \"%4\" in user" },
  { "sip:alice%@example.com", "bad escape \"%\" in user" },
  { "sip:alice:p%zz@example.com", "bad escape \"%zz\" in password" },
  { "sip:alice@example.com;a=%G1", "bad escape \"%G1\" in parameter" },
  { "sip:alice@example.com?a=%", "bad escape \"%\" in header" },
  { "sip:al<ice@example.com", "invalid character '<' in user" },
  { "sip:alice:p;w@example.com", "invalid character ';' in password" },
  { "sip:alice@example.com;", "empty parameter" },
  { "sip:alice@example.com;;lr", "empty parameter" },
  { "sip:alice@example.com;=x", "empty parameter name" },
  { "sip:alice@example.com;a=", "empty value for parameter \"a\"" },
  { "sip:alice@example.com;a=b=c", "invalid character '=' in parameter" },
  { "sip:alice@example.com;a=\"b\"", "invalid character '\"' in parameter" },
  { "sip:alice@example.com?", "empty header" },
  { "sip:alice@example.com?a=1&", "empty header" },
  { "sip:alice@example.com?a", "header \"a\" without '='" },
  { "sip:alice@example.com?=1", "empty header name" },
  { "sip:alice@example.com?a=<b>", "invalid character '<' in header" },
  { "tel:", "missing telephone number" },
  { "tel:;phone-context=x", "missing telephone number" },
  { "tel:+", "invalid telephone number \"+\"" },
  { "tel:+-", "invalid telephone number" },
  { "tel:+1-201-555-0123x", "invalid telephone number" },
  { "tel:+1 201", "white space" },
  { "tel:+1@example.com", "invalid telephone number" },
  { "tel:7042", "needs a phone-context parameter" },
  { "tel:+1234;", "empty parameter" },
  { "tel:+1234?a=b", "invalid telephone number" },
  { "tel:+1234;ext=1?a=b", "invalid character '?' in parameter" },
};

static void
test_malformed (void)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (bad_uris); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SipSimpleUri) uri = NULL;
      g_autofree char *quoted = NULL;

      g_test_message ("input: %s", bad_uris[i].text ? bad_uris[i].text : "(null)");
      uri = sip_simple_uri_parse (bad_uris[i].text, &error);
      g_assert_null (uri);
      g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_URI);
      g_test_message ("  -> %s", error->message);
      g_assert_true (g_str_has_prefix (error->message, "Invalid "));
      g_assert_nonnull (strstr (error->message, bad_uris[i].problem));
      /* the message names the input, escaped */
      if (bad_uris[i].text != NULL)
        {
          g_autofree char *escaped = g_strescape (bad_uris[i].text, NULL);

          quoted = g_strdup_printf ("\"%s\"", escaped);
        }
      else
        quoted = g_strdup ("(null)");
      g_assert_nonnull (strstr (error->message, quoted));

      /* NULL error location is fine too */
      g_assert_null (sip_simple_uri_parse (bad_uris[i].text, NULL));
    }
}

static void
test_error_message_format (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *long_input = NULL;

  g_assert_null (sip_simple_uri_parse ("sip:", &error));
  g_assert_cmpstr (error->message, ==, "Invalid SIP URI \"sip:\": missing host");
  g_clear_error (&error);

  g_assert_null (sip_simple_uri_parse ("sips:a@b:x", &error));
  g_assert_cmpstr (error->message, ==, "Invalid SIPS URI \"sips:a@b:x\": invalid port \"x\"");
  g_clear_error (&error);

  g_assert_null (sip_simple_uri_parse ("tel:12", &error));
  g_assert_cmpstr (error->message, ==,
                   "Invalid tel URI \"tel:12\": a local number needs a phone-context parameter");
  g_clear_error (&error);

  g_assert_null (sip_simple_uri_parse ("http://x", &error));
  g_assert_cmpstr (error->message, ==, "Invalid URI \"http://x\": unsupported scheme \"http\"");
  g_clear_error (&error);

  g_assert_null (sip_simple_uri_parse ("sip:a\nb@c", &error));
  g_assert_cmpstr (error->message, ==,
                   "Invalid SIP URI \"sip:a\\nb@c\": control character at position 5");
  g_clear_error (&error);

  /* very long input is cut in the message */
  long_input = g_strnfill (5000, 'a');
  memcpy (long_input, "sip:", 4);
  long_input[4000] = ' ';
  g_assert_null (sip_simple_uri_parse (long_input, &error));
  g_assert_cmpuint (strlen (error->message), <, 400);
  g_assert_true (strstr (error->message, "...: white space at position 4000") != NULL);
}

static const char *const round_trips[] = {
  "sip:alice@example.com",
  "sips:alice@example.com:5061",
  "sip:example.com",
  "sip:192.0.2.1",
  "sip:[::1]:5060;transport=tcp",
  "sip:alice:@example.com",
  "sip:+1-212-555-1212:1234@gateway.com;user=phone",
  "sip:alice@atlanta.com;maddr=239.255.255.1;ttl=15",
  "sip:atlanta.com;method=REGISTER?to=alice%40atlanta.com",
  "sips:alice@atlanta.com?subject=project%20x&priority=urgent",
  "sip:alice;day=tuesday@atlanta.com",
  "sip:user;par=u%40example.net@example.com",
  "sip:sips%3Auser%40example.com@example.net",
  "sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/"
  ";;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com",
  "sip:%00%00@host5.example.com",
  "sip:x@y;a=[b]/c:d&e+f$g?h=[i]/j?k:l+m$n",
  "sip:x@example.com.;lr",
  "tel:+1-201-555-0123;ext=1234;isdn-subaddress=1;foo",
  "tel:863-1234;phone-context=+1-914-555",
  "tel:*86#;phone-context=example.com",
};

static void
test_round_trip (void)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (round_trips); i++)
    {
      g_autoptr (SipSimpleUri) uri = parse_ok (round_trips[i]);
      g_autofree char *text = sip_simple_uri_to_string (uri);
      g_autoptr (SipSimpleUri) again = parse_ok (text);
      g_autofree char *text2 = sip_simple_uri_to_string (again);

      g_test_message ("%s -> %s", round_trips[i], text);
      g_assert_cmpstr (text, ==, round_trips[i]);
      g_assert_cmpstr (text2, ==, text);
      g_assert_true (sip_simple_uri_equal (uri, again));
      g_assert_cmpuint (sip_simple_uri_hash (uri), ==, sip_simple_uri_hash (again));
    }
}

static void
test_intmeth_userinfo (void)
{
  /* RFC 4475 intmeth: every allowed character of user and password */
  g_autoptr (SipSimpleUri) uri = parse_ok (round_trips[13]);

  g_assert_cmpstr (sip_simple_uri_get_user (uri), ==,
                   "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
  g_assert_cmpstr (sip_simple_uri_get_password (uri), ==,
                   "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
  g_assert_cmpstr (sip_simple_uri_get_host (uri), ==, "example.com");
  g_assert_cmpuint (sip_simple_uri_get_port (uri), ==, 0);
}

/* The request-URI of a torture message: the start line between the method
 * and " SIP/2.0". */
static char *
torture_request_uri (const char *file)
{
  g_autofree char *path = test_source_path (file);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  const char *sp, *end;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  sp = strchr (contents, ' ');
  end = strstr (contents, " SIP/2.0\r\n");
  g_assert_nonnull (sp);
  g_assert_nonnull (end);
  return g_strndup (sp + 1, end - sp - 1);
}

static void
test_torture (void)
{
  struct
  {
    const char *file;
    const char *user;
    const char *host;
    guint       port;
    const char *problem; /* NULL: must parse */
  } cases[] = {
    { "data/torture/rfc4475/esc01.dat", "sips:user@example.com", "example.net", 0, NULL },
    { "data/torture/rfc4475/semiuri.dat", "user;par=u@example.net", "example.com", 0, NULL },
    { "data/torture/rfc4475/escruri.dat", "user", "example.com", 0, NULL },
    { "data/torture/rfc4475/escnull.dat", NULL, "example.com", 0, NULL },
    { "data/torture/rfc4475/ltgtruri.dat", NULL, NULL, 0, "missing scheme" },
    { "data/torture/rfc4475/lwsruri.dat", NULL, NULL, 0, "white space" },
    { "data/torture/rfc4475/unkscm.dat", NULL, NULL, 0, "unsupported scheme" },
    { "data/torture/rfc4475/novelsc.dat", NULL, NULL, 0, "unsupported scheme" },
    { "data/torture/rfc5118/ipv6-good.dat", NULL, "2001:db8::10", 0, NULL },
    { "data/torture/rfc5118/ipv6-bad.dat", NULL, NULL, 0, "brackets" },
    { "data/torture/rfc5118/ipv6-correct-abnf-2-colons.dat", "user", "2001:db8::192.0.2.1", 0,
      NULL },
    { "data/torture/rfc5118/ipv6-bug-abnf-3-colons.dat", NULL, NULL, 0, "invalid IPv6 address" },
    { "data/torture/rfc5118/port-ambiguous.dat", NULL, "2001:db8::10:5070", 0, NULL },
    { "data/torture/rfc5118/port-unambiguous.dat", NULL, "2001:db8::10", 5070, NULL },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = torture_request_uri (cases[i].file);
      g_autoptr (GError) error = NULL;
      g_autoptr (SipSimpleUri) uri = sip_simple_uri_parse (text, &error);

      g_test_message ("%s: %s", cases[i].file, text);
      if (cases[i].problem != NULL)
        {
          g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_URI);
          g_assert_nonnull (strstr (error->message, cases[i].problem));
          continue;
        }
      g_assert_no_error (error);
      g_assert_cmpstr (sip_simple_uri_get_user (uri), ==, cases[i].user);
      g_assert_cmpstr (sip_simple_uri_get_host (uri), ==, cases[i].host);
      g_assert_cmpuint (sip_simple_uri_get_port (uri), ==, cases[i].port);
    }

  {
    g_autofree char *text = torture_request_uri ("data/torture/rfc4475/escruri.dat");
    g_autoptr (SipSimpleUri) uri = parse_ok (text);

    /* a valid URI, with a header that a request-URI must not carry */
    g_assert_cmpstr (sip_simple_uri_get_header (uri, "Route"), ==, "<sip:example.com>");
  }
}

/* Random damage to valid URIs: parsing must never crash, and whatever is
 * accepted must survive a round trip. */
static void
test_mutations (void)
{
  const char alphabet[] = "@:;?&=%[]<>\"\\ \t\r\n\x01\x7f\xc3\xa9.-+#*()/,$!~'_0123456789aAzZ";
  GRand     *rand = g_rand_new_with_seed (20240601);
  guint      accepted = 0, rejected = 0;
  guint      i;

  for (i = 0; i < 20000; i++)
    {
      const char *base = round_trips[g_rand_int_range (rand, 0, G_N_ELEMENTS (round_trips))];
      GString    *s = g_string_new (base);
      int         edits = g_rand_int_range (rand, 1, 4);
      g_autoptr (GError) error = NULL;
      g_autoptr (SipSimpleUri) uri = NULL;

      while (edits-- > 0 && s->len > 0)
        {
          gsize pos = g_rand_int_range (rand, 0, s->len);
          char  c = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];

          switch (g_rand_int_range (rand, 0, 3))
            {
            case 0:
              s->str[pos] = c;
              break;
            case 1:
              g_string_insert_c (s, pos, c);
              break;
            default:
              g_string_erase (s, pos, 1);
              break;
            }
        }

      uri = sip_simple_uri_parse (s->str, &error);
      if (uri != NULL)
        {
          g_autofree char *text = sip_simple_uri_to_string (uri);
          g_autoptr (GError) error2 = NULL;
          g_autoptr (SipSimpleUri) again = sip_simple_uri_parse (text, &error2);

          g_assert_no_error (error2);
          g_assert_true (sip_simple_uri_equal (uri, again));
          g_assert_cmpuint (sip_simple_uri_hash (uri), ==, sip_simple_uri_hash (again));
          accepted++;
        }
      else
        {
          g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_URI);
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
          rejected++;
        }
      g_string_free (s, TRUE);
    }
  g_test_message ("accepted %u, rejected %u", accepted, rejected);
  g_assert_cmpuint (accepted, >, 0);
  g_assert_cmpuint (rejected, >, 0);
  g_rand_free (rand);
}

static void
test_programmer_errors (void)
{
  g_autoptr (SipSimpleUri) uri = parse_ok ("sip:alice@example.com");
  SipSimpleUri *bad;

  g_test_expect_message ("SipSimple", G_LOG_LEVEL_CRITICAL, "*port <= 65535*");
  sip_simple_uri_set_port (uri, 70000);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (sip_simple_uri_get_port (uri), ==, 0);

  g_test_expect_message ("SipSimple", G_LOG_LEVEL_CRITICAL, "*normalized != NULL*");
  sip_simple_uri_set_host (uri, "bad host");
  g_test_assert_expected_messages ();
  g_assert_cmpstr (sip_simple_uri_get_host (uri), ==, "example.com");

  g_test_expect_message ("SipSimple", G_LOG_LEVEL_CRITICAL, "*scheme_is_valid*");
  bad = sip_simple_uri_new ("http", NULL, "example.com");
  g_test_assert_expected_messages ();
  g_assert_null (bad);

  g_test_expect_message ("SipSimple", G_LOG_LEVEL_CRITICAL, "*host != NULL*");
  bad = sip_simple_uri_new ("sip", "alice", NULL);
  g_test_assert_expected_messages ();
  g_assert_null (bad);

  g_test_expect_message ("SipSimple", G_LOG_LEVEL_CRITICAL, "*sip_simple_uri_set_scheme*failed*");
  sip_simple_uri_set_scheme (uri, "tel");
  g_test_assert_expected_messages ();
  g_assert_cmpstr (sip_simple_uri_get_scheme (uri), ==, "sip");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/uri/parse/basic", test_parse_basic);
  g_test_add_func ("/uri/parse/full", test_parse_full);
  g_test_add_func ("/uri/parse/hosts", test_parse_hosts);
  g_test_add_func ("/uri/parse/malformed", test_malformed);
  g_test_add_func ("/uri/parse/error-message", test_error_message_format);
  g_test_add_func ("/uri/parse/torture", test_torture);
  g_test_add_func ("/uri/parse/intmeth-userinfo", test_intmeth_userinfo);
  g_test_add_func ("/uri/parse/mutations", test_mutations);
  g_test_add_func ("/uri/escaping", test_escaping);
  g_test_add_func ("/uri/setters", test_setters_escape);
  g_test_add_func ("/uri/params", test_params_api);
  g_test_add_func ("/uri/headers", test_headers_api);
  g_test_add_func ("/uri/tel", test_tel);
  g_test_add_func ("/uri/tel-repeated-params", test_tel_repeated_params);
  g_test_add_func ("/uri/tel-new-invalid", test_tel_new_invalid);
  g_test_add_func ("/uri/round-trip", test_round_trip);
  g_test_add_func ("/uri/equal/rfc3261", test_equal_rfc3261);
  g_test_add_func ("/uri/equal/hash-table", test_hash_table);
  g_test_add_func ("/uri/copy-ref", test_copy_ref);
  g_test_add_func ("/uri/boxed", test_boxed);
  g_test_add_func ("/uri/programmer-errors", test_programmer_errors);

  return g_test_run ();
}
