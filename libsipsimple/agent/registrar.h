/* libsipsimple - SipSimpleRegistrar, REGISTER processing (RFC 3261 10.3)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <gio/gio.h>
#include <sipsimple/version.h>
#include <sipsimple/agent/event.h>
#include <sipsimple/agent/location.h>

G_BEGIN_DECLS

/**
 * SIP_SIMPLE_TYPE_REGISTRAR:
 *
 * The #GType of #SipSimpleRegistrar.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_TYPE_REGISTRAR (sip_simple_registrar_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimpleRegistrar, sip_simple_registrar, SIP_SIMPLE, REGISTRAR, GObject)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleRegistrar *sip_simple_registrar_new                 (SipSimpleLocation   *location);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleLocation  *sip_simple_registrar_get_location        (SipSimpleRegistrar  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint               sip_simple_registrar_get_min_expires     (SipSimpleRegistrar  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                sip_simple_registrar_set_min_expires     (SipSimpleRegistrar  *self,
                                                              guint                seconds);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint               sip_simple_registrar_get_max_expires     (SipSimpleRegistrar  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                sip_simple_registrar_set_max_expires     (SipSimpleRegistrar  *self,
                                                              guint                seconds);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint               sip_simple_registrar_get_default_expires (SipSimpleRegistrar  *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                sip_simple_registrar_set_default_expires (SipSimpleRegistrar  *self,
                                                              guint                seconds);

SIP_SIMPLE_AVAILABLE_IN_ALL
void                sip_simple_registrar_handle_async        (SipSimpleRegistrar  *self,
                                                              SipSimpleEvent      *event,
                                                              const char          *aor,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean            sip_simple_registrar_handle_finish       (SipSimpleRegistrar  *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);

G_END_DECLS
