/* libsipsimple - error domain of the MSRP layer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__SIPSIMPLE_INSIDE__) && !defined(SIPSIMPLE_COMPILATION)
#error "Only <sipsimple/sipsimple.h> can be included directly."
#endif

#include <glib-object.h>
#include <sipsimple/version.h>

G_BEGIN_DECLS

/**
 * SIP_SIMPLE_MSRP_ERROR:
 *
 * Error domain of the MSRP layer ([struct@SipSimple.MsrpUri] and
 * [class@SipSimple.MsrpSession]). Errors in this domain have a
 * #SipSimpleMsrpError code.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_MSRP_ERROR (sip_simple_msrp_error_quark ())

/**
 * SipSimpleMsrpError:
 * @SIP_SIMPLE_MSRP_ERROR_FAILED: generic failure
 * @SIP_SIMPLE_MSRP_ERROR_INVALID_URI: an MSRP URI or path could not be parsed
 * @SIP_SIMPLE_MSRP_ERROR_INVALID_ARGUMENT: an argument was not acceptable
 *   (for example a missing remote path or a negative size)
 * @SIP_SIMPLE_MSRP_ERROR_PARSE: the peer sent bytes that are not MSRP
 *   (a bad start line, an oversize header, a bad end-line)
 * @SIP_SIMPLE_MSRP_ERROR_PROTOCOL: the peer sent well-formed MSRP that
 *   breaks the protocol (a wrong Byte-Range, an unknown session)
 * @SIP_SIMPLE_MSRP_ERROR_CONNECTION: the connection could not be made or was lost
 * @SIP_SIMPLE_MSRP_ERROR_TLS: TLS failed, or the peer's certificate did not
 *   match the expected fingerprint
 * @SIP_SIMPLE_MSRP_ERROR_AUTH: a relay refused the credentials (RFC 4976 AUTH)
 * @SIP_SIMPLE_MSRP_ERROR_TIMEOUT: the peer did not answer in time
 * @SIP_SIMPLE_MSRP_ERROR_CLOSED: the session is closed
 * @SIP_SIMPLE_MSRP_ERROR_STATE: the call does not fit the session's state
 *   (for example starting a session twice)
 *
 * Error codes of %SIP_SIMPLE_MSRP_ERROR.
 *
 * Since: 0.1
 */
typedef enum {
  SIP_SIMPLE_MSRP_ERROR_FAILED,
  SIP_SIMPLE_MSRP_ERROR_INVALID_URI,
  SIP_SIMPLE_MSRP_ERROR_INVALID_ARGUMENT,
  SIP_SIMPLE_MSRP_ERROR_PARSE,
  SIP_SIMPLE_MSRP_ERROR_PROTOCOL,
  SIP_SIMPLE_MSRP_ERROR_CONNECTION,
  SIP_SIMPLE_MSRP_ERROR_TLS,
  SIP_SIMPLE_MSRP_ERROR_AUTH,
  SIP_SIMPLE_MSRP_ERROR_TIMEOUT,
  SIP_SIMPLE_MSRP_ERROR_CLOSED,
  SIP_SIMPLE_MSRP_ERROR_STATE,
} SipSimpleMsrpError;

SIP_SIMPLE_AVAILABLE_IN_ALL
GQuark sip_simple_msrp_error_quark    (void);
SIP_SIMPLE_AVAILABLE_IN_ALL
GType  sip_simple_msrp_error_get_type (void);
/**
 * SIP_SIMPLE_TYPE_MSRP_ERROR:
 *
 * The #GType of #SipSimpleMsrpError.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_TYPE_MSRP_ERROR (sip_simple_msrp_error_get_type ())

G_END_DECLS
