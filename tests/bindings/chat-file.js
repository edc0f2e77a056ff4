// GJS: alice opens a session with bob carrying a chat and a file transfer
// (one INVITE, two MSRP lines); she sends a chat message and the file, bob
// checks both. Run by test_msrp_streams.py:
//   gjs chat-file.js PROXY ALICE_PW BOB_PW FILE DEST
// SPDX-License-Identifier: LGPL-2.1-or-later
const { GLib } = imports.gi;
const { SipSimple } = imports.sipsimple;     // bindings/js, on GJS_PATH

const [proxy, alicePw, bobPw, file, dest] = ARGV;
const loop = new GLib.MainLoop(null, false);
const app = SipSimple.Application.new();
app.get_settings().ip_address = '127.0.0.1';
app.get_settings().transports = ['udp', 'tcp'];
let status = 1;
let gotMessage = false, gotFile = false, delivered = false;
const log = (...args) => print(args.join(' '));

function stop(code) {
    status = code;
    app.stop().finally(() => loop.quit());
}

function check() {
    if (gotMessage && gotFile && delivered) {
        log('all done');
        stop(0);
    }
}

GLib.timeout_add_seconds(GLib.PRIORITY_DEFAULT, 25, () => { log('FAIL: timeout'); stop(1); return false; });

app.start(SipSimple.MemoryStorage.new()).then(() => {
    const manager = app.get_account_manager();
    const alice = SipSimple.Account.new('alice@example.com');
    const bob = SipSimple.Account.new('bob@example.com');
    alice.password = alicePw;
    bob.password = bobPw;
    alice.outbound_proxy = proxy;
    bob.outbound_proxy = proxy;

    app.get_session_manager().connect('new-incoming', (m, session) => {
        const streams = session.get_proposed_streams();
        for (const s of streams) {
            if (s instanceof SipSimple.ChatStream) {
                s.connect('message-received', (st, id, sender, type, body, when) => {
                    log('chat received', sender.get_uri().get_aor(), body);
                    gotMessage = body === 'hello from gjs';
                    check();
                });
            } else if (s instanceof SipSimple.FileTransferStream) {
                const sel = s.get_file_selector();
                log('file offered', sel.get_name(), sel.get_size());
                s.set_destination_path(dest);
                s.connect('finished', () => { log('file received'); gotFile = true; check(); });
                s.connect('failed', (st, e) => { log('FAIL: file', e.message); stop(1); });
            }
        }
        session.accept(streams);
    });

    let registered = 0;
    const onRegistered = () => {
        if (++registered !== 2)
            return;
        const chat = SipSimple.ChatStream.new();
        const ft = SipSimple.FileTransferStream.new_for_path(file, null);
        chat.connect('message-delivered', () => { log('chat delivered'); delivered = true; check(); });
        chat.send_message('text/plain', 'hello from gjs');
        const session = SipSimple.Session.new(alice);
        session.connect('failed', (s, o, code, reason, why) => { log('FAIL: session', code, why); stop(1); });
        session.connect_to('bob', [chat, ft]);
    };
    alice.connect('registered', onRegistered);
    bob.connect('registered', onRegistered);
    manager.add(alice);
    manager.add(bob);
}).catch(e => { log('FAIL:', e.message); loop.quit(); });
loop.run();
imports.system.exit(status);
