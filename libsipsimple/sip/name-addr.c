/* libsipsimple - SipSimpleNameAddr
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/sip/name-addr.h>
#include <sipsimple/sip/error.h>
#include <sipsimple/sip/uri.h>

#include "sip-internal.h"

#include <string.h>

/**
 * SipSimpleNameAddr:
 *
 * An address as it appears in From, To, Contact, Route and similar header
 * fields: an optional display name, a [struct@SipSimple.Uri] and header
 * parameters, as in `"Alice Smith" <sip:alice@example.com>;tag=abc`
 * (RFC 3261 sections 20.10 and 25.1).
 *
 * [ctor@SipSimple.NameAddr.parse] reads both the name-addr form (URI in
 * angle brackets) and the bare addr-spec form (`sip:alice@example.com;tag=abc`).
 * In the bare form the parameters after the URI belong to the header field,
 * not to the URI (RFC 3261 section 20.10), and a URI that has a `?`, `;` or
 * `,` of its own must be written in angle brackets.
 * [method@SipSimple.NameAddr.to_string] always writes the bracketed form.
 *
 * Parameter values are returned without the quotes of a quoted string, and
 * are written back quoted when they were quoted or when they are not a
 * token.
 *
 * A #SipSimpleNameAddr is mutable and reference counted.
 *
 * Since: 0.1
 */

typedef struct
{
  char    *name;
  char    *value;  /* NULL for a flag parameter */
  gboolean quoted; /* write the value as a quoted-string */
} Param;

struct _SipSimpleNameAddr
{
  gatomicrefcount ref_count;
  char           *display_name; /* NULL: none */
  SipSimpleUri   *uri;
  GPtrArray      *params; /* Param * */
};

G_DEFINE_BOXED_TYPE (SipSimpleNameAddr, sip_simple_name_addr, sip_simple_name_addr_ref,
                     sip_simple_name_addr_unref)

static void
param_free (Param *p)
{
  g_free (p->name);
  g_free (p->value);
  g_free (p);
}

static Param *
param_new (const char *name, gssize name_len, char *value, gboolean quoted)
{
  Param *p = g_new0 (Param, 1);

  p->name = name_len < 0 ? g_strdup (name) : g_strndup (name, name_len);
  p->value = value;
  p->quoted = quoted;
  return p;
}

static SipSimpleNameAddr *
name_addr_alloc (void)
{
  SipSimpleNameAddr *self = g_new0 (SipSimpleNameAddr, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->params = g_ptr_array_new_with_free_func ((GDestroyNotify)param_free);
  return self;
}

/* CR and LF cannot be written inside a quoted string (not even escaped):
 * they become spaces. */
static char *
sanitize_display_name (const char *display_name)
{
  char *copy = g_strdup (display_name);
  char *p;

  for (p = copy; p && *p; p++)
    if (*p == '\r' || *p == '\n')
      *p = ' ';
  return copy;
}

/**
 * sip_simple_name_addr_new: (constructor)
 * @display_name: (nullable): the display name, or %NULL for none
 * @uri: the address
 *
 * Makes a name-addr from a display name and a URI. The URI is shared, not
 * copied: the name-addr takes a reference to it. Line breaks in the
 * display name become spaces.
 *
 * Returns: (transfer full): a new #SipSimpleNameAddr
 *
 * Since: 0.1
 */
SipSimpleNameAddr *
sip_simple_name_addr_new (const char *display_name, SipSimpleUri *uri)
{
  SipSimpleNameAddr *self;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (display_name == NULL || g_utf8_validate (display_name, -1, NULL), NULL);

  self = name_addr_alloc ();
  self->display_name = sanitize_display_name (display_name);
  self->uri = sip_simple_uri_ref (uri);
  return self;
}

/**
 * sip_simple_name_addr_ref:
 * @self: a #SipSimpleNameAddr
 *
 * Takes a reference.
 *
 * Returns: (transfer full): @self
 *
 * Since: 0.1
 */
SipSimpleNameAddr *
sip_simple_name_addr_ref (SipSimpleNameAddr *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * sip_simple_name_addr_unref:
 * @self: (transfer full): a #SipSimpleNameAddr
 *
 * Drops a reference; the last one frees the name-addr.
 *
 * Since: 0.1
 */
void
sip_simple_name_addr_unref (SipSimpleNameAddr *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->display_name);
  g_clear_pointer (&self->uri, sip_simple_uri_unref);
  g_ptr_array_unref (self->params);
  g_free (self);
}

/**
 * sip_simple_name_addr_copy:
 * @self: a #SipSimpleNameAddr
 *
 * Makes an independent copy of @self, URI included.
 *
 * Returns: (transfer full): a new #SipSimpleNameAddr
 *
 * Since: 0.1
 */
SipSimpleNameAddr *
sip_simple_name_addr_copy (const SipSimpleNameAddr *self)
{
  SipSimpleNameAddr *copy;
  guint              i;

  g_return_val_if_fail (self != NULL, NULL);

  copy = name_addr_alloc ();
  copy->display_name = g_strdup (self->display_name);
  copy->uri = sip_simple_uri_copy (self->uri);
  for (i = 0; i < self->params->len; i++)
    {
      const Param *p = self->params->pdata[i];

      g_ptr_array_add (copy->params, param_new (p->name, -1, g_strdup (p->value), p->quoted));
    }
  return copy;
}

/* --- Parsing ----------------------------------------------------------- */

static gboolean
is_lws (char c)
{
  return c == ' ' || c == '\t';
}

static const char *
skip_lws (const char *p)
{
  while (is_lws (*p))
    p++;
  return p;
}

/* Reads a quoted-string starting at the opening quote; on success *pp is
 * just after the closing quote and *out holds the unescaped text. */
static gboolean
parse_quoted (const char **pp, char **out, char **problem)
{
  const char *s = *pp + 1;
  GString    *text = g_string_new (NULL);

  while (*s != '\0' && *s != '"')
    {
      guchar c = *s;

      if (c == '\\')
        {
          c = s[1];
          if (c == '\0')
            break;
          if (c == '\r' || c == '\n' || c >= 0x80)
            {
              *problem = g_strdup ("invalid escape in quoted string");
              g_string_free (text, TRUE);
              return FALSE;
            }
          g_string_append_c (text, c);
          s += 2;
          continue;
        }
      if ((c < 0x20 && c != '\t') || c == 0x7f)
        {
          *problem = g_strdup ("control character in quoted string");
          g_string_free (text, TRUE);
          return FALSE;
        }
      g_string_append_c (text, c);
      s++;
    }
  if (*s != '"')
    {
      *problem = g_strdup ("unterminated quoted string");
      g_string_free (text, TRUE);
      return FALSE;
    }
  *pp = s + 1;
  *out = g_string_free (text, FALSE);
  return TRUE;
}

/* display-name = *(token LWS): the tokens, joined by single spaces. Bytes
 * beyond ASCII are let through (UTF-8 was checked): many agents send
 * unquoted non-ASCII names. */
static gboolean
parse_token_display_name (const char *s, const char *end, char **out, char **problem)
{
  GString *text = g_string_new (NULL);

  while (s < end)
    {
      const char *start;

      s = skip_lws (s);
      if (s >= end)
        break;
      start = s;
      while (s < end && (sip_simple_is_token_char (*s) || (guchar)*s >= 0x80))
        s++;
      if (s == start || (s < end && !is_lws (*s)))
        {
          guchar c = s < end ? *s : *start;

          *problem = c > 0x20 && c < 0x7f
                         ? g_strdup_printf ("invalid character '%c' in display name", c)
                         : g_strdup_printf ("invalid character 0x%02X in display name", c);
          g_string_free (text, TRUE);
          return FALSE;
        }
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append_len (text, start, s - start);
    }
  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      *out = NULL;
    }
  else
    *out = g_string_free (text, FALSE);
  return TRUE;
}

static gboolean
is_value_char (guchar c)
{
  /* gen-value = token / host / quoted-string; host adds IPv6 references */
  return sip_simple_is_token_char (c) || c == '[' || c == ']' || c == ':';
}

static gboolean
parse_params (SipSimpleNameAddr *self, const char *p, char **problem)
{
  for (;;)
    {
      const char *name;
      gsize       name_len;
      char       *value = NULL;
      gboolean    quoted = FALSE;

      p = skip_lws (p);
      if (*p == '\0')
        return TRUE;
      if (*p != ';')
        {
          if (*p == ',')
            *problem = g_strdup ("several addresses where one was expected");
          else if ((guchar)*p > 0x20 && (guchar)*p < 0x7f)
            *problem = g_strdup_printf ("unexpected character '%c' after the address", *p);
          else
            *problem
                = g_strdup_printf ("unexpected character 0x%02X after the address", (guchar)*p);
          return FALSE;
        }
      p = skip_lws (p + 1);
      name = p;
      while (sip_simple_is_token_char (*p))
        p++;
      name_len = p - name;
      if (name_len == 0)
        {
          if (*p == ';' || *p == '\0')
            *problem = g_strdup ("empty parameter");
          else if ((guchar)*p > 0x20 && (guchar)*p < 0x7f)
            *problem = g_strdup_printf ("invalid character '%c' in parameter name", *p);
          else
            *problem = g_strdup_printf ("invalid character 0x%02X in parameter name", (guchar)*p);
          return FALSE;
        }
      p = skip_lws (p);
      if (*p == '=')
        {
          p = skip_lws (p + 1);
          if (*p == '"')
            {
              if (!parse_quoted (&p, &value, problem))
                return FALSE;
              quoted = TRUE;
            }
          else
            {
              const char *start = p;

              while (is_value_char (*p))
                p++;
              if (p == start)
                {
                  *problem
                      = g_strdup_printf ("empty value for parameter \"%.*s\"", (int)name_len, name);
                  return FALSE;
                }
              value = g_strndup (start, p - start);
            }
        }
      g_ptr_array_add (self->params, param_new (name, name_len, value, quoted));
    }
}

static gboolean
parse_uri_part (SipSimpleNameAddr *self, const char *text, gsize len, char **problem)
{
  g_autofree char *uri_text = g_strndup (text, len);
  g_autoptr (GError) error = NULL;

  self->uri = sip_simple_uri_parse (uri_text, &error);
  if (self->uri == NULL)
    {
      *problem = g_strdup (error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_name_addr (SipSimpleNameAddr *self, const char *text, char **problem)
{
  const char *p = skip_lws (text);
  const char *langle;

  if (*p == '\0')
    {
      *problem = g_strdup ("empty input");
      return FALSE;
    }

  if (*p == '"')
    {
      if (!parse_quoted (&p, &self->display_name, problem))
        return FALSE;
      p = skip_lws (p);
      if (*p != '<')
        {
          *problem = g_strdup ("expected '<' after the display name");
          return FALSE;
        }
    }
  else if ((langle = p + strcspn (p, "<;\"")) && *langle == '<')
    {
      /* a token display name cannot hold ';' or '"': a '<' after one of
       * them is inside the parameters of an addr-spec */
      if (!parse_token_display_name (p, langle, &self->display_name, problem))
        return FALSE;
      p = langle;
    }

  if (*p == '<')
    {
      const char *rangle = strchr (p + 1, '>');

      if (rangle == NULL)
        {
          *problem = g_strdup ("missing '>'");
          return FALSE;
        }
      if (!parse_uri_part (self, p + 1, rangle - p - 1, problem))
        return FALSE;
      p = rangle + 1;
    }
  else
    {
      /* addr-spec: the URI ends at the first ';' or white space, and
       * everything after it belongs to the header field */
      gsize       len = strcspn (p, "; \t");
      const char *special = NULL;

      if (memchr (p, ',', len) != NULL)
        special = ",";
      else if (memchr (p, '?', len) != NULL)
        special = "?";
      if (special != NULL)
        {
          *problem = g_strdup_printf (
              "%s; a URI with '%s' must be enclosed in '<' '>'",
              *special == ',' ? "several addresses or a bare ','" : "a bare '?'", special);
          return FALSE;
        }
      if (memchr (p, '>', len) != NULL)
        {
          *problem = g_strdup ("'>' without '<'");
          return FALSE;
        }
      if (!parse_uri_part (self, p, len, problem))
        return FALSE;
      p += len;
    }

  return parse_params (self, p, problem);
}

/**
 * sip_simple_name_addr_parse: (constructor)
 * @text: (nullable): a header field value such as
 *   `"Alice" <sip:alice@example.com>;tag=abc` or `sip:alice@example.com;tag=abc`
 * @error: return location for a #GError, or %NULL
 *
 * Reads one address with its header parameters. Quoted display names may
 * contain escapes (`"J Rosenberg \\\""`); an unquoted display name is a
 * sequence of tokens (`Alice Smith <sip:alice@example.com>`). White space
 * around the value, around `;` and around `=` is allowed; line breaks are
 * not (unfold header lines first, as [ctor@SipSimple.Headers.parse] does).
 *
 * On failure @error is set in the %SIP_SIMPLE_PARSE_ERROR domain with the
 * code %SIP_SIMPLE_PARSE_ERROR_INVALID_NAME_ADDR; its message names the input
 * and the problem (including the URI problem, when it is the URI that is
 * wrong).
 *
 * Returns: (transfer full): a new #SipSimpleNameAddr, or %NULL on error
 *
 * Since: 0.1
 */
SipSimpleNameAddr *
sip_simple_name_addr_parse (const char *text, GError **error)
{
  g_autoptr (SipSimpleNameAddr) self = NULL;
  g_autofree char *problem = NULL;
  const char      *p;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text == NULL || *text == '\0')
    problem = g_strdup ("empty input");
  else if (!g_utf8_validate (text, -1, NULL))
    problem = g_strdup ("invalid UTF-8");
  else
    for (p = text; *p; p++)
      if (*p == '\r' || *p == '\n')
        {
          problem = g_strdup_printf ("line break at position %u", (guint)(p - text));
          break;
        }

  if (problem == NULL)
    {
      self = name_addr_alloc ();
      if (parse_name_addr (self, text, &problem))
        return g_steal_pointer (&self);
    }

  {
    g_autofree char *input = sip_simple_describe_input (text, -1);

    g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_NAME_ADDR,
                 "Invalid address %s: %s", input, problem);
  }
  return NULL;
}

/* --- Writing ----------------------------------------------------------- */

static void
append_quoted (GString *out, const char *text)
{
  const char *s;

  g_string_append_c (out, '"');
  for (s = text; *s; s++)
    {
      guchar c = *s;

      /* quoted-pair covers every ASCII character but CR and LF */
      if (c == '"' || c == '\\' || (c < 0x20 && c != '\t') || c == 0x7f)
        g_string_append_c (out, '\\');
      g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

static gboolean
value_needs_quotes (const char *value)
{
  const char *s;

  if (*value == '\0')
    return TRUE;
  for (s = value; *s; s++)
    if (!is_value_char (*s))
      return TRUE;
  return FALSE;
}

/**
 * sip_simple_name_addr_to_string:
 * @self: a #SipSimpleNameAddr
 *
 * Writes the address as a header field value: the display name quoted (if
 * there is one), the URI in angle brackets, then the header parameters,
 * as in `"Alice Smith" <sip:alice@example.com>;tag=abc`.
 *
 * Returns: (transfer full): the text
 *
 * Since: 0.1
 */
char *
sip_simple_name_addr_to_string (const SipSimpleNameAddr *self)
{
  g_autofree char *uri = NULL;
  GString         *out;
  guint            i;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);
  if (self->display_name != NULL)
    {
      append_quoted (out, self->display_name);
      g_string_append_c (out, ' ');
    }
  uri = sip_simple_uri_to_string (self->uri);
  g_string_append_printf (out, "<%s>", uri);
  for (i = 0; i < self->params->len; i++)
    {
      const Param *p = self->params->pdata[i];

      g_string_append_printf (out, ";%s", p->name);
      if (p->value == NULL)
        continue;
      g_string_append_c (out, '=');
      if (p->quoted)
        append_quoted (out, p->value);
      else
        g_string_append (out, p->value);
    }
  return g_string_free (out, FALSE);
}

/* --- Comparison -------------------------------------------------------- */

static gboolean
param_equal (const Param *a, const Param *b)
{
  if (g_ascii_strcasecmp (a->name, b->name) != 0)
    return FALSE;
  if (a->value == NULL || b->value == NULL)
    return a->value == b->value;
  return g_ascii_strcasecmp (a->value, b->value) == 0;
}

static guint
count_param (GPtrArray *params, const Param *p)
{
  guint i, n = 0;

  for (i = 0; i < params->len; i++)
    if (param_equal (params->pdata[i], p))
      n++;
  return n;
}

/**
 * sip_simple_name_addr_equal:
 * @self: a #SipSimpleNameAddr
 * @other: another #SipSimpleNameAddr
 *
 * Compares two addresses: their URIs must be equal by
 * [method@SipSimple.Uri.equal] and they must have the same header
 * parameters, in any order, names and values compared without regard to
 * case. The display name is presentation only and is not compared.
 *
 * Returns: %TRUE if the addresses are equal
 *
 * Since: 0.1
 */
gboolean
sip_simple_name_addr_equal (const SipSimpleNameAddr *self, const SipSimpleNameAddr *other)
{
  guint i;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (other != NULL, FALSE);

  if (self == other)
    return TRUE;
  if (!sip_simple_uri_equal (self->uri, other->uri))
    return FALSE;
  if (self->params->len != other->params->len)
    return FALSE;
  for (i = 0; i < self->params->len; i++)
    if (count_param (self->params, self->params->pdata[i])
        != count_param (other->params, self->params->pdata[i]))
      return FALSE;
  return TRUE;
}

/**
 * sip_simple_name_addr_hash:
 * @self: a #SipSimpleNameAddr
 *
 * A hash value consistent with [method@SipSimple.NameAddr.equal].
 *
 * Returns: the hash value
 *
 * Since: 0.1
 */
guint
sip_simple_name_addr_hash (const SipSimpleNameAddr *self)
{
  guint h;
  guint i;

  g_return_val_if_fail (self != NULL, 0);

  h = sip_simple_uri_hash (self->uri);
  for (i = 0; i < self->params->len; i++)
    {
      const Param *p = self->params->pdata[i];

      h += sip_simple_case_hash (p->name) * 7 + (p->value ? sip_simple_case_hash (p->value) : 1);
    }
  return h;
}

/* --- Accessors --------------------------------------------------------- */

/**
 * sip_simple_name_addr_get_display_name:
 * @self: a #SipSimpleNameAddr
 *
 * Gets the display name, unquoted and unescaped.
 *
 * Returns: (nullable): the display name, or %NULL if there is none
 *
 * Since: 0.1
 */
const char *
sip_simple_name_addr_get_display_name (const SipSimpleNameAddr *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->display_name;
}

/**
 * sip_simple_name_addr_set_display_name:
 * @self: a #SipSimpleNameAddr
 * @display_name: (nullable): the new display name (UTF-8), or %NULL for none
 *
 * Sets the display name. Line breaks become spaces; quotes and backslashes
 * are escaped when the address is written.
 *
 * Since: 0.1
 */
void
sip_simple_name_addr_set_display_name (SipSimpleNameAddr *self, const char *display_name)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (display_name == NULL || g_utf8_validate (display_name, -1, NULL));

  g_free (self->display_name);
  self->display_name = sanitize_display_name (display_name);
}

/**
 * sip_simple_name_addr_get_uri:
 * @self: a #SipSimpleNameAddr
 *
 * Gets the URI. It belongs to the name-addr: changing it changes the
 * address.
 *
 * Returns: (transfer none): the URI
 *
 * Since: 0.1
 */
SipSimpleUri *
sip_simple_name_addr_get_uri (const SipSimpleNameAddr *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->uri;
}

/**
 * sip_simple_name_addr_set_uri:
 * @self: a #SipSimpleNameAddr
 * @uri: the new URI
 *
 * Replaces the URI. The name-addr takes a reference to @uri (it is shared,
 * not copied).
 *
 * Since: 0.1
 */
void
sip_simple_name_addr_set_uri (SipSimpleNameAddr *self, SipSimpleUri *uri)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (uri != NULL);

  sip_simple_uri_ref (uri);
  sip_simple_uri_unref (self->uri);
  self->uri = uri;
}

static int
find_param (GPtrArray *params, const char *name, guint from)
{
  guint i;

  for (i = from; i < params->len; i++)
    if (g_ascii_strcasecmp (((const Param *)params->pdata[i])->name, name) == 0)
      return (int)i;
  return -1;
}

/**
 * sip_simple_name_addr_get_param:
 * @self: a #SipSimpleNameAddr
 * @name: a header parameter name (any case)
 *
 * Gets the value of the first header parameter called @name; a quoted
 * value comes without its quotes and escapes.
 *
 * Returns: (nullable): the value, "" for a parameter without value, or
 *   %NULL if there is no such parameter
 *
 * Since: 0.1
 */
const char *
sip_simple_name_addr_get_param (const SipSimpleNameAddr *self, const char *name)
{
  const Param *p;
  int          i;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  i = find_param (self->params, name, 0);
  if (i < 0)
    return NULL;
  p = self->params->pdata[i];
  return p->value ? p->value : "";
}

/**
 * sip_simple_name_addr_has_param:
 * @self: a #SipSimpleNameAddr
 * @name: a header parameter name (any case)
 *
 * Tells whether there is a header parameter called @name.
 *
 * Returns: %TRUE if the parameter is present
 *
 * Since: 0.1
 */
gboolean
sip_simple_name_addr_has_param (const SipSimpleNameAddr *self, const char *name)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  return find_param (self->params, name, 0) >= 0;
}

/**
 * sip_simple_name_addr_set_param:
 * @self: a #SipSimpleNameAddr
 * @name: a header parameter name (a token)
 * @value: (nullable): the value, or %NULL for a parameter without value
 *
 * Sets a header parameter, replacing any parameter of that name (the first
 * keeps its place) or appending it. A value that is not a token (or host)
 * is written as a quoted string. Values cannot contain line breaks.
 *
 * Since: 0.1
 */
void
sip_simple_name_addr_set_param (SipSimpleNameAddr *self, const char *name, const char *value)
{
  int    i, dup;
  Param *p;

  g_return_if_fail (self != NULL);
  g_return_if_fail (sip_simple_is_token (name, -1));
  g_return_if_fail (value == NULL
                    || (strpbrk (value, "\r\n") == NULL && g_utf8_validate (value, -1, NULL)));

  i = find_param (self->params, name, 0);
  if (i < 0)
    {
      g_ptr_array_add (self->params, param_new (name, -1, NULL, FALSE));
      i = self->params->len - 1;
    }
  while ((dup = find_param (self->params, name, i + 1)) >= 0)
    g_ptr_array_remove_index (self->params, dup);

  p = self->params->pdata[i];
  g_free (p->value);
  p->value = g_strdup (value);
  p->quoted = value != NULL && value_needs_quotes (value);
}

/**
 * sip_simple_name_addr_remove_param:
 * @self: a #SipSimpleNameAddr
 * @name: a header parameter name (any case)
 *
 * Removes every header parameter called @name.
 *
 * Returns: %TRUE if a parameter was removed
 *
 * Since: 0.1
 */
gboolean
sip_simple_name_addr_remove_param (SipSimpleNameAddr *self, const char *name)
{
  gboolean removed = FALSE;
  int      i;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  while ((i = find_param (self->params, name, 0)) >= 0)
    {
      g_ptr_array_remove_index (self->params, i);
      removed = TRUE;
    }
  return removed;
}

/**
 * sip_simple_name_addr_get_param_names:
 * @self: a #SipSimpleNameAddr
 *
 * Lists the header parameter names in the order they appear.
 *
 * Returns: (transfer full) (array zero-terminated=1): the names
 *
 * Since: 0.1
 */
GStrv
sip_simple_name_addr_get_param_names (const SipSimpleNameAddr *self)
{
  GStrvBuilder *builder;
  GStrv         names;
  guint         i;

  g_return_val_if_fail (self != NULL, NULL);

  builder = g_strv_builder_new ();
  for (i = 0; i < self->params->len; i++)
    g_strv_builder_add (builder, ((const Param *)self->params->pdata[i])->name);
  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return names;
}

/**
 * sip_simple_name_addr_get_tag:
 * @self: a #SipSimpleNameAddr
 *
 * Gets the `tag` parameter, which identifies a dialog's side in From and To.
 *
 * Returns: (nullable): the tag, or %NULL if there is none
 *
 * Since: 0.1
 */
const char *
sip_simple_name_addr_get_tag (const SipSimpleNameAddr *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return sip_simple_name_addr_get_param (self, "tag");
}

/**
 * sip_simple_name_addr_set_tag:
 * @self: a #SipSimpleNameAddr
 * @tag: (nullable): the tag (a token), or %NULL to remove it
 *
 * Sets or removes the `tag` parameter.
 *
 * Since: 0.1
 */
void
sip_simple_name_addr_set_tag (SipSimpleNameAddr *self, const char *tag)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (tag == NULL || sip_simple_is_token (tag, -1));

  if (tag == NULL)
    sip_simple_name_addr_remove_param (self, "tag");
  else
    sip_simple_name_addr_set_param (self, "tag", tag);
}

/* --- Lists ------------------------------------------------------------- */

static char *
trimmed (const char *start, const char *end)
{
  while (start < end && is_lws (*start))
    start++;
  while (end > start && is_lws (end[-1]))
    end--;
  return g_strndup (start, end - start);
}

GPtrArray *
sip_simple_name_addr_split_list (const char *value)
{
  GPtrArray  *items = g_ptr_array_new_with_free_func (g_free);
  const char *start = value;
  const char *p;
  gboolean    in_quotes = FALSE;
  gboolean    in_angle = FALSE;

  for (p = value; *p; p++)
    {
      if (in_quotes)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          else if (*p == '"')
            in_quotes = FALSE;
        }
      else if (in_angle)
        {
          if (*p == '>')
            in_angle = FALSE;
        }
      else if (*p == '"')
        in_quotes = TRUE;
      else if (*p == '<')
        in_angle = TRUE;
      else if (*p == ',')
        {
          g_ptr_array_add (items, trimmed (start, p));
          start = p + 1;
        }
    }
  g_ptr_array_add (items, trimmed (start, p));
  return items;
}
