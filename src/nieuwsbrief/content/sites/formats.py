"""Front matter as site generators write it: YAML between --- lines, TOML between +++ lines (Hugo), or a JSON
object at the top (Hugo); and the data files authors may live in (YAML, TOML, JSON).

YAML goes through frontmatter.py (its only reader); TOML through tomllib and JSON through the standard
library. Neither keeps positions, so a key's line is found in the text, and a syntax error's position
(given relative to the block) is mapped back to the file, the same way as for YAML.
"""

from __future__ import annotations

import errno
import json
import re
import tomllib
from pathlib import Path
from typing import Any

from ...atomic import read_regular
from ...located import Lines
from ..frontmatter import Collector, Document, Field, parse_yaml_mapping, split

_TOML_FENCE = re.compile(r"^\+\+\+[ \t]*$", re.MULTILINE)
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)")
_TOML_KEY = re.compile(r'^[ \t]*(?:"([^"]+)"|([A-Za-z0-9_\-]+))[ \t]*=[ \t]*', re.MULTILINE)
_TOML_TABLE = re.compile(r"^[ \t]*\[\[?[ \t]*(?:\"([^\"]+)\"|([A-Za-z0-9_\-]+))", re.MULTILINE)
_FIRST_LINE = re.compile(r"[\n \t]*")


def front_matter_kind(text: str) -> str:
    """ "yaml", "toml" or "json" by the file's first non-blank line; "" when the file has no front matter."""
    start = _FIRST_LINE.match(text).end()  # type: ignore[union-attr]  # it matches the empty string
    line = text[start : text.find("\n", start) if "\n" in text[start:] else len(text)].rstrip()
    if line in ("---", "---yaml"):
        return "yaml"
    if line == "+++":
        return "toml"
    if line in ("---js", "---javascript", "---json"):
        return line[3:]  # Eleventy's: JavaScript is code nieuwsbrief does not run
    return "json" if line.startswith("{") else ""


def split_any(shown: str, text: str, out: Collector) -> Document | None:
    """The file's front matter in whichever of the three forms it is written, located, and its body."""
    kind = front_matter_kind(text)
    if kind == "toml":
        return _split_toml(shown, text, out)
    if kind == "json":
        return _split_json(shown, text, out)
    return split(shown, text, out)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _split_toml(shown: str, text: str, out: Collector) -> Document | None:
    opening = _TOML_FENCE.search(text)
    assert opening is not None  # front_matter_kind saw it
    closing = _TOML_FENCE.search(text, opening.end())
    start_line = _line_col(text, opening.start())[0]
    if closing is None:
        out.add(shown, start_line, 1, "front matter is never closed", "end the TOML block with a line '+++'")
        return None
    block_start = opening.end() + 1
    block = text[block_start : closing.start()]
    values = load_toml(shown, text, block_start, block, out)
    if values is None:
        return None
    body_offset = min(closing.end() + 1, len(text))
    return Document(
        shown, _toml_fields(text, block_start, block, values), text[body_offset:], _line_col(text, body_offset)[0], start_line
    )


def load_toml(shown: str, text: str, block_start: int, block: str, out: Collector) -> dict[str, Any] | None:
    """The TOML block's values, or None with its syntax error recorded at the file's line and column."""
    try:
        return tomllib.loads(block)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_POSITION.search(str(exc))
        first_line = _line_col(text, block_start)[0]
        line, column = (first_line + int(found.group(1)) - 1, int(found.group(2))) if found else (first_line, 1)
        message = _TOML_POSITION.sub("", str(exc)).strip()
        if message == "Illegal character '\\n'":  # what tomllib says of a quote left open at the end of a line
            message = "a quoted value is never closed on its line"
        out.add(shown, line, column, f"invalid TOML: {message}", "see https://toml.io for the syntax; quote text values")
        return None


def _toml_fields(text: str, block_start: int, block: str, values: dict[str, Any]) -> dict[str, Field]:
    """Each top-level key at the start of its value (a table at its [header]); keys of tables are skipped."""
    where: dict[str, int] = {}
    first_table = _TOML_TABLE.search(block)
    top_end = first_table.start() if first_table else len(block)
    for match in _TOML_KEY.finditer(block, 0, top_end):
        where.setdefault(match.group(1) or match.group(2), block_start + match.end())
    for match in _TOML_TABLE.finditer(block):
        where.setdefault(match.group(1) or match.group(2), block_start + match.start())
    lines = Lines(text)  # one index of the file's lines for all its keys
    return {key: Field(value, lines, where.get(key, block_start)) for key, value in values.items()}


def _split_json(shown: str, text: str, out: Collector) -> Document | None:
    start = _FIRST_LINE.match(text).end()  # type: ignore[union-attr]
    fenced = text.startswith("---json", start)  # Eleventy's form: the object between ---json and ---
    if fenced:
        start = text.find("\n", start) + 1
    try:
        values, end = json.JSONDecoder().raw_decode(text, start)
        if fenced:
            end = _closing_fence(text, end)
    except json.JSONDecodeError as exc:
        out.add(shown, exc.lineno, exc.colno, f"invalid JSON: {exc.msg}", "check the JSON front matter: quotes, commas, braces")
        return None
    if not isinstance(values, dict):
        out.add(
            shown, *_line_col(text, start), "front matter is not a mapping of keys to values", 'write it as { "title": "..." }'
        )
        return None
    body_offset = end + 1 if text[end : end + 1] == "\n" else end
    lines = Lines(text)
    fields = {key: Field(value, lines, _json_key_offset(text, start, end, key)) for key, value in values.items()}
    return Document(shown, fields, text[body_offset:], _line_col(text, body_offset)[0], _line_col(text, start)[0])


def _closing_fence(text: str, end: int) -> int:
    """The end of the --- line after a fenced JSON object; an error when it is missing."""
    fence = re.compile(r"\s*\n---[ \t]*(?:\n|$)").match(text, end)
    if fence is None:
        raise json.JSONDecodeError("front matter is never closed with a line '---'", text, end)
    return fence.end() - (1 if text[fence.end() - 1 : fence.end()] == "\n" else 0)


def _json_key_offset(text: str, start: int, end: int, key: str) -> int:
    found = re.compile(re.escape(json.dumps(key)) + r"\s*:\s*").search(text, start, end)
    return found.end() if found else start


def load_data_file(shown: str, text: str, out: Collector) -> dict[str, Field] | None:
    """A data file's top-level keys, located: YAML, TOML or JSON by its name."""
    suffix = shown.rsplit(".", 1)[-1].lower()
    if suffix == "toml":
        values = load_toml(shown, text, 0, text, out)
        return None if values is None else _toml_fields(text, 0, text, values)
    if suffix == "json":
        try:
            loaded = json.loads(text)
        except json.JSONDecodeError as exc:
            out.add(shown, exc.lineno, exc.colno, f"invalid JSON: {exc.msg}", "check the quotes, commas and braces")
            return None
        if not isinstance(loaded, dict):
            out.add(shown, 1, 1, "the file is not a mapping of keys to values", 'write it as { "name": "..." }')
            return None
        lines = Lines(text)
        return {key: Field(value, lines, _json_key_offset(text, 0, len(text), key)) for key, value in loaded.items()}
    return parse_yaml_mapping(shown, text, out)


def load_config(path: Path, shown: str, out: Collector) -> dict[str, Any] | None:
    """A site's configuration file (YAML, TOML or JSON by its name) as plain values; None when it is unreadable."""
    try:
        text = site_text(path, errors="strict").removeprefix("\ufeff").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError) as exc:
        out.add(shown, 1, 1, f"cannot read the site's configuration: {exc}", "save it as UTF-8 text")
        return None
    if not text.strip():
        return {}
    fields = load_data_file(shown, text, out)
    return None if fields is None else {key: item.value for key, item in fields.items()}


SITE_FILE_LIMIT = 10_000_000  # bytes: a site's configuration or data file is a few kilobytes


def site_text(path: Path, errors: str = "replace") -> str:
    """A site's own file (configuration, metadata) as text: only a regular file is read, never a FIFO or a device,
    and never more than SITE_FILE_LIMIT bytes. OSError (NotRegularFile among them) when it cannot be read."""
    data, _ = read_regular(path, SITE_FILE_LIMIT)
    if len(data) > SITE_FILE_LIMIT:
        raise OSError(errno.EFBIG, f"larger than {SITE_FILE_LIMIT:,} bytes", str(path))
    return data.decode("utf-8", errors)
