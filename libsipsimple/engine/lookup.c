/* libsipsimple - SipSimpleLookup: which servers to try for a SIP URI, in
 * which order (RFC 3263 section 4: NAPTR, then SRV ordered as RFC 2782
 * says, then A/AAAA). The DNS questions themselves go through
 * dns-resolver.c.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/engine/lookup.h>
#include <sipsimple/engine/engine-error.h>
#include <sipsimple/sip/route.h>
#include <sipsimple/sip/uri.h>

#include "dns-resolver-private.h"

#include <string.h>

/**
 * SipSimpleLookup:
 *
 * Finds the servers for a SIP URI, as RFC 3263 ("Locating SIP Servers")
 * section 4 describes, with its own asynchronous DNS client.
 *
 * [method@SipSimple.Lookup.resolve_uri_async] turns a URI such as
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

/* The DNS state of one call: the configuration as it is now. */
static SipSimpleDnsContext *
context_new (SipSimpleLookup *self, GCancellable *cancellable)
{
  return sip_simple_dns_context_new (self->servers, self->timeout, self->search_hosts_file,
                                     cancellable);
}

/* ---------------------------------------------------------------------- */
/* Routes                                                                  */

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
  SipSimpleDnsContext *ctx;
  char                *name;
  char                *transport;
  SipSimpleDnsMessage *message;
  GPtrArray           *records;   /* ordered SRV records, borrowed from message */
  GPtrArray           *addresses; /* GStrv per record, NULL when to be queried */
} SrvData;

static void
srv_data_free (SrvData *data)
{
  sip_simple_dns_context_unref (data->ctx);
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
            sip_simple_dns_add_address (addresses, record->address);
        }
  if (addresses->len == 0)
    return NULL;
  return sip_simple_dns_address_array_to_strv (addresses);
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
      GError *error = sip_simple_dns_pick_error (errors, n_errors);

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
      GStrv addresses = sip_simple_dns_resolve_host_finish (results[i], &errors[i]);

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

  data->message = sip_simple_dns_query_finish (res, &error);
  if (data->message == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  records = sip_simple_dns_answer_records (data->message, data->name, SIP_SIMPLE_DNS_TYPE_SRV);
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
    SrvLookups        *lookups = g_new0 (SrvLookups, 1);
    SipSimpleDnsBatch *batch;
    guint              slot = 0;

    lookups->task = g_steal_pointer (&task);
    lookups->indexes = g_new (guint, n_lookups);
    batch = sip_simple_dns_batch_new (n_lookups, on_srv_targets_resolved, lookups);
    for (guint i = 0; i < data->records->len; i++)
      if (g_ptr_array_index (data->addresses, i) == NULL)
        {
          SipSimpleDnsRecord *record = g_ptr_array_index (data->records, i);

          lookups->indexes[slot] = i;
          sip_simple_dns_resolve_host_async (data->ctx, record->target,
                                             sip_simple_dns_batch_child_done,
                                             sip_simple_dns_batch_slot (batch, slot));
          slot++;
        }
  }
}

/* Routes for the servers of the SRV records of name, with transport. */
static void
resolve_srv_async (SipSimpleDnsContext *ctx, const char *name, const char *transport,
                   GAsyncReadyCallback callback, gpointer user_data)
{
  GTask   *task = g_task_new (NULL, ctx->cancellable, callback, user_data);
  SrvData *data = g_new0 (SrvData, 1);

  g_task_set_source_tag (task, resolve_srv_async);
  data->ctx = sip_simple_dns_context_ref (ctx);
  data->name = g_strdup (name);
  data->transport = g_strdup (transport);
  g_task_set_task_data (task, data, (GDestroyNotify)srv_data_free);
  sip_simple_dns_query_async (ctx, name, SIP_SIMPLE_DNS_TYPE_SRV, on_srv_answer, task);
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
  SipSimpleDnsContext *ctx;
  char                *host;      /* without brackets */
  guint16              port;      /* 0: none in the URI */
  const char          *transport; /* from the URI, or NULL (static string) */
  gboolean             secure;
  GPtrArray           *transports; /* allowed, in order of preference (static strings) */
} SipData;

static void
sip_data_free (SipData *data)
{
  sip_simple_dns_context_unref (data->ctx);
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

  if (!sip_simple_dns_error_is_cancelled (error))
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
  g_auto (GStrv) addresses = sip_simple_dns_resolve_host_finish (result, &error);
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

  sip_simple_dns_resolve_host_async (data->ctx, data->host, on_sip_host_resolved, task);
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
          if (sip_simple_dns_error_is_cancelled (errors[i])
              || sip_simple_dns_error_is_timeout (errors[i]))
            fatal = TRUE;
          continue;
        }
      found |= result->found;
      add_routes (routes, result->routes);
    }

  if (routes->len == 0 && (fatal || found))
    {
      *error = sip_simple_dns_pick_error (errors, n);
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
  SipSimpleDnsBatch *batch;

  if (data->transport != NULL)
    g_ptr_array_add (transports, (gpointer)data->transport);
  else
    g_ptr_array_extend (transports, data->transports, NULL, NULL);

  batch = sip_simple_dns_batch_new (transports->len, on_sip_srv_done, task);
  for (guint i = 0; i < transports->len; i++)
    {
      const char      *transport = g_ptr_array_index (transports, i);
      g_autofree char *name = NULL;

      if (strcmp (transport, "tls") == 0)
        name = g_strconcat ("_sips._tcp.", data->host, NULL);
      else
        name = g_strconcat ("_sip._", transport, ".", data->host, NULL);
      resolve_srv_async (data->ctx, name, transport, sip_simple_dns_batch_child_done,
                         sip_simple_dns_batch_slot (batch, i));
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
  else if (error != NULL
           && (sip_simple_dns_error_is_cancelled (error)
               || sip_simple_dns_error_is_timeout (error)))
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
  g_autoptr (SipSimpleDnsMessage) message = sip_simple_dns_query_finish (result, &error);
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GArray) usable = NULL;
  SipSimpleDnsBatch *batch;

  if (message == NULL)
    {
      if (sip_simple_dns_error_is_cancelled (error) || sip_simple_dns_error_is_timeout (error))
        {
          sip_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* Some nameservers refuse NAPTR queries; SRV may still work. */
      g_debug ("%s", error->message);
      sip_lookup_srv (g_steal_pointer (&task));
      return;
    }

  records = sip_simple_dns_answer_records (message, data->host, SIP_SIMPLE_DNS_TYPE_NAPTR);
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

  batch = sip_simple_dns_batch_new (usable->len, on_sip_naptr_srv_done, g_steal_pointer (&task));
  for (guint i = 0; i < usable->len; i++)
    {
      SipSimpleDnsRecord *record = g_array_index (usable, SrvEntry, i).record;

      resolve_srv_async (data->ctx, record->target, naptr_transport (record),
                         sip_simple_dns_batch_child_done, sip_simple_dns_batch_slot (batch, i));
    }
}

static void
on_sip_hosts_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SipData   *data = g_task_get_task_data (task);
  GError    *error = NULL;
  GPtrArray *listed;

  if (!sip_simple_dns_context_load_hosts_finish (result, &error))
    {
      sip_return_error (task, error);
      return;
    }

  /* A name from the hosts file has no DNS records to look for. */
  if ((listed = sip_simple_dns_context_find_host (data->ctx, data->host)) != NULL)
    {
      const char *transport = data->transport ? data->transport : sip_default_transport (data);
      g_auto (GStrv) addresses = sip_simple_dns_address_array_to_strv (listed);

      sip_return_addresses (task, addresses,
                            data->port != 0 ? data->port : default_port (transport), transport);
      return;
    }

  if (data->port != 0)
    sip_resolve_host (g_steal_pointer (&task));
  else if (data->transport != NULL)
    sip_lookup_srv (g_steal_pointer (&task));
  else
    sip_simple_dns_query_async (data->ctx, data->host, SIP_SIMPLE_DNS_TYPE_NAPTR,
                                on_sip_naptr_answer, g_steal_pointer (&task));
}

static gboolean
sip_data_init (SipData *data, const char *host, guint port, const char *transport, gboolean secure,
               const char *const *transports, GError **error)
{
  static const char *const all_transports[] = { "udp", "tcp", "tls", NULL };

  if (transports == NULL)
    transports = all_transports;

  data->host = host ? sip_simple_dns_strip_brackets (host) : g_strdup ("");
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
  data->ctx = context_new (self, cancellable);
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

  sip_simple_dns_context_load_hosts_async (data->ctx, on_sip_hosts_loaded, task);
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
    value = sip_simple_dns_system_nameservers ();
  else
    value = g_strdupv ((char **)nameservers);

  if (self->nameservers != NULL
      && g_strv_equal ((const char *const *)self->nameservers, (const char *const *)value))
    return;

  servers = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; value[i] != NULL; i++)
    {
      GSocketAddress *address = sip_simple_dns_parse_nameserver (value[i]);

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
 * sip_simple_lookup_resolve_uri_async:
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
 * [method@SipSimple.Lookup.resolve_uri_finish].
 *
 * Since: 0.1
 */
void
sip_simple_lookup_resolve_uri_async (SipSimpleLookup *self, SipSimpleUri *uri,
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
                    sip_simple_lookup_resolve_uri_async);
}

/**
 * sip_simple_lookup_resolve_uri_finish:
 * @self: a #SipSimpleLookup
 * @result: the #GAsyncResult passed to the callback
 * @error: return location for a #GError
 *
 * Gets the result of [method@SipSimple.Lookup.resolve_uri_async]:
 * the routes to try, in order, never an empty array. The array owns its
 * routes: g_ptr_array_unref() frees both.
 *
 * Returns: (transfer container) (element-type SipSimpleRoute): the routes,
 *   or %NULL with @error set
 *
 * Since: 0.1
 */
GPtrArray *
sip_simple_lookup_resolve_uri_finish (SipSimpleLookup *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_LOOKUP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (
      g_task_get_source_tag (G_TASK (result)) == sip_simple_lookup_resolve_uri_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_addresses_found (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  GStrv   addresses = sip_simple_dns_find_addresses_finish (result, &error);

  if (addresses == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, addresses, (GDestroyNotify)g_strfreev);
}

/**
 * sip_simple_lookup_resolve_host_async:
 * @self: a #SipSimpleLookup
 * @host: a host name, or a numeric address (IPv6 may be in brackets)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the lookup is done
 * @user_data: data for @callback
 *
 * Finds the IPv4 and IPv6 addresses of @host: from the hosts file when it
 * is listed there (see [property@SipSimple.Lookup:search-hosts-file]),
 * else with A and AAAA queries. A numeric address is its own result. Get
 * the result with [method@SipSimple.Lookup.resolve_host_finish].
 *
 * Since: 0.1
 */
void
sip_simple_lookup_resolve_host_async (SipSimpleLookup *self, const char *host,
                                      GCancellable *cancellable, GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  g_autoptr (SipSimpleDnsContext) ctx = NULL;
  g_autofree char *name = NULL;
  GTask           *task;

  g_return_if_fail (SIP_SIMPLE_IS_LOOKUP (self));
  g_return_if_fail (host != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sip_simple_lookup_resolve_host_async);
  name = sip_simple_dns_strip_brackets (host);
  if (name[0] == '\0')
    {
      g_task_return_new_error (task, SIP_SIMPLE_ENGINE_ERROR,
                               SIP_SIMPLE_ENGINE_ERROR_INVALID_ARGUMENT, "empty host name");
      g_object_unref (task);
      return;
    }
  ctx = context_new (self, cancellable);
  sip_simple_dns_find_addresses_async (ctx, name, on_addresses_found, task);
}

/**
 * sip_simple_lookup_resolve_host_finish:
 * @self: a #SipSimpleLookup
 * @result: the #GAsyncResult passed to the callback
 * @error: return location for a #GError
 *
 * Gets the result of [method@SipSimple.Lookup.resolve_host_async]: the
 * numeric addresses, IPv4 first, never an empty list.
 *
 * Returns: (transfer full) (array zero-terminated=1): the addresses, or
 *   %NULL with @error set
 *
 * Since: 0.1
 */
GStrv
sip_simple_lookup_resolve_host_finish (SipSimpleLookup *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_LOOKUP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (
      g_task_get_source_tag (G_TASK (result)) == sip_simple_lookup_resolve_host_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
