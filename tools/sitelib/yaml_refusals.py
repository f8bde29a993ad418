"""What the site's YAML readers refuse before building anything from a file: YAML's anchors
and aliases (``&name`` / ``*name``). One alias can repeat a long value, and aliases of aliases
repeat it thousands of times ("billion laughs"), so a file of a few lines would become
gigabytes of words or an endless check. The events are read one by one, which never expands
an alias."""

import yaml

ANCHOR_OR_ALIAS = "this line uses a YAML anchor or alias (&name or *name), which this file does not read"


def is_anchor_or_alias(event):
    """True for a parser event that defines an anchor or refers to one."""
    return isinstance(event, yaml.AliasEvent) or bool(getattr(event, "anchor", None))


def anchor_and_alias_lines(text):
    """The lines (1-based, in order, each once) where ``text`` defines or uses an anchor.
    Raises yaml.YAMLError where the text is not YAML, as yaml.parse does."""
    lines = []
    for event in yaml.parse(text):
        line = event.start_mark.line + 1
        if is_anchor_or_alias(event) and line not in lines:
            lines.append(line)
    return lines
