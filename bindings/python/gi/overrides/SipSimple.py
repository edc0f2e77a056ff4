# PyGObject overrides for SipSimple: the namespace reads like Python.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Python additions to ``gi.repository.SipSimple``.

Values
    ``Uri``, ``NameAddr``, ``Route`` and ``MsrpUri`` have ``str()`` (their
    ``to_string()``), ``==`` (their ``equal()``, so RFC 3261 URI comparison)
    and ``hash()`` (their ``hash()``): they work as dict keys and in sets.
    They are mutable: do not change one while it is a key.

``Headers`` is a mutable mapping from header name to value
    Names are matched without regard to case and in compact form
    (``h["f"]`` is ``h["From"]``). ``h[name]`` is the *first* field of
    that name (KeyError if none); ``h.get_all(name)`` lists every one.
    ``h[name] = value`` replaces every field of that name by one (a list or
    tuple of values makes one field per value); ``del h[name]`` removes
    them all. Iteration yields the distinct names in the order they first
    appear, so ``len(h)`` counts names; ``h.get_length()`` counts fields.
    ``h.get(name, default)`` takes an optional default.

Errors
    Every GError domain of the library has an exception class, a subclass
    of ``GLib.Error`` (so ``except GLib.Error`` still catches it) and of
    ``SipSimple.Error``: ``SipSimple.SipError``, ``ParseError``,
    ``EngineError``, ``MsrpError``, ``ApplicationError``, ``SessionError``,
    ``MediaStreamError``, ``AgentError``, ``PresenceError``,
    ``StorageError``, ``XcapError``. Each keeps the codes of its enum as
    class attributes (``SipSimple.SipError.NOT_FOUND`` is still the enum
    value, for ``error.matches()`` and comparisons with ``error.code``).
    ``error.status`` is the SIP status for ``SipError`` (its code, e.g.
    404), the MSRP status for an ``MsrpError`` whose peer or relay answered
    with one (e.g. 403), and None otherwise. Every SipSimple function and
    method that can fail raises these classes.

asyncio
    Every ``foo_async(..., cancellable, callback, user_data)`` / ``foo_finish``
    pair is also reachable as an awaitable: ``obj.foo(...)`` (the name
    without ``_async``, unless the class has a ``foo`` of its own:
    ``MemoryLocation.lookup`` stays synchronous) and ``obj.foo_async(...)``
    called without the callback both start the operation at once and return an
    ``asyncio.Future`` of what ``foo_finish`` returns; a failure raises the
    exception class of its domain. A ``cancellable=`` keyword (or the
    cancellable in its usual place) is honoured; cancelling the future (or
    the task awaiting it, e.g. ``asyncio.wait_for`` timing out) cancels the
    operation through that GCancellable. Passing a callback (even None)
    calls the C function as before.

    GLib's main context must run while asyncio waits: use the event loop of
    this module, which runs the thread-default GLib main context inside
    asyncio's loop::

        async def main():
            app = SipSimple.Application.new()
            await app.start(SipSimple.MemoryStorage.new())
            ...
            await app.stop()

        SipSimple.run(main())

    ``SipSimple.new_event_loop()`` makes such a loop and
    ``SipSimple.EventLoopPolicy`` makes ``asyncio.run()`` (and
    ``unittest.IsolatedAsyncioTestCase``) use it. An awaitable started on
    another asyncio loop raises RuntimeError instead of hanging.

    An awaiting coroutine resumes after the C callback has returned. That
    matters for ``Event.proxy_async``, whose callback may act on the result
    before the best response is passed on (a voicemail fallback): ``await
    event.proxy(...)`` resumes once it has been passed on, so such a
    fallback keeps the callback form.

Construction
    PyGObject (3.42, Debian 12) does not run GInitable's init() when an
    object is made with its Python constructor, so a class whose
    construction can fail would come out half-built. ``Account`` and
    ``Session`` run it: ``SipSimple.Account(id="bad")`` raises like
    ``SipSimple.Account.new("bad")`` does.
"""

import asyncio
import collections.abc
import functools
import math
import re
import selectors

from gi.repository import Gio, GLib

from ..importer import modules
from ..overrides import override

SipSimple = modules["SipSimple"]._introspection_module
_Repository = __import__("gi._gi", fromlist=["Repository"]).Repository
_repo = _Repository.get_default()

__all__ = []


# --- errors -----------------------------------------------------------------

class Error(GLib.Error):
    """Base of the SipSimple exception classes; a ``GLib.Error``."""

    @property
    def status(self):
        """The SIP or MSRP status code the error stands for, or None."""
        return None


class _SipStatusError(Error):
    @property
    def status(self):
        return self.code


_MSRP_STATUS = re.compile(r":\s*([1-9][0-9]{2})(?:\s|$)")


class _MsrpStatusError(Error):
    @property
    def status(self):
        # MSRP error codes are the library's own (SipSimple.MsrpError); a
        # status the peer or a relay answered is in the message, "...: 403 Forbidden"
        match = _MSRP_STATUS.search(self.message or "")
        return int(match.group(1)) if match else None


_ERROR_BASES = {"SipError": _SipStatusError, "MsrpError": _MsrpStatusError}
_error_classes = {}      # domain string -> class


def _make_error_classes():
    for info in _repo.get_infos("SipSimple"):
        name = info.get_name()
        if not name.endswith("_error_quark"):
            continue
        class_name = "".join(p.capitalize() for p in name[:-len("_quark")].split("_"))
        domain = GLib.quark_to_string(getattr(SipSimple, name)())
        namespace = {"__doc__": "Errors of the %s domain (a GLib.Error)." % domain,
                     "__module__": "gi.repository.SipSimple", "domain_quark": staticmethod(getattr(SipSimple, name))}
        codes = getattr(SipSimple, class_name, None)
        if codes is not None:
            namespace["Code"] = codes
            for member, value in vars(codes).items():
                if member.isupper() and isinstance(value, codes):
                    namespace[member] = value
        cls = type(class_name, (_ERROR_BASES.get(class_name, Error),), namespace)
        cls.__qualname__ = class_name
        _error_classes[domain] = cls
        globals()[class_name] = cls
        __all__.append(class_name)


_make_error_classes()
Error.__module__ = "gi.repository.SipSimple"
__all__.append("Error")


def _convert(error):
    """The exception of error's domain class, or error itself."""
    cls = _error_classes.get(error.domain)
    if cls is None or isinstance(error, cls):
        return error
    converted = cls(error.message, error.domain, error.code)
    converted.__traceback__ = error.__traceback__
    return converted


class _Raising:
    """A descriptor around a GI callable that raises the domain's class."""

    def __init__(self, inner, name):
        self.inner = inner
        self.__name__ = name
        self.__doc__ = getattr(inner, "__doc__", None)

    def __get__(self, obj, owner=None):
        # gi.FunctionInfo binds in C and has no __get__: do what it does
        inner = self.inner
        if inner.is_constructor():
            bound = functools.partial(inner, owner)
        elif inner.is_method() and obj is not None:
            bound = functools.partial(inner, obj)
        else:
            bound = inner

        def call(*args, **kwargs):
            try:
                return bound(*args, **kwargs)
            except GLib.Error as error:
                raise _convert(error) from None

        call.__name__ = self.__name__
        call.__doc__ = self.__doc__
        return call


def _raising_function(inner, name):
    def call(*args, **kwargs):
        try:
            return inner(*args, **kwargs)
        except GLib.Error as error:
            raise _convert(error) from None

    call.__name__ = name
    call.__doc__ = getattr(inner, "__doc__", None)
    return call


# --- asyncio ----------------------------------------------------------------

class _GLibSelector(selectors.DefaultSelector):
    """asyncio's selector, waiting in GLib's main context: the context polls
    the selector's own descriptor (readable when one of asyncio's is ready)
    along with its sources and dispatches what is ready, then asyncio
    collects its events without waiting."""

    def __init__(self, context):
        super().__init__()
        self._context = context
        self._source = GLib.unix_fd_source_new(self.fileno(), GLib.IOCondition.IN)
        self._source.set_callback(lambda *args: GLib.SOURCE_CONTINUE)
        self._source.attach(context)

    def select(self, timeout=None):
        context = self._context
        if timeout is not None and timeout <= 0:
            context.iteration(False)
        else:
            timer = None
            if timeout is not None:
                timer = GLib.timeout_source_new(max(1, math.ceil(timeout * 1000)))
                timer.set_callback(lambda *args: GLib.SOURCE_REMOVE)
                timer.attach(context)
            context.iteration(True)
            if timer is not None:
                timer.destroy()
        return super().select(0)

    def close(self):
        if self._source is not None:
            self._source.destroy()
            self._source = None
        super().close()


class EventLoop(asyncio.SelectorEventLoop):
    """An asyncio event loop that also runs the GLib main context that was
    the thread's default when it was made (the one the SDK's objects use)."""

    def __init__(self, context=None):
        if context is None:
            context = GLib.MainContext.ref_thread_default()
        super().__init__(_GLibSelector(context))


class EventLoopPolicy(asyncio.DefaultEventLoopPolicy):
    """Makes asyncio.run() and friends use SipSimple.EventLoop."""

    def new_event_loop(self):
        return EventLoop()


def new_event_loop():
    """Returns a new SipSimple.EventLoop for this thread's GLib context."""
    return EventLoop()


def run(main, *, debug=None):
    """Runs the coroutine main on a new SipSimple.EventLoop (as asyncio.run
    does) and returns its result."""
    loop = EventLoop()
    try:
        asyncio.set_event_loop(loop)
        if debug is not None:
            loop.set_debug(debug)
        return loop.run_until_complete(main)
    finally:
        try:
            pending = asyncio.all_tasks(loop)
            for task in pending:
                task.cancel()
            if pending:
                loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.run_until_complete(loop.shutdown_asyncgens())
        finally:
            asyncio.set_event_loop(None)
            loop.close()


__all__ += ["EventLoop", "EventLoopPolicy", "new_event_loop", "run"]


class _Operation(asyncio.Future):
    """The future of one asynchronous call: cancelling it cancels the call's
    GCancellable at once (not from a callback of the loop), so that the
    operation stops before whoever awaited the future goes on."""

    def __init__(self, cancellable, *, loop):
        super().__init__(loop=loop)
        self.cancellable = cancellable

    def cancel(self, msg=None):
        if not super().cancel(msg):
            return False
        self.cancellable.cancel()
        return True


def _start_future(obj, start, finish, args, cancellable):
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        raise RuntimeError("awaiting %s needs a running SipSimple.EventLoop "
                           "(SipSimple.run(), or pass a callback)" % start.__name__) from None
    if not isinstance(loop, EventLoop):
        raise RuntimeError("%s: the running asyncio loop does not run GLib's main context; "
                           "use SipSimple.run() or SipSimple.EventLoopPolicy" % start.__name__)
    future = _Operation(cancellable if cancellable is not None else Gio.Cancellable(), loop=loop)

    def done(source, result, *user_data):
        try:
            value = finish(obj, result)
        except GLib.Error as error:
            if not future.done():
                future.set_exception(_convert(error))
        else:
            if not future.done():
                future.set_result(value)

    start(obj, *args, future.cancellable, done)
    return future


def _async_methods(start, finish, n_args, name):
    """The replacement of foo_async and the awaitable foo."""
    n_leading = n_args - 3             # before cancellable, callback, user_data

    def split(args, kwargs):
        if len(args) > n_leading + 1:
            raise TypeError("%s() takes at most %d arguments without a callback" % (name, n_leading + 1))
        cancellable = kwargs.pop("cancellable", None)
        if len(args) == n_leading + 1:
            cancellable = args[-1]
            args = args[:-1]
        if kwargs:
            raise TypeError("%s() got unexpected keyword arguments %s" % (name, ", ".join(kwargs)))
        return args, cancellable

    def foo_async(self, *args, **kwargs):
        if len(args) > n_leading + 1 or "callback" in kwargs:
            try:
                return start(self, *args, **kwargs)
            except GLib.Error as error:
                raise _convert(error) from None
        args, cancellable = split(args, dict(kwargs))
        return _start_future(self, start, finish, args, cancellable)

    def foo(self, *args, **kwargs):
        args, cancellable = split(args, dict(kwargs))
        return _start_future(self, start, finish, args, cancellable)

    foo_async.__name__ = name
    foo_async.__doc__ = getattr(start, "__doc__", None)
    foo.__name__ = name[:-len("_async")]
    foo.__doc__ = ("Awaitable %s(): returns an asyncio.Future of %s_finish()'s result."
                   % (name, name[:-len("_async")]))
    return foo_async, foo


def _wrap_class(info):
    cls = getattr(SipSimple, info.get_name(), None)
    if not isinstance(cls, type):
        return
    methods = {m.get_name(): m for m in info.get_methods() if m.get_name() in cls.__dict__}
    originals = {name: cls.__dict__[name] for name in methods}
    for name, method in methods.items():
        base = name[:-len("_async")]
        if name.endswith("_async") and base + "_finish" in methods:
            foo_async, foo = _async_methods(originals[name], originals[base + "_finish"],
                                            len(method.get_arguments()), name)
            setattr(cls, name, foo_async)
            if not hasattr(cls, base):
                setattr(cls, base, foo)
        elif method.can_throw_gerror():
            setattr(cls, name, _Raising(originals[name], name))


def _wrap_namespace():
    for info in _repo.get_infos("SipSimple"):
        kind = type(info).__name__
        if kind in ("ObjectInfo", "InterfaceInfo", "StructInfo"):
            _wrap_class(info)
        elif kind == "FunctionInfo" and info.can_throw_gerror():
            name = info.get_name()
            globals()[name] = _raising_function(getattr(SipSimple, name), name)
            __all__.append(name)


_wrap_namespace()


# --- values -----------------------------------------------------------------

def _value_dunders(cls):
    def __str__(self):
        return self.to_string()

    def __repr__(self):
        return "<SipSimple.%s %r>" % (cls.__name__, self.to_string())

    def __eq__(self, other):
        if not isinstance(other, cls):
            return NotImplemented
        return bool(self.equal(other))

    def __ne__(self, other):
        if not isinstance(other, cls):
            return NotImplemented
        return not self.equal(other)

    def __hash__(self):
        return self.hash()

    for fn in (__str__, __repr__, __eq__, __ne__, __hash__):
        setattr(cls, fn.__name__, fn)


for _cls in (SipSimple.Uri, SipSimple.NameAddr, SipSimple.Route, SipSimple.MsrpUri):
    _value_dunders(_cls)


def _headers_mapping(cls):
    get_first = cls.get

    def get(self, name, default=None):
        """The first field called name, or default (None) if there is none."""
        value = get_first(self, name)
        return default if value is None else value

    def __getitem__(self, name):
        value = get_first(self, name)
        if value is None:
            raise KeyError(name)
        return value

    def __setitem__(self, name, value):
        if isinstance(value, (list, tuple)):
            if not value:
                self.remove(name)
                return
            self.set(name, value[0])
            for more in value[1:]:
                self.append(name, more)
        else:
            self.set(name, value)

    def __delitem__(self, name):
        if self.remove(name) == 0:
            raise KeyError(name)

    def __contains__(self, name):
        return isinstance(name, str) and get_first(self, name) is not None

    def __iter__(self):
        return iter(self.get_names())

    def __len__(self):
        return len(self.get_names())

    def __str__(self):
        return self.to_string()

    def __repr__(self):
        return "<SipSimple.Headers %r>" % list(self.items())

    for fn in (get, __getitem__, __setitem__, __delitem__, __contains__, __iter__, __len__,
               __str__, __repr__):
        setattr(cls, fn.__name__, fn)
    for mixin in ("keys", "items", "values", "pop", "popitem", "clear", "update", "setdefault"):
        setattr(cls, mixin, getattr(collections.abc.MutableMapping, mixin))
    collections.abc.MutableMapping.register(cls)


_headers_mapping(SipSimple.Headers)


# --- GInitable ----------------------------------------------------------------

def _initable(cls):
    class Initable(cls):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            try:
                self.init(None)
            except GLib.Error as error:
                raise _convert(error) from None

    Initable.__name__ = cls.__name__
    Initable.__qualname__ = cls.__name__
    return override(Initable)


Account = _initable(SipSimple.Account)
Session = _initable(SipSimple.Session)
RedisLocation = _initable(SipSimple.RedisLocation)
PostgresLocation = _initable(SipSimple.PostgresLocation)
__all__ += ["Account", "Session", "RedisLocation", "PostgresLocation"]
