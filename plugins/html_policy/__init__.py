"""HTML policy: every text escaped, and only the HTML a volunteer may use reaches output/."""

from .html_policy import register  # noqa: F401 (Pelican calls the package's register: a re-export, not unused)
