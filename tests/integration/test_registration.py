# SPDX-License-Identifier: LGPL-2.1-or-later
"""Accounts register with a real Kamailio over UDP, TCP and TLS, with MD5
and SHA-256 digest; failures give the right codes."""

import socket
import unittest

from sipsimpletest import Kamailio, free_port
from sipsimpletest.sdk import SdkApp, SipSimple, run_until

USERS = {"alice": "alice-secret", "bob": "bob-secret"}


class RegistrationTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.k = Kamailio(users=USERS, transports=("udp", "tcp", "tls"), min_expires=60)
        cls.k.start()

    @classmethod
    def tearDownClass(cls):
        cls.k.stop()

    def setUp(self):
        self.sdk = SdkApp().start(ca_file=self.k.ca_file)

    def tearDown(self):
        self.sdk.stop()

    def register_over(self, transport):
        alice = self.sdk.add_account("alice@example.com", USERS["alice"],
                                     proxy=self.k.proxy_uri(transport))
        contact, expires = self.sdk.wait_registered(alice)
        self.assertEqual(alice.get_registration_state(), SipSimple.RegistrationState.REGISTERED)
        self.assertGreaterEqual(expires, 60)
        # The registrar really has our binding, on the right transport.
        contacts = self.k.registered_contacts("alice")
        self.assertEqual(len(contacts), 1, contacts)
        port = self.sdk.engine.get_local_port(getattr(SipSimple.Transport, transport.upper()))
        self.assertIn(":%d" % port, contacts[0])
        self.assertIn(str(port), contact)
        # Disabling unregisters: the binding disappears from Kamailio.
        alice.set_enabled(False)
        run_until(lambda: self.sdk.ev(alice).unregistered, 10, "unregistration")
        self.assertEqual(self.k.registered_contacts("alice"), [])

    def test_udp(self):
        self.register_over("udp")

    def test_tcp(self):
        self.register_over("tcp")

    def test_tls(self):
        self.register_over("tls")

    def test_wrong_password(self):
        alice = self.sdk.add_account("alice@example.com", "not-the-password",
                                     proxy=self.k.proxy_uri("udp"))
        code, reason, will_retry = self.sdk.wait_failed(alice)
        self.assertEqual(code, 403)
        self.assertFalse(will_retry, "a wrong password must not be retried")
        self.assertEqual(self.k.registered_contacts("alice"), [])

    def test_no_password(self):
        alice = self.sdk.add_account("alice@example.com", None, proxy=self.k.proxy_uri("udp"))
        code, reason, will_retry = self.sdk.wait_failed(alice)
        self.assertEqual(code, 401)
        self.assertIn("no password", reason)

    def test_unknown_domain(self):
        acc = self.sdk.add_account("alice@unknown.example", USERS["alice"],
                                   proxy=self.k.proxy_uri("udp"))
        code, reason, will_retry = self.sdk.wait_failed(acc)
        self.assertEqual(code, 403)
        self.assertIn("Domain not served", reason)

    def test_unreachable_registrar_tcp(self):
        port = free_port("tcp")  # nothing listens there
        acc = self.sdk.add_account("alice@example.com", USERS["alice"],
                                   proxy="sip:127.0.0.1:%d;transport=tcp" % port)
        code, reason, will_retry = self.sdk.wait_failed(acc, timeout=40)
        self.assertIn(code, (408, 503))
        self.assertTrue(will_retry, "an unreachable registrar is retried with back-off")

    def test_interval_too_brief(self):
        # Kamailio answers 423 with Min-Expires 60; the stack retries with it.
        alice = self.sdk.add_account("alice@example.com", USERS["alice"],
                                     proxy=self.k.proxy_uri("udp"), register_interval=10)
        contact, expires = self.sdk.wait_registered(alice)
        self.assertGreaterEqual(expires, 60)
        regs = self.k.registrations("alice")
        self.assertEqual(len(regs), 1)

    def test_two_accounts(self):
        alice = self.sdk.add_account("alice@example.com", USERS["alice"],
                                     proxy=self.k.proxy_uri("tcp"))
        bob = self.sdk.add_account("bob@example.com", USERS["bob"],
                                   proxy=self.k.proxy_uri("udp"))
        self.sdk.wait_registered(alice)
        self.sdk.wait_registered(bob)
        self.assertEqual(len(self.k.registered_contacts("alice")), 1)
        self.assertEqual(len(self.k.registered_contacts("bob")), 1)


class Sha256Test(unittest.TestCase):
    def test_sha256_digest(self):
        with Kamailio(users=USERS, transports=("udp",), auth_algorithm="SHA-256") as k:
            sdk = SdkApp().start()
            try:
                alice = sdk.add_account("alice@example.com", USERS["alice"],
                                        proxy=k.proxy_uri("udp"))
                sdk.wait_registered(alice)
                self.assertEqual(len(k.registered_contacts("alice")), 1)
                # MESSAGE is challenged with 407/SHA-256 as well
                bob = k.client("bob", "udp")
                bob.register()
                bob.auto_answer("MESSAGE", 200)
                self.assertTrue(sdk.send_text(alice, "bob@example.com", "sha-256 works"))
                self.assertEqual(bob.wait_request("MESSAGE").text, "sha-256 works")
            finally:
                sdk.stop()


class RefreshTest(unittest.TestCase):
    def test_refresh_before_expiry(self):
        with Kamailio(users=USERS, transports=("udp",), min_expires=0) as k:
            sdk = SdkApp().start()
            try:
                alice = sdk.add_account("alice@example.com", USERS["alice"],
                                        proxy=k.proxy_uri("udp"), register_interval=4)
                sdk.wait_registered(alice)
                # refreshed before the 4 s expire, several times
                sdk.wait_registered(alice, count=3, timeout=12)
                self.assertEqual(len(k.registered_contacts("alice")), 1)
            finally:
                sdk.stop()


if __name__ == "__main__":
    unittest.main(verbosity=2)
