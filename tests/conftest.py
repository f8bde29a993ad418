"""Shared test helpers: settings from the real pelicanconf.py, and real Pelican builds.

Shaped like Pelican's own tests/support.py: ``get_settings(**overrides)`` gives the project's
settings with overrides, ``build_site(content, output, **overrides)`` runs a real build and
returns what it wrote and what it logged, and the session-wide ``real_site`` fixture builds the
real content once for every test that reads it.
"""

import logging
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import pytest
from bs4 import BeautifulSoup
from jinja2.utils import _PassArg
from pelican import Pelican
from pelican.settings import read_settings

from build_report import build_report
from sitelib.log_limits import reset_log_limits

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: The content the content lane reads: content/, or the folder PEER_COUNCIL_CONTENT names (the
#: rewording test points it at a reworded copy, to prove no content test pins a sentence).
CONTENT = Path(os.environ.get("PEER_COUNCIL_CONTENT") or ROOT / "content").resolve()

# The browser tests' fixtures (served site, Chromium, tabs) live in their own module.
pytest_plugins = ["browser_support"]


def get_settings(settings_file=None, **overrides):
    """The project's settings (pelicanconf.py, or a changed copy of it: ``settings_file``), with
    overrides. Paths are made absolute."""
    overrides.setdefault("LOAD_CONTENT_CACHE", False)
    overrides.setdefault("CACHE_CONTENT", False)
    return read_settings(str(settings_file or ROOT / "pelicanconf.py"), override=overrides)


# --- Templates compiled once per test process. Every in-process build makes new Jinja
# environments, and compiling the theme's templates was most of a fixture build's time.
# Compiled code is a function of the template's source and of the environment's set-up (its
# syntax, extensions, and the filters and tests it knows, with how each is called), so the
# memo is keyed by all of these: a changed template, or a build set up differently, compiles
# afresh. Jinja's bytecode_cache is left alone: the nested-navigation plugin installs its own
# there, and the builds must still use it.
_compiled = {}
_compile = jinja2.Environment.compile


def _setup_of(env):
    def known(table):
        return tuple(sorted((name, _PassArg.from_obj(function)) for name, function in table.items()))

    return (env.block_start_string, env.block_end_string, env.variable_start_string,
            env.variable_end_string, env.comment_start_string, env.comment_end_string,
            env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks,
            env.newline_sequence, env.keep_trailing_newline, env.optimized, env.is_async,
            env.autoescape if isinstance(env.autoescape, bool) else id(env.autoescape),
            env.finalize is None, tuple(sorted(env.extensions)), env.code_generator_class,
            env.context_class, known(env.filters), known(env.tests), repr(sorted(env.policies.items())))


def _compile_once(self, source, name=None, filename=None, raw=False, defer_init=False):
    if not isinstance(source, str):  # a parsed template (nodes.Template): compile as it is
        return _compile(self, source, name, filename, raw, defer_init)
    key = (source, name, filename, raw, defer_init, _setup_of(self))
    if key not in _compiled:
        _compiled[key] = _compile(self, source, name, filename, raw, defer_init)
    return _compiled[key]


jinja2.Environment.compile = _compile_once


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@dataclass
class BuiltSite:
    """What a build wrote (``output``) and logged (``records``), and the sections it added to
    the end of its report (``report``, plugins/build_report)."""

    output: Path
    content: Path
    records: list = field(default_factory=list)
    report: object = None

    def file_for(self, url_path):
        """The file that serves a site-relative URL ("" is the home page, "about/" a folder)."""
        path = self.output / url_path.lstrip("/")
        if url_path == "" or url_path.endswith("/"):
            path = path / "index.html"
        return path

    def html(self, url_path):
        return self.file_for(url_path).read_text(encoding="utf-8")

    def soup(self, url_path):
        return BeautifulSoup(self.html(url_path), "lxml")

    def pages(self):
        """Every HTML file the build wrote, as site-relative paths, sorted."""
        return sorted(p.relative_to(self.output).as_posix() for p in self.output.rglob("*.html"))

    def messages(self, level=logging.WARNING):
        return [r.getMessage() for r in self.records if r.levelno >= level]

    @property
    def errors(self):
        return self.messages(logging.ERROR)

    @property
    def warnings(self):
        return [r.getMessage() for r in self.records if r.levelno == logging.WARNING]


def url_of(path):
    """Site-relative URL of an output file path ("about/index.html" -> "about/")."""
    return path[: -len("index.html")] if path.endswith("index.html") else path


def build_site(content, output, settings_file=None, **overrides):
    """Run a real Pelican build of ``content`` into ``output`` and capture its log records."""
    content, output = Path(content), Path(output)
    settings = get_settings(settings_file, PATH=str(content), OUTPUT_PATH=str(output), **overrides)
    # Pelican de-duplicates log messages process-wide; each build must report afresh.
    reset_log_limits()
    capture = _Capture()
    root = logging.getLogger()
    root.addHandler(capture)
    try:
        with build_report.reports() as reports:
            Pelican(settings).run()
    finally:
        root.removeHandler(capture)
    return BuiltSite(output=output, content=content, records=capture.records,
                     report=reports[-1] if reports else build_report.Report())


def copy_content(tmp_path, source=CONTENT):
    """A private copy of a content folder that a test may change."""
    target = Path(tmp_path) / "content"
    shutil.copytree(source, target)
    return target


@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    """The real content (``CONTENT``), built once per test session."""
    output = tmp_path_factory.mktemp("real-site") / "output"
    return build_site(CONTENT, output)


@pytest.fixture
def fixture_site(tmp_path):
    """Build one of tests/fixtures/sites/<name> into a temporary folder."""

    def build(name, **overrides):
        return build_site(FIXTURES / "sites" / name, tmp_path / "output", **overrides)

    return build


#: The commit whose content/ the regression snapshots were taken from (the navigation's HTML,
#: tests/navigation_snapshot.py; the link findings, tests/test_link_checker_same_findings.py).
#: Built from Git, not from today's content/, so a volunteer's edit never changes them; only a
#: change to the code or the theme can. Retake both with their scripts after such a change.
SNAPSHOT_CONTENT_COMMIT = "22afea4c1f57f8ae21a2c5559e0bb21c9c6eee86"


def content_at(commit, folder):
    """content/ as it was at commit, written under folder; returns its path. Needs the
    Git history (a clone, as CI makes; .github/workflows/check.yml fetches it all)."""
    target = Path(folder) / f"content-{commit[:12]}"
    if not target.exists():
        target.mkdir(parents=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", commit, "content"],
                                 capture_output=True)
        if archive.returncode != 0:
            pytest.fail(f"the snapshot tests need the Git history (commit {commit}): clone the "
                        f"repository with its history. git said: {archive.stderr.decode(errors='replace')}")
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target / "content"


def in_ci():
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def fixture_copy_with_essentials(tmp_path, name):
    """A copy of tests/fixtures/sites/<name> plus what every page of the theme links to (the
    crisis strip's Emergency page, the favicon), so a fixture can hold only what it tests and
    still pass the link check of a strict build. Returns the copy's content folder."""
    content = copy_content(tmp_path, FIXTURES / "sites" / name)
    resources = content / "pages" / "resources"
    resources.mkdir(parents=True, exist_ok=True)
    for page, text in (("index.md", "Title: Resources\nSummary: Help and information.\n\nHelp."),
                       ("emergency.md", "Title: Emergency help\nSummary: Help in a crisis.\n\n"
                                        "Call or text 988.")):
        if not (resources / page).exists():
            (resources / page).write_text(text + "\n", encoding="utf-8")
    (content / "extra").mkdir(exist_ok=True)
    shutil.copy(ROOT / "content" / "extra" / "favicon.svg", content / "extra" / "favicon.svg")
    return content


# --- Two lanes: `make test-fast` runs the engine's tests on fixture sites; `make test` runs all.
#: Modules whose tests read the real content (its pages, its facts) rather than fixture sites.
CONTENT_MODULES = {"test_content", "test_content_history_activities",
                   "test_content_resources_advocacy", "test_site", "test_spanish",
                   "test_page_weight", "test_page_meta"}
#: Fixtures that start Chromium or serve the real site to it.
BROWSER_FIXTURES = {"browser", "open_tab", "site_server"}


def pytest_collection_modifyitems(config, items):
    """Mark each test with its lane, from what it uses, so no test file has to say it."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if "real_site" in names or item.module.__name__ in CONTENT_MODULES:
            item.add_marker(pytest.mark.content)
