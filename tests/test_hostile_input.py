"""Adversarial content and settings: special files, resource bombs, header injection, format strings, extreme
dates and odd file names. Each ends in one clear message at its file and line, never a traceback or a hang,
and `check` reports it just as `compose` would refuse it (check ⊇ compose), before anything is written.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import struct
import subprocess
import sys
from collections.abc import Iterator

import pytest

from nieuwsbrief.config.schema import OPTIONS

from .adversarial import LEAD, Case, Place, edit, invoke, place, run_case, settings, write

# An alias bomb ("billion laughs"): nine levels of nine aliases, 400 bytes that stand for 9^9 values.
BOMB_LINES = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'] + [
    f"{chr(98 + level)}: &{chr(98 + level)} [{','.join(['*' + chr(97 + level)] * 9)}]" for level in range(8)
]


def bomb(key: str) -> str:
    fields = {"title": '"Bom"', "date": "2026-11-01", "category": "X", key: "*i"}
    return "---\n" + "\n".join(BOMB_LINES) + "\n" + "\n".join(f"{k}: {v}" for k, v in fields.items()) + "\n---\nTekst.\n"


def piece(*lines: str) -> str:
    return "---\n" + "\n".join(lines) + "\n---\nTekst.\n"


BASE = ('title: "Stuk"', "date: 2026-11-01", "category: Ondernemen")
ARTICLE = "content/articles/stuk.md"
EXCESS = "; write the values out: no aliases (*name), no deep nesting"  # a hint follows its message after a semicolon
ONE_LINE = "must be one line: it has a line break or another control character"
ODD_NAME = (
    "error: the name is not UTF-8 text, or holds a line break or another control character; "
    "rename it: letters, digits, spaces, hyphens and dots in UTF-8"
)

# Each: what to do to a fresh project, and every problem `check` and `compose` must both report, in order.
PROBLEMS: dict[str, tuple[object, list[str]]] = {
    # ---------------------------------------------------------------- special files
    "fifo named .md": (
        lambda w: os.mkfifo(w.root / "content/articles/pijp.md"),
        [
            "content/articles/pijp.md:1:1: error: not a Markdown file: it is a named pipe (FIFO), not a regular file; remove it from the content folder"
        ],
    ),
    "fifo as an author": (
        lambda w: os.mkfifo(w.root / "content/authors/pijp.md"),
        [
            "content/authors/pijp.md:1:1: error: not a Markdown file: it is a named pipe (FIFO), not a regular file; remove it from the content folder"
        ],
    ),
    "fifo as the settings": (
        lambda w: ((w.root / "nieuwsbrief.toml").unlink(), os.mkfifo(w.root / "nieuwsbrief.toml")),
        [
            "nieuwsbrief.toml:1:1: error: cannot read the settings: it is a named pipe (FIFO), not a regular file; save it as a text file"
        ],
    ),
    "folder as the settings": (
        lambda w: ((w.root / "nieuwsbrief.toml").unlink(), (w.root / "nieuwsbrief.toml").mkdir()),
        ["nieuwsbrief.toml:1:1: error: cannot read the settings: it is a folder, not a regular file; save it as a text file"],
    ),
    "fifo as a template": (
        lambda w: ((w.root / "templates").mkdir(), os.mkfifo(w.root / "templates/issue.txt.j2")),
        ["templates/issue.txt.j2: error: not a regular file; replace it with a template file"],
    ),
    "template not in UTF-8": (
        lambda w: write(w, "templates/partials/footer.html.j2", b"<p>Caf\xe9</p>\n"),
        ["templates/partials/footer.html.j2: error: cannot read the template: not UTF-8 text; save it as UTF-8 text"],
    ),
    "link to /dev/zero": (
        lambda w: (w.root / "content/articles/nul.md").symlink_to("/dev/zero"),
        [
            "content/articles/nul.md:1:1: error: link points outside the content folder; copy the file into content/ instead of linking to it"
        ],
    ),
    # ---------------------------------------------------------------- resource bombs
    "alias bomb in a date": (
        lambda w: write(w, ARTICLE, bomb("date")),
        [f"{ARTICLE}:6:1: error: invalid YAML: its aliases (*name) repeat more than 10,000 values{EXCESS}"],
    ),
    "alias bomb in a title": (
        lambda w: write(w, ARTICLE, bomb("title")),
        [f"{ARTICLE}:6:1: error: invalid YAML: its aliases (*name) repeat more than 10,000 values{EXCESS}"],
    ),
    "an alias inside itself": (
        lambda w: write(w, ARTICLE, piece("tags: &t [een, *t]", *BASE)),
        [f"{ARTICLE}:2:1: error: invalid YAML: an alias (*name) refers to the value it is part of{EXCESS}"],
    ),
    "300 levels of brackets": (
        lambda w: write(w, ARTICLE, piece(*BASE, "tags: " + "[" * 300 + "]" * 300)),
        [f"{ARTICLE}:5:1: error: invalid YAML: nested more than 32 levels deep{EXCESS}"],
    ),
    "100 levels of indentation": (
        lambda w: write(w, ARTICLE, piece(*BASE, "tags:", *(" " * level + "- " for level in range(1, 101)))),
        [f"{ARTICLE}:5:1: error: invalid YAML: nested more than 32 levels deep{EXCESS}"],
    ),
    "an integer of 5,000 digits": (
        lambda w: write(w, ARTICLE, piece(*BASE, "reading_time: " + "9" * 5000)),
        [f"{ARTICLE}:5:1: error: invalid YAML: a number of thousands of digits; check the value"],
    ),
    "a reading time of 23 digits": (
        lambda w: write(w, ARTICLE, piece(*BASE, "reading_time: 99999999999999999999999")),
        [
            f"{ARTICLE}:5:15: error: 'reading_time' must be a whole number of minutes from 1 to 600, "
            "got a number of more than 18 digits; remove it to compute it from the text"
        ],
    ),
    "a reading time of a week": (
        lambda w: write(w, ARTICLE, piece(*BASE, "reading_time: 10080")),
        [
            f"{ARTICLE}:5:15: error: 'reading_time' must be a whole number of minutes from 1 to 600, "
            "got the number 10080; remove it to compute it from the text"
        ],
    ),
    "a 50 MB file": (
        lambda w: (write(w, ARTICLE, piece(*BASE)), os.truncate(w.root / ARTICLE, 50_000_000)),
        [
            f"{ARTICLE}:1:1: error: file is 50,000,000 bytes, over the 1,000,000-byte limit; split it, or raise [content] max_file_kb"
        ],
    ),
    "a title of 100,000 characters in an error": (
        lambda w: write(w, ARTICLE, piece('title: ["' + "x" * 100_000 + '"]', *BASE[1:])),
        [f"{ARTICLE}:2:8: error: 'title' must be text, got a list; write it as title: \"...\""],
    ),
    "a date given as a set": (
        lambda w: write(w, ARTICLE, piece(BASE[0], "date: !!set {2026-11-01: null}", BASE[2])),
        [f"{ARTICLE}:3:7: error: 'date' must be a date, got a value of the YAML type set; write it as YYYY-MM-DD"],
    ),
    "a section that is not a table": (
        lambda w: settings(w, old="[newsletter]", new="utm = 3\n[newsletter]"),
        ["nieuwsbrief.toml:1:7: error: 'utm' must be a table; write it as [utm]"],
    ),
    "an array of tables for a section": (
        lambda w: settings(w, '\n[[labels]]\nrelated = "Meer"\n'),
        ["nieuwsbrief.toml:10:1: error: 'labels' must be a table; write it as [labels]"],  # at its [[labels]] header
    ),
    "settings over a megabyte": (
        lambda w: settings(w, "# " + "x" * 1_000_000 + "\n"),
        ["nieuwsbrief.toml:1:1: error: the settings are over 1,000,000 bytes; a few kilobytes will do"],
    ),
    "toml nested 100,000 deep": (
        lambda w: settings(w, "[new]\ncategory = " + "[" * 100_000 + "\n"),
        ["nieuwsbrief.toml:1:1: error: invalid TOML: nested too deeply; write each table as [section]"],
    ),
    "toml integer of 5,000 digits": (
        lambda w: settings(w, old="related_count = 3", new="related_count = " + "9" * 5000),
        [
            "nieuwsbrief.toml:1:1: error: invalid TOML: Exceeds the limit (4300 digits) for integer string conversion: "
            "value has 5000 digits; write a smaller number"
        ],
    ),
    # ---------------------------------------------------------------- header injection in content
    "CR LF in the lead's title": (
        lambda w: edit(w, LEAD, 'title: "Tweede column"', 'title: "Tweede\\r\\nBcc: alle@example.nl"'),
        [f"{LEAD}:2:8: error: 'title' {ONE_LINE}; write 'title' on one line, without \\n or \\r"],
    ),
    "a subject block of two lines": (
        lambda w: edit(w, LEAD, "category: Ondernemen\n", "category: Ondernemen\nsubject: |\n  Een\n  Bcc: x@example.nl\n"),
        [f"{LEAD}:5:10: error: 'subject' {ONE_LINE}; write 'subject' on one line, without \\n or \\r"],
    ),
    "a line feed in the preheader": (
        lambda w: edit(w, LEAD, "category: Ondernemen\n", 'category: Ondernemen\npreheader: "Lees\\nmeer"\n'),
        [f"{LEAD}:5:12: error: 'preheader' {ONE_LINE}; write 'preheader' on one line, without \\n or \\r"],
    ),
    "a line separator in a title": (
        lambda w: edit(w, LEAD, 'title: "Tweede column"', 'title: "Tweede\\Lcolumn"'),
        [f"{LEAD}:2:8: error: 'title' {ONE_LINE}; write 'title' on one line, without \\n or \\r"],
    ),
    "a NUL in a category": (
        lambda w: write(w, ARTICLE, piece(*BASE[:2], 'category: "On\\0dernemen"')),
        [f"{ARTICLE}:4:11: error: 'category' {ONE_LINE}; write 'category' on one line, without \\n or \\r"],
    ),
    "a line break in an author's name": (
        lambda w: edit(w, "content/authors/anna.md", "name: Anna de Boer", 'name: "Anna\\nde Boer"'),
        [
            f"content/authors/anna.md:2:7: error: 'name' {ONE_LINE}; write 'name' on one line, without \\n or \\r",
        ],
    ),
    "a space in a link": (
        lambda w: write(w, ARTICLE, piece(*BASE, 'url: "mijn pagina"')),
        [f"{ARTICLE}:5:6: error: 'url' has a space or a character a URL cannot hold: 'mijn pagina'; write a space as %20"],
    ),
    # ---------------------------------------------------------------- header injection in settings
    "CR LF in the name": (
        lambda w: settings(w, old='name = "Testbrief"', new='name = "Testbrief\\r\\nBcc: alle@example.nl"'),
        [
            f"nieuwsbrief.toml:2:8: error: newsletter.name {ONE_LINE}; remove it: the value goes into a header or a line of the email"
        ],
    ),
    "a second header in from": (
        lambda w: settings(
            w,
            old='from = "Testbrief <nieuwsbrief@testbrief.nl>"',
            new='from = "Testbrief <nieuwsbrief@testbrief.nl>\\r\\nBcc: alle@example.nl"',
        ),
        [
            "nieuwsbrief.toml:4:8: error: newsletter.from is not an email address: "
            "'Testbrief <nieuwsbrief@testbrief.nl>\\r\\nBcc: alle@example.nl'; write it as \"Name <address@example.nl>\""
        ],
    ),
    "a second address in from": (
        lambda w: settings(
            w,
            old='from = "Testbrief <nieuwsbrief@testbrief.nl>"',
            new='from = "dief@example.com, Testbrief <nieuwsbrief@testbrief.nl>"',
        ),
        [
            "nieuwsbrief.toml:4:8: error: newsletter.from is not an email address: "
            "'dief@example.com, Testbrief <nieuwsbrief@testbrief.nl>'; write it as \"Name <address@example.nl>\""
        ],
    ),
    "a group in from": (
        lambda w: settings(w, old='from = "Testbrief <nieuwsbrief@testbrief.nl>"', new='from = "lijst: dief@example.com;"'),
        [
            "nieuwsbrief.toml:4:8: error: newsletter.from is not an email address: "
            "'lijst: dief@example.com;'; write it as \"Name <address@example.nl>\""
        ],
    ),
    "a line feed in reply_to": (
        lambda w: settings(
            w, old='postal_address = "', new='reply_to = "redactie@example.nl\\nBcc: alle@example.nl"\npostal_address = "'
        ),
        [
            "nieuwsbrief.toml:5:12: error: newsletter.reply_to is not an email address: "
            "'redactie@example.nl\\nBcc: alle@example.nl'; e.g. redactie@example.nl"
        ],
    ),
    "CR LF in the unsubscribe link": (
        lambda w: settings(w, '\n[links]\nunsubscribe = "https://www.example.nl/af\\r\\nBcc: alle@example.nl"\n'),
        [
            "nieuwsbrief.toml:11:15: error: links.unsubscribe must be an absolute https:// URL, "
            "got 'https://www.example.nl/af\\r\\nBcc: alle@example.nl'; e.g. \"https://www.example.nl\""
        ],
    ),
    "a second link in unsubscribe": (
        lambda w: settings(w, '\n[links]\nunsubscribe = "https://www.example.nl/af>, <https://dief.example.com/"\n'),
        [
            "nieuwsbrief.toml:11:15: error: links.unsubscribe must be an absolute https:// URL, "
            "got 'https://www.example.nl/af>, <https://dief.example.com/'; e.g. \"https://www.example.nl\""
        ],
    ),
    "a line feed in the mailto link": (
        lambda w: settings(w, '\n[links]\nunsubscribe_mailto = "mailto:af@example.nl\\nBcc: alle@example.nl"\n'),
        ['nieuwsbrief.toml:11:22: error: links.unsubscribe_mailto must start with mailto:; e.g. "mailto:afmelden@example.nl"'],
    ),
    "a list id with brackets": (
        lambda w: settings(w, old='postal_address = "', new='list_id = "x> <y.example.nl"\npostal_address = "'),
        [
            "nieuwsbrief.toml:5:11: error: newsletter.list_id must look like name.example.nl (letters, digits, dots and hyphens), "
            "got 'x> <y.example.nl'; e.g. \"ondernemen-wekelijks.example.nl\""
        ],
    ),
    "a line break in a label": (
        lambda w: settings(w, '\n[labels]\nrelated = "Meer\\nlezen"\n'),
        [
            "nieuwsbrief.toml:11:11: error: [labels] related must be one line: it has a line break or another control character; remove it"
        ],
    ),
    "a line break in utm source": (
        lambda w: settings(w, '\n[utm]\nsource = "nieuws\\nbrief"\n'),
        [f"nieuwsbrief.toml:11:10: error: utm.source {ONE_LINE}; remove it: the value goes into a header or a line of the email"],
    ),
    "two list addresses": (
        lambda w: settings(w, '\n[smtp]\nlist_address = "lijst@example.nl, dief@example.com"\n'),
        [
            "nieuwsbrief.toml:11:16: error: smtp.list_address is not an email address: "
            "'lijst@example.nl, dief@example.com'; e.g. lijst@example.nl"
        ],
    ),
    # ---------------------------------------------------------------- format strings
    "a lone { in article_url": (
        lambda w: settings(w, '\n[links]\narticle_url = "https://www.example.nl/{slug"\n'),
        [
            "nieuwsbrief.toml:11:15: error: links.article_url has a lone { or }; a placeholder is written {name}, a literal brace {{ or }}",
        ],
    ),
    "a lone } in article_url": (
        lambda w: settings(w, '\n[links]\narticle_url = "https://www.example.nl/}{slug}"\n'),
        [
            "nieuwsbrief.toml:11:15: error: links.article_url has a lone { or }; a placeholder is written {name}, a literal brace {{ or }}",
        ],
    ),
    "attribute access in article_url": (
        lambda w: settings(w, '\n[links]\narticle_url = "https://www.example.nl/{slug.__class__}"\n'),
        ["nieuwsbrief.toml:11:15: error: links.article_url has an unknown placeholder {slug.__class__}; allowed: {slug}, {type}"],
    ),
    "a lone { in view_online": (
        lambda w: settings(w, '\n[links]\nview_online = "https://www.example.nl/{id}/{"\n'),
        [
            "nieuwsbrief.toml:11:15: error: links.view_online has a lone { or }; a placeholder is written {name}, a literal brace {{ or }}",
        ],
    ),
    "a conversion in the campaign": (
        lambda w: settings(w, '\n[utm]\ncampaign = "{id!r}"\n'),
        ["nieuwsbrief.toml:11:12: error: utm.campaign has an unknown placeholder {id!r}; allowed: {id}"],
    ),
    "a format spec in the campaign": (
        lambda w: settings(w, '\n[utm]\ncampaign = "{id:>99999999}"\n'),
        ["nieuwsbrief.toml:11:12: error: utm.campaign has an unknown placeholder {id:>99999999}; allowed: {id}"],
    ),
    "a lone { in the campaign": (
        lambda w: settings(w, '\n[utm]\ncampaign = "week {id"\n'),
        [
            "nieuwsbrief.toml:11:12: error: utm.campaign has a lone { or }; a placeholder is written {name}, a literal brace {{ or }}"
        ],
    ),
    "attribute access in a label": (
        lambda w: settings(w, '\n[labels]\nreading_time = "{minutes.real} min"\n'),
        [
            "nieuwsbrief.toml:11:16: error: [labels] reading_time may only use the placeholder {minutes}; write a literal brace as {{ or }}"
        ],
    ),
    "an index in a label": (
        lambda w: settings(w, '\n[labels]\nissue = "Nummer {number[0]}"\n'),
        ["nieuwsbrief.toml:11:9: error: [labels] issue may only use the placeholder {number}; write a literal brace as {{ or }}"],
    ),
    # ---------------------------------------------------------------- dates and time zones
    "a date past the last day once in the project's zone": (
        lambda w: write(w, ARTICLE, piece(BASE[0], "date: 9999-12-31T23:59-12:00", BASE[2])),
        [
            f"{ARTICLE}:3:7: error: '9999-12-31T23:59-12:00' is out of range in the time zone Europe/Amsterdam; write the publication date, e.g. 2026-11-28"
        ],
    ),
    "a date before the first day once in the project's zone": (
        lambda w: write(w, ARTICLE, piece(BASE[0], "date: 0001-01-01T00:00+05:00", BASE[2])),
        [
            f"{ARTICLE}:3:7: error: '0001-01-01T00:00+05:00' is out of range in the time zone Europe/Amsterdam; write the publication date, e.g. 2026-11-28"
        ],
    ),
    "the last day of 9999": (
        lambda w: write(w, ARTICLE, piece(BASE[0], "date: 9999-12-31", BASE[2])),
        [
            f"{ARTICLE}:3:7: error: '9999-12-31' is out of range: nieuwsbrief takes years 1 to 9998; write the publication date, e.g. 2026-11-28"
        ],
    ),
    "an unknown time zone": (
        lambda w: settings(w, old='postal_address = "', new='timezone = "Mars/Olympus"\npostal_address = "'),
        [
            'nieuwsbrief.toml:5:12: error: newsletter.timezone is not a known time zone: \'Mars/Olympus\'; use a name from the tz database, e.g. "Europe/Amsterdam" or "UTC"'
        ],
    ),
    "a time zone that is a path": (
        lambda w: settings(w, old='postal_address = "', new='timezone = "../../../etc/passwd"\npostal_address = "'),
        [
            'nieuwsbrief.toml:5:12: error: newsletter.timezone is not a known time zone: \'../../../etc/passwd\'; use a name from the tz database, e.g. "Europe/Amsterdam" or "UTC"'
        ],
    ),
    # ---------------------------------------------------------------- odd file names
    "a name that is not UTF-8": (
        lambda w: write(w, os.fsdecode(b"content/articles/caf\xe9.md"), piece(*BASE)),
        [f"content/articles/caf\\xe9.md: {ODD_NAME}"],
    ),
    "a line break forging a problem": (
        lambda w: write(w, "content/articles/a\nnieuwsbrief.toml:1:1: error: vals.md", piece(*BASE)),
        [f"content/articles/a\\nnieuwsbrief.toml:1:1: error: vals.md: {ODD_NAME}"],
    ),
    "an escape sequence in a name": (
        lambda w: write(w, "content/articles/\x1b[2Jwis.md", piece(*BASE)),
        [f"content/articles/\\x1b[2Jwis.md: {ODD_NAME}"],
    ),
    "a line break in a folder's name": (
        lambda w: write(w, "content/articles/2026\nmap/stuk.md", piece(*BASE)),
        [f"content/articles/2026\\nmap/: {ODD_NAME}"],
    ),
}


@pytest.mark.parametrize("name", sorted(PROBLEMS))
def test_check_reports_what_compose_refuses_at_its_file_and_line(name: str, tmp_path: os.PathLike[str]) -> None:
    setup, problems = PROBLEMS[name]
    where = place(tmp_path)  # type: ignore[arg-type]
    setup(where)  # type: ignore[operator]
    errors = sum(" error: " in line for line in problems)
    run_case(where, ("check",), 1, [*problems, f"nieuwsbrief: {errors} problem{'s' * (errors > 1)} to fix"])
    summary = f"nieuwsbrief: the project has errors; {errors} error{'s' * (errors > 1)} above"
    run_case(where, ("compose", "--date", "2026-11-23"), 1, [*problems, summary])
    assert not (where.root / "issues").exists()


# Cases with a command of their own.
CASES = {
    "--date past 9998": Case(
        lambda w: None,
        ("compose", "--date", "9999-12-31"),
        2,
        ("nieuwsbrief: --date 9999-12-31 is too far ahead; nieuwsbrief takes dates up to 9998-12-31",),
    ),
    "--date past 9998 for pick": Case(
        lambda w: None,
        ("pick", "--date", "9999-01-01"),
        2,
        ("nieuwsbrief: --date 9999-01-01 is too far ahead; nieuwsbrief takes dates up to 9998-12-31",),
    ),
    "the first --date there is": Case(
        lambda w: None,
        ("compose", "--date", "0001-01-01"),
        3,
        (
            "content/columns/eerste-column.md:3:7: note: the column eerste-column is dated 2026-11-02; it can lead from that "
            "day on",
            "nieuwsbrief: nothing new to compose: no column published from 0001-01-01 to 0001-01-01 that is not a draft "
            "and was not featured before; the next column, eerste-column, is dated 2026-11-02",
        ),
    ),
    "a socket named .md": Case(
        lambda w: _bind_socket(w, "content/articles/s.md"),
        ("check",),
        1,
        (
            "content/articles/s.md:1:1: error: not a Markdown file: it is a socket, not a regular file; remove it from the content folder",
            "nieuwsbrief: 1 problem to fix",
        ),
    ),
    "a slug too long for a file name": Case(
        lambda w: None,
        ("new", "article", "Kort", "--slug", "x" * 300),
        2,
        (f"nieuwsbrief: --slug is 300 characters long; use at most 80, e.g. {'x' * 80}",),
    ),
    "init with a name too long for a folder": Case(
        lambda w: None,
        ("init", "x" * 300),
        1,
        (
            f"{'x' * 300}: error: cannot read or write a file: File name too long; use a shorter name",
            "nieuwsbrief: cannot read or write a file; 1 error above",
        ),
    ),
    "a port past 65535": Case(
        lambda w: None,
        ("preview", "--serve", "--port", "99999", "--no-open"),
        2,
        (),
    ),
}


def _bind_socket(where: Place, name: str) -> None:
    server = socket.socket(socket.AF_UNIX)
    os.chdir(where.root)  # a socket's path is limited to about a hundred bytes: bind it by its relative name
    try:
        server.bind(name)
    finally:
        os.chdir(where.tmp)
        server.close()


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_hostile_command_line_ends_in_one_clear_message(name: str, tmp_path: os.PathLike[str]) -> None:
    case = CASES[name]
    where = place(tmp_path)  # type: ignore[arg-type]
    case.setup(where)
    if case.stderr:
        run_case(where, case.args, case.code, list(case.stderr))
    else:  # typer's own usage message: only its last line is ours to pin
        result = invoke(where.root, *case.args)
        assert result.exit_code == case.code
        assert "99999 is not in the range 0<=x<=65535" in result.stderr


def test_odd_names_stay_valid_json_on_one_line_each(tmp_path: os.PathLike[str]) -> None:
    where = place(tmp_path)  # type: ignore[arg-type]
    write(where, os.fsdecode(b"content/articles/caf\xe9\n.md"), piece(*BASE))
    result = invoke(where.root, "check", "--json")
    assert result.exit_code == 1
    assert [problem["path"] for problem in json.loads(result.stdout)] == ["content/articles/caf\\xe9\\n.md"]


@pytest.mark.slow
def test_100000_unknown_keys_are_each_reported_at_their_line(tmp_path: os.PathLike[str]) -> None:
    # Positions come from one index of line starts, not from a count per key: linear, whatever the number of keys.
    where = place(tmp_path)  # type: ignore[arg-type]
    write(where, ARTICLE, piece(*BASE, *(f"k{n}: v" for n in range(100_000))))
    result = invoke(where.root, "check", "--quiet")
    lines = [line for line in result.stderr.splitlines() if ": warning: unknown key " in line]
    assert (result.exit_code, len(lines)) == (0, 100_000)
    assert lines[-1].startswith(f"{ARTICLE}:100004:1: warning: unknown key 'k99999' is ignored; known keys: author,")


def test_a_subject_the_pre_flight_check_refuses_is_reported_by_check_at_its_line(tmp_path: os.PathLike[str]) -> None:
    # compose refuses it in the week the column leads (exit 4); check names it first, at the subject's line.
    where = place(tmp_path)  # type: ignore[arg-type]
    edit(where, LEAD, "category: Ondernemen\n", 'category: Ondernemen\nsubject: "WAAROM NU??"\n')
    found = (
        f"{LEAD}:5:10: error: C-39 the subject is in capitals: 'WAAROM NU??'; write it in sentence case",
        f"{LEAD}:5:10: error: C-39 the subject shouts: 'WAAROM NU??'; use at most one ! or ?",
    )
    run_case(where, ("check", "--date", "2026-11-23"), 1, [*found, "nieuwsbrief: 2 problems to fix"])
    refused = invoke(where.root, "compose", "--date", "2026-11-23")
    assert refused.exit_code == 4
    assert "error: C-39 the subject is in capitals: 'WAAROM NU??'; write it in sentence case" in refused.stderr
    edit(where, LEAD, "category: Ondernemen\n", "category: Ondernemen\ndraft: true\n")
    assert invoke(where.root, "check").exit_code == 0  # a draft never leads: no error until it is ready


def test_a_long_title_makes_a_slug_cut_at_a_word(tmp_path: os.PathLike[str]) -> None:
    where = place(tmp_path)  # type: ignore[arg-type]
    assert invoke(where.root, "new", "article", "woord " * 80).exit_code == 0
    assert [p.name for p in (where.root / "content/articles").glob("woord*")] == ["-".join(["woord"] * 13) + ".md"]


def test_a_port_that_is_taken_is_a_usage_error(tmp_path: os.PathLike[str]) -> None:
    where = place(tmp_path)  # type: ignore[arg-type]
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run_case(
            where,
            ("preview", "--serve", "--port", str(port), "--no-open"),
            2,
            [f"nieuwsbrief: cannot serve on port {port}: Address already in use (pass --port 0 for any free port)"],
        )


@pytest.mark.parametrize("name", sorted(name for name, (_, option) in OPTIONS.items() if option.kind in (str, list)))
def test_every_text_setting_refuses_a_line_break(name: str, tmp_path: os.PathLike[str]) -> None:
    # A declaration added later is held to it too: whatever its rules, a value with CR LF is an error at its line.
    section, key = name.split(".")
    line = f"{key} = " + ('["a\\r\\nb"]' if OPTIONS[name][1].kind is list else '"a\\r\\nb"')
    where = place(tmp_path)  # type: ignore[arg-type]
    text = (where.root / "nieuwsbrief.toml").read_text(encoding="utf-8")
    if section != "newsletter":
        text += f"\n[{section}]\n{line}\n"
    elif f"\n{key} = " in text:  # a required one: written already
        start = text.index(f"\n{key} = ") + 1
        text = text[:start] + line + text[text.index("\n", start) :]
    else:
        text = text.replace("[newsletter]\n", f"[newsletter]\n{line}\n")
    (where.root / "nieuwsbrief.toml").write_text(text, encoding="utf-8")
    number = text.splitlines().index(line) + 1
    result = invoke(where.root, "check")
    assert result.exit_code == 1, result.output
    assert any(
        problem.startswith(f"nieuwsbrief.toml:{number}:") and " error: " in problem for problem in result.stderr.splitlines()
    )


# ---------------------------------------------------------------- second round: links, direction, the live proof


def test_an_empty_link_target_is_an_error_at_its_line_in_check_and_compose(tmp_path: os.PathLike[str]) -> None:
    where = place(tmp_path)  # type: ignore[arg-type]
    edit(where, LEAD, "Tekst van de column.", "Tekst van de column.\n\nZie [dit]() voor meer.")
    line = (where.root / LEAD).read_text(encoding="utf-8").splitlines().index("Zie [dit]() voor meer.") + 1
    found = f"{LEAD}:{line}:5: error: C-15 a link to 'nothing'; every link needs an absolute https:// or mailto: target"
    run_case(where, ("check", "--date", "2026-11-23"), 1, [found, "nieuwsbrief: 1 problem to fix"])
    unsubscribe = (
        "issues/2026-W48/issue.eml: warning: C-36 List-Unsubscribe has no mailto: address; set [links] unsubscribe_mailto "
        "(Microsoft honoured only mailto)"
    )
    refused = "nieuwsbrief: issue 2026-W48 failed the pre-flight checks; nothing was written; 1 error above"
    run_case(where, ("compose", "--date", "2026-11-23", "--quiet"), 4, [found, unsubscribe, refused])


def test_a_direction_override_in_a_subject_is_taken_out_with_a_warning_at_its_line(tmp_path: os.PathLike[str]) -> None:
    where = place(tmp_path)  # type: ignore[arg-type]
    edit(
        where,
        LEAD,
        "category: Ondernemen\n",
        'category: Ondernemen\nsubject: "Factuur \\u202egnp.exe \\u2066bijgevoegd\\u2069"\n',
    )
    warning = (
        f"{LEAD}:5:10: warning: 'subject' holds a character that turns the direction of the text (U+202E, U+2066, U+2069): "
        "it is left out; write the text in its own order; a subject shows it as written"
    )
    run_case(where, ("check", "--date", "2026-11-23"), 0, [warning])
    run_case(where, ("compose", "--date", "2026-11-23", "--quiet"), 0, [])
    assert b"Subject: Factuur gnp.exe bijgevoegd\r\n" in (where.root / "issues/2026-W48/issue.eml").read_bytes()


@pytest.fixture
def live_proof(tmp_path: os.PathLike[str]) -> Iterator[tuple[subprocess.Popen[str], int]]:
    """`preview --serve` running on a free port of a project of its own: the process and its port."""
    where = place(tmp_path)  # type: ignore[arg-type]
    command = [sys.executable, "-m", "nieuwsbrief", "preview", "--serve", "--port", "0", "--no-open", "--date", "2026-11-23"]
    server = subprocess.Popen(command, cwd=where.root, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    assert server.stderr is not None
    first = server.stderr.readline()
    found = re.fullmatch(r"serving the live proof on http://127\.0\.0\.1:(\d+)/ \(Ctrl-C stops\)\n", first)
    assert found is not None, first + server.stderr.read()
    try:
        yield server, int(found.group(1))
    finally:
        if server.poll() is None:
            server.kill()
        server.communicate()


def status_for_host(port: int, host: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest("GET", "/", skip_host=True)
        connection.putheader("Host", host)
        connection.endheaders()
        return connection.getresponse().status
    finally:
        connection.close()


def test_the_live_proof_answers_only_to_this_machine_by_name_and_port(live_proof: tuple[subprocess.Popen[str], int]) -> None:
    # A page on another name that a rebinding DNS points at 127.0.0.1 sends its own name as Host: refused.
    _, port = live_proof
    refused = ["evil.example", f"evil.example:{port}", "localhost", f"127.0.0.1:{port + 1}", f"localhost.evil.example:{port}", ""]
    assert {host: status_for_host(port, host) for host in refused} == dict.fromkeys(refused, 403)
    allowed = [f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}", f"LocalHost:{port}"]
    assert {host: status_for_host(port, host) for host in allowed} == dict.fromkeys(allowed, 200)


def test_a_browser_hanging_up_mid_answer_is_no_traceback(live_proof: tuple[subprocess.Popen[str], int]) -> None:
    server, port = live_proof
    for _ in range(20):  # each asks for the page and resets the connection before reading it
        with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
            client.sendall(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    assert status_for_host(port, f"127.0.0.1:{port}") == 200  # still serving
    server.send_signal(signal.SIGINT)
    _, stderr = server.communicate(timeout=10)
    assert (server.returncode, stderr) == (130, "nieuwsbrief: stopped by SIGINT; no file was left half-written\n")
