/* Unit tests of SipSimpleMsrpUri (RFC 4975 section 6)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gio/gio.h>

#include "test-utils.h"

static void
test_parse (void)
{
  static const struct
  {
    const char *text;
    gboolean    secure;
    const char *user;
    const char *host;
    guint16     port;
    const char *session_id;
    const char *transport;
    const char *params;
    const char *canonical;
  } cases[] = {
    { "msrp://atlanta.example.com:7654/jshA7weztas;tcp", FALSE, NULL, "atlanta.example.com", 7654, "jshA7weztas", "tcp",
      NULL, NULL },
    { "msrps://bob@biloxi.example.com:12763/kjhd37s2s20w2a;tcp", TRUE, "bob", "biloxi.example.com", 12763,
      "kjhd37s2s20w2a", "tcp", NULL, NULL },
    { "msrp://127.0.0.1:2855/a+b=c/d_e-f.g~h;tcp", FALSE, NULL, "127.0.0.1", 2855, "a+b=c/d_e-f.g~h", "tcp", NULL, NULL },
    { "msrps://[::1]:4321/x;tcp", TRUE, NULL, "::1", 4321, "x", "tcp", NULL, NULL },
    { "msrps://[2001:db8::7]/x;TCP;foo=bar;baz", TRUE, NULL, "2001:db8::7", 0, "x", "tcp", "foo=bar;baz",
      "msrps://[2001:db8::7]/x;tcp;foo=bar;baz" },
    { "MSRP://relay.example.net;tcp", FALSE, NULL, "relay.example.net", 0, NULL, "tcp", NULL, "msrp://relay.example.net;tcp" },
    { "msrps://relay.example.net:2855;tcp", TRUE, NULL, "relay.example.net", 2855, NULL, "tcp", NULL, NULL },
    { "msrp://a%40b@h:1/s;sctp", FALSE, "a%40b", "h", 1, "s", "sctp", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SipSimpleMsrpUri) uri = sip_simple_msrp_uri_parse (cases[i].text, &error);
      g_autoptr (SipSimpleMsrpUri) again = NULL;
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (sip_simple_msrp_uri_get_secure (uri), ==, cases[i].secure);
      g_assert_cmpstr (sip_simple_msrp_uri_get_user (uri), ==, cases[i].user);
      g_assert_cmpstr (sip_simple_msrp_uri_get_host (uri), ==, cases[i].host);
      g_assert_cmpuint (sip_simple_msrp_uri_get_port (uri), ==, cases[i].port);
      g_assert_cmpstr (sip_simple_msrp_uri_get_session_id (uri), ==, cases[i].session_id);
      g_assert_cmpstr (sip_simple_msrp_uri_get_transport (uri), ==, cases[i].transport);
      g_assert_cmpstr (sip_simple_msrp_uri_get_parameters (uri), ==, cases[i].params);
      text = sip_simple_msrp_uri_to_string (uri);
      g_assert_cmpstr (text, ==, cases[i].canonical ? cases[i].canonical : cases[i].text);
      again = sip_simple_msrp_uri_parse (text, &error);
      g_assert_no_error (error);
      g_assert_true (sip_simple_msrp_uri_equal (uri, again));
      g_assert_cmpuint (sip_simple_msrp_uri_hash (uri), ==, sip_simple_msrp_uri_hash (again));
    }
}

static void
test_malformed (void)
{
  static const char *bad[] = {
    "",
    "msrp:",
    "msrp://",
    "sip:alice@example.com",
    "http://example.com/x;tcp",
    "msrp://host:1/s",          /* no transport */
    "msrp://host:1/s;",         /* empty transport */
    "msrp://host:1/s;t-c-p",    /* transport not alphanumeric */
    "msrp://:1/s;tcp",          /* no host */
    "msrp://ho st:1/s;tcp",
    "msrp://host:/s;tcp",
    "msrp://host:0/s;tcp",
    "msrp://host:65536/s;tcp",
    "msrp://host:12a/s;tcp",
    "msrp://host:1/;tcp",       /* empty session-id */
    "msrp://host:1/s s;tcp",
    "msrp://host:1/s<x>;tcp",
    "msrp://[::1/s;tcp",
    "msrp://[not-v6]:1/s;tcp",
    "msrp://[127.0.0.1]:1/s;tcp",
    "msrp://@host:1/s;tcp",
    "msrp://us er@host:1/s;tcp",
    "msrp://a%4@host:1/s;tcp",
    "msrp://host:1/s;tcp;",
    "msrp://host:1/s;tcp;a\"b",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SipSimpleMsrpUri) uri = sip_simple_msrp_uri_parse (bad[i], &error);

      if (uri != NULL)
        g_error ("“%s” parsed", bad[i]);
      g_assert_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_INVALID_URI);
    }
}

static void
test_equal (void)
{
  g_autoptr (SipSimpleMsrpUri) a = sip_simple_msrp_uri_parse ("msrp://Host.Example.COM:1/sess;tcp", NULL);
  g_autoptr (SipSimpleMsrpUri) b = sip_simple_msrp_uri_parse ("msrp://alice@host.example.com:1/sess;TCP;x=y", NULL);
  g_autoptr (SipSimpleMsrpUri) other_session = sip_simple_msrp_uri_parse ("msrp://host.example.com:1/Sess;tcp", NULL);
  g_autoptr (SipSimpleMsrpUri) other_port = sip_simple_msrp_uri_parse ("msrp://host.example.com:2/sess;tcp", NULL);
  g_autoptr (SipSimpleMsrpUri) no_port = sip_simple_msrp_uri_parse ("msrp://host.example.com/sess;tcp", NULL);
  g_autoptr (SipSimpleMsrpUri) secure = sip_simple_msrp_uri_parse ("msrps://host.example.com:1/sess;tcp", NULL);
  g_autoptr (SipSimpleMsrpUri) built = sip_simple_msrp_uri_new (FALSE, "host.example.com", 1, "sess");
  g_autoptr (SipSimpleMsrpUri) copy = sip_simple_msrp_uri_copy (b);
  g_autofree char *copy_text = sip_simple_msrp_uri_to_string (copy);

  /* host and transport ignore case, user part and parameters do not count */
  g_assert_true (sip_simple_msrp_uri_equal (a, b));
  g_assert_cmpuint (sip_simple_msrp_uri_hash (a), ==, sip_simple_msrp_uri_hash (b));
  g_assert_true (sip_simple_msrp_uri_equal (a, built));
  /* the session-id is case-sensitive */
  g_assert_false (sip_simple_msrp_uri_equal (a, other_session));
  g_assert_false (sip_simple_msrp_uri_equal (a, other_port));
  g_assert_false (sip_simple_msrp_uri_equal (a, no_port));
  g_assert_false (sip_simple_msrp_uri_equal (a, secure));
  g_assert_cmpstr (copy_text, ==, "msrp://alice@host.example.com:1/sess;tcp;x=y");
}

static void
test_path (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) path =
    sip_simple_msrp_uri_parse_path ("msrps://relay.example.com:2855/r1;tcp  msrp://[::1]:9/me;tcp", &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (path->len, ==, 2);
  g_assert_cmpstr (sip_simple_msrp_uri_get_session_id (g_ptr_array_index (path, 1)), ==, "me");
  text = sip_simple_msrp_uri_path_to_string (path);
  g_assert_cmpstr (text, ==, "msrps://relay.example.com:2855/r1;tcp msrp://[::1]:9/me;tcp");

  g_assert_null (sip_simple_msrp_uri_parse_path ("   ", &error));
  g_assert_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_INVALID_URI);
  g_clear_error (&error);
  g_assert_null (sip_simple_msrp_uri_parse_path ("msrp://a:1/x;tcp garbage", &error));
  g_assert_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_INVALID_URI);
}

static void
test_boxed (void)
{
  g_autoptr (SipSimpleMsrpUri) uri = sip_simple_msrp_uri_new (TRUE, "::1", 5, "abc");
  SipSimpleMsrpUri *copy = g_boxed_copy (SIP_SIMPLE_TYPE_MSRP_URI, uri);
  g_autofree char  *text = sip_simple_msrp_uri_to_string (copy);

  g_assert_cmpstr (text, ==, "msrps://[::1]:5/abc;tcp");
  g_boxed_free (SIP_SIMPLE_TYPE_MSRP_URI, copy);
  {
    g_autofree char *name = g_enum_to_string (SIP_SIMPLE_TYPE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_TLS);

    g_assert_cmpstr (name, ==, "SIP_SIMPLE_MSRP_ERROR_TLS");
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/msrp/uri/parse", test_parse);
  g_test_add_func ("/msrp/uri/malformed", test_malformed);
  g_test_add_func ("/msrp/uri/equal", test_equal);
  g_test_add_func ("/msrp/uri/path", test_path);
  g_test_add_func ("/msrp/uri/boxed", test_boxed);
  return g_test_run ();
}
