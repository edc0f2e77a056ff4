# SPDX-License-Identifier: LGPL-2.1-or-later
"""Session signalling between SDK endpoints through a real Kamailio: call,
ring, accept, reject, cancel, hold, add/remove streams and proposals,
blind and attended transfer between three endpoints, and bad offers.

Media is a Python-implemented test stream (sipsimpletest.teststream), so
this exercises the session and offer/answer logic; audio has its own tests.
"""

import unittest

from sipsimpletest import Kamailio, SipClient
from sipsimpletest.sdk import GLib, SdkApp, SessionRecorder as Recorder, SipSimple, in_thread, run_until
from sipsimpletest.teststream import TestStream, register

USERS = {"alice": "a-pw", "bob": "b-pw", "carol": "c-pw"}
O = SipSimple.Originator


class SessionTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        register()
        cls.k = Kamailio(users=USERS, transports=("udp", "tcp"))
        cls.k.start()

    @classmethod
    def tearDownClass(cls):
        cls.k.stop()

    def setUp(self):
        self.sdk = SdkApp().start(transports=("udp", "tcp"))
        self.acc = {}
        for name, transport in (("alice", "udp"), ("bob", "tcp"), ("carol", "udp")):
            self.acc[name] = self.sdk.add_account("%s@example.com" % name, USERS[name],
                                                  proxy=self.k.proxy_uri(transport),
                                                  display_name=name.capitalize())
        for a in self.acc.values():
            self.sdk.wait_registered(a)
        self.incoming = {}      # account id -> [(session, Recorder)]
        self.policy = {}        # account id -> callable(session)
        self.sdk.app.get_session_manager().connect("new-incoming", self._on_incoming)

    def tearDown(self):
        self.sdk.stop()

    def _on_incoming(self, manager, session):
        account = session.get_account().get_id()
        rec = Recorder(session)
        self.incoming.setdefault(account, []).append((session, rec))
        policy = self.policy.get(account, accept)
        policy(session)

    def wait_incoming(self, user, n=1, timeout=10.0):
        key = "%s@example.com" % user
        run_until(lambda: len(self.incoming.get(key, [])) >= n, timeout, "session to %s" % user)
        return self.incoming[key][n - 1]

    def call(self, caller, callee, streams=None):
        session = SipSimple.Session.new(self.acc[caller])
        rec = Recorder(session)
        self.assertTrue(session.connect_to(callee, streams or [TestStream()]))
        return session, rec

    def established(self, caller="alice", callee="bob"):
        s, r = self.call(caller, callee)
        r.wait("started")
        bs, br = self.wait_incoming(callee)
        br.wait("started")
        return s, r, bs, br

    # -------------------------------------------------------------------
    def test_call_ring_accept_and_hang_up(self):
        self.policy["bob@example.com"] = ring_then_accept
        s, r = self.call("alice", "bob")
        r.wait("started")
        bs, br = self.wait_incoming("bob")
        br.wait("started")
        self.assertEqual(r.signals()[:2], ["new-outgoing", "provisional-response"])
        self.assertIn("ringing", r.names())
        self.assertLess(r.names().index("will-start"), r.names().index("started"))
        self.assertEqual(s.get_state(), SipSimple.SessionState.CONNECTED)
        self.assertEqual(bs.get_state(), SipSimple.SessionState.CONNECTED)
        self.assertTrue(bs.is_incoming())
        self.assertFalse(s.is_incoming())
        self.assertEqual(bs.get_remote_identity().get_uri().get_aor(), "alice@example.com")
        self.assertEqual(bs.get_remote_identity().get_display_name(), "Alice")
        self.assertIn("libsipsimple", s.get_remote_user_agent())
        self.assertIsNotNone(s.get_start_time())
        self.assertEqual(len(s.get_streams()), 1)
        self.assertEqual(s.get_streams()[0].get_state(), SipSimple.MediaStreamState.RUNNING)
        manager = self.sdk.app.get_session_manager()
        self.assertEqual(len(manager), 2)
        self.assertIn(s, list(manager))
        self.assertEqual(manager.props.n_items, 2)
        # what changed was notified, in order: the peer, then the start
        names = r.names()
        self.assertIn("notify::remote-user-agent", names)
        self.assertLess(names.index("notify::start-time"), names.index("started"))
        self.assertEqual(s.props.start_time.to_unix(), s.get_start_time().to_unix())
        self.assertEqual(s.props.remote_identity.get_uri().get_aor(), "bob@example.com")
        streams = s.get_streams()
        self.assertIs(s.props.streams, streams)

        s.end()
        end = r.wait("ended")
        self.assertEqual(end[1:], ("local", "user request"))
        self.assertEqual(br.wait("ended")[1], "remote")
        self.assertIn("will-end", r.names())
        self.assertEqual(s.get_state(), SipSimple.SessionState.TERMINATED)
        self.assertEqual(s.get_streams()[0].get_state(), SipSimple.MediaStreamState.ENDED)
        self.assertIsNotNone(s.get_stop_time())
        self.assertIn("notify::stop-time", r.names())
        run_until(lambda: len(manager) == 0, 5, "the manager forgets ended sessions")

    def test_reject_busy(self):
        self.policy["bob@example.com"] = lambda s: s.reject(486, None)
        s, r = self.call("alice", "bob")
        failed = r.wait("failed")
        self.assertEqual(failed[1:3], ("remote", 486))
        bs, br = self.wait_incoming("bob")
        self.assertEqual(br.wait("failed")[1:3], ("local", 486))
        self.assertNotIn("ended", r.names())
        self.assertEqual(s.get_state(), SipSimple.SessionState.TERMINATED)

    def test_cancel_before_answer(self):
        self.policy["bob@example.com"] = lambda s: s.send_ring_indication()
        s, r = self.call("alice", "bob")
        r.wait("ringing")
        bs, br = self.wait_incoming("bob")
        self.assertEqual(bs.get_state(), SipSimple.SessionState.INCOMING)
        s.end()
        failed = r.wait("failed")
        self.assertEqual(failed[1], "local")
        self.assertEqual(failed[4], "user request")
        bfail = br.wait("failed")
        self.assertEqual(bfail[1:3], ("remote", 487))

    def test_methods_check_state(self):
        s = SipSimple.Session.new(self.acc["alice"])
        with self.assertRaises(GLib.Error) as cm:
            s.accept([TestStream()])
        self.assertTrue(cm.exception.matches(SipSimple.session_error_quark(),
                                             SipSimple.SessionError.INVALID_STATE))
        self.assertIn("null", cm.exception.message)
        with self.assertRaises(GLib.Error):
            s.connect_to("bob", [])
        with self.assertRaises(GLib.Error):
            s.connect_to("sip:", [TestStream()])

    def test_hold_and_unhold(self):
        s, r, bs, br = self.established()
        s.hold()
        self.assertEqual(r.wait("notify::on-hold"), ("notify::on-hold", True))
        self.assertEqual(br.wait("notify::remote-on-hold"), ("notify::remote-on-hold", True))
        self.assertTrue(s.get_on_hold())
        self.assertFalse(s.get_remote_on_hold())
        self.assertTrue(bs.get_remote_on_hold())
        self.assertFalse(bs.props.on_hold)
        self.assertIsNone(r.get("notify::remote-on-hold"))
        self.assertEqual(bs.get_streams()[0].remote_direction, "sendonly")
        r.events.clear()
        br.events.clear()
        s.unhold()
        self.assertEqual(r.wait("notify::on-hold"), ("notify::on-hold", False))
        self.assertEqual(br.wait("notify::remote-on-hold"), ("notify::remote-on-hold", False))
        self.assertFalse(bs.get_remote_on_hold())
        self.assertFalse(s.props.on_hold)
        self.assertEqual(s.get_state(), SipSimple.SessionState.CONNECTED)

    def test_add_and_remove_stream(self):
        s, r, bs, br = self.established()
        self.policy_proposal(bs, br, accept=True)
        second = TestStream()
        s.add_stream(second)
        self.assertEqual(r.wait("proposal-received")[1], "local")
        r.wait("proposal-accepted")
        self.assertEqual(r.wait("streams-renegotiated")[1], "add")
        self.assertEqual(br.wait("proposal-received")[1], "remote")
        br.wait("streams-renegotiated")
        run_until(lambda: len(bs.get_streams()) == 2, 5, "bob's second stream")
        self.assertEqual(len(s.get_streams()), 2)
        self.assertEqual(second.get_state(), SipSimple.MediaStreamState.RUNNING)

        r.events.clear()
        br.events.clear()
        s.remove_stream(second)
        self.assertEqual(r.wait("streams-renegotiated")[1], "remove")
        self.assertEqual(br.wait("streams-renegotiated")[1], "remove")
        self.assertEqual(len(s.get_streams()), 1)
        self.assertEqual(len(bs.get_streams()), 1)
        self.assertEqual(second.get_state(), SipSimple.MediaStreamState.ENDED)
        # the last stream cannot be removed
        with self.assertRaises(GLib.Error):
            s.remove_stream(s.get_streams()[0])

    def test_reject_proposal(self):
        s, r, bs, br = self.established()
        self.policy_proposal(bs, br, accept=False)
        s.add_stream(TestStream())
        rej = r.wait("proposal-rejected")
        self.assertEqual(rej[1:3], ("local", 488))
        self.assertEqual(len(s.get_streams()), 1)
        self.assertEqual(br.wait("proposal-rejected")[1], "remote")
        self.assertEqual(s.get_state(), SipSimple.SessionState.CONNECTED)

    def test_cancel_proposal(self):
        s, r, bs, br = self.established()
        s.add_stream(TestStream())
        br.wait("proposal-received")
        self.assertEqual(bs.get_state(), SipSimple.SessionState.RECEIVED_PROPOSAL)
        s.cancel_proposal()
        self.assertEqual(r.wait("proposal-rejected")[2], 487)
        br.wait("proposal-rejected")
        run_until(lambda: bs.get_state() == SipSimple.SessionState.CONNECTED, 5, "bob back to connected")
        self.assertEqual(s.get_state(), SipSimple.SessionState.CONNECTED)

    def test_stream_failure_fails_the_session(self):
        self.policy["bob@example.com"] = accept
        s, r = self.call("alice", "bob", [TestStream(fail_start=True)])
        failed = r.wait("failed")
        self.assertEqual(failed[1], "local")
        self.assertIn("media died", failed[4])
        bs, br = self.wait_incoming("bob")
        br.wait("ended") if br.get("started") else br.wait("failed")

    def test_stream_init_failure(self):
        s, r = self.call("alice", "bob", [TestStream(fail_init=True)])
        failed = r.wait("failed")
        self.assertIn("no ports left", failed[4])
        self.assertNotIn("bob@example.com", self.incoming)

    def test_blind_transfer(self):
        s, r, bs, br = self.established("alice", "bob")
        bs.connect("transfer-new-incoming", lambda sess, to, by: sess.accept_transfer())
        s.transfer("carol", None)
        self.assertEqual(r.wait("transfer-new-outgoing")[1], "sip:carol@example.com")
        r.wait("transfer-succeeded", timeout=15)
        cs, cr = self.wait_incoming("carol")
        cr.wait("started")
        self.assertEqual(cs.get_remote_identity().get_uri().get_aor(), "bob@example.com")
        r.wait("ended")
        br.wait("ended")
        self.assertEqual(cs.get_state(), SipSimple.SessionState.CONNECTED)

    def test_attended_transfer(self):
        s1, r1, b1, br1 = self.established("alice", "bob")
        s2, r2 = self.call("alice", "carol")
        r2.wait("started")
        c2, cr2 = self.wait_incoming("carol")
        cr2.wait("started")
        b1.connect("transfer-new-incoming", lambda sess, to, by: sess.accept_transfer())
        s1.transfer(None, s2)
        r1.wait("transfer-succeeded", timeout=15)
        # carol got an INVITE with Replaces from bob, accepted it, and hung up on alice
        c3, cr3 = self.wait_incoming("carol", 2)
        cr3.wait("started")
        self.assertIs(c3.get_replaced_session(), c2)
        self.assertEqual(c3.get_remote_identity().get_uri().get_aor(), "bob@example.com")
        cr2.wait("ended")
        r2.wait("ended")
        r1.wait("ended")

    def test_reject_transfer(self):
        s, r, bs, br = self.established()
        bs.connect("transfer-new-incoming", lambda sess, to, by: sess.reject_transfer(603, None))
        s.transfer("carol", None)
        failed = r.wait("transfer-failed")
        self.assertEqual(failed[1], 603)
        self.assertEqual(s.get_state(), SipSimple.SessionState.CONNECTED)

    def test_bad_offers_are_refused(self):
        port = self.sdk.engine.get_local_port(SipSimple.Transport.UDP)
        uri = "sip:bob@127.0.0.1:%d" % port
        bad_sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 99999 RTP/AVP 0\r\n"
        cases = [
            ("malformed SDP", bad_sdp, "application/sdp", 488),
            ("no SDP", "", None, 488),
            ("unsupported media", "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
             "t=0 0\r\nm=video 5000 RTP/AVP 96\r\na=rtpmap:96 VP8/90000\r\n", "application/sdp", 488),
        ]
        with SipClient("udp", server=("127.0.0.1", port), user="carol") as direct:
            for what, body, ctype, code in cases:
                with self.subTest(what):
                    req = direct.create_request("INVITE", uri, body=body, content_type=ctype)
                    resp = in_thread(direct.complete, direct.send_request(req), auth=False)
                    self.assertEqual(resp.code, code, resp)
        self.assertNotIn("bob@example.com", self.incoming)

    def test_application_stop_ends_sessions(self):
        s, r, bs, br = self.established()
        self.sdk.stop()
        self.assertIn(s.get_state(), (SipSimple.SessionState.TERMINATED,))
        self.assertEqual(r.get("ended")[1], "local")
        self.sdk = SdkApp().start()   # for tearDown

    # helpers ---------------------------------------------------------
    def policy_proposal(self, session, rec, accept):
        def on_proposal(sess, originator):
            if accept:
                sess.accept_proposal(sess.get_proposed_streams())
            else:
                sess.reject_proposal(488, None)
        session.connect("proposal-received", on_proposal)


def accept(session):
    session.accept(session.get_proposed_streams())


def ring_then_accept(session):
    session.send_ring_indication()
    GLib.timeout_add(200, lambda: accept(session) or False)


if __name__ == "__main__":
    unittest.main(verbosity=2)
