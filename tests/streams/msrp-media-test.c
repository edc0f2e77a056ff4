/* Unit tests: the SDP attributes of MSRP media lines (accept-types,
 * a=setup, a=path, a=file-range) and file selectors, malformed input
 * included.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/sipsimple.h>

#include "streams/msrp-media-private.h"

static void
test_accept_types (void)
{
  static const char *const bad[] = {
    "", "   ", "text", "/plain", "text/", "text/pl\"ain", "message/cpim text", "a/b \x01/c", NULL,
  };
  g_auto (GStrv) types = NULL;
  g_autoptr (GError) error = NULL;

  types = sip_simple_msrp_parse_accept_types (
      "message/cpim  text/plain\tapplication/im-iscomposing+xml", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (types), ==, 3);
  g_assert_cmpstr (types[1], ==, "text/plain");
  g_assert_true (
      sip_simple_msrp_accept_types_match ((const char *const *)types, "TEXT/PLAIN;charset=utf-8"));
  g_assert_false (sip_simple_msrp_accept_types_match ((const char *const *)types, "text/html"));
  g_clear_pointer (&types, g_strfreev);

  types = sip_simple_msrp_parse_accept_types ("text/* *", &error);
  g_assert_no_error (error);
  g_assert_true (sip_simple_msrp_accept_types_match ((const char *const *)types, "image/png"));
  g_clear_pointer (&types, g_strfreev);
  types = sip_simple_msrp_parse_accept_types ("text/*", &error);
  g_assert_true (sip_simple_msrp_accept_types_match ((const char *const *)types, "text/html"));
  g_assert_false (sip_simple_msrp_accept_types_match ((const char *const *)types, "textual/html"));
  g_assert_false (sip_simple_msrp_accept_types_match ((const char *const *)types, NULL));
  g_clear_pointer (&types, g_strfreev);

  for (guint i = 0; bad[i]; i++)
    {
      types = sip_simple_msrp_parse_accept_types (bad[i], &error);
      g_assert_null (types);
      g_assert_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR,
                      SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP);
      g_clear_error (&error);
    }
  g_assert_null (sip_simple_msrp_parse_accept_types (NULL, &error));
  g_assert_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP);
}

static void
test_file_range (void)
{
  static const char *const bad[] = {
    "",     "-",   "0-10",  "1",    "1-",   "-5",
    "a-b",  "5-3", "1-2-3", "1-*x", " 1-2", "99999999999999999999-*",
    "1--2", NULL,
  };
  g_autoptr (GError) error = NULL;
  guint64 start, stop;

  g_assert_true (sip_simple_msrp_parse_file_range ("1-100", &start, &stop, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (start, ==, 1);
  g_assert_cmpuint (stop, ==, 100);
  g_assert_true (sip_simple_msrp_parse_file_range ("4097-*", &start, &stop, &error));
  g_assert_cmpuint (start, ==, 4097);
  g_assert_cmpuint (stop, ==, G_MAXUINT64);
  /* an empty remainder: start is one past stop */
  g_assert_true (sip_simple_msrp_parse_file_range ("11-10", &start, &stop, &error));
  for (guint i = 0; bad[i]; i++)
    {
      g_assert_false (sip_simple_msrp_parse_file_range (bad[i], &start, &stop, &error));
      g_assert_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR,
                      SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP);
      g_clear_error (&error);
    }
  g_assert_false (sip_simple_msrp_parse_file_range (NULL, &start, &stop, &error));
  g_clear_error (&error);
}

static GstSDPMessage *
parse_sdp (const char *media_lines)
{
  g_autofree char *text = g_strdup_printf ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\n"
                                           "c=IN IP4 127.0.0.1\r\nt=0 0\r\n%s",
                                           media_lines);
  g_autoptr (GError) error = NULL;
  GstSDPMessage *sdp = sip_simple_sdp_parse (text, &error);

  g_assert_no_error (error);
  return sdp;
}

static void
test_setup_and_path (void)
{
  g_autoptr (GstSDPMessage) sdp = parse_sdp ("m=message 7654 TCP/MSRP *\r\n"
                                             "a=accept-types:text/plain\r\n"
                                             "a=path:msrp://127.0.0.1:7654/abc;tcp\r\n"
                                             "a=setup:actpass\r\n"
                                             "m=message 7655 TCP/MSRP *\r\n"
                                             "a=path:msrp://[bad\r\n"
                                             "a=setup:sideways\r\n"
                                             "m=message 7656 TCP/MSRP *\r\n"
                                             "m=audio 7658 RTP/AVP 0\r\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) path = NULL;
  MsrpSetup setup;
  gboolean  active;

  g_assert_true (sip_simple_msrp_media_is_msrp (gst_sdp_message_get_media (sdp, 0)));
  g_assert_false (sip_simple_msrp_media_is_msrp (gst_sdp_message_get_media (sdp, 3)));
  path = sip_simple_msrp_media_get_path (gst_sdp_message_get_media (sdp, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (path->len, ==, 1);
  g_assert_cmpuint (sip_simple_msrp_uri_get_port (g_ptr_array_index (path, 0)), ==, 7654);
  g_assert_true (
      sip_simple_msrp_media_get_setup (gst_sdp_message_get_media (sdp, 0), &setup, &error));
  g_assert_cmpint (setup, ==, MSRP_SETUP_ACTPASS);
  g_assert_true (sip_simple_msrp_media_answer_active (setup, &active, &error));
  g_assert_true (active);
  g_assert_true (sip_simple_msrp_media_offerer_active (MSRP_SETUP_ACTIVE, &active, &error));
  g_assert_false (active);
  g_assert_true (sip_simple_msrp_media_offerer_active (MSRP_SETUP_NONE, &active, &error));
  g_assert_true (active);
  g_assert_true (sip_simple_msrp_media_answer_active (MSRP_SETUP_NONE, &active, &error));
  g_assert_false (active);
  g_assert_false (sip_simple_msrp_media_offerer_active (MSRP_SETUP_ACTPASS, &active, &error));
  g_assert_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP);
  g_clear_error (&error);
  g_assert_false (sip_simple_msrp_media_answer_active (MSRP_SETUP_HOLDCONN, &active, &error));
  g_assert_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE);
  g_clear_error (&error);

  /* malformed path and setup */
  g_assert_null (sip_simple_msrp_media_get_path (gst_sdp_message_get_media (sdp, 1), &error));
  g_assert_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP);
  g_clear_error (&error);
  g_assert_false (
      sip_simple_msrp_media_get_setup (gst_sdp_message_get_media (sdp, 1), &setup, &error));
  g_assert_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP);
  g_clear_error (&error);
  /* missing path; missing setup is RFC 4975's default */
  g_assert_null (sip_simple_msrp_media_get_path (gst_sdp_message_get_media (sdp, 2), &error));
  g_assert_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP);
  g_clear_error (&error);
  g_assert_true (
      sip_simple_msrp_media_get_setup (gst_sdp_message_get_media (sdp, 2), &setup, &error));
  g_assert_cmpint (setup, ==, MSRP_SETUP_NONE);
}

static void
test_check_update (void)
{
  g_autoptr (GstSDPMessage) msrp = parse_sdp ("m=message 9 TCP/MSRP *\r\n");
  g_autoptr (GstSDPMessage) audio = parse_sdp ("m=audio 4000 RTP/AVP 0\r\n");
  g_autoptr (GError) error = NULL;

  g_assert_true (sip_simple_msrp_media_check_update (msrp, 0, "chat", &error));
  g_assert_no_error (error);
  /* a re-offer that turned the line into audio, or dropped it */
  g_assert_false (sip_simple_msrp_media_check_update (audio, 0, "chat", &error));
  g_assert_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE);
  g_assert_cmpstr (error->message, ==, "The chat media line changed type");
  g_clear_error (&error);
  g_assert_false (sip_simple_msrp_media_check_update (msrp, 1, "file transfer", &error));
  g_assert_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE);
}

static void
test_file_selector (void)
{
  static const char *const bad[] = {
    "",
    "   ",
    "name",
    "name:\"unterminated",
    "name:unquoted",
    "name:\"\"",
    "name:\"a/b\"",
    "name:\"%2Fetc%2Fpasswd\"",
    "size:-1",
    "size:12x",
    "size:",
    "size:99999999999999999999",
    "type:text",
    "type:/plain",
    "hash:md5:00",
    "hash:sha-1:00:11",
    "hash:sha-1:ZZ:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33",
    "hash:sha-1:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44",
    ":x",
    "name:\"\xff\xfe\"",
    NULL,
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (SipSimpleFileSelector) sel = NULL;
  g_autoptr (SipSimpleFileSelector) again = NULL;
  g_autofree char *text = NULL;
  const guint8     digest[20]
      = { 0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0xff };
  g_autofree char *hash = sip_simple_file_selector_format_sha1 (digest, sizeof digest);

  g_assert_cmpstr (hash, ==, "sha-1:DE:AD:BE:EF:01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F:FF");
  sel = sip_simple_file_selector_parse (
      "name:\"my%20file.txt\" type:text/plain;charset=utf-8 size:1234 "
      "hash:sha-1:de:ad:be:ef:01:02:03:04:05:06:07:08:09:0a:0b:0c:0d:0e:0f:ff "
      "future:thing",
      &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sip_simple_file_selector_get_name (sel), ==, "my file.txt");
  g_assert_cmpstr (sip_simple_file_selector_get_content_type (sel), ==, "text/plain;charset=utf-8");
  g_assert_cmpint (sip_simple_file_selector_get_size (sel), ==, 1234);
  g_assert_cmpstr (sip_simple_file_selector_get_hash (sel), ==, hash);
  text = sip_simple_file_selector_to_string (sel);
  again = sip_simple_file_selector_parse (text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sip_simple_file_selector_get_name (again), ==, "my file.txt");
  g_assert_cmpint (sip_simple_file_selector_get_size (again), ==, 1234);
  g_assert_cmpstr (sip_simple_file_selector_get_hash (again), ==, hash);
  g_clear_pointer (&sel, sip_simple_file_selector_unref);

  /* only a hash (a pull by hash) */
  sel = sip_simple_file_selector_parse (
      "hash:sha-1:DE:AD:BE:EF:01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F:FF", &error);
  g_assert_no_error (error);
  g_assert_null (sip_simple_file_selector_get_name (sel));
  g_assert_cmpint (sip_simple_file_selector_get_size (sel), ==, -1);

  for (guint i = 0; bad[i]; i++)
    {
      SipSimpleFileSelector *s = sip_simple_file_selector_parse (bad[i], &error);
      if (s != NULL)
        g_error ("accepted bad selector %s", bad[i]);
      g_assert_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR,
                      SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP);
      g_clear_error (&error);
    }
  g_assert_null (sip_simple_file_selector_parse (NULL, &error));
  g_clear_error (&error);
}

/* Random bytes never crash the parsers (checked under ASan). */
static void
test_garbage (void)
{
  GRand *rand = g_rand_new_with_seed (5547);

  for (guint n = 0; n < 5000; n++)
    {
      char  buf[64];
      guint len = g_rand_int_range (rand, 0, sizeof buf);
      g_autoptr (GError) e1 = NULL;
      g_autoptr (GError) e2 = NULL;
      g_autoptr (GError) e3 = NULL;
      g_auto (GStrv) types = NULL;
      SipSimpleFileSelector *sel;
      guint64                a, b;
      static const char      alphabet[] = "name:\"size:type/hash:sha-1*-0123456789ABCDEF %; \t";

      for (guint i = 0; i < len; i++)
        buf[i] = (n & 1) ? (char)g_rand_int_range (rand, 1, 256)
                         : alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      buf[len] = '\0';
      sel = sip_simple_file_selector_parse (buf, &e1);
      g_assert_true ((sel == NULL) == (e1 != NULL));
      if (sel)
        sip_simple_file_selector_unref (sel);
      types = sip_simple_msrp_parse_accept_types (buf, &e2);
      g_assert_true ((types == NULL) == (e2 != NULL));
      if (!sip_simple_msrp_parse_file_range (buf, &a, &b, &e3))
        g_assert_nonnull (e3);
    }
  g_rand_free (rand);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/streams/msrp-media/accept-types", test_accept_types);
  g_test_add_func ("/streams/msrp-media/file-range", test_file_range);
  g_test_add_func ("/streams/msrp-media/setup-and-path", test_setup_and_path);
  g_test_add_func ("/streams/msrp-media/check-update", test_check_update);
  g_test_add_func ("/streams/msrp-media/file-selector", test_file_selector);
  g_test_add_func ("/streams/msrp-media/garbage", test_garbage);
  return g_test_run ();
}
