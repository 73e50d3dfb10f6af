"""Every lint rule, one row each: the checklist row it checks, its severity, its message and its hint.

A check reports a rule by its name (``out.html(rules.NO_DOCTYPE, element)``), filling the message's fields; a rule on a
fact both sides find (a Link, an Image, the Subject, the Preheader: facts.py) also names that fact and a test of it,
and then the Markdown side (contentrules.py) and the rendered issue's side (lint/) both run it. The checklist's
reference (reference.py) is written from this table. A new rule: a row here, and its check in lint/ unless it is a
rule on a fact.

Messages and hints are ``str.format`` templates: a field is the check's value, else the fact's attribute of that
name, else one of the LIMITS below.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from ..config import SETTINGS_FILE, written_positions
from ..edition import PREHEADER_MAX, PREHEADER_MIN
from ..errors import Problem
from ..locales import generic_link_words
from ..text import plural
from .facts import Fact, Found, Image, Link, Preheader, Subject

# The checklist's limits (those marked *house* are our own choices).
HTML_BUDGET = 85 * 1024  # C-07, house: stays under Gmail's ~102 KB clip after ESP link rewriting
STYLE_BUDGET = 16 * 1024  # C-08
TEXT_WIDTH = 78  # C-34: RFC 5322 SHOULD; we wrap at 72
MIN_FONT_PX = 13  # C-17, house floor for visible text
BODY_FONT_PX = 16  # C-17
SUBJECT_MAX = 60  # C-39, house
NARROWEST = 320  # C-42: the narrowest phone the renders test
LIMITS = {
    "html_budget": HTML_BUDGET // 1024,
    "style_budget": STYLE_BUDGET // 1024,
    "min_font_px": MIN_FONT_PX,
    "body_font_px": BODY_FONT_PX,
    "subject_max": SUBJECT_MAX,
    "preheader_min": PREHEADER_MIN,
    "preheader_max": PREHEADER_MAX,
    "narrowest": NARROWEST,
}
GENERIC_LINK_TEXT = generic_link_words()  # C-16: link text that says nothing about where it goes, in every locale
ERROR, WARNING = "error", "warning"


class Said(NamedTuple):
    """A rule's finding, to be placed where its side found it."""

    code: str
    severity: str
    message: str
    hint: str

    def at(self, path: str, line: int, column: int) -> Problem:
        return Problem(path, line, column, self.message, self.hint, self.severity, self.code)


@dataclass(frozen=True)
class Rule:
    code: str  # the checklist row, e.g. "C-12"
    severity: str
    message: str
    hint: str
    on: type | None = None  # a fact both sides find: the rule runs on each one ``when`` holds for
    when: Callable[[Any], bool] | None = None

    def say(self, fact: object = None, **fields: object) -> Said:
        values = _Values(fact, fields)
        return Said(self.code, self.severity, self.message.format_map(values), self.hint.format_map(values))

    def template(self) -> tuple[str, str]:
        """The message and the hint as the reference shows them: the limits filled in, every other field by name."""
        return self.message.format_map(_Blanks()), self.hint.format_map(_Blanks())


class _Values(dict[str, object]):
    def __init__(self, fact: object, fields: dict[str, object]) -> None:
        super().__init__(fields)
        self.fact = fact

    def __missing__(self, key: str) -> object:
        return LIMITS[key] if key in LIMITS else getattr(self.fact, key)


@dataclass(frozen=True, repr=False)
class _Blank:
    """A field the reference shows by its name, whatever its format."""

    name: str

    def __format__(self, spec: str) -> str:
        return f"{{{self.name}}}"

    def __repr__(self) -> str:
        return f"{{{self.name}}}"


class _Blanks(dict[str, object]):
    def __missing__(self, key: str) -> object:
        return LIMITS.get(key, _Blank(key))


def _says_nothing(link: Link) -> bool:
    """'hier', 'Lees meer »', 'click here': link text that says nothing about where it goes (C-16)."""
    return link.text.lower().strip(" .:!?»›→") in GENERIC_LINK_TEXT


def _in_capitals(subject: Subject) -> bool:
    """Most of its letters, and most of its words, in capitals: acronyms in a subject written in a script without
    capitals ('REST API? 가 도대체 뭐야?') are not a subject in capitals."""
    capitals = sum(map(str.isupper, filter(str.isalpha, subject.text)))  # str's own tests: no Python loop per letter
    if not (capitals >= 3 and (letters := sum(map(str.isalpha, subject.text))) > 4 and capitals / letters > 0.6):
        return False
    words = _WORDS.findall(subject.text)
    return 2 * sum(map(str.isupper, words)) > len(words)


_WORDS = re.compile(r"[^\W\d_]+")


def _linked_without_alt(image: Image) -> bool:
    return image.alt is not None and image.linked and not image.alt.strip()


def _format_unknown(image: Image) -> bool:
    return image.scheme != "data" and image.extension not in ("png", "jpg", "jpeg", "gif", "svg", "webp", "avif")


def _reaches(link: Link) -> bool:
    return bool(link.target) and not link.target.startswith("#")


# One row per rule, by checklist section (each on one line, so the table reads as one).
# fmt: off
# --- A. document and <head> ---
NO_DOCTYPE = Rule("C-01", ERROR, "the HTML does not start with <!DOCTYPE html>", "start the layout template with <!DOCTYPE html>")
HTML_NO_LANG = Rule("C-02", ERROR, "<html> has no lang attribute", 'add lang="..." to <html>')
WRAPPER_NO_LANG = Rule("C-02", ERROR, "the wrapper inside <body> has no lang attribute", "Gmail and Yahoo replace <html>: repeat lang on the element directly inside <body>")
HTML_NO_DIR = Rule("C-03", ERROR, "<html> has no dir attribute", 'add dir="..." to <html>')
WRAPPER_NO_DIR = Rule("C-03", ERROR, "the wrapper inside <body> has no dir attribute", "Gmail and Yahoo replace <html>: repeat dir on the element directly inside <body>")
NOT_AN_ARTICLE = Rule("C-04", WARNING, 'the wrapper is not <div role="article" aria-roledescription="email" aria-label=...>', "wrap the body in that div, as Cerberus and MJML do")
EMPTY_TITLE = Rule("C-05", ERROR, "the <title> is empty", "put the subject in <title>")
TITLE_NOT_SUBJECT = Rule("C-05", WARNING, "the <title> {title!r} is not the subject {subject!r}", "use the subject as the title")
NO_CHARSET = Rule("C-06", ERROR, 'no <meta charset="utf-8">', "add it as the first element of <head>")
NO_VIEWPORT = Rule("C-06", ERROR, "no viewport meta with width=device-width", 'add <meta name="viewport" content="width=device-width, initial-scale=1">')
NO_META = Rule("C-06", ERROR, 'no <meta name="{name}">', "add it to <head> (see the Cerberus template)")
# --- B. size and Gmail's CSS traps ---
HTML_TOO_BIG = Rule("C-07", ERROR, "the HTML is {kb:.1f} KB, over the {html_budget} KB budget", "shorten the issue: Gmail clips at about 102 KB and can hide the unsubscribe link")
STYLE_TOO_BIG = Rule("C-08", ERROR, "<style> blocks hold {kb:.1f} KB, over Gmail's {style_budget} KB", "move rules inline or drop unused ones")
NESTED_AT_RULE = Rule("C-08", ERROR, "an @-rule inside an @-rule", "Gmail drops the whole <style> block: move it to the top level")
SPACED_RGB = Rule("C-08", ERROR, "space-separated rgb() colour", "write rgb(255, 0, 0) or a hex colour: Gmail drops the block")
CSS_ERROR = Rule("C-08", ERROR, "CSS syntax error: {problem}", "Gmail drops a <style> block with any syntax error")
SPACED_RGB_INLINE = Rule("C-08", ERROR, "space-separated rgb() colour in an inline style", "write rgb(255, 0, 0) or a hex colour")
FORBIDDEN_ELEMENT = Rule("C-09", ERROR, "<{tag}> in the email", "mail clients strip or block it: remove it")
STYLESHEET_LINK = Rule("C-09", ERROR, "<link rel=stylesheet> in the email", "mail clients ignore external CSS: put it in the template's <style>")
# --- C. layout and Outlook ---
LAYOUT_CSS = Rule("C-10", ERROR, "<{tag}> uses flex, grid, float or position", "use tables with align, or inline-block columns")
TABLE_NO_ROLE = Rule("C-11", ERROR, 'a layout table without role="presentation"', 'add role="presentation" so screen readers skip it')
GHOST_NO_ROLE = Rule("C-11", ERROR, 'an Outlook ghost table without role="presentation"', 'add role="presentation"')
TABLE_ATTRIBUTE = Rule("C-11", ERROR, 'a layout table without {name}="0"', 'add border="0" cellpadding="0" cellspacing="0"')
UNBALANCED_MSO = Rule("C-24", ERROR, "{opened} conditional comments open but {closed} close", "balance every <!--[if ...]> with <![endif]-->")
NO_GHOST_TABLE = Rule("C-24", ERROR, "no fixed-width Outlook ghost table around the max-width container", 'wrap it in <!--[if mso]><table width="600">')
NO_PIXELS_PER_INCH = Rule("C-24", WARNING, "no OfficeDocumentSettings PixelsPerInch 96", "add it in an <!--[if gte mso 9]> block in <head>")
# --- D. images ---
IMAGE_NO_ALT = Rule("C-12", ERROR, "<img> without alt", 'describe it in alt, or alt="" when it is decorative', Image, lambda image: image.alt is None)
LINKED_IMAGE_EMPTY_ALT = Rule("C-13", ERROR, "a linked image with empty alt", "a linked image needs alt text that says where it goes", Image, _linked_without_alt)
DATA_URI = Rule("C-14", ERROR, "an image as a data: URI", "host the image and link it with https://", Image, lambda image: image.scheme == "data")
IMAGE_OVER_HTTP = Rule("C-14", WARNING, "image source is not absolute https: {src!r}", "use an absolute https:// URL", Image, lambda image: image.scheme == "http")
IMAGE_NOT_HTTPS = Rule("C-14", ERROR, "image source is not absolute https: {src!r}", "use an absolute https:// URL", Image, lambda image: image.scheme not in ("https", "http", "data"))
IMAGE_FORMAT = Rule("C-14", ERROR, "a .{extension} image", "many clients cannot show it: use PNG, JPG or GIF", Image, lambda image: image.scheme != "data" and image.extension in ("svg", "webp", "avif"))
IMAGE_FORMAT_UNKNOWN = Rule("C-14", WARNING, "cannot tell the image format of {src!r}", "link PNG, JPG or GIF files", Image, _format_unknown)
IMAGE_NOT_BLOCK = Rule("C-14", WARNING, "<img> without display:block", "add display:block to avoid gaps under images")
TEXT_IN_IMAGES = Rule("C-23", ERROR, "only {words} words of text for {images} images", "write the message as HTML text; it must read with images off")
# --- E. text, links, buttons ---
LINK_NO_TEXT = Rule("C-15", ERROR, "a link with no text", "give the link text, or its image alt text", Link, lambda link: not link.text)
LINK_TEXT_GENERIC = Rule("C-16", ERROR, "link text {text!r} says nothing about where it goes", "describe the target, e.g. the article's title", Link, _says_nothing)
LINK_OVER_HTTP = Rule("C-15", WARNING, "a link over plain http: {target}", "use https:// where the site supports it", Link, lambda link: link.scheme == "http")
LINK_NOWHERE = Rule("C-15", ERROR, "a link to {destination!r}", "every link needs an absolute https:// or mailto: target", Link, lambda link: not _reaches(link))
LINK_NOT_HTTPS = Rule("C-15", ERROR, "a link that is not https or mailto: {target}", "use an absolute https:// or mailto: URL", Link, lambda link: _reaches(link) and link.scheme not in ("https", "mailto", "http"))
NO_VML_BUTTON = Rule("C-22", ERROR, "a button without a VML v:roundrect for Outlook", "add the bulletproof button's <!--[if mso]> VML part")
SMALL_TEXT = Rule("C-17", ERROR, "text at {px:g} px", "keep visible text at {min_font_px} px or more")
SMALL_BODY_TEXT = Rule("C-17", ERROR, "body copy under {body_font_px} px", "set the body text to {body_font_px} px or more (ours is 17)")
H1_COUNT = Rule("C-18", ERROR, "{count} <h1> elements", "use exactly one <h1>: the title")
SKIPPED_HEADING = Rule("C-18", ERROR, "<{tag}> skips a heading level", "use <h{level}> here")
# --- F. dark mode ---
NO_COLOR_SCHEME_META = Rule("C-19", ERROR, "no color-scheme and supported-color-schemes meta with 'light dark'", "add both to <head>")
NO_ROOT_COLOR_SCHEME = Rule("C-19", ERROR, "no :root {{ color-scheme: light dark }}", "add it to the head-only <style>")
NO_DARK_MODE = Rule("C-19", ERROR, "no @media (prefers-color-scheme: dark) overrides", "add dark-mode overrides to the head-only <style>")
DARK_NOT_IMPORTANT = Rule("C-19", ERROR, "a dark-mode declaration without !important", "dark overrides must beat inline styles: add !important")
# --- G. preheader ---
NO_PREHEADER = Rule("C-20", ERROR, "no hidden preheader as the first text in <body>", "add the preheader block first in the wrapper")
PREHEADER_SHOWN = Rule("C-20", ERROR, "the preheader is not hidden with {needed}", "hide it with display, max-height, overflow and mso-hide")
PREHEADER_COLOURED = Rule("C-20", ERROR, "the preheader is hidden with a colour", "SpamAssassin scores text coloured like its background")
PREHEADER_LENGTH = Rule("C-20", WARNING, "the preheader has {length} characters", "aim for {preheader_min} to {preheader_max} (set preheader: in the lead)", Preheader, lambda preheader: not PREHEADER_MIN <= preheader.length <= PREHEADER_MAX)
NO_SPACER = Rule("C-20", ERROR, "no spacer run after the preheader", "add the &#847;&zwnj;&nbsp; run so body text does not leak into the preview")
# --- H. footer ---
NO_UNSUBSCRIBE_LINK = Rule("C-21", ERROR, "no unsubscribe link in the HTML", "keep the footer's unsubscribe link")
NO_ADDRESS_IN_HTML = Rule("C-21", ERROR, "the postal address is missing from the HTML", "keep the footer with the sender's postal address")
NO_UNSUBSCRIBE_URL = Rule("C-21", ERROR, "no unsubscribe URL in the plain text", "keep the footer of the text template")
NO_ADDRESS_IN_TEXT = Rule("C-21", ERROR, "the postal address is missing from the plain text", "keep the footer of the text template")
# --- I. the plain text and the MIME message ---
NO_HEADER = Rule("C-30", ERROR, "no {header} header", "the .eml must carry From, To, Subject, Date, Message-ID and MIME-Version")
LONG_RAW_LINE = Rule("C-31", ERROR, "a raw line of {octets} octets", "encode the parts as quoted-printable or base64")
NOT_ALTERNATIVE = Rule("C-32", ERROR, "the message is {content_type} with parts {types}", "use multipart/alternative: text/plain first, text/html last")
NOT_UTF8 = Rule("C-33", ERROR, "{content_type} is not charset=utf-8", "declare charset=utf-8")
NOT_ENCODED = Rule("C-33", ERROR, "{content_type} is sent as {encoding}", "use quoted-printable")
LONG_TEXT_LINE = Rule("C-34", ERROR, "a line of {length} characters", "wrap the text at 72 (only a bare URL or a line of code may be longer)")
LINK_NOT_IN_TEXT = Rule("C-35", ERROR, "the HTML links to {href} but the plain text does not", "every link must be in both parts")
TEXT_TOO_SHORT = Rule("C-35", ERROR, "the plain text has {text_words} words, under half the HTML's {html_words}", "the text part must be a real equivalent of the HTML")
NO_HTTPS_UNSUBSCRIBE = Rule("C-36", ERROR, "List-Unsubscribe has no https URL", "set [links] unsubscribe to an https URL")
NO_MAILTO_UNSUBSCRIBE = Rule("C-36", WARNING, "List-Unsubscribe has no mailto: address", "set [links] unsubscribe_mailto (Microsoft honoured only mailto)")
NO_ONE_CLICK = Rule("C-37", WARNING, "no List-Unsubscribe-Post: one-click unsubscribe needs an unsubscribe URL per reader", "set [links] unsubscribe_one_click, or send in your ESP's dialect, whose own unsubscribe tag is per reader")
BAD_ONE_CLICK = Rule("C-37", ERROR, "List-Unsubscribe-Post is {post!r}", "write it as List-Unsubscribe=One-Click")
NO_LIST_ID = Rule("C-38", ERROR, "no List-Id header", "set [newsletter] list_id or keep the default")
SUBJECT_IN_CAPITALS = Rule("C-39", ERROR, "the subject is in capitals: {text!r}", "write it in sentence case", Subject, _in_capitals)
SUBJECT_SHOUTS = Rule("C-39", ERROR, "the subject shouts: {text!r}", "use at most one ! or ?", Subject, lambda subject: "!!" in subject.text or "??" in subject.text)
SUBJECT_TOO_LONG = Rule("C-39", WARNING, "the subject has {length} characters", "keep it under about {subject_max} (set subject: in the lead)", Subject, lambda subject: subject.length > SUBJECT_MAX)
# --- house rows: the layout on a phone, no word lost ---
WORD_TOO_WIDE = Rule("C-42", ERROR, "a word of {length} characters is wider than a {narrowest} px phone's column and cannot break: {shown!r}", "let long words break: overflow-wrap: anywhere and word-break: break-word on the column")
CODE_TOO_WIDE = Rule("C-42", ERROR, "a line of code of {length} characters is wider than a {narrowest} px phone's column and cannot break: {shown!r}", "let long lines wrap: white-space: pre-wrap on <pre>")
TABLE_TOO_WIDE = Rule("C-42", ERROR, "a table at least {px:.0f} px wide, wider than a {narrowest} px phone's column", "put it in a container that scrolls sideways (overflow-x: auto), as the packaged template does")
FIXED_WIDTH = Rule("C-42", ERROR, "<{tag}> is {px:.0f} px wide, wider than a {narrowest} px phone's column", "give it width: 100% and a max-width instead of a fixed width")
IMAGE_NO_WIDTH = Rule("C-43", ERROR, "<img> without a width attribute", "Outlook for Windows shows it at its file's size: add width=\"...\" of at most {column:.0f}")
IMAGE_TOO_WIDE = Rule("C-43", ERROR, "<img> {width} px wide in a {column:.0f} px column", "Outlook for Windows sizes images by width=\"...\": make it at most {column:.0f}")
IMAGE_NOT_FLUID = Rule("C-43", ERROR, "<img> {width} px wide that does not shrink on a phone", "add width: 100% and max-width: ...px to its style")
WORDS_LOST = Rule("C-44", ERROR, "nieuwsbrief lost {words} of this {construct} in {part}: {shown}", "a bug in nieuwsbrief, not in your text: please report it with this file; compose --skip C-44 sends the issue as it is")
WORDS_DROPPED = Rule("C-44", ERROR, "{words} of this {construct} do not reach {part}: {shown}", "the project's own templates ({templates}) leave it out: keep the lead's body and the author's bio in both parts")
# fmt: on

RULES: tuple[Rule, ...] = tuple(value for value in list(globals().values()) if isinstance(value, Rule))  # the rows above


def judge(fact: Fact, rules: Iterable[Rule] = RULES) -> Iterator[Said]:
    """Every rule on this kind of fact that the fact breaks."""
    return (rule.say(fact) for rule in rules if rule.on is type(fact) and rule.when is not None and rule.when(fact))


def judged(found: Iterable[Found], rules: Iterable[Rule] = RULES) -> list[Problem]:
    """The rules on facts found in the Markdown, each finding where the fact is written."""
    return [said.at(where.path, where.line, where.column) for where in found for said in judge(where.fact, rules)]


CHECKED_ROWS = frozenset(rule.code for rule in RULES)


def skipping(found: Iterable[Problem], rows: Collection[str]) -> tuple[list[Problem], Counter[str]]:
    """The findings but those of the checklist ``rows`` the project or the run skips, and how many each of those had."""
    kept, left_out = [], Counter[str]()
    for problem in found:
        if problem.code in rows:
            left_out[problem.code] += 1
        else:
            kept.append(problem)
    return kept, left_out


ROWS_HINT = "docs/checklist.md lists the rows lint checks, e.g. C-44"


def unknown_rows(project: Path, rows: Iterable[str]) -> list[Problem]:
    """A row of [lint] skip that no pre-flight check has, at its line: the rule the publisher meant would still run."""
    unknown = [row for row in rows if row not in CHECKED_ROWS]
    line, column = written_positions(project).get("lint.skip", (0, 0)) if unknown else (0, 0)
    return [
        Problem(SETTINGS_FILE, line, column, f"[lint] skip names {row}, which no pre-flight check has", ROWS_HINT)
        for row in unknown
    ]


def unchecked(where: str, rows: Iterable[str], left_out: Counter[str], asked: Collection[str]) -> list[Problem]:
    """A note for each row not checked, named in the run's output: who skipped it and what it would have found."""
    return [
        Problem(
            where,
            0,
            0,
            f"was not checked ({'--skip' if row in asked else '[lint] skip'}); it finds "
            f"{plural(left_out[row], 'problem')} in this issue",
            "",
            "note",
            row,
        )
        for row in rows
    ]
