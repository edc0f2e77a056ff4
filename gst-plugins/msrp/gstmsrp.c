/* msrp GStreamer plugin: msrpsrc and msrpsink over libsipsimple's MSRP core
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gstmsrpsink.h"
#include "gstmsrpsrc.h"

#ifndef PACKAGE
#define PACKAGE "libsipsimple"
#endif

static gboolean
plugin_init (GstPlugin *plugin)
{
  gboolean ok = FALSE;

  ok |= GST_ELEMENT_REGISTER (msrpsrc, plugin);
  ok |= GST_ELEMENT_REGISTER (msrpsink, plugin);
  return ok;
}

GST_PLUGIN_DEFINE (GST_VERSION_MAJOR, GST_VERSION_MINOR, msrp,
                   "MSRP (RFC 4975) source and sink over libsipsimple", plugin_init, PLUGIN_VERSION, "LGPL",
                   "libsipsimple", "https://sipsimpleclient.org")
