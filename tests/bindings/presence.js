// GJS: one account publishes its presence, another has it as a buddy and
// sees the change. Run by test_presence_languages.py:
// gjs presence.js PROXY WATCHED WATCHED_PW WATCHER WATCHER_PW
// SPDX-License-Identifier: LGPL-2.1-or-later
const { GLib } = imports.gi;
const { SipSimple } = imports.sipsimple;     // bindings/js, on GJS_PATH

const [proxy, watchedId, watchedPw, watcherId, watcherPw] = ARGV;
const loop = new GLib.MainLoop(null, false);
const app = SipSimple.Application.new();
app.get_settings().ip_address = '127.0.0.1';
app.get_settings().transports = ['udp', 'tcp'];
let status = 1;
const log = (...args) => print(args.join(' '));

function done(code) {
    status = code;
    app.stop().finally(() => loop.quit());
}

GLib.timeout_add_seconds(GLib.PRIORITY_DEFAULT, 20, () => { log('FAIL: timeout'); done(1); return false; });

app.start(SipSimple.MemoryStorage.new()).then(() => {
    const watched = SipSimple.Account.new(watchedId);
    watched.password = watchedPw;
    watched.outbound_proxy = proxy;
    watched.presence_note = 'hello from gjs';
    watched.presence_enabled = true;
    const watcher = SipSimple.Account.new(watcherId);
    watcher.password = watcherPw;
    watcher.outbound_proxy = proxy;
    watcher.presence_enabled = true;
    watcher.add_buddy(watchedId, 'Watched');
    const buddies = watcher.get_buddies();
    const buddy = buddies.get_item(0);
    log('buddies', buddies.get_n_items(), buddy.uri, buddy.display_name);
    let step = 0;
    buddy.connect('notify::status', () => {
        log('buddy update', buddy.uri, SipSimple.presence_status_to_string(buddy.status), buddy.note);
        if (step === 0 && buddy.status === SipSimple.PresenceStatus.ONLINE && buddy.note === 'hello from gjs') {
            step = 1;
            watched.presence_note = 'away from gjs';
            watched.set_presence_status(SipSimple.PresenceStatus.AWAY);
        } else if (step === 1 && buddy.status === SipSimple.PresenceStatus.AWAY) {
            log('activities', buddy.get_activities().join(','));
            done(buddy.note === 'away from gjs' ? 0 : 1);
        }
    });
    app.get_account_manager().add(watched);
    app.get_account_manager().add(watcher);
}).catch(e => { log('FAIL:', e.message); loop.quit(); });
loop.run();
imports.system.exit(status);
