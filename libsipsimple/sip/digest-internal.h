/* libsipsimple - HTTP/SIP digest computation (RFC 2617, RFC 7616, RFC 8760)
 *
 * Used by the client side (the sofia-sip auth plugin) and by the Agent's
 * challenge/authenticate actions.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SIP_SIMPLE_DIGEST_MD5,
  SIP_SIMPLE_DIGEST_MD5_SESS,
  SIP_SIMPLE_DIGEST_SHA256,
  SIP_SIMPLE_DIGEST_SHA256_SESS,
} SipSimpleDigestAlgorithm;

/* NULL or "" means MD5 (RFC 2617 default). FALSE for unsupported names. */
gboolean    sip_simple_digest_algorithm_from_string (const char               *name,
                                                     SipSimpleDigestAlgorithm *algorithm);
const char *sip_simple_digest_algorithm_to_string   (SipSimpleDigestAlgorithm  algorithm);
/* Higher is preferred (RFC 8760: SHA-256 over MD5). */
int         sip_simple_digest_algorithm_strength    (SipSimpleDigestAlgorithm  algorithm);

char       *sip_simple_digest_hash_hex              (SipSimpleDigestAlgorithm  algorithm,
                                                     const void               *data,
                                                     gsize                     len);

/* H(username:realm:password), and for the -sess variants
 * H(H(username:realm:password):nonce:cnonce). */
char       *sip_simple_digest_ha1                   (SipSimpleDigestAlgorithm  algorithm,
                                                     const char               *username,
                                                     const char               *realm,
                                                     const char               *password,
                                                     const char               *nonce,
                                                     const char               *cnonce);

/* The request-digest. @qop is NULL (RFC 2069 compatibility), "auth" or
 * "auth-int" (then @body/@body_len are hashed); @nc and @cnonce are used
 * only with a qop. */
char       *sip_simple_digest_response              (SipSimpleDigestAlgorithm  algorithm,
                                                     const char               *ha1,
                                                     const char               *nonce,
                                                     const char               *nc,
                                                     const char               *cnonce,
                                                     const char               *qop,
                                                     const char               *method,
                                                     const char               *uri,
                                                     const void               *body,
                                                     gsize                     body_len);

/* Parses the parameters of a Digest challenge or credentials header value
 * (after the scheme): comma-separated name=value or name="quoted" pairs.
 * Names are lower-cased; quotes and escapes removed. NULL with an error on
 * malformed input. */
GHashTable *sip_simple_digest_parse_params          (const char               *text,
                                                     GError                  **error);

/* A fresh random client nonce (hex). */
char       *sip_simple_digest_new_cnonce            (void);

G_END_DECLS
