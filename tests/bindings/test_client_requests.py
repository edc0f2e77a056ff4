# SPDX-License-Identifier: LGPL-2.1-or-later
"""The requests from Python: Registration, Subscription, Publication,
Invitation and Message share SipSimple.ClientRequest, whose credentials
and outbound proxy read as methods and as properties on every one of them
(no engine needs to run for that)."""

import unittest

import gi

gi.require_version("GLib", "2.0")
gi.require_version("SipSimple", "1.0")
from gi.repository import GLib, SipSimple  # noqa: E402


class ClientRequestFromPython(unittest.TestCase):
    def setUp(self):
        self.engine = SipSimple.Engine.new()
        alice = SipSimple.NameAddr.parse("Alice <sip:alice@example.com>")
        bob = SipSimple.NameAddr.parse("<sip:bob@example.com>")
        self.requests = [
            SipSimple.Registration.new(self.engine, alice.get_uri()),
            SipSimple.Subscription.new(self.engine, alice, bob.get_uri(), "presence"),
            SipSimple.Publication.new(self.engine, alice, "presence"),
            SipSimple.Invitation.new(self.engine, alice, bob),
            SipSimple.Message.new_text(self.engine, alice, bob, "hello"),
        ]

    def test_one_base(self):
        for request in self.requests:
            with self.subTest(type(request).__name__):
                self.assertIsInstance(request, SipSimple.ClientRequest)
                self.assertIs(request.get_engine(), self.engine)
                self.assertIs(request.props.engine, self.engine)
                self.assertIsNone(request.get_username())
                self.assertIsNone(request.get_outbound_proxy())

    def test_credentials_and_proxy(self):
        proxy = SipSimple.Uri.parse("sip:127.0.0.1:5060;transport=tcp")
        for request in self.requests:
            with self.subTest(type(request).__name__):
                seen = []
                request.connect("notify::outbound-proxy", lambda r, p: seen.append(p.name))
                request.set_credentials("alice", "secret")
                self.assertEqual(request.props.username, "alice")
                self.assertEqual(request.props.password, "secret")
                request.props.username = "alice2"
                self.assertEqual(request.get_username(), "alice2")
                request.set_outbound_proxy(proxy)
                request.props.outbound_proxy = SipSimple.Uri.parse(proxy.to_string())
                self.assertEqual(seen, ["outbound-proxy"])
                self.assertTrue(request.get_outbound_proxy().equal(proxy))
                request.props.outbound_proxy = None
                self.assertIsNone(request.get_outbound_proxy())

    def test_abstract(self):
        with self.assertRaises(TypeError):
            SipSimple.ClientRequest()

    def test_invitation_status_properties(self):
        invitation = self.requests[3]
        self.assertEqual(invitation.props.state, SipSimple.InvitationState.NULL)
        self.assertEqual(invitation.props.status_code, 0)
        self.assertIsNone(invitation.props.reason)
        # the state is watched with notify::state; the signal is gone
        with self.assertRaises(TypeError):
            invitation.connect("state-changed", lambda *a: None)

    def test_subscription_notification_signal(self):
        subscription = self.requests[1]
        self.assertGreater(subscription.connect("notification-received", lambda *a: None), 0)
        with self.assertRaises(TypeError):
            subscription.connect("got-notify", lambda *a: None)

    def test_engine_not_running(self):
        with self.assertRaises(GLib.Error) as cm:
            self.requests[0].start()
        self.assertTrue(cm.exception.matches(SipSimple.engine_error_quark(),
                                             SipSimple.EngineError.NOT_RUNNING))


if __name__ == "__main__":
    unittest.main()
