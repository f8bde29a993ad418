"""Page weight: each page's HTML plus its render-blocking CSS, gzipped, against a 14 KB goal.

14 KB (14,336 bytes) is roughly what a server can send in the first round trip of a new
connection (TCP's initial window of 10 segments): a page within it can start to render after
one round trip, which matters on a slow rural connection. A stylesheet linked in <head> blocks
rendering unless it is for print only, so it counts; images and deferred scripts do not.

Sizes are gzip at level 6, zlib's default and what most servers send. Each file is compressed
on its own, as it travels. ``weigh_site(output)`` is the measure (tests/test_page_weight.py
asserts the goal on every page); ``run(sites)`` is the benchmark for bench/run.py.

The search page is the one exception (issue 14): it loads Pagefind's Component UI, which no
other page loads. ``is_search_page`` tells it apart (it links Pagefind's script), and
``weigh_search_page`` records what it costs: on load, and with the search bundle a first
search fetches.
"""

import gzip
import shutil
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
BUDGET = 14 * 1024
NON_BLOCKING_MEDIA = {"print"}
#: The script only the search page loads (plugins/site_search, templates/search.html).
PAGEFIND_UI = "pagefind/pagefind-component-ui.js"
#: What a first search fetches besides the index chunks and fragments, which depend on the words
#: searched for: the search library, its worker, and the WebAssembly for the page's language.
PAGEFIND_SEARCH = ("pagefind/pagefind.js", "pagefind/pagefind-worker.js", "pagefind/wasm.{lang}.pagefind")


@dataclass(frozen=True)
class PageWeight:
    """Gzipped bytes of one page and of the stylesheets that block its first render."""

    path: str
    html: int
    css: int
    stylesheets: tuple

    @property
    def total(self):
        return self.html + self.css


def gzipped_size(data):
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def render_blocking_stylesheets(soup):
    """hrefs of the <head> stylesheets a browser must load before it first paints."""
    head = soup.head
    if head is None:
        return []
    hrefs = []
    for link in head.find_all("link", href=True):
        rel = [value.lower() for value in link.get("rel", [])]
        media = (link.get("media") or "all").strip().lower()
        if "stylesheet" in rel and "alternate" not in rel and media not in NON_BLOCKING_MEDIA:
            hrefs.append(link["href"])
    return hrefs


def render_blocking_scripts(soup):
    """<script> elements that stop the parser: classic scripts without defer or async.

    A script whose type is not JavaScript (JSON-LD, templates) is data and never runs.
    """
    blocking = []
    for script in soup.find_all("script"):
        kind = (script.get("type") or "text/javascript").strip().lower()
        if kind == "module" or ("javascript" not in kind and kind != "text/ecmascript"):
            continue
        if script.get("src") and (script.has_attr("defer") or script.has_attr("async")):
            continue
        blocking.append(script)
    return blocking


def local_file(output, page_path, href):
    """The file in ``output`` an href on ``page_path`` loads, or None if it is on another host."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    url_path = unquote(parts.path)
    if url_path.startswith("/"):
        return Path(output) / url_path.lstrip("/")
    return (Path(output) / page_path).parent / url_path


def weigh_page(output, path, css_sizes=None):
    """The PageWeight of ``path`` (relative to ``output``). A stylesheet that is missing or
    on another host raises ValueError, since the page could not be weighed honestly.
    ``css_sizes`` (a dict) remembers stylesheets already weighed, for a whole site."""
    output = Path(output)
    css_sizes = {} if css_sizes is None else css_sizes
    html = (output / path).read_bytes()
    head_end = html.find(b"</head>")
    head = html[: head_end + len(b"</head>")] if head_end >= 0 else html
    hrefs = render_blocking_stylesheets(BeautifulSoup(head, "lxml"))
    css = 0
    for href in hrefs:
        stylesheet = local_file(output, path, href)
        if stylesheet is None or not stylesheet.is_file():
            raise ValueError(f"{path}: render-blocking stylesheet {href!r} is not a file of this site")
        if stylesheet not in css_sizes:
            css_sizes[stylesheet] = gzipped_size(stylesheet.read_bytes())
        css += css_sizes[stylesheet]
    return PageWeight(path=path, html=gzipped_size(html), css=css, stylesheets=tuple(hrefs))


def weigh_site(output):
    """A PageWeight for every HTML file under ``output``, sorted by path."""
    output = Path(output)
    paths = sorted(p.relative_to(output).as_posix() for p in output.rglob("*.html"))
    css_sizes = {}
    return [weigh_page(output, path, css_sizes) for path in paths]


def is_search_page(soup):
    """True for a page that loads Pagefind's UI: the search page, exempt from the budget."""
    return any(script.get("src", "").endswith(PAGEFIND_UI) for script in soup.find_all("script"))


@dataclass(frozen=True)
class SearchPageWeight:
    path: str
    on_load: int  # HTML, render-blocking CSS and the scripts it links, gzipped
    first_search: int  # on_load plus pagefind.js, its worker and the language's WebAssembly


def weigh_search_page(output, path):
    """What the search page ``path`` costs, gzipped (see :class:`SearchPageWeight`)."""
    output = Path(output)
    page = weigh_page(output, path)
    soup = BeautifulSoup((output / path).read_bytes(), "lxml")
    scripts = 0
    for script in soup.find_all("script", src=True):
        file = local_file(output, path, script["src"])
        if file is not None and file.is_file():
            scripts += gzipped_size(file.read_bytes())
    on_load = page.total + scripts
    lang = (soup.html.get("lang") if soup.html else None) or "en"
    bundle = sum(gzipped_size((output / name.format(lang=lang)).read_bytes())
                 for name in PAGEFIND_SEARCH if (output / name.format(lang=lang)).is_file())
    return SearchPageWeight(path=path, on_load=on_load, first_search=on_load + bundle)


def search_pages(output):
    """The paths of the search pages under ``output``, sorted."""
    output = Path(output)
    return sorted(p.relative_to(output).as_posix() for p in output.rglob("*.html")
                  if is_search_page(BeautifulSoup(p.read_bytes(), "lxml")))


def kilobytes(size):
    return f"{size / 1024:.1f} KB"


def build_real_site(folder=None):
    """The real content built with the project's settings into ``folder``/output (by default
    beside the generated sites)."""
    if folder is None:
        sys.path.insert(0, str(BENCH))
        from generate import sites_folder  # noqa: PLC0415 (tests load this module by path, without bench/ on sys.path)

        folder = sites_folder() / "real"
    output = folder / "output"
    shutil.rmtree(output, ignore_errors=True)
    done = subprocess.run([sys.executable, "-m", "pelican", str(ROOT / "content"), "-o", str(output),
                           "-s", str(ROOT / "pelicanconf.py"), "-q"],
                          cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"bench_page_weight: the real site did not build:\n{done.stdout}{done.stderr}")
    return output


def run(sites):
    """Markdown for bench/RESULTS.md: the real site, then one row per generated site.

    ``sites`` maps a site's name (bench/run.py: its number of pages) to its built output folder
    (or to anything with ``.output``).
    """
    sites = {"real site": build_real_site(),
             **{f"{name:,} pages" if isinstance(name, int) else name: site for name, site in sites.items()}}
    rows = [
        "## Page weight",
        "",
        f"Goal (issue 7): every page's HTML plus its render-blocking CSS at most {BUDGET:,} bytes "
        "(14 KB) gzipped, what arrives in the first round trip. Gzip level 6, each file on its own; "
        "tests/test_page_weight.py holds the real site to it. Lighthouse's scores for three pages "
        "are in [LIGHTHOUSE.md](LIGHTHOUSE.md) (`make lighthouse`, optional: it needs Node.js).",
        "",
        "| Site | Pages | Median HTML+CSS (gzip) | Largest page | Pages within 14 KB | Goal |",
        "| --- | ---: | ---: | --- | ---: | --- |",
    ]
    for name, site in sites.items():
        weights = weigh_site(getattr(site, "output", site))
        if not weights:
            rows.append(f"| {name} | 0 | – | – | – | every page ≤ {BUDGET:,} B |")
            continue
        largest = max(weights, key=lambda weight: weight.total)
        median = statistics.median(weight.total for weight in weights)
        within = sum(weight.total <= BUDGET for weight in weights)
        rows.append(
            f"| {name} | {len(weights):,} | {kilobytes(median)} | {kilobytes(largest.total)} "
            f"(`{largest.path}`: HTML {kilobytes(largest.html)} + CSS {kilobytes(largest.css)}) "
            f"| {within:,}/{len(weights):,} | every page ≤ {BUDGET:,} B (14 KB) |")
    rows += search_page_rows(sites["real site"])
    return "\n".join(rows)


def search_page_rows(output):
    """The search pages' weight (issue 14): the only pages over the budget, by design."""
    rows = ["", "The search pages of the real site (one per language) are the only pages allowed "
            "over the budget: they load Pagefind's Component UI (its script and stylesheet). "
            "Counted like the other pages "
            "(gzip, each file on its own), plus the scripts it links; a first search also fetches "
            "pagefind.js, its worker and the language's WebAssembly (the index chunks and "
            "fragments it fetches depend on the words searched for and are not counted).",
            "",
            "| Search page | HTML+CSS (gzip) | On load, with scripts | After a first search |",
            "| --- | ---: | ---: | ---: |"]
    for path in search_pages(output):
        weight = weigh_search_page(output, path)
        html_css = weigh_page(output, path).total
        rows.append(f"| `{path}` | {kilobytes(html_css)} | {kilobytes(weight.on_load)} | "
                    f"{kilobytes(weight.first_search)} |")
    return rows


if __name__ == "__main__":
    # python bench/bench_page_weight.py [built-output/ …]: the real site, then those folders
    print(run({folder: Path(folder) for folder in sys.argv[1:]}))
