# SPDX-License-Identifier: LGPL-2.1-or-later
"""Audio analysis for media tests, stdlib only (wave, array, math).

Recordings are WAV files (what SipSimple.AudioStream's output "file:PATH"
writes, or what baresip/linphone record); the functions answer the
questions a test asks of a call: which tone is there, for how long, and
where it is silent.

    from sipsimpletest import audio
    rec = audio.read_wav("/tmp/b.wav")
    assert abs(audio.dominant_frequency(rec) - 440) < 3
    assert audio.tone_duration(rec, 440) >= 0.8 * seconds
    assert audio.is_silent(rec, 1.2, 2.0)
    assert audio.tone_share(mix, 660) > 0.2    # one voice of a conference

Times are in seconds from the start of the recording; `end=None` means
the end. A 20 ms frame counts as silent below -40 dBFS RMS, and as
carrying a tone when that frequency has most of the frame's energy.
"""

import array
import cmath
import math
import sys
import wave

__all__ = [
    "Recording", "read_wav", "write_tone", "dominant_frequency", "tone_duration",
    "tone_onset", "tone_share", "active_duration", "is_silent", "rms",
]

SILENCE_RMS = 0.01  # -40 dBFS
FRAME = 0.02        # seconds


class Recording:
    """Mono samples in [-1, 1] (channels averaged) and their rate."""

    def __init__(self, rate, samples):
        self.rate = rate
        self.samples = samples

    @property
    def duration(self):
        return len(self.samples) / self.rate

    def window(self, start=0.0, end=None):
        a = max(0, int(start * self.rate))
        b = len(self.samples) if end is None else min(len(self.samples), int(end * self.rate))
        return self.samples[a:max(a, b)]

    def __repr__(self):
        return "<Recording %.2f s at %d Hz>" % (self.duration, self.rate)


def read_wav(path):
    """Reads an integer PCM WAV (8, 16, 24 or 32 bits, any channel count)."""
    with wave.open(str(path), "rb") as w:
        rate, channels, width = w.getframerate(), w.getnchannels(), w.getsampwidth()
        raw = w.readframes(w.getnframes())
    if width == 1:
        values = [(b - 128) / 128.0 for b in raw]
    elif width == 2:
        a = array.array("h")
        a.frombytes(raw[: len(raw) // 2 * 2])
        if sys.byteorder == "big":
            a.byteswap()
        values = [v / 32768.0 for v in a]
    elif width == 3:
        values = [int.from_bytes(raw[i:i + 3], "little", signed=True) / 8388608.0
                  for i in range(0, len(raw) - 2, 3)]
    elif width == 4:
        a = array.array("i")
        a.frombytes(raw[: len(raw) // 4 * 4])
        if sys.byteorder == "big":
            a.byteswap()
        values = [v / 2147483648.0 for v in a]
    else:
        raise ValueError("%s: unsupported sample width %d" % (path, width))
    if channels > 1:
        values = [sum(values[i:i + channels]) / channels
                  for i in range(0, len(values) - channels + 1, channels)]
    return Recording(rate, values)


def write_tone(path, freq, seconds, rate=16000, amplitude=0.3):
    """Writes a 16-bit mono WAV with a sine (an input for "file:PATH")."""
    n = int(rate * seconds)
    data = array.array("h", (int(round(amplitude * 32767 * math.sin(2 * math.pi * freq * i / rate)))
                             for i in range(n)))
    if sys.byteorder == "big":
        data.byteswap()
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(data.tobytes())


def rms(samples):
    return math.sqrt(sum(x * x for x in samples) / len(samples)) if samples else 0.0


def _fft(values):
    """Iterative radix-2 FFT of a list of complex numbers (length 2^k)."""
    n = len(values)
    a = list(values)
    j = 0
    for i in range(1, n):
        bit = n >> 1
        while j & bit:
            j ^= bit
            bit >>= 1
        j ^= bit
        if i < j:
            a[i], a[j] = a[j], a[i]
    length = 2
    while length <= n:
        step = cmath.exp(-2j * math.pi / length)
        half = length // 2
        for i in range(0, n, length):
            w = 1 + 0j
            for k in range(i, i + half):
                u, v = a[k], a[k + half] * w
                a[k], a[k + half] = u + v, u - v
                w *= step
        length <<= 1
    return a


def dominant_frequency(rec, start=0.0, end=None, max_size=8192):
    """The strongest frequency (Hz) in the window: a Hann-windowed FFT of up
    to @max_size samples from its middle, refined by a parabola through the
    log magnitudes around the peak (a fraction of a hertz for a clean
    tone). 0 for silence."""
    samples = rec.window(start, end)
    n = 1
    while n * 2 <= len(samples) and n < max_size:
        n *= 2
    if n < 256:
        return 0.0
    offset = (len(samples) - n) // 2
    chunk = samples[offset:offset + n]
    if rms(chunk) < SILENCE_RMS:
        return 0.0
    spectrum = _fft([x * (0.5 - 0.5 * math.cos(2 * math.pi * i / (n - 1)))
                     for i, x in enumerate(chunk)])
    mags = [abs(c) ** 2 for c in spectrum[: n // 2]]
    lowest = max(1, int(20 * n / rec.rate))
    best = max(range(lowest, n // 2 - 1), key=lambda k: mags[k])
    a, b, c = (math.log(mags[best + d] + 1e-30) for d in (-1, 0, 1))
    denominator = a - 2 * b + c
    shift = 0.5 * (a - c) / denominator if denominator else 0.0
    return (best + shift) * rec.rate / n


def _goertzel_ratio(samples, rate, freq):
    """Share of the frame's energy at @freq: about 1 for a pure tone."""
    coeff = 2 * math.cos(2 * math.pi * freq / rate)
    s1 = s2 = energy = 0.0
    for x in samples:
        s1, s2 = x + coeff * s1 - s2, s1
        energy += x * x
    if energy <= 0:
        return 0.0
    power = s1 * s1 + s2 * s2 - coeff * s1 * s2
    return power / (energy * len(samples) / 2)


def _frames(rec, start, end):
    size = int(rec.rate * FRAME)
    samples = rec.window(start, end)
    for i in range(0, len(samples) - size + 1, size):
        yield samples[i:i + size]


def tone_duration(rec, freq, start=0.0, end=None):
    """Seconds of the window (in 20 ms frames) that carry a tone at @freq."""
    return FRAME * sum(1 for f in _frames(rec, start, end)
                       if rms(f) > SILENCE_RMS and _goertzel_ratio(f, rec.rate, freq) > 0.5)


def tone_share(rec, freq, start=0.0, end=None):
    """Share of the window's energy at @freq: ~1 for a pure tone, ~1/n for
    one of n equal tones (a conference mix), ~0 when absent."""
    samples = rec.window(start, end)
    return _goertzel_ratio(samples, rec.rate, freq) if samples else 0.0


def tone_onset(rec, freq):
    """When @freq is first heard (seconds), or None."""
    size = int(rec.rate * FRAME)
    for index, f in enumerate(_frames(rec, 0.0, None)):
        if rms(f) > SILENCE_RMS and _goertzel_ratio(f, rec.rate, freq) > 0.5:
            return index * size / rec.rate
    return None


def active_duration(rec, start=0.0, end=None):
    """Seconds of the window (in 20 ms frames) louder than -40 dBFS."""
    return FRAME * sum(1 for f in _frames(rec, start, end) if rms(f) > SILENCE_RMS)


def is_silent(rec, start=0.0, end=None, tolerance=0.06):
    """Whether the window has at most @tolerance seconds of sound."""
    return active_duration(rec, start, end) <= tolerance


if __name__ == "__main__":
    # python3 -m sipsimpletest.audio FILE.wav: what is in a recording
    for name in sys.argv[1:]:
        r = read_wav(name)
        f = dominant_frequency(r)
        print("%s: %.2f s at %d Hz, %.2f s active, dominant %.1f Hz (%.2f s of it)"
              % (name, r.duration, r.rate, active_duration(r), f, tone_duration(r, f) if f else 0))
