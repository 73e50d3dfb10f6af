"""`python -m nieuwsbrief` and the `nieuwsbrief` console script.

The signal handlers go in before anything else loads: Ctrl-C while the modules load (a tenth of a second)
ends the run like Ctrl-C at any later moment, with one line and exit 130, never with a traceback.
"""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from .signals import catch_signals

        catch_signals()
    except KeyboardInterrupt:  # Ctrl-C before the handlers were in
        print("nieuwsbrief: stopped by SIGINT; no file was left half-written", file=sys.stderr)
        sys.exit(130)
    from .signals import Interrupted, exit_code, stopped_message

    try:
        from .cli import main as command_line  # typer, click and the commands: most of the start-up

        command_line()
    except (Interrupted, KeyboardInterrupt) as stop:
        print(stopped_message(stop), file=sys.stderr)
        sys.exit(exit_code(stop))


if __name__ == "__main__":
    main()
