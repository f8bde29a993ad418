"""The link checker's external check (pelican.plugins.link_checker.external), against a small HTTP
server on 127.0.0.1 that the tests start. No test reaches the internet; timeouts and back-off
are tiny through the LINK_CHECKER settings."""

import json
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


from pelican.plugins.link_checker import Site, validate
from pelican.plugins.link_checker.external import retry_after, retry_delay

FAST = {"timeout": 0.5, "retries": 2, "backoff": 0.01, "max_retry_after": 0.05, "per_host": 2,
        "concurrency": 8, "max_redirects": 10, "cache_max_age": 3600}


class Handler(BaseHTTPRequestHandler):
    """Answers by path: /ok, /chain/N (301 to N-1, 200 at 0), /temporary (302), /missing (404),
    /forbidden (403), /busy (always 429), /busy-once and /flaky (429 or 500 once, then 200),
    /error (500), /slow (answers after the timeout), /loop/a <-> /loop/b, /wait/N (200 after
    0.2 s, counting requests under way at once)."""

    def log_message(self, *args):  # keep the test output clean
        pass

    def answer(self, code, headers=()):
        self.send_response(code)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def do_GET(self):
        server = self.server
        with server.lock:
            server.hits[self.path] = server.hits.get(self.path, 0) + 1
            hits = server.hits[self.path]
        path = self.path
        if path == "/ok":
            self.answer(200)
        elif path.startswith("/chain/"):
            left = int(path.rsplit("/", 1)[1])
            self.answer(200) if left == 0 else self.answer(301, [("Location", f"/chain/{left - 1}")])
        elif path == "/temporary":
            self.answer(302, [("Location", "/ok")])
        elif path == "/missing":
            self.answer(404)
        elif path == "/forbidden":
            self.answer(403)
        elif path == "/busy":
            self.answer(429, [("Retry-After", "120")])
        elif path == "/busy-once":
            self.answer(429, [("Retry-After", "1")]) if hits == 1 else self.answer(200)
        elif path == "/flaky":
            self.answer(500) if hits == 1 else self.answer(200)
        elif path == "/error":
            self.answer(500)
        elif path == "/slow":
            time.sleep(1.5)
            self.answer(200)
        elif path == "/loop/a":
            self.answer(302, [("Location", "/loop/b")])
        elif path == "/loop/b":
            self.answer(302, [("Location", "/loop/a")])
        elif path.startswith("/wait/"):
            with server.lock:
                server.busy += 1
                server.most_busy = max(server.most_busy, server.busy)
            time.sleep(0.2)
            with server.lock:
                server.busy -= 1
            self.answer(200)
        else:
            self.answer(404)


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.lock = threading.Lock()
    httpd.hits = {}
    httpd.busy = httpd.most_busy = 0
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    httpd.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def site_linking(tmp_path, urls):
    """A one-page built site whose page links to each URL, one per line (line 3 onwards)."""
    output = tmp_path / "output"
    output.mkdir(exist_ok=True)
    links = "\n".join(f'<p><a href="{url}">link</a></p>' for url in urls)
    (output / "index.html").write_text(f"<!DOCTYPE html>\n<html lang=\"en\"><body>\n{links}\n</body></html>\n")
    return Site(output=str(output))


def external_findings(tmp_path, urls, **config):
    """{line: (severity, message)} for the external findings of a page linking to ``urls``."""
    site = site_linking(tmp_path, urls)
    settings = {**FAST, "cache_file": str(tmp_path / "cache" / "links.json"), **config}
    result = validate(site, settings, external=True)
    return {f.line: (f.severity, f.message) for f in result.findings if "not encrypted" not in f.message}


def test_each_kind_of_answer(server, tmp_path):
    u = server.url
    found = external_findings(tmp_path, [
        f"{u}/ok", f"{u}/chain/3", f"{u}/temporary", f"{u}/missing", f"{u}/forbidden", f"{u}/busy",
        f"{u}/error", f"{u}/slow", f"{u}/loop/a", f"{u}/busy-once", f"{u}/flaky", f"{u}/ok#part",
    ])
    assert found == {
        # 3: /ok is fine, and so are /busy-once and /flaky after one retry (lines 12 and 13)
        4: ("warning", f'the link "{u}/chain/3" has moved to {u}/chain/0 (301 Moved Permanently): link to '
                       "the new address"),
        5: ("note", f'the link "{u}/temporary" redirects to {u}/ok (302 Found)'),
        6: ("error", f'the link "{u}/missing" is broken: the site answered 404 Not Found. Find the '
                     "page's new address, or remove the link"),
        7: ("warning", f'the link "{u}/forbidden" could not be checked: the site answered 403 Forbidden, '
                       "as sites that block automated checks do. Open it in a browser to be sure"),
        8: ("warning", f'the link "{u}/busy" could not be checked: the site answered 429 Too Many '
                       "Requests (tried 3 times). Try again later"),
        9: ("error", f'the link "{u}/error" is broken: the site answered 500 Internal Server Error (tried '
                     "3 times). Find the page's new address, or remove the link"),
        10: ("error", f'the link "{u}/slow" did not answer within 0.5 s (tried 3 times). Check that the '
                      "site still exists"),
        11: ("error", f'the link "{u}/loop/a" never arrives: redirects in a loop: {u}/loop/a → {u}/loop/b → '
                      f"{u}/loop/a. Link to the page the site means"),
    }
    assert server.hits["/busy"] == 3 and server.hits["/error"] == 3 and server.hits["/slow"] == 3
    assert server.hits["/busy-once"] == 2 and server.hits["/flaky"] == 2
    assert server.hits["/ok"] == 2  # /ok and /ok#part are one address; /temporary ends there too
    assert [server.hits[f"/chain/{n}"] for n in (3, 2, 1, 0)] == [1, 1, 1, 1]


def test_an_unreachable_host_is_an_error(tmp_path):
    # Port 9 on 127.0.0.1 (discard) has no server here: the connection is refused at once.
    found = external_findings(tmp_path, ["http://127.0.0.1:9/"])
    assert list(found) == [3]
    severity, message = found[3]
    assert severity == "error" and message.startswith('the link "http://127.0.0.1:9/" could not be reached (')


def test_requests_to_one_host_are_limited(server, tmp_path):
    urls = [f"{server.url}/wait/{n}" for n in range(6)]
    assert external_findings(tmp_path, urls, per_host=2) == {}
    assert server.most_busy == 2  # never more than per_host, and more than one at a time


def test_results_are_cached_with_an_age_limit(server, tmp_path):
    urls = [f"{server.url}/ok", f"{server.url}/missing", f"{server.url}/error"]
    first = external_findings(tmp_path, urls, retries=0)
    assert external_findings(tmp_path, urls, retries=0) == first
    # Settled answers (200, 404) came from the cache; the server error was asked again.
    assert (server.hits["/ok"], server.hits["/missing"], server.hits["/error"]) == (1, 1, 2)
    cache = json.loads((tmp_path / "cache" / "links.json").read_text())
    assert sorted(cache) == [f"{server.url}/missing", f"{server.url}/ok"]
    assert cache[f"{server.url}/missing"]["code"] == 404
    # Past the age limit, everything is asked again.
    external_findings(tmp_path, urls, retries=0, cache_max_age=0)
    assert (server.hits["/ok"], server.hits["/missing"]) == (2, 2)


def test_ignored_addresses_are_not_asked(server, tmp_path):
    found = external_findings(tmp_path, [f"{server.url}/missing", f"{server.url}/error"], ignore=["/missing$"])
    assert list(found) == [4]
    assert "/missing" not in server.hits


def test_retry_delay_honours_retry_after_up_to_a_cap():
    config = {"backoff": 0.5, "max_retry_after": 30.0}
    assert [retry_delay(t, 500, {}, config) for t in (1, 2, 3)] == [0.5, 1.0, 2.0]
    assert retry_delay(1, 429, {"retry-after": "7"}, config) == 7.0
    assert retry_delay(1, 429, {"retry-after": "3600"}, config) == 30.0
    assert retry_delay(1, 503, {"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}, config) == 0.0  # a past date
    assert retry_delay(2, 500, {"retry-after": "7"}, config) == 1.0  # only 429 and 503 ask to wait
    assert retry_after("soon") is None and retry_after("12") == 12.0


def test_make_check_never_asks_other_sites(server, tmp_path):
    # Without --external (the build, make check), an external link is only looked at offline.
    site = site_linking(tmp_path, [f"{server.url}/missing"])
    result = validate(site, FAST)
    assert server.hits == {} and result.external == 0
    assert [f.severity for f in result.findings] == ["warning"]  # plain http, nothing else


def test_cli_with_external(server, tmp_path):
    site = site_linking(tmp_path, [f"{server.url}/ok", f"{server.url}/missing"])
    settings = tmp_path / "settings.py"
    settings.write_text(f"CACHE_PATH = {str(tmp_path / 'cache')!r}\nLINK_CHECKER = {{'timeout': 0.5, 'retries': 0}}\n")
    done = subprocess.run([sys.executable, "-m", "pelican.plugins.link_checker", "--external", "--format", "json",
                           "--settings", str(settings), site.output],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    document = json.loads(done.stdout)
    assert document["summary"]["external"] == 2
    assert [f["line"] for f in document["findings"] if f["severity"] == "error"] == [4]
    assert (tmp_path / "cache" / "links.json").exists()
