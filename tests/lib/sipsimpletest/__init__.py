# SPDX-License-Identifier: LGPL-2.1-or-later
"""sipsimpletest: real SIP peers and a raw SIP client for libsipsimple's
integration and interop tests (stdlib only; see README.md)."""

from .ports import free_port, free_ports, release_port, port_is_free
from .certs import Certs, make_ca_and_cert, shared_certs
from .sipclient import (Message, Request, Response, SipClient, SipTimeout, parse_message,
                        parse_challenge, digest_response, build_authorization, sip_options)
from .kamailio import Kamailio, KamailioError, SUPPORTED_AUTH_ALGORITHMS
from .sipd import Sipd, SipdError, SIPD_KINDS
from .baresip import Baresip, BaresipError, dominant_tone, tone_powers
from .linphone import Linphone, LinphoneError
from .redis import Redis, RedisError
from .postgres import Postgres, PostgresError
from .forwarder import TcpForwarder

__all__ = [
    "free_port", "free_ports", "release_port", "port_is_free",
    "Certs", "make_ca_and_cert", "shared_certs",
    "Message", "Request", "Response", "SipClient", "SipTimeout", "parse_message",
    "parse_challenge", "digest_response", "build_authorization", "sip_options",
    "Kamailio", "KamailioError", "SUPPORTED_AUTH_ALGORITHMS",
    "Sipd", "SipdError", "SIPD_KINDS",
    "Baresip", "BaresipError", "dominant_tone", "tone_powers",
    "Linphone", "LinphoneError",
    "Redis", "RedisError",
    "Postgres", "PostgresError",
    "TcpForwarder",
]
