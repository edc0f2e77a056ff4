#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""One SDK process for bench/call-bench.py: `answer` answers every call;
`call N TARGET` keeps N calls to TARGET up. Prints one line per event
("ready", "started <ms>", "ended") so the driver can follow and time it.

usage: sdk-peer.py answer ACCOUNT PASSWORD PROXY
       sdk-peer.py call ACCOUNT PASSWORD PROXY TARGET N
"""
import os
import sys
import time

import gi

gi.require_version("SipSimple", "1.0")
from gi.repository import GLib, SipSimple  # noqa: E402

mode, account_id, password, proxy = sys.argv[1:5]
loop = GLib.MainLoop()
app = SipSimple.Application.new()
app.get_settings().props.ip_address = "127.0.0.1"
app.get_settings().props.transports = ["udp"]
sessions = []


def say(*words):
    print(*words, flush=True)


def answer(manager, session):
    stream = session.get_proposed_streams()[0]
    stream.props.input = "tone:660"
    stream.props.output = "none"
    sessions.append(session)
    session.accept([stream])


def call(account, target):
    stream = SipSimple.AudioStream.new()
    stream.props.input = "tone:440"
    stream.props.output = "none"
    stream.props.codecs = ["opus"]
    session = SipSimple.Session.new(account)
    t0 = time.perf_counter()
    session.connect("started", lambda s: say("started %.3f" % ((time.perf_counter() - t0) * 1000)))
    session.connect("failed", lambda s, o, c, r, f: say("failed %d %s" % (c, f)))
    sessions.append(session)
    session.connect_to(target, [stream])


pending = b""


def on_input(channel, condition):
    # Read the raw fd: sys.stdin.readline() would buffer several commands
    # written at once while the watch fires only once for them.
    global pending
    data = os.read(sys.stdin.fileno(), 4096)
    if not data:
        return on_line("")
    pending += data
    *lines, pending = pending.split(b"\n")
    for line in lines:
        if not on_line(line.decode().strip()):
            return False
    return True


def on_line(line):
    if line == "call" and mode == "call":
        call(account, sys.argv[5])
    elif line == "end":
        for s in sessions:
            s.end()
        sessions.clear()
    elif line in ("quit", ""):
        for s in sessions:
            s.end()
        app.stop_async(None, lambda *a: loop.quit())
        return False
    return True


def started(app):
    global account
    account = SipSimple.Account.new(account_id)
    account.props.password = password
    account.props.outbound_proxy = proxy
    account.props.register = mode == "answer"
    account.props.srtp = SipSimple.SrtpMode.DISABLED
    if mode == "answer":
        account.connect("registered", lambda *a: say("ready"))
        app.get_session_manager().connect("new-incoming", answer)
    app.get_account_manager().add(account)
    if mode == "call":
        say("ready")
        for _ in range(int(sys.argv[6])):
            call(account, sys.argv[5])
    GLib.io_add_watch(GLib.IOChannel.unix_new(sys.stdin.fileno()), GLib.IO_IN | GLib.IO_HUP, on_input)


app.connect("started", started)
app.start_async(SipSimple.MemoryStorage.new(), None, None)
loop.run()
