// GJS: alice and bob register with a real server and exchange a MESSAGE.
// Run by test_gjs.py: gjs exchange.js PROXY CA_FILE ALICE_PW BOB_PW
// SPDX-License-Identifier: LGPL-2.1-or-later
imports.gi.versions.SipSimple = '1.0';
const { GLib, SipSimple } = imports.gi;

const [proxy, caFile, alicePw, bobPw] = ARGV;
const loop = new GLib.MainLoop(null, false);
const app = SipSimple.Application.new();
const settings = app.get_settings();
settings.ip_address = '127.0.0.1';
settings.tls_ca_file = caFile;
let status = 1;
const log = (...args) => print(args.join(' '));

function fail(why) {
    log('FAIL:', why);
    app.stop_async(null, () => loop.quit());
}

GLib.timeout_add_seconds(GLib.PRIORITY_DEFAULT, 20, () => { fail('timeout'); return false; });

app.start_async(SipSimple.MemoryStorage.new(), null, (a, res) => {
    app.start_finish(res);
    const manager = app.get_account_manager();
    const alice = SipSimple.Account.new('alice@example.com');
    const bob = SipSimple.Account.new('bob@example.com');
    alice.password = alicePw;
    bob.password = bobPw;
    alice.outbound_proxy = proxy;
    bob.outbound_proxy = proxy;
    let registered = 0;
    const onRegistered = (account, contact, expires) => {
        log('registered', account.id, contact, expires);
        if (++registered === 2)
            alice.send_text_async('bob', 'hello from gjs', null, (acc, r) => {
                try {
                    acc.send_text_finish(r);
                    log('sent');
                } catch (e) {
                    fail(`send: ${e.message}`);
                }
            });
    };
    alice.connect('registered', onRegistered);
    bob.connect('registered', onRegistered);
    alice.connect('registration-failed', (acc, code, reason) => fail(`${code} ${reason}`));
    bob.connect('registration-failed', (acc, code, reason) => fail(`${code} ${reason}`));
    bob.connect('message-received', (acc, message) => {
        const from = message.get_from().get_uri().get_aor();
        log('received', from, message.get_text());
        if (from === 'alice@example.com' && message.get_text() === 'hello from gjs')
            status = 0;
        app.stop_async(null, () => loop.quit());
    });
    manager.add(alice);
    manager.add(bob);
    if (manager.get_n_items() !== 2)
        fail('the account manager is a list model of 2 accounts');
});
loop.run();
imports.system.exit(status);
