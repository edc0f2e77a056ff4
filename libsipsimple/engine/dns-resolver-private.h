/* libsipsimple - the DNS client under SipSimpleLookup: questions asked to
 * the nameservers in turn (UDP, TCP after a truncated answer), the hosts
 * file, and the addresses of one name (private)
 *
 * Everything runs on the thread-default main context of the caller;
 * callbacks come back there. Errors are SIP_SIMPLE_ENGINE_ERROR_DNS (no
 * usable answer), SIP_SIMPLE_ENGINE_ERROR_TIMEOUT (no answer) or
 * G_IO_ERROR_CANCELLED.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dns-message-private.h"

G_BEGIN_DECLS

/* The nameservers ---------------------------------------------------------- */

/* "IP", "IP:PORT", "[IPv6]:PORT" or a bare IPv6 address; NULL if @text is
 * none of these. */
GSocketAddress *sip_simple_dns_parse_nameserver   (const char *text);
/* The nameserver entries of /etc/resolv.conf, or 127.0.0.1 without any. */
GStrv           sip_simple_dns_system_nameservers (void);

/* The state one lookup shares with all the queries it makes ---------------- */

typedef struct
{
  GPtrArray    *servers; /* GSocketAddress */
  guint         timeout; /* ms per nameserver and query */
  gboolean      search_hosts_file;
  GHashTable   *hosts; /* NULL until loaded, or when not searched */
  GCancellable *cancellable;
  GMainContext *context;
} SipSimpleDnsContext;

SipSimpleDnsContext *sip_simple_dns_context_new   (GPtrArray    *servers,
                                                   guint         timeout,
                                                   gboolean      search_hosts_file,
                                                   GCancellable *cancellable);
SipSimpleDnsContext *sip_simple_dns_context_ref   (SipSimpleDnsContext *ctx);
void                 sip_simple_dns_context_unref (SipSimpleDnsContext *ctx);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SipSimpleDnsContext, sip_simple_dns_context_unref)

/* Reads the hosts file into ctx->hosts, if it is to be searched. */
void       sip_simple_dns_context_load_hosts_async  (SipSimpleDnsContext *ctx,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean   sip_simple_dns_context_load_hosts_finish (GAsyncResult        *result,
                                                     GError             **error);
/* The addresses the loaded hosts file gives @name (IPv4 first), or NULL
 * when it does not list it. Borrowed. */
GPtrArray *sip_simple_dns_context_find_host         (SipSimpleDnsContext *ctx,
                                                     const char          *name);

/* Waiting for several operations at once ---------------------------------- */

/* Called once every operation of the batch finished, with their results
 * in the order of the slots; the batch frees itself afterwards. */
typedef void (*SipSimpleDnsBatchDone) (GAsyncResult **results, guint n, gpointer data);

typedef struct _SipSimpleDnsBatch SipSimpleDnsBatch;

SipSimpleDnsBatch *sip_simple_dns_batch_new        (guint                 n,
                                                    SipSimpleDnsBatchDone done,
                                                    gpointer              data);
/* The user_data of the operation that fills slot @index, whose callback
 * is sip_simple_dns_batch_child_done(). */
gpointer           sip_simple_dns_batch_slot       (SipSimpleDnsBatch    *batch,
                                                    guint                 index);
void               sip_simple_dns_batch_child_done (GObject              *source,
                                                    GAsyncResult         *result,
                                                    gpointer              user_data);

/* Queries ----------------------------------------------------------------- */

/* One question to the nameservers of @ctx, each in turn, twice around. The
 * result is the answer (NOERROR or NXDOMAIN), whatever records it has. */
void                 sip_simple_dns_query_async  (SipSimpleDnsContext *ctx,
                                                  const char          *name,
                                                  guint16              type,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
SipSimpleDnsMessage *sip_simple_dns_query_finish (GAsyncResult        *result,
                                                  GError             **error);

/* Records of @type for @name in the answer section, following CNAMEs.
 * The records are borrowed from @message. */
GPtrArray *sip_simple_dns_answer_records (const SipSimpleDnsMessage *message,
                                          const char                *name,
                                          guint16                    type);

/* Addresses of @name: itself when numeric, from the hosts file when it is
 * loaded and lists the name, else A and AAAA queries at once. An empty
 * result is not an error. */
void  sip_simple_dns_resolve_host_async  (SipSimpleDnsContext *ctx,
                                          const char          *name,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
GStrv sip_simple_dns_resolve_host_finish (GAsyncResult        *result,
                                          GError             **error);

/* The same, with the hosts file loaded first (when it is searched), and
 * failing with SIP_SIMPLE_ENGINE_ERROR_DNS when there is no address;
 * errors name @name. */
void  sip_simple_dns_find_addresses_async  (SipSimpleDnsContext *ctx,
                                            const char          *name,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
GStrv sip_simple_dns_find_addresses_finish (GAsyncResult        *result,
                                            GError             **error);

/* Small helpers ------------------------------------------------------------ */

/* "[::1]" -> "::1"; anything else unchanged. */
char    *sip_simple_dns_strip_brackets        (const char   *host);
gboolean sip_simple_dns_error_is_cancelled    (const GError *error);
gboolean sip_simple_dns_error_is_timeout      (const GError *error);
/* Of several failures (NULL entries allowed), a copy of the one to report:
 * a cancellation wins, then a timeout, then the first one. */
GError  *sip_simple_dns_pick_error            (GError      **errors,
                                               guint         n);
/* Adds a copy of @address to @addresses unless it is there already. */
void     sip_simple_dns_add_address           (GPtrArray    *addresses,
                                               const char   *address);
GStrv    sip_simple_dns_address_array_to_strv (GPtrArray    *addresses);

G_END_DECLS
