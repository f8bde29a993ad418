"""Flyers: a one-page printable view of chosen pages, with a QR code of the page's address.
See flyers.py."""

from .flyers import register  # noqa: F401 (Pelican calls the package's register: a re-export, not unused)
