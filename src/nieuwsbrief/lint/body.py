"""Checklist sections D-H: images, real text, links, text size, headings, dark mode, preheader, footer."""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from ..checklist import rules
from ..checklist.facts import Image, Link, Preheader
from ..checklist.rules import BODY_FONT_PX, MIN_FONT_PX
from .document import wrapper_of
from .findings import SPACER, Findings, Issue, hidden

# --- D. images ---------------------------------------------------------------------------------------------------


def check_images(issue: Issue, tree: HtmlElement, out: Findings) -> None:
    for image in tree.iter("img"):
        linked = any(a.tag == "a" for a in image.iterancestors())
        out.fact(Image(image.get("alt"), image.get("src") or "", linked), "issue.html", image)
        if "display:block" not in (image.get("style") or "").replace(" ", ""):
            out.html(rules.IMAGE_NOT_BLOCK, image)


# An image at most this wide (a teaser's thumbnail, an avatar, a small logo) cannot carry a message's text.
SMALL_IMAGE_PX = 160


def check_real_text(issue: Issue, tree: HtmlElement, out: Findings) -> None:
    words = out.html_words
    images = sum(1 for image in tree.iter("img") if not _small(image))
    if words < 50 or (images and words / images < 50):
        out.html(rules.TEXT_IN_IMAGES, words=words, images=images)


def _small(image: etree._Element) -> bool:
    width = image.get("width") or ""
    return width.isdigit() and int(width) <= SMALL_IMAGE_PX


# --- E. text, links, buttons -------------------------------------------------------------------------------------


def check_links(issue: Issue, tree: HtmlElement, out: Findings) -> None:
    for anchor in tree.iter("a"):
        out.fact(Link(_words(anchor), (anchor.get("href") or "").strip()), "issue.html", anchor)
    buttons = [a for a in tree.iter("a") if "padding" in (a.get("style") or "") and "background" in (a.get("style") or "")]
    if buttons and not re.search(r"<v:roundrect\b.*?<w:anchorlock\s*/>", issue.html, re.DOTALL):
        out.html(rules.NO_VML_BUTTON, buttons[0])


def _words(anchor: etree._Element) -> str:
    """A link's words and its images' alt text, in order: what a screen reader says (and the Markdown's link text)."""
    parts = [anchor.text or ""]
    for element in anchor.iterdescendants():
        if element.tag == "img":
            parts.append(element.get("alt") or "")
        elif isinstance(element.tag, str):  # not a comment
            parts.append(element.text or "")
        parts.append(element.tail or "")
    return " ".join("".join(parts).split())


def _font_sizes(element: etree._Element) -> list[float]:
    return [float(size) for size in re.findall(r"font-size\s*:\s*(\d+(?:\.\d+)?)px", element.get("style") or "")]


def check_text_size(issue: Issue, tree: HtmlElement, out: Findings) -> None:
    for element in tree.iter():
        if not isinstance(element.tag, str) or hidden(element):
            continue
        sizes = _font_sizes(element)
        if sizes and min(sizes) < MIN_FONT_PX and element.text_content().strip():
            out.html(rules.SMALL_TEXT, element, px=min(sizes))
    bodies = [e for e in tree.iter("div") if "text" in (e.get("class") or "").split()]
    for body in bodies:
        sizes = _font_sizes(body)
        if not sizes or sizes[-1] < BODY_FONT_PX:
            out.html(rules.SMALL_BODY_TEXT, body)


def check_headings(issue: Issue, tree: HtmlElement, out: Findings) -> None:
    headings = [e for e in tree.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    h1 = [e for e in headings if e.tag == "h1"]
    if len(h1) != 1:
        out.html(rules.H1_COUNT, h1[1] if len(h1) > 1 else None, count=len(h1))
    deepest = 0
    for heading in headings:
        level = int(heading.tag[1])
        if level > deepest + 1:
            out.html(rules.SKIPPED_HEADING, heading, tag=heading.tag, level=deepest + 1)
        deepest = max(deepest, level) if level > deepest else level


# --- F. dark mode, G. preheader, H. footer ----------------------------------------------------------------------


def check_dark_mode(issue: Issue, tree: HtmlElement, out: Findings) -> None:
    css = "\n".join(s.text or "" for s in tree.iter("style"))
    if not re.search(r":root\s*\{[^}]*color-scheme\s*:\s*light dark", css):
        out.html(rules.NO_ROOT_COLOR_SCHEME)
    block = re.search(r"@media[^{]*prefers-color-scheme\s*:\s*dark[^{]*\{(.*?)\}\s*\}", css, re.DOTALL)
    if block is None:
        out.html(rules.NO_DARK_MODE)
        return
    declarations = [d for d in re.findall(r"\{([^}]*)", block.group(1) + "}") for d in d.split(";") if d.strip()]
    if any("!important" not in d for d in declarations):
        out.html(rules.DARK_NOT_IMPORTANT)


def check_preheader(issue: Issue, tree: HtmlElement, out: Findings) -> None:
    wrapper = wrapper_of(tree)
    first = next(
        (e for e in (wrapper.iter() if wrapper is not None else []) if isinstance(e.tag, str) and (e.text or "").strip()), None
    )
    if first is None or not hidden(first):
        out.html(rules.NO_PREHEADER, first)
        return
    style = (first.get("style") or "").replace(" ", "")
    for needed in ("display:none", "max-height:0", "overflow:hidden", "mso-hide:all"):
        if needed not in style:
            out.html(rules.PREHEADER_SHOWN, first, needed=needed)
    if re.search(r"(^|;)color:", style):
        out.html(rules.PREHEADER_COLOURED, first)
    out.fact(Preheader(" ".join((first.text or "").split())), "issue.html", first)
    following = first.getnext()
    if following is None or not any(ch in (following.text or "") for ch in SPACER):
        out.html(rules.NO_SPACER, first)


def check_footer(issue: Issue, tree: HtmlElement, out: Findings) -> None:
    hrefs = [a.get("href") or "" for a in tree.iter("a")]
    if issue.unsubscribe_url not in hrefs:
        out.html(rules.NO_UNSUBSCRIBE_LINK)
    if issue.postal_address not in " ".join(tree.text_content().split()):
        out.html(rules.NO_ADDRESS_IN_HTML)
