/* libsipsimple - SipSimpleAudioStream internals for the Session
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sipsimple/streams/audio-stream.h>

G_BEGIN_DECLS

/* The ICE role the stream takes when it initializes (libnice cannot change
 * it after gathering): controlling (the default) when it offers, controlled
 * when it answers an offer from a full ICE agent (RFC 8445 section 6.1.1).
 * Call before sip_simple_media_stream_initialize_async(). */
void sip_simple_audio_stream_set_ice_controlling (SipSimpleAudioStream *self, gboolean controlling);

G_END_DECLS
