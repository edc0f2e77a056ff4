/* Unit tests of the incremental MSRP frame parser (RFC 4975 section 7):
 * every split of a sample stream gives the same frames, and malformed
 * input ends in a clear error, never a crash.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gio/gio.h>

#include "test-utils.h"
#include "msrp/msrp-parser-private.h"

#include <string.h>

typedef struct
{
  GString *log;
  guint    frames;
  gboolean fail_in_start;
} Collector;

static gboolean
on_start (SipSimpleMsrpFrame *frame, gpointer user_data, GError **error)
{
  Collector *c = user_data;

  if (frame->is_request)
    g_string_append_printf (c->log, "[%s %s", frame->tid, frame->method);
  else
    g_string_append_printf (c->log, "[%s %u %s", frame->tid, frame->status, frame->reason ? frame->reason : "");
  for (guint i = 0; i < frame->headers->len; i++)
    {
      SipSimpleMsrpHeader *h = g_ptr_array_index (frame->headers, i);

      g_string_append_printf (c->log, "|%s=%s", h->name, h->value);
    }
  if (frame->has_byte_range)
    g_string_append_printf (c->log, "|range %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                            frame->range_start, frame->range_end, frame->range_total);
  g_string_append (c->log, frame->has_body ? "|body:" : "|nobody:");
  if (c->fail_in_start)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "stop");
      return FALSE;
    }
  return TRUE;
}

static gboolean
on_data (SipSimpleMsrpFrame *frame, const guint8 *data, gsize len, gpointer user_data, GError **error)
{
  Collector *c = user_data;

  g_assert_cmpuint (len, >, 0);
  g_string_append_len (c->log, (const char *)data, len);
  return TRUE;
}

static gboolean
on_end (SipSimpleMsrpFrame *frame, char flag, gpointer user_data, GError **error)
{
  Collector *c = user_data;

  g_string_append_printf (c->log, ":%c]\n", flag);
  c->frames++;
  return TRUE;
}

static const SipSimpleMsrpParserCallbacks callbacks = { on_start, on_data, on_end };

/* Frames of every shape: RFC 4975's first example, a chunk with '+', an
 * interrupted chunk '#', an empty SEND, responses with and without a
 * reason, a REPORT, and a body that contains near-misses of its own
 * end-line (CRs, dashes, another transaction's end-line). */
static const char sample[] =
  "MSRP a786hjs2 SEND\r\n"
  "To-Path: msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp\r\n"
  "From-Path: msrp://atlanta.example.com:7654/jshA7weztas;tcp\r\n"
  "Message-ID: 87652491\r\n"
  "Byte-Range: 1-25/25\r\n"
  "Content-Type: text/plain\r\n"
  "\r\n"
  "Hey Bob, are you there?\r\n"
  "\r\n"
  "-------a786hjs2$\r\n"
  "MSRP a786hjs2 200 OK\r\n"
  "To-Path: msrp://atlanta.example.com:7654/jshA7weztas;tcp\r\n"
  "From-Path: msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp\r\n"
  "-------a786hjs2$\r\n"
  "MSRP d93kswow SEND\r\n"
  "To-Path: msrp://b.example.com:1/s;tcp\r\n"
  "From-Path: msrp://a.example.com:1/t;tcp\r\n"
  "Message-ID: 12339sdqwer\r\n"
  "Byte-Range: 1-*/*\r\n"
  "Content-Type: application/octet-stream\r\n"
  "\r\n"
  "\r\r\n\r\n-\r\n------\r\n-------d93ksw\r\n-------xyzwv$\r\n-------d93kswo"
  "\r\n-------d93kswow+\r\n"
  "MSRP dkei38sd SEND\r\n"
  "To-Path: msrp://b.example.com:1/s;tcp\r\n"
  "From-Path: msrp://a.example.com:1/t;tcp\r\n"
  "Message-ID: 12339sdqwer\r\n"
  "Byte-Range: 54-60/*\r\n"
  "Content-Type: application/octet-stream\r\n"
  "\r\n"
  "abcdefg"
  "\r\n-------dkei38sd#\r\n"
  "MSRP emptysend1 SEND\r\n"
  "To-Path: msrp://b.example.com:1/s;tcp\r\n"
  "From-Path: msrp://a.example.com:1/t;tcp\r\n"
  "Message-ID: 0000\r\n"
  "Byte-Range: 1-0/0\r\n"
  "-------emptysend1$\r\n"
  "MSRP emptybody SEND\r\n"
  "To-Path: msrp://b.example.com:1/s;tcp\r\n"
  "From-Path: msrp://a.example.com:1/t;tcp\r\n"
  "Message-ID: 0001\r\n"
  "Content-Type: text/plain\r\n"
  "\r\n"
  "\r\n-------emptybody$\r\n"
  "MSRP r1ab 481\r\n"
  "-------r1ab$\r\n"
  "MSRP dkei38sd 413 Message too large\r\n"
  "To-Path: msrp://a.example.com:1/t;tcp\r\n"
  "From-Path: msrp://b.example.com:1/s;tcp\r\n"
  "-------dkei38sd$\r\n"
  "MSRP rep.1-x REPORT\r\n"
  "To-Path: msrp://a.example.com:1/t;tcp\r\n"
  "From-Path: msrp://b.example.com:1/s;tcp\r\n"
  "Message-ID: 87652491\r\n"
  "Byte-Range: 1-25/25\r\n"
  "Status: 000 200 OK\r\n"
  "-------rep.1-x$\r\n";

static char *
parse_all (const char *const *pieces, const gsize *lens, guint n, guint *frames, GError **error)
{
  Collector            c = { g_string_new (NULL), 0, FALSE };
  SipSimpleMsrpParser *parser = sip_simple_msrp_parser_new (&callbacks, &c);
  gboolean             ok = TRUE;

  for (guint i = 0; i < n && ok; i++)
    ok = sip_simple_msrp_parser_feed (parser, (const guint8 *)pieces[i], lens[i], error);
  if (ok)
    g_assert_true (sip_simple_msrp_parser_is_idle (parser));
  sip_simple_msrp_parser_free (parser);
  if (frames)
    *frames = c.frames;
  return g_string_free (c.log, FALSE);
}

static char *
parse_whole (const char *data, gsize len, guint *frames)
{
  g_autoptr (GError) error = NULL;
  const char *pieces[] = { data };
  gsize       lens[] = { len };
  char       *log = parse_all (pieces, lens, 1, frames, &error);

  g_assert_no_error (error);
  return log;
}

static void
test_sample (void)
{
  guint            frames = 0;
  g_autofree char *log = parse_whole (sample, sizeof sample - 1, &frames);

  g_assert_cmpuint (frames, ==, 9);
  /* the body with near-misses comes out exactly */
  g_assert_nonnull (strstr (log, "|body:\r\r\n\r\n-\r\n------\r\n-------d93ksw\r\n-------xyzwv$\r\n-------d93kswo:+]"));
  g_assert_nonnull (strstr (log, "Hey Bob, are you there?\r\n:$]"));
  g_assert_nonnull (strstr (log, "|range 54 60 -1|body:abcdefg:#]"));
  g_assert_nonnull (strstr (log, "[emptysend1 SEND|"));
  g_assert_nonnull (strstr (log, "|range 1 0 0|nobody::$]"));
  g_assert_nonnull (strstr (log, "[emptybody SEND|To-Path=msrp://b.example.com:1/s;tcp|From-Path=msrp://a.example.com:1/t;tcp|Message-ID=0001|Content-Type=text/plain|body::$]"));
  g_assert_nonnull (strstr (log, "[r1ab 481 |nobody::$]"));
  g_assert_nonnull (strstr (log, "[dkei38sd 413 Message too large|"));
  g_assert_nonnull (strstr (log, "[rep.1-x REPORT|"));
  g_assert_nonnull (strstr (log, "|Status=000 200 OK|range 1 25 25|nobody::$]"));
}

static void
test_every_split (void)
{
  gsize            len = sizeof sample - 1;
  g_autofree char *reference = parse_whole (sample, len, NULL);

  for (gsize i = 0; i <= len; i++)
    {
      g_autoptr (GError) error = NULL;
      const char      *pieces[] = { sample, sample + i };
      gsize            lens[] = { i, len - i };
      g_autofree char *log = parse_all (pieces, lens, 2, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (log, ==, reference);
    }
}

static void
test_byte_by_byte (void)
{
  gsize            len = sizeof sample - 1;
  g_autofree char *reference = parse_whole (sample, len, NULL);
  const char     **pieces = g_new (const char *, len);
  gsize           *lens = g_new (gsize, len);
  g_autoptr (GError) error = NULL;
  g_autofree char *log = NULL;

  for (gsize i = 0; i < len; i++)
    {
      pieces[i] = sample + i;
      lens[i] = 1;
    }
  log = parse_all (pieces, lens, len, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (log, ==, reference);
  g_free (pieces);
  g_free (lens);
}

static void
test_random_splits (void)
{
  gsize            len = sizeof sample - 1;
  g_autofree char *reference = parse_whole (sample, len, NULL);
  GRand           *rand = g_rand_new_with_seed (4975);

  for (guint round = 0; round < 500; round++)
    {
      const char *pieces[64];
      gsize       lens[64];
      guint       n = 0;
      gsize       at = 0;
      g_autoptr (GError) error = NULL;
      g_autofree char *log = NULL;

      while (at < len && n < 63)
        {
          gsize want = g_rand_int_range (rand, 1, 120);
          gsize take = MIN (len - at, want);

          pieces[n] = sample + at;
          lens[n++] = take;
          at += take;
        }
      pieces[n] = sample + at;
      lens[n++] = len - at;
      log = parse_all (pieces, lens, n, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (log, ==, reference);
    }
  g_rand_free (rand);
}

/* A large chunk body streams through without being buffered whole */
static void
test_large_body (void)
{
  gsize            size = 3 * 1024 * 1024 + 17;
  g_autofree char *body = g_malloc (size);
  g_autofree char *head = g_strdup_printf ("MSRP bigone1 SEND\r\nTo-Path: msrp://b:1/s;tcp\r\nFrom-Path: msrp://a:1/t;tcp\r\n"
                                           "Message-ID: big\r\nByte-Range: 1-%" G_GSIZE_FORMAT "/%" G_GSIZE_FORMAT
                                           "\r\nContent-Type: application/octet-stream\r\n\r\n",
                                           size, size);
  const char *tail = "\r\n-------bigone1$\r\n";
  Collector   c = { g_string_new (NULL), 0, FALSE };
  SipSimpleMsrpParser *parser = sip_simple_msrp_parser_new (&callbacks, &c);
  g_autoptr (GError) error = NULL;

  for (gsize i = 0; i < size; i++)
    body[i] = (char)(i % 7 == 0 ? '\r' : i % 11 == 0 ? '\n' : i % 5 == 0 ? '-' : 'a' + i % 26);
  g_assert_true (sip_simple_msrp_parser_feed (parser, (const guint8 *)head, strlen (head), &error));
  for (gsize at = 0; at < size; at += 65536)
    g_assert_true (sip_simple_msrp_parser_feed (parser, (const guint8 *)body + at, MIN (65536, size - at), &error));
  g_assert_true (sip_simple_msrp_parser_feed (parser, (const guint8 *)tail, strlen (tail), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c.frames, ==, 1);
  {
    const char *start = strstr (c.log->str, "|body:");

    g_assert_nonnull (start);
    start += 6;
    g_assert_cmpuint (c.log->len - (start - c.log->str), ==, size + 4);
    g_assert_true (memcmp (start, body, size) == 0);
  }
  sip_simple_msrp_parser_free (parser);
  g_string_free (c.log, TRUE);
}

typedef struct
{
  const char *name;
  const char *data;
  int         code;
  const char *tid; /* expected identifiable transaction, or NULL */
  gsize       len; /* 0: strlen */
} BadCase;

static const BadCase bad_cases[] = {
  { "http", "GET / HTTP/1.1\r\nHost: x\r\n\r\n", SIP_SIMPLE_MSRP_ERROR_PARSE, NULL },
  { "short-tid", "MSRP ab SEND\r\n", SIP_SIMPLE_MSRP_ERROR_PARSE, NULL },
  { "no-method", "MSRP abcd \r\n", SIP_SIMPLE_MSRP_ERROR_PARSE, "abcd" },
  { "lower-method", "MSRP abcd send\r\n", SIP_SIMPLE_MSRP_ERROR_PARSE, "abcd" },
  { "lf-only", "MSRP abcd SEND\nTo-Path: x\n", SIP_SIMPLE_MSRP_ERROR_PARSE, NULL },
  { "bare-cr", "MSRP abcd SEND\r\nTo-Path: a\rb\r\n", SIP_SIMPLE_MSRP_ERROR_PARSE, "abcd" },
  { "bad-header", "MSRP abcd SEND\r\nNo colon here\r\n", SIP_SIMPLE_MSRP_ERROR_PARSE, "abcd" },
  { "no-paths", "MSRP abcd SEND\r\nMessage-ID: 1\r\n-------abcd$\r\n", SIP_SIMPLE_MSRP_ERROR_PARSE, "abcd" },
  { "bad-end-line", "MSRP abcd SEND\r\nTo-Path: a\r\nFrom-Path: b\r\n-------abcd!\r\n", SIP_SIMPLE_MSRP_ERROR_PARSE, "abcd" },
  { "wrong-tid-end-line", "MSRP abcd SEND\r\nTo-Path: a\r\nFrom-Path: b\r\n-------efgh$\r\n", SIP_SIMPLE_MSRP_ERROR_PARSE, "abcd" },
  { "bad-flag-after-body",
    "MSRP abcd SEND\r\nTo-Path: a\r\nFrom-Path: b\r\nContent-Type: t/p\r\n\r\nxyz\r\n-------abcdX\r\n",
    SIP_SIMPLE_MSRP_ERROR_PARSE, "abcd" },
  { "garbage-after-flag",
    "MSRP abcd SEND\r\nTo-Path: a\r\nFrom-Path: b\r\nContent-Type: t/p\r\n\r\nxyz\r\n-------abcd$xx",
    SIP_SIMPLE_MSRP_ERROR_PARSE, "abcd" },
  { "bad-range", "MSRP abcd SEND\r\nTo-Path: a\r\nFrom-Path: b\r\nByte-Range: one-two/three\r\n\r\n",
    SIP_SIMPLE_MSRP_ERROR_PARSE, "abcd" },
  { "range-zero", "MSRP abcd SEND\r\nTo-Path: a\r\nFrom-Path: b\r\nByte-Range: 0-5/5\r\n\r\n",
    SIP_SIMPLE_MSRP_ERROR_PARSE, "abcd" },
  { "range-backwards", "MSRP abcd SEND\r\nTo-Path: a\r\nFrom-Path: b\r\nByte-Range: 10-5/20\r\n\r\n",
    SIP_SIMPLE_MSRP_ERROR_PARSE, "abcd" },
  { "range-beyond-total", "MSRP abcd SEND\r\nTo-Path: a\r\nFrom-Path: b\r\nByte-Range: 1-50/20\r\n\r\n",
    SIP_SIMPLE_MSRP_ERROR_PARSE, "abcd" },
  { "range-overflow", "MSRP abcd SEND\r\nTo-Path: a\r\nFrom-Path: b\r\nByte-Range: 1-99999999999999999999999/*\r\n\r\n",
    SIP_SIMPLE_MSRP_ERROR_PARSE, "abcd" },
  { "body-longer-than-range",
    "MSRP abcd SEND\r\nTo-Path: a\r\nFrom-Path: b\r\nByte-Range: 1-3/3\r\nContent-Type: t/p\r\n\r\nabcdef\r\n-------abcd$\r\n",
    SIP_SIMPLE_MSRP_ERROR_PROTOCOL, "abcd" },
  { "body-shorter-than-range",
    "MSRP abcd SEND\r\nTo-Path: a\r\nFrom-Path: b\r\nByte-Range: 1-10/10\r\nContent-Type: t/p\r\n\r\nabc\r\n-------abcd$\r\n",
    SIP_SIMPLE_MSRP_ERROR_PROTOCOL, "abcd" },
  { "body-beyond-total",
    "MSRP abcd SEND\r\nTo-Path: a\r\nFrom-Path: b\r\nByte-Range: 1-*/2\r\nContent-Type: t/p\r\n\r\nabc\r\n-------abcd$\r\n",
    SIP_SIMPLE_MSRP_ERROR_PROTOCOL, "abcd" },
  { "nul-in-header", "MSRP abcd SEND\r\nTo-Path: a\0b\r\n", SIP_SIMPLE_MSRP_ERROR_PARSE, "abcd", 30 },
  { "status-too-low", "MSRP abcd 099 Hmm\r\n", SIP_SIMPLE_MSRP_ERROR_PARSE, "abcd" },
};

static void
test_malformed (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const BadCase       *bc = &bad_cases[i];
      gsize                len = bc->len ? bc->len : strlen (bc->data);
      /* every split of each bad input reports the same error */
      for (gsize split = 0; split <= len; split++)
        {
          Collector            c = { g_string_new (NULL), 0, FALSE };
          SipSimpleMsrpParser *parser = sip_simple_msrp_parser_new (&callbacks, &c);
          g_autoptr (GError) error = NULL;
          gboolean    is_request = FALSE;
          const char *tid;

          if (sip_simple_msrp_parser_feed (parser, (const guint8 *)bc->data, split, &error))
            sip_simple_msrp_parser_feed (parser, (const guint8 *)bc->data + split, len - split, &error);
          if (error == NULL)
            g_error ("%s (split %" G_GSIZE_FORMAT "): no error", bc->name, split);
          g_assert_error (error, SIP_SIMPLE_MSRP_ERROR, bc->code);
          tid = sip_simple_msrp_parser_get_error_tid (parser, &is_request);
          if (g_strcmp0 (tid, bc->tid) != 0)
            g_error ("%s (split %" G_GSIZE_FORMAT "): tid %s", bc->name, split, tid);
          /* a dead parser stays dead */
          g_clear_error (&error);
          g_assert_false (sip_simple_msrp_parser_feed (parser, (const guint8 *)"MSRP", 4, &error));
          g_assert_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_PARSE);
          sip_simple_msrp_parser_free (parser);
          g_string_free (c.log, TRUE);
        }
    }
}

static void
test_oversize_headers (void)
{
  GString             *big = g_string_new ("MSRP abcd SEND\r\nTo-Path: a\r\nFrom-Path: b\r\n");
  Collector            c = { g_string_new (NULL), 0, FALSE };
  SipSimpleMsrpParser *parser = sip_simple_msrp_parser_new (&callbacks, &c);
  g_autoptr (GError) error = NULL;
  gboolean ok = TRUE;

  /* many small headers, fed in pieces: the block limit applies, not just a line's */
  for (guint i = 0; i < 2000 && ok; i++)
    {
      g_autofree char *line = g_strdup_printf ("X-Filler-%u: %s\r\n", i, "0123456789");

      g_string_append (big, line);
    }
  for (gsize at = 0; at < big->len && ok; at += 100)
    ok = sip_simple_msrp_parser_feed (parser, (const guint8 *)big->str + at, MIN (100, big->len - at), &error);
  g_assert_false (ok);
  g_assert_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_PARSE);
  g_assert_cmpstr (sip_simple_msrp_parser_get_error_tid (parser, NULL), ==, "abcd");
  g_assert_cmpuint (c.frames, ==, 0);
  sip_simple_msrp_parser_free (parser);

  /* one endless line without a newline */
  parser = sip_simple_msrp_parser_new (&callbacks, &c);
  g_clear_error (&error);
  ok = TRUE;
  {
    g_autofree char *junk = g_strnfill (4096, 'M');

    for (guint i = 0; i < 10 && ok; i++)
      ok = sip_simple_msrp_parser_feed (parser, (const guint8 *)junk, 4096, &error);
  }
  g_assert_false (ok);
  g_assert_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_PARSE);
  sip_simple_msrp_parser_free (parser);
  g_string_free (big, TRUE);
  g_string_free (c.log, TRUE);
}

static void
test_callback_error (void)
{
  Collector            c = { g_string_new (NULL), 0, TRUE };
  SipSimpleMsrpParser *parser = sip_simple_msrp_parser_new (&callbacks, &c);
  g_autoptr (GError) error = NULL;

  g_assert_false (sip_simple_msrp_parser_feed (parser, (const guint8 *)sample, sizeof sample - 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  sip_simple_msrp_parser_free (parser);
  g_string_free (c.log, TRUE);
}

/* Random bytes, and the sample with random bytes flipped: an error or
 * frames, never a crash or an endless loop */
static void
test_garbage (void)
{
  GRand *rand = g_rand_new_with_seed (6135);
  gsize  len = sizeof sample - 1;
  guint  errors = 0;

  for (guint round = 0; round < 2000; round++)
    {
      g_autofree guint8 *data = g_memdup2 (sample, len);
      Collector            c = { g_string_new (NULL), 0, FALSE };
      SipSimpleMsrpParser *parser = sip_simple_msrp_parser_new (&callbacks, &c);
      g_autoptr (GError) error = NULL;
      gsize split = g_rand_int_range (rand, 0, len);

      if (round % 4 == 0)
        for (gsize i = 0; i < len; i++)
          data[i] = g_rand_int_range (rand, 0, 256);
      else
        for (guint k = 0; k < 1 + round % 5; k++)
          data[g_rand_int_range (rand, 0, len)] = g_rand_int_range (rand, 0, 256);
      if (sip_simple_msrp_parser_feed (parser, data, split, &error))
        sip_simple_msrp_parser_feed (parser, data + split, len - split, &error);
      if (error)
        {
          errors++;
          g_assert_true (error->domain == SIP_SIMPLE_MSRP_ERROR);
        }
      sip_simple_msrp_parser_free (parser);
      g_string_free (c.log, TRUE);
    }
  g_assert_cmpuint (errors, >, 500);
  g_rand_free (rand);
}

static void
test_writer (void)
{
  GString         *head = sip_simple_msrp_frame_head_new ("tid12345", "SEND");
  g_autofree char *end = sip_simple_msrp_end_line ("tid12345", '$', TRUE);
  g_autofree char *frame = NULL;
  g_autofree char *log = NULL;
  g_autofree char *id = sip_simple_msrp_new_id (20);

  sip_simple_msrp_frame_head_add (head, "To-Path", "msrp://b:1/s;tcp");
  sip_simple_msrp_frame_head_add (head, "From-Path", "msrp://a:1/t;tcp");
  sip_simple_msrp_frame_head_add (head, "Message-ID", "m1");
  sip_simple_msrp_frame_head_end (head, TRUE);
  frame = g_strconcat (head->str, "body", end, NULL);
  g_string_free (head, TRUE);
  log = parse_whole (frame, strlen (frame), NULL);
  g_assert_cmpstr (log, ==, "[tid12345 SEND|To-Path=msrp://b:1/s;tcp|From-Path=msrp://a:1/t;tcp|Message-ID=m1|body:body:$]\n");
  g_assert_cmpuint (strlen (id), ==, 20);
  for (const char *p = id; *p; p++)
    g_assert_true (g_ascii_isalnum (*p));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/msrp/parser/sample", test_sample);
  g_test_add_func ("/msrp/parser/every-split", test_every_split);
  g_test_add_func ("/msrp/parser/byte-by-byte", test_byte_by_byte);
  g_test_add_func ("/msrp/parser/random-splits", test_random_splits);
  g_test_add_func ("/msrp/parser/large-body", test_large_body);
  g_test_add_func ("/msrp/parser/malformed", test_malformed);
  g_test_add_func ("/msrp/parser/oversize-headers", test_oversize_headers);
  g_test_add_func ("/msrp/parser/callback-error", test_callback_error);
  g_test_add_func ("/msrp/parser/garbage", test_garbage);
  g_test_add_func ("/msrp/parser/writer", test_writer);
  return g_test_run ();
}
