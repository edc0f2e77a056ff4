// Vala: alice opens a session with bob carrying a chat and a file transfer
// (one INVITE); she sends a chat message and the file, bob checks both.
// Run by test_msrp_streams.py: chat-file PROXY ALICE_PW BOB_PW FILE DEST
// SPDX-License-Identifier: LGPL-2.1-or-later
int main (string[] args) {
    var loop = new MainLoop ();
    var app = new SipSimple.Application ();
    app.get_settings ().ip_address = "127.0.0.1";
    app.get_settings ().transports = { "udp", "tcp" };
    int status = 1;
    int registered = 0;
    bool got_message = false, got_file = false, delivered = false;

    SourceFunc done = () => {
        app.stop.begin (null, () => loop.quit ());
        return false;
    };
    Timeout.add_seconds (25, () => {
        print ("FAIL: timeout\n");
        loop.quit ();
        return false;
    });
    SourceFunc check = () => {
        if (got_message && got_file && delivered) {
            print ("all done\n");
            status = 0;
            done ();
        }
        return false;
    };

    app.start.begin (new SipSimple.MemoryStorage (), null, (obj, res) => {
        try {
            app.start.end (res);
        app.get_session_manager ().new_incoming.connect ((manager, session) => {
            var proposed = session.get_proposed_streams ();
            SipSimple.MediaStream[] streams = {};
            foreach (var s in proposed.data) {
                streams += s;
                if (s is SipSimple.ChatStream) {
                    ((SipSimple.ChatStream) s).message_received.connect ((st, id, sender, type, body, when) => {
                        print ("chat received %s %s\n", sender.get_uri ().get_aor (), body);
                        got_message = body == "hello from vala";
                        check ();
                    });
                } else if (s is SipSimple.FileTransferStream) {
                    var ft = (SipSimple.FileTransferStream) s;
                    print ("file offered %s %" + int64.FORMAT + "\n", ft.get_file_selector ().get_name (),
                           ft.get_file_selector ().get_size ());
                    ft.set_destination_path (args[5]);
                    ft.finished.connect (() => {
                        print ("file received\n");
                        got_file = true;
                        check ();
                    });
                }
            }
            try {
                session.accept (streams);
            } catch (Error e) {
                print ("FAIL: accept: %s\n", e.message);
                loop.quit ();
            }
        });
            var alice = new SipSimple.Account ("alice@example.com");
            var bob = new SipSimple.Account ("bob@example.com");
            alice.password = args[2];
            bob.password = args[3];
            alice.outbound_proxy = args[1];
            bob.outbound_proxy = args[1];
            SipSimple.Account[] both = { alice, bob };
            foreach (var account in both) {
                account.registered.connect ((acc, contact, expires) => {
                    if (++registered != 2)
                        return;
                    try {
                        var chat = new SipSimple.ChatStream ();
                        var ft = new SipSimple.FileTransferStream.for_path (args[4], null);
                        chat.message_delivered.connect ((st, id) => {
                            print ("chat delivered\n");
                            delivered = true;
                            check ();
                        });
                        chat.send_message ("text/plain", "hello from vala");
                        var session = new SipSimple.Session (alice);
                        SipSimple.MediaStream[] offer = { chat, ft };
                        session.connect_to ("bob", offer);
                    } catch (Error e) {
                        print ("FAIL: %s\n", e.message);
                        loop.quit ();
                    }
                });
            }
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
