#!/usr/bin/env python3
# The layering check of shared/DESIGN.md, run by the test suite:
#
#   sip, sdp -> engine -> msrp, presence -> streams -> agent -> app -> tools, gst-plugins
#
# - a file in libsipsimple/LAYER/ includes headers only from LAYER and from
#   the layers below it (siblings such as msrp and presence do not include
#   each other), and never the umbrella <sipsimple/sipsimple.h>, which
#   holds every layer;
# - NAME-private.h is included only inside its own folder (and by the
#   unit tests of that folder, tests/LAYER/);
# - NAME-internal.h is what a layer offers the layers above inside the
#   library: included by its own layer and the layers above, never
#   installed, never included by tools, plugins or examples;
# - tools/, gst-plugins/ and examples/ use the public headers only.
#
# Usage: check-layers.py [SOURCE_ROOT]   (exit status 1 and one line per
# violation when the layering is broken). `--self-test` checks the checker.
# SPDX-License-Identifier: LGPL-2.1-or-later
import os
import re
import sys
import tempfile

# Rank of each layer; equal ranks are siblings that may not include each other.
LAYERS = {
    "sip": 0,
    "sdp": 1,
    "engine": 2,
    "msrp": 3,
    "presence": 3,
    "streams": 4,
    "agent": 5,
    "app": 6,
}
PUBLIC_ONLY = ("tools", "gst-plugins", "examples", "bench")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)


def header_layer(target, including_dir):
    """(layer, base name) of an included library header, or None for a
    system header."""
    if target.startswith("sipsimple/"):
        parts = target.split("/")
        if len(parts) == 2:
            return ("", parts[1])  # sipsimple.h, version.h
        return (parts[1], parts[-1])
    parts = target.split("/")
    if len(parts) == 1:
        return (including_dir, parts[0])
    if parts[0] == "..":
        parts = parts[1:]
    if parts[0] in LAYERS:
        return (parts[0], parts[-1])
    return None


def check_file(root, path):
    rel = os.path.relpath(path, root)
    parts = rel.split(os.sep)
    problems = []
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    if parts[0] == "libsipsimple" and len(parts) == 3:
        own = parts[1]
        if own not in LAYERS:
            return [f"{rel}: folder '{own}' is not a known layer (add it to tests/check-layers.py and DESIGN.md)"]
        for kind, target in INCLUDE.findall(text):
            if kind == "<" and not target.startswith("sipsimple/"):
                continue
            hl = header_layer(target, own)
            if hl is None:
                continue
            layer, base = hl
            if layer == "":
                if base == "sipsimple.h":
                    problems.append(f"{rel}: includes the umbrella <sipsimple/sipsimple.h>: include the headers of this layer and below")
                continue
            if layer not in LAYERS:
                continue
            if base.endswith("-private.h") and layer != own:
                problems.append(f"{rel}: includes {layer}/{base}, a private header of another folder")
            elif layer != own and LAYERS[layer] >= LAYERS[own]:
                what = "a sibling layer" if LAYERS[layer] == LAYERS[own] else "a layer above"
                problems.append(f"{rel}: includes {target} from {what} ({layer} is not below {own})")
    elif parts[0] == "tests" and len(parts) >= 3 and parts[1] in LAYERS:
        own = parts[1]
        for kind, target in INCLUDE.findall(text):
            hl = header_layer(target, None) if "/" in target else None
            if hl and hl[1].endswith("-private.h") and hl[0] != own:
                problems.append(f"{rel}: includes {target}, a private header of another folder")
    elif parts[0] in PUBLIC_ONLY:
        for kind, target in INCLUDE.findall(text):
            if target.endswith(("-private.h", "-internal.h")) and (
                target.split("/")[0] in LAYERS or target.startswith("..")
            ):
                problems.append(f"{rel}: includes {target}: outside the library only the public headers may be used")
    return problems


def check_tree(root):
    problems = []
    for top in ("libsipsimple", "tests") + PUBLIC_ONLY:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in sorted(filenames):
                if name.endswith((".c", ".h")):
                    problems += check_file(root, os.path.join(dirpath, name))
    # internal and private headers are never installed
    for dirpath, _, filenames in os.walk(os.path.join(root, "libsipsimple")):
        if "meson.build" in filenames:
            with open(os.path.join(dirpath, "meson.build")) as f:
                build = f.read()
            for m in re.findall(r"install_headers\(([^)]*)\)", build):
                if "-private" in m or "-internal" in m:
                    problems.append(f"{os.path.relpath(dirpath, root)}/meson.build installs a private or internal header")
    return problems


def self_test():
    cases = {
        "libsipsimple/engine/bad-up.c": ('#include "msrp/msrp-session.h"\n', "layer above"),
        "libsipsimple/engine/bad-up2.c": ("#include <sipsimple/app/account.h>\n", "layer above"),
        "libsipsimple/msrp/bad-sibling.c": ("#include <sipsimple/presence/pidf.h>\n", "sibling"),
        "libsipsimple/app/bad-private.c": ('#include "engine/engine-private.h"\n', "private header"),
        "libsipsimple/sip/bad-umbrella.c": ("#include <sipsimple/sipsimple.h>\n", "umbrella"),
        "tools/bad-tool.c": ('#include "engine/engine-internal.h"\n', "public headers"),
        "tests/app/bad-test.c": ('#include "engine/engine-private.h"\n', "private header"),
    }
    good = {
        "libsipsimple/app/ok.c": ('#include <sipsimple/sip/uri.h>\n#include "engine/engine-internal.h"\n#include "account-private.h"\n'),
        "libsipsimple/sip/ok.c": ('#include <sipsimple/version.h>\n#include "sip-internal.h"\n#include <glib.h>\n'),
        "tests/engine/ok-test.c": ('#include "engine/engine-private.h"\n#include "sip/digest-internal.h"\n'),
        "tools/ok.c": ("#include <sipsimple/sipsimple.h>\n"),
    }
    failed = False
    with tempfile.TemporaryDirectory() as root:
        for rel, content in list(good.items()) + [(k, v[0]) for k, v in cases.items()]:
            os.makedirs(os.path.join(root, os.path.dirname(rel)), exist_ok=True)
            with open(os.path.join(root, rel), "w") as f:
                f.write(content)
        problems = check_tree(root)
        for rel, (_, word) in cases.items():
            if not any(p.startswith(rel + ":") and word in p for p in problems):
                print(f"self-test: {rel} was not reported ({word})")
                failed = True
        for rel in good:
            for p in problems:
                if p.startswith(rel + ":"):
                    print(f"self-test: {rel} reported wrongly: {p}")
                    failed = True
    return 1 if failed else 0


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--self-test":
        return self_test()
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    problems = check_tree(root)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
