// Vala: one account publishes its presence, another has it as a buddy and
// sees the change. Run by test_presence_languages.py:
// bindings-presence-vala PROXY WATCHED WATCHED_PW WATCHER WATCHER_PW
// SPDX-License-Identifier: LGPL-2.1-or-later
int main (string[] args) {
    var loop = new MainLoop ();
    var app = new SipSimple.Application ();
    app.get_settings ().ip_address = "127.0.0.1";
    int status = 1;
    int step = 0;

    Timeout.add_seconds (20, () => {
        print ("FAIL: timeout\n");
        loop.quit ();
        return false;
    });

    app.start.begin (new SipSimple.MemoryStorage (), null, (obj, res) => {
        try {
            app.start.end (res);
            var watched = new SipSimple.Account (args[2]);
            watched.password = args[3];
            watched.outbound_proxy = args[1];
            watched.presence_note = "hello from vala";
            watched.presence_enabled = true;
            var watcher = new SipSimple.Account (args[4]);
            watcher.password = args[5];
            watcher.outbound_proxy = args[1];
            watcher.presence_enabled = true;
            watcher.add_buddy (args[2], "Watched");
            var buddy = (SipSimple.Buddy) watcher.get_buddies ().get_item (0);
            print ("buddies %u %s %s\n", watcher.get_buddies ().get_n_items (), buddy.uri, buddy.display_name);
            buddy.notify["status"].connect (() => {
                print ("buddy update %s %s %s\n", buddy.uri,
                       buddy.status.to_string (), buddy.note ?? "");
                if (step == 0 && buddy.status == SipSimple.PresenceStatus.ONLINE && buddy.note == "hello from vala") {
                    step = 1;
                    watched.presence_note = "away from vala";
                    watched.set_presence_status (SipSimple.PresenceStatus.AWAY);
                } else if (step == 1 && buddy.status == SipSimple.PresenceStatus.AWAY) {
                    status = buddy.note == "away from vala" ? 0 : 1;
                    app.stop.begin (null, () => loop.quit ());
                }
            });
            app.get_account_manager ().add (watched);
            app.get_account_manager ().add (watcher);
        } catch (Error e) {
            print ("FAIL: %s\n", e.message);
            loop.quit ();
        }
    });
    loop.run ();
    return status;
}
