/* libFuzzer target: SDP as an incoming offer meets the offer/answer layer:
 * the checked parser, directions and connection addresses of each m-line,
 * the stream registry picking a stream type for it (each type reads its
 * own attributes: rtpmap/fmtp/crypto/ICE for audio, path/accept-types/
 * setup/file-selector for MSRP), and a=file-selector values.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "fuzz-common.h"
#include <gst/gst.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* One-time work (GStreamer, the registry, each stream class) before the
 * first input, so that the leak check does not count it. */
int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  SipSimpleMediaStreamRegistry *registry;
  g_autoptr (GArray) types = NULL;

  gst_init (NULL, NULL);
  fuzz_init_logging ();
  registry = sip_simple_media_stream_registry_get_default ();
  types = sip_simple_media_stream_registry_get_types (registry);
  for (guint i = 0; i < types->len; i++)
    g_object_unref (g_object_new (g_array_index (types, GType, i), NULL));
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = NULL;
  GstSDPMessage *sdp;
  SipSimpleMediaStreamRegistry *registry;

  text = fuzz_strndup (data, size);
  sdp = sip_simple_sdp_parse (text, NULL);
  if (sdp == NULL)
    return 0;
  registry = sip_simple_media_stream_registry_get_default ();
  for (guint i = 0; i < gst_sdp_message_medias_len (sdp); i++)
    {
      const GstSDPMedia *media = gst_sdp_message_get_media (sdp, i);
      const char *selector = gst_sdp_media_get_attribute_val (media, "file-selector");
      SipSimpleMediaStream *stream;

      (void) sip_simple_sdp_get_direction (sdp, i);
      (void) sip_simple_sdp_get_connection_address (sdp, i);
      if (selector != NULL)
        {
          SipSimpleFileSelector *fs = sip_simple_file_selector_parse (selector, NULL);
          if (fs != NULL)
            {
              g_free (sip_simple_file_selector_to_string (fs));
              sip_simple_file_selector_unref (fs);
            }
        }
      stream = sip_simple_media_stream_registry_create_stream (registry, sdp, i);
      if (stream != NULL)
        {
          g_assert (sip_simple_media_stream_accepts_remote_media (stream, sdp, i));
          g_object_unref (stream);
        }
    }
  g_free (sip_simple_sdp_to_text (sdp));
  gst_sdp_message_free (sdp);
  return 0;
}
