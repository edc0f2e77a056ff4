# SPDX-License-Identifier: LGPL-2.1-or-later
"""MSRP from Python: two MsrpSessions on loopback through introspection,
a message each way with its delivery signal, a streamed message, URIs and
their parse errors as GLib.Error."""

import unittest

import gi

gi.require_version("GLib", "2.0")
gi.require_version("Gio", "2.0")
gi.require_version("SipSimple", "1.0")
from gi.repository import Gio, GLib, SipSimple  # noqa: E402

MSRP_ERROR = GLib.quark_to_string(SipSimple.msrp_error_quark())


def run_until(loop_ctx, predicate, timeout=10.0):
    deadline = GLib.get_monotonic_time() + int(timeout * 1e6)
    while not predicate():
        if GLib.get_monotonic_time() > deadline:
            raise AssertionError("timed out")
        loop_ctx.iteration(True)


class MsrpUriTest(unittest.TestCase):
    def test_parse(self):
        uri = SipSimple.MsrpUri.parse("msrps://alice@[::1]:4242/abc.12;tcp;foo=bar")
        self.assertTrue(uri.get_secure())
        self.assertEqual(uri.get_host(), "::1")
        self.assertEqual(uri.get_port(), 4242)
        self.assertEqual(uri.get_session_id(), "abc.12")
        self.assertEqual(uri.get_user(), "alice")
        self.assertEqual(uri.get_parameters(), "foo=bar")
        self.assertEqual(uri.to_string(), "msrps://alice@[::1]:4242/abc.12;tcp;foo=bar")

    def test_error(self):
        with self.assertRaises(GLib.Error) as cm:
            SipSimple.MsrpUri.parse("http://example.com/x;tcp")
        self.assertEqual(cm.exception.domain, MSRP_ERROR)
        self.assertEqual(cm.exception.code, SipSimple.MsrpError.INVALID_URI)

    def test_path(self):
        path = SipSimple.MsrpUri.parse_path("msrp://r.example.com:2855/x;tcp msrp://127.0.0.1:1/y;tcp")
        self.assertEqual([u.get_session_id() for u in path], ["x", "y"])
        self.assertEqual(SipSimple.MsrpUri.path_to_string(path),
                         "msrp://r.example.com:2855/x;tcp msrp://127.0.0.1:1/y;tcp")


class MsrpSessionTest(unittest.TestCase):
    def setUp(self):
        self.ctx = GLib.MainContext.default()

    def prepare(self, session):
        done = []
        session.prepare_async(None, lambda s, r: done.append(s.prepare_finish(r)))
        run_until(self.ctx, lambda: done)

    def test_exchange(self):
        a = SipSimple.MsrpSession.new()
        b = SipSimple.MsrpSession.new()
        self.prepare(a)
        self.prepare(b)
        a.set_remote_path(b.get_local_path())
        b.set_remote_path(a.get_local_path())
        a.props.active = True
        started = []
        a.start_async(None, lambda s, r: started.append(s.start_finish(r)))
        b.start_async(None, lambda s, r: started.append(s.start_finish(r)))
        run_until(self.ctx, lambda: len(started) == 2)
        self.assertEqual(a.props.state, SipSimple.MsrpSessionState.CONNECTED)
        self.assertEqual(b.props.state, SipSimple.MsrpSessionState.CONNECTED)

        received = []
        delivered = []
        b.connect("message-received", lambda s, mid, ct, body: received.append((mid, ct, body.get_data())))
        a.connect("message-delivered", lambda s, mid: delivered.append(mid))
        mid = a.send_message("text/plain", GLib.Bytes.new(b"hello from python"))
        run_until(self.ctx, lambda: received and delivered)
        self.assertEqual(received, [(mid, "text/plain", b"hello from python")])
        self.assertEqual(delivered, [mid])

        # the other way, streamed from a GInputStream in small chunks
        a_received = []
        a.connect("message-received", lambda s, mid, ct, body: a_received.append(body.get_data()))
        b.props.chunk_size = 1024
        data = bytes(range(256)) * 40
        stream = Gio.MemoryInputStream.new_from_bytes(GLib.Bytes.new(data))
        b.send_stream("application/octet-stream", stream, len(data), 0)
        run_until(self.ctx, lambda: a_received)
        self.assertEqual(a_received[0], data)

        closed = []
        b.connect("closed", lambda s, err: closed.append(err))
        a.close()
        run_until(self.ctx, lambda: closed)
        self.assertEqual(closed[0].domain, MSRP_ERROR)
        self.assertEqual(b.props.state, SipSimple.MsrpSessionState.CLOSED)


if __name__ == "__main__":
    unittest.main()
