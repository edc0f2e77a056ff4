#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""MSRP throughput on loopback next to the physical limit, in one run.

    bench/msrp-throughput.py [--size-mib 200] [--chunk-kib 64] [--messages 20000]

1. raw TCP: one process sends a file with socket.sendfile(), another
   recv()s and discards it: the most the loopback and the kernel allow;
2. MSRP: one process sends the same file with MsrpSession.send_stream()
   (read from disk chunk by chunk as the socket drains, a SEND per
   chunk, 200 per chunk), another receives it with an MsrpSession that
   parses every byte and discards the body (no buffering): the clock
   stops at message-delivered, i.e. when the last chunk's 200 is back;
3. chat: one session sends --messages small text/plain messages, each
   with its own Message-ID and 200, and the clock stops when the last
   one is delivered (both sessions in one process, one main loop: the
   figure includes Python's signal handlers on both sides).

Every peer runs on 127.0.0.1 with a free port. Prints MiB/s and the
MSRP/raw ratio. Needs the build tree (LD_LIBRARY_PATH and GI_TYPELIB_PATH
are set from --build, default build/).
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)


def gi_env(build):
    env = dict(os.environ)
    env["LD_LIBRARY_PATH"] = os.path.join(build, "libsipsimple") + ":" + env.get("LD_LIBRARY_PATH", "")
    env["GI_TYPELIB_PATH"] = os.path.join(build, "gir") + ":" + env.get("GI_TYPELIB_PATH", "")
    return env


# ---- raw TCP ---------------------------------------------------------------

def raw_receiver(port_fd_out):
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)
    os.write(port_fd_out, b"%d\n" % srv.getsockname()[1])
    conn, _ = srv.accept()
    buf = bytearray(1 << 20)
    view = memoryview(buf)
    total = 0
    while True:
        n = conn.recv_into(view)
        if n == 0:
            break
        total += n
    conn.sendall(b"%d\n" % total)
    conn.close()


def raw_tcp(path, size):
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        try:
            raw_receiver(w)
        finally:
            os._exit(0)
    os.close(w)
    port = int(os.read(r, 64).split()[0])
    os.close(r)
    s = socket.create_connection(("127.0.0.1", port))
    t0 = time.perf_counter()
    with open(path, "rb") as f:
        s.sendfile(f)
    s.shutdown(socket.SHUT_WR)
    got = int(s.makefile().readline())
    dt = time.perf_counter() - t0
    s.close()
    os.waitpid(pid, 0)
    assert got == size, (got, size)
    return dt


# ---- MSRP ------------------------------------------------------------------

def msrp_child(role, args):
    """Runs in a child process: 'receiver' prints its path, then waits."""
    import gi
    gi.require_version("SipSimple", "1.0")
    from gi.repository import GLib, SipSimple

    loop = GLib.MainLoop()
    s = SipSimple.MsrpSession.new()
    s.props.max_buffered_size = 0  # parse and discard: no assembling in memory
    got = []
    # the sender closes once delivered: our last 200 must get out first
    s.connect("message-received", lambda *a: got.append(a[1]))
    s.connect("closed", lambda *a: loop.quit())
    s.prepare_async(None, lambda s_, r: (s_.prepare_finish(r), loop.quit()))
    loop.run()
    print(SipSimple.MsrpUri.path_to_string(s.get_local_path()), flush=True)
    remote = sys.stdin.readline().strip()
    s.set_remote_path(SipSimple.MsrpUri.parse_path(remote))
    s.start_async(None, lambda s_, r: s_.start_finish(r))
    loop.run()
    print("received" if got else "closed", flush=True)


def msrp_throughput(path, size, chunk, build):
    import gi
    gi.require_version("SipSimple", "1.0")
    gi.require_version("Gio", "2.0")
    from gi.repository import Gio, GLib, SipSimple

    child = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--child", "receiver"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=gi_env(build))
    remote_path = child.stdout.readline().strip()
    loop = GLib.MainLoop()
    s = SipSimple.MsrpSession.new()
    s.props.chunk_size = chunk
    s.props.active = True
    s.prepare_async(None, lambda s_, r: (s_.prepare_finish(r), loop.quit()))
    loop.run()
    child.stdin.write(SipSimple.MsrpUri.path_to_string(s.get_local_path()) + "\n")
    child.stdin.flush()
    s.set_remote_path(SipSimple.MsrpUri.parse_path(remote_path))
    ok = []
    s.start_async(None, lambda s_, r: (ok.append(s_.start_finish(r)), loop.quit()))
    loop.run()
    result = []
    s.connect("message-delivered", lambda *a: (result.append("delivered"), loop.quit()))
    s.connect("message-failed", lambda s_, mid, code, reason: (result.append("failed %d %s" % (code, reason)), loop.quit()))
    stream = Gio.File.new_for_path(path).read(None)
    t0 = time.perf_counter()
    s.send_stream("application/octet-stream", stream, size, 0)
    loop.run()
    dt = time.perf_counter() - t0
    assert result == ["delivered"], result
    s.close()
    assert child.stdout.readline().strip() == "received"
    child.wait()
    return dt


def chat_rate(n):
    import gi
    gi.require_version("SipSimple", "1.0")
    from gi.repository import GLib, SipSimple

    loop = GLib.MainLoop()
    a, b = SipSimple.MsrpSession.new(), SipSimple.MsrpSession.new()
    pending = [2]

    def prepared(s, r):
        s.prepare_finish(r)
        pending[0] -= 1
        if pending[0] == 0:
            loop.quit()

    a.prepare_async(None, prepared)
    b.prepare_async(None, prepared)
    loop.run()
    a.set_remote_path(b.get_local_path())
    b.set_remote_path(a.get_local_path())
    a.props.active = True
    pending[0] = 2
    a.start_async(None, lambda s, r: (s.start_finish(r), prepared_done()))
    b.start_async(None, lambda s, r: (s.start_finish(r), prepared_done()))

    def prepared_done():
        pending[0] -= 1
        if pending[0] == 0:
            loop.quit()

    loop.run()
    counts = {"delivered": 0, "received": 0}

    def delivered(*_):
        counts["delivered"] += 1
        if counts["delivered"] == n:
            loop.quit()

    a.connect("message-delivered", delivered)
    b.connect("message-received", lambda *_: counts.__setitem__("received", counts["received"] + 1))
    body = GLib.Bytes.new(b"x" * 100)
    t0 = time.perf_counter()
    for _ in range(n):
        a.send_message("text/plain", body)
    loop.run()
    dt = time.perf_counter() - t0
    assert counts["received"] == n, counts
    a.close()
    b.close()
    return n / dt


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size-mib", type=int, default=200)
    ap.add_argument("--chunk-kib", type=int, action="append", help="MSRP chunk size(s) in KiB (default 64)")
    ap.add_argument("--messages", type=int, default=20000)
    ap.add_argument("--runs", type=int, default=3, help="best of N for each figure")
    ap.add_argument("--build", default=os.path.join(TOP, "build"))
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        msrp_child(args.child, args)
        return
    if "GI_TYPELIB_PATH" not in os.environ or args.build not in os.environ.get("GI_TYPELIB_PATH", ""):
        os.execve(sys.executable, [sys.executable] + sys.argv, dict(gi_env(args.build), GI_TYPELIB_PATH=gi_env(args.build)["GI_TYPELIB_PATH"]))

    size = args.size_mib * 1024 * 1024
    chunks = args.chunk_kib or [64]
    with tempfile.NamedTemporaryFile(prefix="msrp-bench-", dir=os.environ.get("TMPDIR", "/tmp")) as f:
        block = os.urandom(1 << 20)
        for _ in range(args.size_mib):
            f.write(block)
        f.flush()
        # warm the page cache for both contenders
        with open(f.name, "rb") as r:
            while r.read(1 << 22):
                pass
        raw = min(raw_tcp(f.name, size) for _ in range(args.runs))
        raw_rate = size / raw / (1 << 20)
        print("raw TCP (sendfile -> recv):      %8.0f MiB/s" % raw_rate)
        for c in chunks:
            t = min(msrp_throughput(f.name, size, c * 1024, args.build) for _ in range(args.runs))
            rate = size / t / (1 << 20)
            print("MSRP, %4d KiB chunks:           %8.0f MiB/s   %.2f x raw" % (c, rate, rate / raw_rate))
    rate = max(chat_rate(args.messages) for _ in range(args.runs))
    print("MSRP chat messages (100 B, 200 each): %6.0f messages/s" % rate)


if __name__ == "__main__":
    main()
