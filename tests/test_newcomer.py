"""A newcomer's and an operator's first week (issue 22): each edge they hit, pinned by its message or behaviour.

The project is found from any folder inside it; a terminal gets colour and a caret, a log gets JSON Lines;
typos say what was meant; `--edit` works without $EDITOR; export and send share the guard for init's samples;
the second send says how the first went, in the project's time zone; a fresh project is quiet about C-37, has
an [smtp] block and a README in its language, and `preview` shows what compose would make.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nieuwsbrief import pipeline
from nieuwsbrief.cli import app
from nieuwsbrief.errors import Problem
from nieuwsbrief.selection import issue_id_for

from .conftest import REPO, SENDING_SETTINGS, ProjectFactory, cli_env, column
from .servers import SmtpServer
from .test_cli import COMMANDS

runner = CliRunner()
WEEK_48 = dt.date(2026, 11, 23)


def invoke(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env=cli_env(env))


def nieuwsbrief(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The console script in a real process, as a person or cron runs it."""
    return subprocess.run(
        [sys.executable, "-m", "nieuwsbrief", *args], cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True
    )


def on_a_terminal(*args: str, cwd: Path, env: dict[str, str]) -> str:
    """What a person sees: the console script with stdin, stdout and stderr on a pseudo-terminal."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "nieuwsbrief", *args], cwd=cwd, env=env, stdin=follower, stdout=follower, stderr=follower
    )
    os.close(follower)
    seen = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            process.kill()
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process ended
            break
        if not chunk:
            break
        seen += chunk
    process.wait(timeout=60)
    os.close(leader)
    return seen.decode("utf-8").replace("\r\n", "\n")


def terminal_env(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "VISUAL", "EDITOR")}
    return {**env, "TERM": "xterm-256color", "COLUMNS": "100", **extra}


# ---------------------------------------------------------------- 2. the project is found


def test_the_project_is_found_from_a_folder_inside_it_and_paths_open_from_there(make_project: ProjectFactory) -> None:
    root = make_project({"content/articles/kapot.md": "---\ntitle: Kapot\ndate: 2026-13-01\ncategory: X\n---\n"})
    result = nieuwsbrief("check", cwd=root / "content" / "columns")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "../../content/articles/kapot.md:3:7: error: '2026-13-01' is not a real date (month must be in 1..12); "
        "write it as YYYY-MM-DD, e.g. 2026-11-28"
    )


def test_the_cli_names_the_settings_file_as_config_does() -> None:
    from nieuwsbrief.cli.project import SETTINGS_FILE
    from nieuwsbrief.config import SETTINGS_FILE as CONFIGURED

    assert SETTINGS_FILE == CONFIGURED


def test_project_wins_over_the_folder_found(make_project: ProjectFactory, tmp_path: Path, today: dt.date) -> None:
    root = make_project()
    other = tmp_path / "other"
    assert invoke("init", str(other)).exit_code == 0  # its sample column is dated a few days before today
    inside = nieuwsbrief("--project", str(other), "pick", "--date", today.isoformat(), cwd=root / "content")
    assert inside.returncode == 0, inside.stderr
    assert "welkom-bij-je-eerste-nummer" in inside.stdout


def test_outside_any_project_is_a_usage_error_of_one_line_that_names_init(tmp_path: Path) -> None:
    for command in (("check",), ("compose",), ("issues", "--json"), ("new", "column", "X"), ("preview", "--no-open")):
        result = nieuwsbrief(*command, cwd=tmp_path)
        assert (result.returncode, result.stderr) == (
            2,
            "nieuwsbrief: no nieuwsbrief.toml here or in any folder above; start a project with: nieuwsbrief init\n",
        ), command
    named = nieuwsbrief("--project", "elders", "check", cwd=tmp_path)
    assert (named.returncode, named.stderr) == (
        2,
        "nieuwsbrief: elders holds no nieuwsbrief.toml; start a project there with: nieuwsbrief init elders\n",
    )


# ---------------------------------------------------------------- 3. JSON Lines


# A column for each of two weeks (since issue 19 only what is new since the previous issue leads), then a quiet week.
WEEKS_OF_COLUMNS = {"content/columns/derde-column.md": column("Derde column", "2026-11-27")}


def test_json_is_one_line_per_result_when_not_on_a_terminal_so_a_log_is_json_lines(make_project: ProjectFactory) -> None:
    root = make_project(WEEKS_OF_COLUMNS)
    log = root / "nieuwsbrief.jsonl"
    for day in ("2026-11-23", "2026-11-30", "2026-12-07"):
        with log.open("a", encoding="utf-8") as out:
            subprocess.run([sys.executable, "-m", "nieuwsbrief", "compose", "--date", day, "--json"], cwd=root, stdout=out)
    lines = log.read_text(encoding="utf-8").splitlines()
    assert [(json.loads(line)["ok"], json.loads(line).get("exit_code")) for line in lines] == [
        (True, None),
        (True, None),
        (False, 3),
    ]
    cron = (REPO / "contrib" / "cron" / "nieuwsbrief.cron").read_text(encoding="utf-8")
    assert "compose --quiet --json 2>&1 >> /var/log/nieuwsbrief.json)" in cron
    assert "one line per run to the log (JSON Lines" in cron


def test_the_cron_recipe_logs_json_lines_and_says_nothing_in_a_quiet_week(make_project: ProjectFactory, tmp_path: Path) -> None:
    root = make_project(WEEKS_OF_COLUMNS)
    cron = (REPO / "contrib" / "cron" / "nieuwsbrief.cron").read_text(encoding="utf-8")
    line = next(line for line in cron.splitlines() if line.startswith("0 6 * * 1"))
    command = line.split("  nieuwsbrief  ", 1)[1]  # after the time fields and the user, as cron runs it with sh
    log = tmp_path / "nieuwsbrief.json"
    (root / ".venv" / "bin").mkdir(parents=True)
    (root / ".venv" / "bin" / "nieuwsbrief").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m nieuwsbrief "$@"\n', "utf-8")
    (root / ".venv" / "bin" / "nieuwsbrief").chmod(0o755)
    command = command.replace("/srv/site", str(root)).replace("/var/log/nieuwsbrief.json", str(log))
    weeks = []
    for day in ("2026-11-23", "2026-11-30", "2026-12-07"):  # a new column, another, then nothing new
        weeks.append(
            subprocess.run(["sh", "-c", command], env={**os.environ, "NIEUWSBRIEF_TODAY": day}, capture_output=True, text=True)
        )
    assert [(week.stdout, week.stderr) for week in weeks] == [("", "")] * 3  # cron mails nothing
    assert [json.loads(entry)["ok"] for entry in log.read_text(encoding="utf-8").splitlines()] == [True, True, False]
    (root / "nieuwsbrief.toml").write_text("[newsletter]\n", encoding="utf-8")
    broken = subprocess.run(["sh", "-c", command], capture_output=True, text=True)
    assert broken.stdout.startswith("nieuwsbrief compose failed with exit 1: nieuwsbrief.toml:1:1: error: missing setting ")


def test_json_is_indented_for_a_person_at_a_terminal(make_project: ProjectFactory) -> None:
    root = make_project()
    seen = on_a_terminal("issues", "--json", cwd=root, env=terminal_env())
    assert seen == "[]\n"
    pipeline.compose(root, WEEK_48)
    seen = on_a_terminal("issues", "--json", cwd=root, env=terminal_env())
    assert seen.startswith('[\n  {\n    "id": "2026-W48",\n')


# ---------------------------------------------------------------- 4. one guard for init's samples


def test_export_and_send_refuse_inits_samples_with_the_same_errors_at_their_lines(tmp_path: Path, today: dt.date) -> None:
    root = tmp_path / "site"
    assert invoke("init", str(root)).exit_code == 0
    with SmtpServer() as server:
        settings = root / "nieuwsbrief.toml"
        smtp = f'\n[smtp]\nhost = "127.0.0.1"\nport = {server.port}\nsecurity = "none"\nlist_address = "lijst@testbrief.nl"\n'
        settings.write_text(settings.read_text(encoding="utf-8").replace("# [smtp]", "# [smtp] (below)") + smtp, "utf-8")
        assert invoke("--project", str(root), "compose").exit_code == 0
        exported = invoke("--project", str(root), "export", "--esp", "Mailchimp")
        sent = invoke("--project", str(root), "send", "--yes")
        assert server.inbox == []
    assert (exported.exit_code, sent.exit_code) == (1, 1)
    week = issue_id_for(today)
    *problems, summary = exported.stderr.splitlines()
    assert sent.stderr.splitlines()[:-1] == problems
    assert len(problems) == 10
    assert problems[0] == (
        f"{root}/content/articles/een-goede-onderwerpregel-schrijven.md:1:1: error: issue {week} features the sample "
        f"article een-goede-onderwerpregel-schrijven from nieuwsbrief init; put your own text in it, or compose issue {week} "
        "again with --exclude een-goede-onderwerpregel-schrijven"
    )
    assert (
        summary
        == f"nieuwsbrief: issue {week} still carries what nieuwsbrief init left in place; nothing was exported; 10 errors above"
    )
    assert not (root / "issues" / week / "export").exists()


# ---------------------------------------------------------------- 5. did you mean


def test_an_unknown_setting_in_a_known_section_is_an_error_naming_the_nearest(make_project: ProjectFactory) -> None:
    settings = SENDING_SETTINGS + '\n[utm]\nenabeld = false\n\n[labels]\nrelatd = "Meer"\n\n[seletion]\nx = 1\n'
    root = make_project(settings=settings)
    result = invoke("--project", str(root), "check")
    assert result.exit_code == 1
    assert [line for line in result.stderr.splitlines() if "nieuwsbrief.toml" in line] == [
        f"{root}/nieuwsbrief.toml:11:11: error: unknown setting utm.enabeld; did you mean 'enabled'?",
        f"{root}/nieuwsbrief.toml:14:10: error: unknown label 'relatd'; did you mean 'related'?",
        f"{root}/nieuwsbrief.toml:16:1: warning: unknown section [seletion]; did you mean 'selection'?",
    ]


def test_unknown_slugs_authors_issue_ids_and_esps_suggest_the_nearest(make_project: ProjectFactory) -> None:
    root = make_project(
        {"content/columns/derde-column.md": "---\ntitle: Derde\ndate: 2026-11-20\ncategory: X\nauthor: ana\n---\nTekst.\n"}
    )
    found = invoke("--project", str(root), "check").stderr.splitlines()
    assert f"{root}/content/columns/derde-column.md:5:9: error: unknown author 'ana'; did you mean 'anna'?" in found
    (root / "content/columns/derde-column.md").unlink()
    pipeline.compose(root, WEEK_48)
    cases = {
        (
            "pick",
            "--lead",
            "tweede-colum",
        ): "--lead tweede-colum: no column or article has this slug; did you mean 'tweede-column'?",
        ("publish", "eerste-colum"): "no column or article has the slug 'eerste-colum'; did you mean 'eerste-column'?",
        ("new", "column", "X", "--author", "ana"): "unknown author 'ana'; did you mean 'anna'?",
        ("lint", "2026-W47"): "no issue 2026-W47 in issues/; did you mean '2026-W48'?",
        ("export", "--esp", "mailchip"): "unknown dialect 'mailchip'; did you mean 'mailchimp'?",
        ("send", "--via", "breevo"): "unknown --via channel 'breevo'; did you mean 'brevo'?",
    }
    for args, message in cases.items():
        result = invoke("--project", str(root), *args)
        assert (result.exit_code, result.stderr) == (2, f"nieuwsbrief: {message}\n"), args


def test_esp_names_are_read_in_any_case(make_project: ProjectFactory) -> None:
    root = make_project(settings=SENDING_SETTINGS)
    pipeline.compose(root, WEEK_48)
    result = invoke("--project", str(root), "export", "--esp", "MailChimp")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "exported 2026-W48 for mailchimp:"
    dry = invoke("--project", str(root), "send", "--via", "BREVO")
    assert "--via" not in dry.stderr  # accepted: what stops it is Brevo's settings, not the name's case


# ---------------------------------------------------------------- 6. editors


def test_edit_without_an_editor_or_a_terminal_writes_the_file_and_says_so(make_project: ProjectFactory) -> None:
    root = make_project()
    env = {key: value for key, value in os.environ.items() if key not in ("VISUAL", "EDITOR")}
    result = subprocess.run(
        [sys.executable, "-m", "nieuwsbrief", "new", "article", "Zonder editor", "--edit"],
        cwd=root,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "created content/articles/zonder-editor.md\n  it is a draft: nieuwsbrief publish zonder-editor when it is ready to go out\n",
        "nieuwsbrief: note: no $VISUAL or $EDITOR, and no terminal for sensible-editor: set $EDITOR to open it at once "
        "next time, e.g. export EDITOR=nano; the file is written\n",
    )
    assert (root / "content/articles/zonder-editor.md").read_text(encoding="utf-8").startswith("---\ntitle: ")


def test_edit_falls_back_to_sensible_editor_on_a_terminal_and_the_file_is_there_first(
    make_project: ProjectFactory, tmp_path: Path
) -> None:
    root = make_project()
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    editor = bin_folder / "sensible-editor"
    # The stand-in editor proves the file is complete when it opens, and writes a line as a person would.
    editor.write_text(
        f"#!{sys.executable}\nimport sys\ntext = open(sys.argv[1], encoding='utf-8').read()\n"
        "assert text.startswith('---') and text.rstrip().endswith('---'), text\n"
        "open(sys.argv[1], 'a', encoding='utf-8').write('Geschreven in de terminal.\\n')\n",
        encoding="utf-8",
    )
    editor.chmod(0o755)
    env = terminal_env(PATH=f"{bin_folder}{os.pathsep}{os.environ['PATH']}")
    seen = on_a_terminal("new", "article", "Met terminal", "--edit", cwd=root, env=env)
    assert seen.startswith("created content/articles/met-terminal.md\n"), seen
    assert (root / "content/articles/met-terminal.md").read_text(encoding="utf-8").endswith("---\n\nGeschreven in de terminal.\n")


def test_an_editor_that_cannot_start_leaves_the_file_written(make_project: ProjectFactory) -> None:
    root = make_project()
    result = invoke(
        "--project", str(root), "new", "article", "Kapotte editor", "--edit", env={"EDITOR": "geen-editor-hier", "VISUAL": ""}
    )
    assert result.exit_code == 0
    assert result.stderr == (
        "nieuwsbrief: note: could not start the editor 'geen-editor-hier': No such file or directory; the file is written\n"
    )
    assert (root / "content/articles/kapotte-editor.md").is_file()


# ---------------------------------------------------------------- 7. a terminal that helps


BROKEN_DATE = "---\ntitle: Kapot\ndate: 2026-13-01\ncategory: X\n---\n"


def test_a_terminal_gets_colour_the_line_and_a_caret_under_the_column(make_project: ProjectFactory) -> None:
    root = make_project({"content/articles/kapot.md": BROKEN_DATE})
    seen = on_a_terminal("check", cwd=root, env=terminal_env())
    assert "\x1b[1;31merror: '2026-13-01' is not a real date (month must be in 1..12)\x1b[0m" in seen
    plain = re.sub(r"\x1b\[[0-9;]*m", "", seen)
    assert plain.split("nieuwsbrief:")[0] == (
        "content/articles/kapot.md:3:7: error: '2026-13-01' is not a real date (month must be in 1..12)\n"
        "  |\n"
        "3 | date: 2026-13-01\n"
        "  |       ^\n"
        "  = help: write it as YYYY-MM-DD, e.g. 2026-11-28\n"
    )


@pytest.mark.parametrize("how", ["NO_COLOR", "--no-color"])
def test_no_color_and_the_option_turn_the_colour_off_but_keep_the_caret(make_project: ProjectFactory, how: str) -> None:
    root = make_project({"content/articles/kapot.md": BROKEN_DATE})
    env = terminal_env(NO_COLOR="1") if how == "NO_COLOR" else terminal_env()
    args = ("check",) if how == "NO_COLOR" else ("--no-color", "check")
    seen = on_a_terminal(*args, cwd=root, env=env)
    assert "\x1b[" not in seen
    assert "3 | date: 2026-13-01\n  |       ^\n" in seen


def test_a_pipe_gets_one_line_per_problem_without_colour(make_project: ProjectFactory) -> None:
    root = make_project({"content/articles/kapot.md": BROKEN_DATE})
    result = nieuwsbrief("check", cwd=root, env={"TERM": "xterm-256color"})
    assert result.stderr == (
        "content/articles/kapot.md:3:7: error: '2026-13-01' is not a real date (month must be in 1..12); "
        "write it as YYYY-MM-DD, e.g. 2026-11-28\nnieuwsbrief: 1 problem to fix\n"
    )


def complete(words: str, cwd: Path) -> list[str]:
    """What bash completion offers after ``words`` (its COMP_WORDS and COMP_CWORD, as the shell sets them)."""
    env = {
        **os.environ,
        "_NIEUWSBRIEF_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
    }
    result = subprocess.run([sys.executable, "-m", "nieuwsbrief"], cwd=cwd, env=env, capture_output=True, text=True)
    return result.stdout.split()


def test_completion_offers_slugs_authors_issue_ids_and_esp_names(make_project: ProjectFactory) -> None:
    root = make_project()
    pipeline.compose(root, WEEK_48)
    folder = root / "content"
    assert complete("nieuwsbrief compose --lead tw", folder) == ["tweede-column"]
    assert complete("nieuwsbrief publish over-", folder) == ["over-geld", "over-klanten", "over-marketing", "over-prijzen"]
    assert complete("nieuwsbrief new column X --author ", folder) == ["anna"]
    assert complete("nieuwsbrief lint ", folder) == ["2026-W48"]
    assert complete("nieuwsbrief export --esp m", folder) == ["mailchimp", "mailgun"]
    assert complete("nieuwsbrief send --via ", folder) == ["smtp", "mailchimp", "brevo", "sendgrid"]
    assert complete(f"nieuwsbrief --project {root} preview --include over-p", root.parent) == ["over-prijzen"]
    assert complete("nieuwsbrief publish ", root.parent) == []  # outside a project: nothing, and no error


def test_every_command_has_a_whole_summary_on_one_line_of_an_80_column_terminal() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "nieuwsbrief", "--help"], env={**os.environ, "COLUMNS": "80"}, capture_output=True, text=True
    )
    rows = [line for line in result.stdout.splitlines() if re.match(r"  [a-z]+ {2,}\S", line)]
    commands = {line.split()[0]: line.split(None, 1)[1] for line in rows}
    assert sorted(commands) == sorted(COMMANDS)
    for name, summary in commands.items():
        assert summary.endswith(".") and not summary.endswith("..."), name
        assert len(f"  {name:<9}{summary}") <= 80, name


def test_a_hint_never_nests_parentheses_in_a_message_that_has_its_own() -> None:
    problem = Problem(
        "content/columns/x.md", 3, 14, "preheader is 12 characters (aim for 40 to 130)", "set preheader: (in the lead)"
    )
    assert problem.render() == (
        "content/columns/x.md:3:14: error: preheader is 12 characters (aim for 40 to 130); set preheader: (in the lead)"
    )


def test_no_line_check_prints_for_the_bad_content_corpus_nests_parentheses(tmp_path: Path) -> None:
    from .test_bad_content import BAD, CORPUS, base_project

    root = base_project(tmp_path)
    for case in BAD:
        target = root / "content" / case
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(CORPUS / case, target)
    result = invoke("--project", str(root), "check")
    lines = result.stderr.splitlines()
    assert len(lines) > 40
    for line in lines:
        depth = deepest = 0
        for char in line.replace(str(root), ""):
            depth += {"(": 1, ")": -1}.get(char, 0)
            deepest = max(deepest, depth)
        assert deepest <= 1, line


def test_a_second_send_says_when_how_and_to_whom_the_first_went_in_the_projects_time_zone(make_project: ProjectFactory) -> None:
    with SmtpServer() as server:
        smtp = f'\n[smtp]\nhost = "127.0.0.1"\nport = {server.port}\nsecurity = "none"\nlist_address = "lijst@testbrief.nl"\n'
        root = make_project(settings=SENDING_SETTINGS + smtp)
        pipeline.compose(root, WEEK_48)
        moment = {"NIEUWSBRIEF_TODAY": "2026-11-23T06:30:00+00:00"}
        assert invoke("--project", str(root), "send", "--yes", env=moment).exit_code == 0
        again = invoke("--project", str(root), "send", "--yes", env=moment)
    message_id = json.loads((root / "issues/2026-W48/manifest.json").read_text(encoding="utf-8"))["deliveries"][0]["campaign_id"]
    assert (again.exit_code, again.stderr) == (
        6,
        f"nieuwsbrief: issue 2026-W48 was already sent on 2026-11-23 07:30 CET by smtp to lijst@testbrief.nl, message "
        f"{message_id}; it is never sent twice without --force\n",
    )


def test_resolve_shows_the_projects_time(make_project: ProjectFactory) -> None:
    root = make_project(settings=SENDING_SETTINGS)  # the default time zone: Europe/Amsterdam
    pipeline.compose(root, WEEK_48)
    result = invoke(
        "--project", str(root), "resolve", "--sent", "--via", "MailChimp", env={"NIEUWSBRIEF_TODAY": "2026-11-23T06:00:00Z"}
    )
    assert (result.exit_code, result.stdout) == (
        0,
        "recorded issue 2026-W48 as sent through mailchimp, by hand, at 2026-11-23 07:00 CET\n",
    )
    listed = invoke("--project", str(root), "send", "--via", "mailchimp")
    assert "already recorded" not in listed.stderr
    assert listed.stderr.endswith(
        "nieuwsbrief: issue 2026-W48 was already sent on 2026-11-23 07:00 CET by mailchimp to the list; "
        "it is never sent twice without --force\n"
    )


# ---------------------------------------------------------------- 8. defaults a newcomer can act on


def test_a_fresh_project_is_quiet_about_one_click_until_it_sends_to_a_list_by_smtp(tmp_path: Path) -> None:
    root = tmp_path / "site"
    assert invoke("init", str(root)).exit_code == 0
    fresh = invoke("--project", str(root), "compose")
    assert fresh.exit_code == 0
    assert "C-37" not in fresh.stderr
    settings = root / "nieuwsbrief.toml"
    text = settings.read_text(encoding="utf-8")
    uncommented = re.sub(r"^# ((?:\[smtp\]|(?:host|port|security|list_address)\b).*)$", r"\1", text, flags=re.MULTILINE)
    settings.write_text(uncommented, encoding="utf-8")
    assert "\n[smtp]\nhost = " in uncommented
    sending = invoke("--project", str(root), "compose", "--force")
    assert sending.exit_code == 0, sending.output
    assert "warning: C-37 no List-Unsubscribe-Post" in sending.stderr
    settings.write_text(uncommented + '\n[esp]\ndialect = "mailchimp"\n', encoding="utf-8")  # its own one-click tag
    assert "C-37" not in invoke("--project", str(root), "compose", "--force").stderr


@pytest.mark.parametrize(
    ("code", "words"),
    [("nl", ("## Elke week", "preview --lead mijn-column")), ("en", ("## Every week", "preview --lead my-column"))],
)
def test_init_writes_a_commented_smtp_block_and_a_readme_in_the_projects_language(
    tmp_path: Path, code: str, words: tuple[str, str]
) -> None:
    root = tmp_path / code
    assert invoke("init", str(root), "--locale", code).exit_code == 0
    settings = (root / "nieuwsbrief.toml").read_text(encoding="utf-8")
    assert "# [smtp]\n# host = " in settings and "# list_address = " in settings
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert all(word in readme for word in words)
    assert "nieuwsbrief preview " in readme and "preview --serve" in readme


def test_preview_in_a_project_without_an_issue_shows_what_compose_would_make(tmp_path: Path, today: dt.date) -> None:
    root = tmp_path / "site"
    assert invoke("init", str(root)).exit_code == 0
    result = invoke("--project", str(root), "preview", "--no-open")
    week = issue_id_for(today)
    assert (result.exit_code, result.stdout) == (0, f"{root / '.nieuwsbrief' / 'preview' / week}.html\n")
    assert (
        result.stderr
        == f"nieuwsbrief: note: no issue composed yet; this is the issue compose would make for {today}, not archived\n"
    )
    sheet = (root / ".nieuwsbrief" / "preview" / f"{week}.html").read_text(encoding="utf-8")
    assert "Welkom bij je eerste nummer" in sheet
    assert not (root / "issues").exists()


def test_the_systemd_unit_and_the_cron_recipe_cover_the_cache_folder() -> None:
    service = (REPO / "contrib" / "systemd" / "nieuwsbrief.service").read_text(encoding="utf-8")
    assert "ReadWritePaths=/srv/site/issues /srv/site/.nieuwsbrief /var/log\n" in service
    cron = (REPO / "contrib" / "cron" / "nieuwsbrief.cron").read_text(encoding="utf-8")
    assert "install -d -o nieuwsbrief -g nieuwsbrief /srv/site/issues /srv/site/.nieuwsbrief" in cron
