"""Link schemes: which kinds of address a page of this site may link to.

Shared by the HTML policy (plugins/html_policy), the SVG check (plugins/safe_files) and the
front matter's ``Menu_link`` check (plugins/front_matter), so all refuse the same addresses;
the two packages, plugins/pelican-link-checker and plugins/pelican-nested-navigation, keep
copies of their own (a package imports nothing of this project). Not a Pelican plugin.

A browser reads the scheme of ``href=" JaVa&#115;cript:…"`` after decoding the entities,
dropping leading and trailing spaces and control characters and removing tabs and line breaks
anywhere (the URL Standard's basic URL parser); :func:`scheme_of` does the same, so no spelling
of ``javascript:`` slips through.
"""

import html
import re

#: The schemes a link may use; site-relative addresses (no scheme) are allowed too.
ALLOWED = ("http", "https", "mailto", "tel", "sms")

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_EDGES = "".join(chr(c) for c in range(0x21))  # C0 controls and space
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")


def normalise(url, *, decode_entities=False):
    """The URL as a browser's parser sees it (entities decoded only for raw HTML text)."""
    if decode_entities:
        url = html.unescape(url)
    return _TAB_OR_NEWLINE.sub("", url.strip(_EDGES))


def scheme_of(url, *, decode_entities=False):
    """The URL's scheme in lower case ("javascript"), or "" for a relative address."""
    match = _SCHEME.match(normalise(url, decode_entities=decode_entities))
    return match.group(1).lower() if match else ""


def refused_scheme(url, *, decode_entities=False):
    """The scheme if this site refuses it (anything but http, https, mailto, tel, sms), else None."""
    scheme = scheme_of(url, decode_entities=decode_entities)
    return scheme if scheme and scheme not in ALLOWED else None


def why_refused(scheme):
    """Why a scheme is refused and what to write instead, for a message."""
    if scheme in ("javascript", "vbscript"):
        return (f"a {scheme}: address runs code when clicked, and pages on this site never run code "
                "from content. Link to a page (https://… or /…) instead")
    if scheme == "data":
        return ("a data: address carries a whole file inside the link and can hide a page or a script. "
                "Save the file under content/ and link to it with {static}")
    if scheme == "file":
        return "a file: address points at a file on the writer's own computer, which no visitor has. " \
               "Save the file under content/ and link to it with {static}"
    return (f'"{scheme}:" is not a kind of address this site links to. Use https://, http://, mailto:, '
            "tel:, sms: or an address on this site")


_ASCII_WHITESPACE = " \t\n\r\f"


def srcset_urls(value):
    """The URLs of a srcset, split by the HTML standard's rules ("parse a srcset attribute"):
    a URL ends at whitespace, not at a comma, so ``data:image/png;base64,AAA 1x`` stays one
    candidate; trailing commas end a candidate; descriptors run to the next comma outside
    parentheses."""
    urls, i, n = [], 0, len(value or "")
    while True:
        while i < n and (value[i] in _ASCII_WHITESPACE or value[i] == ","):
            i += 1
        if i >= n:
            return urls
        start = i
        while i < n and value[i] not in _ASCII_WHITESPACE:
            i += 1
        url = value[start:i]
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            depth = 0
            while i < n:
                char = value[i]
                i += 1
                if char == "(":
                    depth += 1
                elif char == ")" and depth:
                    depth -= 1
                elif char == "," and not depth:
                    break
        if url:
            urls.append(url)
