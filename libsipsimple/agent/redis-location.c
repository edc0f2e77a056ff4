/* libsipsimple - SipSimpleRedisLocation: the Location interface on Redis,
 * through hiredis's asynchronous API driven from the GLib main loop
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/agent/redis-location.h>
#include <sipsimple/agent/binding.h>
#include <sipsimple/agent/location.h>
#include <sipsimple/sip/uri.h>
#include "sip/random-internal.h"
#include "engine/context-source-internal.h"
#include "agent-private.h"

#include <hiredis/async.h>
#include <hiredis/hiredis.h>
#include <string.h>

/**
 * SipSimpleRedisLocation:
 *
 * A [iface@SipSimple.Location] kept in Redis, so that several server
 * instances share their bindings and a restarted instance forgets
 * nothing. It talks to Redis through one connection that the main loop
 * (the thread-default main context at construction) drives; no
 * operation blocks it.
 *
 * The data: one Redis hash per address-of-record, under the key
 * `PREFIX` + AoR (the prefix is `sipsimple:location:` unless
 * [method@SipSimple.RedisLocation.set_prefix] says otherwise). Its field
 * `:version` holds a random token that changes with every write; every
 * other field is a contact URI, and its value the binding as a #GVariant
 * dictionary in GVariant text format (`contact`, `expires` — absolute,
 * seconds since the epoch —, `order`, and when set `q`, `call-id`,
 * `cseq`, `path`, `received`, `user-agent`). The key expires with its
 * latest binding (`EXPIREAT`); expired bindings are never returned and are
 * dropped by the next update of their AoR.
 *
 * An update reads the hash, applies the changes (the rules of
 * [method@SipSimple.Location.update_async], contact URIs compared as RFC
 * 3261 says) and writes the result with a script that checks `:version`
 * first: when another instance wrote in between, the update starts again
 * from the new contents, so two instances updating one AoR never lose a
 * binding. A change that carries the Call-ID of the stored binding and a
 * CSeq not above its CSeq is not applied (RFC 3261 section 10.3 step 7:
 * the stored binding is the newer one).
 *
 * When the connection is lost, the operations waiting for Redis and new
 * ones fail at once with a #GIOError (%G_IO_ERROR_CONNECTION_CLOSED,
 * %G_IO_ERROR_NOT_CONNECTED; %G_IO_ERROR_TIMED_OUT for an answer that
 * does not come within 3 s), and the location reconnects in the background,
 * waiting longer after each failed attempt (up to 5 s). A value in Redis
 * that is not a binding gives %G_IO_ERROR_INVALID_DATA.
 *
 * Since: 0.1
 */

#define DEFAULT_PREFIX "sipsimple:location:"
#define VERSION_FIELD ":version"
#define OP_TIMEOUT_MS 3000
#define MAX_ATTEMPTS 32

struct _SipSimpleRedisLocation
{
  GObject            parent_instance;
  char              *uri;
  char              *host;
  int                port;
  int                db;
  char              *password;
  char              *prefix;
  GMainContext      *context;
  redisAsyncContext *ac;        /* NULL while down */
  gboolean           connected; /* ac has connected (and selected its database) */
  gboolean           reported;  /* the outage was logged */
  gboolean           finalizing;
  GSource           *io;
  gpointer           io_tag;
  GIOCondition       io_events;
  SipSimpleReconnect   retry;
  GHashTable        *writing; /* key -> GQueue of the updates of this key, the first running */
  GQueue             waiting; /* operations asked for while connecting */
};

enum
{
  PROP_0,
  PROP_URI,
  PROP_PREFIX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void location_iface_init (SipSimpleLocationInterface *iface);
static void initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SipSimpleRedisLocation, sip_simple_redis_location, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (SIP_SIMPLE_TYPE_LOCATION, location_iface_init)
                                   G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, initable_iface_init))

static void connect_now (SipSimpleRedisLocation *self);
static void flush_waiting (SipSimpleRedisLocation *self, gboolean up);

/* ---- hiredis in the main loop ----------------------------------------------- */

typedef struct
{
  GSource                 source;
  SipSimpleRedisLocation *self; /* no reference: the location owns the source */
} RedisSource;

static gboolean
redis_source_dispatch (GSource *source, GSourceFunc callback, gpointer data)
{
  SipSimpleRedisLocation *self = g_object_ref (((RedisSource *)source)->self);
  redisAsyncContext      *ac = self->ac;
  GIOCondition            got = g_source_query_unix_fd (source, self->io_tag);

  /* a callback may drop the last outside reference: ours keeps the
   * location (and so hiredis's context) alive until hiredis returns */
  if (ac != NULL && (got & (G_IO_IN | G_IO_HUP | G_IO_ERR)) && (self->io_events & G_IO_IN))
    redisAsyncHandleRead (ac);
  if (self->ac == ac && ac != NULL && (got & (G_IO_OUT | G_IO_ERR)) && (self->io_events & G_IO_OUT))
    redisAsyncHandleWrite (ac);
  g_object_unref (self);
  return G_SOURCE_CONTINUE;
}

static GSourceFuncs redis_source_funcs = { NULL, NULL, redis_source_dispatch, NULL, NULL, NULL };

static void
io_update (SipSimpleRedisLocation *self, GIOCondition add, GIOCondition remove)
{
  self->io_events = (self->io_events | add) & ~remove;
  if (self->io != NULL)
    g_source_modify_unix_fd (self->io, self->io_tag, self->io_events);
}

static void
ev_add_read (void *data)
{
  io_update (data, G_IO_IN, 0);
}

static void
ev_del_read (void *data)
{
  io_update (data, 0, G_IO_IN);
}

static void
ev_add_write (void *data)
{
  io_update (data, G_IO_OUT, 0);
}

static void
ev_del_write (void *data)
{
  io_update (data, 0, G_IO_OUT);
}

static void
ev_cleanup (void *data)
{
  SipSimpleRedisLocation *self = data;

  sip_simple_source_clear (&self->io);
  self->io_tag = NULL;
  self->io_events = 0;
}

/* ---- the connection ---------------------------------------------------------- */

static gboolean
retry_cb (gpointer data)
{
  SipSimpleRedisLocation *self = data;

  sip_simple_reconnect_fired (&self->retry);
  connect_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (SipSimpleRedisLocation *self)
{
  if (!self->finalizing)
    sip_simple_reconnect_schedule (&self->retry, self->context, retry_cb, self,
                                 "sipsimple redis reconnect");
}

/* The connection is gone (hiredis frees the context after this) */
static void
connection_down (SipSimpleRedisLocation *self, const char *why)
{
  self->ac = NULL;
  self->connected = FALSE;
  if (self->finalizing)
    return;
  flush_waiting (self, FALSE);
  if (!self->reported)
    g_message ("Redis location %s unavailable: %s (reconnecting)", self->uri, why);
  else
    g_debug ("Redis location %s: %s", self->uri, why);
  self->reported = TRUE;
  schedule_retry (self);
}

static void
on_connect (const redisAsyncContext *ac, int status)
{
  SipSimpleRedisLocation *self = ac->data;

  if (status != REDIS_OK)
    connection_down (self, ac->errstr[0] ? ac->errstr : "cannot connect");
}

static void
on_disconnect (const redisAsyncContext *ac, int status)
{
  SipSimpleRedisLocation *self = ac->data;

  connection_down (self, status == REDIS_OK || !ac->errstr[0] ? "connection closed" : ac->errstr);
}

/* The reply to the setup commands (AUTH, SELECT, PING): the connection is
 * usable once the last one answered */
static void
on_setup (redisAsyncContext *ac, void *r, void *data)
{
  redisReply             *reply = r;
  SipSimpleRedisLocation *self = data;

  if (reply == NULL || self->finalizing || ac != self->ac)
    return;
  if (reply->type == REDIS_REPLY_ERROR)
    {
      g_message ("Redis location %s: %s", self->uri, reply->str);
      redisAsyncDisconnect (ac);
      return;
    }
  if (reply->type == REDIS_REPLY_STATUS && g_strcmp0 (reply->str, "PONG") == 0)
    {
      if (self->reported)
        g_message ("Redis location %s connected", self->uri);
      self->reported = FALSE;
      self->connected = TRUE;
      sip_simple_reconnect_reset (&self->retry);
      flush_waiting (self, TRUE);
    }
}

static void
connect_now (SipSimpleRedisLocation *self)
{
  redisAsyncContext *ac = redisAsyncConnect (self->host, self->port);

  if (ac == NULL || ac->err)
    {
      g_autofree char *why = g_strdup (ac ? ac->errstr : "out of memory");
      if (ac != NULL)
        redisAsyncFree (ac);
      connection_down (self, why);
      return;
    }
  ac->data = self;
  self->ac = ac;
  self->connected = FALSE;
  self->io = g_source_new (&redis_source_funcs, sizeof (RedisSource));
  ((RedisSource *)self->io)->self = self;
  g_source_set_name (self->io, "sipsimple redis connection");
  self->io_events = 0;
  self->io_tag = g_source_add_unix_fd (self->io, ac->c.fd, 0);
  g_source_attach (self->io, self->context);
  ac->ev.data = self;
  ac->ev.addRead = ev_add_read;
  ac->ev.delRead = ev_del_read;
  ac->ev.addWrite = ev_add_write;
  ac->ev.delWrite = ev_del_write;
  ac->ev.cleanup = ev_cleanup;
  redisAsyncSetConnectCallback (ac, on_connect);
  redisAsyncSetDisconnectCallback (ac, on_disconnect);
  /* hiredis queues these until the socket connects; operations asked for
   * meanwhile go after them */
  if (self->password != NULL)
    redisAsyncCommand (ac, on_setup, self, "AUTH %s", self->password);
  if (self->db != 0)
    redisAsyncCommand (ac, on_setup, self, "SELECT %d", self->db);
  redisAsyncCommand (ac, on_setup, self, "PING");
}

/* ---- bindings as stored -------------------------------------------------------- */

static char *
binding_serialize (SipSimpleBinding *b, guint order)
{
  GVariantBuilder    vb;
  g_autofree char   *contact = sip_simple_uri_to_string (sip_simple_binding_get_contact (b));
  const char *const *path = sip_simple_binding_get_path (b);
  g_autoptr (GVariant) v = NULL;

  g_variant_builder_init (&vb, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&vb, "{sv}", "contact", g_variant_new_string (contact));
  g_variant_builder_add (&vb, "{sv}", "expires",
                         g_variant_new_int64 (sip_simple_binding_get_expires_at (b)));
  g_variant_builder_add (&vb, "{sv}", "order", g_variant_new_uint32 (order));
  if (sip_simple_binding_has_q (b))
    g_variant_builder_add (&vb, "{sv}", "q", g_variant_new_double (sip_simple_binding_get_q (b)));
  if (sip_simple_binding_get_call_id (b) != NULL)
    {
      g_variant_builder_add (&vb, "{sv}", "call-id",
                             g_variant_new_string (sip_simple_binding_get_call_id (b)));
      g_variant_builder_add (&vb, "{sv}", "cseq",
                             g_variant_new_uint32 (sip_simple_binding_get_cseq (b)));
    }
  if (path != NULL)
    g_variant_builder_add (&vb, "{sv}", "path", g_variant_new_strv (path, -1));
  if (sip_simple_binding_get_received (b) != NULL)
    g_variant_builder_add (&vb, "{sv}", "received",
                           g_variant_new_string (sip_simple_binding_get_received (b)));
  if (sip_simple_binding_get_user_agent (b) != NULL)
    g_variant_builder_add (&vb, "{sv}", "user-agent",
                           g_variant_new_string (sip_simple_binding_get_user_agent (b)));
  v = g_variant_ref_sink (g_variant_builder_end (&vb));
  return g_variant_print (v, TRUE);
}

static SipSimpleBinding *
binding_parse (const char *field, const char *text, gsize len, guint *order, GError **error)
{
  g_autoptr (GVariant) v = NULL;
  g_autoptr (GVariantDict) d = NULL;
  g_autoptr (SipSimpleUri) contact = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char        *contact_text = NULL;
  g_autofree char        *s = NULL;
  g_autofree const char **path = NULL;
  SipSimpleBinding       *b;
  gint64                  expires;
  gdouble                 q;
  guint32                 cseq;

  v = g_variant_parse (G_VARIANT_TYPE_VARDICT, text, text + len, NULL, &local);
  if (v == NULL)
    goto invalid;
  d = g_variant_dict_new (v);
  if (!g_variant_dict_lookup (d, "contact", "s", &contact_text)
      || !g_variant_dict_lookup (d, "expires", "x", &expires)
      || (contact = sip_simple_uri_parse (contact_text, NULL)) == NULL)
    goto invalid;
  b = sip_simple_binding_new (contact);
  sip_simple_binding_set_expires_at (b, expires);
  if (!g_variant_dict_lookup (d, "order", "u", order))
    *order = G_MAXUINT;
  if (g_variant_dict_lookup (d, "q", "d", &q))
    sip_simple_binding_set_q (b, CLAMP (q, 0.0, 1.0));
  if (g_variant_dict_lookup (d, "call-id", "s", &s))
    sip_simple_binding_set_call_id (b, s);
  if (g_variant_dict_lookup (d, "cseq", "u", &cseq))
    sip_simple_binding_set_cseq (b, cseq);
  g_clear_pointer (&s, g_free);
  if (g_variant_dict_lookup (d, "path", "^a&s", &path))
    sip_simple_binding_set_path (b, path);
  if (g_variant_dict_lookup (d, "received", "s", &s))
    sip_simple_binding_set_received (b, s);
  g_clear_pointer (&s, g_free);
  if (g_variant_dict_lookup (d, "user-agent", "s", &s))
    sip_simple_binding_set_user_agent (b, s);
  return b;

invalid:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "The Redis location has a value that is not a binding (field %s)%s%s", field,
               local ? ": " : "", local ? local->message : "");
  return NULL;
}

typedef struct
{
  guint             order;
  SipSimpleBinding *binding;
} Stored;

static gint
compare_stored (gconstpointer a, gconstpointer b)
{
  guint oa = ((const Stored *)a)->order, ob = ((const Stored *)b)->order;
  return oa < ob ? -1 : oa > ob;
}

/* The reply to HGETALL as bindings in stored order (expired ones too), and
 * the hash's version */
static GPtrArray *
parse_hash (redisReply *reply, char **version, GError **error)
{
  g_autoptr (GArray) stored = g_array_new (FALSE, FALSE, sizeof (Stored));
  GPtrArray *list;

  if (reply->type == REDIS_REPLY_ERROR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Redis: %s", reply->str);
      return NULL;
    }
  if (reply->type != REDIS_REPLY_ARRAY || reply->elements % 2 != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "Redis answered HGETALL with something else than a hash");
      return NULL;
    }
  list = g_ptr_array_new_with_free_func ((GDestroyNotify)sip_simple_binding_unref);
  for (gsize i = 0; i < reply->elements; i += 2)
    {
      redisReply *f = reply->element[i], *v = reply->element[i + 1];
      Stored      s;

      if (f->type != REDIS_REPLY_STRING || v->type != REDIS_REPLY_STRING)
        continue;
      if (strcmp (f->str, VERSION_FIELD) == 0)
        {
          if (version != NULL)
            *version = g_strndup (v->str, v->len);
          continue;
        }
      s.binding = binding_parse (f->str, v->str, v->len, &s.order, error);
      if (s.binding == NULL)
        {
          for (guint j = 0; j < stored->len; j++)
            sip_simple_binding_unref (g_array_index (stored, Stored, j).binding);
          g_ptr_array_unref (list);
          return NULL;
        }
      g_array_append_val (stored, s);
    }
  g_array_sort (stored, compare_stored);
  for (guint j = 0; j < stored->len; j++)
    g_ptr_array_add (list, g_array_index (stored, Stored, j).binding);
  return list;
}

/* ---- operations ------------------------------------------------------------------ */

typedef struct
{
  SipSimpleRedisLocation *self; /* no reference: the task has one */
  GTask                  *task; /* NULL once finished (timed out) */
  GSource                *timeout;
  char                   *key;
  GPtrArray              *changes; /* NULL for a lookup */
  gboolean                remove_all;
  GPtrArray              *result; /* the bindings written */
  guint                   attempts;
} Op;

static void
op_free (Op *op)
{
  sip_simple_source_clear (&op->timeout);
  g_clear_object (&op->task);
  g_free (op->key);
  if (op->changes != NULL)
    g_ptr_array_unref (op->changes);
  if (op->result != NULL)
    g_ptr_array_unref (op->result);
  g_free (op);
}

static void op_send_read (Op *op);

/* The next update of the same key in this instance may start: updates of
 * one key from one instance go one after the other, so that they do not
 * make each other start again */
static void
op_dequeue (Op *op)
{
  GQueue *queue;

  if (op->changes == NULL || op->self->writing == NULL
      || (queue = g_hash_table_lookup (op->self->writing, op->key)) == NULL
      || g_queue_peek_head (queue) != op)
    return;
  g_queue_pop_head (queue);
  if (g_queue_is_empty (queue))
    g_hash_table_remove (op->self->writing, op->key);
  else
    op_send_read (g_queue_peek_head (queue));
}

/* Finishes the task; the Op itself goes when hiredis lets go of it */
static void
op_return (Op *op, GPtrArray *bindings, GError *error)
{
  GTask *task = g_steal_pointer (&op->task);

  op_dequeue (op);
  sip_simple_source_clear (&op->timeout);
  sip_simple_location_task_return (&task, bindings, error);
}

static gboolean
op_timed_out (gpointer data)
{
  Op *op = data;

  g_clear_pointer (&op->timeout, g_source_unref);
  op_return (op, NULL,
             g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "Redis at %s did not answer in time",
                          op->self->uri));
  return G_SOURCE_REMOVE;
}

/* A reply for an Op: NULL when hiredis gives up on the command (connection
 * lost, context freed). Returns TRUE when the Op still has a task to finish
 * and @reply is there; otherwise finishes or frees the Op. */
static gboolean
op_reply_ok (redisAsyncContext *ac, Op *op, redisReply *reply)
{
  if (op->task == NULL)
    {
      op_free (op);
      return FALSE;
    }
  if (reply == NULL)
    {
      op_return (op, NULL,
                 g_error_new (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                              "Lost the connection to Redis at %s%s%s", op->self->uri,
                              ac->err ? ": " : "", ac->err ? ac->errstr : ""));
      op_free (op);
      return FALSE;
    }
  return TRUE;
}

static void
on_written (redisAsyncContext *ac, void *r, void *data)
{
  Op         *op = data;
  redisReply *reply = r;

  if (!op_reply_ok (ac, op, reply))
    return;
  if (reply->type == REDIS_REPLY_INTEGER && reply->integer == 1)
    {
      op_return (op, sip_simple_location_live_copies (op->result), NULL);
      op_free (op);
      return;
    }
  if (reply->type == REDIS_REPLY_INTEGER && reply->integer == 0 && ++op->attempts < MAX_ATTEMPTS)
    {
      /* another writer came first: start again from what it wrote */
      g_clear_pointer (&op->result, g_ptr_array_unref);
      op_send_read (op);
      return;
    }
  op_return (op, NULL,
             reply->type == REDIS_REPLY_ERROR
                 ? g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED, "Redis: %s", reply->str)
                 : g_error_new (G_IO_ERROR, G_IO_ERROR_BUSY,
                                "Too many concurrent writers of one AoR in Redis"));
  op_free (op);
}

/* KEYS[1]: the AoR's hash; ARGV[1]: the version read, ARGV[2]: the new
 * version, ARGV[3]: the key's expiry (absolute, seconds), ARGV[4]: the
 * name of the version field; then contact, binding pairs. Replaces the
 * hash only if it still has the version that was read (nothing written
 * in between), and removes it when no binding is left. */
static const char write_script[]
    = "local v = redis.call('HGET', KEYS[1], ARGV[4])\n"
      "if (v or '') ~= ARGV[1] then return 0 end\n"
      "redis.call('DEL', KEYS[1])\n"
      "if #ARGV > 4 then\n"
      "  redis.call('HSET', KEYS[1], ARGV[4], ARGV[2], unpack(ARGV, 5))\n"
      "  redis.call('EXPIREAT', KEYS[1], ARGV[3])\n"
      "end\n"
      "return 1\n";

static void
op_write (redisAsyncContext *ac, Op *op, GPtrArray *list, const char *version)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) lens = g_array_new (FALSE, FALSE, sizeof (size_t));
  g_autoptr (GPtrArray) changes = sip_simple_location_in_order_changes (op->changes, list);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 latest = 0;
  guint  order = 0;

  sip_simple_location_apply (list, changes, op->remove_all);

  g_ptr_array_add (argv, g_strdup ("EVAL"));
  g_ptr_array_add (argv, g_strdup (write_script));
  g_ptr_array_add (argv, g_strdup ("1"));
  g_ptr_array_add (argv, g_strdup (op->key));
  g_ptr_array_add (argv, g_strdup (version ? version : ""));
  g_ptr_array_add (argv, sip_simple_random_hex (16));
  g_ptr_array_add (argv, NULL); /* the expiry, below */
  g_ptr_array_add (argv, g_strdup (VERSION_FIELD));
  op->result = g_ptr_array_new_with_free_func ((GDestroyNotify)sip_simple_binding_unref);
  for (guint i = 0; i < list->len; i++)
    {
      SipSimpleBinding *b = list->pdata[i];
      gint64            at = sip_simple_binding_get_expires_at (b);

      if (at <= now)
        continue; /* the purge */
      latest = MAX (latest, at);
      g_ptr_array_add (argv, sip_simple_uri_to_string (sip_simple_binding_get_contact (b)));
      g_ptr_array_add (argv, binding_serialize (b, order++));
      g_ptr_array_add (op->result, sip_simple_binding_ref (b));
    }
  argv->pdata[6] = g_strdup_printf ("%" G_GINT64_FORMAT, latest);
  for (guint i = 0; i < argv->len; i++)
    {
      size_t len = strlen (argv->pdata[i]);
      g_array_append_val (lens, len);
    }
  if (redisAsyncCommandArgv (ac, on_written, op, (int)argv->len, (const char **)argv->pdata,
                             (const size_t *)lens->data)
      != REDIS_OK)
    {
      op_return (op, NULL,
                 g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, "Not connected to Redis at %s",
                              op->self->uri));
      op_free (op);
    }
}

static void
on_read (redisAsyncContext *ac, void *r, void *data)
{
  Op              *op = data;
  redisReply      *reply = r;
  GError          *error = NULL;
  g_autofree char *version = NULL;
  g_autoptr (GPtrArray) list = NULL;

  if (!op_reply_ok (ac, op, reply))
    return;
  list = parse_hash (reply, &version, &error);
  if (list == NULL)
    {
      op_return (op, NULL, error);
      op_free (op);
      return;
    }
  if (op->changes == NULL)
    {
      op_return (op, sip_simple_location_live_copies (list), NULL);
      op_free (op);
      return;
    }
  op_write (ac, op, list, version);
}

static void
op_send_read (Op *op)
{
  SipSimpleRedisLocation *self = op->self;

  if (self->ac == NULL
      || redisAsyncCommand (self->ac, on_read, op, "HGETALL %b", op->key, strlen (op->key))
             != REDIS_OK)
    {
      op_return (op, NULL,
                 g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, "Not connected to Redis at %s",
                              self->uri));
      op_free (op);
    }
}

static void op_dispatch (Op *op);

static void
op_start (SipSimpleRedisLocation *self, const char *aor, GPtrArray *changes, gboolean remove_all,
          GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data, gpointer tag)
{
  Op *op = g_new0 (Op, 1);

  op->self = self;
  op->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (op->task, tag);
  op->key = g_strconcat (self->prefix, aor, NULL);
  op->remove_all = remove_all;
  if (changes != NULL || tag != NULL)
    {
      op->changes = g_ptr_array_new_with_free_func ((GDestroyNotify)sip_simple_binding_unref);
      for (guint i = 0; changes != NULL && i < changes->len; i++)
        g_ptr_array_add (op->changes, sip_simple_binding_copy (changes->pdata[i]));
    }
  /* no connection (between two attempts): the operation fails now rather
   * than after a timeout */
  if (self->ac == NULL)
    {
      op_return (op, NULL,
                 g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, "Not connected to Redis at %s",
                              self->uri));
      op_free (op);
      return;
    }
  op->timeout = g_timeout_source_new (OP_TIMEOUT_MS);
  g_source_set_callback (op->timeout, op_timed_out, op, NULL);
  g_source_attach (op->timeout, self->context);
  /* connecting: it goes once the connection is ready (the database
   * selected), or fails with the attempt */
  if (!self->connected)
    g_queue_push_tail (&self->waiting, op);
  else
    op_dispatch (op);
}

static void
op_dispatch (Op *op)
{
  SipSimpleRedisLocation *self = op->self;

  if (op->changes != NULL)
    {
      GQueue *queue = g_hash_table_lookup (self->writing, op->key);

      if (queue == NULL)
        g_hash_table_insert (self->writing, g_strdup (op->key), (queue = g_queue_new ()));
      g_queue_push_tail (queue, op);
      if (queue->length > 1)
        return; /* op_dequeue starts it */
    }
  op_send_read (op);
}

/* The operations asked for while connecting: sent now that the connection
 * is @up, or failed */
static void
flush_waiting (SipSimpleRedisLocation *self, gboolean up)
{
  Op *op;

  while ((op = g_queue_pop_head (&self->waiting)) != NULL)
    {
      if (op->task == NULL) /* timed out */
        op_free (op);
      else if (up)
        op_dispatch (op);
      else
        {
          op_return (op, NULL,
                     g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                                  "Could not connect to Redis at %s", self->uri));
          op_free (op);
        }
    }
}

/* ---- the interface --------------------------------------------------------------- */

static void
redis_lookup_async (SipSimpleLocation *location, const char *aor, GCancellable *cancellable,
                    GAsyncReadyCallback callback, gpointer user_data)
{
  op_start (SIP_SIMPLE_REDIS_LOCATION (location), aor, NULL, FALSE, cancellable, callback,
            user_data, NULL);
}

static void
redis_update_async (SipSimpleLocation *location, const char *aor, GPtrArray *bindings,
                    gboolean remove_all, GCancellable *cancellable, GAsyncReadyCallback callback,
                    gpointer user_data)
{
  op_start (SIP_SIMPLE_REDIS_LOCATION (location), aor, bindings, remove_all, cancellable, callback,
            user_data, redis_update_async);
}

static void
location_iface_init (SipSimpleLocationInterface *iface)
{
  iface->lookup_async = redis_lookup_async;
  iface->lookup_finish = sip_simple_location_task_finish;
  iface->update_async = redis_update_async;
  iface->update_finish = sip_simple_location_task_finish;
}

/* ---- the object ------------------------------------------------------------------ */

static void
sip_simple_redis_location_finalize (GObject *object)
{
  SipSimpleRedisLocation *self = SIP_SIMPLE_REDIS_LOCATION (object);

  self->finalizing = TRUE;
  sip_simple_source_clear (&self->retry.source);
  /* every operation holds a reference: what is left has timed out */
  g_clear_pointer (&self->writing, g_hash_table_unref);
  g_queue_clear_full (&self->waiting, (GDestroyNotify)op_free);
  if (self->ac != NULL)
    redisAsyncFree (self->ac); /* calls back what is pending, cleans up the source */
  ev_cleanup (self);
  g_free (self->uri);
  g_free (self->host);
  g_free (self->password);
  g_free (self->prefix);
  if (self->context != NULL)
    g_main_context_unref (self->context);
  G_OBJECT_CLASS (sip_simple_redis_location_parent_class)->finalize (object);
}

static void
sip_simple_redis_location_set_property (GObject *object, guint prop_id, const GValue *value,
                                        GParamSpec *pspec)
{
  SipSimpleRedisLocation *self = SIP_SIMPLE_REDIS_LOCATION (object);

  switch (prop_id)
    {
    case PROP_URI:
      g_free (self->uri);
      self->uri = g_value_dup_string (value);
      break;
    case PROP_PREFIX:
      sip_simple_redis_location_set_prefix (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_redis_location_get_property (GObject *object, guint prop_id, GValue *value,
                                        GParamSpec *pspec)
{
  SipSimpleRedisLocation *self = SIP_SIMPLE_REDIS_LOCATION (object);

  switch (prop_id)
    {
    case PROP_URI:
      g_value_set_string (value, self->uri);
      break;
    case PROP_PREFIX:
      g_value_set_string (value, self->prefix);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_redis_location_class_init (SipSimpleRedisLocationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sip_simple_redis_location_finalize;
  object_class->set_property = sip_simple_redis_location_set_property;
  object_class->get_property = sip_simple_redis_location_get_property;

  /**
   * SipSimpleRedisLocation:uri:
   *
   * Where Redis is: `redis://HOST[:PORT][/DB]` (see
   * [ctor@SipSimple.RedisLocation.new]).
   *
   * Since: 0.1
   */
  properties[PROP_URI]
      = g_param_spec_string ("uri", NULL, "redis://HOST[:PORT][/DB]", NULL,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * SipSimpleRedisLocation:prefix:
   *
   * What the key of each AoR starts with (see
   * [method@SipSimple.RedisLocation.set_prefix]).
   *
   * Since: 0.1
   */
  properties[PROP_PREFIX]
      = g_param_spec_string ("prefix", NULL, "Key prefix", DEFAULT_PREFIX,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sip_simple_redis_location_init (SipSimpleRedisLocation *self)
{
  self->prefix = g_strdup (DEFAULT_PREFIX);
  self->writing
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_queue_free);
}

/* Parses the URI and starts connecting */
static gboolean
sip_simple_redis_location_initable_init (GInitable *initable, GCancellable *cancellable,
                                         GError **error)
{
  SipSimpleRedisLocation *self = SIP_SIMPLE_REDIS_LOCATION (initable);
  g_autoptr (GUri) parsed = NULL;
  const char *path;
  int         db = 0;

  if (self->context != NULL)
    return TRUE; /* once */
  if (self->uri != NULL)
    parsed = g_uri_parse (self->uri, G_URI_FLAGS_HAS_PASSWORD, NULL);
  if (parsed == NULL || g_strcmp0 (g_uri_get_scheme (parsed), "redis") != 0
      || g_uri_get_host (parsed) == NULL || *g_uri_get_host (parsed) == '\0')
    goto invalid;
  path = g_uri_get_path (parsed);
  if (path != NULL && *path != '\0' && strcmp (path, "/") != 0)
    {
      guint64 n;
      if (!g_ascii_string_to_unsigned (path + 1, 10, 0, G_MAXINT, &n, NULL))
        goto invalid;
      db = (int)n;
    }

  self->host = g_strdup (g_uri_get_host (parsed));
  self->port = g_uri_get_port (parsed) > 0 ? g_uri_get_port (parsed) : 6379;
  self->db = db;
  self->password = g_strdup (g_uri_get_password (parsed));
  self->context = g_main_context_ref_thread_default ();
  connect_now (self);
  return TRUE;

invalid:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               "Not a Redis location: %s (expected redis://HOST[:PORT][/DB])",
               self->uri ? self->uri : "(none)");
  return FALSE;
}

static void
initable_iface_init (GInitableIface *iface)
{
  iface->init = sip_simple_redis_location_initable_init;
}

/**
 * sip_simple_redis_location_new:
 * @uri: where Redis is: `redis://HOST[:PORT][/DB]` (port 6379 and
 *   database 0 unless given; `redis://:PASSWORD@HOST` authenticates)
 * @error: return location for a #GError
 *
 * Makes a location service on the Redis server at @uri. It connects in
 * the background from the thread-default main context, and reconnects
 * whenever the connection is lost. Operations asked for while it
 * connects wait for the connection; between two attempts they fail at
 * once with %G_IO_ERROR_NOT_CONNECTED
 * ([method@SipSimple.RedisLocation.is_connected] tells).
 *
 * Returns: (transfer full): a new Redis location, or %NULL with @error
 *   (%G_IO_ERROR_INVALID_ARGUMENT) when @uri is not a Redis URI
 *
 * Since: 0.1
 */
SipSimpleRedisLocation *
sip_simple_redis_location_new (const char *uri, GError **error)
{
  g_return_val_if_fail (uri != NULL, NULL);
  return g_initable_new (SIP_SIMPLE_TYPE_REDIS_LOCATION, NULL, error, "uri", uri, NULL);
}

/**
 * sip_simple_redis_location_get_uri:
 * @self: a Redis location
 *
 * Tells where the location keeps its bindings.
 *
 * Returns: the URI it was made with
 *
 * Since: 0.1
 */
const char *
sip_simple_redis_location_get_uri (SipSimpleRedisLocation *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_REDIS_LOCATION (self), NULL);
  return self->uri;
}

/**
 * sip_simple_redis_location_get_prefix:
 * @self: a Redis location
 *
 * Tells how the keys of this location's AoRs start.
 *
 * Returns: what the key of each AoR starts with
 *
 * Since: 0.1
 */
const char *
sip_simple_redis_location_get_prefix (SipSimpleRedisLocation *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_REDIS_LOCATION (self), NULL);
  return self->prefix;
}

/**
 * sip_simple_redis_location_set_prefix:
 * @self: a Redis location
 * @prefix: what the key of each AoR starts with (`sipsimple:location:`
 *   by default)
 *
 * Sets the key prefix, so that several services (or tests) share one
 * database without seeing each other's bindings. Instances that share
 * bindings must use the same prefix.
 *
 * Since: 0.1
 */
void
sip_simple_redis_location_set_prefix (SipSimpleRedisLocation *self, const char *prefix)
{
  g_return_if_fail (SIP_SIMPLE_IS_REDIS_LOCATION (self));
  g_return_if_fail (prefix != NULL);
  if (g_strcmp0 (self->prefix, prefix) == 0)
    return;
  g_free (self->prefix);
  self->prefix = g_strdup (prefix);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREFIX]);
}

/**
 * sip_simple_redis_location_is_connected:
 * @self: a Redis location
 *
 * Tells whether the connection to Redis is up and ready (database
 * selected). While it is not, operations fail at once or wait for the
 * connection attempt under way.
 *
 * Returns: %TRUE while the connection to Redis is up
 *
 * Since: 0.1
 */
gboolean
sip_simple_redis_location_is_connected (SipSimpleRedisLocation *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_REDIS_LOCATION (self), FALSE);
  return self->connected;
}
