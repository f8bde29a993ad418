"""Pelican's once-per-process log limit, reset between builds that share a process.

Pelican's loggers carry a ``LimitFilter`` that drops any warning or info line already logged in
the process (``pelican.log``). One build is one process under ``make html``, so that only
removes repeats within the build. The live preview and the tests build many times in one
process: without a reset, the second save with the same mistake would print nothing, and the
preview's own line for an edit ("… rebuilt in 0.80 s") would vanish whenever its figures equal
an earlier edit's.
"""

from pelican.log import LimitFilter


def reset_log_limits():
    """Forget what Pelican's log filter has seen, so the next build reports everything afresh.

    The filter keeps its memory in class attributes and Pelican offers no public reset
    (README.md, "Private attributes we use")."""
    LimitFilter._ignore.clear()
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
