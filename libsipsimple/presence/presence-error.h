/* libsipsimple - the presence layer's error domain
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
 * SIP_SIMPLE_PRESENCE_ERROR:
 *
 * Error domain of the presence documents (PIDF, watcher information,
 * RLMI, message summaries, resource lists, presence rules). Errors in this
 * domain have a #SipSimplePresenceError code; the message says what is
 * wrong and, for XML, where (line and column).
 *
 * Since: 0.1
 */
#define SIP_SIMPLE_PRESENCE_ERROR (sip_simple_presence_error_quark ())

/**
 * SipSimplePresenceError:
 * @SIP_SIMPLE_PRESENCE_ERROR_MALFORMED: not well-formed: broken XML (or
 *   XML with a DTD, which is refused), a message summary or MIME body
 *   that does not follow its syntax
 * @SIP_SIMPLE_PRESENCE_ERROR_INVALID: well-formed, but not a valid document
 *   of the expected type: wrong root element or namespace, a required
 *   element or attribute missing, a value out of its range
 * @SIP_SIMPLE_PRESENCE_ERROR_UNSUPPORTED: a content type or encoding that
 *   is not handled
 *
 * Error codes of %SIP_SIMPLE_PRESENCE_ERROR.
 *
 * Since: 0.1
 */
typedef enum {
  SIP_SIMPLE_PRESENCE_ERROR_MALFORMED,
  SIP_SIMPLE_PRESENCE_ERROR_INVALID,
  SIP_SIMPLE_PRESENCE_ERROR_UNSUPPORTED,
} SipSimplePresenceError;

SIP_SIMPLE_AVAILABLE_IN_ALL
GQuark sip_simple_presence_error_quark (void);
SIP_SIMPLE_AVAILABLE_IN_ALL
GType  sip_simple_presence_error_get_type (void);
#define SIP_SIMPLE_TYPE_PRESENCE_ERROR (sip_simple_presence_error_get_type ())

G_END_DECLS
