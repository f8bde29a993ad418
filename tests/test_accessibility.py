"""axe-core on every page the build produces, in the light and the dark colour scheme.

axe-core comes bundled with axe-playwright-python (nothing is fetched from another host). The
rule sets run are those tagged for WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's
best practices; the bar is zero violations. Colour contrast is checked in both colour schemes,
because the dark scheme has its own colours (prefers-color-scheme in site.css).
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser_support import PHONE

RULE_SETS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": RULE_SETS}, "resultTypes": ["violations"]}


def describe(violation):
    """One line per failing element: rule, impact, what is wrong, and where."""
    lines = [f"{violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>"]
    for node in violation["nodes"][:5]:
        lines.append(f"    at {' '.join(node['target'])}: {node['failureSummary'].splitlines()[-1].strip()}")
    if len(violation["nodes"]) > 5:
        lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_no_axe_violations_on_any_page(real_site, open_tab, color_scheme, viewport):
    options = {"color_scheme": color_scheme}
    if viewport:
        options["viewport"] = viewport
    tab = open_tab(**options)
    axe = Axe()
    failures = {}
    for path in real_site.pages():
        results = axe.run(tab.goto_built(path), options=AXE_OPTIONS)
        if results.violations_count:
            failures[path] = [describe(v) for v in results.response["violations"]]
    assert not failures, f"axe-core violations ({color_scheme} scheme):\n" + "\n".join(
        f"{path}: {line}" for path, lines in failures.items() for line in lines)


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_no_axe_violations_with_the_menu_open(open_tab, color_scheme):
    """The open drop-downs and the phone menu have their own colours and layout: check them open."""
    failures = []
    for viewport in (None, PHONE):
        tab = open_tab(color_scheme=color_scheme, **({"viewport": viewport} if viewport else {}))
        page = tab.goto("")
        toggle = page.locator(".nav-toggle")
        if toggle.is_visible():
            toggle.click()
        buttons = page.locator(".site-nav__button")
        assert buttons.count(), "no drop-down buttons in the menu"
        for index in range(buttons.count()):
            buttons.nth(index).click()
            assert buttons.nth(index).get_attribute("aria-expanded") == "true", (
                f"{'phone' if viewport else 'desktop'}: drop-down {index + 1} did not open on click")
            results = Axe().run(page, context=".site-nav", options=AXE_OPTIONS)
            failures += [f"{'phone' if viewport else 'desktop'}, drop-down {index + 1} open: {describe(v)}"
                         for v in results.response["violations"]]
            buttons.nth(index).click()  # closed again, so the next button stays where it was
    assert not failures, f"axe-core violations in the open menu ({color_scheme} scheme):\n" + "\n".join(failures)
