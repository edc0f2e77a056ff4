/* Unit tests of SipSimplePostgresLocation against a real PostgreSQL that
 * the test starts (initdb and postgres as the postgres user when run as
 * root, a temporary directory, a Unix socket only) and stops: the memory
 * backend's behaviours, two locations sharing one database, expiry,
 * concurrent writers, Call-ID/CSeq ordering, malformed rows, and a server
 * that stops and comes back. Each test has a database of its own.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "test-utils.h"

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

/* The one server of the run */
static struct
{
  char        *bindir;
  char        *dir;  /* data/ and the socket */
  guint        port; /* names the socket */
  GSubprocess *proc;
  uid_t        uid; /* whom the server runs as */
  gid_t        gid;
  guint        databases;
} pg;

typedef struct
{
  char *conninfo;
} Fixture;

static void
child_setup (gpointer data)
{
  /* as the postgres user (initdb and postgres refuse root), then gone
   * with the test even when an assertion aborts it (a change of
   * credentials clears the parent-death signal: set it after) */
  if (getuid () == 0 && (setgid (pg.gid) != 0 || setuid (pg.uid) != 0))
    _exit (127);
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static GSubprocess *
spawn (GError **error, const char *program, ...)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (
      G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  const char *arg;
  va_list     ap;

  g_ptr_array_add (argv, g_build_filename (pg.bindir, program, NULL));
  va_start (ap, program);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_set_cwd (launcher, pg.dir);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C", TRUE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  return g_subprocess_launcher_spawnv (launcher, (const char *const *)argv->pdata, error);
}

static char *
conninfo_for (const char *dbname)
{
  return g_strdup_printf ("host=%s port=%u user=postgres dbname=%s connect_timeout=5", pg.dir,
                          pg.port, dbname);
}

/* A synchronous client for what the test checks or plants behind the
 * location's back */
static PGconn *
raw_client (const char *conninfo)
{
  PGconn *c = PQconnectdb (conninfo);

  if (PQstatus (c) != CONNECTION_OK)
    {
      PQfinish (c);
      return NULL;
    }
  return c;
}

/* A statement that must succeed; its first value, or NULL */
static char *
raw_exec (PGconn *c, const char *sql)
{
  PGresult *r = PQexec (c, sql);
  char     *value = NULL;

  g_assert_cmpint (PQresultStatus (r) == PGRES_COMMAND_OK || PQresultStatus (r) == PGRES_TUPLES_OK,
                   ==, TRUE);
  if (PQntuples (r) > 0 && PQnfields (r) > 0)
    value = g_strdup (PQgetvalue (r, 0, 0));
  PQclear (r);
  return value;
}

static void
server_start (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *port = g_strdup_printf ("%u", pg.port);
  g_autofree char *data = g_build_filename (pg.dir, "data", NULL);
  g_autofree char *ci = conninfo_for ("postgres");

  pg.proc = spawn (&error, "postgres", "-D", data, "-k", pg.dir, "-p", port, "-c",
                   "listen_addresses=", "-F", NULL);
  g_assert_no_error (error);
  for (int i = 0; i < 200; i++)
    {
      PGconn *c = raw_client (ci);
      if (c != NULL)
        {
          PQfinish (c);
          return;
        }
      g_usleep (50 * 1000);
    }
  g_error ("PostgreSQL did not start in %s", pg.dir);
}

/* A fast shutdown: the server tells its clients and closes */
static void
server_stop (void)
{
  g_subprocess_send_signal (pg.proc, SIGINT);
  g_subprocess_wait (pg.proc, NULL, NULL);
  g_clear_object (&pg.proc);
}

/* Debian's /usr/lib/postgresql/VERSION/bin, the newest version */
static char *
newest_bindir (void)
{
  g_autoptr (GDir) dir = g_dir_open ("/usr/lib/postgresql", 0, NULL);
  const char *name;
  guint64     best = 0, n;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_ascii_string_to_unsigned (name, 10, 1, G_MAXUINT, &n, NULL) && n > best)
      best = n;
  g_assert_cmpuint (best, >, 0); /* Debian package postgresql */
  return g_strdup_printf ("/usr/lib/postgresql/%" G_GUINT64_FORMAT "/bin", best);
}

static gboolean
server_init (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) initdb = NULL;
  g_autofree char *data = NULL;
  struct passwd   *pw;

  pg.bindir = g_strdup (g_getenv ("PG_BINDIR"));
  if (pg.bindir == NULL)
    pg.bindir = newest_bindir ();
  pg.uid = getuid ();
  pg.gid = getgid ();
  if (pg.uid == 0)
    {
      pw = getpwnam ("postgres");
      g_assert_nonnull (pw);
      pg.uid = pw->pw_uid;
      pg.gid = pw->pw_gid;
    }
  pg.dir = g_dir_make_tmp ("postgres-location-test-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_cmpint (chown (pg.dir, pg.uid, pg.gid), ==, 0);
  pg.port = test_free_tcp_port ();
  data = g_build_filename (pg.dir, "data", NULL);
  initdb = spawn (&error, "initdb", "-D", data, "-A", "trust", "-U", "postgres", "--no-sync",
                  "--no-locale", "-E", "UTF8", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (initdb, NULL, &error));
  g_assert_no_error (error);
  server_start ();
  return TRUE;
}

static void
server_cleanup (void)
{
  g_autoptr (GSubprocess) rm = NULL;

  if (pg.proc != NULL)
    server_stop ();
  rm = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, NULL, "rm", "-rf", pg.dir, NULL);
  if (rm != NULL)
    g_subprocess_wait (rm, NULL, NULL);
  g_free (pg.dir);
  g_free (pg.bindir);
}

/* A database of its own for each test */
static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autofree char *admin = conninfo_for ("postgres");
  g_autofree char *name = g_strdup_printf ("t%u", ++pg.databases);
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s", name);
  PGconn          *c = raw_client (admin);

  g_assert_nonnull (c);
  g_free (raw_exec (c, sql));
  PQfinish (c);
  f->conninfo = conninfo_for (name);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (pg.proc == NULL)
    server_start ();
  g_free (f->conninfo);
}

static gboolean
is_connected (gpointer loc)
{
  return sip_simple_postgres_location_is_connected (loc);
}

/* A location on @conninfo, connected */
static SipSimplePostgresLocation *
connected_location (const char *conninfo)
{
  g_autoptr (GError) error = NULL;
  SipSimplePostgresLocation *loc = sip_simple_postgres_location_new (conninfo, &error);

  g_assert_no_error (error);
  return test_location_connected (loc, is_connected);
}

static guint
count_rows (PGconn *c, const char *aor)
{
  const char *params[] = { aor };
  PGresult   *r = PQexecParams (c, "SELECT count(*) FROM location WHERE aor = $1", 1, NULL, params,
                                NULL, NULL, 0);
  guint       n;

  g_assert_cmpint (PQresultStatus (r), ==, PGRES_TUPLES_OK);
  n = (guint)g_ascii_strtoull (PQgetvalue (r, 0, 0), NULL, 10);
  PQclear (r);
  return n;
}

static void
test_conninfo (void)
{
  const char *bad[] = { "garbage", "nosuchoption=1", "postgresql://[", "host", NULL };
  g_autoptr (SipSimplePostgresLocation) loc = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; bad[i]; i++)
    {
      g_autoptr (GError) e = NULL;
      g_assert_null (sip_simple_postgres_location_new (bad[i], &e));
      g_assert_error (e, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    }
  /* nobody there: made, not connected, operations fail with a
   * connection error */
  loc = sip_simple_postgres_location_new ("postgresql://127.0.0.1:1/sip", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sip_simple_postgres_location_get_conninfo (loc), ==,
                   "postgresql://127.0.0.1:1/sip");
  g_assert_null (test_location_run (loc, FALSE, "a@example.com", NULL, FALSE, &error));
  g_assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED));
  g_assert_false (sip_simple_postgres_location_is_connected (loc));
}

static void
test_basics (Fixture *f, gconstpointer data)
{
  g_autoptr (SipSimplePostgresLocation) loc = connected_location (f->conninfo);

  test_location_behaviours (SIP_SIMPLE_LOCATION (loc));
  test_location_fields (loc);
}

/* Expired bindings are never returned and their rows go with the next
 * update of their AoR, or the purge; removing all leaves no row */
static void
test_expiry (Fixture *f, gconstpointer data)
{
  g_autoptr (SipSimplePostgresLocation) loc = connected_location (f->conninfo);
  g_autoptr (GPtrArray) in = test_bindings_new ();
  g_autoptr (GPtrArray) out = NULL;
  PGconn *raw = raw_client (f->conninfo);

  g_assert_nonnull (raw);
  g_ptr_array_add (in, test_binding ("sip:carol@192.0.2.1", 1, -1));
  g_ptr_array_add (in, test_binding ("sip:carol@192.0.2.2", 100, -1));
  out = test_location_update (loc, "carol@example.com", in, FALSE);
  g_assert_cmpuint (out->len, ==, 2);
  g_clear_pointer (&out, g_ptr_array_unref);
  g_assert_cmpuint (count_rows (raw, "carol@example.com"), ==, 2);

  g_usleep (2100 * 1000);
  out = test_location_lookup (loc, "carol@example.com");
  g_assert_cmpuint (out->len, ==, 1);
  g_assert_cmpstr (test_binding_contact (out, 0), ==, "sip:carol@192.0.2.2");
  g_clear_pointer (&out, g_ptr_array_unref);
  g_assert_cmpuint (count_rows (raw, "carol@example.com"), ==, 2); /* until an update */
  out = test_location_update (loc, "carol@example.com", NULL, FALSE);
  g_assert_cmpuint (out->len, ==, 1);
  g_clear_pointer (&out, g_ptr_array_unref);
  g_assert_cmpuint (count_rows (raw, "carol@example.com"), ==, 1);

  out = test_location_update (loc, "carol@example.com", NULL, TRUE);
  g_assert_cmpuint (out->len, ==, 0);
  g_assert_cmpuint (count_rows (raw, "carol@example.com"), ==, 0);

  /* rows that expired with nobody updating their AoR go when a location
   * connects (and every minute): the live ones stay */
  g_free (raw_exec (raw, "INSERT INTO location (aor, contact, expires) VALUES"
                         " ('old@example.com', 'sip:old@192.0.2.1', 1),"
                         " ('old@example.com', 'sip:old@192.0.2.2', 99999999999)"));
  {
    g_autoptr (SipSimplePostgresLocation) fresh = connected_location (f->conninfo);
    gint64 deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

    while (count_rows (raw, "old@example.com") != 1 && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, FALSE), g_usleep (1000);
    g_assert_cmpuint (count_rows (raw, "old@example.com"), ==, 1);
  }
  PQfinish (raw);
}

static gpointer
new_location (gpointer f)
{
  return sip_simple_postgres_location_new (((Fixture *)f)->conninfo, NULL);
}

/* Two locations on one database see each other's bindings, and writers
 * of one AoR racing each other lose nothing; another database is apart */
static void
test_shared (Fixture *f, gconstpointer data)
{
  g_autoptr (SipSimplePostgresLocation) a = connected_location (f->conninfo);
  g_autoptr (SipSimplePostgresLocation) b = connected_location (f->conninfo);
  g_autoptr (GPtrArray) out = NULL;

  test_location_shared (a, b, new_location, f, is_connected);
  /* another database (its own table, created on first use) */
  {
    Fixture other;
    fixture_setup (&other, NULL);
    {
      g_autoptr (SipSimplePostgresLocation) elsewhere = connected_location (other.conninfo);
      out = test_location_lookup (elsewhere, "dave@example.com");
      g_assert_cmpuint (out->len, ==, 0);
      g_clear_pointer (&out, g_ptr_array_unref);
    }
    fixture_teardown (&other, NULL);
  }

  test_location_concurrent (a, b);
}

/* A change with the Call-ID of the stored binding and a CSeq not above
 * its own is not applied (another instance stored a newer one) */
static void
test_ordering (Fixture *f, gconstpointer data)
{
  g_autoptr (SipSimplePostgresLocation) loc = connected_location (f->conninfo);

  test_location_ordering (loc);
}

/* A row that is not a binding is an error, never a crash; an SQL error
 * (the table gone) fails the operation, and the next one works again */
static void
test_malformed (Fixture *f, gconstpointer data)
{
  g_autoptr (SipSimplePostgresLocation) loc = connected_location (f->conninfo);
  g_autoptr (GPtrArray) in = test_bindings_new ();
  g_autoptr (GPtrArray) out = NULL;
  g_autoptr (GError) error = NULL;
  PGconn *raw = raw_client (f->conninfo);

  g_free (raw_exec (raw, "INSERT INTO location (aor, contact, expires) VALUES"
                         " ('mal@example.com', 'not a uri', 99999999999)"));
  g_assert_null (test_location_run (loc, FALSE, "mal@example.com", NULL, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_ptr_array_add (in, test_binding ("sip:y@192.0.2.1", 60, -1));
  g_assert_null (test_location_run (loc, TRUE, "mal@example.com", in, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  /* the update was rolled back: the lock is free for the next one */
  g_free (raw_exec (raw, "DELETE FROM location"));
  out = test_location_update (loc, "mal@example.com", in, FALSE);
  g_assert_cmpuint (out->len, ==, 1);
  g_clear_pointer (&out, g_ptr_array_unref);

  g_free (raw_exec (raw, "ALTER TABLE location RENAME TO elsewhere"));
  g_assert_null (test_location_run (loc, TRUE, "mal@example.com", in, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);
  g_free (raw_exec (raw, "ALTER TABLE elsewhere RENAME TO location"));
  out = test_location_lookup (loc, "mal@example.com");
  g_assert_cmpuint (out->len, ==, 1);
  PQfinish (raw);
}

static void
server_stop_cb (gpointer data)
{
  server_stop ();
}

static void
server_start_cb (gpointer data)
{
  server_start ();
}

static gpointer
connected_cb (gpointer f)
{
  return connected_location (((Fixture *)f)->conninfo);
}

/* The server stops: operations fail at once with a connection error; it
 * comes back: the location reconnects by itself */
static void
test_restart (Fixture *f, gconstpointer data)
{
  g_autoptr (SipSimplePostgresLocation) loc = connected_location (f->conninfo);
  TestLocationServer control = { server_stop_cb, server_start_cb, is_connected, f };

  test_location_outage (loc, &control);
}

/* The last reference dropped with operations pending and while
 * reconnecting: no crash, no leak (ASan) */
static void
test_unref_pending (Fixture *f, gconstpointer data)
{
  TestLocationServer control = { server_stop_cb, server_start_cb, is_connected, f };

  test_location_unref_pending (connected_cb, &control);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/agent/postgres-location/conninfo", test_conninfo);
#define ADD(name, fn)                                                                              \
  g_test_add ("/agent/postgres-location/" name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("basics", test_basics);
  ADD ("expiry", test_expiry);
  ADD ("shared", test_shared);
  ADD ("ordering", test_ordering);
  ADD ("malformed", test_malformed);
  ADD ("restart", test_restart);
  ADD ("unref-pending", test_unref_pending);
#undef ADD
  server_init ();
  status = g_test_run ();
  server_cleanup ();
  return status;
}
