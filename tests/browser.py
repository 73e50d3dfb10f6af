"""Headless Debian Chromium driven by Playwright, fully offline: what the rendering tests and the layout benchmark share.

Nothing reaches the network and nothing downloads a browser: Playwright launches /usr/bin/chromium, the HTML is
set as the page's content, image requests get a generated PNG ("images on") or are aborted ("images off"), and
every other request is aborted and recorded.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

# The flags this machine's closed network needs: no background fetches, no first-run or sync traffic.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
]
HEIGHT = 800


def launched() -> Iterator[Browser]:
    """Debian's Chromium under Playwright, headless and offline, until the generator is closed; the test skips (or,
    with CI=true, fails) when Playwright or the browser is missing. conftest.py makes it the ``browser`` fixture."""
    from .external_tools import CHROMIUM, require, require_file

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # a developer who installed without the [test] extras
        require(False, "the Python package playwright (the [test] extras)")
    require_file(CHROMIUM, "Debian's chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def solid_png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A PNG of one colour, written by hand so the "images on" renders need no file and no network."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b"")


# Bigger than any viewport on purpose: an image only fits if the email's own width/max-width rules scale it down.
PLACEHOLDER_IMAGE = solid_png(1200, 800, (120, 140, 110))

OVERFLOW_JS = """() => {
    const inner = window.innerWidth;
    const wide = [...document.querySelectorAll('body *')]
        .filter(el => el.getBoundingClientRect().right > inner + 0.5)
        .slice(0, 5)
        .map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '')
                   + ' right=' + Math.round(el.getBoundingClientRect().right));
    return {scrollWidth: document.scrollingElement.scrollWidth, innerWidth: inner, wide};
}"""


@dataclass
class Rendered:
    page: Page
    name: str
    requests: list[str] = field(default_factory=list)

    def overflow(self) -> dict[str, Any]:
        """The scroll width against the viewport, with the elements that stick out (to say what broke)."""
        result: dict[str, Any] = self.page.evaluate(OVERFLOW_JS)
        return result


def render_name(width: int, dark: bool, images: bool, styles: bool) -> str:
    return f"{width}px-{'dark' if dark else 'light'}{'' if images else '-images-off'}{'' if styles else '-no-style'}"


def open_email(browser: Browser, html: str, width: int, dark: bool, images: bool, styles: bool) -> Rendered:
    """The email in a new page of its own context (its colour scheme and viewport), fully loaded."""
    context = browser.new_context(viewport={"width": width, "height": HEIGHT}, color_scheme="dark" if dark else "light")
    page = context.new_page()
    rendered = Rendered(page, render_name(width, dark, images, styles))

    def offline(route: Route) -> None:
        if route.request.resource_type == "image" and images:
            route.fulfill(status=200, content_type="image/png", body=PLACEHOLDER_IMAGE)
            return
        if route.request.resource_type != "image":
            rendered.requests.append(route.request.url)
        route.abort()

    page.route("**/*", offline)
    show(page, html, styles)
    return rendered


def show(page: Page, html: str, styles: bool) -> None:
    """Put ``html`` in an open page, and remove every <style> when ``styles`` is false (as Gmail's webmail does)."""
    page.set_content(html, wait_until="load")
    if not styles:
        page.evaluate("() => document.querySelectorAll('style').forEach(style => style.remove())")


def screenshot(rendered: Rendered, folder: Path) -> None:
    rendered.page.screenshot(path=str(folder / f"{rendered.name}.png"), full_page=True)
