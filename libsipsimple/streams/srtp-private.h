/* libsipsimple - SDES key exchange (RFC 4568) for SRTP (private)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

typedef enum {
  SIP_SIMPLE_SRTP_SUITE_NONE,
  SIP_SIMPLE_SRTP_SUITE_AES_CM_128_HMAC_SHA1_80,
  SIP_SIMPLE_SRTP_SUITE_AES_CM_128_HMAC_SHA1_32,
} SipSimpleSrtpSuite;

/* master key (16 bytes) + master salt (14 bytes) of the AES_CM_128 suites */
#define SIP_SIMPLE_SRTP_KEY_LENGTH 30

/* One a=crypto attribute value. */
typedef struct
{
  guint              tag;
  SipSimpleSrtpSuite suite;
  GBytes            *key; /* key || salt */
} SipSimpleCrypto;

void        sip_simple_crypto_clear (SipSimpleCrypto *crypto);
void        sip_simple_crypto_copy (SipSimpleCrypto *dest, const SipSimpleCrypto *src);
gboolean    sip_simple_crypto_equal (const SipSimpleCrypto *a, const SipSimpleCrypto *b);

const char *sip_simple_srtp_suite_to_string (SipSimpleSrtpSuite suite);
GBytes     *sip_simple_srtp_generate_key (void);
char       *sip_simple_crypto_to_string (const SipSimpleCrypto *crypto);
/* Parses an a=crypto value. Unknown suites, key parameters or session
 * parameters we can't honour (MKI, lifetimes shorter than 2^31, FEC_ORDER,
 * UNENCRYPTED_*) give FALSE with a message in @error (domain
 * SIP_SIMPLE_MEDIA_STREAM_ERROR, INCOMPATIBLE). */
gboolean    sip_simple_crypto_parse (const char *value, SipSimpleCrypto *crypto, GError **error);

/* An srtpenc keyed for sending with @crypto (floating reference). */
GstElement *sip_simple_srtp_make_encoder (const SipSimpleCrypto *crypto);
/* The caps srtpdec's request-key wants for the peer's @crypto. */
GstCaps    *sip_simple_srtp_make_decoder_caps (const SipSimpleCrypto *crypto);

G_END_DECLS
