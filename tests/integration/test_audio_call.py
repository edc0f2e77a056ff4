# SPDX-License-Identifier: LGPL-2.1-or-later
"""Audio calls between SDK endpoints through Kamailio: the tone each side
plays arrives at the other (checked in the recordings) for every codec,
with and without SRTP and ICE; DTMF; hold silences the held direction;
the sipsimple call/answer commands."""

import os
import re
import subprocess
import tempfile
import time
import unittest

import gi

from sipsimpletest import Kamailio, audio
from sipsimpletest.sdk import GLib, SdkApp, SipSimple, run_until

gi.require_version("Gst", "1.0")
from gi.repository import Gst  # noqa: E402

USERS = {"alice": "a-pw", "bob": "b-pw"}
SECONDS = 1.5


def sleep_loop(seconds):
    t0 = time.monotonic()
    run_until(lambda: time.monotonic() - t0 >= seconds, seconds + 5, "%.1f s of call" % seconds)


class AudioCallTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.k = Kamailio(users=USERS, transports=("udp", "tcp"))
        cls.k.start()

    @classmethod
    def tearDownClass(cls):
        cls.k.stop()

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.sdk = SdkApp().start(transports=("udp", "tcp"))
        self.alice = self.sdk.add_account("alice@example.com", USERS["alice"], proxy=self.k.proxy_uri("udp"))
        self.bob = self.sdk.add_account("bob@example.com", USERS["bob"], proxy=self.k.proxy_uri("tcp"))
        self.sdk.wait_registered(self.alice)
        self.sdk.wait_registered(self.bob)
        self.bob_session = None
        self.bob_setup = lambda stream: None
        self.sdk.app.get_session_manager().connect("new-incoming", self._answer)

    def tearDown(self):
        self.sdk.stop()
        self.dir.cleanup()

    def path(self, name):
        return os.path.join(self.dir.name, name)

    def _answer(self, manager, session):
        self.bob_session = session
        stream = session.get_proposed_streams()[0]
        stream.set_input("tone:660")
        stream.set_output("file:" + self.path("bob.wav"))
        self.bob_setup(stream)
        session.accept([stream])

    def call(self, **stream_props):
        stream = SipSimple.AudioStream.new()
        stream.set_input("tone:440")
        stream.set_output("file:" + self.path("alice.wav"))
        for key, value in stream_props.items():
            stream.set_property(key, value)
        session = SipSimple.Session.new(self.alice)
        events = []
        session.connect("started", lambda s: events.append("started"))
        session.connect("failed", lambda s, o, c, r, f: events.append("failed %d %s" % (c, f)))
        session.connect("ended", lambda s, o, r: events.append("ended"))
        self.assertTrue(session.connect_to("bob", [stream]))
        run_until(lambda: events, 10, "call setup")
        self.assertEqual(events, ["started"])
        return session, stream, events

    def hang_up(self, session, events):
        session.end()
        run_until(lambda: "ended" in events, 10, "hang-up")

    def check_tones(self, seconds=SECONDS):
        bob_heard = audio.read_wav(self.path("bob.wav"))
        alice_heard = audio.read_wav(self.path("alice.wav"))
        for rec, freq, who in ((bob_heard, 440, "bob"), (alice_heard, 660, "alice")):
            self.assertAlmostEqual(audio.dominant_frequency(rec), freq, delta=3,
                                   msg="%s hears the wrong tone" % who)
            self.assertGreaterEqual(audio.tone_duration(rec, freq), 0.8 * seconds,
                                    "%s heard too little of the tone" % who)

    def test_codecs(self):
        for codec, rate in (("opus", 48000), ("G722", 16000), ("PCMU", 8000), ("PCMA", 8000)):
            with self.subTest(codec=codec):
                session, stream, events = self.call(codecs=[codec])
                self.assertEqual(stream.get_codec().lower(), codec.lower())
                self.assertEqual(stream.get_sample_rate(), rate)
                self.assertEqual(self.bob_session.get_streams()[0].get_codec(), stream.get_codec())
                sleep_loop(SECONDS + 0.3)
                self.hang_up(session, events)
                self.check_tones()

    def test_srtp_and_ice(self):
        for srtp, ice in ((SipSimple.SrtpMode.MANDATORY, False), (SipSimple.SrtpMode.DISABLED, True),
                          (SipSimple.SrtpMode.MANDATORY, True)):
            with self.subTest(srtp=srtp.value_nick, ice=ice):
                self.bob_setup = lambda st, ice=ice: st.set_ice(ice)
                session, stream, events = self.call(srtp=srtp, ice=ice)
                expect_srtp = srtp == SipSimple.SrtpMode.MANDATORY
                self.assertEqual(stream.get_srtp_active(), expect_srtp)
                self.assertIn("RTP/SAVP" if expect_srtp else "RTP/AVP",
                              session.get_local_sdp().as_text())
                if ice:
                    self.assertIn("a=candidate", session.get_remote_sdp().as_text())
                sleep_loop(SECONDS + 0.3)
                self.hang_up(session, events)
                self.check_tones()

    def test_account_settings_apply(self):
        self.alice.props.audio_codecs = ["PCMA"]
        self.alice.props.srtp = SipSimple.SrtpMode.DISABLED
        session, stream, events = self.call()
        self.assertEqual(stream.get_codec(), "PCMA")
        self.assertFalse(stream.get_srtp_active())
        self.hang_up(session, events)

    def test_srtp_mandatory_refuses_plain_offer(self):
        self.bob_setup = lambda st: st.set_srtp(SipSimple.SrtpMode.MANDATORY)
        stream = SipSimple.AudioStream.new()
        stream.set_output("none")
        stream.set_srtp(SipSimple.SrtpMode.DISABLED)
        session = SipSimple.Session.new(self.alice)
        failed = []
        session.connect("failed", lambda s, o, c, r, f: failed.append(c))
        session.connect_to("bob", [stream])
        run_until(lambda: failed, 10, "failure")
        self.assertEqual(failed[0], 488)

    def test_dtmf_both_ways(self):
        session, stream, events = self.call()
        got_bob, got_alice = [], []
        self.bob_session.get_streams()[0].connect("dtmf-received", lambda s, d: got_bob.append(d))
        stream.connect("dtmf-received", lambda s, d: got_alice.append(d))
        stream.send_dtmf("1234*#", 100)
        run_until(lambda: len(got_bob) == 6, 10, "DTMF at bob")
        self.bob_session.get_streams()[0].send_dtmf("90", 100)
        run_until(lambda: len(got_alice) == 2, 10, "DTMF at alice")
        self.assertEqual("".join(got_bob), "1234*#")
        self.assertEqual("".join(got_alice), "90")
        with self.assertRaises(GLib.Error):
            stream.send_dtmf("x", 100)
        self.hang_up(session, events)

    def test_hold_silences_the_held_direction(self):
        session, stream, events = self.call()
        sleep_loop(1.0)
        held = []
        session.connect("notify::on-hold", lambda s, p: held.append(s.props.on_hold))
        session.hold()
        run_until(lambda: held, 10, "hold")
        t_hold = time.monotonic()
        sleep_loop(1.5)
        session.unhold()
        run_until(lambda: len(held) == 2, 10, "unhold")
        sleep_loop(1.0)
        self.hang_up(session, events)
        rec = audio.read_wav(self.path("bob.wav"))
        # the 440 Hz tone before the hold, silence while held, the tone after
        self.assertGreaterEqual(audio.tone_duration(rec, 440, 0, 0.9), 0.6)
        onset = audio.tone_onset(rec, 440)
        self.assertTrue(audio.is_silent(rec, onset + 1.3, onset + 2.3),
                        "bob still heard alice while she held the call")
        self.assertGreaterEqual(audio.tone_duration(rec, 440, onset + 2.8), 0.5)
        self.assertFalse(held[1])


class CliCallTest(unittest.TestCase):
    def test_call_and_answer_commands(self):
        with Kamailio(users=USERS, transports=("udp",)) as k, tempfile.TemporaryDirectory() as d:
            common = lambda u: ["--account", u + "@example.com", "--password", USERS[u],
                                "--proxy", k.proxy_uri("udp"), "--ip-address", "127.0.0.1",
                                "--timeout", "30"]
            ans = subprocess.Popen(["sipsimple", "answer", "--count", "1", "--tone", "660",
                                    "--record", os.path.join(d, "bob.wav")] + common("bob"),
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            try:
                self.assertIn("Registered bob", ans.stdout.readline())
                self.assertIn("Waiting for calls", ans.stdout.readline())
                call = subprocess.run(["sipsimple", "call", "--to", "bob", "--tone", "440",
                                       "--record", os.path.join(d, "alice.wav"), "--duration", "2",
                                       "--codecs", "G722"] + common("alice"),
                                      capture_output=True, text=True, timeout=40)
                self.assertEqual(call.returncode, 0, call.stdout + call.stderr)
                self.assertIn("Ringing", call.stdout)
                self.assertIn("established: codec G722 at 16000 Hz", call.stdout)
                self.assertIn("Call ended by local", call.stdout)
                out, _ = ans.communicate(timeout=20)
                self.assertEqual(ans.returncode, 0, out)
                self.assertIn("Incoming call from", out)
                self.assertIn("Call ended by remote", out)
            finally:
                if ans.poll() is None:
                    ans.kill()
                    ans.wait()
            for name, freq in (("bob.wav", 440), ("alice.wav", 660)):
                rec = audio.read_wav(os.path.join(d, name))
                self.assertGreaterEqual(audio.tone_duration(rec, freq), 1.5, name)

            busy = subprocess.run(["sipsimple", "call", "--to", "bob", "--tone", "440"] + common("alice"),
                                  capture_output=True, text=True, timeout=40)
            self.assertEqual(busy.returncode, 1, busy.stdout)
            self.assertIn("Call failed: 480", busy.stdout)

    def headless_call(self, env, answer_media, call_media):
        """bob answers (answer_media) a 3 s call from alice (call_media),
        both with @env; both must exit well, the call ended by alice. Returns
        the caller's output and stderr, the answerer's stderr and what bob
        recorded (his --output/--record is added here)."""
        with Kamailio(users=USERS, transports=("udp",)) as k, tempfile.TemporaryDirectory() as d:
            common = lambda u: ["--account", u + "@example.com", "--password", USERS[u],
                                "--proxy", k.proxy_uri("udp"), "--ip-address", "127.0.0.1",
                                "--timeout", "30"]
            record = os.path.join(d, "bob.wav")
            ans = subprocess.Popen(["sipsimple", "answer", "--count", "1"] + answer_media + [record]
                                   + common("bob"),
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
            try:
                self.assertIn("Registered bob", ans.stdout.readline())
                self.assertIn("Waiting for calls", ans.stdout.readline())
                call = subprocess.run(["sipsimple", "call", "--to", "bob", "--duration", "3"]
                                      + call_media + common("alice"),
                                      capture_output=True, text=True, timeout=40, env=env)
                self.assertEqual(call.returncode, 0, call.stdout + call.stderr)
                self.assertIn("Call ended by local", call.stdout)
                out, errors = ans.communicate(timeout=20)
                self.assertEqual(ans.returncode, 0, out + errors)
                self.assertIn("Call ended by remote", out)
                self.assertNotIn("Call failed", out)
            finally:
                if ans.poll() is None:
                    ans.kill()
                    ans.wait()
            rec = audio.read_wav(record)
        # what alice sent (440 Hz) for the length of the call
        self.assertGreaterEqual(rec.duration, 2.5)
        self.assertLess(rec.duration, 5)
        self.assertAlmostEqual(audio.dominant_frequency(rec), 440, delta=3)
        self.assertGreaterEqual(audio.tone_duration(rec, 440), 2.0)
        return call.stdout, call.stderr, errors

    def test_headless_call(self):
        """A call on a machine whose sound devices do not open (forced
        here, whatever this machine has: the PulseAudio server named does
        not exist): `sipsimple answer` with a failing input and the caller
        with a failing output both warn and hold the call; the answerer
        records what the caller sent, the caller gets the answerer's
        silence as RTP."""
        for bad in (["--input", "tone:high"], ["--input", "/nonexistent/x.wav"],
                    ["--output", "tone:440"], ["--input", "silence", "--tone", "440"],
                    ["--output", "none", "--record", "x.wav"]):
            usage = subprocess.run(["sipsimple", "call", "--to", "bob"] + bad, capture_output=True,
                                   text=True, timeout=10)
            self.assertEqual(usage.returncode, 2, bad)
            self.assertIn(bad[0], usage.stderr)
        env = dict(os.environ, PULSE_SERVER="unix:/nonexistent/pulse/native")
        out, caller_errors, errors = self.headless_call(
            env, ["--input", "pulse:default", "--output"],
            ["--input", "tone:440", "--output", "pulse:default", "--codecs", "PCMU"])
        self.assertIn("established: codec PCMU", out)
        self.assertEqual(caller_errors.count("warning: audio output failed"), 1, caller_errors)
        self.assertNotIn("audio input failed", caller_errors)
        sent, received = map(int, re.search(r"RTP: (\d+) packets sent, (\d+) received",
                                            out).groups())
        self.assertGreater(sent, 100, out)
        self.assertGreater(received, 100, out)
        self.assertEqual(errors.count("warning: audio input failed"), 1, errors)
        self.assertIn("sending silence, the call goes on", errors)

    def test_headless_answer_with_default_devices(self):
        """The issue's own command, `sipsimple answer --record x.wav`, with
        the default devices ("auto") on a machine without sound: every
        audio source and sink GStreamer has is out of autoaudiosrc's and
        autoaudiosink's reach (rank none, in the commands' environment), so
        this holds whatever the machine has."""
        Gst.init(None)
        hidden = sorted(f.get_name() for f in Gst.Registry.get().get_feature_list(Gst.ElementFactory)
                        if "Audio" in (f.get_metadata("klass") or "")
                        and ("Source" in f.get_metadata("klass") or "Sink" in f.get_metadata("klass"))
                        and not f.get_name().startswith("autoaudio"))
        env = dict(os.environ, GST_PLUGIN_FEATURE_RANK=",".join(n + ":NONE" for n in hidden))
        out, caller_errors, errors = self.headless_call(env, ["--record"], ["--tone", "440"])
        self.assertEqual(caller_errors.count("warning: audio output failed"), 1, caller_errors)
        self.assertEqual(errors.count("warning: audio input failed"), 1, errors)
        self.assertIn("autoaudiosrc", errors)

    def test_interactive_keys(self):
        """On a terminal, `sipsimple call` takes keys: h holds and unholds,
        a digit goes out as DTMF, t transfers the peer, q hangs up."""
        users = dict(USERS, carol="c-pw")
        with Kamailio(users=users, transports=("udp",)) as k, tempfile.TemporaryDirectory() as d:
            common = lambda u: ["--account", u + "@example.com", "--password", users[u],
                                "--proxy", k.proxy_uri("udp"), "--ip-address", "127.0.0.1",
                                "--timeout", "30"]
            answerers = {}
            try:
                for who in ("bob", "carol"):
                    answerers[who] = p = subprocess.Popen(
                        ["sipsimple", "answer", "--count", "1", "--tone", "660",
                         "--record", os.path.join(d, who + ".wav")] + common(who),
                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
                    self.assertIn("Registered " + who, p.stdout.readline())
                    self.assertIn("Waiting for calls", p.stdout.readline())
                term = Terminal(["sipsimple", "call", "--to", "bob", "--tone", "440",
                                 "--record", os.path.join(d, "alice.wav")] + common("alice"))
                try:
                    term.expect("Keys: h hold/unhold")
                    term.send("h")
                    term.expect("Call put on hold by local")
                    term.send("h")
                    term.expect("Call taken off hold by local")
                    term.send("5")
                    term.send("t")
                    term.expect("Transfer to: ")
                    term.send("carol\n")
                    term.expect("Transfer succeeded")
                    term.expect("Call ended")
                    self.assertEqual(term.wait(), 0, term.text)
                except AssertionError:
                    answerers["bob"].kill()
                    answerers["carol"].kill()
                    raise AssertionError("bob:\n" + answerers["bob"].communicate()[0] + "carol:\n" + answerers["carol"].communicate()[0])
                finally:
                    term.close()
                bob_out, _ = answerers["bob"].communicate(timeout=20)
                self.assertIn("Call put on hold by remote", bob_out)
                self.assertIn("Call taken off hold by remote", bob_out)
                self.assertIn("DTMF received: 5", bob_out)
                carol = answerers["carol"]
                out = ""
                while "Incoming call from" not in out:
                    line = carol.stdout.readline()
                    self.assertTrue(line, "carol got no call after the transfer: " + out + bob_out)
                    out += line
                self.assertIn("bob@example.com", out)
                carol.kill()
                carol.communicate()
            finally:
                for p in answerers.values():
                    if p.poll() is None:
                        p.kill()
                        p.wait()


class Terminal:
    """A child process on a pseudo-terminal, as a person at a keyboard sees it."""

    def __init__(self, argv):
        import pty
        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, close_fds=True)
        os.close(slave)
        self.text = ""

    def expect(self, what, timeout=15):
        import select
        deadline = time.monotonic() + timeout
        while what not in self.text:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.master], [], [], left)[0]:
                raise AssertionError("no %r on the terminal; it shows:\n%s" % (what, self.text))
            try:
                self.text += os.read(self.master, 4096).decode(errors="replace")
            except OSError:
                raise AssertionError("terminal closed before %r:\n%s" % (what, self.text))

    def send(self, keys):
        os.write(self.master, keys.encode())
        time.sleep(0.4)

    def wait(self, timeout=20):
        return self.proc.wait(timeout=timeout)

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)


if __name__ == "__main__":
    unittest.main(verbosity=2)
