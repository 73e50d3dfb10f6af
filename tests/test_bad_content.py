"""The bad-input corpus: every malformed file gives exit 1, its own path:line:col, no traceback, nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nieuwsbrief import pipeline
from nieuwsbrief.cli import app
from nieuwsbrief.text import slugify

from .conftest import AUTHOR, SETTINGS, article, column

CORPUS = Path(__file__).parent / "bad_content"
runner = CliRunner()


def _expected() -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for line in (CORPUS / "expected.txt").read_text(encoding="utf-8").splitlines():
        case, problem = line.split("\t")
        table.setdefault(case, []).append(problem)
    return table


EXPECTED = _expected()
BAD = sorted(
    p.relative_to(CORPUS).as_posix() for folder in ("articles", "columns", "authors") for p in (CORPUS / folder).iterdir()
)
VALID = sorted(p.name for p in (CORPUS / "valid").iterdir())


def base_project(root: Path) -> Path:
    files = {
        "content/authors/anna.md": AUTHOR,
        "content/columns/eerste-column.md": column("Eerste", "2026-11-16"),  # new within [selection] lead_max_age
        "content/articles/over-klanten.md": article("Over klanten", "2026-10-01"),
    }
    (root / "nieuwsbrief.toml").write_text(SETTINGS + "\n[content]\nmax_file_kb = 2\n", encoding="utf-8")
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def run_everything(root: Path) -> list[str]:
    """check and compose: both exit 1 with the same problems, and nothing is written."""
    check = runner.invoke(app, ["--project", str(root), "check"])
    compose = runner.invoke(app, ["--project", str(root), "compose", "--date", "2026-11-23"])
    assert (check.exit_code, compose.exit_code) == (1, 1)
    for result in (check, compose):
        assert "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (root / "issues").exists()
    check_lines = [line.replace(f"{root}/", "") for line in check.stderr.splitlines()[:-1]]
    compose_lines = [line.replace(f"{root}/", "") for line in compose.stderr.splitlines()[:-1]]
    assert check_lines == compose_lines
    return check_lines


def test_the_corpus_has_at_least_40_bad_cases() -> None:
    assert len(BAD) + 2 >= 40  # two symlink cases are made by the tests below
    assert sorted(EXPECTED) == BAD


@pytest.mark.parametrize("case", BAD)
def test_bad_file_is_rejected_with_its_line(case: str, tmp_path: Path) -> None:
    root = base_project(tmp_path)
    shutil.copy(CORPUS / case, root / "content" / case)
    assert run_everything(root) == EXPECTED[case]


@pytest.mark.parametrize("case", VALID)
def test_odd_but_valid_file_loads(case: str, tmp_path: Path) -> None:
    root = base_project(tmp_path)
    shutil.copy(CORPUS / "valid" / case, root / "content" / "articles" / case)
    result = runner.invoke(app, ["--project", str(root), "compose", "--date", "2026-11-23", "--json"])
    assert result.exit_code == 0, result.output
    loaded = pipeline.load_project(root, cache=False).content.by_slug()
    assert slugify(Path(case).stem) in loaded  # the odd file itself was read, not skipped


def test_symlink_outside_the_content_folder_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    root = base_project(tmp_path / "site")
    secret = tmp_path / "geheim.md"
    secret.write_text(article("Geheim", "2026-11-01"), encoding="utf-8")
    (root / "content/articles/geheim.md").symlink_to(secret)
    assert run_everything(root) == [
        "content/articles/geheim.md:1:1: error: link points outside the content folder; copy the file into content/ instead of linking to it",
    ]


def test_broken_symlink_is_rejected(tmp_path: Path) -> None:
    root = base_project(tmp_path)
    (root / "content/articles/weg.md").symlink_to(tmp_path / "bestaat-niet.md")
    assert run_everything(root) == [
        "content/articles/weg.md:1:1: error: broken link: the file it points to does not exist; remove the link or restore its target",
    ]


def test_problems_in_many_files_are_reported_at_once(tmp_path: Path) -> None:
    root = base_project(tmp_path)
    for case in BAD[:10]:
        shutil.copy(CORPUS / case, root / "content" / case)
    lines = run_everything(root)
    assert len(lines) >= 10
    assert {line.split(":")[0] for line in lines} >= {f"content/{case}" for case in BAD[:10] if "duplicate" not in case}
