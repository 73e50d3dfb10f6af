"""What an editor wrote, as the rules see it: found alike in the Markdown (contentrules.py, at the file and line to
change) and in the rendered issue (lint/, with lxml), so that a rule on it is written once and both sides run it.

A fact is as the reader gets it: a link's or an image's address absolute, as the renderer makes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Link:
    text: str  # what a reader (or a screen reader) is told: the link's words and its images' alt text
    target: str

    @property
    def scheme(self) -> str:
        return urlsplit(self.target).scheme.lower()

    @property
    def destination(self) -> str:
        return self.target or "nothing"

    @property
    def key(self) -> tuple[str, ...]:
        return self.text, *_address(self.target)


@dataclass(frozen=True)
class Image:
    alt: str | None  # None: no alt attribute at all
    src: str
    linked: bool  # inside a link

    @property
    def scheme(self) -> str:
        return urlsplit(self.src).scheme.lower()

    @property
    def extension(self) -> str:
        path = urlsplit(self.src).path
        return path.rsplit(".", 1)[-1].lower() if "." in path else ""

    @property
    def key(self) -> tuple[str | None, ...]:
        return self.alt, *_address(self.src)


@dataclass(frozen=True)
class _Line:
    text: str

    key = ()  # one per issue

    @property
    def length(self) -> int:
        return len(self.text)


class Subject(_Line):
    pass


class Preheader(_Line):
    pass


Fact = Link | Image | Subject | Preheader


@dataclass(frozen=True)
class Found:
    """A fact where the editor wrote it: the file (relative to the project), line and column."""

    fact: Fact
    path: str
    line: int
    column: int

    def names(self, fact: Fact) -> bool:
        """Whether the rendered issue's ``fact`` is this one: the same kind, text and address (the renderer may add
        tracking tags to a link's query)."""
        return type(fact) is type(self.fact) and fact.key == self.fact.key


def _address(url: str) -> tuple[str, str, str]:
    scheme, netloc, path, _, _ = urlsplit(url)
    return scheme.lower(), netloc.lower(), path
