/* libsipsimple - SipSimpleMsrpSession, one MSRP session (RFC 4975, 4976, 6135)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <gio/gio.h>
#include <sipsimple/version.h>
#include <sipsimple/msrp/msrp-uri.h>

G_BEGIN_DECLS

/**
 * SIP_SIMPLE_MSRP_SIZE_UNKNOWN:
 *
 * The size to give sip_simple_msrp_session_send_stream() for a stream
 * whose length is known only at its end.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_MSRP_SIZE_UNKNOWN G_MAXUINT64

/**
 * SipSimpleMsrpSessionState:
 * @SIP_SIMPLE_MSRP_SESSION_STATE_NEW: created, nothing bound yet
 * @SIP_SIMPLE_MSRP_SESSION_STATE_PREPARED: the local path is known (a port
 *   is listening, or a relay accepted the AUTH); put it in the SDP
 * @SIP_SIMPLE_MSRP_SESSION_STATE_CONNECTING: sip_simple_msrp_session_start_async()
 *   is connecting (active) or waiting for the peer (passive)
 * @SIP_SIMPLE_MSRP_SESSION_STATE_CONNECTED: the connection is bound to the
 *   session; messages flow
 * @SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED: closed, locally or by an error
 *   (see [signal@SipSimple.MsrpSession::closed])
 *
 * The life cycle of a #SipSimpleMsrpSession.
 *
 * Since: 0.1
 */
typedef enum {
  SIP_SIMPLE_MSRP_SESSION_STATE_NEW,
  SIP_SIMPLE_MSRP_SESSION_STATE_PREPARED,
  SIP_SIMPLE_MSRP_SESSION_STATE_CONNECTING,
  SIP_SIMPLE_MSRP_SESSION_STATE_CONNECTED,
  SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED,
} SipSimpleMsrpSessionState;

SIP_SIMPLE_AVAILABLE_IN_ALL
GType sip_simple_msrp_session_state_get_type (void);
/**
 * SIP_SIMPLE_TYPE_MSRP_SESSION_STATE:
 *
 * The #GType of #SipSimpleMsrpSessionState.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_TYPE_MSRP_SESSION_STATE (sip_simple_msrp_session_state_get_type ())

/**
 * SipSimpleMsrpReportMode:
 * @SIP_SIMPLE_MSRP_REPORT_NONE: no Success-Report; `Failure-Report: no`
 *   (fire and forget: the message counts as delivered once written)
 * @SIP_SIMPLE_MSRP_REPORT_FAILURE: `Failure-Report: yes` (the default):
 *   delivered when every chunk got its 200 response
 * @SIP_SIMPLE_MSRP_REPORT_SUCCESS: `Success-Report: yes` and
 *   `Failure-Report: yes`: delivered when the peer's REPORT with status 200
 *   covers the whole message
 *
 * Which reports a sent message asks for, and so when it counts as
 * delivered ([signal@SipSimple.MsrpSession::message-delivered]).
 *
 * Since: 0.1
 */
typedef enum {
  SIP_SIMPLE_MSRP_REPORT_NONE,
  SIP_SIMPLE_MSRP_REPORT_FAILURE,
  SIP_SIMPLE_MSRP_REPORT_SUCCESS,
} SipSimpleMsrpReportMode;

SIP_SIMPLE_AVAILABLE_IN_ALL
GType sip_simple_msrp_report_mode_get_type (void);
/**
 * SIP_SIMPLE_TYPE_MSRP_REPORT_MODE:
 *
 * The #GType of #SipSimpleMsrpReportMode.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_TYPE_MSRP_REPORT_MODE (sip_simple_msrp_report_mode_get_type ())

/**
 * SIP_SIMPLE_TYPE_MSRP_SESSION:
 *
 * The #GType of #SipSimpleMsrpSession.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_TYPE_MSRP_SESSION (sip_simple_msrp_session_get_type ())

SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimpleMsrpSession, sip_simple_msrp_session, SIP_SIMPLE, MSRP_SESSION, GObject)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleMsrpSession     *sip_simple_msrp_session_new                 (void);

/* configuration, before prepare */
SIP_SIMPLE_AVAILABLE_IN_ALL
void                      sip_simple_msrp_session_set_relay           (SipSimpleMsrpSession    *self,
                                                                       SipSimpleMsrpUri        *relay,
                                                                       const char              *username,
                                                                       const char              *password);

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleMsrpUri         *sip_simple_msrp_session_get_relay           (SipSimpleMsrpSession    *self);

SIP_SIMPLE_AVAILABLE_IN_ALL
void                      sip_simple_msrp_session_prepare_async       (SipSimpleMsrpSession    *self,
                                                                       GCancellable            *cancellable,
                                                                       GAsyncReadyCallback      callback,
                                                                       gpointer                 user_data);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                  sip_simple_msrp_session_prepare_finish      (SipSimpleMsrpSession    *self,
                                                                       GAsyncResult            *result,
                                                                       GError                 **error);

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleMsrpUri         *sip_simple_msrp_session_get_local_uri       (SipSimpleMsrpSession    *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
GPtrArray                *sip_simple_msrp_session_get_local_path      (SipSimpleMsrpSession    *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
GPtrArray                *sip_simple_msrp_session_get_remote_path     (SipSimpleMsrpSession    *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                      sip_simple_msrp_session_set_remote_path     (SipSimpleMsrpSession    *self,
                                                                       GPtrArray               *path);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                  sip_simple_msrp_session_get_active          (SipSimpleMsrpSession    *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                      sip_simple_msrp_session_set_active          (SipSimpleMsrpSession    *self,
                                                                       gboolean                 active);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleMsrpSessionState sip_simple_msrp_session_get_state           (SipSimpleMsrpSession    *self);

SIP_SIMPLE_AVAILABLE_IN_ALL
void                      sip_simple_msrp_session_start_async         (SipSimpleMsrpSession    *self,
                                                                       GCancellable            *cancellable,
                                                                       GAsyncReadyCallback      callback,
                                                                       gpointer                 user_data);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                  sip_simple_msrp_session_start_finish        (SipSimpleMsrpSession    *self,
                                                                       GAsyncResult            *result,
                                                                       GError                 **error);

SIP_SIMPLE_AVAILABLE_IN_ALL
char                     *sip_simple_msrp_session_send_message        (SipSimpleMsrpSession    *self,
                                                                       const char              *content_type,
                                                                       GBytes                  *body,
                                                                       GError                 **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
char                     *sip_simple_msrp_session_send_stream         (SipSimpleMsrpSession    *self,
                                                                       const char              *content_type,
                                                                       GInputStream            *stream,
                                                                       guint64                  size,
                                                                       guint64                  offset,
                                                                       GError                 **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                  sip_simple_msrp_session_cancel_message      (SipSimpleMsrpSession    *self,
                                                                       const char              *message_id);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                  sip_simple_msrp_session_set_message_target  (SipSimpleMsrpSession    *self,
                                                                       const char              *message_id,
                                                                       GOutputStream           *target,
                                                                       GError                 **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                  sip_simple_msrp_session_set_message_offset  (SipSimpleMsrpSession    *self,
                                                                       const char              *message_id,
                                                                       guint64                  offset,
                                                                       GError                 **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                      sip_simple_msrp_session_close               (SipSimpleMsrpSession    *self);

SIP_SIMPLE_AVAILABLE_IN_ALL
char                     *sip_simple_msrp_certificate_fingerprint     (GTlsCertificate         *certificate);

G_END_DECLS
