"""The stages in order: content -> selection -> edition -> render -> archive. The CLI and tests call this."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__, clock, placeholders
from .archive import EXPORT_DIR, FILES, ISSUES_DIR, MANIFEST, Archive, IssueRecord, archived_file, archived_text, featured_in
from .checklist.facts import Found
from .checklist.rules import CHECKED_ROWS, ROWS_HINT, judged, skipping, unchecked, unknown_rows
from .config import SETTINGS_FILE, Settings, load_settings
from .content import Progress, Scan, ScanStats, Terms, complete, scan_content
from .contentrules import check_lead, lead_facts, short_lead
from .delivery import freeze, ledger
from .errors import (
    ContentError,
    NieuwsbriefError,
    NothingNewError,
    PreflightError,
    Problem,
    ProjectError,
    RefusedError,
    UsageError,
    errors_only,
)
from .esps import ESPS
from .manifest import COMPOSED, REAL, SENT, AuthorRef, FeaturedPiece, Inputs, LintSummary, Manifest, manifest_bytes
from .model import Article, Content, Pick, RenderedEdition, Selection
from .relevance import Relevance, for_project
from .selection import explained, issue_id_for
from .text import plural
from .weekly import NO_OVERRIDES, Overrides, pick_week, waiting_column

if TYPE_CHECKING:
    from .delivery.export import ExportResult, export
    from .delivery.send import Resolved, SendResult
    from .templating import Templates
else:

    def __getattr__(name: str) -> Any:
        if name in ("ExportResult", "export"):
            from .delivery import export

            return getattr(export, name)
        if name in ("Resolved", "SendResult"):
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
    terms: Terms = field(default=lambda: None)  # the term index, loaded when asked for


@dataclass(frozen=True)
class Checked:
    problems: list[Problem]  # settings, content and templates, sorted by place
    notices: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class ComposeResult:
    rendered: RenderedEdition | None  # None: the week's issue was already sent, and nothing was composed
    folder: Path
    manifest: Manifest
    warnings: tuple[Problem, ...] = ()
    files: dict[str, Path] = field(default_factory=dict)
    notices: tuple[Problem, ...] = ()
    unchanged: str = ""  # how the issue left the building, when it is frozen and composing it changed nothing
    waiting: Article | None = None  # a column that came after the week's issue was sent: it waits for next week


def load_project(project: Path, *, cache: bool = True, progress: Progress | None = None) -> Project:
    """Settings, content and templates, validated; every error in the project raised at once.

    ``cache`` reads and updates the metadata cache in .nieuwsbrief/; ``progress`` hears how a long scan goes.
    """
    from .templating import Templates

    settings, scanned, problems, notices = _load_content(project, cache, progress)
    templates = Templates(project, cache)
    problems.extend(templates.check())
    problems.extend(unknown_rows(project, settings.lint_skip) if settings is not None else ())
    if settings is None or scanned is None or errors_only(problems):
        raise ProjectError("the project has errors", problems, notices)
    return Project(settings, scanned.content, templates, tuple(problems), tuple(notices), scanned.stats, scanned.terms)


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


def check_project(project: Path, *, cache: bool = True, progress: Progress | None = None, day: dt.date | None = None) -> Checked:
    """Every problem in settings, content, templates and the archive (warnings included), sorted by place; with what
    compose would refuse at the Markdown source (see contentrules.py) and what init left in place (placeholders.py)."""
    records, broken = Archive(project).check()
    try:
        loaded = load_project(project, cache=cache, progress=progress)
    except ProjectError as exc:
        return Checked(sorted([*exc.problems, *broken]), exc.notices)
    settings = loaded.settings
    found = [
        *loaded.warnings,
        *broken,
        *skipping(_rules_ahead(loaded, records, day or clock.today()), settings.lint_skip)[0],
        *placeholders.in_settings(settings),
        *placeholders.in_content(settings, loaded.content),
    ]
    return Checked(sorted(found), loaded.notices)


def _rules_ahead(loaded: Project, records: list[IssueRecord], day: dt.date) -> list[Problem]:
    """The content rules on the column that would lead ``day``'s issue (as compose judges it) and, as warnings, on
    every column still to come (a draft, or dated later) that no issue featured; and what compose would find not ready."""
    featured = featured_in(records, except_id=issue_id_for(day))
    lead: Article | None = None
    try:
        # The related too: one may have no title.
        week = pick_week(loaded.settings, loaded.content, day, records, relevance=_relevance(loaded.settings, loaded, True))
        lead, ready = week.selection.lead.article, list(week.warnings)
    except NothingNewError as empty:
        ready = [p for p in empty.problems if p.severity != "note"]
    except ContentError as unready:
        ready = list(unready.problems)
    upcoming = [
        a
        for a in loaded.content.articles
        if a.kind == "column" and a.slug not in featured and (a.draft or not a.is_published_by(day))
    ]
    # The columns still to come, then this week's lead: compose refuses the lead's errors; the others' are warnings.
    judged = [*sorted(upcoming, key=lambda a: a.path), *([lead] if lead is not None else [])]
    judged = list(complete(loaded.settings, judged))  # the bodies as the issue shows them (a site's syntax written out)
    found = ready
    for place, column in enumerate(judged):
        problems = check_lead(loaded.settings, column, loaded.content.authors.get(column.author))
        found += problems if lead is not None and place == len(judged) - 1 else [_ahead(p) for p in problems]
    return found


def _ahead(problem: Problem) -> Problem:
    """A problem of a column still to come: a warning now, which compose refuses once the column leads."""
    later = f"{problem.hint}; compose refuses it once this column leads" if problem.severity == "error" else problem.hint
    return dataclasses.replace(problem, severity="warning", hint=later)


@dataclass(frozen=True)
class Picked:
    selection: Selection
    warnings: tuple[Problem, ...] = ()
    notices: tuple[Problem, ...] = ()


def pick(
    project: Path,
    day: dt.date,
    overrides: Overrides = NO_OVERRIDES,
    *,
    cache: bool = True,
    progress: Progress | None = None,
) -> Picked:
    """What the issue of ``day`` would feature, and why. Templates are not needed, so not loaded."""
    settings, scanned, problems, notices = _load_content(project, cache, progress)
    if settings is None or scanned is None or errors_only(problems):
        raise ProjectError("the project has errors", problems, notices)
    week = pick_week(
        settings,
        scanned.content,
        day,
        Archive(project).issues(),
        overrides,
        cache=cache,
        relevance=_relevance(settings, scanned, cache),
    )
    selection = explained(scanned.content.articles, week.selection, overrides.lead, week.since)
    return Picked(selection, (*problems, *week.warnings), tuple(notices))


def _relevance(settings: Settings, found: Scan | Project, cache: bool) -> Relevance:
    """What the scoring of related pieces knows of the project: its term index, and the lead's body as the issue shows it."""
    return for_project(settings, found.terms(), lambda lead: complete(settings, [lead], use_cache=cache)[0].body)


def compose(
    project: Path,
    day: dt.date,
    overrides: Overrides = NO_OVERRIDES,
    *,
    force: bool = False,
    no_lint: bool = False,
    strict: bool = False,
    skip: tuple[str, ...] = (),
    cache: bool = True,
    progress: Progress | None = None,
) -> ComposeResult:
    """Pick, render, lint and archive the issue of ``day``'s ISO week. Nothing is written on any error.

    A lint error (the email checklist) stops the run with PreflightError unless ``no_lint``; ``skip`` (with [lint]
    skip) names checklist rows not checked. ``strict`` treats warnings as errors: the project's (exit 1) and the
    pre-flight checks' (exit 4). A week whose issue was already sent is not composed again (without --force): the
    result says so, and which column that came since waits for next week.
    """
    if overrides.preview:
        raise UsageError("a preview of drafts is never archived: use nieuwsbrief preview --lead (or --include)")
    for row in skip:
        if row not in CHECKED_ROWS:
            raise UsageError(f"--skip {row}: no pre-flight check has this row ({ROWS_HINT})")
    loaded = load_project(project, cache=cache, progress=progress)
    if strict and loaded.warnings:
        raise ProjectError(_strict_message(len(loaded.warnings)), loaded.warnings, loaded.notices)
    archive = Archive.of(loaded.settings)
    issue_id = issue_id_for(day)
    with archive.lock():
        records = archive.issues()  # every manifest, read once for this run
        existing = next((record for record in records if record.id == issue_id), None)
        if existing is not None and not force and ledger.pending_index(existing.manifest) is not None:
            raise RefusedError(
                f"issue {issue_id} has an unconfirmed send; it is not rewritten until nieuwsbrief send (or resolve) settles it, "
                "or with --force"
            )
        if existing is not None and not force and overrides == NO_OVERRIDES and ledger.was_sent(existing.manifest):
            return _already_sent(loaded, existing, day, records)
        week = pick_week(
            loaded.settings,
            loaded.content,
            day,
            records,
            overrides,
            cache=cache,
            relevance=_relevance(loaded.settings, loaded, cache),
        )
        others = [record for record in records if record.id != issue_id]
        rendered, every = render_issue(loaded, week.selection, issue_number(records, issue_id))
        rows = tuple(sorted({*loaded.settings.lint_skip, *skip}))
        findings, left_out = skipping(every, rows)
        outputs = {
            FILES["html"]: rendered.html.encode("utf-8"),
            FILES["text"]: rendered.text.encode("utf-8"),
            FILES["eml"]: rendered.eml,
            FILES["web"]: rendered.web_html.encode("utf-8"),
        }
        manifest = build_manifest(rendered, loaded, outputs, existing, findings, rows)
        frozen = freeze.left_the_building(existing) if existing is not None and not force else ""
        if existing is not None and frozen:
            _refuse_changes(issue_id, frozen, existing.manifest, manifest)
            manifest = existing.manifest  # nothing would change: the issue stays exactly as it left
        elif not no_lint and (errors_only(findings) or (strict and findings)):
            raise PreflightError(f"issue {issue_id} failed the pre-flight checks; nothing was written", findings)
        from .site import render_site  # like the renderers, only when composing

        # Everything is rendered before anything is written: an error leaves the archive as it was.
        site = render_site([*others, IssueRecord(issue_id, archive.root / issue_id, manifest)], loaded.settings, loaded.templates)
        folder = archive.root / issue_id
        if not frozen:
            folder = archive.write_issue(issue_id, {**outputs, MANIFEST: manifest_bytes(manifest)}, keep=(EXPORT_DIR,))
        site_files = archive.write_site(site)
    files = {key: folder / name for key, name in FILES.items()} | {"manifest": folder / MANIFEST} | site_files
    kept = _kept_export(existing) if existing is not None and force else ()
    not_checked = unchecked(f"{ISSUES_DIR}/{issue_id}", rows, left_out, skip)
    warnings = (*loaded.warnings, *week.warnings, *findings, *kept, *not_checked)
    return ComposeResult(rendered, folder, manifest, warnings, files, loaded.notices, frozen)


def _already_sent(loaded: Project, sent: IssueRecord, day: dt.date, records: list[IssueRecord]) -> ComposeResult:
    """A run in a week whose issue went out: nothing is composed or written; a column that came since waits."""
    waiting = waiting_column(loaded.settings, loaded.content, day, records, sent)
    files = {key: sent.path / name for key, name in FILES.items()} | {"manifest": sent.path / MANIFEST}
    return ComposeResult(None, sent.path, sent.manifest, loaded.warnings, files, loaded.notices, "was sent", waiting)


def _refuse_changes(issue_id: str, frozen: str, before: Manifest, after: Manifest) -> None:
    """A frozen issue may be composed again only to the same picks and bytes: RefusedError saying what would change."""
    changed = freeze.changes(before, after)
    if changed:
        raise RefusedError(
            f"issue {issue_id} {frozen}, so it is frozen: composing it again would change {'; '.join(changed)}. "
            "Nothing was written; compose --force rewrites it"
        )


def _kept_export(existing: IssueRecord) -> tuple[Problem, ...]:
    """A forced rewrite keeps export/ (what was handed over), which now holds the version before: say so."""
    exports = freeze.exported(existing)
    if not exports:
        return ()
    where = f"{ISSUES_DIR}/{existing.id}/{EXPORT_DIR}"
    return (
        Problem(
            where,
            0,
            0,
            f"still holds the export of the version before this compose ({', '.join(exports)})",
            f"run nieuwsbrief export {existing.id} again before handing the issue over",
            "warning",
        ),
    )


def _strict_message(warnings: int) -> str:
    return f"the project has {plural(warnings, 'warning')}, and --strict treats warnings as errors"


def issue_number(records: list[IssueRecord], issue_id: str) -> int:
    return 1 + sum(1 for record in records if record.id < issue_id)


def render_issue(loaded: Project, selection: Selection, number: int, web: bool = True) -> tuple[RenderedEdition, list[Problem]]:
    """The issue rendered and linted: the content rules at the Markdown source first, then the email checklist."""
    from .edition import build_edition
    from .render import render_edition, shown_sources  # the renderers (and premailer) load only when rendering

    edition = build_edition(selection, loaded.settings, number)
    rendered = render_edition(edition, loaded.content, loaded.settings, loaded.templates, web)
    whole = selection.lead.article
    lead = whole._replace(body=rendered.lead_body)  # the rules judge what the issue shows: the whole column or its excerpt
    facts = tuple(lead_facts(loaded.settings, lead, loaded.content.authors.get(lead.author)))
    source = [*short_lead(loaded.settings, whole), *judged(facts)]
    shown = shown_sources(loaded.settings, loaded.content, lead)
    found = lint_rendered(rendered, loaded.settings, shown, facts, loaded.templates.overrides())
    return rendered, at_the_source(source, found)


def at_the_source(source: list[Problem], rendered: list[Problem]) -> list[Problem]:
    """The source's findings, then the rendered issue's that they do not already say at the same Markdown position
    (lint names a finding on the editor's text where the Markdown has it, from the facts it is given)."""
    said = {(p.path, p.line, p.column, p.code) for p in source}
    return [*source, *(p for p in rendered if (p.path, p.line, p.column, p.code) not in said)]


def lint_rendered(
    rendered: RenderedEdition,
    settings: Settings,
    sources: tuple[tuple[str, str, int], ...] = (),
    facts: tuple[Found, ...] = (),
    own_templates: tuple[str, ...] = (),
) -> list[Problem]:
    edition = rendered.edition
    found = (rendered.html, rendered.text, rendered.eml, edition.id, edition.subject, edition.unsubscribe_url)
    return _lint(*found, settings, sources, facts, own_templates)


def _lint(
    html: str,
    text: str,
    eml: bytes,
    issue_id: str,
    subject: str,
    unsubscribe_url: str,
    settings: Settings,
    sources: tuple[tuple[str, str, int], ...] = (),
    facts: tuple[Found, ...] = (),
    own_templates: tuple[str, ...] = (),
) -> list[Problem]:
    from .lint import Issue, Source, lint_issue  # lxml loads only when linting

    shown = tuple(Source(*source) for source in sources)
    # A missing one-click unsubscribe (C-37) is reported only once an SMTP send to a list lacks a per-reader tag.
    one_click = bool(settings.smtp.list_address) and not ESPS[settings.dialect].dialect.unsubscribe
    folder = f"{ISSUES_DIR}/{issue_id}"
    return lint_issue(
        Issue(html, text, eml, folder, subject, unsubscribe_url, settings.postal_address, shown, facts, own_templates, one_click)
    )


def archived_files(record: IssueRecord) -> tuple[str, str, bytes]:
    # As they are now: lint and preview judge a hand-edited issue too.
    html, text = (archived_text(record, FILES[key], verify=False) for key in ("html", "text"))
    return html, text, archived_file(record, FILES["eml"], verify=False)


def lint_archived(settings: Settings, record: IssueRecord, files: tuple[str, str, bytes]) -> list[Problem]:
    return _lint(*files, record.id, record.manifest.subject, settings.unsubscribe_url, settings)


def lint(project: Path, issue_id: str | None = None) -> tuple[str, list[Problem]]:
    """Check an archived issue (the newest when no id is given) against the email checklist."""
    record, settings = Archive(project).select(issue_id), load_settings(project)
    return record.id, skipping(lint_archived(settings, record, archived_files(record)), settings.lint_skip)[0]


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
    skipped: tuple[str, ...] = (),
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
        lint=LintSummary(errors, len(findings) - errors, tuple(f"{p.code} {p.message}" for p in findings), skipped=skipped),
        settings=loaded.settings.public(),
        generator=f"nieuwsbrief {__version__}",
        deliveries=existing.manifest.deliveries if existing else (),
        extra=existing.manifest.extra if existing else {},
    )


def list_issues(project: Path) -> list[IssueRecord]:
    return Archive(project).issues()


def send(project: Path, issue_id: str | None = None, **options: Any) -> SendResult:
    """delivery.send.send, then the web archive's pages again when a real send went out: they list what was sent."""
    from .delivery.send import send as deliver

    result = deliver(project, issue_id, **options)
    if result.kind == REAL and not result.dry_run:
        refresh_site(project)
    return result


def resolve(project: Path, issue_id: str | None, outcome: str, **options: Any) -> Resolved:
    """delivery.send.resolve, then the web archive's pages again: a send settled as sent puts the issue on them."""
    from .delivery.send import resolve as settle

    resolved = settle(project, issue_id, outcome, **options)
    refresh_site(project)
    return resolved


def refresh_site(project: Path) -> dict[str, Path]:
    """Render issues/index.html and feed.xml again from the manifests, under the lock."""
    from .site import render_site
    from .templating import Templates

    settings = load_settings(project)
    archive = Archive(project)
    with archive.lock():
        return archive.write_site(render_site(archive.issues(), settings, Templates(project)))


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
