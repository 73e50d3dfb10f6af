"""`init` and `new`: a project that composes at once, and new files that never overwrite anything."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nieuwsbrief import pipeline, scaffold
from nieuwsbrief.cli import app
from nieuwsbrief.errors import UsageError
from nieuwsbrief.locales import CODES
from nieuwsbrief.text import slugify

from .conftest import ProjectFactory

runner = CliRunner()
DAY = dt.date(2026, 11, 28)


def run(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env=env)


def test_init_new_and_compose_work_in_a_row_in_an_empty_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, today: dt.date
) -> None:
    monkeypatch.chdir(tmp_path)
    init = run("init", "mijn-nieuwsbrief")
    assert (init.exit_code, init.stderr) == (0, "")
    assert init.stdout == (
        "created a nieuwsbrief project in mijn-nieuwsbrief:\n"
        "  nieuwsbrief.toml\n"
        "  content/columns/welkom-bij-je-eerste-nummer.md\n"
        "  content/articles/een-goede-onderwerpregel-schrijven.md\n"
        "  content/authors/sanne-de-vries.md\n"
        "  .gitignore\n"
        "  README.md\n"
        "next: cd mijn-nieuwsbrief && nieuwsbrief compose   (then open issues/<week>/issue.html)\n"
    )
    monkeypatch.chdir(tmp_path / "mijn-nieuwsbrief")
    new = run("new", "article", "Creëer een band met je klant")
    assert (new.exit_code, new.stderr) == (0, "")
    assert new.stdout == (
        "created content/articles/creeer-een-band-met-je-klant.md\n"
        "  it is a draft: nieuwsbrief publish creeer-een-band-met-je-klant when it is ready to go out\n"
    )
    text = Path("content/articles/creeer-een-band-met-je-klant.md").read_text(encoding="utf-8")
    assert f"\ndate: {today.isoformat()}\n" in text
    check = run("check")
    # What init left in place is pointed out (export and send refuse it), but nothing stops a first compose.
    assert (check.exit_code, check.stdout) == (0, "ok: no errors, 10 warnings\n")
    compose = run("compose", "--json")
    assert compose.exit_code == 0, compose.output
    result = json.loads(compose.stdout)
    assert result["lead"]["slug"] == "welkom-bij-je-eerste-nummer"
    assert [r["slug"] for r in result["related"]] == ["een-goede-onderwerpregel-schrijven"]  # the new one is a draft
    for key in ("html", "text", "eml", "web", "index", "feed"):
        assert Path(result["files"][key]).is_file(), key


def test_init_writes_commented_settings_that_validate(tmp_path: Path) -> None:
    created = scaffold.init_project(tmp_path / "site", DAY, "nl", 'De "Week" van Jansen & Zn')
    settings = (tmp_path / "site" / "nieuwsbrief.toml").read_text(encoding="utf-8")
    assert settings.startswith("# nieuwsbrief settings.")
    assert 'name = "De \\"Week\\" van Jansen & Zn"' in settings
    assert sum(1 for line in settings.splitlines() if "#" in line) >= 20
    hint = "put your own there: an example domain reaches no reader, and export and send refuse it"
    assert [p.render() for p in pipeline.check_project(tmp_path / "site", day=DAY).problems] == [
        "content/articles/een-goede-onderwerpregel-schrijven.md:2:8: warning: een-goede-onderwerpregel-schrijven is the "
        "sample article from nieuwsbrief init; replace it with your own, or delete the file: export and send refuse "
        "an issue that features it",
        "content/authors/sanne-de-vries.md:5:1: warning: the bio of Sanne de Vries is still the sample text from "
        "nieuwsbrief init; write a few sentences about the author: export and send refuse an issue that carries this one",
        "content/columns/welkom-bij-je-eerste-nummer.md:2:8: warning: welkom-bij-je-eerste-nummer is the sample column "
        "from nieuwsbrief init; replace it with your own, or delete the file: export and send refuse an issue that features it",
        f"nieuwsbrief.toml:6:12: warning: newsletter.base_url still uses the example domain www.example.nl; {hint}",
        f"nieuwsbrief.toml:7:8: warning: newsletter.from still uses the example domain example.nl; {hint}",
        "nieuwsbrief.toml:9:18: warning: newsletter.postal_address is still the sample address "
        "'Voorbeeldstraat 1, 1234 AB Utrecht'; put your own there: the law wants a real one in every commercial email, "
        "and export and send refuse this one",
        f"nieuwsbrief.toml:20:15: warning: links.unsubscribe still uses the example domain www.example.nl; {hint}",
        f"nieuwsbrief.toml:21:22: warning: links.unsubscribe_mailto still uses the example domain example.nl; {hint}",
        f"nieuwsbrief.toml:22:15: warning: links.archive_url still uses the example domain www.example.nl; {hint}",
        f"nieuwsbrief.toml:23:15: warning: links.article_url still uses the example domain www.example.nl; {hint}",
    ]
    loaded = pipeline.load_project(tmp_path / "site")
    assert loaded.settings.name == 'De "Week" van Jansen & Zn'
    assert loaded.settings.new_author == "sanne-de-vries"
    assert [a.slug for a in loaded.content.articles] == ["een-goede-onderwerpregel-schrijven", "welkom-bij-je-eerste-nummer"]
    assert created.files[0] == "nieuwsbrief.toml"
    gitignore = (tmp_path / "site" / ".gitignore").read_text(encoding="utf-8")
    assert "issues/.lock\n" in gitignore and "issues/**/.tmp-*\n" in gitignore
    assert "nieuwsbrief compose" in (tmp_path / "site" / "README.md").read_text(encoding="utf-8")


def test_init_composes_on_the_day_it_was_made(tmp_path: Path) -> None:
    scaffold.init_project(tmp_path, DAY)
    result = pipeline.compose(tmp_path, DAY)
    assert result.rendered.edition.subject == "Welkom bij je eerste nummer"
    # The sample is dated the Sunday before the week init ran in: any column the editor writes from then on leads.
    assert "Door Sanne de Vries · 22 november 2026" in result.rendered.text
    # Settings, content and the pre-flight checks all pass as written; one-click unsubscribe (C-37) is not asked
    # for until the project sends to a list itself: nothing a newcomer could act on yet.
    assert [(w.code, w.severity) for w in result.warnings] == []


def test_init_never_overwrites_a_project_or_its_content(tmp_path: Path) -> None:
    scaffold.init_project(tmp_path, DAY)
    settings = (tmp_path / "nieuwsbrief.toml").read_bytes()
    again = run("init", str(tmp_path))
    assert (again.exit_code, again.stdout) == (2, "")
    assert again.stderr == (
        f"nieuwsbrief: {tmp_path}/nieuwsbrief.toml already exists: {tmp_path} is a nieuwsbrief project; "
        "init never overwrites one\n"
    )
    assert (tmp_path / "nieuwsbrief.toml").read_bytes() == settings
    other = tmp_path / "other"
    (other / "content/authors").mkdir(parents=True)
    (other / "content/authors/sanne-de-vries.md").write_text("mine", encoding="utf-8")
    refused = run("init", str(other))
    assert refused.exit_code == 2
    assert refused.stderr == (
        f"nieuwsbrief: init never overwrites files, and these exist in {other}: content/authors/sanne-de-vries.md\n"
    )
    assert sorted(p.name for p in other.iterdir()) == ["content"]


def test_init_keeps_an_existing_readme_and_gitignore(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Mijn site\n", encoding="utf-8")
    result = run("init", str(tmp_path), "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["kept"] == ["README.md"]
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "# Mijn site\n"
    assert (tmp_path / ".gitignore").is_file()


def test_init_refuses_an_unknown_locale(tmp_path: Path) -> None:
    result = run("init", str(tmp_path / "x"), "--locale", "xx")
    assert result.exit_code == 2
    assert f"'xx' is not one of {', '.join(map(repr, CODES))}." in result.stderr
    assert not (tmp_path / "x").exists()
    with pytest.raises(UsageError) as caught:
        scaffold.init_project(tmp_path / "x", DAY, "xx")
    assert caught.value.message == f"--locale 'xx' is not supported; use one of: {', '.join(CODES)}"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Creëer een band met je klant", "creeer-een-band-met-je-klant"),
        ("Ça va? Één, twee & drie!", "ca-va-een-twee-drie"),
        ("Coördinatie–overleg in ’s-Hertogenbosch", "coordinatie-overleg-in-s-hertogenbosch"),
        ("Financiën: 50% korting?!", "financien-50-korting"),
        ("ĳsbaan en ﬁets", "ijsbaan-en-fiets"),
        ("  Dubbele   spaties  ", "dubbele-spaties"),
        ("Straße, Søren en Æsop", "strasse-soren-en-aesop"),
    ],
)
def test_slugs_are_dutch_safe(title: str, slug: str) -> None:
    assert slugify(title) == slug


ARTICLE = """\
---
title: "Creëer een band met je klant"
slug: creeer-een-band-met-je-klant
date: 2026-11-28
category: "Financiën"
tags: []  # e.g. [klanten, prijzen]
draft: true  # remove this line (or set false) when it is ready to go out
# author: ""         # an id from content/authors/
# summary: ""        # the teaser; default: the first paragraph
# image: ""          # a URL or /path; needs image_alt
# image_alt: ""
---

"""


def test_new_article_has_complete_front_matter(make_project: ProjectFactory) -> None:
    root = make_project()
    created = scaffold.new_entry(root, "article", "Creëer een band met je klant", DAY, category="Financiën")
    assert created.files == ("content/articles/creeer-een-band-met-je-klant.md",)
    assert (root / created.files[0]).read_text(encoding="utf-8") == ARTICLE


def test_new_column_takes_the_default_author_and_the_usual_category(make_project: ProjectFactory) -> None:
    root = make_project()
    created = scaffold.new_entry(root, "column", "Vraag: wat kost “gratis”?", DAY)
    text = (root / created.files[0]).read_text(encoding="utf-8")
    assert text.startswith(
        '---\ntitle: "Vraag: wat kost “gratis”?"\nslug: vraag-wat-kost-gratis\ndate: 2026-11-28\n'
        'category: "Ondernemen"\nauthor: anna\ntags: []'
    )
    assert "# related: []" in text
    loaded = pipeline.load_project(root)
    column = loaded.content.by_slug()["vraag-wat-kost-gratis"]
    assert (column.title, column.author, column.draft, column.published.date()) == (
        "Vraag: wat kost “gratis”?",
        "anna",
        True,
        DAY,
    )
    assert [p for p in loaded.warnings if p.path == created.files[0]] == []


def test_default_author_comes_from_settings_then_the_newest_column(make_project: ProjectFactory) -> None:
    bert = "---\nname: Bert\n---\nBio.\n"
    root = make_project({"content/authors/bert.md": bert})
    assert "author: anna\n" in (root / scaffold.new_entry(root, "column", "Een", DAY).files[0]).read_text(encoding="utf-8")
    (root / "nieuwsbrief.toml").write_text(
        (root / "nieuwsbrief.toml").read_text(encoding="utf-8") + '\n[new]\nauthor = "bert"\ncategory = "Geld"\n',
        encoding="utf-8",
    )
    text = (root / scaffold.new_entry(root, "column", "Twee", DAY).files[0]).read_text(encoding="utf-8")
    assert "author: bert\n" in text and 'category: "Geld"\n' in text
    article = (root / scaffold.new_entry(root, "article", "Drie", DAY).files[0]).read_text(encoding="utf-8")
    assert "\nauthor: bert\n" in article


def test_a_column_without_any_author_is_refused(make_project: ProjectFactory) -> None:
    root = make_project(with_defaults=False)
    (root / "content").mkdir()
    with pytest.raises(UsageError) as caught:
        scaffold.new_entry(root, "column", "Eerste", DAY)
    assert caught.value.message == (
        'a column needs an author, and content/authors/ has none: first run nieuwsbrief new author "Your Name"'
    )
    result = run("--project", str(root), "new", "column", "Eerste", "--author", "piet")
    assert (result.exit_code, result.stderr) == (
        2,
        "nieuwsbrief: unknown author 'piet'; add it with nieuwsbrief new author \"Name\", or use one of: none yet\n",
    )
    assert not (root / "content/columns").exists()


def test_new_author_writes_the_name_and_an_empty_bio(make_project: ProjectFactory) -> None:
    root = make_project()
    result = run("--project", str(root), "new", "author", "Joëlle van den Berg")
    assert (result.exit_code, result.stdout) == (0, f"created {root}/content/authors/joelle-van-den-berg.md\n")
    assert (root / "content/authors/joelle-van-den-berg.md").read_text(encoding="utf-8") == (
        '---\nname: "Joëlle van den Berg"\nrole: ""  # shown after the name, e.g. Columnist\n'
        '# photo: ""          # a URL or /path; needs photo_alt\n# photo_alt: ""\n'
        '# url: ""            # the author\'s page\n---\n\n'
    )
    assert pipeline.load_project(root).content.authors["joelle-van-den-berg"].name == "Joëlle van den Berg"


def test_an_existing_slug_is_never_overwritten(make_project: ProjectFactory) -> None:
    root = make_project({"content/articles/anders.md": "---\ntitle: A\nslug: eigen-slug\ndate: 2026-11-01\ncategory: X\n---\n"})
    before = (root / "content/articles/over-klanten.md").read_bytes()
    taken = run("--project", str(root), "new", "article", "Over klanten")
    assert (taken.exit_code, taken.stdout) == (2, "")
    assert taken.stderr == (
        "nieuwsbrief: the slug 'over-klanten' is taken by content/articles/over-klanten.md; nothing was written "
        "(choose another title, or pass --slug with a new one)\n"
    )
    assert (root / "content/articles/over-klanten.md").read_bytes() == before
    # a column may not take an article's slug either, nor a slug another file declares
    assert "taken by content/articles/over-klanten.md" in run("--project", str(root), "new", "column", "Over klanten").stderr
    assert "taken by content/articles/anders.md" in run("--project", str(root), "new", "article", "Eigen slug").stderr
    other = run("--project", str(root), "new", "article", "Over klanten", "--slug", "over-klanten-2")
    assert (other.exit_code, other.stdout.splitlines()[0]) == (0, f"created {root}/content/articles/over-klanten-2.md")
    author = run("--project", str(root), "new", "author", "Anna")
    assert author.exit_code == 2 and "taken by content/authors/anna.md" in author.stderr


def test_a_broken_file_still_holds_its_slug(make_project: ProjectFactory) -> None:
    root = make_project({"content/articles/kapot.md": "---\ntitle: [\n---\n"})
    with pytest.raises(UsageError, match=r"taken by content/articles/kapot\.md"):
        scaffold.new_entry(root, "article", "Kapot", DAY)


def test_bad_titles_and_slugs_are_usage_errors(make_project: ProjectFactory) -> None:
    root = str(make_project())
    assert run("--project", root, "new", "article", "!!!").stderr == (
        "nieuwsbrief: cannot make a slug from '!!!': pass one with --slug, using lowercase letters, digits and hyphens\n"
    )
    assert run("--project", root, "new", "article", "Goed", "--slug", "Mijn Slug").stderr == (
        "nieuwsbrief: --slug 'Mijn Slug' must be lowercase letters, digits and hyphens, e.g. mijn-slug\n"
    )
    assert run("--project", root, "new", "podcast", "X").exit_code == 2
    assert run("--project", root, "new", "article", "X", "--date", "morgen").exit_code == 2


def test_new_needs_a_project(tmp_path: Path) -> None:
    result = run("--project", str(tmp_path), "new", "article", "Iets")
    assert (result.exit_code, result.stderr) == (
        2,
        f"nieuwsbrief: {tmp_path} holds no nieuwsbrief.toml; start a project there with: nieuwsbrief init {tmp_path}\n",
    )


def _editor_script(tmp_path: Path, marker: str) -> str:
    script = tmp_path / f"editor-{marker}.py"
    script.write_text(
        f"import sys\nwith open(sys.argv[1], 'a', encoding='utf-8') as f:\n    f.write('Geschreven door {marker}.\\n')\n",
        encoding="utf-8",
    )
    return f"{sys.executable} {script}"


def test_edit_opens_the_new_file_in_the_editor(make_project: ProjectFactory, tmp_path: Path) -> None:
    root = make_project()
    env = {"EDITOR": _editor_script(tmp_path, "editor"), "VISUAL": ""}
    result = run("--project", str(root), "new", "article", "Met editor", "--edit", env=env)
    assert result.exit_code == 0, result.output
    assert (root / "content/articles/met-editor.md").read_text(encoding="utf-8").endswith("---\n\nGeschreven door editor.\n")
    env["VISUAL"] = _editor_script(tmp_path, "visual")
    run("--project", str(root), "new", "article", "Met visual", "--edit", env=env)
    assert (root / "content/articles/met-visual.md").read_text(encoding="utf-8").endswith("Geschreven door visual.\n")


def test_edit_without_an_editor_still_writes_the_file(make_project: ProjectFactory) -> None:
    root = make_project()
    result = run("--project", str(root), "new", "article", "Zonder editor", "--edit", env={"EDITOR": "", "VISUAL": ""})
    assert (result.exit_code, result.stderr) == (
        0,
        "nieuwsbrief: note: no $VISUAL or $EDITOR, and no terminal for sensible-editor: set $EDITOR to open it at once "
        "next time, e.g. export EDITOR=nano; the file is written\n",
    )
    assert (root / "content/articles/zonder-editor.md").is_file()


def test_new_json_names_the_file_and_an_english_project_gets_english_defaults(tmp_path: Path) -> None:
    root = tmp_path / "english"
    scaffold.init_project(root, DAY, "en")
    result = run("--project", str(root), "new", "column", "Pricing for the long run", "--date", "2026-12-07", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "ok": True,
        "kind": "column",
        "slug": "pricing-for-the-long-run",
        "path": f"{root}/content/columns/pricing-for-the-long-run.md",
        "draft": True,
    }
    text = (root / "content/columns/pricing-for-the-long-run.md").read_text(encoding="utf-8")
    assert 'date: 2026-12-07\ncategory: "Business"\nauthor: alex-morgan\ntags: []  # e.g. [customers, pricing]\n' in text


def test_new_reports_a_fifo_in_the_content_folder_at_its_path_and_never_waits_on_it(make_project: ProjectFactory) -> None:
    # new and publish read the folder through the same reader as check: a named pipe under a .md name is refused at
    # once (opening it to read would wait for a writer for ever), at its path, and nothing is written.
    root = make_project()
    os.mkfifo(root / "content/articles/pijp.md")
    for command in (["new", "article", "Iets nieuws"], ["publish", "iets"]):
        result = subprocess.run(
            [sys.executable, "-m", "nieuwsbrief", "--project", str(root), *command],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert (result.returncode, result.stderr.splitlines()[0]) == (
            1,
            f"{root}/content/articles/pijp.md:1:1: error: not a Markdown file: it is a named pipe (FIFO), not a regular "
            "file; remove it from the content folder",
        )
    assert not (root / "content/articles/iets-nieuws.md").exists()
