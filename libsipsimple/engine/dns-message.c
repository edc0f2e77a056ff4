/* libsipsimple - DNS messages (RFC 1035): building queries, parsing answers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/sip/error.h>

#include "dns-message-private.h"

#include <string.h>
#include <gio/gio.h>

/* Smallest sizes on the wire, used to reject header counts that cannot
 * fit in the packet before allocating anything for them. */
#define MIN_QUESTION_SIZE 5 /* root name, type, class */
#define MIN_RECORD_SIZE 11  /* root name, type, class, ttl, rdlength */

/* More pointers than that in one name can only be an attack: a 255-byte
 * name has at most 127 labels, each reachable by one pointer. */
#define MAX_POINTERS 128

/* ---------------------------------------------------------------------- */
/* Records                                                                 */

static SipSimpleDnsRecord *
record_new (const char *name, guint16 type, guint32 ttl)
{
  SipSimpleDnsRecord *record = g_new0 (SipSimpleDnsRecord, 1);

  record->name = g_strdup (name);
  record->type = type;
  record->rclass = SIP_SIMPLE_DNS_CLASS_IN;
  record->ttl = ttl;
  return record;
}

/* An A record for an IPv4 address, an AAAA record for an IPv6 one. */
SipSimpleDnsRecord *
sip_simple_dns_record_new_a (const char *name, guint32 ttl, const char *address)
{
  g_autoptr (GInetAddress) inet = NULL;
  SipSimpleDnsRecord *record;

  g_return_val_if_fail (name != NULL && address != NULL, NULL);
  inet = g_inet_address_new_from_string (address);
  g_return_val_if_fail (inet != NULL, NULL);

  record = record_new (name,
                       g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6
                           ? SIP_SIMPLE_DNS_TYPE_AAAA
                           : SIP_SIMPLE_DNS_TYPE_A,
                       ttl);
  record->address = g_inet_address_to_string (inet);
  return record;
}

SipSimpleDnsRecord *
sip_simple_dns_record_new_srv (const char *name, guint32 ttl, guint16 priority, guint16 weight,
                               guint16 port, const char *target)
{
  SipSimpleDnsRecord *record;

  g_return_val_if_fail (name != NULL && target != NULL, NULL);
  record = record_new (name, SIP_SIMPLE_DNS_TYPE_SRV, ttl);
  record->priority = priority;
  record->weight = weight;
  record->port = port;
  record->target = g_strdup (target);
  return record;
}

SipSimpleDnsRecord *
sip_simple_dns_record_new_naptr (const char *name, guint32 ttl, guint16 order, guint16 preference,
                                 const char *flags, const char *service, const char *regexp,
                                 const char *replacement)
{
  SipSimpleDnsRecord *record;

  g_return_val_if_fail (name != NULL && replacement != NULL, NULL);
  record = record_new (name, SIP_SIMPLE_DNS_TYPE_NAPTR, ttl);
  record->order = order;
  record->preference = preference;
  record->flags = g_strdup (flags ? flags : "");
  record->service = g_strdup (service ? service : "");
  record->regexp = g_strdup (regexp ? regexp : "");
  record->target = g_strdup (replacement);
  return record;
}

SipSimpleDnsRecord *
sip_simple_dns_record_new_cname (const char *name, guint32 ttl, const char *target)
{
  SipSimpleDnsRecord *record;

  g_return_val_if_fail (name != NULL && target != NULL, NULL);
  record = record_new (name, SIP_SIMPLE_DNS_TYPE_CNAME, ttl);
  record->target = g_strdup (target);
  return record;
}

SipSimpleDnsRecord *
sip_simple_dns_record_new_raw (const char *name, guint16 type, guint32 ttl, GBytes *rdata)
{
  SipSimpleDnsRecord *record;

  g_return_val_if_fail (name != NULL && rdata != NULL, NULL);
  record = record_new (name, type, ttl);
  record->rdata = g_bytes_ref (rdata);
  return record;
}

SipSimpleDnsRecord *
sip_simple_dns_record_copy (const SipSimpleDnsRecord *record)
{
  SipSimpleDnsRecord *copy;

  g_return_val_if_fail (record != NULL, NULL);
  copy = g_memdup2 (record, sizeof *record);
  copy->name = g_strdup (record->name);
  copy->address = g_strdup (record->address);
  copy->flags = g_strdup (record->flags);
  copy->service = g_strdup (record->service);
  copy->regexp = g_strdup (record->regexp);
  copy->target = g_strdup (record->target);
  copy->rdata = record->rdata ? g_bytes_ref (record->rdata) : NULL;
  return copy;
}

void
sip_simple_dns_record_free (SipSimpleDnsRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->name);
  g_free (record->address);
  g_free (record->flags);
  g_free (record->service);
  g_free (record->regexp);
  g_free (record->target);
  g_clear_pointer (&record->rdata, g_bytes_unref);
  g_free (record);
}

/* ---------------------------------------------------------------------- */
/* Names                                                                   */

gboolean
sip_simple_dns_name_equal (const char *a, const char *b)
{
  gsize la, lb;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  la = strlen (a);
  lb = strlen (b);
  /* An escaped final dot ("a\.") is part of the label, not the root. */
  if (la > 1 && a[la - 1] == '.' && a[la - 2] != '\\')
    la--;
  if (lb > 1 && b[lb - 1] == '.' && b[lb - 2] != '\\')
    lb--;
  return la == lb && g_ascii_strncasecmp (a, b, la) == 0;
}

const char *
sip_simple_dns_type_to_string (guint16 type)
{
  switch (type)
    {
    case SIP_SIMPLE_DNS_TYPE_A:
      return "A";
    case SIP_SIMPLE_DNS_TYPE_NS:
      return "NS";
    case SIP_SIMPLE_DNS_TYPE_CNAME:
      return "CNAME";
    case SIP_SIMPLE_DNS_TYPE_SOA:
      return "SOA";
    case SIP_SIMPLE_DNS_TYPE_TXT:
      return "TXT";
    case SIP_SIMPLE_DNS_TYPE_AAAA:
      return "AAAA";
    case SIP_SIMPLE_DNS_TYPE_SRV:
      return "SRV";
    case SIP_SIMPLE_DNS_TYPE_NAPTR:
      return "NAPTR";
    case SIP_SIMPLE_DNS_TYPE_OPT:
      return "OPT";
    default:
      return "unknown type";
    }
}

const char *
sip_simple_dns_rcode_to_string (guint rcode)
{
  static const char *const names[] = {
    "NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED",
  };

  return rcode < G_N_ELEMENTS (names) ? names[rcode] : "unknown RCODE";
}

/* Presentation form to wire form (a sequence of length-prefixed labels and
 * the final zero byte), with "\DDD" and "\X" escapes. */
static GByteArray *
name_to_wire (const char *name, GError **error)
{
  g_autoptr (GByteArray) wire = g_byte_array_new ();
  const char *p = name;
  guint       label_start;

  if (strcmp (name, ".") == 0 || *name == '\0')
    {
      g_byte_array_append (wire, (const guint8 *)"", 1);
      return g_steal_pointer (&wire);
    }

  for (;;)
    {
      guint8 len_placeholder = 0;

      label_start = wire->len;
      g_byte_array_append (wire, &len_placeholder, 1);
      while (*p != '\0' && *p != '.')
        {
          guint8 c;

          if (*p == '\\')
            {
              if (g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) && g_ascii_isdigit (p[3]))
                {
                  guint v = (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
                  if (v > 255)
                    {
                      g_set_error (
                          error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_VALUE,
                          "invalid DNS name \"%s\": escape \\%.3s is not a byte", name, p + 1);
                      return NULL;
                    }
                  c = (guint8)v;
                  p += 4;
                }
              else if (p[1] != '\0')
                {
                  c = (guint8)p[1];
                  p += 2;
                }
              else
                {
                  g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_VALUE,
                               "invalid DNS name \"%s\": ends with a backslash", name);
                  return NULL;
                }
            }
          else
            c = (guint8)*p++;
          g_byte_array_append (wire, &c, 1);
        }

      if (wire->len - label_start - 1 == 0)
        {
          g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_VALUE,
                       "invalid DNS name \"%s\": empty label", name);
          return NULL;
        }
      if (wire->len - label_start - 1 > SIP_SIMPLE_DNS_MAX_LABEL)
        {
          g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_VALUE,
                       "invalid DNS name \"%s\": a label is longer than %d bytes", name,
                       SIP_SIMPLE_DNS_MAX_LABEL);
          return NULL;
        }
      wire->data[label_start] = (guint8)(wire->len - label_start - 1);

      if (*p == '.')
        p++;
      if (*p == '\0')
        break;
    }

  g_byte_array_append (wire, (const guint8 *)"", 1);
  if (wire->len > SIP_SIMPLE_DNS_MAX_NAME)
    {
      g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_VALUE,
                   "invalid DNS name \"%s\": longer than %d bytes", name, SIP_SIMPLE_DNS_MAX_NAME);
      return NULL;
    }
  return g_steal_pointer (&wire);
}

static void
append_label_text (GString *out, const guint8 *label, guint len)
{
  if (out->len > 0)
    g_string_append_c (out, '.');
  for (guint i = 0; i < len; i++)
    {
      guint8 c = label[i];

      if (c == '.' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char)c);
        }
      else if (c <= 0x20 || c >= 0x7f)
        g_string_append_printf (out, "\\%03u", c);
      else
        g_string_append_c (out, (char)c);
    }
}

/* ---------------------------------------------------------------------- */
/* Parser                                                                  */

typedef struct
{
  const guint8 *data;
  gsize         len;
  gsize         pos;
} Reader;

G_GNUC_PRINTF (3, 4)
static gboolean
parse_error (GError **error, gsize offset, const char *format, ...)
{
  va_list          args;
  g_autofree char *what = NULL;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_BODY,
               "invalid DNS message: %s at offset %" G_GSIZE_FORMAT, what, offset);
  return FALSE;
}

/* Checks that n bytes are available before limit (the message end, or the
 * end of the current RDATA). */
static gboolean
need (Reader *r, gsize n, gsize limit, const char *what, GError **error)
{
  if (r->pos > limit || limit - r->pos < n)
    return parse_error (error, r->pos,
                        "%s truncated (needs %" G_GSIZE_FORMAT " bytes, %" G_GSIZE_FORMAT " left)",
                        what, n, r->pos > limit ? 0 : limit - r->pos);
  return TRUE;
}

static gboolean
read_u16 (Reader *r, gsize limit, guint16 *out, const char *what, GError **error)
{
  if (!need (r, 2, limit, what, error))
    return FALSE;
  *out = (guint16)((r->data[r->pos] << 8) | r->data[r->pos + 1]);
  r->pos += 2;
  return TRUE;
}

static gboolean
read_u32 (Reader *r, gsize limit, guint32 *out, const char *what, GError **error)
{
  if (!need (r, 4, limit, what, error))
    return FALSE;
  *out = ((guint32)r->data[r->pos] << 24) | ((guint32)r->data[r->pos + 1] << 16)
         | ((guint32)r->data[r->pos + 2] << 8) | (guint32)r->data[r->pos + 3];
  r->pos += 4;
  return TRUE;
}

/* Reads a possibly compressed name starting at r->pos; the bytes of the
 * name itself (up to the first pointer) must lie before limit, pointers
 * may lead anywhere earlier in the message. Every pointer must lead
 * strictly before the start of the run of labels that contains it, so the
 * offsets visited only decrease and a loop is impossible. */
static char *
read_name (Reader *r, gsize limit, const char *what, GError **error)
{
  g_autoptr (GString) out = g_string_new (NULL);
  gsize    pos = r->pos;
  gsize    run_start = r->pos;
  gsize    end = limit; /* bounds the current run of labels */
  gsize    resume = 0;  /* where the reader continues after the name */
  gboolean jumped = FALSE;
  guint    wire_len = 0;
  guint    pointers = 0;

  for (;;)
    {
      guint8 len;

      if (pos >= end)
        {
          parse_error (error, pos, "%s truncated", what);
          return NULL;
        }
      len = r->data[pos];

      if ((len & 0xc0) == 0xc0)
        {
          gsize target;

          if (end - pos < 2)
            {
              parse_error (error, pos, "compression pointer in %s truncated", what);
              return NULL;
            }
          target = ((gsize)(len & 0x3f) << 8) | r->data[pos + 1];
          if (target >= run_start)
            {
              parse_error (error, pos,
                           "compression pointer in %s to offset %" G_GSIZE_FORMAT
                           " does not point backwards (loop or forward reference)",
                           what, target);
              return NULL;
            }
          if (target < SIP_SIMPLE_DNS_HEADER_SIZE)
            {
              parse_error (
                  error, pos,
                  "compression pointer in %s points into the header (offset %" G_GSIZE_FORMAT ")",
                  what, target);
              return NULL;
            }
          if (++pointers > MAX_POINTERS)
            {
              parse_error (error, pos, "too many compression pointers in %s", what);
              return NULL;
            }
          if (!jumped)
            {
              resume = pos + 2;
              jumped = TRUE;
            }
          /* target < run_start <= message length: always inside. */
          pos = run_start = target;
          end = r->len;
          continue;
        }

      if ((len & 0xc0) != 0)
        {
          parse_error (error, pos, "unsupported label type 0x%02x in %s", len & 0xc0, what);
          return NULL;
        }

      wire_len += 1u + len;
      if (wire_len > SIP_SIMPLE_DNS_MAX_NAME)
        {
          parse_error (error, pos, "%s longer than %d bytes", what, SIP_SIMPLE_DNS_MAX_NAME);
          return NULL;
        }

      if (len == 0)
        {
          pos++;
          break;
        }

      if (end - pos - 1 < len)
        {
          parse_error (error, pos, "label of %u bytes in %s runs past the end", len, what);
          return NULL;
        }
      append_label_text (out, r->data + pos + 1, len);
      pos += 1u + len;
    }

  r->pos = jumped ? resume : pos;
  if (out->len == 0)
    g_string_append_c (out, '.');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
read_character_string (Reader *r, gsize limit, const char *what, GError **error)
{
  guint8 len;

  if (!need (r, 1, limit, what, error))
    return NULL;
  len = r->data[r->pos];
  if (limit - r->pos - 1 < len)
    {
      parse_error (error, r->pos, "%s of %u bytes runs past the end of the record", what, len);
      return NULL;
    }
  if (memchr (r->data + r->pos + 1, '\0', len) != NULL)
    {
      parse_error (error, r->pos, "NUL byte in %s", what);
      return NULL;
    }
  r->pos += 1u + len;
  return g_strndup ((const char *)r->data + r->pos - len, len);
}

static gboolean
read_rdata (Reader *r, SipSimpleDnsRecord *record, gsize rdlength, GError **error)
{
  gsize start = r->pos;
  gsize end = start + rdlength; /* checked against r->len by the caller */

  switch (record->type)
    {
    case SIP_SIMPLE_DNS_TYPE_A:
    case SIP_SIMPLE_DNS_TYPE_AAAA:
      {
        gsize size = record->type == SIP_SIMPLE_DNS_TYPE_A ? 4 : 16;
        g_autoptr (GInetAddress) inet = NULL;

        if (rdlength != size)
          return parse_error (error, start - 2,
                              "%s record data is %" G_GSIZE_FORMAT " bytes, not %" G_GSIZE_FORMAT,
                              sip_simple_dns_type_to_string (record->type), rdlength, size);
        inet = g_inet_address_new_from_bytes (r->data + start, size == 4 ? G_SOCKET_FAMILY_IPV4
                                                                         : G_SOCKET_FAMILY_IPV6);
        record->address = g_inet_address_to_string (inet);
        r->pos = end;
        return TRUE;
      }

    case SIP_SIMPLE_DNS_TYPE_SRV:
      if (!read_u16 (r, end, &record->priority, "SRV priority", error)
          || !read_u16 (r, end, &record->weight, "SRV weight", error)
          || !read_u16 (r, end, &record->port, "SRV port", error))
        return FALSE;
      record->target = read_name (r, end, "SRV target", error);
      if (record->target == NULL)
        return FALSE;
      break;

    case SIP_SIMPLE_DNS_TYPE_NAPTR:
      if (!read_u16 (r, end, &record->order, "NAPTR order", error)
          || !read_u16 (r, end, &record->preference, "NAPTR preference", error))
        return FALSE;
      if ((record->flags = read_character_string (r, end, "NAPTR flags", error)) == NULL
          || (record->service = read_character_string (r, end, "NAPTR service", error)) == NULL
          || (record->regexp = read_character_string (r, end, "NAPTR regexp", error)) == NULL)
        return FALSE;
      record->target = read_name (r, end, "NAPTR replacement", error);
      if (record->target == NULL)
        return FALSE;
      break;

    case SIP_SIMPLE_DNS_TYPE_CNAME:
      record->target = read_name (r, end, "CNAME target", error);
      if (record->target == NULL)
        return FALSE;
      break;

    default:
      record->rdata = g_bytes_new (r->data + start, rdlength);
      r->pos = end;
      return TRUE;
    }

  if (r->pos != end)
    return parse_error (error, r->pos, "%" G_GSIZE_FORMAT " stray bytes after %s record data",
                        end - r->pos, sip_simple_dns_type_to_string (record->type));
  return TRUE;
}

static SipSimpleDnsRecord *
read_record (Reader *r, gboolean question, GError **error)
{
  g_autoptr (SipSimpleDnsRecord) record = g_new0 (SipSimpleDnsRecord, 1);
  guint16 rdlength;

  record->name = read_name (r, r->len, question ? "question name" : "record name", error);
  if (record->name == NULL)
    return NULL;
  if (!read_u16 (r, r->len, &record->type, question ? "question type" : "record type", error)
      || !read_u16 (r, r->len, &record->rclass, question ? "question class" : "record class",
                    error))
    return NULL;
  if (question)
    return g_steal_pointer (&record);

  if (!read_u32 (r, r->len, &record->ttl, "record TTL", error)
      || !read_u16 (r, r->len, &rdlength, "record data length", error))
    return NULL;
  /* TTLs with the top bit set are to be read as 0 (RFC 2181 8). */
  if (record->ttl & 0x80000000u)
    record->ttl = 0;
  if (r->len - r->pos < rdlength)
    {
      parse_error (error, r->pos - 2,
                   "%s record data length %u runs past the end of the message (%" G_GSIZE_FORMAT
                   " bytes left)",
                   sip_simple_dns_type_to_string (record->type), rdlength, r->len - r->pos);
      return NULL;
    }
  if (!read_rdata (r, record, rdlength, error))
    return NULL;
  return g_steal_pointer (&record);
}

SipSimpleDnsMessage *
sip_simple_dns_message_parse (const guint8 *data, gsize len, GError **error)
{
  g_autoptr (SipSimpleDnsMessage) message = NULL;
  Reader     r = { data, len, 0 };
  guint16    counts[4];
  GPtrArray *sections[4];
  guint64    min_size;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (len < SIP_SIMPLE_DNS_HEADER_SIZE)
    {
      parse_error (error, 0, "header truncated (%" G_GSIZE_FORMAT " bytes, needs %d)", len,
                   SIP_SIMPLE_DNS_HEADER_SIZE);
      return NULL;
    }
  if (len > G_MAXUINT16)
    {
      parse_error (error, 0, "message of %" G_GSIZE_FORMAT " bytes is larger than 65535", len);
      return NULL;
    }

  message = g_new0 (SipSimpleDnsMessage, 1);
  read_u16 (&r, len, &message->id, "ID", NULL);
  read_u16 (&r, len, &message->flags, "flags", NULL);
  for (guint i = 0; i < 4; i++)
    read_u16 (&r, len, &counts[i], "count", NULL);

  min_size = (guint64)counts[0] * MIN_QUESTION_SIZE
             + ((guint64)counts[1] + counts[2] + counts[3]) * MIN_RECORD_SIZE;
  if (min_size > len - SIP_SIMPLE_DNS_HEADER_SIZE)
    {
      parse_error (error, 4,
                   "header counts %u questions and %u records, which cannot fit in %" G_GSIZE_FORMAT
                   " bytes",
                   counts[0], counts[1] + counts[2] + counts[3], len - SIP_SIMPLE_DNS_HEADER_SIZE);
      return NULL;
    }

  message->questions = g_ptr_array_new_full (counts[0], (GDestroyNotify)sip_simple_dns_record_free);
  message->answers = g_ptr_array_new_full (counts[1], (GDestroyNotify)sip_simple_dns_record_free);
  message->authority = g_ptr_array_new_full (counts[2], (GDestroyNotify)sip_simple_dns_record_free);
  message->additional
      = g_ptr_array_new_full (counts[3], (GDestroyNotify)sip_simple_dns_record_free);
  sections[0] = message->questions;
  sections[1] = message->answers;
  sections[2] = message->authority;
  sections[3] = message->additional;

  for (guint s = 0; s < 4; s++)
    for (guint i = 0; i < counts[s]; i++)
      {
        SipSimpleDnsRecord *record = read_record (&r, s == 0, error);

        if (record == NULL)
          return NULL;
        g_ptr_array_add (sections[s], record);
      }

  if (r.pos != len)
    {
      parse_error (error, r.pos, "%" G_GSIZE_FORMAT " bytes after the last record", len - r.pos);
      return NULL;
    }
  return g_steal_pointer (&message);
}

void
sip_simple_dns_message_free (SipSimpleDnsMessage *message)
{
  if (message == NULL)
    return;
  g_clear_pointer (&message->questions, g_ptr_array_unref);
  g_clear_pointer (&message->answers, g_ptr_array_unref);
  g_clear_pointer (&message->authority, g_ptr_array_unref);
  g_clear_pointer (&message->additional, g_ptr_array_unref);
  g_free (message);
}

SipSimpleDnsRcode
sip_simple_dns_message_get_rcode (const SipSimpleDnsMessage *message)
{
  return (SipSimpleDnsRcode)(message->flags & SIP_SIMPLE_DNS_RCODE_MASK);
}

gboolean
sip_simple_dns_message_is_truncated (const SipSimpleDnsMessage *message)
{
  return (message->flags & SIP_SIMPLE_DNS_FLAG_TC) != 0;
}

/* ---------------------------------------------------------------------- */
/* Builder                                                                 */

struct _SipSimpleDnsBuilder
{
  GByteArray         *buf;
  GHashTable         *names; /* lower-cased wire suffix (GBytes) -> offset */
  gboolean            compress;
  SipSimpleDnsSection section;
  guint               counts[4];
};

SipSimpleDnsBuilder *
sip_simple_dns_builder_new (guint16 id, guint16 flags, gboolean compress)
{
  SipSimpleDnsBuilder *builder = g_new0 (SipSimpleDnsBuilder, 1);
  guint8               header[SIP_SIMPLE_DNS_HEADER_SIZE] = { 0 };

  header[0] = id >> 8;
  header[1] = id & 0xff;
  header[2] = flags >> 8;
  header[3] = flags & 0xff;
  builder->buf = g_byte_array_new ();
  g_byte_array_append (builder->buf, header, sizeof header);
  builder->names
      = g_hash_table_new_full (g_bytes_hash, g_bytes_equal, (GDestroyNotify)g_bytes_unref, NULL);
  builder->compress = compress;
  builder->section = SIP_SIMPLE_DNS_SECTION_QUESTION;
  return builder;
}

void
sip_simple_dns_builder_free (SipSimpleDnsBuilder *builder)
{
  if (builder == NULL)
    return;
  g_byte_array_unref (builder->buf);
  g_hash_table_unref (builder->names);
  g_free (builder);
}

static void
put_u16 (GByteArray *buf, guint16 v)
{
  guint8 b[2] = { v >> 8, v & 0xff };
  g_byte_array_append (buf, b, 2);
}

static void
put_u32 (GByteArray *buf, guint32 v)
{
  guint8 b[4] = { v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff };
  g_byte_array_append (buf, b, 4);
}

static GBytes *
suffix_key (const guint8 *wire, gsize len)
{
  guint8 *lower = g_memdup2 (wire, len);

  for (gsize i = 0; i < len; i++)
    lower[i] = (guint8)g_ascii_tolower (lower[i]);
  return g_bytes_new_take (lower, len);
}

/* Writes name; with compress, the longest suffix written before becomes a
 * pointer. Every suffix written here is remembered as a pointer target. */
static gboolean
put_name (SipSimpleDnsBuilder *builder, const char *name, gboolean compress, GError **error)
{
  g_autoptr (GByteArray) wire = name_to_wire (name, error);
  gsize pos = 0;

  if (wire == NULL)
    return FALSE;

  while (wire->data[pos] != 0)
    {
      g_autoptr (GBytes) key = suffix_key (wire->data + pos, wire->len - pos);
      gpointer offset;

      if (compress && g_hash_table_lookup_extended (builder->names, key, NULL, &offset))
        {
          put_u16 (builder->buf, 0xc000 | GPOINTER_TO_UINT (offset));
          return TRUE;
        }
      if (builder->buf->len < 0x4000 && !g_hash_table_contains (builder->names, key))
        g_hash_table_insert (builder->names, g_steal_pointer (&key),
                             GUINT_TO_POINTER (builder->buf->len));
      g_byte_array_append (builder->buf, wire->data + pos, 1u + wire->data[pos]);
      pos += 1u + wire->data[pos];
    }
  g_byte_array_append (builder->buf, (const guint8 *)"", 1);
  return TRUE;
}

static gboolean
put_character_string (SipSimpleDnsBuilder *builder, const char *s, const char *what, GError **error)
{
  gsize  len = s ? strlen (s) : 0;
  guint8 l = (guint8)len;

  if (len > 255)
    {
      g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_VALUE,
                   "%s is longer than 255 bytes", what);
      return FALSE;
    }
  g_byte_array_append (builder->buf, &l, 1);
  if (len > 0)
    g_byte_array_append (builder->buf, (const guint8 *)s, (guint)len);
  return TRUE;
}

static gboolean
check_section (SipSimpleDnsBuilder *builder, SipSimpleDnsSection section, GError **error)
{
  if (section < builder->section)
    {
      g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_VALUE,
                   "DNS sections must be written in order");
      return FALSE;
    }
  if (builder->counts[section] == G_MAXUINT16)
    {
      g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_VALUE,
                   "too many records in one DNS section");
      return FALSE;
    }
  return TRUE;
}

gboolean
sip_simple_dns_builder_add_question (SipSimpleDnsBuilder *builder, const char *name, guint16 type,
                                     GError **error)
{
  g_return_val_if_fail (builder != NULL && name != NULL, FALSE);

  if (!check_section (builder, SIP_SIMPLE_DNS_SECTION_QUESTION, error)
      || !put_name (builder, name, builder->compress, error))
    return FALSE;
  put_u16 (builder->buf, type);
  put_u16 (builder->buf, SIP_SIMPLE_DNS_CLASS_IN);
  builder->counts[SIP_SIMPLE_DNS_SECTION_QUESTION]++;
  return TRUE;
}

gboolean
sip_simple_dns_builder_add_record (SipSimpleDnsBuilder *builder, SipSimpleDnsSection section,
                                   const SipSimpleDnsRecord *record, GError **error)
{
  guint start_len;
  guint rdlength_at;
  gsize rdlength;

  g_return_val_if_fail (builder != NULL && record != NULL && record->name != NULL, FALSE);
  g_return_val_if_fail (section != SIP_SIMPLE_DNS_SECTION_QUESTION, FALSE);

  start_len = builder->buf->len;
  if (!check_section (builder, section, error)
      || !put_name (builder, record->name, builder->compress, error))
    goto fail;
  put_u16 (builder->buf, record->type);
  put_u16 (builder->buf, record->rclass ? record->rclass : SIP_SIMPLE_DNS_CLASS_IN);
  put_u32 (builder->buf, record->ttl);
  rdlength_at = builder->buf->len;
  put_u16 (builder->buf, 0);

  if (record->rdata != NULL)
    {
      gsize         size;
      const guint8 *bytes = g_bytes_get_data (record->rdata, &size);

      if (size > G_MAXUINT16)
        {
          g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_VALUE,
                       "record data longer than 65535 bytes");
          goto fail;
        }
      if (size > 0)
        g_byte_array_append (builder->buf, bytes, (guint)size);
    }
  else
    switch (record->type)
      {
      case SIP_SIMPLE_DNS_TYPE_A:
      case SIP_SIMPLE_DNS_TYPE_AAAA:
        {
          g_autoptr (GInetAddress) inet
              = record->address ? g_inet_address_new_from_string (record->address) : NULL;
          GSocketFamily family
              = record->type == SIP_SIMPLE_DNS_TYPE_A ? G_SOCKET_FAMILY_IPV4 : G_SOCKET_FAMILY_IPV6;

          if (inet == NULL || g_inet_address_get_family (inet) != family)
            {
              g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_VALUE,
                           "\"%s\" is not an address for a %s record",
                           record->address ? record->address : "(null)",
                           sip_simple_dns_type_to_string (record->type));
              goto fail;
            }
          g_byte_array_append (builder->buf, g_inet_address_to_bytes (inet),
                               (guint)g_inet_address_get_native_size (inet));
          break;
        }

      case SIP_SIMPLE_DNS_TYPE_SRV:
        put_u16 (builder->buf, record->priority);
        put_u16 (builder->buf, record->weight);
        put_u16 (builder->buf, record->port);
        if (!put_name (builder, record->target ? record->target : ".", FALSE, error))
          goto fail;
        break;

      case SIP_SIMPLE_DNS_TYPE_NAPTR:
        put_u16 (builder->buf, record->order);
        put_u16 (builder->buf, record->preference);
        if (!put_character_string (builder, record->flags, "NAPTR flags", error)
            || !put_character_string (builder, record->service, "NAPTR service", error)
            || !put_character_string (builder, record->regexp, "NAPTR regexp", error)
            || !put_name (builder, record->target ? record->target : ".", FALSE, error))
          goto fail;
        break;

      case SIP_SIMPLE_DNS_TYPE_CNAME:
        if (!put_name (builder, record->target ? record->target : ".", builder->compress, error))
          goto fail;
        break;

      default:
        break; /* empty RDATA */
      }

  rdlength = builder->buf->len - rdlength_at - 2;
  if (rdlength > G_MAXUINT16)
    {
      g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_VALUE,
                   "record data longer than 65535 bytes");
      goto fail;
    }
  builder->buf->data[rdlength_at] = (guint8)(rdlength >> 8);
  builder->buf->data[rdlength_at + 1] = (guint8)(rdlength & 0xff);
  builder->section = section;
  builder->counts[section]++;
  return TRUE;

fail:
  /* Leave the message as it was; names remembered from the failed record
   * point past the end now, so forget them. */
  g_byte_array_set_size (builder->buf, start_len);
  {
    GHashTableIter iter;
    gpointer       offset;

    g_hash_table_iter_init (&iter, builder->names);
    while (g_hash_table_iter_next (&iter, NULL, &offset))
      if (GPOINTER_TO_UINT (offset) >= start_len)
        g_hash_table_iter_remove (&iter);
  }
  return FALSE;
}

GBytes *
sip_simple_dns_builder_end (SipSimpleDnsBuilder *builder)
{
  GBytes *bytes;

  g_return_val_if_fail (builder != NULL, NULL);

  for (guint i = 0; i < 4; i++)
    {
      builder->buf->data[4 + 2 * i] = (guint8)(builder->counts[i] >> 8);
      builder->buf->data[5 + 2 * i] = (guint8)(builder->counts[i] & 0xff);
    }
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&builder->buf));
  g_hash_table_unref (builder->names);
  g_free (builder);
  return bytes;
}

GBytes *
sip_simple_dns_build_query (guint16 id, const char *name, guint16 type, GError **error)
{
  g_autoptr (SipSimpleDnsBuilder) builder
      = sip_simple_dns_builder_new (id, SIP_SIMPLE_DNS_FLAG_RD, FALSE);

  g_return_val_if_fail (name != NULL, NULL);

  if (!sip_simple_dns_builder_add_question (builder, name, type, error))
    return NULL;
  return sip_simple_dns_builder_end (g_steal_pointer (&builder));
}
