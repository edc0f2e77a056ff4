/* Unit tests for the DNS message builder and parser.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/sipsimple.h>

#include "engine/dns-message-private.h"
#include "test-utils.h"

#include <string.h>

/* Parses a private copy of exactly len bytes, so that AddressSanitizer sees
 * any read past the end. */
static SipSimpleDnsMessage *
parse_exact (const guint8 *data, gsize len, GError **error)
{
  g_autofree guint8 *copy = len ? g_memdup2 (data, len) : g_malloc (1);

  return sip_simple_dns_message_parse (copy, len, error);
}

static void
assert_parse_fails (const guint8 *data, gsize len, const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SipSimpleDnsMessage) message = parse_exact (data, len, &error);

  g_assert_null (message);
  g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_BODY);
  g_assert_nonnull (strstr (error->message, "offset"));
  if (expected != NULL && strstr (error->message, expected) == NULL)
    g_error ("error \"%s\" does not mention \"%s\"", error->message, expected);
}

static const SipSimpleDnsRecord *
record_at (GPtrArray *records, guint i)
{
  g_assert_cmpuint (i, <, records->len);
  return g_ptr_array_index (records, i);
}

/* ---------------------------------------------------------------------- */

static void
test_query_bytes (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) query = sip_simple_dns_build_query (0x1234, "example.org", 35, &error);
  static const guint8 expected[] = {
    0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 7,    'e',  'x',
    'a',  'm',  'p',  'l',  'e',  3,    'o',  'r',  'g',  0,    0x00, 0x23, 0x00, 0x01,
  };
  gsize         size;
  const guint8 *data;
  g_autoptr (SipSimpleDnsMessage) message = NULL;
  const SipSimpleDnsRecord *question;

  g_assert_no_error (error);
  data = g_bytes_get_data (query, &size);
  g_assert_cmpmem (data, size, expected, sizeof expected);

  message = sip_simple_dns_message_parse (data, size, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (message->id, ==, 0x1234);
  g_assert_cmpuint (message->flags, ==, SIP_SIMPLE_DNS_FLAG_RD);
  g_assert_cmpuint (message->questions->len, ==, 1);
  g_assert_cmpuint (message->answers->len, ==, 0);
  question = record_at (message->questions, 0);
  g_assert_cmpstr (question->name, ==, "example.org");
  g_assert_cmpuint (question->type, ==, SIP_SIMPLE_DNS_TYPE_NAPTR);
  g_assert_cmpuint (question->rclass, ==, SIP_SIMPLE_DNS_CLASS_IN);

  /* A final dot is the same name. */
  {
    g_autoptr (GBytes) dotted = sip_simple_dns_build_query (0x1234, "example.org.", 35, &error);
    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (dotted, query));
  }
}

static void
test_query_types (void)
{
  static const guint16 types[] = {
    SIP_SIMPLE_DNS_TYPE_A,
    SIP_SIMPLE_DNS_TYPE_AAAA,
    SIP_SIMPLE_DNS_TYPE_SRV,
    SIP_SIMPLE_DNS_TYPE_NAPTR,
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) query
          = sip_simple_dns_build_query (i, "_sip._udp.example.org", types[i], &error);
      gsize         size;
      const guint8 *data = g_bytes_get_data (query, &size);
      g_autoptr (SipSimpleDnsMessage) message = sip_simple_dns_message_parse (data, size, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (record_at (message->questions, 0)->type, ==, types[i]);
      g_assert_cmpstr (record_at (message->questions, 0)->name, ==, "_sip._udp.example.org");
    }
}

static void
test_bad_names (void)
{
  static const char *const bad[] = {
    "a..b",
    ".a",
    "a\\",
    "a\\300b",
    "0123456789012345678901234567890123456789012345678901234567890123.org", /* 64 */
  };
  g_autoptr (GString) long_name = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) ok = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GBytes) query = sip_simple_dns_build_query (1, bad[i], 1, &error);

      g_assert_null (query);
      g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_VALUE);
      g_clear_error (&error);
    }

  /* 63-byte labels are fine; 4 of them plus dots make 256 wire bytes. */
  for (guint i = 0; i < 4; i++)
    g_string_append_printf (long_name, "%s%063d", i ? "." : "", 0);
  {
    g_autoptr (GBytes) query = sip_simple_dns_build_query (1, long_name->str, 1, &error);
    g_assert_null (query);
    g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_VALUE);
    g_clear_error (&error);
  }
  g_string_truncate (long_name, 63 * 3 + 2);
  ok = sip_simple_dns_build_query (1, long_name->str, 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ok);
}

/* A response with every record type the library knows, and one it does
 * not (TXT), with or without name compression. */
static GBytes *
build_full_response (gboolean compress)
{
  g_autoptr (SipSimpleDnsBuilder) builder
      = sip_simple_dns_builder_new (0xbeef,
                                    SIP_SIMPLE_DNS_FLAG_QR | SIP_SIMPLE_DNS_FLAG_AA
                                        | SIP_SIMPLE_DNS_FLAG_RD | SIP_SIMPLE_DNS_FLAG_RA,
                                    compress);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) txt = g_bytes_new_static ("\x05hello", 6);
  SipSimpleDnsRecord *records[] = {
    sip_simple_dns_record_new_naptr ("example.org", 3600, 10, 20, "s", "SIP+D2U", "",
                                     "_sip._udp.example.org"),
    sip_simple_dns_record_new_naptr ("example.org", 3600, 10, 30, "S", "SIPS+D2T",
                                     "!^.*$!sips:\\1!", "_sips._tcp.example.org"),
    sip_simple_dns_record_new_srv ("_sip._udp.example.org", 300, 1, 65535, 5060,
                                   "sip1.example.org"),
    sip_simple_dns_record_new_cname ("www.example.org", 60, "sip1.example.org"),
    sip_simple_dns_record_new_raw ("example.org", SIP_SIMPLE_DNS_TYPE_TXT, 1, txt),
    sip_simple_dns_record_new_a ("sip1.example.org", 0x7fffffff, "192.0.2.1"),
    sip_simple_dns_record_new_a ("sip1.example.org", 7, "2001:db8::1"),
  };
  SipSimpleDnsSection sections[] = {
    SIP_SIMPLE_DNS_SECTION_ANSWER,     SIP_SIMPLE_DNS_SECTION_ANSWER,
    SIP_SIMPLE_DNS_SECTION_ANSWER,     SIP_SIMPLE_DNS_SECTION_ANSWER,
    SIP_SIMPLE_DNS_SECTION_AUTHORITY,  SIP_SIMPLE_DNS_SECTION_ADDITIONAL,
    SIP_SIMPLE_DNS_SECTION_ADDITIONAL,
  };

  g_assert_true (sip_simple_dns_builder_add_question (builder, "example.org",
                                                      SIP_SIMPLE_DNS_TYPE_NAPTR, &error));
  for (guint i = 0; i < G_N_ELEMENTS (records); i++)
    {
      g_assert_true (sip_simple_dns_builder_add_record (builder, sections[i], records[i], &error));
      g_assert_no_error (error);
      sip_simple_dns_record_free (records[i]);
    }
  return sip_simple_dns_builder_end (g_steal_pointer (&builder));
}

static void
check_full_response (const SipSimpleDnsMessage *message)
{
  const SipSimpleDnsRecord *r;

  g_assert_cmpuint (message->id, ==, 0xbeef);
  g_assert_true (message->flags & SIP_SIMPLE_DNS_FLAG_QR);
  g_assert_true (message->flags & SIP_SIMPLE_DNS_FLAG_AA);
  g_assert_false (sip_simple_dns_message_is_truncated (message));
  g_assert_cmpint (sip_simple_dns_message_get_rcode (message), ==, SIP_SIMPLE_DNS_RCODE_NOERROR);
  g_assert_cmpuint (message->questions->len, ==, 1);
  g_assert_cmpuint (message->answers->len, ==, 4);
  g_assert_cmpuint (message->authority->len, ==, 1);
  g_assert_cmpuint (message->additional->len, ==, 2);

  r = record_at (message->answers, 0);
  g_assert_cmpstr (r->name, ==, "example.org");
  g_assert_cmpuint (r->type, ==, SIP_SIMPLE_DNS_TYPE_NAPTR);
  g_assert_cmpuint (r->ttl, ==, 3600);
  g_assert_cmpuint (r->order, ==, 10);
  g_assert_cmpuint (r->preference, ==, 20);
  g_assert_cmpstr (r->flags, ==, "s");
  g_assert_cmpstr (r->service, ==, "SIP+D2U");
  g_assert_cmpstr (r->regexp, ==, "");
  g_assert_cmpstr (r->target, ==, "_sip._udp.example.org");

  r = record_at (message->answers, 1);
  g_assert_cmpstr (r->flags, ==, "S");
  g_assert_cmpstr (r->service, ==, "SIPS+D2T");
  g_assert_cmpstr (r->regexp, ==, "!^.*$!sips:\\1!");
  g_assert_cmpstr (r->target, ==, "_sips._tcp.example.org");

  r = record_at (message->answers, 2);
  g_assert_cmpstr (r->name, ==, "_sip._udp.example.org");
  g_assert_cmpuint (r->type, ==, SIP_SIMPLE_DNS_TYPE_SRV);
  g_assert_cmpuint (r->priority, ==, 1);
  g_assert_cmpuint (r->weight, ==, 65535);
  g_assert_cmpuint (r->port, ==, 5060);
  g_assert_cmpstr (r->target, ==, "sip1.example.org");

  r = record_at (message->answers, 3);
  g_assert_cmpstr (r->name, ==, "www.example.org");
  g_assert_cmpuint (r->type, ==, SIP_SIMPLE_DNS_TYPE_CNAME);
  g_assert_cmpstr (r->target, ==, "sip1.example.org");

  r = record_at (message->authority, 0);
  g_assert_cmpuint (r->type, ==, SIP_SIMPLE_DNS_TYPE_TXT);
  g_assert_nonnull (r->rdata);
  g_assert_cmpmem (g_bytes_get_data (r->rdata, NULL), g_bytes_get_size (r->rdata), "\x05hello", 6);

  r = record_at (message->additional, 0);
  g_assert_cmpuint (r->type, ==, SIP_SIMPLE_DNS_TYPE_A);
  g_assert_cmpstr (r->address, ==, "192.0.2.1");
  g_assert_cmpuint (r->ttl, ==, 0x7fffffff);
  r = record_at (message->additional, 1);
  g_assert_cmpuint (r->type, ==, SIP_SIMPLE_DNS_TYPE_AAAA);
  g_assert_cmpstr (r->address, ==, "2001:db8::1");
}

static gboolean
has_pointer (const guint8 *data, gsize size)
{
  for (gsize i = SIP_SIMPLE_DNS_HEADER_SIZE; i + 1 < size; i++)
    if ((data[i] & 0xc0) == 0xc0 && data[i + 1] == SIP_SIMPLE_DNS_HEADER_SIZE)
      return TRUE;
  return FALSE;
}

static void
test_round_trip (void)
{
  g_autoptr (GBytes) plain = build_full_response (FALSE);
  g_autoptr (GBytes) compressed = build_full_response (TRUE);
  g_autoptr (GError) error = NULL;
  gsize         plain_size, compressed_size;
  const guint8 *plain_data = g_bytes_get_data (plain, &plain_size);
  const guint8 *compressed_data = g_bytes_get_data (compressed, &compressed_size);
  g_autoptr (SipSimpleDnsMessage) a = parse_exact (plain_data, plain_size, &error);
  g_autoptr (SipSimpleDnsMessage) b = NULL;

  g_assert_no_error (error);
  check_full_response (a);

  b = parse_exact (compressed_data, compressed_size, &error);
  g_assert_no_error (error);
  check_full_response (b);

  g_assert_cmpuint (compressed_size, <, plain_size);
  g_assert_true (has_pointer (compressed_data, compressed_size));
  g_assert_false (has_pointer (plain_data, plain_size));
}

static void
test_escaped_names (void)
{
  const char *name = "a\\.b.\\001\\255x.\\\\.example";
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) query = sip_simple_dns_build_query (7, name, 1, &error);
  gsize         size;
  const guint8 *data = g_bytes_get_data (query, &size);
  g_autoptr (SipSimpleDnsMessage) message = NULL;
  static const guint8 wire[]
      = { 3, 'a', '.', 'b', 3, 1, 255, 'x', 1, '\\', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0 };

  g_assert_no_error (error);
  g_assert_cmpmem (data + 12, sizeof wire, wire, sizeof wire);
  message = sip_simple_dns_message_parse (data, size, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (record_at (message->questions, 0)->name, ==, name);
  /* "\065" is another spelling of "A". */
  {
    g_autoptr (GBytes) other
        = sip_simple_dns_build_query (7, "a\\.b.\\001\\255x.\\092.ex\\097mple", 1, &error);
    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (other, query));
  }
}

static void
test_root_name (void)
{
  g_autoptr (SipSimpleDnsBuilder) builder
      = sip_simple_dns_builder_new (1, SIP_SIMPLE_DNS_FLAG_QR, TRUE);
  g_autoptr (SipSimpleDnsRecord) srv
      = sip_simple_dns_record_new_srv ("_sip._udp.example.org", 1, 0, 0, 0, ".");
  g_autoptr (SipSimpleDnsRecord) naptr
      = sip_simple_dns_record_new_naptr ("example.org", 1, 0, 0, "", "", "", ".");
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (SipSimpleDnsMessage) message = NULL;

  g_assert_true (sip_simple_dns_builder_add_question (builder, ".", 2, &error));
  g_assert_true (
      sip_simple_dns_builder_add_record (builder, SIP_SIMPLE_DNS_SECTION_ANSWER, srv, &error));
  g_assert_true (
      sip_simple_dns_builder_add_record (builder, SIP_SIMPLE_DNS_SECTION_ANSWER, naptr, &error));
  bytes = sip_simple_dns_builder_end (g_steal_pointer (&builder));
  message = parse_exact (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (record_at (message->questions, 0)->name, ==, ".");
  g_assert_cmpstr (record_at (message->answers, 0)->target, ==, ".");
  g_assert_cmpstr (record_at (message->answers, 1)->target, ==, ".");
}

static void
test_builder_errors (void)
{
  g_autoptr (SipSimpleDnsBuilder) builder = sip_simple_dns_builder_new (1, 0, TRUE);
  g_autoptr (SipSimpleDnsRecord) a = sip_simple_dns_record_new_a ("ok.example", 1, "192.0.2.1");
  g_autoptr (SipSimpleDnsRecord) bad = sip_simple_dns_record_new_a ("ok.example", 1, "192.0.2.1");
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (SipSimpleDnsMessage) message = NULL;

  /* An AAAA record with an IPv4 address is refused, the message stays as
   * it was. */
  bad->type = SIP_SIMPLE_DNS_TYPE_AAAA;
  g_assert_true (
      sip_simple_dns_builder_add_record (builder, SIP_SIMPLE_DNS_SECTION_ANSWER, a, &error));
  g_assert_false (
      sip_simple_dns_builder_add_record (builder, SIP_SIMPLE_DNS_SECTION_ANSWER, bad, &error));
  g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  /* Sections go in order. */
  g_assert_false (sip_simple_dns_builder_add_question (builder, "late.example", 1, &error));
  g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  bytes = sip_simple_dns_builder_end (g_steal_pointer (&builder));
  message = parse_exact (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (message->answers->len, ==, 1);
  g_assert_cmpstr (record_at (message->answers, 0)->address, ==, "192.0.2.1");
}

/* Hand-made compression: a pointer to the question name, a name that ends
 * in a pointer to a suffix, and a pointer to a name that is itself a
 * pointer. */
static void
test_compression_pointers (void)
{
  static const guint8 packet[] = {
    0x00,
    0x01,
    0x81,
    0x80,
    0x00,
    0x01,
    0x00,
    0x03,
    0x00,
    0x00,
    0x00,
    0x00,
    /* 12: question "sip.example.org" A IN */
    3,
    's',
    'i',
    'p',
    7,
    'e',
    'x',
    'a',
    'm',
    'p',
    'l',
    'e',
    3,
    'o',
    'r',
    'g',
    0,
    0x00,
    0x01,
    0x00,
    0x01,
    /* 33: answer, name = pointer to 12 */
    0xc0,
    12,
    0x00,
    0x01,
    0x00,
    0x01,
    0x00,
    0x00,
    0x00,
    0x3c,
    0x00,
    0x04,
    127,
    0,
    0,
    1,
    /* 49: CNAME "www" + pointer to 16 ("example.org"), target pointer to 33 (-> 12) */
    3,
    'w',
    'w',
    'w',
    0xc0,
    16,
    0x00,
    0x05,
    0x00,
    0x01,
    0x00,
    0x00,
    0x00,
    0x3c,
    0x00,
    0x02,
    0xc0,
    33,
    /* 67: name pointer to 49 ("www.example.org") */
    0xc0,
    49,
    0x00,
    0x01,
    0x00,
    0x01,
    0x00,
    0x00,
    0x00,
    0x3c,
    0x00,
    0x04,
    127,
    0,
    0,
    2,
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (SipSimpleDnsMessage) message = parse_exact (packet, sizeof packet, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (record_at (message->answers, 0)->name, ==, "sip.example.org");
  g_assert_cmpstr (record_at (message->answers, 0)->address, ==, "127.0.0.1");
  g_assert_cmpstr (record_at (message->answers, 1)->name, ==, "www.example.org");
  g_assert_cmpstr (record_at (message->answers, 1)->target, ==, "sip.example.org");
  g_assert_cmpstr (record_at (message->answers, 2)->name, ==, "www.example.org");
  g_assert_cmpstr (record_at (message->answers, 2)->address, ==, "127.0.0.2");
}

static void
test_truncated_everywhere (void)
{
  for (guint f = 0; f < 2; f++)
    {
      g_autoptr (GBytes) full = build_full_response (f == 0);
      gsize         size;
      const guint8 *data = g_bytes_get_data (full, &size);

      for (gsize len = 0; len < size; len++)
        assert_parse_fails (data, len, NULL);
    }
}

static GByteArray *
header (guint16 qd, guint16 an, guint16 ns, guint16 ar)
{
  GByteArray *b = g_byte_array_new ();
  guint8      h[12] = { 0xab,    0xcd,      0x81,    0x80,      qd >> 8, qd & 0xff,
                        an >> 8, an & 0xff, ns >> 8, ns & 0xff, ar >> 8, ar & 0xff };

  g_byte_array_append (b, h, sizeof h);
  return b;
}

static void
append (GByteArray *b, const guint8 *bytes, gsize n)
{
  g_byte_array_append (b, bytes, (guint)n);
}

#define APPEND(b, ...)                                                                             \
  G_STMT_START                                                                                     \
  {                                                                                                \
    static const guint8 bytes_[] = { __VA_ARGS__ };                                                \
    append (b, bytes_, sizeof bytes_);                                                             \
  }                                                                                                \
  G_STMT_END

static void
check_fails (GByteArray *b, const char *expected)
{
  assert_parse_fails (b->data, b->len, expected);
  g_byte_array_unref (b);
}

static void
test_pointer_loops (void)
{
  GByteArray *b;

  /* A pointer to itself. */
  b = header (1, 0, 0, 0);
  APPEND (b, 0xc0, 12, 0, 1, 0, 1);
  check_fails (b, "backwards");

  /* Two pointers to each other: 12 -> 14 -> 12. */
  b = header (1, 1, 0, 0);
  APPEND (b, 0xc0, 14, 0xc0, 12, 0, 1, 0, 1);
  APPEND (b, 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 1, 2, 3, 4);
  check_fails (b, "backwards");

  /* A label followed by a pointer back into that label: 12 "a" then a
   * pointer to 12 again. */
  b = header (1, 0, 0, 0);
  APPEND (b, 1, 'a', 0xc0, 12, 0, 1, 0, 1);
  check_fails (b, "backwards");

  /* A later name that points at a pointer that points forward to it. */
  b = header (1, 1, 0, 0);
  APPEND (b, 1, 'a', 0xc0, 20, 0, 1, 0, 1);                       /* 12: "a" + pointer to 20 */
  APPEND (b, 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 1, 2, 3, 4); /* 20 */
  check_fails (b, "backwards");

  /* Pointer into the header. */
  b = header (1, 0, 0, 0);
  APPEND (b, 1, 'a', 0xc0, 2, 0, 1, 0, 1);
  check_fails (b, "header");
}

static void
test_pointer_past_end (void)
{
  GByteArray *b;

  /* In an answer name, pointing past the end of the message. */
  b = header (1, 1, 0, 0);
  APPEND (b, 1, 'a', 0, 0, 1, 0, 1);
  APPEND (b, 0xff, 0xff, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 1, 2, 3, 4);
  check_fails (b, "compression pointer");

  /* A pointer cut in half at the end of the message. */
  b = header (1, 0, 0, 0);
  APPEND (b, 1, 'a', 0xc0);
  check_fails (b, NULL);

  /* A pointer in SRV data cut in half at the end of the RDATA. */
  b = header (0, 1, 0, 0);
  APPEND (b, 0, 0, 33, 0, 1, 0, 0, 0, 1, 0, 7, 0, 1, 0, 1, 0x13, 0xc4, 0xc0);
  APPEND (b, 12);
  check_fails (b, NULL);
}

static void
test_bad_labels (void)
{
  GByteArray *b;
  guint8      big[300];

  /* 0x40 and 0x80 label types (extended / reserved). */
  b = header (1, 0, 0, 0);
  APPEND (b, 0x40, 'a', 0, 0, 1, 0, 1);
  check_fails (b, "label type");
  b = header (1, 0, 0, 0);
  APPEND (b, 0x80, 'a', 0, 0, 1, 0, 1);
  check_fails (b, "label type");

  /* A label that runs past the end. */
  b = header (1, 0, 0, 0);
  APPEND (b, 63, 'a', 'b', 'c', 'd', 'e', 'f');
  check_fails (b, "past the end");

  /* A name of more than 255 bytes: 5 labels of 63. */
  b = header (1, 0, 0, 0);
  for (guint i = 0; i < 5; i++)
    {
      big[0] = 63;
      memset (big + 1, 'x', 63);
      append (b, big, 64);
    }
  APPEND (b, 0, 0, 1, 0, 1);
  check_fails (b, "longer than 255");

  /* The same through pointers: each name adds labels before a pointer to
   * the previous one, and the last one gets too long. */
  b = header (5, 0, 0, 0);
  {
    guint prev = 0;
    for (guint i = 0; i < 5; i++)
      {
        guint at = b->len;
        big[0] = 63;
        memset (big + 1, 'y', 63);
        append (b, big, 64);
        if (i == 0)
          APPEND (b, 0);
        else
          {
            guint8 ptr[2] = { 0xc0 | (prev >> 8), prev & 0xff };
            append (b, ptr, 2);
          }
        APPEND (b, 0, 1, 0, 1);
        prev = at;
      }
  }
  check_fails (b, "longer than 255");
}

static void
test_bad_rdata (void)
{
  GByteArray *b;

  /* RDLENGTH past the end of the message. */
  b = header (0, 1, 0, 0);
  APPEND (b, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0x01, 0x00, 1, 2, 3, 4);
  check_fails (b, "past the end");

  /* An A record of 5 bytes. */
  b = header (0, 1, 0, 0);
  APPEND (b, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 5, 1, 2, 3, 4, 5);
  check_fails (b, "not 4");

  /* An AAAA record of 4 bytes. */
  b = header (0, 1, 0, 0);
  APPEND (b, 0, 0, 28, 0, 1, 0, 0, 0, 1, 0, 4, 1, 2, 3, 4);
  check_fails (b, "not 16");

  /* SRV data with a byte after the target. */
  b = header (0, 1, 0, 0);
  APPEND (b, 0, 0, 33, 0, 1, 0, 0, 0, 1, 0, 9, 0, 1, 0, 1, 0x13, 0xc4, 1, 'a', 0);
  APPEND (b, 0);
  check_fails (b, NULL);
  /* ...which, counted as data, is a stray byte. */
  b = header (0, 1, 0, 0);
  APPEND (b, 0, 0, 33, 0, 1, 0, 0, 0, 1, 0, 10, 0, 1, 0, 1, 0x13, 0xc4, 1, 'a', 0, 0);
  check_fails (b, "stray");

  /* SRV data shorter than the fixed part. */
  b = header (0, 1, 0, 0);
  APPEND (b, 0, 0, 33, 0, 1, 0, 0, 0, 1, 0, 3, 0, 1, 0);
  check_fails (b, "SRV");

  /* SRV target that runs out of its RDATA (but not of the message). */
  b = header (0, 1, 0, 0);
  APPEND (b, 0, 0, 33, 0, 1, 0, 0, 0, 1, 0, 8, 0, 1, 0, 1, 0x13, 0xc4, 3, 'a');
  APPEND (b, 'b', 'c', 0);
  check_fails (b, NULL);

  /* NAPTR character-string longer than its RDATA. */
  b = header (0, 1, 0, 0);
  APPEND (b, 0, 0, 35, 0, 1, 0, 0, 0, 1, 0, 7, 0, 1, 0, 1, 20, 's', 0);
  check_fails (b, "NAPTR flags");

  /* NAPTR with a NUL inside the service. */
  b = header (0, 1, 0, 0);
  APPEND (b, 0, 0, 35, 0, 1, 0, 0, 0, 1, 0, 11, 0, 1, 0, 1, 1, 's', 2, 'a', 0, 0, 0);
  check_fails (b, "NUL");

  /* CNAME with an empty RDATA. */
  b = header (0, 1, 0, 0);
  APPEND (b, 0, 0, 5, 0, 1, 0, 0, 0, 1, 0, 0);
  check_fails (b, "CNAME");
}

static void
test_bad_counts (void)
{
  GByteArray *b;

  b = header (0xffff, 0, 0, 0);
  check_fails (b, "cannot fit");
  b = header (0, 0xffff, 0xffff, 0xffff);
  APPEND (b, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 1, 2, 3, 4);
  check_fails (b, "cannot fit");

  /* Counts that fit in size but not in content. */
  b = header (0, 2, 0, 0);
  APPEND (b, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 1, 2, 3, 4);
  APPEND (b, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 1, 2, 3);
  check_fails (b, NULL);

  /* More bytes than the counts say. */
  b = header (0, 1, 0, 0);
  APPEND (b, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 1, 2, 3, 4, 9);
  check_fails (b, "after the last record");

  /* Empty and short headers. */
  assert_parse_fails ((const guint8 *)"", 0, "header");
  assert_parse_fails ((const guint8 *)"\x01\x02\x03", 3, "header");
}

/* Random damage to a valid answer never makes the parser misbehave: it
 * either parses (the damage hit a value) or fails with an error. */
static void
test_fuzz (void)
{
  g_autoptr (GBytes) full = build_full_response (TRUE);
  gsize              size;
  const guint8      *data = g_bytes_get_data (full, &size);
  g_autofree guint8 *copy = g_malloc (size);
  guint              parsed = 0, failed = 0;

  for (guint round = 0; round < 20000; round++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SipSimpleDnsMessage) message = NULL;
      guint n = 1 + g_test_rand_int_range (0, 4);
      gsize len = size;

      memcpy (copy, data, size);
      for (guint i = 0; i < n; i++)
        copy[g_test_rand_int_range (0, (gint32)size)] = (guint8)g_test_rand_int_range (0, 256);
      if (g_test_rand_bit ())
        len = (gsize)g_test_rand_int_range (0, (gint32)size + 1);

      message = parse_exact (copy, len, &error);
      if (message != NULL)
        parsed++;
      else
        {
          g_assert_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_BODY);
          failed++;
        }
    }
  g_test_message ("fuzz: %u parsed, %u refused", parsed, failed);
  g_assert_cmpuint (failed, >, 0);
}

static void
test_name_equal (void)
{
  g_assert_true (sip_simple_dns_name_equal ("Example.ORG", "example.org."));
  g_assert_true (sip_simple_dns_name_equal (".", "."));
  g_assert_false (sip_simple_dns_name_equal ("example.org", "example.com"));
  g_assert_false (sip_simple_dns_name_equal ("a\\.", "a"));
  g_assert_cmpstr (sip_simple_dns_rcode_to_string (3), ==, "NXDOMAIN");
  g_assert_cmpstr (sip_simple_dns_type_to_string (35), ==, "NAPTR");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dns-message/query/bytes", test_query_bytes);
  g_test_add_func ("/dns-message/query/types", test_query_types);
  g_test_add_func ("/dns-message/query/bad-names", test_bad_names);
  g_test_add_func ("/dns-message/round-trip", test_round_trip);
  g_test_add_func ("/dns-message/escaped-names", test_escaped_names);
  g_test_add_func ("/dns-message/root-name", test_root_name);
  g_test_add_func ("/dns-message/builder-errors", test_builder_errors);
  g_test_add_func ("/dns-message/compression-pointers", test_compression_pointers);
  g_test_add_func ("/dns-message/name-equal", test_name_equal);
  g_test_add_func ("/dns-message/malformed/truncated-everywhere", test_truncated_everywhere);
  g_test_add_func ("/dns-message/malformed/pointer-loops", test_pointer_loops);
  g_test_add_func ("/dns-message/malformed/pointer-past-end", test_pointer_past_end);
  g_test_add_func ("/dns-message/malformed/labels", test_bad_labels);
  g_test_add_func ("/dns-message/malformed/rdata", test_bad_rdata);
  g_test_add_func ("/dns-message/malformed/counts", test_bad_counts);
  g_test_add_func ("/dns-message/malformed/fuzz", test_fuzz);

  return g_test_run ();
}
