"""The email checklist (docs/checklist.md) and the lint rules that check it, declared once.

- ``rows.py``: the checklist itself: every row (C-01 ... C-44) with its property, the tools that test it and its sources;
- ``rules.py``: one table of rules (row, severity, message, hint) and the checklist's limits; ``nieuwsbrief lint`` (lint/)
  and the content rules on the Markdown (contentrules.py) report every finding from it;
- ``facts.py``: what both of those find in the editor's text (a link, an image, the subject, the preheader), so a rule
  on it is one row that both run;
- ``reference.py``: the checklist in docs/checklist.md and README.md, written from the two tables by cog.
"""
