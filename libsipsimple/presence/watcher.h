/* libsipsimple - SipSimpleWatcher: one watcher of a watcher-info document (RFC 3858)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <glib-object.h>
#include <sipsimple/version.h>

G_BEGIN_DECLS

/**
 * SipSimpleWatcherStatus:
 * @SIP_SIMPLE_WATCHER_STATUS_PENDING: subscribed, waiting for the
 *   presentity to authorize (or refuse) it
 * @SIP_SIMPLE_WATCHER_STATUS_ACTIVE: authorized: receives the state
 * @SIP_SIMPLE_WATCHER_STATUS_WAITING: tried to subscribe while not
 *   authorized and gave up; the server remembers it for a while
 * @SIP_SIMPLE_WATCHER_STATUS_TERMINATED: the subscription is over
 *
 * The status of a watcher's subscription (RFC 3857 section 3.5).
 *
 * Since: 0.1
 */
typedef enum {
  SIP_SIMPLE_WATCHER_STATUS_PENDING,
  SIP_SIMPLE_WATCHER_STATUS_ACTIVE,
  SIP_SIMPLE_WATCHER_STATUS_WAITING,
  SIP_SIMPLE_WATCHER_STATUS_TERMINATED,
} SipSimpleWatcherStatus;

SIP_SIMPLE_AVAILABLE_IN_ALL
GType sip_simple_watcher_status_get_type (void);
#define SIP_SIMPLE_TYPE_WATCHER_STATUS (sip_simple_watcher_status_get_type ())

#define SIP_SIMPLE_TYPE_WATCHER (sip_simple_watcher_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimpleWatcher, sip_simple_watcher, SIP_SIMPLE, WATCHER, GObject)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleWatcher       *sip_simple_watcher_new                     (const char             *id,
                                                                    const char             *uri,
                                                                    SipSimpleWatcherStatus  status);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleWatcher       *sip_simple_watcher_copy                    (SipSimpleWatcher       *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                    sip_simple_watcher_update                  (SipSimpleWatcher       *self,
                                                                    SipSimpleWatcher       *from);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char             *sip_simple_watcher_get_id                  (SipSimpleWatcher       *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char             *sip_simple_watcher_get_uri                 (SipSimpleWatcher       *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleWatcherStatus  sip_simple_watcher_get_status              (SipSimpleWatcher       *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                    sip_simple_watcher_set_status              (SipSimpleWatcher       *self,
                                                                    SipSimpleWatcherStatus  status);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char             *sip_simple_watcher_get_event               (SipSimpleWatcher       *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                    sip_simple_watcher_set_event               (SipSimpleWatcher       *self,
                                                                    const char             *event);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char             *sip_simple_watcher_get_display_name        (SipSimpleWatcher       *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                    sip_simple_watcher_set_display_name        (SipSimpleWatcher       *self,
                                                                    const char             *display_name);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char             *sip_simple_watcher_get_resource            (SipSimpleWatcher       *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                    sip_simple_watcher_set_resource            (SipSimpleWatcher       *self,
                                                                    const char             *resource);
SIP_SIMPLE_AVAILABLE_IN_ALL
const char             *sip_simple_watcher_get_package             (SipSimpleWatcher       *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                    sip_simple_watcher_set_package             (SipSimpleWatcher       *self,
                                                                    const char             *package);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint                   sip_simple_watcher_get_duration_subscribed (SipSimpleWatcher       *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                    sip_simple_watcher_set_duration_subscribed (SipSimpleWatcher       *self,
                                                                    guint                   seconds);

G_END_DECLS
