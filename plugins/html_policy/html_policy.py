"""Pelican adapter for the HTML policy (policy.py holds the rules).

* Two Jinja filters, the only way a template prints HTML: ``markdown_html`` marks the HTML that
  Markdown produced (a page's body, a summary) safe, after passing it through the policy once
  more, so it is the one place where autoescaping (``JINJA_ENVIRONMENT`` in pelicanconf.py) is
  lifted; ``html_text`` turns such HTML into plain text for a <title>, a meta description or
  an OpenGraph tag, where autoescaping then escapes it exactly once. Everything else a template
  prints (titles, menu labels, glossary terms, settings) is plain text and escaped.
* The Atom feed's entry titles are the titles as written: Pelican reads each title as HTML and
  strips its tags (``Markup(title).striptags()``), which drops words from a title such as
  ``Help <script>…`` and decodes ``&lt;`` into ``<``; feedgenerator escapes the plain title.
"""

import logging
from urllib.parse import urljoin

from markupsafe import Markup
from pelican import signals
from pelican.contents import Article, Page

from . import policy

log = logging.getLogger(__name__)


def markdown_html(value):
    """HTML from Markdown, cleaned by the policy and marked safe for an autoescaping template."""
    return Markup(policy.clean(str(value or "")))


def html_text(value):
    """The plain text of HTML from Markdown; the template escapes it once."""
    return policy.html_text(value)


FILTERS = {"markdown_html": markdown_html, "html_text": html_text}


def add_filters(generator):
    generator.env.filters.update(FILTERS)


def clean_content(content):
    """Replace a page's or article's HTML (body and Summary) by what the policy keeps, so the
    pages, the feed and the link checker all see the same, safe HTML."""
    if not isinstance(content, (Page, Article)):
        return
    content._content = policy.clean(content._content)
    if "summary" in content.metadata and getattr(content, "_summary", None):
        content._summary = content.metadata["summary"] = policy.clean(content._summary)


def literal_feed_titles(context, feed):
    """Give each feed entry its article's title as written (plain text)."""
    siteurl = context.get("SITEURL") or ""
    base = urljoin(siteurl if siteurl.endswith("/") else siteurl + "/", "")
    titles = {article.url: article.title for article in context.get("articles", ())}
    for item in feed.items:
        link = item.get("link") or ""
        url = link[len(base):] if link.startswith(base) else link
        url = url.split("?ref=feed", 1)[0]
        if url in titles:
            item["title"] = str(titles[url])


def register():
    # generator_init: each generator has just made its Jinja environment; the filters must be
    # there before any template is loaded.
    signals.generator_init.connect(add_filters)
    # content_object_init: each page and article once it is read (also from Pelican's cache),
    # before anything renders it, links to it or puts it in the feed.
    signals.content_object_init.connect(clean_content)
    # feed_generated: the feed is complete and not yet written.
    signals.feed_generated.connect(literal_feed_titles)
