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


def error_line(error, text):
    """The line (1-based) to name for a yaml.YAMLError in ``text``: where the parser gave up,
    except where the trouble began earlier, as a bracket never closed. For those the parser
    stops on the next line or past the last one, and the line a volunteer must fix is the one
    that opened the bracket (its context mark)."""
    mark = getattr(error, "problem_mark", None)
    context = getattr(error, "context_mark", None)
    if context is not None and (
        mark is None
        or mark.line >= len(text.splitlines())
        or (getattr(error, "context", None) or "").startswith("while parsing a flow")
    ):
        mark = context
    return mark.line + 1 if mark is not None else 1


#: Why a file that is valid YAML still cannot be read: Python refuses a value YAML reads as a
#: number or date that it cannot hold (an integer of more than 4,300 digits, a 13th month:
#: ValueError), and brackets nested thousands deep exhaust the parser's recursion.
TOO_LONG_NUMBER = ("a value in this file looks like a number or a date but cannot be one (thousands "
                   "of digits, or a month 13); put it in quotes to keep it as text")
TOO_DEEP = "its brackets or lists are nested too deep"
