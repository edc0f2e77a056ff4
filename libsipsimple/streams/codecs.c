/* libsipsimple - codec tables (the audio one) and SDP format parsing
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/streams/media-stream.h>
#include "codecs-private.h"

#include <stdlib.h>
#include <string.h>

/* The codecs we negotiate, in no particular order (the order of
 * preference comes from the stream's `codecs` property). Payload types are
 * RFC 3551's static ones, or the dynamic number we offer. G.722 famously
 * runs at 16 kHz while its RTP clock says 8000 (RFC 3551 section 4.5.2). */
static const SipSimpleCodec codec_table[] = {
  { "opus", "opus", "OPUS", 48000, 2, 48000, -1, 111, "minptime=10;useinbandfec=1",
    "opusenc", "rtpopuspay", "rtpopusdepay", "opusdec" },
  { "G722", "G722", "G722", 8000, 0, 16000, 9, 9, NULL,
    "avenc_g722", "rtpg722pay", "rtpg722depay", "avdec_g722" },
  { "PCMU", "PCMU", "PCMU", 8000, 0, 8000, 0, 0, NULL,
    "mulawenc", "rtppcmupay", "rtppcmudepay", "mulawdec" },
  { "PCMA", "PCMA", "PCMA", 8000, 0, 8000, 8, 8, NULL,
    "alawenc", "rtppcmapay", "rtppcmadepay", "alawdec" },
};

static const SipSimpleCodecTable audio_table = {
  "audio", codec_table, G_N_ELEMENTS (codec_table), TRUE, "20",
};

const SipSimpleCodecTable *
sip_simple_audio_codec_table (void)
{
  return &audio_table;
}

const SipSimpleCodec *
sip_simple_codec_lookup (const SipSimpleCodecTable *table, const char *name)
{
  for (guint i = 0; i < table->n_codecs; i++)
    if (g_ascii_strcasecmp (table->codecs[i].name, name) == 0)
      return &table->codecs[i];
  return NULL;
}

const SipSimpleCodec *
sip_simple_codec_lookup_rtpmap (const SipSimpleCodecTable *table, const char *encoding_name,
                                guint clock_rate)
{
  for (guint i = 0; i < table->n_codecs; i++)
    if (g_ascii_strcasecmp (table->codecs[i].encoding_name, encoding_name) == 0
        && table->codecs[i].clock_rate == clock_rate)
      return &table->codecs[i];
  return NULL;
}

static gboolean
factory_exists (const char *name)
{
  GstElementFactory *factory = gst_element_factory_find (name);

  if (factory == NULL)
    return FALSE;
  gst_object_unref (factory);
  return TRUE;
}

/* Checked once per codec and process: whether all four elements are
 * installed (G.722 needs gstreamer1.0-libav, for instance). */
G_LOCK_DEFINE_STATIC (availability);
static GHashTable *availability; /* SipSimpleCodec * -> GINT_TO_POINTER (available + 1) */

gboolean
sip_simple_codec_is_available (const SipSimpleCodec *codec)
{
  static gsize gst_ready;
  gpointer     known;
  gboolean     available;

  g_return_val_if_fail (codec != NULL, FALSE);

  if (g_once_init_enter (&gst_ready))
    {
      gst_init (NULL, NULL);
      g_once_init_leave (&gst_ready, 1);
    }
  G_LOCK (availability);
  if (availability == NULL)
    availability = g_hash_table_new (NULL, NULL);
  known = g_hash_table_lookup (availability, codec);
  if (known != NULL)
    available = GPOINTER_TO_INT (known) - 1;
  else
    {
      available = factory_exists (codec->encoder) && factory_exists (codec->payloader)
                  && factory_exists (codec->depayloader) && factory_exists (codec->decoder);
      if (!available)
        g_debug ("codec %s unavailable: one of %s, %s, %s, %s is not installed", codec->name,
                 codec->encoder, codec->payloader, codec->depayloader, codec->decoder);
      g_hash_table_insert (availability, (gpointer)codec, GINT_TO_POINTER (available + 1));
    }
  G_UNLOCK (availability);
  return available;
}

char **
sip_simple_codec_list_available (const SipSimpleCodecTable *table)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **result;

  for (guint i = 0; i < table->n_codecs; i++)
    if (sip_simple_codec_is_available (&table->codecs[i]))
      g_strv_builder_add (builder, table->codecs[i].name);
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}

GstElement *
sip_simple_codec_make_encoder (const SipSimpleCodec *codec, GError **error)
{
  GstElement *encoder = gst_element_factory_make (codec->encoder, NULL);

  if (encoder == NULL)
    {
      g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA,
                   "GStreamer element %s (codec %s) is not available", codec->encoder,
                   codec->name);
      return NULL;
    }
  if (g_str_equal (codec->name, "opus"))
    {
      /* Speech in 20 ms frames, matching a=ptime, with in-band FEC as
       * advertised in our a=fmtp. */
      gst_util_set_object_arg (G_OBJECT (encoder), "audio-type", "voice");
      gst_util_set_object_arg (G_OBJECT (encoder), "frame-size", "20");
      g_object_set (encoder, "inband-fec", TRUE, "packet-loss-percentage", 5, NULL);
    }
  return encoder;
}

GstElement *
sip_simple_codec_make_decoder (const SipSimpleCodec *codec, GError **error)
{
  GstElement *decoder = gst_element_factory_make (codec->decoder, NULL);

  if (decoder == NULL)
    {
      g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA,
                   "GStreamer element %s (codec %s) is not available", codec->decoder,
                   codec->name);
      return NULL;
    }
  /* The jitter buffer reports lost packets: conceal them, from the FEC
   * data of the next packet where there is some. */
  if (g_str_equal (codec->name, "opus"))
    g_object_set (decoder, "plc", TRUE, "use-inband-fec", TRUE, NULL);
  return decoder;
}

GstCaps *
sip_simple_codec_rtp_caps (const SipSimpleCodecTable *table, const SipSimpleCodec *codec, guint pt)
{
  GstCaps *caps = gst_caps_new_simple ("application/x-rtp",
                                       "media", G_TYPE_STRING, table->media,
                                       "clock-rate", G_TYPE_INT, (int) codec->clock_rate,
                                       "encoding-name", G_TYPE_STRING, codec->gst_encoding,
                                       "payload", G_TYPE_INT, (int) pt,
                                       NULL);
  if (codec->channels > 1)
    gst_caps_set_simple (caps, "encoding-params", G_TYPE_STRING, "2", NULL);
  return caps;
}

guint
sip_simple_telephone_event_default_pt (guint clock_rate)
{
  return clock_rate == 48000 ? 110 : clock_rate == 16000 ? 102 : 101;
}

GstCaps *
sip_simple_telephone_event_rtp_caps (guint clock_rate, guint pt)
{
  return gst_caps_new_simple ("application/x-rtp",
                              "media", G_TYPE_STRING, "audio",
                              "clock-rate", G_TYPE_INT, (int) clock_rate,
                              "encoding-name", G_TYPE_STRING, "TELEPHONE-EVENT",
                              "payload", G_TYPE_INT, (int) pt,
                              NULL);
}

/* ---------------------------------------------------------------------- */

static void
format_clear (gpointer data)
{
  SipSimpleSdpFormat *format = data;

  g_free (format->encoding_name);
  g_free (format->fmtp);
}

/* A decimal number, nothing else, at most @max. */
static gboolean
parse_uint (const char *str, guint max, guint *out)
{
  guint64 value;

  if (str == NULL || !g_ascii_isdigit (*str))
    return FALSE;
  if (!g_ascii_string_to_unsigned (str, 10, 0, max, &value, NULL))
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

/* "PT rest": splits off the payload type of an a=rtpmap or a=fmtp value. */
static gboolean
split_pt (const char *value, guint *pt, const char **rest)
{
  g_autofree char *number = NULL;
  const char *space;

  if (value == NULL)
    return FALSE;
  space = strchr (value, ' ');
  if (space == NULL)
    return FALSE;
  number = g_strndup (value, space - value);
  if (!parse_uint (number, 127, pt))
    return FALSE;
  while (*space == ' ')
    space++;
  *rest = space;
  return TRUE;
}

static SipSimpleSdpFormat *
find_pt (GArray *formats, guint pt)
{
  for (guint i = 0; i < formats->len; i++)
    if (g_array_index (formats, SipSimpleSdpFormat, i).pt == pt)
      return &g_array_index (formats, SipSimpleSdpFormat, i);
  return NULL;
}

static void
identify (SipSimpleSdpFormat *format, const SipSimpleCodecTable *table)
{
  if (format->encoding_name == NULL)
    return;
  if (g_ascii_strcasecmp (format->encoding_name, SIP_SIMPLE_TELEPHONE_EVENT) == 0)
    format->telephone_event = TRUE;
  else
    format->codec
      = sip_simple_codec_lookup_rtpmap (table, format->encoding_name, format->clock_rate);
}

GArray *
sip_simple_sdp_parse_formats (const GstSDPMedia         *media,
                              const SipSimpleCodecTable *table,
                              GError                   **error)
{
  g_autoptr (GArray) formats = g_array_new (FALSE, TRUE, sizeof (SipSimpleSdpFormat));

  g_array_set_clear_func (formats, format_clear);

  for (guint i = 0; i < gst_sdp_media_formats_len (media); i++)
    {
      const char *fmt = gst_sdp_media_get_format (media, i);
      SipSimpleSdpFormat format = { 0 };

      if (!parse_uint (fmt, 127, &format.pt))
        {
          g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR,
                       SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP,
                       "Invalid RTP payload type “%s” in the m-line", fmt);
          return NULL;
        }
      if (find_pt (formats, format.pt) != NULL)
        continue;
      /* Static payload types need no a=rtpmap (RFC 3551 table 4) */
      for (guint c = 0; c < table->n_codecs; c++)
        if (table->codecs[c].static_pt == (gint) format.pt)
          {
            format.encoding_name = g_strdup (table->codecs[c].encoding_name);
            format.clock_rate = table->codecs[c].clock_rate;
            format.channels = 1;
          }
      g_array_append_val (formats, format);
    }

  for (guint i = 0; i < gst_sdp_media_attributes_len (media); i++)
    {
      const GstSDPAttribute *attr = gst_sdp_media_get_attribute (media, i);
      SipSimpleSdpFormat *format;
      const char *rest;
      guint pt;

      if (g_strcmp0 (attr->key, "rtpmap") == 0)
        {
          g_auto (GStrv) parts = NULL;
          guint clock_rate, channels = 1;

          if (!split_pt (attr->value, &pt, &rest))
            goto bad_rtpmap;
          parts = g_strsplit (rest, "/", 0);
          if (g_strv_length (parts) < 2 || g_strv_length (parts) > 3 || *parts[0] == '\0'
              || !parse_uint (parts[1], G_MAXINT, &clock_rate) || clock_rate == 0
              || (parts[2] != NULL && (!parse_uint (parts[2], 255, &channels) || channels == 0)))
            goto bad_rtpmap;
          format = find_pt (formats, pt);
          if (format == NULL)
            continue; /* describes a payload type the m-line does not list */
          g_free (format->encoding_name);
          format->encoding_name = g_strdup (parts[0]);
          format->clock_rate = clock_rate;
          format->channels = channels;
          continue;

        bad_rtpmap:
          g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR,
                       SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP, "Malformed a=rtpmap:%s",
                       attr->value ? attr->value : "");
          return NULL;
        }
      else if (g_strcmp0 (attr->key, "fmtp") == 0)
        {
          if (!split_pt (attr->value, &pt, &rest))
            continue; /* a=fmtp we could not use anyway */
          format = find_pt (formats, pt);
          if (format != NULL && format->fmtp == NULL)
            format->fmtp = g_strdup (rest);
        }
    }

  for (guint i = 0; i < formats->len; i++)
    identify (&g_array_index (formats, SipSimpleSdpFormat, i), table);

  return g_steal_pointer (&formats);
}

const SipSimpleSdpFormat *
sip_simple_sdp_formats_find_codec (GArray *formats, const SipSimpleCodec *codec)
{
  for (guint i = 0; i < formats->len; i++)
    if (g_array_index (formats, SipSimpleSdpFormat, i).codec == codec)
      return &g_array_index (formats, SipSimpleSdpFormat, i);
  return NULL;
}

const SipSimpleSdpFormat *
sip_simple_sdp_formats_find_telephone_event (GArray *formats, guint clock_rate)
{
  const SipSimpleSdpFormat *any = NULL;

  for (guint i = 0; i < formats->len; i++)
    {
      const SipSimpleSdpFormat *format = &g_array_index (formats, SipSimpleSdpFormat, i);
      if (format->telephone_event && format->clock_rate == clock_rate)
        return format;
      if (format->telephone_event && any == NULL)
        any = format;
    }
  /* RFC 4733 wants the audio codec's clock rate, but many phones (baresip)
   * use telephone-event/8000 with Opus: take what there is */
  return any;
}
