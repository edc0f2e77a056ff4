/* Unit tests of the server API: SipSimpleAgent, SipSimpleEvent and its
 * actions, SipSimpleRegistrar, driven by scripted SIP messages from raw
 * UDP sockets on 127.0.0.1 in the same process (the main loop runs while
 * a test waits for an answer).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-utils.h"
#include "sip-peer.h"
#include "agent/agent-private.h"
#include "agent/message-class-private.h"
#include "sip/digest-internal.h"

#include <string.h>

/* A request from @p; @extra: more header lines ending in \n */
static char *
request (Peer *p, const char *method, const char *ruri, const char *call_id, guint cseq,
         const char *branch, const char *to_tag, const char *extra, const char *body)
{
  return g_strdup_printf ("%s %s SIP/2.0\n"
                          "Via: SIP/2.0/UDP 127.0.0.1:%u;rport;branch=z9hG4bK%s\n"
                          "Max-Forwards: 70\n"
                          "From: <sip:alice@example.com>;tag=a1\n"
                          "To: <sip:bob@example.com>%s%s\n"
                          "Call-ID: %s\n"
                          "CSeq: %u %s\n"
                          "%s"
                          "Content-Length: %zu\n\n%s",
                          method, ruri, p->port, branch, to_tag ? ";tag=" : "",
                          to_tag ? to_tag : "", call_id, cseq, method, extra ? extra : "",
                          body ? strlen (body) : 0, body ? body : "");
}

/* A response of a peer to a request it received (@req's headers copied) */
static char *
response (const char *req, int code, const char *reason, const char *to_tag, const char *extra)
{
  GString         *s = g_string_new (NULL);
  char            *v;
  g_autofree char *to = header (req, "To");
  g_autofree char *from = header (req, "From");
  g_autofree char *cid = header (req, "Call-ID");
  g_autofree char *cseq = header (req, "CSeq");

  g_string_append_printf (s, "SIP/2.0 %d %s\r\n", code, reason);
  for (guint i = 0; (v = header_nth (req, "Via", i)) != NULL; i++)
    {
      g_string_append_printf (s, "Via: %s\r\n", v);
      g_free (v);
    }
  for (guint i = 0; code < 300 && (v = header_nth (req, "Record-Route", i)) != NULL; i++)
    {
      g_string_append_printf (s, "Record-Route: %s\r\n", v);
      g_free (v);
    }
  g_string_append_printf (s,
                          "From: %s\r\nTo: %s%s%s\r\nCall-ID: %s\r\nCSeq: %s\r\n%s"
                          "Content-Length: 0\r\n\r\n",
                          from, to, to_tag && !strstr (to, "tag=") ? ";tag=" : "",
                          to_tag && !strstr (to, "tag=") ? to_tag : "", cid, cseq,
                          extra ? extra : "");
  return g_string_free (s, FALSE);
}

/* ---- a test agent ---------------------------------------------------------- */

typedef void (*Handler) (SipSimpleEvent *event, gpointer data);

typedef struct
{
  SipSimpleAgent *agent;
  guint           port;
  Handler         handler;
  gpointer        data;
  guint           incoming;
  GPtrArray      *finished; /* SipSimpleEvent * */
} Fixture;

static void
on_incoming (SipSimpleAgent *agent, SipSimpleEvent *event, Fixture *f)
{
  f->incoming++;
  if (f->handler)
    f->handler (event, f->data);
}

static void
on_finished (SipSimpleAgent *agent, SipSimpleEvent *event, Fixture *f)
{
  g_ptr_array_add (f->finished, g_object_ref (event));
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  const char *domains[] = { "example.com", NULL };
  g_autoptr (GError) error = NULL;

  f->agent = sip_simple_agent_new ();
  sip_simple_agent_set_domains (f->agent, domains);
  g_assert_true (
      sip_simple_agent_listen (f->agent, SIP_SIMPLE_TRANSPORT_UDP, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
  f->port = sip_simple_agent_get_port (f->agent, SIP_SIMPLE_TRANSPORT_UDP);
  g_assert_cmpuint (f->port, >, 0);
  f->finished = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (f->agent, "incoming", G_CALLBACK (on_incoming), f);
  g_signal_connect (f->agent, "finished", G_CALLBACK (on_finished), f);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  sip_simple_agent_close (f->agent);
  g_ptr_array_unref (f->finished);
  /* let NTA's last timers and sends go */
  spin (20);
  g_object_unref (f->agent);
}

#define AGENT_TEST(path, fn)                                                                       \
  g_test_add ("/agent/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)

/* Sends @text from @p to the agent and returns the first non-100 answer */
static char *
transact (Fixture *f, Peer *p, const char *text)
{
  peer_send (p, f->port, text);
  return peer_recv_no100 (p, 3000);
}

/* ---- listening ---------------------------------------------------------------- */

static void
test_listen (void)
{
  g_autoptr (SipSimpleAgent) agent = sip_simple_agent_new ();
  g_autoptr (SipSimpleAgent) other = sip_simple_agent_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) uris = NULL;
  g_autofree char *spec = NULL;
  g_autofree char *u0 = NULL;
  guint            udp, tcp;

  g_assert_true (sip_simple_agent_listen_spec (agent, "udp:127.0.0.1:0", &error));
  g_assert_no_error (error);
  g_assert_true (sip_simple_agent_listen (agent, SIP_SIMPLE_TRANSPORT_TCP, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
  g_assert_true (sip_simple_agent_listen_spec (agent, "udp:[::1]:0", &error));
  g_assert_no_error (error);
  udp = sip_simple_agent_get_port (agent, SIP_SIMPLE_TRANSPORT_UDP);
  tcp = sip_simple_agent_get_port (agent, SIP_SIMPLE_TRANSPORT_TCP);
  g_assert_cmpuint (udp, >, 0);
  g_assert_cmpuint (tcp, >, 0);
  g_assert_cmpuint (sip_simple_agent_get_port (agent, SIP_SIMPLE_TRANSPORT_TLS), ==, 0);

  uris = sip_simple_agent_get_uris (agent);
  g_assert_cmpuint (uris->len, ==, 3);
  u0 = sip_simple_uri_to_string (uris->pdata[0]);
  spec = g_strdup_printf ("sip:127.0.0.1:%u;transport=udp", udp);
  g_assert_cmpstr (u0, ==, spec);
  g_assert_cmpstr (sip_simple_uri_get_host (uris->pdata[2]), ==, "::1");
  g_assert_true (sip_simple_agent_is_local (agent, uris->pdata[0]));

  /* each address once, in the order bound, without brackets */
  {
    g_auto (GStrv) addresses = sip_simple_agent_get_addresses (agent);
    g_assert_cmpuint (g_strv_length (addresses), ==, 2);
    g_assert_cmpstr (addresses[0], ==, "127.0.0.1");
    g_assert_cmpstr (addresses[1], ==, "::1");
  }

  /* served as domains, a portless URI with one of them is local
   * whatever port the agent is on; another port is not */
  {
    g_auto (GStrv) addresses = sip_simple_agent_get_addresses (agent);
    g_autoptr (SipSimpleUri) portless = sip_simple_uri_parse ("sip:bob@127.0.0.1", NULL);
    g_autofree char *text = g_strdup_printf ("sip:bob@127.0.0.1:%u", udp == 65535 ? 1 : udp + 1);
    g_autoptr (SipSimpleUri) other_port = sip_simple_uri_parse (text, NULL);

    sip_simple_agent_set_domains (agent, (const char *const *)addresses);
    g_assert_true (sip_simple_agent_is_local (agent, portless));
    g_assert_false (sip_simple_agent_is_local (agent, other_port) && udp + 1 != tcp);
  }

  /* the port is taken now */
  g_clear_pointer (&spec, g_free);
  spec = g_strdup_printf ("udp:127.0.0.1:%u", udp);
  g_assert_false (sip_simple_agent_listen_spec (other, spec, &error));
  g_assert_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_TRANSPORT);
  g_clear_error (&error);

  /* bad specs */
  for (const char *const *bad
       = (const char *const[]){ "udp", "sctp:127.0.0.1:5060", "udp:127.0.0.1:99999", "udp:[::1",
                                "udp:example.com:5060", "tcp:1.2.3.4:x", NULL };
       *bad; bad++)
    {
      g_assert_false (sip_simple_agent_listen_spec (other, *bad, &error));
      g_assert_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }

  /* TLS needs a certificate */
  g_assert_false (
      sip_simple_agent_listen (other, SIP_SIMPLE_TRANSPORT_TLS, "127.0.0.1", 0, &error));
  g_assert_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_TLS);
  g_clear_error (&error);

  sip_simple_agent_close (agent);
  sip_simple_agent_close (agent);
  g_assert_true (sip_simple_agent_is_closed (agent));
  g_assert_false (sip_simple_agent_listen_spec (agent, "udp:127.0.0.1:0", &error));
  g_assert_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_CLOSED);
}

/* ---- a saturated loop ------------------------------------------------------------ */

static void
busy_handler (SipSimpleEvent *event, gpointer data)
{
  gint64 until = g_get_monotonic_time () + 3000; /* 3 ms of work a request */

  while (g_get_monotonic_time () < until)
    ;
  g_assert_true (sip_simple_event_accept (event, NULL, NULL, NULL, NULL));
}

typedef struct
{
  GSocket *socket;
  guint    port;
  guint    sent; /* atomic */
  gint     stop; /* atomic */
  gint     done; /* atomic */
} Flood;

/* Padded OPTIONS, one a millisecond: three times what the handler takes */
static gpointer
flood_thread (gpointer data)
{
  Flood *fl = data;
  g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) to = g_inet_socket_address_new (lo, fl->port);
  g_autoptr (GSocketAddress) local = g_socket_get_local_address (fl->socket, NULL);
  guint            local_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
  g_autofree char *pad = g_strnfill (4000, 'x');

  for (guint i = 0; i < 3000 && !g_atomic_int_get (&fl->stop); i++)
    {
      g_autofree char *req
          = g_strdup_printf ("OPTIONS sip:example.com SIP/2.0\r\n"
                             "Via: SIP/2.0/UDP 127.0.0.1:%u;branch=z9hG4bKflood%u\r\n"
                             "Max-Forwards: 70\r\nFrom: <sip:f@example.com>;tag=f%u\r\n"
                             "To: <sip:example.com>\r\nCall-ID: flood%u\r\nCSeq: 1 OPTIONS\r\n"
                             "X-Padding: %s\r\nContent-Length: 0\r\n\r\n",
                             local_port, i, i, i, pad);
      if (g_socket_send_to (fl->socket, to, req, strlen (req), NULL, NULL) > 0)
        g_atomic_int_inc (&fl->sent);
      g_usleep (1000);
    }
  g_atomic_int_set (&fl->done, 1);
  return NULL;
}

/* Requests come faster than the handler can take them: once many wait in
 * the socket's buffer, new ones are refused 503 with a Retry-After at
 * once until the queue is short again; nothing is lost. */
static void
test_saturated_loop (Fixture *f, gconstpointer data)
{
  Flood fl = { NULL, f->port, 0, 0, 0 };
  g_autoptr (GThread) thread = NULL;
  guint  ok = 0, refused = 0, other = 0;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  char   buf[2048];

  f->handler = busy_handler;
  fl.socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, 0, NULL);
  {
    g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
    g_autoptr (GSocketAddress) any = g_inet_socket_address_new (lo, 0);
    g_assert_true (g_socket_bind (fl.socket, any, FALSE, NULL));
  }
  g_socket_set_blocking (fl.socket, FALSE);
  thread = g_thread_new ("flood", flood_thread, &fl);

  while (g_get_monotonic_time () < deadline
         && !(g_atomic_int_get (&fl.done)
              && ok + refused + other == (guint)g_atomic_int_get (&fl.sent)))
    {
      gssize n;

      g_main_context_iteration (NULL, FALSE);
      while ((n = g_socket_receive (fl.socket, buf, sizeof buf - 1, NULL, NULL)) > 0)
        {
          buf[n] = '\0';
          if (status_of (buf) == 200)
            ok++;
          else if (status_of (buf) == 503)
            {
              g_autofree char *retry_after = header (buf, "Retry-After");
              g_assert_nonnull (retry_after);
              refused++;
            }
          else if (status_of (buf) >= 200)
            other++;
        }
      /* enough seen: let the rest drain */
      if (refused >= 50)
        g_atomic_int_set (&fl.stop, 1);
    }
  g_atomic_int_set (&fl.stop, 1);
  g_thread_join (g_steal_pointer (&thread));
  g_test_message ("%u sent: %u x 200, %u x 503", g_atomic_int_get (&fl.sent), ok, refused);
  g_assert_cmpuint (other, ==, 0);
  g_assert_cmpuint (refused, >=, 50);
  g_assert_cmpuint (ok, >=, 1);
  /* every request answered: none lost in a full buffer */
  g_assert_cmpuint (ok + refused, ==, (guint)g_atomic_int_get (&fl.sent));
  g_assert_cmpuint (f->incoming, ==, ok);
  g_object_unref (fl.socket);
}

/* ---- simple actions --------------------------------------------------------------- */

static void
test_default_501 (Fixture *f, gconstpointer data)
{
  g_autoptr (Peer) p = peer_new ();
  g_autofree char *req
      = request (p, "INFO", "sip:bob@example.com", "c501", 1, "x501", NULL, NULL, NULL);
  g_autofree char *resp = transact (f, p, req);
  g_autofree char *to = NULL;
  g_autofree char *server = NULL;

  g_assert_cmpint (status_of (resp), ==, 501);
  to = header (resp, "To");
  g_assert_nonnull (strstr (to, ";tag="));
  server = header (resp, "Server");
  g_assert_cmpstr (server, ==, "libsipsimple");
  g_assert_cmpuint (f->incoming, ==, 1);
  g_assert_cmpuint (f->finished->len, ==, 1);
  g_assert_cmpuint (sip_simple_event_get_status (f->finished->pdata[0]), ==, 501);
}

static void
act (SipSimpleEvent *event, gpointer data)
{
  const char *method = sip_simple_event_get_method (event);
  g_autoptr (GError) error = NULL;

  if (strcmp (method, "OPTIONS") == 0)
    {
      g_autoptr (SipSimpleHeaders) h = sip_simple_headers_new ();
      g_autoptr (GBytes) body = g_bytes_new_static ("hello", 5);
      sip_simple_headers_append (h, "X-Test", "yes", NULL);
      sip_simple_headers_append (h, "Allow", "INVITE, OPTIONS", NULL);
      g_assert_true (sip_simple_event_accept (event, h, "text/plain", body, &error));
      g_assert_no_error (error);
      /* one answer only */
      g_assert_false (sip_simple_event_reject (event, 500, NULL, &error));
      g_assert_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_ALREADY_ANSWERED);
      g_assert_true (sip_simple_event_is_answered (event));
    }
  else if (strcmp (method, "MESSAGE") == 0)
    {
      g_assert_false (sip_simple_event_reject (event, 200, NULL, &error));
      g_assert_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
      g_assert_false (sip_simple_event_respond (event, 99, NULL, NULL, NULL, NULL, &error));
      g_assert_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
      g_assert_true (sip_simple_event_reject (event, 486, "Busy Now", &error));
    }
  else if (strcmp (method, "INFO") == 0)
    {
      g_autoptr (GPtrArray) contacts
          = g_ptr_array_new_with_free_func ((GDestroyNotify)sip_simple_uri_unref);
      g_ptr_array_add (contacts, sip_simple_uri_parse ("sip:bob@voicemail.example.com", NULL));
      g_ptr_array_add (contacts, sip_simple_uri_parse ("sip:bob@192.0.2.5:5070", NULL));
      g_assert_true (sip_simple_event_redirect (event, contacts, &error));
    }
  else if (strcmp (method, "PUBLISH") == 0)
    {
      /* provisional first, then final */
      g_assert_true (sip_simple_event_respond (event, 183, "Thinking", NULL, NULL, NULL, &error));
      g_assert_false (sip_simple_event_is_answered (event));
      g_assert_true (sip_simple_event_reject (event, 603, NULL, &error));
    }
}

static void
test_actions (Fixture *f, gconstpointer data)
{
  g_autoptr (Peer) p = peer_new ();
  g_autofree char *r1 = NULL, *r2 = NULL, *r3 = NULL, *r4 = NULL, *prov = NULL;
  g_autofree char *q1
      = request (p, "OPTIONS", "sip:127.0.0.1", "act1", 1, "act1", NULL, NULL, NULL);
  g_autofree char *q2
      = request (p, "MESSAGE", "sip:bob@example.com", "act2", 1, "act2", NULL, NULL, "hi");
  g_autofree char *q3
      = request (p, "INFO", "sip:bob@example.com", "act3", 1, "act3", NULL, NULL, NULL);
  g_autofree char *q4
      = request (p, "PUBLISH", "sip:bob@example.com", "act4", 1, "act4", NULL, NULL, NULL);
  g_autofree char *x = NULL, *ct = NULL, *reason = NULL, *c0 = NULL, *c1 = NULL;

  f->handler = act;
  r1 = transact (f, p, q1);
  g_assert_cmpint (status_of (r1), ==, 200);
  x = header (r1, "X-Test");
  g_assert_cmpstr (x, ==, "yes");
  ct = header (r1, "Content-Type");
  g_assert_cmpstr (ct, ==, "text/plain");
  g_assert_cmpstr (body_of (r1), ==, "hello");

  r2 = transact (f, p, q2);
  g_assert_cmpint (status_of (r2), ==, 486);
  reason = reason_of (r2);
  g_assert_cmpstr (reason, ==, "Busy Now");

  r3 = transact (f, p, q3);
  g_assert_cmpint (status_of (r3), ==, 302);
  g_assert_cmpuint (header_count (r3, "Contact"), ==, 2);
  c0 = header_nth (r3, "Contact", 0);
  c1 = header_nth (r3, "Contact", 1);
  g_assert_cmpstr (c0, ==, "<sip:bob@voicemail.example.com>");
  g_assert_cmpstr (c1, ==, "<sip:bob@192.0.2.5:5070>");

  peer_send (p, f->port, q4);
  prov = peer_recv_no100 (p, 3000);
  g_assert_cmpint (status_of (prov), ==, 183);
  r4 = peer_recv_no100 (p, 3000);
  g_assert_cmpint (status_of (r4), ==, 603);
  g_assert_cmpuint (f->finished->len, ==, 4);
}

static void
check_accessors (SipSimpleEvent *event, gpointer data)
{
  Peer *p = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) contacts = NULL;
  g_autoptr (GPtrArray) vias = NULL;
  g_autoptr (SipSimpleHeaders) headers = NULL;
  g_auto (GStrv) all = NULL;
  g_autofree char *text = NULL;
  g_autofree char *source = NULL;
  g_autofree char *expect_source = NULL;
  g_autoptr (SipSimpleUri) new_uri = NULL;
  GBytes *body;

  g_assert_cmpstr (sip_simple_event_get_method (event), ==, "MESSAGE");
  g_assert_cmpstr (sip_simple_uri_get_user (sip_simple_event_get_uri (event)), ==, "bob");
  g_assert_cmpstr (sip_simple_uri_get_host (sip_simple_event_get_uri (event)), ==, "example.com");
  g_assert_cmpstr (
      sip_simple_uri_get_user (sip_simple_name_addr_get_uri (sip_simple_event_get_from (event))),
      ==, "alice");
  g_assert_cmpstr (sip_simple_name_addr_get_tag (sip_simple_event_get_from (event)), ==, "a1");
  g_assert_null (sip_simple_name_addr_get_tag (sip_simple_event_get_to (event)));
  g_assert_false (sip_simple_event_is_in_dialog (event));
  g_assert_cmpint (sip_simple_event_get_max_forwards (event), ==, 70);
  g_assert_cmpint (sip_simple_event_get_expires (event), ==, 30);
  g_assert_cmpstr (sip_simple_event_get_call_id (event), ==, "acc1");
  g_assert_cmpuint (sip_simple_event_get_cseq (event), ==, 5);

  contacts = sip_simple_event_get_contacts (event);
  g_assert_cmpuint (contacts->len, ==, 2);
  g_assert_cmpstr (sip_simple_name_addr_get_display_name (contacts->pdata[0]), ==, "Alice");
  vias = sip_simple_event_get_vias (event);
  g_assert_cmpuint (vias->len, ==, 2);
  g_assert_cmpstr (sip_simple_via_get_transport (vias->pdata[0]), ==, "UDP");
  /* rport filled in with the real source port */
  g_assert_cmpint (sip_simple_via_get_rport (vias->pdata[0]), ==, (gint)p->port);
  g_assert_cmpstr (sip_simple_via_get_host (vias->pdata[1]), ==, "192.0.2.77");

  g_assert_cmpstr (sip_simple_event_get_header (event, "x-custom"), ==, "one");
  g_assert_cmpstr (sip_simple_event_get_header (event, "m"), ==,
                   "\"Alice\" <sip:alice@127.0.0.1:5999>");
  g_assert_null (sip_simple_event_get_header (event, "X-Missing"));
  all = sip_simple_event_get_header_all (event, "X-Custom");
  g_assert_cmpuint (g_strv_length (all), ==, 2);
  g_assert_cmpstr (all[1], ==, "two");
  headers = sip_simple_event_get_headers (event);
  g_assert_cmpstr (sip_simple_headers_get (headers, "Call-ID"), ==, "acc1");

  body = sip_simple_event_get_body (event);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "hello body", 10);
  g_assert_cmpstr (sip_simple_event_get_content_type (event), ==, "text/plain;charset=utf-8");
  g_assert_cmpint (sip_simple_event_get_transport (event), ==, SIP_SIMPLE_TRANSPORT_UDP);
  g_assert_cmpstr (sip_simple_event_get_source_address (event), ==, "127.0.0.1");
  g_assert_cmpuint (sip_simple_event_get_source_port (event), ==, p->port);
  source = sip_simple_event_get_source_uri (event);
  expect_source = g_strdup_printf ("sip:127.0.0.1:%u;transport=udp", p->port);
  g_assert_cmpstr (source, ==, expect_source);
  g_assert_cmpuint (sip_simple_event_get_size (event), >, 300);
  text = sip_simple_event_to_string (event);
  g_assert_true (g_str_has_prefix (text, "MESSAGE sip:bob@example.com SIP/2.0\r\n"));
  g_assert_nonnull (strstr (text, "hello body"));
  g_assert_true (sip_simple_event_get_agent (event) != NULL);

  /* changing the request */
  g_assert_true (sip_simple_event_add_header (event, "X-Added", "1", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sip_simple_event_get_header (event, "X-Added"), ==, "1");
  g_assert_true (sip_simple_event_set_header (event, "X-Custom", "three", &error));
  g_clear_pointer (&all, g_strfreev);
  all = sip_simple_event_get_header_all (event, "X-Custom");
  g_assert_cmpuint (g_strv_length (all), ==, 1);
  g_assert_cmpuint (sip_simple_event_remove_header (event, "X-Custom"), ==, 1);
  g_assert_null (sip_simple_event_get_header (event, "X-Custom"));
  g_assert_true (sip_simple_event_set_header (event, "Subject", "new", &error));
  g_assert_cmpstr (sip_simple_event_get_header (event, "Subject"), ==, "new");
  g_assert_false (sip_simple_event_add_header (event, "Via", "SIP/2.0/UDP x", &error));
  g_assert_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_cmpuint (sip_simple_event_remove_header (event, "CSeq"), ==, 0);
  g_assert_false (sip_simple_event_add_header (event, "Bad Name", "x", &error));
  g_assert_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (sip_simple_event_add_header (event, "X-Crlf", "a\r\nX-Evil: 1", &error));
  g_clear_error (&error);
  g_assert_false (sip_simple_event_add_header (event, "Max-Forwards", "lots", &error));
  g_clear_error (&error);

  new_uri = sip_simple_uri_parse ("sip:carol@example.net", NULL);
  sip_simple_event_set_uri (event, new_uri);
  g_assert_cmpstr (sip_simple_uri_get_user (sip_simple_event_get_uri (event)), ==, "carol");
  g_clear_pointer (&text, g_free);
  text = sip_simple_event_to_string (event);
  g_assert_true (g_str_has_prefix (text, "MESSAGE sip:carol@example.net SIP/2.0\r\n"));

  sip_simple_event_set_target (event, new_uri);
  sip_simple_event_add_target (event, new_uri, "sip:127.0.0.1:1");
  {
    g_autoptr (GPtrArray) targets = sip_simple_event_get_targets (event);
    g_assert_cmpuint (targets->len, ==, 2);
  }
  sip_simple_event_clear_targets (event);
  sip_simple_event_accept (event, NULL, NULL, NULL, NULL);
}

static void
test_accessors (Fixture *f, gconstpointer data)
{
  g_autoptr (Peer) p = peer_new ();
  g_autofree char *req = NULL;
  g_autofree char *resp = NULL;

  req = g_strdup_printf ("MESSAGE sip:bob@example.com SIP/2.0\n"
                         "Via: SIP/2.0/UDP 127.0.0.1:%u;rport;branch=z9hG4bKacc1, SIP/2.0/TCP "
                         "192.0.2.77;branch=z9hG4bKold\n"
                         "Max-Forwards: 70\n"
                         "From: \"Alice\" <sip:alice@example.com>;tag=a1\n"
                         "To: sip:bob@example.com\n"
                         "Call-ID: acc1\n"
                         "CSeq: 5 MESSAGE\n"
                         "m: \"Alice\" <sip:alice@127.0.0.1:5999>, <sip:alice@127.0.0.1:6000>\n"
                         "Expires: 30\n"
                         "X-Custom: one\n"
                         "x-custom: two\n"
                         "Subject: old\n"
                         "Content-Type: text/plain;charset=utf-8\n"
                         "Content-Length: 10\n\nhello body",
                         p->port);
  f->handler = check_accessors;
  f->data = p;
  resp = transact (f, p, req);
  g_assert_cmpint (status_of (resp), ==, 200);
}

static void
reject_busy (SipSimpleEvent *event, gpointer data)
{
  if (strcmp (sip_simple_event_get_method (event), "INVITE") == 0)
    sip_simple_event_reject (event, 486, NULL, NULL);
}

/* Retransmissions and the ACK of a non-2xx never reach the handler */
static void
test_transaction_layer (Fixture *f, gconstpointer data)
{
  g_autoptr (Peer) p = peer_new ();
  g_autofree char *inv
      = request (p, "INVITE", "sip:bob@example.com", "tl1", 1, "tl1", NULL, NULL, NULL);
  g_autofree char *r1 = NULL, *r2 = NULL, *ack = NULL, *to = NULL, *tag = NULL;

  f->handler = reject_busy;
  r1 = transact (f, p, inv);
  g_assert_cmpint (status_of (r1), ==, 486);
  r2 = transact (f, p, inv);
  g_assert_cmpint (status_of (r2), ==, 486);
  g_assert_cmpuint (f->incoming, ==, 1);

  to = header (r1, "To");
  tag = g_strdup (strstr (to, "tag=") + 4);
  ack = request (p, "ACK", "sip:bob@example.com", "tl1", 1, "tl1", tag, NULL, NULL);
  peer_send (p, f->port, ack);
  spin (100);
  g_assert_cmpuint (f->incoming, ==, 1);
  /* no retransmission of the 486 after the ACK */
  g_assert_null (peer_recv (p, 700));
}

/* ---- pause --------------------------------------------------------------------- */

static SipSimpleEvent *paused_event;

static void
pause_it (SipSimpleEvent *event, gpointer data)
{
  sip_simple_event_pause (event);
  g_set_object (&paused_event, event);
}

static void
test_pause (Fixture *f, gconstpointer data)
{
  g_autoptr (Peer) p = peer_new ();
  g_autofree char *req
      = request (p, "OPTIONS", "sip:bob@example.com", "pause1", 1, "pause1", NULL, NULL, NULL);
  g_autofree char *req2
      = request (p, "OPTIONS", "sip:bob@example.com", "pause2", 1, "pause2", NULL, NULL, NULL);
  g_autofree char *resp = NULL, *resp2 = NULL;

  f->handler = pause_it;
  peer_send (p, f->port, req);
  g_assert_null (peer_recv_no100 (p, 300));
  g_assert_nonnull (paused_event);
  g_assert_true (sip_simple_event_reject (paused_event, 404, NULL, NULL));
  resp = peer_recv_no100 (p, 2000);
  g_assert_cmpint (status_of (resp), ==, 404);
  g_clear_object (&paused_event);

  /* paused and forgotten: 500 */
  peer_send (p, f->port, req2);
  g_assert_null (peer_recv_no100 (p, 300));
  g_clear_object (&paused_event);
  resp2 = peer_recv_no100 (p, 2000);
  g_assert_cmpint (status_of (resp2), ==, 500);
}

/* ---- digest -------------------------------------------------------------------- */

typedef struct
{
  SipSimpleAuthResult result;
  char               *user;
} AuthSeen;

static char *
lookup_password (const char *username, const char *realm, gpointer data)
{
  g_assert_cmpstr (realm, ==, "example.com");
  if (strcmp (username, "alice") == 0)
    return g_strdup ("secret");
  return NULL;
}

static void
auth_handler (SipSimpleEvent *event, gpointer data)
{
  AuthSeen *seen = data;

  seen->result = sip_simple_event_authenticate (event, "example.com", lookup_password, NULL);
  g_free (seen->user);
  seen->user = g_strdup (sip_simple_event_get_auth_user (event));
  if (seen->result == SIP_SIMPLE_AUTH_RESULT_OK)
    sip_simple_event_accept (event, NULL, NULL, NULL, NULL);
  else if (seen->result == SIP_SIMPLE_AUTH_RESULT_FAILED)
    sip_simple_event_reject (event, 403, NULL, NULL);
  else
    g_assert_true (sip_simple_event_challenge (event, "example.com", NULL));
}

/* The nonce of the challenge for @algorithm in @resp */
static char *
nonce_for (const char *resp, const char *hname, const char *algorithm)
{
  char *v;
  for (guint i = 0; (v = header_nth (resp, hname, i)) != NULL; i++)
    {
      g_autofree char *needle = g_strdup_printf ("algorithm=%s,", algorithm);
      if (strstr (v, needle))
        {
          const char *n = strstr (v, "nonce=\"") + 7;
          char       *out = g_strndup (n, strchr (n, '"') - n);
          g_free (v);
          return out;
        }
      g_free (v);
    }
  return NULL;
}

/* @nc: the nonce count (it must grow with each use of a nonce) */
static char *
credentials_nc (const char *hname, const char *method, const char *uri, const char *user,
                const char *password, const char *nonce, SipSimpleDigestAlgorithm alg, guint nc)
{
  g_autofree char *nc_text = g_strdup_printf ("%08x", nc);
  g_autofree char *ha1 = sip_simple_digest_ha1 (alg, user, "example.com", password, nonce, "cn1");
  g_autofree char *resp
      = sip_simple_digest_response (alg, ha1, nonce, nc_text, "cn1", "auth", method, uri, NULL, 0);
  return g_strdup_printf (
      "%s: Digest username=\"%s\", realm=\"example.com\", nonce=\"%s\", uri=\"%s\", "
      "response=\"%s\", algorithm=%s, qop=auth, nc=%s, cnonce=\"cn1\"\n",
      hname, user, nonce, uri, resp, sip_simple_digest_algorithm_to_string (alg), nc_text);
}

static char *
credentials (const char *hname, const char *method, const char *uri, const char *user,
             const char *password, const char *nonce, SipSimpleDigestAlgorithm alg)
{
  return credentials_nc (hname, method, uri, user, password, nonce, alg, 1);
}

static void
test_digest (Fixture *f, gconstpointer data)
{
  g_autoptr (Peer) p = peer_new ();
  AuthSeen         seen = { 0 };
  g_autofree char *r = NULL, *nonce = NULL, *md5_nonce = NULL, *cred = NULL, *q = NULL;
  guint            cseq = 1;

  f->handler = auth_handler;
  f->data = &seen;

  /* REGISTER: 401, SHA-256 offered first, then MD5 */
  q = request (p, "REGISTER", "sip:example.com", "dg1", cseq++, "dg1", NULL, NULL, NULL);
  r = transact (f, p, q);
  g_assert_cmpint (status_of (r), ==, 401);
  g_assert_cmpint (seen.result, ==, SIP_SIMPLE_AUTH_RESULT_MISSING);
  g_assert_cmpuint (header_count (r, "WWW-Authenticate"), ==, 2);
  {
    g_autofree char *first = header (r, "WWW-Authenticate");
    g_assert_nonnull (strstr (first, "algorithm=SHA-256"));
    g_assert_nonnull (strstr (first, "qop=\"auth\""));
    g_assert_nonnull (strstr (first, "realm=\"example.com\""));
  }
  nonce = nonce_for (r, "WWW-Authenticate", "SHA-256");
  md5_nonce = nonce_for (r, "WWW-Authenticate", "MD5");
  g_assert_nonnull (nonce);
  g_assert_nonnull (md5_nonce);

  /* right SHA-256 credentials */
  cred = credentials ("Authorization", "REGISTER", "sip:example.com", "alice", "secret", nonce,
                      SIP_SIMPLE_DIGEST_SHA256);
  g_clear_pointer (&q, g_free);
  g_clear_pointer (&r, g_free);
  q = request (p, "REGISTER", "sip:example.com", "dg1", cseq++, "dg2", NULL, cred, NULL);
  r = transact (f, p, q);
  g_assert_cmpint (status_of (r), ==, 200);
  g_assert_cmpint (seen.result, ==, SIP_SIMPLE_AUTH_RESULT_OK);
  g_assert_cmpstr (seen.user, ==, "alice");

  /* the same credentials again (a replay, in a new transaction): a fresh
   * challenge */
  g_clear_pointer (&q, g_free);
  g_clear_pointer (&r, g_free);
  q = request (p, "REGISTER", "sip:example.com", "dg1", cseq++, "dg2b", NULL, cred, NULL);
  r = transact (f, p, q);
  g_assert_cmpint (status_of (r), ==, 401);
  g_assert_cmpint (seen.result, ==, SIP_SIMPLE_AUTH_RESULT_STALE);
  {
    g_autofree char *ch = header (r, "WWW-Authenticate");
    g_assert_nonnull (strstr (ch, "stale=true"));
  }

  /* right MD5 credentials (one nonce for both algorithms: the next count) */
  g_clear_pointer (&cred, g_free);
  cred = credentials_nc ("Authorization", "REGISTER", "sip:example.com", "alice", "secret",
                         md5_nonce, SIP_SIMPLE_DIGEST_MD5, 2);
  g_clear_pointer (&q, g_free);
  g_clear_pointer (&r, g_free);
  q = request (p, "REGISTER", "sip:example.com", "dg1", cseq++, "dg3", NULL, cred, NULL);
  r = transact (f, p, q);
  g_assert_cmpint (status_of (r), ==, 200);

  /* wrong password, unknown user */
  g_clear_pointer (&cred, g_free);
  cred = credentials ("Authorization", "REGISTER", "sip:example.com", "alice", "wrong", nonce,
                      SIP_SIMPLE_DIGEST_SHA256);
  g_clear_pointer (&q, g_free);
  g_clear_pointer (&r, g_free);
  q = request (p, "REGISTER", "sip:example.com", "dg1", cseq++, "dg4", NULL, cred, NULL);
  r = transact (f, p, q);
  g_assert_cmpint (status_of (r), ==, 403);
  g_assert_cmpint (seen.result, ==, SIP_SIMPLE_AUTH_RESULT_FAILED);
  g_assert_null (seen.user);

  g_clear_pointer (&cred, g_free);
  cred = credentials ("Authorization", "REGISTER", "sip:example.com", "mallory", "secret", nonce,
                      SIP_SIMPLE_DIGEST_SHA256);
  g_clear_pointer (&q, g_free);
  g_clear_pointer (&r, g_free);
  q = request (p, "REGISTER", "sip:example.com", "dg1", cseq++, "dg5", NULL, cred, NULL);
  r = transact (f, p, q);
  g_assert_cmpint (status_of (r), ==, 403);

  /* a nonce we did not make */
  g_clear_pointer (&cred, g_free);
  cred = credentials ("Authorization", "REGISTER", "sip:example.com", "alice", "secret",
                      "0000000000000000aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                      SIP_SIMPLE_DIGEST_SHA256);
  g_clear_pointer (&q, g_free);
  g_clear_pointer (&r, g_free);
  q = request (p, "REGISTER", "sip:example.com", "dg1", cseq++, "dg6", NULL, cred, NULL);
  r = transact (f, p, q);
  g_assert_cmpint (status_of (r), ==, 401);
  g_assert_cmpint (seen.result, ==, SIP_SIMPLE_AUTH_RESULT_INVALID);

  /* other requests: 407 and Proxy-Authorization */
  g_clear_pointer (&q, g_free);
  g_clear_pointer (&r, g_free);
  q = request (p, "MESSAGE", "sip:bob@example.com", "dg7", 1, "dg7", NULL, NULL, "x");
  r = transact (f, p, q);
  g_assert_cmpint (status_of (r), ==, 407);
  g_assert_cmpuint (header_count (r, "Proxy-Authenticate"), ==, 2);
  g_clear_pointer (&nonce, g_free);
  nonce = nonce_for (r, "Proxy-Authenticate", "MD5");
  g_clear_pointer (&cred, g_free);
  cred = credentials ("Proxy-Authorization", "MESSAGE", "sip:bob@example.com", "alice", "secret",
                      nonce, SIP_SIMPLE_DIGEST_MD5);
  g_clear_pointer (&q, g_free);
  g_clear_pointer (&r, g_free);
  q = request (p, "MESSAGE", "sip:bob@example.com", "dg7", 2, "dg8", NULL, cred, "x");
  r = transact (f, p, q);
  g_assert_cmpint (status_of (r), ==, 200);

  /* an old nonce is stale: the next challenge says so */
  g_object_set (f->agent, "nonce-lifetime", 1, NULL);
  spin (2100);
  g_clear_pointer (&q, g_free);
  g_clear_pointer (&r, g_free);
  q = request (p, "MESSAGE", "sip:bob@example.com", "dg7", 3, "dg9", NULL, cred, "x");
  r = transact (f, p, q);
  g_assert_cmpint (status_of (r), ==, 407);
  g_assert_cmpint (seen.result, ==, SIP_SIMPLE_AUTH_RESULT_STALE);
  {
    g_autofree char *ch = header (r, "Proxy-Authenticate");
    g_assert_nonnull (strstr (ch, "stale=true"));
  }
  g_free (seen.user);
}

/* ---- registrar --------------------------------------------------------------------- */

typedef struct
{
  SipSimpleRegistrar *registrar;
  gboolean            finished;
} RegisterData;

static void
registered_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  RegisterData *rd = data;
  g_assert_true (sip_simple_registrar_handle_finish (SIP_SIMPLE_REGISTRAR (source), result, NULL));
  rd->finished = TRUE;
}

static void
register_handler (SipSimpleEvent *event, gpointer data)
{
  RegisterData *rd = data;
  sip_simple_registrar_handle_async (rd->registrar, event, NULL, NULL, registered_cb, rd);
}

static char *
do_register (Fixture *f, Peer *p, const char *call_id, guint cseq, const char *extra)
{
  static guint     n;
  g_autofree char *branch = g_strdup_printf ("reg%s%u-%u", call_id, cseq, ++n);
  g_autofree char *q
      = request (p, "REGISTER", "sip:example.com", call_id, cseq, branch, NULL, extra, NULL);
  RegisterData *rd = f->data;
  char         *r;

  if (f->handler == register_handler)
    rd->finished = FALSE;
  r = transact (f, p, q);
  /* the callback must have run before the test's data goes away */
  if (f->handler == register_handler)
    g_assert_true (test_wait_for_flag (&rd->finished, 2000));
  return r;
}

static void
test_registrar (Fixture *f, gconstpointer data)
{
  g_autoptr (Peer) p = peer_new ();
  g_autoptr (SipSimpleMemoryLocation) memory = sip_simple_memory_location_new ();
  RegisterData rd = { sip_simple_registrar_new (SIP_SIMPLE_LOCATION (memory)), FALSE };
  g_autoptr (GPtrArray) list = NULL;
  char *r;

  sip_simple_registrar_set_min_expires (rd.registrar, 30);
  sip_simple_registrar_set_max_expires (rd.registrar, 600);
  g_assert_cmpuint (sip_simple_registrar_get_default_expires (rd.registrar), ==, 3600);
  f->handler = register_handler;
  f->data = &rd;

  /* two contacts, with q-values; expires param wins over the header;
   * too long is shortened */
  r = do_register (f, p, "reg1", 1,
                   "Contact: <sip:bob@192.0.2.1>;q=0.3, <sip:bob@192.0.2.2>;q=0.8;expires=120\n"
                   "Expires: 9999\nUser-Agent: regtest\n");
  g_assert_cmpint (status_of (r), ==, 200);
  g_assert_cmpuint (header_count (r, "Contact"), ==, 2);
  {
    g_autofree char *first = header_nth (r, "Contact", 0);
    g_autofree char *second = header_nth (r, "Contact", 1);
    g_autofree char *date = header (r, "Date");
    g_assert_true (g_str_has_prefix (first, "<sip:bob@192.0.2.2>;expires=12"));
    g_assert_nonnull (strstr (first, ";q=0.8"));
    g_assert_true (g_str_has_prefix (second, "<sip:bob@192.0.2.1>;expires=60"));
    g_assert_nonnull (date);
    g_assert_true (g_str_has_suffix (date, " GMT"));
  }
  g_free (r);
  list = sip_simple_memory_location_lookup (memory, "bob@example.com");
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (sip_simple_binding_get_user_agent (list->pdata[0]), ==, "regtest");
  g_assert_cmpstr (sip_simple_binding_get_call_id (list->pdata[0]), ==, "reg1");
  /* a reachable Contact is where requests go, not the REGISTER's source */
  g_assert_null (sip_simple_binding_get_received (list->pdata[0]));
  g_assert_null (sip_simple_binding_get_received (list->pdata[1]));
  g_clear_pointer (&list, g_ptr_array_unref);

  /* a query lists them */
  r = do_register (f, p, "reg2", 1, NULL);
  g_assert_cmpint (status_of (r), ==, 200);
  g_assert_cmpuint (header_count (r, "Contact"), ==, 2);
  g_free (r);

  /* too brief: 423 with Min-Expires, nothing changes */
  r = do_register (f, p, "reg1", 2, "Contact: <sip:bob@192.0.2.3>\nExpires: 10\n");
  g_assert_cmpint (status_of (r), ==, 423);
  {
    g_autofree char *min = header (r, "Min-Expires");
    g_assert_cmpstr (min, ==, "30");
  }
  g_free (r);

  /* the same Call-ID with an old CSeq: refused */
  r = do_register (f, p, "reg1", 1, "Contact: <sip:bob@192.0.2.1>;expires=0\n");
  g_assert_cmpint (status_of (r), ==, 400);
  g_free (r);

  /* expires=0 removes one */
  r = do_register (f, p, "reg1", 3, "Contact: <sip:bob@192.0.2.1>;expires=0\n");
  g_assert_cmpint (status_of (r), ==, 200);
  g_assert_cmpuint (header_count (r, "Contact"), ==, 1);
  g_free (r);

  /* wildcard: only with Expires: 0 */
  r = do_register (f, p, "reg1", 4, "Contact: *\nExpires: 60\n");
  g_assert_cmpint (status_of (r), ==, 400);
  g_free (r);
  r = do_register (f, p, "reg1", 5, "Contact: *, <sip:bob@192.0.2.9>\nExpires: 0\n");
  g_assert_cmpint (status_of (r), ==, 400);
  g_free (r);
  r = do_register (f, p, "reg3", 1, "Contact: *\nExpires: 0\n");
  g_assert_cmpint (status_of (r), ==, 200);
  g_assert_cmpuint (header_count (r, "Contact"), ==, 0);
  g_free (r);
  list = sip_simple_memory_location_lookup (memory, "bob@example.com");
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* a private Contact address other than the source is behind NAT: the
   * source is used; outbound's ;ob asks for nothing over UDP */
  r = do_register (f, p, "nat1", 1,
                   "Contact: <sip:bob@10.1.2.3:5062>, <sip:bob@[fd00::7]:5062>, "
                   "<sip:bob@203.0.113.9;ob>\n");
  g_assert_cmpint (status_of (r), ==, 200);
  g_free (r);
  list = sip_simple_memory_location_lookup (memory, "bob@example.com");
  g_assert_cmpuint (list->len, ==, 3);
  {
    g_autofree char *src = g_strdup_printf ("sip:127.0.0.1:%u;transport=udp", p->port);
    guint            with_source = 0;
    for (guint i = 0; i < list->len; i++)
      {
        const char      *received = sip_simple_binding_get_received (list->pdata[i]);
        g_autofree char *contact
            = sip_simple_uri_to_string (sip_simple_binding_get_contact (list->pdata[i]));
        if (strstr (contact, "203.0.113.9") != NULL)
          g_assert_null (received);
        else
          {
            g_assert_cmpstr (received, ==, src);
            with_source++;
          }
      }
    g_assert_cmpuint (with_source, ==, 2);
  }
  g_clear_pointer (&list, g_ptr_array_unref);

  g_object_unref (rd.registrar);
}

/* A Location that fails with failing_code: the registrar answers 503 with
 * Retry-After when the location cannot be reached, 500 otherwise */
static GIOErrorEnum failing_code;

static void
failing_lookup_async (SipSimpleLocation *self, const char *aor, GCancellable *c,
                      GAsyncReadyCallback cb, gpointer data)
{
  g_autoptr (GTask) task = g_task_new (self, c, cb, data);
  g_task_return_new_error (task, G_IO_ERROR, failing_code, "database trouble");
}

static GPtrArray *
failing_finish (SipSimpleLocation *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  GObject parent_instance;
} FailingLocation;
typedef GObjectClass FailingLocationClass;

static void
failing_iface_init (SipSimpleLocationInterface *iface)
{
  iface->lookup_async = failing_lookup_async;
  iface->lookup_finish = failing_finish;
  iface->update_async = (gpointer)failing_lookup_async;
  iface->update_finish = failing_finish;
}

static GType failing_location_get_type (void);
G_DEFINE_TYPE_WITH_CODE (FailingLocation, failing_location, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (SIP_SIMPLE_TYPE_LOCATION, failing_iface_init))
static void
failing_location_class_init (FailingLocationClass *k)
{
}
static void
failing_location_init (FailingLocation *s)
{
}

static gboolean failed_seen;

static void
failed_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (GError) error = NULL;
  g_assert_false (
      sip_simple_registrar_handle_finish (SIP_SIMPLE_REGISTRAR (source), result, &error));
  g_assert_error (error, SIP_SIMPLE_AGENT_ERROR, SIP_SIMPLE_AGENT_ERROR_LOCATION);
  failed_seen = TRUE;
}

static void
failing_handler (SipSimpleEvent *event, gpointer data)
{
  sip_simple_registrar_handle_async (data, event, "bob@example.com", NULL, failed_cb, NULL);
}

static void
test_registrar_backend_failure (Fixture *f, gconstpointer data)
{
  g_autoptr (Peer) p = peer_new ();
  g_autoptr (GObject) failing = g_object_new (failing_location_get_type (), NULL);
  g_autoptr (SipSimpleRegistrar) registrar
      = sip_simple_registrar_new (SIP_SIMPLE_LOCATION (failing));
  g_autofree char *r = NULL;

  f->handler = failing_handler;
  f->data = registrar;
  g_object_set (f->agent, "retry-after", 7, NULL);

  /* unreachable: try again later */
  failing_code = G_IO_ERROR_CONNECTION_REFUSED;
  r = do_register (f, p, "fail1", 1, "Contact: <sip:bob@192.0.2.1>\n");
  g_assert_cmpint (status_of (r), ==, 503);
  g_assert_nonnull (strstr (r, "\r\nRetry-After: 7"));
  test_wait_for_flag (&failed_seen, 1000);
  g_assert_true (failed_seen);
  g_clear_pointer (&r, g_free);

  /* another failure: no promise that a retry helps */
  failed_seen = FALSE;
  failing_code = G_IO_ERROR_INVALID_DATA;
  r = do_register (f, p, "fail2", 1, "Contact: <sip:bob@192.0.2.1>\n");
  g_assert_cmpint (status_of (r), ==, 500);
  g_assert_null (strstr (r, "Retry-After"));
  test_wait_for_flag (&failed_seen, 1000);
  g_assert_true (failed_seen);
}

/* ---- proxy -------------------------------------------------------------------------- */

typedef struct
{
  GPtrArray           *targets; /* char * URIs */
  guint                timeout;
  SipSimpleProxyFlags  flags;
  gboolean             done;
  SipSimpleProxyResult result;
  guint                proxy_status;
  const char          *fallback; /* redirect here on busy/noanswer/failure */
} ProxyData;

static void
proxied (GObject *source, GAsyncResult *result, gpointer data)
{
  SipSimpleEvent *event = SIP_SIMPLE_EVENT (source);
  ProxyData      *pd = data;
  g_autoptr (GError) error = NULL;

  pd->result = sip_simple_event_proxy_finish (event, result, &error);
  g_assert_no_error (error);
  pd->proxy_status = sip_simple_event_get_proxy_status (event);
  pd->done = TRUE;
  if (pd->fallback != NULL && pd->result != SIP_SIMPLE_PROXY_RESULT_ANSWERED
      && pd->result != SIP_SIMPLE_PROXY_RESULT_CANCELLED)
    {
      g_autoptr (GPtrArray) c
          = g_ptr_array_new_with_free_func ((GDestroyNotify)sip_simple_uri_unref);
      g_ptr_array_add (c, sip_simple_uri_parse (pd->fallback, NULL));
      g_assert_true (sip_simple_event_redirect (event, c, NULL));
    }
}

static void
proxy_handler (SipSimpleEvent *event, gpointer data)
{
  ProxyData *pd = data;

  for (guint i = 0; pd->targets && i < pd->targets->len; i++)
    {
      g_autoptr (SipSimpleUri) u = sip_simple_uri_parse (pd->targets->pdata[i], NULL);
      sip_simple_event_add_target (event, u, NULL);
    }
  sip_simple_event_proxy_async (event, pd->timeout, pd->flags, NULL, proxied, pd);
}

static ProxyData *
proxy_data (SipSimpleProxyFlags flags, guint timeout, ...)
{
  ProxyData  *pd = g_new0 (ProxyData, 1);
  va_list     ap;
  const char *t;

  pd->targets = g_ptr_array_new_with_free_func (g_free);
  pd->flags = flags;
  pd->timeout = timeout;
  va_start (ap, timeout);
  while ((t = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (pd->targets, g_strdup (t));
  va_end (ap);
  return pd;
}

static void
proxy_data_free (ProxyData *pd)
{
  g_ptr_array_unref (pd->targets);
  g_free (pd);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ProxyData, proxy_data_free)

static char *
target (Peer *p, const char *user)
{
  return g_strdup_printf ("sip:%s@127.0.0.1:%u", user, p->port);
}

/* Forking: both ring, one answers; the other gets CANCEL */
static void
test_proxy_fork (Fixture *f, gconstpointer data)
{
  g_autoptr (Peer) caller = peer_new ();
  g_autoptr (Peer) b1 = peer_new ();
  g_autoptr (Peer) b2 = peer_new ();
  g_autofree char *t1 = target (b1, "b1"), *t2 = target (b2, "b2");
  g_autoptr (ProxyData) pd = proxy_data (SIP_SIMPLE_PROXY_FLAGS_RECORD_ROUTE, 0, t1, t2, NULL);
  g_autofree char *inv
      = request (caller, "INVITE", "sip:bob@example.com", "fork1", 1, "fork1", NULL, NULL, NULL);
  g_autofree char *i1 = NULL, *i2 = NULL, *r180 = NULL, *r200 = NULL, *cancel = NULL;
  g_autofree char *got180 = NULL, *got200 = NULL, *ack487 = NULL, *mf = NULL, *rr = NULL;
  g_autofree char *c200 = NULL, *c487 = NULL, *rq = NULL, *via = NULL;

  f->handler = proxy_handler;
  f->data = pd;
  peer_send (caller, f->port, inv);
  i1 = peer_recv (b1, 3000);
  i2 = peer_recv (b2, 3000);
  g_assert_nonnull (i1);
  g_assert_nonnull (i2);
  g_assert_true (g_str_has_prefix (i1, "INVITE sip:b1@127.0.0.1:"));
  g_assert_true (g_str_has_prefix (i2, "INVITE sip:b2@127.0.0.1:"));
  mf = header (i1, "Max-Forwards");
  g_assert_cmpstr (mf, ==, "69");
  rr = header (i1, "Record-Route");
  {
    /* the token binds the Record-Route to this dialog (Call-ID, From tag) */
    g_autofree char *token = sip_simple_agent_dialog_token (f->agent, "fork1", "a1");
    rq = g_strdup_printf ("<sip:127.0.0.1:%u;transport=udp;lr;rrtoken=%s>", f->port, token);
  }
  g_assert_cmpstr (rr, ==, rq);
  g_assert_cmpuint (header_count (i1, "Via"), ==, 2);
  via = header (i1, "Via");
  g_assert_nonnull (strstr (via, "SIP/2.0/UDP 127.0.0.1:"));

  r180 = response (i1, 180, "Ringing", "t1", NULL);
  peer_send_raw (b1, f->port, r180, strlen (r180));
  got180 = peer_recv_no100 (caller, 3000);
  g_assert_cmpint (status_of (got180), ==, 180);
  g_assert_cmpuint (header_count (got180, "Via"), ==, 1);

  r200 = response (i2, 200, "OK", "t2", "Contact: <sip:b2@127.0.0.1>\r\n");
  peer_send_raw (b2, f->port, r200, strlen (r200));
  got200 = peer_recv_no100 (caller, 3000);
  g_assert_cmpint (status_of (got200), ==, 200);
  g_assert_cmpuint (header_count (got200, "Record-Route"), ==, 1);

  /* b1 is cancelled */
  cancel = peer_recv (b1, 3000);
  g_assert_nonnull (cancel);
  g_assert_true (g_str_has_prefix (cancel, "CANCEL sip:b1@127.0.0.1:"));
  c200 = response (cancel, 200, "OK", "t1", NULL);
  peer_send_raw (b1, f->port, c200, strlen (c200));
  c487 = response (i1, 487, "Request Terminated", "t1", NULL);
  peer_send_raw (b1, f->port, c487, strlen (c487));
  ack487 = peer_recv (b1, 3000);
  g_assert_nonnull (ack487);
  g_assert_true (g_str_has_prefix (ack487, "ACK "));

  test_wait_for_flag (&pd->done, 2000);
  g_assert_cmpint (pd->result, ==, SIP_SIMPLE_PROXY_RESULT_ANSWERED);
  g_assert_cmpuint (pd->proxy_status, ==, 200);
  /* the caller never sees the 487 */
  g_assert_null (peer_recv_no100 (caller, 300));
}

/* @caller's BYE to @ruri in the dialog @call_id (To tag @to_tag) with
 * @route: the agent relays it to @callee without Route, and the callee's
 * 200, sent to the agent's @port, reaches the caller. Returns the BYE as
 * @callee got it. */
static char *
relay_bye (Fixture *f, Peer *caller, Peer *callee, guint port, const char *ruri,
           const char *call_id, const char *to_tag, const char *route)
{
  g_autofree char *bye = request (caller, "BYE", ruri, call_id, 2, call_id, to_tag, route, NULL);
  g_autofree char *r200 = NULL, *resp = NULL;
  char            *got;

  peer_send (caller, f->port, bye);
  got = peer_recv (callee, 3000);
  g_assert_nonnull (got);
  g_assert_cmpuint (header_count (got, "Route"), ==, 0);
  r200 = response (got, 200, "OK", NULL, NULL);
  peer_send_raw (callee, port, r200, strlen (r200));
  resp = peer_recv_no100 (caller, 3000);
  g_assert_cmpint (status_of (resp), ==, 200);
  return got;
}

/* A dual-stack agent (its IPv4 listener first) forwards to an IPv6 target
 * through its IPv6 listener, and the answer comes back to the IPv4 caller.
 * (sofia-sip 1.12.11 alone picks the first UDP listener for "[::1]" and the
 * send fails.) */
static void
test_proxy_dual_stack (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (Peer) caller = peer_new ();
  g_autoptr (Peer) b6 = peer_new_ipv6 ();
  g_autofree char *t6 = g_strdup_printf ("sip:b6@[::1]:%u", b6->port);
  g_autoptr (ProxyData) pd = proxy_data (SIP_SIMPLE_PROXY_FLAGS_RECORD_ROUTE, 0, t6, NULL);
  g_autofree char *msg
      = request (caller, "MESSAGE", "sip:bob@example.com", "dual1", 1, "dual1", NULL, NULL, "x");
  g_autofree char *got = NULL, *ok = NULL, *answer = NULL, *via = NULL, *rr = NULL;
  g_autofree char *rr2 = NULL, *route = NULL, *got_bye = NULL, *back = NULL, *got_back = NULL;
  g_autofree char *caller_uri = NULL;
  g_autoptr (GPtrArray) uris = NULL;
  guint port6 = 0;

  g_assert_true (sip_simple_agent_listen (f->agent, SIP_SIMPLE_TRANSPORT_UDP, "::1", 0, &error));
  g_assert_no_error (error);
  uris = sip_simple_agent_get_uris (f->agent);
  for (guint i = 0; i < uris->len; i++)
    if (g_strcmp0 (sip_simple_uri_get_host (uris->pdata[i]), "[::1]") == 0
        || g_strcmp0 (sip_simple_uri_get_host (uris->pdata[i]), "::1") == 0)
      port6 = sip_simple_uri_get_port (uris->pdata[i]);
  g_assert_cmpuint (port6, >, 0);
  g_assert_cmpuint (sip_simple_agent_get_port (f->agent, SIP_SIMPLE_TRANSPORT_UDP), ==, f->port);

  f->handler = proxy_handler;
  f->data = pd;
  peer_send (caller, f->port, msg);
  got = peer_recv (b6, 3000);
  g_assert_nonnull (got);
  g_assert_true (g_str_has_prefix (got, "MESSAGE sip:b6@[::1]:"));
  /* the request goes out as it is: no maddr, our IPv6 address in Via and
   * Record-Route */
  g_assert_null (strstr (got, "maddr"));
  via = header (got, "Via");
  g_assert_true (g_str_has_prefix (via, "SIP/2.0/UDP [::1]:"));
  /* double Record-Route (RFC 5658): the callee's side on IPv6, the
   * caller's on IPv4 */
  g_assert_cmpuint (header_count (got, "Record-Route"), ==, 2);
  rr = header_nth (got, "Record-Route", 0);
  rr2 = header_nth (got, "Record-Route", 1);
  g_assert_true (g_str_has_prefix (rr, "<sip:[::1]:"));
  g_assert_true (g_str_has_prefix (rr2, "<sip:127.0.0.1:"));

  ok = response (got, 200, "OK", "t6", NULL);
  peer_send_raw (b6, port6, ok, strlen (ok));
  answer = peer_recv_no100 (caller, 3000);
  g_assert_cmpint (status_of (answer), ==, 200);
  g_assert_cmpuint (header_count (answer, "Record-Route"), ==, 2);
  test_wait_for_flag (&pd->done, 2000);
  g_assert_cmpint (pd->result, ==, SIP_SIMPLE_PROXY_RESULT_ANSWERED);

  /* in the dialog, each side routes through the entry of its family */
  route = g_strdup_printf ("Route: %s\nRoute: %s\n", rr2, rr);
  got_bye = relay_bye (f, caller, b6, port6, t6, "dual1", "t6", route);
  g_assert_true (g_str_has_prefix (got_bye, "BYE sip:b6@[::1]:"));

  g_clear_pointer (&route, g_free);
  route = g_strdup_printf ("Route: %s\nRoute: %s\n", rr, rr2);
  caller_uri = g_strdup_printf ("sip:alice@127.0.0.1:%u", caller->port);
  back = g_strdup_printf ("INFO %s SIP/2.0\n"
                          "Via: SIP/2.0/UDP [::1]:%u;rport;branch=z9hG4bKdualback\n"
                          "Max-Forwards: 70\n"
                          "From: <sip:bob@example.com>;tag=t6\n"
                          "To: <sip:alice@example.com>;tag=a1\n"
                          "Call-ID: dual1\n"
                          "CSeq: 7 INFO\n"
                          "%s"
                          "Content-Length: 0\n\n",
                          caller_uri, b6->port, route);
  peer_send (b6, port6, back);
  got_back = peer_recv (caller, 3000);
  g_assert_nonnull (got_back);
  g_assert_true (g_str_has_prefix (got_back, "INFO sip:alice@127.0.0.1:"));
  g_assert_cmpuint (header_count (got_back, "Route"), ==, 0);
}

/* Best response: 6xx wins, then the lowest class; 503 becomes 500 */
static void
run_best (Fixture *f, int c1, int c2, int expect, SipSimpleProxyResult expect_result)
{
  g_autoptr (Peer) caller = peer_new ();
  g_autoptr (Peer) b1 = peer_new ();
  g_autoptr (Peer) b2 = peer_new ();
  g_autofree char *t1 = target (b1, "b1"), *t2 = target (b2, "b2");
  g_autoptr (ProxyData) pd = proxy_data (SIP_SIMPLE_PROXY_FLAGS_NONE, 0, t1, t2, NULL);
  g_autofree char *id = g_strdup_printf ("best%d%d", c1, c2);
  g_autofree char *inv
      = request (caller, "MESSAGE", "sip:bob@example.com", id, 1, id, NULL, NULL, "x");
  g_autofree char *i1 = NULL, *i2 = NULL, *r1 = NULL, *r2 = NULL, *got = NULL;

  f->handler = proxy_handler;
  f->data = pd;
  peer_send (caller, f->port, inv);
  i1 = peer_recv (b1, 3000);
  i2 = peer_recv (b2, 3000);
  g_assert_nonnull (i1);
  g_assert_nonnull (i2);
  r1 = response (i1, c1, "One", "t1", NULL);
  peer_send_raw (b1, f->port, r1, strlen (r1));
  r2 = response (i2, c2, "Two", "t2", NULL);
  peer_send_raw (b2, f->port, r2, strlen (r2));
  got = peer_recv_no100 (caller, 3000);
  g_assert_cmpint (status_of (got), ==, expect);
  test_wait_for_flag (&pd->done, 2000);
  g_assert_cmpint (pd->result, ==, expect_result);
}

static void
test_proxy_best (Fixture *f, gconstpointer data)
{
  run_best (f, 486, 503, 486, SIP_SIMPLE_PROXY_RESULT_BUSY);
  run_best (f, 404, 302, 302, SIP_SIMPLE_PROXY_RESULT_FAILURE);
  run_best (f, 480, 603, 603, SIP_SIMPLE_PROXY_RESULT_BUSY);
  run_best (f, 503, 503, 500, SIP_SIMPLE_PROXY_RESULT_FAILURE);
  /* (a 408 is never sent for a non-INVITE: RFC 4320) */
  run_best (f, 480, 480, 480, SIP_SIMPLE_PROXY_RESULT_NOANSWER);
}

/* The proxy_then_voicemail of the generic SIP API: no answer within the
 * timeout, the callee gets CANCEL and the caller a redirect */
static void
test_proxy_timeout_fallback (Fixture *f, gconstpointer data)
{
  g_autoptr (Peer) caller = peer_new ();
  g_autoptr (Peer) b1 = peer_new ();
  g_autofree char *t1 = target (b1, "b1");
  g_autoptr (ProxyData) pd = proxy_data (SIP_SIMPLE_PROXY_FLAGS_RECORD_ROUTE, 1, t1, NULL);
  g_autofree char *inv
      = request (caller, "INVITE", "sip:bob@example.com", "vm1", 1, "vm1", NULL, NULL, NULL);
  g_autofree char *i1 = NULL, *r180 = NULL, *got180 = NULL, *got = NULL, *cancel = NULL,
                  *contact = NULL;

  pd->fallback = "sip:bob@voicemail.example.com";
  f->handler = proxy_handler;
  f->data = pd;
  peer_send (caller, f->port, inv);
  i1 = peer_recv (b1, 3000);
  g_assert_nonnull (i1);
  r180 = response (i1, 180, "Ringing", "t1", NULL);
  peer_send_raw (b1, f->port, r180, strlen (r180));
  got180 = peer_recv_no100 (caller, 3000);
  g_assert_cmpint (status_of (got180), ==, 180);

  got = peer_recv_no100 (caller, 3000);
  g_assert_cmpint (status_of (got), ==, 302);
  contact = header (got, "Contact");
  g_assert_cmpstr (contact, ==, "<sip:bob@voicemail.example.com>");
  g_assert_true (pd->done);
  g_assert_cmpint (pd->result, ==, SIP_SIMPLE_PROXY_RESULT_NOANSWER);
  g_assert_cmpuint (pd->proxy_status, ==, 408);

  cancel = peer_recv (b1, 3000);
  g_assert_nonnull (cancel);
  g_assert_true (g_str_has_prefix (cancel, "CANCEL "));
}

/* CANCEL from the caller: 200 for the CANCEL, 487 for the INVITE, CANCEL
 * for the branch */
static void
test_proxy_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr (Peer) caller = peer_new ();
  g_autoptr (Peer) b1 = peer_new ();
  g_autofree char *t1 = target (b1, "b1");
  g_autoptr (ProxyData) pd = proxy_data (SIP_SIMPLE_PROXY_FLAGS_NONE, 0, t1, NULL);
  g_autofree char *inv
      = request (caller, "INVITE", "sip:bob@example.com", "cx1", 1, "cx1", NULL, NULL, NULL);
  g_autofree char *can
      = request (caller, "CANCEL", "sip:bob@example.com", "cx1", 1, "cx1", NULL, NULL, NULL);
  g_autofree char *i1 = NULL, *r180 = NULL, *got = NULL, *a = NULL, *b = NULL, *cancel = NULL;

  f->handler = proxy_handler;
  f->data = pd;
  peer_send (caller, f->port, inv);
  i1 = peer_recv (b1, 3000);
  g_assert_nonnull (i1);
  r180 = response (i1, 180, "Ringing", "t1", NULL);
  peer_send_raw (b1, f->port, r180, strlen (r180));
  got = peer_recv_no100 (caller, 3000);
  g_assert_cmpint (status_of (got), ==, 180);

  peer_send (caller, f->port, can);
  a = peer_recv_no100 (caller, 3000);
  b = peer_recv_no100 (caller, 3000);
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  /* in either order */
  g_assert_true ((status_of (a) == 200 && status_of (b) == 487)
                 || (status_of (a) == 487 && status_of (b) == 200));
  cancel = peer_recv (b1, 3000);
  g_assert_nonnull (cancel);
  g_assert_true (g_str_has_prefix (cancel, "CANCEL "));
  g_assert_true (pd->done || (test_wait_for_flag (&pd->done, 1000), pd->done));
  g_assert_cmpint (pd->result, ==, SIP_SIMPLE_PROXY_RESULT_CANCELLED);
  g_assert_cmpuint (f->incoming, ==, 1); /* the CANCEL went to the transaction */
}

/* Sequential forking: the second target only rings after the first
 * failed */
static void
test_proxy_sequential (Fixture *f, gconstpointer data)
{
  g_autoptr (Peer) caller = peer_new ();
  g_autoptr (Peer) b1 = peer_new ();
  g_autoptr (Peer) b2 = peer_new ();
  g_autofree char *t1 = target (b1, "b1"), *t2 = target (b2, "b2");
  g_autoptr (ProxyData) pd = proxy_data (SIP_SIMPLE_PROXY_FLAGS_SEQUENTIAL, 5, t1, t2, NULL);
  g_autofree char *inv
      = request (caller, "INVITE", "sip:bob@example.com", "seq1", 1, "seq1", NULL, NULL, NULL);
  g_autofree char *i1 = NULL, *i2 = NULL, *r1 = NULL, *r2 = NULL, *got = NULL, *ack = NULL;

  f->handler = proxy_handler;
  f->data = pd;
  peer_send (caller, f->port, inv);
  i1 = peer_recv (b1, 3000);
  g_assert_nonnull (i1);
  g_assert_null (peer_recv (b2, 300));
  r1 = response (i1, 480, "Not Now", "t1", NULL);
  peer_send_raw (b1, f->port, r1, strlen (r1));
  ack = peer_recv (b1, 3000);
  g_assert_true (g_str_has_prefix (ack, "ACK "));
  i2 = peer_recv (b2, 3000);
  g_assert_nonnull (i2);
  r2 = response (i2, 200, "OK", "t2", "Contact: <sip:b2@127.0.0.1>\r\n");
  peer_send_raw (b2, f->port, r2, strlen (r2));
  got = peer_recv_no100 (caller, 3000);
  g_assert_cmpint (status_of (got), ==, 200);
  test_wait_for_flag (&pd->done, 2000);
  g_assert_cmpint (pd->result, ==, SIP_SIMPLE_PROXY_RESULT_ANSWERED);
}

/* Max-Forwards 0: 483, not forwarded */
static void
test_proxy_max_forwards (Fixture *f, gconstpointer data)
{
  g_autoptr (Peer) caller = peer_new ();
  g_autoptr (Peer) b1 = peer_new ();
  g_autofree char *t1 = target (b1, "b1");
  g_autoptr (ProxyData) pd = proxy_data (SIP_SIMPLE_PROXY_FLAGS_NONE, 0, t1, NULL);
  g_autofree char *req
      = request (caller, "MESSAGE", "sip:bob@example.com", "mf0", 1, "mf0", NULL, NULL, "x");
  g_autofree char *zero = NULL, *got = NULL;
  char            *mf;

  mf = strstr (req, "Max-Forwards: 70");
  zero = g_strdup (req);
  memcpy (zero + (mf - req), "Max-Forwards:  0", 16);
  f->handler = proxy_handler;
  f->data = pd;
  got = transact (f, caller, zero);
  g_assert_cmpint (status_of (got), ==, 483);
  g_assert_null (peer_recv (b1, 200));
  g_assert_true (pd->done);
  g_assert_cmpint (pd->result, ==, SIP_SIMPLE_PROXY_RESULT_FAILURE);
}

/* In-dialog requests with our Record-Route are relayed without the
 * handler, in both directions of the dialog */
static void
test_in_dialog_routing (Fixture *f, gconstpointer data)
{
  g_autoptr (Peer) caller = peer_new ();
  g_autoptr (Peer) b1 = peer_new ();
  g_autofree char *token = sip_simple_agent_dialog_token (f->agent, "dlg1", "a1");
  g_autofree char *route = NULL, *got = NULL, *ruri = NULL, *back = NULL, *from_b1 = NULL;

  route
      = g_strdup_printf ("Route: <sip:127.0.0.1:%u;transport=udp;lr;rrtoken=%s>\n", f->port, token);
  ruri = target (b1, "b1");
  got = relay_bye (f, caller, b1, f->port, ruri, "dlg1", "t1", route);
  g_assert_true (g_str_has_prefix (got, "BYE sip:b1@127.0.0.1:"));
  g_assert_cmpuint (f->incoming, ==, 0);
  g_assert_cmpuint (f->finished->len, ==, 1);

  /* the callee's request: the dialog's first From tag is in its To */
  back = g_strdup_printf ("INFO %s SIP/2.0\n"
                          "Via: SIP/2.0/UDP 127.0.0.1:%u;rport;branch=z9hG4bKback1\n"
                          "Max-Forwards: 70\n"
                          "From: <sip:bob@example.com>;tag=t1\n"
                          "To: <sip:alice@example.com>;tag=a1\n"
                          "Call-ID: dlg1\n"
                          "CSeq: 7 INFO\n"
                          "%s"
                          "Content-Length: 0\n\n",
                          ruri, b1->port, route);
  peer_send (caller, f->port, back);
  from_b1 = peer_recv (b1, 3000);
  g_assert_nonnull (from_b1);
  g_assert_true (g_str_has_prefix (from_b1, "INFO sip:b1@127.0.0.1:"));
  g_assert_cmpuint (f->incoming, ==, 0);
}

/* A To tag and a Route naming the agent are no credentials: without our
 * Record-Route of that very dialog such a request is a new request for
 * the handler (here: none, 501), never relayed on its own (issue 17,
 * finding 1: the open relay) */
static void
test_in_dialog_not_ours (Fixture *f, gconstpointer data)
{
  g_autoptr (Peer) stranger = peer_new ();
  g_autoptr (Peer) victim = peer_new ();
  g_autofree char *ruri = target (victim, "victim");
  g_autofree char *other = sip_simple_agent_dialog_token (f->agent, "another-call", "a1");
  const char      *routes[3] = { NULL, NULL, NULL };
  g_autofree char *plain
      = g_strdup_printf ("Route: <sip:127.0.0.1:%u;transport=udp;lr>\n", f->port);
  g_autofree char *forged
      = g_strdup_printf ("Route: <sip:127.0.0.1:%u;transport=udp;lr;rrtoken=%s>\n", f->port, other);
  g_autofree char *foreign = g_strdup_printf ("Route: <sip:127.0.0.1:%u;lr>\n", victim->port);

  routes[0] = plain;
  routes[1] = forged;
  routes[2] = foreign;
  for (guint i = 0; i <= G_N_ELEMENTS (routes); i++)
    {
      const char      *route = i < G_N_ELEMENTS (routes) ? routes[i] : NULL;
      g_autofree char *id = g_strdup_printf ("relay%u", i);
      g_autofree char *msg
          = request (stranger, "MESSAGE", ruri, id, 1, id, "made-up", route, "spam");
      g_autofree char *got = transact (f, stranger, msg);

      g_assert_cmpint (status_of (got), ==, 501);
      g_assert_cmpuint (f->incoming, ==, i + 1);
    }
  g_assert_null (peer_recv (victim, 300));
}

/* Issue 17, finding 8: what RFC 3261 does not allow is answered before any
 * handler sees it (request lines sofia reads past or cannot read, headers
 * in the Request-URI, an unsupported Proxy-Require) */
static void
test_request_checks (Fixture *f, gconstpointer data)
{
  g_autoptr (Peer) p = peer_new ();
  g_autoptr (Peer) b1 = peer_new ();
  g_autofree char *t1 = target (b1, "b1");
  g_autoptr (ProxyData) pd = proxy_data (SIP_SIMPLE_PROXY_FLAGS_NONE, 0, t1, NULL);
  struct
  {
    const char *from, *to; /* a change to the request line; NULL: none */
    const char *extra;
    int         code;
    const char *reason;
  } cases[] = {
    { "MESSAGE sip:", "MESSAGE  sip:", NULL, 400, "Bad Request-Line" },
    { "SIP/2.0\n", "SIP/2.0 \n", NULL, 400, "Bad Request-Line" },
    { "sip:bob@example.com SIP", "sip:bob@example.com; lr SIP", NULL, 400, "Bad Request-Line" },
    { "sip:bob@example.com SIP", "sip:2001:db8::10 SIP", NULL, 400, NULL },
    { "sip:bob@example.com SIP", "sip:bob@example.com?Route=%3Csip:x%3E SIP", NULL, 400,
      "Bad Request-URI" },
    { NULL, NULL, "Proxy-Require: foo, bar\n", 420, "Bad Extension" },
  };

  f->handler = proxy_handler;
  f->data = pd;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = g_strdup_printf ("chk%u", i);
      g_autofree char *req
          = request (p, "MESSAGE", "sip:bob@example.com", id, 1, id, NULL, cases[i].extra, "x");
      g_autofree char *got = NULL, *reason = NULL;
      char            *at;

      if (cases[i].from != NULL)
        {
          GString *edited = g_string_new (NULL);
          at = strstr (req, cases[i].from);
          g_assert_nonnull (at);
          g_string_append_len (edited, req, at - req);
          g_string_append (edited, cases[i].to);
          g_string_append (edited, at + strlen (cases[i].from));
          g_free (req);
          req = g_string_free (edited, FALSE);
        }
      g_test_message ("case %u", i);
      got = transact (f, p, req);
      g_assert_nonnull (got);
      g_assert_cmpint (status_of (got), ==, cases[i].code);
      reason = reason_of (got);
      if (cases[i].reason != NULL)
        g_assert_cmpstr (reason, ==, cases[i].reason);
      if (cases[i].code == 420)
        {
          g_autofree char *unsupported = header (got, "Unsupported");
          g_assert_cmpstr (unsupported, ==, "foo, bar");
        }
    }
  g_assert_cmpuint (f->incoming, ==, 0);
  g_assert_null (peer_recv (b1, 200));
}

/* The agent's message class reads request lines sofia turns down, and
 * marks the ones RFC 3261 does not allow */
static void
test_request_lines (void)
{
  const struct
  {
    const char *line;
    gboolean    parsed, bad;
    const char *method;
  } cases[] = {
    { "INVITE sip:bob@example.com SIP/2.0", TRUE, FALSE, "INVITE" },
    { "INVITE sip:bob@example.com sip/2.0", TRUE, FALSE, "INVITE" },
    { "FOO`BAR sip:bob@example.com SIP/2.0", TRUE, FALSE, "FOO`BAR" },
    { "INVITE  sip:bob@example.com SIP/2.0", TRUE, TRUE, "INVITE" },
    { "INVITE sip:bob@example.com SIP/2.0 ", TRUE, TRUE, "INVITE" },
    { "INVITE sip:bob@example.com; lr SIP/2.0", TRUE, TRUE, "INVITE" },
    { "REGISTER sip:2001:db8::10 SIP/2.0", TRUE, TRUE, "REGISTER" },
    { "INVITE", FALSE, FALSE, NULL },
    { "INVITE sip:bob@example.com", FALSE, FALSE, NULL },
    { "<INVITE> sip:bob@example.com SIP/2.0", FALSE, FALSE, NULL },
  };
  msg_mclass_t const *mclass = sip_simple_agent_message_class ();

  g_assert_true (mclass == sip_simple_agent_message_class ());
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text
          = g_strdup_printf ("%s\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKx\r\n"
                             "CSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n",
                             cases[i].line);
      msg_t *msg = msg_make (mclass, 0, text, strlen (text));
      sip_t *sip = msg ? sip_object (msg) : NULL;

      g_test_message ("%s", cases[i].line);
      if (!cases[i].parsed)
        g_assert_true (sip == NULL || sip->sip_request == NULL);
      else
        {
          g_assert_nonnull (sip);
          g_assert_nonnull (sip->sip_request);
          g_assert_cmpstr (sip->sip_request->rq_method_name, ==, cases[i].method);
          g_assert_cmpint (sip_simple_request_line_is_bad (sip->sip_request), ==, cases[i].bad);
          g_assert_true (sip_simple_hclass_is_request (sip->sip_request->rq_common->h_class));
        }
      if (msg != NULL)
        msg_destroy (msg);
    }
  g_assert_true (sip_simple_hclass_is_request (sip_request_class));
  g_assert_false (sip_simple_hclass_is_request (sip_cseq_class));
  g_assert_false (sip_simple_request_line_is_bad (NULL));
}

/* What the proxy makes up when a target cannot be reached by forwarding */
static void
test_proxy_unroutable (Fixture *f, gconstpointer data)
{
  g_autoptr (Peer) p = peer_new ();
  g_autofree char *self_target = g_strdup_printf ("sip:nobody@127.0.0.1:%u", f->port);
  const char      *targets[] = { self_target, "sip:nobody@example.com", "tel:+15551234567" };
  int              codes[] = { 482, 482, 416 };

  f->handler = proxy_handler;
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autoptr (ProxyData) pd = proxy_data (SIP_SIMPLE_PROXY_FLAGS_NONE, 0, targets[i], NULL);
      g_autofree char *id = g_strdup_printf ("unr%u", i);
      g_autofree char *req
          = request (p, "MESSAGE", "sip:bob@example.com", id, 1, id, NULL, NULL, "x");
      g_autofree char *got = NULL;

      f->data = pd;
      got = transact (f, p, req);
      g_assert_cmpint (status_of (got), ==, codes[i]);
      test_wait_for_flag (&pd->done, 2000);
      g_assert_cmpuint (pd->proxy_status, ==, codes[i]);
    }
}

/* A header that may appear once, three times (the extra copies sit on
 * sofia's error list, which it cannot serialize in a forwarded copy): a
 * request gets 400 naming the header, in or out of a dialog; such a
 * response from a target is not passed on, the caller gets 502. */
static void
test_proxy_repeated_header (Fixture *f, gconstpointer data)
{
  g_autoptr (Peer) caller = peer_new ();
  g_autoptr (Peer) b1 = peer_new ();
  g_autofree char *t1 = target (b1, "b1");
  g_autoptr (ProxyData) pd = proxy_data (SIP_SIMPLE_PROXY_FLAGS_NONE, 0, t1, NULL);
  g_autofree char *route = NULL, *bye = NULL, *msg = NULL, *got = NULL, *reason = NULL;
  g_autofree char *fwd = NULL, *bad = NULL;
  const char      *three = "Timestamp: 1\nTimestamp: 2\nTimestamp: 3\n";

  f->handler = proxy_handler;
  f->data = pd;

  route = g_strdup_printf ("Route: <sip:127.0.0.1:%u;transport=udp;lr>\n%s", f->port, three);
  bye = request (caller, "BYE", t1, "rep1", 2, "rep1", "t1", route, NULL);
  got = transact (f, caller, bye);
  g_assert_cmpint (status_of (got), ==, 400);
  reason = reason_of (got);
  g_assert_cmpstr (reason, ==, "Repeated Timestamp Header");
  g_clear_pointer (&got, g_free);

  msg = request (caller, "MESSAGE", "sip:bob@example.com", "rep2", 1, "rep2", NULL, three, "x");
  got = transact (f, caller, msg);
  g_assert_cmpint (status_of (got), ==, 400);
  g_assert_cmpuint (f->incoming, ==, 0);
  g_assert_null (peer_recv (b1, 200));
  g_clear_pointer (&got, g_free);
  g_clear_pointer (&msg, g_free);

  /* a target's answer with the header three times */
  msg = request (caller, "MESSAGE", "sip:bob@example.com", "rep3", 1, "rep3", NULL, NULL, "x");
  peer_send (caller, f->port, msg);
  fwd = peer_recv (b1, 3000);
  g_assert_nonnull (fwd);
  bad = response (fwd, 200, "OK", "t1", "Timestamp: 1\r\nTimestamp: 2\r\nTimestamp: 3\r\n");
  peer_send_raw (b1, f->port, bad, strlen (bad));
  got = peer_recv_no100 (caller, 3000);
  g_assert_cmpint (status_of (got), ==, 502);
  test_wait_for_flag (&pd->done, 2000);
}

/* ---- bad input -------------------------------------------------------------------- */

static void
accept_all (SipSimpleEvent *event, gpointer data)
{
  sip_simple_event_accept (event, NULL, NULL, NULL, NULL);
}

static void
assert_alive (Fixture *f, Peer *p, const char *id)
{
  g_autofree char *q = request (p, "OPTIONS", "sip:127.0.0.1", id, 1, id, NULL, NULL, NULL);
  g_autofree char *r = transact (f, p, q);
  g_assert_cmpint (status_of (r), ==, 200);
}

static void
test_bad_input (Fixture *f, gconstpointer data)
{
  g_autoptr (Peer) p = peer_new ();
  g_autofree char *r = NULL, *reason = NULL, *big = NULL, *q = NULL;
  guint            before;

  f->handler = accept_all;

  /* bad CSeq: 400 that names the header */
  q = g_strdup_printf (
      "OPTIONS sip:127.0.0.1 SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:%u;branch=z9hG4bKbad1\n"
      "From: <sip:a@example.com>;tag=1\nTo: <sip:b@example.com>\nCall-ID: bad1\n"
      "CSeq: one OPTIONS\nContent-Length: 0\n\n",
      p->port);
  r = transact (f, p, q);
  g_assert_cmpint (status_of (r), ==, 400);
  reason = reason_of (r);
  g_assert_cmpstr (reason, ==, "Bad CSeq Header");
  g_clear_pointer (&r, g_free);
  g_clear_pointer (&q, g_free);

  /* missing Call-ID */
  q = g_strdup_printf (
      "OPTIONS sip:127.0.0.1 SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:%u;branch=z9hG4bKbad2\n"
      "From: <sip:a@example.com>;tag=1\nTo: <sip:b@example.com>\n"
      "CSeq: 1 OPTIONS\nContent-Length: 0\n\n",
      p->port);
  r = transact (f, p, q);
  g_assert_cmpint (status_of (r), ==, 400);
  g_clear_pointer (&r, g_free);
  g_clear_pointer (&q, g_free);

  /* a bad Contact in a REGISTER */
  q = request (p, "REGISTER", "sip:example.com", "bad3", 1, "bad3", NULL,
               "Contact: <sip:bob@>;;;\n", NULL);
  r = transact (f, p, q);
  g_assert_cmpint (status_of (r), ==, 400);
  g_clear_pointer (&r, g_free);
  g_clear_pointer (&q, g_free);

  /* Content-Length beyond the datagram */
  q = request (p, "MESSAGE", "sip:bob@example.com", "bad4", 1, "bad4", NULL, NULL, "hello");
  {
    char *cl = strstr (q, "Content-Length: 5");
    memcpy (cl, "Content-Length: 9", 17);
  }
  before = f->incoming;
  peer_send (p, f->port, q);
  r = peer_recv_no100 (p, 500);
  if (r != NULL)
    g_assert_cmpint (status_of (r), ==, 400);
  g_assert_cmpuint (f->incoming, ==, before);
  g_clear_pointer (&r, g_free);
  g_clear_pointer (&q, g_free);

  /* garbage, a lone CRLF, binary noise: dropped */
  peer_send_raw (p, f->port, "\r\n\r\n", 4);
  peer_send_raw (p, f->port, "hello world\r\n\r\n", 15);
  {
    guint8 noise[512];
    for (guint i = 0; i < sizeof noise; i++)
      noise[i] = (guint8)g_random_int ();
    peer_send_raw (p, f->port, (const char *)noise, sizeof noise);
  }
  /* a malformed STUN Binding request on the SIP port: sofia's STUN
   * server leaked on each one (LeakSanitizer in the ASan run) */
  {
    guint8 stun[120] = { 0x00, 0x01, 0x00, 0x60, 0x30, 0x00 };
    memset (stun + 6, 0xbe, sizeof stun - 9);
    memcpy (stun + sizeof stun - 3, "(\xbas", 3);
    char *answer;
    for (guint i = 0; i < 3; i++)
      peer_send_raw (p, f->port, (const char *)stun, sizeof stun);
    /* a STUN error answer each, or nothing */
    while ((answer = peer_recv (p, 300)) != NULL)
      g_free (answer);
  }
  /* a huge header in one datagram */
  big = g_malloc (60001);
  memset (big, 'x', 60000);
  big[60000] = '\0';
  q = g_strdup_printf (
      "OPTIONS sip:127.0.0.1 SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:%u;branch=z9hG4bKbad5\n"
      "From: <sip:a@example.com>;tag=1\nTo: <sip:b@example.com>\nCall-ID: bad5\n"
      "CSeq: 1 OPTIONS\nX-Huge: %s\nContent-Length: 0\n\n",
      p->port, big);
  peer_send (p, f->port, q);
  r = peer_recv_no100 (p, 1000);
  /* accepted as a (large) request or refused; never a crash */
  if (r != NULL)
    g_assert_true (status_of (r) == 200 || status_of (r) >= 400);
  g_clear_pointer (&r, g_free);

  assert_alive (f, p, "alive1");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agent/listen", test_listen);
  AGENT_TEST ("default-501", test_default_501);
  AGENT_TEST ("saturated-loop", test_saturated_loop);
  AGENT_TEST ("actions", test_actions);
  AGENT_TEST ("accessors", test_accessors);
  AGENT_TEST ("transaction-layer", test_transaction_layer);
  AGENT_TEST ("pause", test_pause);
  AGENT_TEST ("digest", test_digest);
  AGENT_TEST ("registrar", test_registrar);
  AGENT_TEST ("registrar-backend-failure", test_registrar_backend_failure);
  AGENT_TEST ("proxy/fork", test_proxy_fork);
  AGENT_TEST ("proxy/best-response", test_proxy_best);
  AGENT_TEST ("proxy/timeout-fallback", test_proxy_timeout_fallback);
  AGENT_TEST ("proxy/cancel", test_proxy_cancel);
  AGENT_TEST ("proxy/sequential", test_proxy_sequential);
  AGENT_TEST ("proxy/max-forwards", test_proxy_max_forwards);
  AGENT_TEST ("proxy/in-dialog", test_in_dialog_routing);
  AGENT_TEST ("proxy/in-dialog-not-ours", test_in_dialog_not_ours);
  AGENT_TEST ("proxy/unroutable", test_proxy_unroutable);
  AGENT_TEST ("proxy/dual-stack", test_proxy_dual_stack);
  AGENT_TEST ("request-checks", test_request_checks);
  g_test_add_func ("/agent/request-lines", test_request_lines);
  AGENT_TEST ("proxy/repeated-header", test_proxy_repeated_header);
  AGENT_TEST ("bad-input", test_bad_input);
  return g_test_run ();
}
