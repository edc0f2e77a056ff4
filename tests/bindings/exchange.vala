// Vala: alice and bob register with a real server and exchange a MESSAGE,
// with yield (async methods are named without _async: bindings/vala).
// Run by test_languages.py: exchange PROXY CA_FILE ALICE_PW BOB_PW
// SPDX-License-Identifier: LGPL-2.1-or-later

// resumes the caller once both accounts have registered
async void registered (SipSimple.Account alice, SipSimple.Account bob) {
    int count = 0;
    SourceFunc resume = registered.callback;
    SipSimple.Account[] both = { alice, bob };
    ulong[] ids = {};
    foreach (var account in both) {
        ids += account.registered.connect ((acc, contact, expires) => {
            print ("registered %s %s %u\n", acc.id, contact, expires);
            if (++count == 2)
                Idle.add ((owned) resume);
        });
    }
    yield;
    for (int i = 0; i < both.length; i++)
        both[i].disconnect (ids[i]);
}

async int exchange (SipSimple.Application app, string[] args) throws Error {
    var alice = new SipSimple.Account ("alice@example.com");
    var bob = new SipSimple.Account ("bob@example.com");
    alice.password = args[3];
    bob.password = args[4];
    alice.outbound_proxy = args[1];
    bob.outbound_proxy = args[1];
    SipSimple.Message? received = null;
    bob.message_received.connect ((acc, message) => {
        received = message;
        print ("received %s %s\n", message.get_from ().get_uri ().get_aor (), message.get_text ());
    });
    app.get_account_manager ().add (alice);
    app.get_account_manager ().add (bob);
    yield registered (alice, bob);

    var sent = yield alice.send_text ("bob@example.com", "hello from vala");
    print ("sent %s\n", sent.to_string ());
    try {
        yield alice.send_text ("nobody@example.com", "lost");
        print ("FAIL: no error for nobody\n");
        return 1;
    } catch (Error e) {
        print ("rejected %d %s\n", e.code, (e is SipSimple.SipError.NOT_FOUND).to_string ());
    }
    while (received == null) {
        Timeout.add (50, exchange.callback);
        yield;
    }
    return received.get_from ().get_uri ().get_aor () == "alice@example.com"
        && received.get_text () == "hello from vala" ? 0 : 1;
}

async int run (string[] args) {
    var app = new SipSimple.Application ();
    var settings = app.get_settings ();
    settings.ip_address = "127.0.0.1";
    settings.tls_ca_file = args[2];
    int status = 1;
    try {
        yield app.start (new SipSimple.MemoryStorage ());
        status = yield exchange (app, args);
    } catch (Error e) {
        print ("FAIL: %s\n", e.message);
    }
    try {
        yield app.stop ();
    } catch (Error e) {
        print ("FAIL: stop: %s\n", e.message);
    }
    return status;
}

int main (string[] args) {
    var loop = new MainLoop ();
    int status = 1;
    Timeout.add_seconds (20, () => {
        print ("FAIL: timeout\n");
        loop.quit ();
        return false;
    });
    run.begin (args, (obj, res) => {
        status = run.end (res);
        loop.quit ();
    });
    loop.run ();
    return status;
}
