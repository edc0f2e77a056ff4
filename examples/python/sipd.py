#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""sipd.py: a SIP registrar, record-routing proxy and presence server as a SER-style route(), the
Python twin of tools/sipd. With --scripts DIR, calls to sip:USER@domain run DIR/USER.py."""
import argparse, datetime, os, runpy, signal, sys
import gi
gi.require_version("SipSimple", "1.0")
from gi.repository import GLib, SipSimple

p = argparse.ArgumentParser(description=__doc__)
p.add_argument("--listen", "-l", action="append", help="TRANSPORT:ADDRESS[:PORT], repeatable")
p.add_argument("--domain", "-d", action="append", default=[], help="served domain, repeatable (default: the addresses listened on and the host name)")
p.add_argument("--auth", "-a", metavar="FILE", help="digest auth, FILE has user:password lines")
p.add_argument("--scripts", "-s", metavar="DIR", help="per-user scripts DIR/USER.py")
p.add_argument("--location", metavar="URI", default="memory",
               help="where the bindings live: memory (default), redis://HOST[:PORT][/DB] or postgresql://..., shared by instances")
p.add_argument("--max-aors", type=int, default=200000, metavar="N",
               help="with --location memory: users registered at most, then 503 (default 200000, 0: no limit)")
p.add_argument("--auth-algorithm", action="append", help="SHA-256 and/or MD5 (default both)")
p.add_argument("--tls-certificate"), p.add_argument("--tls-key")
p.add_argument("--min-expires", type=int, default=60, metavar="S", help="shortest registration accepted (default 60)")
p.add_argument("--max-expires", type=int, default=3600, metavar="S", help="longest registration granted (default 3600)")
p.add_argument("--max-transactions", type=int, metavar="N",
               help="overload control: server transactions kept at most, then 503 (default 16000, 0: no limit)")
p.add_argument("--no-stateless-answers", dest="stateless_answers", action="store_false",
               help="a server transaction for every request, also those answered at once")
p.add_argument("--retry-after", type=int, metavar="S", help="Retry-After of the overload 503s (default 5)")
p.add_argument("--max-connections", type=int, metavar="N",
               help="TCP/TLS connections accepted at most, then new ones refused (default 2048, 0: no limit)")
p.add_argument("--tcp-idle-timeout", type=int, metavar="S",
               help="close TCP/TLS connections idle this long unless a registration lives behind them (default 120)")
p.add_argument("--tcp-message-timeout", type=int, metavar="S",
               help="give up a message arriving over TCP/TLS that stalls this long (default 10)")
p.add_argument("--quiet", "-q", action="store_true", help="no log line per request")
p.add_argument("--config", metavar="FILE",
               help="read options from FILE first ([sipd] group, a key per long option); the command line wins")


def config_args(argv):                     # a --config file's options, as command-line arguments
    path = next((argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "--config"), None) or \
        next((a.split("=", 1)[1] for a in argv if a.startswith("--config=")), None)
    if path is None:
        return []
    kf = GLib.KeyFile()
    try:
        kf.load_from_file(path, GLib.KeyFileFlags.NONE)
        keys = kf.get_keys("sipd")[0]
    except GLib.Error as e:
        p.error("--config %s: %s" % (path, e.message))
    out = []
    for key in keys:
        action = next((a for a in p._actions if "--" + key in a.option_strings), None)
        if action is None or key == "config":
            p.error("--config %s: %s is not an option of sipd" % (path, key))
        if action.nargs == 0:              # a flag: true or false
            if kf.get_boolean("sipd", key):
                out.append("--" + key)
        else:
            out += ["--%s=%s" % (key, v) for v in kf.get_string_list("sipd", key)]
    return out


args = p.parse_args(config_args(sys.argv[1:]) + sys.argv[1:])

users = dict(l.strip().split(":", 1) for l in open(args.auth)
             if l.strip() and not l.startswith("#")) if args.auth else None  # user:password lines
realm = args.domain[0] if args.domain else "sipd"
agent = SipSimple.Agent(domains=args.domain, user_agent="sipd.py (libsipsimple)", digest_algorithms=args.auth_algorithm,
                        tls_certificate_file=args.tls_certificate, tls_private_key_file=args.tls_key)
agent.props.stateless_answers = args.stateless_answers
if args.max_transactions is not None:
    agent.props.max_transactions = args.max_transactions
if args.retry_after is not None:
    agent.props.retry_after = args.retry_after
if args.max_connections is not None:
    agent.props.max_connections = args.max_connections
if args.tcp_idle_timeout is not None:
    agent.props.tcp_idle_timeout = args.tcp_idle_timeout
if args.tcp_message_timeout is not None:
    agent.props.tcp_message_timeout = args.tcp_message_timeout
for spec in args.listen or ["udp:127.0.0.1:5060", "tcp:127.0.0.1:5060"]:
    agent.listen_spec(spec)
if not args.domain:                        # serve our own addresses and host name, as Kamailio does
    args.domain = agent.get_addresses() + [GLib.get_host_name()]
    args.domain = list(dict.fromkeys(args.domain))
    agent.props.domains = args.domain
    print("sipd: no --domain given: serving", " ".join(args.domain), flush=True)
if args.location == "memory":
    location = SipSimple.MemoryLocation.new()
    location.props.max_aors = args.max_aors   # an open registrar's memory stays bounded
elif args.location.startswith("redis://"):   # several instances may share it (a farm)
    location = SipSimple.RedisLocation.new(args.location)
    print("sipd: bindings in Redis at", args.location, flush=True)
elif args.location.startswith(("postgresql://", "postgres://")):   # the same, in PostgreSQL
    location = SipSimple.PostgresLocation.new(args.location)
    print("sipd: bindings in PostgreSQL", flush=True)   # not the URI: it may hold a password
else:
    p.error("--location: expected memory, redis://HOST[:PORT][/DB] or postgresql://[USER[:PASSWORD]@]HOST[:PORT]/DBNAME")
registrar = SipSimple.Registrar(location=location, min_expires=args.min_expires, max_expires=args.max_expires)
presence = SipSimple.PresenceServer.new(agent)   # PUBLISH store, NOTIFY of the watchers


def aor(uri):                              # sip:bob@127.0.0.1 and sip:bob@example.com are one user
    return "%s@%s" % (uri.get_user(), args.domain[0]) if args.domain else uri.get_aor()


class Server:                              # what a per-user script gets besides the event
    def __init__(self, bindings):
        self.bindings = bindings           # the Request-URI user's bindings, looked up already

    def add_targets(self, event):          # the Request-URI user's registered contacts
        event.add_bindings(self.bindings)
        return len(event.get_targets())


def authorized(event, user):               # digest check; answers and returns False if refused
    if users is None:
        return True
    result = event.authenticate(realm, lambda name, realm: users.get(name))
    if result == SipSimple.AuthResult.OK and event.get_auth_user() == user:
        return True
    if result in (SipSimple.AuthResult.OK, SipSimple.AuthResult.FAILED):
        event.reject(403, "Forbidden")
    else:
        event.challenge(realm)
    return False


def run_script(event, user, server):
    path = args.scripts and os.path.join(args.scripts, user + ".py")
    if not path or "/" in user or not os.path.exists(path):
        return False
    runpy.run_path(path)["incoming"](event, server)
    return True


def looked_up(location, result, event):    # the location may be a database: this comes later
    try:
        server = Server(location.lookup_finish(result))
    except GLib.Error as e:
        print("sipd: location lookup failed:", e.message, flush=True)
        server = None
    if event.is_answered():                # the agent closed meanwhile
        return
    if server is None:
        return event.reject_unavailable("Location Service Unavailable")
    user = event.get_uri().get_user()
    if event.get_method() == "INVITE" and run_script(event, user, server):
        return
    if server.add_targets(event) == 0:
        return event.reject(480 if users and user in users else 404, None)
    event.proxy_async(0, SipSimple.ProxyFlags.RECORD_ROUTE, None, None)


def route(agent, event):
    method, uri, sender = event.get_method(), event.get_uri(), event.get_from().get_uri()
    # sanity checks
    if event.get_max_forwards() == 0:
        return event.reject(483, "Too Many Hops")
    if event.get_size() > 8192:
        return event.reject(513, "Message Too Large")
    if uri is None:                        # a scheme we cannot route (tel:, im:, ...)
        return event.reject(416, None)
    # this is used by sipsak to monitor the health of the server
    if method == "OPTIONS" and sender.get_user() == "sipsak" and not uri.get_user():
        return event.accept()
    if method == "REGISTER":
        to = event.get_to().get_uri()
        if not agent.is_local(to) or not to.get_user():
            return event.reject(403, "Domain Not Served")
        if authorized(event, to.get_user()):
            registrar.handle_async(event, aor(to), None, None)
        return
    if method == "CANCEL":
        return event.reject(481, None)
    if method in ("PUBLISH", "SUBSCRIBE") and agent.is_local(uri):   # presence of local users
        if not event.is_in_dialog():       # a refresh is known by its dialog
            if users is not None and not agent.is_local(sender):
                return event.reject(403, "Presence For Local Users Only")
            if not authorized(event, sender.get_user()):
                return
            if method == "PUBLISH" and users is not None and uri.get_user() != event.get_auth_user():
                return event.reject(403, "Publish For Yourself Only")
            if users is not None and uri.get_user() not in users:
                return event.reject(404, "Unknown Presentity")
        return presence.handle(event, aor(uri) if uri.get_user() else None)
    # in-dialog requests through our Record-Route are relayed by the agent; any other with a To
    # tag is a new request (a tag is no credential), and such an ACK is dropped
    if method == "ACK":
        return
    if agent.is_local(sender) and not authorized(event, sender.get_user()):
        return
    if not agent.is_local(uri):            # another domain: relay for our own users only
        if users is not None and not event.get_auth_user():
            return event.reject(403, "Relaying Denied")
        return event.proxy_async(0, SipSimple.ProxyFlags.RECORD_ROUTE, None, None)
    if not uri.get_user():
        return event.reject(404, "Not Found")
    event.pause()                          # answered once the lookup is back
    location.lookup_async(aor(uri), None, looked_up, event)


def log(agent, event):                     # one line per request
    text = lambda x: (x.get_uri() if hasattr(x, "get_uri") else x).to_string() if x else "-"
    address = event.get_source_address()
    address = "[%s]" % address if ":" in address else address   # as --listen takes it
    print(datetime.datetime.now().isoformat(" ", "milliseconds"), event.get_method(),
          text(event.get_uri()), "from=" + text(event.get_from()), "to=" + text(event.get_to()),
          "src=%s:%s:%d ->" % (SipSimple.transport_to_string(event.get_transport()),
                               address, event.get_source_port()),
          "%d %s" % (event.get_status(), event.get_reason()) if event.get_status() else "forwarded",
          flush=True)


def stop(*_):
    print("sipd: stopping", flush=True)
    agent.close()
    loop.quit()


agent.connect("incoming", route)
if not args.quiet:
    agent.connect("finished", log)
loop = GLib.MainLoop()
for sig in (signal.SIGINT, signal.SIGTERM):
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, sig, stop)
print("sipd: listening on", " ".join(u.to_string() for u in agent.get_uris()), flush=True)
loop.run()
