"""Template hygiene a reader of the page would notice."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = [
    path
    for path in ROOT.glob("**/templates/**/*")
    if path.suffix in {".html", ".txt", ".xml"}
    and ".venv" not in path.parts
    and "node_modules" not in path.parts
]
# Django's `{# … #}` ends at the end of its line: a comment spread over lines is printed on the page as text.
MULTILINE_COMMENT = re.compile(r"\{#(?:(?!#\}).)*\n", re.DOTALL)


def test_the_templates_are_found():
    assert any(path.name == "base.html" for path in TEMPLATES)


def test_no_template_has_a_one_line_comment_spread_over_several_lines():
    offenders = []
    for path in TEMPLATES:
        text = path.read_text(encoding="utf-8")
        for match in MULTILINE_COMMENT.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            offenders.append(f"{path.relative_to(ROOT)}:{line}")
    assert not offenders, "use {% comment %} for comments over several lines: " + ", ".join(offenders)
