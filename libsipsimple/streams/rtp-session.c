/* libsipsimple - the GStreamer pipeline of an audio stream
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One pipeline per stream, in two parts. The I/O part lives as long as the
 * stream:
 *
 *   input ! clocksync ! audioconvert ! audioresample ! S16LE/48k/mono
 *         ! volume (mute) ! tee (allow-not-linked) ─┐
 *                                                    ▼  the RTP part
 *   audiotestsrc (live silence) ! audiomixer ◀──────┘
 *         ! S16LE/48k/mono ! volume (mute) ! output
 *
 * The silence keeps the output going in real time whatever arrives, so a
 * recording has the silence of a hold where it happened. The RTP part (a
 * bin) is made from the negotiated parameters and replaced as a whole on
 * a codec, key or transport change:
 *
 *   ! audioconvert ! audioresample ! caps ! encoder ! payloader ! valve
 *     ! rtpdtmfmux (priority: rtpdtmfsrc) ! rtpbin [srtpenc] ! udpsink|nicesink
 *   udpsrc|nicesrc ! rtpbin [srtpdec] ─ recv_rtp_src_0_SSRC_PT ─▶
 *     funnel ! depayloader ! decoder ! audioconvert ! audioresample ! caps
 *     funnel ! rtpdtmfdepay ! fakesink   (telephone-event: bus messages)
 *     funnel ! fakesink                  (anything else)
 *
 * RTCP runs on its own port (RTP port + 1 without ICE, component 2 with
 * ICE); no rtcp-mux.
 *
 * An input or output that fails (it cannot open: no sound card, no sound
 * server; or it posts an error later) is a device error, not a failure of
 * the media: it is replaced in place by live silence or a fakesink and
 * reported with "device-error"; RTP goes on. Whatever else fails, fails
 * the media ("error").
 */
#include <sipsimple/streams/audio-stream.h>
#include <sipsimple/streams/media-stream.h>
#include "sip/random-internal.h"
#include "audio-io-private.h"
#include "codecs-private.h"
#include "ice-private.h"
#include "srtp-private.h"
#include "rtp-session-private.h"

#include <stdio.h>
#include <string.h>

/* RFC 3550 allows a shorter minimum than 5 s; a two-party call can
 * afford one compound packet a second, and statistics (RTT) come sooner. */
#define RTCP_MIN_INTERVAL (1 * GST_SECOND)
#define OUTPUT_SLACK (20 * GST_MSECOND)

void
sip_simple_rtp_params_clear (SipSimpleRtpParams *params)
{
  g_clear_pointer (&params->recv_caps, g_ptr_array_unref);
  sip_simple_crypto_clear (&params->send_crypto);
  sip_simple_crypto_clear (&params->recv_crypto);
  g_clear_object (&params->ice);
  g_clear_object (&params->rtp_socket);
  g_clear_object (&params->rtcp_socket);
  g_clear_object (&params->remote_rtp);
  g_clear_object (&params->remote_rtcp);
  memset (params, 0, sizeof *params);
}

/* ---------------------------------------------------------------------- */
/* The RTP part                                                              */

typedef struct
{
  GstElement *bin;
  GstElement *rtpbin;
  GstElement *valve;
  GstElement *dtmfsrc;
  GstElement *funnel_audio;
  GstElement *funnel_dtmf;
  GstElement *funnel_other;
  GstElement *rtp_sink;  /* udpsink, or nicesink */
  GstElement *rtcp_sink;
  GstElement *srtpenc;
  GstElement *srtpdec;
  GstCaps    *srtpdec_caps;
  /* read from streaming threads: never changed while the bin exists */
  GPtrArray  *recv_caps;
  const SipSimpleCodec *codec;
  guint       send_pt;
  gint        send_te_pt;
  guint       send_te_clock_rate;
  gboolean    srtp;
  SipSimpleCrypto send_crypto;
  SipSimpleCrypto recv_crypto;
  SipSimpleIceTransport *ice;
  guint       latency;
} RtpCore;

static void
rtp_core_free (RtpCore *core)
{
  if (core == NULL)
    return;
  if (core->rtpbin != NULL)
    g_signal_handlers_disconnect_by_data (core->rtpbin, core);
  if (core->srtpdec != NULL)
    g_signal_handlers_disconnect_by_data (core->srtpdec, core);
  g_clear_object (&core->bin);
  g_clear_object (&core->srtpenc);
  g_clear_object (&core->srtpdec);
  g_clear_pointer (&core->srtpdec_caps, gst_caps_unref);
  g_clear_pointer (&core->recv_caps, g_ptr_array_unref);
  sip_simple_crypto_clear (&core->send_crypto);
  sip_simple_crypto_clear (&core->recv_crypto);
  g_clear_object (&core->ice);
  g_free (core);
}

static GstCaps *
find_recv_caps (RtpCore *core, guint pt)
{
  for (guint i = 0; i < core->recv_caps->len; i++)
    {
      GstCaps *caps = g_ptr_array_index (core->recv_caps, i);
      int payload;
      if (gst_structure_get_int (gst_caps_get_structure (caps, 0), "payload", &payload)
          && payload == (int) pt)
        return caps;
    }
  return NULL;
}

/* rtpbin signals: streaming threads, immutable data only */
static GstCaps *
on_request_pt_map (GstElement *rtpbin, guint session, guint pt, gpointer user_data)
{
  GstCaps *caps = find_recv_caps (user_data, pt);

  return caps ? gst_caps_ref (caps) : NULL;
}

static GstElement *
on_request_encoder (GstElement *rtpbin, guint session, gpointer user_data)
{
  RtpCore *core = user_data;

  return core->srtpenc ? gst_object_ref (core->srtpenc) : NULL;
}

static GstElement *
on_request_decoder (GstElement *rtpbin, guint session, gpointer user_data)
{
  RtpCore *core = user_data;

  return core->srtpdec ? gst_object_ref (core->srtpdec) : NULL;
}

static GstCaps *
on_request_key (GstElement *srtpdec, guint ssrc, gpointer user_data)
{
  RtpCore *core = user_data;

  return gst_caps_ref (core->srtpdec_caps);
}

static void
link_to_funnel (GstPad *pad, GstElement *funnel)
{
  GstPad *sink = gst_element_request_pad_simple (funnel, "sink_%u");

  if (gst_pad_link (pad, sink) != GST_PAD_LINK_OK)
    {
      g_warning ("Cannot link %s:%s", GST_DEBUG_PAD_NAME (pad));
      gst_element_release_request_pad (funnel, sink);
    }
  gst_object_unref (sink);
}

/* A new remote SSRC/payload type: linked here, on the streaming thread,
 * so no packet finds its pad unlinked; only GStreamer objects are
 * touched. */
static void
on_pad_added (GstElement *rtpbin, GstPad *pad, gpointer user_data)
{
  RtpCore *core = user_data;
  g_autofree char *name = gst_pad_get_name (pad);
  guint session, ssrc, pt;
  GstCaps *caps;
  const char *encoding = NULL;
  GstElement *funnel;

  if (sscanf (name, "recv_rtp_src_%u_%u_%u", &session, &ssrc, &pt) != 3)
    return;
  caps = find_recv_caps (core, pt);
  if (caps != NULL)
    encoding = gst_structure_get_string (gst_caps_get_structure (caps, 0), "encoding-name");
  if (g_strcmp0 (encoding, "TELEPHONE-EVENT") == 0)
    funnel = core->funnel_dtmf;
  else if (encoding != NULL && g_ascii_strcasecmp (encoding, core->codec->gst_encoding) == 0)
    funnel = core->funnel_audio;
  else
    funnel = core->funnel_other;
  g_debug ("RTP from SSRC %08x, payload type %u (%s)", ssrc, pt, encoding ? encoding : "?");
  link_to_funnel (pad, funnel);
  /* the receive branch adds the jitter buffer's latency */
  gst_element_post_message (rtpbin, gst_message_new_latency (GST_OBJECT (rtpbin)));
}

static void
on_pad_removed (GstElement *rtpbin, GstPad *pad, gpointer user_data)
{
  GstPad *peer = gst_pad_get_peer (pad);
  GstElement *funnel;

  if (peer == NULL)
    return;
  funnel = gst_pad_get_parent_element (peer);
  gst_pad_unlink (pad, peer);
  if (funnel != NULL)
    {
      gst_element_release_request_pad (funnel, peer);
      gst_object_unref (funnel);
    }
  gst_object_unref (peer);
}

static GstElement *
add (GstBin *bin, const char *factory, const char *name, GError **error)
{
  GstElement *element = gst_element_factory_make (factory, name);

  if (element == NULL)
    {
      g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA,
                   "GStreamer element %s is not installed", factory);
      return NULL;
    }
  gst_bin_add (bin, element);
  return element;
}

static gboolean
link_pads (GstElement *src, const char *src_pad, GstElement *sink, const char *sink_pad,
           GError **error)
{
  if (gst_element_link_pads (src, src_pad, sink, sink_pad))
    return TRUE;
  g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA,
               "Cannot link %s to %s", GST_ELEMENT_NAME (src), GST_ELEMENT_NAME (sink));
  return FALSE;
}

static gboolean
link_many (GError **error, GstElement *first, ...)
{
  va_list args;
  GstElement *prev = first, *next;
  gboolean ok = TRUE;

  va_start (args, first);
  while (ok && (next = va_arg (args, GstElement *)) != NULL)
    {
      ok = link_pads (prev, NULL, next, NULL, error);
      prev = next;
    }
  va_end (args);
  return ok;
}

static GstElement *
make_udp_sink (RtpCore *core, GSocket *socket, GInetSocketAddress *to, const char *name)
{
  GstElement *sink = add (GST_BIN (core->bin), "udpsink", name, NULL);
  g_autofree char *host = NULL;

  if (sink == NULL)
    return NULL;
  /* Sent from the socket we receive on: symmetric RTP, and the port in
   * our SDP is the port the peer sees. */
  g_object_set (sink, "socket", socket, "close-socket", FALSE, "sync", FALSE, "async", FALSE,
                NULL);
  if (to != NULL)
    {
      host = g_inet_address_to_string (g_inet_socket_address_get_address (to));
      g_object_set (sink, "host", host, "port", (int) g_inet_socket_address_get_port (to), NULL);
    }
  return sink;
}

static GstElement *
make_udp_src (RtpCore *core, GSocket *socket, const char *media_type, const char *name)
{
  GstElement *src = add (GST_BIN (core->bin), "udpsrc", name, NULL);
  g_autoptr (GstCaps) caps = gst_caps_new_empty_simple (media_type);

  if (src == NULL)
    return NULL;
  g_object_set (src, "socket", socket, "close-socket", FALSE, "caps", caps, NULL);
  return src;
}

static GstElement *
make_nice_src (RtpCore *core, guint component, const char *media_type, GError **error)
{
  GstElement *src = add (GST_BIN (core->bin), "nicesrc", NULL, error);
  GstElement *filter;
  g_autoptr (GstCaps) caps = gst_caps_new_empty_simple (media_type);

  if (src == NULL)
    return NULL;
  g_object_set (src, "agent", sip_simple_ice_transport_get_agent (core->ice),
                "stream", sip_simple_ice_transport_get_stream_id (core->ice),
                "component", component, NULL);
  filter = add (GST_BIN (core->bin), "capsfilter", NULL, error);
  g_object_set (filter, "caps", caps, NULL);
  if (!link_pads (src, NULL, filter, NULL, error))
    return NULL;
  return filter;
}

static GstElement *
make_nice_sink (RtpCore *core, guint component, GError **error)
{
  GstElement *sink = add (GST_BIN (core->bin), "nicesink", NULL, error);

  if (sink == NULL)
    return NULL;
  g_object_set (sink, "agent", sip_simple_ice_transport_get_agent (core->ice),
                "stream", sip_simple_ice_transport_get_stream_id (core->ice),
                "component", component, "sync", FALSE, "async", FALSE, NULL);
  return sink;
}

static GstElement *
make_capsfilter (RtpCore *core, const char *caps_string)
{
  GstElement *filter = add (GST_BIN (core->bin), "capsfilter", NULL, NULL);
  g_autoptr (GstCaps) caps = gst_caps_from_string (caps_string);

  g_object_set (filter, "caps", caps, NULL);
  return filter;
}

static void
ghost (GstElement *bin, GstElement *element, const char *pad_name, const char *ghost_name)
{
  GstPad *pad = gst_element_get_static_pad (element, pad_name);

  gst_element_add_pad (bin, gst_ghost_pad_new (ghost_name, pad));
  gst_object_unref (pad);
}

/* The jitter buffer appears with the first packet, so until then the RTP
 * part's output would answer latency queries without it: a replacement
 * part, recalculated in, would lower the mixer's latency, the mixer would
 * run ahead and drop the first buffers the jitter buffer then releases.
 * Announce the jitter buffer from the start. */
static GstPadProbeReturn
on_output_query (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  GstQuery *query = GST_PAD_PROBE_INFO_QUERY (info);
  GstClockTime jitter_buffer = GPOINTER_TO_UINT (user_data) * GST_MSECOND;
  GstClockTime min, max;
  gboolean live;

  if (GST_QUERY_TYPE (query) != GST_QUERY_LATENCY)
    return GST_PAD_PROBE_OK;
  gst_query_parse_latency (query, &live, &min, &max);
  min = MAX (min, jitter_buffer);
  if (GST_CLOCK_TIME_IS_VALID (max) && max < min)
    max = min;
  gst_query_set_latency (query, TRUE, min, max);
  return GST_PAD_PROBE_OK;
}

static RtpCore *
rtp_core_new (const SipSimpleRtpParams *params, GError **error)
{
  RtpCore *core = g_new0 (RtpCore, 1);
  GstBin *bin;
  GstElement *convert, *resample, *filter, *encoder, *payloader, *mux;
  GstElement *depay, *decoder, *dconvert, *dresample, *dfilter, *dtmfdepay, *fakesink;
  GstElement *rtp_src, *rtcp_src;
  g_autofree char *raw_caps = NULL;
  g_autofree char *cname = NULL;
  g_autoptr (GObject) session = NULL;
  g_autoptr (GstStructure) sdes = NULL;
  gboolean srtp = params->send_crypto.suite != SIP_SIMPLE_SRTP_SUITE_NONE;
  const char *rtp_type = srtp ? "application/x-srtp" : "application/x-rtp";
  const char *rtcp_type = srtp ? "application/x-srtcp" : "application/x-rtcp";

  core->bin = gst_object_ref_sink (gst_bin_new (NULL));
  bin = GST_BIN (core->bin);
  core->codec = params->codec;
  core->send_pt = params->send_pt;
  core->send_te_pt = params->send_te_pt;
  core->send_te_clock_rate = params->send_te_clock_rate;
  core->recv_caps = g_ptr_array_ref (params->recv_caps);
  core->srtp = srtp;
  sip_simple_crypto_copy (&core->send_crypto, &params->send_crypto);
  sip_simple_crypto_copy (&core->recv_crypto, &params->recv_crypto);
  core->ice = params->ice ? g_object_ref (params->ice) : NULL;
  core->latency = params->latency;

  /* rtpbin, and SRTP inside it */
  if (!(core->rtpbin = add (bin, "rtpbin", NULL, error)))
    goto failed;
  /* A random CNAME (RFC 7022: at least 96 bits from a CSPRNG) rather
   * than user@host, so calls cannot be linked by it */
  cname = sip_simple_random_hex (16);
  sdes = gst_structure_new ("application/x-rtp-source-sdes", "cname", G_TYPE_STRING, cname,
                            "tool", G_TYPE_STRING, "libsipsimple", NULL);
  g_object_set (core->rtpbin, "latency", params->latency, "do-lost", TRUE, "autoremove", TRUE,
                "sdes", sdes, NULL);
  g_signal_connect (core->rtpbin, "request-pt-map", G_CALLBACK (on_request_pt_map), core);
  g_signal_connect (core->rtpbin, "pad-added", G_CALLBACK (on_pad_added), core);
  g_signal_connect (core->rtpbin, "pad-removed", G_CALLBACK (on_pad_removed), core);
  if (srtp)
    {
      core->srtpenc = sip_simple_srtp_make_encoder (&params->send_crypto);
      core->srtpdec = gst_element_factory_make ("srtpdec", NULL);
      if (core->srtpenc == NULL || core->srtpdec == NULL)
        {
          g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA,
                       "SRTP needs the srtpenc and srtpdec elements (gstreamer1.0-plugins-bad)");
          goto failed;
        }
      gst_object_ref_sink (core->srtpenc);
      gst_object_ref_sink (core->srtpdec);
      core->srtpdec_caps = sip_simple_srtp_make_decoder_caps (&params->recv_crypto);
      g_signal_connect (core->srtpdec, "request-key", G_CALLBACK (on_request_key), core);
      /* rtpbin links the encoder's rtp_sink_0/rtcp_sink_0: request them */
      gst_object_unref (gst_element_request_pad_simple (core->srtpenc, "rtp_sink_0"));
      gst_object_unref (gst_element_request_pad_simple (core->srtpenc, "rtcp_sink_0"));
      g_signal_connect (core->rtpbin, "request-rtp-encoder", G_CALLBACK (on_request_encoder), core);
      g_signal_connect (core->rtpbin, "request-rtcp-encoder", G_CALLBACK (on_request_encoder), core);
      g_signal_connect (core->rtpbin, "request-rtp-decoder", G_CALLBACK (on_request_decoder), core);
      g_signal_connect (core->rtpbin, "request-rtcp-decoder", G_CALLBACK (on_request_decoder), core);
    }

  /* sending: raw audio to RTP */
  raw_caps = g_strdup_printf ("audio/x-raw,rate=%u,channels=1", params->codec->sample_rate);
  if (!(convert = add (bin, "audioconvert", NULL, error))
      || !(resample = add (bin, "audioresample", NULL, error))
      || !(encoder = sip_simple_codec_make_encoder (params->codec, error)))
    goto failed;
  filter = make_capsfilter (core, raw_caps);
  gst_bin_add (bin, encoder);
  if (!(payloader = add (bin, params->codec->payloader, NULL, error))
      || !(core->valve = add (bin, "valve", NULL, error))
      || !(mux = add (bin, "rtpdtmfmux", NULL, error)))
    goto failed;
  g_object_set (payloader, "pt", params->send_pt, "min-ptime", (gint64) 20 * GST_MSECOND,
                "max-ptime", (gint64) 20 * GST_MSECOND, NULL);
  g_object_set (core->valve, "drop", TRUE, NULL);
  if (!link_many (error, convert, resample, filter, encoder, payloader, core->valve, NULL)
      || !link_pads (core->valve, NULL, mux, "sink_%u", error))
    goto failed;
  ghost (core->bin, convert, "sink", "sink");
  if (params->send_te_pt >= 0)
    {
      if (!(core->dtmfsrc = add (bin, "rtpdtmfsrc", NULL, error)))
        goto failed;
      g_object_set (core->dtmfsrc, "pt", params->send_te_pt,
                    "clock-rate", params->send_te_clock_rate ? params->send_te_clock_rate
                                                             : params->codec->clock_rate, NULL);
      if (!link_pads (core->dtmfsrc, NULL, mux, "priority_sink_%u", error))
        goto failed;
    }
  if (!link_pads (mux, NULL, core->rtpbin, "send_rtp_sink_0", error))
    goto failed;

  /* receiving: RTP to raw audio, telephone-event to bus messages */
  if (!(core->funnel_audio = add (bin, "funnel", NULL, error))
      || !(depay = add (bin, params->codec->depayloader, NULL, error))
      || !(decoder = sip_simple_codec_make_decoder (params->codec, error)))
    goto failed;
  gst_bin_add (bin, decoder);
  if (!(dconvert = add (bin, "audioconvert", NULL, error))
      || !(dresample = add (bin, "audioresample", NULL, error)))
    goto failed;
  dfilter = make_capsfilter (core, SIP_SIMPLE_AUDIO_INTERNAL_CAPS);
  if (!link_many (error, core->funnel_audio, depay, decoder, dconvert, dresample, dfilter, NULL))
    goto failed;
  ghost (core->bin, dfilter, "src", "src");
  {
    GstPad *src = gst_element_get_static_pad (core->bin, "src");

    gst_pad_add_probe (src, GST_PAD_PROBE_TYPE_QUERY_UPSTREAM | GST_PAD_PROBE_TYPE_PULL,
                       on_output_query, GUINT_TO_POINTER (params->latency), NULL);
    gst_object_unref (src);
  }
  if (!(core->funnel_dtmf = add (bin, "funnel", NULL, error))
      || !(dtmfdepay = add (bin, "rtpdtmfdepay", NULL, error))
      || !(fakesink = add (bin, "fakesink", NULL, error)))
    goto failed;
  g_object_set (fakesink, "sync", FALSE, "async", FALSE, NULL);
  if (!link_many (error, core->funnel_dtmf, dtmfdepay, fakesink, NULL))
    goto failed;
  if (!(core->funnel_other = add (bin, "funnel", NULL, error))
      || !(fakesink = add (bin, "fakesink", NULL, error)))
    goto failed;
  g_object_set (fakesink, "sync", FALSE, "async", FALSE, NULL);
  if (!link_many (error, core->funnel_other, fakesink, NULL))
    goto failed;

  /* the network */
  if (params->ice != NULL)
    {
      if (!(rtp_src = make_nice_src (core, 1, rtp_type, error))
          || !(rtcp_src = make_nice_src (core, 2, rtcp_type, error))
          || !(core->rtp_sink = make_nice_sink (core, 1, error))
          || !(core->rtcp_sink = make_nice_sink (core, 2, error)))
        goto failed;
    }
  else
    {
      if (!(rtp_src = make_udp_src (core, params->rtp_socket, rtp_type, "rtp-src"))
          || !(rtcp_src = make_udp_src (core, params->rtcp_socket, rtcp_type, "rtcp-src"))
          || !(core->rtp_sink = make_udp_sink (core, params->rtp_socket, params->remote_rtp,
                                               "rtp-sink"))
          || !(core->rtcp_sink = make_udp_sink (core, params->rtcp_socket, params->remote_rtcp,
                                                "rtcp-sink")))
        {
          g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA,
                       "GStreamer's udpsrc/udpsink are not installed");
          goto failed;
        }
    }
  if (!link_pads (core->rtpbin, "send_rtp_src_0", core->rtp_sink, NULL, error)
      || !link_pads (core->rtpbin, "send_rtcp_src_0", core->rtcp_sink, NULL, error)
      || !link_pads (rtp_src, NULL, core->rtpbin, "recv_rtp_sink_0", error)
      || !link_pads (rtcp_src, NULL, core->rtpbin, "recv_rtcp_sink_0", error))
    goto failed;

  g_signal_emit_by_name (core->rtpbin, "get-internal-session", 0, &session);
  if (session != NULL)
    g_object_set (session, "rtcp-min-interval", (guint64) RTCP_MIN_INTERVAL, NULL);
  return core;

failed:
  rtp_core_free (core);
  return NULL;
}

/* ---------------------------------------------------------------------- */

/* The input or the output of the I/O part */
typedef struct
{
  GstElement *element;   /* in the pipeline (a reference) */
  GstElement *neighbour; /* clocksync after the input, the resampler before the output */
  GstElement *failed;    /* the configured element once replaced, kept: its messages may
                          * still be queued */
  gboolean    failing;   /* it posted an error (set on the posting thread, under io_lock) */
  gboolean    reported;
} IoSlot;

struct _SipSimpleRtpSession
{
  GObject parent_instance;

  GMainContext *context;
  GstElement   *pipeline;
  GSource      *bus_source;
  GstElement   *input_volume;
  GstElement   *tee;
  GstElement   *mixer;
  GstElement   *output_volume;
  GstElement   *output_entry; /* first element after the mixer's volume */
  GMutex        io_lock;      /* the slots' element and failing, for the bus sync handler */
  IoSlot        in;
  IoSlot        out;
  GstPad       *tee_pad;   /* feeding the RTP part */
  GstPad       *mixer_pad; /* fed by the RTP part */
  RtpCore      *core;
  gboolean      sending;
  gboolean      playing;
  gboolean      stopped;
};

enum {
  SIGNAL_PLAYING,
  SIGNAL_ERROR,
  SIGNAL_DTMF,
  SIGNAL_DEVICE_ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SipSimpleRtpSession, sip_simple_rtp_session, G_TYPE_OBJECT)

static void
detach_core (SipSimpleRtpSession *self)
{
  RtpCore *core = g_steal_pointer (&self->core);

  if (core == NULL)
    return;
  /* The tee marks a released pad removed first, so a push racing with
   * this ends as not-linked, which the tee allows: the input goes on. */
  if (self->tee_pad != NULL)
    {
      gst_element_release_request_pad (self->tee, self->tee_pad);
      g_clear_object (&self->tee_pad);
    }
  gst_element_set_locked_state (core->bin, TRUE);
  gst_element_set_state (core->bin, GST_STATE_NULL);
  if (self->mixer_pad != NULL)
    {
      gst_element_release_request_pad (self->mixer, self->mixer_pad);
      g_clear_object (&self->mixer_pad);
    }
  gst_bin_remove (GST_BIN (self->pipeline), core->bin);
  rtp_core_free (core);
}

static gboolean
attach_core (SipSimpleRtpSession *self, RtpCore *core, GError **error)
{
  GstPad *sink = gst_element_get_static_pad (core->bin, "sink");
  GstPad *src = gst_element_get_static_pad (core->bin, "src");
  gboolean ok;

  gst_bin_add (GST_BIN (self->pipeline), core->bin);
  self->core = core;
  g_object_set (core->valve, "drop", !self->sending, NULL);
  /* Downstream first, then the state, then the tee: in a running
   * pipeline the tee pushes as soon as its pad is linked, and a push into
   * a bin still in NULL returns FLUSHING, which the tee passes upstream:
   * the input's live source then pauses its task for good and the call
   * goes silent. (Before the pipeline starts this leaves the bin in
   * NULL.) */
  self->mixer_pad = gst_element_request_pad_simple (self->mixer, "sink_%u");
  ok = gst_pad_link (src, self->mixer_pad) == GST_PAD_LINK_OK;
  if (ok && !gst_element_sync_state_with_parent (core->bin))
    {
      g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA,
                   "The new RTP part of the pipeline does not start");
      gst_object_unref (sink);
      gst_object_unref (src);
      return FALSE;
    }
  if (ok)
    {
      self->tee_pad = gst_element_request_pad_simple (self->tee, "src_%u");
      ok = gst_pad_link (self->tee_pad, sink) == GST_PAD_LINK_OK;
    }
  gst_object_unref (sink);
  gst_object_unref (src);
  if (!ok)
    {
      g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA,
                   "Cannot link the RTP part of the pipeline");
      return FALSE;
    }
  if (self->playing)
    gst_bin_recalculate_latency (GST_BIN (self->pipeline));
  return TRUE;
}

static void
emit_error (SipSimpleRtpSession *self, GError *error)
{
  g_signal_emit (self, signals[SIGNAL_ERROR], 0, error);
}

static gboolean
is_dtmf_depayloader (GstElement *element)
{
  GstElementFactory *factory = gst_element_get_factory (element);

  return factory != NULL
         && g_str_equal (gst_plugin_feature_get_name (GST_PLUGIN_FEATURE (factory)), "rtpdtmfdepay");
}

/* ---------------------------------------------------------------------- */
/* Device errors: a failed input or output is replaced, the media goes on   */

/* A bus message of the input or output carries which, and which of its
 * elements posted it (the configured one, or the fallback that replaced
 * it): told when it is posted, since by the time the main loop sees it
 * the element may have left the pipeline, and autoaudiosrc in NULL drops
 * the child that posted. */
static GQuark
io_tag_quark (void)
{
  return g_quark_from_static_string ("sipsimple-audio-io");
}

#define TAG(slot_index, fallback) GUINT_TO_POINTER (1 + (slot_index) + 2 * (fallback))

static gboolean
untag (GstMessage *message, guint *slot_index, gboolean *fallback)
{
  guint tag =
    GPOINTER_TO_UINT (gst_mini_object_get_qdata (GST_MINI_OBJECT (message), io_tag_quark ()));

  if (tag == 0)
    return FALSE;
  *slot_index = (tag - 1) % 2;
  *fallback = (tag - 1) / 2;
  return TRUE;
}

static void
tag (GstMessage *message, guint slot_index, gboolean fallback)
{
  gst_mini_object_set_qdata (GST_MINI_OBJECT (message), io_tag_quark (),
                             TAG (slot_index, fallback), NULL);
}

static gboolean
from_element (GstMessage *message, GstElement *element)
{
  /* the element itself or anything inside it: autoaudiosrc, a gst:
   * description or a file recorder are bins, and it is their child (the
   * actual pulsesrc, say) that posts */
  return GST_MESSAGE_SRC (message) != NULL
         && gst_object_has_as_ancestor (GST_MESSAGE_SRC (message), GST_OBJECT (element));
}

/* On the thread that posts (a streaming thread, or ours during a state
 * change): tags the messages of the input and output. An input that
 * fails pushes end-of-stream right after its error, and that must not
 * reach the RTP part (rtpbin would say BYE): the slot is marked failing
 * here, before the push. */
static GstBusSyncReply
on_bus_sync (GstBus *bus, GstMessage *message, gpointer user_data)
{
  SipSimpleRtpSession *self = user_data;
  IoSlot *slots[] = { &self->in, &self->out };

  if (GST_MESSAGE_TYPE (message) != GST_MESSAGE_ERROR
      && GST_MESSAGE_TYPE (message) != GST_MESSAGE_WARNING)
    return GST_BUS_PASS;
  g_mutex_lock (&self->io_lock);
  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    if (slots[i]->failed != NULL && from_element (message, slots[i]->failed))
      {
        tag (message, i, FALSE); /* more from the one replaced */
        break;
      }
    else if (slots[i]->element != NULL && from_element (message, slots[i]->element))
      {
        gboolean fallback = slots[i]->failed != NULL;

        tag (message, i, fallback);
        if (!fallback && GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
          slots[i]->failing = TRUE;
        break;
      }
  g_mutex_unlock (&self->io_lock);
  return GST_BUS_PASS;
}

/* on clocksync's sink pad, on the input's streaming thread */
static GstPadProbeReturn
on_input_event (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  SipSimpleRtpSession *self = user_data;
  gboolean failing;

  if (GST_EVENT_TYPE (GST_PAD_PROBE_INFO_EVENT (info)) != GST_EVENT_EOS)
    return GST_PAD_PROBE_OK;
  g_mutex_lock (&self->io_lock);
  failing = self->in.failing;
  g_mutex_unlock (&self->io_lock);
  return failing ? GST_PAD_PROBE_DROP : GST_PAD_PROBE_OK;
}

/* On the output's streaming thread (the mixer's), for each buffer to the
 * output: it goes in here, and what the output returns stays here. An
 * output that fails returns an error, and the mixer would stop on it and
 * pass it upstream to everything it mixes (the RTP part's receiving side
 * included); a failed output is replaced instead. Unlinked (while it is
 * replaced): the buffer is dropped. */
static GstPadProbeReturn
on_output_buffer (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
  GstPad *peer = gst_pad_get_peer (pad);
  GstFlowReturn ret = GST_FLOW_OK;

  if (peer != NULL)
    {
      ret = gst_pad_chain (peer, buffer);
      gst_object_unref (peer);
    }
  else
    gst_buffer_unref (buffer);
  GST_PAD_PROBE_INFO_FLOW_RETURN (info) = ret == GST_FLOW_EOS ? GST_FLOW_EOS : GST_FLOW_OK;
  return GST_PAD_PROBE_HANDLED;
}

/* Replaces the slot's element by live silence (input) or a fakesink
 * (output), in whatever state the pipeline is. */
static void
replace_io (SipSimpleRtpSession *self, IoSlot *slot)
{
  gboolean input = slot == &self->in;
  GstElement *failed = slot->element;
  GstElement *fallback = input ? sip_simple_audio_io_make_input ("silence", NULL)
                               : sip_simple_audio_io_make_output ("none", NULL);

  g_debug ("audio %s %s failed: replaced by %s", input ? "input" : "output",
           GST_ELEMENT_NAME (failed), input ? "silence" : "a fakesink");
  if (input)
    gst_element_unlink (failed, slot->neighbour);
  else
    gst_element_unlink (slot->neighbour, failed);
  /* marked replaced first: what it posts from now on is no news */
  g_mutex_lock (&self->io_lock);
  slot->failed = failed; /* the reference slot->element had */
  slot->element = NULL;
  g_mutex_unlock (&self->io_lock);
  gst_element_set_locked_state (failed, TRUE);
  gst_element_set_state (failed, GST_STATE_NULL);
  gst_bin_remove (GST_BIN (self->pipeline), failed);
  gst_bin_add (GST_BIN (self->pipeline), fallback);
  if (input)
    gst_element_link (fallback, slot->neighbour);
  else
    gst_element_link (slot->neighbour, fallback);
  g_mutex_lock (&self->io_lock);
  slot->element = gst_object_ref (fallback);
  g_mutex_unlock (&self->io_lock);
  gst_element_sync_state_with_parent (fallback);
  if (self->playing)
    gst_bin_recalculate_latency (GST_BIN (self->pipeline));
}

static void
report_device_error (SipSimpleRtpSession *self, IoSlot *slot, GError *error)
{
  if (slot->reported)
    return;
  slot->reported = TRUE;
  g_debug ("audio %s device error: %s", slot == &self->in ? "input" : "output", error->message);
  g_signal_emit (self, signals[SIGNAL_DEVICE_ERROR], 0, error, slot == &self->in);
}

#define DEVICE_FAILED "sipsimple-device-failed"

/* Before the pipeline starts: an input or output that does not open (most
 * do that going to READY) is replaced at once. Its error, if it posted
 * one, is on the bus; a message of ours follows it, for one that did
 * not. */
static void
open_io (SipSimpleRtpSession *self, IoSlot *slot)
{
  g_autoptr (GstBus) bus = NULL;
  GstElement *failed = slot->element;
  GstMessage *message;

  if (gst_element_set_state (failed, GST_STATE_READY) != GST_STATE_CHANGE_FAILURE)
    return;
  message = gst_message_new_application (GST_OBJECT (failed),
                                         gst_structure_new_empty (DEVICE_FAILED));
  tag (message, slot == &self->in ? 0 : 1, FALSE);
  replace_io (self, slot);
  bus = gst_pipeline_get_bus (GST_PIPELINE (self->pipeline));
  gst_bus_post (bus, message);
}

static gboolean
is_autodetect (GstObject *object)
{
  GstElementFactory *factory =
    GST_IS_ELEMENT (object) ? gst_element_get_factory (GST_ELEMENT (object)) : NULL;
  const char *name = factory ? gst_plugin_feature_get_name (GST_PLUGIN_FEATURE (factory)) : NULL;

  return g_strcmp0 (name, "autoaudiosrc") == 0 || g_strcmp0 (name, "autoaudiosink") == 0;
}

/* A bus message of the configured input or output: TRUE if it was one
 * (then handled here). What the fallbacks post is not: their failing
 * fails the media. */
static gboolean
handle_io_message (SipSimpleRtpSession *self, GstMessage *message)
{
  IoSlot *slots[] = { &self->in, &self->out };
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) warning = NULL;
  gboolean fallback;
  guint index;
  IoSlot *slot;

  if (!untag (message, &index, &fallback) || fallback)
    return FALSE;
  slot = slots[index];
  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ERROR:
      error = sip_simple_audio_io_pipeline_error (message, NULL);
      /* else replaced already: it did not open, or this is its second word */
      if (slot->failed == NULL)
        replace_io (self, slot);
      report_device_error (self, slot, error);
      return TRUE;
    case GST_MESSAGE_APPLICATION:
      if (!gst_message_has_name (message, DEVICE_FAILED))
        return FALSE;
      error = g_error_new (SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA,
                           "%s: the audio %s cannot be opened", GST_MESSAGE_SRC_NAME (message),
                           slot == &self->in ? "input" : "output");
      report_device_error (self, slot, error);
      return TRUE;
    case GST_MESSAGE_WARNING:
      /* autoaudiosrc/autoaudiosink found no device that opens and went
       * on with silence or a fakesink of its own: no error follows */
      gst_message_parse_warning (message, &warning, NULL);
      if (slot->failed != NULL || !is_autodetect (GST_MESSAGE_SRC (message))
          || warning->domain != GST_RESOURCE_ERROR)
        return FALSE;
      error = g_error_new (SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA,
                           "%s: no audio %s device could be opened",
                           GST_MESSAGE_SRC_NAME (message), slot == &self->in ? "input" : "output");
      report_device_error (self, slot, error);
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
on_bus_message (GstBus *bus, GstMessage *message, gpointer user_data)
{
  SipSimpleRtpSession *self = user_data;

  if (handle_io_message (self, message))
    return G_SOURCE_CONTINUE;
  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ERROR:
      {
        g_autofree char *debug = NULL;
        g_autoptr (GError) error = sip_simple_audio_io_pipeline_error (message, &debug);

        g_debug ("pipeline error from %s (%s)", error->message, debug ? debug : "");
        emit_error (self, error);
        break;
      }
    case GST_MESSAGE_WARNING:
      {
        g_autoptr (GError) gst_error = NULL;
        gst_message_parse_warning (message, &gst_error, NULL);
        g_debug ("pipeline warning from %s: %s", GST_MESSAGE_SRC_NAME (message),
                 gst_error->message);
        break;
      }
    case GST_MESSAGE_LATENCY:
      gst_bin_recalculate_latency (GST_BIN (self->pipeline));
      break;
    case GST_MESSAGE_STATE_CHANGED:
      if (GST_MESSAGE_SRC (message) == GST_OBJECT (self->pipeline) && !self->stopped)
        {
          GstState new_state;
          gst_message_parse_state_changed (message, NULL, &new_state, NULL);
          if (new_state == GST_STATE_PLAYING && !self->playing)
            {
              self->playing = TRUE;
              g_signal_emit (self, signals[SIGNAL_PLAYING], 0);
            }
        }
      break;
    case GST_MESSAGE_ELEMENT:
      {
        const GstStructure *s = gst_message_get_structure (message);
        int number;

        /* rtpdtmfdepay posts one per event, when it starts */
        if (gst_structure_has_name (s, "dtmf-event") && GST_IS_ELEMENT (GST_MESSAGE_SRC (message))
            && is_dtmf_depayloader (GST_ELEMENT (GST_MESSAGE_SRC (message)))
            && gst_structure_get_int (s, "number", &number))
          g_signal_emit (self, signals[SIGNAL_DTMF], 0, (guint) number);
        break;
      }
    default:
      break;
    }
  return G_SOURCE_CONTINUE;
}

static void
sip_simple_rtp_session_dispose (GObject *object)
{
  SipSimpleRtpSession *self = SIP_SIMPLE_RTP_SESSION (object);

  sip_simple_rtp_session_stop (self);
  G_OBJECT_CLASS (sip_simple_rtp_session_parent_class)->dispose (object);
}

static void
sip_simple_rtp_session_finalize (GObject *object)
{
  SipSimpleRtpSession *self = SIP_SIMPLE_RTP_SESSION (object);

  g_main_context_unref (self->context);
  g_mutex_clear (&self->io_lock);
  G_OBJECT_CLASS (sip_simple_rtp_session_parent_class)->finalize (object);
}

static void
sip_simple_rtp_session_class_init (SipSimpleRtpSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sip_simple_rtp_session_dispose;
  object_class->finalize = sip_simple_rtp_session_finalize;

  signals[SIGNAL_PLAYING] = g_signal_new ("playing", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  signals[SIGNAL_DTMF] = g_signal_new ("dtmf", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[SIGNAL_DEVICE_ERROR] =
    g_signal_new ("device-error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_ERROR, G_TYPE_BOOLEAN);
}

static void
sip_simple_rtp_session_init (SipSimpleRtpSession *self)
{
  self->context = g_main_context_ref_thread_default ();
  g_mutex_init (&self->io_lock);
}

SipSimpleRtpSession *
sip_simple_rtp_session_new (GMainContext *context)
{
  SipSimpleRtpSession *self = g_object_new (SIP_SIMPLE_TYPE_RTP_SESSION, NULL);

  g_main_context_unref (self->context);
  self->context = g_main_context_ref (context);
  return self;
}

static gboolean
add_element (GstBin *bin, GstElement *element, GError **error)
{
  if (gst_bin_add (bin, element))
    return TRUE;
  g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA,
               "Cannot use element %s: it already belongs to another bin",
               GST_ELEMENT_NAME (element));
  return FALSE;
}

/* The parts that outlive the RTP part: input to tee, mixer to output. */
static gboolean
build_io (SipSimpleRtpSession *self, GstElement *input, GstElement *output, GError **error)
{
  GstBin *bin = GST_BIN (self->pipeline);
  GstElement *sync, *convert, *resample, *filter, *silence, *silence_filter, *mix_filter;
  GstElement *oconvert, *oresample;

  sync = gst_element_factory_make ("clocksync", NULL);
  convert = gst_element_factory_make ("audioconvert", NULL);
  resample = gst_element_factory_make ("audioresample", NULL);
  self->input_volume = gst_element_factory_make ("volume", NULL);
  self->tee = gst_element_factory_make ("tee", NULL);
  silence = gst_element_factory_make ("audiotestsrc", NULL);
  self->mixer = gst_element_factory_make ("audiomixer", NULL);
  self->output_volume = gst_element_factory_make ("volume", NULL);
  oconvert = gst_element_factory_make ("audioconvert", NULL);
  oresample = gst_element_factory_make ("audioresample", NULL);
  if (!sync || !convert || !resample || !self->input_volume || !self->tee || !silence
      || !self->mixer || !self->output_volume || !oconvert || !oresample)
    {
      g_clear_object (&sync);
      g_clear_object (&convert);
      g_clear_object (&resample);
      g_clear_object (&self->input_volume);
      g_clear_object (&self->tee);
      g_clear_object (&silence);
      g_clear_object (&self->mixer);
      g_clear_object (&self->output_volume);
      g_clear_object (&oconvert);
      g_clear_object (&oresample);
      g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA,
                   "GStreamer's base elements (audiomixer, clocksync...) are not installed");
      return FALSE;
    }
  filter = sip_simple_audio_io_make_internal_filter ();
  silence_filter = sip_simple_audio_io_make_internal_filter ();
  mix_filter = sip_simple_audio_io_make_internal_filter ();
  g_object_set (self->tee, "allow-not-linked", TRUE, NULL);
  /* a little slack over the jitter buffer's latency: a decoder running
   * late on a busy machine is played, not dropped */
  g_object_set (self->mixer, "latency", (guint64) OUTPUT_SLACK, NULL);
  /* the output starts with its first audio, whenever the pipeline's
   * running time says that is */
  gst_util_set_object_arg (G_OBJECT (self->mixer), "start-time-selection", "first");
  gst_util_set_object_arg (G_OBJECT (silence), "wave", "silence");
  g_object_set (silence, "is-live", TRUE, "samplesperbuffer", 960, NULL);

  gst_bin_add_many (bin, sync, convert, resample, filter, self->input_volume, self->tee, silence,
                    silence_filter, self->mixer, mix_filter, self->output_volume, oconvert,
                    oresample, NULL);
  self->output_entry = oconvert;
  if (!add_element (bin, input, error) || !add_element (bin, output, error))
    return FALSE;
  self->in = (IoSlot){ .element = gst_object_ref (input), .neighbour = sync };
  self->out = (IoSlot){ .element = gst_object_ref (output), .neighbour = oresample };
  {
    GstPad *pad = gst_element_get_static_pad (sync, "sink");

    gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM, on_input_event, self, NULL);
    gst_object_unref (pad);
    pad = gst_element_get_static_pad (oresample, "src");
    gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, on_output_buffer, NULL, NULL);
    gst_object_unref (pad);
  }
  /* clocksync paces inputs that are not live (a file); live ones pass */
  if (!link_many (error, input, sync, convert, resample, filter, self->input_volume, self->tee,
                  NULL)
      || !link_many (error, silence, silence_filter, self->mixer, mix_filter, self->output_volume,
                     oconvert, oresample, output, NULL))
    return FALSE;
  return TRUE;
}

gboolean
sip_simple_rtp_session_start (SipSimpleRtpSession      *self,
                              GstElement               *input,
                              GstElement               *output,
                              const SipSimpleRtpParams *params,
                              GError                  **error)
{
  g_autoptr (GstBus) bus = NULL;
  GstClock *clock;
  RtpCore *core;

  g_return_val_if_fail (self->pipeline == NULL, FALSE);

  sip_simple_gst_own (input);
  sip_simple_gst_own (output);
  self->pipeline = gst_object_ref_sink (gst_pipeline_new (NULL));
  /* The system clock, never an audio device's: a device that fails is
   * replaced, and its clock, which stops with it, would leave everything
   * that waits on it waiting (devices follow the system clock instead). */
  clock = gst_system_clock_obtain ();
  gst_pipeline_use_clock (GST_PIPELINE (self->pipeline), clock);
  gst_object_unref (clock);
  bus = gst_pipeline_get_bus (GST_PIPELINE (self->pipeline));
  gst_bus_set_sync_handler (bus, on_bus_sync, self, NULL);
  self->bus_source = gst_bus_create_watch (bus);
  g_source_set_callback (self->bus_source, (GSourceFunc) G_CALLBACK (on_bus_message), self, NULL);
  g_source_set_static_name (self->bus_source, "[sipsimple] audio pipeline bus");
  g_source_attach (self->bus_source, self->context);

  if (!build_io (self, input, output, error))
    goto failed;
  gst_object_unref (input);
  gst_object_unref (output);
  input = output = NULL;
  core = rtp_core_new (params, error);
  if (core == NULL || !attach_core (self, core, error))
    goto failed;
  open_io (self, &self->out);
  open_io (self, &self->in);
  if (gst_element_set_state (self->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      /* the bus has the details; report them first */
      g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA,
                   "The audio pipeline does not start (audio device or transport missing?)");
      goto failed;
    }
  return TRUE;

failed:
  g_clear_object (&input);
  g_clear_object (&output);
  sip_simple_rtp_session_stop (self);
  return FALSE;
}

static gboolean
same_core (RtpCore *core, const SipSimpleRtpParams *params)
{
  if (core->codec != params->codec || core->send_pt != params->send_pt
      || core->send_te_pt != params->send_te_pt
      || core->send_te_clock_rate != params->send_te_clock_rate || core->latency != params->latency
      || core->ice != params->ice
      || !sip_simple_crypto_equal (&core->send_crypto, &params->send_crypto)
      || !sip_simple_crypto_equal (&core->recv_crypto, &params->recv_crypto)
      || core->recv_caps->len != params->recv_caps->len)
    return FALSE;
  for (guint i = 0; i < core->recv_caps->len; i++)
    if (!gst_caps_is_equal (g_ptr_array_index (core->recv_caps, i),
                            g_ptr_array_index (params->recv_caps, i)))
      return FALSE;
  return TRUE;
}

static void
set_destination (GstElement *sink, GInetSocketAddress *to)
{
  g_autofree char *host = NULL;

  if (to == NULL)
    return;
  host = g_inet_address_to_string (g_inet_socket_address_get_address (to));
  g_object_set (sink, "host", host, "port", (int) g_inet_socket_address_get_port (to), NULL);
}

gboolean
sip_simple_rtp_session_reconfigure (SipSimpleRtpSession      *self,
                                    const SipSimpleRtpParams *params,
                                    GError                  **error)
{
  RtpCore *core;

  g_return_val_if_fail (self->pipeline != NULL, FALSE);

  if (self->core != NULL && same_core (self->core, params))
    {
      if (params->ice == NULL)
        {
          set_destination (self->core->rtp_sink, params->remote_rtp);
          set_destination (self->core->rtcp_sink, params->remote_rtcp);
        }
      return TRUE;
    }
  g_debug ("renegotiation changed the RTP parameters: replacing the RTP part");
  core = rtp_core_new (params, error);
  if (core == NULL)
    return FALSE;
  detach_core (self);
  return attach_core (self, core, error);
}

void
sip_simple_rtp_session_set_sending (SipSimpleRtpSession *self, gboolean sending)
{
  self->sending = sending;
  if (self->core != NULL)
    g_object_set (self->core->valve, "drop", !sending, NULL);
}

void
sip_simple_rtp_session_set_input_muted (SipSimpleRtpSession *self, gboolean muted)
{
  if (self->input_volume != NULL)
    g_object_set (self->input_volume, "mute", muted, NULL);
}

void
sip_simple_rtp_session_set_output_muted (SipSimpleRtpSession *self, gboolean muted)
{
  if (self->output_volume != NULL)
    g_object_set (self->output_volume, "mute", muted, NULL);
}

gboolean
sip_simple_rtp_session_dtmf (SipSimpleRtpSession *self, guint event, gboolean start)
{
  GstStructure *s;
  GstPad *pad;
  gboolean ok;

  if (self->core == NULL || self->core->dtmfsrc == NULL)
    return FALSE;
  if (start)
    s = gst_structure_new ("dtmf-event", "type", G_TYPE_INT, 1, "number", G_TYPE_INT, (int) event,
                           "volume", G_TYPE_INT, 10, "start", G_TYPE_BOOLEAN, TRUE, NULL);
  else
    s = gst_structure_new ("dtmf-event", "type", G_TYPE_INT, 1, "start", G_TYPE_BOOLEAN, FALSE,
                           NULL);
  /* on the source pad: basesrc's send_event drops custom upstream events */
  pad = gst_element_get_static_pad (self->core->dtmfsrc, "src");
  ok = gst_pad_send_event (pad, gst_event_new_custom (GST_EVENT_CUSTOM_UPSTREAM, s));
  gst_object_unref (pad);
  return ok;
}

void
sip_simple_rtp_session_get_statistics (SipSimpleRtpSession      *self,
                                       SipSimpleAudioStatistics *stats)
{
  g_autoptr (GObject) session = NULL;
  g_autoptr (GstStructure) all = NULL;
  const GValue *sources;
  const GValueArray *array;

  memset (stats, 0, sizeof *stats);
  if (self->core == NULL)
    return;
  g_signal_emit_by_name (self->core->rtpbin, "get-internal-session", 0, &session);
  if (session == NULL)
    return;
  g_object_get (session, "stats", &all, NULL);
  sources = all ? gst_structure_get_value (all, "source-stats") : NULL;
  /* a GValueArray, deprecated but what rtpsession gives */
  if (sources == NULL || G_VALUE_TYPE (sources) != g_type_from_name ("GValueArray"))
    return;
  array = g_value_get_boxed (sources);

  for (guint i = 0; i < array->n_values; i++)
    {
      const GstStructure *s = g_value_get_boxed (&array->values[i]);
      gboolean internal = FALSE, have_rb = FALSE;
      guint64 packets = 0, octets = 0;
      int lost = 0, clock_rate = 0;
      guint jitter = 0, rtt = 0;

      gst_structure_get_boolean (s, "internal", &internal);
      gst_structure_get_int (s, "clock-rate", &clock_rate);
      if (internal)
        {
          gst_structure_get_uint64 (s, "packets-sent", &packets);
          gst_structure_get_uint64 (s, "octets-sent", &octets);
          stats->packets_sent += packets;
          stats->octets_sent += octets;
          continue;
        }
      gst_structure_get_uint64 (s, "packets-received", &packets);
      gst_structure_get_uint64 (s, "octets-received", &octets);
      gst_structure_get_int (s, "packets-lost", &lost);
      gst_structure_get_uint (s, "jitter", &jitter);
      stats->packets_received += packets;
      stats->octets_received += octets;
      stats->packets_lost += MAX (lost, 0);
      if (clock_rate > 0)
        stats->jitter = MAX (stats->jitter, jitter * 1000.0 / clock_rate);
      /* what the peer reports about our stream, in its receiver reports */
      gst_structure_get_boolean (s, "have-rb", &have_rb);
      if (have_rb)
        {
          gst_structure_get_int (s, "rb-packetslost", &lost);
          gst_structure_get_uint (s, "rb-jitter", &jitter);
          gst_structure_get_uint (s, "rb-round-trip", &rtt);
          stats->remote_packets_lost = MAX (lost, 0);
          if (self->core->codec->clock_rate > 0)
            stats->remote_jitter = jitter * 1000.0 / self->core->codec->clock_rate;
          /* 16.16 fixed point seconds */
          if (rtt > 0)
            stats->rtt = rtt * 1000.0 / 65536.0;
        }
    }
}

void
sip_simple_rtp_session_stop (SipSimpleRtpSession *self)
{
  if (self->pipeline == NULL)
    return;
  self->stopped = TRUE;
  /* End-of-stream into the output first, synchronously: a WAV recorder
   * writes its header sizes then. */
  if (self->output_entry != NULL && self->playing)
    {
      GstPad *pad = gst_element_get_static_pad (self->output_entry, "sink");
      GstEvent *started = gst_pad_get_sticky_event (pad, GST_EVENT_STREAM_START, 0);

      /* nothing flowed yet: nothing to finalize either */
      if (started != NULL)
        {
          gst_event_unref (started);
          gst_pad_send_event (pad, gst_event_new_eos ());
        }
      gst_object_unref (pad);
    }
  gst_element_set_state (self->pipeline, GST_STATE_NULL);
  {
    /* no streaming thread is left to post */
    g_autoptr (GstBus) bus = gst_pipeline_get_bus (GST_PIPELINE (self->pipeline));
    gst_bus_set_sync_handler (bus, NULL, NULL, NULL);
  }
  if (self->bus_source != NULL)
    {
      g_source_destroy (self->bus_source);
      g_clear_pointer (&self->bus_source, g_source_unref);
    }
  g_clear_object (&self->tee_pad);
  g_clear_object (&self->mixer_pad);
  rtp_core_free (g_steal_pointer (&self->core));
  g_clear_object (&self->in.element);
  g_clear_object (&self->in.failed);
  g_clear_object (&self->out.element);
  g_clear_object (&self->out.failed);
  self->input_volume = self->output_volume = self->output_entry = self->tee = self->mixer = NULL;
  g_clear_object (&self->pipeline);
  self->playing = FALSE;
}

gboolean
sip_simple_rtp_session_is_running (SipSimpleRtpSession *self)
{
  return self->pipeline != NULL;
}
