/* libFuzzer target: the Agent's request path. Each input is sent as one
 * UDP datagram to an Agent that routes like sipd (registrar with digest
 * authentication, presence server, location lookup, proxying to bindings
 * and in-dialog requests); the main loop runs until it is idle and the
 * answers are drained. The Agent is made anew every 256 inputs so that
 * transactions and pending work do not pile up across the run.
 *
 * The Agent forwards some requests wherever they point: run this target
 * only in a network namespace with nothing but loopback (tests/fuzz/run
 * does that: `unshare -n`).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "fuzz-common.h"
#include <gio/gio.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

typedef struct
{
  SipSimpleAgent          *agent;
  SipSimpleMemoryLocation *location;
  SipSimpleRegistrar      *registrar;
  SipSimplePresenceServer *presence;
  guint                    uses;
} Server;

static Server    server;
static GSocket  *client;
static GSocketAddress *server_address;

static char *
lookup_password (const char *username, const char *realm, gpointer data)
{
  return g_strcmp0 (username, "alice") == 0 ? g_strdup ("secret") : NULL;
}

static gboolean
is_local (SipSimpleUri *uri)
{
  return uri != NULL && sip_simple_agent_is_local (server.agent, uri);
}

static void
registered (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (GError) error = NULL;
  (void) sip_simple_registrar_handle_finish (SIP_SIMPLE_REGISTRAR (source), result, &error);
}

static void
proxied (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (GError) error = NULL;
  (void) sip_simple_event_proxy_finish (SIP_SIMPLE_EVENT (source), result, &error);
}

static void
route (SipSimpleAgent *agent, SipSimpleEvent *event, gpointer data)
{
  const char        *method = sip_simple_event_get_method (event);
  SipSimpleUri      *ruri = sip_simple_event_get_uri (event);
  SipSimpleNameAddr *to = sip_simple_event_get_to (event);
  SipSimpleUri      *to_uri = to ? sip_simple_name_addr_get_uri (to) : NULL;
  g_autoptr (GPtrArray) bindings = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *aor = NULL;

  if (ruri == NULL)
    {
      sip_simple_event_reject (event, 416, NULL, NULL);
      return;
    }
  if (g_str_equal (method, "OPTIONS"))
    {
      sip_simple_event_accept (event, NULL, NULL, NULL, NULL);
      return;
    }
  if (g_str_equal (method, "REGISTER"))
    {
      SipSimpleAuthResult r;

      if (!is_local (to_uri) || sip_simple_uri_get_user (to_uri) == NULL)
        {
          sip_simple_event_reject (event, 403, "Domain Not Served", NULL);
          return;
        }
      r = sip_simple_event_authenticate (event, "fuzz", lookup_password, NULL);
      if (r != SIP_SIMPLE_AUTH_RESULT_OK)
        {
          if (r == SIP_SIMPLE_AUTH_RESULT_FAILED)
            sip_simple_event_reject (event, 403, NULL, NULL);
          else
            sip_simple_event_challenge (event, "fuzz", NULL);
          return;
        }
      aor = g_strdup_printf ("sip:%s@fuzz", sip_simple_uri_get_user (to_uri));
      sip_simple_registrar_handle_async (server.registrar, event, aor, NULL, registered, NULL);
      return;
    }
  if ((g_str_equal (method, "SUBSCRIBE") || g_str_equal (method, "PUBLISH")) && is_local (ruri))
    {
      if (sip_simple_uri_get_user (ruri) != NULL)
        aor = g_strdup_printf ("sip:%s@fuzz", sip_simple_uri_get_user (ruri));
      (void) sip_simple_presence_server_handle (server.presence, event, aor, &error);
      return;
    }
  if (sip_simple_event_is_in_dialog (event))
    {
      sip_simple_event_proxy_async (event, 0, SIP_SIMPLE_PROXY_FLAGS_NONE, NULL, proxied, NULL);
      return;
    }
  if (!is_local (ruri) || sip_simple_uri_get_user (ruri) == NULL)
    {
      sip_simple_event_reject (event, 403, "Relaying Denied", NULL);
      return;
    }
  aor = g_strdup_printf ("sip:%s@fuzz", sip_simple_uri_get_user (ruri));
  bindings = sip_simple_memory_location_lookup (server.location, aor);
  if (bindings->len == 0)
    {
      sip_simple_event_reject (event, 404, NULL, NULL);
      return;
    }
  sip_simple_event_add_bindings (event, bindings);
  sip_simple_event_proxy_async (event, 2, SIP_SIMPLE_PROXY_FLAGS_RECORD_ROUTE, NULL, proxied, NULL);
}

static void
server_stop (void)
{
  if (server.agent == NULL)
    return;
  sip_simple_agent_close (server.agent);
  g_clear_object (&server.presence);
  g_clear_object (&server.registrar);
  g_clear_object (&server.location);
  g_clear_object (&server.agent);
  g_clear_object (&server_address);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
server_start (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  const char *domains[] = { "fuzz", NULL };

  server.agent = sip_simple_agent_new ();
  if (!sip_simple_agent_listen (server.agent, SIP_SIMPLE_TRANSPORT_UDP, "127.0.0.1", 0, &error))
    g_error ("listen: %s", error->message);
  sip_simple_agent_set_domains (server.agent, domains);
  server.location = sip_simple_memory_location_new ();
  server.registrar = sip_simple_registrar_new (SIP_SIMPLE_LOCATION (server.location));
  server.presence = sip_simple_presence_server_new (server.agent);
  g_signal_connect (server.agent, "incoming", G_CALLBACK (route), NULL);
  server_address = g_inet_socket_address_new (
      lo, sip_simple_agent_get_port (server.agent, SIP_SIMPLE_TRANSPORT_UDP));
  server.uses = 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static gboolean initialized;
  char buf[65536];

  if (!initialized)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
      g_autoptr (GSocketAddress) any = g_inet_socket_address_new (lo, 0);

      fuzz_init_logging ();
      client = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, &error);
      g_assert (client != NULL);
      g_assert (g_socket_bind (client, any, FALSE, NULL));
      g_socket_set_blocking (client, FALSE);
      initialized = TRUE;
    }
  if (size == 0 || size > 60000)
    return 0;
  if (server.agent == NULL || server.uses++ >= 256)
    {
      server_stop ();
      server_start ();
    }
  (void) g_socket_send_to (client, server_address, (const char *) data, size, NULL, NULL);
  /* let the agent read, answer and run what it started */
  for (int i = 0; i < 200 && g_main_context_iteration (NULL, FALSE); i++)
    ;
  while (g_socket_receive (client, buf, sizeof buf, NULL, NULL) > 0)
    ;
  return 0;
}
