/* libsipsimple - the listening configuration the Engine runs with and the
 * app's Settings keep (never installed)
 *
 * Both classes have the same ten properties for it, with these ids right
 * after their PROP_0, and keep the values in a SipSimpleListenConfig.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

enum
{
  SIP_SIMPLE_LISTEN_PROP_USER_AGENT = 1,
  SIP_SIMPLE_LISTEN_PROP_IP_ADDRESS,
  SIP_SIMPLE_LISTEN_PROP_PORT,
  SIP_SIMPLE_LISTEN_PROP_TLS_PORT,
  SIP_SIMPLE_LISTEN_PROP_TRANSPORTS,
  SIP_SIMPLE_LISTEN_PROP_TLS_CERTIFICATE_FILE,
  SIP_SIMPLE_LISTEN_PROP_TLS_PRIVATE_KEY_FILE,
  SIP_SIMPLE_LISTEN_PROP_TLS_CA_FILE,
  SIP_SIMPLE_LISTEN_PROP_TLS_VERIFY_SERVER,
  SIP_SIMPLE_LISTEN_PROP_SIP_TRACE,
  SIP_SIMPLE_LISTEN_N_PROPS /* the first id of the class's own properties */
};

typedef struct
{
  char     *user_agent;
  char     *ip_address;
  guint     port;
  guint     tls_port;
  char    **transports;
  char     *tls_certificate_file;
  char     *tls_private_key_file;
  char     *tls_ca_file;
  gboolean  tls_verify_server;
  gboolean  sip_trace;
} SipSimpleListenConfig;

/* Frees the strings of @config. */
void     sip_simple_listen_config_clear        (SipSimpleListenConfig       *config);
/* get_property for the listening properties; FALSE for another @prop_id. */
gboolean sip_simple_listen_config_get_property (const SipSimpleListenConfig *config,
                                                guint                        prop_id,
                                                GValue                      *value);

G_END_DECLS
