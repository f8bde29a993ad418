"""Security policy: a Content-Security-Policy and a referrer policy on every page, and _headers."""

from .security_policy import register  # noqa: F401
