/* libsipsimple - audio sources and sinks named by strings
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Inputs:  "auto" (autoaudiosrc), "none" or "silence", "tone:FREQ" (a sine),
 *          "file:PATH" (a WAV file, looped), "pulse:DEVICE", "alsa:DEVICE",
 *          "gst:DESCRIPTION" (a gst-launch fragment), or the display name of
 *          a capture device.
 * Outputs: "auto" (autoaudiosink), "none", "file:PATH" (record to WAV),
 *          "pulse:DEVICE", "alsa:DEVICE", "gst:DESCRIPTION", or the display
 *          name of a playback device.
 */
#include <sipsimple/streams/media-stream.h>
#include "audio-io-private.h"

#include <gst/app/gstappsrc.h>
#include <stdlib.h>
#include <string.h>

#define INTERNAL_RATE 48000

static gboolean
media_error (GError **error, const char *format, const char *spec)
{
  g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA, format,
               spec);
  return FALSE;
}

static gboolean
parse_tone (const char *spec, double *freq)
{
  char *end = NULL;

  if (!g_str_has_prefix (spec, "tone:"))
    return FALSE;
  *freq = g_ascii_strtod (spec + 5, &end);
  return end != spec + 5 && *end == '\0' && *freq > 0 && *freq < 20000;
}

static gboolean
is_scheme (const char *spec, const char *scheme)
{
  return g_str_has_prefix (spec, scheme) && spec[strlen (scheme)] == ':';
}

static gboolean
check_common (const char *spec, const char *what, GError **error)
{
  if (is_scheme (spec, "file") && spec[5] == '\0')
    return media_error (error, "No file name in “%s”", spec);
  if (is_scheme (spec, "gst") && spec[4] == '\0')
    return media_error (error, "No pipeline description in “%s”", spec);
  (void) what;
  return TRUE;
}

gboolean
sip_simple_audio_io_check_input (const char *spec, GError **error)
{
  double freq;

  if (spec == NULL || *spec == '\0')
    return TRUE;
  if (g_str_has_prefix (spec, "tone:") && !parse_tone (spec, &freq))
    return media_error (error, "Malformed tone “%s” (expected tone:FREQUENCY)", spec);
  return check_common (spec, "input", error);
}

gboolean
sip_simple_audio_io_check_output (const char *spec, GError **error)
{
  if (spec == NULL || *spec == '\0')
    return TRUE;
  if (g_str_equal (spec, "silence") || g_str_has_prefix (spec, "tone:"))
    return media_error (error, "“%s” is an input, not an output", spec);
  return check_common (spec, "output", error);
}

/* ---------------------------------------------------------------------- */
/* A WAV file played in a loop                                              */

typedef struct
{
  GBytes *pcm;
  guint   rate;
  guint   bpf; /* bytes per frame */
  gsize   offset;
  guint64 frames;
} WavLoop;

static void
wav_loop_free (gpointer data)
{
  WavLoop *loop = data;

  g_bytes_unref (loop->pcm);
  g_free (loop);
}

static guint32
le32 (const guint8 *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((guint32) p[3] << 24);
}

static guint16
le16 (const guint8 *p)
{
  return p[0] | (p[1] << 8);
}

/* RIFF/WAVE with integer PCM (8, 16, 24, 32 bits) or 32-bit float. */
static GstCaps *
parse_wav (const guint8 *data, gsize len, gsize *pcm_offset, gsize *pcm_len, guint *rate,
           guint *bpf, GError **error)
{
  const char *format = NULL;
  guint channels = 0, bits = 0, tag = 0;
  gboolean have_fmt = FALSE;
  gsize pos = 12;

  if (len < 12 || memcmp (data, "RIFF", 4) != 0 || memcmp (data + 8, "WAVE", 4) != 0)
    goto bad;
  while (pos + 8 <= len)
    {
      guint32 size = le32 (data + pos + 4);
      const guint8 *body = data + pos + 8;

      if (size > len - pos - 8)
        size = len - pos - 8; /* a truncated recording: use what is there */
      if (memcmp (data + pos, "fmt ", 4) == 0 && size >= 16)
        {
          tag = le16 (body);
          channels = le16 (body + 2);
          *rate = le32 (body + 4);
          *bpf = le16 (body + 12);
          bits = le16 (body + 14);
          if (tag == 0xFFFE && size >= 26)
            tag = le16 (body + 24); /* WAVE_FORMAT_EXTENSIBLE: the sub-format */
          have_fmt = TRUE;
        }
      else if (memcmp (data + pos, "data", 4) == 0 && have_fmt)
        {
          *pcm_offset = pos + 8;
          *pcm_len = size;
          break;
        }
      pos += 8 + size + (size & 1);
    }
  if (!have_fmt || *pcm_len == 0 || channels == 0 || *rate == 0 || *bpf != channels * bits / 8)
    goto bad;
  if (tag == 1)
    format = bits == 8 ? "U8" : bits == 16 ? "S16LE" : bits == 24 ? "S24LE" : bits == 32 ? "S32LE" : NULL;
  else if (tag == 3 && bits == 32)
    format = "F32LE";
  if (format == NULL)
    goto bad;
  *pcm_len -= *pcm_len % *bpf;
  return gst_caps_new_simple ("audio/x-raw", "format", G_TYPE_STRING, format,
                              "layout", G_TYPE_STRING, "interleaved",
                              "rate", G_TYPE_INT, (int) *rate,
                              "channels", G_TYPE_INT, (int) channels,
                              channels > 2 ? "channel-mask" : NULL, GST_TYPE_BITMASK,
                              (guint64) 0, NULL);
bad:
  g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA,
               "Not a PCM WAV file");
  return NULL;
}

/* Called on appsrc's streaming thread only. */
static void
wav_need_data (GstAppSrc *src, guint length, gpointer user_data)
{
  WavLoop *loop = user_data;
  gsize total = g_bytes_get_size (loop->pcm);
  gsize chunk = (gsize) loop->bpf * (loop->rate / 50); /* 20 ms */
  gsize n = MIN (chunk, total - loop->offset);
  GBytes *slice;
  GstBuffer *buffer;

  slice = g_bytes_new_from_bytes (loop->pcm, loop->offset, n);
  buffer = gst_buffer_new_wrapped_bytes (slice); /* takes its own reference */
  g_bytes_unref (slice);
  GST_BUFFER_PTS (buffer) = gst_util_uint64_scale (loop->frames, GST_SECOND, loop->rate);
  loop->frames += n / loop->bpf;
  GST_BUFFER_DURATION (buffer) =
    gst_util_uint64_scale (loop->frames, GST_SECOND, loop->rate) - GST_BUFFER_PTS (buffer);
  loop->offset = (loop->offset + n) % total;
  gst_app_src_push_buffer (src, buffer);
}

static GstElement *
make_wav_source (const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GstCaps) caps = NULL;
  g_autoptr (GBytes) file = NULL;
  GstAppSrcCallbacks callbacks = { .need_data = wav_need_data };
  GstElement *src;
  WavLoop *loop;
  gsize len, pcm_offset = 0, pcm_len = 0;
  guint rate = 0, bpf = 0;

  /* Read at once: inputs are prompts, hold music and test signals. */
  if (!g_file_get_contents (path, &contents, &len, &local_error))
    {
      g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA,
                   "Cannot read %s: %s", path, local_error->message);
      return NULL;
    }
  caps = parse_wav ((const guint8 *) contents, len, &pcm_offset, &pcm_len, &rate, &bpf,
                    &local_error);
  if (caps == NULL)
    {
      g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA,
                   "%s: %s", path, local_error->message);
      return NULL;
    }
  file = g_bytes_new_take (g_steal_pointer (&contents), len);
  loop = g_new0 (WavLoop, 1);
  loop->pcm = g_bytes_new_from_bytes (file, pcm_offset, pcm_len);
  loop->rate = rate;
  loop->bpf = bpf;

  src = gst_element_factory_make ("appsrc", NULL);
  g_object_set (src, "format", GST_FORMAT_TIME, "is-live", FALSE, "caps", caps,
                "max-bytes", (guint64) bpf * rate / 10, NULL);
  gst_app_src_set_callbacks (GST_APP_SRC (src), &callbacks, loop, wav_loop_free);
  return src;
}

/* ---------------------------------------------------------------------- */

static GstElement *
make_from_description (const char *description, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  GstElement *bin = gst_parse_bin_from_description (description, TRUE, &local_error);

  if (bin == NULL)
    {
      g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA,
                   "Cannot build “%s”: %s", description, local_error->message);
      return NULL;
    }
  return bin;
}

static GstElement *
make_device_element (const char *name, gboolean source, GError **error)
{
  GstDeviceMonitor *monitor = gst_device_monitor_new ();
  GstElement *element = NULL;
  GList *devices;

  gst_device_monitor_add_filter (monitor, source ? "Audio/Source" : "Audio/Sink", NULL);
  devices = gst_device_monitor_get_devices (monitor);
  for (GList *l = devices; l != NULL && element == NULL; l = l->next)
    {
      g_autofree char *display = gst_device_get_display_name (l->data);
      if (g_strcmp0 (display, name) == 0)
        element = gst_device_create_element (l->data, NULL);
    }
  g_list_free_full (devices, gst_object_unref);
  gst_object_unref (monitor);
  if (element == NULL)
    g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA,
                 "No audio %s device named “%s”", source ? "capture" : "playback", name);
  return element;
}

static GstElement *
make_element (const char *factory, GError **error)
{
  GstElement *element = gst_element_factory_make (factory, NULL);

  if (element == NULL)
    g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA,
                 "GStreamer element %s is not installed", factory);
  return element;
}

static GstElement *
make_test_source (const char *wave, double freq)
{
  GstElement *src = gst_element_factory_make ("audiotestsrc", NULL);

  if (src == NULL)
    return NULL;
  gst_util_set_object_arg (G_OBJECT (src), "wave", wave);
  /* 20 ms buffers at the internal rate: one RTP packet each */
  g_object_set (src, "is-live", TRUE, "samplesperbuffer", INTERNAL_RATE / 50, "volume", 0.3,
                NULL);
  if (freq > 0)
    g_object_set (src, "freq", freq, NULL);
  return src;
}

GstElement *
sip_simple_audio_io_make_input (const char *spec, GError **error)
{
  double freq;

  if (!sip_simple_audio_io_check_input (spec, error))
    return NULL;
  if (spec == NULL || *spec == '\0' || g_str_equal (spec, "auto"))
    return make_element ("autoaudiosrc", error);
  if (g_str_equal (spec, "none") || g_str_equal (spec, "silence"))
    return make_test_source ("silence", 0);
  if (parse_tone (spec, &freq))
    return make_test_source ("sine", freq);
  if (is_scheme (spec, "file"))
    return make_wav_source (spec + 5, error);
  if (is_scheme (spec, "gst"))
    return make_from_description (spec + 4, error);
  if (is_scheme (spec, "pulse") || is_scheme (spec, "alsa"))
    {
      GstElement *src = make_element (is_scheme (spec, "pulse") ? "pulsesrc" : "alsasrc", error);
      if (src != NULL)
        g_object_set (src, "device", strchr (spec, ':') + 1, NULL);
      return src;
    }
  return make_device_element (spec, TRUE, error);
}

GstElement *
sip_simple_audio_io_make_output (const char *spec, GError **error)
{
  if (!sip_simple_audio_io_check_output (spec, error))
    return NULL;
  if (spec == NULL || *spec == '\0' || g_str_equal (spec, "auto"))
    return make_element ("autoaudiosink", error);
  if (g_str_equal (spec, "none"))
    {
      GstElement *sink = make_element ("fakesink", error);
      if (sink != NULL)
        g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);
      return sink;
    }
  if (is_scheme (spec, "file"))
    {
      GstElement *bin = gst_bin_new (NULL);
      GstElement *convert = make_element ("audioconvert", error);
      GstElement *enc = convert ? make_element ("wavenc", error) : NULL;
      GstElement *sink = enc ? make_element ("filesink", error) : NULL;
      GstPad *pad;

      if (sink == NULL)
        {
          g_clear_object (&convert);
          g_clear_object (&enc);
          gst_object_unref (gst_object_ref_sink (bin));
          return NULL;
        }
      /* The mixer in front paces the audio: no clock sync needed here. */
      g_object_set (sink, "location", spec + 5, "sync", FALSE, "async", FALSE, NULL);
      gst_bin_add_many (GST_BIN (bin), convert, enc, sink, NULL);
      gst_element_link_many (convert, enc, sink, NULL);
      pad = gst_element_get_static_pad (convert, "sink");
      gst_element_add_pad (bin, gst_ghost_pad_new ("sink", pad));
      gst_object_unref (pad);
      return bin;
    }
  if (is_scheme (spec, "gst"))
    return make_from_description (spec + 4, error);
  if (is_scheme (spec, "pulse") || is_scheme (spec, "alsa"))
    {
      GstElement *sink = make_element (is_scheme (spec, "pulse") ? "pulsesink" : "alsasink", error);
      if (sink != NULL)
        g_object_set (sink, "device", strchr (spec, ':') + 1, NULL);
      return sink;
    }
  return make_device_element (spec, FALSE, error);
}

GstElement *
sip_simple_audio_io_make_internal_filter (void)
{
  GstElement *filter = gst_element_factory_make ("capsfilter", NULL);
  g_autoptr (GstCaps) caps = gst_caps_from_string (SIP_SIMPLE_AUDIO_INTERNAL_CAPS);

  g_object_set (filter, "caps", caps, NULL);
  return filter;
}

GError *
sip_simple_audio_io_pipeline_error (GstMessage *message, char **debug_out)
{
  g_autoptr (GError) gst_error = NULL;

  gst_message_parse_error (message, &gst_error, debug_out);
  return g_error_new (SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA, "%s: %s",
                      GST_MESSAGE_SRC_NAME (message), gst_error->message);
}
