/* msrp GStreamer plugin - the connection properties msrpsrc and msrpsink
 * share, and starting a worker from them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gstmsrpprops.h"

#define DEFAULT_CONNECT_TIMEOUT 10000

void
gst_msrp_props_install (GObjectClass *object_class, gboolean active_default)
{
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_READY;

  g_object_class_install_property (
      object_class, GST_MSRP_PROP_LOCAL_URI,
      g_param_spec_string (
          "local-uri", "Local URI",
          "This end's MSRP URI, msrp://ADDRESS:PORT/SESSION-ID;tcp (msrps:// for TLS). "
          "The passive end listens on its address and port; the session-id is what the "
          "peer sends to",
          NULL, flags));
  g_object_class_install_property (
      object_class, GST_MSRP_PROP_REMOTE_URI,
      g_param_spec_string ("remote-uri", "Remote URI",
                           "The peer's MSRP URI (or path: URIs separated by spaces, relays first)",
                           NULL, flags));
  g_object_class_install_property (
      object_class, GST_MSRP_PROP_ACTIVE,
      g_param_spec_boolean (
          "active", "Active",
          "Connect to the peer (RFC 6135 a=setup:active) instead of waiting for it to "
          "connect",
          active_default, flags));
  g_object_class_install_property (
      object_class, GST_MSRP_PROP_CONNECT_TIMEOUT,
      g_param_spec_uint (
          "connect-timeout", "Connect timeout",
          "Milliseconds an active end keeps trying to reach a passive peer that does not "
          "listen yet",
          0, G_MAXUINT, DEFAULT_CONNECT_TIMEOUT, flags));
}

void
gst_msrp_props_init (GstMsrpProps *props, gboolean active_default)
{
  props->active = active_default;
  props->connect_timeout = DEFAULT_CONNECT_TIMEOUT;
}

void
gst_msrp_props_clear (GstMsrpProps *props)
{
  g_clear_pointer (&props->local_uri, g_free);
  g_clear_pointer (&props->remote_uri, g_free);
}

gboolean
gst_msrp_props_set (GstMsrpProps *props, guint prop_id, const GValue *value)
{
  switch (prop_id)
    {
    case GST_MSRP_PROP_LOCAL_URI:
      g_free (props->local_uri);
      props->local_uri = g_value_dup_string (value);
      return TRUE;
    case GST_MSRP_PROP_REMOTE_URI:
      g_free (props->remote_uri);
      props->remote_uri = g_value_dup_string (value);
      return TRUE;
    case GST_MSRP_PROP_ACTIVE:
      props->active = g_value_get_boolean (value);
      return TRUE;
    case GST_MSRP_PROP_CONNECT_TIMEOUT:
      props->connect_timeout = g_value_get_uint (value);
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
gst_msrp_props_get (const GstMsrpProps *props, guint prop_id, GValue *value)
{
  switch (prop_id)
    {
    case GST_MSRP_PROP_LOCAL_URI:
      g_value_set_string (value, props->local_uri);
      return TRUE;
    case GST_MSRP_PROP_REMOTE_URI:
      g_value_set_string (value, props->remote_uri);
      return TRUE;
    case GST_MSRP_PROP_ACTIVE:
      g_value_set_boolean (value, props->active);
      return TRUE;
    case GST_MSRP_PROP_CONNECT_TIMEOUT:
      g_value_set_uint (value, props->connect_timeout);
      return TRUE;
    default:
      return FALSE;
    }
}

GstMsrpWorker *
gst_msrp_props_start_worker (GstMsrpProps *props, GstElement *element, GstMsrpWorkerSetup setup,
                             gpointer setup_data, GError **error)
{
  g_autofree char *local = NULL;
  g_autofree char *remote = NULL;
  gboolean         active;
  guint            timeout;

  GST_OBJECT_LOCK (element);
  local = g_strdup (props->local_uri);
  remote = g_strdup (props->remote_uri);
  active = props->active;
  timeout = props->connect_timeout;
  GST_OBJECT_UNLOCK (element);
  return gst_msrp_worker_new (local, remote, active, timeout, setup, setup_data, error);
}
