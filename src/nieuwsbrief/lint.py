"""Pre-flight checks of a rendered issue against ../shared/email-checklist.md (the only user of lxml).

Each finding names its checklist row (C-01 ...). Errors fail `lint` and stop `compose` (exit 4);
warnings are shown but pass. Rules that depend on what editors write (subject length, http links,
image formats a URL does not reveal) are warnings, so a good issue is never blocked by a guess.
"""

from __future__ import annotations

import email
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import default as default_policy
from urllib.parse import urlsplit

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from .errors import Problem
from .inline import css_problems

HTML_BUDGET = 85 * 1024  # C-07, house: stays under Gmail's ~102 KB clip after ESP link rewriting
STYLE_BUDGET = 16 * 1024  # C-08
PREHEADER_MIN, PREHEADER_MAX = 40, 130  # C-20, house
SUBJECT_MAX = 60  # C-39, house
TEXT_WIDTH = 78  # C-34: RFC 5322 SHOULD; we wrap at 72
MIN_FONT_PX = 13  # C-17, house floor for visible text
BODY_FONT_PX = 16  # C-17
GENERIC_LINK_TEXT = {
    "hier",
    "klik hier",
    "klik",
    "lees meer",
    "meer",
    "lees verder",
    "verder",
    "link",
    "deze link",
    "click here",
    "here",
    "read more",
    "more",
    "this link",
    "learn more",
}
FORBIDDEN = {"script", "form", "iframe", "object", "embed", "svg", "base"}
SPACER = "\u034f\u200c\u00a0\u2007\ufeff"


@dataclass(frozen=True)
class Issue:
    """What lint looks at: the three files of one issue and where they live."""

    html: str
    text: str
    eml: bytes
    folder: str  # e.g. "issues/2026-W48", for the paths in findings
    subject: str
    unsubscribe_url: str
    postal_address: str


class _Findings:
    def __init__(self, issue: Issue, html_words: int) -> None:
        self.issue = issue
        self.items: list[Problem] = []
        self.html_words = html_words  # visible words of the HTML: C-23 and C-35 both need them

    def add(self, code: str, file: str, message: str, hint: str, line: int = 0, severity: str = "error") -> None:
        self.items.append(Problem(f"{self.issue.folder}/{file}", line, 1 if line else 0, message, hint, severity, code))

    def html(self, code: str, message: str, hint: str, element: etree._Element | None = None, severity: str = "error") -> None:
        line = element.sourceline if element is not None and isinstance(element.sourceline, int) else 0
        self.add(code, "issue.html", message, hint, line, severity)


def lint_issue(issue: Issue) -> list[Problem]:
    """Every checklist row a program can check, on the final HTML, text and .eml."""
    tree = lxml.html.document_fromstring(issue.html.encode("utf-8"))
    findings = _Findings(issue, len(_visible_words(tree)))
    for check in _HTML_CHECKS:
        check(issue, tree, findings)
    _check_text(issue, tree, findings)
    _check_eml(issue, findings)
    return sorted(findings.items, key=lambda p: (p.path, p.line, p.code, p.message))


# --- A. document and head -------------------------------------------------------------------------------


def _check_document(issue: Issue, tree: HtmlElement, out: _Findings) -> None:
    if not issue.html.lstrip().lower().startswith("<!doctype html>"):
        out.html("C-01", "the HTML does not start with <!DOCTYPE html>", "start the layout template with <!DOCTYPE html>")
    wrapper = _wrapper(tree)
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
    _check_meta(tree, out)


def _wrapper(tree: HtmlElement) -> etree._Element | None:
    body = tree.find("body")
    if body is None:
        return None
    children = [child for child in body if isinstance(child.tag, str)]
    return children[0] if children else None


def _check_meta(tree: HtmlElement, out: _Findings) -> None:
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


def _check_size_and_style(issue: Issue, tree: HtmlElement, out: _Findings) -> None:
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


def _check_forbidden(issue: Issue, tree: HtmlElement, out: _Findings) -> None:
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


def _check_tables(issue: Issue, tree: HtmlElement, out: _Findings) -> None:
    for table in tree.iter("table"):
        if table.get("role") == "presentation":
            _check_table_attributes(table.get, out, table)
        elif table.find(".//th") is None:
            out.html(
                "C-11", 'a layout table without role="presentation"', 'add role="presentation" so screen readers skip it', table
            )
    for comment in _comments(tree):
        for ghost in re.findall(r"<table\b[^>]*>", comment.text or "", re.IGNORECASE):
            attributes = dict(re.findall(r'([\w:-]+)="([^"]*)"', ghost))
            if attributes.get("role") != "presentation":
                out.html("C-11", 'an Outlook ghost table without role="presentation"', 'add role="presentation"', comment)
            _check_table_attributes(attributes.get, out, comment)


def _check_table_attributes(get: Callable[[str], str | None], out: _Findings, where: etree._Element) -> None:
    for name in ("border", "cellpadding", "cellspacing"):
        if get(name) != "0":
            out.html("C-11", f'a layout table without {name}="0"', 'add border="0" cellpadding="0" cellspacing="0"', where)


def _comments(tree: HtmlElement) -> Iterator[etree._Element]:
    yield from tree.getroottree().iter(etree.Comment)


def _check_outlook(issue: Issue, tree: HtmlElement, out: _Findings) -> None:
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


# --- D. images ---------------------------------------------------------------------------------------------------


def _check_images(issue: Issue, tree: HtmlElement, out: _Findings) -> None:
    for image in tree.iter("img"):
        alt = image.get("alt")
        if alt is None:
            out.html("C-12", "<img> without alt", 'describe it in alt, or alt="" when it is decorative', image)
        elif not alt.strip() and any(a.tag == "a" for a in image.iterancestors()):
            out.html("C-13", "a linked image with empty alt", "a linked image needs alt text that says where it goes", image)
        src = image.get("src") or ""
        scheme = urlsplit(src).scheme
        if src.startswith("data:"):
            out.html("C-14", "an image as a data: URI", "host the image and link it with https://", image)
        elif scheme != "https":
            severity = "warning" if scheme == "http" else "error"
            out.html("C-14", f"image source is not absolute https: {src!r}", "use an absolute https:// URL", image, severity)
        extension = urlsplit(src).path.rsplit(".", 1)[-1].lower() if "." in urlsplit(src).path else ""
        if extension in ("svg", "webp", "avif"):
            out.html("C-14", f"a .{extension} image", "many clients cannot show it: use PNG, JPG or GIF", image)
        elif extension not in ("png", "jpg", "jpeg", "gif") and not src.startswith("data:"):
            out.html("C-14", f"cannot tell the image format of {src!r}", "link PNG, JPG or GIF files", image, "warning")
        if not image.get("width"):
            # A warning: raw HTML images in content may lack it, and guessing a width could distort them.
            out.html("C-14", "<img> without a width attribute", 'add width="..." (Outlook ignores CSS widths)', image, "warning")
        if "display:block" not in (image.get("style") or "").replace(" ", ""):
            out.html("C-14", "<img> without display:block", "add display:block to avoid gaps under images", image, "warning")


def _visible_words(tree: HtmlElement) -> list[str]:
    body = tree.find("body")
    if body is None:
        return []
    texts = []
    for element in body.iter():
        if not isinstance(element.tag, str) or element.tag in ("style", "script") or _hidden(element):
            continue
        texts.extend([element.text or ""])
        for child in element:
            texts.append(child.tail or "")
    return re.findall(r"\w+", " ".join(texts))


def _hidden(element: etree._Element) -> bool:
    return any("display:none" in (e.get("style") or "").replace(" ", "") for e in (element, *element.iterancestors()))


def _check_real_text(issue: Issue, tree: HtmlElement, out: _Findings) -> None:
    words = out.html_words
    images = len(list(tree.iter("img")))
    if words < 50 or (images and words / images < 50):
        out.html(
            "C-23",
            f"only {words} words of text for {images} images",
            "write the message as HTML text; it must read with images off",
        )


# --- E. text, links, buttons -------------------------------------------------------------------------------------


def _check_links(issue: Issue, tree: HtmlElement, out: _Findings) -> None:
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        scheme = urlsplit(href).scheme.lower()
        if not href or href.startswith("#"):
            out.html(
                "C-15", f"a link to {href or 'nothing'!r}", "every link needs an absolute https:// or mailto: target", anchor
            )
        elif scheme == "http":
            out.html("C-15", f"a link over plain http: {href}", "use https:// where the site supports it", anchor, "warning")
        elif scheme not in ("https", "mailto"):
            out.html("C-15", f"a link that is not https or mailto: {href}", "use an absolute https:// or mailto: URL", anchor)
        text = " ".join(anchor.text_content().split())
        alts = " ".join((img.get("alt") or "") for img in anchor.iter("img")).strip()
        if not text and not alts:
            out.html("C-15", "a link with no text", "give the link text, or its image alt text", anchor)
        elif text.lower().strip(" .:!?»›→") in GENERIC_LINK_TEXT:
            out.html(
                "C-16",
                f"link text {text!r} says nothing about where it goes",
                "describe the target, e.g. the article's title",
                anchor,
            )
    buttons = [a for a in tree.iter("a") if "padding" in (a.get("style") or "") and "background" in (a.get("style") or "")]
    if buttons and not re.search(r"<v:roundrect\b.*?<w:anchorlock\s*/>", issue.html, re.DOTALL):
        out.html(
            "C-22",
            "a button without a VML v:roundrect for Outlook",
            "add the bulletproof button's <!--[if mso]> VML part",
            buttons[0],
        )


def _font_sizes(element: etree._Element) -> list[float]:
    return [float(size) for size in re.findall(r"font-size\s*:\s*(\d+(?:\.\d+)?)px", element.get("style") or "")]


def _check_text_size(issue: Issue, tree: HtmlElement, out: _Findings) -> None:
    for element in tree.iter():
        if not isinstance(element.tag, str) or _hidden(element):
            continue
        sizes = _font_sizes(element)
        if sizes and min(sizes) < MIN_FONT_PX and element.text_content().strip():
            out.html("C-17", f"text at {min(sizes):g} px", f"keep visible text at {MIN_FONT_PX} px or more", element)
    bodies = [e for e in tree.iter("div") if "text" in (e.get("class") or "").split()]
    for body in bodies:
        sizes = _font_sizes(body)
        if not sizes or sizes[-1] < BODY_FONT_PX:
            out.html("C-17", "body copy under 16 px", "set the body text to 16 px or more (ours is 17)", body)


def _check_headings(issue: Issue, tree: HtmlElement, out: _Findings) -> None:
    headings = [e for e in tree.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    h1 = [e for e in headings if e.tag == "h1"]
    if len(h1) != 1:
        out.html("C-18", f"{len(h1)} <h1> elements", "use exactly one <h1>: the title", h1[1] if len(h1) > 1 else None)
    deepest = 0
    for heading in headings:
        level = int(heading.tag[1])
        if level > deepest + 1:
            out.html("C-18", f"<{heading.tag}> skips a heading level", f"use <h{deepest + 1}> here", heading)
        deepest = max(deepest, level) if level > deepest else level


# --- F. dark mode, G. preheader, H. footer ----------------------------------------------------------------------


def _check_dark_mode(issue: Issue, tree: HtmlElement, out: _Findings) -> None:
    css = "\n".join(s.text or "" for s in tree.iter("style"))
    if not re.search(r":root\s*\{[^}]*color-scheme\s*:\s*light dark", css):
        out.html("C-19", "no :root { color-scheme: light dark }", "add it to the head-only <style>")
    block = re.search(r"@media[^{]*prefers-color-scheme\s*:\s*dark[^{]*\{(.*?)\}\s*\}", css, re.DOTALL)
    if block is None:
        out.html("C-19", "no @media (prefers-color-scheme: dark) overrides", "add dark-mode overrides to the head-only <style>")
        return
    declarations = [d for d in re.findall(r"\{([^}]*)", block.group(1) + "}") for d in d.split(";") if d.strip()]
    if any("!important" not in d for d in declarations):
        out.html("C-19", "a dark-mode declaration without !important", "dark overrides must beat inline styles: add !important")


def _check_preheader(issue: Issue, tree: HtmlElement, out: _Findings) -> None:
    wrapper = _wrapper(tree)
    first = next(
        (e for e in (wrapper.iter() if wrapper is not None else []) if isinstance(e.tag, str) and (e.text or "").strip()), None
    )
    if first is None or not _hidden(first):
        out.html("C-20", "no hidden preheader as the first text in <body>", "add the preheader block first in the wrapper", first)
        return
    style = (first.get("style") or "").replace(" ", "")
    for needed in ("display:none", "max-height:0", "overflow:hidden", "mso-hide:all"):
        if needed not in style:
            out.html(
                "C-20",
                f"the preheader is not hidden with {needed}",
                "hide it with display, max-height, overflow and mso-hide",
                first,
            )
    if re.search(r"(^|;)color:", style):
        out.html("C-20", "the preheader is hidden with a colour", "SpamAssassin scores text coloured like its background", first)
    text = " ".join((first.text or "").split())
    if not PREHEADER_MIN <= len(text) <= PREHEADER_MAX:
        out.html(
            "C-20",
            f"the preheader has {len(text)} characters",
            f"aim for {PREHEADER_MIN} to {PREHEADER_MAX} (set preheader: in the lead)",
            first,
            "warning",
        )
    following = first.getnext()
    if following is None or not any(ch in (following.text or "") for ch in SPACER):
        out.html(
            "C-20",
            "no spacer run after the preheader",
            "add the &#847;&zwnj;&nbsp; run so body text does not leak into the preview",
            first,
        )


def _check_footer(issue: Issue, tree: HtmlElement, out: _Findings) -> None:
    hrefs = [a.get("href") or "" for a in tree.iter("a")]
    if issue.unsubscribe_url not in hrefs:
        out.html("C-21", "no unsubscribe link in the HTML", "keep the footer's unsubscribe link")
    if issue.postal_address not in " ".join(tree.text_content().split()):
        out.html("C-21", "the postal address is missing from the HTML", "keep the footer with the sender's postal address")


_HTML_CHECKS: tuple[Callable[[Issue, HtmlElement, _Findings], None], ...] = (
    _check_document,
    _check_size_and_style,
    _check_forbidden,
    _check_tables,
    _check_outlook,
    _check_images,
    _check_real_text,
    _check_links,
    _check_text_size,
    _check_headings,
    _check_dark_mode,
    _check_preheader,
    _check_footer,
)


# --- I. plain text and MIME ---------------------------------------------------------------------------------------


def _check_text(issue: Issue, tree: HtmlElement, out: _Findings) -> None:
    lines = issue.text.split("\n")
    for number, line in enumerate(lines, start=1):
        if len(line) > TEXT_WIDTH and " " in line.strip():
            out.add(
                "C-34",
                "issue.txt",
                f"a line of {len(line)} characters",
                "wrap the text at 72 (only a bare URL may be longer)",
                number,
            )
    if issue.unsubscribe_url not in issue.text:
        out.add("C-21", "issue.txt", "no unsubscribe URL in the plain text", "keep the footer of the text template")
    if issue.postal_address not in " ".join(issue.text.split()):
        out.add("C-21", "issue.txt", "the postal address is missing from the plain text", "keep the footer of the text template")
    linked = {a.get("href") or "" for a in tree.iter("a")}
    linked = {href for href in linked if urlsplit(href).scheme in ("http", "https", "mailto")}  # others: C-15
    words = set(re.findall(r"\S+", issue.text))
    words |= {w.rstrip(".,;:!?)»”’") for w in words}  # a URL at the end of a sentence
    missing = sorted(linked - words)
    for href in missing:
        out.add("C-35", "issue.txt", f"the HTML links to {href} but the plain text does not", "every link must be in both parts")
    html_words, text_words = out.html_words, len(re.findall(r"\w+", issue.text))
    if text_words < html_words / 2:
        out.add(
            "C-35",
            "issue.txt",
            f"the plain text has {text_words} words, under half the HTML's {html_words}",
            "the text part must be a real equivalent of the HTML",
        )


def _check_eml(issue: Issue, out: _Findings) -> None:
    message = email.message_from_bytes(issue.eml, policy=default_policy)
    assert isinstance(message, EmailMessage)

    def eml(code: str, text: str, hint: str, severity: str = "error") -> None:
        out.add(code, "issue.eml", text, hint, severity=severity)

    for header in ("From", "To", "Subject", "Date", "Message-ID", "MIME-Version"):
        if not message[header]:
            eml("C-30", f"no {header} header", "the .eml must carry From, To, Subject, Date, Message-ID and MIME-Version")
    longest = max((len(line) for line in issue.eml.split(b"\n")), default=0)
    if longest > 998:
        eml("C-31", f"a raw line of {longest} octets", "encode the parts as quoted-printable or base64")
    parts = list(message.iter_parts()) if message.is_multipart() else []
    types = [part.get_content_type() for part in parts]
    if message.get_content_type() != "multipart/alternative" or not types or types[0] != "text/plain" or types[-1] != "text/html":
        eml(
            "C-32",
            f"the message is {message.get_content_type()} with parts {types}",
            "use multipart/alternative: text/plain first, text/html last",
        )
    for part in parts:
        if part.get_content_charset() != "utf-8":
            eml("C-33", f"{part.get_content_type()} is not charset=utf-8", "declare charset=utf-8")
        if (part["Content-Transfer-Encoding"] or "").lower() not in ("quoted-printable", "base64"):
            eml("C-33", f"{part.get_content_type()} is sent as {part['Content-Transfer-Encoding']}", "use quoted-printable")
    _check_list_headers(message, eml)
    subject = str(message["Subject"] or "")
    letters = [c for c in subject if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.6 and len(letters) > 4:
        eml("C-39", f"the subject is in capitals: {subject!r}", "write it in sentence case")
    if "!!" in subject or "??" in subject:
        eml("C-39", f"the subject shouts: {subject!r}", "use at most one ! or ?")
    if len(subject) > SUBJECT_MAX:
        eml(
            "C-39",
            f"the subject has {len(subject)} characters",
            f"keep it under about {SUBJECT_MAX} (set subject: in the lead)",
            "warning",
        )


def _check_list_headers(message: EmailMessage, eml: Callable[..., None]) -> None:
    unsubscribe = str(message["List-Unsubscribe"] or "")
    targets = re.findall(r"<([^>]+)>", unsubscribe)
    if not any(t.startswith("https://") for t in targets):
        eml("C-36", "List-Unsubscribe has no https URL", "set [links] unsubscribe to an https URL")
    if not any(t.startswith("mailto:") for t in targets):
        eml(
            "C-36",
            "List-Unsubscribe has no mailto: address",
            "set [links] unsubscribe_mailto (Microsoft honoured only mailto)",
            "warning",
        )
    if str(message["List-Unsubscribe-Post"] or "") != "List-Unsubscribe=One-Click":
        eml("C-37", "no List-Unsubscribe-Post: List-Unsubscribe=One-Click", "one-click unsubscribe is required for bulk senders")
    if not message["List-Id"]:
        eml("C-38", "no List-Id header", "set [newsletter] list_id or keep the default")
