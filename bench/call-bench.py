#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Calls: setup latency and CPU per concurrent Opus call, the SDK against
baresip, in one run on loopback through the same Kamailio.

  (a) setup: INVITE sent -> session started (SDK: connect_to -> `started`;
      baresip: `dial` -> CALL_ESTABLISHED), median of N calls, one at a time
  (b) CPU: K concurrent Opus calls between two SDK processes vs between two
      baresip processes; CPU time of both processes over the measuring
      window, as % of one core per call

usage: bench/call-bench.py [N_SETUP] [K_CALLS] [SECONDS]    (after a build)
"""
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "lib"))
from sipsimpletest import Kamailio  # noqa: E402
from sipsimpletest.baresip import Baresip  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 20
K = int(sys.argv[2]) if len(sys.argv) > 2 else 4
WINDOW = float(sys.argv[3]) if len(sys.argv) > 3 else 10.0
USERS = {"alice": "a", "bob": "b", "carol": "c", "dave": "d"}
TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def peer(*args):
    p = subprocess.Popen(["/usr/bin/python3", os.path.join(HERE, "sdk-peer.py")] + list(args),
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
    line = p.stdout.readline().strip()
    if line != "ready":
        raise RuntimeError("SDK peer did not start: %r" % line)
    return p


def read_started(p, n):
    times = []
    while len(times) < n:
        line = p.stdout.readline().strip()
        if line.startswith("started"):
            times.append(float(line.split()[1]))
        elif line.startswith("failed") or not line:
            raise RuntimeError("SDK call failed: %r" % line)
    return times


def sdk_bench(k):
    bob = peer("answer", "bob@example.com", "b", k.proxy_uri("udp"))
    alice = peer("call", "alice@example.com", "a", k.proxy_uri("udp"), "bob", "0")
    try:
        setup = []
        for _ in range(N):
            alice.stdin.write("call\n")
            setup += read_started(alice, 1)
            alice.stdin.write("end\n")
            time.sleep(0.05)
        for _ in range(K):
            alice.stdin.write("call\n")
        read_started(alice, K)
        time.sleep(1.0)
        c0 = cpu_seconds(alice.pid) + cpu_seconds(bob.pid)
        time.sleep(WINDOW)
        cpu = (cpu_seconds(alice.pid) + cpu_seconds(bob.pid) - c0) / WINDOW * 100 / K
        return statistics.median(setup), cpu
    finally:
        for p in (alice, bob):
            try:
                p.stdin.write("quit\n")
                p.wait(timeout=15)
            except Exception:
                p.kill()


def baresip_bench(k):
    with Baresip("carol", "c", proxy=k.proxy_uri("udp"), tone=440) as carol, \
         Baresip("dave", "d", proxy=k.proxy_uri("udp"), tone=660, answermode="auto") as dave:
        carol.wait_registered()
        dave.wait_registered()
        setup = []
        for _ in range(N):
            start = len(carol.events)
            t0 = time.perf_counter()
            carol.dial("sip:dave@example.com")
            carol.wait_event("CALL_ESTABLISHED", start=start)
            setup.append((time.perf_counter() - t0) * 1000)
            start = len(carol.events)
            carol.hangup()
            carol.wait_event("CALL_CLOSED", start=start)
            time.sleep(0.05)
        for _ in range(K):
            start = len(carol.events)
            carol.dial("sip:dave@example.com")
            carol.wait_event("CALL_ESTABLISHED", start=start)
        time.sleep(1.0)
        c0 = cpu_seconds(carol.proc.pid) + cpu_seconds(dave.proc.pid)
        time.sleep(WINDOW)
        cpu = (cpu_seconds(carol.proc.pid) + cpu_seconds(dave.proc.pid) - c0) / WINDOW * 100 / K
        return statistics.median(setup), cpu


with Kamailio(users=USERS, transports=("udp",)) as k:
    s_setup, s_cpu = sdk_bench(k)
    b_setup, b_cpu = baresip_bench(k)

print("%-34s %10s %10s %8s" % ("", "SDK", "baresip", "ratio"))
print("%-34s %10.2f %10.2f %8.2f" % ("call setup, ms (median of %d)" % N, s_setup, b_setup, s_setup / b_setup))
print("%-34s %10.2f %10.2f %8.2f" % ("CPU %% of a core per Opus call (%d)" % K, s_cpu, b_cpu, s_cpu / b_cpu))
