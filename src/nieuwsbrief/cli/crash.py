"""The last resort: an exception nobody expected ends the run with exit 70, one line saying it is a bug, and the
details (the traceback, the version, the command) in a log file, never a raw traceback on the terminal.

The log goes to $NIEUWSBRIEF_CRASH_DIR when that is set (the test suite sets it, and fails any test after which
a log appeared), else to the system's temporary folder, under a fresh name.
"""

from __future__ import annotations

import os
import sys

from .. import __version__, clock
from ..errors import ExitCode, printable
from ..redact import redactor

CRASH_DIR = "NIEUWSBRIEF_CRASH_DIR"
_SHOWN_CHARS = 200


def crash_report(exc: BaseException) -> tuple[str, dict[str, object]]:
    """Write the log of ``exc``; the one line to print and the --json result that say so."""
    log = _write_log(exc)
    what = printable(redactor(os.environ)(f"{type(exc).__name__}: {exc}"))[:_SHOWN_CHARS]
    where = f"the details are in {log}" if log else "the details could not be written to a log file"
    line = f"nieuwsbrief: internal error ({what}): this is a bug, please report it ({where})"
    result: dict[str, object] = {"ok": False, "exit_code": int(ExitCode.INTERNAL), "error": "internal error", "log": log}
    return line, result


def _write_log(exc: BaseException) -> str:
    """The log's path, or "" when no log could be written (then the line on stderr is all there is)."""
    import platform
    import tempfile
    import traceback

    details = "".join(
        [
            f"nieuwsbrief {__version__} stopped with an internal error at {clock.now().isoformat(timespec='seconds')}\n",
            f"command: {sys.argv!r}\n",
            f"python {platform.python_version()} on {platform.platform()}\n\n",
            *traceback.format_exception(exc),
        ]
    )
    try:
        folder = os.environ.get(CRASH_DIR) or tempfile.gettempdir()
        os.makedirs(folder, exist_ok=True)
        handle, path = tempfile.mkstemp(prefix="nieuwsbrief-crash-", suffix=".log", dir=folder)
        with os.fdopen(handle, "w", encoding="utf-8", errors="backslashreplace") as log:
            log.write(redactor(os.environ)(details))  # a traceback may quote a server's answer, or a key
    except OSError:
        return ""
    return path
