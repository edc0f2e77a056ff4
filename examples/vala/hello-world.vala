// Hello World: call someone, print what happens, hang up after 3 seconds.
// usage: hello-world ACCOUNT PASSWORD PROXY TARGET [RECORD.wav]
// SPDX-License-Identifier: LGPL-2.1-or-later
int main (string[] args) {
    var loop = new MainLoop ();
    var app = new SipSimple.Application ();
    app.get_settings ().ip_address = "127.0.0.1";
    SipSimple.Session? session = null;

    app.started.connect (() => {
        try {
            var account = new SipSimple.Account (args[1]);
            account.password = args[2];
            account.outbound_proxy = args[3];
            account.register = false;
            app.get_account_manager ().add (account);
            var audio = new SipSimple.AudioStream ();
            audio.input = "tone:440";
            audio.output = args.length > 5 ? "file:" + args[5] : "none";
            session = new SipSimple.Session (account);
            session.ringing.connect (() => print ("Ringing!\n"));
            session.started.connect (() => {
                print ("Audio session established using \"%s\" codec at %uHz\n", audio.codec, audio.sample_rate);
                Timeout.add_seconds (3, () => { session.end (); return false; });
            });
            session.failed.connect ((s, originator, code, reason, why) => {
                print ("Failed to connect: %u %s\n", code, reason);
                app.stop.begin ();
            });
            session.ended.connect (() => {
                print ("Session ended\n");
                app.stop.begin ();
            });
            session.connect_to (args[4], { audio });
        } catch (Error e) {
            printerr ("%s\n", e.message);
            loop.quit ();
        }
    });
    app.stopped.connect (() => loop.quit ());
    app.start.begin (new SipSimple.MemoryStorage ());
    loop.run ();
    return 0;
}
