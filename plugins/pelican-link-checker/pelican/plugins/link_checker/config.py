"""The ``LINK_CHECKER`` setting, merged over DEFAULTS (the user's dict is never changed) and
validated once: each bad key or value is logged with what was expected, and its default used."""

import logging
import re
import sys

from .findings import PLUGIN, message

SETTING = "LINK_CHECKER"

#: The examples the messages give; neutral by default, a site puts its own here (its crisis
#: line, a page it really has) so the fix in a message is one a writer can copy.
EXAMPLES = {
    "tel": "tel:+15555550123",
    "sms": "sms:+15555550123",
    "mailto": "mailto:name@example.org",
    # A page's address on the site, for a link written in a front-matter field or a setting.
    "page": "/about/",
    # A source file as {filename} names it, from the content folder.
    "source_file": "{filename}/pages/about.md",
    "image": "{static}/images/name.jpg",
}

DEFAULTS = {
    # Regular expressions (re.search): a link matching one is not checked, and a page whose
    # address matches one is not reported as unlinked. For sites that refuse robots, say.
    "ignore": [],
    # Names of checks to turn off (README, "Checks"), e.g. ["orphan", "plain-http"].
    "disable": [],
    # The examples in the messages (EXAMPLES); a partial dict is merged over them.
    "examples": EXAMPLES,
    # Links that settings or data files put into the pages, for messages at their own line:
    # {address: (file, line)}. Plugins add theirs through the link_checker_origins signal.
    "origins": {},
    # Write the build's record (CACHE_PATH/link_checker/) for the command line.
    "record": True,
    # The rest is for the external check only (--external).
    "timeout": 10.0,  # seconds to wait for an answer
    "retries": 2,  # tries after the first, on 429, 5xx, a timeout or a dropped connection
    "backoff": 1.0,  # seconds before the first retry, doubled for each next one
    "max_retry_after": 30.0,  # the longest Retry-After (seconds) a server may ask for
    "concurrency": 16,  # requests under way at once
    "per_host": 2,  # requests under way to any one host
    "max_redirects": 10,
    "cache_max_age": 24 * 3600,  # seconds a result in CACHE_PATH/links.json stays good
    "user_agent": "Mozilla/5.0 (compatible; pelican-link-checker)",
}
_NUMBERS = {"timeout", "backoff", "max_retry_after", "cache_max_age"}
_COUNTS = {"retries", "concurrency", "per_host", "max_redirects"}
_AT_LEAST_ONE = {"concurrency", "per_host"}


def settings_place(value):
    """(file, line) of the ``LINK_CHECKER = …`` line that made ``value``: Pelican loads the
    settings file as a module (``pelican.settings.load_source``), so the module whose
    LINK_CHECKER is this very object names the file. None when it cannot be told."""
    for module in list(sys.modules.values()):
        try:
            if getattr(module, SETTING, None) is not value:
                continue
            path = getattr(module, "__file__", None)
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except Exception:  # noqa: BLE001 (any module, any attribute: a lookup that fails tells nothing)
            continue
        found = re.search(rf"^{SETTING}\s*[:=]", text, re.M)
        return path, text.count("\n", 0, found.start()) + 1 if found else 1
    return None


class _Messages:
    """Logs a bad setting as ``pelicanconf.py:12: error: …`` (the line of LINK_CHECKER), looked
    up only when there is something to say."""

    def __init__(self, log, value):
        self.log = log
        self.value = value
        self._place = False

    def _say(self, severity, text, args):
        if self._place is False:
            self._place = settings_place(self.value) if self.value else None
        level = logging.ERROR if severity == "error" else logging.WARNING
        self.log.log(level, "%s", message(severity, text % args, self._place))

    def error(self, text, *args):
        self._say("error", text, args)

    def warning(self, text, *args):
        self._say("warning", text, args)


def get_config(settings, log=None):
    """LINK_CHECKER from ``settings`` merged over DEFAULTS; each bad key or value logged once."""
    user = settings.get(SETTING) or {}
    log = _Messages(log or logging.getLogger(PLUGIN), user)
    config = dict(DEFAULTS)
    config["examples"] = dict(EXAMPLES)
    if not isinstance(user, dict):
        log.error("%s must be a dict like {'ignore': [...]}, not %r; using the defaults",
                  SETTING, user)
        return config
    for key, value in user.items():
        if key not in DEFAULTS:
            log.warning("unknown key %r in %s (known keys: %s); ignored",
                        key, SETTING, ", ".join(DEFAULTS))
        elif key == "ignore":
            config[key] = _patterns(value, log)
        elif key == "disable":
            config[key] = _check_names(value, log)
        elif key == "examples":
            config[key] = _examples(value, log)
        elif key == "origins":
            config[key] = _origins(value, log)
        elif key == "record":
            if isinstance(value, bool):
                config[key] = value
            else:
                log.error("%s['record'] must be True or False, not %r; using True", SETTING, value)
        elif key in _NUMBERS | _COUNTS:
            numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
            if not numeric or value < (1 if key in _AT_LEAST_ONE else 0) or (key in _COUNTS and value != int(value)):
                kind = "a whole number" if key in _COUNTS else "a number"
                log.error("%s[%r] must be %s of at least %d, not %r; using %r",
                          SETTING, key, kind, 1 if key in _AT_LEAST_ONE else 0, value, DEFAULTS[key])
            else:
                config[key] = int(value) if key in _COUNTS else float(value)
        elif not isinstance(value, str) or not value.strip():
            log.error("%s[%r] must be a text, not %r; using %r", SETTING, key, value, DEFAULTS[key])
        else:
            config[key] = value
    return config


def _patterns(value, log):
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        log.error("%s['ignore'] must be a list of regular expressions, not %r; ignored",
                  SETTING, value)
        return []
    patterns = []
    for pattern in value:
        try:
            re.compile(pattern)
        except (re.error, TypeError) as error:
            log.error("%s['ignore'] has an invalid regular expression %r (%s); ignored",
                      SETTING, pattern, error)
        else:
            patterns.append(pattern)
    return patterns


def _check_names(value, log):
    from .checks import CHECK_NAMES  # noqa: PLC0415 (checks imports nothing from here)

    if isinstance(value, str) or not isinstance(value, (list, tuple, set, frozenset)):
        log.error("%s['disable'] must be a list of check names, not %r; no check turned off",
                  SETTING, value)
        return []
    names = []
    for name in value:
        if name in CHECK_NAMES:
            names.append(name)
        else:
            log.error("%s['disable'] names no check %r (the checks: %s); ignored",
                      SETTING, name, ", ".join(CHECK_NAMES))
    return names


def _examples(value, log):
    examples = dict(EXAMPLES)
    if not isinstance(value, dict):
        log.error("%s['examples'] must be a dict like {'tel': 'tel:+15555550123'}, not %r; "
                  "using the defaults", SETTING, value)
        return examples
    for name, example in value.items():
        if name not in EXAMPLES:
            log.warning("unknown example %r in %s['examples'] (known: %s); ignored",
                        name, SETTING, ", ".join(EXAMPLES))
        elif not isinstance(example, str) or not example.strip():
            log.error("%s['examples'][%r] must be a text, not %r; using %r",
                      SETTING, name, example, EXAMPLES[name])
        else:
            examples[name] = example.strip()
    return examples


def valid_origin(value):
    """(path, line) with a text path and a positive whole line, as a tuple; else None."""
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        return None
    path, line = value
    if not isinstance(path, str) or not path or isinstance(line, bool) or not isinstance(line, int) or line < 1:
        return None
    return (path, line)


def _origins(value, log):
    if not isinstance(value, dict):
        log.error("%s['origins'] must be a dict like {'/about/': ('pelicanconf.py', 12)}, "
                  "not %r; ignored", SETTING, value)
        return {}
    origins = {}
    for address, origin in value.items():
        checked = valid_origin(origin)
        if not isinstance(address, str) or checked is None:
            log.error("%s['origins'][%r] must be (file, line), like ('pelicanconf.py', 12), "
                      "not %r; ignored", SETTING, address, origin)
        else:
            origins[address] = checked
    return origins
