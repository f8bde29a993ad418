"""Security policy: a Content-Security-Policy and a referrer policy on every page, and _headers."""

from .security_policy import register  # noqa: F401 (Pelican calls the package's register: a re-export, not unused)
