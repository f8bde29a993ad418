"""Pelican adapter: "Edit this page" and "Last updated" for every page and news post.

After every file is read, each page and post gets two attributes the template
``partials/page_meta.html`` shows:

* ``edit_url``: the file in the repository's web editor, e.g.
  ``https://github.com/<owner>/<repo>/edit/main/content/pages/resources/emergency.md``;
  empty (and no link shown) when the repository's address is not known;
* ``last_updated``: the date of the last commit that changed the file (history.py, one
  ``git log`` per build), or the file's own date outside a Git checkout or before its first
  commit.

Settings, merged over :data:`DEFAULTS`::

    PAGE_META = {"edit_url": "https://github.com/<owner>/<repo>/edit/main/"}

When ``edit_url`` is not set it comes from the environment GitHub Actions provides
(``GITHUB_SERVER_URL``, ``GITHUB_REPOSITORY``), else from the Git remote ``origin`` when it is
on GitHub; the branch is ``branch``. Pages that no Markdown file makes (the blog index, the
news categories) have neither: there is no one file to edit.
"""

import functools
import logging
import os
import re
import subprocess

from pelican import signals

from sitelib.settings import PUBLISHED, merge_settings, published

from . import history

log = logging.getLogger(__name__)

SETTING = "PAGE_META"
DEFAULTS = {
    # The address that, followed by a file's path in the repository, opens it in the web
    # editor. None: work it out (see the module docstring); "": no "Edit this page" link.
    "edit_url": None,
    # The branch volunteers edit, used when the address is worked out.
    "branch": "main",
}

GITHUB_REMOTE = re.compile(r"^(?:https://github\.com/|git@github\.com:|ssh://git@github\.com/)"
                           r"(?P<repository>[\w.-]+/[\w.-]+?)(?:\.git)?/?$")


def get_config(settings):
    """PAGE_META merged over DEFAULTS; never changes the user's dict."""
    return merge_settings(settings, SETTING, DEFAULTS, log, "page_meta", valid={
        "edit_url": (lambda v: v is None or isinstance(v, str), "text (or None)"),
        "branch": (lambda v: isinstance(v, str) and v.strip() != "", "a branch name")})


def repository_on_github(folder, environ=os.environ):
    """The repository on GitHub (https://github.com/owner/name), from the environment GitHub
    Actions sets or else from the remote; None when neither says."""
    if environ.get("GITHUB_REPOSITORY") and environ.get("GITHUB_SERVER_URL"):
        return environ["GITHUB_SERVER_URL"].rstrip("/") + "/" + environ["GITHUB_REPOSITORY"]
    return _remote_on_github(folder)


@functools.lru_cache(maxsize=8)
def _remote_on_github(folder):
    """The address of the remote ``origin`` when it is on GitHub (asked once per folder)."""
    try:
        result = subprocess.run(["git", "-C", folder, "remote", "get-url", "origin"],
                                capture_output=True, text=True, check=False)
    except OSError:
        return None
    match = GITHUB_REMOTE.match(result.stdout.strip()) if result.returncode == 0 else None
    return f"https://github.com/{match.group('repository')}" if match else None


def edit_url_base(settings, config):
    if config["edit_url"] is not None:
        return config["edit_url"]
    repository = repository_on_github(settings["PATH"])
    return f"{repository}/edit/{config['branch']}/" if repository else ""


def _real_path(path, folders):
    """``os.path.realpath(path)``, with the real path of each folder worked out once in
    ``folders`` (folder -> real path): a site's pages share a few folders, and resolving every
    folder of every page's path again was about 18 ms of CPU for 1,000 pages (issue 22)."""
    folder, name = os.path.split(path)
    if name in ("", os.curdir, os.pardir):
        return os.path.realpath(path)
    if folder not in folders:
        folders[folder] = os.path.realpath(folder)
    joined = os.path.join(folders[folder], name)
    return os.path.realpath(joined) if os.path.islink(joined) else joined


def add_edit_link_and_date(generators):
    if not generators:
        return
    settings = generators[0].settings
    config = get_config(settings)
    base = edit_url_base(settings, config)
    content_path = os.path.realpath(settings["PATH"])
    changed = history.last_changes(content_path)
    root = history.repository_root(content_path) or os.path.dirname(content_path)  # cached
    # Translations are pages too; drafts are not written, so they need neither.
    lists = (*PUBLISHED, "translations", "hidden_translations")
    folders = {}
    for item in published(generators, lists):
        source = _real_path(item.source_path, folders)
        item.last_updated = changed.get(source) or history.file_date(source)
        item.edit_url = base + os.path.relpath(source, root).replace(os.sep, "/") if base else ""


def register():
    # all_generators_finalized: every page and post has been read, and none written yet.
    signals.all_generators_finalized.connect(add_edit_link_and_date)
