/* Shared helpers for the C unit tests.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-utils.h"

#include <string.h>

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
test_wait_for_flag (gboolean *flag, guint timeout_ms)
{
  gboolean      timed_out = FALSE;
  GMainContext *ctx = g_main_context_get_thread_default ();
  GSource      *timer = g_timeout_source_new (timeout_ms);

  /* on the context it iterates: a test may run on a context of its own */
  g_source_set_callback (timer, on_timeout, &timed_out, NULL);
  g_source_attach (timer, ctx);
  while (!*flag && !timed_out)
    g_main_context_iteration (ctx, TRUE);
  g_source_destroy (timer);
  g_source_unref (timer);
  return *flag;
}

void
test_store_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

GAsyncResult *
test_wait_for_result (GAsyncResult **result, guint timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, on_timeout, &timed_out);
  GMainContext *ctx = g_main_context_get_thread_default ();

  while (*result == NULL && !timed_out)
    g_main_context_iteration (ctx, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return *result;
}

char *
test_source_path (const char *relative)
{
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  return g_build_filename (srcdir ? srcdir : ".", relative, NULL);
}

char *
test_run_self (const char *self, const char *arg)
{
  const char *argv[] = { self, arg, NULL };
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

void
test_assert_runs_differ (const char *self, const char *arg, gsize min_len)
{
  g_autofree char *first = test_run_self (self, arg);
  g_autofree char *second = test_run_self (self, arg);

  g_assert_cmpuint (strlen (first), >=, min_len);
  g_assert_cmpstr (first, !=, second);
}

/* ---------------------------------------------------------------------- */
/* Audio analysis                                                           */

/* ---- Location services ------------------------------------------------------ */

SipSimpleBinding *
test_binding (const char *uri, guint expires, gdouble q)
{
  g_autoptr (SipSimpleUri) u = sip_simple_uri_parse (uri, NULL);
  SipSimpleBinding *b;

  g_assert_nonnull (u);
  b = sip_simple_binding_new (u);
  sip_simple_binding_set_expires (b, expires);
  sip_simple_binding_set_q (b, q);
  return b;
}

GPtrArray *
test_location_update (gpointer location, const char *aor, GPtrArray *bindings,
                      gboolean remove_all)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *out;

  sip_simple_location_update_async (location, aor, bindings, remove_all, NULL, test_store_result,
                                    &result);
  test_wait_for_result (&result, 5000);
  g_assert_nonnull (result);
  out = sip_simple_location_update_finish (location, result, &error);
  g_assert_no_error (error);
  return out;
}

GPtrArray *
test_location_lookup (gpointer location, const char *aor)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *out;

  sip_simple_location_lookup_async (location, aor, NULL, test_store_result, &result);
  test_wait_for_result (&result, 5000);
  g_assert_nonnull (result);
  out = sip_simple_location_lookup_finish (location, result, &error);
  g_assert_no_error (error);
  return out;
}

const char *
test_binding_contact (GPtrArray *list, guint i)
{
  static char      buf[256];
  g_autofree char *s = sip_simple_uri_to_string (sip_simple_binding_get_contact (list->pdata[i]));
  g_strlcpy (buf, s, sizeof buf);
  return buf;
}

void
test_location_behaviours (SipSimpleLocation *loc)
{
  g_autoptr (GPtrArray) in
      = g_ptr_array_new_with_free_func ((GDestroyNotify)sip_simple_binding_unref);
  g_autoptr (GPtrArray) out = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (SipSimpleUri) gone = NULL;

  g_ptr_array_add (in, test_binding ("sip:alice@192.0.2.1", 60, 0.1));
  g_ptr_array_add (in, test_binding ("sip:alice@192.0.2.2", 60, 0.9));
  g_ptr_array_add (in, test_binding ("sip:alice@192.0.2.3", 60, -1));
  g_ptr_array_add (in, test_binding ("sip:alice@192.0.2.4", 60, -1));
  out = test_location_update (loc, "alice@example.com", in, FALSE);
  g_assert_cmpuint (out->len, ==, 4);
  /* highest q first; no q counts as 1.0; equal q-values in stored order */
  g_assert_cmpstr (test_binding_contact (out, 0), ==, "sip:alice@192.0.2.3");
  g_assert_cmpstr (test_binding_contact (out, 1), ==, "sip:alice@192.0.2.4");
  g_assert_cmpstr (test_binding_contact (out, 2), ==, "sip:alice@192.0.2.2");
  g_assert_cmpstr (test_binding_contact (out, 3), ==, "sip:alice@192.0.2.1");
  g_clear_pointer (&out, g_ptr_array_unref);

  /* same contact (RFC 3261 URI comparison: host case-insensitive) replaces;
   * an expired binding removes its contact's */
  g_ptr_array_set_size (in, 0);
  g_ptr_array_add (in, test_binding ("sip:alice@192.0.2.1", 30, 1.0));
  g_ptr_array_add (in, test_binding ("sip:alice@192.0.2.3", 0, -1));
  sip_simple_binding_set_expires_at (in->pdata[1], 0);
  g_ptr_array_add (in, test_binding ("sip:alice@192.0.2.4", 0, -1));
  sip_simple_binding_set_expires_at (in->pdata[2], 0);
  out = test_location_update (loc, "alice@example.com", in, FALSE);
  g_assert_cmpuint (out->len, ==, 2);
  g_assert_cmpstr (test_binding_contact (out, 0), ==, "sip:alice@192.0.2.1");
  g_assert_cmpuint (sip_simple_binding_get_expires (out->pdata[0]), <=, 30);
  g_clear_pointer (&out, g_ptr_array_unref);

  out = test_location_lookup (loc, "alice@example.com");
  g_assert_cmpuint (out->len, ==, 2);
  g_clear_pointer (&out, g_ptr_array_unref);
  out = test_location_lookup (loc, "nobody@example.com");
  g_assert_cmpuint (out->len, ==, 0);
  g_clear_pointer (&out, g_ptr_array_unref);

  /* remove one, add to another AoR, remove all */
  gone = sip_simple_uri_parse ("sip:alice@192.0.2.2", NULL);
  sip_simple_location_remove_async (loc, "alice@example.com", gone, NULL, test_store_result,
                                    &result);
  test_wait_for_result (&result, 5000);
  g_assert_true (sip_simple_location_remove_finish (loc, result, NULL));
  g_clear_object (&result);
  out = test_location_lookup (loc, "alice@example.com");
  g_assert_cmpuint (out->len, ==, 1);
  g_clear_pointer (&out, g_ptr_array_unref);

  sip_simple_location_add_async (loc, "bob@example.com", in->pdata[0], NULL, test_store_result,
                                 &result);
  test_wait_for_result (&result, 5000);
  g_assert_true (sip_simple_location_add_finish (loc, result, NULL));
  g_clear_object (&result);

  sip_simple_location_remove_async (loc, "alice@example.com", NULL, NULL, test_store_result,
                                    &result);
  test_wait_for_result (&result, 5000);
  g_assert_true (sip_simple_location_remove_finish (loc, result, NULL));
  out = test_location_lookup (loc, "alice@example.com");
  g_assert_cmpuint (out->len, ==, 0);
  g_clear_pointer (&out, g_ptr_array_unref);
  out = test_location_lookup (loc, "bob@example.com");
  g_assert_cmpuint (out->len, ==, 1);
}

guint
test_free_tcp_port (void)
{
  g_autoptr (GSocket) s
      = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr (GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (s, any, TRUE, NULL));
  bound = g_socket_get_local_address (s, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

GPtrArray *
test_bindings_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify)sip_simple_binding_unref);
}

GPtrArray *
test_location_run (gpointer location, gboolean is_update, const char *aor, GPtrArray *bindings,
                   gboolean remove_all, GError **error)
{
  SipSimpleLocation *loc = SIP_SIMPLE_LOCATION (location);
  g_autoptr (GAsyncResult) result = NULL;

  if (is_update)
    sip_simple_location_update_async (loc, aor, bindings, remove_all, NULL, test_store_result,
                                      &result);
  else
    sip_simple_location_lookup_async (loc, aor, NULL, test_store_result, &result);
  test_wait_for_result (&result, 5000);
  g_assert_nonnull (result);
  return is_update ? sip_simple_location_update_finish (loc, result, error)
                   : sip_simple_location_lookup_finish (loc, result, error);
}

void
test_location_fields (gpointer loc)
{
  g_autoptr (GPtrArray) in = test_bindings_new ();
  g_autoptr (GPtrArray) out = NULL;
  const char *path[] = { "<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>", NULL };
  const char *agent = "test/1 \"quoted\" 'é'; DROP TABLE location; --";

  g_ptr_array_add (in, test_binding ("sip:grace@192.0.2.1", 60, 0.1));
  g_ptr_array_add (in, test_binding ("sip:grace@192.0.2.2", 60, -1));
  sip_simple_binding_set_call_id (in->pdata[0], "abc@host");
  sip_simple_binding_set_cseq (in->pdata[0], 7);
  sip_simple_binding_set_path (in->pdata[0], path);
  sip_simple_binding_set_received (in->pdata[0], "sip:192.0.2.1:40000;transport=tcp");
  sip_simple_binding_set_user_agent (in->pdata[0], agent);
  out = test_location_update (loc, "grace@example.com", in, FALSE);
  g_clear_pointer (&out, g_ptr_array_unref);
  out = test_location_lookup (loc, "grace@example.com");
  g_assert_cmpuint (out->len, ==, 2);
  g_assert_cmpstr (test_binding_contact (out, 1), ==, "sip:grace@192.0.2.1");
  g_assert_cmpstr (sip_simple_binding_get_call_id (out->pdata[1]), ==, "abc@host");
  g_assert_cmpuint (sip_simple_binding_get_cseq (out->pdata[1]), ==, 7);
  g_assert_cmpstrv (sip_simple_binding_get_path (out->pdata[1]), path);
  g_assert_cmpstr (sip_simple_binding_get_received (out->pdata[1]), ==,
                   "sip:192.0.2.1:40000;transport=tcp");
  g_assert_cmpstr (sip_simple_binding_get_user_agent (out->pdata[1]), ==, agent);
  g_assert_cmpfloat (sip_simple_binding_get_q (out->pdata[1]), ==, 0.1);
  g_assert_false (sip_simple_binding_has_q (out->pdata[0]));
  g_assert_null (sip_simple_binding_get_call_id (out->pdata[0]));
  g_assert_null (sip_simple_binding_get_path (out->pdata[0]));
  g_assert_cmpint (sip_simple_binding_get_expires_at (out->pdata[1]), ==,
                   sip_simple_binding_get_expires_at (in->pdata[0]));
}

static void
count_done (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) out
      = sip_simple_location_update_finish (SIP_SIMPLE_LOCATION (source), result, &error);

  g_assert_no_error (error);
  (*(guint *)data)++;
}

void
test_location_shared (gpointer a, gpointer b, gpointer (*make) (gpointer), gpointer data,
                      gboolean (*is_connected) (gpointer))
{
  g_autoptr (GPtrArray) in = test_bindings_new ();
  g_autoptr (GPtrArray) out = NULL;
  g_autoptr (GObject) fresh = NULL;

  g_ptr_array_add (in, test_binding ("sip:dave@192.0.2.1", 60, -1));
  out = test_location_update (a, "dave@example.com", in, FALSE);
  g_clear_pointer (&out, g_ptr_array_unref);
  out = test_location_lookup (b, "dave@example.com");
  g_assert_cmpuint (out->len, ==, 1);
  g_assert_cmpstr (test_binding_contact (out, 0), ==, "sip:dave@192.0.2.1");
  g_clear_pointer (&out, g_ptr_array_unref);
  /* asked for while a new location connects: waits for the connection */
  fresh = make (data);
  g_assert_false (is_connected (fresh));
  out = test_location_lookup (fresh, "dave@example.com");
  g_assert_cmpuint (out->len, ==, 1);
}

void
test_location_concurrent (gpointer a, gpointer b)
{
  g_autoptr (GPtrArray) before = test_location_lookup (b, "dave@example.com");
  g_autoptr (GPtrArray) out = NULL;
  guint done = 0;

  for (guint i = 0; i < 40; i++)
    {
      g_autoptr (GPtrArray) one = test_bindings_new ();
      g_autofree char *uri = g_strdup_printf ("sip:dave@192.0.2.%u", 10 + i);

      g_ptr_array_add (one, test_binding (uri, 60, -1));
      sip_simple_location_update_async (SIP_SIMPLE_LOCATION (i % 2 ? a : b), "dave@example.com",
                                        one, FALSE, NULL, count_done, &done);
    }
  while (done < 40)
    g_main_context_iteration (NULL, TRUE);
  out = test_location_lookup (b, "dave@example.com");
  g_assert_cmpuint (out->len, ==, before->len + 40);
}

void
test_location_ordering (gpointer loc)
{
  g_autoptr (GPtrArray) in = test_bindings_new ();
  g_autoptr (GPtrArray) out = NULL;

  g_ptr_array_add (in, test_binding ("sip:erin@192.0.2.1", 60, -1));
  sip_simple_binding_set_call_id (in->pdata[0], "call-1");
  sip_simple_binding_set_cseq (in->pdata[0], 5);
  out = test_location_update (loc, "erin@example.com", in, FALSE);
  g_clear_pointer (&out, g_ptr_array_unref);

  sip_simple_binding_set_cseq (in->pdata[0], 5);
  sip_simple_binding_set_expires_at (in->pdata[0], 0);
  out = test_location_update (loc, "erin@example.com", in, FALSE);
  g_assert_cmpuint (out->len, ==, 1); /* the removal came too late */
  g_clear_pointer (&out, g_ptr_array_unref);

  sip_simple_binding_set_call_id (in->pdata[0], "call-2"); /* another Call-ID may */
  out = test_location_update (loc, "erin@example.com", in, FALSE);
  g_assert_cmpuint (out->len, ==, 0);
  g_clear_pointer (&out, g_ptr_array_unref);

  g_ptr_array_set_size (in, 0);
  g_ptr_array_add (in, test_binding ("sip:erin@192.0.2.1", 60, -1));
  sip_simple_binding_set_call_id (in->pdata[0], "call-1");
  sip_simple_binding_set_cseq (in->pdata[0], 6);
  out = test_location_update (loc, "erin@example.com", in, FALSE);
  g_clear_pointer (&out, g_ptr_array_unref);
  sip_simple_binding_set_cseq (in->pdata[0], 7); /* a higher CSeq may */
  sip_simple_binding_set_q (in->pdata[0], 0.3);
  out = test_location_update (loc, "erin@example.com", in, FALSE);
  g_assert_cmpuint (out->len, ==, 1);
  g_assert_cmpuint (sip_simple_binding_get_cseq (out->pdata[0]), ==, 7);
  g_assert_cmpfloat (sip_simple_binding_get_q (out->pdata[0]), ==, 0.3);
}

static gboolean
wait_connected (gpointer loc, gboolean (*is_connected) (gpointer), gint64 timeout_us)
{
  gint64 deadline = g_get_monotonic_time () + timeout_us;

  while (!is_connected (loc) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  return is_connected (loc);
}

void
test_location_outage (gpointer loc, const TestLocationServer *server)
{
  g_autoptr (GPtrArray) in = test_bindings_new ();
  g_autoptr (GPtrArray) out = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start, deadline;

  g_ptr_array_add (in, test_binding ("sip:frank@192.0.2.1", 60, -1));
  out = test_location_update (loc, "frank@example.com", in, FALSE);
  g_clear_pointer (&out, g_ptr_array_unref);

  /* in flight when it goes */
  {
    g_autoptr (GAsyncResult) result = NULL;
    sip_simple_location_lookup_async (SIP_SIMPLE_LOCATION (loc), "frank@example.com", NULL,
                                      test_store_result, &result);
    server->stop (server->data);
    test_wait_for_result (&result, 5000);
    g_assert_nonnull (result);
    out = sip_simple_location_lookup_finish (SIP_SIMPLE_LOCATION (loc), result, &error);
    if (out != NULL) /* the answer may have come before */
      g_clear_pointer (&out, g_ptr_array_unref);
    else
      g_assert_true (error->domain == G_IO_ERROR);
    g_clear_error (&error);
  }
  for (guint i = 0; i < 3; i++)
    {
      start = g_get_monotonic_time ();
      g_assert_null (test_location_run (loc, TRUE, "frank@example.com", in, FALSE, &error));
      g_assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED)
                     || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED));
      g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
      g_clear_error (&error);
    }
  g_assert_false (server->is_connected (loc));

  /* a while down (a few reconnection attempts), then back */
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  server->start (server->data);
  g_assert_true (wait_connected (loc, server->is_connected, 8 * G_USEC_PER_SEC));
  out = test_location_update (loc, "frank@example.com", in, FALSE);
  g_assert_cmpuint (out->len, ==, 1);
}

void
test_location_unref_pending (gpointer (*connected_location) (gpointer),
                             const TestLocationServer *server)
{
  gpointer loc = connected_location (server->data);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) out = NULL;

  sip_simple_location_lookup_async (SIP_SIMPLE_LOCATION (loc), "x@example.com", NULL,
                                    test_store_result, &result);
  g_object_unref (loc); /* the task holds it until it finishes */
  test_wait_for_result (&result, 5000);
  g_assert_nonnull (result);
  {
    g_autoptr (GObject) source = g_async_result_get_source_object (result);
    out = sip_simple_location_lookup_finish (SIP_SIMPLE_LOCATION (source), result, NULL);
    g_assert_nonnull (out);
    g_clear_object (&result);
  }

  loc = connected_location (server->data);
  server->stop (server->data);
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE), g_usleep (2000);
  g_object_unref (loc);
}

gpointer
test_location_connected (gpointer loc, gboolean (*is_connected) (gpointer))
{
  g_assert_true (wait_connected (loc, is_connected, 5 * G_USEC_PER_SEC));
  return loc;
}

#include <math.h>
#include <string.h>

#define SILENCE_RMS 0.01 /* -40 dBFS */
#define FRAME_SECONDS 0.02

static guint32
rd32 (const guint8 *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((guint32) p[3] << 24);
}

static guint16
rd16 (const guint8 *p)
{
  return p[0] | (p[1] << 8);
}

static double
read_sample (const guint8 *p, guint bits, gboolean is_float)
{
  if (is_float)
    {
      float f;
      memcpy (&f, p, 4);
      return f;
    }
  switch (bits)
    {
    case 8:
      return (p[0] - 128) / 128.0;
    case 16:
      return (gint16) rd16 (p) / 32768.0;
    case 24:
      return ((gint32) ((p[0] << 8) | (p[1] << 16) | ((guint32) p[2] << 24)) >> 8) / 8388608.0;
    default:
      return (gint32) rd32 (p) / 2147483648.0;
    }
}

gboolean
test_wav_load (const char *path, TestWav *wav, GError **error)
{
  g_autofree guint8 *data = NULL;
  gsize len, pos = 12;
  guint channels = 0, bits = 0, tag = 0, block = 0;
  const guint8 *pcm = NULL;
  gsize pcm_len = 0;

  memset (wav, 0, sizeof *wav);
  if (!g_file_get_contents (path, (char **) &data, &len, error))
    return FALSE;
  if (len < 12 || memcmp (data, "RIFF", 4) != 0 || memcmp (data + 8, "WAVE", 4) != 0)
    goto bad;
  while (pos + 8 <= len)
    {
      gsize size = rd32 (data + pos + 4);
      if (size > len - pos - 8)
        size = len - pos - 8;
      if (memcmp (data + pos, "fmt ", 4) == 0 && size >= 16)
        {
          tag = rd16 (data + pos + 8);
          channels = rd16 (data + pos + 10);
          wav->rate = rd32 (data + pos + 12);
          block = rd16 (data + pos + 20);
          bits = rd16 (data + pos + 22);
          if (tag == 0xFFFE && size >= 26)
            tag = rd16 (data + pos + 32);
        }
      else if (memcmp (data + pos, "data", 4) == 0)
        {
          pcm = data + pos + 8;
          pcm_len = size;
          break;
        }
      pos += 8 + size + (size & 1);
    }
  if (pcm == NULL || channels == 0 || block == 0 || wav->rate == 0 || (tag != 1 && tag != 3))
    goto bad;
  wav->n_samples = pcm_len / block;
  wav->samples = g_new (float, MAX (wav->n_samples, 1));
  for (gsize i = 0; i < wav->n_samples; i++)
    {
      double sum = 0;
      for (guint c = 0; c < channels; c++)
        sum += read_sample (pcm + i * block + c * (bits / 8), bits, tag == 3);
      wav->samples[i] = sum / channels;
    }
  return TRUE;

bad:
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s is not a PCM WAV file", path);
  return FALSE;
}

void
test_wav_clear (TestWav *wav)
{
  g_clear_pointer (&wav->samples, g_free);
  wav->n_samples = 0;
}

static void
put32 (GByteArray *a, guint32 v)
{
  guint8 b[4] = { v, v >> 8, v >> 16, v >> 24 };
  g_byte_array_append (a, b, 4);
}

static void
put16 (GByteArray *a, guint16 v)
{
  guint8 b[2] = { v, v >> 8 };
  g_byte_array_append (a, b, 2);
}

gboolean
test_wav_write_tone (const char *path, guint rate, double freq, double seconds, GError **error)
{
  g_autoptr (GByteArray) a = g_byte_array_new ();
  guint n = (guint) (rate * seconds);
  gboolean ok;

  g_byte_array_append (a, (const guint8 *) "RIFF", 4);
  put32 (a, 36 + n * 2);
  g_byte_array_append (a, (const guint8 *) "WAVEfmt ", 8);
  put32 (a, 16);
  put16 (a, 1);
  put16 (a, 1);
  put32 (a, rate);
  put32 (a, rate * 2);
  put16 (a, 2);
  put16 (a, 16);
  g_byte_array_append (a, (const guint8 *) "data", 4);
  put32 (a, n * 2);
  for (guint i = 0; i < n; i++)
    put16 (a, (guint16) (gint16) lrint (0.3 * 32767 * sin (2 * G_PI * freq * i / rate)));
  ok = g_file_set_contents (path, (const char *) a->data, a->len, error);
  return ok;
}

static void
clamp_range (const TestWav *wav, double from, double to, gsize *start, gsize *end)
{
  *start = (gsize) MAX (0, from * wav->rate);
  *end = to < 0 ? wav->n_samples : (gsize) MIN ((double) wav->n_samples, to * wav->rate);
  if (*start > *end)
    *start = *end;
}

/* In-place iterative radix-2 FFT, n a power of two. */
static void
fft (double *re, double *im, gsize n)
{
  for (gsize i = 1, j = 0; i < n; i++)
    {
      gsize bit = n >> 1;
      for (; j & bit; bit >>= 1)
        j ^= bit;
      j ^= bit;
      if (i < j)
        {
          double t = re[i];
          re[i] = re[j];
          re[j] = t;
          t = im[i];
          im[i] = im[j];
          im[j] = t;
        }
    }
  for (gsize len = 2; len <= n; len <<= 1)
    {
      double angle = -2 * G_PI / len;
      for (gsize i = 0; i < n; i += len)
        for (gsize k = 0; k < len / 2; k++)
          {
            double wr = cos (angle * k), wi = sin (angle * k);
            double ur = re[i + k], ui = im[i + k];
            double vr = re[i + k + len / 2] * wr - im[i + k + len / 2] * wi;
            double vi = re[i + k + len / 2] * wi + im[i + k + len / 2] * wr;
            re[i + k] = ur + vr;
            im[i + k] = ui + vi;
            re[i + k + len / 2] = ur - vr;
            im[i + k + len / 2] = ui - vi;
          }
    }
}

double
test_audio_dominant_frequency (const TestWav *wav, double from, double to)
{
  gsize start, end, n = 1, best = 0;
  g_autofree double *re = NULL;
  g_autofree double *im = NULL;
  double best_mag = 0, energy = 0;

  clamp_range (wav, from, to, &start, &end);
  while (n * 2 <= end - start && n < 65536)
    n *= 2;
  if (n < 256)
    return 0;
  /* the middle of the range */
  start += (end - start - n) / 2;
  re = g_new0 (double, n);
  im = g_new0 (double, n);
  for (gsize i = 0; i < n; i++)
    {
      double w = 0.5 - 0.5 * cos (2 * G_PI * i / (n - 1));
      re[i] = wav->samples[start + i] * w;
      energy += wav->samples[start + i] * wav->samples[start + i];
    }
  if (sqrt (energy / n) < SILENCE_RMS)
    return 0;
  fft (re, im, n);
  for (gsize k = 1; k < n / 2 - 1; k++)
    {
      double mag = re[k] * re[k] + im[k] * im[k];
      if (k * (double) wav->rate / n >= 20 && mag > best_mag)
        {
          best_mag = mag;
          best = k;
        }
    }
  if (best == 0)
    return 0;
  {
    /* parabola through the log magnitudes around the peak */
    double a = log (re[best - 1] * re[best - 1] + im[best - 1] * im[best - 1] + 1e-30);
    double b = log (best_mag + 1e-30);
    double c = log (re[best + 1] * re[best + 1] + im[best + 1] * im[best + 1] + 1e-30);
    double offset = (a - c) / (2 * (a - 2 * b + c));
    return (best + offset) * wav->rate / n;
  }
}

static double
goertzel_ratio (const float *x, gsize n, guint rate, double freq)
{
  double w = 2 * G_PI * freq / rate, coeff = 2 * cos (w), s1 = 0, s2 = 0, energy = 0, power;

  for (gsize i = 0; i < n; i++)
    {
      double s = x[i] + coeff * s1 - s2;
      s2 = s1;
      s1 = s;
      energy += (double) x[i] * x[i];
    }
  power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  if (energy <= 0)
    return 0;
  /* a pure tone at @freq gives about 1 */
  return power / (energy * n / 2);
}

static double
frame_rms (const float *x, gsize n)
{
  double sum = 0;
  for (gsize i = 0; i < n; i++)
    sum += (double) x[i] * x[i];
  return n ? sqrt (sum / n) : 0;
}

double
test_audio_tone_duration (const TestWav *wav, double freq, double from, double to)
{
  gsize start, end, frame = (gsize) (wav->rate * FRAME_SECONDS);
  guint frames = 0;

  clamp_range (wav, from, to, &start, &end);
  for (gsize i = start; i + frame <= end; i += frame)
    if (frame_rms (wav->samples + i, frame) > SILENCE_RMS
        && goertzel_ratio (wav->samples + i, frame, wav->rate, freq) > 0.5)
      frames++;
  return frames * FRAME_SECONDS;
}

double
test_audio_active_duration (const TestWav *wav, double from, double to)
{
  gsize start, end, frame = (gsize) (wav->rate * FRAME_SECONDS);
  guint frames = 0;

  clamp_range (wav, from, to, &start, &end);
  for (gsize i = start; i + frame <= end; i += frame)
    if (frame_rms (wav->samples + i, frame) > SILENCE_RMS)
      frames++;
  return frames * FRAME_SECONDS;
}

double
test_audio_tone_onset (const TestWav *wav, double freq)
{
  gsize frame = (gsize) (wav->rate * FRAME_SECONDS);

  for (gsize i = 0; i + frame <= wav->n_samples; i += frame)
    if (frame_rms (wav->samples + i, frame) > SILENCE_RMS
        && goertzel_ratio (wav->samples + i, frame, wav->rate, freq) > 0.5)
      return (double) i / wav->rate;
  return -1;
}

double
test_audio_tone_share (const TestWav *wav, double freq, double from, double to)
{
  gsize start, end;

  clamp_range (wav, from, to, &start, &end);
  return goertzel_ratio (wav->samples + start, end - start, wav->rate, freq);
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

double
test_audio_tone_presence (const TestWav *wav, double freq, double from, double to)
{
  gsize start, end, frame = (gsize) (wav->rate * FRAME_SECONDS);
  g_autoptr (GArray) ratios = g_array_new (FALSE, FALSE, sizeof (double));

  clamp_range (wav, from, to, &start, &end);
  for (gsize i = start; i + frame <= end; i += frame)
    if (frame_rms (wav->samples + i, frame) > SILENCE_RMS)
      {
        double ratio = goertzel_ratio (wav->samples + i, frame, wav->rate, freq);
        g_array_append_val (ratios, ratio);
      }
  if (ratios->len == 0)
    return 0;
  g_array_sort (ratios, compare_doubles);
  return g_array_index (ratios, double, ratios->len / 2);
}

SipSimpleEngine *
test_start_udp_engine (void)
{
  SipSimpleEngine *engine = sip_simple_engine_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  const char *const transports[] = { "udp", NULL };

  g_object_set (engine, "ip-address", "127.0.0.1", "transports", transports, NULL);
  sip_simple_engine_start_async (engine, NULL, test_store_result, &result);
  g_assert_nonnull (test_wait_for_result (&result, 10000));
  g_assert_true (sip_simple_engine_start_finish (engine, result, &error));
  g_assert_no_error (error);
  return engine;
}
