"""Time one edit in the live preview: from saving a page to the browser showing it.

``python -m devserver.measure [--runs 5]`` copies the real content to a temporary folder,
starts ``python -m devserver`` on it, opens the Emergency page in Debian's Chromium (driven by
Playwright), then appends a new sentence to that page's Markdown and waits for the open tab to
show it, ``runs`` times. It prints each time and the median; the goal is under one second.
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
PAGE = "pages/resources/emergency.md"
URL = "resources/emergency/"
GOAL = 1.0


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


def measure(runs=5, chromium=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")):
    """Seconds from each save to the refreshed page showing the new sentence."""
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
            wait_until_served(base + URL)
            times = []
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium,
                                                     args=["--no-sandbox", "--disable-gpu"])
                tab = browser.new_page()
                tab.goto(base + URL)
                tab.wait_for_function("window.LiveReload !== undefined")
                time.sleep(1)  # let the live-reload connection settle
                for run in range(runs):
                    marker = f"Edit number {run + 1} for the timing."
                    with open(content / PAGE, "a", encoding="utf-8") as f:
                        f.write(f"\n{marker}\n")
                    saved = time.perf_counter()
                    tab.wait_for_selector(f"text={marker}", timeout=10_000)
                    times.append(time.perf_counter() - saved)
                    time.sleep(0.5)
                browser.close()
            return times
        finally:
            server.terminate()
            server.wait(timeout=10)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m devserver.measure", description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    times = measure(args.runs)
    print("save to refreshed page, seconds: " + ", ".join(f"{t:.2f}" for t in times))
    median = statistics.median(times)
    print(f"median {median:.2f} s, slowest {max(times):.2f} s (goal: under {GOAL:.0f} s)")
    return 0 if max(times) < GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
