"""Every file under content/ is accounted for: read as a page or post, copied as a static file,
read as data, or reported. Imports nothing from Pelican.

Pelican reads only the files whose extension one of its readers knows (``.md`` in lower case,
not ``.MD`` or ``.txt``) and only in PAGE_PATHS and ARTICLE_PATHS; anything else it passes over
without a word, so a volunteer's page could be missing from the site with nothing to say why.
:func:`unread_files` names each such file with what to do.
"""

import fnmatch
import os

from sitelib.findings import Finding, display_path

#: Page formats Pelican could read but this site does not (pelicanconf.py READERS), so a page
#: written in one is an error, not a warning: the volunteer meant a page, and it is missing.
REFUSED_FORMATS = {
    "rst": "this site reads pages in Markdown only; a reStructuredText page escapes the checks "
           "every page gets, and its `include` and `raw` directives can pull a file of the build "
           "machine, or a script, into the page",
    "html": "this site reads pages in Markdown only; a page written in HTML would bring its own "
            "scripts and styles and escape the checks every page gets",
    "htm": None, "xhtml": None,
}
REFUSED_FORMATS.update({k: REFUSED_FORMATS["html"] for k, v in REFUSED_FORMATS.items() if v is None})
DATA_FOLDER = "data"
DATA_EXTENSIONS = ("yml", "yaml")
#: Hidden files and folders that editors, operating systems and tools leave beside a volunteer's
#: files: passed over without a word. Any other name starting with a dot is hidden by that dot
#: (pelicanconf.py IGNORE_FILES has ``.*``), so it is named, with how to publish it.
ARTEFACTS = (
    ".DS_Store", "._*", ".localized", ".directory", ".Trash*", ".fseventsd", ".Spotlight-V100",
    ".TemporaryItems",  # macOS, KDE
    ".*.sw?", ".*~", ".#*", ".~lock.*#", ".*.kate-swp", ".~*",  # vim, emacs, LibreOffice, Kate, Word
    ".git", ".gitkeep", ".keep", ".gitignore", ".gitattributes", ".github",  # Git
    ".obsidian", ".vscode", ".idea", ".ipynb_checkpoints",  # editors' own folders
)


def unread_files(content, page_paths, article_paths, static_paths, ignore_files=(),
                 markdown_extensions=("md",)):
    """A warning for each file in ``content`` that no part of the build reads or copies;
    ``markdown_extensions`` are those the Markdown reader takes (without the dot)."""
    found = []
    readable_roots = [p.strip("/") for p in (*page_paths, *article_paths)]
    static_roots = [p.strip("/") for p in static_paths]
    for folder, folders, names in os.walk(content):
        found.extend(_hidden_folders(content, folder, folders, ignore_files))
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in sorted(names):
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, content).replace(os.sep, "/")
            if os.path.islink(path):
                continue  # symlinks are refused by their own check
            if name.startswith("."):
                if _ignored(name, ignore_files) and not _artefact(name):
                    found.append(Finding(display_path(path, content), 1, "warning",
                                         f"this file is not published: {_hidden_advice(name)}"))
                continue
            if any(fnmatch.fnmatch(name, pattern) for pattern in ignore_files
                   if not pattern.endswith((".yml", ".yaml"))):
                continue
            if _under(relative, static_roots):
                continue
            advice = _advice(relative, name, readable_roots, markdown_extensions)
            if advice:
                extension = name.rpartition(".")[2].lower()
                refused = REFUSED_FORMATS.get(extension) if _under(relative, readable_roots) else None
                if refused:
                    found.append(Finding(display_path(path, content), 1, "error",
                                         f"this file is not published: {refused}; write the page "
                                         f"in Markdown, as {name.rpartition('.')[0]}.md"))
                else:
                    found.append(Finding(display_path(path, content), 1, "warning",
                                         f"this file is not published: {advice}"))
    return found


def _artefact(name):
    return _ignored(name, ARTEFACTS)


def _ignored(name, patterns):
    return any(fnmatch.fnmatch(name, pattern) for pattern in patterns)


def _hidden_advice(name):
    """Why a file whose name has a leading dot is left out, and the name that publishes it."""
    advice = "its name starts with a dot, which hides a file, so the build leaves it out; "
    if name.endswith(".md"):
        return advice + (f"to publish it, rename it to {name.lstrip('.')} (a page not ready yet can "
                         "keep `Status: draft` in its front matter instead)")
    return advice + "if it is meant for the site, give it a name without the dot"


def _hidden_folders(content, folder, folders, ignore_files):
    """A warning at each Markdown file in a hidden folder of ``folder`` (``pages/.old/``) that
    the build leaves out, unless the folder is an editor's or a tool's own."""
    found = []
    for name in sorted(folders):
        if not name.startswith(".") or _artefact(name):
            continue
        if not _ignored(name, ignore_files):
            continue  # not left out: IGNORE_FILES without ``.*``, so Pelican reads it
        hidden = os.path.join(folder, name)
        for inner, inner_folders, names in os.walk(hidden):
            inner_folders.sort()
            for md in sorted(n for n in names if n.endswith(".md")):
                found.append(Finding(display_path(os.path.join(inner, md), content), 1, "warning",
                                     f"this file is not published: it is in the folder {name}, "
                                     "whose name starts with a dot, which hides a folder, so the "
                                     f"build leaves it out; to publish it, rename the folder to "
                                     f"{name.lstrip('.')}"))
    return found


def _under(relative, roots):
    return any(relative == root or relative.startswith(root + "/") for root in roots if root)


def _advice(relative, name, readable_roots, markdown_extensions):
    stem, dot, extension = name.rpartition(".")
    if name.endswith("~") or extension.lower() in ("bak", "orig", "swp", "tmp"):
        return "it looks like a backup copy an editor left behind; delete it"
    if relative.split("/")[0] == DATA_FOLDER and extension in DATA_EXTENSIONS:
        return None  # the glossary's data, read by the recovery_language plugin
    in_readable = _under(relative, readable_roots)
    if dot and extension in markdown_extensions:
        if in_readable:
            return None
        return ("pages go in content/pages/ (in their section's folder) and news posts in "
                "content/news/<category>/; move it there")
    if not in_readable:
        return ("only the Markdown files in content/pages/, content/news/ and content/events/ "
                "and the pictures and PDFs in content/images/ and content/extra/ are "
                "published; move it to one of those")
    if dot and extension.lower() in markdown_extensions:
        return f"only a lower-case .md ending is read; rename it to {stem}.md"
    if extension.lower() in ("yml", "yaml"):
        return "data files go in content/data/; move it there"
    return (f"only Markdown files (ending in .md) are read here; rename it to {stem or name}.md "
            "if it is a page, or move it to content/images/ if it is a picture")
