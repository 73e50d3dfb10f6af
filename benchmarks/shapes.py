"""Our own layout against a Hugo-shaped site of the same size, in one process, on a noisy machine (issue 11).

    python benchmarks/shapes.py --size 10000 --rounds 7

bench.py times whole `compose` runs, one shape per run; on a shared machine whose speed changes by half from
one minute to the next, two such runs are hard to compare. This script scans both projects (made by
synthetic.py, kept in --workdir like bench.py's) in turns, many times, next to the floor's own two passes
(../shared/bench/floor.py: stat every file; parse every YAML front-matter block with the C loader), and keeps
each measurement's minimum: the run the machine disturbed least. The ratios are what to read.

  cold   scan_content without the cache: serially, and in worker processes as compose does
  warm   scan_content with the cache, nothing changed
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import bench

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from nieuwsbrief import content  # noqa: E402
from nieuwsbrief.config import load_settings  # noqa: E402


def floor_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("floor", bench.FLOOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--workdir", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "nieuwsbrief-bench")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    floor = floor_module()
    roots = {}
    for shape in ("ours", "hugo"):
        bench.SHAPE = shape
        roots[shape] = (bench.project(args.workdir, args.size), bench.content_folder(bench.project(args.workdir, args.size)))
    best: dict[str, float] = {}

    def run(name: str, work: Callable[[], object]) -> None:
        started = time.perf_counter()
        work()
        best[name] = min(best.get(name, float("inf")), time.perf_counter() - started)

    settings = {shape: load_settings(root) for shape, (root, _) in roots.items()}
    for shape in roots:
        content.scan_content(settings[shape])  # the cache, for the warm scans
    for _ in range(args.rounds):
        for shape, (_, folder) in roots.items():
            run(f"floor frontmatter {shape}", lambda folder=folder: floor.parse_all(str(folder)))
            run(f"floor stat_all {shape}", lambda folder=folder: floor.stat_all(str(folder)))
            run(
                f"cold serial {shape}",
                lambda shape=shape: content.scan_content(settings[shape], use_cache=False, parallel_from=10**9),
            )
            run(f"cold workers {shape}", lambda shape=shape: content.scan_content(settings[shape], use_cache=False))
            run(f"warm {shape}", lambda shape=shape: content.scan_content(settings[shape]))
    print(f"{args.size:,} pieces, the minimum of {args.rounds} rounds")
    print()
    print("| | our layout | Hugo-shaped site | Hugo ÷ ours |")
    print("| --- | ---: | ---: | ---: |")
    for name in ("floor stat_all", "floor frontmatter", "cold serial", "cold workers", "warm"):
        ours, hugo = best[f"{name} ours"], best[f"{name} hugo"]
        print(f"| {name} | {ours:.3f} s | {hugo:.3f} s | {hugo / ours:.2f}× |")
    for shape in roots:
        print(
            f"\n{shape}: cold serial {best[f'cold serial {shape}'] / best[f'floor frontmatter {shape}']:.2f}× and cold with workers "
            f"{best[f'cold workers {shape}'] / best[f'floor frontmatter {shape}']:.2f}× the frontmatter floor; warm "
            f"{best[f'warm {shape}'] / best[f'floor stat_all {shape}']:.1f}× the stat_all floor, "
            f"{1e6 * best[f'warm {shape}'] / args.size:.1f} µs per piece"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
