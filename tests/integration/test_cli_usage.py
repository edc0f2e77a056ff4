# SPDX-License-Identifier: LGPL-2.1-or-later
"""How the sipsimple and sipd programs talk about themselves: --help on
stdout with status 0, usage errors on stderr with status 2, a usage line
per command that names it and lists each argument once, and --version."""

import os
import re
import subprocess
import unittest

# command -> the arguments its usage line lists after [OPTION…]
COMMANDS = {
    "account": "add|list|show|set|remove|default [ARGUMENT...]",
    "register": "",
    "message": "TEXT...",
    "listen": "",
    "call": "",
    "answer": "",
    "chat": "",
    "send-file": "FILE",
    "publish-presence": "",
    "subscribe-presence": "URI...",
    "subscribe-winfo": "",
    "subscribe-mwi": "",
    "xcap": "get|put [BUDDY...]",
}


# account subcommand -> the arguments of its usage line
ACCOUNT_SUBCOMMANDS = {
    "add": "URI [KEY=VALUE...]",
    "list": "",
    "show": "URI",
    "set": "URI [KEY=VALUE...]",
    "remove": "URI",
    "default": "[URI]",
}


def run(*args):
    proc = subprocess.run(list(args), capture_output=True, text=True, timeout=20)
    return proc.returncode, proc.stdout, proc.stderr


def project_version():
    with open(os.path.join(os.environ["SIPSIMPLE_SOURCE_DIR"], "meson.build")) as f:
        return re.search(r"version: '([^']+)'", f.read()).group(1)


class SipsimpleUsageTest(unittest.TestCase):
    def test_command_help(self):
        for command, arguments in COMMANDS.items():
            for args in ([command, "--help"], ["help", command], [command, "-h"]):
                with self.subTest(args=args):
                    code, out, err = run("sipsimple", *args)
                    self.assertEqual(code, 0, err)
                    self.assertEqual(err, "")
                    usage = out.splitlines()[1].strip()
                    expected = ("sipsimple %s [OPTION…] %s" % (command, arguments)).strip()
                    self.assertEqual(usage, expected)
                    self.assertTrue(out.startswith("Usage:\n"), out)
                    # each argument once on the usage line
                    words = usage.split()[3:]
                    self.assertEqual(len(words), len(set(words)), usage)
                    # the options every command has are listed too
                    self.assertIn("--config=DIR", out)
                    if command != "account":
                        self.assertIn("--account=URI", out)
                        self.assertIn("--timeout=S", out)

    def test_account_subcommand_help(self):
        for sub, arguments in ACCOUNT_SUBCOMMANDS.items():
            for args in (["account", sub, "--help"], ["account", sub, "-h"],
                         ["help", "account", sub]):
                with self.subTest(args=args):
                    code, out, err = run("sipsimple", *args)
                    self.assertEqual(code, 0, err)
                    self.assertEqual(err, "")
                    self.assertTrue(out.startswith("Usage:\n"), out)
                    usage = out.splitlines()[1].strip()
                    self.assertEqual(usage,
                                     ("sipsimple account %s [OPTION…] %s" % (sub, arguments)).strip())
                    self.assertIn("--config=DIR", out)
                    # what changes an account is offered where an account is changed
                    self.assertEqual("--password-file=FILE" in out, sub in ("add", "set"))
                    self.assertEqual("--change-password" in out, sub == "set")
                    # never a password on the command line
                    self.assertNotIn("--password=", out)
        # the command's own help lists the subcommands
        code, out, err = run("sipsimple", "account", "--help")
        for sub, arguments in ACCOUNT_SUBCOMMANDS.items():
            self.assertRegex(out, r"(?m)^  %s  " % re.escape(("%s %s" % (sub, arguments)).strip()))

    def test_command_options_listed(self):
        code, out, err = run("sipsimple", "call", "--help")
        for option in ("--to=URI", "--tone=HZ", "--srtp=MODE", "--ice"):
            self.assertIn(option, out)
        code, out, err = run("sipsimple", "answer", "--help")
        for option in ("--count=N", "--accept-files=DIR", "--msrp-relay", "--tone=HZ"):
            self.assertIn(option, out)
        code, out, err = run("sipsimple", "subscribe-mwi", "--help")
        self.assertIn("--voicemail=URI", out)
        code, out, err = run("sipsimple", "subscribe-winfo", "--help")
        self.assertNotIn("--voicemail", out)

    def test_program_help(self):
        for args in (["--help"], ["-h"], ["help"]):
            with self.subTest(args=args):
                code, out, err = run("sipsimple", *args)
                self.assertEqual(code, 0)
                self.assertEqual(err, "")
                self.assertTrue(out.startswith("Usage:\n  sipsimple COMMAND"), out)
                listed = re.findall(r"^  (\S+)  ", out.split("Commands:\n")[1], re.M)
                self.assertEqual(listed, list(COMMANDS))

    def test_usage_errors(self):
        cases = [
            ([], "Usage:"),
            (["frobnicate"], 'unknown command "frobnicate"; commands: account, register, message'),
            (["help", "frobnicate"], 'unknown command "frobnicate"'),
            (["register", "--bogus"], "Unknown option --bogus"),
            (["register", "stray"], "register takes no arguments"),
            (["message", "--to", "bob"], "message needs --to URI and the TEXT to send"),
            (["call"], "call needs --to URI"),
            (["call", "--to", "bob", "--tone", "440", "--play", "/etc/hostname"],
             "--play and --tone are exclusive"),
            (["call", "--to", "bob", "--srtp"], "Missing argument for --srtp"),
            (["subscribe-presence"], "subscribe-presence needs the URIs to watch"),
            (["subscribe-mwi", "stray"], "subscribe-mwi takes no arguments"),
            (["xcap", "frob"], "xcap needs get or put"),
            (["register", "--password", "x"], "--password needs --account"),
            (["listen", "--count", "many"], "--count"),
            (["account"], "account needs a subcommand: add, list, show, set, remove or default"),
            (["account", "frob"], 'unknown subcommand "frob"'),
            (["account", "--bogus"], "Unknown option --bogus"),
            (["account", "show"], "account show needs the account's URI"),
            (["account", "add", "--password", "x"], "Unknown option --password"),
        ]
        for args, message in cases:
            with self.subTest(args=args):
                code, out, err = run("sipsimple", *args)
                self.assertEqual(code, 2, err)
                self.assertEqual(out, "")
                self.assertIn(message, err)
                if args and args[0] in COMMANDS:
                    # how to get help on that command (or subcommand)
                    named = " ".join(a for a in args[:2] if a in COMMANDS or a in ACCOUNT_SUBCOMMANDS)
                    self.assertIn("Run 'sipsimple %s --help'" % named, err)

    def test_version(self):
        for args in (["--version"], ["version"]):
            with self.subTest(args=args):
                code, out, err = run("sipsimple", *args)
                self.assertEqual(code, 0)
                self.assertEqual(err, "")
                self.assertEqual(out, "sipsimple %s\n" % project_version())


class SipdUsageTest(unittest.TestCase):
    def test_help(self):
        code, out, err = run("sipd", "--help")
        self.assertEqual(code, 0)
        self.assertEqual(err, "")
        self.assertTrue(out.startswith("Usage:\n  sipd [OPTION…]\n"), out)
        self.assertIn("--listen=SPEC", out)
        self.assertIn("--version", out)

    def test_version(self):
        code, out, err = run("sipd", "--version")
        self.assertEqual(code, 0)
        self.assertEqual(err, "")
        self.assertEqual(out, "sipd %s\n" % project_version())

    def test_usage_error(self):
        code, out, err = run("sipd", "--bogus")
        self.assertEqual(code, 2)
        self.assertEqual(out, "")
        self.assertIn("Unknown option --bogus", err)
        self.assertIn("sipd --help", err)


if __name__ == "__main__":
    unittest.main(verbosity=2)
