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
                    self.assertIn("--account=URI", out)
                    self.assertIn("--timeout=S", out)

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
            (["frobnicate"], 'unknown command "frobnicate"; commands: register, message'),
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
        ]
        for args, message in cases:
            with self.subTest(args=args):
                code, out, err = run("sipsimple", *args)
                self.assertEqual(code, 2, err)
                self.assertEqual(out, "")
                self.assertIn(message, err)
                if args and args[0] in COMMANDS:
                    # how to get help on that command
                    self.assertIn("sipsimple %s --help" % args[0], err)

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
