#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Send one SIP MESSAGE with libsipsimple from Python (asyncio).

usage: send-message.py ACCOUNT PASSWORD PROXY TO TEXT
  e.g. send-message.py alice@example.com secret "sip:127.0.0.1:5060" bob@example.com "hi"
"""
import sys

import gi

gi.require_version("SipSimple", "1.0")
from gi.repository import GLib, SipSimple


async def main(account_id, password, proxy, to, text):
    app = SipSimple.Application.new()
    app.get_settings().props.ip_address = "127.0.0.1"
    await app.start(SipSimple.MemoryStorage.new())
    try:
        account = SipSimple.Account.new(account_id)
        account.props.password = password
        account.props.outbound_proxy = proxy
        account.props.register = False          # sending needs no registration
        app.get_account_manager().add(account)
        await account.send_text(to, text)
        print("delivered")
        return 0
    except SipSimple.SipError as e:             # the peer's answer: e.status is e.g. 404
        print("failed:", e.status, e.message)
    except GLib.Error as e:                     # anything else (DNS, transport, ...)
        print("failed:", e.message)
    finally:
        await app.stop()
    return 1


sys.exit(SipSimple.run(main(*sys.argv[1:6])))
