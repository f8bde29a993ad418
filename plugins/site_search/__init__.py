"""Site search: Pagefind's index of the built site, and the A–Z list of the search page.
See site_search.py."""

from .site_search import register  # noqa: F401 (Pelican's plugin loader looks for register() here)
