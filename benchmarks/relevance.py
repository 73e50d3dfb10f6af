"""The term index at 100,000 articles, and a warm `compose` beside another version of nieuwsbrief (issue 20).

    python benchmarks/relevance.py index --articles 100000
    python benchmarks/relevance.py compose PROJECT --before ../start/src [--rounds 7]

Not part of the test suite. `index` builds the index of N synthetic signatures whose terms follow Zipf's law over a
vocabulary of a few hundred thousand words (as a real archive's do: a few words in most pieces, most words in a
few; the synthetic project's bodies draw on 200 words and would flatter the index), each with 64 terms and a tag or
two, and measures:

  size      the stored index in .nieuwsbrief/cache/terms (through the cache's own Store), in MB
  load      reading it and making the index of it (median of --rounds), beside the floor: reading its file alone
  query     one issue's lookup: the lead's terms weighed and the index asked for the pieces that share them
            (relevance.Lead and TermIndex.scores), the median over --rounds leads
  rank      the whole related scoring of one issue over the N candidates (relevance.rank), the median

Targets: size <= 50 MB, load <= 50 ms, query <= 5 ms.

`compose` copies PROJECT (benchmarks/synthetic.py writes one) twice (hard links: /tmp on the same file system), composes each copy once to fill its cache,
then runs `compose --date 2026-11-23` warm on each in turns, --rounds times (the issue is composed again each
time: its manifest is removed between runs), with PYTHONPATH set to this checkout's src/ and to --before. The
target: warm compose no more than 5 % slower than before. Medians, and the ratio.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import itertools
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from array import array
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from nieuwsbrief.content.cache import Store  # noqa: E402
from nieuwsbrief.model import Article  # noqa: E402
from nieuwsbrief.relevance import Lead, Relevance, rank  # noqa: E402
from nieuwsbrief.terms import TermIndex, built  # noqa: E402
from nieuwsbrief.words import Signature, tag_term, term_hash  # noqa: E402

VOCABULARY = 400_000
TERMS = 64
TAGS = 500


def zipf_terms(rng: random.Random, cumulative: list[float]) -> list[int]:
    chosen: set[int] = set()
    while len(chosen) < TERMS:
        chosen.update(rng.choices(range(VOCABULARY), cum_weights=cumulative, k=TERMS - len(chosen)))
    return sorted(chosen)


def signatures(count: int) -> dict[str, Signature]:
    rng = random.Random(20)
    cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(VOCABULARY)))
    found = {}
    for number in range(count):
        terms = {term_hash(f"w{term}"): rng.randint(1, 12) for term in zipf_terms(rng, cumulative)}
        terms.update((tag_term(f"tag{rng.randrange(TAGS)}"), 1) for _ in range(rng.randint(0, 2)))
        found[f"content/articles/{number // 1000}/stuk-{number}.md"] = Signature(
            array("I", terms).tobytes(), bytes(terms.values()), rng.randint(150, 900)
        )
    return found


def articles(count: int) -> list[Article]:
    day = dt.datetime(2020, 1, 1)
    return [
        Article(
            f"stuk-{n}",
            "article",
            f"Stuk {n}",
            day + dt.timedelta(minutes=n),
            "Ondernemen",
            f"content/articles/{n // 1000}/stuk-{n}.md",
            "",
            0,
            f"https://www.example.nl/artikelen/stuk-{n}",
            0,
            "",
            tags=(f"tag{n % TAGS}",),
        )
        for n in range(count)
    ]


def median_ms(work: list[tuple[float, float]]) -> str:
    """The median wall-clock time and, in brackets, the median CPU time: on a busy shared machine the second is
    nearer to what a quiet one takes."""
    wall, cpu = statistics.median(w for w, _ in work), statistics.median(c for _, c in work)
    return f"{wall * 1000:.1f} ms ({cpu * 1000:.1f} ms CPU)"


class Timer:
    def __enter__(self) -> Timer:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_: object) -> None:
        self.took = (time.perf_counter() - self.wall, time.process_time() - self.cpu)


def bench_index(count: int, rounds: int) -> None:
    started = time.perf_counter()
    index = built(signatures(count), "nl")
    print(
        f"built from {count:,} signatures in {time.perf_counter() - started:.1f} s: {len(index.hashes):,} terms, {len(index.slots):,} postings"
    )
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder), "terms", "bench")
        store.save(index.dump())
        size = store.path.stat().st_size
        loads, floors = [], []
        for _ in range(rounds):
            with Timer() as timer:
                store.path.read_bytes()
            floors.append(timer.took)
            with Timer() as timer:
                stored, _ = store.load()
                loaded = TermIndex.load(stored)
            loads.append(timer.took)
    pool = articles(count)
    gc.freeze()  # as a scan leaves its pieces: never walked by the collector again
    rng = random.Random(7)
    cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(VOCABULARY)))
    queries, ranks = [], []
    for _ in range(rounds):
        lead = pool[rng.randrange(count)]
        words = " ".join(f"w{term}" for term in rng.choices(range(VOCABULARY), cum_weights=cumulative, k=500))
        relevance = Relevance(loaded, "nl", body=lambda article, words=words: words)  # a column of 500 words
        with Timer() as timer:
            seen = Lead(lead, relevance, loaded)
            loaded.scores(seen.query)
        queries.append(timer.took)
        with Timer() as timer:
            rank(lead, pool, lead.published.toordinal() + 1, relevance)
        ranks.append(timer.took)
    print(
        f"size {size / 1e6:.1f} MB; load {median_ms(loads)}; query {median_ms(queries)}; rank {median_ms(ranks)} (medians of {rounds})"
    )
    print(f"floor: reading the stored index's file, in turns with the loads: {median_ms(floors)}")


def compose_once(project: Path, source: Path) -> float:
    shutil.rmtree(project / "issues", ignore_errors=True)
    environment = {**os.environ, "PYTHONPATH": str(source)}
    started = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "nieuwsbrief",
            "--project",
            str(project),
            "compose",
            "--date",
            "2026-11-23",
            "--no-lint",
            "--quiet",
        ],
        env=environment,
        capture_output=True,
        text=True,
    )
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"compose failed in {project} with {source}:\n{done.stderr}")
    return took


def bench_compose(project: Path, before: Path, rounds: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        copies = {"before": (Path(folder) / "before", before), "after": (Path(folder) / "after", REPO / "src")}
        for copy, _ in copies.values():
            # Hard links: compose never writes to the content, and 100,000 files copied twice take minutes.
            shutil.copytree(project, copy, ignore=shutil.ignore_patterns(".nieuwsbrief", "issues"), copy_function=os.link)
        first = {name: compose_once(copy, source) for name, (copy, source) in copies.items()}
        print(f"first runs (cache filled): before {first['before']:.2f} s, after {first['after']:.2f} s")
        times: dict[str, list[float]] = {"before": [], "after": []}
        for _ in range(rounds):
            for name, (copy, source) in copies.items():
                times[name].append(compose_once(copy, source))
        before_s, after_s = statistics.median(times["before"]), statistics.median(times["after"])
        print(f"warm compose: before {before_s:.3f} s, after {after_s:.3f} s: {after_s / before_s:.3f}x (medians of {rounds})")
        print("  before:", " ".join(f"{t:.3f}" for t in times["before"]))
        print("  after: ", " ".join(f"{t:.3f}" for t in times["after"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    index = commands.add_parser("index")
    index.add_argument("--articles", type=int, default=100_000)
    index.add_argument("--rounds", type=int, default=15)
    compose = commands.add_parser("compose")
    compose.add_argument("project", type=Path)
    compose.add_argument("--before", type=Path, required=True, help="the src/ folder of the version to compare with")
    compose.add_argument("--rounds", type=int, default=7)
    options = parser.parse_args()
    if options.command == "index":
        bench_index(options.articles, options.rounds)
    else:
        bench_compose(options.project, options.before, options.rounds)


if __name__ == "__main__":
    main()
