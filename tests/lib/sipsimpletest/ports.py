# SPDX-License-Identifier: LGPL-2.1-or-later
"""Free local ports for peers that a test starts on 127.0.0.1.

A port is handed out only if it can be bound right now (for UDP, TCP or
both), and it is then *reserved* until the process exits or
release_port() is called:

* within this process, a port is never handed out twice;
* across processes (other developers' tests run on the same machine), a
  reservation is an flock()ed file in a shared directory, so two test
  processes that use this module never pick the same port at the same
  time (the lock dies with the process, so nothing goes stale);
* ports are picked at random *below* the kernel's ephemeral range, so an
  outgoing connection (of Kamailio, of a client, of anything else) cannot
  grab the port between our check and the peer's bind().

Nothing can stop an unrelated program from binding the port in that
window; callers that start a server should still retry with new ports if
the bind fails (Kamailio does).
"""

import errno
import fcntl
import os
import random
import socket
import tempfile
import threading

__all__ = ["free_port", "free_ports", "release_port", "port_is_free"]

_lock = threading.Lock()
_handed_out = {}  # port -> open reservation file (or None)
_LOCK_DIR = os.path.join(tempfile.gettempdir(), "sipsimpletest-ports")
_FALLBACK_RANGE = (20000, 32000)


def _candidate_range():
    """The range below the ephemeral ports (at least 1024..)."""
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
            low, _high = (int(x) for x in f.read().split())
    except (OSError, ValueError):
        return _FALLBACK_RANGE
    if low - 1 - 10000 >= 2000:
        return (10000, low - 1)
    if low - 1 - 1024 >= 2000:
        return (1024, low - 1)
    return None  # tiny range: let the kernel choose (port 0)


def _family(host):
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def _can_bind(host, port, kind):
    s = socket.socket(_family(host), kind)
    try:
        # No SO_REUSEADDR: a TCP port with connections in TIME_WAIT is
        # refused here, which is what we want (the peer may not use it).
        s.bind((host, port))
        if kind == socket.SOCK_STREAM:
            s.listen(1)
        return s.getsockname()[1]
    except OSError:
        return None
    finally:
        s.close()


def port_is_free(port, proto="both", host="127.0.0.1"):
    """True if port can be bound now for proto ("udp", "tcp", "both")."""
    kinds = _kinds(proto)
    return all(_can_bind(host, port, k) == port for k in kinds)


def _kinds(proto):
    if proto == "udp":
        return [socket.SOCK_DGRAM]
    if proto == "tcp":
        return [socket.SOCK_STREAM]
    if proto == "both":
        return [socket.SOCK_STREAM, socket.SOCK_DGRAM]
    raise ValueError("proto must be 'udp', 'tcp' or 'both', not %r" % (proto,))


def _reserve(port):
    """Take the cross-process reservation of port; None if another holds it."""
    try:
        os.makedirs(_LOCK_DIR, mode=0o1777, exist_ok=True)
        fd = os.open(os.path.join(_LOCK_DIR, "%d.lock" % port), os.O_RDWR | os.O_CREAT, 0o666)
    except OSError:
        return False  # no shared dir: in-process reservation only
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as e:
        os.close(fd)
        if e.errno in (errno.EAGAIN, errno.EACCES):
            return None
        return False
    return fd


def free_port(proto="udp", host="127.0.0.1"):
    """Return a port on host that is free now for proto ("udp", "tcp" or
    "both"), and reserve it (see the module doc)."""
    kinds = _kinds(proto)
    rng = _candidate_range()
    with _lock:
        for _attempt in range(500):
            if rng is None:
                port = _can_bind(host, 0, kinds[0])
                if port is None:
                    continue
            else:
                port = random.randint(*rng)
            if port in _handed_out:
                continue
            if not all(_can_bind(host, port, k) == port for k in kinds):
                continue
            fd = _reserve(port)
            if fd is None:
                continue  # another process holds it
            _handed_out[port] = fd if fd is not False else None
            return port
    raise RuntimeError("no free %s port found on %s" % (proto, host))


def free_ports(n, proto="both", host="127.0.0.1"):
    """Return a list of n distinct ports, each free for proto (default:
    both UDP and TCP)."""
    return [free_port(proto, host) for _ in range(n)]


def release_port(port):
    """Give a reservation back (optional; it ends with the process anyway).
    The port may then be handed out again."""
    with _lock:
        fd = _handed_out.pop(port, None)
    if fd is not None:
        try:
            os.close(fd)
        except OSError:
            pass
