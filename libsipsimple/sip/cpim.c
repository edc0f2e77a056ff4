/* libsipsimple - SipSimpleCpimMessage (RFC 3862)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/sip/cpim.h>
#include <sipsimple/sip/error.h>
#include <sipsimple/sip/name-addr.h>

#include "field-list-private.h"
#include "sip/sip-internal.h"

#include <string.h>

/**
 * SipSimpleCpimMessage:
 *
 * A Message/CPIM wrapper (RFC 3862), the envelope of chat messages in MSRP
 * sessions and of many SIP MESSAGE requests:
 *
 * ```
 * From: Alice <sip:alice@example.com>
 * To: Bob <sip:bob@example.com>
 * DateTime: 2024-05-01T12:00:00.123+02:00
 * NS: imdn <urn:ietf:params:imdn>
 * imdn.Message-ID: 34jk324j
 *
 * Content-Type: text/plain; charset=utf-8
 *
 * Hello Bob
 * ```
 *
 * Message headers keep their order. From, To and cc are read as
 * [struct@SipSimple.NameAddr] (so their URIs must be SIP, SIPS or tel
 * URIs), DateTime as a #GDateTime; every other header, namespaced ones
 * (`prefix.Name`) included, is kept as text. Header names are matched
 * without regard to case. The body is kept byte for byte.
 *
 * A #SipSimpleCpimMessage is mutable and reference counted.
 *
 * Since: 0.1
 */

typedef struct
{
  char              *name;
  char              *params;   /* ";lang=fr" as written after the colon, or NULL */
  char              *value;    /* text; NULL for From, To and cc */
  SipSimpleNameAddr *addr;     /* From, To and cc */
  GDateTime         *datetime; /* DateTime */
} Header;

struct _SipSimpleCpimMessage
{
  gatomicrefcount ref_count;
  GPtrArray      *headers; /* Header *, the message headers */
  char           *content_type;
  GPtrArray      *content_headers; /* Header *, MIME headers but Content-Type */
  GBytes         *body;
};

G_DEFINE_BOXED_TYPE (SipSimpleCpimMessage, sip_simple_cpim_message, sip_simple_cpim_message_ref,
                     sip_simple_cpim_message_unref)

static const char *const known_names[]
    = { "From", "To", "cc", "DateTime", "Subject", "NS", "Require" };

static const char *
known_name (const char *name)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (known_names); i++)
    if (g_ascii_strcasecmp (name, known_names[i]) == 0)
      return known_names[i];
  return NULL;
}

static gboolean
is_address_header (const char *name)
{
  return g_ascii_strcasecmp (name, "From") == 0 || g_ascii_strcasecmp (name, "To") == 0
         || g_ascii_strcasecmp (name, "cc") == 0;
}

static void
header_free (Header *h)
{
  g_free (h->name);
  g_free (h->params);
  g_free (h->value);
  g_clear_pointer (&h->addr, sip_simple_name_addr_unref);
  g_clear_pointer (&h->datetime, g_date_time_unref);
  g_free (h);
}

static Header *
header_copy (const Header *h)
{
  Header *copy = g_new0 (Header, 1);

  copy->name = g_strdup (h->name);
  copy->params = g_strdup (h->params);
  copy->value = g_strdup (h->value);
  copy->addr = h->addr ? sip_simple_name_addr_copy (h->addr) : NULL;
  copy->datetime = h->datetime ? g_date_time_ref (h->datetime) : NULL;
  return copy;
}

static SipSimpleCpimMessage *
message_alloc (void)
{
  SipSimpleCpimMessage *self = g_new0 (SipSimpleCpimMessage, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->headers = g_ptr_array_new_with_free_func ((GDestroyNotify)header_free);
  self->content_headers = g_ptr_array_new_with_free_func ((GDestroyNotify)header_free);
  return self;
}

static gboolean
is_valid_value (const char *value)
{
  const char *p;

  if (value == NULL || !g_utf8_validate (value, -1, NULL))
    return FALSE;
  for (p = value; *p; p++)
    if (*p == '\r' || *p == '\n')
      return FALSE;
  return TRUE;
}

/**
 * sip_simple_cpim_message_new: (constructor)
 * @content_type: the MIME type of the body, such as "text/plain; charset=utf-8"
 * @body: (nullable): the body, or %NULL for an empty one
 *
 * Makes a CPIM message with no message headers yet.
 *
 * Returns: (transfer full): a new #SipSimpleCpimMessage
 *
 * Since: 0.1
 */
SipSimpleCpimMessage *
sip_simple_cpim_message_new (const char *content_type, GBytes *body)
{
  SipSimpleCpimMessage *self;

  g_return_val_if_fail (content_type != NULL && *content_type != '\0', NULL);
  g_return_val_if_fail (is_valid_value (content_type), NULL);

  self = message_alloc ();
  self->content_type = g_strdup (content_type);
  self->body = body ? g_bytes_ref (body) : g_bytes_new (NULL, 0);
  return self;
}

/**
 * sip_simple_cpim_message_ref:
 * @self: a #SipSimpleCpimMessage
 *
 * Takes a reference.
 *
 * Returns: (transfer full): @self
 *
 * Since: 0.1
 */
SipSimpleCpimMessage *
sip_simple_cpim_message_ref (SipSimpleCpimMessage *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * sip_simple_cpim_message_unref:
 * @self: (transfer full): a #SipSimpleCpimMessage
 *
 * Drops a reference; the last one frees the message.
 *
 * Since: 0.1
 */
void
sip_simple_cpim_message_unref (SipSimpleCpimMessage *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_ptr_array_unref (self->headers);
  g_ptr_array_unref (self->content_headers);
  g_free (self->content_type);
  g_bytes_unref (self->body);
  g_free (self);
}

/**
 * sip_simple_cpim_message_copy:
 * @self: a #SipSimpleCpimMessage
 *
 * Makes an independent copy of @self (the body bytes, being immutable, are
 * shared).
 *
 * Returns: (transfer full): a new #SipSimpleCpimMessage
 *
 * Since: 0.1
 */
SipSimpleCpimMessage *
sip_simple_cpim_message_copy (const SipSimpleCpimMessage *self)
{
  SipSimpleCpimMessage *copy;
  guint                 i;

  g_return_val_if_fail (self != NULL, NULL);

  copy = message_alloc ();
  for (i = 0; i < self->headers->len; i++)
    g_ptr_array_add (copy->headers, header_copy (self->headers->pdata[i]));
  for (i = 0; i < self->content_headers->len; i++)
    g_ptr_array_add (copy->content_headers, header_copy (self->content_headers->pdata[i]));
  copy->content_type = g_strdup (self->content_type);
  copy->body = g_bytes_ref (self->body);
  return copy;
}

/* --- DateTime ---------------------------------------------------------- */

static int
digits_value (const char *s, int n)
{
  int v = 0;

  while (n-- > 0)
    v = v * 10 + (*s++ - '0');
  return v;
}

/* RFC 3339 date-time: YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM). Read by
 * hand rather than with g_date_time_new_from_iso8601(), which takes many
 * more ISO 8601 forms and goes through floating point for fractions. */
static GDateTime *
parse_rfc3339 (const char *s)
{
  static const char pattern[] = "dddd-dd-ddTdd:dd:dd";
  g_autoptr (GTimeZone) tz = NULL;
  g_autoptr (GDateTime) whole = NULL;
  const char *p;
  int         usec = 0, scale = 100000;
  int         offset = 0;
  guint       i;

  for (i = 0; i < sizeof pattern - 1; i++)
    {
      char c = s[i];

      if (pattern[i] == 'd' ? !g_ascii_isdigit (c)
                            : (pattern[i] == 'T' ? (c != 'T' && c != 't') : c != pattern[i]))
        return NULL;
    }
  p = s + sizeof pattern - 1;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return NULL;
      for (; g_ascii_isdigit (*p); p++, scale /= 10)
        usec += (*p - '0') * scale; /* digits past microseconds add 0 */
    }
  if (*p == 'Z' || *p == 'z')
    p++;
  else if (*p == '+' || *p == '-')
    {
      int hours, minutes;

      if (!g_ascii_isdigit (p[1]) || !g_ascii_isdigit (p[2]) || p[3] != ':'
          || !g_ascii_isdigit (p[4]) || !g_ascii_isdigit (p[5]))
        return NULL;
      hours = digits_value (p + 1, 2);
      minutes = digits_value (p + 4, 2);
      if (hours > 23 || minutes > 59)
        return NULL;
      offset = (hours * 3600 + minutes * 60) * (*p == '-' ? -1 : 1);
      p += 6;
    }
  else
    return NULL;
  if (*p != '\0')
    return NULL;

  tz = g_time_zone_new_offset (offset);
  /* g_date_time_new() refuses impossible dates (2000-02-30) and second 60 */
  whole = g_date_time_new (tz, digits_value (s, 4), digits_value (s + 5, 2),
                           digits_value (s + 8, 2), digits_value (s + 11, 2),
                           digits_value (s + 14, 2), digits_value (s + 17, 2));
  if (whole == NULL)
    return NULL;
  return g_date_time_add (whole, usec);
}

static char *
format_rfc3339 (GDateTime *dt)
{
  GString *out = g_string_new (NULL);
  int      usec = g_date_time_get_microsecond (dt);
  gint64   offset = g_date_time_get_utc_offset (dt) / G_TIME_SPAN_MINUTE;

  g_string_append_printf (out, "%04d-%02d-%02dT%02d:%02d:%02d", g_date_time_get_year (dt),
                          g_date_time_get_month (dt), g_date_time_get_day_of_month (dt),
                          g_date_time_get_hour (dt), g_date_time_get_minute (dt),
                          g_date_time_get_second (dt));
  if (usec != 0 && usec % 1000 == 0)
    g_string_append_printf (out, ".%03d", usec / 1000);
  else if (usec != 0)
    g_string_append_printf (out, ".%06d", usec);
  if (offset == 0)
    g_string_append_c (out, 'Z');
  else
    g_string_append_printf (out, "%c%02d:%02d", offset < 0 ? '-' : '+', (int)(ABS (offset) / 60),
                            (int)(ABS (offset) % 60));
  return g_string_free (out, FALSE);
}

/* --- Header values ----------------------------------------------------- */

/* Makes a message header from text, reading the typed ones; on failure
 * sets *problem. */
static Header *
header_new (const char *name, const char *params, const char *value, char **problem)
{
  g_autoptr (GError) error = NULL;
  const char *known = known_name (name);
  Header     *h;

  h = g_new0 (Header, 1);
  h->name = g_strdup (known ? known : name);
  h->params = g_strdup (params);
  if (is_address_header (name))
    {
      h->addr = sip_simple_name_addr_parse (value, &error);
      if (h->addr == NULL)
        {
          *problem = g_strdup_printf ("invalid %s header: %s", h->name, error->message);
          header_free (h);
          return NULL;
        }
      return h;
    }
  if (g_ascii_strcasecmp (name, "DateTime") == 0)
    {
      h->datetime = parse_rfc3339 (value);
      if (h->datetime == NULL)
        {
          g_autofree char *input = sip_simple_describe_input (value, -1);

          *problem = g_strdup_printf ("invalid DateTime %s: not an RFC 3339 date and time", input);
          header_free (h);
          return NULL;
        }
    }
  h->value = g_strdup (value);
  return h;
}

static char *
header_value (gconstpointer field)
{
  const Header *h = field;

  if (h->addr != NULL)
    return sip_simple_name_addr_to_string (h->addr);
  return g_strdup (h->value);
}

/* CPIM header names compare without case */
static gboolean
same_name (const char *stored, const char *name)
{
  return g_ascii_strcasecmp (stored, name) == 0;
}

static int
find_header (GPtrArray *headers, const char *name, guint from)
{
  return sip_simple_field_list_find (headers, name, from, same_name);
}

static int
find_last_header (GPtrArray *headers, const char *name)
{
  int i, last = -1;

  for (i = 0; (i = find_header (headers, name, i)) >= 0; i++)
    last = i;
  return last;
}

/* Replaces every header called h->name by @h, at the place of the first,
 * or inserts @h at @where (-1: the end). */
static void
replace_header (GPtrArray *headers, Header *h, int where)
{
  int i = sip_simple_field_list_keep_first (headers, h->name, same_name);

  if (i < 0)
    {
      if (where < 0 || (guint)where > headers->len)
        g_ptr_array_add (headers, h);
      else
        g_ptr_array_insert (headers, where, h);
      return;
    }
  header_free (headers->pdata[i]);
  headers->pdata[i] = h;
}

static guint
remove_headers (GPtrArray *headers, const char *name)
{
  return sip_simple_field_list_remove (headers, name, same_name);
}

/* Where a new To goes: after the last To, else after From, else first. */
static int
recipient_position (GPtrArray *headers)
{
  int i = find_last_header (headers, "To");

  if (i < 0)
    i = find_header (headers, "From", 0);
  return i + 1;
}

/* --- Parsing ----------------------------------------------------------- */

typedef struct
{
  const char *data;
  gsize       len;
  gsize       pos;
  guint       line_no;
} Reader;

/* The next line without its end of line (CRLF or LF). Returns FALSE at the
 * end of the data, or when the last line has no end of line (then *line is
 * set all the same). */
static gboolean
next_line (Reader *r, const char **line, gsize *len)
{
  const char *start = r->data + r->pos;
  const char *eol = memchr (start, '\n', r->len - r->pos);

  r->line_no++;
  *line = start;
  if (eol == NULL)
    {
      *len = r->len - r->pos;
      r->pos = r->len;
      return FALSE;
    }
  *len = eol - start;
  if (*len > 0 && start[*len - 1] == '\r')
    (*len)--;
  r->pos = eol + 1 - r->data;
  return TRUE;
}

static void
set_parse_error (GError **error, const Reader *r, const char *line, gsize len, const char *problem)
{
  if (line != NULL)
    {
      g_autofree char *input = sip_simple_describe_input (line, len);

      g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_BODY,
                   "Invalid CPIM message: line %u %s: %s", r->line_no, input, problem);
    }
  else
    g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_BODY,
                 "Invalid CPIM message: %s", problem);
}

/* Splits "Name:[;params] value" into its parts; returns a problem or NULL. */
static const char *
split_header_line (const char *line, gsize len, char **name, char **params, char **value)
{
  const char *colon, *p, *end = line + len;
  gsize       i;

  if (memchr (line, '\0', len) != NULL)
    return "NUL byte in a header";
  if (!g_utf8_validate (line, len, NULL))
    return "invalid UTF-8";
  for (i = 0; i < len; i++)
    if (((guchar)line[i] < 0x20 && line[i] != '\t') || line[i] == 0x7f)
      return "control character in a header";
  if (line[0] == ' ' || line[0] == '\t')
    return "header line starts with white space";
  for (colon = line; colon < end && sip_simple_is_token_char (*colon); colon++)
    ;
  if (colon == line && *colon == ':')
    return "empty header name";
  if (colon == end || *colon != ':')
    {
      if (memchr (line, ':', len) == NULL)
        return "header line without ':'";
      if (colon == line)
        return "invalid header name";
      if (*colon == ' ' || *colon == '\t')
        return "missing ':' after the header name";
      return "invalid header name";
    }

  p = colon + 1;
  *params = NULL;
  if (p < end && *p == ';')
    {
      const char *sp = p;

      while (sp < end && *sp != ' ' && *sp != '\t')
        sp++;
      *params = g_strndup (p, sp - p);
      p = sp;
    }
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
    end--;
  *name = g_strndup (line, colon - line);
  *value = g_strndup (p, end - p);
  return NULL;
}

/**
 * sip_simple_cpim_message_parse: (constructor)
 * @data: a whole Message/CPIM body
 * @error: return location for a #GError, or %NULL
 *
 * Reads a CPIM message: message headers, an empty line, MIME content
 * headers (Content-Type is required), an empty line, then the body, which
 * is everything that follows, byte for byte (binary safe; it is not
 * copied). Lines may end with CRLF or with a bare LF.
 *
 * On failure @error is set in the %SIP_SIMPLE_PARSE_ERROR domain with the
 * code %SIP_SIMPLE_PARSE_ERROR_INVALID_BODY and a message that gives the
 * line and the problem: a missing empty line, a missing Content-Type, a
 * header line without colon, a From/To/cc that is not an address, a
 * DateTime that is not RFC 3339, ...
 *
 * Returns: (transfer full): a new #SipSimpleCpimMessage, or %NULL on error
 *
 * Since: 0.1
 */
SipSimpleCpimMessage *
sip_simple_cpim_message_parse (GBytes *data, GError **error)
{
  g_autoptr (SipSimpleCpimMessage) self = NULL;
  Reader   r = { 0 };
  gboolean in_content = FALSE;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  r.data = g_bytes_get_data (data, &r.len);
  self = message_alloc ();

  if (r.len == 0)
    {
      set_parse_error (error, &r, NULL, 0, "empty message");
      return NULL;
    }

  for (;;)
    {
      g_autofree char *name = NULL;
      g_autofree char *params = NULL;
      g_autofree char *value = NULL;
      g_autofree char *problem = NULL;
      const char      *line, *bad;
      gsize            len;
      Header          *h;

      if (r.pos >= r.len || !next_line (&r, &line, &len))
        {
          set_parse_error (error, &r, NULL, 0,
                           in_content ? "no empty line after the content headers"
                                      : "no empty line after the message headers");
          return NULL;
        }
      if (len == 0)
        {
          if (in_content)
            break;
          in_content = TRUE;
          continue;
        }

      bad = split_header_line (line, len, &name, &params, &value);
      if (bad != NULL)
        {
          set_parse_error (error, &r, line, len, bad);
          return NULL;
        }

      if (in_content)
        {
          if (g_ascii_strcasecmp (name, "Content-Type") == 0)
            {
              if (self->content_type != NULL)
                {
                  set_parse_error (error, &r, line, len, "more than one Content-Type");
                  return NULL;
                }
              if (*value == '\0')
                {
                  set_parse_error (error, &r, line, len, "empty Content-Type");
                  return NULL;
                }
              self->content_type = g_steal_pointer (&value);
              continue;
            }
          h = g_new0 (Header, 1);
          h->name = g_steal_pointer (&name);
          h->value = g_steal_pointer (&value);
          g_ptr_array_add (self->content_headers, h);
          continue;
        }

      if ((g_ascii_strcasecmp (name, "From") == 0 || g_ascii_strcasecmp (name, "DateTime") == 0)
          && find_header (self->headers, name, 0) >= 0)
        {
          g_autofree char *what = g_strdup_printf ("more than one %s header", name);

          set_parse_error (error, &r, line, len, what);
          return NULL;
        }
      h = header_new (name, params, value, &problem);
      if (h == NULL)
        {
          set_parse_error (error, &r, line, len, problem);
          return NULL;
        }
      g_ptr_array_add (self->headers, h);
    }

  if (self->content_type == NULL)
    {
      set_parse_error (error, &r, NULL, 0, "no Content-Type");
      return NULL;
    }
  self->body = g_bytes_new_from_bytes (data, r.pos, r.len - r.pos);
  return g_steal_pointer (&self);
}

/**
 * sip_simple_cpim_message_to_bytes:
 * @self: a #SipSimpleCpimMessage
 *
 * Writes the message: message headers, an empty line, Content-Type and the
 * other content headers, an empty line, the body. Lines end with CRLF.
 *
 * Returns: (transfer full): the message
 *
 * Since: 0.1
 */
GBytes *
sip_simple_cpim_message_to_bytes (const SipSimpleCpimMessage *self)
{
  GString      *out;
  gconstpointer body;
  gsize         body_len;
  guint         i;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);
  for (i = 0; i < self->headers->len; i++)
    {
      const Header    *h = self->headers->pdata[i];
      g_autofree char *value = header_value (h);

      g_string_append_printf (out, "%s:%s %s\r\n", h->name, h->params ? h->params : "", value);
    }
  g_string_append_printf (out, "\r\nContent-Type: %s\r\n", self->content_type);
  for (i = 0; i < self->content_headers->len; i++)
    {
      const Header *h = self->content_headers->pdata[i];

      g_string_append_printf (out, "%s: %s\r\n", h->name, h->value);
    }
  g_string_append (out, "\r\n");
  body = g_bytes_get_data (self->body, &body_len);
  g_string_append_len (out, body, body_len);
  return g_string_free_to_bytes (out);
}

/* --- Typed headers ----------------------------------------------------- */

/**
 * sip_simple_cpim_message_get_from:
 * @self: a #SipSimpleCpimMessage
 *
 * Gets the sender (the From header). It belongs to the message: changing it
 * changes the message.
 *
 * Returns: (transfer none) (nullable): the sender, or %NULL
 *
 * Since: 0.1
 */
SipSimpleNameAddr *
sip_simple_cpim_message_get_from (const SipSimpleCpimMessage *self)
{
  int i;

  g_return_val_if_fail (self != NULL, NULL);

  i = find_header (self->headers, "From", 0);
  return i < 0 ? NULL : ((const Header *)self->headers->pdata[i])->addr;
}

/**
 * sip_simple_cpim_message_set_from:
 * @self: a #SipSimpleCpimMessage
 * @from: (nullable): the sender, or %NULL to remove the From header
 *
 * Sets the sender. The message takes a reference to @from. A new From
 * header goes first.
 *
 * Since: 0.1
 */
void
sip_simple_cpim_message_set_from (SipSimpleCpimMessage *self, SipSimpleNameAddr *from)
{
  Header *h;

  g_return_if_fail (self != NULL);

  if (from == NULL)
    {
      remove_headers (self->headers, "From");
      return;
    }
  h = g_new0 (Header, 1);
  h->name = g_strdup ("From");
  h->addr = sip_simple_name_addr_ref (from);
  replace_header (self->headers, h, 0);
}

/**
 * sip_simple_cpim_message_get_to:
 * @self: a #SipSimpleCpimMessage
 *
 * Gets the first recipient (the first To header); see
 * [method@SipSimple.CpimMessage.get_recipients] for all of them.
 *
 * Returns: (transfer none) (nullable): the first recipient, or %NULL
 *
 * Since: 0.1
 */
SipSimpleNameAddr *
sip_simple_cpim_message_get_to (const SipSimpleCpimMessage *self)
{
  int i;

  g_return_val_if_fail (self != NULL, NULL);

  i = find_header (self->headers, "To", 0);
  return i < 0 ? NULL : ((const Header *)self->headers->pdata[i])->addr;
}

/**
 * sip_simple_cpim_message_set_to:
 * @self: a #SipSimpleCpimMessage
 * @to: (nullable): the recipient, or %NULL to remove every To header
 *
 * Makes @to the only recipient, replacing every To header. The message
 * takes a reference to @to.
 *
 * Since: 0.1
 */
void
sip_simple_cpim_message_set_to (SipSimpleCpimMessage *self, SipSimpleNameAddr *to)
{
  Header *h;

  g_return_if_fail (self != NULL);

  if (to == NULL)
    {
      remove_headers (self->headers, "To");
      return;
    }
  h = g_new0 (Header, 1);
  h->name = g_strdup ("To");
  h->addr = sip_simple_name_addr_ref (to);
  replace_header (self->headers, h, recipient_position (self->headers));
}

/**
 * sip_simple_cpim_message_get_recipients:
 * @self: a #SipSimpleCpimMessage
 *
 * Gets every recipient (To header), in order. The addresses are those of
 * the message (changing one changes the message); the array holds a
 * reference to each, which g_ptr_array_unref() drops. (It is annotated as a
 * container transfer because the array drops its references itself:
 * bindings take their own.)
 *
 * Returns: (transfer container) (element-type SipSimpleNameAddr): the
 *   recipients (maybe none)
 *
 * Since: 0.1
 */
GPtrArray *
sip_simple_cpim_message_get_recipients (const SipSimpleCpimMessage *self)
{
  GPtrArray *result;
  int        i = -1;

  g_return_val_if_fail (self != NULL, NULL);

  result = g_ptr_array_new_with_free_func ((GDestroyNotify)sip_simple_name_addr_unref);
  while ((i = find_header (self->headers, "To", i + 1)) >= 0)
    g_ptr_array_add (result,
                     sip_simple_name_addr_ref (((const Header *)self->headers->pdata[i])->addr));
  return result;
}

/**
 * sip_simple_cpim_message_add_recipient:
 * @self: a #SipSimpleCpimMessage
 * @to: a recipient
 *
 * Adds a To header after the existing ones. The message takes a reference
 * to @to.
 *
 * Since: 0.1
 */
void
sip_simple_cpim_message_add_recipient (SipSimpleCpimMessage *self, SipSimpleNameAddr *to)
{
  Header *h;

  g_return_if_fail (self != NULL);
  g_return_if_fail (to != NULL);

  h = g_new0 (Header, 1);
  h->name = g_strdup ("To");
  h->addr = sip_simple_name_addr_ref (to);
  g_ptr_array_insert (self->headers, recipient_position (self->headers), h);
}

/**
 * sip_simple_cpim_message_get_datetime:
 * @self: a #SipSimpleCpimMessage
 *
 * Gets the DateTime header: when the message was sent, with the sender's
 * UTC offset.
 *
 * Returns: (transfer none) (nullable): the date and time, or %NULL
 *
 * Since: 0.1
 */
GDateTime *
sip_simple_cpim_message_get_datetime (const SipSimpleCpimMessage *self)
{
  int i;

  g_return_val_if_fail (self != NULL, NULL);

  i = find_header (self->headers, "DateTime", 0);
  return i < 0 ? NULL : ((const Header *)self->headers->pdata[i])->datetime;
}

/**
 * sip_simple_cpim_message_set_datetime:
 * @self: a #SipSimpleCpimMessage
 * @datetime: (nullable): the date and time, or %NULL to remove the header
 *
 * Sets the DateTime header. It is written in RFC 3339 form with the offset
 * of @datetime and its fraction of a second, if any
 * (`2024-05-01T12:00:00.123+02:00`).
 *
 * Since: 0.1
 */
void
sip_simple_cpim_message_set_datetime (SipSimpleCpimMessage *self, GDateTime *datetime)
{
  Header *h;

  g_return_if_fail (self != NULL);

  if (datetime == NULL)
    {
      remove_headers (self->headers, "DateTime");
      return;
    }
  h = g_new0 (Header, 1);
  h->name = g_strdup ("DateTime");
  h->value = format_rfc3339 (datetime);
  h->datetime = g_date_time_ref (datetime);
  replace_header (self->headers, h, -1);
}

/**
 * sip_simple_cpim_message_get_subject:
 * @self: a #SipSimpleCpimMessage
 *
 * Gets the (first) Subject header.
 *
 * Returns: (nullable): the subject, or %NULL
 *
 * Since: 0.1
 */
const char *
sip_simple_cpim_message_get_subject (const SipSimpleCpimMessage *self)
{
  int i;

  g_return_val_if_fail (self != NULL, NULL);

  i = find_header (self->headers, "Subject", 0);
  return i < 0 ? NULL : ((const Header *)self->headers->pdata[i])->value;
}

/**
 * sip_simple_cpim_message_set_subject:
 * @self: a #SipSimpleCpimMessage
 * @subject: (nullable): the subject (one line of UTF-8), or %NULL to remove
 *   every Subject header
 *
 * Sets the Subject header, replacing every Subject (in every language).
 *
 * Since: 0.1
 */
void
sip_simple_cpim_message_set_subject (SipSimpleCpimMessage *self, const char *subject)
{
  Header *h;

  g_return_if_fail (self != NULL);
  g_return_if_fail (subject == NULL || is_valid_value (subject));

  if (subject == NULL)
    {
      remove_headers (self->headers, "Subject");
      return;
    }
  h = g_new0 (Header, 1);
  h->name = g_strdup ("Subject");
  h->value = g_strdup (subject);
  replace_header (self->headers, h, -1);
}

/* --- Generic headers --------------------------------------------------- */

/**
 * sip_simple_cpim_message_get_header:
 * @self: a #SipSimpleCpimMessage
 * @name: a message header name, namespaced ones included
 *   (`MyFeatures.VitalMessageOption`); case does not matter
 *
 * Gets the value of the first message header called @name, as text (From,
 * To and cc as written by [method@SipSimple.NameAddr.to_string]). Header
 * parameters such as `;lang=fr` are not part of the value.
 *
 * Returns: (transfer full) (nullable): the value, or %NULL
 *
 * Since: 0.1
 */
char *
sip_simple_cpim_message_get_header (const SipSimpleCpimMessage *self, const char *name)
{
  int i;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  i = find_header (self->headers, name, 0);
  return i < 0 ? NULL : header_value (self->headers->pdata[i]);
}

/**
 * sip_simple_cpim_message_get_headers:
 * @self: a #SipSimpleCpimMessage
 * @name: a message header name
 *
 * Gets the values of every message header called @name, in order.
 *
 * Returns: (transfer full) (array zero-terminated=1): the values (maybe none)
 *
 * Since: 0.1
 */
GStrv
sip_simple_cpim_message_get_headers (const SipSimpleCpimMessage *self, const char *name)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return sip_simple_field_list_values (self->headers, name, same_name, header_value);
}

/**
 * sip_simple_cpim_message_get_header_names:
 * @self: a #SipSimpleCpimMessage
 *
 * Lists the distinct message header names, in the order they first appear.
 *
 * Returns: (transfer full) (array zero-terminated=1): the names
 *
 * Since: 0.1
 */
GStrv
sip_simple_cpim_message_get_header_names (const SipSimpleCpimMessage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return sip_simple_field_list_names (self->headers, same_name);
}

static Header *
checked_header (const char *name, const char *value, GError **error)
{
  g_autofree char *problem = NULL;
  Header          *h;

  if (!sip_simple_is_token (name, -1))
    {
      g_autofree char *input = sip_simple_describe_input (name, -1);

      g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER,
                   "Invalid CPIM header name %s: a header name must be a token", input);
      return NULL;
    }
  if (!is_valid_value (value))
    {
      g_autofree char *input = sip_simple_describe_input (value, -1);

      g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER,
                   "Invalid CPIM %s header %s: %s", name, input,
                   value == NULL ? "no value" : "line break or invalid UTF-8 in the value");
      return NULL;
    }
  h = header_new (name, NULL, value, &problem);
  if (h == NULL)
    g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER,
                 "Invalid CPIM header: %s", problem);
  return h;
}

/**
 * sip_simple_cpim_message_set_header:
 * @self: a #SipSimpleCpimMessage
 * @name: a message header name (a token, such as "Subject" or "imdn.Message-ID")
 * @value: the value
 * @error: return location for a #GError, or %NULL
 *
 * Replaces every message header called @name by one with @value, at the
 * place of the first of them, or adds it at the end. From, To and cc must
 * be addresses, DateTime an RFC 3339 date and time.
 *
 * Fails with %SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER when @name is not a
 * token, @value has a line break, or a typed header's value cannot be read.
 *
 * Returns: %TRUE on success
 *
 * Since: 0.1
 */
gboolean
sip_simple_cpim_message_set_header (SipSimpleCpimMessage *self, const char *name, const char *value,
                                    GError **error)
{
  Header *h;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  h = checked_header (name, value, error);
  if (h == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (name, "From") == 0)
    replace_header (self->headers, h, 0);
  else if (g_ascii_strcasecmp (name, "To") == 0)
    replace_header (self->headers, h, recipient_position (self->headers));
  else
    replace_header (self->headers, h, -1);
  return TRUE;
}

/**
 * sip_simple_cpim_message_append_header:
 * @self: a #SipSimpleCpimMessage
 * @name: a message header name (a token)
 * @value: the value
 * @error: return location for a #GError, or %NULL
 *
 * Adds a message header at the end, keeping any others of that name (as for
 * several cc or Require headers). From and DateTime may appear only once:
 * for them this replaces. Checks are those of
 * [method@SipSimple.CpimMessage.set_header].
 *
 * Returns: %TRUE on success
 *
 * Since: 0.1
 */
gboolean
sip_simple_cpim_message_append_header (SipSimpleCpimMessage *self, const char *name,
                                       const char *value, GError **error)
{
  Header *h;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (name != NULL
      && (g_ascii_strcasecmp (name, "From") == 0 || g_ascii_strcasecmp (name, "DateTime") == 0))
    return sip_simple_cpim_message_set_header (self, name, value, error);
  h = checked_header (name, value, error);
  if (h == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (name, "To") == 0)
    g_ptr_array_insert (self->headers, recipient_position (self->headers), h);
  else
    g_ptr_array_add (self->headers, h);
  return TRUE;
}

/**
 * sip_simple_cpim_message_remove_header:
 * @self: a #SipSimpleCpimMessage
 * @name: a message header name
 *
 * Removes every message header called @name.
 *
 * Returns: the number of headers removed
 *
 * Since: 0.1
 */
guint
sip_simple_cpim_message_remove_header (SipSimpleCpimMessage *self, const char *name)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (name != NULL, 0);
  return remove_headers (self->headers, name);
}

/* The prefix that an NS header binds to @uri: "" for the default
 * namespace, NULL if none. */
static char *
namespace_prefix (const SipSimpleCpimMessage *self, const char *uri)
{
  int i = -1;

  while ((i = find_header (self->headers, "NS", i + 1)) >= 0)
    {
      const char *value = ((const Header *)self->headers->pdata[i])->value;
      const char *lt = strchr (value, '<');
      const char *gt = lt ? strchr (lt, '>') : NULL;
      gsize       uri_len = strlen (uri);

      if (gt == NULL || (gsize)(gt - lt - 1) != uri_len || strncmp (lt + 1, uri, uri_len) != 0)
        continue;
      return g_strstrip (g_strndup (value, lt - value));
    }
  return NULL;
}

/**
 * sip_simple_cpim_message_get_namespace_header:
 * @self: a #SipSimpleCpimMessage
 * @namespace_uri: a namespace URI, such as "urn:ietf:params:imdn"
 * @name: a header name within that namespace, such as "Message-ID"
 *
 * Gets a namespaced header by its namespace rather than by the prefix that
 * this message happens to use: with `NS: imdn <urn:ietf:params:imdn>`,
 * asking for "urn:ietf:params:imdn" and "Message-ID" reads
 * `imdn.Message-ID`.
 *
 * Returns: (transfer full) (nullable): the value, or %NULL if the namespace
 *   is not declared or the header is absent
 *
 * Since: 0.1
 */
char *
sip_simple_cpim_message_get_namespace_header (const SipSimpleCpimMessage *self,
                                              const char *namespace_uri, const char *name)
{
  g_autofree char *prefix = NULL;
  g_autofree char *full = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (namespace_uri != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  prefix = namespace_prefix (self, namespace_uri);
  if (prefix == NULL)
    return NULL;
  full = *prefix ? g_strdup_printf ("%s.%s", prefix, name) : g_strdup (name);
  return sip_simple_cpim_message_get_header (self, full);
}

/**
 * sip_simple_cpim_message_set_namespace_header:
 * @self: a #SipSimpleCpimMessage
 * @namespace_uri: a namespace URI, such as "urn:ietf:params:imdn"
 * @prefix: the prefix to declare if the message has none for @namespace_uri
 *   yet, such as "imdn"
 * @name: a header name within that namespace, such as "Message-ID"
 * @value: the value
 * @error: return location for a #GError, or %NULL
 *
 * Sets a namespaced header, declaring the namespace with an NS header
 * first if needed (`NS: imdn <urn:ietf:params:imdn>`), and using the
 * prefix the message already has for it otherwise.
 *
 * Returns: %TRUE on success
 *
 * Since: 0.1
 */
gboolean
sip_simple_cpim_message_set_namespace_header (SipSimpleCpimMessage *self, const char *namespace_uri,
                                              const char *prefix, const char *name,
                                              const char *value, GError **error)
{
  g_autofree char *existing = NULL;
  g_autofree char *full = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (namespace_uri != NULL, FALSE);
  g_return_val_if_fail (prefix != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!sip_simple_is_token (prefix, -1) || strchr (prefix, '.') != NULL
      || strpbrk (namespace_uri, "<>\r\n") != NULL || !g_utf8_validate (namespace_uri, -1, NULL))
    {
      g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER,
                   "Invalid CPIM namespace \"%s\" <%s>", prefix, namespace_uri);
      return FALSE;
    }

  existing = namespace_prefix (self, namespace_uri);
  if (existing == NULL)
    {
      g_autofree char *ns = g_strdup_printf ("%s <%s>", prefix, namespace_uri);
      g_autofree char *probe = g_strdup_printf ("%s.%s", prefix, name);
      Header          *h;

      /* check the header before declaring anything */
      h = checked_header (probe, value, error);
      if (h == NULL)
        return FALSE;
      header_free (h);
      if (!sip_simple_cpim_message_append_header (self, "NS", ns, error))
        return FALSE;
      existing = g_strdup (prefix);
    }
  full = *existing ? g_strdup_printf ("%s.%s", existing, name) : g_strdup (name);
  return sip_simple_cpim_message_set_header (self, full, value, error);
}

/* --- Content ----------------------------------------------------------- */

/**
 * sip_simple_cpim_message_get_content_type:
 * @self: a #SipSimpleCpimMessage
 *
 * Gets the MIME type of the body, with its parameters as written
 * ("text/plain; charset=utf-8").
 *
 * Returns: the content type
 *
 * Since: 0.1
 */
const char *
sip_simple_cpim_message_get_content_type (const SipSimpleCpimMessage *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->content_type;
}

/**
 * sip_simple_cpim_message_set_content_type:
 * @self: a #SipSimpleCpimMessage
 * @content_type: the MIME type of the body
 *
 * Sets the MIME type of the body.
 *
 * Since: 0.1
 */
void
sip_simple_cpim_message_set_content_type (SipSimpleCpimMessage *self, const char *content_type)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (content_type != NULL && *content_type != '\0');
  g_return_if_fail (is_valid_value (content_type));

  g_free (self->content_type);
  self->content_type = g_strdup (content_type);
}

/**
 * sip_simple_cpim_message_get_content_header:
 * @self: a #SipSimpleCpimMessage
 * @name: a MIME header name, such as "Content-ID" or "Content-Disposition"
 *
 * Gets a content (MIME) header other than Content-Type, for which there is
 * [method@SipSimple.CpimMessage.get_content_type].
 *
 * Returns: (nullable): the value, or %NULL
 *
 * Since: 0.1
 */
const char *
sip_simple_cpim_message_get_content_header (const SipSimpleCpimMessage *self, const char *name)
{
  int i;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (g_ascii_strcasecmp (name, "Content-Type") == 0)
    return self->content_type;
  i = find_header (self->content_headers, name, 0);
  return i < 0 ? NULL : ((const Header *)self->content_headers->pdata[i])->value;
}

/**
 * sip_simple_cpim_message_set_content_header:
 * @self: a #SipSimpleCpimMessage
 * @name: a MIME header name (a token)
 * @value: (nullable): the value, or %NULL to remove the header
 * @error: return location for a #GError, or %NULL
 *
 * Sets or removes a content (MIME) header. Content-Type cannot be removed.
 *
 * Returns: %TRUE on success
 *
 * Since: 0.1
 */
gboolean
sip_simple_cpim_message_set_content_header (SipSimpleCpimMessage *self, const char *name,
                                            const char *value, GError **error)
{
  Header *h;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!sip_simple_is_token (name, -1) || (value != NULL && !is_valid_value (value))
      || (g_ascii_strcasecmp (name, "Content-Type") == 0 && (value == NULL || *value == '\0')))
    {
      g_autofree char *input = sip_simple_describe_input (value, -1);

      g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER,
                   "Invalid CPIM content header %s: %s", name ? name : "(null)", input);
      return FALSE;
    }
  if (g_ascii_strcasecmp (name, "Content-Type") == 0)
    {
      sip_simple_cpim_message_set_content_type (self, value);
      return TRUE;
    }
  if (value == NULL)
    {
      remove_headers (self->content_headers, name);
      return TRUE;
    }
  h = g_new0 (Header, 1);
  h->name = g_strdup (name);
  h->value = g_strdup (value);
  replace_header (self->content_headers, h, -1);
  return TRUE;
}

/**
 * sip_simple_cpim_message_get_body:
 * @self: a #SipSimpleCpimMessage
 *
 * Gets the body, byte for byte.
 *
 * Returns: (transfer none): the body
 *
 * Since: 0.1
 */
GBytes *
sip_simple_cpim_message_get_body (const SipSimpleCpimMessage *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->body;
}

/**
 * sip_simple_cpim_message_set_body:
 * @self: a #SipSimpleCpimMessage
 * @body: (nullable): the body, or %NULL for an empty one
 *
 * Sets the body. The message takes a reference to @body.
 *
 * Since: 0.1
 */
void
sip_simple_cpim_message_set_body (SipSimpleCpimMessage *self, GBytes *body)
{
  g_return_if_fail (self != NULL);

  g_bytes_unref (self->body);
  self->body = body ? g_bytes_ref (body) : g_bytes_new (NULL, 0);
}
