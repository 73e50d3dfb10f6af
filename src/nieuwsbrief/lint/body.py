"""Checklist sections D-H: images, real text, links, text size, headings, dark mode, preheader, footer."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from ..contentrules import preheader_finding
from .document import wrapper_of
from .findings import (
    BODY_FONT_PX,
    GENERIC_LINK_TEXT,
    MIN_FONT_PX,
    SPACER,
    Findings,
    Issue,
    hidden,
)

# --- D. images ---------------------------------------------------------------------------------------------------


def check_images(issue: Issue, tree: HtmlElement, out: Findings) -> None:
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
        if "display:block" not in (image.get("style") or "").replace(" ", ""):
            out.html("C-14", "<img> without display:block", "add display:block to avoid gaps under images", image, "warning")


def check_real_text(issue: Issue, tree: HtmlElement, out: Findings) -> None:
    words = out.html_words
    images = len(list(tree.iter("img")))
    if words < 50 or (images and words / images < 50):
        out.html(
            "C-23",
            f"only {words} words of text for {images} images",
            "write the message as HTML text; it must read with images off",
        )


# --- E. text, links, buttons -------------------------------------------------------------------------------------


def check_links(issue: Issue, tree: HtmlElement, out: Findings) -> None:
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


def check_text_size(issue: Issue, tree: HtmlElement, out: Findings) -> None:
    for element in tree.iter():
        if not isinstance(element.tag, str) or hidden(element):
            continue
        sizes = _font_sizes(element)
        if sizes and min(sizes) < MIN_FONT_PX and element.text_content().strip():
            out.html("C-17", f"text at {min(sizes):g} px", f"keep visible text at {MIN_FONT_PX} px or more", element)
    bodies = [e for e in tree.iter("div") if "text" in (e.get("class") or "").split()]
    for body in bodies:
        sizes = _font_sizes(body)
        if not sizes or sizes[-1] < BODY_FONT_PX:
            out.html("C-17", "body copy under 16 px", "set the body text to 16 px or more (ours is 17)", body)


def check_headings(issue: Issue, tree: HtmlElement, out: Findings) -> None:
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


def check_dark_mode(issue: Issue, tree: HtmlElement, out: Findings) -> None:
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


def check_preheader(issue: Issue, tree: HtmlElement, out: Findings) -> None:
    wrapper = wrapper_of(tree)
    first = next(
        (e for e in (wrapper.iter() if wrapper is not None else []) if isinstance(e.tag, str) and (e.text or "").strip()), None
    )
    if first is None or not hidden(first):
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
    outside = preheader_finding(text)  # the rule `check` applies to the lead's source
    if outside is not None:
        out.html("C-20", *outside, first, "warning")
    following = first.getnext()
    if following is None or not any(ch in (following.text or "") for ch in SPACER):
        out.html(
            "C-20",
            "no spacer run after the preheader",
            "add the &#847;&zwnj;&nbsp; run so body text does not leak into the preview",
            first,
        )


def check_footer(issue: Issue, tree: HtmlElement, out: Findings) -> None:
    hrefs = [a.get("href") or "" for a in tree.iter("a")]
    if issue.unsubscribe_url not in hrefs:
        out.html("C-21", "no unsubscribe link in the HTML", "keep the footer's unsubscribe link")
    if issue.postal_address not in " ".join(tree.text_content().split()):
        out.html("C-21", "the postal address is missing from the HTML", "keep the footer with the sender's postal address")
