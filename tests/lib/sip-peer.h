/* A raw SIP peer for the C unit tests (see sip-peer.c).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  GSocket      *socket;
  guint         port;
  GSocketFamily family;
} Peer;

Peer       *peer_new        (void);
/* A peer on ::1 (it sends to ::1 too) */
Peer       *peer_new_ipv6   (void);
void        peer_free       (Peer *p);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Peer, peer_free)

/* Sends @text to 127.0.0.1:@port (::1 for an IPv6 peer); its header part may use \n line ends
 * (they go out as CRLF), the body after the first empty line is sent as is */
void        peer_send       (Peer *p, guint port, const char *text);
void        peer_send_raw   (Peer *p, guint port, const char *data, gsize len);
/* The next message for the peer (running the main loop), or NULL */
char       *peer_recv       (Peer *p, guint timeout_ms);
/* The next message that is not a 100 Trying */
char       *peer_recv_no100 (Peer *p, guint timeout_ms);
/* Runs the main loop for @ms */
void        spin            (guint ms);

/* A response's status code (0 for a request) and reason phrase */
int         status_of       (const char *msg);
char       *reason_of       (const char *msg);
/* The value of the first header @name (or of the @nth), NULL if none */
char       *header_nth      (const char *msg, const char *name, guint nth);
char       *header          (const char *msg, const char *name);
guint       header_count    (const char *msg, const char *name);
const char *body_of         (const char *msg);

G_END_DECLS
