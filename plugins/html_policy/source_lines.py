"""Find the line of a Markdown file that wrote something the HTML policy refused.

A small library of this plugin's own (it imports nothing from Pelican or from another plugin).
pelican-link-checker has the same two functions for its own messages; each keeps its copy so
that neither plugin needs the other installed, and the forms here may grow with what the
policy refuses (start tags) without touching the checker.
"""


def find_line(text, needles, occurrence=0, from_line=1):
    """The 1-based line of the ``occurrence``-th (0-based) appearance of the first of
    ``needles`` that ``text`` contains from line ``from_line`` on (the last appearance if there
    are fewer), or None."""
    offset = 0
    for _ in range(from_line - 1):
        offset = text.find("\n", offset) + 1
        if offset == 0:
            return None
    for needle in needles:
        if not needle:
            continue
        positions = []
        start = text.find(needle, offset)
        while start != -1 and len(positions) <= occurrence:
            positions.append(start)
            start = text.find(needle, start + len(needle))
        if positions:
            position = positions[min(occurrence, len(positions) - 1)]
            return text.count("\n", 0, position) + 1
    return None


def written_forms(value):
    """How a URL that Markdown turned into ``value`` may look in the Markdown source, most
    telling first: inline link, angle brackets, HTML attribute, reference definition, bare."""
    forms = []
    for text in dict.fromkeys([value, value.replace("&", "&amp;")]):
        forms += [f"]({text})", f"]({text} ", f"<{text}>", f'="{text}"', f"='{text}'", f"]: {text}"]
    if value and value != "#":
        forms.append(value)
        path = value.split("#", 1)[0]
        if path and path != value:
            forms.append(path)
    return forms
