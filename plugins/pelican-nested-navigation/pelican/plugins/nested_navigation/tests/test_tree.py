"""The navigation tree's core (tree.py), with no Pelican running.

Trees are compared as printed text, like mkdocs' tests/structure/nav_tests.py.
"""

from textwrap import dedent


from pelican.plugins.nested_navigation.tree import Entry, build_navigation


def entry(path, title, **fields):
    """An Entry for content/pages/<path>.md, with the address Pelican would give it."""
    *folder, name = path.split("/")
    if name == "index":
        url = "/".join(folder) + "/" if folder else ""
    else:
        url = path + "/"
    fields.setdefault("source", f"content/pages/{path}.md")
    return Entry(folder=tuple(folder), name=name, title=title, url=url, **fields)


def tree(nav):
    return str(nav)


def expected(text):
    return dedent(text).strip("\n")


SITE = [
    entry("index", "Sonoma County Peer Council", label="Home"),
    entry("resources/index", "Resources", order="4"),
    entry("resources/employment", "Employment resources", label="Employment", order="6"),
    entry("resources/emergency", "Emergency help", label="Emergency", order="1"),
    entry("resources/zines", "Zines"),
    entry("resources/books", "Books"),
    entry("resources/peer-support", "Peer Support Specialists", order="2.5"),
    entry("about/index", "About us", label="About", order="1",
          links=["[NAMI Sonoma County](https://namisonomacounty.org/)"]),
    entry("about/welcome", "Welcome", order="1"),
    entry("about/secret", "Members only", menu="hide"),
    entry("advocacy/index", "Advocacy", order="5"),
    entry("advocacy/employment", "Employment and the peer workforce", label="Employment"),
    Entry(folder=(), name="blog", title="Blog", url="blog/"),
]


def test_sections_pages_and_links_are_nested_and_ordered():
    nav, findings = build_navigation(SITE)
    assert findings == []
    assert tree(nav) == expected("""
        Page(title='Sonoma County Peer Council', url='', label='Home')
        Section(title='About us', url='about/', label='About')
            Page(title='Welcome', url='about/welcome/')
            Page(title='Members only', url='about/secret/', hidden)
            Link(title='NAMI Sonoma County', url='https://namisonomacounty.org/')
        Section(title='Resources', url='resources/')
            Page(title='Emergency help', url='resources/emergency/', label='Emergency')
            Page(title='Peer Support Specialists', url='resources/peer-support/')
            Page(title='Employment resources', url='resources/employment/', label='Employment')
            Page(title='Books', url='resources/books/')
            Page(title='Zines', url='resources/zines/')
        Section(title='Advocacy', url='advocacy/')
            Page(title='Employment and the peer workforce', url='advocacy/employment/', label='Employment')
        Page(title='Blog', url='blog/')
    """)


def test_the_order_of_the_input_does_not_matter():
    forward, _ = build_navigation(SITE)
    backward, _ = build_navigation(list(reversed(SITE)))
    assert tree(forward) == tree(backward)


def test_equal_orders_fall_back_to_the_title_ignoring_case():
    nav, _ = build_navigation([
        entry("index", "Home"),
        entry("a/index", "A"),
        entry("a/c", "cherries", order="2"),
        entry("a/b", "Bananas", order="2"),
        entry("a/z", "Apples", order="10"),  # 10 after 2: numbers, not text
    ])
    assert [child.title for child in nav.items[1].children] == ["Bananas", "cherries", "Apples"]


def test_titles_sort_with_accents_set_aside():
    nav, _ = build_navigation([
        entry("index", "Inicio"),
        entry("a/index", "A"),
        *(entry(f"a/{n}", title) for n, title in enumerate(
            ["Familia", "Ética", "Esperanza", "Zoe", "Éxito", "economía", "Óscar", "Ocio"])),
    ])
    assert [child.title for child in nav.items[1].children] == [
        "economía", "Esperanza", "Ética", "Éxito", "Familia", "Ocio", "Óscar", "Zoe"]


def test_setting_the_current_page_lights_its_sections_and_clears_the_last_one():
    nav, _ = build_navigation(SITE)
    about, resources = nav.items[1], nav.items[2]
    welcome, emergency = about.children[0], resources.children[0]

    nav.set_current(welcome)
    assert (welcome.current, welcome.active, about.active, about.current) == (True, True, True, False)
    assert (welcome.aria_current, about.aria_current, resources.aria_current) == ("page", "true", None)

    nav.set_current(emergency)
    assert tree(nav).splitlines()[1:3] == [
        "Section(title='About us', url='about/', label='About')",
        "    Page(title='Welcome', url='about/welcome/')",
    ]
    assert "Section(title='Resources', url='resources/', active)" in tree(nav)
    assert "Page(title='Emergency help', url='resources/emergency/', label='Emergency', current)" in tree(nav)

    nav.set_current(None)
    assert not any(item.active or item.current for item in nav.walk())


def test_a_page_gets_breadcrumbs_its_section_and_its_neighbours():
    nav, _ = build_navigation(SITE)
    resources = nav.items[2]
    employment = resources.children[2]
    context = nav.context_for(employment)
    assert [item.label for item in context["breadcrumbs"]] == ["Home", "Resources", "Employment"]
    assert context["section"] is resources
    assert context["previous_page"].title == "Peer Support Specialists"
    assert context["next_page"].title == "Books"
    assert context["in_this_section"] == []


def test_a_landing_page_lists_every_child_and_starts_its_section_pager():
    nav, _ = build_navigation(SITE)
    about = nav.items[1]
    context = nav.context_for(about)
    # The hidden page and the external link are listed: nothing is only reachable from the menu.
    assert [item.title for item in context["in_this_section"]] == [
        "Welcome", "Members only", "NAMI Sonoma County"]
    assert context["section"] is about
    assert context["previous_page"] is None and context["next_page"].title == "Welcome"
    # The pager walks pages only, never out to another website.
    members_only = about.children[1]
    assert members_only.previous_page.title == "Welcome" and members_only.next_page is None


def test_home_and_top_level_pages_have_short_or_no_trails():
    nav, _ = build_navigation(SITE)
    home, blog = nav.items[0], nav.items[-1]
    assert nav.context_for(home)["breadcrumbs"] == []
    assert [item.label for item in nav.context_for(blog)["breadcrumbs"]] == ["Home", "Blog"]
    assert nav.context_for(blog)["section"] is None
    assert nav.context_for(None)["breadcrumbs"] == []  # a page outside the tree, like 404


def test_hidden_pages_are_not_in_the_menu_but_stay_in_the_tree():
    nav, _ = build_navigation(SITE)
    about = nav.items[1]
    assert [item.title for item in about.menu_children] == ["Welcome", "NAMI Sonoma County"]
    assert [item.title for item in about.children] == ["Welcome", "Members only", "NAMI Sonoma County"]


def test_the_menu_shows_at_most_max_children_per_section():
    pages = [entry(f"big/page-{n:03d}", f"Page {n:03d}") for n in range(50)]
    nav, _ = build_navigation([entry("index", "Home"), entry("big/index", "Big"), *pages],
                              max_children=4)
    big = nav.items[1]
    assert [item.title for item in big.menu_children] == ["Page 000", "Page 001", "Page 002", "Page 003"]
    assert big.menu_more is True
    assert len(big.children) == 50

    small, _ = build_navigation([entry("index", "Home"), entry("s/index", "S"), entry("s/a", "A")],
                                max_children=4)
    assert small.items[1].menu_more is False


def test_hrefs_start_with_the_site_url_except_other_websites():
    nav, _ = build_navigation(SITE, site_url="https://peers.example/")
    about = nav.items[1]
    assert nav.items[0].href == "https://peers.example/"
    assert about.href == "https://peers.example/about/"
    assert about.children[-1].href == "https://namisonomacounty.org/"
    assert about.children[-1].is_external


def test_deeper_folders_nest_and_show_two_levels_in_the_menu():
    nav, findings = build_navigation([
        entry("index", "Home"),
        entry("news/index", "News"),
        entry("news/alerts/index", "Alerts"),
        entry("news/alerts/first", "First alert"),
    ])
    assert findings == []
    assert tree(nav) == expected("""
        Page(title='Home', url='')
        Section(title='News', url='news/')
            Section(title='Alerts', url='news/alerts/')
                Page(title='First alert', url='news/alerts/first/')
    """)
    first = nav.items[1].children[0].children[0]
    assert [item.title for item in nav.context_for(first)["breadcrumbs"]] == [
        "Home", "News", "Alerts", "First alert"]


def test_internal_menu_links_are_kept_site_relative():
    nav, findings = build_navigation([
        entry("index", "Home"),
        entry("help/index", "Help", links=["[Crisis lines](/resources/emergency/)"]),
    ])
    assert findings == []
    link = nav.items[1].children[0]
    assert (link.url, link.href, link.is_external) == ("resources/emergency/", "/resources/emergency/", False)


# ---- Mistakes: reported with the file and line, and nothing is dropped ----------------------

def test_a_folder_without_index_is_reported_at_its_first_file_and_still_listed():
    nav, findings = build_navigation([
        entry("index", "Home"),
        entry("groups/zebra", "Zebra group"),
        entry("groups/alpha", "Alpha group"),
    ])
    assert [str(f) for f in findings] == [
        'content/pages/groups/alpha.md:1: error: the folder "content/pages/groups" has no '
        "index.md, so its section has no title or landing page. Add "
        "content/pages/groups/index.md with a Title and a Summary (and an Order for its place "
        "in the menu)."]
    # The section borrows its first page's address, so its pages stay reachable.
    assert tree(nav) == expected("""
        Page(title='Home', url='')
        Section(title='Groups', url='groups/alpha/')
            Page(title='Alpha group', url='groups/alpha/')
            Page(title='Zebra group', url='groups/zebra/')
    """)


def test_a_folder_holding_only_folders_is_named_by_its_own_path():
    _, findings = build_navigation([
        entry("index", "Home"),
        entry("outer/inner/index", "Inner"),
        entry("outer/inner/page", "Page"),
    ])
    assert len(findings) == 1
    assert findings[0].path == "content/pages/outer/inner/index.md"
    assert 'the folder "content/pages/outer" has no index.md' in findings[0].message


def test_two_entries_with_one_address_are_reported_and_the_link_is_dropped():
    nav, findings = build_navigation([
        entry("index", "Home"),
        entry("help/index", "Help", lines={"title": [1], "menu_link": [2, 3]},
              links=["[NAMI](https://nami.org/)", "[Crisis](/help/crisis/)"]),
        entry("help/crisis", "Crisis help"),
    ])
    assert [str(f) for f in findings] == [
        'content/pages/help/index.md:3: error: the menu already has an entry for "/help/crisis/" '
        "(content/pages/help/crisis.md). Two menu entries cannot share an address: remove this "
        "one, or point it somewhere else."]
    assert [item.title for item in nav.items[1].children] == ["Crisis help", "NAMI"]


def test_two_pages_with_one_address_are_both_kept():
    pages = [entry("index", "Home"), entry("a/index", "A"), entry("a/x", "X"),
             Entry(folder=("a",), name="y", title="Y", url="a/x/", source="content/pages/a/y.md")]
    nav, findings = build_navigation(pages)
    assert [f.path for f in findings] == ["content/pages/a/y.md"]
    assert [item.title for item in nav.items[1].children] == ["X", "Y"]


def test_a_site_without_a_home_page_is_reported():
    nav, findings = build_navigation([entry("a/index", "A")], home_source="content/pages/index.md")
    assert [f.message.split(",")[0] for f in findings] == [
        "the content has no home page (index.md in the top folder of the pages)"]
    assert nav.home is None and nav.context_for(nav.items[0])["breadcrumbs"] == []


def test_pages_whose_menus_look_the_same_share_a_menu_state():
    pages = [entry(f"big/page-{n:03d}", f"Page {n:03d}") for n in range(6)]
    nav, _ = build_navigation([entry("index", "Home"), entry("big/index", "Big"),
                               entry("big/hidden", "Hidden", menu="hide"), *pages], max_children=2)
    big = nav.items[1]

    def state_of(item):
        nav.set_current(item)
        return nav.menu_state()

    shown = [state_of(page) for page in big.menu_children]
    beyond = {state_of(page) for page in big.children if page not in big.menu_children}
    assert len(set(shown)) == 2 and len(beyond) == 1  # pages past the cap mark only the section
    assert state_of(big) not in beyond and state_of(big) not in shown
    assert state_of(nav.items[0]) != state_of(big)
    assert state_of(None) == ()


def test_a_menu_link_in_the_home_page_is_a_top_level_entry():
    nav, findings = build_navigation([
        entry("index", "Home", links=["[Donate](https://donate.example/)"]),
        entry("a/index", "A", order="1"),
    ])
    assert findings == []
    assert tree(nav) == expected("""
        Page(title='Home', url='')
        Section(title='A', url='a/')
        Link(title='Donate', url='https://donate.example/')
    """)
    assert [item.title for item in nav.menu] == ["Home", "A", "Donate"]


def test_a_menu_link_address_may_hold_balanced_parentheses():
    # Markdown reads [Markdown](…/Markdown_(language)) as one link; so does Menu_link.
    nav, findings = build_navigation([
        entry("index", "Home"),
        entry("help/index", "Help", links=["[Markdown](https://en.wikipedia.org/wiki/Markdown_(language))",
                                           "[Broken](https://example.org/a_(b)"]),
    ], check_fields=True)
    assert [link.url for link in nav.items[1].children] == ["https://en.wikipedia.org/wiki/Markdown_(language)"]
    assert [f.message.split(",")[0] for f in findings] == [
        "Menu_link must be a Markdown link like [Example](https://example.org/)"]
