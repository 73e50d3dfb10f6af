"""The email checklist: the properties an excellent newsletter email has, each with the tools that test it and
where it comes from. docs/checklist.md is written from it (reference.py), with the lint rules (rules.py) of each row.
"""

from __future__ import annotations

from typing import NamedTuple


class Row(NamedTuple):
    code: str  # C-01 ... C-44 (C-28 and C-29 were never given out)
    brief: str  # what is checked, in a few words (README's list)
    property: str  # testable, in full
    tool: str  # what tests it: nieuwsbrief lint, or what only a render, SpamAssassin or a person can judge
    source: str


class Section(NamedTuple):
    title: str
    rows: tuple[Row, ...]


# fmt: off
SECTIONS = (
    Section("A. Document and `<head>`", (
        Row("C-01", "`<!DOCTYPE html>`", "Starts with `<!DOCTYPE html>`",
            "nieuwsbrief lint, vnu", "Cerberus `cerberus-hybrid.html`; MJML `skeleton.js`; Maizzle `layouts/main.html`"),
        Row("C-02", "`lang` on `<html>` and on the wrapper", '`lang="nl"` on `<html>` **and** on the wrapper element(s) directly inside `<body>`, because Gmail and Yahoo replace `<html>`/`<body>`',
            "nieuwsbrief lint, axe `html-has-lang`, vnu", "EMC Accessibility Report 2026 issues #2 (95.7% of emails fail) and #6; mjmlio/mjml#2475; ThemeMountain/acorn#2 (Gmail keeps `lang` on body-div, Yahoo drops body attributes); Cerberus#104"),
        Row("C-03", "`dir` on `<html>` and on the wrapper", '`dir="ltr"` on `<html>` and on the same wrapper',
            "nieuwsbrief lint", "EMC 2026 #1 (97.4% fail); mjml#2475 comment by M-J-Robbins"),
        Row("C-04", "the wrapper's `role=\"article\"`", 'Wrapper `<div role="article" aria-roledescription="email" aria-label="{subject}" lang dir>`. MJML 5.4.1 now emits exactly this',
            "nieuwsbrief lint (info)", 'Cerberus hybrid (`<center role="article" aria-roledescription="email" lang="en">`); Maizzle layout; MJML 5.4.1 output (compiled here)'),
        Row("C-05", "the `<title>` is the subject", "Non-empty `<title>` (= subject)",
            "nieuwsbrief lint, axe `document-title`, vnu", "EMC 2026 #9"),
        Row("C-06", "the head's meta tags", '`<meta charset="utf-8">`, `viewport width=device-width`, `x-apple-disable-message-reformatting`, `format-detection`',
            "nieuwsbrief lint", "Cerberus, Maizzle, MJML skeleton"),
    )),
    Section("B. Size and Gmail CSS traps", (
        Row("C-07", "the 85 KB budget after inlining", "HTML ≤ **85 KB** (*house* budget) so it stays under Gmail's ~102 KB clip after the ESP rewrites links and adds tracking. Once clipped, the unsubscribe link can be hidden and Gmail drops `<style>` in the clipped view",
            "nieuwsbrief lint", "hteumeuleu/email-bugs#41 (102 KB; special characters); spamresource.com 2022 (about 105 KB; depends on QP/base64 encoding); email-bugs#56; shkspr.mobi 2019"),
        Row("C-08", "Gmail's `<style>` traps: 16 KB, nested @-rules, space-separated `rgb()`, CSS syntax errors", "`<style>` total ≤ 16 KB; no @-rule inside an @-rule (e.g. `@media{@font-face}`); no space-separated `rgb(255 0 0)`; no CSS syntax errors. In each case Gmail drops the whole `<style>` block, or all inline styles of the element",
            "nieuwsbrief lint, vnu (CSS)", 'email-bugs#90; caniemail `html-style` note 6; email-bugs#21; email-bugs#160 (2025); caniemail#144; polarsource/polar#1177 ("a single syntax error … Gmail discards it entirely")'),
        Row("C-09", "no `<script>`, `<form>`, `<iframe>`, `<svg>` or external stylesheet", "No `<script>`, `<form>`, `<iframe>`, `<object>`, `<embed>`, inline `<svg>`, `<base>`, or `<link rel=stylesheet>`",
            "nieuwsbrief lint, cie, vnu", "caniemail feature data (`html-form`, `html-link`, `html-svg`); Yahoo postmaster best practices (no forms, no JS)"),
    )),
    Section("C. Layout (hybrid/fluid) and Outlook", (
        Row("C-10", "no flex, grid, float or position", "Table layout, with `align` rather than float/flex/grid/position. Columns are `display:inline-block; width:100%; max-width:Npx` divs, so they stack with no media query (hybrid)",
            "nieuwsbrief lint, cie", 'Cerberus best-practices #1, #2, #6; Cerberus `templates.md` (hybrid: "reconfigure … regardless of media query support"); Foundation for Emails/Inky (table grid)'),
        Row("C-11", '`role="presentation"` and zeroed attributes on every layout table, Outlook ghost tables included', 'Every layout `<table>` (including Outlook ghost tables) has `role="presentation"` plus `border=0 cellpadding=0 cellspacing=0`',
            "nieuwsbrief lint", "EMC 2026 #3 (83.8% fail); Cerberus best-practices #1 and accessibility #1; MJML output (8/8 tables)"),
        Row("C-24", "balanced MSO conditional comments, the Outlook ghost table", "Balanced MSO conditional comments. Fixed-width ghost table (`<!--[if mso]><table width=600>…`) around every `max-width` container. `<!--[if !mso]><!-->…<!--<![endif]-->` for content Outlook must not see. `OfficeDocumentSettings/PixelsPerInch 96`. Outlook font fallback",
            "nieuwsbrief lint (balance) + manual", "Cerberus `docs/content/outlook.md`; MJML `skeleton.js`; Maizzle layout"),
        Row("C-25", "no horizontal scroll at 375 and 640 px", "No horizontal scroll at 375 px or 640 px; columns stack at ≤ 600 px; container max 600 px (Cerberus uses 600, or 680 for hybrid)",
            "render", "Cerberus templates"),
        Row("C-26", "reads and fits with every `<style>` removed", "**Progressive enhancement.** The email still reads and fits at 375 px with every `<style>` removed: Gmail mobile webmail / non-Google accounts have no `<style>`, and Outlook/Windows has no `@media`. So widths are `width:100%; max-width:600px` inline, not `width:600px`",
            "render (`<style> removed` pass), cie", 'caniemail `html-style` (gmail.mobile-webmail: none) and `css-at-media`; Cerberus ("inline CSS", fluid template)'),
    )),
    Section("D. Images", (
        Row("C-12", "alt on every image", 'Every `<img>` has `alt`; decorative images use `alt=""`',
            "nieuwsbrief lint, axe `image-alt`, vnu", "EMC 2026 #8 (critical; 47.9% fail); Cerberus accessibility #4"),
        Row("C-13", "alt text on a linked image", "Linked images have non-empty alt (they are functional, not decorative)",
            "nieuwsbrief lint, axe `link-name`", "EMC 2026 #5"),
        Row("C-14", "image sources: absolute https, PNG, JPG or GIF, no `data:`; `display:block`", "`width` (and `height`) attributes, `display:block`, absolute `https://` src, raster PNG/JPG/GIF (no SVG/WebP/AVIF), @2x assets scaled down by attribute, no `data:` URIs",
            "nieuwsbrief lint", "Cerberus images #1–2 and best-practices #7; caniemail `image-svg`, `image-webp`"),
        Row("C-23", "real text, not text in images", "Real HTML text, not text in images; the email makes sense with images off",
            "nieuwsbrief lint (counts), render (images-off screenshot), SA `HTML_IMAGE_ONLY_*`", 'Stack Overflow "Stacks" email design best practices ("HTML text instead of images containing text"); SpamAssassin `20_html_tests.cf`'),
    )),
    Section("E. Text, links, buttons", (
        Row("C-15", "link targets: https or mailto, never empty or `#`; text on every link", "Links: absolute https (or mailto), never empty or `#`, each with discernible text",
            "nieuwsbrief lint, axe `link-name`", "EMC 2026 #5 (71.2% fail)"),
        Row("C-16", "link text that says where it goes, in Dutch and English", 'Descriptive link text: no "klik hier", "lees meer", "click here"',
            "nieuwsbrief lint (NL+EN list)", "EMC 2026 #10 (English-only in their test: Dutch needs our list); Cerberus accessibility #5"),
        Row("C-17", "text sizes: body copy 16 px, nothing under 13 px", "Body copy ≥ 16 px (ours is 17 px); no visible text under 13 px (*house*)",
            "nieuwsbrief lint (inline), render (computed)", "Cerberus (17 px body on narrow screens); 13 px floor is a *house* threshold"),
        Row("C-18", "one `<h1>`, no skipped heading level", "Exactly one `<h1>`, no skipped heading levels, real `<p>`/`<h*>`/`<strong>`",
            "nieuwsbrief lint, vnu, axe", "EMC 2026 #4; Cerberus accessibility #3"),
        Row("C-27", "text contrast in light and dark", "Text contrast ≥ 4.5:1, in light **and** dark renders",
            "render/axe `color-contrast`", "EMC 2026 #7 (58.5% fail); WCAG 1.4.3"),
        Row("C-22", "the bulletproof button's VML part for Outlook", "Bulletproof button: a real `<a>` with text, with background, padding, border and radius on the `<a>`, plus a VML `v:roundrect` (`w:anchorlock`) for Outlook/Windows, which ignores padding on `<a>`. Never an image button",
            "nieuwsbrief lint", "Cerberus button pattern; Stig Morten Myre's buttons.cm (emailonacid interview)"),
    )),
    Section("F. Dark mode", (
        Row("C-19", "dark mode: color-scheme meta and CSS, overrides with `!important`", '`<meta name="color-scheme" content="light dark">` + `supported-color-schemes`, and `:root{color-scheme:light dark}`. `@media (prefers-color-scheme: dark)` overrides **with `!important`** (they must beat inline styles). The dark render must really differ. Logos need a transparent-safe treatment. Gmail apps force-invert and ignore all of this; Outlook.com rewrites colours and keeps the originals in `data-ogsc`/`data-ogsb`',
            'nieuwsbrief lint, render (dark screenshot + "dark render differs" test + axe contrast)', "Cerberus `docs/content/dark-mode.md`; caniemail `html-meta-color-scheme` (the meta is honoured essentially only by Apple Mail macOS) and `css-at-media-prefers-color-scheme` (Apple Mail yes, Gmail no); hteumeuleu.com 2019 \"Dealing with Outlook.com's dark mode\""),
    )),
    Section("G. Preheader", (
        Row("C-20", "the hidden preheader, 40 to 130 characters, and its spacer run", "A hidden preheader is the first text in `<body>` (`display:none; max-height:0; overflow:hidden; mso-hide:all`), 40–130 characters (*house*; put the point in the first ~40), followed by a spacer run (`&#847;&zwnj;&nbsp;` / `&#8199;&#65279;&#847;`) so body text doesn't leak into the inbox preview. Don't hide it with `color` equal to the background: SpamAssassin's `HTML_FONT_LOW_CONTRAST` fired (+0.7) on MJML's `color:#ffffff` preview div",
            "nieuwsbrief lint", 'Cerberus hybrid (preheader + "Preview Text Spacing Hack"); MJML `preview.js`; Maizzle layout; emailmarkup.org blog 2025 (proposal: `<meta name="description">` instead of the hack)'),
    )),
    Section("H. Footer and compliance", (
        Row("C-21", "the unsubscribe link and the postal address in both parts", "Clearly visible unsubscribe link in the HTML body **and** in the plain text; sender's name and postal address; why the reader gets this",
            "nieuwsbrief lint", 'Google Email sender guidelines (support.google.com/mail/answer/81126: "include a clearly visible unsubscribe link in the message body")'),
    )),
    Section("I. MIME, plain text, list headers (the `.eml`)", (
        Row("C-30", "From, To, Subject, Date, Message-ID, MIME-Version", "From, To, Subject, Date, Message-ID, MIME-Version present",
            "nieuwsbrief lint, SA (`MISSING_DATE` 2.7, `MISSING_MID` 0.6)", 'RFC 5322 §3.6; Gmail sender guidelines ("format messages according to RFC 5322")'),
        Row("C-31", "no raw line over 998 octets", "No raw line over 998 octets on the wire (use quoted-printable/base64)",
            "nieuwsbrief lint", "RFC 5322 §2.1.1"),
        Row("C-32", "multipart/alternative, text first and HTML last", "`multipart/alternative` with `text/plain` **first** and `text/html` **last**",
            "nieuwsbrief lint", 'RFC 2046 §5.1.4 ("plainest format first and the richest format last")'),
        Row("C-33", "utf-8 and quoted-printable", "`charset=utf-8`; CTE quoted-printable (8bit needs 8BITMIME end to end)",
            "nieuwsbrief lint", "RFC 2046 §4.1.2; RFC 6152"),
        Row("C-34", "plain-text lines of 78 characters at most", "Plain text wrapped at ≤ 78 (we wrap at 72) except unbreakable URLs, preferably `format=flowed; delsp=no` (soft breaks end in a space; lines starting with space, `>` or `From ` are space-stuffed); URLs on their own lines",
            "nieuwsbrief lint", "RFC 5322 §2.1.1 (SHOULD ≤ 78); RFC 3676"),
        Row("C-35", "every HTML link in the text part, and half its words", "Plain text is a real equivalent: same article, every HTML link (house rule), unsubscribe URL, ≥ 50 % of the HTML's word count (*house*)",
            "nieuwsbrief lint", 'RFC 2046 (alternatives of the same content); Cerberus accessibility #6 ("Create a plain text version of every email")'),
        Row("C-36", "`List-Unsubscribe` with an https URL and a mailto: address", "`List-Unsubscribe: <https://…>, <mailto:…>` (keep mailto: Microsoft historically honoured only mailto)",
            "nieuwsbrief lint", "RFC 2369; Gmail/Yahoo Feb-2024 bulk-sender rules; wordtothewise.com 2018"),
        Row("C-37", "one-click `List-Unsubscribe-Post`", "`List-Unsubscribe-Post: List-Unsubscribe=One-Click` with an https URI. Both headers covered by the DKIM signature. The POST unsubscribes with no further step; honour it within 48 h",
            "nieuwsbrief lint (headers; DKIM `h=` when signed) + ESP/manual", "RFC 8058 §3.1–3.2; Google email subscription guidelines (support.google.com/a/answer/15263077: one-click, 48 h, double opt-in); Google sender FAQ 14229414 (bulk = ~5,000/day to personal Gmail, permanent status)"),
        Row("C-38", "`List-Id`", "`List-Id` per list",
            "nieuwsbrief lint", 'Google subscription guidelines ("human-readable identifier in each message List-id: header"); RFC 2919'),
        Row("C-39", "the subject: no capitals or shouting, about 60 characters at most", "Subject not shouty (no ALL CAPS, no `!!!`); ≤ ~60 characters (*house*)",
            "nieuwsbrief lint, SA (`SUBJ_ALL_CAPS`)", "SpamAssassin rules"),
        Row("C-40", "a SpamAssassin score under 2.5", "SpamAssassin local score < 2.5 (*house*; SA's spam threshold is 5.0)",
            "SA", "—"),
        Row("C-41", "SPF, DKIM, DMARC, TLS, complaint rate", "(not checkable offline) SPF + DKIM + DMARC (at least `p=none`) aligned with From; TLS; spam-complaint rate < 0.3 % (aim < 0.1 %). The ESP and DNS handle these",
            "ESP/manual", "Google sender guidelines + FAQ 14229414; Yahoo 2024 requirements (secondary summaries: grokipedia \"Google and Yahoo bulk sender guidelines\", netquery.tools; Yahoo's own senders.yahooinc.com page is not in the stored corpus); Microsoft Outlook.com >5,000/day rules (May 2025, per netquery.tools)"),
        Row("C-42", "nothing wider than a 320 px phone's column", "Nothing wider than the column: no word, URL, code line, table or element with a fixed width forces the page wider than a 320 px phone, with or without `<style>` (words break, code wraps, tables scroll inside the column)",
            "nieuwsbrief lint (layout) + Chromium at 320/375/640", "MJML and Cerberus responsive patterns; Gmail strips `<style>` for non-Gmail accounts"),
        Row("C-43", "every image's width capped", "Every image's width capped: a `width` attribute no wider than the layout's column and a fluid width on a phone; height scaled or left out",
            "nieuwsbrief lint (layout)", "Outlook for Windows sizes images by their attributes (Cerberus notes)"),
        Row("C-44", "every word of the Markdown in both parts", "Nothing the editor wrote is lost: every word of the Markdown that a reader should see reaches both parts (what a renderer deliberately leaves out, such as an image title, is not counted); a loss caused by the tool is the tool's error, not the editor's",
            "nieuwsbrief lint", "RFC 2046 (alternatives carry the same content)"),
    )),
)
# fmt: on
