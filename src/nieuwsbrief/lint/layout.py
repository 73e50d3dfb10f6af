"""Layout rows (house rows C-42 to C-44): nothing wider than a phone's column, every image capped, no word lost.

Read from the final HTML's inline styles, as a client that drops every <style> block (Gmail's mobile webmail) or
every @media rule (Outlook for Windows) sees it:

- C-42: a word, a line of code, a table or an element with a fixed width that is wider than the column of a 320 px
  phone, where nothing lets it break or scroll (the page would scroll sideways);
- C-43: an image whose width is not capped: no ``width`` attribute (Outlook for Windows shows it at its file's
  size), one wider than the 600 px layout's column, or one wider than a phone's column without a fluid width;
- C-44: words of the Markdown (the lead's body and the author's bio) that reach neither the HTML nor the text part.

Widths are estimated from the inline font sizes and families (measured averages: 0.46 em per letter in Georgia,
0.53 in Arial, 0.6 in a monospaced font) and the horizontal padding, margins and borders of the element and its
ancestors. When composing, each finding names the
Markdown file and line it comes from (``Issue.sources``); ``lint`` on an archived issue names the line of issue.html.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlElement

from .. import markdown
from ..checklist import rules
from ..checklist.rules import NARROWEST, Rule
from ..text import plural
from .findings import Findings, Issue, Source, hidden

WIDEST = 600  # the layout's width where Outlook for Windows sizes everything by attributes
# The average width of a character, in em, by font family: serif (Georgia), sans-serif (Arial), monospaced.
EM_PER_CHARACTER = {"serif": 0.46, "sans-serif": 0.53, "monospace": 0.6}
_SANS = ("arial", "helvetica", "sans-serif", "verdana", "segoe")
_MONO = ("monospace", "courier", "consolas", "menlo")
DEFAULT_FONT_PX = 16.0
# A word is a run of letters or of digits: a note marker the HTML sets in <sup> right after a word (Pike<sup>1</sup>)
# reads as "Pike1", where the Markdown's reader has "Pike" and leaves the marker out.
WORD = re.compile(r"[^\W\d_]+|\d+")
_BREAKABLE_SPACE = re.compile(r"[ \t\n\r\f]+")  # not the no-break space: it joins what it stands between
_BLOCKS = {"p", "div", "td", "th", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "tr", "br"}
# A footnote's number is no part of the word it follows ("achter²" reads "achter"): a <sup> that holds one stands apart.
_NOTE_MARKER = re.compile(r"\s*\d+\s*")


def _style(element: etree._Element) -> dict[str, str]:
    """The element's declarations by name (read only: elements that share a style share the answer)."""
    return _declarations(element.get("style") or "")


@functools.lru_cache(maxsize=1024)
def _declarations(style: str) -> dict[str, str]:
    declarations = {}
    for part in style.split(";"):
        name, _, value = part.partition(":")
        if value.strip():
            declarations[name.strip().lower()] = value.replace("!important", "").strip().lower()
    return declarations


def _inherited(element: etree._Element, *names: str) -> str:
    """The value of the nearest declaration of any of ``names`` on the element or an ancestor."""
    for node in (element, *element.iterancestors()):
        style = _style(node)
        for name in names:
            if name in style:
                return style[name]
    return ""


def _breaks_anywhere(element: etree._Element) -> bool:
    """Long words break even where a table sizes its columns by their longest word."""
    return (
        _inherited(element, "word-break") in ("break-all", "break-word")
        or _inherited(element, "overflow-wrap", "word-wrap") == "anywhere"
    )


def _breaks_words(element: etree._Element) -> bool:
    return _breaks_anywhere(element) or _inherited(element, "overflow-wrap", "word-wrap") == "break-word"


def _scrolls(element: etree._Element) -> bool:
    """Inside a container that scrolls sideways: it may be as wide as it likes."""
    for node in element.iterancestors():
        style = _style(node)
        if style.get("overflow-x", style.get("overflow", "")) in ("auto", "scroll"):
            return True
    return False


def _text(element: etree._Element) -> str:
    return "".join(str(text) for text in element.itertext())


_PX = re.compile(r"(-?\d+(?:\.\d+)?)(px)?")


def _px(value: str) -> float:
    match = _PX.fullmatch(value.strip())
    return float(match.group(1)) if match else 0.0


def _sides(value: str) -> tuple[float, float]:
    """The left and right of a margin or padding shorthand, in px (auto, % and em count as 0)."""
    parts = value.split()
    if not parts:
        return 0.0, 0.0
    right = parts[1] if len(parts) > 1 else parts[0]
    left = parts[3] if len(parts) > 3 else right
    return _px(left), _px(right)


def _horizontal(style: dict[str, str]) -> float:
    total = 0.0
    for box in ("margin", "padding"):
        left, right = _sides(style.get(box, ""))
        total += _px(style.get(f"{box}-left", str(left))) + _px(style.get(f"{box}-right", str(right)))
    for side in ("left", "right"):
        border = style.get(f"border-{side}", style.get("border", ""))
        total += next((_px(part) for part in border.split() if re.fullmatch(r"\d+(?:\.\d+)?px", part)), 0.0)
    return total


def _available(element: etree._Element, viewport: int) -> float:
    """The width left for the element's content in a viewport this wide, once every box around it is taken off."""
    return viewport - sum(_horizontal(_style(node)) for node in (element, *element.iterancestors()))


def _character_px(element: etree._Element) -> float:
    match = re.match(r"(\d+(?:\.\d+)?)px", _inherited(element, "font-size"))
    size = float(match.group(1)) if match else DEFAULT_FONT_PX
    family = _inherited(element, "font-family")
    if _preformatted(element) or any(name in family for name in _MONO):
        return size * EM_PER_CHARACTER["monospace"]
    return size * EM_PER_CHARACTER["sans-serif" if any(name in family for name in _SANS) else "serif"]


def _preformatted(element: etree._Element) -> bool:
    return any(node.tag == "pre" for node in (element, *element.iterancestors()))


def _white_space(element: etree._Element) -> str:
    return _inherited(element, "white-space") or ("pre" if _preformatted(element) else "normal")


def _unbreakable_runs(element: etree._Element, text: str) -> list[str]:
    """The stretches of ``text`` a browser cannot wrap inside (unless overflow-wrap lets it break words)."""
    white_space = _white_space(element)
    if white_space == "nowrap":
        return [text.strip()]
    return text.split("\n") if white_space == "pre" else _BREAKABLE_SPACE.split(text)


def _texts(tree: HtmlElement) -> Iterator[tuple[etree._Element, str]]:
    """Every visible text of the body, with the element that lays it out."""
    body = tree.find("body")
    for element in body.iter() if body is not None else ():
        if not isinstance(element.tag, str) or element.tag in ("style", "script") or hidden(element):
            continue
        for text in (element.text, *(child.tail for child in element)):
            if text and text.strip():
                yield element, text


# --- where a finding comes from -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Block:
    source: Source
    line: int  # in the file, of the block's first line as written; 0 when unknown
    written: str  # the block's Markdown as written
    words: Counter[str]
    kind: str  # "paragraph", "table cell", ...: how a message names it

    def line_of(self, found: str) -> int:
        """The file line where ``found`` is written in this block (its first line when it cannot be told)."""
        where = self.written.find(found.strip()) if self.line and found.strip() else -1
        return self.line + (self.written[:where].count("\n") if where >= 0 else 0)


@functools.lru_cache(maxsize=8)  # both checks read the same sources
def _blocks(sources: tuple[Source, ...]) -> list[_Block]:
    return [
        _Block(
            source,
            source.first_line + block.line if source.first_line else 0,
            block.source,
            Counter(WORD.findall(block.text)),
            block.kind,
        )
        for source in sources
        for block in markdown.reader_blocks(source.markdown)
    ]


def _report(
    out: Findings, blocks: list[_Block], text: str, element: etree._Element, rule: Rule, found: str = "", **fields: object
) -> None:
    """Name the Markdown block that holds ``text`` (the text found, or a part of it) and the line of ``found`` in it,
    or else the line of issue.html.

    A block holds the text when it has at least 80 % of the text's words (so the issue's title or a teaser that
    shares a long word with the column is not blamed on the column); of two, the one the text fills more.
    """
    wanted = set(WORD.findall(text))

    def fit(block: _Block) -> tuple[int, float]:
        shared = len(wanted & block.words.keys())
        return shared, shared / max(1, len(block.words))

    best = max(blocks, key=fit, default=None)
    if best is not None and wanted and fit(best)[0] >= 0.8 * len(wanted):
        out.source(rule, best.source.path, best.line_of(found or text), **fields)
    else:
        out.html(rule, element, **fields)


# --- C-42 nothing wider than the column, C-43 images capped -------------------------------------------------------


def check_layout(issue: Issue, tree: HtmlElement, out: Findings) -> None:
    blocks = _blocks(issue.sources)
    _check_words(tree, out, blocks)
    _check_tables(tree, out, blocks)
    _check_fixed_widths(tree, out, blocks)
    _check_images(tree, out, blocks)


def _check_words(tree: HtmlElement, out: Findings, blocks: list[_Block]) -> None:
    for element, text in _texts(tree):
        if _scrolls(element) or _breaks_words(element):
            continue
        room = _available(element, NARROWEST) / _character_px(element)
        longest = max(_unbreakable_runs(element, text), key=len)
        if len(longest) > room:
            rule = rules.CODE_TOO_WIDE if _preformatted(element) else rules.WORD_TOO_WIDE
            shown = longest if len(longest) <= 40 else longest[:40] + "…"
            _report(out, blocks, text, element, rule, longest, length=len(longest), shown=shown)


def _cell_px(cell: etree._Element) -> float:
    longest = max((len(run) for run in _BREAKABLE_SPACE.split(_text(cell))), default=0)
    characters = 1 if _breaks_anywhere(cell) else longest
    return characters * _character_px(cell) + _horizontal(_style(cell))


def _check_tables(tree: HtmlElement, out: Findings, blocks: list[_Block]) -> None:
    for table in tree.iter("table"):
        if table.get("role") == "presentation" or _scrolls(table):
            continue  # the layout's own tables; a table in a container that scrolls may be wide
        rows = [row.findall("td") + row.findall("th") for row in table.iter("tr")]
        narrowest = max((sum(_cell_px(cell) for cell in row) for row in rows), default=0.0)
        if narrowest > _available(table, NARROWEST):
            first = next(iter(table.iter("td", "th")), table)
            _report(out, blocks, _text(first), table, rules.TABLE_TOO_WIDE, px=narrowest)


def _check_fixed_widths(tree: HtmlElement, out: Findings, blocks: list[_Block]) -> None:
    body = tree.find("body")
    for element in body.iter() if body is not None else ():
        if not isinstance(element.tag, str) or element.tag == "img":
            continue
        style = _style(element)
        width = max(_px(style.get("width", "")), _px(style.get("min-width", "")), _px(element.get("width") or ""))
        # Only an element with a fixed width can be too wide: the walks up the tree are for those few.
        if width <= 0 or hidden(element) or _scrolls(element):
            continue
        parent = element.getparent()
        room = _available(parent, NARROWEST) if parent is not None else NARROWEST
        if width > room:
            _report(out, blocks, _text(element), element, rules.FIXED_WIDTH, tag=element.tag, px=width)


def _check_images(tree: HtmlElement, out: Findings, blocks: list[_Block]) -> None:
    for image in tree.iter("img"):
        parent = image.getparent()
        if hidden(image) or parent is None:
            continue
        width, style = image.get("width") or "", _style(image)
        column = _available(parent, WIDEST)
        if not width.isdigit():
            rule = rules.IMAGE_NO_WIDTH
        elif int(width) > column:
            rule = rules.IMAGE_TOO_WIDE
        elif int(width) > _available(parent, NARROWEST) and "100%" not in (style.get("width"), style.get("max-width")):
            rule = rules.IMAGE_NOT_FLUID
        else:
            continue
        _report(out, blocks, image.get("alt") or "", image, rule, width=width, column=column)


# --- C-44 no word lost --------------------------------------------------------------------------------------------


def _reading_text(tree: HtmlElement) -> str:
    """The body's text as a reader meets it: inline elements run together, blocks apart, images by their alt."""
    parts: list[str] = []

    def visit(element: etree._Element) -> None:
        if not isinstance(element.tag, str) or element.tag in ("style", "script", "head") or hidden(element):
            return
        # a raised letter is part of its word as written (X<sup>n</sup> reads "Xn"); a raised number is a note's
        apart = " " if element.tag in _BLOCKS or (element.tag == "sup" and _NOTE_MARKER.fullmatch(element.text or "")) else ""
        parts.extend((apart, f" {element.get('alt') or ''} " if element.tag == "img" else "", element.text or ""))
        for child in element:
            visit(child)
            parts.append(child.tail or "")
        parts.append(apart)

    body = tree.find("body")
    if body is not None:
        visit(body)
    return "".join(parts)


def check_lost_words(issue: Issue, tree: HtmlElement, out: Findings) -> None:
    """Every word of the Markdown must reach both parts; a block that lost words is named by its file and line. What
    a renderer leaves out on purpose (link targets, image titles, note markers, comments) is not among the words, so
    a loss is the tool's doing: nieuwsbrief's own, or the project's templates' when it overrides any."""
    rule = rules.WORDS_DROPPED if issue.own_templates else rules.WORDS_LOST
    blocks = _blocks(issue.sources)
    expected = sum((block.words for block in blocks), Counter[str]())
    for part, found in (("the HTML", _reading_text(tree)), ("the plain text", issue.text)):
        missing = expected - Counter(WORD.findall(found))
        # The block that lost most of its own words is the likeliest to have lost a word it shares with others.
        for block in sorted(blocks, key=lambda b: -sum(min(n, missing[w]) for w, n in b.words.items()) / max(1, b.words.total())):
            lost = [word for word in block.words if missing[word] > 0]
            for word in lost:
                missing[word] -= min(missing[word], block.words[word])
            if lost:
                shown = ", ".join(repr(word) for word in lost[:5]) + (", ..." if len(lost) > 5 else "")
                out.source(
                    rule,
                    block.source.path,
                    block.line,
                    words=plural(len(lost), "word"),
                    construct=block.kind,
                    part=part,
                    shown=shown,
                    templates=", ".join(issue.own_templates),
                )
