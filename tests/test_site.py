"""The foundation, asserted on real builds: page shell, crisis strip, footer, privacy, URLs,
and the files a published site needs."""

import re
import subprocess
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, build_site, copy_content, url_of

LINK_ATTRS = {"link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src",
              "video": "src", "audio": "src", "embed": "src", "object": "data"}


def test_real_site_builds_without_errors(real_site):
    assert real_site.errors == []
    assert (real_site.output / "index.html").exists()


def test_every_page_has_lang_skip_link_first_and_landmarks(real_site):
    for path in real_site.pages():
        soup = real_site.soup(url_of(path))
        assert soup.html.get("lang") == ("es" if path.startswith("es/") else "en"), path
        first = soup.body.find(["a", "button", "input", "select", "textarea"])
        assert first is not None and first.get("href") == "#main-content", path
        main = soup.find("main")
        assert main is not None and main.get("id") == "main-content", path
        for landmark in ("header", "nav", "footer"):
            assert soup.find(landmark) is not None, f"{path}: no <{landmark}>"
        assert len(soup.find_all("main")) == 1, path
        assert len(soup.find_all("h1")) == 1, f"{path}: expected one <h1>"


def test_crisis_strip_on_every_page_in_the_same_place(real_site):
    strips = {}  # one strip per language: the same words and place on every page of it
    for path in real_site.pages():
        spanish = path.startswith("es/")
        soup = real_site.soup(url_of(path))
        strip = soup.find("aside", class_="crisis-strip")
        assert strip is not None, path
        # Right after the skip link, before the header: the same place on every page.
        assert strip.find_previous_sibling("a", class_="skip-link") is not None, path
        assert strip.find_next_sibling("header") is not None, path
        hrefs = [a["href"] for a in strip.find_all("a")]
        emergency = "/es/resources/emergency/" if spanish else "/resources/emergency/"
        body = "AYUDA" if spanish else "HOME"  # the keyword that reaches a Spanish speaker
        text_988 = "sms:988?body=AYUDA" if spanish else "sms:988"  # AYUDA reaches Spanish
        assert hrefs == ["tel:988", text_988, "tel:911", f"sms:741741?body={body}", emergency], path
        text = " ".join(strip.get_text().split())
        if spanish:  # tests/test_spanish.py checks the Spanish words
            assert "988" in text and "AYUDA" in text and "741741" in text and "911" in text, path
        else:
            assert "988" in text and "Suicide & Crisis Lifeline" in text
            assert "Text HOME to 741741" in text and "Crisis Text Line" in text and "911" in text
        strips.setdefault(spanish, set()).add(str(strip))
    assert all(len(found) == 1 for found in strips.values()), "the crisis strip differs between pages"
    assert real_site.file_for("resources/emergency/").exists()


def test_footer_has_contact_details_on_every_page(real_site):
    for path in real_site.pages():
        name = "Consejo de Pares del Condado de Sonoma" if path.startswith("es/") else "Sonoma County Peer Council"
        footer = real_site.soup(url_of(path)).find("footer")
        text = " ".join(footer.get_text().split())
        assert name in text, path
        place = "Condado de Sonoma, California" if path.startswith("es/") else "Sonoma County, California"
        assert place in text, path
        assert footer.find("a", href="tel:+17074817965", string="(707) 481-7965"), path
        assert re.search(rf"© \d{{4}} {name}", text), path


def test_footer_has_the_crisis_numbers_on_every_page(real_site):
    """988 to call and to text, the county's 24/7 line and 911, one tap away at the foot of
    every page, however long (the strip is at the top only)."""
    for path in real_site.pages():
        footer = real_site.soup(url_of(path)).find("footer")
        hrefs = {a["href"] for a in footer.find_all("a", href=True)}
        assert {"tel:988", "tel:+18007468181", "tel:911"} <= hrefs, path
        assert any(href.startswith("sms:988") for href in hrefs), path
        assert "1-800-746-8181" in footer.get_text(), path


def test_footer_links_the_contact_accessibility_and_privacy_pages_in_the_pages_language(real_site):
    """Every page's footer leads to the pages a public-service site has, in its own language,
    and each of them is published."""
    for path in real_site.pages():
        prefix = "/es/" if path.startswith("es/") else "/"
        footer = real_site.soup(url_of(path)).find("footer")
        hrefs = {a["href"] for a in footer.select(".site-footer__links a[href]")}
        expected = {f"{prefix}about/{name}/" for name in ("contact", "accessibility", "privacy")}
        assert hrefs == expected, path
    for href in expected | {href.replace("/es/", "/") for href in expected}:
        assert real_site.file_for(href).exists(), href


def test_no_asset_or_script_from_another_host(real_site):
    for path in real_site.pages():
        soup = real_site.soup(url_of(path))
        for tag, attr in LINK_ATTRS.items():
            for element in soup.find_all(tag):
                value = element.get(attr) or ""
                if tag == "link" and element.get("rel") == ["canonical"]:
                    continue
                assert not urlsplit(value).netloc, f"{path}: <{tag} {attr}={value!r}> loads from another host"
        css = (real_site.output / "theme/css/site.css").read_text()
        assert "@import" not in css and "url(http" not in css and "@font-face" not in css


def test_pages_need_no_javascript(real_site):
    for path in real_site.pages():
        soup = real_site.soup(url_of(path))
        assert not soup.find_all(attrs={"onclick": True}), path
        for script in soup.find_all("script"):
            # At most the small progressive menu script, deferred, never render-blocking.
            assert script.get("src") and script.has_attr("defer"), f"{path}: {script}"


def test_meta_description_and_opengraph_from_summary(real_site):
    soup = real_site.soup("resources/emergency/")
    description = soup.find("meta", attrs={"name": "description"})["content"]
    assert description and "<" not in description
    assert soup.find("meta", property="og:description")["content"] == description
    assert soup.find("meta", property="og:title")["content"] == soup.h1.get_text(strip=True)
    assert soup.find("meta", property="og:site_name")["content"] == "Sonoma County Peer Council"


def test_site_files_are_present(real_site):
    out = real_site.output
    assert "Page not found" in (out / "404.html").read_text()
    feed = (out / "feeds/news.atom.xml").read_text()
    assert feed.startswith("<?xml") and "http://www.w3.org/2005/Atom" in feed
    assert "<urlset" in (out / "sitemap.xml").read_text()
    assert (out / "robots.txt").read_text().startswith("User-agent: *")
    assert (out / "favicon.svg").exists()
    # No separate blog: the News page lists the posts (issue 20).
    assert not (out / "blog").exists()


def test_404_links_work_from_any_folder(real_site):
    # The 404 page is served for any missing address, so its links must be root-absolute.
    soup = real_site.soup("404.html")
    for a in soup.find_all("a", href=True):
        href = a["href"]
        assert href.startswith(("/", "#", "tel:", "sms:", "mailto:", "http")), href


def test_clean_urls_keep_same_titles_apart(fixture_site):
    site = fixture_site("clean_urls")
    assert site.errors == []
    assert site.soup("resources/employment/").h1.string == "Employment"
    assert site.soup("advocacy/employment/").h1.string == "Employment"
    assert "Finding work" in site.html("resources/employment/")
    assert "Fair hiring" in site.html("advocacy/employment/")
    assert site.soup("history/sonoma-county/").h1.string == "Sonoma County"
    assert site.soup("news/sonoma-county/").h1.string == "Sonoma County"
    assert site.soup("resources/").h1.string == "Resources"
    assert site.soup("").h1.string == "Home"
    # An article's address comes from its file name, not its title.
    assert site.file_for("news/2021/county-news/").exists()


def test_drafts_are_not_published(tmp_path):
    content = copy_content(tmp_path, ROOT / "tests/fixtures/sites/clean_urls")
    (content / "pages/resources/housing.md").write_text(
        "Title: Housing\nStatus: draft\nNeeds: local housing help.\n\nNot ready.\n")
    site = build_site(content, tmp_path / "output")
    assert not site.file_for("resources/housing/").exists()
    assert not (site.output / "drafts").exists()
    assert "Housing" not in site.html("resources/")


def make(*args, cwd=ROOT):
    return subprocess.run(["make", "--no-print-directory", *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture
def published(tmp_path):
    """An output folder that was published before: it holds a marker file."""
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("the site as published before")
    return output


def test_publish_with_a_broken_page_leaves_published_output_untouched(tmp_path, published):
    content = copy_content(tmp_path)
    (content / "pages/broken.md").write_text("Summary: a page with no title\n\nOops.\n")
    result = make("publish", f"INPUTDIR={content}", f"OUTPUTDIR={published}", "SITEURL=https://peers.example")
    assert result.returncode != 0, result.stdout + result.stderr
    assert (published / "index.html").read_text() == "the site as published before"
    assert sorted(p.name for p in published.iterdir()) == ["index.html"]
    assert not (tmp_path / "output.new").exists(), "a half-built site was left behind"
    assert "publish: failed" in result.stdout + result.stderr


def test_publish_replaces_output_when_the_build_passes(tmp_path, published):
    content = copy_content(tmp_path, ROOT / "tests/fixtures/sites/clean_urls")
    result = make("publish", f"INPUTDIR={content}", f"OUTPUTDIR={published}", "SITEURL=https://peers.example")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Home" in (published / "index.html").read_text()
    assert (published / "resources/employment/index.html").exists()
    assert not (tmp_path / "output.new").exists() and not (tmp_path / "output.old").exists()


def test_news_lists_its_posts_newest_first_and_there_is_no_second_list(real_site):
    """Issue 20: News is the one list of the posts (newest first), its categories its pages;
    no "Blog" does the same job, and every link to the news list leads to News."""
    for url, lang in (("news/", "en"), ("es/news/", "es")):
        soup = real_site.soup(url)
        assert soup.html["lang"] == lang, url
        dates = [t["datetime"] for t in soup.select(".news-list .article-list__item time")]
        assert len(dates) == len(list((ROOT / "content" / "news").rglob("*.md"))), url
        assert dates == sorted(dates, reverse=True), url
        categories = {a["href"] for a in soup.select(".section-list__title a")}
        assert {"/news/action-alert/", "/news/sonoma-county/", "/news/peer-voices-now/"} <= categories, url
    for path in real_site.pages():
        soup = real_site.soup(url_of(path))
        assert not soup.select('a[href$="/blog/"]'), path
        assert "Blog" not in [a.get_text(strip=True) for a in soup.select(".site-nav a")], path
    assert real_site.soup("").select_one(".latest-news > p a")["href"] == "/news/"


def test_the_404_page_has_a_search_box_in_each_language(real_site):
    forms = real_site.soup("404.html").select("main form")
    assert [(f["action"], f["method"], f.get("lang")) for f in forms] == [
        ("/search/", "get", None), ("/es/search/", "get", "es")]
    for form in forms:
        field = form.find("input", attrs={"name": "q"})
        assert field is not None and form.find("label", attrs={"for": field["id"]}) is not None
        assert form.find("button", type="submit") is not None
