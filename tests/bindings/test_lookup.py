#!/usr/bin/python3
# SipSimple.Lookup from Python: RFC 3263 lookups against a tiny DNS
# responder that runs in a thread on 127.0.0.1, through a GLib main loop.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import gc
import socket
import struct
import threading
import unittest

import gi

gi.require_version("GLib", "2.0")
gi.require_version("Gio", "2.0")
gi.require_version("SipSimple", "1.0")
from gi.repository import GLib, Gio, SipSimple  # noqa: E402

TYPE_A, TYPE_AAAA, TYPE_SRV, TYPE_NAPTR = 1, 28, 33, 35
NXDOMAIN = 3


def encode_name(name):
    out = b""
    for label in name.rstrip(".").split("."):
        out += bytes([len(label)]) + label.encode("ascii")
    return out + b"\0"


def a_rdata(address):
    return socket.inet_pton(socket.AF_INET, address)


def srv_rdata(priority, weight, port, target):
    return struct.pack("!HHH", priority, weight, port) + encode_name(target)


class Responder:
    """Answers DNS queries over UDP from a dict {(name, type): [(type, rdata)]}.

    Names without any record get NXDOMAIN. Additional records for a name
    are listed in `additional` as {(name, type): [(owner, type, rdata)]}.
    """

    def __init__(self, records, additional=None):
        self.records = records
        self.additional = additional or {}
        self.queries = []
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.running = True
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    @property
    def address(self):
        return "127.0.0.1:%d" % self.port

    def stop(self):
        self.running = False
        self.thread.join()
        self.sock.close()

    def serve(self):
        while self.running:
            try:
                data, peer = self.sock.recvfrom(4096)
            except socket.timeout:
                continue
            answer = self.answer(data)
            if answer is not None:
                self.sock.sendto(answer, peer)

    def answer(self, data):
        if len(data) < 12:
            return None
        qid, _flags, qdcount = struct.unpack("!HHH", data[:6])
        if qdcount != 1:
            return None
        pos, labels = 12, []
        while data[pos] != 0:
            length = data[pos]
            labels.append(data[pos + 1:pos + 1 + length].decode("ascii"))
            pos += 1 + length
        qtype = struct.unpack("!H", data[pos + 1:pos + 3])[0]
        question = data[12:pos + 5]
        name = ".".join(labels).lower()
        self.queries.append((name, qtype))

        known = any(key[0] == name for key in self.records)
        answers = self.records.get((name, qtype), [])
        extra = self.additional.get((name, qtype), [])
        rcode = 0 if known else NXDOMAIN
        header = struct.pack("!HHHHHH", qid, 0x8580 | rcode, 1, len(answers), 0, len(extra))
        body = b""
        for rtype, rdata in answers:
            # owner name: a compression pointer to the question
            body += struct.pack("!HHHIH", 0xC00C, rtype, 1, 60, len(rdata)) + rdata
        for owner, rtype, rdata in extra:
            body += encode_name(owner) + struct.pack("!HHIH", rtype, 1, 60, len(rdata)) + rdata
        return header + question + body


class LookupTest(unittest.TestCase):
    def setUp(self):
        self.responder = Responder(
            records={
                ("example.test", TYPE_A): [(TYPE_A, a_rdata("127.0.0.98"))],
                ("_sip._udp.example.test", TYPE_SRV): [
                    (TYPE_SRV, srv_rdata(10, 0, 5060, "sip1.example.test"))
                ],
                ("_sip._tcp.example.test", TYPE_SRV): [
                    (TYPE_SRV, srv_rdata(10, 0, 5070, "sip2.example.test"))
                ],
                ("sip1.example.test", TYPE_A): [(TYPE_A, a_rdata("127.0.0.2"))],
                ("sip2.example.test", TYPE_A): [(TYPE_A, a_rdata("127.0.0.3"))],
            },
            additional={
                ("_sip._udp.example.test", TYPE_SRV): [
                    ("sip1.example.test", TYPE_A, a_rdata("127.0.0.2"))
                ],
            },
        )
        self.lookup = SipSimple.Lookup(
            nameservers=[self.responder.address], timeout=1000, search_hosts_file=False
        )
        self.loop = GLib.MainLoop()

    def tearDown(self):
        self.responder.stop()

    def run_async(self, start, finish, *args):
        """Runs start(*args, cancellable, callback) and returns finish(result)."""
        outcome = {}

        def done(source, result):
            try:
                outcome["value"] = finish(result)
            except GLib.Error as error:
                outcome["error"] = error
            self.loop.quit()

        start(*args, None, done)
        timeout = GLib.timeout_add_seconds(20, self.loop.quit)
        self.loop.run()
        GLib.source_remove(timeout)
        self.assertTrue(outcome, "the lookup never finished")
        if "error" in outcome:
            raise outcome["error"]
        return outcome["value"]

    def lookup_sip(self, text, transports=None):
        uri = SipSimple.Uri.parse(text)
        return self.run_async(
            self.lookup.resolve_uri_async, self.lookup.resolve_uri_finish, uri, transports
        )

    def test_properties(self):
        self.assertEqual(self.lookup.props.nameservers, [self.responder.address])
        self.assertEqual(self.lookup.props.timeout, 1000)
        self.assertFalse(self.lookup.props.search_hosts_file)
        default = SipSimple.Lookup.new()
        self.assertEqual(default.get_timeout(), 2000)
        self.assertTrue(default.get_search_hosts_file())
        self.assertGreater(len(default.get_nameservers()), 0)

    def test_srv_routes(self):
        routes = self.lookup_sip("sip:alice@example.test")
        self.assertEqual([r.to_string() for r in routes], ["udp:127.0.0.2:5060", "tcp:127.0.0.3:5070"])
        first = routes[0]
        self.assertIsInstance(first, SipSimple.Route)
        self.assertEqual(first.get_address(), "127.0.0.2")
        self.assertEqual(first.get_port(), 5060)
        self.assertEqual(first.get_transport(), "udp")
        self.assertEqual(first.to_uri_string(), "sip:127.0.0.2:5060;transport=udp")
        self.assertTrue(first.equal(SipSimple.Route.new("127.0.0.2", 5060, "udp")))
        self.assertIn(("example.test", TYPE_NAPTR), self.responder.queries)
        # sip1's address came in the additional section, sip2's did not.
        self.assertNotIn(("sip1.example.test", TYPE_A), self.responder.queries)
        self.assertIn(("sip2.example.test", TYPE_A), self.responder.queries)

    def test_transport_filter(self):
        routes = self.lookup_sip("sip:example.test", ["tcp"])
        self.assertEqual([r.to_string() for r in routes], ["tcp:127.0.0.3:5070"])

    def test_routes_outlive_the_lookup(self):
        # The routes belong to Python once returned: no double free, no leak
        # of the container (transfer container with an owning array).
        for _ in range(20):
            routes = self.lookup_sip("sip:example.test:5080")
        del self.lookup
        gc.collect()
        self.assertEqual([r.to_string() for r in routes], ["udp:127.0.0.98:5080"])

    def test_numeric(self):
        routes = self.lookup_sip("sips:[::1]:5063")
        self.assertEqual([r.to_string() for r in routes], ["tls:[::1]:5063"])
        self.assertEqual(routes[0].to_uri_string(), "sips:[::1]:5063")
        self.assertEqual(self.responder.queries, [])

    def test_unknown_name(self):
        with self.assertRaises(GLib.Error) as caught:
            self.lookup_sip("sip:nowhere.test")
        error = caught.exception
        self.assertEqual(error.domain, GLib.quark_to_string(SipSimple.engine_error_quark()))
        self.assertEqual(error.code, SipSimple.EngineError.DNS)
        self.assertIn("nowhere.test", error.message)

    def test_lookup_host(self):
        addresses = self.run_async(
            self.lookup.resolve_host_async, self.lookup.resolve_host_finish, "sip2.example.test"
        )
        self.assertEqual(addresses, ["127.0.0.3"])

    def test_cancel(self):
        cancellable = Gio.Cancellable()
        outcome = {}
        silent = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        silent.bind(("127.0.0.1", 0))
        try:
            self.lookup.props.nameservers = ["127.0.0.1:%d" % silent.getsockname()[1]]

            def done(source, result):
                try:
                    source.resolve_uri_finish(result)
                except GLib.Error as error:
                    outcome["error"] = error
                self.loop.quit()

            uri = SipSimple.Uri.parse("sip:example.test")
            self.lookup.resolve_uri_async(uri, None, cancellable, done)
            GLib.timeout_add(50, cancellable.cancel)
            guard = GLib.timeout_add_seconds(10, self.loop.quit)
            self.loop.run()
            GLib.source_remove(guard)
        finally:
            silent.close()
        self.assertTrue(outcome["error"].matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED))


if __name__ == "__main__":
    unittest.main(verbosity=2)
