"""The navigation's HTML on every page of a built site, as one JSON-able dict.

Taken first before plugins/navigation_tree became the pelican-nested-navigation package (issue 19;
the package gave the same HTML on every page), then again once issue 20's header, News page and
new pages had landed, and committed in tests/fixtures/navigation_snapshot/:
tests/test_navigation_package.py builds the same sites from the installed package and compares, so
no change to the code moves a menu, breadcrumb, section list, pager or list pager, or makes a page
appear or go missing. The council's content is built as it was at conftest.SNAPSHOT_CONTENT_COMMIT,
so a volunteer's edit to content/ never changes the comparison.

    .venv/bin/python tests/navigation_snapshot.py     # (re)writes the two snapshots

Two sites: the council's own content, and bench/generate.py's site of 110 pages, whose Library
section is long enough for "In this section" to go on over a second page. The snapshots are
gzipped JSON (most of their size is the same menu over and over).
"""

import gzip
import importlib.util
import json
import sys
from pathlib import Path

from bs4 import BeautifulSoup

# tests/ is on sys.path: pytest puts it there, and so does Python when this file runs as a script.
from conftest import ROOT, SNAPSHOT_CONTENT_COMMIT, build_site, content_at

HERE = Path(__file__).resolve().parent
SNAPSHOTS = HERE / "fixtures" / "navigation_snapshot"
GENERATED_PAGES = 110

#: What the navigation draws on a page: the menu, the breadcrumbs, "In this section" (with its list
#: pager), previous/next, the list pager's <link rel> in <head>, the menu's script and the
#: "Page 2 of 3" title of a further page of a list.
SELECTORS = ("nav.site-nav", "nav.breadcrumbs", "section.section-list", "nav.pager", "nav.pagination",
             "head link[rel=prev]", "head link[rel=next]", "script[src]", "title")


def snapshot(output):
    """``{"pages": {page path: {selector: [fragment number, …]}}, "fragments": [outer HTML, …]}``
    for every HTML file under ``output``. Most pages share their menu, so each distinct fragment
    is stored once and pages name it by number (in order of first appearance)."""
    output = Path(output)
    fragments, numbers, pages = [], {}, {}
    for path in sorted(output.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        found = {}
        for selector in SELECTORS:
            for element in soup.select(selector):
                html = str(element)
                if html not in numbers:
                    numbers[html] = len(fragments)
                    fragments.append(html)
                found.setdefault(selector, []).append(numbers[html])
        pages[path.relative_to(output).as_posix()] = found
    return {"pages": pages, "fragments": fragments}


def expand(snap):
    """``{page path: {selector: [outer HTML, …]}}``: a snapshot with its fragments written out, so
    a difference shows as HTML."""
    fragments = snap["fragments"]
    return {page: {selector: [fragments[n] for n in numbers] for selector, numbers in found.items()}
            for page, found in snap["pages"].items()}


def sites(folder):
    """Build the two sites into ``folder``: ``{snapshot name: BuiltSite}``."""
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    folder = Path(folder)
    content = generate.generate(folder / "generated" / "content", GENERATED_PAGES)
    council = content_at(SNAPSHOT_CONTENT_COMMIT, folder / "frozen")
    return {"council": build_site(council, folder / "council"),
            f"generated-{GENERATED_PAGES}": build_site(content, folder / "generated" / "output")}


def load(name):
    with gzip.open(SNAPSHOTS / f"{name}.json.gz", "rt", encoding="utf-8") as f:
        return json.load(f)


def save(name, snap):
    SNAPSHOTS.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same snapshot gives the same bytes, so git sees no change.
    with open(SNAPSHOTS / f"{name}.json.gz", "wb") as raw, \
            gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f:
        f.write(json.dumps(snap, indent=0, ensure_ascii=False).encode("utf-8"))


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        for name, site in sites(folder).items():
            if site.errors:
                sys.exit(f"{name}: the build has errors: {site.errors[:3]}")
            save(name, snapshot(site.output))
            print(f"{name}: {len(site.pages())} pages")
