"""Time one edit in the live preview: from saving a page to the browser showing it.

``python -m devserver.measure [--runs 5]`` copies the real content to a temporary folder,
starts ``python -m devserver`` on it, opens the Emergency page in Debian's Chromium (driven by
Playwright), then appends a new sentence to that page's Markdown and waits for the open tab to
show it, ``runs`` times, and the same for the Spanish Emergency page. It prints each time, the
median and the slowest; the goal is a median under 0.3 s.
"""

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
#: The pages edited, one per language: (Markdown file under content/, address).
PAGES = (("pages/resources/emergency.md", "resources/emergency/"),
         ("pages/resources/emergency.es.md", "es/resources/emergency/"))
GOAL = 0.3


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_served(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the devserver did not answer at {url}")


def measure(runs=5, chromium=None):
    """Seconds from each save to the refreshed page showing the new sentence: ``runs`` edits of
    each language's page, as {address: [seconds, …]}."""
    chromium = chromium or os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    with tempfile.TemporaryDirectory(prefix="devserver-measure-") as tmp:
        content = Path(tmp) / "content"
        shutil.copytree(ROOT / "content", content)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "devserver", str(content), str(Path(tmp) / "output"),
             "--settings", str(ROOT / "pelicanconf.py"), "--port", str(port),
             "--cache", str(Path(tmp) / "cache")],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}/"
            wait_until_served(base + PAGES[0][1])
            times = {}
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium,
                                                     args=["--no-sandbox", "--disable-gpu"])
                for page, url in PAGES:
                    tab = browser.new_page()
                    tab.goto(base + url)
                    tab.wait_for_function("window.LiveReload !== undefined")
                    time.sleep(1)  # let the live-reload connection settle
                    times[url] = []
                    for run in range(runs):
                        marker = f"Edit number {run + 1} for the timing."
                        with open(content / page, "a", encoding="utf-8") as f:
                            f.write(f"\n{marker}\n")
                        saved = time.perf_counter()
                        tab.wait_for_selector(f"text={marker}", timeout=10_000)
                        times[url].append(time.perf_counter() - saved)
                        time.sleep(1.5)  # let the rest of the build finish: each edit starts alone
                    tab.close()
                browser.close()
            return times
        finally:
            server.terminate()
            server.wait(timeout=10)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m devserver.measure", description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    every = []
    for url, times in measure(args.runs).items():
        every += times
        print(f"/{url}: save to refreshed page, seconds: " + ", ".join(f"{t:.2f}" for t in times))
    median = statistics.median(every)
    print(f"median {median:.2f} s, slowest {max(every):.2f} s (goal: median under {GOAL} s)")
    return 0 if median < GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
