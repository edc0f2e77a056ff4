/* libsipsimple - SipSimpleEngine: the SIP stack in the GLib main loop
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <gio/gio.h>
#include <sipsimple/version.h>
#include <sipsimple/sip/uri.h>

G_BEGIN_DECLS

/**
 * SipSimpleTransport:
 * @SIP_SIMPLE_TRANSPORT_UDP: SIP over UDP
 * @SIP_SIMPLE_TRANSPORT_TCP: SIP over TCP
 * @SIP_SIMPLE_TRANSPORT_TLS: SIP over TLS (over TCP)
 *
 * The SIP transports the engine can listen on and send over.
 *
 * Since: 0.1
 */
typedef enum {
  SIP_SIMPLE_TRANSPORT_UDP,
  SIP_SIMPLE_TRANSPORT_TCP,
  SIP_SIMPLE_TRANSPORT_TLS,
} SipSimpleTransport;

SIP_SIMPLE_AVAILABLE_IN_ALL
GType sip_simple_transport_get_type (void);
#define SIP_SIMPLE_TYPE_TRANSPORT (sip_simple_transport_get_type ())

SIP_SIMPLE_AVAILABLE_IN_ALL
const char *sip_simple_transport_to_string   (SipSimpleTransport transport);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean    sip_simple_transport_from_string (const char         *name,
                                              SipSimpleTransport *transport);

/**
 * SipSimpleEngineState:
 * @SIP_SIMPLE_ENGINE_STATE_STOPPED: not started, or stopped
 * @SIP_SIMPLE_ENGINE_STATE_STARTING: binding transports
 * @SIP_SIMPLE_ENGINE_STATE_RUNNING: ready to send and receive
 * @SIP_SIMPLE_ENGINE_STATE_STOPPING: shutting down (ending dialogs,
 *   unregistering); becomes %SIP_SIMPLE_ENGINE_STATE_STOPPED
 *
 * The life cycle of a #SipSimpleEngine.
 *
 * Since: 0.1
 */
typedef enum {
  SIP_SIMPLE_ENGINE_STATE_STOPPED,
  SIP_SIMPLE_ENGINE_STATE_STARTING,
  SIP_SIMPLE_ENGINE_STATE_RUNNING,
  SIP_SIMPLE_ENGINE_STATE_STOPPING,
} SipSimpleEngineState;

SIP_SIMPLE_AVAILABLE_IN_ALL
GType sip_simple_engine_state_get_type (void);
#define SIP_SIMPLE_TYPE_ENGINE_STATE (sip_simple_engine_state_get_type ())

#define SIP_SIMPLE_TYPE_ENGINE (sip_simple_engine_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimpleEngine, sip_simple_engine, SIP_SIMPLE, ENGINE, GObject)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleEngine      *sip_simple_engine_new               (void);

SIP_SIMPLE_AVAILABLE_IN_ALL
void                  sip_simple_engine_start_async       (SipSimpleEngine     *self,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean              sip_simple_engine_start_finish      (SipSimpleEngine     *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                  sip_simple_engine_stop_async        (SipSimpleEngine     *self,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean              sip_simple_engine_stop_finish       (SipSimpleEngine     *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleEngineState  sip_simple_engine_get_state         (SipSimpleEngine     *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean              sip_simple_engine_has_transport     (SipSimpleEngine     *self,
                                                           SipSimpleTransport   transport);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint                 sip_simple_engine_get_local_port    (SipSimpleEngine     *self,
                                                           SipSimpleTransport   transport);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleUri         *sip_simple_engine_get_local_uri     (SipSimpleEngine     *self,
                                                           SipSimpleTransport   transport);

SIP_SIMPLE_AVAILABLE_IN_ALL
const char           *sip_simple_engine_get_user_agent    (SipSimpleEngine     *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                  sip_simple_engine_set_user_agent    (SipSimpleEngine     *self,
                                                           const char          *user_agent);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char           *sip_simple_engine_get_ip_address    (SipSimpleEngine     *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                  sip_simple_engine_set_ip_address    (SipSimpleEngine     *self,
                                                           const char          *address);

G_END_DECLS
