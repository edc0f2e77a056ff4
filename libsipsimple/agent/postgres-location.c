/* libsipsimple - SipSimplePostgresLocation: the Location interface on
 * PostgreSQL, through libpq's asynchronous API driven from the GLib main loop
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/agent/postgres-location.h>
#include <sipsimple/agent/binding.h>
#include <sipsimple/agent/location.h>
#include <sipsimple/sip/uri.h>
#include "engine/context-source-internal.h"
#include "agent-private.h"

#include <libpq-fe.h>
#include <string.h>

/**
 * SipSimplePostgresLocation:
 *
 * A [iface@SipSimple.Location] kept in PostgreSQL, so that several server
 * instances share their bindings and a restarted instance forgets
 * nothing. It talks to the database through one connection that the main
 * loop (the thread-default main context at construction) drives; no
 * operation blocks it.
 *
 * The data: one row per binding in the table `location`, which the
 * location creates when it first connects:
 *
 * ```sql
 * CREATE TABLE IF NOT EXISTS location (
 *   aor        text NOT NULL,
 *   contact    text NOT NULL,
 *   expires    bigint NOT NULL,   -- absolute, seconds since the epoch
 *   q          double precision,  -- NULL: no q-value given
 *   call_id    text,
 *   cseq       bigint,
 *   path       text[],
 *   received   text,
 *   user_agent text,
 *   position   integer NOT NULL DEFAULT 0, -- order among equal q-values
 *   PRIMARY KEY (aor, contact));
 * CREATE INDEX IF NOT EXISTS location_expires ON location (expires);
 * ```
 *
 * An update runs in one transaction that first takes an advisory lock on
 * the AoR (`pg_advisory_xact_lock`), reads its rows, applies the changes
 * (the rules of [method@SipSimple.Location.update_async], contact URIs
 * compared as RFC 3261 says) and writes the result back, so two instances
 * updating one AoR never lose a binding. A change that carries the
 * Call-ID of the stored binding and a CSeq not above its CSeq is not
 * applied (RFC 3261 section 10.3 step 7). Expired bindings are never
 * returned; an update drops its AoR's, and on connecting and every minute
 * the location deletes all expired rows.
 *
 * When the connection is lost, the operations waiting for the database and
 * new ones fail at once with a #GIOError (%G_IO_ERROR_CONNECTION_CLOSED,
 * %G_IO_ERROR_NOT_CONNECTED; %G_IO_ERROR_TIMED_OUT for an answer that does
 * not come within 3 s, after which the location reconnects), and the
 * location reconnects in the background, waiting longer after each failed
 * attempt (up to 5 s). An SQL error gives %G_IO_ERROR_FAILED, a row that
 * is not a binding %G_IO_ERROR_INVALID_DATA.
 *
 * libpq looks a host name up (DNS) without the main loop when it
 * connects: where that may be slow, give the server's address
 * (`hostaddr=`, or an IP address in the URI) or a Unix socket directory.
 *
 * Since: 0.1
 */

#define OP_TIMEOUT_MS 3000
#define PURGE_INTERVAL_S 60

/* A constant key for the advisory lock around the schema creation, so
 * that instances starting together do not race in CREATE TABLE */
#define SCHEMA_SQL                                                                                 \
  "BEGIN;"                                                                                         \
  "SELECT pg_advisory_xact_lock(7236272013);"                                                      \
  "CREATE TABLE IF NOT EXISTS location ("                                                          \
  " aor text NOT NULL, contact text NOT NULL, expires bigint NOT NULL,"                            \
  " q double precision, call_id text, cseq bigint, path text[], received text,"                    \
  " user_agent text, position integer NOT NULL DEFAULT 0,"                                         \
  " PRIMARY KEY (aor, contact));"                                                                  \
  "CREATE INDEX IF NOT EXISTS location_expires ON location (expires);"                             \
  "COMMIT"

#define COLUMNS                                                                                    \
  "contact, expires, q, call_id, cseq, array_to_string(path, E'\\n'), received, user_agent"

typedef enum
{
  OP_LOOKUP,
  OP_UPDATE,
  OP_INTERNAL, /* schema, purge: no task */
} OpKind;

typedef enum
{
  ROLE_PLAIN,
  ROLE_BEGIN,
  ROLE_READ,
  ROLE_COMMIT,
  ROLE_ROLLBACK,
  ROLE_SCHEMA_CHECK, /* whether the table is there */
  ROLE_SCHEMA,
} Role;

typedef struct
{
  const char *sql;
  GPtrArray  *params; /* NULL: sent as a (multi-statement) simple query */
  Role        role;
} Stmt;

typedef struct _Op Op;

struct _SipSimplePostgresLocation
{
  GObject            parent_instance;
  char              *conninfo;
  char              *where; /* for messages: the connection string without its password */
  GMainContext      *context;
  PGconn            *conn;       /* NULL while down */
  gboolean           connecting; /* PQconnectPoll under way */
  gboolean           ready;      /* connected: statements may go */
  gboolean           schema;     /* the table is there */
  gboolean           busy;       /* a statement of the first operation is in flight */
  gboolean           stepping;   /* handling a result: no statement goes before it is done */
  gboolean           reported;   /* the outage was logged */
  gboolean           finalizing;
  PGresult          *pending; /* the result of the statement in flight (the first error if any) */
  GSource           *io;
  int                io_fd;
  gpointer           io_tag;
  SipSimpleReconnect retry;
  GSource           *connect_timer;
  GSource           *purge;
  GQueue             ops; /* one after the other on the connection */
};

struct _Op
{
  SipSimplePostgresLocation *self; /* no reference: the task has one */
  GTask                     *task; /* NULL once finished */
  GSource                   *timeout;
  OpKind                     kind;
  char                      *aor;
  GPtrArray                 *changes;
  gboolean                   remove_all;
  GPtrArray                 *result; /* the bindings written */
  GQueue                     stmts;  /* still to send */
  Role                       role;   /* of the statement in flight */
  gboolean                   in_transaction;
};

enum
{
  PROP_0,
  PROP_CONNINFO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void location_iface_init (SipSimpleLocationInterface *iface);
static void initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SipSimplePostgresLocation, sip_simple_postgres_location,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SIP_SIMPLE_TYPE_LOCATION, location_iface_init)
                                   G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, initable_iface_init))

static void connect_now (SipSimplePostgresLocation *self);
static void connection_down (SipSimplePostgresLocation *self, const char *why);
static void pump (SipSimplePostgresLocation *self);

/* ---- statements and operations ------------------------------------------------ */

static void
stmt_free (Stmt *s)
{
  if (s->params != NULL)
    g_ptr_array_unref (s->params);
  g_free (s);
}

/* Appends a statement; the parameters (strings or NULL for SQL NULL) are
 * taken, @n_params of them; -1: a simple query, several statements
 * without parameters */
static void
op_add (Op *op, Role role, const char *sql, int n_params, ...)
{
  Stmt   *s = g_new0 (Stmt, 1);
  va_list ap;

  s->sql = sql;
  s->role = role;
  if (n_params >= 0)
    {
      s->params = g_ptr_array_new_with_free_func (g_free);
      va_start (ap, n_params);
      for (int i = 0; i < n_params; i++)
        g_ptr_array_add (s->params, va_arg (ap, char *));
      va_end (ap);
    }
  g_queue_push_tail (&op->stmts, s);
}

static void
op_free (Op *op)
{
  sip_simple_source_clear (&op->timeout);
  g_clear_object (&op->task);
  g_free (op->aor);
  if (op->changes != NULL)
    g_ptr_array_unref (op->changes);
  if (op->result != NULL)
    g_ptr_array_unref (op->result);
  g_queue_clear_full (&op->stmts, (GDestroyNotify)stmt_free);
  g_free (op);
}

/* Finishes the task (once); the Op itself stays until its statements are done */
static void
op_return (Op *op, GPtrArray *bindings, GError *error)
{
  sip_simple_source_clear (&op->timeout);
  sip_simple_location_task_return (&op->task, bindings, error);
}

static gboolean
op_timed_out (gpointer data)
{
  Op                        *op = data;
  SipSimplePostgresLocation *self = g_object_ref (op->self);
  gboolean                   in_flight = self->busy && g_queue_peek_head (&self->ops) == op;

  g_clear_pointer (&op->timeout, g_source_unref);
  op_return (op, NULL,
             g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                          "PostgreSQL at %s did not answer in time", self->where));
  if (in_flight)
    connection_down (self, "no answer in time"); /* frees the Op with the others */
  else if (g_queue_remove (&self->ops, op))
    op_free (op);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

/* A row of COLUMNS as a binding */
static SipSimpleBinding *
binding_from_row (PGresult *res, int row, GError **error)
{
  g_autoptr (SipSimpleUri) contact = NULL;
  g_auto (GStrv) path = NULL;
  SipSimpleBinding *b;
  gint64            n;

  contact = sip_simple_uri_parse (PQgetvalue (res, row, 0), NULL);
  if (contact == NULL || PQgetisnull (res, row, 1)
      || !g_ascii_string_to_signed (PQgetvalue (res, row, 1), 10, 0, G_MAXINT64, &n, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The PostgreSQL location has a row that is not a binding (contact %s)",
                   PQgetvalue (res, row, 0));
      return NULL;
    }
  b = sip_simple_binding_new (contact);
  sip_simple_binding_set_expires_at (b, n);
  if (!PQgetisnull (res, row, 2))
    sip_simple_binding_set_q (b, CLAMP (g_ascii_strtod (PQgetvalue (res, row, 2), NULL), 0.0, 1.0));
  if (!PQgetisnull (res, row, 3))
    sip_simple_binding_set_call_id (b, PQgetvalue (res, row, 3));
  if (!PQgetisnull (res, row, 4))
    sip_simple_binding_set_cseq (b, (guint32)g_ascii_strtoull (PQgetvalue (res, row, 4), NULL, 10));
  if (!PQgetisnull (res, row, 5) && *PQgetvalue (res, row, 5) != '\0')
    {
      path = g_strsplit (PQgetvalue (res, row, 5), "\n", -1);
      sip_simple_binding_set_path (b, (const char *const *)path);
    }
  if (!PQgetisnull (res, row, 6))
    sip_simple_binding_set_received (b, PQgetvalue (res, row, 6));
  if (!PQgetisnull (res, row, 7))
    sip_simple_binding_set_user_agent (b, PQgetvalue (res, row, 7));
  return b;
}

static GPtrArray *
bindings_from_result (PGresult *res, GError **error)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify)sip_simple_binding_unref);

  for (int i = 0; i < PQntuples (res); i++)
    {
      SipSimpleBinding *b = binding_from_row (res, i, error);
      if (b == NULL)
        {
          g_ptr_array_unref (list);
          return NULL;
        }
      g_ptr_array_add (list, b);
    }
  return list;
}

static char *
int_param (gint64 n)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, n);
}

/* The stored bindings of an update were read: the writes that replace them */
static void
op_plan_writes (Op *op, GPtrArray *list)
{
  g_autoptr (GPtrArray) changes = sip_simple_location_in_order_changes (op->changes, list);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint   position = 0;

  sip_simple_location_apply (list, changes, op->remove_all);
  op_add (op, ROLE_PLAIN, "DELETE FROM location WHERE aor = $1", 1, g_strdup (op->aor));
  op->result = g_ptr_array_new_with_free_func ((GDestroyNotify)sip_simple_binding_unref);
  for (guint i = 0; i < list->len; i++)
    {
      SipSimpleBinding  *b = list->pdata[i];
      const char *const *path = sip_simple_binding_get_path (b);
      char               q[G_ASCII_DTOSTR_BUF_SIZE];

      if (sip_simple_binding_get_expires_at (b) <= now)
        continue; /* the purge */
      op_add (op, ROLE_PLAIN,
              "INSERT INTO location (aor, contact, expires, q, call_id, cseq, path, received,"
              " user_agent, position) VALUES ($1, $2, $3::bigint, $4::double precision, $5,"
              " $6::bigint, string_to_array($7, E'\\n'), $8, $9, $10::integer)",
              10, g_strdup (op->aor), sip_simple_uri_to_string (sip_simple_binding_get_contact (b)),
              int_param (sip_simple_binding_get_expires_at (b)),
              sip_simple_binding_has_q (b)
                  ? g_strdup (g_ascii_dtostr (q, sizeof q, sip_simple_binding_get_q (b)))
                  : NULL,
              g_strdup (sip_simple_binding_get_call_id (b)),
              sip_simple_binding_get_call_id (b) != NULL
                  ? int_param (sip_simple_binding_get_cseq (b))
                  : NULL,
              path != NULL && path[0] != NULL ? g_strjoinv ("\n", (char **)path) : NULL,
              g_strdup (sip_simple_binding_get_received (b)),
              g_strdup (sip_simple_binding_get_user_agent (b)), int_param (position++));
      g_ptr_array_add (op->result, sip_simple_binding_ref (b));
    }
  op_add (op, ROLE_COMMIT, "COMMIT", 0);
}

/* The statement in flight of @op (the first operation) has its @res; @op
 * may be gone on return */
static void
op_step (Op *op, PGresult *res)
{
  SipSimplePostgresLocation *self = op->self;
  ExecStatusType             st = res != NULL ? PQresultStatus (res) : PGRES_FATAL_ERROR;
  GError                    *error = NULL;

  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
    {
      if (PQstatus (self->conn) == CONNECTION_BAD)
        {
          connection_down (self, PQerrorMessage (self->conn));
          return;
        }
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED, "PostgreSQL: %s",
                           res != NULL ? PQresultErrorMessage (res) : PQerrorMessage (self->conn));
      g_strchomp (error->message);
    }
  else
    switch (op->role)
      {
      case ROLE_BEGIN:
        op->in_transaction = TRUE;
        break;
      case ROLE_READ:
        {
          g_autoptr (GPtrArray) list = bindings_from_result (res, &error);

          if (list == NULL)
            break;
          if (op->kind == OP_LOOKUP)
            op_return (op, sip_simple_location_live_copies (list), NULL);
          else
            op_plan_writes (op, list);
        }
        break;
      case ROLE_COMMIT:
        op->in_transaction = FALSE;
        op_return (op, sip_simple_location_live_copies (op->result), NULL);
        break;
      case ROLE_ROLLBACK:
        op->in_transaction = FALSE;
        break;
      case ROLE_SCHEMA_CHECK:
        /* an existing table needs no CREATE privilege (which CREATE TABLE
         * IF NOT EXISTS would check first) */
        if (PQntuples (res) == 1 && strcmp (PQgetvalue (res, 0, 0), "t") == 0)
          self->schema = TRUE;
        else
          op_add (op, ROLE_SCHEMA, SCHEMA_SQL, -1);
        break;
      case ROLE_SCHEMA:
        self->schema = TRUE;
        break;
      case ROLE_PLAIN:
        break;
      }
  if (error != NULL)
    {
      if (op->kind == OP_INTERNAL) /* nobody waits for it to tell */
        g_message ("PostgreSQL location %s: %s", self->where, error->message);
      /* nothing more of this operation, but what it began is undone */
      g_queue_clear_full (&op->stmts, (GDestroyNotify)stmt_free);
      if (op->in_transaction && op->role != ROLE_ROLLBACK)
        op_add (op, ROLE_ROLLBACK, "ROLLBACK", 0);
      op_return (op, NULL, error);
    }
  if (g_queue_is_empty (&op->stmts))
    {
      g_queue_remove (&self->ops, op);
      op_free (op);
    }
}

/* ---- libpq in the main loop ----------------------------------------------------- */

typedef struct
{
  GSource                    source;
  SipSimplePostgresLocation *self; /* no reference: the location owns the source */
} PgSource;

static void
unwatch (SipSimplePostgresLocation *self)
{
  sip_simple_source_clear (&self->io);
  self->io_tag = NULL;
  self->io_fd = -1;
}

static gboolean pg_source_dispatch (GSource *source, GSourceFunc callback, gpointer data);

static GSourceFuncs pg_source_funcs = { NULL, NULL, pg_source_dispatch, NULL, NULL, NULL };

/* Watches the connection's socket (which libpq may change while it
 * connects) for @events */
static void
watch (SipSimplePostgresLocation *self, GIOCondition events)
{
  int fd = self->conn != NULL ? PQsocket (self->conn) : -1;

  if (self->io != NULL && self->io_fd != fd)
    unwatch (self);
  if (fd < 0)
    return;
  if (self->io == NULL)
    {
      self->io = g_source_new (&pg_source_funcs, sizeof (PgSource));
      ((PgSource *)self->io)->self = self;
      g_source_set_name (self->io, "sipsimple postgres connection");
      self->io_fd = fd;
      self->io_tag = g_source_add_unix_fd (self->io, fd, events);
      g_source_attach (self->io, self->context);
    }
  else
    g_source_modify_unix_fd (self->io, self->io_tag, events);
}

static void
flush (SipSimplePostgresLocation *self)
{
  int r = PQflush (self->conn);

  if (r < 0)
    connection_down (self, PQerrorMessage (self->conn));
  else
    watch (self, r == 1 ? G_IO_IN | G_IO_OUT : G_IO_IN);
}

static void
notice_ignored (void *data, const char *message)
{
  g_debug ("PostgreSQL: %s", message);
}

/* Deletes every expired row, of every AoR (after the operations queued) */
static void
queue_purge (SipSimplePostgresLocation *self)
{
  Op *op = g_new0 (Op, 1);

  op->self = self;
  op->kind = OP_INTERNAL;
  op_add (op, ROLE_PLAIN, "DELETE FROM location WHERE expires <= $1::bigint", 1,
          int_param (g_get_real_time () / G_USEC_PER_SEC));
  g_queue_push_tail (&self->ops, op);
  pump (self);
}

static gboolean
purge_cb (gpointer data)
{
  SipSimplePostgresLocation *self = data;

  if (self->ready && self->schema)
    queue_purge (self);
  return G_SOURCE_CONTINUE;
}

static void
connected (SipSimplePostgresLocation *self)
{
  Op *op = g_new0 (Op, 1);

  sip_simple_source_clear (&self->connect_timer);
  self->connecting = FALSE;
  self->ready = TRUE;
  sip_simple_reconnect_reset (&self->retry);
  if (self->reported)
    g_message ("PostgreSQL location %s: connected again", self->where);
  self->reported = FALSE;
  PQsetnonblocking (self->conn, 1);
  PQsetNoticeProcessor (self->conn, notice_ignored, NULL);
  /* the schema first, then what waited for the connection, then a purge
   * (what expired while this instance was away) */
  op->self = self;
  op->kind = OP_INTERNAL;
  op_add (op, ROLE_SCHEMA_CHECK, "SELECT to_regclass('location') IS NOT NULL", 0);
  g_queue_push_head (&self->ops, op);
  watch (self, G_IO_IN);
  queue_purge (self);
}

static void
connect_poll (SipSimplePostgresLocation *self)
{
  switch (PQconnectPoll (self->conn))
    {
    case PGRES_POLLING_READING:
      watch (self, G_IO_IN);
      break;
    case PGRES_POLLING_WRITING:
      watch (self, G_IO_OUT);
      break;
    case PGRES_POLLING_OK:
      connected (self);
      break;
    default:
      connection_down (self, PQerrorMessage (self->conn));
    }
}

/* Results as they come: each statement's ends with a NULL result */
static void
read_results (SipSimplePostgresLocation *self)
{
  while (self->conn != NULL && self->busy && !PQisBusy (self->conn))
    {
      PGresult *res = PQgetResult (self->conn);

      if (res == NULL)
        {
          PGresult *done = g_steal_pointer (&self->pending);

          self->busy = FALSE;
          self->stepping = TRUE;
          op_step (g_queue_peek_head (&self->ops), done);
          self->stepping = FALSE;
          if (done != NULL)
            PQclear (done);
          pump (self);
        }
      else if (self->pending == NULL || PQresultStatus (self->pending) == PGRES_COMMAND_OK
               || PQresultStatus (self->pending) == PGRES_TUPLES_OK)
        {
          if (self->pending != NULL)
            PQclear (self->pending);
          self->pending = res;
        }
      else
        PQclear (res); /* the first error tells */
    }
  if (self->conn != NULL && PQstatus (self->conn) == CONNECTION_BAD)
    connection_down (self, PQerrorMessage (self->conn));
}

static gboolean
pg_source_dispatch (GSource *source, GSourceFunc callback, gpointer data)
{
  SipSimplePostgresLocation *self = g_object_ref (((PgSource *)source)->self);
  GIOCondition               got = g_source_query_unix_fd (source, self->io_tag);

  /* a callback may drop the last outside reference: ours keeps the
   * location alive until this returns */
  if (self->connecting)
    connect_poll (self);
  else if (self->conn != NULL)
    {
      if (got & (G_IO_IN | G_IO_HUP | G_IO_ERR))
        {
          if (!PQconsumeInput (self->conn))
            connection_down (self, PQerrorMessage (self->conn));
          else
            read_results (self);
        }
      if (self->conn != NULL && (got & G_IO_OUT))
        flush (self);
    }
  g_object_unref (self);
  return G_SOURCE_CONTINUE;
}

/* ---- the connection ---------------------------------------------------------- */

static void
pump (SipSimplePostgresLocation *self)
{
  Op   *op;
  Stmt *s;
  int   sent;

  if (self->stepping || !self->ready || self->busy || (op = g_queue_peek_head (&self->ops)) == NULL)
    return;
  s = g_queue_pop_head (&op->stmts);
  op->role = s->role;
  if (s->params == NULL)
    sent = PQsendQuery (self->conn, s->sql);
  else
    sent = PQsendQueryParams (self->conn, s->sql, (int)s->params->len, NULL,
                              (const char *const *)s->params->pdata, NULL, NULL, 0);
  stmt_free (s);
  if (!sent)
    {
      connection_down (self, PQerrorMessage (self->conn));
      return;
    }
  self->busy = TRUE;
  flush (self);
}

static gboolean
retry_cb (gpointer data)
{
  SipSimplePostgresLocation *self = data;

  sip_simple_reconnect_fired (&self->retry);
  connect_now (self);
  return G_SOURCE_REMOVE;
}

/* The connection is gone (or could not be made): every operation fails,
 * a new attempt comes later */
static void
connection_down (SipSimplePostgresLocation *self, const char *why)
{
  gboolean         was_ready = self->ready;
  g_autofree char *reason = g_strchomp (g_strdup (why != NULL && *why ? why : "connection lost"));
  GQueue           ops = self->ops;
  Op              *op;

  g_object_ref (self);
  unwatch (self);
  sip_simple_source_clear (&self->connect_timer);
  g_clear_pointer (&self->pending, PQclear);
  g_clear_pointer (&self->conn, PQfinish);
  self->ready = self->connecting = self->busy = self->schema = FALSE;
  g_queue_init (&self->ops);
  if (!self->reported)
    g_message ("PostgreSQL location %s unavailable: %s (reconnecting)", self->where, reason);
  else
    g_debug ("PostgreSQL location %s: %s", self->where, reason);
  self->reported = TRUE;
  if (!self->finalizing)
    sip_simple_reconnect_schedule (&self->retry, self->context, retry_cb, self,
                                   "sipsimple postgres reconnect");
  while ((op = g_queue_pop_head (&ops)) != NULL)
    {
      op_return (
          op, NULL,
          was_ready
              ? g_error_new (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                             "Lost the connection to PostgreSQL at %s: %s", self->where, reason)
              : g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                             "Could not connect to PostgreSQL at %s: %s", self->where, reason));
      op_free (op);
    }
  g_object_unref (self);
}

static gboolean
connect_timed_out (gpointer data)
{
  SipSimplePostgresLocation *self = data;

  g_clear_pointer (&self->connect_timer, g_source_unref);
  connection_down (self, "no connection in time");
  return G_SOURCE_REMOVE;
}

static void
connect_now (SipSimplePostgresLocation *self)
{
  self->conn = PQconnectStart (self->conninfo);
  if (self->conn == NULL || PQstatus (self->conn) == CONNECTION_BAD)
    {
      connection_down (self, self->conn != NULL ? PQerrorMessage (self->conn) : "out of memory");
      return;
    }
  self->connecting = TRUE;
  self->connect_timer = g_timeout_source_new (OP_TIMEOUT_MS);
  g_source_set_callback (self->connect_timer, connect_timed_out, self, NULL);
  g_source_attach (self->connect_timer, self->context);
  /* libpq: start as if PQconnectPoll had asked to write */
  watch (self, G_IO_OUT);
}

/* ---- the interface --------------------------------------------------------------- */

static void
op_start (SipSimplePostgresLocation *self, const char *aor, GPtrArray *changes, gboolean remove_all,
          GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data, gpointer tag)
{
  Op   *op = g_new0 (Op, 1);
  char *now = int_param (g_get_real_time () / G_USEC_PER_SEC);

  op->self = self;
  op->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (op->task, tag);
  op->aor = g_strdup (aor);
  op->remove_all = remove_all;
  if (tag == NULL)
    {
      op->kind = OP_LOOKUP;
      op_add (op, ROLE_READ,
              "SELECT " COLUMNS " FROM location WHERE aor = $1 AND expires > $2::bigint"
              " ORDER BY position",
              2, g_strdup (aor), now);
    }
  else
    {
      op->kind = OP_UPDATE;
      g_free (now);
      op->changes = g_ptr_array_new_with_free_func ((GDestroyNotify)sip_simple_binding_unref);
      for (guint i = 0; changes != NULL && i < changes->len; i++)
        g_ptr_array_add (op->changes, sip_simple_binding_copy (changes->pdata[i]));
      op_add (op, ROLE_BEGIN, "BEGIN", 0);
      /* one writer of an AoR at a time, across instances, even when it
       * has no row yet (which SELECT ... FOR UPDATE would not lock) */
      op_add (op, ROLE_PLAIN, "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", 1,
              g_strdup (aor));
      op_add (op, ROLE_READ, "SELECT " COLUMNS " FROM location WHERE aor = $1 ORDER BY position", 1,
              g_strdup (aor));
    }
  /* no connection (between two attempts): the operation fails now rather
   * than after a timeout */
  if (self->conn == NULL)
    {
      op_return (op, NULL,
                 g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                              "Not connected to PostgreSQL at %s", self->where));
      op_free (op);
      return;
    }
  op->timeout = g_timeout_source_new (OP_TIMEOUT_MS);
  g_source_set_callback (op->timeout, op_timed_out, op, NULL);
  g_source_attach (op->timeout, self->context);
  g_queue_push_tail (&self->ops, op);
  pump (self);
}

static void
postgres_lookup_async (SipSimpleLocation *location, const char *aor, GCancellable *cancellable,
                       GAsyncReadyCallback callback, gpointer user_data)
{
  op_start (SIP_SIMPLE_POSTGRES_LOCATION (location), aor, NULL, FALSE, cancellable, callback,
            user_data, NULL);
}

static void
postgres_update_async (SipSimpleLocation *location, const char *aor, GPtrArray *bindings,
                       gboolean remove_all, GCancellable *cancellable, GAsyncReadyCallback callback,
                       gpointer user_data)
{
  op_start (SIP_SIMPLE_POSTGRES_LOCATION (location), aor, bindings, remove_all, cancellable,
            callback, user_data, postgres_update_async);
}

static void
location_iface_init (SipSimpleLocationInterface *iface)
{
  iface->lookup_async = postgres_lookup_async;
  iface->lookup_finish = sip_simple_location_task_finish;
  iface->update_async = postgres_update_async;
  iface->update_finish = sip_simple_location_task_finish;
}

/* ---- the object ------------------------------------------------------------------ */

static void
sip_simple_postgres_location_finalize (GObject *object)
{
  SipSimplePostgresLocation *self = SIP_SIMPLE_POSTGRES_LOCATION (object);

  self->finalizing = TRUE;
  sip_simple_source_clear (&self->retry.source);
  sip_simple_source_clear (&self->connect_timer);
  sip_simple_source_clear (&self->purge);
  unwatch (self);
  /* every operation with a task holds a reference: what is left is ours */
  g_queue_clear_full (&self->ops, (GDestroyNotify)op_free);
  g_clear_pointer (&self->pending, PQclear);
  g_clear_pointer (&self->conn, PQfinish);
  g_free (self->conninfo);
  g_free (self->where);
  if (self->context != NULL)
    g_main_context_unref (self->context);
  G_OBJECT_CLASS (sip_simple_postgres_location_parent_class)->finalize (object);
}

static void
sip_simple_postgres_location_set_property (GObject *object, guint prop_id, const GValue *value,
                                           GParamSpec *pspec)
{
  SipSimplePostgresLocation *self = SIP_SIMPLE_POSTGRES_LOCATION (object);

  switch (prop_id)
    {
    case PROP_CONNINFO:
      g_free (self->conninfo);
      self->conninfo = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_postgres_location_get_property (GObject *object, guint prop_id, GValue *value,
                                           GParamSpec *pspec)
{
  SipSimplePostgresLocation *self = SIP_SIMPLE_POSTGRES_LOCATION (object);

  switch (prop_id)
    {
    case PROP_CONNINFO:
      g_value_set_string (value, self->conninfo);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_postgres_location_class_init (SipSimplePostgresLocationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sip_simple_postgres_location_finalize;
  object_class->set_property = sip_simple_postgres_location_set_property;
  object_class->get_property = sip_simple_postgres_location_get_property;

  /**
   * SipSimplePostgresLocation:conninfo:
   *
   * Where the database is, as libpq takes it (see
   * [ctor@SipSimple.PostgresLocation.new]).
   *
   * Since: 0.1
   */
  properties[PROP_CONNINFO] = g_param_spec_string (
      "conninfo", NULL, "postgresql://... or key=value connection string", NULL,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sip_simple_postgres_location_init (SipSimplePostgresLocation *self)
{
  self->io_fd = -1;
  g_queue_init (&self->ops);
}

/* What messages call the database: DBNAME on HOST:PORT, as far as the
 * connection string says (never its password) */
static char *
describe (PQconninfoOption *options)
{
  const char *host = NULL, *port = NULL, *dbname = NULL;

  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (o->val != NULL && *o->val != '\0')
      {
        if (strcmp (o->keyword, "host") == 0
            || (host == NULL && strcmp (o->keyword, "hostaddr") == 0))
          host = o->val;
        else if (strcmp (o->keyword, "port") == 0)
          port = o->val;
        else if (strcmp (o->keyword, "dbname") == 0)
          dbname = o->val;
      }
  return g_strdup_printf ("\"%s\" on %s%s%s", dbname ? dbname : "(default database)",
                          host ? host : "(default host)", port ? ":" : "", port ? port : "");
}

/* Checks the connection string and starts connecting */
static gboolean
sip_simple_postgres_location_initable_init (GInitable *initable, GCancellable *cancellable,
                                            GError **error)
{
  SipSimplePostgresLocation *self = SIP_SIMPLE_POSTGRES_LOCATION (initable);
  PQconninfoOption          *options;
  char                      *message = NULL;

  if (self->context != NULL)
    return TRUE; /* once */
  options = self->conninfo != NULL ? PQconninfoParse (self->conninfo, &message) : NULL;
  if (options == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Not a PostgreSQL connection string%s%s", message ? ": " : "",
                   message ? g_strchomp (message) : "");
      PQfreemem (message);
      return FALSE;
    }
  self->where = describe (options);
  PQconninfoFree (options);
  self->context = g_main_context_ref_thread_default ();
  self->purge = g_timeout_source_new_seconds (PURGE_INTERVAL_S);
  g_source_set_callback (self->purge, purge_cb, self, NULL);
  g_source_set_name (self->purge, "sipsimple postgres purge");
  g_source_attach (self->purge, self->context);
  connect_now (self);
  return TRUE;
}

static void
initable_iface_init (GInitableIface *iface)
{
  iface->init = sip_simple_postgres_location_initable_init;
}

/**
 * sip_simple_postgres_location_new:
 * @conninfo: where the database is, as libpq takes it: a URI
 *   (`postgresql://USER:PASSWORD@HOST:PORT/DBNAME?...`) or `key=value`
 *   pairs (`host=/run/postgresql dbname=sip`)
 * @error: return location for a #GError
 *
 * Makes a location service on a PostgreSQL database; its table (see
 * [class@SipSimple.PostgresLocation]) is created if missing. It connects in
 * the background from the thread-default main context, and reconnects
 * whenever the connection is lost. Operations asked for while it connects
 * wait for the connection; between two attempts they fail at once with
 * %G_IO_ERROR_NOT_CONNECTED ([method@SipSimple.PostgresLocation.is_connected]
 * tells).
 *
 * Returns: (transfer full): a new PostgreSQL location, or %NULL with
 *   @error (%G_IO_ERROR_INVALID_ARGUMENT) when libpq cannot parse @conninfo
 *
 * Since: 0.1
 */
SipSimplePostgresLocation *
sip_simple_postgres_location_new (const char *conninfo, GError **error)
{
  g_return_val_if_fail (conninfo != NULL, NULL);
  return g_initable_new (SIP_SIMPLE_TYPE_POSTGRES_LOCATION, NULL, error, "conninfo", conninfo,
                         NULL);
}

/**
 * sip_simple_postgres_location_get_conninfo:
 * @self: a PostgreSQL location
 *
 * Tells where the location keeps its bindings.
 *
 * Returns: the connection string it was made with
 *
 * Since: 0.1
 */
const char *
sip_simple_postgres_location_get_conninfo (SipSimplePostgresLocation *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_POSTGRES_LOCATION (self), NULL);
  return self->conninfo;
}

/**
 * sip_simple_postgres_location_is_connected:
 * @self: a PostgreSQL location
 *
 * Tells whether the connection to the database is up and its table
 * there. While it is not, operations fail at once or wait for the
 * connection attempt under way.
 *
 * Returns: %TRUE while the connection to PostgreSQL is up
 *
 * Since: 0.1
 */
gboolean
sip_simple_postgres_location_is_connected (SipSimplePostgresLocation *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_POSTGRES_LOCATION (self), FALSE);
  return self->ready && self->schema;
}
