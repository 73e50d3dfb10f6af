"""What `nieuwsbrief init` left in place: example domains in the settings, its sample postal address, the sample
author's bio and the sample pieces. `check` warns about them; `export` and a real `send` (never a test) refuse an
issue that still carries any, through the one guard below, so a project can be tried at once but never reaches an
ESP or a list before it is made one's own.
"""

from __future__ import annotations

from email.utils import parseaddr
from urllib.parse import urlsplit

from . import samples
from .config import SETTINGS_FILE, Settings, written_positions
from .content.read import document, position
from .errors import Problem, ProjectError
from .manifest import Manifest
from .model import Content

# Hosts reserved for examples (RFC 2606 and RFC 6761), and example.<tld> in any country, as init writes example.nl.
_EXAMPLE_TLDS = ("example", "invalid", "test")


def is_example_host(host: str) -> bool:
    labels = host.lower().strip(".").split(".")
    return "example" in labels[:-1] or labels[-1] in _EXAMPLE_TLDS


def _host(value: str) -> str:
    if "://" in value:
        return urlsplit(value).hostname or ""
    address = parseaddr(value.removeprefix("mailto:").split("?")[0])[1]
    return address.rpartition("@")[2] if "@" in address else ""


def _named_hosts(settings: Settings) -> dict[str, str]:
    """Every setting that names a host, by "section.key"."""
    return {
        "newsletter.base_url": settings.base_url,
        "newsletter.from": settings.sender,
        "newsletter.reply_to": settings.reply_to,
        "links.unsubscribe": settings.unsubscribe_url,
        "links.unsubscribe_mailto": settings.unsubscribe_mailto,
        "links.unsubscribe_one_click": settings.unsubscribe_one_click,
        "links.view_online": settings.view_online_url,
        "links.archive_url": settings.archive_url,
        "links.article_url": settings.article_url,
        "links.subscribe": settings.subscribe_url,
        "smtp.list_address": settings.smtp.list_address,
    }


def in_settings(settings: Settings, severity: str = "warning") -> list[Problem]:
    """The example domains and the sample address written in nieuwsbrief.toml (a default derived from one is not
    reported again: fixing base_url fixes it)."""
    written = written_positions(settings.project)
    found = []
    for name, value in _named_hosts(settings).items():
        host = _host(value)
        if name in written and host and is_example_host(host):
            hint = "put your own there: an example domain reaches no reader, and export and send refuse it"
            found.append(Problem(SETTINGS_FILE, *written[name], f"{name} still uses the example domain {host}", hint, severity))
    if settings.postal_address in samples.placeholder_addresses() and "newsletter.postal_address" in written:
        message = f"newsletter.postal_address is still the sample address {settings.postal_address!r}"
        hint = "put your own there: the law wants a real one in every commercial email, and export and send refuse this one"
        found.append(Problem(SETTINGS_FILE, *written["newsletter.postal_address"], message, hint, severity))
    return found


def in_content(settings: Settings, content: Content) -> list[Problem]:
    """The sample column and article, and a bio that is still the sample's, as warnings at their files."""
    sample = samples.sample_pieces()
    found = [
        Problem(
            a.path,
            *position(document(settings, a.path), "title"),
            f"{a.slug} is the sample {a.kind} from nieuwsbrief init",
            "replace it with your own, or delete the file: export and send refuse an issue that features it",
            "warning",
        )
        for a in content.articles
        if sample.get(a.slug) == a.title
    ]
    for author in sorted(content.authors.values(), key=lambda found: found.path):
        if author.bio.startswith(samples.sample_bios()):
            found.append(
                Problem(
                    author.path,
                    *position(document(settings, author.path), ""),
                    f"the bio of {author.name} is still the sample text from nieuwsbrief init",
                    "write a few sentences about the author: export and send refuse an issue that carries this one",
                    "warning",
                )
            )
    return found


def guard(settings: Settings, issue_id: str, manifest: Manifest, text: str, nothing_was: str) -> None:
    """The one guard before anything leaves the building (export, a send to the list): a ProjectError with every
    leftover at its line. ``nothing_was`` ends the summary, e.g. "exported"."""
    leftovers = in_issue(settings, issue_id, manifest, text)
    if leftovers:
        raise ProjectError(
            f"issue {issue_id} still carries what nieuwsbrief init left in place; nothing was {nothing_was}", leftovers
        )


def in_issue(settings: Settings, issue_id: str, manifest: Manifest, text: str) -> list[Problem]:
    """Everything init left in place that a real send of this issue would carry to the list, as errors."""
    found = in_settings(settings, "error")
    sample = samples.sample_pieces()
    for piece in (manifest.lead, *manifest.related):
        if sample.get(piece.slug) == piece.title:
            hint = f"put your own text in it, or compose issue {issue_id} again with --exclude {piece.slug}"
            found.append(
                Problem(
                    piece.path,
                    1,
                    1,
                    f"issue {issue_id} features the sample {piece.kind} {piece.slug} from nieuwsbrief init",
                    hint,
                )
            )
    words = " ".join(text.split())
    if any(bio in words for bio in samples.sample_bios()):
        author = manifest.inputs.author
        where = author.path if author else f"issues/{issue_id}/issue.txt"
        hint = "write the author's own bio, then compose the issue again"
        found.append(Problem(where, 1, 1, f"issue {issue_id} carries the sample author bio from nieuwsbrief init", hint))
    return found
