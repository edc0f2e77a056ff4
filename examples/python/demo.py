#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""The libsipsimple loopback demo.

Starts a SIP server on 127.0.0.1, registers alice and bob with it; bob
watches alice's presence while she goes online, then away, with a note
(PUBLISH and SUBSCRIBE/NOTIFY through the server); then they exchange
messages, and alice calls bob: each side plays a tone and records what it
hears, and the demo checks that each tone arrived. After the call they
chat over MSRP (typing notifications shown) and alice sends bob a file,
whose hash bob checks. It prints what happens. Run it with
`tools/dev.sh demo` (which builds everything first).

The server is the project's own sipd (tools/sipd, the C registrar,
record-routing proxy and presence server built on SipSimple.Agent and
SipSimple.PresenceServer), started by the test
harness in tests/lib on free ports with TLS, TCP and UDP.
"""

import hashlib
import os
import sys
import tempfile
import time

import gi

gi.require_version("SipSimple", "1.0")
from gi.repository import GLib, SipSimple  # noqa: E402

from sipsimpletest import Sipd, audio  # noqa: E402

USERS = {"alice": "alice-secret", "bob": "bob-secret"}
T0 = time.monotonic()


def say(who, what):
    print("[%5.2fs] %-7s %s" % (time.monotonic() - T0, who, what), flush=True)


class Demo:
    def __init__(self, server):
        self.server = server
        self.loop = GLib.MainLoop()
        self.app = SipSimple.Application.new()
        self.accounts = {}
        self.registered = set()
        self.ok = False
        self.dir = tempfile.mkdtemp(prefix="sipsimple-demo-")

    def fail(self, why):
        say("demo", "FAILED: " + why)
        self.stop()

    def stop(self):
        self.app.stop_async(None, lambda app, res: self.loop.quit())

    def run(self):
        settings = self.app.get_settings()
        settings.props.ip_address = "127.0.0.1"
        settings.props.tls_ca_file = self.server.ca_file
        GLib.timeout_add_seconds(30, lambda: self.fail("timeout") or False)
        self.app.connect("started", self.on_started)
        self.app.connect("failed", lambda app, error: self.fail(error.message))
        self.app.start_async(SipSimple.MemoryStorage.new(), None, None)
        self.loop.run()
        return self.ok

    def on_started(self, app):
        engine = app.get_engine()
        say("sdk", "SIP engine running on 127.0.0.1 (udp/tcp %d, tls %d)" % (
            engine.get_local_port(SipSimple.Transport.UDP),
            engine.get_local_port(SipSimple.Transport.TLS)))
        for name, transport in (("alice", "tls"), ("bob", "tcp")):
            account = SipSimple.Account.new("%s@example.com" % name)
            account.props.display_name = name.capitalize()
            account.props.password = USERS[name]
            account.props.outbound_proxy = self.server.proxy_uri(transport)
            account.connect("registered", self.on_registered)
            account.connect("registration-failed",
                            lambda a, code, reason, retry: self.fail(
                                "%s: registration failed: %d %s" % (a.get_id(), code, reason)))
            account.connect("message-received", self.on_message)
            self.accounts[name] = account
            say(name, "registering over %s with the server (digest auth)" % transport.upper())
            app.get_account_manager().add(account)

    def on_registered(self, account, contact, expires):
        name = account.get_id().split("@")[0]
        if name in self.registered:
            return
        self.registered.add(name)
        say(name, "registered as %s for %d s" % (contact, expires))
        if self.registered == {"alice", "bob"}:
            self.presence()

    # -- presence --------------------------------------------------------
    # alice publishes "online"; once the server has it, bob adds her as a
    # buddy (a SUBSCRIBE); each NOTIFY he gets updates the buddy, whose
    # changes are printed; when he has seen her "away", the messages start.
    STEPS = ((SipSimple.PresenceStatus.ONLINE, "at my desk"),
             (SipSimple.PresenceStatus.AWAY, "out for lunch"))

    def presence(self):
        alice, bob = self.accounts["alice"], self.accounts["bob"]
        self.step = 0
        self.seen = None
        status, note = self.STEPS[0]
        alice.connect("notify::presence-published", self.on_published)
        say("alice", "publishes her presence: %s, %r" % (status.value_nick, note))
        alice.props.presence_status = status
        alice.props.presence_note = note
        alice.props.presence_enabled = True

    def on_published(self, alice, pspec):
        if not alice.props.presence_published or self.step != 0 or self.seen is not None:
            return
        say("alice", "the server stored it (PUBLISH 200 OK)")
        bob = self.accounts["bob"]
        bob.props.presence_enabled = True
        say("bob", "adds alice to his buddies and watches her presence (SUBSCRIBE)")
        bob.add_buddy("alice", "Alice")
        self.seen = (None, None)
        buddy = bob.find_buddy("alice")
        for prop in ("status", "note"):
            buddy.connect("notify::" + prop, lambda b, p: GLib.idle_add(self.on_buddy, b))

    def on_buddy(self, buddy):
        state = (buddy.props.status, buddy.props.note)
        if state == self.seen or self.step >= len(self.STEPS):
            return False
        if self.step == 0 and state[0] == SipSimple.PresenceStatus.OFFLINE:
            return False                   # not told yet
        self.seen = state
        say("bob", "sees alice: %s, %r" % (state[0].value_nick, state[1]))
        if state != self.STEPS[self.step]:
            return False
        self.step += 1
        if self.step < len(self.STEPS):
            status, note = self.STEPS[self.step]
            alice = self.accounts["alice"]
            say("alice", "changes her presence: %s, %r" % (status.value_nick, note))
            alice.props.presence_note = note
            alice.props.presence_status = status
        elif self.step == len(self.STEPS):
            say("demo", "bob saw each of alice's changes; now they exchange messages")
            self.send("alice", "bob", "Hello Bob, this is Alice.")
        return False

    def send(self, sender, to, text):
        say(sender, "sends a MESSAGE to %s: %r" % (to, text))

        def done(account, result):
            try:
                account.send_text_finish(result)
                say(sender, "the server and %s accepted it (200 OK)" % to)
            except GLib.Error as e:
                self.fail("%s's message failed: %s" % (sender, e.message))

        self.accounts[sender].send_text_async("%s@example.com" % to, text, None, done)

    def on_message(self, account, message):
        name = account.get_id().split("@")[0]
        sender = message.get_from()
        say(name, "received from %s <%s>: %r" % (sender.get_display_name(),
                                                  sender.get_uri().to_string(),
                                                  message.get_text()))
        if name == "bob":
            self.send("bob", "alice", "Hi Alice, got it!")
        else:
            say("demo", "messages went both ways; now alice calls bob")
            self.call()

    # -- the call --------------------------------------------------------
    def wav(self, who):
        return os.path.join(self.dir, "%s-heard.wav" % who)

    def on_incoming(self, manager, session):
        if not isinstance(session.get_proposed_streams()[0], SipSimple.AudioStream):
            return      # the chat session: ChatAndFile answers it
        say("bob", "incoming call from %s; ringing, then answering" %
            session.get_remote_identity().get_uri().to_string())
        stream = session.get_proposed_streams()[0]
        stream.props.input = "tone:660"
        stream.props.output = "file:" + self.wav("bob")
        session.send_ring_indication()
        GLib.timeout_add(300, lambda: session.accept([stream]) and False)

    def call(self):
        self.app.get_session_manager().connect("new-incoming", self.on_incoming)
        stream = SipSimple.AudioStream.new()
        stream.props.input = "tone:440"
        stream.props.output = "file:" + self.wav("alice")
        session = SipSimple.Session.new(self.accounts["alice"])
        session.connect("ringing", lambda s: say("alice", "ringing"))
        session.connect("started", lambda s: self.on_call_started(s, stream))
        session.connect("failed", lambda s, o, code, reason, why: self.fail(
            "the call failed: %d %s (%s)" % (code, reason, why)))
        session.connect("ended", lambda s, o, why: self.on_call_ended(o))
        say("alice", "calls bob, playing a 440 Hz tone (bob plays 660 Hz)")
        session.connect_to("bob", [stream])

    def on_call_started(self, session, stream):
        say("alice", "call established: %s at %d Hz%s" % (
            stream.props.codec, stream.props.sample_rate,
            ", SRTP-encrypted" if stream.props.srtp_active else ""))
        GLib.timeout_add_seconds(3, lambda: session.end() and False)

    def on_call_ended(self, originator):
        say("alice", "hung up after 3 s (%s)" % originator.value_nick)
        ok = True
        for who, freq in (("bob", 440), ("alice", 660)):
            rec = audio.read_wav(self.wav(who))
            heard = audio.dominant_frequency(rec)
            seconds = audio.tone_duration(rec, freq)
            good = abs(heard - freq) < 5 and seconds > 2.0
            ok = ok and good
            say(who, "heard %.0f Hz for %.1f s: %s" % (heard, seconds,
                                                       "the tone arrived" if good else "WRONG"))
        if not ok:
            self.stop()
            return
        ChatAndFile(self).start()

    def finished(self, ok):
        self.ok = ok
        say("demo", "stopping (accounts unregister)")
        self.stop()


# -- chat and file transfer over MSRP ------------------------------------------
class ChatAndFile:
    """alice opens a chat with bob; both type and send a message; then alice
    adds a file transfer to the session (re-INVITE) and bob checks the hash."""

    LINES = [("alice", "Nice call! Sending you the photo now."), ("bob", "Great, go ahead.")]

    def __init__(self, demo):
        self.demo = demo
        self.chats = {}
        self.turn = 0
        self.file = os.path.join(demo.dir, "photo.jpg")
        self.copy = os.path.join(demo.dir, "bob-received-photo.jpg")
        self.step = -1

    def start(self):
        with open(self.file, "wb") as f:
            f.write(os.urandom(4 * 1024 * 1024))
        self.demo.app.get_session_manager().connect("new-incoming", self.on_incoming)
        chat = SipSimple.ChatStream.new()
        self.watch("alice", chat)
        self.session = SipSimple.Session.new(self.demo.accounts["alice"])
        self.session.connect("started", lambda s: self.next_line())
        self.session.connect("failed", lambda s, o, code, reason, why: self.demo.fail(
            "the chat failed: %d %s (%s)" % (code, reason, why)))
        say("alice", "opens a chat with bob (MSRP, CPIM-wrapped messages)")
        self.session.connect_to("bob", [chat])

    def watch(self, who, chat):
        self.chats[who] = chat
        chat.connect("composing-changed", lambda c, on: say(
            who, "sees the other side %s" % ("typing..." if on else "stop typing")))
        chat.connect("message-received", lambda c, mid, sender, ctype, body, when: self.on_message(who, sender, body))
        chat.connect("message-delivered", lambda c, mid: say(who, "message delivered"))
        chat.connect("message-failed", lambda c, mid, code, reason: self.demo.fail("chat: %d %s" % (code, reason)))

    def on_incoming(self, manager, session):
        streams = session.get_proposed_streams()
        if not isinstance(streams[0], SipSimple.ChatStream):
            return
        say("bob", "accepts the chat from %s" % session.get_remote_identity().get_uri().to_string())
        self.watch("bob", streams[0])
        session.connect("proposal-received", self.on_proposal)
        session.accept(streams)

    def next_line(self):
        if self.turn == len(self.LINES):
            self.send_file()
            return
        who, text = self.LINES[self.turn]
        self.chats[who].set_composing(True)
        say(who, "is typing")
        GLib.timeout_add(150, lambda: self.say_line(who, text))

    def say_line(self, who, text):
        say(who, "sends: %r" % text)
        self.chats[who].send_message("text/plain", text)
        return False

    def on_message(self, who, sender, body):
        say(who, "got from %s: %r" % (sender.get_display_name() or sender.get_uri().get_aor(), body))
        self.turn += 1
        self.next_line()

    def send_file(self):
        ft = SipSimple.FileTransferStream.new_for_path(self.file, "image/jpeg")
        ft.connect("progress", lambda s, done, total: self.progress("alice", done, total))
        ft.connect("finished", lambda s: say("alice", "the file went out, every chunk confirmed"))
        say("alice", "offers photo.jpg (4 MiB) in the same session (re-INVITE adds a file transfer)")
        self.session.add_stream(ft)

    def on_proposal(self, session, originator):
        if originator.value_nick != "remote":
            return
        ft = session.get_proposed_streams()[0]
        sel = ft.get_file_selector()
        say("bob", "is offered %s, %d bytes, %s, %s..." % (sel.get_name(), sel.get_size(),
                                                          sel.get_content_type(), sel.get_hash()[:20]))
        ft.set_destination_path(self.copy)
        ft.connect("finished", lambda s: self.received())
        ft.connect("failed", lambda s, e: self.demo.fail("the file transfer failed: " + e.message))
        session.accept_proposal([ft])

    def progress(self, who, done, total):
        step = done * 4 // total if total else 0
        if step > self.step:
            self.step = step
            say(who, "sent %d of %d bytes (%d%%)" % (done, total, done * 100 // total))

    def received(self):
        with open(self.file, "rb") as a, open(self.copy, "rb") as b:
            same = hashlib.sha1(a.read()).digest() == hashlib.sha1(b.read()).digest()
        say("bob", "has the file, SHA-1 verified by the SDK; same bytes as alice's: %s" % same)
        self.session.connect("ended", lambda s, o, why: self.demo.finished(same))
        say("alice", "ends the chat session")
        self.session.end()


def main():
    say("demo", "starting the SIP registrar/proxy sipd on 127.0.0.1 with users alice and bob")
    with Sipd("c", users=USERS, transports=("udp", "tcp", "tls")) as server:
        say("server", "listening on udp/tcp %d, tls %d" % (server.port("udp"), server.port("tls")))
        ok = Demo(server).run()
        say("server", "its log, one line per request:")
        for line in server.log().splitlines()[1:]:
            if "sipsak" not in line:          # the harness's health check
                print("          " + line.split(" ", 2)[2], flush=True)
    say("demo", "done" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
