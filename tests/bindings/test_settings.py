# SPDX-License-Identifier: LGPL-2.1-or-later
"""Settings and storage from Python: FileStorage persistence through
SipSimple.Settings.bind_storage(), errors as GLib.Error, and a storage
implemented in Python."""

import os
import shutil
import tempfile
import unittest

import gi

gi.require_version("GLib", "2.0")
gi.require_version("GObject", "2.0")
gi.require_version("SipSimple", "1.0")
from gi.repository import GLib, GObject, SipSimple  # noqa: E402

STORAGE_ERROR = GLib.quark_to_string(SipSimple.storage_error_quark())
PARSE_ERROR = GLib.quark_to_string(SipSimple.parse_error_quark())


class TempDirTestCase(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.mkdtemp(prefix="sipsimple-settings-")
        self.addCleanup(shutil.rmtree, self.directory, True)
        self.config = os.path.join(self.directory, "config.ini")

    def open_storage(self):
        storage = SipSimple.FileStorage.new(self.directory)
        storage.load()
        return storage

    def write_config(self, text):
        with open(self.config, "w", encoding="utf-8") as f:
            f.write(text)


class SettingsDefaultsTest(unittest.TestCase):
    def test_defaults(self):
        settings = SipSimple.Settings.new()
        self.assertTrue(settings.props.user_agent.startswith("libsipsimple/"))
        self.assertEqual(settings.props.ip_address, "0.0.0.0")
        self.assertEqual(settings.props.port, 0)
        self.assertEqual(settings.props.tls_port, 0)
        self.assertEqual(list(settings.props.transports), ["udp", "tcp", "tls"])
        self.assertEqual(settings.get_transports(), ["udp", "tcp", "tls"])
        self.assertIsNone(settings.props.tls_ca_file)
        self.assertTrue(settings.props.tls_verify_server)
        self.assertFalse(settings.props.sip_trace)
        self.assertIsNone(settings.get_audio_input_device())

    def test_invalid_transports(self):
        settings = SipSimple.Settings.new()
        with self.assertRaises(GLib.Error) as caught:
            settings.set_transports(["udp", "carrier-pigeon"])
        self.assertEqual(caught.exception.domain, PARSE_ERROR)
        self.assertEqual(caught.exception.code, SipSimple.ParseError.INVALID_VALUE)
        self.assertIn("carrier-pigeon", caught.exception.message)
        self.assertEqual(settings.get_transports(), ["udp", "tcp", "tls"])
        settings.set_transports(["tcp"])
        self.assertEqual(list(settings.props.transports), ["tcp"])


class FileStoragePersistenceTest(TempDirTestCase):
    def test_settings_round_trip(self):
        storage = self.open_storage()
        settings = SipSimple.Settings.new()
        settings.bind_storage(storage)

        settings.props.port = 5060
        settings.props.ip_address = "::1"
        settings.props.sip_trace = True
        settings.set_transports(["tls", "udp"])
        settings.set_tls_ca_file("/etc/ssl/ca.pem")

        # Saved before the setter returned.
        with open(self.config, encoding="utf-8") as f:
            text = f.read()
        self.assertIn("[settings]\n", text)
        self.assertIn("port=uint32 5060\n", text)
        self.assertIn("transports=['tls', 'udp']\n", text)
        self.assertEqual(os.stat(self.config).st_mode & 0o777, 0o600)

        # New objects see the values.
        fresh = SipSimple.Settings.new()
        fresh.bind_storage(self.open_storage())
        self.assertEqual(fresh.props.port, 5060)
        self.assertEqual(fresh.props.ip_address, "::1")
        self.assertTrue(fresh.props.sip_trace)
        self.assertEqual(fresh.get_transports(), ["tls", "udp"])
        self.assertEqual(fresh.get_tls_ca_file(), "/etc/ssl/ca.pem")
        self.assertIsNone(fresh.get_tls_certificate_file())

    def test_storage_values(self):
        storage = self.open_storage()
        storage.set("g", "n", GLib.Variant("t", 2**64 - 1))
        storage.set("g", "s", GLib.Variant("ms", None))
        other = self.open_storage()
        self.assertEqual(other.list_groups(), ["g"])
        self.assertEqual(sorted(other.list_keys("g")), ["n", "s"])
        value = other.get("g", "n")
        self.assertEqual(value.get_type_string(), "t")
        self.assertEqual(value.unpack(), 2**64 - 1)
        self.assertIsNone(other.get("g", "s").unpack())
        self.assertIsNone(other.get("g", "missing"))

    def test_malformed_file(self):
        self.write_config("[settings]\nport=uint32 5060\nuser-agent=unquoted text\n")
        storage = SipSimple.FileStorage.new(self.directory)
        with self.assertRaises(GLib.Error) as caught:
            storage.load()
        error = caught.exception
        self.assertEqual(error.domain, STORAGE_ERROR)
        self.assertEqual(error.code, SipSimple.StorageError.INVALID_DATA)
        self.assertIn(self.config + ":3:", error.message)
        self.assertIn("user-agent", error.message)

    def test_wrong_type_fails_bind(self):
        self.write_config("[settings]\nport='five thousand'\n")
        settings = SipSimple.Settings.new()
        with self.assertRaises(GLib.Error) as caught:
            settings.bind_storage(self.open_storage())
        self.assertEqual(caught.exception.domain, STORAGE_ERROR)
        self.assertEqual(caught.exception.code, SipSimple.StorageError.INVALID_DATA)
        self.assertIn("port", caught.exception.message)
        self.assertIn("'five thousand'", caught.exception.message)
        self.assertEqual(settings.props.port, 0)

    def test_unreadable_path(self):
        not_a_directory = os.path.join(self.directory, "file")
        with open(not_a_directory, "w"):
            pass
        storage = SipSimple.FileStorage.new(not_a_directory)
        with self.assertRaises(GLib.Error) as caught:
            storage.load()
        self.assertEqual(caught.exception.domain, STORAGE_ERROR)
        self.assertEqual(caught.exception.code, SipSimple.StorageError.IO)


class MemoryStorageTest(unittest.TestCase):
    def test_changed_signal(self):
        storage = SipSimple.MemoryStorage.new()
        seen = []
        storage.connect("changed::settings", lambda s, group, key: seen.append((group, key)))
        settings = SipSimple.Settings.new()
        settings.bind_storage(storage)
        settings.props.tls_port = 5061
        settings.props.tls_port = 5061
        storage.set("elsewhere", "k", GLib.Variant("b", True))
        self.assertEqual(seen, [("settings", "tls-port")])
        self.assertEqual(storage.get("settings", "tls-port").unpack(), 5061)
        storage.remove_group("settings")
        self.assertEqual(seen[-1], ("settings", "tls-port"))
        with self.assertRaises(GLib.Error) as caught:
            storage.remove_key("settings", "tls-port")
        self.assertEqual(caught.exception.code, SipSimple.StorageError.NOT_FOUND)


class DictStorage(GObject.Object, SipSimple.Storage):
    """A storage written in Python: the interface is implementable."""

    def __init__(self):
        super().__init__()
        self.data = {}

    def do_list_groups(self):
        return sorted(self.data)

    def do_list_keys(self, group):
        return sorted(self.data.get(group, {}))

    def do_get(self, group, key):
        return self.data.get(group, {}).get(key)

    def do_set(self, group, key, value):
        self.data.setdefault(group, {})[key] = value
        self.emit_changed(group, key)
        return True

    def do_remove_key(self, group, key):
        del self.data[group][key]
        return True

    def do_remove_group(self, group):
        del self.data[group]
        return True


class PythonStorageTest(unittest.TestCase):
    def test_settings_in_python_storage(self):
        storage = DictStorage()
        settings = SipSimple.Settings.new()
        settings.bind_storage(storage)
        settings.props.user_agent = "PyPhone/1"
        self.assertEqual(storage.data["settings"]["user-agent"].unpack(), "PyPhone/1")
        self.assertEqual(storage.data["settings"]["user-agent"].get_type_string(), "ms")

        again = SipSimple.Settings.new()
        again.bind_storage(storage)
        self.assertEqual(again.props.user_agent, "PyPhone/1")
        # load and flush are optional for implementations.
        storage.load()
        storage.flush()


if __name__ == "__main__":
    unittest.main(verbosity=2)
