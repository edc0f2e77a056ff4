/* libsipsimple - how an MSRP session gets its connection: listening and
 * accepting, connecting, TLS with certificate and fingerprint checks, relay
 * AUTH (RFC 4976, digest) and Use-Path, binding
 * (msrp-connect-private.h says how)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/msrp/msrp-error.h>
#include <sipsimple/msrp/msrp-uri.h>

#include "msrp-connect-private.h"
#include "msrp-connection-private.h"
#include "sip/digest-internal.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>

static void accept_next (SipSimpleMsrpSession *self);

/* The local URI, once its host and port are known */
static void
set_local_uri (SipSimpleMsrpSession *self, const char *host, guint16 port)
{
  g_clear_pointer (&self->local_uri, sip_simple_msrp_uri_unref);
  self->local_uri = sip_simple_msrp_uri_new (self->use_tls, host, port, self->session_id);
  g_object_notify (G_OBJECT (self), "local-uri");
}

/* ---- TLS ---------------------------------------------------------------- */

static gboolean
fingerprint_matches (const char *expected, GTlsCertificate *peer)
{
  g_autofree char *actual = NULL;
  const char      *e = expected;

  if (peer == NULL)
    return FALSE;
  if (g_ascii_strncasecmp (e, "sha-256 ", 8) == 0)
    e += 8;
  while (*e == ' ')
    e++;
  actual = sip_simple_msrp_certificate_fingerprint (peer);
  return g_ascii_strcasecmp (actual, e) == 0;
}

static gboolean
on_accept_certificate (GTlsConnection *conn, GTlsCertificate *peer, GTlsCertificateFlags errors,
                       gpointer user_data)
{
  SipSimpleMsrpSession *self = user_data;

  /* the peer (not a relay) proves itself with the SDP fingerprint */
  if (g_object_get_data (G_OBJECT (conn), "msrp-peer") && self->remote_fingerprint
      && *self->remote_fingerprint)
    return fingerprint_matches (self->remote_fingerprint, peer);
  return errors == 0;
}

typedef void (*ConnReady) (SipSimpleMsrpSession *self, GIOStream *conn, GError *error);

typedef struct
{
  SipSimpleMsrpSession *self;
  ConnReady             ready;
} HandshakeData;

static void
handshake_data_free (HandshakeData *hd)
{
  g_object_unref (hd->self);
  g_free (hd);
}

static void
client_chain_verified (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask         *task = user_data;
  HandshakeData *hd = g_task_get_task_data (task);
  GIOStream     *tls = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;
  GTlsCertificateFlags flags
      = g_tls_database_verify_chain_finish (G_TLS_DATABASE (source), result, &error);

  if (error != NULL || flags != 0)
    hd->ready (hd->self, NULL,
               g_error_new (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_TLS,
                            "The MSRP peer's certificate is not trusted%s%s", error ? ": " : "",
                            error ? error->message : ""));
  else
    hd->ready (hd->self, tls, NULL);
  g_object_unref (task);
}

/* The client side checks its peer again once the handshake is over: a
 * resumed TLS session skips the certificate checks of the handshake (and
 * so accept-certificate), and a certificate its CA vouches for must still
 * be the one the SDP fingerprint names. Takes @hd. */
static void
verify_client_peer (HandshakeData *hd, GTlsConnection *tls)
{
  SipSimpleMsrpSession *self = hd->self;
  GTlsCertificate      *peer = g_tls_connection_get_peer_certificate (tls);
  g_autoptr (GTlsDatabase) database = NULL;
  GTask *task;

  if (peer == NULL)
    hd->ready (self, NULL,
               g_error_new_literal (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_TLS,
                                    "The MSRP peer sent no certificate"));
  else if (g_object_get_data (G_OBJECT (tls), "msrp-peer") && self->remote_fingerprint
           && *self->remote_fingerprint)
    {
      if (fingerprint_matches (self->remote_fingerprint, peer))
        hd->ready (self, G_IO_STREAM (tls), NULL);
      else
        hd->ready (self, NULL,
                   g_error_new_literal (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_TLS,
                                        "The peer's certificate does not match its fingerprint"));
    }
  else if ((database = self->tls_database
                           ? g_object_ref (self->tls_database)
                           : g_tls_backend_get_default_database (g_tls_backend_get_default ()))
           == NULL)
    hd->ready (self, NULL,
               g_error_new_literal (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_TLS,
                                    "The MSRP peer's certificate is not trusted: no CA database"));
  else
    {
      /* the chain check may read CA files: not on the main loop */
      task = g_task_new (tls, NULL, NULL, NULL);
      g_task_set_task_data (task, hd, (GDestroyNotify)handshake_data_free);
      g_tls_database_verify_chain_async (
          database, peer, G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
          g_tls_client_connection_get_server_identity (G_TLS_CLIENT_CONNECTION (tls)), NULL,
          G_TLS_DATABASE_VERIFY_NONE, self->io_cancellable, client_chain_verified, task);
      return;
    }
  handshake_data_free (hd);
}

static void
handshake_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  HandshakeData *hd = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_tls_connection_handshake_finish (G_TLS_CONNECTION (source), result, &error))
    {
      GError *e = g_error_new (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_TLS,
                               "MSRP TLS handshake failed: %s", error->message);
      hd->ready (hd->self, NULL, e);
    }
  else if (G_IS_TLS_SERVER_CONNECTION (source) && hd->self->remote_fingerprint
           && *hd->self->remote_fingerprint
           && !fingerprint_matches (
               hd->self->remote_fingerprint,
               g_tls_connection_get_peer_certificate (G_TLS_CONNECTION (source))))
    hd->ready (hd->self, NULL,
               g_error_new_literal (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_TLS,
                                    "The peer's certificate does not match its fingerprint"));
  else if (G_IS_TLS_CLIENT_CONNECTION (source))
    {
      verify_client_peer (hd, G_TLS_CONNECTION (source));
      return;
    }
  else
    hd->ready (hd->self, G_IO_STREAM (source), NULL);
  handshake_data_free (hd);
}

static void
wrap_tls (SipSimpleMsrpSession *self, GIOStream *base, gboolean server,
          GSocketConnectable *identity, gboolean peer, ConnReady ready)
{
  g_autoptr (GError) error = NULL;
  GIOStream     *tls;
  HandshakeData *hd;

  if (server)
    {
      tls = g_tls_server_connection_new (base, self->certificate, &error);
      if (tls)
        g_object_set (tls, "authentication-mode",
                      self->remote_fingerprint ? G_TLS_AUTHENTICATION_REQUIRED
                                               : G_TLS_AUTHENTICATION_REQUESTED,
                      NULL);
    }
  else
    {
      tls = g_tls_client_connection_new (base, identity, &error);
      if (tls && self->certificate)
        g_tls_connection_set_certificate (G_TLS_CONNECTION (tls), self->certificate);
      if (tls && self->tls_database)
        g_tls_connection_set_database (G_TLS_CONNECTION (tls), self->tls_database);
    }
  if (tls == NULL)
    {
      ready (self, NULL,
             g_error_new (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_TLS, "MSRP TLS: %s",
                          error->message));
      return;
    }
  if (peer)
    g_object_set_data (G_OBJECT (tls), "msrp-peer", GINT_TO_POINTER (1));
  g_signal_connect (tls, "accept-certificate", G_CALLBACK (on_accept_certificate), self);
  hd = g_new0 (HandshakeData, 1);
  hd->self = g_object_ref (self);
  hd->ready = ready;
  g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT,
                                    self->io_cancellable, handshake_done, hd);
  g_object_unref (tls);
}

/* ---- connecting (active side and relays) -------------------------------- */

typedef struct
{
  SipSimpleMsrpSession *self;
  gboolean              secure;
  gboolean              relay; /* validated by its CA, not by a fingerprint */
  char                 *host;
  ConnReady             ready;
} ConnectData;

static void
connect_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ConnectData *cd = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocketConnection) conn
      = g_socket_client_connect_to_host_finish (G_SOCKET_CLIENT (source), result, &error);
  SipSimpleMsrpSession *self = cd->self;

  if (conn == NULL)
    cd->ready (self, NULL,
               g_error_new (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_CONNECTION,
                            "MSRP: cannot connect to %s: %s", cd->host, error->message));
  else
    {
      /* the client's timeout was for connecting: an idle chat is fine */
      g_socket_set_timeout (g_socket_connection_get_socket (conn), 0);
      g_socket_set_option (g_socket_connection_get_socket (conn), IPPROTO_TCP, TCP_NODELAY, 1,
                           NULL);
      if (cd->secure)
        {
          g_autoptr (GSocketConnectable) identity = g_network_address_new (cd->host, 0);

          wrap_tls (self, G_IO_STREAM (conn), FALSE, identity, !cd->relay, cd->ready);
        }
      else
        cd->ready (self, G_IO_STREAM (conn), NULL);
    }
  g_object_unref (cd->self);
  g_free (cd->host);
  g_free (cd);
}

static void
connect_to (SipSimpleMsrpSession *self, SipSimpleMsrpUri *uri, ConnReady ready)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  ConnectData *cd = g_new0 (ConnectData, 1);
  guint16      port = sip_simple_msrp_uri_get_port (uri);

  cd->self = g_object_ref (self);
  cd->secure = sip_simple_msrp_uri_get_secure (uri);
  cd->host = g_strdup (sip_simple_msrp_uri_get_host (uri));
  cd->ready = ready;
  cd->relay = self->relay != NULL && uri == self->relay;
  g_socket_client_set_timeout (client, self->transaction_timeout);
  g_socket_client_set_enable_proxy (client, FALSE);
  g_socket_client_connect_to_host_async (client, cd->host,
                                         port ? port : SIP_SIMPLE_MSRP_DEFAULT_PORT,
                                         self->io_cancellable, connect_done, cd);
}

/* ---- relay AUTH (RFC 4976) ---------------------------------------------- */

static void
send_auth (SipSimpleMsrpSession *self, const char *authorization)
{
  g_autofree char *to = sip_simple_msrp_uri_to_string (self->relay);
  g_autofree char *from = sip_simple_msrp_connection_from_path (self);
  OutFrame *frame = sip_simple_msrp_out_frame_new_request ("AUTH", to, from, '$', "Authorization",
                                                           authorization, NULL);

  frame->kind = TX_AUTH;
  frame->expects_response = TRUE;
  sip_simple_msrp_connection_queue (self, &self->control, frame);
}

static void
prepare_failed (SipSimpleMsrpSession *self, GError *error)
{
  GTask *task = g_steal_pointer (&self->prepare_task);

  if (task)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
    }
  else
    g_error_free (error);
}

static char *
make_authorization (SipSimpleMsrpSession *self, const char *challenge, GError **error)
{
  g_autoptr (GHashTable) params = NULL;
  SipSimpleDigestAlgorithm algorithm;
  const char              *realm, *nonce, *qop, *opaque, *alg;
  g_autofree char         *ha1 = NULL;
  g_autofree char         *cnonce = NULL;
  g_autofree char         *response = NULL;
  g_autofree char         *uri = sip_simple_msrp_uri_to_string (self->relay);
  gboolean                 use_qop;
  GString                 *s;

  if (g_ascii_strncasecmp (challenge, "Digest ", 7) != 0)
    {
      g_set_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_AUTH,
                   "Unsupported MSRP challenge “%s”", challenge);
      return NULL;
    }
  params = sip_simple_digest_parse_params (challenge + 7, error);
  if (params == NULL)
    return NULL;
  realm = g_hash_table_lookup (params, "realm");
  nonce = g_hash_table_lookup (params, "nonce");
  qop = g_hash_table_lookup (params, "qop");
  opaque = g_hash_table_lookup (params, "opaque");
  alg = g_hash_table_lookup (params, "algorithm");
  if (realm == NULL || nonce == NULL || !sip_simple_digest_algorithm_from_string (alg, &algorithm))
    {
      g_set_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_AUTH,
                   "Unusable MSRP challenge “%s”", challenge);
      return NULL;
    }
  use_qop = qop != NULL && strstr (qop, "auth") != NULL;
  cnonce = sip_simple_digest_new_cnonce ();
  ha1 = sip_simple_digest_ha1 (algorithm, self->relay_username, realm, self->relay_password, nonce,
                               cnonce);
  response = sip_simple_digest_response (algorithm, ha1, nonce, "00000001", cnonce,
                                         use_qop ? "auth" : NULL, "AUTH", uri, NULL, 0);
  s = g_string_new ("Digest ");
  g_string_append_printf (
      s, "username=\"%s\", realm=\"%s\", nonce=\"%s\", uri=\"%s\", response=\"%s\"",
      self->relay_username, realm, nonce, uri, response);
  if (alg)
    g_string_append_printf (s, ", algorithm=%s", alg);
  if (use_qop)
    g_string_append_printf (s, ", qop=auth, nc=00000001, cnonce=\"%s\"", cnonce);
  if (opaque)
    g_string_append_printf (s, ", opaque=\"%s\"", opaque);
  return g_string_free (s, FALSE);
}

void
sip_simple_msrp_connect_auth_response (SipSimpleMsrpSession *self, SipSimpleMsrpFrame *frame)
{
  if (frame == NULL)
    {
      sip_simple_msrp_session_close_with (
          self, g_error_new_literal (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_TIMEOUT,
                                     "The relay did not answer AUTH"));
      return;
    }
  if ((frame->status == 401 || frame->status == 407) && self->auth_attempts < 2)
    {
      const char *challenge = sip_simple_msrp_frame_get_header (frame, "WWW-Authenticate");
      g_autoptr (GError) error = NULL;
      g_autofree char *authorization = NULL;

      self->auth_attempts++;
      if (challenge == NULL)
        challenge = sip_simple_msrp_frame_get_header (frame, "Proxy-Authenticate");
      if (challenge == NULL || self->relay_username == NULL)
        {
          prepare_failed (self, g_error_new (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_AUTH,
                                             "The MSRP relay wants credentials: %u %s",
                                             frame->status, frame->reason ? frame->reason : ""));
          return;
        }
      authorization = make_authorization (self, challenge, &error);
      if (authorization == NULL)
        {
          prepare_failed (self, g_steal_pointer (&error));
          return;
        }
      send_auth (self, authorization);
      return;
    }
  if (frame->status != 200)
    {
      prepare_failed (self, g_error_new (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_AUTH,
                                         "The MSRP relay refused AUTH: %u %s", frame->status,
                                         frame->reason ? frame->reason : ""));
      return;
    }
  {
    const char *use_path = sip_simple_msrp_frame_get_header (frame, "Use-Path");
    g_autoptr (GError) error = NULL;
    GPtrArray *path = use_path ? sip_simple_msrp_uri_parse_path (use_path, &error) : NULL;

    if (path == NULL)
      {
        prepare_failed (self, g_error_new (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_PROTOCOL,
                                           "The MSRP relay gave no usable Use-Path: %s",
                                           error ? error->message : "missing"));
        return;
      }
    g_clear_pointer (&self->use_path, g_ptr_array_unref);
    self->use_path = path;
    sip_simple_msrp_session_set_state (self, SIP_SIMPLE_MSRP_SESSION_STATE_PREPARED);
    {
      GTask *task = g_steal_pointer (&self->prepare_task);

      if (task)
        {
          g_task_return_boolean (task, TRUE);
          g_object_unref (task);
        }
    }
  }
}

static void
relay_connected (SipSimpleMsrpSession *self, GIOStream *conn, GError *error)
{
  GSocketConnection *sc;
  g_autoptr (GSocketAddress) local = NULL;

  if (self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED)
    {
      g_clear_error (&error);
      return;
    }
  if (error)
    {
      prepare_failed (self, error);
      return;
    }
  sc = G_IS_TLS_CONNECTION (conn) ? NULL : G_SOCKET_CONNECTION (conn);
  if (sc == NULL)
    {
      GIOStream *base = NULL;

      g_object_get (conn, "base-io-stream", &base, NULL);
      if (G_IS_SOCKET_CONNECTION (base))
        local = g_socket_connection_get_local_address (G_SOCKET_CONNECTION (base), NULL);
      g_clear_object (&base);
    }
  else
    local = g_socket_connection_get_local_address (sc, NULL);
  if (local && G_IS_INET_SOCKET_ADDRESS (local))
    {
      g_autofree char *host = g_inet_address_to_string (
          g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (local)));

      set_local_uri (self, host, g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)));
    }
  else
    set_local_uri (self, "127.0.0.1", 9);
  sip_simple_msrp_connection_attach (self, conn);
  send_auth (self, NULL);
}

/* ---- listening (passive side) ------------------------------------------- */

static gboolean
bind_timed_out (gpointer data)
{
  SipSimpleMsrpSession *self = data;

  sip_simple_msrp_clear_source (&self->bind_timeout);
  if (sip_simple_msrp_connect_passive_waiting (self) && self->conn)
    sip_simple_msrp_connect_failed (
        self, g_error_new_literal (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_TIMEOUT,
                                   "MSRP: the connection did not bind in time"));
  return G_SOURCE_REMOVE;
}

static void
accepted_ready (SipSimpleMsrpSession *self, GIOStream *conn, GError *error)
{
  if (self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED || self->bound)
    {
      g_clear_error (&error);
      if (conn)
        sip_simple_msrp_close_stream (conn);
      return;
    }
  if (error)
    {
      g_debug ("MSRP: incoming connection failed: %s", error->message);
      g_error_free (error);
      accept_next (self);
      return;
    }
  /* one connection at a time: the first that binds wins; one that
   * stalls is dropped after the transaction timeout */
  sip_simple_msrp_connection_attach (self, conn);
  sip_simple_msrp_clear_source (&self->bind_timeout);
  {
    GSource *source = g_timeout_source_new_seconds (self->transaction_timeout);

    g_source_set_callback (source, bind_timed_out, self, NULL);
    g_source_attach (source, self->context);
    self->bind_timeout = source;
  }
}

static void
accept_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SipSimpleMsrpSession) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocketConnection) conn
      = g_socket_listener_accept_finish (G_SOCKET_LISTENER (source), result, NULL, &error);

  if (conn == NULL || self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED || self->bound)
    return;
  g_socket_set_option (g_socket_connection_get_socket (conn), IPPROTO_TCP, TCP_NODELAY, 1, NULL);
  if (self->use_tls)
    wrap_tls (self, G_IO_STREAM (conn), TRUE, NULL, TRUE, accepted_ready);
  else
    accepted_ready (self, G_IO_STREAM (conn), NULL);
}

static void
accept_next (SipSimpleMsrpSession *self)
{
  if (self->listener == NULL || self->bound)
    return;
  g_socket_listener_accept_async (self->listener, self->accept_cancellable, accept_done,
                                  g_object_ref (self));
}

/* ---- binding ------------------------------------------------------------ */

static gboolean
session_id_matches (const char *uri_text, SipSimpleMsrpUri *uri)
{
  g_autoptr (SipSimpleMsrpUri) parsed = NULL;

  if (uri == NULL)
    return FALSE;
  parsed = sip_simple_msrp_uri_parse (uri_text, NULL);
  return parsed != NULL
         && g_strcmp0 (sip_simple_msrp_uri_get_session_id (parsed),
                       sip_simple_msrp_uri_get_session_id (uri))
                == 0;
}

static gboolean
refuse_request (SipSimpleMsrpSession *self, SipSimpleMsrpFrame *request, guint status,
                const char *reason)
{
  sip_simple_msrp_connection_respond (self, request, status, reason);
  if (sip_simple_msrp_connect_passive_waiting (self))
    self->drop_when_flushed = TRUE;
  return FALSE;
}

gboolean
sip_simple_msrp_connect_accepts_request (SipSimpleMsrpSession *self, SipSimpleMsrpFrame *request)
{
  const char      *to_path = sip_simple_msrp_frame_get_header (request, "To-Path");
  g_autofree char *first = sip_simple_msrp_path_first_uri (to_path);

  if (!session_id_matches (first, self->local_uri))
    return refuse_request (self, request, 481, "Session does not exist");
  if (!self->bound && self->remote_path && self->remote_path->len > 0)
    {
      /* passive side: the first request must come from the negotiated peer */
      const char      *from_path = sip_simple_msrp_frame_get_header (request, "From-Path");
      const char      *sp = strrchr (from_path, ' ');
      g_autofree char *last = g_strdup (sp ? sp + 1 : from_path);

      if (!session_id_matches (last,
                               g_ptr_array_index (self->remote_path, self->remote_path->len - 1)))
        return refuse_request (self, request, 403, "Unexpected peer");
    }
  return TRUE;
}

gboolean
sip_simple_msrp_connect_passive_waiting (SipSimpleMsrpSession *self)
{
  return !self->bound && !self->active && self->relay == NULL && self->listener != NULL
         && self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CONNECTING;
}

void
sip_simple_msrp_connect_failed (SipSimpleMsrpSession *self, GError *error)
{
  if (!sip_simple_msrp_connect_passive_waiting (self))
    {
      sip_simple_msrp_session_close_with (self, error);
      return;
    }
  g_debug ("MSRP: dropping a connection before binding: %s", error->message);
  g_error_free (error);
  sip_simple_msrp_connection_drop (self);
  accept_next (self);
}

void
sip_simple_msrp_connect_complete_start (SipSimpleMsrpSession *self, GError *error)
{
  GTask *task = g_steal_pointer (&self->start_task);

  if (error == NULL)
    {
      self->bound = TRUE;
      sip_simple_msrp_clear_source (&self->bind_timeout);
      sip_simple_msrp_session_set_state (self, SIP_SIMPLE_MSRP_SESSION_STATE_CONNECTED);
      /* the listener has done its job */
      if (self->accept_cancellable)
        g_cancellable_cancel (self->accept_cancellable);
      if (self->listener)
        g_socket_listener_close (self->listener);
      sip_simple_msrp_connection_write (self);
    }
  if (task)
    {
      if (error)
        g_task_return_error (task, error);
      else
        g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
  else if (error)
    g_error_free (error);
}

void
sip_simple_msrp_connect_bind_response (SipSimpleMsrpSession *self, SipSimpleMsrpFrame *frame)
{
  if (frame == NULL)
    sip_simple_msrp_connect_complete_start (
        self, g_error_new_literal (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_TIMEOUT,
                                   "The peer did not answer the binding SEND"));
  else if (frame->status == 200)
    sip_simple_msrp_connect_complete_start (self, NULL);
  else
    sip_simple_msrp_connect_complete_start (
        self, g_error_new (SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_PROTOCOL,
                           "The peer refused the session: %u %s", frame->status,
                           frame->reason ? frame->reason : ""));
}

/* The active side binds the connection to the session with an empty SEND */
static void
send_bind (SipSimpleMsrpSession *self)
{
  g_autofree char *mid = sip_simple_msrp_new_id (16);
  g_autofree char *to = sip_simple_msrp_connection_to_path (self);
  g_autofree char *from = sip_simple_msrp_connection_from_path (self);
  OutFrame *frame = sip_simple_msrp_out_frame_new_request ("SEND", to, from, '$', "Message-ID", mid,
                                                           "Byte-Range", "1-0/0", NULL);

  frame->kind = TX_BIND;
  frame->expects_response = TRUE;
  sip_simple_msrp_connection_queue (self, &self->control, frame);
}

static void
active_connected (SipSimpleMsrpSession *self, GIOStream *conn, GError *error)
{
  if (self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CLOSED)
    {
      g_clear_error (&error);
      return;
    }
  if (error)
    {
      sip_simple_msrp_connect_complete_start (self, error);
      return;
    }
  sip_simple_msrp_connection_attach (self, conn);
  send_bind (self);
}

/* ---- what the session asks for ------------------------------------------ */

static gboolean
listen_locally (SipSimpleMsrpSession *self, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (GInetAddress) addr = g_inet_address_new_from_string (self->local_address);
  g_autoptr (GSocketAddress) sa = NULL;
  g_autoptr (GSocketAddress) effective = NULL;
  g_autofree char *host = NULL;

  if (addr == NULL)
    {
      g_set_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_INVALID_ARGUMENT,
                   "Not an IP address: “%s”", self->local_address);
      return FALSE;
    }
  sa = g_inet_socket_address_new (addr, self->local_port);
  self->listener = g_socket_listener_new ();
  if (!g_socket_listener_add_address (self->listener, sa, G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_TCP, NULL, &effective, &local))
    {
      g_clear_object (&self->listener);
      g_set_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_CONNECTION,
                   "MSRP: cannot listen on %s port %u: %s", self->local_address, self->local_port,
                   local->message);
      return FALSE;
    }
  host = g_inet_address_to_string (addr);
  set_local_uri (self, host, g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
  return TRUE;
}

void
sip_simple_msrp_connect_prepare (SipSimpleMsrpSession *self, GTask *task)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError       *error = NULL;

  if (self->state != SIP_SIMPLE_MSRP_SESSION_STATE_NEW || self->prepare_task)
    {
      g_task_return_new_error (task, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_STATE,
                               "The MSRP session is already prepared");
      g_object_unref (task);
      return;
    }
  if (self->relay)
    {
      self->prepare_task = task;
      if (cancellable)
        g_cancellable_connect (cancellable, G_CALLBACK (g_cancellable_cancel), self->io_cancellable,
                               NULL);
      connect_to (self, self->relay, relay_connected);
      return;
    }
  if (!listen_locally (self, &error))
    g_task_return_error (task, error);
  else
    {
      sip_simple_msrp_session_set_state (self, SIP_SIMPLE_MSRP_SESSION_STATE_PREPARED);
      g_task_return_boolean (task, TRUE);
    }
  g_object_unref (task);
}

void
sip_simple_msrp_connect_start (SipSimpleMsrpSession *self, GTask *task)
{
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (self->state == SIP_SIMPLE_MSRP_SESSION_STATE_CONNECTED && self->bound && !self->start_called)
    {
      /* Through a relay the connection is up before start: the peer's
       * first SEND can come in before our side of the signalling (the 200
       * to our INVITE) is processed. That SEND bound the session. */
      self->start_called = TRUE;
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  if (self->state != SIP_SIMPLE_MSRP_SESSION_STATE_PREPARED || self->start_task)
    {
      g_task_return_new_error (task, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_STATE,
                               "The MSRP session is not prepared, or already started");
      g_object_unref (task);
      return;
    }
  self->start_called = TRUE;
  if (self->remote_path == NULL || self->remote_path->len == 0)
    {
      g_task_return_new_error (task, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_INVALID_ARGUMENT,
                               "The MSRP session has no remote path");
      g_object_unref (task);
      return;
    }
  if (cancellable)
    g_cancellable_connect (cancellable, G_CALLBACK (g_cancellable_cancel), self->accept_cancellable,
                           NULL);
  self->start_task = task;
  sip_simple_msrp_session_set_state (self, SIP_SIMPLE_MSRP_SESSION_STATE_CONNECTING);
  if (self->relay)
    {
      if (self->active)
        send_bind (self);
      else
        sip_simple_msrp_connect_complete_start (self, NULL);
      return;
    }
  if (self->active)
    {
      if (self->listener)
        {
          g_socket_listener_close (self->listener);
          g_clear_object (&self->listener);
        }
      connect_to (self, g_ptr_array_index (self->remote_path, 0), active_connected);
    }
  else
    accept_next (self);
}

void
sip_simple_msrp_connect_close (SipSimpleMsrpSession *self)
{
  sip_simple_msrp_clear_source (&self->bind_timeout);
  if (self->accept_cancellable)
    g_cancellable_cancel (self->accept_cancellable);
  if (self->listener)
    {
      g_socket_listener_close (self->listener);
      g_clear_object (&self->listener);
    }
}
