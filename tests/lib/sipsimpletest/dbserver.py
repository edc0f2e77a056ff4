# SPDX-License-Identifier: LGPL-2.1-or-later
"""What the database servers for tests (Redis, Postgres) share: a context
manager, a running property, and a stop at exit for every one still up."""

import atexit
import weakref

__all__ = ["DatabaseServer"]

_running = weakref.WeakSet()
atexit.register(lambda: [s.stop() for s in list(_running)])


class DatabaseServer:
    address = "127.0.0.1"
    proc = None

    def __init__(self, startup_timeout):
        self.startup_timeout = startup_timeout
        self.port = None
        self.dir = None
        self.proc = None

    def _started(self):
        _running.add(self)

    def _stopped(self):
        _running.discard(self)

    @property
    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def start(self):
        raise NotImplementedError

    def stop(self):
        raise NotImplementedError

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
