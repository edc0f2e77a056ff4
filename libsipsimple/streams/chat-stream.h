/* libsipsimple - SipSimpleChatStream: instant messaging over MSRP
 * (RFC 4975), with CPIM (RFC 3862), is-composing (RFC 3994) and IMDN
 * (RFC 5438)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <gio/gio.h>
#include <sipsimple/version.h>
#include <sipsimple/sip/name-addr.h>
#include <sipsimple/streams/media-stream.h>

G_BEGIN_DECLS

/**
 * SIP_SIMPLE_TYPE_CHAT_STREAM:
 *
 * The #GType of #SipSimpleChatStream.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_TYPE_CHAT_STREAM (sip_simple_chat_stream_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimpleChatStream, sip_simple_chat_stream, SIP_SIMPLE, CHAT_STREAM, GObject)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleChatStream *sip_simple_chat_stream_new                       (void);

SIP_SIMPLE_AVAILABLE_IN_ALL
char                *sip_simple_chat_stream_send_message              (SipSimpleChatStream *self,
                                                                       const char          *content_type,
                                                                       const char          *body,
                                                                       GError             **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                 sip_simple_chat_stream_set_composing             (SipSimpleChatStream *self,
                                                                       gboolean             composing);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean             sip_simple_chat_stream_send_display_notification (SipSimpleChatStream *self,
                                                                       const char          *message_id,
                                                                       GError             **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean             sip_simple_chat_stream_get_remote_composing      (SipSimpleChatStream *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint                sip_simple_chat_stream_get_pending_count         (SipSimpleChatStream *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleNameAddr   *sip_simple_chat_stream_get_local_identity        (SipSimpleChatStream *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                 sip_simple_chat_stream_set_local_identity        (SipSimpleChatStream *self,
                                                                       SipSimpleNameAddr   *identity);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleNameAddr   *sip_simple_chat_stream_get_remote_identity       (SipSimpleChatStream *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                 sip_simple_chat_stream_set_remote_identity       (SipSimpleChatStream *self,
                                                                       SipSimpleNameAddr   *identity);

G_END_DECLS
