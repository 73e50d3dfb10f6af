"""The walk's remembered folders (walk.Folders): an unchanged folder is not listed again, and every change a folder's
mtime shows (a file added, removed or renamed, a folder added, a file turned into a link) is still found."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from nieuwsbrief import content
from nieuwsbrief.config import load_settings
from nieuwsbrief.content import walk
from nieuwsbrief.content.live import LiveIndex
from nieuwsbrief.errors import ContentError

from .conftest import ProjectFactory, article
from .test_site_conventions import HUGO, post, site

HOUR = 3600


def age(root: Path, seconds: float = HOUR) -> None:
    """Every file and folder under content/ an hour old: the walk remembers only folders that settled."""
    then = time.time() - seconds
    for path in [*(root / "content").rglob("*"), root / "content"]:
        os.utime(path, (then, then), follow_symlinks=False)


def scan(root: Path) -> content.Scan:
    return content.scan_content(load_settings(root))


@pytest.fixture
def listed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders listed (os.scandir, by the walk and any other reader), in order."""
    seen: list[str] = []
    real = os.scandir

    def counting(path: str) -> object:
        seen.append(str(path))
        return real(path)

    monkeypatch.setattr(walk.os, "scandir", counting)
    return seen


def slugs(found: content.Scan) -> set[str]:
    return {a.slug for a in found.content.articles}


def test_an_unchanged_folder_is_not_listed_again(make_project: ProjectFactory, listed: list[str]) -> None:
    root = make_project({"content/articles/2026/in-een-map.md": article("In een map", "2026-10-03")})
    age(root)
    first = scan(root)
    assert str(root / "content/articles/2026") in listed
    listed.clear()
    second = scan(root)
    assert [path for path in listed if "/content" in path] == []
    assert (second.content, second.stats.parsed) == (first.content, 0)


def test_a_fresh_folder_is_listed_until_it_settles(make_project: ProjectFactory, listed: list[str]) -> None:
    root = make_project()
    age(root)
    os.utime(root / "content/articles")  # changed a moment ago: its mtime may not show the next change
    scan(root)
    listed.clear()
    scan(root)
    assert [path for path in listed if "/content" in path] == [str(root / "content/articles")]


@pytest.mark.parametrize("change", ["added", "removed", "renamed", "folder added", "linked", "hidden"])
def test_a_change_in_a_remembered_folder_is_found(make_project: ProjectFactory, change: str) -> None:
    root = make_project()
    age(root)
    scan(root)
    folder = root / "content/articles"
    if change == "added":
        (folder / "nieuw.md").write_text(article("Nieuw", "2026-10-07"), encoding="utf-8")
    elif change == "removed":
        (folder / "over-geld.md").unlink()
    elif change == "renamed":
        (folder / "over-geld.md").rename(folder / "over-geld-en-groei.md")
    elif change == "folder added":
        (folder / "2026").mkdir()
        (folder / "2026/nieuw.md").write_text(article("Nieuw", "2026-10-07"), encoding="utf-8")
    elif change == "linked":
        (folder / "over-geld.md").rename(root / "elders.md")
        (folder / "over-geld.md").symlink_to(root / "elders.md")
    else:
        (folder / ".verborgen.md").write_text(article("Verborgen", "2026-10-07"), encoding="utf-8")
    age(root, HOUR / 2)  # settled again, at another time than the walk remembered
    expected = slugs(content.scan_content(load_settings(root), use_cache=False)) if change != "linked" else None
    if change == "linked":
        with pytest.raises(ContentError) as raised:
            scan(root)
        assert "link points outside" in str([p.message for p in raised.value.problems])
        return
    assert slugs(scan(root)) == expected
    assert slugs(scan(root)) == expected  # and remembered again


def test_a_changed_file_in_a_remembered_folder_is_read_again(make_project: ProjectFactory) -> None:
    root = make_project()
    age(root)
    scan(root)
    path = root / "content/articles/over-geld.md"
    path.write_text(article("Over geld en groei", "2026-11-10", "[financiering]", "Financiën"), encoding="utf-8")
    then = time.time() - 600
    os.utime(path, (then, then))  # the file changed, its folder did not
    again = scan(root)
    assert again.stats.parsed == 1
    assert "Over geld en groei" in {a.title for a in again.content.articles}


def test_a_warm_scan_of_a_hugo_site_lists_no_unchanged_folder(tmp_path: Path, listed: list[str]) -> None:
    # The settings name no globs, so the preset's are made at every scan: making them must not walk the site (a look
    # for `.markdown` pages did, 80 ms at 10,000 pieces; that look is init's alone)
    files = {"hugo.toml": HUGO, "content/posts/bundel/index.md": post("Bundel", "2026-11-04")}
    files["content/posts/2026/los.md"] = post("Los", "2026-11-05")
    root = site(tmp_path, "hugo", files)
    then = time.time() - HOUR
    for path in [*(root / "site").rglob("*"), root / "site"]:
        os.utime(path, (then, then), follow_symlinks=False)
    scan(root)
    listed.clear()
    assert sorted(a.slug for a in scan(root).content.articles) == ["bundel", "los"]
    assert [path for path in listed if "/site/" in path] == []


def test_a_cover_image_added_beside_an_unchanged_bundle_page_is_found(tmp_path: Path) -> None:
    root = site(tmp_path, "hugo", {"hugo.toml": HUGO, "content/posts/bundel/index.md": post("Bundel", "2026-11-04")})
    then = time.time() - HOUR
    for path in [*(root / "site").rglob("*"), root / "site"]:
        os.utime(path, (then, then), follow_symlinks=False)
    assert [a.image for a in scan(root).content.articles] == [""]
    (root / "site/content/posts/bundel/cover.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # index.md itself unchanged
    again = scan(root)
    assert [a.image for a in again.content.articles] == ["https://blog.example.org/posts/bundel/cover.png"]
    assert again.stats.parsed == 1
    (root / "site/content/posts/bundel/cover.png").unlink()
    assert [a.image for a in scan(root).content.articles] == [""]
    (root / "site/content/posts/bundel/cover.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # the live proof's start reads the same
    live = LiveIndex(load_settings(root)).scan()
    assert [a.image for a in live.content.articles] == ["https://blog.example.org/posts/bundel/cover.png"]
