/* libsipsimple - what the sip layer offers the layers above inside
 * the library (never installed)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns @text quoted and C-escaped, cut after a sane length, for use in
 * error messages ("\"sip:a\\x01b\""). NULL gives "(null)". */
char     *sip_simple_describe_input (const char *text,
                                     gssize      length);

/* RFC 3261 token characters: alphanum and -.!%*_+`'~ */
gboolean  sip_simple_is_token_char  (guchar c);

/* TRUE if the first @length bytes of @text (all of it if -1) are a
 * non-empty token. */
gboolean  sip_simple_is_token       (const char *text,
                                     gssize      length);

/* Splits a header value into its comma-separated name-addr parts, leaving
 * commas inside quotes and <> alone. */
GPtrArray *sip_simple_name_addr_split_list (const char *value);

/* A hash of @s (NULL: none) that ignores ASCII case, to go with
 * g_ascii_strcasecmp() equality. */
guint     sip_simple_case_hash      (const char *s);

/* Appends "@host:@port" to @out as URIs and Via write it: an IPv6
 * address in brackets, no port when @port is 0. */
void      sip_simple_append_hostport (GString    *out,
                                      const char *host,
                                      guint       port);

/* The GError (SIP_SIMPLE_SIP_ERROR, code @status) for a final response;
 * an empty @phrase takes the standard one. */
GError   *sip_simple_sip_error_new  (int         status,
                                     const char *phrase);

G_END_DECLS
