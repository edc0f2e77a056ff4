# SPDX-License-Identifier: LGPL-2.1-or-later
"""SDK <-> Linphone (Debian's linphonec, liblinphone 5) audio calls through
the project's sipd: each side plays a tone (the SDK a test tone, linphonec
a WAV file) and records what it hears; both recordings are checked for the
other side's tone. Opus and PCMU, plain RTP and SRTP (SDES) both ways, and
hold from Linphone's side."""

import os
import tempfile
import time
import unittest

from sipsimpletest import Linphone, Sipd, audio
from sipsimpletest.sdk import SdkApp, SipSimple, run_until

USERS = {"alice": "a-pw", "carol": "c-pw"}
SECONDS = 2.0


def sleep_loop(seconds):
    t0 = time.monotonic()
    run_until(lambda: time.monotonic() - t0 >= seconds, seconds + 5, "%.1f s" % seconds)


class LinphoneCallTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Sipd("c", users=USERS, transports=("udp",))
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.sdk = SdkApp().start(transports=("udp",))
        self.alice = self.sdk.add_account("alice@example.com", USERS["alice"],
                                          proxy=self.server.proxy_uri("udp"))
        self.sdk.wait_registered(self.alice)
        audio.write_tone(self.wav("carol-in.wav"), 660, 10.0)

    def tearDown(self):
        self.sdk.stop()
        self.dir.cleanup()

    def wav(self, name):
        return os.path.join(self.dir.name, name)

    def linphone(self, **kw):
        carol = Linphone("carol", USERS["carol"], proxy=self.server.proxy_uri("udp"), **kw)
        carol.start()
        self.addCleanup(carol.stop)
        carol.wait_registered()
        carol.play(self.wav("carol-in.wav"))
        carol.record(self.wav("carol.wav"))
        return carol

    def wait_line(self, carol, text, start, timeout=10):
        # the SDK lives in this thread's main loop: run it while waiting
        run_until(lambda: any(text in line for line in carol.lines[start:]), timeout,
                  "linphonec printing %r" % text)

    def sdk_stream(self, **props):
        stream = SipSimple.AudioStream.new()
        stream.set_input("tone:440")
        stream.set_output("file:" + self.wav("alice.wav"))
        for key, value in props.items():
            stream.set_property(key, value)
        return stream

    def check_both_heard(self):
        for name, freq in (("alice.wav", 660), ("carol.wav", 440)):
            rec = audio.read_wav(self.wav(name))
            self.assertAlmostEqual(audio.dominant_frequency(rec), freq, delta=5,
                                   msg="%s has the wrong tone" % name)
            self.assertGreaterEqual(audio.tone_duration(rec, freq), 0.8 * SECONDS,
                                    "%s has too little of the tone" % name)

    def sdk_calls(self, carol, **props):
        stream = self.sdk_stream(**props)
        session = SipSimple.Session.new(self.alice)
        events = []
        session.connect("started", lambda s: events.append("started"))
        session.connect("failed", lambda s, o, c, r, f: events.append("failed %d %s" % (c, f)))
        session.connect("ended", lambda s, o, r: events.append("ended " + o.value_nick))
        session.connect("notify::on-hold", lambda s, p: events.append("hold local %s" % s.props.on_hold))
        session.connect("notify::remote-on-hold",
                        lambda s, p: events.append("hold remote %s" % s.props.remote_on_hold))
        start = carol.mark()
        session.connect_to("carol", [stream])
        self.wait_line(carol, "Receiving new incoming call", start)
        carol.answer()
        run_until(lambda: events, 10, "call setup")
        self.assertEqual(events, ["started"])
        return session, stream, events

    def hang_up(self, session, events, carol):
        start = carol.mark()
        session.end()
        run_until(lambda: any(e.startswith("ended") for e in events), 10, "hang-up")
        self.wait_line(carol, "ended", start)

    def test_sdk_calls_linphone_opus(self):
        carol = self.linphone()
        session, stream, events = self.sdk_calls(carol, srtp=SipSimple.SrtpMode.DISABLED)
        self.assertEqual(stream.get_codec(), "opus")
        self.assertFalse(stream.get_srtp_active())
        sleep_loop(SECONDS + 0.3)
        self.hang_up(session, events, carol)
        self.check_both_heard()

    def test_sdk_calls_linphone_pcmu_srtp(self):
        carol = self.linphone(srtp="mandatory")
        session, stream, events = self.sdk_calls(carol, srtp=SipSimple.SrtpMode.MANDATORY,
                                                 codecs=["PCMU"])
        self.assertEqual(stream.get_codec(), "PCMU")
        self.assertTrue(stream.get_srtp_active())
        sleep_loop(SECONDS + 0.3)
        self.hang_up(session, events, carol)
        self.check_both_heard()

    def test_linphone_calls_sdk_and_holds(self):
        carol = self.linphone(srtp="optional")
        incoming = []

        def answer(manager, session):
            stream = session.get_proposed_streams()[0]
            stream.set_input("tone:440")
            stream.set_output("file:" + self.wav("alice.wav"))
            events = []
            session.connect("notify::on-hold", lambda s, p: events.append("hold local %s" % s.props.on_hold))
            session.connect("notify::remote-on-hold",
                            lambda s, p: events.append("hold remote %s" % s.props.remote_on_hold))
            session.connect("ended", lambda s, o, r: events.append("ended " + o.value_nick))
            incoming.append((session, stream, events))
            session.accept([stream])

        self.sdk.app.get_session_manager().connect("new-incoming", answer)
        start = carol.mark()
        carol.call("sip:alice@example.com")
        self.wait_line(carol, "connected", start)
        run_until(lambda: incoming and incoming[0][0].get_state() == SipSimple.SessionState.CONNECTED,
                  5, "SDK side connected")
        session, stream, events = incoming[0]
        self.assertIn("Linphone", session.get_remote_user_agent())
        self.assertTrue(stream.get_srtp_active(), "SDES offered by linphone and accepted")
        sleep_loop(SECONDS + 0.3)
        start = carol.mark()
        carol.pause()
        run_until(lambda: "hold remote True" in events, 10, "held by linphone")
        self.wait_line(carol, "is now paused", start)
        self.assertTrue(stream.props.on_hold_by_remote)
        carol.resume()
        run_until(lambda: "hold remote False" in events, 10, "resumed by linphone")
        carol.terminate()
        run_until(lambda: "ended remote" in events, 10, "BYE from linphone")
        self.check_both_heard()


if __name__ == "__main__":
    unittest.main(verbosity=2)
