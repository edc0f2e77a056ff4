/* libsipsimple - SipSimpleNameAddr internals (never installed)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Splits a header value into its comma-separated elements, ignoring commas
 * inside quoted strings and angle brackets ("A <sip:a@x>, \"B, b\" <sip:b@x>"
 * gives two). Elements are trimmed of white space; empty ones are kept.
 * Returns a GPtrArray of g_malloc'd strings that frees them. */
GPtrArray *sip_simple_name_addr_split_list (const char *value);

G_END_DECLS
