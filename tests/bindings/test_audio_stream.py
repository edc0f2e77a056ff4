# SPDX-License-Identifier: LGPL-2.1-or-later
"""Audio streams from Python: two SipSimple.AudioStreams on 127.0.0.1
negotiate through GstSdp messages (as a session would), play tones to each
other and record what they hear; sipsimpletest.audio checks the
recordings. Also DTMF, statistics and errors as GLib.Error."""

import os
import shutil
import tempfile
import unittest

import gi

gi.require_version("GLib", "2.0")
gi.require_version("Gst", "1.0")
gi.require_version("GstSdp", "1.0")
gi.require_version("SipSimple", "1.0")
from gi.repository import GLib, Gst, GstSdp, SipSimple  # noqa: E402

from sipsimpletest import audio  # noqa: E402

Gst.init(None)
MEDIA_ERROR = GLib.quark_to_string(SipSimple.media_stream_error_quark())


def run(seconds):
    loop = GLib.MainLoop()
    GLib.timeout_add(int(seconds * 1000), loop.quit)
    loop.run()


def wait_until(predicate, timeout=5.0):
    context = GLib.MainContext.default()
    deadline = GLib.get_monotonic_time() + int(timeout * 1e6)
    while not predicate() and GLib.get_monotonic_time() < deadline:
        context.iteration(False) or GLib.usleep(2000)
    return predicate()


def new_sdp():
    """The session-level lines a Session writes around the m-lines (from
    text: add_time()'s repeat array does not survive introspection)."""
    _, sdp = GstSdp.SDPMessage.new_from_text(
        "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n")
    return sdp


def wire(sdp):
    """Through text and back, as on the wire."""
    _, parsed = GstSdp.SDPMessage.new_from_text(sdp.as_text())
    return parsed


class Peer:
    def __init__(self, directory, name, tone, **props):
        self.wav = os.path.join(directory, name + ".wav")
        self.stream = SipSimple.AudioStream.new()
        self.stream.props.input = "tone:%d" % tone
        self.stream.props.output = "file:" + self.wav
        self.stream.props.jitter_buffer_latency = 40
        for key, value in props.items():
            self.stream.set_property(key, value)
        self.started = False
        self.errors = []
        self.digits = []
        self.stream.connect("started", self.on_started)
        self.stream.connect("failed", lambda s, error: self.errors.append(error))
        self.stream.connect("dtmf-received", lambda s, digit: self.digits.append(digit))

    def on_started(self, stream):
        self.started = True
        print('Audio session established using "%s" codec at %sHz'
              % (stream.props.codec, stream.props.sample_rate))

    def initialize(self):
        done = []
        self.stream.initialize_async("127.0.0.1", None,
                                     lambda s, result: done.append(s.initialize_finish(result)))
        assert wait_until(lambda: done), "initialize_async never finished"
        assert self.stream.props.state == SipSimple.MediaStreamState.INITIALIZED

    def recording(self):
        return audio.read_wav(self.wav)


class AudioStreamTest(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.mkdtemp(prefix="sipsimple-audio-")
        self.addCleanup(shutil.rmtree, self.directory, True)

    def call(self, a, b):
        a.initialize()
        b.initialize()
        offer = new_sdp()
        a.stream.add_local_media(offer, None, 0)
        offer = wire(offer)
        answer = new_sdp()
        b.stream.add_local_media(answer, offer, 0)
        answer = wire(answer)
        b.stream.start(answer, offer, 0)
        a.stream.start(offer, answer, 0)
        self.assertTrue(wait_until(lambda: a.started and b.started))
        self.addCleanup(a.stream.end)
        self.addCleanup(b.stream.end)
        return offer, answer

    def test_available_codecs(self):
        codecs = SipSimple.AudioStream.get_available_codecs()
        self.assertIn("opus", codecs)
        self.assertIn("PCMU", codecs)
        stream = SipSimple.AudioStream.new()
        self.assertEqual(stream.props.codecs[0], "opus")
        stream.props.codecs = ["PCMA", "opus"]
        self.assertEqual(list(stream.get_codecs()), ["PCMA", "opus"])
        self.assertEqual(stream.props.srtp, SipSimple.SrtpMode.OPTIONAL)
        self.assertIsNone(stream.props.codec)

    def test_tone_exchange(self):
        a = Peer(self.directory, "a", 440, srtp=SipSimple.SrtpMode.OPTIONAL)
        b = Peer(self.directory, "b", 660, srtp=SipSimple.SrtpMode.OPTIONAL)
        offer, answer = self.call(a, b)
        self.assertIn("a=crypto:", offer.as_text())
        for peer in (a, b):
            self.assertEqual(peer.stream.props.codec, "opus")
            self.assertEqual(peer.stream.props.sample_rate, 48000)
            self.assertTrue(peer.stream.props.srtp_active)
            self.assertTrue(peer.stream.props.remote_address.startswith("127.0.0.1:"))
        run(1.0)
        stats = a.stream.get_statistics()
        self.assertGreater(stats.packets_sent, 25)
        self.assertGreater(stats.packets_received, 25)
        self.assertEqual(stats.packets_lost, 0)
        a.stream.deactivate()
        b.stream.deactivate()
        self.assertEqual(a.errors + b.errors, [])
        for peer, tone in ((b, 440), (a, 660)):
            rec = peer.recording()
            self.assertAlmostEqual(audio.dominant_frequency(rec), tone, delta=3)
            self.assertGreaterEqual(audio.tone_duration(rec, tone), 0.8 * 0.85)

    def test_device_error(self):
        """A device that does not open: device-error reaches Python with a
        GLib.Error and the direction; the stream runs on, silent."""
        a = Peer(self.directory, "a", 440)
        a.stream.props.input = "gst:pulsesrc server=unix:/nonexistent/pulse/native"
        b = Peer(self.directory, "b", 660)
        device_errors = []
        a.stream.connect("device-error", lambda s, error, direction:
                         device_errors.append((error, direction)))
        self.call(a, b)
        self.assertTrue(wait_until(lambda: device_errors))
        run(1.0)
        a.stream.deactivate()
        b.stream.deactivate()
        self.assertEqual(a.errors + b.errors, [])
        self.assertEqual(len(device_errors), 1)
        error, direction = device_errors[0]
        self.assertEqual(direction, SipSimple.AudioDirection.INPUT)
        self.assertEqual(error.domain, MEDIA_ERROR)
        self.assertIn("pulsesrc", error.message)
        self.assertTrue(audio.is_silent(b.recording()))
        self.assertGreaterEqual(audio.tone_duration(a.recording(), 660), 0.8)

    def test_dtmf_and_hold(self):
        a = Peer(self.directory, "a", 440, codecs=["PCMU"])
        b = Peer(self.directory, "b", 660, codecs=["PCMU"])
        self.call(a, b)
        a.stream.send_dtmf("4#", 100)
        self.assertTrue(wait_until(lambda: len(b.digits) == 2))
        self.assertEqual(b.digits, ["4", "#"])

        # B holds A: B's offer says sendonly, A is held by the remote
        b.stream.hold()
        offer = new_sdp()
        b.stream.add_local_media(offer, None, 0)
        self.assertIn("a=sendonly", offer.as_text())
        a.stream.validate_update(offer, 0)
        answer = new_sdp()
        a.stream.add_local_media(answer, offer, 0)
        self.assertIn("a=recvonly", answer.as_text())
        a.stream.update(answer, offer, 0)
        b.stream.update(offer, answer, 0)
        self.assertTrue(b.stream.props.on_hold_by_local)
        self.assertTrue(a.stream.props.on_hold_by_remote)
        with self.assertRaises(GLib.Error) as caught:
            a.stream.send_dtmf("1", 100)
        self.assertEqual(caught.exception.code, SipSimple.MediaStreamError.STATE)

    def test_mixer(self):
        mixer = SipSimple.AudioMixer.new()
        mixer.set_input("tone:880")
        a = Peer(self.directory, "a", 440)
        b = Peer(self.directory, "b", 660)
        mixer.add_stream(a.stream)
        self.assertEqual(mixer.get_streams(), [a.stream])
        self.assertFalse(a.stream.props.mute_on_hold)
        self.call(a, b)
        recording = os.path.join(self.directory, "mix.wav")
        recorder = mixer.record("file:" + recording)
        run(1.0)
        mixer.stop(recorder)
        b.stream.deactivate()
        heard, mix = b.recording(), audio.read_wav(recording)
        self.assertAlmostEqual(audio.dominant_frequency(heard, 0.3), 880, delta=3)
        # the recorder hears everyone: B and the local input
        self.assertGreater(audio.tone_share(mix, 660, 0.3), 0.2)
        self.assertGreater(audio.tone_share(mix, 880, 0.3), 0.2)
        self.assertLess(audio.tone_share(mix, 440, 0.3), 0.02)
        with self.assertRaises(GLib.Error) as caught:
            mixer.play("tone:", None)
        self.assertEqual(caught.exception.code, SipSimple.MediaStreamError.MEDIA)

    def test_incompatible_offer(self):
        peer = Peer(self.directory, "m", 440, srtp=SipSimple.SrtpMode.MANDATORY)
        peer.initialize()
        _, offer = GstSdp.SDPMessage.new_from_text(
            "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            "m=audio 4000 RTP/AVP 0\r\n")
        answer = new_sdp()
        with self.assertRaises(GLib.Error) as caught:
            peer.stream.add_local_media(answer, offer, 0)
        self.assertEqual(caught.exception.domain, MEDIA_ERROR)
        self.assertEqual(caught.exception.code, SipSimple.MediaStreamError.INCOMPATIBLE)
        self.assertEqual(answer.medias_len(), 0)
        peer.stream.end()
        self.assertEqual(peer.stream.props.state, SipSimple.MediaStreamState.ENDED)


if __name__ == "__main__":
    unittest.main()
