"""The only user of premailer: moves the template's CSS onto the elements, safely, and quickly.

premailer's defaults are traps for email (design section 5), so each is switched off here:
it would strip !important, write width/height/align attributes of its own (width="100%" on
<html>, height="auto" on <img>), fetch remote stylesheets, and drop head-only rules. Head-only
CSS lives in a <style data-premailer="ignore"> block that premailer leaves alone.

One more trap, found by our network-blocked test: even with allow_network=False, cssutils (which
premailer parses CSS with) fetches every @import URL. Its fetcher is replaced while inlining.

Speed: premailer imports requests (a tenth of a second at start-up) only to fetch remote style sheets, which it is
never let do here, so requests is imported lazily. Its parse of a style sheet (cssutils, then every property written
out again: most of an inline) is kept, in memory and, when given a Keeper, between runs: the templates' CSS is the
same issue after issue.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib
import logging
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .keep import Keeper


def inline_css(html: str, kept: Keeper | None = None) -> str:
    premailer = _premailer_class()(
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
    premailer.kept = kept
    with _no_css_fetching():
        return str(premailer.transform(pretty_print=False))


# premailer's parse of a style sheet, by the project that keeps it (None: none) and the sheet
_PARSED: dict[tuple[Path | None, str, int], tuple[list[Any], list[Any]]] = {}


@functools.cache
def _premailer_class() -> type:
    """premailer's Premailer, with its style-sheet parse kept (see the module's docstring)."""
    with _stand_in("requests"):
        from premailer import Premailer  # type: ignore[import-untyped]

    class KeptPremailer(Premailer):  # type: ignore[misc]
        kept: Keeper | None = None

        def _parse_style_rules(self, css_body: str, ruleset_index: int) -> tuple[list[Any], list[Any]]:
            sheet = (self.kept.project if self.kept is not None else None, css_body, ruleset_index)
            if sheet not in _PARSED:
                _PARSED[sheet] = self._kept_parse(css_body, ruleset_index)
            rules, leftover = _PARSED[sheet]
            return list(rules), list(leftover)  # premailer extends what it gets

        def _kept_parse(self, css_body: str, ruleset_index: int) -> tuple[list[Any], list[Any]]:
            key = hashlib.sha256(f"{ruleset_index}\0{css_body}".encode()).hexdigest()
            found = self.kept.load("css", key) if self.kept is not None else None
            if isinstance(found, tuple) and len(found) == 2:
                return list(found[0]), list(found[1])
            rules, leftover = super()._parse_style_rules(css_body, ruleset_index)
            if self.kept is not None and all(isinstance(part, tuple) for part in leftover):  # (no @media objects)
                self.kept.save("css", key, (tuple(rules), tuple(leftover)))
            return rules, leftover

    return KeptPremailer


@contextlib.contextmanager
def _stand_in(name: str) -> Iterator[None]:
    """While this runs, ``import name`` gets a stand-in that imports the real module the first time anything in it is
    used. (importlib's LazyLoader does not help: the next ``import`` of it loads it at once.)"""
    if name in sys.modules:
        yield
        return
    stand_in = types.ModuleType(name, "a stand-in: the real module loads when something in it is used")
    stand_in.__getattr__ = lambda attribute: getattr(importlib.import_module(name), attribute)  # type: ignore[method-assign]
    sys.modules[name] = stand_in
    try:
        yield
    finally:
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]  # so that a real import of it, then or later, is the real one


def _refuse_fetch(url: str) -> tuple[None, str]:
    return None, ""  # an @import resolves to an empty style sheet: nothing is fetched


@contextlib.contextmanager
def _no_css_fetching() -> Iterator[None]:
    import cssutils  # type: ignore[import-untyped]

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
    import cssutils

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
