"""The only writer of issues/: one folder per issue with its manifest (manifest.py: what it featured, the send ledger).

Every write is atomic: a new issue folder is written under a temporary name, fsynced, then swapped
in with one rename, so a crash at any instant leaves either the old or the new issue, never half of
one. One lock file serialises writers; a second writer is refused at once, and the holder removes
what a killed run left behind (temporary folders and files, under issues/ and in every issue folder).

Nothing is written outside the project: issues/, the lock, the issue folders and their export/ must
be real files and folders (a symbolic link is refused, not followed). Published files get the archive's
modes (644 and 755 unless the settings say otherwise), whatever the umask. A failed write (a full disk,
a read-only file system) is a StorageError naming the file, and leaves the archive as it was.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import hashlib
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .atomic import NotRegularFile, atomic_write, fsync_dir, kind_of, open_no_link, read_regular, real_folder, write_synced
from .config import Settings
from .errors import ArchiveError, Problem, RefusedError, UsageError, storage_error
from .manifest import Manifest, manifest_bytes, parse_manifest
from .text import did_you_mean

ISSUES_DIR = "issues"
LOCK_FILE = ".lock"
MANIFEST = "manifest.json"
# "web" is the issue's web version: issues/<id>/index.html, so the folder's URL is the page's URL.
FILES = {"html": "issue.html", "text": "issue.txt", "eml": "issue.eml", "web": "index.html"}
# The archive as a website, beside the issue folders: issues/index.html and issues/feed.xml; and the brand's logo,
# which the emails link there ([brand] logo, a file in the project: brand.py).
SITE_FILES = {"index": "index.html", "feed": "feed.xml"}
LOGO_FILES = {"logo.png": "logo", "logo.jpg": "logo", "logo.gif": "logo"}
EXPORT_DIR = "export"
_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z_.-]{0,63}")
_RENAME_EXCHANGE = 2
TEMPORARY = ".tmp-"  # what every temporary name under issues/ starts with
MANIFEST_LIMIT = 16_000_000  # bytes; a manifest is a few kilobytes, and a ledger of years stays far below
ISSUE_FILE_LIMIT = 64_000_000  # bytes; an issue's HTML is about 100 KB (Gmail clips at 102 KB)
FILE_MODE, FOLDER_MODE = 0o644, 0o755  # publishable: the web server may read what the archive holds


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
    def __init__(self, project: Path, file_mode: int = FILE_MODE, folder_mode: int = FOLDER_MODE) -> None:
        self.project = project
        self.root = project / ISSUES_DIR
        self.file_mode = file_mode
        self.folder_mode = folder_mode

    @classmethod
    def of(cls, settings: Settings) -> Archive:
        """The project's archive, writing with the modes of its [archive] settings."""
        return cls(settings.project, settings.file_mode, settings.folder_mode)

    def issues(self) -> list[IssueRecord]:
        """Every complete issue, oldest id first. Temporary and hidden entries and the site's files are skipped."""
        return [IssueRecord(folder.name, folder, self._read_manifest(folder)) for folder in self._folders()]

    def _folders(self) -> list[Path]:
        """The issue folders by name, oldest first; a link in an issue folder's place is refused, never followed."""
        if not self.root.is_dir():
            return []
        folders = []
        for folder in sorted(self.root.iterdir()):
            if folder.name.startswith(".") or not _ID.fullmatch(folder.name) or folder.name in SITE_FILES.values():
                continue
            if folder.is_symlink() or _is_real_folder(folder):  # (a stray file beside the issues is skipped)
                folders.append(folder)
        return folders

    def _read_manifest(self, folder: Path) -> Manifest:
        shown = f"{ISSUES_DIR}/{folder.name}/{MANIFEST}"
        _real_issue_folder(folder)
        try:
            data, _ = read_regular(folder / MANIFEST, MANIFEST_LIMIT, follow=False)
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
                "broken archive",
                [Problem(shown, 0, 0, f"unreadable manifest: {exc.strerror or exc}", "restore it from version control")],
            ) from None
        if len(data) > MANIFEST_LIMIT:
            raise ArchiveError(
                "broken archive",
                [Problem(shown, 0, 0, f"manifest is over {MANIFEST_LIMIT:,} bytes", "restore it from version control")],
            )
        return parse_manifest(data, shown, issue_id=folder.name)

    def check(self) -> tuple[list[IssueRecord], list[Problem]]:
        """For `check`: the issues that read, and every problem of the others (a manifest that does not read, a
        file it lists that is missing or no regular file). A command that uses the archive stops at the first."""
        records: list[IssueRecord] = []
        problems: list[Problem] = []
        for folder in self._folders():
            try:
                record = IssueRecord(folder.name, folder, self._read_manifest(folder))
            except ArchiveError as exc:
                problems.extend(exc.problems)
                continue
            records.append(record)
            problems.extend(_missing_files(record))
        return records, problems

    def get(self, issue_id: str) -> IssueRecord | None:
        folder = self.root / validate_issue_id(issue_id)
        if not folder.is_dir() and not folder.is_symlink():
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
        ids = [r.id for r in records]
        raise UsageError(
            f"no issue {issue_id} in {ISSUES_DIR}/; {did_you_mean(issue_id, ids, 'composed: ' + (', '.join(ids) or 'none'))}"
        )

    def featured(self, except_id: str) -> dict[str, str]:
        """slug -> the id of the issue that featured it, over every other issue."""
        return featured_in(self.issues(), except_id)

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the archive's lock; a second holder is refused at once (exit 6)."""
        with self._writing(LOCK_FILE, "lock the archive"):
            real_folder(self.project, ISSUES_DIR, self.folder_mode)
            handle = open_no_link(self.root / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_NONBLOCK, self.file_mode)
        try:
            with self._writing(LOCK_FILE, "lock the archive"):
                mode = os.fstat(handle).st_mode
                if not stat.S_ISREG(mode):  # a named pipe opens without blocking, and would lock nothing
                    raise NotRegularFile(self.root / LOCK_FILE, kind_of(mode))
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
        """Remove what killed runs left behind: temporary folders and files, under issues/ and in its folders.

        Only under the lock, so no running writer's files are touched; none of them is ever visible as an issue.
        """
        for folder in (self.root, *self._issue_folders(), *self._export_folders()):
            for leftover in _temporaries(folder):
                with contextlib.suppress(OSError):
                    if _is_real_folder(leftover):
                        shutil.rmtree(leftover)
                    else:
                        os.unlink(leftover)

    def _issue_folders(self) -> list[Path]:
        with os.scandir(self.root) as entries:
            return [Path(e.path) for e in entries if _ID.fullmatch(e.name) and e.is_dir(follow_symlinks=False)]

    def _export_folders(self) -> list[Path]:
        return [folder / EXPORT_DIR for folder in self._issue_folders() if _is_real_folder(folder / EXPORT_DIR)]

    def write_issue(self, issue_id: str, files: dict[str, bytes], keep: tuple[str, ...] = ()) -> Path:
        """Write the issue's files into issues/<id>/ atomically, replacing an older version.

        The older version's subfolders named in ``keep`` (export/) are carried into the new one, never dropped.
        On any failure (a full disk, a signal) the temporary folder is removed and the old version stays.
        """
        target = self.root / validate_issue_id(issue_id)
        with self._writing(issue_id, "write the issue", exact=True):  # not the temporary folder's name
            _real_issue_folder(target)
            staging = Path(tempfile.mkdtemp(prefix=f"{TEMPORARY}{issue_id}-", dir=self.root))
            try:
                for name, data in sorted(files.items()):
                    write_synced(staging / name, data, self.file_mode)
                for name in keep:
                    self._copy_synced(target / name, staging / name)
                os.chmod(staging, self.folder_mode)  # mkdtemp makes it 700, whatever the umask
                fsync_dir(staging)
                if target.exists():
                    _exchange(staging, target)
                    shutil.rmtree(staging)  # now holds the old version
                else:
                    os.rename(staging, target)
                fsync_dir(self.root)
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
        return target

    def _copy_synced(self, source: Path, target: Path) -> None:
        """A real folder's regular files, copied and fsynced (nothing when there is no such folder; links never followed)."""
        if not _is_real_folder(source):
            return
        target.mkdir(mode=0o700)
        for path in sorted(source.iterdir()):
            if stat.S_ISREG(os.lstat(path).st_mode):
                data, _ = read_regular(path, ISSUE_FILE_LIMIT, follow=False)
                write_synced(target / path.name, data, self.file_mode)
        os.chmod(target, self.folder_mode)
        fsync_dir(target)

    def write_site(self, files: dict[str, bytes]) -> dict[str, Path]:
        """Replace issues/index.html and issues/feed.xml (and the logo), each atomically; returns their paths by key."""
        known = {name: key for key, name in SITE_FILES.items()} | LOGO_FILES
        unknown = sorted(set(files) - set(known))
        if unknown:
            raise ValueError(f"not a file of the archive site: {', '.join(unknown)}")
        written = {}
        with self._writing("", "write the archive's pages"):
            real_folder(self.project, ISSUES_DIR, self.folder_mode)
            for name, data in sorted(files.items()):
                atomic_write(self.root / name, data, mode=self.file_mode)
                written[known[name]] = self.root / name
        return written

    def write_export(self, issue_id: str, files: dict[str, bytes]) -> dict[str, Path]:
        """Write hand-off files into issues/<id>/export/, each one atomically; the issue's own files stay as they are.

        A forced recompose carries this folder into the new version of the issue (and says so): it is what was handed over.
        """
        relative = f"{validate_issue_id(issue_id)}/{EXPORT_DIR}"
        written = {}
        with self._writing(relative, "write the export"):
            _real_issue_folder(self.root / issue_id)
            folder = real_folder(self.project, f"{ISSUES_DIR}/{relative}", self.folder_mode)
            for name, data in sorted(files.items()):
                atomic_write(folder / name, data, mode=self.file_mode)
                written[name] = folder / name
        return written

    def update_manifest(self, issue_id: str, manifest: Manifest) -> None:
        """Replace one manifest atomically (a temporary file, fsync, rename), keeping its mode."""
        relative = f"{validate_issue_id(issue_id)}/{MANIFEST}"
        with self._writing(relative, "write the manifest"):
            folder = real_folder(self.project, f"{ISSUES_DIR}/{issue_id}", create=False)
            atomic_write(folder / MANIFEST, manifest_bytes(manifest))

    @contextlib.contextmanager
    def _writing(self, relative: str, doing: str, exact: bool = False) -> Iterator[None]:
        """An OSError while writing becomes a StorageError naming the file (``relative`` under issues/ when
        ``exact``, else the file the error names), relative to the project."""
        shown = f"{ISSUES_DIR}/{relative}".rstrip("/")
        try:
            yield
        except OSError as exc:
            raise storage_error(shown, exc, doing, None if exact else self.project) from None


def archived_file(record: IssueRecord, name: str, verify: bool = True) -> bytes:
    """An archived issue file; with ``verify``, checked against the hash its manifest recorded, so that a
    hand-edited issue never goes out unnoticed. A missing, odd or changed file is an ArchiveError."""
    shown = f"{ISSUES_DIR}/{record.id}/{name}"
    try:
        data, _ = read_regular(record.path / name, ISSUE_FILE_LIMIT, follow=False)
    except FileNotFoundError:
        raise ArchiveError("broken archive", [Problem(shown, 0, 0, "file missing", "compose the issue again")]) from None
    except OSError as exc:
        raise ArchiveError(
            "broken archive", [Problem(shown, 0, 0, f"cannot read it: {exc.strerror or exc}", "compose the issue again")]
        ) from None
    if len(data) > ISSUE_FILE_LIMIT:
        too_large = f"over {ISSUE_FILE_LIMIT:,} bytes"
        raise ArchiveError("broken archive", [Problem(shown, 0, 0, too_large, "compose the issue again")])
    expected = record.manifest.outputs.get(name)
    if verify and expected and hashlib.sha256(data).hexdigest() != expected:
        changed = "changed since it was composed (its SHA-256 differs from the manifest)"
        raise ArchiveError("broken archive", [Problem(shown, 0, 0, changed, "compose the issue again")])
    return data


def archived_text(record: IssueRecord, name: str, verify: bool = True) -> str:
    """An archived issue file as text (see archived_file); bytes that are not UTF-8 are an ArchiveError."""
    data = archived_file(record, name, verify)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        where = f"{ISSUES_DIR}/{record.id}/{name}"
        raise ArchiveError(
            "broken archive", [Problem(where, 0, 0, f"not UTF-8 text (byte {exc.start:,})", "compose the issue again")]
        ) from None


def _missing_files(record: IssueRecord) -> list[Problem]:
    problems = []
    for name in sorted(record.manifest.outputs):
        try:
            status = os.lstat(record.path / name)
        except FileNotFoundError:
            status = None
        if status is None or not stat.S_ISREG(status.st_mode):
            what = "file missing" if status is None else f"it is {kind_of(status.st_mode)}, not a regular file"
            problems.append(Problem(f"{ISSUES_DIR}/{record.id}/{name}", 0, 0, what, "compose the issue again"))
    return problems


def featured_in(records: list[IssueRecord], except_id: str) -> dict[str, str]:
    """slug -> the id of the issue that featured it, over the given issues but one."""
    found: dict[str, str] = {}
    for record in records:
        if record.id != except_id:
            for slug in record.manifest.featured_slugs():
                found.setdefault(slug, record.id)
    return found


def _is_real_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _real_issue_folder(folder: Path) -> None:
    """An issue folder must be a real folder: a link in its place (to anywhere) is refused, for reading too."""
    if folder.is_symlink() or (os.path.lexists(folder) and not _is_real_folder(folder)):
        kind = kind_of(os.lstat(folder).st_mode)
        raise ArchiveError(
            "broken archive",
            [
                Problem(
                    f"{ISSUES_DIR}/{folder.name}",
                    0,
                    0,
                    f"an issue folder must be a real folder, but this is {kind}",
                    "replace it with the folder it stands for, or remove it",
                )
            ],
        )


def _temporaries(folder: Path) -> list[Path]:
    try:
        with os.scandir(folder) as entries:
            return [Path(entry.path) for entry in entries if entry.name.startswith(TEMPORARY)]
    except OSError:
        return []


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
