"""Soft hyphens in long words, where pyphen's Dutch or English dictionary allows a break: the only user of pyphen.

A long Dutch compound ("arbeidsongeschiktheidsverzekering") in a title on a phone otherwise breaks anywhere, or
pushes the page wider. Only words of at least MIN_LETTERS letters get them, and never a word that is part of a
URL, an e-mail address, a path or a domain; the callers keep them out of code, link text and the plain-text part.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import os
import re
from pathlib import Path
from typing import Any

SOFT_HYPHEN = "\u00ad"
MIN_LETTERS = 12  # a shorter word fits the narrowest line whole
EDGE = 3  # letters kept together at either end of a word ("ver-", not "v-")
_LONG_WORD = re.compile(rf"[^\W\d_]{{{MIN_LETTERS},}}")
_TOKEN = re.compile(r"\S+")
_NOT_PROSE = re.compile(r"://|@|www\.|[/\\]|[^\W_]\.[^\W_]")  # a URL, an address, a path, a domain


def hyphenate(text: str, lang: str) -> str:
    """``text`` with soft hyphens in its long words, for the locale ``lang``; as it is for a language pyphen lacks."""
    if not _LONG_WORD.search(text):
        return text  # the common case: nothing long enough

    def token(found: re.Match[str]) -> str:
        word = found.group(0)
        return word if _NOT_PROSE.search(word) else _LONG_WORD.sub(lambda long: _inserted(long.group(0), lang), word)

    return _TOKEN.sub(token, text)


# Each long word as it was hyphenated, by "lang\0word", in this run or an earlier one (remember): opening a
# dictionary costs a run more than rendering an issue (20 ms for Dutch), and an issue's long words recur.
_REMEMBERED: dict[str, str] = {}
_LIMIT = 20_000  # words remembered: a few hundred an issue
_kept: list[object] = []  # what an earlier run kept, taken in when the first long word is looked up
_learned = [False]  # whether a word was added since `learned` last answered


def _inserted(word: str, lang: str) -> str:
    if _kept:
        with contextlib.suppress(IndexError):  # another thread (the live proof's) took it in first
            _recall(_kept.pop())
    key = f"{lang}\0{word}"
    found = _REMEMBERED.get(key)
    if found is None:
        dictionary = hyphenator(lang)
        found = word if dictionary is None else str(dictionary.inserted(word, SOFT_HYPHEN))
        if len(_REMEMBERED) >= _LIMIT:
            _REMEMBERED.clear()
        _REMEMBERED[key] = found
        _learned[0] = True
    return found


def remember(kept: object) -> None:
    """Take in what ``learned`` gave an earlier run (kept between runs by templating.py), or None."""
    if kept is not None:
        _kept[:] = [kept]


def learned() -> tuple[str, dict[str, str]] | None:
    """Every word remembered, under the dictionaries' version, when one was added since the last call; else None."""
    if not _learned[0]:
        return None
    _learned[0] = False
    return _dictionaries(), dict(_REMEMBERED)


def _recall(kept: object) -> None:
    if not (isinstance(kept, tuple) and len(kept) == 2 and kept[0] == _dictionaries() and isinstance(kept[1], dict)):
        return  # kept by another pyphen, whose dictionaries may break words elsewhere
    _REMEMBERED.update((k, v) for k, v in kept[1].items() if isinstance(k, str) and isinstance(v, str))


def _dictionaries() -> str:
    """What the hyphens depend on besides the word: the installed pyphen, whose dictionaries come with it, told by
    its module file (found, not imported: importing it costs a warm render more than the words it would hyphenate)."""
    spec = importlib.util.find_spec("pyphen")
    origin = spec.origin if spec is not None else None
    if origin is None:
        return ""
    found = os.stat(origin)
    return f"{origin} {found.st_size} {found.st_mtime_ns}"


@functools.cache
def hyphenator(lang: str) -> Any:
    """pyphen's hyphenator for ``lang`` (None when it has no dictionary for it), with the dictionary read lazily."""
    import pyphen  # type: ignore[import-untyped]  # loads only when a long word is new

    found = pyphen.language_fallback(lang.replace("-", "_"))
    if found is None:
        return None
    path = pyphen.LANGUAGES[found]
    if path not in pyphen.hdcache:
        pyphen.hdcache[path] = _lazy_dictionary(pyphen, path)
    return pyphen.Pyphen(filename=path, left=EDGE, right=EDGE)


def _lazy_dictionary(pyphen: Any, path: Path) -> Any:
    """pyphen's HyphDict for ``path``, its patterns parsed only as words need them.

    pyphen parses every pattern of a dictionary when it opens one (16,000 for Dutch: 0.1 s or more, each run);
    a word needs a few dozen. The same parse, pattern by pattern: tests/test_hyphenation.py holds the two to the
    same hyphens. A dictionary with pyphen's rarer syntax (hex escapes, nonstandard hyphens) is parsed by pyphen.
    """
    with path.open("rb") as stream:
        encoding = stream.readline().decode().strip()
    encoding = "cp1251" if encoding.lower() == "microsoft-cp1251" else encoding
    text = path.read_text(encoding)
    if "^^" in text or "/" in text:
        return pyphen.HyphDict(path)
    tokens = text.split()[1:]  # a pattern holds no white space; the first line names the encoding
    # Each pattern's letters: its digits deleted from the bytes (an ASCII digit is never part of another character
    # in these encodings), ten times faster than from the text.
    keys = "\n".join(tokens).encode(encoding).translate(None, b"0123456789").decode(encoding).split("\n")
    dictionary = pyphen.HyphDict.__new__(pyphen.HyphDict)
    dictionary.patterns = _Patterns(dict(zip(keys, tokens, strict=True)), pyphen.parse)
    dictionary.cache = {}
    dictionary.maxlen = max(map(len, keys))
    return dictionary


class _Patterns:
    """The patterns by their letters, each parsed as pyphen's HyphDict does the first time it is looked up."""

    def __init__(self, written: dict[str, str], parse: Any) -> None:
        self.written = written
        self.parse = parse
        self.parsed: dict[str, tuple[int, tuple[int, ...]] | None] = {}

    def get(self, key: str) -> tuple[int, tuple[int, ...]] | None:
        if key not in self.parsed:
            pattern = self.written.get(key)
            self.parsed[key] = self._parsed(pattern) if pattern is not None else None
        return self.parsed[key]

    def _parsed(self, pattern: str) -> tuple[int, tuple[int, ...]] | None:
        values = tuple(int(digit or "0") for digit, _ in self.parse(pattern))
        if max(values) == 0:
            return None
        start, end = 0, len(values)
        while not values[start]:
            start += 1
        while not values[end - 1]:
            end -= 1
        return start, values[start:end]
