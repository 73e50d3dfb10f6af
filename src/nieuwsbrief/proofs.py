"""Proofs: the proof sheet of an archived issue, a proof of drafts (never archived), and the live proof.

The live proof holds the project in memory between renders: settings, compiled templates, the content index
(content/live.py) and the archive's manifests are read once, and after that only again where a change touched
them, so that an edit shows in the browser at once even on an archive of 10,000 pieces (benchmarks/live_proof.py).
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from . import clock
from .archive import ISSUES_DIR, Archive, IssueRecord, featured_in
from .brand import look
from .checklist.rules import skipping
from .config import SETTINGS_FILE, Settings, load_settings
from .content import CONTENT_DIR, complete
from .content.generators import generator_of
from .content.live import LiveIndex
from .errors import NieuwsbriefError, TemplateError, UsageError, errors_only
from .locales import DEFAULT
from .model import Content, Pick, Selection
from .pipeline import Project, archived_files, issue_number, lint_archived, load_project, render_issue
from .preview import PreviewServer, Proof, error_page, proof_sheet, write_proof
from .relevance import for_project
from .selection import issue_id_for, select
from .templating import Templates
from .terms import TermIndex
from .weekly import Overrides, complete_picks, lead_horizon


def preview(project: Path, issue_id: str | None = None) -> Path:
    """Write the proof sheet of an archived issue (the newest by default); return its path."""
    settings = load_settings(project)
    record = Archive(project).select(issue_id)
    files = archived_files(record)
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
        findings=tuple(skipping(lint_archived(settings, record, files), settings.lint_skip)[0]),
        look=look(settings),
        lang=settings.locale,
    )
    return write_proof(project, proof, Templates(project))


def draft_preview(project: Path, day: dt.date, overrides: Overrides, issue_id: str | None = None) -> Path:
    """Write the proof sheet of the issue ``day`` would be with --lead and --include, drafts and later pieces allowed."""
    proof = LiveProof(project, issue_id, overrides, day)
    loaded = load_project(project)
    return write_proof(project, proof.proof(loaded.settings, loaded.content, loaded.templates, loaded.terms), loaded.templates)


class LiveProof:
    """One issue re-rendered from the current content for the live proof; nothing is ever archived.

    An archived issue keeps its date and its picks; with --lead or --include, the picks of ``today`` with those,
    drafts and later pieces allowed; with no issue yet, this week's picks.
    """

    def __init__(
        self, project: Path, issue_id: str | None = None, overrides: Overrides | None = None, today: dt.date | None = None
    ) -> None:
        asked = overrides or Overrides()
        if issue_id is not None and (asked.lead or asked.include):
            raise UsageError(f"--lead and --include show the picks of --date, not of issue {issue_id}: leave out the id")
        self.project = project
        self.issue_id = issue_id
        self.overrides = Overrides(asked.lead, asked.include, asked.exclude, preview=True)
        self.today = today or clock.today()
        self.settings: Settings | None = None
        self.templates: Templates | None = None
        self.index: LiveIndex | None = None
        self.records: list[IssueRecord] | None = None
        self.shown = ("", DEFAULT)  # the last good sheet and its language, under a later error's overlay

    def render(self, changed: Iterable[str] = ()) -> str:
        """The proof sheet after ``changed`` (paths relative to the project); the errors page while there are errors."""
        try:
            settings, templates, index = self._update(set(changed))
            scanned = index.scan()
            proof = self.proof(settings, scanned.content, templates, scanned.terms)
            self.shown = proof_sheet(proof, templates, live=True), proof.lang
            return self.shown[0]
        except NieuwsbriefError as error:
            return error_page(error, *self.shown)  # over the last good sheet, until the next good save

    def _update(self, changed: set[str]) -> tuple[Settings, Templates, LiveIndex]:
        if self.settings is None or SETTINGS_FILE in changed:
            self.settings = self.templates = self.index = self.records = None  # all again, from the settings on
            self.settings = load_settings(self.project)
        if self.templates is None or any(path.startswith("templates/") or path == "templates" for path in changed):
            self.templates = _checked_templates(self.project)
        in_content = [path for path in changed if path.startswith(f"{CONTENT_DIR}/") or self._in_site(path)]
        if self.index is None or not self.index.update(in_content):
            self.index = LiveIndex(self.settings)
        if self.records is None or any(path.startswith(ISSUES_DIR) for path in changed):
            self.records = Archive(self.project).issues()
        return self.settings, self.templates, self.index

    def watched(self) -> list[Path]:
        """Folders to watch besides the project's own: the folder the content is read from (a site's, through
        [content], may lie outside the project)."""
        return [generator_of(self.settings).root(self.settings)[0]] if self.settings is not None else []

    def matters(self, path: str) -> bool:
        """A change a proof may show: the settings, or a file (not a hidden one) under content/, templates/, issues/
        or the site's folder."""
        parts = path.split("/")
        if any(part.startswith(".") for part in parts if part != ".."):
            return False
        return path == SETTINGS_FILE or parts[0] in (CONTENT_DIR, "templates", ISSUES_DIR) or self._in_site(path)

    def _in_site(self, path: str) -> bool:
        if self.settings is None:
            return False
        root, _ = generator_of(self.settings).root(self.settings)
        return (self.project / path).resolve().is_relative_to(root.resolve())

    def proof(
        self, settings: Settings, content: Content, templates: Templates, terms: Callable[[], TermIndex | None] = lambda: None
    ) -> Proof:
        records = self.records if self.records is not None else Archive(self.project).issues()
        record = self._record(records)
        selection = complete_picks(settings, self._selection(settings, content, records, record, terms), cache=True)
        loaded = Project(settings, content, templates)
        rendered, every = render_issue(loaded, selection, issue_number(records, selection.issue_id), web=False)
        findings = skipping(every, settings.lint_skip)[0]
        edition = rendered.edition
        concept = tuple(p.article.slug for p in selection.picks if p.article.draft or not p.article.is_published_by(edition.date))
        status = record.manifest.status if record is not None else "not composed"
        return Proof(
            edition.id,
            edition.subject,
            edition.preheader,
            settings.name,
            edition.date.isoformat(),
            "concept" if concept else status,
            rendered.html,
            rendered.text,
            tuple(findings),
            look(settings),
            settings.locale,
            concept,
        )

    def _record(self, records: list[IssueRecord]) -> IssueRecord | None:
        if self.overrides.lead or self.overrides.include:
            return None  # a proof of drafts is of the picks asked for, not of an archived issue
        if self.issue_id is not None:
            return Archive(self.project).select(self.issue_id)
        return records[-1] if records else None

    def _selection(
        self,
        settings: Settings,
        content: Content,
        records: list[IssueRecord],
        record: IssueRecord | None,
        terms: Callable[[], TermIndex | None],
    ) -> Selection:
        if record is not None:
            return _archived_picks(record, content, self.index.places if self.index is not None else {})
        issue_id = issue_id_for(self.today)
        return select(
            content.articles,
            self.today,
            settings.related_count,
            featured_in(records, except_id=issue_id),
            lead=self.overrides.lead,
            include=self.overrides.include,
            exclude=self.overrides.exclude,
            issue_id=issue_id,
            preview=True,
            relevance=for_project(settings, terms(), lambda lead: complete(settings, [lead], use_cache=True)[0].body),
            since=lead_horizon(settings, records, self.today),
        )


def _archived_picks(record: IssueRecord, content: Content, places: Mapping[str, int]) -> Selection:
    """The archived issue's own picks, from the current content: its date and slots stay as they were.

    ``places`` finds a piece by its path at once (an archive of 100,000 pieces is not searched for four of them);
    a piece whose file moved is looked for by its slug.
    """
    picks = []
    for piece in (record.manifest.lead, *record.manifest.related):
        place = places.get(piece.path)
        article = content.articles[place] if place is not None else None
        if article is None or article.slug != piece.slug:
            article = next((a for a in content.articles if a.slug == piece.slug), None)
        if article is None:
            raise UsageError(f"issue {record.id} features {piece.slug}, which no file in {CONTENT_DIR}/ has any more")
        picks.append(Pick(piece.slot, article, piece.score, piece.reasons))
    return Selection(record.id, record.manifest.date, picks[0], tuple(picks[1:]))


def _checked_templates(project: Path) -> Templates:
    templates = Templates(project)
    problems = errors_only(templates.check())
    if problems:
        raise TemplateError("the templates have errors", problems)
    return templates


@dataclass
class LiveSession:
    """A running live proof: the server, and the watcher that re-renders on every change."""

    server: PreviewServer
    stop: Callable[[], None]

    @property
    def url(self) -> str:
        return self.server.url


def serve(
    project: Path,
    proof: LiveProof,
    port: int = 0,
    on_render: Callable[[float], None] = lambda seconds: None,
) -> LiveSession:
    """Serve ``proof`` on localhost and re-render it on every change the file watcher reports; ``on_render`` hears
    how long each re-render took. Stop it with the session's ``stop``."""
    from .watch import Watcher  # watchfiles loads only for a live proof

    try:
        server = PreviewServer(proof.render(), port)
    except OSError as exc:
        raise UsageError(f"cannot serve on port {port}: {exc.strerror} (pass --port 0 for any free port)") from None

    one_at_a_time = threading.Lock()  # the watcher's two threads share the proof held in memory

    def changed(paths: set[str]) -> None:
        if not any(proof.matters(path) for path in paths):
            return  # an editor's swap file, the archive's lock: nothing a proof shows
        with one_at_a_time:
            started = time.perf_counter()
            server.publish(proof.render(paths))
            on_render(time.perf_counter() - started)

    watcher = Watcher(project, changed, extra=proof.watched())
    server.start()
    watcher.start()

    def stop() -> None:
        watcher.stop()
        server.stop()

    return LiveSession(server, stop)
