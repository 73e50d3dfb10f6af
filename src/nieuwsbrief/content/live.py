"""The content folder held in memory for the live proof: scanned once, then only the files that change are read again.

A scan of a big archive costs a stat() of every file and the building of every record (a tenth of a second at
10,000 pieces); an edit touches one file. The index keeps each file's entry as a scan makes it, in walk order, and
on a change re-reads that file alone; a new file goes in its place in that order and a deleted one leaves, so the
content is always what a fresh scan would give.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ..config import Settings
from ..errors import ContentError, Problem, errors_only
from ..model import Content
from . import records
from .index import Scan, build_content, held_entries
from .walk import AUTHORS_FOLDER, CONTENT_DIR, KIND_FOLDERS

_KINDS = {AUTHORS_FOLDER: "author", **KIND_FOLDERS}
_ORDER = ["author", *(kind for _, kind in sorted(KIND_FOLDERS.items()))]  # the walk's order: walk.find_files


class LiveIndex:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.files, self.entries, self.notices = held_entries(settings)
        self.built: tuple[Content, list[Problem]] | None = None  # the last build, while no entry changed since
        self.places: dict[str, int] = {}  # of the last build: each article's position in content.articles, by path
        self.touched: dict[str, int] = {}  # files read again with the same entry: their new mtime

    def update(self, changed: Iterable[str]) -> bool:
        """Read again the files that changed, by path relative to the project; False when a change is not one
        file's (a folder moved or removed): then build a new index."""
        for shown in sorted(set(changed)):
            path = os.path.join(self.settings.project, shown)
            kind = _kind_of(shown)
            if kind is None or os.path.isdir(path):
                if os.path.isdir(path) or any(held.startswith(shown + "/") for held in self.files.shown):
                    return False  # a folder came, went or moved: its files did not each say so
                continue  # not a Markdown file of content/, or a hidden one (an editor's swap file)
            if os.path.isfile(path):
                self._read(kind, shown, path)
            else:
                self._drop(shown)
        return True

    def scan(self) -> Scan:
        """The content as a fresh scan would give it; ContentError with every problem when a file has an error.

        A file whose entry did not change (an edit below its first paragraph: the usual case while writing) costs
        only its new file time; any other change builds the content again from the held entries.
        """
        if self.built is None:
            self.built, self.touched = build_content(self.settings.project, self.files, self.entries), {}
            self.places = {article.path: place for place, article in enumerate(self.built[0].articles)}
        content, problems = self.built
        if self.touched:
            articles = list(content.articles)
            for path, modified in self.touched.items():
                if path in self.places:
                    articles[self.places[path]] = articles[self.places[path]]._replace(modified=modified)
            self.built, self.touched = (Content(tuple(articles), content.authors), problems), {}
            content = self.built[0]
        if errors_only(problems):
            raise ContentError("invalid content", problems)
        return Scan(content, tuple(problems), tuple(self.notices))

    def _read(self, kind: str, shown: str, path: str) -> None:
        entry, mtime_ns, size = records.entry(self.settings, kind, shown, path)
        files = self.files
        place = self._position(kind, shown)
        if place < len(files.shown) and files.shown[place] == shown:
            if entry == self.entries[place] and kind != "author":
                self.touched[shown] = mtime_ns
            else:
                self.built = None
            self.entries[place], files.mtime_ns[place], files.size[place] = entry, mtime_ns, size
            return
        self.built = None
        files.shown.insert(place, shown)
        files.mtime_ns.insert(place, mtime_ns)
        files.size.insert(place, size)
        files.tag.insert(place, kind)
        self.entries.insert(place, entry)

    def _drop(self, shown: str) -> None:
        files = self.files
        if shown in files.shown:
            self.built = None
            place = files.shown.index(shown)
            del files.shown[place], files.mtime_ns[place], files.size[place], files.tag[place], self.entries[place]

    def _position(self, kind: str, shown: str) -> int:
        """Where ``shown`` stands (or would stand) in the walk's order: by kind, then folder by folder, by name."""
        key = (_ORDER.index(kind), shown.split("/"))
        low, high = 0, len(self.files.shown)
        while low < high:
            middle = (low + high) // 2
            if (_ORDER.index(self.files.tag[middle]), self.files.shown[middle].split("/")) < key:
                low = middle + 1
            else:
                high = middle
        return low


def _kind_of(shown: str) -> str | None:
    parts = Path(shown).parts
    if len(parts) < 3 or parts[0] != CONTENT_DIR or not shown.endswith(".md") or any(p.startswith(".") for p in parts):
        return None
    return _KINDS.get(parts[1])
