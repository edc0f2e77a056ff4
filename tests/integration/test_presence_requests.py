# SPDX-License-Identifier: LGPL-2.1-or-later
"""Subscription and Publication (the engine's request objects) against
Kamailio's presence server: PUBLISH with digest auth, modify and remove;
SUBSCRIBE to presence, presence.winfo and message-summary; every change
reaches the watcher within a second; refusals are reported."""

import time
import unittest

from sipsimpletest import Kamailio
from sipsimpletest.sdk import GLib, SdkApp, SipSimple, run_until

USERS = {"alice": "alice-pw", "bob": "bob-pw", "carol": "carol-pw"}

PIDF = """<?xml version="1.0" encoding="UTF-8"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:%(user)s@example.com">
  <tuple id="sdk-%(user)s"><status><basic>%(basic)s</basic></status><note>%(note)s</note></tuple>
</presence>
"""

SUMMARY = "Messages-Waiting: yes\r\nMessage-Account: sip:alice@example.com\r\nVoice-Message: 2/8 (0/2)\r\n"


def pidf(user, basic, note):
    return GLib.Bytes.new((PIDF % {"user": user, "basic": basic, "note": note}).encode())


class Watcher:
    """A Subscription and what it reported."""

    def __init__(self, sdk, kam, user, target, event, transport="udp"):
        self.sub = SipSimple.Subscription.new(
            sdk.engine, SipSimple.NameAddr.parse("sip:%s@example.com" % user),
            SipSimple.Uri.parse(target), event)
        self.sub.set_credentials(user, USERS[user])
        self.sub.set_outbound_proxy(SipSimple.Uri.parse(kam.proxy_uri(transport)))
        self.notifies = []       # (content type, body bytes, time)
        self.ended = []
        self.failed = []
        self.started = 0
        self.sub.connect("notification-received", lambda s, ct, body: self.notifies.append(
            (ct, body.get_data(), time.monotonic())))
        self.sub.connect("ended", lambda s, reason, retry: self.ended.append((reason, retry)))
        self.sub.connect("failed", lambda s, code, reason, retry: self.failed.append((code, reason)))
        self.sub.connect("started", lambda s: setattr(self, "started", self.started + 1))

    def start(self):
        self.sub.start()
        return self

    def wait_body(self, needle, timeout=5.0):
        run_until(lambda: self.notifies and needle in self.notifies[-1][1], timeout,
                  "a NOTIFY with %r (got %r)" % (needle, self.notifies[-1:]))
        return self.notifies[-1]

    def stop(self):
        self.sub.stop()
        run_until(lambda: self.ended or self.failed, 5, "end of the subscription")


class Publisher:
    def __init__(self, sdk, kam, user, event="presence", transport="udp"):
        self.pub = SipSimple.Publication.new(
            sdk.engine, SipSimple.NameAddr.parse("sip:%s@example.com" % user), event)
        self.pub.set_credentials(user, USERS[user])
        self.pub.set_outbound_proxy(SipSimple.Uri.parse(kam.proxy_uri(transport)))

    def publish(self, content_type, body, timeout=5.0):
        box = {}

        def done(pub, res):
            try:
                box["ok"] = pub.publish_finish(res)
            except GLib.Error as e:
                box["error"] = e

        self.pub.publish_async(content_type, body, None, done)
        run_until(lambda: box, timeout, "answer to PUBLISH")
        if "error" in box:
            raise box["error"]
        return box["ok"]

    def unpublish(self):
        box = {}
        self.pub.unpublish_async(None, lambda p, r: box.setdefault("ok", p.unpublish_finish(r)))
        run_until(lambda: box, 5, "answer to un-PUBLISH")


class PresenceRequestsTest(unittest.TestCase):
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

    def test_publish_and_watch(self):
        for transport in ("udp", "tcp"):
            with self.subTest(transport=transport):
                alice = Publisher(self.sdk, self.k, "alice", transport=transport)
                self.assertTrue(alice.publish("application/pidf+xml", pidf("alice", "open", "at work")))
                self.assertEqual(alice.pub.get_state(), SipSimple.PublicationState.PUBLISHED)
                self.assertTrue(alice.pub.get_etag())
                self.assertGreater(alice.pub.get_granted_expires(), 0)

                bob = Watcher(self.sdk, self.k, "bob", "sip:alice@example.com", "presence",
                              transport).start()
                ct, body, _ = bob.wait_body(b"at work")
                self.assertTrue(ct.startswith("application/pidf+xml"))
                self.assertEqual(bob.sub.get_state(), SipSimple.SubscriptionState.ACTIVE)
                self.assertEqual(bob.started, 1)
                self.assertGreater(bob.sub.get_granted_expires(), 0)

                # each change reaches the watcher within a second
                for note in ("in a meeting", "back", "gone home"):
                    t0 = time.monotonic()
                    etag = alice.pub.get_etag()
                    alice.publish("application/pidf+xml", pidf("alice", "open", note))
                    self.assertNotEqual(alice.pub.get_etag(), etag)
                    _, _, when = bob.wait_body(note.encode(), timeout=1.0)
                    self.assertLess(when - t0, 1.0)

                # removing the state: the watcher sees it go
                n = len(bob.notifies)
                alice.unpublish()
                self.assertEqual(alice.pub.get_state(), SipSimple.PublicationState.IDLE)
                run_until(lambda: len(bob.notifies) > n, 2, "NOTIFY after un-PUBLISH")
                self.assertNotIn(b"gone home", bob.notifies[-1][1])

                bob.stop()
                self.assertEqual(bob.ended, [(None, -1)])
                self.assertEqual(bob.sub.get_state(), SipSimple.SubscriptionState.TERMINATED)

    def test_watcher_info(self):
        alice = Watcher(self.sdk, self.k, "alice", "sip:alice@example.com", "presence.winfo").start()
        run_until(lambda: alice.notifies, 5, "first winfo NOTIFY")
        self.assertTrue(alice.notifies[0][0].startswith("application/watcherinfo+xml"))
        carol = Watcher(self.sdk, self.k, "carol", "sip:alice@example.com", "presence").start()
        ct, body, _ = alice.wait_body(b"sip:carol@example.com")
        self.assertIn(b'status="active"', body)
        carol.stop()
        alice.stop()

    def test_message_summary(self):
        # a voicemail server publishes; the subscriber gets the summary
        vm = Publisher(self.sdk, self.k, "alice", event="message-summary")
        vm.publish("application/simple-message-summary", GLib.Bytes.new(SUMMARY.encode()))
        alice = Watcher(self.sdk, self.k, "alice", "sip:alice@example.com", "message-summary").start()
        ct, body, _ = alice.wait_body(b"Messages-Waiting: yes")
        self.assertTrue(ct.startswith("application/simple-message-summary"))
        self.assertIn(b"Voice-Message: 2/8", body)
        vm.unpublish()
        alice.stop()

    def test_refusals(self):
        # wrong password: 403 from the harness
        sub = Watcher(self.sdk, self.k, "bob", "sip:alice@example.com", "presence")
        sub.sub.set_credentials("bob", "wrong")
        sub.start()
        run_until(lambda: sub.failed, 5, "refusal")
        self.assertEqual(sub.failed[0][0], 403)
        self.assertEqual(sub.sub.get_state(), SipSimple.SubscriptionState.TERMINATED)

        # an event package the server does not have
        odd = Watcher(self.sdk, self.k, "bob", "sip:alice@example.com", "no-such-event").start()
        run_until(lambda: odd.failed, 5, "489")
        self.assertEqual(odd.failed[0][0], 489)

        pub = Publisher(self.sdk, self.k, "bob")
        pub.pub.set_credentials("bob", "wrong")
        with self.assertRaises(GLib.Error) as cm:
            pub.publish("application/pidf+xml", pidf("bob", "open", "x"))
        self.assertEqual(cm.exception.code, 403)
        self.assertEqual(pub.pub.get_state(), SipSimple.PublicationState.FAILED)


if __name__ == "__main__":
    unittest.main(verbosity=2)
