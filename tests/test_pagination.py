"""Long lists go on over several pages: a section's "In this section" (the navigation plugin
writes <section>/page/<n>/) and the blog (Pelican's own pagination), so every page stays within
the 14 KB budget at any size (issue 15).

One real build of a site from bench/generate.py: 250 pages, 100 of them in one section
(Library), 25 news posts. No timing here: the figures live in bench/RESULTS.md.
"""

import importlib.util
import re

import pytest

from conftest import ROOT, build_site, url_of

PAGES = 250
PER_PAGE = 20  # NESTED_NAVIGATION["section_list_size"] and DEFAULT_PAGINATION in pelicanconf.py


def _bench_module(name):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generate = _bench_module("generate")
page_weight = _bench_module("bench_page_weight")


@pytest.fixture(scope="module")
def big_section_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("big-section")
    content = generate.generate(folder / "content", PAGES)
    return build_site(content, folder / "output")


def section_children(site):
    """The Library's own pages, from the content folder."""
    return sorted(p.stem for p in (site.content / "pages" / "library").glob("*.md") if p.stem != "index")


def list_pages(site, section):
    """Page 1 (the landing page) and the further pages of a section's list, in order."""
    first = f"{section}/index.html"
    more = sorted((site.output / section / "page").glob("*/index.html"), key=lambda p: int(p.parent.name))
    return [first] + [p.relative_to(site.output).as_posix() for p in more]


def test_every_page_of_a_site_with_a_huge_section_fits_the_budget(big_section_site):
    weights = page_weight.weigh_site(big_section_site.output)
    over = [f"{w.path}: {w.total:,} B" for w in weights if w.total > page_weight.BUDGET]
    assert len(weights) > PAGES
    assert not over, f"pages over {page_weight.BUDGET:,} B gzipped: {over}"


def test_the_build_is_clean_and_link_checked(big_section_site):
    # The link checker ran in the build: every page of every list is linked and every link works.
    assert big_section_site.errors == []
    assert big_section_site.warnings == []


def test_a_big_section_lists_every_page_once_over_several_pages(big_section_site):
    children = section_children(big_section_site)
    pages = list_pages(big_section_site, "library")
    assert len(children) == 100
    assert len(pages) == 100 // PER_PAGE
    listed = []
    for path in pages:
        soup = big_section_site.soup(url_of(path))
        items = soup.select(".section-list__item .section-list__title a")
        assert 0 < len(items) <= PER_PAGE, path
        listed += [a["href"].strip("/").split("/")[-1] for a in items]
    assert sorted(listed) == children
    assert len(listed) == len(set(listed))


def test_the_list_pager_is_accessible_and_has_rel_links(big_section_site):
    pages = list_pages(big_section_site, "library")
    for number, path in enumerate(pages, 1):
        soup = big_section_site.soup(url_of(path))
        nav = soup.select_one(".section-list nav.pagination")
        assert nav is not None and nav["aria-label"], path
        current = nav.select('[aria-current="page"]')
        assert [c.get_text() for c in current] == [str(number)]
        assert current[0].name != "a"  # the page itself is not a link
        previous = "/" + url_of(pages[number - 2]) if number > 1 else None
        following = "/" + url_of(pages[number]) if number < len(pages) else None
        for rel, target in (("prev", previous), ("next", following)):
            in_pager = [a["href"] for a in nav.select(f'a[rel="{rel}"]')]
            in_head = [link["href"] for link in soup.head.select(f'link[rel="{rel}"]')]
            assert in_pager == in_head == ([target] if target else []), (path, rel)
        # No other rel=prev/next on the page: the section pager gives way to the list's.
        assert len(soup.select('a[rel~="next"]')) == (1 if following else 0), path
    title = big_section_site.soup(url_of(pages[1])).title.get_text()
    assert re.match(rf"Library \(Page 2 of {len(pages)}\) \| ", title)


def test_only_the_first_list_page_carries_the_section_text(big_section_site):
    pages = list_pages(big_section_site, "library")
    intro = big_section_site.soup(url_of(pages[0])).select_one("article.prose").get_text()
    later = big_section_site.soup(url_of(pages[1])).select_one("article.prose").get_text()
    assert "council meets every month" in intro
    assert "council meets every month" not in later
    assert f"Page 2 of {len(pages)}" in later


def test_a_small_section_has_no_pager(big_section_site):
    soup = big_section_site.soup("about/")
    assert soup.select(".section-list__item")
    assert soup.select_one("nav.pagination") is None
    assert not (big_section_site.output / "about" / "page").exists()


def test_the_sitemap_lists_each_list_page_once(big_section_site):
    sitemap = (big_section_site.output / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]*)</loc>", sitemap)
    assert len(locations) == len(set(locations))
    for path in list_pages(big_section_site, "library"):
        assert any(loc.endswith("/" + url_of(path)) or loc == "/" + url_of(path) for loc in locations), path


def test_a_category_pager_marks_the_current_page_and_links_in_head(big_section_site, tmp_path):
    """Pelican's own pagination (a news category), with pages of two posts."""
    site = build_site(big_section_site.content, tmp_path / "output", DEFAULT_PAGINATION=2)
    category = "news/action-alert/"
    assert (site.output / category / "page" / "2" / "index.html").exists()
    first, second = site.soup(category), site.soup(category + "page/2/")
    assert first.select_one('nav.pagination [aria-current="page"]').get_text() == "1"
    assert [link["href"] for link in first.head.select('link[rel="next"]')] == [f"/{category}page/2/"]
    assert [link["href"] for link in second.head.select('link[rel="prev"]')] == [f"/{category}"]
    assert second.select_one('nav.pagination [aria-current="page"]').get_text() == "2"


def test_the_news_page_lists_the_newest_posts_and_sends_to_the_categories_for_more(big_section_site):
    soup = big_section_site.soup("news/")
    dates = [t["datetime"] for t in soup.select(".news-list .article-list__item time")]
    assert len(dates) == 20 and dates == sorted(dates, reverse=True)  # DEFAULT_PAGINATION, newest first
    assert len(list((big_section_site.content / "news").rglob("*.md"))) > 20
    assert "Older posts" in soup.select_one(".news-list").get_text()
    categories = {a["href"] for a in soup.select(".section-list__title a")}
    assert {"/news/action-alert/", "/news/sonoma-county/", "/news/peer-voices-now/"} <= categories
