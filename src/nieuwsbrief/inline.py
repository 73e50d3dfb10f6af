"""The only user of premailer: moves the template's CSS onto the elements, safely, and quickly.

premailer's defaults are traps for email (design section 5), so each is switched off here:
it would strip !important, write width/height/align attributes of its own (width="100%" on
<html>, height="auto" on <img>), fetch remote stylesheets, and drop head-only rules. Head-only
CSS lives in a <style data-premailer="ignore"> block that premailer leaves alone.

One more trap, found by our network-blocked test: even with allow_network=False, cssutils (which
premailer parses CSS with) fetches every @import URL. Its fetcher is replaced the moment cssutils loads.

Speed: premailer's parses (of a style sheet, of each block of declarations: most of an inline) are kept, in memory
and, when given a Keeper, between runs: the templates' CSS is the same issue after issue. premailer imports requests
(a tenth of a second) only to fetch remote style sheets, which it is never let do here, and cssutils (nearly as much)
only to parse: both are stand-ins until something in them is used. Plain CSS, which is all the packaged templates
write, is read without cssutils (plaincss.py), so a run of them loads neither.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib
import logging
import os
import sys
import threading
import types
from collections.abc import Callable, Iterator
from typing import Any

from . import plaincss
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
        cssutils_logging_level=None,  # (set on cssutils when it loads: see _cssutils)
        allow_network=False,
        allow_loading_external_files=False,
        align_floating_images=False,
        exclude_pseudoclasses=True,
        method="html",
    )
    premailer.kept = kept
    return str(premailer.transform(pretty_print=False))


class _Parses:
    """premailer's parses for one project (``kept``, or none): of each style sheet, and of each declaration block
    (cssutils' parseStyle, on every rule's declarations and on every element's own style), loaded once per run."""

    LIMIT = 5000  # declaration blocks kept: a few hundred per issue

    def __init__(self, kept: Keeper | None) -> None:
        self.kept = kept
        self.sheets: dict[tuple[str, int], tuple[list[Any], list[Any]]] = {}
        found = kept.load("css", "pairs") if kept is not None else None
        self.declarations: dict[str, tuple[tuple[str, str], ...]] = found if isinstance(found, dict) else {}
        found = kept.load("css", "problems") if kept is not None else None
        self.problems: dict[str, tuple[str, ...]] = found if isinstance(found, dict) else {}
        self.added = False

    def pairs(self, parse: Callable[..., list[tuple[str, str]]], csstext: str) -> list[tuple[str, str]]:
        if csstext not in self.declarations:
            if len(self.declarations) >= self.LIMIT:
                self.declarations.clear()
            # Plain declarations without cssutils (plaincss.py); the rest never validated: cssutils' validation only
            # logs (into a silenced log) and leaves the pairs as they are, but compiles its profiles' large expressions
            # first, a third of a cold run's inlining.
            found = plaincss.pairs(csstext)
            self.declarations[csstext] = tuple(found if found is not None else parse(csstext, validate=False))
            self.added = True
        return list(self.declarations[csstext])

    def keep(self) -> None:
        if self.added and self.kept is not None:
            self.kept.save("css", "pairs", self.declarations)
            self.kept.save("css", "problems", self.problems)
            self.added = False


_PARSES: dict[object, _Parses] = {}  # by the project that keeps them (None: a run without)


def _parses(kept: Keeper | None) -> _Parses:
    project = kept.project if kept is not None else None
    if project not in _PARSES:
        _PARSES[project] = _Parses(kept)
    _PARSES["latest"] = _PARSES[project]  # what css_problems reads: lint checks the issue just rendered
    return _PARSES[project]


@functools.cache
def _premailer_class() -> type:
    """premailer's Premailer, with its parses kept (see the module's docstring)."""
    # premailer keeps its parsed selectors and declarations in one cache of 128 entries by default: fewer than one
    # issue's CSS needs, so most of them were parsed again and again. Its size is read once, when it is imported.
    with (
        _stand_in("requests", importlib.import_module),
        _stand_in("cssutils", lambda name: _cssutils()),
        _environment("PREMAILER_CACHE_MAXSIZE", "4096"),
    ):
        from premailer import Premailer, merge_style  # type: ignore[import-untyped]
        from premailer import premailer as module

    class KeptPremailer(Premailer):  # type: ignore[misc]
        kept: Keeper | None = None

        def transform(self, *args: Any, **kwargs: Any) -> Any:
            parses = _parses(self.kept)
            parse = merge_style.csstext_to_pairs

            def kept_parse(csstext: str, validate: bool = True) -> list[tuple[str, str]]:
                return parses.pairs(parse, csstext)

            kept_parse.__dict__["_lock"] = parse._lock  # which the original takes by its name, from its module
            # Both modules call it by their own name for it: each is pointed at the kept parses meanwhile.
            with _LOCK, _replaced(module, "csstext_to_pairs", kept_parse), _replaced(merge_style, "csstext_to_pairs", kept_parse):
                done = super().transform(*args, **kwargs)
            parses.keep()
            return done

        def _parse_css_string(self, css_body: str, validate: bool = True) -> Any:
            found = plaincss.sheet(css_body)  # a plain style sheet without cssutils
            return found if found is not None else super()._parse_css_string(css_body, validate=validate)

        def _parse_style_rules(self, css_body: str, ruleset_index: int) -> tuple[list[Any], list[Any]]:
            parses = _parses(self.kept)
            sheet = (css_body, ruleset_index)
            if sheet not in parses.sheets:
                parses.sheets[sheet] = self._kept_parse(css_body, ruleset_index)
            rules, leftover = parses.sheets[sheet]
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


_LOCK = threading.Lock()  # the live proof renders from the watcher's threads


@contextlib.contextmanager
def _replaced(module: Any, name: str, value: Any) -> Iterator[None]:
    original = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, original)


@contextlib.contextmanager
def _environment(name: str, value: str) -> Iterator[None]:
    """``name`` set to ``value`` in the environment meanwhile, unless it is set already."""
    if name in os.environ:
        yield
        return
    os.environ[name] = value
    try:
        yield
    finally:
        os.environ.pop(name, None)


@contextlib.contextmanager
def _stand_in(name: str, load: Callable[[str], types.ModuleType]) -> Iterator[None]:
    """While this runs, ``import name`` gets a stand-in that loads the real module (with ``load``) the first time
    anything in it is used. (importlib's LazyLoader does not help: the next ``import`` of it loads it at once.)"""
    if name in sys.modules:
        yield
        return
    stand_in = types.ModuleType(name, "a stand-in: the real module loads when something in it is used")
    stand_in.__getattr__ = lambda attribute: getattr(load(name), attribute)  # type: ignore[method-assign]
    sys.modules[name] = stand_in
    try:
        yield
    finally:
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]  # so that a real import of it, then or later, is the real one


def _refuse_fetch(url: str) -> tuple[None, str]:
    return None, ""  # an @import resolves to an empty style sheet: nothing is fetched


@functools.cache
def _cssutils() -> types.ModuleType:
    """cssutils, loaded for real: quiet (library code never prints, and it logs to stderr by itself) and fetching
    nothing, for as long as it stays loaded (nieuwsbrief is its only user)."""
    import cssutils  # type: ignore[import-untyped]

    cssutils.log.setLevel(logging.CRITICAL)
    cssutils.util._defaultFetcher = _refuse_fetch
    return cssutils  # type: ignore[no-any-return]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def css_problems(css: str) -> tuple[str, ...]:
    """Syntax errors in a style sheet (Gmail drops a whole <style> block over one of them).

    Kept with the parses of the project whose issue was inlined last (the issue lint checks, in compose and the live
    proof); the templates' CSS rarely changes.
    """
    parses = _PARSES.get("latest")
    if parses is None:
        return _problems(css)
    if css not in parses.problems:
        parses.problems[css] = _problems(css)
        parses.added = True
        parses.keep()
    return parses.problems[css]


def _problems(css: str) -> tuple[str, ...]:
    """None for a plain style sheet (plaincss.py: cssutils finds no error in one); else cssutils' own."""
    return () if plaincss.clean_sheet(css) else _css_problems(css)


@functools.lru_cache(maxsize=8)
def _css_problems(css: str) -> tuple[str, ...]:
    cssutils = _cssutils()
    collector = _Collect()
    log = logging.getLogger("CSSUTILS")
    own_handlers = log.handlers[:]  # cssutils prints to stderr by itself; library code never prints
    log.handlers = [collector]
    try:
        cssutils.CSSParser(loglevel=logging.ERROR, raiseExceptions=False, validate=False).parseString(css)
    finally:
        log.handlers = own_handlers
    return tuple(collector.messages)
