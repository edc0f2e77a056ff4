# SPDX-License-Identifier: LGPL-2.1-or-later
"""SIP values from Python: Uri, NameAddr, Headers and CpimMessage through
introspection, parse errors as GLib.Error, and the API reading naturally
(lists, bytes, GLib.DateTime, None for what is absent)."""

import gc
import unittest

import gi

gi.require_version("GLib", "2.0")
gi.require_version("SipSimple", "1.0")
from gi.repository import GLib, SipSimple  # noqa: E402

PARSE_ERROR = GLib.quark_to_string(SipSimple.parse_error_quark())


class UriTest(unittest.TestCase):
    def test_parse(self):
        uri = SipSimple.Uri.parse("sips:alice@Example.COM:5061;transport=TLS;lr?Subject=hi%20there")
        self.assertEqual(uri.get_scheme(), "sips")
        self.assertEqual(uri.get_user(), "alice")
        self.assertIsNone(uri.get_password())
        self.assertEqual(uri.get_host(), "example.com")
        self.assertEqual(uri.get_port(), 5061)
        self.assertTrue(uri.is_secure())
        self.assertEqual(uri.get_transport(), "tls")
        self.assertEqual(uri.get_param("lr"), "")
        self.assertIsNone(uri.get_param("maddr"))
        self.assertEqual(uri.get_param_names(), ["transport", "lr"])
        self.assertEqual(uri.get_header("subject"), "hi there")
        self.assertEqual(uri.get_header_names(), ["Subject"])
        self.assertEqual(uri.get_aor(), "alice@example.com")
        self.assertEqual(
            uri.to_string(), "sips:alice@example.com:5061;transport=TLS;lr?Subject=hi%20there"
        )

    def test_build(self):
        uri = SipSimple.Uri.new("sip", "bob smith", "[2001:db8::1]")
        uri.set_port(5080)
        uri.set_param("transport", "tcp")
        uri.set_param("lr", None)
        self.assertEqual(uri.to_string(), "sip:bob%20smith@[2001:db8::1]:5080;transport=tcp;lr")
        self.assertEqual(uri.get_host(), "2001:db8::1")
        self.assertTrue(uri.remove_param("lr"))
        self.assertFalse(uri.remove_param("lr"))
        tel = SipSimple.Uri.new("tel", "+1-201-555-0123", None)
        self.assertEqual(tel.to_string(), "tel:+1-201-555-0123")
        self.assertIsNone(tel.get_host())

    def test_equal_and_hash(self):
        a = SipSimple.Uri.parse("sip:%61lice@atlanta.com;transport=TCP")
        b = SipSimple.Uri.parse("sip:alice@AtLanTa.CoM;Transport=tcp")
        c = SipSimple.Uri.parse("sip:alice@atlanta.com:5060;transport=tcp")
        self.assertTrue(a.equal(b))
        self.assertEqual(a.hash(), b.hash())
        self.assertFalse(a.equal(c))

    def test_copy_is_independent(self):
        uri = SipSimple.Uri.parse("sip:alice@example.com")
        copy = uri.copy()
        copy.set_user("bob")
        self.assertEqual(uri.get_user(), "alice")
        self.assertEqual(copy.to_string(), "sip:bob@example.com")

    def test_malformed_raises(self):
        with self.assertRaises(GLib.Error) as cm:
            SipSimple.Uri.parse("sip:")
        error = cm.exception
        self.assertEqual(error.domain, PARSE_ERROR)
        self.assertEqual(error.code, SipSimple.ParseError.INVALID_URI)
        self.assertTrue(error.matches(SipSimple.parse_error_quark(), SipSimple.ParseError.INVALID_URI))
        self.assertEqual(error.message, 'Invalid SIP URI "sip:": missing host')

        for text, problem in [
            ("sip:alice@example.com:99999", "out of range"),
            ("sip:alice @example.com", "white space"),
            ("http://example.com", 'unsupported scheme "http"'),
            ("sip:[2001:db8::1", "unbalanced '['"),
            ("sip:al%zzice@example.com", "bad escape"),
            ("", "empty input"),
            (None, "empty input"),
        ]:
            with self.subTest(text=text):
                with self.assertRaises(GLib.Error) as cm:
                    SipSimple.Uri.parse(text)
                self.assertEqual(cm.exception.code, SipSimple.ParseError.INVALID_URI)
                self.assertIn(problem, cm.exception.message)


class NameAddrTest(unittest.TestCase):
    def test_parse(self):
        addr = SipSimple.NameAddr.parse('"Alice Smith" <sip:alice@example.com;transport=tcp>;tag=abc')
        self.assertEqual(addr.get_display_name(), "Alice Smith")
        self.assertEqual(addr.get_tag(), "abc")
        uri = addr.get_uri()
        self.assertIsInstance(uri, SipSimple.Uri)
        self.assertEqual(uri.get_param("transport"), "tcp")
        # the URI belongs to the address: changing it changes the address
        uri.set_user("bob")
        self.assertEqual(addr.to_string(), '"Alice Smith" <sip:bob@example.com;transport=tcp>;tag=abc')

    def test_addr_spec_params_belong_to_header(self):
        addr = SipSimple.NameAddr.parse("sip:alice@example.com;tag=abc")
        self.assertIsNone(addr.get_display_name())
        self.assertEqual(addr.get_tag(), "abc")
        self.assertFalse(addr.get_uri().has_param("tag"))
        self.assertEqual(addr.to_string(), "<sip:alice@example.com>;tag=abc")

    def test_build(self):
        addr = SipSimple.NameAddr.new('Bob "the builder"', SipSimple.Uri.parse("sip:bob@example.com"))
        addr.set_param("+sip.instance", "<urn:uuid:1>")
        addr.set_tag("t1")
        self.assertEqual(
            addr.to_string(),
            '"Bob \\"the builder\\"" <sip:bob@example.com>;+sip.instance="<urn:uuid:1>";tag=t1',
        )
        again = SipSimple.NameAddr.parse(addr.to_string())
        self.assertEqual(again.get_display_name(), 'Bob "the builder"')
        self.assertEqual(again.get_param("+sip.instance"), "<urn:uuid:1>")
        self.assertEqual(again.get_param_names(), ["+sip.instance", "tag"])
        self.assertTrue(addr.equal(again))

    def test_malformed_raises(self):
        with self.assertRaises(GLib.Error) as cm:
            SipSimple.NameAddr.parse("Bell, Alexander <sip:a.g.bell@example.com>")
        self.assertEqual(cm.exception.domain, PARSE_ERROR)
        self.assertEqual(cm.exception.code, SipSimple.ParseError.INVALID_NAME_ADDR)
        self.assertIn("invalid character ','", cm.exception.message)


class HeadersTest(unittest.TestCase):
    BLOCK = (
        "Via: SIP/2.0/UDP host.example.com;branch=z9hG4bK1\r\n"
        "f: \"Alice\" <sip:alice@example.com>;tag=1\r\n"
        "To: <sip:bob@example.com>\r\n"
        "m: <sip:a@192.0.2.1>, <sip:a@192.0.2.2>;q=0.5\r\n"
        "Max-Forwards: 70\r\n"
        "Accept: application/sdp,\r\n"
        "  text/plain\r\n"
        "Via: SIP/2.0/TCP other.example.com;branch=z9hG4bK2\r\n"
        "\r\n"
        "body\r\n"
    )

    def test_parse(self):
        headers = SipSimple.Headers.parse(self.BLOCK)
        self.assertEqual(headers.get_length(), 7)
        self.assertEqual(headers.get("from"), '"Alice" <sip:alice@example.com>;tag=1')
        self.assertEqual(headers.get("Accept"), "application/sdp, text/plain")
        self.assertIsNone(headers.get("Subject"))
        self.assertEqual(len(headers.get_all("v")), 2)
        self.assertEqual(headers.get_all("Route"), [])
        self.assertEqual(
            headers.get_names(), ["Via", "From", "To", "Contact", "Max-Forwards", "Accept"]
        )
        self.assertEqual(headers.get_nth_name(1), "From")
        self.assertIsNone(headers.get_nth_value(99))
        self.assertEqual(SipSimple.Headers.canonical_name("i"), "Call-ID")

    def test_typed(self):
        headers = SipSimple.Headers.parse(self.BLOCK)
        sender = headers.get_name_addr("From")
        self.assertEqual(sender.get_display_name(), "Alice")
        self.assertEqual(sender.get_tag(), "1")
        self.assertIsNone(headers.get_name_addr("Reply-To"))
        contacts = headers.get_name_addrs("Contact")
        self.assertEqual([c.get_uri().get_host() for c in contacts], ["192.0.2.1", "192.0.2.2"])
        self.assertEqual(contacts[1].get_param("q"), "0.5")
        self.assertEqual(headers.get_uint("Max-Forwards"), (True, 70))
        self.assertEqual(headers.get_uint("Expires"), (False, 0))

        headers.append("Expires", "soon")
        with self.assertRaises(GLib.Error) as cm:
            headers.get_uint("Expires")
        self.assertEqual(cm.exception.code, SipSimple.ParseError.INVALID_HEADER)

    def test_edit_and_injection(self):
        headers = SipSimple.Headers.new()
        self.assertTrue(headers.append("Subject", "hello"))
        self.assertTrue(headers.set("subject", "bye"))
        with self.assertRaises(GLib.Error) as cm:
            headers.append("Subject", "x\r\nVia: SIP/2.0/UDP evil")
        self.assertEqual(cm.exception.code, SipSimple.ParseError.INVALID_HEADER)
        with self.assertRaises(GLib.Error):
            headers.append("Bad Name", "x")
        self.assertEqual(headers.to_string(), "Subject: bye\r\n")
        self.assertEqual(headers.remove("s"), 1)
        self.assertEqual(headers.get_length(), 0)

    def test_malformed_raises(self):
        with self.assertRaises(GLib.Error) as cm:
            SipSimple.Headers.parse("To: <sip:a@b>\r\nFrom sip:c@d\r\n")
        self.assertEqual(cm.exception.code, SipSimple.ParseError.INVALID_HEADER)
        self.assertIn("line 2", cm.exception.message)

    def test_list_elements_outlive_the_list(self):
        headers = SipSimple.Headers.parse(self.BLOCK)
        kept = []
        for i in range(500):
            contacts = headers.get_name_addrs("m")
            if i % 50 == 0:
                kept.extend(contacts)
            del contacts
            gc.collect()
        del headers
        gc.collect()
        self.assertEqual(len(kept), 20)
        self.assertEqual(kept[-1].to_string(), "<sip:a@192.0.2.2>;q=0.5")


class CpimTest(unittest.TestCase):
    def test_build_and_parse(self):
        msg = SipSimple.CpimMessage.new("text/plain; charset=utf-8", GLib.Bytes.new("Grüße\r\n".encode()))
        msg.set_from(SipSimple.NameAddr.parse("Alice <sip:alice@example.com>"))
        msg.set_to(SipSimple.NameAddr.parse("<sip:bob@example.com>"))
        msg.add_recipient(SipSimple.NameAddr.parse("<sip:carol@example.com>"))
        when = GLib.DateTime.new_utc(2024, 5, 1, 12, 0, 0)
        msg.set_datetime(when)
        msg.set_subject("hi")
        msg.set_namespace_header("urn:ietf:params:imdn", "imdn", "Message-ID", "34jk324j")
        data = msg.to_bytes().get_data()
        self.assertEqual(
            data,
            b'From: "Alice" <sip:alice@example.com>\r\n'
            b"To: <sip:bob@example.com>\r\n"
            b"To: <sip:carol@example.com>\r\n"
            b"DateTime: 2024-05-01T12:00:00Z\r\n"
            b"Subject: hi\r\n"
            b"NS: imdn <urn:ietf:params:imdn>\r\n"
            b"imdn.Message-ID: 34jk324j\r\n"
            b"\r\n"
            b"Content-Type: text/plain; charset=utf-8\r\n"
            b"\r\n" + "Grüße\r\n".encode(),
        )

        again = SipSimple.CpimMessage.parse(GLib.Bytes.new(data))
        self.assertEqual(again.get_from().get_display_name(), "Alice")
        self.assertEqual([r.get_uri().get_user() for r in again.get_recipients()], ["bob", "carol"])
        self.assertEqual(again.get_datetime().to_unix(), when.to_unix())
        self.assertEqual(again.get_subject(), "hi")
        self.assertEqual(again.get_header("imdn.Message-ID"), "34jk324j")
        self.assertEqual(again.get_namespace_header("urn:ietf:params:imdn", "Message-ID"), "34jk324j")
        self.assertIsNone(again.get_header("cc"))
        self.assertEqual(again.get_content_type(), "text/plain; charset=utf-8")
        self.assertEqual(again.get_body().get_data().decode(), "Grüße\r\n")

    def test_binary_body(self):
        body = bytes(range(256)) + b"\r\n\r\n\x00"
        data = b"From: <sip:a@example.com>\r\n\r\nContent-Type: application/octet-stream\r\n\r\n" + body
        msg = SipSimple.CpimMessage.parse(GLib.Bytes.new(data))
        self.assertEqual(msg.get_body().get_data(), body)
        self.assertEqual(msg.to_bytes().get_data(), data)

    def test_datetime_offset(self):
        data = (
            b"DateTime: 2000-12-13T13:40:00.5-08:00\r\n\r\n"
            b"Content-Type: text/plain\r\n\r\n"
        )
        when = SipSimple.CpimMessage.parse(GLib.Bytes.new(data)).get_datetime()
        self.assertEqual(when.to_unix(), 976743600)
        self.assertEqual(when.get_microsecond(), 500000)
        self.assertEqual(when.get_utc_offset(), -8 * 3600 * 1000000)

    def test_malformed_raises(self):
        for data, problem in [
            (b"From: <sip:a@x>\r\n", "no empty line"),
            (b"\r\n\r\nbody", "no Content-Type"),
            (b"Subject hello\r\n\r\nContent-Type: t/p\r\n\r\n", "without ':'"),
            (b"DateTime: yesterday\r\n\r\nContent-Type: t/p\r\n\r\n", "invalid DateTime"),
        ]:
            with self.subTest(data=data):
                with self.assertRaises(GLib.Error) as cm:
                    SipSimple.CpimMessage.parse(GLib.Bytes.new(data))
                self.assertEqual(cm.exception.domain, PARSE_ERROR)
                self.assertEqual(cm.exception.code, SipSimple.ParseError.INVALID_BODY)
                self.assertIn(problem, cm.exception.message)

    def test_set_header_raises(self):
        msg = SipSimple.CpimMessage.new("text/plain", None)
        with self.assertRaises(GLib.Error) as cm:
            msg.set_header("From", "not an address")
        self.assertEqual(cm.exception.code, SipSimple.ParseError.INVALID_HEADER)
        self.assertTrue(msg.set_header("From", "<sip:a@example.com>"))
        self.assertEqual(msg.get_from().get_uri().get_user(), "a")
        self.assertEqual(msg.get_body().get_size(), 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
