#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Time from Account added to `registered` (digest challenge included),
SDK against Kamailio on loopback, per transport; and the same REGISTER
exchange done by a minimal raw client (sipsimpletest.SipClient) as the
reference of what the wire costs. Prints medians in milliseconds.

usage: bench/register-latency.py [N]   (run from the source tree, after a build)
"""
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "lib"))
from sipsimpletest import Kamailio  # noqa: E402
from sipsimpletest.sdk import SdkApp, run_until  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 20
USERS = {"u%d" % i: "pw%d" % i for i in range(N)}

with Kamailio(users=USERS, transports=("udp", "tcp", "tls")) as k:
    sdk = SdkApp().start(ca_file=k.ca_file)
    print("%-6s %10s %10s %8s" % ("", "SDK ms", "raw ms", "ratio"))
    for transport in ("udp", "tcp", "tls"):
        sdk_times = []
        for i in range(N):
            t0 = time.perf_counter()
            acc = sdk.add_account("u%d@example.com" % i, USERS["u%d" % i], proxy=k.proxy_uri(transport))
            sdk.wait_registered(acc)
            sdk_times.append((time.perf_counter() - t0) * 1000)
            sdk.manager.remove(acc)
            run_until(lambda: not k.registered_contacts("u%d" % i), 5, "unregistered")
        raw_times = []
        if transport != "tls":
            for i in range(N):
                c = k.client("u%d" % i, transport)
                t0 = time.perf_counter()
                c.register()
                raw_times.append((time.perf_counter() - t0) * 1000)
                c.unregister()
                c.close()
        s, r = statistics.median(sdk_times), statistics.median(raw_times) if raw_times else float("nan")
        print("%-6s %10.2f %10.2f %8.2f" % (transport, s, r, s / r if raw_times else float("nan")))
    sdk.stop()
