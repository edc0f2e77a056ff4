/* libsipsimple - digest authentication plugin for sofia-sip
 *
 * NUA drives authentication (challenge, credentials cache, retry,
 * refresh) through auth_client plugins keyed by scheme. sofia-sip 1.12.11
 * ships an MD5-only "Digest" plugin that fails on any other algorithm, so
 * we put ours in its place and compute the digests with GChecksum.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/version.h>
#include "auth-plugin-private.h"
#include "sip/digest-internal.h"

#include <string.h>

/* The library is built with the extended client structure; ours must have
 * the same layout. */
#define SOFIA_EXTEND_AUTH_CLIENT 1
#include <sofia-sip/su.h>
#include <sofia-sip/auth_client.h>
#include <sofia-sip/auth_client_plugin.h>
#include <sofia-sip/msg_header.h>
#include <sofia-sip/sip.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/url.h>

typedef struct {
  auth_client_t ca[1];                 /* must be first */
  /* the challenge we answer; strings live in ca->ca_home */
  char         *nonce;
  char         *opaque;
  char         *qop;                   /* "auth", "auth-int" or NULL */
  char         *cnonce;
  SipSimpleDigestAlgorithm algorithm;
  gboolean      has_challenge;
  gboolean      algorithm_explicit;
  unsigned      nc;
} DigestClient;

static char *
home_strdup (su_home_t *home, char **field, const char *value)
{
  if (*field)
    su_free (home, *field);
  *field = value ? su_strdup (home, value) : NULL;
  return *field;
}

static char *
unquote (const char *v)
{
  size_t len = v ? strlen (v) : 0;
  GString *s;

  if (len < 2 || v[0] != '"' || v[len - 1] != '"')
    return g_strdup (v ? v : "");
  s = g_string_new (NULL);
  for (size_t i = 1; i + 1 < len; i++)
    {
      if (v[i] == '\\' && i + 2 < len)
        i++;
      g_string_append_c (s, v[i]);
    }
  return g_string_free (s, FALSE);
}

/* Reads "name=value" / name="value" out of sofia's parameter list. */
static char *
get_param (msg_param_t const *params, const char *name)
{
  size_t n = strlen (name);

  for (; params && *params; params++)
    {
      const char *p = *params;
      if (g_ascii_strncasecmp (p, name, n) == 0 && p[n] == '=')
        {
          return unquote (p + n + 1);
        }
    }
  return NULL;
}

/* Picks "auth" when offered (cheapest, universally supported), else
 * "auth-int"; NULL when the server gave no qop (RFC 2069 mode). Sets
 * *unsupported when a qop list offers nothing we know. */
static const char *
choose_qop (const char *qop_list, gboolean *unsupported)
{
  g_auto (GStrv) parts = NULL;
  gboolean auth_int = FALSE;

  *unsupported = FALSE;
  if (qop_list == NULL)
    return NULL;
  parts = g_strsplit (qop_list, ",", -1);
  for (char **q = parts; *q; q++)
    {
      g_strstrip (*q);
      if (g_ascii_strcasecmp (*q, "auth") == 0)
        return "auth";
      if (g_ascii_strcasecmp (*q, "auth-int") == 0)
        auth_int = TRUE;
    }
  if (auth_int)
    return "auth-int";
  *unsupported = TRUE;
  return NULL;
}

/* Returns 2 when the request must be (re)sent with credentials (first
 * challenge, stale nonce, or a stronger algorithm), 1 when the challenge
 * matched but nothing changed (NUA then treats a repeated challenge as bad
 * credentials), -1 on error. */
static int
digest_challenge (auth_client_t *ca, msg_auth_t const *ch)
{
  DigestClient *dc = (DigestClient *) ca;
  su_home_t *home = ca->ca_home;
  g_autofree char *algorithm_name = get_param (ch->au_params, "algorithm");
  g_autofree char *nonce = get_param (ch->au_params, "nonce");
  g_autofree char *opaque = get_param (ch->au_params, "opaque");
  g_autofree char *qop_list = get_param (ch->au_params, "qop");
  g_autofree char *stale_s = get_param (ch->au_params, "stale");
  SipSimpleDigestAlgorithm algorithm;
  gboolean stale = stale_s && g_ascii_strcasecmp (stale_s, "true") == 0;
  gboolean unsupported_qop;
  const char *qop;
  gboolean first;

  if (!sip_simple_digest_algorithm_from_string (algorithm_name, &algorithm))
    {
      g_debug ("Ignoring digest challenge with unsupported algorithm %s", algorithm_name);
      return 1;
    }
  qop = choose_qop (qop_list, &unsupported_qop);
  if (unsupported_qop || nonce == NULL)
    {
      g_debug ("Ignoring digest challenge: %s", nonce ? "unsupported qop" : "no nonce");
      return 1;
    }

  if (dc->has_challenge
      && sip_simple_digest_algorithm_strength (algorithm)
           < sip_simple_digest_algorithm_strength (dc->algorithm)
      && dc->nc == 0)
    {
      /* A weaker alternative offered next to the one we already took from
       * this very response (RFC 8760 section 2.4: use the strongest). */
      return 1;
    }

  first = !dc->has_challenge;
  if (first || stale || g_strcmp0 (dc->nonce, nonce) != 0 || dc->algorithm != algorithm)
    {
      g_autofree char *cnonce = sip_simple_digest_new_cnonce ();
      home_strdup (home, &dc->cnonce, cnonce);
      dc->nc = 0;
    }
  first = first || dc->algorithm != algorithm;

  home_strdup (home, &dc->nonce, nonce);
  home_strdup (home, &dc->opaque, opaque);
  home_strdup (home, &dc->qop, qop);
  dc->algorithm = algorithm;
  dc->algorithm_explicit = algorithm_name != NULL;
  dc->has_challenge = TRUE;

  return (first || stale) ? 2 : 1;
}

static void
append_quoted (GString *s, const char *name, const char *value)
{
  g_string_append_printf (s, "%s=\"", name);
  for (const char *p = value; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
}

static int
digest_authorize (auth_client_t       *ca,
                  su_home_t           *home,
                  char const          *method,
                  url_t const         *url,
                  msg_payload_t const *body,
                  msg_header_t       **return_headers)
{
  DigestClient *dc = (DigestClient *) ca;
  g_autofree char *ha1 = NULL;
  g_autofree char *response = NULL;
  g_autoptr (GString) value = NULL;
  g_autofree char *realm = NULL;
  char nc[9];
  char *uri;

  *return_headers = NULL;
  if (ca->ca_user == NULL || ca->ca_pass == NULL || ca->ca_clear)
    return 0;
  if (!dc->has_challenge)
    return -1;

  uri = url_as_string (home, url);
  if (uri == NULL)
    return -1;
  /* sofia keeps the realm as it appeared in the challenge, quotes included */
  realm = unquote (ca->ca_realm);
  dc->nc++;
  g_snprintf (nc, sizeof nc, "%08x", dc->nc);

  ha1 = sip_simple_digest_ha1 (dc->algorithm, ca->ca_user, realm, ca->ca_pass,
                               dc->nonce, dc->cnonce);
  response = sip_simple_digest_response (dc->algorithm, ha1, dc->nonce, nc, dc->cnonce, dc->qop,
                                         method, uri,
                                         body ? body->pl_data : NULL, body ? body->pl_len : 0);

  value = g_string_new ("Digest ");
  append_quoted (value, "username", ca->ca_user);
  g_string_append (value, ", ");
  append_quoted (value, "realm", realm);
  g_string_append (value, ", ");
  append_quoted (value, "nonce", dc->nonce);
  g_string_append (value, ", ");
  append_quoted (value, "uri", uri);
  g_string_append (value, ", ");
  append_quoted (value, "response", response);
  if (dc->algorithm_explicit || dc->algorithm != SIP_SIMPLE_DIGEST_MD5)
    g_string_append_printf (value, ", algorithm=%s",
                            sip_simple_digest_algorithm_to_string (dc->algorithm));
  if (dc->qop != NULL)
    {
      g_string_append (value, ", ");
      append_quoted (value, "cnonce", dc->cnonce);
      g_string_append_printf (value, ", qop=%s, nc=%s", dc->qop, nc);
    }
  if (dc->opaque != NULL)
    {
      g_string_append (value, ", ");
      append_quoted (value, "opaque", dc->opaque);
    }
  su_free (home, uri);

  *return_headers = msg_header_make (home, ca->ca_credential_class, value->str);
  return *return_headers ? 1 : -1;
}

/* Authentication-Info: nextnonce lets the next request skip a challenge. */
static int
digest_info (auth_client_t *ca, msg_auth_info_t const *info)
{
  DigestClient *dc = (DigestClient *) ca;
  g_autofree char *next = get_param (info->ai_params, "nextnonce");

  if (next == NULL)
    return 0;
  home_strdup (ca->ca_home, &dc->nonce, next);
  dc->nc = 0;
  return 1;
}

static int
digest_clear (auth_client_t *ca)
{
  ca->ca_clear = 1;
  return 1;
}

static const auth_client_plugin_t digest_plugin = {
  /* auc_plugin_size */ sizeof digest_plugin,
  /* auc_size */ sizeof (DigestClient),
  /* auc_name: lower case on purpose, see below */ "digest",
  /* auc_challenge */ digest_challenge,
  /* auc_authorize */ digest_authorize,
  /* auc_info */ digest_info,
  /* auc_clear */ digest_clear,
  /* auc_save_credentials */ NULL,
  /* auc_copy_credentials */ NULL,
};

gboolean
sip_simple_auth_plugin_install (void)
{
  su_home_t home[1] = { SU_HOME_INIT (home) };
  auth_client_t *list = NULL;
  msg_auth_t *ch;
  gboolean ours;

  /* auc_register_plugin() in sofia-sip 1.12.11 replaces the first slot
   * whose name does not match exactly (case-sensitively); scheme lookup is
   * case-insensitive. Registering "digest" therefore takes the place of
   * the built-in "Digest" plugin. Check that it did, whatever the
   * registration code does in the installed version. */
  auc_register_plugin (&digest_plugin);

  ch = sip_www_authenticate_make (home, "Digest realm=\"probe\", nonce=\"probe\", "
                                        "algorithm=SHA-256");
  ours = ch != NULL && auc_challenge (&list, home, ch, sip_authorization_class) >= 0
         && list != NULL && list->ca_auc == &digest_plugin;
  su_home_deinit (home);

  if (!ours)
    g_warning ("Could not install the digest authentication plugin into sofia-sip: "
               "only MD5 digest authentication will work");
  return ours;
}
