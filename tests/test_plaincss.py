"""plaincss.py reads the templates' CSS without cssutils: every answer it gives is cssutils' own (the oracle), on the
CSS the templates render with any brand and on generated CSS; outside its subset it answers None, and a cold
compose of the sample never loads cssutils."""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path
from typing import Any

import cssutils  # type: ignore[import-untyped]
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from premailer.merge_style import csstext_to_pairs  # type: ignore[import-untyped]

from nieuwsbrief import inline, pipeline, plaincss

DAY = dt.date(2026, 11, 23)

cssutils.log.setLevel(logging.CRITICAL)

WORDS = ["a", "color", "bold", "Georgia", "-webkit-x", "x_y", "BOLD", "u", "and", "inherit"]
NUMBERS = ["0", "1", "12px", "0.5em", "100%", "0%", "-1.5px", "0px", "-0", "1.0", ".5", "01", "1.2345678", "1e3", "2PX"]
COLOURS = ["#fff", "#FFF", "#ffffff", "#aabbcc", "#AaBbCc", "#8a1c45", "#abcd", "#12"]
STRINGS = ['"Times New Roman"', '"x"', "'Open Sans'", '"a,b"', '"a;b"', '""']
ODD = ["rgba(0, 0, 0, .5)", "url(x.png)", "1px/2px", "/* c */", "\\41", "u+1", "!IMPORTANT", "!important", "@x"]
TOKENS = st.sampled_from(WORDS + NUMBERS + COLOURS + STRINGS + ODD)
SPACE = st.sampled_from(["", " ", "  ", "\n", "\t"])
VALUE = st.lists(st.tuples(TOKENS, st.sampled_from([" ", "  ", ",", ", ", " ,", "\n", ""])), min_size=1, max_size=5).map(
    lambda parts: "".join(token + gap for token, gap in parts)
)
NAME = st.sampled_from(["color", "margin", "font-family", "-webkit-text-size-adjust", "mso-line-height-rule", "COLOR", "a"])
DECLARATION = st.tuples(NAME, SPACE, VALUE, st.sampled_from(["", " !important", "!important", " ! important"])).map(
    lambda d: f"{d[0]}{d[1]}:{d[1]}{d[2]}{d[3]}"
)
DECLARATIONS = st.lists(DECLARATION, max_size=5).map(";".join) | st.lists(DECLARATION, max_size=4).map("; ".join).map(
    lambda text: text + ";"
)
COMPOUND = st.sampled_from(["p", "h1.title", ".text", "#id", "*", "a:hover", "td", ".aBn", "[data-ogsc]", 'div[x*="y"]'])
COMBINATOR = st.sampled_from([" ", "  ", " > ", "+", " ~ ", ">"])
SELECTOR = st.lists(st.tuples(COMPOUND, COMBINATOR), min_size=1, max_size=3).map(
    lambda parts: "".join(c + j for c, j in parts[:-1]) + parts[-1][0]
)
SELECTORS = st.lists(SELECTOR, min_size=1, max_size=3).map(", ".join) | st.lists(SELECTOR, min_size=1, max_size=3).map(",".join)
RULE = st.tuples(SELECTORS, SPACE, DECLARATIONS).map(lambda r: f"{r[0]}{r[1]}{{{r[2]}}}")
QUERY = st.sampled_from(["screen", "only screen and (max-width: 600px)", "(prefers-color-scheme: dark)", "and", "print,screen"])
MEDIA = st.tuples(QUERY, st.lists(RULE, max_size=3)).map(lambda m: f"@media {m[0]} {{ {' '.join(m[1])} }}")
SHEET = st.lists(RULE | MEDIA, max_size=5).map("\n".join)
FUZZ = settings(  # PLAINCSS_EXAMPLES=6000 for a deeper run (about two minutes)
    max_examples=int(os.environ.get("PLAINCSS_EXAMPLES", "400")), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def theirs_sheet(text: str) -> list[tuple[str, list[tuple[str, str, str]]]]:
    rules = cssutils.parseString(text, validate=False)
    return [(r.selectorText, [(p.name, p.value, p.priority) for p in r.style.getProperties()]) for r in rules if r.type == 1]


def ours_sheet(rules: list[plaincss.Rule]) -> list[tuple[str, list[tuple[str, str, str]]]]:
    return [(r.selectorText, [tuple(p) for p in r.style.getProperties()]) for r in rules]  # type: ignore[misc]


@given(DECLARATIONS)
@FUZZ
def test_declarations_read_without_cssutils_are_what_cssutils_reads(text: str) -> None:
    found = plaincss.pairs(text)
    if found is not None:
        assert found == csstext_to_pairs(text, validate=False)


@given(SHEET)
@FUZZ
def test_a_style_sheet_read_without_cssutils_is_what_cssutils_reads(text: str) -> None:
    found = plaincss.sheet(text)
    if found is not None:
        assert ours_sheet(found) == theirs_sheet(text)


@given(SHEET)
@FUZZ
def test_a_sheet_called_clean_has_no_error_cssutils_reports(text: str) -> None:
    if plaincss.clean_sheet(text):
        assert inline._css_problems(text) == ()


def test_the_subset_answers_none_where_cssutils_rewrites_or_fails() -> None:
    assert plaincss.pairs("color: #FFFFFF; margin: 0 0 12px 0") == [("color", "#FFF"), ("margin", "0 0 12px 0")]
    assert plaincss.pairs('font-family: Georgia,  "Times New Roman" ,serif') == [
        ("font-family", 'Georgia, "Times New Roman", serif')
    ]
    for outside in ("margin: 0px", "color: rgba(0,0,0,.5)", "a: b; a: c", "a: b /* c */", "line-height: 1.0", "A: b"):
        assert plaincss.pairs(outside) is None, outside
    assert plaincss.sheet("a:hover { color: red }") is None and plaincss.sheet("@media print { p { a: b } }") is None
    assert not plaincss.clean_sheet("p { color: red } }") and not plaincss.clean_sheet("p > { a: b }")


@pytest.mark.parametrize(
    "brand",
    [{}, {'accent = "#8a1c45"': 'accent = "#115533"', 'background = "#f3f1ec"': 'background = "#EEEEEE"', '"serif"': '"sans"'}],
)
def test_a_cold_compose_reads_all_its_css_without_cssutils_as_cssutils_does(
    sample: Path, brand: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings_file = sample / "nieuwsbrief.toml"
    written = settings_file.read_text(encoding="utf-8")
    for before, after in brand.items():
        written = written.replace(before, after)
    settings_file.write_text(written, encoding="utf-8")
    asked: dict[str, list[tuple[str, Any]]] = {"pairs": [], "sheet": [], "clean_sheet": []}
    for name, answers in asked.items():
        read = getattr(plaincss, name)
        monkeypatch.setattr(
            plaincss, name, lambda text, read=read, answers=answers: answers.append((text, read(text))) or answers[-1][1]
        )
    monkeypatch.setattr(inline, "_PARSES", {})  # nothing parsed earlier in this process
    pipeline.compose(sample, DAY, cache=False)
    assert all(asked.values())
    for text, found in asked["pairs"]:
        assert found == csstext_to_pairs(text, validate=False), text
    for text, found in asked["sheet"]:
        assert found is not None and ours_sheet(found) == theirs_sheet(text), text
    for text, found in asked["clean_sheet"]:
        assert found and inline._css_problems(text) == (), text


def test_a_cold_compose_of_the_sample_never_loads_cssutils(sample: Path) -> None:
    from .test_startup import loaded_by

    arguments = ("--project", str(sample), "compose", "--date", "2026-11-23", "--quiet", "--no-cache")
    assert sorted({"cssutils", "requests"} & loaded_by(*arguments)) == []
