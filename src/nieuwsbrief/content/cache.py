"""The metadata cache in <project>/.nieuwsbrief/cache/: what earlier runs learned about each content file.

A store is one file: a first line naming the format, a line of JSON (the project, a key, the length
and CRC-32 of the payload), then the payload in marshal, the standard library's fastest format for
plain data (a warm run over 100,000 files reads some 50 MB of it; JSON takes twice as long). The key
covers the nieuwsbrief and Python versions and the settings the entries depend on: another key means
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

import json
import marshal
import sys
import zlib
from pathlib import Path
from typing import Any

from ..atomic import atomic_write, read_regular, real_folder, remove_stale_temporaries
from ..errors import Problem

CACHE_DIR = ".nieuwsbrief/cache"
MAGIC = b"nieuwsbrief-cache 1\n"
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
        if not raw.startswith(MAGIC):
            return None, [self.warning("this is not a nieuwsbrief cache; rebuilding it")]
        end = raw.find(b"\n", len(MAGIC))
        try:
            header = json.loads(raw[len(MAGIC) : end])
            project, key, length, checksum = header["project"], header["key"], header["length"], header["crc32"]
        except (ValueError, TypeError, KeyError):
            return None, [self.warning("the cache is corrupt (its header is unreadable); rebuilding it")]
        if project != self.project_id():
            return None, [self.warning(f"the cache belongs to another project ({project}); rebuilding it")]
        if key != self.key:
            return None, []  # another version or other settings: stale, not wrong
        payload = memoryview(raw)[end + 1 :]
        if len(payload) != length or zlib.crc32(payload) != checksum:
            return None, [self.warning("the cache is corrupt (its checksum does not match); rebuilding it")]
        try:
            return marshal.loads(payload), []
        except (EOFError, ValueError, TypeError):
            return None, [self.warning("the cache is corrupt (unreadable data); rebuilding it")]

    def current(self) -> bool:
        """Whether the store is there with this project's and this key's header (its first bytes alone are read:
        whether a big store can be used is known before it is loaded)."""
        try:
            real_folder(self.project, CACHE_DIR, create=False)
            head, _ = read_regular(self.path, limit=4095, follow=False)
        except OSError:
            return False
        end = head.find(b"\n", len(MAGIC))
        try:
            header = json.loads(head[len(MAGIC) : end]) if head.startswith(MAGIC) and end > 0 else {}
        except ValueError:
            return False
        return isinstance(header, dict) and header.get("project") == self.project_id() and header.get("key") == self.key

    def save(self, value: Any) -> list[Problem]:
        """Write the store atomically; a failure costs only speed, so it is a warning."""
        payload = marshal.dumps(value)
        header = {"project": self.project_id(), "key": self.key, "length": len(payload), "crc32": zlib.crc32(payload)}
        data = MAGIC + json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n" + payload
        try:
            real_folder(self.project, CACHE_DIR)  # made where missing; a link anywhere on the way is refused
            remove_stale_temporaries(self.path.parent)
            # No fsync: a store lost or torn by a crash fails its checksum and is rebuilt.
            atomic_write(self.path, data, durable=False)
        except OSError as exc:
            return [self.warning(f"cannot write the cache ({exc.strerror}); the next run reads every file again")]
        return []

    def project_id(self) -> str:
        return str(self.project.resolve())

    def warning(self, message: str) -> Problem:
        return Problem(
            self.shown, 0, 0, message, "the cache only saves time; deleting .nieuwsbrief/cache is always safe", "warning"
        )


def trusted(mtime_ns: int, scan_started_ns: int) -> bool:
    """May a later run reuse what was learned from a file with this mtime? Not if it may change unseen."""
    return 0 < mtime_ns < scan_started_ns - RACY_NS
