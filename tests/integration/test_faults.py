# SPDX-License-Identifier: LGPL-2.1-or-later
"""Faults (issue 17, point 8) with real peers: Kamailio as registrar and
record-routing proxy, a second Kamailio as MSRP relay, two SDK accounts.

* the MSRP connection of a file transfer drops mid-way (a TCP forwarder in
  front of the relay resets it): both ends fail with a clear reason, the
  receiver keeps what it wrote (its `transferred`), and a new offer with
  a=file-range sends the rest to a byte-identical file (hash checked);
* Kamailio killed while an account is registered over TCP or UDP: the
  account reports the failed refresh and retries, Kamailio comes back on
  the same ports, the account registers again by itself and a MESSAGE to
  its AoR reaches it;
* Kamailio killed during a call (UDP, TCP): the audio (direct RTP) keeps
  flowing, and the BYE goes through the restarted proxy;
* the MSRP relay killed during a chat: the message in flight and one sent
  while it is down end in message-failed, a new chat fails at once while
  it is down and delivers once it is back; in a call with audio and chat
  the chat leaves by re-INVITE while the audio goes on, and a new chat
  joins the call once the relay is back; a hung relay (SIGSTOP) fails a
  message when its transaction times out.

Each test prints what the fault did (times, bytes) for the record."""

import hashlib
import os
import signal
import tempfile
import time
import unittest

from sipsimpletest import Kamailio, TcpForwarder, audio
from sipsimpletest.sdk import GLib, SdkApp, SipSimple, TransferLog, in_thread, run_until

USERS = {"alice": "a-pw", "bob": "b-pw"}
MiB = 1024 * 1024


def elapsed_since(t0):
    return time.monotonic() - t0


class SessionLog:
    def __init__(self, session):
        self.events = []
        session.connect("started", lambda s: self.events.append("started"))
        session.connect("failed", lambda s, o, c, r, f: self.events.append("failed %d %s: %s" % (c, r, f)))
        session.connect("ended", lambda s, o, r: self.events.append("ended %s %s" % (o.value_nick, r)))

    def ended(self):
        return any(e.startswith(("ended", "failed")) for e in self.events)


class FaultsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.k = Kamailio(users=USERS, transports=("udp", "tcp"))
        cls.k.start()
        cls.relay = Kamailio(users=USERS, transports=("tcp",), msrp_relay=True)
        cls.relay.start()

    @classmethod
    def tearDownClass(cls):
        cls.relay.stop()
        cls.k.stop()

    def setUp(self):
        # a test that failed between a kill and a restart leaves no trace
        for kamailio in (self.k, self.relay):
            if not kamailio.running:
                kamailio.start_again()
        self.dir = tempfile.TemporaryDirectory()
        self.sdk = SdkApp().start(transports=("udp", "tcp"))
        self.incoming = []
        self.policy = lambda session: session.accept(session.get_proposed_streams())
        self.sdk.app.get_session_manager().connect("new-incoming", self._incoming)

    def tearDown(self):
        self.sdk.stop()
        self.dir.cleanup()

    def _incoming(self, manager, session):
        self.incoming.append((session, SessionLog(session)))
        self.policy(session)

    def path(self, name):
        return os.path.join(self.dir.name, name)

    def accounts(self, transport="udp", **props):
        alice = self.sdk.add_account("alice@example.com", USERS["alice"],
                                     proxy=self.k.proxy_uri(transport), **props)
        bob = self.sdk.add_account("bob@example.com", USERS["bob"],
                                   proxy=self.k.proxy_uri(transport), **props)
        self.sdk.wait_registered(alice)
        self.sdk.wait_registered(bob)
        return alice, bob

    def call(self, account, streams, to="bob"):
        session = SipSimple.Session.new(account)
        log = SessionLog(session)
        self.assertTrue(session.connect_to(to, streams))
        return session, log

    # ------------------------------------------------------------------
    def test_msrp_connection_dropped_mid_transfer_resumes(self):
        size = 4 * MiB
        data = os.urandom(size)
        with open(self.path("source.bin"), "wb") as f:
            f.write(data)
        fwd = TcpForwarder(self.relay.server_address("tcp")).start()
        self.addCleanup(fwd.stop)
        relay_uri = "msrp://127.0.0.1:%d;tcp" % fwd.port
        alice, bob = self.accounts(msrp_relay=relay_uri)

        received = []     # TransferLog of each of bob's streams
        cut = {}

        def receive_and_cut(session):
            stream = session.get_proposed_streams()[0]
            stream.set_destination_path(self.path("received.bin"))
            log = TransferLog(stream)
            received.append(log)
            if len(received) == 1:
                def on_progress(s, got, total):
                    if got >= size // 3 and not cut:
                        cut["at"] = got
                        cut["connections"] = fwd.cut()
                        cut["t"] = time.monotonic()
                stream.connect("progress", on_progress)
            session.accept([stream])

        self.policy = receive_and_cut
        stream = SipSimple.FileTransferStream.new_for_path(self.path("source.bin"), None)
        slog = TransferLog(stream)
        session, sess_log = self.call(alice, [stream])
        run_until(lambda: slog.done() and received and received[0].done(), 30, "the cut transfer")
        self.assertIn("t", cut, "the transfer ended before the cut: sender %r %r, receiver %r %r"
                      % (slog.finished, slog.failed, received[0].finished, received[0].failed))
        fail_time = elapsed_since(cut["t"])
        print("cut after %d of %d bytes (%d connections); sender: %r; receiver: %r; "
              "session: %r; failures seen %.2f s after the cut"
              % (cut["at"], size, cut["connections"], slog.failed, received[0].failed,
                 sess_log.events, fail_time))
        self.assertFalse(slog.finished)
        self.assertEqual(len(slog.failed), 1)
        # the reason depends on which end of the cut the sender saw first
        self.assertRegex(slog.failed[0], r"^The file was not delivered: "
                                         r"(MSRP connection lost|MSRP write failed|The peer closed the MSRP connection)")
        self.assertRegex(received[0].failed[0], r"^The transfer was interrupted after \d+ bytes: MSRP")
        self.assertFalse(received[0].finished)
        self.assertEqual(len(received[0].failed), 1)
        run_until(lambda: sess_log.ended(), 10, "the session after the cut")
        print("session: %r" % sess_log.events)
        have = os.path.getsize(self.path("received.bin"))
        print("receiver kept %d bytes; transferred %d" % (have, received[0].stream.get_transferred()))
        # what the receiver says it has is what is in its file: where to resume
        self.assertEqual(received[0].stream.get_transferred(), have)
        self.assertGreaterEqual(have, cut["at"])
        self.assertLess(have, size)
        with open(self.path("received.bin"), "rb") as f:
            self.assertEqual(f.read(), data[:have])

        # resume: a new offer for the rest
        stream = SipSimple.FileTransferStream.new_for_path(self.path("source.bin"), None)
        stream.set_range_start(have)
        slog = TransferLog(stream)
        session, sess_log = self.call(alice, [stream])
        run_until(lambda: slog.done() and len(received) == 2 and received[1].done(), 30,
                  "the resumed transfer")
        self.assertEqual(slog.failed + received[1].failed, [])
        self.assertTrue(slog.finished and received[1].finished)
        offer = SipSimple.sdp_to_text(session.get_local_sdp())
        self.assertIn("a=file-range:%d-%d" % (have + 1, size), offer)
        sha1 = hashlib.sha1(data).digest()
        self.assertIn("hash:sha-1:" + ":".join("%02X" % b for b in sha1), offer)
        self.assertEqual(received[1].stream.get_file_selector().get_hash(),
                         "sha-1:" + ":".join("%02X" % b for b in sha1))
        self.assertGreater(received[1].progress[0][0], have)
        with open(self.path("received.bin"), "rb") as f:
            self.assertEqual(hashlib.sha256(f.read()).digest(), hashlib.sha256(data).digest())
        print("resumed %d bytes of %d" % (size - have, size))
        session.end()
        run_until(lambda: sess_log.ended(), 10, "hang-up")

    def registration_through_restart(self, transport):
        alice = self.sdk.add_account("alice@example.com", USERS["alice"],
                                     proxy=self.k.proxy_uri(transport), register_interval=10)
        ev = self.sdk.ev(alice)
        states = []
        alice.connect("notify::registration-state",
                      lambda a, p: states.append(a.props.registration_state.value_nick))
        self.sdk.wait_registered(alice)
        self.assertEqual(len(self.k.registered_contacts("alice")), 1)
        registered = len(ev.registered)

        t_kill = time.monotonic()
        self.k.kill()
        run_until(lambda: ev.failed, 30, "the failed refresh")
        t_failed = elapsed_since(t_kill)
        code, reason, will_retry = ev.failed[0]
        print("%s: the refresh failed %.1f s after the kill: %d %s (retry: %s, state %s)"
              % (transport, t_failed, code, reason, will_retry, states[-1]))
        self.assertTrue(will_retry, "the account must retry by itself")
        self.assertEqual((code, reason), (503, "Service Unavailable"))
        self.assertEqual(states[-1], "failed")
        self.assertEqual(len(ev.registered), registered)

        t_restart = time.monotonic()
        start_again(self.k)
        run_until(lambda: len(ev.registered) > registered, 30, "registration after the restart")
        t_back = elapsed_since(t_restart)
        print("%s: registered again %.1f s after the restart (%d failure(s) while it was down: %r)"
              % (transport, t_back, len(ev.failed), ev.failed))
        # the first retry comes 1.5-2 s after the failure, the next ones 3-4 s, 6-8 s later
        self.assertLess(t_back, 15)
        self.assertEqual(states[-1], "registered")
        self.assertEqual(len(self.k.registered_contacts("alice")), 1)
        # the binding works: a MESSAGE to the AoR through Kamailio reaches the account
        with self.k.client("bob", "udp") as bob:
            r = in_thread(bob.message, self.k.aor("alice"), "are you back?")
        self.assertEqual(r.code, 200)
        run_until(lambda: ev.messages, 10, "the MESSAGE through the restarted Kamailio")
        self.assertEqual(ev.messages[0].get_body().get_data(), b"are you back?")

    def test_kamailio_restarted_during_registration_tcp(self):
        # the connection closes: the registration notices at once
        self.registration_through_restart("tcp")

    def test_kamailio_restarted_during_registration_udp(self):
        # nothing to notice until the refresh (ICMP port unreachable then)
        self.registration_through_restart("udp")

    def call_through_restart(self, transport):
        alice, bob = self.accounts(transport)

        def answer(session):
            stream = session.get_proposed_streams()[0]
            stream.set_input("tone:660")
            stream.set_output("file:" + self.path("bob.wav"))
            session.accept([stream])

        self.policy = answer
        stream = SipSimple.AudioStream.new()
        stream.set_input("tone:440")
        stream.set_output("file:" + self.path("alice.wav"))
        session, log = self.call(alice, [stream])
        run_until(lambda: log.events, 10, "call setup")
        t_call = time.monotonic()
        self.assertEqual(log.events, ["started"])
        bsession, blog = self.incoming[0]
        run_until(lambda: blog.events, 10, "bob's side of the call")
        sleep_loop(1.0)

        t_kill = time.monotonic()
        self.k.kill()
        sleep_loop(0.5)
        start_again(self.k)
        t_restart = time.monotonic()
        sleep_loop(2.0)
        self.assertEqual(log.events, ["started"], "the call must survive the proxy restart")
        self.assertEqual(blog.events, ["started"])

        session.end()
        run_until(lambda: log.ended() and blog.ended(), 15, "BYE through the restarted proxy")
        self.assertEqual(log.events, ["started", "ended local user request"])
        self.assertEqual(blog.events, ["started", "ended remote remote request"])
        # the restarted Kamailio (its log since the restart) relayed the BYE
        self.assertRegex(self.k.log().split("=== ")[-1], r"SIPSIMPLETEST relay BYE sip:bob@")
        # the audio (direct RTP) flowed before, while the proxy was down, and after
        down, up = t_kill - t_call, t_restart - t_call
        for name, freq in (("bob.wav", 440), ("alice.wav", 660)):
            rec = audio.read_wav(self.path(name))
            onset = audio.tone_onset(rec, freq)
            print("%s: Kamailio down %.2f s; %s heard %.2f s of %d Hz, %.2f s while it was down, "
                  "%.2f s after" % (transport, up - down, name, audio.tone_duration(rec, freq), freq,
                                    audio.tone_duration(rec, freq, onset + down, onset + up),
                                    audio.tone_duration(rec, freq, onset + up)))
            self.assertGreaterEqual(audio.tone_duration(rec, freq, onset, onset + down), 0.8)
            self.assertGreaterEqual(audio.tone_duration(rec, freq, onset + down, onset + up),
                                    0.8 * (up - down))
            self.assertGreaterEqual(audio.tone_duration(rec, freq, onset + up), 1.5)

    def test_kamailio_restarted_during_call_udp(self):
        self.call_through_restart("udp")

    def test_kamailio_restarted_during_call_tcp(self):
        # the connections to the proxy die with it: the BYE needs a new one
        self.call_through_restart("tcp")

    def chat_session(self, account):
        """A chat from account to bob, accepted: (session, its log, chat,
        alice's ChatLog, bob's ChatLogs so far)."""
        chats = []

        def accept_chat(session):
            chat = session.get_proposed_streams()[0]
            chats.append(ChatLog(chat))
            session.accept([chat])

        self.policy = accept_chat
        chat = SipSimple.ChatStream.new()
        alog = ChatLog(chat)
        session, log = self.call(account, [chat])
        run_until(lambda: log.events and chats and chats[-1].running(), 10, "chat setup")
        self.assertEqual(log.events, ["started"])
        return session, log, chat, alog, chats

    def test_msrp_relay_restarted_during_chat(self):
        alice, bob = self.accounts(msrp_relay=self.relay.msrp_relay_uri("tcp"))
        session, log, chat, alog, chats = self.chat_session(alice)
        m1 = chat.send_message("text/plain", "before")
        run_until(lambda: m1 in alog.delivered and chats[0].bodies() == ["before"], 10,
                  "a message through the relay")

        # one message in flight when the relay dies (written to a relay that
        # no longer reads: SIGSTOP first), one sent while it is dead
        for pid in self.relay.pids():
            os.kill(pid, signal.SIGSTOP)
        m2 = chat.send_message("text/plain", "in flight when the relay died")
        sleep_loop(0.3)
        outcomes_before_kill = alog.failed + alog.delivered
        t_kill = time.monotonic()
        self.relay.kill()
        self.assertEqual(outcomes_before_kill, [m1])
        m3 = chat.send_message("text/plain", "sent while the relay is down")
        run_until(lambda: len(alog.failed) == 2, 10, "both messages failing")
        t_failed = elapsed_since(t_kill)
        run_until(lambda: log.ended(), 10, "the chat session after the relay went away")
        print("relay killed: %r failed %.2f s later; alice's session: %r"
              % (alog.failed, t_failed, log.events))
        self.assertEqual(sorted(f[0] for f in alog.failed), sorted([m2, m3]))
        for mid, code, reason in alog.failed:
            self.assertIn("MSRP connection", reason)
        self.assertEqual(alog.delivered, [m1])
        self.assertEqual(chats[0].bodies(), ["before"])
        self.assertRegex(log.events[-1], r"^ended local media stream failed: .*MSRP connection")
        # the stream is over: sending on it is refused at once
        with self.assertRaises(GLib.Error) as ctx:
            chat.send_message("text/plain", "too late")
        self.assertIn("ended", ctx.exception.message)

        # a new chat while the relay is still down fails at once, saying why
        chat = SipSimple.ChatStream.new()
        down = ChatLog(chat)
        queued = chat.send_message("text/plain", "queued before the session")
        t0 = time.monotonic()
        session, log = self.call(alice, [chat])
        run_until(lambda: log.ended() and down.failed, 40, "a chat while the relay is down")
        print("a new chat while the relay is down: %r after %.2f s" % (log.events, elapsed_since(t0)))
        self.assertRegex(log.events[-1], r"^failed 0 .*cannot connect.*Connection refused")
        self.assertNotIn("MSRP: MSRP:", log.events[-1])
        self.assertEqual([f[0] for f in down.failed], [queued])
        self.assertEqual(len(chats), 1)

        start_again(self.relay)
        session, log, chat, alog, chats = self.chat_session(alice)
        m4 = chat.send_message("text/plain", "after")
        run_until(lambda: m4 in alog.delivered and chats[0].bodies() == ["after"], 10,
                  "a message through the restarted relay")
        self.assertEqual(alog.failed, [])
        session.end()
        run_until(lambda: log.ended(), 10, "hang-up")

    def test_msrp_relay_restarted_during_call_with_chat(self):
        # audio and chat in one session: the chat dies with the relay, the
        # call goes on without it, and a new chat joins it by re-INVITE
        alice, bob = self.accounts(msrp_relay=self.relay.msrp_relay_uri("tcp"))
        chats = []
        removed = {"alice": [], "bob": []}

        def renegotiated(who):
            return lambda s, action, stream: removed[who].append(
                (action, stream.get_media_type(), stream.get_state().value_nick))

        def proposal(session, originator):
            if originator.value_nick == "remote":
                streams = session.get_proposed_streams()
                chats.extend(ChatLog(c) for c in streams)
                session.accept_proposal(streams)

        def answer(session):
            streams = session.get_proposed_streams()
            for s in streams:
                if isinstance(s, SipSimple.AudioStream):
                    s.set_input("tone:660")
                    s.set_output("file:" + self.path("bob.wav"))
                else:
                    chats.append(ChatLog(s))
            session.connect("streams-renegotiated", renegotiated("bob"))
            session.connect("proposal-received", proposal)
            session.accept(streams)

        self.policy = answer
        audio_stream = SipSimple.AudioStream.new()
        audio_stream.set_input("tone:440")
        audio_stream.set_output("file:" + self.path("alice.wav"))
        chat = SipSimple.ChatStream.new()
        alog = ChatLog(chat)
        session, log = self.call(alice, [audio_stream, chat])
        session.connect("streams-renegotiated", renegotiated("alice"))
        run_until(lambda: log.events and chats and chats[0].running(), 10, "audio and chat")
        t_call = time.monotonic()
        self.assertEqual(log.events, ["started"])
        bsession, blog = self.incoming[0]
        m1 = chat.send_message("text/plain", "hello")
        run_until(lambda: m1 in alog.delivered and chats[0].bodies() == ["hello"], 10, "chat")
        sleep_loop(0.5)

        t_kill = time.monotonic()
        self.relay.kill()
        run_until(lambda: removed["alice"] and removed["bob"], 15, "the chat leaving the call")
        print("relay killed: the chat left the call after %.2f s (alice %r, bob %r)"
              % (elapsed_since(t_kill), removed["alice"], removed["bob"]))
        self.assertEqual(removed["alice"], [("remove", "message", "ended")])
        self.assertEqual(removed["bob"], [("remove", "message", "ended")])
        self.assertEqual(log.events, ["started"])
        self.assertEqual(blog.events, ["started"])
        for s in (session, bsession):
            self.assertEqual([x.get_media_type() for x in s.get_streams()], ["audio"])
            self.assertEqual(s.props.state.value_nick, "connected")
        self.assertEqual(audio_stream.get_state().value_nick, "running")

        # the relay is back: a new chat joins the same call
        start_again(self.relay)
        t_back = time.monotonic()
        chat = SipSimple.ChatStream.new()
        alog = ChatLog(chat)
        self.assertTrue(session.add_stream(chat))
        run_until(lambda: len(chats) == 2 and chats[1].running() and chat.get_state().value_nick == "running",
                  10, "a new chat in the call")
        m2 = chat.send_message("text/plain", "back")
        run_until(lambda: m2 in alog.delivered and chats[1].bodies() == ["back"], 10, "the new chat")
        sleep_loop(1.5)
        session.end()
        run_until(lambda: log.ended() and blog.ended(), 10, "hang-up")
        self.assertEqual(log.events, ["started", "ended local user request"])
        # the audio never stopped: before, without the relay, with the new chat
        for name, freq in (("bob.wav", 440), ("alice.wav", 660)):
            rec = audio.read_wav(self.path(name))
            onset = audio.tone_onset(rec, freq)
            down, up = t_kill - t_call, t_back - t_call
            print("%s: %.2f s of %d Hz in %.2f s, %.2f s of it while the relay was down"
                  % (name, audio.tone_duration(rec, freq), freq, rec.duration,
                     audio.tone_duration(rec, freq, onset + down, onset + up)))
            self.assertGreaterEqual(audio.tone_duration(rec, freq, onset + down, onset + up),
                                    0.8 * (up - down))
            self.assertGreaterEqual(audio.tone_duration(rec, freq, onset + up), 1.0)

    def test_msrp_relay_hung_during_chat(self):
        # a relay that stops answering (SIGSTOP; no connection closes): a
        # message fails when its transaction times out, the session stays
        alice, bob = self.accounts(msrp_relay=self.relay.msrp_relay_uri("tcp"))
        session, log, chat, alog, chats = self.chat_session(alice)
        chat.props.msrp_session.props.transaction_timeout = 2
        pids = self.relay.pids()
        for pid in pids:
            os.kill(pid, signal.SIGSTOP)
        try:
            t0 = time.monotonic()
            mid = chat.send_message("text/plain", "anyone there?")
            run_until(lambda: alog.failed, 15, "the message to a hung relay")
            t_failed = elapsed_since(t0)
        finally:
            for pid in pids:
                os.kill(pid, signal.SIGCONT)
        print("hung relay: %r after %.2f s" % (alog.failed, t_failed))
        self.assertEqual(alog.failed, [(mid, 408, "Request Timeout")])
        self.assertGreaterEqual(t_failed, 1.5)
        self.assertEqual(log.events, ["started"])
        session.end()
        run_until(lambda: log.ended(), 10, "hang-up")


def start_again(kamailio):
    """Kamailio back on its ports, the main loop running while it starts
    (the process is started from this thread: see Kamailio.wait_ready)."""
    kamailio.start_again(wait=False)
    in_thread(kamailio.wait_ready)


def sleep_loop(seconds):
    t0 = time.monotonic()
    run_until(lambda: elapsed_since(t0) >= seconds, seconds + 10, "%.1f s" % seconds)


class ChatLog:
    def __init__(self, stream):
        self.stream = stream
        self.received = []
        self.delivered = []
        self.failed = []       # (id, code, reason)
        stream.connect("message-received", lambda s, mid, sender, ct, body, when:
                       self.received.append(body))
        stream.connect("message-delivered", lambda s, i: self.delivered.append(i))
        stream.connect("message-failed", lambda s, i, c, r: self.failed.append((i, c, r)))

    def bodies(self):
        return list(self.received)

    def running(self):
        return self.stream.get_state() == SipSimple.MediaStreamState.RUNNING


if __name__ == "__main__":
    unittest.main()
