"""Checklist sections A-C: the document and its head, size and Gmail's CSS traps, layout tables and Outlook."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from lxml import etree
from lxml.html import HtmlElement

from ..inline import css_problems
from .findings import (
    FORBIDDEN,
    HTML_BUDGET,
    STYLE_BUDGET,
    Findings,
    Issue,
)

# --- A. document and head -------------------------------------------------------------------------------


def check_document(issue: Issue, tree: HtmlElement, out: Findings) -> None:
    if not issue.html.lstrip().lower().startswith("<!doctype html>"):
        out.html("C-01", "the HTML does not start with <!DOCTYPE html>", "start the layout template with <!DOCTYPE html>")
    wrapper = wrapper_of(tree)
    for attribute, code in (("lang", "C-02"), ("dir", "C-03")):
        if not tree.get(attribute):
            out.html(code, f"<html> has no {attribute} attribute", f'add {attribute}="..." to <html>', tree)
        if wrapper is None or not wrapper.get(attribute):
            out.html(
                code,
                f"the wrapper inside <body> has no {attribute} attribute",
                f"Gmail and Yahoo replace <html>: repeat {attribute} on the element directly inside <body>",
                wrapper,
            )
    if (
        wrapper is None
        or wrapper.get("role") != "article"
        or wrapper.get("aria-roledescription") != "email"
        or not wrapper.get("aria-label")
    ):
        out.html(
            "C-04",
            'the wrapper is not <div role="article" aria-roledescription="email" aria-label=...>',
            "wrap the body in that div, as Cerberus and MJML do",
            wrapper,
            "warning",
        )
    title = tree.findtext(".//head/title") or ""
    if not title.strip():
        out.html("C-05", "the <title> is empty", "put the subject in <title>")
    elif title.strip() != issue.subject:
        out.html(
            "C-05",
            f"the <title> {title.strip()!r} is not the subject {issue.subject!r}",
            "use the subject as the title",
            severity="warning",
        )
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
        out.html("C-06", 'no <meta charset="utf-8">', "add it as the first element of <head>")
    if "width=device-width" not in named.get("viewport", ""):
        out.html(
            "C-06",
            "no viewport meta with width=device-width",
            'add <meta name="viewport" content="width=device-width, initial-scale=1">',
        )
    for name in ("x-apple-disable-message-reformatting", "format-detection"):
        if name not in named:
            out.html("C-06", f'no <meta name="{name}">', "add it to <head> (see the Cerberus template)")
    if "light dark" not in named.get("color-scheme", "") or "light dark" not in named.get("supported-color-schemes", ""):
        out.html("C-19", "no color-scheme and supported-color-schemes meta with 'light dark'", "add both to <head>")


# --- B. size and Gmail's CSS traps -------------------------------------------------------------------------


def check_size_and_style(issue: Issue, tree: HtmlElement, out: Findings) -> None:
    size = len(issue.html.encode("utf-8"))
    if size > HTML_BUDGET:
        out.html(
            "C-07",
            f"the HTML is {size / 1024:.1f} KB, over the {HTML_BUDGET // 1024} KB budget",
            "shorten the issue: Gmail clips at about 102 KB and can hide the unsubscribe link",
        )
    styles = tree.findall(".//style")
    total = sum(len((s.text or "").encode("utf-8")) for s in styles)
    if total > STYLE_BUDGET:
        out.html(
            "C-08", f"<style> blocks hold {total / 1024:.1f} KB, over Gmail's 16 KB", "move rules inline or drop unused ones"
        )
    for style in styles:
        css = style.text or ""
        if _nested_at_rule(css):
            out.html("C-08", "an @-rule inside an @-rule", "Gmail drops the whole <style> block: move it to the top level", style)
        if re.search(r"rgba?\(\s*\d+\s+\d+", css):
            out.html("C-08", "space-separated rgb() colour", "write rgb(255, 0, 0) or a hex colour: Gmail drops the block", style)
        for problem in css_problems(css):
            out.html("C-08", f"CSS syntax error: {problem}", "Gmail drops a <style> block with any syntax error", style)
    for element in tree.iter():
        if isinstance(element.tag, str) and element.get("style") and re.search(r"rgba?\(\s*\d+\s+\d+", element.get("style", "")):
            out.html("C-08", "space-separated rgb() colour in an inline style", "write rgb(255, 0, 0) or a hex colour", element)


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
        out.html("C-09", f"<{element.tag}> in the email", "mail clients strip or block it: remove it", element)
    for link in tree.iter("link"):
        if "stylesheet" in (link.get("rel") or "").lower():
            out.html(
                "C-09",
                "<link rel=stylesheet> in the email",
                "mail clients ignore external CSS: put it in the template's <style>",
                link,
            )
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        style = (element.get("style") or "").lower()
        if re.search(r"display\s*:\s*(flex|grid)|(^|;)\s*float\s*:|position\s*:\s*(absolute|fixed)", style):
            out.html(
                "C-10",
                f"<{element.tag}> uses flex, grid, float or position",
                "use tables with align, or inline-block columns",
                element,
            )


# --- C. layout tables and Outlook ----------------------------------------------------------------------------


def check_tables(issue: Issue, tree: HtmlElement, out: Findings) -> None:
    for table in tree.iter("table"):
        if table.get("role") == "presentation":
            check_table_attributes(table.get, out, table)
        elif table.find(".//th") is None and table.get("role") != "table":  # role="table": a data table, declared
            out.html(
                "C-11", 'a layout table without role="presentation"', 'add role="presentation" so screen readers skip it', table
            )
    for comment in _comments(tree):
        for ghost in re.findall(r"<table\b[^>]*>", comment.text or "", re.IGNORECASE):
            attributes = dict(re.findall(r'([\w:-]+)="([^"]*)"', ghost))
            if attributes.get("role") != "presentation":
                out.html("C-11", 'an Outlook ghost table without role="presentation"', 'add role="presentation"', comment)
            check_table_attributes(attributes.get, out, comment)


def check_table_attributes(get: Callable[[str], str | None], out: Findings, where: etree._Element) -> None:
    for name in ("border", "cellpadding", "cellspacing"):
        if get(name) != "0":
            out.html("C-11", f'a layout table without {name}="0"', 'add border="0" cellpadding="0" cellspacing="0"', where)


def _comments(tree: HtmlElement) -> Iterator[etree._Element]:
    yield from tree.getroottree().iter(etree.Comment)


def check_outlook(issue: Issue, tree: HtmlElement, out: Findings) -> None:
    opened = len(re.findall(r"<!--\[if\b", issue.html))
    closed = len(re.findall(r"<!\[endif\]-->", issue.html))
    if opened != closed:
        out.html(
            "C-24", f"{opened} conditional comments open but {closed} close", "balance every <!--[if ...]> with <![endif]-->"
        )
    if "max-width" in issue.html and not re.search(r"<!--\[if mso\]><table\b[^>]*\bwidth=\"\d+\"", issue.html):
        out.html(
            "C-24",
            "no fixed-width Outlook ghost table around the max-width container",
            'wrap it in <!--[if mso]><table width="600">',
        )
    if "<o:PixelsPerInch>96</o:PixelsPerInch>" not in issue.html:
        out.html(
            "C-24",
            "no OfficeDocumentSettings PixelsPerInch 96",
            "add it in an <!--[if gte mso 9]> block in <head>",
            severity="warning",
        )
