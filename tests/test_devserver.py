"""The live preview (tools/devserver): a rebuild reads again only the file that changed, and a
save makes the server tell the open tab to reload, with the new text already built. (How fast:
`python -m devserver.measure`, recorded in README.md; never a timed test.)"""

import asyncio
import base64
import contextlib
import hashlib
import json
import os
import re
import subprocess
import sys
import time
import urllib.request

from pelican import signals
from tornado.websocket import websocket_connect
from watchfiles import Change

from conftest import FIXTURES, ROOT, copy_content
from devserver import Builder, WatchFilter
from devserver.measure import free_port
from front_matter.front_matter import CheckedMarkdownReader


def touch_later(path, text):
    """Append ``text`` and move the file's time on, so the cache sees a change at once."""
    with open(path, "a", encoding="utf-8") as f:
        f.write(text)
    later = os.path.getmtime(path) + 10
    os.utime(path, (later, later))


def test_a_rebuild_reads_only_the_changed_file(tmp_path, monkeypatch):
    content = copy_content(tmp_path)
    builder = Builder(ROOT / "pelicanconf.py", content, tmp_path / "output", tmp_path / "cache")
    read = []
    original = CheckedMarkdownReader.read
    monkeypatch.setattr(CheckedMarkdownReader, "read",
                        lambda self, path: read.append(os.path.basename(path)) or original(self, path))
    builder.build()
    assert len(read) > 40  # every page and post, the first time
    read.clear()
    touch_later(content / "pages" / "resources" / "emergency.md", "\nA sentence added now.\n")
    builder.build()
    assert read == ["emergency.md"]
    page = (tmp_path / "output" / "resources" / "emergency" / "index.html").read_text()
    assert "A sentence added now." in page


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
def devserver(content, tmp_path):
    """``python -m devserver`` on a free port, once it answers; yields its address."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "devserver", str(content), str(tmp_path / "output"),
         "--settings", str(ROOT / "pelicanconf.py"), "--port", str(port),
         "--cache", str(tmp_path / "cache")],
        cwd=ROOT,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).read()
                break
            except OSError:
                assert time.monotonic() < deadline, "the devserver never answered"
                time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_save_reloads_the_open_tab_with_the_new_text(tmp_path):
    content = copy_content(tmp_path)
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
    content = copy_content(tmp_path)
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
    content = copy_content(tmp_path)
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
    content = copy_content(tmp_path)
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


def test_the_tab_is_told_to_reload_once_the_saved_page_is_written_before_the_slow_tail(tmp_path):
    """The reload does not wait for the search index and the site-wide checks (Pelican's
    ``finalized``): it comes as soon as the saved page's HTML is on disk, with the new text."""
    content = copy_content(tmp_path)
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
    content = copy_content(tmp_path)
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
