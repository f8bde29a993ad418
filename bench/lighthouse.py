"""Lighthouse scores for three typical pages, written to bench/LIGHTHOUSE.md (`make lighthouse`).

Serves the built site on 127.0.0.1, runs Lighthouse from npm (a pinned version, fetched by
npx on first use) with Lighthouse's default mobile settings (an emulated mid-range phone on a
throttled 4G connection), against the home page, the recovery-language glossary and the newest
news article, and writes the four category scores and the first contentful paint beside their
goals. The server gzips text files as the real host does. Full reports go to
bench/artifacts/lighthouse/ (not committed).

Needs Node.js 18 or newer (npx) and Chromium: CHROME_PATH says which (default /usr/bin/chromium).
Usage: python bench/lighthouse.py [--lighthouse-version 12.8.2] [output]
"""

import argparse
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import threading
from datetime import datetime, timezone
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bs4 import BeautifulSoup

from run import machine  # the same description of the machine as bench/RESULTS.md

BENCH = Path(__file__).resolve().parent
# Lighthouse 13 needs Node.js 22.19 or newer; 12.8.2 runs on the Node.js 18 and 20 that Debian
# and Ubuntu ship.
LIGHTHOUSE_VERSION = "12.8.2"
CATEGORIES = [("performance", "Performance"), ("accessibility", "Accessibility"),
              ("best-practices", "Best practices"), ("seo", "SEO")]
FCP_GOAL_MS = 1000
# Keep Chromium from calling Google's hosts during the run (updates, sync, field trials).
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync")


class _GzipHandler(SimpleHTTPRequestHandler):
    """Static files, gzipped when the browser accepts it, as the real host (GitHub Pages) sends
    them: without compression Lighthouse would time a heavier page than visitors get."""

    COMPRESSIBLE = (".html", ".css", ".js", ".svg", ".xml", ".txt", ".json")

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and path.is_file() and path.suffix in self.COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format, *args):
        pass


def newest_article(output):
    """Site-relative URL of the news article with the latest date."""
    dated = []
    for page in Path(output).glob("news/[0-9][0-9][0-9][0-9]/*/index.html"):
        time = BeautifulSoup(page.read_bytes(), "lxml").select_one("main time[datetime]")
        dated.append((time["datetime"] if time else "", page.parent.relative_to(output).as_posix() + "/"))
    return max(dated)[1] if dated else None


def pages_to_audit(output):
    pages = [("Home page", ""), ("Glossary", "resources/recovery-language/")]
    article = newest_article(output)
    if article:
        pages.append(("News article", article))
    return [(name, url) for name, url in pages if (Path(output) / url / "index.html").is_file()]


def run_lighthouse(version, url, report_base, chrome_path):
    """One Lighthouse run; returns its JSON result."""
    command = ["npx", "--yes", f"lighthouse@{version}", url, "--quiet",
               "--output=json", "--output=html", f"--output-path={report_base}",
               f"--chrome-flags={CHROME_FLAGS}"]
    environment = dict(os.environ, CHROME_PATH=chrome_path)
    finished = subprocess.run(command, env=environment, capture_output=True, text=True)
    if finished.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}:\n{finished.stderr.strip()[-2000:]}")
    return json.loads(Path(f"{report_base}.report.json").read_text(encoding="utf-8"))


def chromium_version(chrome_path):
    try:
        return subprocess.run([chrome_path, "--version"], capture_output=True, text=True,
                              timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return chrome_path


def score_cell(score):
    if score is None:
        return "–"
    value = round(score * 100)
    return f"**{value}**" if value == 100 else f"{value} ✗"


def report(results, version, chrome_path):
    lines = [
        "# Lighthouse",
        "",
        "Written by `make lighthouse` (bench/lighthouse.py); see bench/artifacts/lighthouse/ for the",
        "full reports of the last run. Lighthouse's default mobile settings: an emulated mid-range",
        "phone on a throttled (simulated) slow 4G connection, against the site served locally.",
        "",
        f"- Date: {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- Machine: {machine()}",
        f"- Lighthouse {version}, {chromium_version(chrome_path)}",
        "",
        "| Page | " + " | ".join(label for _, label in CATEGORIES)
        + " | First contentful paint | Largest contentful paint |",
        "| --- |" + " ---: |" * (len(CATEGORIES) + 2),
    ]
    for name, url, result in results:
        scores = [score_cell(result["categories"].get(key, {}).get("score")) for key, _ in CATEGORIES]
        fcp = result["audits"]["first-contentful-paint"]["numericValue"]
        lcp = result["audits"]["largest-contentful-paint"]["numericValue"]
        fcp_cell = f"{fcp / 1000:.2f} s" + ("" if fcp < FCP_GOAL_MS else " ✗")
        lines.append(f"| {name} (`/{url}`) | " + " | ".join(scores)
                     + f" | {fcp_cell} | {lcp / 1000:.2f} s |")
    lines.append("| **Goal** |" + " 100 |" * len(CATEGORIES) + f" < {FCP_GOAL_MS / 1000:.0f} s | – |")
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", default="output", help="the built site (default: output)")
    parser.add_argument("--lighthouse-version", default=LIGHTHOUSE_VERSION)
    parser.add_argument("--results", default=str(BENCH / "LIGHTHOUSE.md"))
    args = parser.parse_args(argv)

    output = Path(args.output)
    chrome_path = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not (output / "index.html").is_file():
        sys.exit(f"lighthouse: {output}/index.html is missing; build the site first (make html)")
    if shutil.which("npx") is None:
        sys.exit("lighthouse: needs Node.js 18 or newer with npx (Debian: apt-get install npm)")
    if not os.access(chrome_path, os.X_OK):
        sys.exit(f"lighthouse: no Chromium at {chrome_path}; apt-get install chromium, or set CHROME_PATH")

    reports = BENCH / "artifacts" / "lighthouse"
    reports.mkdir(parents=True, exist_ok=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_GzipHandler, directory=str(output)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    results = []
    try:
        for name, url in pages_to_audit(output):
            print(f"lighthouse: {name} /{url}", flush=True)
            slug = url.strip("/").replace("/", "-") or "home"
            results.append((name, url, run_lighthouse(args.lighthouse_version, base + url,
                                                      reports / slug, chrome_path)))
    except RuntimeError as error:
        sys.exit(f"lighthouse: {error}")
    finally:
        server.shutdown()
        server.server_close()

    text = report(results, args.lighthouse_version, chrome_path)
    Path(args.results).write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
