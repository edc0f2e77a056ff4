/* libsipsimple - HTTP/SIP digest computation (RFC 2617, RFC 7616, RFC 8760)
 *
 * sofia-sip 1.12.11 only knows MD5; SHA-256 is computed here with GChecksum.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/sip/error.h>
#include "digest-internal.h"
#include "random-internal.h"

#include <string.h>

static const struct {
  const char *name;
  SipSimpleDigestAlgorithm algorithm;
} algorithms[] = {
  { "MD5", SIP_SIMPLE_DIGEST_MD5 },
  { "MD5-sess", SIP_SIMPLE_DIGEST_MD5_SESS },
  { "SHA-256", SIP_SIMPLE_DIGEST_SHA256 },
  { "SHA-256-sess", SIP_SIMPLE_DIGEST_SHA256_SESS },
};

gboolean
sip_simple_digest_algorithm_from_string (const char *name, SipSimpleDigestAlgorithm *algorithm)
{
  if (name == NULL || *name == '\0')
    {
      *algorithm = SIP_SIMPLE_DIGEST_MD5;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (algorithms); i++)
    if (g_ascii_strcasecmp (name, algorithms[i].name) == 0)
      {
        *algorithm = algorithms[i].algorithm;
        return TRUE;
      }
  return FALSE;
}

const char *
sip_simple_digest_algorithm_to_string (SipSimpleDigestAlgorithm algorithm)
{
  for (guint i = 0; i < G_N_ELEMENTS (algorithms); i++)
    if (algorithms[i].algorithm == algorithm)
      return algorithms[i].name;
  return "MD5";
}

int
sip_simple_digest_algorithm_strength (SipSimpleDigestAlgorithm algorithm)
{
  switch (algorithm)
    {
    case SIP_SIMPLE_DIGEST_SHA256:
    case SIP_SIMPLE_DIGEST_SHA256_SESS:
      return 2;
    case SIP_SIMPLE_DIGEST_MD5:
    case SIP_SIMPLE_DIGEST_MD5_SESS:
    default:
      return 1;
    }
}

static GChecksumType
checksum_type (SipSimpleDigestAlgorithm algorithm)
{
  return sip_simple_digest_algorithm_strength (algorithm) == 2 ? G_CHECKSUM_SHA256 : G_CHECKSUM_MD5;
}

static gboolean
is_sess (SipSimpleDigestAlgorithm algorithm)
{
  return algorithm == SIP_SIMPLE_DIGEST_MD5_SESS || algorithm == SIP_SIMPLE_DIGEST_SHA256_SESS;
}

char *
sip_simple_digest_hash_hex (SipSimpleDigestAlgorithm algorithm, const void *data, gsize len)
{
  return g_compute_checksum_for_data (checksum_type (algorithm), data, len);
}

/* H(a:b:c...) over NULL-terminated parts */
static char *
hash_parts (SipSimpleDigestAlgorithm algorithm, const char *first, ...)
{
  GChecksum *sum = g_checksum_new (checksum_type (algorithm));
  const char *part = first;
  gboolean sep = FALSE;
  char *result;
  va_list ap;

  va_start (ap, first);
  while (part != NULL)
    {
      if (sep)
        g_checksum_update (sum, (const guchar *) ":", 1);
      g_checksum_update (sum, (const guchar *) part, strlen (part));
      sep = TRUE;
      part = va_arg (ap, const char *);
    }
  va_end (ap);
  result = g_strdup (g_checksum_get_string (sum));
  g_checksum_free (sum);
  return result;
}

char *
sip_simple_digest_ha1 (SipSimpleDigestAlgorithm algorithm,
                       const char              *username,
                       const char              *realm,
                       const char              *password,
                       const char              *nonce,
                       const char              *cnonce)
{
  g_autofree char *ha1 = hash_parts (algorithm, username ? username : "", realm ? realm : "",
                                     password ? password : "", NULL);
  if (!is_sess (algorithm))
    return g_steal_pointer (&ha1);
  return hash_parts (algorithm, ha1, nonce ? nonce : "", cnonce ? cnonce : "", NULL);
}

char *
sip_simple_digest_response (SipSimpleDigestAlgorithm algorithm,
                            const char              *ha1,
                            const char              *nonce,
                            const char              *nc,
                            const char              *cnonce,
                            const char              *qop,
                            const char              *method,
                            const char              *uri,
                            const void              *body,
                            gsize                    body_len)
{
  g_autofree char *ha2 = NULL;

  if (qop != NULL && g_ascii_strcasecmp (qop, "auth-int") == 0)
    {
      g_autofree char *hbody = sip_simple_digest_hash_hex (algorithm, body ? body : "",
                                                           body ? body_len : 0);
      ha2 = hash_parts (algorithm, method, uri, hbody, NULL);
    }
  else
    ha2 = hash_parts (algorithm, method, uri, NULL);

  if (qop == NULL)
    return hash_parts (algorithm, ha1, nonce ? nonce : "", ha2, NULL);
  return hash_parts (algorithm, ha1, nonce ? nonce : "", nc ? nc : "", cnonce ? cnonce : "",
                     qop, ha2, NULL);
}

char *
sip_simple_digest_new_cnonce (void)
{
  return sip_simple_random_hex (16);
}

static void
skip_lws (const char **p)
{
  while (**p == ' ' || **p == '\t' || **p == '\r' || **p == '\n')
    (*p)++;
}

static gboolean
is_token_char (char c)
{
  /* strchr() finds the terminating NUL too */
  return c != '\0' && (g_ascii_isalnum (c) || strchr ("-.!%*_+`'~", c) != NULL);
}

GHashTable *
sip_simple_digest_parse_params (const char *text, GError **error)
{
  g_autoptr (GHashTable) params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *p = text;

  if (text == NULL)
    {
      g_set_error_literal (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER,
                           "Missing digest parameters");
      return NULL;
    }

  for (;;)
    {
      const char *name_start;
      g_autofree char *name = NULL;
      GString *value;

      skip_lws (&p);
      if (*p == '\0')
        break;
      name_start = p;
      while (is_token_char (*p))
        p++;
      if (p == name_start)
        {
          g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER,
                       "Invalid digest parameter at offset %d in \"%s\"",
                       (int) (p - text), text);
          return NULL;
        }
      name = g_ascii_strdown (name_start, p - name_start);
      skip_lws (&p);
      if (*p != '=')
        {
          g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER,
                       "Digest parameter \"%s\" has no value", name);
          return NULL;
        }
      p++;
      skip_lws (&p);
      value = g_string_new (NULL);
      if (*p == '"')
        {
          p++;
          while (*p != '"')
            {
              if (*p == '\0')
                {
                  g_string_free (value, TRUE);
                  g_set_error (error, SIP_SIMPLE_PARSE_ERROR,
                               SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER,
                               "Unterminated quoted value of digest parameter \"%s\"", name);
                  return NULL;
                }
              if (*p == '\\' && p[1] != '\0')
                p++;
              g_string_append_c (value, *p++);
            }
          p++;
        }
      else
        {
          while (*p != '\0' && *p != ',' && *p != ' ' && *p != '\t')
            g_string_append_c (value, *p++);
        }
      g_hash_table_replace (params, g_steal_pointer (&name), g_string_free (value, FALSE));
      skip_lws (&p);
      if (*p == ',')
        p++;
      else if (*p != '\0')
        {
          g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER,
                       "Expected ',' at offset %d in digest parameters \"%s\"",
                       (int) (p - text), text);
          return NULL;
        }
    }
  return g_steal_pointer (&params);
}
