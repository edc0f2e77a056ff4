#!/usr/bin/gjs
// Send one SIP MESSAGE with libsipsimple from JavaScript (GJS), with await.
// usage: gjs send-message.js ACCOUNT PASSWORD PROXY TO TEXT
// (bindings/js must be on GJS_PATH when running from the source tree)
// SPDX-License-Identifier: LGPL-2.1-or-later
const {GLib} = imports.gi;
const {SipSimple} = imports.sipsimple;

const [accountId, password, proxy, to, text] = ARGV;
const loop = new GLib.MainLoop(null, false);
let status = 1;

async function main() {
    const app = SipSimple.Application.new();
    app.get_settings().ip_address = '127.0.0.1';
    await app.start(SipSimple.MemoryStorage.new());
    try {
        const account = SipSimple.Account.new(accountId);
        account.password = password;
        account.outbound_proxy = proxy;
        account.register = false;          // sending needs no registration
        app.get_account_manager().add(account);
        await account.send_text(to, text);
        print('delivered');
        status = 0;
    } catch (e) {
        print(`failed: ${e.message}`);     // e.code is the SIP status, e.g. 404
    } finally {
        await app.stop();
    }
}

main().catch(e => print(`failed: ${e.message}`)).finally(() => loop.quit());
loop.run();
imports.system.exit(status);
