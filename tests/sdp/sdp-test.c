/* SDP parsing and checking: good descriptions from real peers, malformed
 * ones, direction rules (RFC 3264 section 5.1, RFC 2543 hold).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-utils.h"

/* as baresip and linphone send them (trimmed) */
static const char *good[] = {
  "v=0\r\no=- 1700000000 1700000001 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
  "m=audio 10000 RTP/AVP 111 9 0 8 101\r\na=rtpmap:111 opus/48000/2\r\na=rtpmap:9 G722/8000\r\n"
  "a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
  "a=fmtp:101 0-16\r\na=sendrecv\r\n",
  "v=0\r\no=alice 123 456 IN IP6 ::1\r\ns=call\r\nt=0 0\r\n"
  "m=audio 4000 RTP/SAVP 0\r\nc=IN IP6 ::1\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz\r\n"
  "m=message 2855 TCP/MSRP *\r\nc=IN IP6 ::1\r\na=accept-types:text/plain\r\n",
  /* a rejected line needs no address */
  "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\n",
  /* LF-only line ends are tolerated */
  "v=0\no=- 1 2 IN IP4 127.0.0.1\ns=-\nc=IN IP4 127.0.0.1\nt=0 0\nm=audio 5000 RTP/AVP 0\n",
};

static void
test_good (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (GError) error = NULL;
      GstSDPMessage *sdp = sip_simple_sdp_parse (good[i], &error);
      g_assert_no_error (error);
      g_assert_nonnull (sdp);
      g_assert_cmpuint (gst_sdp_message_medias_len (sdp), >=, 1);
      gst_sdp_message_free (sdp);
    }
}

static void
test_malformed (void)
{
  static const struct {
    const char *text;
    const char *expect;
  } bad[] = {
    { "", "empty" },
    { "hello", "v= line" },
    { "v=1\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n", "version" },
    { "v=0\r\ns=-\r\nt=0 0\r\n", "o= line" },
    { "v=0\r\no=- x y IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n", "numbers" },
    { "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nm=audio 5000 RTP/AVP 0\r\n", "t= line" },
    { "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\n", "connection address" },
    { "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 70000 RTP/AVP 0\r\n", "out of range" },
    { "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 5000 RTP/AVP\r\n", "no formats" },
    { "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 5000 RTP/AVP 300\r\n", "payload type" },
    { "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 5000 RTP/AVP abc\r\n", "payload type" },
    { "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 no.such.host\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\n", "IP address" },
    { "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP6 127.0.0.1\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\n", "IP6" },
    { "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=XX IP4 127.0.0.1\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\n", "network type" },
    { "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\na=rtpmap:0\r\n", "rtpmap" },
    { "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\na=rtpmap:0 PCMU/fast\r\n", "rtpmap" },
    { "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000/1/2\r\n", "rtpmap" },
    { "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\n\xff\xfe\r\n", "UTF-8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *shown = g_strescape (bad[i].text, NULL);
      GstSDPMessage *sdp;

      g_test_message ("input: %s", shown);
      sdp = sip_simple_sdp_parse (bad[i].text, &error);
      g_assert_null (sdp);
      g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_BODY);
      g_test_message ("  -> %s", error->message);
      g_assert_nonnull (strstr (error->message, bad[i].expect));
    }
}

static GstSDPMessage *
parse (const char *media_and_attrs, const char *session_attrs, const char *address)
{
  g_autofree char *text = g_strdup_printf ("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 %s\r\nt=0 0\r\n%s%s",
                                           address, session_attrs, media_and_attrs);
  g_autoptr (GError) error = NULL;
  GstSDPMessage *sdp = sip_simple_sdp_parse (text, &error);
  g_assert_no_error (error);
  return sdp;
}

static void
test_direction (void)
{
  static const struct {
    const char *media;
    const char *session;
    const char *address;
    SipSimpleMediaDirection expect;
  } cases[] = {
    { "m=audio 5000 RTP/AVP 0\r\n", "", "127.0.0.1", SIP_SIMPLE_MEDIA_DIRECTION_SENDRECV },
    { "m=audio 5000 RTP/AVP 0\r\na=sendonly\r\n", "", "127.0.0.1", SIP_SIMPLE_MEDIA_DIRECTION_SENDONLY },
    { "m=audio 5000 RTP/AVP 0\r\na=recvonly\r\n", "", "127.0.0.1", SIP_SIMPLE_MEDIA_DIRECTION_RECVONLY },
    { "m=audio 5000 RTP/AVP 0\r\na=inactive\r\n", "", "127.0.0.1", SIP_SIMPLE_MEDIA_DIRECTION_INACTIVE },
    { "m=audio 5000 RTP/AVP 0\r\n", "a=sendonly\r\n", "127.0.0.1", SIP_SIMPLE_MEDIA_DIRECTION_SENDONLY },
    { "m=audio 5000 RTP/AVP 0\r\na=sendrecv\r\n", "a=inactive\r\n", "127.0.0.1", SIP_SIMPLE_MEDIA_DIRECTION_SENDRECV },
    { "m=audio 5000 RTP/AVP 0\r\n", "", "0.0.0.0", SIP_SIMPLE_MEDIA_DIRECTION_SENDONLY },
    { "m=audio 5000 RTP/AVP 0\r\na=recvonly\r\n", "", "0.0.0.0", SIP_SIMPLE_MEDIA_DIRECTION_INACTIVE },
    { "m=audio 0 RTP/AVP 0\r\n", "", "127.0.0.1", SIP_SIMPLE_MEDIA_DIRECTION_INACTIVE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GstSDPMessage *sdp = parse (cases[i].media, cases[i].session, cases[i].address);
      g_assert_cmpint (sip_simple_sdp_get_direction (sdp, 0), ==, cases[i].expect);
      gst_sdp_message_free (sdp);
    }
  g_assert_cmpint (sip_simple_media_direction_reverse (SIP_SIMPLE_MEDIA_DIRECTION_SENDONLY), ==,
                   SIP_SIMPLE_MEDIA_DIRECTION_RECVONLY);
  g_assert_cmpint (sip_simple_media_direction_reverse (SIP_SIMPLE_MEDIA_DIRECTION_INACTIVE), ==,
                   SIP_SIMPLE_MEDIA_DIRECTION_INACTIVE);
  g_assert_cmpstr (sip_simple_media_direction_to_string (SIP_SIMPLE_MEDIA_DIRECTION_RECVONLY), ==,
                   "recvonly");
}

static void
test_connection_address (void)
{
  g_autoptr (GError) error = NULL;
  GstSDPMessage *sdp = sip_simple_sdp_parse (good[1], &error);

  g_assert_no_error (error);
  g_assert_cmpstr (sip_simple_sdp_get_connection_address (sdp, 0), ==, "::1");
  g_assert_null (sip_simple_sdp_get_connection_address (sdp, 7));
  gst_sdp_message_free (sdp);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sdp/good", test_good);
  g_test_add_func ("/sdp/malformed", test_malformed);
  g_test_add_func ("/sdp/direction", test_direction);
  g_test_add_func ("/sdp/connection-address", test_connection_address);
  return g_test_run ();
}
