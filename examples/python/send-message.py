#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Send one SIP MESSAGE with libsipsimple from Python.

usage: send-message.py ACCOUNT PASSWORD PROXY TO TEXT
  e.g. send-message.py alice@example.com secret "sip:127.0.0.1:5060" bob@example.com "hi"
"""
import sys

import gi

gi.require_version("SipSimple", "1.0")
from gi.repository import GLib, SipSimple

account_id, password, proxy, to, text = sys.argv[1:6]
loop = GLib.MainLoop()
app = SipSimple.Application.new()
app.get_settings().props.ip_address = "127.0.0.1"
status = 1


def sent(account, result):
    global status
    try:
        account.send_text_finish(result)
        print("delivered")
        status = 0
    except GLib.Error as e:
        print("failed:", e.message)
    app.stop_async(None, lambda app, res: loop.quit())


def started(app, result):
    app.start_finish(result)
    account = SipSimple.Account.new(account_id)
    account.props.password = password
    account.props.outbound_proxy = proxy
    account.props.register = False          # sending needs no registration
    app.get_account_manager().add(account)
    account.send_text_async(to, text, None, sent)


app.start_async(SipSimple.MemoryStorage.new(), None, started)
loop.run()
sys.exit(status)
