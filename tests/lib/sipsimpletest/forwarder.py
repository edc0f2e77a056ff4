# SPDX-License-Identifier: LGPL-2.1-or-later
"""A TCP forwarder that a test can cut, to drop connections mid-way.

    with TcpForwarder(("127.0.0.1", relay_port)) as fwd:
        uri = "msrp://127.0.0.1:%d;tcp" % fwd.port   # clients connect here
        ...
        fwd.cut()          # every open connection drops at once (RST)
        ...                # new connections are forwarded again

Each accepted connection is relayed byte for byte to the target over a
connection of its own; one thread runs every connection. cut() is what a
NAT box or a broken network does to established connections: both ends
see them reset (or closed with reset=False), the listening port stays.
"""

import selectors
import socket
import struct
import threading

from . import ports as _ports

__all__ = ["TcpForwarder"]


class TcpForwarder:
    def __init__(self, target, address="127.0.0.1"):
        self.target = tuple(target)
        self.address = address
        self.port = None
        self.accepted = 0         # connections accepted so far
        self.forwarded = 0        # bytes relayed, both directions
        self.cuts = 0
        self._listener = None
        self._thread = None
        self._pairs = {}          # socket -> its other end
        self._pending = {}        # socket -> bytes still to write to it
        self._lock = threading.Lock()
        self._requests = []       # cut() calls from other threads: (reset, done, result)
        self._wake_r = self._wake_w = None
        self._stopping = False

    # life cycle ---------------------------------------------------------------------
    def start(self):
        self.port = _ports.free_port("tcp", self.address)
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind((self.address, self.port))
        self._listener.listen(16)
        self._listener.setblocking(False)
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._thread = threading.Thread(target=self._run, name="TcpForwarder", daemon=True)
        self._thread.start()
        return self

    def stop(self):
        if self._thread is None:
            return
        self._stopping = True
        self._wake()
        self._thread.join(5)
        self._thread = None
        self._listener.close()
        self._wake_r.close()
        self._wake_w.close()
        _ports.release_port(self.port)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # faults -------------------------------------------------------------------------
    def cut(self, reset=True, timeout=5.0):
        """Drop every open connection (both sides) and return how many
        were open; with reset=True the ends get a TCP RST, else a FIN."""
        done = threading.Event()
        box = {}
        with self._lock:
            self._requests.append((reset, done, box))
        self._wake()
        if not done.wait(timeout):
            raise RuntimeError("the forwarder thread did not cut in time")
        return box["count"]

    @property
    def open_connections(self):
        with self._lock:
            return len(self._pairs) // 2

    # the thread ---------------------------------------------------------------------
    def _wake(self):
        try:
            self._wake_w.send(b"x")
        except OSError:
            pass

    def _run(self):
        sel = selectors.DefaultSelector()
        sel.register(self._listener, selectors.EVENT_READ, "accept")
        sel.register(self._wake_r, selectors.EVENT_READ, "wake")
        try:
            while not self._stopping:
                for key, mask in sel.select(1.0):
                    if key.data == "accept":
                        self._accept(sel)
                    elif key.data == "wake":
                        self._handle_wake(sel)
                    else:
                        self._pump(sel, key.fileobj, mask)
        finally:
            for s in list(self._pairs):
                self._close(sel, s, reset=False)
            sel.close()

    def _accept(self, sel):
        try:
            client, _ = self._listener.accept()
        except BlockingIOError:
            return
        try:
            upstream = socket.create_connection(self.target, timeout=5)
        except OSError:
            self._close_one(client, reset=True)
            return
        for s in (client, upstream):
            s.setblocking(False)
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self._lock:
            self._pairs[client] = upstream
            self._pairs[upstream] = client
            self.accepted += 1
        sel.register(client, selectors.EVENT_READ, "pump")
        sel.register(upstream, selectors.EVENT_READ, "pump")

    def _handle_wake(self, sel):
        try:
            while self._wake_r.recv(64):
                pass
        except BlockingIOError:
            pass
        with self._lock:
            requests, self._requests = self._requests, []
        for reset, done, box in requests:
            with self._lock:
                box["count"] = len(self._pairs) // 2
            for s in list(self._pairs):
                self._close(sel, s, reset)
            self.cuts += 1
            done.set()

    def _pump(self, sel, s, events):
        other = self._pairs.get(s)
        if other is None:
            return
        if events & selectors.EVENT_WRITE:
            self._flush(sel, s)
        if events & selectors.EVENT_READ and s in self._pairs and not self._pending.get(other):
            try:
                data = s.recv(65536)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                data = b""
            if not data:
                self._close(sel, s, reset=False)
                return
            with self._lock:
                self.forwarded += len(data)
            self._pending[other] = data
            self._flush(sel, other)

    def _flush(self, sel, s):
        """Writes what waits for s. While something waits, the other end is
        not read (back-pressure) and s is watched for writability."""
        data = self._pending.get(s, b"")
        if data:
            try:
                data = data[s.send(data):]
            except (BlockingIOError, InterruptedError):
                pass
            except OSError:
                self._close(sel, s, reset=True)
                return
        self._pending[s] = data
        self._watch(sel, s)
        self._watch(sel, self._pairs[s])

    def _watch(self, sel, s):
        events = 0
        if not self._pending.get(self._pairs[s]):
            events |= selectors.EVENT_READ
        if self._pending.get(s):
            events |= selectors.EVENT_WRITE
        try:
            if events:
                sel.modify(s, events, "pump")
            else:
                sel.unregister(s)
        except KeyError:
            if events:
                sel.register(s, events, "pump")

    def _close(self, sel, s, reset):
        with self._lock:
            other = self._pairs.pop(s, None)
            if other is not None:
                self._pairs.pop(other, None)
        for x in (s, other):
            if x is None:
                continue
            self._pending.pop(x, None)
            try:
                sel.unregister(x)
            except (KeyError, ValueError):
                pass
            self._close_one(x, reset)

    @staticmethod
    def _close_one(s, reset):
        if reset:
            try:
                # SO_LINGER with a zero timeout: close() sends RST
                s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            except OSError:
                pass
        try:
            s.close()
        except OSError:
            pass
