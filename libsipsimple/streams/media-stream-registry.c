/* libsipsimple - SipSimpleMediaStreamRegistry
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/streams/media-stream-registry.h>
#include <sipsimple/streams/audio-stream.h>
#include <sipsimple/streams/chat-stream.h>
#include <sipsimple/streams/file-transfer-stream.h>
#include <sipsimple/streams/media-stream.h>

/**
 * SipSimpleMediaStreamRegistry:
 *
 * The stream types that can answer incoming offers. For every media line of
 * an incoming INVITE or re-INVITE the session asks the registered types in
 * order (newest first) whether they accept it
 * ([method@SipSimple.MediaStream.accepts_remote_media]); the first that does
 * gets a new instance. Lines nobody accepts are rejected (port 0).
 *
 * The library's own types are registered in the default registry. An
 * application registers its own [iface@SipSimple.MediaStream]
 * implementation, in any language, with
 * [method@SipSimple.MediaStreamRegistry.add_type].
 *
 * Since: 0.1
 */

struct _SipSimpleMediaStreamRegistry
{
  GObject parent_instance;
  GArray *types;   /* GType, newest last */
};

G_DEFINE_FINAL_TYPE (SipSimpleMediaStreamRegistry, sip_simple_media_stream_registry, G_TYPE_OBJECT)

static void
sip_simple_media_stream_registry_finalize (GObject *object)
{
  SipSimpleMediaStreamRegistry *self = SIP_SIMPLE_MEDIA_STREAM_REGISTRY (object);
  g_array_unref (self->types);
  G_OBJECT_CLASS (sip_simple_media_stream_registry_parent_class)->finalize (object);
}

static void
sip_simple_media_stream_registry_class_init (SipSimpleMediaStreamRegistryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sip_simple_media_stream_registry_finalize;
}

static void
sip_simple_media_stream_registry_init (SipSimpleMediaStreamRegistry *self)
{
  self->types = g_array_new (FALSE, FALSE, sizeof (GType));
}

/* The library's stream types, registered in the default registry. */
static void
add_builtin_types (SipSimpleMediaStreamRegistry *self)
{
#ifdef SIP_SIMPLE_TYPE_AUDIO_STREAM
  sip_simple_media_stream_registry_add_type (self, SIP_SIMPLE_TYPE_AUDIO_STREAM);
#endif
  sip_simple_media_stream_registry_add_type (self, SIP_SIMPLE_TYPE_CHAT_STREAM);
  sip_simple_media_stream_registry_add_type (self, SIP_SIMPLE_TYPE_FILE_TRANSFER_STREAM);
}

/**
 * sip_simple_media_stream_registry_get_default:
 *
 * Gets the registry that sessions use for incoming offers.
 *
 * Returns: (transfer none): the registry sessions use
 *
 * Since: 0.1
 */
SipSimpleMediaStreamRegistry *
sip_simple_media_stream_registry_get_default (void)
{
  static gsize once = 0;
  static SipSimpleMediaStreamRegistry *registry = NULL;

  if (g_once_init_enter (&once))
    {
      registry = g_object_new (SIP_SIMPLE_TYPE_MEDIA_STREAM_REGISTRY, NULL);
      add_builtin_types (registry);
      g_once_init_leave (&once, 1);
    }
  return registry;
}

/**
 * sip_simple_media_stream_registry_add_type:
 * @self: a registry
 * @type: a type implementing [iface@SipSimple.MediaStream] that can be
 *   created with g_object_new() and no properties
 *
 * Registers @type; it is asked before the types registered earlier.
 *
 * Since: 0.1
 */
void
sip_simple_media_stream_registry_add_type (SipSimpleMediaStreamRegistry *self, GType type)
{
  g_return_if_fail (SIP_SIMPLE_IS_MEDIA_STREAM_REGISTRY (self));
  g_return_if_fail (g_type_is_a (type, SIP_SIMPLE_TYPE_MEDIA_STREAM));
  g_return_if_fail (G_TYPE_IS_INSTANTIATABLE (type) && !G_TYPE_IS_ABSTRACT (type));

  sip_simple_media_stream_registry_remove_type (self, type);
  g_array_append_val (self->types, type);
}

/**
 * sip_simple_media_stream_registry_remove_type:
 * @self: a registry
 * @type: a registered type
 *
 * Unregisters @type.
 *
 * Since: 0.1
 */
void
sip_simple_media_stream_registry_remove_type (SipSimpleMediaStreamRegistry *self, GType type)
{
  g_return_if_fail (SIP_SIMPLE_IS_MEDIA_STREAM_REGISTRY (self));
  for (guint i = 0; i < self->types->len; i++)
    if (g_array_index (self->types, GType, i) == type)
      {
        g_array_remove_index (self->types, i);
        return;
      }
}

/**
 * sip_simple_media_stream_registry_get_types:
 * @self: a registry
 *
 * Gets the registered types, oldest first.
 *
 * Returns: (transfer full) (element-type GType): the registered types,
 *   oldest first
 *
 * Since: 0.1
 */
GArray *
sip_simple_media_stream_registry_get_types (SipSimpleMediaStreamRegistry *self)
{
  GArray *copy;

  g_return_val_if_fail (SIP_SIMPLE_IS_MEDIA_STREAM_REGISTRY (self), NULL);
  copy = g_array_sized_new (FALSE, FALSE, sizeof (GType), self->types->len);
  g_array_append_vals (copy, self->types->data, self->types->len);
  return copy;
}

/**
 * sip_simple_media_stream_registry_create_stream:
 * @self: a registry
 * @remote_sdp: an offer
 * @index: one of its media lines
 *
 * Creates a stream of the first registered type that accepts media line @index
 * of an offer.
 *
 * Returns: (transfer full) (nullable): a new stream that accepts media
 *   line @index, or %NULL if no registered type does
 *
 * Since: 0.1
 */
SipSimpleMediaStream *
sip_simple_media_stream_registry_create_stream (SipSimpleMediaStreamRegistry *self,
                                                const GstSDPMessage          *remote_sdp,
                                                guint                         index)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_MEDIA_STREAM_REGISTRY (self), NULL);
  g_return_val_if_fail (remote_sdp != NULL, NULL);

  if (index >= gst_sdp_message_medias_len (remote_sdp)
      || gst_sdp_media_get_port (gst_sdp_message_get_media (remote_sdp, index)) == 0)
    return NULL;
  for (guint i = self->types->len; i > 0; i--)
    {
      GType type = g_array_index (self->types, GType, i - 1);
      g_autoptr (GObject) obj = g_object_new (type, NULL);

      if (sip_simple_media_stream_accepts_remote_media (SIP_SIMPLE_MEDIA_STREAM (obj), remote_sdp, index))
        return SIP_SIMPLE_MEDIA_STREAM (g_steal_pointer (&obj));
    }
  return NULL;
}
