/* libsipsimple - the server side of Digest authentication: nonces,
 * challenges, credentials and their verification (see
 * digest-auth-private.h)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/agent/agent-error.h>
#include "digest-auth-private.h"
#include "sip/digest-internal.h"
#include "sip/random-internal.h"

#include <string.h>
#include <sofia-sip/msg_header.h>
#include <sofia-sip/su_string.h>

#define DEFAULT_NONCE_LIFETIME 300
#define DEFAULT_MAX_NONCES 65536
/* A nonce is 16 hex digits of time stamp, 16 random ones, and 32 of the
 * HMAC of both. */
#define STAMP_LENGTH 16
#define SALT_LENGTH 16
#define MAC_LENGTH 32
#define SIGNED_LENGTH (STAMP_LENGTH + SALT_LENGTH)
#define NONCE_LENGTH (SIGNED_LENGTH + MAC_LENGTH)
/* clocks of a restarted agent may go back a little */
#define CLOCK_SLACK 5

/* A nonce we gave out, and the highest nonce count used with it. */
typedef struct
{
  char    nonce[NONCE_LENGTH + 1]; /* lower case */
  gint64  issued;
  guint32 last_nc;
} Issued;

struct _SipSimpleDigestAuth
{
  guint8      key[32]; /* of the nonces' HMAC */
  guint       nonce_lifetime;
  guint       max_nonces;
  char      **algorithms; /* NULL: the default */
  GHashTable *issued;     /* nonce -> Issued * (owned by the queue) */
  GQueue      order;      /* Issued *, oldest first */
};

static const char *const default_algorithms[] = { "SHA-256", "MD5", NULL };

/* ---- credentials -------------------------------------------------------- */

void
sip_simple_digest_credentials_clear (SipSimpleDigestCredentials *c)
{
  g_free (c->username);
  g_free (c->realm);
  g_free (c->nonce);
  g_free (c->uri);
  g_free (c->response);
  g_free (c->algorithm);
  g_free (c->qop);
  g_free (c->nc);
  g_free (c->cnonce);
  memset (c, 0, sizeof *c);
}

static char *
unquote (const char *value)
{
  gsize    len = strlen (value);
  GString *s;

  if (len < 2 || value[0] != '"' || value[len - 1] != '"')
    return g_strdup (value);
  s = g_string_sized_new (len);
  for (gsize i = 1; i < len - 1; i++)
    {
      if (value[i] == '\\' && i + 1 < len - 1)
        i++;
      g_string_append_c (s, value[i]);
    }
  return g_string_free (s, FALSE);
}

/* Where each parameter goes; others are ignored. */
static const struct
{
  const char *name;
  gsize       offset;
} credential_fields[] = {
  { "username", G_STRUCT_OFFSET (SipSimpleDigestCredentials, username) },
  { "realm", G_STRUCT_OFFSET (SipSimpleDigestCredentials, realm) },
  { "nonce", G_STRUCT_OFFSET (SipSimpleDigestCredentials, nonce) },
  { "uri", G_STRUCT_OFFSET (SipSimpleDigestCredentials, uri) },
  { "response", G_STRUCT_OFFSET (SipSimpleDigestCredentials, response) },
  { "algorithm", G_STRUCT_OFFSET (SipSimpleDigestCredentials, algorithm) },
  { "qop", G_STRUCT_OFFSET (SipSimpleDigestCredentials, qop) },
  { "nc", G_STRUCT_OFFSET (SipSimpleDigestCredentials, nc) },
  { "cnonce", G_STRUCT_OFFSET (SipSimpleDigestCredentials, cnonce) },
};

/* Reads the parameters of one Digest value (the last of a repeated one
 * wins). */
static void
read_credentials (const msg_auth_t *au, SipSimpleDigestCredentials *c)
{
  for (msg_param_t const *p = au->au_params; p && *p; p++)
    {
      const char      *eq = strchr (*p, '=');
      g_autofree char *name = NULL;
      char            *value;
      gboolean         taken = FALSE;

      if (eq == NULL)
        continue;
      name = g_ascii_strdown (*p, eq - *p);
      g_strstrip (name);
      value = unquote (eq + 1);
      g_strstrip (value);
      for (guint i = 0; i < G_N_ELEMENTS (credential_fields) && !taken; i++)
        if (strcmp (name, credential_fields[i].name) == 0)
          {
            char **field = G_STRUCT_MEMBER_P (c, credential_fields[i].offset);
            g_free (*field);
            *field = value;
            taken = TRUE;
          }
      if (!taken)
        g_free (value);
    }
}

gboolean
sip_simple_digest_credentials_find (const msg_auth_t *preferred, const msg_auth_t *other,
                                    const char *realm, SipSimpleDigestCredentials *out)
{
  const msg_auth_t *lists[2] = { preferred, other };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (const msg_auth_t *au = lists[l]; au; au = au->au_next)
      {
        SipSimpleDigestCredentials c = { 0 };

        if (au->au_scheme == NULL || !su_casematch (au->au_scheme, "Digest"))
          continue;
        read_credentials (au, &c);
        if (c.realm != NULL && strcmp (c.realm, realm) == 0)
          {
            *out = c;
            return TRUE;
          }
        sip_simple_digest_credentials_clear (&c);
      }
  return FALSE;
}

/* ---- the table ---------------------------------------------------------- */

SipSimpleDigestAuth *
sip_simple_digest_auth_new (void)
{
  SipSimpleDigestAuth *self = g_new0 (SipSimpleDigestAuth, 1);

  self->nonce_lifetime = DEFAULT_NONCE_LIFETIME;
  self->max_nonces = DEFAULT_MAX_NONCES;
  sip_simple_random_bytes (self->key, sizeof self->key);
  self->issued = g_hash_table_new (g_str_hash, g_str_equal);
  g_queue_init (&self->order);
  return self;
}

void
sip_simple_digest_auth_free (SipSimpleDigestAuth *self)
{
  if (self == NULL)
    return;
  g_strfreev (self->algorithms);
  g_hash_table_unref (self->issued);
  g_queue_clear_full (&self->order, g_free);
  memset (self->key, 0, sizeof self->key);
  g_free (self);
}

guint
sip_simple_digest_auth_get_nonce_lifetime (SipSimpleDigestAuth *self)
{
  return self->nonce_lifetime;
}

void
sip_simple_digest_auth_set_nonce_lifetime (SipSimpleDigestAuth *self, guint seconds)
{
  self->nonce_lifetime = seconds;
}

const char *const *
sip_simple_digest_auth_get_algorithms (SipSimpleDigestAuth *self)
{
  return self->algorithms ? (const char *const *)self->algorithms : default_algorithms;
}

gboolean
sip_simple_digest_auth_set_algorithms (SipSimpleDigestAuth *self, const char *const *algorithms,
                                       GError **error)
{
  for (guint i = 0; algorithms && algorithms[i]; i++)
    {
      SipSimpleDigestAlgorithm a;
      if (!sip_simple_digest_algorithm_from_string (algorithms[i], &a))
        {
          g_set_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_INVALID_ARGUMENT,
                       "Unknown digest algorithm \"%s\"", algorithms[i]);
          return FALSE;
        }
    }
  g_strfreev (self->algorithms);
  self->algorithms = algorithms && algorithms[0] ? g_strdupv ((char **)algorithms) : NULL;
  return TRUE;
}

/* ---- nonces --------------------------------------------------------------- */

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* hex HMAC of the time stamp and salt (hex digits in either case) */
static char *
stamp_mac (SipSimpleDigestAuth *self, const char *stamp)
{
  g_autoptr (GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, self->key, sizeof self->key);
  guchar lower[SIGNED_LENGTH];

  for (guint i = 0; i < SIGNED_LENGTH; i++)
    lower[i] = (guchar)g_ascii_tolower (stamp[i]);
  g_hmac_update (hmac, lower, SIGNED_LENGTH);
  return g_strdup (g_hmac_get_string (hmac));
}

static void
forget_oldest (SipSimpleDigestAuth *self)
{
  Issued *oldest = g_queue_pop_head (&self->order);

  g_hash_table_remove (self->issued, oldest->nonce);
  g_free (oldest);
}

/* Forgets the nonces older than the lifetime: they are stale whatever
 * their count. */
static void
expire (SipSimpleDigestAuth *self, gint64 now)
{
  Issued *oldest;

  while ((oldest = g_queue_peek_head (&self->order)) != NULL
         && now - oldest->issued > (gint64)self->nonce_lifetime)
    forget_oldest (self);
}

char *
sip_simple_digest_auth_issue_nonce (SipSimpleDigestAuth *self)
{
  char             stamp[STAMP_LENGTH + 1];
  g_autofree char *salt = sip_simple_random_hex (SALT_LENGTH / 2);
  g_autofree char *signed_part = NULL;
  g_autofree char *mac = NULL;
  gint64           now = now_seconds ();
  Issued          *issued = g_new0 (Issued, 1);

  g_snprintf (stamp, sizeof stamp, "%016" G_GINT64_MODIFIER "x", now);
  signed_part = g_strconcat (stamp, salt, NULL);
  mac = stamp_mac (self, signed_part);
  g_snprintf (issued->nonce, sizeof issued->nonce, "%s%.*s", signed_part, MAC_LENGTH, mac);
  issued->issued = now;

  /* bounded memory: the oldest go first; a client whose nonce went gets
   * a stale answer and asks again */
  expire (self, now);
  while (self->order.length > 0 && self->order.length >= MAX (self->max_nonces, 1))
    forget_oldest (self);
  g_queue_push_tail (&self->order, issued);
  g_hash_table_insert (self->issued, issued->nonce, issued);
  return g_strdup (issued->nonce);
}

/* The entry of a nonce of ours, NULL when forgotten (expired or pushed out) */
static Issued *
find_issued (SipSimpleDigestAuth *self, const char *nonce)
{
  char lower[NONCE_LENGTH + 1];

  for (guint i = 0; i < NONCE_LENGTH; i++)
    lower[i] = g_ascii_tolower (nonce[i]);
  lower[NONCE_LENGTH] = '\0';
  expire (self, now_seconds ());
  return g_hash_table_lookup (self->issued, lower);
}

SipSimpleNonceState
sip_simple_digest_auth_lookup_nonce (SipSimpleDigestAuth *self, const char *nonce)
{
  g_autofree char *mac = NULL;
  char             stamp_text[STAMP_LENGTH + 1];
  char            *end;
  gint64           stamp, now;

  if (nonce == NULL || strlen (nonce) != NONCE_LENGTH
      || strspn (nonce, "0123456789abcdefABCDEF") != NONCE_LENGTH)
    return SIP_SIMPLE_NONCE_UNKNOWN;
  mac = stamp_mac (self, nonce);
  if (g_ascii_strncasecmp (mac, nonce + SIGNED_LENGTH, MAC_LENGTH) != 0)
    return SIP_SIMPLE_NONCE_UNKNOWN;
  memcpy (stamp_text, nonce, STAMP_LENGTH);
  stamp_text[STAMP_LENGTH] = '\0';
  stamp = g_ascii_strtoll (stamp_text, &end, 16);
  if (*end != '\0')
    return SIP_SIMPLE_NONCE_UNKNOWN;
  now = now_seconds ();
  if (stamp > now + CLOCK_SLACK)
    return SIP_SIMPLE_NONCE_UNKNOWN;
  if (now - stamp > (gint64)self->nonce_lifetime)
    return SIP_SIMPLE_NONCE_STALE;
  /* ours and young, but no longer in the table: pushed out by newer ones */
  return find_issued (self, nonce) != NULL ? SIP_SIMPLE_NONCE_VALID : SIP_SIMPLE_NONCE_STALE;
}

gboolean
sip_simple_digest_auth_use_nonce (SipSimpleDigestAuth *self, const char *nonce, guint32 nc)
{
  Issued *issued;

  if (sip_simple_digest_auth_lookup_nonce (self, nonce) != SIP_SIMPLE_NONCE_VALID)
    return FALSE;
  issued = find_issued (self, nonce);
  /* RFC 7616 3.4: the count of a nonce grows with every request */
  if (nc <= issued->last_nc)
    return FALSE;
  issued->last_nc = nc;
  return TRUE;
}

guint
sip_simple_digest_auth_get_max_nonces (SipSimpleDigestAuth *self)
{
  return self->max_nonces;
}

void
sip_simple_digest_auth_set_max_nonces (SipSimpleDigestAuth *self, guint max_nonces)
{
  self->max_nonces = MAX (max_nonces, 1);
  while (self->order.length > self->max_nonces)
    forget_oldest (self);
}

guint
sip_simple_digest_auth_count_nonces (SipSimpleDigestAuth *self)
{
  expire (self, now_seconds ());
  return self->order.length;
}

/* ---- challenges and verification ------------------------------------------ */

gboolean
sip_simple_digest_realm_is_valid (const char *realm)
{
  return realm != NULL && strpbrk (realm, "\"\\\r\n") == NULL;
}

GStrv
sip_simple_digest_auth_challenge (SipSimpleDigestAuth *self, const char *realm, gboolean stale)
{
  g_autofree char   *nonce = sip_simple_digest_auth_issue_nonce (self);
  const char *const *algorithms = sip_simple_digest_auth_get_algorithms (self);
  GStrvBuilder      *builder = g_strv_builder_new ();
  GStrv              values;

  for (guint i = 0; algorithms[i]; i++)
    {
      g_autofree char *value
          = g_strdup_printf ("Digest realm=\"%s\", nonce=\"%s\", algorithm=%s, qop=\"auth\"%s",
                             realm, nonce, algorithms[i], stale ? ", stale=true" : "");
      g_strv_builder_add (builder, value);
    }
  values = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return values;
}

/* An nc value: exactly 8 hex digits (RFC 7616 3.4) */
static gboolean
parse_nc (const char *text, guint32 *nc)
{
  if (text == NULL || strlen (text) != 8 || strspn (text, "0123456789abcdefABCDEF") != 8)
    return FALSE;
  *nc = (guint32)g_ascii_strtoull (text, NULL, 16);
  return TRUE;
}

static gboolean
algorithm_offered (SipSimpleDigestAuth *self, SipSimpleDigestAlgorithm algorithm)
{
  const char *const *offered = sip_simple_digest_auth_get_algorithms (self);

  for (guint i = 0; offered[i]; i++)
    {
      SipSimpleDigestAlgorithm a;
      if (sip_simple_digest_algorithm_from_string (offered[i], &a) && a == algorithm)
        return TRUE;
    }
  return FALSE;
}

/* Everything a response can be computed from is there and is what our
 * challenges asked for: one of the algorithms offered (no MD5 answer to a
 * SHA-256 challenge), a qop (we always offer "auth"; "auth-int" covers
 * more), a count of 8 hex digits and a cnonce. */
static gboolean
credentials_complete (SipSimpleDigestAuth *self, const SipSimpleDigestCredentials *c,
                      SipSimpleDigestAlgorithm *algorithm, guint32 *nc)
{
  if (c->username == NULL || c->nonce == NULL || c->response == NULL || c->uri == NULL)
    return FALSE;
  if (!sip_simple_digest_algorithm_from_string (c->algorithm, algorithm)
      || !algorithm_offered (self, *algorithm))
    return FALSE;
  if (c->qop == NULL || c->cnonce == NULL || !parse_nc (c->nc, nc))
    return FALSE;
  return g_ascii_strcasecmp (c->qop, "auth") == 0 || g_ascii_strcasecmp (c->qop, "auth-int") == 0;
}

/* The digest-uri names the resource of the Request-URI (RFC 7616 3.4.6):
 * the same text, or an equivalent URI (RFC 3261 19.1.4). */
static gboolean
uri_matches (const char *digest_uri, const char *request_uri)
{
  su_home_t home[1] = { SU_HOME_INIT (home) };
  url_t    *a, *b;
  gboolean  same;

  if (request_uri == NULL || strcmp (digest_uri, request_uri) == 0)
    return request_uri != NULL;
  a = url_make (home, digest_uri);
  b = url_make (home, request_uri);
  same = a != NULL && b != NULL && a->url_type != url_invalid && url_cmp_all (a, b) == 0;
  su_home_deinit (home);
  return same;
}

SipSimpleAuthResult
sip_simple_digest_auth_verify (SipSimpleDigestAuth *self, const SipSimpleDigestCredentials *c,
                               const char *realm, const char *password, const char *method,
                               const char *request_uri, const void *body, gsize body_len)
{
  SipSimpleDigestAlgorithm algorithm;
  SipSimpleNonceState      nonce;
  guint32                  nc;
  g_autofree char         *ha1 = NULL;
  g_autofree char         *expected = NULL;

  if (!credentials_complete (self, c, &algorithm, &nc) || !uri_matches (c->uri, request_uri))
    return SIP_SIMPLE_AUTH_RESULT_INVALID;
  nonce = sip_simple_digest_auth_lookup_nonce (self, c->nonce);
  if (nonce == SIP_SIMPLE_NONCE_UNKNOWN)
    return SIP_SIMPLE_AUTH_RESULT_INVALID;
  if (password == NULL)
    return SIP_SIMPLE_AUTH_RESULT_FAILED;

  ha1 = sip_simple_digest_ha1 (algorithm, c->username, realm, password, c->nonce, c->cnonce);
  expected = sip_simple_digest_response (algorithm, ha1, c->nonce, c->nc, c->cnonce, c->qop, method,
                                         c->uri, body, body_len);
  if (g_ascii_strcasecmp (expected, c->response) != 0)
    return SIP_SIMPLE_AUTH_RESULT_FAILED;
  /* The right password with an old nonce: the client retries with a new
   * one without asking its user. A count already seen with this nonce is a
   * replay (of a captured request, say): the same answer, so that whoever
   * sent it has to compute a fresh response. */
  if (nonce == SIP_SIMPLE_NONCE_STALE || !sip_simple_digest_auth_use_nonce (self, c->nonce, nc))
    return SIP_SIMPLE_AUTH_RESULT_STALE;
  return SIP_SIMPLE_AUTH_RESULT_OK;
}
