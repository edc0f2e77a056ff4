# SPDX-License-Identifier: LGPL-2.1-or-later
"""Real phones through sipd (C and Python): two baresip instances register
with digest auth and call each other (audio checked both ways, BYE through
the proxy's Record-Route), forking to two registered baresip phones,
linphonec calling a baresip phone, and two sipsimple CLI accounts
exchanging a MESSAGE."""

import os
import shutil
import subprocess
import tempfile
import time
import unittest

from sipsimpletest import SIPD_KINDS, Baresip, Linphone, Sipd

USERS = {"alice": "alice-pw", "bob": "bob-pw", "carol": "carol-pw", "vm": "vm-pw"}
EXAMPLES = os.path.join(os.environ.get("SIPSIMPLE_SOURCE_DIR",
                                       os.path.join(os.path.dirname(__file__), "..", "..")),
                        "examples", "python", "scripts")


def call_with_tones(test, alice, bob, uri):
    """alice (tone 440) calls bob (tone 880) at uri, bob answers, some audio flows both
    ways, alice hangs up; each must have heard the other's tone."""
    mark = len(bob.events)
    alice.dial(uri)
    bob.wait_event("CALL_INCOMING", start=mark)
    bob.accept()
    alice.wait_event("CALL_ESTABLISHED")
    bob.wait_event("CALL_ESTABLISHED")
    alice.wait_event("CALL_RTPESTAB", timeout=10)
    bob.wait_event("CALL_RTPESTAB", timeout=10)
    time.sleep(2.5)                      # some audio both ways
    alice.hangup()
    bob.wait_event("CALL_CLOSED")
    alice.wait_event("CALL_CLOSED")
    freq, power = bob.dominant_tone()
    test.assertEqual(freq, 440, power)
    test.assertGreater(power, 0.5)
    freq, power = alice.dominant_tone()
    test.assertEqual(freq, 880, power)
    test.assertGreater(power, 0.5)


class PeersCase(unittest.TestCase):
    kind = None

    @classmethod
    def setUpClass(cls):
        # bob's example script, with a voicemail box that is a phone here
        cls.scripts = tempfile.mkdtemp(prefix="sipsimpletest-scripts-")
        for name in ("bob.py", "bob.conf"):
            with open(os.path.join(EXAMPLES, name)) as f:
                text = f.read().replace("sip:bob@voicemail.example.com", "sip:vm@example.com")
            with open(os.path.join(cls.scripts, name), "w") as f:
                f.write(text)
        # baresip 1.0 (libre) gives up on a SHA-256 challenge: offer MD5
        cls.server = Sipd(cls.kind, users=USERS, scripts=cls.scripts,
                          extra_args=["--auth-algorithm", "MD5"])
        try:
            cls.server.start()
        except BaseException:
            shutil.rmtree(cls.scripts, ignore_errors=True)
            raise

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        shutil.rmtree(cls.scripts, ignore_errors=True)

    def phone(self, user, tone=440, **kw):
        p = Baresip(user, USERS[user], proxy=self.server.proxy_uri(kw.pop("transport", "udp")),
                    tone=tone, **kw)
        p.start()
        self.addCleanup(p.stop)
        p.wait_registered()
        return p

    def test_baresip_call_with_audio(self):
        alice = self.phone("alice", tone=440)
        bob = self.phone("bob", tone=880, transport="tcp")
        self.server.wait_log(r"REGISTER .*bob@example.com .*src=tcp:.* -> 200")
        call_with_tones(self, alice, bob, "sip:bob@example.com")
        # the in-dialog BYE went through the proxy (Record-Route)
        self.server.wait_log(r"INVITE sip:bob@example.com.* -> 200")
        self.server.wait_log(r"BYE sip:bob.* -> 200")
        self.server.wait_log(r"ACK sip:bob.* -> forwarded")

    def test_baresip_forking(self):
        alice = self.phone("alice")
        bob1 = self.phone("bob", tone=660)
        bob2 = self.phone("bob", tone=880)
        self.server.wait_log(r"REGISTER .*bob@example.com.* -> 200", count=2)
        m1, m2 = len(bob1.events), len(bob2.events)
        alice.dial("sip:bob@example.com")
        bob1.wait_event("CALL_INCOMING", start=m1)
        bob2.wait_event("CALL_INCOMING", start=m2)
        bob2.accept()
        alice.wait_event("CALL_ESTABLISHED")
        # the phone that did not answer was cancelled
        closed = bob1.wait_event("CALL_CLOSED", start=m1)
        self.assertNotIn("CALL_ESTABLISHED", bob1.event_types()[m1:])
        alice.hangup()
        bob2.wait_event("CALL_CLOSED", start=m2)
        self.assertTrue(closed)

    def test_baresip_busy(self):
        # carol has no script: her busy is passed on to the caller
        alice = self.phone("alice")
        carol = self.phone("carol")
        m = len(carol.events)
        alice.dial("sip:carol@example.com")
        carol.wait_event("CALL_INCOMING", start=m)
        carol.hangup()                         # rejects the incoming call
        closed = alice.wait_event("CALL_CLOSED")
        self.assertTrue(closed.get("param", "").startswith("486"), closed)

    def test_baresip_busy_goes_to_voicemail(self):
        # bob's script redirects to his voicemail box (a phone answering
        # by itself) when he is busy; the caller follows the 302
        alice = self.phone("alice", tone=440)
        bob = self.phone("bob")
        vm = self.phone("vm", tone=660, answermode="auto")
        m = len(bob.events)
        alice.dial("sip:bob@example.com")
        bob.wait_event("CALL_INCOMING", start=m)
        bob.hangup()
        established = alice.wait_event("CALL_ESTABLISHED")
        vm.wait_event("CALL_ESTABLISHED")
        self.server.wait_log(r"INVITE sip:bob@example.com.* -> 302")
        self.server.wait_log(r"INVITE sip:vm@example.com.* -> 200")
        self.assertTrue(established)
        alice.wait_event("CALL_RTPESTAB", timeout=10)
        time.sleep(1.5)
        alice.hangup()
        vm.wait_event("CALL_CLOSED")
        self.assertEqual(vm.dominant_tone()[0], 440)

    def test_linphone_calls_baresip(self):
        bob = self.phone("bob")
        carol = Linphone("carol", USERS["carol"], proxy=self.server.proxy_uri("udp"))
        carol.start()
        self.addCleanup(carol.stop)
        carol.wait_registered()
        self.server.wait_log(r"REGISTER .*carol@example.com.* -> 200")
        m = len(bob.events)
        start = carol.mark()
        carol.call("sip:bob@example.com")
        bob.wait_event("CALL_INCOMING", start=m)
        bob.accept()
        carol.wait_output(r"Call \d+ with sip:bob@example.com connected", 10, start)
        bob.wait_event("CALL_ESTABLISHED", start=m)
        carol.terminate()
        bob.wait_event("CALL_CLOSED", start=m)
        self.server.wait_log(r"INVITE sip:bob@example.com .*from=sip:carol@example.com.* -> 200")
        self.server.wait_log(r"BYE .*from=sip:carol@example.com.* -> 200")

    def test_baresip_calls_linphone(self):
        alice = self.phone("alice")
        carol = Linphone("carol", USERS["carol"], proxy=self.server.proxy_uri("udp"))
        carol.start()
        self.addCleanup(carol.stop)
        carol.wait_registered()
        start = carol.mark()
        alice.dial("sip:carol@example.com")
        carol.wait_output(r"Receiving new incoming call from", 10, start)
        carol.answer()
        alice.wait_event("CALL_ESTABLISHED")
        alice.hangup()
        carol.wait_output(r"ended", 10, start)


class CliCase(unittest.TestCase):
    """Two sipsimple command-line accounts register to sipd (digest
    SHA-256, which the SDK prefers) and exchange a MESSAGE through it."""
    kind = None

    def test_cli_message(self):
        with Sipd(self.kind, users=USERS) as server:
            def common(user, transport):
                return ["--account", "%s@example.com" % user, "--password", USERS[user],
                        "--proxy", server.proxy_uri(transport), "--ip-address", "127.0.0.1",
                        "--timeout", "30"]
            listener = subprocess.Popen(["sipsimple", "listen", "--count", "1"] + common("bob", "tcp"),
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            try:
                self.assertIn("Registered bob@example.com", listener.stdout.readline())
                done = subprocess.run(["sipsimple", "message", "--to", "bob@example.com",
                                       "hello through sipd"] + common("alice", "udp"),
                                      capture_output=True, text=True, timeout=40)
                self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
                out, err = listener.communicate(timeout=20)
                self.assertEqual(listener.returncode, 0, out + err)
                self.assertIn("MESSAGE from <sip:alice@example.com>: hello through sipd", out)
            finally:
                if listener.poll() is None:
                    listener.kill()
                    listener.wait()
                for stream in (listener.stdout, listener.stderr):
                    stream.close()
            server.wait_log(r"REGISTER .*bob@example.com.* -> 200")
            server.wait_log(r"MESSAGE sip:bob@example.com.* -> 200")


class DefaultsCase(unittest.TestCase):
    """sipd started with nothing but --listen serves its own address:
    two phones configured as sip:USER@127.0.0.1 register and call each
    other through it (Kamailio serves its own addresses by default too)."""
    kind = None

    def test_no_options_call(self):
        with Sipd(self.kind, domain=None, transports=("udp",)) as server:
            self.assertNotIn("--domain", server.command())
            server.wait_log(r"no --domain given: serving .*127\.0\.0\.1")
            phones = {}
            for user, tone in (("alice", 440), ("bob", 880)):
                p = Baresip(user, domain="127.0.0.1", proxy=server.proxy_uri("udp"), tone=tone)
                p.start()
                self.addCleanup(p.stop)
                p.wait_registered()
                phones[user] = p
            alice, bob = phones["alice"], phones["bob"]
            server.wait_log(r"REGISTER .*bob@127\.0\.0\.1.* -> 200")
            call_with_tones(self, alice, bob, "sip:bob@127.0.0.1")
            server.wait_log(r"INVITE sip:bob@127\.0\.0\.1.* -> 200")
            server.wait_log(r"BYE sip:bob.* -> 200")



for _kind in SIPD_KINDS:
    for _base in (PeersCase, CliCase, DefaultsCase):
        _name = "%s_%s" % (_base.__name__, _kind)
        globals()[_name] = type(_name, (_base,), {"kind": _kind})
del PeersCase, CliCase, DefaultsCase, _base

if __name__ == "__main__":
    unittest.main()
