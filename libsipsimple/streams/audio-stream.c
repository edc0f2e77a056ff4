/* libsipsimple - SipSimpleAudioStream: RTP audio on GStreamer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/streams/audio-stream.h>
#include <sipsimple/streams/media-stream.h>
#include "audio-io-private.h"
#include "audio-stream-internal.h"
#include "codecs-private.h"
#include "ice-private.h"
#include "rtp-media-private.h"
#include "rtp-session-private.h"
#include "srtp-private.h"

#include <nice/agent.h>
#include <string.h>

/**
 * SipSimpleAudioStream:
 *
 * An RTP audio stream of a [class@SipSimple.Session], on a GStreamer
 * pipeline around `rtpbin`, with RTCP.
 *
 * Codecs are Opus, G.722, PCMU and PCMA, negotiated in the order of
 * [property@SipSimple.AudioStream:codecs] (the answerer's preference
 * wins); DTMF goes both ways as RFC 4733 telephone events
 * ([method@SipSimple.AudioStream.send_dtmf],
 * [signal@SipSimple.AudioStream::dtmf-received]). The media is encrypted
 * with SRTP when [property@SipSimple.AudioStream:srtp] says so, keyed
 * through `a=crypto` (RFC 4568). Without ICE the stream sends and receives
 * on two UDP ports bound to the session's local address (RTP on an even
 * port, RTCP on the next one; no rtcp-mux), sending from the port it
 * receives on. With [property@SipSimple.AudioStream:ice], libnice gathers
 * candidates (host ones, and server-reflexive ones from
 * [property@SipSimple.AudioStream:stun-server]) before the stream
 * describes itself, and the offer/answer carries them all (no trickle).
 * A peer without ICE is then reached at its `c=`/`m=` address.
 *
 * What the stream sends comes from [property@SipSimple.AudioStream:input]
 * (a device, a tone, a WAV file, silence) or from an element of your own,
 * [property@SipSimple.AudioStream:input-element]; what it receives goes
 * to [property@SipSimple.AudioStream:output] (a device, a WAV recording,
 * nowhere) or to [property@SipSimple.AudioStream:output-element]. The
 * audio between them and the RTP part is 16-bit mono at 48 kHz; the
 * output runs in real time with silence when nothing arrives (so a
 * recording keeps the timeline, holds included). These are set before
 * [method@SipSimple.MediaStream.start] and stay for the stream's life;
 * a renegotiation that changes the codec, key or transport replaces only
 * the RTP part. An input or output that cannot be opened or fails later
 * (a machine without a sound card, say) does not end the call: the stream
 * sends silence or discards what it receives instead and says so with
 * [signal@SipSimple.AudioStream::device-error]. (So that a device can go,
 * the stream's pipeline runs on the system clock, never on a device's:
 * devices follow it.)
 *
 * Hold: after [method@SipSimple.MediaStream.hold] the next media
 * description says `sendonly` (or `inactive` if the peer holds us too);
 * once negotiated, [property@SipSimple.MediaStream:on-hold-by-local] is
 * set and the stream stops playing what it receives and sends silence
 * rather than its input (unless [property@SipSimple.AudioStream:mute-on-hold]
 * is off: then it sends its input, hold music for instance; see also
 * [class@SipSimple.AudioMixer]). A peer's `sendonly`, `inactive` or `c=0.0.0.0`
 * sets [property@SipSimple.MediaStream:on-hold-by-remote]; the stream then
 * sends nothing (as directions require) and plays what it gets (hold
 * music).
 *
 * Statistics (packets, octets, loss, jitter, round-trip time from RTCP,
 * which goes out about once a second) come from
 * [method@SipSimple.AudioStream.get_statistics].
 *
 * Everything happens on the thread-default main context of the thread
 * that created the stream: signals, bus messages, ICE events. GStreamer's
 * own streaming threads move the media.
 *
 * Debugging: `G_MESSAGES_DEBUG=SipSimple` shows negotiation results and
 * pipeline errors, `GST_DEBUG=rtpbin:4,rtpjitterbuffer:4,srtp*:4` the
 * media, `NICE_DEBUG=all` ICE.
 *
 * ```python
 * stream = SipSimple.AudioStream.new()
 * stream.props.codecs = ["opus", "PCMU"]
 * stream.props.output = "file:/tmp/call.wav"
 * stream.connect("started", lambda s: print(
 *     f'Audio session established using "{s.props.codec}" codec at {s.props.sample_rate}Hz'))
 * ```
 *
 * Since: 0.1
 */

#define DEFAULT_LATENCY 100
#define DTMF_MIN_DURATION 250 /* rtpdtmfsrc's minimum pulse */
#define DTMF_PAUSE 100        /* and its minimum pause */
#define BIND_ATTEMPTS 64

static const char *const default_codecs[] = { "opus", "G722", "PCMU", "PCMA", NULL };

typedef struct
{
  char  digit;
  guint duration;
} DtmfDigit;

struct _SipSimpleAudioStream
{
  GObject parent_instance;

  GMainContext *context;

  /* configuration */
  char             **codecs;
  SipSimpleSrtpMode  srtp;
  gboolean           ice;
  gboolean           ice_controlling; /* the ICE role we gather in */
  char              *stun_server;
  guint              latency;
  char              *input;
  char              *output;
  GstElement        *input_element;
  GstElement        *output_element;
  gboolean           mute_on_hold;

  /* transport */
  char                  *local_address;
  GSocket               *rtp_socket;
  GSocket               *rtcp_socket;
  SipSimpleIceTransport *ice_transport;
  GTask                 *init_task;
  GBytes                *local_key;

  /* negotiation */
  SipSimpleMediaStreamState state;
  gboolean               is_offerer;
  gboolean               hold_requested;
  gboolean               on_hold_by_local;
  gboolean               on_hold_by_remote;
  const SipSimpleCodec  *codec;
  char                  *codec_name;
  gint                   send_te_pt;
  gboolean               sending;
  gboolean               receiving;
  gboolean               srtp_active;
  char                  *remote_address;
  guint                  local_port;
  gboolean               ice_with_peer; /* both sides do ICE */

  /* media */
  SipSimpleRtpSession *rtp;
  gboolean             playing;
  gboolean             started;
  GQueue               dtmf_queue;
  guint                dtmf_timer;
  gboolean             dtmf_tone_on;
};

enum {
  PROP_0,
  PROP_CODECS,
  PROP_SRTP,
  PROP_ICE,
  PROP_STUN_SERVER,
  PROP_JITTER_BUFFER_LATENCY,
  PROP_INPUT,
  PROP_OUTPUT,
  PROP_INPUT_ELEMENT,
  PROP_OUTPUT_ELEMENT,
  PROP_MUTE_ON_HOLD,
  PROP_CODEC,
  PROP_SAMPLE_RATE,
  PROP_REMOTE_ADDRESS,
  PROP_LOCAL_PORT,
  PROP_SRTP_ACTIVE,
  /* SipSimpleMediaStream */
  PROP_STATE,
  PROP_ON_HOLD_BY_LOCAL,
  PROP_ON_HOLD_BY_REMOTE,
  N_PROPS
};

enum {
  SIGNAL_DTMF_RECEIVED,
  SIGNAL_DEVICE_ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void media_stream_iface_init (SipSimpleMediaStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SipSimpleAudioStream, sip_simple_audio_stream, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SIP_SIMPLE_TYPE_MEDIA_STREAM,
                                                      media_stream_iface_init))

G_DEFINE_ENUM_TYPE (SipSimpleSrtpMode, sip_simple_srtp_mode,
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SRTP_MODE_DISABLED, "disabled"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SRTP_MODE_OPTIONAL, "optional"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SRTP_MODE_MANDATORY, "mandatory"))

G_DEFINE_ENUM_TYPE (SipSimpleAudioDirection, sip_simple_audio_direction,
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_AUDIO_DIRECTION_INPUT, "input"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_AUDIO_DIRECTION_OUTPUT, "output"))

G_DEFINE_BOXED_TYPE (SipSimpleAudioStatistics, sip_simple_audio_statistics,
                     sip_simple_audio_statistics_copy, sip_simple_audio_statistics_free)

/**
 * sip_simple_audio_statistics_copy:
 * @stats: statistics
 *
 * Copies audio statistics.
 *
 * Returns: (transfer full): a copy of @stats
 *
 * Since: 0.1
 */
SipSimpleAudioStatistics *
sip_simple_audio_statistics_copy (const SipSimpleAudioStatistics *stats)
{
  g_return_val_if_fail (stats != NULL, NULL);
  return g_memdup2 (stats, sizeof *stats);
}

/**
 * sip_simple_audio_statistics_free:
 * @stats: statistics
 *
 * Frees @stats.
 *
 * Since: 0.1
 */
void
sip_simple_audio_statistics_free (SipSimpleAudioStatistics *stats)
{
  g_free (stats);
}

/* ---------------------------------------------------------------------- */
/* state                                                                    */

static void
set_state (SipSimpleAudioStream *self, SipSimpleMediaStreamState state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_boolean (SipSimpleAudioStream *self, gboolean *field, gboolean value, guint prop)
{
  value = !!value;
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_string (SipSimpleAudioStream *self, char **field, const char *value, guint prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static gboolean
state_error (SipSimpleAudioStream *self, GError **error, const char *what)
{
  g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_STATE,
               "Cannot %s an audio stream in state %s", what,
               g_enum_get_value (g_type_class_peek (SIP_SIMPLE_TYPE_MEDIA_STREAM_STATE),
                                 self->state)->value_nick);
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* negotiation (the SDP side is rtp-media.c)                                */

/* What rtp-media needs to know about the stream right now */
static void
media_config (SipSimpleAudioStream *self, SipSimpleRtpMediaConfig *config)
{
  *config = (SipSimpleRtpMediaConfig){
    .table = sip_simple_audio_codec_table (),
    .codecs = (const char *const *) self->codecs,
    .current = self->codec,
    .srtp = self->srtp,
    .local_key = self->local_key,
    .ice = self->ice_transport,
    .rtp_socket = self->rtp_socket,
    .rtcp_socket = self->rtcp_socket,
    .local_address = self->local_address,
    .hold_requested = self->hold_requested,
    .on_hold_by_remote = self->on_hold_by_remote,
  };
}

static gboolean
read_media (SipSimpleAudioStream  *self,
            const GstSDPMessage   *sdp,
            guint                  index,
            gboolean               read_ice,
            SipSimpleRtpMediaInfo *info,
            GError               **error)
{
  return sip_simple_rtp_media_read (sip_simple_audio_codec_table (), sdp, index, read_ice, info,
                                    error);
}

static void
set_local_port (SipSimpleAudioStream *self, guint port)
{
  if (self->local_port == port)
    return;
  self->local_port = port;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCAL_PORT]);
}

/* Everything the pipeline needs from the negotiated local and remote
 * descriptions of our m-line. */
static gboolean
negotiate (SipSimpleAudioStream  *self,
           SipSimpleRtpMediaInfo *local,
           SipSimpleRtpMediaInfo *remote,
           SipSimpleRtpParams    *params,
           GError               **error)
{
  SipSimpleRtpMediaConfig config;

  media_config (self, &config);
  if (!sip_simple_rtp_media_negotiate (&config, self->is_offerer, local, remote, params, error))
    return FALSE;
  if (self->ice_transport != NULL)
    params->ice = g_object_ref (self->ice_transport);
  else
    {
      params->rtp_socket = g_object_ref (self->rtp_socket);
      params->rtcp_socket = g_object_ref (self->rtcp_socket);
    }
  params->latency = self->latency;
  return TRUE;
}

static void
apply_mutes (SipSimpleAudioStream *self)
{
  gboolean mute = self->on_hold_by_local && self->mute_on_hold;

  if (self->rtp == NULL)
    return;
  sip_simple_rtp_session_set_input_muted (self->rtp, mute);
  sip_simple_rtp_session_set_output_muted (self->rtp, mute || !self->receiving);
}

static void
apply_directions (SipSimpleAudioStream  *self,
                  SipSimpleRtpMediaInfo *local,
                  SipSimpleRtpMediaInfo *remote)
{
  SipSimpleRtpMediaConfig config;
  SipSimpleRtpFlow flow;

  media_config (self, &config);
  sip_simple_rtp_media_get_flow (&config, local, remote, &flow);
  self->sending = flow.send;
  self->receiving = flow.receive;
  sip_simple_rtp_session_set_sending (self->rtp, flow.send);
  set_boolean (self, &self->on_hold_by_local, flow.held_by_local, PROP_ON_HOLD_BY_LOCAL);
  apply_mutes (self);
  set_boolean (self, &self->on_hold_by_remote, flow.held_by_remote, PROP_ON_HOLD_BY_REMOTE);
  g_debug ("audio: local %s, remote %s%s: %ssending, %sreceiving",
           sip_simple_rtp_direction_to_string (local->direction),
           sip_simple_rtp_direction_to_string (remote->direction),
           remote->hold_address ? " (c=0.0.0.0)" : "", flow.send ? "" : "not ",
           flow.receive ? "" : "not ");
}

static void
update_negotiated (SipSimpleAudioStream *self, const SipSimpleRtpParams *params)
{
  g_autofree char *remote = NULL;
  gboolean secure = params->send_crypto.suite != SIP_SIMPLE_SRTP_SUITE_NONE;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->codec != params->codec)
    {
      self->codec = params->codec;
      set_string (self, &self->codec_name, params->codec->name, PROP_CODEC);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAMPLE_RATE]);
    }
  self->send_te_pt = params->send_te_pt;
  set_boolean (self, &self->srtp_active, secure, PROP_SRTP_ACTIVE);
  if (self->ice_transport != NULL && self->ice_with_peer)
    remote = g_strdup (sip_simple_ice_transport_get_remote_address (self->ice_transport));
  else
    remote = g_socket_connectable_to_string (G_SOCKET_CONNECTABLE (params->remote_rtp));
  set_string (self, &self->remote_address, remote, PROP_REMOTE_ADDRESS);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
maybe_started (SipSimpleAudioStream *self)
{
  guint ice_state;

  if (self->started || !self->playing || self->state != SIP_SIMPLE_MEDIA_STREAM_STATE_STARTING)
    return;
  if (self->ice_with_peer)
    {
      ice_state = sip_simple_ice_transport_get_state (self->ice_transport);
      if (ice_state != NICE_COMPONENT_STATE_CONNECTED && ice_state != NICE_COMPONENT_STATE_READY)
        return;
    }
  self->started = TRUE;
  set_state (self, SIP_SIMPLE_MEDIA_STREAM_STATE_RUNNING);
  sip_simple_media_stream_emit_started (SIP_SIMPLE_MEDIA_STREAM (self));
}

static void
fail (SipSimpleAudioStream *self, const GError *error)
{
  if (self->state == SIP_SIMPLE_MEDIA_STREAM_STATE_FAILED
      || self->state == SIP_SIMPLE_MEDIA_STREAM_STATE_ENDED)
    return;
  g_debug ("audio stream failed: %s", error->message);
  if (self->rtp != NULL)
    sip_simple_rtp_session_stop (self->rtp);
  set_state (self, SIP_SIMPLE_MEDIA_STREAM_STATE_FAILED);
  sip_simple_media_stream_emit_failed (SIP_SIMPLE_MEDIA_STREAM (self), error);
}

static void
on_rtp_playing (SipSimpleRtpSession *rtp, gpointer user_data)
{
  SipSimpleAudioStream *self = user_data;

  self->playing = TRUE;
  maybe_started (self);
}

static void
on_rtp_error (SipSimpleRtpSession *rtp, GError *error, gpointer user_data)
{
  fail (user_data, error);
}

static void
on_rtp_device_error (SipSimpleRtpSession *rtp, GError *error, gboolean input, gpointer user_data)
{
  g_signal_emit (user_data, signals[SIGNAL_DEVICE_ERROR], 0, error,
                 input ? SIP_SIMPLE_AUDIO_DIRECTION_INPUT : SIP_SIMPLE_AUDIO_DIRECTION_OUTPUT);
}

static void
on_rtp_dtmf (SipSimpleRtpSession *rtp, guint event, gpointer user_data)
{
  static const char digits[] = "0123456789*#ABCD";
  char digit[2] = { 0 };

  if (event >= 16)
    return;
  digit[0] = digits[event];
  g_signal_emit (user_data, signals[SIGNAL_DTMF_RECEIVED], 0, digit);
}

static void
on_ice_changed (SipSimpleIceTransport *ice, gpointer user_data)
{
  SipSimpleAudioStream *self = user_data;
  guint state = sip_simple_ice_transport_get_state (ice);

  if (self->ice_with_peer && sip_simple_ice_transport_get_remote_address (ice) != NULL)
    set_string (self, &self->remote_address, sip_simple_ice_transport_get_remote_address (ice),
                PROP_REMOTE_ADDRESS);
  if (state == NICE_COMPONENT_STATE_FAILED && self->ice_with_peer && self->rtp != NULL)
    {
      g_autoptr (GError) error = g_error_new (SIP_SIMPLE_MEDIA_STREAM_ERROR,
                                              SIP_SIMPLE_MEDIA_STREAM_ERROR_TRANSPORT,
                                              "ICE found no working candidate pair");
      fail (self, error);
      return;
    }
  maybe_started (self);
}

static gboolean
read_both (SipSimpleAudioStream *self,
           const GstSDPMessage  *local_sdp,
           const GstSDPMessage  *remote_sdp,
           guint                 index,
           SipSimpleRtpMediaInfo *local,
           SipSimpleRtpMediaInfo *remote,
           GError              **error)
{
  g_autoptr (GError) local_error = NULL;

  if (!read_media (self, local_sdp, index, FALSE, local, &local_error))
    {
      g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_FAILED,
                   "Our own media description is unusable: %s", local_error->message);
      return FALSE;
    }
  return read_media (self, remote_sdp, index, self->ice_transport != NULL, remote, error);
}

static gboolean
setup_ice (SipSimpleAudioStream *self, SipSimpleRtpMediaInfo *remote, GError **error)
{
  if (self->ice_transport == NULL)
    return TRUE;
  self->ice_with_peer = remote->ice.ufrag != NULL;
  if (self->ice_with_peer)
    return sip_simple_ice_transport_set_remote (self->ice_transport, &remote->ice,
                                                self->is_offerer, error);
  return sip_simple_ice_transport_set_remote_plain (self->ice_transport, remote->rtp,
                                                    remote->rtcp, error);
}

/* ---------------------------------------------------------------------- */
/* SipSimpleMediaStream                                                     */

static const char *
audio_get_media_type (SipSimpleMediaStream *stream)
{
  return "audio";
}

static gboolean
audio_accepts_remote_media (SipSimpleMediaStream *stream,
                            const GstSDPMessage  *remote_sdp,
                            guint                 index)
{
  return sip_simple_rtp_media_accepts (sip_simple_audio_codec_table (),
                                       gst_sdp_message_get_media (remote_sdp, index));
}

static gboolean
bind_socket (GInetAddress *address, guint port, GSocket **out, GError **error)
{
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GSocketAddress) where = NULL;

  socket = g_socket_new (g_inet_address_get_family (address), G_SOCKET_TYPE_DATAGRAM,
                         G_SOCKET_PROTOCOL_UDP, error);
  if (socket == NULL)
    return FALSE;
  where = g_inet_socket_address_new (address, port);
  if (!g_socket_bind (socket, where, FALSE, error))
    return FALSE;
  *out = g_steal_pointer (&socket);
  return TRUE;
}

static guint
socket_port (GSocket *socket)
{
  g_autoptr (GSocketAddress) address = g_socket_get_local_address (socket, NULL);

  return address ? g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address)) : 0;
}

/* RTP on an even port, RTCP on the next one (RFC 3550 section 11). */
static gboolean
bind_port_pair (SipSimpleAudioStream *self, GError **error)
{
  g_autoptr (GInetAddress) address = g_inet_address_new_from_string (self->local_address);

  if (address == NULL)
    return sip_simple_rtp_stream_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR_TRANSPORT,
                      "The local address “%s” is not an IP address", self->local_address);
  for (guint attempt = 0; attempt < BIND_ATTEMPTS; attempt++)
    {
      g_autoptr (GSocket) first = NULL;
      g_autoptr (GSocket) second = NULL;
      guint port;

      if (!bind_socket (address, 0, &first, error))
        return FALSE;
      port = socket_port (first);
      if (port % 2 == 0 && port < 65535 && bind_socket (address, port + 1, &second, NULL))
        {
          self->rtp_socket = g_steal_pointer (&first);
          self->rtcp_socket = g_steal_pointer (&second);
        }
      else if (port % 2 == 1 && bind_socket (address, port - 1, &second, NULL))
        {
          self->rtp_socket = g_steal_pointer (&second);
          self->rtcp_socket = g_steal_pointer (&first);
        }
      if (self->rtp_socket != NULL)
        {
          self->local_port = socket_port (self->rtp_socket);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCAL_PORT]);
          return TRUE;
        }
    }
  return sip_simple_rtp_stream_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR_TRANSPORT,
                    "No pair of free UDP ports on %s", self->local_address);
}

static void
ice_gathered (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SipSimpleAudioStream) self = user_data;
  g_autoptr (GTask) task = g_steal_pointer (&self->init_task);
  g_autoptr (GError) error = NULL;
  g_autofree char *address = NULL;
  guint port = 0;

  if (task == NULL)
    return;
  if (!sip_simple_ice_transport_gather_finish (SIP_SIMPLE_ICE_TRANSPORT (source), result, &error)
      || g_task_return_error_if_cancelled (task))
    {
      if (error != NULL)
        {
          set_state (self, SIP_SIMPLE_MEDIA_STREAM_STATE_FAILED);
          g_task_return_error (task, g_steal_pointer (&error));
        }
      else
        set_state (self, SIP_SIMPLE_MEDIA_STREAM_STATE_FAILED);
      return;
    }
  if (sip_simple_ice_transport_get_default (self->ice_transport, 1, &address, &port))
    {
      self->local_port = port;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCAL_PORT]);
    }
  set_state (self, SIP_SIMPLE_MEDIA_STREAM_STATE_INITIALIZED);
  g_task_return_boolean (task, TRUE);
}

static void
audio_initialize_async (SipSimpleMediaStream *stream,
                        const char           *local_address,
                        GCancellable         *cancellable,
                        GAsyncReadyCallback   callback,
                        gpointer              user_data)
{
  SipSimpleAudioStream *self = SIP_SIMPLE_AUDIO_STREAM (stream);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr (GError) error = NULL;

  g_task_set_source_tag (task, audio_initialize_async);
  if (self->state != SIP_SIMPLE_MEDIA_STREAM_STATE_NEW)
    {
      state_error (self, &error, "initialize");
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  self->local_address = g_strdup (local_address);
  if (self->srtp != SIP_SIMPLE_SRTP_MODE_DISABLED)
    self->local_key = sip_simple_srtp_generate_key ();
  set_state (self, SIP_SIMPLE_MEDIA_STREAM_STATE_INITIALIZING);

  if (self->ice)
    {
      self->ice_transport = sip_simple_ice_transport_new (self->context, local_address,
                                                          self->stun_server, self->ice_controlling);
      g_signal_connect (self->ice_transport, "changed", G_CALLBACK (on_ice_changed), self);
      self->init_task = g_steal_pointer (&task);
      sip_simple_ice_transport_gather_async (self->ice_transport, cancellable, ice_gathered,
                                             g_object_ref (self));
      return;
    }
  if (!bind_port_pair (self, &error))
    {
      set_state (self, SIP_SIMPLE_MEDIA_STREAM_STATE_FAILED);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  set_state (self, SIP_SIMPLE_MEDIA_STREAM_STATE_INITIALIZED);
  g_task_return_boolean (task, TRUE);
}

static gboolean
audio_initialize_finish (SipSimpleMediaStream *stream, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, stream), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
can_negotiate (SipSimpleAudioStream *self)
{
  return self->state == SIP_SIMPLE_MEDIA_STREAM_STATE_INITIALIZED
         || self->state == SIP_SIMPLE_MEDIA_STREAM_STATE_STARTING
         || self->state == SIP_SIMPLE_MEDIA_STREAM_STATE_RUNNING;
}

static gboolean
audio_add_local_media (SipSimpleMediaStream *stream,
                       GstSDPMessage        *local_sdp,
                       const GstSDPMessage  *remote_sdp,
                       guint                 index,
                       GError              **error)
{
  SipSimpleAudioStream *self = SIP_SIMPLE_AUDIO_STREAM (stream);
  g_auto (SipSimpleRtpMediaInfo) remote = { 0 };
  SipSimpleRtpMediaConfig config;
  GstSDPMedia media = { 0 };
  guint port = self->local_port;

  if (!can_negotiate (self))
    return state_error (self, error, "describe");

  media_config (self, &config);
  gst_sdp_media_init (&media);
  if (remote_sdp == NULL)
    {
      self->is_offerer = TRUE;
      sip_simple_rtp_media_write_offer (&config, &media, &port);
    }
  else
    {
      if (!read_media (self, remote_sdp, index, self->ice_transport != NULL, &remote, error))
        {
          gst_sdp_media_uninit (&media);
          return FALSE;
        }
      self->is_offerer = FALSE;
      if (remote.port == 0)
        /* a stream the offerer disabled or removes: port 0 back */
        sip_simple_rtp_media_write_rejected (&remote, &media);
      else if (!sip_simple_rtp_media_write_answer (&config, &remote, &media, &port, error))
        {
          gst_sdp_media_uninit (&media);
          return FALSE;
        }
    }
  set_local_port (self, port);
  gst_sdp_message_add_media (local_sdp, &media); /* takes the contents */
  return TRUE;
}

static GstElement *
take_io_element (GstElement **configured, const char *spec, gboolean input, GError **error)
{
  if (*configured != NULL)
    return g_steal_pointer (configured);
  return input ? sip_simple_audio_io_make_input (spec, error)
               : sip_simple_audio_io_make_output (spec, error);
}

static gboolean
audio_start (SipSimpleMediaStream *stream,
             const GstSDPMessage  *local_sdp,
             const GstSDPMessage  *remote_sdp,
             guint                 index,
             GError              **error)
{
  SipSimpleAudioStream *self = SIP_SIMPLE_AUDIO_STREAM (stream);
  g_auto (SipSimpleRtpMediaInfo) local = { 0 };
  g_auto (SipSimpleRtpMediaInfo) remote = { 0 };
  SipSimpleRtpParams params = { 0 };
  GstElement *input = NULL, *output = NULL;
  gboolean ok = FALSE;

  if (self->state != SIP_SIMPLE_MEDIA_STREAM_STATE_INITIALIZED)
    return state_error (self, error, "start");
  if (!read_both (self, local_sdp, remote_sdp, index, &local, &remote, error))
    return FALSE;
  if (remote.port == 0 || local.port == 0)
    return sip_simple_rtp_stream_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE,
                      "The audio stream was rejected (port 0)");
  if (self->is_offerer)
    {
      /* an answer on the other address family (the answerer checked our offer) */
      SipSimpleRtpMediaConfig config;

      media_config (self, &config);
      if (!sip_simple_rtp_media_check_family (&config, &remote, error))
        return FALSE;
    }
  if (!negotiate (self, &local, &remote, &params, error) || !setup_ice (self, &remote, error))
    goto out;
  if (!(input = take_io_element (&self->input_element, self->input, TRUE, error))
      || !(output = take_io_element (&self->output_element, self->output, FALSE, error)))
    goto out;

  self->rtp = sip_simple_rtp_session_new (self->context);
  g_signal_connect (self->rtp, "playing", G_CALLBACK (on_rtp_playing), self);
  g_signal_connect (self->rtp, "error", G_CALLBACK (on_rtp_error), self);
  g_signal_connect (self->rtp, "dtmf", G_CALLBACK (on_rtp_dtmf), self);
  g_signal_connect (self->rtp, "device-error", G_CALLBACK (on_rtp_device_error), self);
  apply_directions (self, &local, &remote);
  if (!sip_simple_rtp_session_start (self->rtp, g_steal_pointer (&input),
                                     g_steal_pointer (&output), &params, error))
    goto out;
  update_negotiated (self, &params);
  set_state (self, SIP_SIMPLE_MEDIA_STREAM_STATE_STARTING);
  ok = TRUE;

out:
  if (input != NULL)
    gst_object_unref (sip_simple_gst_own (input));
  if (output != NULL)
    gst_object_unref (sip_simple_gst_own (output));
  sip_simple_rtp_params_clear (&params);
  return ok;
}

static gboolean
audio_validate_update (SipSimpleMediaStream *stream,
                       const GstSDPMessage  *remote_sdp,
                       guint                 index,
                       GError              **error)
{
  SipSimpleAudioStream *self = SIP_SIMPLE_AUDIO_STREAM (stream);
  g_auto (SipSimpleRtpMediaInfo) remote = { 0 };
  SipSimpleRtpMediaConfig config;

  if (!read_media (self, remote_sdp, index, self->ice_transport != NULL, &remote, error))
    return FALSE;
  if (remote.port == 0)
    return TRUE; /* removal is always acceptable */
  media_config (self, &config);
  return sip_simple_rtp_media_check_offer (&config, &remote, error);
}

static void stop_media (SipSimpleAudioStream *self);

static gboolean
audio_update (SipSimpleMediaStream *stream,
              const GstSDPMessage  *local_sdp,
              const GstSDPMessage  *remote_sdp,
              guint                 index,
              GError              **error)
{
  SipSimpleAudioStream *self = SIP_SIMPLE_AUDIO_STREAM (stream);
  g_auto (SipSimpleRtpMediaInfo) local = { 0 };
  g_auto (SipSimpleRtpMediaInfo) remote = { 0 };
  SipSimpleRtpParams params = { 0 };
  gboolean ok = FALSE;

  if (self->state != SIP_SIMPLE_MEDIA_STREAM_STATE_STARTING
      && self->state != SIP_SIMPLE_MEDIA_STREAM_STATE_RUNNING)
    return state_error (self, error, "update");
  if (!read_both (self, local_sdp, remote_sdp, index, &local, &remote, error))
    return FALSE;
  if (remote.port == 0 || local.port == 0)
    {
      /* removed from the session: the media stops, end() follows */
      stop_media (self);
      return TRUE;
    }
  if (self->rtp == NULL || !sip_simple_rtp_session_is_running (self->rtp))
    return state_error (self, error, "update");
  if (!negotiate (self, &local, &remote, &params, error))
    goto out;
  /* ICE restarts are not supported: a renegotiation keeps the pair */
  if (self->ice_transport != NULL && !self->ice_with_peer && remote.ice.ufrag == NULL
      && !sip_simple_ice_transport_set_remote_plain (self->ice_transport, remote.rtp, remote.rtcp,
                                                     error))
    goto out;
  if (!sip_simple_rtp_session_reconfigure (self->rtp, &params, error))
    goto out;
  apply_directions (self, &local, &remote);
  update_negotiated (self, &params);
  ok = TRUE;

out:
  sip_simple_rtp_params_clear (&params);
  return ok;
}

static void
audio_hold (SipSimpleMediaStream *stream)
{
  SIP_SIMPLE_AUDIO_STREAM (stream)->hold_requested = TRUE;
}

static void
audio_unhold (SipSimpleMediaStream *stream)
{
  SIP_SIMPLE_AUDIO_STREAM (stream)->hold_requested = FALSE;
}

/* on the stream's context, not the global default one */
static guint
add_timeout (SipSimpleAudioStream *self, guint ms, GSourceFunc func)
{
  GSource *source = g_timeout_source_new (ms);
  guint id;

  g_source_set_callback (source, func, self, NULL);
  g_source_set_static_name (source, "[sipsimple] DTMF");
  id = g_source_attach (source, self->context);
  g_source_unref (source);
  return id;
}

static void
remove_timeout (SipSimpleAudioStream *self, guint *id)
{
  GSource *source;

  if (*id == 0)
    return;
  source = g_main_context_find_source_by_id (self->context, *id);
  if (source != NULL)
    g_source_destroy (source);
  *id = 0;
}

static guint
dtmf_event (char digit)
{
  static const char digits[] = "0123456789*#ABCD";
  return strchr (digits, g_ascii_toupper (digit)) - digits;
}

static void
clear_dtmf (SipSimpleAudioStream *self)
{
  remove_timeout (self, &self->dtmf_timer);
  g_queue_clear_full (&self->dtmf_queue, g_free);
  self->dtmf_tone_on = FALSE;
}

static void
stop_media (SipSimpleAudioStream *self)
{
  clear_dtmf (self);
  if (self->rtp != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->rtp, self);
      sip_simple_rtp_session_stop (self->rtp);
      g_clear_object (&self->rtp);
    }
  self->sending = FALSE;
}

static void
audio_deactivate (SipSimpleMediaStream *stream)
{
  stop_media (SIP_SIMPLE_AUDIO_STREAM (stream));
}

static void
release_transport (SipSimpleAudioStream *self)
{
  if (self->init_task != NULL)
    {
      g_task_return_new_error (self->init_task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "The audio stream ended");
      g_clear_object (&self->init_task);
    }
  if (self->ice_transport != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->ice_transport, self);
      g_clear_object (&self->ice_transport);
    }
  if (self->rtp_socket != NULL)
    g_socket_close (self->rtp_socket, NULL);
  if (self->rtcp_socket != NULL)
    g_socket_close (self->rtcp_socket, NULL);
  g_clear_object (&self->rtp_socket);
  g_clear_object (&self->rtcp_socket);
}

static void
audio_end (SipSimpleMediaStream *stream)
{
  SipSimpleAudioStream *self = SIP_SIMPLE_AUDIO_STREAM (stream);

  if (self->state == SIP_SIMPLE_MEDIA_STREAM_STATE_ENDED)
    return;
  stop_media (self);
  release_transport (self);
  set_state (self, SIP_SIMPLE_MEDIA_STREAM_STATE_ENDED);
  sip_simple_media_stream_emit_ended (stream);
}

static void
media_stream_iface_init (SipSimpleMediaStreamInterface *iface)
{
  iface->get_media_type = audio_get_media_type;
  iface->accepts_remote_media = audio_accepts_remote_media;
  iface->initialize_async = audio_initialize_async;
  iface->initialize_finish = audio_initialize_finish;
  iface->add_local_media = audio_add_local_media;
  iface->start = audio_start;
  iface->validate_update = audio_validate_update;
  iface->update = audio_update;
  iface->hold = audio_hold;
  iface->unhold = audio_unhold;
  iface->deactivate = audio_deactivate;
  iface->end = audio_end;
}

/* ---------------------------------------------------------------------- */
/* DTMF                                                                     */

static gboolean dtmf_next (gpointer data);

static gboolean
dtmf_stop (gpointer data)
{
  SipSimpleAudioStream *self = data;

  self->dtmf_timer = 0;
  if (self->rtp != NULL)
    sip_simple_rtp_session_dtmf (self->rtp, 0, FALSE);
  self->dtmf_tone_on = FALSE;
  self->dtmf_timer = add_timeout (self, DTMF_PAUSE, dtmf_next);
  return G_SOURCE_REMOVE;
}

static gboolean
dtmf_next (gpointer data)
{
  SipSimpleAudioStream *self = data;
  g_autofree DtmfDigit *next = g_queue_pop_head (&self->dtmf_queue);

  self->dtmf_timer = 0;
  if (next == NULL || self->rtp == NULL)
    return G_SOURCE_REMOVE;
  sip_simple_rtp_session_dtmf (self->rtp, dtmf_event (next->digit), TRUE);
  self->dtmf_tone_on = TRUE;
  self->dtmf_timer = add_timeout (self, MAX (next->duration, DTMF_MIN_DURATION), dtmf_stop);
  return G_SOURCE_REMOVE;
}

/**
 * sip_simple_audio_stream_send_dtmf:
 * @self: an audio stream
 * @digits: one or more of `0123456789*#ABCD`
 * @duration_ms: how long each digit sounds, in milliseconds (0 for the
 *   default; at least 250 ms are sent), with 100 ms between digits
 * @error: return location for a #GError
 *
 * Sends @digits as RFC 4733 telephone events, after any digits still
 * queued. The stream must be running, sending (not on hold) and the peer
 * must have accepted `telephone-event`.
 *
 * Returns: %TRUE if the digits were queued; %FALSE with
 *   %SIP_SIMPLE_MEDIA_STREAM_ERROR_STATE when the stream is not running or
 *   not sending, %SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE when the peer
 *   takes no telephone events, %SIP_SIMPLE_MEDIA_STREAM_ERROR_FAILED for
 *   a character that is no DTMF digit
 *
 * Since: 0.1
 */
gboolean
sip_simple_audio_stream_send_dtmf (SipSimpleAudioStream *self,
                                   const char           *digits,
                                   guint                 duration_ms,
                                   GError              **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_AUDIO_STREAM (self), FALSE);
  g_return_val_if_fail (digits != NULL, FALSE);

  if (*digits == '\0')
    return sip_simple_rtp_stream_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR_FAILED, "No DTMF digits to send");
  for (const char *p = digits; *p; p++)
    if (strchr ("0123456789*#ABCDabcd", *p) == NULL)
      return sip_simple_rtp_stream_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR_FAILED,
                        "“%c” is not a DTMF digit", *p);
  if (self->state != SIP_SIMPLE_MEDIA_STREAM_STATE_RUNNING || self->rtp == NULL)
    return state_error (self, error, "send DTMF on");
  if (!self->sending)
    return sip_simple_rtp_stream_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR_STATE,
                      "The audio stream is not sending (on hold)");
  if (self->send_te_pt < 0)
    return sip_simple_rtp_stream_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE,
                      "The peer takes no RFC 4733 telephone events");
  for (const char *p = digits; *p; p++)
    {
      DtmfDigit *digit = g_new0 (DtmfDigit, 1);
      digit->digit = *p;
      digit->duration = duration_ms ? duration_ms : DTMF_MIN_DURATION;
      g_queue_push_tail (&self->dtmf_queue, digit);
    }
  if (self->dtmf_timer == 0 && !self->dtmf_tone_on)
    dtmf_next (self);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                  */

static void
sip_simple_audio_stream_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  SipSimpleAudioStream *self = SIP_SIMPLE_AUDIO_STREAM (object);

  switch (prop_id)
    {
    case PROP_CODECS:
      g_value_set_boxed (value, self->codecs);
      break;
    case PROP_SRTP:
      g_value_set_enum (value, self->srtp);
      break;
    case PROP_ICE:
      g_value_set_boolean (value, self->ice);
      break;
    case PROP_STUN_SERVER:
      g_value_set_string (value, self->stun_server);
      break;
    case PROP_JITTER_BUFFER_LATENCY:
      g_value_set_uint (value, self->latency);
      break;
    case PROP_INPUT:
      g_value_set_string (value, self->input);
      break;
    case PROP_OUTPUT:
      g_value_set_string (value, self->output);
      break;
    case PROP_INPUT_ELEMENT:
      g_value_set_object (value, self->input_element);
      break;
    case PROP_OUTPUT_ELEMENT:
      g_value_set_object (value, self->output_element);
      break;
    case PROP_MUTE_ON_HOLD:
      g_value_set_boolean (value, self->mute_on_hold);
      break;
    case PROP_CODEC:
      g_value_set_string (value, self->codec_name);
      break;
    case PROP_SAMPLE_RATE:
      g_value_set_uint (value, sip_simple_audio_stream_get_sample_rate (self));
      break;
    case PROP_REMOTE_ADDRESS:
      g_value_set_string (value, self->remote_address);
      break;
    case PROP_LOCAL_PORT:
      g_value_set_uint (value, self->local_port);
      break;
    case PROP_SRTP_ACTIVE:
      g_value_set_boolean (value, self->srtp_active);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ON_HOLD_BY_LOCAL:
      g_value_set_boolean (value, self->on_hold_by_local);
      break;
    case PROP_ON_HOLD_BY_REMOTE:
      g_value_set_boolean (value, self->on_hold_by_remote);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_audio_stream_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  SipSimpleAudioStream *self = SIP_SIMPLE_AUDIO_STREAM (object);

  switch (prop_id)
    {
    case PROP_CODECS:
      sip_simple_audio_stream_set_codecs (self, g_value_get_boxed (value));
      break;
    case PROP_SRTP:
      sip_simple_audio_stream_set_srtp (self, g_value_get_enum (value));
      break;
    case PROP_ICE:
      sip_simple_audio_stream_set_ice (self, g_value_get_boolean (value));
      break;
    case PROP_STUN_SERVER:
      sip_simple_audio_stream_set_stun_server (self, g_value_get_string (value));
      break;
    case PROP_JITTER_BUFFER_LATENCY:
      sip_simple_audio_stream_set_jitter_buffer_latency (self, g_value_get_uint (value));
      break;
    case PROP_INPUT:
      sip_simple_audio_stream_set_input (self, g_value_get_string (value));
      break;
    case PROP_OUTPUT:
      sip_simple_audio_stream_set_output (self, g_value_get_string (value));
      break;
    case PROP_INPUT_ELEMENT:
      sip_simple_audio_stream_set_input_element (self, g_value_get_object (value));
      break;
    case PROP_OUTPUT_ELEMENT:
      sip_simple_audio_stream_set_output_element (self, g_value_get_object (value));
      break;
    case PROP_MUTE_ON_HOLD:
      sip_simple_audio_stream_set_mute_on_hold (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_audio_stream_dispose (GObject *object)
{
  SipSimpleAudioStream *self = SIP_SIMPLE_AUDIO_STREAM (object);

  stop_media (self);
  release_transport (self);
  g_clear_object (&self->input_element);
  g_clear_object (&self->output_element);
  G_OBJECT_CLASS (sip_simple_audio_stream_parent_class)->dispose (object);
}

static void
sip_simple_audio_stream_finalize (GObject *object)
{
  SipSimpleAudioStream *self = SIP_SIMPLE_AUDIO_STREAM (object);

  g_strfreev (self->codecs);
  g_free (self->stun_server);
  g_free (self->input);
  g_free (self->output);
  g_free (self->local_address);
  g_clear_pointer (&self->local_key, g_bytes_unref);
  g_free (self->codec_name);
  g_free (self->remote_address);
  g_main_context_unref (self->context);
  G_OBJECT_CLASS (sip_simple_audio_stream_parent_class)->finalize (object);
}

static void
sip_simple_audio_stream_class_init (SipSimpleAudioStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sip_simple_audio_stream_get_property;
  object_class->set_property = sip_simple_audio_stream_set_property;
  object_class->dispose = sip_simple_audio_stream_dispose;
  object_class->finalize = sip_simple_audio_stream_finalize;

  /**
   * SipSimpleAudioStream:codecs: (type GStrv)
   *
   * The codecs to negotiate, most preferred first: any of "opus",
   * "G722", "PCMU" and "PCMA" (case does not matter). Codecs whose
   * GStreamer elements are missing are skipped (see
   * [func@SipSimple.AudioStream.get_available_codecs]). Set before the
   * stream describes itself.
   *
   * Since: 0.1
   */
  properties[PROP_CODECS] =
    g_param_spec_boxed ("codecs", NULL, "Codecs in order of preference", G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleAudioStream:srtp:
   *
   * Whether the media is encrypted (SRTP keyed with SDES). Set before
   * [method@SipSimple.MediaStream.initialize_async].
   *
   * Since: 0.1
   */
  properties[PROP_SRTP] =
    g_param_spec_enum ("srtp", NULL, "SRTP mode", SIP_SIMPLE_TYPE_SRTP_MODE,
                       SIP_SIMPLE_SRTP_MODE_OPTIONAL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleAudioStream:ice:
   *
   * Whether to use ICE (libnice, UDP candidates, no trickle). Set before
   * [method@SipSimple.MediaStream.initialize_async].
   *
   * Since: 0.1
   */
  properties[PROP_ICE] =
    g_param_spec_boolean ("ice", NULL, "Use ICE", FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleAudioStream:stun-server:
   *
   * The STUN server ICE asks for server-reflexive candidates, as
   * "host[:port]" (port 3478 by default), or %NULL for host candidates
   * only.
   *
   * Since: 0.1
   */
  properties[PROP_STUN_SERVER] =
    g_param_spec_string ("stun-server", NULL, "STUN server host:port", NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleAudioStream:jitter-buffer-latency:
   *
   * How long the jitter buffer holds incoming packets, in milliseconds.
   *
   * Since: 0.1
   */
  properties[PROP_JITTER_BUFFER_LATENCY] =
    g_param_spec_uint ("jitter-buffer-latency", NULL, "Jitter buffer latency (ms)", 0, 5000,
                       DEFAULT_LATENCY,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleAudioStream:input:
   *
   * What the stream sends, unless
   * [property@SipSimple.AudioStream:input-element] is set:
   *
   * - "auto" (the default): the default capture device (`autoaudiosrc`)
   * - "none" or "silence": silence
   * - "tone:FREQUENCY": a sine tone, e.g. "tone:440"
   * - "file:PATH": a PCM WAV file, played in a loop (read into memory)
   * - "pulse:DEVICE" or "alsa:DEVICE": that PulseAudio or ALSA device
   * - "gst:DESCRIPTION": a gst-launch fragment with one unlinked source
   *   pad, e.g. "gst:audiotestsrc wave=pink-noise is-live=true"
   * - anything else: the display name of a capture device
   *
   * Since: 0.1
   */
  properties[PROP_INPUT] =
    g_param_spec_string ("input", NULL, "Audio input", "auto",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleAudioStream:output:
   *
   * Where what the stream receives goes, unless
   * [property@SipSimple.AudioStream:output-element] is set:
   *
   * - "auto" (the default): the default playback device (`autoaudiosink`)
   * - "none": nowhere
   * - "file:PATH": recorded into a WAV file (16-bit, 48 kHz, mono),
   *   finalized when the stream is deactivated or ends
   * - "pulse:DEVICE", "alsa:DEVICE", "gst:DESCRIPTION" or a device name,
   *   as for [property@SipSimple.AudioStream:input]
   *
   * Since: 0.1
   */
  properties[PROP_OUTPUT] =
    g_param_spec_string ("output", NULL, "Audio output", "auto",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleAudioStream:input-element:
   *
   * An element of yours that produces what the stream sends, instead of
   * [property@SipSimple.AudioStream:input]: a source, or a bin with one
   * source pad, producing raw audio (`audio/x-raw`, any format, rate and
   * channel count: it is converted to 16-bit mono at 48 kHz). A live
   * source is best; a non-live one is paced by the clock. The stream
   * adds it to its pipeline when it starts (so it must have no parent
   * and can serve one stream once).
   *
   * Since: 0.1
   */
  properties[PROP_INPUT_ELEMENT] =
    g_param_spec_object ("input-element", NULL, "Audio source element", GST_TYPE_ELEMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleAudioStream:output-element:
   *
   * An element of yours that takes what the stream receives, instead of
   * [property@SipSimple.AudioStream:output]: a sink, or a bin with one
   * sink pad, accepting raw audio (`audio/x-raw`; the stream converts
   * from 16-bit mono at 48 kHz to whatever it accepts). The audio arrives
   * in real time, silence included; the element gets end-of-stream when
   * the stream stops. Added to the stream's pipeline as for
   * [property@SipSimple.AudioStream:input-element].
   *
   * Since: 0.1
   */
  properties[PROP_OUTPUT_ELEMENT] =
    g_param_spec_object ("output-element", NULL, "Audio sink element", GST_TYPE_ELEMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleAudioStream:mute-on-hold:
   *
   * Whether the stream sends silence instead of its input and plays
   * nothing while the local side holds it (the default). Turn it off to
   * send hold music from your own input while on hold;
   * [class@SipSimple.AudioMixer] does for the streams it manages.
   *
   * Since: 0.1
   */
  properties[PROP_MUTE_ON_HOLD] =
    g_param_spec_boolean ("mute-on-hold", NULL, "Mute input and output on local hold", TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleAudioStream:codec:
   *
   * The negotiated codec ("opus", "G722", "PCMU", "PCMA"), or %NULL
   * before [method@SipSimple.MediaStream.start].
   *
   * Since: 0.1
   */
  properties[PROP_CODEC] =
    g_param_spec_string ("codec", NULL, "Negotiated codec", NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleAudioStream:sample-rate:
   *
   * The sample rate of the negotiated codec's audio in Hz (48000 for
   * Opus, 16000 for G.722 although its RTP clock says 8000, 8000 for
   * PCMU/PCMA), or 0 before [method@SipSimple.MediaStream.start].
   *
   * Since: 0.1
   */
  properties[PROP_SAMPLE_RATE] =
    g_param_spec_uint ("sample-rate", NULL, "Codec sample rate (Hz)", 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleAudioStream:remote-address:
   *
   * Where the RTP goes, "address:port" (the selected ICE candidate with
   * ICE), or %NULL before [method@SipSimple.MediaStream.start].
   *
   * Since: 0.1
   */
  properties[PROP_REMOTE_ADDRESS] =
    g_param_spec_string ("remote-address", NULL, "Remote RTP address", NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleAudioStream:local-port:
   *
   * The local RTP port (the default candidate's with ICE), once
   * initialized; RTCP uses the port in `a=rtcp`, the next one without
   * ICE.
   *
   * Since: 0.1
   */
  properties[PROP_LOCAL_PORT] =
    g_param_spec_uint ("local-port", NULL, "Local RTP port", 0, 65535, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleAudioStream:srtp-active:
   *
   * Whether the negotiated media is encrypted (SRTP).
   *
   * Since: 0.1
   */
  properties[PROP_SRTP_ACTIVE] =
    g_param_spec_boolean ("srtp-active", NULL, "Media is encrypted", FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, PROP_STATE, properties);
  g_object_class_override_property (object_class, PROP_STATE, "state");
  g_object_class_override_property (object_class, PROP_ON_HOLD_BY_LOCAL, "on-hold-by-local");
  g_object_class_override_property (object_class, PROP_ON_HOLD_BY_REMOTE, "on-hold-by-remote");
  properties[PROP_STATE] = g_object_class_find_property (object_class, "state");
  properties[PROP_ON_HOLD_BY_LOCAL] = g_object_class_find_property (object_class, "on-hold-by-local");
  properties[PROP_ON_HOLD_BY_REMOTE] =
    g_object_class_find_property (object_class, "on-hold-by-remote");

  /**
   * SipSimpleAudioStream::dtmf-received:
   * @self: the stream
   * @digit: the digit, one of `0123456789*#ABCD`
   *
   * The peer sent a DTMF digit as an RFC 4733 telephone event; emitted
   * once per digit, when it starts.
   *
   * Since: 0.1
   */
  signals[SIGNAL_DTMF_RECEIVED] =
    g_signal_new ("dtmf-received", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * SipSimpleAudioStream::device-error:
   * @self: the stream
   * @error: what failed, a %SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA error
   *   naming the element
   * @direction: the input or the output
   *
   * The audio input or output failed: it could not be opened (no sound
   * card, no sound server, a device that is gone) or reported an error
   * while the stream ran; or `autoaudiosrc`/`autoaudiosink` found no
   * device that opens. The stream does not fail: it sends silence in
   * place of the input, discards what it receives in place of the
   * output, and RTP goes on both ways. Emitted at most once per
   * direction, after [method@SipSimple.MediaStream.start] (a device that
   * does not open is replaced before the media starts, and reported
   * right after). Errors of the rest of the pipeline still end in
   * [signal@SipSimple.MediaStream::failed].
   *
   * Since: 0.1
   */
  signals[SIGNAL_DEVICE_ERROR] =
    g_signal_new ("device-error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_ERROR, SIP_SIMPLE_TYPE_AUDIO_DIRECTION);
}

static void
sip_simple_audio_stream_init (SipSimpleAudioStream *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->codecs = g_strdupv ((char **) default_codecs);
  self->latency = DEFAULT_LATENCY;
  self->srtp = SIP_SIMPLE_SRTP_MODE_OPTIONAL;
  self->input = g_strdup ("auto");
  self->output = g_strdup ("auto");
  self->send_te_pt = -1;
  self->mute_on_hold = TRUE;
  self->ice_controlling = TRUE;
  g_queue_init (&self->dtmf_queue);
}

void
sip_simple_audio_stream_set_ice_controlling (SipSimpleAudioStream *self, gboolean controlling)
{
  g_return_if_fail (SIP_SIMPLE_IS_AUDIO_STREAM (self));
  self->ice_controlling = controlling;
}

/* ---------------------------------------------------------------------- */
/* API                                                                      */

/**
 * sip_simple_audio_stream_new:
 *
 * Creates an audio stream with the default settings: all codecs
 * (Opus, G.722, PCMU, PCMA), no SRTP, no ICE, the default devices. The
 * stream belongs to the calling thread's thread-default main context.
 *
 * Returns: (transfer full): a new #SipSimpleAudioStream
 *
 * Since: 0.1
 */
SipSimpleAudioStream *
sip_simple_audio_stream_new (void)
{
  gst_init (NULL, NULL);
  return g_object_new (SIP_SIMPLE_TYPE_AUDIO_STREAM, NULL);
}

/**
 * sip_simple_audio_stream_get_available_codecs:
 *
 * The codecs this installation can negotiate: those of "opus", "G722",
 * "PCMU" and "PCMA" whose GStreamer encoder, payloader, depayloader and
 * decoder are installed (G.722 needs gstreamer1.0-libav).
 *
 * Returns: (transfer full) (array zero-terminated=1): codec names
 *
 * Since: 0.1
 */
char **
sip_simple_audio_stream_get_available_codecs (void)
{
  gst_init (NULL, NULL);
  return sip_simple_codec_list_available (sip_simple_audio_codec_table ());
}

/**
 * sip_simple_audio_stream_get_codecs:
 * @self: an audio stream
 *
 * Gets [property@SipSimple.AudioStream:codecs].
 *
 * Returns: (transfer none) (array zero-terminated=1): the codec names
 *
 * Since: 0.1
 */
const char *const *
sip_simple_audio_stream_get_codecs (SipSimpleAudioStream *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_AUDIO_STREAM (self), NULL);
  return (const char *const *) self->codecs;
}

/**
 * sip_simple_audio_stream_set_codecs:
 * @self: an audio stream
 * @codecs: (array zero-terminated=1) (nullable): codec names, most
 *   preferred first, or %NULL for all of them
 *
 * Sets [property@SipSimple.AudioStream:codecs]. Unknown names are
 * ignored with a warning.
 *
 * Since: 0.1
 */
void
sip_simple_audio_stream_set_codecs (SipSimpleAudioStream *self, const char *const *codecs)
{
  GStrvBuilder *builder;

  g_return_if_fail (SIP_SIMPLE_IS_AUDIO_STREAM (self));

  if (codecs == NULL)
    codecs = default_codecs;
  builder = g_strv_builder_new ();
  for (guint i = 0; codecs[i] != NULL; i++)
    {
      const SipSimpleCodec *codec = sip_simple_codec_lookup (sip_simple_audio_codec_table (), codecs[i]);
      if (codec == NULL)
        g_warning ("Unknown audio codec “%s” ignored", codecs[i]);
      else
        g_strv_builder_add (builder, codec->name);
    }
  g_strfreev (self->codecs);
  self->codecs = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODECS]);
}

/**
 * sip_simple_audio_stream_get_srtp:
 * @self: an audio stream
 *
 * Gets [property@SipSimple.AudioStream:srtp].
 *
 * Returns: [property@SipSimple.AudioStream:srtp]
 *
 * Since: 0.1
 */
SipSimpleSrtpMode
sip_simple_audio_stream_get_srtp (SipSimpleAudioStream *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_AUDIO_STREAM (self), SIP_SIMPLE_SRTP_MODE_DISABLED);
  return self->srtp;
}

/**
 * sip_simple_audio_stream_set_srtp:
 * @self: an audio stream
 * @mode: the SRTP mode
 *
 * Sets [property@SipSimple.AudioStream:srtp].
 *
 * Since: 0.1
 */
void
sip_simple_audio_stream_set_srtp (SipSimpleAudioStream *self, SipSimpleSrtpMode mode)
{
  g_return_if_fail (SIP_SIMPLE_IS_AUDIO_STREAM (self));
  g_return_if_fail (self->state == SIP_SIMPLE_MEDIA_STREAM_STATE_NEW);
  if (self->srtp == mode)
    return;
  self->srtp = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SRTP]);
}

/**
 * sip_simple_audio_stream_get_ice:
 * @self: an audio stream
 *
 * Gets [property@SipSimple.AudioStream:ice].
 *
 * Returns: [property@SipSimple.AudioStream:ice]
 *
 * Since: 0.1
 */
gboolean
sip_simple_audio_stream_get_ice (SipSimpleAudioStream *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_AUDIO_STREAM (self), FALSE);
  return self->ice;
}

/**
 * sip_simple_audio_stream_set_ice:
 * @self: an audio stream
 * @ice: whether to use ICE
 *
 * Sets [property@SipSimple.AudioStream:ice].
 *
 * Since: 0.1
 */
void
sip_simple_audio_stream_set_ice (SipSimpleAudioStream *self, gboolean ice)
{
  g_return_if_fail (SIP_SIMPLE_IS_AUDIO_STREAM (self));
  g_return_if_fail (self->state == SIP_SIMPLE_MEDIA_STREAM_STATE_NEW);
  set_boolean (self, &self->ice, ice, PROP_ICE);
}

/**
 * sip_simple_audio_stream_get_stun_server:
 * @self: an audio stream
 *
 * Gets [property@SipSimple.AudioStream:stun-server].
 *
 * Returns: (nullable): [property@SipSimple.AudioStream:stun-server]
 *
 * Since: 0.1
 */
const char *
sip_simple_audio_stream_get_stun_server (SipSimpleAudioStream *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_AUDIO_STREAM (self), NULL);
  return self->stun_server;
}

/**
 * sip_simple_audio_stream_set_stun_server:
 * @self: an audio stream
 * @server: (nullable): "host[:port]", or %NULL
 *
 * Sets [property@SipSimple.AudioStream:stun-server].
 *
 * Since: 0.1
 */
void
sip_simple_audio_stream_set_stun_server (SipSimpleAudioStream *self, const char *server)
{
  g_return_if_fail (SIP_SIMPLE_IS_AUDIO_STREAM (self));
  set_string (self, &self->stun_server, server && *server ? server : NULL, PROP_STUN_SERVER);
}

/**
 * sip_simple_audio_stream_get_jitter_buffer_latency:
 * @self: an audio stream
 *
 * Gets [property@SipSimple.AudioStream:jitter-buffer-latency], in ms.
 *
 * Returns: [property@SipSimple.AudioStream:jitter-buffer-latency], in ms
 *
 * Since: 0.1
 */
guint
sip_simple_audio_stream_get_jitter_buffer_latency (SipSimpleAudioStream *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_AUDIO_STREAM (self), 0);
  return self->latency;
}

/**
 * sip_simple_audio_stream_set_jitter_buffer_latency:
 * @self: an audio stream
 * @latency: milliseconds
 *
 * Sets [property@SipSimple.AudioStream:jitter-buffer-latency]; a running
 * stream applies it at the next renegotiation.
 *
 * Since: 0.1
 */
void
sip_simple_audio_stream_set_jitter_buffer_latency (SipSimpleAudioStream *self, guint latency)
{
  g_return_if_fail (SIP_SIMPLE_IS_AUDIO_STREAM (self));
  if (self->latency == latency)
    return;
  self->latency = latency;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JITTER_BUFFER_LATENCY]);
}

/**
 * sip_simple_audio_stream_get_input:
 * @self: an audio stream
 *
 * Gets [property@SipSimple.AudioStream:input].
 *
 * Returns: [property@SipSimple.AudioStream:input]
 *
 * Since: 0.1
 */
const char *
sip_simple_audio_stream_get_input (SipSimpleAudioStream *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_AUDIO_STREAM (self), NULL);
  return self->input;
}

/**
 * sip_simple_audio_stream_set_input:
 * @self: an audio stream
 * @input: (nullable): an input specification, %NULL for "auto"
 *
 * Sets [property@SipSimple.AudioStream:input]. A malformed specification
 * is refused with a warning.
 *
 * Since: 0.1
 */
void
sip_simple_audio_stream_set_input (SipSimpleAudioStream *self, const char *input)
{
  g_autoptr (GError) error = NULL;

  g_return_if_fail (SIP_SIMPLE_IS_AUDIO_STREAM (self));
  if (!sip_simple_audio_io_check_input (input, &error))
    {
      g_warning ("%s", error->message);
      return;
    }
  set_string (self, &self->input, input && *input ? input : "auto", PROP_INPUT);
}

/**
 * sip_simple_audio_stream_get_output:
 * @self: an audio stream
 *
 * Gets [property@SipSimple.AudioStream:output].
 *
 * Returns: [property@SipSimple.AudioStream:output]
 *
 * Since: 0.1
 */
const char *
sip_simple_audio_stream_get_output (SipSimpleAudioStream *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_AUDIO_STREAM (self), NULL);
  return self->output;
}

/**
 * sip_simple_audio_stream_set_output:
 * @self: an audio stream
 * @output: (nullable): an output specification, %NULL for "auto"
 *
 * Sets [property@SipSimple.AudioStream:output]. A malformed
 * specification is refused with a warning.
 *
 * Since: 0.1
 */
void
sip_simple_audio_stream_set_output (SipSimpleAudioStream *self, const char *output)
{
  g_autoptr (GError) error = NULL;

  g_return_if_fail (SIP_SIMPLE_IS_AUDIO_STREAM (self));
  if (!sip_simple_audio_io_check_output (output, &error))
    {
      g_warning ("%s", error->message);
      return;
    }
  set_string (self, &self->output, output && *output ? output : "auto", PROP_OUTPUT);
}

/**
 * sip_simple_audio_stream_get_input_element:
 * @self: an audio stream
 *
 * Gets [property@SipSimple.AudioStream:input-element] until the stream starts
 * and takes it.
 *
 * Returns: (transfer none) (nullable): [property@SipSimple.AudioStream:input-element]
 *   until the stream starts and takes it
 *
 * Since: 0.1
 */
GstElement *
sip_simple_audio_stream_get_input_element (SipSimpleAudioStream *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_AUDIO_STREAM (self), NULL);
  return self->input_element;
}

static void
set_element (SipSimpleAudioStream *self, GstElement **field, GstElement *element, guint prop)
{
  if (*field == element)
    return;
  g_clear_object (field);
  if (element != NULL)
    *field = gst_object_ref_sink (element);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/**
 * sip_simple_audio_stream_set_input_element:
 * @self: an audio stream
 * @element: (nullable): a source element, or %NULL to use
 *   [property@SipSimple.AudioStream:input]
 *
 * Sets [property@SipSimple.AudioStream:input-element], before the stream
 * starts.
 *
 * Since: 0.1
 */
void
sip_simple_audio_stream_set_input_element (SipSimpleAudioStream *self, GstElement *element)
{
  g_return_if_fail (SIP_SIMPLE_IS_AUDIO_STREAM (self));
  g_return_if_fail (element == NULL || GST_IS_ELEMENT (element));
  set_element (self, &self->input_element, element, PROP_INPUT_ELEMENT);
}

/**
 * sip_simple_audio_stream_get_output_element:
 * @self: an audio stream
 *
 * Gets [property@SipSimple.AudioStream:output-element] until the stream starts
 * and takes it.
 *
 * Returns: (transfer none) (nullable): [property@SipSimple.AudioStream:output-element]
 *   until the stream starts and takes it
 *
 * Since: 0.1
 */
GstElement *
sip_simple_audio_stream_get_output_element (SipSimpleAudioStream *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_AUDIO_STREAM (self), NULL);
  return self->output_element;
}

/**
 * sip_simple_audio_stream_set_output_element:
 * @self: an audio stream
 * @element: (nullable): a sink element, or %NULL to use
 *   [property@SipSimple.AudioStream:output]
 *
 * Sets [property@SipSimple.AudioStream:output-element], before the stream
 * starts.
 *
 * Since: 0.1
 */
void
sip_simple_audio_stream_set_output_element (SipSimpleAudioStream *self, GstElement *element)
{
  g_return_if_fail (SIP_SIMPLE_IS_AUDIO_STREAM (self));
  g_return_if_fail (element == NULL || GST_IS_ELEMENT (element));
  set_element (self, &self->output_element, element, PROP_OUTPUT_ELEMENT);
}

/**
 * sip_simple_audio_stream_get_mute_on_hold:
 * @self: an audio stream
 *
 * Gets [property@SipSimple.AudioStream:mute-on-hold].
 *
 * Returns: [property@SipSimple.AudioStream:mute-on-hold]
 *
 * Since: 0.1
 */
gboolean
sip_simple_audio_stream_get_mute_on_hold (SipSimpleAudioStream *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_AUDIO_STREAM (self), TRUE);
  return self->mute_on_hold;
}

/**
 * sip_simple_audio_stream_set_mute_on_hold:
 * @self: an audio stream
 * @mute: whether to mute input and output on local hold
 *
 * Sets [property@SipSimple.AudioStream:mute-on-hold], at any time.
 *
 * Since: 0.1
 */
void
sip_simple_audio_stream_set_mute_on_hold (SipSimpleAudioStream *self, gboolean mute)
{
  g_return_if_fail (SIP_SIMPLE_IS_AUDIO_STREAM (self));
  set_boolean (self, &self->mute_on_hold, mute, PROP_MUTE_ON_HOLD);
  apply_mutes (self);
}

/**
 * sip_simple_audio_stream_get_codec:
 * @self: an audio stream
 *
 * Gets [property@SipSimple.AudioStream:codec].
 *
 * Returns: (nullable): [property@SipSimple.AudioStream:codec]
 *
 * Since: 0.1
 */
const char *
sip_simple_audio_stream_get_codec (SipSimpleAudioStream *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_AUDIO_STREAM (self), NULL);
  return self->codec_name;
}

/**
 * sip_simple_audio_stream_get_sample_rate:
 * @self: an audio stream
 *
 * Gets [property@SipSimple.AudioStream:sample-rate].
 *
 * Returns: [property@SipSimple.AudioStream:sample-rate]
 *
 * Since: 0.1
 */
guint
sip_simple_audio_stream_get_sample_rate (SipSimpleAudioStream *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_AUDIO_STREAM (self), 0);
  return self->codec ? self->codec->sample_rate : 0;
}

/**
 * sip_simple_audio_stream_get_remote_address:
 * @self: an audio stream
 *
 * Gets [property@SipSimple.AudioStream:remote-address].
 *
 * Returns: (nullable): [property@SipSimple.AudioStream:remote-address]
 *
 * Since: 0.1
 */
const char *
sip_simple_audio_stream_get_remote_address (SipSimpleAudioStream *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_AUDIO_STREAM (self), NULL);
  return self->remote_address;
}

/**
 * sip_simple_audio_stream_get_local_port:
 * @self: an audio stream
 *
 * Gets [property@SipSimple.AudioStream:local-port].
 *
 * Returns: [property@SipSimple.AudioStream:local-port]
 *
 * Since: 0.1
 */
guint
sip_simple_audio_stream_get_local_port (SipSimpleAudioStream *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_AUDIO_STREAM (self), 0);
  return self->local_port;
}

/**
 * sip_simple_audio_stream_get_srtp_active:
 * @self: an audio stream
 *
 * Gets [property@SipSimple.AudioStream:srtp-active].
 *
 * Returns: [property@SipSimple.AudioStream:srtp-active]
 *
 * Since: 0.1
 */
gboolean
sip_simple_audio_stream_get_srtp_active (SipSimpleAudioStream *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_AUDIO_STREAM (self), FALSE);
  return self->srtp_active;
}

/**
 * sip_simple_audio_stream_get_statistics:
 * @self: an audio stream
 *
 * Reads the RTP/RTCP statistics of the running stream (all zero when no
 * media runs).
 *
 * Returns: (transfer full): a snapshot of the statistics
 *
 * Since: 0.1
 */
SipSimpleAudioStatistics *
sip_simple_audio_stream_get_statistics (SipSimpleAudioStream *self)
{
  SipSimpleAudioStatistics *stats;

  g_return_val_if_fail (SIP_SIMPLE_IS_AUDIO_STREAM (self), NULL);
  stats = g_new0 (SipSimpleAudioStatistics, 1);
  if (self->rtp != NULL)
    sip_simple_rtp_session_get_statistics (self->rtp, stats);
  return stats;
}
