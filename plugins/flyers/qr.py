"""The QR code on a flyer, as SVG, made with segno (pure Python). Imports nothing from Pelican.

Error correction level M (15 % of the code may be damaged: a fold, a smudge or a staple) and
the four-module quiet zone the standard asks for. Black on a white square, drawn by the SVG
itself, so the code reads on a dark screen too. No width or height: the flyer's stylesheet
sizes it (about 2.5 inches on paper), and the viewBox keeps it sharp at any size.
"""

import io

#: segno's SVG options for every flyer (tests make the expected SVG with the same ones).
SVG_OPTIONS = {"kind": "svg", "scale": 1, "border": 4, "dark": "#000", "light": "#fff",
               "omitsize": True, "xmldecl": False, "svgclass": None, "lineclass": None}
ERROR = "m"
#: Raised by :func:`svg` for an address longer than any QR code holds (about 2,300 characters
#: at level M).
class TooLong(ValueError):
    """segno's DataOverflowError, raised again under this module's name (segno is imported
    only when a flyer is made)."""


def svg(url):
    """The SVG (bytes) of a QR code that leads to ``url``, with ``url`` as its title."""
    import segno  # noqa: PLC0415 - imported only when a flyer is made: most builds make none

    try:
        code = segno.make(url, error=ERROR, micro=False)
    except segno.DataOverflowError as error:
        raise TooLong(str(error)) from error
    out = io.BytesIO()
    code.save(out, title=url, **SVG_OPTIONS)
    return out.getvalue()
