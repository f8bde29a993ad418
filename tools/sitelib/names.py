"""File and folder names under content/: which become a working address, and what to say when
one does not. Shared by plugins/front_matter (pages, news posts, events) and plugins/safe_files
(pictures and PDFs). Not a Pelican plugin.

A file's name becomes part of its address (content/pages/resources/housing-help.md is
/resources/housing-help/), so the name must be something an address, a link, the sitemap (XML)
and the feed can all carry:

* an **error**, and the file is left out, for a character that breaks the address or the files
  made from it: ``&``, ``?``, ``#``, ``%``, quotes, ``<``, ``>``, a backslash, a control or
  invisible character (a line break from Word, a right-to-left mark). The page would otherwise
  stop the whole build or be unreachable;
* an **error** for a space (the page is still built, so ``make html`` shows it, but a link to
  it breaks and ``make check`` fails until it is renamed);
* a **warning** for capital letters and letters outside a-z (``Housing.md``, ``información.md``):
  the address works but is easy to mistype; the fix is the small-letter, hyphenated name.
"""

import re
import unicodedata

from unidecode import unidecode

#: Every character a name may hold without a word.
_GOOD = re.compile(r"[a-z0-9._-]*")
#: Characters that break an address, a link or an XML file made from it.
_BREAKING = set("&?#%\"'<>\\`|*:;[]{}^")


def suggested(name):
    """The name a volunteer should use: small letters, digits and hyphens, the ending kept."""
    stem, dot, ending = name.rpartition(".") if "." in name.lstrip(".") else (name, "", "")
    ascii_stem = unidecode(stem).lower()
    ascii_stem = re.sub(r"[^a-z0-9.]+", "-", ascii_stem).strip("-.") or "page"
    return f"{ascii_stem}{dot}{ending.lower()}"


def _invisible(char):
    return unicodedata.category(char) in ("Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp") or (
        unicodedata.category(char) == "Zs" and char != " ")


def problem(part):
    """(severity, message) for one file or folder name, or None when it is fine. The message
    says what to rename it to; ``severity`` "error-left-out" means the file cannot be
    published at all, "error" and "warning" that it still is."""
    if _GOOD.fullmatch(part):
        return None
    better = suggested(part)
    hidden = sorted({f"U+{ord(c):04X}" for c in part if _invisible(c)})
    if hidden:
        return ("error-left-out",
                f'the name "{part.encode("unicode_escape").decode("ascii")}" holds a hidden '
                f"character ({', '.join(hidden)}; often pasted from a word processor) that cannot "
                f'go in a web address, so it is not published; rename it to "{better}"')
    breaking = sorted(set(part) & _BREAKING)
    if breaking:
        shown = " ".join(f"`{c}`" for c in breaking)
        return ("error-left-out",
                f'the name "{part}" has {shown} in it, which cannot go in a web address (the page '
                f'would be cut off there or stop the build), so it is not published; rename it to '
                f'"{better}" (small letters, digits and hyphens)')
    if any(c.isspace() for c in part):
        return ("error", f'the name "{part}" has a space in it, which breaks links to it; rename it '
                         f'to "{better}" (small letters and hyphens, no spaces)')
    return ("warning", f'the name "{part}" has capital letters or letters outside a-z, so its '
                       f'address is easy to mistype; rename it to "{better}" (small letters, '
                       "digits and hyphens)")


def path_problem(relative):
    """The most serious (severity, message) among the parts of ``relative`` (a path under
    content/, "/"-separated), or None."""
    found = path_problems(relative)
    return min(found, key=lambda p: _ORDER[p[0]])[:2] if found else None


_ORDER = {"error-left-out": 0, "error": 1, "warning": 2}


def path_problems(relative):
    """[(severity, message, where)] for each part of ``relative`` with a problem; ``where`` is
    the path up to that part (a folder, or the file itself), so a folder's name is reported
    once at the folder, not at every file in it."""
    parts = relative.split("/")
    found = []
    for index, part in enumerate(parts):
        answer = problem(part)
        if answer:
            found.append((*answer, "/".join(parts[: index + 1])))
    return found


def left_out(found):
    """True when one of ``path_problems``' answers keeps the file from being published."""
    return any(severity == "error-left-out" for severity, _, _ in found)
