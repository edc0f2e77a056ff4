/* libsipsimple - SipSimpleAudioMixer: conferences, hold music and recordings
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/streams/audio-mixer.h>
#include <sipsimple/streams/audio-stream.h>
#include <sipsimple/streams/media-stream.h>
#include "audio-io-private.h"

#include <gst/app/gstappsink.h>
#include <gst/app/gstappsrc.h>

/**
 * SipSimpleAudioMixer:
 *
 * An application-wide audio mixer: the [class@SipSimple.AudioStream]s
 * added to it form a conference with the local user, and it plays sources
 * (hold music, prompts) and records the mix.
 *
 * Members of the mix:
 *
 * - the local user: [method@SipSimple.AudioMixer.set_input] (the
 *   microphone, "auto") and [method@SipSimple.AudioMixer.set_output] (the
 *   speaker), both absent ("none") until set;
 * - streams, added before they start with
 *   [method@SipSimple.AudioMixer.add_stream]: each hears the local input
 *   and the other streams but not itself, and the local output hears all
 *   of them. A stream the local side holds leaves the conference (it
 *   hears nothing and nobody hears it) until it is taken off hold;
 * - sources from [method@SipSimple.AudioMixer.play]: into one stream (hold
 *   music: it plays while that stream is on hold too) or into the whole
 *   conference;
 * - recorders from [method@SipSimple.AudioMixer.record]: they hear
 *   everything (local input, all streams in the conference, sources played
 *   to everyone).
 *
 * The mixer runs one GStreamer pipeline with one `audiomixer` per
 * listening member (over live silence, so every output runs in real time)
 * and a `tee` per speaking member; streams are bridged to it through
 * their [property@SipSimple.AudioStream:input-element] and
 * [property@SipSimple.AudioStream:output-element] (`appsrc`/`appsink`,
 * 16-bit mono at 48 kHz). Inputs and outputs are named as for
 * [property@SipSimple.AudioStream:input] and
 * [property@SipSimple.AudioStream:output]. Everything happens on the
 * thread-default main context of the thread that created the mixer.
 *
 * ```python
 * mixer = SipSimple.AudioMixer.new()
 * mixer.set_input("auto"); mixer.set_output("auto")
 * mixer.add_stream(stream1); mixer.add_stream(stream2)   # a conference
 * music = mixer.play("file:/usr/share/sounds/hold.wav", stream1)
 * recorder = mixer.record("file:/tmp/conference.wav")
 * mixer.stop(recorder)                                     # WAV finalized
 * ```
 *
 * Since: 0.1
 */

/* Latency budget of a stream's audio into the mix: the bridge's appsrc
 * announces BRIDGE_LATENCY and audiomixers wait MIXER_LATENCY more; the
 * bridge's timestamps lag "now" by at most BRIDGE_LAG. Audio stamped
 * "now" is mixed a mixer's latency later, so the queue in front of each
 * mixer must hold more than that (LINK_QUEUE), or it overflows and drops
 * the very audio it waits to play. */
#define BRIDGE_LATENCY (60 * GST_MSECOND)
#define MIXER_LATENCY (30 * GST_MSECOND)
#define BRIDGE_LAG (20 * GST_MSECOND)
#define BRIDGE_LEAD (80 * GST_MSECOND)
#define LINK_QUEUE (250 * GST_MSECOND)
#define BRIDGE_BYTES (48000 * 2 / 10) /* 100 ms */

typedef enum {
  MEMBER_LOCAL_INPUT,
  MEMBER_LOCAL_OUTPUT,
  MEMBER_STREAM,
  MEMBER_SOURCE,
  MEMBER_RECORDER,
} MemberKind;

typedef struct
{
  guint                 id;
  MemberKind            kind;
  SipSimpleAudioStream *stream; /* MEMBER_STREAM, or the one a MEMBER_SOURCE plays into */
  /* speaking side: a source bin ("src", internal caps) into a tee */
  GstElement           *source;
  GstElement           *tee;
  /* listening side: live silence and links into an audiomixer, to a sink bin */
  GstElement           *silence;
  GstElement           *audiomixer;
  GstElement           *mix_filter;
  GstElement           *sink;
  gulong                hold_handler;
  gulong                ended_handler;
} Member;

typedef struct
{
  Member     *from;
  Member     *to;
  GstPad     *tee_pad;
  GstElement *queue;
  GstPad     *mixer_pad;
} Link;

struct _SipSimpleAudioMixer
{
  GObject parent_instance;

  GMainContext *context;
  GstElement   *pipeline;
  GSource      *bus_source;
  GPtrArray    *members; /* Member */
  GPtrArray    *links;   /* Link */
  guint         next_id;
  char         *input;
  char         *output;
};

enum {
  SIGNAL_ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SipSimpleAudioMixer, sip_simple_audio_mixer, G_TYPE_OBJECT)

/* ---------------------------------------------------------------------- */
/* bridges to the streams' pipelines                                        */

/* Called on the streaming thread of the appsink's pipeline, only: the
 * samples cross into @dest's pipeline as they are, unstamped, and only
 * once it runs. */
static GstFlowReturn
bridge_new_sample (GstAppSink *sink, gpointer user_data)
{
  GstAppSrc *dest = user_data;
  GstSample *sample = gst_app_sink_pull_sample (sink);
  GstBuffer *buffer;

  if (sample == NULL)
    return GST_FLOW_OK;
  if (GST_STATE (dest) == GST_STATE_PLAYING)
    {
      buffer = gst_buffer_copy (gst_sample_get_buffer (sample));
      GST_BUFFER_PTS (buffer) = GST_CLOCK_TIME_NONE;
      GST_BUFFER_DTS (buffer) = GST_CLOCK_TIME_NONE;
      gst_app_src_push_buffer (dest, buffer);
    }
  gst_sample_unref (sample);
  return GST_FLOW_OK;
}

typedef struct
{
  GstClockTime next; /* where the next buffer goes, in running time */
} Restamp;

/* On the appsrc's streaming thread, as each buffer leaves its queue:
 * stamped in this pipeline's running time, back to back (a mixer hears
 * gaps and overlaps as clicks), and pulled back to "now" when the two
 * pipelines drift apart. Stamping on the way out, not in, means a backlog
 * in the appsrc's queue adds delay but never makes buffers late. */
static GstPadProbeReturn
restamp (GstPad *pad, GstPadProbeInfo *info, gpointer user_data)
{
  Restamp *restamp = user_data;
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
  GstElement *src = GST_ELEMENT (GST_OBJECT_PARENT (pad));
  GstClockTime now = gst_element_get_current_running_time (src);
  GstClockTime duration;

  if (!GST_CLOCK_TIME_IS_VALID (now))
    return GST_PAD_PROBE_DROP;
  duration = gst_util_uint64_scale (gst_buffer_get_size (buffer) / 2, GST_SECOND, 48000);
  if (!GST_CLOCK_TIME_IS_VALID (restamp->next)
      || GST_CLOCK_DIFF (restamp->next, now) > (GstClockTimeDiff) BRIDGE_LAG
      || GST_CLOCK_DIFF (now, restamp->next) > (GstClockTimeDiff) BRIDGE_LEAD)
    restamp->next = now;
  buffer = gst_buffer_make_writable (buffer);
  GST_BUFFER_PTS (buffer) = restamp->next;
  GST_BUFFER_DTS (buffer) = GST_CLOCK_TIME_NONE;
  GST_BUFFER_DURATION (buffer) = duration;
  restamp->next += duration;
  GST_PAD_PROBE_INFO_DATA (info) = buffer;
  return GST_PAD_PROBE_OK;
}

/* @latency: how late buffers may come, for an aggregator downstream */
static GstElement *
make_bridge_src (GstClockTime latency)
{
  GstElement *src = gst_element_factory_make ("appsrc", NULL);
  g_autoptr (GstCaps) caps = gst_caps_from_string (SIP_SIMPLE_AUDIO_INTERNAL_CAPS);
  GstPad *pad = gst_element_get_static_pad (src, "src");
  Restamp *state = g_new0 (Restamp, 1);

  g_object_set (src, "is-live", TRUE, "format", GST_FORMAT_TIME, "caps", caps, "max-bytes",
                (guint64) BRIDGE_BYTES, "min-latency", (gint64) latency, NULL);
  /* never block the other pipeline: drop the oldest audio instead */
  gst_app_src_set_leaky_type (GST_APP_SRC (src), GST_APP_LEAKY_TYPE_DOWNSTREAM);
  state->next = GST_CLOCK_TIME_NONE;
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, restamp, state, g_free);
  gst_object_unref (pad);
  return src;
}

/* An appsink whose samples go into @dest (held until the appsink dies). */
static GstElement *
make_bridge_sink (GstElement *dest)
{
  GstElement *sink = gst_element_factory_make ("appsink", NULL);
  g_autoptr (GstCaps) caps = gst_caps_from_string (SIP_SIMPLE_AUDIO_INTERNAL_CAPS);
  GstAppSinkCallbacks callbacks = { .new_sample = bridge_new_sample };

  g_object_set (sink, "caps", caps, "sync", FALSE, "async", FALSE, "max-buffers", 10, "drop",
                TRUE, NULL);
  gst_app_sink_set_callbacks (GST_APP_SINK (sink), &callbacks, gst_object_ref (dest),
                              gst_object_unref);
  return sink;
}

/* ---------------------------------------------------------------------- */
/* pipeline plumbing                                                        */

static void
ghost (GstElement *bin, GstElement *element, const char *pad_name)
{
  GstPad *pad = gst_element_get_static_pad (element, pad_name);

  gst_element_add_pad (bin, gst_ghost_pad_new (pad_name, pad));
  gst_object_unref (pad);
}

/* @element (transfer full) [! clocksync] ! convert ! resample ! caps.
 * clocksync paces sources that are not live (files); it holds live ones
 * back by their latency, which the bridges from streams can't afford in
 * front of an audiomixer that waits exactly that long. */
static GstElement *
make_source_bin (GstElement *element, gboolean pace)
{
  GstElement *bin = gst_bin_new (NULL);
  GstElement *convert = gst_element_factory_make ("audioconvert", NULL);
  GstElement *resample = gst_element_factory_make ("audioresample", NULL);
  GstElement *filter = sip_simple_audio_io_make_internal_filter ();

  gst_bin_add_many (GST_BIN (bin), element, convert, resample, filter, NULL);
  if (pace)
    {
      GstElement *sync = gst_element_factory_make ("clocksync", NULL);
      gst_bin_add (GST_BIN (bin), sync);
      gst_element_link_many (element, sync, convert, NULL);
    }
  else
    gst_element_link (element, convert);
  gst_element_link_many (convert, resample, filter, NULL);
  ghost (bin, filter, "src");
  return bin;
}

/* convert ! resample ! @element (transfer full) */
static GstElement *
make_sink_bin (GstElement *element)
{
  GstElement *bin = gst_bin_new (NULL);
  GstElement *convert = gst_element_factory_make ("audioconvert", NULL);
  GstElement *resample = gst_element_factory_make ("audioresample", NULL);

  gst_bin_add_many (GST_BIN (bin), convert, resample, element, NULL);
  gst_element_link_many (convert, resample, element, NULL);
  ghost (bin, convert, "sink");
  return bin;
}

static void
add_to_pipeline (SipSimpleAudioMixer *self, GstElement *element)
{
  gst_bin_add (GST_BIN (self->pipeline), element);
  gst_element_sync_state_with_parent (element);
}

static void
remove_from_pipeline (SipSimpleAudioMixer *self, GstElement *element)
{
  if (element == NULL)
    return;
  gst_element_set_locked_state (element, TRUE);
  gst_element_set_state (element, GST_STATE_NULL);
  gst_bin_remove (GST_BIN (self->pipeline), element);
}

static void
attach_speaker (SipSimpleAudioMixer *self, Member *member, GstElement *source)
{
  member->source = source;
  member->tee = gst_element_factory_make ("tee", NULL);
  g_object_set (member->tee, "allow-not-linked", TRUE, NULL);
  /* downstream first, so nothing flows into an unlinked pad */
  add_to_pipeline (self, member->tee);
  gst_bin_add (GST_BIN (self->pipeline), source);
  gst_element_link (source, member->tee);
  gst_element_sync_state_with_parent (source);
}

static void
attach_listener (SipSimpleAudioMixer *self, Member *member, GstElement *sink)
{
  GstElement *silence = gst_element_factory_make ("audiotestsrc", NULL);
  GstElement *silence_filter = sip_simple_audio_io_make_internal_filter ();

  /* live silence keeps the mix going in real time whoever speaks */
  gst_util_set_object_arg (G_OBJECT (silence), "wave", "silence");
  g_object_set (silence, "is-live", TRUE, "samplesperbuffer", 960, NULL);
  member->silence = gst_bin_new (NULL);
  gst_bin_add_many (GST_BIN (member->silence), silence, silence_filter, NULL);
  gst_element_link (silence, silence_filter);
  ghost (member->silence, silence_filter, "src");

  member->audiomixer = gst_element_factory_make ("audiomixer", NULL);
  g_object_set (member->audiomixer, "latency", (guint64) MIXER_LATENCY, NULL);
  /* joining a pipeline that has run for a while: start from the first
   * audio, not from running time 0 (a recorder would begin with the
   * pipeline's whole age in silence) */
  gst_util_set_object_arg (G_OBJECT (member->audiomixer), "start-time-selection", "first");
  member->mix_filter = sip_simple_audio_io_make_internal_filter ();
  member->sink = sink;
  gst_bin_add_many (GST_BIN (self->pipeline), sink, member->mix_filter, member->audiomixer,
                    member->silence, NULL);
  gst_element_link_many (member->audiomixer, member->mix_filter, sink, NULL);
  gst_element_link_pads (member->silence, "src", member->audiomixer, "sink_%u");
  gst_element_sync_state_with_parent (sink);
  gst_element_sync_state_with_parent (member->mix_filter);
  gst_element_sync_state_with_parent (member->audiomixer);
  gst_element_sync_state_with_parent (member->silence);
}

/* ---------------------------------------------------------------------- */
/* who hears whom                                                           */

static gboolean
in_conference (Member *member)
{
  gboolean held = FALSE;

  if (member->kind != MEMBER_STREAM)
    return TRUE;
  g_object_get (member->stream, "on-hold-by-local", &held, NULL);
  return !held;
}

static gboolean
hears (Member *from, Member *to)
{
  if (from == to || from->tee == NULL || to->audiomixer == NULL)
    return FALSE;
  if (from->kind == MEMBER_SOURCE && from->stream != NULL)
    return to->kind == MEMBER_STREAM && to->stream == from->stream; /* hold music */
  if (!in_conference (from) || !in_conference (to))
    return FALSE;
  if (from->kind == MEMBER_LOCAL_INPUT)
    return to->kind != MEMBER_LOCAL_OUTPUT; /* no sidetone */
  return TRUE;
}

static void
link_members (SipSimpleAudioMixer *self, Member *from, Member *to)
{
  Link *link = g_new0 (Link, 1);
  GstPad *queue_sink, *queue_src;

  link->from = from;
  link->to = to;
  link->queue = gst_element_factory_make ("queue", NULL);
  /* a stalled listener must not hold up the others: drop, don't block */
  g_object_set (link->queue, "max-size-buffers", 0, "max-size-bytes", 0, "max-size-time",
                (guint64) LINK_QUEUE, "leaky", 2, NULL);
  add_to_pipeline (self, link->queue);

  /* downstream first, so nothing flows into an unlinked pad */
  link->mixer_pad = gst_element_request_pad_simple (to->audiomixer, "sink_%u");
  queue_src = gst_element_get_static_pad (link->queue, "src");
  gst_pad_link (queue_src, link->mixer_pad);
  gst_object_unref (queue_src);

  link->tee_pad = gst_element_request_pad_simple (from->tee, "src_%u");
  queue_sink = gst_element_get_static_pad (link->queue, "sink");
  gst_pad_link (link->tee_pad, queue_sink);
  gst_object_unref (queue_sink);
  g_ptr_array_add (self->links, link);
}

static void
unlink_members (SipSimpleAudioMixer *self, Link *link)
{
  /* a released tee pad turns pushes in flight into not-linked, which the
   * tee allows: the speaker goes on for its other listeners */
  gst_element_release_request_pad (link->from->tee, link->tee_pad);
  gst_object_unref (link->tee_pad);
  remove_from_pipeline (self, link->queue);
  gst_element_release_request_pad (link->to->audiomixer, link->mixer_pad);
  gst_object_unref (link->mixer_pad);
  g_ptr_array_remove (self->links, link);
  g_free (link);
}

static Link *
find_link (SipSimpleAudioMixer *self, Member *from, Member *to)
{
  for (guint i = 0; i < self->links->len; i++)
    {
      Link *link = g_ptr_array_index (self->links, i);
      if (link->from == from && link->to == to)
        return link;
    }
  return NULL;
}

static void
update_links (SipSimpleAudioMixer *self)
{
  gboolean changed = FALSE;

  for (guint i = 0; i < self->members->len; i++)
    for (guint j = 0; j < self->members->len; j++)
      {
        Member *from = g_ptr_array_index (self->members, i);
        Member *to = g_ptr_array_index (self->members, j);
        Link *link = find_link (self, from, to);
        gboolean wanted = hears (from, to);

        if (wanted && link == NULL)
          link_members (self, from, to);
        else if (!wanted && link != NULL)
          unlink_members (self, link);
        changed |= wanted != (link != NULL);
      }
  if (changed)
    gst_bin_recalculate_latency (GST_BIN (self->pipeline));
}

/* ---------------------------------------------------------------------- */
/* members                                                                  */

static gboolean
on_bus_message (GstBus *bus, GstMessage *message, gpointer user_data)
{
  SipSimpleAudioMixer *self = user_data;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ERROR:
      {
        g_autoptr (GError) error = sip_simple_audio_io_pipeline_error (message, NULL);

        g_warning ("Audio mixer: %s", error->message);
        g_signal_emit (self, signals[SIGNAL_ERROR], 0, error);
        break;
      }
    case GST_MESSAGE_LATENCY:
      gst_bin_recalculate_latency (GST_BIN (self->pipeline));
      break;
    default:
      break;
    }
  return G_SOURCE_CONTINUE;
}

static void
ensure_pipeline (SipSimpleAudioMixer *self)
{
  g_autoptr (GstBus) bus = NULL;

  if (self->pipeline != NULL)
    return;
  self->pipeline = gst_object_ref_sink (gst_pipeline_new ("sipsimple-audio-mixer"));
  bus = gst_pipeline_get_bus (GST_PIPELINE (self->pipeline));
  self->bus_source = gst_bus_create_watch (bus);
  g_source_set_callback (self->bus_source, (GSourceFunc) G_CALLBACK (on_bus_message), self, NULL);
  g_source_set_static_name (self->bus_source, "[sipsimple] audio mixer bus");
  g_source_attach (self->bus_source, self->context);
  gst_element_set_state (self->pipeline, GST_STATE_PLAYING);
}

static Member *
add_member (SipSimpleAudioMixer *self, MemberKind kind)
{
  Member *member = g_new0 (Member, 1);

  ensure_pipeline (self);
  member->id = ++self->next_id;
  member->kind = kind;
  g_ptr_array_add (self->members, member);
  return member;
}

static Member *
find_member (SipSimpleAudioMixer *self, MemberKind kind, SipSimpleAudioStream *stream, guint id)
{
  for (guint i = 0; i < self->members->len; i++)
    {
      Member *member = g_ptr_array_index (self->members, i);
      if (id != 0 ? member->id == id
                  : member->kind == kind && (stream == NULL || member->stream == stream))
        return member;
    }
  return NULL;
}

/* A recorder writes its WAV header sizes at end-of-stream. */
static void
finish_sink (Member *member)
{
  GstPad *pad;
  GstEvent *started;

  if (member->sink == NULL)
    return;
  pad = gst_element_get_static_pad (member->sink, "sink");
  started = gst_pad_get_sticky_event (pad, GST_EVENT_STREAM_START, 0);
  if (started != NULL)
    {
      gst_event_unref (started);
      gst_pad_send_event (pad, gst_event_new_eos ());
    }
  gst_object_unref (pad);
}

static void
remove_member (SipSimpleAudioMixer *self, Member *member)
{
  for (guint i = self->links->len; i > 0; i--)
    {
      Link *link = g_ptr_array_index (self->links, i - 1);
      if (link->from == member || link->to == member)
        unlink_members (self, link);
    }
  finish_sink (member);
  remove_from_pipeline (self, member->source);
  remove_from_pipeline (self, member->tee);
  remove_from_pipeline (self, member->silence);
  remove_from_pipeline (self, member->audiomixer);
  remove_from_pipeline (self, member->mix_filter);
  remove_from_pipeline (self, member->sink);
  if (member->stream != NULL)
    {
      if (member->hold_handler != 0)
        g_signal_handler_disconnect (member->stream, member->hold_handler);
      if (member->ended_handler != 0)
        g_signal_handler_disconnect (member->stream, member->ended_handler);
      g_object_unref (member->stream);
    }
  g_ptr_array_remove (self->members, member);
  g_free (member);
}

static void
on_stream_hold_changed (GObject *stream, GParamSpec *pspec, gpointer user_data)
{
  update_links (user_data);
}

static void
on_stream_ended (SipSimpleMediaStream *stream, gpointer user_data)
{
  sip_simple_audio_mixer_remove_stream (user_data, SIP_SIMPLE_AUDIO_STREAM (stream));
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                  */

static void
sip_simple_audio_mixer_dispose (GObject *object)
{
  SipSimpleAudioMixer *self = SIP_SIMPLE_AUDIO_MIXER (object);

  while (self->members != NULL && self->members->len > 0)
    remove_member (self, g_ptr_array_index (self->members, self->members->len - 1));
  if (self->pipeline != NULL)
    {
      gst_element_set_state (self->pipeline, GST_STATE_NULL);
      g_source_destroy (self->bus_source);
      g_clear_pointer (&self->bus_source, g_source_unref);
      g_clear_object (&self->pipeline);
    }
  G_OBJECT_CLASS (sip_simple_audio_mixer_parent_class)->dispose (object);
}

static void
sip_simple_audio_mixer_finalize (GObject *object)
{
  SipSimpleAudioMixer *self = SIP_SIMPLE_AUDIO_MIXER (object);

  g_ptr_array_unref (self->members);
  g_ptr_array_unref (self->links);
  g_free (self->input);
  g_free (self->output);
  g_main_context_unref (self->context);
  G_OBJECT_CLASS (sip_simple_audio_mixer_parent_class)->finalize (object);
}

static void
sip_simple_audio_mixer_class_init (SipSimpleAudioMixerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sip_simple_audio_mixer_dispose;
  object_class->finalize = sip_simple_audio_mixer_finalize;

  /**
   * SipSimpleAudioMixer::error:
   * @self: the mixer
   * @error: what failed (%SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA)
   *
   * Part of the mix failed (a device, a file); the rest goes on.
   *
   * Since: 0.1
   */
  signals[SIGNAL_ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
sip_simple_audio_mixer_init (SipSimpleAudioMixer *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->members = g_ptr_array_new ();
  self->links = g_ptr_array_new ();
}

/* ---------------------------------------------------------------------- */
/* API                                                                      */

/**
 * sip_simple_audio_mixer_new:
 *
 * Creates a mixer with no members. An application usually needs one.
 *
 * Returns: (transfer full): a new #SipSimpleAudioMixer
 *
 * Since: 0.1
 */
SipSimpleAudioMixer *
sip_simple_audio_mixer_new (void)
{
  gst_init (NULL, NULL);
  return g_object_new (SIP_SIMPLE_TYPE_AUDIO_MIXER, NULL);
}

static gboolean
is_none (const char *spec)
{
  return spec == NULL || *spec == '\0' || g_str_equal (spec, "none");
}

/**
 * sip_simple_audio_mixer_get_input:
 * @self: a mixer
 *
 * Gets the local input, or %NULL for none.
 *
 * Returns: (nullable): the local input, or %NULL for none
 *
 * Since: 0.1
 */
const char *
sip_simple_audio_mixer_get_input (SipSimpleAudioMixer *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_AUDIO_MIXER (self), NULL);
  return self->input;
}

/**
 * sip_simple_audio_mixer_set_input:
 * @self: a mixer
 * @input: (nullable): what the local user says into the conference, named
 *   as for [property@SipSimple.AudioStream:input] ("auto" for the default
 *   microphone), or %NULL/"none" for nothing
 * @error: return location for a #GError
 *
 * Replaces the local input, at any time.
 *
 * Returns: %TRUE on success; %FALSE with a
 *   %SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA error if the input can't be made
 *
 * Since: 0.1
 */
gboolean
sip_simple_audio_mixer_set_input (SipSimpleAudioMixer *self, const char *input, GError **error)
{
  Member *old;
  GstElement *element = NULL;

  g_return_val_if_fail (SIP_SIMPLE_IS_AUDIO_MIXER (self), FALSE);

  if (!is_none (input) && !(element = sip_simple_audio_io_make_input (input, error)))
    return FALSE;
  old = find_member (self, MEMBER_LOCAL_INPUT, NULL, 0);
  if (old != NULL)
    remove_member (self, old);
  g_free (self->input);
  self->input = is_none (input) ? NULL : g_strdup (input);
  if (element != NULL)
    {
      attach_speaker (self, add_member (self, MEMBER_LOCAL_INPUT), make_source_bin (element, TRUE));
      update_links (self);
    }
  return TRUE;
}

/**
 * sip_simple_audio_mixer_get_output:
 * @self: a mixer
 *
 * Gets the local output, or %NULL for none.
 *
 * Returns: (nullable): the local output, or %NULL for none
 *
 * Since: 0.1
 */
const char *
sip_simple_audio_mixer_get_output (SipSimpleAudioMixer *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_AUDIO_MIXER (self), NULL);
  return self->output;
}

/**
 * sip_simple_audio_mixer_set_output:
 * @self: a mixer
 * @output: (nullable): where the local user hears the conference, named as
 *   for [property@SipSimple.AudioStream:output] ("auto" for the default
 *   speaker), or %NULL/"none" for nowhere
 * @error: return location for a #GError
 *
 * Replaces the local output, at any time.
 *
 * Returns: %TRUE on success; %FALSE with a
 *   %SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA error if the output can't be made
 *
 * Since: 0.1
 */
gboolean
sip_simple_audio_mixer_set_output (SipSimpleAudioMixer *self, const char *output, GError **error)
{
  Member *old;
  GstElement *element = NULL;

  g_return_val_if_fail (SIP_SIMPLE_IS_AUDIO_MIXER (self), FALSE);

  if (!is_none (output) && !(element = sip_simple_audio_io_make_output (output, error)))
    return FALSE;
  old = find_member (self, MEMBER_LOCAL_OUTPUT, NULL, 0);
  if (old != NULL)
    remove_member (self, old);
  g_free (self->output);
  self->output = is_none (output) ? NULL : g_strdup (output);
  if (element != NULL)
    {
      attach_listener (self, add_member (self, MEMBER_LOCAL_OUTPUT), make_sink_bin (element));
      update_links (self);
    }
  return TRUE;
}

/**
 * sip_simple_audio_mixer_add_stream:
 * @self: a mixer
 * @stream: an audio stream that has not started yet
 * @error: return location for a #GError
 *
 * Joins @stream to the conference: the mixer becomes its input and output
 * (through [property@SipSimple.AudioStream:input-element] and
 * [property@SipSimple.AudioStream:output-element]) and turns
 * [property@SipSimple.AudioStream:mute-on-hold] off, since it takes the
 * stream out of the conference itself while the local side holds it. The
 * stream leaves the mixer when it ends, or with
 * [method@SipSimple.AudioMixer.remove_stream].
 *
 * Returns: %TRUE on success; %FALSE with
 *   %SIP_SIMPLE_MEDIA_STREAM_ERROR_STATE if the stream already started or
 *   is in the mixer
 *
 * Since: 0.1
 */
gboolean
sip_simple_audio_mixer_add_stream (SipSimpleAudioMixer  *self,
                                   SipSimpleAudioStream *stream,
                                   GError              **error)
{
  SipSimpleMediaStreamState state;
  GstElement *to_stream, *from_stream;
  Member *member;

  g_return_val_if_fail (SIP_SIMPLE_IS_AUDIO_MIXER (self), FALSE);
  g_return_val_if_fail (SIP_SIMPLE_IS_AUDIO_STREAM (stream), FALSE);

  state = sip_simple_media_stream_get_state (SIP_SIMPLE_MEDIA_STREAM (stream));
  if (state > SIP_SIMPLE_MEDIA_STREAM_STATE_INITIALIZED
      || find_member (self, MEMBER_STREAM, stream, 0) != NULL)
    {
      g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_STATE,
                   "A stream joins the mixer once, before it starts");
      return FALSE;
    }
  member = add_member (self, MEMBER_STREAM);
  member->stream = g_object_ref (stream);

  /* what the stream receives comes into the mix here... */
  from_stream = make_bridge_src (BRIDGE_LATENCY);
  attach_speaker (self, member, make_source_bin (from_stream, FALSE));
  sip_simple_audio_stream_set_output_element (stream, make_bridge_sink (from_stream));
  /* ...and what it sends leaves the mix there (no aggregator on that
   * side: no latency to wait for) */
  to_stream = make_bridge_src (0);
  sip_simple_audio_stream_set_input_element (stream, to_stream);
  attach_listener (self, member, make_sink_bin (make_bridge_sink (to_stream)));

  sip_simple_audio_stream_set_mute_on_hold (stream, FALSE);
  member->hold_handler = g_signal_connect (stream, "notify::on-hold-by-local",
                                           G_CALLBACK (on_stream_hold_changed), self);
  member->ended_handler = g_signal_connect (stream, "ended", G_CALLBACK (on_stream_ended), self);
  update_links (self);
  return TRUE;
}

/**
 * sip_simple_audio_mixer_remove_stream:
 * @self: a mixer
 * @stream: a stream in the mixer
 *
 * Takes @stream out of the mix (it then sends silence and its audio goes
 * nowhere), with the sources played into it.
 *
 * Since: 0.1
 */
void
sip_simple_audio_mixer_remove_stream (SipSimpleAudioMixer *self, SipSimpleAudioStream *stream)
{
  Member *member;

  g_return_if_fail (SIP_SIMPLE_IS_AUDIO_MIXER (self));
  g_return_if_fail (SIP_SIMPLE_IS_AUDIO_STREAM (stream));

  while ((member = find_member (self, MEMBER_SOURCE, stream, 0)) != NULL)
    remove_member (self, member);
  member = find_member (self, MEMBER_STREAM, stream, 0);
  if (member == NULL)
    return;
  remove_member (self, member);
  if (sip_simple_media_stream_get_state (SIP_SIMPLE_MEDIA_STREAM (stream))
      <= SIP_SIMPLE_MEDIA_STREAM_STATE_INITIALIZED)
    {
      sip_simple_audio_stream_set_input_element (stream, NULL);
      sip_simple_audio_stream_set_output_element (stream, NULL);
    }
  sip_simple_audio_stream_set_mute_on_hold (stream, TRUE);
}

/**
 * sip_simple_audio_mixer_get_streams:
 * @self: a mixer
 *
 * Gets the streams in the mixer.
 *
 * Returns: (transfer container) (element-type SipSimpleAudioStream): the
 *   streams in the mixer
 *
 * Since: 0.1
 */
GPtrArray *
sip_simple_audio_mixer_get_streams (SipSimpleAudioMixer *self)
{
  GPtrArray *streams = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (SIP_SIMPLE_IS_AUDIO_MIXER (self), streams);
  for (guint i = 0; i < self->members->len; i++)
    {
      Member *member = g_ptr_array_index (self->members, i);
      if (member->kind == MEMBER_STREAM)
        g_ptr_array_add (streams, g_object_ref (member->stream));
    }
  return streams;
}

/**
 * sip_simple_audio_mixer_play:
 * @self: a mixer
 * @input: what to play, named as for [property@SipSimple.AudioStream:input]
 *   (e.g. "file:/usr/share/sounds/hold.wav", looped, or "tone:425")
 * @stream: (nullable): the stream to play into (it hears it even while on
 *   hold: hold music), or %NULL for the whole conference
 * @error: return location for a #GError
 *
 * Plays @input until [method@SipSimple.AudioMixer.stop].
 *
 * Returns: an id for [method@SipSimple.AudioMixer.stop], or 0 with an
 *   error (%SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA for an unusable input,
 *   %SIP_SIMPLE_MEDIA_STREAM_ERROR_STATE for a stream not in the mixer)
 *
 * Since: 0.1
 */
guint
sip_simple_audio_mixer_play (SipSimpleAudioMixer  *self,
                             const char           *input,
                             SipSimpleAudioStream *stream,
                             GError              **error)
{
  GstElement *element;
  Member *member;

  g_return_val_if_fail (SIP_SIMPLE_IS_AUDIO_MIXER (self), 0);
  g_return_val_if_fail (input != NULL, 0);
  g_return_val_if_fail (stream == NULL || SIP_SIMPLE_IS_AUDIO_STREAM (stream), 0);

  if (stream != NULL && find_member (self, MEMBER_STREAM, stream, 0) == NULL)
    {
      g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_STATE,
                   "The stream is not in the mixer");
      return 0;
    }
  element = sip_simple_audio_io_make_input (input, error);
  if (element == NULL)
    return 0;
  member = add_member (self, MEMBER_SOURCE);
  member->stream = stream ? g_object_ref (stream) : NULL;
  attach_speaker (self, member, make_source_bin (element, TRUE));
  update_links (self);
  return member->id;
}

/**
 * sip_simple_audio_mixer_record:
 * @self: a mixer
 * @output: where to record, named as for
 *   [property@SipSimple.AudioStream:output] (e.g. "file:/tmp/call.wav")
 * @error: return location for a #GError
 *
 * Records the conference (the local input, every stream in it, sources
 * played to everyone) until [method@SipSimple.AudioMixer.stop], which
 * finalizes the file.
 *
 * Returns: an id for [method@SipSimple.AudioMixer.stop], or 0 with a
 *   %SIP_SIMPLE_MEDIA_STREAM_ERROR_MEDIA error
 *
 * Since: 0.1
 */
guint
sip_simple_audio_mixer_record (SipSimpleAudioMixer *self, const char *output, GError **error)
{
  GstElement *element;
  Member *member;

  g_return_val_if_fail (SIP_SIMPLE_IS_AUDIO_MIXER (self), 0);
  g_return_val_if_fail (output != NULL, 0);

  element = sip_simple_audio_io_make_output (output, error);
  if (element == NULL)
    return 0;
  member = add_member (self, MEMBER_RECORDER);
  attach_listener (self, member, make_sink_bin (element));
  update_links (self);
  return member->id;
}

/**
 * sip_simple_audio_mixer_stop:
 * @self: a mixer
 * @id: what [method@SipSimple.AudioMixer.play] or
 *   [method@SipSimple.AudioMixer.record] returned
 *
 * Stops a source or a recorder (a recording is complete when this
 * returns). Unknown ids are ignored.
 *
 * Since: 0.1
 */
void
sip_simple_audio_mixer_stop (SipSimpleAudioMixer *self, guint id)
{
  Member *member;

  g_return_if_fail (SIP_SIMPLE_IS_AUDIO_MIXER (self));
  member = id != 0 ? find_member (self, 0, NULL, id) : NULL;
  if (member != NULL && (member->kind == MEMBER_SOURCE || member->kind == MEMBER_RECORDER))
    remove_member (self, member);
}
