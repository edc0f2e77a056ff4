/* msrp GStreamer plugin - the connection properties msrpsrc and msrpsink
 * share: local-uri, remote-uri, active, connect-timeout
 *
 * Each element keeps a GstMsrpProps in its instance, installs the
 * properties with gst_msrp_props_install() (ids 1 to GST_MSRP_PROP_LAST - 1;
 * its own properties start at GST_MSRP_PROP_LAST) and hands them to
 * gst_msrp_props_set()/gst_msrp_props_get() from its property functions,
 * under its object lock as for its own properties.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "gstmsrpworker.h"

G_BEGIN_DECLS

enum
{
  GST_MSRP_PROP_LOCAL_URI = 1,
  GST_MSRP_PROP_REMOTE_URI,
  GST_MSRP_PROP_ACTIVE,
  GST_MSRP_PROP_CONNECT_TIMEOUT,
  GST_MSRP_PROP_LAST
};

typedef struct
{
  char    *local_uri;
  char    *remote_uri;
  gboolean active;
  guint    connect_timeout; /* ms */
} GstMsrpProps;

/* @active_default: the sink connects by default, the source waits */
void gst_msrp_props_install (GObjectClass *object_class, gboolean active_default);
void gst_msrp_props_init (GstMsrpProps *props, gboolean active_default);
void gst_msrp_props_clear (GstMsrpProps *props);
/* FALSE when @prop_id is not one of the shared properties */
gboolean gst_msrp_props_set (GstMsrpProps *props, guint prop_id, const GValue *value);
gboolean gst_msrp_props_get (const GstMsrpProps *props, guint prop_id, GValue *value);
/* Starts a worker with the properties as they are now (read under
 * @element's object lock) */
GstMsrpWorker *gst_msrp_props_start_worker (GstMsrpProps *props, GstElement *element,
                                            GstMsrpWorkerSetup setup, gpointer setup_data,
                                            GError **error);

G_END_DECLS
