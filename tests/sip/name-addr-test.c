/* Unit tests of SipSimpleNameAddr
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gio/gio.h>

#include "test-utils.h"

#include <string.h>

static SipSimpleNameAddr *
parse_ok (const char *text)
{
  g_autoptr (GError) error = NULL;
  SipSimpleNameAddr *addr = sip_simple_name_addr_parse (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (addr);
  return addr;
}

static void
assert_uri (const SipSimpleNameAddr *addr, const char *expected)
{
  g_autofree char *s = sip_simple_uri_to_string (sip_simple_name_addr_get_uri (addr));

  g_assert_cmpstr (s, ==, expected);
}

static void
assert_to_string (const SipSimpleNameAddr *addr, const char *expected)
{
  g_autofree char *s = sip_simple_name_addr_to_string (addr);

  g_assert_cmpstr (s, ==, expected);
}

static void
test_name_addr_form (void)
{
  g_autoptr (SipSimpleNameAddr) addr
      = parse_ok ("\"Alice Smith\" <sip:alice@example.com;transport=tcp>;tag=abc;expires=60");
  g_auto (GStrv) names = sip_simple_name_addr_get_param_names (addr);
  const char *const expected[] = { "tag", "expires", NULL };

  g_assert_cmpstr (sip_simple_name_addr_get_display_name (addr), ==, "Alice Smith");
  assert_uri (addr, "sip:alice@example.com;transport=tcp");
  g_assert_cmpstr (sip_simple_name_addr_get_tag (addr), ==, "abc");
  g_assert_cmpstr (sip_simple_name_addr_get_param (addr, "EXPIRES"), ==, "60");
  g_assert_true (sip_simple_name_addr_has_param (addr, "Tag"));
  g_assert_null (sip_simple_name_addr_get_param (addr, "q"));
  g_assert_true (g_strv_equal ((const char *const *)names, expected));
  assert_to_string (addr,
                    "\"Alice Smith\" <sip:alice@example.com;transport=tcp>;tag=abc;expires=60");
}

static void
test_addr_spec_form (void)
{
  /* RFC 3261 20.10: after an addr-spec, parameters belong to the header */
  g_autoptr (SipSimpleNameAddr) addr = parse_ok ("sip:alice@example.com;tag=abc;lr");
  g_autoptr (SipSimpleNameAddr) tel = parse_ok ("tel:+1-201-555-0123;tag=x");
  g_autoptr (SipSimpleNameAddr) bare = parse_ok ("  sips:bob@example.com  ");
  g_autoptr (SipSimpleNameAddr) quoted
      = parse_ok ("sip:a@example.com;+sip.instance=\"<urn:uuid:1>\"");

  g_assert_null (sip_simple_name_addr_get_display_name (addr));
  assert_uri (addr, "sip:alice@example.com");
  g_assert_false (sip_simple_uri_has_param (sip_simple_name_addr_get_uri (addr), "tag"));
  g_assert_cmpstr (sip_simple_name_addr_get_tag (addr), ==, "abc");
  g_assert_cmpstr (sip_simple_name_addr_get_param (addr, "lr"), ==, "");
  assert_to_string (addr, "<sip:alice@example.com>;tag=abc;lr");

  assert_uri (tel, "tel:+1-201-555-0123");
  g_assert_cmpstr (sip_simple_name_addr_get_tag (tel), ==, "x");

  assert_to_string (bare, "<sips:bob@example.com>");

  assert_uri (quoted, "sip:a@example.com");
  g_assert_cmpstr (sip_simple_name_addr_get_param (quoted, "+sip.instance"), ==, "<urn:uuid:1>");
  assert_to_string (quoted, "<sip:a@example.com>;+sip.instance=\"<urn:uuid:1>\"");
}

static void
test_display_names (void)
{
  struct
  {
    const char *text;
    const char *display;
    const char *canonical;
  } cases[] = {
    { "Alice   Smith <sip:alice@example.com>", "Alice Smith",
      "\"Alice Smith\" <sip:alice@example.com>" },
    /* RFC 4475 lwsdisp */
    { "caller<sip:caller@example.com>;tag=323", "caller",
      "\"caller\" <sip:caller@example.com>;tag=323" },
    /* RFC 4475 wsinv */
    { "\"J Rosenberg \\\\\\\"\"       <sip:jdrosen@example.com> ; tag = 98asjd8",
      "J Rosenberg \\\"", "\"J Rosenberg \\\\\\\"\" <sip:jdrosen@example.com>;tag=98asjd8" },
    { "\"Quoted string \\\"\\\"\" <sip:jdrosen@example.com> ; newparam = newvalue ; secondparam ; "
      "q = 0.33",
      "Quoted string \"\"",
      "\"Quoted string \\\"\\\"\" <sip:jdrosen@example.com>;newparam=newvalue;secondparam;q=0.33" },
    /* RFC 4475 esc02: % in a display name is just a character */
    { "\"%Z%45\" <sip:resource@example.com>", "%Z%45", NULL },
    /* RFC 4475 intmeth */
    { "token1~` token2'+_ token3*%!.- <sip:mundane@example.com>", "token1~` token2'+_ token3*%!.-",
      "\"token1~` token2'+_ token3*%!.-\" <sip:mundane@example.com>" },
    { "\"\" <sip:anonymous@anonymous.invalid>", "", NULL },
    { "<sip:alice@example.com>", NULL, NULL },
    { "\"A\"<sip:a@example.com>", "A", "\"A\" <sip:a@example.com>" },
    { "\"J\xc3\xb6rg \xe2\x98\x8e\" <sip:j@example.com>", "J\xc3\xb6rg \xe2\x98\x8e", NULL },
    /* unquoted UTF-8 is let through */
    { "J\xc3\xb6rg <sip:j@example.com>", "J\xc3\xb6rg", "\"J\xc3\xb6rg\" <sip:j@example.com>" },
    { "\"tab\there\" <sip:a@example.com>", "tab\there", NULL },
    { "\"a\\\x01"
      "b\" <sip:a@example.com>",
      "a\x01"
      "b",
      NULL },
    { "\"T. desk phone\" <sip:ted@[::ffff:192.0.2.2]>", "T. desk phone", NULL },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (SipSimpleNameAddr) addr = NULL;
      g_autoptr (SipSimpleNameAddr) again = NULL;
      g_autofree char *text = NULL;

      g_test_message ("%s", cases[i].text);
      addr = parse_ok (cases[i].text);
      g_assert_cmpstr (sip_simple_name_addr_get_display_name (addr), ==, cases[i].display);
      text = sip_simple_name_addr_to_string (addr);
      g_assert_cmpstr (text, ==, cases[i].canonical ? cases[i].canonical : cases[i].text);
      again = parse_ok (text);
      g_assert_cmpstr (sip_simple_name_addr_get_display_name (again), ==, cases[i].display);
      g_assert_true (sip_simple_name_addr_equal (addr, again));
    }
}

static void
test_intmeth_params (void)
{
  /* RFC 4475 intmeth From: unusual token characters and a UTF-8 quoted value */
  const char *text
      = "token1~` token2'+_ token3*%!.- <sip:mundane@example.com>;fromParam''~+*_!.-%="
        "\"\xd1\x80\xd0\xb0\xd0\xb1\xd0\xbe\xd1\x82\xd0\xb0\xd1\x8e\xd1\x89\xd0\xb8\xd0\xb9\""
        ";tag=_token~1'+`*%!-.";
  g_autoptr (SipSimpleNameAddr) addr = parse_ok (text);
  g_autofree char *out = sip_simple_name_addr_to_string (addr);

  g_assert_cmpstr (
      sip_simple_name_addr_get_param (addr, "fromparam''~+*_!.-%"), ==,
      "\xd1\x80\xd0\xb0\xd0\xb1\xd0\xbe\xd1\x82\xd0\xb0\xd1\x8e\xd1\x89\xd0\xb8\xd0\xb9");
  g_assert_cmpstr (sip_simple_name_addr_get_tag (addr), ==, "_token~1'+`*%!-.");
  g_assert_true (g_str_has_suffix (
      out, text + strlen ("token1~` token2'+_ token3*%!.- <sip:mundane@example.com>")));
}

static void
test_setters (void)
{
  g_autoptr (SipSimpleUri) uri = sip_simple_uri_new ("sip", "alice", "example.com");
  g_autoptr (SipSimpleNameAddr) addr = sip_simple_name_addr_new (NULL, uri);
  g_autoptr (SipSimpleUri) other = sip_simple_uri_parse ("sips:bob@example.org", NULL);
  g_autoptr (SipSimpleNameAddr) again = NULL;
  g_autofree char *text = NULL;
  g_auto (GStrv) names = NULL;
  const char *const expected_names[] = { "tag", "q", "+sip.instance", "x", NULL };

  assert_to_string (addr, "<sip:alice@example.com>");

  /* the URI is shared, not copied */
  g_assert_true (sip_simple_name_addr_get_uri (addr) == uri);
  sip_simple_uri_set_param (uri, "lr", NULL);
  assert_to_string (addr, "<sip:alice@example.com;lr>");

  sip_simple_name_addr_set_display_name (addr, "He said \"hi\" \\o/\r\nX-Injected: 1");
  g_assert_cmpstr (sip_simple_name_addr_get_display_name (addr), ==,
                   "He said \"hi\" \\o/  X-Injected: 1");
  sip_simple_name_addr_set_tag (addr, "1234");
  sip_simple_name_addr_set_param (addr, "q", "0.5");
  sip_simple_name_addr_set_param (addr, "+sip.instance", "<urn:uuid:f81d4fae>");
  sip_simple_name_addr_set_param (addr, "x", "a b \"c\"");
  names = sip_simple_name_addr_get_param_names (addr);
  g_assert_true (g_strv_equal ((const char *const *)names, expected_names));
  text = sip_simple_name_addr_to_string (addr);
  g_assert_cmpstr (
      text, ==,
      "\"He said \\\"hi\\\" \\\\o/  X-Injected: 1\" <sip:alice@example.com;lr>;tag=1234;q=0.5;"
      "+sip.instance=\"<urn:uuid:f81d4fae>\";x=\"a b \\\"c\\\"\"");
  again = parse_ok (text);
  g_assert_cmpstr (sip_simple_name_addr_get_display_name (again), ==,
                   sip_simple_name_addr_get_display_name (addr));
  g_assert_cmpstr (sip_simple_name_addr_get_param (again, "x"), ==, "a b \"c\"");
  g_assert_cmpstr (sip_simple_name_addr_get_param (again, "+sip.instance"), ==,
                   "<urn:uuid:f81d4fae>");
  g_assert_true (sip_simple_name_addr_equal (addr, again));

  /* replace, flag, remove */
  sip_simple_name_addr_set_param (addr, "Q", NULL);
  g_assert_cmpstr (sip_simple_name_addr_get_param (addr, "q"), ==, "");
  g_assert_true (sip_simple_name_addr_remove_param (addr, "x"));
  g_assert_false (sip_simple_name_addr_remove_param (addr, "x"));
  sip_simple_name_addr_set_param (addr, "empty", "");
  sip_simple_name_addr_set_tag (addr, NULL);
  g_assert_null (sip_simple_name_addr_get_tag (addr));
  sip_simple_name_addr_set_display_name (addr, NULL);
  sip_simple_name_addr_set_uri (addr, other);
  assert_to_string (addr,
                    "<sips:bob@example.org>;q;+sip.instance=\"<urn:uuid:f81d4fae>\";empty=\"\"");
  g_assert_true (sip_simple_name_addr_get_uri (addr) == other);
}

static void
test_equal (void)
{
  const char *const equal[][2] = {
    { "\"Alice\" <sip:alice@example.com>;tag=1", "Bob <sip:alice@EXAMPLE.com>;TAG=1" },
    { "<sip:alice@example.com>;tag=1;q=1", "sip:alice@example.com;q=1;tag=1" },
    { "<sip:%61lice@example.com>", "<sip:alice@example.com;newparam=1>" },
    { "<sip:a@x>;p=\"Q\"", "<sip:a@x>;p=q" },
  };
  const char *const different[][2] = {
    { "<sip:alice@example.com>;tag=1", "<sip:alice@example.com>;tag=2" },
    { "<sip:alice@example.com>;tag=1", "<sip:alice@example.com>" },
    { "<sip:alice@example.com;tag=1>", "<sip:alice@example.com>;tag=1" },
    { "<sip:alice@example.com>", "<sip:Alice@example.com>" },
    { "<sip:a@x>;p", "<sip:a@x>;p=p" },
    { "<sip:a@x>;p=1;p=1", "<sip:a@x>;p=1;q=1" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (equal); i++)
    {
      g_autoptr (SipSimpleNameAddr) a = parse_ok (equal[i][0]);
      g_autoptr (SipSimpleNameAddr) b = parse_ok (equal[i][1]);

      g_test_message ("%s == %s", equal[i][0], equal[i][1]);
      g_assert_true (sip_simple_name_addr_equal (a, b));
      g_assert_true (sip_simple_name_addr_equal (b, a));
      g_assert_cmpuint (sip_simple_name_addr_hash (a), ==, sip_simple_name_addr_hash (b));
    }
  for (i = 0; i < G_N_ELEMENTS (different); i++)
    {
      g_autoptr (SipSimpleNameAddr) a = parse_ok (different[i][0]);
      g_autoptr (SipSimpleNameAddr) b = parse_ok (different[i][1]);

      g_test_message ("%s != %s", different[i][0], different[i][1]);
      g_assert_false (sip_simple_name_addr_equal (a, b));
      g_assert_false (sip_simple_name_addr_equal (b, a));
    }
}

static void
test_copy_ref (void)
{
  g_autoptr (SipSimpleNameAddr) addr = parse_ok ("\"A\" <sip:a@example.com>;tag=1");
  g_autoptr (SipSimpleNameAddr) copy = sip_simple_name_addr_copy (addr);
  SipSimpleNameAddr *ref = sip_simple_name_addr_ref (addr);
  GValue             value = G_VALUE_INIT;

  g_assert_true (ref == addr);
  sip_simple_name_addr_unref (ref);
  g_assert_true (sip_simple_name_addr_get_uri (copy) != sip_simple_name_addr_get_uri (addr));
  sip_simple_uri_set_user (sip_simple_name_addr_get_uri (copy), "b");
  sip_simple_name_addr_set_tag (copy, "2");
  sip_simple_name_addr_set_display_name (copy, "B");
  assert_to_string (addr, "\"A\" <sip:a@example.com>;tag=1");
  assert_to_string (copy, "\"B\" <sip:b@example.com>;tag=2");

  g_value_init (&value, SIP_SIMPLE_TYPE_NAME_ADDR);
  g_value_set_boxed (&value, addr);
  g_assert_true (g_value_get_boxed (&value) == addr);
  g_value_unset (&value);
  g_assert_cmpstr (g_type_name (SIP_SIMPLE_TYPE_NAME_ADDR), ==, "SipSimpleNameAddr");
}

typedef struct
{
  const char *text;
  const char *problem;
} BadCase;

static const BadCase bad_addrs[] = {
  { NULL, "empty input" },
  { "", "empty input" },
  { "   ", "empty input" },
  /* RFC 4475 baddn */
  { "Bell, Alexander <sip:a.g.bell@example.com>;tag=43", "invalid character ',' in display name" },
  /* RFC 4475 quotbal */
  { "\"Mr. J. User <sip:j.user@example.com>", "unterminated quoted string" },
  /* RFC 4475 badaspec */
  { "\"Watson, Thomas\" < sip:t.watson@example.org >", "white space at position 0" },
  /* RFC 4475 regbadct */
  { "sip:user@example.com?Route=%3Csip:sip.example.com%3E", "must be enclosed in '<' '>'" },
  /* RFC 4475 badinv01 */
  { "\"Joe\" <sip:joe@example.org>;;;;", "empty parameter" },
  /* RFC 4475 unksm2 */
  { "isbn:2983792873", "unsupported scheme \"isbn\"" },
  { "<http://www.example.com>;tag=3234233", "unsupported scheme \"http\"" },
  { "<name:John_Smith>", "unsupported scheme" },
  { "<sip:alice@example.com", "missing '>'" },
  { "sip:alice@example.com>", "'>' without '<'" },
  { "\"Alice\" sip:alice@example.com", "expected '<' after the display name" },
  { "\"Alice\"", "expected '<'" },
  { "<>", "empty input" },
  { "<sip:>", "missing host" },
  { "<sip:alice@example.com>;tag=", "empty value for parameter \"tag\"" },
  { "<sip:alice@example.com>;tag", NULL },
  { "<sip:alice@example.com>;=x", "invalid character '=' in parameter name" },
  { "<sip:alice@example.com>;a b=c", "unexpected character 'b' after the address" },
  { "<sip:alice@example.com> x", "unexpected character 'x' after the address" },
  { "<sip:alice@example.com>;tag=\"x", "unterminated quoted string" },
  { "<sip:alice@example.com>;tag=a\"b\"", "unexpected character '\"'" },
  { "<sip:a@example.com>, <sip:b@example.com>", "several addresses" },
  { "sip:a@example.com, sip:b@example.com", "several addresses" },
  { "sip:a@example.com,sip:b@example.com", "several addresses" },
  { "A <sip:a@example.com>\r\nVia: x", "line break at position" },
  { "<sip:a@example.com>\n", "line break" },
  { "\"\xff\" <sip:a@example.com>", "invalid UTF-8" },
  { "\"a\x01"
    "b\" <sip:a@example.com>",
    "control character in quoted string" },
  { "\"a\\\xc3\xa9\" <sip:a@example.com>", "invalid escape in quoted string" },
  { "\"a\\", "unterminated quoted string" },
  { "Al@ce <sip:a@example.com>", "invalid character '@' in display name" },
  { "A\x01 <sip:a@example.com>", "invalid character 0x01 in display name" },
  { "*", "missing scheme" },
  { "foo \"bar\" <sip:a@example.com>", "missing scheme" },
  { "<sip:a@example.com>;tag=x;", "empty parameter" },
};

static void
test_malformed (void)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (bad_addrs); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SipSimpleNameAddr) addr = NULL;

      if (bad_addrs[i].problem == NULL)
        continue; /* (valid, listed to document it) */
      { g_autofree char *shown = bad_addrs[i].text ? g_strescape (bad_addrs[i].text, NULL) : g_strdup ("(null)"); g_test_message ("input: %s", shown); }
      addr = sip_simple_name_addr_parse (bad_addrs[i].text, &error);
      g_assert_null (addr);
      g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_NAME_ADDR);
      { g_autofree char *shown = g_strescape (error->message, NULL); g_test_message ("  -> %s", shown); }
      g_assert_true (g_str_has_prefix (error->message, "Invalid address "));
      g_assert_nonnull (strstr (error->message, bad_addrs[i].problem));
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_null (sip_simple_name_addr_parse (bad_addrs[i].text, NULL));
    }
}

static void
test_error_message (void)
{
  g_autoptr (GError) error = NULL;

  g_assert_null (sip_simple_name_addr_parse ("Bob <sip:>", &error));
  g_assert_cmpstr (error->message, ==,
                   "Invalid address \"Bob <sip:>\": Invalid SIP URI \"sip:\": missing host");
}

static const char *const valid_addrs[] = {
  "\"Alice Smith\" <sip:alice@example.com>;tag=abc",
  "sip:alice@example.com;tag=abc",
  "Bob <sips:bob@[2001:db8::1]:5061;transport=tls>;expires=3600;q=0.7",
  "<sip:user@example.com?Route=%3Csip:sip.example.com%3E>",
  "<tel:+1-201-555-0123;ext=12>;tag=9",
  "\"\\\"quoted\\\" \\\\ name\" <sip:q@example.com>;p=\"v a l\";flag",
  "<sip:a@x>;received=[2001:db8::9:255];rport",
};

static void
test_round_trip (void)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (valid_addrs); i++)
    {
      g_autoptr (SipSimpleNameAddr) addr = parse_ok (valid_addrs[i]);
      g_autofree char *text = sip_simple_name_addr_to_string (addr);
      g_autoptr (SipSimpleNameAddr) again = parse_ok (text);
      g_autofree char *text2 = sip_simple_name_addr_to_string (again);

      g_test_message ("%s -> %s", valid_addrs[i], text);
      g_assert_cmpstr (text, ==, text2);
      g_assert_true (sip_simple_name_addr_equal (addr, again));
      g_assert_cmpstr (sip_simple_name_addr_get_display_name (addr), ==,
                       sip_simple_name_addr_get_display_name (again));
    }
}

static void
test_mutations (void)
{
  const char alphabet[] = "<>\"\\;=,:@ \t?%[]\x01\xc3\xa9"
                          "abc012";
  GRand     *rand = g_rand_new_with_seed (4475);
  guint      accepted = 0;
  guint      i;

  for (i = 0; i < 20000; i++)
    {
      GString *s
          = g_string_new (valid_addrs[g_rand_int_range (rand, 0, G_N_ELEMENTS (valid_addrs))]);
      int edits = g_rand_int_range (rand, 1, 4);
      g_autoptr (GError) error = NULL;
      g_autoptr (SipSimpleNameAddr) addr = NULL;

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
      addr = sip_simple_name_addr_parse (s->str, &error);
      if (addr != NULL)
        {
          g_autofree char *text = sip_simple_name_addr_to_string (addr);
          g_autoptr (GError) error2 = NULL;
          g_autoptr (SipSimpleNameAddr) again = sip_simple_name_addr_parse (text, &error2);

          g_assert_no_error (error2);
          g_assert_true (sip_simple_name_addr_equal (addr, again));
          g_assert_cmpstr (sip_simple_name_addr_get_display_name (addr), ==,
                           sip_simple_name_addr_get_display_name (again));
          accepted++;
        }
      else
        g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_NAME_ADDR);
      g_string_free (s, TRUE);
    }
  g_test_message ("accepted %u of 20000", accepted);
  g_assert_cmpuint (accepted, >, 0);
  g_rand_free (rand);
}

static void
test_split_list (void)
{
  g_autoptr (SipSimpleHeaders) headers = sip_simple_headers_new ();
  g_autoptr (GPtrArray) addrs = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (sip_simple_headers_append (
      headers, "Contact", "<sip:a,1@x;p=1>, \"B, b\" <sip:b@y>;q=0.5 ,sip:c@z;expires=0", &error));
  addrs = sip_simple_headers_get_name_addrs (headers, "m", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (addrs->len, ==, 3);
  assert_uri (addrs->pdata[0], "sip:a,1@x;p=1");
  g_assert_cmpstr (sip_simple_name_addr_get_display_name (addrs->pdata[1]), ==, "B, b");
  g_assert_cmpstr (sip_simple_name_addr_get_param (addrs->pdata[2], "expires"), ==, "0");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/name-addr/parse/name-addr", test_name_addr_form);
  g_test_add_func ("/name-addr/parse/addr-spec", test_addr_spec_form);
  g_test_add_func ("/name-addr/parse/display-names", test_display_names);
  g_test_add_func ("/name-addr/parse/intmeth-params", test_intmeth_params);
  g_test_add_func ("/name-addr/parse/malformed", test_malformed);
  g_test_add_func ("/name-addr/parse/error-message", test_error_message);
  g_test_add_func ("/name-addr/parse/mutations", test_mutations);
  g_test_add_func ("/name-addr/setters", test_setters);
  g_test_add_func ("/name-addr/equal", test_equal);
  g_test_add_func ("/name-addr/copy-ref", test_copy_ref);
  g_test_add_func ("/name-addr/round-trip", test_round_trip);
  g_test_add_func ("/name-addr/split-list", test_split_list);

  return g_test_run ();
}
