/* libsipsimple - SDP offer/answer of one RTP m-line (private)
 *
 * Everything about the SDP of an RTP media stream, apart from its
 * pipeline: reading and validating a media description (formats from a
 * codec table, connection and a=rtcp addresses, direction, a=crypto, ICE
 * attributes), writing our offer or answer for it (payload types with
 * a=rtpmap/a=fmtp/a=rtcp-fb, telephone-event, a=ptime, a=crypto, m=/c=/
 * a=rtcp from the transport, ICE attributes, direction), and turning the
 * local and remote descriptions into what the pipeline needs (codec,
 * payload types, receive caps, SRTP keys) and into who sends and who
 * holds.
 *
 * The functions are plain: a stream describes itself in a
 * SipSimpleRtpMediaConfig (its codec table and preferences, SRTP mode and
 * key, transport, hold) each time it calls them, and keeps all state.
 * AudioStream uses the audio codec table; a VideoStream brings its own
 * (no telephone-event, no ptime, rtcp-fb per codec).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sipsimple/streams/audio-stream.h>
#include <sipsimple/streams/media-stream.h>
#include <gio/gio.h>
#include <gst/sdp/sdp.h>

#include "codecs-private.h"
#include "ice-private.h"
#include "rtp-session-private.h"
#include "srtp-private.h"

G_BEGIN_DECLS

/* a=sendrecv and friends, as two bits: we send, we receive */
typedef enum {
  SIP_SIMPLE_RTP_INACTIVE = 0,
  SIP_SIMPLE_RTP_SENDONLY = 1,
  SIP_SIMPLE_RTP_RECVONLY = 2,
  SIP_SIMPLE_RTP_SENDRECV = 3,
} SipSimpleRtpDirection;

#define SIP_SIMPLE_RTP_SENDS(d) (((d) & SIP_SIMPLE_RTP_SENDONLY) != 0)
#define SIP_SIMPLE_RTP_RECEIVES(d) (((d) & SIP_SIMPLE_RTP_RECVONLY) != 0)

const char *sip_simple_rtp_direction_to_string (SipSimpleRtpDirection direction);

/* Sets @error in SIP_SIMPLE_MEDIA_STREAM_ERROR and returns FALSE: the
 * checks of the RTP streams end with it. */
gboolean sip_simple_rtp_stream_error (GError                  **error,
                                      SipSimpleMediaStreamError code,
                                      const char               *format,
                                      ...) G_GNUC_PRINTF (3, 4);

/* What a stream tells the negotiation about itself; borrowed pointers,
 * valid for the call. */
typedef struct
{
  const SipSimpleCodecTable *table;
  const char *const         *codecs;  /* names in order of preference */
  const SipSimpleCodec      *current; /* in use, offered first again; NULL before */
  SipSimpleSrtpMode          srtp;
  GBytes                    *local_key; /* our SDES key, NULL when SRTP is disabled */
  /* the transport: ICE, or two bound UDP sockets */
  SipSimpleIceTransport     *ice;
  GSocket                   *rtp_socket;
  GSocket                   *rtcp_socket;
  const char                *local_address; /* c= when the transport names none */
  gboolean                   hold_requested;
  gboolean                   on_hold_by_remote;
} SipSimpleRtpMediaConfig;

/* One RTP media description, read and validated. */
typedef struct
{
  const GstSDPMedia  *media;
  guint               port;    /* 0: the stream is rejected or removed, nothing else read */
  const char         *proto;
  GArray             *formats; /* SipSimpleSdpFormat */
  GInetAddress       *address;
  gboolean            hold_address; /* c=0.0.0.0 (RFC 2543 hold) */
  GInetSocketAddress *rtp;
  GInetSocketAddress *rtcp;
  SipSimpleRtpDirection direction;
  GPtrArray          *cryptos;      /* SipSimpleCrypto, the usable a=crypto lines */
  gboolean            crypto_lines; /* there were a=crypto lines, usable or not */
  GError             *crypto_error; /* why the last unusable one was */
  SipSimpleIceRemote  ice;          /* ufrag NULL: no ICE (or not read) */
} SipSimpleRtpMediaInfo;

void sip_simple_rtp_media_info_clear (SipSimpleRtpMediaInfo *info);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SipSimpleRtpMediaInfo, sip_simple_rtp_media_info_clear)

/* RTP/AVP, RTP/AVPF (@secure FALSE), RTP/SAVP, RTP/SAVPF (TRUE) */
gboolean sip_simple_rtp_proto_is_rtp (const char *proto, gboolean *secure);
/* An m-line of @table's media over an RTP profile */
gboolean sip_simple_rtp_media_accepts (const SipSimpleCodecTable *table,
                                       const GstSDPMedia         *media);

/* ---- reading -------------------------------------------------------------- */

/* Validates m-line @index of @sdp (of @table's media) and reads it into
 * @info (zeroed), with the ICE attributes when @read_ice. Errors are
 * INVALID_SDP or INCOMPATIBLE in SIP_SIMPLE_MEDIA_STREAM_ERROR. */
gboolean sip_simple_rtp_media_read (const SipSimpleCodecTable *table,
                                    const GstSDPMessage       *sdp,
                                    guint                      index,
                                    gboolean                   read_ice,
                                    SipSimpleRtpMediaInfo     *info,
                                    GError                   **error);

/* ---- writing ---------------------------------------------------------------- */

/* Our offer into @media (initialized, empty); @port gets the RTP port in
 * m=. */
void     sip_simple_rtp_media_write_offer  (const SipSimpleRtpMediaConfig *config,
                                            GstSDPMedia                   *media,
                                            guint                         *port);
/* Whether media can flow to @remote at all: FALSE with INCOMPATIBLE when
 * its address is of the other family than the one our transport is bound
 * to (RFC 6157 section 5; an IPv6-only stream does not reach an IPv4 peer
 * without a relay). A wildcard binding, hold (c=0.0.0.0) and ICE on both
 * sides (the candidates decide) pass. */
gboolean sip_simple_rtp_media_check_family (const SipSimpleRtpMediaConfig *config,
                                            const SipSimpleRtpMediaInfo   *remote,
                                            GError                       **error);
/* Whether we can answer @remote (an offer with a port): a common codec,
 * keys our SRTP mode accepts and an address we can reach. */
gboolean sip_simple_rtp_media_check_offer  (const SipSimpleRtpMediaConfig *config,
                                            const SipSimpleRtpMediaInfo   *remote,
                                            GError                       **error);
/* Our answer to @remote into @media; nothing is written on error. */
gboolean sip_simple_rtp_media_write_answer (const SipSimpleRtpMediaConfig *config,
                                            const SipSimpleRtpMediaInfo   *remote,
                                            GstSDPMedia                   *media,
                                            guint                         *port,
                                            GError                       **error);
/* The answer to a rejected or removed stream: port 0 and its formats */
void     sip_simple_rtp_media_write_rejected (const SipSimpleRtpMediaInfo *remote,
                                              GstSDPMedia                 *media);

/* ---- applying a negotiated pair --------------------------------------------- */

/* Fills the codec, payload types, receive caps, SRTP keys and the peer's
 * addresses of @params from the negotiated descriptions (the pipeline's
 * transport and latency are the stream's to fill). */
gboolean sip_simple_rtp_media_negotiate (const SipSimpleRtpMediaConfig *config,
                                         gboolean                       is_offerer,
                                         const SipSimpleRtpMediaInfo   *local,
                                         const SipSimpleRtpMediaInfo   *remote,
                                         SipSimpleRtpParams            *params,
                                         GError                       **error);

/* Who sends and who holds, from the negotiated directions. */
typedef struct
{
  gboolean send;
  gboolean receive;
  gboolean held_by_local;  /* we asked for hold and no longer receive */
  gboolean held_by_remote; /* the peer only sends, or neither, or c=0.0.0.0 */
} SipSimpleRtpFlow;

void sip_simple_rtp_media_get_flow (const SipSimpleRtpMediaConfig *config,
                                    const SipSimpleRtpMediaInfo   *local,
                                    const SipSimpleRtpMediaInfo   *remote,
                                    SipSimpleRtpFlow              *flow);

G_END_DECLS
