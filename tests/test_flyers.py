"""Flyers (plugins/flyers): the QR code is segno's SVG of the page's absolute address, the
address is written under it and in the image's alt text, and Chromium prints each flyer on one
US Letter page in black and white."""

import io

import pytest
import segno
from pypdf import PdfReader

from conftest import ROOT, build_site
from flyers import qr

FLYERS = {"flyer/index.html": "", "resources/emergency/flyer/index.html": "resources/emergency/",
          "about/get-involved/flyer/index.html": "about/get-involved/",
          "es/flyer/index.html": "es/", "es/resources/emergency/flyer/index.html": "es/resources/emergency/"}


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The real content built for https://example.org, as publishconf.py builds it."""
    output = tmp_path_factory.mktemp("flyers") / "output"
    return build_site(ROOT / "content", output, SITEURL="https://example.org", RELATIVE_URLS=False,
                      SITE_SEARCH={"index": False})


def segno_svg(url):
    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(out, title=url, **qr.SVG_OPTIONS)
    return out.getvalue()


def flyer_paths(site):
    return sorted(p.relative_to(site.output).as_posix() for p in site.output.rglob("flyer/index.html"))


def test_the_pages_marked_flyer_yes_have_flyers(real_site):
    assert flyer_paths(real_site) == sorted(FLYERS)
    for flyer, page in FLYERS.items():
        link = real_site.soup(page).select_one(".flyer-link a")
        assert link["href"] == "/" + flyer.removesuffix("index.html")


@pytest.mark.parametrize("flyer", sorted(FLYERS))
def test_the_qr_code_is_made_from_the_pages_absolute_address(published, flyer):
    address = "https://example.org/" + FLYERS[flyer]
    folder = published.output / flyer.removesuffix("index.html")
    assert (folder / "qr.svg").read_bytes() == segno_svg(address)
    assert (folder / "qr.svg").read_bytes() != segno_svg(address + "x")  # the address matters
    soup = published.soup(flyer)
    img = soup.select_one(".flyer__qr img")
    assert img["src"] == f"https://example.org/{flyer.removesuffix('index.html')}qr.svg"
    opens = "Código QR que abre" if flyer.startswith("es/") else "QR code that opens"
    assert img["alt"] == f"{opens} {address}"
    assert soup.select_one(".flyer__address").get_text() == address
    assert soup.select_one(".flyer__development") is None


def test_a_development_flyer_says_where_its_code_leads(real_site):
    soup = real_site.soup("resources/emergency/flyer/")
    note = soup.select_one(".flyer__development").get_text()
    assert "http://127.0.0.1:8000/resources/emergency/" in note
    assert (real_site.output / "resources/emergency/flyer/qr.svg").read_bytes() == segno_svg(
        "http://127.0.0.1:8000/resources/emergency/")


def test_a_spanish_flyer_speaks_spanish(real_site):
    soup = real_site.soup("es/resources/emergency/flyer/")
    assert soup.html["lang"] == "es"
    assert soup.select_one(".flyer__qr img")["alt"] == (
        "Código QR que abre http://127.0.0.1:8000/es/resources/emergency/")


def test_a_flyer_keeps_the_crisis_numbers(real_site):
    soup = real_site.soup("flyer/")
    assert soup.select_one('.crisis-strip a[href="tel:988"]')
    assert "(707) 481-7965" in soup.select_one(".flyer__contact").get_text()


@pytest.mark.parametrize("flyer", ["resources/emergency/flyer/", "es/resources/emergency/flyer/"])
def test_the_emergency_flyer_carries_the_county_line_and_the_warm_line(real_site, flyer):
    """The numbers are the Emergency page's own (CRISIS_LINES must agree with it)."""
    emergency = (ROOT / "content" / "pages" / "resources" / "emergency.md").read_text(encoding="utf-8")
    numbers = real_site.soup(flyer).select_one(".flyer__numbers")
    for uri in ("tel:988", "tel:+18007468181", "tel:+18558457415", "tel:911"):
        link = numbers.find("a", href=uri)
        assert link is not None, (flyer, uri)
        if uri.startswith("tel:+1"):
            assert f"]({uri})" in emergency and link.get_text() in emergency, uri


@pytest.mark.parametrize("flyer", sorted(FLYERS))
def test_each_flyer_prints_on_one_letter_page_in_black_and_white(open_tab, flyer):
    tab = open_tab()
    page = tab.goto(flyer.removesuffix("index.html"))
    assert page.evaluate("() => document.querySelector('.flyer__qr img').naturalWidth") > 0
    pdf = page.pdf(format="Letter", print_background=True)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1, f"{flyer} prints on {len(reader.pages)} pages"
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (612, 792)  # 8.5 x 11 in, in points
    page.emulate_media(media="print")
    colours = page.evaluate("""() => [...document.querySelectorAll('main *, .crisis-strip *')]
        .filter(el => el.getClientRects().length)
        .map(el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor])""")
    assert {colour for colour, _ in colours} == {"rgb(0, 0, 0)"}
    assert {background for _, background in colours} <= {"rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"}
    assert page.locator(".flyer__qr img").is_visible()
    assert not page.locator(".site-nav").is_visible()
    # The sheet is used to its foot: at the printable size of a Letter page (8.5 x 11 in less
    # 0.5 in margins, 720 x 960 CSS px), the council's phone, last on the flyer, ends in its
    # bottom sixth, not two thirds of the way down.
    page.set_viewport_size({"width": 720, "height": 960})
    bottom = page.evaluate("() => document.querySelector('.flyer__contact').getBoundingClientRect().bottom")
    assert 800 < bottom <= 960, f"{flyer}: the flyer ends at {bottom:.0f} px of 960"


def test_a_page_whose_address_no_qr_code_can_hold_gets_an_error_and_no_flyer(tmp_path):
    """Ten folders of 240 characters: an address of 2,400 characters, more than any QR code
    holds. The build said so with segno's traceback; now with an error at the Flyer line."""
    from conftest import fixture_copy_with_essentials  # noqa: PLC0415 (only this test needs it)

    content = fixture_copy_with_essentials(tmp_path, "front_matter_clean")
    folder = content / "pages"
    for level in range(10):
        folder = folder / f"level-{level}-{'x' * 232}"
        folder.mkdir()
        (folder / "index.md").write_text(f"Title: Level {level}\nSummary: s.\n\nText.\n", encoding="utf-8")
    (folder / "deep.md").write_text("Title: Deep\nSummary: s.\nFlyer: yes\n\nText.\n", encoding="utf-8")
    site = build_site(content, tmp_path / "output", SITEURL="https://example.org")
    found = [m for m in site.messages() if "deep.md" in m]
    assert len(found) == 1 and "/deep.md:3: error: this page's address is " in found[0], found
    assert "more than a QR code can hold, so it has no flyer" in found[0]
    page = next(site.output.rglob("deep/index.html"))
    assert not (page.parent / "flyer").exists()
    assert "flyer/" not in page.read_text(encoding="utf-8")
