"""Markdown -> email-safe HTML and -> plain text: one parser (markdown-it-py), two renderers.

The only user of markdown-it-py and of the HTML sanitizer (nh3).
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from markdown_it.utils import EnvType, OptionsDict

WIDTH = 72
IMAGE_WIDTH = 560  # the content column of the 600 px layout, minus padding
SAFE_SCHEMES = {"http", "https", "mailto"}

# What raw HTML in Markdown may keep: text structure only, nothing active.
_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "small",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "title"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan"},
    "ol": {"start"},
}


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    # Parse every link, so an unsafe one shows as its text only: nh3 drops the href in HTML
    # and the text renderer leaves it without a reference.
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    parser.add_render_rule("heading_open", _render_heading)
    parser.add_render_rule("heading_close", _render_heading)
    parser.add_render_rule("image", _render_image)
    return parser


def _is_safe_link(url: str) -> bool:
    scheme = urlsplit(url.strip()).scheme.lower()
    return scheme in SAFE_SCHEMES or scheme == ""


def _heading_levels(tokens: Sequence[Token]) -> dict[str, str]:
    """Map a body's heading levels onto h2, h3, ... in order, so none is skipped.

    The issue title is the only <h1> (checklist C-18); a body that starts at ### or jumps from ## to ####
    still gives a clean outline under it.
    """
    used = sorted({int(t.tag[1]) for t in tokens if t.type == "heading_open"})
    return {f"h{level}": f"h{min(6, 2 + index)}" for index, level in enumerate(used)}


def _render_heading(self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    token = tokens[idx]
    token.tag = env.get("headings", {}).get(token.tag, token.tag)
    return str(self.renderToken(tokens, idx, options, env))


def _render_image(self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    # The src is made absolute and the class added after sanitizing, for every image alike.
    token = tokens[idx]
    alt = self.renderInlineAsText(token.children or [], options, env)
    return f'<img src="{html.escape(str(token.attrs.get("src", "")))}" alt="{html.escape(alt)}" width="{IMAGE_WIDTH}">'


_PARSER = _parser()


def _absolute(url: str, base_url: str) -> str:
    if not base_url or urlsplit(url).scheme:
        return url
    return urljoin(base_url.rstrip("/") + "/", url)


def to_html(markdown: str, base_url: str = "") -> str:
    """Render Markdown to HTML that is safe in an email: sanitized, absolute links and images."""
    env: dict[str, Any] = {"base_url": base_url}
    tokens = _PARSER.parse(markdown, env)
    env["headings"] = _heading_levels(tokens)
    rendered = _PARSER.renderer.render(tokens, _PARSER.options, env)
    cleaned = nh3.clean(
        rendered,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=SAFE_SCHEMES,
        link_rel=None,
        generic_attribute_prefixes=None,
        attribute_filter=_keep_attribute,
    )
    cleaned = re.sub(r"(<img\b[^>]*?)(\s*/?>)", _add_image_class, cleaned)
    cleaned = re.sub(r"<a>(.*?)</a>", r"\1", cleaned, flags=re.DOTALL)  # a link whose unsafe href was removed
    return _absolute_links(cleaned, base_url)


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    if tag == "a" and name == "href" and value.startswith("#"):
        return None  # an in-page anchor goes nowhere in an email: keep the text only
    return value


def _add_image_class(match: re.Match[str]) -> str:
    # nh3 drops every class attribute; the template's CSS styles images through this one.
    return f'{match.group(1)} class="content-image">'


def _absolute_links(fragment: str, base_url: str) -> str:
    def fix(match: re.Match[str]) -> str:
        url = html.unescape(match.group(2))
        return f'{match.group(1)}="{html.escape(_absolute(url, base_url))}"'

    return re.sub(r'\b(href|src)="([^"]*)"', fix, fragment)


def html_to_text(fragment: str) -> str:
    """Strip every tag (and script/style contents) and decode entities."""
    return html.unescape(nh3.clean(fragment, tags=set()))


@dataclass
class TextRender:
    """Plain text of a Markdown body, with its links as numbered references."""

    text: str
    references: list[str] = field(default_factory=list)


@dataclass
class _TextState:
    base_url: str
    width: int | None
    image_label: str
    references: list[str] = field(default_factory=list)

    def reference(self, url: str) -> int:
        url = _absolute(url, self.base_url)
        if url not in self.references:
            self.references.append(url)
        return self.references.index(url) + 1


def to_text(
    markdown: str,
    base_url: str = "",
    width: int | None = WIDTH,
    image_label: str = "afbeelding",
    references: list[str] | None = None,
) -> TextRender:
    """Render Markdown to plain text wrapped at ``width`` (None: one line per paragraph).

    Links become ``text [n]``; numbering continues from ``references`` when given.
    """
    state = _TextState(base_url, width, image_label, list(references or []))
    tree = SyntaxTreeNode(_PARSER.parse(markdown, {"base_url": base_url}))
    blocks = _blocks(tree.children, state, width)
    return TextRender("\n\n".join(b for b in blocks if b.strip()), state.references)


def plain_words(markdown: str) -> list[str]:
    """The words a reader reads: what reading time is computed from."""
    text = to_text(markdown, width=None, image_label="").text
    text = re.sub(r"\[[^\]]*\]", " ", text)  # link numbers and image labels
    return re.findall(r"[^\W_]+(?:[-'’][^\W_]+)*", text)


def first_paragraph(markdown: str) -> str:
    """The text of the first paragraph (the default summary), on one line.

    Every file without a summary needs this, so the common case (plain prose, perhaps with simple
    links) is read without the parser; anything else is parsed, as little of the file as gives the
    same answer. tests/test_markdown.py checks the three ways agree.
    """
    return _first_paragraph(markdown, _plain_block(markdown))


def _first_paragraph(markdown: str, block: str | None) -> str:
    """first_paragraph, given the plain block the caller already looked for."""
    plain = _plain_first_paragraph(block)
    if plain is not None:
        return plain
    if "]:" not in markdown:  # no link reference definitions, which may sit anywhere: a prefix will do
        for cut in _prefix_cuts(markdown):
            text = _parsed_first_paragraph(markdown[:cut])
            if text is not None:
                return text
    return _parsed_first_paragraph(markdown) or ""


# A line that may start or continue a plain paragraph: no block syntax can begin with these.
_PLAIN_START = re.compile(r"[^\W_]|[‘“'\"(]")
_ORDERED_ITEM = re.compile(r"\d{1,9}[.)](?:[ \t]|$)")
_ATX_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t\n]|\Z)")
_BLANK_LINES = re.compile(r"(?:[ \t]*\n)*")
_PARAGRAPH_END = re.compile(r"\n[ \t]*(?:\n|\Z)")
_SIMPLE_LINK = re.compile(r"\[([^\[\]\\`*_<>&\n]*)\]\(([^\s()<>\\\x00-\x1f\x7f]*)\)")
_INLINE_SYNTAX = re.compile(r"[\\`*_\[\]<&]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _plain_first_paragraph(block: str | None) -> str | None:
    """The first paragraph's plain block as one line, if it is plain text; None otherwise."""
    text = _plain_text(block) if block is not None else None
    return " ".join(text.split()) if text is not None else None


def _plain_block(markdown: str) -> str | None:
    """The first paragraph's lines when only headings come before it and no block syntax can start or
    interrupt it: every line starts with a letter, a digit (not as "1." or "1)") or an opening quote."""
    start = _BLANK_LINES.match(markdown).end()  # type: ignore[union-attr]  # it matches the empty string
    while _ATX_HEADING.match(markdown, start):
        newline = markdown.find("\n", start)
        if newline < 0:
            return None
        start = _BLANK_LINES.match(markdown, newline + 1).end()  # type: ignore[union-attr]
    end = _PARAGRAPH_END.search(markdown, start)
    block = markdown[start : end.start() if end else len(markdown)]
    if not block:
        return None
    for line in block.split("\n"):
        if not _PLAIN_START.match(line) or _ORDERED_ITEM.match(line):
            return None
    return block


def _plain_text(block: str) -> str | None:
    """The block's text once simple [text](url) links are replaced by their text, if no other inline
    syntax is left (no images, escapes, emphasis, code, HTML or entities); None otherwise."""
    if "![" in block or "\\" in block:
        return None
    text = _SIMPLE_LINK.sub(r"\1", block) if "[" in block else block
    return None if _INLINE_SYNTAX.search(text) else text


def summary(markdown: str, limit: int) -> str:
    """The default summary: the first paragraph cut at a word boundary to at most ``limit`` characters.

    The same as cut_at_word(first_paragraph(markdown), limit), but a long plain paragraph is read only
    as far as the cut needs: nothing later in a paragraph changes how its opening reads.
    """
    block = _plain_block(markdown)
    window = 3 * limit
    if block is not None and len(block) > window:
        head = block[:window]
        text = _plain_text(head)
        if text is not None:
            words = text.split()
            if not head[-1].isspace():
                words = words[:-1]  # the last word may go on after the window
            opening = " ".join(words)
            if len(opening) > limit:
                return cut_at_word(opening, limit)
    return cut_at_word(_first_paragraph(markdown, block), limit)


def _prefix_cuts(markdown: str) -> Iterator[int]:
    """Ends of ever longer prefixes, each just after a blank line (where every paragraph is closed)."""
    wanted = 1
    for blank in _BLANK_LINE.finditer(markdown):
        if blank.end() >= wanted:
            yield blank.end()
            wanted = 2 * blank.end()


def _parsed_first_paragraph(markdown: str) -> str | None:
    tree = SyntaxTreeNode(_PARSER.parse(markdown, {}))
    for node in tree.children:
        if node.type == "paragraph":
            state = _TextState("", None, "")
            text = " ".join(_inline(node.children[0], state, with_refs=False).split())
            if text:
                return text
    return None


def _blocks(nodes: Sequence[SyntaxTreeNode], state: _TextState, width: int | None) -> list[str]:
    return [_block(node, state, width) for node in nodes]


def _wrap(text: str, width: int | None, first: str = "", rest: str = "") -> str:
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


def _block(node: SyntaxTreeNode, state: _TextState, width: int | None) -> str:
    kind = node.type
    if kind == "paragraph":
        return _wrap(_inline(node.children[0], state), width)
    if kind == "heading":
        title = " ".join(_inline(node.children[0], state).split())
        return _wrap(title, width) + "\n" + "-" * min(len(title), width or len(title))
    if kind in ("bullet_list", "ordered_list"):
        return _list(node, state, width)
    if kind == "blockquote":
        inner = "\n\n".join(_blocks(node.children, state, None if width is None else width - 2))
        return "\n".join(("> " + line).rstrip() for line in inner.split("\n"))
    if kind in ("fence", "code_block"):
        code_width = None if width is None else width - 4
        return "\n".join(_wrap(line, code_width, "    ", "    ") for line in node.content.rstrip("\n").split("\n"))
    if kind == "table":
        return _table(node, state, width)
    if kind == "hr":
        return "* * *"
    if kind == "html_block":
        return _wrap(html_to_text(node.content).strip(), width)
    return "\n\n".join(_blocks(node.children, state, width))


def _list(node: SyntaxTreeNode, state: _TextState, width: int | None) -> str:
    start = int(str(node.attrs.get("start", 1))) if node.type == "ordered_list" else 0
    items = []
    for number, item in enumerate(node.children, start=start):
        marker = f"{number}. " if node.type == "ordered_list" else "- "
        indent = " " * len(marker)
        inner_width = None if width is None else width - len(marker)
        parts = _blocks(item.children, state, inner_width)
        text = "\n".join(p for p in parts if p)
        lines = text.split("\n")
        items.append("\n".join([marker + lines[0], *[(indent + line).rstrip() for line in lines[1:]]]))
    return "\n".join(items)


def _table(node: SyntaxTreeNode, state: _TextState, width: int | None) -> str:
    rows = [
        [" ".join(_inline(cell.children[0], state).split()) if cell.children else "" for cell in row.children]
        for section in node.children
        for row in section.children
    ]
    if not rows:
        return ""
    columns = max(len(r) for r in rows)
    rows = [r + [""] * (columns - len(r)) for r in rows]
    sizes = [max(len(r[i]) for r in rows) for i in range(columns)]
    if width is None or sum(sizes) + 3 * (columns - 1) <= width:
        lines = [" | ".join(cell.ljust(sizes[i]) for i, cell in enumerate(r)).rstrip() for r in rows]
        lines.insert(1, "-+-".join("-" * s for s in sizes))
        return "\n".join(lines)
    # Too wide for a grid: one block per row, "header: value".
    header, *body = rows
    blocks = ["\n".join(_wrap(f"{h}: {c}", width, "", "  ") for h, c in zip(header, r, strict=True)) for r in body]
    return "\n\n".join(blocks)


def _inline(node: SyntaxTreeNode, state: _TextState, with_refs: bool = True) -> str:
    parts: list[str] = []
    hidden = ""  # inside raw <script> or <style>: their contents never reach the text
    for child in node.children:
        if child.type == "html_inline":
            tag = re.match(r"<(/?)(script|style)\b", child.content, re.IGNORECASE)
            if tag:
                hidden = "" if tag.group(1) else tag.group(2).lower()
            image = re.match(r"<img\b[^>]*\balt=\"([^\"]*)\"", child.content, re.IGNORECASE)
            if image and not hidden and state.image_label:
                parts.append(f"[{state.image_label}: {html.unescape(image.group(1))}]")
            continue
        if not hidden:
            parts.append(_inline_child(child, state, with_refs))
    return "".join(parts)


def _inline_child(node: SyntaxTreeNode, state: _TextState, with_refs: bool) -> str:
    kind = node.type
    if kind in ("text", "code_inline"):
        return node.content
    if kind == "softbreak":
        return " "
    if kind == "hardbreak":
        return "\n"
    if kind == "image":
        alt = "".join(_inline_child(c, state, False) for c in node.children)
        return f"[{state.image_label}: {alt}]" if state.image_label else ""
    inner = "".join(_inline_child(c, state, with_refs) for c in node.children)
    if kind == "link":
        href = str(node.attrs.get("href", ""))
        if with_refs and href and not href.startswith("#") and _is_safe_link(href):
            if inner.strip() == href:  # an autolink: the URL is already in the text
                return inner
            return f"{inner} [{state.reference(href)}]"
    return inner


def wrap_text(text: str, width: int = WIDTH) -> str:
    """Wrap one piece of text at ``width`` without breaking words or URLs."""
    return _wrap(text, width)


def cut_at_word(text: str, limit: int) -> str:
    """Shorten to at most ``limit`` characters at a word boundary, marking the cut with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:–—-")
    return cut + "…"


@dataclass(frozen=True)
class Inline:
    """A link or an image of Markdown at ``line`` (from 0 in the text) and ``column`` (from 1), for rules on the source."""

    kind: str  # "link", "image" or "html-image" (a raw <img>)
    text: str | None  # a link's text, an image's alt; None: a raw <img> without alt
    target: str  # href or src, as written
    line: int
    column: int
    linked: bool = False  # an image inside a link


def inline_items(markdown: str) -> list[Inline]:
    """Every link and image of a Markdown text with where it stands."""
    lines, found = markdown.split("\n"), []
    for block in _PARSER.parse(markdown, {}):
        where, link = block.map or (0, 0), None  # the open link's href and text
        for token in (block.children or []) if block.type == "inline" else [block] if block.type == "html_block" else []:
            if token.type == "link_open":
                link = (str(token.attrs.get("href", "")), [""])
            elif token.type == "link_close" and link:
                text = " ".join("".join(link[1]).split())
                found.append(Inline("link", text, link[0], *_locate(lines, where, f"[{text}" if text else link[0])))
                link = None
            elif token.type == "image":
                image = str(token.attrs.get("src", ""))
                found.append(Inline("image", token.content, image, *_locate(lines, where, image), link is not None))
                (link or ("", []))[1].append(token.content)
            elif token.type in ("html_inline", "html_block"):
                for tag in re.findall(r"<img\b[^>]*>", token.content, re.IGNORECASE):
                    alt, src = (re.search(rf"\b{name}\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", tag, re.I) for name in ("alt", "src"))
                    value = html.unescape(alt.group(1).strip("\"'")) if alt else None
                    target = html.unescape(src.group(1).strip("\"'")) if src else ""
                    found.append(Inline("html-image", value, target, *_locate(lines, where, tag), link is not None))
            elif link and token.type in ("text", "code_inline"):
                link[1].append(token.content)
    return found


def _locate(lines: list[str], where: Sequence[int], needle: str) -> tuple[int, int]:
    """The first line of a block that holds ``needle``, and its column; else the block's first line."""
    for number in range(where[0], min(where[1], len(lines))):
        if needle and needle in lines[number]:
            return number, lines[number].index(needle) + 1
    return where[0], 1
