/* libsipsimple - SipSimpleSessionManager: the application's sessions
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <gio/gio.h>
#include <sipsimple/version.h>
#include <sipsimple/app/session.h>

G_BEGIN_DECLS

#define SIP_SIMPLE_TYPE_SESSION_MANAGER (sip_simple_session_manager_get_type ())
SIP_SIMPLE_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (SipSimpleSessionManager, sip_simple_session_manager, SIP_SIMPLE,
                      SESSION_MANAGER, GObject)

G_END_DECLS
