"""Safe files: only what a page can safely show or link to is published from content/ (pictures
and PDFs, by an allowlist, each checked inside); no symbolic link, no file from outside content/,
no SVG that is not a plain drawing, no PDF that acts on its own, no name that cannot be an
address."""

from .safe_files import register  # noqa: F401 (Pelican calls the package's register: a re-export, not unused)
