/* libFuzzer target: the SIP values of the sip layer. The first byte picks
 * the parser (URI, name-addr, header block, Via, CPIM message, digest
 * parameters, multipart MIME body); what parses must print and parse again
 * to an equal value.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "fuzz-common.h"
#include "sip/digest-internal.h"
#include "sip/mime-internal.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
fuzz_uri (const char *text)
{
  g_autoptr (SipSimpleUri) uri = sip_simple_uri_parse (text, NULL);
  if (uri != NULL)
    {
      g_autofree char *printed = sip_simple_uri_to_string (uri);
      g_autoptr (GError) error = NULL;
      g_autoptr (SipSimpleUri) again = sip_simple_uri_parse (printed, &error);
      if (again == NULL)
        g_error ("URI %s printed as %s does not parse: %s", text, printed, error->message);
      g_assert (sip_simple_uri_equal (uri, again));
    }
}

static void
fuzz_name_addr (const char *text)
{
  g_autoptr (SipSimpleNameAddr) na = sip_simple_name_addr_parse (text, NULL);
  if (na != NULL)
    {
      g_autofree char *printed = sip_simple_name_addr_to_string (na);
      g_autoptr (GError) error = NULL;
      g_autoptr (SipSimpleNameAddr) again = sip_simple_name_addr_parse (printed, &error);
      if (again == NULL)
        g_error ("name-addr printed as %s does not parse: %s", printed, error->message);
      g_assert (sip_simple_name_addr_equal (na, again));
    }
}

static void
fuzz_headers (const char *text)
{
  g_autoptr (SipSimpleHeaders) h = sip_simple_headers_parse (text, NULL);
  if (h != NULL)
    {
      g_autofree char *printed = sip_simple_headers_to_string (h);
      g_autoptr (GError) error = NULL;
      g_autoptr (SipSimpleHeaders) again = sip_simple_headers_parse (printed, &error);
      if (again == NULL)
        g_error ("headers printed as %s do not parse: %s", printed, error->message);
      g_assert_cmpuint (sip_simple_headers_get_length (h), ==, sip_simple_headers_get_length (again));
    }
}

static void
fuzz_via (const char *text)
{
  g_autoptr (SipSimpleVia) via = sip_simple_via_parse (text, NULL);
  if (via != NULL)
    {
      g_autofree char *printed = sip_simple_via_to_string (via);
      g_autoptr (GError) error = NULL;
      g_autoptr (SipSimpleVia) again = sip_simple_via_parse (printed, &error);
      if (again == NULL)
        g_error ("Via printed as %s does not parse: %s", printed, error->message);
    }
}

static void
fuzz_cpim (const uint8_t *data, size_t size)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  g_autoptr (SipSimpleCpimMessage) msg = sip_simple_cpim_message_parse (bytes, NULL);
  if (msg != NULL)
    {
      g_autoptr (GBytes) printed = sip_simple_cpim_message_to_bytes (msg);
      g_autoptr (GError) error = NULL;
      g_autoptr (SipSimpleCpimMessage) again = sip_simple_cpim_message_parse (printed, &error);
      if (again == NULL)
        g_error ("CPIM message printed again does not parse: %s", error->message);
    }
}

static void
fuzz_digest (const char *text)
{
  GHashTable *params = sip_simple_digest_parse_params (text, NULL);
  if (params != NULL)
    g_hash_table_unref (params);
}

static void
fuzz_mime (const uint8_t *data, size_t size)
{
  /* the first line is the Content-Type, the rest the body */
  const uint8_t *nl = memchr (data, '\n', size);
  g_autofree char *type = NULL;
  g_autoptr (GBytes) body = NULL;
  GPtrArray *parts;

  if (nl == NULL)
    return;
  type = fuzz_strndup (data, nl - data);
  body = g_bytes_new (nl + 1, size - (nl + 1 - data));
  parts = sip_simple_mime_split (type, body, NULL);
  g_free (sip_simple_mime_type (type));
  g_free (sip_simple_mime_param (type, "boundary"));
  if (parts != NULL)
    g_ptr_array_unref (parts);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static gboolean initialized;
  g_autofree char *text = NULL;

  if (!initialized)
    {
      fuzz_init_logging ();
      initialized = TRUE;
    }
  if (size < 1)
    return 0;
  text = fuzz_strndup (data + 1, size - 1);
  switch (data[0] % 7)
    {
    case 0: fuzz_uri (text); break;
    case 1: fuzz_name_addr (text); break;
    case 2: fuzz_headers (text); break;
    case 3: fuzz_via (text); break;
    case 4: fuzz_cpim (data + 1, size - 1); break;
    case 5: fuzz_digest (text); break;
    case 6: fuzz_mime (data + 1, size - 1); break;
    }
  return 0;
}
