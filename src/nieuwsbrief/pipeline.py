"""The stages in order: content -> selection -> edition -> render -> archive. The CLI and tests call this."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .archive import FILES, MANIFEST, MANIFEST_SCHEMA, Archive, IssueRecord, manifest_bytes
from .compose import compose_edition
from .config import SETTINGS_FILE, Settings, load_settings
from .content import load_content
from .errors import ContentError, NieuwsbriefError, Problem, RefusedError
from .model import Content, Pick, RenderedEdition, Selection
from .selection import issue_id_for, select
from .templating import Templates


@dataclass(frozen=True)
class Project:
    settings: Settings
    content: Content
    templates: Templates
    warnings: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class ComposeResult:
    rendered: RenderedEdition
    folder: Path
    manifest: dict[str, Any]
    warnings: tuple[Problem, ...] = ()
    files: dict[str, Path] = field(default_factory=dict)


def load_project(project: Path) -> Project:
    """Settings, content and templates, validated; every error in the project raised at once."""
    problems: list[Problem] = []
    settings: Settings | None = None
    content: Content | None = None
    try:
        settings = load_settings(project)
        problems.extend(settings.warnings)
    except ContentError as exc:
        problems.extend(exc.problems)
    if settings is not None:
        try:
            content, warnings = load_content(settings)
            problems.extend(warnings)
        except ContentError as exc:
            problems.extend(exc.problems)
    templates = Templates(project)
    problems.extend(templates.check())
    if settings is None or content is None or any(p.severity == "error" for p in problems):
        raise ContentError("the project has errors", problems)
    return Project(settings, content, templates, tuple(problems))


def check_project(project: Path) -> list[Problem]:
    """Every problem in settings, content and templates (warnings included), sorted by place."""
    try:
        return sorted(load_project(project).warnings)
    except ContentError as exc:
        return sorted(exc.problems)


def pick(
    project: Path,
    day: dt.date,
    lead: str | None = None,
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
) -> Selection:
    loaded = load_project(project)
    issue_id = issue_id_for(day)
    featured = Archive(project).featured(except_id=issue_id)
    return _select(loaded, day, issue_id, featured, lead, include, exclude)


def _select(
    loaded: Project,
    day: dt.date,
    issue_id: str,
    featured: dict[str, str],
    lead: str | None,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
) -> Selection:
    return select(
        loaded.content.articles,
        day,
        loaded.settings.related_count,
        featured,
        lead=lead,
        include=include,
        exclude=exclude,
        issue_id=issue_id,
    )


def compose(
    project: Path,
    day: dt.date,
    lead: str | None = None,
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
    force: bool = False,
) -> ComposeResult:
    """Pick, render and archive the issue of ``day``'s ISO week. Nothing is written on any error."""
    loaded = load_project(project)
    archive = Archive(project)
    issue_id = issue_id_for(day)
    with archive.lock():
        existing = archive.get(issue_id)
        if existing is not None and existing.status == "sent" and not force:
            raise RefusedError(f"issue {issue_id} was already sent; it is never rewritten without --force")
        selection = _select(loaded, day, issue_id, archive.featured(except_id=issue_id), lead, include, exclude)
        others = [record for record in archive.issues() if record.id != issue_id]
        number = 1 + sum(1 for record in others if record.id < issue_id)
        # The renderers (and premailer) load only when composing.
        from .render import render_edition
        from .webarchive import render_site

        edition = compose_edition(selection, loaded.settings, number)
        rendered = render_edition(edition, loaded.content, loaded.settings, loaded.templates)
        outputs = {
            FILES["html"]: rendered.html.encode("utf-8"),
            FILES["text"]: rendered.text.encode("utf-8"),
            FILES["eml"]: rendered.eml,
            FILES["web"]: rendered.web_html.encode("utf-8"),
        }
        manifest = build_manifest(rendered, loaded, outputs, existing)
        # Everything is rendered before anything is written: an error leaves the archive as it was.
        site = render_site([*others, IssueRecord(issue_id, archive.root / issue_id, manifest)], loaded.settings, loaded.templates)
        folder = archive.write_issue(issue_id, {**outputs, MANIFEST: manifest_bytes(manifest)})
        site_files = archive.write_site(site)
    files = {key: folder / name for key, name in FILES.items()} | {"manifest": folder / MANIFEST} | site_files
    return ComposeResult(rendered, folder, manifest, loaded.warnings, files)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _pick_record(pick: Pick) -> dict[str, Any]:
    article = pick.article
    return {
        "slot": pick.slot,
        "slug": article.slug,
        "type": article.kind,
        "title": article.title,
        "path": article.path,
        "sha256": article.sha256,
        "score": pick.score,
        "reasons": list(pick.reasons),
    }


def build_manifest(
    rendered: RenderedEdition, loaded: Project, outputs: dict[str, bytes], existing: IssueRecord | None
) -> dict[str, Any]:
    """The issue's record: what was featured where, hashes of inputs and outputs, status, deliveries."""
    edition = rendered.edition
    settings_text = (loaded.settings.project / SETTINGS_FILE).read_bytes()
    author = loaded.content.authors.get(edition.selection.lead.article.author)
    return {
        "schema": MANIFEST_SCHEMA,
        "id": edition.id,
        "number": edition.number,
        "date": edition.date.isoformat(),
        "status": "composed",
        "subject": edition.subject,
        "preheader": edition.preheader,
        "lead": _pick_record(edition.selection.lead),
        "related": [_pick_record(p) for p in edition.selection.related],
        "links": dict(sorted(edition.links.items())),
        "inputs": {
            "settings_sha256": _sha256(settings_text),
            "templates_sha256": loaded.templates.fingerprint(),
            "author": {"id": author.id, "path": author.path} if author else None,
        },
        "outputs": {name: _sha256(data) for name, data in sorted(outputs.items())},
        "settings": loaded.settings.public(),
        "generator": f"nieuwsbrief {__version__}",
        "deliveries": list(existing.manifest.get("deliveries", [])) if existing else [],
    }


def list_issues(project: Path) -> list[IssueRecord]:
    return Archive(project).issues()


__all__ = ["ComposeResult", "NieuwsbriefError", "Project", "check_project", "compose", "list_issues", "load_project", "pick"]
