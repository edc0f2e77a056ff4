/* libsipsimple - SipSimpleMsrpUri, an MSRP URI (RFC 4975 section 6)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/msrp/msrp-uri.h>
#include <sipsimple/msrp/msrp-error.h>
#include "sip/sip-internal.h"

#include <string.h>

/**
 * SipSimpleMsrpUri:
 *
 * An MSRP URI such as `msrp://127.0.0.1:4321/a7sd9f;tcp` or
 * `msrps://[::1]:2855/s3ss10n;tcp`: the address of an MSRP endpoint or
 * relay and the session it names. A path (the `a=path` attribute of SDP,
 * the To-Path and From-Path headers) is a list of these, relays first.
 *
 * Comparison follows RFC 4975 section 6.1: scheme, host (ignoring case),
 * port, session-id (case-sensitive) and transport (ignoring case); the
 * user part and other parameters do not matter.
 *
 * Since: 0.1
 */
struct _SipSimpleMsrpUri
{
  gatomicrefcount ref_count;
  gboolean        secure;
  char           *user;
  char           *host;
  guint16         port; /* 0: none given */
  char           *session_id;
  char           *transport;
  char           *parameters; /* after the transport, without the leading ';' */
};

G_DEFINE_BOXED_TYPE (SipSimpleMsrpUri, sip_simple_msrp_uri, sip_simple_msrp_uri_ref, sip_simple_msrp_uri_unref)

static SipSimpleMsrpUri *
uri_alloc (void)
{
  SipSimpleMsrpUri *self = g_new0 (SipSimpleMsrpUri, 1);

  g_atomic_ref_count_init (&self->ref_count);
  return self;
}

/**
 * sip_simple_msrp_uri_new:
 * @secure: %TRUE for `msrps` (TLS), %FALSE for `msrp`
 * @host: a host name or an IPv4 or IPv6 address (without brackets)
 * @port: the port, 0 for none
 * @session_id: (nullable): the session-id, %NULL for none (relay URIs)
 *
 * Makes a URI with the `tcp` transport.
 *
 * Returns: (transfer full): a new URI
 *
 * Since: 0.1
 */
SipSimpleMsrpUri *
sip_simple_msrp_uri_new (gboolean secure, const char *host, guint16 port, const char *session_id)
{
  SipSimpleMsrpUri *self;

  g_return_val_if_fail (host != NULL, NULL);

  self = uri_alloc ();
  self->secure = secure;
  self->host = g_strdup (host);
  self->port = port;
  self->session_id = g_strdup (session_id);
  self->transport = g_strdup ("tcp");
  return self;
}

/**
 * sip_simple_msrp_uri_ref:
 * @self: a #SipSimpleMsrpUri
 *
 * Takes a reference.
 *
 * Returns: (transfer full): @self
 *
 * Since: 0.1
 */
SipSimpleMsrpUri *
sip_simple_msrp_uri_ref (SipSimpleMsrpUri *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * sip_simple_msrp_uri_unref:
 * @self: (transfer full): a #SipSimpleMsrpUri
 *
 * Drops a reference; the URI is freed with the last one.
 *
 * Since: 0.1
 */
void
sip_simple_msrp_uri_unref (SipSimpleMsrpUri *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->user);
  g_free (self->host);
  g_free (self->session_id);
  g_free (self->transport);
  g_free (self->parameters);
  g_free (self);
}

/**
 * sip_simple_msrp_uri_copy:
 * @self: a #SipSimpleMsrpUri
 *
 * Copies a URI.
 *
 * Returns: (transfer full): a copy of @self
 *
 * Since: 0.1
 */
SipSimpleMsrpUri *
sip_simple_msrp_uri_copy (const SipSimpleMsrpUri *self)
{
  SipSimpleMsrpUri *copy;

  g_return_val_if_fail (self != NULL, NULL);
  copy = uri_alloc ();
  copy->secure = self->secure;
  copy->user = g_strdup (self->user);
  copy->host = g_strdup (self->host);
  copy->port = self->port;
  copy->session_id = g_strdup (self->session_id);
  copy->transport = g_strdup (self->transport);
  copy->parameters = g_strdup (self->parameters);
  return copy;
}

static gboolean
is_unreserved (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '.' || c == '_' || c == '~';
}

static gboolean
is_sub_delim (char c)
{
  return strchr ("!$&'()*+,;=", c) != NULL && c != '\0';
}

static gboolean
valid_user (const char *s, gsize len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (s[i] == '%')
        {
          if (i + 2 >= len || !g_ascii_isxdigit (s[i + 1]) || !g_ascii_isxdigit (s[i + 2]))
            return FALSE;
          i += 2;
        }
      else if (!is_unreserved (s[i]) && !is_sub_delim (s[i]) && s[i] != ':')
        return FALSE;
    }
  return len > 0;
}

static gboolean
valid_reg_name (const char *s, gsize len)
{
  if (len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (s[i]) && s[i] != '-' && s[i] != '.' && s[i] != '_')
      return FALSE;
  return TRUE;
}

static gboolean
valid_session_id (const char *s, gsize len)
{
  if (len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!is_unreserved (s[i]) && s[i] != '+' && s[i] != '=' && s[i] != '/')
      return FALSE;
  return TRUE;
}

static gboolean
valid_token (const char *s, gsize len)
{
  if (len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (s[i]))
      return FALSE;
  return TRUE;
}

static gboolean
valid_params (const char *s)
{
  /* URI-parameter = token ["=" token]; be lenient on the characters of a
   * token but refuse what can never be part of a URI */
  if (*s == '\0')
    return FALSE;
  for (; *s; s++)
    if ((guchar)*s <= ' ' || (guchar)*s >= 0x7f || *s == '<' || *s == '>' || *s == '"')
      return FALSE;
  return TRUE;
}

static gboolean
fail (GError **error, const char *text, const char *why)
{
  g_set_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_INVALID_URI, "Invalid MSRP URI “%s”: %s", text,
               why);
  return FALSE;
}

/**
 * sip_simple_msrp_uri_parse:
 * @text: an MSRP URI, `msrp://…` or `msrps://…`
 * @error: return location for a #GError
 *
 * Parses an MSRP URI. The transport is required (`;tcp`); the session-id
 * is optional (relay URIs have none).
 *
 * Returns: (transfer full): the URI, or %NULL with @error set
 *   (%SIP_SIMPLE_MSRP_ERROR_INVALID_URI)
 *
 * Since: 0.1
 */
SipSimpleMsrpUri *
sip_simple_msrp_uri_parse (const char *text, GError **error)
{
  g_autoptr (SipSimpleMsrpUri) self = NULL;
  const char *p, *authority, *auth_end, *host_end, *semi, *at;
  gsize       len;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = uri_alloc ();
  len = strlen (text);
  if (len > 4096)
    return fail (error, "…", "too long"), NULL;
  if (g_ascii_strncasecmp (text, "msrps://", 8) == 0)
    {
      self->secure = TRUE;
      authority = text + 8;
    }
  else if (g_ascii_strncasecmp (text, "msrp://", 7) == 0)
    authority = text + 7;
  else
    return fail (error, text, "the scheme is not msrp or msrps"), NULL;

  semi = strchr (authority, ';');
  if (semi == NULL)
    return fail (error, text, "no transport"), NULL;
  auth_end = authority;
  while (auth_end < semi && *auth_end != '/')
    auth_end++;

  /* userinfo: the last '@' before the end of the authority */
  at = NULL;
  for (p = authority; p < auth_end; p++)
    if (*p == '@')
      at = p;
  if (at != NULL)
    {
      if (!valid_user (authority, at - authority))
        return fail (error, text, "bad user part"), NULL;
      self->user = g_strndup (authority, at - authority);
      authority = at + 1;
    }

  if (*authority == '[')
    {
      const char *close = memchr (authority, ']', auth_end - authority);
      g_autofree char *addr = NULL;

      if (close == NULL)
        return fail (error, text, "unterminated IPv6 address"), NULL;
      addr = g_strndup (authority + 1, close - authority - 1);
      if (!g_hostname_is_ip_address (addr) || strchr (addr, ':') == NULL)
        return fail (error, text, "bad IPv6 address"), NULL;
      self->host = g_steal_pointer (&addr);
      host_end = close + 1;
    }
  else
    {
      host_end = authority;
      while (host_end < auth_end && *host_end != ':')
        host_end++;
      if (!valid_reg_name (authority, host_end - authority))
        return fail (error, text, "bad host"), NULL;
      self->host = g_strndup (authority, host_end - authority);
    }
  if (host_end < auth_end)
    {
      guint64 port = 0;

      if (*host_end != ':' || host_end + 1 == auth_end)
        return fail (error, text, "bad port"), NULL;
      for (p = host_end + 1; p < auth_end; p++)
        {
          if (!g_ascii_isdigit (*p))
            return fail (error, text, "bad port"), NULL;
          port = port * 10 + (*p - '0');
          if (port > 65535)
            return fail (error, text, "port out of range"), NULL;
        }
      if (port == 0)
        return fail (error, text, "port out of range"), NULL;
      self->port = (guint16)port;
    }

  if (auth_end < semi)
    {
      /* auth_end points at '/' */
      if (!valid_session_id (auth_end + 1, semi - auth_end - 1))
        return fail (error, text, "bad session-id"), NULL;
      self->session_id = g_strndup (auth_end + 1, semi - auth_end - 1);
    }

  p = semi + 1;
  {
    const char *tend = strchr (p, ';');
    gsize       tlen = tend ? (gsize)(tend - p) : strlen (p);

    if (!valid_token (p, tlen))
      return fail (error, text, "bad transport"), NULL;
    self->transport = g_ascii_strdown (p, tlen);
    if (tend != NULL)
      {
        if (!valid_params (tend + 1))
          return fail (error, text, "bad parameters"), NULL;
        self->parameters = g_strdup (tend + 1);
      }
  }
  return g_steal_pointer (&self);
}

/**
 * sip_simple_msrp_uri_to_string:
 * @self: a #SipSimpleMsrpUri
 *
 * Writes the URI as text.
 *
 * Returns: (transfer full): the URI as text, as it goes into a path
 *
 * Since: 0.1
 */
char *
sip_simple_msrp_uri_to_string (const SipSimpleMsrpUri *self)
{
  GString *s;

  g_return_val_if_fail (self != NULL, NULL);
  s = g_string_new (self->secure ? "msrps://" : "msrp://");
  if (self->user)
    g_string_append_printf (s, "%s@", self->user);
  sip_simple_append_hostport (s, self->host, self->port);
  if (self->session_id)
    g_string_append_printf (s, "/%s", self->session_id);
  g_string_append_printf (s, ";%s", self->transport);
  if (self->parameters)
    g_string_append_printf (s, ";%s", self->parameters);
  return g_string_free (s, FALSE);
}

/**
 * sip_simple_msrp_uri_get_secure:
 * @self: a #SipSimpleMsrpUri
 *
 * Whether the URI is `msrps`.
 *
 * Returns: %TRUE for an `msrps` URI (TLS)
 *
 * Since: 0.1
 */
gboolean
sip_simple_msrp_uri_get_secure (const SipSimpleMsrpUri *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->secure;
}

/**
 * sip_simple_msrp_uri_get_user:
 * @self: a #SipSimpleMsrpUri
 *
 * The user part of the URI.
 *
 * Returns: (nullable): the user part, or %NULL
 *
 * Since: 0.1
 */
const char *
sip_simple_msrp_uri_get_user (const SipSimpleMsrpUri *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->user;
}

/**
 * sip_simple_msrp_uri_get_host:
 * @self: a #SipSimpleMsrpUri
 *
 * The host of the URI.
 *
 * Returns: the host: a name or an address (IPv6 without brackets)
 *
 * Since: 0.1
 */
const char *
sip_simple_msrp_uri_get_host (const SipSimpleMsrpUri *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->host;
}

/**
 * sip_simple_msrp_uri_get_port:
 * @self: a #SipSimpleMsrpUri
 *
 * The port of the URI.
 *
 * Returns: the port, or 0 when the URI has none (connect to
 *   %SIP_SIMPLE_MSRP_DEFAULT_PORT then)
 *
 * Since: 0.1
 */
guint16
sip_simple_msrp_uri_get_port (const SipSimpleMsrpUri *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->port;
}

/**
 * sip_simple_msrp_uri_get_session_id:
 * @self: a #SipSimpleMsrpUri
 *
 * The session-id of the URI.
 *
 * Returns: (nullable): the session-id, or %NULL
 *
 * Since: 0.1
 */
const char *
sip_simple_msrp_uri_get_session_id (const SipSimpleMsrpUri *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->session_id;
}

/**
 * sip_simple_msrp_uri_get_transport:
 * @self: a #SipSimpleMsrpUri
 *
 * The transport of the URI.
 *
 * Returns: the transport in lower case, normally `tcp`
 *
 * Since: 0.1
 */
const char *
sip_simple_msrp_uri_get_transport (const SipSimpleMsrpUri *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->transport;
}

/**
 * sip_simple_msrp_uri_get_parameters:
 * @self: a #SipSimpleMsrpUri
 *
 * The URI parameters after the transport.
 *
 * Returns: (nullable): the parameters after the transport (without the
 *   leading `;`), or %NULL
 *
 * Since: 0.1
 */
const char *
sip_simple_msrp_uri_get_parameters (const SipSimpleMsrpUri *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->parameters;
}

/**
 * sip_simple_msrp_uri_equal:
 * @a: a #SipSimpleMsrpUri
 * @b: a #SipSimpleMsrpUri
 *
 * Compares two URIs as RFC 4975 section 6.1 does (this is how a session
 * is found from the To-Path of a request).
 *
 * Returns: %TRUE when @a and @b name the same session
 *
 * Since: 0.1
 */
gboolean
sip_simple_msrp_uri_equal (const SipSimpleMsrpUri *a, const SipSimpleMsrpUri *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);
  return a->secure == b->secure && g_ascii_strcasecmp (a->host, b->host) == 0 && a->port == b->port
         && g_strcmp0 (a->session_id, b->session_id) == 0 && g_ascii_strcasecmp (a->transport, b->transport) == 0;
}

/**
 * sip_simple_msrp_uri_hash:
 * @self: a #SipSimpleMsrpUri
 *
 * Hashes a URI for hash tables keyed by session.
 *
 * Returns: a hash consistent with sip_simple_msrp_uri_equal()
 *
 * Since: 0.1
 */
guint
sip_simple_msrp_uri_hash (const SipSimpleMsrpUri *self)
{
  g_autofree char *host = NULL;

  g_return_val_if_fail (self != NULL, 0);
  host = g_ascii_strdown (self->host, -1);
  return g_str_hash (host) ^ (self->port * 31u) ^ (self->session_id ? g_str_hash (self->session_id) : 0)
         ^ (guint)self->secure;
}

/**
 * sip_simple_msrp_uri_parse_path:
 * @text: URIs separated by spaces, as in `a=path` or a To-Path header
 * @error: return location for a #GError
 *
 * Parses a path: MSRP URIs separated by spaces.
 *
 * Returns: (transfer container) (element-type SipSimpleMsrpUri): the
 *   URIs in order, or %NULL with @error set (also for an empty path)
 *
 * Since: 0.1
 */
GPtrArray *
sip_simple_msrp_uri_parse_path (const char *text, GError **error)
{
  g_autoptr (GPtrArray) path = NULL;
  g_auto (GStrv) parts = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  path = g_ptr_array_new_with_free_func ((GDestroyNotify)sip_simple_msrp_uri_unref);
  parts = g_strsplit_set (text, " \t", -1);
  for (guint i = 0; parts[i]; i++)
    {
      SipSimpleMsrpUri *uri;

      if (parts[i][0] == '\0')
        continue;
      uri = sip_simple_msrp_uri_parse (parts[i], error);
      if (uri == NULL)
        return NULL;
      g_ptr_array_add (path, uri);
    }
  if (path->len == 0)
    {
      g_set_error (error, SIP_SIMPLE_MSRP_ERROR, SIP_SIMPLE_MSRP_ERROR_INVALID_URI, "Empty MSRP path");
      return NULL;
    }
  return g_steal_pointer (&path);
}

/**
 * sip_simple_msrp_uri_path_to_string:
 * @path: (element-type SipSimpleMsrpUri): URIs, relays first
 *
 * Writes a path as `a=path` and To-Path carry it.
 *
 * Returns: (transfer full): the URIs separated by single spaces
 *
 * Since: 0.1
 */
char *
sip_simple_msrp_uri_path_to_string (GPtrArray *path)
{
  GString *s;

  g_return_val_if_fail (path != NULL, NULL);
  s = g_string_new (NULL);
  for (guint i = 0; i < path->len; i++)
    {
      g_autofree char *u = sip_simple_msrp_uri_to_string (g_ptr_array_index (path, i));

      if (i)
        g_string_append_c (s, ' ');
      g_string_append (s, u);
    }
  return g_string_free (s, FALSE);
}
