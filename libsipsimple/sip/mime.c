/* libsipsimple - just enough MIME for multipart/related NOTIFYs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "mime-internal.h"
#include <sipsimple/sip/error.h>

#include <string.h>

void
sip_simple_mime_part_free (SipSimpleMimePart *part)
{
  if (part == NULL)
    return;
  g_free (part->content_type);
  g_free (part->content_id);
  g_clear_pointer (&part->body, g_bytes_unref);
  g_free (part);
}

char *
sip_simple_mime_type (const char *content_type)
{
  const char *semi;
  g_autofree char *t = NULL;

  if (content_type == NULL)
    return NULL;
  semi = strchr (content_type, ';');
  t = semi ? g_strndup (content_type, semi - content_type) : g_strdup (content_type);
  g_strstrip (t);
  return g_ascii_strdown (t, -1);
}

char *
sip_simple_mime_param (const char *content_type, const char *name)
{
  const char *p;
  gsize nlen = strlen (name);

  if (content_type == NULL)
    return NULL;
  p = strchr (content_type, ';');
  while (p != NULL)
    {
      const char *key, *key_end;

      p++;
      while (*p == ' ' || *p == '\t')
        p++;
      key = p;
      while (*p && *p != '=' && *p != ';')
        p++;
      key_end = p;
      while (key_end > key && (key_end[-1] == ' ' || key_end[-1] == '\t'))
        key_end--;
      if (*p != '=')
        {
          p = *p == ';' ? p : NULL;
          continue;
        }
      p++;
      while (*p == ' ' || *p == '\t')
        p++;
      if ((gsize) (key_end - key) == nlen && g_ascii_strncasecmp (key, name, nlen) == 0)
        {
          if (*p == '"')
            {
              GString *v = g_string_new (NULL);
              for (p++; *p && *p != '"'; p++)
                {
                  if (*p == '\\' && p[1])
                    p++;
                  g_string_append_c (v, *p);
                }
              return g_string_free (v, FALSE);
            }
          else
            {
              const char *start = p;
              while (*p && *p != ';' && *p != ' ' && *p != '\t')
                p++;
              return g_strndup (start, p - start);
            }
        }
      /* skip this value, quoted or not */
      if (*p == '"')
        {
          for (p++; *p && *p != '"'; p++)
            if (*p == '\\' && p[1])
              p++;
        }
      p = strchr (p, ';');
    }
  return NULL;
}

static gboolean
malformed (GError **error, const char *msg)
{
  g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_BODY,
               "Malformed multipart body: %s", msg);
  return FALSE;
}

/* Finds "--boundary" at the start of a line at or after @from. */
static const char *
find_delimiter (const char *data, gsize len, gsize from, const char *delim, gsize dlen)
{
  for (gsize i = from; i + dlen <= len; i++)
    {
      if ((i == 0 || data[i - 1] == '\n') && memcmp (data + i, delim, dlen) == 0)
        return data + i;
    }
  return NULL;
}

static SipSimpleMimePart *
parse_part (const char *start, const char *end, GError **error)
{
  g_autoptr (GString) header = g_string_new (NULL);
  SipSimpleMimePart *part = g_new0 (SipSimpleMimePart, 1);
  g_autofree char *encoding = NULL;
  const char *p = start;
  const char *body = NULL;

  /* headers up to the empty line; a part may have none */
  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      const char *line_end = eol ? eol : end;
      gsize l = line_end - p;

      if (l > 0 && p[l - 1] == '\r')
        l--;
      if (l == 0)
        {
          body = eol ? eol + 1 : end;
          break;
        }
      if ((*p == ' ' || *p == '\t') && header->len > 0)
        g_string_append_len (header, p, l);    /* folded */
      else
        {
          if (header->len > 0)
            g_string_append_c (header, '\n');
          g_string_append_len (header, p, l);
        }
      p = eol ? eol + 1 : end;
    }
  if (body == NULL)
    {
      /* headers without the empty line that ends them */
      malformed (error, "a part's headers do not end with an empty line");
      sip_simple_mime_part_free (part);
      return NULL;
    }

  {
    g_auto (GStrv) lines = g_strsplit (header->str, "\n", -1);
    for (guint i = 0; lines[i]; i++)
      {
        char *colon = strchr (lines[i], ':');
        const char *value;
        if (colon == NULL)
          continue;
        *colon = '\0';
        value = g_strstrip (colon + 1);
        g_strstrip (lines[i]);
        if (g_ascii_strcasecmp (lines[i], "Content-Type") == 0)
          {
            g_free (part->content_type);
            part->content_type = g_strdup (value);
          }
        else if (g_ascii_strcasecmp (lines[i], "Content-ID") == 0)
          {
            gsize vl = strlen (value);
            g_free (part->content_id);
            if (vl >= 2 && value[0] == '<' && value[vl - 1] == '>')
              part->content_id = g_strndup (value + 1, vl - 2);
            else
              part->content_id = g_strdup (value);
          }
        else if (g_ascii_strcasecmp (lines[i], "Content-Transfer-Encoding") == 0)
          {
            g_free (encoding);
            encoding = g_ascii_strdown (value, -1);
          }
      }
  }
  if (part->content_type == NULL)
    part->content_type = g_strdup ("text/plain");

  if (encoding == NULL || g_str_equal (encoding, "binary") || g_str_equal (encoding, "8bit")
      || g_str_equal (encoding, "7bit"))
    part->body = g_bytes_new (body, end - body);
  else if (g_str_equal (encoding, "base64"))
    {
      g_autofree char *text = g_strndup (body, end - body);
      gsize n = 0;
      guchar *decoded = g_base64_decode (text, &n);
      part->body = g_bytes_new_take (decoded, n);
    }
  else
    {
      g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_VALUE,
                   "Unsupported Content-Transfer-Encoding \"%s\" in a multipart body", encoding);
      sip_simple_mime_part_free (part);
      return NULL;
    }
  return part;
}

GPtrArray *
sip_simple_mime_split (const char *content_type, GBytes *body, GError **error)
{
  g_autofree char *boundary = sip_simple_mime_param (content_type, "boundary");
  g_autofree char *delim = NULL;
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) sip_simple_mime_part_free);
  const char *data;
  gsize len, dlen;
  const char *d;

  if (boundary == NULL || *boundary == '\0' || strlen (boundary) > 70)
    {
      malformed (error, "no usable boundary parameter in the Content-Type");
      return NULL;
    }
  delim = g_strconcat ("--", boundary, NULL);
  dlen = strlen (delim);
  data = g_bytes_get_data (body, &len);
  if (data == NULL)
    data = "";

  d = find_delimiter (data, len, 0, delim, dlen);
  if (d == NULL)
    {
      malformed (error, "the boundary never occurs");
      return NULL;
    }
  for (;;)
    {
      const char *after = d + dlen;
      const char *content, *next, *content_end;
      const char *eol;
      SipSimpleMimePart *part;

      if ((gsize) (after - data) + 2 <= len && after[0] == '-' && after[1] == '-')
        break;   /* the close delimiter */
      eol = memchr (after, '\n', len - (after - data));
      if (eol == NULL)
        {
          malformed (error, "a boundary line does not end");
          return NULL;
        }
      content = eol + 1;
      next = find_delimiter (data, len, content - data, delim, dlen);
      if (next == NULL)
        {
          malformed (error, "the last part is not closed by a boundary");
          return NULL;
        }
      /* the line break before the delimiter belongs to it */
      content_end = next;
      if (content_end > content && content_end[-1] == '\n')
        content_end--;
      if (content_end > content && content_end[-1] == '\r')
        content_end--;
      part = parse_part (content, content_end, error);
      if (part == NULL)
        return NULL;
      g_ptr_array_add (parts, part);
      if (parts->len > 10000)
        {
          malformed (error, "too many parts");
          return NULL;
        }
      d = next;
    }
  return g_steal_pointer (&parts);
}
