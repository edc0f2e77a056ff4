# SPDX-License-Identifier: LGPL-2.1-or-later
"""A SipSimple.MediaStream written in Python, for session tests.

It negotiates an `m=application PORT udp sipsimple-test` line with hold
(direction attributes) and records what the session asked of it, so the
session's signalling can be tested without audio. It also shows that a
stream type can be implemented outside the library, in Python.
"""

import gi

gi.require_version("SipSimple", "1.0")
gi.require_version("GstSdp", "1.0")
from gi.repository import GLib, GObject, Gio, GstSdp, SipSimple  # noqa: E402

__all__ = ["TestStream", "register"]

FORMAT = "sipsimple-test"
DIRECTIONS = ("inactive", "sendonly", "recvonly", "sendrecv")


def _direction(sdp, index):
    return SipSimple.sdp_get_direction(sdp, index)


class TestStream(GObject.Object, SipSimple.MediaStream):
    __gtype_name__ = "SipSimpleTestStream"

    # the interface's properties, read-only, computed from our fields
    @GObject.Property(type=SipSimple.MediaStreamState, default=SipSimple.MediaStreamState.NEW,
                      flags=GObject.ParamFlags.READABLE)
    def state(self):
        return self._state

    @GObject.Property(type=bool, default=False, flags=GObject.ParamFlags.READABLE)
    def on_hold_by_local(self):
        return self._held_local

    @GObject.Property(type=bool, default=False, flags=GObject.ParamFlags.READABLE)
    def on_hold_by_remote(self):
        return self._held_remote

    def __init__(self, fail_start=False, fail_init=False):
        super().__init__()
        self._state = SipSimple.MediaStreamState.NEW
        self._held_local = False
        self._held_remote = False
        self.fail_start = fail_start
        self.fail_init = fail_init
        self.address = None
        self.calls = []            # method names in call order
        self.remote_direction = None

    def _set_state(self, state):
        self._state = state
        self.notify("state")

    # the interface --------------------------------------------------------
    def do_get_media_type(self):
        return "application"

    def do_accepts_remote_media(self, remote_sdp, index):
        media = remote_sdp.get_media(index)
        formats = [media.get_format(i) for i in range(media.formats_len())]
        return media.get_media() == "application" and FORMAT in formats

    def do_initialize_async(self, local_address, cancellable, callback, user_data):
        self.calls.append("initialize")
        self.address = local_address
        self._set_state(SipSimple.MediaStreamState.INITIALIZING)
        # the C callback already carries its user data: call it with two arguments
        task = Gio.Task.new(self, cancellable, lambda *a: callback(*a[:2]))
        if self.fail_init:
            self._set_state(SipSimple.MediaStreamState.FAILED)
            task.return_error(GLib.Error.new_literal(SipSimple.media_stream_error_quark(),
                                                     "no ports left (test)",
                                                     SipSimple.MediaStreamError.TRANSPORT))
        else:
            self._set_state(SipSimple.MediaStreamState.INITIALIZED)
            task.return_boolean(True)

    def do_initialize_finish(self, result):
        return result.propagate_boolean()

    def do_add_local_media(self, local_sdp, remote_sdp, index):
        self.calls.append("offer" if remote_sdp is None else "answer")
        _, m = GstSdp.SDPMedia.new()
        m.set_media("application")
        m.set_port_info(9, 1)
        m.set_proto("udp")
        m.add_format(FORMAT)
        m.add_connection("IN", "IP4", self.address or "127.0.0.1", 0, 0)
        if remote_sdp is None:
            direction = "sendonly" if self._held_local else "sendrecv"
        else:
            offered = _direction(remote_sdp, index).value_nick
            ours = {"sendonly": "recvonly", "recvonly": "sendonly"}.get(offered, offered)
            if self._held_local and ours == "sendrecv":
                ours = "sendonly"
            elif self._held_local and ours == "recvonly":
                ours = "inactive"
            direction = ours
        m.add_attribute(direction, "")
        local_sdp.add_media(m)
        return True

    def _apply_remote(self, remote_sdp, index):
        d = _direction(remote_sdp, index).value_nick
        self.remote_direction = d
        held = d in ("sendonly", "inactive")
        if held != self._held_remote:
            self._held_remote = held
            self.notify("on-hold-by-remote")

    def do_start(self, local_sdp, remote_sdp, index):
        self.calls.append("start")
        self._set_state(SipSimple.MediaStreamState.STARTING)
        self._apply_remote(remote_sdp, index)

        def report():
            if self.fail_start:
                self._set_state(SipSimple.MediaStreamState.FAILED)
                self.emit_failed(GLib.Error.new_literal(SipSimple.media_stream_error_quark(),
                                                        "media died (test)",
                                                        SipSimple.MediaStreamError.MEDIA))
            else:
                self._set_state(SipSimple.MediaStreamState.RUNNING)
                self.emit_started()
            return False

        GLib.idle_add(report)
        return True

    def do_validate_update(self, remote_sdp, index):
        self.calls.append("validate_update")
        return True

    def do_update(self, local_sdp, remote_sdp, index):
        self.calls.append("update")
        self._apply_remote(remote_sdp, index)
        return True

    def do_hold(self):
        self.calls.append("hold")
        self._held_local = True
        self.notify("on-hold-by-local")

    def do_unhold(self):
        self.calls.append("unhold")
        self._held_local = False
        self.notify("on-hold-by-local")

    def do_deactivate(self):
        self.calls.append("deactivate")

    def do_end(self):
        self.calls.append("end")
        if self._state != SipSimple.MediaStreamState.ENDED:
            self._set_state(SipSimple.MediaStreamState.ENDED)
            self.emit_ended()


def register():
    SipSimple.MediaStreamRegistry.get_default().add_type(TestStream.__gtype__)
