"""Hostile sites, second round: a Hugo, Jekyll or Eleventy site read as it is, made to break the readers. Files nested
a hundred thousand levels deep, numbers of thousands of digits, settings of the wrong shape, globs that cannot be read
or that backtrack, dates past the calendar, tens of thousands of tags left open or nested, a template bomb, tags that
point outside the site, odd file names and a folder that cannot be read.

Every case runs as the console script in a process of its own, held to 10 seconds of CPU time and 1 GB of address space
(adversarial.run_bounded): no traceback, no hang, no exhaustion; one clear message at the file's line (exit 1), or
the run goes on with a warning where one page is that page's problem. `check` reports what `compose` would refuse.
"""

from __future__ import annotations

import ctypes
import email
import email.policy
import json
import os
import subprocess
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import lxml.etree
import pytest

from .adversarial import WALL_SECONDS, Place, invoke, run_bounded, settings, site_place
from .conftest import FITTING_SUMMARY

SUMMARY = FITTING_SUMMARY.strip().removeprefix("summary: ")
HUGO = 'baseURL = "https://www.testbrief.nl/"\ntitle = "Testbrief"\n'
JEKYLL = "title: Testbrief\nurl: https://www.testbrief.nl\n"
ELEVENTY = 'export default function (config) {\n  return { dir: { input: "." } };\n}\n'
BODY = "Een alinea over wat klanten willen weten, en hoe je dat merkt aan wat ze vragen.\n"


def post(title: str, date: str = "2026-11-16", extra: str = "", body: str = BODY) -> str:
    return f'---\ntitle: "{title}"\ndate: {date}\nsummary: {SUMMARY}\n{extra}---\n{body}'


def jekyll_post(title: str, extra: str = "", body: str = BODY) -> str:
    return f'---\ntitle: "{title}"\nsummary: {SUMMARY}\n{extra}---\n{body}'


HUGO_SITE = {
    "hugo.toml": HUGO,
    "content/posts/eerste.md": post("Eerste stuk"),
    "content/posts/tweede.md": post("Tweede stuk", "2026-11-12"),
}
JEKYLL_SITE = {
    "_config.yml": JEKYLL,
    "_posts/2026-11-16-eerste.md": jekyll_post("Eerste stuk"),
    "_posts/2026-11-12-tweede.md": jekyll_post("Tweede stuk"),
}
ELEVENTY_SITE = {
    "eleventy.config.js": ELEVENTY,
    "blog/eerste.md": post("Eerste stuk"),
    "blog/tweede.md": post("Tweede stuk", "2026-11-12"),
}
SITES = {"hugo": HUGO_SITE, "jekyll": JEKYLL_SITE, "eleventy": ELEVENTY_SITE}
LEAD = {"hugo": "blog/content/posts/eerste.md", "jekyll": "blog/_posts/2026-11-16-eerste.md", "eleventy": "blog/blog/eerste.md"}
NESTED = "write the values out, a few levels deep"
DOCUMENTED = "see the generator's documentation for this setting"
GIVES_WAY = "template syntax {} has no meaning in an email: {}; the issue shows only text"
DEEPER = "opens a block nested more than 32 levels deep; close the blocks around it: a piece nests a few at most"


@dataclass(frozen=True)
class Hostile:
    """A site of ``preset`` with ``files`` over (or besides) its base site's, the [content] lines ``content``, and
    every problem check reports (compose refuses the same errors, or composes when there are none)."""

    preset: str
    files: dict[str, str | bytes]
    problems: tuple[str, ...]
    content: str = ""
    setup: Callable[[Place], object] | None = None


def lead(preset: str, text: str) -> dict[str, str | bytes]:
    return {LEAD[preset].removeprefix("blog/"): text}


def deep_hugo_toml(levels: int) -> Hostile:
    return Hostile(
        "hugo",
        {"hugo.toml": HUGO + "[params]\nlijst = " + "[" * levels + "\n"},
        (f"blog/hugo.toml:4:41: error: invalid TOML: nested more than 32 levels deep; {NESTED}",),
    )


CASES: dict[str, Hostile] = {
    # ---------------------------------------------------------------- nesting, numbers and shapes at their line
    "hugo.toml nested 100,000 deep": deep_hugo_toml(100_000),
    "TOML front matter nested 100,000 deep": Hostile(
        "hugo",
        lead("hugo", '+++\ntitle = "Eerste stuk"\ntags = ' + "[" * 100_000 + "\n+++\nTekst.\n"),
        (f"{LEAD['hugo']}:3:40: error: invalid TOML: nested more than 32 levels deep; {NESTED}",),
    ),
    "JSON front matter nested 100,000 deep": Hostile(
        "hugo",
        lead("hugo", '{\n  "title": "Eerste stuk",\n  "tags": ' + "{" * 100_000 + "\n}\nTekst.\n"),
        (f"{LEAD['hugo']}:3:42: error: invalid JSON: nested more than 32 levels deep; {NESTED}",),
    ),
    "a JSON data file nested 100,000 deep": Hostile(
        "hugo",
        {"data/authors.json": '{"anna": {"name": "Anna", "x": ' + "[" * 100_000 + "}}"},
        (f"blog/data/authors.json:1:62: error: invalid JSON: nested more than 32 levels deep; {NESTED}",),
    ),
    "an integer of 5,000 digits in hugo.toml": Hostile(
        "hugo",
        {"hugo.toml": HUGO + "paginate = " + "7" * 5000 + "\n"},
        ("blog/hugo.toml:3:12: error: invalid TOML: a number of thousands of digits; check the value",),
    ),
    "languages as a list in hugo.toml": Hostile(
        "hugo",
        {"hugo.toml": HUGO + 'languages = ["nl", "en"]\n'},
        (f"blog/hugo.toml:3:13: error: 'languages' must be a table, got a list; {DOCUMENTED}",),
    ),
    "defaults as a number in _config.yml": Hostile(
        "jekyll",
        {"_config.yml": JEKYLL + "defaults: 5\n"},
        (f"blog/_config.yml:3:11: error: 'defaults' must be a list of scopes and values, got a number; {DOCUMENTED}",),
    ),
    # ---------------------------------------------------------------- globs nieuwsbrief cannot read
    "a range that runs backwards in [content] columns": Hostile(
        "hugo",
        {},
        (
            "nieuwsbrief.toml:13:11: error: content.columns has a glob nieuwsbrief cannot read, 'content/posts/[z-a]*.md': "
            "the range z-a runs backwards; write ranges low to high and close each [ and {",
        ),
        content='columns = ["content/posts/[z-a]*.md"]\n',
    ),
    "an unclosed [ in [content] authors": Hostile(
        "hugo",
        {},
        (
            "nieuwsbrief.toml:13:11: error: content.authors has a glob nieuwsbrief cannot read, 'data/[authors.toml': "
            "a [ is never closed; write ranges low to high and close each [ and {",
        ),
        content='authors = ["data/[authors.toml"]\n',
    ),
    "a backwards range in a Jekyll defaults scope": Hostile(
        "jekyll",
        {"_config.yml": JEKYLL + 'defaults:\n  - scope:\n      path: "_posts/[9-0]*"\n    values:\n      author: anna\n'},
        (
            "blog/_config.yml:4:3: error: 'defaults' has a scope path that is not a glob nieuwsbrief can read, "
            f"'_posts/[9-0]*': the range 9-0 runs backwards; {DOCUMENTED}",
        ),
    ),
    "an unclosed { in a cascade's _target": Hostile(
        "hugo",
        {"content/posts/_index.md": '---\ntitle: Stukken\ncascade:\n  _target:\n    path: "/posts/{a,b"\n  author: anna\n---\n'},
        (
            "blog/content/posts/_index.md:4:3: error: the cascade's _target path '/posts/{a,b' is not a glob nieuwsbrief "
            "can read: a { is never closed; write it as Hugo's glob, e.g. /posts/**",
        ),
    ),
    "fourteen **/ in a row and a path forty folders deep": Hostile(
        "hugo",
        {"content/posts/" + "a/" * 40 + "diep.md": post("Diep", "2026-09-01")},
        (),
        content='columns = ["content/posts/' + "**/" * 14 + 'eerste.md"]\narticles = ["content/posts/**/*.md"]\n',
    ),
    # ---------------------------------------------------------------- dates
    "a Hugo date past the calendar once in the project's zone": Hostile(
        "hugo",
        lead("hugo", post("Eerste stuk", "9999-12-31T23:59:00-12:00")),
        (
            f"{LEAD['hugo']}:3:7: warning: '9999-12-31T23:59:00-12:00' is out of range in the time zone Europe/Amsterdam: "
            "the piece is left out; "
            "write it as YYYY-MM-DD, or with a time: 2025-01-29 18:15:32 +0100",
        ),
    ),
    "a Jekyll date past the calendar once in the project's zone": Hostile(
        "jekyll",
        {"_posts/2026-11-16-eerste.md": jekyll_post("Eerste stuk", "date: 9999-12-31T23:59:00-12:00\n")},
        (
            "blog/_posts/2026-11-16-eerste.md:4:7: warning: '9999-12-31T23:59:00-12:00' is out of range in the time zone "
            "Europe/Amsterdam: the piece is left out; write it as YYYY-MM-DD, or with a time: 2025-01-29 18:15:32 +0100",
        ),
    ),
    "a Jekyll date followed by 30,000 spaces": Hostile(
        "jekyll",
        {"_posts/2026-11-16-eerste.md": jekyll_post("Eerste stuk", 'date: "2026-11-16' + " " * 30_000 + 'x"\n')},
        (
            "blog/_posts/2026-11-16-eerste.md:4:7: warning: '2026-11-16" + " " * 47 + "...' is not a date nieuwsbrief reads: "
            "the piece is left out; "
            "write it as YYYY-MM-DD, or with a time: 2025-01-29 18:15:32 +0100",
        ),
    ),
    # ---------------------------------------------------------------- template syntax: nesting, open tags, a bomb
    "10,000 paired shortcodes nested": Hostile(
        "hugo",
        lead(
            "hugo",
            post("Eerste stuk", body='{{< details summary="Meer" >}}\n' * 10_000 + "Tekst.\n" + "{{< /details >}}\n" * 10_000),
        ),
        (f"{LEAD['hugo']}:38:1: error: template syntax {{{{< details … >}}}} {DEEPER}",),
    ),
    "10,000 if blocks nested": Hostile(
        "jekyll",
        {
            "_posts/2026-11-16-eerste.md": jekyll_post(
                "Eerste stuk", body="{% if klant %}\n" * 10_000 + "Tekst.\n" + "{% endif %}\n" * 10_000
            )
        },
        (
            f"{LEAD['jekyll']}:5:1: warning: " + GIVES_WAY.format("{% if … %}", "its inner text is kept (and 32 more like it)"),
            f"{LEAD['jekyll']}:37:1: error: template syntax {{% if … %}} {DEEPER}",
        ),
    ),
    "20,000 shortcodes never closed in 120 KB": Hostile(
        "hugo", lead("hugo", post("Eerste stuk", body=BODY + "{{< x " * 20_000)), ()
    ),
    "20,000 code fences never closed in 100 KB": Hostile(
        "hugo", lead("hugo", post("Eerste stuk", body=BODY + "```a\n" * 20_000)), ()
    ),
    "20,000 Liquid tags never closed in 120 KB": Hostile(
        "jekyll", {"_posts/2026-11-16-eerste.md": jekyll_post("Eerste stuk", body=BODY + "{% x " * 24_000)}, ()
    ),
    "13,000 raw blocks never ended in 120 KB": Hostile(
        "jekyll",
        {"_posts/2026-11-16-eerste.md": jekyll_post("Eerste stuk", body=BODY + "{% raw %}" * 13_000)},
        (f"{LEAD['jekyll']}:6:1: warning: " + GIVES_WAY.format("{% raw %}", "it is left out (and 12999 more like it)"),),
    ),
    "11,000 kramdown comments never ended in 120 KB": Hostile(
        "jekyll", {"_posts/2026-11-16-eerste.md": jekyll_post("Eerste stuk", body=BODY + "{::comment}" * 11_000)}, ()
    ),
    "a 4 MB value written out 3,000 times": Hostile(
        "jekyll",
        {
            "_config.yml": JEKYLL + "boom: " + "x" * 4_000_000 + "\n",
            "_posts/2026-11-16-eerste.md": jekyll_post("Eerste stuk", body=BODY + "{{ site.boom }}\n" * 3000),
        },
        (
            f"{LEAD['jekyll']}:6:1: error: template syntax {{{{ site.boom }}}} takes what the tags of this piece write past "
            "1,000,000 characters; write the text out, or use shorter values: a piece is text of a few pages",
        ),
    ),
    "package.json naming eleventy 20,000 times in one script": Hostile(
        "eleventy",
        {"package.json": '{"scripts": {"build": "' + "eleventy " * 20_000 + '"}}\n'},
        (),
        setup=lambda w: (w.root / "blog/eleventy.config.js").unlink(),
    ),
    "an Eleventy configuration with 100,000 blanks after from": Hostile(
        "eleventy", {"eleventy.config.js": "import x from" + " " * 100_000 + "\n" + ELEVENTY}, ()
    ),
    "an Eleventy metadata file repeating author: {": Hostile(
        "eleventy", {"_data/metadata.js": "export default {\n" + "author: {\n" * 30_000 + "};\n"}, ()
    ),
    # ---------------------------------------------------------------- lookups from one index, nothing outside the site
    "3,000 post_url tags in a site of 3,000 files": Hostile(
        "jekyll",
        {
            **{f"assets/map-{folder:02d}/plaatje-{number:03d}.png": "" for folder in range(30) for number in range(100)},
            "_posts/2026-11-16-eerste.md": jekyll_post("Eerste stuk", body=BODY + "{% post_url 2026-11-12-tweede %}\n" * 3000),
        },
        (),
    ),
    "a link tag that climbs out of the site": Hostile(
        "jekyll",
        {
            "assets/logo.png": "",
            "_posts/2026-11-16-eerste.md": jekyll_post(
                "Eerste stuk", body=BODY + "{% link assets/../../../outside/geheim.md %}\n"
            ),
        },
        (
            f"{LEAD['jekyll']}:6:1: error: template syntax {{% link … %}} points outside the site's folder: "
            "'assets/../../../outside/geheim.md'; point at a page of the site; nothing outside it is read",
        ),
        setup=lambda w: (w.outside / "geheim.md").write_text("---\ntitle: Geheim\n---\nNiet voor jou.\n", encoding="utf-8"),
    ),
    "a ref to a page linked to outside the site": Hostile(
        "hugo",
        lead("hugo", post("Eerste stuk", body=BODY + '{{< relref "notities.md" >}}\n')),
        (
            f"{LEAD['hugo']}:7:1: error: template syntax {{{{< relref … >}}}} points outside the site's folder: "
            "'content/notities.md'; point at a page of the site; nothing outside it is read",
        ),
        setup=lambda w: (
            (w.outside / "notities.md").write_text("---\ntitle: Geheim\n---\nNiet voor jou.\n", encoding="utf-8"),
            (w.root / "blog/content/notities.md").symlink_to(w.outside / "notities.md"),
        ),
    ),
    # ---------------------------------------------------------------- one odd page is that page's problem
    "posts named *.md, ?.md and **.md": Hostile(
        "hugo",
        {
            f"content/posts/{name}.md": post(f"Stuk {number}", f"2026-09-0{number}")
            for number, name in enumerate(["*", "?", "**"], 1)
        },
        (),
    ),
    "a permalink for the section page, in the map form": Hostile(
        "hugo", {"hugo.toml": HUGO + '[permalinks]\npage = "/:slug/"\n'}, ()
    ),
    # ---------------------------------------------------------------- site text that becomes a header
    "CR LF in a site's title": Hostile(
        "hugo",
        lead("hugo", post("Eerste\\r\\nBcc: alle@example.nl")),
        (
            f"{LEAD['hugo']}:2:8: warning: 'title' must be one line: it has a line break or another control character: "
            "the piece is left out; write 'title' on one line, without \\n or \\r",
        ),
    ),
    "a bell and an escape in a site's title": Hostile(
        "jekyll",
        {"_posts/2026-11-16-eerste.md": jekyll_post("Eerste \\a stuk \\e[2J")},
        (
            f"{LEAD['jekyll']}:2:8: warning: 'title' must be one line: it has a line break or another control character: "
            "the piece is left out; write 'title' on one line, without \\n or \\r",
        ),
    ),
}


# The long variants: the same classes at the size limits (a file of 1 MB, [content] max_file_kb), held to the same bounds.
LONG: dict[str, Hostile] = {
    "hugo.toml nested a million deep": deep_hugo_toml(990_000),
    "30,000 paired shortcodes nested, a file of 1 MB": Hostile(
        "hugo",
        lead("hugo", post("Eerste stuk", body="{{< details >}}\n" * 30_000 + "Tekst.\n" + "{{< /details >}}\n" * 30_000)),
        (f"{LEAD['hugo']}:38:1: error: template syntax {{{{< details >}}}} {DEEPER}",),
    ),
    "a JSON data file of a million brackets": Hostile(
        "hugo",
        {"data/authors.json": '{"anna": {"name": "Anna", "x": ' + "[" * 990_000 + "}}"},
        (f"blog/data/authors.json:1:62: error: invalid JSON: nested more than 32 levels deep; {NESTED}",),
    ),
    "3,000 post_url tags in a site of 30,000 files": Hostile(
        "jekyll",
        {
            **{f"assets/map-{folder:03d}/plaatje-{number:03d}.png": "" for folder in range(300) for number in range(100)},
            "_posts/2026-11-16-eerste.md": jekyll_post("Eerste stuk", body=BODY + "{% post_url 2026-11-12-tweede %}\n" * 3000),
        },
        (),
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_hostile_site_ends_in_its_message_within_the_bounds(name: str, tmp_path: Path) -> None:
    run_hostile(CASES[name], tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(LONG))
def test_a_hostile_site_at_the_size_limits_ends_within_the_bounds(name: str, tmp_path: Path) -> None:
    run_hostile(LONG[name], tmp_path)


def run_hostile(case: Hostile, tmp_path: Path) -> None:
    where = site_place(tmp_path, case.preset, {**SITES[case.preset], **case.files}, case.content)
    if case.setup is not None:
        case.setup(where)
    errors = sum(" error: " in line for line in case.problems)
    if errors:
        count = f"nieuwsbrief: {errors} problem{'s' * (errors > 1)} to fix"
        run_bounded(where, ("check",), 1, [*case.problems, count])
        summary = f"nieuwsbrief: the project has errors; {errors} error{'s' * (errors > 1)} above"
        run_bounded(where, ("compose", "--date", "2026-11-23", "--quiet"), 1, [*case.problems, summary])
    else:  # the page is read (or left out) with a warning; the issue is made, its own pre-flight aside
        run_bounded(where, ("check",), 0, list(case.problems))
        run_bounded(where, ("compose", "--date", "2026-11-23", "--quiet", "--no-lint"), 0, [])


@pytest.mark.parametrize("preset", sorted(SITES))
def test_the_base_sites_have_nothing_to_say(preset: str, tmp_path: Path) -> None:
    # What the cases above add to them is all they report.
    where = site_place(tmp_path, preset, SITES[preset])
    assert run_bounded(where, ("check",), 0, []).stdout == "ok: no errors, 0 warnings\n"


# ---------------------------------------------------------------- a folder nobody may read


PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 24, 1, 2  # <linux/prctl.h>, <linux/capability.h>


def without_root_reading() -> None:
    """The run without root's right to read any folder (tests run as root in CI's containers): the folder's own
    permissions hold, as they do for everyone else. Nothing to drop for another user."""
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
            assert libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) == 0, os.strerror(ctypes.get_errno())


def test_a_folder_that_cannot_be_read_is_named_and_the_issue_goes_on(tmp_path: Path) -> None:
    where = site_place(tmp_path, "jekyll", {**JEKYLL_SITE, "archief/2019/_posts/2019-01-01-oud.md": jekyll_post("Oud")})
    (where.root / "blog/archief").chmod(0)
    try:
        command = [sys.executable, "-m", "nieuwsbrief", "check"]
        run = subprocess.run(
            command, cwd=where.root, capture_output=True, text=True, timeout=WALL_SECONDS, preexec_fn=without_root_reading
        )
        assert (run.returncode, run.stderr.splitlines()) == (
            0,
            [
                "blog/archief/: warning: cannot read the folder: Permission denied; what it holds is left out; "
                "give it read permission, or move it out of the folder read"
            ],
        ), run.stderr
    finally:
        (where.root / "blog/archief").chmod(0o755)


# ---------------------------------------------------------------- what a site's text does to headers, the inbox and the feed


def test_a_direction_override_in_a_site_subject_is_taken_out_with_a_warning(tmp_path: Path) -> None:
    # "Factuur \u202egnp.exe" shows in an inbox as "Factuur exe.png": the override goes, the words stay as written.
    where = site_place(
        tmp_path, "hugo", {**HUGO_SITE, **lead("hugo", post("Eerste stuk", extra='subject: "Factuur \\u202egnp.exe"\n'))}
    )
    warning = (
        f"{LEAD['hugo']}:5:10: warning: 'subject' holds a character that turns the direction of the text (U+202E): it is "
        "left out; write the text in its own order; a subject shows it as written"
    )
    run_bounded(where, ("check",), 0, [warning])
    run_bounded(where, ("compose", "--date", "2026-11-23", "--quiet", "--no-lint"), 0, [])
    message = email.message_from_bytes((where.root / "issues/2026-W48/issue.eml").read_bytes(), policy=email.policy.default)
    assert message["Subject"] == "Factuur gnp.exe"
    assert json.loads((where.root / "issues/2026-W48/manifest.json").read_text(encoding="utf-8"))["subject"] == "Factuur gnp.exe"


def test_a_bell_in_a_site_title_never_reaches_the_feed(tmp_path: Path) -> None:
    # The page is left out (CASES above); the issue and its feed are made of the others, and the feed is XML.
    where = site_place(tmp_path, "jekyll", {**JEKYLL_SITE, "_posts/2026-11-16-eerste.md": jekyll_post("Eerste \\a stuk \\e[2J")})
    settings(where, '\n[archive]\nissues = "all"\n')  # composed issues are in the feed too
    run_bounded(where, ("compose", "--date", "2026-11-23", "--quiet", "--no-lint"), 0, [])
    feed = lxml.etree.fromstring((where.root / "issues/feed.xml").read_bytes())  # strict XML 1.0: a bell is an error
    assert "Tweede stuk" in "".join(feed.itertext())


def test_init_from_writes_no_header_a_site_smuggled_in(tmp_path: Path) -> None:
    # The site's address and its time zone close their quotes and add a setting; its title holds a line break.
    crafted = (
        'baseURL = "https://www.testbrief.nl/\\"\\nreply_to = \\"aanvaller@evil.example"\n'
        'title = "Testbrief\\r\\nBcc: alle@evil.example"\n'
        'timeZone = "Europe/Amsterdam\\"\\nreply_to = \\"aanvaller@evil.example"\n'
    )
    site = tmp_path / "blog"
    for name, text in {**HUGO_SITE, "hugo.toml": crafted}.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    result = invoke(tmp_path, "init", "nieuw", "--from", "blog")
    assert result.exit_code == 0, result.output
    written = (tmp_path / "nieuw/nieuwsbrief.toml").read_text(encoding="utf-8")
    assert "aanvaller" not in written and "evil" not in written.replace("Bcc: alle@evil.example", "")
    values = tomllib.loads(written)["newsletter"]
    assert (values["name"], "reply_to" in values) == ("Testbrief Bcc: alle@evil.example", False)
    assert values["base_url"] == "https://www.example.com"  # the placeholder: the site's was no address
    assert values["timezone"] == "UTC"  # as for a site that names none: the site's was no zone
    checked = invoke(tmp_path / "nieuw", "check")
    assert "newsletter.name" not in checked.stderr and "reply_to" not in checked.stderr, checked.stderr
