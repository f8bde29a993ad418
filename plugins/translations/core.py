"""The translation checks and lists. Imports nothing from Pelican.

A translation is found in one of two ways (README.md, "Translations"):

* its file name: ``emergency.es.md`` beside ``emergency.md`` is the Spanish version of it;
* its front matter: ``Lang: es`` and ``Translation_of: pages/resources/emergency.md`` (the
  English file's path under content/), for a file with a name of its own.

The adapter describes every content file as a :class:`Record`; :func:`check` returns each
mistake as a :class:`~sitelib.findings.Finding` at the line to fix.
"""

import posixpath
from dataclasses import dataclass

from sitelib.findings import Finding
# A file's language from its name: the one pattern, which pelicanconf.py's PATH_METADATA uses too.
from sitelib.languages import name_language, original_by_name

@dataclass(frozen=True)
class Record:
    """One content file as the checks need it."""

    path: str  # relative to the content folder, with "/" ("pages/resources/emergency.es.md")
    shown: str  # as messages show it ("content/pages/resources/emergency.es.md")
    lang: str
    slug: str
    translation_of: str = None  # the Translation_of value, normalised like ``path``
    translation_of_line: int = 1
    lang_line: int = 1  # the line of "Lang:", else 1


def outside_content(path):
    """True when a Translation_of path leads out of content/ (``../../etc/hosts``, ``/etc/x``
    after the prefixes are taken off, a backslash path): such a value is refused whatever is
    on the build machine, so the answer never depends on which files exist there."""
    if not path:
        return False
    if "\\" in path or "\x00" in path:
        return True
    normal = posixpath.normpath(path)
    return normal == ".." or normal.startswith("../") or posixpath.isabs(normal)


def normalise_target(value):
    """A Translation_of value as a path under content/: "{filename}/pages/a.md" -> "pages/a.md"."""
    value = str(value or "").strip()
    for prefix in ("{filename}", "content/"):
        if value.startswith(prefix):
            value = value[len(prefix):]
    return value.lstrip("/")


def original_of(record, default):
    """The path under content/ of the file ``record`` translates, or None (not a translation,
    or one whose original is outside content/)."""
    if record.lang == default:
        return None
    if record.translation_of:
        return None if outside_content(record.translation_of) else posixpath.normpath(
            record.translation_of)
    if name_language(record.path) == record.lang:
        return original_by_name(record.path)
    return None


def check(records, languages, default, exists, shown_of):
    """Every mistake in how ``records`` pair up.

    ``languages`` maps the site's language codes to their names (LANGUAGES), ``default`` is the
    original's; ``exists(path)`` says whether a file under content/ exists; ``shown_of(path)``
    names it as messages do."""
    findings = []
    codes = list(languages)
    known = ", ".join(f"{code} ({name})" for code, name in languages.items())
    translated = [code for code in codes if code != default]
    for record in records:
        if record.lang not in languages:
            from_name = name_language(record.path) == record.lang
            where = "name" if from_name else "front matter"
            if from_name:
                endings = [f'".{code}.md"' for code in translated] or ['".md"']
                fix = f"rename the file to end in {' or '.join(endings)}"
            else:
                fix = f"write {' or '.join(f'`Lang: {code}`' for code in codes)}"
            findings.append(Finding(
                record.shown, 1 if from_name else record.lang_line, "error",
                f'the language "{record.lang}" in this file\'s {where} is not one this site has: '
                f"its languages are {known}. If the page is in one of them, {fix}; for a new "
                f'language, add "{record.lang}" to LANGUAGES in pelicanconf.py with a '
                f"theme/strings/{record.lang}.yml"))
            continue
        if record.translation_of:
            if record.lang == default:
                findings.append(Finding(
                    record.shown, record.translation_of_line, "error",
                    f"`Translation_of` is for a translation, but this page is in the site's own "
                    f"language ({default}); add a line like `Lang: {codes[-1]}`, or delete "
                    "the `Translation_of` line"))
            elif outside_content(record.translation_of):
                findings.append(Finding(
                    record.shown, record.translation_of_line, "error",
                    f'`Translation_of` names "{record.translation_of}", which is not a file inside '
                    "content/; write the path of the page this one translates, as it is under "
                    "content/, e.g. `Translation_of: pages/resources/emergency.md`"))
            elif not exists(record.translation_of):
                findings.append(Finding(
                    record.shown, record.translation_of_line, "error",
                    f"`Translation_of` names {shown_of(record.translation_of)}, which does not "
                    "exist; write the path of the page this one translates, as it is under "
                    "content/, e.g. `Translation_of: pages/resources/emergency.md`"))
            continue
        original = original_by_name(record.path)
        if record.lang != default and original and name_language(record.path) == record.lang \
                and not exists(original):
            stem = posixpath.basename(original)
            findings.append(Finding(
                record.shown, 1, "error",
                f"this file's name makes it a translation of {shown_of(original)}, which does "
                f"not exist; give it the name of the page it translates with "
                f'".{record.lang}" before ".md", or, for a page only in this language, name it '
                f"{stem} and add the line `Lang: {record.lang}`"))

    seen = {}
    originals = {r.slug: r for r in records if r.lang == default}
    for record in sorted(records, key=lambda r: r.shown):
        if record.lang == default or record.lang not in languages:
            continue
        first = seen.setdefault((record.slug, record.lang), record)
        if first is record:
            continue
        original = originals.get(record.slug)
        page = original.shown if original else f'the page "{record.slug}"'
        findings.append(Finding(
            record.shown, record.translation_of_line if record.translation_of else 1, "error",
            f"this file and {first.shown} are both the {record.lang} version of {page}, and a "
            "page can have one version per language; keep one file (move any text you need "
            "into it) and delete the other"))
    return findings


def alternates(versions, languages, default, site_url):
    """The language versions of one page as (lang, name, href), the original first.

    ``versions`` are (lang, url) pairs; ``languages`` maps each code to its own name."""
    order = list(languages)
    ranked = sorted(versions, key=lambda v: (v[0] != default,
                                             order.index(v[0]) if v[0] in order else len(order)))
    base = site_url.rstrip("/")
    return [(lang, languages.get(lang, lang), f"{base}/{url}") for lang, url in ranked]


def untranslated(pages, lang):
    """The (shown path, lang codes of its versions) of the pages with no version in ``lang``."""
    return sorted(shown for shown, langs in pages if lang not in langs)


def stale(pairs):
    """Translations changed before their original was: (translation, original, t_date, o_date),
    from ``pairs`` of (translation shown, original shown, its date, the original's date)."""
    return sorted(p for p in pairs if p[2] is not None and p[3] is not None and p[2] < p[3])
