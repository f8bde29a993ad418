"""Readability: the reading grade of every page and news post in the `make check` report
(textstat's Flesch-Kincaid grade), with a warning above grade 10. See readability.py."""

from .readability import register  # noqa: F401 (Pelican's plugin loader looks for register() here)
