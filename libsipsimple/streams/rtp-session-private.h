/* libsipsimple - the GStreamer pipeline of an audio stream (private)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sipsimple/streams/audio-stream.h>
#include <gio/gio.h>
#include <gst/gst.h>

#include "codecs-private.h"
#include "ice-private.h"
#include "srtp-private.h"

G_BEGIN_DECLS

/* The negotiated media of an audio stream, as the pipeline needs it. */
typedef struct
{
  const SipSimpleCodec *codec;
  guint                 send_pt;     /* payload type we send the codec with */
  gint                  send_te_pt;  /* telephone-event payload type, -1: none */
  guint                 send_te_clock_rate;  /* its clock rate */
  GPtrArray            *recv_caps;   /* GstCaps, application/x-rtp with "payload" */
  SipSimpleCrypto       send_crypto; /* suite NONE: plain RTP */
  SipSimpleCrypto       recv_crypto;
  /* transport: ICE, or two UDP sockets and the peer's addresses */
  SipSimpleIceTransport *ice;
  GSocket              *rtp_socket;
  GSocket              *rtcp_socket;
  GInetSocketAddress   *remote_rtp;
  GInetSocketAddress   *remote_rtcp;
  guint                 latency; /* jitter buffer, ms */
} SipSimpleRtpParams;

void sip_simple_rtp_params_clear (SipSimpleRtpParams *params);

/* Turns a (transfer full) element that may still be floating into a plain
 * reference the caller owns. */
static inline GstElement *
sip_simple_gst_own (GstElement *element)
{
  if (g_object_is_floating (element))
    gst_object_ref_sink (element);
  return element;
}

#define SIP_SIMPLE_TYPE_RTP_SESSION (sip_simple_rtp_session_get_type ())
G_DECLARE_FINAL_TYPE (SipSimpleRtpSession, sip_simple_rtp_session, SIP_SIMPLE, RTP_SESSION, GObject)

/* Signals, all on @context:
 *   "playing"        the pipeline runs
 *   "error" (GError) the pipeline failed
 *   "dtmf" (guint)   an RFC 4733 event started (0-15)
 *   "device-error" (GError, gboolean input)
 *                    the input (TRUE) or output failed and was replaced by
 *                    silence or a fakesink; once per direction */
SipSimpleRtpSession *sip_simple_rtp_session_new (GMainContext *context);

/* Builds and plays the pipeline: @input (a raw audio source) and @output
 * (a raw audio sink), both (transfer full), are added to it, around the RTP part made from
 * @params. */
gboolean sip_simple_rtp_session_start        (SipSimpleRtpSession      *self,
                                              GstElement               *input,
                                              GstElement               *output,
                                              const SipSimpleRtpParams *params,
                                              GError                  **error);
/* Applies renegotiated @params: a new peer address is set in place,
 * anything else replaces the RTP part while input and output go on. */
gboolean sip_simple_rtp_session_reconfigure  (SipSimpleRtpSession      *self,
                                              const SipSimpleRtpParams *params,
                                              GError                  **error);
void     sip_simple_rtp_session_set_sending      (SipSimpleRtpSession *self, gboolean sending);
void     sip_simple_rtp_session_set_input_muted  (SipSimpleRtpSession *self, gboolean muted);
void     sip_simple_rtp_session_set_output_muted (SipSimpleRtpSession *self, gboolean muted);
gboolean sip_simple_rtp_session_dtmf         (SipSimpleRtpSession *self,
                                              guint                event,
                                              gboolean             start);
/* fills @stats (zeros when nothing runs) */
void     sip_simple_rtp_session_get_statistics (SipSimpleRtpSession       *self,
                                                SipSimpleAudioStatistics  *stats);
/* Ends the media: the output gets end-of-stream (a recording is
 * finalized), then everything stops. */
void     sip_simple_rtp_session_stop         (SipSimpleRtpSession *self);
gboolean sip_simple_rtp_session_is_running   (SipSimpleRtpSession *self);

G_END_DECLS
