/* Unit tests for SipSimpleAudioStream: two streams in one process on
 * 127.0.0.1 negotiate directly (offer/answer by hand, through SDP text as
 * on the wire), play tones to each other and record what they hear; the
 * recordings are analysed (frequency, duration, silence).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/sipsimple.h>

#include "test-utils.h"

#include <glib/gstdio.h>
#include <string.h>

#define TONE_A 440.0
#define TONE_B 660.0
#define CALL_SECONDS 1.0
#define LATENCY 40 /* ms of jitter buffer: short calls, quick media */

static char *tmp_dir;

typedef struct
{
  SipSimpleAudioStream *stream;
  char                 *wav;
  gboolean              started;
  gboolean              ended;
  GError               *failed;
  gint64                started_at; /* monotonic, µs */
  GPtrArray            *dtmf;
  guint                 device_errors;
  GError               *device_error;
  SipSimpleAudioDirection device_direction;
} Peer;

typedef struct
{
  Peer           a;
  Peer           b;
  GstSDPMessage *offer;
  GstSDPMessage *answer;
} Call;

/* ---------------------------------------------------------------------- */

static void
on_started (SipSimpleMediaStream *stream, gpointer user_data)
{
  Peer *peer = user_data;

  peer->started = TRUE;
  peer->started_at = g_get_monotonic_time ();
}

static void
on_failed (SipSimpleMediaStream *stream, const GError *error, gpointer user_data)
{
  Peer *peer = user_data;

  g_test_message ("stream failed: %s", error->message);
  g_clear_error (&peer->failed);
  peer->failed = g_error_copy (error);
}

static void
on_ended (SipSimpleMediaStream *stream, gpointer user_data)
{
  ((Peer *) user_data)->ended = TRUE;
}

static void
on_dtmf (SipSimpleAudioStream *stream, const char *digit, gpointer user_data)
{
  g_ptr_array_add (((Peer *) user_data)->dtmf, g_strdup (digit));
}

static void
on_device_error (SipSimpleAudioStream *stream, const GError *error,
                 SipSimpleAudioDirection direction, gpointer user_data)
{
  Peer *peer = user_data;

  g_test_message ("device error (%s): %s",
                  direction == SIP_SIMPLE_AUDIO_DIRECTION_INPUT ? "input" : "output",
                  error->message);
  peer->device_errors++;
  peer->device_direction = direction;
  g_clear_error (&peer->device_error);
  peer->device_error = g_error_copy (error);
}

static void
peer_setup (Peer *peer, const char *name, const char *codec, SipSimpleSrtpMode srtp, gboolean ice,
            const char *input)
{
  const char *codecs[] = { codec, NULL };
  g_autofree char *output = NULL;

  peer->wav = g_strdup_printf ("%s/%s.wav", tmp_dir, name);
  g_remove (peer->wav);
  output = g_strdup_printf ("file:%s", peer->wav);
  peer->stream = sip_simple_audio_stream_new ();
  peer->dtmf = g_ptr_array_new_with_free_func (g_free);
  g_object_set (peer->stream, "srtp", srtp, "ice", ice, "input", input, "output", output,
                "jitter-buffer-latency", LATENCY, NULL);
  if (codec != NULL)
    sip_simple_audio_stream_set_codecs (peer->stream, codecs);
  g_signal_connect (peer->stream, "started", G_CALLBACK (on_started), peer);
  g_signal_connect (peer->stream, "failed", G_CALLBACK (on_failed), peer);
  g_signal_connect (peer->stream, "ended", G_CALLBACK (on_ended), peer);
  g_signal_connect (peer->stream, "dtmf-received", G_CALLBACK (on_dtmf), peer);
  g_signal_connect (peer->stream, "device-error", G_CALLBACK (on_device_error), peer);
}

static void
peer_clear (Peer *peer)
{
  if (peer->stream != NULL)
    {
      sip_simple_media_stream_end (SIP_SIMPLE_MEDIA_STREAM (peer->stream));
      g_assert_true (peer->ended);
      g_clear_object (&peer->stream);
    }
  if (peer->wav != NULL)
    g_remove (peer->wav);
  g_clear_pointer (&peer->wav, g_free);
  g_clear_pointer (&peer->dtmf, g_ptr_array_unref);
  g_clear_error (&peer->failed);
  g_clear_error (&peer->device_error);
}

static void
call_clear (Call *call)
{
  peer_clear (&call->a);
  peer_clear (&call->b);
  g_clear_pointer (&call->offer, gst_sdp_message_free);
  g_clear_pointer (&call->answer, gst_sdp_message_free);
}

static const char *local_address = "127.0.0.1";

static void
initialize (SipSimpleAudioStream *stream)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  sip_simple_media_stream_initialize_async (SIP_SIMPLE_MEDIA_STREAM (stream), local_address, NULL,
                                            test_store_result, &result);
  g_assert_nonnull (test_wait_for_result (&result, 5000));
  g_assert_true (sip_simple_media_stream_initialize_finish (SIP_SIMPLE_MEDIA_STREAM (stream),
                                                            result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sip_simple_media_stream_get_state (SIP_SIMPLE_MEDIA_STREAM (stream)), ==,
                   SIP_SIMPLE_MEDIA_STREAM_STATE_INITIALIZED);
  g_assert_cmpuint (sip_simple_audio_stream_get_local_port (stream), >, 0);
}

/* What the session writes around the m-lines. */
static GstSDPMessage *
new_sdp (void)
{
  GstSDPMessage *sdp;

  gst_sdp_message_new (&sdp);
  gst_sdp_message_set_version (sdp, "0");
  gst_sdp_message_set_origin (sdp, "-", "1", "1", "IN", "IP4", "127.0.0.1");
  gst_sdp_message_set_session_name (sdp, "-");
  gst_sdp_message_set_connection (sdp, "IN", "IP4", "127.0.0.1", 0, 0);
  gst_sdp_message_add_time (sdp, "0", "0", NULL);
  return sdp;
}

static GstSDPMessage *
parse_sdp (const char *text)
{
  GstSDPMessage *sdp;

  gst_sdp_message_new (&sdp);
  g_assert_cmpint (gst_sdp_message_parse_buffer ((const guint8 *) text, strlen (text), sdp), ==,
                   GST_SDP_OK);
  return sdp;
}

/* Through text and back, as it would travel. */
static GstSDPMessage *
wire (GstSDPMessage *sdp)
{
  g_autofree char *text = gst_sdp_message_as_text (sdp);
  GstSDPMessage *copy = parse_sdp (text);

  g_test_message ("SDP:\n%s", text);
  gst_sdp_message_free (sdp);
  return copy;
}

static const char *
media_attr (const GstSDPMessage *sdp, const char *key)
{
  return gst_sdp_media_get_attribute_val (gst_sdp_message_get_media (sdp, 0), key);
}

static GstSDPMessage *
make_offer (Peer *offerer)
{
  g_autoptr (GError) error = NULL;
  GstSDPMessage *offer = new_sdp ();

  g_assert_true (sip_simple_media_stream_add_local_media (SIP_SIMPLE_MEDIA_STREAM (offerer->stream),
                                                          offer, NULL, 0, &error));
  g_assert_no_error (error);
  return wire (offer);
}

static GstSDPMessage *
make_answer (Peer *answerer, const GstSDPMessage *offer, GError **error)
{
  GstSDPMessage *answer = new_sdp ();

  if (!sip_simple_media_stream_add_local_media (SIP_SIMPLE_MEDIA_STREAM (answerer->stream), answer,
                                                offer, 0, error))
    {
      g_assert_cmpuint (gst_sdp_message_medias_len (answer), ==, 0);
      gst_sdp_message_free (answer);
      return NULL;
    }
  return wire (answer);
}

static void
start_call (Call *call)
{
  g_autoptr (GError) error = NULL;

  initialize (call->a.stream);
  initialize (call->b.stream);
  call->offer = make_offer (&call->a);
  call->answer = make_answer (&call->b, call->offer, &error);
  g_assert_no_error (error);
  g_assert_true (sip_simple_media_stream_start (SIP_SIMPLE_MEDIA_STREAM (call->b.stream),
                                                call->answer, call->offer, 0, &error));
  g_assert_no_error (error);
  g_assert_true (sip_simple_media_stream_start (SIP_SIMPLE_MEDIA_STREAM (call->a.stream),
                                                call->offer, call->answer, 0, &error));
  g_assert_no_error (error);
  g_assert_true (test_wait_for_flag (&call->a.started, 5000));
  g_assert_true (test_wait_for_flag (&call->b.started, 5000));
  g_assert_null (call->a.failed);
  g_assert_null (call->b.failed);
}

static void
run_for (double seconds)
{
  gboolean never = FALSE;

  test_wait_for_flag (&never, (guint) (seconds * 1000));
}

/* Seconds since @peer's media started (its recording starts about then). */
static double
elapsed (Peer *peer)
{
  return (g_get_monotonic_time () - peer->started_at) / 1e6;
}

static void
load_recording (Peer *peer, TestWav *wav)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (test_wav_load (peer->wav, wav, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wav->rate, ==, 48000);
}

/* @peer's recording has @freq from its first appearance (within the
 * first second, however slow the machine is to start the media) to the
 * end, for at least 80% of that time and of @seconds. */
static void
assert_heard (Peer *peer, double freq, double seconds)
{
  TestWav wav;
  double heard, active, dominant, onset, length;

  load_recording (peer, &wav);
  length = (double) wav.n_samples / wav.rate;
  onset = test_audio_tone_onset (&wav, freq);
  dominant = test_audio_dominant_frequency (&wav, MAX (onset, 0), -1);
  heard = test_audio_tone_duration (&wav, freq, 0, -1);
  active = test_audio_active_duration (&wav, 0, -1);
  g_test_message ("%s: %.2f s recorded, %.2f s active, %.2f s of %.0f Hz from %.2f s, "
                  "dominant %.1f Hz",
                  peer->wav, length, active, heard, freq, onset, dominant);
  g_assert_cmpfloat (onset, >=, 0);
  g_assert_cmpfloat (onset, <=, 1.0);
  g_assert_cmpfloat_with_epsilon (dominant, freq, 3.0);
  g_assert_cmpfloat (heard, >=, 0.8 * MIN (seconds, length - onset));
  g_assert_cmpfloat (active, >=, heard);
  test_wav_clear (&wav);
}

/* ---------------------------------------------------------------------- */

static void
test_available_codecs (void)
{
  g_auto (GStrv) codecs = sip_simple_audio_stream_get_available_codecs ();

  g_assert_true (g_strv_contains ((const char *const *) codecs, "opus"));
  g_assert_true (g_strv_contains ((const char *const *) codecs, "PCMU"));
  g_assert_true (g_strv_contains ((const char *const *) codecs, "PCMA"));
  if (!g_strv_contains ((const char *const *) codecs, "G722"))
    g_test_message ("G.722 is not available (gstreamer1.0-libav missing)");
}

static void
test_defaults (void)
{
  g_autoptr (SipSimpleAudioStream) stream = sip_simple_audio_stream_new ();
  const char *const *codecs = sip_simple_audio_stream_get_codecs (stream);
  const char *custom[] = { "pcma", "OPUS", NULL };

  g_assert_cmpstr (sip_simple_media_stream_get_media_type (SIP_SIMPLE_MEDIA_STREAM (stream)), ==,
                   "audio");
  g_assert_cmpstr (codecs[0], ==, "opus");
  g_assert_cmpuint (g_strv_length ((char **) codecs), ==, 4);
  g_assert_cmpint (sip_simple_audio_stream_get_srtp (stream), ==, SIP_SIMPLE_SRTP_MODE_OPTIONAL);
  g_assert_false (sip_simple_audio_stream_get_ice (stream));
  g_assert_cmpstr (sip_simple_audio_stream_get_input (stream), ==, "auto");
  g_assert_cmpstr (sip_simple_audio_stream_get_output (stream), ==, "auto");
  g_assert_null (sip_simple_audio_stream_get_codec (stream));
  g_assert_cmpuint (sip_simple_audio_stream_get_sample_rate (stream), ==, 0);
  sip_simple_audio_stream_set_codecs (stream, custom);
  codecs = sip_simple_audio_stream_get_codecs (stream);
  g_assert_cmpstr (codecs[0], ==, "PCMA");
  g_assert_cmpstr (codecs[1], ==, "opus");
  g_assert_null (codecs[2]);
}

typedef struct
{
  const char       *codec;
  SipSimpleSrtpMode srtp;
  gboolean          ice;
} CallCase;

/* A plays 440 Hz, B 660 Hz; each records the other. */
static void
test_call (gconstpointer data)
{
  const CallCase *c = data;
  Call call = { 0 };
  g_autofree char *a_name = g_strdup_printf ("a-%s", c->codec);
  g_autofree char *b_name = g_strdup_printf ("b-%s", c->codec);
  g_auto (GStrv) available = sip_simple_audio_stream_get_available_codecs ();
  guint rate;

  if (!g_strv_contains ((const char *const *) available, c->codec))
    {
      g_test_skip ("codec not installed");
      return;
    }
  peer_setup (&call.a, a_name, c->codec, c->srtp, c->ice, "tone:440");
  peer_setup (&call.b, b_name, c->codec, c->srtp, c->ice, "tone:660");
  start_call (&call);

  /* what the offer says */
  if (c->srtp == SIP_SIMPLE_SRTP_MODE_MANDATORY)
    g_assert_cmpstr (gst_sdp_media_get_proto (gst_sdp_message_get_media (call.offer, 0)), ==,
                     "RTP/SAVP");
  g_assert_cmpint (c->srtp != SIP_SIMPLE_SRTP_MODE_DISABLED, ==,
                   media_attr (call.offer, "crypto") != NULL);
  g_assert_cmpint (c->ice, ==, media_attr (call.offer, "ice-ufrag") != NULL);
  g_assert_cmpint (c->ice, ==, media_attr (call.answer, "candidate") != NULL);

  /* what both sides negotiated */
  rate = g_str_equal (c->codec, "opus") ? 48000 : g_str_equal (c->codec, "G722") ? 16000 : 8000;
  for (Peer *p = &call.a; p != NULL; p = p == &call.a ? &call.b : NULL)
    {
      g_assert_cmpstr (sip_simple_audio_stream_get_codec (p->stream), ==, c->codec);
      g_assert_cmpuint (sip_simple_audio_stream_get_sample_rate (p->stream), ==, rate);
      g_assert_cmpint (sip_simple_audio_stream_get_srtp_active (p->stream), ==,
                       c->srtp != SIP_SIMPLE_SRTP_MODE_DISABLED);
      g_assert_true (g_str_has_prefix (sip_simple_audio_stream_get_remote_address (p->stream),
                                       "127.0.0.1:"));
      g_assert_cmpint (sip_simple_media_stream_get_state (SIP_SIMPLE_MEDIA_STREAM (p->stream)), ==,
                       SIP_SIMPLE_MEDIA_STREAM_STATE_RUNNING);
    }

  run_for (CALL_SECONDS);
  sip_simple_media_stream_deactivate (SIP_SIMPLE_MEDIA_STREAM (call.a.stream));
  sip_simple_media_stream_deactivate (SIP_SIMPLE_MEDIA_STREAM (call.b.stream));
  g_assert_null (call.a.failed);
  g_assert_null (call.b.failed);
  /* the first packets need the jitter buffer's latency to come out */
  assert_heard (&call.b, TONE_A, CALL_SECONDS - 0.15);
  assert_heard (&call.a, TONE_B, CALL_SECONDS - 0.15);
  call_clear (&call);
}

static void
add_call_cases (void)
{
  static const char *codecs[] = { "opus", "G722", "PCMU", "PCMA" };
  static const SipSimpleSrtpMode modes[] = { SIP_SIMPLE_SRTP_MODE_DISABLED,
                                             SIP_SIMPLE_SRTP_MODE_MANDATORY };

  for (guint c = 0; c < G_N_ELEMENTS (codecs); c++)
    for (guint s = 0; s < G_N_ELEMENTS (modes); s++)
      for (guint i = 0; i < 2; i++)
        {
          CallCase *cc = g_new0 (CallCase, 1);
          g_autofree char *path = NULL;

          cc->codec = codecs[c];
          cc->srtp = modes[s];
          cc->ice = i;
          path = g_strdup_printf ("/audio-stream/call/%s/%s/%s", codecs[c],
                                  modes[s] ? "srtp" : "rtp", i ? "ice" : "udp");
          g_test_add_data_func_full (path, cc, test_call, g_free);
        }
}

/* An offer with opus and PCMU to a peer preferring PCMU: the answerer's
 * order wins, and the offerer follows the answer. */
static void
test_answerer_preference (void)
{
  Call call = { 0 };
  const char *a_codecs[] = { "opus", "PCMU", NULL };
  const char *b_codecs[] = { "PCMA", "PCMU", "opus", NULL };

  peer_setup (&call.a, "pref-a", NULL, SIP_SIMPLE_SRTP_MODE_DISABLED, FALSE, "tone:440");
  peer_setup (&call.b, "pref-b", NULL, SIP_SIMPLE_SRTP_MODE_DISABLED, FALSE, "tone:660");
  sip_simple_audio_stream_set_codecs (call.a.stream, a_codecs);
  sip_simple_audio_stream_set_codecs (call.b.stream, b_codecs);
  start_call (&call);
  g_assert_cmpstr (sip_simple_audio_stream_get_codec (call.a.stream), ==, "PCMU");
  g_assert_cmpstr (sip_simple_audio_stream_get_codec (call.b.stream), ==, "PCMU");
  /* the answer lists the codec and telephone-event only, with the offer's numbers */
  g_assert_cmpuint (gst_sdp_media_formats_len (gst_sdp_message_get_media (call.answer, 0)), ==, 2);
  g_assert_cmpstr (gst_sdp_media_get_format (gst_sdp_message_get_media (call.answer, 0), 0), ==,
                   "0");
  g_assert_cmpstr (gst_sdp_media_get_format (gst_sdp_message_get_media (call.answer, 0), 1), ==,
                   "101");
  call_clear (&call);
}

/* ICE on one side only: the ICE side talks to the plain one's m=/c=. */
static void
test_ice_to_plain (void)
{
  Call call = { 0 };

  peer_setup (&call.a, "ice-a", "PCMU", SIP_SIMPLE_SRTP_MODE_DISABLED, TRUE, "tone:440");
  peer_setup (&call.b, "ice-b", "PCMU", SIP_SIMPLE_SRTP_MODE_DISABLED, FALSE, "tone:660");
  start_call (&call);
  g_assert_null (media_attr (call.answer, "ice-ufrag"));
  run_for (CALL_SECONDS);
  sip_simple_media_stream_deactivate (SIP_SIMPLE_MEDIA_STREAM (call.a.stream));
  sip_simple_media_stream_deactivate (SIP_SIMPLE_MEDIA_STREAM (call.b.stream));
  assert_heard (&call.b, TONE_A, CALL_SECONDS - 0.15);
  assert_heard (&call.a, TONE_B, CALL_SECONDS - 0.15);
  call_clear (&call);
}

/* Best-effort SRTP meets a peer without it: plain RTP. */
static void
test_srtp_optional_to_plain (void)
{
  Call call = { 0 };

  peer_setup (&call.a, "opt-a", "PCMA", SIP_SIMPLE_SRTP_MODE_OPTIONAL, FALSE, "tone:440");
  peer_setup (&call.b, "opt-b", "PCMA", SIP_SIMPLE_SRTP_MODE_DISABLED, FALSE, "tone:660");
  start_call (&call);
  g_assert_cmpstr (gst_sdp_media_get_proto (gst_sdp_message_get_media (call.offer, 0)), ==,
                   "RTP/AVP");
  g_assert_nonnull (media_attr (call.offer, "crypto"));
  g_assert_null (media_attr (call.answer, "crypto"));
  g_assert_false (sip_simple_audio_stream_get_srtp_active (call.a.stream));
  g_assert_false (sip_simple_audio_stream_get_srtp_active (call.b.stream));
  run_for (0.6);
  sip_simple_media_stream_deactivate (SIP_SIMPLE_MEDIA_STREAM (call.b.stream));
  assert_heard (&call.b, TONE_A, 0.4);
  call_clear (&call);
}

/* An offer with only the 32-bit tag suite: both directions encrypt with
 * it. */
static void
test_srtp_sha1_32 (void)
{
  Call call = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GRegex) re = g_regex_new ("a=crypto:1 [^\r]*\r\n", 0, 0, NULL);
  g_autofree char *text = NULL;
  g_autofree char *stripped = NULL;

  peer_setup (&call.a, "s32-a", "PCMA", SIP_SIMPLE_SRTP_MODE_MANDATORY, FALSE, "tone:440");
  peer_setup (&call.b, "s32-b", "PCMA", SIP_SIMPLE_SRTP_MODE_MANDATORY, FALSE, "tone:660");
  initialize (call.a.stream);
  initialize (call.b.stream);
  call.offer = make_offer (&call.a);
  text = gst_sdp_message_as_text (call.offer);
  stripped = g_regex_replace_literal (re, text, -1, 0, "", 0, NULL);
  g_clear_pointer (&call.offer, gst_sdp_message_free);
  call.offer = parse_sdp (stripped);
  call.answer = make_answer (&call.b, call.offer, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (media_attr (call.answer, "crypto"), "2 AES_CM_128_HMAC_SHA1_32 "));
  g_assert_true (sip_simple_media_stream_start (SIP_SIMPLE_MEDIA_STREAM (call.b.stream),
                                                call.answer, call.offer, 0, &error));
  g_assert_true (sip_simple_media_stream_start (SIP_SIMPLE_MEDIA_STREAM (call.a.stream),
                                                call.offer, call.answer, 0, &error));
  g_assert_no_error (error);
  g_assert_true (test_wait_for_flag (&call.a.started, 5000));
  g_assert_true (test_wait_for_flag (&call.b.started, 5000));
  run_for (0.6);
  sip_simple_media_stream_deactivate (SIP_SIMPLE_MEDIA_STREAM (call.a.stream));
  sip_simple_media_stream_deactivate (SIP_SIMPLE_MEDIA_STREAM (call.b.stream));
  assert_heard (&call.b, TONE_A, 0.45);
  assert_heard (&call.a, TONE_B, 0.45);
  call_clear (&call);
}

/* Media on ::1, plain and with ICE. */
static void
test_ipv6 (gconstpointer data)
{
  gboolean ice = GPOINTER_TO_INT (data);
  Call call = { 0 };
  g_autoptr (GSocket) probe = g_socket_new (G_SOCKET_FAMILY_IPV6, G_SOCKET_TYPE_DATAGRAM,
                                            G_SOCKET_PROTOCOL_UDP, NULL);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV6);
  g_autoptr (GSocketAddress) where = g_inet_socket_address_new (loopback, 0);
  g_autofree char *text = NULL;

  if (probe == NULL || !g_socket_bind (probe, where, FALSE, NULL))
    {
      g_test_skip ("no IPv6 loopback");
      return;
    }
  local_address = "::1";
  peer_setup (&call.a, "v6-a", "opus", SIP_SIMPLE_SRTP_MODE_DISABLED, ice, "tone:440");
  peer_setup (&call.b, "v6-b", "opus", SIP_SIMPLE_SRTP_MODE_DISABLED, ice, "tone:660");
  start_call (&call);
  local_address = "127.0.0.1";
  text = gst_sdp_message_as_text (call.offer);
  g_assert_nonnull (strstr (text, "c=IN IP6 ::1"));
  g_assert_true (g_str_has_prefix (sip_simple_audio_stream_get_remote_address (call.a.stream),
                                   "[::1]:"));
  run_for (0.6);
  sip_simple_media_stream_deactivate (SIP_SIMPLE_MEDIA_STREAM (call.a.stream));
  sip_simple_media_stream_deactivate (SIP_SIMPLE_MEDIA_STREAM (call.b.stream));
  assert_heard (&call.b, TONE_A, 0.45);
  assert_heard (&call.a, TONE_B, 0.45);
  call_clear (&call);
}

/* Bound to every interface, the stream still names a real address in c=
 * (0.0.0.0 would mean hold). No media: only loopback may be used here. */
static void
test_any_address (void)
{
  Peer peer = { 0 };
  g_autoptr (GstSDPMessage) offer = NULL;
  const GstSDPConnection *conn;

  peer_setup (&peer, "any", "PCMU", SIP_SIMPLE_SRTP_MODE_DISABLED, FALSE, "silence");
  local_address = "0.0.0.0";
  initialize (peer.stream);
  local_address = "127.0.0.1";
  offer = make_offer (&peer);
  conn = gst_sdp_media_get_connection (gst_sdp_message_get_media (offer, 0), 0);
  g_test_message ("c=%s %s %s", conn->nettype, conn->addrtype, conn->address);
  g_assert_cmpstr (conn->addrtype, ==, "IP4");
  g_assert_cmpstr (conn->address, !=, "0.0.0.0");
  g_assert_cmpuint (gst_sdp_media_get_port (gst_sdp_message_get_media (offer, 0)), ==,
                    sip_simple_audio_stream_get_local_port (peer.stream));
  peer_clear (&peer);
}

/* SRTP mandatory against an offer without keys, and the reverse. */
static void
test_srtp_mandatory_refuses_plain (void)
{
  Call call = { 0 };
  g_autoptr (GError) error = NULL;
  GstSDPMessage *answer;

  peer_setup (&call.a, "mand-a", "PCMU", SIP_SIMPLE_SRTP_MODE_DISABLED, FALSE, "silence");
  peer_setup (&call.b, "mand-b", "PCMU", SIP_SIMPLE_SRTP_MODE_MANDATORY, FALSE, "silence");
  initialize (call.a.stream);
  initialize (call.b.stream);
  call.offer = make_offer (&call.a);
  answer = make_answer (&call.b, call.offer, &error);
  g_assert_null (answer);
  g_assert_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE);
  g_clear_error (&error);
  g_clear_pointer (&call.offer, gst_sdp_message_free);

  /* RTP/SAVP offered to a peer without SRTP */
  call.offer = make_offer (&call.b);
  g_assert_cmpstr (gst_sdp_media_get_proto (gst_sdp_message_get_media (call.offer, 0)), ==,
                   "RTP/SAVP");
  answer = make_answer (&call.a, call.offer, &error);
  g_assert_null (answer);
  g_assert_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE);
  call_clear (&call);
}

static void
test_dtmf (void)
{
  Call call = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) got = g_string_new (NULL);
  g_autofree char *answer_text = NULL;

  peer_setup (&call.a, "dtmf-a", "opus", SIP_SIMPLE_SRTP_MODE_DISABLED, FALSE, "silence");
  peer_setup (&call.b, "dtmf-b", "opus", SIP_SIMPLE_SRTP_MODE_DISABLED, FALSE, "silence");
  start_call (&call);
  answer_text = gst_sdp_message_as_text (call.answer);
  g_assert_nonnull (strstr (answer_text, "telephone-event/48000"));

  g_assert_false (sip_simple_audio_stream_send_dtmf (call.a.stream, "1x", 100, &error));
  g_assert_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_true (sip_simple_audio_stream_send_dtmf (call.a.stream, "1#9", 100, &error));
  g_assert_no_error (error);
  g_assert_true (sip_simple_audio_stream_send_dtmf (call.a.stream, "D", 100, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 40 && call.b.dtmf->len < 4; i++)
    run_for (0.1);
  for (guint i = 0; i < call.b.dtmf->len; i++)
    g_string_append (got, g_ptr_array_index (call.b.dtmf, i));
  g_assert_cmpstr (got->str, ==, "1#9D");
  g_assert_cmpuint (call.a.dtmf->len, ==, 0);
  call_clear (&call);
}

/* A peer that does not take telephone-event: send_dtmf says so. */
static void
test_dtmf_unsupported (void)
{
  Call call = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *answer_text = NULL;

  peer_setup (&call.a, "nodtmf-a", "PCMU", SIP_SIMPLE_SRTP_MODE_DISABLED, FALSE, "silence");
  peer_setup (&call.b, "nodtmf-b", "PCMU", SIP_SIMPLE_SRTP_MODE_DISABLED, FALSE, "silence");
  initialize (call.a.stream);
  initialize (call.b.stream);
  text = gst_sdp_message_as_text ((call.offer = make_offer (&call.a)));
  /* an offer without telephone-event */
  {
    g_autoptr (GRegex) re = g_regex_new ("a=(rtpmap|fmtp):101[^\r]*\r\n", 0, 0, NULL);
    stripped = g_regex_replace_literal (re, text, -1, 0, "", 0, NULL);
    g_clear_pointer (&call.offer, gst_sdp_message_free);
    call.offer = parse_sdp (stripped);
    gst_sdp_media_remove_format ((GstSDPMedia *) gst_sdp_message_get_media (call.offer, 0), 1);
  }
  call.answer = make_answer (&call.b, call.offer, &error);
  g_assert_no_error (error);
  answer_text = gst_sdp_message_as_text (call.answer);
  g_assert_null (strstr (answer_text, "telephone-event"));
  g_assert_true (sip_simple_media_stream_start (SIP_SIMPLE_MEDIA_STREAM (call.b.stream),
                                                call.answer, call.offer, 0, &error));
  g_assert_true (test_wait_for_flag (&call.b.started, 5000));
  g_assert_false (sip_simple_audio_stream_send_dtmf (call.b.stream, "1", 100, &error));
  g_assert_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE);
  call_clear (&call);
}

/* One re-INVITE: @offerer offers, @answerer answers, both update. */
static void
renegotiate (Peer *offerer, Peer *answerer, const char *expect_offer, const char *expect_answer)
{
  g_autoptr (GError) error = NULL;
  GstSDPMessage *offer = make_offer (offerer);
  GstSDPMessage *answer;

  g_assert_nonnull (media_attr (offer, expect_offer));
  g_assert_true (sip_simple_media_stream_validate_update (
    SIP_SIMPLE_MEDIA_STREAM (answerer->stream), offer, 0, &error));
  g_assert_no_error (error);
  answer = make_answer (answerer, offer, &error);
  g_assert_no_error (error);
  g_assert_nonnull (media_attr (answer, expect_answer));
  g_assert_true (sip_simple_media_stream_update (SIP_SIMPLE_MEDIA_STREAM (answerer->stream),
                                                 answer, offer, 0, &error));
  g_assert_no_error (error);
  g_assert_true (sip_simple_media_stream_update (SIP_SIMPLE_MEDIA_STREAM (offerer->stream), offer,
                                                 answer, 0, &error));
  g_assert_no_error (error);
  gst_sdp_message_free (offer);
  gst_sdp_message_free (answer);
}

/* A holds B for a while: B hears A's tone, then silence, then the tone. */
static void
test_hold (void)
{
  Call call = { 0 };
  double onset, hold_at, unhold_at, end_at;
  TestWav wav;

  peer_setup (&call.a, "hold-a", "opus", SIP_SIMPLE_SRTP_MODE_DISABLED, FALSE, "tone:440");
  peer_setup (&call.b, "hold-b", "opus", SIP_SIMPLE_SRTP_MODE_DISABLED, FALSE, "tone:660");
  start_call (&call);
  run_for (0.8);

  sip_simple_media_stream_hold (SIP_SIMPLE_MEDIA_STREAM (call.a.stream));
  hold_at = elapsed (&call.b);
  renegotiate (&call.a, &call.b, "sendonly", "recvonly");
  g_assert_true (sip_simple_media_stream_get_on_hold (SIP_SIMPLE_MEDIA_STREAM (call.a.stream)));
  g_assert_true (sip_simple_media_stream_get_on_hold (SIP_SIMPLE_MEDIA_STREAM (call.b.stream)));
  {
    gboolean local, remote;
    g_object_get (call.a.stream, "on-hold-by-local", &local, "on-hold-by-remote", &remote, NULL);
    g_assert_true (local);
    g_assert_false (remote);
    g_object_get (call.b.stream, "on-hold-by-local", &local, "on-hold-by-remote", &remote, NULL);
    g_assert_false (local);
    g_assert_true (remote);
  }
  /* B on hold sends nothing, so no DTMF either */
  {
    g_autoptr (GError) error = NULL;
    g_assert_false (sip_simple_audio_stream_send_dtmf (call.b.stream, "1", 100, &error));
    g_assert_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_STATE);
  }
  run_for (1.0);

  sip_simple_media_stream_unhold (SIP_SIMPLE_MEDIA_STREAM (call.a.stream));
  unhold_at = elapsed (&call.b);
  renegotiate (&call.a, &call.b, "sendrecv", "sendrecv");
  g_assert_false (sip_simple_media_stream_get_on_hold (SIP_SIMPLE_MEDIA_STREAM (call.a.stream)));
  g_assert_false (sip_simple_media_stream_get_on_hold (SIP_SIMPLE_MEDIA_STREAM (call.b.stream)));
  run_for (0.8);
  end_at = elapsed (&call.b);
  sip_simple_media_stream_deactivate (SIP_SIMPLE_MEDIA_STREAM (call.b.stream));

  load_recording (&call.b, &wav);
  /* measured from the first tone, whenever the media got going */
  onset = test_audio_tone_onset (&wav, TONE_A);
  g_test_message ("tone from %.2f s, hold at %.2f s, unhold at %.2f s, end at %.2f s; "
                  "tone %.2f / active %.2f / tone %.2f s",
                  onset, hold_at, unhold_at, end_at,
                  test_audio_tone_duration (&wav, TONE_A, onset, hold_at),
                  test_audio_active_duration (&wav, hold_at + 0.25, unhold_at),
                  test_audio_tone_duration (&wav, TONE_A, unhold_at + 0.25, end_at));
  g_assert_cmpfloat (onset, >=, 0);
  g_assert_cmpfloat (onset, <, 0.5);
  g_assert_cmpfloat (test_audio_tone_duration (&wav, TONE_A, onset, hold_at), >=,
                     0.8 * (hold_at - onset));
  /* silence while held (the jitter buffer drains first) */
  g_assert_cmpfloat (test_audio_active_duration (&wav, hold_at + 0.25, unhold_at), <=, 0.06);
  g_assert_cmpfloat (test_audio_tone_duration (&wav, TONE_A, unhold_at + 0.25, end_at), >=,
                     0.8 * (end_at - unhold_at - 0.25));
  test_wav_clear (&wav);
  call_clear (&call);
}

/* A re-INVITE that changes the codec (and the SRTP keys with it): the RTP
 * part is rebuilt while input and recording go on. */
static void
test_codec_change (void)
{
  Call call = { 0 };
  const char *pcmu[] = { "PCMU", NULL };
  double switch_at, end_at;
  TestWav wav;

  peer_setup (&call.a, "switch-a", "opus", SIP_SIMPLE_SRTP_MODE_MANDATORY, FALSE, "tone:440");
  peer_setup (&call.b, "switch-b", NULL, SIP_SIMPLE_SRTP_MODE_MANDATORY, FALSE, "tone:660");
  start_call (&call);
  g_assert_cmpstr (sip_simple_audio_stream_get_codec (call.b.stream), ==, "opus");
  run_for (0.6);

  sip_simple_audio_stream_set_codecs (call.a.stream, pcmu);
  switch_at = elapsed (&call.b);
  renegotiate (&call.a, &call.b, "rtpmap", "rtpmap");
  g_assert_cmpstr (sip_simple_audio_stream_get_codec (call.a.stream), ==, "PCMU");
  g_assert_cmpstr (sip_simple_audio_stream_get_codec (call.b.stream), ==, "PCMU");
  g_assert_cmpuint (sip_simple_audio_stream_get_sample_rate (call.b.stream), ==, 8000);
  run_for (0.8);
  end_at = elapsed (&call.b);
  sip_simple_media_stream_deactivate (SIP_SIMPLE_MEDIA_STREAM (call.b.stream));
  g_assert_null (call.a.failed);
  g_assert_null (call.b.failed);

  /* one recording across both codecs, the tone on both sides of the switch */
  load_recording (&call.b, &wav);
  g_test_message ("switch at %.2f s, end at %.2f s: tone %.2f s before, %.2f s after", switch_at,
                  end_at, test_audio_tone_duration (&wav, TONE_A, 0, switch_at),
                  test_audio_tone_duration (&wav, TONE_A, switch_at + 0.2, end_at));
  g_assert_cmpfloat (test_audio_tone_duration (&wav, TONE_A, 0, switch_at), >=, 0.3);
  g_assert_cmpfloat (test_audio_tone_duration (&wav, TONE_A, switch_at + 0.2, end_at), >=,
                     0.8 * (end_at - switch_at - 0.2));
  test_wav_clear (&wav);
  call_clear (&call);
}

static void
test_statistics (void)
{
  Call call = { 0 };
  g_autoptr (SipSimpleAudioStatistics) before = NULL;
  g_autoptr (SipSimpleAudioStatistics) a = NULL;
  g_autoptr (SipSimpleAudioStatistics) b = NULL;

  peer_setup (&call.a, "stats-a", "PCMU", SIP_SIMPLE_SRTP_MODE_DISABLED, FALSE, "tone:440");
  peer_setup (&call.b, "stats-b", "PCMU", SIP_SIMPLE_SRTP_MODE_DISABLED, FALSE, "tone:660");
  before = sip_simple_audio_stream_get_statistics (call.a.stream);
  g_assert_cmpuint (before->packets_sent, ==, 0);
  start_call (&call);
  /* RTCP goes out about once a second: wait for an RTT */
  for (guint i = 0; i < 40; i++)
    {
      g_clear_pointer (&a, sip_simple_audio_statistics_free);
      a = sip_simple_audio_stream_get_statistics (call.a.stream);
      if (a->rtt > 0 && i >= 10)
        break;
      run_for (0.1);
    }
  b = sip_simple_audio_stream_get_statistics (call.b.stream);
  g_test_message ("A: sent %" G_GUINT64_FORMAT ", received %" G_GUINT64_FORMAT
                  ", lost %" G_GUINT64_FORMAT ", jitter %.2f ms, rtt %.2f ms",
                  a->packets_sent, a->packets_received, a->packets_lost, a->jitter, a->rtt);
  g_assert_cmpuint (a->packets_sent, >, 25);
  g_assert_cmpuint (a->packets_received, >, 25);
  g_assert_cmpuint (a->octets_sent, >=, a->packets_sent * 160);
  g_assert_cmpuint (b->packets_sent, >, 25);
  g_assert_cmpuint (b->packets_received, >, 25);
  g_assert_cmpuint (a->packets_lost, ==, 0);
  g_assert_cmpfloat (a->jitter, >=, 0);
  g_assert_cmpfloat (a->rtt, >, 0);
  g_assert_cmpfloat (a->rtt, <, 200);
  call_clear (&call);
}

/* A plays a WAV file (in a loop), B a user-provided source element. */
static void
test_file_and_element_inputs (void)
{
  Call call = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "input-500.wav", NULL);
  g_autofree char *input = g_strdup_printf ("file:%s", path);
  GstElement *source;

  /* 0.3 s at 16 kHz, so it loops three times */
  g_assert_true (test_wav_write_tone (path, 16000, 500, 0.3, &error));
  g_assert_no_error (error);
  peer_setup (&call.a, "file-a", "G722", SIP_SIMPLE_SRTP_MODE_DISABLED, FALSE, input);
  peer_setup (&call.b, "file-b", "G722", SIP_SIMPLE_SRTP_MODE_DISABLED, FALSE, "none");
  source = gst_element_factory_make ("audiotestsrc", NULL);
  g_object_set (source, "is-live", TRUE, "freq", 880.0, "volume", 0.3, NULL);
  sip_simple_audio_stream_set_input_element (call.b.stream, source);
  g_assert_true (sip_simple_audio_stream_get_input_element (call.b.stream) == source);
  start_call (&call);
  g_assert_null (sip_simple_audio_stream_get_input_element (call.b.stream));
  run_for (CALL_SECONDS);
  sip_simple_media_stream_deactivate (SIP_SIMPLE_MEDIA_STREAM (call.a.stream));
  sip_simple_media_stream_deactivate (SIP_SIMPLE_MEDIA_STREAM (call.b.stream));
  assert_heard (&call.b, 500, CALL_SECONDS - 0.15);
  assert_heard (&call.a, 880, CALL_SECONDS - 0.15);
  g_remove (path);
  call_clear (&call);
}

/* ---------------------------------------------------------------------- */
/* devices that fail: the call goes on                                      */

/* A clock that stops when its element does, as an audio device's does:
 * a pipeline left with it waits for ever. */
typedef struct
{
  GstSystemClock parent_instance;
  gint           stopped;
  GstClockTime   last;
} TestDeviceClock;

typedef struct
{
  GstSystemClockClass parent_class;
} TestDeviceClockClass;

static GType test_device_clock_get_type (void);
G_DEFINE_TYPE (TestDeviceClock, test_device_clock, GST_TYPE_SYSTEM_CLOCK)

static GstClockTime
test_device_clock_get_internal_time (GstClock *clock)
{
  TestDeviceClock *self = (TestDeviceClock *) clock;

  if (!g_atomic_int_get (&self->stopped))
    self->last = GST_CLOCK_CLASS (test_device_clock_parent_class)->get_internal_time (clock);
  return self->last;
}

static void
test_device_clock_class_init (TestDeviceClockClass *klass)
{
  GST_CLOCK_CLASS (klass)->get_internal_time = test_device_clock_get_internal_time;
}

static void
test_device_clock_init (TestDeviceClock *self)
{
}

/* A capture device in a bin: it provides the pipeline's clock, plays a
 * live 440 Hz tone, fails after 10 buffers (0.2 s); its clock stops when
 * it goes to NULL. */
typedef struct
{
  GstBin           parent_instance;
  TestDeviceClock *clock;
  gboolean         cannot_open; /* fails going to READY, without an error message */
} TestDevice;

typedef struct
{
  GstBinClass parent_class;
} TestDeviceClass;

static GType test_device_get_type (void);
G_DEFINE_TYPE (TestDevice, test_device, GST_TYPE_BIN)

static GstClock *
test_device_provide_clock (GstElement *element)
{
  return gst_object_ref (GST_CLOCK (((TestDevice *) element)->clock));
}

static GstStateChangeReturn
test_device_change_state (GstElement *element, GstStateChange transition)
{
  TestDevice *self = (TestDevice *) element;

  if (transition == GST_STATE_CHANGE_NULL_TO_READY && self->cannot_open)
    return GST_STATE_CHANGE_FAILURE;
  if (transition == GST_STATE_CHANGE_READY_TO_NULL)
    g_atomic_int_set (&self->clock->stopped, TRUE);
  return GST_ELEMENT_CLASS (test_device_parent_class)->change_state (element, transition);
}

static void
test_device_dispose (GObject *object)
{
  gst_clear_object (&((TestDevice *) object)->clock);
  G_OBJECT_CLASS (test_device_parent_class)->dispose (object);
}

static void
test_device_class_init (TestDeviceClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = test_device_dispose;
  GST_ELEMENT_CLASS (klass)->provide_clock = test_device_provide_clock;
  GST_ELEMENT_CLASS (klass)->change_state = test_device_change_state;
}

static void
test_device_init (TestDevice *self)
{
  GstElement *src = gst_element_factory_make ("audiotestsrc", NULL);
  GstElement *failing = gst_element_factory_make ("identity", NULL);
  GstPad *pad;

  self->clock = g_object_new (test_device_clock_get_type (), "name", "test-device-clock", NULL);
  gst_object_ref_sink (self->clock);
  g_object_set (src, "is-live", TRUE, "samplesperbuffer", 960, NULL);
  g_object_set (failing, "error-after", 10, NULL);
  gst_bin_add_many (GST_BIN (self), src, failing, NULL);
  gst_element_link (src, failing);
  pad = gst_element_get_static_pad (failing, "src");
  gst_element_add_pad (GST_ELEMENT (self), gst_ghost_pad_new ("src", pad));
  gst_object_unref (pad);
  GST_OBJECT_FLAG_SET (self, GST_ELEMENT_FLAG_PROVIDE_CLOCK);
}

static GstElement *
make_test_device (void)
{
  return g_object_new (test_device_get_type (), NULL);
}

static GstElement *
make_silent_test_device (void)
{
  TestDevice *device = g_object_new (test_device_get_type (), "name", "silent-device", NULL);

  device->cannot_open = TRUE;
  return GST_ELEMENT (device);
}

typedef struct
{
  const char *name;
  /* A's input or output: an element (made from @description, or by
   * @make) that fails */
  SipSimpleAudioDirection direction;
  const char *description;
  GstElement *(*make) (void);
  gboolean    as_spec; /* "gst:DESCRIPTION" rather than an element of ours */
  const char *culprit; /* the element the error names */
  gboolean    no_devices; /* autoaudiosrc/sink find no device (ranks lowered) */
} DeviceCase;

static const DeviceCase device_cases[] = {
  /* no sound server: cannot open, replaced before the media starts */
  { "input-cannot-open", SIP_SIMPLE_AUDIO_DIRECTION_INPUT,
    "pulsesrc server=unix:/nonexistent/pulse/native", NULL, FALSE, "pulsesrc" },
  { "output-cannot-open", SIP_SIMPLE_AUDIO_DIRECTION_OUTPUT,
    "pulsesink server=unix:/nonexistent/pulse/native", NULL, FALSE, "pulsesink" },
  /* the element inside a bin (as in autoaudiosrc) fails */
  { "input-in-bin-cannot-open", SIP_SIMPLE_AUDIO_DIRECTION_INPUT,
    "pulsesrc server=unix:/nonexistent/pulse/native", NULL, TRUE, "pulsesrc" },
  /* opens, then fails once running (as openalsrc does without a card,
   * failing to negotiate; identity stands in for it):
   * replaced in the running pipeline */
  { "input-fails-running", SIP_SIMPLE_AUDIO_DIRECTION_INPUT,
    "audiotestsrc is-live=true samplesperbuffer=960 ! identity error-after=10", NULL, TRUE,
    "identity" },
  { "output-fails-running", SIP_SIMPLE_AUDIO_DIRECTION_OUTPUT,
    "identity error-after=10 ! fakesink sync=true", NULL, TRUE, "identity" },
  /* the same, with a clock of its own that stops with it, as an audio
   * device's does: the pipeline must not be left waiting on it */
  { "input-with-clock-fails-running", SIP_SIMPLE_AUDIO_DIRECTION_INPUT, NULL, make_test_device,
    FALSE, "identity" },
  /* cannot open, and says nothing about it */
  { "input-cannot-open-silently", SIP_SIMPLE_AUDIO_DIRECTION_INPUT, NULL,
    make_silent_test_device, FALSE, "silent-device" },
  /* "auto" on a machine without sound: autoaudiosrc/sink go on with
   * silence or a fakesink of their own, and warn */
  { "input-auto-no-device", SIP_SIMPLE_AUDIO_DIRECTION_INPUT, "autoaudiosrc", NULL, FALSE,
    "autoaudiosrc", TRUE },
  { "output-auto-no-device", SIP_SIMPLE_AUDIO_DIRECTION_OUTPUT, "autoaudiosink", NULL, FALSE,
    "autoaudiosink", TRUE },
};

/* Every audio source or sink autoaudiosrc/sink would try, whatever this
 * machine has, out of their reach (rank none) until restored: a machine
 * without sound, in this process only. */
static GPtrArray *
hide_audio_devices (const char *kind)
{
  GPtrArray *hidden = g_ptr_array_new_with_free_func (gst_object_unref);
  GList *features = gst_registry_get_feature_list (gst_registry_get (), GST_TYPE_ELEMENT_FACTORY);

  for (GList *l = features; l != NULL; l = l->next)
    {
      GstPluginFeature *feature = l->data;
      const char *klass = gst_element_factory_get_metadata (GST_ELEMENT_FACTORY (feature),
                                                            GST_ELEMENT_METADATA_KLASS);

      if (klass == NULL || strstr (klass, "Audio") == NULL || strstr (klass, kind) == NULL
          || gst_plugin_feature_get_rank (feature) == GST_RANK_NONE
          || g_str_has_prefix (gst_plugin_feature_get_name (feature), "autoaudio"))
        continue;
      g_object_set_data (G_OBJECT (feature), "test-rank",
                         GUINT_TO_POINTER (gst_plugin_feature_get_rank (feature)));
      gst_plugin_feature_set_rank (feature, GST_RANK_NONE);
      g_ptr_array_add (hidden, gst_object_ref (feature));
    }
  gst_plugin_feature_list_free (features);
  return hidden;
}

static void
restore_audio_devices (GPtrArray *hidden)
{
  for (guint i = 0; i < hidden->len; i++)
    {
      GstPluginFeature *feature = g_ptr_array_index (hidden, i);
      gst_plugin_feature_set_rank (
        feature, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (feature), "test-rank")));
    }
  g_ptr_array_unref (hidden);
}

static guint64
packets_received (Peer *peer)
{
  g_autoptr (SipSimpleAudioStatistics) stats = sip_simple_audio_stream_get_statistics (peer->stream);

  return stats->packets_received;
}

/* A's device fails; B plays 660 Hz into A and A 440 Hz into B (when A's
 * input works). A's stream stays up, says what failed once, and RTP flows
 * both ways. */
static void
test_device_error (gconstpointer data)
{
  const DeviceCase *c = data;
  gboolean input = c->direction == SIP_SIMPLE_AUDIO_DIRECTION_INPUT;
  Call call = { 0 };
  g_autofree char *a_name = g_strdup_printf ("device-a-%s", c->name);
  g_autofree char *b_name = g_strdup_printf ("device-b-%s", c->name);
  g_autoptr (GPtrArray) hidden = NULL;
  guint64 before;

  if (c->no_devices)
    hidden = hide_audio_devices (input ? "Source" : "Sink");
  peer_setup (&call.a, a_name, "PCMU", SIP_SIMPLE_SRTP_MODE_DISABLED, FALSE, "tone:440");
  peer_setup (&call.b, b_name, "PCMU", SIP_SIMPLE_SRTP_MODE_DISABLED, FALSE, "tone:660");
  if (c->as_spec)
    {
      g_autofree char *spec = g_strdup_printf ("gst:%s", c->description);
      g_object_set (call.a.stream, input ? "input" : "output", spec, NULL);
    }
  else
    {
      g_autoptr (GError) error = NULL;
      GstElement *element = c->make ? c->make () : gst_parse_launch (c->description, &error);

      g_assert_no_error (error);
      g_object_set (call.a.stream, input ? "input-element" : "output-element", element, NULL);
    }
  start_call (&call);
  g_assert_true (test_wait_for_flag ((gboolean *) &call.a.device_errors, 5000));
  run_for (CALL_SECONDS);
  before = packets_received (&call.b);
  run_for (0.5);

  /* reported once, for the right side, naming the element */
  g_assert_cmpuint (call.a.device_errors, ==, 1);
  g_assert_cmpint (call.a.device_direction, ==, c->direction);
  g_assert_error (call.a.device_error, SIP_SIMPLE_MEDIA_STREAM_ERROR,
                  SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA);
  g_assert_true (g_str_has_prefix (call.a.device_error->message, c->culprit));
  g_assert_cmpuint (strlen (call.a.device_error->message), >, strlen (c->culprit) + 5);
  g_assert_cmpuint (call.b.device_errors, ==, 0);
  /* nothing failed, everything runs, RTP still flows from A */
  g_assert_null (call.a.failed);
  g_assert_null (call.b.failed);
  g_assert_cmpint (sip_simple_media_stream_get_state (SIP_SIMPLE_MEDIA_STREAM (call.a.stream)), ==,
                   SIP_SIMPLE_MEDIA_STREAM_STATE_RUNNING);
  g_assert_cmpuint (packets_received (&call.b), >=, before + 15);
  g_assert_cmpuint (packets_received (&call.a), >, 25);

  sip_simple_media_stream_deactivate (SIP_SIMPLE_MEDIA_STREAM (call.a.stream));
  sip_simple_media_stream_deactivate (SIP_SIMPLE_MEDIA_STREAM (call.b.stream));
  if (input)
    {
      TestWav wav;

      /* A sends silence in place of its input (after its first 0.2 s
       * when it fails running), and hears B */
      assert_heard (&call.a, TONE_B, CALL_SECONDS);
      load_recording (&call.b, &wav);
      g_assert_cmpfloat ((double) wav.n_samples / wav.rate, >=, CALL_SECONDS);
      g_assert_cmpfloat (test_audio_active_duration (&wav, 0.6, -1), <, 0.05);
      test_wav_clear (&wav);
    }
  else
    assert_heard (&call.b, TONE_A, CALL_SECONDS);
  call_clear (&call);
  if (hidden != NULL)
    restore_audio_devices (g_steal_pointer (&hidden));
}

/* ---------------------------------------------------------------------- */
/* what a peer may send us                                                  */

typedef struct
{
  const char               *name;
  const char               *media; /* lines after the session part */
  gboolean                  no_session_connection;
  SipSimpleSrtpMode         srtp;
  gboolean                  ice;
  SipSimpleMediaStreamError code;
} BadOffer;

#define GOOD_ICE "a=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\n"

static const BadOffer bad_offers[] = {
  { "no-common-codec", "m=audio 4000 RTP/AVP 3 96\r\na=rtpmap:96 speex/16000\r\n", FALSE,
    SIP_SIMPLE_SRTP_MODE_DISABLED, FALSE, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE },
  { "rtpmap-without-rate", "m=audio 4000 RTP/AVP 96\r\na=rtpmap:96 opus\r\n", FALSE,
    SIP_SIMPLE_SRTP_MODE_DISABLED, FALSE, SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP },
  { "rtpmap-bad-pt", "m=audio 4000 RTP/AVP 0\r\na=rtpmap:x PCMU/8000\r\n", FALSE,
    SIP_SIMPLE_SRTP_MODE_DISABLED, FALSE, SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP },
  { "rtpmap-bad-rate", "m=audio 4000 RTP/AVP 96\r\na=rtpmap:96 opus/fast/2\r\n", FALSE,
    SIP_SIMPLE_SRTP_MODE_DISABLED, FALSE, SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP },
  { "bad-format", "m=audio 4000 RTP/AVP zero\r\n", FALSE, SIP_SIMPLE_SRTP_MODE_DISABLED, FALSE,
    SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP },
  { "crypto-bad-key",
    "m=audio 4000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:!!notbase64!!\r\n",
    FALSE, SIP_SIMPLE_SRTP_MODE_OPTIONAL, FALSE, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE },
  { "crypto-short-key",
    "m=audio 4000 RTP/AVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:c2hvcnQ=\r\n", FALSE,
    SIP_SIMPLE_SRTP_MODE_OPTIONAL, FALSE, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE },
  { "crypto-unknown-suite",
    "m=audio 4000 RTP/SAVP 0\r\na=crypto:1 F8_128_HMAC_SHA1_80 "
    "inline:MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkw\r\n",
    FALSE, SIP_SIMPLE_SRTP_MODE_MANDATORY, FALSE, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE },
  { "crypto-mki",
    "m=audio 4000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 "
    "inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4\r\n",
    FALSE, SIP_SIMPLE_SRTP_MODE_MANDATORY, FALSE, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE },
  { "savp-without-crypto", "m=audio 4000 RTP/SAVP 0\r\n", FALSE, SIP_SIMPLE_SRTP_MODE_OPTIONAL,
    FALSE, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE },
  { "candidate-bad-priority",
    "m=audio 4000 RTP/AVP 0\r\n" GOOD_ICE "a=candidate:1 1 UDP high 127.0.0.1 4000 typ host\r\n",
    FALSE, SIP_SIMPLE_SRTP_MODE_DISABLED, TRUE, SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP },
  { "candidate-bad-address",
    "m=audio 4000 RTP/AVP 0\r\n" GOOD_ICE "a=candidate:1 1 UDP 1 300.1.1.1 4000 typ host\r\n",
    FALSE, SIP_SIMPLE_SRTP_MODE_DISABLED, TRUE, SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP },
  { "candidate-truncated", "m=audio 4000 RTP/AVP 0\r\n" GOOD_ICE "a=candidate:1 1 UDP\r\n", FALSE,
    SIP_SIMPLE_SRTP_MODE_DISABLED, TRUE, SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP },
  { "candidate-port-range",
    "m=audio 4000 RTP/AVP 0\r\n" GOOD_ICE "a=candidate:1 1 UDP 1 127.0.0.1 99999 typ host\r\n",
    FALSE, SIP_SIMPLE_SRTP_MODE_DISABLED, TRUE, SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP },
  { "ice-short-pwd",
    "m=audio 4000 RTP/AVP 0\r\na=ice-ufrag:abcd\r\na=ice-pwd:short\r\n"
    "a=candidate:1 1 UDP 1 127.0.0.1 4000 typ host\r\n",
    FALSE, SIP_SIMPLE_SRTP_MODE_DISABLED, TRUE, SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP },
  { "port-out-of-range", "m=audio 70000 RTP/AVP 0\r\n", FALSE, SIP_SIMPLE_SRTP_MODE_DISABLED, FALSE,
    SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP },
  { "no-connection", "m=audio 4000 RTP/AVP 0\r\n", TRUE, SIP_SIMPLE_SRTP_MODE_DISABLED, FALSE,
    SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP },
  { "bad-connection", "m=audio 4000 RTP/AVP 0\r\nc=IN IP4 not-an-address\r\n", TRUE,
    SIP_SIMPLE_SRTP_MODE_DISABLED, FALSE, SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP },
  { "bad-rtcp", "m=audio 4000 RTP/AVP 0\r\na=rtcp:port\r\n", FALSE, SIP_SIMPLE_SRTP_MODE_DISABLED,
    FALSE, SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP },
  { "dtls-profile", "m=audio 4000 UDP/TLS/RTP/SAVPF 0\r\n", FALSE, SIP_SIMPLE_SRTP_MODE_OPTIONAL,
    FALSE, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE },
  { "video", "m=video 4000 RTP/AVP 31\r\n", FALSE, SIP_SIMPLE_SRTP_MODE_DISABLED, FALSE,
    SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE },
};

static void
test_bad_offer (gconstpointer data)
{
  const BadOffer *bad = data;
  Peer peer = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GstSDPMessage) offer = NULL;
  g_autoptr (GstSDPMessage) answer = new_sdp ();

  peer_setup (&peer, "bad", NULL, bad->srtp, bad->ice, "silence");
  initialize (peer.stream);
  text = g_strdup_printf ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\n%st=0 0\r\n%s",
                          bad->no_session_connection ? "" : "c=IN IP4 127.0.0.1\r\n", bad->media);
  offer = parse_sdp (text);
  g_assert_false (sip_simple_media_stream_add_local_media (SIP_SIMPLE_MEDIA_STREAM (peer.stream),
                                                           answer, offer, 0, &error));
  g_test_message ("%s: %s", bad->name, error ? error->message : "no error");
  g_assert_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, (gint) bad->code);
  g_assert_cmpuint (gst_sdp_message_medias_len (answer), ==, 0);
  g_clear_error (&error);
  /* a re-offer is judged the same way */
  g_assert_false (sip_simple_media_stream_validate_update (SIP_SIMPLE_MEDIA_STREAM (peer.stream),
                                                           offer, 0, &error));
  g_assert_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, (gint) bad->code);
  peer_clear (&peer);
}

/* The offerer gets a bad answer: start() refuses it. */
static void
test_bad_answer (void)
{
  Call call = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GstSDPMessage) answer = NULL;

  peer_setup (&call.a, "badans-a", NULL, SIP_SIMPLE_SRTP_MODE_MANDATORY, FALSE, "silence");
  initialize (call.a.stream);
  call.offer = make_offer (&call.a);

  /* a codec we did not offer */
  answer = parse_sdp ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                      "m=audio 4000 RTP/SAVP 3\r\n");
  g_assert_false (sip_simple_media_stream_start (SIP_SIMPLE_MEDIA_STREAM (call.a.stream),
                                                 call.offer, answer, 0, &error));
  g_assert_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE);
  g_clear_error (&error);
  g_clear_pointer (&answer, gst_sdp_message_free);

  /* no key although SRTP is mandatory */
  answer = parse_sdp ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                      "m=audio 4000 RTP/SAVP 0\r\n");
  g_assert_false (sip_simple_media_stream_start (SIP_SIMPLE_MEDIA_STREAM (call.a.stream),
                                                 call.offer, answer, 0, &error));
  g_assert_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE);
  g_clear_error (&error);
  g_clear_pointer (&answer, gst_sdp_message_free);

  /* a key for a tag we never offered */
  answer = parse_sdp ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                      "m=audio 4000 RTP/SAVP 0\r\n"
                      "a=crypto:7 AES_CM_128_HMAC_SHA1_80 "
                      "inline:MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkw\r\n");
  g_assert_false (sip_simple_media_stream_start (SIP_SIMPLE_MEDIA_STREAM (call.a.stream),
                                                 call.offer, answer, 0, &error));
  g_assert_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE);
  g_clear_error (&error);
  g_clear_pointer (&answer, gst_sdp_message_free);

  /* rejected (port 0) */
  answer = parse_sdp ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                      "m=audio 0 RTP/SAVP 0\r\n");
  g_assert_false (sip_simple_media_stream_start (SIP_SIMPLE_MEDIA_STREAM (call.a.stream),
                                                 call.offer, answer, 0, &error));
  g_assert_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE);
  g_assert_cmpint (sip_simple_media_stream_get_state (SIP_SIMPLE_MEDIA_STREAM (call.a.stream)), ==,
                   SIP_SIMPLE_MEDIA_STREAM_STATE_INITIALIZED);
  call_clear (&call);
}

/* A re-offer with port 0 removes the stream: the answer says port 0 and
 * the media stops. */
static void
test_removed_by_reoffer (void)
{
  Call call = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GstSDPMessage) removal = NULL;
  g_autoptr (GstSDPMessage) answer = NULL;

  peer_setup (&call.a, "rm-a", "PCMU", SIP_SIMPLE_SRTP_MODE_DISABLED, FALSE, "silence");
  peer_setup (&call.b, "rm-b", "PCMU", SIP_SIMPLE_SRTP_MODE_DISABLED, FALSE, "silence");
  start_call (&call);
  removal = parse_sdp ("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                       "m=audio 0 RTP/AVP 0\r\n");
  g_assert_true (sip_simple_media_stream_validate_update (SIP_SIMPLE_MEDIA_STREAM (call.b.stream),
                                                          removal, 0, &error));
  answer = make_answer (&call.b, removal, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gst_sdp_media_get_port (gst_sdp_message_get_media (answer, 0)), ==, 0);
  g_assert_true (sip_simple_media_stream_update (SIP_SIMPLE_MEDIA_STREAM (call.b.stream), answer,
                                                 removal, 0, &error));
  g_assert_no_error (error);
  g_assert_false (sip_simple_audio_stream_send_dtmf (call.b.stream, "1", 100, &error));
  call_clear (&call);
}

static void
test_state_errors (void)
{
  g_autoptr (SipSimpleAudioStream) stream = sip_simple_audio_stream_new ();
  g_autoptr (GstSDPMessage) sdp = new_sdp ();
  g_autoptr (GError) error = NULL;

  g_assert_false (sip_simple_media_stream_add_local_media (SIP_SIMPLE_MEDIA_STREAM (stream), sdp,
                                                           NULL, 0, &error));
  g_assert_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_STATE);
  g_clear_error (&error);
  g_assert_false (sip_simple_media_stream_start (SIP_SIMPLE_MEDIA_STREAM (stream), sdp, sdp, 0,
                                                 &error));
  g_assert_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_STATE);
  g_clear_error (&error);
  g_assert_false (sip_simple_audio_stream_send_dtmf (stream, "1", 100, &error));
  g_assert_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_STATE);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  tmp_dir = g_dir_make_tmp ("sipsimple-audio-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/audio-stream/available-codecs", test_available_codecs);
  g_test_add_func ("/audio-stream/defaults", test_defaults);
  g_test_add_func ("/audio-stream/state-errors", test_state_errors);
  g_test_add_func ("/audio-stream/any-address", test_any_address);
  for (guint i = 0; i < G_N_ELEMENTS (bad_offers); i++)
    {
      g_autofree char *path = g_strdup_printf ("/audio-stream/bad-offer/%s", bad_offers[i].name);
      g_test_add_data_func (path, &bad_offers[i], test_bad_offer);
    }
  g_test_add_func ("/audio-stream/bad-answer", test_bad_answer);
  g_test_add_func ("/audio-stream/srtp/mandatory-refuses-plain", test_srtp_mandatory_refuses_plain);
  add_call_cases ();
  g_test_add_func ("/audio-stream/answerer-preference", test_answerer_preference);
  g_test_add_func ("/audio-stream/srtp/optional-to-plain", test_srtp_optional_to_plain);
  g_test_add_func ("/audio-stream/srtp/sha1-32", test_srtp_sha1_32);
  g_test_add_data_func ("/audio-stream/ipv6/udp", GINT_TO_POINTER (FALSE), test_ipv6);
  g_test_add_data_func ("/audio-stream/ipv6/ice", GINT_TO_POINTER (TRUE), test_ipv6);
  g_test_add_func ("/audio-stream/ice-to-plain", test_ice_to_plain);
  g_test_add_func ("/audio-stream/dtmf", test_dtmf);
  g_test_add_func ("/audio-stream/dtmf-unsupported", test_dtmf_unsupported);
  g_test_add_func ("/audio-stream/hold", test_hold);
  g_test_add_func ("/audio-stream/codec-change", test_codec_change);
  g_test_add_func ("/audio-stream/statistics", test_statistics);
  g_test_add_func ("/audio-stream/file-and-element-inputs", test_file_and_element_inputs);
  g_test_add_func ("/audio-stream/removed-by-reoffer", test_removed_by_reoffer);
  for (guint i = 0; i < G_N_ELEMENTS (device_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/audio-stream/device-error/%s",
                                               device_cases[i].name);
      g_test_add_data_func (path, &device_cases[i], test_device_error);
    }

  ret = g_test_run ();
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
