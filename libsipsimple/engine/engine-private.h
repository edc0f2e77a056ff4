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

/* Answers a 401/407 with credentials for every Digest realm challenged.
 * Returns FALSE (and does nothing) when there are no credentials or when
 * *rounds > 0, i.e. credentials were already sent for this request and
 * the server challenged again: they are wrong. */
gboolean      sip_simple_nua_authenticate            (nua_handle_t          *nh,
                                                      const sip_t           *sip,
                                                      const char            *username,
                                                      const char            *password,
                                                      guint                 *rounds);

/* The transport of the first hop to @hop (a proxy or the target): TLS for
 * a sips: URI, else its transport= parameter, else UDP. */
SipSimpleTransport sip_simple_uri_hop_transport (SipSimpleUri *hop);

G_END_DECLS
