"""``nieuwsbrief.toml`` -> Settings: every setting checked against its declaration, every problem located and collected."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ..atomic import read_regular
from ..errors import Problem, SettingsError, errors_only
from ..locales import PLACEHOLDERS, label_names
from ..located import Lines, toml_error, toml_keys
from ..options import KINDS, Option, Section, format_problems, has_kind
from ..text import did_you_mean, is_one_line
from .schema import OPTIONS, SECTION_BY_NAME, SECTIONS, SETTINGS_FILE
from .settings import BrandSettings, Settings, SmtpSettings

SETTINGS_LIMIT = 1_000_000  # bytes


class _Problems:
    """The problems found so far, each at its key's line and column (a missing key at its table's header)."""

    def __init__(self, text: str) -> None:
        self.lines = Lines(text)
        self.keys = toml_keys(text)
        self.found: list[Problem] = []
        self.broken: set[str] = set()  # the sections with an error

    def add(self, section: str, key: str, message: str, hint: str, severity: str = "error") -> None:
        path = tuple(part for part in (section, key) if part)
        while path and path not in self.keys:
            path = path[:-1]
        line, column = self.lines.locate(self.keys[path]) if path else (1, 1)
        self.found.append(Problem(SETTINGS_FILE, line, column, message, hint, severity))
        if severity == "error":
            self.broken.add(section)


class _Resolved(Mapping[str, Any]):
    """Each setting's value by "section.key": as written, else derived from other settings, else its default."""

    def __init__(self, written: dict[str, Any]) -> None:
        self._written = written
        self._values: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._values:  # resolved on first use: a derived default reads the settings it derives from
            option = OPTIONS[name][1]
            if name in self._written:
                value = self._written[name]
            elif option.derive is not None:
                value = option.derive(self)
            else:  # a missing required setting (already a problem) reads as empty
                value = option.kind() if option.required else option.default
            self._values[name] = option.clean(value) if option.clean else value
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(OPTIONS)

    def __len__(self) -> int:
        return len(OPTIONS)


def written_positions(project: Path) -> dict[str, tuple[int, int]]:
    """Where each setting written in nieuwsbrief.toml stands, by "section.key": line and column of its value."""
    try:
        text = _read(project)
    except SettingsError:
        return {}
    lines = Lines(text)
    return {".".join(path): lines.locate(offset) for path, offset in toml_keys(text).items()}


def load_settings(project: Path) -> Settings:
    """Read and validate the settings; raise SettingsError with every problem at once."""
    text = _read(project)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, column, message = toml_error(exc)
        raise _unreadable(
            "invalid settings", line, column, f"invalid TOML: {message}", "see https://toml.io for the syntax"
        ) from None
    except RecursionError:  # tomllib reads nested arrays and tables recursively
        raise _unreadable("invalid settings", 1, 1, "invalid TOML: nested too deeply", "write each table as [section]") from None
    except ValueError as exc:  # an integer of thousands of digits
        raise _unreadable("invalid settings", 1, 1, f"invalid TOML: {str(exc).split(';')[0]}", "write a smaller number") from None
    return _validate(project, data, _Problems(text))


def _read(project: Path) -> str:
    """The settings file's text; a missing, special, huge or non-UTF-8 file is a SettingsError."""
    try:
        raw, _ = read_regular(project / SETTINGS_FILE, SETTINGS_LIMIT)
    except FileNotFoundError:
        raise SettingsError(
            "no settings file",
            [
                Problem(
                    SETTINGS_FILE,
                    0,
                    0,
                    f"{SETTINGS_FILE} not found in {project}",
                    "run in the project folder or pass --project DIR",
                )
            ],
        ) from None
    except OSError as exc:
        raise _unreadable(
            "unreadable settings", 1, 1, f"cannot read the settings: {exc.strerror or exc}", "save it as a text file"
        ) from None
    if len(raw) > SETTINGS_LIMIT:
        raise _unreadable(
            "unreadable settings", 1, 1, f"the settings are over {SETTINGS_LIMIT:,} bytes", "a few kilobytes will do"
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _unreadable("unreadable settings", 1, 1, f"cannot read the settings: {exc}", "save it as UTF-8 text") from None


def _unreadable(summary: str, line: int, column: int, message: str, hint: str) -> SettingsError:
    return SettingsError(summary, [Problem(SETTINGS_FILE, line, column, message, hint)])


def _validate(project: Path, data: dict[str, Any], problems: _Problems) -> Settings:
    written = _written(data, problems)
    _report_missing(data, problems)
    values = _Resolved(written)
    for name, (section, option) in OPTIONS.items():
        mistyped = option.key in _table(data, section.name) and name not in written
        if not mistyped:  # a value of the wrong type is one problem: its other rules do not run
            _check(name, section, option, values, name in written, problems)
    _check_across(project, values, frozenset(written), problems)
    if errors_only(problems.found):
        raise SettingsError("invalid settings", problems.found)
    return _settings(project, data, values, written, tuple(problems.found))


def _written(data: dict[str, Any], problems: _Problems) -> dict[str, Any]:
    """The values written with the declared type, by "section.key"; unknown names and wrong types are problems."""
    written: dict[str, Any] = {}
    for section, table in data.items():
        if section not in SECTION_BY_NAME:
            known = f"known sections: {', '.join(SECTION_BY_NAME)}"
            problems.add(section, "", f"unknown section [{section}]", did_you_mean(section, SECTION_BY_NAME, known), "warning")
        elif not isinstance(table, dict):
            problems.add("", section, f"'{section}' must be a table", f"write it as [{section}]")
        elif section == "labels":
            for key, value in table.items():
                _check_label(key, value, problems)
        else:
            for key, value in table.items():
                if _typed(section, key, value, problems):
                    written[f"{section}.{key}"] = value
    return written


def _typed(section: str, key: str, value: object, problems: _Problems) -> bool:
    name = f"{section}.{key}"
    if name not in OPTIONS:
        # An error, not a warning: a mistyped key (enabeld) would leave its setting at a default nobody chose.
        keys = [option.key for option in SECTION_BY_NAME[section].options]
        known = f"known settings in [{section}]: {', '.join(keys)}"
        problems.add(section, key, f"unknown setting {name}", did_you_mean(key, keys, known))
        return False
    kind = OPTIONS[name][1].kind
    if not has_kind(value, kind):
        problems.add(section, key, f"{name} must be {KINDS[kind].name}, got {value!r}", f"for example {KINDS[kind].example}")
        return False
    return True


def _report_missing(data: dict[str, Any], problems: _Problems) -> None:
    for name, (section, option) in OPTIONS.items():
        table = data.get(section.name, {})
        if option.required and isinstance(table, dict) and option.key not in table:
            problems.add(section.name, "", f"missing setting {name}", f'add {option.key} = "..." under [{section.name}]')


def _check(name: str, section: Section, option: Option, values: _Resolved, own: bool, problems: _Problems) -> None:
    """Run the setting's rules: on the value written, and (for a placeholder rule) on a default derived from others."""
    value = values[name]
    if own and value == "" and option.default == "":
        return  # an empty string where the default is empty: not set
    for rule in option.rules:
        if not (own or (rule.derived_too and option.derive is not None)):
            continue  # a static default is valid (tests/test_config.py checks each one)
        for part in rule.broken(value):
            message = rule.message.format(name=name, value=value, part=part)
            problems.add(section.name, option.key, message, (option.hint or rule.hint).format(default=option.default))


def _check_across(project: Path, values: _Resolved, written: frozenset[str], problems: _Problems) -> None:
    """Each table's checks of its settings together, once every one of them is valid on its own."""
    for section in SECTIONS:
        if section.name in problems.broken:
            continue
        for check in section.across:
            for key, message, hint in check(values, written, project):
                problems.add(section.name, key, message, hint)


def _settings(
    project: Path, data: dict[str, Any], values: _Resolved, written: dict[str, Any], warnings: tuple[Problem, ...]
) -> Settings:
    fields = {name: value for section in SECTIONS if not section.into for name, value in _attributes(section, values).items()}
    return Settings(
        project=project,
        **fields,
        own_archive="links.archive_url" in written,
        own_article_url="links.article_url" in written,
        smtp=SmtpSettings(**_attributes(SECTION_BY_NAME["smtp"], values)),
        brand=BrandSettings(**_attributes(SECTION_BY_NAME["brand"], values)),
        accounts={section.name: _attributes(section, values) for section in SECTIONS if section.into == "accounts"},
        labels={key: value for key, value in _table(data, "labels").items() if isinstance(value, str)},
        warnings=warnings,
    )


def _attributes(section: Section, values: _Resolved) -> dict[str, Any]:
    """The section's settings by the attribute each fills, converted to the attribute's type."""
    attributes = {}
    for option in section.options:
        value = values[f"{section.name}.{option.key}"]
        attributes[option.attribute] = option.convert(value) if option.convert else value
    return attributes


def _table(data: dict[str, Any], name: str) -> dict[str, Any]:
    value = data.get(name, {})
    return value if isinstance(value, dict) else {}


def _check_label(key: str, value: object, problems: _Problems) -> None:
    if not isinstance(value, str):
        problems.add("labels", key, f"[labels] {key} must be a string", 'write it as key = "text"')
    elif key not in label_names():
        known = f"known labels: {', '.join(label_names())}"
        problems.add("labels", key, f"unknown label '{key}'", did_you_mean(key, label_names(), known))
    elif not is_one_line(value):
        problems.add(
            "labels", key, f"[labels] {key} must be one line: it has a line break or another control character", "remove it"
        )
    elif key in PLACEHOLDERS and format_problems(value, PLACEHOLDERS[key]) != []:
        # These labels are filled in with str.format: an unknown {name}, an attribute or a lone brace would fail there.
        allowed = sorted(PLACEHOLDERS[key])
        problems.add(
            "labels",
            key,
            f"[labels] {key} may only use the placeholder{'s' if len(allowed) > 1 else ''} "
            f"{', '.join('{' + a + '}' for a in allowed)}",
            "write a literal brace as {{ or }}",
        )
