/* libsipsimple - the server side of Digest authentication: nonces,
 * challenges, credentials and their verification (see
 * digest-auth-private.h)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/agent/agent-error.h>
#include "digest-auth-private.h"
#include "sip/digest-internal.h"

#include <string.h>
#include <unistd.h>
#include <sofia-sip/msg_header.h>
#include <sofia-sip/su_string.h>

#define DEFAULT_NONCE_LIFETIME 300
/* A nonce is 16 hex digits of time stamp and 32 of its HMAC. */
#define STAMP_LENGTH 16
#define MAC_LENGTH 32
#define NONCE_LENGTH (STAMP_LENGTH + MAC_LENGTH)
/* clocks of a restarted agent may go back a little */
#define CLOCK_SLACK 5

struct _SipSimpleDigestAuth
{
  guint8 key[32]; /* of the nonces' HMAC */
  guint  nonce_lifetime;
  char **algorithms; /* NULL: the default */
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
  if (getentropy (self->key, sizeof self->key) != 0)
    for (guint i = 0; i < G_N_ELEMENTS (self->key); i += 4)
      {
        guint32 r = g_random_int ();
        memcpy (self->key + i, &r, 4);
      }
  return self;
}

void
sip_simple_digest_auth_free (SipSimpleDigestAuth *self)
{
  if (self == NULL)
    return;
  g_strfreev (self->algorithms);
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

/* hex HMAC of the time stamp part */
static char *
stamp_mac (SipSimpleDigestAuth *self, const char *stamp)
{
  g_autoptr (GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, self->key, sizeof self->key);

  g_hmac_update (hmac, (const guchar *)stamp, STAMP_LENGTH);
  return g_strdup (g_hmac_get_string (hmac));
}

char *
sip_simple_digest_auth_issue_nonce (SipSimpleDigestAuth *self)
{
  char             stamp[STAMP_LENGTH + 1];
  g_autofree char *mac = NULL;

  g_snprintf (stamp, sizeof stamp, "%016" G_GINT64_MODIFIER "x", now_seconds ());
  mac = stamp_mac (self, stamp);
  return g_strdup_printf ("%s%.*s", stamp, MAC_LENGTH, mac);
}

SipSimpleNonceState
sip_simple_digest_auth_lookup_nonce (SipSimpleDigestAuth *self, const char *nonce)
{
  g_autofree char *mac = NULL;
  char             stamp_text[STAMP_LENGTH + 1];
  char            *end;
  gint64           stamp, now;

  if (nonce == NULL || strlen (nonce) != NONCE_LENGTH)
    return SIP_SIMPLE_NONCE_UNKNOWN;
  mac = stamp_mac (self, nonce);
  if (g_ascii_strncasecmp (mac, nonce + STAMP_LENGTH, MAC_LENGTH) != 0)
    return SIP_SIMPLE_NONCE_UNKNOWN;
  memcpy (stamp_text, nonce, STAMP_LENGTH);
  stamp_text[STAMP_LENGTH] = '\0';
  stamp = g_ascii_strtoll (stamp_text, &end, 16);
  if (*end != '\0')
    return SIP_SIMPLE_NONCE_UNKNOWN;
  now = now_seconds ();
  if (stamp > now + CLOCK_SLACK)
    return SIP_SIMPLE_NONCE_UNKNOWN;
  return now - stamp > (gint64)self->nonce_lifetime ? SIP_SIMPLE_NONCE_STALE
                                                    : SIP_SIMPLE_NONCE_VALID;
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

/* Everything a response can be computed from is there and makes sense. */
static gboolean
credentials_complete (const SipSimpleDigestCredentials *c, SipSimpleDigestAlgorithm *algorithm)
{
  if (c->username == NULL || c->nonce == NULL || c->response == NULL || c->uri == NULL)
    return FALSE;
  if (!sip_simple_digest_algorithm_from_string (c->algorithm, algorithm))
    return FALSE;
  if (c->qop == NULL)
    return TRUE; /* RFC 2069 compatibility */
  return c->nc != NULL && c->cnonce != NULL
         && (g_ascii_strcasecmp (c->qop, "auth") == 0
             || g_ascii_strcasecmp (c->qop, "auth-int") == 0);
}

SipSimpleAuthResult
sip_simple_digest_auth_verify (SipSimpleDigestAuth *self, const SipSimpleDigestCredentials *c,
                               const char *realm, const char *password, const char *method,
                               const void *body, gsize body_len)
{
  SipSimpleDigestAlgorithm algorithm;
  SipSimpleNonceState      nonce;
  g_autofree char         *ha1 = NULL;
  g_autofree char         *expected = NULL;

  if (!credentials_complete (c, &algorithm))
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
  /* the right password with an old nonce: the client retries with a new
   * one without asking its user */
  if (nonce == SIP_SIMPLE_NONCE_STALE)
    return SIP_SIMPLE_AUTH_RESULT_STALE;
  return SIP_SIMPLE_AUTH_RESULT_OK;
}
