# SPDX-License-Identifier: LGPL-2.1-or-later
"""An SDK account with ICE answers an offer from an ICE lite agent (RFC
8445 section 6.1.1): although it answers, it must take the controlling
role, since a lite agent never controls nor nominates. The lite agent is
this test: a raw SIP client whose offer says a=ice-lite, and a small STUN
responder on its candidates that records the SDK's connectivity checks.
The SDK's checks carry ICE-CONTROLLING, it nominates a pair
(USE-CANDIDATE) and its stream runs."""

import hashlib
import hmac
import socket
import struct
import threading
import unittest
import zlib

from sipsimpletest import SipClient
from sipsimpletest.sdk import SdkApp, SipSimple, in_thread, run_until

COOKIE = 0x2112A442
UFRAG, PWD = "liteufrg", "liteAgentPassword0123456"
ATTR_USERNAME, ATTR_INTEGRITY, ATTR_XOR_MAPPED = 0x0006, 0x0008, 0x0020
ATTR_USE_CANDIDATE, ATTR_FINGERPRINT = 0x0025, 0x8028
ATTR_CONTROLLED, ATTR_CONTROLLING = 0x8029, 0x802A


def stun_attributes(data):
    attrs, pos = [], 20
    while pos + 4 <= len(data):
        kind, length = struct.unpack_from("!HH", data, pos)
        attrs.append((kind, data[pos + 4:pos + 4 + length]))
        pos += 4 + (length + 3) // 4 * 4
    return attrs


def binding_success(request, addr, key):
    """A Binding success response to @request from @addr, with
    XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY (short-term credential @key)
    and FINGERPRINT."""
    tid = request[8:20]
    ip = struct.unpack("!I", socket.inet_aton(addr[0]))[0]
    body = struct.pack("!HHBBHI", ATTR_XOR_MAPPED, 8, 0, 1, addr[1] ^ (COOKIE >> 16), ip ^ COOKIE)
    header = struct.pack("!HHI", 0x0101, len(body) + 24, COOKIE) + tid
    mac = hmac.new(key, header + body, hashlib.sha1).digest()
    body += struct.pack("!HH", ATTR_INTEGRITY, 20) + mac
    header = struct.pack("!HHI", 0x0101, len(body) + 8, COOKIE) + tid
    crc = (zlib.crc32(header + body) ^ 0x5354554E) & 0xFFFFFFFF
    return header + body + struct.pack("!HHI", ATTR_FINGERPRINT, 4, crc)


class LiteAgent:
    """Answers STUN Binding requests on an RTP/RTCP socket pair and keeps
    the attribute types of each request it got."""

    def __init__(self):
        self.socks = []
        while not self.socks:
            rtp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            rtp.bind(("127.0.0.1", 0))
            port = rtp.getsockname()[1]
            rtcp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            try:
                if port % 2:
                    raise OSError("odd port")
                rtcp.bind(("127.0.0.1", port + 1))
            except OSError:
                rtp.close()
                rtcp.close()
                continue
            self.socks = [rtp, rtcp]
        self.port = port
        self.requests = []   # (component, {attribute type: value})
        self.lock = threading.Lock()
        self.running = True
        self.threads = [threading.Thread(target=self._serve, args=(c + 1, s), daemon=True)
                        for c, s in enumerate(self.socks)]
        for t in self.threads:
            t.start()

    def _serve(self, component, sock):
        sock.settimeout(0.2)
        while self.running:
            try:
                data, addr = sock.recvfrom(2048)
            except socket.timeout:
                continue
            except OSError:
                break
            if len(data) < 20 or data[0] & 0xC0 or struct.unpack_from("!I", data, 4)[0] != COOKIE:
                continue   # RTP/RTCP
            if struct.unpack_from("!H", data, 0)[0] != 0x0001:
                continue
            with self.lock:
                self.requests.append((component, dict(stun_attributes(data))))
            sock.sendto(binding_success(data, addr, PWD.encode()), addr)

    def stop(self):
        self.running = False
        for t in self.threads:
            t.join(2)
        for s in self.socks:
            s.close()

    def offer(self):
        return ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                "a=ice-lite\r\n"
                "m=audio %d RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=rtcp:%d\r\n"
                "a=ice-ufrag:%s\r\na=ice-pwd:%s\r\n"
                "a=candidate:1 1 UDP 2130706431 127.0.0.1 %d typ host\r\n"
                "a=candidate:1 2 UDP 2130706430 127.0.0.1 %d typ host\r\n"
                "a=sendrecv\r\n" % (self.port, self.port + 1, UFRAG, PWD, self.port, self.port + 1))


class IceLiteTest(unittest.TestCase):
    def setUp(self):
        self.sdk = SdkApp().start(transports=("udp",))
        self.addCleanup(self.sdk.stop)
        self.bob = self.sdk.add_account("bob@example.com", register=False, ice=True,
                                        srtp=SipSimple.SrtpMode.DISABLED)
        self.incoming = []
        self.sdk.app.get_session_manager().connect("new-incoming", self._answer)
        self.lite = LiteAgent()
        self.addCleanup(self.lite.stop)

    def _answer(self, manager, session):
        stream = session.get_proposed_streams()[0]
        stream.set_input("silence")
        stream.set_output("none")
        self.incoming.append((session, stream))
        session.accept([stream])

    def test_answerer_controls_an_ice_lite_offerer(self):
        port = self.sdk.engine.get_local_port(SipSimple.Transport.UDP)
        with SipClient("udp", server=("127.0.0.1", port), user="alice") as alice:
            req = alice.create_request("INVITE", "sip:bob@127.0.0.1:%d" % port, body=self.lite.offer(),
                                       content_type="application/sdp")
            resp = in_thread(alice.complete, alice.send_request(req), auth=False)
            self.assertEqual(resp.code, 200, resp)
            alice.ack(resp)
            answer = resp.body.decode()
            self.assertIn("a=ice-ufrag:", answer)
            self.assertNotIn("a=ice-lite", answer)
            session, stream = self.incoming[0]
            run_until(lambda: stream.get_state() == SipSimple.MediaStreamState.RUNNING, 10,
                      "the stream running (ICE connected)")
            with self.lite.lock:
                requests = list(self.lite.requests)
            rtp_checks = [attrs for component, attrs in requests if component == 1]
            self.assertTrue(rtp_checks, "no connectivity check on the RTP candidate")
            for attrs in rtp_checks:
                self.assertIn(ATTR_CONTROLLING, attrs, "a check without ICE-CONTROLLING")
                self.assertNotIn(ATTR_CONTROLLED, attrs)
                self.assertTrue(attrs[ATTR_USERNAME].decode().startswith(UFRAG + ":"))
            self.assertTrue(any(ATTR_USE_CANDIDATE in a for a in rtp_checks),
                            "the SDK nominated no pair")
            alice.auto_answer("BYE")
            session.end()
            run_until(lambda: session.get_state() == SipSimple.SessionState.TERMINATED, 10, "BYE")


if __name__ == "__main__":
    unittest.main(verbosity=2)
