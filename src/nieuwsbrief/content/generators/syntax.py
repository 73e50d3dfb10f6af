"""Template syntax in a body, turned into the Markdown it stands for before markdown.py sees it: what the Hugo
shortcodes (shortcodes.py) and Liquid or Nunjucks (liquid.py) share.

A body is read once, left to right: every tag is found with its offset in the text as written, opening and
closing tags are paired, and the output is built from the pairs, so a note always points at the line the
editor wrote. What a tag means is written out where it is known; anything else gives way to its inner text,
with a note naming its line, so that no template syntax ever reaches a reader. Images in a format mail cannot
show become links to them.

Every reader here is bounded: tags are found by a scan that looks at each character a fixed number of times
(Scanner), never by a pattern retried from every opening; blocks nest at most MAX_NESTING deep and the tags of one
piece add at most MAX_ADDED characters to it. Beyond either, an error at the tag's line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from ...located import Lines

MAX_NESTING = 32  # blocks inside blocks: a site nests a handful
MAX_ADDED = 1_000_000  # characters the tags of one piece may add to it (a piece is at most [content] max_file_kb)


class LeavesSite(ValueError):
    """A tag's target that leaves the site's folder (by .. or through a link): never read, an error at the tag."""


class Resolver(Protocol):
    """What a body's tags may ask of the site: addresses of other pages and values of its settings."""

    def ref(self, target: str) -> str | None: ...  # Hugo ref/relref: a content path -> its address

    def link(self, target: str) -> str | None: ...  # Jekyll link: a site path -> its address

    def post_url(self, name: str) -> str | None: ...  # Jekyll post_url: 2025-01-29-title -> its address

    def variable(self, name: str) -> str | None: ...  # site.baseurl, page.title, ... -> its text

    def site_path(self, path: str) -> str: ...  # relative_url / absolute_url filters


class Delegating:
    """A Resolver that asks another for everything: a body's own values (a page's data cascade, the site's settings)
    override ``variable`` and give way to it."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver

    def ref(self, target: str) -> str | None:
        return self.resolver.ref(target)

    def link(self, target: str) -> str | None:
        return self.resolver.link(target)

    def post_url(self, name: str) -> str | None:
        return self.resolver.post_url(name)

    def variable(self, name: str) -> str | None:
        return self.resolver.variable(name)

    def site_path(self, path: str) -> str:
        return self.resolver.site_path(path)


@dataclass
class Expanded:
    """A body with its template syntax written out, and a note for every tag that had to give way."""

    text: str
    notes: list[tuple[int, str, str]] = field(default_factory=list)  # (line in the body, message, hint)
    body: str = ""  # the body as written, for the lines of the notes
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # what makes the piece unusable, the same way
    added: int = 0  # characters the tags wrote in place of themselves so far
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
    literal: str | None = None  # text shown as written: an escaped shortcode ({{</* x */>}}, unescaped), a raw block
    delimiter: str = ""  # a Hugo shortcode's < or %
    inner: tuple[int, int] | None = None  # for an opening tag that has a closing one: the text between them
    close_end: int = 0
    children: list[Tag] = field(default_factory=list)  # the tags between an opening and its closing tag


class Scanner:
    """Where a literal next occurs at or after a position, for positions that only move forward: each search
    starts where the last one ended, so a text with many openings and no closing costs one pass, not one per opening."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: dict[str, int] = {}
        self.matches: dict[re.Pattern[str], re.Match[str] | None] = {}

    def next(self, literal: str, start: int) -> int:
        """The offset of ``literal`` at or after ``start``, or -1."""
        known = self.found.get(literal)
        if known is None or (0 <= known < start):
            known = self.text.find(literal, start)
            self.found[literal] = known
        return known

    def next_match(self, pattern: re.Pattern[str], start: int) -> re.Match[str] | None:
        """The first match of ``pattern`` at or after ``start``, searched again only once passed."""
        if pattern not in self.matches or ((known := self.matches[pattern]) is not None and known.start() < start):
            self.matches[pattern] = pattern.search(self.text, start)
        return self.matches[pattern]


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

# The path stops at ? or #, so it cannot also be read as part of the query: one reading, no backtracking between them.
_UNSHOWABLE = r"[^\s)\"'<>?#]+\.(?:svg|webp|avif)(?:[?#][^\s)\"'<>]*)?"
# Each class stops at the next opening ([, <, a quote), so no run is scanned again from a later opening.
_MARKDOWN_IMAGE = re.compile(r"!\[([^\[\]\n]*)\]\((" + _UNSHOWABLE + r")(?:\s+\"[^\"\n]*\")?\)", re.IGNORECASE)
_HTML_TAG = re.compile(r"<img\b[^<>]*>", re.IGNORECASE)
_SRC = re.compile(r"\bsrc=[\"'](" + _UNSHOWABLE + r")[\"']", re.IGNORECASE)
_ALT = re.compile(r"\balt=[\"']([^\"']*)[\"']", re.IGNORECASE)


def unshowable_images(expanded: Expanded) -> None:
    """Images in a format many mail clients cannot show (.svg, .webp, .avif) become links to them, with a note:
    a site's diagrams are often SVG, and an email must not carry them as images."""
    text = expanded.text
    lines = Lines(text)

    def noted(match: re.Match[str], url: str, shown: str = "a link to it") -> None:
        line = lines.line(match.start())
        extension = re.split(r"[?#]", url)[0].rsplit(".", 1)[-1].lower()
        expanded.notes.append(
            (
                line,
                f"a .{extension} image in the body is shown as {shown} (many mail clients cannot show one)",
                "use a PNG, JPG or GIF version to show it",
            )
        )

    def markdown_link(match: re.Match[str]) -> str:
        noted(match, match.group(2))
        return f"[{match.group(1) or match.group(2).rsplit('/', 1)[-1]}]({match.group(2)})"

    def html_link(match: re.Match[str]) -> str:
        source = _SRC.search(match.group(0))
        if source is None:
            return match.group(0)
        alt = _ALT.search(match.group(0))
        label = alt.group(1) if alt and alt.group(1) else source.group(1).rsplit("/", 1)[-1]
        if inside_link(match.start()):  # the label is the link's text: a link in a link would leave that one empty
            noted(match, source.group(1), "the text of its link")
            return label
        noted(match, source.group(1))
        return f'<a href="{source.group(1)}">{label}</a>'

    text = _MARKDOWN_IMAGE.sub(markdown_link, text)
    inside_link = _inside_html_link(text)
    expanded.text = _HTML_TAG.sub(html_link, text)


_LINK_TAG = re.compile(r"<(/?)a\b", re.IGNORECASE)


def _inside_html_link(text: str) -> Callable[[int], bool]:
    """Whether an offset of ``text`` lies inside an HTML link (an <a> not yet closed), for offsets asked in order:
    each asks only for the tags since the last, so the text is scanned once."""
    scanned, depth = 0, 0

    def inside(offset: int) -> bool:
        nonlocal scanned, depth
        for tag in _LINK_TAG.finditer(text, scanned, offset):
            depth = max(0, depth + (-1 if tag.group(1) else 1))
        scanned = max(scanned, offset)
        return depth > 0

    return inside


_EMPTY_LINK = re.compile(r"(!?)\[([^\]\n]*)\]\((?:<>)?\)")


def unlinked(expanded: Expanded) -> None:
    """A link whose address was a template value that could not be worked out, or that the site left empty
    (servo.org's `[landed]()`), keeps its text, never an empty address (which a mail client resolves to the issue
    itself); outside code, where Swift's `[Food]()` is no link."""
    text = expanded.text
    if "]()" not in text and "](<>)" not in text:
        return

    def text_only(match: re.Match[str]) -> str:
        line = text.count("\n", 0, match.start()) + 1
        message = f"the link '{match.group(2)}' has no address nieuwsbrief can work out (it is empty, or a template value): its text is kept"
        expanded.notes.append((line, message, "check the site builds that link"))
        return "" if match.group(1) else match.group(2)

    code = [(span.start(), span.end()) for span in _CODE.finditer(text) if not span.group(0).startswith("](")]

    def outside_code(match: re.Match[str]) -> str:
        in_code = any(start <= match.start() < end for start, end in code)
        return match.group(0) if in_code else text_only(match)

    expanded.text = _EMPTY_LINK.sub(outside_code, text)


_DEFINITION = re.compile(r"(?m)^ {0,3}\[([^\]\n]+)\]:")
_REFERENCE = re.compile(r"(?<![\]\\!])\[([^\]\n]+)\]\[([^\]\n]*)\]")
# fenced code, inline code, an indented block after a blank line (C code's a[i][j] is no reference link), and an
# inline link's address (https://alfred.stlouisfed.org/graph?s[1][id]=UNRATE)
_CODE = re.compile(
    r"(?ms)^ {0,3}(`{3,}|~{3,}).*?^ {0,3}\1|(`+)[^`\n]*?\2|(?:\A|(?<=\n\n))(?:(?: {4}|\t)[^\n]*(?:\n|\Z))+|\]\([^)\s]*\)"
)


def unreferenced(expanded: Expanded) -> None:
    """A reference link whose definition the page does not hold (a template loop wrote it, or it was never written)
    keeps its text and loses its brackets, outside code: Markdown would show `[text][label]` as it is."""
    text = expanded.text
    if "][" not in text:
        return
    defined = {" ".join(label.lower().split()) for label in _DEFINITION.findall(text)}

    start = 0  # where the piece of text the references are looked for in begins (between pieces of code)

    def plain(match: re.Match[str]) -> str:
        label = " ".join((match.group(2) or match.group(1)).lower().split())
        if label in defined:
            return match.group(0)
        line = text.count("\n", 0, start + match.start()) + 1
        message = f"the link '{match.group(1)}' refers to [{match.group(2) or match.group(1)}], which the page does not define: its text is kept"
        expanded.notes.append((line, message, "the site's build may define it; check the link on the site"))
        return match.group(1)

    pieces, position = [], 0
    for code in _CODE.finditer(text):
        start = position
        pieces += [_REFERENCE.sub(plain, text[position : code.start()]), code.group(0)]
        position = code.end()
    start = position
    expanded.text = "".join([*pieces, _REFERENCE.sub(plain, text[position:])])


# -- pairing and rendering, shared ------------------------------------------------------------------------


def paired(tags: list[Tag], expanded: Expanded) -> list[Tag]:
    """The top-level tags in order; an opening tag with a closing one holds the span between and its tags.

    The open tags of each name are indexed, so a closing tag finds its opening at once; blocks nested deeper than
    MAX_NESTING are an error at the first such tag, and go no deeper (their inside stays as written)."""
    root = Tag(0, 0, "", "")
    stack = [root]
    open_by_name: dict[str, list[int]] = {}  # name -> the places in the stack of its open tags
    for tag in tags:
        if not tag.closing or tag.literal is not None:
            stack[-1].children.append(tag)
            if tag.literal is None and tag.name != "{{":
                stack.append(tag)  # it may turn out to have a closing tag
                open_by_name.setdefault(tag.name, []).append(len(stack) - 1)
            continue
        places = open_by_name.get(tag.name)
        if not places:
            stack[-1].children.append(tag)  # a closing tag without its opening gives way like any other
            continue
        _never_closed(stack, places[-1] + 1, open_by_name)
        opening = stack.pop()
        places.pop()
        opening.inner, opening.close_end = (opening.end, tag.start), tag.end
    _never_closed(stack, 1, open_by_name)
    _bounded(root.children, expanded)
    return root.children


def _never_closed(stack: list[Tag], keep: int, open_by_name: dict[str, list[int]]) -> None:
    """The opening tags above the first ``keep`` of the stack have no closing one: each stands alone, and what
    followed it belongs to the tag below again. Each was the last child of the one below it, so their children
    are appended in order, each list once."""
    unclosed = stack[keep:]
    del stack[keep:]
    for tag in unclosed:
        open_by_name[tag.name].pop()
        stack[-1].children.extend(tag.children)
        tag.children = []


def _bounded(tags: list[Tag], expanded: Expanded) -> None:
    """An error at the first block nested deeper than MAX_NESTING; the blocks inside it are not read."""
    waiting = [(tag, 1) for tag in reversed(tags)]
    said = False
    while waiting:
        tag, depth = waiting.pop()
        if depth > MAX_NESTING:
            if not said:
                said = True
                expanded.errors.append(
                    (
                        expanded.line_of(tag.start),
                        f"template syntax {short(tag)} opens a block nested more than {MAX_NESTING} levels deep",
                        "close the blocks around it: a piece nests a few at most",
                    )
                )
            tag.children = []
            continue
        waiting.extend((child, depth + 1) for child in reversed(tag.children) if tag.inner is not None)


def render(
    body: str,
    tags: list[Tag],
    start: int,
    end: int,
    meaning: Callable[[Tag, str | None], str | None],
    expanded: Expanded,
    drop_lone_lines: bool = False,
) -> str:
    """The span with each tag written out; at most MAX_ADDED characters more than it had (an error past that).
    With ``drop_lone_lines``, an unknown tag alone on its line takes the line with it: the generator writes
    something there, so a blank line left in its place would end the HTML block around it (`<figure>` over an
    image tag and a tab-indented `<figcaption>`, which then reads as a code block)."""
    out: list[str] = []
    position = start
    for tag in tags:
        out.append(body[position : tag.start])
        inner = None
        if tag.inner is not None:
            inner = render(body, tag.children, tag.inner[0], tag.inner[1], meaning, expanded, drop_lone_lines)
        if tag.literal is not None:
            out.append(tag.literal)
        else:
            try:
                written = meaning(tag, inner)
            except LeavesSite as exc:
                expanded.errors.append(
                    (
                        expanded.line_of(tag.start),
                        f"template syntax {short(tag)} points outside the site's folder: {str(exc)[:80]!r}",
                        "point at a page of the site; nothing outside it is read",
                    )
                )
                written = ""
            if written is None:
                _note(body, tag, expanded)
                written = inner or ""
                line = _lone_line(body, tag, position) if drop_lone_lines and tag.inner is None else None
                if line is not None:
                    out[-1] = out[-1][: len(out[-1]) - (tag.start - line[0])]
                    out.append(_within_budget(tag, written, 0, expanded))
                    position = line[1]
                    continue
            out.append(_within_budget(tag, written, len(inner or ""), expanded))
        position = tag.close_end if tag.inner is not None else tag.end
    out.append(body[position:end])
    return "".join(out)


def _lone_line(body: str, tag: Tag, position: int) -> tuple[int, int] | None:
    """Where the line holding ``tag`` starts and where the next begins, when only blanks share it with the tag
    (and the line starts at or after ``position``, in the text not yet written out)."""
    line_start = body.rfind("\n", 0, tag.start) + 1
    line_end = body.find("\n", tag.end)
    line_end = len(body) if line_end < 0 else line_end + 1
    alone = not body[line_start : tag.start].strip(" \t") and not body[tag.end : line_end].strip(" \t\r\n")
    return (line_start, line_end) if alone and line_start >= position else None


def _within_budget(tag: Tag, written: str, replaced: int, expanded: Expanded) -> str:
    """``written`` if the piece still has room for it; else "" and, the first time, an error at the tag."""
    before = expanded.added
    expanded.added += max(0, len(written) - replaced)
    if expanded.added <= MAX_ADDED:
        return written
    if before <= MAX_ADDED:  # the tag that crossed the line is the one to name
        expanded.errors.append(
            (
                expanded.line_of(tag.start),
                f"template syntax {short(tag)} takes what the tags of this piece write past {MAX_ADDED:,} characters",
                "write the text out, or use shorter values: a piece is text of a few pages",
            )
        )
    return ""


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
