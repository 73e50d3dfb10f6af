"""The walk: every file a generator wants from its folder, tagged with what it is, listed cheaply.

A warm run costs one stat() per file, so the walk uses os.scandir (the file type comes free with the
directory listing) and resolves only the entries that are symbolic links. Links that are broken or
lead outside the folder are kept apart, for the scan to report, and so are names no one can
type or print: bytes that are not UTF-8, line breaks and other control characters. What a file is
(a column, an article, an author, a section page) and which folders are worth entering, the generator
says (a Chooser).

A warm walk need not list a folder again (git's untracked cache): what it took from each folder is remembered
with the folder's mtime (``Folders``, kept in the scan's cache), and a folder whose mtime is unchanged is not
listed, only its known files stat()ed and its known folders visited. Adding, removing or renaming a name, or
replacing a file by a link or a folder, changes its folder's mtime; a file's own change shows in its stamp. A site
of page bundles has a folder for nearly every piece, so this is most of its warm walk. Only plain folders are
remembered: one with a link, a refused name or anything outside the root is listed every time, as is one changed
within the racy window (cache.RACY_NS) of the walk that listed it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from operator import attrgetter

NAME_PROBLEM = "the name is not UTF-8 text, or holds a line break or another control character"
# What os.fsdecode makes of a byte that is not UTF-8 (a surrogate), and the control characters.
_ODD_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


# A folder as a walk took it, by its shown path ("content/posts/"): its mtime, the names it took (sorted), and what
# each is: FOLDER for a folder entered, else the tag of a file.
Folders = dict[str, tuple[int, list[str], list[str]]]
FOLDER = "/"
SECTION = "section"  # the tag of a section page (Hugo's _index.md): read for its cascade, never a piece


def walk(
    root: str, shown: str, plan: Plan, with_stamps: bool, folders: Folders | None = None, settled: int = 0
) -> tuple[Listing, list[str]]:
    """What each start folder's Chooser keeps (the folders under ``root`` of ``plan``, walked in that order), and apart
    from it the section pages (tagged "section"). ``shown`` is how a path under ``root`` begins.

    With ``folders`` (what an earlier walk of this plan remembered, maybe nothing) the walk lists only the folders
    changed since, and remembers the folders anew in the listing's ``folders``: those last changed before ``settled``
    (ns) only, which the caller sets a racy window before its start (the scan's cache.RACY_NS)."""
    listing = Listing(folders, settled, with_stamps)
    for start, chooser in plan:
        folder, prefix = (os.path.join(root, start), f"{shown}{start}/") if start else (root, shown)
        listing.add(folder, prefix, root, chooser)
    return listing, listing.sections


class Listing:
    """Markdown files in path order, as parallel lists (cheap to build and to compare with the cache).

    A file whose stat() failed has stamp (0, 0), as has every file without ``stamps`` (not stat()ed); links the loader
    refuses are kept apart in ``refused``, and the section pages (tagged "section") in ``sections``.
    """

    def __init__(self, known: Folders | None = None, settled: int = 0, stamps: bool = True) -> None:
        self.shown: list[str] = []  # relative to the project, "/" separators: content/articles/2019/x.md
        self.mtime_ns: list[int] = []
        self.size: list[int] = []
        self.tag: list[str] = []  # what the caller said the files in that folder are
        self.sections: list[str] = []  # shown paths of the section pages, which need no stamp
        self.refused: list[tuple[str, str]] = []  # (shown, "broken", "outside", "name" or "unreadable: <reason>")
        self.remember = known is not None
        self.known: Folders = known or {}  # what the last walk took from each folder
        self.folders: Folders = {}  # the same, from this walk, for the next one
        self.relisted: set[str] = set()  # the folders a walk that remembers listed anew: their names may have changed
        self.settled = settled  # a folder changed since may change again unseen within its mtime's granularity
        self.stamps = stamps

    def add(self, folder: str, shown: str, root: str, tag: Chooser) -> None:
        """Every file under ``folder`` that ``tag`` chooses (hidden names skipped, linked folders not followed).

        ``root`` is the resolved folder read: a link that leaves it is refused, as is a broken one.
        Each listing is sorted by name and walked depth first, which is pathlib's order (part by part).
        """
        if os.path.isdir(folder):
            self._walk(folder, shown, _is_inside(os.path.realpath(folder), root), root, tag)

    def _walk(self, directory: str, prefix: str, inside: bool, root: str, tag: Chooser, stated: int | None = None) -> None:
        """``stated``: the folder's mtime when the caller (_again) has just read it."""
        mtime = 0
        if self.remember and inside:
            if stated is not None:
                mtime = stated
            else:
                try:
                    mtime = os.stat(directory).st_mtime_ns  # before the listing: a change during it shows next time
                except OSError:
                    mtime = 0
            known = self.known.get(prefix)
            if known is not None and known[0] == mtime:
                self._again(directory, prefix, root, tag, known)
                return
            self.relisted.add(prefix)
        try:
            with os.scandir(directory) as listing:
                entries = sorted(listing, key=_NAME)
        except OSError as exc:  # a folder without read permission: named, and the walk goes on
            self.refused.append((prefix, f"unreadable: {exc.strerror or exc}"))
            return
        names: list[str] | None = [] if 0 < mtime < self.settled else None
        codes: list[str] = []
        refused = len(self.refused)
        marks = tag.leaf or _no_leaf
        leaf = tag.leaf is not None and any(marks(prefix + e.name) for e in entries if e.name.startswith("index"))
        for entry in entries:
            name = entry.name
            if leaf and (entry.is_dir(follow_symlinks=False) or not marks(prefix + name)):  # the leaf's resources
                continue
            # Hidden names are passed by, but for an authors file a generator names (Material's blog/.authors.yml).
            if name.startswith(".") and (entry.is_dir(follow_symlinks=False) or tag.choose(prefix + name) != "author"):
                continue
            odd = not name.isprintable() and _ODD_NAME.search(name) is not None  # isprintable: the cheap common case
            if entry.is_dir(follow_symlinks=False):
                if odd:
                    self.refused.append((f"{prefix}{name}/", "name"))
                elif tag.enter(f"{prefix}{name}/"):
                    self._walk(entry.path, f"{prefix}{name}/", inside, root, tag)
                    if names is not None:
                        names.append(name)
                        codes.append(FOLDER)
                continue
            suffix = tag.suffix  # the common case, every file with one suffix under one tag, checked here
            file_tag = (tag.tag if name.endswith(suffix) else None) if suffix else tag.choose(prefix + name)
            if file_tag is None:
                continue
            if odd:
                self.refused.append((prefix + name, "name"))
                continue
            if entry.is_symlink():
                problem, stat = _follow(entry.path, root)
                names = None  # a link's target may change without its folder: listed every time
            else:
                problem, stat = ("" if inside else "outside"), (_stat(entry) if self.stamps else None)
            if problem:
                self.refused.append((prefix + name, problem))
                continue
            if file_tag == SECTION:
                self.sections.append(prefix + name)
            else:
                self.shown.append(prefix + name)
                self.mtime_ns.append(stat.st_mtime_ns if stat is not None else 0)
                self.size.append(stat.st_size if stat is not None else 0)
                self.tag.append(file_tag)
            if names is not None:
                names.append(name)
                codes.append(file_tag)
        if names is not None and len(self.refused) == refused:
            self.folders[prefix] = (mtime, names, codes)

    def _again(self, directory: str, prefix: str, root: str, tag: Chooser, known: tuple[int, list[str], list[str]]) -> None:
        """A folder unchanged since the last walk: what it took then, each file stat()ed (plain files, no links).

        A site of page bundles has thousands of folders of one or two files, beside thousands of pages: hence one
        loop without calls but for the folders, and an unchanged folder inside this one checked here, not by _walk."""
        self.folders[prefix] = known
        shown, mtimes, sizes, tags, stamps = self.shown, self.mtime_ns, self.size, self.tag, self.stamps
        _, names, codes = known
        for name, code in zip(names, codes, strict=True):
            path = f"{directory}{os.sep}{name}"
            if code == FOLDER:
                inner = f"{prefix}{name}/"
                seen = self.known.get(inner)
                try:
                    mtime = os.stat(path).st_mtime_ns
                except OSError:
                    mtime = 0
                if seen is not None and seen[0] == mtime:
                    self._again(path, inner, root, tag, seen)
                else:
                    self._walk(path, inner, True, root, tag, mtime)
                continue
            if code == SECTION:
                self.sections.append(prefix + name)
                continue
            try:
                stat = os.stat(path) if stamps else None
            except OSError:
                stat = None
            shown.append(prefix + name)
            mtimes.append(stat.st_mtime_ns if stat is not None else 0)
            sizes.append(stat.st_size if stat is not None else 0)
            tags.append(code)


_NAME = attrgetter("name")


class Chooser:
    """What a walk keeps: a tag for each file the generator wants, and the folders worth entering. Either a function
    of the path, or (``suffix``) every file whose name ends so, under one ``tag``, in every folder."""

    def __init__(
        self,
        choose: Callable[[str], str | None] | None = None,
        enter: Callable[[str], bool] | None = None,
        suffix: str = "",
        tag: str = "",
        leaf: Callable[[str], bool] | None = None,
    ) -> None:
        self.suffix, self.tag = suffix, tag
        # Whether a file (its shown path) makes its folder a leaf (Hugo's index.md): the folder's other files and
        # folders are that page's resources, never pages, so the walk takes only such files and enters no folder.
        self.leaf = leaf
        self.choose = choose or self._by_suffix  # shown path -> its tag, or None to pass it by
        self.enter = enter or _every  # shown path of a folder, ending in "/" -> whether anything in it may be wanted

    def _by_suffix(self, shown: str) -> str | None:
        return self.tag if shown.endswith(self.suffix) else None


def _every(shown: str) -> bool:
    return True


def _no_leaf(name: str) -> bool:
    return False


Plan = Sequence[tuple[str, Chooser]]  # the folders a walk lists, under the root ("" for the root), and what it keeps


def _stat(entry: os.DirEntry[str]) -> os.stat_result | None:
    try:
        return entry.stat()
    except OSError:
        return None


def _follow(path: str, root: str) -> tuple[str, os.stat_result | None]:
    try:
        target = os.path.realpath(path, strict=True)
        stat = os.stat(target)
    except (OSError, RuntimeError):
        return "broken", None
    return ("" if _is_inside(target, root) else "outside"), stat


def _is_inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)
