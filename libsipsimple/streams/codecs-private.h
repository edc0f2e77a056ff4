/* libsipsimple - codec tables and SDP format parsing (private)
 *
 * A codec table is what one kind of RTP media (audio today, video next)
 * negotiates: its rows, and what goes with them in an m-line. rtp-media.c
 * negotiates any table; the pipeline makes elements from the chosen row.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gst/gst.h>
#include <gst/sdp/sdp.h>

G_BEGIN_DECLS

/* One row of the static RFC 3551-style codec table. */
typedef struct
{
  const char *name;          /* as in settings: "opus", "G722", "PCMU", "PCMA" */
  const char *encoding_name; /* as in a=rtpmap (compared case-insensitively) */
  const char *gst_encoding;  /* encoding-name in application/x-rtp caps */
  guint       clock_rate;    /* RTP clock rate */
  guint       channels;      /* channels in a=rtpmap, 0: not written */
  guint       sample_rate;   /* rate of the audio the codec carries */
  gint        static_pt;     /* RFC 3551 payload type, -1: dynamic */
  guint       default_pt;    /* the payload type we offer */
  const char *fmtp;          /* our a=fmtp parameters, or NULL */
  const char *encoder;       /* GStreamer element factories */
  const char *payloader;
  const char *depayloader;
  const char *decoder;
  const char *const *rtcp_fb; /* our a=rtcp-fb values (RFC 4585), or NULL */
} SipSimpleCodec;

/* The codecs of one media type and how their m-line looks. */
typedef struct
{
  const char           *media;           /* m= media, caps "media": "audio", "video" */
  const SipSimpleCodec *codecs;
  guint                 n_codecs;
  gboolean              telephone_event; /* offer RFC 4733 events at each codec clock rate */
  const char           *ptime;           /* our a=ptime, or NULL */
} SipSimpleCodecTable;

/* Opus, G.722, PCMU, PCMA */
const SipSimpleCodecTable *sip_simple_audio_codec_table (void);

const SipSimpleCodec *sip_simple_codec_lookup (const SipSimpleCodecTable *table,
                                               const char                *name);
const SipSimpleCodec *sip_simple_codec_lookup_rtpmap (const SipSimpleCodecTable *table,
                                                      const char                *encoding_name,
                                                      guint                      clock_rate);
/* whether the four GStreamer elements of @codec are installed (checked
 * once per codec and process) */
gboolean              sip_simple_codec_is_available (const SipSimpleCodec *codec);
char                **sip_simple_codec_list_available (const SipSimpleCodecTable *table);
GstElement           *sip_simple_codec_make_encoder (const SipSimpleCodec *codec, GError **error);
GstElement           *sip_simple_codec_make_decoder (const SipSimpleCodec *codec, GError **error);
GstCaps              *sip_simple_codec_rtp_caps (const SipSimpleCodecTable *table,
                                                 const SipSimpleCodec      *codec,
                                                 guint                      pt);

/* telephone-event (RFC 4733): not a codec but negotiated like one */
#define SIP_SIMPLE_TELEPHONE_EVENT "telephone-event"
guint                 sip_simple_telephone_event_default_pt (guint clock_rate);
GstCaps              *sip_simple_telephone_event_rtp_caps (guint clock_rate, guint pt);

/* One payload format of an m-line, from its fmt list and a=rtpmap/a=fmtp. */
typedef struct
{
  guint  pt;
  char  *encoding_name; /* NULL for an unknown dynamic payload type */
  guint  clock_rate;
  guint  channels;
  char  *fmtp;
  const SipSimpleCodec *codec; /* NULL if not one of ours */
  gboolean telephone_event;
} SipSimpleSdpFormat;

/* Parses the formats of @media in m-line order, recognising the codecs
 * of @table. Errors are in SIP_SIMPLE_MEDIA_STREAM_ERROR (INVALID_SDP for
 * a malformed fmt list or a=rtpmap). Returns an array of
 * SipSimpleSdpFormat (free with g_array_unref: elements are cleared). */
GArray *sip_simple_sdp_parse_formats (const GstSDPMedia         *media,
                                      const SipSimpleCodecTable *table,
                                      GError                   **error);
const SipSimpleSdpFormat *sip_simple_sdp_formats_find_codec (GArray *formats,
                                                              const SipSimpleCodec *codec);
const SipSimpleSdpFormat *sip_simple_sdp_formats_find_telephone_event (GArray *formats,
                                                                        guint clock_rate);

G_END_DECLS
