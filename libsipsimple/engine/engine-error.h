/* libsipsimple - the engine error domain
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
 * SIP_SIMPLE_ENGINE_ERROR:
 *
 * Error domain of the SIP engine: transports, the SIP stack, DNS.
 * Errors in this domain have a #SipSimpleEngineError code.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_ENGINE_ERROR (sip_simple_engine_error_quark ())

/**
 * SipSimpleEngineError:
 * @SIP_SIMPLE_ENGINE_ERROR_FAILED: generic failure
 * @SIP_SIMPLE_ENGINE_ERROR_INVALID_ARGUMENT: an argument was not acceptable
 * @SIP_SIMPLE_ENGINE_ERROR_NOT_RUNNING: the engine is not started (or already stopped)
 * @SIP_SIMPLE_ENGINE_ERROR_ALREADY_RUNNING: the engine is already started
 * @SIP_SIMPLE_ENGINE_ERROR_TRANSPORT: a transport could not be bound or used
 * @SIP_SIMPLE_ENGINE_ERROR_TLS: TLS setup failed (certificate, key, CA)
 * @SIP_SIMPLE_ENGINE_ERROR_TIMEOUT: no answer from the peer in time
 * @SIP_SIMPLE_ENGINE_ERROR_DNS: a name could not be resolved
 * @SIP_SIMPLE_ENGINE_ERROR_UNREACHABLE: the destination could not be reached
 *
 * Error codes of %SIP_SIMPLE_ENGINE_ERROR.
 *
 * Since: 0.1
 */
typedef enum {
  SIP_SIMPLE_ENGINE_ERROR_FAILED,
  SIP_SIMPLE_ENGINE_ERROR_INVALID_ARGUMENT,
  SIP_SIMPLE_ENGINE_ERROR_NOT_RUNNING,
  SIP_SIMPLE_ENGINE_ERROR_ALREADY_RUNNING,
  SIP_SIMPLE_ENGINE_ERROR_TRANSPORT,
  SIP_SIMPLE_ENGINE_ERROR_TLS,
  SIP_SIMPLE_ENGINE_ERROR_TIMEOUT,
  SIP_SIMPLE_ENGINE_ERROR_DNS,
  SIP_SIMPLE_ENGINE_ERROR_UNREACHABLE,
} SipSimpleEngineError;

SIP_SIMPLE_AVAILABLE_IN_ALL
GQuark sip_simple_engine_error_quark (void);
SIP_SIMPLE_AVAILABLE_IN_ALL
GType  sip_simple_engine_error_get_type (void);
#define SIP_SIMPLE_TYPE_ENGINE_ERROR (sip_simple_engine_error_get_type ())

G_END_DECLS
