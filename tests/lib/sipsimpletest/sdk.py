# SPDX-License-Identifier: LGPL-2.1-or-later
"""Driving the SDK (through PyGObject) from tests.

    app = SdkApp()                       # MemoryStorage, 127.0.0.1, free ports
    app.start(ca_file=k.ca_file)
    alice = app.add_account("alice@example.com", "pw", proxy=k.proxy_uri("udp"))
    app.wait_registered(alice)
    app.send_text(alice, "bob@example.com", "hi")     # raises GLib.Error on failure
    app.stop()

TransferLog(stream) records a FileTransferStream's signals. Everything
runs in the default GLib main context; the wait_* helpers iterate it until
their condition holds or the timeout passes (then they raise
AssertionError with what was seen so far).
"""

import time

import gi

gi.require_version("SipSimple", "1.0")
from gi.repository import GLib, SipSimple  # noqa: E402

__all__ = ["SdkApp", "TransferLog", "run_until", "in_thread", "GLib", "SipSimple"]


def run_until(predicate, timeout=10.0, what="condition"):
    ctx = GLib.MainContext.default()
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out after %.1f s waiting for %s" % (timeout, what))
        # Wake up at least every 50 ms to re-check the deadline.
        source = GLib.timeout_source_new(50)
        source.set_callback(lambda *a: False)
        source.attach(ctx)
        ctx.iteration(True)
        source.destroy()


def in_thread(fn, *args, timeout=30.0, **kw):
    """Run a blocking call (e.g. a raw SipClient request that the SDK must
    answer) in a thread while the GLib main loop keeps running here."""
    import threading
    box = {}

    def target():
        try:
            box["result"] = fn(*args, **kw)
        except BaseException as e:  # re-raised in the caller
            box["error"] = e

    t = threading.Thread(target=target, daemon=True)
    t.start()
    run_until(lambda: not t.is_alive(), timeout, "%s in a thread" % getattr(fn, "__name__", fn))
    if "error" in box:
        raise box["error"]
    return box["result"]


class TransferLog:
    """Records a FileTransferStream's signals."""

    def __init__(self, stream):
        self.stream = stream
        self.progress = []        # (bytes, total)
        self.finished = False
        self.failed = []          # error messages
        self.ended = False
        stream.connect("progress", lambda s, b, t: self.progress.append((b, t)))
        stream.connect("finished", lambda s: setattr(self, "finished", True))
        stream.connect("failed", lambda s, e: self.failed.append(e.message))
        stream.connect("ended", lambda s: setattr(self, "ended", True))

    def done(self):
        return self.finished or self.failed


class AccountEvents:
    """Records an account's signals."""

    def __init__(self, account):
        self.account = account
        self.registered = []      # (contact, expires)
        self.failed = []          # (code, reason, will_retry)
        self.unregistered = 0
        self.messages = []        # SipSimple.Message
        account.connect("registered", lambda a, c, e: self.registered.append((c, e)))
        account.connect("registration-failed",
                        lambda a, code, reason, retry: self.failed.append((code, reason, retry)))
        account.connect("unregistered", self._on_unregistered)
        account.connect("message-received", lambda a, m: self.messages.append(m))

    def _on_unregistered(self, account):
        self.unregistered += 1


class SdkApp:
    def __init__(self, storage=None):
        self.storage = storage or SipSimple.MemoryStorage.new()
        self.app = SipSimple.Application.new()
        self.events = {}

    # -- life cycle -------------------------------------------------------
    def start(self, ca_file=None, ip_address="127.0.0.1", transports=("udp", "tcp", "tls"),
              timeout=10.0, **settings):
        s = self.app.get_settings()
        s.set_property("ip-address", ip_address)
        s.set_property("transports", list(transports))
        if ca_file:
            s.set_property("tls-ca-file", ca_file)
        for key, value in settings.items():
            s.set_property(key.replace("_", "-"), value)
        result = {}

        def done(app, res):
            try:
                result["ok"] = app.start_finish(res)
            except GLib.Error as e:
                result["error"] = e

        self.app.start_async(self.storage, None, done)
        run_until(lambda: result, timeout, "application start")
        if "error" in result:
            raise result["error"]
        return self

    def stop(self, timeout=15.0):
        result = {}

        def done(app, res):
            result["ok"] = app.stop_finish(res)

        self.app.stop_async(None, done)
        run_until(lambda: result, timeout, "application stop")

    @property
    def engine(self):
        return self.app.get_engine()

    @property
    def manager(self):
        return self.app.get_account_manager()

    # -- accounts ---------------------------------------------------------
    def add_account(self, account_id, password=None, proxy=None, register=True, **props):
        account = SipSimple.Account.new(account_id)
        if password is not None:
            account.set_password(password)
        if proxy is not None:
            account.set_outbound_proxy(proxy)
        account.set_property("register", register)
        for key, value in props.items():
            account.set_property(key.replace("_", "-"), value)
        self.events[account_id] = AccountEvents(account)
        self.manager.add(account)
        return account

    def ev(self, account):
        return self.events[account.get_id()]

    def wait_registered(self, account, count=1, timeout=10.0):
        ev = self.ev(account)
        run_until(lambda: len(ev.registered) >= count or
                  (ev.failed and not ev.failed[-1][2]), timeout,
                  "registration of %s" % account.get_id())
        if len(ev.registered) < count:
            raise AssertionError("registration of %s failed: %r" % (account.get_id(), ev.failed))
        return ev.registered[-1]

    def wait_failed(self, account, timeout=40.0):
        ev = self.ev(account)
        run_until(lambda: ev.failed, timeout, "registration failure of %s" % account.get_id())
        return ev.failed[0]

    def wait_messages(self, account, count=1, timeout=10.0):
        ev = self.ev(account)
        run_until(lambda: len(ev.messages) >= count, timeout,
                  "%d message(s) for %s" % (count, account.get_id()))
        return ev.messages

    # -- messages ---------------------------------------------------------
    def send_message(self, account, to, content_type, body, timeout=40.0):
        result = {}

        def done(acc, res):
            try:
                result["ok"] = acc.send_message_finish(res)
            except GLib.Error as e:
                result["error"] = e

        account.send_message_async(to, content_type, GLib.Bytes.new(body), None, done)
        run_until(lambda: result, timeout, "answer to MESSAGE to %s" % to)
        if "error" in result:
            raise result["error"]
        return result["ok"]

    def send_text(self, account, to, text, timeout=40.0):
        return self.send_message(account, to, "text/plain;charset=utf-8", text.encode(), timeout)
