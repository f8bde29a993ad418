"""The live preview (tools/devserver): a rebuild reads again only the file that changed, and a
save makes the server tell the open tab to reload, with the new text already built. (How fast:
`python -m devserver.measure`, recorded in README.md; never a timed test.)"""

import asyncio
import base64
import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request

import pytest

from pelican import signals
from tornado.websocket import websocket_connect
from watchfiles import Change

from conftest import FIXTURES, ROOT, copy_content, fixture_copy_with_essentials
from devserver import Builder, WatchFilter
from devserver.measure import Lines, free_port
from front_matter.front_matter import CheckedMarkdownReader


def touch_later(path, text):
    """Append ``text`` and move the file's time on, so the cache sees a change at once."""
    with open(path, "a", encoding="utf-8") as f:
        f.write(text)
    later = os.path.getmtime(path) + 10
    os.utime(path, (later, later))


def preview_site(tmp_path):
    """A small site holding what these tests edit: the Emergency page in English and Spanish, and
    the glossary page with its YAML. The engine's tests need no real content (that is the content
    lane's), and a small site keeps `make test-fast` fast."""
    content = fixture_copy_with_essentials(tmp_path, "clean_urls")
    resources = content / "pages" / "resources"
    (resources / "emergency.es.md").write_text(
        "Title: Ayuda urgente\nSummary: Ayuda en una crisis.\n\nLlame o envíe un mensaje al 988.\n",
        encoding="utf-8")
    (resources / "index.es.md").write_text(
        "Title: Recursos\nSummary: Ayuda e información.\n\nAyuda.\n", encoding="utf-8")
    glossary = FIXTURES / "sites" / "recovery_language_check"
    (content / "data").mkdir(exist_ok=True)
    shutil.copy(glossary / "data" / "recovery-language.yml", content / "data" / "recovery-language.yml")
    (resources / "recovery-language.md").write_text(
        "Title: Recovery-oriented language\nSummary: Clinical terms and what we say instead.\n"
        "Template: glossary\nRecovery_language_check: off\n\nThe words we use matter.\n", encoding="utf-8")
    return content


def test_a_rebuild_reads_only_the_changed_file(tmp_path, monkeypatch):
    content = preview_site(tmp_path)
    builder = Builder(ROOT / "pelicanconf.py", content, tmp_path / "output", tmp_path / "cache")
    read = []
    original = CheckedMarkdownReader.read
    monkeypatch.setattr(CheckedMarkdownReader, "read",
                        lambda self, path: read.append(os.path.basename(path)) or original(self, path))
    builder.build()
    assert len(read) == len(list(content.rglob("*.md")))  # every page and post, the first time
    read.clear()
    touch_later(content / "pages" / "resources" / "emergency.md", "\nA sentence added now.\n")
    builder.build()
    assert read == ["emergency.md"]
    page = (tmp_path / "output" / "resources" / "emergency" / "index.html").read_text()
    assert "A sentence added now." in page


WRAPPED = "Title: About the wrap\nSummary: A short summary that\ngoes on to a second line.\n\nBody text.\n"


def test_every_rebuild_says_its_warnings_and_its_own_line_again(tmp_path, monkeypatch, caplog):
    # Pelican drops a log line already logged in the process: the second save with the same
    # mistake said nothing, and the preview's line for an edit vanished when its figures (here
    # frozen) equalled an earlier edit's.
    content = copy_content(tmp_path, FIXTURES / "sites" / "nav_basic")
    page = content / "pages" / "about" / "wrap.md"
    page.write_text(WRAPPED, encoding="utf-8")
    builder = Builder(ROOT / "pelicanconf.py", content, tmp_path / "output", tmp_path / "cache", preview=False)
    builder.build()
    monkeypatch.setattr("devserver.time.perf_counter", lambda: 1.0)
    caplog.set_level(logging.INFO)
    for edit in range(2):
        caplog.clear()
        touch_later(page, f"\nEdit {edit}.\n")
        builder.rebuild({str(page)})
        said = [record.getMessage() for record in caplog.records]
        assert any("wrap.md:3: warning:" in line for line in said), said
        assert sum("rebuilt in 0.00 s" in line for line in said) == 1, said


def test_a_first_build_after_a_save_keeps_the_saved_page_in_the_menu(tmp_path):
    # The saved page is written first (EarlyReload reorders the lists); the plugins must have
    # read the lists before that, also in the first build of a preview.
    content = copy_content(tmp_path, FIXTURES / "sites" / "nav_basic")
    page = content / "pages" / "about" / "wrap.md"
    page.write_text(WRAPPED, encoding="utf-8")
    # A fresh process: in this one, earlier tests' builds have registered the plugins already.
    subprocess.run([sys.executable, "-c", "import sys; from devserver import Builder; "
                    "Builder(*sys.argv[1:5], preview=False).build({sys.argv[5]})",
                    ROOT / "pelicanconf.py", content, tmp_path / "output", tmp_path / "cache", page],
                   cwd=ROOT, check=True, capture_output=True)
    assert 'href="/about/wrap/"' in (tmp_path / "output" / "index.html").read_text(encoding="utf-8")


async def wait_for_reload(port, save):
    """Connect as livereload.js does, call ``save``, and return the next message."""
    connection = await websocket_connect(f"ws://127.0.0.1:{port}/livereload")
    await connection.write_message(json.dumps(
        {"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}))
    assert json.loads(await connection.read_message())["command"] == "hello"
    await connection.write_message(json.dumps({"command": "info", "url": "/resources/"}))
    # The server registers the tab when it reads "info"; on a busy machine that can come after
    # the first save, so save again until a message arrives.
    for _ in range(6):
        save()
        try:
            message = await asyncio.wait_for(connection.read_message(), timeout=5)
            break
        except asyncio.TimeoutError:
            continue
    else:
        raise AssertionError("no reload message after six saves")
    connection.close()
    return json.loads(message)


@contextlib.contextmanager
def devserver(content, tmp_path, settings=ROOT / "pelicanconf.py", output=None):
    """``python -m devserver`` on a free port, once it answers; yields its port. With ``output``
    (a list), yields (port, its output as :class:`devserver.measure.Lines`) instead."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "devserver", str(content), str(tmp_path / "output"),
         "--settings", str(settings), "--port", str(port),
         "--cache", str(tmp_path / "cache")],
        cwd=ROOT, text=True,
        stdout=subprocess.DEVNULL if output is None else subprocess.PIPE,
        stderr=subprocess.DEVNULL if output is None else subprocess.STDOUT)
    lines = None if output is None else Lines(server.stdout)
    try:
        if lines is not None:
            lines.wait_for("Stop it with Ctrl+C", seconds=120)
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).read()
                break
            except OSError:
                assert time.monotonic() < deadline, "the devserver never answered"
                time.sleep(0.2)
        yield port if lines is None else (port, lines)
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_save_reloads_the_open_tab_with_the_new_text(tmp_path):
    content = preview_site(tmp_path)
    with devserver(content, tmp_path) as port:
        url = f"http://127.0.0.1:{port}/resources/emergency/"
        page = urllib.request.urlopen(url, timeout=5).read().decode()
        assert "livereload.js" in page
        page_file = content / "pages" / "resources" / "emergency.md"
        message = asyncio.run(wait_for_reload(
            port, lambda: touch_later(page_file, "\nSaved in the editor.\n")))
        assert message["command"] == "reload"
        assert "Saved in the editor." in urllib.request.urlopen(url, timeout=5).read().decode()


def test_data_files_are_watched_and_editor_files_are_not(tmp_path):
    content = copy_content(tmp_path, FIXTURES / "sites" / "clean_urls")
    builder = Builder(ROOT / "pelicanconf.py", content, tmp_path / "output", tmp_path / "cache")
    builder.build()
    watched = WatchFilter(ignore_file_patterns=builder.settings["IGNORE_FILES"])
    # Pelican's readers skip them (IGNORE_FILES has *.yml), but the build reads them.
    assert watched(Change.modified, str(content / "data" / "recovery-language.yml"))
    assert watched(Change.modified, str(ROOT / "theme" / "strings" / "en.yml"))
    assert watched(Change.modified, str(content / "pages" / "index.md"))
    for editor_file in (".#index.md", "index.md~", ".index.md.swp", ".recovery-language.yml.swp"):
        assert not watched(Change.modified, str(content / "pages" / editor_file)), editor_file
    # pelicanconf.py reads the theme's strings when it loads: a change reads it again.
    settings = builder.settings
    builder.build({str(ROOT / "pelicanconf.py")})
    assert builder.settings is not settings
    settings = builder.settings
    builder.build({str(ROOT / "theme" / "strings" / "en.yml")})
    assert builder.settings is not settings


def test_a_glossary_edit_reloads_the_tab_with_the_new_term(tmp_path):
    content = preview_site(tmp_path)
    glossary = content / "data" / "recovery-language.yml"
    new_text = glossary.read_text(encoding="utf-8").rstrip("\n") + (
        "\n  - clinical: Frequent flyer\n    recovery:\n      - Person who uses the crisis line often\n")

    def save():
        glossary.write_text(new_text, encoding="utf-8")
        later = os.path.getmtime(glossary) + 10
        os.utime(glossary, (later, later))

    with devserver(content, tmp_path) as port:
        url = f"http://127.0.0.1:{port}/resources/recovery-language/"
        assert "Frequent flyer" not in urllib.request.urlopen(url, timeout=5).read().decode()
        message = asyncio.run(wait_for_reload(port, save))
        assert message["command"] == "reload"
        page = urllib.request.urlopen(url, timeout=5).read().decode()
        assert "Frequent flyer" in page
        assert "Person who uses the crisis line often" in page


def test_the_preview_allows_livereloads_script_and_no_other_inline_script(tmp_path):
    """The site's policy forbids inline scripts; the preview adds the hash of livereload's."""
    content = preview_site(tmp_path)
    with devserver(content, tmp_path) as port:
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).read().decode()
    inline = re.findall(r"<script[^>]*>([^<]+)</script>", page)
    assert len(inline) == 1
    digest = base64.b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert f"script-src 'self' 'sha256-{digest}';" in policy
    assert "unsafe-inline" not in policy


def test_make_regenerate_rebuilds_on_a_glossary_edit_and_serves_nothing(tmp_path):
    """`make regenerate` (python -m devserver --no-server): what `pelican -r` missed, a save of
    the glossary's YAML, rebuilds the page; the policy stays the site's own (no livereload)."""
    content = preview_site(tmp_path)
    glossary = content / "data" / "recovery-language.yml"
    page = tmp_path / "output" / "resources" / "recovery-language" / "index.html"
    process = subprocess.Popen(
        ["make", "--no-print-directory", "regenerate", f"INPUTDIR={content}",
         f"OUTPUTDIR={tmp_path / 'output'}"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        # It says "rebuilding … whenever you save" once its first build is done and it watches.
        while "whenever you save" not in (line := process.stdout.readline()):
            assert line, "make regenerate stopped before it watched"
            assert time.monotonic() < deadline, "make regenerate never finished its first build"
        before = page.read_text(encoding="utf-8")
        assert "Frequent flyer" not in before
        assert "livereload" not in before and "sha256-" not in before
        glossary.write_text(glossary.read_text(encoding="utf-8").rstrip("\n") + (
            "\n  - clinical: Frequent flyer\n    recovery:\n      - Person who uses the crisis line often\n"),
            encoding="utf-8")
        # Each rebuild ends with its line "devserver: … changed; … rebuilt in … s": wait for it.
        while "rebuilt in" not in (line := process.stdout.readline()):
            assert line, "make regenerate stopped before it rebuilt the glossary edit"
            assert time.monotonic() < deadline, "the glossary edit was never rebuilt"
        assert "Frequent flyer" in page.read_text(encoding="utf-8")
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=10)


@pytest.mark.parametrize("target, server", [("devserver", []), ("regenerate", ["--no-server"])])
def test_the_preview_never_builds_into_a_published_site_through_a_link(tmp_path, target, server):
    """`make publish` leaves output/ a link to the published site; the preview would write its
    pages (with livereload's script allowed) into it. It refuses, and says what to do."""
    published = tmp_path / ".publish-output" / "run-1"
    published.mkdir(parents=True)
    (published / "index.html").write_text("the published site", encoding="utf-8")
    output = tmp_path / "output"
    output.symlink_to(published, target_is_directory=True)
    content = copy_content(tmp_path, FIXTURES / "sites" / "clean_urls")
    # Were it not refused it would run until stopped: the timeout only keeps a regression
    # from hanging the suite.
    result = subprocess.run([sys.executable, "-m", "devserver", str(content), str(output), *server,
                             "--port", str(free_port())],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.startswith(f"devserver: {output} is a link to {published} ")
    assert f"(make {target} OUTPUTDIR={output}-dev)" in result.stderr
    assert [p.name for p in published.iterdir()] == ["index.html"]
    assert (published / "index.html").read_text(encoding="utf-8") == "the published site"


def test_the_tab_is_told_to_reload_once_the_saved_page_is_written_before_the_slow_tail(tmp_path):
    """The reload does not wait for the search index and the site-wide checks (Pelican's
    ``finalized``): it comes as soon as the saved page's HTML is on disk, with the new text."""
    content = preview_site(tmp_path)
    output = tmp_path / "output"
    builder = Builder(ROOT / "pelicanconf.py", content, output, tmp_path / "cache")
    builder.build()
    saved = content / "pages" / "resources" / "emergency.es.md"
    touch_later(saved, "\nUna frase nueva.\n")
    events = []

    def finalized(sender):
        events.append("finalized")

    def written():
        page = (output / "es" / "resources" / "emergency" / "index.html").read_text(encoding="utf-8")
        events.append("written" if "Una frase nueva." in page else "written too soon")

    signals.finalized.connect(finalized)
    try:
        builder.build({str(saved)}, written)
    finally:
        signals.finalized.disconnect(finalized)
    assert events == ["written", "finalized"]


def test_a_template_change_reloads_once_the_whole_build_is_done(tmp_path):
    content = preview_site(tmp_path)
    builder = Builder(ROOT / "pelicanconf.py", content, tmp_path / "output", tmp_path / "cache")
    builder.build()
    events = []

    def finalized(sender):
        events.append("finalized")

    signals.finalized.connect(finalized)
    try:
        builder.build({str(ROOT / "theme" / "templates" / "page.html")}, lambda: events.append("written"))
    finally:
        signals.finalized.disconnect(finalized)
    assert events == ["finalized", "written"]


#: A plugin for the test below: while the file HOLD_FIFO exists (a named pipe), each build waits
#: in Pelican's last step (finalized, where the search index and the site-wide checks run) until
#: the test opens the pipe, then logs a line, as a check's finding would be.
HOLD_PLUGIN = """
import logging
import os

from pelican import signals

log = logging.getLogger(__name__)


def hold(pelican):
    fifo = pelican.settings.get("HOLD_FIFO")
    if fifo and os.path.exists(fifo):
        with open(fifo, encoding="utf-8") as f:
            f.read()
        log.warning("hold: the last step of the build went on")


def register():
    signals.finalized.connect(hold)
"""


async def connect_tab(port, url, lines):
    """A websocket that livereload counts as a tab showing ``url`` (as livereload.js does)."""
    since = lines.mark()
    connection = await websocket_connect(f"ws://127.0.0.1:{port}/livereload")
    await connection.write_message(json.dumps(
        {"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}))
    assert json.loads(await connection.read_message())["command"] == "hello"
    await connection.write_message(json.dumps({"command": "info", "url": url}))
    await asyncio.to_thread(lines.wait_for, f"Browser Connected: {url}", since)
    return connection


def test_the_reload_goes_out_before_the_slow_tail_and_a_save_during_it_is_kept(tmp_path):
    """The tab is told to reload while the build is held in its last step (which the test
    releases only once it has the reload), the page already holds the new text, the held step's
    line still reaches the terminal, and a page saved while the build was held is rebuilt next.
    If the reload waited for the whole build, no reload would ever come (the test would fail)."""
    content = preview_site(tmp_path)
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "hold.py").write_text(HOLD_PLUGIN, encoding="utf-8")
    fifo = tmp_path / "hold"
    settings = tmp_path / "settings.py"
    settings.write_text(
        "import os\n"
        "from pelicanconf import *  # noqa: F403\n"
        f"ROOT = {str(ROOT)!r}\n"
        "THEME = os.path.join(ROOT, THEME)  # noqa: F405\n"
        "PLUGIN_PATHS = [os.path.join(ROOT, p) for p in PLUGIN_PATHS]  # noqa: F405\n"
        f"PLUGIN_PATHS.append({str(tmp_path / 'plugins')!r})\n"
        "PLUGINS = [*PLUGINS, 'hold']  # noqa: F405\n"
        f"HOLD_FIFO = {str(fifo)!r}\n", encoding="utf-8")
    first = content / "pages" / "resources" / "emergency.md"
    second = content / "pages" / "resources" / "emergency.es.md"

    async def run(port, lines):
        base = f"http://127.0.0.1:{port}/"
        tab = await connect_tab(port, base + "resources/emergency/", lines)
        os.mkfifo(fifo)  # from now on each build waits in its last step
        since = lines.mark()
        touch_later(first, "\nSaved while the preview runs.\n")
        message = json.loads(await asyncio.wait_for(tab.read_message(), timeout=60))
        assert message["command"] == "reload"
        page = urllib.request.urlopen(base + "resources/emergency/", timeout=5).read().decode()
        assert "Saved while the preview runs." in page
        assert not any("rebuilt in" in line for line in lines.lines[since:] if line)
        tab.close()
        # A tab on the Spanish page (connected after the first reload went out), then a save of
        # that page while the build is held: it must not be lost.
        tab = await connect_tab(port, base + "es/resources/emergency/", lines)
        touch_later(second, "\nGuardado mientras tanto.\n")
        writer = await asyncio.to_thread(os.open, fifo, os.O_WRONLY)  # the held step has it open
        os.unlink(fifo)  # the next builds are not held
        os.close(writer)  # the held step goes on
        await asyncio.to_thread(lines.wait_for, "hold: the last step of the build went on", since)
        message = json.loads(await asyncio.wait_for(tab.read_message(), timeout=60))
        assert message["command"] == "reload"
        tab.close()
        rebuilt = [line for line in lines.lines[since:] if line and "rebuilt in" in line]
        assert "emergency.md changed" in rebuilt[0]
        page = urllib.request.urlopen(base + "es/resources/emergency/", timeout=5).read().decode()
        assert "Guardado mientras tanto." in page

    with devserver(content, tmp_path, settings, output=[]) as (port, lines):
        asyncio.run(run(port, lines))


def test_the_saved_page_is_written_first_and_the_report_only_checks_after_it(tmp_path):
    """An English page (which Pelican writes after every translation) is the first file of the
    build; a receiver marked ``after_reload`` (kept_facts' check) runs once it is written, an
    unmarked one before any page is, and each is connected again for the next build; the
    generator's lists are as Pelican made them when its pages are written."""
    content = preview_site(tmp_path)
    output = tmp_path / "output"
    builder = Builder(ROOT / "pelicanconf.py", content, output, tmp_path / "cache")
    builder.build()
    saved = content / "pages" / "resources" / "emergency.md"
    touch_later(saved, "\nA sentence added now.\n")
    events = []

    def report_only(generators):
        events.append("report-only check")

    report_only.after_reload = True

    def other(generators):
        events.append("other receiver")

    def content_written(path, context=None):
        events.append(os.path.relpath(path, output))

    def page_writer_finalized(generator, writer=None):
        where = [name for name in ("pages", "translations")
                 if any(os.path.samefile(item.source_path, saved) for item in getattr(generator, name))]
        events.append(f"pages written; the saved page in {where}")

    signals.all_generators_finalized.connect(report_only)
    signals.all_generators_finalized.connect(other)
    signals.content_written.connect(content_written)
    signals.page_writer_finalized.connect(page_writer_finalized)
    try:
        builder.build({str(saved)}, lambda: events.append("written"))
        first_build = list(events)
        events.clear()
        builder.build()
    finally:
        signals.all_generators_finalized.disconnect(report_only)
        signals.all_generators_finalized.disconnect(other)
        signals.content_written.disconnect(content_written)
        signals.page_writer_finalized.disconnect(page_writer_finalized)
    assert first_build[:4] == ["other receiver", os.path.join("resources", "emergency", "index.html"),
                               "written", "report-only check"]
    assert first_build.count("report-only check") == 1
    assert "pages written; the saved page in ['pages']" in first_build
    # A build with nothing saved: the check runs where it always does, before any page.
    assert sorted(events[:2]) == ["other receiver", "report-only check"]
