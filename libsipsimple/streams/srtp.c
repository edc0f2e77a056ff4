/* libsipsimple - SDES key exchange (RFC 4568) for SRTP through srtpenc/srtpdec
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/streams/media-stream.h>
#include "srtp-private.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

void
sip_simple_crypto_clear (SipSimpleCrypto *crypto)
{
  g_clear_pointer (&crypto->key, g_bytes_unref);
  crypto->tag = 0;
  crypto->suite = SIP_SIMPLE_SRTP_SUITE_NONE;
}

void
sip_simple_crypto_copy (SipSimpleCrypto *dest, const SipSimpleCrypto *src)
{
  sip_simple_crypto_clear (dest);
  dest->tag = src->tag;
  dest->suite = src->suite;
  dest->key = src->key ? g_bytes_ref (src->key) : NULL;
}

gboolean
sip_simple_crypto_equal (const SipSimpleCrypto *a, const SipSimpleCrypto *b)
{
  if (a->suite != b->suite)
    return FALSE;
  if (a->key == NULL || b->key == NULL)
    return a->key == b->key;
  return g_bytes_equal (a->key, b->key);
}

const char *
sip_simple_srtp_suite_to_string (SipSimpleSrtpSuite suite)
{
  switch (suite)
    {
    case SIP_SIMPLE_SRTP_SUITE_AES_CM_128_HMAC_SHA1_80:
      return "AES_CM_128_HMAC_SHA1_80";
    case SIP_SIMPLE_SRTP_SUITE_AES_CM_128_HMAC_SHA1_32:
      return "AES_CM_128_HMAC_SHA1_32";
    case SIP_SIMPLE_SRTP_SUITE_NONE:
    default:
      return NULL;
    }
}

static SipSimpleSrtpSuite
suite_from_string (const char *name)
{
  if (g_strcmp0 (name, "AES_CM_128_HMAC_SHA1_80") == 0)
    return SIP_SIMPLE_SRTP_SUITE_AES_CM_128_HMAC_SHA1_80;
  if (g_strcmp0 (name, "AES_CM_128_HMAC_SHA1_32") == 0)
    return SIP_SIMPLE_SRTP_SUITE_AES_CM_128_HMAC_SHA1_32;
  return SIP_SIMPLE_SRTP_SUITE_NONE;
}

/* Master keys come from the kernel's CSPRNG, never from g_random. */
GBytes *
sip_simple_srtp_generate_key (void)
{
  guint8 key[SIP_SIMPLE_SRTP_KEY_LENGTH];
  gsize filled = 0;

  while (filled < sizeof key)
    {
      ssize_t n = getrandom (key + filled, sizeof key - filled, 0);
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          g_error ("getrandom() failed: %s", g_strerror (errno));
        }
      filled += n;
    }
  return g_bytes_new (key, sizeof key);
}

char *
sip_simple_crypto_to_string (const SipSimpleCrypto *crypto)
{
  g_autofree char *b64 = NULL;
  gsize len;
  const guint8 *data = g_bytes_get_data (crypto->key, &len);

  b64 = g_base64_encode (data, len);
  return g_strdup_printf ("%u %s inline:%s", crypto->tag,
                          sip_simple_srtp_suite_to_string (crypto->suite), b64);
}

static gboolean
incompatible (GError **error, const char *value, const char *why)
{
  g_set_error (error, SIP_SIMPLE_MEDIA_STREAM_ERROR, SIP_SIMPLE_MEDIA_STREAM_ERROR_INCOMPATIBLE,
               "Unusable a=crypto:%s (%s)", value, why);
  return FALSE;
}

static gboolean
is_base64 (const char *str)
{
  gsize len = strlen (str);

  if (len == 0 || len % 4 != 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      char c = str[i];
      if (g_ascii_isalnum (c) || c == '+' || c == '/')
        continue;
      /* padding only at the end */
      if (c == '=' && i >= len - 2 && (i == len - 1 || str[len - 1] == '='))
        continue;
      return FALSE;
    }
  return TRUE;
}

gboolean
sip_simple_crypto_parse (const char *value, SipSimpleCrypto *crypto, GError **error)
{
  g_auto (GStrv) fields = NULL;
  g_auto (GStrv) key_parts = NULL;
  g_autofree guint8 *key = NULL;
  guint64 tag;
  gsize key_len;
  SipSimpleSrtpSuite suite;

  if (value == NULL)
    return incompatible (error, "", "empty");
  fields = g_strsplit_set (value, " \t", 0);
  if (g_strv_length (fields) < 3)
    return incompatible (error, value, "expected tag, suite and key");
  if (!g_ascii_isdigit (fields[0][0]) || strlen (fields[0]) > 9
      || !g_ascii_string_to_unsigned (fields[0], 10, 0, 999999999, &tag, NULL))
    return incompatible (error, value, "bad tag");
  suite = suite_from_string (fields[1]);
  if (suite == SIP_SIMPLE_SRTP_SUITE_NONE)
    return incompatible (error, value, "unsupported crypto suite");

  /* One key only: "inline:KEY||SALT[|LIFETIME][|MKI:LENGTH]" */
  if (strchr (fields[2], ';') != NULL)
    return incompatible (error, value, "several keys are not supported");
  if (!g_str_has_prefix (fields[2], "inline:"))
    return incompatible (error, value, "key method is not inline");
  key_parts = g_strsplit (fields[2] + strlen ("inline:"), "|", 0);
  if (!is_base64 (key_parts[0]))
    return incompatible (error, value, "key is not base64");
  key = g_base64_decode (key_parts[0], &key_len);
  if (key_len != SIP_SIMPLE_SRTP_KEY_LENGTH)
    return incompatible (error, value, "key and salt must be 30 bytes");
  for (guint i = 1; key_parts[i] != NULL; i++)
    {
      /* A lifetime is fine (we never send 2^31 packets); an MKI is not:
       * srtpdec would need it per packet and we offer none. */
      if (strchr (key_parts[i], ':') != NULL)
        return incompatible (error, value, "MKI is not supported");
      if (!g_str_has_prefix (key_parts[i], "2^") && !g_ascii_isdigit (key_parts[i][0]))
        return incompatible (error, value, "bad key lifetime");
    }
  for (guint i = 3; fields[i] != NULL; i++)
    {
      if (*fields[i] == '\0' || g_str_has_prefix (fields[i], "WSH="))
        continue; /* a replay window hint is only a hint */
      if (g_str_equal (fields[i], "KDR=0"))
        continue;
      return incompatible (error, value, "unsupported session parameter");
    }

  sip_simple_crypto_clear (crypto);
  crypto->tag = (guint) tag;
  crypto->suite = suite;
  crypto->key = g_bytes_new_take (g_steal_pointer (&key), key_len);
  return TRUE;
}

/* The SRTCP authentication tag is 80 bits for both suites (RFC 4568
 * section 6.2.2). */
static const char *
rtp_auth (SipSimpleSrtpSuite suite)
{
  return suite == SIP_SIMPLE_SRTP_SUITE_AES_CM_128_HMAC_SHA1_32 ? "hmac-sha1-32" : "hmac-sha1-80";
}

GstElement *
sip_simple_srtp_make_encoder (const SipSimpleCrypto *crypto)
{
  GstElement *enc = gst_element_factory_make ("srtpenc", NULL);
  GstBuffer *key;

  if (enc == NULL)
    return NULL;
  key = gst_buffer_new_wrapped_bytes (crypto->key);
  g_object_set (enc, "key", key, NULL);
  gst_buffer_unref (key);
  gst_util_set_object_arg (G_OBJECT (enc), "rtp-cipher", "aes-128-icm");
  gst_util_set_object_arg (G_OBJECT (enc), "rtp-auth", rtp_auth (crypto->suite));
  gst_util_set_object_arg (G_OBJECT (enc), "rtcp-cipher", "aes-128-icm");
  gst_util_set_object_arg (G_OBJECT (enc), "rtcp-auth", "hmac-sha1-80");
  return enc;
}

GstCaps *
sip_simple_srtp_make_decoder_caps (const SipSimpleCrypto *crypto)
{
  GstBuffer *key = gst_buffer_new_wrapped_bytes (crypto->key);
  GstCaps *caps = gst_caps_new_simple ("application/x-srtp",
                                       "srtp-key", GST_TYPE_BUFFER, key,
                                       "srtp-cipher", G_TYPE_STRING, "aes-128-icm",
                                       "srtp-auth", G_TYPE_STRING, rtp_auth (crypto->suite),
                                       "srtcp-cipher", G_TYPE_STRING, "aes-128-icm",
                                       "srtcp-auth", G_TYPE_STRING, "hmac-sha1-80",
                                       NULL);
  gst_buffer_unref (key);
  return caps;
}
