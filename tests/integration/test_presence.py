# SPDX-License-Identifier: LGPL-2.1-or-later
"""Account presence against Kamailio's presence server: accounts publish
their status and note, see their buddies' changes within a second (one
subscription per buddy, or one resource list subscription), see who
watches them, allow and block watchers through pres-rules on the XCAP
server, keep the buddy list there, and get message waiting indications
(subscribed and unsolicited)."""

import time
import unittest

from sipsimpletest import Kamailio
from sipsimpletest.sdk import GLib, SdkApp, SipSimple, in_thread, run_until

USERS = {"alice": "alice-pw", "bob": "bob-pw", "carol": "carol-pw", "dave": "dave-pw",
         "erin": "erin-pw", "frank": "frank-pw", "grace": "grace-pw"}
Status = SipSimple.PresenceStatus


def wait_buddy(account, who, status=None, note=None, state=None, timeout=5.0):
    buddy = account.find_buddy(who)
    assert buddy is not None, "%s is not a buddy of %s" % (who, account.get_id())

    def ok():
        return ((status is None or buddy.props.status == status)
                and (note is None or buddy.props.note == note)
                and (state is None or buddy.props.subscription_state == state))
    run_until(ok, timeout, "%s as seen by %s: want %r/%r/%r, have %r/%r/%r" % (
        who, account.get_id(), status, note, state, buddy.props.status, buddy.props.note,
        buddy.props.subscription_state))
    return buddy


def xcap_call(start, finish, *args):
    box = {}
    start(*args, None, lambda obj, res: box.setdefault("res", res))
    run_until(lambda: box, 10, "XCAP answer")
    return finish(box["res"])


class PresenceTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.k = Kamailio(users=USERS, transports=("udp", "tcp"), presence=True)
        cls.k.start()

    @classmethod
    def tearDownClass(cls):
        cls.k.stop()

    def setUp(self):
        self.sdk = SdkApp().start(transports=("udp", "tcp"))

    def tearDown(self):
        self.sdk.stop()

    def account(self, user, transport="udp", **props):
        acc = self.sdk.add_account("%s@example.com" % user, USERS[user],
                                   proxy=self.k.proxy_uri(transport), **props)
        self.sdk.wait_registered(acc)
        return acc

    def test_buddy_sees_each_change_within_a_second(self):
        alice = self.account("alice", presence_enabled=True, presence_note="at my desk",
                             display_name="Alice")
        bob = self.account("bob", "tcp", presence_enabled=True)
        bob.add_buddy("alice", "Alice A.")
        self.assertEqual(bob.props.buddy_list, ['"Alice A." <sip:alice@example.com>'])
        buddy = wait_buddy(bob, "alice", Status.ONLINE, "at my desk",
                           SipSimple.SubscriptionState.ACTIVE)
        self.assertEqual(buddy.get_display_name(), "Alice A.")
        self.assertIsNotNone(buddy.get_pidf())
        self.assertTrue(alice.props.presence_published)

        notes = []
        seen = []
        buddy.connect("notify::note", lambda b, p: notes.append(b.props.note))
        # a note and a status set together reach the watcher as one state
        buddy.connect("notify::note", lambda b, p: seen.append((b.props.status, b.props.note)))
        for status, note in ((Status.AWAY, "out for lunch"), (Status.BUSY, "in a meeting"),
                             (Status.ONLINE, "back"), (Status.OFFLINE, None)):
            t0 = time.monotonic()
            alice.set_presence_note(note)
            alice.set_presence_status(status)
            wait_buddy(bob, "alice", status, note, timeout=1.0)
            self.assertLess(time.monotonic() - t0, 1.0)
        self.assertIn("in a meeting", notes)
        self.assertEqual(seen, [(Status.AWAY, "out for lunch"), (Status.BUSY, "in a meeting"),
                                (Status.ONLINE, "back"), (Status.OFFLINE, None)])
        self.assertEqual(list(buddy.get_activities()), [])
        alice.set_presence_status(Status.BUSY)
        wait_buddy(bob, "alice", Status.BUSY)
        self.assertEqual(list(buddy.get_activities()), ["busy"])

        # the buddy leaves the list: the model shrinks, the subscription ends
        removed = []
        bob.get_buddies().connect("items-changed", lambda m, pos, rem, add: removed.append(rem))
        self.assertTrue(bob.remove_buddy("sip:alice@example.com"))
        self.assertFalse(bob.remove_buddy("alice"))
        self.assertEqual(bob.get_buddies().get_n_items(), 0)
        self.assertEqual(removed, [1])

    def test_watchers(self):
        # users no other test has watch each other: the server remembers watchers
        frank = self.account("frank", presence_enabled=True)
        new = []
        frank.connect("new-watcher", lambda a, w: new.append(w))
        grace = self.account("grace", presence_enabled=True)
        grace.add_buddy("frank")
        run_until(lambda: new, 5, "grace among frank's watchers")
        self.assertEqual(new[0].get_uri(), "sip:grace@example.com")
        self.assertEqual(new[0].get_status(), SipSimple.WatcherStatus.ACTIVE)
        watchers = frank.get_watchers()
        self.assertEqual(watchers.get_n_items(), 1)
        self.assertEqual(watchers.get_item(0).get_package(), "presence")
        self.assertEqual(watchers.get_item(0).get_resource(), "sip:frank@example.com")
        # grace stops watching: the watcher goes
        grace.remove_buddy("frank")
        # Kamailio's winfo NOTIFY for a watcher that left can take a while on a loaded machine
        run_until(lambda: watchers.get_n_items() == 0, 15, "grace gone from the watchers")

    def test_presence_off_and_on(self):
        alice = self.account("alice", presence_enabled=True, presence_note="here")
        bob = self.account("bob", presence_enabled=True)
        bob.add_buddy("alice")
        wait_buddy(bob, "alice", Status.ONLINE, "here")
        # alice turns presence off: her state is removed from the server
        alice.props.presence_enabled = False
        wait_buddy(bob, "alice", Status.OFFLINE)
        run_until(lambda: not alice.props.presence_published, 5, "unpublished")
        alice.props.presence_enabled = True
        wait_buddy(bob, "alice", Status.ONLINE, "here")
        # bob turns it off: his buddies are unknown
        bob.props.presence_enabled = False
        wait_buddy(bob, "alice", Status.OFFLINE, state=SipSimple.SubscriptionState.IDLE)

    def test_message_summary(self):
        alice = self.account("alice", mwi_enabled=True)
        # the voicemail publishes for alice (Kamailio's presence_mwi)
        vm = SipSimple.Publication.new(self.sdk.engine, SipSimple.NameAddr.parse("sip:alice@example.com"),
                                       "message-summary")
        vm.set_credentials("alice", USERS["alice"])
        vm.set_outbound_proxy(SipSimple.Uri.parse(self.k.proxy_uri("udp")))
        changes = []
        alice.connect("notify::new-messages", lambda a, p: changes.append(a.props.new_messages))
        for new, old in ((2, 8), (3, 8)):
            summary = SipSimple.MessageSummary.new(True)
            summary.set_counts(SipSimple.MessageContext.VOICE, new, old, 0, 0)
            box = {}
            vm.publish_async("application/simple-message-summary", summary.to_bytes(), None,
                             lambda p, r: box.setdefault("ok", p.publish_finish(r)))
            run_until(lambda: box, 5, "PUBLISH of the summary")
            run_until(lambda: alice.props.new_messages == new, 5, "%d new messages" % new)
        self.assertTrue(alice.props.messages_waiting)
        self.assertEqual(alice.props.old_messages, 8)
        self.assertEqual(changes, [2, 3])
        self.assertEqual(alice.get_message_summary().get_new_messages(), 3)

    def test_unsolicited_message_summary(self):
        alice = self.account("alice")
        port = self.sdk.engine.get_local_port(SipSimple.Transport.UDP)
        from sipsimpletest import SipClient
        with SipClient("udp", server=("127.0.0.1", port), user="vm", domain="127.0.0.1") as vm:
            body = b"Messages-Waiting: yes\r\nVoice-Message: 4/1 (1/0)\r\n"
            resp = in_thread(vm.request, "NOTIFY", "sip:alice@127.0.0.1:%d" % port, auth=False,
                             to="<sip:alice@example.com>",
                             headers=[("Event", "message-summary"), ("Subscription-State", "active")],
                             content_type="application/simple-message-summary", body=body)
            self.assertEqual(resp.code, 200)
            run_until(lambda: alice.props.new_messages == 4, 5, "unsolicited summary")
            self.assertEqual(alice.props.old_messages, 1)
            # a broken summary is refused, anything else without a subscription is 481
            resp = in_thread(vm.request, "NOTIFY", "sip:alice@127.0.0.1:%d" % port, auth=False,
                             to="<sip:alice@example.com>",
                             headers=[("Event", "message-summary"), ("Subscription-State", "active")],
                             content_type="application/simple-message-summary",
                             body=b"Voice-Message: lots\r\n")
            self.assertEqual(resp.code, 400)
            resp = in_thread(vm.request, "NOTIFY", "sip:alice@127.0.0.1:%d" % port, auth=False,
                             to="<sip:alice@example.com>",
                             headers=[("Event", "presence"), ("Subscription-State", "active")])
            self.assertEqual(resp.code, 481)
        self.assertEqual(alice.props.new_messages, 4)

    def test_resource_list_of_three(self):
        buddies = ("alice", "carol", "dave")
        accounts = {u: self.account(u, presence_enabled=True, presence_note="I am " + u)
                    for u in buddies}
        run_until(lambda: all(a.props.presence_published for a in accounts.values()), 5, "published")
        bob = self.account("bob")
        for u in buddies:
            bob.add_buddy(u, u.title())
        bob.set_property("xcap-root", self.k.xcap_root)
        bob.set_property("rls-uri", "sip:bob-buddies@example.com")
        bob.set_property("presence-enabled", True)
        for u in buddies:
            wait_buddy(bob, u, Status.ONLINE, "I am " + u, SipSimple.SubscriptionState.ACTIVE)
        accounts["carol"].set_presence_status(Status.BUSY)
        wait_buddy(bob, "carol", Status.BUSY, timeout=3)
        # one subscription served all three: the RLS made the back-end ones
        log = self.k.log()
        self.assertIn("subscribe sip:bob-buddies@example.com event=presence from=sip:bob@example.com", log)
        self.assertNotIn("subscribe sip:carol@example.com event=presence from=sip:bob@example.com expires=600 "
                         "supported=timer", log)

        # the list is on the XCAP server, in resource-lists and rls-services
        xcap = SipSimple.XcapClient.new(self.k.xcap_root, "sip:bob@example.com")
        xcap.set_credentials("bob", USERS["bob"])
        data, etag = xcap_call(xcap.get_async, xcap.get_finish, "resource-lists", None)
        lists = SipSimple.ResourceLists.parse(data)
        self.assertEqual([e.get_uri().to_string() for e in lists.get_entries("buddies")],
                         ["sip:%s@example.com" % u for u in buddies])
        data, _ = xcap_call(xcap.get_async, xcap.get_finish, "rls-services", None)
        self.assertIn(b'service uri="sip:bob-buddies@example.com"', data.get_data())

        # a new buddy goes to the server and the RLS adds it to the list
        erin = self.account("erin", presence_enabled=True, presence_note="new here")
        run_until(lambda: erin.props.presence_published, 5, "erin published")
        bob.add_buddy("erin")
        wait_buddy(bob, "erin", Status.ONLINE, "new here", timeout=5)

    def test_no_resource_list_server_falls_back(self):
        alice = self.account("alice", presence_enabled=True, presence_note="direct")
        bob = self.account("bob", presence_enabled=True, rls_uri="sip:nolist@example.com")
        bob.add_buddy("alice")
        # no such list: the server answers as a presentity; bob subscribes to alice herself
        wait_buddy(bob, "alice", Status.ONLINE, "direct", timeout=5)
        self.assertTrue(alice.props.presence_published)

    def test_buddy_list_from_the_server(self):
        xcap = SipSimple.XcapClient.new(self.k.xcap_root, "sip:carol@example.com")
        xcap.set_credentials("carol", USERS["carol"])
        doc = SipSimple.ResourceLists.new()
        doc.add_entry("buddies", SipSimple.NameAddr.parse('"Dave" <sip:dave@example.com>'))
        doc.add_entry("friends", SipSimple.NameAddr.parse("<sip:someone@example.com>"))
        self.assertTrue(xcap_call(xcap.put_async, xcap.put_finish, "resource-lists", None, None,
                                  doc.to_bytes(), None)[0])
        dave = self.account("dave", presence_enabled=True)
        carol = self.account("carol", xcap_root=self.k.xcap_root, presence_enabled=True)
        run_until(lambda: carol.get_buddies().get_n_items() == 1, 5, "the server's list")
        self.assertEqual(carol.props.buddy_list, ['"Dave" <sip:dave@example.com>'])
        wait_buddy(carol, "dave", Status.ONLINE)
        # a local change is written back, other lists untouched
        carol.add_buddy("alice", "Alice")

        def server_has_alice():
            data, _ = xcap_call(xcap.get_async, xcap.get_finish, "resource-lists", None)
            return b"sip:alice@example.com" in data.get_data() and b"someone@example.com" in data.get_data()
        run_until(server_has_alice, 5, "alice on the server's list")


class PresenceRulesTest(unittest.TestCase):
    """pres-rules decide: a watcher waits until the presentity allows it."""

    @classmethod
    def setUpClass(cls):
        cls.k = Kamailio(users=USERS, transports=("udp",), presence=True, presence_auth=True)
        cls.k.start()

    @classmethod
    def tearDownClass(cls):
        cls.k.stop()

    def setUp(self):
        self.sdk = SdkApp().start(transports=("udp",))

    def tearDown(self):
        self.sdk.stop()

    def set_policy(self, account, who, policy):
        box = {}

        def done(acc, res):
            try:
                box["ok"] = acc.set_watcher_policy_finish(res)
            except GLib.Error as e:
                box["error"] = e
        account.set_watcher_policy_async(who, policy, None, done)
        run_until(lambda: box, 10, "pres-rules stored")
        if "error" in box:
            raise box["error"]

    def test_pending_allowed_blocked(self):
        alice = self.sdk.add_account("alice@example.com", USERS["alice"], proxy=self.k.proxy_uri("udp"),
                                     presence_enabled=True, presence_note="hi", xcap_root=self.k.xcap_root)
        pending = []
        alice.connect("pending-watcher", lambda a, w: pending.append(w.get_uri()))
        bob = self.sdk.add_account("bob@example.com", USERS["bob"], proxy=self.k.proxy_uri("udp"),
                                   presence_enabled=True)
        self.sdk.wait_registered(alice)
        self.sdk.wait_registered(bob)
        bob.add_buddy("alice")
        # nobody decided yet: bob waits, alice is asked
        wait_buddy(bob, "alice", Status.OFFLINE, state=SipSimple.SubscriptionState.PENDING)
        run_until(lambda: pending, 5, "pending watcher")
        self.assertEqual(pending, ["sip:bob@example.com"])
        self.assertEqual(alice.get_watchers().get_item(0).get_status(), SipSimple.WatcherStatus.PENDING)

        self.set_policy(alice, "bob", SipSimple.WatcherPolicy.ALLOW)
        wait_buddy(bob, "alice", Status.ONLINE, "hi", SipSimple.SubscriptionState.ACTIVE)
        self.assertEqual(pending, ["sip:bob@example.com"])

        self.set_policy(alice, "bob", SipSimple.WatcherPolicy.BLOCK)
        wait_buddy(bob, "alice", Status.OFFLINE)
        run_until(lambda: bob.find_buddy("alice").props.subscription_state
                  == SipSimple.SubscriptionState.TERMINATED, 5, "bob's subscription rejected")
        xcap = SipSimple.XcapClient.new(self.k.xcap_root, "sip:alice@example.com")
        xcap.set_credentials("alice", USERS["alice"])
        data, _ = xcap_call(xcap.get_async, xcap.get_finish, "pres-rules", None)
        rules = SipSimple.PresRules.parse(data)
        self.assertEqual(rules.get_policy("sip:bob@example.com"), SipSimple.WatcherPolicy.BLOCK)

    def test_policy_needs_xcap(self):
        carol = self.sdk.add_account("carol@example.com", USERS["carol"], proxy=self.k.proxy_uri("udp"))
        with self.assertRaises(GLib.Error) as cm:
            self.set_policy(carol, "bob", SipSimple.WatcherPolicy.ALLOW)
        self.assertTrue(cm.exception.matches(SipSimple.application_error_quark(),
                                             SipSimple.ApplicationError.NOT_RUNNING))


if __name__ == "__main__":
    unittest.main(verbosity=2)
