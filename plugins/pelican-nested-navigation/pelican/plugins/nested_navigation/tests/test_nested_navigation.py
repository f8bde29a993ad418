"""The plugin in real Pelican builds of a small stock site (test_data/): Pelican's own themes
(simple and notmyidea, each with a few override templates that include the plugin's partials),
Markdown and reStructuredText, nested and flat pages, an article with a category, a
translation through ``lang``, and the settings that change addresses.

Only the standard library, Pelican, Markdown and pytest: the HTML is read with html.parser.
"""

import copy
import importlib.metadata
import logging
import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from blinker import signal
from pelican import Pelican, signals
from pelican.settings import read_settings

from pelican.plugins.nested_navigation.nested_navigation import list_page_title
from pelican.plugins.nested_navigation import (DEFAULTS, LINK_ORIGINS_KEY, LIST_PAGE_KEY, LIST_TITLE_KEY,
                                               TREES_KEY, get_config, menu_link_value, nested_navigation,
                                               order_value)

DATA = Path(__file__).resolve().parent / "test_data"
PLUGIN = "pelican.plugins.nested_navigation"


class Elements(HTMLParser):
    """Every element's tag, attributes and text (its own and its descendants')."""

    VOID = {"meta", "link", "img", "br", "hr", "input", "source", "wbr"}

    def __init__(self, html):
        super().__init__()
        self.found, self.open = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "text": ""}
        self.found.append(element)
        if tag not in self.VOID:
            self.open.append(element)

    def handle_endtag(self, tag):
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i]["tag"] == tag:
                del self.open[i:]
                break

    def handle_data(self, data):
        for element in self.open:
            element["text"] += data


def elements(html, tag, cls=None):
    return [e for e in Elements(html).found
            if e["tag"] == tag and (cls is None or cls in e["attrs"].get("class", "").split())]


def links_in(html, start_marker, end_marker):
    """(text, href) of the links between two markers of the HTML."""
    part = html.split(start_marker, 1)[1].split(end_marker, 1)[0]
    return [(" ".join(e["text"].split()), e["attrs"].get("href")) for e in elements(part, "a")]


def menu(html):
    return links_in(html, '<nav class="site-nav"', "</nav>")


def breadcrumbs(html):
    return [text for text, _ in links_in(html, '<nav class="breadcrumbs"', "</nav>")] \
        if '<nav class="breadcrumbs"' in html else []


def build(tmp_path, theme="simple", **overrides):
    settings = {
        "PATH": str(DATA / "content"), "OUTPUT_PATH": str(tmp_path / "output"),
        "PLUGINS": [PLUGIN], "THEME_TEMPLATES_OVERRIDES": [str(DATA / "overrides" / theme)],
        "CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False, "TIMEZONE": "UTC",
        "SITENAME": "Stock site", "FEED_ALL_ATOM": None, "CATEGORY_FEED_ATOM": None,
        "TRANSLATION_FEED_ATOM": None, "AUTHOR_FEED_ATOM": None, "AUTHOR_FEED_RSS": None,
        "PAGE_PATHS": ["pages"], "ARTICLE_PATHS": ["articles"], "THEME": theme,
    }
    settings.update(overrides)
    Pelican(read_settings(None, override=settings)).run()
    return tmp_path / "output"


def read(output, path):
    return (output / path).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def simple(tmp_path_factory):
    return build(tmp_path_factory.mktemp("simple"))


def test_the_menu_is_built_from_the_folders(simple):
    html = read(simple, "index.html")
    # No home page of its own: the blog index at the root is Home. Sections from folders, the
    # category of the article, the flat page; each section's pages in its drop-down.
    assert menu(html) == [
        ("Home", "/"),
        ("Guides", "/pages/guides.html"),
        ("Installing", "/pages/install.html"),
        ("Configure", "/pages/configure.html"),
        ("Advanced guides", "/pages/advanced-guides.html"),
        ("About", "/pages/about-this-project.html"),
        ("News", "/category/news.html"),
    ]
    assert 'aria-current="page">Home' in html
    assert "(another website)" not in html.split('<nav class="site-nav"', 1)[1].split("</nav>")[0]


def test_a_page_gets_its_breadcrumbs_section_list_and_pager(simple):
    tuning = read(simple, "pages/tuning-the-build.html")
    assert breadcrumbs(tuning) == ["Home", "Guides", "Advanced guides", "Tuning the build"]
    assert 'aria-current="true">Guides' in tuning  # the section it sits in is marked
    guides = read(simple, "pages/guides.html")  # the reST landing page
    listed = [text for text, _ in links_in(guides, '<section class="section-list"', "</section>")]
    assert listed == ["Installing", "Configuring the site", "Advanced guides"]
    assert "How to install it." in guides and "Every setting, with its default." in guides
    install = read(simple, "pages/install.html")
    pager = links_in(install, '<nav class="pager"', "</nav>")
    assert [href for _, href in pager] == ["/pages/guides.html", "/pages/configure.html"]
    article = read(simple, "hello-world.html")
    assert breadcrumbs(article) == ["Home", "News", "Hello, world"]


def test_a_menu_link_and_its_source_line_are_published(simple, tmp_path):
    advanced = read(simple, "pages/advanced-guides.html")
    assert ("Pelican's documentation", "https://docs.getpelican.com/") in \
        links_in(advanced, '<section class="section-list"', "</section>")
    seen = {}

    def remember(path, context):
        seen.update(context.get(LINK_ORIGINS_KEY) or {})

    signals.content_written.connect(remember)
    try:
        build(tmp_path)
    finally:
        signals.content_written.disconnect(remember)
    source, line = seen["https://docs.getpelican.com/"]
    assert source.endswith("content/pages/guides/advanced/index.md") and line == 3


def ask_as_the_link_checker_does(tmp_path, **overrides):
    """Build, and send pelican-link-checker's named signal the way it does (once, when the build
    is finished, with the generators); return what each receiver answered."""
    answers = []

    def ask(pelican):
        answers.extend(answer for _, answer in signal("link_checker_origins").send(
            pelican, generators=generators))

    def keep(all_generators):
        generators[:] = all_generators

    generators = []
    signals.all_generators_finalized.connect(keep)
    signals.finalized.connect(ask)
    try:
        build(tmp_path, **overrides)
    finally:
        signals.finalized.disconnect(ask)
        signals.all_generators_finalized.disconnect(keep)
    return [answer for answer in answers if answer is not None]


def test_the_link_checker_is_told_where_each_menu_link_was_written(tmp_path):
    answers = ask_as_the_link_checker_does(tmp_path)
    assert len(answers) == 1
    source, line = answers[0]["https://docs.getpelican.com/"]
    # The file as Pelican opened it (the checker opens it to show the line), and its line.
    assert Path(source) == DATA / "content" / "pages" / "guides" / "advanced" / "index.md"
    assert line == 3


def test_the_link_checker_answer_can_be_turned_off(tmp_path):
    assert ask_as_the_link_checker_does(
        tmp_path, NESTED_NAVIGATION={"link_checker_origins": False}) == []


def test_a_translation_gets_the_menu_of_its_language(simple):
    french = read(simple, "pages/install-fr.html")
    entries = menu(french)
    assert ("Installation", "/pages/install-fr.html") in entries
    # Pages not translated yet stay in the French menu, marked with their language.
    assert ('About (en)', "/pages/about-this-project.html") in entries
    assert 'hreflang="en" lang="en"' in french


def test_the_script_and_stylesheet_are_copied_and_linked(simple):
    assert (simple / "nested-navigation" / "navigation.js").is_file()
    assert (simple / "nested-navigation" / "navigation.css").is_file()
    html = read(simple, "index.html")
    assert '<script src="/nested-navigation/navigation.js" defer></script>' in html


def test_the_notmyidea_theme(tmp_path):
    output = build(tmp_path, theme="notmyidea")
    install = read(output, "pages/install.html")
    assert ("Installing", "/pages/install.html") in menu(install)
    assert breadcrumbs(install) == ["Home", "Guides", "Installing"]


def test_relative_urls(tmp_path):
    output = build(tmp_path, RELATIVE_URLS=True)
    tuning = read(output, "pages/tuning-the-build.html")
    assert ("Guides", "../pages/guides.html") in menu(tuning)
    assert ("Home", "../") in menu(tuning)
    assert ("Home", "./") in menu(read(output, "index.html"))


def test_an_absolute_siteurl_and_custom_addresses(tmp_path):
    output = build(tmp_path, SITEURL="https://example.org/docs",
                   PAGE_URL="{slug}/", PAGE_SAVE_AS="{slug}/index.html",
                   CATEGORY_URL="topics/{slug}/", CATEGORY_SAVE_AS="topics/{slug}/index.html")
    html = read(output, "guides/index.html")
    assert ("Guides", "https://example.org/docs/guides/") in menu(html)
    assert ("News", "https://example.org/docs/topics/news/") in menu(html)
    assert 'aria-current="page">Guides' in html


def test_a_long_section_list_goes_on_over_further_pages(tmp_path):
    output = build(tmp_path, NESTED_NAVIGATION={"section_list_size": 2})
    first = read(output, "pages/guides.html")
    second = read(output, "pages/guides/page/2/index.html")
    assert len(elements(first, "li", "section-list__item")) == 2
    assert [t for t, _ in links_in(second, '<section class="section-list"', "</nav>")][:1] == ["Advanced guides"]
    assert '<span aria-current="page">2</span>' in second
    assert breadcrumbs(second) == ["Home", "Guides"]


def test_the_section_text_is_on_the_first_page_of_its_list_only(tmp_path):
    text = "landing page, in reStructuredText"
    for theme in ("simple", "notmyidea"):
        output = build(tmp_path / theme, theme=theme, NESTED_NAVIGATION={"section_list_size": 2})
        first = read(output, "pages/guides.html")
        second = read(output, "pages/guides/page/2/index.html")
        assert text in first
        assert text not in second, theme
        # Page 2 is still the list with its pager, under the section's title.
        assert len(elements(second, "li", "section-list__item")) == 1
        assert '<span aria-current="page">2</span>' in second and "Guides" in second


def test_a_list_page_says_which_page_it_is(tmp_path):
    pages = {}

    def remember(path, context):
        if context.get(LIST_PAGE_KEY) is not None:
            pages[Path(path).relative_to(tmp_path / "output").as_posix()] = context[LIST_PAGE_KEY].number

    signals.content_written.connect(remember)
    try:
        build(tmp_path, NESTED_NAVIGATION={"section_list_size": 2})
    finally:
        signals.content_written.disconnect(remember)
    assert pages == {"pages/guides/page/2/index.html": 2}


def test_the_trees_are_a_template_variable(tmp_path):
    trees = {}

    def remember(path, context):
        trees.update(context.get(TREES_KEY) or {})

    signals.content_written.connect(remember)
    try:
        build(tmp_path)
    finally:
        signals.content_written.disconnect(remember)
    assert set(trees) == {"en", "fr"}
    assert [item.title for item in trees["en"].menu][:2] == ["Home", "Guides"]


def test_settings_are_merged_over_the_defaults_and_checked(caplog):
    user = {"max_children": 0, "colour": "green", "category_order": ["News"]}
    kept = copy.deepcopy(user)
    with caplog.at_level(logging.WARNING):
        config = get_config({"NESTED_NAVIGATION": user})
    assert user == kept  # the user's dict is not changed
    assert config["max_children"] == DEFAULTS["max_children"] and config["category_order"] == ["News"]
    messages = [r.getMessage() for r in caplog.records]
    assert ("pelican.plugins.nested_navigation: NESTED_NAVIGATION['max_children'] must be a whole "
            "number of 1 or more, not 0; using 10") in messages
    assert any(m.startswith("pelican.plugins.nested_navigation: unknown key 'colour'") for m in messages)
    with caplog.at_level(logging.WARNING):
        assert get_config({"NESTED_NAVIGATION": ["x"]}) == DEFAULTS
    assert "NESTED_NAVIGATION must be a dict" in caplog.records[-1].getMessage()


def test_a_folder_without_an_index_page_is_reported_at_its_first_file(tmp_path, caplog):
    content = tmp_path / "content"
    (content / "pages" / "loose").mkdir(parents=True)
    (content / "pages" / "loose" / "a.md").write_text("Title: A\n\nText.\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        build(tmp_path, PATH=str(content), ARTICLE_PATHS=[])
    found = [r.getMessage() for r in caplog.records if "has no index.md" in r.getMessage()]
    assert len(found) == 1 and re.match(r"^\S*content/pages/loose/a\.md:1: warning: ", found[0])


def test_no_writer_subclass():
    nested_navigation.register()
    assert not any(getattr(r, "__module__", "").startswith(PLUGIN)
                   for r in signals.get_writer.receivers_for(None))


def test_a_bad_order_or_menu_link_is_reported_at_its_line(tmp_path, caplog):
    content = tmp_path / "content"
    (content / "pages" / "help").mkdir(parents=True)
    (content / "pages" / "help" / "index.md").write_text(
        "Title: Help\nMenu_link: [Bad](javascript:alert(1))\nMenu_link: just words\n\nText.\n",
        encoding="utf-8")
    (content / "pages" / "help" / "a.rst").write_text(
        "A page\n######\n\n:order: first\n\nText.\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        output = build(tmp_path, PATH=str(content), ARTICLE_PATHS=[])
    errors = sorted(r.getMessage().split(": error: ")[0].rsplit("/", 1)[1] for r in caplog.records
                    if r.levelno == logging.ERROR)
    assert errors == ["a.rst:4", "index.md:2", "index.md:3"]
    # The example in the message is neutral (nothing from any one site).
    assert any("Menu_link must be a Markdown link like [Example](https://example.org/), not 'just words'"
               in r.getMessage() for r in caplog.records)
    assert "javascript:" not in read(output, "pages/help.html")


def test_titles_and_addresses_are_escaped_without_autoescaping(tmp_path):
    content = tmp_path / "content"
    (content / "pages" / "odd").mkdir(parents=True)
    (content / "pages" / "odd" / "index.md").write_text(
        'Title: Odd <b>section</b>\nMenu_link: [Q](https://example.org/a"onmouseover="x)\n\nText.\n',
        encoding="utf-8")
    output = build(tmp_path, PATH=str(content), ARTICLE_PATHS=[])  # Pelican's default: no autoescape
    html = read(output, "pages/odd-section.html")
    assert "Odd &lt;b&gt;section&lt;/b&gt;" in html and "<b>section</b></a>" not in html
    assert 'a&#34;onmouseover=&#34;x' in html and '"onmouseover="' not in html


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_titles_are_escaped_once_whatever_the_reader(tmp_path):
    content = tmp_path / "content" / "pages"
    write(content / "odd" / "index.md", "Title: Odd\n\nText.\n")
    write(content / "odd" / "md.md", 'Title: Q&A <one> "m"\nSlug: md\nOrder: 1\n\nText.\n')
    write(content / "odd" / "rest.rst", 'Q&A <two> "r"\n###############\n\n:slug: rest\n:order: 2\n\nText.\n')
    write(content / "odd" / "html.html", "<html><head><title>Q&amp;A &lt;three&gt; &quot;h&quot;</title>"
          '<meta name="slug" content="html"><meta name="order" content="3"></head><body>Text.</body></html>')
    titles = ['Q&A <one> "m"', 'Q&A <two> "r"', 'Q&A <three> "h"']
    for autoescape in (False, True):
        output = build(tmp_path / str(autoescape), PATH=str(tmp_path / "content"), ARTICLE_PATHS=[],
                       JINJA_ENVIRONMENT={"trim_blocks": True, "lstrip_blocks": True, "autoescape": autoescape})
        section = read(output, "pages/odd.html")
        # As a browser reads them: the titles as written, in the menu and "In this section".
        assert [text for text, _ in menu(section)][-3:] == titles
        assert [text for text, _ in links_in(section, '<section class="section-list"', "</section>")] == titles
        assert breadcrumbs(read(output, "pages/rest.html"))[-1] == titles[1]
        pager = links_in(read(output, "pages/md.html"), '<nav class="pager"', "</nav>")
        assert pager[-1][0] == "Next: " + titles[1]
        # Escaped once: no "&amp;amp;", no "&amp;lt;", and no raw "<two>" tag.
        assert "&amp;amp;" not in section and "&amp;lt;" not in section and "&amp;#" not in section
        assert "Q&amp;A &lt;two&gt;" in section and "<two>" not in section


def readme():
    """The package's README: from the source checkout, or (in an installed wheel, whose tests
    run without the checkout) from the distribution's metadata, which carries it."""
    source = Path(__file__).resolve().parents[4] / "README.md"
    if source.is_file():
        return source.read_text(encoding="utf-8")
    return importlib.metadata.metadata("pelican-nested-navigation").get_payload()


def notmyidea_recipe():
    """The README's recipe for notmyidea: its settings (Python) and templates (file -> text)."""
    text = readme()
    part = text[text.index("**The default `notmyidea` theme**"):text.index("**Your own theme:**")]
    settings = re.search(r"```python\n(.*?)```", part, re.S).group(1)
    templates = re.search(r"```jinja\n(.*?)```", part, re.S).group(1)
    files = dict(re.findall(r"\{# templates/(\S+) #\}\n(.*?)(?=\n\{# templates/|\Z)", templates, re.S))
    return settings, files


def test_the_readme_recipe_for_notmyidea_draws_the_menu_on_every_page(tmp_path, monkeypatch):
    settings, files = notmyidea_recipe()
    site = tmp_path / "site"
    for name, text in files.items():
        write(site / "templates" / name, text.strip() + "\n")
    # The recipe as a user's pelicanconf.py, with only where the content is and no feeds added.
    write(site / "pelicanconf.py", settings + (
        f"PATH = {str(DATA / 'content')!r}\nOUTPUT_PATH = {str(tmp_path / 'output')!r}\n"
        f"PLUGINS = [{PLUGIN!r}]\nTHEME = 'notmyidea'\nPAGE_PATHS = ['pages']\nARTICLE_PATHS = ['articles']\n"
        "TIMEZONE = 'UTC'\nFEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\nTRANSLATION_FEED_ATOM = None\n"
        "AUTHOR_FEED_ATOM = None\nAUTHOR_FEED_RSS = None\nCACHE_CONTENT = False\nLOAD_CONTENT_CACHE = False\n"
        "YEAR_ARCHIVE_SAVE_AS = 'posts/{date:%Y}/index.html'\n"))
    # Run from another folder: the recipe names its templates from pelicanconf.py's own place.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    Pelican(read_settings(str(site / "pelicanconf.py"))).run()
    output = tmp_path / "output"
    pages = ["index.html", "archives.html", "posts/2026/index.html", "categories.html", "tags.html",
             "authors.html", "category/news.html", "tag/pelican.html", "author/ada.html",
             "hello-world.html", "pages/install.html", "pages/guides.html"]
    expected = ["Home", "Guides", "Installing", "Configure", "Advanced guides", "About", "News"]
    for page in pages:
        html = read(output, page)
        assert [text for text, _ in menu(html)] == expected, page
        # notmyidea's own menu is off: its <nav> in the banner lists nothing.
        banner = html.split('<header id="banner"', 1)[1].split("</header>", 1)[0]
        assert elements(banner, "li") == [], page
        assert html.count('<nav class="site-nav"') == 1, page
    assert breadcrumbs(read(output, "pages/install.html")) == ["Home", "Guides", "Installing"]
    assert breadcrumbs(read(output, "hello-world.html")) == ["Home", "News", "Hello, world"]
    assert breadcrumbs(read(output, "category/news.html")) == ["Home", "News"]
    assert "Every setting, with its default." in read(output, "pages/guides.html")  # its section list


def every_page(output):
    return {path.relative_to(output).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(output.rglob("*.html"))}


@pytest.mark.parametrize("overrides", [{}, {"RELATIVE_URLS": True}, {"NESTED_NAVIGATION": {"max_children": 1}}])
def test_menus_filled_in_from_one_rendering_equal_menus_rendered_page_by_page(tmp_path, monkeypatch, overrides):
    quick = every_page(build(tmp_path / "quick", **overrides))
    # Every menu state rendered on its own, as a theme whose nav_markup.html cannot be filled in gets it.
    monkeypatch.setattr(nested_navigation.MarkedMenu, "of", classmethod(lambda cls, html, items: False))
    plain = every_page(build(tmp_path / "plain", **overrides))
    assert quick.keys() == plain.keys()
    for path in quick:
        assert quick[path].replace(str(tmp_path / "quick"), "") == \
            plain[path].replace(str(tmp_path / "plain"), ""), path
    assert sum('aria-current="page"' in html for html in quick.values()) > 5


def test_a_theme_menu_that_uses_aria_current_otherwise_is_still_right(tmp_path):
    overrides = tmp_path / "overrides"
    for name in ("base.html", "page.html", "article.html"):
        write(overrides / name, (DATA / "overrides" / "simple" / name).read_text(encoding="utf-8"))
    # aria_current as a test, not as an attribute's value: the marks cannot be filled in.
    write(overrides / "nested_navigation" / "nav_markup.html",
          '<nav class="site-nav"><ul>{% for item in nav.menu %}<li><a href="{{ here.href(item) }}"'
          '{% if item.aria_current == "page" %} class="here"{% endif %}>{{ item.label | e }}</a>'
          "{% for child in item.menu_children %}<a href=\"{{ here.href(child) }}\""
          '{% if child.aria_current == "page" %} class="here"{% endif %}>{{ child.label | e }}</a>'
          "{% endfor %}</li>{% endfor %}</ul></nav>")
    output = build(tmp_path, THEME_TEMPLATES_OVERRIDES=[str(overrides)])
    for path, label in [("index.html", "Home"), ("pages/install.html", "Installing"),
                        ("pages/guides.html", "Guides"), ("pages/about-this-project.html", "About")]:
        html = read(output, path)
        here = [e["text"] for e in elements(html.split('<nav class="site-nav"', 1)[1].split("</nav>")[0], "a")
                if e["attrs"].get("class") == "here"]
        assert here == [label], path


@pytest.mark.parametrize("overrides", [{"RELATIVE_URLS": True}, {"SITEURL": "https://example.org/docs"}])
def test_the_addresses_worked_out_once_per_page_are_those_href_gives(tmp_path, overrides):
    templates = tmp_path / "overrides"
    for name in ("base.html", "page.html", "article.html"):
        write(templates / name, (DATA / "overrides" / "simple" / name).read_text(encoding="utf-8"))
    pair = '<i class="pair" data-once="{{ once }}" data-href="{{ here.href(item) }}"></i>'
    head = "{%- set here = nested_navigation() %}"
    write(templates / "nested_navigation" / "breadcrumbs.html",
          head + "{% for item, once in here.breadcrumb_links %}" + pair + "{% endfor %}")
    write(templates / "nested_navigation" / "section_list.html",
          head + "{% for item, once in here.section_links %}" + pair + "{% endfor %}")
    write(templates / "nested_navigation" / "pager.html",
          head + "{% for item, once in [(here.previous_page, here.previous_href), (here.next_page, here.next_href)]"
          " if item %}" + pair + "{% endfor %}")
    output = build(tmp_path, THEME_TEMPLATES_OVERRIDES=[str(templates)],
                   NESTED_NAVIGATION={"section_list_size": 2}, **overrides)
    pairs = [(e["attrs"]["data-once"], e["attrs"]["data-href"])
             for html in every_page(output).values() for e in elements(html, "i", "pair")]
    assert len(pairs) > 20
    assert [once for once, _ in pairs] == [href for _, href in pairs]
    assert any(once.startswith("..") for once, _ in pairs) == ("RELATIVE_URLS" in overrides)


def test_the_partials_included_draw_what_their_functions_draw(tmp_path):
    # The simple recipe with {% include "nested_navigation/<name>.html" %} in place of each
    # {{ nested_navigation_<name>() }}: the way of the plugin's first versions, still supported.
    includes = tmp_path / "includes"
    for name in ("base.html", "page.html", "article.html"):
        text = (DATA / "overrides" / "simple" / name).read_text(encoding="utf-8")
        text = text.replace("{{ nested_navigation_menu(assets=True) }}", '{% include "nested_navigation/menu.html" %}')
        text = re.sub(r"\{\{ nested_navigation_(\w+)\(\) \}\}", r'{% include "nested_navigation/\1.html" %}', text)
        assert "nested_navigation_menu" not in text and "include" in text
        write(includes / name, text)
    settings = {"RELATIVE_URLS": True, "NESTED_NAVIGATION": {"section_list_size": 2}}
    called = every_page(build(tmp_path / "called", **settings))
    included = every_page(build(tmp_path / "included", THEME_TEMPLATES_OVERRIDES=[str(includes)], **settings))
    assert included.keys() == called.keys()
    for path in included:
        assert included[path] == called[path], path
    assert sum('<nav class="breadcrumbs"' in html for html in called.values()) > 5
    assert '<section class="section-list"' in called["pages/guides/page/2/index.html"]


def test_a_theme_file_overrides_a_partial_called_as_a_function(tmp_path):
    overrides = tmp_path / "overrides"
    write(overrides / "page.html", '{% extends "!theme/page.html" %}'
          "{% block content %}{{ nested_navigation_breadcrumbs() }}{{ super() }}{% endblock %}")
    write(overrides / "nested_navigation" / "breadcrumbs.html",
          '<p class="mine">{{ nested_navigation().item.title }} on {{ SITENAME }}</p>')
    output = build(tmp_path, THEME_TEMPLATES_OVERRIDES=[str(overrides)])
    assert '<p class="mine">Installing on Stock site</p>' in read(output, "pages/install.html")


@pytest.mark.parametrize("theme", ["simple", "notmyidea"])
def test_further_pages_of_a_list_have_a_title_of_their_own(tmp_path, theme):
    # The recipe's page.html: {% block title %}{{ nested_navigation_title | default(super()) }}…
    output = build(tmp_path, theme=theme, NESTED_NAVIGATION={
        "section_list_size": 1, "strings": {"en": {"list_page_title": "{title} (p. {number}/{count})"}}})

    def title(path):
        return " ".join(elements(read(output, path), "title")[0]["text"].split())

    first = title("pages/guides.html")
    assert "Guides" in first and "p." not in first  # page 1 keeps the theme's own title
    assert title("pages/guides/page/2/index.html") == "Guides (p. 2/3)"
    assert title("pages/guides/page/3/index.html") == "Guides (p. 3/3)"


def test_the_default_title_of_a_further_page(tmp_path):
    titles = {}

    def remember(path, context):
        if context.get(LIST_TITLE_KEY) is not None:
            titles[Path(path).relative_to(tmp_path / "output").as_posix()] = context[LIST_TITLE_KEY]

    signals.content_written.connect(remember)
    try:
        build(tmp_path, NESTED_NAVIGATION={"section_list_size": 2})
    finally:
        signals.content_written.disconnect(remember)
    assert titles == {"pages/guides/page/2/index.html": "Guides – page 2 of 2"}


def test_a_title_that_holds_braces_is_shown_as_written():
    page = SimpleNamespace(number=2, paginator=SimpleNamespace(num_pages=5))
    strings = {"list_page_title": "{title} – page {number} of {count}"}
    assert list_page_title(strings, "Top {count} <tips> for {number}", page) == (
        "Top {count} &lt;tips&gt; for {number} – page 2 of 5")


def test_search_indexes_leave_the_navigation_out(simple):
    # data-pagefind-ignore on each part, so Pagefind (which indexes a page's body) skips them
    # whatever the theme puts them in.
    html = read(simple, "pages/guides.html")
    for tag, cls in [("nav", "site-nav"), ("nav", "breadcrumbs"), ("section", "section-list"), ("nav", "pager")]:
        found = elements(html, tag, cls)
        assert found and all("data-pagefind-ignore" in e["attrs"] for e in found), cls


def test_what_one_partial_sets_is_not_seen_by_the_next(tmp_path):
    # The partials of a page share one context (for speed): each starts with it emptied.
    overrides = tmp_path / "overrides"
    write(overrides / "page.html", '{% extends "!theme/page.html" %}{% block content %}'
          "{{ nested_navigation_breadcrumbs() }}{{ nested_navigation_pager() }}{{ super() }}{% endblock %}")
    write(overrides / "nested_navigation" / "breadcrumbs.html",
          '{% set leaked = "leaked" %}<p class="first">{{ leaked }} {{ SITENAME }}</p>')
    write(overrides / "nested_navigation" / "pager.html",
          '<p class="second">{{ leaked | default("clean") }} {{ SITENAME }}</p>')
    html = read(build(tmp_path, THEME_TEMPLATES_OVERRIDES=[str(overrides)]), "pages/install.html")
    assert '<p class="first">leaked Stock site</p><p class="second">clean Stock site</p>' in html


def test_the_field_readers_other_plugins_may_use():
    assert [order_value(v) for v in (3, "2.5", " -1 ", "three", "nan", True)] == [3, 2.5, -1.0, None, None, None]
    assert menu_link_value("[Markdown](https://en.wikipedia.org/wiki/Markdown_(language))") == (
        "Markdown", "https://en.wikipedia.org/wiki/Markdown_(language)")
    assert menu_link_value("Markdown https://example.org/") is None
