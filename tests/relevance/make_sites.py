"""Write the trimmed copies of real sites in tests/relevance/sites/ from git mirrors of their repositories.

    python tests/relevance/make_sites.py MIRRORS_DIR

MIRRORS_DIR holds bare clones named owner+name/repo (as the commits below). Not run by the tests: the copies are
committed; this says exactly how they were made. What is changed, per site (nothing else is):

- every body is cut after CUT characters, at the end of a paragraph (the rest of a long release note adds words,
  not topics), keeping the reference links' definitions; images are never copied;
- rust-blog (Zola, which nieuwsbrief does not read) becomes a Hugo site: the TOML front matter is kept and gets
  `date` and `url`, both from the post's own `path` (Zola takes the date from there);
- linkerd and jekyllrb keep their own front matter; their configuration is cut to the keys nieuwsbrief reads;
- opennederland keeps its posts and its _config.yml as they are.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent / "sites"
CUT = 6000
SITES = {
    "rust-blog": ("rust-lang+blog.rust-lang.org", "0243724c2e50ad2b7ebd3d9dbc7cd88aed7605a3"),
    "linkerd": ("linkerd+website", "93f001753363bba09eafd81e290512f89f4697ed"),
    "jekyllrb": ("jekyll+jekyll", "202df571314ba1d18e9fccd81d12aaad4a703c38"),
    "opennederland": ("opennederland+www.opennederland.nl", "bce67a7cbec4c2c85e16ee9611bf09ab587a7c7e"),
}


def git(mirror: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(mirror), *args], check=True, capture_output=True, text=True).stdout


def cut(body: str) -> str:
    """The body up to CUT characters, ended at a paragraph outside a fenced code block."""
    if len(body) <= CUT:
        return body
    fenced = False
    end = 0
    position = 0
    for line in body.splitlines(keepends=True):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        position += len(line)
        if not fenced and not line.strip():
            if position > CUT:
                break
            end = position
    kept = body[: end or CUT].rstrip() + "\n"
    # The reference links' definitions of the part cut off stay: the part kept uses them.
    definitions = [line for line in body[end or CUT :].splitlines() if re.match(r"\s{0,3}\[[^\]]+\]:\s*\S", line)]
    return kept + ("\n" + "\n".join(definitions) + "\n" if definitions else "")


def split(text: str, fence: str) -> tuple[str, str]:
    """The front matter (with its last line break) and the body; line ends as the file has them."""
    found = re.match(rf"{re.escape(fence)}[ \t]*\r?\n(.*?\n){re.escape(fence)}[ \t]*\r?\n?(.*)", text, re.S)
    if found is None:
        raise ValueError("no front matter")
    return found.group(1), found.group(2)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def rust(mirror: Path, commit: str, out: Path) -> None:
    write(out / "LICENSE-MIT", git(mirror, "show", f"{commit}:LICENSE-MIT"))
    write(out / "LICENSE-APACHE", git(mirror, "show", f"{commit}:LICENSE-APACHE"))
    write(out / "hugo.toml", 'baseURL = "https://blog.rust-lang.org/"\ntitle = "Rust Blog"\nlanguageCode = "en-us"\n')
    listed = git(mirror, "ls-tree", "-r", "--name-only", commit, "content/").split()
    # The main blog's posts: content/NAME.md and page bundles content/NAME/index.md (Inside Rust is another blog).
    posts = [name for name in listed if name.count("/") == 1 or (name.count("/") == 2 and name.endswith("/index.md"))]
    for name in posts:
        if not name.endswith(".md") or name.endswith("_index.md") or name.startswith("content/inside-rust/"):
            continue
        head, body = split(git(mirror, "show", f"{commit}:{name}"), "+++")
        path = re.search(r'^path = "(\d{4})/(\d\d)/(\d\d)/([^"]+)"', head, re.M)
        if path is None:
            continue
        year, month, day, slug = path.groups()
        head = f'date = {year}-{month}-{day}\nurl = "/{year}/{month}/{day}/{slug}/"\n' + head
        stem = Path(name).parent.name if name.endswith("/index.md") else Path(name).stem
        write(out / "content" / "blog" / f"{stem}.md", f"+++\n{head}+++\n{cut(body)}")


def linkerd(mirror: Path, commit: str, out: Path) -> None:
    write(out / "LICENSE", git(mirror, "show", f"{commit}:LICENSE"))
    site = "linkerd.io/"
    write(out / "config/_default/hugo.yaml", "title: Linkerd\nbaseURL: https://linkerd.io/\ndisableKinds: [taxonomy, term]\n")
    write(out / "config/_default/permalinks.yaml", "page:\n  blog: /:year/:month/:day/:slug/\n")
    write(out / "data/authors.yaml", git(mirror, "show", f"{commit}:{site}data/authors.yaml"))
    for name in git(mirror, "ls-tree", "-r", "--name-only", commit, f"{site}content/blog/").split():
        if not name.endswith(".md") or name.endswith("_index.md"):
            continue
        head, body = split(git(mirror, "show", f"{commit}:{name}"), "---")
        write(out / name.removeprefix(site), f"---\n{head}---\n{cut(body)}")


def jekyllrb(mirror: Path, commit: str, out: Path) -> None:
    write(out / "LICENSE", git(mirror, "show", f"{commit}:LICENSE"))
    fixture = Path(__file__).parents[1] / "sites" / "jekyll-jekyllrb" / "_config.yml"
    write(out / "_config.yml", fixture.read_text(encoding="utf-8"))  # issue 18's cut of docs/_config.yml
    for name in git(mirror, "ls-tree", "--name-only", commit, "docs/_posts/").split():
        head, body = split(git(mirror, "show", f"{commit}:{name}"), "---")
        write(out / "_posts" / Path(name).name, f"---\n{head}---\n{cut(body)}")


def opennederland(mirror: Path, commit: str, out: Path) -> None:
    readme = git(mirror, "show", f"{commit}:README.md")
    write(out / "LICENSE.md", readme[readme.index("## ⚖️ Licenties") :])
    write(out / "_config.yml", git(mirror, "show", f"{commit}:_config.yml"))
    for name in git(mirror, "ls-tree", "--name-only", commit, "_posts/").split():
        head, body = split(git(mirror, "show", f"{commit}:{name}"), "---")
        write(out / "_posts" / Path(name).name, f"---\n{head}---\n{cut(body)}")


def main() -> None:
    mirrors = Path(sys.argv[1])
    makers = {"rust-blog": rust, "linkerd": linkerd, "jekyllrb": jekyllrb, "opennederland": opennederland}
    for name, (folder, commit) in SITES.items():
        makers[name](mirrors / folder / "repo", commit, HERE / name / "site")


if __name__ == "__main__":
    main()
