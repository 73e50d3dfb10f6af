"""The wheel ships the default templates and the locales, and the installed package finds them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from nieuwsbrief.locales import CODES, SAMPLES

REPO = Path(__file__).resolve().parents[1]


def test_wheel_contains_the_templates_and_uses_them(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path / "dist"), str(REPO)],
        check=True,
        capture_output=True,
    )
    wheel = next((tmp_path / "dist").glob("nieuwsbrief-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "templates").rglob("*.j2"))
    assert templates
    assert {f"nieuwsbrief/{name}" for name in templates} <= names
    assert {"nieuwsbrief/cli/app.py", "nieuwsbrief/py.typed"} <= names  # py.typed: users type-check against the library
    locale_files = ("labels.toml", *(f"init/{kind}.md" for kind in SAMPLES))
    assert {f"nieuwsbrief/locales/{code}/{name}" for code in CODES for name in locale_files} <= names
    unpacked = tmp_path / "unpacked"
    zipfile.ZipFile(wheel).extractall(unpacked)
    found = subprocess.run(
        [
            sys.executable,
            "-c",
            "from nieuwsbrief import locales, templating; print(templating.packaged_templates(), locales.CODES)",
        ],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(unpacked)},
    )
    assert found.stdout.strip() == f"{unpacked / 'nieuwsbrief' / 'templates'} {CODES}"


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run([sys.executable, "-m", "nieuwsbrief", "--version"], capture_output=True, text=True, check=True)
    assert result.stdout.startswith("nieuwsbrief ")
