"""Shared fixtures: small projects written on the fly, and a copy of the bundled sample project."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from nieuwsbrief import clock
from nieuwsbrief.cli.crash import CRASH_DIR
from nieuwsbrief.pipeline import ComposeResult, compose

REPO = Path(__file__).resolve().parents[1]

SETTINGS = """\
[newsletter]
name = "Testbrief"
base_url = "https://www.example.nl"
from = "Testbrief <nieuwsbrief@example.nl>"
postal_address = "Teststraat 1, 1234 AB Utrecht"
[selection]
related_count = 3
related_min_score = 0
"""
# related_min_score = 0: the fixtures' pieces share few words, and the tests of rendering, lint and delivery want
# three teasers whatever they share (tests/test_relevance.py tests the minimum). No blank line before [selection]:
# tests point at the lines they append below these.

# A project that sends to a list: its own domain, since a real send refuses the example domains init writes.
SENDING_SETTINGS = SETTINGS.replace("example.nl", "testbrief.nl")

AUTHOR = """\
---
name: Anna de Boer
role: Columnist
---
Anna schrijft over ondernemen.
"""


def column(title: str, date: str, tags: str = "[klanten]", extra: str = "", body: str = "Tekst van de column.") -> str:
    return f'---\ntitle: "{title}"\ndate: {date}\ncategory: Ondernemen\nauthor: anna\ntags: {tags}\n{extra}---\n{body}\n'


def article(title: str, date: str, tags: str = "[klanten]", category: str = "Ondernemen", extra: str = "") -> str:
    return f'---\ntitle: "{title}"\ndate: {date}\ncategory: {category}\ntags: {tags}\n{extra}---\nEen korte tekst over {title.lower()}.\n'


ProjectFactory = Callable[..., Path]

# Time is an input. The whole run, and every nieuwsbrief it starts in a subprocess, sees this day as today unless
# the environment sets another: .ci/run runs the suite a second time with NIEUWSBRIEF_TODAY years ahead. Content
# dated by a literal stays in 2026; what must lie ahead of today or behind it is computed from the `today`
# fixture, and every test that asks for it is marked `clock` (`NIEUWSBRIEF_TODAY=2034-07-19 pytest -m clock`).
PINNED_TODAY = "2026-11-25"
os.environ.setdefault(clock.OVERRIDE, PINNED_TODAY)
os.environ.pop(clock.EPOCH, None)


@pytest.fixture
def today() -> dt.date:
    """The pinned today of this run (see PINNED_TODAY)."""
    return clock.today()


def now_shown(zone: str = "Europe/Amsterdam") -> str:
    """The pinned now as messages show it in a project's time zone: '2026-11-25 13:00 CET' on the pinned day."""
    return clock.local(clock.stamp(clock.now()), zone)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "today" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.clock)


# A lead whose summary fits the inbox preview: with SENDING_SETTINGS, a project `check` has nothing to say about.
FITTING_SUMMARY = 'summary: "Wat een klant echt wil weten, en hoe je dat merkt aan wat hij vraagt."\n'


def clean(files: dict[str, str] | None = None) -> dict[str, str]:
    """The default project's files with a lead that draws no warning, plus ``files``."""
    return {
        "content/columns/tweede-column.md": column("Tweede column", "2026-11-16", "[prijzen]", FITTING_SUMMARY),
        **(files or {}),
    }


SECRETS = (
    "NIEUWSBRIEF_SMTP_USERNAME",
    "NIEUWSBRIEF_SMTP_PASSWORD",
    "NIEUWSBRIEF_MAILCHIMP_API_KEY",
    "NIEUWSBRIEF_BREVO_API_KEY",
    "NIEUWSBRIEF_SENDGRID_API_KEY",
)


def cli_env(given: dict[str, str] | None = None) -> dict[str, str | None]:
    """The environment for a CliRunner call: none of the machine's own credentials, only those given."""
    return {name: None for name in SECRETS} | dict(given or {})


@pytest.fixture
def make_project(tmp_path: Path) -> ProjectFactory:
    """Write a project: ``files`` maps paths under the project to their text."""

    def make(files: dict[str, str] | None = None, settings: str = SETTINGS, with_defaults: bool = True) -> Path:
        root = tmp_path / "site"
        root.mkdir(exist_ok=True)
        (root / "nieuwsbrief.toml").write_text(settings, encoding="utf-8")
        everything: dict[str, str] = {}
        if with_defaults:
            everything = {
                "content/authors/anna.md": AUTHOR,
                "content/columns/eerste-column.md": column("Eerste column", "2026-11-02"),
                "content/columns/tweede-column.md": column("Tweede column", "2026-11-16", "[prijzen]"),
                "content/articles/over-klanten.md": article("Over klanten", "2026-10-01"),
                "content/articles/over-prijzen.md": article("Over prijzen", "2026-10-05", "[prijzen]"),
                "content/articles/over-geld.md": article("Over geld", "2026-11-10", "[financiering]", "Financiën"),
                "content/articles/over-marketing.md": article("Over marketing", "2026-11-12", "[marketing]", "Marketing"),
            }
        everything.update(files or {})
        for name, text in everything.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
        return root

    return make


def copy_sample(root: Path) -> Path:
    """Copy the repository's sample project, without its composed issues, to a new folder ``root``."""
    root.mkdir()
    shutil.copy(REPO / "nieuwsbrief.toml", root / "nieuwsbrief.toml")
    shutil.copytree(REPO / "content", root / "content")
    return root


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A private copy of the repository's sample project, without its composed issues."""
    return copy_sample(tmp_path / "sample")


# The sample project uses example.nl and a sample address, which export and send refuse (placeholders.py). A test
# that hands the sample over makes it its own first, as docs/marketing.md shows: these in place of those.
OWN_DOMAIN = "ondernemen-wekelijks.nl"
OWN_ADDRESS = "Oudegracht 1, 3511 AA Utrecht"


def made_own(root: Path) -> Path:
    """The sample project in ``root`` with its own domain and postal address, ready to export and send."""
    settings = root / "nieuwsbrief.toml"
    text = settings.read_text(encoding="utf-8").replace("example.nl", OWN_DOMAIN)
    settings.write_text(text.replace("Voorbeeldstraat 1, 1234 AB Utrecht", OWN_ADDRESS), encoding="utf-8")
    return root


# Exit 70 is a bug by definition. Every internal error, in this process or in a nieuwsbrief run in a subprocess
# (which inherits the environment), leaves its log here; a test after which a log appeared fails.
CRASH_LOGS = Path(tempfile.mkdtemp(prefix="nieuwsbrief-test-crashes-"))
os.environ[CRASH_DIR] = str(CRASH_LOGS)


@pytest.fixture(autouse=True)
def no_internal_error(request: pytest.FixtureRequest) -> Iterator[None]:
    before = set(CRASH_LOGS.iterdir())
    yield
    logs = sorted(set(CRASH_LOGS.iterdir()) - before)
    if logs and "internal_error_expected" not in request.fixturenames:
        details = "\n".join(log.read_text(encoding="utf-8") for log in logs)
        pytest.fail(f"nieuwsbrief ended with exit 70 (an internal error, a bug):\n{details}", pytrace=False)


@pytest.fixture
def internal_error_expected() -> Iterator[Path]:
    """For the tests of the last resort itself: the folder the crash logs go to; they are removed afterwards."""
    before = set(CRASH_LOGS.iterdir())
    yield CRASH_LOGS
    for log in set(CRASH_LOGS.iterdir()) - before:
        log.unlink()


def pytest_sessionfinish(session: pytest.Session) -> None:
    shutil.rmtree(CRASH_LOGS, ignore_errors=True)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite tests/golden/ from the current output")


SAMPLE_DATE = dt.date(2026, 11, 23)


def as_excerpt(root: Path) -> Path:
    """The project with [lead] body = "excerpt": its issue has every part of the layout, the button under the lead too."""
    with (root / "nieuwsbrief.toml").open("a", encoding="utf-8") as settings:
        settings.write('\n[lead]\nbody = "excerpt"\n')
    return root


@pytest.fixture(scope="module")
def composed_sample(tmp_path_factory: pytest.TempPathFactory) -> ComposeResult:
    """The sample project's issue of 2026-11-23 with its lead as an excerpt and the button under it, composed once per
    test module (for the slow external checkers)."""
    return compose(as_excerpt(copy_sample(tmp_path_factory.mktemp("composed") / "sample")), SAMPLE_DATE)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless Chromium for a module's rendering tests (tests/browser.py)."""
    from .browser import launched

    yield from launched()
