# SPDX-License-Identifier: LGPL-2.1-or-later
"""Kamailio as a registrar/proxy peer for integration tests.

    with Kamailio(users={"alice": "pw1", "bob": "pw2"},
                  transports=("udp", "tcp", "tls")) as k:
        k.proxy_uri("tcp")        # "sip:127.0.0.1:PORT;transport=tcp"
        k.ca_file                 # CA that signed its TLS certificate
        ...
        k.registered_contacts("alice")

The generated configuration (see _config()) does, in this order:

* extra_route (test hook), Max-Forwards check, CANCEL and in-dialog
  requests (loose routing; in-dialog requests without Route are relayed
  to their Request-URI; ACKs are absorbed by/relayed through tm);
* OPTIONS without a user part to the server itself -> 200 (health check);
* Request-URI host (and the To host of a REGISTER) must be the served
  domain (any port) or 127.0.0.1/localhost/[::1] without port or with one
  of Kamailio's own ports; otherwise 403 "Domain not served";
* REGISTER: digest authentication against `users` (realm = domain); no or
  stale credentials -> 401 with a fresh challenge (stale=true when the nonce
  expired); a wrong password, an unknown user or an auth user other than
  the To user -> 403 "Forbidden" (with forbid_wrong_password=False: a new
  401 instead, as Kamailio's default configuration does); then save() in
  the in-memory location table (423 if expires < min_expires);
* other out-of-dialog requests whose From host is local (as above) are
  challenged with 407 (challenge_messages; same failure rules, auth user
  must be the From user); requests from other domains are not;
* record_route(), then: no user part -> 404, user not in `users` -> 404,
  no registered contact -> 480, else lookup("location") (forking to every
  contact) and stateful t_relay().

Contacts are relayed to over the connection/source address the REGISTER
came from (use_received, like NAT traversal; needed for TCP/TLS clients
that cannot accept connections), not to the Contact URI's address.

With presence=True Kamailio is also a presence server (modules presence,
presence_xml, presence_mwi, pua, rls on db_text tables in its temporary
directory) and an XCAP server (xhttp + xcap_server, digest-authenticated
with the same users, each user reaching only the documents under their own
XUI) on its own HTTP port, `xcap_root` (http://127.0.0.1:PORT/xcap-root):

* PUBLISH and SUBSCRIBE (also in-dialog refreshes) are handled by the
  presence server after the usual 407 challenge of local users; requests
  Kamailio sends to itself (RLS back-end subscriptions) are not
  challenged; NOTIFYs to the RLS (sip:rls@...) go to rls_handle_notify();
* SUBSCRIBE with `Supported: eventlist` goes to the RLS first (lists come
  from the users' rls-services documents); anything else to presence;
* presence_auth=False (default) authorizes every watcher (force_active);
  True makes pres-rules documents decide, pending without one; a PUT of
  pres-rules updates the watchers at once, one of resource-lists or
  rls-services the RLS subscriptions;
* events: presence, presence.winfo, message-summary (presence_mwi);
  rls_waitn_time (default 1 s) is how long the RLS batches changes.
With msrp_relay=True the same instance is also an MSRP relay (RFC 4976,
Kamailio's msrp module) on its TCP and TLS ports: AUTH is challenged with
digest against `users` (realm = domain), the connection is remembered by
msrp_cmap_save() and the 200 carries Use-Path
msrp(s)://127.0.0.1:PORT/SESSION;tcp; SEND and REPORT are relayed along
To-Path (200 from the relay itself, then to the next hop or to the
connection that authenticated the session; 481 for unknown sessions).
k.msrp_relay_uri("tcp") gives the relay URI for clients.

Faults: k.kill() crashes the instance (SIGKILL to all its processes; the
location table, in memory, is gone) and k.start_again() starts it again
with the same configuration on the same ports.
"""

import atexit
import ctypes
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import weakref

from . import certs as _certs
from . import ports as _ports
from .sipclient import SipClient, SipTimeout, parse_params, sip_options, uri_host

__all__ = ["Kamailio", "KamailioError", "SUPPORTED_AUTH_ALGORITHMS"]

KAMAILIO = os.environ.get("SIPSIMPLETEST_KAMAILIO", "kamailio")
MODULES_DIR = os.environ.get("SIPSIMPLETEST_KAMAILIO_MODULES",
                             "/usr/lib/x86_64-linux-gnu/kamailio/modules")

# Kamailio 5.6's auth module: modparam("auth", "algorithm", "MD5"|"SHA-256").
# One algorithm per instance: the challenge carries exactly one
# WWW-/Proxy-Authenticate with that algorithm.
SUPPORTED_AUTH_ALGORITHMS = ("MD5", "SHA-256")

TRANSPORTS = ("udp", "tcp", "tls")


class KamailioError(RuntimeError):
    pass


def _proc_addr(hexaddr):
    """'0100007F:1F90' (from /proc/net/*) -> ('127.0.0.1', 8080)."""
    h, p = hexaddr.split(":")
    raw = bytes.fromhex(h)
    if len(raw) == 4:
        host = socket.inet_ntop(socket.AF_INET, raw[::-1])
    else:
        raw = b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))
        host = socket.inet_ntop(socket.AF_INET6, raw)
    return (host, int(p, 16))


_running = weakref.WeakSet()
_running_lock = threading.Lock()


def _stop_all():
    for k in list(_running):
        try:
            k.stop()
        except Exception:   # noqa: BLE001 - best effort at exit
            pass


atexit.register(_stop_all)

try:
    _libc = ctypes.CDLL(None, use_errno=True)
except OSError:
    _libc = None


def _die_with_parent():
    # Runs in the child between fork and exec: if the test process dies
    # (even by SIGKILL or a meson timeout), Kamailio gets SIGTERM.
    if _libc is not None:
        _libc.prctl(1, signal.SIGTERM)   # PR_SET_PDEATHSIG


def _cfg_str(s):
    """A Kamailio config double-quoted string literal."""
    s = str(s)
    if any(ord(c) < 32 for c in s):
        raise ValueError("control characters are not allowed in %r" % s)
    return '"%s"' % s.replace("\\", "\\\\").replace('"', '\\"')


_CHALLENGE = r"""    if (!is_method("PRACK")) {
        $var(h) = $fd;
        $var(p) = $(fu{uri.port});
        route(IS_LOCAL);
        if ($var(local) == 1) {
            route(AUTH);
            consume_credentials();
        }
    }"""

_PRESENCE_HOOK = r"""    if (is_method("PUBLISH|SUBSCRIBE") || (is_method("NOTIFY") && $rU == "rls" && has_totag())) {
        route(PRESENCE);
        exit;
    }
"""

_PRESENCE_ROUTES = r"""
route[PRESENCE] {
    if (!t_newtran()) {
        sl_reply_error();
        exit;
    }
    if (is_method("NOTIFY")) {
        rls_handle_notify();
        t_release();
        exit;
    }
    # back-end subscriptions of the RLS come from Kamailio itself
    $var(self) = 0;
    if ($si == "127.0.0.1" && (%(self_ports)s)) {
        $var(self) = 1;
    }
    if (!has_totag() && $var(self) == 0) {
        $var(h) = $fd;
        $var(p) = $(fu{uri.port});
        route(IS_LOCAL);
        if ($var(local) == 1) {
            route(AUTH);
            consume_credentials();
        }
    }
    if (is_method("PUBLISH")) {
        xlog("L_INFO", "SIPSIMPLETEST publish $ru event=$hdr(Event) from=$fu\n");
        handle_publish();
        t_release();
        exit;
    }
    xlog("L_INFO", "SIPSIMPLETEST subscribe $ru event=$hdr(Event) from=$fu expires=$hdr(Expires) supported=$hdr(Supported)\n");
    if ($hdr(Event) == "presence") {
        $var(rc) = rls_handle_subscribe();
        if ($var(rc) == 10) {
            handle_subscribe();
        }
    } else {
        handle_subscribe();
    }
    t_release();
    exit;
}

event_route[xhttp:request] {
    set_reply_close();
    set_reply_no_connect();
    if ($au != $null && $sht(users=>$au) != $null) {
        $var(pw) = $sht(users=>$au);
    } else {
        $var(pw) = %(unknown_pw)s;
    }
    if (!pv_www_authenticate(%(realm)s, "$var(pw)", "0", "$rm")) {
        www_challenge(%(realm)s, "0");
        exit;
    }
    if (!($hu =~ "^/xcap-root/")) {
        xhttp_reply("404", "Not Found", "text/plain", "not an XCAP URI\n");
        exit;
    }
    $xcapuri(u=>data) = $hu;
    if ($xcapuri(u=>xuid) =~ "^sip:.+@.+") {
        $var(uri) = $xcapuri(u=>xuid);
    } else {
        $var(uri) = "sip:" + $xcapuri(u=>xuid) + "@" + %(domain)s;
    }
    if ($var(uri) != "sip:" + $au + "@" + %(domain)s) {
        xlog("L_INFO", "SIPSIMPLETEST xcap-forbidden $rm $hu au=$au\n");
        xhttp_reply("403", "Forbidden", "text/plain", "not your document\n");
        exit;
    }
    xlog("L_INFO", "SIPSIMPLETEST xcap $rm $hu\n");
    switch ($rm) {
        case "PUT":
            xcaps_put("$var(uri)", "$hu", "$rb");
            if ($xcapuri(u=>auid) =~ "pres-rules") {
                pres_update_watchers("$var(uri)", "presence");
                pres_refresh_watchers("$var(uri)", "presence", 1);
            } else if ($xcapuri(u=>auid) =~ "resource-lists" || $xcapuri(u=>auid) =~ "rls-services") {
                rls_update_subs("$var(uri)", "presence");
            }
            exit;
        case "GET":
            xcaps_get("$var(uri)", "$hu");
            exit;
        case "DELETE":
            xcaps_del("$var(uri)", "$hu");
            if ($xcapuri(u=>auid) =~ "pres-rules") {
                pres_update_watchers("$var(uri)", "presence");
                pres_refresh_watchers("$var(uri)", "presence", 1);
            } else if ($xcapuri(u=>auid) =~ "resource-lists" || $xcapuri(u=>auid) =~ "rls-services") {
                rls_update_subs("$var(uri)", "presence");
            }
            exit;
    }
    xhttp_reply("405", "Method Not Allowed", "text/plain", "GET, PUT, DELETE\n");
    exit;
}
"""

# db_text tables the presence modules use (Debian ships their schemas)
_DBTEXT_SCHEMAS = os.environ.get("SIPSIMPLETEST_DBTEXT_SCHEMAS", "/usr/share/kamailio/dbtext/kamailio")
_PRESENCE_TABLES = ("version", "presentity", "active_watchers", "watchers", "xcap", "pua",
                    "rls_presentity", "rls_watchers")

# $siz: the source address, IPv6 in brackets
_RECEIVED = r"""    if ($pr == "udp") {
        $avp(rcv) = "sip:" + $siz + ":" + $sp;
    } else {
        $avp(rcv) = "sip:" + $siz + ":" + $sp + ";transport=" + $pr;
    }"""

# MSRP relay (RFC 4976) with the msrp module: every MSRP frame arriving on
# a TCP/TLS port runs this event route instead of request_route.
_MSRP_ROUTE = r"""
event_route[msrp:frame-in] {
    msrp_reply_flags("1");
    if (msrp_is_reply()) {
        msrp_relay();
        exit;
    }
    if ($msrp(method) == "AUTH") {
        if ($msrp(nexthops) > 0) {
            msrp_relay();
            exit;
        }
        if ($au != $null && $sht(users=>$au) != $null) {
            $var(pw) = $sht(users=>$au);
        } else {
            $var(pw) = %(unknown_pw)s;
        }
        if (!pv_www_authenticate(%(realm)s, "$var(pw)", "0", "$msrp(method)")) {
            xlog("L_INFO", "SIPSIMPLETEST msrp-auth-challenge au=$au\n");
            if (auth_get_www_authenticate(%(realm)s, "1", "$var(wauth)")) {
                msrp_reply("401", "Unauthorized", "$var(wauth)");
            } else {
                msrp_reply("500", "Server Error");
            }
            exit;
        }
        xlog("L_INFO", "SIPSIMPLETEST msrp-auth-ok au=$au\n");
        msrp_cmap_save();
        exit;
    }
    if ($msrp(method) == "SEND" || $msrp(method) == "REPORT") {
        if ($msrp(nexthops) > 1) {
            if ($msrp(method) != "REPORT") {
                msrp_reply("200", "OK");
            }
            msrp_relay();
            exit;
        }
        if (msrp_cmap_lookup()) {
            if ($msrp(method) != "REPORT") {
                msrp_reply("200", "OK");
            }
            msrp_relay_flags("1");
            msrp_relay();
        } else {
            xlog("L_INFO", "SIPSIMPLETEST msrp-no-session $msrp(sessid)\n");
            msrp_reply("481", "Session-does-not-exist");
        }
        exit;
    }
    msrp_reply("501", "Request-method-not-understood");
}
"""


class Kamailio:
    """A Kamailio 5.6 registrar/proxy on 127.0.0.1 (see the module doc).

    users: {user: password}. domain: served domain and digest realm.
    transports: subset of ("udp", "tcp", "tls"). auth_algorithm: "MD5" or
    "SHA-256". min_expires/max_expires: registrar limits (0: none; a
    REGISTER below min_expires gets 423 with Min-Expires). challenge_messages:
    407 for out-of-dialog non-REGISTER requests from local users.
    record_route: add Record-Route. extra_route: config text placed at the
    top of request_route. qop: challenge with qop="auth" (else no qop).
    forbid_wrong_password: 403 (True) or a new challenge (False) after
    wrong credentials. use_received: relay to where a REGISTER came from.
    nonce_expire: seconds. extra_modparams: [(module, name, value)], e.g.
    ("tm", "fr_timer", 5000). certs: a certs.Certs for TLS (default: one
    shared per process). debug: Kamailio log level (2 = info, 3 = debug).
    presence: also a presence, RLS and XCAP server (see the module doc);
    presence_auth: pres-rules decide (else every watcher is authorized);
    rls_waitn_time: seconds the RLS batches NOTIFYs.
    msrp_relay: also act as an MSRP relay (see the module doc; needs tcp or
    tls in transports).
    address: where it listens, "127.0.0.1" (default) or "::1" (URIs then
    carry "[::1]").
    """

    address = "127.0.0.1"

    def __init__(self, users=None, domain="example.com", transports=("udp", "tcp"),
                 auth_algorithm="MD5", min_expires=0, max_expires=0,
                 challenge_messages=True, record_route=True, extra_route="",
                 qop=True, forbid_wrong_password=True, use_received=True,
                 nonce_expire=300, extra_modparams=(), certs=None, debug=2,
                 startup_timeout=15.0, keep_dir=None, presence=False, presence_auth=False,
                 rls_waitn_time=1, msrp_relay=False, address=None):
        if address:
            self.address = address
        self.users = dict(users or {})
        for u in self.users:
            if not u or re.search(r'[\s"\\<>@:;]', u):
                raise ValueError("bad user name %r" % u)
        self.domain = domain
        transports = tuple(t.lower() for t in transports)
        bad = set(transports) - set(TRANSPORTS)
        if bad or not transports:
            raise ValueError("transports must be a non-empty subset of %r" % (TRANSPORTS,))
        self.transports = tuple(t for t in TRANSPORTS if t in transports)
        alg = (auth_algorithm or "MD5").upper()
        if alg not in SUPPORTED_AUTH_ALGORITHMS:
            raise ValueError("auth_algorithm must be one of %r" % (SUPPORTED_AUTH_ALGORITHMS,))
        self.auth_algorithm = alg
        self.min_expires, self.max_expires = int(min_expires or 0), int(max_expires or 0)
        self.challenge_messages = challenge_messages
        self.record_route = record_route
        self.extra_route = extra_route or ""
        self.qop = qop
        self.forbid_wrong_password = forbid_wrong_password
        self.use_received = use_received
        self.nonce_expire = int(nonce_expire)
        self.extra_modparams = list(extra_modparams)
        self.presence = bool(presence)
        self.presence_auth = bool(presence_auth)
        self.rls_waitn_time = int(rls_waitn_time)
        self.xcap_port = None
        if self.presence and "udp" not in self.transports:
            raise ValueError("presence needs the udp transport (back-end subscriptions use it)")
        self._certs = certs
        self.debug = int(debug)
        self.startup_timeout = startup_timeout
        self.msrp_relay = bool(msrp_relay)
        if self.msrp_relay and not ({"tcp", "tls"} & set(self.transports)):
            raise ValueError("msrp_relay needs tcp or tls in transports")
        self.keep_dir = (keep_dir if keep_dir is not None
                         else bool(os.environ.get("SIPSIMPLETEST_KEEP_TMP")))
        self.dir = None
        self.proc = None
        self.udp_port = self.tcp_port = self.tls_port = None
        self._log_file = None
        self._lock = threading.RLock()

    # properties ----------------------------------------------------------------
    @property
    def certs(self):
        if self._certs is None and "tls" in self.transports:
            self._certs = _certs.shared_certs()
        return self._certs

    @property
    def ca_file(self):
        c = self.certs
        return c.ca if c else None

    @property
    def config_path(self):
        return os.path.join(self.dir, "kamailio.cfg") if self.dir else None

    @property
    def log_path(self):
        return os.path.join(self.dir, "kamailio.log") if self.dir else None

    @property
    def pid(self):
        return self.proc.pid if self.proc else None

    @property
    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def port(self, transport="udp"):
        p = {"udp": self.udp_port, "tcp": self.tcp_port, "tls": self.tls_port}[transport.lower()]
        if p is None:
            raise KamailioError("Kamailio does not listen on %s (transports=%r, started=%r)"
                                % (transport, self.transports, self.running))
        return p

    def server_address(self, transport="udp"):
        """(host, port) to send to over transport."""
        return (self.address, self.port(transport))

    def proxy_uri(self, transport="udp", sips=False):
        """"sip:127.0.0.1:PORT;transport=T" (or "sips:127.0.0.1:PORT" for
        TLS with sips=True), usable as outbound proxy or registrar URI."""
        transport = transport.lower()
        if sips:
            if transport != "tls":
                raise ValueError("sips URIs need tls")
            return "sips:%s:%d" % (uri_host(self.address), self.port("tls"))
        return "sip:%s:%d;transport=%s" % (uri_host(self.address), self.port(transport), transport)

    @property
    def xcap_root(self):
        """"http://127.0.0.1:PORT/xcap-root" (presence=True only)."""
        if not self.xcap_port:
            raise KamailioError("Kamailio runs no XCAP server (presence=%r, started=%r)"
                                % (self.presence, self.running))
        return "http://%s:%d/xcap-root" % (uri_host(self.address), self.xcap_port)

    @property
    def db_dir(self):
        return os.path.join(self.dir, "db") if self.dir else None
    def msrp_relay_uri(self, transport="tcp"):
        """"msrp://127.0.0.1:PORT;tcp" (or msrps:// over "tls"): the MSRP
        relay of an instance started with msrp_relay=True."""
        if not self.msrp_relay:
            raise KamailioError("this Kamailio is not an MSRP relay (msrp_relay=False)")
        transport = transport.lower()
        scheme = "msrps" if transport == "tls" else "msrp"
        return "%s://%s:%d;tcp" % (scheme, uri_host(self.address), self.port(transport))

    def aor(self, user):
        return "sip:%s@%s" % (user, self.domain)

    def client(self, user, transport="udp", password=None, **kw):
        """A sipclient.SipClient for user, connected to this Kamailio over
        transport, with the user's password and (for TLS) the CA."""
        if password is None:
            password = self.users.get(user)
        if transport == "tls":
            kw.setdefault("ca_file", self.ca_file)
        return SipClient(transport, self.server_address(transport), user=user,
                         password=password, domain=self.domain, **kw)

    # configuration -------------------------------------------------------------------
    def _config(self):
        D = _cfg_str
        own_ports = [str(p) for p in (self.udp_port, self.tcp_port, self.tls_port) if p]
        g = []
        w = g.append
        w("#!KAMAILIO")
        w("# generated by sipsimpletest.kamailio for one test run")
        w("debug=%d" % self.debug)
        w("log_stderror=yes")
        w("fork=yes")
        w("children=2")
        # one TCP/TLS worker for an MSRP relay: Kamailio 5.6 with OpenSSL 3
        # breaks TLS records now and then (the reader sees a "protocol
        # level error") when the worker of one connection writes the
        # relayed frames into another worker's TLS connection
        w("tcp_children=%d" % (1 if self.msrp_relay and "tls" in self.transports else 2))
        w("auto_aliases=no")
        w("dns=no")
        w("rev_dns=no")
        w("dns_try_ipv6=no")
        w("dns_try_naptr=no")
        w("use_dns_cache=no")
        w("mhomed=0")
        w("disable_sctp=yes")
        w("disable_tcp=%s" % ("no" if ("tcp" in self.transports or "tls" in self.transports
                                        or self.presence) else "yes"))
        w("enable_tls=%s" % ("yes" if "tls" in self.transports else "no"))
        w("tcp_connection_lifetime=3605")
        w("tcp_accept_no_cl=yes")
        w("server_header=\"Server: sipsimpletest-kamailio\"")
        w("user_agent_header=\"User-Agent: sipsimpletest-kamailio\"")
        for t in self.transports:
            w("listen=%s:%s:%d" % (t, uri_host(self.address), self.port(t)))
        if self.presence:
            w("listen=tcp:%s:%d" % (uri_host(self.address), self.xcap_port))
        w("mpath=%s" % D(MODULES_DIR))
        w("")
        mods = ["tm", "tmx", "sl", "rr", "pv", "maxfwd", "usrloc", "registrar", "textops",
                "siputils", "xlog", "auth", "htable"]
        if "tls" in self.transports:
            mods.insert(0, "tls")
        if self.presence:
            mods += ["db_text", "presence", "presence_xml", "presence_mwi", "pua", "rls",
                     "xhttp", "xcap_server"]
        if self.msrp_relay:
            mods.append("msrp")
        for m in mods:
            w("loadmodule \"%s.so\"" % m)
        w("")
        mp = lambda mod, name, val: w("modparam(%s, %s, %s)" % (
            D(mod), D(name), str(val) if isinstance(val, int) else D(val)))
        if "tls" in self.transports:
            c = self.certs
            mp("tls", "certificate", c.cert)
            mp("tls", "private_key", c.key)
            mp("tls", "ca_list", c.ca)
            mp("tls", "tls_method", "TLSv1.2+")
            mp("tls", "verify_certificate", 0)
            mp("tls", "require_certificate", 0)
            if self.msrp_relay:
                # the relay queues a burst of chunks for a TLS peer in clear
                # text first; the default 64 KiB per connection drops the
                # connection ("ct write buffer full") under a 100 KiB burst
                mp("tls", "con_ct_wq_max", 4 * 1024 * 1024)
                mp("tls", "ct_wq_max", 16 * 1024 * 1024)
        mp("usrloc", "db_mode", 0)
        mp("usrloc", "use_domain", 0)
        mp("usrloc", "timer_interval", 5)
        mp("registrar", "min_expires", self.min_expires)
        mp("registrar", "min_expires_mode", 1)
        mp("registrar", "max_expires", self.max_expires)
        mp("registrar", "default_expires", 3600)
        if self.use_received:
            mp("registrar", "received_avp", "$avp(rcv)")
        mp("rr", "append_fromtag", 1)
        mp("auth", "algorithm", self.auth_algorithm)
        mp("auth", "nonce_expire", self.nonce_expire)
        mp("auth", "secret", uuid.uuid4().hex)
        mp("htable", "htable", "users=>size=4;")
        if self.presence:
            db = "text://" + self.db_dir
            udp = "sip:%s:%d" % (uri_host(self.address), self.udp_port)
            mp("db_text", "db_mode", 0)
            mp("presence", "db_url", db)
            mp("presence", "subs_db_mode", 1)
            mp("presence", "publ_cache", 2)
            mp("presence", "server_address", udp)
            mp("presence", "clean_period", 5)
            mp("presence", "timer_mode", 0)
            mp("presence_xml", "db_url", db)
            mp("presence_xml", "force_active", 0 if self.presence_auth else 1)
            mp("presence_xml", "integrated_xcap_server", 1)
            mp("pua", "db_url", db)
            mp("pua", "db_mode", 0)
            mp("rls", "db_url", db)
            mp("rls", "db_mode", 0)
            mp("rls", "server_address", "sip:rls@%s:%d" % (uri_host(self.address), self.udp_port))
            mp("rls", "outbound_proxy", udp)
            mp("rls", "to_presence_code", 10)
            mp("rls", "integrated_xcap_server", 1)
            mp("rls", "waitn_time", self.rls_waitn_time)
            mp("rls", "clean_period", 5)
            mp("xcap_server", "db_url", db)
            mp("xcap_server", "xcap_root", "/xcap-root/")
            mp("xcap_server", "buf_size", 32768)
        if self.msrp_relay:
            mp("msrp", "cmap_size", 8)
            # host:port of the Use-Path URIs (the module adds scheme and session)
            mp("msrp", "use_path_addr", "%s:%d" % (uri_host(self.address), self.port(
                "tcp" if "tcp" in self.transports else "tls")))
        for mod, name, val in self.extra_modparams:
            mp(mod, name, val)
        w("")
        # users are put into the htable at start (values not parsed for $)
        w("event_route[htable:mod-init] {")
        for u, pw in sorted(self.users.items()):
            w("    $var(k) = %s;" % D(u))
            w("    $sht(users=>$var(k)) = %s;" % D(pw))
        w("}")
        w("")
        chal = 1 if self.qop else 0
        realm = D(self.domain)
        local_hosts = " || ".join("$var(hl) == %s" % D(h) for h in ("127.0.0.1", "localhost", "[::1]"))
        own = " || ".join(["$var(p) == \"\"", "$var(p) == \"0\""] +
                          ["$var(p) == %s" % D(p) for p in own_ports])
        unknown_pw = D("!" + uuid.uuid4().hex)
        deny = ('sl_send_reply("403", "Forbidden"); exit;' if self.forbid_wrong_password
                else 'auth_challenge(%s, "%d"); exit;' % (realm, chal))
        body = r"""
request_route {
    # ---- extra_route (test hook) ----
%(extra)s
    # ---- end of extra_route ----

    if (!mf_process_maxfwd_header("10")) {
        sl_send_reply("483", "Too Many Hops");
        exit;
    }

    if (is_method("CANCEL")) {
        if (t_check_trans()) {
            t_relay();
        }
        exit;
    }

%(presence_hook)s
    if (has_totag()) {
        route(WITHINDLG);
        exit;
    }

    if (is_method("ACK")) {
        if (t_check_trans()) {
            t_relay();
        }
        exit;
    }

    # retransmissions of requests being handled
    if (t_precheck_trans()) {
        t_check_trans();
        exit;
    }
    t_check_trans();

    $var(h) = $rd;
    $var(p) = $(ru{uri.port});
    route(IS_LOCAL);
    $var(rlocal) = $var(local);

    if (is_method("OPTIONS") && $var(rlocal) == 1 && $rU == $null) {
        route(HARNESS_QUERY);
        append_to_reply("Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, MESSAGE, REGISTER, SUBSCRIBE, NOTIFY, REFER, INFO, UPDATE, PRACK, PUBLISH\r\n");
        sl_send_reply("200", "OK");
        exit;
    }

    if (is_method("REGISTER")) {
        $var(h) = $td;
        $var(p) = $(tu{uri.port});
        route(IS_LOCAL);
        if ($var(local) == 0) {
            $var(rlocal) = 0;
        }
    }
    if ($var(rlocal) == 0) {
        xlog("L_INFO", "SIPSIMPLETEST domain-not-served $rm $ru to=$tu\n");
        sl_send_reply("403", "Domain not served");
        exit;
    }

    if (is_method("REGISTER")) {
        route(AUTH);
        route(REGISTRAR);
        exit;
    }

%(challenge)s
%(record_route)s

    if ($rU == $null) {
        sl_send_reply("404", "Not Found");
        exit;
    }
    if ($sht(users=>$rU) == $null) {
        xlog("L_INFO", "SIPSIMPLETEST unknown-user $rm $ru\n");
        sl_send_reply("404", "Not Found");
        exit;
    }
    lookup("location");
    $var(rc) = $rc;
    if ($var(rc) < 0) {
        xlog("L_INFO", "SIPSIMPLETEST lookup-failed $rm $ru rc=$var(rc)\n");
        if ($var(rc) == -1) {
            sl_send_reply("480", "Temporarily Unavailable");
        } else if ($var(rc) == -2) {
            sl_send_reply("405", "Method Not Allowed");
        } else {
            sl_send_reply("500", "Server Internal Error");
        }
        exit;
    }
    route(RELAY);
    exit;
}

route[RELAY] {
    xlog("L_INFO", "SIPSIMPLETEST relay $rm $ru du=$du\n");
    if (!t_relay()) {
        sl_reply_error();
    }
    exit;
}

route[WITHINDLG] {
    if (loose_route()) {
        route(RELAY);
    }
    if (is_method("ACK")) {
        if (t_check_trans()) {
            t_relay();
        }
        exit;
    }
    $var(h) = $rd;
    $var(p) = $(ru{uri.port});
    route(IS_LOCAL);
    if ($var(local) == 0) {
        # no Route: relay to the Request-URI (a UA using us as outbound proxy)
        route(RELAY);
    }
    sl_send_reply("404", "Not here");
    exit;
}

# $var(h)/$var(p): host/port of a URI -> $var(local) = 1 if it is us
route[IS_LOCAL] {
    $var(local) = 0;
    $var(hl) = $(var(h){s.tolower});
    if ($var(hl) == %(domain_lc)s) {
        $var(local) = 1;
    } else if (%(local_hosts)s) {
        if (%(own_ports)s) {
            $var(local) = 1;
        }
    }
}

route[AUTH] {
    if ($au != $null && $sht(users=>$au) != $null) {
        $var(pw) = $sht(users=>$au);
    } else {
        $var(pw) = %(unknown_pw)s;
    }
    if (pv_auth_check(%(realm)s, "$var(pw)", "0", "1")) {
        return;
    }
    $var(arc) = $rc;
    xlog("L_INFO", "SIPSIMPLETEST auth-failed $rm from=$fu to=$tu au=$au rc=$var(arc)\n");
    if ($var(arc) == -2 || $var(arc) == -3 || $var(arc) == -8) {
        %(deny)s
    }
    if ($var(arc) == -4) {
        auth_challenge(%(realm)s, "%(chal_stale)d");
        exit;
    }
    auth_challenge(%(realm)s, "%(chal)d");
    exit;
}

route[REGISTRAR] {
%(use_received)s
    if (!save("location")) {
        # save() has sent the error reply itself (e.g. 423 with Min-Expires)
        xlog("L_INFO", "SIPSIMPLETEST save-failed $tu rc=$rc\n");
        exit;
    }
    xlog("L_INFO", "SIPSIMPLETEST registered user=$tU contact=$ct expires=$hdr(Expires) via=$pr:$si:$sp\n");
    exit;
}

# OPTIONS sip:127.0.0.1 with "X-SipSimpleTest-Contacts: USER": list USER's
# contacts in X-Contact headers of the 200 (used by registered_contacts())
route[HARNESS_QUERY] {
    if (!is_present_hf("X-SipSimpleTest-Contacts")) {
        return;
    }
    $var(aor) = "sip:" + $hdr(X-SipSimpleTest-Contacts) + "@" + %(domain)s;
    append_to_reply("X-SipSimpleTest-Time: $Ts\r\n");
    if (reg_fetch_contacts("location", "$var(aor)", "q")) {
        $var(i) = 0;
        while ($var(i) < $(ulc(q=>count))) {
            append_to_reply("X-Contact: <$(ulc(q=>addr)[$var(i)])>;expires=$(ulc(q=>expires)[$var(i)]);received=\"$(ulc(q=>received)[$var(i)])\";q=$(ulc(q=>q)[$var(i)])\r\n");
            $var(i) = $var(i) + 1;
        }
        reg_free_contacts("q");
    }
}
%(presence_routes)s
""" % {
            "extra": self.extra_route,
            "presence_hook": _PRESENCE_HOOK if self.presence else "",
            "presence_routes": (_PRESENCE_ROUTES % {
                "realm": realm, "domain": D(self.domain), "unknown_pw": unknown_pw,
                "udp_port": self.udp_port,
                "self_ports": " || ".join("$sp == %d" % p for p in
                                          (self.udp_port, self.tcp_port) if p),
            }) if self.presence else "",
            "challenge": _CHALLENGE if self.challenge_messages else "    # challenge_messages=False",
            "record_route": "    record_route();" if self.record_route else "    # record_route=False",
            "use_received": _RECEIVED if self.use_received else "    # use_received=False",
            "domain_lc": D(self.domain.lower()),
            "domain": D(self.domain),
            "local_hosts": local_hosts,
            "own_ports": own,
            "realm": realm,
            "unknown_pw": unknown_pw,
            "deny": deny,
            "chal": chal,
            "chal_stale": chal | 16,
        }
        if self.msrp_relay:
            body += _MSRP_ROUTE % {"realm": realm, "unknown_pw": unknown_pw}
        return "\n".join(g) + "\n" + body

    # life cycle -------------------------------------------------------------------------
    def start(self):
        """Write the config, start Kamailio, wait until it answers OPTIONS
        on every transport. Retries with new ports if one was taken."""
        with self._lock:
            if self.running:
                return self
            if self.dir is None:
                self.dir = tempfile.mkdtemp(prefix="sipsimpletest-kamailio-")
            last = None
            for attempt in range(3):
                self._pick_ports()
                try:
                    self._start_once()
                    return self
                except KamailioError as e:
                    last = e
                    log = self.log()
                    self._kill()
                    self._release_ports()
                    if not re.search(r"(?i)address already in use|bind\(.*failed|cannot bind", log):
                        break
            self._cleanup_dir()
            raise last

    def _pick_ports(self):
        for t in self.transports:
            # a port free for both UDP and TCP, so that either can be added
            setattr(self, "%s_port" % t, _ports.free_port("both", self.address))
        if self.presence:
            self.xcap_port = _ports.free_port("tcp", self.address)

    def _release_ports(self):
        for t in TRANSPORTS:
            p = getattr(self, "%s_port" % t)
            if p:
                _ports.release_port(p)
        if self.xcap_port:
            _ports.release_port(self.xcap_port)

    def _make_db(self):
        os.makedirs(self.db_dir, exist_ok=True)
        for table in _PRESENCE_TABLES:
            src = os.path.join(_DBTEXT_SCHEMAS, table)
            dst = os.path.join(self.db_dir, table)
            if not os.path.exists(src):
                raise KamailioError("db_text schema %s is missing (package kamailio)" % src)
            shutil.copyfile(src, dst)

    def _start_once(self, wait=True):
        if self.presence:
            self._make_db()
        with open(self.config_path, "w") as f:
            f.write(self._config())
        args = [KAMAILIO, "-f", self.config_path, "-DD", "-E", "-a", "no",
                "-w", self.dir, "-Y", self.dir, "-P", os.path.join(self.dir, "kamailio.pid"),
                "-m", "64", "-M", "8"]
        self._log_file = open(self.log_path, "ab")
        self._log_file.write(("=== %s\n" % " ".join(args)).encode())
        self._log_file.flush()
        self.proc = subprocess.Popen(args, cwd=self.dir, stdin=subprocess.DEVNULL,
                                     stdout=self._log_file, stderr=subprocess.STDOUT,
                                     start_new_session=True, preexec_fn=_die_with_parent)
        with _running_lock:
            _running.add(self)
        if wait:
            self.wait_ready()

    def wait_ready(self, timeout=None):
        """Wait until the started Kamailio answers OPTIONS on every
        transport (timeout: startup_timeout). Blocking, and without
        starting anything: a test may run it in a thread while its main
        loop goes on (a process started from a thread would get the
        parent-death signal when that thread ends)."""
        deadline = time.monotonic() + (self.startup_timeout if timeout is None else timeout)
        pending = list(self.transports)
        while pending:
            if self.proc.poll() is not None:
                raise KamailioError("kamailio exited with %s during start-up:\n%s"
                                    % (self.proc.returncode, self.log_tail()))
            t = pending[0]
            try:
                r = sip_options(self.address, self.port(t), t, ca_file=self.ca_file, timeout=0.5)
                if r.code == 200:
                    pending.pop(0)
                    continue
            except (OSError, SipTimeout):
                pass
            if time.monotonic() > deadline:
                raise KamailioError("kamailio did not answer OPTIONS over %s within %ss:\n%s"
                                    % (t, self.startup_timeout, self.log_tail()))
            time.sleep(0.1)

    def stop(self, timeout=5.0):
        """SIGTERM, then SIGKILL after timeout; removes the temp dir (unless
        keep_dir or $SIPSIMPLETEST_KEEP_TMP). Safe to call twice."""
        with self._lock:
            self._kill(timeout)
            self._release_ports()
            self._cleanup_dir()

    def kill(self, sig=signal.SIGKILL):
        """A crash: signal every Kamailio process at once (SIGKILL: no
        clean-up, the kernel closes its connections). Ports, configuration
        and directory stay, so start_again() brings it back where it was.
        Its location table (in memory) dies with it."""
        with self._lock:
            if self.proc is None:
                return
            if self.proc.poll() is None:
                self._kill_group(self.proc.pid, sig)
                try:
                    self.proc.wait(5)
                except subprocess.TimeoutExpired:
                    pass
            self._kill()

    def start_again(self, timeout=15.0, wait=True):
        """Start a killed instance again on the same ports (retrying while a
        port is still held by the old processes' sockets). wait=False:
        return once the process runs; wait_ready() then waits for it."""
        with self._lock:
            if self.running:
                return self
            if self.dir is None:
                raise KamailioError("start_again() needs an instance that was started and not stop()ped")
            deadline = time.monotonic() + timeout
            while True:
                try:
                    self._start_once(wait)
                    return self
                except KamailioError:
                    log = self.log()
                    self._kill()
                    if (time.monotonic() > deadline or not re.search(
                            r"(?i)address already in use|bind\(.*failed|cannot bind", log)):
                        raise
                    time.sleep(0.2)

    def _kill(self, timeout=5.0):
        proc = self.proc
        if proc is not None:
            if proc.poll() is None:
                try:
                    proc.send_signal(signal.SIGTERM)
                    proc.wait(timeout)
                except subprocess.TimeoutExpired:
                    self._kill_group(proc.pid, signal.SIGKILL)
                    proc.kill()
                    proc.wait(5)
            # children the main process did not take down (normally none)
            self._kill_group(proc.pid, signal.SIGKILL)
        with _running_lock:
            _running.discard(self)
        if self._log_file:
            self._log_file.close()
            self._log_file = None

    @staticmethod
    def _group_pids(pgid):
        """Pids of the kamailio processes in process group pgid."""
        pids = []
        for d in os.listdir("/proc"):
            if not d.isdigit():
                continue
            try:
                with open("/proc/%s/stat" % d) as f:
                    stat = f.read()
            except OSError:
                continue
            comm = stat[stat.index("(") + 1:stat.rindex(")")]
            fields = stat[stat.rindex(")") + 2:].split()
            if comm == "kamailio" and int(fields[2]) == pgid:
                pids.append(int(d))
        return pids

    @classmethod
    def _kill_group(cls, pgid, sig):
        """Signal the kamailio processes of our process group, by pid."""
        for pid in cls._group_pids(pgid):
            try:
                os.kill(pid, sig)
            except OSError:
                pass

    def _cleanup_dir(self):
        if self.dir and not self.keep_dir and not self.running:
            self._saved_log = self.log()
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None

    def __enter__(self):
        return self.start()

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and not isinstance(exc, KamailioError):
            sys.stderr.write("--- kamailio log tail (%s) ---\n%s\n--- end ---\n"
                             % (self.config_path, self.log_tail(60)))
        self.stop()

    def __del__(self):
        try:
            if self.running:
                self.stop()
        except Exception:   # noqa: BLE001
            pass

    # inspection -------------------------------------------------------------------------
    _saved_log = ""

    def log(self):
        """Kamailio's log (stderr) so far (kept after stop())."""
        if self.log_path and os.path.exists(self.log_path):
            if self._log_file:
                self._log_file.flush()
            with open(self.log_path, "rb") as f:
                return f.read().decode("utf-8", "replace")
        return self._saved_log

    def log_tail(self, lines=40):
        return "\n".join(self.log().splitlines()[-lines:])

    def pids(self):
        """Pids of this Kamailio's processes (main and children)."""
        return self._group_pids(self.proc.pid) if self.running else []

    def sockets(self):
        """What this Kamailio's processes have open, from /proc: a sorted
        list of (kind, address): ("udp", (host, port)) for bound UDP
        sockets, ("tcp", (host, port)) for listening TCP ones, ("unix",
        path) for named unix sockets."""
        inodes = set()
        for pid in self.pids():
            try:
                fds = os.listdir("/proc/%d/fd" % pid)
            except OSError:
                continue
            for fd in fds:
                try:
                    link = os.readlink("/proc/%d/fd/%s" % (pid, fd))
                except OSError:
                    continue
                if link.startswith("socket:["):
                    inodes.add(link[8:-1])
        out = set()
        for kind, fname in (("udp", "udp"), ("udp", "udp6"), ("tcp", "tcp"), ("tcp", "tcp6")):
            try:
                with open("/proc/net/" + fname) as f:
                    rows = f.read().splitlines()[1:]
            except OSError:
                continue
            for row in rows:
                cols = row.split()
                if cols[9] not in inodes:
                    continue
                if kind == "tcp" and cols[3] != "0A":   # only listening TCP
                    continue
                out.add((kind, _proc_addr(cols[1])))
        try:
            with open("/proc/net/unix") as f:
                for row in f.read().splitlines()[1:]:
                    cols = row.split()
                    if len(cols) >= 8 and cols[6] in inodes:
                        out.add(("unix", cols[7]))
        except OSError:
            pass
        return sorted(out)

    def config(self):
        """The configuration text (as written at start)."""
        return self._config()

    def registrations(self, user, transport=None):
        """The live bindings of user, each a dict: contact (URI), expires
        (seconds left), received (source URI or ""), q. Asked from Kamailio
        itself with a harness-only OPTIONS."""
        transport = transport or self.transports[0]
        with SipClient(transport, self.server_address(transport), user="harness",
                       domain=uri_host(self.address), ca_file=self.ca_file, timeout=3) as c:
            r = c.options(headers=[("X-SipSimpleTest-Contacts", user)], auth=False)
        if r.code != 200:
            raise KamailioError("contacts query failed: %d %s" % (r.code, r.reason))
        now = int(r.header("X-SipSimpleTest-Time", "0"))
        out = []
        for v in r.header_values("X-Contact"):
            m = re.match(r"<([^>]*)>(.*)$", v)
            if not m:
                continue
            p = parse_params(m.group(2))
            exp = int(p.get("expires") or 0)
            left = exp - now if exp else None   # 0: permanent
            if left is not None and left <= 0:
                continue
            out.append({"contact": m.group(1), "expires": left,
                        "received": p.get("received", ""), "q": p.get("q")})
        return out

    def registered_contacts(self, user, transport=None):
        """Contact URIs currently registered for user (unexpired)."""
        return [b["contact"] for b in self.registrations(user, transport)]
