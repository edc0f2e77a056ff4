#!/usr/bin/gjs
// Send one SIP MESSAGE with libsipsimple from JavaScript (GJS).
// usage: gjs send-message.js ACCOUNT PASSWORD PROXY TO TEXT
// SPDX-License-Identifier: LGPL-2.1-or-later
imports.gi.versions.SipSimple = '1.0';
const { GLib, SipSimple } = imports.gi;

const [accountId, password, proxy, to, text] = ARGV;
const loop = new GLib.MainLoop(null, false);
const app = SipSimple.Application.new();
app.get_settings().ip_address = '127.0.0.1';
let status = 1;

app.start_async(SipSimple.MemoryStorage.new(), null, (app_, result) => {
    app.start_finish(result);
    const account = SipSimple.Account.new(accountId);
    account.password = password;
    account.outbound_proxy = proxy;
    account.register = false;          // sending needs no registration
    app.get_account_manager().add(account);
    account.send_text_async(to, text, null, (acc, res) => {
        try {
            acc.send_text_finish(res);
            print('delivered');
            status = 0;
        } catch (e) {
            print(`failed: ${e.message}`);
        }
        app.stop_async(null, () => loop.quit());
    });
});
loop.run();
imports.system.exit(status);
