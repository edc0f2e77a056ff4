# SPDX-License-Identifier: LGPL-2.1-or-later
"""Each language sees a buddy's presence change through Kamailio's
presence server: Python in-process, GJS and Vala as programs (one account
publishes, another watches it as a buddy)."""

import os
import subprocess
import unittest

from sipsimpletest import Kamailio
from sipsimpletest.sdk import SdkApp, SipSimple, run_until

USERS = {"alice": "a-pw", "bob": "b-pw", "carol": "c-pw", "dave": "d-pw", "erin": "e-pw",
         "frank": "f-pw"}
SRC = os.environ.get("SIPSIMPLE_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("SIPSIMPLE_BUILD_DIR", os.path.join(SRC, "build"))


class PresenceLanguagesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.k = Kamailio(users=USERS, transports=("udp", "tcp"), presence=True)
        cls.k.start()

    @classmethod
    def tearDownClass(cls):
        cls.k.stop()

    def program(self, cmd, watched, watcher):
        p = subprocess.run(cmd + [self.k.proxy_uri("udp"), "%s@example.com" % watched, USERS[watched],
                                  "%s@example.com" % watcher, USERS[watcher]],
                           capture_output=True, text=True, timeout=40)
        return p.returncode, p.stdout + p.stderr

    def test_python(self):
        sdk = SdkApp().start(transports=("udp", "tcp"))
        try:
            alice = sdk.add_account("alice@example.com", USERS["alice"], proxy=self.k.proxy_uri("udp"),
                                    presence_enabled=True, presence_note="hello from python")
            bob = sdk.add_account("bob@example.com", USERS["bob"], proxy=self.k.proxy_uri("tcp"),
                                  presence_enabled=True)
            bob.add_buddy("alice", "Alice")
            buddies = bob.get_buddies()
            self.assertEqual(buddies.get_n_items(), 1)
            buddy = buddies[0]
            updates = []
            buddy.connect("notify::status", lambda b, p: updates.append((b.props.status, b.props.note)))
            run_until(lambda: (SipSimple.PresenceStatus.ONLINE, "hello from python") in updates, 10,
                      "alice online")
            alice.props.presence_note = "away from python"
            alice.props.presence_status = SipSimple.PresenceStatus.AWAY
            run_until(lambda: updates[-1] == (SipSimple.PresenceStatus.AWAY, "away from python"), 5,
                      "alice away: %r" % updates)
            self.assertEqual(list(buddy.props.activities), ["away"])
            self.assertEqual(buddy.get_pidf().get_entity(), "sip:alice@example.com")
        finally:
            sdk.stop()

    def test_gjs(self):
        code, out = self.program(["gjs", os.path.join(SRC, "tests", "bindings", "presence.js")],
                                 "carol", "dave")
        self.assertEqual(code, 0, out)
        self.assertIn("buddies 1 sip:carol@example.com Watched", out)
        self.assertIn("buddy update sip:carol@example.com online hello from gjs", out)
        self.assertIn("buddy update sip:carol@example.com away away from gjs", out)
        self.assertIn("activities away", out)

    def test_vala(self):
        exe = os.path.join(BUILD, "tests", "bindings-presence-vala")
        self.assertTrue(os.path.exists(exe), "the Vala presence program was not built")
        code, out = self.program([exe], "erin", "frank")
        self.assertEqual(code, 0, out)
        self.assertIn("buddy update sip:erin@example.com online hello from vala", out)
        self.assertIn("buddy update sip:erin@example.com away away from vala", out)


if __name__ == "__main__":
    unittest.main(verbosity=2)
