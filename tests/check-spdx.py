#!/usr/bin/env python3
# Every source file carries an SPDX license line in its opening comment,
# and the LICENSE file holds the license it names. Run by the test suite
# (suite layout):
#
# - source files: C (.c, .h, .h.in), Python, JavaScript, Vala, shell,
#   meson.build, and scripts without an extension (a #! first line), under
#   the folders of SOURCE_DIRS and the top-level build files; test data
#   (tests/data, fuzz corpora) is not source;
# - the SPDX line, naming LGPL-2.1-or-later, is within the first
#   HEAD_LINES lines (where the opening comment is).
#
# Usage: check-spdx.py [SOURCE_ROOT]   (exit status 1 and one line per file
# without it). `--self-test` checks the checker.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
import os
import sys
import tempfile

LICENSE_ID = "LGPL-2.1-or-later"
TAG = "SPDX-License-Identifier:"
SOURCE_DIRS = ("libsipsimple", "tools", "gst-plugins", "tests", "bench", "examples", "bindings", "gir", "docs")
TOP_FILES = ("meson.build", "meson_options.txt")
NOT_SOURCE = (os.path.join("tests", "data"), os.path.join("tests", "fuzz", "corpus"))
EXTENSIONS = (".c", ".h", ".h.in", ".py", ".js", ".vala", ".sh")
HEAD_LINES = 40


def is_source(path, name):
    if name == "meson.build" or name.endswith(EXTENSIONS):
        return True
    if "." in name:
        return False
    try:
        with open(path, "rb") as f:
            return f.read(2) == b"#!"
    except OSError:
        return False


def source_files(root):
    for name in TOP_FILES:
        if os.path.isfile(os.path.join(root, name)):
            yield name
    for top in SOURCE_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            rel_dir = os.path.relpath(dirpath, root)
            dirnames[:] = sorted(
                d for d in dirnames
                if not d.startswith(".") and d != "__pycache__" and os.path.join(rel_dir, d) not in NOT_SOURCE
            )
            for name in sorted(filenames):
                if is_source(os.path.join(dirpath, name), name):
                    yield os.path.join(rel_dir, name)


def spdx_of(path):
    """The license expression of the file's SPDX line, or None."""
    with open(path, encoding="utf-8", errors="replace") as f:
        for _, line in zip(range(HEAD_LINES), f):
            if TAG in line:
                expr = line.split(TAG, 1)[1].strip()
                for end in ("*/", "-->"):
                    expr = expr.split(end, 1)[0].strip()
                return expr
    return None


def check_tree(root):
    problems = []
    license_file = os.path.join(root, "LICENSE")
    if not os.path.isfile(license_file):
        problems.append("LICENSE: missing (the LGPL-2.1 text)")
    else:
        with open(license_file, encoding="utf-8", errors="replace") as f:
            text = f.read()
        if "GNU LESSER GENERAL PUBLIC LICENSE" not in text or "Version 2.1" not in text:
            problems.append("LICENSE: not the GNU LGPL version 2.1 text")
    for rel in source_files(root):
        expr = spdx_of(os.path.join(root, rel))
        if expr is None:
            problems.append(f"{rel}: no '{TAG} {LICENSE_ID}' line in its opening comment")
        elif expr != LICENSE_ID:
            problems.append(f"{rel}: SPDX license '{expr}', the project's is {LICENSE_ID}")
    return problems


def self_test():
    ok_line = f"{TAG} {LICENSE_ID}"
    bad = {
        "libsipsimple/sip/none.c": "/* no license */\nint x;\n",
        "tools/none.h": "#pragma once\n",
        "tests/lib/none.py": '"""doc"""\nimport os\n',
        "examples/js/none.js": "// hi\n",
        "bench/script": "#!/bin/sh\necho\n",
        "bindings/meson.build": "# build\n",
        "meson.build": "project('x')\n",
        "gst-plugins/msrp/other.c": "/* SPDX-License-Identifier: MIT */\n",
        "tests/lib/late.py": "\n" * HEAD_LINES + f"# {ok_line}\n",
    }
    good = {
        "libsipsimple/sip/ok.c": f"/* ok\n *\n * {ok_line}\n */\n",
        "libsipsimple/version.h.in": f"/* v\n * {ok_line}\n */\n",
        "tests/ok_test.py": f'#!/usr/bin/python3\n# {ok_line}\n"""doc"""\n',
        "examples/vala/ok.vala": f"// ok\n// {ok_line}\n",
        "tests/data/fixture.py": "not source: test data\n",
        "tests/fuzz/corpus/x/seed": "#!raw seed\n",
        "tools/notes.txt": "not source\n",
        "bench/README.md": "not source\n",
    }
    with tempfile.TemporaryDirectory() as root:
        for rel, content in {**bad, **good}.items():
            os.makedirs(os.path.join(root, os.path.dirname(rel)), exist_ok=True)
            with open(os.path.join(root, rel), "w") as f:
                f.write(content)
        reported = {p.split(":", 1)[0] for p in check_tree(root)}
        with open(os.path.join(root, "LICENSE"), "w") as f:
            f.write("GNU LESSER GENERAL PUBLIC LICENSE\nVersion 2.1, February 1999\n")
        license_ok = "LICENSE" not in {p.split(":", 1)[0] for p in check_tree(root)}
    errors = [f"self-test: {rel} was not reported" for rel in sorted((set(bad) | {"LICENSE"}) - reported)]
    errors += [f"self-test: {rel} was reported wrongly" for rel in sorted(reported & set(good))]
    errors += [] if license_ok else ["self-test: an LGPL-2.1 LICENSE was reported"]
    print("\n".join(errors), end="\n" if errors else "")
    return 1 if errors else 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--self-test"]:
        sys.exit(self_test())
    found = check_tree(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), ".."))
    print("\n".join(found), end="\n" if found else "")
    sys.exit(1 if found else 0)
