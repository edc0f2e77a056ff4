/* libsipsimple - SipSimpleWatcherInfo: a watcher-info document (RFC 3857, 3858)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <gio/gio.h>
#include <sipsimple/version.h>
#include <sipsimple/presence/watcher.h>

G_BEGIN_DECLS

/**
 * SIP_SIMPLE_WATCHER_INFO_CONTENT_TYPE:
 *
 * The MIME type of watcher-info documents, "application/watcherinfo+xml".
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_WATCHER_INFO_CONTENT_TYPE "application/watcherinfo+xml"

#define SIP_SIMPLE_TYPE_WATCHER_INFO (sip_simple_watcher_info_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimpleWatcherInfo, sip_simple_watcher_info, SIP_SIMPLE, WATCHER_INFO, GObject)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleWatcherInfo *sip_simple_watcher_info_new          (void);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleWatcherInfo *sip_simple_watcher_info_parse        (GBytes               *data,
                                                            GError              **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
GBytes               *sip_simple_watcher_info_to_bytes     (SipSimpleWatcherInfo *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
guint                 sip_simple_watcher_info_get_version  (SipSimpleWatcherInfo *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                  sip_simple_watcher_info_set_version  (SipSimpleWatcherInfo *self,
                                                            guint                 version);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean              sip_simple_watcher_info_get_full     (SipSimpleWatcherInfo *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                  sip_simple_watcher_info_set_full     (SipSimpleWatcherInfo *self,
                                                            gboolean              full);
SIP_SIMPLE_AVAILABLE_IN_ALL
GPtrArray            *sip_simple_watcher_info_get_watchers (SipSimpleWatcherInfo *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
void                  sip_simple_watcher_info_add_watcher  (SipSimpleWatcherInfo *self,
                                                            SipSimpleWatcher     *watcher);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean              sip_simple_watcher_info_update       (SipSimpleWatcherInfo *self,
                                                            SipSimpleWatcherInfo *newer,
                                                            GError              **error);

G_END_DECLS
