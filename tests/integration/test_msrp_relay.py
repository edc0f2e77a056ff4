# SPDX-License-Identifier: LGPL-2.1-or-later
"""MSRP through a relay (RFC 4976): Kamailio's msrp module started by the
test on 127.0.0.1. Both endpoints authenticate with AUTH (digest), learn
their Use-Path, and then exchange a chat message each way and a 3 MiB
file, byte-identical, through the relay; wrong credentials fail the
prepare step with an AUTH error; a message to an unknown session fails.
Then the same over msrps:// with the relay's certificate checked against
the test CA."""

import hashlib
import os
import time
import unittest

import gi

gi.require_version("GLib", "2.0")
gi.require_version("Gio", "2.0")
gi.require_version("SipSimple", "1.0")
from gi.repository import Gio, GLib, SipSimple  # noqa: E402

from sipsimpletest.kamailio import Kamailio  # noqa: E402

MSRP_ERROR = GLib.quark_to_string(SipSimple.msrp_error_quark())


def run_until(predicate, timeout=20.0):
    ctx = GLib.MainContext.default()
    deadline = time.monotonic() + timeout
    source = GLib.timeout_add(20, lambda: True)
    try:
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError("timed out")
            ctx.iteration(True)
    finally:
        GLib.source_remove(source)


def call_async(start, finish):
    out = []

    def done(obj, result):
        try:
            out.append(finish(result))
        except GLib.Error as e:
            out.append(e)

    start(None, done)
    run_until(lambda: out)
    return out[0]


class MsrpRelayTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.kamailio = Kamailio(users={"alice": "alicepw", "bob": "bobpw"}, transports=("tcp",),
                                msrp_relay=True)
        cls.kamailio.start()
        cls.relay = SipSimple.MsrpUri.parse(cls.kamailio.msrp_relay_uri("tcp"))

    @classmethod
    def tearDownClass(cls):
        cls.kamailio.stop()

    def session(self, user, password):
        s = SipSimple.MsrpSession.new()
        s.set_relay(self.relay, user, password)
        self.addCleanup(s.close)
        return s

    def test_transfer_through_relay(self):
        a = self.session("alice", "alicepw")
        b = self.session("bob", "bobpw")
        self.assertIs(call_async(a.prepare_async, a.prepare_finish), True)
        self.assertIs(call_async(b.prepare_async, b.prepare_finish), True)
        # the relay's Use-Path leads each local path
        pa, pb = a.get_local_path(), b.get_local_path()
        self.assertEqual(len(pa), 2)
        self.assertEqual((pa[0].get_host(), pa[0].get_port()), (self.relay.get_host(), self.relay.get_port()))
        self.assertTrue(pa[0].get_session_id())
        self.assertNotEqual(pa[0].get_session_id(), pb[0].get_session_id())

        a.set_remote_path(pb)
        b.set_remote_path(pa)
        a.props.active = True
        started = []
        for s in (b, a):
            s.start_async(None, lambda s, r: started.append(s.start_finish(r)))
        run_until(lambda: len(started) == 2)
        self.assertEqual(started, [True, True])

        got_b, got_a, delivered, failed = [], [], [], []
        b.connect("message-received", lambda s, mid, ct, body: got_b.append((mid, ct, body)))
        a.connect("message-received", lambda s, mid, ct, body: got_a.append((mid, ct, body)))
        for s in (a, b):
            s.connect("message-delivered", lambda s, mid: delivered.append(mid))
            s.connect("message-failed", lambda s, mid, code, reason: failed.append((mid, code, reason)))

        m1 = a.send_message("text/plain", GLib.Bytes.new(b"hello bob, via the relay"))
        run_until(lambda: got_b and m1 in delivered)
        self.assertEqual(got_b[0][0], m1)
        self.assertEqual(got_b[0][2].get_data(), b"hello bob, via the relay")
        m2 = b.send_message("text/plain", GLib.Bytes.new(b"hi alice"))
        run_until(lambda: got_a and m2 in delivered)
        self.assertEqual(got_a[0][2].get_data(), b"hi alice")

        # a file, streamed in chunks, written to a target as it arrives
        data = os.urandom(3 * 1024 * 1024 + 11)
        target = Gio.MemoryOutputStream.new_resizable()

        def started_cb(s, mid, ct, total):
            if total == len(data):
                s.set_message_target(mid, target)

        b.connect("message-started", started_cb)
        stream = Gio.MemoryInputStream.new_from_bytes(GLib.Bytes.new(data))
        m3 = a.send_stream("application/octet-stream", stream, len(data), 0)
        run_until(lambda: m3 in delivered and len(got_b) == 2, timeout=60)
        self.assertEqual(failed, [])
        self.assertEqual(got_b[1][0], m3)
        self.assertIsNone(got_b[1][2])
        target.close(None)
        received = target.steal_as_bytes().get_data()
        self.assertEqual(len(received), len(data))
        self.assertEqual(hashlib.sha256(received).hexdigest(), hashlib.sha256(data).hexdigest())

    def test_wrong_password(self):
        s = self.session("alice", "not-the-password")
        result = call_async(s.prepare_async, s.prepare_finish)
        self.assertIsInstance(result, GLib.Error)
        self.assertEqual(result.domain, MSRP_ERROR)
        self.assertEqual(result.code, SipSimple.MsrpError.AUTH)

    def test_unknown_session(self):
        # To a session nobody authenticated at the relay: the relay's own
        # 200 is hop-by-hop only, so a message asking for a success report
        # fails when none comes (Kamailio answers 481 to its own hop and
        # sends no failure REPORT).
        a = self.session("alice", "alicepw")
        a.props.report_mode = SipSimple.MsrpReportMode.SUCCESS
        a.props.transaction_timeout = 2
        self.assertIs(call_async(a.prepare_async, a.prepare_finish), True)
        path = SipSimple.MsrpUri.parse_path(
            "msrp://%s:%d/nosuchsession;tcp msrp://127.0.0.1:9/peer;tcp"
            % (self.relay.get_host(), self.relay.get_port()))
        a.set_remote_path(path)
        a.props.active = True
        self.assertIs(call_async(a.start_async, a.start_finish), True)
        failed, delivered = [], []
        a.connect("message-failed", lambda s, mid, code, reason: failed.append((mid, code)))
        a.connect("message-delivered", lambda s, mid: delivered.append(mid))
        mid = a.send_message("text/plain", GLib.Bytes.new(b"anyone?"))
        run_until(lambda: failed, timeout=10)
        self.assertEqual(failed, [(mid, 408)])
        self.assertEqual(delivered, [])


class MsrpTlsRelayTest(unittest.TestCase):
    """The same through msrps:// (Kamailio's TLS port), the relay's
    certificate checked against the test CA (tls-database)."""

    @classmethod
    def setUpClass(cls):
        cls.kamailio = Kamailio(users={"alice": "alicepw", "bob": "bobpw"}, transports=("tls",),
                                msrp_relay=True)
        cls.kamailio.start()
        cls.relay = SipSimple.MsrpUri.parse(cls.kamailio.msrp_relay_uri("tls"))
        cls.database = Gio.TlsFileDatabase.new(cls.kamailio.ca_file)

    @classmethod
    def tearDownClass(cls):
        cls.kamailio.stop()

    def session(self, user, password, database=True):
        s = SipSimple.MsrpSession.new()
        s.set_relay(self.relay, user, password)
        if database:
            s.props.tls_database = self.database
        self.addCleanup(s.close)
        return s

    def test_message_through_tls_relay(self):
        self.assertTrue(self.relay.get_secure())
        a = self.session("alice", "alicepw")
        b = self.session("bob", "bobpw")
        self.assertIs(call_async(a.prepare_async, a.prepare_finish), True)
        self.assertIs(call_async(b.prepare_async, b.prepare_finish), True)
        a.set_remote_path(b.get_local_path())
        b.set_remote_path(a.get_local_path())
        a.props.active = True
        started = []
        for s in (b, a):
            s.start_async(None, lambda s, r: started.append(s.start_finish(r)))
        run_until(lambda: len(started) == 2)
        self.assertEqual(started, [True, True])
        got, delivered = [], []
        b.connect("message-received", lambda s, mid, ct, body: got.append(body.get_data()))
        a.connect("message-delivered", lambda s, mid: delivered.append(mid))
        data = os.urandom(100 * 1024)
        mid = a.send_message("application/octet-stream", GLib.Bytes.new(data))
        run_until(lambda: got and delivered)
        self.assertEqual(delivered, [mid])
        self.assertEqual(got, [data])

    def test_untrusted_relay(self):
        # without the test CA the relay's certificate is refused
        s = self.session("alice", "alicepw", database=False)
        result = call_async(s.prepare_async, s.prepare_finish)
        self.assertIsInstance(result, GLib.Error)
        self.assertEqual(result.code, SipSimple.MsrpError.TLS)


if __name__ == "__main__":
    unittest.main()
