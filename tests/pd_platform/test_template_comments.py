"""Django's ``{# ... #}`` comment ends at the end of its line: one left open across lines is printed on the
page as text (a participant once read a developer's note under an assignment)."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def test_no_template_opens_a_one_line_comment_it_does_not_close_on_that_line():
    open_comments = []
    for path in sorted(TEMPLATES.rglob("*")):
        if path.suffix not in {".html", ".txt", ".xml", ".ics"}:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\{#(?!.*#\})", line):
                open_comments.append(f"{path.relative_to(TEMPLATES)}:{number}")
    assert open_comments == []
