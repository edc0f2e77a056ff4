/* libsipsimple - SipSimpleEngine internals shared by the request objects
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sipsimple/sipsimple.h>

#include <sofia-sip/nua.h>
#include <sofia-sip/nua_tag.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_status.h>
#include <sofia-sip/su_tag.h>

G_BEGIN_DECLS

/* One NUA event, valid only during the callback: copy what you keep. */
typedef struct {
  nua_event_t    event;
  int            status;
  const char    *phrase;
  nua_handle_t  *nh;
  const sip_t   *sip;
  tagi_t        *tags;
  /* TRUE when the engine is going away: the handle is already invalid,
   * forget it and finish whatever was pending. */
  gboolean       engine_gone;
} SipSimpleNuaEvent;

/* Receives the events of the handles an object owns. */
typedef void     (*SipSimpleNuaEventFunc) (gpointer                 owner,
                                           const SipSimpleNuaEvent *ev);

/* Offered every incoming request that opens a new handle (MESSAGE, INVITE,
 * SUBSCRIBE, ...). Return TRUE to take it: the handler then binds the
 * handle (sip_simple_engine_bind_handle) or responds to it. */
typedef gboolean (*SipSimpleIncomingFunc) (gpointer                 user_data,
                                           const SipSimpleNuaEvent *ev);

nua_t        *sip_simple_engine_get_nua              (SipSimpleEngine       *self);

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

guint         sip_simple_engine_add_incoming_handler (SipSimpleEngine       *self,
                                                      nua_event_t            event,
                                                      SipSimpleIncomingFunc  func,
                                                      gpointer               user_data);
void          sip_simple_engine_remove_incoming_handler (SipSimpleEngine    *self,
                                                      guint                  id);

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

/* The address the running engine is bound to (a real address when bound
 * to all of them), for SDP and contacts. */
const char   *sip_simple_engine_get_bound_host        (SipSimpleEngine       *self);

/* A GError for a final SIP failure status, in SIP_SIMPLE_SIP_ERROR. */
GError       *sip_simple_sip_error_new               (int                    status,
                                                      const char            *phrase);

/* The transport of the first hop to @hop (a proxy or the target): TLS for
 * a sips: URI, else its transport= parameter, else UDP. */
SipSimpleTransport sip_simple_uri_hop_transport (SipSimpleUri *hop);

G_END_DECLS
