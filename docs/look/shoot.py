"""The screenshots in docs/look.md: the sample issue before and after issue 21, at 375 and 640 px, light and dark,
and with images off, taken with the headless Chromium the rendering tests use (tests/browser.py).

    .venv/bin/python docs/look/shoot.py --before ../nieuwsbrief-before   # a worktree of the commit before issue 21

Each tree composes a copy of the sample project (nieuwsbrief.toml and content/ of this repository) with its own
code; "after" also sets [brand] logo to a small wordmark drawn here. Every picture is the email's top (masthead,
title, byline) above its end (author box, related pieces, footer), one PNG per render, reduced to 64 colours with
Pillow when it is installed (pip install pillow: for these pictures only), to keep them small.
"""

from __future__ import annotations

import argparse
import base64
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.browser import HEIGHT, PLACEHOLDER_IMAGE, launched, show  # noqa: E402  (the tests' own headless Chromium)

DATE = "2026-11-23"
RENDERS = [(375, False, True), (375, True, True), (640, False, True), (640, True, True), (375, False, False)]
TOP, END = 560, 1150  # px of the email's top and of its end, from the first section heading on
LOGO_HTML = """<div style="display:inline-flex;align-items:center;gap:10px;padding:4px 2px;font:bold 30px Georgia,serif;
color:#8a1c45"><span style="width:34px;height:34px;border-radius:17px;background:#8a1c45;display:inline-block"></span>
Ondernemen Wekelijks</div>"""


def compose(tree: Path, project: Path) -> str:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(tree / "src")
    command = [sys.executable, "-m", "nieuwsbrief", "--project", str(project), "compose", "--date", DATE, "--quiet"]
    subprocess.run(command, env=env, check=True, capture_output=True)
    return (project / "issues" / "2026-W48" / "issue.html").read_text(encoding="utf-8")


def sample(folder: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(REPO / "nieuwsbrief.toml", folder / "nieuwsbrief.toml")
    shutil.copytree(REPO / "content", folder / "content")
    return folder


def draw_logo(browser: object, path: Path) -> None:
    """A wordmark with a round mark, on a transparent ground: what a publisher's logo file looks like."""
    page = browser.new_page(device_scale_factor=2)  # type: ignore[attr-defined]
    page.set_content(f"<body style='margin:0;background:transparent'>{LOGO_HTML}</body>")
    page.locator("div").screenshot(path=str(path), omit_background=True)
    page.close()


def opened(browser: object, html: str, width: int, dark: bool, images: bool, logo: bytes) -> object:
    """The email as tests/browser.py opens it, offline: the logo is served from its file, every other image is the
    tests' placeholder, and nothing at all with images off."""
    context = browser.new_context(viewport={"width": width, "height": HEIGHT}, color_scheme="dark" if dark else "light")  # type: ignore[attr-defined]
    page = context.new_page()

    def offline(route: object) -> None:
        request = route.request  # type: ignore[attr-defined]
        if request.resource_type == "image" and images:
            body = logo if request.url.endswith("/logo.png") else PLACEHOLDER_IMAGE
            route.fulfill(status=200, content_type="image/png", body=body)  # type: ignore[attr-defined]
        else:
            route.abort()  # type: ignore[attr-defined]

    page.route("**/*", offline)
    show(page, html, True)
    return page


def picture(browser: object, page: object, width: int, path: Path) -> None:
    first_section = "document.querySelector('h2.section, h2.heading').getBoundingClientRect().top + scrollY - 24"
    end = page.evaluate(first_section)  # type: ignore[attr-defined]
    height = page.evaluate("document.documentElement.scrollHeight")  # type: ignore[attr-defined]
    parts = [
        page.screenshot(clip={"x": 0, "y": 0, "width": width, "height": TOP}, full_page=True),  # type: ignore[attr-defined]
        page.screenshot(clip={"x": 0, "y": end, "width": width, "height": min(END, height - end)}, full_page=True),  # type: ignore[attr-defined]
    ]
    page.context.close()  # type: ignore[attr-defined]
    stacked = browser.new_page(viewport={"width": width, "height": 400})  # type: ignore[attr-defined]
    images_html = "".join(
        f'<img style="display:block" src="data:image/png;base64,{base64.b64encode(p).decode()}">' for p in parts
    )
    rule = "<div style='height:6px;background:repeating-linear-gradient(90deg,#999 0 6px,transparent 6px 12px)'></div>"
    stacked.set_content(f"<body style='margin:0'>{images_html.replace('><img', '>' + rule + '<img', 1)}</body>")
    stacked.screenshot(path=str(path), full_page=True)
    stacked.close()
    try:
        from PIL import Image  # type: ignore[import-not-found]
    except ImportError:
        return
    with Image.open(path) as shot:
        reduced = shot.convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    reduced.save(path, optimize=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, required=True, help="a worktree of the commit before issue 21")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "look")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        for browser in launched():
            before = compose(args.before, sample(Path(work) / "before"))
            project = sample(Path(work) / "after")
            (project / "assets").mkdir()
            draw_logo(browser, project / "assets" / "logo.png")
            settings = (project / "nieuwsbrief.toml").read_text(encoding="utf-8")
            branded = settings.replace(
                '# logo = "assets/logo.png"', 'logo = "assets/logo.png"\nshow_name = false\nlogo_width = 260'
            )
            (project / "nieuwsbrief.toml").write_text(branded, encoding="utf-8")
            after = compose(REPO, project)
            logo = (project / "assets" / "logo.png").read_bytes()
            for name, html in (("before", before), ("after", after)):
                for width, dark, images in RENDERS:
                    mode = ("dark" if dark else "light") + ("" if images else "-images-off")
                    page = opened(browser, html, width, dark, images, logo)
                    picture(browser, page, width, args.out / f"{name}-{width}-{mode}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
