"""Atomic publishing behind ``make publish``: ``python -m publish``. Not a Pelican plugin.

``python -m publish [--settings publishconf.py] CONTENT OUTPUT [pelican options…]`` builds the
production site with the strict check (``python -m build_report --strict --list-drafts``, as
``make check`` does; SITEURL comes from the environment) and only then puts it at OUTPUT, so
that at every moment OUTPUT is a complete site: the one published before, or the new one.
Never nothing, never half of each.

How:

* **One publish at a time.** A lock (``fcntl.flock`` on ``.publish-<name>/lock`` beside
  OUTPUT) is held for the whole run. A second publish started meanwhile *waits* for the
  first, says so, and then publishes its own build: the run started last is the one left
  at OUTPUT, and each run's last line is true when it is printed. (Waiting, not refusing:
  a deployment queued behind another is not lost.) The operating system drops the lock
  when a process ends in any way, so a killed run never leaves a stale lock behind.
* **A private folder per run** (``.publish-<name>/run-<random>/``): the build never
  writes where a reader, the deployment or another run looks. A failed build's folder is
  removed and OUTPUT is left as it was.
* **One atomic step to swap.** OUTPUT is a symbolic link to the newest run's folder. A new
  link is made beside it and renamed over it (``os.replace``: a rename is atomic), so OUTPUT
  points at the old folder or at the new one and never at nothing. The first time, OUTPUT
  may be a real folder (from ``make html``): a real folder cannot be renamed over, so the
  two are exchanged in one step with Linux's ``renameat2(RENAME_EXCHANGE)`` (macOS:
  ``renamex_np(RENAME_SWAP)``). Only where neither exists is the real folder moved aside
  first, and the message says so.
* Then the older runs' folders (and any a killed run left behind) are removed.
* **Only its own links.** A ``.publish-<name>`` that is a symbolic link, or an OUTPUT that is a
  link publish did not make (one committed to the repository), is refused before anything is
  built or removed: following it would build into, and clean out, the folder it points to.

``PUBLISH_STOP_AFTER=<step>`` (one of :data:`STEPS`) kills the run with SIGKILL right after
that step, as a power cut would; the tests use it to stop a publish between every two steps.
"""

import argparse
import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import signal
import subprocess
import sys
import tempfile

#: The steps of a run, in order. A stop after any of them leaves OUTPUT complete.
STEPS = ("locked", "folder", "built", "linked", "swapped", "cleaned")

STOP_VARIABLE = "PUBLISH_STOP_AFTER"
LOCK_NAME = "lock"


def runs_folder(output):
    """Where the runs of ``output`` live: ``.publish-<name>/`` beside it (gitignored)."""
    return os.path.join(os.path.dirname(output), f".publish-{os.path.basename(output)}")


def stop_point(step):
    """Die here, at once and without cleaning up, when the tests ask for it."""
    wanted = os.environ.get(STOP_VARIABLE)
    if wanted == step:
        sys.stdout.flush()
        os.kill(os.getpid(), signal.SIGKILL)


@contextlib.contextmanager
def locked(path, say):
    """Hold an exclusive lock on ``path`` for the ``with`` block; wait for it if it is held."""
    # O_NOFOLLOW: a link planted at the lock's name must not have its target emptied.
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "unknown"
            say(f"publish: another publish is running (process {holder}); waiting for it to finish")
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the file releases the lock


def _exchange(first, second):
    """Swap two paths in one atomic step; OSError when the system or filesystem cannot."""
    libc = ctypes.CDLL(None, use_errno=True)
    if hasattr(libc, "renameat2"):  # Linux (glibc 2.28+)
        at_fdcwd, rename_exchange = -100, 2
        result = libc.renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second),
                                rename_exchange)
    elif hasattr(libc, "renamex_np"):  # macOS
        rename_swap = 2
        result = libc.renamex_np(os.fsencode(first), os.fsencode(second), rename_swap)
    else:
        raise OSError(errno.ENOSYS, "no atomic exchange of two paths here", first)
    if result != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), first)


def swap_in(link, output, say):
    """Put the symbolic link ``link`` at ``output`` in one step. Returns what was at
    ``output`` before when it was a real folder (now at ``link``'s name), else None."""
    if os.path.islink(output) or not os.path.lexists(output):
        os.replace(link, output)
        return None
    try:
        _exchange(link, output)
    except OSError as error:
        # Two steps, with a moment between them without OUTPUT. Only ever the first time.
        say(f"publish: this system cannot swap a folder for a link in one step ({error.strerror}); "
            f"moving {output} aside first")
        aside = link + ".old"
        os.rename(output, aside)
        os.replace(link, output)
        return aside
    return link


def remove(path):
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)  # what cannot go now goes next time
    else:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)


def build(content, folder, settings, pelican_options):
    """The strict build (``make check``'s) into ``folder``; True when it passed."""
    command = [sys.executable, "-m", "build_report", "--strict", "--list-drafts", content,
               "-o", folder, "--log-handler", "plain", *pelican_options, "-s", settings]
    return subprocess.run(command, check=False).returncode == 0


def publish(content, output, settings, pelican_options=(), say=print):
    """Build ``content`` and swap it in at ``output``; return the exit status."""
    if not os.environ.get("SITEURL", "").strip():
        say("publish: say where the site will live, e.g. make publish SITEURL=https://example.org")
        return 1
    output = os.path.abspath(output)  # not resolved: OUTPUT itself is the link
    if os.path.lexists(output) and not (os.path.islink(output) or os.path.isdir(output)):
        say(f"publish: failed; {output} is a file, not a folder: move it away and publish again.")
        return 1
    runs = runs_folder(output)
    refused = not_ours(output, runs)
    if refused:
        say(f"publish: failed; {refused}. Nothing was built or removed.")
        return 1
    try:
        os.makedirs(runs, exist_ok=True)
        with locked(os.path.join(runs, LOCK_NAME), say):
            folder = None
            try:
                stop_point("locked")
                folder = tempfile.mkdtemp(prefix="run-", dir=runs)
                return _run(content, output, settings, pelican_options, runs, folder, say)
            except (KeyboardInterrupt, OSError) as error:
                if folder and os.path.realpath(output) == os.path.realpath(folder):
                    say(f"publish: {output} holds the new site, but the run did not finish "
                        f"({_reason(error)}); the next publish removes the older runs.")
                    return 1
                if folder:
                    remove(folder)
                    remove(folder + ".link")
                raise
    except (KeyboardInterrupt, OSError) as error:  # also while waiting for the lock
        say(f"publish: {_reason(error)}; {output} was left as it was.")
        return 1


def made_by_publish(output, runs):
    """True when ``output`` is a link this tool made: to a ``run-…`` folder right inside
    ``runs`` (followed through the real paths, so ``../..`` and links in between do not fool it)."""
    if not os.path.islink(output):
        return False
    target = os.path.join(os.path.dirname(output), os.readlink(output))
    real_target, real_runs = os.path.realpath(target), os.path.realpath(runs)
    return (os.path.dirname(real_target) == real_runs
            and os.path.basename(real_target).startswith("run-")
            and not os.path.islink(runs))


def not_ours(output, runs):
    """Why publishing must not touch ``output`` or ``runs``, or None. A symbolic link there that
    this tool did not make (one committed to the repository, ``.publish-output -> /home/…``)
    would have the build write into, and the clean-up delete everything in, the folder it
    points to."""
    if os.path.islink(runs):
        return (f"{runs} is a symbolic link (to {os.readlink(runs)}), not the folder publish makes; "
                "publishing would build into, and delete the rest of, the folder it points to. "
                f"Remove the link (rm {runs}) and publish again")
    if os.path.lexists(runs) and not os.path.isdir(runs):
        return f"{runs} is a file, not the folder publish makes: move it away and publish again"
    if os.path.islink(output) and not made_by_publish(output, runs):
        return (f"{output} is a symbolic link to {os.readlink(output)}, which publish did not make "
                f"(publish's links point into {runs}); replacing it could put the site somewhere "
                f"else. Remove the link (rm {output}) and publish again")
    return None


def _reason(error):
    if isinstance(error, KeyboardInterrupt):
        return "stopped"
    return f"failed ({error.strerror}: {error.filename})"


def _run(content, output, settings, pelican_options, runs, folder, say):
    """The steps after the lock is taken and the private folder made."""
    stop_point("folder")
    if not build(content, folder, settings, pelican_options):
        remove(folder)
        say(f"publish: failed; {output} was left as it was.")
        return 1
    os.chmod(folder, 0o755)  # mkdtemp's folder is private to its owner; a site is not
    stop_point("built")
    link = folder + ".link"
    os.symlink(os.path.relpath(folder, os.path.dirname(output)), link)
    stop_point("linked")
    swap_in(link, output, say)
    stop_point("swapped")
    # Under the lock no other run is building, so everything else here is old: the runs
    # published before, a real folder swapped out, and what a killed run left behind.
    for name in os.listdir(runs):
        path = os.path.join(runs, name)
        if name != LOCK_NAME and path != folder:
            remove(path)
    stop_point("cleaned")
    say(f"publish: {output} is ready to deploy (it points to {os.readlink(output)}).")
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m publish",
        description="Build the production site with every check, then swap it in at OUTPUT in "
                    "one atomic step. Further options go to Pelican.")
    parser.add_argument("content", help="the content folder")
    parser.add_argument("output", help="where the published site appears (a link to the newest run)")
    parser.add_argument("--settings", default="publishconf.py")
    args, pelican_options = parser.parse_known_args(argv)
    unknown_step = os.environ.get(STOP_VARIABLE)
    if unknown_step and unknown_step not in STEPS:
        parser.error(f"{STOP_VARIABLE}={unknown_step} is not a step; the steps are: {', '.join(STEPS)}")
    return publish(args.content, args.output, args.settings, pelican_options,
                   say=lambda line: print(line, flush=True))


if __name__ == "__main__":
    sys.exit(main())
