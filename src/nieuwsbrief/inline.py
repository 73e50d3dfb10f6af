"""The only user of premailer: moves the template's CSS onto the elements, safely.

premailer's defaults are traps for email (design section 5), so each is switched off here:
it would strip !important, write width/height/align attributes of its own (width="100%" on
<html>, height="auto" on <img>), fetch remote stylesheets, and drop head-only rules. Head-only
CSS lives in a <style data-premailer="ignore"> block that premailer leaves alone.

One more trap, found by our network-blocked test: even with allow_network=False, cssutils (which
premailer parses CSS with) fetches every @import URL. Its fetcher is replaced while inlining.
"""

from __future__ import annotations

import contextlib
import functools
import logging
from collections.abc import Iterator

import cssutils  # type: ignore[import-untyped]
from premailer import Premailer  # type: ignore[import-untyped]


def inline_css(html: str) -> str:
    premailer = Premailer(
        html=html,
        base_url=None,
        disable_link_rewrites=True,
        keep_style_tags=False,
        strip_important=False,
        remove_classes=False,
        disable_basic_attributes=["width", "height", "align", "valign", "bgcolor", "background"],
        disable_validation=True,
        cssutils_logging_level=logging.CRITICAL,
        allow_network=False,
        allow_loading_external_files=False,
        align_floating_images=False,
        exclude_pseudoclasses=True,
        method="html",
    )
    with _no_css_fetching():
        return str(premailer.transform(pretty_print=False))


def _refuse_fetch(url: str) -> tuple[None, str]:
    return None, ""  # an @import resolves to an empty style sheet: nothing is fetched


@contextlib.contextmanager
def _no_css_fetching() -> Iterator[None]:
    original = cssutils.util._defaultFetcher
    cssutils.util._defaultFetcher = _refuse_fetch
    try:
        yield
    finally:
        cssutils.util._defaultFetcher = original


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@functools.lru_cache(maxsize=8)
def css_problems(css: str) -> tuple[str, ...]:
    """Syntax errors in a style sheet (Gmail drops a whole <style> block over one of them).

    Kept for the last few style sheets: the live proof lints every re-render, and the templates' CSS rarely changes.
    """
    collector = _Collect()
    log = logging.getLogger("CSSUTILS")
    own_handlers = log.handlers[:]  # cssutils prints to stderr by itself; library code never prints
    log.handlers = [collector]
    try:
        with _no_css_fetching():
            cssutils.CSSParser(loglevel=logging.ERROR, raiseExceptions=False, validate=False).parseString(css)
    finally:
        log.handlers = own_handlers
    return tuple(collector.messages)
