# SPDX-License-Identifier: LGPL-2.1-or-later
"""The msrp GStreamer plugin from the command line: two gst-launch-1.0
processes move a random 5 MiB file over MSRP on loopback,
`filesrc ! msrpsink` to `msrpsrc ! filesink`, and the copy is
byte-identical (both connection roles), and 256 buffers as 256 messages;
a sink whose peer never appears
fails with an error instead of hanging. The plugin comes from the build
tree through GST_PLUGIN_PATH."""

import hashlib
import os
import shutil
import subprocess
import tempfile
import unittest

from sipsimpletest.ports import free_port, release_port

BUILD = os.environ.get("SIPSIMPLE_BUILD_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "build"))
PLUGIN_DIR = os.path.join(BUILD, "gst-plugins", "msrp")
GST_LAUNCH = shutil.which("gst-launch-1.0")


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class GstMsrpTest(unittest.TestCase):
    def setUp(self):
        self.assertIsNotNone(GST_LAUNCH, "gst-launch-1.0 is missing (gstreamer1.0-tools)")
        self.dir = tempfile.mkdtemp(prefix="gst-msrp-")
        self.addCleanup(shutil.rmtree, self.dir, True)
        self.env = dict(os.environ)
        self.env["GST_PLUGIN_PATH"] = PLUGIN_DIR
        # a registry of our own: the build tree's plugin, nobody else's cache
        self.env["GST_REGISTRY"] = os.path.join(self.dir, "registry.bin")
        self.env["LD_LIBRARY_PATH"] = os.path.join(BUILD, "libsipsimple") + ":" + self.env.get("LD_LIBRARY_PATH", "")
        self.src_file = os.path.join(self.dir, "a.bin")
        self.dst_file = os.path.join(self.dir, "b.bin")
        with open(self.src_file, "wb") as f:
            f.write(os.urandom(5 * 1024 * 1024))
        self.ports = [free_port("tcp"), free_port("tcp")]
        for p in self.ports:
            self.addCleanup(release_port, p)

    def launch(self, *pipeline):
        return subprocess.Popen([GST_LAUNCH, "-q"] + list(pipeline), env=self.env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)

    def finish(self, proc, timeout=60):
        try:
            out, _ = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
            self.fail("gst-launch-1.0 did not finish:\n" + out.decode(errors="replace"))
        return proc.returncode, out.decode(errors="replace")

    def transfer(self, sink_active):
        a = "msrp://127.0.0.1:%d/sendersession;tcp" % self.ports[0]
        b = "msrp://127.0.0.1:%d/receiversession;tcp" % self.ports[1]
        src = self.launch("msrpsrc", "local-uri=" + b, "remote-uri=" + a,
                          "active=" + ("false" if sink_active else "true"),
                          "!", "filesink", "location=" + self.dst_file)
        sink = self.launch("filesrc", "location=" + self.src_file, "!",
                           "msrpsink", "local-uri=" + a, "remote-uri=" + b,
                           "active=" + ("true" if sink_active else "false"))
        rc_sink, out_sink = self.finish(sink)
        rc_src, out_src = self.finish(src)
        self.assertEqual(rc_sink, 0, out_sink)
        self.assertEqual(rc_src, 0, out_src)
        self.assertNotIn("CRITICAL", out_sink + out_src)
        self.assertEqual(os.path.getsize(self.dst_file), 5 * 1024 * 1024)
        self.assertEqual(sha256(self.dst_file), sha256(self.src_file))

    def test_sink_connects(self):
        self.transfer(sink_active=True)

    def test_src_connects(self):
        self.transfer(sink_active=False)

    def test_message_per_buffer(self):
        # every 4 KiB buffer is a message; the receiver concatenates them
        # and ends when the sender closes the session
        a = "msrp://127.0.0.1:%d/chatter;tcp" % self.ports[0]
        b = "msrp://127.0.0.1:%d/listener;tcp" % self.ports[1]
        src = self.launch("msrpsrc", "local-uri=" + b, "remote-uri=" + a, "eos-after-message=false",
                          "!", "filesink", "location=" + self.dst_file)
        sink = self.launch("filesrc", "location=" + self.src_file, "blocksize=4096", "num-buffers=256", "!",
                           "msrpsink", "message-per-buffer=true", "local-uri=" + a, "remote-uri=" + b,
                           "active=true")
        rc_sink, out_sink = self.finish(sink)
        rc_src, out_src = self.finish(src)
        self.assertEqual(rc_sink, 0, out_sink)
        self.assertEqual(rc_src, 0, out_src)
        with open(self.src_file, "rb") as f:
            expected = f.read(256 * 4096)
        with open(self.dst_file, "rb") as f:
            self.assertEqual(hashlib.sha256(f.read()).hexdigest(), hashlib.sha256(expected).hexdigest())

    def test_pair_repeated(self):
        # Both processes must exit cleanly every time: sofia-sip's library
        # destructor once deleted GLib's thread key at exit and a pool
        # thread still running aborted ("pthread_setspecific: Invalid
        # argument") in about one process in five.
        small = os.path.join(self.dir, "small.bin")
        with open(small, "wb") as f:
            f.write(os.urandom(64 * 1024))
        for i in range(50):
            a = "msrp://127.0.0.1:%d/s%d;tcp" % (self.ports[0], i)
            b = "msrp://127.0.0.1:%d/r%d;tcp" % (self.ports[1], i)
            src = self.launch("msrpsrc", "local-uri=" + b, "remote-uri=" + a, "active=false",
                              "!", "filesink", "location=" + self.dst_file)
            sink = self.launch("filesrc", "location=" + small, "!", "msrpsink", "local-uri=" + a,
                               "remote-uri=" + b, "active=true")
            rc_sink, out_sink = self.finish(sink)
            rc_src, out_src = self.finish(src)
            self.assertEqual(rc_sink, 0, "round %d: %s" % (i, out_sink))
            self.assertEqual(rc_src, 0, "round %d: %s" % (i, out_src))
            self.assertEqual(sha256(self.dst_file), sha256(small), "round %d" % i)

    def test_no_peer(self):
        a = "msrp://127.0.0.1:%d/lonely;tcp" % self.ports[0]
        b = "msrp://127.0.0.1:%d/nobody;tcp" % self.ports[1]
        sink = self.launch("filesrc", "location=" + self.src_file, "!", "msrpsink", "local-uri=" + a,
                           "remote-uri=" + b, "active=true", "connect-timeout=500")
        rc, out = self.finish(sink, timeout=30)
        self.assertNotEqual(rc, 0)
        self.assertIn("MSRP", out)

    def test_inspect(self):
        out = subprocess.run(["gst-inspect-1.0", "msrpsink"], env=self.env, capture_output=True, text=True)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("local-uri", out.stdout)
        self.assertIn("This end's MSRP URI", out.stdout)
        out = subprocess.run(["gst-inspect-1.0", "msrpsrc"], env=self.env, capture_output=True, text=True)
        self.assertIn("eos-after-message", out.stdout)


if __name__ == "__main__":
    unittest.main()
