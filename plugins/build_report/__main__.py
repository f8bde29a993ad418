"""Run a Pelican build and end it with a report: ``python -m build_report [--strict]
[--list-drafts] [--timings] [pelican arguments…]``.

Prints the drafts and the sections slower checks add (with ``--list-drafts``), then
``build: N errors, M warnings``; exits 1 under ``--strict`` when any error was logged, or when
Pelican itself failed. ``--timings`` ends the report with each plugin's share of the build
(timings.py).
"""

import logging
import sys

import pelican

from sitelib.outputs import linked_output

from . import build_report, timings


class PlainFormatter(logging.Formatter):
    """The message alone. Tracebacks are for developers: shown only with -D (debug)."""

    def __init__(self, debug):
        super().__init__("%(message)s")
        self.debug = debug

    def formatException(self, exc_info):
        return super().formatException(exc_info) if self.debug else ""

    def format(self, record):
        text = super().format(record)
        return text.rstrip() if not self.debug else text


def plural(count, word):
    return f"{count} {word}{'' if count == 1 else 's'}"


def _output_of(args):
    """The output folder named by ``-o``/``--output`` (``-o X``, ``--output=X``), or None."""
    for index, arg in enumerate(args):
        if arg in ("-o", "--output") and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--output="):
            return arg.split("=", 1)[1]
    return None


def main(argv=None):
    args = list(sys.argv[1:] if argv is None else argv)
    strict = "--strict" in args
    list_drafts = "--list-drafts" in args
    show_timings = "--timings" in args
    args = [a for a in args if a not in ("--strict", "--list-drafts", "--timings")]

    # One plain line per record, so `path:line: error: message` reaches the terminal, the
    # editor and CI unchanged. Installed before Pelican's own set-up, which then keeps it.
    root = logging.getLogger()
    console = logging.StreamHandler(sys.stderr)
    console.setFormatter(PlainFormatter(debug="-D" in args))
    tally = build_report.Tally()
    root.addHandler(console)
    root.addHandler(tally)
    root.setLevel(logging.DEBUG if "-D" in args else logging.INFO if "-v" in args else logging.WARNING)
    refused = linked_output(_output_of(args), "make html")
    if refused:
        print(f"build: {refused}", file=sys.stderr)
        return 1
    if list_drafts:
        # A setting of this build (Pelican's --extra-settings), read by the checks through
        # build_report.report_of: the slow ones run and add their sections.
        args += ["-e", 'BUILD_REPORT={"full": true}']
    status = 0
    if show_timings:
        timings.install()
    try:
        with build_report.reports() as found:
            pelican.main(args)
    except SystemExit as stop:  # Pelican exits 1 after logging a critical failure
        status = stop.code if isinstance(stop.code, int) else 1
    finally:
        root.removeHandler(tally)
        root.removeHandler(console)

    report = found[-1] if found else build_report.Report()
    if list_drafts and report.drafts:
        count = len(report.drafts)
        print(f"To do: {plural(count, 'draft page')} waiting to be written (not an error):")
        for line in report.drafts:
            print(f"  {line}")
    for heading, lines in report.sections.items() if list_drafts else ():
        print(heading)
        for line in lines:
            print(f"  {line}")
    for line in timings.report() if show_timings else ():
        print(line)
    print(f"build: {plural(tally.errors, 'error')}, {plural(tally.warnings, 'warning')}")
    if strict and tally.errors and not status:
        print("build: failed. Fix each error above; it names the file and the line.")
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
