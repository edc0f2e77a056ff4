/* libsipsimple - SipSimpleHeaders
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/sip/headers.h>
#include <sipsimple/sip/error.h>
#include <sipsimple/sip/name-addr.h>

#include "field-list-private.h"
#include "sip-internal.h"

#include <string.h>

/**
 * SipSimpleHeaders:
 *
 * An ordered list of SIP header fields, as in a request or response
 * (RFC 3261 section 7.3).
 *
 * Header names compare without regard to case, and compact forms are
 * expanded: `m` and `contact` both find `Contact`. Well-known names are
 * stored in their usual spelling (`call-id` becomes `Call-ID`); other names
 * are kept as given. Values are kept as text, in order, without their
 * leading and trailing white space; a header line that holds several
 * comma-separated values stays one field (use
 * [method@SipSimple.Headers.get_name_addrs] to split address lists).
 *
 * A #SipSimpleHeaders is mutable and reference counted.
 *
 * Since: 0.1
 */

typedef struct
{
  char *name;
  char *value;
} Field;

struct _SipSimpleHeaders
{
  gatomicrefcount ref_count;
  GPtrArray      *fields; /* Field * */
};

G_DEFINE_BOXED_TYPE (SipSimpleHeaders, sip_simple_headers, sip_simple_headers_ref,
                     sip_simple_headers_unref)

/* RFC 3261 section 7.3.3 and later RFCs (3265, 3515, 3892, 3841, 4028, 4474) */
static const struct
{
  char        compact;
  const char *name;
} compact_forms[] = {
  { 'a', "Accept-Contact" },
  { 'b', "Referred-By" },
  { 'c', "Content-Type" },
  { 'd', "Request-Disposition" },
  { 'e', "Content-Encoding" },
  { 'f', "From" },
  { 'i', "Call-ID" },
  { 'j', "Reject-Contact" },
  { 'k', "Supported" },
  { 'l', "Content-Length" },
  { 'm', "Contact" },
  { 'o', "Event" },
  { 'r', "Refer-To" },
  { 's', "Subject" },
  { 't', "To" },
  { 'u', "Allow-Events" },
  { 'v', "Via" },
  { 'x', "Session-Expires" },
  { 'y', "Identity" },
};

/* Usual spellings of well-known header names */
static const char *const known_names[] = {
  "Accept",
  "Accept-Contact",
  "Accept-Encoding",
  "Accept-Language",
  "Accept-Resource-Priority",
  "Alert-Info",
  "Allow",
  "Allow-Events",
  "Authentication-Info",
  "Authorization",
  "Call-ID",
  "Call-Info",
  "Contact",
  "Content-Disposition",
  "Content-Encoding",
  "Content-ID",
  "Content-Language",
  "Content-Length",
  "Content-Type",
  "CSeq",
  "Date",
  "Error-Info",
  "Event",
  "Expires",
  "From",
  "History-Info",
  "Identity",
  "Identity-Info",
  "In-Reply-To",
  "Max-Forwards",
  "MIME-Version",
  "Min-Expires",
  "Min-SE",
  "Organization",
  "P-Asserted-Identity",
  "P-Associated-URI",
  "P-Preferred-Identity",
  "Path",
  "Priority",
  "Privacy",
  "Proxy-Authenticate",
  "Proxy-Authorization",
  "Proxy-Require",
  "RAck",
  "Reason",
  "Record-Route",
  "Refer-To",
  "Referred-By",
  "Reject-Contact",
  "Replaces",
  "Reply-To",
  "Request-Disposition",
  "Require",
  "Resource-Priority",
  "Retry-After",
  "Route",
  "RSeq",
  "Security-Client",
  "Security-Server",
  "Security-Verify",
  "Server",
  "Service-Route",
  "Session-Expires",
  "SIP-ETag",
  "SIP-If-Match",
  "Subject",
  "Subscription-State",
  "Supported",
  "Timestamp",
  "To",
  "Unsupported",
  "User-Agent",
  "Via",
  "Warning",
  "WWW-Authenticate",
};

/* Headers whose value is a comma-separated list of addresses; From, To and
 * the other single-address headers are read whole, so that a stray comma
 * is reported as such. */
static const char *const address_list_names[] = {
  "Contact",
  "Route",
  "Record-Route",
  "Path",
  "Service-Route",
  "P-Asserted-Identity",
  "P-Preferred-Identity",
  "P-Associated-URI",
  "History-Info",
  "Alert-Info",
  "Call-Info",
  "Error-Info",
};

/* Returns the stored spelling of a (valid) header name: a static string
 * for known and compact names, else NULL (the name is kept as given). */
static const char *
lookup_name (const char *name, gsize len)
{
  guint i;

  if (len == 1)
    for (i = 0; i < G_N_ELEMENTS (compact_forms); i++)
      if (g_ascii_tolower (name[0]) == compact_forms[i].compact)
        return compact_forms[i].name;
  for (i = 0; i < G_N_ELEMENTS (known_names); i++)
    if (strlen (known_names[i]) == len && g_ascii_strncasecmp (name, known_names[i], len) == 0)
      return known_names[i];
  return NULL;
}

static char *
canonical_name (const char *name, gsize len)
{
  const char *known = lookup_name (name, len);

  return known ? g_strdup (known) : g_strndup (name, len);
}

/**
 * sip_simple_headers_canonical_name:
 * @name: a header name
 *
 * Gives the spelling a #SipSimpleHeaders stores for @name: compact forms
 * expanded (`m` gives `Contact`), well-known names in their usual case
 * (`CALL-ID` gives `Call-ID`), any other name unchanged.
 *
 * Returns: (transfer full): the canonical name
 *
 * Since: 0.1
 */
char *
sip_simple_headers_canonical_name (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);
  return canonical_name (name, strlen (name));
}

static gboolean
is_address_list (const char *name)
{
  const char *known = lookup_name (name, strlen (name));
  guint       i;

  for (i = 0; known && i < G_N_ELEMENTS (address_list_names); i++)
    if (strcmp (known, address_list_names[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The addresses of one field value: the list elements of a list header,
 * else the whole value. */
static GPtrArray *
address_items (const char *name, const char *value)
{
  GPtrArray *items;

  if (is_address_list (name))
    return sip_simple_name_addr_split_list (value);
  items = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (items, g_strdup (value));
  return items;
}

static gboolean
names_equal (const char *stored, const char *name)
{
  const char *known = lookup_name (name, strlen (name));

  return g_ascii_strcasecmp (stored, known ? known : name) == 0;
}

static void
field_free (Field *f)
{
  g_free (f->name);
  g_free (f->value);
  g_free (f);
}

static Field *
field_new (char *name, char *value)
{
  Field *f = g_new (Field, 1);

  f->name = name;
  f->value = value;
  return f;
}

static SipSimpleHeaders *
headers_alloc (void)
{
  SipSimpleHeaders *self = g_new0 (SipSimpleHeaders, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify)field_free);
  return self;
}

/**
 * sip_simple_headers_new: (constructor)
 *
 * Makes an empty list of header fields.
 *
 * Returns: (transfer full): a new #SipSimpleHeaders
 *
 * Since: 0.1
 */
SipSimpleHeaders *
sip_simple_headers_new (void)
{
  return headers_alloc ();
}

/**
 * sip_simple_headers_ref:
 * @self: a #SipSimpleHeaders
 *
 * Takes a reference.
 *
 * Returns: (transfer full): @self
 *
 * Since: 0.1
 */
SipSimpleHeaders *
sip_simple_headers_ref (SipSimpleHeaders *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * sip_simple_headers_unref:
 * @self: (transfer full): a #SipSimpleHeaders
 *
 * Drops a reference; the last one frees the list.
 *
 * Since: 0.1
 */
void
sip_simple_headers_unref (SipSimpleHeaders *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_ptr_array_unref (self->fields);
  g_free (self);
}

/**
 * sip_simple_headers_copy:
 * @self: a #SipSimpleHeaders
 *
 * Makes an independent copy of @self.
 *
 * Returns: (transfer full): a new #SipSimpleHeaders
 *
 * Since: 0.1
 */
SipSimpleHeaders *
sip_simple_headers_copy (const SipSimpleHeaders *self)
{
  SipSimpleHeaders *copy;
  guint             i;

  g_return_val_if_fail (self != NULL, NULL);

  copy = headers_alloc ();
  for (i = 0; i < self->fields->len; i++)
    {
      const Field *f = self->fields->pdata[i];

      g_ptr_array_add (copy->fields, field_new (g_strdup (f->name), g_strdup (f->value)));
    }
  return copy;
}

/* --- Validation -------------------------------------------------------- */

static gboolean
is_lws (char c)
{
  return c == ' ' || c == '\t';
}

static char *
strip_lws (const char *start, const char *end)
{
  while (start < end && is_lws (*start))
    start++;
  while (end > start && is_lws (end[-1]))
    end--;
  return g_strndup (start, end - start);
}

static gboolean
check_field (const char *name, const char *value, GError **error)
{
  g_autofree char *input = NULL;
  const char      *problem = NULL;

  if (!sip_simple_is_token (name, -1))
    {
      g_autofree char *what = sip_simple_describe_input (name, -1);

      g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER,
                   "Invalid header name %s: a header name must be a token", what);
      return FALSE;
    }
  if (value == NULL)
    problem = "no value";
  else if (strpbrk (value, "\r\n") != NULL)
    problem = "line break in the value";
  else if (!g_utf8_validate (value, -1, NULL))
    problem = "invalid UTF-8 in the value";
  if (problem == NULL)
    return TRUE;

  input = sip_simple_describe_input (value, -1);
  g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER,
               "Invalid %s header %s: %s", name, input, problem);
  return FALSE;
}

/* --- Parsing ----------------------------------------------------------- */

static void
set_line_error (GError **error, guint line_no, const char *line, gsize len, const char *problem)
{
  g_autofree char *input = sip_simple_describe_input (line, len);

  g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER,
               "Invalid header at line %u %s: %s", line_no, input, problem);
}

/**
 * sip_simple_headers_parse: (constructor)
 * @text: a block of header lines, `Name: value` each, ended by CRLF
 * @error: return location for a #GError, or %NULL
 *
 * Reads a header block as found after the start line of a SIP message.
 * Lines end with CRLF (a bare LF is accepted too); a line that starts with
 * white space continues the previous one (folding), and is joined to it with
 * one space. Reading stops at the first empty line or at the end of @text;
 * what follows an empty line (a message body) is ignored. White space
 * before the colon is allowed (`Subject : x`).
 *
 * On failure @error is set in the %SIP_SIMPLE_PARSE_ERROR domain with the
 * code %SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER; its message gives the line
 * number, the line and the problem.
 *
 * Returns: (transfer full): a new #SipSimpleHeaders, or %NULL on error
 *
 * Since: 0.1
 */
SipSimpleHeaders *
sip_simple_headers_parse (const char *text, GError **error)
{
  g_autoptr (SipSimpleHeaders) self = NULL;
  const char *line;
  GString    *value = NULL;
  char       *name = NULL;
  guint       line_no = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = headers_alloc ();

  for (line = text; *line != '\0';)
    {
      const char *eol = strchr (line, '\n');
      const char *next = eol ? eol + 1 : line + strlen (line);
      const char *end = eol ? eol : next;
      const char *p;

      line_no++;
      if (end > line && end[-1] == '\r')
        end--;
      if (end == line)
        break; /* the empty line that ends the block */

      if (memchr (line, '\r', end - line) != NULL)
        {
          set_line_error (error, line_no, line, end - line, "stray CR");
          goto fail;
        }
      if (!g_utf8_validate (line, end - line, NULL))
        {
          set_line_error (error, line_no, line, end - line, "invalid UTF-8");
          goto fail;
        }

      if (is_lws (*line))
        {
          g_autofree char *more = strip_lws (line, end);

          if (name == NULL)
            {
              set_line_error (error, line_no, line, end - line,
                              "continuation line without a header before it");
              goto fail;
            }
          if (*more != '\0')
            {
              if (value->len > 0)
                g_string_append_c (value, ' ');
              g_string_append (value, more);
            }
          line = next;
          continue;
        }

      if (name != NULL)
        {
          g_ptr_array_add (self->fields, field_new (name, g_string_free (value, FALSE)));
          name = NULL;
          value = NULL;
        }

      for (p = line; p < end && sip_simple_is_token_char (*p); p++)
        ;
      if (p == line)
        {
          set_line_error (error, line_no, line, end - line,
                          *p == ':' ? "empty header name" : "invalid header name");
          goto fail;
        }
      name = canonical_name (line, p - line);
      while (p < end && is_lws (*p))
        p++;
      if (p == end || *p != ':')
        {
          set_line_error (error, line_no, line, end - line,
                          p == end || memchr (p, ':', end - p) == NULL ? "missing ':'"
                                                                       : "invalid header name");
          goto fail;
        }
      {
        char *stripped = strip_lws (p + 1, end);

        value = g_string_new (stripped);
        g_free (stripped);
      }
      line = next;
    }

  if (name != NULL)
    g_ptr_array_add (self->fields, field_new (name, g_string_free (value, FALSE)));
  return g_steal_pointer (&self);

fail:
  g_free (name);
  if (value != NULL)
    g_string_free (value, TRUE);
  return NULL;
}

/**
 * sip_simple_headers_to_string:
 * @self: a #SipSimpleHeaders
 *
 * Writes the header fields in order, one `Name: value` line each, every line
 * ended by CRLF (no empty line at the end).
 *
 * Returns: (transfer full): the header block
 *
 * Since: 0.1
 */
char *
sip_simple_headers_to_string (const SipSimpleHeaders *self)
{
  GString *out;
  guint    i;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);
  for (i = 0; i < self->fields->len; i++)
    {
      const Field *f = self->fields->pdata[i];

      g_string_append_printf (out, "%s: %s\r\n", f->name, f->value);
    }
  return g_string_free (out, FALSE);
}

/* --- Editing ----------------------------------------------------------- */

/**
 * sip_simple_headers_append:
 * @self: a #SipSimpleHeaders
 * @name: a header name (a token; compact forms are expanded)
 * @value: the value (no line breaks; leading and trailing white space is
 *   dropped)
 * @error: return location for a #GError, or %NULL
 *
 * Adds a header field at the end.
 *
 * Fails with %SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER if @name is not a token
 * or @value holds a CR or LF (which would let it inject header lines) or is
 * not UTF-8.
 *
 * Returns: %TRUE on success
 *
 * Since: 0.1
 */
gboolean
sip_simple_headers_append (SipSimpleHeaders *self, const char *name, const char *value,
                           GError **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_field (name, value, error))
    return FALSE;
  g_ptr_array_add (self->fields, field_new (canonical_name (name, strlen (name)),
                                            strip_lws (value, value + strlen (value))));
  return TRUE;
}

static char *
field_value (gconstpointer field)
{
  return g_strdup (((const Field *)field)->value);
}

static int
find_field (GPtrArray *fields, const char *name, guint from)
{
  return sip_simple_field_list_find (fields, name, from, names_equal);
}

/**
 * sip_simple_headers_set:
 * @self: a #SipSimpleHeaders
 * @name: a header name (a token; compact forms are expanded)
 * @value: the value (no line breaks)
 * @error: return location for a #GError, or %NULL
 *
 * Replaces every header field called @name by one field with @value, at the
 * place of the first of them, or appends it if there was none. Checks are
 * those of [method@SipSimple.Headers.append].
 *
 * Returns: %TRUE on success
 *
 * Since: 0.1
 */
gboolean
sip_simple_headers_set (SipSimpleHeaders *self, const char *name, const char *value, GError **error)
{
  Field *f;
  int    i;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_field (name, value, error))
    return FALSE;
  i = sip_simple_field_list_keep_first (self->fields, name, names_equal);
  if (i < 0)
    return sip_simple_headers_append (self, name, value, error);
  f = self->fields->pdata[i];
  g_free (f->value);
  f->value = strip_lws (value, value + strlen (value));
  return TRUE;
}

/**
 * sip_simple_headers_remove:
 * @self: a #SipSimpleHeaders
 * @name: a header name (any case, compact forms allowed)
 *
 * Removes every header field called @name.
 *
 * Returns: the number of fields removed
 *
 * Since: 0.1
 */
guint
sip_simple_headers_remove (SipSimpleHeaders *self, const char *name)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (name != NULL, 0);

  return sip_simple_field_list_remove (self->fields, name, names_equal);
}

/* --- Reading ----------------------------------------------------------- */

/**
 * sip_simple_headers_get:
 * @self: a #SipSimpleHeaders
 * @name: a header name (any case, compact forms allowed)
 *
 * Gets the value of the first header field called @name.
 *
 * Returns: (nullable): the value, or %NULL if there is no such field
 *
 * Since: 0.1
 */
const char *
sip_simple_headers_get (const SipSimpleHeaders *self, const char *name)
{
  int i;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  i = find_field (self->fields, name, 0);
  return i < 0 ? NULL : ((const Field *)self->fields->pdata[i])->value;
}

/**
 * sip_simple_headers_get_all:
 * @self: a #SipSimpleHeaders
 * @name: a header name (any case, compact forms allowed)
 *
 * Gets the values of every header field called @name, in order.
 *
 * Returns: (transfer full) (array zero-terminated=1): the values (empty if
 *   there is no such field)
 *
 * Since: 0.1
 */
GStrv
sip_simple_headers_get_all (const SipSimpleHeaders *self, const char *name)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return sip_simple_field_list_values (self->fields, name, names_equal, field_value);
}

/**
 * sip_simple_headers_get_names:
 * @self: a #SipSimpleHeaders
 *
 * Lists the distinct header names, in the order they first appear.
 *
 * Returns: (transfer full) (array zero-terminated=1): the names
 *
 * Since: 0.1
 */
GStrv
sip_simple_headers_get_names (const SipSimpleHeaders *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return sip_simple_field_list_names (self->fields, names_equal);
}

/**
 * sip_simple_headers_get_length:
 * @self: a #SipSimpleHeaders
 *
 * Counts the header fields.
 *
 * Returns: the number of fields
 *
 * Since: 0.1
 */
guint
sip_simple_headers_get_length (const SipSimpleHeaders *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->fields->len;
}

/**
 * sip_simple_headers_get_nth_name:
 * @self: a #SipSimpleHeaders
 * @index: a position, from 0
 *
 * Gets the name of the field at @index.
 *
 * Returns: (nullable): the name, or %NULL if @index is out of range
 *
 * Since: 0.1
 */
const char *
sip_simple_headers_get_nth_name (const SipSimpleHeaders *self, guint index)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (index >= self->fields->len)
    return NULL;
  return ((const Field *)self->fields->pdata[index])->name;
}

/**
 * sip_simple_headers_get_nth_value:
 * @self: a #SipSimpleHeaders
 * @index: a position, from 0
 *
 * Gets the value of the field at @index.
 *
 * Returns: (nullable): the value, or %NULL if @index is out of range
 *
 * Since: 0.1
 */
const char *
sip_simple_headers_get_nth_value (const SipSimpleHeaders *self, guint index)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (index >= self->fields->len)
    return NULL;
  return ((const Field *)self->fields->pdata[index])->value;
}

/* --- Typed values ------------------------------------------------------ */

/**
 * sip_simple_headers_get_name_addr:
 * @self: a #SipSimpleHeaders
 * @name: a header name such as "From", "To", "Contact", "Refer-To"
 * @error: return location for a #GError, or %NULL
 *
 * Reads the first address of the first header field called @name. For a
 * header that lists addresses (Contact, Route, Record-Route, Path,
 * Service-Route, P-Asserted-Identity and the like, as in
 * `Contact: <sip:a@x>, <sip:b@y>`) that is the first one of the list;
 * [method@SipSimple.Headers.get_name_addrs] gives them all. Other headers
 * (From, To, Refer-To, ...) hold one address, and a comma outside quotes
 * and brackets there is an error.
 *
 * A missing field is not an error: the result is %NULL and @error is left
 * unset. A field that is not an address sets @error (code
 * %SIP_SIMPLE_PARSE_ERROR_INVALID_NAME_ADDR, message prefixed with the
 * header name).
 *
 * Returns: (transfer full) (nullable): the address, or %NULL
 *
 * Since: 0.1
 */
SipSimpleNameAddr *
sip_simple_headers_get_name_addr (const SipSimpleHeaders *self, const char *name, GError **error)
{
  g_autoptr (GPtrArray) items = NULL;
  SipSimpleNameAddr *addr;
  const char        *value;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  value = sip_simple_headers_get (self, name);
  if (value == NULL)
    return NULL;
  items = address_items (name, value);
  addr = sip_simple_name_addr_parse (items->pdata[0], error);
  if (addr == NULL)
    {
      g_autofree char *canonical = sip_simple_headers_canonical_name (name);

      g_prefix_error (error, "%s header: ", canonical);
    }
  return addr;
}

/**
 * sip_simple_headers_get_name_addrs:
 * @self: a #SipSimpleHeaders
 * @name: a header name such as "Contact", "Route", "Record-Route"
 * @error: return location for a #GError, or %NULL
 *
 * Reads every address of every header field called @name, in order. The
 * values of address-list headers (see
 * [method@SipSimple.Headers.get_name_addr]) are split at commas (commas
 * inside quotes and angle brackets do not split).
 *
 * The array owns its elements: g_ptr_array_unref() frees them. (It is
 * annotated as a container transfer because the array frees its elements
 * itself: bindings take their own references.)
 *
 * Returns: (transfer container) (element-type SipSimpleNameAddr): the
 *   addresses (empty if there is no such field), or %NULL if one of them is
 *   not valid
 *
 * Since: 0.1
 */
GPtrArray *
sip_simple_headers_get_name_addrs (const SipSimpleHeaders *self, const char *name, GError **error)
{
  g_autoptr (GPtrArray) result = NULL;
  int i = -1;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  result = g_ptr_array_new_with_free_func ((GDestroyNotify)sip_simple_name_addr_unref);
  while ((i = find_field (self->fields, name, i + 1)) >= 0)
    {
      g_autoptr (GPtrArray) items
          = address_items (name, ((const Field *)self->fields->pdata[i])->value);
      guint j;

      for (j = 0; j < items->len; j++)
        {
          SipSimpleNameAddr *addr = sip_simple_name_addr_parse (items->pdata[j], error);

          if (addr == NULL)
            {
              g_autofree char *canonical = sip_simple_headers_canonical_name (name);

              g_prefix_error (error, "%s header: ", canonical);
              return NULL;
            }
          g_ptr_array_add (result, addr);
        }
    }
  return g_steal_pointer (&result);
}

/**
 * sip_simple_headers_get_uint:
 * @self: a #SipSimpleHeaders
 * @name: a header name such as "Max-Forwards", "Expires", "Content-Length"
 * @out_value: (out) (optional): return location for the number
 * @error: return location for a #GError, or %NULL
 *
 * Reads the first header field called @name as an unsigned decimal number
 * (leading zeros allowed, as in `Max-Forwards: 0068`).
 *
 * A missing field returns %FALSE without setting @error. A value that is
 * not a number sets @error with %SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER; a
 * number too large for a #guint sets %SIP_SIMPLE_PARSE_ERROR_INVALID_VALUE.
 *
 * Returns: %TRUE if the field is there and is a number
 *
 * Since: 0.1
 */
gboolean
sip_simple_headers_get_uint (const SipSimpleHeaders *self, const char *name, guint *out_value,
                             GError **error)
{
  g_autofree char *canonical = NULL;
  g_autofree char *input = NULL;
  const char      *value, *p;
  guint64          number = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_value != NULL)
    *out_value = 0;
  value = sip_simple_headers_get (self, name);
  if (value == NULL)
    return FALSE;

  canonical = sip_simple_headers_canonical_name (name);
  input = sip_simple_describe_input (value, -1);
  if (*value == '\0')
    {
      g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER,
                   "Invalid %s header %s: empty value", canonical, input);
      return FALSE;
    }
  for (p = value; *p; p++)
    {
      if (!g_ascii_isdigit (*p))
        {
          g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER,
                       "Invalid %s header %s: not a number", canonical, input);
          return FALSE;
        }
      number = number * 10 + (*p - '0');
      if (number > G_MAXUINT)
        {
          g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_VALUE,
                       "Invalid %s header %s: number too large", canonical, input);
          return FALSE;
        }
    }
  if (out_value != NULL)
    *out_value = (guint)number;
  return TRUE;
}
