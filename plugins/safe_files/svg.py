"""SVG checks: what in an SVG file could run code or load something from another website.

An SVG is a document, not just a picture: opened at its own address (or by a link), its
<script> runs, its event handlers fire, and it can load files from other hosts. So an SVG under
content/ may hold none of these; each is a :class:`Problem` with its line. Imports nothing from
Pelican.
"""

import re
from dataclasses import dataclass

from lxml import etree

from sitelib import schemes

_STYLE_URL = re.compile(r"url\s*\(\s*['\"]?\s*([^'\")\s]+)|@import", re.IGNORECASE)
#: Raster pictures embedded in an SVG (drawing programs write them): harmless.
_EMBEDDED_PICTURE = re.compile(r"^data:image/(png|jpeg|gif|webp);", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    line: int
    message: str


def _parser():
    # No DTDs, no entities, no network: the file is checked, never trusted.
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False,
                           remove_comments=True)


def _local(name):
    return name.rsplit("}", 1)[-1] if isinstance(name, str) else ""


def _reference_problem(element, value):
    """Why an href in the SVG is refused, or None (same-document #ids and local files are fine)."""
    value = value.strip()
    if not value or value.startswith("#"):
        return None
    scheme = schemes.scheme_of(value)
    if scheme == "data" and _local(element.tag) == "image" and _EMBEDDED_PICTURE.match(value):
        return None
    if scheme in ("javascript", "vbscript", "data") or (scheme and scheme not in schemes.ALLOWED):
        return f'the address "{value[:60]}" is refused: {schemes.why_refused(scheme)}'
    if element is not None and _local(element.tag) != "a" and (
            value.replace("\\", "/").startswith("//") or scheme in ("http", "https")):
        return (f'<{_local(element.tag)}> loads "{value[:60]}" from another website, which tells that '
                "site who looks at the picture: put what it needs into the SVG file itself")
    return None


def _loads_from_elsewhere(css):
    """True when CSS loads something from another host or by a refused scheme (url(#id) and
    files beside the SVG are fine)."""
    for match in _STYLE_URL.finditer(css):
        url = match.group(1)
        if url is None:  # @import
            return True
        scheme = schemes.scheme_of(url)
        if url.replace("\\", "/").startswith("//") or (scheme and not _EMBEDDED_PICTURE.match(url)):
            return True
    return False


def problems(data):
    """Everything in the SVG ``data`` (bytes) that could run code or load from another host."""
    found = []
    if b"<!ENTITY" in data:
        found.append(Problem(1, "the SVG declares entities (<!ENTITY …>), which can pull in other "
                                "files: save it again without them (\"Plain SVG\" in Inkscape)"))
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        return found + [Problem(error.lineno or 1, f"the SVG cannot be read ({error.msg}): open it in a "
                                                   "drawing program and save it again")]
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag, line = _local(element.tag), element.sourceline or 1
        if tag == "script":
            found.append(Problem(line, "<script> in an SVG runs when the file is opened at its own address: "
                                       "remove it (pictures on this site never run code)"))
            continue
        if tag == "foreignObject":
            found.append(Problem(line, "<foreignObject> puts a web page inside the picture: remove it "
                                       "and draw the content instead"))
            continue
        if tag in ("set", "animate") and element.get("attributeName", "").endswith("href"):
            found.append(Problem(line, f"<{tag}> changes a link while the picture plays, which can turn "
                                       "it into code: remove it"))
        if tag == "style" and _loads_from_elsewhere(element.text or ""):
            found.append(Problem(line, "the SVG's <style> loads a file from another website (url(…) "
                                       "or @import): keep every style inside the file"))
        for name, value in element.attrib.items():
            local = _local(name)
            if local.lower().startswith("on"):
                found.append(Problem(line, f"the {local} attribute on <{tag}> runs code when the file is "
                                           "opened at its own address: remove it"))
            elif local == "href":
                why = _reference_problem(element, value)
                if why:
                    found.append(Problem(line, why))
            elif local == "style" and _loads_from_elsewhere(value):
                found.append(Problem(line, f"the style attribute on <{tag}> loads a file from another "
                                           "website (url(…)): keep every style inside the file"))
    return found
