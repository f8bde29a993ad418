"""Page meta: an "Edit this page" link to each page's Markdown file in the repository, and the
date the page last changed according to Git. See page_meta.py."""

from .page_meta import register  # noqa: F401 (Pelican calls the package's register: a re-export, not unused)
