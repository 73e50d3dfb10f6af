"""The content held in memory for the live proof: scanned once, then only the files that change are read again.

A scan of a big archive costs a stat() of every file and the building of every record (a tenth of a second at
10,000 pieces); an edit touches one file. The index keeps each file's entry as a scan makes it, in walk order, and
on a change re-reads that file alone; a new file goes in its place in that order and a deleted one leaves, so the
content is always what a fresh scan would give. The same for every generator: a change its walk cannot place (a
folder, a site's configuration, a section page's cascade, a bundle's image) builds a new index instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from ..config import Settings
from ..errors import ContentError, Problem, errors_only
from ..model import Content
from ..words import Signature
from . import read
from .generators import GENERATORS
from .scan import Scan, build_content, held_entries


class LiveIndex:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.held = held_entries(settings)
        self.site = self.held.site
        self.generator = GENERATORS[self.site.generator]
        self.plan = self.generator.plan(self.site)
        self.built: tuple[Content, list[Problem]] | None = None  # the last build, while no entry changed since
        self.places: dict[str, int] = {}  # of the last build: each article's position in content.articles, by path
        self.touched: dict[str, int] = {}  # files read again with the same entry: their new mtime
        self.signatures: dict[str, object] = {}  # of the files read again: an edit that keeps it leaves the index be

    def update(self, changed: Iterable[str]) -> bool:
        """Read again the files that changed, by path relative to the project; False when a change is not one
        file's (a folder moved or removed, or what the generator reads besides its pages): then build a new index."""
        files = self.held.files
        for shown in sorted(set(changed)):
            if not shown.startswith(self.site.shown) or any(part.startswith(".") for part in shown.split("/") if part != ".."):
                continue  # outside the folder read, or a hidden file (an editor's swap file)
            path = os.path.join(self.settings.project, shown)
            if os.path.isdir(path) or any(held.startswith(shown + "/") for held in files.shown):
                return False  # a folder came, went or moved: its files did not each say so
            start = self._start(shown)
            tag = self.plan[start][1].choose(shown) if start is not None else None
            if tag is None or tag == "section":
                if self.generator.self_contained:
                    continue  # not a file the generator reads
                return False
            if os.path.isfile(path):
                self._read(tag, shown, path)
            else:
                self._drop(shown)
        return True

    def scan(self) -> Scan:
        """The content as a fresh scan would give it; ContentError with every problem when a file has an error.

        A file whose entry did not change (an edit below its first paragraph: the usual case while writing) costs
        only its new file time; any other change builds the content again from the held entries.
        """
        if self.built is None:
            self.built, self.touched = build_content(self.settings, self.held), {}
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
        held = self.held
        return Scan(content, tuple(problems), tuple(held.notices), terms=lambda: held.terms)

    def _read(self, tag: str, shown: str, path: str) -> None:
        entry, mtime_ns, size = read.entry(self.settings, self.site, tag, shown, path)
        entry, signature = read.signature_apart(entry)
        if tag != "author" and (shown not in self.signatures or self.signatures[shown] != signature):
            self.signatures[shown] = signature
            self.held.terms.apply({shown: Signature(*signature) if signature else None})
        files, entries = self.held.files, self.held.entries
        place = self._position(shown)
        if place < len(files.shown) and files.shown[place] == shown:
            if entry == entries[place] and tag != "author":
                self.touched[shown] = mtime_ns
            else:
                self.built = None
            entries[place], files.mtime_ns[place], files.size[place] = entry, mtime_ns, size
            return
        self.built = None
        files.shown.insert(place, shown)
        files.mtime_ns.insert(place, mtime_ns)
        files.size.insert(place, size)
        files.tag.insert(place, tag)
        entries.insert(place, entry)

    def _drop(self, shown: str) -> None:
        files = self.held.files
        if shown in files.shown:
            self.built = None
            self.held.terms.apply({shown: None})
            self.signatures.pop(shown, None)
            place = files.shown.index(shown)
            del files.shown[place], files.mtime_ns[place], files.size[place], files.tag[place], self.held.entries[place]

    def _start(self, shown: str) -> int | None:
        """Which of the walk's start folders holds ``shown`` (the walk lists them in turn), if any."""
        rel = shown[len(self.site.shown) :]
        return next((i for i, (start, _) in enumerate(self.plan) if not start or rel.startswith(start + "/")), None)

    def _position(self, shown: str) -> int:
        """Where ``shown`` stands (or would stand) in the walk's order: by start folder, then folder by folder, by name."""
        files = self.held.files
        key = (self._start(shown), shown.split("/"))
        low, high = 0, len(files.shown)
        while low < high:
            middle = (low + high) // 2
            if (self._start(files.shown[middle]), files.shown[middle].split("/")) < key:
                low = middle + 1
            else:
                high = middle
        return low
