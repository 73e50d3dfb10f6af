"""The only user of premailer: moves the template's CSS onto the elements, safely.

premailer's defaults are traps for email (design section 5), so each is switched off here:
it would strip !important, write width/height/align attributes of its own (width="100%" on
<html>, height="auto" on <img>), fetch remote stylesheets, and drop head-only rules. Head-only
CSS lives in a <style data-premailer="ignore"> block that premailer leaves alone.
"""

from __future__ import annotations

import logging

from premailer import Premailer  # type: ignore[import-untyped]


def inline_css(html: str) -> str:
    premailer = Premailer(
        html=html,
        base_url=None,
        disable_link_rewrites=True,
        keep_style_tags=False,
        strip_important=False,
        remove_classes=False,
        disable_basic_attributes=["width", "height", "align", "valign", "bgcolor", "background"],
        disable_validation=True,
        cssutils_logging_level=logging.CRITICAL,
        allow_network=False,
        allow_loading_external_files=False,
        align_floating_images=False,
        exclude_pseudoclasses=True,
        method="html",
    )
    return str(premailer.transform(pretty_print=False))
