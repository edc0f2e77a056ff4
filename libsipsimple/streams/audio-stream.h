/* libsipsimple - SipSimpleAudioStream: RTP audio on GStreamer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <gst/gst.h>
#include <sipsimple/version.h>
#include <sipsimple/streams/media-stream.h>

G_BEGIN_DECLS

/**
 * SipSimpleSrtpMode:
 * @SIP_SIMPLE_SRTP_MODE_DISABLED: plain RTP; offers with `RTP/SAVP` are
 *   refused, `a=crypto` lines in `RTP/AVP` offers are ignored
 * @SIP_SIMPLE_SRTP_MODE_OPTIONAL: offer `RTP/AVP` with `a=crypto` lines
 *   (best-effort SRTP): encrypted when the peer answers with a key, plain
 *   otherwise; offers with or without keys are accepted
 * @SIP_SIMPLE_SRTP_MODE_MANDATORY: offer `RTP/SAVP`; refuse offers and
 *   answers without a usable `a=crypto` line
 *
 * Whether an [class@SipSimple.AudioStream] encrypts its media with SRTP,
 * keyed through SDP (SDES, RFC 4568) with the `AES_CM_128_HMAC_SHA1_80`
 * or `AES_CM_128_HMAC_SHA1_32` suite. SDES keys travel in the SDP, so
 * they are only as secret as the signalling: use a TLS transport.
 *
 * Since: 0.1
 */
typedef enum {
  SIP_SIMPLE_SRTP_MODE_DISABLED,
  SIP_SIMPLE_SRTP_MODE_OPTIONAL,
  SIP_SIMPLE_SRTP_MODE_MANDATORY,
} SipSimpleSrtpMode;

SIP_SIMPLE_AVAILABLE_IN_ALL
GType sip_simple_srtp_mode_get_type (void);
#define SIP_SIMPLE_TYPE_SRTP_MODE (sip_simple_srtp_mode_get_type ())

/**
 * SipSimpleAudioDirection:
 * @SIP_SIMPLE_AUDIO_DIRECTION_INPUT: what the stream sends: a microphone,
 *   [property@SipSimple.AudioStream:input]
 * @SIP_SIMPLE_AUDIO_DIRECTION_OUTPUT: where what it receives goes: a
 *   speaker, [property@SipSimple.AudioStream:output]
 *
 * Which side of an [class@SipSimple.AudioStream] a
 * [signal@SipSimple.AudioStream::device-error] is about.
 *
 * Since: 0.1
 */
typedef enum {
  SIP_SIMPLE_AUDIO_DIRECTION_INPUT,
  SIP_SIMPLE_AUDIO_DIRECTION_OUTPUT,
} SipSimpleAudioDirection;

SIP_SIMPLE_AVAILABLE_IN_ALL
GType sip_simple_audio_direction_get_type (void);
#define SIP_SIMPLE_TYPE_AUDIO_DIRECTION (sip_simple_audio_direction_get_type ())

/**
 * SipSimpleAudioStatistics:
 * @packets_sent: RTP packets sent
 * @octets_sent: RTP payload bytes sent
 * @packets_received: RTP packets received
 * @octets_received: RTP payload bytes received
 * @packets_lost: incoming packets lost (from sequence numbers)
 * @jitter: interarrival jitter of the incoming packets, in milliseconds
 * @remote_packets_lost: our packets the peer reports lost (RTCP), or 0
 * @remote_jitter: the jitter the peer reports for our packets, in
 *   milliseconds, or 0
 * @rtt: round-trip time from the peer's RTCP receiver reports, in
 *   milliseconds, or 0 until known (RTCP goes out about once a second)
 *
 * A snapshot of the RTP and RTCP statistics of an
 * [class@SipSimple.AudioStream], from
 * [method@SipSimple.AudioStream.get_statistics]. Counters start at zero
 * for each new RTP session (a codec or key change starts a new one).
 *
 * Since: 0.1
 */
typedef struct _SipSimpleAudioStatistics SipSimpleAudioStatistics;

struct _SipSimpleAudioStatistics
{
  guint64 packets_sent;
  guint64 octets_sent;
  guint64 packets_received;
  guint64 octets_received;
  guint64 packets_lost;
  double  jitter;
  guint64 remote_packets_lost;
  double  remote_jitter;
  double  rtt;
};

SIP_SIMPLE_AVAILABLE_IN_ALL
GType                     sip_simple_audio_statistics_get_type (void);
#define SIP_SIMPLE_TYPE_AUDIO_STATISTICS (sip_simple_audio_statistics_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleAudioStatistics *sip_simple_audio_statistics_copy     (const SipSimpleAudioStatistics *stats);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                      sip_simple_audio_statistics_free     (SipSimpleAudioStatistics       *stats);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SipSimpleAudioStatistics, sip_simple_audio_statistics_free)

#define SIP_SIMPLE_TYPE_AUDIO_STREAM (sip_simple_audio_stream_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimpleAudioStream, sip_simple_audio_stream, SIP_SIMPLE, AUDIO_STREAM, GObject)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleAudioStream     *sip_simple_audio_stream_new                   (void);
SIP_SIMPLE_AVAILABLE_IN_ALL
char                    **sip_simple_audio_stream_get_available_codecs  (void);

SIP_SIMPLE_AVAILABLE_IN_ALL
const char * const       *sip_simple_audio_stream_get_codecs            (SipSimpleAudioStream *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                      sip_simple_audio_stream_set_codecs            (SipSimpleAudioStream *self,
                                                                         const char * const   *codecs);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleSrtpMode         sip_simple_audio_stream_get_srtp              (SipSimpleAudioStream *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                      sip_simple_audio_stream_set_srtp              (SipSimpleAudioStream *self,
                                                                         SipSimpleSrtpMode     mode);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                  sip_simple_audio_stream_get_ice               (SipSimpleAudioStream *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                      sip_simple_audio_stream_set_ice               (SipSimpleAudioStream *self,
                                                                         gboolean              ice);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char               *sip_simple_audio_stream_get_stun_server       (SipSimpleAudioStream *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                      sip_simple_audio_stream_set_stun_server       (SipSimpleAudioStream *self,
                                                                         const char           *server);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint                     sip_simple_audio_stream_get_jitter_buffer_latency (SipSimpleAudioStream *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                      sip_simple_audio_stream_set_jitter_buffer_latency (SipSimpleAudioStream *self,
                                                                             guint                 latency);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char               *sip_simple_audio_stream_get_input             (SipSimpleAudioStream *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                      sip_simple_audio_stream_set_input             (SipSimpleAudioStream *self,
                                                                         const char           *input);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char               *sip_simple_audio_stream_get_output            (SipSimpleAudioStream *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                      sip_simple_audio_stream_set_output            (SipSimpleAudioStream *self,
                                                                         const char           *output);
SIP_SIMPLE_AVAILABLE_IN_ALL
GstElement               *sip_simple_audio_stream_get_input_element     (SipSimpleAudioStream *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                      sip_simple_audio_stream_set_input_element     (SipSimpleAudioStream *self,
                                                                         GstElement           *element);
SIP_SIMPLE_AVAILABLE_IN_ALL
GstElement               *sip_simple_audio_stream_get_output_element    (SipSimpleAudioStream *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                      sip_simple_audio_stream_set_output_element    (SipSimpleAudioStream *self,
                                                                         GstElement           *element);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                  sip_simple_audio_stream_get_mute_on_hold      (SipSimpleAudioStream *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                      sip_simple_audio_stream_set_mute_on_hold      (SipSimpleAudioStream *self,
                                                                         gboolean              mute);

SIP_SIMPLE_AVAILABLE_IN_ALL
const char               *sip_simple_audio_stream_get_codec             (SipSimpleAudioStream *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint                     sip_simple_audio_stream_get_sample_rate       (SipSimpleAudioStream *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char               *sip_simple_audio_stream_get_remote_address    (SipSimpleAudioStream *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint                     sip_simple_audio_stream_get_local_port        (SipSimpleAudioStream *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                  sip_simple_audio_stream_get_srtp_active       (SipSimpleAudioStream *self);

SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                  sip_simple_audio_stream_send_dtmf             (SipSimpleAudioStream *self,
                                                                         const char           *digits,
                                                                         guint                 duration_ms,
                                                                         GError              **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleAudioStatistics *sip_simple_audio_stream_get_statistics        (SipSimpleAudioStream *self);

G_END_DECLS
