/* libsipsimple - audio sources and sinks named by strings (private)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

/* Validates an input/output specification without building anything
 * (errors in SIP_SIMPLE_MEDIA_STREAM_ERROR, MEDIA). */
gboolean    sip_simple_audio_io_check_input  (const char *spec, GError **error);
gboolean    sip_simple_audio_io_check_output (const char *spec, GError **error);

/* A source element (or bin with a "src" pad) producing raw audio, live or
 * paced by the caller with clocksync. */
GstElement *sip_simple_audio_io_make_input   (const char *spec, GError **error);
/* A sink element (or bin with a "sink" pad) accepting raw audio. */
GstElement *sip_simple_audio_io_make_output  (const char *spec, GError **error);

/* The raw audio inside the library's pipelines (a stream's and the
 * mixer's): 48 kHz mono, 16-bit. */
#define SIP_SIMPLE_AUDIO_INTERNAL_CAPS \
  "audio/x-raw,format=S16LE,layout=interleaved,rate=48000,channels=1"
/* A capsfilter that holds a link to SIP_SIMPLE_AUDIO_INTERNAL_CAPS. */
GstElement *sip_simple_audio_io_make_internal_filter (void);
/* The error an ERROR message of such a pipeline reports, as a MEDIA error
 * of SIP_SIMPLE_MEDIA_STREAM_ERROR naming the element; @debug_out
 * (optional) gets GStreamer's debug text. */
GError     *sip_simple_audio_io_pipeline_error (GstMessage *message,
                                                char      **debug_out);

G_END_DECLS
