/* libsipsimple - SipSimpleAudioMixer: conferences, hold music and recordings
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <glib-object.h>
#include <sipsimple/version.h>
#include <sipsimple/streams/audio-stream.h>

G_BEGIN_DECLS

#define SIP_SIMPLE_TYPE_AUDIO_MIXER (sip_simple_audio_mixer_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimpleAudioMixer, sip_simple_audio_mixer, SIP_SIMPLE, AUDIO_MIXER, GObject)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleAudioMixer *sip_simple_audio_mixer_new           (void);

SIP_SIMPLE_AVAILABLE_IN_ALL
const char          *sip_simple_audio_mixer_get_input     (SipSimpleAudioMixer  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean             sip_simple_audio_mixer_set_input     (SipSimpleAudioMixer  *self,
                                                           const char           *input,
                                                           GError              **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char          *sip_simple_audio_mixer_get_output    (SipSimpleAudioMixer  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean             sip_simple_audio_mixer_set_output    (SipSimpleAudioMixer  *self,
                                                           const char           *output,
                                                           GError              **error);

SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean             sip_simple_audio_mixer_add_stream    (SipSimpleAudioMixer  *self,
                                                           SipSimpleAudioStream *stream,
                                                           GError              **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                 sip_simple_audio_mixer_remove_stream (SipSimpleAudioMixer  *self,
                                                           SipSimpleAudioStream *stream);
SIP_SIMPLE_AVAILABLE_IN_ALL
GPtrArray           *sip_simple_audio_mixer_get_streams   (SipSimpleAudioMixer  *self);

SIP_SIMPLE_AVAILABLE_IN_ALL
guint                sip_simple_audio_mixer_play          (SipSimpleAudioMixer  *self,
                                                           const char           *input,
                                                           SipSimpleAudioStream *stream,
                                                           GError              **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint                sip_simple_audio_mixer_record        (SipSimpleAudioMixer  *self,
                                                           const char           *output,
                                                           GError              **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                 sip_simple_audio_mixer_stop          (SipSimpleAudioMixer  *self,
                                                           guint                 id);

G_END_DECLS
