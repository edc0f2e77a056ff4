#!/usr/bin/env python3
# The API reference is complete (suite docs, with -Ddocs=enabled):
#
# - `gi-docgen check` on the .gir finds nothing: every public class,
#   function, method, property, signal, enum member, record and constant
#   has its doc comment (a failed check and any WARNING line both count);
# - every virtual method is documented too (gi-docgen check does not look
#   at them);
# - the rendered reference has a page for each symbol of the .gir, by
#   gi-docgen's file names (class.NAME.html, method.CLASS.NAME.html, ...),
#   and each content page (overview.md, ...) rendered every one of its
#   code blocks with syntax highlighting (gi-docgen 2023.1 once rendered
#   only 2 of 39 class pages, and dropped gtk-doc `|[` blocks).
#
# Usage: check-reference.py [--gi-docgen PROGRAM] GIR REFERENCE_DIR PAGE.md...
# Prints what it counted; exit status 1 and one line per problem otherwise.
# `--self-test` checks the checker on a small .gir and reference of its own.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

CORE = "{http://www.gtk.org/introspection/core/1.0}"
GLIB = "{http://www.gtk.org/introspection/glib/1.0}"
FENCE_RE = re.compile(r"^```(\w+)\s*$", re.M)
HIGHLIGHTED_RE = re.compile(r'<div class="codehilite">')


def expected_pages(gir):
    """(kind, file name) of every page gi-docgen writes for the .gir."""
    ns = ET.parse(gir).getroot().find(CORE + "namespace")
    pages = []
    for el in ns:
        tag = el.tag[len(CORE):] if el.tag.startswith(CORE) else None
        name = el.get("name")
        if tag in ("class", "interface"):
            prefix = "class" if tag == "class" else "iface"
            pages.append((tag, f"{prefix}.{name}.html"))
            for child, kind in (("constructor", "ctor"), ("method", "method"), ("function", "type_func"),
                                ("property", "property"), ("virtual-method", "vfunc")):
                for m in el.findall(CORE + child):
                    pages.append((kind, f"{kind}.{name}.{m.get('name')}.html"))
            for s in el.findall(GLIB + "signal"):
                pages.append(("signal", f"signal.{name}.{s.get('name')}.html"))
        elif tag == "record" and el.get(GLIB + "is-gtype-struct-for") is None:
            pages.append(("struct", f"struct.{name}.html"))
            for child, kind in (("constructor", "ctor"), ("method", "method"), ("function", "type_func")):
                for m in el.findall(CORE + child):
                    pages.append((kind, f"{kind}.{name}.{m.get('name')}.html"))
        elif tag in ("enumeration", "bitfield"):
            kind = "error" if el.get(GLIB + "error-domain") else ("flags" if tag == "bitfield" else "enum")
            pages.append((kind, f"{kind}.{name}.html"))
            for m in el.findall(CORE + "function"):
                pages.append(("type_func", f"type_func.{name}.{m.get('name')}.html"))
        elif tag == "callback":
            pages.append(("callback", f"callback.{name}.html"))
        elif tag == "constant":
            pages.append(("const", f"const.{name}.html"))
        elif tag in ("function", "function-macro") and el.get("moved-to") is None:
            pages.append(("func", f"func.{name}.html"))
    return pages


def undocumented_vfuncs(gir):
    ns = ET.parse(gir).getroot().find(CORE + "namespace")
    return [f"virtual method {el.get('name')}.{vf.get('name')} is not documented"
            for el in ns if el.tag in (CORE + "class", CORE + "interface")
            for vf in el.findall(CORE + "virtual-method") if vf.find(CORE + "doc") is None]


def gi_docgen_check(gi_docgen, gir):
    out = subprocess.run([gi_docgen, "check", gir], capture_output=True, text=True)
    text = re.sub(r"\x1b\[[0-9;]*m", "", out.stdout + out.stderr)
    problems = [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line]
    if out.returncode != 0 and not problems:
        problems.append(f"gi-docgen check exited with {out.returncode}:\n{text}")
    return problems


def check_pages(gir, reference, pages_md):
    problems = []
    counts = {}
    for kind, page in expected_pages(gir):
        found = os.path.isfile(os.path.join(reference, page))
        have, want = counts.get(kind, (0, 0))
        counts[kind] = (have + found, want + 1)
        if not found:
            problems.append(f"{page} ({kind}) is missing from {reference}")
    for name in ("index.html", "classes_hierarchy.html"):
        if not os.path.isfile(os.path.join(reference, name)):
            problems.append(f"{name} is missing from {reference}")
    for md in pages_md:
        html = os.path.join(reference, os.path.basename(md)[:-len(".md")] + ".html")
        with open(md, encoding="utf-8") as f:
            blocks = len(FENCE_RE.findall(f.read()))
        if not os.path.isfile(html):
            problems.append(f"{os.path.basename(html)} (from {md}) is missing")
            continue
        with open(html, encoding="utf-8") as f:
            rendered = len(HIGHLIGHTED_RE.findall(f.read()))
        counts[os.path.basename(html)] = (rendered, blocks)
        if rendered != blocks:
            problems.append(f"{os.path.basename(html)}: {rendered} highlighted code blocks, "
                            f"{md} has {blocks}")
    return problems, counts


def check(gi_docgen, gir, reference, pages_md):
    problems = gi_docgen_check(gi_docgen, gir) + undocumented_vfuncs(gir)
    page_problems, counts = check_pages(gir, reference, pages_md)
    for kind, (have, want) in sorted(counts.items()):
        print(f"{kind}: {have} of {want}")
    return problems + page_problems


SELF_TEST_GIR = """<?xml version="1.0"?>
<repository version="1.2" xmlns="http://www.gtk.org/introspection/core/1.0"
            xmlns:c="http://www.gtk.org/introspection/c/1.0"
            xmlns:glib="http://www.gtk.org/introspection/glib/1.0">
  <namespace name="T" version="1.0">
    <class name="Thing" glib:type-name="TThing">
      <method name="run"/>
      <virtual-method name="step"><doc>one step</doc></virtual-method>
      <virtual-method name="stop"/>
      <glib:signal name="done"/>
    </class>
    <record name="ThingClass" glib:is-gtype-struct-for="Thing"/>
    <enumeration name="Error" glib:error-domain="t-error"/>
    <function name="error_quark" moved-to="Error.quark"/>
    <function name="init"/>
  </namespace>
</repository>
"""


def self_test():
    with tempfile.TemporaryDirectory() as tmp:
        gir = os.path.join(tmp, "T-1.0.gir")
        with open(gir, "w") as f:
            f.write(SELF_TEST_GIR)
        want = {"class.Thing.html", "method.Thing.run.html", "vfunc.Thing.step.html",
                "vfunc.Thing.stop.html", "signal.Thing.done.html", "error.Error.html", "func.init.html"}
        got = {page for _, page in expected_pages(gir)}
        assert got == want, got
        assert undocumented_vfuncs(gir) == ["virtual method Thing.stop is not documented"]

        ref = os.path.join(tmp, "ref")
        os.mkdir(ref)
        md = os.path.join(tmp, "page.md")
        with open(md, "w") as f:
            f.write("Title: Page\n\n```c\nint x;\n```\n\n```python\nx = 1\n```\n")
        for page in want | {"index.html", "classes_hierarchy.html"}:
            open(os.path.join(ref, page), "w").close()
        with open(os.path.join(ref, "page.html"), "w") as f:
            f.write('<div class="codehilite"><pre>int x;</pre></div>\n<pre>x = 1</pre>')
        problems, counts = check_pages(gir, ref, [md])
        assert problems == ["page.html: 1 highlighted code blocks, %s has 2" % md], problems
        assert counts["class"] == (1, 1) and counts["vfunc"] == (2, 2), counts
        os.remove(os.path.join(ref, "method.Thing.run.html"))
        problems, _ = check_pages(gir, ref, [md])
        assert any("method.Thing.run.html (method) is missing" in p for p in problems), problems
    print("self-test passed")
    return 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    gi_docgen = "gi-docgen"
    args = argv[1:]
    if args[:1] == ["--gi-docgen"]:
        gi_docgen, args = args[1], args[2:]
    if len(args) < 2:
        print(__doc__ or "usage: check-reference.py [--gi-docgen PROGRAM] GIR REFERENCE_DIR PAGE.md...",
              file=sys.stderr)
        return 2
    problems = check(gi_docgen, args[0], args[1], args[2:])
    for p in problems:
        print(p)
    if not problems:
        print("the API reference is complete")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
