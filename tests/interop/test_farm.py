# SPDX-License-Identifier: LGPL-2.1-or-later
"""A farm: sipd instances sharing their registrations through one database,
Redis (--location redis://...) or PostgreSQL (--location postgresql://...),
the same cases for both. A baresip phone registered at instance A is called
through instance B, audio both ways; A dies and B keeps routing to it, A
comes back and sees the binding; a binding written through B expires for A
too; the Python sipd takes part as one of the instances; the database
going away makes REGISTER answer 503 with Retry-After, and its return makes
registration work again."""

import itertools
import time
import unittest

from sipsimpletest import Baresip, Postgres, Redis, Sipd

USERS = {"alice": "alice-pw", "bob": "bob-pw", "carol": "carol-pw"}


class FarmTests:
    """The cases; a subclass says where the bindings live (location_uri)
    and how that database goes away (db_kill) and comes back (db_start)."""

    def sipd(self, kind="c"):
        # baresip 1.0 (libre) gives up on a SHA-256 challenge: offer MD5
        s = Sipd(kind, users=USERS,
                 extra_args=["--auth-algorithm", "MD5", "--location", self.location_uri,
                             "--min-expires", "1", "--retry-after", "3"])
        s.start()
        self.addCleanup(s.stop)
        return s

    def phone(self, user, server, tone):
        p = Baresip(user, USERS[user], proxy=server.proxy_uri("udp"), tone=tone)
        p.start()
        self.addCleanup(p.stop)
        p.wait_registered()
        return p

    def call(self, caller, callee, audio=True):
        mark_caller, mark_callee = len(caller.events), len(callee.events)
        caller.dial(callee.aor)
        callee.wait_event("CALL_INCOMING", start=mark_callee)
        callee.accept()
        caller.wait_event("CALL_ESTABLISHED", start=mark_caller)
        callee.wait_event("CALL_ESTABLISHED", start=mark_callee)
        if audio:
            caller.wait_event("CALL_RTPESTAB", timeout=10, start=mark_caller)
            callee.wait_event("CALL_RTPESTAB", timeout=10, start=mark_callee)
            time.sleep(2.5)                  # some audio both ways
        caller.hangup()
        callee.wait_event("CALL_CLOSED", start=mark_callee)
        caller.wait_event("CALL_CLOSED", start=mark_caller)
        if audio:
            self.assertEqual(callee.dominant_tone()[0], caller.tone)
            self.assertEqual(caller.dominant_tone()[0], callee.tone)

    def contacts(self, server, user):
        """The contacts server's registrar reports for user (a REGISTER
        without Contact: a query)."""
        with server.client(user) as c:
            r = c.register(contact="")
        self.assertEqual(r.code, 200, r)
        return r.header_values("Contact")

    def test_call_through_another_instance_while_the_first_is_down(self):
        a, b = self.sipd(), self.sipd()
        bob = self.phone("bob", a, tone=880)          # registers at A only
        alice = self.phone("alice", b, tone=440)      # calls through B
        self.assertEqual(len(self.contacts(b, "bob")), 1)
        self.call(alice, bob)
        b.wait_log(r"INVITE sip:bob@example.com.* -> 200")
        # A crashes: B still finds bob in the database
        a.proc.kill()
        a.stop()
        self.call(alice, bob, audio=False)
        b.wait_log(r"INVITE sip:bob@example.com.* -> 200", count=2)
        # A comes back (another port) and knows bob without a new REGISTER
        a.start()
        self.assertEqual(len(self.contacts(a, "bob")), 1)

    def test_three_instances(self):
        # three instances (two C, one Python) on one database: each phone registers at its own,
        # every instance knows all three, and calls cross any pair
        a, b, c = self.sipd("c"), self.sipd("c"), self.sipd("python")
        bob = self.phone("bob", a, tone=880)
        alice = self.phone("alice", b, tone=440)
        carol = self.phone("carol", c, tone=660)
        for server in (a, b, c):
            for user in ("alice", "bob", "carol"):
                self.assertEqual(len(self.contacts(server, user)), 1, (server.port(), user))
        self.call(carol, bob)                  # through the Python instance to A's phone
        c.wait_log(r"INVITE sip:bob@example.com.* -> 200")
        self.call(bob, alice, audio=False)     # through A to B's phone
        a.wait_log(r"INVITE sip:alice@example.com.* -> 200")

    def test_binding_expires_for_every_instance(self):
        a, b = self.sipd(), self.sipd()
        with b.client("carol") as c:
            self.assertEqual(c.register(expires=2).code, 200)
        self.assertEqual(len(self.contacts(a, "carol")), 1)
        time.sleep(3)
        self.assertEqual(self.contacts(a, "carol"), [])
        self.assertEqual(self.contacts(b, "carol"), [])

    def test_python_instance(self):
        c_sipd, py_sipd = self.sipd("c"), self.sipd("python")
        bob = self.phone("bob", c_sipd, tone=880)
        alice = self.phone("alice", py_sipd, tone=440)
        self.call(alice, bob)                   # routed by the Python sipd
        py_sipd.wait_log(r"INVITE sip:bob@example.com.* -> 200")
        self.assertEqual(len(self.contacts(c_sipd, "alice")), 1)

    def test_database_down(self):
        s = self.sipd()
        with s.client("carol") as c:
            self.assertEqual(c.register().code, 200)
            self.db_kill()
            try:
                r = c.register()
                self.assertEqual(r.code, 503, r)
                self.assertEqual(r.header("Retry-After"), "3")
                # a request for a local user cannot be routed either
                r = c.request("OPTIONS", "sip:bob@example.com")
                self.assertEqual(r.code, 503, r)
                self.assertEqual(r.header("Retry-After"), "3")
            finally:
                self.db_start()
            # sipd reconnects by itself (back-off below 2 s after so short an outage)
            deadline = time.monotonic() + 10
            while True:
                r = c.register()
                if r.code == 200 or time.monotonic() > deadline:
                    break
                self.assertEqual(r.code, 503, r)
                time.sleep(0.3)
            self.assertEqual(r.code, 200, r)
        self.assertEqual(len(self.contacts(s, "carol")), 1)



class RedisFarm(FarmTests, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.redis = Redis().start()

    @classmethod
    def tearDownClass(cls):
        cls.redis.stop()

    def setUp(self):
        self.redis.command("FLUSHALL")
        self.location_uri = self.redis.uri(1)

    def db_kill(self):
        self.redis.kill()

    def db_start(self):
        self.redis.start()


class PostgresFarm(FarmTests, unittest.TestCase):
    _databases = itertools.count(1)

    @classmethod
    def setUpClass(cls):
        cls.postgres = Postgres().start()

    @classmethod
    def tearDownClass(cls):
        cls.postgres.stop()

    def setUp(self):
        # a database of its own (the sipds create the table)
        self.location_uri = self.postgres.create_database("farm%d" % next(self._databases))

    def db_kill(self):
        self.postgres.kill()

    def db_start(self):
        self.postgres.start()

    def test_bindings_are_rows(self):
        # the schema of the README: one row per binding, expires in seconds since the epoch
        a = self.sipd()
        with a.client("carol") as c:
            self.assertEqual(c.register(expires=60).code, 200)
        database = self.location_uri.rsplit("/", 1)[1]
        rows = self.postgres.query(database, "SELECT aor, expires - extract(epoch FROM now())::bigint"
                                             " FROM location")
        self.assertEqual(len(rows), 1, rows)
        self.assertEqual(rows[0][0], "carol@example.com")
        self.assertTrue(55 <= int(rows[0][1]) <= 61, rows)


if __name__ == "__main__":
    unittest.main(verbosity=2)
