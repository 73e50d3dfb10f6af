"""One file of a site -> its entry: a piece's record (or the reason it is left out), or the authors a file holds.

The field map decides which of the site's keys fill each of our fields (the first that the page gives); the
generator adds what it derives (dates from file names, cascades, defaults), works out the web address and
writes out the body's template syntax. A site file that its generator would also refuse (unreadable, front
matter that does not parse, a date it cannot read) is an error, as in our own layout; a page that merely
cannot be featured (no title, no address) is left out with a warning, so one odd page never stops an issue.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from ... import markdown
from ...config import Settings
from ...text import SLUG, slugify
from ..fields import Fields
from ..formats import front_matter_kind, load_data_file, split
from ..records import SUMMARY_CHARS, ArticleRecord, AuthorRecord
from ..text import Collector, Document, Field, read_text
from . import GENERATORS
from .dates import read_date
from .generator import DATA_SUFFIXES, Generator
from .permalinks import AddressError
from .resolver import SiteResolver
from .site import Page, Site, first_text, texts
from .syntax import Expanded, has_syntax, unshowable_images

Context = tuple[Settings, Site]
_FORMATS_MAIL_CANNOT_SHOW = ("svg", "webp", "avif", "heic", "tif", "tiff", "bmp")
_MAYBE_UNSHOWABLE = re.compile(r"\.(?:[sS][vV][gG]|[wW][eE][bB][pP]|[aA][vV][iI][fF])")  # a cheap look first


class SiteFields(Fields):
    """Fields whose problems are warnings: a site's page that cannot be featured is left out, not an error."""

    def problem(self, key: str, message: str, hint: str) -> None:
        self.out.add(self.document.path, *self.document.position(key), message, hint, "warning")


def entry(context: Context, tag: str, shown: str, path: str) -> tuple[tuple[Any, ...], int, int]:
    """The file's entry as the cache stores it, and the stamp (mtime_ns, size) of what was read."""
    settings, site = context
    out = Collector()
    rel = shown[len(site.shown) :]
    read = read_text(settings.max_file_bytes, shown, path, out)
    if tag == "author":
        authors = _authors(settings, site, rel, shown, read[1], out) if read is not None else ()
        return (_stored(out), tuple(tuple(author) for author in authors)), *out.stamp
    record, author = (None, None)
    if read is not None:
        page = page_of(settings, site, rel, shown, read[1], out)
        if page is not None:
            record, author = piece_record(settings, site, page, "column" if tag.startswith("column") else "article", out)
    return (_stored(out), None if record is None else tuple(record), author), *out.stamp


def _stored(out: Collector) -> tuple[tuple[int, int, str, str, str], ...] | None:
    return tuple((p.line, p.column, p.message, p.hint, p.severity) for p in out.problems) or None


def page_of(settings: Settings, site: Site, rel: str, shown: str, text: str, out: Collector) -> Page | None:
    """The file as its generator sees it, or None (with the reason recorded) when it is no page to read."""
    if rel.endswith(".mdx"):
        out.add(
            shown,
            1,
            1,
            "MDX is not read: its components only run in the site's own build",
            "the piece is left out; save it as .md to include it",
            "warning",
        )
        return None
    kind = front_matter_kind(text)
    if kind in ("", "js", "javascript"):
        message = "its front matter is JavaScript, which nieuwsbrief does not run" if kind else "it has no front matter"
        out.add(shown, 1, 1, f"{message}: the piece is left out", "write the front matter in YAML between --- lines", "warning")
        return None
    document = split(shown, text, out)
    if document is None:
        return None
    page = Page(rel, shown, document, dict(document.fields))
    reason = GENERATORS[site.generator].prepare(site, page, out)
    if reason:
        out.add(shown, document.start_line, 1, f"{reason}: it is left out", "", "warning")
        return None
    return page


def piece_record(
    settings: Settings, site: Site, page: Page, kind: str, out: Collector
) -> tuple[ArticleRecord | None, str | None]:
    """The piece's record, or None when it cannot be featured; and the author it names, if any."""
    generator = GENERATORS[site.generator]
    before = len(out.problems)
    fields = SiteFields(
        Document(page.shown, page.values, page.document.body, page.document.body_line, page.document.start_line), out
    )

    def key(name: str) -> str | None:  # the site's key that holds our field on this page
        return page.first(site.fields.get(name, ()))

    title = first_text(page.value(key("title")))
    published = _published(settings, site, page, key("date"), out)
    if not title or published is None:
        if not title:
            out.add(
                page.shown,
                page.document.start_line,
                1,
                "no title: the piece is left out",
                f"add {site.fields['title'][0]}: to its front matter",
                "warning",
            )
        return None, None
    slug = _slug(site, generator, page, key("slug"))
    url = _address(settings, site, generator, page, kind, slug, out)
    if url is None:
        return None, None
    body = _expanded(settings, site, generator, page, out)
    record = ArticleRecord(
        slug=slug,
        title=title,
        published=published.isoformat(),
        category=_category(site, page, key("category")),
        url=url,
        reading_time=fields.stated_reading_time() if key("reading_time") == "reading_time" else 0,
        summary=first_text(page.value(key("summary"))) or _excerpt(body),
        author=_author_name(page.value(key("author"))) or generator.default_author(site) or None,
        tags=tuple(tag.lower() for tag in texts(page.value(key("tags")))),
        draft=_draft(site, generator, page, fields),
        related=fields.words("related", lambda s: bool(SLUG.fullmatch(s)), "slugs are lowercase words with hyphens")
        if key("related") == "related"
        else (),
        image=(image := _image(site, generator, page, key("image"), out)),
        image_alt=(first_text(page.value(key("image_alt"))) or title) if image else "",
        subject=first_text(page.value(key("subject"))),
        preheader=first_text(page.value(key("preheader"))),
        expires=_expires(settings, page, key("expires")),
        base_url=_folder(page.address or url),
    )
    valid = all(p.severity != "error" for p in out.problems[before:])
    return (record if valid else None), record.author


def _published(settings: Settings, site: Site, page: Page, key: str | None, out: Collector) -> Any:
    if key is None:
        hint = f"add {site.fields['date'][0]}: YYYY-MM-DD to its front matter"
        out.add(page.shown, page.document.start_line, 1, "no date: the piece is left out", hint, "warning")
        return None
    moment = read_date(page.value(key), settings.timezone, GENERATORS[site.generator].lenient_dates)
    if moment is None:
        line, column = page.document.position(key) if key in page.document.fields else (page.document.start_line, 1)
        written = str(page.value(key))
        out.add(
            page.shown,
            line,
            column,
            f"'{written}' is not a date",
            "write it as YYYY-MM-DD, or with a time: 2025-01-29 18:15:32 +0100",
        )
    return moment


def _slug(site: Site, generator: Generator, page: Page, key: str | None) -> str:
    written = slugify(first_text(page.value(key))) if key else ""
    return written or generator.page_id(site, page) or slugify(page.rel.rsplit(".", 1)[0]) or "piece"


def _address(
    settings: Settings, site: Site, generator: Generator, page: Page, kind: str, slug: str, out: Collector
) -> str | None:
    """The piece's web address ([links] article_url when set), with the page's own address kept on the page:
    its relative links and images resolve there, as a browser resolves them on the site."""
    written = first_text(page.value(page.first(site.fields.get("url", ()))))
    try:
        page.address = written if written.startswith(("http://", "https://")) else generator.address(site, page, settings, slug)
    except AddressError as exc:
        if settings.own_article_url:
            return settings.article_url.format(slug=slug, type=kind)
        hint = "give it a url in its front matter, or set [links] article_url"
        message = f"its web address cannot be worked out ({exc}): the piece is left out"
        out.add(page.shown, page.document.start_line, 1, message, hint, "warning")
        return None
    return settings.article_url.format(slug=slug, type=kind) if settings.own_article_url else page.address


def _expanded(settings: Settings, site: Site, generator: Generator, page: Page, out: Collector) -> str:
    """The body with its template syntax written out; a note for each tag that gave way, at its file line."""
    body = page.document.body
    expanded = generator.expand(site, page, body, SiteResolver(settings, site, page)) if has_syntax(body) else Expanded(body)
    if _MAYBE_UNSHOWABLE.search(expanded.text):
        unshowable_images(expanded)
    for line, message, hint in expanded.notes:
        out.add(page.shown, page.document.body_line + line - 1, 1, message, hint, "warning")
    return expanded.text


def _folder(address: str) -> str:
    """Where a page's relative links resolve: its own address as a folder (/x/), or the folder of /x.html."""
    return address if address.endswith("/") else address.rsplit("/", 1)[0] + "/"


def expand_body(settings: Settings, site: Site, page: Page) -> str:
    """The body as the issue shows it (for a piece being featured), notes discarded: the scan reported them."""
    return _expanded(settings, site, GENERATORS[site.generator], page, Collector())


def _excerpt(body: str) -> str:
    """The default summary: what comes before `<!--more-->` (Hugo, Jekyll), else the first paragraph."""
    head, more, _ = body.partition("<!--more-->")
    return markdown.summary(head if more else body, SUMMARY_CHARS)


def _category(site: Site, page: Page, key: str | None) -> str:
    return first_text(page.value(key), ("name", "title")) if key else site.category


def _author_name(value: Any) -> str:
    return first_text(value, ("name", "title", "id"))


def _draft(site: Site, generator: Generator, page: Page, fields: Fields) -> bool:
    chosen = site.fields.get("draft", ("draft",))
    if chosen != ("draft",):  # the settings name the key: a true value there keeps the piece out
        key = page.first(chosen)
        return key is not None and fields.flag(key)
    return generator.draft(site, page)


def _image(site: Site, generator: Generator, page: Page, key: str | None, out: Collector) -> str:
    written = first_text(page.value(key)) if key else ""
    if not written:
        return ""
    url = generator.image(site, page, written)
    line, column = page.document.position(key) if key in page.document.fields else (page.document.start_line, 1)
    if not url:
        out.add(
            page.shown,
            line,
            column,
            f"the image {written} has no fixed web address (the site's build processes it)",
            "the issue shows the piece without it; put the image in public/ or give an https:// address",
            "warning",
        )
        return ""
    extension = urlsplit(url).path.rsplit(".", 1)[-1].lower() if "." in urlsplit(url).path else ""
    if extension in _FORMATS_MAIL_CANNOT_SHOW:
        out.add(
            page.shown,
            line,
            column,
            f"the image is a .{extension}, which many mail clients cannot show",
            "the issue shows the piece without it; use a PNG, JPG or GIF version",
            "warning",
        )
        return ""
    return url


def _expires(settings: Settings, page: Page, key: str | None) -> str:
    moment = read_date(page.value(key), settings.timezone) if key else None
    return moment.isoformat() if moment else ""


# -- authors ------------------------------------------------------------------------------------------------


def _authors(settings: Settings, site: Site, rel: str, shown: str, text: str, out: Collector) -> list[AuthorRecord]:
    """The authors a file holds: one Markdown file (the bio its body), a data file for one, or a table of many."""
    generator = GENERATORS[site.generator]
    if rel.lower().endswith(DATA_SUFFIXES):
        values = load_data_file(shown, text, out)
        if values is None:
            return []
        if any(key in values for key in site.author_fields["name"]):
            return _one_author(site, generator.author_id(site, rel), values, "", shown, out)
        found = []
        for key, item in values.items():
            if isinstance(item.value, dict):
                inner = {name: Field.at_line(value, item.line) for name, value in item.value.items()}
                found += _one_author(site, slugify(key), inner, "", shown, out)
        return found
    if not front_matter_kind(text):
        return []
    document = split(shown, text, out)
    if document is None:
        return []
    return _one_author(site, generator.author_id(site, rel), document.fields, document.body.strip(), shown, out)


def _one_author(site: Site, id_: str, values: dict[str, Field], body: str, shown: str, out: Collector) -> list[AuthorRecord]:
    def text(name: str) -> str:
        key = next((key for key in site.author_fields.get(name, ()) if key in values and first_text(values[key].value)), None)
        return first_text(values[key].value, ("name", "url", "src")) if key else ""

    name = text("name")
    if not name or not id_:
        where = next(iter(values.values())).line if values else 1
        out.add(shown, where, 1, "an author without a name is left out", f"add {site.author_fields['name'][0]}: to it", "warning")
        return []
    photo = text("photo")
    if photo and not photo.startswith(("http://", "https://")):
        photo = site.base_url + "/" + photo.lstrip("/")
    if re.search(r"\.(svg|webp|avif)$", photo, re.IGNORECASE):
        photo = ""
    return [
        AuthorRecord(
            id=id_,
            name=name,
            role=text("role"),
            photo=photo,
            photo_alt=text("photo_alt") or name,
            url=text("url"),
            bio=body or text("bio"),
        )
    ]
