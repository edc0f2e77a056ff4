#!/usr/bin/env python3
# `meson install --destdir` into a temporary folder, and what an installed
# libsipsimple must look like there:
#
# - every file under the prefix (nothing written to the system's own
#   GStreamer, systemd or Python folders when the prefix is another);
# - the headers: sipsimple.h, the generated version.h with the project's
#   version, each header the umbrella includes, no -private/-internal one;
#   a program compiled and linked with `pkg-config sipsimple-1.0` against
#   them runs and reports the version;
# - the .pc: Requires + Requires.private name a pkg-config module for each
#   library the installed libsipsimple links (its DT_NEEDED entries);
# - introspection (when built): the typelib, the .gir, the Vala .vapi, the
#   PyGObject overrides, the GJS module;
# - the msrp plugin in LIBDIR/gstreamer-1.0, loadable by gst-inspect-1.0;
# - the man pages sipsimple.1 and sipd.8;
# - the API reference (with -Ddocs=enabled) in DATADIR/doc/libsipsimple-1.0;
# - sipd.service (systemd-analyze verify, and an exposure level of at most
#   2.0 from `systemd-analyze security`, when systemd-analyze is there; a
#   syntax check of the unit always) and the sample sipd.conf, whose
#   SIPD_OPTIONS sipd accepts (it is started with them, on free ports).
#
# Usage: check-install.py BUILD_DIR   (CC: the C compiler; PKG_CONFIG)
#
# SPDX-License-Identifier: LGPL-2.1-or-later
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile

problems = []


def problem(text):
    problems.append(text)


def run(argv, **kw):
    kw.setdefault("capture_output", True)
    kw.setdefault("text", True)
    kw.setdefault("timeout", 120)
    return subprocess.run(argv, **kw)


def build_options(build):
    out = run(["meson", "introspect", "--buildoptions", build], check=True).stdout
    return {o["name"]: o["value"] for o in json.loads(out)}


def under(dest, *parts):
    """Where the install path os.path.join(*parts) (absolute: an install
    folder may be given absolute, or relative to the prefix) is in dest."""
    return os.path.join(dest, os.path.join(*parts).lstrip("/"))


def must_exist(path, what):
    if not os.path.exists(path):
        problem(f"{what} not installed: {path}")
        return False
    return True


def check_everything_under_prefix(dest, prefix, also):
    """also: absolute folders chosen outside the prefix (a sysconfdir of
    /etc for the prefix /usr, a -Dsystemdsystemunitdir)."""
    roots = [under(dest, d) for d in [prefix] + [a for a in also if os.path.isabs(a)]]
    for dirpath, _, filenames in os.walk(dest):
        for name in filenames:
            path = os.path.join(dirpath, name)
            if not any(path.startswith(root + os.sep) for root in roots):
                problem(f"installed outside the prefix {prefix}: /{os.path.relpath(path, dest)}")


def check_headers(include_dir, version):
    top = os.path.join(include_dir, "sipsimple")
    if not must_exist(os.path.join(top, "sipsimple.h"), "sipsimple.h"):
        return
    with open(os.path.join(top, "version.h")) as f:
        text = f.read()
    for part, value in zip(("MAJOR", "MINOR", "MICRO"), version.split(".")):
        if not re.search(rf"#define SIP_SIMPLE_{part}_VERSION \({value}\)", text):
            problem(f"version.h: SIP_SIMPLE_{part}_VERSION is not {value}")
    if re.search(r"@[A-Z_]+@", text):
        problem("version.h: a configure_file variable is left in it")
    with open(os.path.join(top, "sipsimple.h")) as f:
        for target in re.findall(r"#include <sipsimple/([^>]+)>", f.read()):
            must_exist(os.path.join(top, target), f"header {target} (included by sipsimple.h)")
    for dirpath, _, filenames in os.walk(top):
        for name in filenames:
            if name.endswith(("-private.h", "-internal.h")):
                problem(f"{name}: a private or internal header is installed")


def pc_fields(pc_file):
    fields = {}
    with open(pc_file) as f:
        for line in f:
            m = re.match(r"^([\w.]+):\s*(.*)$", line)
            if m:
                fields[m.group(1)] = m.group(2)
    return fields


def pc_modules(value):
    """Module names of a Requires line ("a >= 1, b" -> [a, b])."""
    return [m.split()[0] for m in value.split(",") if m.strip()]


def check_pc(pc_file, library, pkg_config):
    if not must_exist(pc_file, "sipsimple-1.0.pc") or not must_exist(library, "the library"):
        return
    fields = pc_fields(pc_file)
    modules = pc_modules(fields.get("Requires", "")) + pc_modules(fields.get("Requires.private", ""))
    provided = {}
    for m in modules:
        out = run([pkg_config, "--libs-only-l", m])
        if out.returncode != 0:
            problem(f"sipsimple-1.0.pc requires {m}, which pkg-config does not know")
            continue
        for flag in out.stdout.split():
            provided.setdefault(flag[2:], m)
    needed = re.findall(r"\(NEEDED\)\s+Shared library: \[lib([^\]]+?)\.so[.\d]*\]",
                        run(["readelf", "-d", library], check=True).stdout)
    if not needed:
        problem(f"readelf found no NEEDED entries in {library}")
    for lib in needed:
        if lib in ("c", "m", "pthread", "dl", "rt") or lib.startswith(("asan", "ubsan")):
            continue
        if lib not in provided:
            problem(f"sipsimple-1.0.pc: the library links lib{lib}, which no module of "
                    f"Requires or Requires.private provides ({', '.join(modules)})")


PROGRAM = r"""
#include <sipsimple/sipsimple.h>
#include <stdio.h>
#if !SIP_SIMPLE_CHECK_VERSION (SIP_SIMPLE_MAJOR_VERSION, SIP_SIMPLE_MINOR_VERSION, SIP_SIMPLE_MICRO_VERSION)
#error "SIP_SIMPLE_CHECK_VERSION"
#endif
int
main (void)
{
  g_autoptr (SipSimpleUri) uri = sip_simple_uri_parse ("sip:alice@example.com", NULL);
  printf ("%u.%u.%u %s\n", sip_simple_get_major_version (), sip_simple_get_minor_version (),
          sip_simple_get_micro_version (), sip_simple_uri_get_host (uri));
  return 0;
}
"""


def check_program(dest, prefix, libdir, pkg_config, cc, version, tmp):
    """Compile and run a program the way an application is built."""
    # the .pc, its prefix moved into dest (--define-variable would move the
    # prefix of glib-2.0 and the other required modules too)
    pc_dir = os.path.join(tmp, "pkgconfig")
    os.makedirs(pc_dir)
    with open(os.path.join(libdir, "pkgconfig", "sipsimple-1.0.pc")) as f:
        pc = re.sub(r"^prefix=.*$", f"prefix={under(dest, prefix)}", f.read(), flags=re.M)
    with open(os.path.join(pc_dir, "sipsimple-1.0.pc"), "w") as f:
        f.write(pc)
    env = dict(os.environ, PKG_CONFIG_PATH=pc_dir)
    flags = run([pkg_config, "--cflags", "--libs", "sipsimple-1.0"], env=env)
    if flags.returncode != 0:
        problem(f"pkg-config sipsimple-1.0 fails on the installed .pc: {flags.stderr.strip()}")
        return
    source = os.path.join(tmp, "app.c")
    with open(source, "w") as f:
        f.write(PROGRAM)
    exe = os.path.join(tmp, "app")
    out = run(shlex.split(cc) + [source, "-o", exe] + shlex.split(flags.stdout))
    if out.returncode != 0:
        problem(f"a program does not build against the installed headers and .pc:\n{out.stderr}")
        return
    out = run([exe], env=dict(os.environ, LD_LIBRARY_PATH=libdir))
    if out.returncode != 0 or out.stdout.strip() != f"{version} example.com":
        problem(f"the program built against the installed library says {out.stdout!r} {out.stderr!r}, "
                f"expected {version} example.com")


def check_plugin(libdir, tmp):
    plugin = os.path.join(libdir, "gstreamer-1.0", "libgstmsrp.so")
    if not must_exist(plugin, "the msrp GStreamer plugin") or not shutil.which("gst-inspect-1.0"):
        return
    env = dict(os.environ, GST_PLUGIN_PATH=os.path.dirname(plugin), LD_LIBRARY_PATH=libdir,
               GST_REGISTRY=os.path.join(tmp, "registry.bin"))
    out = run(["gst-inspect-1.0", "msrp"], env=env)
    if out.returncode != 0 or "msrpsrc" not in out.stdout or "msrpsink" not in out.stdout:
        problem(f"gst-inspect-1.0 msrp does not find msrpsrc and msrpsink in {plugin}: {out.stderr.strip()}")


UNIT_SECTIONS = {"Unit", "Service", "Install"}


def parse_unit(path):
    """{section: [(key, value)]}, and syntax problems."""
    sections, section, errors = {}, None, []
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith(("#", ";")):
                continue
            m = re.match(r"^\[(\w+)\]$", line)
            if m:
                section = m.group(1)
                if section not in UNIT_SECTIONS:
                    errors.append(f"{path}:{n}: unknown section [{section}]")
                sections.setdefault(section, [])
            elif section is None or not re.match(r"^[A-Z][A-Za-z]+=", line):
                errors.append(f"{path}:{n}: not KEY=VALUE in a section: {line}")
            else:
                key, value = line.split("=", 1)
                sections[section].append((key, value))
    return sections, errors


def check_unit(unit, dest, bindir, tmp):
    if not must_exist(unit, "sipd.service"):
        return
    sections, errors = parse_unit(unit)
    for e in errors:
        problem(e)
    service = dict(sections.get("Service", []))
    exec_start = shlex.split(service.get("ExecStart", ""))
    if not exec_start or exec_start[0] != os.path.join(bindir, "sipd"):
        problem(f"sipd.service: ExecStart does not start {os.path.join(bindir, 'sipd')}: {exec_start}")
    for key, value in (("DynamicUser", "yes"), ("NoNewPrivileges", "yes"), ("ProtectSystem", "strict"),
                       ("ProtectHome", "yes"), ("PrivateTmp", "yes"), ("CapabilityBoundingSet", "")):
        if service.get(key) != value:
            problem(f"sipd.service: {key}={service.get(key)!r}, the sandbox wants {key}={value}")
    if "multi-user.target" not in dict(sections.get("Install", [])).get("WantedBy", ""):
        problem("sipd.service: not WantedBy=multi-user.target")
    analyze = shutil.which("systemd-analyze")
    if not analyze:
        print("systemd-analyze is not here: sipd.service got the syntax check only")
        return
    # verify wants the executables to exist: the copy starts the installed sipd
    copy = os.path.join(tmp, "sipd.service")
    with open(unit) as f:
        text = f.read()
    with open(copy, "w") as f:
        f.write(text.replace(os.path.join(bindir, "sipd"), under(dest, bindir, "sipd")))
    out = run([analyze, "verify", "--man=no", copy])
    if out.returncode != 0 or out.stderr.strip():
        problem(f"systemd-analyze verify sipd.service: {out.stdout}{out.stderr}")
    out = run([analyze, "security", "--offline=yes", "--threshold=20", copy])
    if out.returncode != 0:
        problem(f"systemd-analyze security: sipd.service is exposed above 2.0:\n{out.stdout[-2000:]}")


def check_sample_config(conf, dest, bindir, libdir):
    if not must_exist(conf, "sipd.conf"):
        return
    values = {}
    with open(conf) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            m = re.match(r'^([A-Z_]+)="(.*)"$', line)
            if not m:
                problem(f"sipd.conf: not an EnvironmentFile line: {line}")
                continue
            values[m.group(1)] = m.group(2)
    if "SIPD_OPTIONS" not in values:
        problem("sipd.conf: no SIPD_OPTIONS")
        return
    # the sample's options, on free ports, with an empty users file as the
    # unit passes one: sipd must start with them
    options = re.sub(r"(--listen \w+:(?:\[[^\]]*\]|[\d.]+)):\d+", r"\1:0", values["SIPD_OPTIONS"])
    with tempfile.NamedTemporaryFile("w", suffix=".users") as empty:
        argv = [under(dest, bindir, "sipd"), "--auth", empty.name] + shlex.split(options)
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=dict(os.environ, LD_LIBRARY_PATH=libdir))
        try:
            line = proc.stdout.readline()
            if not line.startswith("sipd: listening on"):
                proc.wait(timeout=10)
                problem(f"sipd does not start with the sample SIPD_OPTIONS ({options}): "
                        f"{line}{proc.stderr.read()}")
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                proc.wait(timeout=10)


def main():
    if len(sys.argv) != 2:
        print("usage: check-install.py BUILD_DIR", file=sys.stderr)
        return 2
    build = os.path.abspath(sys.argv[1])
    opts = build_options(build)
    prefix = opts["prefix"]
    pkg_config = os.environ.get("PKG_CONFIG", "pkg-config")
    cc = os.environ.get("CC", "cc")
    version = json.loads(run(["meson", "introspect", "--projectinfo", build], check=True).stdout)["version"]
    gir = opts.get("introspection") != "disabled" and not opts.get("asan")
    with tempfile.TemporaryDirectory(prefix="sipsimple-install-") as tmp:
        dest = os.path.join(tmp, "dest")
        out = run(["meson", "install", "-C", build, "--destdir", dest, "--no-rebuild", "--quiet"],
                  timeout=600)
        if out.returncode != 0:
            print(f"meson install failed:\n{out.stdout}{out.stderr}")
            return 1

        def inst(option, *rest):
            return under(dest, prefix, opts[option], *rest)

        libdir = inst("libdir")
        bindir = os.path.join(prefix, opts["bindir"])
        unit_dir = opts.get("systemdsystemunitdir") or os.path.join(prefix, "lib", "systemd", "system")
        check_everything_under_prefix(dest, prefix, [opts["sysconfdir"], unit_dir])
        check_headers(inst("includedir", "sipsimple-1.0"), version)
        check_pc(os.path.join(libdir, "pkgconfig", "sipsimple-1.0.pc"),
                 os.path.join(libdir, "libsipsimple-1.0.so"), pkg_config)
        check_program(dest, prefix, libdir, pkg_config, cc, version, tmp)
        for tool in ("sipsimple", "sipd"):
            must_exist(under(dest, bindir, tool), tool)
        if gir:
            must_exist(os.path.join(libdir, "girepository-1.0", "SipSimple-1.0.typelib"), "the typelib")
            must_exist(inst("datadir", "gir-1.0", "SipSimple-1.0.gir"), "the .gir")
            if shutil.which("vapigen"):
                must_exist(inst("datadir", "vala", "vapi", "sipsimple-1.0.vapi"), "the .vapi")
            overrides = [os.path.join(d, "SipSimple.py") for d, _, files in os.walk(dest)
                         if d.endswith(os.path.join("gi", "overrides")) and "SipSimple.py" in files]
            if not overrides:
                problem("the PyGObject overrides (gi/overrides/SipSimple.py) are not installed")
            must_exist(inst("datadir", "gjs-1.0", "sipsimple.js"), "the GJS module (imports.sipsimple)")
        check_plugin(libdir, tmp)
        must_exist(inst("mandir", "man1", "sipsimple.1"), "the sipsimple(1) man page")
        must_exist(inst("mandir", "man8", "sipd.8"), "the sipd(8) man page")
        if opts.get("docs") == "enabled":
            reference = inst("datadir", "doc", "libsipsimple-1.0")
            for page in ("index.html", "overview.html", "class.Application.html", "libsipsimple-1.0.devhelp2"):
                must_exist(os.path.join(reference, page), "the API reference's " + page)
        check_unit(under(dest, prefix, unit_dir, "sipd.service"), dest, bindir, tmp)
        check_sample_config(inst("sysconfdir", "sipd", "sipd.conf"), dest, bindir, libdir)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
