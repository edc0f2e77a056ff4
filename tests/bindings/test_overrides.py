# SPDX-License-Identifier: LGPL-2.1-or-later
"""The Python overrides (bindings/python/gi/overrides/SipSimple.py): SIP
values with str/==/hash, Headers as a mapping, an exception class per
error domain, and every _async/_finish pair awaited under asyncio against
a real Kamailio (register, MESSAGE to a second account, a 404, cancelling)."""

import asyncio
import collections.abc
import unittest

import gi

gi.require_version("GLib", "2.0")
gi.require_version("Gio", "2.0")
gi.require_version("SipSimple", "1.0")
from gi.repository import Gio, GLib, SipSimple  # noqa: E402

from sipsimpletest import Kamailio  # noqa: E402

USERS = {"alice": "a-pw", "bob": "b-pw", "carol": "c-pw"}


class ValuesTest(unittest.TestCase):
    def test_uri(self):
        a = SipSimple.Uri.parse("sip:%61lice@atlanta.com;transport=TCP")
        b = SipSimple.Uri.parse("sip:alice@AtLanTa.CoM;Transport=tcp")
        c = SipSimple.Uri.parse("sip:alice@atlanta.com:5060;transport=tcp")
        self.assertEqual(str(b), b.to_string())
        self.assertEqual(str(b), "sip:alice@atlanta.com;Transport=tcp")
        self.assertIn("sip:alice@atlanta.com", repr(b))
        self.assertEqual(a, b)
        self.assertFalse(a != b)
        self.assertNotEqual(a, c)
        self.assertEqual(hash(a), hash(b))
        self.assertEqual(len({a, b, c}), 2)
        self.assertEqual({a: "alice"}[b], "alice")
        self.assertNotEqual(a, "sip:alice@atlanta.com;transport=tcp")

    def test_name_addr(self):
        a = SipSimple.NameAddr.parse('"Alice" <sip:alice@example.com>;tag=1')
        b = SipSimple.NameAddr.parse('"Alice" <sip:alice@EXAMPLE.com>;tag=1')
        c = SipSimple.NameAddr.parse('"Alice" <sip:alice@example.com>;tag=2')
        self.assertEqual(str(a), '"Alice" <sip:alice@example.com>;tag=1')
        self.assertEqual(a, b)
        self.assertNotEqual(a, c)
        self.assertEqual(hash(a), hash(b))
        self.assertEqual(len({a, b, c}), 2)
        self.assertNotEqual(a, a.get_uri())

    def test_route(self):
        a = SipSimple.Route.new("127.0.0.2", 5060, "udp")
        b = SipSimple.Route.new("127.0.0.2", 5060, "udp")
        c = SipSimple.Route.new("127.0.0.2", 5060, "tcp")
        self.assertEqual(str(a), a.to_string())
        self.assertEqual(a, b)
        self.assertNotEqual(a, c)
        self.assertEqual(len({a, b, c}), 2)

    def test_msrp_uri(self):
        text = "msrp://bob.example.com:8888/9di4ea;tcp"
        a = SipSimple.MsrpUri.parse(text)
        b = SipSimple.MsrpUri.parse("msrp://BOB.example.com:8888/9di4ea;tcp")
        c = SipSimple.MsrpUri.parse("msrp://bob.example.com:8888/other;tcp")
        self.assertEqual(str(a), text)
        self.assertEqual(a, b)
        self.assertNotEqual(a, c)
        self.assertEqual(hash(a), hash(b))
        self.assertEqual(len({a, b, c}), 2)


class HeadersMappingTest(unittest.TestCase):
    BLOCK = ("Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1\r\n"
             "f: <sip:alice@example.com>;tag=1\r\n"
             "Via: SIP/2.0/UDP b.example.com;branch=z9hG4bK2\r\n"
             "Max-Forwards: 70\r\n\r\n")

    def test_reading(self):
        h = SipSimple.Headers.parse(self.BLOCK)
        self.assertIsInstance(h, collections.abc.MutableMapping)
        self.assertEqual(list(h), ["Via", "From", "Max-Forwards"])
        self.assertEqual(len(h), 3)
        self.assertEqual(h.get_length(), 4)
        self.assertEqual(h["from"], "<sip:alice@example.com>;tag=1")
        self.assertEqual(h["F"], h["From"])
        self.assertEqual(h["via"], "SIP/2.0/UDP a.example.com;branch=z9hG4bK1")
        self.assertEqual(len(h.get_all("v")), 2)
        self.assertIn("max-forwards", h)
        self.assertIn("v", h)
        self.assertNotIn("Subject", h)
        self.assertNotIn(3, h)
        with self.assertRaises(KeyError):
            h["Subject"]
        self.assertIsNone(h.get("Subject"))
        self.assertEqual(h.get("Subject", "none"), "none")
        self.assertEqual(h.get("From"), "<sip:alice@example.com>;tag=1")
        self.assertEqual(dict(h)["Max-Forwards"], "70")
        self.assertEqual(list(h.keys()), ["Via", "From", "Max-Forwards"])
        self.assertEqual(list(h.values())[2], "70")
        self.assertEqual(str(h), h.to_string())

    def test_writing(self):
        h = SipSimple.Headers.parse(self.BLOCK)
        h["VIA"] = "SIP/2.0/TCP c.example.com;branch=z9hG4bK3"
        self.assertEqual(h.get_all("Via"), ["SIP/2.0/TCP c.example.com;branch=z9hG4bK3"])
        h["Accept"] = ["text/plain", "application/sdp"]
        self.assertEqual(h.get_all("accept"), ["text/plain", "application/sdp"])
        del h["accept"]
        self.assertNotIn("Accept", h)
        with self.assertRaises(KeyError):
            del h["Accept"]
        h.update({"Subject": "hi", "s": "again"})
        self.assertEqual(h.get_all("Subject"), ["again"])
        self.assertEqual(h.pop("subject"), "again")
        self.assertEqual(h.setdefault("Expires", "60"), "60")
        self.assertEqual(h.setdefault("Expires", "30"), "60")
        with self.assertRaises(SipSimple.ParseError):
            h["Subject"] = "x\r\nVia: SIP/2.0/UDP evil"
        with self.assertRaises(GLib.Error):
            h["Bad Name"] = "x"
        h.clear()
        self.assertEqual(len(h), 0)
        self.assertEqual(h.to_string(), "")


class ErrorClassesTest(unittest.TestCase):
    def test_parse_error(self):
        with self.assertRaises(SipSimple.ParseError) as cm:
            SipSimple.Uri.parse("sip:")
        e = cm.exception
        self.assertIsInstance(e, GLib.Error)
        self.assertIsInstance(e, SipSimple.Error)
        self.assertNotIsInstance(e, SipSimple.SipError)
        self.assertEqual(e.code, SipSimple.ParseError.INVALID_URI)
        self.assertTrue(e.matches(SipSimple.parse_error_quark(), SipSimple.ParseError.INVALID_URI))
        self.assertEqual(e.domain, "sip-simple-parse-error-quark")
        self.assertIsNone(e.status)
        # the codes are still the enum's
        self.assertEqual(int(SipSimple.SipError.NOT_FOUND), 404)
        self.assertIs(SipSimple.SipError.Code, type(SipSimple.SipError.NOT_FOUND))

    def test_one_class_per_domain(self):
        names = ["AgentError", "ApplicationError", "EngineError", "MediaStreamError", "MsrpError",
                 "ParseError", "PresenceError", "SessionError", "SipError", "StorageError",
                 "XcapError"]
        domains = set()
        for name in names:
            cls = getattr(SipSimple, name)
            self.assertTrue(issubclass(cls, GLib.Error), name)
            domains.add(GLib.quark_to_string(cls.domain_quark()))
        self.assertEqual(len(domains), len(names))

    def test_constructors_and_namespace_functions_raise_the_class(self):
        with self.assertRaises(SipSimple.ApplicationError) as cm:
            SipSimple.Account(id="bad")
        self.assertEqual(cm.exception.code, SipSimple.ApplicationError.INVALID_ACCOUNT)
        with self.assertRaises(SipSimple.ApplicationError):
            SipSimple.Account.new("bad")
        with self.assertRaises(SipSimple.SessionError):
            SipSimple.Session()
        with self.assertRaises(SipSimple.MsrpError):
            SipSimple.msrp_uri_parse("http://nope")

    def test_status(self):
        sip = SipSimple.SipError("Not Found", GLib.quark_to_string(SipSimple.sip_error_quark()), 404)
        self.assertEqual(sip.status, 404)
        msrp = SipSimple.MsrpError("The MSRP relay refused AUTH: 403 Forbidden",
                                   GLib.quark_to_string(SipSimple.msrp_error_quark()),
                                   SipSimple.MsrpError.AUTH)
        self.assertEqual(msrp.status, 403)
        self.assertIsNone(SipSimple.MsrpError("The peer did not answer", "d", 0).status)


async def signal(obj, name, predicate=lambda *args: True):
    """Waits for obj's signal name (whose arguments match predicate)."""
    future = asyncio.get_running_loop().create_future()

    def handler(*args):
        if not future.done() and predicate(*args):
            future.set_result(args)

    handler_id = obj.connect(name, handler)
    try:
        return await asyncio.wait_for(future, 15)
    finally:
        obj.disconnect(handler_id)


class AsyncioTest(unittest.IsolatedAsyncioTestCase):
    @classmethod
    def setUpClass(cls):
        cls.policy = asyncio.get_event_loop_policy()
        asyncio.set_event_loop_policy(SipSimple.EventLoopPolicy())
        cls.k = Kamailio(users=USERS, transports=("udp", "tcp"))
        cls.k.start()

    @classmethod
    def tearDownClass(cls):
        cls.k.stop()
        asyncio.set_event_loop_policy(cls.policy)

    async def asyncSetUp(self):
        self.assertIsInstance(asyncio.get_running_loop(), SipSimple.EventLoop)
        self.app = SipSimple.Application.new()
        settings = self.app.get_settings()
        settings.props.ip_address = "127.0.0.1"
        settings.props.transports = ["udp", "tcp"]
        # the awaitable short name, no trailing None arguments
        self.assertIs(await self.app.start(SipSimple.MemoryStorage.new()), True)

    async def asyncTearDown(self):
        # foo_async without its callback is awaitable too
        self.assertIs(await self.app.stop_async(), True)

    def account(self, user, register=True):
        account = SipSimple.Account.new("%s@example.com" % user)
        account.props.password = USERS[user]
        account.props.outbound_proxy = self.k.proxy_uri("udp")
        account.props.register = register
        return account

    async def test_register_and_message(self):
        alice, bob = self.account("alice"), self.account("bob")
        registered = asyncio.gather(signal(alice, "registered"), signal(bob, "registered"))
        self.app.get_account_manager().add(alice)
        self.app.get_account_manager().add(bob)
        await registered
        received = asyncio.ensure_future(signal(bob, "message-received"))
        await alice.send_text("bob@example.com", "hello from asyncio")
        account, message = await received
        self.assertEqual(message.get_text(), "hello from asyncio")
        self.assertEqual(message.get_from().get_uri(), SipSimple.Uri.parse("sip:alice@example.com"))
        # several at once
        received = asyncio.ensure_future(signal(bob, "message-received",
                                                lambda a, m: m.get_text() == "two"))
        await asyncio.gather(alice.send_text_async("bob", "one"),
                             alice.send_message("bob", "text/plain", GLib.Bytes.new(b"two")))
        await received

    async def test_failure_raises_the_domain_class(self):
        alice = self.account("alice", register=False)
        self.app.get_account_manager().add(alice)
        with self.assertRaises(SipSimple.SipError) as cm:
            await alice.send_text("nobody@example.com", "lost")
        self.assertEqual(cm.exception.status, 404)
        self.assertEqual(cm.exception.code, SipSimple.SipError.NOT_FOUND)
        self.assertIsInstance(cm.exception, GLib.Error)
        try:
            await alice.send_text_async("nobody@example.com", "lost", None)
        except GLib.Error as e:
            self.assertEqual(e.domain, "sip-simple-sip-error-quark")
        else:
            self.fail("no error")

    async def test_cancel(self):
        loop = asyncio.get_running_loop()
        carol = await loop.run_in_executor(None, self.k.client, "carol", "udp")
        try:
            self.assertEqual((await loop.run_in_executor(None, carol.register)).code, 200)
            alice = self.account("alice", register=False)
            self.app.get_account_manager().add(alice)
            # carol never answers: the task is cancelled while the MESSAGE is pending
            cancellable = Gio.Cancellable()
            task = asyncio.ensure_future(alice.send_text("carol@example.com", "one",
                                                         cancellable=cancellable))
            await loop.run_in_executor(None, carol.wait_request, "MESSAGE", 10)
            self.assertFalse(task.done())
            task.cancel()
            with self.assertRaises(asyncio.CancelledError):
                await task
            self.assertTrue(cancellable.is_cancelled())
            # a timeout cancels the operation too
            cancellable = Gio.Cancellable()
            with self.assertRaises(asyncio.TimeoutError):
                await asyncio.wait_for(alice.send_text("carol", "two", cancellable), 1.0)
            self.assertTrue(cancellable.is_cancelled())
            # and the loop goes on: a message that is answered still arrives
            carol.auto_answer("MESSAGE", 200)
            self.assertIs(await alice.send_text("carol", "three"), True)
        finally:
            carol.close()

    async def test_classic_callback_still_works(self):
        future = asyncio.get_running_loop().create_future()

        def done(lookup, result):
            try:
                future.set_result(lookup.resolve_host_finish(result))
            except GLib.Error as e:
                future.set_exception(e)

        lookup = SipSimple.Lookup.new()
        self.assertIsNone(lookup.resolve_host_async("127.0.0.1", None, done))
        classic = await future
        self.assertEqual(classic, await lookup.resolve_host("127.0.0.1"))


class OtherLoopTest(unittest.TestCase):
    def test_plain_asyncio_loop_refuses(self):
        app = SipSimple.Application.new()
        loop = asyncio.SelectorEventLoop()

        async def main():
            with self.assertRaises(RuntimeError) as cm:
                app.stop_async()
            self.assertIn("SipSimple", str(cm.exception))

        try:
            loop.run_until_complete(main())
        finally:
            loop.close()

    def test_no_loop_refuses(self):
        with self.assertRaises(RuntimeError):
            SipSimple.Application.new().stop()

    def test_run(self):
        async def main():
            app = SipSimple.Application.new()
            app.get_settings().props.ip_address = "127.0.0.1"
            await app.start(SipSimple.MemoryStorage.new())
            await asyncio.sleep(0.01)
            return await app.stop()

        for _ in range(2):      # a second loop on the same GLib context
            self.assertIs(SipSimple.run(main()), True)


if __name__ == "__main__":
    unittest.main(verbosity=2)
