"""The only writer of issues/: one folder per issue with its manifest (manifest.py: what it featured, the send ledger).

Every write is atomic: a new issue folder is written under a temporary name, fsynced, then swapped
in with one rename, so a crash at any instant leaves either the old or the new issue, never half of
one. One lock file serialises writers; a second writer is refused at once.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .atomic import atomic_write, fsync_dir, write_synced
from .errors import ArchiveError, Problem, RefusedError, UsageError
from .manifest import Manifest, manifest_bytes, parse_manifest

ISSUES_DIR = "issues"
LOCK_FILE = ".lock"
MANIFEST = "manifest.json"
# "web" is the issue's web version: issues/<id>/index.html, so the folder's URL is the page's URL.
FILES = {"html": "issue.html", "text": "issue.txt", "eml": "issue.eml", "web": "index.html"}
# The archive as a website, beside the issue folders: issues/index.html and issues/feed.xml.
SITE_FILES = {"index": "index.html", "feed": "feed.xml"}
EXPORT_DIR = "export"
_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z_.-]{0,63}")
_RENAME_EXCHANGE = 2


@dataclass(frozen=True)
class IssueRecord:
    id: str
    path: Path
    manifest: Manifest

    def summary(self) -> dict[str, object]:
        """The issue as `nieuwsbrief issues --json` lists it."""
        manifest = self.manifest
        return {
            "id": self.id,
            "date": manifest.date.isoformat(),
            "status": manifest.status,
            "subject": manifest.subject,
            "lead": {"slug": manifest.lead.slug},
            "related": [{"slug": piece.slug} for piece in manifest.related],
            "path": str(self.path),
        }


def validate_issue_id(issue_id: str) -> str:
    """Ids name folders: refuse anything that could escape issues/."""
    if not _ID.fullmatch(issue_id) or issue_id in (".", ".."):
        raise UsageError(f"invalid issue id {issue_id!r}: use letters, digits, '-', '_' and '.', like 2026-W48")
    return issue_id


class Archive:
    def __init__(self, project: Path) -> None:
        self.root = project / ISSUES_DIR

    def issues(self) -> list[IssueRecord]:
        """Every complete issue, oldest id first. Temporary and unreadable folders are skipped."""
        if not self.root.is_dir():
            return []
        records = []
        for folder in sorted(self.root.iterdir()):
            if folder.name.startswith(".") or not folder.is_dir() or not _ID.fullmatch(folder.name):
                continue
            manifest = self._read_manifest(folder)
            records.append(IssueRecord(folder.name, folder, manifest))
        return records

    def _read_manifest(self, folder: Path) -> Manifest:
        shown = f"{ISSUES_DIR}/{folder.name}/{MANIFEST}"
        try:
            data = (folder / MANIFEST).read_bytes()
        except FileNotFoundError:
            raise ArchiveError(
                "broken archive",
                [
                    Problem(
                        shown,
                        0,
                        0,
                        "issue folder has no manifest",
                        f"restore it from version control, or remove the folder {ISSUES_DIR}/{folder.name}",
                    )
                ],
            ) from None
        except OSError as exc:
            raise ArchiveError(
                "broken archive", [Problem(shown, 0, 0, f"unreadable manifest: {exc}", "restore it from version control")]
            ) from None
        return parse_manifest(data, shown)

    def get(self, issue_id: str) -> IssueRecord | None:
        folder = self.root / validate_issue_id(issue_id)
        if not folder.is_dir():
            return None
        return IssueRecord(issue_id, folder, self._read_manifest(folder))

    def select(self, issue_id: str | None) -> IssueRecord:
        """The issue asked for, or the newest one when no id is given."""
        record = self.get(issue_id) if issue_id is not None else None
        if record is not None:
            return record
        records = self.issues()  # only for the newest, or for the message
        if issue_id is None:
            if not records:
                raise UsageError("the archive has no issues yet: run nieuwsbrief compose first")
            return records[-1]
        known = ", ".join(r.id for r in records) or "none"
        raise UsageError(f"no issue {issue_id} in {ISSUES_DIR}/ (composed: {known})")

    def featured(self, except_id: str) -> dict[str, str]:
        """slug -> the id of the issue that featured it, over every other issue."""
        return featured_in(self.issues(), except_id)

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the archive's lock; a second holder is refused at once (exit 6)."""
        self.root.mkdir(parents=True, exist_ok=True)
        handle = os.open(self.root / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise RefusedError(
                    f"another nieuwsbrief run holds the lock on {self.root / LOCK_FILE}; try again when it has finished"
                ) from None
            self._clean_leftovers()
            yield
        finally:
            os.close(handle)

    def _clean_leftovers(self) -> None:
        # Only under the lock: whatever a killed run left behind is not visible as an issue; remove it.
        for leftover in self.root.glob(".tmp-*"):
            shutil.rmtree(leftover, ignore_errors=True)

    def write_issue(self, issue_id: str, files: dict[str, bytes], keep: tuple[str, ...] = ()) -> Path:
        """Write the issue's files into issues/<id>/ atomically, replacing an older version.

        The older version's subfolders named in ``keep`` (export/) are carried into the new one, never dropped.
        """
        target = self.root / validate_issue_id(issue_id)
        staging = Path(tempfile.mkdtemp(prefix=f".tmp-{issue_id}-", dir=self.root))
        for name, data in sorted(files.items()):
            write_synced(staging / name, data)
        for name in keep:
            _copy_synced(target / name, staging / name)
        fsync_dir(staging)
        if target.exists():
            _exchange(staging, target)
            shutil.rmtree(staging)  # now holds the old version
        else:
            os.rename(staging, target)
        fsync_dir(self.root)
        return target

    def write_site(self, files: dict[str, bytes]) -> dict[str, Path]:
        """Replace issues/index.html and issues/feed.xml, each atomically; returns their paths by key."""
        known = {name: key for key, name in SITE_FILES.items()}
        unknown = sorted(set(files) - set(known))
        if unknown:
            raise ValueError(f"not a file of the archive site: {', '.join(unknown)}")
        self.root.mkdir(parents=True, exist_ok=True)
        written = {}
        for name, data in sorted(files.items()):
            atomic_write(self.root / name, data)
            written[known[name]] = self.root / name
        return written

    def write_export(self, issue_id: str, files: dict[str, bytes]) -> dict[str, Path]:
        """Write hand-off files into issues/<id>/export/, each one atomically; the issue's own files stay as they are.

        A forced recompose carries this folder into the new version of the issue (and says so): it is what was handed over.
        """
        folder = self.root / validate_issue_id(issue_id) / EXPORT_DIR
        folder.mkdir(exist_ok=True)
        written = {}
        for name, data in sorted(files.items()):
            atomic_write(folder / name, data)
            written[name] = folder / name
        return written

    def update_manifest(self, issue_id: str, manifest: Manifest) -> None:
        """Replace one manifest atomically (a temporary file, fsync, rename)."""
        folder = self.root / validate_issue_id(issue_id)
        atomic_write(folder / MANIFEST, manifest_bytes(manifest))


def featured_in(records: list[IssueRecord], except_id: str) -> dict[str, str]:
    """slug -> the id of the issue that featured it, over the given issues but one."""
    found: dict[str, str] = {}
    for record in records:
        if record.id != except_id:
            for slug in record.manifest.featured_slugs():
                found.setdefault(slug, record.id)
    return found


def _copy_synced(source: Path, target: Path) -> None:
    """A folder's files, copied and fsynced (nothing when it does not exist)."""
    if not source.is_dir():
        return
    target.mkdir()
    for path in sorted(source.iterdir()):
        if path.is_file():
            write_synced(target / path.name, path.read_bytes())
    fsync_dir(target)


def _exchange(first: Path, second: Path) -> None:
    """Swap two folders in one step (Linux renameat2); elsewhere fall back to two renames."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None:
        at_fdcwd = -100
        if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), _RENAME_EXCHANGE) == 0:
            return
        if ctypes.get_errno() not in (errno.EINVAL, errno.ENOSYS):
            raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(second))
    aside = first.with_name(first.name + "-old")
    os.rename(second, aside)
    os.rename(first, second)
    os.rename(aside, first)
