"""How fast `nieuwsbrief compose` is on big archives, next to the floor of this machine (issue 7).

    python benchmarks/bench.py                      # 1,000, 10,000 and 100,000 articles
    python benchmarks/bench.py --sizes 1000,10000   # quicker
    python benchmarks/bench.py --results benchmarks/RESULTS.md   # also record the run there
    python benchmarks/bench.py --shape hugo --sizes 10000      # a Hugo site read with [content] (issue 11)
    python benchmarks/bench.py --render --before ../old          # the sample's compose, beside an older tree (issue 21)

Not part of the test suite. It generates deterministic synthetic projects (benchmarks/synthetic.py;
kept in --workdir and reused while the generator is unchanged) plus a 10-article one whose compose
time is T0, the fixed cost. For every size it measures, each as the median of --repeat runs:

  floor      ../shared/bench/floor.py on the same content folder, in the same run, in turns with the cold
             runs: stat_all_s (walk and stat every file), frontmatter_s (read every front-matter block
             and parse it with the C YAML loader)
  cold       compose --no-cache: every file read and parsed
  first      compose with an empty cache: the same, plus writing the cache
  warm       compose with the cache, nothing changed
  one edit   compose with the cache after one article was edited
  memory     peak of the summed PSS of compose and its worker processes (sampled every 50 ms), and the
             largest single process's maximum RSS, for the cold and the warm run
  CPU        user + system time of compose and the workers it waited for, cold and warm, over T0's:
             steadier than wall time when others share the machine, so compare ratios of it across runs

and `nieuwsbrief --help`. Targets: T_cold - T0 <= 1.0 x frontmatter_s at 10,000 and 100,000;
T_warm - T0 <= 10 us per article; T0 <= 0.5 s; --help <= 150 ms; peak memory <= 300 MB at 100,000.
The children run without PYTHONDONTWRITEBYTECODE, as an installed package would (bytecode cached).

With --render it measures what a render costs instead (issue 21), each as the median of --repeat runs taken in turns
with the same figure of the --before tree (a worktree of an older commit, run with the same interpreter), so that
both see the same machine, in wall time and CPU time: `compose` of the sample project (the repository's
nieuwsbrief.toml and content/) warm (its caches filled by an earlier run) and cold (--no-cache), and of the
10-article project cold (T0) and warm.
Targets: warm compose of the sample <= 250 ms, T0 <= 0.35 s. The commit before issue 21 is the usual --before.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import synthetic

REPO = Path(__file__).resolve().parents[1]
FLOOR = REPO.parent / "shared" / "bench" / "floor.py"
DATE = synthetic.ISSUE_DATE.isoformat()
T0_SIZE = 10
MB = 1024 * 1024


@dataclass
class Run:
    seconds: float
    pss_mb: float  # peak of the summed PSS of the process and its children
    rss_mb: float  # the largest single process's maximum RSS
    cpu_s: float  # user + system time of the process and the workers it waited for: steadier than wall time on a busy machine


@dataclass
class Row:
    size: int
    floor: dict[str, float] = field(default_factory=dict)
    cold: list[Run] = field(default_factory=list)
    first: list[Run] = field(default_factory=list)
    warm: list[Run] = field(default_factory=list)
    edit: list[Run] = field(default_factory=list)


def median(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.seconds for r in runs),
        max(r.pss_mb for r in runs),
        max(r.rss_mb for r in runs),
        statistics.median(r.cpu_s for r in runs),
    )


def child_environment(tree: Path = REPO) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(tree / "src")
    return env


def nieuwsbrief() -> list[str]:
    return [sys.executable, "-m", "nieuwsbrief"]


def _descendants(pid: int) -> list[int]:
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as stream:
                    stack.extend(int(child) for child in stream.read().split())
        except OSError:
            pass
    return found


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as stream:
            for line in stream:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(command: list[str], tree: Path = REPO) -> Run:
    """Wall time of the command (run with ``tree``'s code), and its memory: PSS of the whole process tree, sampled."""
    peak = 0
    started = time.perf_counter()
    process = subprocess.Popen(command, env=child_environment(tree), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, sum(_pss_kb(pid) for pid in _descendants(process.pid)))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{stderr}")
    return Run(seconds, peak / 1024, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


SHAPE = "ours"  # or "hugo": a Hugo site in <project>/site, read through [content] (set by --shape)


def content_folder(root: Path) -> Path:
    """The folder the floor reads: content/, or the Hugo site's content/."""
    return root / "site" / "content" if SHAPE == "hugo" else root / "content"


def project(workdir: Path, size: int) -> Path:
    """The synthetic project of ``size`` articles, generated unless an identical one is there."""
    root = workdir / f"{'hugo' if SHAPE == 'hugo' else 'site'}-{size}"
    marker = root / ".generated"
    if marker.exists() and marker.read_text() == str(synthetic.GENERATOR_VERSION):
        return root
    shutil.rmtree(root, ignore_errors=True)
    print(f"generating {size:,} articles in {root} ...", file=sys.stderr)
    (synthetic.generate_hugo if SHAPE == "hugo" else synthetic.generate)(root, size)
    marker.write_text(str(synthetic.GENERATOR_VERSION))
    os.sync()  # no write-back of the new files during the measurements
    return root


def compose(root: Path, *extra: str) -> list[str]:
    return [*nieuwsbrief(), "--project", str(root), "compose", "--date", DATE, "--quiet", *extra]


def edited(root: Path) -> Path:
    pieces = content_folder(root) / ("posts" if SHAPE == "hugo" else "articles")
    return min(path for path in pieces.rglob("*.md") if path.name != "_index.md")


def edit_one(article: Path, original: str, round_: int) -> None:
    """Change one article a little, as an editor would between two runs."""
    write_old(article, f"{original}<!-- bewerkt {round_} -->\n")


def write_old(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    old = time.time() - 60  # older than the cache's "too recent to trust" window
    os.utime(path, (old, old))


def bench_size(workdir: Path, size: int, repeat: int) -> Row:
    root = project(workdir, size)
    row = Row(size)
    floor(root)  # a first pass brings the files into the page cache, for the floor and for compose alike
    floors = []
    for _ in range(repeat):  # the floor and the cold run in turns, so that both see the same machine
        floors.append(floor(root))
        row.cold.append(measure(compose(root, "--no-cache")))
    row.floor = {key: statistics.median(f[key] for f in floors) for key in ("stat_all_s", "frontmatter_s")}
    for _ in range(repeat):
        shutil.rmtree(root / ".nieuwsbrief" / "cache", ignore_errors=True)
        row.first.append(measure(compose(root)))
    measure(compose(root))  # the word counts of the picks go into the cache too
    for _ in range(repeat):
        row.warm.append(measure(compose(root)))
    article = edited(root)
    original = article.read_text(encoding="utf-8")
    try:
        for round_ in range(repeat):
            edit_one(article, original, round_)
            row.edit.append(measure(compose(root)))
    finally:
        write_old(article, original)  # the project stays as generated
    return row


def floor(root: Path) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, str(FLOOR), str(content_folder(root)), "--json", "--repeat", "1"],
        check=True,
        capture_output=True,
        text=True,
    )
    data: dict[str, float] = json.loads(result.stdout)
    return data


def help_time(repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run([*nieuwsbrief(), "--help"], env=child_environment(), check=True, capture_output=True)
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def machine() -> str:
    model = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo") as stream:
            model = next(line.split(":", 1)[1].strip() for line in stream if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    import yaml

    libyaml = "with libyaml" if getattr(yaml, "__with_libyaml__", False) else "WITHOUT libyaml"
    return (
        f"{model}, {len(os.sched_getaffinity(0))} cores usable, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, PyYAML {yaml.__version__} {libyaml}"
    )


def report(rows: list[Row], t0: Row, help_s: float) -> str:
    t0_cold, t0_warm = median(t0.cold).seconds, median(t0.warm).seconds
    t0_cold_cpu, t0_warm_cpu = median(t0.cold).cpu_s, median(t0.warm).cpu_s
    lines = [
        f"T0 (10 articles): cold {t0_cold:.3f} s, warm {t0_warm:.3f} s; `nieuwsbrief --help`: {1000 * help_s:.0f} ms",
        "",
        "| articles | floor stat_all | floor frontmatter | cold | cold − T0 | ÷ frontmatter | per article | first run (writes cache) "
        "| warm | warm − T0 | per article | one file edited | peak PSS cold / warm | largest RSS cold / warm "
        "| CPU cold − T0 | CPU warm − T0 per article |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        cold, first, warm, edit = median(row.cold), median(row.first), median(row.warm), median(row.edit)
        cold_extra, warm_extra = cold.seconds - t0_cold, warm.seconds - t0_warm
        lines.append(
            f"| {row.size:,} | {row.floor['stat_all_s']:.3f} s | {row.floor['frontmatter_s']:.3f} s | {cold.seconds:.3f} s "
            f"| {cold_extra:.3f} s | {cold_extra / row.floor['frontmatter_s']:.2f}× | {1e6 * cold_extra / row.size:.1f} µs "
            f"| {first.seconds:.3f} s | {warm.seconds:.3f} s | {warm_extra:.3f} s | {1e6 * warm_extra / row.size:.1f} µs "
            f"| {edit.seconds:.3f} s | {cold.pss_mb:.0f} / {warm.pss_mb:.0f} MB | {cold.rss_mb:.0f} / {warm.rss_mb:.0f} MB "
            f"| {cold.cpu_s - t0_cold_cpu:.3f} s | {1e6 * (warm.cpu_s - t0_warm_cpu) / row.size:.1f} µs |"
        )
    return "\n".join(lines)


SAMPLE_DATE = "2026-11-23"  # the sample's first issue, as tests/test_golden.py composes it


def render_bench(workdir: Path, repeat: int, before: Path | None) -> str:
    """The sample's compose warm and cold, and T0 cold: this tree beside ``before``, in turns (see the docstring)."""
    trees = {"after": REPO} | ({"before": before.resolve()} if before else {})
    t0_source = project(workdir, T0_SIZE)
    figures: dict[str, dict[str, list[Run]]] = {"sample warm": {}, "sample cold": {}, "T0 cold": {}, "T0 warm": {}}
    commands = {}
    for name, tree in trees.items():
        sample = workdir / f"sample-{name}"
        shutil.rmtree(sample, ignore_errors=True)
        sample.mkdir()
        shutil.copy(REPO / "nieuwsbrief.toml", sample / "nieuwsbrief.toml")
        shutil.copytree(REPO / "content", sample / "content")
        t0 = workdir / f"t0-{name}"
        shutil.rmtree(t0, ignore_errors=True)
        shutil.copytree(t0_source, t0)
        sample_compose = [*nieuwsbrief(), "--project", str(sample), "compose", "--date", SAMPLE_DATE, "--quiet"]
        commands[name] = {
            "sample warm": sample_compose,
            "sample cold": [*sample_compose, "--no-cache"],
            "T0 cold": compose(t0, "--no-cache"),
            "T0 warm": compose(t0),
        }
        for command in commands[name].values():  # bytecode, and the caches a warm run finds
            measure(command, tree)
        measure(sample_compose, tree)
    for _ in range(repeat):
        for figure, runs in figures.items():
            for name, tree in trees.items():
                runs.setdefault(name, []).append(measure(commands[name][figure], tree))
    return render_report(figures, bool(before))


def render_report(figures: dict[str, dict[str, list[Run]]], paired: bool) -> str:
    """Wall time and CPU time (user + system, steadier on a shared machine), each the median of its runs."""
    targets = {"sample warm": "≤ 0.250 s", "sample cold": "", "T0 cold": "≤ 0.350 s", "T0 warm": ""}
    names = {
        "sample warm": "`compose` of the sample, warm",
        "sample cold": "`compose --no-cache` of the sample",
        "T0 cold": "T0: `compose --no-cache` of 10 articles",
        "T0 warm": "`compose` of the 10 articles, warm",
    }
    if paired:
        head = "| figure | before | after | after ÷ before | CPU before | CPU after | CPU after ÷ before | target |"
    else:
        head = "| figure | after | CPU after | target |"
    lines = [head, "| --- |" + " ---: |" * (head.count("|") - 3) + " --- |"]
    for figure, runs in figures.items():
        after = median(runs["after"])
        cells = f"{after.seconds:.3f} s | {after.cpu_s:.3f} s"
        if paired:
            earlier = median(runs["before"])
            cells = (
                f"{earlier.seconds:.3f} s | {after.seconds:.3f} s | {after.seconds / earlier.seconds:.2f}× "
                f"| {earlier.cpu_s:.3f} s | {after.cpu_s:.3f} s | {after.cpu_s / earlier.cpu_s:.2f}×"
            )
        lines.append(f"| {names[figure]} | {cells} | {targets[figure]} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "nieuwsbrief-bench")
    parser.add_argument("--results", type=Path, help="append this run, with date and machine, to this Markdown file")
    parser.add_argument("--shape", choices=("ours", "hugo"), default="ours", help="our own layout, or a Hugo site")
    parser.add_argument("--render", action="store_true", help="measure the sample's compose and T0 instead (issue 21)")
    parser.add_argument("--before", type=Path, help="with --render: an older tree (a worktree) to measure in turns")
    args = parser.parse_args()
    global SHAPE
    SHAPE = args.shape
    if not FLOOR.exists():
        raise SystemExit(f"the floor script is missing: {FLOOR}")
    args.workdir.mkdir(parents=True, exist_ok=True)
    if args.render:
        started = dt.datetime.now(dt.UTC)
        text = render_bench(args.workdir, max(args.repeat, 5), args.before)
        header = f"Run of {started:%Y-%m-%d %H:%M} UTC on {machine()}; medians of {max(args.repeat, 5)} runs, in turns"
        publish(header, text, args.results, f"{started:%Y-%m-%d %H:%M} UTC (render)")
        return 0
    sizes = [int(size) for size in args.sizes.split(",")]
    for size in [T0_SIZE, *sizes]:
        project(args.workdir, size)
    subprocess.run([*nieuwsbrief(), "--help"], env=child_environment(), check=True, capture_output=True)  # bytecode
    started = dt.datetime.now(dt.UTC)
    t0 = bench_size(args.workdir, T0_SIZE, max(args.repeat, 5))
    rows = [bench_size(args.workdir, size, args.repeat if size > 10_000 else max(args.repeat, 5)) for size in sizes]
    text = report(rows, t0, help_time(max(2 * args.repeat, 10)))
    shape = ", a Hugo-shaped site read through [content]" if SHAPE == "hugo" else ""
    header = f"Run of {started:%Y-%m-%d %H:%M} UTC on {machine()}{shape}; medians of {args.repeat} runs (5 up to 10,000 articles)"
    publish(header, text, args.results, f"{started:%Y-%m-%d %H:%M} UTC")
    return 0


def publish(header: str, text: str, results: Path | None, title: str) -> None:
    """Print a run, and append it under ``title`` to the results file when one is given."""
    print(header)
    print()
    print(text)
    if results:
        with results.open("a", encoding="utf-8") as stream:
            stream.write(f"\n### {title}\n\n{header}.\n\n{text}\n")


if __name__ == "__main__":
    sys.exit(main())
