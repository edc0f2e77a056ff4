// Send one SIP MESSAGE with libsipsimple from Vala.
// usage: send-message ACCOUNT PASSWORD PROXY TO TEXT
// SPDX-License-Identifier: LGPL-2.1-or-later
async int send (string[] args) {
    var app = new SipSimple.Application ();
    app.get_settings ().ip_address = "127.0.0.1";
    int status = 1;
    try {
        yield app.start (new SipSimple.MemoryStorage ());
    } catch (Error e) {
        printerr ("could not start: %s\n", e.message);
        return status;
    }
    try {
        var account = new SipSimple.Account (args[1]);
        account.password = args[2];
        account.outbound_proxy = args[3];
        account.register = false;   // sending needs no registration
        app.get_account_manager ().add (account);
        yield account.send_text (args[4], args[5]);
        print ("delivered\n");
        status = 0;
    } catch (Error e) {
        print ("failed: %s\n", e.message);  // a SipSimple.SipError's code is the SIP status, e.g. 404
    }
    try {
        yield app.stop ();
    } catch (Error e) {
        printerr ("could not stop: %s\n", e.message);
    }
    return status;
}

int main (string[] args) {
    if (args.length != 6) {
        stderr.printf ("usage: %s ACCOUNT PASSWORD PROXY TO TEXT\n", args[0]);
        return 2;
    }
    var loop = new MainLoop ();
    int status = 1;
    send.begin (args, (obj, res) => {
        status = send.end (res);
        loop.quit ();
    });
    loop.run ();
    return status;
}
