# SPDX-License-Identifier: LGPL-2.1-or-later
"""A per-user script for sipd.py --scripts DIR: calls to bob ring his phones
for 10 seconds; when he is busy, does not answer or cannot be reached, the
caller is redirected to his voicemail (the proxy_then_voicemail of the
"generic SIP API")."""
from gi.repository import SipSimple

VOICEMAIL = "sip:bob@voicemail.example.com"


def redirect_to_voicemail(event):
    event.redirect([SipSimple.Uri.parse(VOICEMAIL)])


def incoming(event, server):
    """Called by sipd.py for each call (INVITE) to bob."""
    def proxied(event, result):
        if event.proxy_finish(result) in (SipSimple.ProxyResult.BUSY,
                                          SipSimple.ProxyResult.NOANSWER,
                                          SipSimple.ProxyResult.FAILURE):
            redirect_to_voicemail(event)

    if server.add_targets(event) == 0:          # no phone registered
        return redirect_to_voicemail(event)
    event.proxy_async(10, SipSimple.ProxyFlags.RECORD_ROUTE, None, proxied)
