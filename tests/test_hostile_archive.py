"""Adversarial archives and file systems: hand-broken manifests, missing and special files, links planted where
nieuwsbrief writes, leftovers of killed runs, a full disk, a read-only disk and a strict umask. Each ends in one
clear message naming the file, the documented exit code, nothing half-written and nothing outside the project.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from nieuwsbrief import archive as archive_module
from nieuwsbrief import pipeline
from nieuwsbrief.archive import Archive

from .adversarial import (
    LEAD,
    WEEK_48,
    Case,
    Place,
    archive_state,
    composed_base,
    edit,
    invoke,
    place,
    run_case,
    settings,
    temporaries,
    write,
)
from .conftest import column

__all__ = ["composed_base"]  # the module-scoped fixture, imported for pytest

MANIFEST = "issues/2026-W48/manifest.json"
RESTORE = "; restore it from version control"  # the hint, after its message
BROKEN = "nieuwsbrief: broken archive; 1 error above"
AGAIN = "; compose the issue again"  # a hint follows its message after a semicolon
LINKED = "; nieuwsbrief writes only real files and folders inside the project: remove the link"  # a hint follows its message after a semicolon


def manifest(where: Place, change: object) -> None:
    """Edit the manifest of week 48 as JSON: ``change`` is (key, value), or text that replaces the whole file."""
    path = where.root / MANIFEST
    if isinstance(change, str):
        path.write_text(change, encoding="utf-8")
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    key, value = change  # type: ignore[misc]
    data[key] = value
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")


def replace_with(where: Place, name: str, make: str) -> None:
    """Put a named pipe, a folder or a link to outside the project where the project has ``name``."""
    path = where.root / name
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif os.path.lexists(path):
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    if make == "fifo":
        os.mkfifo(path)
    elif make == "folder":
        path.mkdir()
    elif make == "link to a file":
        path.symlink_to(where.outside / "geheim.txt")
    elif make == "link to a folder":
        path.symlink_to(where.outside / "map", target_is_directory=True)
    elif make == "dangling link":
        path.symlink_to(where.outside / "nieuw.txt")


CASES: dict[str, Case] = {
    # ---------------------------------------------------------------- hand-broken manifests
    "a manifest whose id is another week's": Case(
        lambda w: manifest(w, ("id", "2026-W47")),
        ("issues",),
        1,
        (f"{MANIFEST}:3:9: error: 'id' is '2026-W47', but the folder is '2026-W48'{RESTORE}", BROKEN),
        composed=True,
    ),
    "a manifest dated outside its week": Case(
        lambda w: manifest(w, ("date", "2026-12-25")),
        ("compose", "--date", "2026-11-30"),
        1,
        (f"{MANIFEST}:5:11: error: 'date' 2026-12-25 does not fall in the issue's week 2026-W48{RESTORE}", BROKEN),
        composed=True,
    ),
    "a manifest dated in the year 9999": Case(
        lambda w: manifest(w, ("date", "9999-12-31")),
        ("issues",),
        1,
        (f"{MANIFEST}:5:11: error: 'date' must be a date before the year 9999, got '9999-12-31'{RESTORE}", BROKEN),
        composed=True,
    ),
    "a negative issue number": Case(
        lambda w: manifest(w, ("number", -1)),
        ("issues",),
        1,
        (f"{MANIFEST}:4:13: error: 'number' must be from 0 to 999,999,999, got -1{RESTORE}", BROKEN),
        composed=True,
    ),
    "an issue number of 400 digits": Case(
        lambda w: manifest(w, ("number", 10**400)),
        ("issues",),
        1,
        (f"{MANIFEST}:4:13: error: 'number' must be from 0 to 999,999,999, got {'1' + '0' * 56}...{RESTORE}", BROKEN),
        composed=True,
    ),
    "a number of 5,000 digits": Case(
        lambda w: manifest(w, '{"schema": 1, "number": ' + "9" * 5000 + "}"),
        ("issues",),
        1,
        (
            f"{MANIFEST}:1:1: error: unreadable manifest: Exceeds the limit (4300 digits) for integer string conversion: "
            f"value has 5000 digits{RESTORE}",
            BROKEN,
        ),
        composed=True,
    ),
    "a manifest nested 100,000 deep": Case(
        lambda w: manifest(w, "[" * 100_000),
        ("issues",),
        1,
        (f"{MANIFEST}:1:1: error: unreadable manifest: it is nested too deeply{RESTORE}", BROKEN),
        composed=True,
    ),
    "NaN as a score": Case(
        lambda w: edit(w, MANIFEST, '"score": ', '"score": NaN, "was": '),
        ("issues",),
        1,
        (f"{MANIFEST}:1:1: error: unreadable manifest: NaN is not a number JSON allows{RESTORE}", BROKEN),
        composed=True,
    ),
    "an infinite score": Case(
        lambda w: edit(w, MANIFEST, '"score": ', '"score": 1e400, "was": '),
        ("issues",),
        1,
        (f"{MANIFEST}:19:14: error: 'lead.score' must be a number, got Infinity{RESTORE}", BROKEN),
        composed=True,
    ),
    "a subject of two lines in the manifest": Case(
        lambda w: manifest(w, ("subject", "Tweede column\nBcc: alle@example.nl")),
        ("export", "2026-W48", "--esp", "mailchimp"),
        1,
        (
            f"{MANIFEST}:7:14: error: 'subject' must be one line of text, got 'Tweede column\\nBcc: alle@example.nl'{RESTORE}",
            BROKEN,
        ),
        composed=True,
    ),
    "a lone surrogate escape in the manifest": Case(
        lambda w: edit(w, MANIFEST, '"type": "column"', '"type": "\\ud800"'),
        ("resolve", "2026-W48", "--sent"),
        1,
        (f"{MANIFEST}:12:14: error: unreadable manifest: a lone surrogate escape{RESTORE}", BROKEN),
        composed=True,
    ),
    "a manifest that is a named pipe": Case(
        lambda w: replace_with(w, MANIFEST, "fifo"),
        ("issues",),
        1,
        (f"{MANIFEST}: error: unreadable manifest: it is a named pipe (FIFO), not a regular file{RESTORE}", BROKEN),
        composed=True,
    ),
    "a manifest that is a link": Case(
        lambda w: replace_with(w, MANIFEST, "link to a file"),
        ("issues",),
        1,
        (f"{MANIFEST}: error: unreadable manifest: it is a symbolic link, not a regular file{RESTORE}", BROKEN),
        composed=True,
    ),
    # ---------------------------------------------------------------- an archived issue's files
    "a missing issue.html, linted": Case(
        lambda w: (w.root / "issues/2026-W48/issue.html").unlink(),
        ("lint", "2026-W48"),
        1,
        (f"issues/2026-W48/issue.html: error: file missing{AGAIN}", BROKEN),
        composed=True,
    ),
    "a missing issue.html, previewed": Case(
        lambda w: (w.root / "issues/2026-W48/issue.html").unlink(),
        ("preview", "2026-W48", "--no-open"),
        1,
        (f"issues/2026-W48/issue.html: error: file missing{AGAIN}", BROKEN),
        composed=True,
    ),
    "a missing issue.html, checked": Case(
        lambda w: (w.root / "issues/2026-W48/issue.html").unlink(),
        ("check", "--date", "2026-11-23"),
        1,
        (f"issues/2026-W48/issue.html: error: file missing{AGAIN}", "nieuwsbrief: 1 problem to fix"),
        composed=True,
    ),
    "an issue.txt that is not UTF-8": Case(
        lambda w: write(w, "issues/2026-W48/issue.txt", b"Caf\xe9\n"),
        ("lint", "2026-W48"),
        1,
        (f"issues/2026-W48/issue.txt: error: not UTF-8 text (byte 3){AGAIN}", BROKEN),
        composed=True,
    ),
    "an issue.html that is a named pipe": Case(
        lambda w: replace_with(w, "issues/2026-W48/issue.html", "fifo"),
        ("lint", "2026-W48"),
        1,
        (f"issues/2026-W48/issue.html: error: cannot read it: it is a named pipe (FIFO), not a regular file{AGAIN}", BROKEN),
        composed=True,
    ),
    "an issue.eml that is a named pipe, checked": Case(
        lambda w: replace_with(w, "issues/2026-W48/issue.eml", "fifo"),
        ("check", "--date", "2026-11-23"),
        1,
        (
            f"issues/2026-W48/issue.eml: error: it is a named pipe (FIFO), not a regular file{AGAIN}",
            "nieuwsbrief: 1 problem to fix",
        ),
        composed=True,
    ),
    "a file where an issue folder goes": Case(
        lambda w: (
            write(w, "issues/2026-W49", "geen map\n"),
            write(w, "content/columns/nieuw.md", column("Nieuw", "2026-11-27")),
        ),
        ("compose", "--date", "2026-11-30"),
        1,
        (
            "issues/2026-W49: error: an issue folder must be a real folder, but this is a regular file; replace it with the folder it stands for, or remove it",
            BROKEN,
        ),
        composed=True,
    ),
    # ---------------------------------------------------------------- links where nieuwsbrief writes
    "a link at issues/.lock": Case(
        lambda w: replace_with(w, "issues/.lock", "link to a file"),
        ("compose", "--date", WEEK_48),
        1,
        (
            f"issues/.lock: error: cannot lock the archive: it is a symbolic link, not a regular file{LINKED}",
            "nieuwsbrief: cannot lock the archive; 1 error above",
        ),
        composed=True,
    ),
    "a dangling link at issues/.lock": Case(
        lambda w: replace_with(w, "issues/.lock", "dangling link"),
        ("export", "2026-W48"),
        1,
        (
            f"issues/.lock: error: cannot lock the archive: it is a symbolic link, not a regular file{LINKED}",
            "nieuwsbrief: cannot lock the archive; 1 error above",
        ),
        composed=True,
    ),
    "a named pipe at issues/.lock": Case(
        lambda w: replace_with(w, "issues/.lock", "fifo"),
        ("compose", "--date", WEEK_48),
        1,
        (
            "issues/.lock: error: cannot lock the archive: it is a named pipe (FIFO), not a regular file; check the file and its folder, then run again",
            "nieuwsbrief: cannot lock the archive; 1 error above",
        ),
        composed=True,
    ),
    "a link at issues/<id>/export": Case(
        lambda w: replace_with(w, "issues/2026-W48/export", "link to a folder"),
        ("export", "2026-W48", "--esp", "mailchimp"),
        1,
        (
            f"issues/2026-W48/export: error: cannot write the export: it is a symbolic link, not a folder{LINKED}",
            "nieuwsbrief: cannot write the export; 1 error above",
        ),
        composed=True,
    ),
    "a link at issues/": Case(
        lambda w: (shutil.rmtree(w.root / "issues"), replace_with(w, "issues", "link to a folder")),
        ("compose", "--date", WEEK_48),
        1,
        (
            f"issues: error: cannot lock the archive: it is a symbolic link, not a folder{LINKED}",
            "nieuwsbrief: cannot lock the archive; 1 error above",
        ),
        composed=True,
    ),
    "a link at an issue folder": Case(
        lambda w: replace_with(w, "issues/2026-W48", "link to a folder"),
        ("compose", "--date", WEEK_48),
        1,
        (
            "issues/2026-W48: error: an issue folder must be a real folder, but this is a symbolic link; replace it with the folder it stands for, or remove it",
            BROKEN,
        ),
        composed=True,
    ),
    "a link at .nieuwsbrief/preview": Case(
        lambda w: replace_with(w, ".nieuwsbrief/preview", "link to a folder"),
        ("preview", "2026-W48", "--no-open"),
        1,
        (
            f".nieuwsbrief/preview: error: cannot write the proof sheet: it is a symbolic link, not a folder{LINKED}",
            "nieuwsbrief: cannot write the proof sheet; 1 error above",
        ),
        composed=True,
    ),
    "a link at .nieuwsbrief/": Case(
        lambda w: replace_with(w, ".nieuwsbrief", "link to a folder"),
        ("check", "--date", "2026-11-23"),
        0,
        (
            ".nieuwsbrief/cache/content: warning: cannot read the cache (it is a symbolic link, not a folder); rebuilding it; the cache only saves time; deleting .nieuwsbrief/cache is always safe",
            ".nieuwsbrief/cache/content: warning: cannot write the cache (it is a symbolic link, not a folder); the next run "
            "reads every file again; the cache only saves time; deleting .nieuwsbrief/cache is always safe",
        ),
    ),
    "a link at .nieuwsbrief/cache": Case(
        lambda w: replace_with(w, ".nieuwsbrief/cache", "link to a folder"),
        ("check", "--date", "2026-11-23"),
        0,
        (
            ".nieuwsbrief/cache/content: warning: cannot read the cache (it is a symbolic link, not a folder); rebuilding it; the cache only saves time; deleting .nieuwsbrief/cache is always safe",
            ".nieuwsbrief/cache/content: warning: cannot write the cache (it is a symbolic link, not a folder); the next run "
            "reads every file again; the cache only saves time; deleting .nieuwsbrief/cache is always safe",
        ),
    ),
    # ---------------------------------------------------------------- settings of the archive itself
    "a file mode the owner cannot write": Case(
        lambda w: settings(w, '\n[archive]\nfile_mode = "444"\n'),
        ("check", "--date", "2026-11-23"),
        1,
        (
            "nieuwsbrief.toml:11:13: error: archive.file_mode must be three octal digits that let the owner read and write, "
            "got '444'; 644 is the default",
            "nieuwsbrief: 1 problem to fix",
        ),
    ),
    "a folder mode that is no octal": Case(
        lambda w: settings(w, '\n[archive]\nfolder_mode = "rwxr-xr-x"\n'),
        ("check", "--date", "2026-11-23"),
        1,
        (
            "nieuwsbrief.toml:11:15: error: archive.folder_mode must be three octal digits that let the owner read, write "
            "and enter, got 'rwxr-xr-x'; 755 is the default",
            "nieuwsbrief: 1 problem to fix",
        ),
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_hostile_archive_ends_in_one_clear_message(name: str, tmp_path: Path, composed_base: Path) -> None:
    case = CASES[name]
    where = place(tmp_path, composed_base if case.composed else None)
    case.setup(where)
    run_case(where, case.args, case.code, list(case.stderr))


def test_a_link_at_a_site_page_is_replaced_never_written_through(tmp_path: Path, composed_base: Path) -> None:
    where = place(tmp_path, composed_base)
    replace_with(where, "issues/index.html", "link to a file")
    run_case(where, ("compose", "--date", WEEK_48, "--quiet"), 0, [])
    assert stat.S_ISREG(os.lstat(where.root / "issues/index.html").st_mode)


# ---------------------------------------------------------------- leftovers of killed runs

LEFTOVERS = (
    "issues/.tmp-2026-W48-k1ll3d/issue.html",
    "issues/.tmp-index.html-abc123",
    "issues/.tmp-feed.xml-def456",
    "issues/2026-W48/.tmp-manifest.json-ghi789",
    "issues/2026-W48/export/.tmp-mailchimp.html-jkl012",
)


@pytest.mark.parametrize("command", [("compose", "--date", WEEK_48, "--quiet"), ("export", "2026-W48")])
def test_the_next_run_removes_what_killed_runs_left_anywhere_in_the_archive(
    command: tuple[str, ...], tmp_path: Path, composed_base: Path
) -> None:
    where = place(tmp_path, composed_base)
    for name in LEFTOVERS:
        write(where, name, "half\n")
    result = invoke(where.root, *command)
    assert result.exit_code == 0, result.output
    assert [name for name in LEFTOVERS if os.path.lexists(where.root / name)] == []


def test_a_proof_sheet_killed_while_written_is_removed_by_a_later_preview(tmp_path: Path, composed_base: Path) -> None:
    # .nieuwsbrief/ has no lock: only a temporary file over an hour old belongs to no running preview.
    where = place(tmp_path, composed_base)
    write(where, ".nieuwsbrief/preview/.tmp-2026-W48.html-oud", "half\n")
    write(where, ".nieuwsbrief/preview/.tmp-2026-W48.html-nu", "half\n")
    os.utime(where.root / ".nieuwsbrief/preview/.tmp-2026-W48.html-oud", (0, 0))
    assert invoke(where.root, "preview", "2026-W48", "--no-open").exit_code == 0
    assert sorted(p.name for p in (where.root / ".nieuwsbrief/preview").iterdir()) == [".tmp-2026-W48.html-nu", "2026-W48.html"]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_inits_gitignore_covers_every_leftover_and_the_cache(tmp_path: Path) -> None:
    assert invoke(tmp_path, "init", "site").exit_code == 0
    root = tmp_path / "site"
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    scratch = [*(name for name in LEFTOVERS), "issues/.lock", ".nieuwsbrief/cache/content"]
    ignored = subprocess.run(
        ["git", "check-ignore", *scratch, "issues/2026-W48/issue.html"], cwd=root, capture_output=True, text=True
    )
    assert ignored.stdout.splitlines() == scratch  # every scratch file, and not the issue itself


# ---------------------------------------------------------------- modes, whatever the umask


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def modes(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): oct(stat.S_IMODE(os.lstat(path).st_mode))
        for path in sorted((root / "issues").rglob("*"))
        if path.name != ".lock"
    }


@pytest.mark.parametrize(
    ("extra", "file_mode", "folder_mode"),
    [("", "0o644", "0o755"), ('\n[archive]\nfile_mode = "640"\nfolder_mode = "750"\n', "0o640", "0o750")],
)
def test_published_files_get_their_modes_whatever_the_umask(tmp_path: Path, extra: str, file_mode: str, folder_mode: str) -> None:
    where = place(tmp_path)
    settings(where, extra)
    with umask(0o077):
        assert invoke(where.root, "compose", "--date", WEEK_48, "--quiet").exit_code == 0
        assert invoke(where.root, "export", "2026-W48", "--esp", "brevo").exit_code == 0
    found = modes(where.root)
    assert {name: mode for name, mode in found.items() if mode != file_mode} == {
        "issues/2026-W48": folder_mode,
        "issues/2026-W48/export": folder_mode,
    }
    assert "issues/feed.xml" in found and "issues/2026-W48/export/brevo.json" in found


def test_a_rewritten_manifest_keeps_its_mode(tmp_path: Path, composed_base: Path) -> None:
    where = place(tmp_path, composed_base)
    path = where.root / MANIFEST
    path.chmod(0o640)
    record = Archive(where.root).select("2026-W48")
    with umask(0o077):
        Archive(where.root).update_manifest("2026-W48", record.manifest)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


# ---------------------------------------------------------------- a full disk, a read-only disk

SPACE = "; the disk is full: free some space, then run again"  # a hint follows its message after a semicolon


def test_a_simulated_full_disk_while_writing_the_pages_names_the_file(
    tmp_path: Path, composed_base: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    where = place(tmp_path, composed_base)

    def full(path: Path, data: bytes, durable: bool = True, mode: int | None = None) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(archive_module, "atomic_write", full)
    run_case(  # the issue, with the same bytes, was swapped in whole; the pages stay as they were
        where,
        ("compose", "--date", WEEK_48),
        1,
        [
            f"issues/feed.xml: error: cannot write the archive's pages: No space left on device{SPACE}",
            "nieuwsbrief: cannot write the archive's pages; 1 error above",
        ],
    )


def test_a_simulated_read_only_export_folder_names_it(
    tmp_path: Path, composed_base: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    where = place(tmp_path, composed_base)

    def read_only(path: object, mode: int = 0o777) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    monkeypatch.setattr(os, "mkdir", read_only)
    run_case(
        where,
        ("export", "2026-W48"),
        1,
        [
            "issues/2026-W48/export: error: cannot write the export: Read-only file system; the file system is mounted read-only: run where the project can be written",
            "nieuwsbrief: cannot write the export; 1 error above",
        ],
    )


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A tmpfs of its own, 4 MB, with the composed project on it: to fill up, or to make read-only."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root; the simulated full and read-only disks above run everywhere")
    disk = tmp_path / "disk"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(disk)], check=True)
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=True)


def fill(disk: Path) -> None:
    with open(disk / "vulsel", "wb", buffering=0) as filler, contextlib.suppress(OSError):
        while True:
            filler.write(b"\0" * 4096)


def test_a_full_disk_leaves_the_old_issue_whole_and_no_temporary_file(small_disk: Path, composed_base: Path) -> None:
    where = place(small_disk, composed_base)
    edit(where, LEAD, "Tekst van de column.", "Tekst van de column, herschreven.")  # the issue's bytes will differ
    fill(small_disk)
    run_case(
        where,
        ("compose", "--date", WEEK_48),
        1,
        [
            f"issues/2026-W48: error: cannot write the issue: No space left on device{SPACE}",
            "nieuwsbrief: cannot write the issue; 1 error above",
        ],
    )
    (small_disk / "vulsel").unlink()
    assert pipeline.list_issues(where.root)[0].manifest.outputs == Archive(composed_base).select("2026-W48").manifest.outputs


def test_a_read_only_disk_is_said_plainly(small_disk: Path, composed_base: Path) -> None:
    where = place(small_disk, composed_base)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    run_case(
        where,
        ("compose", "--date", WEEK_48),
        1,
        [
            "issues/.lock: error: cannot lock the archive: Read-only file system; the file system is mounted read-only: run where the project can be written",
            "nieuwsbrief: cannot lock the archive; 1 error above",
        ],
    )
    run_case(
        where,
        ("new", "article", "Nieuw stuk"),
        1,
        [
            "content/articles/nieuw-stuk.md: error: cannot read or write a file: Read-only file system; the file system is mounted read-only: run where the project can be written",
            "nieuwsbrief: cannot read or write a file; 1 error above",
        ],
    )
    assert invoke(where.root, "issues").exit_code == 0  # reading still works


def test_a_folder_another_run_makes_first_is_taken_as_it_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Two first composes at once both find no issues/: the one that loses the race to make it goes on.
    where = place(tmp_path)
    real_mkdir = os.mkdir

    def beaten(path: object, mode: int = 0o777) -> None:
        real_mkdir(path, mode)  # type: ignore[arg-type]
        if Path(str(path)).name == "issues":  # made, but by "another run"
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))

    monkeypatch.setattr(os, "mkdir", beaten)
    run_case(where, ("compose", "--date", WEEK_48, "--quiet"), 0, [])
    assert (where.root / "issues/2026-W48/manifest.json").is_file()


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("setpriv") is None, reason="runs compose as another user: needs root")
def test_an_issues_folder_the_user_cannot_write_is_named_with_what_to_do(composed_base: Path) -> None:
    # As root every permission is granted: the run goes as nobody, in a folder nobody may read but not write.
    folder = Path(tempfile.mkdtemp(prefix="nieuwsbrief-permissions-"))
    try:
        folder.chmod(0o755)
        root = folder / "site"
        shutil.copytree(composed_base, root)
        subprocess.run(["chown", "-R", "65534:65534", str(root)], check=True)
        (root / "issues").chmod(0o555)
        before = archive_state(root)
        as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-m", "nieuwsbrief"]
        result = subprocess.run([*as_nobody, "compose", "--date", WEEK_48], cwd=root, capture_output=True, text=True)
        assert (result.returncode, result.stderr) == (
            1,
            "issues/2026-W48: error: cannot write the issue: Permission denied; check the permissions: the user running nieuwsbrief must be able to read and write it\n"
            "nieuwsbrief: cannot write the issue; 1 error above\n",
        )
        assert archive_state(root) == before and temporaries(root) == []
    finally:
        shutil.rmtree(folder)
