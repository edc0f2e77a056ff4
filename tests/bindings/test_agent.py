# SPDX-License-Identifier: LGPL-2.1-or-later
"""The server API from Python: Agent, Event, Registrar, Location and their
errors, as a script writer uses them through PyGObject (trailing optional
arguments left out, lists for arrays, lambdas for the password lookup)."""

import unittest

from sipsimpletest import SipClient, shared_certs
from sipsimpletest.sdk import GLib, SipSimple, in_thread, run_until


class AgentFromPython(unittest.TestCase):
    def setUp(self):
        self.agent = SipSimple.Agent(domains=["example.com"], user_agent="pytest-agent")
        self.agent.listen_spec("udp:127.0.0.1:0")
        self.port = self.agent.get_port(SipSimple.Transport.UDP)
        self.seen = []
        self.finished = []
        self.agent.connect("finished", lambda a, e: self.finished.append(e.get_status()))

    def tearDown(self):
        self.agent.close()

    def client(self, user="alice", password=None):
        c = SipClient("udp", ("127.0.0.1", self.port), user=user, password=password)
        self.addCleanup(c.close)
        return c

    def test_properties_and_uris(self):
        self.assertEqual(self.agent.props.domains, ["example.com"])
        self.assertEqual(self.agent.props.digest_algorithms, ["SHA-256", "MD5"])
        self.assertTrue(self.agent.props.route_in_dialog)
        uris = self.agent.get_uris()
        self.assertEqual(uris[0].to_string(), "sip:127.0.0.1:%d;transport=udp" % self.port)
        self.assertTrue(self.agent.is_local(SipSimple.Uri.parse("sip:bob@example.com")))
        self.assertFalse(self.agent.is_local(SipSimple.Uri.parse("sip:bob@example.org")))
        with self.assertRaises(GLib.Error) as cm:
            SipSimple.Agent.new().listen_spec("udp:nowhere")
        self.assertTrue(cm.exception.matches(SipSimple.agent_error_quark(),
                                             SipSimple.AgentError.INVALID_ARGUMENT))

    def test_event_and_actions(self):
        def route(agent, event):
            self.seen.append((event.get_method(), event.get_uri().get_user(),
                              event.get_from().get_uri().get_user(), event.get_max_forwards(),
                              [v.get_transport() for v in event.get_vias()],
                              event.get_body().get_data(), event.get_content_type()))
            if event.get_method() == "MESSAGE":
                headers = SipSimple.Headers.new()
                headers.append("X-Seen", "yes")
                event.accept(headers)
                with self.assertRaises(GLib.Error) as cm:
                    event.reject(404, None)
                self.assertTrue(cm.exception.matches(SipSimple.agent_error_quark(),
                                                     SipSimple.AgentError.ALREADY_ANSWERED))
            elif event.get_method() == "INFO":
                event.redirect([SipSimple.Uri.parse("sip:bob@vm.example.com")])
            # OPTIONS: nobody acts, 501

        self.agent.connect("incoming", route)
        c = self.client()
        r = in_thread(c.message, "sip:bob@example.com", "hello")
        self.assertEqual(r.code, 200)
        self.assertEqual(r.header("x-seen"), "yes")
        self.assertEqual(r.header("server"), "pytest-agent")
        r = in_thread(c.request, "INFO", "sip:bob@example.com")
        self.assertEqual((r.code, r.header("contact")), (302, "<sip:bob@vm.example.com>"))
        r = in_thread(c.options)
        self.assertEqual(r.code, 501)
        self.assertEqual(self.seen[0], ("MESSAGE", "bob", "alice", 70, ["UDP"], b"hello",
                                        "text/plain"))
        run_until(lambda: len(self.finished) == 3)
        self.assertEqual(self.finished, [200, 302, 501])

    def test_authenticate_with_a_python_lookup(self):
        users = {"alice": "secret"}
        results = []

        def route(agent, event):
            result = event.authenticate("example.com", lambda user, realm: users.get(user))
            results.append(result)
            if result == SipSimple.AuthResult.OK:
                event.accept()
            else:
                event.challenge("example.com")

        self.agent.connect("incoming", route)
        r = in_thread(self.client(password="secret").message, "sip:bob@example.com", "x")
        self.assertEqual(r.code, 200)
        self.assertEqual(results, [SipSimple.AuthResult.MISSING, SipSimple.AuthResult.OK])
        r = in_thread(self.client(password="wrong").message, "sip:bob@example.com", "x")
        self.assertEqual(r.code, 407)
        self.assertEqual(results[-1], SipSimple.AuthResult.FAILED)

    def test_registrar_and_proxy(self):
        location = SipSimple.MemoryLocation.new()
        registrar = SipSimple.Registrar(location=location, min_expires=10)
        results = []

        def done(event, result):
            results.append((event.proxy_finish(result), event.get_proxy_status()))

        def route(agent, event):
            if event.get_method() == "REGISTER":
                return registrar.handle_async(event, None, None, None)
            event.add_bindings(location.lookup(event.get_uri().get_aor()))
            event.proxy_async(5, SipSimple.ProxyFlags.RECORD_ROUTE, None, done)

        self.agent.connect("incoming", route)
        bob = self.client("bob")
        self.assertEqual(in_thread(bob.register, expires=60).code, 200)
        bindings = location.lookup("bob@example.com")
        self.assertEqual(len(bindings), 1)
        self.assertEqual(bindings[0].get_contact().to_string(), bob.contact_uri)
        self.assertEqual(location.get_aors(), ["bob@example.com"])
        bob.auto_answer("MESSAGE", 486)
        r = in_thread(self.client().message, "sip:bob@example.com", "x")
        self.assertEqual(r.code, 486)
        run_until(lambda: results)
        self.assertEqual(results, [(SipSimple.ProxyResult.BUSY, 486)])

    def test_tls_listener(self):
        # sofia-sip reads the key and certificate from a directory of its
        # own; the agent writes it, binds, and a client that trusts the CA
        # gets its answers over TLS.
        certs = shared_certs()
        agent = SipSimple.Agent(tls_certificate_file=certs.cert, tls_private_key_file=certs.key)
        self.addCleanup(agent.close)
        agent.listen_spec("tls:127.0.0.1:0")
        port = agent.get_port(SipSimple.Transport.TLS)
        self.assertGreater(port, 0)
        agent.connect("incoming", lambda a, event: event.accept())
        c = in_thread(SipClient, "tls", ("127.0.0.1", port), ca_file=certs.ca)
        self.addCleanup(c.close)
        self.assertEqual(in_thread(c.options).code, 200)

        # a key file that holds no key is refused before anything is bound
        bad = SipSimple.Agent(tls_certificate_file=certs.cert, tls_private_key_file=certs.ca)
        self.addCleanup(bad.close)
        with self.assertRaises(GLib.Error) as cm:
            bad.listen_spec("tls:127.0.0.1:0")
        self.assertTrue(cm.exception.matches(SipSimple.agent_error_quark(),
                                             SipSimple.AgentError.TLS))
        self.assertIn("PEM", cm.exception.message)


if __name__ == "__main__":
    unittest.main()
