/* libsipsimple - SipSimpleMessage internals
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sipsimple/engine/message.h>
#include "engine-internal.h"

G_BEGIN_DECLS

/* An incoming message from a MESSAGE request; message/cpim is unwrapped.
 * NULL with a parse error for requests that can't be a valid message. */
SipSimpleMessage *sip_simple_message_new_from_request (const sip_t *sip,
                                                       GError     **error);

G_END_DECLS
