/* libsipsimple - SipSimpleLookup (RFC 3263)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/engine/lookup.h>
#include <sipsimple/engine/engine-error.h>
#include <sipsimple/sip/route.h>
#include <sipsimple/sip/uri.h>

#include "dns-message-private.h"

#include <string.h>

/**
 * SipSimpleLookup:
 *
 * Finds the servers for a SIP URI, as RFC 3263 ("Locating SIP Servers")
 * section 4 describes, with its own asynchronous DNS client.
 *
 * [method@SipSimple.Lookup.lookup_sip_proxy_async] turns a URI such as
 * `sip:example.org` into the list of [struct@SipSimple.Route]s to try, in
 * order:
 *
 * - a numeric host gives one route: the transport of the URI's `transport`
 *   parameter, else UDP for `sip:` and TLS for `sips:`, at the URI's port or
 *   the default port (5060, or 5061 for TLS);
 * - a host name with a port gives its A and AAAA addresses at that port;
 * - a host name with a `transport` parameter and no port gives the servers
 *   of the SRV records for that transport, else the addresses of the host
 *   at the default port;
 * - otherwise the NAPTR records of the host (services `SIP+D2U`, `SIP+D2T`,
 *   `SIPS+D2T`, in order then preference) lead to SRV records; without
 *   usable NAPTR records, the SRV records `_sip._udp`, `_sip._tcp` and
 *   `_sips._tcp` of the host are used, in the order of the allowed
 *   transports; without SRV records, the addresses of the host at the
 *   default port of the preferred transport (the first allowed one, UDP by
 *   default; TLS for `sips:`).
 *
 * SRV records are ordered by priority, and by a weighted random choice
 * among records of one priority (RFC 2782). Every SRV target gives all its
 * addresses, IPv4 first, taken from the additional section of the answer
 * when the server put them there. A `sips:` URI only gives TLS routes.
 *
 * Names listed in the hosts file (`/etc/hosts`), such as `localhost`, are
 * answered from it without asking DNS, unless
 * [property@SipSimple.Lookup:search-hosts-file] is off.
 *
 * Queries go over UDP, and over TCP when the answer was truncated, to the
 * [property@SipSimple.Lookup:nameservers] in turn. Everything runs on the
 * thread-default main context of the caller; nothing blocks.
 *
 * Errors are in the %SIP_SIMPLE_ENGINE_ERROR domain:
 * %SIP_SIMPLE_ENGINE_ERROR_DNS when a name has no usable records or the
 * nameservers fail, %SIP_SIMPLE_ENGINE_ERROR_TIMEOUT when they do not
 * answer, %SIP_SIMPLE_ENGINE_ERROR_INVALID_ARGUMENT for a URI that cannot
 * be used with the allowed transports; or %G_IO_ERROR_CANCELLED.
 *
 * Since: 0.1
 */

#define DEFAULT_TIMEOUT_MS 2000
/* Each query goes to every nameserver in turn, this many times around. */
#define QUERY_ROUNDS 2
#define MAX_CNAME_CHAIN 8
#define DNS_PORT 53
#define RECEIVE_BUFFER_SIZE 65536
#define RESOLV_CONF "/etc/resolv.conf"
#define HOSTS_FILE "/etc/hosts"

struct _SipSimpleLookup
{
  GObject parent_instance;

  GStrv      nameservers; /* as set, or read from resolv.conf */
  GPtrArray *servers;     /* GSocketAddress; replaced, never changed */
  guint      timeout;
  gboolean   search_hosts_file;
};

G_DEFINE_FINAL_TYPE (SipSimpleLookup, sip_simple_lookup, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAMESERVERS,
  PROP_TIMEOUT,
  PROP_SEARCH_HOSTS_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------------- */
/* Nameserver configuration                                                */

/* "IP", "IP:PORT", "[IPv6]:PORT" or a bare IPv6 address. */
static GSocketAddress *
parse_nameserver (const char *text)
{
  g_autofree char *host = NULL;
  guint64          port = DNS_PORT;
  const char      *port_text = NULL;
  const char      *colon;

  if (text[0] == '[')
    {
      const char *close = strchr (text, ']');

      if (close == NULL)
        return NULL;
      host = g_strndup (text + 1, close - text - 1);
      if (close[1] == ':')
        port_text = close + 2;
      else if (close[1] != '\0')
        return NULL;
    }
  else if ((colon = strchr (text, ':')) != NULL && strchr (colon + 1, ':') == NULL)
    {
      host = g_strndup (text, colon - text);
      port_text = colon + 1;
    }
  else
    host = g_strdup (text);

  if (port_text != NULL && !g_ascii_string_to_unsigned (port_text, 10, 1, G_MAXUINT16, &port, NULL))
    return NULL;
  if (!g_hostname_is_ip_address (host))
    return NULL;
  return g_inet_socket_address_new_from_string (host, (guint)port);
}

static GStrv
read_resolv_conf (void)
{
  g_autofree char *contents = NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) lines = NULL;
  guint n = 0;

  /* A small local file, read once per SipSimpleLookup: not worth an
   * asynchronous read in a constructor. */
  if (g_file_get_contents (RESOLV_CONF, &contents, NULL, NULL))
    {
      lines = g_strsplit (contents, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_auto (GStrv) words = g_strsplit_set (g_strstrip (lines[i]), " \t", 3);

          if (words[0] != NULL && strcmp (words[0], "nameserver") == 0 && words[1] != NULL
              && g_hostname_is_ip_address (words[1]))
            {
              g_strv_builder_add (builder, words[1]);
              n++;
            }
        }
    }
  if (n == 0)
    g_strv_builder_add (builder, "127.0.0.1");
  return g_strv_builder_end (builder);
}

static char *
socket_address_to_string (GSocketAddress *address)
{
  return g_socket_connectable_to_string (G_SOCKET_CONNECTABLE (address));
}

/* ---------------------------------------------------------------------- */
/* Small helpers                                                           */

static const char *
canonical_transport (const char *transport)
{
  static const char *const known[] = { "udp", "tcp", "tls" };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (transport != NULL && g_ascii_strcasecmp (transport, known[i]) == 0)
      return known[i];
  return NULL;
}

static guint16
default_port (const char *transport)
{
  return strcmp (transport, "tls") == 0 ? 5061 : 5060;
}

/* "[::1]" -> "::1"; anything else unchanged. */
static char *
strip_brackets (const char *host)
{
  gsize len = strlen (host);

  if (len >= 2 && host[0] == '[' && host[len - 1] == ']')
    return g_strndup (host + 1, len - 2);
  return g_strdup (host);
}

static gboolean
is_cancelled_error (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static gboolean
is_timeout_error (const GError *error)
{
  return g_error_matches (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_TIMEOUT);
}

/* Of several failures, the one to report: a cancellation wins, then a
 * timeout (the network is the problem), then the first one. */
static GError *
pick_error (GError **errors, guint n)
{
  GError *best = NULL;

  for (guint i = 0; i < n; i++)
    {
      if (errors[i] == NULL)
        continue;
      if (best == NULL || (is_cancelled_error (errors[i]) && !is_cancelled_error (best))
          || (is_timeout_error (errors[i]) && !is_cancelled_error (best)
              && !is_timeout_error (best)))
        best = errors[i];
    }
  return best ? g_error_copy (best) : NULL;
}

static void
add_route (GPtrArray *routes, const char *address, guint16 port, const char *transport)
{
  g_autoptr (SipSimpleRoute) route = NULL;

  if (port == 0 || !g_hostname_is_ip_address (address))
    return;
  route = sip_simple_route_new (address, port, transport);
  for (guint i = 0; i < routes->len; i++)
    if (sip_simple_route_equal (g_ptr_array_index (routes, i), route))
      return;
  g_ptr_array_add (routes, g_steal_pointer (&route));
}

static GPtrArray *
route_array_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify)sip_simple_route_unref);
}

static void
add_routes (GPtrArray *routes, GPtrArray *more)
{
  for (guint i = 0; i < more->len; i++)
    {
      SipSimpleRoute *route = g_ptr_array_index (more, i);
      add_route (routes, sip_simple_route_get_address (route), sip_simple_route_get_port (route),
                 sip_simple_route_get_transport (route));
    }
}

/* ---------------------------------------------------------------------- */
/* Hosts file                                                              */

/* lower-case name -> GPtrArray of addresses (IPv4 first) */
static GHashTable *
parse_hosts (const char *contents, gsize length)
{
  GHashTable *hosts
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
  g_autofree char *text = g_strndup (contents, length);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *hash = strchr (lines[i], '#');
      g_auto (GStrv) words = NULL;
      const char *address = NULL;

      if (hash != NULL)
        *hash = '\0';
      words = g_strsplit_set (lines[i], " \t\r", -1);
      for (guint w = 0; words[w] != NULL; w++)
        {
          g_autofree char *name = NULL;
          GPtrArray       *list;
          gsize            len;

          if (words[w][0] == '\0')
            continue;
          if (address == NULL)
            {
              address = words[w];
              if (!g_hostname_is_ip_address (address))
                break;
              continue;
            }
          name = g_ascii_strdown (words[w], -1);
          len = strlen (name);
          if (len > 1 && name[len - 1] == '.')
            name[len - 1] = '\0';
          list = g_hash_table_lookup (hosts, name);
          if (list == NULL)
            {
              list = g_ptr_array_new_with_free_func (g_free);
              g_hash_table_insert (hosts, g_steal_pointer (&name), list);
            }
          if (!g_ptr_array_find_with_equal_func (list, address, g_str_equal, NULL))
            {
              /* IPv4 first, as for DNS answers. */
              if (strchr (address, ':') == NULL)
                {
                  guint at = 0;
                  while (at < list->len && strchr (g_ptr_array_index (list, at), ':') == NULL)
                    at++;
                  g_ptr_array_insert (list, (gint)at, g_strdup (address));
                }
              else
                g_ptr_array_add (list, g_strdup (address));
            }
        }
    }
  return hosts;
}

static GPtrArray *
hosts_lookup (GHashTable *hosts, const char *name)
{
  g_autofree char *key = NULL;
  gsize            len;

  if (hosts == NULL)
    return NULL;
  key = g_ascii_strdown (name, -1);
  len = strlen (key);
  if (len > 1 && key[len - 1] == '.')
    key[len - 1] = '\0';
  return g_hash_table_lookup (hosts, key);
}

/* ---------------------------------------------------------------------- */
/* The state one public call shares with all the queries it makes          */

typedef struct
{
  GPtrArray    *servers; /* GSocketAddress */
  guint         timeout;
  gboolean      search_hosts_file;
  GHashTable   *hosts; /* NULL until loaded, or when not searched */
  GCancellable *cancellable;
  GMainContext *context;
} Ctx;

static void
ctx_clear (Ctx *ctx)
{
  g_ptr_array_unref (ctx->servers);
  g_clear_pointer (&ctx->hosts, g_hash_table_unref);
  g_clear_object (&ctx->cancellable);
  g_main_context_unref (ctx->context);
}

static Ctx *
ctx_new (SipSimpleLookup *self, GCancellable *cancellable)
{
  Ctx *ctx = g_rc_box_new0 (Ctx);

  ctx->servers = g_ptr_array_ref (self->servers);
  ctx->timeout = self->timeout;
  ctx->search_hosts_file = self->search_hosts_file;
  ctx->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  ctx->context = g_main_context_ref_thread_default ();
  return ctx;
}

static Ctx *
ctx_ref (Ctx *ctx)
{
  return g_rc_box_acquire (ctx);
}

static void
ctx_unref (Ctx *ctx)
{
  g_rc_box_release_full (ctx, (GDestroyNotify)ctx_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Ctx, ctx_unref)

static void
on_hosts_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Ctx *ctx = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize            length = 0;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      if (is_cancelled_error (error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_debug ("not using %s: %s", HOSTS_FILE, error->message);
      contents = g_strdup ("");
      length = 0;
    }
  ctx->hosts = parse_hosts (contents, length);
  g_task_return_boolean (task, TRUE);
}

/* Reads the hosts file into ctx->hosts, if it is to be searched. */
static void
ctx_load_hosts_async (Ctx *ctx, GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (NULL, ctx->cancellable, callback, user_data);
  g_autoptr (GFile) file = NULL;

  g_task_set_source_tag (task, ctx_load_hosts_async);
  g_task_set_task_data (task, ctx_ref (ctx), (GDestroyNotify)ctx_unref);
  if (!ctx->search_hosts_file)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  file = g_file_new_for_path (HOSTS_FILE);
  g_file_load_contents_async (file, ctx->cancellable, on_hosts_loaded, task);
}

static gboolean
ctx_load_hosts_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---------------------------------------------------------------------- */
/* Waiting for several operations at once                                  */

typedef void (*BatchDone) (GAsyncResult **results, guint n, gpointer data);

typedef struct
{
  guint          pending;
  guint          n;
  GAsyncResult **results;
  BatchDone      done;
  gpointer       data;
} Batch;

typedef struct
{
  Batch *batch;
  guint  index;
} BatchSlot;

static Batch *
batch_new (guint n, BatchDone done, gpointer data)
{
  Batch *batch = g_new0 (Batch, 1);

  g_assert (n > 0);
  batch->pending = batch->n = n;
  batch->results = g_new0 (GAsyncResult *, n);
  batch->done = done;
  batch->data = data;
  return batch;
}

/* The user_data for the operation that fills slot index. */
static gpointer
batch_slot (Batch *batch, guint index)
{
  BatchSlot *slot = g_new (BatchSlot, 1);

  slot->batch = batch;
  slot->index = index;
  return slot;
}

static void
batch_child_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  BatchSlot *slot = user_data;
  Batch     *batch = slot->batch;

  batch->results[slot->index] = g_object_ref (result);
  g_free (slot);
  if (--batch->pending > 0)
    return;

  batch->done (batch->results, batch->n, batch->data);
  for (guint i = 0; i < batch->n; i++)
    g_object_unref (batch->results[i]);
  g_free (batch->results);
  g_free (batch);
}

/* ---------------------------------------------------------------------- */
/* One DNS query: UDP to each nameserver in turn, TCP after a truncation   */

typedef enum
{
  TCP_CONNECTING,
  TCP_SENDING,
  TCP_RECEIVING,
} TcpState;

typedef struct
{
  Ctx    *ctx;
  char   *name;
  guint16 type;
  guint16 id;
  GBytes *packet;

  guint           attempt; /* attempts started so far */
  guint           n_attempts;
  GSocketAddress *server; /* of the current attempt (borrowed) */
  GSocket        *socket;
  GSource        *io_source;
  GSource        *timeout_source;
  GSource        *cancel_source;

  gboolean    tcp;
  TcpState    tcp_state;
  GByteArray *tcp_buf;
  gsize       tcp_sent;

  GError *failure; /* the last answer that was a failure */
} Query;

static void
query_stop_attempt (Query *q)
{
  if (q->io_source != NULL)
    {
      g_source_destroy (q->io_source);
      g_clear_pointer (&q->io_source, g_source_unref);
    }
  if (q->timeout_source != NULL)
    {
      g_source_destroy (q->timeout_source);
      g_clear_pointer (&q->timeout_source, g_source_unref);
    }
  if (q->socket != NULL)
    {
      g_socket_close (q->socket, NULL);
      g_clear_object (&q->socket);
    }
  g_clear_pointer (&q->tcp_buf, g_byte_array_unref);
  q->tcp = FALSE;
}

static void
query_free (Query *q)
{
  query_stop_attempt (q);
  if (q->cancel_source != NULL)
    {
      g_source_destroy (q->cancel_source);
      g_clear_pointer (&q->cancel_source, g_source_unref);
    }
  ctx_unref (q->ctx);
  g_free (q->name);
  g_bytes_unref (q->packet);
  g_clear_error (&q->failure);
  g_free (q);
}

/* Ends the query; drops the reference the running query held. */
static void
query_return (GTask *task, SipSimpleDnsMessage *message, GError *error)
{
  Query *q = g_task_get_task_data (task);

  query_stop_attempt (q);
  if (q->cancel_source != NULL)
    {
      g_source_destroy (q->cancel_source);
      g_clear_pointer (&q->cancel_source, g_source_unref);
    }
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, message, (GDestroyNotify)sip_simple_dns_message_free);
  g_object_unref (task);
}

static void query_note_failure (Query *q, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
query_note_failure (Query *q, const char *format, ...)
{
  g_autofree char *server = socket_address_to_string (q->server);
  g_autofree char *what = NULL;
  va_list          args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_clear_error (&q->failure);
  g_set_error (&q->failure, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_DNS,
               "%s query for %s failed: nameserver %s %s", sip_simple_dns_type_to_string (q->type),
               q->name, server, what);
  g_debug ("%s", q->failure->message);
}

static void
query_give_up (GTask *task)
{
  Query *q = g_task_get_task_data (task);
  g_autoptr (GString) servers = g_string_new (NULL);

  if (q->failure != NULL)
    {
      query_return (task, NULL, g_steal_pointer (&q->failure));
      return;
    }
  if (q->ctx->servers->len == 0)
    {
      query_return (task, NULL,
                    g_error_new (SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_DNS,
                                 "%s query for %s failed: no usable nameserver configured",
                                 sip_simple_dns_type_to_string (q->type), q->name));
      return;
    }
  for (guint i = 0; i < q->ctx->servers->len; i++)
    {
      g_autofree char *s = socket_address_to_string (g_ptr_array_index (q->ctx->servers, i));
      g_string_append_printf (servers, "%s%s", i > 0 ? ", " : "", s);
    }
  query_return (task, NULL,
                g_error_new (SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_TIMEOUT,
                             "%s query for %s timed out: no answer from %s within %u ms",
                             sip_simple_dns_type_to_string (q->type), q->name, servers->str,
                             q->ctx->timeout));
}

static void     query_next_attempt (GTask *task);
static gboolean on_udp_ready (GSocket *socket, GIOCondition condition, gpointer user_data);
static gboolean on_tcp_ready (GSocket *socket, GIOCondition condition, gpointer user_data);

static void
query_watch (GTask *task, GIOCondition condition, GSocketSourceFunc func)
{
  Query *q = g_task_get_task_data (task);

  if (q->io_source != NULL)
    {
      g_source_destroy (q->io_source);
      g_source_unref (q->io_source);
    }
  q->io_source = g_socket_create_source (q->socket, condition, NULL);
  g_source_set_callback (q->io_source, G_SOURCE_FUNC (func), task, NULL);
  g_source_set_static_name (q->io_source, "SipSimpleLookup DNS socket");
  g_source_attach (q->io_source, q->ctx->context);
}

static gboolean
on_query_timeout (gpointer user_data)
{
  GTask           *task = user_data;
  Query           *q = g_task_get_task_data (task);
  g_autofree char *server = socket_address_to_string (q->server);

  g_debug ("%s query for %s: no answer from %s over %s within %u ms",
           sip_simple_dns_type_to_string (q->type), q->name, server, q->tcp ? "TCP" : "UDP",
           q->ctx->timeout);
  query_next_attempt (task);
  return G_SOURCE_REMOVE;
}

static void
query_arm_timeout (GTask *task)
{
  Query *q = g_task_get_task_data (task);

  if (q->timeout_source != NULL)
    {
      g_source_destroy (q->timeout_source);
      g_source_unref (q->timeout_source);
    }
  q->timeout_source = g_timeout_source_new (q->ctx->timeout);
  g_source_set_callback (q->timeout_source, on_query_timeout, task, NULL);
  g_source_set_static_name (q->timeout_source, "SipSimpleLookup DNS timeout");
  g_source_attach (q->timeout_source, q->ctx->context);
}

static gboolean
on_query_cancelled (GCancellable *cancellable, gpointer user_data)
{
  GTask  *task = user_data;
  GError *error = NULL;

  g_cancellable_set_error_if_cancelled (cancellable, &error);
  query_return (task, NULL, error);
  return G_SOURCE_REMOVE;
}

/* Whether message answers our query (and not a stray or spoofed packet). */
static gboolean
query_matches (Query *q, const SipSimpleDnsMessage *message)
{
  const SipSimpleDnsRecord *question;

  if (message->id != q->id || !(message->flags & SIP_SIMPLE_DNS_FLAG_QR))
    return FALSE;
  /* Some servers leave the question out of an error answer. */
  if (message->questions->len == 0)
    return sip_simple_dns_message_get_rcode (message) != SIP_SIMPLE_DNS_RCODE_NOERROR;
  if (message->questions->len != 1)
    return FALSE;
  question = g_ptr_array_index (message->questions, 0);
  return question->type == q->type && sip_simple_dns_name_equal (question->name, q->name);
}

/* Takes message; ends the query or moves to the next attempt. */
static void
query_handle_answer (GTask *task, SipSimpleDnsMessage *message)
{
  Query            *q = g_task_get_task_data (task);
  SipSimpleDnsRcode rcode = sip_simple_dns_message_get_rcode (message);

  if (rcode == SIP_SIMPLE_DNS_RCODE_NOERROR || rcode == SIP_SIMPLE_DNS_RCODE_NXDOMAIN)
    {
      query_return (task, message, NULL);
      return;
    }
  query_note_failure (q, "answered %s", sip_simple_dns_rcode_to_string (rcode));
  sip_simple_dns_message_free (message);
  query_next_attempt (task);
}

static void
query_start_tcp (GTask *task)
{
  Query *q = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  gsize         size;
  const guint8 *data = g_bytes_get_data (q->packet, &size);
  guint8        prefix[2] = { (guint8)(size >> 8), (guint8)(size & 0xff) };

  query_stop_attempt (q);
  q->tcp = TRUE;
  q->tcp_buf = g_byte_array_sized_new ((guint)size + 2);
  g_byte_array_append (q->tcp_buf, prefix, 2);
  g_byte_array_append (q->tcp_buf, data, (guint)size);
  q->tcp_sent = 0;

  q->socket = g_socket_new (g_socket_address_get_family (q->server), G_SOCKET_TYPE_STREAM,
                            G_SOCKET_PROTOCOL_TCP, &error);
  if (q->socket == NULL)
    goto fail;
  g_socket_set_blocking (q->socket, FALSE);
  if (g_socket_connect (q->socket, q->server, NULL, &error))
    q->tcp_state = TCP_SENDING;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
    {
      g_clear_error (&error);
      q->tcp_state = TCP_CONNECTING;
    }
  else
    goto fail;

  query_watch (task, G_IO_OUT, on_tcp_ready);
  query_arm_timeout (task);
  return;

fail:
  query_note_failure (q, "could not be reached over TCP: %s", error->message);
  query_next_attempt (task);
}

static gboolean
on_tcp_ready (GSocket *socket, GIOCondition condition, gpointer user_data)
{
  GTask *task = user_data;
  Query *q = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  gssize n;

  switch (q->tcp_state)
    {
    case TCP_CONNECTING:
      if (!g_socket_check_connect_result (socket, &error))
        goto fail;
      q->tcp_state = TCP_SENDING;
      G_GNUC_FALLTHROUGH;

    case TCP_SENDING:
      n = g_socket_send (socket, (const char *)q->tcp_buf->data + q->tcp_sent,
                         q->tcp_buf->len - q->tcp_sent, NULL, &error);
      if (n < 0)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            return G_SOURCE_CONTINUE;
          goto fail;
        }
      q->tcp_sent += (gsize)n;
      if (q->tcp_sent < q->tcp_buf->len)
        return G_SOURCE_CONTINUE;
      q->tcp_state = TCP_RECEIVING;
      g_byte_array_set_size (q->tcp_buf, 0);
      query_watch (task, G_IO_IN, on_tcp_ready);
      return G_SOURCE_REMOVE;

    case TCP_RECEIVING:
      for (;;)
        {
          guint8               chunk[4096];
          gsize                need;
          SipSimpleDnsMessage *message;

          n = g_socket_receive (socket, (char *)chunk, sizeof chunk, NULL, &error);
          if (n < 0)
            {
              if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
                return G_SOURCE_CONTINUE;
              goto fail;
            }
          if (n == 0)
            {
              query_note_failure (q, "closed the TCP connection after %u bytes of the answer",
                                  q->tcp_buf->len);
              query_next_attempt (task);
              return G_SOURCE_REMOVE;
            }
          g_byte_array_append (q->tcp_buf, chunk, (guint)n);
          if (q->tcp_buf->len < 2)
            continue;
          need = 2 + (((gsize)q->tcp_buf->data[0] << 8) | q->tcp_buf->data[1]);
          if (q->tcp_buf->len < need)
            continue;

          message = sip_simple_dns_message_parse (q->tcp_buf->data + 2, need - 2, &error);
          if (message == NULL)
            {
              query_note_failure (q, "sent a malformed answer over TCP (%s)", error->message);
              query_next_attempt (task);
            }
          else if (!query_matches (q, message))
            {
              sip_simple_dns_message_free (message);
              query_note_failure (q, "sent an answer over TCP that does not match the query");
              query_next_attempt (task);
            }
          else
            query_handle_answer (task, message);
          return G_SOURCE_REMOVE;
        }
    }
  g_assert_not_reached ();

fail:
  query_note_failure (q, "could not be queried over TCP: %s", error->message);
  query_next_attempt (task);
  return G_SOURCE_REMOVE;
}

static gboolean
on_udp_ready (GSocket *socket, GIOCondition condition, gpointer user_data)
{
  GTask             *task = user_data;
  Query             *q = g_task_get_task_data (task);
  g_autofree guint8 *buf = g_malloc (RECEIVE_BUFFER_SIZE);

  for (;;)
    {
      g_autoptr (GError) error = NULL;
      SipSimpleDnsMessage *message;
      gssize               n;

      n = g_socket_receive (socket, (char *)buf, RECEIVE_BUFFER_SIZE, NULL, &error);
      if (n < 0)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            return G_SOURCE_CONTINUE;
          /* Typically an ICMP port unreachable: no server there. */
          query_note_failure (q, "could not be queried: %s", error->message);
          query_next_attempt (task);
          return G_SOURCE_REMOVE;
        }
      /* Not even our ID: a late answer to someone else, ignore it. */
      if (n < 2 || buf[0] != (q->id >> 8) || buf[1] != (q->id & 0xff))
        continue;

      message = sip_simple_dns_message_parse (buf, (gsize)n, &error);
      if (message == NULL)
        {
          query_note_failure (q, "sent a malformed answer (%s)", error->message);
          query_next_attempt (task);
          return G_SOURCE_REMOVE;
        }
      if (!query_matches (q, message))
        {
          sip_simple_dns_message_free (message);
          continue;
        }
      if (sip_simple_dns_message_is_truncated (message))
        {
          sip_simple_dns_message_free (message);
          query_start_tcp (task);
          return G_SOURCE_REMOVE;
        }
      query_handle_answer (task, message);
      return G_SOURCE_REMOVE;
    }
}

static gboolean
query_start_udp (GTask *task, GError **error)
{
  Query        *q = g_task_get_task_data (task);
  gsize         size;
  const guint8 *data = g_bytes_get_data (q->packet, &size);

  q->socket = g_socket_new (g_socket_address_get_family (q->server), G_SOCKET_TYPE_DATAGRAM,
                            G_SOCKET_PROTOCOL_UDP, error);
  if (q->socket == NULL)
    return FALSE;
  g_socket_set_blocking (q->socket, FALSE);
  /* A connected socket only receives from the server, and learns of ICMP
   * errors (no server on that port) at once. */
  if (!g_socket_connect (q->socket, q->server, NULL, error))
    return FALSE;
  if (g_socket_send (q->socket, (const char *)data, size, NULL, error) < 0)
    return FALSE;
  query_watch (task, G_IO_IN, on_udp_ready);
  query_arm_timeout (task);
  return TRUE;
}

static void
query_next_attempt (GTask *task)
{
  Query *q = g_task_get_task_data (task);

  query_stop_attempt (q);
  while (q->attempt < q->n_attempts)
    {
      g_autoptr (GError) error = NULL;

      q->server = g_ptr_array_index (q->ctx->servers, q->attempt % q->ctx->servers->len);
      q->attempt++;
      if (query_start_udp (task, &error))
        return;
      query_note_failure (q, "could not be queried: %s", error->message);
      query_stop_attempt (q);
    }
  query_give_up (task);
}

static void
query_async (Ctx *ctx, const char *name, guint16 type, GAsyncReadyCallback callback,
             gpointer user_data)
{
  GTask  *task = g_task_new (NULL, ctx->cancellable, callback, user_data);
  Query  *q = g_new0 (Query, 1);
  GError *error = NULL;

  g_task_set_source_tag (task, query_async);
  g_task_set_task_data (task, q, (GDestroyNotify)query_free);
  q->ctx = ctx_ref (ctx);
  q->name = g_strdup (name);
  q->type = type;
  q->id = (guint16)g_random_int_range (0, 0x10000);
  q->n_attempts = ctx->servers->len * QUERY_ROUNDS;

  q->packet = sip_simple_dns_build_query (q->id, name, type, &error);
  if (q->packet == NULL)
    {
      GError *dns_error = g_error_new (SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_DNS,
                                       "cannot query %s: %s", name, error->message);
      g_error_free (error);
      q->packet = g_bytes_new (NULL, 0);
      query_return (task, NULL, dns_error);
      return;
    }

  if (ctx->cancellable != NULL)
    {
      q->cancel_source = g_cancellable_source_new (ctx->cancellable);
      g_source_set_callback (q->cancel_source, G_SOURCE_FUNC (on_query_cancelled), task, NULL);
      g_source_attach (q->cancel_source, ctx->context);
    }

  g_debug ("%s query for %s", sip_simple_dns_type_to_string (type), name);
  query_next_attempt (task);
}

static SipSimpleDnsMessage *
query_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Records of type for name in the answer section, following CNAMEs.
 * Borrowed from message. */
static GPtrArray *
answer_records (const SipSimpleDnsMessage *message, const char *name, guint16 type)
{
  GPtrArray  *records = g_ptr_array_new ();
  const char *current = name;

  for (guint hop = 0; hop <= MAX_CNAME_CHAIN && current != NULL; hop++)
    {
      const char *next = NULL;

      for (guint i = 0; i < message->answers->len; i++)
        {
          SipSimpleDnsRecord *record = g_ptr_array_index (message->answers, i);

          if (record->rclass != SIP_SIMPLE_DNS_CLASS_IN
              || !sip_simple_dns_name_equal (record->name, current))
            continue;
          if (record->type == type)
            g_ptr_array_add (records, record);
          else if (record->type == SIP_SIMPLE_DNS_TYPE_CNAME && next == NULL)
            next = record->target;
        }
      if (records->len > 0)
        break;
      current = next;
    }
  return records;
}

static void
add_address (GPtrArray *addresses, const char *address)
{
  if (!g_ptr_array_find_with_equal_func (addresses, address, g_str_equal, NULL))
    g_ptr_array_add (addresses, g_strdup (address));
}

/* ---------------------------------------------------------------------- */
/* A and AAAA records of one name                                          */

typedef struct
{
  Ctx  *ctx;
  char *name;
} HostData;

static void
host_data_free (HostData *data)
{
  ctx_unref (data->ctx);
  g_free (data->name);
  g_free (data);
}

static GStrv
address_array_to_strv (GPtrArray *addresses)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < addresses->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (addresses, i));
  return g_strv_builder_end (builder);
}

static void
on_host_queries_done (GAsyncResult **results, guint n, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  HostData *data = g_task_get_task_data (task);
  g_autoptr (GPtrArray) addresses = g_ptr_array_new_with_free_func (g_free);
  GError              *errors[2] = { NULL, NULL };
  static const guint16 types[2] = { SIP_SIMPLE_DNS_TYPE_A, SIP_SIMPLE_DNS_TYPE_AAAA };

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SipSimpleDnsMessage) message = query_finish (results[i], &errors[i]);
      g_autoptr (GPtrArray) records = NULL;

      if (message == NULL)
        continue;
      records = answer_records (message, data->name, types[i]);
      for (guint r = 0; r < records->len; r++)
        add_address (addresses, ((SipSimpleDnsRecord *)g_ptr_array_index (records, r))->address);
    }

  /* One family is enough; only report a failure when nothing came. */
  if (addresses->len == 0 && (errors[0] != NULL || errors[1] != NULL))
    g_task_return_error (task, pick_error (errors, 2));
  else
    g_task_return_pointer (task, address_array_to_strv (addresses), (GDestroyNotify)g_strfreev);
  g_clear_error (&errors[0]);
  g_clear_error (&errors[1]);
}

/* Addresses of name: itself when numeric, from the hosts file when listed
 * there (if ctx->hosts is loaded), else A and AAAA queries at once. An
 * empty result is not an error. */
static void
resolve_host_async (Ctx *ctx, const char *name, GAsyncReadyCallback callback, gpointer user_data)
{
  GTask           *task = g_task_new (NULL, ctx->cancellable, callback, user_data);
  HostData        *data = g_new0 (HostData, 1);
  g_autofree char *bare = strip_brackets (name);
  GPtrArray       *listed;
  Batch           *batch;

  g_task_set_source_tag (task, resolve_host_async);
  data->ctx = ctx_ref (ctx);
  data->name = g_strdup (bare);
  g_task_set_task_data (task, data, (GDestroyNotify)host_data_free);

  if (g_hostname_is_ip_address (bare))
    {
      const char *one[] = { bare, NULL };
      g_task_return_pointer (task, g_strdupv ((char **)one), (GDestroyNotify)g_strfreev);
      g_object_unref (task);
      return;
    }
  if ((listed = hosts_lookup (ctx->hosts, bare)) != NULL)
    {
      g_task_return_pointer (task, address_array_to_strv (listed), (GDestroyNotify)g_strfreev);
      g_object_unref (task);
      return;
    }

  batch = batch_new (2, on_host_queries_done, task);
  query_async (ctx, bare, SIP_SIMPLE_DNS_TYPE_A, batch_child_done, batch_slot (batch, 0));
  query_async (ctx, bare, SIP_SIMPLE_DNS_TYPE_AAAA, batch_child_done, batch_slot (batch, 1));
}

static GStrv
resolve_host_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---------------------------------------------------------------------- */
/* SRV records of one name, expanded to routes                             */

typedef struct
{
  GPtrArray *routes; /* SipSimpleRoute */
  gboolean   found;  /* there were SRV records, even if they lead nowhere */
} SrvResult;

static void
srv_result_free (SrvResult *result)
{
  g_ptr_array_unref (result->routes);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SrvResult, srv_result_free)

typedef struct
{
  Ctx                 *ctx;
  char                *name;
  char                *transport;
  SipSimpleDnsMessage *message;
  GPtrArray           *records;   /* ordered SRV records, borrowed from message */
  GPtrArray           *addresses; /* GStrv per record, NULL when to be queried */
} SrvData;

static void
srv_data_free (SrvData *data)
{
  ctx_unref (data->ctx);
  g_free (data->name);
  g_free (data->transport);
  g_clear_pointer (&data->records, g_ptr_array_unref);
  g_clear_pointer (&data->addresses, g_ptr_array_unref);
  sip_simple_dns_message_free (data->message);
  g_free (data);
}

typedef struct
{
  SipSimpleDnsRecord *record;
  guint               index;
} SrvEntry;

static gint
compare_srv_priority (gconstpointer a, gconstpointer b)
{
  const SrvEntry *x = a, *y = b;

  if (x->record->priority != y->record->priority)
    return x->record->priority < y->record->priority ? -1 : 1;
  /* Weight 0 first within a priority (RFC 2782), then as received. */
  if ((x->record->weight == 0) != (y->record->weight == 0))
    return x->record->weight == 0 ? -1 : 1;
  return x->index < y->index ? -1 : (x->index > y->index ? 1 : 0);
}

/* Orders SRV records as RFC 2782 says: lowest priority first; within a
 * priority, repeatedly pick a record at random with a chance proportional
 * to its weight. */
static GPtrArray *
order_srv_records (GPtrArray *records)
{
  g_autoptr (GArray) entries = g_array_sized_new (FALSE, FALSE, sizeof (SrvEntry), records->len);
  GPtrArray *ordered = g_ptr_array_sized_new (records->len);
  guint      start = 0;

  for (guint i = 0; i < records->len; i++)
    {
      SrvEntry entry = { g_ptr_array_index (records, i), i };
      g_array_append_val (entries, entry);
    }
  g_array_sort (entries, compare_srv_priority);

  while (start < entries->len)
    {
      guint16 priority = g_array_index (entries, SrvEntry, start).record->priority;
      guint   end = start;

      while (end < entries->len
             && g_array_index (entries, SrvEntry, end).record->priority == priority)
        end++;

      /* entries[start, end) is one priority; pick from it until empty. */
      while (start < end)
        {
          guint64 total = 0, running = 0, pick;
          guint   chosen = end - 1;

          for (guint i = start; i < end; i++)
            total += g_array_index (entries, SrvEntry, i).record->weight;
          pick = (guint64)(g_random_double () * (double)(total + 1));
          if (pick > total)
            pick = total;
          for (guint i = start; i < end; i++)
            {
              running += g_array_index (entries, SrvEntry, i).record->weight;
              if (running >= pick)
                {
                  chosen = i;
                  break;
                }
            }
          g_ptr_array_add (ordered, g_array_index (entries, SrvEntry, chosen).record);
          g_array_remove_index (entries, chosen);
          end--;
        }
    }
  return ordered;
}

/* Addresses for target that the server already sent in the answer, A
 * first, or NULL. */
static GStrv
addresses_from_message (const SipSimpleDnsMessage *message, const char *target)
{
  g_autoptr (GPtrArray) addresses = g_ptr_array_new_with_free_func (g_free);
  static const guint16 types[2] = { SIP_SIMPLE_DNS_TYPE_A, SIP_SIMPLE_DNS_TYPE_AAAA };
  GPtrArray           *sections[2] = { message->additional, message->answers };

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
      for (guint i = 0; i < sections[s]->len; i++)
        {
          SipSimpleDnsRecord *record = g_ptr_array_index (sections[s], i);

          if (record->type == types[t] && record->rclass == SIP_SIMPLE_DNS_CLASS_IN
              && sip_simple_dns_name_equal (record->name, target))
            add_address (addresses, record->address);
        }
  if (addresses->len == 0)
    return NULL;
  return address_array_to_strv (addresses);
}

static void
srv_return (GTask *task, GError **errors, guint n_errors)
{
  SrvData   *data = g_task_get_task_data (task);
  SrvResult *result = g_new0 (SrvResult, 1);

  result->found = TRUE;
  result->routes = route_array_new ();
  for (guint i = 0; i < data->records->len; i++)
    {
      SipSimpleDnsRecord *record = g_ptr_array_index (data->records, i);
      GStrv               addresses = g_ptr_array_index (data->addresses, i);

      for (guint a = 0; addresses != NULL && addresses[a] != NULL; a++)
        add_route (result->routes, addresses[a], record->port, data->transport);
    }

  if (result->routes->len == 0 && n_errors > 0)
    {
      GError *error = pick_error (errors, n_errors);

      if (error != NULL)
        {
          srv_result_free (result);
          g_task_return_error (task, error);
          return;
        }
    }
  g_task_return_pointer (task, result, (GDestroyNotify)srv_result_free);
}

typedef struct
{
  GTask *task;
  guint *indexes; /* record index of each lookup */
} SrvLookups;

static void
on_srv_targets_resolved (GAsyncResult **results, guint n, gpointer user_data)
{
  SrvLookups *lookups = user_data;
  g_autoptr (GTask) task = lookups->task;
  SrvData *data = g_task_get_task_data (task);
  GError **errors = g_new0 (GError *, n);

  for (guint i = 0; i < n; i++)
    {
      GStrv addresses = resolve_host_finish (results[i], &errors[i]);

      if (addresses == NULL)
        continue;
      g_strfreev (g_ptr_array_index (data->addresses, lookups->indexes[i]));
      g_ptr_array_index (data->addresses, lookups->indexes[i]) = addresses;
    }
  srv_return (task, errors, n);
  for (guint i = 0; i < n; i++)
    g_clear_error (&errors[i]);
  g_free (errors);
  g_free (lookups->indexes);
  g_free (lookups);
}

static void
on_srv_answer (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SrvData *data = g_task_get_task_data (task);
  g_autoptr (GPtrArray) records = NULL;
  GError *error = NULL;
  guint   n_lookups = 0;

  data->message = query_finish (res, &error);
  if (data->message == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  records = answer_records (data->message, data->name, SIP_SIMPLE_DNS_TYPE_SRV);
  if (records->len == 0)
    {
      SrvResult *result = g_new0 (SrvResult, 1);

      result->routes = route_array_new ();
      g_task_return_pointer (task, result, (GDestroyNotify)srv_result_free);
      return;
    }

  /* Target "." means the service is decidedly not available here. */
  for (guint i = records->len; i > 0; i--)
    if (strcmp (((SipSimpleDnsRecord *)g_ptr_array_index (records, i - 1))->target, ".") == 0)
      g_ptr_array_remove_index (records, i - 1);

  data->records = order_srv_records (records);
  data->addresses = g_ptr_array_new_full (data->records->len, (GDestroyNotify)g_strfreev);
  for (guint i = 0; i < data->records->len; i++)
    {
      SipSimpleDnsRecord *record = g_ptr_array_index (data->records, i);
      GStrv               addresses = addresses_from_message (data->message, record->target);

      g_ptr_array_add (data->addresses, addresses);
      if (addresses == NULL)
        n_lookups++;
    }

  if (n_lookups == 0)
    {
      srv_return (task, NULL, 0);
      return;
    }

  {
    SrvLookups *lookups = g_new0 (SrvLookups, 1);
    Batch      *batch;
    guint       slot = 0;

    lookups->task = g_steal_pointer (&task);
    lookups->indexes = g_new (guint, n_lookups);
    batch = batch_new (n_lookups, on_srv_targets_resolved, lookups);
    for (guint i = 0; i < data->records->len; i++)
      if (g_ptr_array_index (data->addresses, i) == NULL)
        {
          SipSimpleDnsRecord *record = g_ptr_array_index (data->records, i);

          lookups->indexes[slot] = i;
          resolve_host_async (data->ctx, record->target, batch_child_done,
                              batch_slot (batch, slot));
          slot++;
        }
  }
}

/* Routes for the servers of the SRV records of name, with transport. */
static void
resolve_srv_async (Ctx *ctx, const char *name, const char *transport, GAsyncReadyCallback callback,
                   gpointer user_data)
{
  GTask   *task = g_task_new (NULL, ctx->cancellable, callback, user_data);
  SrvData *data = g_new0 (SrvData, 1);

  g_task_set_source_tag (task, resolve_srv_async);
  data->ctx = ctx_ref (ctx);
  data->name = g_strdup (name);
  data->transport = g_strdup (transport);
  g_task_set_task_data (task, data, (GDestroyNotify)srv_data_free);
  query_async (ctx, name, SIP_SIMPLE_DNS_TYPE_SRV, on_srv_answer, task);
}

static SrvResult *
resolve_srv_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---------------------------------------------------------------------- */
/* RFC 3263 section 4                                                      */

typedef struct
{
  Ctx        *ctx;
  char       *host;      /* without brackets */
  guint16     port;      /* 0: none in the URI */
  const char *transport; /* from the URI, or NULL (static string) */
  gboolean    secure;
  GPtrArray  *transports; /* allowed, in order of preference (static strings) */
} SipData;

static void
sip_data_free (SipData *data)
{
  ctx_unref (data->ctx);
  g_free (data->host);
  g_ptr_array_unref (data->transports);
  g_free (data);
}

/* The transport when neither the URI nor DNS tells: RFC 3263 says UDP for
 * sip: and TLS (over TCP) for sips:. */
static const char *
sip_default_transport (SipData *data)
{
  if (data->secure)
    return "tls";
  if (g_ptr_array_find_with_equal_func (data->transports, "udp", g_str_equal, NULL))
    return "udp";
  return g_ptr_array_index (data->transports, 0);
}

static gboolean
sip_transport_allowed (SipData *data, const char *transport)
{
  return g_ptr_array_find_with_equal_func (data->transports, transport, g_str_equal, NULL);
}

static void
sip_return_routes (GTask *task, GPtrArray *routes)
{
  SipData *data = g_task_get_task_data (task);

  if (routes->len == 0)
    {
      g_ptr_array_unref (routes);
      g_task_return_new_error (task, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_DNS,
                               "no SIP servers found for %s", data->host);
      return;
    }
  g_task_return_pointer (task, routes, (GDestroyNotify)g_ptr_array_unref);
}

static void
sip_return_error (GTask *task, GError *error)
{
  SipData *data = g_task_get_task_data (task);

  if (!is_cancelled_error (error))
    g_prefix_error (&error, "cannot find SIP servers for %s: ", data->host);
  g_task_return_error (task, error);
}

static void
sip_return_addresses (GTask *task, GStrv addresses, guint16 port, const char *transport)
{
  GPtrArray *routes = route_array_new ();

  for (guint i = 0; addresses[i] != NULL; i++)
    add_route (routes, addresses[i], port, transport);
  sip_return_routes (task, routes);
}

/* Last resort (and the case of an explicit port): the host's addresses. */
static void
on_sip_host_resolved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SipData *data = g_task_get_task_data (task);
  GError  *error = NULL;
  g_auto (GStrv) addresses = resolve_host_finish (result, &error);
  const char *transport = data->transport ? data->transport : sip_default_transport (data);

  if (addresses == NULL)
    {
      sip_return_error (task, error);
      return;
    }
  if (addresses[0] == NULL)
    {
      const char *tried = data->port != 0 ? "A/AAAA lookups returned nothing"
                          : data->transport != NULL
                              ? "SRV and A/AAAA lookups returned nothing"
                              : "NAPTR, SRV and A/AAAA lookups returned nothing";

      g_task_return_new_error (task, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_DNS,
                               "no SIP servers found for %s: %s", data->host, tried);
      return;
    }
  sip_return_addresses (task, addresses, data->port != 0 ? data->port : default_port (transport),
                        transport);
}

static void
sip_resolve_host (GTask *task)
{
  SipData *data = g_task_get_task_data (task);

  resolve_host_async (data->ctx, data->host, on_sip_host_resolved, task);
}

/* Combines SRV results, in order; NULL when none found any SRV record and
 * the lookup should go on. */
static GPtrArray *
sip_collect_srv (GAsyncResult **results, guint n, GError **error)
{
  g_autoptr (GPtrArray) routes = route_array_new ();
  GError **errors = g_new0 (GError *, n);
  gboolean found = FALSE;
  gboolean fatal = FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (SrvResult) result = resolve_srv_finish (results[i], &errors[i]);

      if (result == NULL)
        {
          /* A nameserver that cannot answer SRV queries may still know the
           * host's address: only timeouts and cancellation stop here. */
          if (is_cancelled_error (errors[i]) || is_timeout_error (errors[i]))
            fatal = TRUE;
          continue;
        }
      found |= result->found;
      add_routes (routes, result->routes);
    }

  if (routes->len == 0 && (fatal || found))
    {
      *error = pick_error (errors, n);
      if (*error == NULL)
        g_set_error (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_DNS,
                     "SRV records lead to no usable address");
    }
  for (guint i = 0; i < n; i++)
    g_clear_error (&errors[i]);
  g_free (errors);
  if (routes->len == 0)
    return NULL;
  return g_steal_pointer (&routes);
}

static void
on_sip_srv_done (GAsyncResult **results, guint n, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError    *error = NULL;
  GPtrArray *routes = sip_collect_srv (results, n, &error);

  if (routes != NULL)
    sip_return_routes (task, routes);
  else if (error != NULL)
    sip_return_error (task, error);
  else
    sip_resolve_host (g_steal_pointer (&task));
}

/* No NAPTR records: SRV for each allowed transport (or the one the URI
 * names), then the host's addresses. */
static void
sip_lookup_srv (GTask *task)
{
  SipData *data = g_task_get_task_data (task);
  g_autoptr (GPtrArray) transports = g_ptr_array_new ();
  Batch *batch;

  if (data->transport != NULL)
    g_ptr_array_add (transports, (gpointer)data->transport);
  else
    g_ptr_array_extend (transports, data->transports, NULL, NULL);

  batch = batch_new (transports->len, on_sip_srv_done, task);
  for (guint i = 0; i < transports->len; i++)
    {
      const char      *transport = g_ptr_array_index (transports, i);
      g_autofree char *name = NULL;

      if (strcmp (transport, "tls") == 0)
        name = g_strconcat ("_sips._tcp.", data->host, NULL);
      else
        name = g_strconcat ("_sip._", transport, ".", data->host, NULL);
      resolve_srv_async (data->ctx, name, transport, batch_child_done, batch_slot (batch, i));
    }
}

static void
on_sip_naptr_srv_done (GAsyncResult **results, guint n, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError    *error = NULL;
  GPtrArray *routes = sip_collect_srv (results, n, &error);

  if (routes != NULL)
    sip_return_routes (task, routes);
  else if (error != NULL && (is_cancelled_error (error) || is_timeout_error (error)))
    sip_return_error (task, error);
  else
    {
      /* NAPTR records that lead nowhere: try without them. */
      g_clear_error (&error);
      sip_lookup_srv (g_steal_pointer (&task));
    }
}

static const char *
naptr_transport (const SipSimpleDnsRecord *record)
{
  if (g_ascii_strcasecmp (record->flags, "s") != 0 || record->regexp[0] != '\0'
      || strcmp (record->target, ".") == 0)
    return NULL;
  if (g_ascii_strcasecmp (record->service, "SIP+D2U") == 0)
    return "udp";
  if (g_ascii_strcasecmp (record->service, "SIP+D2T") == 0)
    return "tcp";
  if (g_ascii_strcasecmp (record->service, "SIPS+D2T") == 0)
    return "tls";
  return NULL;
}

static gint
compare_naptr (gconstpointer a, gconstpointer b)
{
  const SrvEntry *x = a, *y = b;

  if (x->record->order != y->record->order)
    return x->record->order < y->record->order ? -1 : 1;
  if (x->record->preference != y->record->preference)
    return x->record->preference < y->record->preference ? -1 : 1;
  return x->index < y->index ? -1 : (x->index > y->index ? 1 : 0);
}

static void
on_sip_naptr_answer (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SipData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (SipSimpleDnsMessage) message = query_finish (result, &error);
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GArray) usable = NULL;
  Batch *batch;

  if (message == NULL)
    {
      if (is_cancelled_error (error) || is_timeout_error (error))
        {
          sip_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* Some nameservers refuse NAPTR queries; SRV may still work. */
      g_debug ("%s", error->message);
      sip_lookup_srv (g_steal_pointer (&task));
      return;
    }

  records = answer_records (message, data->host, SIP_SIMPLE_DNS_TYPE_NAPTR);
  usable = g_array_new (FALSE, FALSE, sizeof (SrvEntry));
  for (guint i = 0; i < records->len; i++)
    {
      SrvEntry    entry = { g_ptr_array_index (records, i), i };
      const char *transport = naptr_transport (entry.record);

      if (transport != NULL && sip_transport_allowed (data, transport))
        g_array_append_val (usable, entry);
    }
  if (usable->len == 0)
    {
      sip_lookup_srv (g_steal_pointer (&task));
      return;
    }
  g_array_sort (usable, compare_naptr);

  batch = batch_new (usable->len, on_sip_naptr_srv_done, g_steal_pointer (&task));
  for (guint i = 0; i < usable->len; i++)
    {
      SipSimpleDnsRecord *record = g_array_index (usable, SrvEntry, i).record;

      resolve_srv_async (data->ctx, record->target, naptr_transport (record), batch_child_done,
                         batch_slot (batch, i));
    }
}

static void
on_sip_hosts_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SipData   *data = g_task_get_task_data (task);
  GError    *error = NULL;
  GPtrArray *listed;

  if (!ctx_load_hosts_finish (result, &error))
    {
      sip_return_error (task, error);
      return;
    }

  /* A name from the hosts file has no DNS records to look for. */
  if ((listed = hosts_lookup (data->ctx->hosts, data->host)) != NULL)
    {
      const char *transport = data->transport ? data->transport : sip_default_transport (data);
      g_auto (GStrv) addresses = address_array_to_strv (listed);

      sip_return_addresses (task, addresses,
                            data->port != 0 ? data->port : default_port (transport), transport);
      return;
    }

  if (data->port != 0)
    sip_resolve_host (g_steal_pointer (&task));
  else if (data->transport != NULL)
    sip_lookup_srv (g_steal_pointer (&task));
  else
    query_async (data->ctx, data->host, SIP_SIMPLE_DNS_TYPE_NAPTR, on_sip_naptr_answer,
                 g_steal_pointer (&task));
}

static gboolean
sip_data_init (SipData *data, const char *host, guint port, const char *transport, gboolean secure,
               const char *const *transports, GError **error)
{
  static const char *const all_transports[] = { "udp", "tcp", "tls", NULL };

  if (transports == NULL)
    transports = all_transports;

  data->host = host ? strip_brackets (host) : g_strdup ("");
  data->secure = secure;
  data->transports = g_ptr_array_new ();

  if (data->host[0] == '\0')
    {
      g_set_error (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_INVALID_ARGUMENT,
                   "the URI has no host (a tel: URI needs a gateway)");
      return FALSE;
    }
  if (port > G_MAXUINT16)
    {
      g_set_error (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_INVALID_ARGUMENT,
                   "port %u of %s is out of range", port, data->host);
      return FALSE;
    }
  data->port = (guint16)port;

  for (guint i = 0; transports[i] != NULL; i++)
    {
      const char *t = canonical_transport (transports[i]);

      if (t == NULL)
        {
          g_set_error (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_INVALID_ARGUMENT,
                       "unknown transport \"%s\" (udp, tcp and tls are known)", transports[i]);
          return FALSE;
        }
      if (secure && strcmp (t, "tls") != 0)
        continue;
      if (!sip_transport_allowed (data, t))
        g_ptr_array_add (data->transports, (gpointer)t);
    }
  if (data->transports->len == 0)
    {
      g_set_error (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_INVALID_ARGUMENT,
                   secure ? "a sips: URI needs TLS, which is not an allowed transport"
                          : "no transport allowed");
      return FALSE;
    }

  if (transport != NULL && transport[0] != '\0')
    {
      const char *t = canonical_transport (transport);

      /* For sips:, transport=tcp means TLS over TCP (RFC 3261 26.2.2). */
      if (secure && t != NULL && strcmp (t, "tcp") == 0)
        t = "tls";
      if (t == NULL || (secure && strcmp (t, "tls") != 0))
        {
          g_set_error (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_INVALID_ARGUMENT,
                       "transport \"%s\" of a %s: URI is not supported", transport,
                       secure ? "sips" : "sip");
          return FALSE;
        }
      if (!sip_transport_allowed (data, t))
        {
          g_set_error (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_INVALID_ARGUMENT,
                       "the URI asks for transport %s, which is not an allowed transport", t);
          return FALSE;
        }
      data->transport = t;
    }
  return TRUE;
}

/* RFC 3263 section 4 on the parts of a SIP URI: host, port (0 for none),
 * transport parameter (NULL for none), sips: or not. */
static void
lookup_sip_async (SipSimpleLookup *self, const char *host, guint port, const char *transport,
                  gboolean secure, const char *const *transports, GCancellable *cancellable,
                  GAsyncReadyCallback callback, gpointer user_data, gpointer source_tag)
{
  GTask   *task = g_task_new (self, cancellable, callback, user_data);
  SipData *data = g_new0 (SipData, 1);
  GError  *error = NULL;

  g_task_set_source_tag (task, source_tag);
  data->ctx = ctx_new (self, cancellable);
  g_task_set_task_data (task, data, (GDestroyNotify)sip_data_free);

  if (!sip_data_init (data, host, port, transport, secure, transports, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  if (g_hostname_is_ip_address (data->host))
    {
      const char *t = data->transport ? data->transport : sip_default_transport (data);
      GPtrArray  *routes = route_array_new ();

      add_route (routes, data->host, data->port ? data->port : default_port (t), t);
      sip_return_routes (task, routes);
      g_object_unref (task);
      return;
    }

  ctx_load_hosts_async (data->ctx, on_sip_hosts_loaded, task);
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                 */

static void
sip_simple_lookup_finalize (GObject *object)
{
  SipSimpleLookup *self = SIP_SIMPLE_LOOKUP (object);

  g_strfreev (self->nameservers);
  g_ptr_array_unref (self->servers);

  G_OBJECT_CLASS (sip_simple_lookup_parent_class)->finalize (object);
}

static void
sip_simple_lookup_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SipSimpleLookup *self = SIP_SIMPLE_LOOKUP (object);

  switch (prop_id)
    {
    case PROP_NAMESERVERS:
      g_value_set_boxed (value, self->nameservers);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_SEARCH_HOSTS_FILE:
      g_value_set_boolean (value, self->search_hosts_file);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_lookup_set_property (GObject *object, guint prop_id, const GValue *value,
                                GParamSpec *pspec)
{
  SipSimpleLookup *self = SIP_SIMPLE_LOOKUP (object);

  switch (prop_id)
    {
    case PROP_NAMESERVERS:
      sip_simple_lookup_set_nameservers (self, g_value_get_boxed (value));
      break;
    case PROP_TIMEOUT:
      sip_simple_lookup_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_SEARCH_HOSTS_FILE:
      sip_simple_lookup_set_search_hosts_file (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sip_simple_lookup_class_init (SipSimpleLookupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sip_simple_lookup_finalize;
  object_class->get_property = sip_simple_lookup_get_property;
  object_class->set_property = sip_simple_lookup_set_property;

  /**
   * SipSimpleLookup:nameservers:
   *
   * The DNS servers to ask, in order: each one a numeric address with an
   * optional port, `"192.0.2.53"`, `"127.0.0.1:5353"`, `"2001:db8::53"`
   * or `"[2001:db8::53]:5353"`.
   *
   * By default, the `nameserver` entries of `/etc/resolv.conf`, or
   * `127.0.0.1` when there are none. Setting %NULL or an empty list goes
   * back to that default. Entries that are not numeric addresses are
   * skipped with a warning.
   *
   * Since: 0.1
   */
  properties[PROP_NAMESERVERS]
      = g_param_spec_boxed ("nameservers", NULL, NULL, G_TYPE_STRV,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SipSimpleLookup:timeout:
   *
   * How long to wait for the answer of one nameserver to one query, in
   * milliseconds. A query that gets no answer in time is sent to the next
   * nameserver; every nameserver is tried twice before the lookup fails
   * with %SIP_SIMPLE_ENGINE_ERROR_TIMEOUT.
   *
   * Since: 0.1
   */
  properties[PROP_TIMEOUT]
      = g_param_spec_uint ("timeout", NULL, NULL, 1, 600000, DEFAULT_TIMEOUT_MS,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SipSimpleLookup:search-hosts-file:
   *
   * Whether names listed in `/etc/hosts` (such as `localhost`) are
   * answered from that file, without DNS queries.
   *
   * Since: 0.1
   */
  properties[PROP_SEARCH_HOSTS_FILE]
      = g_param_spec_boolean ("search-hosts-file", NULL, NULL, TRUE,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sip_simple_lookup_init (SipSimpleLookup *self)
{
  self->timeout = DEFAULT_TIMEOUT_MS;
  self->search_hosts_file = TRUE;
  self->servers = g_ptr_array_new_with_free_func (g_object_unref);
  sip_simple_lookup_set_nameservers (self, NULL);
}

/**
 * sip_simple_lookup_new:
 *
 * Creates a lookup object with the system's nameservers.
 *
 * Returns: (transfer full): a new #SipSimpleLookup
 *
 * Since: 0.1
 */
SipSimpleLookup *
sip_simple_lookup_new (void)
{
  return g_object_new (SIP_SIMPLE_TYPE_LOOKUP, NULL);
}

/**
 * sip_simple_lookup_get_nameservers: (get-property nameservers)
 * @self: a #SipSimpleLookup
 *
 * Gets the nameservers that queries go to.
 *
 * Returns: (transfer none) (array zero-terminated=1): the nameservers
 *
 * Since: 0.1
 */
const char *const *
sip_simple_lookup_get_nameservers (SipSimpleLookup *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_LOOKUP (self), NULL);
  return (const char *const *)self->nameservers;
}

/**
 * sip_simple_lookup_set_nameservers: (set-property nameservers)
 * @self: a #SipSimpleLookup
 * @nameservers: (nullable) (array zero-terminated=1): numeric addresses
 *   with optional ports, or %NULL for the system's nameservers
 *
 * Sets the nameservers that queries go to; lookups already running keep
 * the ones they started with. See [property@SipSimple.Lookup:nameservers].
 *
 * Since: 0.1
 */
void
sip_simple_lookup_set_nameservers (SipSimpleLookup *self, const char *const *nameservers)
{
  g_auto (GStrv) value = NULL;
  GPtrArray *servers;

  g_return_if_fail (SIP_SIMPLE_IS_LOOKUP (self));

  if (nameservers == NULL || nameservers[0] == NULL)
    value = read_resolv_conf ();
  else
    value = g_strdupv ((char **)nameservers);

  if (self->nameservers != NULL
      && g_strv_equal ((const char *const *)self->nameservers, (const char *const *)value))
    return;

  servers = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; value[i] != NULL; i++)
    {
      GSocketAddress *address = parse_nameserver (value[i]);

      if (address == NULL)
        g_warning ("ignoring nameserver \"%s\": not a numeric address with an optional port",
                   value[i]);
      else
        g_ptr_array_add (servers, address);
    }

  g_strfreev (self->nameservers);
  self->nameservers = g_steal_pointer (&value);
  g_ptr_array_unref (self->servers);
  self->servers = servers;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAMESERVERS]);
}

/**
 * sip_simple_lookup_get_timeout: (get-property timeout)
 * @self: a #SipSimpleLookup
 *
 * Gets how long one nameserver has to answer one query.
 *
 * Returns: the timeout in milliseconds
 *
 * Since: 0.1
 */
guint
sip_simple_lookup_get_timeout (SipSimpleLookup *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_LOOKUP (self), 0);
  return self->timeout;
}

/**
 * sip_simple_lookup_set_timeout: (set-property timeout)
 * @self: a #SipSimpleLookup
 * @timeout: milliseconds, at least 1
 *
 * Sets how long one nameserver has to answer one query. See
 * [property@SipSimple.Lookup:timeout].
 *
 * Since: 0.1
 */
void
sip_simple_lookup_set_timeout (SipSimpleLookup *self, guint timeout)
{
  g_return_if_fail (SIP_SIMPLE_IS_LOOKUP (self));
  g_return_if_fail (timeout > 0);

  if (self->timeout == timeout)
    return;
  self->timeout = timeout;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/**
 * sip_simple_lookup_get_search_hosts_file: (get-property search-hosts-file)
 * @self: a #SipSimpleLookup
 *
 * Gets whether names are looked for in `/etc/hosts` first.
 *
 * Returns: whether the hosts file is searched
 *
 * Since: 0.1
 */
gboolean
sip_simple_lookup_get_search_hosts_file (SipSimpleLookup *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_LOOKUP (self), FALSE);
  return self->search_hosts_file;
}

/**
 * sip_simple_lookup_set_search_hosts_file: (set-property search-hosts-file)
 * @self: a #SipSimpleLookup
 * @search_hosts_file: whether to search `/etc/hosts`
 *
 * Sets whether names are looked for in `/etc/hosts` first.
 *
 * Since: 0.1
 */
void
sip_simple_lookup_set_search_hosts_file (SipSimpleLookup *self, gboolean search_hosts_file)
{
  g_return_if_fail (SIP_SIMPLE_IS_LOOKUP (self));

  search_hosts_file = !!search_hosts_file;
  if (self->search_hosts_file == search_hosts_file)
    return;
  self->search_hosts_file = search_hosts_file;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_HOSTS_FILE]);
}

/* ---------------------------------------------------------------------- */
/* Public calls                                                            */

/**
 * sip_simple_lookup_lookup_sip_proxy_async:
 * @self: a #SipSimpleLookup
 * @uri: the SIP or SIPS URI of the server (a proxy, a registrar, or the
 *   request URI itself)
 * @transports: (nullable) (array zero-terminated=1): the transports the
 *   caller can use, among `"udp"`, `"tcp"` and `"tls"`, most preferred
 *   first; %NULL for all three in that order
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the lookup is done
 * @user_data: data for @callback
 *
 * Finds the servers to send a request for @uri to, as RFC 3263 section 4
 * describes (see [class@SipSimple.Lookup] for the steps). @callback runs on
 * the thread-default main context of the caller; get the result with
 * [method@SipSimple.Lookup.lookup_sip_proxy_finish].
 *
 * Since: 0.1
 */
void
sip_simple_lookup_lookup_sip_proxy_async (SipSimpleLookup *self, SipSimpleUri *uri,
                                          const char *const *transports, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data)
{
  g_autofree char *transport = NULL;

  g_return_if_fail (SIP_SIMPLE_IS_LOOKUP (self));
  g_return_if_fail (uri != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  transport = sip_simple_uri_get_transport (uri);
  lookup_sip_async (self, sip_simple_uri_get_host (uri), sip_simple_uri_get_port (uri), transport,
                    sip_simple_uri_is_secure (uri), transports, cancellable, callback, user_data,
                    sip_simple_lookup_lookup_sip_proxy_async);
}

/**
 * sip_simple_lookup_lookup_sip_proxy_finish:
 * @self: a #SipSimpleLookup
 * @result: the #GAsyncResult passed to the callback
 * @error: return location for a #GError
 *
 * Gets the result of [method@SipSimple.Lookup.lookup_sip_proxy_async]:
 * the routes to try, in order, never an empty array. The array owns its
 * routes: g_ptr_array_unref() frees both.
 *
 * Returns: (transfer container) (element-type SipSimpleRoute): the routes,
 *   or %NULL with @error set
 *
 * Since: 0.1
 */
GPtrArray *
sip_simple_lookup_lookup_sip_proxy_finish (SipSimpleLookup *self, GAsyncResult *result,
                                           GError **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_LOOKUP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (
      g_task_get_source_tag (G_TASK (result)) == sip_simple_lookup_lookup_sip_proxy_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_host_addresses (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  HostData *data = g_task_get_task_data (task);
  GError   *error = NULL;
  GStrv     addresses = resolve_host_finish (result, &error);

  if (addresses == NULL)
    {
      if (!is_cancelled_error (error))
        g_prefix_error (&error, "cannot find the addresses of %s: ", data->name);
      g_task_return_error (task, error);
    }
  else if (addresses[0] == NULL)
    {
      g_strfreev (addresses);
      g_task_return_new_error (task, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_DNS,
                               "no addresses found for %s: A/AAAA lookups returned nothing",
                               data->name);
    }
  else
    g_task_return_pointer (task, addresses, (GDestroyNotify)g_strfreev);
}

static void
on_host_hosts_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  HostData *data = g_task_get_task_data (task);
  GError   *error = NULL;

  if (!ctx_load_hosts_finish (result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  resolve_host_async (data->ctx, data->name, on_host_addresses, g_steal_pointer (&task));
}

/**
 * sip_simple_lookup_lookup_host_async:
 * @self: a #SipSimpleLookup
 * @host: a host name, or a numeric address (IPv6 may be in brackets)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the lookup is done
 * @user_data: data for @callback
 *
 * Finds the IPv4 and IPv6 addresses of @host: from the hosts file when it
 * is listed there (see [property@SipSimple.Lookup:search-hosts-file]),
 * else with A and AAAA queries. A numeric address is its own result. Get
 * the result with [method@SipSimple.Lookup.lookup_host_finish].
 *
 * Since: 0.1
 */
void
sip_simple_lookup_lookup_host_async (SipSimpleLookup *self, const char *host,
                                     GCancellable *cancellable, GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  GTask    *task;
  HostData *data;

  g_return_if_fail (SIP_SIMPLE_IS_LOOKUP (self));
  g_return_if_fail (host != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sip_simple_lookup_lookup_host_async);
  data = g_new0 (HostData, 1);
  data->ctx = ctx_new (self, cancellable);
  data->name = strip_brackets (host);
  g_task_set_task_data (task, data, (GDestroyNotify)host_data_free);

  if (data->name[0] == '\0')
    {
      g_task_return_new_error (task, SIP_SIMPLE_ENGINE_ERROR,
                               SIP_SIMPLE_ENGINE_ERROR_INVALID_ARGUMENT, "empty host name");
      g_object_unref (task);
      return;
    }
  ctx_load_hosts_async (data->ctx, on_host_hosts_loaded, task);
}

/**
 * sip_simple_lookup_lookup_host_finish:
 * @self: a #SipSimpleLookup
 * @result: the #GAsyncResult passed to the callback
 * @error: return location for a #GError
 *
 * Gets the result of [method@SipSimple.Lookup.lookup_host_async]: the
 * numeric addresses, IPv4 first, never an empty list.
 *
 * Returns: (transfer full) (array zero-terminated=1): the addresses, or
 *   %NULL with @error set
 *
 * Since: 0.1
 */
GStrv
sip_simple_lookup_lookup_host_finish (SipSimpleLookup *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_LOOKUP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (
      g_task_get_source_tag (G_TASK (result)) == sip_simple_lookup_lookup_host_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
