/* libsipsimple - SipSimpleRedisLocation, the location service on Redis
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
 * SIP_SIMPLE_TYPE_REDIS_LOCATION:
 *
 * The #GType of #SipSimpleRedisLocation.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_TYPE_REDIS_LOCATION (sip_simple_redis_location_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimpleRedisLocation, sip_simple_redis_location, SIP_SIMPLE,
                      REDIS_LOCATION, GObject)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleRedisLocation *sip_simple_redis_location_new           (const char             *uri,
                                                                 GError                **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char             *sip_simple_redis_location_get_uri       (SipSimpleRedisLocation *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char             *sip_simple_redis_location_get_prefix    (SipSimpleRedisLocation *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                    sip_simple_redis_location_set_prefix    (SipSimpleRedisLocation *self,
                                                                 const char             *prefix);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                sip_simple_redis_location_is_connected  (SipSimpleRedisLocation *self);

G_END_DECLS
