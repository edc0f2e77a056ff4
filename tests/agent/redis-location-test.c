/* Unit tests of SipSimpleRedisLocation against a real redis-server that
 * each test starts (free port, no persistence, a temporary directory) and
 * stops: the memory backend's behaviours, two locations sharing one
 * server, expiry, concurrent writers, Call-ID/CSeq ordering, malformed
 * data, and a server that dies and comes back.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-utils.h"

#include <glib/gstdio.h>
#include <hiredis/hiredis.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

typedef struct
{
  GSubprocess *proc;
  char        *dir;
  guint        port;
  char        *uri;
} Server;

/* A synchronous client for what the test checks or plants behind the
 * location's back */
static redisContext *
raw_client (Server *server)
{
  redisContext *c = redisConnect ("127.0.0.1", (int)server->port);
  if (c != NULL && c->err)
    {
      redisFree (c);
      return NULL;
    }
  return c;
}

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
server_start (Server *server)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *port = g_strdup_printf ("%u", server->port);

  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (
      G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);

  /* gone with the test, even when an assertion aborts it */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  server->proc = g_subprocess_launcher_spawn (
      launcher, &error, "redis-server", "--port", port, "--bind", "127.0.0.1", "--save", "",
      "--appendonly", "no", "--dir", server->dir, "--loglevel", "warning", NULL);
  g_assert_no_error (error);
  for (int i = 0; i < 100; i++)
    {
      redisContext *c = raw_client (server);
      if (c != NULL)
        {
          redisFree (c);
          return;
        }
      g_usleep (50 * 1000);
    }
  g_error ("redis-server did not start on port %u", server->port);
}

static void
server_kill (Server *server)
{
  g_subprocess_force_exit (server->proc);
  g_subprocess_wait (server->proc, NULL, NULL);
  g_clear_object (&server->proc);
}

static void
server_setup (Server *server, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  server->dir = g_dir_make_tmp ("redis-location-test-XXXXXX", &error);
  g_assert_no_error (error);
  server->port = test_free_tcp_port ();
  server->uri = g_strdup_printf ("redis://127.0.0.1:%u", server->port);
  server_start (server);
}

static void
server_teardown (Server *server, gconstpointer data)
{
  if (server->proc != NULL)
    server_kill (server);
  /* redis-server writes nothing with --save "": only the directory */
  g_rmdir (server->dir);
  g_free (server->dir);
  g_free (server->uri);
}

static gboolean
is_connected (gpointer loc)
{
  return sip_simple_redis_location_is_connected (loc);
}

/* A location on @server, connected */
static SipSimpleRedisLocation *
connected_location (Server *server, const char *suffix)
{
  g_autoptr (GError) error = NULL;
  g_autofree char        *uri = g_strconcat (server->uri, suffix, NULL);
  SipSimpleRedisLocation *loc = sip_simple_redis_location_new (uri, &error);

  g_assert_no_error (error);
  return test_location_connected (loc, is_connected);
}

static void
test_uri (void)
{
  const char *bad[] = {
    "memory", "redis://", "http://127.0.0.1:6379", "redis://127.0.0.1/x", "redis://127.0.0.1/-1",
    NULL
  };
  g_autoptr (SipSimpleRedisLocation) ok = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; bad[i]; i++)
    {
      g_autoptr (GError) e = NULL;
      g_assert_null (sip_simple_redis_location_new (bad[i], &e));
      g_assert_error (e, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    }
  /* nothing listens on port 1: made, not connected, operations fail at once */
  ok = sip_simple_redis_location_new ("redis://127.0.0.1:1/3", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sip_simple_redis_location_get_uri (ok), ==, "redis://127.0.0.1:1/3");
  g_assert_cmpstr (sip_simple_redis_location_get_prefix (ok), ==, "sipsimple:location:");
  g_assert_false (sip_simple_redis_location_is_connected (ok));
  g_assert_null (test_location_run (ok, FALSE, "a@b", NULL, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED);
}

/* What tests/agent/location-test.c asks of the memory backend, and
 * everything a binding holds coming back from Redis */
static void
test_basics (Server *server, gconstpointer data)
{
  g_autoptr (SipSimpleRedisLocation) redis = connected_location (server, "");

  test_location_behaviours (SIP_SIMPLE_LOCATION (redis));
  test_location_fields (redis);
}

/* The key's TTL follows the latest binding; expired bindings are never
 * returned and go with the next update; a key with nothing left goes */
static void
test_expiry (Server *server, gconstpointer data)
{
  g_autoptr (SipSimpleRedisLocation) loc = connected_location (server, "");
  g_autoptr (GPtrArray) in = test_bindings_new ();
  g_autoptr (GPtrArray) out = NULL;
  redisContext *raw = raw_client (server);
  redisReply   *reply;

  g_ptr_array_add (in, test_binding ("sip:carol@192.0.2.1", 1, -1));
  g_ptr_array_add (in, test_binding ("sip:carol@192.0.2.2", 100, -1));
  out = test_location_update (loc, "carol@example.com", in, FALSE);
  g_assert_cmpuint (out->len, ==, 2);
  g_clear_pointer (&out, g_ptr_array_unref);

  reply = redisCommand (raw, "TTL sipsimple:location:carol@example.com");
  g_assert_cmpint (reply->type, ==, REDIS_REPLY_INTEGER);
  g_assert_cmpint (reply->integer, >, 90);
  g_assert_cmpint (reply->integer, <=, 101);
  freeReplyObject (reply);

  g_usleep (2100 * 1000);
  out = test_location_lookup (loc, "carol@example.com");
  g_assert_cmpuint (out->len, ==, 1);
  g_assert_cmpstr (test_binding_contact (out, 0), ==, "sip:carol@192.0.2.2");
  g_clear_pointer (&out, g_ptr_array_unref);
  /* still stored until an update purges it */
  reply = redisCommand (raw, "HLEN sipsimple:location:carol@example.com");
  g_assert_cmpint (reply->integer, ==, 3); /* :version and two bindings */
  freeReplyObject (reply);
  out = test_location_update (loc, "carol@example.com", NULL, FALSE);
  g_assert_cmpuint (out->len, ==, 1);
  g_clear_pointer (&out, g_ptr_array_unref);
  reply = redisCommand (raw, "HLEN sipsimple:location:carol@example.com");
  g_assert_cmpint (reply->integer, ==, 2);
  freeReplyObject (reply);

  /* the whole key expires with its last binding */
  g_ptr_array_set_size (in, 0);
  g_ptr_array_add (in, test_binding ("sip:carol@192.0.2.2", 1, -1));
  out = test_location_update (loc, "carol@example.com", in, FALSE);
  g_clear_pointer (&out, g_ptr_array_unref);
  g_usleep (2100 * 1000);
  reply = redisCommand (raw, "EXISTS sipsimple:location:carol@example.com");
  g_assert_cmpint (reply->integer, ==, 0);
  freeReplyObject (reply);

  /* remove_all with nothing new: the key goes at once */
  g_ptr_array_set_size (in, 0);
  g_ptr_array_add (in, test_binding ("sip:carol@192.0.2.3", 60, -1));
  out = test_location_update (loc, "carol@example.com", in, FALSE);
  g_clear_pointer (&out, g_ptr_array_unref);
  out = test_location_update (loc, "carol@example.com", NULL, TRUE);
  g_assert_cmpuint (out->len, ==, 0);
  reply = redisCommand (raw, "EXISTS sipsimple:location:carol@example.com");
  g_assert_cmpint (reply->integer, ==, 0);
  freeReplyObject (reply);
  redisFree (raw);
}

static gpointer
new_location (gpointer server)
{
  return sip_simple_redis_location_new (((Server *)server)->uri, NULL);
}

/* Two locations on one server see each other's bindings, and writers of
 * one AoR racing each other lose nothing; the database index and the
 * prefix keep bindings apart */
static void
test_shared (Server *server, gconstpointer data)
{
  g_autoptr (SipSimpleRedisLocation) a = connected_location (server, "");
  g_autoptr (SipSimpleRedisLocation) b = connected_location (server, "/0");
  g_autoptr (SipSimpleRedisLocation) other_db = connected_location (server, "/2");
  g_autoptr (SipSimpleRedisLocation) other_prefix = connected_location (server, "");
  g_autoptr (GPtrArray) out = NULL;

  test_location_shared (a, b, new_location, server, is_connected);
  out = test_location_lookup (other_db, "dave@example.com");
  g_assert_cmpuint (out->len, ==, 0);
  g_clear_pointer (&out, g_ptr_array_unref);
  sip_simple_redis_location_set_prefix (other_prefix, "elsewhere:");
  g_assert_cmpstr (sip_simple_redis_location_get_prefix (other_prefix), ==, "elsewhere:");
  out = test_location_lookup (other_prefix, "dave@example.com");
  g_assert_cmpuint (out->len, ==, 0);
  g_clear_pointer (&out, g_ptr_array_unref);

  test_location_concurrent (a, b);
}

/* A change with the Call-ID of the stored binding and a CSeq not above
 * its own is not applied (another instance stored a newer one) */
static void
test_ordering (Server *server, gconstpointer data)
{
  g_autoptr (SipSimpleRedisLocation) loc = connected_location (server, "");

  test_location_ordering (loc);
}

/* What is not our serialization is an error, never a crash */
static void
test_malformed (Server *server, gconstpointer data)
{
  g_autoptr (SipSimpleRedisLocation) loc = connected_location (server, "");
  redisContext *raw = raw_client (server);
  const char   *values[] = { "garbage",
                             "{'contact': <'sip:x@192.0.2.1'>}",
                             "{'contact': <'not a uri'>, 'expires': <int64 99999999999>}",
                             "{'contact': <int32 5>, 'expires': <int64 1>}",
                             "",
                             "{'a':",
                             NULL };

  for (guint i = 0; values[i]; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) in = test_bindings_new ();

      freeReplyObject (redisCommand (raw, "DEL sipsimple:location:mal@example.com"));
      freeReplyObject (redisCommand (raw, "HSET sipsimple:location:mal@example.com %s %s",
                                     "sip:x@192.0.2.1", values[i]));
      g_assert_null (test_location_run (loc, FALSE, "mal@example.com", NULL, FALSE, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_clear_error (&error);
      g_ptr_array_add (in, test_binding ("sip:y@192.0.2.1", 60, -1));
      g_assert_null (test_location_run (loc, TRUE, "mal@example.com", in, FALSE, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    }

  /* a key of another type */
  {
    g_autoptr (GError) error = NULL;
    freeReplyObject (redisCommand (raw, "SET sipsimple:location:str@example.com hello"));
    g_assert_null (test_location_run (loc, FALSE, "str@example.com", NULL, FALSE, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  }
  redisFree (raw);
}

static void
server_kill_cb (gpointer server)
{
  server_kill (server);
}

static void
server_start_cb (gpointer server)
{
  server_start (server);
}

static gpointer
connected_cb (gpointer server)
{
  return connected_location (server, "");
}

/* The server dies: operations fail at once with a connection error;
 * it comes back: the location reconnects by itself */
static void
test_restart (Server *server, gconstpointer data)
{
  g_autoptr (SipSimpleRedisLocation) loc = connected_location (server, "");
  TestLocationServer control = { server_kill_cb, server_start_cb, is_connected, server };

  test_location_outage (loc, &control);
}

/* The last reference dropped with operations pending and while
 * reconnecting: no crash, no leak (ASan) */
static void
test_unref_pending (Server *server, gconstpointer data)
{
  TestLocationServer control = { server_kill_cb, server_start_cb, is_connected, server };

  test_location_unref_pending (connected_cb, &control);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/agent/redis-location/uri", test_uri);
#define ADD(name, fn)                                                                              \
  g_test_add ("/agent/redis-location/" name, Server, NULL, server_setup, fn, server_teardown)
  ADD ("basics", test_basics);
  ADD ("expiry", test_expiry);
  ADD ("shared", test_shared);
  ADD ("ordering", test_ordering);
  ADD ("malformed", test_malformed);
  ADD ("restart", test_restart);
  ADD ("unref-pending", test_unref_pending);
#undef ADD
  return g_test_run ();
}
