# SPDX-License-Identifier: LGPL-2.1-or-later
"""sipsimple account add|list|show|set|remove|default on a configuration
directory (issue 16, point 3): the password from a terminal (a pty, with
echo off), --password-file or SIPSIMPLE_PASSWORD, never from argv; the
other commands then use the stored default account against sipd with
digest authentication, and a disabled account is a clear error."""

import os
import pty
import select
import shutil
import subprocess
import tempfile
import time
import unittest

from sipsimpletest import Sipd
from sipsimpletest.sdk import SipSimple

USERS = {"alice": "alice-pw", "bob": "bob-pw"}


def sipsimple(*args, env=None, stdin=subprocess.DEVNULL, input=None, new_session=True,
              timeout=40):
    """Runs sipsimple without a controlling terminal (new_session): a test
    run from a terminal must not be asked anything there."""
    environ = dict(os.environ)
    environ.pop("SIPSIMPLE_PASSWORD", None)
    environ.update(env or {})
    if input is not None:
        stdin = None
    proc = subprocess.run(["sipsimple"] + list(args), capture_output=True, text=True,
                          timeout=timeout, env=environ, stdin=stdin, input=input,
                          start_new_session=new_session)
    return proc.returncode, proc.stdout, proc.stderr


def config_text(directory):
    with open(os.path.join(directory, "config.ini")) as f:
        return f.read()


def stored_accounts(directory):
    """{id: account} as the library reads the directory back."""
    storage = SipSimple.FileStorage.new(directory)
    storage.load()
    manager = SipSimple.AccountManager.new()
    manager.load(storage)
    accounts = {}
    for i in range(manager.get_n_items()):
        account = manager.get_item(i)
        accounts[account.get_id()] = account
    default = manager.get_default_account()
    return accounts, default.get_id() if default else None


def run_on_pty(argv, answer, env=None, timeout=20):
    """Runs argv on a new pty (its controlling terminal); answers the
    password prompt with answer. Returns (status, prompt, rest of output)."""
    environ = dict(os.environ)
    environ.pop("SIPSIMPLE_PASSWORD", None)
    environ.update(env or {})
    pid, fd = pty.fork()
    if pid == 0:
        try:
            os.execvpe(argv[0], argv, environ)
        finally:
            os._exit(127)
    output = b""
    deadline = time.monotonic() + timeout

    def read_some():
        nonlocal output
        ready, _, _ = select.select([fd], [], [], 0.2)
        if not ready:
            return True
        try:
            data = os.read(fd, 4096)
        except OSError:  # EIO: the child closed the terminal
            return False
        output += data
        return bool(data)

    try:
        while b"Password for" not in output or not output.rstrip(b" ").endswith(b":"):
            if time.monotonic() > deadline or not read_some():
                raise AssertionError("no password prompt: %r" % output)
        prompt, output = output, b""
        os.write(fd, answer.encode() + b"\n")
        while time.monotonic() < deadline and read_some():
            pass
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    return os.waitstatus_to_exitcode(status), prompt.decode(), output.decode()


class AccountCommandsTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="sipsimple-accounts-")
        self.addCleanup(shutil.rmtree, self.dir, True)

    def account(self, *args, **kw):
        return sipsimple("account", args[0], "-c", self.dir, *args[1:], **kw)

    def test_round_trip(self):
        code, out, err = self.account("add", "sip:alice@example.com", "--proxy",
                                      "sip:127.0.0.1:5070", "-t", "tcp", "--display-name", "Alice",
                                      "srtp=mandatory", "audio-codecs=opus, PCMU",
                                      env={"SIPSIMPLE_PASSWORD": "alice-pw"})
        self.assertEqual((code, err), (0, ""), out)
        self.assertEqual(out, "Added alice@example.com (the default account)\n")
        code, out, err = self.account("add", "bob@example.com", "--disable", "--username", "bob7",
                                      "--no-password")
        self.assertEqual((code, err), (0, ""), out)
        self.assertEqual(out, "Added bob@example.com (disabled)\n")

        code, out, err = self.account("list")
        self.assertEqual((code, err), (0, ""))
        self.assertEqual(out, "* alice@example.com  enabled\n"
                              "  bob@example.com    disabled\n")

        code, out, err = self.account("show", "alice@example.com")
        self.assertEqual((code, err), (0, ""))
        shown = dict(line.split(":", 1) for line in out.splitlines())
        shown = {k: v.strip() for k, v in shown.items()}
        self.assertEqual(shown["account"], "alice@example.com")
        self.assertEqual(shown["default"], "yes")
        self.assertEqual(shown["display-name"], "Alice")
        self.assertEqual(shown["outbound-proxy"], "sip:127.0.0.1:5070;transport=tcp")
        self.assertEqual(shown["srtp"], "mandatory")
        self.assertEqual(shown["audio-codecs"], "opus, PCMU")
        self.assertEqual(shown["enabled"], "true")
        self.assertEqual(shown["password"], "(set)")
        self.assertNotIn("alice-pw", out)
        code, out, err = self.account("show", "bob@example.com")
        self.assertIn("password:", out)
        self.assertRegex(out, r"(?m)^password: +\(not set\)$")
        self.assertRegex(out, r"(?m)^auth-username: +bob7$")

        # the library reads back what the commands stored
        accounts, default = stored_accounts(self.dir)
        self.assertEqual(sorted(accounts), ["alice@example.com", "bob@example.com"])
        self.assertEqual(default, "alice@example.com")
        self.assertEqual(accounts["alice@example.com"].props.password, "alice-pw")
        self.assertEqual(accounts["alice@example.com"].props.display_name, "Alice")
        self.assertFalse(accounts["bob@example.com"].props.enabled)
        del accounts

        # set: KEY=VALUE and options; a text unset with KEY=
        code, out, err = self.account("set", "alice@example.com", "register-interval=300",
                                      "display-name=", "--transport", "udp", "use-cpim=yes")
        self.assertEqual((code, err), (0, ""), out)
        self.assertEqual(out, "Changed alice@example.com\n")
        code, out, err = self.account("set", "bob@example.com", "--enable")
        self.assertEqual(code, 0, err)
        code, out, err = self.account("show", "alice@example.com")
        self.assertRegex(out, r"(?m)^register-interval: +300$")
        self.assertRegex(out, r"(?m)^display-name: +\(not set\)$")
        self.assertRegex(out, r"(?m)^use-cpim: +true$")
        self.assertRegex(out, r"(?m)^outbound-proxy: +sip:127.0.0.1:5070;transport=udp$")

        # default
        code, out, err = self.account("default")
        self.assertEqual((code, out), (0, "alice@example.com\n"))
        code, out, err = self.account("default", "bob@example.com")
        self.assertEqual((code, out), (0, "bob@example.com is the default account\n"))
        code, out, err = self.account("list")
        self.assertEqual(out, "  alice@example.com  enabled\n"
                              "* bob@example.com    enabled\n")

        # remove: the default goes with it
        code, out, err = self.account("remove", "sip:bob@example.com")
        self.assertEqual((code, out, err), (0, "Removed bob@example.com\n", ""))
        code, out, err = self.account("list")
        self.assertEqual(out, "* alice@example.com  enabled\n")
        accounts, default = stored_accounts(self.dir)
        self.assertEqual(list(accounts), ["alice@example.com"])
        self.assertEqual(default, "alice@example.com")

    def test_errors(self):
        code, out, err = self.account("add", "alice@example.com", "--no-password")
        self.assertEqual(code, 0, err)
        before = config_text(self.dir)
        cases = [
            (("add", "alice@example.com", "--no-password"), "exists already"),
            (("add", "not an account", "--no-password"), "user@domain"),
            (("show", "carol@example.com"), "no account carol@example.com in"),
            (("set", "carol@example.com", "ice=true"), "no account carol@example.com in"),
            (("remove", "carol@example.com"), "no account carol@example.com in"),
            (("default", "carol@example.com"), "no account carol@example.com in"),
            (("set", "alice@example.com", "password=secret"), "not given on the command line"),
            (("set", "alice@example.com", "bogus=1"), 'unknown setting "bogus"'),
            (("set", "alice@example.com", "ice"), '"ice" is not KEY=VALUE'),
            (("set", "alice@example.com", "ice=maybe"), "ice is true or false"),
            (("set", "alice@example.com", "srtp=always"), "srtp is one of disabled, optional"),
            (("set", "alice@example.com", "register-interval=0"), "register-interval is a number"),
            (("set", "alice@example.com", "--proxy", "no uri"), "invalid --proxy"),
            (("set", "alice@example.com", "outbound-proxy=no uri"), "invalid outbound-proxy"),
            (("set", "alice@example.com", "msrp-relay=sip:relay"), "invalid msrp-relay"),
            # one bad setting: none of them is made
            (("set", "alice@example.com", "ice=true", "srtp=always"), "srtp is one of"),
        ]
        # usage errors also say where the usage is
        usage = [
            (("set", "alice@example.com"), "account set needs KEY=VALUE or an option"),
            (("show",), "account show needs the account's URI"),
            (("list", "alice@example.com"), "account list takes no arguments"),
            (("set", "alice@example.com", "--enable", "--disable"), "exclusive"),
            (("add", "bob@example.com", "--no-password", "--password-file", "/dev/null"),
             "--no-password goes with neither"),
            (("list", "--proxy", "sip:x"), "Unknown option --proxy"),
            (("add", "bob@example.com", "-t", "pigeon"), "--transport must be udp, tcp or tls"),
        ]
        for args, message in cases + usage:
            with self.subTest(args=args):
                code, out, err = self.account(*args)
                self.assertEqual(code, 2, out + err)
                self.assertEqual(out, "")
                self.assertIn(message, err)
                self.assertEqual("Run 'sipsimple account %s --help'" % args[0] in err,
                                 (args, message) in usage, err)
        self.assertEqual(config_text(self.dir), before)
        # no default account at all
        code, out, err = self.account("set", "alice@example.com", "--disable")
        code, out, err = self.account("default")
        self.assertEqual(code, 1)
        self.assertIn("no default account", err)

    def test_password_prompt_on_a_terminal(self):
        argv = ["sipsimple", "account", "add", "-c", self.dir, "carol@example.com"]
        code, prompt, rest = run_on_pty(argv, "typed secret")
        self.assertEqual(code, 0, prompt + rest)
        self.assertTrue(prompt.endswith("Password for carol@example.com: "), prompt)
        # echo was off: what was typed is not on the terminal
        self.assertNotIn("typed secret", prompt + rest)
        self.assertIn("Added carol@example.com", rest)
        accounts, _ = stored_accounts(self.dir)
        self.assertEqual(accounts["carol@example.com"].props.password, "typed secret")

        # a new password for a stored account, asked the same way
        argv = ["sipsimple", "account", "set", "-c", self.dir, "carol@example.com",
                "--change-password"]
        code, prompt, rest = run_on_pty(argv, "second secret")
        self.assertEqual(code, 0, prompt + rest)
        self.assertNotIn("second secret", prompt + rest)
        accounts, _ = stored_accounts(self.dir)
        self.assertEqual(accounts["carol@example.com"].props.password, "second secret")

        # the terminal is asked even when stdin is elsewhere; nothing typed: nothing stored
        argv = ["sipsimple", "account", "add", "-c", self.dir, "dave@example.com"]
        code, prompt, rest = run_on_pty(argv, "")
        self.assertEqual(code, 2, prompt + rest)
        self.assertIn("no password typed for dave@example.com", rest)
        accounts, _ = stored_accounts(self.dir)
        self.assertNotIn("dave@example.com", accounts)

    def test_password_file_and_environment(self):
        path = os.path.join(self.dir, "pw")
        with open(path, "w") as f:
            f.write("from-file\r\nsecond line\n")
        code, out, err = self.account("add", "a@example.com", "--password-file", path,
                                      env={"SIPSIMPLE_PASSWORD": "from-env"})
        self.assertEqual(code, 0, err)
        code, out, err = self.account("add", "b@example.com",
                                      env={"SIPSIMPLE_PASSWORD": "from-env"})
        self.assertEqual(code, 0, err)
        code, out, err = self.account("add", "c@example.com", "--password-file", "-",
                                      input="from-stdin\n")
        self.assertEqual(code, 0, err)
        code, out, err = self.account("set", "b@example.com", "--password-file", "-",
                                      input="changed\n")
        self.assertEqual(code, 0, err)
        accounts, _ = stored_accounts(self.dir)
        self.assertEqual(accounts["a@example.com"].props.password, "from-file")
        self.assertEqual(accounts["b@example.com"].props.password, "changed")
        self.assertEqual(accounts["c@example.com"].props.password, "from-stdin")

        code, out, err = self.account("add", "d@example.com", "--password-file",
                                      os.path.join(self.dir, "missing"))
        self.assertEqual(code, 2)
        self.assertIn("missing", err)
        with open(path, "w") as f:
            f.write("\n")
        code, out, err = self.account("add", "d@example.com", "--password-file", path)
        self.assertEqual(code, 2)
        self.assertIn("no password on the first line", err)

    def test_no_terminal_no_password(self):
        code, out, err = self.account("add", "alice@example.com")
        self.assertEqual(code, 2)
        self.assertEqual(out, "")
        for hint in ("no terminal", "--password-file", "SIPSIMPLE_PASSWORD", "--no-password"):
            self.assertIn(hint, err)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "config.ini")))


class StoredAccountRegisterTest(unittest.TestCase):
    """The other commands on the stored accounts, against sipd --auth."""

    @classmethod
    def setUpClass(cls):
        cls.server = Sipd("c", users=USERS, transports=("udp", "tcp"), quiet=True)
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="sipsimple-accounts-")
        self.addCleanup(shutil.rmtree, self.dir, True)

    def add(self, user, *args, password=None):
        code, out, err = sipsimple("account", "add", "-c", self.dir, "%s@example.com" % user,
                                   "--proxy", self.server.proxy_uri("tcp"), *args,
                                   env={"SIPSIMPLE_PASSWORD": password or USERS[user]})
        self.assertEqual(code, 0, err)

    def register(self, *args):
        return sipsimple("register", "-c", self.dir, "--once", "--ip-address", "127.0.0.1",
                         "--timeout", "30", *args)

    def test_register_with_the_stored_default_account(self):
        self.add("alice")
        before = config_text(self.dir)
        code, out, err = self.register()
        self.assertEqual(code, 0, out + err)
        self.assertIn("Registered alice@example.com as sip:", out)
        self.assertIn("transport=tcp", out)
        self.assertIn("Unregistered alice@example.com", out)
        # options of the run are for the run: the stored file is as it was
        code, out, err = self.register("--proxy", self.server.proxy_uri("udp"), "--expires", "60")
        self.assertEqual(code, 0, out + err)
        self.assertIn("transport=udp", out)
        code, out, err = sipsimple("message", "-c", self.dir, "--ip-address", "127.0.0.1",
                                   "--to", "nobody", "hi", "--timeout", "30")
        self.assertEqual(code, 1, out + err)
        self.assertIn("Message to nobody failed", out)
        self.assertEqual(config_text(self.dir), before)

        # the default account chosen, and another one named with --account
        self.add("bob")
        code, out, err = sipsimple("account", "default", "-c", self.dir, "bob@example.com")
        self.assertEqual(code, 0, err)
        code, out, err = self.register()
        self.assertEqual(code, 0, out + err)
        self.assertIn("Registered bob@example.com", out)
        code, out, err = self.register("--account", "alice@example.com")
        self.assertEqual(code, 0, out + err)
        self.assertIn("Registered alice@example.com", out)

    def test_wrong_stored_password(self):
        self.add("alice", password="not-alice-pw")
        code, out, err = self.register()
        self.assertEqual(code, 1, out + err)
        self.assertIn("Registration of alice@example.com failed", out)
        code, out, err = sipsimple("account", "set", "-c", self.dir, "alice@example.com",
                                   "--change-password", env={"SIPSIMPLE_PASSWORD": "alice-pw"})
        self.assertEqual(code, 0, err)
        code, out, err = self.register()
        self.assertEqual(code, 0, out + err)

    def test_disabled_account(self):
        self.add("alice", "--disable")
        hint = "sipsimple account set -c %s alice@example.com --enable" % self.dir
        for args in ((), ("--account", "alice@example.com"), ("-a", "sip:alice@example.com")):
            with self.subTest(args=args):
                code, out, err = self.register(*args)
                self.assertEqual(code, 2, out + err)
                self.assertNotIn("no account configured", err)
                self.assertIn("the account alice@example.com in %s is disabled" % self.dir, err)
                self.assertIn(hint, err)
        # a disabled default does not hide an enabled account named with --account
        self.add("bob")
        code, out, err = sipsimple("account", "default", "-c", self.dir, "alice@example.com")
        self.assertIn("disabled", out)
        code, out, err = self.register()
        self.assertEqual(code, 2)
        self.assertIn("alice@example.com", err)
        code, out, err = self.register("--account", "bob@example.com")
        self.assertEqual(code, 0, out + err)
        # enabled as the hint says, it registers
        code, out, err = sipsimple(*hint.split()[1:])
        self.assertEqual(code, 0, err)
        code, out, err = self.register()
        self.assertEqual(code, 0, out + err)
        self.assertIn("Registered alice@example.com", out)


if __name__ == "__main__":
    unittest.main(verbosity=2)
