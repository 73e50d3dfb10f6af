"""The term index: for every term, the pieces whose signature holds it, with its weighted count there; kept up to date
with the scan and stored in the metadata cache (.nieuwsbrief/cache/terms), so that finding the pieces that share a
column's words is a few lookups, not a pass over the archive.

Layout (arrays of 32-bit numbers; stored as their bytes, and loaded as views of the mapped file, so that loading
reads none of them and a query reads only the few pages it needs):

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

import heapq
import itertools
import math
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from .words import Signature

FORMAT = 2  # the stored layout (dump): bump when it changes, so that an older store is rebuilt
K1 = 1.2  # BM25: how fast a term's count saturates
B = 0.75  # BM25: how much a piece's length tempers its counts
WALK = 4_000  # postings read in full per query, rarest terms first; a commoner term is looked up per candidate
SHORTLIST = 32  # the candidates a common term is looked up for


Numbers: TypeAlias = "array[int] | memoryview"  # an array, or a view of a stored one (read-only)


def _array(data: bytes | memoryview = b"") -> array[int]:
    found = array("I")
    found.frombytes(data)
    return found


@dataclass
class TermIndex:
    hashes: Numbers = field(default_factory=_array)
    starts: Numbers = field(default_factory=lambda: array("I", [0]))
    slots: Numbers = field(default_factory=_array)
    counts: bytearray | memoryview = field(default_factory=bytearray)
    paths: str = ""
    ends: Numbers = field(default_factory=_array)
    lengths: Numbers = field(default_factory=_array)
    language: str = ""  # the language the terms were stemmed in: the lead's are stemmed alike
    looked_up: dict[int, tuple[int, int]] = field(default_factory=dict, repr=False, compare=False)  # postings()

    # -- stored as it is -------------------------------------------------------------------------------------------

    def dump(self) -> tuple[dict[str, Any], list[bytes]]:
        """What the index is of (plain data: its language, its pieces and their summed length, which a query needs and
        would otherwise count), and its arrays' bytes."""
        meta = {"language": self.language, "pieces": self.pieces_cached, "length": sum(self.lengths)}
        arrays = (self.hashes, self.starts, self.slots, self.counts, self.paths.encode(), self.ends, self.lengths)
        return meta, [bytes(numbers) for numbers in arrays]

    @classmethod
    def load(cls, meta: Any, parts: Sequence[memoryview]) -> TermIndex:
        """The index of what ``dump`` gave, its arrays views of ``parts``; ValueError or TypeError when it is not that.

        Only the sizes are checked, not every number: loading reads none of the postings (a store cut short is refused
        before this, by its length). A query stays inside the arrays whatever they hold (postings)."""
        if not isinstance(meta, dict) or not isinstance(meta.get("language"), str):
            raise TypeError("not a term index")
        hashes, starts, slots, counts, paths, ends, lengths = parts
        hashes, starts, slots, ends, lengths = (part.cast("I") for part in (hashes, starts, slots, ends, lengths))
        index = cls(hashes, starts, slots, counts, str(paths, "utf-8"), ends, lengths, meta["language"])
        if len(index.starts) != len(index.hashes) + 1 or not index.starts[-1] == len(index.slots) == len(index.counts):
            raise ValueError("the term index's arrays differ in length")
        if len(index.ends) != len(index.lengths) or (index.ends[-1] if index.ends else 0) != len(index.paths):
            raise ValueError("the term index's pieces differ in length")
        pieces, length = meta.get("pieces"), meta.get("length")
        if not isinstance(pieces, int) or not isinstance(length, int) or not 0 <= pieces <= len(index.lengths):
            raise ValueError("the term index's counts are wrong")
        index.__dict__.update(_pieces=pieces, _average=length / max(1, pieces))
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
        # Arrays of its own in place of views of the stored file, which are read-only; the counts made of the old
        # pieces go.
        self.hashes, self.starts, self.slots = _owned(self.hashes), _owned(self.starts), _owned(self.slots)
        self.counts = bytearray(self.counts)
        lengths = self.lengths = _owned(self.lengths)
        self.__dict__.pop("_pieces", None)
        self.__dict__.pop("_average", None)
        self.looked_up.clear()
        paths = self.all_paths()
        slot_of = {path: slot for slot, path in enumerate(paths) if path}
        dropped = {slot_of[path] for path in changes if path in slot_of}
        added: dict[int, list[tuple[int, int]]] = {}
        free = iter([slot for slot, path in enumerate(paths) if not path and slot not in dropped])
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
        """Where the term's postings are: (start, end), empty when no piece has it. Found once per term: a query asks
        for its terms' weights and postings several times, and an index holds far more terms than queries ask for."""
        found = self.looked_up.get(term)
        if found is None:
            found = self.looked_up[term] = self._postings_of(term)
        return found

    def _postings_of(self, term: int) -> tuple[int, int]:
        at = bisect_left(self.hashes, term)
        if at < len(self.hashes) and self.hashes[at] == term:
            start, end = self.starts[at], self.starts[at + 1]
            if start <= end <= len(self.slots):  # (a store damaged inside may say otherwise: then it has none)
                return start, end
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
        walked = 0
        common = []
        try:
            for term in ranked:
                start, end = ranges[term]
                if walked + end - start > WALK and walked:
                    common.append(term)
                    continue
                walked += end - start
                self._add_postings(found, query[term] * self._idf(end - start) * (K1 + 1), start, end)
            if common:
                # The SHORTLIST best, ties to the lower slot: those at least as high as the SHORTLIST-th score (found
                # among the scores alone), sorted, not every slot found.
                least = heapq.nlargest(SHORTLIST, found.values())[-1]
                best = [slot for _, slot in sorted((-score, slot) for slot, score in found.items() if score >= least)][:SHORTLIST]
                for term in common:
                    start, end = ranges[term]
                    self._add_looked_up(found, query[term] * self._idf(end - start) * (K1 + 1), start, end, best)
        except IndexError:  # a slot past the pieces, in a store damaged inside: its words count for nothing
            return {}
        return found

    def _add_postings(self, found: dict[int, float], weight: float, start: int, end: int) -> None:
        """Each posting's BM25 points, times ``weight``, added to its slot's score."""
        lengths, get = self.lengths, found.get
        fixed, scaled = K1 * (1 - B), K1 / self.average_length() * B
        for slot, count in zip(self.slots[start:end].tolist(), self.counts[start:end], strict=True):
            found[slot] = get(slot, 0.0) + weight * count / (count + fixed + scaled * lengths[slot])

    def _add_looked_up(self, found: dict[int, float], weight: float, start: int, end: int, best: list[int]) -> None:
        """The BM25 points, times ``weight``, of the postings of ``best`` alone, each looked up."""
        slots, counts, lengths = self.slots, self.counts, self.lengths
        fixed, scaled = K1 * (1 - B), K1 / self.average_length() * B
        for slot in best:
            at = bisect_left(slots, slot, start, end)
            if at < end and slots[at] == slot:
                count = counts[at]
                found[slot] += weight * count / (count + fixed + scaled * lengths[slot])

    def bm25(self, count: float, length: float) -> float:
        return count * (K1 + 1) / (count + K1 * (1 - B + B * length / self.average_length()))


def _owned(numbers: Numbers) -> array[int]:
    return numbers if isinstance(numbers, array) else _array(numbers.cast("B"))


def _has(hashes: Numbers, term: int) -> bool:
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
