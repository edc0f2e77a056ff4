# SPDX-License-Identifier: LGPL-2.1-or-later
"""sipd, the registrar and record-routing proxy, in C (tools/sipd) and in
Python (examples/python/sipd.py): every test runs against both, with raw
SIP clients as the phones (digest auth on)."""

import os
import re
import shutil
import signal
import socket
import tempfile
import time
import unittest

from sipsimpletest import SIPD_KINDS, SipClient, Sipd
from sipsimpletest.sipclient import digest_response, new_branch, parse_challenge

USERS = {"alice": "alice-pw", "bob": "bob-pw", "carol": "carol-pw"}
EXAMPLES = os.path.join(os.environ.get("SIPSIMPLE_SOURCE_DIR",
                                       os.path.join(os.path.dirname(__file__), "..", "..")),
                        "examples", "python", "scripts")


def contact_uri(value):
    return re.sub(r"^.*<([^>]*)>.*$", r"\1", value)


class SipdCase(unittest.TestCase):
    kind = None
    transports = ("udp", "tcp", "tls")

    @classmethod
    def setUpClass(cls):
        cls.scripts = tempfile.mkdtemp(prefix="sipsimpletest-scripts-")
        # the per-user example scripts, as shipped (bob: voicemail after 10 s)
        for name in ("bob.py", "bob.conf"):
            shutil.copy(os.path.join(EXAMPLES, name), cls.scripts)
        cls.server = Sipd(cls.kind, users=USERS, transports=cls.transports, scripts=cls.scripts)
        try:
            cls.server.start()
        except BaseException:
            shutil.rmtree(cls.scripts, ignore_errors=True)
            raise

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        shutil.rmtree(cls.scripts, ignore_errors=True)

    def setUp(self):
        self.clients = []
        self.registrations = []

    def tearDown(self):
        # every test starts with an empty location
        for c in self.registrations:
            try:
                c.unregister(timeout=2)
            except AssertionError:
                pass
        for c in self.clients:
            c.close()

    def client(self, user, transport="udp", **kw):
        c = self.server.client(user, transport, **kw)
        self.clients.append(c)
        return c

    def registered(self, user, transport="udp", **kw):
        c = self.client(user, transport, **kw)
        r = c.register(expires=300)
        self.assertEqual(r.code, 200, r)
        self.registrations.append(c)
        return c

    # -- registrar -------------------------------------------------------------------
    def test_register_needs_credentials(self):
        c = self.client("alice")
        req = c.send_request(c.create_request("REGISTER", call_id="nocred-" + new_branch(),
                                              expires=60))
        r = c.wait_response(req)
        self.assertEqual(r.code, 401)
        algs = [re.search(r"algorithm=([\w-]+)", v).group(1) for v in r.header_values("www-authenticate")]
        self.assertEqual(algs, ["SHA-256", "MD5"])
        c.password = "wrong"
        r = c.register(expires=60)
        self.assertEqual(r.code, 403)

    def test_replayed_register_credentials(self):
        """Issue 17, finding 2: alice's REGISTER credentials, captured and sent again with
        another Contact and Call-ID, get a fresh challenge and add no binding."""
        alice = self.registered("alice")
        r = alice.register(expires=300)
        self.assertEqual(r.code, 200)
        captured = r.request.header("authorization")
        self.assertIsNotNone(captured)
        with SipClient("udp", self.server.server_address("udp"), user="alice",
                       domain=self.server.domain) as mallory:
            req = mallory.create_request("REGISTER", call_id="replay-" + new_branch(),
                                         contact="<sip:mallory@192.0.2.66>", expires=300,
                                         headers=[("Authorization", captured)])
            r = mallory.wait_response(mallory.send_request(req))
            self.assertEqual(r.code, 401)
            self.assertIn("stale=true", r.header("www-authenticate"))
        q = alice.request("REGISTER", contact="")
        self.assertEqual(q.code, 200)
        contacts = q.header_values("contact")
        self.assertEqual(len(contacts), 1, contacts)
        self.assertNotIn("mallory", contacts[0])

    def test_credentials_must_answer_the_challenge(self):
        """Issue 17, finding 3: with --auth-algorithm SHA-256, an MD5 answer, an nc that is not
        8 hex digits, no qop, or a digest computed for another URI gets a new challenge; the
        right answer passes."""
        with Sipd(self.kind, users=USERS, transports=("udp",), quiet=True,
                  extra_args=["--auth-algorithm", "SHA-256"]) as server:
            c = server.client("alice")
            self.addCleanup(c.close)

            def attempt(algorithm="SHA-256", nc="00000001", qop="auth", uri=None):
                req = c.create_request("REGISTER", call_id="ch-" + new_branch(), expires=0,
                                       contact="<sip:alice@192.0.2.9>")
                r = c.wait_response(c.send_request(req))
                self.assertEqual(r.code, 401)
                params = parse_challenge(r.header("www-authenticate"))[1]
                self.assertEqual(params.get("algorithm"), "SHA-256")
                uri = uri or req.uri
                response = digest_response(algorithm, "alice", params["realm"], USERS["alice"],
                                           "REGISTER", uri, params["nonce"], qop, nc, "0a4f113b")
                value = ('Digest username="alice", realm="%s", nonce="%s", uri="%s", '
                         'response="%s", algorithm=%s, cnonce="0a4f113b"'
                         % (params["realm"], params["nonce"], uri, response, algorithm))
                if qop:
                    value += ", qop=%s, nc=%s" % (qop, nc)
                req = c.authorize(req, r)          # CSeq + 1, new branch ...
                req.set_header("Authorization", value)  # ... with our own credentials
                return c.wait_response(c.send_request(req)).code

            self.assertEqual(attempt(algorithm="MD5"), 401)
            self.assertEqual(attempt(nc="zzzzzzzz"), 401)
            self.assertEqual(attempt(qop=None), 401)
            self.assertEqual(attempt(uri="sip:elsewhere.example.org"), 401)
            self.assertEqual(attempt(), 200)

    def test_register_and_query(self):
        c = self.registered("alice")
        r = c.register(expires=300)
        self.assertEqual(r.code, 200)
        contacts = r.header_values("contact")
        self.assertEqual(len(contacts), 1)
        self.assertIn(c.contact_uri, contacts[0])
        self.assertRegex(contacts[0], r";expires=(29\d|300)")
        self.assertIsNotNone(r.header("date"))
        # too brief: 423 with Min-Expires
        r = c.register(expires=5)
        self.assertEqual(r.code, 423)
        self.assertEqual(r.header("min-expires"), "60")
        # wildcard removal
        r = c.register(expires=0, contact="*")
        self.assertEqual(r.code, 200)
        self.assertEqual(r.header_values("contact"), [])

    def test_register_other_domain(self):
        c = self.client("alice")
        r = c.request("REGISTER", "sip:other.org", to="sip:alice@other.org", expires=60)
        self.assertEqual(r.code, 403)

    # -- MESSAGE through the proxy ---------------------------------------------------------
    def test_message_udp_to_tcp(self):
        bob = self.registered("bob", "tcp")
        bob.auto_answer("MESSAGE", 200)
        alice = self.registered("alice")
        r = alice.message(self.server.aor("bob"), "hello over tcp")
        self.assertEqual(r.code, 200)
        got = bob.wait_request("MESSAGE")
        self.assertEqual(got.text, "hello over tcp")
        self.assertEqual(got.header("max-forwards"), "69")
        # our credentials stay at the proxy
        self.assertIsNone(got.header("proxy-authorization"))
        self.assertEqual(len(got.via), 2)
        self.server.wait_log(r"MESSAGE sip:bob@example.com .* -> 200")

    def test_requests_go_to_the_contact(self):
        # bob's phone listens on one socket and registers from another
        # (an ephemeral port, or a third party registering for it): the
        # request goes to the Contact, not to where the REGISTER came from
        phone = self.client("bob")
        phone.auto_answer("MESSAGE", 200)
        registering = self.client("bob")
        r = registering.register(expires=300, contact="<%s>" % phone.contact_uri)
        self.assertEqual(r.code, 200, r)
        try:
            alice = self.registered("alice")
            r = alice.message(self.server.aor("bob"), "to the phone")
            self.assertEqual(r.code, 200, r)
            self.assertEqual(phone.wait_request("MESSAGE").text, "to the phone")
        finally:
            registering.register(expires=0, contact="<%s>" % phone.contact_uri)

    def test_message_tls_to_udp(self):
        bob = self.registered("bob")
        bob.auto_answer("MESSAGE", 200)
        alice = self.registered("alice", "tls")
        r = alice.message(self.server.aor("bob"), "hello from tls")
        self.assertEqual(r.code, 200)
        self.assertEqual(bob.wait_request("MESSAGE").text, "hello from tls")
        self.server.wait_log(r"MESSAGE .*src=tls:127.0.0.1:\d+ -> 200")

    def test_unknown_and_unregistered(self):
        alice = self.registered("alice")
        self.assertEqual(alice.message(self.server.aor("nobody"), "x").code, 404)
        self.assertEqual(alice.message(self.server.aor("carol"), "x").code, 480)

    def test_requests_from_local_users_are_challenged(self):
        c = self.client("alice")
        r = c.request("MESSAGE", self.server.aor("bob"), body="x", auth=False)
        self.assertEqual(r.code, 407)
        self.assertTrue(r.header("proxy-authenticate").startswith("Digest "))

    # -- no open relay (issue 17, finding 1) ---------------------------------------------------
    def test_made_up_dialog_is_not_relayed(self):
        """A To tag is no credential: a stranger's MESSAGE for another host, in a 'dialog' it
        made up (with or without a Route naming sipd), is refused and reaches nobody."""
        victim = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        victim.bind(("127.0.0.1", 0))
        victim.settimeout(0.5)
        self.addCleanup(victim.close)
        target = "sip:victim@127.0.0.1:%d" % victim.getsockname()[1]
        sipd_route = "<sip:%s:%d;lr>" % self.server.server_address("udp")
        cases = (("mallory", "evil.example.org", None, (403,)),
                 ("mallory", "evil.example.org", sipd_route, (403,)),
                 # claiming to be a local user without credentials: challenged
                 ("alice", self.server.domain, None, (407,)),
                 ("alice", self.server.domain, sipd_route, (407,)))
        for user, domain, route, codes in cases:
            with SipClient("udp", self.server.server_address("udp"), user=user,
                           domain=domain) as stranger:
                req = stranger.create_request("MESSAGE", target, to="<%s>;tag=made-up" % target,
                                              route=route, body="buy now")
                r = stranger.wait_response(stranger.send_request(req))
                self.assertIn(r.code, codes, (user, route))
        with self.assertRaises(socket.timeout):
            victim.recv(65535)

    # -- sanity checks of the route script -------------------------------------------------
    def test_health_check(self):
        with SipClient("udp", self.server.server_address("udp"), user="sipsak",
                       domain="127.0.0.1") as c:
            self.assertEqual(c.options(auth=False).code, 200)

    def test_max_forwards_zero(self):
        c = self.client("alice")
        req = c.create_request("OPTIONS", self.server.aor("bob"))
        req.set_header("Max-Forwards", "0")
        r = c.wait_response(c.send_request(req))
        self.assertEqual(r.code, 483)

    def test_message_too_large(self):
        c = self.client("alice", "tcp")
        req = c.create_request("MESSAGE", self.server.aor("bob"), body="x" * 9000)
        r = c.wait_response(c.send_request(req))
        self.assertEqual(r.code, 513)

    # -- calls: record-route, forking, cancel --------------------------------------------
    def invite(self, caller, callee_aor, **kw):
        req = caller.create_request("INVITE", callee_aor, body="v=0\r\n",
                                    content_type="application/sdp", **kw)
        caller.send_request(req)
        return req

    def test_call_record_route_and_bye(self):
        bob = self.registered("bob")
        alice = self.registered("alice", "tcp")
        req = self.invite(alice, self.server.aor("bob"))
        r = alice.wait_response(req)
        self.assertEqual(r.code, 407)
        req = alice.send_request(alice.authorize(req, r))
        inv = bob.wait_request("INVITE")
        rr = inv.header_values("record-route")
        # alice came over TCP, bob is reached over UDP: double Record-Route
        self.assertEqual(len(rr), 2)
        self.assertIn("transport=udp", rr[0])
        self.assertIn("transport=tcp", rr[1])
        bob.reply(inv, 180)
        bob.reply(inv, 200, body="v=0\r\n", content_type="application/sdp")
        ok = alice.wait_response(req)
        self.assertEqual(ok.code, 200)
        self.assertEqual(ok.header_values("record-route"), rr)
        alice.ack(ok)
        ack = bob.wait_request("ACK")
        self.assertEqual(ack.header_values("route"), [])
        # the BYE goes through the proxy along the Route set
        bye = alice.create_request("BYE", contact_uri(ok.header("contact")), to=ok.header("to"),
                                   from_=req.header("from"), call_id=req.call_id,
                                   cseq=req.cseq[0] + 1,
                                   route=list(reversed(ok.header_values("record-route"))))
        alice.send_request(bye)
        got = bob.wait_request("BYE")
        self.assertEqual(len(got.via), 2)
        bob.reply(got, 200)
        self.assertEqual(alice.wait_response(bye).code, 200)
        self.server.wait_log(r"BYE .* -> 200")

    def test_forking_one_answers_other_cancelled(self):
        bob1 = self.registered("bob")
        bob2 = self.client("bob")
        self.registrations.append(bob2)
        r = bob2.register(expires=300)
        self.assertEqual(r.code, 200)
        self.assertEqual(len(r.header_values("contact")), 2)
        alice = self.registered("alice")
        req = self.invite(alice, self.server.aor("bob"))
        r = alice.wait_response(req)
        req = alice.send_request(alice.authorize(req, r))
        i1 = bob1.wait_request("INVITE")
        i2 = bob2.wait_request("INVITE")
        bob1.reply(i1, 180)
        bob2.reply(i2, 200, body="v=0\r\n", content_type="application/sdp")
        ok = alice.wait_response(req)
        self.assertEqual(ok.code, 200)
        cancel = bob1.wait_request("CANCEL")
        bob1.reply(cancel, 200)
        bob1.reply(i1, 487)
        alice.ack(ok)
        bob2.wait_request("ACK")
        # bob1's 487 is absorbed: alice sees no final but the 200
        time.sleep(0.3)
        self.assertEqual([x.code for x in req.responses if x.code >= 200], [200])

    def test_cancel_from_caller(self):
        bob = self.registered("bob")
        alice = self.registered("alice")
        req = self.invite(alice, self.server.aor("bob"))
        r = alice.wait_response(req)
        req = alice.send_request(alice.authorize(req, r))
        inv = bob.wait_request("INVITE")
        bob.reply(inv, 180)
        alice.wait_response(req, final=False)
        cancel = alice.create_request("CANCEL", req.uri, from_=req.header("from"),
                                      to=req.header("to"), call_id=req.call_id, cseq=req.cseq[0])
        cancel.set_header("Via", req.header("via"))
        cancel.set_header("CSeq", "%d CANCEL" % req.cseq[0])
        alice.send_request(cancel)
        self.assertEqual(alice.wait_response(cancel).code, 200)
        self.assertEqual(alice.wait_response(req).code, 487)
        got = bob.wait_request("CANCEL")
        bob.reply(got, 200)
        bob.reply(inv, 487)

    # -- the per-user script: voicemail --------------------------------------------------------
    def test_voicemail_when_busy(self):
        bob = self.registered("bob")
        alice = self.registered("alice")
        req = self.invite(alice, self.server.aor("bob"))
        r = alice.wait_response(req)
        req = alice.send_request(alice.authorize(req, r))
        inv = bob.wait_request("INVITE")
        bob.reply(inv, 486)
        r = alice.wait_response(req)
        self.assertEqual(r.code, 302)
        self.assertEqual(contact_uri(r.header("contact")), "sip:bob@voicemail.example.com")

    def test_voicemail_when_nobody_answers(self):
        bob = self.registered("bob")
        alice = self.registered("alice")
        req = self.invite(alice, self.server.aor("bob"))
        r = alice.wait_response(req)
        req = alice.send_request(alice.authorize(req, r))
        started = time.monotonic()
        inv = bob.wait_request("INVITE")
        bob.reply(inv, 180)
        r = alice.wait_response(req, timeout=15)
        elapsed = time.monotonic() - started
        self.assertEqual(r.code, 302)
        self.assertEqual(contact_uri(r.header("contact")), "sip:bob@voicemail.example.com")
        self.assertGreater(elapsed, 9)
        cancel = bob.wait_request("CANCEL")
        bob.reply(cancel, 200)
        bob.reply(inv, 487)

    def test_voicemail_when_not_registered(self):
        alice = self.registered("alice")
        req = self.invite(alice, self.server.aor("bob"))
        r = alice.wait_response(req)
        req = alice.send_request(alice.authorize(req, r))
        r = alice.wait_response(req)
        self.assertEqual(r.code, 302)


class BadInputCase(unittest.TestCase):
    """Malformed requests over raw UDP and TCP sockets: never a crash or a
    hang; what RFC 3261 says to reject gets 400 with a reason."""
    kind = None

    @classmethod
    def setUpClass(cls):
        cls.server = Sipd(cls.kind, users=USERS, quiet=True)
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        code = cls.server.stop()
        assert code == 0, "sipd exited with %s" % code

    def udp(self, data, timeout=1.0):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.settimeout(timeout)
        try:
            s.sendto(data, self.server.server_address("udp"))
            try:
                return s.recv(65535).decode(errors="replace")
            except socket.timeout:
                return None
        finally:
            s.close()

    def tcp(self, data, timeout=1.0, read=True):
        s = socket.create_connection(self.server.server_address("tcp"))
        s.settimeout(timeout)
        try:
            s.sendall(data)
            if not read:
                return None
            out = b""
            try:
                while b"\r\n\r\n" not in out:
                    chunk = s.recv(65535)
                    if not chunk:
                        break
                    out += chunk
            except socket.timeout:
                pass
            return out.decode(errors="replace") or None
        finally:
            s.close()

    def request(self, port_hint="UDP", cseq="1 OPTIONS", extra="", drop=(), body=b"",
                content_length=None):
        lines = ["OPTIONS sip:127.0.0.1 SIP/2.0",
                 "Via: SIP/2.0/%s 127.0.0.1:9;rport;branch=%s" % (port_hint, new_branch()),
                 "Max-Forwards: 70", "From: <sip:x@example.org>;tag=1",
                 "To: <sip:y@example.org>", "Call-ID: %s" % new_branch(), "CSeq: %s" % cseq]
        lines = [l for l in lines if not any(l.startswith(d) for d in drop)]
        if extra:
            lines.append(extra)
        lines.append("Content-Length: %d" % (len(body) if content_length is None else content_length))
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + body

    def assert_alive(self):
        with SipClient("udp", self.server.server_address("udp"), user="sipsak",
                       domain="127.0.0.1") as c:
            self.assertEqual(c.options(auth=False).code, 200)
        with SipClient("tcp", self.server.server_address("tcp"), user="sipsak",
                       domain="127.0.0.1") as c:
            self.assertEqual(c.options(auth=False).code, 200)
        self.assertTrue(self.server.running)

    def status(self, text):
        self.assertIsNotNone(text, "no answer")
        return int(text.split(" ", 2)[1]), text.split("\r\n", 1)[0].split(" ", 2)[2]

    def test_bad_cseq(self):
        for send, hint in ((self.udp, "UDP"), (self.tcp, "TCP")):
            code, reason = self.status(send(self.request(hint, cseq="x OPTIONS")))
            self.assertEqual((code, reason), (400, "Bad CSeq Header"))
            code, reason = self.status(send(self.request(hint, cseq="1 INVITE")))
            self.assertEqual(code, 400)
        self.assert_alive()

    def test_missing_headers(self):
        for header in ("Call-ID", "From", "To", "CSeq"):
            code, _ = self.status(self.udp(self.request(drop=(header,))))
            self.assertEqual(code, 400, header)
        # no Via: nowhere to answer; dropped
        self.assertIsNone(self.udp(self.request(drop=("Via",)), timeout=0.5))
        self.assert_alive()

    def test_garbage(self):
        for junk in (b"\x00\xff" * 200, b"hello\r\n\r\n", b"SIP/2.0 200 OK\r\n\r\n",
                     b"INVITE\r\n\r\n", os.urandom(1400), b"\r\n" * 50):
            self.udp(junk, timeout=0.2)
            self.tcp(junk, timeout=0.2)
        self.assert_alive()

    def test_huge_headers(self):
        big = "X-Big: " + "a" * 60000
        r = self.udp(self.request(extra=big))
        if r is not None:                        # answered, or dropped: both fine
            self.assertIn(self.status(r)[0], (200, 400, 413, 513))
        r = self.tcp(self.request("TCP", extra="X-Big: " + "b" * 200000), timeout=3)
        if r:
            self.assertIn(self.status(r)[0], (400, 413, 513))
        self.assert_alive()

    def test_wrong_content_length(self):
        # longer than the datagram: refused or dropped, never processed
        r = self.udp(self.request(body=b"hello", content_length=50))
        if r is not None:
            self.assertEqual(self.status(r)[0], 400)
        # over TCP the server waits for the rest; closing must not hurt it
        self.tcp(self.request("TCP", body=b"hello", content_length=5000), timeout=0.5)
        # shorter: the rest is the start of a broken next message
        r = self.tcp(self.request("TCP", body=b"hello world", content_length=5), timeout=1)
        self.assert_alive()

    def test_bad_request_line(self):
        for line in (b"OPTIONS  SIP/2.0", b"OPTIONS sip:127.0.0.1 SIP/3.0", b"OPTIONS sip:[::1 SIP/2.0"):
            data = self.request().replace(b"OPTIONS sip:127.0.0.1 SIP/2.0", line, 1)
            r = self.udp(data, timeout=0.5)
            if r is not None:
                self.assertIn(self.status(r)[0], (400, 505))
        self.assert_alive()


class Shutdown(unittest.TestCase):
    kind = None

    def test_sigterm_and_sigint_stop_cleanly(self):
        for sig in (signal.SIGTERM, signal.SIGINT):
            s = Sipd(self.kind, users=USERS)
            s.start()
            try:
                c = s.client("alice")
                self.assertEqual(c.register(expires=60).code, 200)
                c.close()
                s.proc.send_signal(sig)
                s.proc.wait(10)
                self.assertEqual(s.proc.returncode, 0)
                s.wait_log(r"^sipd: stopping")
            finally:
                s.stop()


class ConfigFile(unittest.TestCase):
    """sipd --config FILE: the options of a GKeyFile [sipd] group, under the command line."""
    kind = None

    def test_config_file(self):
        tmp = tempfile.mkdtemp(prefix="sipsimpletest-config-")
        self.addCleanup(shutil.rmtree, tmp, True)
        users = os.path.join(tmp, "users")
        with open(users, "w") as f:
            f.write("alice:alice-pw\n")
        conf = os.path.join(tmp, "sipd.conf")
        with open(conf, "w") as f:
            f.write("[sipd]\n# served domain, credentials, limits\ndomain=example.com\n"
                    "auth=%s\nmin-expires=100\nquiet=false\nno-stateless-answers=false\n" % users)
        with Sipd(self.kind, domain=None, users=None, transports=("udp",),
                  extra_args=["--config", conf, "--min-expires", "30"]) as server:
            addr = server.server_address("udp")
            with SipClient("udp", addr, user="alice", domain="example.com") as c:
                # auth comes from the file: no credentials, a challenge
                r = c.request("REGISTER", "sip:example.com", auth=False)
                self.assertEqual(r.code, 401, r)
            with SipClient("udp", addr, user="alice", password="alice-pw",
                           domain="example.com") as c:
                # example.com is served; the command line's --min-expires 30 beat the file's 100
                r = c.register(expires=50)
                self.assertEqual(r.code, 200, r)
                c.unregister()
        # a key that is no option: a clear error, exit 2
        bad = os.path.join(tmp, "bad.conf")
        with open(bad, "w") as f:
            f.write("[sipd]\nlisten-on=udp:127.0.0.1:5060\n")
        import subprocess
        from sipsimpletest.sipd import sipd_command
        done = subprocess.run(sipd_command(self.kind) + ["--config", bad], capture_output=True,
                              text=True, timeout=30)
        self.assertEqual(done.returncode, 2, done.stdout + done.stderr)
        self.assertIn("listen-on is not an option of sipd", done.stderr)
        done = subprocess.run(sipd_command(self.kind) + ["--config", os.path.join(tmp, "none")],
                              capture_output=True, text=True, timeout=30)
        self.assertEqual(done.returncode, 2, done.stdout + done.stderr)
        self.assertIn("--config", done.stderr)


class Demo(unittest.TestCase):
    def test_demo_runs_on_sipd(self):
        """tools/dev.sh demo: two SDK accounts watch each other's presence and message
        each other through sipd."""
        import subprocess
        demo = os.path.join(os.path.dirname(EXAMPLES), "demo.py")
        done = subprocess.run(["/usr/bin/python3", demo], capture_output=True, text=True, timeout=60)
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertIn("messages went both ways", done.stdout)
        self.assertIn("bob     sees alice: online, 'at my desk'", done.stdout)
        self.assertIn("bob     sees alice: away, 'out for lunch'", done.stdout)
        self.assertRegex(done.stdout, r"PUBLISH sip:alice@example.com .*src=tls:.* -> 200 OK")
        self.assertRegex(done.stdout, r"SUBSCRIBE sip:alice@example.com from=sip:bob@example.com .* -> 200 OK")
        self.assertIn("same bytes as alice's: True", done.stdout)
        self.assertRegex(done.stdout, r"MESSAGE sip:bob@example.com .*src=tls:.* -> 200 OK")


def _bind(kind):
    for base in (SipdCase, BadInputCase, Shutdown, ConfigFile):
        name = "%s_%s" % (base.__name__, kind)
        globals()[name] = type(name, (base,), {"kind": kind})


for _kind in SIPD_KINDS:
    _bind(_kind)
del SipdCase, BadInputCase, Shutdown, ConfigFile

if __name__ == "__main__":
    unittest.main()
