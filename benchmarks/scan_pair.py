"""Issue 17's scan benchmark: our layout beside a Hugo-shaped site, an older tree beside this one, in turns.

Each measurement is ``scan_content`` in a fresh process (one per tree, project and round): cold with
``use_cache=False`` (worker processes, as compose runs it), warm with an unchanged cache (one scan to make the
cache current, then the median of 5). The figure is CPU time of the process and its workers (getrusage, SELF and
CHILDREN), the only measure that holds up on a shared machine. The trees run in turns within each round, each on
its own copy of the projects (its own cache); the report gives medians over the rounds and the ratios.

    git worktree add /tmp/wt17 <older commit>
    python benchmarks/scan_pair.py --before /tmp/wt17 --rounds 7 [--modes warm,cold] [--workdir /tmp/scan-pair]

The projects are bench.py's ``project()`` at 10,000 pieces (``--size``), generated once in the work folder and
copied for each tree. Every tree runs with this interpreter and PYTHONPATH=<tree>/src.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHAPES = ("ours", "hugo")


def cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def one(project: Path, mode: str) -> dict[str, float]:
    """In a child process: the scan's CPU and wall time (seconds), for ``mode`` "warm" or "cold"."""
    from nieuwsbrief.config.load import load_settings
    from nieuwsbrief.content.scan import scan_content

    settings = load_settings(project)
    if mode == "cold":
        before = cpu(resource.RUSAGE_SELF) + cpu(resource.RUSAGE_CHILDREN)
        wall = time.perf_counter()
        scan_content(settings, use_cache=False)
        wall = time.perf_counter() - wall
        return {"cpu": cpu(resource.RUSAGE_SELF) + cpu(resource.RUSAGE_CHILDREN) - before, "wall": wall}
    scan_content(settings)  # the cache made current (cheap when it already is)
    cpus, walls = [], []
    for _ in range(5):
        before = cpu(resource.RUSAGE_SELF) + cpu(resource.RUSAGE_CHILDREN)
        wall = time.perf_counter()
        scan_content(settings)
        walls.append(time.perf_counter() - wall)
        cpus.append(cpu(resource.RUSAGE_SELF) + cpu(resource.RUSAGE_CHILDREN) - before)
    return {"cpu": statistics.median(cpus), "wall": statistics.median(walls)}


def projects(workdir: Path, size: int) -> dict[str, Path]:
    sys.path.insert(0, str(HERE))
    import bench

    made = {}
    for shape in SHAPES:
        bench.SHAPE = shape
        made[shape] = bench.project(workdir / "base", size)
    return made


def copy(source: Path, target: Path) -> Path:
    if not target.exists():
        shutil.copytree(source, target, symlinks=True)
    return target


def measure(tree: Path, project: Path, mode: str) -> dict[str, float]:
    environment = {**os.environ, "PYTHONPATH": str(tree / "src")}
    command = [sys.executable, __file__, "--one", str(project), mode]
    done = subprocess.run(command, env=environment, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, required=False, help="the older tree (a git worktree)")
    parser.add_argument("--after", type=Path, default=HERE.parent, help="the newer tree (this one)")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--modes", default="warm,cold")
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--workdir", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "scan-pair")
    parser.add_argument("--one", nargs=2, metavar=("PROJECT", "MODE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(Path(args.one[0]), args.one[1])))
        return 0
    if args.before is None:
        parser.error("--before is required")
    base = projects(args.workdir, args.size)
    trees = {"before": args.before.resolve(), "after": args.after.resolve()}
    copies = {(t, s): copy(base[s], args.workdir / f"{t}-{base[s].name}") for t in trees for s in SHAPES}
    figures: dict[tuple[str, str, str], list[float]] = {}
    for round_ in range(args.rounds):
        for mode in args.modes.split(","):
            for shape in SHAPES:
                for name, tree in trees.items() if round_ % 2 == 0 else reversed(trees.items()):
                    result = measure(tree, copies[name, shape], mode)
                    figures.setdefault((mode, name, shape), []).append(result["cpu"])
                    print(
                        f"round {round_ + 1} {mode:4} {name:6} {shape:4} cpu {result['cpu']:.4f} s wall {result['wall']:.4f} s",
                        file=sys.stderr,
                        flush=True,
                    )
    print(f"\nCPU medians over {args.rounds} rounds (seconds)")
    print(
        "| scan | before: ours / Hugo | Hugo ÷ ours | after: ours / Hugo | Hugo ÷ ours | ours after ÷ before | Hugo after ÷ before |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for mode in args.modes.split(","):
        m = {(n, s): statistics.median(figures[mode, n, s]) for n in trees for s in SHAPES}
        print(
            f"| {mode} | {m['before', 'ours']:.4f} / {m['before', 'hugo']:.4f} | {m['before', 'hugo'] / m['before', 'ours']:.3f}× "
            f"| {m['after', 'ours']:.4f} / {m['after', 'hugo']:.4f} | {m['after', 'hugo'] / m['after', 'ours']:.3f}× "
            f"| {m['after', 'ours'] / m['before', 'ours']:.3f}× | {m['after', 'hugo'] / m['before', 'hugo']:.3f}× |"
        )
    print("\nMedians of the ratios within each round (steadier on a busy machine: the two figures of a ratio ran minutes apart")
    print("at most, never a whole run apart)")
    print("| scan | before: Hugo ÷ ours | after: Hugo ÷ ours | ours after ÷ before | Hugo after ÷ before |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for mode in args.modes.split(","):
        f = {(n, s): figures[mode, n, s] for n in trees for s in SHAPES}
        ratios = [
            _median_ratio(f[a], f[b])
            for a, b in (
                (("before", "hugo"), ("before", "ours")),
                (("after", "hugo"), ("after", "ours")),
                (("after", "ours"), ("before", "ours")),
                (("after", "hugo"), ("before", "hugo")),
            )
        ]
        print(f"| {mode} | " + " | ".join(f"{ratio:.3f}×" for ratio in ratios) + " |")
    return 0


def _median_ratio(numerators: list[float], denominators: list[float]) -> float:
    return statistics.median(top / bottom for top, bottom in zip(numerators, denominators, strict=True))


if __name__ == "__main__":
    sys.exit(main())
