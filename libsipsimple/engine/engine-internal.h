/* libsipsimple - what the engine offers the layers above inside the
 * library: incoming requests that open a new NUA handle (never installed)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sipsimple/engine/engine.h>

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

/* Offered every incoming request that opens a new handle (MESSAGE, INVITE,
 * SUBSCRIBE, ...). Return TRUE to take it: the handler then binds the
 * handle (sip_simple_engine_bind_handle) or responds to it. */
typedef gboolean (*SipSimpleIncomingFunc) (gpointer                 user_data,
                                           const SipSimpleNuaEvent *ev);

nua_t        *sip_simple_engine_get_nua              (SipSimpleEngine       *self);

guint         sip_simple_engine_add_incoming_handler (SipSimpleEngine       *self,
                                                      nua_event_t            event,
                                                      SipSimpleIncomingFunc  func,
                                                      gpointer               user_data);
void          sip_simple_engine_remove_incoming_handler (SipSimpleEngine    *self,
                                                      guint                  id);

/* The address the running engine is bound to (a real address when bound
 * to all of them), for SDP and contacts; an IPv6 address without brackets. */
const char   *sip_simple_engine_get_bound_host        (SipSimpleEngine       *self);

G_END_DECLS
