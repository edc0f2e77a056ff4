# SPDX-License-Identifier: LGPL-2.1-or-later
"""A Redis server for tests: Debian's redis-server on 127.0.0.1, a free
port, no persistence (--save ""), in a temporary directory.

    with Redis() as r:
        r.uri(1)                      # "redis://127.0.0.1:PORT/1"
        r.command("KEYS", "*")        # a small RESP client for checks
        r.kill(); r.start()           # dies (SIGKILL), comes back on the same port

It is always stopped (with, atexit, parent-death signal).
"""

import os
import shutil
import socket
import subprocess
import tempfile
import time

from . import ports as _ports
from .dbserver import DatabaseServer
from .sipd import _die_with_parent      # SIGTERM when the test dies: redis-server exits

__all__ = ["Redis", "RedisError"]

class RedisError(RuntimeError):
    pass


class Redis(DatabaseServer):
    def __init__(self, startup_timeout=10.0):
        super().__init__(startup_timeout)

    def uri(self, db=0):
        return "redis://%s:%d/%d" % (self.address, self.port, db)

    def start(self):
        """Starts the server; again after kill() or stop(), on the same port."""
        if self.port is None:
            self.port = _ports.free_port("tcp", self.address)
        if self.dir is None:
            self.dir = tempfile.mkdtemp(prefix="sipsimpletest-redis-")
        exe = shutil.which("redis-server")
        if exe is None:
            raise RedisError("redis-server not found (Debian package redis-server)")
        self.proc = subprocess.Popen(
            [exe, "--port", str(self.port), "--bind", self.address, "--save", "",
             "--appendonly", "no", "--dir", self.dir, "--loglevel", "warning"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True, preexec_fn=_die_with_parent)
        self._started()
        deadline = time.monotonic() + self.startup_timeout
        while True:
            try:
                if self.command("PING") == "PONG":
                    return self
            except OSError:
                pass
            if self.proc.poll() is not None:
                raise RedisError("redis-server exited with %s" % self.proc.returncode)
            if time.monotonic() > deadline:
                raise RedisError("redis-server does not answer on port %d" % self.port)
            time.sleep(0.05)

    def kill(self):
        """Dies at once (SIGKILL), as a crashed server; start() brings it back."""
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait(5)

    def stop(self):
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)
        self._stopped()
        if self.dir:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None
        if self.port is not None:
            _ports.release_port(self.port)

    def command(self, *args, db=0, timeout=2.0):
        """Sends one command (after SELECT db) and returns the reply: str,
        int, list or None; an error reply raises RedisError."""
        def encode(parts):
            out = b"*%d\r\n" % len(parts)
            for p in parts:
                p = p if isinstance(p, bytes) else str(p).encode()
                out += b"$%d\r\n%s\r\n" % (len(p), p)
            return out

        with socket.create_connection((self.address, self.port), timeout) as s:
            f = s.makefile("rb")
            if db:
                s.sendall(encode(["SELECT", db]))
                self._read(f)
            s.sendall(encode(args))
            return self._read(f)

    def _read(self, f):
        line = f.readline()
        if not line:
            raise OSError("connection closed")
        kind, rest = line[:1], line[1:-2]
        if kind == b"+":
            return rest.decode()
        if kind == b"-":
            raise RedisError(rest.decode())
        if kind == b":":
            return int(rest)
        if kind == b"$":
            n = int(rest)
            if n < 0:
                return None
            data = f.read(n + 2)[:-2]
            return data.decode(errors="replace")
        if kind == b"*":
            n = int(rest)
            return None if n < 0 else [self._read(f) for _ in range(n)]
        raise RedisError("unexpected reply %r" % line)
