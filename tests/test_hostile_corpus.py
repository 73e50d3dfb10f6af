"""The hostile-but-real corpus (tests/hostile/) in a real browser: no column overflows and no word gets lost.

Every case is composed with the pre-flight checks on (so none is refused), then opened in headless Chromium at
320, 375 and 640 px, light and dark, images on and off, and with every <style> removed: the page's scroll width
must equal the viewport in every render. A word-level comparison, independent of the renderer, checks that every
word and symbol of the Markdown (the column's body and the author's bio) reaches both the HTML and the text part.

One browser and one page per case serve the module. The renders at 375 px run always; the other widths and dark
mode are marked `slow` (CI runs them: deselect with -m "not slow" while iterating).
"""

from __future__ import annotations

import html as htmlib
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

from nieuwsbrief.pipeline import ComposeResult, compose

from .browser import PLACEHOLDER_IMAGE, show
from .external_tools import AXE_JS, require_file
from .hostile import ALL_IN_ONE, AUTHOR, CASES, DATE, body, front_matter_and_body, project

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route


@pytest.fixture(scope="module")
def composed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ComposeResult]:
    folder = tmp_path_factory.mktemp("hostile")
    return {case: compose(project(folder / case, case), DATE) for case in CASES}


class Pages:
    """One page per case, re-used for every render: its viewport, colour scheme and image routing are switched."""

    def __init__(self, browser: Browser) -> None:
        self.context = browser.new_context()
        self.pages: dict[str, Page] = {}
        self.images = True

    def route(self, route: Route) -> None:
        if route.request.resource_type == "image" and self.images:
            route.fulfill(status=200, content_type="image/png", body=PLACEHOLDER_IMAGE)
        else:
            route.abort()

    def open(self, case: str, html: str, width: int, dark: bool, images: bool, styles: bool) -> Page:
        if case not in self.pages:
            self.pages[case] = self.context.new_page()
            self.pages[case].route("**/*", self.route)
        page = self.pages[case]
        self.images = images
        page.set_viewport_size({"width": width, "height": 800})
        page.emulate_media(color_scheme="dark" if dark else "light")
        show(page, html, styles)
        return page


@pytest.fixture(scope="module")
def pages(browser: Browser) -> Iterator[Pages]:
    opened = Pages(browser)
    yield opened
    opened.context.close()


def scroll_width(page: Page) -> tuple[int, list[str]]:
    """The page's scroll width, and (to say what broke) the first elements that stick out of the viewport."""
    measured: dict[str, Any] = page.evaluate(
        """() => ({
            scrollWidth: document.scrollingElement.scrollWidth,
            wide: [...document.querySelectorAll('body *')]
                .filter(el => el.getBoundingClientRect().right > window.innerWidth + 0.5)
                .slice(0, 3).map(el => el.outerHTML.slice(0, 160)),
        })"""
    )
    return measured["scrollWidth"], measured["wide"]


RENDERS = list(itertools.product((False, True), (True, False)))  # (dark, images) ...
RENDER_IDS = ["light", "light-images-off", "dark", "dark-images-off"]


@pytest.mark.parametrize("styles", [True, False], ids=["styles", "no-style"])
@pytest.mark.parametrize("images", [True, False], ids=["images-on", "images-off"])
@pytest.mark.parametrize("case", CASES)
def test_no_case_scrolls_sideways_at_375_px(
    composed: dict[str, ComposeResult], pages: Pages, case: str, images: bool, styles: bool
) -> None:
    page = pages.open(case, composed[case].rendered.html, 375, False, images, styles)
    width, wide = scroll_width(page)
    assert width == 375, wide


@pytest.mark.slow
@pytest.mark.parametrize("styles", [True, False], ids=["styles", "no-style"])
@pytest.mark.parametrize(("dark", "images"), RENDERS, ids=RENDER_IDS)
@pytest.mark.parametrize("width", [320, 375, 640])
@pytest.mark.parametrize("case", CASES)
def test_no_case_scrolls_sideways_at_any_width_light_or_dark(
    composed: dict[str, ComposeResult], pages: Pages, case: str, width: int, dark: bool, images: bool, styles: bool
) -> None:
    page = pages.open(case, composed[case].rendered.html, width, dark, images, styles)
    measured, wide = scroll_width(page)
    assert measured == width, wide


@pytest.mark.parametrize("case", CASES)
def test_every_case_composes_with_no_layout_finding(composed: dict[str, ComposeResult], case: str) -> None:
    # compose() raised on any pre-flight error; the layout rows have no warnings to leave behind either.
    assert [p.render() for p in composed[case].warnings if p.code in ("C-42", "C-43", "C-44")] == []


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_axe_finds_no_serious_or_critical_violation_in_the_all_in_one_column(
    composed: dict[str, ComposeResult], pages: Pages, dark: bool
) -> None:
    page = pages.open(ALL_IN_ONE, composed[ALL_IN_ONE].rendered.html, 375, dark, True, True)
    page.add_script_tag(content=require_file(AXE_JS, "npm axe-core").read_text(encoding="utf-8"))
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' '))}))"""
    )
    assert violations == []


# --- every word reaches both parts --------------------------------------------------------------------------------

WORD = re.compile(r"[^\W_]+|[^\w\s\x00-\x7f\u00a0]")  # a word, or one non-ASCII symbol (emoji, ZWJ, quotes, dashes)


def markdown_words(markdown: str) -> Counter[str]:
    """What a reader must find of ``markdown``, read with regular expressions rather than the renderer's parser."""
    text = re.sub(r"^ *(```|~~~)\S*", " ", markdown, flags=re.MULTILINE)  # fences and their info strings
    text = re.sub(r"<((?:https?://|mailto:)[^>\s]+)>", r" \1 ", text)  # an autolink's URL is its text
    text = re.sub(r"<img\b[^>]*?\balt=\"([^\"]*)\"[^>]*>", r" \1 ", text)  # a raw image: its alt text
    text = re.sub(r"</?[a-zA-Z][^>]*>", " ", text)  # any other raw tag
    text = re.sub(r"\]\([^)\s]*\)", "] ", text)  # the targets of links and images
    text = re.sub(r"\[\^[^\]\s]+\]:?", " ", text)  # footnote markers and labels
    text = re.sub(r"^(\s*[-*+] )\[[ xX]\]", r"\1", text, flags=re.MULTILINE)  # task boxes
    text = re.sub(r"^(\s*)\d{1,9}[.)](?=\s)", r"\1", text, flags=re.MULTILINE)  # list numbers (the HTML's are CSS)
    return Counter(WORD.findall(unicodedata.normalize("NFC", htmlib.unescape(text))))


def missing(expected: Counter[str], found: str) -> Counter[str]:
    # A soft hyphen (U+00AD) marks where a long word may break at the end of a line, and is no part of the word.
    return expected - Counter(WORD.findall(unicodedata.normalize("NFC", found.replace("\u00ad", ""))))


def source_words(case: str) -> Counter[str]:
    bio = front_matter_and_body(AUTHOR.read_text(encoding="utf-8"))[1]
    return markdown_words(body(case)) + markdown_words(bio)


@pytest.mark.parametrize("case", CASES)
def test_every_word_of_the_markdown_reaches_the_html(composed: dict[str, ComposeResult], pages: Pages, case: str) -> None:
    page = pages.open(case, composed[case].rendered.html, 375, False, False, True)
    # A note's number is set apart from the word before it, as a reader sees it raised: "achter²" reads "achter".
    shown = page.evaluate(
        """() => { document.querySelectorAll('sup').forEach(note => note.before(' '));
            return document.body.innerText + ' ' + [...document.images].map(image => image.alt).join(' '); }"""
    )
    assert missing(source_words(case), shown) == Counter()


@pytest.mark.parametrize("case", CASES)
def test_every_word_of_the_markdown_reaches_the_text_part(composed: dict[str, ComposeResult], case: str) -> None:
    assert missing(source_words(case), composed[case].rendered.text) == Counter()


def test_the_word_reading_sees_what_a_renderer_could_lose() -> None:
    words = markdown_words('Een [link](https://x.nl/a) en <img src="b.png" alt="een foto">, `code_x` 👩‍💻[^1]\n\n- [x] klaar\n')
    assert words == Counter(["Een", "link", "en", "een", "foto", "code", "x", "👩", "\u200d", "💻", "klaar"])
    assert missing(words, "Een link en een foto code x 👩‍💻 klaar") == Counter()
    assert missing(words, "Een link en foto code x 👩💻") == Counter({"een": 1, "\u200d": 1, "klaar": 1})
