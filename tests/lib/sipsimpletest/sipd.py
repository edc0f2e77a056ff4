# SPDX-License-Identifier: LGPL-2.1-or-later
"""The project's own SIP server, sipd, as a peer for tests.

    with Sipd("c", users={"alice": "pw"}, transports=("udp", "tcp")) as s:
        s.proxy_uri("tcp")            # "sip:127.0.0.1:PORT;transport=tcp"
        s.client("alice").register()  # a SipClient talking to it
        s.wait_log(r"REGISTER .* -> 200")

kind "c" runs tools/sipd (the build's, found on PATH or in
$SIPSIMPLE_BUILD_DIR/tools), kind "python" runs examples/python/sipd.py
with Debian's python3 and the build's typelib. Both take the same options
and behave the same; tests parametrize over SIPD_KINDS.

It listens on 127.0.0.1 (or on the address(es) given: "::1", or
("127.0.0.1", "::1") for a dual-stack server, all on the same ports),
UDP and TCP on one free port (TLS on another),
answers the sipsak health check once it is up, and is always stopped
(with, atexit, parent-death signal). The log (one line per request) is
kept in memory; a failing `with` block prints its tail.
"""

import atexit
import ctypes
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import weakref

from . import certs as _certs
from . import ports as _ports
from .sipclient import SipClient, SipTimeout, uri_host

__all__ = ["Sipd", "SipdError", "SIPD_KINDS", "sipd_command"]

SIPD_KINDS = ("c", "python")

_running = weakref.WeakSet()
atexit.register(lambda: [s.stop() for s in list(_running)])

try:
    _libc = ctypes.CDLL(None, use_errno=True)
except OSError:
    _libc = None


def _die_with_parent():
    if _libc is not None:
        _libc.prctl(1, signal.SIGTERM)   # PR_SET_PDEATHSIG


class SipdError(RuntimeError):
    pass


def _source_dir():
    env = os.environ.get("SIPSIMPLE_SOURCE_DIR")
    if env:
        return env
    return os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))


def sipd_command(kind):
    """The argv prefix that runs sipd of this kind."""
    if kind == "c":
        build = os.environ.get("SIPSIMPLE_BUILD_DIR")
        exe = os.path.join(build, "tools", "sipd") if build else None
        if not exe or not os.path.exists(exe):
            exe = shutil.which("sipd")
        if not exe:
            raise SipdError("tools/sipd not found (set SIPSIMPLE_BUILD_DIR or PATH)")
        return [exe]
    if kind == "python":
        return ["/usr/bin/python3", os.path.join(_source_dir(), "examples", "python", "sipd.py")]
    raise ValueError("kind must be 'c' or 'python'")


class Sipd:
    """sipd on 127.0.0.1. users: {user: password} (digest auth when given).
    scripts: a directory of per-user scripts (USER.py for Python, USER.conf
    for C). extra_args: more command-line options. certs: a certs.Certs for
    a TLS listener (transports with "tls"). address: where it listens, an
    address or a sequence of them (the first is the one proxy_uri() and
    client() use by default)."""

    address = "127.0.0.1"

    def __init__(self, kind="c", users=None, domain="example.com", transports=("udp", "tcp"),
                 scripts=None, extra_args=(), certs=None, quiet=False, startup_timeout=15.0,
                 env=None, address=None):
        addresses = (address,) if isinstance(address, str) else tuple(address or ())
        if addresses:
            self.address = addresses[0]
        self.addresses = addresses or (self.address,)
        self.kind = kind
        self.users = dict(users) if users is not None else None
        self.domain = domain
        self.transports = tuple(transports)
        self.scripts = scripts
        self.extra_args = list(extra_args)
        if certs is None and "tls" in self.transports:
            certs = _certs.shared_certs()
        self.certs = certs
        self.quiet = quiet
        self.startup_timeout = startup_timeout
        self.env = env
        self.proc = None
        self.dir = None
        self.ports = {}
        self._lines = []
        self._cv = threading.Condition()
        self._reader = None

    # -- addresses ---------------------------------------------------------
    def port(self, transport="udp"):
        return self.ports[transport]

    def server_address(self, transport="udp", address=None):
        return (address or self.address, self.port(transport))

    def proxy_uri(self, transport="udp", address=None):
        return "sip:%s:%d;transport=%s" % (uri_host(address or self.address),
                                           self.port(transport), transport)

    def aor(self, user):
        return "sip:%s@%s" % (user, self.domain)

    def client(self, user, transport="udp", password=None, **kw):
        if password is None and self.users:
            password = self.users.get(user)
        if transport == "tls" and self.certs is not None:
            kw.setdefault("ca_file", self.certs.ca)
        return SipClient(transport, self.server_address(transport), user=user,
                         password=password, domain=self.domain, **kw)

    # -- life cycle --------------------------------------------------------
    def command(self):
        args = list(sipd_command(self.kind))
        for a in self.addresses:
            for t in self.transports:
                args += ["--listen", "%s:%s:%d" % (t, uri_host(a), self.ports[t])]
        if self.domain:
            args += ["--domain", self.domain]
        if self.users is not None:
            path = os.path.join(self.dir, "users")
            with open(path, "w") as f:
                f.write("# user:password\n")
                for u, pw in sorted(self.users.items()):
                    f.write("%s:%s\n" % (u, pw))
            args += ["--auth", path]
        if self.scripts:
            args += ["--scripts", self.scripts]
        if "tls" in self.transports and self.certs is not None:
            args += ["--tls-certificate", self.certs.cert, "--tls-key", self.certs.key]
        if self.quiet:
            args.append("--quiet")
        return args + self.extra_args

    def start(self):
        if self.dir is not None:
            shutil.rmtree(self.dir, ignore_errors=True)
        self.dir = tempfile.mkdtemp(prefix="sipsimpletest-sipd-")
        last = None
        for _attempt in range(3):
            udp_tcp = self._free_port("both")
            self.ports = {t: udp_tcp for t in self.transports if t != "tls"}
            if "tls" in self.transports:
                self.ports["tls"] = self._free_port("tcp")
            try:
                self._start_once()
                return self
            except SipdError as e:
                last = e
                self._kill()
                if "in use" not in str(e):
                    break
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir = None
        raise last

    def _free_port(self, proto):
        """A port free on every address (reserved; see ports.py)."""
        for _attempt in range(50):
            port = _ports.free_port(proto, self.addresses[0])
            if all(_ports.port_is_free(port, proto, a) for a in self.addresses[1:]):
                return port
            _ports.release_port(port)
        raise SipdError("no %s port free on all of %r" % (proto, self.addresses))

    def _start_once(self):
        env = dict(os.environ)
        env.update(self.env or {})
        self._lines = []
        self.proc = subprocess.Popen(self.command(), stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True, bufsize=1, env=env, start_new_session=True,
                                     preexec_fn=_die_with_parent)
        _running.add(self)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        try:
            self.wait_log(r"^sipd: listening on", self.startup_timeout)
        except SipTimeout:
            raise SipdError("sipd did not start:\n" + self.log_tail())
        # the health check answers once requests are served
        deadline = time.monotonic() + self.startup_timeout
        udp = "udp" in self.transports
        while True:
            if self.proc.poll() is not None:
                raise SipdError("sipd exited with %s:\n%s" % (self.proc.returncode, self.log_tail()))
            try:
                transport = "udp" if udp else self.transports[0]
                with SipClient(transport, self.server_address(transport), user="sipsak",
                               domain=uri_host(self.address), timeout=1,
                               ca_file=self.certs.ca if (self.certs and transport == "tls") else None) as c:
                    if c.options(auth=False, timeout=1).code == 200:
                        return
            except (OSError, SipTimeout):
                pass
            if time.monotonic() > deadline:
                raise SipdError("sipd does not answer OPTIONS:\n" + self.log_tail())
            time.sleep(0.1)

    def _read(self):
        for line in self.proc.stdout:
            with self._cv:
                self._lines.append(line.rstrip("\n"))
                self._cv.notify_all()

    def stop(self, timeout=10.0):
        """SIGTERM and wait (the clean stop is part of what is tested);
        SIGKILL after timeout. Returns the exit code."""
        code = self._kill(timeout)
        _running.discard(self)
        if self.dir:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None
        for p in set(self.ports.values()):
            _ports.release_port(p)
        return code

    def _kill(self, timeout=10.0):
        proc, self.proc = self.proc, None
        if proc is None:
            return None
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)
        if self._reader:
            self._reader.join(2)
        try:
            proc.stdout.close()
        except (OSError, ValueError):
            pass
        self.returncode = proc.returncode
        return proc.returncode

    @property
    def ca_file(self):
        return self.certs.ca if self.certs else None

    @property
    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def __enter__(self):
        return self.start()

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            sys.stderr.write("--- sipd (%s) log tail ---\n%s\n--- end ---\n"
                             % (self.kind, self.log_tail(60)))
        self.stop()

    # -- the log -------------------------------------------------------------
    def log(self):
        with self._cv:
            return "\n".join(self._lines)

    def log_tail(self, n=40):
        with self._cv:
            return "\n".join(self._lines[-n:])

    def wait_log(self, pattern, timeout=10.0, count=1):
        """Wait until count log lines match the regex pattern; returns the
        matching lines."""
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self._cv:
            while True:
                found = [l for l in self._lines if rx.search(l)]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    raise SipTimeout("sipd log has no %r (x%d):\n%s"
                                     % (pattern, count, "\n".join(self._lines[-30:])))
                self._cv.wait(left)
