"""Pelican adapter for the HTML policy (policy.py holds the rules).

* Every page's and news post's HTML (its body and its Summary) is checked against the policy
  when Pelican has read it, and each problem is logged as ``path:line: error|warning: …`` at the
  Markdown line that wrote it (found as the link checker finds a link: the start tag or the
  address as written); then the HTML is replaced by what the policy keeps, so nothing the
  policy refuses reaches the pages, the feed or the link checker.

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
import re
from urllib.parse import urljoin

from markupsafe import Markup
from pelican import signals
from pelican.contents import Article, Page

from sitelib import findings

from . import policy
from .source_lines import find_line, written_forms

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


def _read(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except (OSError, UnicodeDecodeError):
        return ""


def _written_forms(value):
    """How an address Markdown put in an attribute may be written in the Markdown file."""
    return written_forms(value)


def problem_line(text, problem, seen):
    """The line of ``text`` (a Markdown file) that wrote ``problem``: its start tag as written
    (raw HTML is copied verbatim), else the address as a Markdown link writes it, else the
    attribute or element name; ``seen`` counts earlier problems with the same start tag."""
    occurrence = seen.get(problem.start_tag, 0)
    seen[problem.start_tag] = occurrence + 1
    needles = [problem.start_tag]
    if problem.value:
        needles += _written_forms(problem.value)
    line = find_line(text, needles, occurrence)
    if line is None:  # attribute lists ({: onclick=…}), upper-case tags and the like
        name = re.match(r"<\s*([^\s>/]+)", problem.start_tag)
        lowered = text.lower()
        line = find_line(lowered, [problem.value.lower()] if problem.value else [], occurrence) \
            or (name and find_line(lowered, ["<" + name.group(1).lower()], occurrence))
    return line or 1


def report_problems(content, found):
    """Log each of ``found`` (what the policy refuses in a page's Summary and body, in that
    order) at its Markdown line."""
    if not found:
        return
    text = _read(content.source_path)
    shown = findings.display_path(content.source_path, content.settings.get("PATH"))
    seen = {}
    for problem in found:
        findings.log(log, findings.Finding(shown, problem_line(text, problem, seen), problem.severity,
                                           problem.message))


def clean_content(content):
    """Report what the policy refuses in a page's or article's HTML (body and Summary), then
    replace the HTML by what the policy keeps, so the pages, the feed and the link checker all
    see the same, safe HTML."""
    if not isinstance(content, (Page, Article)):
        return
    found = []
    if "summary" in content.metadata and getattr(content, "_summary", None):
        summary, found = policy.review(content._summary)  # the Summary line comes before the body
        content._summary = content.metadata["summary"] = summary
    content._content, in_body = policy.review(content._content)
    if getattr(content, "status", "") != "draft":  # a draft is reported when it is published
        report_problems(content, found + in_body)


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


def forget_cleaned(pelican):
    policy.forget()


def register():
    # generator_init: each generator has just made its Jinja environment; the filters must be
    # there before any template is loaded.
    signals.generator_init.connect(add_filters)
    # content_object_init: each page and article once it is read (also from Pelican's cache),
    # before anything renders it, links to it or puts it in the feed.
    signals.content_object_init.connect(clean_content)
    # feed_generated: the feed is complete and not yet written.
    signals.feed_generated.connect(literal_feed_titles)
    # finalized: the build is over; what policy.clean remembered is not needed again.
    signals.finalized.connect(forget_cleaned)
