#!/usr/bin/gjs
// Hello World: call someone, print what happens, hang up after 3 seconds.
// usage: gjs hello-world.js ACCOUNT PASSWORD PROXY TARGET [RECORD.wav]
// SPDX-License-Identifier: LGPL-2.1-or-later
imports.gi.versions.SipSimple = '1.0';
const { GLib, SipSimple } = imports.gi;

const [accountId, password, proxy, target, record] = ARGV;
const loop = new GLib.MainLoop(null, false);
const app = SipSimple.Application.new();
app.get_settings().ip_address = '127.0.0.1';

app.connect('started', () => {
    const account = SipSimple.Account.new(accountId);
    account.password = password;
    account.outbound_proxy = proxy;
    account.register = false;
    app.get_account_manager().add(account);
    const audio = SipSimple.AudioStream.new();
    audio.input = 'tone:440';
    audio.output = record ? `file:${record}` : 'none';
    const session = SipSimple.Session.new(account);
    session.connect('ringing', () => print('Ringing!'));
    session.connect('started', () => {
        print(`Audio session established using "${audio.codec}" codec at ${audio.sample_rate}Hz`);
        GLib.timeout_add_seconds(GLib.PRIORITY_DEFAULT, 3, () => { session.end(); return false; });
    });
    session.connect('failed', (s, originator, code, reason) => {
        print(`Failed to connect: ${code} ${reason}`);
        app.stop_async(null, null);
    });
    session.connect('ended', () => {
        print('Session ended');
        app.stop_async(null, null);
    });
    session.connect_to(target, [audio]);
});
app.connect('stopped', () => loop.quit());
app.start_async(SipSimple.MemoryStorage.new(), null, null);
loop.run();
