"""The email checklist and its lint rules, declared once: the reference in docs/ and README is what the two tables
write, it covers every row, every rule is checked, and a new rule is one row (plus one check) that both the
Markdown side and the rendered issue's side run."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

from nieuwsbrief import pipeline
from nieuwsbrief.checklist import reference, rules
from nieuwsbrief.checklist.facts import Link
from nieuwsbrief.checklist.rows import SECTIONS
from nieuwsbrief.checklist.rules import RULES, WARNING, Rule
from nieuwsbrief.contentrules import check_lead
from nieuwsbrief.lint import Issue, lint_issue

from .conftest import REPO, ProjectFactory, column

CODES = [f"C-{number:02d}" for number in range(1, 45)]
ROWS = {row.code: row for section in SECTIONS for row in section.rows}
NAMED = {name: rule for name, rule in vars(rules).items() if isinstance(rule, Rule)}


def test_the_checklist_reference_is_what_the_tables_generate() -> None:
    files = reference.REGENERATE.split()[2:]  # README.md docs/checklist.md
    check = subprocess.run([sys.executable, "-m", "cogapp", "--check", *files], cwd=REPO, capture_output=True, text=True)
    assert check.returncode == 0, f"the checklist is out of date: run `{reference.REGENERATE}`\n{check.stdout}{check.stderr}"


def test_the_reference_covers_every_row_and_every_rule() -> None:
    page = (REPO / "docs" / "checklist.md").read_text(encoding="utf-8")
    assert [code for code in CODES if code not in page] == []
    assert sorted(set(CODES) - ROWS.keys()) == ["C-28", "C-29"]  # never given out, and the page says so
    assert "C-28 and C-29 were never given out" in page
    assert {rule.code for rule in RULES} <= ROWS.keys()  # every rule checks a row
    for rule in RULES:
        message, hint = rule.template()
        assert f"| {rule.code} | `{message}`" in page and f"| {rule.severity} | `{hint}` |" in page, rule
    unchecked = sorted(ROWS.keys() - {rule.code for rule in RULES})
    assert unchecked == ["C-25", "C-26", "C-27", "C-40", "C-41"]  # renders, SpamAssassin, the ESP: no program here
    for code in unchecked:  # each says so, with what can check it and the row's source
        assert f"| {code} | *nothing: lint cannot check this row* ({ROWS[code].tool}; source: {ROWS[code].source})" in page


def test_every_rule_is_one_row_that_a_check_reports() -> None:
    assert len(NAMED) == len(RULES) == len(set(RULES))
    lint = "\n".join(path.read_text(encoding="utf-8") for path in sorted((REPO / "src/nieuwsbrief/lint").glob("*.py")))
    reported = set(re.findall(r"\brules\.([A-Z0-9_]+)\b", lint))
    on_html_only = {name for name, rule in NAMED.items() if rule.on is None}
    assert sorted(on_html_only - reported) == []  # a row without a check would be a promise lint does not keep
    assert all(rule.when is not None for rule in RULES if rule.on is not None)  # a rule on a fact tests it


def test_a_message_names_its_fields_the_facts_and_the_limits() -> None:
    assert (
        rules.LINK_TEXT_GENERIC.say(Link("hier", "https://x.nl")).message == "link text 'hier' says nothing about where it goes"
    )
    assert rules.SMALL_TEXT.say(px=11.0) == ("C-17", "error", "text at 11 px", "keep visible text at 13 px or more")
    assert rules.HTML_TOO_BIG.template() == (
        "the HTML is {kb} KB, over the 85 KB budget",
        "shorten the issue: Gmail clips at about 102 KB and can hide the unsubscribe link",
    )


SHOUTING = Rule(
    "C-16", WARNING, "link text {text!r} is in capitals", "write it as a sentence", Link, lambda link: link.text.isupper()
)


def test_a_new_rule_is_one_row_that_the_reference_and_both_sides_take(make_project: ProjectFactory) -> None:
    registry = (*RULES, SHOUTING)
    assert "| C-16 | `link text {text} is in capitals` (also `check`, at the Markdown line) | warning |" in (
        reference.checklist_page(rules=registry)
    )
    summary = 'summary: "Wat een klant echt wil weten, en hoe je dat merkt aan wat hij vraagt."\n'
    lead = column("Tweede column", "2026-11-16", extra=summary, body="Lees [DE PRIJZEN](https://www.kvk.nl/prijzen) eerst.")
    root = make_project({"content/columns/tweede-column.md": lead})
    loaded = pipeline.load_project(root)
    article = next(a for a in loaded.content.articles if a.slug == "tweede-column")
    said = ("warning", "C-16", "link text 'DE PRIJZEN' is in capitals", "write it as a sentence")
    on_markdown = check_lead(loaded.settings, article, loaded.content.authors["anna"], registry)
    assert [(p.path, p.line, p.column, p.severity, p.code, p.message, p.hint) for p in on_markdown] == [
        ("content/columns/tweede-column.md", 9, 6, *said)
    ]
    assert check_lead(loaded.settings, article, loaded.content.authors["anna"]) == []  # the house table lacks it
    html = '<!DOCTYPE html>\n<html><body>\n<p><a href="https://www.kvk.nl/prijzen">DE PRIJZEN</a></p>\n</body></html>'
    issue = Issue(html, "", b"", "issues/2026-W48", "Onderwerp", "https://x.nl/afmelden", "Straat 1")
    on_html = [p for p in lint_issue(issue, registry) if p.message == said[2]]
    assert [(p.path, p.line, p.severity, p.code, p.message, p.hint) for p in on_html] == [
        ("issues/2026-W48/issue.html", 3, *said)
    ]


def test_compose_says_a_finding_on_the_markdown_once_at_its_line(make_project: ProjectFactory) -> None:
    # The link goes to the site's own pages, so the issue tags it (utm_*): the rendered finding's message differs
    # from the Markdown's, yet it is the same link at the same place, and said once.
    body = "Lees over [de prijzen](http://www.example.nl/prijzen) eerst."
    root = make_project({"content/columns/tweede-column.md": column("Tweede column", "2026-11-16", body=body)})
    result = pipeline.compose(root, dt.date(2026, 11, 23))
    http = [(w.path, w.line, w.column, w.message) for w in result.warnings if w.code == "C-15"]
    assert http == [("content/columns/tweede-column.md", 8, 11, "a link over plain http: http://www.example.nl/prijzen")]


def test_the_checklist_lives_in_the_repository() -> None:
    texts = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md")), *sorted((REPO / "src").rglob("*.py"))]
    assert [path.name for path in texts if "shared/email-checklist" in path.read_text(encoding="utf-8")] == []


def test_the_docs_name_only_rows_that_exist() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert {code for code in re.findall(r"\bC-\d\d\b", readme)} <= ROWS.keys()
