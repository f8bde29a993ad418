"""The live preview behind ``make devserver``: ``python -m devserver``. Not a Pelican plugin.

One process serves output/ at http://127.0.0.1:8000 through livereload, watches the content
(its data files too, such as the glossary's YAML), the theme and the settings with watchfiles
(the library ``pelican -r`` uses, which the operating system tells of each change at once),
rebuilds with Pelican's content cache so only the changed files are read again, and tells the
open browser tabs to reload as soon as the saved page's HTML is written: the rest of the build
(the other pages, the search index, the site-wide checks) goes on behind the reload, and its
findings still reach the terminal. A save of anything that is not a page (a template, the
stylesheet, a data file) reloads once the whole build is done.

Where a one-page edit's time went, and what the preview does about it (issue 22; each rebuild's
line in the terminal says when the build started after the save, when the reload went out,
when the reloaded tabs were back and when the build ended):

- watchfiles hands a change over after STEP_MS of quiet (its default waits 50 ms);
- the generator that makes the saved page writes first, and the page first in it
  (:class:`EarlyReload`); checks that only report (``after_reload = True``: kept_facts) run
  once it is written instead of before any page is;
- the content cache is plain pickle (gzip took 45 ms a build), and the plugins that parsed
  unchanged files on every build (html_policy, fact_review, recovery_language, site_search,
  front_matter's reader) keep what they parsed;
- once the reload is out, the rest of the build waits until the tabs have connected again
  (:class:`Tabs`, at most TAB_WAIT), so the browser and the server have both cores.

Saves made during a build are not lost: watchfiles keeps gathering changes while a build runs,
and the next build takes them all.

Why not ``pelican -r`` next to the ``livereload`` command? Without pyinotify the livereload
command looks at output/ only every 0.8 s and then ignores a second change within 3 s, so a
saved page could take well over a second to show and a quick second save would not show at all.

``python -m devserver.measure`` times one edit from the save to the refreshed page.
"""

import base64
import contextlib
import fnmatch
import hashlib
import logging
import os
import sys
import threading
import time

import watchfiles
from jinja2 import FileSystemBytecodeCache
from livereload import Server
from livereload.handlers import LiveReloadHandler
from livereload.watcher import Watcher
from pelican import Pelican, signals
from pelican.generators import PagesGenerator
from pelican.settings import read_settings
from pelican.utils import FileChangeFilter
from sitelib.log_limits import reset_log_limits

log = logging.getLogger(__name__)

#: The script livereload (2.7.1, serving without a separate live port) writes into every page
#: it serves. The site's Content-Security-Policy allows no inline script, so the preview allows
#: this one by its hash (tests/test_devserver.py checks the hash against a served page).
LIVERELOAD_SNIPPET = (
    '(function(){var s=document.createElement("script");'
    "var port=(window.location.port || (window.location.protocol == 'https:' ? 443: 80));"
    's.src="//"+window.location.hostname+":"+port+ "/livereload.js?port=" + port;'
    "document.head.appendChild(s);})();"
)


def script_hash(script):
    """A CSP source that allows one inline script: 'sha256-…'."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def preview_settings(settings):
    """The preview's own Content-Security-Policy: the site's, plus livereload's script."""
    from security_policy.security_policy import get_config, merge_policy  # noqa: PLC0415 (only the preview needs the policy plugin)

    policy = settings.get("SECURITY_POLICY") or {}
    csp = merge_policy(get_config(settings)["csp"], {"script-src": [script_hash(LIVERELOAD_SNIPPET)]})
    settings["SECURITY_POLICY"] = {**policy, "csp": csp}
    return settings

#: Pelican's cache: reuse what was read from every file that has not changed since. Written
#: without gzip, which took a sixth of the time to the reload (Pelican saves the whole cache
#: after every build), so in a folder of its own (CACHE_FOLDER, inside CACHE_PATH): Pelican
#: would warn that it cannot read a gzipped cache left by ``make`` or an older preview.
CACHE = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "GZIP_CACHE": False}
CACHE_FOLDER = "preview"

#: Data files: IGNORE_FILES keeps them from Pelican's readers, but the build reads them all
#: the same (the glossary's content/data/recovery-language.yml through recovery_language, the
#: theme's strings/en.yml through pelicanconf.py), so a save of one must rebuild too.
DATA_FILES = ("*.yml", "*.yaml", "*.json", "*.toml", "*.csv")


#: How long watchfiles waits after a change for more before it hands the batch over, in
#: milliseconds. Its default, 50, is a sixth of the preview's whole budget; an editor's save (a
#: write, or a new file renamed over the old) arrives within a millisecond or two. Changes that
#: keep coming (a `git checkout`) are still grouped, for up to watchfiles' debounce (1.6 s).
STEP_MS = 10


def is_data_file(path):
    return any(fnmatch.fnmatch(os.path.basename(path), pattern) for pattern in DATA_FILES)


class WatchFilter(FileChangeFilter):
    """What ``pelican -r`` watches (watchfiles' defaults skip editor swap and lock files,
    .git and the like; IGNORE_FILES the rest), except that a data file is always watched."""

    def __call__(self, change, path):
        if is_data_file(path):
            return watchfiles.DefaultFilter.__call__(self, change, path)
        return super().__call__(change, path)


class Builder:
    """Builds the site in this process, again and again, with the content cache on."""

    def __init__(self, settings_file, content, output, cache=None, preview=True):
        self.settings_file = os.path.abspath(settings_file)
        self.preview = preview  # served with livereload: its script is allowed in the policy
        self.overrides = {"PATH": os.path.abspath(content), "OUTPUT_PATH": os.path.abspath(output),
                          **CACHE}
        if cache:
            self.overrides["CACHE_PATH"] = os.path.abspath(cache)
        self.settings = None
        self.pelican = None

    def load_settings(self):
        settings = read_settings(self.settings_file, override=self.overrides)
        settings["CACHE_PATH"] = os.path.join(settings["CACHE_PATH"], CACHE_FOLDER)
        if self.preview:
            settings = preview_settings(settings)
        # Pelican makes new Jinja environments for every build, which would parse and compile
        # every template again; Jinja's bytecode cache keeps the compiled ones between builds.
        cache = os.path.join(settings["CACHE_PATH"], "jinja")
        os.makedirs(cache, exist_ok=True)
        settings["JINJA_ENVIRONMENT"] = {**settings["JINJA_ENVIRONMENT"],
                                         "bytecode_cache": FileSystemBytecodeCache(cache)}
        self.settings = settings
        self.pelican = Pelican(settings)

    def build(self, changed=(), written=None):
        """Rebuild; reload the settings first when they changed. Never raises: a mistake in
        a page is logged, and the preview keeps running so the next save can fix it.

        ``written()`` is called once, as soon as every page made from a file in ``changed`` has
        been written (or at the end, when no page was made from them), while the build goes on."""
        # Each build says everything again: the same mistake after the next save, and this
        # preview's own line for an edit when its figures equal an earlier one's.
        reset_log_limits()
        early = EarlyReload(changed, self.overrides["OUTPUT_PATH"], written)
        try:
            # Settings first: loading them registers the plugins, whose receivers must come
            # before EarlyReload's (it reorders the lists they read; see its docstring).
            if self._load(changed):
                with early.connected():
                    self._run(self.pelican.run)
        finally:
            early.done()

    def _load(self, changed):
        # The settings file may read a data file too (pelicanconf.py reads the theme's
        # strings when it loads), so a data file's change reads the settings again.
        if (self.pelican is None or self.settings_file in changed
                or any(is_data_file(path) for path in changed)):
            return self._run(self.load_settings)
        return True

    @staticmethod
    def _run(step):
        try:
            step()
        except Exception as error:  # noqa: BLE001 (the preview must survive any build failure)
            log.error("devserver: the build failed (%s); fix the file and save it again", error)
            return False
        return True

    def rebuild(self, changed, written=None):
        """Rebuild after a save of ``changed`` and say which files and where the time went: from
        the save (the newest file's time) to the start of the build, to the page written and
        the reload sent, to the reloaded tabs connected again (when ``written()`` returns True),
        and to the end of the whole build."""
        started = time.perf_counter()
        saved = max((os.path.getmtime(path) for path in changed if os.path.exists(path)), default=None)
        waited = time.time() - saved if saved is not None else None
        times = {}

        def page_written():
            times["reload"] = time.perf_counter() - started
            if written and written():
                times["tabs"] = time.perf_counter() - started

        self.build(changed, page_written)
        parts = []
        if waited is not None and 0 <= waited < 60:  # a file's time can be off (a copy, a clock)
            parts.append(f"build started {waited:.2f} s after the save")
        if "reload" in times:
            parts.append(f"page reloaded after {times['reload']:.2f} s")
        if "tabs" in times:
            parts.append(f"tabs back after {times['tabs']:.2f} s")
        parts.append(f"rebuilt in {time.perf_counter() - started:.2f} s")
        log.info("devserver: %s changed; %s", ", ".join(sorted(changed)), ", ".join(parts))

    def watched_paths(self):
        paths = [self.settings_file, self.settings["THEME"], self.settings["PATH"]]
        return [path for path in paths if os.path.exists(path)]

    def changes(self, idle=None):
        """Each batch of saved files (absolute paths) from watchfiles, as they come; with
        ``idle`` (milliseconds), also an empty batch after each quiet spell that long, which
        says the watch is running."""
        ignore = WatchFilter(ignore_file_patterns=self.settings.get("IGNORE_FILES", []))
        for changes in watchfiles.watch(*self.watched_paths(), watch_filter=ignore,
                                        step=STEP_MS, yield_on_timeout=idle is not None,
                                        rust_timeout=idle or 0):
            yield {os.path.abspath(path) for _, path in changes}


class EarlyReload:
    """Calls ``written()`` as soon as the pages made from the saved files are written.

    Pelican's public signals tell both halves: ``all_generators_finalized`` gives every page and
    its source file (so which output files the saved ones make), ``content_written`` each file
    as it is written. Connected for one build only, strongly (blinker would otherwise hold these
    bound methods weakly).

    Three things bring the saved page to the front of the build:

    - the generator that makes it writes before the others (Pelican writes in the order of the
      list it sends with ``all_generators_finalized``, which is reordered in place);
    - the page is the first its generator writes: first in its list, and a page of the default
      language goes at the head of the translations, which Pelican's pages generator writes
      before the pages (for the writing only: the lists are put back as it starts);
    - the receivers of ``all_generators_finalized`` that only report findings, marked
      ``after_reload = True`` by their plugin (kept_facts' check), run once the page is written
      instead of before any page is, so their findings still reach the terminal."""

    LISTS = ("pages", "hidden_pages", "articles", "hidden_articles", "translations",
             "hidden_translations", "events", "hidden_events")

    def __init__(self, changed, output, written):
        self.changed = {os.path.abspath(path) for path in changed}
        self.output = output
        self.written = written
        self.waiting = None  # output files still to be written; None: not known yet
        self.called = False
        self.deferred = []  # the report-only receivers of all_generators_finalized
        self.pending = []  # those of them still to call in this build
        self.generators = None  # what they are called with, once known
        self.restore = {}  # generator -> {list name: list} to put back once it starts writing

    @contextlib.contextmanager
    def connected(self):
        finalized = signals.all_generators_finalized
        self.deferred = [receiver for receiver in finalized.receivers_for(None)
                         if getattr(receiver, "after_reload", False)]
        for receiver in self.deferred:
            finalized.disconnect(receiver)
            # build_report's timings put a wrapper in the place of the receiver it wraps, under
            # the wrapped function's id; disconnected by either, it is gone.
            finalized.disconnect(getattr(receiver, "__wrapped__", receiver))
        self.pending = list(self.deferred)
        finalized.connect(self.find_pages, weak=False)
        signals.page_generator_write_page.connect(self.put_lists_back, weak=False)
        signals.content_written.connect(self.page_written, weak=False)
        try:
            yield
        finally:
            finalized.disconnect(self.find_pages)
            signals.page_generator_write_page.disconnect(self.put_lists_back)
            signals.content_written.disconnect(self.page_written)
            for receiver in self.deferred:
                # Strongly: a receiver wrapped by build_report's timings lives only there.
                finalized.connect(receiver, weak=False)

    def find_pages(self, generators):
        self.generators = generators
        self.waiting = set()
        holders = []
        for generator in generators:
            found = []
            for name in self.LISTS:
                items = getattr(generator, name, None)
                if not isinstance(items, list):
                    continue
                saved = [item for item in items if os.path.abspath(item.source_path) in self.changed]
                if saved:
                    # Written first among its kind: a new list for the generator to write from,
                    # so the context's list (what the templates iterate) keeps its order.
                    setattr(generator, name, saved + [item for item in items if item not in saved])
                    found.append(name)
                self.waiting |= {os.path.abspath(os.path.join(self.output, item.save_as))
                                 for item in saved if item.save_as}
            if found:
                holders.append(generator)
                if isinstance(generator, PagesGenerator) and "translations" not in found:
                    self.first_of_pages_generator(generator, found[0])
        # The generators that make a saved page write first (a stable sort keeps the rest).
        generators.sort(key=lambda generator: generator not in holders)
        if not self.waiting:
            self.run_deferred()  # nothing to reload early: the checks run where they always do

    def first_of_pages_generator(self, generator, name):
        """Pelican's pages generator writes its translations, then its pages: for the writing
        only, the saved page goes at the head of the translations."""
        items = getattr(generator, name)
        saved = [item for item in items if os.path.abspath(item.source_path) in self.changed]
        self.restore[generator] = {name: items, "translations": generator.translations}
        setattr(generator, name, [item for item in items if item not in saved])
        generator.translations = saved + generator.translations

    def put_lists_back(self, generator, content=None):
        # Pelican has taken the lists it writes from; the plugins that read them later (when
        # its pages are written) find them as they were.
        for name, items in self.restore.pop(generator, {}).items():
            setattr(generator, name, items)

    def page_written(self, path, context=None):
        if self.waiting:
            self.waiting.discard(os.path.abspath(path))
            if not self.waiting:
                self.done()

    def run_deferred(self):
        pending, self.pending = self.pending, []
        for receiver in pending:
            receiver(self.generators)

    def done(self):
        if not self.called and self.written:
            self.called = True
            self.written()
        if self.generators is not None:
            self.run_deferred()


class Tabs(set):
    """livereload's set of connected tabs (``LiveReloadHandler.waiters``, which it fills as each
    tab's livereload.js connects), telling too when the tabs told to reload are back: a tab
    connects again once its reloaded page has run its scripts, so the page is on screen."""

    def __init__(self):
        super().__init__()
        self.back = threading.Event()
        self.back.set()
        self.expected = 0
        self.lock = threading.Lock()

    def add(self, tab):
        super().add(tab)
        with self.lock:
            self.expected -= 1
            if self.expected <= 0:
                self.back.set()

    def expect(self, count):
        """``count`` tabs are about to reload: ``back`` is set once as many have connected."""
        with self.lock:
            self.expected = count
            if count > 0:
                self.back.clear()
            else:
                self.back.set()


#: Seconds the rest of a build waits at most for the reloaded tabs to connect again (a tab
#: closed meanwhile never does). They usually take a tenth of a second or two.
TAB_WAIT = 2.0


class WatchfilesWatcher(Watcher):
    """livereload's watcher, woken by watchfiles instead of polling output/ every 0.8 s.

    The builds run on the watch thread, not the server's: the server must be free to send the
    reload, and to serve the reloaded page. Once the reload is sent, the rest of the build waits
    until the reloaded tabs have connected again (at most TAB_WAIT): on two cores, a build
    running beside the browser and the server (and holding Python's lock, which the server
    needs for every file it sends) made the page take twice as long to show."""

    def __init__(self, builder, tabs=None):
        super().__init__()
        self.builder = builder
        self.tabs = tabs if tabs is not None else Tabs()
        self.reload = None  # what to tell the tabs at the next examine(); None: nothing
        self.lock = threading.Lock()

    def start(self, callback):
        for path in self.builder.watched_paths():
            self.watch(path)  # recorded for livereload's log; watchfiles does the watching
        loop = _current_loop()

        def watch():
            for changed in self.builder.changes():
                # A stylesheet alone is swapped in place; anything else reloads the page.
                path = next(iter(changed)) if all(p.endswith(".css") for p in changed) else "*"

                def written(path=path):
                    with self.lock:
                        self.reload = path
                    # A stylesheet swapped in place reconnects nothing: nothing to wait for.
                    expected = len(self.tabs) if path == "*" else 0
                    self.tabs.expect(expected)
                    loop.add_callback(callback)
                    return bool(expected) and self.tabs.back.wait(TAB_WAIT)  # True: tabs back

                self.builder.rebuild(changed, written)

        threading.Thread(target=watch, name="devserver-watch", daemon=True).start()
        return True  # livereload then waits for our calls instead of polling

    def examine(self):
        """Called by livereload on the server's thread: what to reload, if anything."""
        with self.lock:
            path, self.reload = self.reload, None
        if path is None:
            # livereload's own entry, made at start-up: reload the tabs a restart left open.
            return self._changes.pop() if self._changes else (None, None)
        self._changes.clear()
        self.filepath = path
        return self.filepath, None


def _current_loop():
    from tornado.ioloop import IOLoop  # noqa: PLC0415 (livereload's own event loop)

    return IOLoop.current()


def _plain_logging():
    # Plain lines, so `path:line: error: …` reads as it does in `make html`.
    logging.basicConfig(level=logging.WARNING, format="%(message)s", stream=sys.stderr)
    log.setLevel(logging.INFO)


def rebuild_on_change(settings_file, content, output, cache=None):
    """``make regenerate``: the preview's watching and rebuilding, without a server (the data
    files too, which ``pelican -r`` does not watch: IGNORE_FILES keeps the glossary's YAML from
    being read as a page, and so from being watched)."""
    _plain_logging()
    builder = Builder(settings_file, content, output, cache, preview=False)
    builder.build()
    watching = False
    try:
        for changed in builder.changes(idle=500):
            if not changed:
                if not watching:  # said once the watch runs, so no save goes unseen after it
                    print(f"devserver: rebuilding {output} whenever you save a file. Stop it with "
                          "Ctrl+C.", flush=True)
                    watching = True
                continue
            builder.rebuild(changed)
    except KeyboardInterrupt:
        pass


def serve(settings_file, content, output, host="127.0.0.1", port=8000, cache=None):
    _plain_logging()
    logging.getLogger("livereload").propagate = False  # it prints its own lines
    builder = Builder(settings_file, content, output, cache)
    builder.build()
    # livereload ignores a second change within 3 s of a reload; a volunteer who saves twice
    # quickly should see the second save too.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0
    LiveReloadHandler.waiters = tabs = Tabs()
    server = Server(watcher=WatchfilesWatcher(builder, tabs))
    print(f"devserver: http://{host}:{port}/ shows {output}; it reloads when you save a file. "
          "Stop it with Ctrl+C.", flush=True)
    server.serve(host=host, port=port, root=builder.settings["OUTPUT_PATH"], restart_delay=0)
