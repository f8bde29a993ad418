"""Tell pelican-link-checker where a front-matter field's address was written."""

from blinker import signal

FIELD = "related"  # a page's "Related: /guides/" line, which its theme prints as a link


def related_origins(pelican, generators=(), **kwargs):
    """Sent once per build, just before the check; return {address: (file, line)}."""
    origins = {}
    for generator in generators:
        for page in getattr(generator, "pages", []):
            address = page.metadata.get(FIELD)
            if not address:
                continue
            with open(page.source_path, encoding="utf-8") as source:
                for number, line in enumerate(source, 1):
                    if line.lower().startswith(f"{FIELD}:"):
                        origins[address] = (page.source_path, number)
                        break
    return origins


def register():
    signal("link_checker_origins").connect(related_origins)
