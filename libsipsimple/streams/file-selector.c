/* libsipsimple - SipSimpleFileSelector
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/streams/file-selector.h>
#include <sipsimple/streams/media-stream.h>

#include <string.h>

/**
 * SipSimpleFileSelector:
 *
 * What an `a=file-selector` attribute (RFC 5547) says about a file: its
 * name, size, media type and SHA-1 hash, each optional. A
 * [class@SipSimple.FileTransferStream] offers one for the file it pushes,
 * or asks for a file by one; the receiving application looks at it on the
 * proposed stream before accepting.
 *
 * The hash is written as in SDP: `sha-1:` followed by the 20 bytes in
 * upper-case hex separated by colons.
 *
 * Since: 0.1
 */
struct _SipSimpleFileSelector
{
  gatomicrefcount ref_count;
  char           *name;
  gint64          size;
  char           *content_type;
  char           *hash;
};

G_DEFINE_BOXED_TYPE (SipSimpleFileSelector, sip_simple_file_selector, sip_simple_file_selector_ref,
                     sip_simple_file_selector_unref)

static gboolean
invalid (GError **error, const char *why, const char *text)
{
  const char      *t = text ? text : "";
  g_autofree char *shown = g_utf8_make_valid (t, (gssize)MIN (strlen (t), 80)); /* shown in part */

  g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP,
               "Bad file-selector (%s): %s", why, shown);
  return FALSE;
}

/* sha-1:HH:HH:…:HH, 20 bytes */
static gboolean
valid_hash (const char *hash)
{
  const char *p;

  if (g_ascii_strncasecmp (hash, "sha-1:", 6) != 0)
    return FALSE;
  p = hash + 6;
  for (int i = 0; i < 20; i++)
    {
      if (!g_ascii_isxdigit (p[0]) || !g_ascii_isxdigit (p[1]))
        return FALSE;
      p += 2;
      if (i < 19)
        {
          if (*p != ':')
            return FALSE;
          p++;
        }
    }
  return *p == '\0';
}

static gboolean
valid_type (const char *t)
{
  const char *slash = strchr (t, '/');

  if (slash == NULL || slash == t || slash[1] == '\0')
    return FALSE;
  for (const char *p = t; *p; p++)
    if ((guchar)*p <= ' ' || *p == '"')
      return FALSE;
  return TRUE;
}

/**
 * sip_simple_file_selector_new:
 * @name: (nullable): the file name (no directories), UTF-8
 * @size: the size in bytes, or -1 when not given
 * @content_type: (nullable): the media type, such as `image/png`
 * @hash: (nullable): `sha-1:` and the colon-separated hex digest
 *
 * Makes a file selector from its parts.
 *
 * Returns: (transfer full): a new selector; invalid values (a name with a
 *   `/`, a malformed hash or type) are dropped
 *
 * Since: 0.1
 */
SipSimpleFileSelector *
sip_simple_file_selector_new (const char *name, gint64 size, const char *content_type,
                              const char *hash)
{
  SipSimpleFileSelector *self = g_new0 (SipSimpleFileSelector, 1);

  g_atomic_ref_count_init (&self->ref_count);
  if (name && *name && g_utf8_validate (name, -1, NULL) && strchr (name, '/') == NULL)
    self->name = g_strdup (name);
  self->size = size < 0 ? -1 : size;
  if (content_type && valid_type (content_type))
    self->content_type = g_strdup (content_type);
  if (hash && valid_hash (hash))
    {
      self->hash = g_ascii_strup (hash, -1);
      memcpy (self->hash, "sha-1", 5);
    }
  return self;
}

/**
 * sip_simple_file_selector_parse:
 * @text: the value of an `a=file-selector` attribute, such as
 *   `name:"a.txt" type:text/plain size:12 hash:sha-1:…`
 * @error: return location for a #GError
 *
 * Parses a file selector. Unknown selectors are skipped; a malformed
 * known one, an unterminated quote or an empty selector is an error
 * (%SIP_SIMPLE_MEDIA_STREAM_ERROR_INVALID_SDP).
 *
 * Returns: (transfer full) (nullable): the selector, or %NULL with @error set
 *
 * Since: 0.1
 */
SipSimpleFileSelector *
sip_simple_file_selector_parse (const char *text, GError **error)
{
  g_autofree char *name = NULL;
  g_autofree char *type = NULL;
  g_autofree char *hash = NULL;
  gint64           size = -1;
  gboolean         any = FALSE;
  const char      *p = text;

  if (text == NULL)
    {
      invalid (error, "missing", "");
      return NULL;
    }
  while (*p)
    {
      const char *key = p, *colon, *value, *end;
      gsize       key_len;

      if (*p == ' ' || *p == '\t')
        {
          p++;
          continue;
        }
      colon = strchr (p, ':');
      if (colon == NULL)
        {
          invalid (error, "a selector without a value", text);
          return NULL;
        }
      key_len = (gsize)(colon - key);
      value = colon + 1;
      if (*value == '"')
        {
          end = strchr (value + 1, '"');
          if (end == NULL)
            {
              invalid (error, "unterminated quote", text);
              return NULL;
            }
          end++;
        }
      else
        end = value + strcspn (value, " \t");
      if (key_len == 4 && g_ascii_strncasecmp (key, "name", 4) == 0)
        {
          g_autofree char *quoted = NULL;
          g_autofree char *unescaped = NULL;

          if (*value != '"' || end - value < 2)
            {
              invalid (error, "the name must be quoted", text);
              return NULL;
            }
          quoted = g_strndup (value + 1, (gsize)(end - value - 2));
          /* RFC 5547: the name is percent-encoded where needed */
          unescaped = g_uri_unescape_string (quoted, NULL);
          if (unescaped == NULL || *unescaped == '\0' || !g_utf8_validate (unescaped, -1, NULL)
              || strchr (unescaped, '/') != NULL)
            {
              invalid (error, "bad name", text);
              return NULL;
            }
          g_free (name);
          name = g_steal_pointer (&unescaped);
        }
      else if (key_len == 4 && g_ascii_strncasecmp (key, "type", 4) == 0)
        {
          g_free (type);
          type = g_strndup (value, (gsize)(end - value));
          if (!valid_type (type))
            {
              invalid (error, "bad type", text);
              return NULL;
            }
        }
      else if (key_len == 4 && g_ascii_strncasecmp (key, "size", 4) == 0)
        {
          guint64 v = 0;

          if (end == value || end - value > 18)
            {
              invalid (error, "bad size", text);
              return NULL;
            }
          for (const char *q = value; q < end; q++)
            {
              if (!g_ascii_isdigit (*q))
                {
                  invalid (error, "bad size", text);
                  return NULL;
                }
              v = v * 10 + (guint64)(*q - '0');
            }
          size = (gint64)v;
        }
      else if (key_len == 4 && g_ascii_strncasecmp (key, "hash", 4) == 0)
        {
          g_free (hash);
          hash = g_strndup (value, (gsize)(end - value));
          if (!valid_hash (hash))
            {
              invalid (error, "bad hash", text);
              return NULL;
            }
        }
      else if (key_len == 0)
        {
          invalid (error, "empty selector name", text);
          return NULL;
        }
      else
        {
          p = end;
          continue;
        }
      any = TRUE;
      p = end;
    }
  if (!any)
    {
      invalid (error, "empty", text);
      return NULL;
    }
  return sip_simple_file_selector_new (name, size, type, hash);
}

/**
 * sip_simple_file_selector_ref:
 * @self: a #SipSimpleFileSelector
 *
 * Takes a reference.
 *
 * Returns: (transfer full): @self
 *
 * Since: 0.1
 */
SipSimpleFileSelector *
sip_simple_file_selector_ref (SipSimpleFileSelector *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * sip_simple_file_selector_unref:
 * @self: (transfer full): a #SipSimpleFileSelector
 *
 * Drops a reference.
 *
 * Since: 0.1
 */
void
sip_simple_file_selector_unref (SipSimpleFileSelector *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->name);
  g_free (self->content_type);
  g_free (self->hash);
  g_free (self);
}

/**
 * sip_simple_file_selector_to_string:
 * @self: a #SipSimpleFileSelector
 *
 * Writes the selector as an `a=file-selector` value.
 *
 * Returns: (transfer full): the value for `a=file-selector`
 *
 * Since: 0.1
 */
char *
sip_simple_file_selector_to_string (const SipSimpleFileSelector *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);
  if (self->name)
    {
      g_autofree char *escaped = g_uri_escape_string (self->name, " ", TRUE);
      g_string_append_printf (out, "name:\"%s\"", escaped);
    }
  if (self->content_type)
    g_string_append_printf (out, "%stype:%s", out->len ? " " : "", self->content_type);
  if (self->size >= 0)
    g_string_append_printf (out, "%ssize:%" G_GINT64_FORMAT, out->len ? " " : "", self->size);
  if (self->hash)
    g_string_append_printf (out, "%shash:%s", out->len ? " " : "", self->hash);
  return g_string_free (out, FALSE);
}

/**
 * sip_simple_file_selector_get_name:
 * @self: a #SipSimpleFileSelector
 *
 * Gets the name of the file.
 *
 * Returns: (nullable): the file name
 *
 * Since: 0.1
 */
const char *
sip_simple_file_selector_get_name (const SipSimpleFileSelector *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->name;
}

/**
 * sip_simple_file_selector_get_size:
 * @self: a #SipSimpleFileSelector
 *
 * Gets the size of the file.
 *
 * Returns: the size in bytes, or -1 when not given
 *
 * Since: 0.1
 */
gint64
sip_simple_file_selector_get_size (const SipSimpleFileSelector *self)
{
  g_return_val_if_fail (self != NULL, -1);
  return self->size;
}

/**
 * sip_simple_file_selector_get_content_type:
 * @self: a #SipSimpleFileSelector
 *
 * Gets the media type of the file.
 *
 * Returns: (nullable): the media type
 *
 * Since: 0.1
 */
const char *
sip_simple_file_selector_get_content_type (const SipSimpleFileSelector *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->content_type;
}

/**
 * sip_simple_file_selector_get_hash:
 * @self: a #SipSimpleFileSelector
 *
 * Gets the SHA-1 hash of the file.
 *
 * Returns: (nullable): the hash, `sha-1:` and upper-case hex
 *
 * Since: 0.1
 */
const char *
sip_simple_file_selector_get_hash (const SipSimpleFileSelector *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->hash;
}

/**
 * sip_simple_file_selector_format_sha1:
 * @digest: (array length=length): a SHA-1 digest
 * @length: its length, 20
 *
 * Writes a SHA-1 digest the way a file selector carries it.
 *
 * Returns: (transfer full): the digest as a file-selector hash,
 *   `sha-1:AB:CD:…`
 *
 * Since: 0.1
 */
char *
sip_simple_file_selector_format_sha1 (const guint8 *digest, gsize length)
{
  GString *out = g_string_new ("sha-1:");

  for (gsize i = 0; i < length; i++)
    g_string_append_printf (out, i ? ":%02X" : "%02X", digest[i]);
  return g_string_free (out, FALSE);
}
