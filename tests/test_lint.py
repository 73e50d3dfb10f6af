"""`nieuwsbrief lint`: every machine-checkable row of the email checklist, on the final HTML, text and .eml."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nieuwsbrief import pipeline
from nieuwsbrief.cli import app
from nieuwsbrief.errors import PreflightError
from nieuwsbrief.lint import Issue, lint_issue
from nieuwsbrief.templating import packaged_templates

from .conftest import REPO, ProjectFactory

runner = CliRunner()


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Issue:
    root = tmp_path_factory.mktemp("lint") / "sample"
    root.mkdir()
    shutil.copy(REPO / "nieuwsbrief.toml", root / "nieuwsbrief.toml")
    shutil.copytree(REPO / "content", root / "content")
    rendered = pipeline.compose(root, dt.date(2026, 11, 23)).rendered
    return Issue(
        rendered.html,
        rendered.text,
        rendered.eml,
        "issues/2026-W48",
        rendered.edition.subject,
        rendered.edition.unsubscribe_url,
        "Voorbeeldstraat 1, 1234 AB Utrecht",
    )


def findings(issue: Issue, **changes: object) -> list[str]:
    return [f"{p.severity} {p.code} {p.message}" for p in lint_issue(dataclasses.replace(issue, **changes))]  # type: ignore[arg-type]


def html_with(issue: Issue, old: str, new: str, count: int = 1) -> str:
    assert old in issue.html, old
    return issue.html.replace(old, new, count)


NO_ONE_CLICK = "warning C-37 no List-Unsubscribe-Post: one-click unsubscribe needs an unsubscribe URL per reader"


def test_the_sample_issue_passes_every_check(good: Issue) -> None:
    # The sample's unsubscribe page is the same for every reader: one-click waits for an address per reader.
    assert findings(good) == [NO_ONE_CLICK]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("<!DOCTYPE html>", "", "error C-01 the HTML does not start with <!DOCTYPE html>"),
        (
            'aria-label="Duurzaam',
            'aria-labelx="Duurzaam',
            'warning C-04 the wrapper is not <div role="article" aria-roledescription="email" aria-label=...>',
        ),
        (
            '<meta name="x-apple-disable-message-reformatting">',
            "",
            'error C-06 no <meta name="x-apple-disable-message-reformatting">',
        ),
        ("<title>Duurzaam ondernemen: geen hype, maar huiswerk</title>", "<title> </title>", "error C-05 the <title> is empty"),
        ("</body>", "<script>alert(1)</script></body>", "error C-09 <script> in the email"),
        ("</body>", '<form action="https://x.nl"></form></body>', "error C-09 <form> in the email"),
        (
            'role="presentation" border="0" cellpadding="0" cellspacing="0" width="100%"',
            'border="0" cellpadding="0" cellspacing="0" width="100%"',
            'error C-11 a layout table without role="presentation"',
        ),
        (
            'cellpadding="0" cellspacing="0" width="100%" style="width: 100%',
            'cellpadding="4" cellspacing="0" width="100%" style="width: 100%',
            'error C-11 a layout table without cellpadding="0"',
        ),
        ("<![endif]-->\n</div>\n</body>", "\n</div>\n</body>", "error C-24 4 conditional comments open but 3 close"),
        ('alt="MV"', 'title="MV"', "error C-12 <img> without alt"),
        (
            "https://www.example.nl/images/authors/marloes-verhoeven.jpg",
            "https://www.example.nl/images/authors/marloes.webp",
            "error C-14 a .webp image",
        ),
        (
            "https://www.example.nl/images/authors/marloes-verhoeven.jpg",
            "data:image/png;base64,AAAA",
            "error C-14 an image as a data: URI",
        ),
        ('href="https://www.acm.nl/"', 'href="#"', "error C-15 a link to '#'"),
        (
            'href="https://www.acm.nl/"',
            'href="javascript:void(0)"',
            "error C-15 a link that is not https or mailto: javascript:void(0)",
        ),
        (
            ">Autoriteit Consument &amp; Markt</a>",
            ">klik hier</a>",
            "error C-16 link text 'klik hier' says nothing about where it goes",
        ),
        ("font-size:17px", "font-size:15px", "error C-17 body copy under 16 px"),
        ("font-size:13px", "font-size:11px", "error C-17 text at 11 px"),
        ('<h2 class="section"', '<h4 class="section"', "error C-18 <h4> skips a heading level"),
        ("</h1>", "</h1><h1>Twee</h1>", "error C-18 2 <h1> elements"),
        (
            '<meta name="color-scheme" content="light dark">',
            "",
            "error C-19 no color-scheme and supported-color-schemes meta with 'light dark'",
        ),
        (
            ".card { background-color: #1c1d21 !important; }",
            ".card { background-color: #1c1d21; }",
            "error C-19 a dark-mode declaration without !important",
        ),
        (
            'mso-hide: all; font-family: sans-serif;">Het',
            'font-family: sans-serif;">Het',
            "error C-20 the preheader is not hidden with mso-hide:all",
        ),
        (
            "<style>\n:root",
            "<style>@media screen { @font-face { font-family: x; } }</style><style>\n:root",
            "error C-08 an @-rule inside an @-rule",
        ),
        (
            "<style>\n:root",
            "<style>p { color: rgb(255 0 0); }</style><style>\n:root",
            "error C-08 space-separated rgb() colour",
        ),
        (
            "<style>\n:root",
            "<style>p { color: red; } a {{ }</style><style>\n:root",
            "error C-08 CSS syntax error: CSSStyleDeclaration: Unexpected token, ignoring upto '{ }'. [1:22: {]",
        ),
        (
            '<td class="pad card" style="',
            '<td class="pad card" style="display: flex; ',
            "error C-10 <td> uses flex, grid, float or position",
        ),
    ],
)
def test_each_html_rule_finds_its_violation(good: Issue, old: str, new: str, expected: str) -> None:
    assert expected in findings(good, html=html_with(good, old, new))


def test_the_size_budget(good: Issue) -> None:
    padded = html_with(good, "</body>", "<p>" + "woord " * 16000 + "</p></body>")
    assert any(f.startswith("error C-07 the HTML is ") and "over the 85 KB budget" in f for f in findings(good, html=padded))


def test_missing_footer_is_found_in_both_parts(good: Issue) -> None:
    html = good.html.replace(good.unsubscribe_url, "https://www.example.nl/elders")
    text = good.text.replace(good.unsubscribe_url, "")
    found = findings(good, html=html, text=text)
    assert "error C-21 no unsubscribe link in the HTML" in found
    assert "error C-21 no unsubscribe URL in the plain text" in found


def test_text_rules(good: Issue) -> None:
    long_line = "een " * 25
    text = good.text.replace("https://www.acm.nl/", "") + long_line
    found = findings(good, text=text)
    assert "error C-34 a line of 100 characters" in found
    assert "error C-35 the HTML links to https://www.acm.nl/ but the plain text does not" in found
    assert any(f.startswith("error C-35 the plain text has ") for f in findings(good, text="Afmelden " + good.unsubscribe_url))


def test_a_subject_is_in_capitals_only_when_most_of_its_words_are() -> None:
    # YangTaeyoung.github.io (Hugo, Korean): 'REST?, RESTful?, REST API? 가 도대체 뭐야?' has acronyms, and Hangul,
    # which has no capitals: most of its letters are capitals, not most of its words
    from nieuwsbrief.checklist.facts import Subject
    from nieuwsbrief.checklist.rules import SUBJECT_IN_CAPITALS

    test = SUBJECT_IN_CAPITALS.when
    assert test is not None
    said = {text: test(Subject(text)) for text in ("REST?, RESTful?, REST API? 가 도대체 뭐야?", "NU KOPEN!!!")}
    assert said == {"REST?, RESTful?, REST API? 가 도대체 뭐야?": False, "NU KOPEN!!!": True}


def test_eml_rules(good: Issue) -> None:
    eml = good.eml.replace(b"List-Id:", b"X-List-Id:")
    eml = eml.replace(b"Subject: Duurzaam ondernemen: geen hype, maar huiswerk", b"Subject: NU KOPEN!!!")
    found = findings(good, eml=eml)
    assert NO_ONE_CLICK in found
    wrong = good.eml.replace(b"List-Id:", b"List-Unsubscribe-Post: ja\r\nList-Id:")
    assert "error C-37 List-Unsubscribe-Post is 'ja'" in findings(good, eml=wrong)
    assert "error C-38 no List-Id header" in found
    assert "error C-39 the subject is in capitals: 'NU KOPEN!!!'" in found
    assert "error C-39 the subject shouts: 'NU KOPEN!!!'" in found
    swapped = good.eml.replace(b"Content-Type: text/plain", b"Content-Type: text/x-plain")
    assert any(f.startswith("error C-32 the message is multipart/alternative") for f in findings(good, eml=swapped))


def test_lint_command_exit_codes_and_json(sample: Path) -> None:
    assert (
        runner.invoke(app, ["--project", str(sample), "lint"]).stderr
        == "nieuwsbrief: the archive has no issues yet: run nieuwsbrief compose first\n"
    )
    pipeline.compose(sample, dt.date(2026, 11, 23))
    ok = runner.invoke(app, ["--project", str(sample), "lint", "2026-W48"])
    assert (ok.exit_code, ok.stdout) == (0, "ok: 2026-W48 passes the pre-flight checks (0 warnings)\n")
    html = sample / "issues/2026-W48/issue.html"
    html.write_text(html.read_text(encoding="utf-8").replace("<!DOCTYPE html>", ""), encoding="utf-8")
    failed = runner.invoke(app, ["--project", str(sample), "lint", "--json"])
    assert failed.exit_code == 4
    data = json.loads(failed.stdout)
    assert data["ok"] is False
    assert [f["code"] for f in data["findings"]] == ["C-01"]
    assert failed.stderr.splitlines() == [
        f"{sample}/issues/2026-W48/issue.html: error: C-01 the HTML does not start with <!DOCTYPE html>; start the layout template with <!DOCTYPE html>",
        "nieuwsbrief: 2026-W48 failed 1 pre-flight check",
    ]
    unknown = runner.invoke(app, ["--project", str(sample), "lint", "2026-W01"])
    assert (unknown.exit_code, unknown.stderr) == (2, "nieuwsbrief: no issue 2026-W01 in issues/; did you mean '2026-W48'?\n")


def test_compose_refuses_to_archive_a_failing_issue_unless_no_lint(make_project: ProjectFactory) -> None:
    footer = (packaged_templates() / "partials" / "footer.html.j2").read_text(encoding="utf-8")
    root = make_project({"templates/partials/footer.html.j2": footer.replace("{{ edition.unsubscribe_url }}", "#")})
    with pytest.raises(PreflightError) as caught:
        pipeline.compose(root, dt.date(2026, 11, 23))
    assert caught.value.message == "issue 2026-W48 failed the pre-flight checks; nothing was written"
    assert not (root / "issues" / "2026-W48").exists()
    result = runner.invoke(app, ["--project", str(root), "compose", "--date", "2026-11-23"])
    assert result.exit_code == 4
    assert "error: C-15 a link to '#'" in result.stderr
    forced = runner.invoke(app, ["--project", str(root), "compose", "--date", "2026-11-23", "--no-lint", "--json"])
    assert forced.exit_code == 0
    manifest = json.loads((root / "issues/2026-W48/manifest.json").read_text(encoding="utf-8"))
    assert manifest["lint"]["errors"] >= 1
