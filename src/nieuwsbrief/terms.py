"""The term index: for every term, the pieces whose signature holds it, with its weighted count there; kept up to date
with the scan and stored in the metadata cache (.nieuwsbrief/cache/terms), so that finding the pieces that share a
column's words is a few lookups, not a pass over the archive.

Layout (arrays of 32-bit numbers, stored as bytes, loaded without a copy per item):

  hashes   the terms, sorted (words.term_hash; a tag is the term "#tag")
  starts   where each term's postings start, one more at the end
  slots    each posting's piece (a slot number), ascending within a term
  counts   each posting's weighted count (one byte)
  paths    the pieces' files by slot, one text ("" for a free slot), with ``ends`` where each ends
  lengths  each piece's length in terms, weighted

A term's document frequency is its number of postings. Changes are applied in place of a rebuild: a changed file's
old postings are found by its slot and replaced, a new file takes a free slot. The index holds the same pieces, and
so gives the same scores, however it was built: nothing in a score depends on slot numbers or on history.
"""

from __future__ import annotations

import itertools
import math
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .words import Signature

K1 = 1.2  # BM25: how fast a term's count saturates
B = 0.75  # BM25: how much a piece's length tempers its counts
WALK = 4_000  # postings read in full per query, rarest terms first; a commoner term is looked up per candidate
SHORTLIST = 32  # the candidates a common term is looked up for


def _array(data: bytes = b"") -> array[int]:
    found = array("I")
    found.frombytes(data)
    return found


@dataclass
class TermIndex:
    hashes: array[int] = field(default_factory=_array)
    starts: array[int] = field(default_factory=lambda: array("I", [0]))
    slots: array[int] = field(default_factory=_array)
    counts: bytearray = field(default_factory=bytearray)
    paths: str = ""
    ends: array[int] = field(default_factory=_array)
    lengths: array[int] = field(default_factory=_array)
    language: str = ""  # the language the terms were stemmed in: the lead's are stemmed alike

    # -- stored as it is -------------------------------------------------------------------------------------------

    def dump(self) -> tuple[Any, ...]:
        return (
            self.hashes.tobytes(),
            self.starts.tobytes(),
            self.slots.tobytes(),
            bytes(self.counts),
            self.paths,
            self.ends.tobytes(),
            self.lengths.tobytes(),
            self.language,
        )

    @classmethod
    def load(cls, stored: Any) -> TermIndex:
        """The index from what ``dump`` gave; ValueError or TypeError when it is not that."""
        hashes, starts, slots, counts, paths, ends, lengths, language = stored
        if not isinstance(paths, str) or not isinstance(counts, bytes) or not isinstance(language, str):
            raise TypeError("not a term index")
        arrays = (_array(hashes), _array(starts), _array(slots), bytearray(counts), paths, _array(ends), _array(lengths))
        index = cls(*arrays, language)
        if len(index.starts) != len(index.hashes) + 1 or not index.starts[-1] == len(index.slots) == len(index.counts):
            raise ValueError("the term index's arrays differ in length")
        if len(index.ends) != len(index.lengths):
            raise ValueError("the term index's pieces differ in length")
        return index

    # -- the pieces ------------------------------------------------------------------------------------------------

    def path(self, slot: int) -> str:
        return self.paths[self.ends[slot - 1] if slot else 0 : self.ends[slot]]

    def all_paths(self) -> list[str]:
        return [self.path(slot) for slot in range(len(self.ends))]

    @property
    def pieces(self) -> int:
        return sum(1 for length in self.lengths if length)

    # -- changes ---------------------------------------------------------------------------------------------------

    def apply(self, changes: Mapping[str, Signature | None]) -> None:
        """Each file's new signature (None: it is gone, or no longer a piece) in place of what the index held."""
        if not changes:
            return
        paths = self.all_paths()
        slot_of = {path: slot for slot, path in enumerate(paths) if path}
        dropped = {slot_of[path] for path in changes if path in slot_of}
        added: dict[int, list[tuple[int, int]]] = {}
        free = iter([slot for slot, path in enumerate(paths) if not path and slot not in dropped])
        lengths = self.lengths
        for path, signature in sorted(changes.items()):
            slot = slot_of.get(path)
            if slot is not None:
                paths[slot], lengths[slot] = "", 0
            if signature is None:
                continue
            if slot is None:
                slot = next(free, len(paths))
                if slot == len(paths):
                    paths.append("")
                    lengths.append(0)
            paths[slot], lengths[slot] = path, max(1, signature.length)
            for term, count in zip(_array(signature.terms), signature.counts, strict=True):
                added.setdefault(term, []).append((slot, count))
        self._postings(dropped, added)
        while paths and not paths[-1]:
            paths.pop()
            lengths.pop()
        self.paths = "".join(paths)
        self.ends = array("I", itertools.accumulate(len(path) for path in paths))

    def _postings(self, dropped: set[int], added: dict[int, list[tuple[int, int]]]) -> None:
        """The postings without those of ``dropped`` slots and with ``added`` (term -> (slot, count)), every other
        term's postings copied as they are, in runs."""
        hashes, starts, slots, counts = self.hashes, self.starts, self.slots, self.counts
        touched = set(self._terms_of(dropped)) | {bisect_left(hashes, term) for term in added if _has(hashes, term)}
        edits = sorted({*(hashes[i] for i in touched), *added})
        new_hashes, new_slots, new_counts, sizes = array("I"), array("I"), bytearray(), array("I")
        done = 0  # terms of the old index copied so far
        for term in edits:
            at = bisect_left(hashes, term)
            new_hashes.extend(hashes[done:at])
            new_slots.extend(slots[starts[done] : starts[at]])
            new_counts.extend(counts[starts[done] : starts[at]])
            sizes.extend(starts[i + 1] - starts[i] for i in range(done, at))
            postings = []
            if at < len(hashes) and hashes[at] == term:
                postings = [
                    (s, c)
                    for s, c in zip(slots[starts[at] : starts[at + 1]], counts[starts[at] : starts[at + 1]], strict=True)
                    if s not in dropped
                ]
                done = at + 1
            else:
                done = at
            postings = sorted([*postings, *added.get(term, ())])
            if postings:
                new_hashes.append(term)
                new_slots.extend(s for s, _ in postings)
                new_counts.extend(c for _, c in postings)
                sizes.append(len(postings))
        new_hashes.extend(hashes[done:])
        new_slots.extend(slots[starts[done] :])
        new_counts.extend(counts[starts[done] :])
        sizes.extend(starts[i + 1] - starts[i] for i in range(done, len(hashes)))
        self.hashes, self.slots, self.counts = new_hashes, new_slots, new_counts
        self.starts = array("I", itertools.accumulate(sizes, initial=0))

    def _terms_of(self, dropped: set[int]) -> Iterable[int]:
        """The terms (by position) whose postings hold a dropped slot: a search of the slots' bytes for a few, one
        pass over them for many."""
        if not dropped:
            return []
        starts, found = self.starts, set()
        if len(dropped) <= 32:
            raw = self.slots.tobytes()
            for slot in dropped:
                needle = array("I", [slot]).tobytes()
                at = raw.find(needle)
                while at >= 0:
                    if at % 4 == 0:
                        found.add(bisect_right(starts, at // 4) - 1)
                    at = raw.find(needle, at + 1)
            return found
        positions = [i for i, slot in enumerate(self.slots) if slot in dropped]
        return {bisect_right(starts, i) - 1 for i in positions}

    # -- queries ---------------------------------------------------------------------------------------------------

    def postings(self, term: int) -> tuple[int, int]:
        """Where the term's postings are: (start, end), empty when no piece has it."""
        at = bisect_left(self.hashes, term)
        if at < len(self.hashes) and self.hashes[at] == term:
            return self.starts[at], self.starts[at + 1]
        return 0, 0

    def count(self, term: int, slot: int) -> int:
        """The term's weighted count in the piece at ``slot`` (0: not in its signature)."""
        start, end = self.postings(term)
        at = bisect_left(self.slots, slot, start, end)
        return self.counts[at] if at < end and self.slots[at] == slot else 0

    def idf(self, term: int) -> float:
        start, end = self.postings(term)
        return self._idf(end - start)

    def _idf(self, having: int) -> float:
        return math.log(1 + (self.pieces_cached - having + 0.5) / (having + 0.5))

    @property
    def pieces_cached(self) -> int:
        cached: int | None = self.__dict__.get("_pieces")
        if cached is None:
            cached = self.__dict__["_pieces"] = self.pieces
        return cached

    def average_length(self) -> float:
        cached: float | None = self.__dict__.get("_average")
        if cached is None:
            cached = self.__dict__["_average"] = sum(self.lengths) / max(1, self.pieces_cached)
        return cached

    def scores(self, query: Mapping[int, float]) -> dict[int, float]:
        """slot -> the sum over the query's terms of weight x idf x the term's BM25 count there.

        ``query`` maps a term to its weight in the column. The rarest terms' postings are read in full, up to WALK
        postings; the commoner terms (a small idf) are looked up only for the SHORTLIST best slots so far.
        """
        ranges = {term: self.postings(term) for term in query}
        ranked = sorted(
            (term for term in query if ranges[term][0] < ranges[term][1]), key=lambda t: (ranges[t][1] - ranges[t][0], t)
        )
        found: dict[int, float] = {}
        slots, counts, lengths = self.slots, self.counts, self.lengths
        norm = K1 / self.average_length()
        fixed = K1 * (1 - B)
        walked = 0
        common = []
        for term in ranked:
            start, end = ranges[term]
            if walked + end - start > WALK and walked:
                common.append(term)
                continue
            walked += end - start
            weight = query[term] * self._idf(end - start) * (K1 + 1)
            get = found.get
            for slot, count in zip(slots[start:end], counts[start:end], strict=True):
                found[slot] = get(slot, 0.0) + weight * count / (count + fixed + norm * B * lengths[slot])
        if common:
            best = sorted(found, key=lambda slot: (-found[slot], slot))[:SHORTLIST]
            for term in common:
                start, end = ranges[term]
                weight = query[term] * self._idf(end - start) * (K1 + 1)
                for slot in best:
                    at = bisect_left(slots, slot, start, end)
                    if at < end and slots[at] == slot:
                        count = counts[at]
                        found[slot] += weight * count / (count + fixed + norm * B * lengths[slot])
        return found

    def bm25(self, count: float, length: float) -> float:
        return count * (K1 + 1) / (count + K1 * (1 - B + B * length / self.average_length()))


def _has(hashes: array[int], term: int) -> bool:
    at = bisect_left(hashes, term)
    return at < len(hashes) and hashes[at] == term


def built(signatures: Mapping[str, Signature], language: str) -> TermIndex:
    """A new index of these pieces (path -> signature), their terms stemmed in ``language``: the pieces in path order,
    each term's postings gathered in one pass (a cold scan of a big archive builds this)."""
    paths = sorted(signatures)
    gathered: dict[int, tuple[list[int], list[int]]] = {}
    lengths = array("I")
    for slot, path in enumerate(paths):
        signature = signatures[path]
        lengths.append(max(1, signature.length))
        for term, count in zip(_array(signature.terms), signature.counts, strict=True):
            postings = gathered.get(term)
            if postings is None:
                gathered[term] = ([slot], [count])
            else:
                postings[0].append(slot)
                postings[1].append(count)
    hashes = array("I", sorted(gathered))
    slots, counts = array("I"), bytearray()
    for term in hashes:
        their_slots, their_counts = gathered[term]
        slots.extend(their_slots)
        counts.extend(their_counts)
    starts = array("I", itertools.accumulate((len(gathered[term][0]) for term in hashes), initial=0))
    ends = array("I", itertools.accumulate(len(path) for path in paths))
    return TermIndex(hashes, starts, slots, counts, "".join(paths), ends, lengths, language)
