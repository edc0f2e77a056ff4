# SPDX-License-Identifier: LGPL-2.1-or-later
"""Chat and file transfer from each language through the typelib: Python
in-process, a GJS program and a Vala program each put a ChatStream and a
FileTransferStream in one session between two accounts on the project's
sipd, send a chat message and a file, and check both arrive."""

import hashlib
import os
import subprocess
import tempfile
import unittest

from sipsimpletest import Sipd
from sipsimpletest.sdk import SdkApp, SipSimple, run_until

USERS = {"alice": "a-pw", "bob": "b-pw"}
SRC = os.environ.get("SIPSIMPLE_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("SIPSIMPLE_BUILD_DIR", os.path.join(SRC, "build"))


class MsrpStreamsLanguagesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Sipd("c", users=USERS, transports=("udp", "tcp"))
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.src = os.path.join(self.dir.name, "photo.jpg")
        self.data = os.urandom(1024 * 1024 + 5)
        with open(self.src, "wb") as f:
            f.write(self.data)
        self.dest = os.path.join(self.dir.name, "got.jpg")

    def tearDown(self):
        self.dir.cleanup()

    def received(self):
        with open(self.dest, "rb") as f:
            return hashlib.sha1(f.read()).digest() == hashlib.sha1(self.data).digest()

    def run_program(self, cmd):
        proc = subprocess.run(cmd + [self.server.proxy_uri("udp"), USERS["alice"], USERS["bob"], self.src, self.dest],
                              capture_output=True, text=True, timeout=40)
        return proc.returncode, proc.stdout + proc.stderr

    def test_python(self):
        sdk = SdkApp().start(transports=("udp", "tcp"))
        try:
            alice = sdk.add_account("alice@example.com", USERS["alice"], proxy=self.server.proxy_uri("udp"))
            bob = sdk.add_account("bob@example.com", USERS["bob"], proxy=self.server.proxy_uri("udp"))
            sdk.wait_registered(alice)
            sdk.wait_registered(bob)
            got = {}

            def incoming(manager, session):
                streams = session.get_proposed_streams()
                for s in streams:
                    if isinstance(s, SipSimple.ChatStream):
                        s.connect("message-received", lambda st, i, who, t, body, when: got.update(text=body))
                    else:
                        got["offered"] = s.get_file_selector().get_name()
                        s.set_destination_path(self.dest)
                        s.connect("finished", lambda st: got.update(file=True))
                session.accept(streams)

            sdk.app.get_session_manager().connect("new-incoming", incoming)
            chat = SipSimple.ChatStream.new()
            ft = SipSimple.FileTransferStream.new_for_path(self.src, None)
            delivered = []
            chat.connect("message-delivered", lambda st, i: delivered.append(i))
            mid = chat.send_message("text/plain", "hello from python")
            session = SipSimple.Session.new(alice)
            session.connect_to("bob", [chat, ft])
            run_until(lambda: "file" in got and "text" in got and delivered, 20, "chat and file")
            self.assertEqual(got["text"], "hello from python")
            self.assertEqual(got["offered"], "photo.jpg")
            self.assertEqual(delivered, [mid])
            self.assertTrue(self.received())
            session.end()
        finally:
            sdk.stop()

    def test_gjs(self):
        code, out = self.run_program(["gjs", os.path.join(SRC, "tests", "bindings", "chat-file.js")])
        self.assertEqual(code, 0, out)
        self.assertIn("chat received alice@example.com hello from gjs", out)
        self.assertIn("file offered photo.jpg %d" % len(self.data), out)
        self.assertIn("all done", out)
        self.assertTrue(self.received())

    def test_vala(self):
        exe = os.path.join(BUILD, "tests", "bindings-chat-file-vala")
        self.assertTrue(os.path.exists(exe), "the Vala test program was not built")
        code, out = self.run_program([exe])
        self.assertEqual(code, 0, out)
        self.assertIn("chat received alice@example.com hello from vala", out)
        self.assertIn("all done", out)
        self.assertTrue(self.received())


if __name__ == "__main__":
    unittest.main()
