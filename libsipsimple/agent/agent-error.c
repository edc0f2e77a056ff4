/* libsipsimple - error domain of the server API
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/agent/agent-error.h>

/**
 * sip_simple_agent_error_quark:
 *
 * Gets the quark of the %SIP_SIMPLE_AGENT_ERROR error domain.
 *
 * Returns: the quark of %SIP_SIMPLE_AGENT_ERROR
 *
 * Since: 0.1
 */
G_DEFINE_QUARK (sip-simple-agent-error-quark, sip_simple_agent_error)

G_DEFINE_ENUM_TYPE (SipSimpleAgentError, sip_simple_agent_error,
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_AGENT_ERROR_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_AGENT_ERROR_INVALID_ARGUMENT, "invalid-argument"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_AGENT_ERROR_TRANSPORT, "transport"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_AGENT_ERROR_TLS, "tls"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_AGENT_ERROR_CLOSED, "closed"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_AGENT_ERROR_ALREADY_ANSWERED, "already-answered"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_AGENT_ERROR_BUSY, "busy"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_AGENT_ERROR_NOT_ALLOWED, "not-allowed"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_AGENT_ERROR_LOCATION, "location"))
