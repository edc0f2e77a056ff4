# SPDX-License-Identifier: LGPL-2.1-or-later
"""sipd as a presence server (SipSimple.PresenceServer on the Agent), in C
and in Python: two SDK accounts registered to it publish and watch each
other and see every change within a second; watchers, unpublishing and the
end of a subscription are seen too."""

import time
import unittest

from sipsimpletest import SIPD_KINDS, Sipd
from sipsimpletest.sdk import SdkApp, SipSimple, run_until

USERS = {"alice": "alice-pw", "bob": "bob-pw"}
Status = SipSimple.PresenceStatus


def wait_buddy(account, who, status, note=None, timeout=5.0):
    buddy = account.find_buddy(who)

    def ok():
        return buddy.props.status == status and (note is None or buddy.props.note == note)
    run_until(ok, timeout, "%s as seen by %s: want %r/%r, have %r/%r" % (
        who, account.get_id(), status, note, buddy.props.status, buddy.props.note))
    return buddy


class SipdPresenceCase(unittest.TestCase):
    kind = None

    @classmethod
    def setUpClass(cls):
        cls.server = Sipd(cls.kind, users=USERS, transports=("udp", "tcp"))
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def setUp(self):
        self.sdk = SdkApp().start(transports=("udp", "tcp"))

    def tearDown(self):
        self.sdk.stop()

    def account(self, user, transport="udp", **props):
        acc = self.sdk.add_account("%s@example.com" % user, USERS[user],
                                   proxy=self.server.proxy_uri(transport), **props)
        self.sdk.wait_registered(acc)
        return acc

    def test_two_accounts_see_each_other(self):
        alice = self.account("alice", presence_enabled=True, presence_note="at my desk")
        bob = self.account("bob", "tcp", presence_enabled=True, presence_note="here")
        alice.add_buddy("bob")
        bob.add_buddy("alice")
        wait_buddy(bob, "alice", Status.ONLINE, "at my desk")
        wait_buddy(alice, "bob", Status.ONLINE, "here")
        run_until(lambda: alice.props.presence_published and bob.props.presence_published, 5,
                  "both published")

        for who, other, status, note in ((alice, bob, Status.AWAY, "out for lunch"),
                                         (bob, alice, Status.BUSY, "in a meeting"),
                                         (alice, bob, Status.ONLINE, "back")):
            t0 = time.monotonic()
            who.set_presence_note(note)
            who.set_presence_status(status)
            wait_buddy(other, who.get_id().split("@")[0], status, note, timeout=1.0)
            self.assertLess(time.monotonic() - t0, 1.0)

        # each one is the other's watcher (presence.winfo)
        run_until(lambda: alice.get_watchers().get_n_items() == 1, 5, "bob watching alice")
        watcher = alice.get_watchers().get_item(0)
        self.assertEqual(watcher.get_uri(), "sip:bob@example.com")
        self.assertEqual(watcher.get_status(), SipSimple.WatcherStatus.ACTIVE)

        # alice turns presence off: her publication goes, bob sees her offline
        alice.props.presence_enabled = False
        wait_buddy(bob, "alice", Status.OFFLINE)
        run_until(lambda: bob.get_watchers().get_n_items() == 0, 5, "alice no longer watching")
        alice.props.presence_enabled = True
        wait_buddy(bob, "alice", Status.ONLINE, "back")

        # bob stops watching alice: the watcher goes from her list
        bob.remove_buddy("alice")
        run_until(lambda: alice.get_watchers().get_n_items() == 0, 5, "bob gone from the watchers")

    def test_policy(self):
        # raw clients: the route script's checks before the presence server's
        pidf = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
                b'<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:bob@example.com">'
                b'<tuple id="t1"><status><basic>open</basic></status></tuple></presence>')
        with self.server.client("alice") as c:
            # alice may not publish for bob
            r = c.request("PUBLISH", self.server.aor("bob"), to=self.server.aor("bob"),
                          headers=[("Event", "presence")], content_type="application/pidf+xml",
                          body=pidf)
            self.assertEqual(r.code, 403)
        # a wrong password
        with self.server.client("alice", password="wrong") as c:
            r = c.request("SUBSCRIBE", self.server.aor("bob"), to=self.server.aor("bob"),
                          headers=[("Event", "presence")])
            self.assertEqual(r.code, 403)
        # someone from another domain, without credentials
        with self.server.client("mallory") as c:
            r = c.request("SUBSCRIBE", self.server.aor("bob"), to=self.server.aor("bob"),
                          from_="sip:mallory@elsewhere.test", headers=[("Event", "presence")])
            self.assertEqual(r.code, 403)
        # nobody of that name
        with self.server.client("alice") as c:
            r = c.request("SUBSCRIBE", self.server.aor("nobody"), to=self.server.aor("nobody"),
                          headers=[("Event", "presence")])
            self.assertEqual(r.code, 404)
            r = c.request("SUBSCRIBE", "sip:example.com", to="sip:example.com",
                          headers=[("Event", "presence")])
            self.assertEqual(r.code, 404)
        # a package the server does not have
        with self.server.client("alice") as c:
            r = c.request("SUBSCRIBE", self.server.aor("bob"), to=self.server.aor("bob"),
                          headers=[("Event", "dialog")])
            self.assertEqual(r.code, 489)
            self.assertIn("presence", r.header("Allow-Events"))


for _kind in SIPD_KINDS:
    _name = "SipdPresence_%s" % _kind
    globals()[_name] = type(_name, (SipdPresenceCase,), {"kind": _kind})
del SipdPresenceCase

if __name__ == "__main__":
    unittest.main()
