"""Pelican settings for the Sonoma County Peer Council website (development builds).

publishconf.py imports everything here and overrides only what production changes.
"""

import datetime
import os

from sitelib.languages import LANG_IN_NAME, theme_strings

HERE = os.path.dirname(os.path.abspath(__file__))

# --- Site -------------------------------------------------------------------------------------
AUTHOR = "Sonoma County Peer Council"
# The name Pelican gives the feeds; the theme shows the name and tagline in each page's language
# (site_name and tagline in theme/strings/*.yml).
SITENAME = "Sonoma County Peer Council"
SITEURL = ""  # root-relative links in development; publishconf.py sets the real address
TIMEZONE = "America/Los_Angeles"
DEFAULT_LANG = "en"
# The site's languages, each named in its own language (the language switcher shows these
# names): the one list, which every plugin and the theme read (tools/sitelib/languages.py).
# English is the original; a page's Spanish version is NAME.es.md beside NAME.md (README.md,
# "Translations"). plugins/translations checks and pairs the files. A new language is a line
# here, the theme's words in theme/strings/<code>.yml, and the pages' translations.
LANGUAGES = {"en": "English", "es": "Español"}
DEFAULT_DATE_FORMAT = "%-d %B %Y"
COPYRIGHT_YEAR = datetime.date.today().year

# The council's contact details, shown in the footer of every page (where it is, in each
# language, is footer_place in theme/strings/*.yml).
CONTACT = {
    "phone": "(707) 481-7965",
    "phone_uri": "tel:+17074817965",
}

# Where the crisis strip on every page sends people for more help.
CRISIS_PAGE = "resources/emergency/"
# What a public-service site says about itself, linked from the footer of every page (each in
# the page's language: plugins/translations swaps in the translation's address).
ACCESSIBILITY_PAGE = "about/accessibility/"
PRIVACY_PAGE = "about/privacy/"
CONTACT_PAGE = "about/contact/"
# The crisis lines beyond 988 and 911 that the footer of every page and the flyers give (their
# names are in theme/strings/*.yml). Both are on the Emergency page
# (content/pages/resources/emergency.md), with its sources: change them there and here together.
CRISIS_LINES = {
    # Sonoma County Behavioral Health's 24/7 crisis line, which can send a mobile crisis team.
    "county": {"phone": "1-800-746-8181", "uri": "tel:+18007468181"},
    # The California Peer-Run Warm Line: peer support, call or text, not for emergencies.
    "warm": {"phone": "(855) 845-7415", "uri": "tel:+18558457415"},
}

# The News page (content/pages/news/index.md, Template: news) lists the posts, newest first, and
# its section holds the news categories (NAV["categories_in"]). It is the one list of the news:
# the site has no separate blog index (DIRECT_TEMPLATES below). The home page's "All news" links
# here, in the page's language.
NEWS_PAGE = "news/"
CATEGORY_SUMMARIES = {
    "Action Alert": "Times to speak up: laws, budgets and decisions that affect peers.",
    "Sonoma County": "News about peer support and mental-health planning in Sonoma County.",
    "Peer Voices Now": "Peers on peer support, recovery and change, in their own words.",
}


# --- Content ----------------------------------------------------------------------------------
PATH = "content"
PAGE_PATHS = ["pages"]
ARTICLE_PATHS = ["news"]
# Meetings and events (plugins/events): one Markdown file each, at /events/<file name>/.
EVENT_PATHS = ["events"]
STATIC_PATHS = ["images", "extra"]
# Pages are Markdown only: Pelican's reStructuredText reader would publish what an `include`
# directive pulls from the build machine (/proc/self/environ) and its `raw` HTML; its HTML reader
# a page's own scripts. A .rst or .html page is an error at the file (plugins/front_matter).
READERS = {"rst": None, "html": None, "htm": None}
# Pelican would otherwise read the data files (the glossary's YAML) as content, and publish a
# file or folder whose name starts with a dot (.draft.md) at a hidden address; plugins/front_matter
# names each such file left out, with how to publish it.
IGNORE_FILES = [".*", "*.yml", "*.yaml"]
USE_FOLDER_AS_CATEGORY = False
DEFAULT_CATEGORY = "News"

# Clean URLs from the folder a page sits in: content/pages/resources/emergency.md becomes
# /resources/emergency/, and a section's index.md becomes the section's own address
# (content/pages/resources/index.md -> /resources/). Two pages with one title in different
# sections can never collide.
# An article's address comes from its file name: news/action-alert/sb-803-signed.md is
# /news/2020/sb-803-signed/, whatever its title (titles change; addresses should not).
# A translation's file name ends in its language before ".md" (emergency.es.md): the same slug
# pairs it with the English file (Pelican's own translations), and its address starts with the
# language (/es/resources/emergency/). Any two or three letters are captured, so that a file
# in a language the site does not have (emergency.fr.md) is reported by plugins/translations.
# Every extension Pelican reads as Markdown (.md, .markdown, .mkd, .mdown) gets the same address.
# The language in a file's name is sitelib.languages' LANG_IN_NAME, the pattern every plugin uses.
PATH_METADATA = (r"(?:pages/|news/(?:[^/]+/)*)(?P<slug>.+?)(?:/index)?"
                 rf"(?:{LANG_IN_NAME})?\.(?:md|markdown|mkd|mdown)$")
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
EXTRA_PATH_METADATA = {
    # The folder content/pages itself is the home section: its index.md is the home page.
    "pages/index.md": {"url": "", "save_as": "index.html", "template": "home"},
    "pages/404.md": {"url": "404.html", "save_as": "404.html", "status": "hidden"},
    # Each other language's home page (/es/) is the top folder's index.es.md.
    **{f"pages/index.{code}.md": {"url": f"{code}/", "save_as": f"{code}/index.html", "template": "home"}
       for code in LANGUAGES if code != DEFAULT_LANG},
    "extra/favicon.svg": {"path": "favicon.svg"},
}

ARTICLE_URL = "news/{date:%Y}/{slug}/"
ARTICLE_SAVE_AS = "news/{date:%Y}/{slug}/index.html"
ARTICLE_LANG_URL = "{lang}/news/{date:%Y}/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/news/{date:%Y}/{slug}/index.html"
CATEGORY_URL = "news/{slug}/"
CATEGORY_SAVE_AS = "news/{slug}/index.html"
# No blog index: the News page lists the posts (NEWS_PAGE above), and the home page is a
# Markdown page of its own.
DIRECT_TEMPLATES = []
TEMPLATE_PAGES = {"robots.txt": "robots.txt"}
# Pages this site does not offer: nothing links to them, so nothing should build them.
CATEGORIES_SAVE_AS = ""
TAGS_SAVE_AS = ""
TAG_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
# Drafts are a volunteer's to-do list (`make check` lists them); they are never published.
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_URL = ""
DRAFT_PAGE_URL = ""
# A translation's draft too (Pelican's defaults would publish it at /drafts/pages/NAME-es.html).
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""
DRAFT_LANG_URL = ""
DRAFT_PAGE_LANG_URL = ""

DEFAULT_PAGINATION = 20
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

MARKDOWN = {
    "extension_configs": {
        # Table columns aligned with align="…", not style="…", which the site's
        # Content-Security-Policy would block (plugins/security_policy).
        "markdown.extensions.extra": {"tables": {"use_align_attribute": True}},
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.smarty": {},
        "markdown.extensions.sane_lists": {},
    },
    "output_format": "html5",
}

# --- Feeds, sitemap ---------------------------------------------------------------------------
FEED_DOMAIN = "http://127.0.0.1:8000"  # development only; publishconf.py uses SITEURL
FEED_ALL_ATOM = "feeds/news.atom.xml"
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
# A feed per language for translated news posts (feeds/news.es.atom.xml); Pelican writes one
# only for a language that has at least one post.
TRANSLATION_FEED_ATOM = "feeds/news.{lang}.atom.xml"

SITEMAP = {
    "format": "xml",
    "priorities": {"articles": 0.5, "indexes": 0.5, "pages": 0.7},
    "changefreqs": {"articles": "monthly", "indexes": "weekly", "pages": "monthly"},
}

# --- Link checking (pelican-link-checker, plugins/pelican-link-checker/README.md) -----------------
# Every build checks every link of output/; `make check-external` also asks the other sites.
LINK_CHECKER = {
    # Regular expressions: links (and unlinked pages) matching one are not checked. Add a site
    # here only when it refuses automated checks but works in a browser, with a comment why.
    "ignore": [],
    # The fixes the messages suggest, in this site's terms: the council's own number, the
    # Crisis Text Line, a page every volunteer knows.
    "examples": {
        "tel": CONTACT["phone_uri"],
        "sms": "sms:741741",
        "page": "/" + CRISIS_PAGE,
        "source_file": "{filename}/pages/resources/index.md",
    },
}

# --- Review dates (plugins/fact_review) ----------------------------------------------------------
# A page that cites sources says when its facts were last checked (Reviewed:); they stay trusted
# for review_in unless the page's Review_in: says less. `make review` lists what is due.
FACT_REVIEW = {"review_in": "12 months", "headings": ["Sources", "Fuentes"], "due_soon_days": 30}

# --- Theme ------------------------------------------------------------------------------------
THEME = "theme"
# Every template escapes what it prints: titles, menu labels and glossary terms are plain text
# however they are written. The HTML that Markdown produced is marked safe in one place, the
# markdown_html filter of plugins/html_policy, after the HTML policy has cleaned it.
# (trim_blocks and lstrip_blocks are Pelican's defaults, kept.)
JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True, "extensions": []}
THEME_STATIC_PATHS = ["static"]


# The theme's fixed words (skip link, menu, crisis strip, footer), one file per language of
# LANGUAGES. Every page is rendered with the words of its own language
# (theme/templates/base.html sets T to THEME_STRINGS[the page's lang]); T alone is the default
# language's, for anything else. A language without its file gets the default's words, and
# plugins/translations reports the missing file.
THEME_STRINGS = theme_strings(os.path.join(HERE, THEME, "strings"), LANGUAGES, DEFAULT_LANG)
T = THEME_STRINGS[DEFAULT_LANG]

# The menu, breadcrumbs, "In this section" lists and previous/next links are built from the
# content folders by the nested-navigation plugin (plugins/pelican-nested-navigation; README.md,
# "Ordering, hiding and labelling pages"); only what Markdown cannot say is set here.
NAVIGATION_WORDS = ("main_nav", "menu", "breadcrumb", "in_this_section", "nav_section_pages", "nav_more_in",
                    "nav_external", "pager", "previous", "next", "pagination", "page_of", "in_other_language",
                    "home")
NESTED_NAVIGATION = {
    # The news categories are a section of the News folder (content/pages/news/index.md).
    "categories_in": "news",
    "category_order": ["Action Alert", "Sonoma County", "Peer Voices Now"],
    "category_summaries": CATEGORY_SUMMARIES,
    # Every folder needs its index.md, and the site its home page (content/pages/index.md).
    "missing_index": "error",
    "missing_home": "error",
    "strings": {lang: {key: words[key] for key in NAVIGATION_WORDS} for lang, words in THEME_STRINGS.items()},
    # Summaries in "In this section" go through the HTML policy (plugins/html_policy).
    "summary_filter": "markdown_html",
    # The menu's script sits with the theme's own files; site.css styles the menu.
    "static_path": "theme/js",
    "stylesheet": False,
    # plugins/front_matter checks Order and Menu_link (and reports each mistake once).
    "check_fields": False,
    # ... and tells the link checker where each Menu_link was written (menu_link_origins), so the
    # plugin's own answer would only say it again: one owner.
    "link_checker_origins": False,
}


def long_date(date, words):
    """A date in words, in the language of ``words`` (a THEME_STRINGS entry): "23 November 2026",
    "23 de noviembre de 2026". Month names come from the strings, not the system's locale,
    which a build machine may not have for Spanish."""
    return words["date_format"].format(day=date.day, month=words["months"][date.month - 1],
                                       year=date.year)


JINJA_FILTERS = {"long_date": long_date}

# --- Plugins ----------------------------------------------------------------------------------
# Set explicitly: when PLUGINS is unset Pelican loads every installed namespace plugin on its own.
# Their order does not matter: each reports through logging, and `python -m build_report`
# (which runs every build) counts what was logged after Pelican has finished. The link checker
# checks output/ after every other plugin's `finalized` receiver (site_search's Pagefind index
# included), wherever it stands here (tests/test_link_checker_package.py shuffles this list).
PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    # The sitemap is written by plugins/translations, which runs pelican-sitemap and then
    # corrects its hreflang alternates (see that plugin); listing both would write it twice.
    "translations",
    "pelican.plugins.nested_navigation",
    "front_matter",
    "page_meta",
    "readability",
    "events",
    "flyers",
    "site_search",
    "pelican.plugins.link_checker",
    "build_report",
    "recovery_language",
    "html_policy",
    "security_policy",
    "safe_files",
    "fact_review",
    "kept_facts",
]

# Pelican's default cache makes a rebuild redo only what changed; tests build without it.
CACHE_PATH = "cache"
LOAD_CONTENT_CACHE = False
