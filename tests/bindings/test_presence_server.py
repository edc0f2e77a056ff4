# SPDX-License-Identifier: LGPL-2.1-or-later
"""The presence server from Python: PresenceServer on an Agent, as a
route script uses it (handle(), its GLib.Error, the changed signal, the
composed document as GLib.Bytes, the counters)."""

import unittest

from sipsimpletest import SipClient
from sipsimpletest.sdk import GLib, SipSimple, in_thread, run_until

PIDF = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:alice@example.com">'
        b'<tuple id="t1"><status><basic>open</basic></status><note>from python</note></tuple>'
        b'</presence>')


class PresenceServerFromPython(unittest.TestCase):
    def setUp(self):
        self.agent = SipSimple.Agent(domains=["example.com"])
        self.agent.listen_spec("udp:127.0.0.1:0")
        self.port = self.agent.get_port(SipSimple.Transport.UDP)
        self.server = SipSimple.PresenceServer.new(self.agent)
        self.changed = []
        self.errors = []
        self.server.connect("changed", lambda s, entity: self.changed.append(entity))

        def route(agent, event):
            uri = event.get_uri()
            self.server.handle(event, uri.get_aor() if uri.get_user() else None)
            try:                           # a second time: already answered
                self.server.handle(event, None)
            except GLib.Error as e:
                self.errors.append(e)
        self.agent.connect("incoming", route)

    def tearDown(self):
        self.agent.close()

    def test_publish_and_read_back(self):
        self.assertEqual(self.server.props.min_expires, 60)
        self.server.props.max_expires = 600
        c = SipClient("udp", ("127.0.0.1", self.port), user="alice")
        self.addCleanup(c.close)
        r = in_thread(c.request, "PUBLISH", "sip:alice@example.com", headers=[("Event", "presence")],
                      body=PIDF, content_type="application/pidf+xml", expires=3600)
        self.assertEqual(r.code, 200)
        self.assertEqual(r.header("expires"), "600")
        self.assertTrue(r.header("sip-etag"))
        self.assertEqual(self.changed, ["alice@example.com"])
        doc = self.server.get_document("sip:alice@example.com")
        pidf = SipSimple.Pidf.parse(doc)
        self.assertEqual(pidf.get_note(), "from python")
        self.assertEqual(self.server.count_publications("alice@example.com"), 1)
        self.assertIsNone(self.server.get_document("bob@example.com"))
        self.assertTrue(self.errors[0].matches(SipSimple.agent_error_quark(),
                                               SipSimple.AgentError.ALREADY_ANSWERED))
        # a malformed document: 400, nothing changes
        r = in_thread(c.request, "PUBLISH", "sip:alice@example.com", headers=[("Event", "presence")],
                      body=b"<presence", content_type="application/pidf+xml")
        self.assertEqual(r.code, 400)
        self.assertEqual(self.changed, ["alice@example.com"])
        run_until(lambda: len(self.errors) == 2)


if __name__ == "__main__":
    unittest.main()
