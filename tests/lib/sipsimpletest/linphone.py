# SPDX-License-Identifier: LGPL-2.1-or-later
"""linphonec (Debian's linphone-cli) as a headless SIP phone for tests.

    with Linphone("carol", "pw", proxy=server.proxy_uri("udp")) as carol:
        carol.wait_registered()
        carol.call("sip:bob@example.com")
        carol.wait_output(r"Call \\d+ with .* connected")
        carol.terminate()

linphonec runs with a private HOME and a generated configuration (-c):
SIP on 127.0.0.1 and a free port, the server as registrar and outbound
proxy (reg_route), no sound card (calls still negotiate media), and is
driven by its stdin commands (register, call, answer, terminate, status
register, play/record a WAV file, pause/resume, quit). Its stdout is
collected line by line. Always stopped
(with, atexit, parent-death signal).
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

from . import ports as _ports
from .sipclient import SipTimeout

__all__ = ["Linphone", "LinphoneError"]

LINPHONEC = os.environ.get("SIPSIMPLETEST_LINPHONEC", "linphonec")

_running = weakref.WeakSet()
atexit.register(lambda: [l.stop() for l in list(_running)])

try:
    _libc = ctypes.CDLL(None, use_errno=True)
except OSError:
    _libc = None


def _die_with_parent():
    if _libc is not None:
        _libc.prctl(1, signal.SIGTERM)   # PR_SET_PDEATHSIG


class LinphoneError(RuntimeError):
    pass


class Linphone:
    address = "127.0.0.1"

    def __init__(self, user, password=None, domain="example.com", proxy=None, transport="udp",
                 register=True, expires=600, startup_timeout=15.0, srtp=None, ice=False,
                 debug_log=False):
        # srtp: None (plain RTP) or "optional"/"mandatory" (SDES)
        self.srtp = srtp
        # ice: offer and answer with ICE (host candidates, no STUN server)
        self.ice = ice
        # debug_log: liblinphone's log (linphonec -d 6) goes to a file, see log()
        self.debug_log = debug_log
        self.user, self.password, self.domain = user, password, domain
        self.proxy, self.transport = proxy, transport
        self.register, self.expires = register, expires
        self.startup_timeout = startup_timeout
        self.dir = None
        self.proc = None
        self.sip_port = None
        self.lines = []
        self._cv = threading.Condition()
        self._reader = None

    @property
    def aor(self):
        return "sip:%s@%s" % (self.user, self.domain)

    def _config(self):
        rtp = _ports.free_port("udp", self.address) & ~1
        udp = self.sip_port if self.transport == "udp" else 0
        tcp = self.sip_port if self.transport == "tcp" else 0
        c = ["[sip]", "sip_port=%d" % udp, "sip_tcp_port=%d" % tcp, "sip_tls_port=0",
             "default_proxy=0", "bind_address=%s" % self.address, "guess_hostname=0",
             "contact=sip:%s@%s" % (self.user, self.address), "inc_timeout=120",
             "ipv6_migration_done=1", "use_ipv6=0", "register_only_when_network_is_up=0",
             "media_encryption=%s" % ("srtp" if self.srtp else "none"),
             "media_encryption_mandatory=%d" % (self.srtp == "mandatory"),
             "[net]", "firewall_policy=%s" % ("ice" if self.ice else "0"), "mtu=1300",
             "[rtp]", "audio_rtp_port=%d-%d" % (rtp, rtp + 9), "audio_jitt_comp=60",
             "[sound]", "echocancellation=0",
             "[video]", "capture=0", "display=0", "automatically_initiate=0",
             "automatically_accept=0",
             "[misc]", "max_calls=4"]
        if self.proxy:
            route = self.proxy if ";lr" in self.proxy else self.proxy + ";lr"
            c += ["[proxy_0]", "reg_proxy=<%s>" % self.proxy, "reg_route=<%s>" % route,
                  "reg_identity=%s" % self.aor, "reg_expires=%d" % self.expires,
                  "reg_sendregister=%d" % (1 if self.register else 0), "publish=0",
                  "dial_escape_plus=0"]
        if self.password is not None:
            c += ["[auth_info_0]", "username=%s" % self.user, "passwd=%s" % self.password,
                  "realm=%s" % self.domain]
        return "\n".join(c) + "\n"

    def start(self):
        self.dir = tempfile.mkdtemp(prefix="sipsimpletest-linphone-%s-" % self.user)
        os.makedirs(os.path.join(self.dir, ".local", "share", "linphone"), exist_ok=True)
        self.sip_port = _ports.free_port("both", self.address)
        rc = os.path.join(self.dir, "linphonerc")
        with open(rc, "w") as f:
            f.write(self._config())
        env = dict(os.environ, HOME=self.dir)
        args = [LINPHONEC, "-c", rc]
        if self.debug_log:
            args += ["-d", "6", "-l", os.path.join(self.dir, "linphone.log")]
        self.proc = subprocess.Popen(args, cwd=self.dir, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True, bufsize=1,
                                     start_new_session=True, preexec_fn=_die_with_parent)
        _running.add(self)
        self._reader = threading.Thread(target=self._read, daemon=True,
                                        name="linphonec-%s" % self.user)
        self._reader.start()
        try:
            self.wait_output(r"linphonec>", self.startup_timeout)
        except SipTimeout:
            raise LinphoneError("linphonec did not start:\n" + self.output_tail())
        return self

    def _read(self):
        buf = ""
        while True:
            ch = self.proc.stdout.read(1) if self.proc else ""
            if not ch:
                break
            buf += ch
            # the prompt has no newline: treat it as a line of its own
            if ch == "\n" or buf.endswith("linphonec> "):
                with self._cv:
                    self.lines.append(buf.rstrip("\n"))
                    self._cv.notify_all()
                buf = ""

    def send(self, line):
        if not self.running:
            raise LinphoneError("linphonec is not running:\n" + self.output_tail())
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def wait_output(self, pattern, timeout=10.0, start=0):
        """The first output line (from lines[start:]) matching the regex."""
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self._cv:
            while True:
                for line in self.lines[start:]:
                    if rx.search(line):
                        return line
                left = deadline - time.monotonic()
                if left <= 0:
                    raise SipTimeout("linphonec %s: no output matching %r:\n%s"
                                     % (self.user, pattern, "\n".join(self.lines[-20:])))
                self._cv.wait(left)

    def mark(self):
        """Position in the output, for wait_output(start=...)."""
        with self._cv:
            return len(self.lines)

    def wait_registered(self, timeout=15.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            start = self.mark()
            self.send("status register")
            line = self.wait_output(r"registered|identity=", 3, start)
            if "registered," in line and "identity=" in line:
                return line
            time.sleep(0.3)
        raise SipTimeout("linphonec %s did not register:\n%s" % (self.user, self.output_tail()))

    def call(self, uri):
        self.send("call %s" % uri)

    def answer(self):
        self.send("answer")

    def terminate(self):
        self.send("terminate")

    def play(self, wav_path):
        """Send this WAV file instead of a microphone (calls made after)."""
        self.send("play %s" % wav_path)

    def record(self, wav_path):
        """Record what the peer sends into this WAV file (calls made after)."""
        self.send("record %s" % wav_path)

    def pause(self):
        """Put the current call on hold."""
        self.send("pause")

    def resume(self):
        self.send("resume")

    def stop(self, timeout=8.0):
        proc, self.proc = self.proc, None
        if proc is not None:
            if proc.poll() is None:
                try:
                    proc.stdin.write("quit\n")
                    proc.stdin.flush()
                except (OSError, ValueError):
                    pass
                try:
                    proc.wait(timeout)
                except subprocess.TimeoutExpired:
                    proc.send_signal(signal.SIGTERM)
                    try:
                        proc.wait(2)
                    except subprocess.TimeoutExpired:
                        proc.kill()
                        proc.wait(5)
            for stream in (proc.stdin, proc.stdout):
                try:
                    stream.close()
                except (OSError, ValueError):
                    pass
        _running.discard(self)
        if self._reader is not None:
            self._reader.join(2)
            self._reader = None
        if self.sip_port:
            _ports.release_port(self.sip_port)
        if self.dir and not os.environ.get("SIPSIMPLETEST_KEEP_TMP"):
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None

    @property
    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def log(self):
        """liblinphone's log so far (with debug_log=True), or ""."""
        path = os.path.join(self.dir, "linphone.log") if self.dir else None
        if not path or not os.path.exists(path):
            return ""
        with open(path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def output_tail(self, n=30):
        with self._cv:
            return "\n".join(self.lines[-n:])

    def __enter__(self):
        return self.start()

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            sys.stderr.write("--- linphonec %s output tail ---\n%s\n--- end ---\n"
                             % (self.user, self.output_tail(40)))
        self.stop()
