/* libsipsimple - SipSimpleEngine internals shared by the request objects
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "engine-internal.h"

G_BEGIN_DECLS


/* Receives the events of the handles an object owns. */
typedef void     (*SipSimpleNuaEventFunc) (gpointer                 owner,
                                           const SipSimpleNuaEvent *ev);

nua_handle_t *sip_simple_engine_create_handle        (SipSimpleEngine       *self,
                                                      SipSimpleNuaEventFunc  func,
                                                      gpointer               owner,
                                                      tag_type_t             tag,
                                                      tag_value_t            value,
                                                      ...);
void          sip_simple_engine_bind_handle          (SipSimpleEngine       *self,
                                                      nua_handle_t          *nh,
                                                      SipSimpleNuaEventFunc  func,
                                                      gpointer               owner);
/* Drops the owner's interest and destroys the handle: no event for it is
 * delivered afterwards. Safe to call with a NULL handle. */
void          sip_simple_engine_destroy_handle       (SipSimpleEngine       *self,
                                                      nua_handle_t          *nh);

/* The URI of the engine's own transport for @transport, for Contact
 * headers: sip:IP:PORT;transport=udp, sips:... for TLS. */
char         *sip_simple_engine_contact_string       (SipSimpleEngine       *self,
                                                      const char            *user,
                                                      SipSimpleTransport     transport);

G_END_DECLS
