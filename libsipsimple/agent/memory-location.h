/* libsipsimple - SipSimpleMemoryLocation, the in-memory location service
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <glib-object.h>
#include <sipsimple/version.h>
#include <sipsimple/agent/location.h>

G_BEGIN_DECLS

/**
 * SIP_SIMPLE_TYPE_MEMORY_LOCATION:
 *
 * The #GType of #SipSimpleMemoryLocation.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_TYPE_MEMORY_LOCATION (sip_simple_memory_location_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimpleMemoryLocation, sip_simple_memory_location, SIP_SIMPLE,
                      MEMORY_LOCATION, GObject)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleMemoryLocation *sip_simple_memory_location_new      (void);
SIP_SIMPLE_AVAILABLE_IN_ALL
GPtrArray               *sip_simple_memory_location_lookup   (SipSimpleMemoryLocation *self,
                                                              const char              *aor);
SIP_SIMPLE_AVAILABLE_IN_ALL
GStrv                    sip_simple_memory_location_get_aors (SipSimpleMemoryLocation *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint                    sip_simple_memory_location_purge    (SipSimpleMemoryLocation *self);

G_END_DECLS
