"""Safe files: no symbolic link under content/ and no SVG that can run code or load from elsewhere."""

from .safe_files import register  # noqa: F401
