"""The file system's edge: regular files read without ever blocking, and atomic, durable writes that stay inside
the project.

Reading: a file is opened with O_NONBLOCK and checked with fstat before a byte is read, so a named pipe, a
socket or a device under a Markdown name is refused at once instead of hanging the run; at most ``limit`` + 1
bytes are read, so a huge file costs no more than the limit.

Writing: a temporary file, fsync, one rename, so readers see the old file or the new one. Folders written into
are made and checked one part at a time below the project: none of them may be a symbolic link, so that a link
planted at issues/<id>/export or .nieuwsbrief/cache can never make a write land outside the project. Files and
folders get the modes asked for (publishable 644/755 for the archive), whatever the umask.
"""

from __future__ import annotations

import contextlib
import errno
import mmap
import os
import stat
import tempfile
from pathlib import Path

from . import clock

_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_KINDS = {
    stat.S_IFREG: "a regular file",
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFLNK: "a symbolic link",
}


class NotRegularFile(OSError):
    """A path that should be a regular file (or a real folder) is something else: a FIFO, a device, a link."""

    def __init__(self, path: str | os.PathLike[str], kind: str, expected: str = "a regular file") -> None:
        code = errno.ELOOP if kind == _KINDS[stat.S_IFLNK] else errno.EINVAL
        super().__init__(code, f"it is {kind}, not {expected}", os.fspath(path))
        self.kind = kind


def kind_of(mode: int) -> str:
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def open_no_link(path: str | os.PathLike[str], flags: int, mode: int = 0o600) -> int:
    """os.open that never follows a symbolic link at ``path``: a link there is a NotRegularFile, said plainly
    (O_NOFOLLOW alone reports it as "too many levels of symbolic links")."""
    try:
        return os.open(path, flags | _NOFOLLOW | _CLOEXEC, mode)
    except OSError as exc:
        if exc.errno == errno.ELOOP and os.path.islink(path):
            raise NotRegularFile(path, _KINDS[stat.S_IFLNK]) from None
        raise


def read_regular(path: str | os.PathLike[str], limit: int | None = None, follow: bool = True) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file as fstat found it (at most ``limit`` + 1 of them) and its stat; NotRegularFile
    for anything else.

    The caller compares the length with ``limit`` to refuse a file that is too large. ``follow=False`` refuses
    a symbolic link.
    """
    handle, status = _open_regular(path, follow)
    try:
        # The size fstat gave (one read for most files), and never more than one byte past the limit.
        wanted = status.st_size if limit is None else min(status.st_size, limit + 1)
        chunks = []
        while wanted > 0 and (chunk := os.read(handle, min(wanted, 1 << 24))):
            chunks.append(chunk)
            wanted -= len(chunk)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks), status
    finally:
        os.close(handle)


def map_regular(path: str | os.PathLike[str]) -> mmap.mmap:
    """A regular file mapped read-only, never through a symbolic link: its pages are read when they are first used
    (a big cache of which a run needs a few parts). Files here are replaced by a rename, never rewritten in place, so
    the mapped bytes stay those of the file that was opened. ValueError for an empty file, which cannot be mapped."""
    handle, _ = _open_regular(path, follow=False)
    try:
        return mmap.mmap(handle, 0, access=mmap.ACCESS_READ)
    finally:
        os.close(handle)


def _open_regular(path: str | os.PathLike[str], follow: bool) -> tuple[int, os.stat_result]:
    """A handle on a regular file, opened without blocking, and its stat; NotRegularFile for anything else."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | _CLOEXEC | (0 if follow else _NOFOLLOW))
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENXIO):  # a link not followed; a socket, which cannot be opened
            raise NotRegularFile(path, kind_of(os.lstat(path).st_mode)) from None
        raise
    try:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode):
            raise NotRegularFile(path, kind_of(status.st_mode))
    except BaseException:
        os.close(handle)
        raise
    return handle, status


def real_folder(project: Path, relative: str, mode: int | None = None, create: bool = True) -> Path:
    """``project / relative`` as a real folder inside the project, made (with ``mode``) where missing.

    Every part below the project is checked with lstat: a symbolic link, or anything but a folder, raises
    NotRegularFile; the real path is checked to lie inside the project's real path all the same.
    """
    folder = project
    for part in Path(relative).parts:
        folder = folder / part
        try:
            status = os.lstat(folder)
        except FileNotFoundError:
            if not create:
                raise
            if _made(folder, mode):
                continue
            status = os.lstat(folder)  # another run made it first: check what it made
        if not stat.S_ISDIR(status.st_mode):
            raise NotRegularFile(folder, kind_of(status.st_mode), "a folder")
    if not is_inside(os.path.realpath(folder), os.path.realpath(project)):
        raise NotRegularFile(folder, _KINDS[stat.S_IFLNK], "a folder")
    return folder


def _made(folder: Path, mode: int | None) -> bool:
    try:
        os.mkdir(folder, 0o700 if mode is None else mode)
    except FileExistsError:
        return False
    if mode is not None:
        os.chmod(folder, mode)  # whatever the umask took away
    return True


def is_inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def atomic_write(path: Path, data: bytes, durable: bool = True, mode: int | None = None) -> None:
    """Replace ``path`` with ``data`` in one rename: readers see the old file or the new one.

    ``durable`` also fsyncs, so that the new file survives a power cut; a cache, which is rebuilt when lost,
    can skip that cost. The new file gets ``mode``, or the mode of the file it replaces, or 0600. A symbolic
    link at ``path`` is replaced, never followed; the caller makes sure the folder is real (``real_folder``).
    """
    handle, temporary = tempfile.mkstemp(prefix=f".tmp-{path.name}-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            os.fchmod(stream.fileno(), _mode_for(path, mode))
            stream.write(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    if durable:
        fsync_dir(path.parent)


def _mode_for(path: Path, mode: int | None) -> int:
    if mode is not None:
        return mode
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return 0o600
    return stat.S_IMODE(status.st_mode) if stat.S_ISREG(status.st_mode) else 0o600


def write_synced(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write a new file (never through a link, never over an existing file) and fsync it."""
    handle = open_no_link(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(handle, "wb") as stream:
        os.fchmod(stream.fileno(), mode)  # whatever the umask took away
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


STALE_S = 3600  # a temporary file this old belongs to no running writer


def remove_stale_temporaries(folder: Path) -> None:
    """Remove the temporary files that killed runs left in ``folder`` (where no lock keeps writers apart: a running
    writer's own temporary file is younger than an hour)."""
    now = clock.wall_ns() / 1e9
    for leftover in folder.glob(".tmp-*"):
        with contextlib.suppress(OSError):
            status = os.lstat(leftover)
            if stat.S_ISREG(status.st_mode) and now - status.st_mtime > STALE_S:
                os.unlink(leftover)


def fsync_dir(path: Path) -> None:
    handle = os.open(path, os.O_RDONLY | _CLOEXEC)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
