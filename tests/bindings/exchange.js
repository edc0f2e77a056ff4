// GJS: alice and bob register with a real server and exchange a MESSAGE,
// awaiting the SDK through bindings/js/sipsimple.js (on GJS_PATH).
// Run by test_languages.py: gjs exchange.js PROXY CA_FILE ALICE_PW BOB_PW
// SPDX-License-Identifier: LGPL-2.1-or-later
const {GLib, Gio} = imports.gi;
const {SipSimple} = imports.sipsimple;

const [proxy, caFile, alicePw, bobPw] = ARGV;
const loop = new GLib.MainLoop(null, false);
const log = (...args) => print(args.join(' '));
let status = 1;

// resolves with the arguments of obj's next signal `name`
function nextSignal(obj, name) {
    return new Promise(resolve => {
        const id = obj.connect(name, (...args) => {
            obj.disconnect(id);
            resolve(args);
        });
    });
}

function timeout(seconds) {
    return new Promise((resolve, reject) => GLib.timeout_add_seconds(GLib.PRIORITY_DEFAULT, seconds, () => {
        reject(new Error('timeout'));
        return GLib.SOURCE_REMOVE;
    }));
}

async function main(app) {
    const manager = app.get_account_manager();
    const alice = SipSimple.Account.new('alice@example.com');
    const bob = SipSimple.Account.new('bob@example.com');
    alice.password = alicePw;
    bob.password = bobPw;
    alice.outbound_proxy = proxy;
    bob.outbound_proxy = proxy;
    for (const account of [alice, bob])
        account.connect('registration-failed', (acc, code, reason) => log('FAIL:', acc.id, code, reason));
    const registered = Promise.all([nextSignal(alice, 'registered'), nextSignal(bob, 'registered')]);
    manager.add(alice);
    manager.add(bob);
    if (manager.get_n_items() !== 2)
        throw new Error('the account manager is a list model of 2 accounts');
    for (const [account, contact, expires] of await registered)
        log('registered', account.id, contact, expires);

    const received = nextSignal(bob, 'message-received');
    log('sent', await alice.send_text('bob', 'hello from gjs'));
    const [, message] = await received;
    const from = message.get_from().get_uri().get_aor();
    log('received', from, message.get_text());

    // a failure rejects with the GLib.Error (its code is the SIP status)
    try {
        await alice.send_text_async('nobody@example.com', 'lost');
        log('FAIL: no error for nobody');
        return 1;
    } catch (e) {
        log('rejected', e.code, e.matches(SipSimple.sip_error_quark(), SipSimple.SipError.NOT_FOUND));
    }
    // cancelling through the cancellable rejects with CANCELLED
    const cancellable = new Gio.Cancellable();
    const pending = alice.send_text('bob', 'never', cancellable);
    cancellable.cancel();
    try {
        await pending;
        log('FAIL: not cancelled');
        return 1;
    } catch (e) {
        log('cancelled', e.matches(Gio.IOErrorEnum, Gio.IOErrorEnum.CANCELLED));
    }
    return from === 'alice@example.com' && message.get_text() === 'hello from gjs' ? 0 : 1;
}

const app = SipSimple.Application.new();
app.get_settings().ip_address = '127.0.0.1';
app.get_settings().tls_ca_file = caFile;
(async () => {
    await app.start(SipSimple.MemoryStorage.new());
    try {
        status = await Promise.race([main(app), timeout(20)]);
    } finally {
        await app.stop();
    }
})().catch(e => log('FAIL:', e.message)).finally(() => loop.quit());
loop.run();
imports.system.exit(status);
