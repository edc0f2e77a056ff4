/* libsipsimple - the lifetime a server grants to a registration, a
 * subscription or a publication (private to the agent folder)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sipsimple/agent/event.h>

G_BEGIN_DECLS

/* The lifetime granted for @asked seconds (a request's Expires or a
 * contact's expires parameter) within @min_expires and @max_expires (0:
 * no limit). 0 stays 0 (a removal) and a longer one is cut to
 * @max_expires; a shorter one than @min_expires is refused: @event is
 * answered `423 Interval Too Brief` with a Min-Expires header and -1
 * returned. */
gint64 sip_simple_agent_grant_expires (SipSimpleEvent *event,
                                       gint64          asked,
                                       guint           min_expires,
                                       guint           max_expires);

G_END_DECLS
