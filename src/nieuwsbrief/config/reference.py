"""The settings reference in README.md and docs/settings.md, written from the declarations in schema.py.

Both files call these functions through cog markers; regenerate them with REGENERATE (tests/test_config.py
fails while the committed text differs from what this module writes).
"""

from __future__ import annotations

import json
from typing import Any

from ..locales import PLACEHOLDERS, every_locale, label_names
from ..options import KINDS, Option, Section
from .schema import SECTIONS

REGENERATE = "cog -r README.md docs/settings.md"
_WIDEST = 46  # README's example aligns a section's comments after its settings up to this wide
_LINE = 120  # a longer setting-and-comment line has its comment on the line above


def readme() -> str:
    """README's reference: an annotated nieuwsbrief.toml with every setting, then the labels."""
    blocks = ["\n".join(_example_lines(section)) for section in SECTIONS]
    return "```toml\n" + "\n\n".join(blocks) + "\n```\n\n" + _labels_sentence() + "\n"


def settings_page() -> str:
    """docs/settings.md: one table per section with each setting's type, default, allowed values and meaning."""
    parts = []
    for section in SECTIONS:
        parts.append(f"## [{section.name}]\n\n{section.doc}\n")
        if section.options:
            rows = [_row(option) for option in section.options]
            parts.append(
                "| setting | type | default | allowed | meaning |\n| --- | --- | --- | --- | --- |\n" + "\n".join(rows) + "\n"
            )
        if section.name == "labels":
            parts.append(_labels_table())
    return "\n".join(parts)


def _example_lines(section: Section) -> list[str]:
    lines = [f"# {section.doc}", f"[{section.name}]"]
    settings = [_setting(option) for option in section.options]
    column = max([len(setting) for setting in settings if len(setting) <= _WIDEST] or [0])
    for setting, option in zip(settings, section.options, strict=True):
        line = f"{setting.ljust(column)}  # {_comment(option)}"
        lines += [f"# {_comment(option)}", setting] if len(line) > _LINE else [line]  # too long: the comment goes above
    return lines + ([section.example] if section.example else [])


def _setting(option: Option) -> str:
    return f"{'# ' if option.rare else ''}{option.key} = {_toml(_shown(option))}"


def _shown(option: Option) -> Any:
    return option.default if option.example is None else option.example


def _comment(option: Option) -> str:
    facts = [option.doc, *(rule.doc for rule in option.rules if rule.brief and rule.doc)]
    if option.required:
        facts.append("required")
    elif option.derive is not None or option.default_doc or (not _empty(option.default) and _shown(option) != option.default):
        facts.append(f"default: {_default(option)}")
    return "; ".join(facts)


def _row(option: Option) -> str:
    allowed = "; ".join(rule.doc for rule in option.rules if rule.doc)
    return f"| `{option.key}` | {KINDS[option.kind].doc} | {_default(option)} | {allowed} | {option.doc} |"


def _default(option: Option) -> str:
    if option.required:
        return "required"
    if option.default_doc:
        return option.default_doc
    return "none" if _empty(option.default) else f"`{_toml(option.default)}`"


def _empty(value: Any) -> bool:
    return not value and not isinstance(value, bool)  # "", 0 or []: not set


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{key} = {_toml(item)}" for key, item in value.items()) + " }"
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _labels_sentence() -> str:
    names = [f"`{name}`" + _placeholders(name, " (", ")") for name in label_names()]
    return (
        f"The labels are {', '.join(names[:-1])} and {names[-1]}. An unknown label is an error that names the nearest one, "
        "and so is a placeholder a label cannot fill."
    )


def _labels_table() -> str:
    """One column per locale found."""
    found = every_locale()
    head = ["label", *(each.code for each in found), "placeholders"]
    rows = [[f"`{name}`", *(each.labels[name] for each in found), _placeholders(name)] for name in label_names()]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in [head, ["---"] * len(head), *rows]) + "\n"


def _placeholders(name: str, before: str = "", after: str = "") -> str:
    allowed = sorted(PLACEHOLDERS.get(name, ()))
    return f"{before}{', '.join(f'`{{{a}}}`' for a in allowed)}{after}" if allowed else ""
