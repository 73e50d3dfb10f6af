"""Loading the content folder: validation, real file lines, every problem at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nieuwsbrief.config import load_settings
from nieuwsbrief.content import load_content, reading_time
from nieuwsbrief.content.text import Collector
from nieuwsbrief.errors import ContentError, Problem
from nieuwsbrief.located import Lines
from nieuwsbrief.text import slugify

from .conftest import REPO, ProjectFactory, column


def problems_of(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(load_settings(root))
    return [p.render() for p in caught.value.problems]


def load(root: Path):  # type: ignore[no-untyped-def]
    return load_content(load_settings(root))


def test_valid_project_loads_with_defaults_from_folder_and_body(make_project: ProjectFactory) -> None:
    content, warnings = load(make_project())
    by_slug = content.by_slug()
    assert warnings == []
    assert sorted(by_slug) == ["eerste-column", "over-geld", "over-klanten", "over-marketing", "over-prijzen", "tweede-column"]
    first = by_slug["eerste-column"]
    assert first.kind == "column"
    assert first.published == dt.datetime(2026, 11, 2)
    assert first.url == "https://www.example.nl/eerste-column/"
    assert first.summary == "Tekst van de column."
    assert first.reading_time == 1
    assert first.body_line == 8
    assert content.authors["anna"].bio == "Anna schrijft over ondernemen."


def test_reading_time_is_words_over_250_rounded_at_least_one() -> None:
    assert reading_time(1284, 250) == 5  # the reference column: "5 min lezen"
    assert reading_time(1374, 250) == 5
    assert reading_time(1375, 250) == 6
    assert reading_time(3, 250) == 1
    assert reading_time(600, 200) == 3


def test_reading_time_counts_the_words_of_the_body(make_project: ProjectFactory) -> None:
    body = " ".join(["woord"] * 1284)
    root = make_project({"content/columns/lang.md": column("Lang", "2026-11-20", body=body)})
    assert load(root)[0].by_slug()["lang"].reading_time == 5


def test_slugs_are_dutch_safe() -> None:
    assert slugify("Creëer een band met je klant") == "creeer-een-band-met-je-klant"
    assert slugify("Waarom zeg je nooit nee?!") == "waarom-zeg-je-nooit-nee"


def test_missing_required_fields_are_reported_at_the_front_matter_start(make_project: ProjectFactory) -> None:
    root = make_project({"content/articles/leeg.md": "---\ntags: [a]\n---\nTekst\n"})
    assert problems_of(root) == [
        "content/articles/leeg.md:1:1: error: missing required field 'category'; add 'category: ...' to the front matter",
        "content/articles/leeg.md:1:1: error: missing required field 'date'; add 'date: YYYY-MM-DD' (the publication date)",
        "content/articles/leeg.md:1:1: error: missing required field 'title'; add 'title: ...' to the front matter",
    ]


def test_yaml_error_lines_are_file_lines_after_leading_blank_lines(make_project: ProjectFactory) -> None:
    text = "\n\n\n---\ntitle: Vraag: waarom?\ndate: 2026-11-01\ncategory: X\n---\nTekst\n"
    root = make_project({"content/articles/dubbelepunt.md": text})
    assert problems_of(root) == [
        "content/articles/dubbelepunt.md:5:13: error: invalid YAML: mapping values are not allowed here; "
        'put text that contains ": " in quotes, e.g. title: "Vraag: waarom?"',
    ]


def test_field_errors_point_at_the_value(make_project: ProjectFactory) -> None:
    text = "---\ntitle: Goed\ndate: 5 mei 2026\ncategory: X\ntags: 12\ndraft: misschien\nreading_time: -3\n---\nTekst\n"
    root = make_project({"content/articles/fout.md": text})
    assert problems_of(root) == [
        "content/articles/fout.md:3:7: error: '5 mei 2026' is not a date in YYYY-MM-DD form; write it as 2026-05-05",
        "content/articles/fout.md:5:7: error: 'tags' must be a list of words, got the number 12; write it as tags: [een, twee]",
        "content/articles/fout.md:6:8: error: 'draft' must be true or false, got 'misschien'; write draft: true or draft: false",
        "content/articles/fout.md:7:15: error: 'reading_time' must be a whole number of minutes from 1 to 600, got the number -3; remove it to compute it from the text",
    ]


def test_impossible_date_is_reported(make_project: ProjectFactory) -> None:
    root = make_project({"content/articles/februari.md": "---\ntitle: T\ndate: 2026-02-30\ncategory: X\n---\n"})
    assert problems_of(root) == [
        "content/articles/februari.md:3:7: error: '2026-02-30' is not a real date (day is out of range for month); write it as YYYY-MM-DD, e.g. 2026-11-28",
    ]


def test_unknown_author_and_column_without_author(make_project: ProjectFactory) -> None:
    root = make_project(
        {
            "content/columns/onbekend.md": "---\ntitle: T\ndate: 2026-11-01\ncategory: X\nauthor: piet\n---\n",
            "content/columns/zonder.md": "---\ntitle: T\ndate: 2026-11-01\ncategory: X\n---\n",
        }
    )
    assert problems_of(root) == [
        "content/columns/onbekend.md:5:9: error: unknown author 'piet'; add content/authors/piet.md or use one of: anna",
        "content/columns/zonder.md:1:1: error: a column needs an author; add 'author: <id>' naming a file in content/authors/",
    ]


def test_duplicate_slug_and_unknown_related(make_project: ProjectFactory) -> None:
    root = make_project(
        {
            "content/articles/kopie.md": "---\ntitle: T\ndate: 2026-11-01\ncategory: X\nslug: over-geld\n---\n",
            "content/articles/verwijzing.md": "---\ntitle: T\ndate: 2026-11-01\ncategory: X\nrelated: [bestaat-niet]\n---\n",
        }
    )
    assert problems_of(root) == [
        "content/articles/kopie.md:5:7: error: duplicate slug 'over-geld' (also content/articles/over-geld.md); rename one file or set a different slug:",
        "content/articles/over-geld.md:1:1: error: duplicate slug 'over-geld' (also content/articles/kopie.md); rename one file or set a different slug:",
        "content/articles/verwijzing.md:5:10: error: 'related' names unknown slug 'bestaat-niet'; use the file name, without .md, of an existing column or article",
    ]


def test_no_front_matter_not_a_mapping_and_never_closed(make_project: ProjectFactory) -> None:
    root = make_project(
        {
            "content/articles/geen.md": "Alleen tekst\n",
            "content/articles/lijst.md": "---\n- een\n- twee\n---\n",
            "content/articles/open.md": "---\ntitle: T\n",
            "content/articles/leeg.md": "",
        }
    )
    assert problems_of(root) == [
        "content/articles/geen.md:1:1: error: no front matter: the file must start with a line '---'; add a YAML block between two --- lines, with at least title, date and category",
        "content/articles/leeg.md:1:1: error: empty file; add front matter between two --- lines and the text below it",
        "content/articles/lijst.md:2:1: error: front matter is not a mapping of keys to values; write one 'key: value' per line",
        "content/articles/open.md:1:1: error: front matter is never closed; end the YAML block with a line '---'",
    ]


def test_unreadable_files_not_utf8_and_binary(make_project: ProjectFactory) -> None:
    root = make_project()
    (root / "content/articles/latin1.md").write_bytes(b"---\ntitle: Caf\xe9\ndate: 2026-11-01\ncategory: X\n---\n")
    (root / "content/articles/plaatje.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert problems_of(root) == [
        "content/articles/latin1.md:2:11: error: not UTF-8 text (byte 0xe9); save the file as UTF-8 in your editor",
        "content/articles/plaatje.md:3:1: error: binary file, not Markdown text; remove it from the content folder",
    ]


def test_bom_crlf_and_leading_blank_lines_load(make_project: ProjectFactory) -> None:
    root = make_project()
    text = "\r\n\r\n---\r\ntitle: Met BOM\r\ndate: 2026-11-01\r\ncategory: X\r\n---\r\nTekst\r\n"
    (root / "content/articles/bom.md").write_bytes(b"\xef\xbb\xbf" + text.encode())
    article = load(root)[0].by_slug()["bom"]
    assert (article.title, article.body, article.body_line) == ("Met BOM", "Tekst\n", 8)


def test_every_problem_in_every_file_is_collected(make_project: ProjectFactory) -> None:
    root = make_project(
        {
            "content/articles/a.md": "---\ntitle: T\n---\n",
            "content/articles/b.md": "---\ntitle: [\n---\n",
        }
    )
    rendered = problems_of(root)
    assert len(rendered) == 3
    assert rendered[2] == (
        "content/articles/b.md:2:8: error: invalid YAML: a list opened here with [ is never closed; close it with ], e.g. tags: [een, twee]"
    )


def test_unknown_keys_are_warnings(make_project: ProjectFactory) -> None:
    root = make_project({"content/articles/extra.md": "---\ntitle: T\ndate: 2026-11-01\ncategory: X\nkleur: rood\n---\n"})
    _, warnings = load(root)
    assert warnings == [
        Problem(
            "content/articles/extra.md",
            5,
            1,
            "unknown key 'kleur' is ignored",
            "known keys: author, category, date, draft, image, image_alt, preheader, reading_time, related, slug, "
            "subject, summary, tags, title, type, url",
            "warning",
        ),
    ]


def test_image_needs_alt_text_and_javascript_urls_are_refused(make_project: ProjectFactory) -> None:
    root = make_project(
        {
            "content/articles/foto.md": "---\ntitle: T\ndate: 2026-11-01\ncategory: X\nimage: /img/a.jpg\n---\n",
            "content/articles/js.md": '---\ntitle: T\ndate: 2026-11-01\ncategory: X\nurl: "javascript:alert(1)"\n---\n',
        }
    )
    assert problems_of(root) == [
        "content/articles/foto.md:5:8: error: the image has no alt text; add image_alt: a short description of the image",
        "content/articles/js.md:5:6: error: 'url' must be an http(s) URL, got 'javascript:alert(1)'; use https://... or a path like /images/foto.jpg",
    ]


def test_link_outside_the_content_folder_is_refused(make_project: ProjectFactory, tmp_path: Path) -> None:
    root = make_project()
    outside = tmp_path / "geheim.md"
    outside.write_text("---\ntitle: T\ndate: 2026-11-01\ncategory: X\n---\n", encoding="utf-8")
    (root / "content/articles/link.md").symlink_to(outside)
    assert problems_of(root) == [
        "content/articles/link.md:1:1: error: link points outside the content folder; copy the file into content/ instead of linking to it",
    ]


def test_datetime_with_time_zone_and_relative_image(make_project: ProjectFactory) -> None:
    root = make_project(
        {
            "content/articles/tijd.md": "---\ntitle: T\ndate: 2026-11-01T09:30:00+01:00\ncategory: X\n"
            "image: /img/a.jpg\nimage_alt: Een foto\n---\n",
        }
    )
    article = load(root)[0].by_slug()["tijd"]
    assert article.published == dt.datetime(2026, 11, 1, 9, 30)  # Europe/Amsterdam is UTC+1 in November
    assert article.image == "https://www.example.nl/img/a.jpg"


def test_an_author_can_be_named_by_id_or_by_name(make_project: ProjectFactory) -> None:
    root = make_project(
        {"content/columns/bij-naam.md": column("Bij naam", "2026-11-20").replace("author: anna", "author: Anna de Boer")}
    )
    assert load(root)[0].by_slug()["bij-naam"].author == "anna"


def test_images_mail_clients_cannot_show_are_refused(make_project: ProjectFactory) -> None:
    root = make_project(
        {
            "content/articles/webp.md": "---\ntitle: T\ndate: 2026-11-01\ncategory: X\nimage: /img/a.webp\nimage_alt: Een foto\n---\n",
        }
    )
    assert problems_of(root) == [
        "content/articles/webp.md:5:8: error: 'image' is a .webp image, which many mail clients cannot show; use a PNG, JPG or GIF version",
    ]


# The direct reader of simple front matter must give exactly what the YAML loader gives, or step aside.
_PIECES = [*"aZéß 19-:#,[]{}\"'&*!|>%@`?\t\\ÿ/.", "yes", "no", "true", "On", "null", "~", "https://x.nl/a", ": "]
_TRICKY = st.lists(st.sampled_from(_PIECES), max_size=8).map("".join)
_VALUES = st.one_of(
    _TRICKY,
    _TRICKY.map(lambda v: f'"{v}"'),
    st.lists(_TRICKY, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
    st.dates().map(str),
    st.sampled_from(
        [
            "true",
            "false",
            "Werk & Leven",
            "Vraag: waarom?",
            "tekst # commentaar",
            "[klanten, groei]",
            "[]",
            "2026-02-30",
            "/images/a.jpg",
            "[/images/a.jpg, /b]",
            "https://www.example.nl/x?y=1",
            "/",
            "a:",
            "/a: b",
            "/a:b",
        ]
    ),
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(["title", "date", "tags", "on", "y", "x_1", "category"]), _VALUES), min_size=1, max_size=6)
)
def test_the_simple_front_matter_reader_agrees_with_yaml(lines: list[tuple[str, str]]) -> None:
    from nieuwsbrief.content import yamlblock

    block = "\n" + "".join(f"{key}: {value}\n" for key, value in lines)
    text = "---" + block + "---\n"
    simple = yamlblock.simple_yaml(Lines(text), 3, block)
    if simple is None:
        return
    full = yamlblock.parse_yaml("x.md", Lines(text), 3, block, Collector())
    assert full is not None
    assert {k: (type(f.value), f.value, f.line, f.column) for k, f in simple.items()} == {
        k: (type(f.value), f.value, f.line, f.column) for k, f in full.items()
    }


_TOML_PIECES = [*"aZé 1-:#,[]{}\"'=\t\\/.", "true", "false", "\\n", "\\u00e9", "\x7f", "\x01", " # c"]
_TOML_TRICKY = st.lists(st.sampled_from(_TOML_PIECES), max_size=8).map("".join)
_TOML_VALUES = st.one_of(
    _TOML_TRICKY,
    _TOML_TRICKY.map(lambda v: f'"{v}"'),
    st.lists(_TOML_TRICKY.map(lambda v: f'"{v}"'), max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
    st.sampled_from(["true", "false", "3", '"a" # x', '["a", "b"]', "[]", '["a",]', "2026-02-03", '"x"  ']),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["title", "date", "tags", "x-1", "T"]), _TOML_VALUES), min_size=1, max_size=6))
def test_the_simple_toml_reader_agrees_with_tomllib(lines: list[tuple[str, str]]) -> None:
    import tomllib

    from nieuwsbrief.content import formats
    from nieuwsbrief.located import toml_keys

    block = "\n" + "".join(f"{key} = {value}\n" for key, value in lines)
    text = "+++" + block + "+++\n"
    simple = formats.simple_toml(Lines(text), 4, block[1:])
    if simple is None:
        return
    values, keys, located = tomllib.loads(block), toml_keys(text, 4, len(text) - 4), Lines(text)
    assert {k: (type(f.value), f.value, f.line, f.column) for k, f in simple.items()} == {
        k: (type(v), v, *located.locate(keys[(k,)])) for k, v in values.items()
    }


def test_the_simple_reader_takes_the_sample_projects_front_matter_exactly_as_yaml_reads_it() -> None:
    # The generated blocks above are mostly tricky ones the reader steps aside for; this checks the common case.
    from nieuwsbrief.content import yamlblock

    taken = 0
    files = sorted((REPO / "content").rglob("*.md"))
    for path in files:
        text = path.read_text(encoding="utf-8")
        block_start = 3
        block = text[block_start : text.index("\n---", block_start) + 1]
        simple = yamlblock.simple_yaml(Lines(text), block_start, block)
        if simple is None:
            continue
        taken += 1
        full = yamlblock.parse_yaml(path.name, Lines(text), block_start, block, Collector())
        assert full is not None
        assert {k: (f.value, f.line, f.column) for k, f in simple.items()} == {
            k: (f.value, f.line, f.column) for k, f in full.items()
        }, path.name
    assert taken == len(files)


def test_a_cached_article_record_becomes_an_article_field_by_field() -> None:
    from nieuwsbrief.content.records import ArticleRecord, article_of

    record = ArticleRecord(
        slug="s",
        title="t",
        published="2026-11-02T09:30:00",
        category="c",
        url="https://u",
        reading_time=7,
        summary="sum",
        author="named",
        tags=("tag",),
        draft=True,
        related=("r",),
        image="https://i.png",
        image_alt="alt",
        subject="subj",
        preheader="pre",
        expires="2027-01-01T00:00:00",
        base_url="https://site/s/",
        language="nl",
        translation="posts/s",
    )
    article = article_of(
        tuple(record), "column", "content/columns/s.md", "resolved", related_too=True, modified=1_790_000_000_000_000_000
    )
    assert article._asdict() == {
        "slug": "s",
        "kind": "column",
        "title": "t",
        "published": dt.datetime(2026, 11, 2, 9, 30),
        "category": "c",
        "path": "content/columns/s.md",
        "body": "",
        "body_line": 0,
        "url": "https://u",
        "reading_time": 7,
        "summary": "sum",
        "author": "resolved",
        "tags": ("tag",),
        "image": "https://i.png",
        "image_alt": "alt",
        "draft": True,
        "related": ("r",),
        "subject": "subj",
        "preheader": "pre",
        "sha256": "",
        "expires": dt.datetime(2027, 1, 1),
        "related_too": True,
        "base_url": "https://site/s/",
        "modified": 1_790_000_000_000_000_000,
        "language": "nl",
        "translation": "posts/s",
    }
