/* libsipsimple - SipSimpleRoute
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <sipsimple/sip/route.h>

#include <string.h>
#include <gio/gio.h>

/**
 * SipSimpleRoute:
 *
 * Where to send a SIP request: an IP address, a port and a transport.
 *
 * A route is what server location (RFC 3263, see
 * [method@SipSimple.Lookup.resolve_uri_async]) produces from a SIP URI.
 * Routes are immutable and reference counted; copying one with
 * g_boxed_copy() only takes a reference.
 *
 * The transport is one of `"udp"`, `"tcp"` or `"tls"`.
 *
 * Since: 0.1
 */
struct _SipSimpleRoute
{
  gint    ref_count;
  char   *address;   /* numeric, canonical form, without brackets */
  char   *transport; /* "udp", "tcp" or "tls" */
  guint16 port;
};

G_DEFINE_BOXED_TYPE (SipSimpleRoute, sip_simple_route, sip_simple_route_ref, sip_simple_route_unref)

static const char *
canonical_transport (const char *transport)
{
  static const char *const known[] = { "udp", "tcp", "tls" };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_ascii_strcasecmp (transport, known[i]) == 0)
      return known[i];
  return NULL;
}

/* Strips the brackets of "[v6]" and writes addresses in GLib's canonical
 * spelling, so that equal() does not depend on how the address was
 * written ("::1" and "0:0::1" are one route). */
static char *
canonical_address (const char *address)
{
  g_autofree char *bare = NULL;
  gsize            len = strlen (address);
  g_autoptr (GInetAddress) inet = NULL;

  if (len >= 2 && address[0] == '[' && address[len - 1] == ']')
    bare = g_strndup (address + 1, len - 2);
  else
    bare = g_strdup (address);

  if (!g_hostname_is_ip_address (bare))
    return NULL;

  inet = g_inet_address_new_from_string (bare);
  if (inet == NULL)
    return g_steal_pointer (&bare); /* e.g. a scoped IPv6 address */
  return g_inet_address_to_string (inet);
}

/**
 * sip_simple_route_new:
 * @address: a numeric IPv4 or IPv6 address (an IPv6 address may be in brackets)
 * @port: the port, not 0
 * @transport: `"udp"`, `"tcp"` or `"tls"` (case does not matter)
 *
 * Creates a route. Host names are not accepted: resolve them with
 * [class@SipSimple.Lookup] first.
 *
 * Returns: (transfer full): a new route
 *
 * Since: 0.1
 */
SipSimpleRoute *
sip_simple_route_new (const char *address, guint16 port, const char *transport)
{
  SipSimpleRoute *self;
  const char     *canon_transport;
  char           *canon_address;

  g_return_val_if_fail (address != NULL, NULL);
  g_return_val_if_fail (transport != NULL, NULL);
  g_return_val_if_fail (port != 0, NULL);

  canon_transport = canonical_transport (transport);
  g_return_val_if_fail (canon_transport != NULL, NULL);
  canon_address = canonical_address (address);
  g_return_val_if_fail (canon_address != NULL, NULL);

  self = g_new0 (SipSimpleRoute, 1);
  self->ref_count = 1;
  self->address = canon_address;
  self->port = port;
  self->transport = g_strdup (canon_transport);
  return self;
}

/**
 * sip_simple_route_ref:
 * @self: a route
 *
 * Takes a reference to @self.
 *
 * Returns: (transfer full): @self
 *
 * Since: 0.1
 */
SipSimpleRoute *
sip_simple_route_ref (SipSimpleRoute *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->ref_count > 0, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

/**
 * sip_simple_route_unref:
 * @self: (transfer full): a route
 *
 * Drops a reference to @self, freeing it when it was the last one.
 *
 * Since: 0.1
 */
void
sip_simple_route_unref (SipSimpleRoute *self)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->ref_count > 0);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;
  g_free (self->address);
  g_free (self->transport);
  g_free (self);
}

/**
 * sip_simple_route_get_address:
 * @self: a route
 *
 * Gets the numeric IP address, without brackets for IPv6.
 *
 * Returns: (transfer none): the address
 *
 * Since: 0.1
 */
const char *
sip_simple_route_get_address (const SipSimpleRoute *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->address;
}

/**
 * sip_simple_route_get_port:
 * @self: a route
 *
 * Gets the port.
 *
 * Returns: the port
 *
 * Since: 0.1
 */
guint16
sip_simple_route_get_port (const SipSimpleRoute *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->port;
}

/**
 * sip_simple_route_get_transport:
 * @self: a route
 *
 * Gets the transport in lower case: `"udp"`, `"tcp"` or `"tls"`.
 *
 * Returns: (transfer none): the transport
 *
 * Since: 0.1
 */
const char *
sip_simple_route_get_transport (const SipSimpleRoute *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->transport;
}

static gboolean
is_ipv6 (const SipSimpleRoute *self)
{
  return strchr (self->address, ':') != NULL;
}

/**
 * sip_simple_route_to_string:
 * @self: a route
 *
 * Formats @self as `transport:address:port`, with IPv6 addresses in
 * brackets: `"udp:127.0.0.1:5060"`, `"tls:[2001:db8::1]:5061"`. Meant for
 * logs and tests.
 *
 * Returns: (transfer full): the text form of @self
 *
 * Since: 0.1
 */
char *
sip_simple_route_to_string (const SipSimpleRoute *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (is_ipv6 (self))
    return g_strdup_printf ("%s:[%s]:%u", self->transport, self->address, self->port);
  return g_strdup_printf ("%s:%s:%u", self->transport, self->address, self->port);
}

/**
 * sip_simple_route_to_uri_string:
 * @self: a route
 *
 * Formats @self as a SIP URI that leads to it, such as
 * `"sip:127.0.0.1:5060;transport=udp"`. A TLS route gives a SIPS URI
 * without a transport parameter, `"sips:192.0.2.1:5061"`: SIPS means TLS
 * over TCP, and RFC 3261 deprecates `transport=tls`.
 *
 * Returns: (transfer full): the URI as a string
 *
 * Since: 0.1
 */
char *
sip_simple_route_to_uri_string (const SipSimpleRoute *self)
{
  g_autofree char *hostport = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (is_ipv6 (self))
    hostport = g_strdup_printf ("[%s]:%u", self->address, self->port);
  else
    hostport = g_strdup_printf ("%s:%u", self->address, self->port);

  if (strcmp (self->transport, "tls") == 0)
    return g_strconcat ("sips:", hostport, NULL);
  return g_strconcat ("sip:", hostport, ";transport=", self->transport, NULL);
}

/**
 * sip_simple_route_equal:
 * @a: a route
 * @b: another route
 *
 * Compares two routes: they are equal when address, port and transport
 * are.
 *
 * Returns: whether @a and @b are equal
 *
 * Since: 0.1
 */
gboolean
sip_simple_route_equal (const SipSimpleRoute *a, const SipSimpleRoute *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return a->port == b->port && strcmp (a->transport, b->transport) == 0
         && g_ascii_strcasecmp (a->address, b->address) == 0;
}

/**
 * sip_simple_route_hash:
 * @self: a route
 *
 * Hashes @self, consistently with [method@SipSimple.Route.equal], so that
 * routes can be keys of a #GHashTable.
 *
 * Returns: a hash value
 *
 * Since: 0.1
 */
guint
sip_simple_route_hash (const SipSimpleRoute *self)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (self != NULL, 0);

  lower = g_ascii_strdown (self->address, -1);
  return g_str_hash (lower) ^ ((guint)self->port << 8) ^ g_str_hash (self->transport);
}
