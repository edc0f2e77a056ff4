#!/usr/bin/env python3
# The manual pages say what the programs do: every option a program's
# --help lists is documented in its page, with the same short name and
# argument, and the page documents no option or command the program lacks.
#
#   sipsimple.1: one ".SS COMMAND" per command of `sipsimple --help`, each
#     with the options of `sipsimple COMMAND --help` that are not common;
#     the common options (those most commands have) under .SH "COMMON
#     OPTIONS"; the program's own options (--help, --version) under .SH
#     OPTIONS. A command that has only some of the common options may
#     document one of them again in its own section (where it means
#     something else, say); what it documents there it must have.
#   sipd.8: the options of `sipd --help` under .SH OPTIONS.
#
# An option is a ".TP" item whose tag line reads "-s, --long=ARG" (font
# escapes aside). The pages are also run through groff with warnings on,
# when groff is there, and must have no @VARIABLE@ left from configure_file.
#
# Usage: check-manpages.py SIPSIMPLE SIPD SIPSIMPLE_MAN SIPD_MAN
#        check-manpages.py --self-test
#
# SPDX-License-Identifier: LGPL-2.1-or-later
import os
import re
import shutil
import subprocess
import sys

HELP_OPTION = re.compile(r"^\s+(?:-(\w), )?--([\w-]+)(?:=(\S+))?(?:\s{2,}|$)")
HELP_COMMAND = re.compile(r"^  ([a-z][\w-]*)\s{2,}\S")
MAN_OPTION = re.compile(r"^(?:-(\w), )?--([\w-]+)(?:[= ](\S+))?$")


def run_help(argv):
    out = subprocess.run(argv, capture_output=True, text=True, timeout=30,
                         env=dict(os.environ, LC_ALL="C.UTF-8"))
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(argv)}: exit status {out.returncode}: {out.stderr.strip()}")
    return out.stdout


def help_options(text):
    """{long: (short, arg)} of a GOption --help text."""
    options = {}
    for line in text.splitlines():
        m = HELP_OPTION.match(line)
        if m:
            options[m.group(2)] = (m.group(1), m.group(3))
    return options


def help_commands(text):
    commands, inside = [], False
    for line in text.splitlines():
        if line.strip() == "Commands:":
            inside = True
        elif inside and not line.strip():
            break
        elif inside:
            m = HELP_COMMAND.match(line)
            if m:
                commands.append(m.group(1))
    return commands


def plain(roff):
    """The text of a roff line without font escapes and quoting."""
    text = re.sub(r"\\f[BIRP]|\\f\(..|\\&", "", roff)
    return text.replace("\\-", "-").replace("\\e", "\\").strip().strip('"')


def man_sections(text):
    """{section: {subsection or "": {long: (short, arg)}}} of a man page."""
    sections, section, sub = {}, None, ""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith(".SH "):
            section, sub = plain(line[4:]), ""
            sections.setdefault(section, {}).setdefault(sub, {})
        elif line.startswith(".SS ") and section is not None:
            sub = plain(line[4:]).split()[0]
            sections[section].setdefault(sub, {})
        elif line.strip() == ".TP" and section is not None and i + 1 < len(lines):
            m = MAN_OPTION.match(plain(lines[i + 1]))
            if m:
                items = sections[section][sub]
                # a second item for the same option is reported as unknown
                name = m.group(2) if m.group(2) not in items else m.group(2) + " (again)"
                items[name] = (m.group(1), m.group(3))
    return sections


def compare(where, documented, actual):
    problems = []
    for name in sorted(set(actual) - set(documented)):
        problems.append(f"{where}: --{name} is not documented")
    for name in sorted(set(documented) - set(actual)):
        problems.append(f"{where}: documents --{name}, which the program does not have")
    for name in sorted(set(actual) & set(documented)):
        if documented[name] != actual[name]:
            problems.append(f"{where}: --{name} documented as {fmt(name, documented[name])}, "
                            f"--help says {fmt(name, actual[name])}")
    return problems


def fmt(name, spec):
    short, arg = spec
    return (f"-{short}, " if short else "") + f"--{name}" + (f"={arg}" if arg else "")


def check_sipsimple(top_help, command_helps, man_text, page="sipsimple.1"):
    """top_help: `sipsimple --help`; command_helps: {command: its --help}."""
    problems = []
    sections = man_sections(man_text)
    commands = help_commands(top_help)
    if not commands:
        return [f"{page}: no commands found in sipsimple --help"]
    documented_commands = {k: v for k, v in sections.get("COMMANDS", {}).items() if k}
    for c in sorted(set(commands) - set(documented_commands)):
        problems.append(f"{page}: command {c} is not documented (.SS {c} under COMMANDS)")
    for c in sorted(set(documented_commands) - set(commands)):
        problems.append(f"{page}: documents a command {c} that sipsimple does not have")
    options = {c: help_options(command_helps[c]) for c in commands}
    common = {n for n in set().union(*options.values())
              if 2 * sum(n in o for o in options.values()) > len(commands)}
    common_documented = sections.get("COMMON OPTIONS", {}).get("", {})
    common_specs = {}
    for c in commands:
        for n, spec in options[c].items():
            if n in common:
                if common_specs.setdefault(n, spec) != spec:
                    problems.append(f"sipsimple {c} --help: --{n} is {fmt(n, spec)}, elsewhere "
                                    f"{fmt(n, common_specs[n])}")
    problems += compare(f"{page} COMMON OPTIONS", common_documented, common_specs)
    for c in commands:
        if c in documented_commands:
            own = documented_commands[c]
            problems += compare(f"{page} command {c}", own,
                                {n: s for n, s in options[c].items()
                                 if n not in common or n in own})
    program_options = sections.get("OPTIONS", {}).get("", {})
    for name in ("help", "version"):
        if name not in program_options:
            problems.append(f"{page} OPTIONS: --{name} is not documented")
    return problems


def check_sipd(sipd_help, man_text, page="sipd.8"):
    return compare(f"{page} OPTIONS", man_sections(man_text).get("OPTIONS", {}).get("", {}),
                   help_options(sipd_help))


def lint(path):
    problems = []
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for var in sorted(set(re.findall(r"@[A-Z_]+@", text))):
        problems.append(f"{path}: {var} not substituted")
    groff = shutil.which("groff")
    if groff:
        out = subprocess.run([groff, "-man", "-ww", "-z", "-Tutf8", path], capture_output=True, text=True)
        for line in (out.stdout + out.stderr).splitlines():
            problems.append(f"{path}: groff: {line}")
    return problems


def self_test():
    top = ("Usage:\n  sipsimple COMMAND\n\nCommands:\n  send   send it\n  get    get it\n"
           "  keep   keep it\n\nRun...\n")
    helps = {
        "send": "Application Options:\n  --to=URI     Recipient\n  -a, --account=URI   The account\n"
                "  -c, --config=DIR   Where\n",
        "get": "Application Options:\n  -n, --count=N     Count\n  -a, --account=URI   The account\n"
               "  -c, --config=DIR   Where\n",
        # has only some of the common options, and documents one again
        "keep": "Application Options:\n  -c, --config=DIR   Where\n  --name=NAME   Whom\n",
    }
    good = """.SH OPTIONS
.TP
\\fB\\-h\\fR, \\fB\\-\\-help\\fR
Help.
.TP
\\fB\\-\\-version\\fR
Version.
.SH COMMANDS
.SS "send \\fITEXT\\fR"
.TP
\\fB\\-\\-to\\fR=\\fIURI\\fR
To.
.SS get
.TP
\\fB\\-n\\fR, \\fB\\-\\-count\\fR=\\fIN\\fR
N.
.SS keep
.TP
\\fB\\-\\-name\\fR=\\fINAME\\fR
Whom.
.TP
\\fB\\-c\\fR, \\fB\\-\\-config\\fR=\\fIDIR\\fR
Where, kept.
.SH "COMMON OPTIONS"
.TP
\\fB\\-a\\fR, \\fB\\-\\-account\\fR=\\fIURI\\fR
The account.
.TP
\\fB\\-c\\fR, \\fB\\-\\-config\\fR=\\fIDIR\\fR
Where.
"""
    failed = False
    if check_sipsimple(top, helps, good):
        print("self-test: a matching page was reported:", check_sipsimple(top, helps, good))
        failed = True
    broken = {
        "missing option": good.replace(".TP\n\\fB\\-\\-to\\fR=\\fIURI\\fR\nTo.\n", ""),
        "missing command": good.replace(".SS get\n", ""),
        "wrong short name": good.replace("\\fB\\-n\\fR, ", "\\fB\\-c\\fR, "),
        "wrong argument": good.replace("\\-\\-count\\fR=\\fIN", "\\-\\-count\\fR=\\fIM"),
        "unknown option": good + ".TP\n\\fB\\-\\-gone\\fR\nGone.\n",
        "unknown command": good.replace(".SH \"COMMON", ".SS old\n.SH \"COMMON"),
        "option twice": good.replace(".SS get\n", ".SS get\n.TP\n\\fB\\-\\-count\\fR=\\fIN\\fR\nAgain.\n"),
        "common option missing": good.replace("\\fB\\-a\\fR, \\fB\\-\\-account\\fR=\\fIURI\\fR", "Nothing"),
        "no --version": good.replace("\\fB\\-\\-version\\fR", "Version"),
        "common option documented again where missing": good.replace(
            ".SS get\n", ".SS get\n.TP\n\\fB\\-\\-to\\fR=\\fIURI\\fR\nTo.\n"),
        "common option documented again, wrong": good.replace(
            "\\fIDIR\\fR\nWhere, kept.", "\\fIPATH\\fR\nWhere, kept."),
        "option of a command missing": good.replace(".TP\n\\fB\\-\\-name\\fR=\\fINAME\\fR\nWhom.\n", ""),
    }
    for what, page in broken.items():
        if not check_sipsimple(top, helps, page):
            print(f"self-test: {what} was not reported")
            failed = True
    sipd_help = "Help Options:\n  -h, --help      Show help\n\nApplication Options:\n  -l, --listen=SPEC   Listen\n"
    sipd_page = ".SH OPTIONS\n.TP\n\\fB\\-l\\fR, \\fB\\-\\-listen\\fR=\\fISPEC\\fR\nL.\n.TP\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\nH.\n"
    if check_sipd(sipd_help, sipd_page) or not check_sipd(sipd_help, sipd_page.replace("listen", "bind")):
        print("self-test: sipd page check is wrong")
        failed = True
    return 1 if failed else 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    if len(sys.argv) != 5:
        print(__doc__ or "usage: check-manpages.py SIPSIMPLE SIPD SIPSIMPLE_MAN SIPD_MAN", file=sys.stderr)
        return 2
    sipsimple, sipd, sipsimple_man, sipd_man = sys.argv[1:]
    top = run_help([sipsimple, "--help"])
    helps = {c: run_help([sipsimple, c, "--help"]) for c in help_commands(top)}
    with open(sipsimple_man, encoding="utf-8") as f:
        problems = check_sipsimple(top, helps, f.read())
    with open(sipd_man, encoding="utf-8") as f:
        problems += check_sipd(run_help([sipd, "--help"]), f.read())
    for name in ("--help", "--version"):
        run_help([sipsimple, name])  # documented under OPTIONS: must work
    problems += lint(sipsimple_man) + lint(sipd_man)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
