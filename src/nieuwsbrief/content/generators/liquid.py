"""Liquid (Jekyll) and Nunjucks (Eleventy) written out as Markdown: `{% link … %}`, `{% post_url … %}`,
`{% highlight %}`, `{{ site.baseurl }}`, `{{ "/x" | relative_url }}`; and kramdown's attribute lines (`{: .class}`).
"""

from __future__ import annotations

import bisect
import re
import shlex

from .syntax import Expanded, Resolver, Scanner, Tag, fence, paired, render

_NAME = re.compile(r"\w+")
_ENDRAW = re.compile(r"\{%-?\s*endraw\s*-?%\}")
# Tags that only set something up for the template: they leave nothing to read.
_ASSIGN_TEXT = re.compile(r"""\s*(\w+)\s*=\s*(["'])([^"']*)\2\s*""")  # {% assign name = "text" %}, no filters
_SILENT = {"assign", "set", "increment", "decrement", "layout", "extends", "import", "from", "seo", "feed_meta"}


def expand_liquid(body: str, resolver: Resolver, kramdown: bool) -> Expanded:
    """Liquid (Jekyll) or Nunjucks (Eleventy); with ``kramdown``, its attribute lines and extensions too."""
    expanded = Expanded("", body=body)
    tags = paired(_tags(body), expanded)
    assigned: dict[str, str] = {}  # what `{% assign name = "text" %}` has set so far, in the body's order
    text = render(
        body, tags, 0, len(body), lambda tag, inner: _liquid(tag, inner, resolver, assigned), expanded, drop_lone_lines=True
    )
    if kramdown:
        text = _without_kramdown(text)
    expanded.text = text
    return expanded


def _tags(body: str) -> list[Tag]:
    """Every {% name args %} and {{ output }}, in one pass (a tag runs to the first %} or }} after its opening), and
    each {% raw %}…{% endraw %} as its text exactly as written."""
    tags: list[Tag] = []
    scan = Scanner(body)
    position = 0
    while (start := scan.next("{", position)) >= 0:
        kind = body[start + 1 : start + 2]
        close = scan.next("%}" if kind == "%" else "}}", start + 2) if kind in ("%", "{") else -1
        tag = _tag(body, start, close, kind) if close >= 0 else None
        if tag is None:
            position = start + 1
            continue
        if tag.name == "raw" and not tag.closing and not tag.args:
            ending = scan.next_match(_ENDRAW, tag.end)
            if ending is not None:  # raw blocks are text, exactly as written
                tag = Tag(start, ending.end(), "raw", "", literal=body[tag.end : ending.start()])
        tags.append(tag)
        position = tag.end
    return tags


def _tag(body: str, start: int, close: int, kind: str) -> Tag | None:
    """The tag from ``start`` to ``close`` (its %} or }}), without Liquid's - trims; None for {% %} naming nothing."""
    inside = body[start + 2 : close].removeprefix("-").removesuffix("-")
    if kind == "{":
        if body[start - 1 : start] == "<" and body[close + 2 : close + 3] == ">":  # an autolink: <{{ release.url }}>
            return Tag(start - 1, close + 3, "{{", inside.strip(), delimiter="<")
        return Tag(start, close + 2, "{{", inside.strip())
    name = _NAME.match(inside.lstrip())
    if name is None:
        return None
    closing = name.group(0).startswith("end")
    args = inside.lstrip()[name.end() :].strip()
    return Tag(start, close + 2, name.group(0)[3:] if closing else name.group(0), args, closing)


def _liquid(tag: Tag, inner: str | None, resolver: Resolver, assigned: dict[str, str]) -> str | None:
    name = tag.name
    if name == "{{":
        value = _output(tag.args, resolver, assigned)
        if tag.delimiter:  # an autolink keeps its brackets around a value, and goes whole without one (never `<>`)
            return f"<{value}>" if value else None
        return value
    if name == "assign":
        text = _ASSIGN_TEXT.fullmatch(tag.args)
        if text:
            assigned[text.group(1)] = text.group(3)
        return ""
    if name == "comment" or name in _SILENT:
        return ""
    if name == "highlight" and inner is not None:
        return fence(inner, tag.args.split()[0] if tag.args else "")
    if name == "link":
        return resolver.link(_unquoted(tag.args))
    if name == "post_url":
        return resolver.post_url(_unquoted(tag.args))
    return None


def _output(expression: str, resolver: Resolver, assigned: dict[str, str]) -> str | None:
    """{{ site.baseurl }}, {{ page.title }}, {{ "/x" | relative_url }}, a text assigned above: a value, or None when
    unknown."""
    value_text, *filters = [part.strip() for part in expression.split("|")]
    quoted = re.fullmatch(r"""(["'])(.*)\1""", value_text)
    value = quoted.group(2) if quoted else assigned.get(value_text) or resolver.variable(value_text)
    if value is None:
        return None
    for name in filters:
        if name in ("relative_url", "absolute_url", "url"):
            value = resolver.site_path(value)
        elif name not in ("escape", "xml_escape", "strip", "safe", "markdownify"):
            return None
    return value


def _unquoted(text: str) -> str:
    try:
        words = shlex.split(text)
    except ValueError:
        words = text.split()
    return words[0] if words else ""


# Each pattern is anchored at a line start or at a literal opening, and its runs stop at the next opening.
_KRAMDOWN_TOC = re.compile(r"^[ \t]*[*+-][ \t].*\n[ \t]*\{:[ \t]*toc[ \t]*\}[ \t]*$", re.MULTILINE)
_KRAMDOWN_OPENING = re.compile(r"\{::(comment|nomarkdown)\}")
_KRAMDOWN_CLOSING = re.compile(r"\{:/(\w*)\}")
_KRAMDOWN_LINE = re.compile(r"^[ \t]*\{::?[^}\n]*\}[ \t]*\n?", re.MULTILINE)
_KRAMDOWN_SPAN = re.compile(r"\{:[ \t]*[.#][^{}\n]*\}|\{:[ \t]*\w+=[^{}\n]*\}")


def _without_kramdown(text: str) -> str:
    """Kramdown's attribute lists and extensions are instructions, never text: `{: .note}` on its own line or
    after a span, `{::options … /}`, `{::comment}…{:/comment}` (dropped), `{::nomarkdown}…{:/}` (its inside
    kept), and a generated table of contents (`* TOC` over `{:toc}`)."""
    text = _KRAMDOWN_TOC.sub("", text)
    text = _kramdown_blocks(text)
    text = _KRAMDOWN_LINE.sub("", text)
    return _KRAMDOWN_SPAN.sub("", text)


def _kramdown_blocks(text: str) -> str:
    """{::comment}…{:/comment} dropped, {::nomarkdown}…{:/} kept inside: each closing found once, in order."""
    closings: dict[str, list[tuple[int, int]]] = {"comment": [], "nomarkdown": []}
    for found in _KRAMDOWN_CLOSING.finditer(text):  # {:/} closes either kind, {:/comment} only its own
        for kind in (found.group(1),) if found.group(1) in closings else closings if not found.group(1) else ():
            closings[kind].append((found.start(), found.end()))
    out, position = [], 0
    for opening in _KRAMDOWN_OPENING.finditer(text):
        if opening.start() < position:
            continue
        ends = closings[opening.group(1)]
        index = bisect.bisect_left(ends, (opening.end(), 0))
        if index == len(ends):
            continue
        closing_start, closing_end = ends[index]
        out += [text[position : opening.start()], text[opening.end() : closing_start] if opening.group(1) == "nomarkdown" else ""]
        position = closing_end
    return "".join([*out, text[position:]])
