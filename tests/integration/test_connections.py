# SPDX-License-Identifier: LGPL-2.1-or-later
"""TCP limits in sipd (issue 17, finding 5; the Agent's tcp-message-timeout and
tcp-idle-timeout properties), with the timeouts shortened to 2 s: 50 slowloris connections
(half a header, or a body shorter than its Content-Length) are closed after the message
timeout while a client on another connection is still answered; an idle connection is closed,
and so is one that never sent a byte;
the connection of a registered client is kept past the idle timeout and still carries
requests; beyond --max-connections a new connection is refused while an open one is still
served; at the file-descriptor limit sipd does not spin on accept()."""

import os
import re
import socket
import time
import unittest

from sipsimpletest import Sipd
from sipsimpletest.sipclient import new_branch

TIMEOUT = 2          # --tcp-message-timeout and --tcp-idle-timeout of the tests, seconds
SLOWLORIS = 50


def message(method, uri, user, sock, body="", content_length=None, expires=None):
    host, port = sock.getsockname()
    branch = new_branch()
    extra = "Expires: %d\r\n" % expires if expires is not None else ""
    return ("%s %s SIP/2.0\r\n"
            "Via: SIP/2.0/TCP %s:%d;branch=%s\r\n"
            "Max-Forwards: 70\r\n"
            "From: <sip:%s@example.com>;tag=%s\r\n"
            "To: <sip:%s@example.com>\r\n"
            "Call-ID: %s\r\n"
            "CSeq: 1 %s\r\n"
            "Contact: <sip:%s@%s:%d;transport=tcp>\r\n"
            "%s"
            "Content-Length: %d\r\n\r\n%s"
            % (method, uri, host, port, branch, user, branch[-8:], user, branch, method,
               user, host, port, extra,
               len(body) if content_length is None else content_length, body)).encode()


def options_uri(sipd):
    return "sip:%s:%d;transport=tcp" % sipd.server_address("tcp")


def read_response(sock, timeout=5.0):
    sock.settimeout(timeout)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65535)
        if not chunk:
            raise ConnectionError("closed by sipd")
        data += chunk
    return int(re.match(rb"SIP/2.0 (\d+)", data).group(1))


def closed_within(sock, seconds):
    """True if sipd closes (or shuts down) the connection within seconds: whatever it sent
    before (a 400 for a message it gave up) is read and skipped."""
    deadline = time.monotonic() + seconds
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        sock.settimeout(left)
        try:
            if not sock.recv(65535):
                return True
        except socket.timeout:
            return False
        except ConnectionError:
            return True


class ConnectionLimitsTest(unittest.TestCase):

    def start(self, kind="c"):
        sipd = Sipd(kind, quiet=True, transports=("tcp",),
                    extra_args=["--tcp-message-timeout", str(TIMEOUT),
                                "--tcp-idle-timeout", str(TIMEOUT)]).start()
        self.addCleanup(sipd.stop)
        return sipd

    def connect(self, sipd):
        s = socket.create_connection(sipd.server_address("tcp"), timeout=5)
        self.addCleanup(s.close)
        return s

    def slowloris(self, kind):
        sipd = self.start(kind)
        victims = []
        for i in range(SLOWLORIS):
            s = self.connect(sipd)
            if i % 2:
                # a body shorter than its Content-Length
                s.sendall(message("MESSAGE", "sip:bob@example.com", "loris%d" % i, s,
                                  body="hello", content_length=60000))
            else:
                # half a header
                s.sendall(message("OPTIONS", options_uri(sipd), "loris%d" % i, s)[:60])
            victims.append(s)
        # meanwhile another client is answered
        good = self.connect(sipd)
        good.sendall(message("OPTIONS", options_uri(sipd), "good", good))
        self.assertIn(read_response(good) // 100, (2, 4))
        time.sleep(TIMEOUT + 1)
        # half a second per connection is plenty: they were all due at about the same time
        still_open = [i for i, s in enumerate(victims) if not closed_within(s, 0.5)]
        self.assertEqual(still_open, [], "slowloris connections not closed")

    def test_slowloris_c(self):
        self.slowloris("c")

    def test_slowloris_python(self):
        self.slowloris("python")

    def test_idle_connection_closed(self):
        sipd = self.start()
        s = self.connect(sipd)
        s.sendall(message("OPTIONS", options_uri(sipd), "idle", s))
        self.assertIn(read_response(s) // 100, (2, 4))
        self.assertTrue(closed_within(s, TIMEOUT + 3), "idle connection kept open")

    def test_silent_connection_closed(self):
        sipd = self.start()
        s = self.connect(sipd)
        self.assertTrue(closed_within(s, TIMEOUT + 3), "connection that never sent kept open")
        # and sipd still accepts and serves others
        s = self.connect(sipd)
        s.sendall(message("OPTIONS", options_uri(sipd), "after", s))
        self.assertIn(read_response(s) // 100, (2, 4))

    def test_registered_connection_kept(self):
        sipd = self.start()
        s = self.connect(sipd)
        s.sendall(message("REGISTER", "sip:example.com", "alice", s, expires=60))
        self.assertEqual(read_response(s), 200)
        self.assertFalse(closed_within(s, TIMEOUT * 2 + 1), "registered client's connection closed")
        s.sendall(message("OPTIONS", options_uri(sipd), "alice", s))
        self.assertIn(read_response(s) // 100, (2, 4))
        # unregistered: idle again, then closed
        s.sendall(message("REGISTER", "sip:example.com", "alice", s, expires=0))
        self.assertEqual(read_response(s), 200)
        self.assertTrue(closed_within(s, TIMEOUT + 3), "connection kept after unregistering")


    def refused(self, sipd):
        """A new connection is reset (or closed) without an answer to its OPTIONS."""
        try:
            s = self.connect(sipd)
            s.sendall(message("OPTIONS", options_uri(sipd), "late", s))
            read_response(s, timeout=2)
        except (ConnectionError, socket.timeout):
            return True
        return False

    def connection_cap(self, kind):
        sipd = Sipd(kind, quiet=True, transports=("tcp",),
                    extra_args=["--max-connections", "5"]).start()
        self.addCleanup(sipd.stop)
        good = self.connect(sipd)
        good.sendall(message("OPTIONS", options_uri(sipd), "good", good))
        self.assertIn(read_response(good) // 100, (2, 4))
        others = [self.connect(sipd) for _ in range(8)]
        time.sleep(1)       # the count is taken four times a second
        self.assertTrue(self.refused(sipd), "connection beyond the limit accepted")
        # those open are still served
        good.sendall(message("OPTIONS", options_uri(sipd), "good", good))
        self.assertIn(read_response(good) // 100, (2, 4))
        for s in others:
            s.close()
        time.sleep(1.5)     # below the limit again: accepted
        self.assertFalse(self.refused(sipd), "connections refused below the limit")

    def test_connection_cap_c(self):
        self.connection_cap("c")

    def test_connection_cap_python(self):
        self.connection_cap("python")

    def test_descriptor_limit(self):
        """At the file-descriptor limit sipd does not spin on accept() and still serves the
        connections it has."""
        class LimitedSipd(Sipd):
            def command(self):
                return ["prlimit", "--nofile=96"] + super().command()

        sipd = LimitedSipd("c", quiet=True, transports=("tcp",),
                           extra_args=["--max-connections", "0"]).start()
        self.addCleanup(sipd.stop)
        good = self.connect(sipd)
        good.sendall(message("OPTIONS", options_uri(sipd), "good", good))
        self.assertIn(read_response(good) // 100, (2, 4))
        crowd = []
        for _ in range(150):
            try:
                crowd.append(self.connect(sipd))
            except OSError:
                break
        time.sleep(1)
        cpu_before = cpu_seconds(sipd.proc.pid)
        time.sleep(2)
        busy = cpu_seconds(sipd.proc.pid) - cpu_before
        self.assertLess(busy, 0.5, "sipd busy at the descriptor limit (%.2f s of CPU in 2 s):\n%s"
                        % (busy, sipd.log_tail()))
        good.sendall(message("OPTIONS", options_uri(sipd), "good", good))
        self.assertIn(read_response(good) // 100, (2, 4))


def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    unittest.main(verbosity=2)
