/* Unit tests for SipSimpleAudioMixer: Alice's mixer bridges her calls to
 * Bob and Carol into a conference with her own input, plays hold music
 * into a held call and records the mix. Bob and Carol are plain audio
 * streams with tones and recordings; everything runs on 127.0.0.1.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/sipsimple.h>

#include "test-utils.h"

#include <glib/gstdio.h>
#include <string.h>

#define LATENCY 40

static char *tmp_dir;

typedef struct
{
  SipSimpleAudioStream *stream;
  gboolean              started;
  gboolean              ended;
  gint64                started_at; /* monotonic µs: its recording starts about then */
} Peer;

static char *
tmp_path (const char *name)
{
  char *path = g_strdup_printf ("%s/%s.wav", tmp_dir, name);

  g_remove (path);
  return path;
}

static void
on_started (SipSimpleMediaStream *stream, gpointer user_data)
{
  ((Peer *) user_data)->started = TRUE;
  ((Peer *) user_data)->started_at = g_get_monotonic_time ();
}

static void
on_ended (SipSimpleMediaStream *stream, gpointer user_data)
{
  ((Peer *) user_data)->ended = TRUE;
}

static void
on_failed (SipSimpleMediaStream *stream, const GError *error, gpointer user_data)
{
  g_error ("stream failed: %s", error->message);
}

/* @input/@output NULL: the stream is left for the mixer to wire. */
static void
peer_init (Peer *peer, const char *input, const char *output)
{
  const char *codecs[] = { "PCMU", NULL };

  peer->stream = sip_simple_audio_stream_new ();
  sip_simple_audio_stream_set_codecs (peer->stream, codecs);
  sip_simple_audio_stream_set_jitter_buffer_latency (peer->stream, LATENCY);
  if (input != NULL)
    sip_simple_audio_stream_set_input (peer->stream, input);
  if (output != NULL)
    sip_simple_audio_stream_set_output (peer->stream, output);
  g_signal_connect (peer->stream, "started", G_CALLBACK (on_started), peer);
  g_signal_connect (peer->stream, "ended", G_CALLBACK (on_ended), peer);
  g_signal_connect (peer->stream, "failed", G_CALLBACK (on_failed), peer);
}

static void
peer_end (Peer *peer)
{
  sip_simple_media_stream_end (SIP_SIMPLE_MEDIA_STREAM (peer->stream));
  g_assert_true (peer->ended);
  g_clear_object (&peer->stream);
}

static void
initialize (Peer *peer)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  sip_simple_media_stream_initialize_async (SIP_SIMPLE_MEDIA_STREAM (peer->stream), "127.0.0.1",
                                            NULL, test_store_result, &result);
  g_assert_nonnull (test_wait_for_result (&result, 5000));
  g_assert_true (sip_simple_media_stream_initialize_finish (SIP_SIMPLE_MEDIA_STREAM (peer->stream),
                                                            result, &error));
  g_assert_no_error (error);
}

static GstSDPMessage *
parse_sdp (const char *text)
{
  GstSDPMessage *sdp;

  gst_sdp_message_new_from_text (text, &sdp);
  g_assert_nonnull (sdp);
  return sdp;
}

static GstSDPMessage *
describe (Peer *peer, const GstSDPMessage *offer)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GstSDPMessage) sdp =
    parse_sdp ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n");
  g_autofree char *text = NULL;

  g_assert_true (sip_simple_media_stream_add_local_media (SIP_SIMPLE_MEDIA_STREAM (peer->stream),
                                                          sdp, offer, 0, &error));
  g_assert_no_error (error);
  text = gst_sdp_message_as_text (sdp);
  return parse_sdp (text);
}

static void
call (Peer *a, Peer *b)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GstSDPMessage) offer = NULL;
  g_autoptr (GstSDPMessage) answer = NULL;

  initialize (a);
  initialize (b);
  offer = describe (a, NULL);
  answer = describe (b, offer);
  g_assert_true (sip_simple_media_stream_start (SIP_SIMPLE_MEDIA_STREAM (b->stream), answer,
                                                offer, 0, &error));
  g_assert_true (sip_simple_media_stream_start (SIP_SIMPLE_MEDIA_STREAM (a->stream), offer,
                                                answer, 0, &error));
  g_assert_no_error (error);
  g_assert_true (test_wait_for_flag (&a->started, 5000));
  g_assert_true (test_wait_for_flag (&b->started, 5000));
}

static void
renegotiate (Peer *offerer, Peer *answerer)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GstSDPMessage) offer = describe (offerer, NULL);
  g_autoptr (GstSDPMessage) answer = describe (answerer, offer);

  g_assert_true (sip_simple_media_stream_update (SIP_SIMPLE_MEDIA_STREAM (answerer->stream),
                                                 answer, offer, 0, &error));
  g_assert_true (sip_simple_media_stream_update (SIP_SIMPLE_MEDIA_STREAM (offerer->stream), offer,
                                                 answer, 0, &error));
  g_assert_no_error (error);
}

static void
run_for (double seconds)
{
  gboolean never = FALSE;

  test_wait_for_flag (&never, (guint) (seconds * 1000));
}

static double
elapsed (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1e6;
}

static void
load (const char *path, TestWav *wav)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (test_wav_load (path, wav, &error));
  g_assert_no_error (error);
}

static gboolean
check_mix (const char *path, double from, double to, const double *present, const double *absent)
{
  TestWav wav;
  gboolean ok = TRUE;

  load (path, &wav);
  for (guint i = 0; present[i] > 0; i++)
    {
      double share = test_audio_tone_presence (&wav, present[i], from, to);
      g_test_message ("%s [%.2f, %.2f]: %.0f Hz has %.0f%% of the energy", path, from, to,
                      present[i], 100 * share);
      ok &= share > 0.15;
    }
  for (guint i = 0; absent[i] > 0; i++)
    {
      double share = test_audio_tone_share (&wav, absent[i], from, to);
      g_test_message ("%s [%.2f, %.2f]: %.0f Hz has %.1f%% of the energy (none wanted)", path,
                      from, to, absent[i], 100 * share);
      ok &= share < 0.02;
    }
  test_wav_clear (&wav);
  return ok;
}

/* Seconds from @since (monotonic µs) to @until. */
static double
span (gint64 since, gint64 until)
{
  return (until - since) / 1e6;
}

/* Alice (880 Hz) with Bob (440 Hz) and Carol (660 Hz): each hears the
 * others, not itself; the recorder hears all three. */
static void
test_conference (void)
{
  g_autoptr (SipSimpleAudioMixer) mixer = sip_simple_audio_mixer_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) streams = NULL;
  g_autofree char *bob_wav = tmp_path ("bob");
  g_autofree char *carol_wav = tmp_path ("carol");
  g_autofree char *alice_wav = tmp_path ("alice");
  g_autofree char *mix_wav = tmp_path ("mix");
  g_autofree char *bob_output = g_strdup_printf ("file:%s", bob_wav);
  g_autofree char *carol_output = g_strdup_printf ("file:%s", carol_wav);
  g_autofree char *alice_output = g_strdup_printf ("file:%s", alice_wav);
  g_autofree char *mix_output = g_strdup_printf ("file:%s", mix_wav);
  Peer a1 = { 0 }, a2 = { 0 }, bob = { 0 }, carol = { 0 };
  guint recorder;
  gint64 alice_at, all_up, recorder_at, end;
  gboolean ok = TRUE;

  g_assert_true (sip_simple_audio_mixer_set_input (mixer, "tone:880", &error));
  alice_at = g_get_monotonic_time ();
  g_assert_true (sip_simple_audio_mixer_set_output (mixer, alice_output, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sip_simple_audio_mixer_get_input (mixer), ==, "tone:880");
  peer_init (&a1, NULL, NULL);
  peer_init (&a2, NULL, NULL);
  peer_init (&bob, "tone:440", bob_output);
  peer_init (&carol, "tone:660", carol_output);
  g_assert_true (sip_simple_audio_mixer_add_stream (mixer, a1.stream, &error));
  g_assert_true (sip_simple_audio_mixer_add_stream (mixer, a2.stream, &error));
  g_assert_no_error (error);
  g_assert_false (sip_simple_audio_stream_get_mute_on_hold (a1.stream));
  g_assert_nonnull (sip_simple_audio_stream_get_input_element (a1.stream));
  g_assert_false (sip_simple_audio_mixer_add_stream (mixer, a1.stream, &error));
  g_assert_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_STATE);
  g_clear_error (&error);
  streams = sip_simple_audio_mixer_get_streams (mixer);
  g_assert_cmpuint (streams->len, ==, 2);

  call (&a1, &bob);
  call (&a2, &carol);
  all_up = g_get_monotonic_time ();
  recorder_at = g_get_monotonic_time ();
  recorder = sip_simple_audio_mixer_record (mixer, mix_output, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recorder, >, 0);
  run_for (1.5);
  end = g_get_monotonic_time ();
  sip_simple_audio_mixer_stop (mixer, recorder);
  sip_simple_media_stream_deactivate (SIP_SIMPLE_MEDIA_STREAM (bob.stream));
  sip_simple_media_stream_deactivate (SIP_SIMPLE_MEDIA_STREAM (carol.stream));
  g_assert_true (sip_simple_audio_mixer_set_output (mixer, NULL, &error));

  /* each recording from when everyone was up (and the media had a moment
   * to flow) to the end, on the recording's own timeline; then the
   * verdict: one failure alone says little */
  ok &= check_mix (bob_wav, span (bob.started_at, all_up) + 0.4, span (bob.started_at, end) - 0.1,
                   (double[]) { 660, 880, 0 }, (double[]) { 440, 0 });
  ok &= check_mix (carol_wav, span (carol.started_at, all_up) + 0.4,
                   span (carol.started_at, end) - 0.1, (double[]) { 440, 880, 0 },
                   (double[]) { 660, 0 });
  ok &= check_mix (alice_wav, span (alice_at, all_up) + 0.4, span (alice_at, end) - 0.1,
                   (double[]) { 440, 660, 0 }, (double[]) { 880, 0 });
  ok &= check_mix (mix_wav, 0.4, span (recorder_at, end) - 0.1, (double[]) { 440, 660, 880, 0 },
                   (double[]) { 0 });
  g_assert_true (ok);

  /* ended streams leave the mixer by themselves */
  peer_end (&a1);
  peer_end (&a2);
  g_clear_pointer (&streams, g_ptr_array_unref);
  streams = sip_simple_audio_mixer_get_streams (mixer);
  g_assert_cmpuint (streams->len, ==, 0);
  peer_end (&bob);
  peer_end (&carol);
  g_remove (bob_wav);
  g_remove (carol_wav);
  g_remove (alice_wav);
  g_remove (mix_wav);
}

/* Alice holds Bob and plays him music; taken off hold he hears her
 * again. */
static void
test_hold_music (void)
{
  g_autoptr (SipSimpleAudioMixer) mixer = sip_simple_audio_mixer_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *bob_wav = tmp_path ("bob-hold");
  g_autofree char *bob_output = g_strdup_printf ("file:%s", bob_wav);
  Peer a = { 0 }, bob = { 0 };
  guint music;
  double hold_at, unhold_at, end;
  gint64 start;

  g_assert_true (sip_simple_audio_mixer_set_input (mixer, "tone:880", &error));
  peer_init (&a, NULL, NULL);
  peer_init (&bob, "silence", bob_output);
  g_assert_true (sip_simple_audio_mixer_add_stream (mixer, a.stream, &error));
  g_assert_no_error (error);
  call (&a, &bob);
  start = bob.started_at; /* bob's recording's timeline */
  run_for (1.0);

  sip_simple_media_stream_hold (SIP_SIMPLE_MEDIA_STREAM (a.stream));
  renegotiate (&a, &bob);
  hold_at = elapsed (start);
  music = sip_simple_audio_mixer_play (mixer, "tone:330", a.stream, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (music, >, 0);
  run_for (1.0);

  sip_simple_audio_mixer_stop (mixer, music);
  sip_simple_media_stream_unhold (SIP_SIMPLE_MEDIA_STREAM (a.stream));
  renegotiate (&a, &bob);
  unhold_at = elapsed (start);
  run_for (1.0);
  end = elapsed (start);
  sip_simple_media_stream_deactivate (SIP_SIMPLE_MEDIA_STREAM (bob.stream));

  g_assert_true (check_mix (bob_wav, 0.4, hold_at, (double[]) { 880, 0 }, (double[]) { 330, 0 }));
  g_assert_true (
    check_mix (bob_wav, hold_at + 0.3, unhold_at, (double[]) { 330, 0 }, (double[]) { 880, 0 }));
  g_assert_true (
    check_mix (bob_wav, unhold_at + 0.3, end - 0.1, (double[]) { 880, 0 }, (double[]) { 330, 0 }));

  /* a stream that is not in the mixer can't get music */
  g_assert_cmpuint (sip_simple_audio_mixer_play (mixer, "tone:330", bob.stream, &error), ==, 0);
  g_assert_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_STATE);
  g_clear_error (&error);
  g_assert_cmpuint (sip_simple_audio_mixer_play (mixer, "tone:", NULL, &error), ==, 0);
  g_assert_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA);
  peer_end (&a);
  peer_end (&bob);
  g_remove (bob_wav);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  tmp_dir = g_dir_make_tmp ("sipsimple-mixer-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/audio-mixer/conference", test_conference);
  g_test_add_func ("/audio-mixer/hold-music", test_hold_music);

  ret = g_test_run ();
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
