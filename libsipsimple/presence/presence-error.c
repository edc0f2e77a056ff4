/* libsipsimple - the presence layer's error domain
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/presence/presence-error.h>

/**
 * sip_simple_presence_error_quark:
 *
 * Gets the quark of the %SIP_SIMPLE_PRESENCE_ERROR error domain.
 *
 * Returns: the quark of %SIP_SIMPLE_PRESENCE_ERROR
 *
 * Since: 0.1
 */
G_DEFINE_QUARK (sip-simple-presence-error-quark, sip_simple_presence_error)

G_DEFINE_ENUM_TYPE (SipSimplePresenceError, sip_simple_presence_error,
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_PRESENCE_ERROR_MALFORMED, "malformed"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_PRESENCE_ERROR_INVALID, "invalid"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_PRESENCE_ERROR_UNSUPPORTED, "unsupported"))
