"""How fast the live proof follows an edit: from saving a file to the new proof sheet, on a big archive (issue 13).

    python benchmarks/live_proof.py                         # 10,000 articles, 20 edits of each kind
    python benchmarks/live_proof.py --sizes 1000,10000,100000
    python benchmarks/live_proof.py --before ../old/src     # also time an older version's re-render
    python benchmarks/live_proof.py --results benchmarks/RESULTS.md   # record the run there

Not part of the test suite. For each size it copies the synthetic project (benchmarks/synthetic.py, kept in
--workdir like bench.py's), composes the week, starts `nieuwsbrief preview --serve` as a person would, and listens
to its server-sent events like the browser. Each round saves one file and measures, on the wall clock:

  event     from the file's close to the server-sent event that announces the new sheet (the watcher noticed,
            the index read the file again, the issue was rendered and linted, the sheet published)
  page      from the file's close to the new sheet fetched and checked to hold the edit (what the browser shows)
  render    the server's own time for the re-render, as it reports on stderr

for three kinds of edit: a sentence added at the end of the lead column (its metadata unchanged: the usual edit
while writing), its title changed in the front matter (its metadata changes, so the content is built again from
the held entries), and an article the issue does not feature. With --before SRC it also times SRC's live-proof function, which rescanned
the project for every render (the browser found it by polling once a second on top of that).
Target: the edited column visible within 100 ms at 10,000 articles.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from bench import DATE, child_environment, machine, nieuwsbrief, project, publish

KINDS = ("lead, end of the text", "lead, its title", "an article not featured")


@dataclass
class Timings:
    event: list[float] = field(default_factory=list)
    page: list[float] = field(default_factory=list)
    render: list[float] = field(default_factory=list)


class LiveProof:
    """`nieuwsbrief preview --serve` in a child process, and a listener on its event stream."""

    def __init__(self, root: Path) -> None:
        command = [*nieuwsbrief(), "--project", str(root), "preview", "--serve", "--no-open", "--port", "0"]
        self.process = subprocess.Popen(command, env=child_environment(), stderr=subprocess.PIPE, text=True)
        assert self.process.stderr is not None
        self.renders: list[float] = []
        first = self.process.stderr.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", first)
        if not found:
            raise SystemExit(f"the live proof did not start: {first}{self.process.stderr.read()}")
        self.port = int(found.group(1))
        threading.Thread(target=self._read_stderr, daemon=True).start()
        self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        self.connection.request("GET", "/events")
        self.events = self.connection.getresponse()
        self.version = self.next_version()

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            found = re.match(r"re-rendered in (\d+) ms", line)
            if found:
                self.renders.append(int(found.group(1)) / 1000)

    def next_version(self) -> int:
        name = ""
        while True:
            line = self.events.readline().decode("utf-8").rstrip("\n")
            if line.startswith("event: "):
                name = line.removeprefix("event: ")
            elif line.startswith("data: ") and name == "version":
                return int(line.removeprefix("data: "))

    def page(self) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=30) as response:
            return str(response.read().decode("utf-8"))

    def stop(self) -> None:
        self.connection.close()
        self.process.terminate()
        self.process.wait(timeout=30)


def edit(path: Path, kind: str, original: str, round_: int) -> str:
    """Save an edit of ``kind`` to ``path``; the marker it added, which the sheet must show."""
    marker = f"Bewerking {round_} van de redactie"
    if kind == KINDS[1]:
        text = re.sub(r'^title: "(.*)"$', rf'title: "\1 – {marker}"', original, count=1, flags=re.MULTILINE)
        assert text != original, f"no quoted title in {path}"
    else:
        text = f"{original.rstrip()}\n\n{marker}.\n"
    with path.open("w", encoding="utf-8") as stream:
        stream.write(text)
    return marker


def measure(root: Path, rounds: int) -> dict[str, Timings]:
    manifest = json.loads((root / "issues" / DATE_ID / "manifest.json").read_text(encoding="utf-8"))
    lead = root / manifest["lead"]["path"]
    featured = {manifest["lead"]["slug"], *(piece["slug"] for piece in manifest["related"])}
    other = next(p for p in sorted((root / "content" / "articles").rglob("*.md")) if p.stem not in featured)
    proof = LiveProof(root)
    results = {kind: Timings() for kind in KINDS}
    try:
        for round_ in range(rounds):
            for kind in KINDS:
                path = other if kind == KINDS[2] else lead
                original = path.read_text(encoding="utf-8")
                renders = len(proof.renders)
                marker = edit(path, kind, original, round_)
                saved = time.perf_counter()
                proof.version = proof.next_version()
                announced = time.perf_counter()
                page = proof.page()
                shown = time.perf_counter()
                if kind != KINDS[2] and marker not in page:
                    raise SystemExit(f"version {proof.version} does not show the edit of {path}")
                timing = results[kind]
                timing.event.append(announced - saved)
                timing.page.append(shown - saved)
                while len(proof.renders) == renders:
                    time.sleep(0.001)
                timing.render.append(proof.renders[-1])
                path.write_text(original, encoding="utf-8")
                proof.version = proof.next_version()
                time.sleep(0.2)  # as between two saves of a person
    finally:
        proof.stop()
    return results


def before(source: Path, root: Path, rounds: int) -> float:
    """The median time of an older version's live-proof render (pipeline.live_proof) on the same project."""
    program = (
        "import statistics, sys, time; from pathlib import Path; from nieuwsbrief import pipeline\n"
        "root = Path(sys.argv[1]); pipeline.live_proof(root); runs = []\n"
        "for _ in range(int(sys.argv[2])):\n"
        "    started = time.perf_counter(); pipeline.live_proof(root); runs.append(time.perf_counter() - started)\n"
        "print(statistics.median(runs))\n"
    )
    environment = {**child_environment(), "PYTHONPATH": str(source)}
    done = subprocess.run(
        [sys.executable, "-c", program, str(root), str(rounds)], env=environment, check=True, capture_output=True, text=True
    )
    return float(done.stdout.strip())


def ms(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    return f"{1000 * statistics.median(ordered):.0f} / {1000 * p90:.0f} / {1000 * ordered[-1]:.0f} ms"


def report(rows: list[tuple[int, dict[str, Timings], float | None]]) -> str:
    lines = [
        "| articles | edit | save → event (median / p90 / max) | save → page fetched | server's re-render | before: a re-render |",
        "| ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for size, results, old in rows:
        for kind, timing in results.items():
            was = f"{1000 * old:.0f} ms" if old is not None and kind == KINDS[0] else ""
            lines.append(f"| {size:,} | {kind} | {ms(timing.event)} | {ms(timing.page)} | {ms(timing.render)} | {was} |")
    return "\n".join(lines)


DATE_ID = "{}-W{:02d}".format(*dt.date.fromisoformat(DATE).isocalendar()[:2])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--workdir", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "nieuwsbrief-bench")
    parser.add_argument("--before", type=Path, help="an older version's src/ folder, to time its live-proof render")
    parser.add_argument("--results", type=Path, help="append this run, with date and machine, to this Markdown file")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    rows = []
    started = dt.datetime.now(dt.UTC)
    for size in (int(size) for size in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(dir=args.workdir) as scratch:
            root = Path(scratch) / "site"
            shutil.copytree(project(args.workdir, size), root)
            subprocess.run([*nieuwsbrief(), "--project", str(root), "compose", "--date", DATE, "--quiet"], check=True)
            old = before(args.before, root, 5) if args.before else None
            rows.append((size, measure(root, args.rounds), old))
    header = f"Run of {started:%Y-%m-%d %H:%M} UTC on {machine()}; {args.rounds} edits of each kind"
    text = report(rows)
    publish(header, text, args.results, f"Live proof, {started:%Y-%m-%d %H:%M} UTC")
    return 0


if __name__ == "__main__":
    sys.exit(main())
