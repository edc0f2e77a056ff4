/* libsipsimple - SipSimpleXcapClient: XCAP documents over HTTP (RFC 4825)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/app/xcap-client.h>
#include <sipsimple/app/app-error.h>

#include <string.h>
#include <libsoup/soup.h>

/**
 * SipSimpleXcapClient:
 *
 * Reads and writes a user's documents on an XCAP server (RFC 4825): the
 * buddy lists (`resource-lists`), presence rules (`pres-rules`) and
 * resource list services (`rls-services`) that presence servers act on.
 *
 * A client is made for an XCAP root (such as
 * `https://xcap.example.com/xcap-root`) and a user (the XUI, such as
 * `sip:alice@example.com`); documents are addressed by application usage
 * and name: `ROOT/AUID/users/XUI/DOCUMENT`. Every call is
 * `_async/_finish` on the thread-default main context; HTTP digest
 * challenges are answered with the credentials given.
 *
 * Entity tags make concurrent changes safe: pass the ETag a document had
 * when you read it as `if_match` to [method@SipSimple.XcapClient.put_async]
 * and the server refuses the write with
 * %SIP_SIMPLE_XCAP_ERROR_PRECONDITION_FAILED if someone changed it
 * meanwhile; read it again and redo the change.
 * [method@SipSimple.XcapClient.get_etag] remembers the last tag seen per
 * document.
 *
 * The HTTP stack is libsoup 3.
 *
 * Since: 0.1
 */

struct _SipSimpleXcapClient
{
  GObject      parent_instance;
  char        *root;
  char        *xui;
  char        *username;
  char        *password;
  SoupSession *session;
  GHashTable  *etags;     /* "auid/document" -> ETag */
};

typedef struct {
  SoupMessage *msg;
  char        *key;
  char        *content_type;
  GBytes      *body;
  gboolean     tried_auth;
} Request;

G_DEFINE_FINAL_TYPE (SipSimpleXcapClient, sip_simple_xcap_client, G_TYPE_OBJECT)

static void
request_free (Request *r)
{
  g_clear_object (&r->msg);
  g_free (r->key);
  g_free (r->content_type);
  g_clear_pointer (&r->body, g_bytes_unref);
  g_free (r);
}

/**
 * sip_simple_xcap_client_new:
 * @root: the XCAP root URI, `http://` or `https://`
 * @xui: the user whose documents are read and written, such as
 *   `sip:alice@example.com`
 * @error: return location for a #GError
 *
 * Creates an XCAP client for one user at an XCAP root.
 *
 * Returns: (transfer full) (nullable): a client, or %NULL with
 *   %SIP_SIMPLE_XCAP_ERROR_FAILED if @root is not an HTTP(S) URI
 *
 * Since: 0.1
 */
SipSimpleXcapClient *
sip_simple_xcap_client_new (const char *root, const char *xui, GError **error)
{
  SipSimpleXcapClient *self;
  g_autoptr (GUri) uri = NULL;
  const char *scheme;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (xui != NULL && *xui != '\0', NULL);

  uri = g_uri_parse (root, SOUP_HTTP_URI_FLAGS, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL
      || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    {
      g_set_error (error, SIP_SIMPLE_XCAP_ERROR, SIP_SIMPLE_XCAP_ERROR_FAILED,
                   "The XCAP root \"%s\" is not an http:// or https:// URI", root);
      return NULL;
    }
  self = g_object_new (SIP_SIMPLE_TYPE_XCAP_CLIENT, NULL);
  self->root = g_strdup (root);
  while (g_str_has_suffix (self->root, "/"))
    self->root[strlen (self->root) - 1] = '\0';
  self->xui = g_strdup (xui);
  return self;
}

/**
 * sip_simple_xcap_client_set_credentials:
 * @self: a client
 * @username: (nullable): the HTTP digest user name
 * @password: (nullable): the password
 *
 * Sets the credentials for the server's challenges.
 *
 * Since: 0.1
 */
void
sip_simple_xcap_client_set_credentials (SipSimpleXcapClient *self,
                                        const char          *username,
                                        const char          *password)
{
  g_return_if_fail (SIP_SIMPLE_IS_XCAP_CLIENT (self));
  g_free (self->username);
  g_free (self->password);
  self->username = g_strdup (username);
  self->password = g_strdup (password);
}

/**
 * sip_simple_xcap_client_get_root:
 * @self: a client
 *
 * Gets the XCAP root, without a trailing slash.
 *
 * Returns: (transfer none): the XCAP root, without a trailing slash
 *
 * Since: 0.1
 */
const char *
sip_simple_xcap_client_get_root (SipSimpleXcapClient *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_XCAP_CLIENT (self), NULL);
  return self->root;
}

/**
 * sip_simple_xcap_client_get_xui:
 * @self: a client
 *
 * Gets the user whose documents are used.
 *
 * Returns: (transfer none): the user whose documents are used
 *
 * Since: 0.1
 */
const char *
sip_simple_xcap_client_get_xui (SipSimpleXcapClient *self)
{
  g_return_val_if_fail (SIP_SIMPLE_IS_XCAP_CLIENT (self), NULL);
  return self->xui;
}

/**
 * sip_simple_xcap_client_get_uri:
 * @self: a client
 * @auid: the application usage, such as "resource-lists"
 * @document: (nullable): the document name; %NULL for "index"
 *
 * Gets the HTTP URI of the document.
 *
 * Returns: (transfer full): the HTTP URI of the document
 *
 * Since: 0.1
 */
char *
sip_simple_xcap_client_get_uri (SipSimpleXcapClient *self, const char *auid, const char *document)
{
  g_autofree char *xui = NULL;
  g_autofree char *doc = NULL;

  g_return_val_if_fail (SIP_SIMPLE_IS_XCAP_CLIENT (self), NULL);
  g_return_val_if_fail (auid != NULL && *auid != '\0', NULL);
  /* path characters (RFC 3986 pchar) stay, everything else is escaped */
  xui = g_uri_escape_string (self->xui, "!$&'()*+,;=:@", FALSE);
  doc = g_uri_escape_string (document ? document : "index", "!$&'()*+,;=:@/", FALSE);
  return g_strdup_printf ("%s/%s/users/%s/%s", self->root, auid, xui, doc);
}

static char *
etag_key (const char *auid, const char *document)
{
  return g_strdup_printf ("%s/%s", auid, document ? document : "index");
}

/**
 * sip_simple_xcap_client_get_etag:
 * @self: a client
 * @auid: the application usage
 * @document: (nullable): the document name; %NULL for "index"
 *
 * Gets the entity tag the document had in the last answer this client got for
 * it, %NULL if none (or it was deleted).
 *
 * Returns: (transfer none) (nullable): the entity tag the document had in
 *   the last answer this client got for it, %NULL if none (or it was
 *   deleted)
 *
 * Since: 0.1
 */
const char *
sip_simple_xcap_client_get_etag (SipSimpleXcapClient *self, const char *auid, const char *document)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (SIP_SIMPLE_IS_XCAP_CLIENT (self), NULL);
  g_return_val_if_fail (auid != NULL, NULL);
  key = etag_key (auid, document);
  return g_hash_table_lookup (self->etags, key);
}

static const char *
content_type_for (const char *auid)
{
  static const struct { const char *auid, *type; } types[] = {
    { "resource-lists", "application/resource-lists+xml" },
    { "pres-rules", "application/auth-policy+xml" },
    { "org.openmobilealliance.pres-rules", "application/auth-policy+xml" },
    { "rls-services", "application/rls-services+xml" },
    { "pidf-manipulation", "application/pidf+xml" },
    { "xcap-caps", "application/xcap-caps+xml" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_strcmp0 (auid, types[i].auid) == 0)
      return types[i].type;
  return "application/xml";
}

static gboolean
on_authenticate (SoupMessage *msg, SoupAuth *auth, gboolean retrying, gpointer data)
{
  GTask *task = data;
  SipSimpleXcapClient *self = g_task_get_source_object (task);
  Request *r = g_task_get_task_data (task);

  /* one attempt: a second challenge means the credentials are wrong */
  if (retrying || r->tried_auth || self->username == NULL || self->password == NULL)
    return FALSE;
  r->tried_auth = TRUE;
  soup_auth_authenticate (auth, self->username, self->password);
  return TRUE;
}

/* libsoup 3.2 sends a restarted message (after a 401) without the body
 * it had: give it the body again. */
static void
on_restarted (SoupMessage *msg, gpointer data)
{
  Request *r = data;

  if (r->body != NULL)
    soup_message_set_request_body_from_bytes (msg, r->content_type, r->body);
}

static void
on_sent (GObject *source, GAsyncResult *result, gpointer data)
{
  GTask *task = data;
  SipSimpleXcapClient *self = g_task_get_source_object (task);
  Request *r = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  guint status;
  const char *etag;

  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  status = soup_message_get_status (r->msg);
  etag = soup_message_headers_get_one (soup_message_get_response_headers (r->msg), "ETag");
  if (status >= 200 && status < 300)
    {
      if (g_strcmp0 (soup_message_get_method (r->msg), SOUP_METHOD_DELETE) == 0)
        g_hash_table_remove (self->etags, r->key);
      else if (etag != NULL)
        g_hash_table_insert (self->etags, g_strdup (r->key), g_strdup (etag));
      g_task_return_pointer (task, g_steal_pointer (&body), (GDestroyNotify) g_bytes_unref);
    }
  else
    {
      const char *reason = soup_message_get_reason_phrase (r->msg);
      if (status == 404)
        g_hash_table_remove (self->etags, r->key);
      g_task_return_new_error (task, SIP_SIMPLE_XCAP_ERROR, (gint) status, "%u %s", status,
                               reason && *reason ? reason : soup_status_get_phrase (status));
    }
  g_object_unref (task);
}

static void
send_request (SipSimpleXcapClient *self,
              const char          *method,
              const char          *auid,
              const char          *document,
              const char          *content_type,
              GBytes              *body,
              const char          *if_match,
              gpointer             source_tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *uri = sip_simple_xcap_client_get_uri (self, auid, document);
  Request *r = g_new0 (Request, 1);
  SoupMessageHeaders *headers;

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, r, (GDestroyNotify) request_free);
  r->key = etag_key (auid, document);
  r->msg = soup_message_new (method, uri);
  if (r->msg == NULL)
    {
      g_task_return_new_error (task, SIP_SIMPLE_XCAP_ERROR, SIP_SIMPLE_XCAP_ERROR_FAILED,
                               "Not a valid XCAP URI: %s", uri);
      g_object_unref (task);
      return;
    }
  headers = soup_message_get_request_headers (r->msg);
  if (if_match != NULL)
    soup_message_headers_replace (headers, "If-Match", if_match);
  if (body != NULL)
    {
      r->content_type = g_strdup (content_type ? content_type : content_type_for (auid));
      r->body = g_bytes_ref (body);
      soup_message_set_request_body_from_bytes (r->msg, r->content_type, body);
      g_signal_connect (r->msg, "restarted", G_CALLBACK (on_restarted), r);
    }
  g_debug ("XCAP %s %s", method, uri);
  g_signal_connect (r->msg, "authenticate", G_CALLBACK (on_authenticate), task);
  if (self->session == NULL)
    self->session = soup_session_new_with_options ("user-agent", "libsipsimple-xcap/"
                                                   G_STRINGIFY (SIP_SIMPLE_MAJOR_VERSION) "."
                                                   G_STRINGIFY (SIP_SIMPLE_MINOR_VERSION),
                                                   "timeout", 30, NULL);
  soup_session_send_and_read_async (self->session, r->msg, G_PRIORITY_DEFAULT, cancellable,
                                    on_sent, task);
}

static GBytes *
finish (SipSimpleXcapClient *self, GAsyncResult *result, char **etag, GError **error)
{
  Request *r = g_task_get_task_data (G_TASK (result));
  GBytes *body = g_task_propagate_pointer (G_TASK (result), error);

  if (etag != NULL)
    {
      const char *e = body && r->msg ? soup_message_headers_get_one (
                                         soup_message_get_response_headers (r->msg), "ETag")
                                     : NULL;
      *etag = g_strdup (e);
    }
  return body;
}

/**
 * sip_simple_xcap_client_get_async:
 * @self: a client
 * @auid: the application usage, such as "resource-lists"
 * @document: (nullable): the document name; %NULL for "index"
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Fetches a document.
 *
 * Since: 0.1
 */
void
sip_simple_xcap_client_get_async (SipSimpleXcapClient *self,
                                  const char          *auid,
                                  const char          *document,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (SIP_SIMPLE_IS_XCAP_CLIENT (self));
  g_return_if_fail (auid != NULL && *auid != '\0');
  send_request (self, SOUP_METHOD_GET, auid, document, NULL, NULL, NULL,
                sip_simple_xcap_client_get_async, cancellable, callback, user_data);
}

/**
 * sip_simple_xcap_client_get_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @etag: (out) (optional) (nullable) (transfer full): the document's
 *   entity tag
 * @error: return location for a #GError: %SIP_SIMPLE_XCAP_ERROR_NOT_FOUND
 *   when there is no such document
 *
 * Finishes [method@SipSimple.XcapClient.get_async].
 *
 * Returns: (transfer full) (nullable): the document
 *
 * Since: 0.1
 */
GBytes *
sip_simple_xcap_client_get_finish (SipSimpleXcapClient *self,
                                   GAsyncResult        *result,
                                   char               **etag,
                                   GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return finish (self, result, etag, error);
}

/**
 * sip_simple_xcap_client_put_async:
 * @self: a client
 * @auid: the application usage
 * @document: (nullable): the document name; %NULL for "index"
 * @content_type: (nullable): the document's MIME type; %NULL for the one
 *   of @auid (`application/resource-lists+xml` for "resource-lists", ...)
 * @body: the document
 * @if_match: (nullable): write only if the document still has this entity
 *   tag (If-Match); "*" writes only over an existing document, %NULL writes
 *   unconditionally
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Creates or replaces a document.
 *
 * Since: 0.1
 */
void
sip_simple_xcap_client_put_async (SipSimpleXcapClient *self,
                                  const char          *auid,
                                  const char          *document,
                                  const char          *content_type,
                                  GBytes              *body,
                                  const char          *if_match,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (SIP_SIMPLE_IS_XCAP_CLIENT (self));
  g_return_if_fail (auid != NULL && *auid != '\0');
  g_return_if_fail (body != NULL);
  send_request (self, SOUP_METHOD_PUT, auid, document, content_type, body, if_match,
                sip_simple_xcap_client_put_async, cancellable, callback, user_data);
}

/**
 * sip_simple_xcap_client_put_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @etag: (out) (optional) (nullable) (transfer full): the new entity tag
 * @error: return location for a #GError:
 *   %SIP_SIMPLE_XCAP_ERROR_PRECONDITION_FAILED when `if_match` no longer
 *   matched, %SIP_SIMPLE_XCAP_ERROR_CONFLICT when the server refused the
 *   content
 *
 * Finishes [method@SipSimple.XcapClient.put_async].
 *
 * Returns: %TRUE when the document was stored
 *
 * Since: 0.1
 */
gboolean
sip_simple_xcap_client_put_finish (SipSimpleXcapClient *self,
                                   GAsyncResult        *result,
                                   char               **etag,
                                   GError             **error)
{
  g_autoptr (GBytes) body = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  body = finish (self, result, etag, error);
  return body != NULL;
}

/**
 * sip_simple_xcap_client_delete_async:
 * @self: a client
 * @auid: the application usage
 * @document: (nullable): the document name; %NULL for "index"
 * @if_match: (nullable): delete only if the document still has this
 *   entity tag
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Deletes a document.
 *
 * Since: 0.1
 */
void
sip_simple_xcap_client_delete_async (SipSimpleXcapClient *self,
                                     const char          *auid,
                                     const char          *document,
                                     const char          *if_match,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (SIP_SIMPLE_IS_XCAP_CLIENT (self));
  g_return_if_fail (auid != NULL && *auid != '\0');
  send_request (self, SOUP_METHOD_DELETE, auid, document, NULL, NULL, if_match,
                sip_simple_xcap_client_delete_async, cancellable, callback, user_data);
}

/**
 * sip_simple_xcap_client_delete_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@SipSimple.XcapClient.delete_async].
 *
 * Returns: %TRUE when the document was deleted
 *
 * Since: 0.1
 */
gboolean
sip_simple_xcap_client_delete_finish (SipSimpleXcapClient *self,
                                      GAsyncResult        *result,
                                      GError             **error)
{
  g_autoptr (GBytes) body = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  body = finish (self, result, NULL, error);
  return body != NULL;
}

static void
sip_simple_xcap_client_dispose (GObject *object)
{
  SipSimpleXcapClient *self = SIP_SIMPLE_XCAP_CLIENT (object);

  /* pending requests hold a reference: nothing is in flight here */
  g_clear_object (&self->session);
  G_OBJECT_CLASS (sip_simple_xcap_client_parent_class)->dispose (object);
}

static void
sip_simple_xcap_client_finalize (GObject *object)
{
  SipSimpleXcapClient *self = SIP_SIMPLE_XCAP_CLIENT (object);

  g_free (self->root);
  g_free (self->xui);
  g_free (self->username);
  g_free (self->password);
  g_hash_table_unref (self->etags);
  G_OBJECT_CLASS (sip_simple_xcap_client_parent_class)->finalize (object);
}

static void
sip_simple_xcap_client_class_init (SipSimpleXcapClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sip_simple_xcap_client_dispose;
  object_class->finalize = sip_simple_xcap_client_finalize;
}

static void
sip_simple_xcap_client_init (SipSimpleXcapClient *self)
{
  self->etags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}
