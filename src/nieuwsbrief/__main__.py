"""`python -m nieuwsbrief` and the `nieuwsbrief` console script.

The signal handlers go in before anything else loads: Ctrl-C while the modules load (a tenth of a second)
ends the run like Ctrl-C at any later moment, with one line and exit 130, never with a traceback. A bug
anywhere, in the library or while typer parses and prints, is exit 70 with one line and a log file.
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
        from .cli import app_for, report_crash  # typer, click and the commands: most of the start-up

        # Called from here, not through another function: one frame more on this path made CPython 3.11 map and
        # free a frame-stack chunk thousands of times in a deep loop of a warm compose (strace: 6,124 munmap
        # calls instead of 395, at 10,000 articles).
        app_for(sys.argv[1:])(prog_name="nieuwsbrief")
    except (Interrupted, KeyboardInterrupt) as stop:
        print(stopped_message(stop), file=sys.stderr)
        sys.exit(exit_code(stop))
    except Exception as exc:  # outside the funnel: while typer parsed the command line, or printed a result
        sys.exit(report_crash(exc))
    sys.exit(0)


if __name__ == "__main__":
    main()
