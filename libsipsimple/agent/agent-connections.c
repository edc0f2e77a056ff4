/* libsipsimple - SipSimpleAgent: the limits of TCP and TLS connections
 *
 * How long a connection may stay idle or take to send a message, how
 * many may be open, and what happens at the file-descriptor limit (see
 * the agent's tcp-idle-timeout, tcp-message-timeout and max-connections
 * properties). A connection with a registration behind it is held open
 * as long as the registration lasts.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "agent-private.h"
#include "agent-object-private.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <glib-unix.h>
#include <linux/tcp.h> /* tcp_info with tcpi_bytes_received */
#include <string.h>
#include <unistd.h>
#include <sofia-sip/su_string.h>
#include <sofia-sip/tport_tag.h>

static void
held_stop (Held *held)
{
  if (held->timeout != NULL)
    {
      g_source_destroy (held->timeout);
      g_clear_pointer (&held->timeout, g_source_unref);
    }
}

void
sip_simple_agent_held_free (Held *held)
{
  held_stop (held);
  tport_unref (held->tport);
  g_free (held);
}

static gboolean
held_expired (gpointer data)
{
  Held *held = data;

  g_hash_table_remove (held->agent->registered, held->tport);
  return G_SOURCE_REMOVE;
}

void
sip_simple_agent_hold_connection (SipSimpleAgent *self, nta_incoming_t *irq, guint seconds)
{
  tport_t *tp;
  Held    *held;

  if (self->core == NULL || irq == NULL)
    return;
  tp = nta_incoming_transport (self->core->nta, irq, NULL);
  if (tp == NULL || !tport_is_reliable (tp) || !tport_is_secondary (tp))
    {
      tport_unref (tp);
      return;
    }
  if (seconds == 0)
    {
      g_hash_table_remove (self->registered, tp);
      tport_unref (tp);
      return;
    }
  held = g_hash_table_lookup (self->registered, tp);
  if (held != NULL)
    {
      tport_unref (tp);
      held_stop (held);
    }
  else
    {
      held = g_new0 (Held, 1);
      held->agent = self;
      held->tport = tp;
      g_hash_table_insert (self->registered, tp, held);
    }
  held->timeout = g_timeout_source_new_seconds (seconds);
  g_source_set_callback (held->timeout, held_expired, held, NULL);
  g_source_set_name (held->timeout, "sipsimple agent registered connection");
  g_source_attach (held->timeout, self->core->loop.context);
}

/* The limits of the connections, on a primary transport (its connections
 * share its parameters) */
void
sip_simple_agent_set_connection_limits (SipSimpleAgent *self, tport_t *tp)
{
  if (!tport_is_reliable (tp))
    return;
  tport_set_params (
      tp, TPTAG_IDLE (self->tcp_idle_timeout ? self->tcp_idle_timeout * 1000 : UINT_MAX),
      TPTAG_TIMEOUT (self->tcp_message_timeout ? self->tcp_message_timeout * 1000 : UINT_MAX),
      TAG_END ());
}

void
sip_simple_agent_update_connection_limits (SipSimpleAgent *self)
{
  for (guint i = 0; i < self->listeners->len; i++)
    sip_simple_agent_set_connection_limits (self, ((Listener *)self->listeners->pdata[i])->tport);
}

/* The connection limit. sofia accepts every connection it can and, at the
 * descriptor limit, spins on accept() (the listening socket stays
 * readable). It neither counts connections nor lets us see them, so the
 * agent counts the sockets of the process bound to the port of one of
 * its stream listeners (four times a second), and while at the limit
 * (max-connections, or the process's descriptor limit near) a source of
 * higher priority than sofia's accepts pending connections itself and
 * resets them, with a descriptor kept in reserve for the case where none
 * is left. Connections already open keep being served. */

#define CONNECTION_CHECK_MS 250
/* descriptors left to the rest of the process at the descriptor limit */
#define FD_MARGIN 32

static guint16
socket_port (int fd, gboolean *listening)
{
  struct sockaddr_storage addr;
  socklen_t               len = sizeof addr;
  int                     type = 0, acceptconn = 0;
  socklen_t               ilen = sizeof type;

  if (getsockopt (fd, SOL_SOCKET, SO_TYPE, &type, &ilen) < 0 || type != SOCK_STREAM)
    return 0;
  ilen = sizeof acceptconn;
  if (getsockopt (fd, SOL_SOCKET, SO_ACCEPTCONN, &acceptconn, &ilen) < 0)
    return 0;
  *listening = acceptconn != 0;
  if (getsockname (fd, (struct sockaddr *)&addr, &len) < 0)
    return 0;
  if (addr.ss_family == AF_INET)
    return g_ntohs (((struct sockaddr_in *)&addr)->sin_port);
  if (addr.ss_family == AF_INET6)
    return g_ntohs (((struct sockaddr_in6 *)&addr)->sin6_port);
  return 0;
}

static gboolean
stream_listener_port (SipSimpleAgent *self, guint16 port)
{
  for (guint i = 0; i < self->listeners->len; i++)
    {
      Listener *l = self->listeners->pdata[i];
      if (l->transport != SIP_SIMPLE_TRANSPORT_UDP && l->port == port)
        return TRUE;
    }
  return FALSE;
}

/* sofia starts a connection's idle timer at its first byte: one that
 * never sent anything would stay open for ever. The kernel knows: such a
 * connection is shut down (sofia then sees it end, and closes it) once it
 * is older than the idle timeout. */
static void
shut_if_silent (SipSimpleAgent *self, int fd)
{
  struct tcp_info info;
  socklen_t       len = sizeof info;

  if (self->tcp_idle_timeout == 0)
    return;
  memset (&info, 0, sizeof info);
  if (getsockopt (fd, IPPROTO_TCP, TCP_INFO, &info, &len) < 0
      || len < G_STRUCT_OFFSET (struct tcp_info, tcpi_bytes_received)
                   + sizeof info.tcpi_bytes_received)
    return;
  if (info.tcpi_bytes_received == 0 && info.tcpi_last_data_recv / 1000 >= self->tcp_idle_timeout)
    shutdown (fd, SHUT_RDWR);
}

/* Walks the descriptors of the process: counts the connections accepted
 * on our stream listeners' ports, and the descriptors open; with
 * @find_listeners, notes the listening socket of each stream listener. */
static guint
scan_descriptors (SipSimpleAgent *self, guint *open_fds, gboolean find_listeners)
{
  g_autoptr (GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;
  guint       connections = 0;

  *open_fds = 0;
  if (dir == NULL)
    {
      /* no descriptor left even to look: as full as it gets */
      *open_fds = G_MAXUINT;
      return 0;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      int      fd = atoi (name);
      gboolean listening = FALSE;
      guint16  port;

      (*open_fds)++;
      if ((port = socket_port (fd, &listening)) == 0 || !stream_listener_port (self, port))
        continue;
      if (!listening)
        {
          connections++;
          shut_if_silent (self, fd);
        }
      else if (find_listeners)
        for (guint i = 0; i < self->listeners->len; i++)
          {
            Listener *l = self->listeners->pdata[i];
            if (l->transport != SIP_SIMPLE_TRANSPORT_UDP && l->port == port && l->fd < 0)
              l->fd = fd;
          }
    }
  return connections;
}

/* Resets one pending connection; FALSE when there is none left */
static gboolean
refuse_one (SipSimpleAgent *self, int listen_fd)
{
  struct linger reset = { 1, 0 };
  struct pollfd pending = { listen_fd, POLLIN, 0 };
  int           fd;

  /* never block, whatever the socket's mode */
  if (poll (&pending, 1, 0) != 1 || !(pending.revents & POLLIN))
    return FALSE;
  fd = accept (listen_fd, NULL, NULL);

  if (fd < 0 && (errno == EMFILE || errno == ENFILE) && self->reserve_fd >= 0)
    {
      close (self->reserve_fd);
      fd = accept (listen_fd, NULL, NULL);
      self->reserve_fd = open ("/dev/null", O_RDONLY | O_CLOEXEC);
    }
  if (fd < 0)
    return errno == EINTR || errno == ECONNABORTED;
  setsockopt (fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
  close (fd);
  return TRUE;
}

static gboolean
refuse_pending (gint fd, GIOCondition condition, gpointer data)
{
  SipSimpleAgent *self = data;

  for (guint i = 0; i < 64 && refuse_one (self, fd); i++)
    ;
  return G_SOURCE_CONTINUE;
}

static void
set_refusing (SipSimpleAgent *self, gboolean refusing)
{
  if (self->refusing == refusing)
    return;
  self->refusing = refusing;
  g_debug ("SIP agent %s new connections", refusing ? "refusing" : "accepting");
  for (guint i = 0; i < self->listeners->len; i++)
    {
      Listener *l = self->listeners->pdata[i];
      if (l->fd < 0 || l->transport == SIP_SIMPLE_TRANSPORT_UDP)
        continue;
      if (refusing && l->refuser == NULL)
        {
          l->refuser = g_unix_fd_source_new (l->fd, G_IO_IN);
          /* before sofia's own accept() */
          g_source_set_priority (l->refuser, G_PRIORITY_HIGH);
          g_source_set_callback (l->refuser, G_SOURCE_FUNC (refuse_pending), self, NULL);
          g_source_set_name (l->refuser, "sipsimple agent connection limit");
          g_source_attach (l->refuser, self->core ? self->core->loop.context : NULL);
        }
      else if (!refusing && l->refuser != NULL)
        {
          g_source_destroy (l->refuser);
          g_clear_pointer (&l->refuser, g_source_unref);
        }
    }
}

static gboolean
check_connections (gpointer data)
{
  SipSimpleAgent *self = data;
  struct rlimit   nofile = { 0 };
  guint           open_fds, connections;
  gboolean        at_limit;

  connections = scan_descriptors (self, &open_fds, FALSE);
  at_limit = self->max_connections > 0 && connections >= self->max_connections;
  if (open_fds == G_MAXUINT
      || (getrlimit (RLIMIT_NOFILE, &nofile) == 0 && nofile.rlim_cur != RLIM_INFINITY
          && open_fds + FD_MARGIN >= nofile.rlim_cur))
    at_limit = TRUE;
  set_refusing (self, at_limit);
  return G_SOURCE_CONTINUE;
}

/* After a stream listener was added: find its socket, start counting */
void
sip_simple_agent_watch_connections (SipSimpleAgent *self)
{
  guint open_fds;

  scan_descriptors (self, &open_fds, TRUE);
  if (self->reserve_fd < 0)
    self->reserve_fd = open ("/dev/null", O_RDONLY | O_CLOEXEC);
  if (self->connection_check_id == 0)
    {
      GSource *timer = g_timeout_source_new (CONNECTION_CHECK_MS);
      g_source_set_callback (timer, check_connections, self, NULL);
      g_source_set_name (timer, "sipsimple agent connection count");
      self->connection_check_id = g_source_attach (timer, self->core->loop.context);
      g_source_unref (timer);
    }
}

void
sip_simple_agent_unwatch_connections (SipSimpleAgent *self)
{
  if (self->connection_check_id != 0)
    {
      GSource *timer = g_main_context_find_source_by_id (
          self->core ? self->core->loop.context : NULL, self->connection_check_id);
      if (timer != NULL)
        g_source_destroy (timer);
      self->connection_check_id = 0;
    }
  set_refusing (self, FALSE);
  if (self->reserve_fd >= 0)
    {
      close (self->reserve_fd);
      self->reserve_fd = -1;
    }
}
