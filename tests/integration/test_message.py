# SPDX-License-Identifier: LGPL-2.1-or-later
"""SIP MESSAGE between two SDK accounts through a real Kamailio (UDP, TCP,
TLS), plain text and CPIM, and the errors a sender sees."""

import unittest

from sipsimpletest import Kamailio, SipClient
from sipsimpletest.sdk import GLib, SdkApp, SipSimple, in_thread

USERS = {"alice": "alice-secret", "bob": "bob-secret", "carol": "carol-secret"}


class MessageTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.k = Kamailio(users=USERS, transports=("udp", "tcp", "tls"))
        cls.k.start()

    @classmethod
    def tearDownClass(cls):
        cls.k.stop()

    def setUp(self):
        self.sdk = SdkApp().start(ca_file=self.k.ca_file)

    def tearDown(self):
        self.sdk.stop()

    def pair(self, transport_a, transport_b, **alice_props):
        alice = self.sdk.add_account("alice@example.com", USERS["alice"],
                                     proxy=self.k.proxy_uri(transport_a),
                                     display_name="Alice", **alice_props)
        bob = self.sdk.add_account("bob@example.com", USERS["bob"],
                                   proxy=self.k.proxy_uri(transport_b))
        self.sdk.wait_registered(alice)
        self.sdk.wait_registered(bob)
        return alice, bob

    def exchange(self, transport):
        alice, bob = self.pair(transport, transport)
        self.assertTrue(self.sdk.send_text(alice, "bob@example.com", "hello bob, über " + transport))
        msg = self.sdk.wait_messages(bob)[0]
        self.assertEqual(msg.get_text(), "hello bob, über " + transport)
        self.assertTrue(msg.get_content_type().startswith("text/plain"))
        self.assertEqual(msg.get_from().get_uri().get_aor(), "alice@example.com")
        self.assertEqual(msg.get_from().get_display_name(), "Alice")
        self.assertEqual(msg.get_direction(), SipSimple.MessageDirection.INCOMING)
        self.assertIsNotNone(msg.get_date())
        # and back
        self.assertTrue(self.sdk.send_text(bob, "alice", "hi alice"))
        self.assertEqual(self.sdk.wait_messages(alice)[0].get_text(), "hi alice")

    def test_udp(self):
        self.exchange("udp")

    def test_tcp(self):
        self.exchange("tcp")

    def test_tls(self):
        self.exchange("tls")

    def test_mixed_transports(self):
        alice, bob = self.pair("tls", "udp")
        self.sdk.send_text(alice, "sip:bob@example.com", "across transports")
        self.assertEqual(self.sdk.wait_messages(bob)[0].get_text(), "across transports")

    def test_cpim(self):
        alice, bob = self.pair("udp", "udp", use_cpim=True)
        self.sdk.send_text(alice, "bob@example.com", "wrapped in cpim")
        msg = self.sdk.wait_messages(bob)[0]
        self.assertEqual(msg.get_text(), "wrapped in cpim")
        self.assertIsNotNone(msg.get_cpim(), "the CPIM envelope is kept")
        self.assertEqual(msg.get_from().get_uri().get_aor(), "alice@example.com")
        self.assertIsNotNone(msg.get_date())

    def test_binary_body(self):
        alice, bob = self.pair("tcp", "tcp")
        payload = bytes(range(256)) * 4
        self.sdk.send_message(alice, "bob@example.com", "application/octet-stream", payload)
        msg = self.sdk.wait_messages(bob)[0]
        self.assertEqual(msg.get_body().get_data(), payload)
        self.assertIsNone(msg.get_text())

    def test_unknown_user_is_404(self):
        alice, _ = self.pair("udp", "udp")
        with self.assertRaises(GLib.Error) as cm:
            self.sdk.send_text(alice, "nobody@example.com", "anyone?")
        self.assertEqual(cm.exception.domain, "sip-simple-sip-error-quark")
        self.assertEqual(cm.exception.code, 404)
        self.assertTrue(cm.exception.matches(SipSimple.sip_error_quark(), SipSimple.SipError.NOT_FOUND))

    def test_unregistered_user_is_480(self):
        alice, _ = self.pair("udp", "udp")
        with self.assertRaises(GLib.Error) as cm:
            self.sdk.send_text(alice, "carol@example.com", "are you there?")
        self.assertEqual(cm.exception.code, 480)

    def test_wrong_password_is_403(self):
        mallory = self.sdk.add_account("carol@example.com", "wrong",
                                       proxy=self.k.proxy_uri("udp"), register=False)
        with self.assertRaises(GLib.Error) as cm:
            self.sdk.send_text(mallory, "bob@example.com", "let me in")
        self.assertEqual(cm.exception.code, 403)

    def test_bad_target(self):
        alice, _ = self.pair("udp", "udp")
        with self.assertRaises(GLib.Error) as cm:
            self.sdk.send_text(alice, "sip:", "nowhere")
        self.assertEqual(cm.exception.domain, "sip-simple-parse-error-quark")

    def test_from_raw_client_and_unknown_account(self):
        """A MESSAGE from another UA arrives; one for no account gets 404."""
        _, bob = self.pair("udp", "udp")
        carol = self.k.client("carol", "udp")
        resp = in_thread(carol.message, self.k.aor("bob"), "from a raw UA")
        self.assertEqual(resp.code, 200)
        self.assertEqual(self.sdk.wait_messages(bob)[0].get_text(), "from a raw UA")
        # straight to our engine, for a user that has no account here
        port = self.sdk.engine.get_local_port(SipSimple.Transport.UDP)
        with SipClient("udp", server=("127.0.0.1", port), user="carol") as direct:
            resp = in_thread(direct.message, "sip:dave@127.0.0.1:%d" % port, "wrong door")
            self.assertEqual(resp.code, 404)

    def test_malformed_messages_get_400(self):
        """Bad MESSAGEs straight to the engine: a clear 400, nothing delivered,
        and the engine keeps working."""
        _, bob = self.pair("udp", "udp")
        port = self.sdk.engine.get_local_port(SipSimple.Transport.UDP)
        uri = "sip:bob@127.0.0.1:%d" % port
        with SipClient("udp", server=("127.0.0.1", port), user="carol") as direct:
            # message/cpim without the blank lines
            resp = in_thread(direct.request, "MESSAGE", uri, body="From: <sip:x@y>\r\nnot cpim",
                             content_type="message/cpim", auth=False)
            self.assertEqual(resp.code, 400)
            self.assertIn("CPIM", resp.header("Warning") or "")
            # no Content-Type at all
            req = direct.create_request("MESSAGE", uri)
            req.body = b"naked body"
            resp = in_thread(direct.complete, direct.send_request(req), auth=False)
            self.assertIn(resp.code, (400, 415))
            # and a good one still gets through
            resp = in_thread(direct.message, uri, "still alive", auth=False)
            self.assertEqual(resp.code, 200)
        msgs = self.sdk.wait_messages(bob)
        self.assertEqual([m.get_text() for m in msgs], ["still alive"])

if __name__ == "__main__":
    unittest.main(verbosity=2)
