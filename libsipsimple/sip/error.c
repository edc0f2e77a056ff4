/* libsipsimple - the SIP and parse error domains
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/sip/error.h>
#include "sip-internal.h"

#include <sofia-sip/sip_status.h>

/**
 * sip_simple_parse_error_quark:
 *
 * Gets the quark of the %SIP_SIMPLE_PARSE_ERROR error domain.
 *
 * Returns: the quark of %SIP_SIMPLE_PARSE_ERROR
 *
 * Since: 0.1
 */
G_DEFINE_QUARK (sip-simple-parse-error-quark, sip_simple_parse_error)
/**
 * sip_simple_sip_error_quark:
 *
 * Gets the quark of the %SIP_SIMPLE_SIP_ERROR error domain.
 *
 * Returns: the quark of %SIP_SIMPLE_SIP_ERROR
 *
 * Since: 0.1
 */
G_DEFINE_QUARK (sip-simple-sip-error-quark, sip_simple_sip_error)

G_DEFINE_ENUM_TYPE (SipSimpleParseError, sip_simple_parse_error,
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_PARSE_ERROR_INVALID_URI, "invalid-uri"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_PARSE_ERROR_INVALID_NAME_ADDR, "invalid-name-addr"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER, "invalid-header"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_PARSE_ERROR_INVALID_BODY, "invalid-body"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_PARSE_ERROR_INVALID_VALUE, "invalid-value"))

G_DEFINE_ENUM_TYPE (SipSimpleSipError, sip_simple_sip_error,
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_BAD_REQUEST, "bad-request"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_UNAUTHORIZED, "unauthorized"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_PAYMENT_REQUIRED, "payment-required"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_FORBIDDEN, "forbidden"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_NOT_FOUND, "not-found"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_METHOD_NOT_ALLOWED, "method-not-allowed"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_NOT_ACCEPTABLE, "not-acceptable"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_PROXY_AUTHENTICATION_REQUIRED, "proxy-authentication-required"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_REQUEST_TIMEOUT, "request-timeout"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_GONE, "gone"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_REQUEST_ENTITY_TOO_LARGE, "request-entity-too-large"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_REQUEST_URI_TOO_LONG, "request-uri-too-long"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_UNSUPPORTED_URI_SCHEME, "unsupported-uri-scheme"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_BAD_EXTENSION, "bad-extension"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_EXTENSION_REQUIRED, "extension-required"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_INTERVAL_TOO_BRIEF, "interval-too-brief"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_TEMPORARILY_UNAVAILABLE, "temporarily-unavailable"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_CALL_DOES_NOT_EXIST, "call-does-not-exist"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_LOOP_DETECTED, "loop-detected"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_TOO_MANY_HOPS, "too-many-hops"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_ADDRESS_INCOMPLETE, "address-incomplete"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_AMBIGUOUS, "ambiguous"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_BUSY_HERE, "busy-here"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_REQUEST_TERMINATED, "request-terminated"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_NOT_ACCEPTABLE_HERE, "not-acceptable-here"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_BAD_EVENT, "bad-event"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_REQUEST_PENDING, "request-pending"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_UNDECIPHERABLE, "undecipherable"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_SERVER_INTERNAL_ERROR, "server-internal-error"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_NOT_IMPLEMENTED, "not-implemented"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_BAD_GATEWAY, "bad-gateway"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_SERVICE_UNAVAILABLE, "service-unavailable"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_SERVER_TIMEOUT, "server-timeout"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_VERSION_NOT_SUPPORTED, "version-not-supported"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_MESSAGE_TOO_LARGE, "message-too-large"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_BUSY_EVERYWHERE, "busy-everywhere"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_DECLINE, "decline"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_DOES_NOT_EXIST_ANYWHERE, "does-not-exist-anywhere"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_SIP_ERROR_NOT_ACCEPTABLE_ANYWHERE, "not-acceptable-anywhere"))

/**
 * sip_simple_status_phrase:
 * @status_code: a SIP status code (100-699)
 *
 * Returns the standard reason phrase for @status_code.
 *
 * Returns: (transfer none): the reason phrase, or "" for an unknown code
 *
 * Since: 0.1
 */
const char *
sip_simple_status_phrase (guint status_code)
{
  const char *p = status_code < 1000 ? sip_status_phrase ((int) status_code) : NULL;
  return p ? p : "";
}

/* The GError for a SIP final response: code = status, message = "487 Request Terminated". */
GError *
sip_simple_sip_error_new (int status, const char *phrase)
{
  if (phrase == NULL || *phrase == '\0')
    phrase = sip_simple_status_phrase (status);
  return g_error_new (SIP_SIMPLE_SIP_ERROR, status, "%d %s", status, phrase);
}
