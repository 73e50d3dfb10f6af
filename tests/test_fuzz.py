"""Fuzzing with Hypothesis: random text and random YAML never make anything but our own error escape."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nieuwsbrief import markdown
from nieuwsbrief.config import load_settings
from nieuwsbrief.content import load_content
from nieuwsbrief.content.generators.own import ARTICLE_KEYS
from nieuwsbrief.errors import ContentError
from nieuwsbrief.lint.parts import UNBREAKABLE_LINE

from .conftest import AUTHOR, SETTINGS

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30), st.dates().map(str)
)
YAML_VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4), max_leaves=12
)
KEYS = st.sampled_from([*sorted(ARTICLE_KEYS), "onbekend"])  # every known key and one unknown
FRONT_MATTER = st.dictionaries(KEYS, YAML_VALUES, max_size=10)
PIECES = [*"ab \n\t#*_-[]()<>!`|:>1.\"'&;/=ëé", "<script>", "</script>", "javascript:", "https://", "---", "<a href=", "![x]("]
MARKDOWNISH = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)


def load_one(folder: str, raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        (root / "nieuwsbrief.toml").write_text(SETTINGS, encoding="utf-8")
        (root / "content" / "authors").mkdir(parents=True)
        (root / "content" / "authors" / "anna.md").write_text(AUTHOR, encoding="utf-8")
        (root / "content" / folder).mkdir(parents=True, exist_ok=True)
        (root / "content" / folder / "fuzz.md").write_bytes(raw)
        try:
            load_content(load_settings(root))
        except ContentError as error:
            assert error.problems
            assert all(p.path == f"content/{folder}/fuzz.md" and p.line >= 1 for p in error.problems if p.severity == "error")


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes_only_raise_content_errors(raw: bytes) -> None:
    load_one("articles", raw)


@FUZZ
@given(st.text(max_size=300))
def test_random_text_only_raises_content_errors(text: str) -> None:
    load_one("columns", text.encode("utf-8", "surrogatepass") if "\ud800" not in text else b"")


@FUZZ
@given(FRONT_MATTER, MARKDOWNISH)
def test_random_yaml_front_matter_only_raises_content_errors(front: dict[str, object], body: str) -> None:
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body
    load_one("columns", text.encode("utf-8", "surrogatepass") if all(ord(c) < 0xD800 or ord(c) > 0xDFFF for c in text) else b"")


@FUZZ
@given(MARKDOWNISH | st.text(max_size=200))
def test_markdown_renderers_never_fail_and_never_emit_scripts(source: str) -> None:
    html = markdown.to_html(source, "https://www.example.nl")
    text = markdown.to_text(source, "https://www.example.nl")
    markdown.plain_words(source)
    markdown.first_paragraph(source)
    assert "<script" not in html.lower()
    assert not re.search(r"<a\b[^<>]*\bhref=\"javascript:", html.lower())  # as an attribute, not as escaped text
    # Only a word or URL that cannot be wrapped, or a line of code (kept verbatim), may be longer.
    assert all(len(line) <= 72 or UNBREAKABLE_LINE.fullmatch(line) for line in text.text.splitlines())
