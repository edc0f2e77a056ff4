# SPDX-License-Identifier: LGPL-2.1-or-later
"""baresip (Debian's baresip-core) as a headless SIP phone for tests.

    with Baresip("alice", "pw", proxy=server.proxy_uri("udp"), tone=440) as alice:
        alice.wait_registered()
        alice.dial("sip:bob@example.com")
        alice.wait_event("CALL_ESTABLISHED")
        alice.hangup()
        alice.dominant_tone()          # of what it heard, from its dump WAV

It listens on 127.0.0.1 only (net_interface; or on the `address` given,
such as "::1"), on free ports, and is
driven through its ctrl_tcp module (netstring-framed JSON: commands in,
responses and events out). Audio: the `ausine` source sends a sine of
`tone` Hz (48 kHz, so the account offers Opus only); the `sndfile` filter
dumps what it decodes to dump-*-dec.wav in its directory, and the
`aubridge` player swallows it. Always stopped (with, atexit,
parent-death signal); SIPSIMPLETEST_KEEP_TMP=1 keeps its directory.
"""

import atexit
import ctypes
import glob
import json
import math
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import wave
import weakref

from . import ports as _ports
from .sipclient import SipTimeout, uri_host

__all__ = ["Baresip", "BaresipError", "tone_powers", "dominant_tone"]

BARESIP = os.environ.get("SIPSIMPLETEST_BARESIP", "baresip")
MODULES = "/usr/lib/baresip/modules"

_running = weakref.WeakSet()
atexit.register(lambda: [b.stop() for b in list(_running)])

try:
    _libc = ctypes.CDLL(None, use_errno=True)
except OSError:
    _libc = None


def _die_with_parent():
    if _libc is not None:
        _libc.prctl(1, signal.SIGTERM)   # PR_SET_PDEATHSIG


class BaresipError(RuntimeError):
    pass


def tone_powers(path, freqs, seconds=1.0):
    """Relative power of each frequency in freqs (Goertzel) over `seconds`
    from the middle of a 16-bit WAV file: {freq: 0..1}."""
    with wave.open(path) as w:
        n, ch, rate = w.getnframes(), w.getnchannels(), w.getframerate()
        if w.getsampwidth() != 2:
            raise ValueError("16-bit WAV expected")
        data = struct.unpack("<%dh" % (n * ch), w.readframes(n))
    mono = data[::ch]
    count = min(len(mono), int(rate * seconds))
    start = max(0, (len(mono) - count) // 2)
    seg = mono[start:start + count]
    energy = sum(x * x for x in seg) * len(seg) / 2.0
    out = {}
    for f in freqs:
        k = 2 * math.cos(2 * math.pi * f / rate)
        s1 = s2 = 0.0
        for x in seg:
            s1, s2 = x + k * s1 - s2, s1
        out[f] = (s1 * s1 + s2 * s2 - k * s1 * s2) / energy if energy else 0.0
    return out


def dominant_tone(path, freqs=(440, 660, 880, 1000)):
    """The frequency of freqs with the most power in the WAV file, and that
    relative power."""
    powers = tone_powers(path, freqs)
    best = max(powers, key=powers.get)
    return best, powers[best]


class Baresip:
    """A baresip instance registered (or not) as user@domain through proxy
    (a "sip:HOST:PORT;transport=T" URI: the outbound proxy and registrar).
    answermode: "manual" (accept() answers) or "auto"."""

    address = "127.0.0.1"

    def __init__(self, user, password=None, domain="example.com", proxy=None, transport="udp",
                 tone=440, answermode="manual", regint=600, register=True, display_name=None,
                 startup_timeout=15.0, audio_codecs="opus/48000/2", address=None):
        if address:
            self.address = address
        self.user, self.password, self.domain = user, password, domain
        self.proxy, self.transport = proxy, transport
        self.tone, self.answermode, self.regint = tone, answermode, regint
        self.register = register
        self.display_name = display_name
        self.startup_timeout = startup_timeout
        # the account's audio_codecs, e.g. "G722" (its module is loaded)
        self.audio_codecs = audio_codecs
        self.dir = None
        self.proc = None
        self.sip_port = self.ctrl_port = None
        self.events = []
        self.responses = []
        self._cv = threading.Condition()
        self._sock = None
        self._reader = None
        self._token = 0
        self._log = None

    @property
    def aor(self):
        return "sip:%s@%s" % (self.user, self.domain)

    # -- life cycle ---------------------------------------------------------
    def _write_config(self):
        rtp = _ports.free_port("udp", self.address) & ~1
        cfg = [
            "poll_method\t\tepoll",
            "sip_listen\t\t%s:%d" % (uri_host(self.address), self.sip_port),
            "net_interface\t\t%s" % self.address,
            "call_local_timeout\t120",
            "call_max_calls\t\t4",
            "audio_player\t\taubridge,nil",
            "audio_source\t\tausine,%d" % self.tone,
            "audio_alert\t\taubridge,nil",
            "audio_level\t\tno",
            "rtp_ports\t\t%d-%d" % (rtp, rtp + 9),
            "rtp_stats\t\tno",
            "module_path\t\t%s" % MODULES,
            "module\t\t\tg711.so",
            "module\t\t\topus.so",
            "module\t\t\tausine.so",
            "module\t\t\taubridge.so",
            "module\t\t\tsndfile.so",
            "module_tmp\t\tuuid.so",
            "module_tmp\t\taccount.so",
            "module_app\t\tmenu.so",
            "module_app\t\tctrl_tcp.so",
            "ctrl_tcp_listen\t\t%s:%d" % (uri_host(self.address), self.ctrl_port),
            "snd_path\t\t%s" % self.dir,
        ]
        if "g722" in self.audio_codecs.lower():
            cfg.append("module\t\t\tg722.so")
        if not self.audio_codecs.lower().startswith("opus/48000/2"):
            # ausine makes 48 kHz stereo only: resample it for other codecs
            cfg += ["ausrc_srate\t\t48000", "ausrc_channels\t\t2"]
        with open(os.path.join(self.dir, "config"), "w") as f:
            f.write("\n".join(cfg) + "\n")
        params = ["answermode=%s" % self.answermode, "audio_codecs=%s" % self.audio_codecs, "mwi=no",
                  "regint=%d" % (self.regint if self.register else 0)]
        if self.password is not None:
            params.append("auth_pass=%s" % self.password)
        if self.proxy:
            params.append('outbound="%s"' % self.proxy)
        name = '"%s" ' % self.display_name if self.display_name else ""
        with open(os.path.join(self.dir, "accounts"), "w") as f:
            f.write("%s<sip:%s@%s;transport=%s>;%s\n" % (name, self.user, self.domain,
                                                         self.transport, ";".join(params)))

    def start(self):
        self.dir = tempfile.mkdtemp(prefix="sipsimpletest-baresip-%s-" % self.user)
        self.sip_port = _ports.free_port("both", self.address)
        self.ctrl_port = _ports.free_port("tcp", self.address)
        self._write_config()
        self._log = open(os.path.join(self.dir, "baresip.log"), "wb")
        env = dict(os.environ, HOME=self.dir)
        self.proc = subprocess.Popen([BARESIP, "-f", self.dir], cwd=self.dir, env=env,
                                     stdin=subprocess.DEVNULL, stdout=self._log,
                                     stderr=subprocess.STDOUT, start_new_session=True,
                                     preexec_fn=_die_with_parent)
        _running.add(self)
        deadline = time.monotonic() + self.startup_timeout
        while True:
            if self.proc.poll() is not None:
                raise BaresipError("baresip exited with %s:\n%s" % (self.proc.returncode, self.log_tail()))
            try:
                self._sock = socket.create_connection((self.address, self.ctrl_port), timeout=1)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise BaresipError("baresip ctrl_tcp did not come up:\n" + self.log_tail())
                time.sleep(0.1)
        self._sock.settimeout(0.2)
        self._reader = threading.Thread(target=self._read, daemon=True,
                                        name="baresip-%s" % self.user)
        self._reader.start()
        return self

    def stop(self, timeout=5.0):
        proc, self.proc = self.proc, None
        if proc is not None:
            if proc.poll() is None:
                try:
                    self.command("quit", timeout=1)
                except (OSError, SipTimeout, BaresipError):
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
        _running.discard(self)
        if self._sock is not None:
            try:
                self._sock.close()
            except OSError:
                pass
            self._sock = None
        if self._reader is not None:
            self._reader.join(2)
            self._reader = None
        if self._log is not None:
            self._log.close()
            self._log = None
        for p in (self.sip_port, self.ctrl_port):
            if p:
                _ports.release_port(p)
        if self.dir and not os.environ.get("SIPSIMPLETEST_KEEP_TMP"):
            self._saved_log = self.log()
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None

    def __enter__(self):
        return self.start()

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            sys.stderr.write("--- baresip %s log tail ---\n%s\n--- end ---\n"
                             % (self.user, self.log_tail(40)))
        self.stop()

    @property
    def running(self):
        return self.proc is not None and self.proc.poll() is None

    # -- ctrl_tcp -------------------------------------------------------------
    def _read(self):
        buf = b""
        while self._sock is not None:
            try:
                data = self._sock.recv(65536)
            except socket.timeout:
                continue
            except OSError:
                break
            if not data:
                break
            buf += data
            while True:
                colon = buf.find(b":")
                if colon < 0:
                    break
                n = int(buf[:colon])
                if len(buf) < colon + 1 + n + 1:
                    break
                payload, buf = buf[colon + 1:colon + 1 + n], buf[colon + 2 + n:]
                try:
                    msg = json.loads(payload)
                except ValueError:
                    continue
                with self._cv:
                    if msg.get("event"):
                        self.events.append(msg)
                    elif msg.get("response"):
                        self.responses.append(msg)
                    self._cv.notify_all()

    def command(self, command, params=None, timeout=5.0):
        """Run a command (menu module names: dial, accept, hangup, reginfo,
        quit, ...) and return its response dict."""
        if self._sock is None:
            raise BaresipError("not running")
        with self._cv:
            self._token += 1
            token = str(self._token)
        data = json.dumps({"command": command, "params": params, "token": token}).encode()
        self._sock.sendall(b"%d:%s," % (len(data), data))
        deadline = time.monotonic() + timeout
        with self._cv:
            while True:
                for r in self.responses:
                    if r.get("token") == token:
                        return r
                left = deadline - time.monotonic()
                if left <= 0:
                    raise SipTimeout("no response to baresip command %r" % command)
                self._cv.wait(left)

    def wait_event(self, type_, timeout=10.0, predicate=None, start=0):
        """The first event of type_ (from events[start:]) matching predicate."""
        deadline = time.monotonic() + timeout
        with self._cv:
            while True:
                for e in self.events[start:]:
                    if e.get("type") == type_ and (predicate is None or predicate(e)):
                        return e
                left = deadline - time.monotonic()
                if left <= 0:
                    raise SipTimeout("baresip %s: no %s event; got %r"
                                     % (self.user, type_, [e.get("type") for e in self.events]))
                self._cv.wait(left)

    def event_types(self):
        with self._cv:
            return [e.get("type") for e in self.events]

    # -- phone actions ---------------------------------------------------------
    def wait_registered(self, timeout=10.0):
        """Wait until the account is registered (asked with `reginfo`: the
        REGISTER_OK event may come before the control connection)."""
        deadline = time.monotonic() + timeout
        while True:
            data = self.command("reginfo").get("data", "")
            if re.search(r"\bOK\b", re.sub(r"\x1b\[[0-9;]*m", "", data)):
                return data
            if time.monotonic() > deadline:
                raise SipTimeout("baresip %s did not register: %r\n%s"
                                 % (self.user, data, self.log_tail()))
            time.sleep(0.1)

    def dial(self, uri):
        return self.command("dial", uri)

    def accept(self):
        return self.command("accept")

    def hangup(self):
        return self.command("hangup")

    # -- what it heard ------------------------------------------------------------
    def dumps(self, kind="dec"):
        """Paths of the WAV dumps of decoded ("dec") or encoded ("enc") audio."""
        return sorted(glob.glob(os.path.join(self.dir, "dump-*-%s.wav" % kind)))

    def dominant_tone(self, freqs=(440, 660, 880, 1000)):
        dumps = self.dumps()
        if not dumps:
            raise BaresipError("baresip %s has no audio dump" % self.user)
        return dominant_tone(dumps[-1], freqs)

    _saved_log = ""

    def log(self):
        if self.dir and os.path.exists(os.path.join(self.dir, "baresip.log")):
            if self._log:
                self._log.flush()
            with open(os.path.join(self.dir, "baresip.log"), "rb") as f:
                return f.read().decode("utf-8", "replace")
        return self._saved_log

    def log_tail(self, n=30):
        return "\n".join(self.log().splitlines()[-n:])
