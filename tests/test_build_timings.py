"""`python -m build_report --timings`: each plugin's own seconds at the end of the report
(plugins/build_report/timings.py). Only the form of the report is checked, never a time."""

import json
import re
import subprocess
import sys

from conftest import ROOT, fixture_copy_with_essentials


def test_timings_name_every_plugin_and_the_build_still_reports(tmp_path):
    content = fixture_copy_with_essentials(tmp_path, "links_clean")
    result = subprocess.run(
        [sys.executable, "-m", "build_report", "--timings", str(content), "-o", str(tmp_path / "output"),
         "--log-handler", "plain", "-s", str(ROOT / "pelicanconf.py"),
         "-e", "CACHE_PATH=" + json.dumps(str(tmp_path / "cache"))],
        cwd=ROOT, capture_output=True, text=True, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output
    assert re.search(r"^timings: whole build [\d.]+ s", output, re.M), output
    plugins = set(re.findall(r"^  (\w+) +[\d.]+ s +[\d.]+%$", output, re.M))
    assert {"nested_navigation", "front_matter", "link_checker", "page_meta", "sitemap"} <= plugins, output
    # The timed hooks that are classes, not receivers: the reader (and a plugin's receivers).
    assert re.search(r"^    nested_navigation: all_generators_finalized +[\d.]+ s in \d", output, re.M), output
    assert re.search(r"^    front_matter: reader +[\d.]+ s in \d", output, re.M), output
    assert re.search(r"^    link_checker: content_written +[\d.]+ s in \d", output, re.M), output
    # A receiver connected during the build: the link check, connected to `finalized` again
    # once every file is read so that it runs last, is timed too.
    assert re.search(r"^    link_checker: pelican_finalized +[\d.]+ s in 1 calls$", output, re.M), output
    assert output.rstrip().endswith("build: 0 errors, 0 warnings"), output


def test_without_the_flag_there_are_no_timings(tmp_path):
    content = fixture_copy_with_essentials(tmp_path, "links_clean")
    result = subprocess.run(
        [sys.executable, "-m", "build_report", str(content), "-o", str(tmp_path / "output"),
         "--log-handler", "plain", "-s", str(ROOT / "pelicanconf.py"),
         "-e", "CACHE_PATH=" + json.dumps(str(tmp_path / "cache"))],
        cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert "timings:" not in result.stdout + result.stderr
