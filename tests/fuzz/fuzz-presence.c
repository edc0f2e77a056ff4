/* libFuzzer target: the presence documents. The first byte picks the
 * document (PIDF/RPID, watcher-info, resource-lists, pres-rules,
 * message-summary, RLMI alone or in multipart/related); what parses is
 * written out and must parse again.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "fuzz-common.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define ROUND_TRIP(Type, parse, to_bytes)                                           \
  do                                                                                \
    {                                                                               \
      g_autoptr (Type) doc = parse (bytes, NULL);                                   \
      if (doc != NULL)                                                              \
        {                                                                           \
          g_autoptr (GBytes) out = to_bytes (doc);                                  \
          g_autoptr (GError) error = NULL;                                          \
          g_autoptr (Type) again = parse (out, &error);                             \
          if (again == NULL)                                                        \
            g_error (#Type " written out does not parse again: %s", error->message); \
        }                                                                           \
    }                                                                               \
  while (0)

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static gboolean initialized;
  g_autoptr (GBytes) bytes = NULL;

  if (!initialized)
    {
      fuzz_init_logging ();
      initialized = TRUE;
    }
  if (size < 1)
    return 0;
  bytes = g_bytes_new (data + 1, size - 1);
  switch (data[0] % 7)
    {
    case 0:
      ROUND_TRIP (SipSimplePidf, sip_simple_pidf_parse, sip_simple_pidf_to_bytes);
      break;
    case 1:
      ROUND_TRIP (SipSimpleWatcherInfo, sip_simple_watcher_info_parse, sip_simple_watcher_info_to_bytes);
      break;
    case 2:
      ROUND_TRIP (SipSimpleResourceLists, sip_simple_resource_lists_parse, sip_simple_resource_lists_to_bytes);
      break;
    case 3:
      ROUND_TRIP (SipSimplePresRules, sip_simple_pres_rules_parse, sip_simple_pres_rules_to_bytes);
      break;
    case 4:
      ROUND_TRIP (SipSimpleMessageSummary, sip_simple_message_summary_parse, sip_simple_message_summary_to_bytes);
      break;
    case 5:
      {
        g_autoptr (SipSimpleRlmi) rlmi = sip_simple_rlmi_parse ("application/rlmi+xml", bytes, NULL);
        break;
      }
    case 6:
      {
        g_autoptr (SipSimpleRlmi) rlmi = sip_simple_rlmi_parse (
            "multipart/related;type=\"application/rlmi+xml\";boundary=\"50UBfW7LSCVLtggUPe5z\"", bytes, NULL);
        break;
      }
    }
  return 0;
}
