/* Unit tests of the SDP side of RTP streams (rtp-media), without a
 * pipeline: offers and answers written for the audio codec table and for
 * a video-like table of the test's own (what a VideoStream will bring),
 * reading m-lines of either, and the negotiation of a pair.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/sipsimple.h>

#include "test-utils.h"
#include "streams/rtp-media-private.h"

#include <string.h>

/* A video table as a VideoStream would have one: fmtp and rtcp-fb, no
 * telephone-event, no ptime. Its elements only need to exist. */
static const char *const    vp8_fb[] = { "nack", "nack pli", "ccm fir", NULL };
static const SipSimpleCodec video_codecs[] = {
  { "VP8", "VP8", "VP8", 90000, 0, 0, -1, 96, NULL, "identity", "identity", "identity", "identity",
    vp8_fb },
  { "H264", "H264", "H264", 90000, 0, 0, -1, 97, "packetization-mode=1", "identity", "identity",
    "identity", "identity", NULL },
};
static const SipSimpleCodecTable video_table = {
  "video", video_codecs, G_N_ELEMENTS (video_codecs), FALSE, NULL,
};

typedef struct
{
  GSocket *rtp;
  GSocket *rtcp;
  guint    port;
} Sockets;

static void
sockets_open (Sockets *s)
{
  g_autoptr (GInetAddress) lo = g_inet_address_new_from_string ("127.0.0.1");
  g_autoptr (GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GSocketAddress) bound_rtcp = NULL;

  s->rtp = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
  s->rtcp
      = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
  g_assert_true (g_socket_bind (s->rtp, any, FALSE, NULL));
  g_assert_true (g_socket_bind (s->rtcp, any, FALSE, NULL));
  bound = g_socket_get_local_address (s->rtp, NULL);
  s->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  bound_rtcp = g_socket_get_local_address (s->rtcp, NULL);
  g_assert_cmpuint (g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound_rtcp)), !=, 0);
}

static void
sockets_close (Sockets *s)
{
  g_clear_object (&s->rtp);
  g_clear_object (&s->rtcp);
}

static void
config_init (SipSimpleRtpMediaConfig *config, const SipSimpleCodecTable *table,
             const char *const *codecs, Sockets *s)
{
  *config = (SipSimpleRtpMediaConfig){
    .table = table,
    .codecs = codecs,
    .srtp = SIP_SIMPLE_SRTP_MODE_DISABLED,
    .rtp_socket = s->rtp,
    .rtcp_socket = s->rtcp,
    .local_address = "127.0.0.1",
  };
}

/* The media part of a one-m-line description, as text */
static char *
media_text (GstSDPMedia *media)
{
  g_autoptr (GstSDPMessage) sdp = NULL;
  char *text, *m;

  gst_sdp_message_new (&sdp);
  gst_sdp_message_add_media (sdp, media); /* takes the contents */
  memset (media, 0, sizeof *media);
  text = gst_sdp_message_as_text (sdp);
  m = g_strdup (strstr (text, "m="));
  g_free (text);
  return m;
}

/* gst_sdp_media_init() frees what it finds: start from zeros (a media
 * handed to media_text() is empty again) */
static void
media_reset (GstSDPMedia *media)
{
  memset (media, 0, sizeof *media);
  gst_sdp_media_init (media);
}

static GstSDPMessage *
parse (const char *text)
{
  GstSDPMessage *sdp;

  gst_sdp_message_new_from_text (text, &sdp);
  g_assert_nonnull (sdp);
  return sdp;
}

static void
test_audio_offer (void)
{
  const char *const       codecs[] = { "PCMU", "PCMA", NULL };
  Sockets                 s = { 0 };
  SipSimpleRtpMediaConfig config;
  GstSDPMedia             media;
  g_autofree char        *text = NULL, *expected = NULL;
  guint                   port = 0;

  sockets_open (&s);
  config_init (&config, sip_simple_audio_codec_table (), codecs, &s);

  media_reset (&media);
  sip_simple_rtp_media_write_offer (&config, &media, &port);
  g_assert_cmpuint (port, ==, s.port);
  text = media_text (&media);
  /* a=rtcp names the RTCP socket's port */
  {
    g_autoptr (GSocketAddress) a = g_socket_get_local_address (s.rtcp, NULL);
    expected = g_strdup_printf ("m=audio %u RTP/AVP 0 8 101\r\n"
                                "c=IN IP4 127.0.0.1\r\n"
                                "a=rtcp:%u\r\n"
                                "a=rtpmap:0 PCMU/8000\r\n"
                                "a=rtpmap:8 PCMA/8000\r\n"
                                "a=rtpmap:101 telephone-event/8000\r\n"
                                "a=fmtp:101 0-15\r\n"
                                "a=ptime:20\r\n"
                                "a=sendrecv\r\n",
                                s.port, g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (a)));
  }
  g_assert_cmpstr (text, ==, expected);

  /* hold: sendonly, inactive when the peer holds us too */
  config.hold_requested = TRUE;
  media_reset (&media);
  sip_simple_rtp_media_write_offer (&config, &media, &port);
  g_clear_pointer (&text, g_free);
  text = media_text (&media);
  g_assert_true (g_str_has_suffix (text, "a=sendonly\r\n"));
  config.on_hold_by_remote = TRUE;
  media_reset (&media);
  sip_simple_rtp_media_write_offer (&config, &media, &port);
  g_clear_pointer (&text, g_free);
  text = media_text (&media);
  g_assert_true (g_str_has_suffix (text, "a=inactive\r\n"));

  /* SRTP: both suites offered with one key; mandatory is RTP/SAVP */
  config.hold_requested = config.on_hold_by_remote = FALSE;
  config.srtp = SIP_SIMPLE_SRTP_MODE_MANDATORY;
  config.local_key = sip_simple_srtp_generate_key ();
  media_reset (&media);
  sip_simple_rtp_media_write_offer (&config, &media, &port);
  g_clear_pointer (&text, g_free);
  text = media_text (&media);
  g_assert_nonnull (strstr (text, " RTP/SAVP 0 8 101\r\n"));
  g_assert_nonnull (strstr (text, "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:"));
  g_assert_nonnull (strstr (text, "a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:"));
  g_bytes_unref (config.local_key);
  sockets_close (&s);
}

static void
test_video_table (void)
{
  const char *const       codecs[] = { "VP8", "H264", NULL };
  Sockets                 s = { 0 };
  SipSimpleRtpMediaConfig config;
  GstSDPMedia             media;
  g_autofree char        *text = NULL;
  g_auto (SipSimpleRtpMediaInfo) remote = { 0 };
  g_auto (SipSimpleRtpMediaInfo) local = { 0 };
  g_autoptr (GstSDPMessage) offer = NULL;
  g_autoptr (GstSDPMessage) answer = NULL;
  g_autoptr (GError) error = NULL;
  SipSimpleRtpParams params = { 0 };
  guint              port = 0;
  int                payload;

  sockets_open (&s);
  config_init (&config, &video_table, codecs, &s);

  /* our offer: both codecs, VP8's feedback, nothing audio */
  media_reset (&media);
  sip_simple_rtp_media_write_offer (&config, &media, &port);
  text = media_text (&media);
  g_assert_true (g_str_has_prefix (text, "m=video "));
  g_assert_nonnull (strstr (text, " RTP/AVP 96 97\r\n"));
  g_assert_nonnull (strstr (text, "a=rtpmap:96 VP8/90000\r\n"
                                  "a=rtcp-fb:96 nack\r\n"
                                  "a=rtcp-fb:96 nack pli\r\n"
                                  "a=rtcp-fb:96 ccm fir\r\n"
                                  "a=rtpmap:97 H264/90000\r\n"
                                  "a=fmtp:97 packetization-mode=1\r\n"));
  g_assert_null (strstr (text, "telephone-event"));
  g_assert_null (strstr (text, "ptime"));

  /* a peer's offer: VP8 under its own number */
  offer = parse ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                 "m=video 5000 RTP/AVPF 98 100\r\n"
                 "a=rtpmap:98 AV1/90000\r\n"
                 "a=rtpmap:100 VP8/90000\r\n"
                 "a=rtcp-fb:100 nack\r\n"
                 "a=recvonly\r\n");
  g_assert_true (sip_simple_rtp_media_accepts (&video_table, gst_sdp_message_get_media (offer, 0)));
  g_assert_false (sip_simple_rtp_media_accepts (sip_simple_audio_codec_table (),
                                                gst_sdp_message_get_media (offer, 0)));
  g_assert_true (sip_simple_rtp_media_read (&video_table, offer, 0, FALSE, &remote, &error));
  g_assert_no_error (error);
  g_assert_true (sip_simple_rtp_media_check_offer (&config, &remote, &error));
  g_assert_no_error (error);
  g_assert_cmpint (remote.direction, ==, SIP_SIMPLE_RTP_RECVONLY);

  media_reset (&media);
  g_assert_true (sip_simple_rtp_media_write_answer (&config, &remote, &media, &port, &error));
  g_clear_pointer (&text, g_free);
  text = media_text (&media);
  g_assert_nonnull (strstr (text, " RTP/AVPF 100\r\n"));
  g_assert_nonnull (strstr (text, "a=rtpmap:100 VP8/90000\r\na=rtcp-fb:100 nack\r\n"));
  g_assert_true (g_str_has_suffix (text, "a=sendonly\r\n"));

  /* the pair: VP8 sent with 100, video caps */
  {
    g_autofree char *sdp_text = g_strdup_printf ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\n"
                                                 "t=0 0\r\n%s",
                                                 text);
    answer = parse (sdp_text);
  }
  g_assert_true (sip_simple_rtp_media_read (&video_table, answer, 0, FALSE, &local, &error));
  g_assert_true (sip_simple_rtp_media_negotiate (&config, FALSE, &local, &remote, &params, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (params.codec->name, ==, "VP8");
  g_assert_cmpuint (params.send_pt, ==, 100);
  g_assert_cmpint (params.send_te_pt, ==, -1);
  g_assert_cmpuint (params.recv_caps->len, ==, 1);
  g_assert_cmpstr (
      gst_structure_get_string (gst_caps_get_structure (g_ptr_array_index (params.recv_caps, 0), 0),
                                "media"),
      ==, "video");
  g_assert_true (gst_structure_get_int (
      gst_caps_get_structure (g_ptr_array_index (params.recv_caps, 0), 0), "payload", &payload));
  g_assert_cmpint (payload, ==, 100);
  g_assert_cmpuint (g_inet_socket_address_get_port (params.remote_rtp), ==, 5000);
  g_assert_cmpuint (g_inet_socket_address_get_port (params.remote_rtcp), ==, 5001);
  sip_simple_rtp_params_clear (&params);

  /* an audio m-line is not video */
  {
    g_autoptr (GstSDPMessage) audio
        = parse ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                 "m=audio 5000 RTP/AVP 0\r\n");
    g_auto (SipSimpleRtpMediaInfo) info = { 0 };
    g_clear_error (&error);
    g_assert_false (sip_simple_rtp_media_read (&video_table, audio, 0, FALSE, &info, &error));
    g_assert_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR,
                    SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE);
    g_assert_nonnull (strstr (error->message, "not video"));
  }
  sockets_close (&s);
}

/* Whether an offer (@text) can be answered: check_offer() and
 * write_answer() agree, and nothing is written when not; @error gets the
 * reason */
static gboolean
can_answer (Sockets *s, const char *const *codecs, SipSimpleSrtpMode srtp, const char *text,
            GError **error)
{
  g_autoptr (GstSDPMessage) offer = parse (text);
  g_auto (SipSimpleRtpMediaInfo) remote = { 0 };
  g_autoptr (GError) answer_error = NULL;
  SipSimpleRtpMediaConfig config;
  GstSDPMedia             media;
  guint                   port = 4242;
  gboolean                ok;

  config_init (&config, sip_simple_audio_codec_table (), codecs, s);
  config.srtp = srtp;
  g_assert_true (sip_simple_rtp_media_read (config.table, offer, 0, FALSE, &remote, NULL));
  ok = sip_simple_rtp_media_check_offer (&config, &remote, error);
  media_reset (&media);
  g_assert_cmpint (sip_simple_rtp_media_write_answer (&config, &remote, &media, &port,
                                                      &answer_error),
                   ==, ok);
  if (!ok)
    {
      g_assert_cmpstr (answer_error->message, ==, (*error)->message);
      g_assert_cmpuint (port, ==, 4242);
      g_assert_cmpuint (gst_sdp_media_formats_len (&media), ==, 0);
    }
  gst_sdp_media_uninit (&media);
  return ok;
}

/* Answers to offers the audio table cannot take, and a rejected m-line */
static void
test_audio_answers (void)
{
  const char *const codecs[] = { "PCMU", "PCMA", NULL };
  struct
  {
    const char               *media;
    SipSimpleSrtpMode         srtp;
    gint                    code;
    const char               *message;
  } bad[] = {
    { "m=audio 4000 RTP/AVP 18\r\n", SIP_SIMPLE_SRTP_MODE_DISABLED,
      SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE, "No common audio codec" },
    { "m=audio 4000 RTP/SAVP 0\r\n", SIP_SIMPLE_SRTP_MODE_DISABLED,
      SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE, "SRTP is disabled" },
    { "m=audio 4000 RTP/SAVP 0\r\n", SIP_SIMPLE_SRTP_MODE_OPTIONAL,
      SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE, "SDES keys are needed" },
    { "m=audio 4000 RTP/AVP 0\r\n", SIP_SIMPLE_SRTP_MODE_MANDATORY,
      SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE, "SRTP is mandatory" },
  };
  Sockets s = { 0 };

  sockets_open (&s);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *text = g_strconcat (
          "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n", bad[i].media,
          NULL);
      g_autoptr (GError) error = NULL;

      g_assert_false (can_answer (&s, codecs, bad[i].srtp, text, &error));
      g_assert_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, bad[i].code);
      g_assert_nonnull (strstr (error->message, bad[i].message));
    }

  {
    g_autoptr (GstSDPMessage) offer
        = parse ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                 "m=audio 0 RTP/AVP 0 8\r\n");
    g_auto (SipSimpleRtpMediaInfo) remote = { 0 };
    GstSDPMedia      media;
    g_autofree char *text = NULL;

    g_assert_true (sip_simple_rtp_media_read (sip_simple_audio_codec_table (), offer, 0, FALSE,
                                              &remote, NULL));
    g_assert_cmpuint (remote.port, ==, 0);
    g_assert_null (remote.formats);
    media_reset (&media);
    sip_simple_rtp_media_write_rejected (&remote, &media);
    text = media_text (&media);
    g_assert_cmpstr (text, ==, "m=audio 0 RTP/AVP 0 8\r\n");
  }
  sockets_close (&s);
}

/* An offer on the other address family than our sockets cannot be
 * answered (RFC 6157 section 5): no media would flow */
static void
test_address_family (void)
{
  const char *const codecs[] = { "PCMU", NULL };
  struct
  {
    const char *connection;
    gboolean    ok;
  } offers[] = {
    { "c=IN IP6 ::1\r\n", FALSE },
    { "c=IN IP4 127.0.0.1\r\n", TRUE },
    { "c=IN IP6 ::\r\n", TRUE }, /* hold (RFC 2543 style) */
  };
  Sockets s = { 0 };

  sockets_open (&s);
  for (guint i = 0; i < G_N_ELEMENTS (offers); i++)
    {
      g_autofree char *text
          = g_strconcat ("v=0\r\no=- 1 1 IN IP6 ::1\r\ns=-\r\n", offers[i].connection,
                         "t=0 0\r\nm=audio 4000 RTP/AVP 0\r\n", NULL);
      g_autoptr (GError) error = NULL;

      g_assert_cmpint (can_answer (&s, codecs, SIP_SIMPLE_SRTP_MODE_DISABLED, text, &error), ==,
                       offers[i].ok);
      if (offers[i].ok)
        g_assert_no_error (error);
      else
        {
          g_assert_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR,
                          SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE);
          g_assert_cmpstr (error->message, ==,
                           "Incompatible network address format: the audio media of the peer is "
                           "on ::1, ours on 127.0.0.1");
        }
    }
  sockets_close (&s);
}

static void
test_flow (void)
{
  struct
  {
    gboolean              hold;
    SipSimpleRtpDirection local, remote;
    gboolean              hold_address;
    SipSimpleRtpFlow      expect;
  } cases[] = {
    { FALSE,
      SIP_SIMPLE_RTP_SENDRECV,
      SIP_SIMPLE_RTP_SENDRECV,
      FALSE,
      { TRUE, TRUE, FALSE, FALSE } },
    { TRUE, SIP_SIMPLE_RTP_SENDONLY, SIP_SIMPLE_RTP_RECVONLY, FALSE, { TRUE, FALSE, TRUE, FALSE } },
    { FALSE,
      SIP_SIMPLE_RTP_RECVONLY,
      SIP_SIMPLE_RTP_SENDONLY,
      FALSE,
      { FALSE, TRUE, FALSE, TRUE } },
    { TRUE, SIP_SIMPLE_RTP_INACTIVE, SIP_SIMPLE_RTP_INACTIVE, FALSE, { FALSE, FALSE, TRUE, TRUE } },
    { FALSE, SIP_SIMPLE_RTP_SENDRECV, SIP_SIMPLE_RTP_SENDRECV, TRUE, { FALSE, TRUE, FALSE, TRUE } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SipSimpleRtpMediaConfig config = { .hold_requested = cases[i].hold };
      SipSimpleRtpMediaInfo   local = { .direction = cases[i].local };
      SipSimpleRtpMediaInfo   remote
          = { .direction = cases[i].remote, .hold_address = cases[i].hold_address };
      SipSimpleRtpFlow flow;

      sip_simple_rtp_media_get_flow (&config, &local, &remote, &flow);
      g_assert_cmpint (flow.send, ==, cases[i].expect.send);
      g_assert_cmpint (flow.receive, ==, cases[i].expect.receive);
      g_assert_cmpint (flow.held_by_local, ==, cases[i].expect.held_by_local);
      g_assert_cmpint (flow.held_by_remote, ==, cases[i].expect.held_by_remote);
    }
  g_assert_cmpstr (sip_simple_rtp_direction_to_string (SIP_SIMPLE_RTP_RECVONLY), ==, "recvonly");
}

int
main (int argc, char **argv)
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rtp-media/audio-offer", test_audio_offer);
  g_test_add_func ("/rtp-media/audio-answers", test_audio_answers);
  g_test_add_func ("/rtp-media/address-family", test_address_family);
  g_test_add_func ("/rtp-media/video-table", test_video_table);
  g_test_add_func ("/rtp-media/flow", test_flow);
  return g_test_run ();
}
