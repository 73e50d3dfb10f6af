"""The metadata cache in <project>/.nieuwsbrief/cache/: what earlier runs learned about each content file.

A store is one file: a first line naming the format, a line of JSON (the project, a key, the length
and CRC-32 of the payload), then the payload in marshal, the standard library's fastest format for
plain data (a warm run over 100,000 files reads some 50 MB of it; JSON takes twice as long). A store
of parts (the term index: arrays of numbers, of which a run reads a few pages) has their sizes in its
header instead, then the parts as they are, then a last line: it is mapped, not read, and its length
and last line tell a whole file from a torn one; no checksum, which would read every byte (its reader
must stay within the parts, whatever numbers they hold: terms.TermIndex does). The key
covers the code (the nieuwsbrief release, and in a source checkout each module's stamp: records.code_identity), the
Python version and the settings the entries depend on: another key means
the entries are stale and the store is rebuilt quietly. A store that is not ours, belongs to another
project, or fails its length or checksum is rebuilt with a warning; the checksum also keeps damaged
bytes away from marshal, which is not made to read them. The cache lives inside the project, whose
templates are trusted code anyway; nothing in it is ever executed.

Writes go through a temporary file and one rename (atomic.atomic_write), so a reader sees the old
store or the new one, never half of one; two runs at once each write a whole store and the last one
wins, which is harmless because every entry is checked against its file's stamp (mtime and size).
A symbolic link at .nieuwsbrief/ or its cache folder, or a store that is no regular file, is never
read or written through: the run warns and goes on without the cache.
"""

from __future__ import annotations

import itertools
import json
import marshal
import sys
import zlib
from collections.abc import Sequence
from mmap import mmap
from pathlib import Path
from typing import Any

from ..atomic import atomic_write, map_regular, read_regular, real_folder, remove_stale_temporaries
from ..errors import Problem

CACHE_DIR = ".nieuwsbrief/cache"
MAGIC = b"nieuwsbrief-cache 1\n"
END = b"\nnieuwsbrief-cache end\n"  # the last bytes of a store of parts
# A file changed within this window of a scan may change again within the file system's timestamp
# granularity without its stamp changing: such entries are not trusted next time (git's "racy clean").
RACY_NS = 2_000_000_000


class Store:
    """One cache file holding one marshal-able value."""

    def __init__(self, project: Path, name: str, key: str) -> None:
        self.project = project
        self.shown = f"{CACHE_DIR}/{name}"
        self.path = project / CACHE_DIR / name
        self.key = f"{key}/python {sys.version_info[0]}.{sys.version_info[1]}/marshal {marshal.version}"

    def load(self) -> tuple[Any, list[Problem]]:
        """The stored value, or None (with a warning when a store was there but is unusable)."""
        try:
            real_folder(self.project, CACHE_DIR, create=False)  # never read through a link
            raw, _ = read_regular(self.path, follow=False)
        except FileNotFoundError:
            return None, []
        except OSError as exc:
            return None, [self.warning(f"cannot read the cache ({exc.strerror}); rebuilding it")]
        header, start, problems = self._header(raw, "length", "crc32")
        if header is None:
            return None, problems
        payload = memoryview(raw)[start:]
        if len(payload) != header["length"] or zlib.crc32(payload) != header["crc32"]:
            return None, [self.warning("the cache is corrupt (its checksum does not match); rebuilding it")]
        try:
            return marshal.loads(payload), []
        except (EOFError, ValueError, TypeError):
            return None, [self.warning("the cache is corrupt (unreadable data); rebuilding it")]

    def load_parts(self) -> tuple[tuple[Any, list[memoryview]] | None, list[Problem]]:
        """What ``save_parts`` stored: its ``meta`` and a read-only view of each part, or None (with a warning when a
        store was there but is unusable). The file is mapped, not read: a part's pages are read when it is used."""
        try:
            real_folder(self.project, CACHE_DIR, create=False)  # never read through a link
            mapped = map_regular(self.path)
        except FileNotFoundError:
            return None, []
        except ValueError:  # an empty file
            return None, [self.warning("this is not a nieuwsbrief cache; rebuilding it")]
        except OSError as exc:
            return None, [self.warning(f"cannot read the cache ({exc.strerror}); rebuilding it")]
        header, start, problems = self._header(mapped, "meta", "parts")
        if header is None:
            return None, problems
        sizes = header["parts"]
        if not isinstance(sizes, list) or not all(isinstance(size, int) and size >= 0 for size in sizes):
            return None, [self.warning("the cache is corrupt (its header is unreadable); rebuilding it")]
        ends = list(itertools.accumulate((_padded(size) for size in sizes), initial=start))
        # Its sizes and its last bytes tell a whole file from one cut short or torn (a crash leaves zeros at its end).
        if len(mapped) != ends[-1] + len(END) or mapped[ends[-1] :] != END:
            return None, [self.warning("the cache is corrupt (cut short or torn); rebuilding it")]
        view = memoryview(mapped)
        return (header["meta"], [view[at : at + size] for at, size in zip(ends, sizes, strict=False)]), []

    def _header(self, raw: bytes | mmap, *needed: str) -> tuple[dict[str, Any] | None, int, list[Problem]]:
        """The store's header (with the ``needed`` fields) and where its payload starts; None (and why) when it is not
        this project's and key's."""
        if raw[: len(MAGIC)] != MAGIC:
            return None, 0, [self.warning("this is not a nieuwsbrief cache; rebuilding it")]
        end = raw.find(b"\n", len(MAGIC))
        try:
            header = json.loads(raw[len(MAGIC) : end])
        except ValueError:
            header = None
        if not isinstance(header, dict) or not all(name in header for name in ("project", "key", *needed)):
            return None, 0, [self.warning("the cache is corrupt (its header is unreadable); rebuilding it")]
        if header["project"] != self.project_id():
            return None, 0, [self.warning(f"the cache belongs to another project ({header['project']}); rebuilding it")]
        if header["key"] != self.key:
            return None, 0, []  # another version or other settings: stale, not wrong
        return header, end + 1, []

    def current(self) -> bool:
        """Whether a store of parts is there with this project's and this key's header, and whole (it is mapped, and its
        length and last bytes checked: nothing of its parts is read)."""
        return self.load_parts()[0] is not None

    def save(self, value: Any) -> list[Problem]:
        """Write the store atomically; a failure costs only speed, so it is a warning."""
        payload = marshal.dumps(value)
        return self._write({"length": len(payload), "crc32": zlib.crc32(payload)}, [payload])

    def save_parts(self, meta: Any, parts: Sequence[bytes]) -> list[Problem]:
        """Write ``meta`` (plain JSON data) and the ``parts`` as they are, each starting at a multiple of 8 bytes (so
        that arrays of numbers can be read in place), then END; no checksum: ``load_parts`` reads only what is used."""
        padded = [part + bytes(_padded(len(part)) - len(part)) for part in parts]
        return self._write({"meta": meta, "parts": [len(part) for part in parts]}, [*padded, END])

    def _write(self, fields: dict[str, Any], payload: list[bytes]) -> list[Problem]:
        header = json.dumps({"project": self.project_id(), "key": self.key, **fields}, ensure_ascii=False).encode("utf-8")
        header += b" " * (-(len(MAGIC) + len(header) + 1) % 8)  # the payload starts at a multiple of 8 bytes
        try:
            real_folder(self.project, CACHE_DIR)  # made where missing; a link anywhere on the way is refused
            remove_stale_temporaries(self.path.parent)
            # No fsync: a store lost or torn by a crash fails its checks and is rebuilt.
            atomic_write(self.path, b"".join([MAGIC, header, b"\n", *payload]), durable=False)
        except OSError as exc:
            return [self.warning(f"cannot write the cache ({exc.strerror}); the next run reads every file again")]
        return []

    def project_id(self) -> str:
        return str(self.project.resolve())

    def warning(self, message: str) -> Problem:
        return Problem(
            self.shown, 0, 0, message, "the cache only saves time; deleting .nieuwsbrief/cache is always safe", "warning"
        )


def _padded(size: int) -> int:
    return size + -size % 8


def trusted(mtime_ns: int, scan_started_ns: int) -> bool:
    """May a later run reuse what was learned from a file with this mtime? Not if it may change unseen."""
    return 0 < mtime_ns < scan_started_ns - RACY_NS
