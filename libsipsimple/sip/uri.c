/* libsipsimple - SipSimpleUri
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/sip/uri.h>
#include <sipsimple/sip/error.h>

#include "sip-internal.h"

#include <arpa/inet.h>
#include <string.h>

/**
 * SipSimpleUri:
 *
 * A SIP, SIPS or tel URI (RFC 3261 section 19.1, RFC 3966).
 *
 * A #SipSimpleUri is mutable and reference counted. It is made with
 * [ctor@SipSimple.Uri.new] or [ctor@SipSimple.Uri.parse], changed with the
 * setters and written back with [method@SipSimple.Uri.to_string].
 *
 * The API deals in unescaped text: [method@SipSimple.Uri.get_user] on
 * `sip:I%20have%20spaces@example.net` returns `"I have spaces"`, and the
 * setters escape what needs escaping. Internally each component also keeps
 * its escaped form, so that a parsed URI is written back with the same
 * meaning, and [method@SipSimple.Uri.equal] can follow RFC 3261 section
 * 19.1.4 exactly (an escaped reserved character is not the same as the
 * character itself). A byte that cannot be returned as text (an escaped
 * NUL, or escapes that do not decode to UTF-8) stays escaped in the text the
 * getters return.
 *
 * A tel URI has no host: its telephone number is its user part, so
 * `tel:+1-201-555-0123` has user `"+1-201-555-0123"` and a %NULL host.
 *
 * Since: 0.1
 */

typedef struct
{
  char *raw;  /* canonical escaped form, as written in the URI */
  char *text; /* unescaped form that the API takes and returns */
} Part;

typedef struct
{
  Part name;
  Part value; /* NULL members for a flag parameter such as ;lr */
} Field;

struct _SipSimpleUri
{
  gatomicrefcount ref_count;
  char           *scheme; /* "sip", "sips" or "tel" */
  Part            user;   /* tel: the telephone number */
  Part            password;
  char           *host;    /* lower case, IPv6 without brackets; NULL for tel */
  guint           port;    /* 0: not present */
  GPtrArray      *params;  /* Field * */
  GPtrArray      *headers; /* Field * */
};

G_DEFINE_BOXED_TYPE (SipSimpleUri, sip_simple_uri, sip_simple_uri_ref, sip_simple_uri_unref)

/* Character classes of RFC 3261 section 25.1 */
typedef enum
{
  CS_USER,
  CS_PASSWORD,
  CS_PARAM,
  CS_HEADER,
} CharSet;

static const char *const charset_extra[] = {
  [CS_USER] = "&=+$,;?/",
  [CS_PASSWORD] = "&=+$,",
  [CS_PARAM] = "[]/:&+$",
  [CS_HEADER] = "[]/?:+$",
};

static const char *const charset_name[] = {
  [CS_USER] = "user",
  [CS_PASSWORD] = "password",
  [CS_PARAM] = "parameter",
  [CS_HEADER] = "header",
};

/* Parameters that must be present in both URIs for them to be equal
 * (RFC 3261 19.1.4; transport follows the RFC's own examples). */
static const char *const significant_params[] = { "user", "ttl", "method", "maddr", "transport" };

static gboolean
is_unreserved (guchar c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("-_.!~*'()", c) != NULL);
}

static gboolean
is_allowed (guchar c, CharSet cs)
{
  return is_unreserved (c) || (c != '\0' && strchr (charset_extra[cs], c) != NULL);
}

gboolean
sip_simple_is_token_char (guchar c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("-.!%*_+`'~", c) != NULL);
}

gboolean
sip_simple_is_token (const char *text, gssize length)
{
  gsize len, i;

  if (text == NULL)
    return FALSE;
  len = length < 0 ? strlen (text) : (gsize)length;
  if (len == 0)
    return FALSE;
  for (i = 0; i < len; i++)
    if (!sip_simple_is_token_char (text[i]))
      return FALSE;
  return TRUE;
}

char *
sip_simple_describe_input (const char *text, gssize length)
{
  const gsize      max = 200;
  g_autofree char *cut = NULL;
  g_autofree char *escaped = NULL;
  gsize            len;

  if (text == NULL)
    return g_strdup ("(null)");
  len = length < 0 ? strlen (text) : (gsize)length;
  cut = g_strndup (text, MIN (len, max));
  escaped = g_strescape (cut, NULL);
  return g_strdup_printf ("\"%s\"%s", escaped, len > max ? "..." : "");
}

static char *
describe_char (guchar c)
{
  if (c > 0x20 && c < 0x7f)
    return g_strdup_printf ("'%c'", c);
  return g_strdup_printf ("0x%02X", c);
}

/* --- Parts ------------------------------------------------------------- */

static void
part_clear (Part *p)
{
  g_clear_pointer (&p->raw, g_free);
  g_clear_pointer (&p->text, g_free);
}

static void
part_copy (Part *dest, const Part *src)
{
  dest->raw = g_strdup (src->raw);
  dest->text = g_strdup (src->text);
}

static void
field_free (Field *f)
{
  part_clear (&f->name);
  part_clear (&f->value);
  g_free (f);
}

static Field *
field_copy (const Field *f)
{
  Field *copy = g_new0 (Field, 1);

  part_copy (&copy->name, &f->name);
  part_copy (&copy->value, &f->value);
  return copy;
}

static int
hex_value (guchar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Checks one escaped component and stores its canonical escaped form
 * (escapes of unreserved characters decoded, hex digits in upper case) and
 * its unescaped text. */
static gboolean
part_set_from_raw (Part *p, const char *s, gsize len, CharSet cs, char **problem)
{
  GString *raw = g_string_sized_new (len);
  GString *text = g_string_sized_new (len);
  gsize    i;

  for (i = 0; i < len; i++)
    {
      guchar c = s[i];

      if (c == '%')
        {
          int    hi = i + 1 < len ? hex_value (s[i + 1]) : -1;
          int    lo = i + 2 < len ? hex_value (s[i + 2]) : -1;
          guchar v;

          if (hi < 0 || lo < 0)
            {
              *problem = g_strdup_printf ("bad escape \"%.*s\" in %s", (int)MIN (3, len - i), s + i,
                                          charset_name[cs]);
              g_string_free (raw, TRUE);
              g_string_free (text, TRUE);
              return FALSE;
            }
          v = (guchar)(hi * 16 + lo);
          if (is_unreserved (v))
            g_string_append_c (raw, v);
          else
            g_string_append_printf (raw, "%%%02X", v);
          if (v == '\0')
            g_string_append (text, "%00");
          else
            g_string_append_c (text, v);
          i += 2;
        }
      else if (is_allowed (c, cs))
        {
          g_string_append_c (raw, c);
          g_string_append_c (text, c);
        }
      else
        {
          g_autofree char *what = describe_char (c);

          *problem = g_strdup_printf ("invalid character %s in %s", what, charset_name[cs]);
          g_string_free (raw, TRUE);
          g_string_free (text, TRUE);
          return FALSE;
        }
    }

  part_clear (p);
  p->raw = g_string_free (raw, FALSE);
  /* Escapes that do not decode to UTF-8 text stay escaped. */
  if (g_utf8_validate (text->str, text->len, NULL))
    p->text = g_string_free (text, FALSE);
  else
    {
      g_string_free (text, TRUE);
      p->text = g_strdup (p->raw);
    }
  return TRUE;
}

static void
part_set_from_text (Part *p, const char *text, CharSet cs)
{
  GString    *raw;
  const char *s;

  if (text == NULL)
    {
      part_clear (p);
      return;
    }
  raw = g_string_sized_new (strlen (text));
  for (s = text; *s; s++)
    {
      if (is_allowed (*s, cs))
        g_string_append_c (raw, *s);
      else
        g_string_append_printf (raw, "%%%02X", (guchar)*s);
    }
  part_clear (p);
  p->raw = g_string_free (raw, FALSE);
  p->text = g_strdup (text);
}

/* --- Hosts ------------------------------------------------------------- */

static gboolean
is_ipv4 (const char *s)
{
  int parts = 0;

  while (parts < 4)
    {
      int digits = 0, value = 0;

      while (g_ascii_isdigit (*s) && digits < 4)
        {
          value = value * 10 + (*s - '0');
          digits++;
          s++;
        }
      if (digits == 0 || digits > 3 || value > 255)
        return FALSE;
      parts++;
      if (parts < 4)
        {
          if (*s != '.')
            return FALSE;
          s++;
        }
    }
  return *s == '\0';
}

static gboolean
is_ipv6 (const char *s)
{
  struct in6_addr addr;

  return inet_pton (AF_INET6, s, &addr) == 1;
}

/* RFC 3261: hostname = *( domainlabel "." ) toplabel [ "." ] */
static gboolean
is_hostname (const char *s)
{
  const char *label = s;
  const char *last_label = NULL;
  gboolean    numeric = TRUE;
  const char *p;

  if (*s == '\0' || strlen (s) > 253)
    return FALSE;
  for (p = s; *p; p++)
    if (!g_ascii_isdigit (*p) && *p != '.')
      numeric = FALSE;
  if (numeric)
    return is_ipv4 (s);

  for (p = s;; p++)
    {
      if (*p == '.' || *p == '\0')
        {
          gsize len = p - label;

          if (len == 0)
            /* only the root label after a trailing dot may be empty */
            return *p == '\0' && last_label != NULL;
          if (len > 63 || label[0] == '-' || label[len - 1] == '-')
            return FALSE;
          last_label = label;
          if (*p == '\0')
            break;
          label = p + 1;
        }
      else if (!g_ascii_isalnum (*p) && *p != '-')
        return FALSE;
    }
  return g_ascii_isalpha (last_label[0]);
}

/* Accepts "example.com", "192.0.2.1", "::1" and "[::1]"; returns the host as
 * stored (lower case, no brackets) or NULL. */
static char *
normalize_host (const char *host)
{
  gsize            len = strlen (host);
  g_autofree char *bare = NULL;

  if (len >= 2 && host[0] == '[' && host[len - 1] == ']')
    bare = g_strndup (host + 1, len - 2);
  else
    bare = g_strdup (host);

  if (strchr (bare, ':') != NULL)
    {
      if (!is_ipv6 (bare))
        return NULL;
    }
  else if (!is_hostname (bare))
    return NULL;
  return g_ascii_strdown (bare, -1);
}

static gboolean
host_is_ipv6 (const char *host)
{
  return host != NULL && strchr (host, ':') != NULL;
}

/* --- tel numbers ------------------------------------------------------- */

static gboolean
is_visual_separator (guchar c)
{
  return c == '-' || c == '.' || c == '(' || c == ')';
}

/* RFC 3966: global-number-digits = "+" *phonedigit DIGIT *phonedigit,
 * local-number-digits = *phonedigit-hex (HEXDIG / "*" / "#") *phonedigit-hex */
static gboolean
is_tel_number (const char *s, gsize len, gboolean *global)
{
  gboolean has_digit = FALSE;
  gsize    i = 0;

  *global = len > 0 && s[0] == '+';
  if (*global)
    i = 1;
  for (; i < len; i++)
    {
      guchar c = s[i];

      if (g_ascii_isdigit (c) || (!*global && (g_ascii_isxdigit (c) || c == '*' || c == '#')))
        has_digit = TRUE;
      else if (!is_visual_separator (c))
        return FALSE;
    }
  return has_digit;
}

static char *
tel_number_normalize (const char *number)
{
  GString    *out = g_string_new (NULL);
  const char *s;

  for (s = number; s && *s; s++)
    if (!is_visual_separator (*s))
      g_string_append_c (out, g_ascii_tolower (*s));
  return g_string_free (out, FALSE);
}

/* --- Life cycle -------------------------------------------------------- */

static gboolean
scheme_is_valid (const char *scheme)
{
  return scheme != NULL
         && (g_ascii_strcasecmp (scheme, "sip") == 0 || g_ascii_strcasecmp (scheme, "sips") == 0
             || g_ascii_strcasecmp (scheme, "tel") == 0);
}

static gboolean
is_tel (const SipSimpleUri *uri)
{
  return strcmp (uri->scheme, "tel") == 0;
}

static SipSimpleUri *
uri_alloc (const char *scheme)
{
  SipSimpleUri *uri = g_new0 (SipSimpleUri, 1);

  g_atomic_ref_count_init (&uri->ref_count);
  uri->scheme = g_ascii_strdown (scheme, -1);
  uri->params = g_ptr_array_new_with_free_func ((GDestroyNotify)field_free);
  uri->headers = g_ptr_array_new_with_free_func ((GDestroyNotify)field_free);
  return uri;
}

/**
 * sip_simple_uri_new: (constructor)
 * @scheme: "sip", "sips" or "tel" (any case)
 * @user: (nullable): the user part, unescaped; for a tel URI the
 *   telephone number (required)
 * @host: (nullable): the host name or IP address (IPv6 with or without
 *   brackets); required for sip and sips, %NULL for tel
 *
 * Makes a URI from its parts. To read a URI from text use
 * [ctor@SipSimple.Uri.parse].
 *
 * Returns: (transfer full): a new #SipSimpleUri
 *
 * Since: 0.1
 */
SipSimpleUri *
sip_simple_uri_new (const char *scheme, const char *user, const char *host)
{
  SipSimpleUri *uri;
  gboolean      global;

  g_return_val_if_fail (scheme_is_valid (scheme), NULL);

  if (g_ascii_strcasecmp (scheme, "tel") == 0)
    {
      g_return_val_if_fail (host == NULL, NULL);
      g_return_val_if_fail (user != NULL && is_tel_number (user, strlen (user), &global), NULL);
      uri = uri_alloc (scheme);
      uri->user.raw = g_strdup (user);
      uri->user.text = g_strdup (user);
      return uri;
    }

  g_return_val_if_fail (host != NULL, NULL);
  {
    char *normalized = normalize_host (host);

    g_return_val_if_fail (normalized != NULL, NULL);
    uri = uri_alloc (scheme);
    uri->host = normalized;
  }
  if (user != NULL && *user != '\0')
    part_set_from_text (&uri->user, user, CS_USER);
  return uri;
}

/**
 * sip_simple_uri_ref:
 * @uri: a #SipSimpleUri
 *
 * Takes a reference.
 *
 * Returns: (transfer full): @uri
 *
 * Since: 0.1
 */
SipSimpleUri *
sip_simple_uri_ref (SipSimpleUri *uri)
{
  g_return_val_if_fail (uri != NULL, NULL);
  g_atomic_ref_count_inc (&uri->ref_count);
  return uri;
}

/**
 * sip_simple_uri_unref:
 * @uri: (transfer full): a #SipSimpleUri
 *
 * Drops a reference; the last one frees the URI.
 *
 * Since: 0.1
 */
void
sip_simple_uri_unref (SipSimpleUri *uri)
{
  g_return_if_fail (uri != NULL);
  if (!g_atomic_ref_count_dec (&uri->ref_count))
    return;
  g_free (uri->scheme);
  part_clear (&uri->user);
  part_clear (&uri->password);
  g_free (uri->host);
  g_ptr_array_unref (uri->params);
  g_ptr_array_unref (uri->headers);
  g_free (uri);
}

/**
 * sip_simple_uri_copy:
 * @uri: a #SipSimpleUri
 *
 * Makes an independent copy of @uri: changing one does not change the other.
 *
 * Returns: (transfer full): a new #SipSimpleUri equal to @uri
 *
 * Since: 0.1
 */
SipSimpleUri *
sip_simple_uri_copy (const SipSimpleUri *uri)
{
  SipSimpleUri *copy;
  guint         i;

  g_return_val_if_fail (uri != NULL, NULL);

  copy = uri_alloc (uri->scheme);
  part_copy (&copy->user, &uri->user);
  part_copy (&copy->password, &uri->password);
  copy->host = g_strdup (uri->host);
  copy->port = uri->port;
  for (i = 0; i < uri->params->len; i++)
    g_ptr_array_add (copy->params, field_copy (uri->params->pdata[i]));
  for (i = 0; i < uri->headers->len; i++)
    g_ptr_array_add (copy->headers, field_copy (uri->headers->pdata[i]));
  return copy;
}

/* --- Parsing ----------------------------------------------------------- */

/* Parses ";name[=value]" items (without the leading ';') in s[0..len). */
static gboolean
parse_params (SipSimpleUri *uri, const char *s, gsize len, char **problem)
{
  const char *end = s + len;

  while (s <= end)
    {
      const char *semi = memchr (s, ';', end - s);
      const char *item_end = semi ? semi : end;
      const char *eq = memchr (s, '=', item_end - s);
      Field      *f;

      if (item_end == s)
        {
          *problem = g_strdup ("empty parameter");
          return FALSE;
        }
      if (eq == s)
        {
          *problem = g_strdup ("empty parameter name");
          return FALSE;
        }
      f = g_new0 (Field, 1);
      g_ptr_array_add (uri->params, f);
      if (!part_set_from_raw (&f->name, s, (eq ? eq : item_end) - s, CS_PARAM, problem))
        return FALSE;
      if (eq != NULL)
        {
          if (eq + 1 == item_end)
            {
              *problem = g_strdup_printf ("empty value for parameter \"%s\"", f->name.raw);
              return FALSE;
            }
          if (!part_set_from_raw (&f->value, eq + 1, item_end - eq - 1, CS_PARAM, problem))
            return FALSE;
        }
      if (semi == NULL)
        break;
      s = semi + 1;
    }
  return TRUE;
}

/* Parses "name=value" items separated by '&' (without the leading '?'). */
static gboolean
parse_headers (SipSimpleUri *uri, const char *s, gsize len, char **problem)
{
  const char *end = s + len;

  while (s <= end)
    {
      const char *amp = memchr (s, '&', end - s);
      const char *item_end = amp ? amp : end;
      const char *eq = memchr (s, '=', item_end - s);
      Field      *f;

      if (item_end == s)
        {
          *problem = g_strdup ("empty header");
          return FALSE;
        }
      if (eq == NULL)
        {
          *problem = g_strdup_printf ("header \"%.*s\" without '='", (int)(item_end - s), s);
          return FALSE;
        }
      if (eq == s)
        {
          *problem = g_strdup ("empty header name");
          return FALSE;
        }
      f = g_new0 (Field, 1);
      g_ptr_array_add (uri->headers, f);
      if (!part_set_from_raw (&f->name, s, eq - s, CS_HEADER, problem))
        return FALSE;
      /* hvalue may be empty */
      if (!part_set_from_raw (&f->value, eq + 1, item_end - eq - 1, CS_HEADER, problem))
        return FALSE;
      if (amp == NULL)
        break;
      s = amp + 1;
    }
  return TRUE;
}

static gboolean
parse_port (const char *s, gsize len, guint *port, char **problem)
{
  guint value = 0;
  gsize i;

  if (len == 0)
    {
      *problem = g_strdup ("empty port");
      return FALSE;
    }
  if (memchr (s, ':', len) != NULL)
    {
      *problem = g_strdup ("IPv6 address must be enclosed in brackets");
      return FALSE;
    }
  for (i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        {
          *problem = g_strdup_printf ("invalid port \"%.*s\"", (int)len, s);
          return FALSE;
        }
      value = value * 10 + (s[i] - '0');
      if (value > 65535)
        break;
    }
  if (value == 0 || value > 65535)
    {
      *problem = g_strdup_printf ("port \"%.*s\" out of range (1-65535)", (int)len, s);
      return FALSE;
    }
  *port = value;
  return TRUE;
}

static gboolean
parse_sip (SipSimpleUri *uri, const char *rest, char **problem)
{
  const char      *at = strchr (rest, '@');
  const char      *hp = rest;
  const char      *p;
  const char      *host_start, *host_end;
  g_autofree char *host = NULL;

  if (at != NULL)
    {
      const char *colon = memchr (rest, ':', at - rest);
      const char *user_end = colon ? colon : at;

      if (user_end == rest)
        {
          *problem = g_strdup ("empty user part");
          return FALSE;
        }
      if (!part_set_from_raw (&uri->user, rest, user_end - rest, CS_USER, problem))
        return FALSE;
      if (colon != NULL
          && !part_set_from_raw (&uri->password, colon + 1, at - colon - 1, CS_PASSWORD, problem))
        return FALSE;
      hp = at + 1;
    }

  /* hostport */
  if (*hp == '[')
    {
      host_start = hp + 1;
      host_end = strchr (host_start, ']');
      if (host_end == NULL)
        {
          *problem = g_strdup ("unbalanced '[' in host");
          return FALSE;
        }
      p = host_end + 1;
      if (*p != '\0' && *p != ':' && *p != ';' && *p != '?')
        {
          g_autofree char *what = describe_char (*p);

          *problem = g_strdup_printf ("unexpected character %s after IPv6 reference", what);
          return FALSE;
        }
      host = g_strndup (host_start, host_end - host_start);
      if (!is_ipv6 (host))
        {
          *problem = g_strdup_printf ("invalid IPv6 address \"%s\"", host);
          return FALSE;
        }
    }
  else
    {
      gsize       hostport_len = strcspn (hp, ";?");
      const char *colon = memchr (hp, ':', hostport_len);

      host_start = hp;
      host_end = hp + strcspn (hp, ":;?");
      p = host_end;
      if (host_end == host_start)
        {
          *problem = g_strdup ("missing host");
          return FALSE;
        }
      if (colon != NULL && memchr (colon + 1, ':', hostport_len - (colon + 1 - hp)) != NULL)
        {
          *problem = g_strdup ("IPv6 address must be enclosed in brackets");
          return FALSE;
        }
      host = g_strndup (host_start, host_end - host_start);
      if (strchr (host, ']') != NULL)
        {
          *problem = g_strdup ("unbalanced ']' in host");
          return FALSE;
        }
      if (!is_hostname (host))
        {
          *problem = g_strdup_printf ("invalid host \"%s\"", host);
          return FALSE;
        }
    }
  uri->host = g_ascii_strdown (host, -1);

  if (*p == ':')
    {
      gsize len = strcspn (p + 1, ";?");

      if (!parse_port (p + 1, len, &uri->port, problem))
        return FALSE;
      p += 1 + len;
    }

  if (*p == ';')
    {
      gsize len = strcspn (p + 1, "?");

      if (!parse_params (uri, p + 1, len, problem))
        return FALSE;
      p += 1 + len;
    }

  if (*p == '?')
    {
      if (!parse_headers (uri, p + 1, strlen (p + 1), problem))
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_tel (SipSimpleUri *uri, const char *rest, char **problem)
{
  gsize    number_len = strcspn (rest, ";");
  gboolean global;

  if (number_len == 0)
    {
      *problem = g_strdup ("missing telephone number");
      return FALSE;
    }
  if (!is_tel_number (rest, number_len, &global))
    {
      *problem = g_strdup_printf ("invalid telephone number \"%.*s\"", (int)number_len, rest);
      return FALSE;
    }
  uri->user.raw = g_strndup (rest, number_len);
  uri->user.text = g_strndup (rest, number_len);

  if (rest[number_len] == ';'
      && !parse_params (uri, rest + number_len + 1, strlen (rest + number_len + 1), problem))
    return FALSE;

  if (!global && !sip_simple_uri_has_param (uri, "phone-context"))
    {
      *problem = g_strdup ("a local number needs a phone-context parameter");
      return FALSE;
    }
  return TRUE;
}

static const char *
scheme_label (const char *scheme)
{
  if (scheme == NULL)
    return "URI";
  if (g_ascii_strcasecmp (scheme, "sip") == 0)
    return "SIP URI";
  if (g_ascii_strcasecmp (scheme, "sips") == 0)
    return "SIPS URI";
  if (g_ascii_strcasecmp (scheme, "tel") == 0)
    return "tel URI";
  return "URI";
}

/**
 * sip_simple_uri_parse: (constructor)
 * @text: (nullable): a SIP, SIPS or tel URI, such as `sip:alice@example.com;transport=tcp`
 * @error: return location for a #GError, or %NULL
 *
 * Reads a URI from its text form (RFC 3261 section 25.1, RFC 3966). The text
 * must be the URI alone: no angle brackets, no white space.
 *
 * On failure @error is set in the %SIP_SIMPLE_PARSE_ERROR domain with the
 * code %SIP_SIMPLE_PARSE_ERROR_INVALID_URI, and its message names the input
 * and the problem, for example `Invalid SIP URI "sip:": missing host`.
 *
 * Returns: (transfer full): a new #SipSimpleUri, or %NULL on error
 *
 * Since: 0.1
 */
SipSimpleUri *
sip_simple_uri_parse (const char *text, GError **error)
{
  g_autoptr (SipSimpleUri) uri = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *scheme = NULL;
  const char      *colon;
  const char      *p;
  gboolean         ok;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text == NULL || *text == '\0')
    {
      problem = g_strdup ("empty input");
      goto fail;
    }

  /* the scheme first, so that every message can say which kind of URI */
  colon = strchr (text, ':');
  for (p = text; colon && p < colon; p++)
    if (!(g_ascii_isalpha (*p) || (p > text && (g_ascii_isdigit (*p) || strchr ("+-.", *p)))))
      break;
  if (colon != NULL && colon != text && p == colon)
    scheme = g_ascii_strdown (text, colon - text);

  for (p = text; *p; p++)
    {
      guchar c = *p;

      if (c <= 0x20 || c == 0x7f)
        {
          problem = g_strdup_printf ("%s at position %u",
                                     c == ' ' || c == '\t' ? "white space" : "control character",
                                     (guint)(p - text));
          goto fail;
        }
      if (c >= 0x80)
        {
          problem = g_strdup_printf ("non-ASCII character at position %u", (guint)(p - text));
          goto fail;
        }
    }

  if (scheme == NULL)
    {
      problem = g_strdup ("missing scheme");
      goto fail;
    }
  if (!scheme_is_valid (scheme))
    {
      problem = g_strdup_printf ("unsupported scheme \"%s\"", scheme);
      goto fail;
    }

  uri = uri_alloc (scheme);
  if (is_tel (uri))
    ok = parse_tel (uri, colon + 1, &problem);
  else
    ok = parse_sip (uri, colon + 1, &problem);
  if (ok)
    return g_steal_pointer (&uri);

fail:
  {
    g_autofree char *input = sip_simple_describe_input (text, -1);

    g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_URI,
                 "Invalid %s %s: %s", scheme_label (scheme_is_valid (scheme) ? scheme : NULL),
                 input, problem);
  }
  return NULL;
}

/* --- Writing ----------------------------------------------------------- */

void
sip_simple_append_hostport (GString *out, const char *host, guint port)
{
  if (strchr (host, ':') != NULL)
    g_string_append_printf (out, "[%s]", host);
  else
    g_string_append (out, host);
  if (port != 0)
    g_string_append_printf (out, ":%u", port);
}

static void
append_host (GString *out, const char *host)
{
  if (host_is_ipv6 (host))
    g_string_append_printf (out, "[%s]", host);
  else
    g_string_append (out, host);
}

/**
 * sip_simple_uri_to_string:
 * @uri: a #SipSimpleUri
 *
 * Writes @uri in its canonical text form: lower-case scheme and host,
 * IPv6 addresses in brackets, every component escaped where RFC 3261 needs
 * it (and only there). Parsing the result gives a URI equal to @uri.
 *
 * Returns: (transfer full): the URI as text
 *
 * Since: 0.1
 */
char *
sip_simple_uri_to_string (const SipSimpleUri *uri)
{
  GString *out;
  guint    i;

  g_return_val_if_fail (uri != NULL, NULL);

  out = g_string_new (uri->scheme);
  g_string_append_c (out, ':');
  if (is_tel (uri))
    g_string_append (out, uri->user.raw);
  else
    {
      if (uri->user.raw != NULL)
        {
          g_string_append (out, uri->user.raw);
          if (uri->password.raw != NULL)
            g_string_append_printf (out, ":%s", uri->password.raw);
          g_string_append_c (out, '@');
        }
      append_host (out, uri->host);
      if (uri->port != 0)
        g_string_append_printf (out, ":%u", uri->port);
    }

  for (i = 0; i < uri->params->len; i++)
    {
      const Field *f = uri->params->pdata[i];

      g_string_append_printf (out, ";%s", f->name.raw);
      if (f->value.raw != NULL)
        g_string_append_printf (out, "=%s", f->value.raw);
    }
  for (i = 0; i < uri->headers->len; i++)
    {
      const Field *f = uri->headers->pdata[i];

      g_string_append_printf (out, "%c%s=%s", i == 0 ? '?' : '&', f->name.raw, f->value.raw);
    }
  return g_string_free (out, FALSE);
}

/* --- Comparison -------------------------------------------------------- */

static gboolean
str_equal0 (const char *a, const char *b)
{
  return g_strcmp0 (a, b) == 0;
}

static gboolean
str_case_equal0 (const char *a, const char *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_ascii_strcasecmp (a, b) == 0;
}

static gboolean
hosts_equal (const char *a, const char *b)
{
  if (host_is_ipv6 (a) && host_is_ipv6 (b))
    {
      struct in6_addr aa, bb;

      if (inet_pton (AF_INET6, a, &aa) == 1 && inet_pton (AF_INET6, b, &bb) == 1)
        return memcmp (&aa, &bb, sizeof aa) == 0;
    }
  return str_case_equal0 (a, b);
}

static gboolean
is_significant_param (const char *raw_name)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (significant_params); i++)
    if (g_ascii_strcasecmp (raw_name, significant_params[i]) == 0)
      return TRUE;
  return FALSE;
}

/* A parameter of @a that @b also has must have the same value there (with
 * repeated names, one of them must); a significant one missing from @b
 * makes them differ; others missing from @b are ignored. */
static gboolean
params_match (GPtrArray *a, GPtrArray *b)
{
  guint i, j;

  for (i = 0; i < a->len; i++)
    {
      const Field *fa = a->pdata[i];
      gboolean     name_found = FALSE, value_found = FALSE;

      for (j = 0; j < b->len && !value_found; j++)
        {
          const Field *fb = b->pdata[j];

          if (g_ascii_strcasecmp (fa->name.raw, fb->name.raw) != 0)
            continue;
          name_found = TRUE;
          value_found = str_case_equal0 (fa->value.raw, fb->value.raw);
        }
      if (name_found ? !value_found : is_significant_param (fa->name.raw))
        return FALSE;
    }
  return TRUE;
}

static gboolean
header_field_equal (const Field *a, const Field *b)
{
  return g_ascii_strcasecmp (a->name.raw, b->name.raw) == 0
         && g_ascii_strcasecmp (a->value.raw, b->value.raw) == 0;
}

static guint
count_header (GPtrArray *fields, const Field *f)
{
  guint i, n = 0;

  for (i = 0; i < fields->len; i++)
    if (header_field_equal (fields->pdata[i], f))
      n++;
  return n;
}

/* Headers are never ignored: the same headers, in any order. */
static gboolean
headers_equal (GPtrArray *a, GPtrArray *b)
{
  guint i;

  if (a->len != b->len)
    return FALSE;
  for (i = 0; i < a->len; i++)
    if (count_header (a, a->pdata[i]) != count_header (b, a->pdata[i]))
      return FALSE;
  return TRUE;
}

static gboolean
tel_param_value_equal (const Field *a, const Field *b)
{
  g_autofree char *va = NULL;
  g_autofree char *vb = NULL;

  if (a->value.raw == NULL || b->value.raw == NULL)
    return a->value.raw == b->value.raw;
  /* phone-context numbers, ext and isdn-subaddress: visual separators do
   * not count (RFC 3966 section 4) */
  va = tel_number_normalize (a->value.raw);
  vb = tel_number_normalize (b->value.raw);
  return g_ascii_strcasecmp (va, vb) == 0;
}

static gboolean
tel_equal (const SipSimpleUri *a, const SipSimpleUri *b)
{
  g_autofree char *na = tel_number_normalize (a->user.raw);
  g_autofree char *nb = tel_number_normalize (b->user.raw);
  guint            i;

  if ((a->user.raw[0] == '+') != (b->user.raw[0] == '+') || strcmp (na, nb) != 0)
    return FALSE;
  if (a->params->len != b->params->len)
    return FALSE;
  /* with a repeated name, one of b's parameters of that name must have the
   * value (otherwise a URI that repeats one differs from itself) */
  for (i = 0; i < a->params->len; i++)
    {
      const Field *fa = a->params->pdata[i];
      gboolean     found = FALSE;

      for (guint j = 0; j < b->params->len && !found; j++)
        {
          const Field *fb = b->params->pdata[j];

          found = g_ascii_strcasecmp (fa->name.raw, fb->name.raw) == 0 && tel_param_value_equal (fa, fb);
        }
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/**
 * sip_simple_uri_equal:
 * @uri: a #SipSimpleUri
 * @other: another #SipSimpleUri
 *
 * Compares two URIs with the rules of RFC 3261 section 19.1.4: the scheme,
 * user, password, host and port must match (user and password
 * case-sensitively, the rest not; an absent port is not the same as the
 * default port); a parameter present in both must have the same value; a
 * `user`, `ttl`, `method`, `maddr` or `transport` parameter present in only
 * one URI makes them differ, other parameters present in only one are
 * ignored; headers must be the same in both. Escaped and plain forms of an
 * unreserved character are the same. IPv6 addresses are compared as
 * addresses.
 *
 * tel URIs follow RFC 3966 section 4: the numbers must match once visual
 * separators are removed, and both must have the same parameters.
 *
 * Because parameters found in only one URI are ignored, this comparison is
 * not transitive.
 *
 * Returns: %TRUE if the URIs are equivalent
 *
 * Since: 0.1
 */
gboolean
sip_simple_uri_equal (const SipSimpleUri *uri, const SipSimpleUri *other)
{
  g_return_val_if_fail (uri != NULL, FALSE);
  g_return_val_if_fail (other != NULL, FALSE);

  if (uri == other)
    return TRUE;
  if (strcmp (uri->scheme, other->scheme) != 0)
    return FALSE;
  if (is_tel (uri))
    return tel_equal (uri, other);

  return str_equal0 (uri->user.raw, other->user.raw)
         && str_equal0 (uri->password.raw, other->password.raw)
         && hosts_equal (uri->host, other->host) && uri->port == other->port
         && params_match (uri->params, other->params) && params_match (other->params, uri->params)
         && headers_equal (uri->headers, other->headers);
}

guint
sip_simple_case_hash (const char *s)
{
  guint h = 5381;

  for (; s && *s; s++)
    h = h * 33 + g_ascii_tolower (*s);
  return h;
}

/**
 * sip_simple_uri_hash:
 * @uri: a #SipSimpleUri
 *
 * A hash value for @uri that is the same for URIs that
 * [method@SipSimple.Uri.equal] says are equal, so that sip_simple_uri_hash()
 * and sip_simple_uri_equal() can key a #GHashTable.
 *
 * Returns: the hash value
 *
 * Since: 0.1
 */
guint
sip_simple_uri_hash (const SipSimpleUri *uri)
{
  guint present = 0;
  guint h;
  guint i;

  g_return_val_if_fail (uri != NULL, 0);

  h = g_str_hash (uri->scheme);
  if (is_tel (uri))
    {
      g_autofree char *number = tel_number_normalize (uri->user.raw);

      return h * 31 + g_str_hash (number);
    }

  if (uri->user.raw != NULL)
    h = h * 31 + g_str_hash (uri->user.raw);
  if (uri->password.raw != NULL)
    h = h * 31 + g_str_hash (uri->password.raw);
  if (host_is_ipv6 (uri->host))
    {
      struct in6_addr addr;

      if (inet_pton (AF_INET6, uri->host, &addr) == 1)
        for (i = 0; i < sizeof addr.s6_addr; i++)
          h = h * 31 + addr.s6_addr[i];
    }
  else
    h = h * 31 + sip_simple_case_hash (uri->host);
  h = h * 31 + uri->port;

  /* Only what must be present in both URIs can be hashed: which of the
   * significant parameters are there (their values may repeat), and the
   * headers (as a multiset). */
  for (i = 0; i < uri->params->len; i++)
    {
      const Field *f = uri->params->pdata[i];
      guint        k;

      for (k = 0; k < G_N_ELEMENTS (significant_params); k++)
        if (g_ascii_strcasecmp (f->name.raw, significant_params[k]) == 0)
          present |= 1u << k;
    }
  h = h * 31 + present;
  for (i = 0; i < uri->headers->len; i++)
    {
      const Field *f = uri->headers->pdata[i];

      h += sip_simple_case_hash (f->name.raw) * 7 + sip_simple_case_hash (f->value.raw);
    }
  return h;
}

/* --- Accessors --------------------------------------------------------- */

/**
 * sip_simple_uri_get_scheme:
 * @uri: a #SipSimpleUri
 *
 * Gets the scheme.
 *
 * Returns: "sip", "sips" or "tel"
 *
 * Since: 0.1
 */
const char *
sip_simple_uri_get_scheme (const SipSimpleUri *uri)
{
  g_return_val_if_fail (uri != NULL, NULL);
  return uri->scheme;
}

/**
 * sip_simple_uri_set_scheme:
 * @uri: a #SipSimpleUri
 * @scheme: "sip" or "sips" (any case)
 *
 * Switches a SIP URI between "sip" and "sips". A tel URI cannot change its
 * scheme, nor can a SIP URI become a tel URI: make a new URI instead.
 *
 * Since: 0.1
 */
void
sip_simple_uri_set_scheme (SipSimpleUri *uri, const char *scheme)
{
  g_return_if_fail (uri != NULL);
  g_return_if_fail (!is_tel (uri));
  g_return_if_fail (
      scheme != NULL
      && (g_ascii_strcasecmp (scheme, "sip") == 0 || g_ascii_strcasecmp (scheme, "sips") == 0));

  g_free (uri->scheme);
  uri->scheme = g_ascii_strdown (scheme, -1);
}

/**
 * sip_simple_uri_get_user:
 * @uri: a #SipSimpleUri
 *
 * Gets the user part, unescaped. For a tel URI this is the telephone
 * number, as written (with its visual separators).
 *
 * Returns: (nullable): the user, or %NULL if the URI has none
 *
 * Since: 0.1
 */
const char *
sip_simple_uri_get_user (const SipSimpleUri *uri)
{
  g_return_val_if_fail (uri != NULL, NULL);
  return uri->user.text;
}

/**
 * sip_simple_uri_set_user:
 * @uri: a #SipSimpleUri
 * @user: (nullable): the new user part, unescaped; %NULL or "" removes it
 *   (and the password with it)
 *
 * Sets the user part; characters that cannot appear as such are escaped
 * when the URI is written. For a tel URI this sets the telephone number,
 * which must be valid and cannot be removed.
 *
 * Since: 0.1
 */
void
sip_simple_uri_set_user (SipSimpleUri *uri, const char *user)
{
  g_return_if_fail (uri != NULL);

  if (is_tel (uri))
    {
      gboolean global;

      g_return_if_fail (user != NULL && is_tel_number (user, strlen (user), &global));
      part_clear (&uri->user);
      uri->user.raw = g_strdup (user);
      uri->user.text = g_strdup (user);
      return;
    }
  if (user == NULL || *user == '\0')
    {
      part_clear (&uri->user);
      part_clear (&uri->password);
      return;
    }
  part_set_from_text (&uri->user, user, CS_USER);
}

/**
 * sip_simple_uri_get_password:
 * @uri: a #SipSimpleUri
 *
 * Gets the password of the user part (`sip:user:password@host`), unescaped.
 * Passwords in URIs are deprecated by RFC 3261 but still parsed.
 *
 * Returns: (nullable): the password, or %NULL if there is none
 *
 * Since: 0.1
 */
const char *
sip_simple_uri_get_password (const SipSimpleUri *uri)
{
  g_return_val_if_fail (uri != NULL, NULL);
  return uri->password.text;
}

/**
 * sip_simple_uri_set_password:
 * @uri: a #SipSimpleUri
 * @password: (nullable): the password, unescaped, or %NULL to remove it
 *
 * Sets the password. It is only written when the URI has a user part.
 * A tel URI has no password.
 *
 * Since: 0.1
 */
void
sip_simple_uri_set_password (SipSimpleUri *uri, const char *password)
{
  g_return_if_fail (uri != NULL);
  g_return_if_fail (!is_tel (uri) || password == NULL);

  part_set_from_text (&uri->password, password, CS_PASSWORD);
}

/**
 * sip_simple_uri_get_host:
 * @uri: a #SipSimpleUri
 *
 * Gets the host: a host name or an IP address, in lower case. IPv6
 * addresses come without brackets ("2001:db8::1"), ready for
 * g_inet_address_new_from_string().
 *
 * Returns: (nullable): the host, or %NULL for a tel URI
 *
 * Since: 0.1
 */
const char *
sip_simple_uri_get_host (const SipSimpleUri *uri)
{
  g_return_val_if_fail (uri != NULL, NULL);
  return uri->host;
}

/**
 * sip_simple_uri_set_host:
 * @uri: a #SipSimpleUri
 * @host: a host name, an IPv4 address or an IPv6 address (with or without
 *   brackets)
 *
 * Sets the host of a SIP or SIPS URI. The host must be valid.
 *
 * Since: 0.1
 */
void
sip_simple_uri_set_host (SipSimpleUri *uri, const char *host)
{
  char *normalized;

  g_return_if_fail (uri != NULL);
  g_return_if_fail (!is_tel (uri));
  g_return_if_fail (host != NULL);

  normalized = normalize_host (host);
  g_return_if_fail (normalized != NULL);
  g_free (uri->host);
  uri->host = normalized;
}

/**
 * sip_simple_uri_get_port:
 * @uri: a #SipSimpleUri
 *
 * Gets the port.
 *
 * Returns: the port, or 0 if the URI has none
 *
 * Since: 0.1
 */
guint
sip_simple_uri_get_port (const SipSimpleUri *uri)
{
  g_return_val_if_fail (uri != NULL, 0);
  return uri->port;
}

/**
 * sip_simple_uri_set_port:
 * @uri: a #SipSimpleUri
 * @port: the port (1-65535), or 0 to remove it
 *
 * Sets the port of a SIP or SIPS URI.
 *
 * Since: 0.1
 */
void
sip_simple_uri_set_port (SipSimpleUri *uri, guint port)
{
  g_return_if_fail (uri != NULL);
  g_return_if_fail (!is_tel (uri) || port == 0);
  g_return_if_fail (port <= 65535);
  uri->port = port;
}

static int
find_by_text (GPtrArray *fields, const char *name, guint from)
{
  guint i;

  for (i = from; i < fields->len; i++)
    {
      const Field *f = fields->pdata[i];

      if (g_ascii_strcasecmp (f->name.text, name) == 0)
        return (int)i;
    }
  return -1;
}

static GStrv
field_names (GPtrArray *fields)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv         names;
  guint         i;

  for (i = 0; i < fields->len; i++)
    g_strv_builder_add (builder, ((const Field *)fields->pdata[i])->name.text);
  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return names;
}

/* Replaces the value of the first field called @name and drops the others,
 * or appends a new field. */
static void
set_field (GPtrArray *fields, const char *name, const char *value, CharSet cs)
{
  int    i = find_by_text (fields, name, 0);
  Field *f;

  if (i < 0)
    {
      f = g_new0 (Field, 1);
      part_set_from_text (&f->name, name, cs);
      g_ptr_array_add (fields, f);
    }
  else
    {
      int dup;

      f = fields->pdata[i];
      while ((dup = find_by_text (fields, name, i + 1)) >= 0)
        g_ptr_array_remove_index (fields, dup);
    }
  part_set_from_text (&f->value, value, cs);
}

static gboolean
remove_fields (GPtrArray *fields, const char *name)
{
  gboolean removed = FALSE;
  int      i;

  while ((i = find_by_text (fields, name, 0)) >= 0)
    {
      g_ptr_array_remove_index (fields, i);
      removed = TRUE;
    }
  return removed;
}

/**
 * sip_simple_uri_get_param:
 * @uri: a #SipSimpleUri
 * @name: a parameter name (any case)
 *
 * Gets the unescaped value of the first URI parameter called @name.
 *
 * Returns: (nullable): the value, "" for a parameter without value (such as
 *   `;lr`), or %NULL if there is no such parameter
 *
 * Since: 0.1
 */
const char *
sip_simple_uri_get_param (const SipSimpleUri *uri, const char *name)
{
  int i;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  i = find_by_text (uri->params, name, 0);
  if (i < 0)
    return NULL;
  return ((const Field *)uri->params->pdata[i])->value.text
             ? ((const Field *)uri->params->pdata[i])->value.text
             : "";
}

/**
 * sip_simple_uri_has_param:
 * @uri: a #SipSimpleUri
 * @name: a parameter name (any case)
 *
 * Tells whether the URI has a parameter called @name, with or without value.
 *
 * Returns: %TRUE if the parameter is present
 *
 * Since: 0.1
 */
gboolean
sip_simple_uri_has_param (const SipSimpleUri *uri, const char *name)
{
  g_return_val_if_fail (uri != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return find_by_text (uri->params, name, 0) >= 0;
}

/**
 * sip_simple_uri_set_param:
 * @uri: a #SipSimpleUri
 * @name: a parameter name
 * @value: (nullable): the unescaped value, or %NULL for a parameter without
 *   value (such as `;lr`)
 *
 * Sets a URI parameter, replacing any parameter of that name (the first one
 * keeps its place) or appending it.
 *
 * Since: 0.1
 */
void
sip_simple_uri_set_param (SipSimpleUri *uri, const char *name, const char *value)
{
  g_return_if_fail (uri != NULL);
  g_return_if_fail (name != NULL && *name != '\0');
  g_return_if_fail (value == NULL || *value != '\0');

  set_field (uri->params, name, value, CS_PARAM);
}

/**
 * sip_simple_uri_remove_param:
 * @uri: a #SipSimpleUri
 * @name: a parameter name (any case)
 *
 * Removes every URI parameter called @name.
 *
 * Returns: %TRUE if a parameter was removed
 *
 * Since: 0.1
 */
gboolean
sip_simple_uri_remove_param (SipSimpleUri *uri, const char *name)
{
  g_return_val_if_fail (uri != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return remove_fields (uri->params, name);
}

/**
 * sip_simple_uri_get_param_names:
 * @uri: a #SipSimpleUri
 *
 * Lists the names of the URI parameters in the order they appear.
 *
 * Returns: (transfer full) (array zero-terminated=1): the parameter names
 *
 * Since: 0.1
 */
GStrv
sip_simple_uri_get_param_names (const SipSimpleUri *uri)
{
  g_return_val_if_fail (uri != NULL, NULL);
  return field_names (uri->params);
}

/**
 * sip_simple_uri_get_header:
 * @uri: a #SipSimpleUri
 * @name: a header name (any case)
 *
 * Gets the unescaped value of the first URI header called @name (the part
 * after `?`, as in `sip:bob@example.com?Subject=hello%20there`).
 *
 * Returns: (nullable): the value, or %NULL if there is no such header
 *
 * Since: 0.1
 */
const char *
sip_simple_uri_get_header (const SipSimpleUri *uri, const char *name)
{
  int i;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  i = find_by_text (uri->headers, name, 0);
  return i < 0 ? NULL : ((const Field *)uri->headers->pdata[i])->value.text;
}

/**
 * sip_simple_uri_set_header:
 * @uri: a #SipSimpleUri
 * @name: a header name
 * @value: the unescaped value (may be "")
 *
 * Sets a URI header, replacing any header of that name or appending it.
 * tel URIs have no headers.
 *
 * Since: 0.1
 */
void
sip_simple_uri_set_header (SipSimpleUri *uri, const char *name, const char *value)
{
  g_return_if_fail (uri != NULL);
  g_return_if_fail (!is_tel (uri));
  g_return_if_fail (name != NULL && *name != '\0');
  g_return_if_fail (value != NULL);

  set_field (uri->headers, name, value, CS_HEADER);
}

/**
 * sip_simple_uri_remove_header:
 * @uri: a #SipSimpleUri
 * @name: a header name (any case)
 *
 * Removes every URI header called @name.
 *
 * Returns: %TRUE if a header was removed
 *
 * Since: 0.1
 */
gboolean
sip_simple_uri_remove_header (SipSimpleUri *uri, const char *name)
{
  g_return_val_if_fail (uri != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return remove_fields (uri->headers, name);
}

/**
 * sip_simple_uri_get_header_names:
 * @uri: a #SipSimpleUri
 *
 * Lists the names of the URI headers in the order they appear.
 *
 * Returns: (transfer full) (array zero-terminated=1): the header names
 *
 * Since: 0.1
 */
GStrv
sip_simple_uri_get_header_names (const SipSimpleUri *uri)
{
  g_return_val_if_fail (uri != NULL, NULL);
  return field_names (uri->headers);
}

/**
 * sip_simple_uri_get_transport:
 * @uri: a #SipSimpleUri
 *
 * Gets the `transport` parameter in lower case ("udp", "tcp", "tls", "ws",
 * ...). No default is applied: a URI without the parameter gives %NULL.
 *
 * Returns: (transfer full) (nullable): the transport, or %NULL
 *
 * Since: 0.1
 */
char *
sip_simple_uri_get_transport (const SipSimpleUri *uri)
{
  const char *value;

  g_return_val_if_fail (uri != NULL, NULL);

  value = sip_simple_uri_get_param (uri, "transport");
  if (value == NULL || *value == '\0')
    return NULL;
  return g_ascii_strdown (value, -1);
}

/**
 * sip_simple_uri_is_secure:
 * @uri: a #SipSimpleUri
 *
 * Tells whether this is a SIPS URI, which asks for TLS on every hop.
 *
 * Returns: %TRUE for a `sips:` URI
 *
 * Since: 0.1
 */
gboolean
sip_simple_uri_is_secure (const SipSimpleUri *uri)
{
  g_return_val_if_fail (uri != NULL, FALSE);
  return strcmp (uri->scheme, "sips") == 0;
}

/**
 * sip_simple_uri_get_aor:
 * @uri: a #SipSimpleUri
 *
 * Gets the address of record: "user@host", or "host" when there is no user
 * part, without scheme, password, port, parameters or headers. The user
 * part stays escaped, IPv6 hosts are in brackets. For a tel URI it is the
 * telephone number. This is what accounts use as their identifier.
 *
 * Returns: (transfer full): the address of record
 *
 * Since: 0.1
 */
char *
sip_simple_uri_get_aor (const SipSimpleUri *uri)
{
  GString *out;

  g_return_val_if_fail (uri != NULL, NULL);

  if (is_tel (uri))
    return g_strdup (uri->user.raw);
  out = g_string_new (NULL);
  if (uri->user.raw != NULL)
    g_string_append_printf (out, "%s@", uri->user.raw);
  append_host (out, uri->host);
  return g_string_free (out, FALSE);
}
