# SPDX-License-Identifier: LGPL-2.1-or-later
"""The sipsimple chat, send-file and answer --accept-files commands through
the project's sipd: chat lines piped in are all delivered before the
command exits; a file arrives byte-identical with its hash verified; bad
usage is refused. And both through Kamailio, as SIP proxy and as MSRP
relay (--msrp-relay: AUTH with the account's credentials, Use-Path)."""

import hashlib
import os
import pty
import select
import subprocess
import tempfile
import time
import unittest

from sipsimpletest import Kamailio, Sipd

USERS = {"alice": "a-pw", "bob": "b-pw"}


class MsrpCliTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Sipd("c", users=USERS, transports=("udp", "tcp"))
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    def common(self, user):
        return ["--account", "%s@example.com" % user, "--password", USERS[user],
                "--proxy", self.server.proxy_uri("udp"), "--ip-address", "127.0.0.1", "--timeout", "30"]

    def answer(self, *extra):
        ans = subprocess.Popen(["sipsimple", "answer", "--count", "1"] + list(extra) + self.common("bob"),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.assertIn("Registered bob", ans.stdout.readline())
        self.assertIn("Waiting for calls", ans.stdout.readline())
        return ans

    def finish(self, ans):
        try:
            out, _ = ans.communicate(timeout=20)
        finally:
            if ans.poll() is None:
                ans.kill()
                ans.wait()
        return out

    def test_chat_from_a_pipe(self):
        ans = self.answer()
        lines = ["hello bob", "second line, über", "third"]
        chat = subprocess.run(["sipsimple", "chat", "--to", "bob"] + self.common("alice"),
                              input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=40)
        self.assertEqual(chat.returncode, 0, chat.stdout + chat.stderr)
        self.assertIn("Chatting with bob", chat.stdout)
        self.assertIn("All messages delivered", chat.stdout)
        out = self.finish(ans)
        self.assertEqual(ans.returncode, 0, out)
        self.assertIn("Chat offered", out)
        got = [line for line in out.splitlines() if line.startswith("alice@example.com: ")]
        self.assertEqual(got, ["alice@example.com: " + line for line in lines])
        self.assertIn("Call ended by remote", out)

    def test_chat_on_a_terminal_shows_typing(self):
        ans = self.answer()
        master, slave = pty.openpty()
        chat = subprocess.Popen(["sipsimple", "chat", "--to", "bob"] + self.common("alice"),
                                stdin=slave, stdout=slave, stderr=slave, close_fds=True)
        os.close(slave)
        seen = b""

        def read_until(what, timeout=15):
            nonlocal seen
            deadline = time.monotonic() + timeout
            while what not in seen:
                left = deadline - time.monotonic()
                self.assertGreater(left, 0, "no %r in %r" % (what, seen))
                if select.select([master], [], [], left)[0]:
                    try:
                        seen += os.read(master, 4096)
                    except OSError:
                        break
            return seen

        def ans_until(what):
            lines = []
            while True:
                line = ans.stdout.readline()
                self.assertTrue(line, "answer ended before %r: %s" % (what, lines))
                lines.append(line)
                if what in line:
                    return lines

        try:
            read_until(b"established")
            os.write(master, "hé".encode())
            ans_until("alice@example.com is typing...")
            os.write(master, b"x\x7fllo\r")        # a typo erased, then Enter
            lines = ans_until("alice@example.com: héllo")
            self.assertIn("alice@example.com stopped typing\n", lines)   # a message ends typing
            read_until(b"h\xc3\xa9x\b \bllo")      # echoed as typed
            os.write(master, b"\x04")             # Ctrl-D ends the chat
            status = chat.wait(timeout=15)
            try:
                while select.select([master], [], [], 0.2)[0]:
                    seen += os.read(master, 4096)
            except OSError:
                pass
            self.assertEqual(status, 0, seen.decode(errors="replace"))
        finally:
            if chat.poll() is None:
                chat.kill()
                chat.wait()
            os.close(master)
        out = self.finish(ans)
        self.assertIn("Call ended by remote", out)

    def test_send_file_and_accept_files(self):
        src = os.path.join(self.dir.name, "report.bin")
        data = os.urandom(5 * 1024 * 1024 + 3)
        with open(src, "wb") as f:
            f.write(data)
        inbox = os.path.join(self.dir.name, "inbox")
        os.mkdir(inbox)
        ans = self.answer("--accept-files", inbox)
        send = subprocess.run(["sipsimple", "send-file", "--to", "bob", src] + self.common("alice"),
                              capture_output=True, text=True, timeout=40)
        self.assertEqual(send.returncode, 0, send.stdout + send.stderr)
        self.assertIn("Progress: %d/%d bytes (100%%" % (len(data), len(data)), send.stdout)
        self.assertIn("File sent: report.bin (%d bytes, sha-1:" % len(data), send.stdout)
        out = self.finish(ans)
        self.assertEqual(ans.returncode, 0, out)
        self.assertIn("File offered: report.bin (%d bytes" % len(data), out)
        self.assertIn("hash verified", out)
        with open(os.path.join(inbox, "report.bin"), "rb") as f:
            self.assertEqual(hashlib.sha1(f.read()).digest(), hashlib.sha1(data).digest())

    def test_send_file_progress_bar_on_a_terminal(self):
        src = os.path.join(self.dir.name, "bar.bin")
        with open(src, "wb") as f:
            f.write(os.urandom(3 * 1024 * 1024))
        inbox = os.path.join(self.dir.name, "in")
        os.mkdir(inbox)
        ans = self.answer("--accept-files", inbox)
        master, slave = pty.openpty()
        send = subprocess.Popen(["sipsimple", "send-file", "--to", "bob", src] + self.common("alice"),
                                stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, close_fds=True)
        os.close(slave)
        seen = b""
        try:
            while send.poll() is None or select.select([master], [], [], 0)[0]:
                if select.select([master], [], [], 1)[0]:
                    try:
                        chunk = os.read(master, 4096)
                    except OSError:
                        break
                    if not chunk:
                        break
                    seen += chunk
            self.assertEqual(send.wait(timeout=30), 0, seen)
        finally:
            if send.poll() is None:
                send.kill()
                send.wait()
            os.close(master)
        text = seen.decode()
        # redrawn in place: bar, percentage, bytes, rate (g_format_size's no-break spaces)
        self.assertRegex(text, "\r\\[#{30}\\] 100% 3\\.0\u00a0MiB / 3\\.0\u00a0MiB +[0-9.]+\u00a0[KMG]iB/s")
        self.assertEqual(text.count("] 100%"), 1)
        self.assertNotIn("Progress:", text)
        self.finish(ans)

    def test_files_refused_without_accept_files(self):
        src = os.path.join(self.dir.name, "x.txt")
        with open(src, "w") as f:
            f.write("x")
        ans = self.answer()
        send = subprocess.run(["sipsimple", "send-file", "--to", "bob", src] + self.common("alice"),
                              capture_output=True, text=True, timeout=40)
        self.assertEqual(send.returncode, 1, send.stdout + send.stderr)
        self.assertIn("488", send.stdout)
        ans.kill()
        ans.wait()
        ans.stdout.close()

    def test_bad_usage(self):
        for args, message in ((["chat"], "chat needs --to"),
                              (["send-file", "--to", "bob"], "send-file needs --to URI and one FILE"),
                              (["send-file", "--to", "bob", "/no/such/file"], "no such file"),
                              (["answer", "--accept-files", "/no/such/dir"], "not a directory")):
            proc = subprocess.run(["sipsimple"] + args, capture_output=True, text=True, timeout=10)
            self.assertEqual(proc.returncode, 2, args)
            self.assertIn(message, proc.stderr)


class MsrpRelayCliTest(unittest.TestCase):
    """alice and bob each reach the other only through Kamailio's MSRP
    relay: the SDP paths start with the relay's Use-Path, and Kamailio's
    log shows both AUTHs."""

    @classmethod
    def setUpClass(cls):
        cls.k = Kamailio(users=USERS, transports=("udp", "tcp"), msrp_relay=True)
        cls.k.start()

    @classmethod
    def tearDownClass(cls):
        cls.k.stop()

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    def common(self, user):
        return ["--account", "%s@example.com" % user, "--password", USERS[user],
                "--proxy", self.k.proxy_uri("udp"), "--ip-address", "127.0.0.1", "--timeout", "30",
                "--msrp-relay", self.k.msrp_relay_uri("tcp")]

    def test_send_file_and_chat_through_the_relay(self):
        src = os.path.join(self.dir.name, "relayed.bin")
        data = os.urandom(3 * 1024 * 1024 + 11)
        with open(src, "wb") as f:
            f.write(data)
        inbox = os.path.join(self.dir.name, "inbox")
        os.mkdir(inbox)
        ans = subprocess.Popen(["sipsimple", "answer", "--count", "2", "--accept-files", inbox]
                               + self.common("bob"),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            self.assertIn("Registered bob", ans.stdout.readline())
            self.assertIn("Waiting for calls", ans.stdout.readline())
            send = subprocess.run(["sipsimple", "send-file", "--to", "bob", src] + self.common("alice"),
                                  capture_output=True, text=True, timeout=60)
            self.assertEqual(send.returncode, 0, send.stdout + send.stderr)
            self.assertIn("Progress: %d/%d bytes (100%%" % (len(data), len(data)), send.stdout)
            chat = subprocess.run(["sipsimple", "chat", "--to", "bob"] + self.common("alice"),
                                  input="via the relay\n", capture_output=True, text=True, timeout=40)
            self.assertEqual(chat.returncode, 0, chat.stdout + chat.stderr)
            self.assertIn("All messages delivered", chat.stdout)
            out, _ = ans.communicate(timeout=30)
        finally:
            if ans.poll() is None:
                ans.kill()
                ans.wait()
        self.assertEqual(ans.returncode, 0, out)
        self.assertIn("hash verified", out)
        self.assertIn("alice@example.com: via the relay", out)
        with open(os.path.join(inbox, "relayed.bin"), "rb") as f:
            self.assertEqual(hashlib.sha1(f.read()).digest(), hashlib.sha1(data).digest())
        log = self.k.log()
        self.assertIn("msrp-auth-ok au=alice", log)
        self.assertIn("msrp-auth-ok au=bob", log)

    def test_bad_relay_uri(self):
        bad = subprocess.run(["sipsimple", "send-file", "--to", "bob", __file__]
                             + self.common("alice")[:-1] + ["relay.example.com"],
                             capture_output=True, text=True, timeout=20)
        self.assertEqual(bad.returncode, 2, bad.stdout + bad.stderr)
        self.assertIn("invalid --msrp-relay", bad.stderr + bad.stdout)


if __name__ == "__main__":
    unittest.main(verbosity=2)
