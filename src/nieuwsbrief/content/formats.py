"""Front matter split by its format, every value located: YAML between --- lines, TOML between +++ lines (Hugo), a
JSON object at the top (Hugo; Eleventy's between ---json and ---); and a site's data and configuration files.

python-frontmatter gives the rule for the --- lines (its YAMLHandler's boundary); its TOML handler needs a package
the project does not install and its JSON handler wants a "{" alone on the first line, so the other two are read
here. YAML goes to yamlblock.py (the only user of PyYAML); TOML to tomllib, after a fast path for the common
`key = "text"` lines; JSON to the standard library. Positions come from one index of the file's lines and, for
TOML and JSON, the key finders of located.py; a syntax error's position (given relative to the block) is mapped
back to the file.

Both parsers recurse per level of nesting and build integers of any length, so TOML and JSON text is refused
first, at its line, when it nests deeper than MAX_DEPTH (the same bound as YAML's) or holds a number of more digits
than Python converts (4,300).
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from frontmatter.default_handlers import YAMLHandler

from ..located import Lines, json_members, toml_error, toml_keys
from .text import Collector, Document, Field, simple_block, site_text
from .yamlblock import MAX_DEPTH, parse_yaml, parse_yaml_mapping, simple_yaml

# python-frontmatter's own rule for the --- lines. Only the rule is used: its loader strips leading blank lines and
# would parse the block a second time, and positions must stay file positions.
_YAML_FENCE: re.Pattern[str] = YAMLHandler.FM_BOUNDARY
_TOML_FENCE = re.compile(r"^\+\+\+[ \t]*$", re.MULTILINE)
_LEADING_SPACE = re.compile(r"[\n \t]*")


def front_matter_kind(text: str) -> str:
    """ "yaml", "toml" or "json" by the file's first non-blank line; "" when the file has no front matter."""
    start = _LEADING_SPACE.match(text).end()  # type: ignore[union-attr]  # it matches the empty string
    line = text[start : text.find("\n", start) if "\n" in text[start:] else len(text)].rstrip()
    if line in ("---", "---yaml"):
        return "yaml"
    if line == "+++":
        return "toml"
    if line in ("---js", "---javascript", "---json"):
        return line[3:]  # Eleventy's: JavaScript is code nieuwsbrief does not run
    return "json" if line.startswith("{") else ""


def split(shown: str, text: str, out: Collector) -> Document | None:
    """The file's front matter in whichever of the three forms it is written, located, and its body."""
    kind = front_matter_kind(text)
    if kind == "toml":
        return _split_toml(shown, text, out)
    if kind == "json":
        return _split_json(shown, text, out)
    return split_yaml(shown, text, out)


def split_yaml(shown: str, text: str, out: Collector) -> Document | None:
    """The text's YAML front matter, parsed and located, and its body; None when the block is missing or broken."""
    start = _LEADING_SPACE.match(text).end()  # type: ignore[union-attr]  # it matches the empty string
    start = text.rfind("\n", 0, start) + 1  # the start of the first non-blank line
    if not text or text.isspace():
        out.add(shown, 1, 1, "empty file", "add front matter between two --- lines and the text below it")
        return None
    lines = Lines(text)  # one index of the file's lines for every position in it
    opening = _YAML_FENCE.match(text, start)
    if opening is None:
        out.add(
            shown,
            lines.line(start),
            1,
            "no front matter: the file must start with a line '---'",
            "add a YAML block between two --- lines, with at least title, date and category",
        )
        return None
    closing = _YAML_FENCE.search(text, opening.end())
    if closing is None:
        out.add(shown, lines.line(start), 1, "front matter is never closed", "end the YAML block with a line '---'")
        return None
    block_start = opening.end()
    block = text[block_start : closing.start()]
    fields = simple_yaml(lines, block_start, block)
    if fields is None:
        fields = parse_yaml(shown, lines, block_start, block, out)
    if fields is None:
        return None
    body_offset = closing.end() + 1 if closing.end() < len(text) else closing.end()
    return Document(shown, fields, text[body_offset:], lines.line(body_offset), lines.line(start))


def _split_toml(shown: str, text: str, out: Collector) -> Document | None:
    opening = _TOML_FENCE.search(text)
    assert opening is not None  # front_matter_kind saw it
    closing = _TOML_FENCE.search(text, opening.end())
    lines = Lines(text)
    start_line = lines.line(opening.start())
    if closing is None:
        out.add(shown, start_line, 1, "front matter is never closed", "end the TOML block with a line '+++'")
        return None
    block_start = opening.end() + 1
    block = text[block_start : closing.start()]
    fields = simple_toml(lines, block_start, block) if block else None
    if fields is None:
        values = load_toml(shown, lines, block_start, block, out)
        if values is None:
            return None
        fields = _toml_fields(lines, block_start, closing.start(), values)
    body_offset = min(closing.end() + 1, len(text))
    return Document(shown, fields, text[body_offset:], lines.line(body_offset), start_line)


# TOML as most front matter writes it: one `key = "text"`, `key = true` or `key = ["a", "b"]` per line, read here
# directly with exactly what tomllib gives (tests/test_content.py checks that); anything else goes to tomllib.
_TOML_LINE = re.compile(r"([A-Za-z0-9_-]+) = (.*)")  # the value's trailing blanks are stripped after: one reading
_TOML_TEXT = r'"[^"\\\x00-\x08\x0a-\x1f\x7f]*"'
_TOML_STRING = re.compile(_TOML_TEXT)
_TOML_STRINGS = re.compile(rf"\[(?:{_TOML_TEXT}(?:, {_TOML_TEXT})*)?\]")


def simple_toml(lines: Lines, block_start: int, block: str) -> dict[str, Field] | None:
    """The block's fields when every line is a simple one, exactly as tomllib reads them; else None."""
    return simple_block(lines, block_start, block, _simple_line)


def _simple_line(line: str) -> tuple[str, Any, int] | None:
    match = _TOML_LINE.fullmatch(line)
    if match is None:
        return None
    raw = match.group(2).rstrip(" \t")
    if raw in ("true", "false"):
        return match.group(1), raw == "true", match.start(2)
    if _TOML_STRING.fullmatch(raw):
        return match.group(1), raw[1:-1], match.start(2)
    if _TOML_STRINGS.fullmatch(raw):
        return match.group(1), [item[1:-1] for item in _TOML_STRING.findall(raw)], match.start(2)
    return None


def load_toml(shown: str, lines: Lines, block_start: int, block: str, out: Collector) -> dict[str, Any] | None:
    """The TOML block's values, or None with its syntax error recorded at the file's line and column."""
    if _refused(shown, lines, block_start, block, "TOML", out):
        return None
    try:
        return tomllib.loads(block)
    except tomllib.TOMLDecodeError as exc:
        line, column, message = toml_error(exc)
        line += lines.line(block_start) - 1  # tomllib counts from the block's first line
        if message == "Illegal character '\\n'":  # what tomllib says of a quote left open at the end of a line
            message = "a quoted value is never closed on its line"
        out.add(shown, line, column, f"invalid TOML: {message}", "see https://toml.io for the syntax; quote text values")
        return None


# What opens and closes a level, or a string or comment whose brackets do not count, in each format.
_TOML_TOKENS = re.compile(r"\"\"\"|'''|[\"'#\\\[\]{}\n]")
_JSON_TOKENS = re.compile(r'["\\\[\]{}]')
_CLOSES = {'"': '"', "'": "'", '"""': '"""', "'''": "'''", "#": "\n"}
_DIGITS = re.compile(r"[0-9_]+")
MAX_DIGITS = 4_300  # Python's own limit for converting text to an integer (sys.get_int_max_str_digits)


def _refused(shown: str, lines: Lines, start: int, text: str, kind: str, out: Collector, at: int = 0) -> bool:
    """Whether the text (from ``at``: for JSON, the one value there) nests too deeply or holds a number too long
    to build: then an error at its place. ``start`` is the text's offset in the file ``lines`` index."""
    deep, end = _extent(text, kind, at)
    if deep is not None:
        message = f"invalid {kind}: nested more than {MAX_DEPTH} levels deep"
        out.add(shown, *lines.locate(start + deep), message, "write the values out, a few levels deep")
        return True
    digits = (found for found in _DIGITS.finditer(text, at, end) if len(found.group().replace("_", "")) > MAX_DIGITS)
    long = next(digits, None)
    if long is not None:
        message = f"invalid {kind}: a number of thousands of digits"
        out.add(shown, *lines.locate(start + long.start()), message, "check the value")
        return True
    return False


def _extent(text: str, kind: str, at: int) -> tuple[int | None, int]:
    """The offset of the first [ or { past MAX_DEPTH levels outside strings and comments (None when there is none),
    and where the text ends: for JSON, after the value at ``at``. One pass over the few characters that matter."""
    depth, inside, skip = 0, "", -1
    for token in (_TOML_TOKENS if kind == "TOML" else _JSON_TOKENS).finditer(text, at):
        mark, offset = token.group(), token.start()
        if offset < skip:
            continue
        if inside:
            if mark == "\\" and inside in ('"', '"""'):
                skip = token.end() + 1  # the escaped character is no token
            elif mark == _CLOSES[inside] or (mark == "\n" and inside in ('"', "'")):
                inside = ""
        elif mark in _CLOSES and (kind == "TOML" or mark == '"'):
            inside = mark
        elif mark in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return offset, len(text)
        elif mark in "]}":
            depth -= 1
            if depth == 0 and kind == "JSON":
                return None, token.end()
    return None, len(text)


def _toml_fields(lines: Lines, start: int, end: int, values: dict[str, Any]) -> dict[str, Field]:
    """Each top-level key at the start of its value (a table at its [header]); a key not found, at the block's start."""
    where = toml_keys(lines.text, start, end)
    return {key: Field(value, lines, where.get((key,), start)) for key, value in values.items()}


def _split_json(shown: str, text: str, out: Collector) -> Document | None:
    start = _LEADING_SPACE.match(text).end()  # type: ignore[union-attr]
    fenced = text.startswith("---json", start)  # Eleventy's form: the object between ---json and ---
    if fenced:
        start = text.find("\n", start) + 1
    lines = Lines(text)
    if _refused(shown, lines, 0, text, "JSON", out, start):
        return None
    try:
        values, end = json.JSONDecoder().raw_decode(text, start)
        if fenced:
            end = _closing_fence(text, end)
    except json.JSONDecodeError as exc:
        out.add(shown, exc.lineno, exc.colno, f"invalid JSON: {exc.msg}", "check the JSON front matter: quotes, commas, braces")
        return None
    if not isinstance(values, dict):
        message, hint = "front matter is not a mapping of keys to values", 'write it as { "title": "..." }'
        out.add(shown, *lines.locate(start), message, hint)
        return None
    body_offset = end + 1 if text[end : end + 1] == "\n" else end
    return Document(shown, _json_fields(lines, start, values), text[body_offset:], lines.line(body_offset), lines.line(start))


def _closing_fence(text: str, end: int) -> int:
    """The end of the --- line after a fenced JSON object; an error when it is missing."""
    fence = re.compile(r"\s*\n---[ \t]*(?:\n|$)").match(text, end)
    if fence is None:
        raise json.JSONDecodeError("front matter is never closed with a line '---'", text, end)
    return fence.end() - (1 if text[fence.end() - 1 : fence.end()] == "\n" else 0)


def _json_fields(lines: Lines, start: int, values: dict[str, Any]) -> dict[str, Field]:
    where = json_members(lines.text, start) or {}
    return {key: Field(value, lines, where.get(key, start)) for key, value in values.items()}


def load_data_file(shown: str, text: str, out: Collector) -> dict[str, Field] | None:
    """A data file's top-level keys, located: YAML, TOML or JSON by its name."""
    suffix = shown.rsplit(".", 1)[-1].lower()
    if suffix == "toml":
        lines = Lines(text)
        values = load_toml(shown, lines, 0, text, out)
        return None if values is None else _toml_fields(lines, 0, len(text), values)
    if suffix == "json":
        lines = Lines(text)
        if _refused(shown, lines, 0, text, "JSON", out):
            return None
        try:
            loaded = json.loads(text)
        except json.JSONDecodeError as exc:
            out.add(shown, exc.lineno, exc.colno, f"invalid JSON: {exc.msg}", "check the quotes, commas and braces")
            return None
        if not isinstance(loaded, dict):
            out.add(shown, 1, 1, "the file is not a mapping of keys to values", 'write it as { "name": "..." }')
            return None
        return _json_fields(lines, len(text) - len(text.lstrip(" \t\n\r")), loaded)
    found = Collector()
    values = parse_yaml_mapping(shown, text, found)
    if values is None and [problem.message for problem in found.problems] == ["front matter is empty"]:
        return {}  # an empty YAML file (or one of comments alone) holds nothing, as the generators read it
    out.problems.extend(found.problems)
    return values


def described(value: Any) -> str:
    """A value's kind, as a message names it."""
    kinds = ((bool, "true or false"), (int | float, "a number"), (str, "text"), (list, "a list"), (dict, "a table"))
    return next((name for kind, name in kinds if isinstance(value, kind)), "a date" if value is not None else "nothing")


def load_config(path: Path, shown: str, out: Collector, shape: Callable[[str, Any], str] | None = None) -> dict[str, Any] | None:
    """A site's configuration file (YAML, TOML or JSON by its name) as plain values; None when it is unreadable.
    ``shape`` says what is wrong with a top-level value the generator reads ("" when nothing): such a key is an
    error at its line and is left out, so nothing downstream meets a list where it reads a table."""
    try:
        text = site_text(path, errors="strict").removeprefix("\ufeff").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError) as exc:
        out.add(shown, 1, 1, f"cannot read the site's configuration: {exc}", "save it as UTF-8 text")
        return None
    if not text.strip():
        return {}
    fields = load_data_file(shown, text, out)
    if fields is None:
        return None
    values = {}
    for key, item in fields.items():
        problem = shape(key, item.value) if shape is not None else ""
        if problem:
            out.add(shown, item.line, item.column, problem, "see the generator's documentation for this setting")
        else:
            values[key] = item.value
    return values
