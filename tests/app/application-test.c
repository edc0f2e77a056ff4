/* Two Applications in one process, each started on its own thread-default
 * main context in its own thread, each with its own account: both register
 * with the project's sipd (a child process on 127.0.0.1), send each other a
 * MESSAGE and set up an audio call. Every signal that the SDK's objects
 * emit is checked to arrive on the thread that owns the object's context.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-utils.h"
#include "app/account-private.h"

#include <errno.h>
#include <signal.h>
#include <string.h>

#define STEP_TIMEOUT_MS 15000

typedef struct _Party Party;

struct _Party
{
  const char           *user;
  const char           *peer;
  gboolean              caller;
  guint                 proxy_port;
  GThread              *thread;
  GMainContext         *context;
  SipSimpleApplication *app;
  SipSimpleAccount     *account;
  SipSimpleSession     *session;

  /* what happened (set on the party's own thread) */
  gint  started;
  gint  registered;
  gint  message_delivered;
  gint  message_received;
  char *message_text;
  gint  call_started;
  gint  call_ended;
  gint  stopped;
  char *failure;
  guint checked; /* emissions checked (under the lock) */
};

/* Shared between the threads: the object -> party table, the violations
 * found by the emission hooks, and the phase barrier. */
static GMutex      lock;
static GHashTable *owners;     /* GObject* -> Party* */
static GPtrArray  *violations; /* char* */
static GPrivate    current_party;
static gint        n_registered;
static gint        n_messaged;

static void violation (const char *format, ...) G_GNUC_PRINTF (1, 2);

static void
violation (const char *format, ...)
{
  va_list ap;
  char   *text;

  va_start (ap, format);
  text = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_mutex_lock (&lock);
  g_ptr_array_add (violations, text);
  g_mutex_unlock (&lock);
}

/* The party whose application @object belongs to, or NULL if unknown. */
static Party *
owner_of (GObject *object)
{
  Party *p;

  g_mutex_lock (&lock);
  p = g_hash_table_lookup (owners, object);
  g_mutex_unlock (&lock);
  return p;
}

/* Checks one emission: on a party's thread, with that party's context as
 * the thread-default one, and (for an object whose owner is known) the
 * owner's thread. */
static void
check_emission (GObject *object, const char *what)
{
  Party *here = g_private_get (&current_party);
  Party *owner = owner_of (object);

  if (here == NULL)
    {
      violation ("%s of %s %p emitted outside the applications' threads", what,
                 G_OBJECT_TYPE_NAME (object), (void *)object);
      return;
    }
  if (g_main_context_get_thread_default () != here->context)
    violation ("%s of %s emitted on %s's thread without its context as thread-default", what,
               G_OBJECT_TYPE_NAME (object), here->user);
  if (owner != NULL && owner != here)
    violation ("%s of %s owned by %s emitted on %s's thread", what, G_OBJECT_TYPE_NAME (object),
               owner->user, here->user);
  g_mutex_lock (&lock);
  here->checked++;
  g_mutex_unlock (&lock);
}

static gboolean
emission_hook (GSignalInvocationHint *hint, guint n_params, const GValue *params, gpointer data)
{
  GObject         *object = g_value_get_object (&params[0]);
  g_autofree char *what = g_strdup_printf ("signal %s", g_signal_name (hint->signal_id));

  check_emission (object, what);
  return TRUE;
}

static void
on_notify (GObject *object, GParamSpec *pspec, gpointer data)
{
  g_autofree char *what = g_strdup_printf ("notify::%s", pspec->name);

  check_emission (object, what);
}

/* Hooks every signal of the SDK's app-layer types and of media streams
 * (notify has no emission hooks: own() connects to it per object). */
static void
add_hooks (void)
{
  GType    types[] = { SIP_SIMPLE_TYPE_APPLICATION, SIP_SIMPLE_TYPE_ACCOUNT_MANAGER,
                       SIP_SIMPLE_TYPE_ACCOUNT,     SIP_SIMPLE_TYPE_SESSION_MANAGER,
                       SIP_SIMPLE_TYPE_SESSION,     SIP_SIMPLE_TYPE_AUDIO_STREAM,
                       SIP_SIMPLE_TYPE_MEDIA_STREAM };
  gpointer iface = g_type_default_interface_ref (SIP_SIMPLE_TYPE_MEDIA_STREAM);

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      guint             n = 0;
      g_autofree guint *ids = NULL;
      g_autoptr (GTypeClass) klass
          = G_TYPE_IS_CLASSED (types[t]) ? g_type_class_ref (types[t]) : NULL;

      ids = g_signal_list_ids (types[t], &n);
      for (guint i = 0; i < n; i++)
        g_signal_add_emission_hook (ids[i], 0, emission_hook, NULL, NULL);
    }
  g_type_default_interface_unref (iface);
}

/* Records @object as @p's and watches its notifications. */
static void
own (Party *p, gpointer object)
{
  g_mutex_lock (&lock);
  g_hash_table_insert (owners, object, p);
  g_mutex_unlock (&lock);
  g_signal_connect (object, "notify", G_CALLBACK (on_notify), NULL);
}

static void
disown (gpointer object)
{
  g_signal_handlers_disconnect_by_func (object, on_notify, NULL);
  g_mutex_lock (&lock);
  g_hash_table_remove (owners, object);
  g_mutex_unlock (&lock);
}

static gboolean
tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs @p's context until *@counter (read atomically: the barrier
 * counters are shared) reaches @target; FALSE on timeout. */
static gboolean
spin_until (Party *p, gint *counter, gint target, guint timeout_ms)
{
  gint64   end = g_get_monotonic_time () + (gint64)timeout_ms * 1000;
  GSource *ticker = g_timeout_source_new (20); /* to look at shared counters */

  g_source_set_callback (ticker, tick, NULL, NULL);
  g_source_attach (ticker, p->context);
  while (g_atomic_int_get (counter) < target && g_get_monotonic_time () < end)
    g_main_context_iteration (p->context, TRUE);
  g_source_destroy (ticker);
  g_source_unref (ticker);
  return g_atomic_int_get (counter) >= target;
}

#define FAIL(p, ...)                                                                               \
  G_STMT_START                                                                                     \
  {                                                                                                \
    (p)->failure = g_strdup_printf (__VA_ARGS__);                                                  \
    goto out;                                                                                      \
  }                                                                                                \
  G_STMT_END

/* ---- the party's callbacks (all on its thread) ---------------------------- */

static void
app_done (GObject *source, GAsyncResult *result, gpointer data)
{
  Party *p = data;
  g_autoptr (GError) error = NULL;

  if (p->started == 0)
    {
      if (sip_simple_application_start_finish (SIP_SIMPLE_APPLICATION (source), result, &error))
        p->started = 1;
      else
        p->failure = g_strdup_printf ("start: %s", error->message);
    }
  else
    {
      sip_simple_application_stop_finish (SIP_SIMPLE_APPLICATION (source), result, NULL);
      p->stopped = 1;
    }
}

static void
on_registered (SipSimpleAccount *account, const char *contact, guint expires, Party *p)
{
  p->registered = 1;
}

static void
on_message (SipSimpleAccount *account, SipSimpleMessage *message, Party *p)
{
  g_free (p->message_text);
  p->message_text = sip_simple_message_get_text (message);
  p->message_received = 1;
}

static void
message_sent (GObject *source, GAsyncResult *result, gpointer data)
{
  Party *p = data;
  g_autoptr (GError) error = NULL;

  if (sip_simple_account_send_text_finish (SIP_SIMPLE_ACCOUNT (source), result, &error))
    p->message_delivered = 1;
  else
    p->failure = g_strdup_printf ("MESSAGE: %s", error->message);
}

static void
on_started (SipSimpleSession *session, Party *p)
{
  p->call_started = 1;
}

static void
on_ended (SipSimpleSession *session, SipSimpleOriginator originator, const char *reason, Party *p)
{
  p->call_ended = 1;
}

static void
on_failed (SipSimpleSession *session, SipSimpleOriginator originator, guint code,
           const char *reason, const char *failure, Party *p)
{
  p->failure = g_strdup_printf ("call failed: %u %s (%s)", code, reason, failure);
  p->call_ended = 1;
}

static void
watch_session (Party *p, SipSimpleSession *session)
{
  g_set_object (&p->session, session);
  own (p, session);
  g_signal_connect (session, "started", G_CALLBACK (on_started), p);
  g_signal_connect (session, "ended", G_CALLBACK (on_ended), p);
  g_signal_connect (session, "failed", G_CALLBACK (on_failed), p);
}

static void
on_new_incoming (SipSimpleSessionManager *manager, SipSimpleSession *session, Party *p)
{
  g_autoptr (GPtrArray) proposed = sip_simple_session_get_proposed_streams (session);

  watch_session (p, session);
  for (guint i = 0; i < proposed->len; i++)
    {
      GObject *stream = g_ptr_array_index (proposed, i);
      own (p, stream);
      g_object_set (stream, "input", "tone:660", "output", "none", NULL);
    }
  sip_simple_session_accept (session, (SipSimpleMediaStream **)proposed->pdata, proposed->len,
                             NULL);
}

/* ---- one party: an application on its own thread -------------------------- */

static gpointer
party_main (gpointer data)
{
  Party *p = data;
  g_autoptr (SipSimpleStorage) storage = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SipSimpleAudioStream) audio = NULL;
  g_autofree char         *aor = g_strdup_printf ("%s@example.com", p->user);
  g_autofree char         *peer = g_strdup_printf ("%s@example.com", p->peer);
  g_autofree char         *proxy = g_strdup_printf ("sip:127.0.0.1:%u", p->proxy_port);
  g_autofree char         *text = g_strdup_printf ("hello from %s", p->user);
  const char              *transports[] = { "udp", "tcp", NULL };
  SipSimpleSettings       *settings;
  SipSimpleSessionManager *sessions;

  g_private_set (&current_party, p);
  g_main_context_push_thread_default (p->context);

  p->app = sip_simple_application_new ();
  own (p, p->app);
  own (p, sip_simple_application_get_account_manager (p->app));
  settings = sip_simple_application_get_settings (p->app);
  own (p, settings);
  g_object_set (settings, "ip-address", "127.0.0.1", "transports", transports, NULL);
  storage = SIP_SIMPLE_STORAGE (sip_simple_memory_storage_new ());
  sip_simple_application_start_async (p->app, storage, NULL, app_done, p);
  if (!spin_until (p, &p->started, 1, STEP_TIMEOUT_MS))
    FAIL (p, "the application did not start: %s", p->failure ? p->failure : "timeout");
  sessions = sip_simple_application_get_session_manager (p->app);
  own (p, sessions);
  /* the storage may have replaced the account manager */
  own (p, sip_simple_application_get_account_manager (p->app));
  g_signal_connect (sessions, "new-incoming", G_CALLBACK (on_new_incoming), p);

  p->account = sip_simple_account_new (aor, &error);
  g_assert_no_error (error);
  own (p, p->account);
  g_object_set (p->account, "outbound-proxy", proxy, NULL);
  g_signal_connect (p->account, "registered", G_CALLBACK (on_registered), p);
  g_signal_connect (p->account, "message-received", G_CALLBACK (on_message), p);
  if (!sip_simple_account_manager_add (sip_simple_application_get_account_manager (p->app),
                                       p->account, &error))
    FAIL (p, "add: %s", error->message);
  g_assert_true (sip_simple_account_get_application (p->account) == p->app);
  if (!spin_until (p, &p->registered, 1, STEP_TIMEOUT_MS))
    FAIL (p, "%s did not register", aor);

  /* both registered: each sends the other a MESSAGE */
  g_atomic_int_inc (&n_registered);
  if (!spin_until (p, &n_registered, 2, STEP_TIMEOUT_MS))
    FAIL (p, "the peer did not register");
  sip_simple_account_send_text_async (p->account, peer, text, NULL, message_sent, p);
  if (!spin_until (p, &p->message_delivered, 1, STEP_TIMEOUT_MS)
      || !spin_until (p, &p->message_received, 1, STEP_TIMEOUT_MS))
    FAIL (p, "MESSAGE exchange: %s", p->failure ? p->failure : "timeout");
  g_atomic_int_inc (&n_messaged);
  if (!spin_until (p, &n_messaged, 2, STEP_TIMEOUT_MS))
    FAIL (p, "the peer's MESSAGE exchange did not finish");

  /* the caller calls; the callee answers in on_new_incoming */
  if (p->caller)
    {
      g_autoptr (SipSimpleSession) session = sip_simple_session_new (p->account);
      SipSimpleMediaStream *streams[1];

      audio = sip_simple_audio_stream_new ();
      own (p, audio);
      sip_simple_audio_stream_set_input (audio, "tone:440");
      sip_simple_audio_stream_set_output (audio, "none");
      streams[0] = SIP_SIMPLE_MEDIA_STREAM (audio);
      watch_session (p, session);
      if (!sip_simple_session_connect_to (session, peer, streams, 1, &error))
        FAIL (p, "connect: %s", error->message);
    }
  if (!spin_until (p, &p->call_started, 1, STEP_TIMEOUT_MS))
    FAIL (p, "the call did not start: %s", p->failure ? p->failure : "timeout");
  if (p->caller)
    sip_simple_session_end (p->session);
  if (!spin_until (p, &p->call_ended, 1, STEP_TIMEOUT_MS) || p->failure != NULL)
    FAIL (p, "the call did not end: %s", p->failure ? p->failure : "timeout");

out:
  if (p->app != NULL)
    {
      sip_simple_application_stop_async (p->app, NULL, app_done, p);
      if (!spin_until (p, &p->stopped, 1, STEP_TIMEOUT_MS) && p->failure == NULL)
        p->failure = g_strdup ("the application did not stop");
    }
  if (p->session != NULL)
    disown (p->session);
  g_clear_object (&p->session);
  if (audio != NULL)
    disown (audio);
  g_clear_object (&audio);
  if (p->account != NULL)
    disown (p->account);
  g_clear_object (&p->account);
  g_clear_object (&p->app);
  /* the last events of the stack (timers, the engine's idle destroy) */
  for (guint i = 0; i < 50 && g_main_context_iteration (p->context, FALSE); i++)
    ;
  g_main_context_pop_thread_default (p->context);
  g_private_set (&current_party, NULL);
  return NULL;
}

/* ---- sipd ------------------------------------------------------------------ */

/* A port free on 127.0.0.1 for both UDP and TCP. */
static guint
free_port (void)
{
  for (guint attempt = 0; attempt < 20; attempt++)
    {
      g_autoptr (GSocket) udp = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
                                              G_SOCKET_PROTOCOL_UDP, NULL);
      g_autoptr (GSocket) tcp
          = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
      g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
      g_autoptr (GSocketAddress) any = g_inet_socket_address_new (lo, 0);
      g_autoptr (GSocketAddress) bound = NULL;
      g_autoptr (GSocketAddress) same = NULL;
      guint port;

      if (!g_socket_bind (udp, any, FALSE, NULL))
        continue;
      bound = g_socket_get_local_address (udp, NULL);
      port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
      same = g_inet_socket_address_new (lo, port);
      if (g_socket_bind (tcp, same, TRUE, NULL))
        return port;
    }
  g_error ("no free port on 127.0.0.1");
  return 0;
}

/* Whether something listens on UDP 127.0.0.1:@port. */
static gboolean
udp_port_taken (guint port)
{
  g_autoptr (GSocket) udp
      = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
  g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) addr = g_inet_socket_address_new (lo, port);

  return !g_socket_bind (udp, addr, FALSE, NULL);
}

static GSubprocess *
start_sipd (guint port)
{
  const char      *build = g_getenv ("SIPSIMPLE_BUILD_DIR");
  g_autofree char *exe = g_build_filename (build ? build : ".", "tools", "sipd", NULL);
  g_autofree char *udp = g_strdup_printf ("udp:127.0.0.1:%u", port);
  g_autofree char *tcp = g_strdup_printf ("tcp:127.0.0.1:%u", port);
  g_autoptr (GError) error = NULL;
  GSubprocess *sipd;

  sipd = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, exe, "--listen", udp,
                           "--listen", tcp, "--domain", "example.com", "--quiet", NULL);
  g_assert_no_error (error);
  for (guint i = 0; i < 200 && !udp_port_taken (port); i++)
    g_usleep (50 * 1000);
  g_assert_true (udp_port_taken (port));
  return sipd;
}

/* ---- the test --------------------------------------------------------------- */

static void
test_two_applications_on_two_threads (void)
{
  guint port = free_port ();
  g_autoptr (GSubprocess) sipd = start_sipd (port);
  Party parties[2] = {
    { .user = "alice", .peer = "bob", .caller = TRUE, .proxy_port = port },
    { .user = "bob", .peer = "alice", .caller = FALSE, .proxy_port = port },
  };

  owners = g_hash_table_new (NULL, NULL);
  violations = g_ptr_array_new_with_free_func (g_free);
  add_hooks ();

  for (guint i = 0; i < 2; i++)
    {
      parties[i].context = g_main_context_new ();
      parties[i].thread = g_thread_new (parties[i].user, party_main, &parties[i]);
    }
  for (guint i = 0; i < 2; i++)
    g_thread_join (parties[i].thread);

  g_subprocess_send_signal (sipd, SIGTERM);
  g_subprocess_wait (sipd, NULL, NULL);

  for (guint i = 0; i < violations->len; i++)
    g_printerr ("# %s\n", (char *)g_ptr_array_index (violations, i));
  for (guint i = 0; i < 2; i++)
    {
      Party           *p = &parties[i];
      g_autofree char *expected = g_strdup_printf ("hello from %s", p->peer);

      g_assert_cmpstr (p->failure, ==, NULL);
      g_assert_true (p->registered && p->message_delivered && p->call_started && p->call_ended
                     && p->stopped);
      g_assert_cmpstr (p->message_text, ==, expected);
      /* the hooks saw this party's life: registration, messages, the call */
      g_test_message ("%s: %u emissions checked", p->user, p->checked);
      g_assert_cmpuint (p->checked, >=, 20);
      g_free (p->message_text);
      g_main_context_unref (p->context);
    }
  g_assert_cmpuint (violations->len, ==, 0);
  g_ptr_array_unref (violations);
  g_hash_table_unref (owners);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  g_test_add_func ("/application/two-applications-two-threads",
                   test_two_applications_on_two_threads);
  return g_test_run ();
}
