/* libsipsimple - error domain of the server API (agent layer)
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
 * SIP_SIMPLE_AGENT_ERROR:
 *
 * Error domain of the server API: [class@SipSimple.Agent],
 * [class@SipSimple.Event], [iface@SipSimple.Location] and
 * [class@SipSimple.Registrar]. Errors in this domain have a
 * #SipSimpleAgentError code.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_AGENT_ERROR (sip_simple_agent_error_quark ())

/**
 * SipSimpleAgentError:
 * @SIP_SIMPLE_AGENT_ERROR_FAILED: generic failure
 * @SIP_SIMPLE_AGENT_ERROR_INVALID_ARGUMENT: an argument was not acceptable
 *   (a status code out of range, a malformed header, a bad listen address)
 * @SIP_SIMPLE_AGENT_ERROR_TRANSPORT: a transport could not be bound
 * @SIP_SIMPLE_AGENT_ERROR_TLS: TLS could not be set up (certificate, key, CA)
 * @SIP_SIMPLE_AGENT_ERROR_CLOSED: the agent is closed
 * @SIP_SIMPLE_AGENT_ERROR_ALREADY_ANSWERED: the event already has its final
 *   response; no other action is possible
 * @SIP_SIMPLE_AGENT_ERROR_BUSY: another action is in progress on the event
 *   (a proxy or a registration that has not finished)
 * @SIP_SIMPLE_AGENT_ERROR_NOT_ALLOWED: the action does not apply to this
 *   request (for example proxying a CANCEL, or challenging an ACK)
 * @SIP_SIMPLE_AGENT_ERROR_LOCATION: the location service failed
 *
 * Error codes of %SIP_SIMPLE_AGENT_ERROR.
 *
 * Since: 0.1
 */
typedef enum {
  SIP_SIMPLE_AGENT_ERROR_FAILED,
  SIP_SIMPLE_AGENT_ERROR_INVALID_ARGUMENT,
  SIP_SIMPLE_AGENT_ERROR_TRANSPORT,
  SIP_SIMPLE_AGENT_ERROR_TLS,
  SIP_SIMPLE_AGENT_ERROR_CLOSED,
  SIP_SIMPLE_AGENT_ERROR_ALREADY_ANSWERED,
  SIP_SIMPLE_AGENT_ERROR_BUSY,
  SIP_SIMPLE_AGENT_ERROR_NOT_ALLOWED,
  SIP_SIMPLE_AGENT_ERROR_LOCATION,
} SipSimpleAgentError;

SIP_SIMPLE_AVAILABLE_IN_ALL
GQuark sip_simple_agent_error_quark    (void);
SIP_SIMPLE_AVAILABLE_IN_ALL
GType  sip_simple_agent_error_get_type (void);
/**
 * SIP_SIMPLE_TYPE_AGENT_ERROR:
 *
 * The #GType of #SipSimpleAgentError.
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_TYPE_AGENT_ERROR (sip_simple_agent_error_get_type ())

G_END_DECLS
