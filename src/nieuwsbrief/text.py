"""Small text helpers shared across layers: the Dutch-safe slug, and the subject that shouts."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# Letters that do not decompose into a base letter and an accent.
_TRANSLITERATE = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE", "ł": "l", "Ł": "L"})


def slugify(text: str) -> str:
    """Dutch-safe slug: 'Creëer een band' -> 'creeer-een-band'; 'ĳ' -> 'ij'; dashes and quotes separate words."""
    if SLUG.fullmatch(text):
        return text  # already one: the usual file name
    decomposed = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "-".join(re.findall(r"[a-z0-9]+", bare.lower()))


def nearest(word: str, known: Iterable[str]) -> str:
    """The known word a typo most likely meant ('enabeld' -> 'enabled'), compared in lower case; "" when none is close."""
    candidates = {each.lower(): each for each in known}
    found = difflib.get_close_matches(word.lower(), list(candidates), n=1, cutoff=0.6)
    return candidates[found[0]] if found else ""


def did_you_mean(word: str, known: Iterable[str], otherwise: str = "") -> str:
    """A hint for an unknown ``word``: "did you mean 'enabled'?", else ``otherwise`` (e.g. the known words)."""
    found = nearest(word, known)
    return f"did you mean '{found}'?" if found else otherwise


def plural(count: int, word: str) -> str:
    """'1 warning', '2 warnings': English messages count things this way."""
    return f"{count} {word}{'' if count == 1 else 's'}"


# Control characters, and the line and paragraph separators: what could break a header or a line of text.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


# The characters that turn the direction of the text after them (embeddings, overrides, isolates): a subject could
# show its words in another order than they are written (a "gnp.exe" that reads "exe.png"). Marks (U+200E, U+200F)
# only nudge neutral characters, and stay.
DIRECTION_CONTROL = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


def one_line(text: str) -> str:
    """``text`` as a header or the inbox row carries it: control characters as spaces, direction controls gone."""
    if text.isprintable():
        return text
    return DIRECTION_CONTROL.sub("", CONTROL.sub(" ", text))


def is_one_line(value: object) -> bool:
    """A text (or every text of a list) without a line break or another control character."""
    items = value if isinstance(value, list) else [value]
    return not any(isinstance(item, str) and CONTROL.search(item) for item in items)
