/* SipSimpleEngine: start/stop in the main loop, transports on IPv4 and
 * IPv6, bound ports, TLS material, and the errors of bad configurations.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-utils.h"
#include "engine/engine-internal.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

static gboolean
start (SipSimpleEngine *engine, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  sip_simple_engine_start_async (engine, NULL, test_store_result, &result);
  g_assert_nonnull (test_wait_for_result (&result, 10000));
  return sip_simple_engine_start_finish (engine, result, error);
}

static void
stop (SipSimpleEngine *engine)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  sip_simple_engine_stop_async (engine, NULL, test_store_result, &result);
  g_assert_nonnull (test_wait_for_result (&result, 35000));
  g_assert_true (sip_simple_engine_stop_finish (engine, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sip_simple_engine_get_state (engine), ==, SIP_SIMPLE_ENGINE_STATE_STOPPED);
}

/* the port really is ours: binding it again fails */
static void
assert_port_taken (const char *address, guint port, GSocketType type)
{
  g_autoptr (GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr (GSocketAddress) sa = g_inet_socket_address_new (inet, port);
  g_autoptr (GSocket) sock = g_socket_new (g_inet_address_get_family (inet), type, 0, NULL);
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (sock);
  g_assert_false (g_socket_bind (sock, sa, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE);
}

static void
test_start_stop_ipv4 (void)
{
  g_autoptr (SipSimpleEngine) engine = sip_simple_engine_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (SipSimpleUri) uri = NULL;
  const char *const transports[] = { "udp", "tcp", NULL };
  guint udp, tcp;

  g_object_set (engine, "ip-address", "127.0.0.1", "transports", transports, NULL);
  g_assert_true (start (engine, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sip_simple_engine_get_state (engine), ==, SIP_SIMPLE_ENGINE_STATE_RUNNING);

  udp = sip_simple_engine_get_local_port (engine, SIP_SIMPLE_TRANSPORT_UDP);
  tcp = sip_simple_engine_get_local_port (engine, SIP_SIMPLE_TRANSPORT_TCP);
  g_assert_cmpuint (udp, >, 0);
  g_assert_cmpuint (udp, ==, tcp);
  g_assert_cmpuint (sip_simple_engine_get_local_port (engine, SIP_SIMPLE_TRANSPORT_TLS), ==, 0);
  g_assert_false (sip_simple_engine_has_transport (engine, SIP_SIMPLE_TRANSPORT_TLS));
  assert_port_taken ("127.0.0.1", udp, G_SOCKET_TYPE_DATAGRAM);
  assert_port_taken ("127.0.0.1", tcp, G_SOCKET_TYPE_STREAM);

  uri = sip_simple_engine_get_local_uri (engine, SIP_SIMPLE_TRANSPORT_TCP);
  g_assert_nonnull (uri);
  g_assert_cmpstr (sip_simple_uri_get_host (uri), ==, "127.0.0.1");
  g_assert_cmpuint (sip_simple_uri_get_port (uri), ==, tcp);

  /* a second start is refused */
  g_assert_false (start (engine, &error));
  g_assert_error (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_ALREADY_RUNNING);
  g_clear_error (&error);

  stop (engine);
  g_assert_cmpuint (sip_simple_engine_get_local_port (engine, SIP_SIMPLE_TRANSPORT_UDP), ==, 0);

  /* and it starts again */
  g_assert_true (start (engine, &error));
  g_assert_no_error (error);
  stop (engine);
}

/* Malformed STUN Binding requests on the SIP port: sofia's STUN server
 * leaked on each one (the ASan run's LeakSanitizer sees it); the engine
 * keeps working. */
static void
test_stun_garbage (void)
{
  g_autoptr (SipSimpleEngine) engine = sip_simple_engine_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GInetAddress) lo = g_inet_address_new_from_string ("127.0.0.1");
  g_autoptr (GSocketAddress) to = NULL;
  g_autoptr (GSocket) sock = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, 0, NULL);
  const char *const transports[] = { "udp", NULL };
  guint8   stun[120] = { 0x00, 0x01, 0x00, 0x60, 0x30, 0x00 };
  gboolean never = FALSE;

  memset (stun + 6, 0xbe, sizeof stun - 6);
  g_object_set (engine, "ip-address", "127.0.0.1", "transports", transports, NULL);
  g_assert_true (start (engine, &error));
  g_assert_no_error (error);
  to = g_inet_socket_address_new (lo, sip_simple_engine_get_local_port (engine, SIP_SIMPLE_TRANSPORT_UDP));
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (g_socket_send_to (sock, to, (const char *)stun, sizeof stun, NULL, NULL), ==,
                     sizeof stun);
  test_wait_for_flag (&never, 300);
  g_assert_cmpint (sip_simple_engine_get_state (engine), ==, SIP_SIMPLE_ENGINE_STATE_RUNNING);
  stop (engine);
}

static void
test_ipv6 (void)
{
  g_autoptr (SipSimpleEngine) engine = sip_simple_engine_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (SipSimpleUri) uri = NULL;
  g_autofree char *text = NULL;

  g_object_set (engine, "ip-address", "::1", NULL);
  g_assert_true (start (engine, &error));
  g_assert_no_error (error);
  assert_port_taken ("::1", sip_simple_engine_get_local_port (engine, SIP_SIMPLE_TRANSPORT_UDP),
                     G_SOCKET_TYPE_DATAGRAM);
  uri = sip_simple_engine_get_local_uri (engine, SIP_SIMPLE_TRANSPORT_UDP);
  g_assert_nonnull (uri);
  text = sip_simple_uri_to_string (uri);
  g_assert_true (g_str_has_prefix (text, "sip:[::1]:"));
  /* what SDP and the media sockets get: the bare address */
  g_assert_cmpstr (sip_simple_engine_get_bound_host (engine), ==, "::1");
  stop (engine);
}

static void
test_fixed_port_and_in_use (void)
{
  g_autoptr (SipSimpleEngine) first = sip_simple_engine_new ();
  g_autoptr (SipSimpleEngine) second = sip_simple_engine_new ();
  g_autoptr (GError) error = NULL;
  guint port;

  g_object_set (first, "ip-address", "127.0.0.1", NULL);
  g_assert_true (start (first, &error));
  port = sip_simple_engine_get_local_port (first, SIP_SIMPLE_TRANSPORT_UDP);

  g_object_set (second, "ip-address", "127.0.0.1", "port", port, NULL);
  g_assert_false (start (second, &error));
  g_assert_error (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_TRANSPORT);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_test_message ("%s", error->message);
  g_assert_cmpint (sip_simple_engine_get_state (second), ==, SIP_SIMPLE_ENGINE_STATE_STOPPED);
  stop (first);

  /* the port is free again: a fixed port works */
  g_clear_error (&error);
  g_assert_true (start (second, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sip_simple_engine_get_local_port (second, SIP_SIMPLE_TRANSPORT_UDP), ==, port);
  stop (second);
}

static void
test_bad_configuration (void)
{
  static const struct {
    const char *address;
    const char *transports[3];
    int code;
    const char *expect;
  } cases[] = {
    { "not-an-address", { "udp", NULL }, SIP_SIMPLE_ENGINE_ERROR_INVALID_ARGUMENT, "not an IP address" },
    { "127.0.0.1", { "sctp", NULL }, SIP_SIMPLE_ENGINE_ERROR_INVALID_ARGUMENT, "sctp" },
    { "127.0.0.1", { NULL }, SIP_SIMPLE_ENGINE_ERROR_INVALID_ARGUMENT, "No SIP transport" },
    { "192.0.2.1", { "udp", NULL }, SIP_SIMPLE_ENGINE_ERROR_TRANSPORT, "192.0.2.1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (SipSimpleEngine) engine = sip_simple_engine_new ();
      g_autoptr (GError) error = NULL;

      g_object_set (engine, "ip-address", cases[i].address, "transports", cases[i].transports, NULL);
      g_assert_false (start (engine, &error));
      g_assert_error (error, SIP_SIMPLE_ENGINE_ERROR, cases[i].code);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].expect));
    }
}

static void
test_tls_files (void)
{
  g_autoptr (SipSimpleEngine) engine = sip_simple_engine_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("engine-test-XXXXXX", NULL);
  g_autofree char *garbage = g_build_filename (dir, "garbage.pem", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.pem", NULL);
  const char *const tls[] = { "tls", NULL };

  g_assert_true (g_file_set_contents (garbage, "this is not PEM\n", -1, NULL));

  /* a certificate file that is not PEM */
  g_object_set (engine, "ip-address", "127.0.0.1", "transports", tls,
                "tls-certificate-file", garbage, NULL);
  g_assert_false (start (engine, &error));
  g_assert_error (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, "PEM"));
  g_clear_error (&error);

  /* a CA file that does not exist */
  g_object_set (engine, "tls-certificate-file", NULL, "tls-ca-file", missing, NULL);
  g_assert_false (start (engine, &error));
  g_assert_error (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, "CA"));
  g_clear_error (&error);

  /* TLS as a client only (no certificate), with the system CAs */
  g_object_set (engine, "tls-ca-file", NULL, NULL);
  g_assert_true (start (engine, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sip_simple_engine_get_local_port (engine, SIP_SIMPLE_TRANSPORT_TLS), >, 0);
  assert_port_taken ("127.0.0.1", sip_simple_engine_get_local_port (engine, SIP_SIMPLE_TRANSPORT_TLS),
                     G_SOCKET_TYPE_STREAM);
  stop (engine);

  g_unlink (garbage);
  g_rmdir (dir);
}

static void
test_drop_running_engine (void)
{
  SipSimpleEngine *engine = sip_simple_engine_new ();
  g_autoptr (GError) error = NULL;
  gboolean waited = FALSE;

  g_object_set (engine, "ip-address", "127.0.0.1", NULL);
  g_assert_true (start (engine, &error));
  /* dropping it lets the stack shut down in the background */
  g_object_unref (engine);
  test_wait_for_flag (&waited, 300);
}

static void
test_cancelled_stop (void)
{
  g_autoptr (SipSimpleEngine) engine = sip_simple_engine_new ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  g_object_set (engine, "ip-address", "127.0.0.1", NULL);
  g_assert_true (start (engine, &error));
  sip_simple_engine_stop_async (engine, cancellable, test_store_result, &result);
  g_cancellable_cancel (cancellable);
  g_assert_nonnull (test_wait_for_result (&result, 5000));
  g_assert_true (sip_simple_engine_stop_finish (engine, result, &error));
  g_assert_cmpint (sip_simple_engine_get_state (engine), ==, SIP_SIMPLE_ENGINE_STATE_STOPPED);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/start-stop-ipv4", test_start_stop_ipv4);
  g_test_add_func ("/engine/ipv6", test_ipv6);
  g_test_add_func ("/engine/stun-garbage", test_stun_garbage);
  g_test_add_func ("/engine/fixed-port-and-in-use", test_fixed_port_and_in_use);
  g_test_add_func ("/engine/bad-configuration", test_bad_configuration);
  g_test_add_func ("/engine/tls-files", test_tls_files);
  g_test_add_func ("/engine/drop-running", test_drop_running_engine);
  g_test_add_func ("/engine/cancelled-stop", test_cancelled_stop);
  return g_test_run ();
}
