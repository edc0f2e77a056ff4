/* libFuzzer target: the incremental MSRP frame parser, fed the input in
 * chunks whose sizes come from the input's first two bytes, so that every
 * split point is explored. Callbacks check the frames they are given.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "fuzz-common.h"
#include "msrp/msrp-parser-private.h"

static gboolean
on_start (SipSimpleMsrpFrame *frame, gpointer user_data, GError **error)
{
  g_assert (frame->tid != NULL && *frame->tid != '\0');
  g_assert (frame->is_request ? frame->method != NULL : frame->status >= 100 && frame->status <= 999);
  for (guint i = 0; i < frame->headers->len; i++)
    {
      SipSimpleMsrpHeader *h = g_ptr_array_index (frame->headers, i);
      g_assert (h->name != NULL && h->value != NULL);
    }
  (void) sip_simple_msrp_frame_get_header (frame, "Message-ID");
  if (frame->has_byte_range)
    g_assert (frame->range_start >= 1);
  return TRUE;
}

static gboolean
on_data (SipSimpleMsrpFrame *frame, const guint8 *data, gsize len, gpointer user_data, GError **error)
{
  gsize *total = user_data;
  *total += len;
  return TRUE;
}

static gboolean
on_end (SipSimpleMsrpFrame *frame, char flag, gpointer user_data, GError **error)
{
  g_assert (flag == '$' || flag == '+' || flag == '#');
  return TRUE;
}

static const SipSimpleMsrpParserCallbacks callbacks = { on_start, on_data, on_end };

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static gboolean initialized;
  SipSimpleMsrpParser *parser;
  gsize total = 0, pos = 2;
  guint32 state;

  if (!initialized)
    {
      fuzz_init_logging ();
      initialized = TRUE;
    }
  if (size < 2)
    return 0;
  state = data[0] | (data[1] << 8);
  parser = sip_simple_msrp_parser_new (&callbacks, &total);
  while (pos < size)
    {
      GError *error = NULL;
      gsize chunk;

      state = state * 1103515245u + 12345u;
      chunk = 1 + (state >> 16) % 97;
      if (chunk > size - pos)
        chunk = size - pos;
      if (!sip_simple_msrp_parser_feed (parser, data + pos, chunk, &error))
        {
          gboolean is_request;
          g_assert (error != NULL);
          (void) sip_simple_msrp_parser_get_error_tid (parser, &is_request);
          g_error_free (error);
          break;
        }
      g_assert (error == NULL);
      pos += chunk;
    }
  (void) sip_simple_msrp_parser_is_idle (parser);
  sip_simple_msrp_parser_free (parser);
  return 0;
}
