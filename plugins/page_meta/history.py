"""When each file last changed, from Git history, in one ``git log`` for a whole folder.
Imports nothing from Pelican.

One subprocess for the whole content tree, not one per page: ``git log --name-only`` lists the
files each commit touched, newest commit first, so the first time a file appears is its last
change. Outside a Git checkout (a downloaded zip, a generated benchmark site) the result is
empty and callers fall back to the file's own modification time.
"""

import datetime
import functools
import os
import subprocess

# A separator no file name can contain, so the dates and names can be told apart.
_COMMIT = "\x1e"


@functools.lru_cache(maxsize=8)
def repository_root(folder):
    """The top folder of the Git checkout holding ``folder``, or None (asked once per folder:
    the live preview builds many times in one process)."""
    try:
        result = subprocess.run(["git", "-C", folder, "rev-parse", "--show-toplevel"],
                                capture_output=True, text=True, check=False)
    except OSError:  # no git installed
        return None
    if result.returncode != 0:
        return None
    return os.path.realpath(result.stdout.strip())


def last_changes(folder):
    """``{absolute path: datetime}`` of the last commit that changed each file under ``folder``."""
    folder = os.path.realpath(folder)
    root = repository_root(folder)
    if root is None:
        return {}
    result = subprocess.run(
        # --first-parent: the day a change reached the main line (a merge counts with what it
        # brought); a branch's commits that were undone before it merged change no date.
        ["git", "-C", root, "-c", "core.quotepath=off", "log", "--first-parent",
         "--diff-merges=first-parent", f"--format={_COMMIT}%cI",
         "--name-only", "--no-renames", "--", os.path.relpath(folder, root)],
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:  # e.g. a repository with no commit yet
        return {}
    return parse_log(result.stdout, root)


def parse_log(text, root):
    """The dates in ``git log --format=<_COMMIT>%cI --name-only`` output, newest per file."""
    changed = {}
    when = None
    for line in text.split("\n"):  # not splitlines(): it splits at _COMMIT too
        if line.startswith(_COMMIT):
            when = datetime.datetime.fromisoformat(line[len(_COMMIT):])
        elif line and when is not None:
            changed.setdefault(os.path.normpath(os.path.join(root, line)), when)
    return changed


def file_date(path):
    """The file's own modification time, in the local time zone."""
    return datetime.datetime.fromtimestamp(os.path.getmtime(path)).astimezone()
