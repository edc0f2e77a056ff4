# SPDX-License-Identifier: LGPL-2.1-or-later
"""Test certificates made with the openssl command-line tool.

make_ca_and_cert(directory) writes a private CA and a server certificate
signed by it, whose subjectAltName covers 127.0.0.1, localhost and ::1 (or
the hosts given), valid from now on for 30 days. shared_certs() makes one
such set per process (in a temporary directory removed at exit), which is
what the peers use unless a test passes its own.
"""

import atexit
import ipaddress
import os
import shutil
import subprocess
import tempfile
import threading
from typing import NamedTuple

__all__ = ["Certs", "make_ca_and_cert", "shared_certs"]

OPENSSL = "openssl"


class Certs(NamedTuple):
    """Paths of the PEM files made by make_ca_and_cert()."""
    ca: str        # CA certificate (what clients trust)
    cert: str      # server certificate
    key: str       # server private key (unencrypted)
    combined: str  # server private key followed by the certificate

    @property
    def directory(self):
        return os.path.dirname(self.cert)

    @property
    def ca_key(self):
        return os.path.join(os.path.dirname(self.ca), "ca-key.pem")


def _run(args, cwd):
    r = subprocess.run([OPENSSL] + args, cwd=cwd, stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if r.returncode != 0:
        raise RuntimeError("openssl %s failed (%d):\n%s"
                           % (" ".join(args), r.returncode, r.stdout.decode(errors="replace")))


def _key_args(key_type):
    if key_type == "rsa":
        return ["-newkey", "rsa:2048"]
    if key_type == "ec":
        return ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]
    raise ValueError("key_type must be 'rsa' or 'ec'")


def _san(hosts):
    items = []
    for h in hosts:
        try:
            ipaddress.ip_address(h)
            items.append("IP:" + h)
            # sofia-sip 1.12.11 reads subjectAltName entries named "DNS" and
            # "IP", but OpenSSL 3 names IP entries "IP Address": to sofia an
            # IP-only certificate has no usable subject. Real deployments use
            # host names; for tests on 127.0.0.1 the address is also a DNS
            # entry (README, "TLS").
            items.append("DNS:" + h)
        except ValueError:
            items.append("DNS:" + h)
    return ",".join(items)


def make_ca_and_cert(directory, hosts=("127.0.0.1", "localhost", "::1"),
                     key_type="rsa", days=30, common_name=None):
    """Create directory/{ca.pem, ca-key.pem, cert.pem, key.pem, combined.pem}.

    hosts: IP addresses and DNS names put in the server certificate's
    subjectAltName (the first one is also its CN unless common_name is
    given). key_type: "rsa" (2048 bits, the most compatible) or "ec"
    (P-256). Returns a Certs of absolute paths."""
    hosts = tuple(hosts)
    if not hosts:
        raise ValueError("at least one host is needed")
    directory = os.path.abspath(directory)
    os.makedirs(directory, exist_ok=True)
    ca, ca_key = os.path.join(directory, "ca.pem"), os.path.join(directory, "ca-key.pem")
    cert, key = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
    csr, ext = os.path.join(directory, "cert.csr"), os.path.join(directory, "cert.ext")
    combined = os.path.join(directory, "combined.pem")

    _run(["req", "-x509", "-nodes"] + _key_args(key_type) + [
        "-keyout", ca_key, "-out", ca, "-days", str(days), "-sha256",
        "-subj", "/O=sipsimpletest/CN=sipsimpletest CA",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        "-addext", "subjectKeyIdentifier=hash"], directory)
    _run(["req", "-new", "-nodes"] + _key_args(key_type) + [
        "-keyout", key, "-out", csr,
        "-subj", "/O=sipsimpletest/CN=%s" % (common_name or hosts[0])], directory)
    with open(ext, "w") as f:
        f.write("basicConstraints=critical,CA:FALSE\n"
                "keyUsage=critical,digitalSignature,keyEncipherment\n"
                "extendedKeyUsage=serverAuth,clientAuth\n"
                "subjectKeyIdentifier=hash\n"
                "authorityKeyIdentifier=keyid\n"
                "subjectAltName=%s\n" % _san(hosts))
    _run(["x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key,
          "-CAcreateserial", "-days", str(days), "-sha256",
          "-extfile", ext, "-out", cert], directory)
    with open(combined, "w") as out:
        for p in (key, cert):
            with open(p) as f:
                out.write(f.read())
    for p in (key, ca_key, combined):
        os.chmod(p, 0o600)
    for p in (csr, ext):
        os.unlink(p)
    return Certs(ca, cert, key, combined)


_shared = {}
_shared_lock = threading.Lock()
_shared_dir = None


def _cleanup_shared():
    if _shared_dir:
        shutil.rmtree(_shared_dir, ignore_errors=True)


def shared_certs(hosts=("127.0.0.1", "localhost", "::1"), key_type="rsa"):
    """One CA and server certificate per process and (hosts, key_type),
    made on first use in a temporary directory that is removed at exit."""
    global _shared_dir
    k = (tuple(hosts), key_type)
    with _shared_lock:
        if k not in _shared:
            if _shared_dir is None:
                _shared_dir = tempfile.mkdtemp(prefix="sipsimpletest-certs-")
                atexit.register(_cleanup_shared)
            d = os.path.join(_shared_dir, "set%d" % len(_shared))
            _shared[k] = make_ca_and_cert(d, hosts, key_type=key_type)
        return _shared[k]
