// Vala: alice and bob register with a real server and exchange a MESSAGE.
// Run by test_vala.py: exchange PROXY CA_FILE ALICE_PW BOB_PW
// SPDX-License-Identifier: LGPL-2.1-or-later
int main (string[] args) {
    var loop = new MainLoop ();
    var app = new SipSimple.Application ();
    var settings = app.get_settings ();
    settings.ip_address = "127.0.0.1";
    settings.tls_ca_file = args[2];
    int status = 1;
    int registered = 0;

    Timeout.add_seconds (20, () => {
        print ("FAIL: timeout\n");
        loop.quit ();
        return false;
    });

    app.start_async.begin (new SipSimple.MemoryStorage (), null, (obj, res) => {
        try {
            app.start_async.end (res);
            var alice = new SipSimple.Account ("alice@example.com");
            var bob = new SipSimple.Account ("bob@example.com");
            alice.password = args[3];
            bob.password = args[4];
            alice.outbound_proxy = args[1];
            bob.outbound_proxy = args[1];
            SipSimple.Account[] both = { alice, bob };
            foreach (var account in both) {
                account.registered.connect ((acc, contact, expires) => {
                    print ("registered %s %s %u\n", acc.id, contact, expires);
                    if (++registered == 2) {
                        alice.send_text_async.begin ("bob@example.com", "hello from vala", null, (o, r) => {
                            try {
                                alice.send_text_async.end (r);
                                print ("sent\n");
                            } catch (Error e) {
                                print ("FAIL: send: %s\n", e.message);
                                loop.quit ();
                            }
                        });
                    }
                });
                account.registration_failed.connect ((acc, code, reason, retry) => {
                    print ("FAIL: %u %s\n", code, reason);
                    loop.quit ();
                });
            }
            bob.message_received.connect ((acc, message) => {
                var from = message.get_from ().get_uri ().get_aor ();
                print ("received %s %s\n", from, message.get_text ());
                if (from == "alice@example.com" && message.get_text () == "hello from vala")
                    status = 0;
                app.stop_async.begin (null, () => loop.quit ());
            });
            app.get_account_manager ().add (alice);
            app.get_account_manager ().add (bob);
        } catch (Error e) {
            print ("FAIL: %s\n", e.message);
            loop.quit ();
        }
    });
    loop.run ();
    return status;
}
