"""The Content-Security-Policy and referrer policy (plugins/security_policy): on every page of
the real site, as strict as promised, extendable per page, the same in ``_headers``, and (in
Chromium) never violated by the real site, while a violation would be seen."""

import shutil
from types import SimpleNamespace

import pytest

from conftest import ROOT, build_site, copy_content
from security_policy import security_policy as plugin
from security_policy.security_policy import DEFAULTS, headers_text, merge_policy, policy_text

BASE = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'")
SEARCH = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
          "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
          "worker-src 'self'")

#: Collects every securitypolicyviolation event of the page (an init script is not subject to
#: the page's policy).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI || 'inline'}`);
});
"""


def test_every_page_carries_the_policy_and_the_referrer_policy(real_site):
    pages = real_site.pages()
    assert len(pages) > 20
    for page in pages:
        soup = real_site.soup(page.removesuffix("index.html"))
        metas = soup.head.find_all("meta")
        assert metas[0].get("charset") == "utf-8", page
        assert metas[1].get("http-equiv") == "Content-Security-Policy", page
        # The search page alone adds what Pagefind needs (site_search.CSP_EXTRA, issue 14).
        expected = SEARCH if page in ("search/index.html", "es/search/index.html") else BASE
        assert metas[1]["content"] == expected, page
        assert metas[2].get("name") == "referrer" and metas[2]["content"] == "no-referrer", page


def test_the_theme_has_no_inline_script_or_style(real_site):
    for page in real_site.pages():
        soup = real_site.soup(page.removesuffix("index.html"))
        assert [s for s in soup.find_all("script") if not s.get("src")] == [], page
        assert soup.find_all("style") == [], page
        assert soup.find_all(style=True) == [], page


def test_headers_file_has_the_same_policy_and_what_only_headers_can_say(real_site):
    text = (real_site.output / "_headers").read_text(encoding="utf-8")
    assert "/*\n" in text
    assert f"  Content-Security-Policy: {BASE}; frame-ancestors 'none'\n" in text
    assert "  X-Content-Type-Options: nosniff\n" in text
    assert "  Referrer-Policy: no-referrer\n" in text
    assert "  Permissions-Policy: camera=(), microphone=()" in text


def test_a_page_template_can_widen_its_own_policy(tmp_path):
    content = copy_content(tmp_path)
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    (theme / "templates" / "widened.html").write_text(
        '{% set csp_extra = {"script-src": ["\'wasm-unsafe-eval\'"], "worker-src": ["\'self\'"]} %}'
        '{% extends "page.html" %}', encoding="utf-8")
    page = content / "pages" / "about" / "widened.md"
    page.write_text("Title: Widened\nSummary: A page with a wider policy.\nTemplate: widened\n\nText.\n",
                    encoding="utf-8")
    site = build_site(content, tmp_path / "output", THEME=str(theme))
    widened = site.soup("about/widened/").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert widened["content"] == BASE.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'") \
        + "; worker-src 'self'"
    other = site.soup("about/").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert other["content"] == BASE
    headers = (site.output / "_headers").read_text(encoding="utf-8")
    assert ("/about/widened/\n  ! Content-Security-Policy\n  Content-Security-Policy: default-src 'self'; "
            "script-src 'self' 'wasm-unsafe-eval'") in headers


def test_a_wider_policy_stays_with_its_own_build(tmp_path):
    """Two builds in one process (the live preview): what one build's pages asked for never
    reaches another build's _headers, even when the first stopped before writing its own."""

    def generator(settings):
        return SimpleNamespace(settings=settings, env=SimpleNamespace(globals={}))

    interrupted = generator({})
    plugin.add_globals(interrupted)
    interrupted.env.globals["content_security_policy"]({"worker-src": ["'self'"]}, "search/index.html")
    # ...that build stops here, before finalized. The next build starts with its own settings.
    settings = {}
    plugin.add_globals(generator(settings))
    (tmp_path / "out").mkdir()
    plugin.write_headers(SimpleNamespace(settings=settings, output_path=str(tmp_path / "out")))
    headers = (tmp_path / "out" / "_headers").read_text(encoding="utf-8")
    assert "/search/" not in headers and "worker-src" not in headers
    assert plugin.BUILD_KEY not in settings  # nothing left for a later build either


def test_policy_text_and_merge():
    assert policy_text(DEFAULTS["csp"]) == BASE
    assert merge_policy({"a": ["x"]}, {"a": ["x", "y"], "b": ["z"]}) == {"a": ["x", "y"], "b": ["z"]}
    assert headers_text({**DEFAULTS, "headers": {}}, {}).endswith("Referrer-Policy: no-referrer\n")


# --- in the browser ------------------------------------------------------------------------------


def _violations(tab, page):
    # A violation's event is queued as a task during the load: let the tasks queued before this
    # one run (one turn of the event loop), then read what was reported.
    page.evaluate("() => new Promise((resolve) => setTimeout(resolve, 0))")
    return page.evaluate("window.__cspViolations") + [e for e in tab.errors if "Content Security Policy" in e]


def test_no_csp_violation_on_any_page_of_the_real_site(real_site, open_tab):
    for javascript in (True, False):
        tab = open_tab(java_script_enabled=javascript)
        tab.context.add_init_script(RECORD_VIOLATIONS)
        tab.page.on("console", lambda m, tab=tab: "Content Security Policy" in m.text
                    and tab.errors.append(f"console {m.type}: {m.text}"))
        for path in real_site.pages():
            page = tab.goto_built(path)
            if javascript:
                assert _violations(tab, page) == [], path
            else:
                assert [e for e in tab.errors if "Content Security Policy" in e] == [], path


@pytest.mark.parametrize("injected", [
    "<img src='data:image/gif;base64,R0lGODlhAQABAAAAACw=' alt=''>",
    "<p style='color: red'>styled</p>",
])
def test_a_violation_would_be_seen(open_tab, injected):
    tab = open_tab()
    tab.context.add_init_script(RECORD_VIOLATIONS)
    page = tab.goto("resources/")
    page.evaluate(f'document.querySelector("main").insertAdjacentHTML("beforeend", "{injected}")')
    page.wait_for_function("window.__cspViolations.length > 0", timeout=5000)
    assert page.evaluate("window.__cspViolations")
