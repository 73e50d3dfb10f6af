"""Which pieces a reader of the lead column would want next, and why, in the editor's words.

The score of a candidate, in the order an editor would weigh it:

  the lead's related: list   EDITOR_PICK minus its place in the list: the editor said so
  linked from the column     LINKED: the column sends its readers there already
  each shared tag            up to TAG, by rarity: a tag on most pieces adds almost nothing, one on few almost TAG
  the same category          SAME_CATEGORY, only when both pieces state one of their own (not the site's default)
  shared words               up to TEXT: BM25 similarity over title, summary and body (words.py), scaled
                             from chance (SIMILARITY_FLOOR) to the best match among the candidates, so that the
                             best is worth about one rare tag (less when even the best is weak: SIMILARITY_SCALE)
  freshness                  up to FRESHNESS, halved every FRESHNESS_HALF_LIFE days (as before)

A candidate whose relatedness (all but freshness) stays below ``min_score`` ([selection] related_min_score) is left
out, with its reasons, rather than shown as filler: an issue whose column has nothing related shows fewer pieces,
possibly none. Translations of the lead are never related.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from .config import Settings
from .model import Article, Skip
from .terms import TermIndex, built
from .words import analyzer, signature, strongest_first, tag_term, term_hash

EDITOR_PICK = 200.0
LINKED = 100.0
TAG = 10.0
SAME_CATEGORY = 4.0
TEXT = 10.0
FRESHNESS = 3.0
FRESHNESS_HALF_LIFE = 30.0
QUERY_TERMS = 128  # of the column's terms, the strongest, make the query
SIMILARITY_FLOOR = 0.04  # below this similarity shared words are chance, however the pool compares
SIMILARITY_SCALE = 0.16  # a best match weaker than this is worth less than TEXT: the pool may hold nothing related
SHOWN_WORDS = 4  # shared words named in a reason
WEAK_SHOWN = 5  # of the pieces left out as weak, the strongest named in --explain
FEW_PIECES = 10  # a site with fewer pieces has its tags' rarity judged as if it had this many
MOST = "on most pieces"  # a tag's rarity when more than half the pieces have it: no reason to look at them all

_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)|href=[\"']([^\"']+)|^\s*\[[^\]\n]+\]:\s*<?(\S+?)>?\s*$|<(https?://[^>\s]+)>", re.M)


@dataclass(frozen=True)
class Relevance:
    """What the scoring knows of the site besides the pieces: the term index of their signatures (None: one is
    made from titles and summaries), the language of its words, its default category ("" when every piece states
    its own), the least relatedness a pick needs, and how to read the lead's body."""

    index: TermIndex | None = None
    language: str = "nl"
    default_category: str = ""
    min_score: float = 5.0
    body: Callable[[Article], str] | None = None


def for_project(settings: Settings, index: TermIndex | None, body: Callable[[Article], str]) -> Relevance:
    """What the scoring knows of a project: its term index, its language, the category a piece without one gets (our
    layout has none: every piece states one), the least relatedness, and ``body``: the lead's body as the issue shows
    it."""
    default = "" if not settings.content_preset else settings.content_category
    return Relevance(index, settings.content_language, default, settings.related_min_score, body)


@dataclass
class Scored:
    article: Article
    score: float
    related: float  # the score without freshness: what min_score is held against
    explain: Callable[[], tuple[str, ...]]  # the reasons in words, worked out only for the pieces shown

    @property
    def reasons(self) -> tuple[str, ...]:
        return self.explain()


class Lead:
    """The lead as the scoring sees it: its terms, the query made of them, its links and tags, its words' spelling."""

    def __init__(self, lead: Article, relevance: Relevance, index: TermIndex) -> None:
        self.article = lead
        self.index = index
        self.relevance = relevance
        words = analyzer(index.language or relevance.language)
        body = relevance.body(lead) if relevance.body is not None else ""
        counts = words.counts(lead.title, lead.summary, body)
        length = max(1, sum(counts.values()))
        hashed = [(term_hash(term), term, counts[term]) for term in strongest_first(counts)[:QUERY_TERMS]]
        self.terms = {key: term for key, term, _ in hashed}
        self.query = {key: index.bm25(count, length) for key, _, count in hashed}
        self.itself = sum(weight * index.idf(term) * weight for term, weight in self.query.items()) or 1.0
        self.texts = (lead.title, lead.summary, body)
        self.spelled: dict[str, str] | None = None
        self.links = _links(body, lead.base_url or lead.url)
        self.tails = {link.rsplit("/", 1)[-1].casefold() for link in self.links}
        self.listed = set(lead.related)
        self.tags = _tag_weights(lead, index)
        category = lead.category.casefold()
        self.category = category if category != relevance.default_category.casefold() else ""

    def linked(self, other: Article) -> bool:
        """Whether the column links to the piece: found by its slug, the last part of its address (one look per
        candidate, not an address worked out for each of an archive's pieces), then by its whole address."""
        return other.slug in self.tails and _normal(other.url) in self.links

    def shared_words(self, slot: int | None) -> list[str]:
        """The words the piece shares with the lead, those weighing most first, as the lead spells them."""
        if slot is None:
            return []
        index = self.index
        weights = []
        for term, weight in self.query.items():
            count = index.count(term, slot)
            if count:
                weights.append((-weight * index.idf(term) * count, self.terms[term]))
        spelling = self.spelling()
        return [spelling.get(term, term) for _, term in sorted(weights)[:SHOWN_WORDS]]

    def spelling(self) -> dict[str, str]:
        """term -> the column's own word for it, worked out once, when a reason names shared words."""
        if self.spelled is None:
            self.spelled = analyzer(self.index.language or self.relevance.language).spellings(self.texts)
        return self.spelled


def rank(
    lead: Article,
    candidates: Sequence[Article],
    day_ordinal: int,
    relevance: Relevance,
) -> list[Scored]:
    """Every candidate worth a look (shares a word or a tag with the lead, is linked from it or on its related:
    list), scored, best first; ties to the later piece, then the slug."""
    index = relevance.index if relevance.index is not None else _from_titles(candidates, lead, relevance.language)
    seen = Lead(lead, relevance, index)
    raw = index.scores(seen.query)
    slots = {index.path(slot): slot for slot in raw}
    similar = {path: min(1.0, raw[slot] / seen.itself) for path, slot in slots.items()}
    wanted = _wanted(seen, candidates, slots)
    best = max((similar.get(a.path, 0.0) for a in wanted), default=0.0)
    scale = TEXT / (max(best, SIMILARITY_SCALE) - SIMILARITY_FLOOR)  # from chance (the floor) to the best match
    fresh: dict[int, float] = {}  # by age in days: an archive has far fewer ages than pieces
    scored = []
    for other in wanted:
        related = _related(seen, other)
        similarity = similar.get(other.path, 0.0)
        words = round(scale * (similarity - SIMILARITY_FLOOR), 2) if similarity >= SIMILARITY_FLOOR else 0.0
        related += words
        age = max(0, day_ordinal - other.published.toordinal())
        if age not in fresh:
            fresh[age] = freshness(age)
        explain = _explainer(seen, other, slots.get(other.path), similarity, words, age)
        scored.append(Scored(other, round(related + fresh[age], 2), round(related, 2), explain))
    scored.sort(key=lambda s: s.article.slug)
    scored.sort(key=lambda s: (s.score, s.article.published), reverse=True)  # a stable sort: the slug breaks ties
    return scored


def _wanted(seen: Lead, candidates: Sequence[Article], slots: Mapping[str, int]) -> list[Article]:
    """The candidates worth a score, in one pass over them with a few dictionary looks each: those the index found
    sharing words, on the related: list, linked from the column, sharing a tag that not most pieces have. A piece
    the index did not reach (it shares only common words) counts no words: most of an archive is never scored."""
    also = _also_wanted(seen.article, seen.relevance)
    listed, tails, linked = seen.listed, seen.tails, seen.linked
    tags = frozenset(tag for tag, (_, rarity) in seen.tags.items() if rarity != MOST)
    found = [
        a
        for a in candidates
        if a.path in slots
        or a.slug in listed
        or (tags and not tags.isdisjoint(a.tags))
        or (a.slug in tails and linked(a))
        or (also is not None and also(a))
    ]
    key = _translation_key(seen.article)
    return [a for a in found if _translation_key(a) != key] if key else found


def _related(seen: Lead, other: Article) -> float:
    """The points for what the piece shares with the lead, but for its words."""
    points = 0.0
    if other.slug in seen.listed:
        points += EDITOR_PICK - seen.article.related.index(other.slug)
    if seen.links and seen.linked(other):
        points += LINKED
    if other.tags and seen.tags:
        points += sum(seen.tags[tag][0] for tag in set(other.tags) if tag in seen.tags)
    if seen.category and other.category.casefold() == seen.category:
        points += SAME_CATEGORY
    return points


def _explainer(
    seen: Lead, other: Article, slot: int | None, similarity: float, words: float, age: int
) -> Callable[[], tuple[str, ...]]:
    """The reasons for a piece's score, in words, once they are asked for."""

    def explain() -> tuple[str, ...]:
        reasons = []
        lead = seen.article
        if other.slug in seen.listed:
            reasons.append(f"in the lead's related: list (+{EDITOR_PICK - lead.related.index(other.slug):g})")
        if seen.links and seen.linked(other):
            reasons.append(f"linked from the column (+{LINKED:g})")
        for tag in sorted(set(lead.tags) & set(other.tags)):
            points, rarity = seen.tags[tag]
            reasons.append(f"tag `{tag}` ({rarity}, +{points:g})")
        if seen.category and other.category.casefold() == seen.category:
            reasons.append(f"same category `{other.category}` (+{SAME_CATEGORY:g})")
        if similarity >= SIMILARITY_FLOOR:
            reasons.append(f"shares words: {', '.join(seen.shared_words(slot))} (similarity {similarity:.2f}, +{words:g})")
        elif similarity > 0:
            reasons.append(f"few words in common (similarity {similarity:.2f}, +0)")
        reasons.append(f"published {age} days before the issue (+{freshness(age):g})")
        return tuple(reasons)

    return explain


def _also_wanted(lead: Article, relevance: Relevance) -> Callable[[Article], bool] | None:
    """The candidates the index does not name that may still reach min_score: with a low one, those of the lead's
    own category; with none, every piece (freshness alone then fills the section, as before there was a minimum)."""
    if relevance.min_score <= 0:
        return lambda _: True
    category = lead.category.casefold()
    if relevance.min_score > SAME_CATEGORY or not category or category == relevance.default_category.casefold():
        return None
    return lambda other: other.category.casefold() == category


def score_one(lead: Article, other: Article, day_ordinal: int, relevance: Relevance, pool: Sequence[Article]) -> Scored:
    """One piece's score and reasons, as ``rank`` would give them (for --include)."""
    for scored in rank(lead, pool, day_ordinal, relevance):
        if scored.article.slug == other.slug:
            return scored
    age = max(0, day_ordinal - other.published.toordinal())
    fresh = freshness(age)
    return Scored(other, fresh, 0.0, lambda: (f"published {age} days before the issue (+{fresh:g})",))


def picked(ranked: Sequence[Scored], wanted: int, min_score: float) -> tuple[list[Scored], list[Skip]]:
    """The best ``wanted`` that are related enough, and the strongest of the rest that were left out as weak (those
    related in some way, best first: what --explain names)."""
    strong = [s for s in ranked if s.related >= min_score][:wanted]
    weak = sorted((s for s in ranked if 0 < s.related < min_score), key=lambda s: (-s.related, s.article.slug))
    reason = "{related:g} below related_min_score {minimum:g}: {reasons}"
    left = [
        Skip(s.article.slug, reason.format(related=s.related, minimum=min_score, reasons="; ".join(s.reasons)), s.article.kind)
        for s in weak[:WEAK_SHOWN]
    ]
    return strong, left


def freshness(age: int) -> float:
    return round(FRESHNESS * float(0.5 ** (age / FRESHNESS_HALF_LIFE)), 2)


def _tag_weights(lead: Article, index: TermIndex) -> dict[str, tuple[float, str]]:
    """Each of the lead's tags: its points (TAG times its rarity, log(pieces / pieces with it) over log(pieces)) and
    the word for that rarity. A small site's tags are judged as if it had FEW_PIECES: two posts that share a tag say
    little about how common it is."""
    pieces = max(FEW_PIECES, index.pieces_cached)
    weights = {}
    for tag in lead.tags:
        start, end = index.postings(tag_term(tag))
        having = max(1, end - start)
        share = having / pieces
        rarity = "rare" if share <= 0.1 else MOST if share > 0.5 else "common"
        weights[tag] = (round(TAG * max(0.0, math.log(pieces / having)) / math.log(pieces), 1), rarity)
    return weights


def _translation_key(article: Article) -> str:
    """The key that groups a piece with its translations: the reader gives none yet (the site issue adds translation
    groups to Article); until then no piece is taken for a translation."""
    key = getattr(article, "translation_key", "")
    return key if isinstance(key, str) else ""


def _links(body: str, base: str) -> set[str]:
    """The web addresses the body links to, made absolute against the page's own address, in _normal form."""
    found = set()
    for match in _LINK.finditer(body):
        target = next(group for group in match.groups() if group)
        if not target.startswith(("#", "mailto:")):
            found.add(_normal(urljoin(base, target)))
    return found


def _normal(url: str) -> str:
    """An address as a link and a page's own address are compared: no scheme, query or fragment, no index.html,
    .html or trailing slash, the host in lower case."""
    parts = urlsplit(url)
    path = parts.path.removesuffix("index.html").removesuffix(".html").rstrip("/")
    return f"{parts.netloc.lower()}{path}"


def _from_titles(candidates: Sequence[Article], lead: Article, language: str) -> TermIndex:
    """A term index of titles, summaries and tags, for a selection made without the scan's (tests, tools)."""
    words = analyzer(language)
    pieces = {a.path: a for a in (*candidates, lead)}.values()
    return built({a.path: signature(words.counts(a.title, a.summary, ""), a.tags) for a in pieces}, language)
