/* Unit tests of SipSimpleMsrpSession over loopback: both roles, small and
 * 10 MiB messages, interleaving, reports, connection loss, refused peers,
 * malformed peers, timeouts and TLS with fingerprints.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gio/gio.h>

#include "test-utils.h"

#include <glib/gstdio.h>
#include <string.h>

#define TIMEOUT_MS 20000

typedef struct
{
  char   *id;
  char   *content_type;
  GBytes *body;
} Received;

typedef struct
{
  GPtrArray     *received;  /* Received* */
  GPtrArray     *delivered; /* char* */
  GPtrArray     *failed;    /* "id code reason" */
  GPtrArray     *aborted;   /* char* id */
  gboolean       closed;
  GError        *closed_error;
  guint          progress_count;
  guint64        last_progress;
  GOutputStream *target; /* when set, incoming messages larger than target_min go there */
  gint64         target_min;
  guint64        chunk_bytes;
  GHashTable    *offsets; /* message id -> next offset */
  gboolean       offsets_in_order;
  gboolean       close_on_chunk;
  SipSimpleMsrpSession *session;
  /* interleaving */
  char          *send_small_on_progress;
  char          *small_id;
  guint64        large_bytes_when_small_arrived;
} Recorder;

static void
received_free (gpointer p)
{
  Received *r = p;

  g_free (r->id);
  g_free (r->content_type);
  if (r->body)
    g_bytes_unref (r->body);
  g_free (r);
}

static void
on_message_started (SipSimpleMsrpSession *s, const char *id, const char *ctype, gint64 total, Recorder *rec)
{
  g_autoptr (GError) error = NULL;

  if (rec->target && total > rec->target_min)
    {
      g_assert_true (sip_simple_msrp_session_set_message_target (s, id, rec->target, &error));
      g_assert_no_error (error);
    }
}

static void
on_chunk (SipSimpleMsrpSession *s, const char *id, guint64 offset, GBytes *data, Recorder *rec)
{
  guint64 expected = GPOINTER_TO_SIZE (g_hash_table_lookup (rec->offsets, id));

  if (offset != expected)
    rec->offsets_in_order = FALSE;
  g_hash_table_replace (rec->offsets, g_strdup (id), GSIZE_TO_POINTER (offset + g_bytes_get_size (data)));
  rec->chunk_bytes += g_bytes_get_size (data);
  if (rec->close_on_chunk)
    {
      rec->close_on_chunk = FALSE;
      sip_simple_msrp_session_close (s);
    }
}

static void
on_received (SipSimpleMsrpSession *s, const char *id, const char *ctype, GBytes *body, Recorder *rec)
{
  Received *r = g_new0 (Received, 1);

  r->id = g_strdup (id);
  r->content_type = g_strdup (ctype);
  r->body = body ? g_bytes_ref (body) : NULL;
  g_ptr_array_add (rec->received, r);
  if (body && g_bytes_get_size (body) < 1000)
    rec->large_bytes_when_small_arrived = rec->chunk_bytes;
}

static void
on_delivered (SipSimpleMsrpSession *s, const char *id, Recorder *rec)
{
  g_ptr_array_add (rec->delivered, g_strdup (id));
}

static void
on_failed (SipSimpleMsrpSession *s, const char *id, guint code, const char *reason, Recorder *rec)
{
  g_ptr_array_add (rec->failed, g_strdup_printf ("%s %u %s", id, code, reason));
}

static void
on_aborted (SipSimpleMsrpSession *s, const char *id, const char *reason, Recorder *rec)
{
  g_ptr_array_add (rec->aborted, g_strdup (id));
}

static void
on_progress (SipSimpleMsrpSession *s, const char *id, guint64 sent, guint64 total, Recorder *rec)
{
  g_assert_cmpuint (sent, >, rec->last_progress);
  if (total > 0)
    g_assert_cmpuint (sent, <=, total);
  rec->progress_count++;
  rec->last_progress = sent;
  if (rec->send_small_on_progress && rec->progress_count == 2)
    {
      g_autoptr (GBytes) body = g_bytes_new_static (rec->send_small_on_progress, strlen (rec->send_small_on_progress));
      g_autoptr (GError) error = NULL;

      rec->small_id = sip_simple_msrp_session_send_message (s, "text/plain", body, &error);
      g_assert_no_error (error);
      rec->send_small_on_progress = NULL;
    }
}

static void
on_closed (SipSimpleMsrpSession *s, GError *error, Recorder *rec)
{
  g_assert_false (rec->closed);
  rec->closed = TRUE;
  rec->closed_error = error ? g_error_copy (error) : NULL;
}

static void
recorder_init (Recorder *rec, SipSimpleMsrpSession *s)
{
  memset (rec, 0, sizeof *rec);
  rec->session = s;
  rec->received = g_ptr_array_new_with_free_func (received_free);
  rec->delivered = g_ptr_array_new_with_free_func (g_free);
  rec->failed = g_ptr_array_new_with_free_func (g_free);
  rec->aborted = g_ptr_array_new_with_free_func (g_free);
  rec->offsets_in_order = TRUE;
  rec->target_min = 1000;
  rec->offsets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_signal_connect (s, "message-started", G_CALLBACK (on_message_started), rec);
  g_signal_connect (s, "chunk-received", G_CALLBACK (on_chunk), rec);
  g_signal_connect (s, "message-received", G_CALLBACK (on_received), rec);
  g_signal_connect (s, "message-delivered", G_CALLBACK (on_delivered), rec);
  g_signal_connect (s, "message-failed", G_CALLBACK (on_failed), rec);
  g_signal_connect (s, "message-aborted", G_CALLBACK (on_aborted), rec);
  g_signal_connect (s, "message-progress", G_CALLBACK (on_progress), rec);
  g_signal_connect (s, "closed", G_CALLBACK (on_closed), rec);
}

static void
recorder_clear (Recorder *rec)
{
  g_signal_handlers_disconnect_by_data (rec->session, rec);
  g_ptr_array_unref (rec->received);
  g_ptr_array_unref (rec->delivered);
  g_ptr_array_unref (rec->failed);
  g_ptr_array_unref (rec->aborted);
  g_clear_error (&rec->closed_error);
  g_hash_table_unref (rec->offsets);
  g_clear_object (&rec->target);
  g_free (rec->small_id);
}

static gboolean
tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
wait_until (gboolean (*pred) (gpointer), gpointer data, guint timeout_ms)
{
  gint64   deadline = g_get_monotonic_time () + timeout_ms * 1000;
  guint    id = g_timeout_add (50, tick, NULL);
  gboolean ok = TRUE;

  while (!pred (data))
    {
      if (g_get_monotonic_time () > deadline)
        {
          ok = FALSE;
          break;
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (id);
  return ok;
}

static gboolean
has_received (gpointer p)
{
  return ((Recorder *)p)->received->len > 0;
}

static gboolean
has_delivered (gpointer p)
{
  return ((Recorder *)p)->delivered->len > 0;
}

static gboolean
has_failed (gpointer p)
{
  return ((Recorder *)p)->failed->len > 0;
}

static gboolean
is_closed (gpointer p)
{
  return ((Recorder *)p)->closed;
}

static void
prepare (SipSimpleMsrpSession *s)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  sip_simple_msrp_session_prepare_async (s, NULL, test_store_result, &result);
  g_assert_nonnull (test_wait_for_result (&result, TIMEOUT_MS));
  g_assert_true (sip_simple_msrp_session_prepare_finish (s, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sip_simple_msrp_session_get_state (s), ==, SIP_SIMPLE_MSRP_SESSION_STATE_PREPARED);
}

static void
exchange_paths (SipSimpleMsrpSession *a, SipSimpleMsrpSession *b)
{
  g_autoptr (GPtrArray) pa = sip_simple_msrp_session_get_local_path (a);
  g_autoptr (GPtrArray) pb = sip_simple_msrp_session_get_local_path (b);

  sip_simple_msrp_session_set_remote_path (a, pb);
  sip_simple_msrp_session_set_remote_path (b, pa);
}

/* Starts a (active) and b (passive); both must succeed */
static void
start_pair (SipSimpleMsrpSession *a, SipSimpleMsrpSession *b)
{
  g_autoptr (GAsyncResult) ra = NULL;
  g_autoptr (GAsyncResult) rb = NULL;
  g_autoptr (GError) error = NULL;

  sip_simple_msrp_session_set_active (a, TRUE);
  sip_simple_msrp_session_start_async (b, NULL, test_store_result, &rb);
  sip_simple_msrp_session_start_async (a, NULL, test_store_result, &ra);
  g_assert_nonnull (test_wait_for_result (&ra, TIMEOUT_MS));
  g_assert_nonnull (test_wait_for_result (&rb, TIMEOUT_MS));
  g_assert_true (sip_simple_msrp_session_start_finish (a, ra, &error));
  g_assert_no_error (error);
  g_assert_true (sip_simple_msrp_session_start_finish (b, rb, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sip_simple_msrp_session_get_state (a), ==, SIP_SIMPLE_MSRP_SESSION_STATE_CONNECTED);
  g_assert_cmpint (sip_simple_msrp_session_get_state (b), ==, SIP_SIMPLE_MSRP_SESSION_STATE_CONNECTED);
}

typedef struct
{
  SipSimpleMsrpSession *a, *b;
  Recorder              ra, rb;
} Pair;

static void
pair_setup (Pair *p, const char *address)
{
  p->a = sip_simple_msrp_session_new ();
  p->b = sip_simple_msrp_session_new ();
  if (address)
    {
      g_object_set (p->a, "local-address", address, NULL);
      g_object_set (p->b, "local-address", address, NULL);
    }
  recorder_init (&p->ra, p->a);
  recorder_init (&p->rb, p->b);
  prepare (p->a);
  prepare (p->b);
  exchange_paths (p->a, p->b);
}

static void
pair_teardown (Pair *p)
{
  sip_simple_msrp_session_close (p->a);
  sip_simple_msrp_session_close (p->b);
  recorder_clear (&p->ra);
  recorder_clear (&p->rb);
  g_clear_object (&p->a);
  g_clear_object (&p->b);
  /* let the closes finish */
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

static GBytes *
random_bytes (gsize size, guint32 seed)
{
  guint8 *data = g_malloc (size);
  GRand  *rand = g_rand_new_with_seed (seed);

  for (gsize i = 0; i + 4 <= size; i += 4)
    {
      guint32 v = g_rand_int (rand);

      memcpy (data + i, &v, 4);
    }
  for (gsize i = size & ~(gsize)3; i < size; i++)
    data[i] = g_rand_int_range (rand, 0, 256);
  /* sprinkle end-line look-alikes into the content */
  for (gsize i = 1000; i + 20 < size; i += 77777)
    memcpy (data + i, "\r\n-------abc$\r\n", 15);
  g_rand_free (rand);
  return g_bytes_new_take (data, size);
}

static void
test_small (void)
{
  Pair p;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) hello = g_bytes_new_static ("hello bob", 9);
  g_autoptr (GBytes) reply = g_bytes_new_static ("hi alice", 8);
  g_autofree char *id1 = NULL;
  g_autofree char *id2 = NULL;
  Received        *r;

  pair_setup (&p, NULL);
  /* sent before the session is connected: it waits */
  id1 = sip_simple_msrp_session_send_message (p.a, "text/plain", hello, &error);
  g_assert_no_error (error);
  start_pair (p.a, p.b);
  g_assert_true (wait_until (has_received, &p.rb, TIMEOUT_MS));
  g_assert_true (wait_until (has_delivered, &p.ra, TIMEOUT_MS));
  r = g_ptr_array_index (p.rb.received, 0);
  g_assert_cmpstr (r->id, ==, id1);
  g_assert_cmpstr (r->content_type, ==, "text/plain");
  g_assert_true (g_bytes_equal (r->body, hello));
  g_assert_cmpstr (g_ptr_array_index (p.ra.delivered, 0), ==, id1);

  id2 = sip_simple_msrp_session_send_message (p.b, "message/cpim", reply, &error);
  g_assert_no_error (error);
  g_assert_true (wait_until (has_received, &p.ra, TIMEOUT_MS));
  g_assert_true (wait_until (has_delivered, &p.rb, TIMEOUT_MS));
  r = g_ptr_array_index (p.ra.received, 0);
  g_assert_cmpstr (r->id, ==, id2);
  g_assert_cmpstr (r->content_type, ==, "message/cpim");
  g_assert_true (g_bytes_equal (r->body, reply));
  g_assert_cmpuint (p.ra.failed->len + p.rb.failed->len, ==, 0);

  /* a local close: closed without error, the peer sees the connection go */
  sip_simple_msrp_session_close (p.a);
  g_assert_true (p.ra.closed);
  g_assert_null (p.ra.closed_error);
  g_assert_true (wait_until (is_closed, &p.rb, TIMEOUT_MS));
  g_assert_error (p.rb.closed_error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_CONNECTION);
  /* sending on a closed session is an error */
  g_assert_null (sip_simple_msrp_session_send_message (p.a, "text/plain", hello, &error));
  g_assert_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_CLOSED);
  pair_teardown (&p);
}

static void
test_ipv6 (void)
{
  Pair p;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) hello = g_bytes_new_static ("over v6", 7);
  g_autofree char *id = NULL;
  g_autofree char *uri = NULL;

  pair_setup (&p, "::1");
  uri = sip_simple_msrp_uri_to_string (sip_simple_msrp_session_get_local_uri (p.b));
  g_assert_true (g_str_has_prefix (uri, "msrp://[::1]:"));
  start_pair (p.a, p.b);
  id = sip_simple_msrp_session_send_message (p.b, "text/plain", hello, &error);
  g_assert_no_error (error);
  g_assert_true (wait_until (has_received, &p.ra, TIMEOUT_MS));
  g_assert_true (wait_until (has_delivered, &p.rb, TIMEOUT_MS));
  pair_teardown (&p);
}

static gboolean
large_done (gpointer data)
{
  Pair *p = data;

  return p->rb.received->len > 0 && p->ra.delivered->len > 0;
}

static void
test_large (void)
{
  Pair p;
  gsize size = 10 * 1024 * 1024 + 123;
  g_autoptr (GBytes) data = random_bytes (size, 1);
  g_autoptr (GInputStream) in = g_memory_input_stream_new_from_bytes (data);
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  g_autoptr (GBytes) got = NULL;
  Received        *r;

  pair_setup (&p, NULL);
  p.rb.target = g_memory_output_stream_new_resizable ();
  start_pair (p.a, p.b);
  id = sip_simple_msrp_session_send_stream (p.a, "application/octet-stream", in, size, 0, &error);
  g_assert_no_error (error);
  g_assert_true (wait_until (large_done, &p, TIMEOUT_MS));
  r = g_ptr_array_index (p.rb.received, 0);
  g_assert_cmpstr (r->id, ==, id);
  g_assert_null (r->body); /* it went to the target */
  g_output_stream_close (p.rb.target, NULL, NULL);
  got = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (p.rb.target));
  g_assert_true (g_bytes_equal (got, data));
  g_assert_cmpuint (p.rb.chunk_bytes, ==, size);
  g_assert_true (p.rb.offsets_in_order);
  g_assert_cmpuint (p.ra.last_progress, ==, size);
  g_assert_cmpuint (p.ra.progress_count, >=, size / (64 * 1024));
  g_assert_cmpstr (g_ptr_array_index (p.ra.delivered, 0), ==, id);
  pair_teardown (&p);
}

/* A large message sent with send_message is chunked and buffered whole */
static void
test_large_buffered (void)
{
  Pair p;
  gsize size = 1024 * 1024 + 5;
  g_autoptr (GBytes) data = random_bytes (size, 2);
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  Received        *r;

  pair_setup (&p, NULL);
  start_pair (p.a, p.b);
  id = sip_simple_msrp_session_send_message (p.b, "application/octet-stream", data, &error);
  g_assert_no_error (error);
  g_assert_true (wait_until (has_received, &p.ra, TIMEOUT_MS));
  g_assert_true (wait_until (has_delivered, &p.rb, TIMEOUT_MS));
  r = g_ptr_array_index (p.ra.received, 0);
  g_assert_cmpstr (r->id, ==, id);
  g_assert_nonnull (r->body);
  g_assert_true (g_bytes_equal (r->body, data));
  pair_teardown (&p);
}

/* A stream whose size is known only at its end */
static void
test_unknown_size (void)
{
  Pair p;
  gsize size = 300 * 1024 + 7;
  g_autoptr (GBytes) data = random_bytes (size, 7);
  g_autoptr (GInputStream) in = g_memory_input_stream_new_from_bytes (data);
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  Received        *r;

  pair_setup (&p, NULL);
  start_pair (p.a, p.b);
  id = sip_simple_msrp_session_send_stream (p.a, "application/octet-stream", in, SIP_SIMPLE_MSRP_SIZE_UNKNOWN, 0,
                                            &error);
  g_assert_no_error (error);
  g_assert_true (wait_until (large_done, &p, TIMEOUT_MS));
  r = g_ptr_array_index (p.rb.received, 0);
  g_assert_cmpstr (r->id, ==, id);
  g_assert_nonnull (r->body);
  g_assert_true (g_bytes_equal (r->body, data));
  g_assert_cmpuint (p.ra.last_progress, ==, size);
  pair_teardown (&p);
}

/* The URI can be agreed beforehand: fixed port and session-id */
static void
test_fixed_uri (void)
{
  g_autoptr (SipSimpleMsrpSession) s = sip_simple_msrp_session_new ();
  g_autofree char *uri = NULL;
  g_autofree char *expected = NULL;
  g_autoptr (GSocketListener) probe = g_socket_listener_new ();
  guint16 port = g_socket_listener_add_any_inet_port (probe, NULL, NULL);

  g_socket_listener_close (probe);
  g_object_set (s, "session-id", "fixed.id-1", "local-port", port, NULL);
  prepare (s);
  uri = sip_simple_msrp_uri_to_string (sip_simple_msrp_session_get_local_uri (s));
  expected = g_strdup_printf ("msrp://127.0.0.1:%u/fixed.id-1;tcp", port);
  g_assert_cmpstr (uri, ==, expected);
}

static gboolean
interleave_done (gpointer data)
{
  Pair *p = data;

  return p->rb.received->len == 2 && p->ra.delivered->len == 2;
}

static void
test_interleave (void)
{
  Pair p;
  gsize size = 10 * 1024 * 1024;
  g_autoptr (GBytes) data = random_bytes (size, 3);
  g_autoptr (GInputStream) in = g_memory_input_stream_new_from_bytes (data);
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  Received        *first, *second;

  pair_setup (&p, NULL);
  p.rb.target = g_memory_output_stream_new_resizable ();
  start_pair (p.a, p.b);
  p.ra.send_small_on_progress = "a chat line during a file";
  id = sip_simple_msrp_session_send_stream (p.a, "application/octet-stream", in, size, 0, &error);
  g_assert_no_error (error);
  g_assert_true (wait_until (interleave_done, &p, TIMEOUT_MS));
  first = g_ptr_array_index (p.rb.received, 0);
  second = g_ptr_array_index (p.rb.received, 1);
  /* the small message overtook the file, which was still arriving */
  g_assert_cmpstr (first->id, ==, p.ra.small_id);
  g_assert_cmpstr (second->id, ==, id);
  g_assert_cmpuint (p.rb.large_bytes_when_small_arrived, >, 0);
  g_assert_cmpuint (p.rb.large_bytes_when_small_arrived, <, size / 2);
  pair_teardown (&p);
}

static void
test_success_report (void)
{
  Pair p;
  g_autoptr (GBytes) hello = g_bytes_new_static ("report please", 13);
  g_autoptr (GBytes) data = random_bytes (300 * 1024, 4);
  g_autoptr (GError) error = NULL;
  g_autofree char *id1 = NULL;
  g_autofree char *id2 = NULL;

  pair_setup (&p, NULL);
  g_object_set (p.a, "report-mode", SIP_SIMPLE_MSRP_REPORT_SUCCESS, NULL);
  start_pair (p.a, p.b);
  id1 = sip_simple_msrp_session_send_message (p.a, "text/plain", hello, &error);
  id2 = sip_simple_msrp_session_send_message (p.a, "application/octet-stream", data, &error);
  g_assert_no_error (error);
  while (p.ra.delivered->len < 2 && p.ra.failed->len == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (p.ra.failed->len, ==, 0);
  g_assert_cmpuint (p.rb.received->len, ==, 2);

  /* fire and forget: delivered once written */
  g_object_set (p.a, "report-mode", SIP_SIMPLE_MSRP_REPORT_NONE, NULL);
  g_free (sip_simple_msrp_session_send_message (p.a, "text/plain", hello, &error));
  while (p.ra.delivered->len < 3)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (wait_until (has_received, &p.rb, TIMEOUT_MS));
  while (p.rb.received->len < 3)
    g_main_context_iteration (NULL, TRUE);
  pair_teardown (&p);
}

static void
test_connection_loss (void)
{
  Pair p;
  gsize size = 10 * 1024 * 1024;
  g_autoptr (GBytes) data = random_bytes (size, 5);
  g_autoptr (GInputStream) in = g_memory_input_stream_new_from_bytes (data);
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *prefix = NULL;

  pair_setup (&p, NULL);
  start_pair (p.a, p.b);
  p.rb.close_on_chunk = TRUE;
  id = sip_simple_msrp_session_send_stream (p.a, "application/octet-stream", in, size, 0, &error);
  g_assert_no_error (error);
  g_assert_true (wait_until (has_failed, &p.ra, TIMEOUT_MS));
  g_assert_true (wait_until (is_closed, &p.ra, TIMEOUT_MS));
  prefix = g_strdup_printf ("%s 0 ", id);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (p.ra.failed, 0), prefix));
  g_assert_cmpuint (p.ra.delivered->len, ==, 0);
  g_assert_error (p.ra.closed_error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_CONNECTION);
  /* the receiver's half-received message aborted */
  g_assert_cmpuint (p.rb.aborted->len, ==, 1);
  g_assert_cmpuint (p.rb.received->len, ==, 0);
  pair_teardown (&p);
}

static void
test_cancel (void)
{
  Pair p;
  gsize size = 4 * 1024 * 1024;
  g_autoptr (GBytes) data = random_bytes (size, 6);
  g_autoptr (GInputStream) in = g_memory_input_stream_new_from_bytes (data);
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  g_autoptr (GBytes) hello = g_bytes_new_static ("still here", 10);

  pair_setup (&p, NULL);
  start_pair (p.a, p.b);
  id = sip_simple_msrp_session_send_stream (p.a, "application/octet-stream", in, size, 0, &error);
  /* once part of it went out, the peer hears of the abort ('#') */
  while (p.ra.progress_count < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (sip_simple_msrp_session_cancel_message (p.a, id));
  g_assert_false (sip_simple_msrp_session_cancel_message (p.a, id));
  g_assert_cmpuint (p.ra.failed->len, ==, 1);
  while (p.rb.aborted->len < 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (g_ptr_array_index (p.rb.aborted, 0), ==, id);
  g_assert_cmpuint (p.rb.received->len, ==, 0);
  g_free (sip_simple_msrp_session_send_message (p.a, "text/plain", hello, &error));
  g_assert_true (wait_until (has_delivered, &p.ra, TIMEOUT_MS));
  g_assert_cmpuint (p.ra.failed->len, ==, 1);
  pair_teardown (&p);
}

/* The receiver cannot write the message (a full disk): it aborts it and
 * refuses the rest with 413, so the sender fails it */
static void
test_target_fails (void)
{
  Pair p;
  gsize size = 2 * 1024 * 1024;
  g_autoptr (GBytes) data = random_bytes (size, 8);
  g_autoptr (GInputStream) in = g_memory_input_stream_new_from_bytes (data);
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *prefix = NULL;
  static guint8 small[100 * 1024];

  pair_setup (&p, NULL);
  p.rb.target = g_memory_output_stream_new (small, sizeof small, NULL, NULL);
  start_pair (p.a, p.b);
  id = sip_simple_msrp_session_send_stream (p.a, "application/octet-stream", in, size, 0, &error);
  g_assert_true (wait_until (has_failed, &p.ra, TIMEOUT_MS));
  prefix = g_strdup_printf ("%s 413 ", id);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (p.ra.failed, 0), prefix));
  g_assert_cmpuint (p.rb.aborted->len, ==, 1);
  g_assert_cmpuint (p.rb.received->len, ==, 0);
  g_assert_cmpuint (p.ra.delivered->len, ==, 0);
  /* the session goes on */
  {
    g_autoptr (GBytes) hello = g_bytes_new_static ("still fine", 10);

    g_free (sip_simple_msrp_session_send_message (p.a, "text/plain", hello, &error));
    g_assert_true (wait_until (has_delivered, &p.ra, TIMEOUT_MS));
  }
  pair_teardown (&p);
}

/* A third party that knows b's path but is not the negotiated peer */
static void
test_wrong_peer (void)
{
  Pair p;
  g_autoptr (SipSimpleMsrpSession) c = sip_simple_msrp_session_new ();
  g_autoptr (GAsyncResult) rb = NULL;
  g_autoptr (GAsyncResult) rc = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pb = NULL;
  g_autoptr (GPtrArray) bogus = g_ptr_array_new_with_free_func ((GDestroyNotify)sip_simple_msrp_uri_unref);

  pair_setup (&p, NULL);
  prepare (c);
  pb = sip_simple_msrp_session_get_local_path (p.b);
  sip_simple_msrp_session_set_remote_path (c, pb);
  sip_simple_msrp_session_set_active (c, TRUE);
  sip_simple_msrp_session_start_async (p.b, NULL, test_store_result, &rb);
  sip_simple_msrp_session_start_async (c, NULL, test_store_result, &rc);
  g_assert_nonnull (test_wait_for_result (&rc, TIMEOUT_MS));
  g_assert_false (sip_simple_msrp_session_start_finish (c, rc, &error));
  g_assert_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "403"));
  g_clear_error (&error);
  g_assert_null (rb);
  sip_simple_msrp_session_close (c);

  /* a session-id that does not exist gets 481 */
  {
    g_autoptr (SipSimpleMsrpSession) d = sip_simple_msrp_session_new ();
    g_autoptr (GAsyncResult) rd = NULL;
    SipSimpleMsrpUri *target = g_ptr_array_index (pb, 0);

    prepare (d);
    g_ptr_array_add (bogus, sip_simple_msrp_uri_new (FALSE, sip_simple_msrp_uri_get_host (target),
                                                     sip_simple_msrp_uri_get_port (target), "nosuchsession"));
    sip_simple_msrp_session_set_remote_path (d, bogus);
    sip_simple_msrp_session_set_active (d, TRUE);
    sip_simple_msrp_session_start_async (d, NULL, test_store_result, &rd);
    g_assert_nonnull (test_wait_for_result (&rd, TIMEOUT_MS));
    g_assert_false (sip_simple_msrp_session_start_finish (d, rd, &error));
    g_assert_nonnull (strstr (error->message, "481"));
    g_clear_error (&error);
    sip_simple_msrp_session_close (d);
  }

  /* b still waits for its real peer */
  {
    g_autoptr (GAsyncResult) ra = NULL;

    sip_simple_msrp_session_set_active (p.a, TRUE);
    sip_simple_msrp_session_start_async (p.a, NULL, test_store_result, &ra);
    g_assert_nonnull (test_wait_for_result (&ra, TIMEOUT_MS));
    g_assert_true (sip_simple_msrp_session_start_finish (p.a, ra, &error));
    g_assert_no_error (error);
    g_assert_nonnull (test_wait_for_result (&rb, TIMEOUT_MS));
    g_assert_true (sip_simple_msrp_session_start_finish (p.b, rb, &error));
    g_assert_no_error (error);
  }
  pair_teardown (&p);
}

/* A raw TCP peer connected to a passive session */
static GSocketConnection *
raw_connect (SipSimpleMsrpSession *s)
{
  SipSimpleMsrpUri *uri = sip_simple_msrp_session_get_local_uri (s);
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GError) error = NULL;
  GSocketConnection *conn;

  g_socket_client_set_enable_proxy (client, FALSE);
  conn = g_socket_client_connect_to_host (client, sip_simple_msrp_uri_get_host (uri), sip_simple_msrp_uri_get_port (uri),
                                          NULL, &error);
  g_assert_no_error (error);
  return conn;
}

static void
raw_write (GSocketConnection *conn, const char *data)
{
  g_autoptr (GError) error = NULL;

  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)), data, strlen (data), NULL, NULL,
                             &error);
  g_assert_no_error (error);
}

/* Reads until @needle shows up (or EOF when @needle is NULL) */
static char *
raw_read_until (GSocketConnection *conn, const char *needle)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (conn));
  GString      *s = g_string_new (NULL);
  char          buf[4096];
  GSocket      *socket = g_socket_connection_get_socket (conn);
  guint         id = g_timeout_add (20, tick, NULL);
  gint64        deadline = g_get_monotonic_time () + TIMEOUT_MS * 1000;

  while (needle == NULL || strstr (s->str, needle) == NULL)
    {
      gssize n;

      while (!g_socket_condition_check (socket, G_IO_IN | G_IO_HUP | G_IO_ERR))
        {
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          g_main_context_iteration (NULL, TRUE);
        }
      n = g_input_stream_read (in, buf, sizeof buf, NULL, NULL);
      if (n <= 0)
        break;
      g_string_append_len (s, buf, n);
    }
  g_source_remove (id);
  return g_string_free (s, FALSE);
}

static char *
bad_range_frame (SipSimpleMsrpSession *s)
{
  g_autofree char *to = sip_simple_msrp_uri_to_string (sip_simple_msrp_session_get_local_uri (s));

  return g_strdup_printf ("MSRP tx123456 SEND\r\nTo-Path: %s\r\nFrom-Path: msrp://127.0.0.1:9/peer;tcp\r\n"
                          "Message-ID: m1\r\nByte-Range: 1-3/3\r\nContent-Type: text/plain\r\n\r\n"
                          "toolongbody\r\n-------tx123456$\r\n",
                          to);
}

static GSocketConnection *
raw_bind (SipSimpleMsrpSession *s, GAsyncResult **result)
{
  GSocketConnection *conn = raw_connect (s);
  g_autofree char   *to = sip_simple_msrp_uri_to_string (sip_simple_msrp_session_get_local_uri (s));
  g_autofree char   *bind = g_strdup_printf ("MSRP bind0001 SEND\r\nTo-Path: %s\r\nFrom-Path: msrp://127.0.0.1:9/peer;tcp\r\n"
                                             "Message-ID: b1\r\nByte-Range: 1-0/0\r\n-------bind0001$\r\n",
                                             to);
  g_autofree char   *reply = NULL;
  g_autoptr (GError) error = NULL;

  raw_write (conn, bind);
  reply = raw_read_until (conn, "-------bind0001$\r\n");
  g_assert_true (g_str_has_prefix (reply, "MSRP bind0001 200 OK\r\n"));
  g_assert_nonnull (test_wait_for_result (result, TIMEOUT_MS));
  g_assert_true (sip_simple_msrp_session_start_finish (s, *result, &error));
  g_assert_no_error (error);
  return conn;
}

static void
test_malformed_peer (void)
{
  static const char *garbage[] = {
    "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
    "\x16\x03\x01\x02\x01\x01\x02\x01\xfc\x03\x03garbage\n",
    NULL, /* the bad Byte-Range frame */
  };
  g_autoptr (SipSimpleMsrpSession) s = sip_simple_msrp_session_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) path = sip_simple_msrp_uri_parse_path ("msrp://127.0.0.1:9/peer;tcp", NULL);
  Recorder rec;

  recorder_init (&rec, s);
  prepare (s);
  sip_simple_msrp_session_set_remote_path (s, path);
  sip_simple_msrp_session_start_async (s, NULL, test_store_result, &result);

  /* before binding, bad connections are dropped and the session waits on */
  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_autoptr (GSocketConnection) conn = raw_connect (s);
      g_autofree char *frame = garbage[i] ? g_strdup (garbage[i]) : bad_range_frame (s);
      g_autofree char *reply = NULL;

      raw_write (conn, frame);
      reply = raw_read_until (conn, NULL);
      if (garbage[i])
        g_assert_cmpstr (reply, ==, "");
      else
        g_assert_true (g_str_has_prefix (reply, "MSRP tx123456 400 "));
      g_assert_false (rec.closed);
      g_assert_null (result);
      g_assert_cmpint (sip_simple_msrp_session_get_state (s), ==, SIP_SIMPLE_MSRP_SESSION_STATE_CONNECTING);
    }

  /* the real peer binds; then garbage closes the session with an error */
  {
    g_autoptr (GSocketConnection) conn = raw_bind (s, &result);
    g_autofree char *reply = NULL;

    raw_write (conn, garbage[0]);
    g_assert_true (wait_until (is_closed, &rec, TIMEOUT_MS));
    g_assert_error (rec.closed_error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_PARSE);
    reply = raw_read_until (conn, NULL);
    g_assert_cmpstr (reply, ==, "");
  }
  recorder_clear (&rec);

  /* a bound session hears a frame overrunning its Byte-Range: 400, closed */
  {
    g_autoptr (SipSimpleMsrpSession) t = sip_simple_msrp_session_new ();
    g_autoptr (GAsyncResult) r2 = NULL;
    g_autoptr (GSocketConnection) conn = NULL;
    g_autofree char *frame = NULL;
    g_autofree char *reply = NULL;

    recorder_init (&rec, t);
    prepare (t);
    sip_simple_msrp_session_set_remote_path (t, path);
    sip_simple_msrp_session_start_async (t, NULL, test_store_result, &r2);
    conn = raw_bind (t, &r2);
    frame = bad_range_frame (t);
    raw_write (conn, frame);
    reply = raw_read_until (conn, NULL);
    g_assert_true (g_str_has_prefix (reply, "MSRP tx123456 400 "));
    g_assert_true (wait_until (is_closed, &rec, TIMEOUT_MS));
    g_assert_error (rec.closed_error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_PROTOCOL);
    g_assert_cmpuint (rec.received->len, ==, 0);
    recorder_clear (&rec);
  }
}

/* Chunks may arrive in any order (relays with several workers): a
 * buffered message and a message with a target are both assembled at
 * their offsets, complete when every byte is there */
static void
test_out_of_order (void)
{
  g_autoptr (SipSimpleMsrpSession) s = sip_simple_msrp_session_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) path = sip_simple_msrp_uri_parse_path ("msrp://127.0.0.1:9/peer;tcp", NULL);
  g_autoptr (GSocketConnection) conn = NULL;
  g_autofree char *to = NULL;
  const char *text = "0123456789abcdefghijklmnopqrstuvwxyz";
  /* (start, end) of each chunk, in the order sent: the last one first */
  static const int order[][2] = { { 31, 36 }, { 11, 20 }, { 1, 10 }, { 21, 30 } };
  Recorder rec;

  recorder_init (&rec, s);
  prepare (s);
  sip_simple_msrp_session_set_remote_path (s, path);
  sip_simple_msrp_session_start_async (s, NULL, test_store_result, &result);
  conn = raw_bind (s, &result);
  to = sip_simple_msrp_uri_to_string (sip_simple_msrp_session_get_local_uri (s));
  for (guint m = 0; m < 2; m++)
    {
      /* message 0 is assembled in memory, message 1 goes to a target */
      if (m == 1)
        {
          while (rec.received->len < 1)
            g_main_context_iteration (NULL, TRUE);
          rec.target = g_memory_output_stream_new_resizable ();
          rec.target_min = 0;
        }
      for (guint i = 0; i < G_N_ELEMENTS (order); i++)
        {
          int              a = order[i][0], b = order[i][1];
          gboolean         last = b == 36;
          g_autofree char *frame = g_strdup_printf (
            "MSRP ooo%u%u000 SEND\r\nTo-Path: %s\r\nFrom-Path: msrp://127.0.0.1:9/peer;tcp\r\n"
            "Message-ID: msg%u\r\nByte-Range: %d-%d/%d\r\nContent-Type: text/plain\r\n\r\n%.*s\r\n"
            "-------ooo%u%u000%c\r\n",
            m, i, to, m, a, b, 36, b - a + 1, text + a - 1, m, i, last ? '$' : '+');

          raw_write (conn, frame);
        }
    }
  while (rec.received->len < 2)
    g_main_context_iteration (NULL, TRUE);
  {
    Received *r0 = g_ptr_array_index (rec.received, 0);
    Received *r1 = g_ptr_array_index (rec.received, 1);

    g_assert_cmpstr (r0->id, ==, "msg0");
    g_assert_nonnull (r0->body);
    g_assert_cmpmem (g_bytes_get_data (r0->body, NULL), g_bytes_get_size (r0->body), text, 36);
    g_assert_cmpstr (r1->id, ==, "msg1");
    g_assert_null (r1->body);
    g_assert_cmpuint (rec.chunk_bytes, ==, 72);
    g_assert_false (rec.offsets_in_order);
    g_output_stream_close (rec.target, NULL, NULL);
    {
      g_autoptr (GBytes) written = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (rec.target));

      g_assert_cmpmem (g_bytes_get_data (written, NULL), g_bytes_get_size (written), text, 36);
    }
  }
  recorder_clear (&rec);
}

/* Reads one SEND of the session from the raw peer; returns its tid and
 * Message-ID */
static void
raw_read_send (GSocketConnection *conn, char **tid, char **message_id)
{
  g_autofree char *frame = raw_read_until (conn, "$\r\n");
  const char      *mid;

  g_assert_true (g_str_has_prefix (frame, "MSRP "));
  *tid = g_strndup (frame + 5, strchr (frame + 5, ' ') - (frame + 5));
  mid = strstr (frame, "Message-ID: ");
  g_assert_nonnull (mid);
  mid += 12;
  *message_id = g_strndup (mid, strcspn (mid, "\r"));
}

/* Reports and responses from the peer decide each message's fate */
static void
test_reports_from_peer (void)
{
  g_autoptr (SipSimpleMsrpSession) s = sip_simple_msrp_session_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) path = sip_simple_msrp_uri_parse_path ("msrp://127.0.0.1:9/peer;tcp", NULL);
  g_autoptr (GSocketConnection) conn = NULL;
  g_autoptr (GBytes) body = g_bytes_new_static ("report me", 9);
  g_autofree char *us = NULL;
  static const char *answers[] = { "200", "404", "none", "481" };
  Recorder rec;

  recorder_init (&rec, s);
  g_object_set (s, "report-mode", SIP_SIMPLE_MSRP_REPORT_SUCCESS, "transaction-timeout", 1, NULL);
  prepare (s);
  sip_simple_msrp_session_set_remote_path (s, path);
  sip_simple_msrp_session_start_async (s, NULL, test_store_result, &result);
  conn = raw_bind (s, &result);
  us = sip_simple_msrp_uri_to_string (sip_simple_msrp_session_get_local_uri (s));
  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *id = sip_simple_msrp_session_send_message (s, "text/plain", body, &error);
      g_autofree char *tid = NULL;
      g_autofree char *mid = NULL;
      g_autofree char *reply = NULL;
      g_autofree char *expected = NULL;
      guint            before = rec.delivered->len + rec.failed->len;

      raw_read_send (conn, &tid, &mid);
      g_assert_cmpstr (mid, ==, id);
      if (g_str_equal (answers[i], "481"))
        reply = g_strdup_printf ("MSRP %s 481 No session\r\nTo-Path: %s\r\nFrom-Path: msrp://127.0.0.1:9/peer;tcp\r\n"
                                 "-------%s$\r\n", tid, us, tid);
      else if (g_str_equal (answers[i], "none"))
        reply = g_strdup_printf ("MSRP %s 200 OK\r\nTo-Path: %s\r\nFrom-Path: msrp://127.0.0.1:9/peer;tcp\r\n"
                                 "-------%s$\r\n", tid, us, tid);
      else
        reply = g_strdup_printf ("MSRP %s 200 OK\r\nTo-Path: %s\r\nFrom-Path: msrp://127.0.0.1:9/peer;tcp\r\n"
                                 "-------%s$\r\n"
                                 "MSRP rep%u0000 REPORT\r\nTo-Path: %s\r\nFrom-Path: msrp://127.0.0.1:9/peer;tcp\r\n"
                                 "Message-ID: %s\r\nByte-Range: 1-9/9\r\nStatus: 000 %s %s\r\n-------rep%u0000$\r\n",
                                 tid, us, tid, i, us, mid, answers[i], i == 0 ? "OK" : "Not delivered", i);
      raw_write (conn, reply);
      while (rec.delivered->len + rec.failed->len == before)
        g_main_context_iteration (NULL, TRUE);
      if (i == 0)
        g_assert_cmpstr (g_ptr_array_index (rec.delivered, 0), ==, id);
      else
        {
          expected = g_strdup_printf ("%s %s ", id, g_str_equal (answers[i], "none") ? "408" : answers[i]);
          g_assert_true (g_str_has_prefix (g_ptr_array_index (rec.failed, rec.failed->len - 1), expected));
        }
    }
  g_assert_cmpuint (rec.delivered->len, ==, 1);
  g_assert_cmpuint (rec.failed->len, ==, 3);
  g_assert_false (rec.closed);
  recorder_clear (&rec);
}

/* A bound session fed mutated frames: it answers, or closes with an
 * MSRP error, and never crashes or hangs */
static void
test_mutated_frames (void)
{
  GRand *rand = g_rand_new_with_seed (4976);
  g_autoptr (GPtrArray) path = sip_simple_msrp_uri_parse_path ("msrp://127.0.0.1:9/peer;tcp", NULL);
  guint closed = 0;

  for (guint round = 0; round < 40; round++)
    {
      g_autoptr (SipSimpleMsrpSession) s = sip_simple_msrp_session_new ();
      g_autoptr (GAsyncResult) result = NULL;
      g_autoptr (GSocketConnection) conn = NULL;
      g_autofree char *to = NULL;
      g_autofree char *frame = NULL;
      gsize len;
      Recorder rec;

      recorder_init (&rec, s);
      prepare (s);
      sip_simple_msrp_session_set_remote_path (s, path);
      sip_simple_msrp_session_start_async (s, NULL, test_store_result, &result);
      conn = raw_bind (s, &result);
      to = sip_simple_msrp_uri_to_string (sip_simple_msrp_session_get_local_uri (s));
      frame = g_strdup_printf ("MSRP mut%04u SEND\r\nTo-Path: %s\r\nFrom-Path: msrp://127.0.0.1:9/peer;tcp\r\n"
                               "Message-ID: m%u\r\nByte-Range: 1-20/20\r\nSuccess-Report: yes\r\n"
                               "Content-Type: text/plain\r\n\r\n01234567890123456789\r\n-------mut%04u$\r\n"
                               "MSRP rep%04u REPORT\r\nTo-Path: %s\r\nFrom-Path: msrp://127.0.0.1:9/peer;tcp\r\n"
                               "Message-ID: nosuch\r\nStatus: 000 200 OK\r\n-------rep%04u$\r\n",
                               round, to, round, round, round, to, round);
      len = strlen (frame);
      for (guint k = 0; k < 1 + round % 4; k++)
        {
          guint8 c = g_rand_int_range (rand, 1, 256);

          frame[g_rand_int_range (rand, 0, len)] = c == 0 ? 'x' : (char)c;
        }
      raw_write (conn, frame);
      /* then a well-formed probe that needs an answer */
      raw_write (conn, "MSRP probe001 NICKNAME\r\nTo-Path: ");
      raw_write (conn, to);
      raw_write (conn, "\r\nFrom-Path: msrp://127.0.0.1:9/peer;tcp\r\n-------probe001$\r\n");
      {
        /* the probe is answered (403), or the connection closed */
        g_autofree char *reply = raw_read_until (conn, "-------probe001$");

        if (strstr (reply, "MSRP probe001 ") == NULL)
          g_assert_true (wait_until (is_closed, &rec, TIMEOUT_MS));
      }
      if (rec.closed)
        {
          closed++;
          g_assert_true (rec.closed_error->domain == SIP_SIMPLE_MSRP_ERROR);
        }
      sip_simple_msrp_session_close (s);
      recorder_clear (&rec);
    }
  g_assert_cmpuint (closed, >, 0);
  g_rand_free (rand);
}

/* A peer that accepts the connection and never answers */
static void
test_timeout (void)
{
  g_autoptr (GSocketListener) listener = g_socket_listener_new ();
  g_autoptr (SipSimpleMsrpSession) s = sip_simple_msrp_session_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) sa = g_inet_socket_address_new (lo, 0);
  g_autoptr (GSocketAddress) effective = NULL;
  g_autoptr (GPtrArray) path = g_ptr_array_new_with_free_func ((GDestroyNotify)sip_simple_msrp_uri_unref);
  gint64 t0;

  g_assert_true (g_socket_listener_add_address (listener, sa, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                                &effective, &error));
  g_ptr_array_add (path, sip_simple_msrp_uri_new (FALSE, "127.0.0.1",
                                                  g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)),
                                                  "silent"));
  g_object_set (s, "transaction-timeout", 1, "active", TRUE, NULL);
  prepare (s);
  sip_simple_msrp_session_set_remote_path (s, path);
  t0 = g_get_monotonic_time ();
  sip_simple_msrp_session_start_async (s, NULL, test_store_result, &result);
  g_assert_nonnull (test_wait_for_result (&result, TIMEOUT_MS));
  g_assert_false (sip_simple_msrp_session_start_finish (s, result, &error));
  g_assert_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - t0, >=, 900000);
  sip_simple_msrp_session_close (s);

  /* nobody listening: a connection error, quickly */
  {
    g_autoptr (SipSimpleMsrpSession) t = sip_simple_msrp_session_new ();
    g_autoptr (GAsyncResult) r2 = NULL;

    g_socket_listener_close (listener);
    g_clear_error (&error);
    g_object_set (t, "active", TRUE, NULL);
    prepare (t);
    sip_simple_msrp_session_set_remote_path (t, path);
    sip_simple_msrp_session_start_async (t, NULL, test_store_result, &r2);
    g_assert_nonnull (test_wait_for_result (&r2, TIMEOUT_MS));
    g_assert_false (sip_simple_msrp_session_start_finish (t, r2, &error));
    g_assert_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_CONNECTION);
  }
}

static void
test_misuse (void)
{
  g_autoptr (SipSimpleMsrpSession) s = sip_simple_msrp_session_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  /* start before prepare */
  sip_simple_msrp_session_start_async (s, NULL, test_store_result, &result);
  g_assert_nonnull (test_wait_for_result (&result, TIMEOUT_MS));
  g_assert_false (sip_simple_msrp_session_start_finish (s, result, &error));
  g_assert_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_STATE);
  g_clear_error (&error);
  g_clear_object (&result);
  /* a bad listen address */
  g_object_set (s, "local-address", "not-an-address", NULL);
  sip_simple_msrp_session_prepare_async (s, NULL, test_store_result, &result);
  g_assert_nonnull (test_wait_for_result (&result, TIMEOUT_MS));
  g_assert_false (sip_simple_msrp_session_prepare_finish (s, result, &error));
  g_assert_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_clear_object (&result);
  /* prepared, but no remote path */
  g_object_set (s, "local-address", "127.0.0.1", NULL);
  prepare (s);
  sip_simple_msrp_session_start_async (s, NULL, test_store_result, &result);
  g_assert_nonnull (test_wait_for_result (&result, TIMEOUT_MS));
  g_assert_false (sip_simple_msrp_session_start_finish (s, result, &error));
  g_assert_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_INVALID_ARGUMENT);
}

/* ---- TLS ---------------------------------------------------------------- */

static GTlsCertificate *
make_certificate (const char *dir, const char *name)
{
  g_autofree char *key_name = g_strconcat (name, ".key", NULL);
  g_autofree char *crt_name = g_strconcat (name, ".crt", NULL);
  g_autofree char *key = g_build_filename (dir, key_name, NULL);
  g_autofree char *crt = g_build_filename (dir, crt_name, NULL);
  g_autoptr (GError) error = NULL;
  const char *argv[] = { "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                         "-nodes", "-keyout", key, "-out", crt, "-days", "2", "-subj", "/CN=msrp-test", NULL };
  int status = 0;
  GTlsCertificate *cert;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL
                               | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  cert = g_tls_certificate_new_from_files (crt, key, &error);
  g_assert_no_error (error);
  return cert;
}

static void
test_tls (void)
{
  g_autofree char *dir = g_dir_make_tmp ("msrp-tls-XXXXXX", NULL);
  g_autoptr (GTlsCertificate) ca = make_certificate (dir, "a");
  g_autoptr (GTlsCertificate) cb = make_certificate (dir, "b");
  g_autofree char *fa = sip_simple_msrp_certificate_fingerprint (ca);
  g_autofree char *fb = sip_simple_msrp_certificate_fingerprint (cb);
  g_autofree char *fb_sdp = g_strdup_printf ("sha-256 %s", fb);
  g_autoptr (GBytes) hello = g_bytes_new_static ("secret", 6);
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autoptr (GAsyncResult) ra = NULL;
  g_autoptr (GAsyncResult) rb = NULL;
  Pair p = { 0 };

  if (g_tls_backend_supports_tls (g_tls_backend_get_default ()) == FALSE)
    g_error ("no TLS backend: install glib-networking");
  g_assert_cmpuint (strlen (fa), ==, 32 * 3 - 1);
  g_assert_cmpstr (fa, !=, fb);

  p.a = sip_simple_msrp_session_new ();
  p.b = sip_simple_msrp_session_new ();
  g_object_set (p.a, "use-tls", TRUE, "tls-certificate", ca, "remote-fingerprint", fb_sdp, NULL);
  g_object_set (p.b, "use-tls", TRUE, "tls-certificate", cb, "remote-fingerprint", fa, NULL);
  recorder_init (&p.ra, p.a);
  recorder_init (&p.rb, p.b);
  prepare (p.a);
  prepare (p.b);
  uri = sip_simple_msrp_uri_to_string (sip_simple_msrp_session_get_local_uri (p.b));
  g_assert_true (g_str_has_prefix (uri, "msrps://127.0.0.1:"));
  exchange_paths (p.a, p.b);
  start_pair (p.a, p.b);
  g_free (sip_simple_msrp_session_send_message (p.a, "text/plain", hello, &error));
  g_assert_no_error (error);
  g_assert_true (wait_until (has_received, &p.rb, TIMEOUT_MS));
  g_assert_true (g_bytes_equal (((Received *)g_ptr_array_index (p.rb.received, 0))->body, hello));
  pair_teardown (&p);

  /* the passive side's certificate does not match what SDP promised */
  p.a = sip_simple_msrp_session_new ();
  p.b = sip_simple_msrp_session_new ();
  g_object_set (p.a, "use-tls", TRUE, "tls-certificate", ca, "remote-fingerprint", fa, "active", TRUE, NULL);
  g_object_set (p.b, "use-tls", TRUE, "tls-certificate", cb, "remote-fingerprint", fa, NULL);
  recorder_init (&p.ra, p.a);
  recorder_init (&p.rb, p.b);
  prepare (p.a);
  prepare (p.b);
  exchange_paths (p.a, p.b);
  sip_simple_msrp_session_start_async (p.b, NULL, test_store_result, &rb);
  sip_simple_msrp_session_start_async (p.a, NULL, test_store_result, &ra);
  g_assert_nonnull (test_wait_for_result (&ra, TIMEOUT_MS));
  g_assert_false (sip_simple_msrp_session_start_finish (p.a, ra, &error));
  g_assert_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_TLS);
  g_assert_null (rb);
  pair_teardown (&p);
  {
    g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_unlink (path);
      }
    g_rmdir (dir);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/msrp/session/small", test_small);
  g_test_add_func ("/msrp/session/ipv6", test_ipv6);
  g_test_add_func ("/msrp/session/large", test_large);
  g_test_add_func ("/msrp/session/large-buffered", test_large_buffered);
  g_test_add_func ("/msrp/session/interleave", test_interleave);
  g_test_add_func ("/msrp/session/unknown-size", test_unknown_size);
  g_test_add_func ("/msrp/session/fixed-uri", test_fixed_uri);
  g_test_add_func ("/msrp/session/success-report", test_success_report);
  g_test_add_func ("/msrp/session/connection-loss", test_connection_loss);
  g_test_add_func ("/msrp/session/cancel", test_cancel);
  g_test_add_func ("/msrp/session/target-fails", test_target_fails);
  g_test_add_func ("/msrp/session/wrong-peer", test_wrong_peer);
  g_test_add_func ("/msrp/session/malformed-peer", test_malformed_peer);
  g_test_add_func ("/msrp/session/out-of-order", test_out_of_order);
  g_test_add_func ("/msrp/session/reports-from-peer", test_reports_from_peer);
  g_test_add_func ("/msrp/session/mutated-frames", test_mutated_frames);
  g_test_add_func ("/msrp/session/timeout", test_timeout);
  g_test_add_func ("/msrp/session/misuse", test_misuse);
  g_test_add_func ("/msrp/session/tls", test_tls);
  return g_test_run ();
}
