"""The site's languages, and a page's language. Not a Pelican plugin (it connects no signals).

The one list of the site's languages is the setting ``LANGUAGES`` in pelicanconf.py: each
language's code and its name in its own words (what the language switcher shows), the
``DEFAULT_LANG`` (the originals' language) first. Every plugin and the theme read it from there
through :func:`site_languages`; nothing else names the languages. Adding a language is a line
there, a ``theme/strings/<code>.yml`` with the theme's words, and the pages' translations
(README.md, "Translations").

A page's language is derived once, from its file name (``emergency.es.md`` is Spanish) by the
pattern :data:`LANG_IN_NAME`, which pelicanconf.py's ``PATH_METADATA`` uses so that Pelican sets
the page's ``lang``; a ``Lang:`` line in the front matter overrides it. The plugins then read
:func:`lang_of` (the page's ``lang``, else the default language), and :func:`name_language` where
they must tell a language given by the name from one given by ``Lang:``.
"""

import os
import posixpath
import re

import yaml

from sitelib.yaml_refusals import ANCHOR_OR_ALIAS, TOO_DEEP, TOO_LONG_NUMBER, anchor_and_alias_lines, error_line

#: A language code at the end of a file's name, before its ending: ``.es`` in
#: ``emergency.es.md``. Any two or three letters, so that a file in a language the site does not
#: have (``emergency.fr.md``) is read as one and reported (plugins/translations).
LANG_IN_NAME = r"\.(?P<lang>[a-zA-Z]{2,3})"
_NAME = re.compile(rf"^(?P<stem>.+){LANG_IN_NAME}\.(?P<ext>[^.]+)$")

SETTING = "LANGUAGES"


def site_languages(settings):
    """``{code: name}`` of the site's languages, ``DEFAULT_LANG`` first. Without a usable
    ``LANGUAGES`` (see :func:`settings_problem`), the default language alone."""
    default = settings.get("DEFAULT_LANG") or "en"
    languages = settings.get(SETTING)
    if languages is None or settings_problem(settings):
        return {default: default}
    ordered = {default: languages.get(default, default)}
    ordered.update(languages)
    return ordered


def settings_problem(settings):
    """What is wrong with ``LANGUAGES``, in words for a message, or None."""
    languages = settings.get(SETTING)
    if languages is None:
        return None if settings.get("DEFAULT_LANG") else "LANGUAGES is not set"
    if not (isinstance(languages, dict) and languages and all(
            isinstance(code, str) and isinstance(name, str) for code, name in languages.items())):
        return ('LANGUAGES must be a dict of language codes and their names, like '
                f'{{"en": "English"}}, not {languages!r}')
    default = settings.get("DEFAULT_LANG")
    if default and default not in languages:
        return f"LANGUAGES must include DEFAULT_LANG ({default!r}), the language of the originals"
    return None


def other_languages(settings):
    """The codes of the site's languages besides ``DEFAULT_LANG``."""
    default = settings.get("DEFAULT_LANG")
    return [code for code in site_languages(settings) if code != default]


def lang_of(content, settings):
    """The language of a page, news post or event: its ``lang``, else ``DEFAULT_LANG``."""
    return getattr(content, "lang", None) or settings.get("DEFAULT_LANG")


def name_language(path):
    """The language a file's name gives it (``emergency.es.md`` -> ``es``), else None."""
    match = _NAME.match(posixpath.basename(path))
    return match.group("lang") if match else None


def original_by_name(path):
    """The file a translation named by its language translates: ``a/b.es.md`` -> ``a/b.md``."""
    match = _NAME.match(posixpath.basename(path))
    if not match:
        return None
    return posixpath.join(posixpath.dirname(path), f"{match.group('stem')}.{match.group('ext')}")


def strings_file(folder, code):
    """The theme's words for the language ``code``: ``<folder>/<code>.yml``."""
    return os.path.join(folder, f"{code}.yml")


#: path -> ((modification time, size, inode), words, (line, why) when refused): each strings file
#: is read once a build, where pelicanconf.py's THEME_STRINGS and plugins/translations' check read
#: the default language's four times and each other's twice (7 ms of CPU each, issue 22). A file
#: saved since (the live preview builds again) has another time, size or inode (an editor that
#: saves by renaming), and is read again.
_READ = {}


def _read(path):
    """(words or None, (line, why) or None) for a strings file; why it could not be used is
    kept for :func:`strings_problems`. A file with a YAML anchor or alias is not loaded at all:
    aliases of aliases would repeat one value into gigabytes (sitelib.yaml_refusals)."""
    try:
        stat = os.stat(path)
    except OSError:
        return None, None
    stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
    remembered = _READ.get(path)
    if remembered and remembered[0] == stamp:
        return remembered[1:]
    words, refused = None, None
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        lines = anchor_and_alias_lines(text)
        if lines:
            refused = (lines[0], ANCHOR_OR_ALIAS + "; write each value out in full")
        else:
            words = yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        refused = (error_line(error, text), f"this line is not valid YAML ({error.problem or error})")
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        pass  # before ValueError, which UnicodeDecodeError is a kind of
    except ValueError:
        refused = (1, f"this file cannot be read: {TOO_LONG_NUMBER}")
    except RecursionError:
        refused = (1, f"this file cannot be read: {TOO_DEEP}; write each phrase on one line")
    words = words if isinstance(words, dict) else None
    _READ[path] = (stamp, words, refused)
    return words, refused


def _read_strings(path):
    return _read(path)[0]


def theme_strings(folder, languages, default):
    """``{code: {key: words}}``: the theme's fixed words (skip link, menu, crisis strip, footer)
    in each of ``languages``, from ``<folder>/<code>.yml``. A language without a readable file,
    or a key its file lacks, gets the default language's words, so the build goes on;
    :func:`strings_problems` says what to fix (plugins/translations reports it at every build)."""
    base = _read_strings(strings_file(folder, default)) or {}
    return {code: {**base, **(_read_strings(strings_file(folder, code)) or {})} for code in languages}


def strings_problems(folder, languages, default):
    """``[(path, line, severity, message)]`` for each language whose strings file is missing,
    unreadable or lacks keys that the default language's has."""
    base = _read_strings(strings_file(folder, default)) or {}
    found = []
    for code, name in languages.items():
        path = strings_file(folder, code)
        words, refused = _read(path)
        if words is None:
            line, why = refused or (1, "this file of the theme's words is missing or is not a list of "
                                       "`key: words` lines")
            fix = "fix this line" if refused else f"copy {default}.yml to {code}.yml and translate each value"
            found.append((path, line, "error", (
                f'{why}, so pages in "{code}" ({name}; LANGUAGES in pelicanconf.py) show the {default} '
                f"words; {fix}")))
            continue
        missing = [key for key in base if key not in words]
        if missing:
            found.append((path, 1, "warning", (
                f"{len(missing)} of the theme's words are missing here ({', '.join(missing)}), so "
                f"pages in {name} show them in {default}; copy each line from {default}.yml and "
                "translate its value")))
    return found
