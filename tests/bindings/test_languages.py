# SPDX-License-Identifier: LGPL-2.1-or-later
"""Each language registers two accounts against a real Kamailio and
exchanges a MESSAGE (GJS and Vala programs, Python in-process), and each
`examples/*/send-message` program delivers a message."""

import os
import subprocess
import unittest

from sipsimpletest import Kamailio
from sipsimpletest.sdk import SdkApp

USERS = {"alice": "alice-pw", "bob": "bob-pw"}
SRC = os.environ.get("SIPSIMPLE_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("SIPSIMPLE_BUILD_DIR", os.path.join(SRC, "build"))


def run(cmd, timeout=40):
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    return proc.returncode, proc.stdout + proc.stderr


class LanguagesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.k = Kamailio(users=USERS, transports=("udp", "tcp", "tls"))
        cls.k.start()

    @classmethod
    def tearDownClass(cls):
        cls.k.stop()

    def test_python(self):
        sdk = SdkApp().start(ca_file=self.k.ca_file)
        try:
            alice = sdk.add_account("alice@example.com", USERS["alice"], proxy=self.k.proxy_uri("tls"))
            bob = sdk.add_account("bob@example.com", USERS["bob"], proxy=self.k.proxy_uri("tcp"))
            sdk.wait_registered(alice)
            sdk.wait_registered(bob)
            sdk.send_text(alice, "bob", "hello from python")
            self.assertEqual(sdk.wait_messages(bob)[0].get_text(), "hello from python")
        finally:
            sdk.stop()

    def test_gjs(self):
        code, out = run(["gjs", os.path.join(SRC, "tests", "bindings", "exchange.js"),
                         self.k.proxy_uri("tcp"), self.k.ca_file, USERS["alice"], USERS["bob"]])
        self.assertEqual(code, 0, out)
        self.assertIn("received alice@example.com hello from gjs", out)
        self.assertIn("sent true", out)
        self.assertIn("rejected 404 true", out)
        self.assertIn("cancelled true", out)

    def test_vala(self):
        exe = os.path.join(BUILD, "tests", "bindings-exchange-vala")
        self.assertTrue(os.path.exists(exe), "the Vala test program was not built")
        code, out = run([exe, self.k.proxy_uri("udp"), self.k.ca_file, USERS["alice"], USERS["bob"]])
        self.assertEqual(code, 0, out)
        self.assertIn("received alice@example.com hello from vala", out)
        self.assertIn("sent true", out)
        self.assertIn("rejected 404 true", out)

    def examples(self):
        return {
            "c": [os.path.join(BUILD, "examples", "send-message")],
            "python": ["/usr/bin/python3", os.path.join(SRC, "examples", "python", "send-message.py")],
            "js": ["gjs", os.path.join(SRC, "examples", "js", "send-message.js")],
            "vala": [os.path.join(BUILD, "examples", "send-message-vala")],
        }

    def test_examples_send_message(self):
        bob = self.k.client("bob", "udp")
        bob.register()
        bob.auto_answer("MESSAGE", 200)
        for lang, cmd in self.examples().items():
            with self.subTest(lang=lang):
                text = "example in " + lang
                code, out = run(cmd + ["alice@example.com", USERS["alice"], self.k.proxy_uri("udp"),
                                       "bob@example.com", text])
                self.assertEqual(code, 0, out)
                self.assertIn("delivered", out)
                self.assertEqual(bob.wait_request("MESSAGE", predicate=lambda r: r.text == text).text, text)

    def test_examples_report_failure(self):
        for lang, cmd in self.examples().items():
            with self.subTest(lang=lang):
                code, out = run(cmd + ["alice@example.com", USERS["alice"], self.k.proxy_uri("udp"),
                                       "nobody@example.com", "lost"])
                self.assertNotEqual(code, 0, out)
                self.assertIn("404", out)


if __name__ == "__main__":
    unittest.main(verbosity=2)
