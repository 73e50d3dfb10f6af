"""The stages in order: content -> selection -> edition -> render -> archive. The CLI and tests call this."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .archive import FILES, ISSUES_DIR, MANIFEST, Archive, IssueRecord, archived_file, archived_text, featured_in
from .config import SETTINGS_FILE, Settings, load_settings
from .content import Progress, Scan, ScanStats, complete, scan_content
from .content.checks import shouting_leads
from .delivery import ledger
from .errors import NieuwsbriefError, PreflightError, Problem, ProjectError, RefusedError, errors_only
from .manifest import COMPOSED, SENT, AuthorRef, FeaturedPiece, Inputs, LintSummary, Manifest, manifest_bytes
from .model import Content, Pick, RenderedEdition, Selection
from .selection import issue_id_for, select
from .text import plural

if TYPE_CHECKING:
    from .delivery.export import ExportResult, export
    from .delivery.send import SendResult, resolve, send
    from .templating import Templates
else:

    def __getattr__(name: str) -> Any:
        if name in ("ExportResult", "export"):
            from .delivery import export

            return getattr(export, name)
        if name in ("SendResult", "resolve", "send"):
            from .delivery import send

            return getattr(send, name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

# The renderers (premailer, jinja2, lxml) and the delivery code (httpx, smtplib) load only in the
# functions that use them: `nieuwsbrief --help`, `check` and `pick` start without them.


@dataclass(frozen=True)
class Project:
    settings: Settings
    content: Content  # articles without bodies; complete() loads the featured ones
    templates: Templates
    warnings: tuple[Problem, ...] = ()
    notices: tuple[Problem, ...] = ()  # about the run (the cache), not the project
    stats: ScanStats = field(default_factory=ScanStats)


@dataclass(frozen=True)
class Checked:
    problems: list[Problem]  # settings, content and templates, sorted by place
    notices: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class ComposeResult:
    rendered: RenderedEdition
    folder: Path
    manifest: Manifest
    warnings: tuple[Problem, ...] = ()
    files: dict[str, Path] = field(default_factory=dict)
    notices: tuple[Problem, ...] = ()


def load_project(project: Path, *, cache: bool = True, progress: Progress | None = None) -> Project:
    """Settings, content and templates, validated; every error in the project raised at once.

    ``cache`` reads and updates the metadata cache in .nieuwsbrief/; ``progress`` hears how a long scan goes.
    """
    from .templating import Templates

    settings, scanned, problems, notices = _load_content(project, cache, progress)
    templates = Templates(project)
    problems.extend(templates.check())
    if settings is None or scanned is None or errors_only(problems):
        raise ProjectError("the project has errors", problems, notices)
    return Project(settings, scanned.content, templates, tuple(problems), tuple(notices), scanned.stats)


def _load_content(
    project: Path, cache: bool, progress: Progress | None
) -> tuple[Settings | None, Scan | None, list[Problem], list[Problem]]:
    problems: list[Problem] = []
    notices: list[Problem] = []
    settings: Settings | None = None
    scanned: Scan | None = None
    try:
        settings = load_settings(project)
        problems.extend(settings.warnings)
    except ProjectError as exc:
        problems.extend(exc.problems)
    if settings is not None:
        try:
            scanned = scan_content(settings, use_cache=cache, progress=progress)
            problems.extend(scanned.warnings)
            notices.extend(scanned.notices)
        except ProjectError as exc:
            problems.extend(exc.problems)
            notices.extend(exc.notices)
    return settings, scanned, problems, notices


def check_project(project: Path, *, cache: bool = True, progress: Progress | None = None) -> Checked:
    """Every problem in settings, content, templates and the archive (warnings included), sorted by place;
    and every column that would fail the pre-flight check's subject rule (C-39) the week it leads."""
    records, broken = Archive(project).check()
    try:
        loaded = load_project(project, cache=cache, progress=progress)
    except ProjectError as exc:
        return Checked(sorted([*exc.problems, *broken]), exc.notices)
    featured = featured_in(records, except_id="")
    leads = shouting_leads(project, list(loaded.content.articles), featured.keys())
    return Checked(sorted([*loaded.warnings, *broken, *leads]), loaded.notices)


def _complete_picks(settings: Settings, selection: Selection, cache: bool) -> Selection:
    """The selection with its featured pieces read in full: bodies, reading times, file hashes."""
    done = complete(settings, [pick.article for pick in selection.picks], use_cache=cache)
    lead, *related = (dataclasses.replace(pick, article=article) for pick, article in zip(selection.picks, done, strict=True))
    return dataclasses.replace(selection, lead=lead, related=tuple(related))


@dataclass(frozen=True)
class Overrides:
    """The editor's say over the picks: --lead, --include and --exclude."""

    lead: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class Picked:
    selection: Selection
    warnings: tuple[Problem, ...] = ()
    notices: tuple[Problem, ...] = ()


def pick(
    project: Path,
    day: dt.date,
    overrides: Overrides = Overrides(),
    *,
    cache: bool = True,
    progress: Progress | None = None,
) -> Picked:
    """What the issue of ``day`` would feature, and why. Templates are not needed, so not loaded."""
    settings, scanned, problems, notices = _load_content(project, cache, progress)
    if settings is None or scanned is None or errors_only(problems):
        raise ProjectError("the project has errors", problems, notices)
    selection = _pick(settings, scanned.content, day, Archive(project).issues(), overrides, cache)
    return Picked(selection, tuple(problems), tuple(notices))


def _pick(
    settings: Settings, content: Content, day: dt.date, records: list[IssueRecord], overrides: Overrides, cache: bool
) -> Selection:
    """The picks for ``day``'s issue, never what another archived issue featured, read in full."""
    issue_id = issue_id_for(day)
    selection = select(
        content.articles,
        day,
        settings.related_count,
        featured_in(records, except_id=issue_id),
        lead=overrides.lead,
        include=overrides.include,
        exclude=overrides.exclude,
        issue_id=issue_id,
    )
    return _complete_picks(settings, selection, cache)


def compose(
    project: Path,
    day: dt.date,
    overrides: Overrides = Overrides(),
    *,
    force: bool = False,
    no_lint: bool = False,
    strict: bool = False,
    cache: bool = True,
    progress: Progress | None = None,
) -> ComposeResult:
    """Pick, render, lint and archive the issue of ``day``'s ISO week. Nothing is written on any error.

    A lint error (the email checklist) stops the run with PreflightError unless ``no_lint``. ``strict``
    treats warnings as errors: the project's (exit 1) and the pre-flight checks' (exit 4).
    """
    loaded = load_project(project, cache=cache, progress=progress)
    if strict and loaded.warnings:
        raise ProjectError(_strict_message(len(loaded.warnings)), loaded.warnings, loaded.notices)
    archive = Archive.of(loaded.settings)
    issue_id = issue_id_for(day)
    with archive.lock():
        records = archive.issues()  # every manifest, read once for this run
        existing = next((record for record in records if record.id == issue_id), None)
        if existing is not None and not force:
            if ledger.was_sent(existing.manifest):
                raise RefusedError(f"issue {issue_id} was already sent; it is never rewritten without --force")
            if ledger.pending_index(existing.manifest) is not None:
                raise RefusedError(
                    f"issue {issue_id} has an unconfirmed send; it is not rewritten until nieuwsbrief send (or resolve) settles it, "
                    "or with --force"
                )
        selection = _pick(loaded.settings, loaded.content, day, records, overrides, cache)
        others = [record for record in records if record.id != issue_id]
        rendered, findings = _render(loaded, selection, _number(records, issue_id))
        if not no_lint and (errors_only(findings) or (strict and findings)):
            raise PreflightError(f"issue {issue_id} failed the pre-flight checks; nothing was written", findings)
        outputs = {
            FILES["html"]: rendered.html.encode("utf-8"),
            FILES["text"]: rendered.text.encode("utf-8"),
            FILES["eml"]: rendered.eml,
            FILES["web"]: rendered.web_html.encode("utf-8"),
        }
        manifest = build_manifest(rendered, loaded, outputs, existing, findings)
        from .site import render_site  # like the renderers, only when composing

        # Everything is rendered before anything is written: an error leaves the archive as it was.
        site = render_site([*others, IssueRecord(issue_id, archive.root / issue_id, manifest)], loaded.settings, loaded.templates)
        folder = archive.write_issue(issue_id, {**outputs, MANIFEST: manifest_bytes(manifest)})
        site_files = archive.write_site(site)
    files = {key: folder / name for key, name in FILES.items()} | {"manifest": folder / MANIFEST} | site_files
    return ComposeResult(rendered, folder, manifest, (*loaded.warnings, *findings), files, loaded.notices)


def _strict_message(warnings: int) -> str:
    return f"the project has {plural(warnings, 'warning')}, and --strict treats warnings as errors"


def _number(records: list[IssueRecord], issue_id: str) -> int:
    return 1 + sum(1 for record in records if record.id < issue_id)


def _render(loaded: Project, selection: Selection, number: int) -> tuple[RenderedEdition, list[Problem]]:
    from .edition import build_edition
    from .render import render_edition  # the renderers (and premailer) load only when rendering

    edition = build_edition(selection, loaded.settings, number)
    rendered = render_edition(edition, loaded.content, loaded.settings, loaded.templates)
    return rendered, lint_rendered(rendered, loaded.settings)


def lint_rendered(rendered: RenderedEdition, settings: Settings) -> list[Problem]:
    edition = rendered.edition
    return _lint(rendered.html, rendered.text, rendered.eml, edition.id, edition.subject, edition.unsubscribe_url, settings)


def _lint(
    html: str, text: str, eml: bytes, issue_id: str, subject: str, unsubscribe_url: str, settings: Settings
) -> list[Problem]:
    from .lint import Issue, lint_issue  # lxml loads only when linting

    return lint_issue(Issue(html, text, eml, f"{ISSUES_DIR}/{issue_id}", subject, unsubscribe_url, settings.postal_address))


def _archived_files(record: IssueRecord) -> tuple[str, str, bytes]:
    # As they are now: lint and preview judge a hand-edited issue too.
    html, text = (archived_text(record, FILES[key], verify=False) for key in ("html", "text"))
    return html, text, archived_file(record, FILES["eml"], verify=False)


def _lint_archived(settings: Settings, record: IssueRecord, files: tuple[str, str, bytes]) -> list[Problem]:
    return _lint(*files, record.id, record.manifest.subject, settings.unsubscribe_url, settings)


def lint(project: Path, issue_id: str | None = None) -> tuple[str, list[Problem]]:
    """Check an archived issue (the newest when no id is given) against the email checklist."""
    record = Archive(project).select(issue_id)
    return record.id, _lint_archived(load_settings(project), record, _archived_files(record))


def preview(project: Path, issue_id: str | None = None) -> Path:
    """Write the proof sheet of an archived issue (the newest by default); return its path."""
    from .preview import Proof, write_proof
    from .templating import Templates

    settings = load_settings(project)
    record = Archive(project).select(issue_id)
    files = _archived_files(record)
    manifest = record.manifest
    proof = Proof(
        id=record.id,
        subject=manifest.subject,
        preheader=manifest.preheader,
        sender=settings.name,
        date=manifest.date.isoformat(),
        status=manifest.status,
        html=files[0],
        text=files[1],
        findings=tuple(_lint_archived(settings, record, files)),
        lang=settings.locale,
    )
    return write_proof(project, proof, Templates(project))


def live_proof(project: Path, issue_id: str | None = None, today: dt.date | None = None) -> str:
    """Re-render an issue from the current content, without archiving it, as a live proof sheet.

    An archived issue keeps its date and its picks; with no issue yet, this week's picks are shown.
    """
    from .preview import Proof, proof_sheet

    loaded = load_project(project)
    archive = Archive(project)
    records = archive.issues()  # every manifest, read once per re-render
    record = archive.select(issue_id) if issue_id or records else None
    if record is not None:
        day = record.manifest.date
        slugs = [piece.slug for piece in record.manifest.related]
        lead = record.manifest.lead.slug
        featured = featured_in(records, except_id=record.id)
        chosen = select(loaded.content.articles, day, len(slugs), featured, lead=lead, include=slugs, issue_id=record.id)
        selection = _complete_picks(loaded.settings, chosen, cache=True)
    else:
        selection = _pick(loaded.settings, loaded.content, today or dt.date.today(), records, Overrides(), cache=True)
    rendered, findings = _render(loaded, selection, _number(records, selection.issue_id))
    edition = rendered.edition
    status = record.manifest.status if record is not None else "not composed"
    proof = Proof(
        edition.id,
        edition.subject,
        edition.preheader,
        loaded.settings.name,
        edition.date.isoformat(),
        status,
        rendered.html,
        rendered.text,
        tuple(findings),
        loaded.settings.locale,
    )
    return proof_sheet(proof, loaded.templates, live=True)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def pick_record(pick: Pick) -> dict[str, object]:
    """One featured piece as the manifest and every --json output show it."""
    return FeaturedPiece.of(pick).as_dict()


def build_manifest(
    rendered: RenderedEdition,
    loaded: Project,
    outputs: dict[str, bytes],
    existing: IssueRecord | None,
    findings: list[Problem],
) -> Manifest:
    """The issue's record: what was featured where, hashes of inputs and outputs, status, deliveries.

    A recomposed issue keeps its ledger, and the keys a hand edit added; a forced rewrite of a sent issue stays
    marked sent, as its ledger says.
    """
    edition = rendered.edition
    settings_text = (loaded.settings.project / SETTINGS_FILE).read_bytes()
    author = loaded.content.authors.get(edition.selection.lead.article.author)
    errors = len(errors_only(findings))
    return Manifest(
        id=edition.id,
        number=edition.number,
        date=edition.date,
        status=SENT if existing and ledger.delivered(existing.manifest) else COMPOSED,
        subject=edition.subject,
        preheader=edition.preheader,
        lead=FeaturedPiece.of(edition.selection.lead),
        related=tuple(FeaturedPiece.of(pick) for pick in edition.selection.related),
        links=dict(sorted(edition.links.items())),
        inputs=Inputs(
            settings_sha256=_sha256(settings_text),
            templates_sha256=loaded.templates.fingerprint(),
            author=AuthorRef(author.id, author.path) if author else None,
        ),
        outputs={name: _sha256(data) for name, data in sorted(outputs.items())},
        lint=LintSummary(errors, len(findings) - errors, tuple(f"{p.code} {p.message}" for p in findings)),
        settings=loaded.settings.public(),
        generator=f"nieuwsbrief {__version__}",
        deliveries=existing.manifest.deliveries if existing else (),
        extra=existing.manifest.extra if existing else {},
    )


def list_issues(project: Path) -> list[IssueRecord]:
    return Archive(project).issues()


__all__ = [
    "ComposeResult",
    "ExportResult",
    "NieuwsbriefError",
    "Project",
    "SendResult",
    "check_project",
    "compose",
    "export",
    "list_issues",
    "load_project",
    "pick",
    "resolve",
    "send",
]
