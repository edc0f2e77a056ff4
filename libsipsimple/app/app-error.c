/* libsipsimple - middleware error domains
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/app/app-error.h>

/**
 * sip_simple_storage_error_quark:
 *
 * The quark of the %SIP_SIMPLE_STORAGE_ERROR domain.
 *
 * Returns: the error domain quark
 *
 * Since: 0.1
 */
G_DEFINE_QUARK (sip-simple-storage-error-quark, sip_simple_storage_error)

/**
 * sip_simple_application_error_quark:
 *
 * The quark of the %SIP_SIMPLE_APPLICATION_ERROR domain.
 *
 * Returns: the error domain quark
 *
 * Since: 0.1
 */
G_DEFINE_QUARK (sip-simple-application-error-quark, sip_simple_application_error)

G_DEFINE_ENUM_TYPE (SipSimpleStorageError, sip_simple_storage_error,
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_STORAGE_ERROR_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_STORAGE_ERROR_IO, "io"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_STORAGE_ERROR_INVALID_DATA, "invalid-data"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_STORAGE_ERROR_NOT_FOUND, "not-found"))

G_DEFINE_ENUM_TYPE (SipSimpleApplicationError, sip_simple_application_error,
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_APPLICATION_ERROR_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_APPLICATION_ERROR_ALREADY_RUNNING, "already-running"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_APPLICATION_ERROR_NOT_RUNNING, "not-running"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_APPLICATION_ERROR_ACCOUNT_EXISTS, "account-exists"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_APPLICATION_ERROR_ACCOUNT_NOT_FOUND, "account-not-found"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_APPLICATION_ERROR_INVALID_ACCOUNT, "invalid-account"))

/**
 * sip_simple_xcap_error_quark:
 *
 * The quark of the %SIP_SIMPLE_XCAP_ERROR domain.
 *
 * Returns: the error domain quark
 *
 * Since: 0.1
 */
G_DEFINE_QUARK (sip-simple-xcap-error-quark, sip_simple_xcap_error)

G_DEFINE_ENUM_TYPE (SipSimpleXcapError, sip_simple_xcap_error,
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_XCAP_ERROR_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_XCAP_ERROR_BAD_REQUEST, "bad-request"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_XCAP_ERROR_UNAUTHORIZED, "unauthorized"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_XCAP_ERROR_FORBIDDEN, "forbidden"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_XCAP_ERROR_NOT_FOUND, "not-found"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_XCAP_ERROR_METHOD_NOT_ALLOWED, "method-not-allowed"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_XCAP_ERROR_CONFLICT, "conflict"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_XCAP_ERROR_PRECONDITION_FAILED, "precondition-failed"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_XCAP_ERROR_UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type"),
  G_DEFINE_ENUM_VALUE (SIP_SIMPLE_XCAP_ERROR_SERVER_ERROR, "server-error"))
