// Vala: what bindings/vala/SipSimple-1.0.metadata fixes. Arrays come back
// with owned elements (they fit the parameters that take arrays, and an
// element added from Vala is reffed once, unreffed once by the array);
// async methods are awaited by their short names with the cancellable left
// out. Run by test_vala.py; prints what it saw, "done" at the end.
// SPDX-License-Identifier: LGPL-2.1-or-later

async void run () throws Error {
    // Location: add and update are yielded under their short names; the
    // interface's lookup keeps _async (MemoryLocation.lookup is synchronous)
    var location = new SipSimple.MemoryLocation ();
    var binding = new SipSimple.Binding (new SipSimple.Uri.parse ("sip:alice@192.0.2.1:5060"));
    binding.set_expires (3600);
    yield location.add ("alice@example.com", binding);
    var bindings = location.lookup ("alice@example.com");
    bindings.add (new SipSimple.Binding (new SipSimple.Uri.parse ("sip:alice@192.0.2.2:5060")));
    var stored = yield location.update ("alice@example.com", bindings, true);
    print ("stored %u\n", stored.length);
    var found = yield location.lookup_async ("alice@example.com");
    SipSimple.Binding first = found[0];
    found = null;
    print ("found %s\n", first.get_contact ().to_string ());

    // Headers.get_name_addrs: an element outlives its array
    var headers = new SipSimple.Headers.parse ("m: <sip:a@192.0.2.1>, <sip:a@192.0.2.2>;q=0.5\r\n\r\n");
    var contacts = headers.get_name_addrs ("m");
    contacts.add (new SipSimple.NameAddr.parse ("<sip:a@192.0.2.3>"));
    SipSimple.NameAddr last = contacts[2];
    SipSimple.NameAddr second = contacts[1];
    contacts = null;
    print ("contacts %s %s\n", second.to_string (), last.to_string ());

    // Lookup: a numeric host resolves without DNS
    var lookup = new SipSimple.Lookup ();
    var routes = yield lookup.resolve_uri (new SipSimple.Uri.parse ("sip:bob@127.0.0.2:5070;transport=tcp"), null);
    print ("route %s\n", routes[0].to_string ());
    var hosts = yield lookup.resolve_host ("127.0.0.1");
    print ("host %s\n", hosts[0]);

    // a cancelled call throws IOError.CANCELLED
    var cancellable = new Cancellable ();
    cancellable.cancel ();
    try {
        yield lookup.resolve_host ("example.invalid", cancellable);
        print ("FAIL: not cancelled\n");
    } catch (IOError.CANCELLED e) {
        print ("cancelled\n");
    }
}

int main () {
    var loop = new MainLoop ();
    int status = 1;
    run.begin ((obj, res) => {
        try {
            run.end (res);
            print ("done\n");
            status = 0;
        } catch (Error e) {
            print ("FAIL: %s\n", e.message);
        }
        loop.quit ();
    });
    loop.run ();
    return status;
}
