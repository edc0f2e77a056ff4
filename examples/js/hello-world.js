#!/usr/bin/gjs
// Hello World: call someone, print what happens, hang up after 3 seconds.
// usage: gjs hello-world.js ACCOUNT PASSWORD PROXY TARGET [RECORD.wav]
// (bindings/js must be on GJS_PATH when running from the source tree)
// SPDX-License-Identifier: LGPL-2.1-or-later
const {GLib} = imports.gi;
const {SipSimple} = imports.sipsimple;

const [accountId, password, proxy, target, record] = ARGV;
const loop = new GLib.MainLoop(null, false);
const sleep = seconds => new Promise(resolve => GLib.timeout_add_seconds(GLib.PRIORITY_DEFAULT, seconds, () => {
    resolve();
    return GLib.SOURCE_REMOVE;
}));

async function main() {
    const app = SipSimple.Application.new();
    app.get_settings().ip_address = '127.0.0.1';
    await app.start(SipSimple.MemoryStorage.new());
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
    const started = new Promise(resolve => session.connect('started', resolve));
    const over = new Promise(resolve => {
        session.connect('failed', (s, originator, code, reason) => resolve(`Failed to connect: ${code} ${reason}`));
        session.connect('ended', () => resolve('Session ended'));
    });
    session.connect_to(target, [audio]);
    if (await Promise.race([started.then(() => true), over.then(() => false)])) {
        print(`Audio session established using "${audio.codec}" codec at ${audio.sample_rate}Hz`);
        await sleep(3);
        session.end();
    }
    print(await over);
    await app.stop();
}

main().catch(e => print(`error: ${e.message}`)).finally(() => loop.quit());
loop.run();
