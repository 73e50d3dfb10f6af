"""Locales: Dutch by default, English as the second; labels from the catalogue, overridable per project."""

from __future__ import annotations

import datetime as dt
import email
import functools
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import html5lib
import pytest

from nieuwsbrief import pipeline, scaffold
from nieuwsbrief.locales import CODES, locale, long_date

from .conftest import REPO, ProjectFactory

WEEK_48 = dt.date(2026, 11, 23)
DAY = dt.date(2026, 11, 28)

DUTCH_MONTHS = "januari februari maart april mei juni juli augustus september oktober november december"
DUTCH_DAYS = "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag"


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_]+", re.sub(r"\{\w+\}", " ", text))}


ENGLISH_MONTHS = "january february march april may june july august september october november december"

# Every word of the Dutch labels that is not also an English label word ("browser", "column", "min"),
# and the Dutch month and day names that English does not share ("november" is checked by case, below).
# "nieuwsbrief" is the tool's own name, which the sample text mentions.
DUTCH = (
    (_words(" ".join(locale("nl").labels.values())) - _words(" ".join(locale("en").labels.values())))
    | (_words(DUTCH_MONTHS + " " + DUTCH_DAYS) - _words(ENGLISH_MONTHS))
) - {"nieuwsbrief"}
DUTCH_DATE = re.compile(r"\b\d{1,2} (" + DUTCH_MONTHS.replace(" ", "|") + r") \d{4}\b")


def visible_words(html: str) -> set[str]:
    """The words a reader sees or hears: text, alt/title/aria-label; not URLs, not CSS."""
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    words: set[str] = set()
    for element in tree.iter():
        if element.tag in ("style", "script") or not isinstance(element.tag, str):
            continue
        words |= _words(element.text or "")
        words |= _words(element.tail or "")
        for name in ("alt", "title", "aria-label", "content"):
            words |= _words(element.get(name, ""))
    return words


def text_words(text: str) -> set[str]:
    return _words(re.sub(r"https?://\S+", " ", text))


def with_locale(root: Path, locale: str, extra: str = "") -> Path:
    toml = root / "nieuwsbrief.toml"
    text = toml.read_text(encoding="utf-8").replace('locale = "nl"', f'locale = "{locale}"')
    toml.write_text(text + extra, encoding="utf-8")
    return root


def test_the_catalogue_has_the_same_labels_in_both_locales() -> None:
    assert locale("nl").labels.keys() == locale("en").labels.keys()
    assert {k: locale("en").labels[k] for k in ("about_author", "related", "view_online", "unsubscribe")} == {
        "about_author": "About the author",
        "related": "Related articles",
        "view_online": "View in your browser",
        "unsubscribe": "Unsubscribe",
    }
    assert locale("en").labels["reading_time"].format(minutes=5) == "5 min read"


def test_every_locale_found_has_every_word_the_default_has() -> None:
    assert (CODES[0], CODES[1:]) == ("nl", tuple(sorted(CODES[1:]))) and "en" in CODES  # the default first
    default = locale("nl")
    for found in map(locale, CODES):
        assert [found.labels.keys(), found.proof.keys(), found.paths.keys(), found.words.keys(), found.init.keys()] == [
            default.labels.keys(),
            default.proof.keys(),
            default.paths.keys(),
            default.words.keys(),
            default.init.keys(),
        ], found.code
        assert (len(found.months), found.samples.keys()) == (12, default.samples.keys()), found.code


@pytest.mark.parametrize("code", CODES)
def test_every_locale_writes_dates_as_babel_does(code: str) -> None:
    """The locale's own month names and pattern, held to Babel's (CLDR's) "d MMMM y" for every day of a leap year:
    Babel itself is not loaded to render (a twentieth of a second a run)."""
    from babel.dates import format_date

    days = [dt.date(2028, 1, 1) + dt.timedelta(days=n) for n in range(366)]
    assert [long_date(day, code) for day in days] == [format_date(day, format="d MMMM y", locale=code) for day in days]


def _cli(package: Path, *arguments: str, cwd: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(package)}
    result = subprocess.run([sys.executable, "-m", "nieuwsbrief", *arguments], cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_a_new_locale_is_one_folder(tmp_path: Path) -> None:
    """A copy of the package with one folder added, en's with a few words translated, under a code Babel knows, and
    nothing else changed: init offers it, writes its sample texts, and the issue speaks its labels."""
    code = next(code for code in ("de", "fy", "fr") if code not in CODES)
    choices = ("nl", *sorted([*CODES[1:], code]))
    package = tmp_path / "package"
    shutil.copytree(REPO / "src" / "nieuwsbrief", package / "nieuwsbrief", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "templates", package / "nieuwsbrief" / "templates")
    folder = package / "nieuwsbrief" / "locales" / code
    shutil.copytree(folder.with_name("en"), folder)
    words = {'"Related articles"': '"Weitere Artikel"', '"My Newsletter"': '"Mein Newsletter"', '"Business"': '"Wirtschaft"'}
    labels = (folder / "labels.toml").read_text(encoding="utf-8")
    (folder / "labels.toml").write_text(functools.reduce(lambda text, w: text.replace(*w), words.items(), labels), "utf-8")
    column = folder / "init" / "column.md"
    column.write_text(column.read_text("utf-8").replace("Welcome to your first issue", "Willkommen"), "utf-8")

    shown = f"--locale <{'|'.join(choices)}> The labels, dates and sample texts: {' or '.join(choices)}."
    assert shown in " ".join(_cli(package, "init", "--help", cwd=tmp_path).split())
    _cli(package, "init", "--locale", code, "project", cwd=tmp_path)
    settings = (tmp_path / "project" / "nieuwsbrief.toml").read_text(encoding="utf-8")
    assert 'name = "Mein Newsletter"' in settings and f'locale = "{code}"' in settings
    assert f"# {' or '.join(choices)}: the labels and dates" in settings
    lead = (tmp_path / "project" / "content" / "columns" / "welcome-to-your-first-issue.md").read_text(encoding="utf-8")
    assert 'title: "Willkommen"\n' in lead and 'category: "Wirtschaft"\n' in lead
    _cli(package, "compose", cwd=tmp_path / "project")
    text = next((tmp_path / "project" / "issues").glob("*/issue.txt")).read_text(encoding="utf-8")
    assert "Weitere Artikel\n" in text and "Related articles" not in text
    assert "Willkommen" in text and "About the author\n" in text  # the words not translated stay en's


def test_the_sample_in_dutch_has_dutch_labels_and_dates(sample: Path) -> None:
    rendered = pipeline.compose(sample, WEEK_48).rendered
    assert "5 min lezen · Door Marloes Verhoeven · 23 november 2026" in rendered.text
    for label in ("Over de auteur", "Gerelateerde artikelen", "Bekijk in je browser", "Afmelden"):
        assert f">{label}<" in rendered.html


def test_the_sample_in_english_has_english_labels_and_dates(sample: Path) -> None:
    result = pipeline.compose(with_locale(sample, "en"), WEEK_48)
    html, text = result.rendered.html, result.rendered.text
    assert html.startswith('<!DOCTYPE html>\n<html lang="en" dir="ltr"')
    assert 'lang="en" dir="ltr" class="email-bg"' in html
    assert "5 min read · By Marloes Verhoeven · 23 November 2026" in text
    assert "Ondernemen Wekelijks · Issue 1 · 23 November 2026" in text
    for label in ("About the author", "Related articles", "View in your browser", "Unsubscribe"):
        assert f">{label}<" in html
    assert "About the author\n" in text and "Related articles\n" in text
    assert text.endswith("No longer want this newsletter? Unsubscribe:\nhttps://www.example.nl/nieuwsbrief/afmelden\n")
    # The content stays Dutch; no label or date of the Dutch catalogue is left in either part.
    for part in (html, text, (result.folder / "index.html").read_text(encoding="utf-8")):
        for label in locale("nl").labels.values():
            fixed = [piece.strip() for piece in re.split(r"\{\w+\}", label) if len(piece.strip()) > 3]
            assert not any(piece in part for piece in fixed), label
        assert not DUTCH_DATE.search(part)
    pipeline.resolve(sample, "2026-W48", "sent", via="mailchimp")  # the archive lists what was sent
    index = (sample / "issues" / "index.html").read_text(encoding="utf-8")
    assert "<title>Ondernemen Wekelijks · Archive</title>" in index and ">23 November 2026</time> · Issue 1" in index
    assert ">Subscribe to Ondernemen Wekelijks</a>" in index


@pytest.fixture
def english_project(tmp_path: Path) -> pipeline.ComposeResult:
    root = tmp_path / "english"
    scaffold.init_project(root, DAY, "en")
    return pipeline.compose(root, DAY)


def test_an_english_project_has_no_dutch_word_anywhere(english_project: pipeline.ComposeResult) -> None:
    root = english_project.folder.parents[1]
    message = email.message_from_bytes(english_project.rendered.eml, policy=default)
    assert isinstance(message, EmailMessage)
    found = {
        "issue.html": visible_words(english_project.rendered.html) & DUTCH,
        "index.html (web version)": visible_words(english_project.rendered.web_html) & DUTCH,
        "issue.txt": text_words(english_project.rendered.text) & DUTCH,
        "issue.eml headers": _words(" ".join(str(v) for k, v in message.items() if k != "Content-Type")) & DUTCH,
        "issues/index.html": visible_words((root / "issues" / "index.html").read_text(encoding="utf-8")) & DUTCH,
        "issues/feed.xml": _words(" ".join(ET.parse(root / "issues" / "feed.xml").getroot().itertext())) & DUTCH,
    }
    assert found == {key: set() for key in found}
    pages = [english_project.rendered.html, english_project.rendered.text, english_project.rendered.web_html]
    pages += [(root / "issues" / name).read_text(encoding="utf-8") for name in ("index.html", "feed.xml")]
    assert [page for page in pages if DUTCH_DATE.search(page)] == []
    assert english_project.rendered.edition.unsubscribe_url == "https://www.example.com/newsletter/unsubscribe"
    assert "28 November 2026" in english_project.rendered.text


def test_the_dutch_word_list_is_not_empty() -> None:
    assert {"lezen", "auteur", "gerelateerde", "afmelden", "bekijk", "oktober", "maandag"} <= DUTCH
    assert "browser" not in DUTCH


def test_labels_are_overridden_per_project(make_project: ProjectFactory) -> None:
    root = make_project()
    (root / "nieuwsbrief.toml").write_text(
        (root / "nieuwsbrief.toml").read_text(encoding="utf-8")
        + '\n[labels]\nrelated = "Meer om te lezen"\nreading_time = "{minutes} minuten"\n',
        encoding="utf-8",
    )
    rendered = pipeline.compose(root, WEEK_48).rendered
    assert ">Meer om te lezen</h2>" in rendered.html
    assert "Gerelateerde artikelen" not in rendered.html
    assert "1 minuten" in rendered.text


def test_unknown_labels_and_bad_placeholders_fail(make_project: ProjectFactory) -> None:
    root = make_project()
    (root / "nieuwsbrief.toml").write_text(
        (root / "nieuwsbrief.toml").read_text(encoding="utf-8")
        + '\n[labels]\nrelatd = "Meer"\nreading_time = "{minuten} min"\nissue = "Nr. {number"\n',
        encoding="utf-8",
    )
    problems = [p.render() for p in pipeline.check_project(root).problems]
    assert problems == [
        "nieuwsbrief.toml:11:10: error: unknown label 'relatd'; did you mean 'related'?",
        "nieuwsbrief.toml:12:16: error: [labels] reading_time may only use the placeholder {minutes}; write a literal brace as {{ or }}",
        "nieuwsbrief.toml:13:9: error: [labels] issue may only use the placeholder {number}; write a literal brace as {{ or }}",
    ]
