"""Translations: pairs each page with its versions in other languages and checks the pairing
(a translation of a page that does not exist, two files for one page in one language, a language
the site does not have), gives every page its ``<link rel="alternate" hreflang>`` list and the
language switcher's links, corrects the sitemap's alternates, and lists in ``make check`` the
pages still to translate and the translations older than their original. See translations.py."""

from .translations import register  # noqa: F401 (Pelican's plugin loader looks for register() here)
