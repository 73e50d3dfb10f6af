"""Checklist sections A-C: the document and its head, size and Gmail's CSS traps, layout tables and Outlook."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from lxml import etree
from lxml.html import HtmlElement

from ..checklist import rules
from ..checklist.rules import HTML_BUDGET, STYLE_BUDGET
from ..inline import css_problems
from .findings import FORBIDDEN, Findings, Issue

# --- A. document and head -------------------------------------------------------------------------------


def check_document(issue: Issue, tree: HtmlElement, out: Findings) -> None:
    if not issue.html.lstrip().lower().startswith("<!doctype html>"):
        out.html(rules.NO_DOCTYPE)
    wrapper = wrapper_of(tree)
    for attribute, on_html, on_wrapper in (
        ("lang", rules.HTML_NO_LANG, rules.WRAPPER_NO_LANG),
        ("dir", rules.HTML_NO_DIR, rules.WRAPPER_NO_DIR),
    ):
        if not tree.get(attribute):
            out.html(on_html, tree)
        if wrapper is None or not wrapper.get(attribute):
            out.html(on_wrapper, wrapper)
    if (
        wrapper is None
        or wrapper.get("role") != "article"
        or wrapper.get("aria-roledescription") != "email"
        or not wrapper.get("aria-label")
    ):
        out.html(rules.NOT_AN_ARTICLE, wrapper)
    title = tree.findtext(".//head/title") or ""
    if not title.strip():
        out.html(rules.EMPTY_TITLE)
    elif title.strip() != issue.subject:
        out.html(rules.TITLE_NOT_SUBJECT, title=title.strip(), subject=issue.subject)
    check_meta(tree, out)


def wrapper_of(tree: HtmlElement) -> etree._Element | None:
    body = tree.find("body")
    if body is None:
        return None
    children = [child for child in body if isinstance(child.tag, str)]
    return children[0] if children else None


def check_meta(tree: HtmlElement, out: Findings) -> None:
    metas = tree.findall(".//head/meta")
    charset = any((m.get("charset") or "").lower() == "utf-8" for m in metas)
    named = {(m.get("name") or "").lower(): m.get("content") or "" for m in metas}
    if not charset:
        out.html(rules.NO_CHARSET)
    if "width=device-width" not in named.get("viewport", ""):
        out.html(rules.NO_VIEWPORT)
    for name in ("x-apple-disable-message-reformatting", "format-detection"):
        if name not in named:
            out.html(rules.NO_META, name=name)
    if "light dark" not in named.get("color-scheme", "") or "light dark" not in named.get("supported-color-schemes", ""):
        out.html(rules.NO_COLOR_SCHEME_META)


# --- B. size and Gmail's CSS traps -------------------------------------------------------------------------


def check_size_and_style(issue: Issue, tree: HtmlElement, out: Findings) -> None:
    size = len(issue.html.encode("utf-8"))
    if size > HTML_BUDGET:
        out.html(rules.HTML_TOO_BIG, kb=size / 1024)
    styles = tree.findall(".//style")
    total = sum(len((s.text or "").encode("utf-8")) for s in styles)
    if total > STYLE_BUDGET:
        out.html(rules.STYLE_TOO_BIG, kb=total / 1024)
    for style in styles:
        css = style.text or ""
        if _nested_at_rule(css):
            out.html(rules.NESTED_AT_RULE, style)
        if re.search(r"rgba?\(\s*\d+\s+\d+", css):
            out.html(rules.SPACED_RGB, style)
        for problem in css_problems(css):
            out.html(rules.CSS_ERROR, style, problem=problem)
    for element in tree.iter():
        if isinstance(element.tag, str) and element.get("style") and re.search(r"rgba?\(\s*\d+\s+\d+", element.get("style", "")):
            out.html(rules.SPACED_RGB_INLINE, element)


def _nested_at_rule(css: str) -> bool:
    depth_at: list[bool] = []  # for each open brace: was it opened by an @-rule?
    statement = ""
    for char in re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL):
        if char == "{":
            opener = statement.strip().startswith("@")
            if opener and any(depth_at):
                return True
            depth_at.append(opener)
            statement = ""
        elif char == "}":
            if depth_at:
                depth_at.pop()
            statement = ""
        elif char == ";":
            statement = ""
        else:
            statement += char
    return False


def check_forbidden(issue: Issue, tree: HtmlElement, out: Findings) -> None:
    for element in tree.iter(*FORBIDDEN):
        out.html(rules.FORBIDDEN_ELEMENT, element, tag=element.tag)
    for link in tree.iter("link"):
        if "stylesheet" in (link.get("rel") or "").lower():
            out.html(rules.STYLESHEET_LINK, link)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        style = (element.get("style") or "").lower()
        if re.search(r"display\s*:\s*(flex|grid)|(^|;)\s*float\s*:|position\s*:\s*(absolute|fixed)", style):
            out.html(rules.LAYOUT_CSS, element, tag=element.tag)


# --- C. layout tables and Outlook ----------------------------------------------------------------------------


def check_tables(issue: Issue, tree: HtmlElement, out: Findings) -> None:
    for table in tree.iter("table"):
        if table.get("role") == "presentation":
            check_table_attributes(table.get, out, table)
        elif table.find(".//th") is None and table.get("role") != "table":  # role="table": a data table, declared
            out.html(rules.TABLE_NO_ROLE, table)
    for comment in _comments(tree):
        for ghost in re.findall(r"<table\b[^>]*>", comment.text or "", re.IGNORECASE):
            attributes = dict(re.findall(r'([\w:-]+)="([^"]*)"', ghost))
            if attributes.get("role") != "presentation":
                out.html(rules.GHOST_NO_ROLE, comment)
            check_table_attributes(attributes.get, out, comment)


def check_table_attributes(get: Callable[[str], str | None], out: Findings, where: etree._Element) -> None:
    for name in ("border", "cellpadding", "cellspacing"):
        if get(name) != "0":
            out.html(rules.TABLE_ATTRIBUTE, where, name=name)


def _comments(tree: HtmlElement) -> Iterator[etree._Element]:
    yield from tree.getroottree().iter(etree.Comment)


def check_outlook(issue: Issue, tree: HtmlElement, out: Findings) -> None:
    opened = len(re.findall(r"<!--\[if\b", issue.html))
    closed = len(re.findall(r"<!\[endif\]-->", issue.html))
    if opened != closed:
        out.html(rules.UNBALANCED_MSO, opened=opened, closed=closed)
    if "max-width" in issue.html and not re.search(r"<!--\[if mso\]><table\b[^>]*\bwidth=\"\d+\"", issue.html):
        out.html(rules.NO_GHOST_TABLE)
    if "<o:PixelsPerInch>96</o:PixelsPerInch>" not in issue.html:
        out.html(rules.NO_PIXELS_PER_INCH)
