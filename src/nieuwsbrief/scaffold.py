"""`nieuwsbrief init` and `nieuwsbrief new`: a working project, and new files with complete front matter.

Nothing here ever overwrites a file: every file is created exclusively, and a name that is taken is
an error that says which file holds it. Dates come in from the caller (the CLI passes today), so the
same call gives the same files.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import shlex
import shutil
import subprocess
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from . import samples
from .atomic import atomic_write, read_regular
from .config import SETTINGS_FILE, Settings, load_settings
from .content import scan_content
from .content.generators import GENERATORS, detect, generator_of
from .content.generators.globs import matches_something
from .content.generators.permalinks import https, stated
from .content.scan import peek
from .content.text import Collector
from .content.yamlblock import NOT_TEXT
from .errors import Problem, ProjectError, UsageError
from .locales import CODES, DEFAULT, locale
from .options import HTTPS_URL
from .text import SLUG, did_you_mean, is_one_line, one_line, slugify

KINDS = ("column", "article", "author")
_ZONE = re.compile(r"[A-Za-z][A-Za-z0-9_+/-]{0,63}")  # an IANA name: Europe/Amsterdam, Etc/GMT+1, UTC
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")  # a language tag: nl, en-US
# init keeps a folder's own README and .gitignore rather than refusing to start.
_KEEP_IF_PRESENT = {"README.md", ".gitignore"}
_SLUG_CHARS = "lowercase letters, digits and hyphens"


@dataclass(frozen=True)
class Created:
    """What init or new wrote: the folder it worked in and the files, relative to it."""

    root: Path
    files: tuple[str, ...]
    slug: str = ""
    kind: str = ""
    draft: bool = False
    editor_status: int | None = None  # the editor's exit status, when --edit opened one
    editor_failed: str = ""  # why the editor --edit asked for did not open (the file is written all the same)
    kept: tuple[str, ...] = ()  # files init found and left as they were
    site: SiteSeen | None = None  # init --from: what it found in the site


@dataclass(frozen=True)
class SiteSeen:
    """What `init --from` found in a site: its generator, and how many pieces and authors the scan sees."""

    generator: str
    root: str  # as written in [content] root
    columns: int  # pieces that can lead
    articles: int  # pieces that can be related
    authors: int
    problems: tuple[Problem, ...] = ()  # what check will report (errors and warnings), if anything
    assumed: tuple[str, ...] = ()  # what the site's configuration did not say and init took for granted


def init_project(target: Path, today: dt.date, code: str = DEFAULT, name: str = "") -> Created:
    """Write a project into ``target`` that composes at once: settings, one column, article and author."""
    _refuse_unknown(code)
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} is a file, not a folder; give init a folder to create or fill")
    files = samples.project_files(code, name.strip() or locale(code).init["name"], today)
    present = [relative for relative in files if (target / relative).exists()]
    kept = tuple(relative for relative in present if relative in _KEEP_IF_PRESENT)
    taken = sorted(relative for relative in present if relative not in _KEEP_IF_PRESENT)
    if (target / SETTINGS_FILE).exists():
        raise UsageError(f"{target / SETTINGS_FILE} already exists: {target} is a nieuwsbrief project; init never overwrites one")
    if taken:
        raise UsageError(f"init never overwrites files, and these exist in {target}: {', '.join(taken)}")
    written = tuple(relative for relative in files if relative not in kept)
    for relative in written:
        _create(target / relative, files[relative])
    return Created(target, written, kept=kept)


def init_from(site: Path, target: Path, today: dt.date, code: str = "", name: str = "") -> Created:
    """Write a project in ``target`` that reads the site in ``site`` as it is: a [content] section with the
    generator's preset and what its own configuration says (the globs, commented, to adjust), the site's name, https
    address, language and time zone; and count what the scan then sees. ``code`` "" takes the site's language."""
    if code:
        _refuse_unknown(code)
    if not site.is_dir():
        raise UsageError(f"--from {site}: no such folder; give the folder of your site")
    found = detect(site)
    mkdocs = next((p.name for p in sorted(site.glob("mkdocs.y*ml")) if p.is_file()), "")
    if not found and mkdocs:  # MkDocs without the blog plugin: pages, but no posts with dates
        raise UsageError(
            f"--from {site}: its {mkdocs} does not turn on Material's blog plugin (plugins: - blog), whose posts "
            "nieuwsbrief reads; write the [content] section by hand for other pages (see docs/sites.md)"
        )
    if not found:
        raise UsageError(
            f"--from {site}: cannot tell which generator builds this site (no hugo.toml, config.toml, _config.yml, "
            "eleventy.config.js, astro.config.mjs, pelicanconf.py or mkdocs.yml); write the [content] section by hand "
            "(see docs/sites.md)"
        )
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} is a file, not a folder; give init a folder to create or fill")
    if (target / SETTINGS_FILE).exists():
        raise UsageError(f"{target / SETTINGS_FILE} already exists: {target} is a nieuwsbrief project; init never overwrites one")
    target.mkdir(parents=True, exist_ok=True)
    root = os.path.relpath(site.resolve(), target.resolve()).replace(os.sep, "/")
    generator = GENERATORS[found]
    options = generator.read_site(site, "", "", Collector())
    code = code or locale_of(str(options.get("language_code") or options.get("language") or ""))
    # What the site's configuration says goes into settings: one line each, a zone and a language only when they are
    # names, an address only when it is one (a crafted baseURL could otherwise close its quotes and add a setting).
    columns, articles, authors = (tuple(filter(is_one_line, globs)) for globs in generator.init_globs(site, options))
    authors = tuple(glob for glob in authors if matches_something(str(site), glob))  # no glob that finds nothing
    language = str(options.get("language") or "")  # a multilingual site's own default, when it is not the newsletter's
    language = language if len(options.get("languages") or []) > 1 and language.split("-")[0].lower() != code else ""
    language = language if _LANGUAGE.fullmatch(language) else ""
    title = short_name(" ".join(one_line(html.unescape(str(options.get("title") or ""))).split()))
    content = _content_section(found, root, columns, articles, authors, language)
    # A site that names no zone has its dates read in UTC, as Hugo, Eleventy, Astro and Pelican read a bare date.
    zone = str(options.get("timezone") or "")
    zone = zone if _ZONE.fullmatch(zone) else "UTC"
    base = https(stated(str(options.get("base_url", ""))))
    base = base + str(options.get("base_path", "")) if base else ""
    base = "" if HTTPS_URL.broken(base) else base
    name = " ".join(one_line(name).split())
    files = samples.site_files(code, name or title or locale(code).init["name"], base, found, root, content, zone)
    written = tuple(relative for relative in files if not (target / relative).exists())
    for relative in written:
        _create(target / relative, files[relative])
    assumed = tuple(str(item) for item in options.get("assumed", ()))
    seen = _seen(target, found, root, assumed)
    return Created(target, written, kept=tuple(r for r in files if r not in written), site=seen)


def short_name(title: str) -> str:
    """A site's title as a newsletter's name: a long one cut at its first separator ("18F: Digital service
    delivery" is 18F), or the short form it ends with in brackets ("European Environment for Scientific Software
    Installations (EESSI)" is EESSI), since the name heads every issue and is the From name."""
    if len(title) <= 40:
        return title
    short = re.search(r"\(([^\s()]{2,20})\)$", title)
    if short:
        return short.group(1)
    return re.split(r"\s*(?::|\||\s[-–—]\s)\s*", title, maxsplit=1)[0].strip() or title


def locale_of(language: str) -> str:
    """The locale whose labels fit a site in ``language`` (en-US, nl, pt_BR): its own, else English."""
    code = language.replace("_", "-").split("-")[0].strip().lower()
    return code if code in CODES else "en"


def _refuse_unknown(code: str) -> None:
    if code not in CODES:
        raise UsageError(f"--locale {code!r} is not supported; use one of: {', '.join(CODES)}")


def _content_section(
    generator: str, root: str, columns: tuple[str, ...], articles: tuple[str, ...], authors: tuple[str, ...], language: str
) -> str:
    """[content] as init --from writes it: the preset, the folder and the globs it found; the field map commented."""
    fields = GENERATORS[generator].fields
    lines = [
        "# Where the pieces live: the site's own folder, read as it is (see docs/sites.md).",
        "[content]",
        f'preset = "{generator}"\t# its conventions: front matter, dates, drafts, web addresses',
        f"root = {json.dumps(root)}\t# the site's folder, from this file",
        "# Which files can lead an issue (columns) and which are related pieces (articles), as globs under root;",
        "# a file in both lists can be either. Authors: Markdown files (the bio below the front matter) or data files.",
        f"columns = {_toml_list(columns)}",
        f"articles = {_toml_list(articles)}",
        f"authors = {_toml_list(authors)}",
        '# category = "Blog"\t# the label above a piece without categories; default: its section\'s name',
        *([f'language = "{language}"\t# the site\'s own language: its pages are read'] if language else []),
        "",
        "# Our fields and the site's keys that hold them, tried in order (the preset's; uncomment one to change it).",
        "# [content.fields]",
        *(f"# {field} = {_toml_list(keys)}" for field, keys in fields.items() if keys),
    ]
    return "\n".join(lines)


def _toml_list(items: tuple[str, ...]) -> str:
    return "[" + ", ".join(json.dumps(item) for item in items) + "]"


def _seen(project: Path, generator: str, root: str, assumed: tuple[str, ...]) -> SiteSeen:
    """What check will see: the pieces that can lead and be related, and the authors; or the problems."""
    try:
        scan = scan_content(load_settings(project), use_cache=False)
    except ProjectError as exc:
        return SiteSeen(generator, root, 0, 0, 0, exc.problems, assumed)
    articles = scan.content.articles
    leads = sum(1 for a in articles if a.kind == "column")
    related = sum(1 for a in articles if a.kind == "article" or a.related_too)
    return SiteSeen(generator, root, leads, related, len(scan.content.authors), scan.warnings, assumed)


def new_entry(
    project: Path,
    kind: str,
    title: str,
    today: dt.date,
    slug: str = "",
    author: str = "",
    category: str = "",
    editor: str = "",
) -> Created:
    """Write content/<kind>s/<slug>.md with complete front matter; open it in ``editor`` when given.

    A column gets the default author ([new] author, the only author, or the author of the newest
    column); columns and articles start as drafts, so a half-written piece never goes out.
    """
    if kind not in KINDS:
        raise UsageError(f"cannot make a {kind!r}: choose column, article or author")
    title = " ".join(title.split())
    if not title:
        raise UsageError('the title is empty: write it in quotes, e.g. nieuwsbrief new article "Mijn titel"')
    for what, value in (("the title", title), ("--category", category), ("--author", author)):
        if not is_one_line(value):  # check would refuse the file: refuse to write it
            raise UsageError(f"{what} {value!r} has a control character; write it as plain text")
    settings = load_settings(project)
    generator = generator_of(settings)
    if generator.new_path(kind, "new") is None:
        tool = settings.content_preset or "your site's own tools"
        raise UsageError(
            f"this project reads a site's folder ([content] in {SETTINGS_FILE}): write new pieces there, with {tool}"
        )
    slug = slug.strip() or _cut_slug(slugify(title))
    if not slug:
        raise UsageError(f"cannot make a slug from {title!r}: pass one with --slug, using {_SLUG_CHARS}")
    if slug != slugify(slug):
        raise UsageError(f"--slug {slug!r} must be {_SLUG_CHARS}, e.g. {slugify(slug) or 'mijn-artikel'}")
    if len(slug) > MAX_SLUG:  # the file name: most file systems stop at 255 bytes
        raise UsageError(f"--slug is {len(slug)} characters long; use at most {MAX_SLUG}, e.g. {_cut_slug(slug)}")
    entries = peek_entries(settings)
    _refuse_taken(slug, kind, entries)
    relative = f"{generator.new_path(kind, slug)}"
    if kind == "author":
        text = _author_text(title)
    else:
        chosen_author = _author_for(kind, author or settings.new_author, entries)
        chosen_category = category.strip() or settings.new_category or _category_for(kind, entries, settings.locale)
        text = _piece_text(kind, title, slug, today, chosen_category, chosen_author, settings.locale)
    _create(project / relative, text)  # first: whatever happens to the editor, the file is there
    status, failed = _edit(editor, project / relative) if editor else (None, "")
    return Created(project, (relative,), slug, kind, kind != "author", status, failed)


# A top-level `draft: true` line as people (and `new`) write it, with an optional comment.
_DRAFT_LINE = re.compile(r"draft[ \t]*:[ \t]*(?:true|True|TRUE|yes|Yes|YES|on|On|ON)[ \t]*(?:#.*)?")


def publish_entry(project: Path, slug: str) -> Created:
    """Take a column or article out of draft: remove its `draft: true` line; nothing else in the file changes."""
    entries = peek_entries(load_settings(project))
    found = [entry for entry in entries if entry.kind != "author" and entry.slug == slug]
    if not found:
        slugs = [entry.slug for entry in entries if entry.kind != "author"]
        raise UsageError(
            f"no column or article has the slug '{slug}'; {did_you_mean(slug, slugs, 'a slug is the file name without .md')}"
        )
    relative = found[0].path
    path = (project / relative).resolve()  # a linked file is edited where it lives, and stays linked
    try:
        lines = read_regular(path)[0].decode("utf-8").splitlines(keepends=True)
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {relative}: {exc}; nieuwsbrief check says more") from None
    draft = _draft_line(lines)
    if draft is None:
        if found[0].draft:
            raise UsageError(f"{relative}: cannot find its line draft: true; remove it from the front matter by hand")
        raise UsageError(f"{relative} is not a draft: it goes out from its date on ({found[0].date})")
    mode = path.stat().st_mode
    atomic_write(path, "".join(lines[:draft] + lines[draft + 1 :]).encode("utf-8"))
    path.chmod(mode)  # the new file keeps the old one's permissions
    return Created(project, (relative,), slug, found[0].kind, draft=False)


def _draft_line(lines: list[str]) -> int | None:
    """The index of the front matter's `draft: true` line, if it has one."""
    start = next((i for i, line in enumerate(lines) if line.strip("\ufeff \t\r\n")), len(lines))
    if start == len(lines) or lines[start].strip("\ufeff \t\r\n") != "---":
        return None
    for index in range(start + 1, len(lines)):
        text = lines[index].rstrip("\r\n")
        if text.rstrip() in ("---", "..."):
            return None
        if _DRAFT_LINE.fullmatch(text.rstrip()):
            return index
    return None


MAX_SLUG = 80


def _cut_slug(slug: str) -> str:
    """A slug made from a long title, cut at a word to at most MAX_SLUG characters."""
    return slug if len(slug) <= MAX_SLUG else slug[: MAX_SLUG + 1].rsplit("-", 1)[0][:MAX_SLUG]


def _refuse_taken(slug: str, kind: str, entries: list[Entry]) -> None:
    # Columns and articles share one slug space (links and --lead name them by slug); authors have their own.
    space = {"author"} if kind == "author" else {"column", "article"}
    for entry in entries:
        if entry.kind in space and entry.slug == slug:
            raise UsageError(
                f"the slug '{slug}' is taken by {entry.path}; nothing was written "
                f"(choose another title, or pass --slug with a new one)"
            )


def _author_for(kind: str, wanted: str, entries: list[Entry]) -> str:
    authors = sorted(e.slug for e in entries if e.kind == "author")
    if wanted:
        if slugify(wanted) not in authors:
            known = f'add it with nieuwsbrief new author "Name", or use one of: {", ".join(authors) or "none yet"}'
            raise UsageError(f"unknown author '{wanted}'; {did_you_mean(wanted, authors, known)}")
        return slugify(wanted)
    if kind != "column":
        return ""  # articles name an author only when asked to
    if len(authors) == 1:
        return authors[0]
    newest = sorted((e for e in entries if e.kind == "column" and e.author in authors), key=lambda e: (e.date, e.path))
    if newest:
        return newest[-1].author
    if not authors:
        raise UsageError('a column needs an author, and content/authors/ has none: first run nieuwsbrief new author "Your Name"')
    raise UsageError(f"which author? pass --author with one of: {', '.join(authors)} (or set [new] author in nieuwsbrief.toml)")


def _category_for(kind: str, entries: list[Entry], code: str) -> str:
    """The category used most in this kind of piece (then in any piece), so a new file fits in."""
    for pool in ([e for e in entries if e.kind == kind], [e for e in entries if e.kind != "author"]):
        counts = Counter(e.category for e in pool if e.category)
        if counts:
            return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[0][0]
    return locale(code).words["new_category"]


def _piece_text(kind: str, title: str, slug: str, today: dt.date, category: str, author: str, code: str) -> str:
    fields: list[tuple[str, object]] = [("title", title), ("slug", slug), ("date", today), ("category", category)]
    if author:
        fields.append(("author", author))
    fields += [("tags", []), ("draft", True)]
    optional = [
        'summary: ""        # the teaser; default: the first paragraph',
        'image: ""          # a URL or /path; needs image_alt',
        'image_alt: ""',
    ]
    if kind == "column":
        optional += [
            "related: []        # slugs to feature under this column, in this order",
            'subject: ""        # the email subject when this column leads; default: the title',
            'preheader: ""      # the inbox preview text; default: the summary',
        ]
    if not author:
        optional.insert(0, 'author: ""         # an id from content/authors/')
    comments = {
        "draft": "remove this line (or set false) when it is ready to go out",
        "tags": f"e.g. {locale(code).words['tag_example']}",
    }
    return front_matter(fields, comments, optional) + "\n"


def _author_text(name: str) -> str:
    optional = [
        'photo: ""          # a URL or /path; needs photo_alt',
        'photo_alt: ""',
        'url: ""            # the author\'s page',
    ]
    comments = {"role": "shown after the name, e.g. Columnist"}
    return front_matter([("name", name), ("role", "")], comments, optional) + "\n"


# The editors git falls back to when neither $VISUAL nor $EDITOR is set: Debian's choice, then the traditional one.
FALLBACK_EDITORS = ("sensible-editor", "editor", "vi")
NO_EDITOR = "set $EDITOR to open it at once next time, e.g. export EDITOR=nano"


def find_editor(environ: Mapping[str, str], terminal: bool) -> tuple[str, str]:
    """The editor --edit opens, as git chooses it: $VISUAL, then $EDITOR, then the first of FALLBACK_EDITORS on the
    PATH; and, when there is none, why not. The fallbacks are terminal editors: they open only on a terminal
    (a script or a test without one would hang in vi rather than edit)."""
    editor = environ.get("VISUAL", "").strip() or environ.get("EDITOR", "").strip()
    if editor:
        return editor, ""
    if not terminal:
        return "", f"no $VISUAL or $EDITOR, and no terminal for {FALLBACK_EDITORS[0]}: {NO_EDITOR}"
    path = environ.get("PATH", os.defpath)
    found = next((name for name in FALLBACK_EDITORS if shutil.which(name, path=path)), "")
    return found, "" if found else f"no $VISUAL or $EDITOR, and none of {', '.join(FALLBACK_EDITORS)} is installed: {NO_EDITOR}"


def _edit(editor: str, path: Path) -> tuple[int | None, str]:
    """Open ``path`` in ``editor`` (a command line, as $EDITOR holds it): its exit status, or why it did not open."""
    try:
        command = shlex.split(editor)
    except ValueError as exc:
        return None, f"cannot read the editor command {editor!r}: {exc}"
    try:
        return subprocess.run([*command, str(path)], check=False).returncode, ""
    except OSError as exc:
        return None, f"could not start the editor {command[0]!r}: {exc.strerror}"


def _create(path: Path, text: str) -> None:
    """Create a new file, never replacing one (O_EXCL), even if another process made it a moment ago."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    except FileExistsError:
        raise UsageError(f"{path} already exists; nothing was overwritten") from None


@dataclass(frozen=True)
class Entry:
    """What `nieuwsbrief new` needs to know of a file already there, read leniently."""

    path: str
    kind: str  # "column", "article" or "author"
    slug: str
    date: str  # as written; ISO dates sort as text
    category: str
    author: str
    draft: bool = False


def peek_entries(settings: Settings) -> list[Entry]:
    """Slug, date, category and author of every content file; a file that does not parse still counts by its name.

    Unlike a scan this never fails on a broken file: an editor must be able to add a file to a folder that has
    an error elsewhere, and must never overwrite a slug only because its file does not parse. A file the reader
    cannot read at all (a pipe or a device under a .md name) is a ContentError at its path, never a wait.
    """
    found = []
    for kind, shown, meta in peek(settings):
        declared = meta.get("slug") if kind != "author" else None
        stem = shown.rsplit("/", 1)[-1].removesuffix(".md")
        found.append(
            Entry(
                path=shown,
                kind=kind,
                slug=str(declared).strip() if isinstance(declared, str) and declared.strip() else slugify(stem),
                date=str(meta.get("date", "")).strip(),
                category=str(meta.get("category", "")).strip() if isinstance(meta.get("category"), str) else "",
                author=slugify(str(meta.get("author", ""))) if isinstance(meta.get("author"), str) else "",
                draft=meta.get("draft") is True,
            )
        )
    return found


def front_matter(fields: list[tuple[str, object]], comments: dict[str, str], optional: list[str]) -> str:
    """A front-matter block written the way the loader reads it back: quoted text, ISO dates, flow lists.

    ``comments`` adds a short note after a key; ``optional`` lines are written commented out, as a menu.
    """
    lines = ["---"]
    for key, value in fields:
        line = f"{key}: {_yaml_value(value)}"
        if key in comments:
            line += f"  # {comments[key]}"
        lines.append(line)
    lines.extend(f"# {entry}" for entry in optional)
    lines.append("---")
    return "\n".join(lines) + "\n"


def _yaml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_yaml_value(v) for v in value) + "]"
    text = str(value)
    if SLUG.fullmatch(text) and not text.isdigit() and text not in NOT_TEXT:
        return text  # slugs and ids read the same bare
    # A JSON string is a valid YAML double-quoted scalar: every quote, colon and accent survives.
    return json.dumps(text, ensure_ascii=False)
