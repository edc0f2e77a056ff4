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

G_END_DECLS
