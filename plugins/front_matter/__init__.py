"""Front matter: checks the ``Key: value`` lines at the top of every page and news post against
the one list of fields (fields.py), reporting each mistake as ``path:line: error: …`` with the
fix, and keeps the page in the build. Also ``python -m front_matter.newpage`` (``make newpage``),
which scaffolds a page with the right fields. See front_matter.py."""

from .front_matter import register  # noqa: F401 (Pelican's plugin loader looks for register() here)
