#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""The Kamailio harness and the raw SIP client work, without the SDK.

Run: PYTHONPATH=tests/lib /usr/bin/python3 tests/interop/test_kamailio_harness.py -v
"""

import os
import re
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))

from sipsimpletest import (Kamailio, SipClient, digest_response,  # noqa: E402
                           build_authorization, parse_challenge, sip_options, free_ports,
                           port_is_free, SUPPORTED_AUTH_ALGORITHMS)

USERS = {"alice": "al1ce-pa$$", "bob": "b0b-secret"}
TRANSPORTS = ("udp", "tcp", "tls")


class DigestVectors(unittest.TestCase):
    """sipclient's digest code against the published examples."""

    def test_rfc2617_md5(self):
        self.assertEqual(digest_response(None, "Mufasa", "testrealm@host.com", "Circle Of Life",
                                         "GET", "/dir/index.html",
                                         "dcd98b7102dd2f0e8b11d0f600bfb0c093",
                                         "auth", "00000001", "0a4f113b"),
                         "6629fae49393a05397450978507c4ef1")

    def test_rfc7616_md5_and_sha256(self):
        args = ("Mufasa", "http-auth@example.org", "Circle of Life", "GET", "/dir/index.html",
                "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "auth", "00000001",
                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ")
        self.assertEqual(digest_response("MD5", *args), "8ca523f5e9506fed4657c9700eebdbec")
        self.assertEqual(digest_response("SHA-256", *args),
                         "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")

    def test_authorization_header_fields(self):
        v = build_authorization('Digest realm="r", nonce="n", qop="auth,auth-int", '
                                'algorithm=SHA-256, opaque="o"', "REGISTER", "sip:r",
                                "u", "p", nc=3, cnonce="c")
        scheme, p = parse_challenge(v)
        self.assertEqual(scheme, "Digest")
        self.assertEqual((p["qop"], p["nc"], p["cnonce"], p["algorithm"], p["opaque"]),
                         ("auth", "00000003", "c", "SHA-256", "o"))
        self.assertEqual(p["response"], digest_response("SHA-256", "u", "r", "p", "REGISTER",
                                                        "sip:r", "n", "auth", "00000003", "c"))

    def test_free_ports(self):
        ports = free_ports(3)
        self.assertEqual(len(set(ports)), 3)
        for p in ports:
            self.assertTrue(port_is_free(p, "both"))


class KamailioMD5(unittest.TestCase):
    """One Kamailio (MD5, UDP/TCP/TLS, min_expires 60) for the class."""

    @classmethod
    def setUpClass(cls):
        cls.k = Kamailio(users=USERS, transports=TRANSPORTS, min_expires=60)
        cls.addClassCleanup(cls.k.stop)
        cls.k.start()

    def client(self, user, transport="udp", **kw):
        c = self.k.client(user, transport, **kw)
        self.addCleanup(c.close)
        return c

    def test_listens_only_on_loopback_and_answers_options(self):
        k = self.k
        socks = k.sockets()
        inet = [(kind, addr) for kind, addr in socks if kind in ("udp", "tcp")]
        self.assertEqual(sorted(inet), sorted([("udp", ("127.0.0.1", k.udp_port)),
                                               ("tcp", ("127.0.0.1", k.tcp_port)),
                                               ("tcp", ("127.0.0.1", k.tls_port))]))
        named_unix = [a for kind, a in socks if kind == "unix" and a and not a.startswith("@")]
        self.assertEqual(named_unix, [])
        for t in TRANSPORTS:
            with self.subTest(transport=t):
                self.assertEqual(sip_options("127.0.0.1", k.port(t), t, ca_file=k.ca_file).code, 200)
        self.assertEqual(k.proxy_uri("tcp"), "sip:127.0.0.1:%d;transport=tcp" % k.tcp_port)
        self.assertEqual(k.proxy_uri("tls", sips=True), "sips:127.0.0.1:%d" % k.tls_port)

    def test_register_on_each_transport(self):
        for t in TRANSPORTS:
            with self.subTest(transport=t):
                a = self.client("alice", t)
                r = a.register(expires=120)
                self.assertEqual(r.code, 200, r)
                codes = [m.code for m in a.received]
                self.assertEqual(codes, [401, 200])
                scheme, ch = parse_challenge(a.received[0].header("WWW-Authenticate"))
                self.assertEqual((scheme, ch["realm"], ch["algorithm"], ch["qop"]),
                                 ("Digest", "example.com", "MD5", "auth"))
                self.assertIn(a.contact_uri, r.header("Contact"))
                regs = {b["contact"]: b for b in self.k.registrations("alice")}
                self.assertIn(a.contact_uri, regs)
                self.assertTrue(100 < regs[a.contact_uri]["expires"] <= 120)
                r = a.unregister()
                self.assertEqual(r.code, 200)
                self.assertNotIn(a.contact_uri, self.k.registered_contacts("alice"))

    def test_wrong_password_is_rejected(self):
        a = self.client("alice", "tcp", password="not-it")
        r = a.register()
        self.assertEqual([m.code for m in a.received], [401, 403])
        self.assertEqual(r.code, 403)
        self.assertNotIn(a.contact_uri, self.k.registered_contacts("alice"))

    def test_domain_not_served(self):
        a = self.client("alice", "udp")
        r = a.request("REGISTER", "sip:elsewhere.org", to="sip:alice@elsewhere.org",
                      from_="sip:alice@elsewhere.org", expires=60)
        self.assertEqual((r.code, r.reason), (403, "Domain not served"))
        r = a.message("sip:carol@elsewhere.org", "hi")
        self.assertEqual((r.code, r.reason), (403, "Domain not served"))
        # 127.0.0.1 is ours only without a port or with one of Kamailio's ports
        r = a.request("OPTIONS", "sip:127.0.0.1:9")
        self.assertEqual(r.code, 403)

    def test_unknown_and_unregistered_users(self):
        a = self.client("alice", "udp")
        self.assertEqual(a.message("sip:nobody@example.com", "hi").code, 404)
        self.assertEqual(a.message("sip:bob@127.0.0.1", "hi").code, 480)

    def test_interval_too_brief(self):
        a = self.client("alice", "udp")
        r = a.register(expires=10)
        self.assertEqual((r.code, r.header("Min-Expires")), (423, "60"))
        self.assertNotIn(a.contact_uri, self.k.registered_contacts("alice"))

    def test_message_is_challenged_then_relayed(self):
        for at, bt in (("udp", "tcp"), ("tls", "udp")):
            with self.subTest(alice=at, bob=bt):
                bob = self.client("bob", bt)
                self.assertEqual(bob.register(expires=300).code, 200)
                alice = self.client("alice", at)
                req = alice.send_request(alice.create_request(
                    "MESSAGE", "sip:bob@example.com", body="hello bob"))
                chal = alice.wait_response(req)
                self.assertEqual(chal.code, 407)
                self.assertEqual(parse_challenge(chal["Proxy-Authenticate"])[1]["algorithm"], "MD5")
                req = alice.send_request(alice.authorize(req, chal))
                got = bob.wait_request("MESSAGE")
                self.assertEqual(got.body, b"hello bob")
                self.assertEqual(got.call_id, req.call_id)
                self.assertIsNone(got.header("Proxy-Authorization"))   # consumed
                self.assertTrue(got.header_values("Record-Route"))
                bob.reply(got, 200)
                r = alice.wait_response(req)
                self.assertEqual(r.code, 200)
                self.assertEqual(bob.unregister().code, 200)


class KamailioSHA256(unittest.TestCase):
    """Kamailio 5.6's auth module supports modparam algorithm=SHA-256: one
    challenge per request, with algorithm=SHA-256; a response computed
    with another algorithm (MD5) is not accepted but challenged again."""

    @classmethod
    def setUpClass(cls):
        assert "SHA-256" in SUPPORTED_AUTH_ALGORITHMS
        cls.k = Kamailio(users=USERS, transports=("udp",), auth_algorithm="SHA-256")
        cls.addClassCleanup(cls.k.stop)
        cls.k.start()

    def test_register_and_message_with_sha256(self):
        with self.k.client("alice") as a, self.k.client("bob") as b:
            r = a.register()
            self.assertEqual(r.code, 200)
            ch = parse_challenge(a.received[0]["WWW-Authenticate"])[1]
            self.assertEqual(ch["algorithm"], "SHA-256")
            cred = parse_challenge(r.request["Authorization"])[1]
            self.assertEqual(cred["algorithm"], "SHA-256")
            self.assertRegex(cred["response"], r"^[0-9a-f]{64}$")
            self.assertEqual(b.register().code, 200)
            b.auto_answer("MESSAGE", 200)
            r = a.message("sip:bob@example.com", "sha")
            self.assertEqual(r.code, 200)
            self.assertEqual(parse_challenge(r.request["Proxy-Authorization"])[1]["algorithm"],
                             "SHA-256")
            self.assertEqual(b.wait_request("MESSAGE").body, b"sha")

    def test_md5_answer_to_sha256_challenge_is_challenged_again(self):
        with self.k.client("alice") as a:
            req = a.send_request(a.create_request("REGISTER", expires=60))
            ch = a.wait_response(req)
            self.assertEqual(ch.code, 401)
            md5 = re.sub(r"algorithm=SHA-256", "algorithm=MD5", ch["WWW-Authenticate"])
            ch.set_header("WWW-Authenticate", md5)
            r = a.wait_response(a.send_request(a.authorize(req, ch)))
            self.assertEqual(r.code, 401)
            self.assertEqual(parse_challenge(r["WWW-Authenticate"])[1]["algorithm"], "SHA-256")


class Lifecycle(unittest.TestCase):
    def test_stop_leaves_nothing_behind(self):
        with Kamailio(users=USERS, transports=("udp", "tcp"), record_route=False,
                      extra_route='    if (is_method("INFO")) { sl_send_reply("299", "Hooked"); exit; }'
                      ) as k:
            pids, tmp, port = k.pids(), k.dir, k.udp_port
            self.assertTrue(pids)
            with SipClient("udp", k.server_address("udp"), user="alice",
                           password=USERS["alice"]) as c:
                self.assertEqual(c.request("INFO", "sip:x@example.com").code, 299)
        for pid in pids:
            self.assertFalse(os.path.exists("/proc/%d" % pid), "kamailio %d still runs" % pid)
        self.assertFalse(os.path.exists(tmp))
        self.assertTrue(port_is_free(port, "udp"))
        self.assertIn("Listening on", k.log())   # the log is kept after stop()


if __name__ == "__main__":
    unittest.main()
