# SPDX-License-Identifier: LGPL-2.1-or-later
"""The Hello World of the SIP SIMPLE developer guide in Python, GJS and
Vala: each calls an SDK endpoint (bob, answering with a 660 Hz tone),
prints the ring indication and the negotiated codec, hangs up after 3 s;
both recordings carry the other side's tone."""

import os
import subprocess
import tempfile
import unittest

from sipsimpletest import Kamailio, audio
from sipsimpletest.sdk import SdkApp, run_until

USERS = {"alice": "a-pw", "bob": "b-pw"}
SRC = os.environ.get("SIPSIMPLE_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("SIPSIMPLE_BUILD_DIR", os.path.join(SRC, "build"))

PROGRAMS = {
    "python": ["/usr/bin/python3", os.path.join(SRC, "examples", "python", "hello-world.py")],
    "js": ["gjs", os.path.join(SRC, "examples", "js", "hello-world.js")],
    "vala": [os.path.join(BUILD, "examples", "hello-world-vala")],
}


class HelloWorldTest(unittest.TestCase):
    def test_hello_world(self):
        with Kamailio(users=USERS, transports=("udp",)) as k, tempfile.TemporaryDirectory() as d:
            sdk = SdkApp().start(transports=("udp",))
            try:
                bob = sdk.add_account("bob@example.com", USERS["bob"], proxy=k.proxy_uri("udp"))
                sdk.wait_registered(bob)
                calls = []

                def answer(manager, session):
                    stream = session.get_proposed_streams()[0]
                    stream.set_input("tone:660")
                    stream.set_output("file:" + os.path.join(d, "bob-%d.wav" % len(calls)))
                    calls.append(session)
                    session.send_ring_indication()
                    session.accept([stream])

                sdk.app.get_session_manager().connect("new-incoming", answer)
                for lang, cmd in PROGRAMS.items():
                    with self.subTest(lang=lang):
                        n = len(calls)
                        rec = os.path.join(d, "caller-%s.wav" % lang)
                        proc = subprocess.Popen(cmd + ["alice@example.com", USERS["alice"],
                                                       k.proxy_uri("udp"), "bob", rec],
                                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                                text=True)
                        run_until(lambda: proc.poll() is not None, 30, "%s hello world" % lang)
                        out = proc.stdout.read()
                        proc.stdout.close()
                        self.assertEqual(proc.returncode, 0, out)
                        self.assertIn("Ringing!", out)
                        self.assertIn('Audio session established using "opus" codec at 48000Hz', out)
                        self.assertIn("Session ended", out)
                        self.assertEqual(len(calls), n + 1)
                        heard_by_bob = audio.read_wav(os.path.join(d, "bob-%d.wav" % n))
                        self.assertGreaterEqual(audio.tone_duration(heard_by_bob, 440), 2.4)
                        heard_by_caller = audio.read_wav(rec)
                        self.assertGreaterEqual(audio.tone_duration(heard_by_caller, 660), 2.4)
            finally:
                sdk.stop()


if __name__ == "__main__":
    unittest.main(verbosity=2)
