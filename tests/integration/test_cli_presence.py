# SPDX-License-Identifier: LGPL-2.1-or-later
"""The presence commands of the sipsimple tool against Kamailio's presence
server: publish-presence, subscribe-presence (each update printed),
subscribe-winfo, subscribe-mwi and xcap get/put of the buddy list."""

import os
import signal
import subprocess
import time
import unittest

from sipsimpletest import Kamailio, SipClient

USERS = {"alice": "alice-pw", "bob": "bob-pw", "carol": "carol-pw"}
SIPSIMPLE = os.path.join(os.environ.get("SIPSIMPLE_BUILD_DIR", "build"), "tools", "sipsimple")


class CliPresenceTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.k = Kamailio(users=USERS, transports=("udp", "tcp"), presence=True)
        cls.k.start()

    @classmethod
    def tearDownClass(cls):
        cls.k.stop()

    def args(self, user, *more, transport="udp"):
        return [SIPSIMPLE, more[0], "--account", "%s@example.com" % user, "--password", USERS[user],
                "--proxy", self.k.proxy_uri(transport), "--ip-address", "127.0.0.1",
                "--timeout", "20"] + list(more[1:])

    def run_cli(self, user, *more, timeout=25):
        p = subprocess.run(self.args(user, *more), capture_output=True, text=True, timeout=timeout)
        return p.returncode, p.stdout, p.stderr

    def spawn(self, user, *more, transport="udp"):
        p = subprocess.Popen(self.args(user, *more, transport=transport), stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
        def cleanup():
            if p.poll() is None:
                p.kill()
            p.wait(10)
            p.stdout.close()
        self.addCleanup(cleanup)
        return p

    @staticmethod
    def read_line(p, needle, timeout=10):
        deadline = time.monotonic() + timeout
        seen = []
        while time.monotonic() < deadline:
            line = p.stdout.readline()
            if not line:
                break
            seen.append(line)
            if needle in line:
                return line
        raise AssertionError("no line with %r in %r" % (needle, seen))

    def test_publish_and_subscribe(self):
        # no --count: Kamailio may send an extra NOTIFY (a refresh, a
        # publication's expiry) between the changes; the watcher is stopped
        # once it printed "offline"
        watcher = self.spawn("bob", "subscribe-presence", "alice", transport="tcp")
        pub = self.spawn("alice", "publish-presence", "--status", "away", "--note", "out for lunch")
        self.read_line(pub, "Published presence of alice@example.com: away \"out for lunch\"")
        self.read_line(watcher, 'sip:alice@example.com: away "out for lunch" activities: away')
        # a second publisher changes it; the first one ends and removes its state
        code, out, _ = self.run_cli("alice", "publish-presence", "--status", "busy", "--once")
        self.assertEqual(code, 0, out)
        self.assertIn("Published presence of alice@example.com: busy", out)
        self.assertIn("Presence of alice@example.com removed", out)
        self.read_line(watcher, "sip:alice@example.com: busy")
        # the --once publisher removed its state: the first one's is left
        self.read_line(watcher, 'sip:alice@example.com: away "out for lunch"')
        pub.send_signal(signal.SIGINT)
        self.assertIn("Presence of alice@example.com removed", pub.communicate(timeout=10)[0])
        self.assertEqual(pub.returncode, 0)
        self.read_line(watcher, "sip:alice@example.com: offline")
        watcher.send_signal(signal.SIGINT)
        watcher.wait(10)
        self.assertEqual(watcher.returncode, 0)

    def test_watcher_info(self):
        winfo = self.spawn("carol", "subscribe-winfo", "--count", "2")
        self.read_line(winfo, "No watchers")
        watcher = self.spawn("bob", "subscribe-presence", "carol")
        self.read_line(winfo, "Watcher sip:bob@example.com: active (subscribe) of presence")
        winfo.wait(10)
        self.assertEqual(winfo.returncode, 0)

    def test_message_summary(self):
        mwi = self.spawn("alice", "subscribe-mwi", "--count", "1", "--voicemail", "alice")
        time.sleep(0.3)
        vm = self.k.client("alice", "udp")
        resp = vm.request("PUBLISH", self.k.aor("alice"), headers=[("Event", "message-summary"),
                                                                  ("Expires", "60")],
                          content_type="application/simple-message-summary",
                          body=b"Messages-Waiting: yes\r\nVoice-Message: 3/5 (1/0)\r\n")
        self.assertEqual(resp.code, 200)
        self.read_line(mwi, "Messages waiting: yes, 3 new, 5 old (urgent 1/0)")
        mwi.wait(10)
        self.assertEqual(mwi.returncode, 0)

    def test_xcap_buddy_list(self):
        code, out, err = self.run_cli("bob", "xcap", "get", "--xcap-root", self.k.xcap_root)
        self.assertEqual(code, 1)
        self.assertIn("No buddy list on the server", out)
        code, out, err = self.run_cli("bob", "xcap", "put", "--xcap-root", self.k.xcap_root,
                                      "alice", '"Carol" <sip:carol@example.com>')
        self.assertEqual(code, 0, out + err)
        self.assertIn("Stored the buddy list of bob@example.com", out)
        code, out, err = self.run_cli("bob", "xcap", "get", "--xcap-root", self.k.xcap_root)
        self.assertEqual(code, 0, out + err)
        self.assertIn("<sip:alice@example.com>\n", out)
        self.assertIn('"Carol" <sip:carol@example.com>\n', out)
        self.assertIn("2 buddies", out)
        code, out, err = self.run_cli("bob", "xcap", "get", "--raw", "--xcap-root", self.k.xcap_root)
        self.assertIn("<resource-lists", out)
        # bad usage
        code, out, err = self.run_cli("bob", "xcap", "frob")
        self.assertEqual(code, 2)
        code, out, err = self.run_cli("bob", "xcap", "get")
        self.assertEqual(code, 2)
        self.assertIn("no XCAP root", err)
        code, out, err = self.run_cli("bob", "xcap", "get", "--xcap-root", self.k.xcap_root.replace(
            "http", "ftp"))
        self.assertEqual(code, 2)

    def test_errors(self):
        code, out, err = self.run_cli("alice", "publish-presence", "--status", "dnd")
        self.assertEqual(code, 2)
        self.assertIn("--status must be", err)
        code, out, err = self.run_cli("alice", "subscribe-presence")
        self.assertEqual(code, 2)
        p = subprocess.run(self.args("alice", "publish-presence", "--once")[:4]
                           + ["--password", "wrong", "--proxy", self.k.proxy_uri("udp"), "--once"],
                           capture_output=True, text=True, timeout=20)
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        self.assertIn("failed: 403", p.stdout)
        p = subprocess.run(self.args("bob", "subscribe-presence")[:4]
                           + ["--password", "wrong", "--proxy", self.k.proxy_uri("udp"), "alice"],
                           capture_output=True, text=True, timeout=20)
        self.assertEqual(p.returncode, 1, p.stdout + p.stderr)
        self.assertIn("sip:alice@example.com: presence subscription failed: 403", p.stdout)


if __name__ == "__main__":
    unittest.main(verbosity=2)
