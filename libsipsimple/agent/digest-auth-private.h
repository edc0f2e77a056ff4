/* libsipsimple - the server side of Digest authentication (private)
 *
 * What an Agent needs to ask for and check Digest credentials (RFC 3261
 * section 22, RFC 7616, RFC 8760): its nonces, the challenge values it
 * sends, the credentials it finds in a request, and their verification.
 * The hashes themselves are computed by sip/digest.c. The Event's
 * challenge/authenticate actions only call this module.
 *
 * One SipSimpleDigestAuth per Agent, owned by it and used on the agent's
 * main context only (no locking).
 *
 * Nonces: every nonce is made by sip_simple_digest_auth_issue_nonce(): a
 * time stamp, random salt and their HMAC under a per-agent random key (so
 * that a nonce is recognised as ours, and as stale once older than the
 * nonce lifetime, without any state), and an entry in a table of issued
 * nonces with the highest nonce count used with each. The table is
 * bounded: entries go when the nonce expires, and the oldest go first when
 * it holds max-nonces entries (a forgotten young nonce is stale: the
 * client asks again without bothering its user). A nonce count must grow
 * with every use (RFC 7616 3.4), so a captured request replayed as it is
 * gets a fresh challenge, not a 200.
 *
 * Credentials (sip_simple_digest_auth_verify()) must answer what our
 * challenges asked: one of the algorithms offered, a qop (always offered),
 * an nc of 8 hex digits, and a digest-uri that is the Request-URI.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <sipsimple/agent/event.h>

#include <sofia-sip/msg_types.h>

G_BEGIN_DECLS

typedef struct _SipSimpleDigestAuth SipSimpleDigestAuth;

/* What a nonce sent back by a client is to us. */
typedef enum
{
  SIP_SIMPLE_NONCE_UNKNOWN, /* not one of ours: malformed, forged, from the future */
  SIP_SIMPLE_NONCE_STALE,   /* ours, older than the nonce lifetime */
  SIP_SIMPLE_NONCE_VALID,   /* ours and fresh */
} SipSimpleNonceState;

/* The parameters of one Digest Authorization or Proxy-Authorization
 * value, unquoted; NULL when absent. */
typedef struct
{
  char *username;
  char *realm;
  char *nonce;
  char *uri;
  char *response;
  char *algorithm;
  char *qop;
  char *nc;
  char *cnonce;
} SipSimpleDigestCredentials;

void sip_simple_digest_credentials_clear (SipSimpleDigestCredentials *credentials);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SipSimpleDigestCredentials, sip_simple_digest_credentials_clear)

/* The Digest credentials for @realm: the first in @preferred (a list of
 * Authorization or Proxy-Authorization headers), else the first in
 * @other. FALSE, with @out untouched, when there are none. */
gboolean sip_simple_digest_credentials_find (const msg_auth_t *preferred, const msg_auth_t *other,
                                             const char *realm, SipSimpleDigestCredentials *out);

/* A new table with a fresh random key, a nonce lifetime of 300 s and the
 * default algorithms (SHA-256, then MD5). */
SipSimpleDigestAuth *sip_simple_digest_auth_new (void);
void                 sip_simple_digest_auth_free (SipSimpleDigestAuth *self);

guint sip_simple_digest_auth_get_nonce_lifetime (SipSimpleDigestAuth *self);
void  sip_simple_digest_auth_set_nonce_lifetime (SipSimpleDigestAuth *self, guint seconds);
/* The algorithms challenges offer, most preferred first (never empty). */
const char *const *sip_simple_digest_auth_get_algorithms (SipSimpleDigestAuth *self);
/* NULL or empty restores the default. An unknown name leaves the list as
 * it was and gives FALSE with SIP_SIMPLE_AGENT_ERROR_INVALID_ARGUMENT. */
gboolean sip_simple_digest_auth_set_algorithms (SipSimpleDigestAuth *self,
                                                const char *const *algorithms, GError **error);

/* ---- nonces ---------------------------------------------------------- */

char               *sip_simple_digest_auth_issue_nonce (SipSimpleDigestAuth *self);
SipSimpleNonceState sip_simple_digest_auth_lookup_nonce (SipSimpleDigestAuth *self,
                                                         const char          *nonce);
/* Records a use of @nonce (VALID) with count @nc: FALSE, and nothing
 * recorded, when the nonce is not VALID or @nc is not above every count
 * used with it before. */
gboolean            sip_simple_digest_auth_use_nonce    (SipSimpleDigestAuth *self,
                                                         const char          *nonce,
                                                         guint32              nc);
/* The most nonces remembered at once (default 65536, at least 1) */
guint               sip_simple_digest_auth_get_max_nonces (SipSimpleDigestAuth *self);
void                sip_simple_digest_auth_set_max_nonces (SipSimpleDigestAuth *self,
                                                           guint                max_nonces);
/* How many nonces are remembered now (the expired ones forgotten) */
guint               sip_simple_digest_auth_count_nonces (SipSimpleDigestAuth *self);

/* ---- challenges and verification -------------------------------------- */

/* A realm that can be quoted in a challenge as it is. */
gboolean sip_simple_digest_realm_is_valid (const char *realm);
/* The values of a WWW-Authenticate or Proxy-Authenticate challenge for
 * @realm (valid), one per algorithm, sharing one new nonce, qop "auth";
 * with `stale=true` when @stale. */
GStrv sip_simple_digest_auth_challenge (SipSimpleDigestAuth *self, const char *realm,
                                        gboolean stale);
/* Verifies @credentials (found for @realm) of a request with @method,
 * @request_uri and @body against @password (NULL: unknown user). Never
 * MISSING: the caller knows when there are no credentials. STALE for the
 * right password with an expired or forgotten nonce, or with a nonce count
 * already used (a replay); a use that is OK is recorded. */
SipSimpleAuthResult sip_simple_digest_auth_verify (SipSimpleDigestAuth              *self,
                                                   const SipSimpleDigestCredentials *credentials,
                                                   const char *realm, const char *password,
                                                   const char *method, const char *request_uri,
                                                   const void *body, gsize body_len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SipSimpleDigestAuth, sip_simple_digest_auth_free)

G_END_DECLS
