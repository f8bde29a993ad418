"""Which lines of a Markdown text are inside a fenced code block, read as the site's Markdown
(Python-Markdown's ``fenced_code``, part of ``extra``) reads them: a line of three or more
backticks or tildes at the start of the line, with at most a language or ``{attributes}`` after
it, opens a block that the next line of exactly the same fence closes. A fence never closed
opens no block: its lines are shown as text.

What is shown as code is not the page's structure: a ``## Sources`` line in an example is not
the page's Sources heading."""

import re

OPENING = re.compile(r"""^(?P<fence>~{3,}|`{3,})[ ]*(?:\{[^\n]*\}|\.?[\w#.+-]*[ ]*(?:hl_lines=(?P<quote>["'])"""
                     r""".*?(?P=quote)[ ]*)?)$""")


def in_fenced_code(lines):
    """One boolean for each of ``lines``: True for the lines of a fenced code block, its fence
    lines included."""
    inside = [False] * len(lines)
    number = 0
    while number < len(lines):
        opening = OPENING.match(lines[number])
        if opening:
            fence = opening.group("fence")
            closing = next((n for n in range(number + 1, len(lines))
                            if lines[n].rstrip(" ") == fence), None)
            if closing is not None:
                inside[number:closing + 1] = [True] * (closing + 1 - number)
                number = closing
        number += 1
    return inside
