"""The menu in a real browser (Chromium, see browser_support.py): the disclosure buttons, Escape,
the narrow-screen "Menu" button, and the menu without JavaScript. The real site is served."""

import pytest

from browser_support import DESKTOP, PHONE

TABLET = {"width": 800, "height": 1000}


def expanded(locator):
    return locator.get_attribute("aria-expanded")


def focused_label(page):
    return page.evaluate(
        "() => document.activeElement.getAttribute('aria-label') || document.activeElement.textContent.trim()")


def section_button(page, label):
    return page.locator(f'.site-nav__button[aria-label="{label} pages"]')


def test_a_button_opens_its_list_and_escape_closes_it_and_returns_focus(open_tab):
    tab = open_tab(viewport=DESKTOP)
    page = tab.goto("about/welcome/")
    about = section_button(page, "About")
    about_list = page.locator("#" + about.get_attribute("aria-controls"))
    assert about.is_visible() and expanded(about) == "false"
    assert not about_list.is_visible()

    about.focus()
    page.keyboard.press("Enter")
    assert expanded(about) == "true" and about_list.is_visible()
    page.keyboard.press("Tab")  # into the open list, at its first link
    first_link = about_list.locator("a").first.get_attribute("href")
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == first_link

    page.keyboard.press("Escape")
    assert expanded(about) == "false" and not about_list.is_visible()
    assert focused_label(page) == "About pages"
    assert tab.errors == []


def test_one_list_at_a_time_and_a_click_elsewhere_closes_it(open_tab):
    page = open_tab(viewport=DESKTOP).goto("")
    about, resources = section_button(page, "About"), section_button(page, "Resources")
    about.click()
    resources.click()
    assert (expanded(about), expanded(resources)) == ("false", "true")
    page.locator("main h1").click()
    assert expanded(resources) == "false"


def test_an_open_list_is_a_panel_over_the_page_that_stays_on_screen(open_tab):
    for viewport in (TABLET, DESKTOP):
        page = open_tab(viewport=viewport).goto("")
        for button in page.locator(".site-nav__button").all():
            button.click()
            panel = page.locator("#" + button.get_attribute("aria-controls"))
            box = panel.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], (
                f"{button.get_attribute('aria-label')} at {viewport['width']} px: {box}")
            # Over the page: opening it moves nothing below the header.
            position = "() => getComputedStyle(document.activeElement.nextElementSibling).position"
            assert page.evaluate(position) == "absolute"
            button.click()


def test_the_current_section_is_marked_without_colour(open_tab):
    page = open_tab(viewport=DESKTOP).goto("resources/emergency/")
    current = page.locator('.site-nav__link[aria-current="true"]')
    assert current.text_content() == "Resources"
    other = page.locator(".site-nav__link", has_text="Advocacy")
    # A bar under the link: a border, which stays in forced-colours mode.
    assert current.evaluate("(a) => getComputedStyle(a).borderBottomStyle") == "solid"
    assert current.evaluate("(a) => getComputedStyle(a).borderBottomColor") != other.evaluate(
        "(a) => getComputedStyle(a).borderBottomColor")


def test_on_a_phone_the_menu_waits_behind_the_menu_button(open_tab):
    tab = open_tab(viewport=PHONE)
    page = tab.goto("")
    toggle = page.locator(".nav-toggle")
    menu = page.locator("#site-nav-list")
    assert toggle.is_visible() and toggle.text_content() == "Menu"
    assert expanded(toggle) == "false" and not menu.is_visible()
    box = toggle.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44

    toggle.click()
    assert expanded(toggle) == "true" and menu.is_visible()
    section_button(page, "Resources").click()
    assert page.locator(".site-nav__sub a", has_text="Emergency").is_visible()
    page.keyboard.press("Escape")  # closes the open list first …
    page.keyboard.press("Escape")  # … then the menu, and focus returns to "Menu"
    assert expanded(toggle) == "false" and not menu.is_visible()
    assert focused_label(page) == "Menu"
    assert tab.errors == []


def test_the_menu_button_is_not_shown_on_wide_screens(open_tab):
    page = open_tab(viewport=DESKTOP).goto("")
    assert not page.locator(".nav-toggle").is_visible()
    assert page.locator("#site-nav-list").is_visible()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_without_javascript_every_list_is_shown_and_no_button_is(open_tab, viewport):
    page = open_tab(viewport=viewport, java_script_enabled=False).goto("about/")
    assert page.locator(".site-nav__sub").first.is_visible()
    assert all(not b.is_visible() for b in page.locator(".site-nav button").all())
    assert page.locator("#site-nav-list").is_visible()
