#!/usr/bin/env python3
"""Check gettext catalogues for missing, fuzzy or inconsistent translations.

Usage:
    python scripts/check_translations.py [FILE.po ...]

Without arguments it checks every locale/*/LC_MESSAGES/*.po of the project.
Exits 1 and lists the problems when an entry has an empty translation, a fuzzy
flag, or placeholders / HTML tags that differ from its msgid; exits 0 otherwise.
Standard library only, so it runs on a fresh machine without polib.
"""

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# %(name)s style and positional %s / %d placeholders (python-format); %% is a literal percent sign.
PYTHON_PLACEHOLDER = re.compile(r"%(?:\((?P<name>[^)]+)\))?[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGcoa%]")
HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


@dataclass
class Entry:
    line: int
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict = field(default_factory=dict)  # plural index (0 for a singular entry) -> text
    flags: set = field(default_factory=set)
    references: list = field(default_factory=list)
    obsolete: bool = False

    @property
    def is_header(self):
        return self.msgid == "" and self.msgctxt is None

    @property
    def where(self):
        return self.references[0] if self.references else f"line {self.line}"


def unquote(text, path, lineno):
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise ValueError(f"{path}:{lineno}: expected a quoted string, got {text!r}")
    body, out, i = text[1:-1], [], 0
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            out.append(ESCAPES.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(char)
            i += 1
    return "".join(out)


def parse_po(path):
    """Return the entries of a .po file (obsolete `#~` entries are marked, not dropped)."""
    entries, entry, target = [], None, None

    def start(lineno):
        nonlocal entry
        if entry is None:
            entry = Entry(line=lineno)
        return entry

    def finish():
        nonlocal entry, target
        if entry is not None and (entry.msgstr or entry.msgid or entry.msgid_plural is not None):
            entries.append(entry)
        entry, target = None, None

    keyword = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(.*)$")
    for lineno, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line:
            finish()
            continue
        if line.startswith("#"):
            if entry is not None and target is not None and target[0].startswith("msgstr"):
                finish()  # a comment after the msgstr starts the next entry
            current = start(lineno)
            if line.startswith("#,"):
                current.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
            elif line.startswith("#:"):
                current.references.extend(line[2:].split())
            continue
        match = keyword.match(line)
        if match:
            name, index, rest = match.groups()
            if name in ("msgctxt", "msgid") and target is not None and target[0].startswith("msgstr"):
                finish()
            current = start(lineno)
            current.obsolete = current.obsolete or obsolete
            text = unquote(rest, path, lineno)
            if name == "msgctxt":
                current.msgctxt, target = text, ("msgctxt",)
            elif name == "msgid":
                current.msgid, target = text, ("msgid",)
            elif name == "msgid_plural":
                current.msgid_plural, target = text, ("msgid_plural",)
            else:
                key = int(index) if index is not None else 0
                current.msgstr[key], target = text, ("msgstr", key)
            continue
        if line.startswith('"') and entry is not None and target is not None:
            text = unquote(line, path, lineno)
            if target[0] == "msgctxt":
                entry.msgctxt += text
            elif target[0] == "msgid":
                entry.msgid += text
            elif target[0] == "msgid_plural":
                entry.msgid_plural += text
            else:
                entry.msgstr[target[1]] += text
            continue
        raise ValueError(f"{path}:{lineno}: cannot parse {raw!r}")
    finish()
    return entries


def placeholders(text, entry):
    found = []
    if "python-format" in entry.flags or "python-brace-format" in entry.flags:
        found += [m.group(0) for m in PYTHON_PLACEHOLDER.finditer(text) if m.group(0) != "%%"]
    return sorted(found)


def problems_of(entry, nplurals):
    problems = []
    if "fuzzy" in entry.flags:
        problems.append("fuzzy")
    if entry.is_header:
        return problems
    expected = range(nplurals) if entry.msgid_plural is not None else [0]
    for index in expected:
        if not entry.msgstr.get(index, ""):
            problems.append("empty translation" if entry.msgid_plural is None else f"empty msgstr[{index}]")
    sources = [entry.msgid] if entry.msgid_plural is None else [entry.msgid, entry.msgid_plural]
    wanted_names = {name for source in sources for name in placeholders(source, entry)}
    wanted_tags = sorted(HTML_TAG.findall(entry.msgid))
    for index, text in sorted(entry.msgstr.items()):
        if not text:
            continue
        names = set(placeholders(text, entry))
        # A plural form may leave out the count (e.g. "one item"), never add an unknown placeholder.
        if names - wanted_names or (entry.msgid_plural is None and names != wanted_names):
            problems.append(
                f"placeholders differ in msgstr[{index}]: {sorted(names)} vs {sorted(wanted_names)}"
            )
        tags = sorted(HTML_TAG.findall(text))
        if [re.sub(r"\s.*", "", t) for t in tags] != [re.sub(r"\s.*", "", t) for t in wanted_tags]:
            problems.append(f"HTML tags differ in msgstr[{index}]")
        if entry.msgid.startswith(" ") != text.startswith(" ") or entry.msgid.endswith("\n") != text.endswith(
            "\n"
        ):
            problems.append(f"leading space or trailing newline differs in msgstr[{index}]")
    return problems


def nplurals_of(entries):
    for entry in entries:
        if entry.is_header:
            match = re.search(r"nplurals\s*=\s*(\d+)", entry.msgstr.get(0, ""))
            if match:
                return int(match.group(1))
    return 2


def check(path):
    entries = parse_po(path)
    nplurals = nplurals_of(entries)
    report, translated = [], 0
    for entry in entries:
        if entry.obsolete:
            continue
        found = problems_of(entry, nplurals)
        if not found and not entry.is_header:
            translated += 1
        for problem in found:
            label = "(header)" if entry.is_header else repr(entry.msgid)
            report.append(f"{path}: {entry.where}: {problem}: {label}")
    return report, translated, sum(1 for e in entries if not e.obsolete and not e.is_header)


def main(argv):
    paths = [Path(arg) for arg in argv] or sorted(ROOT.glob("locale/*/LC_MESSAGES/*.po"))
    if not paths:
        print("No .po files found.", file=sys.stderr)
        return 1
    failed = False
    for path in paths:
        report, translated, total = check(path)
        for line in report:
            print(line)
        print(f"{path}: {translated} of {total} entries translated, {len(report)} problem(s)")
        failed = failed or bool(report)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
