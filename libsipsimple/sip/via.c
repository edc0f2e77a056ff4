/* libsipsimple - SipSimpleVia
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/sip/via.h>
#include <sipsimple/sip/error.h>
#include "sip-internal.h"
#include "via-internal.h"

#include <stdlib.h>
#include <string.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/msg_header.h>

/**
 * SipSimpleVia:
 *
 * One value of a Via header (RFC 3261 section 20.42): the transport a
 * request was sent over, the address its responses go to, and the
 * transaction's branch. [method@SipSimple.Event.get_vias] returns the Via
 * values of a received request, topmost first.
 *
 * A #SipSimpleVia is immutable and reference counted.
 *
 * Since: 0.1
 */
struct _SipSimpleVia
{
  gatomicrefcount ref_count;
  char           *protocol;  /* "SIP/2.0/UDP" */
  char           *transport; /* "UDP" */
  char           *host;
  guint           port;
  GPtrArray      *names;  /* char *, lower case */
  GPtrArray      *values; /* char * or NULL */
  char           *text;
};

G_DEFINE_BOXED_TYPE (SipSimpleVia, sip_simple_via, sip_simple_via_ref, sip_simple_via_unref)

SipSimpleVia *
sip_simple_via_new_from_sofia (const sip_via_t *v)
{
  SipSimpleVia *self = g_new0 (SipSimpleVia, 1);
  const char   *slash;
  char          buf[1024];
  issize_t      n;

  g_atomic_ref_count_init (&self->ref_count);
  self->protocol = g_strdup (v->v_protocol ? v->v_protocol : "");
  slash = strrchr (self->protocol, '/');
  self->transport = g_ascii_strup (slash ? slash + 1 : self->protocol, -1);
  self->host = g_strdup (v->v_host ? v->v_host : "");
  /* sofia keeps IPv6 references in brackets; the API returns bare addresses */
  if (self->host[0] == '[')
    {
      gsize len = strlen (self->host);
      memmove (self->host, self->host + 1, len);
      if (len >= 2 && self->host[len - 2] == ']')
        self->host[len - 2] = '\0';
    }
  self->port = v->v_port ? (guint)strtoul (v->v_port, NULL, 10) : 0;
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->values = g_ptr_array_new_with_free_func (g_free);
  for (const msg_param_t *p = v->v_params; p && *p; p++)
    {
      const char *eq = strchr (*p, '=');
      if (eq)
        {
          g_ptr_array_add (self->names, g_ascii_strdown (*p, eq - *p));
          g_ptr_array_add (self->values, g_strdup (eq + 1));
        }
      else
        {
          g_ptr_array_add (self->names, g_ascii_strdown (*p, -1));
          g_ptr_array_add (self->values, NULL);
        }
    }
  n = msg_header_field_e (buf, sizeof buf, (const msg_header_t *)v, 0);
  self->text = n > 0 && (gsize)n < sizeof buf ? g_strndup (buf, n) : NULL;
  return self;
}

/**
 * sip_simple_via_parse:
 * @text: one Via value, such as `SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK77`
 * @error: return location for a #GError
 *
 * Parses one Via header value.
 *
 * Returns: (transfer full) (nullable): the Via, or %NULL with
 *   %SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER
 *
 * Since: 0.1
 */
/* sent-protocol = protocol-name SLASH protocol-version SLASH transport,
 * each a token (RFC 3261 section 25.1). sofia-sip takes what comes before
 * the first white space, so "SIP/2.0/TCP![::1]" would pass as a protocol. */
static gboolean
valid_sent_protocol (const char *protocol)
{
  g_auto (GStrv) parts = protocol ? g_strsplit (protocol, "/", -1) : NULL;

  if (parts == NULL || g_strv_length (parts) != 3)
    return FALSE;
  for (guint i = 0; i < 3; i++)
    {
      g_strstrip (parts[i]);
      if (!sip_simple_is_token (parts[i], -1))
        return FALSE;
    }
  return TRUE;
}

SipSimpleVia *
sip_simple_via_parse (const char *text, GError **error)
{
  su_home_t     home[1] = { SU_HOME_INIT (home) };
  sip_via_t    *v;
  SipSimpleVia *self = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  v = sip_via_make (home, text);
  if (v == NULL || v->v_next != NULL || v->v_host == NULL || !valid_sent_protocol (v->v_protocol))
    g_set_error (error, SIP_SIMPLE_PARSE_ERROR, SIP_SIMPLE_PARSE_ERROR_INVALID_HEADER,
                 "Not a single Via value: \"%s\"", text);
  else
    self = sip_simple_via_new_from_sofia (v);
  su_home_deinit (home);
  return self;
}

/**
 * sip_simple_via_ref:
 * @self: a Via
 *
 * Takes a reference on a Via value.
 *
 * Returns: (transfer full): @self, with one more reference
 *
 * Since: 0.1
 */
SipSimpleVia *
sip_simple_via_ref (SipSimpleVia *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * sip_simple_via_unref:
 * @self: (transfer full): a Via
 *
 * Drops a reference; the last one frees the Via.
 *
 * Since: 0.1
 */
void
sip_simple_via_unref (SipSimpleVia *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->protocol);
  g_free (self->transport);
  g_free (self->host);
  g_ptr_array_unref (self->names);
  g_ptr_array_unref (self->values);
  g_free (self->text);
  g_free (self);
}

/**
 * sip_simple_via_to_string:
 * @self: a Via
 *
 * Gets the Via value as it appears in a header.
 *
 * Returns: (transfer full): the Via value as it appears in a header
 *
 * Since: 0.1
 */
char *
sip_simple_via_to_string (const SipSimpleVia *self)
{
  GString *s;

  g_return_val_if_fail (self != NULL, NULL);
  if (self->text != NULL)
    return g_strdup (self->text);
  s = g_string_new (self->protocol);
  g_string_append_c (s, ' ');
  sip_simple_append_hostport (s, self->host, self->port);
  for (guint i = 0; i < self->names->len; i++)
    {
      g_string_append_printf (s, ";%s", (char *)self->names->pdata[i]);
      if (self->values->pdata[i])
        g_string_append_printf (s, "=%s", (char *)self->values->pdata[i]);
    }
  return g_string_free (s, FALSE);
}

/**
 * sip_simple_via_get_protocol:
 * @self: a Via
 *
 * Gets the sent protocol, such as `SIP/2.0/TCP`.
 *
 * Returns: (transfer none): the sent protocol, such as `SIP/2.0/TCP`
 *
 * Since: 0.1
 */
const char *
sip_simple_via_get_protocol (const SipSimpleVia *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->protocol;
}

/**
 * sip_simple_via_get_transport:
 * @self: a Via
 *
 * Gets the transport in upper case: `UDP`, `TCP`, `TLS` and so on.
 *
 * Returns: (transfer none): the transport in upper case: `UDP`, `TCP`,
 *   `TLS`, ...
 *
 * Since: 0.1
 */
const char *
sip_simple_via_get_transport (const SipSimpleVia *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->transport;
}

/**
 * sip_simple_via_get_host:
 * @self: a Via
 *
 * Gets the sent-by host (an IPv6 address without brackets).
 *
 * Returns: (transfer none): the sent-by host (an IPv6 address without
 *   brackets)
 *
 * Since: 0.1
 */
const char *
sip_simple_via_get_host (const SipSimpleVia *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->host;
}

/**
 * sip_simple_via_get_port:
 * @self: a Via
 *
 * Gets the sent-by port, 0 when absent.
 *
 * Returns: the sent-by port, 0 when absent
 *
 * Since: 0.1
 */
guint
sip_simple_via_get_port (const SipSimpleVia *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->port;
}

/**
 * sip_simple_via_get_param:
 * @self: a Via
 * @name: a parameter name (any case)
 *
 * Gets the parameter's value; "" for a parameter without value, %NULL when
 * absent.
 *
 * Returns: (transfer none) (nullable): the parameter's value; "" for a
 *   parameter without value, %NULL when absent
 *
 * Since: 0.1
 */
const char *
sip_simple_via_get_param (const SipSimpleVia *self, const char *name)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  for (guint i = 0; i < self->names->len; i++)
    if (g_ascii_strcasecmp (self->names->pdata[i], name) == 0)
      return self->values->pdata[i] ? self->values->pdata[i] : "";
  return NULL;
}

/**
 * sip_simple_via_has_param:
 * @self: a Via
 * @name: a parameter name (any case)
 *
 * Tells whether the parameter is present.
 *
 * Returns: %TRUE if the parameter is present
 *
 * Since: 0.1
 */
gboolean
sip_simple_via_has_param (const SipSimpleVia *self, const char *name)
{
  return sip_simple_via_get_param (self, name) != NULL;
}

/**
 * sip_simple_via_get_branch:
 * @self: a Via
 *
 * Gets the branch parameter.
 *
 * Returns: (transfer none) (nullable): the branch parameter
 *
 * Since: 0.1
 */
const char *
sip_simple_via_get_branch (const SipSimpleVia *self)
{
  return sip_simple_via_get_param (self, "branch");
}

/**
 * sip_simple_via_get_received:
 * @self: a Via
 *
 * Gets the received parameter: the address the request really came from, when
 * it differs from the sent-by host.
 *
 * Returns: (transfer none) (nullable): the received parameter: the
 *   address the request really came from, when it differs from the
 *   sent-by host
 *
 * Since: 0.1
 */
const char *
sip_simple_via_get_received (const SipSimpleVia *self)
{
  return sip_simple_via_get_param (self, "received");
}

/**
 * sip_simple_via_get_rport:
 * @self: a Via
 *
 * Gets the rport parameter (RFC 3581): the source port it was filled in with,
 * 0 when present without a value, -1 when absent.
 *
 * Returns: the rport parameter (RFC 3581): the source port it was filled
 *   in with, 0 when present without a value, -1 when absent
 *
 * Since: 0.1
 */
gint
sip_simple_via_get_rport (const SipSimpleVia *self)
{
  const char *v = sip_simple_via_get_param (self, "rport");
  if (v == NULL)
    return -1;
  return (gint)strtoul (v, NULL, 10);
}
