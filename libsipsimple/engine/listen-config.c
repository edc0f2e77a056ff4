/* libsipsimple - the listening configuration (see listen-config-internal.h)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "listen-config-internal.h"

void
sip_simple_listen_config_clear (SipSimpleListenConfig *config)
{
  g_clear_pointer (&config->user_agent, g_free);
  g_clear_pointer (&config->ip_address, g_free);
  g_clear_pointer (&config->transports, g_strfreev);
  g_clear_pointer (&config->tls_certificate_file, g_free);
  g_clear_pointer (&config->tls_private_key_file, g_free);
  g_clear_pointer (&config->tls_ca_file, g_free);
}

gboolean
sip_simple_listen_config_get_property (const SipSimpleListenConfig *config, guint prop_id,
                                       GValue *value)
{
  switch (prop_id)
    {
    case SIP_SIMPLE_LISTEN_PROP_USER_AGENT:
      g_value_set_string (value, config->user_agent);
      break;
    case SIP_SIMPLE_LISTEN_PROP_IP_ADDRESS:
      g_value_set_string (value, config->ip_address);
      break;
    case SIP_SIMPLE_LISTEN_PROP_PORT:
      g_value_set_uint (value, config->port);
      break;
    case SIP_SIMPLE_LISTEN_PROP_TLS_PORT:
      g_value_set_uint (value, config->tls_port);
      break;
    case SIP_SIMPLE_LISTEN_PROP_TRANSPORTS:
      g_value_set_boxed (value, config->transports);
      break;
    case SIP_SIMPLE_LISTEN_PROP_TLS_CERTIFICATE_FILE:
      g_value_set_string (value, config->tls_certificate_file);
      break;
    case SIP_SIMPLE_LISTEN_PROP_TLS_PRIVATE_KEY_FILE:
      g_value_set_string (value, config->tls_private_key_file);
      break;
    case SIP_SIMPLE_LISTEN_PROP_TLS_CA_FILE:
      g_value_set_string (value, config->tls_ca_file);
      break;
    case SIP_SIMPLE_LISTEN_PROP_TLS_VERIFY_SERVER:
      g_value_set_boolean (value, config->tls_verify_server);
      break;
    case SIP_SIMPLE_LISTEN_PROP_SIP_TRACE:
      g_value_set_boolean (value, config->sip_trace);
      break;
    default:
      return FALSE;
    }
  return TRUE;
}
