#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Hello World: call someone, print what happens, hang up after 3 seconds.
usage: hello-world.py ACCOUNT PASSWORD PROXY TARGET [RECORD.wav]"""
import asyncio
import sys
import gi
gi.require_version("SipSimple", "1.0")
from gi.repository import SipSimple


def settle(future, value):
    if not future.done():
        future.set_result(value)


async def main(account_id, password, proxy, target, record=None):
    app = SipSimple.Application.new()
    app.get_settings().props.ip_address = "127.0.0.1"
    await app.start(SipSimple.MemoryStorage.new())
    account = SipSimple.Account.new(account_id)
    account.props.password, account.props.outbound_proxy, account.props.register = password, proxy, False
    app.get_account_manager().add(account)
    audio = SipSimple.AudioStream.new()
    audio.props.input = "tone:440"
    audio.props.output = "file:" + record if record else "none"
    session = SipSimple.Session.new(account)
    loop = asyncio.get_running_loop()
    started, over = loop.create_future(), loop.create_future()
    session.connect("ringing", lambda s: print("Ringing!"))
    session.connect("started", lambda s: settle(started, 'Audio session established using "%s" codec at %dHz'
                                                 % (audio.props.codec, audio.props.sample_rate)))
    session.connect("failed", lambda s, o, code, reason, why: settle(over, "Failed to connect: %d %s" % (code, reason)))
    session.connect("ended", lambda s, o, why: settle(over, "Session ended"))
    session.connect_to(target, [audio])
    await asyncio.wait({started, over}, return_when=asyncio.FIRST_COMPLETED)
    if started.done():
        print(started.result())
        await asyncio.sleep(3)
        session.end()
    print(await over)
    await app.stop()


SipSimple.run(main(*sys.argv[1:6]))
