"""The ``LINKS`` setting, merged over DEFAULTS (the user's dict is never changed)."""

import logging
import re

SETTING = "LINKS"
DEFAULTS = {
    # Regular expressions (re.search): a link matching one is not checked, and a page whose
    # address matches one is not reported as unlinked. For sites that refuse robots, say.
    "ignore": [],
    # The rest is for the external check only (make check-external).
    "timeout": 10.0,  # seconds to wait for an answer
    "retries": 2,  # tries after the first, on 429, 5xx, a timeout or a dropped connection
    "backoff": 1.0,  # seconds before the first retry, doubled for each next one
    "max_retry_after": 30.0,  # the longest Retry-After (seconds) a server may ask for
    "concurrency": 16,  # requests under way at once
    "per_host": 2,  # requests under way to any one host
    "max_redirects": 10,
    "cache_max_age": 24 * 3600,  # seconds a result in CACHE_PATH/links.json stays good
    "user_agent": "Mozilla/5.0 (compatible; link_checker; Sonoma County Peer Council website)",
}
_NUMBERS = {"timeout", "backoff", "max_retry_after", "cache_max_age"}
_COUNTS = {"retries", "concurrency", "per_host", "max_redirects"}
_AT_LEAST_ONE = {"concurrency", "per_host"}


def get_config(settings, log=None):
    """LINKS from ``settings`` merged over DEFAULTS; each bad key or value logged once."""
    log = log or logging.getLogger(__name__)
    user = settings.get(SETTING) or {}
    config = dict(DEFAULTS)
    if not isinstance(user, dict):
        log.error("link_checker: %s must be a dict like {'ignore': [...]}, not %r; using the defaults",
                  SETTING, user)
        return config
    for key, value in user.items():
        if key not in DEFAULTS:
            log.warning("link_checker: unknown key %r in %s (known keys: %s); ignored",
                        key, SETTING, ", ".join(DEFAULTS))
        elif key == "ignore":
            config[key] = _patterns(value, log)
        elif key in _NUMBERS | _COUNTS:
            numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
            if not numeric or value < (1 if key in _AT_LEAST_ONE else 0) or (key in _COUNTS and value != int(value)):
                kind = "a whole number" if key in _COUNTS else "a number"
                log.error("link_checker: %s[%r] must be %s of at least %d, not %r; using %r",
                          SETTING, key, kind, 1 if key in _AT_LEAST_ONE else 0, value, DEFAULTS[key])
            else:
                config[key] = int(value) if key in _COUNTS else float(value)
        elif not isinstance(value, str) or not value.strip():
            log.error("link_checker: %s[%r] must be a text, not %r; using %r", SETTING, key, value, DEFAULTS[key])
        else:
            config[key] = value
    return config


def _patterns(value, log):
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        log.error("link_checker: %s['ignore'] must be a list of regular expressions, not %r; ignored",
                  SETTING, value)
        return []
    patterns = []
    for pattern in value:
        try:
            re.compile(pattern)
        except (re.error, TypeError) as error:
            log.error("link_checker: %s['ignore'] has an invalid regular expression %r (%s); ignored",
                      SETTING, pattern, error)
        else:
            patterns.append(pattern)
    return patterns
