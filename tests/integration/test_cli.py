# SPDX-License-Identifier: LGPL-2.1-or-later
"""The sipsimple command line: register, message and listen against a real
Kamailio, with accounts given on the command line or from a config dir."""

import os
import subprocess
import tempfile
import time
import unittest

from sipsimpletest import Kamailio
from sipsimpletest.sdk import SipSimple

USERS = {"alice": "alice-pw", "bob": "bob-pw"}


def sipsimple(*args, timeout=40):
    proc = subprocess.run(["sipsimple"] + list(args), capture_output=True, text=True,
                          timeout=timeout)
    return proc.returncode, proc.stdout, proc.stderr


class CliTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.k = Kamailio(users=USERS, transports=("udp", "tcp", "tls"))
        cls.k.start()

    @classmethod
    def tearDownClass(cls):
        cls.k.stop()

    def common(self, user, transport="udp"):
        return ["--account", "%s@example.com" % user, "--password", USERS[user],
                "--proxy", self.k.proxy_uri(transport), "--ip-address", "127.0.0.1",
                "--tls-ca-file", self.k.ca_file, "--timeout", "30"]

    def test_register_once(self):
        for transport in ("udp", "tcp", "tls"):
            with self.subTest(transport=transport):
                code, out, err = sipsimple("register", "--once", *self.common("alice", transport))
                self.assertEqual(code, 0, out + err)
                self.assertIn("Registered alice@example.com as sip", out)
                self.assertIn("Unregistered alice@example.com", out)
                self.assertEqual(self.k.registered_contacts("alice"), [])

    def test_register_transport_option(self):
        args = self.common("alice")
        args[args.index("--proxy") + 1] = "sip:127.0.0.1:%d" % self.k.tcp_port
        code, out, err = sipsimple("register", "--once", "--transport", "tcp", *args)
        self.assertEqual(code, 0, out + err)
        self.assertIn("transport=tcp", out)

    def test_register_wrong_password(self):
        args = self.common("alice")
        args[args.index("--password") + 1] = "wrong"
        code, out, err = sipsimple("register", "--once", *args)
        self.assertEqual(code, 1, out + err)
        self.assertIn("Registration of alice@example.com failed: 403", out)

    def test_message_and_listen(self):
        listener = subprocess.Popen(["sipsimple", "listen", "--count", "2"] + self.common("bob", "tcp"),
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            line = listener.stdout.readline()
            self.assertIn("Registered bob@example.com", line)
            self.assertIn("Listening for messages", listener.stdout.readline())
            for text in ("first message", "second, über"):
                code, out, err = sipsimple("message", "--to", "bob@example.com", text,
                                           *self.common("alice"))
                self.assertEqual(code, 0, out + err)
                self.assertIn("delivered", out)
            out, err = listener.communicate(timeout=20)
            self.assertEqual(listener.returncode, 0, out + err)
            self.assertIn("MESSAGE from <sip:alice@example.com>: first message", out)
            self.assertIn("MESSAGE from <sip:alice@example.com>: second, über", out)
            self.assertIn("Unregistered bob@example.com", out)
        finally:
            if listener.poll() is None:
                listener.kill()
                listener.wait()

    def test_message_failure_exit_status(self):
        code, out, err = sipsimple("message", "--to", "nobody", "hello?", *self.common("alice"))
        self.assertEqual(code, 1)
        self.assertIn("404", out)

    def test_bad_usage(self):
        code, out, err = sipsimple("message", "--to", "bob")
        self.assertEqual(code, 2)
        self.assertIn("TEXT", err)
        code, out, err = sipsimple("register", "--transport", "carrier-pigeon", "--account", "a@b",
                                   "--password", "x")
        self.assertEqual(code, 2)
        self.assertIn("--transport", err)
        code, out, err = sipsimple("frobnicate")
        self.assertEqual(code, 2)
        code, out, err = sipsimple("register", "--account", "not a uri", "--password", "x",
                                   "--ip-address", "127.0.0.1")
        self.assertEqual(code, 2)
        self.assertIn("invalid --account", err)

    def test_account_from_config_dir(self):
        with tempfile.TemporaryDirectory() as d:
            storage = SipSimple.FileStorage.new(d)
            manager = SipSimple.AccountManager.new()
            manager.load(storage)
            account = SipSimple.Account.new("alice@example.com")
            manager.add(account)
            account.set_password(USERS["alice"])
            account.set_outbound_proxy(self.k.proxy_uri("tcp"))
            settings = SipSimple.Settings.new()
            settings.bind_storage(storage)
            settings.props.ip_address = "127.0.0.1"
            del manager, settings
            code, out, err = sipsimple("register", "--once", "--config", d, "--timeout", "30")
            self.assertEqual(code, 0, out + err)
            self.assertIn("Registered alice@example.com", out)
            self.assertIn("transport=tcp", out)
            # a broken config file is a clear error, not a crash
            with open(os.path.join(d, "config.ini"), "a") as f:
                f.write("\n[account alice@example.com]\nenabled=not-a-variant[\n")
            code, out, err = sipsimple("register", "--once", "--config", d, "--timeout", "30")
            self.assertEqual(code, 2, out + err)
            self.assertIn("config.ini", err)

    def test_no_account_configured(self):
        with tempfile.TemporaryDirectory() as d:
            code, out, err = sipsimple("register", "--once", "--config", d, "--timeout", "10")
            self.assertEqual(code, 2)
            self.assertIn("no account configured", err)


if __name__ == "__main__":
    unittest.main(verbosity=2)
