/* libsipsimple - just enough MIME for multipart/related NOTIFYs (internal)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sipsimple/version.h>

G_BEGIN_DECLS

typedef struct {
  char   *content_type;   /* with parameters; "text/plain" when absent */
  char   *content_id;     /* without <>, or NULL */
  GBytes *body;           /* decoded (base64 is undone) */
} SipSimpleMimePart;

void       sip_simple_mime_part_free (SipSimpleMimePart *part);

/* The media type of a Content-Type value, lower case, without
 * parameters ("multipart/related"). */
char      *sip_simple_mime_type      (const char *content_type);
/* A parameter of a Content-Type value, unquoted, or NULL. */
char      *sip_simple_mime_param     (const char *content_type,
                                      const char *name);
/* The parts of a multipart body (RFC 2046) whose Content-Type is
 * @content_type (it carries the boundary). Errors are
 * SIP_SIMPLE_PRESENCE_ERROR_MALFORMED (or UNSUPPORTED for an unknown
 * Content-Transfer-Encoding). */
GPtrArray *sip_simple_mime_split     (const char *content_type,
                                      GBytes     *body,
                                      GError    **error);

G_END_DECLS
