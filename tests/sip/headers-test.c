/* Unit tests of SipSimpleHeaders
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gio/gio.h>

#include "test-utils.h"

#include <string.h>

static SipSimpleHeaders *
parse_ok (const char *text)
{
  g_autoptr (GError) error = NULL;
  SipSimpleHeaders *headers = sip_simple_headers_parse (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (headers);
  return headers;
}

static void
assert_strv (GStrv got, const char *const *expected)
{
  if (!g_strv_equal ((const char *const *)got, expected))
    {
      g_autofree char *a = g_strjoinv ("|", got);
      g_autofree char *b = g_strjoinv ("|", (GStrv)expected);

      g_error ("got [%s], expected [%s]", a, b);
    }
  g_strfreev (got);
}

static void
test_parse_basic (void)
{
  g_autoptr (SipSimpleHeaders) h
      = parse_ok ("Via: SIP/2.0/UDP host.example.com;branch=z9hG4bK1\r\n"
                  "Via: SIP/2.0/TCP other.example.com;branch=z9hG4bK2\r\n"
                  "from: \"Alice\" <sip:alice@example.com>;tag=1\r\n"
                  "t: <sip:bob@example.com>\r\n"
                  "call-id:   abc@host   \r\n"
                  "CSEQ: 1 INVITE\r\n"
                  "X-Custom-Thing: Some Value\r\n"
                  "i: ignored-duplicate\r\n"
                  "\r\n"
                  "Body: not a header\r\n");
  const char *const names[] = { "Via", "From", "To", "Call-ID", "CSeq", "X-Custom-Thing", NULL };
  const char *const vias[] = { "SIP/2.0/UDP host.example.com;branch=z9hG4bK1",
                               "SIP/2.0/TCP other.example.com;branch=z9hG4bK2", NULL };
  const char *const call_ids[] = { "abc@host", "ignored-duplicate", NULL };
  const char *const none[] = { NULL };

  g_assert_cmpuint (sip_simple_headers_get_length (h), ==, 8);
  assert_strv (sip_simple_headers_get_names (h), names);
  assert_strv (sip_simple_headers_get_all (h, "v"), vias);
  assert_strv (sip_simple_headers_get_all (h, "CALL-ID"), call_ids);
  assert_strv (sip_simple_headers_get_all (h, "Body"), none);
  g_assert_cmpstr (sip_simple_headers_get (h, "VIA"), ==, vias[0]);
  g_assert_cmpstr (sip_simple_headers_get (h, "i"), ==, "abc@host");
  g_assert_cmpstr (sip_simple_headers_get (h, "Cseq"), ==, "1 INVITE");
  g_assert_cmpstr (sip_simple_headers_get (h, "x-custom-thing"), ==, "Some Value");
  g_assert_null (sip_simple_headers_get (h, "Body"));
  g_assert_null (sip_simple_headers_get (h, "Contact"));
  g_assert_cmpstr (sip_simple_headers_get_nth_name (h, 2), ==, "From");
  g_assert_cmpstr (sip_simple_headers_get_nth_value (h, 3), ==, "<sip:bob@example.com>");
  g_assert_cmpstr (sip_simple_headers_get_nth_name (h, 7), ==, "Call-ID");
  g_assert_null (sip_simple_headers_get_nth_name (h, 8));
  g_assert_null (sip_simple_headers_get_nth_value (h, 100));
}

static void
test_parse_lf_and_folding (void)
{
  g_autoptr (SipSimpleHeaders) h = parse_ok ("Subject: hello\n"
                                             "Accept: application/sdp,\n"
                                             "   application/pkcs7-mime,\r\n"
                                             "\tmultipart/mixed\n"
                                             "Contact:\n"
                                             "  <sip:a@example.com>\n"
                                             "Empty:\n"
                                             "Last: no newline at the end");

  g_assert_cmpuint (sip_simple_headers_get_length (h), ==, 5);
  g_assert_cmpstr (sip_simple_headers_get (h, "s"), ==, "hello");
  g_assert_cmpstr (sip_simple_headers_get (h, "Accept"), ==,
                   "application/sdp, application/pkcs7-mime, multipart/mixed");
  g_assert_cmpstr (sip_simple_headers_get (h, "Contact"), ==, "<sip:a@example.com>");
  g_assert_cmpstr (sip_simple_headers_get (h, "Empty"), ==, "");
  g_assert_cmpstr (sip_simple_headers_get (h, "Last"), ==, "no newline at the end");
}

static void
test_parse_empty (void)
{
  g_autoptr (SipSimpleHeaders) empty = parse_ok ("");
  g_autoptr (SipSimpleHeaders) blank = parse_ok ("\r\nX: y\r\n");
  g_autofree char *text = sip_simple_headers_to_string (empty);

  g_assert_cmpuint (sip_simple_headers_get_length (empty), ==, 0);
  g_assert_cmpuint (sip_simple_headers_get_length (blank), ==, 0);
  g_assert_cmpstr (text, ==, "");
}

static void
test_canonical_names (void)
{
  struct
  {
    const char *in;
    const char *out;
  } cases[] = {
    { "i", "Call-ID" },
    { "m", "Contact" },
    { "e", "Content-Encoding" },
    { "l", "Content-Length" },
    { "c", "Content-Type" },
    { "f", "From" },
    { "s", "Subject" },
    { "k", "Supported" },
    { "t", "To" },
    { "v", "Via" },
    { "o", "Event" },
    { "u", "Allow-Events" },
    { "r", "Refer-To" },
    { "b", "Referred-By" },
    { "x", "Session-Expires" },
    { "y", "Identity" },
    { "a", "Accept-Contact" },
    { "j", "Reject-Contact" },
    { "d", "Request-Disposition" },
    { "M", "Contact" },
    { "CALL-ID", "Call-ID" },
    { "cseq", "CSeq" },
    { "www-authenticate", "WWW-Authenticate" },
    { "max-forwards", "Max-Forwards" },
    { "X-Whatever", "X-Whatever" },
    { "q", "q" },
    { "C%6Fntact", "C%6Fntact" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = sip_simple_headers_canonical_name (cases[i].in);
      g_autoptr (SipSimpleHeaders) h = sip_simple_headers_new ();

      g_assert_cmpstr (out, ==, cases[i].out);
      g_assert_true (sip_simple_headers_append (h, cases[i].in, "v", NULL));
      g_assert_cmpstr (sip_simple_headers_get_nth_name (h, 0), ==, cases[i].out);
      g_assert_cmpstr (sip_simple_headers_get (h, cases[i].out), ==, "v");
      g_assert_cmpstr (sip_simple_headers_get (h, cases[i].in), ==, "v");
    }
}

static void
test_edit (void)
{
  g_autoptr (SipSimpleHeaders) h = sip_simple_headers_new ();
  g_autoptr (SipSimpleHeaders) copy = NULL;
  g_autoptr (SipSimpleHeaders) again = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char  *text = NULL;
  const char *const names[] = { "Route", "Via", "Max-Forwards", NULL };

  g_assert_true (sip_simple_headers_append (h, "Route", "<sip:p1.example.com;lr>", &error));
  g_assert_true (sip_simple_headers_append (h, "v", "SIP/2.0/UDP a", &error));
  g_assert_true (sip_simple_headers_append (h, "route", "<sip:p2.example.com;lr>", &error));
  g_assert_true (sip_simple_headers_append (h, "Max-Forwards", "  70  ", &error));
  g_assert_true (sip_simple_headers_append (h, "Via", "SIP/2.0/UDP b", &error));
  g_assert_no_error (error);
  assert_strv (sip_simple_headers_get_names (h), names);
  g_assert_cmpstr (sip_simple_headers_get (h, "Max-Forwards"), ==, "70");

  copy = sip_simple_headers_copy (h);

  /* set replaces every field of that name, at the first one's place */
  g_assert_true (sip_simple_headers_set (h, "ROUTE", "<sip:p3.example.com;lr>", &error));
  g_assert_true (sip_simple_headers_set (h, "Subject", "new", &error));
  text = sip_simple_headers_to_string (h);
  g_assert_cmpstr (text, ==,
                   "Route: <sip:p3.example.com;lr>\r\n"
                   "Via: SIP/2.0/UDP a\r\n"
                   "Max-Forwards: 70\r\n"
                   "Via: SIP/2.0/UDP b\r\n"
                   "Subject: new\r\n");

  again = parse_ok (text);
  g_free (text);
  text = sip_simple_headers_to_string (again);
  g_assert_cmpuint (sip_simple_headers_get_length (again), ==, 5);
  g_assert_cmpstr (sip_simple_headers_get_nth_value (again, 3), ==, "SIP/2.0/UDP b");

  g_assert_cmpuint (sip_simple_headers_remove (h, "v"), ==, 2);
  g_assert_cmpuint (sip_simple_headers_remove (h, "Via"), ==, 0);
  g_assert_cmpuint (sip_simple_headers_get_length (h), ==, 3);

  /* the copy did not change */
  g_assert_cmpuint (sip_simple_headers_get_length (copy), ==, 5);
  g_assert_cmpstr (sip_simple_headers_get (copy, "Route"), ==, "<sip:p1.example.com;lr>");
}

static void
test_append_invalid (void)
{
  struct
  {
    const char *name;
    const char *value;
    const char *problem;
  } cases[] = {
    { "Bad Name", "x", "must be a token" },
    { "", "x", "must be a token" },
    { NULL, "x", "must be a token" },
    { "Na:me", "x", "must be a token" },
    { "Subject", "x\r\nVia: SIP/2.0/UDP evil", "line break" },
    { "Subject", "x\nVia: evil", "line break" },
    { "Subject", "x\r", "line break" },
    { "Subject", "\xff\xfe", "invalid UTF-8" },
    { "Subject", NULL, "no value" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (SipSimpleHeaders) h = sip_simple_headers_new ();
      g_autoptr (GError) error = NULL;

      {
        g_autofree char *shown = cases[i].value ? g_strescape (cases[i].value, NULL) : g_strdup ("(null)");
        g_test_message ("%s: %s", cases[i].name, shown);
      }
      g_assert_false (sip_simple_headers_append (h, cases[i].name, cases[i].value, &error));
      g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER);
      g_assert_nonnull (strstr (error->message, cases[i].problem));
      g_clear_error (&error);
      g_assert_false (sip_simple_headers_set (h, cases[i].name, cases[i].value, &error));
      g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER);
      g_assert_cmpuint (sip_simple_headers_get_length (h), ==, 0);
    }
}

static void
test_parse_malformed (void)
{
  struct
  {
    const char *text;
    const char *problem;
  } cases[] = {
    { "Subject hello\r\n", "line 1 \"Subject hello\": missing ':'" },
    { "To: a\r\nFrom b\r\n", "line 2 \"From b\": missing ':'" },
    { ": value\r\n", "empty header name" },
    { " continued\r\nTo: a\r\n", "line 1 \" continued\": continuation line without a header" },
    { "Bad Name: x\r\n", "invalid header name" },
    { "Na\"me: x\r\n", "invalid header name" },
    { "X: a\rb\r\n", "stray CR" },
    { "X: \xff\r\n", "invalid UTF-8" },
    { "INVITE sip:bob@example.com SIP/2.0\r\nTo: x\r\n", "line 1" },
    { "<sip:a@b>: x\r\n", "invalid header name" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SipSimpleHeaders) h = sip_simple_headers_parse (cases[i].text, &error);

      g_assert_null (h);
      g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, "Invalid header at line "));
      g_assert_nonnull (strstr (error->message, cases[i].problem));
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
}

static void
test_get_uint (void)
{
  g_autoptr (SipSimpleHeaders) h = parse_ok ("Max-Forwards: 0068\r\n"
                                             "Expires: 4294967295\r\n"
                                             "Min-Expires: 4294967296\r\n"
                                             "l: 12abc\r\n"
                                             "Retry-After: 949302838503028349304023988\r\n"
                                             "CSeq: 1 INVITE\r\n"
                                             "Session-Expires:\r\n");
  g_autoptr (GError) error = NULL;
  guint value = 42;

  g_assert_true (sip_simple_headers_get_uint (h, "max-forwards", &value, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (value, ==, 68);
  g_assert_true (sip_simple_headers_get_uint (h, "Expires", &value, &error));
  g_assert_cmpuint (value, ==, G_MAXUINT);
  g_assert_true (sip_simple_headers_get_uint (h, "Expires", NULL, &error));

  /* missing: FALSE, no error */
  g_assert_false (sip_simple_headers_get_uint (h, "Timestamp", &value, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (value, ==, 0);

  g_assert_false (sip_simple_headers_get_uint (h, "Min-Expires", &value, &error));
  g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==,
                   "Invalid Min-Expires header \"4294967296\": number too large");
  g_clear_error (&error);

  g_assert_false (sip_simple_headers_get_uint (h, "Retry-After", &value, &error));
  g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  g_assert_false (sip_simple_headers_get_uint (h, "Content-Length", &value, &error));
  g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER);
  g_assert_cmpstr (error->message, ==, "Invalid Content-Length header \"12abc\": not a number");
  g_clear_error (&error);

  g_assert_false (sip_simple_headers_get_uint (h, "CSeq", &value, &error));
  g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER);
  g_clear_error (&error);

  g_assert_false (sip_simple_headers_get_uint (h, "x", &value, &error));
  g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER);
  g_assert_nonnull (strstr (error->message, "Session-Expires header \"\": empty value"));
}

static void
test_get_name_addr (void)
{
  g_autoptr (SipSimpleHeaders) h = parse_ok ("f: \"Alice\" <sip:alice@example.com>;tag=1\r\n"
                                             "Contact: <sip:a@x>, \"B, b\" <sip:b@y>;q=0.5\r\n"
                                             "Contact: sip:c@z;expires=0\r\n"
                                             "To: Bell, Alexander <sip:a.g.bell@example.com>\r\n"
                                             "Reply-To: <sip:a@x>, <sip:b@x>\r\n"
                                             "Route: <sip:p1;lr>,\r\n");
  g_autoptr (SipSimpleNameAddr) from = NULL;
  g_autoptr (SipSimpleNameAddr) contact = NULL;
  g_autoptr (SipSimpleNameAddr) none = NULL;
  g_autoptr (SipSimpleNameAddr) to = NULL;
  g_autoptr (GPtrArray) contacts = NULL;
  g_autoptr (GPtrArray) routes = NULL;
  g_autoptr (GPtrArray) empty = NULL;
  g_autoptr (GError) error = NULL;

  from = sip_simple_headers_get_name_addr (h, "From", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sip_simple_name_addr_get_display_name (from), ==, "Alice");
  g_assert_cmpstr (sip_simple_name_addr_get_tag (from), ==, "1");

  contact = sip_simple_headers_get_name_addr (h, "m", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sip_simple_uri_get_user (sip_simple_name_addr_get_uri (contact)), ==, "a");

  contacts = sip_simple_headers_get_name_addrs (h, "Contact", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 3);
  g_assert_cmpstr (sip_simple_name_addr_get_display_name (contacts->pdata[1]), ==, "B, b");
  g_assert_cmpstr (sip_simple_name_addr_get_param (contacts->pdata[2], "expires"), ==, "0");

  none = sip_simple_headers_get_name_addr (h, "Refer-To", &error);
  g_assert_no_error (error);
  g_assert_null (none);
  empty = sip_simple_headers_get_name_addrs (h, "Record-Route", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->len, ==, 0);

  to = sip_simple_headers_get_name_addr (h, "t", &error);
  g_assert_null (to);
  g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_NAME_ADDR);
  g_assert_true (g_str_has_prefix (error->message, "To header: Invalid address "));
  g_assert_nonnull (strstr (error->message, "invalid character ',' in display name"));
  g_clear_error (&error);

  /* a single-address header is not split */
  g_assert_null (sip_simple_headers_get_name_addr (h, "Reply-To", &error));
  g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_NAME_ADDR);
  g_assert_nonnull (strstr (error->message, "several addresses"));
  g_clear_error (&error);

  /* an empty element of a list is an error, not a silent skip */
  routes = sip_simple_headers_get_name_addrs (h, "Route", &error);
  g_assert_null (routes);
  g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_NAME_ADDR);
  g_assert_nonnull (strstr (error->message, "empty input"));
}

/* --- RFC 4475 / 5118 messages ------------------------------------------ */

/* The header block of a torture message (without its start line), up to the
 * first NUL byte. */
static SipSimpleHeaders *
torture_headers (const char *file, GError **error)
{
  g_autofree char *path = test_source_path (file);
  g_autofree char *contents = NULL;
  const char      *eol;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  eol = strstr (contents, "\r\n");
  g_assert_nonnull (eol);
  return sip_simple_headers_parse (eol + 2, error);
}

static SipSimpleHeaders *
torture_ok (const char *file)
{
  g_autoptr (GError) error = NULL;
  SipSimpleHeaders *h = torture_headers (file, &error);

  g_assert_no_error (error);
  return h;
}

static void
assert_name_addr_error (SipSimpleHeaders *h, const char *name, const char *problem)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SipSimpleNameAddr) addr = sip_simple_headers_get_name_addr (h, name, &error);

  g_assert_null (addr);
  g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_NAME_ADDR);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, problem));
}

static SipSimpleNameAddr *
name_addr_ok (SipSimpleHeaders *h, const char *name)
{
  g_autoptr (GError) error = NULL;
  SipSimpleNameAddr *addr = sip_simple_headers_get_name_addr (h, name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (addr);
  return addr;
}

static void
test_torture_wsinv (void)
{
  g_autoptr (SipSimpleHeaders) h = torture_ok ("data/torture/rfc4475/wsinv.dat");
  g_autoptr (SipSimpleNameAddr) to = name_addr_ok (h, "To");
  g_autoptr (SipSimpleNameAddr) from = name_addr_ok (h, "From");
  g_autoptr (SipSimpleNameAddr) contact = name_addr_ok (h, "Contact");
  g_autoptr (GPtrArray) routes = NULL;
  g_auto (GStrv) vias = sip_simple_headers_get_all (h, "Via");
  guint max_forwards = 0;

  g_assert_cmpstr (sip_simple_uri_get_host (sip_simple_name_addr_get_uri (to)), ==,
                   "chair-dnrc.example.com");
  g_assert_cmpstr (sip_simple_name_addr_get_tag (to), ==, "1918181833n");
  g_assert_cmpstr (sip_simple_name_addr_get_display_name (from), ==, "J Rosenberg \\\"");
  g_assert_cmpstr (sip_simple_name_addr_get_tag (from), ==, "98asjd8");
  g_assert_cmpstr (sip_simple_name_addr_get_display_name (contact), ==, "Quoted string \"\"");
  g_assert_cmpstr (sip_simple_name_addr_get_param (contact, "newparam"), ==, "newvalue");
  g_assert_cmpstr (sip_simple_name_addr_get_param (contact, "secondparam"), ==, "");
  g_assert_cmpstr (sip_simple_name_addr_get_param (contact, "q"), ==, "0.33");

  g_assert_true (sip_simple_headers_get_uint (h, "Max-Forwards", &max_forwards, NULL));
  g_assert_cmpuint (max_forwards, ==, 68);
  g_assert_cmpstr (sip_simple_headers_get (h, "CSeq"), ==, "0009 INVITE");
  g_assert_cmpstr (sip_simple_headers_get (h, "Subject"), ==, "");
  g_assert_cmpstr (sip_simple_headers_get (h, "NewFangledHeader"), ==,
                   "newfangled value continued newfangled value");
  g_assert_cmpstr (sip_simple_headers_get (h, "UnknownHeaderWithUnusualValue"), ==, ";;,,;;,;");
  g_assert_cmpuint (g_strv_length (vias), ==, 2);
  g_assert_cmpstr (vias[0], ==, "SIP  /   2.0 /UDP 192.0.2.2;branch=390skdjuw");

  routes = sip_simple_headers_get_name_addrs (h, "Route", NULL);
  g_assert_nonnull (routes);
  g_assert_cmpuint (routes->len, ==, 1);
  g_assert_true (sip_simple_uri_has_param (sip_simple_name_addr_get_uri (routes->pdata[0]),
                                           "unknown-no-value"));
}

static void
test_torture_escapes (void)
{
  g_autoptr (SipSimpleHeaders) esc01 = torture_ok ("data/torture/rfc4475/esc01.dat");
  g_autoptr (SipSimpleHeaders) esc02 = torture_ok ("data/torture/rfc4475/esc02.dat");
  g_autoptr (SipSimpleHeaders) escnull = torture_ok ("data/torture/rfc4475/escnull.dat");
  g_autoptr (SipSimpleNameAddr) to = name_addr_ok (esc01, "To");
  g_autoptr (SipSimpleNameAddr) from = name_addr_ok (esc01, "From");
  g_autoptr (SipSimpleNameAddr) contact = name_addr_ok (esc01, "Contact");
  g_autoptr (SipSimpleNameAddr) from2 = name_addr_ok (esc02, "From");
  g_autoptr (GPtrArray) contacts = NULL;
  g_autoptr (GPtrArray) nulls = NULL;
  SipSimpleUri *uri;

  g_assert_cmpstr (sip_simple_uri_get_user (sip_simple_name_addr_get_uri (to)), ==, "user");
  g_assert_cmpstr (sip_simple_uri_get_user (sip_simple_name_addr_get_uri (from)), ==,
                   "I have spaces");
  uri = sip_simple_name_addr_get_uri (contact);
  g_assert_cmpstr (sip_simple_uri_get_user (uri), ==, "caller");
  g_assert_cmpstr (sip_simple_uri_get_param (uri, "lr"), ==, "");
  g_assert_cmpstr (sip_simple_uri_get_param (uri, "name"), ==, "value%41");
  g_assert_cmpstr (sip_simple_headers_get (esc01, "Content-Type"), ==, "application/sdp");

  g_assert_cmpstr (sip_simple_name_addr_get_display_name (from2), ==, "%Z%45");
  /* C%6Fntact is a header of its own, not a Contact */
  contacts = sip_simple_headers_get_name_addrs (esc02, "Contact", NULL);
  g_assert_cmpuint (contacts->len, ==, 2);
  g_assert_cmpstr (sip_simple_headers_get (esc02, "C%6Fntact"), ==,
                   "<sip:alias2@host2.example.com>");

  nulls = sip_simple_headers_get_name_addrs (escnull, "Contact", NULL);
  g_assert_cmpuint (nulls->len, ==, 2);
  g_assert_cmpstr (sip_simple_uri_get_user (sip_simple_name_addr_get_uri (nulls->pdata[1])), ==,
                   "%00%00");
  {
    g_autofree char *text = sip_simple_name_addr_to_string (nulls->pdata[0]);

    g_assert_cmpstr (text, ==, "<sip:%00@host5.example.com>");
  }
}

static void
test_torture_params (void)
{
  g_autoptr (SipSimpleHeaders) c1 = torture_ok ("data/torture/rfc4475/cparam01.dat");
  g_autoptr (SipSimpleHeaders) c2 = torture_ok ("data/torture/rfc4475/cparam02.dat");
  g_autoptr (SipSimpleHeaders) reg = torture_ok ("data/torture/rfc4475/regescrt.dat");
  g_autoptr (SipSimpleHeaders) semi = torture_ok ("data/torture/rfc4475/semiuri.dat");
  g_autoptr (SipSimpleHeaders) lws = torture_ok ("data/torture/rfc4475/lwsdisp.dat");
  g_autoptr (SipSimpleNameAddr) contact1 = name_addr_ok (c1, "Contact");
  g_autoptr (SipSimpleNameAddr) contact2 = name_addr_ok (c2, "Contact");
  g_autoptr (SipSimpleNameAddr) contact3 = name_addr_ok (reg, "m");
  g_autoptr (SipSimpleNameAddr) from = name_addr_ok (lws, "From");

  /* addr-spec: the parameter belongs to the header */
  g_assert_true (sip_simple_name_addr_has_param (contact1, "unknownparam"));
  g_assert_false (
      sip_simple_uri_has_param (sip_simple_name_addr_get_uri (contact1), "unknownparam"));
  /* name-addr: to the URI */
  g_assert_false (sip_simple_name_addr_has_param (contact2, "unknownparam"));
  g_assert_true (
      sip_simple_uri_has_param (sip_simple_name_addr_get_uri (contact2), "unknownparam"));
  g_assert_false (sip_simple_name_addr_equal (contact1, contact2));

  g_assert_cmpstr (sip_simple_uri_get_header (sip_simple_name_addr_get_uri (contact3), "Route"), ==,
                   "<sip:sip.example.com>");
  g_assert_cmpstr (sip_simple_headers_get (semi, "Accept"), ==,
                   "application/sdp, application/pkcs7-mime, multipart/mixed, multipart/signed, "
                   "message/sip, message/sipfrag");
  g_assert_cmpstr (sip_simple_name_addr_get_display_name (from), ==, "caller");
  g_assert_cmpstr (sip_simple_name_addr_get_tag (from), ==, "323");
}

static void
test_torture_invalid (void)
{
  g_autoptr (SipSimpleHeaders) baddn = torture_ok ("data/torture/rfc4475/baddn.dat");
  g_autoptr (SipSimpleHeaders) quotbal = torture_ok ("data/torture/rfc4475/quotbal.dat");
  g_autoptr (SipSimpleHeaders) badaspec = torture_ok ("data/torture/rfc4475/badaspec.dat");
  g_autoptr (SipSimpleHeaders) regbadct = torture_ok ("data/torture/rfc4475/regbadct.dat");
  g_autoptr (SipSimpleHeaders) badinv01 = torture_ok ("data/torture/rfc4475/badinv01.dat");
  g_autoptr (SipSimpleHeaders) unksm2 = torture_ok ("data/torture/rfc4475/unksm2.dat");
  g_autoptr (SipSimpleHeaders) scalarlg = torture_ok ("data/torture/rfc4475/scalarlg.dat");
  g_autoptr (SipSimpleHeaders) mcl01 = torture_ok ("data/torture/rfc4475/mcl01.dat");
  g_autoptr (SipSimpleHeaders) zeromf = torture_ok ("data/torture/rfc4475/zeromf.dat");
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lengths = sip_simple_headers_get_all (mcl01, "l");
  const char *const expected_lengths[] = { "13", "5", NULL };
  guint             value = 1;

  assert_name_addr_error (baddn, "From", "invalid character ',' in display name");
  assert_name_addr_error (baddn, "To", "invalid character ',' in display name");
  assert_name_addr_error (quotbal, "To", "unterminated quoted string");
  assert_name_addr_error (badaspec, "To", "white space");
  assert_name_addr_error (regbadct, "Contact", "must be enclosed");
  assert_name_addr_error (badinv01, "Contact", "empty parameter");
  assert_name_addr_error (unksm2, "To", "unsupported scheme \"isbn\"");
  assert_name_addr_error (unksm2, "From", "unsupported scheme \"http\"");
  assert_name_addr_error (unksm2, "Contact", "unsupported scheme \"name\"");

  g_assert_false (sip_simple_headers_get_uint (scalarlg, "Retry-After", &value, &error));
  g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  g_assert_true (g_strv_equal ((const char *const *)lengths, expected_lengths));
  g_assert_true (sip_simple_headers_get_uint (zeromf, "Max-Forwards", &value, &error));
  g_assert_cmpuint (value, ==, 0);
}

static void
test_torture_ipv6 (void)
{
  const char *const files[] = {
    "data/torture/rfc5118/ipv6-good.dat",
    "data/torture/rfc5118/ipv4-mapped-ipv6.dat",
    "data/torture/rfc5118/port-ambiguous.dat",
    "data/torture/rfc5118/port-unambiguous.dat",
  };
  const char *const hosts[] = { "2001:db8::1", "::ffff:192.0.2.2", "2001:db8::1", "2001:db8::1" };
  g_autoptr (SipSimpleHeaders) mult = torture_ok ("data/torture/rfc5118/mult-ip-in-header.dat");
  g_autoptr (SipSimpleHeaders) bug = torture_ok ("data/torture/rfc5118/ipv6-bug-abnf-3-colons.dat");
  g_autoptr (SipSimpleHeaders) good
      = torture_ok ("data/torture/rfc5118/ipv6-correct-abnf-2-colons.dat");
  g_autoptr (SipSimpleNameAddr) to = name_addr_ok (good, "To");
  g_auto (GStrv) vias = sip_simple_headers_get_all (mult, "Via");
  guint i;

  for (i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr (SipSimpleHeaders) h = torture_ok (files[i]);
      g_autoptr (SipSimpleNameAddr) contact = name_addr_ok (h, "Contact");
      g_autofree char *text = sip_simple_name_addr_to_string (contact);

      g_test_message ("%s: %s", files[i], text);
      g_assert_cmpstr (sip_simple_uri_get_host (sip_simple_name_addr_get_uri (contact)), ==,
                       hosts[i]);
    }
  g_assert_cmpuint (g_strv_length (vias), ==, 3);
  g_assert_cmpstr (sip_simple_uri_get_host (sip_simple_name_addr_get_uri (to)), ==,
                   "2001:db8::192.0.2.1");
  assert_name_addr_error (bug, "To", "invalid IPv6 address");
}

static void
test_torture_intmeth (void)
{
  /* intmeth's To holds a NUL byte, which a C string cannot; the headers
   * before it still parse */
  g_autoptr (SipSimpleHeaders) h = torture_ok ("data/torture/rfc4475/intmeth.dat");

  g_assert_cmpstr (sip_simple_headers_get (h, "Via"), ==,
                   "SIP/2.0/TCP host1.example.com;branch=z9hG4bK-.!%66*_+`'~");
  assert_name_addr_error (h, "To", "unterminated quoted string");
}

static void
test_mutations (void)
{
  g_autofree char *path = test_source_path ("data/torture/rfc4475/wsinv.dat");
  g_autofree char *base = NULL;
  const char       alphabet[] = "\r\n :;,<>\"\\\t\x01\xc3\xa9"
                                "aZ0";
  GRand           *rand = g_rand_new_with_seed (5118);
  guint            accepted = 0;
  guint            i;

  g_assert_true (g_file_get_contents (path, &base, NULL, NULL));
  for (i = 0; i < 5000; i++)
    {
      GString *s = g_string_new (strstr (base, "\r\n") + 2);
      int      edits = g_rand_int_range (rand, 1, 6);
      g_autoptr (GError) error = NULL;
      g_autoptr (SipSimpleHeaders) h = NULL;

      while (edits-- > 0)
        {
          gsize pos = g_rand_int_range (rand, 0, 600);
          char  c = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];

          if (g_rand_boolean (rand))
            s->str[pos] = c;
          else
            g_string_insert_c (s, pos, c);
        }
      h = sip_simple_headers_parse (s->str, &error);
      if (h != NULL)
        {
          g_autofree char *text = sip_simple_headers_to_string (h);
          g_autoptr (SipSimpleHeaders) again = parse_ok (text);
          guint j;

          g_assert_cmpuint (sip_simple_headers_get_length (again), ==,
                            sip_simple_headers_get_length (h));
          for (j = 0; j < sip_simple_headers_get_length (h); j++)
            {
              g_autoptr (SipSimpleNameAddr) addr = NULL;
              g_autoptr (GError) addr_error = NULL;
              guint n;

              g_assert_cmpstr (sip_simple_headers_get_nth_value (again, j), ==,
                               sip_simple_headers_get_nth_value (h, j));
              /* typed readers never crash, whatever the value */
              addr = sip_simple_headers_get_name_addr (h, sip_simple_headers_get_nth_name (h, j),
                                                       &addr_error);
              g_assert_true (addr != NULL || addr_error != NULL
                             || sip_simple_headers_get (h, sip_simple_headers_get_nth_name (h, j))
                                    == NULL);
              g_clear_error (&addr_error);
              sip_simple_headers_get_uint (h, sip_simple_headers_get_nth_name (h, j), &n,
                                           &addr_error);
            }
          accepted++;
        }
      else
        g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER);
      g_string_free (s, TRUE);
    }
  g_test_message ("accepted %u of 5000", accepted);
  g_assert_cmpuint (accepted, >, 0);
  g_rand_free (rand);
}

static void
test_boxed (void)
{
  g_autoptr (SipSimpleHeaders) h = parse_ok ("To: <sip:a@b>\r\n");
  SipSimpleHeaders *ref = sip_simple_headers_ref (h);
  GValue            value = G_VALUE_INIT;

  g_assert_true (ref == h);
  sip_simple_headers_unref (ref);
  g_value_init (&value, SIP_SIMPLE_TYPE_HEADERS);
  g_value_set_boxed (&value, h);
  g_assert_true (g_value_get_boxed (&value) == h);
  g_value_unset (&value);
  g_assert_cmpstr (g_type_name (SIP_SIMPLE_TYPE_HEADERS), ==, "SipSimpleHeaders");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/headers/parse/basic", test_parse_basic);
  g_test_add_func ("/headers/parse/lf-and-folding", test_parse_lf_and_folding);
  g_test_add_func ("/headers/parse/empty", test_parse_empty);
  g_test_add_func ("/headers/parse/malformed", test_parse_malformed);
  g_test_add_func ("/headers/parse/mutations", test_mutations);
  g_test_add_func ("/headers/canonical-names", test_canonical_names);
  g_test_add_func ("/headers/edit", test_edit);
  g_test_add_func ("/headers/append-invalid", test_append_invalid);
  g_test_add_func ("/headers/get-uint", test_get_uint);
  g_test_add_func ("/headers/get-name-addr", test_get_name_addr);
  g_test_add_func ("/headers/torture/wsinv", test_torture_wsinv);
  g_test_add_func ("/headers/torture/escapes", test_torture_escapes);
  g_test_add_func ("/headers/torture/params", test_torture_params);
  g_test_add_func ("/headers/torture/invalid", test_torture_invalid);
  g_test_add_func ("/headers/torture/ipv6", test_torture_ipv6);
  g_test_add_func ("/headers/torture/intmeth", test_torture_intmeth);
  g_test_add_func ("/headers/boxed", test_boxed);

  return g_test_run ();
}
