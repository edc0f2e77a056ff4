/* libsipsimple - the DNS client under SipSimpleLookup: one question asked
 * to the nameservers in turn (UDP, TCP after a truncated answer), the
 * hosts file, and the addresses of one name. What to ask for a SIP URI
 * (RFC 3263) is lookup.c's business.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/engine/engine-error.h>

#include "dns-resolver-private.h"
#include "sip/random-internal.h"

#include <string.h>

/* Each query goes to every nameserver in turn, this many times around. */
#define QUERY_ROUNDS 2
#define MAX_CNAME_CHAIN 8
#define DNS_PORT 53
#define RECEIVE_BUFFER_SIZE 65536
#define RESOLV_CONF "/etc/resolv.conf"
#define HOSTS_FILE "/etc/hosts"

/* ---------------------------------------------------------------------- */
/* Nameserver configuration                                                */

/* "IP", "IP:PORT", "[IPv6]:PORT" or a bare IPv6 address. */
GSocketAddress *
sip_simple_dns_parse_nameserver (const char *text)
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

GStrv
sip_simple_dns_system_nameservers (void)
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

/* "[::1]" -> "::1"; anything else unchanged. */
char *
sip_simple_dns_strip_brackets (const char *host)
{
  gsize len = strlen (host);

  if (len >= 2 && host[0] == '[' && host[len - 1] == ']')
    return g_strndup (host + 1, len - 2);
  return g_strdup (host);
}

gboolean
sip_simple_dns_error_is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

gboolean
sip_simple_dns_error_is_timeout (const GError *error)
{
  return g_error_matches (error, SIP_SIMPLE_ENGINE_ERROR, SIP_SIMPLE_ENGINE_ERROR_TIMEOUT);
}

/* Of several failures, the one to report: a cancellation wins, then a
 * timeout (the network is the problem), then the first one. */
GError *
sip_simple_dns_pick_error (GError **errors, guint n)
{
  GError *best = NULL;

  for (guint i = 0; i < n; i++)
    {
      if (errors[i] == NULL)
        continue;
      if (best == NULL
          || (sip_simple_dns_error_is_cancelled (errors[i])
              && !sip_simple_dns_error_is_cancelled (best))
          || (sip_simple_dns_error_is_timeout (errors[i])
              && !sip_simple_dns_error_is_cancelled (best)
              && !sip_simple_dns_error_is_timeout (best)))
        best = errors[i];
    }
  return best ? g_error_copy (best) : NULL;
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

GPtrArray *
sip_simple_dns_context_find_host (SipSimpleDnsContext *ctx, const char *name)
{
  GHashTable      *hosts = ctx->hosts;
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

static void
context_clear (SipSimpleDnsContext *ctx)
{
  g_ptr_array_unref (ctx->servers);
  g_clear_pointer (&ctx->hosts, g_hash_table_unref);
  g_clear_object (&ctx->cancellable);
  g_main_context_unref (ctx->context);
}

SipSimpleDnsContext *
sip_simple_dns_context_new (GPtrArray *servers, guint timeout, gboolean search_hosts_file,
                            GCancellable *cancellable)
{
  SipSimpleDnsContext *ctx = g_rc_box_new0 (SipSimpleDnsContext);

  ctx->servers = g_ptr_array_ref (servers);
  ctx->timeout = timeout;
  ctx->search_hosts_file = search_hosts_file;
  ctx->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  ctx->context = g_main_context_ref_thread_default ();
  return ctx;
}

SipSimpleDnsContext *
sip_simple_dns_context_ref (SipSimpleDnsContext *ctx)
{
  return g_rc_box_acquire (ctx);
}

void
sip_simple_dns_context_unref (SipSimpleDnsContext *ctx)
{
  g_rc_box_release_full (ctx, (GDestroyNotify)context_clear);
}

static void
on_hosts_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SipSimpleDnsContext *ctx = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize            length = 0;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      if (sip_simple_dns_error_is_cancelled (error))
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
void
sip_simple_dns_context_load_hosts_async (SipSimpleDnsContext *ctx, GAsyncReadyCallback callback,
                                         gpointer user_data)
{
  GTask *task = g_task_new (NULL, ctx->cancellable, callback, user_data);
  g_autoptr (GFile) file = NULL;

  g_task_set_source_tag (task, sip_simple_dns_context_load_hosts_async);
  g_task_set_task_data (task, sip_simple_dns_context_ref (ctx),
                        (GDestroyNotify)sip_simple_dns_context_unref);
  if (!ctx->search_hosts_file)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  file = g_file_new_for_path (HOSTS_FILE);
  g_file_load_contents_async (file, ctx->cancellable, on_hosts_loaded, task);
}

gboolean
sip_simple_dns_context_load_hosts_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---------------------------------------------------------------------- */
/* Waiting for several operations at once                                  */

struct _SipSimpleDnsBatch
{
  guint                 pending;
  guint                 n;
  GAsyncResult        **results;
  SipSimpleDnsBatchDone done;
  gpointer              data;
};

typedef struct
{
  SipSimpleDnsBatch *batch;
  guint              index;
} BatchSlot;

SipSimpleDnsBatch *
sip_simple_dns_batch_new (guint n, SipSimpleDnsBatchDone done, gpointer data)
{
  SipSimpleDnsBatch *batch = g_new0 (SipSimpleDnsBatch, 1);

  g_assert (n > 0);
  batch->pending = batch->n = n;
  batch->results = g_new0 (GAsyncResult *, n);
  batch->done = done;
  batch->data = data;
  return batch;
}

/* The user_data for the operation that fills slot index. */
gpointer
sip_simple_dns_batch_slot (SipSimpleDnsBatch *batch, guint index)
{
  BatchSlot *slot = g_new (BatchSlot, 1);

  slot->batch = batch;
  slot->index = index;
  return slot;
}

void
sip_simple_dns_batch_child_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  BatchSlot         *slot = user_data;
  SipSimpleDnsBatch *batch = slot->batch;

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
  SipSimpleDnsContext *ctx;
  char                *name;
  guint16              type;
  guint16              id;
  GBytes              *packet;

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
  sip_simple_dns_context_unref (q->ctx);
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

void
sip_simple_dns_query_async (SipSimpleDnsContext *ctx, const char *name, guint16 type,
                            GAsyncReadyCallback callback, gpointer user_data)
{
  GTask  *task = g_task_new (NULL, ctx->cancellable, callback, user_data);
  Query  *q = g_new0 (Query, 1);
  GError *error = NULL;

  g_task_set_source_tag (task, sip_simple_dns_query_async);
  g_task_set_task_data (task, q, (GDestroyNotify)query_free);
  q->ctx = sip_simple_dns_context_ref (ctx);
  q->name = g_strdup (name);
  q->type = type;
  /* guessing it is half of forging an answer (RFC 5452 9.2) */
  q->id = (guint16)sip_simple_random_below (0x10000);
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

SipSimpleDnsMessage *
sip_simple_dns_query_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Records of type for name in the answer section, following CNAMEs.
 * Borrowed from message. */
GPtrArray *
sip_simple_dns_answer_records (const SipSimpleDnsMessage *message, const char *name, guint16 type)
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

void
sip_simple_dns_add_address (GPtrArray *addresses, const char *address)
{
  if (!g_ptr_array_find_with_equal_func (addresses, address, g_str_equal, NULL))
    g_ptr_array_add (addresses, g_strdup (address));
}

/* ---------------------------------------------------------------------- */
/* A and AAAA records of one name                                          */

typedef struct
{
  SipSimpleDnsContext *ctx;
  char                *name;
} HostData;

static void
host_data_free (HostData *data)
{
  sip_simple_dns_context_unref (data->ctx);
  g_free (data->name);
  g_free (data);
}

GStrv
sip_simple_dns_address_array_to_strv (GPtrArray *addresses)
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
      g_autoptr (SipSimpleDnsMessage) message
          = sip_simple_dns_query_finish (results[i], &errors[i]);
      g_autoptr (GPtrArray) records = NULL;

      if (message == NULL)
        continue;
      records = sip_simple_dns_answer_records (message, data->name, types[i]);
      for (guint r = 0; r < records->len; r++)
        sip_simple_dns_add_address (
            addresses, ((SipSimpleDnsRecord *)g_ptr_array_index (records, r))->address);
    }

  /* One family is enough; only report a failure when nothing came. */
  if (addresses->len == 0 && (errors[0] != NULL || errors[1] != NULL))
    g_task_return_error (task, sip_simple_dns_pick_error (errors, 2));
  else
    g_task_return_pointer (task, sip_simple_dns_address_array_to_strv (addresses),
                           (GDestroyNotify)g_strfreev);
  g_clear_error (&errors[0]);
  g_clear_error (&errors[1]);
}

/* Addresses of name: itself when numeric, from the hosts file when listed
 * there (if ctx->hosts is loaded), else A and AAAA queries at once. An
 * empty result is not an error. */
void
sip_simple_dns_resolve_host_async (SipSimpleDnsContext *ctx, const char *name,
                                   GAsyncReadyCallback callback, gpointer user_data)
{
  GTask             *task = g_task_new (NULL, ctx->cancellable, callback, user_data);
  HostData          *data = g_new0 (HostData, 1);
  g_autofree char   *bare = sip_simple_dns_strip_brackets (name);
  GPtrArray         *listed;
  SipSimpleDnsBatch *batch;

  g_task_set_source_tag (task, sip_simple_dns_resolve_host_async);
  data->ctx = sip_simple_dns_context_ref (ctx);
  data->name = g_strdup (bare);
  g_task_set_task_data (task, data, (GDestroyNotify)host_data_free);

  if (g_hostname_is_ip_address (bare))
    {
      const char *one[] = { bare, NULL };
      g_task_return_pointer (task, g_strdupv ((char **)one), (GDestroyNotify)g_strfreev);
      g_object_unref (task);
      return;
    }
  if ((listed = sip_simple_dns_context_find_host (ctx, bare)) != NULL)
    {
      g_task_return_pointer (task, sip_simple_dns_address_array_to_strv (listed),
                             (GDestroyNotify)g_strfreev);
      g_object_unref (task);
      return;
    }

  batch = sip_simple_dns_batch_new (2, on_host_queries_done, task);
  sip_simple_dns_query_async (ctx, bare, SIP_SIMPLE_DNS_TYPE_A, sip_simple_dns_batch_child_done,
                              sip_simple_dns_batch_slot (batch, 0));
  sip_simple_dns_query_async (ctx, bare, SIP_SIMPLE_DNS_TYPE_AAAA, sip_simple_dns_batch_child_done,
                              sip_simple_dns_batch_slot (batch, 1));
}

GStrv
sip_simple_dns_resolve_host_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---------------------------------------------------------------------- */
/* The addresses of one name, for a caller who wants some                  */

static void
on_addresses_resolved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  HostData *data = g_task_get_task_data (task);
  GError   *error = NULL;
  GStrv     addresses = sip_simple_dns_resolve_host_finish (result, &error);

  if (addresses == NULL)
    {
      if (!sip_simple_dns_error_is_cancelled (error))
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
on_find_hosts_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  HostData *data = g_task_get_task_data (task);
  GError   *error = NULL;

  if (!sip_simple_dns_context_load_hosts_finish (result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  sip_simple_dns_resolve_host_async (data->ctx, data->name, on_addresses_resolved,
                                     g_steal_pointer (&task));
}

void
sip_simple_dns_find_addresses_async (SipSimpleDnsContext *ctx, const char *name,
                                     GAsyncReadyCallback callback, gpointer user_data)
{
  GTask    *task = g_task_new (NULL, ctx->cancellable, callback, user_data);
  HostData *data = g_new0 (HostData, 1);

  g_task_set_source_tag (task, sip_simple_dns_find_addresses_async);
  data->ctx = sip_simple_dns_context_ref (ctx);
  data->name = g_strdup (name);
  g_task_set_task_data (task, data, (GDestroyNotify)host_data_free);
  sip_simple_dns_context_load_hosts_async (ctx, on_find_hosts_loaded, task);
}

GStrv
sip_simple_dns_find_addresses_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
