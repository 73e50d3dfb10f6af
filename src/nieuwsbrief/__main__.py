"""`python -m nieuwsbrief` and the `nieuwsbrief` console script.

The signal handlers go in before anything else loads: Ctrl-C while the modules load (a tenth of a second)
ends the run like Ctrl-C at any later moment, with one line and exit 130, never with a traceback.
"""

from __future__ import annotations

import sys

from .signals import Interrupted, catch_signals, exit_code, stopped_message


def main() -> None:
    try:
        catch_signals()
        from .cli import main as command_line  # typer, click and the commands: most of the start-up

        command_line()
    except (Interrupted, KeyboardInterrupt) as stop:
        print(stopped_message(stop), file=sys.stderr)
        sys.exit(exit_code(stop))


if __name__ == "__main__":
    main()
