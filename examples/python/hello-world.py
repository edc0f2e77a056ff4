#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Hello World: call someone, print what happens, hang up after 3 seconds.
usage: hello-world.py ACCOUNT PASSWORD PROXY TARGET [RECORD.wav]"""
import sys
import gi
gi.require_version("SipSimple", "1.0")
from gi.repository import GLib, SipSimple

account_id, password, proxy, target = sys.argv[1:5]
loop, app = GLib.MainLoop(), SipSimple.Application.new()
app.get_settings().props.ip_address = "127.0.0.1"

def started(app):
    account = SipSimple.Account.new(account_id)
    account.props.password, account.props.outbound_proxy, account.props.register = password, proxy, False
    app.get_account_manager().add(account)
    audio = SipSimple.AudioStream.new()
    audio.props.input = "tone:440"
    audio.props.output = "file:" + sys.argv[5] if len(sys.argv) > 5 else "none"
    session = SipSimple.Session.new(account)
    session.connect("ringing", lambda s: print("Ringing!"))
    session.connect("started", lambda s: (print('Audio session established using "%s" codec at %dHz'
                                                % (audio.props.codec, audio.props.sample_rate)),
                                          GLib.timeout_add_seconds(3, s.end)))
    session.connect("failed", lambda s, o, code, reason, why: (print("Failed to connect:", code, reason), app.stop_async(None, None)))
    session.connect("ended", lambda s, o, why: (print("Session ended"), app.stop_async(None, None)))
    session.connect_to(target, [audio])

app.connect("started", started)
app.connect("stopped", lambda app: loop.quit())
app.start_async(SipSimple.MemoryStorage.new(), None, None)
loop.run()
