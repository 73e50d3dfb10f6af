"""Real sites, read as they are: `init --from`, `check`, `compose` and `lint` on trimmed copies of public Hugo,
Jekyll, Eleventy and Astro sites (tests/sites/, with their licences): the picks, the web addresses the site
itself gives its pages, and no template syntax in either part of the issue."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nieuwsbrief import pipeline
from nieuwsbrief.cli import app

SITES = Path(__file__).parent / "sites"
runner = CliRunner()
# Hugo shortcodes, Liquid and Nunjucks tags and outputs, kramdown attribute lists: none may reach a reader.
TEMPLATE_SYNTAX = re.compile(r"\{\{[<%]|[>%]\}\}|\{%|%\}|\{\{\s*[\w.'\"]|\{:")


@dataclass(frozen=True)
class Case:
    locale: str
    day: str
    seen: tuple[int, int, int]  # columns, articles, authors, as init --from counts them
    lead: str
    links: dict[str, str]  # slot -> the piece's web address (without the UTM tags)


CASES = {
    "hugo-linkerd": Case(
        "en",
        "2026-07-01",
        (5, 5, 4),
        "0624-federating-clusters-for-zero-downtime-kubernetes",
        {
            "lead": "https://linkerd.io/2026/06/24/federating-clusters-for-zero-downtime-kubernetes/",
        },
    ),
    "hugo-letsencrypt": Case(
        "en",
        "2026-04-13",
        (4, 4, 4),
        "test-sites",
        {
            "lead": "https://letsencrypt.org/2026/04/10/test-sites.html",
        },
    ),
    "hugo-clarity": Case(
        "en",
        "2022-03-28",
        (4, 4, 1),
        "bundle",
        {
            "lead": "https://www.example.com/post/bundle/",
        },
    ),
    "jekyll-ieni": Case(
        "nl",
        "2021-05-10",
        (5, 5, 3),
        "codeweek-2021",
        {
            "lead": "https://www.example.nl/nieuws/codeweek-2021/",
        },
    ),
    "jekyll-jekyllrb": Case(
        "en",
        "2025-02-03",
        (8, 8, 6),
        "jekyll-4-4-1-released",
        {
            "lead": "https://jekyllrb.com/news/2025/01/29/jekyll-4-4-1-released/",
            "related-1": "https://jekyllrb.com/news/2025/01/27/jekyll-4-4-0-released/",
        },
    ),
    "eleventy-base-blog": Case(
        "en",
        "2018-10-01",
        (4, 4, 0),
        "fourthpost",
        {
            "lead": "https://www.example.com/blog/fourthpost/",
            "related-1": "https://www.example.com/blog/thirdpost/",
            "related-2": "https://www.example.com/blog/firstpost/",
        },
    ),
    "astro-blog": Case(
        "en",
        "2024-06-24",
        (4, 4, 0),
        "markdown-style-guide",
        {
            "lead": "https://www.example.com/blog/markdown-style-guide/",
        },
    ),
}


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def init_from(tmp_path: Path, name: str, locale: str, *more: str) -> tuple[Path, dict[str, object]]:
    """A copy of the site and a project beside it, written by `init --from`; the project and init's JSON."""
    site = tmp_path / name
    shutil.copytree(SITES / name, site)
    project = tmp_path / "nieuwsbrief"
    code, out, err = invoke("init", str(project), "--from", str(site), "--locale", locale, "--json", *more)
    assert (code, err) == (0, ""), out
    return project, json.loads(out)


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_real_site_composes_from_its_own_folder(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    project, seen = init_from(tmp_path, name, case.locale)
    assert (seen["generator"], seen["root"]) == (name.split("-")[0], f"../{name}")
    assert (seen["columns"], seen["articles"], seen["authors"]) == case.seen
    code, out, err = invoke("--project", str(project), "check")
    assert code == 0, err
    code, out, err = invoke("--project", str(project), "compose", "--date", case.day, "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["lead"]["slug"] == case.lead
    manifest = json.loads(Path(result["files"]["manifest"]).read_text(encoding="utf-8"))
    assert {slot: url.split("?")[0] for slot, url in manifest["links"].items()} == case.links
    for part in ("html", "text"):
        written = Path(result["files"][part]).read_text(encoding="utf-8")
        assert TEMPLATE_SYNTAX.findall(written) == [], part
    code, out, err = invoke("--project", str(project), "lint")
    assert code == 0, out + err


def test_init_from_says_what_it_found_and_what_to_do_next(tmp_path: Path) -> None:
    site = tmp_path / "mijn-site"
    shutil.copytree(SITES / "jekyll-ieni", site)
    code, out, err = invoke("init", str(tmp_path / "brief"), "--from", str(site))
    assert (code, err) == (0, "")
    assert out == (
        f"found a jekyll site in {site}; wrote in {tmp_path / 'brief'}:\n"
        "  nieuwsbrief.toml\n"
        "  .gitignore\n"
        "it sees 5 columns (pieces that can lead), 5 articles (related pieces) and 3 authors\n"
        "check reports 0 errors and 1 warning: run nieuwsbrief check\n"
        f"next: cd {tmp_path / 'brief'} && nieuwsbrief check && nieuwsbrief compose   (adjust [content] in nieuwsbrief.toml if needed)\n"
    )
    settings = (tmp_path / "brief" / "nieuwsbrief.toml").read_text(encoding="utf-8")
    assert 'name = "Vakvereniging i&i"' in settings  # the site's own title, its HTML entity read
    assert '\npreset = "jekyll"' in settings and '\nroot = "../mijn-site"' in settings
    assert '\nauthors = ["_data/authors.{yml,yaml,json,toml}", "_team/*.md"]' in settings
    assert "\n# article_url = " in settings  # written, it would override the site's own addresses


def test_the_author_an_issue_names_comes_from_the_site_with_a_bio_or_as_a_byline(tmp_path: Path) -> None:
    project, _ = init_from(tmp_path, "jekyll-ieni", "nl")
    code, out, _ = invoke("--project", str(project), "compose", "--date", "2020-05-01", "--lead", "hedy", "--json")
    assert code == 0
    text = Path(json.loads(out)["files"]["text"]).read_text(encoding="utf-8")
    assert "Door Felienne Hermans & Ramon Moorlag" in text  # a name only: the byline, and no box
    assert "Over de auteur" not in text
    code, out, _ = invoke(
        "--project", str(project), "compose", "--date", "2021-06-01", "--lead", "codeweek-2021", "--json", "--force"
    )
    assert code == 0
    text = Path(json.loads(out)["files"]["text"]).read_text(encoding="utf-8")
    assert (
        "Over de auteur\n\nRamon Moorlag, Voorzitter\nhttps://ramonmoorlag.nl\n\nDocent informatica @ Ds. Pierson College" in text
    )


def set_content(project: Path, **values: str) -> None:
    """Rewrite keys of init's [content] section (each value as TOML), or add them under it."""
    settings = project / "nieuwsbrief.toml"
    text = settings.read_text(encoding="utf-8")
    for key, value in values.items():
        line = f"{key} = {value}"
        text, found = re.subn(rf"(?m)^{key} = .*$", line, text)
        if not found:
            text = text.replace("[content]\n", f"[content]\n{line}\n", 1)
    settings.write_text(text, encoding="utf-8")


def test_a_multilingual_hugo_site_is_read_in_one_language_at_its_own_address(tmp_path: Path) -> None:
    project, _ = init_from(tmp_path, "hugo-letsencrypt", "en")
    set_content(project, language='"de"', columns='["content/*/docs/*.md"]', articles="[]")
    lead = pipeline.pick(project, dt.date(2024, 6, 27)).selection.lead.article  # the day after it: what is new
    assert (lead.slug, lead.path, lead.url, lead.title) == (
        "faq",
        "../hugo-letsencrypt/content/de/docs/faq.md",
        "https://letsencrypt.org/de/docs/faq/",
        "FAQ",
    )
    assert "## Welche Dienste bietet Let's Encrypt an?" in lead.body


def test_a_translation_by_file_name_is_read_in_its_own_language_and_its_refs_resolve(tmp_path: Path) -> None:
    project, _ = init_from(tmp_path, "hugo-clarity", "en")
    set_content(project, language='"pt"')
    content = pipeline.load_project(project, cache=False).content
    assert [(a.slug, a.url) for a in content.articles] == [
        ("markdown-syntax", "https://www.example.com/pt/post/markdown-syntax/")
    ]
    lead = pipeline.pick(project, dt.date(2019, 3, 12)).selection.lead.article  # the day after it: what is new
    assert "Artigo original: https://www.example.com/pt/post/markdown-syntax/" in lead.body


def test_every_preset_the_settings_take_is_a_registered_generator() -> None:
    # A new generator is one module in content/generators/ and its name in PRESETS; this keeps the two together.
    from nieuwsbrief.config.content_schema import PRESETS
    from nieuwsbrief.content.generators import GENERATORS

    assert sorted(PRESETS) == sorted(name for name in GENERATORS if name not in ("", "own"))
