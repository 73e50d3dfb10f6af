"""What every check shares: the house limits, the issue being checked, the findings, visible text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlElement

# The house limits an editor's text meets, shared with the rules `check` runs on the Markdown source.
from ..contentrules import GENERIC_LINK_TEXT as GENERIC_LINK_TEXT
from ..errors import Problem

HTML_BUDGET = 85 * 1024  # C-07, house: stays under Gmail's ~102 KB clip after ESP link rewriting
STYLE_BUDGET = 16 * 1024  # C-08
TEXT_WIDTH = 78  # C-34: RFC 5322 SHOULD; we wrap at 72
MIN_FONT_PX = 13  # C-17, house floor for visible text
BODY_FONT_PX = 16  # C-17
FORBIDDEN = {"script", "form", "iframe", "object", "embed", "svg", "base"}
SPACER = "\u034f\u200c\u00a0\u2007\ufeff"


@dataclass(frozen=True)
class Source:
    """A Markdown text the issue shows (the lead's body, the author's bio) and where it sits in its file."""

    path: str  # relative to the project, e.g. "content/columns/x.md"
    markdown: str
    first_line: int  # the file line of the Markdown's first line (1-based; 0: unknown)


@dataclass(frozen=True)
class Issue:
    """What lint looks at: the three files of one issue and where they live.

    ``sources`` (when composing) let a layout finding name the Markdown file and line that caused it.
    """

    html: str
    text: str
    eml: bytes
    folder: str  # e.g. "issues/2026-W48", for the paths in findings
    subject: str
    unsubscribe_url: str
    postal_address: str
    sources: tuple[Source, ...] = ()


class Findings:
    def __init__(self, issue: Issue, html_words: int) -> None:
        self.issue = issue
        self.items: list[Problem] = []
        self.html_words = html_words  # visible words of the HTML: C-23 and C-35 both need them

    def add(self, code: str, file: str, message: str, hint: str, line: int = 0, severity: str = "error") -> None:
        self.items.append(Problem(f"{self.issue.folder}/{file}", line, 1 if line else 0, message, hint, severity, code))

    def source(self, code: str, path: str, line: int, message: str, hint: str, severity: str = "error") -> None:
        self.items.append(Problem(path, line, 1 if line else 0, message, hint, severity, code))

    def html(self, code: str, message: str, hint: str, element: etree._Element | None = None, severity: str = "error") -> None:
        line = element.sourceline if element is not None and isinstance(element.sourceline, int) else 0
        self.add(code, "issue.html", message, hint, line, severity)


def visible_words(tree: HtmlElement) -> list[str]:
    body = tree.find("body")
    if body is None:
        return []
    texts = []
    for element in body.iter():
        if not isinstance(element.tag, str) or element.tag in ("style", "script") or hidden(element):
            continue
        texts.extend([element.text or ""])
        for child in element:
            texts.append(child.tail or "")
    return re.findall(r"\w+", " ".join(texts))


def hidden(element: etree._Element) -> bool:
    return any("display:none" in (e.get("style") or "").replace(" ", "") for e in (element, *element.iterancestors()))
