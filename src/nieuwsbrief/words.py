"""The words a piece is about, for finding related pieces: its terms, stemmed in the site's language, and its
signature, the strongest of them, computed when the file is scanned. The only user of PyStemmer.

A term is a word stemmed with the Snowball stemmer of the site's language ("releases", "released" -> "releas"),
unless it is one of the language's stopwords (locales/<code>/stopwords.txt). Version numbers ("3.4.3"; "v1.65.0"
is "1.65"; "3.4.3" is also "3.4", its series), years and words with digits ("http2", "k8s") are kept as written;
short technical words ("vim", "ftp", "tls") count like any other. Code blocks, web addresses and HTML tags are not
words of the text; of a long text (a body, or a title or summary of any length) the first BODY_CHARS characters
are read.

A signature keeps a piece's SIGNATURE_TERMS strongest terms, and its tags: the title's words count TITLE_WEIGHT
times, the summary's and the body's once. Each term is a 32-bit hash (CRC-32 of the stem: the same in every process
and run), with its weighted count; with the piece's length in terms it is all the index needs.
"""

from __future__ import annotations

import itertools
import re
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache
from typing import NamedTuple

import Stemmer  # type: ignore[import-not-found]  # PyStemmer ships no types

from .locales import stopwords

SIGNATURE_TERMS = 64
TITLE_WEIGHT = 3
MAX_COUNT = 255  # a weighted count is kept in one byte

BODY_CHARS = 4000  # of a text: a piece says early what it is about, and the rest costs scan time
_FENCED = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[ \t]*$", re.M | re.S)
# Tags, link targets, addresses, template tags. A tag's run stops at the next opening (< or {), never only at its
# closing: a line of 20,000 "{{< x " left open is read once, not once from each opening (issue 23). Each is found by
# its first character, named in front (the lookbehinds say which it was), so that the search skips to those
# characters instead of trying every alternative at every position: three times faster, the same matches.
_MARKUP = re.compile(r"[<\]{h](?:(?<=<)[^<>\n]*>|(?<=\])\([^)\s]*|(?<={)\{[^{}\n]*\}\}|(?<=h)(?<!\wh)ttps?://\S+)")
_TOKEN = re.compile(r"\w+(?:[.’']\w+)*")
_VERSION = re.compile(r"v?(\d+(?:\.\d+)+)")
_TRAILING_ZEROS = re.compile(r"(\d+\.\d+)(?:\.0)+$")
_YEAR = re.compile(r"(?:1[89]|2\d)\d\d")


class Signature(NamedTuple):
    """A piece's strongest terms, as its entry keeps them: ``terms`` the hashes (array of "I") and ``counts`` their
    weighted counts (one byte each), in bytes; ``length`` how many terms the whole piece has, weighted."""

    terms: bytes
    counts: bytes
    length: int


class Analyzer:
    """The terms of a text in one language: its stemmer (none for a language Snowball lacks) and its stopwords."""

    def __init__(self, language: str) -> None:
        code = language.split("-")[0].lower()
        try:
            self.stemmer: Stemmer.Stemmer | None = Stemmer.Stemmer(code)
        except KeyError:
            self.stemmer = None
        self.stop = stopwords(code)
        self.known: dict[str, tuple[str, ...]] = {}  # token -> its terms: a site repeats its words

    def tokens(self, text: str) -> Counter[str]:
        """The tokens (lower case) of the text's first BODY_CHARS characters, and how often (see ``_tokens``)."""
        return Counter(self._tokens(text))

    def _tokens(self, text: str) -> list[str]:
        """The tokens (lower case) of the text's first BODY_CHARS characters, in order: code blocks, tags and web
        addresses left out. The bound holds every pattern here to a short text, whatever a site's page holds (a
        fence left open 20,000 times was searched for its closing from each opening)."""
        text = text[:BODY_CHARS]
        if "```" in text or "~~~" in text:
            text = _FENCED.sub(" ", text)
        if "<" in text or "](" in text or "://" in text or "{{" in text:
            text = _MARKUP.sub(" ", text)
        return _TOKEN.findall(text.lower())

    def terms(self, token: str) -> tuple[str, ...]:
        """The terms a token counts as: none for a stopword, a number or one letter; a version number or a word with
        digits as written ("v1.65.0" is "1.65"); a word's stem; "cargo.toml" is two words."""
        known = self.known.get(token)
        if known is None:
            known = self.known[token] = self._terms(token)
        return known

    def _terms(self, token: str) -> tuple[str, ...]:
        if len(token) < 2 or token in self.stop:
            return ()
        if token.isdigit():
            return (token,) if _YEAR.fullmatch(token) else ()
        version = _VERSION.match(token)
        if version:  # "4.0.0.pre.beta1": the version, then the rest
            number = _TRAILING_ZEROS.sub(r"\1", version.group(1))
            series = ".".join(number.split(".")[:2])  # "4.4.1" is also of the 4.4 series, as "4.4.0" is
            rest = self.terms(token[version.end() :].lstrip(".")) if version.end() < len(token) else ()
            return (number, *rest) if series == number else (number, series, *rest)
        if not token.isalnum():
            return tuple(term for part in re.split(r"[._’']", token) if part for term in self.terms(part))
        if self.stemmer is None or any(map(str.isdigit, token)):
            return (token,)
        return (self.stemmer.stemWord(token),)

    def counts(self, title: str, summary: str, body: str) -> Counter[str]:
        """Each term's weighted count in a piece: the title's words TITLE_WEIGHT times, the body's first BODY_CHARS.
        A token's terms are worked out once per analyzer (a site repeats its words), then every token's are counted
        in one pass of the standard library's own loop: this runs for every piece a cold scan reads."""
        found: Counter[str] = Counter()
        known = self.known
        for weight, text in ((TITLE_WEIGHT, title), (1, summary), (1, body)):
            tokens = self._tokens(text)
            for token in set(tokens).difference(known):
                self.terms(token)
            terms = list(itertools.chain.from_iterable(map(known.__getitem__, tokens)))
            for _ in range(weight):
                found.update(terms)
        return found

    def spellings(self, texts: Iterable[str]) -> dict[str, str]:
        """term -> the word a reader saw most in these texts ("releas" -> "release"), for explanations."""
        best: dict[str, tuple[int, str]] = {}
        seen: Counter[str] = Counter()
        for text in texts:
            seen.update(self.tokens(text))
        for token, times in seen.items():
            found = self.terms(token)
            for term in found:
                word = (
                    token if len(found) == 1 else next((p for p in re.split(r"[._’']", token) if self.terms(p) == (term,)), term)
                )
                if term not in best or (times, word) > best[term]:
                    best[term] = (times, word)
        return {term: word for term, (_, word) in best.items()}


@cache
def analyzer(language: str) -> Analyzer:
    return Analyzer(language)


def term_hash(term: str) -> int:
    return zlib.crc32(term.encode("utf-8"))


def tag_term(tag: str) -> int:
    """A tag as the index keeps it: a term no word can be ("#release")."""
    return term_hash("#" + tag.casefold())


def strongest_first(counts: Mapping[str, int]) -> list[str]:
    """The terms by count, the highest first; among equal counts the longer term (a longer word is mostly a rarer
    one), then the term itself. Three stable sorts whose keys are built-in functions, not one with a key made in
    Python for each term: this runs for every piece a scan reads."""
    ranked = sorted(counts)
    ranked.sort(key=len, reverse=True)  # (a stable sort, reversed or not, keeps the order of equal keys)
    ranked.sort(key=counts.__getitem__, reverse=True)
    return ranked


def signature(counts: Counter[str], tags: Iterable[str] = (), size: int = SIGNATURE_TERMS) -> Signature:
    """The ``size`` strongest terms (strongest_first: the same text always gives the same signature), and the tags."""
    terms = {term_hash(term): min(MAX_COUNT, counts[term]) for term in strongest_first(counts)[:size]}
    terms.update((tag_term(tag), 1) for tag in tags)
    return Signature(array("I", terms).tobytes(), bytes(terms.values()), sum(counts.values()))
