"""YAML front matter and data files, every value located: the only user of PyYAML.

A block written as one `key: value` per line (nearly every file) is read directly (``simple_yaml``); anything else
goes to PyYAML's safe loader (``parse_yaml``), without implicit timestamps (fields.py checks dates, with a helpful
message). YAML reports lines relative to the block, so every position is mapped back to the file through the
block's offset, and a YAML syntax error is explained in an editor's terms (an unclosed quote or bracket is pointed
at where it was opened).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

import yaml

from ..errors import Problem
from ..located import Lines
from .text import Collector, Field, simple_block

# The C loader parses about ten times faster; without libyaml the pure-Python one gives the same results.
_FAST_YAML = hasattr(yaml, "CSafeLoader")

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"


def _without_timestamps(base: type[Any]) -> type[Any]:
    class Loader(base):  # type: ignore[misc]
        """Safe YAML without implicit timestamps: dates are checked in fields.py, with a helpful message."""

        yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, Any]]]] = {
            first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
            for first, resolvers in base.yaml_implicit_resolvers.items()
        }

        def resolve(self, kind: Any, value: str, implicit: tuple[bool, bool]) -> str:
            # Resolver.resolve for a scalar, without its generality (no path resolvers are used here):
            # it runs for every scalar of every file.
            if kind is not yaml.ScalarNode:
                return str(super().resolve(kind, value, implicit))
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return _STR

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            # A mapping or list written as a key (`key: { { category } }`, Nunjucks braces with spaces) is text, as
            # js-yaml (Eleventy, Astro) reads it, not PyYAML's "found unhashable key"
            node.value = [
                (yaml.ScalarNode(_STR, _key_text(key), key.start_mark, key.end_mark) if _unhashable(key) else key, value)
                for key, value in node.value
            ]
            return super().construct_mapping(node, deep)

    return Loader


def _unhashable(node: yaml.Node) -> bool:
    return isinstance(node, (yaml.MappingNode, yaml.SequenceNode))


def _key_text(node: yaml.Node) -> str:
    """A key as JavaScript's String() writes it: [object Object] for a mapping, a list's items joined by commas."""
    if isinstance(node, yaml.SequenceNode):
        return ",".join(_key_text(item) for item in node.value)
    return "[object Object]" if isinstance(node, yaml.MappingNode) else str(node.value)


_LOADERS = {True: _without_timestamps(getattr(yaml, "CSafeLoader", yaml.SafeLoader)), False: _without_timestamps(yaml.SafeLoader)}

_SLOW_YAML = Problem(
    "(nieuwsbrief)",
    0,
    0,
    "PyYAML has no C loader (libyaml): reading front matter is about ten times slower",
    "install PyYAML with libyaml, e.g. the distribution's python3-yaml or a PyYAML wheel",
    "warning",
)


def loader_notices() -> list[Problem]:
    """A notice about the run when front matter is parsed without the C loader."""
    return [] if _FAST_YAML else [_SLOW_YAML]


# Front matter as most files write it: one `key: value` per line, the value quoted text, a date, true or
# false, a plain phrase or a flow list of plain words. Such a block is read here directly, and gives
# exactly what the YAML loader would (tests/test_content.py checks that on generated blocks); anything
# else, from a comment to a multi-line value, goes to PyYAML. YAML is about a third of a file's cost in a
# cold scan of a big archive.
_SIMPLE_LINE = re.compile(r"([a-z_][a-z0-9_]*): (.*)")
_PLAIN = re.compile(r"(?:[^\W\d_]|/)[^#\t\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]*")  # a word or a path
_PLAIN_ITEM = re.compile(r"(?:[^\W\d_]|/)[^:#,\[\]{}\t\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]*")
_QUOTED = re.compile(r'"([^"\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]*)"')
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# Words YAML 1.1 reads as true, false or null rather than as text.
NOT_TEXT = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}


def simple_yaml(lines: Lines, block_start: int, block: str) -> dict[str, Field] | None:
    """The block's fields when every line is a simple one, exactly as PyYAML reads them; else None."""
    return simple_block(lines, block_start, block, _simple_line) or None


def _simple_line(line: str) -> tuple[str, Any, int] | None:
    match = _SIMPLE_LINE.fullmatch(line.rstrip(" "))
    if match is None or match.group(1) in NOT_TEXT:
        return None  # (YAML 1.1 reads a key like `on` as true)
    value = _simple_value(match.group(2))
    return None if value is None else (match.group(1), value[0], match.start(2))


def _simple_value(raw: str) -> tuple[Any] | None:
    """The value of a simple scalar or flow list, in a 1-tuple; None when YAML must decide."""
    if raw in ("true", "false"):
        return (raw == "true",)
    quoted = _QUOTED.fullmatch(raw)
    if quoted:
        return (quoted.group(1),)
    if _ISO_DAY.fullmatch(raw):
        return (raw,)  # dates stay text: the loader has no timestamp resolver
    if raw.startswith("[") and raw.endswith("]"):
        inner = raw[1:-1].strip()
        items = [item.strip() for item in inner.split(",")] if inner else []
        if all(_PLAIN_ITEM.fullmatch(item) and item.lower() not in NOT_TEXT for item in items):
            return (items,)
        return None
    if _PLAIN.fullmatch(raw) and raw.lower() not in NOT_TEXT and raw == raw.strip() and ": " not in raw and raw[-1] != ":":
        return (raw,)  # a colon is text unless a space follows it: https://... is fine
    return None


def parse_yaml(shown: str, lines: Lines, block_start: int, block: str, out: Collector) -> dict[str, Field] | None:
    def located(mark: Any) -> tuple[int, int]:
        return lines.locate(block_start + mark.index)

    loader = _LOADERS[_FAST_YAML](block)
    try:
        node = loader.get_single_node()
        if node is None:
            line, _ = lines.locate(block_start)
            out.add(shown, line, 1, "front matter is empty", "add at least title, date and category")
            return None
        if not isinstance(node, yaml.MappingNode):
            line, column = located(node.start_mark)
            out.add(shown, line, column, "front matter is not a mapping of keys to values", "write one 'key: value' per line")
            return None
        fields: dict[str, Field] = {}
        for key_node, value_node in node.value:
            excess = _excess(key_node) or _excess(value_node)
            if excess:
                out.add(shown, *located(key_node.start_mark), f"invalid YAML: {excess}", _EXCESS_HINT)
                return None
            try:
                key, value = _construct(loader, key_node), _construct(loader, value_node)
            except (ValueError, OverflowError) as exc:  # e.g. a number of thousands of digits, !!int "abc"
                out.add(shown, *located(key_node.start_mark), f"invalid YAML: {_unbuildable(exc)}", "check the value")
                return None
            if not isinstance(key, str):
                out.add(
                    shown, *located(key_node.start_mark), f"key {_short(key)} is not a name", "keys are words like title or date"
                )
                continue
            if key in fields:  # an error, or where the generator's YAML reader allows it, the last value (as it does)
                out.add(shown, *located(key_node.start_mark), f"duplicate key '{key}'", f"remove one of the two '{key}:' lines")
                del fields[key]  # the order of keys follows the value read
            fields[key] = Field(value, lines, block_start + value_node.start_mark.index)
        return fields
    except yaml.MarkedYAMLError as exc:
        message, hint, mark = _explain_yaml_error(exc, block)
        line, column = located(mark) if mark is not None else lines.locate(block_start)
        out.add(shown, line, column, message, hint)
        return None
    except yaml.YAMLError as exc:
        line, _ = lines.locate(block_start)
        out.add(shown, line, 1, f"invalid YAML: {exc}", "check the front matter syntax")
        return None
    except RecursionError:  # the pure-Python composer recurses once per level (libyaml stops at 1,000 levels)
        line, _ = lines.locate(block_start)
        out.add(shown, line, 1, f"invalid YAML: nested more than {MAX_DEPTH} levels deep", _EXCESS_HINT)
        return None
    finally:
        loader.dispose()


# Front matter is a handful of keys, a few levels deep. Beyond these limits a block is refused before any
# value is built: a 400-byte "billion laughs" block (aliases of aliases) would otherwise stand for hundreds
# of millions of values, and deep nesting would exhaust the recursion of the YAML constructor.
MAX_DEPTH = 32  # levels of lists and mappings in one value
MAX_REPEATED = 10_000  # values that aliases (*name) may repeat in one value
_EXCESS_HINT = "write the values out: no aliases (*name), no deep nesting"


def _excess(node: yaml.Node) -> str:
    """What makes the value too big to build, or "": its depth, or the values its aliases repeat.

    One pass over the node graph (aliases are shared nodes in it), with the depth and the size of each node as
    it would be once built kept by node; iterative, so a deep value cannot exhaust the recursion here either.
    """
    depth: dict[int, int] = {}
    size: dict[int, int] = {}
    open_nodes: set[int] = set()  # on the path from the value to the node being walked
    stack: list[tuple[yaml.Node, bool]] = [(node, False)]
    while stack:
        current, children_done = stack.pop()
        children = _children(current)
        if not children_done:
            if id(current) in size:
                continue
            if id(current) in open_nodes:
                return "an alias (*name) refers to the value it is part of"
            open_nodes.add(id(current))
            stack.append((current, True))
            stack.extend((child, False) for child in children)
            continue
        open_nodes.discard(id(current))
        depth[id(current)] = 1 + max((depth[id(child)] for child in children), default=0)
        size[id(current)] = 1 + sum(size[id(child)] for child in children)
        if depth[id(current)] > MAX_DEPTH:
            return f"nested more than {MAX_DEPTH} levels deep"
    if size[id(node)] - len(size) > MAX_REPEATED:
        return f"its aliases (*name) repeat more than {MAX_REPEATED:,} values"
    return ""


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [item for pair in node.value for item in pair]
    return []


def _unbuildable(exc: Exception) -> str:
    if "integer string conversion" in str(exc):
        return "a number of thousands of digits"
    return f"a value YAML cannot build ({_short(str(exc))[1:-1]})"


def _short(value: Any) -> str:
    """A value in a message, never longer than a line: a list or mapping by its kind."""
    if isinstance(value, (list, dict, set)):
        return {list: "a list", dict: "a mapping", set: "a set"}[type(value)]
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _construct(loader: Any, node: yaml.Node) -> Any:
    """The node's value; text and lists of text (most of front matter) without the general constructor."""
    if _is_text(node):
        return node.value  # what SafeConstructor.construct_yaml_str gives, several times faster
    if node.tag == _SEQ and isinstance(node, yaml.SequenceNode) and all(_is_text(item) for item in node.value):
        return [item.value for item in node.value]
    return loader.construct_object(node, deep=True)


def _is_text(node: yaml.Node) -> bool:
    return node.tag == _STR and isinstance(node, yaml.ScalarNode)


@dataclass(frozen=True)
class _Mark:
    index: int


def _unclosed_bracket(block: str) -> int | None:
    """The offset of the last [ or { that is never closed, ignoring quoted text and comments."""
    stack: list[int] = []
    quote = ""
    in_comment = False
    for index, char in enumerate(block):
        previous = block[index - 1] if index else "\n"
        if in_comment:
            in_comment = char != "\n"
        elif quote:
            quote = "" if char == quote else quote
        elif char in "\"'" and previous in " [{:,\n":
            quote = char
        elif char == "#" and previous in " \n":
            in_comment = True
        elif char in "[{":
            stack.append(index)
        elif char in "]}" and stack:
            stack.pop()
    return stack[-1] if stack else None


def _explain_yaml_error(exc: yaml.MarkedYAMLError, block: str) -> tuple[str, str, Any]:
    """A message, a hint and the place to point at, for a YAML syntax error."""
    # The C and the pure-Python parser word some problems differently; say it one way.
    problem = str(exc.problem or exc.context).replace(" in this context", " here")
    context = str(exc.context or "")
    mark = exc.problem_mark or exc.context_mark
    # An unclosed quote or bracket is found only at the end: point at where it was opened instead.
    if exc.context_mark is not None and "quoted scalar" in context:
        return "invalid YAML: a quote opened here is never closed", "close the quote on the same line", exc.context_mark
    opener = _unclosed_bracket(block)
    if opener is not None and mark is not None and not block[mark.index :].strip():
        # The parser ran off the end of the block: an unclosed [ or { is the usual cause.
        what = "a list opened here with [" if block[opener] == "[" else "a mapping opened here with {"
        hint = "close it with ], e.g. tags: [een, twee]" if block[opener] == "[" else "close it with }"
        return f"invalid YAML: {what} is never closed", hint, _Mark(opener)
    if exc.context_mark is not None and "flow sequence" in context:
        return (
            "invalid YAML: a list opened here with [ is never closed",
            "close it with ], e.g. tags: [een, twee]",
            exc.context_mark,
        )
    if exc.context_mark is not None and "flow mapping" in context:
        return "invalid YAML: a mapping opened here with { is never closed", "close it with }", exc.context_mark
    if mark is not None and 0 <= mark.index < len(block) and block[mark.index] == "\t":
        return "invalid YAML: a tab character here", "indent with spaces, not tabs", mark
    if "mapping values are not allowed" in problem:
        return f"invalid YAML: {problem}", 'put text that contains ": " in quotes, e.g. title: "Vraag: waarom?"', mark
    return f"invalid YAML: {problem}", "check the YAML syntax of this line; quote text with special characters", mark


def parse_yaml_mapping(shown: str, text: str, out: Collector) -> dict[str, Field] | None:
    """A whole YAML file (a site's data file, e.g. _data/authors.yml) as located top-level keys, or None."""
    return parse_yaml(shown, Lines(text), 0, text, out)
