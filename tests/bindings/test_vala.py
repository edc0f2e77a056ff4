# SPDX-License-Identifier: LGPL-2.1-or-later
"""The Vala binding as bindings/vala/SipSimple-1.0.metadata shapes it: a
program (tests/bindings/values.vala) yields the async calls by their short
names, and arrays carry owned elements (one added from Vala is freed once)."""

import os
import subprocess
import unittest

SRC = os.environ.get("SIPSIMPLE_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("SIPSIMPLE_BUILD_DIR", os.path.join(SRC, "build"))


class ValaBindingTest(unittest.TestCase):
    def test_values_program(self):
        exe = os.path.join(BUILD, "tests", "bindings-values-vala")
        self.assertTrue(os.path.exists(exe), "the Vala test program was not built")
        proc = subprocess.run([exe], capture_output=True, text=True, timeout=60)
        out = proc.stdout + proc.stderr
        self.assertEqual(proc.returncode, 0, out)
        self.assertIn("stored 1\n", out)
        self.assertIn("found sip:alice@192.0.2.1:5060\n", out)
        self.assertIn("contacts <sip:a@192.0.2.2>;q=0.5 <sip:a@192.0.2.3>\n", out)
        self.assertIn("route tcp:127.0.0.2:5070\n", out)
        self.assertIn("host 127.0.0.1\n", out)
        self.assertIn("cancelled\n", out)
        self.assertTrue(out.endswith("done\n"), out)
        self.assertNotIn("CRITICAL", out)

    def test_vapi_names(self):
        vapi = os.path.join(BUILD, "gir", "sipsimple-1.0.vapi")
        self.assertTrue(os.path.exists(vapi), "no vapi")
        with open(vapi) as f:
            text = f.read()
        self.assertIn("public async bool start (SipSimple.Storage storage, GLib.Cancellable? cancellable = null)", text)
        self.assertIn("public async bool send_text (string to, string text, GLib.Cancellable? cancellable = null)", text)
        self.assertNotIn("start_async (", text)
        self.assertNotIn("<weak ", text)


if __name__ == "__main__":
    unittest.main(verbosity=2)
