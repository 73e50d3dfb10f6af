"""nieuwsbrief.toml -> Settings, from one declaration per setting.

Read first: schema.py (every setting: type, default, checks, hint, doc), then options.py (what a declaration
holds), load.py (reading, checking, building Settings) and settings.py (the Settings the rest of the code reads).
reference.py writes the settings reference in README.md and docs/settings.md from the declarations.
"""

from .load import load_settings, written_positions
from .schema import SETTINGS_FILE, SMTP_SECURITY
from .settings import Settings, SmtpSettings

__all__ = [
    "SETTINGS_FILE",
    "SMTP_SECURITY",
    "Settings",
    "SmtpSettings",
    "load_settings",
    "written_positions",
]
