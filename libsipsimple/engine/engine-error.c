/* libsipsimple - the engine error domain
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/engine/engine-error.h>

/**
 * sip_simple_engine_error_quark:
 *
 * Gets the quark of the %SIP_SIMPLE_ENGINE_ERROR error domain.
 *
 * Returns: the quark of %SIP_SIMPLE_ENGINE_ERROR
 *
 * Since: 0.1
 */
G_DEFINE_QUARK (sip-simple-engine-error-quark, sip_simple_engine_error)

G_DEFINE_ENUM_TYPE (SipSimpleEngineError, sip_simple_engine_error,
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_ENGINE_ERROR_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_ENGINE_ERROR_INVALID_ARGUMENT, "invalid-argument"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_ENGINE_ERROR_NOT_RUNNING, "not-running"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_ENGINE_ERROR_ALREADY_RUNNING, "already-running"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_ENGINE_ERROR_TRANSPORT, "transport"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_ENGINE_ERROR_TLS, "tls"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_ENGINE_ERROR_TIMEOUT, "timeout"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_ENGINE_ERROR_DNS, "dns"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_ENGINE_ERROR_UNREACHABLE, "unreachable"))
