/* A raw SIP peer for the C unit tests: a UDP socket on 127.0.0.1 (or ::1) that
 * sends scripted messages and reads what comes back while the main loop
 * runs, and helpers that pick messages apart.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sip-peer.h"

#include <stdlib.h>
#include <string.h>

static Peer *
peer_new_family (GSocketFamily family)
{
  Peer *p = g_new0 (Peer, 1);
  g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (family);
  g_autoptr (GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr (GSocketAddress) bound = NULL;

  p->family = family;
  p->socket = g_socket_new (family, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
  g_assert_nonnull (p->socket);
  g_assert_true (g_socket_bind (p->socket, any, FALSE, NULL));
  g_socket_set_blocking (p->socket, FALSE);
  bound = g_socket_get_local_address (p->socket, NULL);
  p->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  return p;
}

Peer *
peer_new (void)
{
  return peer_new_family (G_SOCKET_FAMILY_IPV4);
}

Peer *
peer_new_ipv6 (void)
{
  return peer_new_family (G_SOCKET_FAMILY_IPV6);
}

void
peer_free (Peer *p)
{
  g_object_unref (p->socket);
  g_free (p);
}

void
peer_send (Peer *p, guint port, const char *text)
{
  g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (p->family);
  g_autoptr (GSocketAddress) to = g_inet_socket_address_new (lo, port);
  g_autoptr (GString) crlf = g_string_new (NULL);
  const char *body;

  /* the templates use \n; the header part goes out with CRLF */
  body = strstr (text, "\n\n");
  for (const char *c = text; *c && (body == NULL || c < body + 2); c++)
    {
      if (*c == '\n')
        g_string_append (crlf, "\r\n");
      else
        g_string_append_c (crlf, *c);
    }
  if (body != NULL)
    g_string_append (crlf, body + 2);
  g_assert_cmpint (g_socket_send_to (p->socket, to, crlf->str, crlf->len, NULL, NULL), ==,
                   crlf->len);
}

void
peer_send_raw (Peer *p, guint port, const char *data, gsize len)
{
  g_autoptr (GInetAddress) lo = g_inet_address_new_loopback (p->family);
  g_autoptr (GSocketAddress) to = g_inet_socket_address_new (lo, port);
  g_assert_cmpint (g_socket_send_to (p->socket, to, data, len, NULL, NULL), ==, (gssize)len);
}

/* The next message for the peer (running the main loop), or NULL */
char *
peer_recv (Peer *p, guint timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + timeout_ms * 1000;
  char   buf[65536];

  while (g_get_monotonic_time () < deadline)
    {
      gssize n = g_socket_receive (p->socket, buf, sizeof buf - 1, NULL, NULL);
      if (n > 0)
        {
          buf[n] = '\0';
          return g_strdup (buf);
        }
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (500);
    }
  return NULL;
}

/* The next message that is not a 100 Trying */
char *
peer_recv_no100 (Peer *p, guint timeout_ms)
{
  for (;;)
    {
      char *m = peer_recv (p, timeout_ms);
      if (m == NULL || !g_str_has_prefix (m, "SIP/2.0 100 "))
        return m;
      g_free (m);
    }
}

void
spin (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * 1000;
  while (g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (500);
}

int
status_of (const char *msg)
{
  g_assert_nonnull (msg);
  if (!g_str_has_prefix (msg, "SIP/2.0 "))
    return 0;
  return atoi (msg + 8);
}

char *
reason_of (const char *msg)
{
  const char *start = msg + 12, *end = strstr (msg, "\r\n");
  return g_strndup (start, end - start);
}

/* The value of the first header @name (or of the @nth) */
char *
header_nth (const char *msg, const char *name, guint nth)
{
  g_autofree char *needle = g_strdup_printf ("\r\n%s:", name);
  const char      *p = msg;
  g_autofree char *lower = g_ascii_strdown (msg, -1);
  g_autofree char *lneedle = g_ascii_strdown (needle, -1);
  const char      *end = strstr (msg, "\r\n\r\n");

  for (guint i = 0;; i++)
    {
      const char *hit = strstr (lower + (p - msg), lneedle);
      const char *v, *eol;
      if (hit == NULL || (end && msg + (hit - lower) > end))
        return NULL;
      v = msg + (hit - lower) + strlen (needle);
      while (*v == ' ')
        v++;
      eol = strstr (v, "\r\n");
      if (i == nth)
        return g_strndup (v, eol - v);
      p = eol;
    }
}

char *
header (const char *msg, const char *name)
{
  return header_nth (msg, name, 0);
}

guint
header_count (const char *msg, const char *name)
{
  guint n = 0;
  char *v;
  while ((v = header_nth (msg, name, n)) != NULL)
    {
      g_free (v);
      n++;
    }
  return n;
}

const char *
body_of (const char *msg)
{
  const char *b = strstr (msg, "\r\n\r\n");
  return b ? b + 4 : "";
}
