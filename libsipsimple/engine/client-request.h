/* libsipsimple - SipSimpleClientRequest: what every request we send shares
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
#include <sipsimple/engine/engine.h>

G_BEGIN_DECLS

#define SIP_SIMPLE_TYPE_CLIENT_REQUEST (sip_simple_client_request_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_DERIVABLE_TYPE (SipSimpleClientRequest, sip_simple_client_request, SIP_SIMPLE,
                          CLIENT_REQUEST, GObject)

/**
 * SipSimpleClientRequestClass:
 * @parent_class: the parent class
 * @engine_stopped: the engine stopped running, or its SIP stack was torn
 *   down while the request still had a dialog or transaction in it. The
 *   default does nothing. The library's requests end what they have going
 *   here: a subscription ends, a publication and its queued calls fail,
 *   a call is disconnected once the stack's shutdown has ended it.
 *
 * The class of the requests the engine sends.
 *
 * Since: 0.1
 */
/**
 * SipSimpleClientRequestClass::engine_stopped:
 * @self: a request
 *
 * Called when the engine stopped running, or its SIP stack was torn down,
 * while the request still had a dialog or transaction in it. The default
 * does nothing; a subclass ends what it has going.
 *
 * Since: 0.1
 */
struct _SipSimpleClientRequestClass
{
  GObjectClass parent_class;

  void (*engine_stopped) (SipSimpleClientRequest *self);

  /*< private >*/
  gpointer padding[8];
};

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleEngine *sip_simple_client_request_get_engine         (SipSimpleClientRequest *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char      *sip_simple_client_request_get_username       (SipSimpleClientRequest *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void             sip_simple_client_request_set_credentials    (SipSimpleClientRequest *self,
                                                               const char             *username,
                                                               const char             *password);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleUri    *sip_simple_client_request_get_outbound_proxy (SipSimpleClientRequest *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void             sip_simple_client_request_set_outbound_proxy (SipSimpleClientRequest *self,
                                                               SipSimpleUri           *proxy);

G_END_DECLS
