# SPDX-License-Identifier: LGPL-2.1-or-later
"""A tiny raw SIP client for tests (UDP, TCP and TLS; stdlib only).

It acts as a second party next to the code under test, or looks at what
is on the wire: build requests with correct Via/branch/Call-ID/CSeq, send
them (or any raw text), wait for responses with a timeout, answer digest
challenges (MD5, SHA-256, SHA-512-256 and their -sess variants, qop=auth
and auth-int, nc/cnonce, RFC 2617/7616/8760), receive requests and answer
them (by hand or automatically).

    with SipClient("udp", ("127.0.0.1", port), user="alice", password="pw",
                   domain="example.com") as alice:
        r = alice.register()                 # 401 answered, returns the 200
        r = alice.message("sip:bob@example.com", "hi")

A background thread reads the socket; everything it receives is also
kept in `received` (and everything sent in `sent`) for wire checks. Not a
full UA: no DNS, no retransmission timers (loopback does not lose
packets), one connection for TCP/TLS (requests from the server come back
over it: register with the connection's own port as Contact, which the
helpers do).
"""

import hashlib
import re
import select
import socket
import ssl
import threading
import time
import uuid

__all__ = [
    "Message", "Request", "Response", "SipClient", "SipTimeout",
    "parse_message", "parse_challenge", "parse_params", "digest_response",
    "build_authorization", "sip_options", "REASONS", "new_branch", "new_tag", "uri_host",
]

REASONS = {
    100: "Trying", 180: "Ringing", 181: "Call Is Being Forwarded", 182: "Queued",
    183: "Session Progress", 200: "OK", 202: "Accepted", 204: "No Notification",
    301: "Moved Permanently", 302: "Moved Temporarily", 400: "Bad Request",
    401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
    405: "Method Not Allowed", 407: "Proxy Authentication Required",
    408: "Request Timeout", 415: "Unsupported Media Type", 420: "Bad Extension",
    423: "Interval Too Brief", 480: "Temporarily Unavailable",
    481: "Call/Transaction Does Not Exist", 483: "Too Many Hops", 486: "Busy Here",
    487: "Request Terminated", 488: "Not Acceptable Here", 489: "Bad Event",
    491: "Request Pending", 500: "Server Internal Error", 501: "Not Implemented",
    503: "Service Unavailable", 504: "Server Time-out", 600: "Busy Everywhere",
    603: "Decline",
}

COMPACT = {
    "v": "via", "f": "from", "t": "to", "i": "call-id", "m": "contact",
    "l": "content-length", "c": "content-type", "k": "supported",
    "s": "subject", "e": "content-encoding", "o": "event", "u": "allow-events",
    "r": "refer-to", "b": "referred-by", "x": "session-expires",
}

# Headers whose values may hold commas that do not separate values.
_NO_SPLIT = {"www-authenticate", "proxy-authenticate", "authorization",
             "proxy-authorization", "date", "retry-after", "authentication-info"}

DEFAULT_TIMEOUT = 5.0


class SipTimeout(AssertionError):
    """Nothing matching arrived in time (an AssertionError so a test that
    does not catch it fails rather than errors)."""


def uri_host(host):
    """host as it goes into a URI or Via: IPv6 literals in brackets."""
    return "[%s]" % host if ":" in host and not host.startswith("[") else host


def new_branch():
    return "z9hG4bK" + uuid.uuid4().hex[:20]


def new_tag():
    return uuid.uuid4().hex[:12]


def _norm(name):
    n = name.strip().lower()
    return COMPACT.get(n, n)


def split_header_values(value):
    """Split a header value on commas outside quotes and <...>."""
    out, cur, quote, angle, esc = [], [], False, False, False
    for ch in value:
        if esc:
            cur.append(ch)
            esc = False
            continue
        if quote and ch == "\\":
            esc = True
        elif ch == '"':
            quote = not quote
        elif not quote and ch == "<":
            angle = True
        elif not quote and ch == ">":
            angle = False
        elif ch == "," and not quote and not angle:
            out.append("".join(cur).strip())
            cur = []
            continue
        cur.append(ch)
    if "".join(cur).strip():
        out.append("".join(cur).strip())
    return out


def parse_params(s):
    """Parse 'a=b, c="d,e", f' (auth params) or ';a=b;c' into a dict with
    lower-case names; quoted values are unquoted."""
    params = {}
    for m in re.finditer(r'\s*([^=\s,;]+)\s*(?:=\s*("(?:[^"\\]|\\.)*"|[^,;\s]*))?\s*[,;]?', s):
        name, val = m.group(1), m.group(2)
        if val is not None and val.startswith('"'):
            val = re.sub(r"\\(.)", r"\1", val[1:-1])
        params[name.lower()] = val if val is not None else ""
    return params


class Message:
    """A SIP message: start line, ordered (name, value) headers, body bytes."""

    def __init__(self, headers=None, body=b""):
        self.headers = list(headers or [])
        self.body = body if isinstance(body, bytes) else body.encode()
        self.source = None      # (host, port) it came from, for received ones
        self.transport = None   # "udp"/"tcp"/"tls", for received ones
        self.time = None        # time.monotonic() of reception

    # header access -------------------------------------------------------
    def header(self, name, default=None):
        """First value of header name (compact forms understood)."""
        n = _norm(name)
        for k, v in self.headers:
            if _norm(k) == n:
                return v
        return default

    def header_lines(self, name):
        """All raw values of header name, one per header line."""
        n = _norm(name)
        return [v for k, v in self.headers if _norm(k) == n]

    def header_values(self, name):
        """All values of header name, comma-separated lists split."""
        n = _norm(name)
        out = []
        for v in self.header_lines(name):
            out.extend([v] if n in _NO_SPLIT else split_header_values(v))
        return out

    def __getitem__(self, name):
        v = self.header(name)
        if v is None:
            raise KeyError(name)
        return v

    def __contains__(self, name):
        return self.header(name) is not None

    def set_header(self, name, value):
        """Replace all occurrences of name by one (at the first's place)."""
        n = _norm(name)
        idx = [i for i, (k, _v) in enumerate(self.headers) if _norm(k) == n]
        if idx:
            self.headers[idx[0]] = (name, value)
            for i in reversed(idx[1:]):
                del self.headers[i]
        else:
            self.add_header(name, value)

    def add_header(self, name, value, first=False):
        if first:
            self.headers.insert(0, (name, value))
        else:
            cl = [i for i, (k, _v) in enumerate(self.headers) if _norm(k) == "content-length"]
            self.headers.insert(cl[0] if cl else len(self.headers), (name, value))

    def remove_header(self, name):
        n = _norm(name)
        self.headers = [(k, v) for k, v in self.headers if _norm(k) != n]

    # common fields -------------------------------------------------------
    @property
    def call_id(self):
        return self.header("call-id")

    @property
    def cseq(self):
        """(number, METHOD)"""
        v = self.header("cseq", "")
        parts = v.split()
        return (int(parts[0]), parts[1].upper()) if len(parts) == 2 else (None, None)

    @property
    def via(self):
        return self.header_values("via")

    @property
    def branch(self):
        v = self.via
        return parse_params(v[0].split(";", 1)[1]).get("branch") if v and ";" in v[0] else None

    @staticmethod
    def _tag(v):
        if v is None:
            return None
        rest = v.rsplit(">", 1)[1] if ">" in v else (v.split(";", 1)[1] if ";" in v else "")
        return parse_params(rest).get("tag")

    @property
    def from_tag(self):
        return self._tag(self.header("from"))

    @property
    def to_tag(self):
        return self._tag(self.header("to"))

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def _serialize(self, start):
        hdrs = [(k, v) for k, v in self.headers if _norm(k) != "content-length"]
        hdrs.append(("Content-Length", str(len(self.body))))
        lines = [start] + ["%s: %s" % kv for kv in hdrs]
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + self.body

    def __str__(self):
        return bytes(self).decode("utf-8", "replace")


class Request(Message):
    def __init__(self, method, uri, headers=None, body=b""):
        super().__init__(headers, body)
        self.method = method.upper()
        self.uri = uri
        self.responses = []      # every response received for it, in order
        self.reply_to_tag = None  # our To tag when we answer it

    def __bytes__(self):
        return self._serialize("%s %s SIP/2.0" % (self.method, self.uri))

    def __repr__(self):
        return "<Request %s %s>" % (self.method, self.uri)


class Response(Message):
    def __init__(self, code, reason=None, headers=None, body=b""):
        super().__init__(headers, body)
        self.code = int(code)
        self.reason = reason if reason is not None else REASONS.get(self.code, "Unknown")
        self.request = None      # the Request it answers (for ours)

    def __bytes__(self):
        return self._serialize("SIP/2.0 %d %s" % (self.code, self.reason))

    def __repr__(self):
        return "<Response %d %s (%s)>" % (self.code, self.reason, self.cseq[1])


def parse_message(data):
    """Parse one complete SIP message (bytes or str)."""
    if isinstance(data, str):
        data = data.encode()
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = data.partition(b"\n\n")
    lines = head.decode("utf-8", "replace").replace("\r\n", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        raise ValueError("empty message")
    start = lines[0]
    headers = []
    for line in lines[1:]:
        if line[:1] in (" ", "\t") and headers:   # folded line
            k, v = headers[-1]
            headers[-1] = (k, v + " " + line.strip())
            continue
        if ":" not in line:
            continue
        k, v = line.split(":", 1)
        headers.append((k.strip(), v.strip()))
    if start.startswith("SIP/2.0 "):
        parts = start.split(" ", 2)
        msg = Response(int(parts[1]), parts[2] if len(parts) > 2 else "", headers)
    else:
        parts = start.split(" ")
        if len(parts) != 3 or not parts[2].startswith("SIP/"):
            raise ValueError("bad start line %r" % start)
        msg = Request(parts[0], parts[1], headers)
    cl = msg.header("content-length")
    msg.body = body[:int(cl)] if cl is not None and cl.isdigit() else body
    return msg


# Digest authentication ------------------------------------------------------

def _hash_fn(algorithm):
    base = (algorithm or "MD5").upper()
    if base.endswith("-SESS"):
        base = base[:-5]
    if base == "MD5":
        return lambda s: hashlib.md5(s).hexdigest()
    if base == "SHA-256":
        return lambda s: hashlib.sha256(s).hexdigest()
    if base == "SHA-512-256":
        return lambda s: hashlib.new("sha512_256", s).hexdigest()
    raise ValueError("unsupported digest algorithm %r" % algorithm)


def _supported(algorithm):
    try:
        _hash_fn(algorithm)(b"")
        return True
    except (ValueError, TypeError):
        return False


def digest_response(algorithm, username, realm, password, method, uri, nonce,
                    qop=None, nc=None, cnonce=None, body=b""):
    """The hex 'response' value of RFC 2617/7616 (RFC 8760 for SIP)."""
    h = _hash_fn(algorithm)
    enc = lambda s: s if isinstance(s, bytes) else s.encode()
    ha1 = h(enc("%s:%s:%s" % (username, realm, password)))
    if (algorithm or "").upper().endswith("-SESS"):
        ha1 = h(enc("%s:%s:%s" % (ha1, nonce, cnonce)))
    if qop == "auth-int":
        ha2 = h(enc("%s:%s:%s" % (method, uri, h(enc(body)))))
    else:
        ha2 = h(enc("%s:%s" % (method, uri)))
    if qop:
        return h(enc("%s:%s:%s:%s:%s:%s" % (ha1, nonce, nc, cnonce, qop, ha2)))
    return h(enc("%s:%s:%s" % (ha1, nonce, ha2)))


def parse_challenge(value):
    """'Digest realm="x", nonce=...' -> (scheme, {param: value})."""
    scheme, _sp, rest = value.strip().partition(" ")
    return scheme, parse_params(rest)


_ALG_PREFERENCE = ["SHA-512-256", "SHA-512-256-SESS", "SHA-256", "SHA-256-SESS", "MD5", "MD5-SESS"]


def choose_challenge(values, prefer=None):
    """From several challenge header values pick the one to answer: the
    algorithm prefer if offered, else the strongest supported one
    (RFC 8760 section 2.4). Returns its params dict or None."""
    cands = []
    for v in values:
        scheme, p = parse_challenge(v)
        if scheme.lower() != "digest":
            continue
        alg = (p.get("algorithm") or "MD5").upper()
        if _supported(alg):
            cands.append((alg, p))
    if not cands:
        return None
    if prefer:
        for alg, p in cands:
            if alg == prefer.upper():
                return p
    cands.sort(key=lambda ap: _ALG_PREFERENCE.index(ap[0]) if ap[0] in _ALG_PREFERENCE else 99)
    return cands[0][1]


def _quote(s):
    return '"%s"' % s.replace("\\", "\\\\").replace('"', '\\"')


def build_authorization(challenge, method, uri, username, password, body=b"",
                        nc=1, cnonce=None, qop=None):
    """Build an Authorization/Proxy-Authorization value answering challenge
    (a header value string or a params dict from parse_challenge). qop is
    picked from the offered ones ("auth" preferred) unless given."""
    if isinstance(challenge, str):
        challenge = parse_challenge(challenge)[1]
    p = challenge
    realm, nonce = p.get("realm", ""), p.get("nonce", "")
    algorithm = p.get("algorithm")
    offered = [q.strip().lower() for q in p["qop"].split(",")] if p.get("qop") else []
    if qop is None and offered:
        qop = "auth" if "auth" in offered else offered[0]
    cnonce = cnonce or uuid.uuid4().hex[:16]
    ncs = "%08x" % nc
    resp = digest_response(algorithm, username, realm, password, method, uri, nonce,
                           qop, ncs if qop else None, cnonce if qop or
                           (algorithm or "").upper().endswith("-SESS") else None, body)
    parts = ["username=%s" % _quote(username), "realm=%s" % _quote(realm),
             "nonce=%s" % _quote(nonce), "uri=%s" % _quote(uri),
             "response=%s" % _quote(resp)]
    if algorithm:
        parts.append("algorithm=%s" % algorithm)
    if "opaque" in p:
        parts.append("opaque=%s" % _quote(p["opaque"]))
    if qop:
        parts += ["qop=%s" % qop, "nc=%s" % ncs, "cnonce=%s" % _quote(cnonce)]
    elif (algorithm or "").upper().endswith("-SESS"):
        parts.append("cnonce=%s" % _quote(cnonce))
    return "Digest " + ", ".join(parts)


# The client -----------------------------------------------------------------

class SipClient:
    """One SIP socket (UDP, or one TCP/TLS connection to server).

    transport: "udp", "tcp" or "tls". server: (host, port) every request
    goes to (an outbound proxy). user/password/domain: the identity (AoR
    sip:user@domain) and credentials for digest challenges. ca_file: CA to
    verify a TLS server with (or pass ssl_context). local_host: bind there
    (default: the loopback address of server's family, 127.0.0.1 or ::1).
    local_port: bind there (default: any free port)."""

    def __init__(self, transport="udp", server=("127.0.0.1", 5060), user="test",
                 password=None, domain="example.com", local_host=None,
                 local_port=0, ca_file=None, ssl_context=None, display_name=None,
                 auth_username=None, timeout=DEFAULT_TIMEOUT, user_agent="sipsimpletest-sipclient"):
        transport = transport.lower()
        if transport not in ("udp", "tcp", "tls"):
            raise ValueError("transport must be udp, tcp or tls")
        self.transport = transport
        self.server = (server[0], int(server[1]))
        self.user, self.password, self.domain = user, password, domain
        self.auth_username = auth_username or user
        self.display_name = display_name
        self.timeout = timeout
        self.user_agent = user_agent
        self.received = []   # every Message received, in order
        self.sent = []       # every bytes sent, in order
        self.errors = []     # unparsable input, reader exceptions
        self._cv = threading.Condition()
        self._responses = []
        self._requests = []
        self._answered = {}  # (branch, method) -> bytes of last reply sent
        self._auto = []      # (method, code, kwargs)
        self._nc = {}        # nonce -> last nc used
        self._reg_call_id = None
        self._reg_cseq = 0
        self._closed = False
        self.conn_closed = False
        # OpenSSL objects must not be read and written by two threads at
        # once: the reader holds this only while data is waiting.
        self._io_lock = threading.Lock()
        if local_host is None:
            local_host = "::1" if ":" in self.server[0] else "127.0.0.1"
        fam = socket.AF_INET6 if ":" in local_host else socket.AF_INET
        if transport == "udp":
            self.sock = socket.socket(fam, socket.SOCK_DGRAM)
            self.sock.bind((local_host, local_port))
        else:
            raw = socket.socket(fam, socket.SOCK_STREAM)
            raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if local_port:
                raw.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                raw.bind((local_host, local_port))
                raw.settimeout(timeout)
                raw.connect(self.server)
                if transport == "tls":
                    ctx = ssl_context
                    if ctx is None:
                        ctx = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=ca_file)
                        if ca_file is None:
                            ctx.check_hostname = False
                            ctx.verify_mode = ssl.CERT_NONE
                    raw = ctx.wrap_socket(raw, server_hostname=self.server[0])
            except BaseException:
                raw.close()
                raise
            self.sock = raw
        self.sock.settimeout(0.2)
        self.local_host, self.local_port = self.sock.getsockname()[:2]
        self._reader = threading.Thread(target=self._read_loop, daemon=True,
                                        name="sipclient-%s-%d" % (transport, self.local_port))
        self._reader.start()

    # basics ----------------------------------------------------------------
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        if self._closed:
            return
        self._closed = True
        self._reader.join(2)
        try:
            if self.transport == "tls":
                try:
                    self.sock.unwrap()
                except (OSError, ValueError, ssl.SSLError):
                    pass
            self.sock.close()
        except OSError:
            pass

    @property
    def aor(self):
        return "sip:%s@%s" % (self.user, self.domain)

    @property
    def host_port(self):
        return "%s:%d" % (uri_host(self.local_host), self.local_port)

    @property
    def contact_uri(self):
        uri = "sip:%s@%s" % (self.user, self.host_port)
        if self.transport != "udp":
            uri += ";transport=" + self.transport
        return uri

    @property
    def contact(self):
        return "<%s>" % self.contact_uri

    def _name_addr(self, uri, tag=None, name=None):
        s = ('"%s" <%s>' % (name, uri)) if name else "<%s>" % uri
        return s + (";tag=" + tag if tag else "")

    # wire ------------------------------------------------------------------
    def send_raw(self, data, addr=None):
        """Send bytes/str as they are (str: bare LF line ends become CRLF)."""
        if isinstance(data, str):
            data = re.sub(r"(?<!\r)\n", "\r\n", data).encode()
        elif isinstance(data, Message):
            data = bytes(data)
        self.sent.append(data)
        with self._io_lock:
            if self.transport == "udp":
                self.sock.sendto(data, addr or self.server)
            else:
                self.sock.sendall(data)

    def _read_loop(self):
        buf = b""
        while not self._closed:
            try:
                pending = self.transport == "tls" and self.sock.pending()
                if not pending and not select.select([self.sock], [], [], 0.2)[0]:
                    continue
                with self._io_lock:
                    if self.transport == "udp":
                        data, addr = self.sock.recvfrom(65535)
                    else:
                        data, addr = self.sock.recv(65535), self.server
                if self.transport == "udp":
                    self._incoming(data, addr)
                    continue
            except (socket.timeout, ssl.SSLWantReadError):
                continue
            except (OSError, ValueError) as e:
                if not self._closed:
                    self.errors.append(e)
                break
            if not data:
                break
            buf += data
            while True:
                buf = buf.lstrip(b"\r\n")   # keep-alive CRLFs
                end = buf.find(b"\r\n\r\n")
                if end < 0:
                    break
                m = re.search(rb"(?im)^(?:content-length|l)[ \t]*:[ \t]*(\d+)", buf[:end])
                total = end + 4 + (int(m.group(1)) if m else 0)
                if len(buf) < total:
                    break
                self._incoming(buf[:total], addr)
                buf = buf[total:]
        with self._cv:
            self.conn_closed = True
            self._cv.notify_all()

    def _incoming(self, data, addr):
        try:
            msg = parse_message(data)
        except Exception as e:   # noqa: BLE001 - keep reading whatever comes
            self.errors.append((e, data))
            return
        msg.source, msg.transport, msg.time = addr, self.transport, time.monotonic()
        with self._cv:
            self.received.append(msg)
            if isinstance(msg, Response):
                self._responses.append(msg)
                self._cv.notify_all()
                return
            key = (msg.branch, msg.method)
            if key in self._answered:        # retransmission we answered
                if self._answered[key] is not None:
                    self._send_locked(self._answered[key], msg)
                return
            if any(r.branch == msg.branch and r.method == msg.method for r in self._requests):
                return                         # retransmission not yet answered
            for method, code, kw in self._auto:
                if method in ("*", msg.method) and msg.method != "ACK":
                    self._requests.append(msg)  # still visible to wait_request
                    self._reply_locked(msg, code, **kw)
                    self._cv.notify_all()
                    return
            self._requests.append(msg)
            self._cv.notify_all()

    def _send_locked(self, data, to_msg):
        self.sent.append(data)
        try:
            with self._io_lock:
                if self.transport == "udp":
                    self.sock.sendto(data, to_msg.source or self.server)
                else:
                    self.sock.sendall(data)
        except OSError as e:
            self.errors.append(e)

    def _wait(self, pick, timeout, what):
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        with self._cv:
            while True:
                got = pick()
                if got is not None:
                    return got
                left = deadline - time.monotonic()
                if left <= 0:
                    raise SipTimeout("timeout waiting for %s" % what)
                self._cv.wait(left)

    # requests (UAC) ----------------------------------------------------------
    def create_request(self, method, uri=None, to=None, from_=None, headers=(), body=b"",
                       content_type=None, call_id=None, cseq=1, from_tag=None,
                       contact=None, route=None, expires=None):
        """Build a Request (not sent). uri defaults to the AoR's domain for
        REGISTER, else to `to` or sip:domain. to/from_: URI strings (or
        full name-addr values if they contain '<'). headers: extra
        (name, value) pairs."""
        method = method.upper()
        if uri is None:
            uri = "sip:%s" % self.domain if method == "REGISTER" else (to or "sip:%s" % self.domain)
        if to is None:
            to = self.aor if method == "REGISTER" else uri
        from_ = from_ or self.aor
        req = Request(method, uri)
        proto = self.transport.upper()
        req.add_header("Via", "SIP/2.0/%s %s;rport;branch=%s" % (proto, self.host_port, new_branch()))
        req.add_header("Max-Forwards", "70")
        if route:
            for r in ([route] if isinstance(route, str) else route):
                req.add_header("Route", r if "<" in r else "<%s>" % r)
        req.add_header("From", from_ if "<" in from_ else
                       self._name_addr(from_, from_tag or new_tag(), self.display_name))
        req.add_header("To", to if "<" in to else self._name_addr(to))
        req.add_header("Call-ID", call_id or "%s@%s" % (uuid.uuid4().hex, self.local_host))
        req.add_header("CSeq", "%d %s" % (cseq, method))
        if contact is None and method in ("REGISTER", "INVITE", "SUBSCRIBE", "REFER"):
            contact = self.contact
        if contact:
            req.add_header("Contact", contact)
        if expires is not None:
            req.add_header("Expires", str(expires))
        req.add_header("User-Agent", self.user_agent)
        for k, v in headers:
            req.add_header(k, v)
        if body:
            req.body = body if isinstance(body, bytes) else body.encode()
            req.add_header("Content-Type", content_type or "text/plain")
        return req

    def send_request(self, req):
        """Send a Request and return it (its responses are then matched
        by Via branch and CSeq method)."""
        self.send_raw(bytes(req))
        return req

    def wait_response(self, req, timeout=None, final=True):
        """Next response to req (by default the next final one; the
        provisional ones are kept in req.responses). Non-2xx finals of an
        INVITE are ACKed automatically."""
        def pick():
            for i, r in enumerate(self._responses):
                if r.branch == req.branch and r.cseq[1] == req.method:
                    del self._responses[i]
                    if r in req.responses:   # retransmission
                        return None
                    r.request = req
                    req.responses.append(r)
                    if r.code >= 200 or not final:
                        return r
            return None
        r = self._wait(pick, timeout, "a response to %s %s" % (req.method, req.uri))
        if req.method == "INVITE" and r.code >= 300:
            self._ack_non2xx(req, r)
        return r

    def _ack_non2xx(self, req, resp):
        ack = Request("ACK", req.uri)
        ack.add_header("Via", req.header("via"))
        ack.add_header("Max-Forwards", "70")
        for r in req.header_lines("route"):
            ack.add_header("Route", r)
        ack.add_header("From", req.header("from"))
        ack.add_header("To", resp.header("to"))
        ack.add_header("Call-ID", req.call_id)
        ack.add_header("CSeq", "%d ACK" % req.cseq[0])
        self.send_raw(bytes(ack))

    def authorize(self, req, challenge, prefer_algorithm=None):
        """A copy of req (CSeq+1, new branch) carrying credentials that
        answer the 401/407 response challenge."""
        hname, aname = (("WWW-Authenticate", "Authorization") if challenge.code == 401
                        else ("Proxy-Authenticate", "Proxy-Authorization"))
        values = challenge.header_values(hname)
        if not values:
            raise ValueError("%d without %s" % (challenge.code, hname))
        by_realm = {}
        for v in values:
            by_realm.setdefault(parse_challenge(v)[1].get("realm"), []).append(v)
        new = Request(req.method, req.uri, [h for h in req.headers
                                            if _norm(h[0]) not in (_norm(aname),)], req.body)
        num, method = req.cseq
        new.set_header("CSeq", "%d %s" % (num + 1, method))
        via = req.header("via")
        new.set_header("Via", re.sub(r"branch=[^;,\s]+", "branch=" + new_branch(), via, count=1))
        for realm, vals in by_realm.items():
            p = choose_challenge(vals, prefer_algorithm)
            if p is None:
                raise ValueError("no supported digest challenge in %r" % vals)
            nc = self._nc.get(p.get("nonce"), 0) + 1
            self._nc[p.get("nonce")] = nc
            if self.password is None:
                raise ValueError("challenged but no password given")
            new.add_header(aname, build_authorization(p, req.method, req.uri, self.auth_username,
                                                      self.password, req.body, nc=nc))
        if req.method == "REGISTER" and req.call_id == self._reg_call_id:
            self._reg_cseq = num + 1
        return new

    def request(self, method, uri=None, auth=True, timeout=None, prefer_algorithm=None, **kw):
        """Send a request, answer up to two 401/407 challenges (if auth and
        a password is set) and return the final response; response.request
        is the request that got it (the last one sent)."""
        req = self.send_request(self.create_request(method, uri, **kw))
        return self.complete(req, auth, timeout, prefer_algorithm)

    def complete(self, req, auth=True, timeout=None, prefer_algorithm=None):
        """Wait for the final response to req, answering challenges."""
        r = self.wait_response(req, timeout)
        for _ in range(2):
            if not (auth and self.password is not None and r.code in (401, 407)):
                break
            req = self.send_request(self.authorize(req, r, prefer_algorithm))
            r = self.wait_response(req, timeout)
        return r

    def register(self, expires=3600, registrar=None, contact=None, **kw):
        """REGISTER the AoR with our Contact (same Call-ID, rising CSeq
        for this client's registrations); returns the final response."""
        if self._reg_call_id is None:
            self._reg_call_id = "%s@%s" % (uuid.uuid4().hex, self.local_host)
        auth = kw.pop("auth", True)
        prefer = kw.pop("prefer_algorithm", None)
        timeout = kw.pop("timeout", None)
        self._reg_cseq += 1
        req = self.create_request("REGISTER", registrar, call_id=self._reg_call_id,
                                  cseq=self._reg_cseq, contact=contact, expires=expires, **kw)
        self.send_request(req)
        r = self.complete(req, auth=auth, timeout=timeout, prefer_algorithm=prefer)
        self._reg_cseq = max(self._reg_cseq, r.cseq[0] or 0)
        return r

    def unregister(self, **kw):
        return self.register(expires=0, **kw)

    def options(self, uri=None, **kw):
        return self.request("OPTIONS", uri or "sip:%s:%d%s" % (
            uri_host(self.server[0]), self.server[1],
            "" if self.transport == "udp" else ";transport=" + self.transport), **kw)

    def message(self, to, text, content_type="text/plain", **kw):
        return self.request("MESSAGE", to, body=text, content_type=content_type, **kw)

    # incoming requests (UAS) ---------------------------------------------------
    def wait_request(self, method=None, timeout=None, predicate=None):
        """Next received request (of method, matching predicate), removed
        from the queue of incoming requests."""
        def pick():
            for i, r in enumerate(self._requests):
                if (method is None or r.method == method.upper()) and (predicate is None or predicate(r)):
                    del self._requests[i]
                    return r
            return None
        return self._wait(pick, timeout, "a %s request" % (method or "SIP"))

    def reply(self, req, code, reason=None, headers=(), body=b"", content_type=None, contact=None):
        """Answer a received request (To tag added; Via, From, Call-ID,
        CSeq and Record-Route copied). Retransmissions of req get the last
        answer again. Returns the Response sent."""
        with self._cv:
            return self._reply_locked(req, code, reason, headers, body, content_type, contact)

    def _reply_locked(self, req, code, reason=None, headers=(), body=b"", content_type=None, contact=None):
        resp = Response(code, reason)
        for v in req.header_lines("via"):
            resp.add_header("Via", v)
        resp.add_header("From", req.header("from"))
        to = req.header("to")
        if code > 100 and req.to_tag is None:
            if req.reply_to_tag is None:
                req.reply_to_tag = new_tag()
            to += ";tag=" + req.reply_to_tag
        resp.add_header("To", to)
        resp.add_header("Call-ID", req.call_id)
        resp.add_header("CSeq", req.header("cseq"))
        if 100 < code < 300:
            for v in req.header_lines("record-route"):
                resp.add_header("Record-Route", v)
            if contact is None and req.method in ("INVITE", "SUBSCRIBE", "REFER"):
                contact = self.contact
        if contact:
            resp.add_header("Contact", contact)
        resp.add_header("Server", self.user_agent)
        for k, v in headers:
            resp.add_header(k, v)
        if body:
            resp.body = body if isinstance(body, bytes) else body.encode()
            resp.add_header("Content-Type", content_type or "text/plain")
        data = bytes(resp)
        if req.method != "ACK":
            self._answered[(req.branch, req.method)] = data
        self._send_locked(data, req)
        return resp

    def auto_answer(self, method="*", code=200, **kw):
        """From now on answer every incoming request of method ("*": all
        but ACK) with code (kw as for reply()). The requests still show up
        in wait_request()."""
        with self._cv:
            self._auto.append((method.upper() if method != "*" else "*", code, kw))

    def ack(self, resp):
        """ACK a 2xx to an INVITE we sent (Route from Record-Route,
        Request-URI from the Contact)."""
        req = resp.request
        contact = resp.header_values("contact")
        target = re.sub(r"^.*<([^>]*)>.*$", r"\1", contact[0]) if contact else req.uri
        ack = Request("ACK", target)
        ack.add_header("Via", "SIP/2.0/%s %s;rport;branch=%s"
                       % (self.transport.upper(), self.host_port, new_branch()))
        ack.add_header("Max-Forwards", "70")
        for rr in reversed(resp.header_values("record-route")):
            ack.add_header("Route", rr)
        ack.add_header("From", req.header("from"))
        ack.add_header("To", resp.header("to"))
        ack.add_header("Call-ID", req.call_id)
        ack.add_header("CSeq", "%d ACK" % req.cseq[0])
        self.send_raw(bytes(ack))
        return ack

    def collect(self, timeout=1.0, predicate=None):
        """Wait timeout seconds, then return the messages received since the
        call (matching predicate), without consuming them."""
        start = len(self.received)
        time.sleep(timeout)
        with self._cv:
            return [m for m in self.received[start:] if predicate is None or predicate(m)]


def sip_options(host, port, transport="udp", ca_file=None, timeout=2.0, uri=None):
    """Send one OPTIONS to host:port and return the final Response (raises
    SipTimeout or OSError). Handy as a health check of a server."""
    with SipClient(transport, (host, port), user="probe", domain=uri_host(host), ca_file=ca_file,
                   timeout=timeout) as c:
        return c.options(uri, auth=False, timeout=timeout)
