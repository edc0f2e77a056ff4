# SPDX-License-Identifier: LGPL-2.1-or-later
"""SDK <-> baresip audio calls through the project's sipd: each direction's
tone arrives (checked in the SDK's recording and in baresip's decoder
dump), hold and unhold, DTMF to baresip (baresip 1.0 has no command that
sends DTMF, so receiving is tested SDK to SDK), and the ~20-line Python Hello
World calling baresip."""

import os
import subprocess
import tempfile
import time
import unittest

from sipsimpletest import Sipd, audio
from sipsimpletest.baresip import Baresip
from sipsimpletest.sdk import SdkApp, SipSimple, run_until

USERS = {"alice": "a-pw", "bob": "b-pw", "carol": "c-pw"}
SRC = os.environ.get("SIPSIMPLE_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))


def sleep_loop(seconds):
    t0 = time.monotonic()
    run_until(lambda: time.monotonic() - t0 >= seconds, seconds + 5, "%.1f s" % seconds)


class BaresipCallTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # baresip 1.0 gives up on SHA-256 challenges: offer MD5 only
        cls.server = Sipd("c", users=USERS, transports=("udp",), extra_args=("--auth-algorithm", "MD5"))
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.sdk = SdkApp().start(transports=("udp",))
        self.alice = self.sdk.add_account("alice@example.com", USERS["alice"],
                                          proxy=self.server.proxy_uri("udp"),
                                          srtp=SipSimple.SrtpMode.DISABLED)
        self.sdk.wait_registered(self.alice)

    def tearDown(self):
        self.sdk.stop()
        self.dir.cleanup()

    def wav(self, name):
        return os.path.join(self.dir.name, name)

    def baresip(self, **kw):
        b = Baresip("bob", USERS["bob"], proxy=self.server.proxy_uri("udp"), tone=660, **kw)
        b.start()
        self.addCleanup(b.stop)
        b.wait_registered()
        return b

    def sdk_call(self, target="bob"):
        stream = SipSimple.AudioStream.new()
        stream.set_input("tone:440")
        stream.set_output("file:" + self.wav("alice.wav"))
        session = SipSimple.Session.new(self.alice)
        events = []
        session.connect("started", lambda s: events.append("started"))
        session.connect("failed", lambda s, o, c, r, f: events.append("failed %d %s" % (c, f)))
        session.connect("ended", lambda s, o, r: events.append("ended %s" % o.value_nick))
        session.connect("notify::on-hold", lambda s, p: events.append("hold local %s" % s.props.on_hold))
        session.connect("notify::remote-on-hold",
                        lambda s, p: events.append("hold remote %s" % s.props.remote_on_hold))
        session.connect_to(target, [stream])
        return session, stream, events

    def check_baresip_heard(self, b, freq, seconds):
        dumps = b.dumps()
        self.assertTrue(dumps, "baresip wrote no decoder dump")
        rec = audio.read_wav(dumps[-1])
        self.assertAlmostEqual(audio.dominant_frequency(rec), freq, delta=5)
        self.assertGreaterEqual(audio.tone_duration(rec, freq), 0.8 * seconds)

    def test_sdk_calls_baresip(self):
        b = self.baresip(answermode="auto")
        session, stream, events = self.sdk_call()
        run_until(lambda: events, 10, "call setup")
        self.assertEqual(events, ["started"])
        self.assertEqual(stream.get_codec(), "opus")
        sleep_loop(2.3)
        session.end()
        run_until(lambda: any(e.startswith("ended") for e in events), 10, "hang-up")
        b.wait_event("CALL_CLOSED")
        rec = audio.read_wav(self.wav("alice.wav"))
        self.assertAlmostEqual(audio.dominant_frequency(rec), 660, delta=5)
        self.assertGreaterEqual(audio.tone_duration(rec, 660), 1.6)
        self.check_baresip_heard(b, 440, 2.0)

    def test_baresip_calls_sdk(self):
        b = self.baresip()
        incoming = []

        def answer(manager, session):
            stream = session.get_proposed_streams()[0]
            stream.set_input("tone:440")
            stream.set_output("file:" + self.wav("alice.wav"))
            incoming.append(session)
            session.send_ring_indication()
            session.accept([stream])

        self.sdk.app.get_session_manager().connect("new-incoming", answer)
        b.dial("sip:alice@example.com")
        # the SDK answers from this thread's main loop: wait by running it
        run_until(lambda: "CALL_ESTABLISHED" in b.event_types(), 10, "baresip's call established")
        run_until(lambda: incoming and incoming[0].get_state() == SipSimple.SessionState.CONNECTED, 5,
                  "SDK side connected")
        self.assertIn("baresip", incoming[0].get_remote_user_agent())
        sleep_loop(2.3)
        ended = []
        incoming[0].connect("ended", lambda s, o, r: ended.append(o.value_nick))
        b.hangup()
        run_until(lambda: ended, 10, "BYE from baresip")
        self.assertEqual(ended, ["remote"])
        rec = audio.read_wav(self.wav("alice.wav"))
        self.assertGreaterEqual(audio.tone_duration(rec, 660), 1.6)
        self.check_baresip_heard(b, 440, 2.0)

    def test_hold_and_dtmf_with_baresip(self):
        b = self.baresip(answermode="auto")
        session, stream, events = self.sdk_call()
        run_until(lambda: events, 10, "call setup")
        # DTMF to baresip
        stream.send_dtmf("159#", 100)
        # the digits are paced from this thread's main loop: run it while waiting
        def digits():
            return [e.get("param") for e in list(b.events) if e.get("type") == "CALL_DTMF_START"]
        run_until(lambda: "#" in digits(), 10, "baresip's DTMF events")
        got = digits()
        self.assertEqual(got, list("159#"))
        # hold: baresip sees a re-INVITE with sendonly and answers recvonly
        session.hold()
        run_until(lambda: "hold local True" in events, 10, "hold")
        self.assertIn(SipSimple.sdp_get_direction(session.get_remote_sdp(), 0),
                      (SipSimple.MediaDirection.RECVONLY, SipSimple.MediaDirection.INACTIVE))
        session.unhold()
        run_until(lambda: "hold local False" in events, 10, "unhold")
        self.assertEqual(SipSimple.sdp_get_direction(session.get_remote_sdp(), 0),
                         SipSimple.MediaDirection.SENDRECV)
        sleep_loop(1.0)
        session.end()
        run_until(lambda: any(e.startswith("ended") for e in events), 10, "hang-up")

    def test_python_hello_world_calls_baresip(self):
        b = self.baresip(answermode="auto")
        script = os.path.join(SRC, "examples", "python", "hello-world.py")
        out = subprocess.run(["/usr/bin/python3", script, "carol@example.com", USERS["carol"],
                              self.server.proxy_uri("udp"), "bob", self.wav("carol.wav")],
                             capture_output=True, text=True, timeout=40)
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        self.assertIn('Audio session established using "opus" codec at 48000Hz', out.stdout)
        self.assertIn("Session ended", out.stdout)
        rec = audio.read_wav(self.wav("carol.wav"))
        self.assertGreaterEqual(audio.tone_duration(rec, 660), 2.4)
        self.check_baresip_heard(b, 440, 2.5)


if __name__ == "__main__":
    unittest.main(verbosity=2)
