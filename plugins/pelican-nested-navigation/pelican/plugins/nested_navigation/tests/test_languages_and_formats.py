"""Pelican's own translations (``lang`` metadata, ``Translation: true``) and reStructuredText
folders, on a stock quickstart-like site built with the default theme (notmyidea) and the
README's partials: each test reads the HTML a real Pelican build wrote.

The site (written by the ``site`` fixture): articles in English with French translations (one
of them in reST), an article only in French; a page with a French translation, a page only in
French with a German translation, and a folder of reST pages with no index page.
"""

import logging
import re

import pytest
from pelican import signals

# The helpers of the package's main test module (the same folder is on sys.path under pytest).
from test_nested_navigation import DATA, breadcrumbs, build, links_in, read, write

from pelican.plugins.nested_navigation import TREES_KEY

LOGGER = "pelican.plugins.nested_navigation"

FILES = {
    "articles/hello.md": "Title: Hello\nDate: 2026-01-15\nCategory: News\nSlug: hello\n\nText.\n",
    "articles/hello.fr.md": "Title: Bonjour\nDate: 2026-01-15\nCategory: News\nSlug: hello\nLang: fr\n\nTexte.\n",
    "articles/later.md": "Title: Later\nDate: 2026-02-15\nCategory: News\nSlug: later\n\nText.\n",
    "articles/later.fr.rst": "Plus tard\n#########\n\n:date: 2026-02-15\n:category: News\n:slug: later\n"
                             ":lang: fr\n\nTexte.\n",
    # An article whose only version is French, on a site whose DEFAULT_LANG is English.
    "articles/seul.md": "Title: Seulement en français\nDate: 2026-03-15\nCategory: News\nSlug: seul\n"
                        "Lang: fr\n\nTexte.\n",
    "pages/about.md": "Title: About\nSlug: about\n\nText.\n",
    "pages/about.fr.rst": "À propos\n########\n\n:slug: about\n:lang: fr\n\nTexte.\n",
    # A page only in French, translated into German (marked as the translation).
    "pages/notes.fr.md": "Title: Notes\nSlug: notes\nLang: fr\n\nTexte.\n",
    "pages/notes.de.md": "Title: Notizen\nSlug: notes\nLang: de\nTranslation: true\n\nText.\n",
    # A folder of reST pages without an index page.
    "pages/docs/alpha.rst": "Alpha\n#####\n\n:order: 1\n\nText.\n",
    "pages/docs/beta.rst": "Beta\n####\n\n:order: 2\n\nText.\n",
}


class Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def build_site(root, files, **overrides):
    """Build ``files`` (path under content/ -> text) with notmyidea and the README's partials;
    return the output folder, the plugin's warnings and errors, and the trees."""
    for path, text in files.items():
        write(root / "content" / path, text)
    records, trees = Records(), {}

    def remember(path, context):
        trees.update(context.get(TREES_KEY) or {})

    logger = logging.getLogger(LOGGER)
    logger.addHandler(records)
    signals.content_written.connect(remember)
    try:
        output = build(root, theme="notmyidea", PATH=str(root / "content"),
                       THEME_TEMPLATES_OVERRIDES=[str(DATA / "overrides" / "notmyidea")], **overrides)
    finally:
        signals.content_written.disconnect(remember)
        logger.removeHandler(records)
    return output, records.messages, trees


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("languages"), FILES)


def pager(html):
    return links_in(html, '<nav class="pager"', "</nav>") if '<nav class="pager"' in html else []


def item_for(tree, url):
    return next(item for item in tree.walk() if item.url == url)


def test_an_article_translation_gets_breadcrumbs_and_previous_next(site):
    output, _, _ = site
    hello = read(output, "hello-fr.html")
    assert breadcrumbs(hello)[-2:] == ["News (en)", "Bonjour"]
    # Its neighbours are the French versions (one written in reST), not the English ones.
    assert [href for _, href in pager(hello)] == ["/category/news.html", "/later-fr.html"]
    later = read(output, "later-fr.html")
    assert breadcrumbs(later)[-1] == "Plus tard"
    assert pager(later) == [("Previous: Bonjour", "/hello-fr.html"),
                            ("Next: Seulement en français", "/seul-fr.html")]
    # The English articles keep theirs.
    assert [href for _, href in pager(read(output, "hello.html"))] == ["/category/news.html", "/later.html"]


def test_a_page_translation_gets_breadcrumbs(site):
    output, _, _ = site
    assert breadcrumbs(read(output, "pages/about-fr.html"))[-1] == "À propos"
    # A page only in French: in the French tree, and its German translation in the German one.
    assert breadcrumbs(read(output, "pages/notes-fr.html"))[-1] == "Notes"
    assert breadcrumbs(read(output, "pages/notes-de.html"))[-1] == "Notizen"


def test_an_article_only_in_french_is_marked_french_where_the_menu_is_not(site):
    output, _, trees = site
    assert item_for(trees["fr"], "seul-fr.html").lang is None
    assert item_for(trees["en"], "seul-fr.html").lang == "fr"
    assert item_for(trees["de"], "seul-fr.html").lang == "fr"
    # Its own page does not call it English; the English article before it links to it as French.
    seul = read(output, "seul-fr.html")
    assert breadcrumbs(seul)[-1] == "Seulement en français"
    assert pager(seul) == [("Previous: Plus tard", "/later-fr.html")]
    later = read(output, "later.html")
    assert pager(later)[-1] == ("Next: Seulement en français (fr)", "/seul-fr.html")
    assert 'href="/seul-fr.html" hreflang="fr"' in later


def test_a_rest_folder_without_an_index_asks_for_index_rst(site):
    _, messages, _ = site
    found = [m for m in messages if "has no index" in m]
    assert len(found) == 1
    # The folder as messages show it ("content/pages/docs" when the content is not under the
    # working folder), at its first file.
    match = re.fullmatch(r'(\S*content/pages/docs)/alpha\.rst:1: warning: the folder "(\1)" (.*)', found[0])
    assert match, found[0]
    assert match.group(3) == (
        "has no index.rst, so its section has no title or landing page. Add "
        f"{match.group(1)}/index.rst with a title and a :summary: field (and an :order: field for "
        "its place in the menu).")


def test_a_rest_site_without_a_home_page_is_asked_for_index_rst(tmp_path):
    _, messages, _ = build_site(tmp_path, {"pages/a.rst": "A\n#\n\nText.\n"}, INDEX_SAVE_AS="blog/index.html",
                                NESTED_NAVIGATION={"missing_home": "warning"})
    found = [m for m in messages if "no home page" in m]
    assert len(found) == 1
    assert found[0].endswith(
        "content/pages/index.rst:1: warning: the content has no home page (index.rst in the top "
        "folder of the pages), so the menu has no Home. Add one with a title and a :summary: field.")


def test_a_translated_folder_without_an_index_is_reported_once_and_a_rest_draft_by_its_field(tmp_path):
    _, messages, _ = build_site(tmp_path, {
        "pages/docs/a.md": "Title: A\n\nText.\n",
        "pages/docs/a.fr.md": "Title: A en français\nSlug: a\nLang: fr\n\nTexte.\n",
        "pages/held/index.rst": "Held\n####\n\n:status: draft\n\nText.\n",
        "pages/held/x.rst": "X\n#\n\nText.\n",
    }, ARTICLE_PATHS=[])
    # Each language's tree finds the folder; it is named once, at the original's file.
    missing = [m for m in messages if "has no index" in m]
    assert len(missing) == 1 and re.match(r"^\S*content/pages/docs/a\.md:1: warning: ", missing[0])
    # A reST index held back is named by the field as reST writes it.
    held = [m for m in messages if "draft" in m]
    assert len(held) == 1 and re.search(
        r"content/pages/held/index\.rst:4: warning: this page is a draft \(`:status: draft`\), so its "
        r'section "\S*content/pages/held" has no landing page', held[0])
