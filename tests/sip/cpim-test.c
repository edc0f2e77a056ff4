/* Unit tests of SipSimpleCpimMessage (RFC 3862)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gio/gio.h>

#include "test-utils.h"

#include <string.h>

/* The example of RFC 3862 section 6, with SIP URIs instead of im: ones
 * (SipSimpleNameAddr reads SIP, SIPS and tel URIs) */
static const char rfc3862_example[] = "From: MR SANDERS <sip:piglet@100akerwood.com>\r\n"
                                      "To: Depressed Donkey <sip:eeyore@100akerwood.com>\r\n"
                                      "DateTime: 2000-12-13T13:40:00-08:00\r\n"
                                      "Subject: the weather will be fine today\r\n"
                                      "Subject:;lang=fr beau temps prevu pour aujourd'hui\r\n"
                                      "NS: MyFeatures <mid:MessageFeatures@id.foo.com>\r\n"
                                      "Require: MyFeatures.VitalMessageOption\r\n"
                                      "MyFeatures.VitalMessageOption: Confirmation-requested\r\n"
                                      "MyFeatures.WackyMessageOption: Use-silly-font\r\n"
                                      "\r\n"
                                      "Content-type: text/xml; charset=utf-8\r\n"
                                      "Content-ID: <1234567890@foo.com>\r\n"
                                      "\r\n"
                                      "<body>\r\n"
                                      "Here is the text of my message.\r\n"
                                      "</body>\r\n";

static SipSimpleCpimMessage *
parse_ok (const char *data, gssize len)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, len < 0 ? strlen (data) : (gsize)len);
  g_autoptr (GError) error = NULL;
  SipSimpleCpimMessage *msg = sip_simple_cpim_message_parse (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (msg);
  return msg;
}

static void
assert_bytes (GBytes *bytes, const char *expected, gsize len)
{
  gsize       got_len;
  const char *got = g_bytes_get_data (bytes, &got_len);

  if (got_len != len || (len > 0 && memcmp (got, expected, len) != 0))
    g_error ("bytes differ:\n--- got (%" G_GSIZE_FORMAT ")\n%.*s\n--- expected (%" G_GSIZE_FORMAT
             ")\n%.*s",
             got_len, (int)got_len, got, len, (int)len, expected);
}

static void
assert_name_addr (SipSimpleNameAddr *addr, const char *expected)
{
  g_autofree char *text = NULL;

  g_assert_nonnull (addr);
  text = sip_simple_name_addr_to_string (addr);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_parse_rfc3862 (void)
{
  g_autoptr (SipSimpleCpimMessage) msg = parse_ok (rfc3862_example, -1);
  g_autoptr (GPtrArray) recipients = sip_simple_cpim_message_get_recipients (msg);
  g_auto (GStrv) subjects = sip_simple_cpim_message_get_headers (msg, "Subject");
  g_auto (GStrv) names = sip_simple_cpim_message_get_header_names (msg);
  g_autofree char *vital
      = sip_simple_cpim_message_get_header (msg, "MyFeatures.VitalMessageOption");
  g_autofree char *wacky
      = sip_simple_cpim_message_get_header (msg, "myfeatures.wackymessageoption");
  g_autofree char *vital_ns = sip_simple_cpim_message_get_namespace_header (
      msg, "mid:MessageFeatures@id.foo.com", "VitalMessageOption");
  g_autofree char  *from_text = sip_simple_cpim_message_get_header (msg, "From");
  g_autofree char  *missing = sip_simple_cpim_message_get_header (msg, "cc");
  GDateTime        *dt = sip_simple_cpim_message_get_datetime (msg);
  const char *const expected_names[] = { "From",
                                         "To",
                                         "DateTime",
                                         "Subject",
                                         "NS",
                                         "Require",
                                         "MyFeatures.VitalMessageOption",
                                         "MyFeatures.WackyMessageOption",
                                         NULL };
  const char       *body = "<body>\r\nHere is the text of my message.\r\n</body>\r\n";

  assert_name_addr (sip_simple_cpim_message_get_from (msg),
                    "\"MR SANDERS\" <sip:piglet@100akerwood.com>");
  assert_name_addr (sip_simple_cpim_message_get_to (msg),
                    "\"Depressed Donkey\" <sip:eeyore@100akerwood.com>");
  g_assert_cmpstr (from_text, ==, "\"MR SANDERS\" <sip:piglet@100akerwood.com>");
  g_assert_cmpuint (recipients->len, ==, 1);
  g_assert_true (recipients->pdata[0] == sip_simple_cpim_message_get_to (msg));

  g_assert_nonnull (dt);
  g_assert_cmpint (g_date_time_get_year (dt), ==, 2000);
  g_assert_cmpint (g_date_time_get_month (dt), ==, 12);
  g_assert_cmpint (g_date_time_get_day_of_month (dt), ==, 13);
  g_assert_cmpint (g_date_time_get_hour (dt), ==, 13);
  g_assert_cmpint (g_date_time_get_utc_offset (dt), ==, -8 * G_TIME_SPAN_HOUR);
  g_assert_cmpint (g_date_time_to_unix (dt), ==, 976743600);

  g_assert_cmpstr (sip_simple_cpim_message_get_subject (msg), ==, "the weather will be fine today");
  g_assert_cmpuint (g_strv_length (subjects), ==, 2);
  g_assert_cmpstr (subjects[1], ==, "beau temps prevu pour aujourd'hui");
  g_assert_true (g_strv_equal ((const char *const *)names, expected_names));
  g_assert_cmpstr (vital, ==, "Confirmation-requested");
  g_assert_cmpstr (wacky, ==, "Use-silly-font");
  g_assert_cmpstr (vital_ns, ==, "Confirmation-requested");
  g_assert_null (missing);

  g_assert_cmpstr (sip_simple_cpim_message_get_content_type (msg), ==, "text/xml; charset=utf-8");
  g_assert_cmpstr (sip_simple_cpim_message_get_content_header (msg, "content-id"), ==,
                   "<1234567890@foo.com>");
  g_assert_cmpstr (sip_simple_cpim_message_get_content_header (msg, "Content-Type"), ==,
                   "text/xml; charset=utf-8");
  g_assert_null (sip_simple_cpim_message_get_content_header (msg, "Content-Disposition"));
  assert_bytes (sip_simple_cpim_message_get_body (msg), body, strlen (body));
}

static void
test_round_trip (void)
{
  /* the canonical form is written back byte for byte */
  static const char canonical[] = "From: \"Alice\" <sip:alice@example.com>\r\n"
                                  "To: \"Bob\" <sip:bob@example.com>\r\n"
                                  "To: <sip:carol@example.com>\r\n"
                                  "cc: <sip:dave@example.com>\r\n"
                                  "DateTime: 2024-05-01T12:00:00.123+02:00\r\n"
                                  "Subject:;lang=fr salut\r\n"
                                  "NS: imdn <urn:ietf:params:imdn>\r\n"
                                  "imdn.Message-ID: 34jk324j\r\n"
                                  "imdn.Disposition-Notification: positive-delivery, display\r\n"
                                  "\r\n"
                                  "Content-Type: text/plain; charset=utf-8\r\n"
                                  "Content-Disposition: render\r\n"
                                  "\r\n"
                                  "Hello\r\n\r\nBob";
  g_autoptr (SipSimpleCpimMessage) msg = parse_ok (canonical, -1);
  g_autoptr (GBytes) out = sip_simple_cpim_message_to_bytes (msg);
  g_autoptr (GError) error = NULL;
  g_autoptr (SipSimpleCpimMessage) again = sip_simple_cpim_message_parse (out, &error);
  g_autoptr (GPtrArray) recipients = sip_simple_cpim_message_get_recipients (msg);
  g_autofree char *cc = sip_simple_cpim_message_get_header (msg, "CC");
  g_autofree char *id
      = sip_simple_cpim_message_get_namespace_header (msg, "urn:ietf:params:imdn", "Message-ID");

  g_assert_no_error (error);
  assert_bytes (out, canonical, strlen (canonical));
  g_assert_cmpuint (recipients->len, ==, 2);
  assert_name_addr (recipients->pdata[1], "<sip:carol@example.com>");
  g_assert_cmpstr (cc, ==, "<sip:dave@example.com>");
  g_assert_cmpstr (id, ==, "34jk324j");
  g_assert_cmpstr (sip_simple_cpim_message_get_subject (again), ==, "salut");
  g_assert_cmpint (g_date_time_get_microsecond (sip_simple_cpim_message_get_datetime (again)), ==,
                   123000);
}

static void
test_lf_only (void)
{
  static const char text[] = "From: <sip:a@example.com>\n"
                             "To: <sip:b@example.com>\n"
                             "\n"
                             "Content-Type: text/plain\n"
                             "\n"
                             "line 1\nline 2\n";
  g_autoptr (SipSimpleCpimMessage) msg = parse_ok (text, -1);
  g_autoptr (GBytes) out = sip_simple_cpim_message_to_bytes (msg);
  static const char expected[] = "From: <sip:a@example.com>\r\n"
                                 "To: <sip:b@example.com>\r\n"
                                 "\r\n"
                                 "Content-Type: text/plain\r\n"
                                 "\r\n"
                                 "line 1\nline 2\n";

  assert_bytes (sip_simple_cpim_message_get_body (msg), "line 1\nline 2\n", 14);
  assert_bytes (out, expected, strlen (expected));
}

static void
test_binary_body (void)
{
  static const char head[]
      = "From: <sip:a@example.com>\r\n\r\nContent-Type: application/octet-stream\r\n\r\n";
  static const char body[] = "\0\r\n\r\n\xff\xfe\0From: x\r\n\0";
  GString          *data = g_string_new_len (head, sizeof head - 1);
  g_autoptr (SipSimpleCpimMessage) msg = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GBytes) out = NULL;
  const char *base;
  gsize       len;

  g_string_append_len (data, body, sizeof body - 1);
  bytes = g_bytes_new (data->str, data->len);
  msg = sip_simple_cpim_message_parse (bytes, NULL);
  g_assert_nonnull (msg);
  assert_bytes (sip_simple_cpim_message_get_body (msg), body, sizeof body - 1);

  /* the body is a slice of the input, not a copy */
  base = g_bytes_get_data (bytes, &len);
  g_assert_true ((const char *)g_bytes_get_data (sip_simple_cpim_message_get_body (msg), NULL)
                 == base + sizeof head - 1);

  out = sip_simple_cpim_message_to_bytes (msg);
  assert_bytes (out, data->str, data->len);
  g_string_free (data, TRUE);

  /* an empty body */
  {
    g_autoptr (SipSimpleCpimMessage) empty = parse_ok ("\r\nContent-Type: text/plain\r\n\r\n", -1);

    g_assert_cmpuint (g_bytes_get_size (sip_simple_cpim_message_get_body (empty)), ==, 0);
    g_assert_null (sip_simple_cpim_message_get_from (empty));
    g_assert_null (sip_simple_cpim_message_get_to (empty));
    g_assert_null (sip_simple_cpim_message_get_datetime (empty));
    g_assert_null (sip_simple_cpim_message_get_subject (empty));
  }
}

static void
test_build (void)
{
  g_autoptr (GBytes) body = g_bytes_new_static ("Hi!", 3);
  g_autoptr (SipSimpleCpimMessage) msg = sip_simple_cpim_message_new ("text/plain", body);
  g_autoptr (SipSimpleNameAddr) from
      = sip_simple_name_addr_parse ("Alice <sip:alice@example.com>", NULL);
  g_autoptr (SipSimpleNameAddr) to = sip_simple_name_addr_parse ("sip:bob@example.com", NULL);
  g_autoptr (SipSimpleNameAddr) to2 = sip_simple_name_addr_parse ("<sip:carol@example.com>", NULL);
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("+02:00");
  g_autoptr (GDateTime) dt0 = g_date_time_new (tz, 2024, 5, 1, 12, 0, 0);
  g_autoptr (GDateTime) dt = g_date_time_add (dt0, 123 * G_TIME_SPAN_MILLISECOND);
  g_autoptr (GDateTime) utc0 = g_date_time_new_utc (1999, 12, 31, 23, 59, 59);
  g_autoptr (GDateTime) utc = g_date_time_add (utc0, 1);
  g_autoptr (GBytes) out = NULL;
  g_autoptr (GError) error = NULL;
  static const char expected[] = "From: \"Alice\" <sip:alice@example.com>\r\n"
                                 "To: <sip:bob@example.com>\r\n"
                                 "To: <sip:carol@example.com>\r\n"
                                 "Subject: hello\r\n"
                                 "DateTime: 2024-05-01T12:00:00.123+02:00\r\n"
                                 "NS: imdn <urn:ietf:params:imdn>\r\n"
                                 "imdn.Message-ID: 34jk324j\r\n"
                                 "cc: <sip:dave@example.com>\r\n"
                                 "\r\n"
                                 "Content-Type: text/plain; charset=utf-8\r\n"
                                 "Content-Disposition: render\r\n"
                                 "\r\n"
                                 "Hello";

  g_assert_nonnull (tz);
  /* order of calls does not decide the order of From and To */
  sip_simple_cpim_message_set_subject (msg, "hello");
  sip_simple_cpim_message_set_to (msg, to);
  sip_simple_cpim_message_set_from (msg, from);
  sip_simple_cpim_message_add_recipient (msg, to2);
  sip_simple_cpim_message_set_datetime (msg, utc);
  {
    g_autofree char *text = sip_simple_cpim_message_get_header (msg, "DateTime");

    g_assert_cmpstr (text, ==, "1999-12-31T23:59:59.000001Z");
  }
  sip_simple_cpim_message_set_datetime (msg, dt);
  g_assert_true (sip_simple_cpim_message_set_namespace_header (msg, "urn:ietf:params:imdn", "imdn",
                                                               "Message-ID", "34jk324j", &error));
  g_assert_true (
      sip_simple_cpim_message_append_header (msg, "cc", "<sip:dave@example.com>", &error));
  sip_simple_cpim_message_set_content_type (msg, "text/plain; charset=utf-8");
  g_assert_true (
      sip_simple_cpim_message_set_content_header (msg, "Content-Disposition", "render", &error));
  g_assert_true (sip_simple_cpim_message_set_content_header (msg, "Content-ID", "<x@y>", &error));
  g_assert_true (sip_simple_cpim_message_set_content_header (msg, "Content-ID", NULL, &error));
  g_bytes_unref (body);
  body = g_bytes_new_static ("Hello", 5);
  sip_simple_cpim_message_set_body (msg, body);
  g_assert_no_error (error);

  out = sip_simple_cpim_message_to_bytes (msg);
  assert_bytes (out, expected, strlen (expected));
  g_assert_true (sip_simple_cpim_message_get_datetime (msg) == dt);

  /* removing */
  sip_simple_cpim_message_set_to (msg, NULL);
  sip_simple_cpim_message_set_from (msg, NULL);
  sip_simple_cpim_message_set_datetime (msg, NULL);
  sip_simple_cpim_message_set_subject (msg, NULL);
  g_assert_cmpuint (sip_simple_cpim_message_remove_header (msg, "NS"), ==, 1);
  g_assert_cmpuint (sip_simple_cpim_message_remove_header (msg, "imdn.message-id"), ==, 1);
  g_assert_cmpuint (sip_simple_cpim_message_remove_header (msg, "cc"), ==, 1);
  sip_simple_cpim_message_set_body (msg, NULL);
  g_bytes_unref (out);
  out = sip_simple_cpim_message_to_bytes (msg);
  assert_bytes (
      out, "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Disposition: render\r\n\r\n",
      strlen (
          "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Disposition: render\r\n\r\n"));
}

static void
test_set_to_replaces (void)
{
  g_autoptr (SipSimpleCpimMessage) msg
      = parse_ok ("From: <sip:a@x>\r\nTo: <sip:b@x>\r\nSubject: s\r\n"
                  "To: <sip:c@x>\r\n\r\nContent-Type: t/p\r\n\r\n",
                  -1);
  g_autoptr (SipSimpleNameAddr) to = sip_simple_name_addr_parse ("<sip:d@x>", NULL);
  g_autoptr (GPtrArray) recipients = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) names = NULL;
  const char *const expected[] = { "From", "To", "Subject", NULL };

  sip_simple_cpim_message_set_to (msg, to);
  recipients = sip_simple_cpim_message_get_recipients (msg);
  g_assert_cmpuint (recipients->len, ==, 1);
  g_assert_true (recipients->pdata[0] == to);
  names = sip_simple_cpim_message_get_header_names (msg);
  g_assert_true (g_strv_equal ((const char *const *)names, expected));

  /* the address belongs to the message: changing it changes the message */
  sip_simple_name_addr_set_display_name (sip_simple_cpim_message_get_to (msg), "Dee");
  {
    g_autofree char *text = sip_simple_cpim_message_get_header (msg, "To");

    g_assert_cmpstr (text, ==, "\"Dee\" <sip:d@x>");
  }

  /* typed headers through the generic setter */
  g_assert_true (sip_simple_cpim_message_set_header (msg, "To", "Eve <sip:e@x>", &error));
  g_assert_true (sip_simple_cpim_message_append_header (msg, "to", "<sip:f@x>", &error));
  g_assert_true (
      sip_simple_cpim_message_set_header (msg, "DateTime", "2001-01-01T00:00:00Z", &error));
  g_assert_true (sip_simple_cpim_message_append_header (msg, "From", "<sip:z@x>", &error));
  g_assert_no_error (error);
  g_ptr_array_unref (recipients);
  recipients = sip_simple_cpim_message_get_recipients (msg);
  g_assert_cmpuint (recipients->len, ==, 2);
  assert_name_addr (recipients->pdata[0], "\"Eve\" <sip:e@x>");
  assert_name_addr (recipients->pdata[1], "<sip:f@x>");
  assert_name_addr (sip_simple_cpim_message_get_from (msg), "<sip:z@x>");
  g_assert_cmpint (g_date_time_get_year (sip_simple_cpim_message_get_datetime (msg)), ==, 2001);
}

static void
test_namespace_existing_prefix (void)
{
  g_autoptr (SipSimpleCpimMessage) msg = parse_ok (
      "NS: foo <urn:ietf:params:imdn>\r\nfoo.Message-ID: x1\r\n\r\nContent-Type: t/p\r\n\r\n", -1);
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *unknown = NULL;
  g_auto (GStrv) ns = NULL;

  g_assert_true (sip_simple_cpim_message_set_namespace_header (msg, "urn:ietf:params:imdn", "imdn",
                                                               "Disposition-Notification",
                                                               "positive-delivery", &error));
  g_assert_no_error (error);
  ns = sip_simple_cpim_message_get_headers (msg, "NS");
  g_assert_cmpuint (g_strv_length (ns), ==, 1);
  id = sip_simple_cpim_message_get_header (msg, "foo.Disposition-Notification");
  g_assert_cmpstr (id, ==, "positive-delivery");
  unknown = sip_simple_cpim_message_get_namespace_header (msg, "urn:example:other", "Message-ID");
  g_assert_null (unknown);

  /* invalid prefix or value: nothing is declared */
  g_assert_false (
      sip_simple_cpim_message_set_namespace_header (msg, "urn:x", "a.b", "N", "v", &error));
  g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER);
  g_clear_error (&error);
  g_assert_false (
      sip_simple_cpim_message_set_namespace_header (msg, "urn:x", "x", "N", "a\r\nb", &error));
  g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER);
  g_strfreev (ns);
  ns = sip_simple_cpim_message_get_headers (msg, "NS");
  g_assert_cmpuint (g_strv_length (ns), ==, 1);
}

static void
test_datetime (void)
{
  struct
  {
    const char *text;
    gint64      unix_time;
    int         usec;
    GTimeSpan   offset;
  } good[] = {
    { "2000-12-13T13:40:00-08:00", 976743600, 0, -8 * G_TIME_SPAN_HOUR },
    { "2000-12-13T21:40:00Z", 976743600, 0, 0 },
    { "2000-12-13t21:40:00z", 976743600, 0, 0 },
    { "2000-12-14T03:10:00.5+05:30", 976743600, 500000,
      5 * G_TIME_SPAN_HOUR + 30 * G_TIME_SPAN_MINUTE },
    { "2000-12-13T21:40:00.123456Z", 976743600, 123456, 0 },
    { "2000-12-13T21:40:00+00:00", 976743600, 0, 0 },
    { "2000-12-13T21:40:00.1234567891Z", 976743600, 123456, 0 },
    { "2000-12-13T21:40:00.000001Z", 976743600, 1, 0 },
    { "0001-01-01T00:00:00Z", -62135596800, 0, 0 },
  };
  const char *const bad[] = {
    "",
    "yesterday",
    "2000-12-13",
    "2000-12-13 21:40:00Z",
    "2000-12-13T21:40Z",
    "2000-12-13T21:40:00",
    "2000-12-13T21:40:00+0800",
    "2000-12-13T21:40:00+8:00",
    "2000-12-13T21:40:00.Z",
    "2000-12-13T21:40:00Zx",
    "2000-13-13T21:40:00Z",
    "2000-02-30T21:40:00Z",
    "2000-12-13T25:40:00Z",
    "2000-12-13T21:40:60Z",
    "2000-12-13T21:40:00+24:00",
    "2000-12-13T21:40:00+01:60",
    "20001213T214000Z",
    "2000-W50-3T21:40:00Z",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *text
          = g_strdup_printf ("DateTime: %s\r\n\r\nContent-Type: text/plain\r\n\r\n", good[i].text);
      g_autoptr (SipSimpleCpimMessage) msg = parse_ok (text, -1);
      GDateTime       *dt = sip_simple_cpim_message_get_datetime (msg);
      g_autofree char *back = sip_simple_cpim_message_get_header (msg, "DateTime");

      { g_autofree char *shown = g_strescape (good[i].text, NULL); g_test_message ("%s", shown); }
      g_assert_nonnull (dt);
      g_assert_cmpint (g_date_time_to_unix (dt), ==, good[i].unix_time);
      g_assert_cmpint (g_date_time_get_microsecond (dt), ==, good[i].usec);
      g_assert_cmpint (g_date_time_get_utc_offset (dt), ==, good[i].offset);
      /* the text read is kept as is */
      g_assert_cmpstr (back, ==, good[i].text);
    }
  for (i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *text = g_strdup_printf (
          "From: <sip:a@x>\r\nDateTime: %s\r\n\r\nContent-Type: text/plain\r\n\r\n", bad[i]);
      g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));
      g_autoptr (GError) error = NULL;
      g_autoptr (SipSimpleCpimMessage) msg = sip_simple_cpim_message_parse (bytes, &error);

      { g_autofree char *shown = g_strescape (bad[i], NULL); g_test_message ("%s", shown); }
      g_assert_null (msg);
      g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_BODY);
      { g_autofree char *shown = g_strescape (error->message, NULL); g_test_message ("  -> %s", shown); }
      g_assert_nonnull (strstr (error->message, "line 2"));
      g_assert_nonnull (strstr (error->message, "invalid DateTime"));
    }
}

static void
test_malformed (void)
{
  struct
  {
    const char *data;
    gssize      len;
    const char *problem;
  } cases[] = {
    { "", 0, "empty message" },
    { "From: <sip:a@x>\r\n", -1, "no empty line after the message headers" },
    { "From: <sip:a@x>", -1, "no empty line after the message headers" },
    { "From: <sip:a@x>\r\n\r\nContent-Type: text/plain\r\n", -1,
      "no empty line after the content headers" },
    { "From: <sip:a@x>\r\n\r\nContent-Type: text/plain", -1,
      "no empty line after the content headers" },
    { "From: <sip:a@x>\r\n\r\n", -1, "no empty line after the content headers" },
    { "\r\n\r\nbody", -1, "no Content-Type" },
    { "\r\nContent-Length: 4\r\n\r\nbody", -1, "no Content-Type" },
    { "Subject hello\r\n\r\nContent-Type: t/p\r\n\r\n", -1,
      "line 1 \"Subject hello\": header line without ':'" },
    { "From: <sip:a@x>\r\nTo <sip:b@x>\r\n\r\nContent-Type: t/p\r\n\r\n", -1,
      "line 2 \"To <sip:b@x>\": missing ':' after the header name" },
    { "\r\nContent-Type text/plain\r\n\r\n", -1, "line 2" },
    { ": x\r\n\r\nContent-Type: t/p\r\n\r\n", -1, "empty header name" },
    { "Bad Name: x\r\n\r\nContent-Type: t/p\r\n\r\n", -1, "missing ':' after the header name" },
    { "Na\"me: x\r\n\r\nContent-Type: t/p\r\n\r\n", -1, "invalid header name" },
    { " From: <sip:a@x>\r\n\r\nContent-Type: t/p\r\n\r\n", -1, "starts with white space" },
    { "From: Bell, Alexander <sip:a@x>\r\n\r\nContent-Type: t/p\r\n\r\n", -1,
      "invalid From header: Invalid address" },
    { "From: MR SANDERS <im:piglet@100akerwood.com>\r\n\r\nContent-Type: t/p\r\n\r\n", -1,
      "unsupported scheme \"im\"" },
    { "To: \r\n\r\nContent-Type: t/p\r\n\r\n", -1, "invalid To header" },
    { "cc: <sip:a@x\r\n\r\nContent-Type: t/p\r\n\r\n", -1, "invalid cc header" },
    { "From: <sip:a@x>\r\nFrom: <sip:b@x>\r\n\r\nContent-Type: t/p\r\n\r\n", -1,
      "more than one From" },
    { "DateTime: 2000-12-13T21:40:00Z\r\nDateTime: 2000-12-13T21:40:00Z\r\n\r\nContent-Type: "
      "t/p\r\n\r\n",
      -1, "more than one DateTime" },
    { "\r\nContent-Type: a/b\r\ncontent-type: c/d\r\n\r\n", -1, "more than one Content-Type" },
    { "\r\nContent-Type:\r\n\r\n", -1, "empty Content-Type" },
    { "Subject: a\0b\r\n\r\nContent-Type: t/p\r\n\r\n", 37, "NUL byte" },
    { "Subject: a\x01"
      "b\r\n\r\nContent-Type: t/p\r\n\r\n",
      -1, "control character" },
    { "Subject: a\rb\r\n\r\nContent-Type: t/p\r\n\r\n", -1, "control character" },
    { "Subject: \xff\xfe\r\n\r\nContent-Type: t/p\r\n\r\n", -1, "invalid UTF-8" },
    { "\r\nContent-Type: t/p\r\nX-\xc3: y\r\n\r\n", -1, "invalid UTF-8" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize len = cases[i].len < 0 ? strlen (cases[i].data) : (gsize)cases[i].len;
      g_autoptr (GBytes) bytes = g_bytes_new (cases[i].data, len);
      g_autoptr (GError) error = NULL;
      g_autoptr (SipSimpleCpimMessage) msg = sip_simple_cpim_message_parse (bytes, &error);

      g_test_message ("case %u", i);
      g_assert_null (msg);
      g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_BODY);
      { g_autofree char *shown = g_strescape (error->message, NULL); g_test_message ("  -> %s", shown); }
      g_assert_true (g_str_has_prefix (error->message, "Invalid CPIM message: "));
      g_assert_nonnull (strstr (error->message, cases[i].problem));
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
}

static void
test_set_header_invalid (void)
{
  g_autoptr (SipSimpleCpimMessage) msg = sip_simple_cpim_message_new ("text/plain", NULL);
  struct
  {
    const char *name;
    const char *value;
    const char *problem;
  } cases[] = {
    { "Bad Name", "x", "must be a token" },
    { "", "x", "must be a token" },
    { "Subject", "a\r\nFrom: <sip:evil@x>", "line break" },
    { "Subject", NULL, "no value" },
    { "From", "Bell, Alexander <sip:a@x>", "invalid From header" },
    { "to", "<http://x>", "invalid To header" },
    { "DateTime", "tomorrow", "invalid DateTime" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (
          sip_simple_cpim_message_set_header (msg, cases[i].name, cases[i].value, &error));
      g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER);
      g_assert_nonnull (strstr (error->message, cases[i].problem));
      g_clear_error (&error);
      g_assert_false (
          sip_simple_cpim_message_append_header (msg, cases[i].name, cases[i].value, &error));
      g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER);
    }
  {
    g_autoptr (GError) error = NULL;

    g_assert_false (sip_simple_cpim_message_set_content_header (msg, "Content-Type", NULL, &error));
    g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER);
    g_clear_error (&error);
    g_assert_false (sip_simple_cpim_message_set_content_header (msg, "X-A", "b\nc", &error));
    g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER);
  }
  {
    g_auto (GStrv) names = sip_simple_cpim_message_get_header_names (msg);

    g_assert_cmpuint (g_strv_length (names), ==, 0);
  }
}

static void
test_copy_ref (void)
{
  g_autoptr (SipSimpleCpimMessage) msg = parse_ok (rfc3862_example, -1);
  g_autoptr (SipSimpleCpimMessage) copy = sip_simple_cpim_message_copy (msg);
  SipSimpleCpimMessage *ref = sip_simple_cpim_message_ref (msg);
  g_autoptr (GBytes) a = NULL;
  g_autoptr (GBytes) b = NULL;
  GValue value = G_VALUE_INIT;

  g_assert_true (ref == msg);
  sip_simple_cpim_message_unref (ref);
  a = sip_simple_cpim_message_to_bytes (msg);
  b = sip_simple_cpim_message_to_bytes (copy);
  g_assert_true (g_bytes_equal (a, b));

  sip_simple_name_addr_set_display_name (sip_simple_cpim_message_get_from (copy), "Piglet");
  sip_simple_cpim_message_set_subject (copy, "changed");
  sip_simple_cpim_message_set_content_type (copy, "text/plain");
  g_assert_cmpstr (sip_simple_name_addr_get_display_name (sip_simple_cpim_message_get_from (msg)),
                   ==, "MR SANDERS");
  g_assert_cmpstr (sip_simple_cpim_message_get_subject (msg), ==, "the weather will be fine today");
  g_assert_cmpstr (sip_simple_cpim_message_get_content_type (msg), ==, "text/xml; charset=utf-8");

  g_value_init (&value, SIP_SIMPLE_TYPE_CPIM_MESSAGE);
  g_value_set_boxed (&value, msg);
  g_assert_true (g_value_get_boxed (&value) == msg);
  g_value_unset (&value);
  g_assert_cmpstr (g_type_name (SIP_SIMPLE_TYPE_CPIM_MESSAGE), ==, "SipSimpleCpimMessage");
}

static void
test_mutations (void)
{
  const char alphabet[] = "\r\n:;<>\" \t\0\x01\xc3\xa9"
                          "aZ0-.T";
  GRand     *rand = g_rand_new_with_seed (3862);
  gsize      base_len = strlen (rfc3862_example);
  guint      accepted = 0;
  guint      i;

  for (i = 0; i < 20000; i++)
    {
      GString *s = g_string_new_len (rfc3862_example, base_len);
      int      edits = g_rand_int_range (rand, 1, 4);
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (SipSimpleCpimMessage) msg = NULL;

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
      bytes = g_bytes_new (s->str, s->len);
      msg = sip_simple_cpim_message_parse (bytes, &error);
      if (msg != NULL)
        {
          g_autoptr (GBytes) out = sip_simple_cpim_message_to_bytes (msg);
          g_autoptr (GError) error2 = NULL;
          g_autoptr (SipSimpleCpimMessage) again = sip_simple_cpim_message_parse (out, &error2);
          g_autoptr (GBytes) out2 = NULL;

          g_assert_no_error (error2);
          g_assert_true (g_bytes_equal (sip_simple_cpim_message_get_body (msg),
                                        sip_simple_cpim_message_get_body (again)));
          out2 = sip_simple_cpim_message_to_bytes (again);
          g_assert_true (g_bytes_equal (out, out2));
          accepted++;
        }
      else
        g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_BODY);
      g_string_free (s, TRUE);
    }
  g_test_message ("accepted %u of 20000", accepted);
  g_assert_cmpuint (accepted, >, 0);
  g_rand_free (rand);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cpim/parse/rfc3862", test_parse_rfc3862);
  g_test_add_func ("/cpim/parse/lf-only", test_lf_only);
  g_test_add_func ("/cpim/parse/binary-body", test_binary_body);
  g_test_add_func ("/cpim/parse/datetime", test_datetime);
  g_test_add_func ("/cpim/parse/malformed", test_malformed);
  g_test_add_func ("/cpim/parse/mutations", test_mutations);
  g_test_add_func ("/cpim/round-trip", test_round_trip);
  g_test_add_func ("/cpim/build", test_build);
  g_test_add_func ("/cpim/set-to-replaces", test_set_to_replaces);
  g_test_add_func ("/cpim/namespace-existing-prefix", test_namespace_existing_prefix);
  g_test_add_func ("/cpim/set-header-invalid", test_set_header_invalid);
  g_test_add_func ("/cpim/copy-ref", test_copy_ref);

  return g_test_run ();
}
