/* libsipsimple - SipSimpleMessage: a SIP MESSAGE (RFC 3428 pager mode)
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
#include <sipsimple/sip/name-addr.h>
#include <sipsimple/sip/headers.h>
#include <sipsimple/engine/engine.h>
#include <sipsimple/engine/client-request.h>
#include <sipsimple/sip/cpim.h>

G_BEGIN_DECLS

/**
 * SipSimpleMessageDirection:
 * @SIP_SIMPLE_MESSAGE_DIRECTION_OUTGOING: a message we send
 * @SIP_SIMPLE_MESSAGE_DIRECTION_INCOMING: a message we received
 *
 * Which way a #SipSimpleMessage travels.
 *
 * Since: 0.1
 */
typedef enum {
  SIP_SIMPLE_MESSAGE_DIRECTION_OUTGOING,
  SIP_SIMPLE_MESSAGE_DIRECTION_INCOMING,
} SipSimpleMessageDirection;

SIP_SIMPLE_AVAILABLE_IN_ALL
GType sip_simple_message_direction_get_type (void);
#define SIP_SIMPLE_TYPE_MESSAGE_DIRECTION (sip_simple_message_direction_get_type ())

#define SIP_SIMPLE_TYPE_MESSAGE (sip_simple_message_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimpleMessage, sip_simple_message, SIP_SIMPLE, MESSAGE,
                      SipSimpleClientRequest)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleMessage          *sip_simple_message_new                (SipSimpleEngine     *engine,
                                                                  SipSimpleNameAddr   *from,
                                                                  SipSimpleNameAddr   *to,
                                                                  const char          *content_type,
                                                                  GBytes              *body);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleMessage          *sip_simple_message_new_text           (SipSimpleEngine     *engine,
                                                                  SipSimpleNameAddr   *from,
                                                                  SipSimpleNameAddr   *to,
                                                                  const char          *text);

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleMessageDirection  sip_simple_message_get_direction      (SipSimpleMessage    *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleNameAddr         *sip_simple_message_get_from           (SipSimpleMessage    *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleNameAddr         *sip_simple_message_get_to             (SipSimpleMessage    *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char                *sip_simple_message_get_content_type   (SipSimpleMessage    *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
GBytes                    *sip_simple_message_get_body           (SipSimpleMessage    *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
char                      *sip_simple_message_get_text           (SipSimpleMessage    *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
GDateTime                 *sip_simple_message_get_date           (SipSimpleMessage    *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleHeaders          *sip_simple_message_get_headers        (SipSimpleMessage    *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleCpimMessage      *sip_simple_message_get_cpim           (SipSimpleMessage    *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint                      sip_simple_message_get_status_code    (SipSimpleMessage    *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char                *sip_simple_message_get_reason         (SipSimpleMessage    *self);

SIP_SIMPLE_AVAILABLE_IN_ALL
void                       sip_simple_message_set_use_cpim       (SipSimpleMessage    *self,
                                                                  gboolean             use_cpim);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                   sip_simple_message_get_use_cpim       (SipSimpleMessage    *self);

SIP_SIMPLE_AVAILABLE_IN_ALL
void                       sip_simple_message_send_async         (SipSimpleMessage    *self,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                   sip_simple_message_send_finish        (SipSimpleMessage    *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);

G_END_DECLS
