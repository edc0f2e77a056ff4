# SPDX-License-Identifier: LGPL-2.1-or-later
"""IPv6 end to end: SDK accounts on [::1] register, exchange MESSAGEs,
call each other (the tone each side plays checked in the other's
recording), chat and transfer a file over MSRP, through Kamailio on [::1]
and through sipd (C, and once the Python one) on [::1]; what goes on the
wire carries IPv6 literals in brackets (Contact, Via, MSRP paths) and
c=IN IP6 lines. Then a dual-stack sipd (127.0.0.1 and [::1]) with an SDK
account and a baresip phone on IPv6 (audio both ways) and a baresip phone
on IPv4 (signalling crosses, media cannot: refused with 488 by both
sides)."""

import hashlib
import os
import re
import tempfile
import time
import unittest

from sipsimpletest import Baresip, Kamailio, Sipd, audio
from sipsimpletest.sdk import SdkApp, SipSimple, run_until

USERS = {"alice": "a-pw", "bob": "b-pw", "carol": "c-pw"}
SECONDS = 1.5


def sleep_loop(seconds):
    t0 = time.monotonic()
    run_until(lambda: time.monotonic() - t0 >= seconds, seconds + 5, "%.1f s of call" % seconds)


def sdp_text(sdp):
    return SipSimple.sdp_to_text(sdp)


def session_events(session):
    """The list of what happens to @session: "started", "failed CODE
    REASON", "ended"."""
    events = []
    session.connect("started", lambda s: events.append("started"))
    session.connect("failed", lambda s, o, c, r, f: events.append("failed %d %s" % (c, f)))
    session.connect("ended", lambda s, o, r: events.append("ended"))
    return events


class Ipv6Matrix:
    """The matrix against self.server (a Kamailio or Sipd on ::1), mixed
    into a TestCase below."""

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)
        self.sdk = SdkApp().start(ip_address="::1", transports=("udp", "tcp"))
        self.addCleanup(self.sdk.stop)
        self.alice = self.sdk.add_account("alice@example.com", USERS["alice"],
                                          proxy=self.server.proxy_uri("udp"))
        self.bob = self.sdk.add_account("bob@example.com", USERS["bob"],
                                        proxy=self.server.proxy_uri("tcp"))
        self.incoming = []
        self.callee_ice = False
        self.sdk.app.get_session_manager().connect("new-incoming", self._incoming)

    def path(self, name):
        return os.path.join(self.dir.name, name)

    def _incoming(self, manager, session):
        self.incoming.append(session)
        streams = session.get_proposed_streams()
        for s in streams:
            if isinstance(s, SipSimple.AudioStream):
                s.set_input("tone:660")
                s.set_output("file:" + self.path("callee.wav"))
                s.set_ice(self.callee_ice)
            elif isinstance(s, SipSimple.FileTransferStream):
                s.set_destination_path(self.path("received.bin"))
        session.accept(streams)

    def call(self, caller, to, streams):
        session = SipSimple.Session.new(caller)
        events = session_events(session)
        self.assertTrue(session.connect_to(to, streams))
        run_until(lambda: events, 15, "session setup to %s" % to)
        self.assertEqual(events, ["started"])
        return session, events

    def hang_up(self, session, events):
        session.end()
        run_until(lambda: "ended" in events, 10, "hang-up")

    def assert_ipv6_sdp(self, session):
        for sdp in (session.get_local_sdp(), session.get_remote_sdp()):
            text = sdp_text(sdp)
            self.assertIn("c=IN IP6 ::1", text)
            self.assertNotIn("IP4", text)

    # ------------------------------------------------------------------
    def registered(self):
        for account in (self.alice, self.bob):
            contact, _expires = self.sdk.wait_registered(account)
            self.assertRegex(contact, r"^<?sip:[^@]+@\[::1\]:\d+")

    def messages(self):
        self.sdk.send_text(self.alice, "bob@example.com", "hello bob over v6")
        self.assertEqual(self.sdk.wait_messages(self.bob)[0].get_text(), "hello bob over v6")
        self.sdk.send_text(self.bob, "alice@example.com", "hi alice over v6")
        self.assertEqual(self.sdk.wait_messages(self.alice)[0].get_text(), "hi alice over v6")
        # what a raw UA on [::1] gets: every Via and Record-Route of the
        # SDK and the server with a bracketed IPv6 literal
        with self.server.client("carol", "udp") as carol:
            self.assertEqual(carol.register().code, 200)
            carol.auto_answer("MESSAGE", 200)
            self.sdk.send_text(self.alice, "carol@example.com", "raw over v6")
            req = carol.wait_request("MESSAGE")
            self.assertEqual(req.body, b"raw over v6")
            vias = req.header_values("Via")
            self.assertEqual(len(vias), 2, vias)
            for via in vias:
                self.assertRegex(via, r"^SIP/2.0/(UDP|TCP) \[::1\]:\d+;")
            for rr in req.header_values("Record-Route"):
                self.assertRegex(rr, r"^<sip:\[::1\]:\d+;")
            self.assertEqual(req.header("From").split(";")[0], "<sip:alice@example.com>")

    def audio_call(self, ice=False):
        stream = SipSimple.AudioStream.new()
        stream.set_input("tone:440")
        stream.set_output("file:" + self.path("caller.wav"))
        stream.set_ice(ice)
        self.callee_ice = ice
        session, events = self.call(self.alice, "bob", [stream])
        self.assert_ipv6_sdp(session)
        if ice:
            # candidates only on the engine's address, both ways
            for sdp in (session.get_local_sdp(), session.get_remote_sdp()):
                candidates = re.findall(r"a=candidate:\S+ \d UDP \d+ (\S+) \d+ typ host",
                                        sdp_text(sdp))
                self.assertEqual(set(candidates), {"::1"}, sdp_text(sdp))
        sleep_loop(SECONDS + 0.3)
        self.hang_up(session, events)
        for name, freq in (("callee.wav", 440), ("caller.wav", 660)):
            rec = audio.read_wav(self.path(name))
            self.assertAlmostEqual(audio.dominant_frequency(rec), freq, delta=3, msg=name)
            self.assertGreaterEqual(audio.tone_duration(rec, freq), 0.8 * SECONDS, name)

    def chat(self):
        chat = SipSimple.ChatStream.new()
        got = []
        chat.connect("message-received", lambda s, i, sender, ct, body, when: got.append(body))
        session, events = self.call(self.alice, "bob", [chat])
        offer, answer = sdp_text(session.get_local_sdp()), sdp_text(session.get_remote_sdp())
        self.assertIn("a=path:msrp://[::1]:", offer)
        self.assertIn("a=path:msrp://[::1]:", answer)
        self.assert_ipv6_sdp(session)
        bchat = self.incoming[-1].get_streams()[0]
        bgot = []
        bchat.connect("message-received", lambda s, i, sender, ct, body, when: bgot.append(body))
        run_until(lambda: bchat.get_state() == SipSimple.MediaStreamState.RUNNING, 5, "bob's chat")
        delivered = []
        chat.connect("message-delivered", lambda s, i: delivered.append(i))
        mid = chat.send_message("text/plain", "chat over v6")
        run_until(lambda: bgot and mid in delivered, 10, "chat message to bob")
        bchat.send_message("text/plain", "chat back")
        run_until(lambda: got, 10, "chat message to alice")
        self.assertEqual((bgot, got), (["chat over v6"], ["chat back"]))
        self.hang_up(session, events)

    def file_transfer(self):
        data = os.urandom(3 * 1024 * 1024 + 17)
        with open(self.path("sent.bin"), "wb") as f:
            f.write(data)
        stream = SipSimple.FileTransferStream.new_for_path(self.path("sent.bin"), None)
        done = []
        stream.connect("finished", lambda s: done.append("finished"))
        stream.connect("failed", lambda s, e: done.append("failed " + e.message))
        session, events = self.call(self.alice, "bob", [stream])
        self.assertIn("a=path:msrp://[::1]:", sdp_text(session.get_local_sdp()))
        self.assert_ipv6_sdp(session)
        bstream = self.incoming[-1].get_streams()[0]
        bdone = []
        bstream.connect("finished", lambda s: bdone.append("finished"))
        bstream.connect("failed", lambda s, e: bdone.append("failed " + e.message))
        run_until(lambda: done and bdone, 20, "file transfer")
        self.assertEqual((done, bdone), (["finished"], ["finished"]))
        with open(self.path("received.bin"), "rb") as f:
            self.assertEqual(hashlib.sha1(f.read()).hexdigest(), hashlib.sha1(data).hexdigest())
        if "ended" not in events:
            self.hang_up(session, events)

    def run_matrix(self, ice=False):
        self.registered()
        self.messages()
        self.audio_call(ice=ice)
        self.chat()
        self.file_transfer()


class KamailioIpv6Test(Ipv6Matrix, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Kamailio(users=USERS, transports=("udp", "tcp"), address="::1")
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def test_matrix(self):
        self.run_matrix(ice=True)
        # the registrar stored contacts and sources with bracketed literals
        for user in ("alice", "bob"):
            for binding in self.server.registrations(user):
                self.assertRegex(binding["contact"], r"^sip:%s@\[::1\]:\d+" % user)
                self.assertRegex(binding["received"], r"^sip:\[::1\]:\d+")


class SipdIpv6Test(Ipv6Matrix, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Sipd("c", users=USERS, transports=("udp", "tcp"), address="::1")
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def test_matrix(self):
        self.run_matrix()
        # the log writes the source as --listen takes it
        for t in ("udp", "tcp"):
            self.server.wait_log(r"REGISTER .* src=%s:\[::1\]:\d+ -> 200" % t)


class PythonSipdIpv6Test(Ipv6Matrix, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Sipd("python", users=USERS, transports=("udp", "tcp"), address="::1")
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def test_register_message_and_call(self):
        self.registered()
        self.messages()
        self.audio_call()
        # (the INVITE with credentials is too large for UDP: it goes over TCP)
        self.server.wait_log(r"INVITE sip:bob@example.com .* src=(udp|tcp):\[::1\]:\d+ -> 200")


class DualStackTest(unittest.TestCase):
    """sipd on 127.0.0.1 and [::1] (the IPv4 listeners first): an SDK
    account on IPv6, baresip phones on IPv6 and on IPv4. Calls between the
    IPv6 ones carry audio both ways through it. Between families the
    signalling crosses, each side sees the other's address family in the
    SDP, and media cannot flow without a relay (there is none): the side
    that receives an offer it cannot reach refuses it with 488, baresip as
    the SDK (RFC 6157 section 5)."""

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)
        # baresip 1.0 (libre) gives up on a SHA-256 challenge: offer MD5
        self.server = Sipd("c", users=USERS, transports=("udp", "tcp"),
                           address=("127.0.0.1", "::1"), extra_args=["--auth-algorithm", "MD5"])
        self.server.start()
        self.addCleanup(self.server.stop)
        self.carol = Baresip("carol", USERS["carol"], tone=880,
                             proxy=self.server.proxy_uri("udp", "127.0.0.1")).start()
        self.addCleanup(self.carol.stop)
        self.bob = Baresip("bob", USERS["bob"], tone=440, address="::1",
                           proxy=self.server.proxy_uri("udp", "::1")).start()
        self.addCleanup(self.bob.stop)
        self.sdk = SdkApp().start(ip_address="::1", transports=("udp", "tcp"))
        self.addCleanup(self.sdk.stop)
        self.alice = self.sdk.add_account("alice@example.com", USERS["alice"],
                                          proxy=self.server.proxy_uri("udp", "::1"))
        self.carol.wait_registered()
        self.bob.wait_registered()
        self.sdk.wait_registered(self.alice)
        self.incoming = []
        self.sdk.app.get_session_manager().connect("new-incoming", self._incoming)

    def path(self, name):
        return os.path.join(self.dir.name, name)

    def _incoming(self, manager, session):
        events = session_events(session)
        self.incoming.append((session, events))
        stream = session.get_proposed_streams()[0]
        stream.set_input("tone:660")
        stream.set_output("file:" + self.path("alice-in.wav"))
        session.accept([stream])

    def call(self, to):
        stream = SipSimple.AudioStream.new()
        stream.set_input("tone:660")
        stream.set_output("file:" + self.path("alice-out.wav"))
        session = SipSimple.Session.new(self.alice)
        events = session_events(session)
        self.assertTrue(session.connect_to(to, [stream]))
        return session, events

    def check_audio(self, phone, recording, phone_tone):
        rec = audio.read_wav(self.path(recording))
        self.assertAlmostEqual(audio.dominant_frequency(rec), phone_tone, delta=3)
        self.assertGreaterEqual(audio.tone_duration(rec, phone_tone), 0.8 * SECONDS)
        self.assertEqual(phone.dominant_tone()[0], 660)

    def test_ipv6_calls_with_audio(self):
        # the SDK calls the IPv6 phone: sipd forwards to [::1] although its
        # first UDP listener is IPv4
        mark = len(self.bob.events)
        session, events = self.call("bob")
        # (the main loop runs while waiting: it sends the INVITE)
        run_until(lambda: "CALL_INCOMING" in self.bob.event_types()[mark:], 10, "bob ringing")
        self.bob.accept()
        run_until(lambda: events, 10, "call to bob")
        self.assertEqual(events, ["started"])
        self.assertIn("c=IN IP6 ::1", sdp_text(session.get_remote_sdp()))
        sleep_loop(SECONDS + 0.3)
        session.end()
        run_until(lambda: "ended" in events, 10, "hang-up")
        run_until(lambda: "CALL_CLOSED" in self.bob.event_types()[mark:], 10, "bob hanging up")
        self.check_audio(self.bob, "alice-out.wav", 440)

        # the IPv6 phone calls the SDK
        mark = len(self.bob.events)
        self.bob.dial("sip:alice@example.com")
        run_until(lambda: self.incoming and self.incoming[0][1], 10, "call from bob")
        session, events = self.incoming[0]
        self.assertEqual(events, ["started"])
        self.assert_ipv6_answer(session)
        sleep_loop(SECONDS + 0.3)
        self.bob.hangup()
        run_until(lambda: "ended" in events, 10, "hang-up by bob")
        self.check_audio(self.bob, "alice-in.wav", 440)
        self.server.wait_log(r"INVITE sip:bob@example.com .*src=\w+:\[::1\]:\d+ -> 200")
        self.server.wait_log(r"INVITE sip:alice@example.com.*src=udp:\[::1\]:\d+ -> 200")

    def assert_ipv6_answer(self, session):
        self.assertIn("c=IN IP6 ::1", sdp_text(session.get_local_sdp()))
        self.assertIn("c=IN IP6 ::1", sdp_text(session.get_remote_sdp()))

    def test_across_families(self):
        # IPv6 SDK -> IPv4 phone: the INVITE crosses, baresip refuses the
        # IPv6 offer it cannot reach
        session, events = self.call("carol")
        run_until(lambda: events, 10, "answer of carol")
        self.assertEqual(events, ["failed 488 Not Acceptable Here"])
        self.assertIn("c=IN IP6 ::1", sdp_text(session.get_local_sdp()))
        self.assertIn("SDP offer AF not available (AF_INET6)", self.carol.log())
        self.server.wait_log(r"INVITE sip:carol@example.com .*src=\w+:\[::1\]:\d+ -> 488")

        # IPv4 phone -> IPv6 SDK: the INVITE crosses the other way; the SDK
        # reads the IPv4 offer and refuses it the same way
        mark = len(self.carol.events)
        self.carol.dial("sip:alice@example.com")
        run_until(lambda: self.incoming and self.incoming[0][1], 10, "call from carol")
        session, events = self.incoming[0]
        self.assertEqual(events, ["failed 488 Incompatible network address format: the audio media "
                                  "of the peer is on 127.0.0.1, ours on ::1"])
        run_until(lambda: "CALL_CLOSED" in self.carol.event_types()[mark:], 10, "carol's call closed")
        self.server.wait_log(r"INVITE sip:alice@example.com.*src=udp:127.0.0.1:\d+ -> 488")

if __name__ == "__main__":
    unittest.main(verbosity=2)
