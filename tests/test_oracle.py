"""The generators are the oracle: for every fixture site in tests/sites/, what nieuwsbrief reads is compared with what
the site's own generator builds (tests/oracle.py runs it): for every page the generator publishes in the folders the
settings `init --from` wrote read, its address, date, state (draft, future, expired, published), language and
translations; and for the lead of the site's case in tests/test_sites.py, the words of its body.

A disagreement the project accepts is listed in ACCEPTED with its reason, and in docs/sites.md. The runs are slow
(a generator build each), so they are marked slow; in CI a missing generator fails them (tests/external_tools.py).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from nieuwsbrief import markdown, pipeline
from nieuwsbrief.config import load_settings
from nieuwsbrief.content.generators.globs import compile_globs
from nieuwsbrief.model import Article
from tests import oracle
from tests.test_sites import CASES, SITES, init_from, set_content

pytestmark = pytest.mark.slow

RUNNERS: dict[str, Callable[..., list[oracle.GeneratorPage]]] = {
    "hugo": oracle.hugo_pages,
    "jekyll": oracle.jekyll_pages,
    "eleventy": oracle.eleventy_pages,
    "astro": oracle.astro_pages,
    "pelican": oracle.pelican_pages,
    "mkdocs": oracle.mkdocs_pages,
}
# (site, source) -> what the project accepts to differ, and why (docs/sites.md lists the same).
ACCEPTED: dict[tuple[str, str], str] = {}
# The lead's words the generator renders that the issue may lack (and the reverse): a share, not a count.
WORDS_AGREE = 0.9


@dataclass(frozen=True)
class Agreement:
    """One site's tally: pages compared, and how many agree on each count."""

    pages: int
    addresses: int
    dates: int
    states: int
    languages: int

    def row(self, name: str) -> str:
        return f"| {name} | {self.pages} | {self.addresses} | {self.dates} | {self.states} | {self.languages} |"


def generator_of(name: str) -> str:
    return name.split("-")[0]


def our_pages(project: Path, language: str) -> dict[str, Article]:
    """What nieuwsbrief reads of the site in ``language``: its pieces by their path under the site's folder."""
    set_content(project, language=f'"{language}"')
    settings = load_settings(project)
    root = (settings.project / settings.content_root).resolve()
    found = {}
    for article in pipeline.load_project(project, cache=False).content.articles:
        source = (settings.project / article.path).resolve().relative_to(root).as_posix()
        found[source] = article
    return found


def in_scope(project: Path) -> Callable[[str], bool]:
    """Whether a source under the site's folder is one of the pieces the settings read (columns or articles)."""
    settings = load_settings(project)
    globs = compile_globs((*settings.content_columns, *settings.content_articles))
    return lambda source: globs.fullmatch(source) is not None


def state(article: Article, today: dt.date) -> str:
    if article.draft:
        return "draft"
    if article.published.date() > today:
        return "future"
    if article.expires is not None and article.expires.date() <= today:
        return "expired"
    return "published"


def same_address(ours: str, theirs: str) -> bool:
    """Addresses agree when they differ only in the scheme init --from made https; a generator that knows no host
    (Eleventy, Astro's dist/) gives the path alone."""
    if theirs.startswith("/"):
        ours = "/" + ours.split("://", 1)[-1].partition("/")[2]
    return re.sub(r"^https?://", "", ours) == re.sub(r"^https?://", "", theirs)


_BUILT: dict[tuple[str, str], list[oracle.GeneratorPage]] = {}


def generator_pages(name: str, zone: str, where: Path) -> list[oracle.GeneratorPage]:
    """What the site's generator builds of a copy of the fixture, once per test run."""
    if (name, zone) not in _BUILT:
        shutil.rmtree(where / name, ignore_errors=True)  # a copy whose generator could not run (skipped) before
        shutil.copytree(SITES / name, where / name)
        _BUILT[(name, zone)] = RUNNERS[generator_of(name)](where / name, zone)
    return _BUILT[(name, zone)]


def compare(name: str, tmp_path: Path, built: Path, today: dt.date) -> tuple[Agreement, list[str]]:
    case = CASES[name]
    project, _ = init_from(tmp_path, name, case.locale)
    settings = load_settings(project)
    theirs = [page for page in generator_pages(name, settings.timezone, built) if page.url or page.draft]
    wanted = in_scope(project)
    theirs = [page for page in theirs if wanted(page.source)]
    languages = sorted({page.language for page in theirs}) or [settings.content_language]
    problems: list[str] = []
    counts = dict.fromkeys(("addresses", "dates", "states", "languages"), 0)
    groups: dict[str, str] = {}  # source -> our translation group
    found: list[tuple[oracle.GeneratorPage, Article]] = []
    for language in languages:
        ours = our_pages(project, language)
        groups.update({source: article.translation for source, article in ours.items()})
        mine = [page for page in theirs if page.language == language or len(languages) == 1]
        for page in mine:
            article = ours.pop(page.source, None)
            if article is None:
                problems.append(f"{page.source} [{language}]: {generator_of(name)} builds it, nieuwsbrief does not read it")
                continue
            found.append((page, article))
            said = ACCEPTED.get((name, page.source))
            checks = {
                # a draft the generator writes no page for has no address to agree on
                "addresses": (not page.url or same_address(article.url, page.url), article.url, page.url),
                "dates": (_same_moment(article.published, page.date), article.published, page.date),
                "states": (state(article, today) == page.state(today), state(article, today), page.state(today)),
            }
            for what, (agree, mine_value, their_value) in checks.items():
                if agree or said:
                    counts[what] += 1
                else:
                    problems.append(f"{page.source} [{language}]: {what} differ: ours {mine_value}, theirs {their_value}")
        for source in sorted(ours):
            if ours[source].language != language and len(languages) > 1:
                continue  # a piece kept in its own language (no translation in this one): compared in its own pass
            if state(ours[source], today) != "draft":  # a draft the generator leaves out entirely agrees
                problems.append(f"{source} [{language}]: nieuwsbrief reads it, {generator_of(name)} does not build it")
    for page, article in found:  # the language it is read in, and the pages the generator calls its translations
        others = [groups[t] for t in page.translations if t in groups]
        if all(group == article.translation for group in others):
            counts["languages"] += 1
        else:
            problems.append(f"{page.source}: translation groups differ: ours {article.translation}, theirs {page.translations}")
    return Agreement(len(theirs), counts["addresses"], counts["dates"], counts["states"], counts["languages"]), problems


def _same_moment(ours: dt.datetime, theirs: dt.datetime | None) -> bool:
    return theirs is not None and ours.replace(second=0, microsecond=0) == theirs.replace(second=0, microsecond=0)


def lead_words_agree(name: str, tmp_path: Path, built: Path) -> tuple[float, str]:
    """How much the words the generator renders for the case's lead and the issue's body of it agree, in order
    (difflib's ratio: 1.0 for the same words)."""
    case = CASES[name]
    project = tmp_path / "nieuwsbrief"
    lead = pipeline.pick(project, dt.date.fromisoformat(case.day)).selection.lead.article
    settings = load_settings(project)
    root = (settings.project / settings.content_root).resolve()
    source = (settings.project / lead.path).resolve().relative_to(root).as_posix()
    rendered = next(page.text for page in generator_pages(name, settings.timezone, built) if page.source == source)
    theirs = oracle.words(rendered)
    ours = oracle.words(" ".join(markdown.plain_words(lead.body)))
    matcher = difflib.SequenceMatcher(None, theirs, ours, autojunk=False)
    return matcher.ratio(), source


ORACLE_SITES = sorted(name for name in CASES if generator_of(name) in RUNNERS)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the generators build their copies of the fixtures: one build per site serves both tests."""
    return tmp_path_factory.mktemp("built")


@pytest.mark.parametrize("name", ORACLE_SITES)
def test_every_page_agrees_with_the_generator(name: str, tmp_path: Path, built: Path, today: dt.date) -> None:
    agreement, problems = compare(name, tmp_path, built, today)
    print(agreement.row(name))
    assert not problems, "\n".join(problems)
    assert agreement.pages > 0


@pytest.mark.parametrize("name", ORACLE_SITES)
def test_the_leads_words_are_the_generators(name: str, tmp_path: Path, built: Path) -> None:
    init_from(tmp_path, name, CASES[name].locale)
    ratio, source = lead_words_agree(name, tmp_path, built)
    assert ratio >= WORDS_AGREE, f"{source}: {ratio:.2f} of the words agree"
