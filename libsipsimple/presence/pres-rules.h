/* libsipsimple - SipSimplePresRules: an XCAP pres-rules document (RFC 5025)
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
 * SIP_SIMPLE_PRES_RULES_CONTENT_TYPE:
 *
 * The MIME type of pres-rules documents, "application/auth-policy+xml".
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_PRES_RULES_CONTENT_TYPE "application/auth-policy+xml"

/**
 * SipSimpleWatcherPolicy:
 * @SIP_SIMPLE_WATCHER_POLICY_NONE: no rule for the watcher: the server's
 *   default applies (usually: ask, i.e. pending)
 * @SIP_SIMPLE_WATCHER_POLICY_ALLOW: the watcher gets the presentity's
 *   state ("allow")
 * @SIP_SIMPLE_WATCHER_POLICY_BLOCK: the watcher's subscription is rejected
 *   ("block")
 * @SIP_SIMPLE_WATCHER_POLICY_POLITE_BLOCK: the watcher seems to be
 *   authorized but only ever sees the presentity offline
 *   ("polite-block")
 * @SIP_SIMPLE_WATCHER_POLICY_CONFIRM: the subscription stays pending until
 *   the presentity decides ("confirm")
 *
 * What happens to a watcher's subscription: the sub-handling action of
 * RFC 5025.
 *
 * Since: 0.1
 */
typedef enum {
  SIP_SIMPLE_WATCHER_POLICY_NONE,
  SIP_SIMPLE_WATCHER_POLICY_ALLOW,
  SIP_SIMPLE_WATCHER_POLICY_BLOCK,
  SIP_SIMPLE_WATCHER_POLICY_POLITE_BLOCK,
  SIP_SIMPLE_WATCHER_POLICY_CONFIRM,
} SipSimpleWatcherPolicy;

SIP_SIMPLE_AVAILABLE_IN_ALL
GType sip_simple_watcher_policy_get_type (void);
#define SIP_SIMPLE_TYPE_WATCHER_POLICY (sip_simple_watcher_policy_get_type ())

#define SIP_SIMPLE_TYPE_PRES_RULES (sip_simple_pres_rules_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimplePresRules, sip_simple_pres_rules, SIP_SIMPLE, PRES_RULES, GObject)

SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimplePresRules     *sip_simple_pres_rules_new          (void);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimplePresRules     *sip_simple_pres_rules_parse        (GBytes                 *data,
                                                            GError                **error);
SIP_SIMPLE_AVAILABLE_IN_ALL
GBytes                 *sip_simple_pres_rules_to_bytes     (SipSimplePresRules     *self);
SIP_SIMPLE_AVAILABLE_IN_ALL
SipSimpleWatcherPolicy  sip_simple_pres_rules_get_policy   (SipSimplePresRules     *self,
                                                            const char             *uri);
SIP_SIMPLE_AVAILABLE_IN_ALL
gboolean                sip_simple_pres_rules_set_policy   (SipSimplePresRules     *self,
                                                            const char             *uri,
                                                            SipSimpleWatcherPolicy  policy);
SIP_SIMPLE_AVAILABLE_IN_ALL
char                  **sip_simple_pres_rules_get_watchers (SipSimplePresRules     *self,
                                                            SipSimpleWatcherPolicy  policy);

G_END_DECLS
