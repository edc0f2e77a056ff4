/* libsipsimple - incremental MSRP frame parser and frame writer (RFC 4975 section 7)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/msrp/msrp-error.h>

#include "sip/random-internal.h"
#include "msrp-parser-private.h"

#include <string.h>

typedef enum {
  STATE_HEADERS,
  STATE_BODY,
  STATE_END_FLAG,
  STATE_END_CR,
  STATE_END_LF,
  STATE_DEAD,
} ParserState;

struct _SipSimpleMsrpParser
{
  SipSimpleMsrpParserCallbacks callbacks;
  gpointer                     user_data;
  ParserState                  state;
  GString                     *line;       /* the header line being read */
  gsize                        head_size;  /* bytes of the current header block */
  SipSimpleMsrpFrame          *frame;
  char                        *pattern;    /* "\r\n-------TID" */
  gsize                        pattern_len;
  gsize                        matched;    /* bytes of pattern matched, not yet emitted */
  guint64                      body_len;   /* body bytes emitted */
  gint64                       expected;   /* body length from Byte-Range, -1 unknown */
  gint64                       limit;      /* upper bound from the total, -1 none */
  char                         flag;
  char                        *error_tid;
  gboolean                     error_is_request;
};

static void
header_free (gpointer p)
{
  SipSimpleMsrpHeader *h = p;

  g_free (h->name);
  g_free (h->value);
  g_free (h);
}

void
sip_simple_msrp_frame_free (SipSimpleMsrpFrame *frame)
{
  if (frame == NULL)
    return;
  g_free (frame->tid);
  g_free (frame->method);
  g_free (frame->reason);
  g_ptr_array_unref (frame->headers);
  g_free (frame);
}

const char *
sip_simple_msrp_frame_get_header (const SipSimpleMsrpFrame *frame, const char *name)
{
  for (guint i = 0; i < frame->headers->len; i++)
    {
      SipSimpleMsrpHeader *h = g_ptr_array_index (frame->headers, i);

      if (g_ascii_strcasecmp (h->name, name) == 0)
        return h->value;
    }
  return NULL;
}

SipSimpleMsrpParser *
sip_simple_msrp_parser_new (const SipSimpleMsrpParserCallbacks *callbacks, gpointer user_data)
{
  SipSimpleMsrpParser *parser = g_new0 (SipSimpleMsrpParser, 1);

  parser->callbacks = *callbacks;
  parser->user_data = user_data;
  parser->state = STATE_HEADERS;
  parser->line = g_string_sized_new (256);
  parser->expected = -1;
  parser->limit = -1;
  return parser;
}

static void
reset_frame (SipSimpleMsrpParser *parser)
{
  g_clear_pointer (&parser->frame, sip_simple_msrp_frame_free);
  g_clear_pointer (&parser->pattern, g_free);
  parser->pattern_len = 0;
  parser->matched = 0;
  parser->body_len = 0;
  parser->expected = -1;
  parser->limit = -1;
  parser->head_size = 0;
  parser->flag = 0;
  g_string_truncate (parser->line, 0);
}

void
sip_simple_msrp_parser_free (SipSimpleMsrpParser *parser)
{
  if (parser == NULL)
    return;
  reset_frame (parser);
  g_string_free (parser->line, TRUE);
  g_free (parser->error_tid);
  g_free (parser);
}

gboolean
sip_simple_msrp_parser_is_idle (SipSimpleMsrpParser *parser)
{
  return parser->state == STATE_HEADERS && parser->frame == NULL && parser->line->len == 0;
}

const char *
sip_simple_msrp_parser_get_error_tid (SipSimpleMsrpParser *parser, gboolean *is_request)
{
  if (is_request)
    *is_request = parser->error_is_request;
  return parser->error_tid;
}

static gboolean G_GNUC_PRINTF (4, 5)
parse_error (SipSimpleMsrpParser *parser, GError **error, int code, const char *format, ...)
{
  va_list          args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  if (parser->frame && parser->frame->tid)
    {
      g_free (parser->error_tid);
      parser->error_tid = g_strdup (parser->frame->tid);
      parser->error_is_request = parser->frame->is_request;
    }
  parser->state = STATE_DEAD;
  g_set_error (error, SIP_SIMPLE_MSRP_ERROR, code, "MSRP: %s", msg);
  return FALSE;
}

static gboolean
valid_tid (const char *s, gsize len)
{
  /* ident = ALPHANUM 3*31ident-char */
  if (len < 4 || len > SIP_SIMPLE_MSRP_MAX_TID_LEN || !g_ascii_isalnum (s[0]))
    return FALSE;
  for (gsize i = 1; i < len; i++)
    if (!g_ascii_isalnum (s[i]) && strchr (".-+%=", s[i]) == NULL)
      return FALSE;
  return TRUE;
}

static gboolean
parse_start_line (SipSimpleMsrpParser *parser, const char *line, GError **error)
{
  const char         *tid, *sp, *rest;
  SipSimpleMsrpFrame *frame;

  if (strncmp (line, "MSRP ", 5) != 0)
    return parse_error (parser, error, SIP_SIMPLE_MSRP_ERROR_PARSE, "not an MSRP start line");
  tid = line + 5;
  sp = strchr (tid, ' ');
  if (sp == NULL || !valid_tid (tid, sp - tid))
    return parse_error (parser, error, SIP_SIMPLE_MSRP_ERROR_PARSE, "bad transaction id");
  frame = g_new0 (SipSimpleMsrpFrame, 1);
  frame->headers = g_ptr_array_new_with_free_func (header_free);
  frame->tid = g_strndup (tid, sp - tid);
  frame->range_start = 1;
  frame->range_end = -1;
  frame->range_total = -1;
  parser->frame = frame;
  rest = sp + 1;
  if (g_ascii_isdigit (rest[0]) && g_ascii_isdigit (rest[1]) && g_ascii_isdigit (rest[2])
      && (rest[3] == '\0' || rest[3] == ' '))
    {
      frame->is_request = FALSE;
      frame->status = (rest[0] - '0') * 100 + (rest[1] - '0') * 10 + (rest[2] - '0');
      if (rest[3] == ' ')
        frame->reason = g_strdup (rest + 4);
      if (frame->status < 100)
        return parse_error (parser, error, SIP_SIMPLE_MSRP_ERROR_PARSE, "bad status code");
    }
  else
    {
      frame->is_request = TRUE;
      if (*rest == '\0')
        return parse_error (parser, error, SIP_SIMPLE_MSRP_ERROR_PARSE, "no method");
      for (const char *p = rest; *p; p++)
        if (!g_ascii_isupper (*p))
          return parse_error (parser, error, SIP_SIMPLE_MSRP_ERROR_PARSE, "bad method");
      frame->method = g_strdup (rest);
    }
  parser->pattern = g_strdup_printf ("\r\n-------%s", frame->tid);
  parser->pattern_len = strlen (parser->pattern);
  return TRUE;
}

static gboolean
parse_int (const char **p, gint64 *value)
{
  gint64 v = 0;

  if (**p == '*')
    {
      (*p)++;
      *value = -1;
      return TRUE;
    }
  if (!g_ascii_isdigit (**p))
    return FALSE;
  while (g_ascii_isdigit (**p))
    {
      if (v > (G_MAXINT64 - 9) / 10)
        return FALSE;
      v = v * 10 + (**p - '0');
      (*p)++;
    }
  *value = v;
  return TRUE;
}

static gboolean
parse_byte_range (SipSimpleMsrpFrame *frame, const char *value)
{
  const char *p = value;
  gint64      start, end, total;

  if (!parse_int (&p, &start) || start < 1 || *p++ != '-' || !parse_int (&p, &end) || *p++ != '/'
      || !parse_int (&p, &total) || *p != '\0')
    return FALSE;
  if (end >= 0 && end < start - 1)
    return FALSE;
  if (total >= 0 && end > total)
    return FALSE;
  if (total >= 0 && start - 1 > total)
    return FALSE;
  frame->has_byte_range = TRUE;
  frame->range_start = start;
  frame->range_end = end;
  frame->range_total = total;
  return TRUE;
}

static gboolean
headers_done (SipSimpleMsrpParser *parser, GError **error)
{
  SipSimpleMsrpFrame *frame = parser->frame;
  const char         *range = sip_simple_msrp_frame_get_header (frame, "Byte-Range");

  if (range != NULL && !parse_byte_range (frame, range))
    return parse_error (parser, error, SIP_SIMPLE_MSRP_ERROR_PARSE, "bad Byte-Range “%s”", range);
  if (frame->range_end >= 0)
    parser->expected = frame->range_end - frame->range_start + 1;
  if (frame->range_total >= 0)
    parser->limit = frame->range_total - frame->range_start + 1;
  if (frame->is_request && (sip_simple_msrp_frame_get_header (frame, "To-Path") == NULL
                            || sip_simple_msrp_frame_get_header (frame, "From-Path") == NULL))
    return parse_error (parser, error, SIP_SIMPLE_MSRP_ERROR_PARSE, "request without To-Path or From-Path");
  if (!parser->callbacks.frame_start (frame, parser->user_data, error))
    {
      parse_error (parser, NULL, 0, "callback");
      return FALSE;
    }
  return TRUE;
}

static const char *
byte_range_text (SipSimpleMsrpParser *parser)
{
  const char *range = sip_simple_msrp_frame_get_header (parser->frame, "Byte-Range");

  return range ? range : "(none)";
}

static gboolean
finish_frame (SipSimpleMsrpParser *parser, GError **error)
{
  /* a REPORT's Byte-Range describes the reported message, not a body */
  if (parser->frame->has_body && parser->expected >= 0 && (gint64)parser->body_len != parser->expected)
    return parse_error (parser, error, SIP_SIMPLE_MSRP_ERROR_PROTOCOL,
                        "body of %" G_GUINT64_FORMAT " bytes does not match Byte-Range %s", parser->body_len,
                        byte_range_text (parser));
  if (!parser->callbacks.frame_end (parser->frame, parser->flag, parser->user_data, error))
    {
      parse_error (parser, NULL, 0, "callback");
      return FALSE;
    }
  reset_frame (parser);
  parser->state = STATE_HEADERS;
  return TRUE;
}

static gboolean
header_line (SipSimpleMsrpParser *parser, GError **error)
{
  const char *line = parser->line->str;
  const char *colon;

  if (memchr (line, '\0', parser->line->len) != NULL)
    return parse_error (parser, error, SIP_SIMPLE_MSRP_ERROR_PARSE, "NUL byte in headers");
  if (parser->frame == NULL)
    return parse_start_line (parser, line, error);
  if (line[0] == '\0')
    {
      parser->frame->has_body = TRUE;
      if (!headers_done (parser, error))
        return FALSE;
      parser->state = STATE_BODY;
      return TRUE;
    }
  if (strncmp (line, "-------", 7) == 0)
    {
      gsize tid_len = strlen (parser->frame->tid);

      if (parser->line->len != 7 + tid_len + 1 || strncmp (line + 7, parser->frame->tid, tid_len) != 0
          || strchr ("$+#", line[7 + tid_len]) == NULL)
        return parse_error (parser, error, SIP_SIMPLE_MSRP_ERROR_PARSE, "bad end-line");
      parser->flag = line[7 + tid_len];
      if (!headers_done (parser, error))
        return FALSE;
      return finish_frame (parser, error);
    }
  colon = strchr (line, ':');
  if (colon == NULL || colon == line)
    return parse_error (parser, error, SIP_SIMPLE_MSRP_ERROR_PARSE, "bad header line");
  for (const char *p = line; p < colon; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return parse_error (parser, error, SIP_SIMPLE_MSRP_ERROR_PARSE, "bad header name");
  {
    SipSimpleMsrpHeader *h = g_new0 (SipSimpleMsrpHeader, 1);
    const char          *v = colon + 1;

    while (*v == ' ' || *v == '\t')
      v++;
    h->name = g_strndup (line, colon - line);
    h->value = g_strchomp (g_strdup (v));
    g_ptr_array_add (parser->frame->headers, h);
  }
  return TRUE;
}

static gboolean
emit (SipSimpleMsrpParser *parser, const guint8 *data, gsize len, GError **error)
{
  if (len == 0)
    return TRUE;
  parser->body_len += len;
  if (parser->expected >= 0 && (gint64)parser->body_len > parser->expected)
    return parse_error (parser, error, SIP_SIMPLE_MSRP_ERROR_PROTOCOL, "body longer than Byte-Range %s",
                        byte_range_text (parser));
  if (parser->limit >= 0 && (gint64)parser->body_len > parser->limit)
    return parse_error (parser, error, SIP_SIMPLE_MSRP_ERROR_PROTOCOL, "body beyond the total of Byte-Range %s",
                        byte_range_text (parser));
  if (!parser->callbacks.frame_data (parser->frame, data, len, parser->user_data, error))
    {
      parse_error (parser, NULL, 0, "callback");
      return FALSE;
    }
  return TRUE;
}

/* Scans body bytes for the end-line. Returns how many bytes were used
 * (all of them, or up to and including the last byte of the pattern). */
static gssize
scan_body (SipSimpleMsrpParser *parser, const guint8 *data, gsize len, GError **error)
{
  gsize i = 0;

  while (i < len)
    {
      if (parser->matched == 0)
        {
          const guint8 *cr = memchr (data + i, '\r', len - i);
          gsize         n = cr ? (gsize)(cr - (data + i)) : len - i;

          if (!emit (parser, data + i, n, error))
            return -1;
          i += n;
          if (cr == NULL)
            return len;
          parser->matched = 1;
          i++;
          continue;
        }
      if (data[i] == (guint8)parser->pattern[parser->matched])
        {
          parser->matched++;
          i++;
          if (parser->matched == parser->pattern_len)
            {
              parser->matched = 0;
              parser->state = STATE_END_FLAG;
              return i;
            }
          continue;
        }
      /* mismatch: what matched so far was body after all */
      if (!emit (parser, (const guint8 *)parser->pattern, parser->matched, error))
        return -1;
      parser->matched = 0;
      if (data[i] == '\r')
        {
          parser->matched = 1;
          i++;
        }
    }
  return len;
}

gboolean
sip_simple_msrp_parser_feed (SipSimpleMsrpParser *parser, const guint8 *data, gsize len, GError **error)
{
  gsize i = 0;

  if (parser->state == STATE_DEAD)
    {
      g_set_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_PARSE, "MSRP: parser failed before");
      return FALSE;
    }
  while (i < len)
    {
      switch (parser->state)
        {
        case STATE_HEADERS:
          {
            const guint8 *nl = memchr (data + i, '\n', len - i);
            gsize         n = nl ? (gsize)(nl - (data + i)) : len - i;

            if (parser->head_size + n + 1 > SIP_SIMPLE_MSRP_MAX_HEADER_SIZE)
              return parse_error (parser, error, SIP_SIMPLE_MSRP_ERROR_PARSE, "headers larger than %d bytes",
                                  SIP_SIMPLE_MSRP_MAX_HEADER_SIZE);
            g_string_append_len (parser->line, (const char *)data + i, n);
            parser->head_size += n + (nl ? 1 : 0);
            i += n;
            if (nl == NULL)
              break;
            i++;
            if (parser->line->len == 0 || parser->line->str[parser->line->len - 1] != '\r')
              return parse_error (parser, error, SIP_SIMPLE_MSRP_ERROR_PARSE, "line not ended by CRLF");
            g_string_truncate (parser->line, parser->line->len - 1);
            if (memchr (parser->line->str, '\r', parser->line->len) != NULL)
              return parse_error (parser, error, SIP_SIMPLE_MSRP_ERROR_PARSE, "bare CR in headers");
            if (!header_line (parser, error))
              return FALSE;
            g_string_truncate (parser->line, 0);
            break;
          }
        case STATE_BODY:
          {
            gssize used = scan_body (parser, data + i, len - i, error);

            if (used < 0)
              return FALSE;
            i += used;
            break;
          }
        case STATE_END_FLAG:
          if (strchr ("$+#", data[i]) == NULL || data[i] == '\0')
            return parse_error (parser, error, SIP_SIMPLE_MSRP_ERROR_PARSE, "bad end-line flag");
          parser->flag = data[i++];
          parser->state = STATE_END_CR;
          break;
        case STATE_END_CR:
          if (data[i++] != '\r')
            return parse_error (parser, error, SIP_SIMPLE_MSRP_ERROR_PARSE, "bad end-line");
          parser->state = STATE_END_LF;
          break;
        case STATE_END_LF:
          if (data[i++] != '\n')
            return parse_error (parser, error, SIP_SIMPLE_MSRP_ERROR_PARSE, "bad end-line");
          if (!finish_frame (parser, error))
            return FALSE;
          break;
        case STATE_DEAD:
        default:
          g_set_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_PARSE, "MSRP: parser failed");
          return FALSE;
        }
    }
  return TRUE;
}

char *
sip_simple_msrp_new_id (guint len)
{
  return sip_simple_random_string (len, SIP_SIMPLE_RANDOM_ALNUM);
}

GString *
sip_simple_msrp_frame_head_new (const char *tid, const char *method_or_status)
{
  GString *head = g_string_sized_new (512);

  g_string_append_printf (head, "MSRP %s %s\r\n", tid, method_or_status);
  return head;
}

void
sip_simple_msrp_frame_head_add (GString *head, const char *name, const char *value)
{
  g_string_append (head, name);
  g_string_append (head, ": ");
  g_string_append (head, value);
  g_string_append (head, "\r\n");
}

void
sip_simple_msrp_frame_head_end (GString *head, gboolean has_body)
{
  if (has_body)
    g_string_append (head, "\r\n");
}

char *
sip_simple_msrp_end_line (const char *tid, char flag, gboolean has_body)
{
  return g_strdup_printf ("%s-------%s%c\r\n", has_body ? "\r\n" : "", tid, flag);
}
