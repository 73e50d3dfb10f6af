"""The sample issue in a real browser: headless Debian Chromium driven by Playwright, fully offline.

Checklist rows: C-25 (no horizontal scroll at 375 and 640 px), C-26 (still fits at 375 px with every <style>
removed), C-23 (reads with images off), C-19 (dark mode really changes the colours), C-27 and the rest of axe-core
(no serious or critical violation, light and dark), C-17 (computed font sizes).

Nothing reaches the network and nothing downloads a browser (tests/browser.py). One browser serves the whole
module; each render has its own context.
Screenshots go to $NIEUWSBRIEF_SCREENSHOTS if set, otherwise to pytest's temporary folder.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from nieuwsbrief.pipeline import ComposeResult

from .browser import Rendered, open_email, screenshot
from .external_tools import AXE_JS, require_file

if TYPE_CHECKING:
    from playwright.sync_api import Browser

WIDTHS = (375, 640)


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chosen = os.environ.get("NIEUWSBRIEF_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def html(composed_sample: ComposeResult) -> str:
    return composed_sample.rendered.html


Render = Callable[..., Rendered]


@pytest.fixture(scope="module")
def render(browser: Browser, html: str, screenshots: Path) -> Iterator[Render]:
    """``render(width, dark=False, images=True, styles=True)``: the email opened in its own browser context.

    Each combination is rendered (and photographed) once per module and shared by the tests that read it;
    they only read the page, so the order of the tests does not matter.
    """
    opened: dict[tuple[int, bool, bool, bool], Rendered] = {}

    def open_once(width: int, dark: bool = False, images: bool = True, styles: bool = True) -> Rendered:
        key = (width, dark, images, styles)
        if key not in opened:
            opened[key] = load(browser, html, screenshots, *key)
        return opened[key]

    yield open_once
    for rendered in opened.values():
        rendered.page.context.close()


def load(browser: Browser, html: str, screenshots: Path, width: int, dark: bool, images: bool, styles: bool) -> Rendered:
    rendered = open_email(browser, html, width, dark, images, styles)
    screenshot(rendered, screenshots)
    return rendered


@pytest.mark.parametrize("images", [True, False], ids=["images-on", "images-off"])
@pytest.mark.parametrize("width", WIDTHS)
def test_no_horizontal_scroll(render: Render, width: int, images: bool) -> None:
    measured = render(width, images=images).overflow()
    assert measured["scrollWidth"] <= measured["innerWidth"], measured


@pytest.mark.parametrize("images", [True, False], ids=["images-on", "images-off"])
def test_fits_375_px_with_every_style_element_removed(render: Render, images: bool) -> None:
    rendered = render(375, images=images, styles=False)
    assert rendered.page.evaluate("() => document.querySelectorAll('style').length") == 0
    measured = rendered.overflow()
    assert measured["scrollWidth"] <= measured["innerWidth"], measured


def test_the_email_requests_nothing_but_its_images(render: Render) -> None:
    assert render(640).requests == []


def test_images_off_still_shows_the_title_and_the_alt_text(render: Render) -> None:
    page = render(375, images=False).page
    assert page.locator("h1").inner_text() == "Duurzaam ondernemen: geen hype, maar huiswerk"
    alts = page.eval_on_selector_all("img", "images => images.map(image => image.alt)")
    assert alts and all(alts)


COLOURS_JS = """() => {
    const style = selector => getComputedStyle(document.querySelector(selector));
    return {
        page: style('body').backgroundColor,
        card: style('.card').backgroundColor,
        title: style('h1').color,
        body_text: style('.text p').color,
        button: style('a.button').backgroundColor,
    };
}"""


def luminance(css_colour: str) -> float:
    """WCAG relative luminance of a computed ``rgb(r, g, b)`` colour."""
    red, green, blue = (int(part) / 255 for part in re.findall(r"\d+", css_colour)[:3])

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def test_dark_mode_turns_the_backgrounds_dark_and_the_text_light(render: Render) -> None:
    light = render(640).page.evaluate(COLOURS_JS)
    dark = render(640, dark=True).page.evaluate(COLOURS_JS)
    assert all(light[key] != dark[key] for key in light), (light, dark)
    for background in ("page", "card"):
        assert luminance(light[background]) > 0.8 and luminance(dark[background]) < 0.05, (background, light, dark)
    for text in ("title", "body_text"):
        assert luminance(light[text]) < 0.05 and luminance(dark[text]) > 0.8, (text, light, dark)


FONT_SIZES_JS = """() => {
    const sizes = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode, element = node.parentElement;
        if (!node.textContent.trim() || !element || element.getClientRects().length === 0) continue;
        sizes.push([parseFloat(getComputedStyle(element).fontSize), node.textContent.trim().slice(0, 40)]);
    }
    return {
        smallest: sizes.reduce((low, size) => (size[0] < low[0] ? size : low), [1000, '']),
        body: parseFloat(getComputedStyle(document.querySelector('.text p')).fontSize),
    };
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_body_copy_is_at_least_16_px_and_no_visible_text_under_13_px(render: Render, width: int) -> None:
    sizes = render(width).page.evaluate(FONT_SIZES_JS)
    assert sizes["body"] >= 16, sizes
    assert sizes["smallest"][0] >= 13, sizes


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_serious_or_critical_violation(render: Render, screenshots: Path, width: int, dark: bool) -> None:
    rendered = render(width, dark=dark)
    rendered.page.add_script_tag(content=require_file(AXE_JS, "npm axe-core").read_text(encoding="utf-8"))
    violations = rendered.page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')),
        }))"""
    )
    # Every finding, minor ones included, is kept beside the screenshots for whoever looks at them.
    (screenshots / f"axe-{rendered.name}.json").write_text(json.dumps(violations, indent=2, ensure_ascii=False), encoding="utf-8")
    assert [v for v in violations if v["impact"] in ("serious", "critical")] == []
