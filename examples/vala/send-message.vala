// Send one SIP MESSAGE with libsipsimple from Vala.
// usage: send-message ACCOUNT PASSWORD PROXY TO TEXT
// SPDX-License-Identifier: LGPL-2.1-or-later
int main (string[] args) {
    if (args.length != 6) {
        stderr.printf ("usage: %s ACCOUNT PASSWORD PROXY TO TEXT\n", args[0]);
        return 2;
    }
    var loop = new MainLoop ();
    var app = new SipSimple.Application ();
    app.get_settings ().ip_address = "127.0.0.1";
    int status = 1;

    app.start_async.begin (new SipSimple.MemoryStorage (), null, (obj, res) => {
        try {
            app.start_async.end (res);
            var account = new SipSimple.Account (args[1]);
            account.password = args[2];
            account.outbound_proxy = args[3];
            account.register = false;   // sending needs no registration
            app.get_account_manager ().add (account);
            account.send_text_async.begin (args[4], args[5], null, (o, r) => {
                try {
                    account.send_text_async.end (r);
                    print ("delivered\n");
                    status = 0;
                } catch (Error e) {
                    print ("failed: %s\n", e.message);
                }
                app.stop_async.begin (null, () => loop.quit ());
            });
        } catch (Error e) {
            printerr ("could not start: %s\n", e.message);
            loop.quit ();
        }
    });
    loop.run ();
    return status;
}
