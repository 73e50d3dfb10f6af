"""Pre-flight checks of a rendered issue against the email checklist, docs/checklist.md (the only user of lxml).

Each finding is a rule of checklist/rules.py and names its checklist row (C-01 ...; the house layout rows C-42 to
C-44 are in layout.py); the rules on the editor's text run here on the facts the rendered issue holds. Errors fail
`lint` and stop `compose` (exit 4); warnings are shown but pass. Rules that depend on what editors write (subject
length, http links, image formats a URL does not reveal) are warnings, so a good issue is never blocked by a guess.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import lxml.html
from lxml.html import HtmlElement

from ..checklist.rules import RULES, Rule
from ..errors import Problem
from ..hyphenation import SOFT_HYPHEN
from .body import (
    check_dark_mode,
    check_footer,
    check_headings,
    check_images,
    check_links,
    check_preheader,
    check_real_text,
    check_text_size,
)
from .document import check_document, check_forbidden, check_outlook, check_size_and_style, check_tables
from .findings import Findings, Issue, Source, visible_words
from .layout import check_layout, check_lost_words
from .parts import check_eml, check_text

HTML_CHECKS: tuple[Callable[[Issue, HtmlElement, Findings], None], ...] = (
    check_document,
    check_size_and_style,
    check_forbidden,
    check_tables,
    check_outlook,
    check_images,
    check_real_text,
    check_links,
    check_text_size,
    check_headings,
    check_dark_mode,
    check_preheader,
    check_footer,
    check_layout,
    check_lost_words,
)


def lint_issue(issue: Issue, rules: Sequence[Rule] = RULES) -> list[Problem]:
    """Every checklist row a program can check, on the final HTML, text and .eml."""
    # A soft hyphen (hyphenation.py) marks where a word may break, and is no part of it: every check reads words whole.
    tree = lxml.html.document_fromstring(issue.html.replace(SOFT_HYPHEN, "").encode("utf-8"))
    findings = Findings(issue, len(visible_words(tree)), rules)
    for check in HTML_CHECKS:
        check(issue, tree, findings)
    check_text(issue, tree, findings)
    check_eml(issue, findings)
    return sorted(findings.items, key=lambda p: (p.path, p.line, p.code, p.message))


__all__ = ["Issue", "Source", "lint_issue"]
