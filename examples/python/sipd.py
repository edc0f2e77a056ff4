#!/usr/bin/python3
"""sipd in Python: a SIP registrar and record-routing proxy, as a route() function.

  sipd.py --listen udp:127.0.0.1:5060 [--domain D] [--auth users-file] [--scripts DIR]

Same behaviour as the C tools/sipd.c. With --scripts DIR, a request for
sip:USER@domain runs incoming(event, server) from DIR/USER.py when it exists.
"""
import argparse, datetime, importlib.util, os, signal, sys
import gi
gi.require_version("SipSimple", "1.0")
from gi.repository import GLib, SipSimple

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument("--listen", "-l", action="append", help="TRANSPORT:ADDRESS[:PORT]")
p.add_argument("--domain", "-d", action="append", default=[])
p.add_argument("--auth", "-a", metavar="FILE", help="user:password lines")
p.add_argument("--scripts", "-s", metavar="DIR")
p.add_argument("--auth-algorithm", action="append")
p.add_argument("--min-expires", type=int, default=60)
p.add_argument("--quiet", "-q", action="store_true")
args = p.parse_args()

users = None
if args.auth:
    with open(args.auth) as f:
        users = dict(l.strip().split(":", 1) for l in f if l.strip() and not l.startswith("#"))
realm = args.domain[0] if args.domain else "sipd"
agent = SipSimple.Agent.new()
agent.set_domains(args.domain)
agent.set_user_agent("sipd.py (libsipsimple)")
if args.auth_algorithm:
    agent.props.digest_algorithms = args.auth_algorithm
for spec in args.listen or ["udp:127.0.0.1:5060", "tcp:127.0.0.1:5060"]:
    agent.listen_spec(spec)
location = SipSimple.MemoryLocation.new()
registrar = SipSimple.Registrar.new(location)
registrar.props.min_expires = args.min_expires
registrar.props.max_expires = 3600


class Server:
    """What a per-user script gets besides the event."""
    def add_targets(self, event):          # the registered contacts of the Request-URI's user
        event.add_bindings(location.lookup(aor(event.get_uri())))
        return len(event.get_targets())


def aor(uri):                              # sip:bob@127.0.0.1 and sip:bob@example.com are one user
    return "%s@%s" % (uri.get_user(), args.domain[0]) if args.domain else uri.get_aor()


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


def run_script(event, user):
    path = args.scripts and os.path.join(args.scripts, user + ".py")
    if not path or "/" in user or not os.path.exists(path):
        return False
    spec = importlib.util.spec_from_file_location("user_" + user, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.incoming(event, Server())
    return True


def route(agent, event):
    method, uri, sender = event.get_method(), event.get_uri(), event.get_from().get_uri()
    # sanity checks
    if event.get_max_forwards() == 0:
        return event.reject(483, "Too Many Hops")
    if event.get_size() > 8192:
        return event.reject(513, "Message Too Large")
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
    if event.is_in_dialog():               # not through our Record-Route: pass it on
        return event.proxy_async(0, SipSimple.ProxyFlags.NONE, None, None)
    if agent.is_local(sender) and not authorized(event, sender.get_user()):
        return
    if not agent.is_local(uri):            # another domain: relay for our own users only
        if users is not None and not event.get_auth_user():
            return event.reject(403, "Relaying Denied")
        return event.proxy_async(0, SipSimple.ProxyFlags.RECORD_ROUTE, None, None)
    if not uri.get_user():
        return event.reject(404, "Not Found")
    if run_script(event, uri.get_user()):
        return
    if Server().add_targets(event) == 0:
        known = users is not None and uri.get_user() in users
        return event.reject(480 if known else 404, None)
    event.proxy_async(0, SipSimple.ProxyFlags.RECORD_ROUTE, None, None)


def log(agent, event):
    if args.quiet:
        return
    f, t, s = event.get_from(), event.get_to(), event.get_status()
    print("%s %s %s from=%s to=%s src=%s:%s:%d -> %s" % (
        datetime.datetime.now().isoformat(" ", "milliseconds"), event.get_method(),
        event.get_uri().to_string() if event.get_uri() else "-",
        f.get_uri().to_string() if f else "-", t.get_uri().to_string() if t else "-",
        SipSimple.transport_to_string(event.get_transport()), event.get_source_address(),
        event.get_source_port(), "%d %s" % (s, event.get_reason()) if s else "forwarded"), flush=True)


def stop(*_):
    print("sipd: stopping", flush=True)
    agent.close()
    loop.quit()


agent.connect("incoming", route)
agent.connect("finished", log)
loop = GLib.MainLoop()
for sig in (signal.SIGINT, signal.SIGTERM):
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, sig, stop)
print("sipd: listening on", " ".join(u.to_string() for u in agent.get_uris()), flush=True)
loop.run()
sys.exit(0)
