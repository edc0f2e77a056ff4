# SPDX-License-Identifier: LGPL-2.1-or-later
"""The torture messages of RFC 4475 and RFC 5118 (tests/data/torture/), each sent to sipd (C and
Python) over UDP and over TCP: every request gets the answer the RFCs describe (valid ones are
answered and not refused as malformed, invalid ones get 400 and go nowhere, bext01 gets 420 with
Unsupported, unknown schemes 416), responses are dropped; and each way forwarding can fail has
its own code (503 for a target nobody listens on, 416 for a scheme sipd cannot route, 482 for a
request that would come back to sipd itself). Issue 17, finding 8."""

import os
import socket
import time
import unittest

from sipsimpletest import SIPD_KINDS, SipClient, Sipd
from sipsimpletest import ports
from sipsimpletest.sipclient import new_branch

SOURCE = os.environ.get("SIPSIMPLE_SOURCE_DIR",
                        os.path.join(os.path.dirname(__file__), "..", ".."))
TORTURE = os.path.join(SOURCE, "tests", "data", "torture")

# The domains of the messages' Request-URIs: served by sipd, so that valid requests end at the
# registrar or the location service (404, 480, 200) instead of waiting on DNS.
DOMAINS = ("example.com", "example.net", "example.org", "chair-dnrc.example.com", "company.com",
           "registrar.example.com", "host.example.net", "[2001:db8::10]",
           "[2001:db8::192.0.2.1]")

VALID = "valid"           # answered, and not refused as malformed (no 400, 416, 505)
NO_ANSWER = "no answer"   # a response: never answered

# RFC 4475 section 3 and RFC 5118 section 4: what each message must get.
EXPECTED = {
    # 3.1.1 valid messages
    "rfc4475/wsinv.dat": VALID, "rfc4475/esc01.dat": VALID,
    # valid, and the backquotes of its method and CSeq are read; but sofia-sip takes the NUL
    # byte escaped in its To display name for the end of the header: "400 Bad To Header"
    "rfc4475/intmeth.dat": (VALID, 400),
    "rfc4475/escnull.dat": VALID, "rfc4475/esc02.dat": VALID, "rfc4475/lwsdisp.dat": VALID,
    "rfc4475/longreq.dat": VALID, "rfc4475/dblreq.dat": VALID, "rfc4475/semiuri.dat": VALID,
    "rfc4475/transports.dat": VALID, "rfc4475/mpart01.dat": VALID,
    "rfc4475/unreason.dat": NO_ANSWER, "rfc4475/noreason.dat": NO_ANSWER,
    # 3.1.2 invalid messages
    "rfc4475/badinv01.dat": 400, "rfc4475/clerr.dat": 400, "rfc4475/ncl.dat": 400,
    "rfc4475/scalar02.dat": 400, "rfc4475/scalarlg.dat": NO_ANSWER, "rfc4475/quotbal.dat": 400,
    "rfc4475/ltgtruri.dat": 400, "rfc4475/lwsruri.dat": 400, "rfc4475/lwsstart.dat": 400,
    "rfc4475/trws.dat": 400, "rfc4475/escruri.dat": 400,
    "rfc4475/baddate.dat": (400, VALID),     # "reject with 400 or ignore the Date"
    "rfc4475/regbadct.dat": 400, "rfc4475/badaspec.dat": 400, "rfc4475/baddn.dat": 400,
    "rfc4475/badvers.dat": 505, "rfc4475/mismatch01.dat": 400, "rfc4475/mismatch02.dat": 400,
    "rfc4475/bigcode.dat": NO_ANSWER,
    # 3.2 transaction layer
    "rfc4475/badbranch.dat": VALID,
    # 3.3 application layer
    "rfc4475/insuf.dat": 400, "rfc4475/unkscm.dat": 416, "rfc4475/novelsc.dat": 416,
    "rfc4475/unksm2.dat": (400, VALID),  # To is not a SIP URI: a registrar may refuse it
    "rfc4475/bext01.dat": 420, "rfc4475/invut.dat": VALID, "rfc4475/bext01.dat": 420, "rfc4475/invut.dat": VALID,
    "rfc4475/regaut01.dat": VALID, "rfc4475/multi01.dat": 400, "rfc4475/mcl01.dat": 400,
    "rfc4475/bcast.dat": NO_ANSWER, "rfc4475/zeromf.dat": 483, "rfc4475/cparam01.dat": VALID,
    "rfc4475/cparam02.dat": VALID, "rfc4475/regescrt.dat": VALID, "rfc4475/sdp01.dat": VALID,
    # 3.4 backward compatibility
    "rfc4475/inv2543.dat": VALID,
    # RFC 5118
    "rfc5118/ipv6-good.dat": VALID, "rfc5118/port-ambiguous.dat": VALID,
    "rfc5118/port-unambiguous.dat": VALID, "rfc5118/ipv6-bad.dat": 400,
    "rfc5118/ipv6-correct-abnf-2-colons.dat": VALID,
    "rfc5118/ipv6-bug-abnf-3-colons.dat": 400,
    "rfc5118/ipv4-mapped-ipv6.dat": VALID, "rfc5118/ipv6-in-sdp.dat": VALID,
    "rfc5118/mult-ip-in-header.dat": VALID, "rfc5118/mult-ip-in-sdp.dat": VALID,
    "rfc5118/via-received-param-with-delim.dat": VALID,
    "rfc5118/via-received-param-no-delim.dat": VALID,
}

# Over a stream a Content-Length larger than what follows is a message still arriving
# (RFC 4475 3.1.2.2): nothing to answer yet.
TCP_EXPECTED = {"rfc4475/clerr.dat": (400, NO_ANSWER),
                # a stream message needs a Content-Length (RFC 3261 18.3, 20.14)
                "rfc4475/inv2543.dat": 400,
                # and on a stream it waits for the rest of a message that has a NUL byte,
                # as if it had not come yet (a limit of the stack; over UDP it is answered)
                "rfc4475/intmeth.dat": (VALID, 400, NO_ANSWER)}

# A registrar refusing a REGISTER it has seen (same Call-ID and CSeq: the RFC 5118 REGISTERs
# share theirs) answers it; that is not a parse failure.
SEMANTIC_400 = ("CSeq Out Of Order",)


def torture_files():
    found = []
    for rfc in ("rfc4475", "rfc5118"):
        for name in sorted(os.listdir(os.path.join(TORTURE, rfc))):
            if name.endswith(".dat"):
                found.append(rfc + "/" + name)
    return found


def with_our_via(data, transport, port, branch):
    """The message with a Via of ours on top, so that the answer comes back to our socket
    whatever the message's own Via says (they name hosts of the RFCs' examples); the message's
    own header fields are sent as they are."""
    if data.startswith(b"SIP/2.0 "):
        return data
    end = data.index(b"\r\n") + 2
    via = b"Via: SIP/2.0/%s 127.0.0.1:%d;rport;branch=%s\r\n" % (transport.upper().encode(), port,
                                                                 branch.encode())
    return data[:end] + via + data[end:]


def exchange(data, transport, address, timeout):
    """Sends one message; returns the status lines received until the first final one (or the
    timeout), and the whole answer."""
    if transport == "udp":
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.bind(("127.0.0.1", 0))
    else:
        s = socket.create_connection(address, timeout=timeout)
    s.settimeout(timeout)
    try:
        data = with_our_via(data, transport, s.getsockname()[1], new_branch())
        if transport == "udp":
            s.sendto(data, address)
        else:
            s.sendall(data)
        received = b""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            s.settimeout(max(deadline - time.monotonic(), 0.01))
            try:
                chunk = s.recv(65535)
            except socket.timeout:
                break
            if not chunk:
                break
            received += chunk
            codes = [int(l.split(b" ")[1]) for l in received.split(b"\r\n")
                     if l.startswith(b"SIP/2.0 ") and l[8:11].isdigit()]
            if any(c >= 200 for c in codes):
                break
        lines = [l.decode(errors="replace") for l in received.split(b"\r\n")]
        finals = [l for l in lines if l.startswith("SIP/2.0 ") and not l.startswith("SIP/2.0 1")]
        return finals, received.decode(errors="replace")
    finally:
        s.close()


class TortureCase(unittest.TestCase):
    kind = None

    def run_corpus(self, transport):
        extra = []
        for d in DOMAINS[1:]:
            extra += ["--domain", d]
        problems = []
        with Sipd(self.kind, domain=DOMAINS[0], transports=(transport,), extra_args=extra,
                  quiet=True) as server:
            for name in torture_files():
                self.assertIn(name, EXPECTED, "no expectation for %s" % name)
                want = (TCP_EXPECTED.get(name) if transport == "tcp" else None) or EXPECTED[name]
                wants = want if isinstance(want, tuple) else (want,)
                with open(os.path.join(TORTURE, name), "rb") as f:
                    data = f.read()
                quiet = wants == (NO_ANSWER,) or NO_ANSWER in wants
                finals, text = exchange(data, transport, server.server_address(transport),
                                        0.5 if quiet else 6.0)
                code = int(finals[0].split(" ")[1]) if finals else None
                reason = finals[0].split(" ", 2)[2] if finals else ""
                if code is None:
                    # a proxied INVITE whose target does not answer within our wait (the
                    # registered contacts name the RFCs' hosts): its 100 Trying shows it
                    # was taken as valid
                    ok = NO_ANSWER in wants or (VALID in wants and "SIP/2.0 100 " in text)
                else:
                    ok = code in wants or (VALID in wants and (code not in (400, 416, 505)
                                                               or reason in SEMANTIC_400))
                if ok and code == 420:
                    ok = "Unsupported:" in text or "\r\nunsupported:" in text.lower()
                if not ok:
                    problems.append("%s over %s: got %s, want %s"
                                    % (name, transport, finals[0] if finals else "no answer",
                                       " or ".join(str(w) for w in wants)))
            self.assertTrue(server.running, "sipd died")
            # still serving
            with SipClient(transport, server.server_address(transport), user="sipsak",
                           domain="127.0.0.1") as c:
                self.assertEqual(c.options(auth=False).code, 200)
        self.assertEqual(problems, [], "\n" + "\n".join(problems))

    def test_corpus_udp(self):
        self.run_corpus("udp")

    def test_corpus_tcp(self):
        self.run_corpus("tcp")

    def test_forwarding_failures(self):
        closed = ports.free_port("tcp", "127.0.0.1")
        with Sipd(self.kind, users=None, quiet=True) as server:
            port = server.port("udp")
            with SipClient("udp", server.server_address("udp"), user="x",
                           domain="elsewhere.example.org") as c:
                # nobody listens there: 503 (or 408), never the 500 of "every failure"
                r = c.request("MESSAGE", "sip:nobody@127.0.0.1:%d;transport=tcp" % closed,
                              body="x", timeout=40)
                self.assertIn(r.code, (503, 408), r)
                # schemes sipd cannot route
                for uri in ("tel:+15551234567", "im:nobody@example.org"):
                    r = c.request("MESSAGE", uri, body="x")
                    self.assertEqual(r.code, 416, (uri, r))
                # sipd's own address with a user that has no binding: not sent to itself
                r = c.request("MESSAGE", "sip:nobody@127.0.0.1:%d" % port, body="x")
                self.assertEqual(r.code, 404, r)
            # a binding whose Path leads back to sipd: the request would loop
            with SipClient("udp", server.server_address("udp"), user="bob",
                           domain=server.domain) as bob:
                r = bob.register(expires=60, headers=[("Path", "<sip:127.0.0.1:%d;lr>" % port),
                                                      ("Supported", "path")])
                self.assertEqual(r.code, 200, r)
                with SipClient("udp", server.server_address("udp"), user="alice",
                               domain=server.domain) as alice:
                    r = alice.request("MESSAGE", server.aor("bob"), body="x", timeout=10)
                    self.assertEqual(r.code, 482, r)
                bob.unregister()
            self.assertTrue(server.running)

    def test_contact_expires_negative(self):
        with Sipd(self.kind, users=None, quiet=True) as server:
            with SipClient("udp", server.server_address("udp"), user="carol",
                           domain=server.domain) as carol:
                r = carol.register(contact="<%s>;expires=-1" % carol.contact_uri)
                self.assertEqual(r.code, 400, r)
                r = carol.request("REGISTER", contact="")
                self.assertEqual(r.header_values("contact"), [])


def _bind(kind):
    name = "TortureCase_%s" % kind
    globals()[name] = type(name, (TortureCase,), {"kind": kind})


for _kind in SIPD_KINDS:
    _bind(_kind)
del TortureCase

if __name__ == "__main__":
    unittest.main()
