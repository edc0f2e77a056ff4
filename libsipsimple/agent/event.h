/* libsipsimple - SipSimpleEvent, one incoming request and what the server
 * does with it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <gio/gio.h>
#include <sipsimple/version.h>
#include <sipsimple/engine/engine.h>
#include <sipsimple/sip/headers.h>
#include <sipsimple/sip/name-addr.h>
#include <sipsimple/sip/uri.h>
#include <sipsimple/agent/agent.h>
#include <sipsimple/agent/binding.h>
#include <sipsimple/sip/via.h>

G_BEGIN_DECLS

/**
 * SipSimpleProxyResult:
 * @SIP_SIMPLE_PROXY_RESULT_ANSWERED: a target answered with a 2xx, which
 *   was passed on to the caller
 * @SIP_SIMPLE_PROXY_RESULT_BUSY: the best answer was busy (486, 600) or
 *   declined (603)
 * @SIP_SIMPLE_PROXY_RESULT_NOANSWER: nobody answered in time (the proxy's
 *   timeout, or 408 from the targets)
 * @SIP_SIMPLE_PROXY_RESULT_FAILURE: another failure; the best response's
 *   code is [method@SipSimple.Event.get_proxy_status]
 * @SIP_SIMPLE_PROXY_RESULT_CANCELLED: the caller sent CANCEL (it got 487)
 *
 * What [method@SipSimple.Event.proxy_async] achieved.
 *
 * Since: 0.1
 */
typedef enum {
  SIP_SIMPLE_PROXY_RESULT_ANSWERED,
  SIP_SIMPLE_PROXY_RESULT_BUSY,
  SIP_SIMPLE_PROXY_RESULT_NOANSWER,
  SIP_SIMPLE_PROXY_RESULT_FAILURE,
  SIP_SIMPLE_PROXY_RESULT_CANCELLED,
} SipSimpleProxyResult;

SIP_SIMPLE_AVAILABLE_IN_ALL
GType sip_simple_proxy_result_get_type (void);
/**
 * SIP_SIMPLE_TYPE_PROXY_RESULT:
 *
 * The #GType of #SipSimpleProxyResult.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_TYPE_PROXY_RESULT (sip_simple_proxy_result_get_type ())

/**
 * SipSimpleProxyFlags:
 * @SIP_SIMPLE_PROXY_FLAGS_NONE: parallel forking, no Record-Route
 * @SIP_SIMPLE_PROXY_FLAGS_RECORD_ROUTE: add Record-Route, so that the
 *   requests inside the dialog pass through this server too
 * @SIP_SIMPLE_PROXY_FLAGS_SEQUENTIAL: try the targets one after another
 *   (each gets the whole timeout) instead of all at once
 *
 * How [method@SipSimple.Event.proxy_async] forwards.
 *
 * Since: 0.1
 */
typedef enum /*< flags >*/ {
  SIP_SIMPLE_PROXY_FLAGS_NONE = 0,
  SIP_SIMPLE_PROXY_FLAGS_RECORD_ROUTE = 1 << 0,
  SIP_SIMPLE_PROXY_FLAGS_SEQUENTIAL = 1 << 1,
} SipSimpleProxyFlags;

SIP_SIMPLE_AVAILABLE_IN_ALL
GType sip_simple_proxy_flags_get_type (void);
/**
 * SIP_SIMPLE_TYPE_PROXY_FLAGS:
 *
 * The #GType of #SipSimpleProxyFlags.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_TYPE_PROXY_FLAGS (sip_simple_proxy_flags_get_type ())

/**
 * SipSimpleAuthResult:
 * @SIP_SIMPLE_AUTH_RESULT_OK: the credentials are right
 * @SIP_SIMPLE_AUTH_RESULT_MISSING: no credentials for the realm
 * @SIP_SIMPLE_AUTH_RESULT_STALE: right credentials for an expired nonce,
 *   or with a nonce count used before (a replay): challenge again; the
 *   client retries with a fresh nonce without asking its user
 * @SIP_SIMPLE_AUTH_RESULT_FAILED: wrong password, or unknown user
 * @SIP_SIMPLE_AUTH_RESULT_INVALID: malformed credentials, a nonce this
 *   server did not make, an algorithm it did not offer, no qop, or a
 *   digest-uri that is not the request's
 *
 * What [method@SipSimple.Event.authenticate] found.
 *
 * Since: 0.1
 */
typedef enum {
  SIP_SIMPLE_AUTH_RESULT_OK,
  SIP_SIMPLE_AUTH_RESULT_MISSING,
  SIP_SIMPLE_AUTH_RESULT_STALE,
  SIP_SIMPLE_AUTH_RESULT_FAILED,
  SIP_SIMPLE_AUTH_RESULT_INVALID,
} SipSimpleAuthResult;

SIP_SIMPLE_AVAILABLE_IN_ALL
GType sip_simple_auth_result_get_type (void);
/**
 * SIP_SIMPLE_TYPE_AUTH_RESULT:
 *
 * The #GType of #SipSimpleAuthResult.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_TYPE_AUTH_RESULT (sip_simple_auth_result_get_type ())

/**
 * SipSimplePasswordLookup:
 * @username: the user name in the credentials
 * @realm: the realm
 * @user_data: the data passed with the function
 *
 * Finds the password of @username in @realm, for
 * [method@SipSimple.Event.authenticate].
 *
 * Returns: (transfer full) (nullable): the password, or %NULL for an
 *   unknown user
 *
 * Since: 0.1
 */
typedef char *(*SipSimplePasswordLookup) (const char *username,
                                          const char *realm,
                                          gpointer    user_data);

/**
 * SIP_SIMPLE_TYPE_EVENT:
 *
 * The #GType of #SipSimpleEvent.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_TYPE_EVENT (sip_simple_event_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimpleEvent, sip_simple_event, SIP_SIMPLE, EVENT, GObject)

/* the request */
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleAgent     *sip_simple_event_get_agent          (SipSimpleEvent          *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char         *sip_simple_event_get_method         (SipSimpleEvent          *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleUri       *sip_simple_event_get_uri            (SipSimpleEvent          *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                sip_simple_event_set_uri            (SipSimpleEvent          *self,
                                                         SipSimpleUri            *uri);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleNameAddr  *sip_simple_event_get_from           (SipSimpleEvent          *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleNameAddr  *sip_simple_event_get_to             (SipSimpleEvent          *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
GPtrArray          *sip_simple_event_get_contacts       (SipSimpleEvent          *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
GPtrArray          *sip_simple_event_get_vias           (SipSimpleEvent          *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gint                sip_simple_event_get_max_forwards   (SipSimpleEvent          *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gint                sip_simple_event_get_expires        (SipSimpleEvent          *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char         *sip_simple_event_get_call_id        (SipSimpleEvent          *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint32             sip_simple_event_get_cseq           (SipSimpleEvent          *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean            sip_simple_event_is_in_dialog       (SipSimpleEvent          *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char         *sip_simple_event_get_header         (SipSimpleEvent          *self,
                                                         const char              *name);
SIP_SIMPLE_AVAILABLE_IN_ALL
GStrv               sip_simple_event_get_header_all     (SipSimpleEvent          *self,
                                                         const char              *name);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleHeaders   *sip_simple_event_get_headers        (SipSimpleEvent          *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean            sip_simple_event_add_header         (SipSimpleEvent          *self,
                                                         const char              *name,
                                                         const char              *value,
                                                         GError                 **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean            sip_simple_event_set_header         (SipSimpleEvent          *self,
                                                         const char              *name,
                                                         const char              *value,
                                                         GError                 **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint               sip_simple_event_remove_header      (SipSimpleEvent          *self,
                                                         const char              *name);
SIP_SIMPLE_AVAILABLE_IN_ALL
GBytes             *sip_simple_event_get_body           (SipSimpleEvent          *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char         *sip_simple_event_get_content_type   (SipSimpleEvent          *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleTransport  sip_simple_event_get_transport      (SipSimpleEvent          *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char         *sip_simple_event_get_source_address (SipSimpleEvent          *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint               sip_simple_event_get_source_port    (SipSimpleEvent          *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
char               *sip_simple_event_get_source_uri     (SipSimpleEvent          *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
char               *sip_simple_event_to_string          (SipSimpleEvent          *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gsize               sip_simple_event_get_size           (SipSimpleEvent          *self);

/* where proxy_async() sends it */
SIP_SIMPLE_AVAILABLE_IN_ALL
void                sip_simple_event_set_target         (SipSimpleEvent          *self,
                                                         SipSimpleUri            *uri);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                sip_simple_event_add_target         (SipSimpleEvent          *self,
                                                         SipSimpleUri            *uri,
                                                         const char              *next_hop);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                sip_simple_event_add_bindings       (SipSimpleEvent          *self,
                                                         GPtrArray               *bindings);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                sip_simple_event_clear_targets      (SipSimpleEvent          *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
GPtrArray          *sip_simple_event_get_targets        (SipSimpleEvent          *self);

/* state */
SIP_SIMPLE_AVAILABLE_IN_ALL
guint               sip_simple_event_get_status         (SipSimpleEvent          *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char         *sip_simple_event_get_reason         (SipSimpleEvent          *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean            sip_simple_event_is_answered        (SipSimpleEvent          *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                sip_simple_event_pause              (SipSimpleEvent          *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint               sip_simple_event_get_proxy_status   (SipSimpleEvent          *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char         *sip_simple_event_get_proxy_reason   (SipSimpleEvent          *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char         *sip_simple_event_get_auth_user      (SipSimpleEvent          *self);

/* actions */
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean            sip_simple_event_respond            (SipSimpleEvent          *self,
                                                         guint                    code,
                                                         const char              *reason,
                                                         SipSimpleHeaders        *headers,
                                                         const char              *content_type,
                                                         GBytes                  *body,
                                                         GError                 **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean            sip_simple_event_accept             (SipSimpleEvent          *self,
                                                         SipSimpleHeaders        *headers,
                                                         const char              *content_type,
                                                         GBytes                  *body,
                                                         GError                 **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean            sip_simple_event_reject             (SipSimpleEvent          *self,
                                                         guint                    code,
                                                         const char              *reason,
                                                         GError                 **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean            sip_simple_event_reject_unavailable (SipSimpleEvent          *self,
                                                         const char              *reason,
                                                         GError                 **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean            sip_simple_event_redirect           (SipSimpleEvent          *self,
                                                         GPtrArray               *contacts,
                                                         GError                 **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean            sip_simple_event_challenge          (SipSimpleEvent          *self,
                                                         const char              *realm,
                                                         GError                 **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleAuthResult sip_simple_event_authenticate       (SipSimpleEvent          *self,
                                                         const char              *realm,
                                                         SipSimplePasswordLookup  lookup,
                                                         gpointer                 user_data);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char         *sip_simple_event_get_auth_username  (SipSimpleEvent          *self,
                                                         const char              *realm);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleAuthResult sip_simple_event_check_password     (SipSimpleEvent          *self,
                                                         const char              *realm,
                                                         const char              *password);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                sip_simple_event_proxy_async        (SipSimpleEvent          *self,
                                                         guint                    timeout,
                                                         SipSimpleProxyFlags      flags,
                                                         GCancellable            *cancellable,
                                                         GAsyncReadyCallback      callback,
                                                         gpointer                 user_data);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleProxyResult sip_simple_event_proxy_finish      (SipSimpleEvent          *self,
                                                         GAsyncResult            *result,
                                                         GError                 **error);

G_END_DECLS
