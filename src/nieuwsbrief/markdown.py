"""Markdown -> email-safe HTML and -> plain text: one parser (markdown-it-py), two renderers.

The only user of markdown-it-py, of its plugins (mdit-py-plugins: footnotes, definition lists, task lists) and of
the HTML sanitizer (nh3). This module writes the HTML; plaintext.py writes the text from the same syntax tree.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple
from urllib.parse import urljoin, urlsplit

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from . import plaintext
from .emailhtml import fit_to_column
from .hyphenation import hyphenate
from .images import ImageSize, unknown_size
from .plaintext import SAFE_SCHEMES, TextRender, TextState

WIDTH = plaintext.WIDTH

# What raw HTML in Markdown may keep: text structure only, nothing active.
# fmt: off
_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "img", "li", "ol", "p", "pre", "s", "small", "strong", "sub", "sup", "table", "tbody", "td", "th",
    "thead", "tr", "u", "ul"
}
# fmt: on
_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "title"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan"},
    "ol": {"start"},
}


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    parser.use(footnote_plugin).use(deflist_plugin).use(tasklists_plugin)
    parser.core.ruler.before("footnote_tail", "footnote_unreferenced", _keep_unreferenced_notes)
    # Parse every link, so an unsafe one shows as its text only: nh3 drops the href in HTML
    # and the text renderer leaves it without a reference.
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    parser.add_render_rule("image", _render_image)
    # Soft hyphens in the long words of the text (hyphenation.py), never in a link's text: it may be a name.
    parser.add_render_rule("text", _render_text)
    parser.add_render_rule("link_open", _render_link_open)
    parser.add_render_rule("link_close", _render_link_close)
    # Footnotes as numbered notes at the end, without in-page anchors (they go nowhere in most mail clients).
    parser.add_render_rule("footnote_ref", _render_note_marker)
    for name, markup in _NOTE_MARKUP.items():
        parser.add_render_rule(name, lambda *args, markup=markup: markup)
    return parser


def _keep_unreferenced_notes(state: StateCore) -> None:
    """A footnote definition that nothing refers to is still the editor's text: it becomes a note at the end."""
    notes = state.env.get("footnotes", {})
    for key, number in notes.get("refs", {}).items():
        if number < 0:
            notes["refs"][key] = len(notes["list"])
            notes["list"][len(notes["list"])] = {"label": key[1:], "count": 0}


_NOTE_MARKUP = {
    "footnote_block_open": "<hr>\n<ol>\n",
    "footnote_block_close": "</ol>\n",
    "footnote_open": "<li>",
    "footnote_close": "</li>\n",
    "footnote_anchor": "",
}


def _render_note_marker(self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    return f"<sup>{int(tokens[idx].meta['id']) + 1}</sup>"


def _render_image(self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    # Its size, class and absolute src are set after sanitizing, for every image alike (emailhtml.fit_to_column).
    token = tokens[idx]
    alt = self.renderInlineAsText(token.children or [], options, env)
    return f'<img src="{html.escape(str(token.attrs.get("src", "")))}" alt="{html.escape(alt)}">'


def _render_text(self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    text = tokens[idx].content
    lang = env.get("hyphens", "")
    return html.escape(hyphenate(text, lang) if lang and not env.get("in_link") else text, quote=False)


def _render_link_open(self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    env["in_link"] = env.get("in_link", 0) + 1
    return str(self.renderToken(tokens, idx, options, env))


def _render_link_close(self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    env["in_link"] -= 1
    return str(self.renderToken(tokens, idx, options, env))


_PARSER = _parser()
_RAW_HEADING = re.compile(r"<(/?)h([1-6])\b", re.IGNORECASE)
# Block elements the sanitizer would drop, running their text into the next block's ("Meer wetenVerborgen"): each
# becomes a <div>, which keeps the text apart in every mail client and means nothing else.
_RAW_BLOCK = re.compile(
    r"<(/?)(?:address|article|aside|center|details|figcaption|figure|footer|header|hgroup|main|nav|section|summary)\b[^>]*>",
    re.IGNORECASE,
)


def outline(levels: Sequence[int], top: int = 2) -> list[int]:
    """The levels of a body's headings in order, mapped to a gap-free outline that starts at ``top``.

    The issue's title is its only <h1> (checklist C-18): whatever levels the editor used (#### before ##, a # in
    the body, ## then ####), each heading is one level under the nearest heading before it that it ranks below.
    """
    open_: list[tuple[int, int]] = []  # (level written, level given) of the headings still open
    mapped = []
    for level in levels:
        while open_ and open_[-1][0] >= level:
            open_.pop()
        given = min(6, open_[-1][1] + 1 if open_ else top)
        open_.append((level, given))
        mapped.append(given)
    return mapped


def _flat(tokens: Sequence[Token]) -> list[Token]:
    return [inner for token in tokens for inner in (token, *(token.children or []))]


@functools.lru_cache(maxsize=16)
def _parse(markdown: str, top_heading: int) -> tuple[list[Token], dict[str, Any]]:
    """The token stream both renderers read, and the parser's env (footnotes): headings in a gap-free outline,
    task-list boxes as characters.

    Parsed once for the HTML, the text part, the reading time and the lint's view of the Markdown: the tokens are
    shared, and nothing after this function changes them.
    """
    env: dict[str, Any] = {}
    tokens = _PARSER.parse(markdown, env)
    flat = _flat(tokens)
    for token in flat:
        if token.type == "html_inline" and "task-list-item-checkbox" in token.content:
            token.type, token.content = "text", "☑" if "checked" in token.content else "☐"
        elif token.type in ("html_block", "html_inline"):
            token.content = _RAW_BLOCK.sub(r"<\1div>", token.content)
    _apply_outline(flat, top_heading)
    return tokens, env


def _apply_outline(flat: list[Token], top: int) -> None:
    """Give every heading, Markdown or raw HTML, its level in the body's outline (see outline())."""
    written = []
    for token in flat:
        if token.type == "heading_open":
            written.append(int(token.tag[1]))
        elif token.type in ("html_block", "html_inline"):
            written.extend(int(m.group(2)) for m in _RAW_HEADING.finditer(token.content) if not m.group(1))
    given = iter(outline(written, top))
    current = top

    def raw(match: re.Match[str]) -> str:
        nonlocal current
        if not match.group(1):
            current = next(given)
        return f"<{match.group(1)}h{current}"

    for token in flat:
        if token.type == "heading_open":
            current = next(given)
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{current}"
        elif token.type in ("html_block", "html_inline"):
            token.content = _RAW_HEADING.sub(raw, token.content)


def absolute(url: str, base_url: str) -> str:
    """The address a relative link or image source gets in the issue: joined to the site's base URL."""
    if not base_url or urlsplit(url).scheme:
        return url
    return urljoin(base_url.rstrip("/") + "/", url)


def to_html(
    markdown: str,
    base_url: str = "",
    *,
    image_size: ImageSize = unknown_size,
    top_heading: int = 2,
    link_filter: Callable[[str], str] = str,
    hyphens: str = "",
) -> str:
    """Render Markdown to HTML that is safe in an email: sanitized, absolute links, images and tables that fit the
    column (``image_size`` tells the size of a local image file), headings in an outline from ``top_heading``.
    ``link_filter`` turns each link's absolute URL into the one the reader gets (to_text takes the same).
    ``hyphens`` names the language whose soft hyphens go into long words (none for "")."""
    tokens, parsed = _parse(markdown, top_heading)
    env = {**parsed, "hyphens": hyphens}  # the renderer's own notes never reach the shared parse
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
    cleaned = re.sub(r"<a>(.*?)</a>", r"\1", cleaned, flags=re.DOTALL)  # a link whose unsafe href was removed
    return _absolute_links(fit_to_column(cleaned, image_size), base_url, link_filter)


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    if tag == "a" and name == "href" and (value.startswith("#") or not value.strip()):
        return None  # an in-page anchor, or [text](), goes nowhere in an email: keep the text only
    return value


def _absolute_links(fragment: str, base_url: str, link_filter: Callable[[str], str]) -> str:
    def fix(match: re.Match[str]) -> str:
        url = absolute(html.unescape(match.group(2)), base_url)
        return f'{match.group(1)}="{html.escape(link_filter(url) if match.group(1) == "href" else url)}"'

    return re.sub(r'\b(href|src)="([^"]*)"', fix, fragment)


def to_text(
    markdown: str,
    base_url: str = "",
    width: int | None = WIDTH,
    image_label: str = "Afbeelding",
    references: list[str] | None = None,
    *,
    top_heading: int = 2,
    link_filter: Callable[[str], str] = str,
) -> TextRender:
    """Render Markdown to plain text wrapped at ``width`` (None: one line per paragraph).

    Links become ``text [n]``; numbering continues from ``references`` when given. ``link_filter`` turns each
    absolute URL into the one the references list (the HTML's hrefs get the same, e.g. UTM tags).
    """
    state = TextState(lambda url: link_filter(absolute(url, base_url)), width, image_label, list(references or []))
    tree = SyntaxTreeNode(_parse(markdown, top_heading)[0])
    return TextRender(plaintext.render(tree.children, state), state.references)


class ReaderBlock(NamedTuple):
    line: int  # 0-based: the line of ``source``'s first line
    text: str  # what a reader reads: text, code and image alt text, without link targets, numbers or markers
    source: str  # the block's Markdown as written (a fence without its ``` lines)
    kind: str = "paragraph"  # what it is, as a message names it: "heading", "table cell", "code block", ...


# A leaf block's name by the node that holds its text, and (for a paragraph) by the paragraph's own parent.
_KINDS = {"heading": "heading", "th": "table cell", "td": "table cell", "dt": "term", "fence": "code block"}
_KINDS |= {"code_block": "code block", "html_block": "block of HTML", "list_item": "list item", "blockquote": "quote"}
_KINDS |= {"footnote": "footnote", "dd": "definition"}


def reader_blocks(markdown: str) -> list[ReaderBlock]:
    """Each leaf block of ``markdown`` (a paragraph, heading, table cell, code block, raw HTML) as a reader reads
    it, with where it is written. Lint finds lost words with it, and the line a layout problem comes from."""
    state = TextState(str, None, "", reading=True)
    found: list[ReaderBlock] = []

    def visit(node: SyntaxTreeNode) -> None:
        line = node.map[0] if not node.is_root and node.map else (found[-1].line if found else 0)
        if node.type == "inline":
            holder = node.parent.parent if node.parent is not None and node.parent.type == "paragraph" else node.parent
            kind = _KINDS.get(holder.type if holder is not None else "", "paragraph")
            found.append(ReaderBlock(line, plaintext.inline(node, state), node.content, kind))
        elif node.type in ("fence", "code_block"):
            found.append(ReaderBlock(line + (node.type == "fence"), node.content, node.content, "code block"))
        elif node.type == "html_block":
            found.append(ReaderBlock(line, plaintext.html_text(node.content, state, None), node.content, _KINDS[node.type]))
        for child in node.children if node.type != "inline" else ():
            visit(child)

    visit(SyntaxTreeNode(_parse(markdown, 2)[0]))
    return found


class Block(NamedTuple):
    """A top-level block of Markdown: its kind, the lines it spans (0-based, ``end`` excluded) and its words."""

    kind: str  # the token's type without _open ("paragraph", "heading", "bullet_list", "fence", "html_block", ...), or
    # "image" for a paragraph of images alone
    start: int
    end: int
    words: int  # what a reader reads, image alt texts aside


def blocks(markdown: str) -> list[Block]:
    """The top-level blocks of ``markdown``. Link reference and footnote definitions are none: they show nothing
    where they are written (a footnote becomes a note at the end)."""
    found: list[Block] = []
    wordless = TextState(str, None, "")  # images, numbers and markers left out
    for token in _PARSER.parse(markdown, {}):
        if token.level == 0 and token.nesting >= 0 and token.map:
            found.append(Block(token.type.removesuffix("_open"), token.map[0], token.map[1], 0))
        elif not found or token.level == 0:
            continue
        elif token.type == "inline":
            children = token.children or []
            words = sum(len(_WORD.findall(c.content)) for c in children if c.type in ("text", "code_inline"))
            images = not words and any(c.type == "image" for c in children) and found[-1].kind == "paragraph"
            found[-1] = found[-1]._replace(words=found[-1].words + words, kind="image" if images else found[-1].kind)
        if token.type in ("fence", "code_block", "html_block"):
            shown = plaintext.html_text(token.content, wordless, None) if token.type == "html_block" else token.content
            found[-1] = found[-1]._replace(words=found[-1].words + len(_WORD.findall(shown)))
    return found


_WORD = re.compile(r"[^\W_]+")


_EMBEDS = re.compile(r"<(iframe|video|audio|embed|object|script|form|svg|canvas)\b", re.IGNORECASE)


def drops_embeds(markdown: str) -> bool:
    """Whether the Markdown holds raw HTML an email cannot carry (a video, a frame, a script): the sanitizer drops it."""
    return "<" in markdown and any(
        _EMBEDS.search(token.content) for token in _flat(_PARSER.parse(markdown, {})) if token.type.startswith("html_")
    )


def plain_words(markdown: str) -> list[str]:
    """The words a reader reads: what reading time is computed from."""
    text = to_text(markdown, width=None, image_label="").text
    text = re.sub(r"\[[^\[\]]*\]", " ", text)  # link numbers and image labels (a run stops at the next [)
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
    # No link reference or footnote definitions (they may sit anywhere) and no definition list (whose ": " line may
    # follow its term after a blank line): a prefix will do.
    if "]:" not in markdown and not _DEFINITION.search(markdown):
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
_DEFINITION = re.compile(r"^ {0,3}[:~][ \t]", re.MULTILINE)  # a definition list's definition line


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
    if end and _DEFINITION.match(markdown, _BLANK_LINES.match(markdown, end.end()).end()):  # type: ignore[union-attr]
        return None  # the block is a definition list's term
    return block


def _plain_text(block: str) -> str | None:
    """The block's text once simple [text](url) links are replaced by their text, if no other inline
    syntax is left (no images, escapes, emphasis, code, HTML or entities); None otherwise."""
    if "![" in block or "\\" in block:
        return None
    text = _SIMPLE_LINK.sub(r"\1", block) if "[" in block else block
    return None if _INLINE_SYNTAX.search(text) else text


SUMMARY_CHARS = 160  # a summary's length when the front matter states none: the first paragraph cut to this


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
            text = " ".join(plaintext.inline(node.children[0], TextState(str, None, "")).split())
            if text:
                return text
    return None


def wrap_text(text: str, width: int = WIDTH) -> str:
    """Wrap one piece of text at ``width`` without breaking words or URLs."""
    return plaintext.wrap(text, width)


def cut_at_word(text: str, limit: int) -> str:
    """Shorten to at most ``limit`` characters at a word boundary, marking the cut with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:–—-")
    return cut + "…"


# A raw <img> tag, its quoted values whole: servo.org's alt="… support for <img srcset>, …" holds no second tag.
_IMG_TAG = re.compile(r"""<img\b(?:[^<>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)


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
        after = [(where[0], 0)]  # where the last item found in the block ends: the next one stands after it
        for token in (block.children or []) if block.type == "inline" else [block] if block.type == "html_block" else []:
            if token.type == "link_open":
                link = (str(token.attrs.get("href", "")), [""])
            elif token.type == "link_close" and link:
                text = " ".join("".join(link[1]).split())
                found.append(Inline("link", text, link[0], *_locate(lines, where, f"[{text}" if text else link[0], after)))
                link = None
            elif token.type == "image":
                image = str(token.attrs.get("src", ""))
                found.append(Inline("image", token.content, image, *_locate(lines, where, image, after), link is not None))
                (link or ("", []))[1].append(token.content)
            elif token.type in ("html_inline", "html_block"):
                for tag in _IMG_TAG.findall(token.content):
                    alt, src = (re.search(rf"\b{name}\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", tag, re.I) for name in ("alt", "src"))
                    value = html.unescape(alt.group(1).strip("\"'")) if alt else None
                    target = html.unescape(src.group(1).strip("\"'")) if src else ""
                    found.append(Inline("html-image", value, target, *_locate(lines, where, tag, after), link is not None))
            elif link and token.type in ("text", "code_inline"):
                link[1].append(token.content)
            elif link and token.type in ("softbreak", "hardbreak"):
                link[1].append(" ")  # as the rendered link reads
    return found


def _locate(lines: list[str], where: Sequence[int], needle: str, after: list[tuple[int, int]]) -> tuple[int, int]:
    """The first line of a block that holds ``needle`` past the items found before it (``after``, which it moves on),
    and its column; else the block's first line. Two links of the same text in a paragraph are each found."""
    for start, offset in (after[0], (where[0], 0)):  # a link around an image begins before the image
        for number in range(start, min(where[1], len(lines))):
            found = lines[number].find(needle, offset if number == start else 0) if needle else -1
            if found >= 0:
                after[0] = max(after[0], (number, found + len(needle)))
                return number, found + 1
    return where[0], 1
