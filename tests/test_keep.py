"""What the renderers keep between runs (.nieuwsbrief/cache/templates/): the compiled templates and their parsed
style sheet give the same bytes as a run without them, are not used with --no-cache, and a damaged or linked file
is a miss, never an error."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from nieuwsbrief import hyphenation, pipeline
from nieuwsbrief.keep import FOLDER, Keeper

DAY = dt.date(2026, 11, 23)


def outputs(result: pipeline.ComposeResult) -> tuple[str, str, str]:
    return result.rendered.html, result.rendered.web_html, result.rendered.text


def test_a_run_with_what_was_kept_gives_the_same_bytes(sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = outputs(pipeline.compose(sample, DAY, cache=False))
    assert not (sample / FOLDER).exists()  # --no-cache neither reads nor writes it
    monkeypatch.setattr(hyphenation, "_REMEMBERED", {})  # as in a new process: the words are hyphenated again
    first = outputs(pipeline.compose(sample, DAY))
    kept = sorted(path.name.split("-")[0] for path in (sample / FOLDER).iterdir())
    # premailer's parses (the style sheet, the declaration blocks), lint's of the head-only CSS; every template; the
    # long words hyphenated.
    assert kept.count("css") == 3 and kept.count("jinja") >= 13 and kept.count("hyphens") == 1
    assert outputs(pipeline.compose(sample, DAY)) == first == fresh


def test_a_damaged_kept_file_is_a_miss(sample: Path) -> None:
    first = outputs(pipeline.compose(sample, DAY))
    for path in (sample / FOLDER).iterdir():
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2] + b"x" * (len(data) - len(data) // 2))
    assert outputs(pipeline.compose(sample, DAY)) == first


def test_nothing_is_kept_or_read_through_a_link(sample: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    (sample / ".nieuwsbrief" / "cache").mkdir(parents=True)
    os.symlink(elsewhere, sample / FOLDER)
    pipeline.compose(sample, DAY)
    assert list(elsewhere.iterdir()) == []
    keeper = Keeper(sample)
    keeper.save("css", "x", (1, 2))
    assert keeper.load("css", "x") is None and list(elsewhere.iterdir()) == []


def test_a_value_comes_back_as_it_was_kept(tmp_path: Path) -> None:
    keeper = Keeper(tmp_path)
    assert keeper.load("css", "k") is None
    keeper.save("css", "k", ((1, 0, 2), "a", "b"))
    assert keeper.load("css", "k") == ((1, 0, 2), "a", "b")
    keeper.save("css", "bad", object())  # what marshal cannot write is not kept, and no error
    assert keeper.load("css", "bad") is None


def test_neither_a_first_nor_a_warm_compose_loads_cssutils(sample: Path) -> None:
    from .test_startup import loaded_by

    arguments = ("--project", str(sample), "compose", "--date", "2026-11-23", "--quiet")
    assert sorted({"cssutils", "requests"} & loaded_by(*arguments)) == []  # the templates' CSS is plain (plaincss.py)
    assert sorted({"cssutils", "requests"} & loaded_by(*arguments)) == []


def test_a_warm_render_hyphenates_from_the_kept_words_and_opens_no_dictionary(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hyphenation, "_REMEMBERED", {})  # a new process: nothing hyphenated yet
    first = outputs(pipeline.compose(sample, DAY))
    assert "\u00ad" in first[0]  # the sample's long words are hyphenated

    def no_dictionary(lang: str) -> None:
        raise AssertionError(f"the {lang} dictionary was opened")

    monkeypatch.setattr(hyphenation, "_REMEMBERED", {})  # the next process
    monkeypatch.setattr(hyphenation, "hyphenator", no_dictionary)
    assert outputs(pipeline.compose(sample, DAY)) == first


def test_words_kept_by_another_pyphen_are_hyphenated_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hyphenation, "_REMEMBERED", {})
    hyphenation.remember(("0.1", {"nl\0arbeidsongeschiktheidsverzekering": "wrong"}))
    assert hyphenation.hyphenate("arbeidsongeschiktheidsverzekering", "nl").count("\u00ad") == 8
