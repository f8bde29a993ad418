"""The line cache (extract.LineCache) gives what a parse of the whole page gives, on pages built
to trip it: a repeated line inside a comment, a script or an attribute that started on an
earlier line, ids and <base> in repeated lines, content before <body>, CR line ends."""

import pytest

from pelican.plugins.link_checker import extract
from pelican.plugins.link_checker.extract import LineCache, parse_page
from pelican.plugins.link_checker.model import Link

HEAD = [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '  <meta charset="utf-8">',
    '  <link rel="stylesheet" href="/theme/site.css"><script src="/theme/menu.js" defer></script>',
    '  <meta property="og:image" content="/images/card.png">',
]
MENU = [
    '<nav id="menu"><ul><li><a href="/">Home</a></li><li><a href="/about/">About</a></li>',
    '<li><a href="/news/">News</a></li><li><a href="#top">Top</a></li></ul></nav>',
    '<p class="crisis"><a href="tel:988">Call 988</a> <img alt="" srcset="/a.png 1x, /b.png 2x"></p>',
    '<footer><a href="/contact/" id="contact">Contact</a><img alt="nothing"></footer>',
]


def page(*body, head=(), body_tag="<body>", end="\n"):
    return end.join([*HEAD, *head, "</head>", body_tag, *body, "</body>", "</html>", ""]).encode("utf-8")


PAGES = {
    "plain": page(*MENU, '<main><h1 id="title">One</h1><p>Text <a href="missing.html">x</a></p></main>'),
    "again": page(*MENU, '<main><h1 id="title">Two</h1><p>Other text</p></main>'),
    "menu in a comment": page("<!-- the old menu:", *MENU, "-->", '<p id="after">after</p>'),
    "menu in a script": page("<script>", *MENU, "</script>", *MENU),
    "menu in an attribute": page('<div title="', *MENU, '">', '<a href="/in/">in</a></div>'),
    "menu in a textarea": page("<textarea>", *MENU, "</textarea>"),
    "tag across lines": page("<a", 'href="/split/">split</a>', *MENU),
    "duplicate ids": page(*MENU, '<section id="menu"><a id="contact" href="/x/">x</a></section>', *MENU),
    "base in a repeated line": page('<base href="/elsewhere/">', *MENU, '<a href="rel/">r</a>'),
    "content in the head": page(*MENU, head=['<div id="early">text in the head</div>']),
    "body with an id after content": page(*MENU, head=['<div id="early">text in the head</div>'],
                                          body_tag='<body id="menu">'),
    "og:image written with a reference": page(*MENU, head=['  <meta property="og&#58;image" content="/og.png">']),
    "no body tag": page(*MENU, body_tag=""),
    "CR LF": page(*MENU, end="\r\n"),
    "not UTF-8": page(*MENU) + "<a href='/caf\xe9/'>x</a>".encode("latin-1"),
    "upper case": page(*[line.upper() for line in MENU], *MENU),
    "the last again": page(*MENU, '<main><h1 id="title">Three</h1></main>'),
}


def described(parsed):
    return ([(link.page, link.element, link.attribute, link.url, link.line, link.alt, link.property)
             for link in parsed.links], sorted(parsed.known), parsed.ids, parsed.duplicates,
            list(parsed.duplicates), parsed.base, parsed.sourceless_images)


@pytest.mark.parametrize("known", [None, set(), {"/", "/about/", "/news/", "tel:988", "/contact/"}])
def test_a_page_read_with_the_cache_is_read_as_a_whole(known):
    cache = LineCache()
    for name, data in PAGES.items():
        whole = parse_page(name, data, Link, set(known) if known is not None else None)
        cached = parse_page(name, data, Link, set(known) if known is not None else None, cache)
        assert described(cached) == described(whole), name


def test_the_lines_read_before_are_not_parsed_again(monkeypatch):
    cache = LineCache()
    parse_page("first", PAGES["plain"], Link, set(), cache)
    given = []
    fromstring = extract.etree.fromstring
    monkeypatch.setattr(extract.etree, "fromstring",
                        lambda data, parser: given.append(data) or fromstring(data, parser))
    parsed = parse_page("second", PAGES["again"], Link, set(), cache)
    assert len(given) == 1 and len(given[0]) < len(PAGES["again"]) / 2
    assert b"/about/" not in given[0] and b"og:image" not in given[0]
    assert [link.url for link in parsed.links if link.element == "a"] == ["/", "/about/", "/news/", "#top", "tel:988",
                                                                          "/contact/"]
