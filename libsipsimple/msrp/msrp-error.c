/* libsipsimple - error domain of the MSRP layer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/msrp/msrp-error.h>

/**
 * sip_simple_msrp_error_quark:
 *
 * The quark of the MSRP error domain.
 *
 * Returns: the quark of %SIP_SIMPLE_MSRP_ERROR
 *
 * Since: 0.1
 */
G_DEFINE_QUARK (sip-simple-msrp-error-quark, sip_simple_msrp_error)

G_DEFINE_ENUM_TYPE (SipSimpleMsrpError, sip_simple_msrp_error,
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MSRP_ERROR_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MSRP_ERROR_INVALID_URI, "invalid-uri"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MSRP_ERROR_INVALID_ARGUMENT, "invalid-argument"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MSRP_ERROR_PARSE, "parse"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MSRP_ERROR_PROTOCOL, "protocol"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MSRP_ERROR_CONNECTION, "connection"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MSRP_ERROR_TLS, "tls"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MSRP_ERROR_AUTH, "auth"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MSRP_ERROR_TIMEOUT, "timeout"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MSRP_ERROR_CLOSED, "closed"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_MSRP_ERROR_STATE, "state"))
