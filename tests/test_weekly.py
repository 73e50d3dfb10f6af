"""The weekly judgement: only what is new leads, only what is ready goes out, and a finding can be left out one
checklist row at a time (compose --skip, [lint] skip), named in the output and the manifest."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nieuwsbrief import pipeline
from nieuwsbrief.cli import app
from nieuwsbrief.errors import ContentError, NothingNewError
from nieuwsbrief.selection import explained, horizon, select

from .conftest import SETTINGS, ProjectFactory, article, cli_env, column
from .test_layout_lint import override
from .test_selection import piece

runner = CliRunner()
DAY = dt.date(2026, 11, 30)
WEEK_48 = dt.date(2026, 11, 23)


def run(root: Path, *args: str, today: str = "2026-11-25") -> tuple[int, str, str]:
    result = runner.invoke(app, ["--project", str(root), *args], env=cli_env({"NIEUWSBRIEF_TODAY": today}))
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


# --- what is new ----------------------------------------------------------------------------------------------------


def test_only_a_column_published_since_the_previous_issue_leads_and_an_older_one_can_still_be_related() -> None:
    since = horizon(DAY, ("2026-W48", WEEK_48), 14)
    articles = [
        piece("voor-het-vorige-nummer", "column", 16),
        piece("op-de-dag-zelf", "column", 23),  # dated the previous issue's day, which did not feature it: it came later that day
        piece("uitgelicht", "column", 23),
    ]
    chosen = select(articles, DAY, 1, {"uitgelicht": "2026-W48"}, since=since)
    assert chosen.lead.article.slug == "op-de-dag-zelf"
    older = piece("voor-het-vorige-nummer", "column", 16)
    lead = piece("nieuw", "column", 25, related=("voor-het-vorige-nummer",))
    both = select([older, lead], DAY, 1, since=since)
    assert (both.lead.article.slug, [p.article.slug for p in both.related]) == ("nieuw", ["voor-het-vorige-nummer"])
    assert [
        (s.slug, s.reason) for s in explained([older, lead], select([older, lead], DAY, 0, since=since), since=since).passed_over
    ] == [("voor-het-vorige-nummer", "published before the previous issue (2026-W48, 2026-11-23)")]


def test_before_the_first_issue_a_column_leads_only_within_lead_max_age() -> None:
    articles = [piece("drie-weken-oud", "column", 9), piece("nog-ouder", "column", 2)]
    with pytest.raises(NothingNewError) as caught:
        select(articles, DAY, 0, since=horizon(DAY, None, 14))
    assert caught.value.message == (
        "nothing new to compose: no column published from 2026-11-16 to 2026-11-30 that is not a draft and was not "
        "featured before; the newest column not sent, drie-weken-oud (2026-11-09), was published more than 14 days "
        "before the issue ([selection] lead_max_age)"
    )
    assert [(p.path, p.message, p.hint) for p in caught.value.problems] == [
        (
            "content/columns/drie-weken-oud.md",
            "the column drie-weken-oud (2026-11-09) was published more than 14 days before the issue ([selection] lead_max_age)",
            "to send it anyway: --lead drie-weken-oud",
        )
    ]
    assert select(articles, DAY, 0, since=horizon(DAY, None, 0)).lead.article.slug == "drie-weken-oud"  # 0: any age
    assert select(articles, DAY, 0, lead="nog-ouder", since=horizon(DAY, None, 14)).lead.article.slug == "nog-ouder"


def test_an_imported_back_catalogue_is_never_mailed_backwards(make_project: ProjectFactory) -> None:
    root = make_project()  # two columns: 2026-11-02 and 2026-11-16
    assert run(root, "compose", "--date", "2026-11-16", "--quiet")[0] == 0
    code, _, err = run(root, "compose", "--date", "2026-11-23")
    assert code == 3
    assert err.splitlines()[-1] == (
        "nieuwsbrief: nothing new to compose: no column published from 2026-11-16 to 2026-11-23 that is not a draft and "
        "was not featured before; the newest column not sent, eerste-column (2026-11-02), was published before the "
        "previous issue (2026-W47, 2026-11-16)"
    )
    assert f"{root}/content/columns/eerste-column.md:3:7: note: the column eerste-column (2026-11-02) was published" in err
    code, out, _ = run(root, "pick", "--date", "2026-11-23", "--lead", "eerste-column", "--explain")
    assert code == 0 and "tweede-column" not in out.split("columns that did not lead")[0]


def test_pick_explain_says_which_columns_were_published_before_the_previous_issue(make_project: ProjectFactory) -> None:
    root = make_project({"content/columns/derde-column.md": column("Derde column", "2026-11-20")})
    run(root, "compose", "--date", "2026-11-16", "--quiet")
    (root / "content/columns/vierde-column.md").write_text(column("Vierde column", "2026-11-10"), encoding="utf-8")
    code, out, _ = run(root, "pick", "--date", "2026-11-23", "--explain")
    assert code == 0
    assert out.split("  columns that did not lead:\n")[1].splitlines()[:2] == [
        "    vierde-column: published before the previous issue (2026-W47, 2026-11-16)",
        "    eerste-column: published before the previous issue (2026-W47, 2026-11-16)",
    ]


# --- what is ready ------------------------------------------------------------------------------------------------


def test_init_new_column_publish_compose_with_an_empty_column_exits_1_at_the_column(tmp_path: Path) -> None:
    project = tmp_path / "brief"
    assert run(tmp_path, "init", str(project))[0] == 0
    assert run(project, "new", "column", "Een lege column")[0] == 0
    assert run(project, "publish", "een-lege-column")[0] == 0
    expected = (
        f"{project}/content/columns/een-lege-column.md:16:1: error: the column een-lege-column has no text to send: its "
        "body is empty; write the column below its front matter, or keep it a draft (draft: true) until it is ready"
    )
    code, out, err = run(project, "compose")
    assert (code, out, err.splitlines()) == (1, "", [expected, "nieuwsbrief: the issue is not ready to go out; 1 error above"])
    code, _, err = run(project, "check")
    assert code == 1 and expected in err.splitlines()
    assert [path.name for path in (project / "issues").iterdir() if not path.name.startswith(".")] == []  # its lock only


@pytest.mark.parametrize(
    ("body", "what"),
    [
        ("## Alleen een kop\n", "it holds only a heading"),
        ("![Een foto](https://www.example.nl/foto.png)\n", "it holds only an image"),
        ("# Kop\n\n![Een foto](https://www.example.nl/foto.png)\n", "it holds only a heading and an image"),
        ('<script src="https://x.nl/a.js"></script>\n', "it holds nothing a reader reads"),
    ],
)
def test_a_lead_with_nothing_but_a_heading_or_an_image_is_not_ready(make_project: ProjectFactory, body: str, what: str) -> None:
    root = make_project({"content/columns/leeg.md": column("Leeg", "2026-11-20", body=body)})
    with pytest.raises(ContentError) as caught:
        pipeline.compose(root, WEEK_48)
    assert [p.message for p in caught.value.problems] == [f"the column leeg has no text to send: {what}"]


def test_a_short_lead_is_fine_unless_the_publisher_asks_for_more_words(make_project: ProjectFactory) -> None:
    notes = "Jekyll 4.4.1 fixes a regression in the sass converter. Update with bundle update jekyll, and thank you all."
    root = make_project({"content/columns/tweede-column.md": column("Tweede column", "2026-11-16", body=notes)})
    assert [p.render() for p in pipeline.compose(root, WEEK_48).warnings if "min_lead_words" in p.message] == []
    with (root / "nieuwsbrief.toml").open("a", encoding="utf-8") as settings:
        settings.write("\n[lint]\nmin_lead_words = 300\n")
    warning = (
        "content/columns/tweede-column.md:8:1: warning: the column tweede-column has 20 words, fewer than [lint] "
        "min_lead_words (300); write more, or lower min_lead_words"
    )
    assert warning in [p.render() for p in pipeline.compose(root, WEEK_48).warnings]
    code, _, err = run(root, "compose", "--date", "2026-11-23", "--strict")
    assert code == 4 and warning.replace("content/", f"{root}/content/", 1) in err.splitlines()
    code, _, err = run(root, "check", "--date", "2026-11-23", "--strict")
    assert code == 1 and warning.replace("content/", f"{root}/content/", 1) in err.splitlines()


def test_a_teaser_without_a_title_is_an_error_at_its_title(make_project: ProjectFactory) -> None:
    root = make_project({"content/articles/over-klanten.md": article("—", "2026-11-20", "[prijzen]")})
    with pytest.raises(ContentError) as caught:
        pipeline.compose(root, WEEK_48)
    assert [p.render() for p in caught.value.problems] == [
        "content/articles/over-klanten.md:2:8: error: the article over-klanten has no title: '—'; give it one"
    ]


def test_a_sites_page_with_no_text_is_left_out_and_the_week_is_quiet(tmp_path: Path) -> None:
    from .test_sites import init_from

    project, _ = init_from(tmp_path, "jekyll-ieni", "nl")
    code, _, err = run(project, "compose", "--date", "2021-09-20")
    assert code == 3
    assert err.splitlines()[0].endswith(
        "_posts/2021-09-17-laatste-nieuws.md:8:1: warning: the column laatste-nieuws has no text to send: it holds "
        "nothing a reader reads; it is left out of the issue"
    )
    assert err.splitlines()[-1].endswith(
        "the newest column not sent, laatste-nieuws (2021-09-17), was not ready, no text to send: it holds nothing a reader reads"
    )


# --- one rule at a time -------------------------------------------------------------------------------------------


@pytest.fixture
def drops_a_word(make_project: ProjectFactory) -> Path:
    """A project whose own text template leaves out the author's bio: C-44 finds the words lost (and rightly so)."""
    root = make_project(settings=SETTINGS)
    override(root, "issue.txt.j2", ("{{ lead.author.bio_text }}", ""))
    return root


def test_compose_skip_leaves_out_one_rule_named_in_the_output_and_the_manifest(drops_a_word: Path) -> None:
    assert run(drops_a_word, "compose", "--date", "2026-11-23")[0] == 4
    code, out, err = run(drops_a_word, "compose", "--date", "2026-11-23", "--skip", "C-44", "--skip", "C-36", "--json")
    assert code == 0
    assert [line.removeprefix(f"{drops_a_word}/") for line in err.splitlines() if "was not checked" in line] == [
        "issues/2026-W48: note: C-36 was not checked (--skip); it finds 1 problem in this issue",
        "issues/2026-W48: note: C-44 was not checked (--skip); it finds 1 problem in this issue",
    ]
    manifest = json.loads((drops_a_word / "issues/2026-W48/manifest.json").read_text(encoding="utf-8"))
    assert manifest["lint"]["skipped"] == ["C-36", "C-44"]
    assert [code for code in (p.get("code") for p in json.loads(out)["warnings"]) if code in ("C-36", "C-44")] == ["C-36", "C-44"]


def test_lint_skip_in_the_settings_leaves_out_a_rule_for_every_run(drops_a_word: Path) -> None:
    with (drops_a_word / "nieuwsbrief.toml").open("a", encoding="utf-8") as settings:
        settings.write('\n[lint]\nskip = ["C-44"]\n')
    result = pipeline.compose(drops_a_word, WEEK_48)
    assert [p.render() for p in result.warnings if p.code == "C-44"] == [
        "issues/2026-W48: note: C-44 was not checked ([lint] skip); it finds 1 problem in this issue"
    ]
    assert result.manifest.lint.skipped == ("C-44",)
    assert run(drops_a_word, "lint", "2026-W48")[0] == 0  # lint on the archived issue honours the setting too


def test_a_row_no_check_has_is_refused_in_the_settings_and_on_the_command_line(make_project: ProjectFactory) -> None:
    root = make_project(settings=SETTINGS + '\n[lint]\nskip = ["C-99", "44"]\n')
    code, _, err = run(root, "check")
    assert code == 1
    assert err.splitlines()[:1] == [
        f"{root}/nieuwsbrief.toml:11:8: error: lint.skip holds '44', which is not a checklist row; name each rule by its "
        'row, e.g. ["C-44"] (docs/checklist.md lists them)'
    ]
    (root / "nieuwsbrief.toml").write_text(SETTINGS + '\n[lint]\nskip = ["C-99"]\n', encoding="utf-8")
    code, _, err = run(root, "check")
    assert (code, err.splitlines()[0]) == (
        1,
        f"{root}/nieuwsbrief.toml:11:8: error: [lint] skip names C-99, which no pre-flight check has; docs/checklist.md "
        "lists the rows lint checks, e.g. C-44",
    )
    (root / "nieuwsbrief.toml").write_text(SETTINGS, encoding="utf-8")
    code, _, err = run(root, "compose", "--skip", "C-99")
    assert (code, err) == (
        2,
        "nieuwsbrief: --skip C-99: no pre-flight check has this row (docs/checklist.md lists the rows lint checks, e.g. C-44)\n",
    )
