/* msrp GStreamer plugin - msrpsink
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gst/base/gstbasesink.h>

G_BEGIN_DECLS

#define GST_TYPE_MSRP_SINK (gst_msrp_sink_get_type ())
G_DECLARE_FINAL_TYPE (GstMsrpSink, gst_msrp_sink, GST, MSRP_SINK, GstBaseSink)

GST_ELEMENT_REGISTER_DECLARE (msrpsink);

G_END_DECLS
