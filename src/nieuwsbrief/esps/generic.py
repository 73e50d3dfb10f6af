"""The generic dialect: no merge tags. The links stay the [links] URLs of nieuwsbrief.toml, as in the archive."""

from __future__ import annotations

from .base import Esp

ESP = Esp(name="generic", title="generic")
