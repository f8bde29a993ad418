"""Run Pagefind over a built site. Imports nothing from Pelican.

Pagefind comes from PyPI (``pagefind[bin]``, pinned in requirements.txt): its binary ships in
the wheel, so indexing needs no network. It reads every HTML file under the output folder,
indexes the ``<main data-pagefind-body>`` of the content pages (other pages are skipped) and
writes one index per ``<html lang>`` into ``pagefind/``, beside the Component UI's script and
stylesheet that only the search page loads.
"""

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

BUNDLE = "pagefind"


@dataclass(frozen=True)
class Outcome:
    ok: bool
    languages: tuple = ()  # the languages Pagefind wrote an index for
    message: str = ""  # why it failed, in Pagefind's own words


def index_site(output, timeout=120):
    """Index ``output`` with Pagefind's command (the same binary its Python API starts)."""
    command = [sys.executable, "-m", "pagefind", "--site", str(output), "--output-subdir", BUNDLE,
               "--silent"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Outcome(False, message=str(exc))
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()
        return Outcome(False, message=" ".join(said[-3:]) or f"exit status {done.returncode}")
    return Outcome(True, languages=languages(output))


def languages(output):
    """The languages of the index Pagefind wrote, from its pagefind-entry.json."""
    try:
        entry = json.loads((Path(output) / BUNDLE / "pagefind-entry.json").read_text("utf-8"))
    except (OSError, ValueError):
        return ()
    return tuple(sorted(entry.get("languages", {})))
