# SPDX-License-Identifier: LGPL-2.1-or-later
"""File transfer (RFC 5547, FileTransferStream) between two SDK accounts
through the project's sipd: a 100 MiB push with its hash checked, a
transfer interrupted mid-way and resumed with a=file-range to a
byte-identical file, a hash mismatch failing, pull mode, and a malformed
file-selector answered with 488."""

import hashlib
import os
import tempfile
import time
import unittest

import gi

from sipsimpletest import Sipd
from sipsimpletest.sdk import GLib, SdkApp, SipSimple, TransferLog, run_until
from sipsimpletest.teststream import TestStream

gi.require_version("GstSdp", "1.0")
from gi.repository import GstSdp  # noqa: E402

USERS = {"alice": "a-pw", "bob": "b-pw"}
MiB = 1024 * 1024


def sha1_selector(data):
    return "sha-1:" + ":".join("%02X" % b for b in hashlib.sha1(data).digest())


def file_sha1(path):
    h = hashlib.sha1()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(MiB), b""):
            h.update(block)
    return h.hexdigest()


class FileTransferTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Sipd("c", users=USERS, transports=("udp", "tcp"))
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.sdk = SdkApp().start(transports=("udp", "tcp"))
        self.alice = self.sdk.add_account("alice@example.com", USERS["alice"],
                                          proxy=self.server.proxy_uri("udp"))
        self.bob = self.sdk.add_account("bob@example.com", USERS["bob"],
                                        proxy=self.server.proxy_uri("tcp"))
        self.sdk.wait_registered(self.alice)
        self.sdk.wait_registered(self.bob)
        self.incoming = []       # (session, stream, TransferLog)
        self.policy = self.receive_into("received.bin")
        self.sdk.app.get_session_manager().connect("new-incoming", self._incoming)

    def tearDown(self):
        self.sdk.stop()
        self.dir.cleanup()

    def path(self, name):
        return os.path.join(self.dir.name, name)

    def make_file(self, name, size):
        data = os.urandom(size)
        with open(self.path(name), "wb") as f:
            f.write(data)
        return data

    def receive_into(self, name):
        def policy(session, stream):
            stream.set_destination_path(self.path(name))
            session.accept([stream])
        return policy

    def _incoming(self, manager, session):
        stream = session.get_proposed_streams()[0]
        self.assertIsInstance(stream, SipSimple.FileTransferStream)
        log = TransferLog(stream)
        self.incoming.append((session, stream, log))
        self.policy(session, stream)

    def call(self, stream, to="bob", account=None):
        session = SipSimple.Session.new(account or self.alice)
        events = []
        session.connect("started", lambda s: events.append("started"))
        session.connect("failed", lambda s, o, c, r, f: events.append("failed %d %s" % (c, f)))
        session.connect("ended", lambda s, o, r: events.append("ended"))
        self.assertTrue(session.connect_to(to, [stream]))
        return session, events

    def push(self, name, range_start=0):
        stream = SipSimple.FileTransferStream.new_for_path(self.path(name), None)
        if range_start:
            stream.set_range_start(range_start)
        log = TransferLog(stream)
        session, events = self.call(stream)
        return session, events, stream, log

    # ------------------------------------------------------------------
    def test_push_100_mib_with_hash(self):
        data = self.make_file("big.bin", 100 * MiB)
        t0 = time.monotonic()
        session, events, stream, log = self.push("big.bin")
        run_until(lambda: self.incoming and self.incoming[-1][2].done() and log.done(), 30, "100 MiB transfer")
        elapsed = time.monotonic() - t0
        bsession, bstream, blog = self.incoming[-1]
        self.assertEqual(blog.failed, [])
        self.assertTrue(blog.finished)
        self.assertTrue(log.finished)
        # what bob saw before accepting: the file selector of the offer
        sel = bstream.get_file_selector()
        self.assertEqual(sel.get_name(), "big.bin")
        self.assertEqual(sel.get_size(), 100 * MiB)
        self.assertEqual(sel.get_hash(), sha1_selector(data))
        self.assertEqual(file_sha1(self.path("received.bin")), hashlib.sha1(data).hexdigest())
        self.assertEqual(blog.progress[-1], (100 * MiB, 100 * MiB))
        self.assertEqual(log.progress[-1], (100 * MiB, 100 * MiB))
        self.assertTrue(len(blog.progress) > 10)
        offer = SipSimple.sdp_to_text(session.get_local_sdp())
        for attr in ("a=sendonly", "a=file-selector:name:\"big.bin\"", "a=file-transfer-id:",
                     "a=file-disposition:attachment", "a=file-date:modification:", "hash:sha-1:"):
            self.assertIn(attr, offer)
        self.assertIn("a=recvonly", SipSimple.sdp_to_text(session.get_remote_sdp()))
        self.assertRegex(offer, r'a=file-date:modification:"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d '
                                r'(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d \+0000"')
        print("100 MiB pushed and verified in %.2f s (%.0f MB/s)" % (elapsed, 100 * MiB / elapsed / 1e6))
        session.end()
        run_until(lambda: "ended" in events, 10, "hang-up")

    def test_interrupted_and_resumed(self):
        size = 24 * MiB
        data = self.make_file("resume.bin", size)
        cut = {}

        def interrupt_at_a_third(session, stream):
            stream.set_destination_path(self.path("partial.bin"))

            def on_progress(s, got, total):
                if got >= size // 3 and not cut:
                    cut["at"] = got
                    session.end()     # the receiver hangs up mid-way
            stream.connect("progress", on_progress)
            session.accept([stream])

        self.policy = interrupt_at_a_third
        session, events, stream, log = self.push("resume.bin")
        run_until(lambda: "ended" in events and log.done(), 20, "interrupted transfer")
        self.assertTrue(log.failed, "the sender's transfer must fail")
        bsession, bstream, blog = self.incoming[-1]
        self.assertTrue(blog.failed)
        self.assertFalse(blog.finished)
        have = os.path.getsize(self.path("partial.bin"))
        # bytes in flight to the disk when the session ended are lost: resume from the file
        self.assertGreater(have, 0)
        self.assertLess(have, size)
        with open(self.path("partial.bin"), "rb") as f:
            self.assertEqual(f.read(), data[:have])

        # resume: alice offers the rest, bob appends to what he has
        def resume_into_partial(session, stream):
            self.assertEqual(stream.get_range_start(), have)
            stream.set_destination_path(self.path("partial.bin"))
            session.accept([stream])

        self.policy = resume_into_partial
        session, events, stream, log = self.push("resume.bin", range_start=have)
        run_until(lambda: len(self.incoming) == 2 and self.incoming[1][2].done() and log.done(), 20,
                  "resumed transfer")
        blog = self.incoming[1][2]
        self.assertEqual(blog.failed, [])
        self.assertTrue(blog.finished and log.finished)
        self.assertIn("a=file-range:%d-%d" % (have + 1, size), SipSimple.sdp_to_text(session.get_local_sdp()))
        self.assertEqual(blog.progress[0][0] > have, True)
        with open(self.path("partial.bin"), "rb") as f:
            self.assertEqual(f.read(), data)
        session.end()

    def test_hash_mismatch_fails(self):
        self.make_file("changing.bin", 2 * MiB)
        stream = SipSimple.FileTransferStream.new_for_path(self.path("changing.bin"), "application/x-test")
        log = TransferLog(stream)

        def corrupt(s, pspec):
            # the file changes after it was hashed and offered
            with open(self.path("changing.bin"), "r+b") as f:
                f.seek(MiB)
                f.write(b"\x00corrupted\x00")
        stream.connect("notify::file-selector", corrupt)
        session, events = self.call(stream)
        run_until(lambda: self.incoming and self.incoming[-1][2].done(), 15, "receiver's verdict")
        blog = self.incoming[-1][2]
        self.assertFalse(blog.finished)
        self.assertEqual(len(blog.failed), 1)
        self.assertIn("does not match its hash", blog.failed[0])
        self.assertEqual(self.incoming[-1][1].get_file_selector().get_content_type(), "application/x-test")

    def test_pull(self):
        data = self.make_file("shared.pdf", 3 * MiB + 17)

        def serve(session, stream):
            self.assertTrue(stream.get_sending())
            sel = stream.get_file_selector()
            self.assertEqual(sel.get_name(), "shared.pdf")
            stream.set_source_path(self.path(sel.get_name()), None)
            session.accept([stream])

        self.policy = serve
        request = SipSimple.FileSelector.new("shared.pdf", -1, None, None)
        stream = SipSimple.FileTransferStream.new_for_request(request)
        stream.set_destination_path(self.path("pulled.pdf"))
        log = TransferLog(stream)
        session, events = self.call(stream, to="alice", account=self.bob)
        run_until(lambda: log.done(), 15, "pulled file")
        self.assertEqual(log.failed, [])
        self.assertTrue(log.finished)
        self.assertFalse(stream.get_sending())
        self.assertEqual(stream.get_file_selector().get_size(), len(data))
        self.assertEqual(stream.get_file_selector().get_hash(), sha1_selector(data))
        with open(self.path("pulled.pdf"), "rb") as f:
            self.assertEqual(f.read(), data)
        self.assertIn("a=recvonly", SipSimple.sdp_to_text(session.get_local_sdp()))
        session.end()

    def test_pull_resumed(self):
        data = self.make_file("big.iso", 2 * 1024 * 1024 + 99)
        have = 777777
        with open(self.path("partial.iso"), "wb") as f:
            f.write(data[:have] + b"stale bytes past the resume point")

        def serve(session, stream):
            self.assertEqual(stream.get_range_start(), have)
            stream.set_source_path(self.path("big.iso"), None)
            session.accept([stream])

        self.policy = serve
        stream = SipSimple.FileTransferStream.new_for_request(SipSimple.FileSelector.new("big.iso", -1, None, None))
        stream.set_destination_path(self.path("partial.iso"))
        stream.set_range_start(have)
        log = TransferLog(stream)
        session, events = self.call(stream, to="alice", account=self.bob)
        run_until(lambda: log.done(), 15, "resumed pull")
        self.assertEqual(log.failed, [])
        self.assertIn("a=file-range:%d-*" % (have + 1), SipSimple.sdp_to_text(session.get_local_sdp()))
        self.assertGreater(log.progress[0][0], have)
        with open(self.path("partial.iso"), "rb") as f:
            self.assertEqual(f.read(), data)
        session.end()

    def test_no_destination_or_bad_selector_gives_488(self):
        self.make_file("x.bin", 1000)
        self.policy = lambda session, stream: session.accept([stream])   # no destination
        session, events, stream, log = self.push("x.bin")
        run_until(lambda: events, 10, "answer")
        self.assertTrue(events[0].startswith("failed 488"), events)

        self.policy = self.receive_into("y.bin")
        session, events = self.call(BadSelector())
        run_until(lambda: events, 10, "answer to a bad selector")
        self.assertTrue(events[0].startswith("failed 488"), events)


class BadSelector(TestStream):
    __gtype_name__ = "SipSimpleTestBadSelector"

    def do_get_media_type(self):
        return "message"

    def do_add_local_media(self, local_sdp, remote_sdp, index):
        _, m = GstSdp.SDPMedia.new()
        m.set_media("message")
        m.set_port_info(9, 1)
        m.set_proto("TCP/MSRP")
        m.add_format("*")
        m.add_attribute("sendonly", None)
        m.add_attribute("accept-types", "*")
        m.add_attribute("path", "msrp://127.0.0.1:9/x;tcp")
        m.add_attribute("file-selector", 'name:"unterminated size:12')
        local_sdp.add_media(m)
        return True


if __name__ == "__main__":
    unittest.main()
