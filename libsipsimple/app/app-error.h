/* libsipsimple - middleware error domains
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
 * SIP_SIMPLE_STORAGE_ERROR:
 *
 * Error domain of [iface@Storage] and its implementations: reading and
 * writing configuration data. Errors in this domain have a
 * #SipSimpleStorageError code.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_STORAGE_ERROR (sip_simple_storage_error_quark ())

/**
 * SipSimpleStorageError:
 * @SIP_SIMPLE_STORAGE_ERROR_FAILED: generic failure
 * @SIP_SIMPLE_STORAGE_ERROR_IO: the backing store could not be read or
 *   written; the message names the path and the operating system's error
 * @SIP_SIMPLE_STORAGE_ERROR_INVALID_DATA: the stored data is malformed, or a
 *   stored value does not fit where it is used; the message names the file
 *   and line, or the group and key, and says what is wrong
 * @SIP_SIMPLE_STORAGE_ERROR_NOT_FOUND: the group or key does not exist
 *
 * Error codes of %SIP_SIMPLE_STORAGE_ERROR.
 *
 * Since: 0.1
 */
typedef enum {
  SIP_SIMPLE_STORAGE_ERROR_FAILED,
  SIP_SIMPLE_STORAGE_ERROR_IO,
  SIP_SIMPLE_STORAGE_ERROR_INVALID_DATA,
  SIP_SIMPLE_STORAGE_ERROR_NOT_FOUND,
} SipSimpleStorageError;

SIP_SIMPLE_AVAILABLE_IN_ALL
GQuark sip_simple_storage_error_quark (void);
SIP_SIMPLE_AVAILABLE_IN_ALL
GType  sip_simple_storage_error_get_type (void);
#define SIP_SIMPLE_TYPE_STORAGE_ERROR (sip_simple_storage_error_get_type ())

/**
 * SIP_SIMPLE_APPLICATION_ERROR:
 *
 * Error domain of the middleware objects: the application, its accounts and
 * sessions. Errors in this domain have a #SipSimpleApplicationError code.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_APPLICATION_ERROR (sip_simple_application_error_quark ())

/**
 * SipSimpleApplicationError:
 * @SIP_SIMPLE_APPLICATION_ERROR_FAILED: generic failure
 * @SIP_SIMPLE_APPLICATION_ERROR_ALREADY_RUNNING: the application is already started
 * @SIP_SIMPLE_APPLICATION_ERROR_NOT_RUNNING: the application is not started
 *   (or already stopped)
 * @SIP_SIMPLE_APPLICATION_ERROR_ACCOUNT_EXISTS: an account with that id
 *   already exists
 * @SIP_SIMPLE_APPLICATION_ERROR_ACCOUNT_NOT_FOUND: no account with that id
 * @SIP_SIMPLE_APPLICATION_ERROR_INVALID_ACCOUNT: the account id or one of
 *   the account's settings is not acceptable
 *
 * Error codes of %SIP_SIMPLE_APPLICATION_ERROR.
 *
 * Since: 0.1
 */
typedef enum {
  SIP_SIMPLE_APPLICATION_ERROR_FAILED,
  SIP_SIMPLE_APPLICATION_ERROR_ALREADY_RUNNING,
  SIP_SIMPLE_APPLICATION_ERROR_NOT_RUNNING,
  SIP_SIMPLE_APPLICATION_ERROR_ACCOUNT_EXISTS,
  SIP_SIMPLE_APPLICATION_ERROR_ACCOUNT_NOT_FOUND,
  SIP_SIMPLE_APPLICATION_ERROR_INVALID_ACCOUNT,
} SipSimpleApplicationError;

SIP_SIMPLE_AVAILABLE_IN_ALL
GQuark sip_simple_application_error_quark (void);
SIP_SIMPLE_AVAILABLE_IN_ALL
GType  sip_simple_application_error_get_type (void);
#define SIP_SIMPLE_TYPE_APPLICATION_ERROR (sip_simple_application_error_get_type ())

/**
 * SIP_SIMPLE_XCAP_ERROR:
 *
 * Error domain of [class@SipSimple.XcapClient]: an XCAP server answered
 * with an HTTP error status, which is the error code (such as 404, 409 or
 * 412); the message holds status and reason. Transport failures are
 * %G_IO_ERROR or %G_RESOLVER_ERROR errors instead.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_XCAP_ERROR (sip_simple_xcap_error_quark ())

/**
 * SipSimpleXcapError:
 * @SIP_SIMPLE_XCAP_ERROR_FAILED: a failure without an HTTP status (a
 *   response that is not HTTP, a bad XCAP root)
 * @SIP_SIMPLE_XCAP_ERROR_BAD_REQUEST: 400
 * @SIP_SIMPLE_XCAP_ERROR_UNAUTHORIZED: 401: no or wrong credentials
 * @SIP_SIMPLE_XCAP_ERROR_FORBIDDEN: 403
 * @SIP_SIMPLE_XCAP_ERROR_NOT_FOUND: 404: no such document
 * @SIP_SIMPLE_XCAP_ERROR_METHOD_NOT_ALLOWED: 405
 * @SIP_SIMPLE_XCAP_ERROR_CONFLICT: 409: the document breaks the
 *   application's constraints
 * @SIP_SIMPLE_XCAP_ERROR_PRECONDITION_FAILED: 412: the document changed
 *   since its entity tag was read; read it again
 * @SIP_SIMPLE_XCAP_ERROR_UNSUPPORTED_MEDIA_TYPE: 415
 * @SIP_SIMPLE_XCAP_ERROR_SERVER_ERROR: 500
 *
 * Codes of %SIP_SIMPLE_XCAP_ERROR: the HTTP status, so codes not listed
 * here occur too.
 *
 * Since: 0.1
 */
typedef enum {
  SIP_SIMPLE_XCAP_ERROR_FAILED = 0,
  SIP_SIMPLE_XCAP_ERROR_BAD_REQUEST = 400,
  SIP_SIMPLE_XCAP_ERROR_UNAUTHORIZED = 401,
  SIP_SIMPLE_XCAP_ERROR_FORBIDDEN = 403,
  SIP_SIMPLE_XCAP_ERROR_NOT_FOUND = 404,
  SIP_SIMPLE_XCAP_ERROR_METHOD_NOT_ALLOWED = 405,
  SIP_SIMPLE_XCAP_ERROR_CONFLICT = 409,
  SIP_SIMPLE_XCAP_ERROR_PRECONDITION_FAILED = 412,
  SIP_SIMPLE_XCAP_ERROR_UNSUPPORTED_MEDIA_TYPE = 415,
  SIP_SIMPLE_XCAP_ERROR_SERVER_ERROR = 500,
} SipSimpleXcapError;

SIP_SIMPLE_AVAILABLE_IN_ALL
GQuark sip_simple_xcap_error_quark (void);
SIP_SIMPLE_AVAILABLE_IN_ALL
GType  sip_simple_xcap_error_get_type (void);
#define SIP_SIMPLE_TYPE_XCAP_ERROR (sip_simple_xcap_error_get_type ())

G_END_DECLS
