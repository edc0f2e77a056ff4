# PyGObject overrides for SipSimple.
#
# PyGObject (3.42, Debian 12) does not run GInitable's init() when an
# object is made with its Python constructor, so a class whose
# construction can fail would come out half-built. The classes below run
# it: SipSimple.Account(id="bad") raises GLib.Error like
# SipSimple.Account.new("bad") does.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

from ..importer import modules
from ..overrides import override

SipSimple = modules["SipSimple"]._introspection_module

__all__ = []


def _initable(cls):
    class Initable(cls):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.init(None)

    Initable.__name__ = cls.__name__
    Initable.__qualname__ = cls.__name__
    return override(Initable)


Account = _initable(SipSimple.Account)
Session = _initable(SipSimple.Session)
RedisLocation = _initable(SipSimple.RedisLocation)
__all__ += ["Account", "Session", "RedisLocation"]
