"""The installed link checker (plugins/pelican-link-checker) finds what the site's own plugin
found before it became a package: same ``path:line: severity: message`` on the link fixtures
and on a copy of the real content with a few broken links added.

tests/fixtures/link_checker_expected.txt was written by the old plugin (plugins/link_checker,
before issue 19) with ``python tests/test_link_checker_same_findings.py --write``; each block
starts with ``## <case>``. Deliberate changes since then (CHANGED, ADDED_FINDINGS below) are also
listed in plugins/pelican-link-checker/CHANGELOG.md.
"""

import logging
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

# tests/ is on sys.path: pytest puts it there, and so does Python when this file runs as a script.
from conftest import FIXTURES, ROOT, SNAPSHOT_CONTENT_COMMIT, build_site, content_at, copy_content

EXPECTED = FIXTURES / "link_checker_expected.txt"
#: The logger names the checker logs its findings under (the old plugin's, then the package's).
LOGGERS = ("link_checker", "pelican.plugins.link_checker")

#: Added to a copy of the real content: a section whose front matter holds a broken Menu_link,
#: a page with broken links of several kinds, and a news post with a broken link in its Summary.
ADDED = {
    "pages/zz-link-check/index.md": """\
        Title: Link check
        Summary: A section made by the test, with a menu link to nowhere.
        Menu_link: [Lost page](/no-such-section/)

        This section holds [a page]({filename}/pages/zz-link-check/broken.md).
        """,
    "pages/zz-link-check/broken.md": """\
        Title: Broken links
        Summary: Links that do not work, one of each kind.

        See [the emergency page](/resources/emergencyy/) and [a missing file]({filename}/pages/resources/emergenc.md).

        A [heading that is not there]({filename}/pages/resources/emergency.md#no-such-heading).

        Call [the line](tel:707-481-79x5) or text [the line](sms:HOME).

        Write to [us](mailto:council@example).

        A [plain link](http://example.org/) and ![](/images/no-such-image.png).

        [Relative Markdown](emergency.md)
        """,
    "news/sonoma-county/zz-broken-summary.md": """\
        Title: A post with a broken summary link
        Date: 2020-01-02
        Category: Sonoma County
        Summary: See [the old page](/no-such-old-page/) for more.

        The body links [nowhere](/nowhere/).
        """,
}
ADDED_PATHS = tuple(f"content/{name}" for name in ADDED)


def _messages(site):
    return [r.getMessage() for r in site.records
            if r.name.split(".")[0] == "link_checker" or r.name.startswith(LOGGERS[1])
            if r.levelno >= logging.WARNING]


def _relative(lines, prefix):
    """The real-content copy lives in a temporary folder: name its files as content/… ."""
    return [line.replace(prefix, "content/") for line in lines]


def _cli(folder):
    module = os.environ.get("LINK_CHECKER_MODULE", "pelican.plugins.link_checker")
    done = subprocess.run([sys.executable, "-m", module, "--settings", "no-settings.py", str(folder)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    return done.stdout.splitlines()[:-1]  # the last line is the summary


def current_findings(tmp_path):
    """Every case: name -> sorted finding lines."""
    os.chdir(ROOT)
    cases = {}
    for name in ("links", "links_agreement"):
        cases[f"html {name}"] = sorted(_cli(FIXTURES / name))
    sites = {
        "site links_broken": ("links_broken", {}),
        "site links_clean": ("links_clean", {}),
        "site links_clean, broken theme link": ("links_clean", {"CRISIS_PAGE": "resources/emergencyy/"}),
        "site links_siteurl": ("links_siteurl", {"SITEURL": "https://example.org/council", "RELATIVE_URLS": False}),
    }
    for case, (name, overrides) in sites.items():
        site = build_site(FIXTURES / "sites" / name, tmp_path / case.replace(" ", "_").replace(",", ""), **overrides)
        cases[case] = sorted(_messages(site))
    content = copy_content(tmp_path / "real", content_at(SNAPSHOT_CONTENT_COMMIT, tmp_path / "frozen"))
    for name, text in ADDED.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(textwrap.dedent(text), encoding="utf-8")
    site = build_site(content, tmp_path / "real-output")
    prefix = os.path.relpath(content, ROOT) + "/" if str(content).startswith(str(ROOT)) else str(content) + "/"
    found = _relative(_messages(site), prefix)
    # The real content's own warnings change as volunteers edit it; the added files' do not.
    cases["real content with broken links"] = sorted(f for f in found if f.startswith(ADDED_PATHS)
                                                     or ": error: " in f)
    return cases


def read_expected():
    cases, name = {}, None
    for line in EXPECTED.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            name = line[3:]
            cases[name] = []
        elif line:
            cases[name].append(line)
    return cases


@pytest.fixture(scope="module")
def found(tmp_path_factory):
    return current_findings(tmp_path_factory.mktemp("same-findings"))


#: Deliberate changes since the old plugin wrote EXPECTED (each also in the package's CHANGELOG):
#: the old line -> the line now.
CHANGED = {
    # A missing #fragment's hint names ids of the page's own text only, never the theme's.
    'content/pages/zz-link-check/broken.md:6: error: the link "{filename}/pages/resources/emergency.md'
    '#no-such-heading" points to a part of /resources/emergency/ that does not exist: no heading or element '
    'there has id="no-such-heading". Did you mean #footer-crisis-heading?':
    'content/pages/zz-link-check/broken.md:6: error: the link "{filename}/pages/resources/emergency.md'
    '#no-such-heading" points to a part of /resources/emergency/ that does not exist: no heading or element '
    'there has id="no-such-heading". Check the heading\'s id on that page',
}


#: Findings the old plugin missed, by case (each also in the package's CHANGELOG).
ADDED_FINDINGS = {
    # The theme writes CRISIS_PAGE on two lines (the crisis strip and the footer): each is
    # reported; the old plugin named the first and left the footer's out.
    "site links_clean, broken theme link": [
        'theme/templates/partials/footer.html:12: error: the link "/resources/emergencyy/" leads to a page that '
        "does not exist: nothing is published at /resources/emergencyy/. Did you mean /resources/emergency/? "
        "(on / and 6 more pages)",
    ],
}


@pytest.mark.parametrize("case", sorted(read_expected()) if EXPECTED.exists() else [])
def test_the_package_finds_what_the_old_plugin_found(found, case):
    assert found[case] == sorted([*(CHANGED.get(line, line) for line in read_expected()[case]),
                                  *ADDED_FINDINGS.get(case, ())])


def test_each_deliberate_change_is_of_a_line_the_old_plugin_wrote():
    written = {line for lines in read_expected().values() for line in lines}
    assert [old for old in CHANGED if old not in written] == []
    assert [line for lines in ADDED_FINDINGS.values() for line in lines if line in written] == []
    assert set(ADDED_FINDINGS) <= set(read_expected())


def write_expected():
    with tempfile.TemporaryDirectory() as folder:
        cases = current_findings(Path(folder))
    with EXPECTED.open("w", encoding="utf-8") as f:
        for name, lines in cases.items():
            f.write(f"## {name}\n" + "".join(line + "\n" for line in lines))
    print(f"wrote {EXPECTED} ({sum(map(len, cases.values()))} findings in {len(cases)} cases)")


if __name__ == "__main__" and "--write" in sys.argv:
    write_expected()
