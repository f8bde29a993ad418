"""SVG checks: an SVG under content/ is published only when it is a plain drawing.

An SVG is a document, not just a picture: opened at its own address (or by a link), its
<script> runs, its event handlers fire, an XHTML <iframe srcdoc> or <img> inside it works as in
a web page, an ``<?xml-stylesheet?>`` instruction or a CSS ``@import`` loads from another host.
Looking for the dangerous things by name misses the ones not named, so this check works the
other way round, by allowlist:

* the file is read by lxml with a hardened parser: no DTD loaded, no entity resolved, no
  network, no huge tree; an internal DTD subset (``<!DOCTYPE svg [ … ]>``, where entities and
  default attributes live) is refused outright;
* no processing instruction (``<?xml-stylesheet … ?>``) anywhere;
* every element is in the SVG namespace and on :data:`ELEMENTS`, or in a drawing program's own
  namespace (:data:`EDITOR_NAMESPACES`: Inkscape, Sodipodi, Illustrator, RDF metadata), which
  browsers give no behaviour; anything else (XHTML, MathML, an unknown namespace, <script>,
  <foreignObject>, <feImage>) is refused;
* every attribute is on :data:`ATTRIBUTES` (or ``data-*``/``aria-*``), in the XLink or XML
  namespace on its short list, or in an editor's namespace; event handlers (``on…``) never;
* every address (``href``, ``xlink:href``) points inside the file (``#id``), except a link
  (``<a>``) to a page, and a picture (``<image>``) embedded as PNG, JPEG, GIF or WebP data or
  beside the file; an animation may not change an address, a style or a handler;
* CSS (``<style>``, ``style=""`` and every attribute value) is read by tinycss2, the way a
  browser reads it, CSS escapes decoded (``@\\69mport`` is ``@import``): ``@import``, and any
  ``url()``, ``src()``, ``image()``, ``image-set()`` or ``cross-fade()`` that is not ``#id``, is
  refused.

Each refusal is a :class:`Problem` with its line. Imports nothing from Pelican.

Libraries tried first (PyPI): nh3 (Ammonia) cleans HTML only and drops SVG; py-svg-hush (a
binding of Cloudflare's svg-hush, one author, 0.x) and svg-sanitize (a "prototype") rewrite the
file rather than say what is wrong and where, which a volunteer needs to fix their drawing; both
are young. svgcheck (IETF) checks RFC 7996's black-and-white profile, not pictures in colour.
"""

import re
from dataclasses import dataclass

import tinycss2
from lxml import etree

from sitelib import schemes

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
XHTML = "http://www.w3.org/1999/xhtml"
MATHML = "http://www.w3.org/1998/Math/MathML"

#: Namespaces where drawing programs keep their own notes; browsers give them no behaviour.
EDITOR_NAMESPACES = frozenset({
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://creativecommons.org/ns#",
    "http://web.resource.org/cc/",
    "http://purl.org/dc/elements/1.1/",
    "http://ns.adobe.com/AdobeIllustrator/10.0/",
    "http://ns.adobe.com/AdobeSVGViewerExtensions/3.0/",
    "http://ns.adobe.com/Extensibility/1.0/",
    "http://ns.adobe.com/Graphs/1.0/",
    "http://ns.adobe.com/SaveForWeb/1.0/",
    "http://ns.adobe.com/Variables/1.0/",
    "http://ns.adobe.com/ImageReplacement/1.0/",
    "http://ns.adobe.com/xap/1.0/",
    "http://www.bohemiancoding.com/sketch/ns",
    "http://www.serif.com/",
})

#: SVG elements of a still or animated drawing. Not here, so refused: script, foreignObject,
#: feImage (loads a picture), cursor, font-face-uri, iframe, audio, video, discard, handler …
ELEMENTS = frozenset("""
    a animate animateMotion animateTransform circle clipPath defs desc ellipse
    feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting
    feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR
    feGaussianBlur feMerge feMergeNode feMorphology feOffset fePointLight feSpecularLighting
    feSpotLight feTile feTurbulence filter g image line linearGradient marker mask metadata
    mpath path pattern polygon polyline radialGradient rect set stop style svg switch symbol
    text textPath title tspan use view
""".split())

#: Attributes without a namespace that a drawing uses (presentation attributes included).
ATTRIBUTES = frozenset("""
    accent-height accumulate additive alignment-baseline amplitude ascent attributeName
    attributeType azimuth baseFrequency baseline-shift baseProfile begin bias by calcMode class
    clip clip-path clip-rule clipPathUnits color color-interpolation color-interpolation-filters
    color-profile color-rendering contentScriptType contentStyleType cx cy d diffuseConstant
    direction display divisor dominant-baseline dur dx dy edgeMode elevation enable-background
    end exponent fill fill-opacity fill-rule filter filterRes filterUnits flood-color
    flood-opacity focusable font font-family font-size font-size-adjust font-stretch font-style
    font-variant font-weight fr from fx fy glyph-orientation-horizontal
    glyph-orientation-vertical gradientTransform gradientUnits height href id image-rendering in
    in2 intercept isolation k k1 k2 k3 k4 kernelMatrix kernelUnitLength kerning keyPoints
    keySplines keyTimes lang lengthAdjust letter-spacing lighting-color limitingConeAngle
    marker-end marker-mid marker-start markerHeight markerUnits markerWidth mask
    maskContentUnits maskUnits max media method min mix-blend-mode mode numOctaves offset
    opacity operator order orient overflow paint-order path pathLength patternContentUnits
    patternTransform patternUnits pointer-events points pointsAtX pointsAtY pointsAtZ
    preserveAlpha preserveAspectRatio primitiveUnits r radius refX refY rel repeatCount
    repeatDur requiredExtensions requiredFeatures restart result role rotate rx ry scale seed
    shape-rendering side solid-color solid-opacity spacing specularConstant specularExponent
    spreadMethod startOffset stdDeviation stitchTiles stop-color stop-opacity stroke
    stroke-dasharray stroke-dashoffset stroke-linecap stroke-linejoin stroke-miterlimit
    stroke-opacity stroke-width style surfaceScale systemLanguage tabindex tableValues target
    targetX targetY text-anchor text-decoration text-rendering textLength to transform
    transform-origin type unicode-bidi values vector-effect version viewBox visibility width
    word-spacing writing-mode x x1 x2 xChannelSelector y y1 y2 yChannelSelector z zoomAndPan
""".split())
XLINK_ATTRIBUTES = frozenset({"href", "title", "type", "show", "actuate", "role", "arcrole"})
XML_ATTRIBUTES = frozenset({"space", "lang", "id"})
#: Animation elements: checked for what they change (an address, a style, a handler).
ANIMATIONS = frozenset({"animate", "set", "animateTransform", "animateMotion"})

#: Raster pictures embedded in an SVG (drawing programs write them): harmless.
EMBEDDED_PICTURE = re.compile(r"^data:image/(png|jpeg|jpg|gif|webp);", re.IGNORECASE)
#: CSS functions that load a file (besides the url token).
LOADING_FUNCTIONS = frozenset({"url", "src", "image", "image-set", "-webkit-image-set",
                               "cross-fade", "-webkit-cross-fade", "element", "-moz-element"})

SAVE_PLAIN = 'save it again as a plain drawing ("Plain SVG" or "Optimized SVG" in Inkscape)'


@dataclass(frozen=True)
class Problem:
    line: int
    message: str


def _parser():
    # No DTDs, no entities, no network: the file is checked, never trusted.
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False,
                           remove_comments=True, remove_pis=False, dtd_validation=False,
                           attribute_defaults=False)


def _split(name):
    """(namespace, local name) of an lxml tag or attribute name."""
    if not isinstance(name, str):
        return None, ""
    if name.startswith("{"):
        namespace, local = name[1:].split("}", 1)
        return namespace, local
    return None, name


def _short(text, limit=60):
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def css_loads(css, declarations=False):
    """Why the CSS ``css`` loads something, or None. Read with tinycss2, so escapes, comments
    and any case are decoded as a browser decodes them."""
    if declarations:
        nodes = tinycss2.parse_blocks_contents(css, skip_comments=True, skip_whitespace=True)
    else:
        nodes = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return _nodes_load(nodes)


def value_loads(value):
    """Why an attribute value (``fill="url(…)"``) loads something, or None."""
    if "(" not in value and "\\" not in value:
        return None
    return _nodes_load(tinycss2.parse_component_value_list(value, skip_comments=True))


def _nodes_load(nodes):
    for node in nodes:
        kind = getattr(node, "type", "")
        if kind in ("at-rule",):
            if node.lower_at_keyword == "import":
                return "@import loads a stylesheet from elsewhere"
            if node.lower_at_keyword in ("font-face", "namespace", "document"):
                return f"@{node.lower_at_keyword} loads or changes what the picture reads"
            found = _nodes_load(node.prelude) or _nodes_load(
                tinycss2.parse_blocks_contents(node.content or [], skip_comments=True))
            if found:
                return found
        elif kind in ("qualified-rule",):
            found = _nodes_load(node.prelude) or _nodes_load(
                tinycss2.parse_blocks_contents(node.content or [], skip_comments=True))
            if found:
                return found
        elif kind == "declaration":
            found = _nodes_load(node.value)
            if found:
                return found
        elif kind == "url":
            if not node.value.strip().startswith("#"):
                return f'url({_short(node.value)}) loads a file'
        elif kind == "function":
            name = node.lower_name
            if name in LOADING_FUNCTIONS:
                target = "".join(getattr(a, "value", "") for a in node.arguments
                                 if getattr(a, "type", "") in ("string", "ident", "url"))
                if name not in ("url", "src") or not target.strip().startswith("#"):
                    return f'{name}({_short(target)}) loads a file'
            found = _nodes_load(node.arguments)
            if found:
                return found
        elif kind in ("() block", "[] block", "{} block"):
            found = _nodes_load(node.content)
            if found:
                return found
        elif kind == "error":
            continue
    return None


def _address_problem(tag, value):
    """Why an address in the SVG is refused, or None."""
    value = value.strip()
    if not value or value.startswith("#"):
        return None
    scheme = schemes.scheme_of(value)
    if tag == "image" and scheme == "data" and EMBEDDED_PICTURE.match(schemes.normalise(value)):
        return None
    if scheme and scheme not in schemes.ALLOWED:
        return f'the address "{_short(value)}" is refused: {schemes.why_refused(scheme)}'
    elsewhere = value.replace("\\", "/").startswith("//") or scheme in ("http", "https")
    if tag == "a":
        return None  # a link, followed only when clicked, like a link on a page
    if tag == "image" and not scheme and not elsewhere:
        return None  # a picture beside the SVG, on this site
    if elsewhere:
        return (f'<{tag}> loads "{_short(value)}" from another website, which tells that '
                "site who looks at the picture: put what it needs into the SVG file itself")
    return (f'<{tag}> points to "{_short(value)}"; in this site\'s pictures <{tag}> may only '
            'point inside the file (href="#id")')


def _has_internal_subset(tree):
    """True when the <!DOCTYPE …> has a [ … ] part of its own: entities, attribute defaults
    (``<!ATTLIST svg onload …>``). Read from lxml's own serialisation, which writes every
    document in one encoding and escapes "<" everywhere but in the real DOCTYPE. (A DOCTYPE that
    only names the public SVG 1.1 DTD, as Illustrator writes it, is harmless: the parser never
    loads it.)"""
    return re.search(rb"<!DOCTYPE[^>\[]*\[", etree.tostring(tree)) is not None


def problems(data):
    """Everything in the SVG ``data`` (bytes) that keeps it from being published."""
    found = []

    def refuse(node, message):
        found.append(Problem(getattr(node, "sourceline", None) or 1, message))

    try:
        tree = etree.ElementTree(etree.fromstring(data, _parser()))
    except (etree.XMLSyntaxError, ValueError) as error:
        return [Problem(getattr(error, "lineno", None) or 1,
                        f"the SVG cannot be read ({_short(getattr(error, 'msg', error), 80)}): "
                        "open it in a drawing program and save it again")]
    root = tree.getroot()
    if _has_internal_subset(tree):
        where = data.find(b"<!DOCTYPE")
        line = data[:where].count(b"\n") + 1 if where >= 0 else 1
        found.append(Problem(line, "the SVG declares entities or other rules in its <!DOCTYPE "
                                   "…[ ]>, which can pull in other files or add attributes: "
                                   f"{SAVE_PLAIN}"))
    for sibling in [*root.itersiblings(preceding=True), *root.itersiblings()]:
        if isinstance(sibling, etree._ProcessingInstruction):
            refuse(sibling, f"<?{sibling.target} …?> tells the browser to load or run something "
                            f"with the picture (a stylesheet from elsewhere): remove the line")
    if _split(root.tag) != (SVG, "svg"):
        refuse(root, f"this file is not an SVG drawing (its first element is <{_split(root.tag)[1]}> "
                     f"in {_split(root.tag)[0] or 'no namespace'}, not <svg "
                     f'xmlns="{SVG}">): {SAVE_PLAIN}')
        return found
    refused = set()  # what is inside a refused element is not reported again
    for element in root.iter():
        if any(ancestor in refused for ancestor in element.iterancestors()):
            continue
        if isinstance(element, etree._ProcessingInstruction):
            refuse(element, f"<?{element.target} …?> tells the browser to load or run something "
                            "with the picture: remove it")
            continue
        if not isinstance(element.tag, str):
            continue  # comments (removed) and entity references (not resolved)
        namespace, tag = _split(element.tag)
        if namespace in EDITOR_NAMESPACES:
            pass  # a drawing program's notes: not shown, no behaviour; attributes checked below
        elif namespace != SVG:
            kind = {XHTML: "a web page (XHTML) element", MATHML: "a MathML element"}.get(
                namespace, f"in the namespace {namespace}" if namespace else "in no namespace")
            refuse(element, f"<{tag}> is {kind}, not an SVG one: inside a picture it can load "
                            "other sites or run code; remove it and draw the content instead")
            refused.add(element)
            continue
        elif tag == "script":
            refuse(element, "<script> in an SVG runs when the file is opened at its own address: "
                            "remove it (pictures on this site never run code)")
            refused.add(element)
            continue
        elif tag == "foreignObject":
            refuse(element, "<foreignObject> puts a web page inside the picture: remove it "
                            "and draw the content instead")
            refused.add(element)
            continue
        elif tag not in ELEMENTS:
            refuse(element, f"<{tag}> is not one of the SVG elements of a plain drawing (it can "
                            f"load or run something): remove it, or {SAVE_PLAIN}")
            refused.add(element)
            continue
        if tag == "style":
            why = css_loads(element.text or "")
            if why:
                refuse(element, f"the SVG's <style> loads something ({why}): keep every style "
                                "inside the file, with no @import and no url() but url(#id)")
        if tag in ANIMATIONS:
            target = (element.get("attributeName") or "").strip().lower()
            if target.endswith("href") or target.startswith("on") or target == "style":
                refuse(element, f"<{tag}> changes {target} while the picture plays, which can "
                                "turn it into a link to code or to another website: remove it")
        for name, value in element.attrib.items():
            attribute_namespace, local = _split(name)
            if namespace in EDITOR_NAMESPACES and attribute_namespace is None:
                attribute_namespace = namespace  # an editor's element: its own attributes
            message = _attribute_problem(tag, attribute_namespace, local, value)
            if message:
                refuse(element, message)
    return found


def _attribute_problem(tag, namespace, local, value):
    if local.lower().startswith("on"):
        return (f"the {local} attribute on <{tag}> runs code when the file is opened at its own "
                "address: remove it")
    if namespace in EDITOR_NAMESPACES:
        return None
    if namespace == XLINK:
        allowed = local in XLINK_ATTRIBUTES
    elif namespace == XML:
        allowed = local in XML_ATTRIBUTES
    elif namespace is None:
        allowed = local in ATTRIBUTES or local.startswith(("data-", "aria-"))
    else:
        allowed = False
    if not allowed:
        prefix = {XML: "xml:", XLINK: "xlink:"}.get(namespace, f"{{{namespace}}}" if namespace else "")
        shown = prefix + local
        return (f"the attribute {shown} on <{tag}> is not one a plain drawing uses: "
                f"remove it, or {SAVE_PLAIN}")
    if local == "href" and namespace in (None, XLINK):
        return _address_problem(tag, value)
    if local == "style":
        why = css_loads(value, declarations=True)
        if why:
            return (f"the style attribute on <{tag}> loads something ({why}): keep every style "
                    "inside the file")
        return None
    why = value_loads(value)
    if why:
        return (f"the {local} attribute on <{tag}> loads something ({why}): point only inside "
                "the file, like url(#gradient)")
    return None
