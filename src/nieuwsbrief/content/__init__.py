"""The content -> validated Articles and Authors, every problem with its real file line.

One reader for every generator: our own layout (content/columns, articles and authors) is a generator beside Hugo,
Jekyll, Eleventy and Astro (generators/), all read through the same modules, in the order a scan uses them:

  generators/     the conventions of each generator, one base class and one registry
  walk.py         list the files the generator wants, cheaply
  cache.py        the metadata cache in .nieuwsbrief/cache: what earlier runs learned, by file and stamp
  workers.py      spread a cold parse over worker processes, results in input order
  read.py         one file -> its entry, through its generator; a piece read again in full; a located document
  text.py         a file read once, and the located records: Field, Document
  formats.py      its front matter split by format: YAML (yamlblock.py, the only user of PyYAML), TOML, JSON
  fields.py       per-field validation, each problem at its line
  records.py      what an entry keeps of an author or an article, and the Author or Article of it
  checks.py       the checks across files: unknown authors, duplicate slugs, unknown related slugs, ...
  scan.py         scan_content: the above in order, giving a Scan (metadata, warnings, stats, and the term index of
                  the pieces' signatures: nieuwsbrief/words.py, nieuwsbrief/terms.py)
  live.py         the same entries held in memory for the live proof
  bodies.py       complete: the whole body, word count and reading time of the picked pieces

Read scan.py first.
"""

from .bodies import bio_line, complete, load_content, reading_time
from .generators.own import AUTHORS_FOLDER, CONTENT_DIR, KIND_FOLDERS
from .scan import Scan, ScanStats, Terms, scan_content
from .workers import Progress

__all__ = [
    "AUTHORS_FOLDER",
    "CONTENT_DIR",
    "KIND_FOLDERS",
    "Progress",
    "Scan",
    "ScanStats",
    "Terms",
    "bio_line",
    "complete",
    "load_content",
    "reading_time",
    "scan_content",
]
