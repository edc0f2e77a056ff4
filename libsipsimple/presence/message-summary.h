/* libsipsimple - SipSimpleMessageSummary: message waiting indication (RFC 3842)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <gio/gio.h>
#include <sipsimple/version.h>

G_BEGIN_DECLS

/**
 * SIP_SIMPLE_MESSAGE_SUMMARY_CONTENT_TYPE:
 *
 * The MIME type of message summaries, "application/simple-message-summary".
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_MESSAGE_SUMMARY_CONTENT_TYPE "application/simple-message-summary"

/**
 * SipSimpleMessageContext:
 * @SIP_SIMPLE_MESSAGE_CONTEXT_VOICE: voice-message
 * @SIP_SIMPLE_MESSAGE_CONTEXT_FAX: fax-message
 * @SIP_SIMPLE_MESSAGE_CONTEXT_PAGER: pager-message
 * @SIP_SIMPLE_MESSAGE_CONTEXT_MULTIMEDIA: multimedia-message
 * @SIP_SIMPLE_MESSAGE_CONTEXT_TEXT: text-message
 * @SIP_SIMPLE_MESSAGE_CONTEXT_NONE: none (messages of no particular class)
 *
 * The message context classes of RFC 3458 a summary counts separately.
 *
 * Since: 0.1
 */
typedef enum {
  SIP_SIMPLE_MESSAGE_CONTEXT_VOICE,
  SIP_SIMPLE_MESSAGE_CONTEXT_FAX,
  SIP_SIMPLE_MESSAGE_CONTEXT_PAGER,
  SIP_SIMPLE_MESSAGE_CONTEXT_MULTIMEDIA,
  SIP_SIMPLE_MESSAGE_CONTEXT_TEXT,
  SIP_SIMPLE_MESSAGE_CONTEXT_NONE,
} SipSimpleMessageContext;

SIP_SIMPLE_AVAILABLE_IN_ALL
GType sip_simple_message_context_get_type (void);
#define SIP_SIMPLE_TYPE_MESSAGE_CONTEXT (sip_simple_message_context_get_type ())

#define SIP_SIMPLE_TYPE_MESSAGE_SUMMARY (sip_simple_message_summary_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimpleMessageSummary, sip_simple_message_summary, SIP_SIMPLE, MESSAGE_SUMMARY, GObject)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleMessageSummary *sip_simple_message_summary_new                  (gboolean                 messages_waiting);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleMessageSummary *sip_simple_message_summary_parse                (GBytes                  *data,
                                                                          GError                 **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
GBytes                  *sip_simple_message_summary_to_bytes             (SipSimpleMessageSummary *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                 sip_simple_message_summary_get_messages_waiting (SipSimpleMessageSummary *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                     sip_simple_message_summary_set_messages_waiting (SipSimpleMessageSummary *self,
                                                                          gboolean                 waiting);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char              *sip_simple_message_summary_get_account          (SipSimpleMessageSummary *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                     sip_simple_message_summary_set_account          (SipSimpleMessageSummary *self,
                                                                          const char              *account);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                 sip_simple_message_summary_get_counts           (SipSimpleMessageSummary *self,
                                                                          SipSimpleMessageContext    message_context,
                                                                          guint                   *new_messages,
                                                                          guint                   *old_messages,
                                                                          guint                   *new_urgent,
                                                                          guint                   *old_urgent);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                     sip_simple_message_summary_set_counts           (SipSimpleMessageSummary *self,
                                                                          SipSimpleMessageContext    message_context,
                                                                          guint                    new_messages,
                                                                          guint                    old_messages,
                                                                          guint                    new_urgent,
                                                                          guint                    old_urgent);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint                    sip_simple_message_summary_get_new_messages     (SipSimpleMessageSummary *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint                    sip_simple_message_summary_get_old_messages     (SipSimpleMessageSummary *self);

G_END_DECLS
