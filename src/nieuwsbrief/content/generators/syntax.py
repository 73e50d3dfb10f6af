"""Template syntax in a body, turned into the Markdown it stands for before markdown.py sees it: what the Hugo
shortcodes (shortcodes.py) and Liquid or Nunjucks (liquid.py) share.

A body is read once, left to right: every tag is found with its offset in the text as written, opening and
closing tags are paired, and the output is built from the pairs, so a note always points at the line the
editor wrote. What a tag means is written out where it is known; anything else gives way to its inner text,
with a note naming its line, so that no template syntax ever reaches a reader. Images in a format mail cannot
show become links to them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from ...located import Lines


class Resolver(Protocol):
    """What a body's tags may ask of the site: addresses of other pages and values of its settings."""

    def ref(self, target: str) -> str | None: ...  # Hugo ref/relref: a content path -> its address

    def link(self, target: str) -> str | None: ...  # Jekyll link: a site path -> its address

    def post_url(self, name: str) -> str | None: ...  # Jekyll post_url: 2025-01-29-title -> its address

    def variable(self, name: str) -> str | None: ...  # site.baseurl, page.title, ... -> its text

    def site_path(self, path: str) -> str: ...  # relative_url / absolute_url filters


@dataclass
class Expanded:
    """A body with its template syntax written out, and a note for every tag that had to give way."""

    text: str
    notes: list[tuple[int, str, str]] = field(default_factory=list)  # (line in the body, message, hint)
    body: str = ""  # the body as written, for the lines of the notes
    lines: Lines | None = field(default=None, repr=False, compare=False)

    def line_of(self, offset: int) -> int:
        if self.lines is None:
            self.lines = Lines(self.body)
        return self.lines.line(offset)


@dataclass
class Tag:
    start: int
    end: int
    name: str
    args: str
    closing: bool = False
    literal: str | None = None  # an escaped shortcode ({{</* x */>}}): shown as written, without the escape
    delimiter: str = ""  # a Hugo shortcode's < or %
    inner: tuple[int, int] | None = None  # for an opening tag that has a closing one: the text between them
    close_end: int = 0
    children: list[Tag] = field(default_factory=list)  # the tags between an opening and its closing tag


def has_syntax(body: str) -> bool:
    """Cheap test: may the body hold any template syntax at all? (Most bodies do not.)"""
    return "{" in body and ("{{" in body or "{%" in body or "{:" in body)


def fence(code: str, language: str) -> str:
    """A fenced code block, its fence longer than any run of backticks in the code."""
    marks = "```"
    while marks in code:
        marks += "`"
    return f"\n{marks}{language.strip()}\n{code.strip(chr(10))}\n{marks}\n"


# -- images mail cannot show ---------------------------------------------------------------------------------

_UNSHOWABLE = r"[^\s)\"'<>]+\.(?:svg|webp|avif)(?:[?#][^\s)\"'<>]*)?"
_MARKDOWN_IMAGE = re.compile(r"!\[([^\]\n]*)\]\((" + _UNSHOWABLE + r")(?:\s+\"[^\"\n]*\")?\)", re.IGNORECASE)
_HTML_IMAGE = re.compile(r"<img\b[^>]*?\bsrc=[\"'](" + _UNSHOWABLE + r")[\"'][^>]*>", re.IGNORECASE)
_ALT = re.compile(r"\balt=[\"']([^\"']*)[\"']", re.IGNORECASE)


def unshowable_images(expanded: Expanded) -> None:
    """Images in a format many mail clients cannot show (.svg, .webp, .avif) become links to them, with a note:
    a site's diagrams are often SVG, and an email must not carry them as images."""
    text = expanded.text
    lines = Lines(text)

    def noted(match: re.Match[str]) -> None:
        line = lines.line(match.start())
        extension = match.group(0).lower().split(".")[-1][:4].strip(")\"'>")
        expanded.notes.append(
            (
                line,
                f"a .{extension} image in the body is shown as a link to it (many mail clients cannot show one)",
                "use a PNG, JPG or GIF version to show it",
            )
        )

    def markdown_link(match: re.Match[str]) -> str:
        noted(match)
        return f"[{match.group(1) or match.group(2).rsplit('/', 1)[-1]}]({match.group(2)})"

    def html_link(match: re.Match[str]) -> str:
        noted(match)
        alt = _ALT.search(match.group(0))
        return f'<a href="{match.group(1)}">{alt.group(1) if alt and alt.group(1) else match.group(1).rsplit("/", 1)[-1]}</a>'

    expanded.text = _HTML_IMAGE.sub(html_link, _MARKDOWN_IMAGE.sub(markdown_link, text))


_EMPTY_LINK = re.compile(r"(!?)\[([^\]\n]*)\]\((?:<>)?\)")


def unlinked(expanded: Expanded) -> None:
    """A link whose address was a template value that could not be worked out keeps its text, never an empty
    address (which a mail client resolves to the issue itself)."""
    text = expanded.text
    if "]()" not in text and "](<>)" not in text:
        return

    def text_only(match: re.Match[str]) -> str:
        line = text.count("\n", 0, match.start()) + 1
        message = f"the address of the link '{match.group(2)}' is a template value nieuwsbrief cannot work out: its text is kept"
        expanded.notes.append((line, message, "check the site builds that link"))
        return "" if match.group(1) else match.group(2)

    expanded.text = _EMPTY_LINK.sub(text_only, text)


_DEFINITION = re.compile(r"(?m)^ {0,3}\[([^\]\n]+)\]:")
_REFERENCE = re.compile(r"(?<![\]\\!])\[([^\]\n]+)\]\[([^\]\n]*)\]")
_CODE = re.compile(r"(?ms)^ {0,3}(`{3,}|~{3,}).*?^ {0,3}\1|(`+)[^`\n]*?\2")


def unreferenced(expanded: Expanded) -> None:
    """A reference link whose definition the page does not hold (a template loop wrote it, or it was never written)
    keeps its text and loses its brackets, outside code: Markdown would show `[text][label]` as it is."""
    text = expanded.text
    if "][" not in text:
        return
    defined = {" ".join(label.lower().split()) for label in _DEFINITION.findall(text)}

    def plain(match: re.Match[str]) -> str:
        label = " ".join((match.group(2) or match.group(1)).lower().split())
        if label in defined:
            return match.group(0)
        line = text.count("\n", 0, match.start()) + 1
        message = f"the link '{match.group(1)}' refers to [{match.group(2) or match.group(1)}], which the page does not define: its text is kept"
        expanded.notes.append((line, message, "the site's build may define it; check the link on the site"))
        return match.group(1)

    pieces, position = [], 0
    for code in _CODE.finditer(text):
        pieces += [_REFERENCE.sub(plain, text[position : code.start()]), code.group(0)]
        position = code.end()
    expanded.text = "".join([*pieces, _REFERENCE.sub(plain, text[position:])])


# -- pairing and rendering, shared ------------------------------------------------------------------------


def paired(tags: list[Tag]) -> list[Tag]:
    """The top-level tags in order; an opening tag with a closing one holds the span between and its tags."""
    root = Tag(0, 0, "", "")
    stack = [root]
    for tag in tags:
        if not tag.closing or tag.literal is not None:
            stack[-1].children.append(tag)
            if tag.literal is None and tag.name != "{{":
                stack.append(tag)  # it may turn out to have a closing tag
            continue
        opener = next((i for i in range(len(stack) - 1, 0, -1) if stack[i].name == tag.name), 0)
        if not opener:
            stack[-1].children.append(tag)  # a closing tag without its opening gives way like any other
            continue
        while len(stack) > opener + 1:
            _never_closed(stack)
        opening = stack.pop()
        opening.inner, opening.close_end = (opening.end, tag.start), tag.end
    while len(stack) > 1:
        _never_closed(stack)
    return root.children


def _never_closed(stack: list[Tag]) -> None:
    """An opening tag without a closing one stands alone: what followed it belongs to its parent again."""
    tag = stack.pop()
    stack[-1].children.extend(tag.children)
    tag.children = []


def render(
    body: str,
    tags: list[Tag],
    start: int,
    end: int,
    meaning: Callable[[Tag, str | None], str | None],
    expanded: Expanded,
) -> str:
    out: list[str] = []
    position = start
    for tag in tags:
        out.append(body[position : tag.start])
        inner = None
        if tag.inner is not None:
            inner = render(body, tag.children, tag.inner[0], tag.inner[1], meaning, expanded)
        if tag.literal is not None:
            out.append(tag.literal)
        else:
            written = meaning(tag, inner)
            if written is None:
                _note(body, tag, expanded)
                written = inner or ""
            out.append(written)
        position = tag.close_end if tag.inner is not None else tag.end
    out.append(body[position:end])
    return "".join(out)


def _note(body: str, tag: Tag, expanded: Expanded) -> None:
    what = "its inner text is kept" if tag.inner is not None else "it is left out"
    expanded.notes.append(
        (
            expanded.line_of(tag.start),
            f"template syntax {short(tag)} has no meaning in an email: {what}",
            "the issue shows only text",
        )
    )


def short(tag: Tag) -> str:
    """A tag as a note names it: {{< name … >}}, {% name … %}, {{ expression }} (cut when long)."""
    if tag.name == "{{":
        expression = re.sub(r"\s+", " ", tag.args)
        return "{{ " + (expression if len(expression) <= 40 else expression[:39] + "…") + " }}"
    closing = "/" if tag.closing else ""
    more = " …" if tag.args.strip() else ""
    if tag.delimiter:
        return f"{{{{{tag.delimiter} {closing}{tag.name}{more} {'>' if tag.delimiter == '<' else '%'}}}}}"
    return f"{{% {'end' if tag.closing else ''}{tag.name}{more} %}}"
