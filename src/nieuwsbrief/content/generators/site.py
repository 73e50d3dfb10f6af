"""The records content is read with: the Site (its folder, its globs, its field map and what its own configuration
says) and a Page (one file's located values as the generator sees them).

A Site crosses into the worker processes and its repr goes into the cache key, so it holds plain data only;
the generator's behaviour is looked up by name (content.generators.GENERATORS).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..records import AuthorRecord
from ..text import Collector, Document, Field


@dataclass(frozen=True)
class Site:
    """A folder read as its generator reads it: our own content/, or a site's folder as it is."""

    generator: str  # "own" (our layout), "hugo", "jekyll", "eleventy", "astro"; "" for a folder that follows none
    root: str  # the folder, resolved
    shown: str  # what a problem shows before a path under the root: "" or "../site/"
    base_url: str  # where the site lives, without a trailing slash
    language: str  # the language whose pieces are read
    timezone: str  # the zone of the site's own dates (its addresses are built from them)
    columns: tuple[str, ...]
    articles: tuple[str, ...]
    authors: tuple[str, ...]
    fields: Mapping[str, tuple[str, ...]]  # our field -> the site's keys, tried in order
    author_fields: Mapping[str, tuple[str, ...]]
    category: str  # the label of a piece whose front matter names none
    options: Mapping[str, Any] = field(default_factory=dict)  # what the generator read from the site's configuration

    def option(self, name: str, default: Any = None) -> Any:
        return self.options.get(name, default)


@dataclass
class Page:
    """One file of a site: where it is and its values (front matter, and what the generator adds to it)."""

    rel: str  # relative to the site's root, "/" separators: content/posts/hallo/index.md
    shown: str  # as a problem shows it
    document: Document
    values: dict[str, Field]  # the front matter, plus defaults the generator applies (cascade, defaults, file name)
    address: str = ""  # its web address, once worked out

    def value(self, key: str | None) -> Any:
        """The value of a key; a dotted key (params.author) looks inside a mapping."""
        item = self.values.get(key) if key is not None else None
        if item is not None:
            return item.value
        if key is None or "." not in key:
            return None
        first, dot, rest = key.partition(".")
        value = self.values[first].value if dot and first in self.values else None
        for part in rest.split(".") if dot else ():
            value = value.get(part) if isinstance(value, dict) else None
        return value

    def first(self, keys: tuple[str, ...]) -> str | None:
        """The first of ``keys`` that the page gives a value (not null, not empty)."""
        values = self.values
        for key in keys:
            item = values.get(key)
            if item is not None:
                value = item.value
            elif "." in key and key.partition(".")[0] in values:
                value = self.value(key)
            else:
                continue
            if value is not None and value != "" and value != []:
                return key
        return None

    def keys(self, fields: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
        """For each of our fields, the first of its keys in ``fields`` that the page gives a value (see ``first``).

        Found from the page's own keys (a handful) through an index of the field map, not by trying every key of
        every field: a page is read with sixteen fields of up to ten keys each."""
        by_key, dotted = _index(fields)
        values = self.values
        best: dict[str, tuple[int, str]] = {}
        for key, item in values.items():
            places = by_key.get(key)
            value = item.value
            if places is None or value is None or value == "" or value == []:
                continue
            for rank, name in places:
                if name not in best or rank < best[name][0]:
                    best[name] = (rank, key)
        found = {name: key for name, (_, key) in best.items()}
        for name, bases in dotted:  # a field with a key like params.author, on a page that has params: the general way
            if any(base in values for base in bases):
                found.pop(name, None)
                chosen = self.first(fields[name])
                if chosen is not None:
                    found[name] = chosen
        return found

    def add(self, key: str, value: Any, *, replace: bool = False) -> None:
        """A value the file does not state itself (a default, a date from the file name): a problem with it is
        shown at the file's front matter."""
        if replace or key not in self.values:
            line = max(1, self.document.start_line)
            self.values[key] = Field.at_line(value, line)


_Index = tuple[dict[str, list[tuple[int, str]]], list[tuple[str, set[str]]]]
_INDEXES: dict[int, tuple[Mapping[str, tuple[str, ...]], _Index]] = {}


def _index(fields: Mapping[str, tuple[str, ...]]) -> _Index:
    """A field map by the site's key: (rank, our field) for each field the key may hold; and the fields with a dotted
    key, with the keys they are inside. Built once per field map (a scan reads every page of a site with one)."""
    held = _INDEXES.get(id(fields))
    if held is not None and held[0] is fields:
        return held[1]
    by_key: dict[str, list[tuple[int, str]]] = {}
    for name, keys in fields.items():
        for rank, key in enumerate(keys):
            by_key.setdefault(key, []).append((rank, name))
    dotted = [(name, {key.partition(".")[0] for key in keys if "." in key}) for name, keys in fields.items()]
    index = by_key, [(name, bases) for name, bases in dotted if bases]
    if len(_INDEXES) > 8:  # a long live proof reads many sites' worth of settings: keep the last few
        _INDEXES.clear()
    _INDEXES[id(fields)] = (fields, index)
    return index


def first_text(value: Any, nested: tuple[str, ...] = ("src", "url", "image", "path", "filename", "name")) -> str:
    """The text a value stands for: itself, the first item of a list, or the first known key of a mapping."""
    if isinstance(value, str):  # the usual case, first
        return value.strip()
    if isinstance(value, list):
        return first_text(value[0], nested) if value else ""
    if isinstance(value, dict):
        return next((first_text(value[key], nested) for key in nested if value.get(key)), "")
    if isinstance(value, bool) or value is None:
        return ""
    return str(value).strip()


def texts(value: Any) -> list[str]:
    """A list of words or phrases: a list as it is, one text as one item."""
    if isinstance(value, list):
        return [text for text in map(first_text, value) if text]
    text = first_text(value)
    return [text] if text else []


def one_author(site: Site, id_: str, values: dict[str, Field], body: str, shown: str, out: Collector) -> list[AuthorRecord]:
    def text(name: str) -> str:
        key = next((key for key in site.author_fields.get(name, ()) if key in values and first_text(values[key].value)), None)
        return first_text(values[key].value, ("name", "url", "src")) if key else ""

    name = text("name")
    if not name or not id_:
        where = next(iter(values.values())).line if values else 1
        out.add(shown, where, 1, "an author without a name is left out", f"add {site.author_fields['name'][0]}: to it", "warning")
        return []
    photo = text("photo")
    if photo and not photo.startswith(("http://", "https://")):
        photo = site.base_url + "/" + photo.lstrip("/")
    if re.search(r"\.(svg|webp|avif)$", photo, re.IGNORECASE):
        photo = ""
    return [
        AuthorRecord(
            id=id_,
            name=name,
            role=text("role"),
            photo=photo,
            photo_alt=text("photo_alt") or name,
            url=text("url"),
            bio=body or text("bio"),
        )
    ]
