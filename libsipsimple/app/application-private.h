/* libsipsimple - SipSimpleApplication internals
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sipsimple/app/application.h>

G_BEGIN_DECLS

/* The application that is not stopped, if any (one per process). */
SipSimpleApplication *sip_simple_application_get_running (void);

G_END_DECLS
