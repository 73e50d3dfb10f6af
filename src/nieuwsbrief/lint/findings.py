"""What every check shares: the issue being checked, the findings, visible text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlElement

from ..checklist.facts import Fact, Found
from ..checklist.rules import Rule, judge
from ..errors import Problem

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

    ``sources`` (when composing) let a layout finding name the Markdown file and line that caused it; ``facts``
    (the editor's text where the Markdown has it: contentrules.lead_facts) let a finding on one of them do the same.
    """

    html: str
    text: str
    eml: bytes
    folder: str  # e.g. "issues/2026-W48", for the paths in findings
    subject: str
    unsubscribe_url: str
    postal_address: str
    sources: tuple[Source, ...] = ()
    facts: tuple[Found, ...] = ()
    own_templates: tuple[str, ...] = ()  # the project's templates that replace packaged ones of the issue
    one_click_wanted: bool = True  # False: no send path set up yet could carry one-click unsubscribe (C-37 is silent)


class Findings:
    def __init__(self, issue: Issue, html_words: int, rules: Sequence[Rule]) -> None:
        self.issue = issue
        self.rules = rules
        self.items: list[Problem] = []
        self.html_words = html_words  # visible words of the HTML: C-23 and C-35 both need them
        self._unnamed = list(issue.facts)  # the Markdown's facts not yet found in the rendered issue

    def add(self, rule: Rule, file: str, line: int = 0, /, **fields: object) -> None:
        self.items.append(rule.say(**fields).at(f"{self.issue.folder}/{file}", line, 1 if line else 0))

    def source(self, rule: Rule, path: str, line: int, /, **fields: object) -> None:
        self.items.append(rule.say(**fields).at(path, line, 1 if line else 0))

    def html(self, rule: Rule, element: etree._Element | None = None, /, **fields: object) -> None:
        self.add(rule, "issue.html", _line(element), **fields)

    def fact(self, fact: Fact, file: str, element: etree._Element | None = None) -> None:
        """The rules on a fact of the rendered issue; named where the Markdown has it when it comes from there."""
        line = _line(element)
        path, line, column = f"{self.issue.folder}/{file}", line, 1 if line else 0
        source = next((found for found in self._unnamed if found.names(fact)), None)
        if source is not None:
            self._unnamed.remove(source)
            path, line, column = source.path, source.line, source.column
        self.items.extend(said.at(path, line, column) for said in judge(fact, self.rules))


def _line(element: etree._Element | None) -> int:
    return element.sourceline if element is not None and isinstance(element.sourceline, int) else 0


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
