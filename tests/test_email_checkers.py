"""Checkers nobody on the team wrote judge the sample issue: the Nu Html Checker and SpamAssassin (local rules).

Both run offline: vnu.jar (npm vnu-jar) on the installed Java, and Debian's spamassassin with -L (no network
tests) and a fresh HOME, so no earlier run's Bayes data or preferences change the score.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

from nieuwsbrief.pipeline import ComposeResult

from .external_tools import VNU_JAR, require_file, require_program

# The Nu Html Checker judges web pages, and an email is not one. These are the errors we keep on purpose, each for a
# mail client the HTML standard does not cover (the same list is in README.md, "Checked by independent tools").
# Each entry: (why we keep it, the error message, and what the quoted source must contain, "" for anything).
# The obsolete table attributes border/cellpadding/cellspacing/width/align are only warnings for vnu, not errors,
# and MSO conditional comments are comments, so neither needs an entry.
EMAIL_ISMS: tuple[tuple[str, str, str], ...] = (
    (
        "Outlook's VML namespaces on <html>, for the bulletproof button's v:roundrect",
        r"Attribute “xmlns:[vo]” not allowed here\.",
        "",
    ),
    (
        "Apple Mail's <meta name=x-apple-disable-message-reformatting> has no content attribute",
        r"Element “meta” is missing one or more of the following attributes: “content”, “property”\.",
        "x-apple-disable-message-reformatting",
    ),
    (
        "Outlook's mso-* CSS properties (table spacing, line height, hiding the preheader)",
        r"CSS: “mso-[a-z-]+”: Property “mso-[a-z-]+” doesn't exist\.",
        "",
    ),
    (
        "Apple Mail's older supported-color-schemes property, beside color-scheme",
        r"CSS: “supported-color-schemes”: Property “supported-color-schemes” doesn't exist\.",
        "",
    ),
    (
        "iOS Mail's min-/max-device-width media queries (the Cerberus iPhone width fix)",
        r"CSS: Deprecated media feature “(min|max)-device-width”\..*",
        "",
    ),
)

SPAM_STATUS = re.compile(
    r"^X-Spam-Status: (?P<verdict>Yes|No), score=(?P<score>-?[\d.]+) required=[\d.]+ tests=(?P<tests>.*?)(?: autolearn=| version=|$)",
    re.M,
)


def vnu_messages(html_file: Path) -> list[dict[str, Any]]:
    java = require_program("java")
    jar = require_file(VNU_JAR, "npm vnu-jar")
    result = subprocess.run(
        [java, "-jar", str(jar), "--format", "json", "--stdout", str(html_file)], capture_output=True, text=True, timeout=120
    )
    messages: list[dict[str, Any]] = json.loads(result.stdout)["messages"]
    return messages


def is_email_ism(message: dict[str, Any]) -> bool:
    return any(
        re.fullmatch(pattern, message.get("message", "")) and needle in message.get("extract", "")
        for _, pattern, needle in EMAIL_ISMS
    )


def test_nu_html_checker_finds_no_error_beyond_the_email_isms(composed_sample: ComposeResult) -> None:
    messages = vnu_messages(composed_sample.files["html"])
    errors = [m for m in messages if m["type"] != "info"]  # "error", or "non-document-error" when vnu itself failed
    assert errors, "vnu reported nothing at all: is it really checking the file?"
    assert [f"{m.get('lastLine')}: {m['message']}" for m in errors if not is_email_ism(m)] == []


def spamassassin(eml: Path, home: Path) -> tuple[float, list[str]]:
    program = require_program("spamassassin")
    checked = subprocess.run(
        [program, "-L", "-t"],
        input=eml.read_bytes(),
        capture_output=True,
        timeout=120,
        env={"HOME": str(home), "PATH": "/usr/bin:/bin"},
    )
    output = checked.stdout.decode("utf-8", "replace")
    unfolded = re.sub(r"\n[ \t]+", " ", output.split("\n\n", 1)[0])  # the header block, folded lines joined
    status = SPAM_STATUS.search(unfolded)
    assert status, f"no X-Spam-Status header in spamassassin's output:\n{output[:2000]}\n{checked.stderr.decode()[:2000]}"
    return float(status["score"]), re.findall(r"\w+", status["tests"])


def test_spamassassin_local_score_is_under_one(composed_sample: ComposeResult, tmp_path: Path) -> None:
    score, rules = spamassassin(composed_sample.files["eml"], tmp_path)
    assert score < 1.0, f"score {score}, rules {rules}"


def test_spamassassin_here_really_scores_the_gtube_spam_test(tmp_path: Path) -> None:
    """A score under 1 means nothing if the rules are not loaded: the standard spam test message must score high."""
    gtube = tmp_path / "gtube.eml"
    gtube.write_text(
        "From: a@example.nl\nTo: b@example.nl\nSubject: test\n\nXJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X\n",
        encoding="ascii",
    )
    score, rules = spamassassin(gtube, tmp_path)
    assert score >= 1000 and "GTUBE" in rules
