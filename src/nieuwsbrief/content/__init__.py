"""The content folder -> validated Articles and Authors, every problem with its real file line.

One module per job, in the order a scan uses them:

  walk.py         list the Markdown files of content/authors, articles and columns, cheaply
  cache.py        the metadata cache in .nieuwsbrief/cache: what earlier runs learned, by file and stamp
  workers.py      spread a cold parse over worker processes, results in input order
  text.py         a file read once, and the located records: Field, Document
  formats.py      its front matter split by format: YAML (yamlblock.py, the only user of PyYAML), TOML, JSON
  fields.py       per-field validation, each problem at its line
  records.py      what one file yields (its entry, as the cache stores it) and the Article/Author of it
  checks.py       the checks across files: unknown authors, duplicate slugs, unknown related slugs
  index.py        scan_content: the above in order, giving a Scan (metadata, warnings, stats)
  bodies.py       complete: the whole body, word count and reading time of the picked pieces
  sites/          a Hugo, Jekyll, Eleventy or Astro site's folder read as it is, when [content] says so

Read index.py first.
"""

from .bodies import bio_line, complete, load_content, reading_time
from .index import Scan, ScanStats, scan_content
from .walk import AUTHORS_FOLDER, CONTENT_DIR, KIND_FOLDERS
from .workers import Progress

__all__ = [
    "AUTHORS_FOLDER",
    "CONTENT_DIR",
    "KIND_FOLDERS",
    "Progress",
    "Scan",
    "ScanStats",
    "bio_line",
    "complete",
    "load_content",
    "reading_time",
    "scan_content",
]
