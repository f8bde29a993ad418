"""Navigation tree: the site's two-level menu, breadcrumbs, section pager and "In this section"
lists, built from the folders of the content. A folder is a section, its index.md the section's
landing page. See navigation_tree.py (the Pelican adapter) and tree.py (the pure core)."""

from .navigation_tree import register  # noqa: F401
from .tree import Entry, Link, Navigation, Page, Section, build_navigation  # noqa: F401
