/* libFuzzer target: DNS messages as the RFC 3263 lookup reads them
 * (compression pointers, truncated records, NAPTR/SRV/A/AAAA rdata).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "fuzz-common.h"
#include "engine/dns-message-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static gboolean initialized;
  SipSimpleDnsMessage *msg;

  if (!initialized)
    {
      fuzz_init_logging ();
      initialized = TRUE;
    }
  msg = sip_simple_dns_message_parse (data, size, NULL);
  if (msg != NULL)
    {
      (void) sip_simple_dns_message_get_rcode (msg);
      sip_simple_dns_message_free (msg);
    }
  return 0;
}
