"""What the renderers keep between runs, in <project>/.nieuwsbrief/cache/templates/: the templates' compiled code
(templating.py), their parsed style sheet (inline.py) and the long words hyphenated (hyphenation.py), one file per
key.

A file holds a header (what wrote it, and the length and CRC-32 of the rest) and a payload in marshal; anything
else, or a file that fails its check, is a miss, never an error. The compiled code is executed, as Python executes
its own __pycache__: it lives inside the project, whose templates are trusted code anyway, it is never read through
a link or from outside the project, and it is taken only for the exact source it was compiled from. A run with
--no-cache neither reads nor writes it; a failure to write costs only speed.
"""

from __future__ import annotations

import contextlib
import marshal
import sys
import zlib
from pathlib import Path
from typing import Any

from .atomic import atomic_write, read_regular, real_folder

FOLDER = ".nieuwsbrief/cache/templates"
LIMIT = 4_000_000  # bytes: compiled templates are a few kilobytes each
_MAGIC = f"nieuwsbrief-keep 1 python {sys.version_info[0]}.{sys.version_info[1]} marshal {marshal.version}".encode()


class Keeper:
    """The kept files of one project."""

    def __init__(self, project: Path) -> None:
        self.project = project

    def load(self, kind: str, key: str) -> Any:
        """The value kept for ``key``, or None."""
        try:
            folder = real_folder(self.project, FOLDER, create=False)  # never read through a link
            raw, _ = read_regular(folder / f"{kind}-{key}", LIMIT, follow=False)
        except OSError:
            return None
        header, _, payload = raw.partition(b"\n")
        if header != _MAGIC + b" %d %d" % (len(payload), zlib.crc32(payload)):
            return None  # written by another version, or damaged: marshal is not made to read damaged bytes
        try:
            return marshal.loads(payload)
        except (EOFError, ValueError, TypeError):
            return None

    def save(self, kind: str, key: str, value: Any) -> None:
        with contextlib.suppress(OSError, ValueError):  # ValueError: a value marshal cannot write
            payload = marshal.dumps(value)
            folder = real_folder(self.project, FOLDER)
            atomic_write(folder / f"{kind}-{key}", _MAGIC + b" %d %d\n" % (len(payload), zlib.crc32(payload)) + payload, False)
