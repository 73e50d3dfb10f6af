"""The web archive: issues/index.html, the Atom feed and each issue's web version; valid, and the same bytes."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from typing import Any

import html5lib
import pytest
from typer.testing import CliRunner

from nieuwsbrief import pipeline
from nieuwsbrief.archive import Archive
from nieuwsbrief.cli import app

from .conftest import SENDING_SETTINGS, ProjectFactory, cli_env, now_shown
from .external_tools import VNU_JAR, require_file, require_program
from .test_email_checkers import is_email_ism

ATOM = "{http://www.w3.org/2005/Atom}"
WEEK_47 = dt.date(2026, 11, 16)
WEEK_48 = dt.date(2026, 11, 23)
WEEK_49 = dt.date(2026, 11, 30)


def sent_by_hand(root: Path, issue_id: str) -> None:
    """Record the issue as sent (as marketing would after sending it from the ESP's web app): the archive lists it."""
    pipeline.resolve(root, issue_id, "sent", via="mailchimp", clock=lambda: dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC))


def strict_parse(html: str) -> ET.Element:
    """html5lib in strict mode raises on any parse error the HTML standard defines."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    tree: ET.Element = parser.parse(html)
    return tree


def test_every_compose_writes_the_index_and_the_feed(sample: Path) -> None:
    pipeline.compose(sample, WEEK_48)
    result = pipeline.compose(sample, WEEK_49)
    assert result.files["index"] == sample / "issues" / "index.html"
    assert result.files["feed"] == sample / "issues" / "feed.xml"
    assert result.files["web"] == sample / "issues" / "2026-W49" / "index.html"
    assert all(path.is_file() for path in result.files.values())


def test_the_feed_is_atom_with_every_required_element(sample: Path) -> None:
    pipeline.compose(sample, WEEK_48)
    sent_by_hand(sample, "2026-W48")
    pipeline.compose(sample, WEEK_49)
    sent_by_hand(sample, "2026-W49")
    feed = ET.parse(sample / "issues" / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "nl"
    assert feed.findtext(f"{ATOM}id") == "https://www.example.nl/nieuwsbrief/"
    assert feed.findtext(f"{ATOM}title") == "Ondernemen Wekelijks"
    assert feed.findtext(f"{ATOM}updated") == "2026-11-30T07:00:00+01:00"
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Ondernemen Wekelijks"
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {"self": "https://www.example.nl/nieuwsbrief/feed.xml", "alternate": "https://www.example.nl/nieuwsbrief/"}
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}id") for e in entries] == [
        "https://www.example.nl/nieuwsbrief/2026-W49/",
        "https://www.example.nl/nieuwsbrief/2026-W48/",
    ]
    for entry in entries:
        assert entry.findtext(f"{ATOM}title")
        updated = entry.findtext(f"{ATOM}updated")
        assert updated is not None and dt.datetime.fromisoformat(updated).tzinfo is not None
        link = entry.find(f"{ATOM}link")
        assert link is not None and link.get("rel") == "alternate"
        assert link.get("href") == entry.findtext(f"{ATOM}id")
        assert entry.findtext(f"{ATOM}summary")
    assert entries[0].findtext(f"{ATOM}title") == "De maandagochtend hou ik vrij"
    assert max(e.findtext(f"{ATOM}updated") or "" for e in entries) == feed.findtext(f"{ATOM}updated")


def test_the_index_lists_every_sent_issue_newest_first_and_links_to_its_web_version(sample: Path) -> None:
    pipeline.compose(sample, WEEK_48)
    sent_by_hand(sample, "2026-W48")
    pipeline.compose(sample, WEEK_49)
    sent_by_hand(sample, "2026-W49")
    page = strict_parse((sample / "issues" / "index.html").read_text(encoding="utf-8"))
    assert page.get("lang") == "nl"
    assert page.findtext("head/title") == "Ondernemen Wekelijks · Archief"
    assert [h1.text for h1 in page.iter("h1")] == ["Ondernemen Wekelijks"]
    subscribe = page.find("body/main/header/p[@class='subscribe']/a")
    assert subscribe is not None
    assert (subscribe.get("href"), subscribe.text) == (
        "https://www.example.nl/nieuwsbrief/aanmelden",
        "Abonneer je op Ondernemen Wekelijks",
    )
    items = page.findall("body/main/ol/li")
    # Titles carry soft hyphens in their long words (hyphenation.py): the words themselves are unchanged.
    assert [str(item.findtext("article/h2/a")).replace("\xad", "") for item in items] == [
        "De maandagochtend hou ik vrij",
        "Duurzaam ondernemen: geen hype, maar huiswerk",
    ]
    assert [item.find("article/p/time").get("datetime") for item in items] == ["2026-11-30", "2026-11-23"]  # type: ignore[union-attr]
    assert [item.findtext("article/p/time") for item in items] == ["30 november 2026", "23 november 2026"]
    for item in items:
        href = item.find("article/h2/a").get("href")  # type: ignore[union-attr]
        assert href is not None and (sample / "issues" / href).is_file()


def test_view_in_your_browser_opens_the_web_version_in_the_archive(sample: Path) -> None:
    result = pipeline.compose(sample, WEEK_48)
    html = result.rendered.html
    assert '<a class="link" href="https://www.example.nl/nieuwsbrief/2026-W48/"' in html
    assert "https://www.example.nl/nieuwsbrief/2026-W48/" in result.rendered.text
    web = (result.folder / "index.html").read_text(encoding="utf-8")
    page = strict_parse(web)
    assert page.get("lang") == "nl"
    assert page.find("head/link[@rel='canonical']").get("href") == "https://www.example.nl/nieuwsbrief/2026-W48/"  # type: ignore[union-attr]
    assert "Bekijk in je browser" not in web  # a page does not link to itself
    assert '<a class="link" href="../index.html"' in web and ">Alle nummers</a>" in web
    assert "mso-hide: all" not in web  # no hidden preheader on a web page
    assert '<html lang="nl" dir="ltr">' in web  # no Office namespaces on a web page
    body_text = " ".join(page.find("body").itertext())  # type: ignore[union-attr]
    assert "Duurzaam ondernemen: geen hype, maar huiswerk" in body_text and "Over de auteur" in body_text


def test_an_archive_url_moves_the_web_versions_and_view_online_still_wins(make_project: ProjectFactory) -> None:
    root = make_project()
    toml = root / "nieuwsbrief.toml"
    base = toml.read_text(encoding="utf-8")
    toml.write_text(base + '\n[links]\narchive_url = "https://nieuws.example.nl/archief"\n', encoding="utf-8")
    result = pipeline.compose(root, WEEK_48)
    sent_by_hand(root, "2026-W48")
    assert result.rendered.edition.view_online_url == "https://nieuws.example.nl/archief/2026-W48/"
    feed = ET.parse(root / "issues" / "feed.xml").getroot()
    assert feed.findtext(f"{ATOM}entry/{ATOM}id") == "https://nieuws.example.nl/archief/2026-W48/"
    toml.write_text(
        base + '\n[links]\narchive_url = "https://nieuws.example.nl/archief/"\nview_online = "https://esp.example/{id}"\n',
        encoding="utf-8",
    )
    again = pipeline.compose(root, WEEK_48, force=True)
    assert again.rendered.edition.view_online_url == "https://esp.example/2026-W48"
    assert again.rendered.edition.web_url == "https://nieuws.example.nl/archief/2026-W48/"


def test_a_project_with_its_own_archive_keeps_view_online_on_it_in_esp_exports(make_project: ProjectFactory) -> None:
    root = make_project(settings=SENDING_SETTINGS)  # its own domain: export refuses example.nl
    toml = root / "nieuwsbrief.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8") + '\n[links]\narchive_url = "https://nieuws.testbrief.nl/archief/"\n', encoding="utf-8"
    )
    pipeline.compose(root, WEEK_48)
    result = CliRunner().invoke(app, ["--project", str(root), "export", "--esp", "mailchimp"], env=cli_env())
    assert result.exit_code == 0, result.output
    html = (root / "issues/2026-W48/export/mailchimp.html").read_text(encoding="utf-8")
    assert html.count('href="https://nieuws.testbrief.nl/archief/2026-W48/"') == 2  # masthead and footer
    assert "*|ARCHIVE|*" not in html
    assert 'href="*|UNSUB|*"' in html  # the unsubscribe link is still the ESP's own


def test_without_settings_the_archive_lives_under_the_base_url(make_project: ProjectFactory) -> None:
    result = pipeline.compose(make_project(), WEEK_48)
    assert result.rendered.edition.view_online_url == "https://www.example.nl/nieuwsbrief/2026-W48/"


def test_the_archive_pages_are_the_same_bytes_whenever_they_are_made(sample: Path) -> None:
    pipeline.compose(sample, WEEK_48)
    sent_by_hand(sample, "2026-W48")
    pipeline.compose(sample, WEEK_49)
    first = {name: (sample / "issues" / name).read_bytes() for name in ("index.html", "feed.xml")}
    pipeline.compose(sample, WEEK_48)  # recomposing an older week rewrites the pages from the same manifests
    assert {name: (sample / "issues" / name).read_bytes() for name in first} == first


def test_the_archive_lists_only_what_was_sent_unless_asked_for_all(sample: Path) -> None:
    first = pipeline.compose(sample, WEEK_48)
    Archive(sample).update_manifest("2026-W48", replace(first.manifest, status="sent"))
    pipeline.compose(sample, WEEK_49)  # composed, never sent: no part of the public record
    index = (sample / "issues" / "index.html").read_text(encoding="utf-8")
    feed = (sample / "issues" / "feed.xml").read_text(encoding="utf-8")
    assert "2026-W48/index.html" in index and "2026-W49/" not in index
    assert "nieuwsbrief/2026-W48/" in feed and "2026-W49" not in feed
    settings = sample / "nieuwsbrief.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + '\n[archive]\nissues = "all"\n', encoding="utf-8")
    pipeline.compose(sample, WEEK_49)
    assert "2026-W49/index.html" in (sample / "issues" / "index.html").read_text(encoding="utf-8")


def test_a_send_recorded_by_hand_puts_the_issue_on_the_archive_pages(sample: Path) -> None:
    pipeline.compose(sample, WEEK_48)
    assert "2026-W48" not in (sample / "issues" / "feed.xml").read_text(encoding="utf-8")
    result = CliRunner().invoke(app, ["--project", str(sample), "resolve", "--sent", "--via", "brevo"], env=cli_env())
    assert result.exit_code == 0, result.output
    assert result.stdout == f"recorded issue 2026-W48 as sent through brevo, by hand, at {now_shown()}\n"
    assert "nieuwsbrief/2026-W48/" in (sample / "issues" / "feed.xml").read_text(encoding="utf-8")
    assert "2026-W48/index.html" in (sample / "issues" / "index.html").read_text(encoding="utf-8")


def test_the_site_writer_only_writes_its_own_files(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"not a file of the archive site: manifest\.json"):
        Archive(tmp_path).write_site({"manifest.json": b"{}"})


def test_a_manifest_without_a_date_is_reported(make_project: ProjectFactory) -> None:
    root = make_project()
    pipeline.compose(root, WEEK_47)
    manifest = root / "issues/2026-W47/manifest.json"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace('"date": "2026-11-16"', '"date": "gisteren"', 1), encoding="utf-8")
    with pytest.raises(pipeline.NieuwsbriefError) as caught:
        pipeline.compose(root, WEEK_48)
    assert [p.render() for p in caught.value.problems] == [
        "issues/2026-W47/manifest.json:5:11: error: 'date' must be a date like 2026-11-23, got 'gisteren'; restore it from version control"
    ]
    assert not (root / "issues" / "2026-W48").exists()


# The Nu Html Checker, installed by `bash .ci/setup` (tests/external_tools.py; skipped without it, failed in CI).
# The archive page must be clean; the web version keeps the email's deliberate client hacks and nothing else.
def vnu_messages(*paths: Path) -> list[dict[str, Any]]:
    java = require_program("java")
    jar = require_file(VNU_JAR, "npm vnu-jar")
    checked = subprocess.run(
        [java, "-jar", str(jar), "--format", "json", "--stdout", *map(str, paths)], capture_output=True, text=True, timeout=120
    )
    messages: list[dict[str, Any]] = json.loads(checked.stdout)["messages"]
    return messages


def test_nu_html_checker_finds_no_error_in_the_archive_pages(sample: Path) -> None:
    pipeline.compose(sample, WEEK_48)
    sent_by_hand(sample, "2026-W48")
    result = pipeline.compose(sample, WEEK_49)
    messages = vnu_messages(sample / "issues" / "index.html", result.files["web"])  # one Java start for both
    assert [m for m in messages if m["url"].endswith("/issues/index.html")] == []
    web_errors = [m for m in messages if m["url"].endswith("/2026-W49/index.html") and m["type"] != "info"]
    assert web_errors, "vnu reported nothing at all: is it really checking the file?"
    assert [m["message"] for m in web_errors if not is_email_ism(m)] == []
