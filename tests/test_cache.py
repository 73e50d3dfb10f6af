"""The metadata cache: hits, changed, added and deleted files, damaged stores, --no-cache, parallel parses."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nieuwsbrief import content, pipeline
from nieuwsbrief.cli import app
from nieuwsbrief.config import load_settings
from nieuwsbrief.content import cache, records, yamlblock
from nieuwsbrief.errors import ContentError

from .conftest import SENDING_SETTINGS, ProjectFactory, article, clean, column
from .test_site_conventions import site

runner = CliRunner()
CACHE = Path(".nieuwsbrief/cache/content")


def age(root: Path, seconds: float = 3600) -> None:
    """Make every content file an hour old: the cache does not trust files changed a moment ago."""
    then = time.time() - seconds
    for path in (root / "content").rglob("*.md"):
        os.utime(path, (then, then))


def scan(root: Path, **options: object) -> content.Scan:
    return content.scan_content(load_settings(root), **options)  # type: ignore[arg-type]


def rewrite(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    then = time.time() - 600  # changed, but not a moment ago
    os.utime(path, (then, then))


def test_second_scan_reads_no_file(make_project: ProjectFactory) -> None:
    root = make_project()
    age(root)
    first = scan(root)
    second = scan(root)
    assert (first.stats.parsed, first.stats.cached) == (7, 0)
    assert (second.stats.parsed, second.stats.cached, second.stats.removed) == (0, 7, 0)
    assert second.content == first.content
    assert (root / CACHE).is_file()


def test_only_a_changed_file_is_parsed_again(make_project: ProjectFactory) -> None:
    root = make_project()
    age(root)
    scan(root)
    rewrite(root / "content/articles/over-geld.md", article("Over geld en groei", "2026-11-10", "[financiering]", "Financiën"))
    again = scan(root)
    assert (again.stats.parsed, again.stats.cached) == (1, 6)
    assert again.content.by_slug()["over-geld"].title == "Over geld en groei"


def test_deleted_and_added_files_are_noticed(make_project: ProjectFactory) -> None:
    root = make_project()
    age(root)
    scan(root)
    (root / "content/articles/over-prijzen.md").unlink()
    rewrite(root / "content/articles/nieuw.md", article("Nieuw", "2026-11-20"))
    again = scan(root)
    assert (again.stats.parsed, again.stats.cached, again.stats.removed) == (1, 6, 1)
    assert "over-prijzen" not in again.content.by_slug()
    assert "nieuw" in again.content.by_slug()


def test_files_changed_a_moment_ago_are_not_trusted(make_project: ProjectFactory) -> None:
    root = make_project()  # just written: a same-size edit within the timestamp granularity could go unseen
    scan(root)
    assert scan(root).stats.parsed == 7


def test_problems_come_from_the_cache_with_their_lines(make_project: ProjectFactory) -> None:
    root = make_project({"content/articles/fout.md": "---\ntitle: T\ndate: 5 mei 2026\ncategory: X\nkleur: rood\n---\n"})
    age(root)
    first = runner.invoke(app, ["--project", str(root), "check"])
    # The same stamp (size and mtime) means the same file to the cache, as to make and git: put back
    # the mtime after a same-size edit, and the cached problems are what is reported.
    path = root / "content/articles/fout.md"
    stamp = path.stat()
    path.write_text("---\ntitle: T\ndate: 6 mei 2026\ncategory: X\nkleur: rood\n---\n", encoding="utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    second = runner.invoke(app, ["--project", str(root), "check"])
    assert first.exit_code == second.exit_code == 1
    assert second.stderr == first.stderr
    assert "content/articles/fout.md:3:7: error: '5 mei 2026' is not a date in YYYY-MM-DD form" in second.stderr
    assert "content/articles/fout.md:5:1: warning: unknown key 'kleur' is ignored" in second.stderr
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 10**9))
    third = runner.invoke(app, ["--project", str(root), "check"])
    assert "'6 mei 2026' is not a date" in third.stderr


def test_checks_across_files_run_over_cached_files(make_project: ProjectFactory) -> None:
    root = make_project({"content/columns/verwijst.md": column("Verwijst", "2026-11-20", extra="related: [over-geld]\n")})
    age(root)
    scan(root)
    rewrite(root / "content/articles/kopie.md", "---\ntitle: T\ndate: 2026-11-01\ncategory: X\nslug: over-klanten\n---\n")
    (root / "content/articles/over-geld.md").unlink()
    assert problems_of(root) == [
        "content/articles/kopie.md:5:7: error: duplicate slug 'over-klanten' (also content/articles/over-klanten.md); rename one file or set a different slug:",
        "content/articles/over-klanten.md:1:1: error: duplicate slug 'over-klanten' (also content/articles/kopie.md); rename one file or set a different slug:",
        "content/columns/verwijst.md:7:10: error: 'related' names unknown slug 'over-geld'; use the file name, without .md, of an existing column or article",
    ]
    (root / "content/authors/anna.md").unlink()
    assert problems_of(root)[2:] == [
        f"content/columns/{name}.md:5:9: error: unknown author 'anna'; add content/authors/anna.md or use one of: none yet"
        for name in ("eerste-column", "tweede-column", "verwijst")
    ]


def problems_of(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        scan(root)
    return [p.render() for p in caught.value.problems]


def test_a_corrupt_cache_is_rebuilt_with_a_warning(make_project: ProjectFactory) -> None:
    root = make_project()
    age(root)
    scan(root)
    data = (root / CACHE).read_bytes()
    (root / CACHE).write_bytes(data[:-100] + bytes(100))
    rebuilt = scan(root)
    assert [p.render() for p in rebuilt.notices] == [
        ".nieuwsbrief/cache/content: warning: the cache is corrupt (its checksum does not match); rebuilding it; the cache only saves time; deleting .nieuwsbrief/cache is always safe"
    ]
    assert rebuilt.stats.parsed == 7
    after = scan(root)
    assert (after.notices, after.stats.cached) == ((), 7)


def test_a_foreign_file_or_another_projects_cache_is_rebuilt_with_a_warning(make_project: ProjectFactory, tmp_path: Path) -> None:
    root = make_project()
    age(root)
    (root / CACHE).parent.mkdir(parents=True)
    (root / CACHE).write_text("iets heel anders\n", encoding="utf-8")
    assert [p.message for p in scan(root).notices] == ["this is not a nieuwsbrief cache; rebuilding it"]
    other = tmp_path / "ander"
    shutil.copytree(root, other)
    assert [p.message for p in scan(other).notices] == [f"the cache belongs to another project ({root.resolve()}); rebuilding it"]
    assert scan(other).notices == ()


def test_the_cli_shows_the_warning_and_no_cache_bypasses_the_cache(make_project: ProjectFactory) -> None:
    root = make_project(clean(), settings=SENDING_SETTINGS)
    age(root)
    (root / CACHE).parent.mkdir(parents=True)
    (root / CACHE).write_bytes(b"nieuwsbrief-cache 1\n{kapot\n")
    bypassed = runner.invoke(app, ["--project", str(root), "check", "--no-cache"])
    assert (bypassed.exit_code, bypassed.stderr) == (0, "")
    assert (root / CACHE).read_bytes() == b"nieuwsbrief-cache 1\n{kapot\n"
    warned = runner.invoke(app, ["--project", str(root), "check"])
    assert warned.exit_code == 0
    assert warned.stderr == (
        f"{root}/.nieuwsbrief/cache/content: warning: the cache is corrupt (its header is unreadable); rebuilding it; the cache only saves time; deleting .nieuwsbrief/cache is always safe\n"
    )
    assert runner.invoke(app, ["--project", str(root), "check"]).stderr == ""


def test_no_cache_writes_no_cache(make_project: ProjectFactory) -> None:
    root = make_project()
    age(root)
    result = runner.invoke(app, ["--project", str(root), "compose", "--date", "2026-11-23", "--no-cache", "--quiet"])
    assert result.exit_code == 0, result.output
    assert not (root / ".nieuwsbrief").exists()
    assert runner.invoke(app, ["--project", str(root), "pick", "--date", "2026-11-23", "--no-cache"]).exit_code == 0
    assert not (root / ".nieuwsbrief").exists()


def test_another_version_or_other_settings_rebuild_quietly(make_project: ProjectFactory) -> None:
    root = make_project()
    age(root)
    scan(root)
    settings = (root / "nieuwsbrief.toml").read_text(encoding="utf-8")
    (root / "nieuwsbrief.toml").write_text(settings.replace("https://www.example.nl", "https://example.org"), encoding="utf-8")
    again = scan(root)
    assert (again.notices, again.stats.parsed) == ((), 7)
    assert again.content.by_slug()["over-geld"].url == "https://example.org/over-geld/"


def test_a_changed_module_of_a_source_checkout_rebuilds_the_cache_quietly(
    make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project()
    age(root)
    scan(root)
    monkeypatch.setattr(records, "code_identity", lambda: "0.0.0+another-reader")
    again = scan(root)
    assert (again.notices, again.stats.parsed) == ((), 7)


def test_the_sources_digest_follows_each_module_and_nothing_else(tmp_path: Path) -> None:
    (tmp_path / "generators" / "__pycache__").mkdir(parents=True)
    module = tmp_path / "generators" / "hugo.py"
    module.write_text("x = 1\n", encoding="utf-8")
    first = records.sources_digest(str(tmp_path))
    (tmp_path / "generators" / "__pycache__" / "hugo.cpython-311.pyc").write_bytes(b"\0")
    (tmp_path / "README.md").write_text("notes\n", encoding="utf-8")
    assert records.sources_digest(str(tmp_path)) == first
    module.write_text("x = 22\n", encoding="utf-8")
    assert records.sources_digest(str(tmp_path)) != first


def test_a_featured_piece_whose_included_file_changed_is_composed_with_the_new_text(tmp_path: Path) -> None:
    # The scan's entry for a post stays valid while the post is unchanged, though a snippet it includes changed: the
    # issue reads the post again, finds other words, and must take them (it stopped every run: "changed while reading").
    files = {
        "mkdocs.yml": "site_name: Blog\nsite_url: https://blog.example.org/\nplugins:\n  - blog\n"
        "markdown_extensions:\n  - pymdownx.snippets\n",
        "docs/blog/snippets/intro.md": "Het oude begin van elke post.\n",
        "docs/blog/posts/eerste.md": '---\ndate: 2026-11-20\n---\n\n# Eerste\n\n--8<-- "docs/blog/snippets/intro.md"\n',
    }
    project = site(tmp_path, "mkdocs", files, 'columns = ["docs/blog/posts/*.md"]\n')
    with (project / "nieuwsbrief.toml").open("a", encoding="utf-8") as settings:
        settings.write("[selection]\nwords_per_minute = 50\n")  # 84 words more make a minute more
    hour_ago = time.time() - 3600
    for path in (project / "site").rglob("*.md"):
        os.utime(path, (hour_ago, hour_ago))
    day = dt.date(2026, 11, 23)
    first = pipeline.pick(project, day).selection.lead.article
    assert (first.summary, first.reading_time) == ("Het oude begin van elke post.", 1)
    longer = "Een nieuw begin, langer dan het oude. " + "Nog een zin van zes woorden. " * 14
    (project / "site/docs/blog/snippets/intro.md").write_text(longer.strip() + "\n", encoding="utf-8")
    lead = pipeline.pick(project, day).selection.lead.article
    assert (lead.summary[:38], lead.body.strip(), lead.reading_time) == (longer[:38], longer.strip(), 2)
    composed = pipeline.compose(project, day)
    assert "Een nieuw begin, langer dan het oude." in (composed.folder / "issue.txt").read_text(encoding="utf-8")


def test_a_big_scan_uses_worker_processes_and_gives_the_same_result(make_project: ProjectFactory) -> None:
    files = {f"content/articles/stuk-{n:03d}.md": article(f"Stuk {n}", f"2026-10-{1 + n % 28:02d}") for n in range(60)}
    files["content/articles/fout.md"] = "---\ntitle: [\n---\n"
    root = make_project(files)
    settings = load_settings(root)
    with pytest.raises(ContentError) as serial:
        content.scan_content(settings, use_cache=False, parallel_from=10**9)
    with pytest.raises(ContentError) as parallel:
        content.scan_content(settings, use_cache=False, parallel_from=1)
    assert parallel.value.problems == serial.value.problems
    (root / "content/articles/fout.md").unlink()
    one = content.scan_content(settings, use_cache=False, parallel_from=10**9)
    seen: list[tuple[int, int]] = []
    many = content.scan_content(
        settings, use_cache=False, parallel_from=1, progress=lambda done, total: seen.append((done, total))
    )
    assert (one.stats.processes, many.stats.processes) == (1, min(2, len(os.sched_getaffinity(0))))
    assert many.content == one.content
    assert seen[-1] == (67, 67)


def test_without_the_c_loader_the_results_are_the_same_with_one_warning(
    make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A block list and a comment: front matter the direct reader leaves to PyYAML, so the loader is used.
    root = make_project(
        {
            "content/articles/extra.md": "---\ntitle: T  # titel\ndate: 2026-11-01\ncategory: X\ntags:\n  - klanten\nkleur: rood\n---\n"
        }
    )
    fast = scan(root, use_cache=False)
    monkeypatch.setattr(yamlblock, "_FAST_YAML", False)
    slow = scan(root, use_cache=False)
    assert (slow.content, slow.warnings) == (fast.content, fast.warnings)
    assert [p.render() for p in slow.notices] == [
        "(nieuwsbrief): warning: PyYAML has no C loader (libyaml): reading front matter is about ten times slower; install PyYAML with libyaml, e.g. the distribution's python3-yaml or a PyYAML wheel"
    ]


def test_featured_pieces_are_read_in_full_and_their_word_counts_cached(make_project: ProjectFactory) -> None:
    body = " ".join(["woord"] * 1284)
    root = make_project({"content/columns/lang.md": column("Lang", "2026-11-20", body=body)})
    age(root)
    settings = load_settings(root)
    light = scan(root).content.by_slug()["lang"]
    assert (light.body, light.reading_time, light.sha256) == ("", 0, "")
    (full,) = content.complete(settings, [light])
    assert (full.reading_time, full.body_line, full.body) == (5, 8, body + "\n")
    assert full.sha256 == __import__("hashlib").sha256((root / "content/columns/lang.md").read_bytes()).hexdigest()
    assert (root / ".nieuwsbrief/cache/words").is_file()
    assert content.complete(settings, [light]) == (full,)


def test_a_file_changed_during_the_run_stops_it(make_project: ProjectFactory) -> None:
    root = make_project()
    settings = load_settings(root)
    light = scan(root, use_cache=False).content.by_slug()["tweede-column"]
    rewrite(root / "content/columns/tweede-column.md", column("Tweede column", "2026-11-16", "[prijzen]", extra="draft: true\n"))
    with pytest.raises(ContentError) as caught:
        content.complete(settings, [light])
    assert [p.render() for p in caught.value.problems] == [
        "content/columns/tweede-column.md:1:1: error: the file changed while nieuwsbrief was reading it; run the command again"
    ]


def test_runs_at_once_leave_a_good_cache(make_project: ProjectFactory) -> None:
    root = make_project(
        clean({f"content/articles/stuk-{n:03d}.md": article(f"Stuk {n}", "2026-10-01") for n in range(40)}),
        settings=SENDING_SETTINGS,
    )
    age(root)
    command = [sys.executable, "-m", "nieuwsbrief", "--project", str(root), "check", "--quiet"]
    for _ in range(3):
        shutil.rmtree(root / ".nieuwsbrief", ignore_errors=True)
        runs = [subprocess.Popen(command, stderr=subprocess.PIPE) for _ in range(3)]
        for run in runs:
            _, stderr = run.communicate()
            assert (run.returncode, stderr) == (0, b"")
        after = scan(root)
        assert (after.notices, after.stats.parsed) == ((), 0)
    assert not list((root / CACHE).parent.glob(".tmp-*"))


def test_entries_are_trusted_only_when_older_than_the_racy_window() -> None:
    now = time.time_ns()
    assert cache.trusted(now - 3 * 10**9, now)
    assert not cache.trusted(now - 10**9, now)
    assert not cache.trusted(0, now)
    assert dt.timedelta(microseconds=cache.RACY_NS / 1000) == dt.timedelta(seconds=2)


def test_progress_shows_only_to_a_person_at_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from nieuwsbrief.cli import progress as progress_module

    assert progress_module._progress(quiet=False) is None  # stderr is captured here: not a terminal
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert progress_module._progress(quiet=True) is None
    progress = progress_module._progress(quiet=False)
    assert isinstance(progress, progress_module.ScanProgress)
    progress(250, 1000)  # within the first half second: nothing yet
    assert progress.bar is None
    progress.started -= progress_module.ScanProgress.DELAY_S
    progress(500, 1000)
    assert progress.bar is not None
    progress(1000, 1000)
    assert progress.bar is None  # done: the bar is gone
    assert capsys.readouterr().out == ""
