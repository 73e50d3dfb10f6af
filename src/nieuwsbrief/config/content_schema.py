"""The [content] settings: where the pieces live, our own content/ folder or a site generator's folder as it is.

Declared apart from schema.py only to keep each module short; schema.py lists this section with the others.
"""

from __future__ import annotations

from ..options import ONE_LINE, Option, Section, between, key_map, one_of

# The site generators whose folders nieuwsbrief reads as they are (content/generators/ has a module for each).
PRESETS = ("hugo", "jekyll", "eleventy", "astro", "pelican", "mkdocs")
# Our fields of a piece and of an author that [content.fields] and [content.author_fields] can map to a site's keys.
PIECE_FIELDS = (
    "title",
    "date",
    "category",
    "author",
    "tags",
    "summary",
    "reading_time",
    "url",
    "image",
    "image_alt",
    "slug",
    "draft",
    "expires",
    "related",
    "subject",
    "preheader",
)
AUTHOR_FIELDS = ("name", "role", "photo", "photo_alt", "url", "bio")


def _kilobytes(value: int) -> int:
    return value * 1000


def _strings(value: list[str]) -> tuple[str, ...]:
    return tuple(value)


def _key_lists(table: dict[str, str | list[str]]) -> dict[str, tuple[str, ...]]:
    return {name: (keys,) if isinstance(keys, str) else tuple(keys) for name, keys in table.items()}


CONTENT = Section(
    "content",
    "Where the pieces live: content/ by default, or a Hugo, Jekyll, Eleventy, Astro, Pelican or MkDocs site's folder as it is.",
    (
        Option(
            "max_file_kb",
            int,
            "larger Markdown files are refused",
            1000,
            rules=(between(1),),
            hint="1000 (1 MB) is the default",
            field="max_file_bytes",
            convert=_kilobytes,
        ),
        Option(
            "preset",
            str,
            "the site generator whose conventions to follow (init --from SITE writes this section)",
            "",
            default_doc="our own layout (content/columns, articles, authors)",
            rules=(one_of(PRESETS, "preset"),),
            field="content_preset",
            example="hugo",
            rare=True,
        ),
        Option(
            "root",
            str,
            "the site's folder, relative to this file or absolute",
            "",
            default_doc="this folder",
            field="content_root",
            example="../mijn-site",
            rare=True,
            rules=(ONE_LINE,),
        ),
        Option(
            "columns",
            list,
            "the pieces that can lead, as globs under root (** is any folders, {md,markdown} either)",
            [],
            default_doc="the preset's",
            field="content_columns",
            convert=_strings,
            example=["content/posts/**/*.md"],
            rare=True,
            rules=(ONE_LINE,),
        ),
        Option(
            "articles",
            list,
            "the related pieces, as globs under root; a file in both lists can lead and be related",
            [],
            default_doc="the preset's",
            field="content_articles",
            convert=_strings,
            example=["content/posts/**/*.md"],
            rare=True,
            rules=(ONE_LINE,),
        ),
        Option(
            "authors",
            list,
            "the authors: Markdown files (front matter, bio below) or data files (YAML, TOML, JSON)",
            [],
            default_doc="the preset's",
            field="content_authors",
            convert=_strings,
            example=["data/authors/*.toml"],
            rare=True,
            rules=(ONE_LINE,),
        ),
        Option(
            "category",
            str,
            "the label above a piece whose front matter gives no category",
            "",
            default_doc="the site's own name for the section the piece is in (blog/ is Blog)",
            field="content_category",
            example="Blog",
            rare=True,
            rules=(ONE_LINE,),
        ),
        Option(
            "language",
            str,
            "a multilingual site's language whose pieces are read",
            derive=lambda values: values["newsletter.locale"],
            default_doc="the newsletter's locale",
            field="content_language",
            example="nl",
            rare=True,
            rules=(ONE_LINE,),
        ),
        Option(
            "fields",
            dict,
            "our field -> the site's keys, tried in order (a list takes its first item)",
            {},
            default_doc="the preset's",
            rules=(key_map(PIECE_FIELDS),),
            field="content_fields",
            convert=_key_lists,
            example={"summary": ["description", "excerpt"], "image": ["cover", "images"]},
            rare=True,
        ),
        Option(
            "author_fields",
            dict,
            "the same for an author's name, role, photo, photo_alt, url and bio",
            {},
            default_doc="the preset's",
            rules=(key_map(AUTHOR_FIELDS),),
            field="content_author_fields",
            convert=_key_lists,
            example={"photo": ["avatar"]},
            rare=True,
        ),
    ),
)
