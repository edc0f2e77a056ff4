/* libsipsimple - SipSimplePostgresLocation, the location service on PostgreSQL
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
 * SIP_SIMPLE_TYPE_POSTGRES_LOCATION:
 *
 * The #GType of #SipSimplePostgresLocation.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_TYPE_POSTGRES_LOCATION (sip_simple_postgres_location_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimplePostgresLocation, sip_simple_postgres_location, SIP_SIMPLE,
                      POSTGRES_LOCATION, GObject)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimplePostgresLocation *sip_simple_postgres_location_new          (const char                 *conninfo,
                                                                      GError                    **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char                *sip_simple_postgres_location_get_conninfo (SipSimplePostgresLocation  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                   sip_simple_postgres_location_is_connected (SipSimplePostgresLocation  *self);

G_END_DECLS
