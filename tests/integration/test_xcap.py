# SPDX-License-Identifier: LGPL-2.1-or-later
"""SipSimple.XcapClient against Kamailio's xcap_server: a resource-lists
round trip (404, PUT, GET, ETag conditions, DELETE), pres-rules, digest
authentication and the errors a client sees."""

import unittest

from sipsimpletest import Kamailio
from sipsimpletest.sdk import GLib, SipSimple, run_until

USERS = {"alice": "alice-pw", "bob": "bob-pw"}


def call(start, finish, *args):
    box = {}
    start(*args, None, lambda obj, res: box.setdefault("res", res))
    run_until(lambda: box, 10, "XCAP answer")
    return finish(box["res"])


class XcapTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.k = Kamailio(users=USERS, transports=("udp",), presence=True)
        cls.k.start()

    @classmethod
    def tearDownClass(cls):
        cls.k.stop()

    def client(self, user="alice", password=None, xui=None):
        c = SipSimple.XcapClient.new(self.k.xcap_root, xui or "sip:%s@example.com" % user)
        c.set_credentials(user, password or USERS[user])
        return c

    def test_resource_lists_round_trip(self):
        c = self.client()
        self.assertEqual(c.get_root(), self.k.xcap_root)
        self.assertEqual(c.get_uri("resource-lists", None),
                         self.k.xcap_root + "/resource-lists/users/sip:alice@example.com/index")

        with self.assertRaises(GLib.Error) as cm:
            call(c.get_async, c.get_finish, "resource-lists", None)
        self.assertTrue(cm.exception.matches(SipSimple.xcap_error_quark(), SipSimple.XcapError.NOT_FOUND))

        doc = SipSimple.ResourceLists.new()
        doc.add_entry("buddies", SipSimple.NameAddr.parse('"Bob" <sip:bob@example.com>'))
        doc.add_entry("buddies", SipSimple.NameAddr.parse("<sip:carol@example.com>"))
        doc.add_entry("work", SipSimple.NameAddr.parse('"Desk" <tel:+15551234>'))
        ok, etag1 = call(c.put_async, c.put_finish, "resource-lists", None, None, doc.to_bytes(), None)
        self.assertTrue(ok)
        self.assertTrue(etag1)
        self.assertEqual(c.get_etag("resource-lists", None), etag1)

        data, etag = call(c.get_async, c.get_finish, "resource-lists", None)
        self.assertEqual(etag, etag1)
        back = SipSimple.ResourceLists.parse(data)
        self.assertEqual(list(back.get_list_names()), ["buddies", "work"])
        entries = back.get_entries("buddies")
        self.assertEqual([e.get_display_name() for e in entries], ["Bob", None])
        self.assertEqual(entries[1].get_uri().to_string(), "sip:carol@example.com")

        # a change made against the right ETag is stored ...
        back.remove_entry("buddies", "sip:carol@example.com")
        ok, etag2 = call(c.put_async, c.put_finish, "resource-lists", None, None, back.to_bytes(), etag1)
        self.assertNotEqual(etag2, etag1)
        # ... one made against an old ETag is refused
        with self.assertRaises(GLib.Error) as cm:
            call(c.put_async, c.put_finish, "resource-lists", None, None, doc.to_bytes(), etag1)
        self.assertTrue(cm.exception.matches(SipSimple.xcap_error_quark(),
                                             SipSimple.XcapError.PRECONDITION_FAILED))
        data, _ = call(c.get_async, c.get_finish, "resource-lists", None)
        self.assertEqual(len(SipSimple.ResourceLists.parse(data).get_entries("buddies")), 1)

        self.assertTrue(call(c.delete_async, c.delete_finish, "resource-lists", None, None))
        self.assertIsNone(c.get_etag("resource-lists", None))
        with self.assertRaises(GLib.Error) as cm:
            call(c.get_async, c.get_finish, "resource-lists", None)
        self.assertEqual(cm.exception.code, 404)

    def test_pres_rules(self):
        c = self.client("bob")
        rules = SipSimple.PresRules.new()
        rules.set_policy("sip:alice@example.com", SipSimple.WatcherPolicy.ALLOW)
        rules.set_policy("sip:mallory@example.com", SipSimple.WatcherPolicy.BLOCK)
        call(c.put_async, c.put_finish, "pres-rules", None, None, rules.to_bytes(), None)
        data, _ = call(c.get_async, c.get_finish, "pres-rules", None)
        back = SipSimple.PresRules.parse(data)
        self.assertEqual(back.get_policy("sip:alice@example.com"), SipSimple.WatcherPolicy.ALLOW)
        self.assertEqual(list(back.get_watchers(SipSimple.WatcherPolicy.BLOCK)), ["sip:mallory@example.com"])

    def test_errors(self):
        # wrong password: the challenge is answered once, then 401
        bad = self.client(password="nope")
        with self.assertRaises(GLib.Error) as cm:
            call(bad.get_async, bad.get_finish, "resource-lists", None)
        self.assertTrue(cm.exception.matches(SipSimple.xcap_error_quark(), SipSimple.XcapError.UNAUTHORIZED))
        # someone else's documents: 403 from the server
        nosy = self.client("bob", xui="sip:alice@example.com")
        with self.assertRaises(GLib.Error) as cm:
            call(nosy.get_async, nosy.get_finish, "resource-lists", None)
        self.assertEqual(cm.exception.code, 403)
        # not an HTTP root
        with self.assertRaises(GLib.Error) as cm:
            SipSimple.XcapClient.new("sip:xcap.example.com", "sip:alice@example.com")
        self.assertTrue(cm.exception.matches(SipSimple.xcap_error_quark(), SipSimple.XcapError.FAILED))
        # nobody listening
        from sipsimpletest import free_port
        gone = SipSimple.XcapClient.new("http://127.0.0.1:%d/xcap-root" % free_port("tcp"), "sip:a@b")
        with self.assertRaises(GLib.Error) as cm:
            call(gone.get_async, gone.get_finish, "resource-lists", None)
        self.assertEqual(cm.exception.domain, "g-io-error-quark")


if __name__ == "__main__":
    unittest.main(verbosity=2)
