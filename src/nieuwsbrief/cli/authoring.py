"""Commands for whoever writes: `init` starts a project, `new` adds a column, article or author, `publish` ends a draft."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .. import clock
from ..locales import CODES, DEFAULT, every_locale
from ..text import plural
from .app import AUTHORING, JsonOption, ProjectOption, app, display_path, parse_date, print_json, project_folder, run
from .completion import authors, slugs


class Kind(StrEnum):
    column = "column"
    article = "article"
    author = "author"


# The locales found, as an Enum: typer shows, checks and completes its values. mypy sees the str each member is.
if TYPE_CHECKING:
    Locale = str
else:
    Locale = StrEnum("Locale", [(code, code) for code in CODES])
_LOCALE_HELP = f"The labels, dates and sample texts: {' or '.join(CODES)}. Default: {DEFAULT}; with --from, the site's language."
_DEFAULT_NAMES = " / ".join(f'"{each.init["name"]}"' for each in every_locale())
_NAME_HELP = f"The newsletter's name (default: the site's title, or {_DEFAULT_NAMES})."


@app.command("init", rich_help_panel=AUTHORING, short_help="Start a project that composes at once, with sample content.")
def init_command(
    directory: Annotated[
        Path, typer.Argument(help="The folder to create the project in (made if missing; default: here).", show_default=False)
    ] = Path("."),
    locale: Annotated[Locale | None, typer.Option("--locale", help=_LOCALE_HELP, show_default=False)] = None,
    name: Annotated[str, typer.Option("--name", help=_NAME_HELP)] = "",
    site: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="Read this Hugo, Jekyll, Eleventy, Astro, Pelican or MkDocs site's folder as it is, instead of samples.",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Create a project that composes at once: commented settings, a sample column, article and author.

    With --from SITE: settings that read your site's folder as it is (its generator's preset and the globs
    found, commented), and a count of the columns, articles and authors it sees. Never overwrites a file;
    an existing README.md or .gitignore is kept.

    Example: nieuwsbrief init mijn-nieuwsbrief --name "Ondernemen Wekelijks"

    Example: nieuwsbrief init --from ../mijn-hugo-site nieuwsbrief
    """
    from .. import scaffold

    if site is not None:
        _init_from(site, directory, str(locale) if locale else "", name, as_json)
        return
    code = str(locale) if locale else DEFAULT
    created = run(directory, as_json, lambda: scaffold.init_project(directory, clock.today(), code, name))
    if as_json:
        print_json({"ok": True, "project": str(directory), "files": list(created.files), "kept": list(created.kept)})
        return
    typer.echo(f"created a nieuwsbrief project in {directory}:")
    for written in created.files:
        typer.echo(f"  {written}")
    for kept in created.kept:
        typer.echo(f"  {kept} (kept yours)")
    where = "" if str(directory) in ("", ".") else f"cd {directory} && "
    typer.echo(f"next: {where}nieuwsbrief compose   (then open issues/<week>/issue.html)")


def _init_from(site: Path, directory: Path, locale: str, name: str, as_json: bool) -> None:
    from .. import scaffold

    created = run(directory, as_json, lambda: scaffold.init_from(site, directory, clock.today(), locale, name))
    seen = created.site
    assert seen is not None
    if as_json:
        print_json(
            {
                "ok": True,
                "project": str(directory),
                "files": list(created.files),
                "kept": list(created.kept),
                "generator": seen.generator,
                "root": seen.root,
                "columns": seen.columns,
                "articles": seen.articles,
                "authors": seen.authors,
                "problems": [problem.as_dict() for problem in seen.problems],
                "assumed": list(seen.assumed),
            }
        )
        return
    typer.echo(f"found a {seen.generator} site in {site}; wrote in {directory}:")
    for written in created.files:
        typer.echo(f"  {written}")
    typer.echo(
        f"it sees {plural(seen.columns, 'column')} (pieces that can lead), {plural(seen.articles, 'article')} (related pieces) and {plural(seen.authors, 'author')}"
    )
    for assumption in seen.assumed:
        typer.echo(f"assumed: {assumption}")
    errors = sum(1 for problem in seen.problems if problem.severity == "error")
    if seen.problems:
        typer.echo(
            f"check reports {plural(errors, 'error')} and {plural(len(seen.problems) - errors, 'warning')}: run nieuwsbrief check"
        )
    where = "" if str(directory) in ("", ".") else f"cd {directory} && "
    typer.echo(f"next: {where}nieuwsbrief check && nieuwsbrief compose   (adjust [content] in nieuwsbrief.toml if needed)")


@app.command("new", rich_help_panel=AUTHORING, short_help="Write a new column, article or author with its front matter.")
def new_command(
    ctx: typer.Context,
    kind: Annotated[Kind, typer.Argument(help="What to write: column, article or author.", show_default=False)],
    title: Annotated[str, typer.Argument(help="The title (for an author: the name), in quotes.", show_default=False)],
    project: ProjectOption = None,
    date: Annotated[
        str | None, typer.Option("--date", "-d", help="The date in the front matter, YYYY-MM-DD (default: today).")
    ] = None,
    slug: Annotated[str, typer.Option("--slug", help="The slug (default: made from the title).", show_default=False)] = "",
    author: Annotated[
        str,
        typer.Option(
            "--author",
            help="The author's id (default: [new] author, or the usual one).",
            show_default=False,
            autocompletion=authors,
        ),
    ] = "",
    category: Annotated[
        str, typer.Option("--category", help="The category (default: [new] category, or the one used most).")
    ] = "",
    edit: Annotated[
        bool,
        typer.Option("--edit", "-e", help="Open the new file in $VISUAL, $EDITOR, else sensible-editor, editor or vi."),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Write a new column, article or author with complete front matter. Never overwrites a slug.

    Columns and articles start as drafts (draft: true): remove that line when the piece is ready.

    Example: nieuwsbrief new article "Creëer een band met je klant" --edit
    """
    from .. import scaffold

    folder = project_folder(ctx, project, as_json)
    editor, no_editor = scaffold.find_editor(os.environ, sys.stdin.isatty() and sys.stdout.isatty()) if edit else ("", "")
    created = run(
        folder,
        as_json,
        lambda: scaffold.new_entry(
            folder,
            kind.value,
            title,
            parse_date(date),
            slug=slug,
            author=author,
            category=category,
            editor=editor,
        ),
    )
    path = created.files[0]
    if created.editor_status:
        typer.echo(f"nieuwsbrief: warning: the editor exited with status {created.editor_status}", err=True)
    if no_editor or created.editor_failed:
        typer.echo(f"nieuwsbrief: note: {no_editor or created.editor_failed}; the file is written", err=True)
    if as_json:
        print_json({"ok": True, "kind": created.kind, "slug": created.slug, "path": str(folder / path), "draft": created.draft})
        return
    typer.echo(f"created {display_path(folder, path)}")
    if created.draft:
        typer.echo(f"  it is a draft: nieuwsbrief publish {created.slug} when it is ready to go out")


@app.command("publish", rich_help_panel=AUTHORING, short_help="Take a draft out of draft, so that it can go out.")
def publish_command(
    ctx: typer.Context,
    slug: Annotated[
        str, typer.Argument(help="The draft's slug (its file name without .md).", show_default=False, autocompletion=slugs)
    ],
    project: ProjectOption = None,
    as_json: JsonOption = False,
) -> None:
    """Take a draft out of draft: remove its draft: true line, so it can go out from its date on.

    Nothing else in the file changes. See it first with: nieuwsbrief preview --lead SLUG

    Example: nieuwsbrief publish creeer-een-band-met-je-klant
    """
    from .. import scaffold

    folder = project_folder(ctx, project, as_json)
    published = run(folder, as_json, lambda: scaffold.publish_entry(folder, slug))
    path = display_path(folder, published.files[0])
    if as_json:
        print_json({"ok": True, "kind": published.kind, "slug": published.slug, "path": str(folder / published.files[0])})
        return
    typer.echo(f"published {path}: it is no longer a draft")


templates_app = typer.Typer(
    help="The packaged templates, to make the design your own.", no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(templates_app, name="templates", rich_help_panel=AUTHORING)


@templates_app.command("eject")
def eject_command(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            help="One template (footer, partials/footer.html.j2) or a folder of them (partials); default: all.",
            show_default=False,
        ),
    ] = None,
    project: ProjectOption = None,
    as_json: JsonOption = False,
) -> None:
    """Copy the packaged templates into the project's templates/, where they take precedence: change them there.

    Never overwrites a file: with no NAME, the templates you have are kept and the rest copied; a NAME you
    already have is an error. docs/templates.md lists each template and what it renders.

    Example: nieuwsbrief templates eject footer
    """
    from ..eject import eject_templates

    folder = project_folder(ctx, project)
    ejected = run(folder, as_json, lambda: eject_templates(folder, name))
    if as_json:
        print_json({"ok": True, "copied": list(ejected.copied), "kept": list(ejected.kept)})
        return
    for template in ejected.copied:
        typer.echo(f"copied {display_path(folder, f'templates/{template}')}")
    for template in ejected.kept:
        typer.echo(f"kept   {display_path(folder, f'templates/{template}')} (yours)")
