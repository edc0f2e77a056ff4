# SPDX-License-Identifier: LGPL-2.1-or-later
"""Chat (MSRP ChatStream) between two SDK accounts through the project's
sipd: CPIM and is-composing both ways, IMDN, a burst of 1,000 messages
delivered in order, audio and chat in one INVITE, chat added to an audio
call by re-INVITE, messages queued before the connection, and a message
in flight when the peer hangs up ending in message-failed."""

import time
import unittest

from sipsimpletest import Sipd
from sipsimpletest.certs import shared_certs
from sipsimpletest.sdk import GLib, SdkApp, SipSimple, run_until
from sipsimpletest.teststream import TestStream

import gi
gi.require_version("GstSdp", "1.0")
from gi.repository import Gio, GstSdp  # noqa: E402


def use_tls(stream):
    """MSRP over TLS for @stream, with the test certificate (pinned by its
    a=fingerprint, so no CA is involved)."""
    if not _CERT:
        certs = shared_certs()
        _CERT.append(Gio.TlsCertificate.new_from_files(certs.cert, certs.key))
    msrp = stream.props.msrp_session
    msrp.props.use_tls = True
    msrp.props.tls_certificate = _CERT[0]


_CERT = []

USERS = {"alice": "a-pw", "bob": "b-pw"}


class ChatLog:
    """Every signal of a ChatStream."""

    def __init__(self, stream):
        self.stream = stream
        self.received = []     # (id, sender aor, content type, body, timestamp)
        self.delivered = []
        self.failed = []       # (id, code, reason)
        self.composing = []
        self.notifications = []
        stream.connect("message-received", self._received)
        stream.connect("message-delivered", lambda s, i: self.delivered.append(i))
        stream.connect("message-failed", lambda s, i, c, r: self.failed.append((i, c, r)))
        stream.connect("composing-changed", lambda s, c: self.composing.append(c))
        stream.connect("notification-received", lambda s, i, st: self.notifications.append((i, st)))

    def _received(self, stream, mid, sender, ctype, body, when):
        aor = sender.get_uri().get_aor() if sender is not None else None
        self.received.append((mid, aor, ctype, body, when))

    def bodies(self):
        return [r[3] for r in self.received]


class ChatTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Sipd("c", users=USERS, transports=("udp", "tcp"))
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def setUp(self):
        self.sdk = SdkApp().start(transports=("udp", "tcp"))
        self.alice = self.sdk.add_account("alice@example.com", USERS["alice"],
                                          proxy=self.server.proxy_uri("udp"), display_name="Alice")
        self.bob = self.sdk.add_account("bob@example.com", USERS["bob"],
                                        proxy=self.server.proxy_uri("tcp"), display_name="Bob")
        self.sdk.wait_registered(self.alice)
        self.sdk.wait_registered(self.bob)
        self.bob_session = None
        self.bob_logs = []
        self.bob_policy = self._accept_all
        self.sdk.app.get_session_manager().connect("new-incoming", self._incoming)

    def tearDown(self):
        self.sdk.stop()

    def _accept_all(self, session):
        streams = session.get_proposed_streams()
        for s in streams:
            if isinstance(s, SipSimple.AudioStream):
                s.set_input("silence")
                s.set_output("none")
        session.accept(streams)

    def _incoming(self, manager, session):
        self.bob_session = session
        for s in session.get_proposed_streams():
            if isinstance(s, SipSimple.ChatStream):
                self.bob_logs.append(ChatLog(s))
        session.connect("proposal-received", self._proposal)
        self.bob_policy(session)

    def _proposal(self, session, originator):
        if originator.value_nick != "remote":
            return
        streams = session.get_proposed_streams()
        for s in streams:
            if isinstance(s, SipSimple.ChatStream):
                self.bob_logs.append(ChatLog(s))
        session.accept_proposal(streams)

    def call(self, streams):
        session = SipSimple.Session.new(self.alice)
        events = []
        session.connect("started", lambda s: events.append("started"))
        session.connect("failed", lambda s, o, c, r, f: events.append("failed %d %s" % (c, f)))
        session.connect("ended", lambda s, o, r: events.append("ended"))
        self.assertTrue(session.connect_to("bob", streams))
        return session, events

    def chat(self):
        chat = SipSimple.ChatStream.new()
        log = ChatLog(chat)
        session, events = self.call([chat])
        run_until(lambda: events, 10, "chat session setup")
        self.assertEqual(events, ["started"])
        run_until(lambda: self.bob_logs and self.bob_logs[0].stream.get_state() ==
                  SipSimple.MediaStreamState.RUNNING, 5, "bob's chat stream")
        return session, events, chat, log, self.bob_logs[0]

    def end(self, session, events):
        session.end()
        run_until(lambda: "ended" in events, 10, "hang-up")

    # ------------------------------------------------------------------
    def test_chat_both_ways_with_cpim_and_composing(self):
        session, events, chat, alog, blog = self.chat()
        bchat = blog.stream
        self.assertEqual(chat.get_state(), SipSimple.MediaStreamState.RUNNING)
        self.assertEqual(bchat.get_state(), SipSimple.MediaStreamState.RUNNING)
        # the negotiated SDP: one message m-line with MSRP attributes
        offer = SipSimple.sdp_to_text(session.get_local_sdp())
        self.assertIn("m=message ", offer)
        self.assertIn("TCP/MSRP *", offer)
        self.assertIn("a=accept-types:message/cpim", offer)
        self.assertIn("a=setup:actpass", offer)
        self.assertIn("a=path:msrp://127.0.0.1:", offer)
        answer = SipSimple.sdp_to_text(session.get_remote_sdp())
        self.assertIn("a=setup:active", answer)

        chat.set_composing(True)
        run_until(lambda: blog.composing == [True], 5, "bob sees alice typing")
        self.assertTrue(bchat.get_remote_composing())
        t0 = time.time()
        mid = chat.send_message("text/plain", "hello bob ✓")
        run_until(lambda: mid in alog.delivered, 5, "delivery to bob")
        run_until(lambda: blog.received, 5, "bob's message")
        rid, sender, ctype, body, when = blog.received[0]
        self.assertEqual((sender, ctype, body), ("alice@example.com", "text/plain", "hello bob ✓"))
        self.assertEqual(rid, mid)   # the imdn.Message-ID is the sender's id
        self.assertLess(abs(when.to_unix() - t0), 5)
        # a message ends the typing state
        self.assertEqual(blog.composing, [True, False])

        bchat.set_composing(True)
        run_until(lambda: alog.composing == [True], 5, "alice sees bob typing")
        bchat.set_composing(False)
        run_until(lambda: alog.composing == [True, False], 5, "alice sees bob stop")
        bid = bchat.send_message(None, "hi alice")
        run_until(lambda: alog.received and bid in blog.delivered, 5, "alice's message")
        self.assertEqual(alog.received[0][1:4], ("bob@example.com", "text/plain", "hi alice"))
        self.assertEqual(alog.failed + blog.failed, [])
        self.end(session, events)

    def test_imdn_notifications(self):
        chat = SipSimple.ChatStream.new()
        chat.set_property("request-delivery-notification", True)
        chat.set_property("request-display-notification", True)
        log = ChatLog(chat)
        session, events = self.call([chat])
        run_until(lambda: events and self.bob_logs, 10, "chat setup")
        blog = self.bob_logs[0]
        mid = chat.send_message("text/plain", "read me")
        run_until(lambda: (mid, "delivered") in log.notifications, 5, "delivery notification")
        run_until(lambda: blog.received, 5, "bob's message")
        self.assertTrue(blog.stream.send_display_notification(blog.received[0][0]))
        run_until(lambda: (mid, "displayed") in log.notifications, 5, "display notification")
        with self.assertRaises(GLib.Error):
            blog.stream.send_display_notification("no-such-message")
        self.end(session, events)

    def test_burst_of_1000_in_order(self):
        session, events, chat, alog, blog = self.chat()
        ids = [chat.send_message("text/plain", "message %04d" % i) for i in range(1000)]
        t0 = time.monotonic()
        run_until(lambda: len(alog.delivered) + len(alog.failed) >= 1000, 30, "1000 deliveries")
        elapsed = time.monotonic() - t0
        run_until(lambda: len(blog.received) >= 1000, 10, "1000 messages at bob")
        self.assertEqual(alog.failed, [])
        self.assertEqual(alog.delivered, ids)
        self.assertEqual(blog.bodies(), ["message %04d" % i for i in range(1000)])
        print("1000 chat messages delivered in %.2f s" % elapsed)
        self.end(session, events)

    def test_messages_queued_before_connection(self):
        chat = SipSimple.ChatStream.new()
        log = ChatLog(chat)
        early = [chat.send_message("text/plain", "early %d" % i) for i in range(3)]
        session, events = self.call([chat])
        run_until(lambda: len(log.delivered) == 3, 10, "queued messages delivered")
        self.assertEqual(log.delivered, early)
        self.assertEqual(self.bob_logs[0].bodies(), ["early 0", "early 1", "early 2"])
        self.end(session, events)

    def test_account_msrp_relay(self):
        # a relay URI that is not one fails the session with a clear reason
        self.alice.props.msrp_relay = "relay.example.com:2855"
        chat = SipSimple.ChatStream.new()
        session, events = self.call([chat])
        run_until(lambda: events, 10, "the session's outcome")
        self.assertEqual(len(events), 1)
        self.assertTrue(events[0].startswith("failed"), events)
        self.assertIn("msrp-relay is not an MSRP URI", events[0])
        # a relay the application set on the stream wins over the account's
        self.alice.props.msrp_relay = "msrp://127.0.0.1:1;tcp"
        chat = SipSimple.ChatStream.new()
        own = SipSimple.MsrpUri.parse("msrp://127.0.0.2:2;tcp")
        chat.props.msrp_session.set_relay(own, "alice", "a-pw")
        session, events = self.call([chat])
        run_until(lambda: events, 10, "the session's outcome")
        self.assertEqual(chat.props.msrp_session.get_relay().to_string(), own.to_string())
        # nobody listens on either relay: the AUTH connection fails the call
        self.assertTrue(events[0].startswith("failed"), events)
        self.assertIn("127.0.0.2", events[0])

    def test_audio_and_chat_in_one_invite(self):
        audio = SipSimple.AudioStream.new()
        audio.set_input("silence")
        audio.set_output("none")
        chat = SipSimple.ChatStream.new()
        log = ChatLog(chat)
        session, events = self.call([audio, chat])
        run_until(lambda: events, 10, "audio+chat setup")
        self.assertEqual(events, ["started"])
        offer = SipSimple.sdp_to_text(session.get_local_sdp())
        self.assertEqual(offer.count("m="), 2)
        self.assertLess(offer.index("m=audio"), offer.index("m=message"))
        bstreams = self.bob_session.get_streams()
        self.assertEqual([type(s).__name__ for s in bstreams], ["AudioStream", "ChatStream"])
        mid = chat.send_message("text/plain", "with audio")
        run_until(lambda: mid in log.delivered and self.bob_logs[0].received, 5, "chat next to audio")
        self.end(session, events)

    def test_chat_over_tls(self):
        def accept_with_tls(session):
            for s in session.get_proposed_streams():
                use_tls(s)
            session.accept(session.get_proposed_streams())

        self.bob_policy = accept_with_tls
        chat = SipSimple.ChatStream.new()
        use_tls(chat)
        log = ChatLog(chat)
        session, events = self.call([chat])
        run_until(lambda: events, 10, "TLS chat setup")
        self.assertEqual(events, ["started"])
        offer = SipSimple.sdp_to_text(session.get_local_sdp())
        answer = SipSimple.sdp_to_text(session.get_remote_sdp())
        for sdp in (offer, answer):
            self.assertIn("TCP/TLS/MSRP *", sdp)
            self.assertIn("a=fingerprint:sha-256 ", sdp)
            self.assertIn("a=path:msrps://", sdp)
        mid = chat.send_message("text/plain", "encrypted hello")
        run_until(lambda: mid in log.delivered and self.bob_logs[0].received, 5, "message over TLS")
        self.assertEqual(self.bob_logs[0].bodies(), ["encrypted hello"])
        self.end(session, events)

        # a peer without TLS refuses a TLS chat: 488
        self.bob_policy = self._accept_all
        chat = SipSimple.ChatStream.new()
        use_tls(chat)
        session, events = self.call([chat])
        run_until(lambda: events, 10, "answer")
        self.assertTrue(events[0].startswith("failed 488"), events)

    def test_hold_keeps_the_chat(self):
        audio = SipSimple.AudioStream.new()
        audio.set_input("silence")
        audio.set_output("none")
        chat = SipSimple.ChatStream.new()
        log = ChatLog(chat)
        session, events = self.call([audio, chat])
        held = []
        session.connect("notify::on-hold", lambda s, p: held.append(s.props.on_hold))
        run_until(lambda: events, 10, "audio+chat setup")
        session.hold()
        run_until(lambda: held == [True], 10, "hold")
        mid = chat.send_message("text/plain", "on hold, still chatting")
        run_until(lambda: mid in log.delivered, 5, "chat during hold")
        session.unhold()
        run_until(lambda: held == [True, False], 10, "unhold")
        # the re-INVITEs kept the MSRP connection and its roles
        self.assertIn("a=setup:passive", SipSimple.sdp_to_text(session.get_local_sdp()))
        mid = chat.send_message("text/plain", "after hold")
        run_until(lambda: mid in log.delivered, 5, "chat after hold")
        self.assertEqual(self.bob_logs[0].bodies(), ["on hold, still chatting", "after hold"])
        self.end(session, events)

    def test_add_and_remove_chat_by_reinvite(self):
        audio = SipSimple.AudioStream.new()
        audio.set_input("silence")
        audio.set_output("none")
        session, events = self.call([audio])
        renegotiated = []
        session.connect("streams-renegotiated", lambda s, action, stream: renegotiated.append(action))
        run_until(lambda: events, 10, "audio call")
        self.assertEqual(self.bob_logs, [])
        chat = SipSimple.ChatStream.new()
        log = ChatLog(chat)
        session.add_stream(chat)
        run_until(lambda: "add" in renegotiated, 10, "chat added")
        run_until(lambda: self.bob_logs, 5, "bob's chat stream")
        mid = chat.send_message("text/plain", "added later")
        run_until(lambda: mid in log.delivered and self.bob_logs[0].received, 5, "message over the added chat")
        self.assertEqual(self.bob_logs[0].bodies(), ["added later"])
        session.remove_stream(chat)
        run_until(lambda: "remove" in renegotiated, 10, "chat removed")
        run_until(lambda: self.bob_logs[0].stream.get_state() == SipSimple.MediaStreamState.ENDED, 5,
                  "bob's chat ended")
        with self.assertRaises(GLib.Error):
            chat.send_message("text/plain", "too late")
        self.assertEqual(session.get_state(), SipSimple.SessionState.CONNECTED)
        self.end(session, events)

    def test_message_in_flight_when_peer_hangs_up(self):
        session, events, chat, alog, blog = self.chat()
        ids = [chat.send_message("text/plain", "x" * 2000 + str(i)) for i in range(20)]
        self.bob_session.end()      # before the loop runs: the messages are in flight
        run_until(lambda: len(alog.delivered) + len(alog.failed) == 20, 15, "every message accounted for")
        run_until(lambda: "ended" in events, 10, "alice's session ends")
        # bob's stream closed its connection before reading any of them
        self.assertEqual(alog.delivered, [])
        self.assertEqual([f[0] for f in alog.failed], ids)
        self.assertEqual(chat.get_pending_count(), 0)
        self.assertEqual(blog.received, [])

    def test_local_end_fails_queued_messages(self):
        chat = SipSimple.ChatStream.new()
        log = ChatLog(chat)
        session, events = self.call([chat])
        ids = [chat.send_message("text/plain", "never %d" % i) for i in range(3)]
        session.end()
        run_until(lambda: len(log.failed) == 3, 10, "queued messages fail")
        self.assertEqual([f[0] for f in log.failed], ids)
        self.assertEqual(log.delivered, [])

    def test_bad_msrp_offer_is_rejected(self):
        # a message m-line without a=path cannot be answered: 488
        stream = BrokenChat()
        session, events = self.call([stream])
        run_until(lambda: events, 10, "answer")
        self.assertTrue(events[0].startswith("failed 488"), events)


class BrokenChat(TestStream):
    """Offers an MSRP chat line whose a=path and a=accept-types are garbage."""
    __gtype_name__ = "SipSimpleTestBrokenChat"

    def do_get_media_type(self):
        return "message"

    def do_add_local_media(self, local_sdp, remote_sdp, index):
        _, m = GstSdp.SDPMedia.new()
        m.set_media("message")
        m.set_port_info(9, 1)
        m.set_proto("TCP/MSRP")
        m.add_format("*")
        m.add_attribute("accept-types", "message/cpim text/plain")
        m.add_attribute("path", "msrp://[bad")
        local_sdp.add_media(m)
        return True


if __name__ == "__main__":
    unittest.main()
