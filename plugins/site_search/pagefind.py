"""Run Pagefind over a built site. Imports nothing from Pelican.

Pagefind comes from PyPI (``pagefind[bin]``, pinned in requirements.txt): its binary ships in
the wheel, so indexing needs no network. It reads every HTML file under the output folder,
indexes the ``<main data-pagefind-body>`` of the content pages (other pages are skipped) and
writes one index per ``<html lang>`` into ``pagefind/``, beside the Component UI's script and
stylesheet that only the search page loads.

Pagefind is told that each page's ``data-pagefind-body`` element is the root of the page
(``--root-selector``): it then reads only that element of a page (and ``<html lang>``), where
it would otherwise follow every element of the page, the site's menu included, to find what it
indexes. The menu is most of a page's bytes, and following it was half of Pagefind's time on a
site of 1,000 pages (issue 22). The index is the same, file for file
(tests/test_site_search.py builds it both ways), as long as everything Pagefind reads is inside
the body: a ``data-pagefind-meta``, ``-filter`` or ``-sort`` attribute outside it (in
``<head>``, say) would be left out. A site on which no page has the attribute makes that run
fail; Pagefind then runs as it does by default (indexing every ``<body>``).
"""

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pagefind.service import get_executable

BUNDLE = "pagefind"
#: The element Pagefind indexes on a page (the theme's ``<main data-pagefind-body>``), given
#: to Pagefind as the root of each page.
ROOT = "[data-pagefind-body]"


@dataclass(frozen=True)
class Outcome:
    ok: bool
    languages: tuple = ()  # the languages Pagefind wrote an index for
    message: str = ""  # why it failed, in Pagefind's own words


def command(output, root=ROOT, bundle=None):
    """Pagefind's command for ``output``: the binary that ``python -m pagefind`` starts
    (PAGEFIND_BINARY_PATH, the extended binary, the wheel's, the PATH, in that order), found
    without starting another Python; ``root``: the root selector, or None for Pagefind's own;
    ``bundle``: where the index goes (default: ``output/pagefind``)."""
    binary = get_executable()
    if binary is None:
        raise FileNotFoundError("Could not find the pagefind binary: reinstall the pagefind[bin] package")
    where = ["--output-path", str(bundle)] if bundle else ["--output-subdir", BUNDLE]
    return [str(binary), "--site", str(output), *where, "--silent",
            *(["--root-selector", root] if root else [])]


def _run(output, root, timeout):
    """One Pagefind run: an Outcome when Pagefind ran; OSError or TimeoutExpired when it did not."""
    done = subprocess.run(command(output, root), capture_output=True, text=True, timeout=timeout,
                          check=False)
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()
        return Outcome(False, message=" ".join(said[-3:]) or f"exit status {done.returncode}")
    return Outcome(True, languages=languages(output))


def index_site(output, timeout=120):
    """Index ``output`` with Pagefind's command (the same binary its Python API starts), each
    page's body as its root; if Pagefind fails that way (no page has a body), as it does by
    default."""
    try:
        outcome = _run(output, ROOT, timeout)
        return outcome if outcome.ok else _run(output, None, timeout)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Outcome(False, message=str(exc))


def languages(output):
    """The languages of the index Pagefind wrote, from its pagefind-entry.json."""
    try:
        entry = json.loads((Path(output) / BUNDLE / "pagefind-entry.json").read_text("utf-8"))
    except (OSError, ValueError):
        return ()
    return tuple(sorted(entry.get("languages", {})))
