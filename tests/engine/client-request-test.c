/* SipSimpleClientRequest, the base of Registration, Subscription,
 * Publication, Invitation and Message, against a raw UDP peer: the
 * credentials and outbound-proxy properties on every subclass, the proxy as
 * the first hop and the Contact's transport, digest answered once per
 * request and given up after a second challenge, an invitation's status
 * set before its state is notified, a message cancelled in flight, and what
 * the engine stopping does to a call and to a message in flight.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-utils.h"
#include "sip-peer.h"

#include <string.h>

/* Stops without waiting for the peers: the stack goes away at once. */
static void
stop_engine_now (SipSimpleEngine *engine)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GCancellable) cancel = g_cancellable_new ();

  sip_simple_engine_stop_async (engine, cancel, test_store_result, &result);
  g_cancellable_cancel (cancel);
  g_assert_nonnull (test_wait_for_result (&result, 10000));
}

static guint
engine_port (SipSimpleEngine *engine)
{
  return sip_simple_engine_get_local_port (engine, SIP_SIMPLE_TRANSPORT_UDP);
}

static SipSimpleUri *
peer_uri (Peer *p)
{
  g_autofree char *text = g_strdup_printf ("sip:127.0.0.1:%u", p->port);
  return sip_simple_uri_parse (text, NULL);
}

static SipSimpleNameAddr *
name_addr (const char *text)
{
  SipSimpleNameAddr *na = sip_simple_name_addr_parse (text, NULL);
  g_assert_nonnull (na);
  return na;
}

/* Answers a request the peer received (same Via, From, To, Call-ID, CSeq),
 * with @extra headers (each ending in \n) and a To tag when @tag is set. */
static void
peer_answer (Peer *p, guint port, const char *req, int code, const char *reason, const char *tag,
             const char *extra)
{
  g_autofree char *via = header (req, "Via");
  g_autofree char *from = header (req, "From");
  g_autofree char *to = header (req, "To");
  g_autofree char *cid = header (req, "Call-ID");
  g_autofree char *cseq = header (req, "CSeq");
  g_autofree char *text = g_strdup_printf ("SIP/2.0 %d %s\nVia: %s\nFrom: %s\nTo: %s%s%s\n"
                                           "Call-ID: %s\nCSeq: %s\n%sContent-Length: 0\n\n",
                                           code, reason, via, from, to, tag ? ";tag=" : "",
                                           tag ? tag : "", cid, cseq, extra ? extra : "");
  peer_send (p, port, text);
}

/* The next request the peer gets with @method (answering nothing else). */
static char *
peer_expect (Peer *p, const char *method, guint timeout_ms)
{
  g_autofree char *prefix = g_strdup_printf ("%s ", method);

  for (;;)
    {
      char *m = peer_recv (p, timeout_ms);
      if (m == NULL || g_str_has_prefix (m, prefix))
        return m;
      g_free (m);
    }
}

/* ---- properties ---------------------------------------------------------- */

typedef struct
{
  guint username;
  guint password;
  guint proxy;
} Notified;

static void
on_notify (GObject *object, GParamSpec *pspec, Notified *n)
{
  if (g_str_equal (pspec->name, "username"))
    n->username++;
  else if (g_str_equal (pspec->name, "password"))
    n->password++;
  else if (g_str_equal (pspec->name, "outbound-proxy"))
    n->proxy++;
}

static void
test_properties_on_every_request (void)
{
  g_autoptr (SipSimpleEngine) engine = sip_simple_engine_new ();
  g_autoptr (SipSimpleUri) aor = sip_simple_uri_parse ("sip:alice@example.com", NULL);
  g_autoptr (SipSimpleNameAddr) alice = name_addr ("Alice <sip:alice@example.com>");
  g_autoptr (SipSimpleNameAddr) bob = name_addr ("<sip:bob@example.com>");
  g_autoptr (SipSimpleUri) proxy = sip_simple_uri_parse ("sip:127.0.0.1:5060;transport=tcp", NULL);
  g_autoptr (SipSimpleUri) same_proxy = sip_simple_uri_copy (proxy);
  GObject *requests[] = {
    G_OBJECT (sip_simple_registration_new (engine, aor)),
    G_OBJECT (sip_simple_subscription_new (engine, alice, sip_simple_name_addr_get_uri (bob),
                                           "presence")),
    G_OBJECT (sip_simple_publication_new (engine, alice, "presence")),
    G_OBJECT (sip_simple_invitation_new (engine, alice, bob)),
    G_OBJECT (sip_simple_message_new_text (engine, alice, bob, "hello")),
  };

  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      SipSimpleClientRequest *request;
      Notified                n = { 0 };
      SipSimpleEngine        *got_engine = NULL;
      g_autofree char        *password = NULL;
      g_autoptr (SipSimpleUri) got_proxy = NULL;

      g_test_message ("%s", G_OBJECT_TYPE_NAME (requests[i]));
      g_assert_true (SIP_SIMPLE_IS_CLIENT_REQUEST (requests[i]));
      request = SIP_SIMPLE_CLIENT_REQUEST (requests[i]);
      g_signal_connect (request, "notify", G_CALLBACK (on_notify), &n);

      g_assert_true (sip_simple_client_request_get_engine (request) == engine);
      g_object_get (request, "engine", &got_engine, NULL);
      g_assert_true (got_engine == engine);
      g_object_unref (got_engine);
      g_assert_null (sip_simple_client_request_get_username (request));
      g_assert_null (sip_simple_client_request_get_outbound_proxy (request));

      /* credentials: one notification each, none when nothing changes */
      sip_simple_client_request_set_credentials (request, "alice", "secret");
      sip_simple_client_request_set_credentials (request, "alice", "secret");
      g_assert_cmpuint (n.username, ==, 1);
      g_assert_cmpuint (n.password, ==, 1);
      g_assert_cmpstr (sip_simple_client_request_get_username (request), ==, "alice");
      g_object_get (request, "password", &password, NULL);
      g_assert_cmpstr (password, ==, "secret");
      g_object_set (request, "username", "alice2", NULL);
      g_assert_cmpuint (n.username, ==, 2);
      g_assert_cmpstr (sip_simple_client_request_get_username (request), ==, "alice2");

      /* the outbound proxy is copied; an equal one changes nothing */
      g_object_set (request, "outbound-proxy", proxy, NULL);
      sip_simple_client_request_set_outbound_proxy (request, same_proxy);
      g_assert_cmpuint (n.proxy, ==, 1);
      g_assert_true (
          sip_simple_uri_equal (sip_simple_client_request_get_outbound_proxy (request), proxy));
      g_object_get (request, "outbound-proxy", &got_proxy, NULL);
      g_assert_true (sip_simple_uri_equal (got_proxy, proxy));
      sip_simple_client_request_set_outbound_proxy (request, NULL);
      g_assert_cmpuint (n.proxy, ==, 2);
      g_assert_null (sip_simple_client_request_get_outbound_proxy (request));

      g_object_unref (requests[i]);
    }
}

/* ---- the first hop ---------------------------------------------------------- */

typedef struct
{
  guint registered;
  guint unregistered;
  guint failed;
  guint code;
  char *reason;
} RegEvents;

static void
on_registered (SipSimpleRegistration *reg, const char *contact, guint expires, RegEvents *e)
{
  e->registered++;
}

static void
on_unregistered (SipSimpleRegistration *reg, RegEvents *e)
{
  e->unregistered++;
}

static void
on_reg_failed (SipSimpleRegistration *reg, guint code, const char *reason, RegEvents *e)
{
  e->failed++;
  e->code = code;
  g_free (e->reason);
  e->reason = g_strdup (reason);
}

static SipSimpleRegistration *
registration_via (SipSimpleEngine *engine, Peer *p, const char *password, RegEvents *e)
{
  g_autoptr (SipSimpleUri) aor = sip_simple_uri_parse ("sip:alice@example.invalid", NULL);
  g_autoptr (SipSimpleUri) proxy = peer_uri (p);
  SipSimpleRegistration *reg = sip_simple_registration_new (engine, aor);

  sip_simple_client_request_set_outbound_proxy (SIP_SIMPLE_CLIENT_REQUEST (reg), proxy);
  sip_simple_client_request_set_credentials (SIP_SIMPLE_CLIENT_REQUEST (reg), "alice", password);
  sip_simple_registration_set_contact_user (reg, "alice");
  g_signal_connect (reg, "registered", G_CALLBACK (on_registered), e);
  g_signal_connect (reg, "unregistered", G_CALLBACK (on_unregistered), e);
  g_signal_connect (reg, "failed", G_CALLBACK (on_reg_failed), e);
  return reg;
}

static void
test_outbound_proxy_first_hop (void)
{
  g_autoptr (SipSimpleEngine) engine = test_start_udp_engine ();
  g_autoptr (Peer) p = peer_new ();
  RegEvents e = { 0 };
  g_autoptr (SipSimpleRegistration) reg = registration_via (engine, p, "secret", &e);
  g_autoptr (GError) error = NULL;
  g_autofree char *req = NULL;
  g_autofree char *contact = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *extra = NULL;

  g_assert_true (sip_simple_registration_start (reg, &error));
  g_assert_no_error (error);

  /* the domain does not resolve: the REGISTER reached us as the first hop */
  req = peer_expect (p, "REGISTER", 3000);
  g_assert_nonnull (req);
  g_assert_true (g_str_has_prefix (req, "REGISTER sip:example.invalid SIP/2.0\r\n"));
  g_assert_null (header (req, "Authorization"));
  /* the Contact is on the transport the request left on */
  contact = header (req, "Contact");
  expected = g_strdup_printf ("<sip:alice@127.0.0.1:%u;transport=udp>", engine_port (engine));
  g_assert_true (g_str_has_prefix (contact, expected));

  extra = g_strdup_printf ("Contact: %s;expires=60\nExpires: 60\n", expected);
  peer_answer (p, engine_port (engine), req, 200, "OK", NULL, extra);
  g_assert_true (test_wait_for_flag ((gboolean *)&e.registered, 3000));
  g_assert_cmpint (sip_simple_registration_get_state (reg), ==,
                   SIP_SIMPLE_REGISTRATION_STATE_REGISTERED);

  sip_simple_registration_stop (reg);
  g_free (req);
  req = peer_expect (p, "REGISTER", 3000);
  g_assert_nonnull (req);
  peer_answer (p, engine_port (engine), req, 200, "OK", NULL, NULL);
  g_assert_true (test_wait_for_flag ((gboolean *)&e.unregistered, 3000));
  g_free (e.reason);
  stop_engine_now (engine);
}

/* ---- digest rounds ------------------------------------------------------------ */

#define CHALLENGE(hdr, nonce, algorithm)                                                           \
  hdr ": Digest realm=\"example.invalid\", nonce=\"" nonce "\", algorithm=" algorithm              \
      ", qop=\"auth\"\n"

static void
test_auth_gives_up_after_second_challenge (void)
{
  g_autoptr (SipSimpleEngine) engine = test_start_udp_engine ();
  g_autoptr (Peer) p = peer_new ();
  RegEvents e = { 0 };
  g_autoptr (SipSimpleRegistration) reg = registration_via (engine, p, "wrong", &e);
  g_autoptr (GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *auth = NULL;

  g_assert_true (sip_simple_registration_start (reg, &error));
  first = peer_expect (p, "REGISTER", 3000);
  g_assert_nonnull (first);
  g_assert_null (header (first, "Authorization"));
  peer_answer (p, engine_port (engine), first, 401, "Unauthorized", NULL,
               CHALLENGE ("WWW-Authenticate", "n1", "SHA-256"));

  /* answered once, with our user name, the algorithm asked for */
  second = peer_expect (p, "REGISTER", 3000);
  g_assert_nonnull (second);
  auth = header (second, "Authorization");
  g_assert_nonnull (auth);
  g_assert_nonnull (strstr (auth, "username=\"alice\""));
  g_assert_nonnull (strstr (auth, "nonce=\"n1\""));
  g_assert_nonnull (strstr (auth, "algorithm=SHA-256"));

  /* challenged again: the credentials are wrong; no third attempt */
  peer_answer (p, engine_port (engine), second, 401, "Unauthorized", NULL,
               CHALLENGE ("WWW-Authenticate", "n2", "SHA-256"));
  g_assert_true (test_wait_for_flag ((gboolean *)&e.failed, 3000));
  g_assert_cmpuint (e.code, ==, 401);
  g_assert_cmpstr (e.reason, ==, "Authentication failed: wrong username or password");
  g_assert_cmpint (sip_simple_registration_get_state (reg), ==,
                   SIP_SIMPLE_REGISTRATION_STATE_FAILED);
  third = peer_expect (p, "REGISTER", 500);
  g_assert_null (third);

  /* a new request is a new round: the challenge is answered again */
  g_free (first);
  g_free (second);
  g_free (auth);
  sip_simple_registration_stop (reg);
  g_assert_true (sip_simple_registration_start (reg, &error));
  g_assert_no_error (error);
  first = peer_expect (p, "REGISTER", 3000);
  g_assert_nonnull (first);
  peer_answer (p, engine_port (engine), first, 401, "Unauthorized", NULL,
               CHALLENGE ("WWW-Authenticate", "n3", "MD5"));
  second = peer_expect (p, "REGISTER", 3000);
  g_assert_nonnull (second);
  auth = header (second, "Authorization");
  g_assert_nonnull (auth);
  g_assert_nonnull (strstr (auth, "nonce=\"n3\""));
  g_assert_nonnull (strstr (auth, "algorithm=MD5"));

  g_free (e.reason);
  stop_engine_now (engine);
}

static void
test_auth_without_password (void)
{
  g_autoptr (SipSimpleEngine) engine = test_start_udp_engine ();
  g_autoptr (Peer) p = peer_new ();
  RegEvents e = { 0 };
  g_autoptr (SipSimpleRegistration) reg = registration_via (engine, p, NULL, &e);
  g_autoptr (GError) error = NULL;
  g_autofree char *req = NULL;
  g_autofree char *again = NULL;

  g_assert_true (sip_simple_registration_start (reg, &error));
  req = peer_expect (p, "REGISTER", 3000);
  g_assert_nonnull (req);
  peer_answer (p, engine_port (engine), req, 401, "Unauthorized", NULL,
               CHALLENGE ("WWW-Authenticate", "n1", "MD5"));
  g_assert_true (test_wait_for_flag ((gboolean *)&e.failed, 3000));
  g_assert_cmpuint (e.code, ==, 401);
  g_assert_cmpstr (e.reason, ==, "Authentication required but no password is set");
  again = peer_expect (p, "REGISTER", 500);
  g_assert_null (again);
  g_free (e.reason);
  stop_engine_now (engine);
}

/* A "hi" MESSAGE from alice to bob with @p as outbound proxy */
static SipSimpleMessage *
message_via (SipSimpleEngine *engine, Peer *p)
{
  g_autoptr (SipSimpleNameAddr) alice = name_addr ("<sip:alice@example.invalid>");
  g_autoptr (SipSimpleNameAddr) bob = name_addr ("<sip:bob@example.invalid>");
  g_autoptr (SipSimpleUri) proxy = peer_uri (p);
  SipSimpleMessage *msg = sip_simple_message_new_text (engine, alice, bob, "hi");

  sip_simple_client_request_set_outbound_proxy (SIP_SIMPLE_CLIENT_REQUEST (msg), proxy);
  return msg;
}

/* Sends @msg (cancelled through @cancellable) and waits until @silent, its
 * proxy, has it; @silent answers nothing. */
static void
send_unanswered (SipSimpleMessage *msg, Peer *silent, GCancellable *cancellable,
                 GAsyncResult **result)
{
  g_autofree char *message = NULL;

  sip_simple_message_send_async (msg, cancellable, test_store_result, result);
  message = peer_expect (silent, "MESSAGE", 3000);
  g_assert_nonnull (message);
}

static void
test_message_proxy_challenge (void)
{
  g_autoptr (SipSimpleEngine) engine = test_start_udp_engine ();
  g_autoptr (Peer) p = peer_new ();
  g_autoptr (SipSimpleMessage) msg = message_via (engine, p);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *auth = NULL;

  sip_simple_client_request_set_credentials (SIP_SIMPLE_CLIENT_REQUEST (msg), "alice", "wrong");
  sip_simple_message_send_async (msg, NULL, test_store_result, &result);

  first = peer_expect (p, "MESSAGE", 3000);
  g_assert_nonnull (first);
  g_assert_true (g_str_has_prefix (first, "MESSAGE sip:bob@example.invalid SIP/2.0\r\n"));
  peer_answer (p, engine_port (engine), first, 407, "Proxy Authentication Required", NULL,
               CHALLENGE ("Proxy-Authenticate", "p1", "MD5"));
  second = peer_expect (p, "MESSAGE", 3000);
  g_assert_nonnull (second);
  auth = header (second, "Proxy-Authorization");
  g_assert_nonnull (auth);
  g_assert_nonnull (strstr (auth, "username=\"alice\""));
  peer_answer (p, engine_port (engine), second, 407, "Proxy Authentication Required", NULL,
               CHALLENGE ("Proxy-Authenticate", "p2", "MD5"));

  g_assert_nonnull (test_wait_for_result (&result, 3000));
  g_assert_false (sip_simple_message_send_finish (msg, result, &error));
  g_assert_error (error, SIP_SIMPLE_SIP_ERROR, 407);
  g_assert_nonnull (strstr (error->message, "wrong username or password"));
  g_assert_cmpuint (sip_simple_message_get_status_code (msg), ==, 407);
  third = peer_expect (p, "MESSAGE", 500);
  g_assert_null (third);
  stop_engine_now (engine);
}

/* Cancelling a send from the thread that runs the engine's context (as an
 * asyncio task or a JS promise does) ends it with G_IO_ERROR_CANCELLED; the
 * cancelled handler must not finish the task from inside itself, where
 * disconnecting the handler deadlocks. */
static void
test_message_cancel (void)
{
  g_autoptr (SipSimpleEngine) engine = test_start_udp_engine ();
  g_autoptr (Peer) silent = peer_new ();
  g_autoptr (SipSimpleMessage) msg = message_via (engine, silent);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  send_unanswered (msg, silent, cancellable, &result);
  g_assert_null (result);

  g_cancellable_cancel (cancellable);
  g_assert_null (result); /* reported from the loop, not from inside cancel() */
  g_assert_nonnull (test_wait_for_result (&result, 3000));
  g_assert_false (sip_simple_message_send_finish (msg, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  stop_engine_now (engine);
}

/* ---- invitations and the engine stopping ---------------------------------------- */

typedef struct
{
  GArray  *states; /* SipSimpleInvitationState, as notified */
  guint    code;   /* read when DISCONNECTED was notified */
  char    *reason;
  gboolean disconnected;
} InvEvents;

static void
on_state (SipSimpleInvitation *inv, GParamSpec *pspec, InvEvents *e)
{
  SipSimpleInvitationState state = sip_simple_invitation_get_state (inv);

  g_array_append_val (e->states, state);
  if (state == SIP_SIMPLE_INVITATION_STATE_DISCONNECTED)
    {
      e->code = sip_simple_invitation_get_status_code (inv);
      g_object_get (inv, "reason", &e->reason, NULL);
      e->disconnected = TRUE;
    }
}

static SipSimpleInvitation *
invite_via (SipSimpleEngine *engine, Peer *p, InvEvents *e, char **invite)
{
  g_autoptr (SipSimpleNameAddr) alice = name_addr ("<sip:alice@example.invalid>");
  g_autoptr (SipSimpleNameAddr) bob = name_addr ("<sip:bob@example.invalid>");
  g_autoptr (SipSimpleUri) proxy = peer_uri (p);
  g_autoptr (GError) error = NULL;
  SipSimpleInvitation *inv = sip_simple_invitation_new (engine, alice, bob);

  e->states = g_array_new (FALSE, FALSE, sizeof (SipSimpleInvitationState));
  sip_simple_client_request_set_outbound_proxy (SIP_SIMPLE_CLIENT_REQUEST (inv), proxy);
  g_signal_connect (inv, "notify::state", G_CALLBACK (on_state), e);
  g_assert_true (sip_simple_invitation_send_invite (inv, NULL, NULL, &error));
  g_assert_no_error (error);
  *invite = peer_expect (p, "INVITE", 3000);
  g_assert_nonnull (*invite);
  peer_answer (p, engine_port (engine), *invite, 180, "Ringing", "callee", NULL);
  for (guint i = 0;
       i < 150 && sip_simple_invitation_get_state (inv) != SIP_SIMPLE_INVITATION_STATE_EARLY; i++)
    spin (20);
  g_assert_cmpint (sip_simple_invitation_get_state (inv), ==, SIP_SIMPLE_INVITATION_STATE_EARLY);
  g_assert_cmpuint (sip_simple_invitation_get_status_code (inv), ==, 180);
  g_assert_cmpstr (sip_simple_invitation_get_reason (inv), ==, "Ringing");
  return inv;
}

static void
test_invitation_status_before_state (void)
{
  g_autoptr (SipSimpleEngine) engine = test_start_udp_engine ();
  g_autoptr (Peer) p = peer_new ();
  InvEvents        e = { 0 };
  g_autofree char *invite = NULL;
  g_autoptr (SipSimpleInvitation) inv = invite_via (engine, p, &e, &invite);
  g_autofree char *ack = NULL;

  peer_answer (p, engine_port (engine), invite, 486, "Busy Here", "callee", NULL);
  g_assert_true (test_wait_for_flag (&e.disconnected, 3000));
  g_assert_cmpuint (e.code, ==, 486);
  g_assert_cmpstr (e.reason, ==, "Busy Here");
  g_assert_cmpint (g_array_index (e.states, SipSimpleInvitationState, 0), ==,
                   SIP_SIMPLE_INVITATION_STATE_CALLING);
  g_assert_cmpint (g_array_index (e.states, SipSimpleInvitationState, e.states->len - 1), ==,
                   SIP_SIMPLE_INVITATION_STATE_DISCONNECTED);
  ack = peer_expect (p, "ACK", 3000);
  g_assert_nonnull (ack);

  g_array_unref (e.states);
  g_free (e.reason);
  stop_engine_now (engine);
}

static void
test_engine_stop_ends_call_and_message (void)
{
  g_autoptr (SipSimpleEngine) engine = test_start_udp_engine ();
  g_autoptr (Peer) p = peer_new ();
  g_autoptr (Peer) silent = peer_new ();
  InvEvents        e = { 0 };
  g_autofree char *invite = NULL;
  g_autoptr (SipSimpleInvitation) inv = invite_via (engine, p, &e, &invite);
  g_autoptr (SipSimpleMessage) msg = message_via (engine, silent);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  send_unanswered (msg, silent, NULL, &result);

  /* the stack goes away under both: the call is over, the message failed */
  stop_engine_now (engine);
  g_assert_true (test_wait_for_flag (&e.disconnected, 3000));
  g_assert_cmpuint (e.code, ==, 500);
  g_assert_cmpstr (e.reason, ==, "Engine stopped");
  g_assert_nonnull (test_wait_for_result (&result, 3000));
  g_assert_false (sip_simple_message_send_finish (msg, result, &error));
  g_assert_error (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_NOT_RUNNING);

  g_array_unref (e.states);
  g_free (e.reason);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/client-request/properties", test_properties_on_every_request);
  g_test_add_func ("/client-request/outbound-proxy-first-hop", test_outbound_proxy_first_hop);
  g_test_add_func ("/client-request/auth-gives-up", test_auth_gives_up_after_second_challenge);
  g_test_add_func ("/client-request/auth-without-password", test_auth_without_password);
  g_test_add_func ("/client-request/message-proxy-challenge", test_message_proxy_challenge);
  g_test_add_func ("/client-request/message-cancel", test_message_cancel);
  g_test_add_func ("/client-request/invitation-status-before-state",
                   test_invitation_status_before_state);
  g_test_add_func ("/client-request/engine-stop", test_engine_stop_ends_call_and_message);
  return g_test_run ();
}
