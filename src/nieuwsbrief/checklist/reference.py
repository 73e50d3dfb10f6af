"""The checklist in docs/checklist.md and README.md, written from the checklist's rows (rows.py) and the lint rules
(rules.py).

Both files call these functions through cog markers; regenerate them with REGENERATE (tests/test_checklist.py fails
while the committed text differs from what this module writes).
"""

from __future__ import annotations

from collections.abc import Sequence

from .rows import SECTIONS, Row, Section
from .rules import RULES, Rule

REGENERATE = "cog -r README.md docs/checklist.md"


def checklist_page(sections: Sequence[Section] = SECTIONS, rules: Sequence[Rule] = RULES) -> str:
    """docs/checklist.md: per section, its rows (property, tools, sources), then what lint reports for each row."""
    parts = [_numbering(sections)]
    for section in sections:
        rows = [f"| {row.code} | {row.property} | {row.tool} | {row.source} |" for row in section.rows]
        parts.append(f"## {section.title}\n\n| id | property | tool | source |\n| --- | --- | --- | --- |\n" + "\n".join(rows))
        reported = [line for row in section.rows for line in _reported(row, rules)]
        parts.append("| id | `nieuwsbrief lint` reports | severity | hint |\n| --- | --- | --- | --- |\n" + "\n".join(reported))
    return "\n\n".join(parts) + "\n"


def readme(sections: Sequence[Section] = SECTIONS, rules: Sequence[Rule] = RULES) -> str:
    """README's list: each section's rows in a few words; a row lint cannot check says what can."""
    checked = {rule.code for rule in rules}
    lines = []
    for section in sections:
        briefs = [
            f"{row.brief} ({row.code}{'' if row.code in checked else ', outside lint: ' + row.tool})" for row in section.rows
        ]
        lines.append(f"- **{section.title}**: {'; '.join(briefs)}.")
    return "\n".join(lines) + "\n"


def _numbering(sections: Sequence[Section]) -> str:
    codes = [row.code for section in sections for row in section.rows]
    last = max(int(code[2:]) for code in codes)
    unused = [f"C-{number:02d}" for number in range(1, last + 1) if f"C-{number:02d}" not in codes]
    skipped = f"; {' and '.join(unused)} {'was' if len(unused) == 1 else 'were'} never given out" if unused else ""
    return f"The rows are numbered C-01 to C-{last:02d}{skipped}."


def _reported(row: Row, rules: Sequence[Rule]) -> list[str]:
    found = [rule for rule in rules if rule.code == row.code]
    if not found:
        return [f"| {row.code} | *nothing: lint cannot check this row* ({row.tool}; source: {row.source}) | | |"]
    lines = []
    for rule in found:
        message, hint = rule.template()
        both = " (also `check`, at the Markdown line)" if rule.on is not None else ""
        lines.append(f"| {row.code} | {_code(message)}{both} | {rule.severity} | {_code(hint)} |")
    return lines


def _code(text: str) -> str:
    """Text as a code span in a table cell: HTML in it shown as written, a pipe escaped."""
    return f"`{text.replace('|', chr(92) + '|')}`"
