"""Bodies for the picked pieces: the whole text, its word count and reading time, and the file's hash.

A scan reads metadata only; ``complete`` reads the files of the pieces an issue features once more,
checks that they still give the same metadata, and adds what only the body gives. Word counts are
kept in a small cache of their own, by file and stamp.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterable
from typing import Any

from .. import clock, markdown
from ..config import Settings
from ..errors import ContentError, Problem
from ..located import Lines
from ..model import Article, Author, Content
from . import records
from .cache import Store, trusted
from .generators import generator_of
from .generators.site import Site
from .read import again, document
from .scan import scan_content
from .text import Collector, read_text

WORDS_FILE = "words"  # in .nieuwsbrief/cache/: the word counts of featured pieces, by file


def reading_time(words: int, words_per_minute: int) -> int:
    """Minutes, rounded half up, at least 1: 1,284 words at 250/min is '5 min lezen'."""
    return max(1, int(words / words_per_minute + 0.5))


def complete(settings: Settings, articles: Iterable[Article], *, use_cache: bool = True) -> tuple[Article, ...]:
    """The articles with their bodies, reading times and file hashes, read again from their files.

    Only featured pieces need this. The word counts behind reading times are kept in the cache. A file
    that no longer gives the same metadata changed during the run: ContentError, run again (unless only what a
    file it includes shows changed, the file itself not: then the fresh reading stands).
    """
    site = generator_of(settings).site(settings, Collector())
    store = Store(settings.project, WORDS_FILE, records.entry_key(settings, repr(site))) if use_cache else None
    stored, _ = store.load() if store is not None else (None, [])
    counts: dict[str, Any] = stored if isinstance(stored, dict) else {}
    started = clock.wall_ns()
    known = dict(counts)
    done = tuple(_complete(settings, site, article, known, started) for article in articles)
    if store is not None and known != counts:
        store.save(known)  # a failure to save costs only the counting again
    return done


def _complete(settings: Settings, site: Site, article: Article, counts: dict[str, Any], started: int) -> Article:
    out = Collector()
    read = read_text(settings.max_file_bytes, article.path, str(settings.project / article.path), out)
    raw, text = read if read is not None else (b"", "")
    fresh, body, body_line = again(settings, site, article, text, out) if read is not None else (None, "", 0)
    if fresh is None or fresh != _light(article, fresh.reading_time):
        if fresh is None or not _included_file_changed(article, fresh, out.stamp, started):
            changed = Problem(article.path, 1, 1, "the file changed while nieuwsbrief was reading it", "run the command again")
            raise ContentError("content changed during the run", [changed, *(p for p in out.problems if p.severity == "error")])
        article = fresh._replace(modified=article.modified)
    minutes = fresh.reading_time or reading_time(
        _words(article.path, body, out.stamp, counts, started), settings.words_per_minute
    )
    return article._replace(body=body, body_line=body_line, reading_time=minutes, sha256=hashlib.sha256(raw).hexdigest())


# What a file a piece includes (an MkDocs snippet, a notebook) can change of it: the scan's cached entry follows the
# piece's own file only, so these may be older than the text read now.
_FROM_THE_BODY = ("summary", "image", "image_alt")


def _included_file_changed(article: Article, fresh: Article, stamp: tuple[int, int], started: int) -> bool:
    """Whether the fresh reading differs from the scan's only where an included file shows, the piece's own file
    unchanged since the scan (same mtime, settled before this run): then the fresh reading is the true one."""
    same_file = article.modified != 0 and stamp[0] == article.modified and trusted(stamp[0], started)
    kept = {name: getattr(article, name) for name in _FROM_THE_BODY}
    return same_file and fresh._replace(**kept) == _light(article, fresh.reading_time)


def bio_line(settings: Settings, author: Author) -> int:
    """The file line where the author's bio (the body, without its leading blank lines) starts; 0 if unknown."""
    found = document(settings, author.path)
    start = found.body.find(author.bio) if found is not None and author.bio else -1
    return 0 if found is None or start < 0 else found.body_line + Lines(found.body).line(start) - 1


def _light(article: Article, stated_minutes: int) -> Article:
    """The article as a scan gives it: no body, and only a reading time the front matter states."""
    return article._replace(body="", body_line=0, reading_time=stated_minutes, sha256="", modified=0)


def _words(shown: str, body: str, stamp: tuple[int, int], counts: dict[str, Any], started: int) -> int:
    """The body's word count, from the cache when the file had the same stamp and the body the same checksum when it
    was counted (a file the body includes may have changed since)."""
    known = counts.get(shown)
    checksum = zlib.crc32(body.encode("utf-8", "surrogatepass"))
    if isinstance(known, tuple) and len(known) == 4 and known[:3] == (*stamp, checksum) and isinstance(known[3], int):
        return known[3]
    words = len(markdown.plain_words(body))
    if trusted(stamp[0], started):
        counts[shown] = (*stamp, checksum, words)
    return words


def load_content(settings: Settings, *, use_cache: bool = False) -> tuple[Content, list[Problem]]:
    """Read and validate the whole content folder, every article complete with its body.

    Raises ContentError listing every error. The pipeline scans metadata only (``scan_content``) and
    completes the featured pieces; this loads everything, for tools and tests that want it all.
    """
    scanned = scan_content(settings, use_cache=use_cache)
    articles = complete(settings, scanned.content.articles, use_cache=use_cache)
    return Content(articles, scanned.content.authors), list(scanned.warnings)
