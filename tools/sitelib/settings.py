"""Plugin support: what this project's plugins share beyond the message format (``findings``).
Not a Pelican plugin (it connects no signals).

* :func:`merge_settings`: a plugin's one namespaced setting (``PAGE_META = {...}``) merged over
  its ``DEFAULTS`` without changing either, each bad key or value logged once, prefixed with
  the plugin's name, and the default kept;
* :func:`published`: every page, news post and event (plugins/events) a build publishes.
"""

_logged = set()

#: The lists of a build's generators that hold what is written to the site (drafts are not);
#: events are in the lists of plugins/events' generator.
PUBLISHED = ("pages", "hidden_pages", "articles", "hidden_articles", "events", "hidden_events")


def merge_settings(settings, name, defaults, logger, plugin, valid=None):
    """``settings[name]`` merged over ``defaults``. ``valid`` maps a key to ``(test, words)``:
    a value that fails ``test(value)`` is logged as "must be <words>" and the default kept."""
    user = settings.get(name) or {}
    config = dict(defaults)
    if not isinstance(user, dict):
        _log_once(logger, f"{plugin}: {name} must be a dict like {defaults!r}; using the defaults")
        return config
    for key, value in user.items():
        if key not in defaults:
            _log_once(logger, f"{plugin}: unknown key {key!r} in {name} (known keys: "
                              f"{', '.join(defaults)}); ignored")
        elif valid and key in valid and not valid[key][0](value):
            _log_once(logger, f"{plugin}: {name}[{key!r}] must be {valid[key][1]}, not {value!r}; "
                              f"using {defaults[key]!r}")
        else:
            config[key] = value
    return config


def _log_once(logger, text):
    """Once per process: settings are read by every generator of every build."""
    if text not in _logged:
        _logged.add(text)
        logger.warning("%s", text)


def published(generators, lists=PUBLISHED):
    """Every page and post in the generators' ``lists``, in the generators' order."""
    for generator in generators:
        for name in lists:
            yield from getattr(generator, name, [])
