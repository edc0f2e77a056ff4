# SPDX-License-Identifier: LGPL-2.1-or-later
"""A PostgreSQL server for tests: Debian's initdb and postgres (as the
postgres user when the test runs as root: both refuse root) in a temporary
directory, on 127.0.0.1 and a free port, its Unix socket in that directory,
trust authentication, no fsync.

    with Postgres() as pg:
        pg.create_database("sip")
        pg.uri("sip")                 # "postgresql://postgres@127.0.0.1:PORT/sip"
        pg.query("sip", "SELECT count(*) FROM location")   # psql, rows as lists
        pg.kill(); pg.start()         # goes at once (immediate shutdown), comes back

It is always stopped (with, atexit, parent-death signal).
"""

import glob
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time

from . import ports as _ports
from .dbserver import DatabaseServer
from .sipd import _die_with_parent

__all__ = ["Postgres", "PostgresError"]

class PostgresError(RuntimeError):
    pass


def _bindir():
    if os.environ.get("PG_BINDIR"):
        return os.environ["PG_BINDIR"]
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"),
                   key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    if not found:
        raise PostgresError("PostgreSQL not found (Debian package postgresql)")
    return os.path.dirname(found[-1])


class Postgres(DatabaseServer):
    def __init__(self, startup_timeout=20.0):
        super().__init__(startup_timeout)
        self.bindir = _bindir()
        if os.getuid() == 0:
            pw = pwd.getpwnam("postgres")
            self._ids = (pw.pw_uid, pw.pw_gid)
        else:
            self._ids = None

    def uri(self, database="postgres"):
        return "postgresql://postgres@%s:%d/%s" % (self.address, self.port, database)

    def _as_server_user(self):
        # the credentials first: changing them clears the parent-death signal
        if self._ids is not None:
            os.setgid(self._ids[1])
            os.setuid(self._ids[0])
        _die_with_parent()

    def _run(self, *argv, check=True):
        r = subprocess.run([os.path.join(self.bindir, argv[0])] + list(argv[1:]),
                           cwd=self.dir, stdin=subprocess.DEVNULL, capture_output=True,
                           text=True, preexec_fn=self._as_server_user,
                           env=dict(os.environ, LC_ALL="C"))
        if check and r.returncode != 0:
            raise PostgresError("%s failed: %s" % (argv[0], r.stderr.strip()))
        return r

    def start(self):
        """Starts the server (initdb the first time); again after kill() or
        stop(), on the same port with the same data."""
        if self.port is None:
            self.port = _ports.free_port("tcp", self.address)
        data = None
        if self.dir is None:
            self.dir = tempfile.mkdtemp(prefix="sipsimpletest-postgres-")
            if self._ids is not None:
                os.chown(self.dir, *self._ids)
            data = os.path.join(self.dir, "data")
            self._run("initdb", "-D", data, "-A", "trust", "-U", "postgres", "--no-sync",
                      "--no-locale", "-E", "UTF8")
        data = os.path.join(self.dir, "data")
        self.proc = subprocess.Popen(
            [os.path.join(self.bindir, "postgres"), "-D", data, "-k", self.dir,
             "-p", str(self.port), "-c", "listen_addresses=" + self.address, "-F"],
            cwd=self.dir, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True,
            preexec_fn=self._as_server_user, env=dict(os.environ, LC_ALL="C"))
        self._started()
        deadline = time.monotonic() + self.startup_timeout
        while True:
            if self._run("pg_isready", "-h", self.dir, "-p", str(self.port),
                         check=False).returncode == 0:
                return self
            if self.proc.poll() is not None:
                raise PostgresError("postgres exited with %s" % self.proc.returncode)
            if time.monotonic() > deadline:
                raise PostgresError("postgres does not answer on port %d" % self.port)
            time.sleep(0.05)

    def _signal_and_wait(self, sig):
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            proc.send_signal(sig)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)

    def kill(self):
        """Goes at once (immediate shutdown: connections cut, no checkpoint),
        as a crashed server; start() brings it back after crash recovery."""
        self._signal_and_wait(signal.SIGQUIT)

    def stop(self):
        self._signal_and_wait(signal.SIGINT)        # a fast shutdown
        self._stopped()
        if self.dir:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None
        if self.port is not None:
            _ports.release_port(self.port)

    def query(self, database, sql):
        """Runs sql through psql; the rows of its last statement as lists of
        strings."""
        r = self._run("psql", "-h", self.dir, "-p", str(self.port), "-U", "postgres",
                      "-d", database, "-X", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1",
                      "-c", sql)
        return [line.split("\t") for line in r.stdout.splitlines() if line]

    def create_database(self, name):
        self.query("postgres", 'CREATE DATABASE "%s"' % name.replace('"', '""'))
        return self.uri(name)
