"""The term index at 100,000 articles, and a warm `compose` beside another version of nieuwsbrief (issue 20).

    python benchmarks/relevance.py index --articles 100000 [--before ../start/src] [--turns 5 --rounds 3]
    python benchmarks/relevance.py compose PROJECT --before ../start/src [--rounds 7]
    python benchmarks/relevance.py signatures [--before ../start/src] [--language nl] [--turns 5 --rounds 3]

Not part of the test suite. `index` builds the index of N synthetic signatures whose terms follow Zipf's law over a
vocabulary of a few hundred thousand words (as a real archive's do: a few words in most pieces, most words in a
few; the synthetic project's bodies draw on 200 words and would flatter the index), each with 64 terms and a tag or
two, stores it through the cache's own Store, and measures, in a new process per version and turn (--before: the
version compared with, in turns with this one), --rounds times each:

  size      the stored index in .nieuwsbrief/cache/terms, in MB
  load      making the index of the stored file, beside the floor: reading the file alone
  query     one issue's lookup: the lead's terms weighed and the index asked for the pieces that share them
            (relevance.Lead and TermIndex.scores), a lead drawn at random each round
  rank      the whole related scoring of one issue over the N candidates (relevance.rank)

Medians of wall-clock and CPU time. Targets: size <= 50 MB, load <= 50 ms, query <= 5 ms.

`signatures` measures what a scan spends on each piece's signature (words.Analyzer.counts and words.signature) over
the real pages in tests/sites/ and tests/relevance/ (their text after the front matter, and their title), with a new
analyzer each round (its cache of stems empty, as in a small site's scan): CPU time per page, medians, in a process
per version and turn; and a digest of the signatures, which must be the same for both versions.

`compose` copies PROJECT (benchmarks/synthetic.py writes one) twice (hard links: /tmp on the same file system), composes each copy once to fill its cache,
then runs `compose --date 2026-11-23` warm on each in turns, --rounds times (the issue is composed again each
time: its manifest is removed between runs), with PYTHONPATH set to this checkout's src/ and to --before. The
target: warm compose no more than 5 % slower than before. Medians, and the ratio.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import hashlib
import itertools
import json
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
# The version measured: this checkout's src/, or the one a child process is given (--src).
sys.path.insert(0, sys.argv[sys.argv.index("--src") + 1] if "--src" in sys.argv else str(REPO / "src"))

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


def bench_index(count: int, rounds: int, before: Path | None, turns: int) -> None:
    """Each version's index built and stored once, then measured in turns: a process per version and turn, each of
    --rounds loads and queries (a fresh process maps or reads the store as a run does)."""
    versions = {"after": REPO / "src", **({"before": before} if before is not None else {})}
    with tempfile.TemporaryDirectory() as folder:
        for name, source in versions.items():
            print(name, child(source, "build", Path(folder) / name, count, rounds)[0])
        figures: dict[str, list[list[tuple[float, float]]]] = {name: [[], [], [], [], []] for name in versions}
        for _ in range(turns):
            for name, source in versions.items():
                for kept, found in zip(
                    figures[name], child(source, "measure", Path(folder) / name, count, rounds)[1], strict=True
                ):
                    kept.extend(found)
    for name, (loads, floors, queries, ranks, firsts) in figures.items():
        print(
            f"{name}: load {median_ms(loads)}; floor (the file read) {median_ms(floors)}; query {median_ms(queries)}; rank {median_ms(ranks)}"
        )
        print(f"  {name}: a process's first query (the pages it needs read from the file) {median_ms(firsts)}")
        if name == "before":
            after = figures["after"]
            ratios = [
                statistics.median(c for _, c in after[i]) / statistics.median(c for _, c in figures[name][i])
                for i in (0, 2, 3, 4)
            ]
            print("after / before, CPU: load {:.3f}x, query {:.3f}x, rank {:.3f}x, first query {:.3f}x".format(*ratios))


def child(source: Path, what: str, folder: Path, count: int, rounds: int) -> tuple[str, list[list[tuple[float, float]]]]:
    """Run ``what`` (build, measure) in a process with ``source`` first on its path; its last line is JSON."""
    command = [sys.executable, __file__, what, "--src", str(source), "--folder", str(folder)]
    done = subprocess.run([*command, "--articles", str(count), "--rounds", str(rounds)], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{what} failed with {source}:\n{done.stderr}")
    *lines, last = done.stdout.splitlines()
    return " ".join(lines), json.loads(last)


def build_store(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    index = built(signatures(count), "nl")
    store = Store(folder, "terms", "bench")
    stored = index.dump()
    store.save_parts(*stored) if hasattr(store, "save_parts") else store.save(stored)  # (a version before 2026-12-07)
    took = time.perf_counter() - started
    print(
        f"{len(index.hashes):,} terms, {len(index.slots):,} postings; built in {took:.1f} s; {store.path.stat().st_size / 1e6:.1f} MB"
    )
    print("[]")


def load_store(store: Store) -> TermIndex:
    if hasattr(store, "load_parts"):
        stored, _ = store.load_parts()
        return TermIndex.load(*stored)
    return TermIndex.load(store.load()[0])  # (a version before 2026-12-07)


def measure(folder: Path, count: int, rounds: int) -> None:
    store = Store(folder, "terms", "bench")
    loads, floors = [], []
    for _ in range(rounds):
        with Timer() as timer:
            store.path.read_bytes()
        floors.append(timer.took)
        with Timer() as timer:
            loaded = load_store(store)
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
    print(json.dumps([loads, floors, queries, ranks, queries[:1]]))


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


def pages() -> list[tuple[str, str, str]]:
    """(title, summary, body) of the real pages in tests/: a page's front matter split off by its --- lines."""
    found = []
    for path in sorted([*(REPO / "tests" / "sites").rglob("*.md"), *(REPO / "tests" / "relevance").rglob("*.md")]):
        text = path.read_text(encoding="utf-8", errors="replace")
        parts = text.split("---", 2)
        front, body = (parts[1], parts[2]) if text.startswith("---") and len(parts) == 3 else ("", text)
        title = next((line.split(":", 1)[1].strip() for line in front.splitlines() if line.startswith("title:")), "")
        found.append((title, "", body))
    return found


def sign(language: str, rounds: int) -> None:
    from nieuwsbrief import words

    texts = pages()
    took = []
    for _ in range(rounds):
        words.analyzer.cache_clear()
        analyzer = words.analyzer(language)
        started = time.process_time()
        made = [words.signature(analyzer.counts(*text)) for text in texts]
        took.append((time.process_time() - started) / len(texts) * 1e6)
    print(f"{len(texts)} pages, signatures {hashlib.sha256(repr(made).encode()).hexdigest()[:16]}")
    print(json.dumps(took))


def bench_signatures(language: str, before: Path | None, turns: int, rounds: int) -> None:
    versions = {"after": REPO / "src", **({"before": before} if before is not None else {})}
    took: dict[str, list[float]] = {name: [] for name in versions}
    said: dict[str, str] = {}
    for _ in range(turns):
        for name, source in versions.items():
            command = [sys.executable, __file__, "sign", "--src", str(source), "--language", language, "--rounds", str(rounds)]
            done = subprocess.run(command, capture_output=True, text=True, check=True)
            said[name], last = done.stdout.splitlines()
            took[name].extend(json.loads(last))
    for name, figures in took.items():
        print(f"{name}: {statistics.median(figures):.0f} µs of CPU per page ({said[name]})")
    if before is not None:
        print(f"after / before: {statistics.median(took['after']) / statistics.median(took['before']):.3f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    index = commands.add_parser("index")
    index.add_argument("--articles", type=int, default=100_000)
    index.add_argument("--rounds", type=int, default=3, help="loads and queries per process")
    index.add_argument("--turns", type=int, default=5, help="processes per version, in turns")
    index.add_argument("--before", type=Path, help="the src/ folder of the version to compare with")
    for name in ("build", "measure"):  # (one version's part of `index`, in its own process)
        part = commands.add_parser(name)
        part.add_argument("--src", type=Path, required=True)
        part.add_argument("--folder", type=Path, required=True)
        part.add_argument("--articles", type=int, required=True)
        part.add_argument("--rounds", type=int, required=True)
    signing = commands.add_parser("signatures")
    signing.add_argument("--language", default="en")
    signing.add_argument("--before", type=Path, help="the src/ folder of the version to compare with")
    signing.add_argument("--turns", type=int, default=5)
    signing.add_argument("--rounds", type=int, default=3)
    signed = commands.add_parser("sign")  # (one version's part of `signatures`, in its own process)
    signed.add_argument("--src", type=Path, required=True)
    signed.add_argument("--language", required=True)
    signed.add_argument("--rounds", type=int, required=True)
    compose = commands.add_parser("compose")
    compose.add_argument("project", type=Path)
    compose.add_argument("--before", type=Path, required=True, help="the src/ folder of the version to compare with")
    compose.add_argument("--rounds", type=int, default=7)
    options = parser.parse_args()
    if options.command == "index":
        bench_index(options.articles, options.rounds, options.before, options.turns)
    elif options.command == "build":
        build_store(options.folder, options.articles)
    elif options.command == "measure":
        measure(options.folder, options.articles, options.rounds)
    elif options.command == "signatures":
        bench_signatures(options.language, options.before, options.turns, options.rounds)
    elif options.command == "sign":
        sign(options.language, options.rounds)
    else:
        bench_compose(options.project, options.before, options.rounds)


if __name__ == "__main__":
    main()
