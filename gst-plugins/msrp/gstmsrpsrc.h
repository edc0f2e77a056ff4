/* msrp GStreamer plugin - msrpsrc
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gst/base/gstpushsrc.h>

G_BEGIN_DECLS

#define GST_TYPE_MSRP_SRC (gst_msrp_src_get_type ())
G_DECLARE_FINAL_TYPE (GstMsrpSrc, gst_msrp_src, GST, MSRP_SRC, GstPushSrc)

GST_ELEMENT_REGISTER_DECLARE (msrpsrc);

G_END_DECLS
