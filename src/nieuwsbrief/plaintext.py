"""Markdown's syntax tree -> the plain-text part: wrapped for reading, nothing the HTML shows left out.

markdown.py parses; this writes what it parsed as text a person reads in any mail client: paragraphs wrapped at
72 columns, links as numbered references (one numbering for the whole text part), every image named by its alt
text, code verbatim and indented (never re-wrapped), heading levels told apart by their underline, footnotes as
numbered notes, definition and task lists, tables as a grid or, when too wide, a block per row. Raw HTML in the
Markdown (pasted from a CMS) is read here too, with the same rules.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode

WIDTH = 72
SAFE_SCHEMES = {"http", "https", "mailto"}
# A heading's underline says its level: the column's own headings start at h2 (the issue title is the h1).
UNDERLINES = {"h1": "=", "h2": "=", "h3": "-"}
DEEPER_UNDERLINE = "·"


@dataclass
class TextRender:
    """Plain text of a Markdown body, with its links as numbered references."""

    text: str
    references: list[str] = field(default_factory=list)


@dataclass
class TextState:
    resolve: Callable[[str], str]  # a link as written -> the absolute URL the reference lists
    width: int | None
    image_label: str  # "" leaves images, link numbers and note markers out (for counting words)
    references: list[str] = field(default_factory=list)
    reading: bool = False  # only what a reader reads: an image is its alt text, no numbers or markers

    @property
    def numbered(self) -> bool:
        """Links get reference numbers and footnotes their markers."""
        return bool(self.image_label) and not self.reading

    def reference(self, url: str) -> int:
        url = self.resolve(url)
        if url not in self.references:
            self.references.append(url)
        return self.references.index(url) + 1

    def image(self, alt: str) -> str:
        if self.reading:
            return alt
        return f"[{self.image_label}: {' '.join(alt.split())}]" if self.image_label else ""

    def link(self, inner: str, href: str) -> str:
        """The link's text followed by its reference number; an autolink's text is already its URL."""
        if not self.numbered or not is_safe_link(href) or href.startswith("#") or not href.strip():
            return inner
        # Compared with the URL as the references list it: a URL tagged on the way out is listed, tags and all.
        return inner if inner.strip() == self.resolve(href) else f"{inner} [{self.reference(href)}]"


def is_safe_link(url: str) -> bool:
    scheme = urlsplit(url.strip()).scheme.lower()
    return scheme in SAFE_SCHEMES or scheme == ""


def render(nodes: Sequence[SyntaxTreeNode], state: TextState) -> str:
    return "\n\n".join(b for b in blocks(nodes, state, state.width) if b.strip())


def blocks(nodes: Sequence[SyntaxTreeNode], state: TextState, width: int | None) -> list[str]:
    return [block(node, state, width) for node in nodes]


def wrap(text: str, width: int | None, first: str = "", rest: str = "") -> str:
    """Wrap each line of ``text`` at ``width`` without breaking a word or a URL."""
    lines: list[str] = []
    for piece in text.split("\n"):
        words = " ".join(piece.split())
        if width is None:
            lines.append(first + words)
        else:
            lines.extend(
                textwrap.wrap(
                    words,
                    width=width,
                    initial_indent=first,
                    subsequent_indent=rest,
                    break_long_words=False,
                    break_on_hyphens=False,
                )
                or [first.rstrip()]
            )
        first = rest
    return "\n".join(lines)


def wrap_parts(parts: Sequence[str], width: int = WIDTH, separator: str = " · ") -> str:
    """Join ``parts`` with ``separator``, breaking lines only between parts ('2 min lezen' stays on one line)."""
    lines: list[str] = []
    for part in (" ".join(p.split()) for p in parts if p.strip()):
        if lines and len(lines[-1]) + len(separator) + len(part) <= width:
            lines[-1] += separator + part
        else:
            lines.append(part)
    return "\n".join(lines)


def verbatim(code: str, indent: str = "    ") -> str:
    """Code as written, indented: never re-wrapped, so it can be copied and still run."""
    return "\n".join((indent + line.expandtabs(4)).rstrip() for line in code.rstrip("\n").split("\n"))


def block(node: SyntaxTreeNode, state: TextState, width: int | None) -> str:
    kind = node.type
    if kind == "paragraph":
        return wrap(inline(node.children[0], state), width)
    if kind == "heading":
        return _heading(node, state, width)
    if kind in ("bullet_list", "ordered_list"):
        return _list(node, state, width)
    if kind == "blockquote":
        inner = "\n\n".join(blocks(node.children, state, None if width is None else width - 2))
        return "\n".join(("> " + line).rstrip() for line in inner.split("\n"))
    if kind in ("fence", "code_block"):
        return verbatim(node.content)
    if kind == "table":
        return grid(
            [[_cell(cell, state) for cell in row.children] for section in node.children for row in section.children], width
        )
    if kind == "hr":
        return "* * *"
    if kind == "html_block":
        return html_text(node.content, state, width)
    if kind == "dl":
        return _definitions(node, state, width)
    if kind == "footnote_block":
        return _notes(node, state, width)
    return "\n\n".join(blocks(node.children, state, width))


def _heading(node: SyntaxTreeNode, state: TextState, width: int | None) -> str:
    title = " ".join(inline(node.children[0], state).split())
    underline = UNDERLINES.get(node.tag, DEEPER_UNDERLINE)
    return wrap(title, width) + "\n" + underline * min(len(title), width or len(title))


def _list(node: SyntaxTreeNode, state: TextState, width: int | None) -> str:
    start = int(str(node.attrs.get("start", 1))) if node.type == "ordered_list" else 0
    items = []
    for number, item in enumerate(node.children, start=start):
        marker = f"{number}. " if node.type == "ordered_list" else "- "
        items.append(_hanging(marker, blocks(item.children, state, None if width is None else width - len(marker))))
    return "\n".join(items)


def _hanging(marker: str, parts: list[str]) -> str:
    """``parts`` as one item: the marker before the first line, the rest indented under it."""
    lines = "\n".join(p for p in parts if p).split("\n")
    indent = " " * len(marker)
    return "\n".join([marker + lines[0], *[(indent + line).rstrip() for line in lines[1:]]])


def _definitions(node: SyntaxTreeNode, state: TextState, width: int | None) -> str:
    lines = []
    for child in node.children:
        if child.type == "dt":
            lines.append(wrap(inline(child.children[0], state), width))
        else:
            lines.append(_hanging("    ", blocks(child.children, state, None if width is None else width - 4)))
    return "\n".join(lines)


def _notes(node: SyntaxTreeNode, state: TextState, width: int | None) -> str:
    notes = []
    for note in node.children:
        marker = f"({int(str(note.meta.get('id', 0))) + 1}) "
        notes.append(_hanging(marker, blocks(note.children, state, None if width is None else width - len(marker))))
    return "\n".join(notes)


def _cell(cell: SyntaxTreeNode, state: TextState) -> str:
    return " ".join(inline(cell.children[0], state).split()) if cell.children else ""


def grid(rows: list[list[str]], width: int | None) -> str:
    """A table as aligned columns, or, when that is wider than ``width``, one block of 'header: value' per row."""
    if not rows:
        return ""
    columns = max(len(r) for r in rows)
    rows = [r + [""] * (columns - len(r)) for r in rows]
    sizes = [max(len(r[i]) for r in rows) for i in range(columns)]
    if width is None or sum(sizes) + 3 * (columns - 1) <= width:
        lines = [" | ".join(cell.ljust(sizes[i]) for i, cell in enumerate(r)).rstrip() for r in rows]
        lines.insert(1, "-+-".join("-" * s for s in sizes))
        return "\n".join(lines)
    header, *body = rows
    return "\n\n".join("\n".join(wrap(f"{h}: {c}", width, "", "  ") for h, c in zip(header, r, strict=True)) for r in body)


_TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)([^>]*)>")
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


def _attributes(text: str) -> dict[str, str]:
    return {m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "") for m in _ATTRIBUTE.finditer(text)}


_MARKER_AT_END = re.compile(r" \[\d+\]$")
_LETTERS = re.compile(r"[^\W\d_]+")


def _glued(parts: list[str], child: SyntaxTreeNode, text: str) -> None:
    """Add a child's text to ``parts``; a word that goes on past a link (`[Name](url)이다`, `**[Name](url)**는`)
    keeps together, with the link's number after it."""
    marker = _MARKER_AT_END.search(parts[-1]) if parts and child.type == "text" and parts[-1].endswith("]") else None
    glued = _LETTERS.match(text) if marker else None
    if marker and glued:
        parts[-1] = parts[-1][: marker.start()] + glued.group() + marker.group()
        text = text[glued.end() :]
    parts.append(text)


def inline(node: SyntaxTreeNode, state: TextState) -> str:
    parts: list[str] = []
    hidden = ""  # inside raw <script> or <style>: their contents never reach the text
    links: list[str] = []  # the targets of raw <a href> tags still open
    for child in node.children:
        if child.type != "html_inline":
            if not hidden:
                _glued(parts, child, inline_child(child, state))
            continue
        tag = _TAG.match(child.content)
        if tag is None:
            continue
        closing, name, attributes = tag.group(1) == "/", tag.group(2).lower(), _attributes(tag.group(3))
        if name in ("script", "style"):
            hidden = "" if closing else name
        elif name == "img" and not hidden and "alt" in attributes:
            parts.append(state.image(attributes["alt"]))
        elif name == "br" and not hidden:
            parts.append("\n")
        elif name == "a" and not closing:
            links.append(attributes.get("href", ""))
        elif name == "a" and links:
            parts.append(state.link("", links.pop()))
    return "".join(parts)


def inline_child(node: SyntaxTreeNode, state: TextState) -> str:
    kind = node.type
    if kind in ("text", "code_inline"):
        return node.content
    if kind == "softbreak":
        return " "
    if kind == "hardbreak":
        return "\n"
    if kind == "image":
        return state.image("".join(inline_child(c, state) for c in node.children))
    if kind == "footnote_ref":
        return f"({int(str(node.meta.get('id', 0))) + 1})" if state.numbered else ""
    parts: list[str] = []
    for child in node.children:
        _glued(parts, child, inline_child(child, state))
    inner = "".join(parts)
    if kind == "link":
        return state.link(inner, str(node.attrs.get("href", "")))
    return inner


# --- raw HTML (pasted from a CMS) ----------------------------------------------------------------------------------

_BLOCK_TAGS = {
    *("address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "figcaption", "figure", "footer"),
    *("h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "section", "summary", "ul"),
}
_HIDDEN_TAGS = {"script", "style", "template", "noscript", "title", "head"}
_BREAK = "\u2028"  # a <br>, kept apart from the whitespace that is collapsed


class _HtmlReader(HTMLParser):
    """Raw HTML read as the text part reads Markdown: blocks, images by alt, links as references, tables, code."""

    def __init__(self, state: TextState, width: int | None) -> None:
        super().__init__(convert_charrefs=True)
        self.state, self.width = state, width
        self.out: list[str] = []
        self.pieces: list[str] = []
        self.hidden = 0  # inside <script>, <style> ...: never read
        self.links: list[str] = []  # the targets of the <a> tags still open
        self.rows: list[list[str]] | None = None  # inside a <table>: its rows so far
        self.pre = False
        self.marker = ""  # "- " for a list item

    def take(self) -> str:
        text, self.pieces = "".join(self.pieces), []
        return text

    def flush(self) -> None:
        """End the block being read: verbatim code, or a paragraph with its <br> line breaks."""
        text = self.take()
        if self.pre:
            self.out.append(verbatim(text.strip("\n")))
        elif text.strip():
            lines = "\n".join(" ".join(line.split()) for line in text.strip().split(_BREAK))
            self.out.append(wrap(self.marker + lines, self.width, "", " " * len(self.marker)))
        self.marker = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = {name: value or "" for name, value in attrs}
        if tag in _HIDDEN_TAGS:
            self.hidden += 1
        elif tag == "img" and "alt" in given and not self.hidden:
            self.pieces.append(f" {self.state.image(given['alt'])} ")
        elif tag == "a":
            self.links.append(given.get("href", ""))
        elif tag == "br":
            self.pieces.append(_BREAK)
        elif self.rows is not None:
            self._table_start(tag, self.rows)
        elif tag in ("table", "tr", "td", "th"):
            # A row outside a <table> is one too: Markdown ends an HTML block at a blank line, so a table written with
            # blank lines in it comes as blocks of rows (the HTML part joins them again).
            self.flush()
            self.rows = []
            if tag != "table":
                self._table_start("tr", self.rows)
                self._table_start(tag, self.rows)
        elif tag in _BLOCK_TAGS or tag == "pre":
            self.flush()
            self.pre = tag == "pre"
            self.marker = "- " if tag == "li" else ""

    def _table_start(self, tag: str, rows: list[list[str]]) -> None:
        if tag == "tr":
            rows.append([])
        elif tag in ("td", "th"):
            self.take()  # the whitespace between cells
        else:
            self.pieces.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag == "a" and self.links:
            self.pieces.append(self.state.link("", self.links.pop()))
        elif self.rows is not None and tag in ("td", "th"):
            if not self.rows:
                self.rows.append([])
            self.rows[-1].append(" ".join(self.take().split()))
        elif self.rows is not None and tag == "table":
            rows, self.rows = [row for row in self.rows if row], None
            self.take()
            self.out.append(grid(rows, self.width))
        elif self.rows is None and (tag in _BLOCK_TAGS or tag == "pre"):
            self.flush()
            self.pre = False

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.pieces.append(data)


def html_text(fragment: str, state: TextState, width: int | None) -> str:
    """Raw HTML as text blocks, one blank line apart."""
    reader = _HtmlReader(state, width)
    reader.feed(fragment)
    reader.close()
    if reader.rows is not None:
        reader.handle_endtag("table")
    reader.flush()
    return "\n\n".join(block for block in reader.out if block.strip())
