# SPDX-License-Identifier: LGPL-2.1-or-later
"""Objects whose construction can fail, from Python: the constructor
raises GLib.Error (GInitable, run by the PyGObject overrides) instead of
printing a CRITICAL and handing back a half-built object."""

import subprocess
import sys
import unittest

import gi

gi.require_version("GLib", "2.0")
gi.require_version("Gio", "2.0")
gi.require_version("GObject", "2.0")
gi.require_version("SipSimple", "1.0")
from gi.repository import Gio, GLib, GObject, SipSimple  # noqa: E402

APP_ERROR = SipSimple.application_error_quark()


class AccountConstructionTest(unittest.TestCase):
    def test_bad_id_raises(self):
        for bad in ("bad", "", "alice@example.com:5060", "sip:"):
            with self.subTest(id=bad):
                with self.assertRaises(GLib.Error) as cm:
                    SipSimple.Account(id=bad)
                self.assertTrue(cm.exception.matches(APP_ERROR,
                                                     SipSimple.ApplicationError.INVALID_ACCOUNT),
                                cm.exception)
                self.assertIn("user@domain", cm.exception.message)

    def test_missing_id_raises(self):
        with self.assertRaises(GLib.Error) as cm:
            SipSimple.Account()
        self.assertIn("needs an id", cm.exception.message)

    def test_new_raises_the_same(self):
        with self.assertRaises(GLib.Error) as cm:
            SipSimple.Account.new("bad")
        self.assertTrue(cm.exception.matches(APP_ERROR, SipSimple.ApplicationError.INVALID_ACCOUNT))

    def test_good_id_in_either_form(self):
        for given in ("alice@example.com", "sip:alice@example.com"):
            account = SipSimple.Account(id=given)
            self.assertIsInstance(account, Gio.Initable)
            self.assertEqual(account.get_id(), "alice@example.com")
            self.assertEqual(account.props.uri.get_aor(), "alice@example.com")

    def test_no_critical_on_stderr(self):
        # G_DEBUG=fatal-criticals is set for the tests: a CRITICAL would
        # abort this child instead of raising
        code = ("import gi; gi.require_version('SipSimple', '1.0')\n"
                "from gi.repository import SipSimple, GLib\n"
                "try:\n    SipSimple.Account(id='bad')\nexcept GLib.Error as e:\n"
                "    print('raised', e.message)\n")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             timeout=60)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("raised", out.stdout)
        self.assertNotIn("CRITICAL", out.stderr)

    def test_manager_refuses_an_uninitialized_bad_account(self):
        # GObject.new() skips the GInitable step: the manager runs it
        account = GObject.new(SipSimple.Account, id="bad")
        manager = SipSimple.AccountManager.new()
        with self.assertRaises(GLib.Error) as cm:
            manager.add(account)
        self.assertTrue(cm.exception.matches(APP_ERROR, SipSimple.ApplicationError.INVALID_ACCOUNT))
        self.assertEqual(len(manager), 0)


class SessionConstructionTest(unittest.TestCase):
    def test_session_without_account_raises(self):
        with self.assertRaises(GLib.Error) as cm:
            SipSimple.Session()
        self.assertTrue(cm.exception.matches(SipSimple.session_error_quark(),
                                             SipSimple.SessionError.INVALID_ARGUMENT))
        self.assertIn("account", cm.exception.message)

    def test_session_with_account(self):
        account = SipSimple.Account(id="alice@example.com")
        session = SipSimple.Session(account=account)
        self.assertIs(session.get_account(), account)
        self.assertEqual(session.get_state(), SipSimple.SessionState.NULL)
        self.assertEqual(len(session.get_streams()), 0)


class RedisLocationConstructionTest(unittest.TestCase):
    def test_bad_uri_raises(self):
        for make in (lambda: SipSimple.RedisLocation(uri="http://127.0.0.1"),
                     lambda: SipSimple.RedisLocation(),
                     lambda: SipSimple.RedisLocation.new("redis://127.0.0.1/x")):
            with self.assertRaises(GLib.Error) as cm:
                make()
            self.assertTrue(cm.exception.matches(Gio.io_error_quark(),
                                                 Gio.IOErrorEnum.INVALID_ARGUMENT), cm.exception)

    def test_good_uri(self):
        # nothing listens on port 1: made all the same, not connected
        loc = SipSimple.RedisLocation(uri="redis://127.0.0.1:1/2", prefix="test:")
        self.assertEqual(loc.get_uri(), "redis://127.0.0.1:1/2")
        self.assertEqual(loc.props.prefix, "test:")
        self.assertFalse(loc.is_connected())



class PostgresLocationConstructionTest(unittest.TestCase):
    def test_bad_conninfo_raises(self):
        for make in (lambda: SipSimple.PostgresLocation(conninfo="no such option=1"),
                     lambda: SipSimple.PostgresLocation(),
                     lambda: SipSimple.PostgresLocation.new("postgresql://[")):
            with self.assertRaises(GLib.Error) as cm:
                make()
            self.assertTrue(cm.exception.matches(Gio.io_error_quark(),
                                                 Gio.IOErrorEnum.INVALID_ARGUMENT), cm.exception)

    def test_good_conninfo(self):
        # nothing listens on port 1: made all the same, not connected
        loc = SipSimple.PostgresLocation(conninfo="postgresql://127.0.0.1:1/sip")
        self.assertEqual(loc.get_conninfo(), "postgresql://127.0.0.1:1/sip")
        self.assertEqual(loc.props.conninfo, "postgresql://127.0.0.1:1/sip")
        self.assertFalse(loc.is_connected())


if __name__ == "__main__":
    unittest.main()
