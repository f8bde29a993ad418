"""The 404 page's search box (issue 20), in Chromium: without JavaScript, typing a word and
pressing Enter opens the search page of the box's language, which answers and lists every page."""

import pytest


@pytest.mark.parametrize("index, search_page", [(0, "search/"), (1, "es/search/")])
def test_the_404_search_box_leads_to_the_search_page_without_javascript(open_tab, index, search_page):
    tab = open_tab(java_script_enabled=False)
    page = tab.goto("no-such-page/", expect_status=404)
    field = page.locator("main form input[name=q]").nth(index)
    field.fill("housing")
    with page.expect_navigation() as navigation:
        field.press("Enter")
    assert navigation.value.status == 200
    assert page.url == tab.url(search_page) + "?q=housing"
    assert page.locator(".a-to-z__entry").count() > 10  # the A to Z list answers without script
