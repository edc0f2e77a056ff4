/* libsipsimple - SipSimpleLocation, the location service interface
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <gio/gio.h>
#include <sipsimple/version.h>
#include <sipsimple/agent/binding.h>

G_BEGIN_DECLS

/**
 * SIP_SIMPLE_TYPE_LOCATION:
 *
 * The #GType of #SipSimpleLocation.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_TYPE_LOCATION (sip_simple_location_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_INTERFACE (SipSimpleLocation, sip_simple_location, SIP_SIMPLE, LOCATION, GObject)

/**
 * SipSimpleLocationInterface:
 * @g_iface: the parent interface
 * @lookup_async: starts looking up the bindings of an address-of-record
 * @lookup_finish: returns the unexpired bindings, highest q-value first
 * @update_async: starts changing the bindings of an address-of-record, all
 *   or nothing (see [method@SipSimple.Location.update_async])
 * @update_finish: returns the unexpired bindings after the change
 *
 * The virtual functions of a location service. Every operation is
 * asynchronous so that a backend may talk to a database (Redis,
 * PostgreSQL) shared by several server instances; the in-memory backend
 * completes them without waiting.
 *
 * Since: 0.1
 */
struct _SipSimpleLocationInterface
{
  GTypeInterface g_iface;

  void       (*lookup_async)  (SipSimpleLocation   *self,
                               const char          *aor,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
  GPtrArray *(*lookup_finish) (SipSimpleLocation   *self,
                               GAsyncResult        *result,
                               GError             **error);
  void       (*update_async)  (SipSimpleLocation   *self,
                               const char          *aor,
                               GPtrArray           *bindings,
                               gboolean             remove_all,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
  GPtrArray *(*update_finish) (SipSimpleLocation   *self,
                               GAsyncResult        *result,
                               GError             **error);

  /*< private >*/
  gpointer padding[8];
};

SIP_SIMPLE_AVAILABLE_IN_ALL
void       sip_simple_location_lookup_async  (SipSimpleLocation   *self,
                                              const char          *aor,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
SIP_SIMPLE_AVAILABLE_IN_ALL
GPtrArray *sip_simple_location_lookup_finish (SipSimpleLocation   *self,
                                              GAsyncResult        *result,
                                              GError             **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
void       sip_simple_location_update_async  (SipSimpleLocation   *self,
                                              const char          *aor,
                                              GPtrArray           *bindings,
                                              gboolean             remove_all,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
SIP_SIMPLE_AVAILABLE_IN_ALL
GPtrArray *sip_simple_location_update_finish (SipSimpleLocation   *self,
                                              GAsyncResult        *result,
                                              GError             **error);

SIP_SIMPLE_AVAILABLE_IN_ALL
void       sip_simple_location_add_async     (SipSimpleLocation   *self,
                                              const char          *aor,
                                              SipSimpleBinding    *binding,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean   sip_simple_location_add_finish    (SipSimpleLocation   *self,
                                              GAsyncResult        *result,
                                              GError             **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
void       sip_simple_location_remove_async  (SipSimpleLocation   *self,
                                              const char          *aor,
                                              SipSimpleUri        *contact,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean   sip_simple_location_remove_finish (SipSimpleLocation   *self,
                                              GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
