"""Which project a command works on: the nearest folder holding nieuwsbrief.toml, from the current one upwards,
as git, uv and ruff find theirs. Light on purpose: finding the project loads no settings code.
"""

from __future__ import annotations

from pathlib import Path

SETTINGS_FILE = "nieuwsbrief.toml"  # config.SETTINGS_FILE (tests/test_newcomer.py holds them equal)


def find_project(start: Path) -> Path | None:
    """The nearest folder from ``start`` upwards that holds nieuwsbrief.toml, as a path relative to ``start``
    (``.``, ``..``, ``../..``), so that every path printed can be opened from where the command ran."""
    for steps, folder in enumerate((start, *start.parents)):
        if has_settings(folder):
            return Path(*([".."] * steps)) if steps else Path(".")
    return None


def has_settings(folder: Path) -> bool:
    """A settings file of any kind: a broken one (a link, a pipe) is for the loader to report at its path."""
    try:
        (folder / SETTINGS_FILE).lstat()
    except OSError:
        return False
    return True
