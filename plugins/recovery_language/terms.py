"""Load and check the recovery-language term pairs. Imports nothing from Pelican.

The pairs live in one YAML file (``content/data/recovery-language.yml``)::

    terms:
      - clinical: Decompensated
        recovery:
          - Not doing well
        es:
          clinical: Descompensado, descompensada
          recovery:
            - No está bien

Each pair is in English; a language key (``es``) gives the same pair in that language, so a
term and its translation live in one entry, never in two copies. Spanish pages show and check
the Spanish pairs (:meth:`Term.in_language`).

The glossary page renders them and other checks read them, so everything that reads the file
goes through :func:`load_terms`. Its errors are ready-made lines in the project's
``path:line: error: message`` format, pointing at the YAML node that is wrong.
"""

import functools
from dataclasses import dataclass

import yaml

from sitelib.yaml_refusals import ANCHOR_OR_ALIAS, TOO_DEEP, TOO_LONG_NUMBER, anchor_and_alias_lines, error_line

_TEXT = {"type": "string", "pattern": r"\S"}

PAIR_PROPERTIES = {
    "clinical": _TEXT,
    "recovery": {"type": "array", "minItems": 1, "items": _TEXT},
}


def schema(languages=()):
    """The file's JSON Schema: each pair in English, and optionally in each of ``languages``
    (the site's languages besides English, from LANGUAGES in pelicanconf.py through
    sitelib.languages; a pair given in any other language is an error at its key)."""
    term = {
        "type": "object",
        "properties": {
            **PAIR_PROPERTIES,
            **{lang: {"type": "object", "properties": PAIR_PROPERTIES,
                      "required": ["clinical", "recovery"], "additionalProperties": False}
               for lang in languages},
        },
        "required": ["clinical", "recovery"],
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {"terms": {"type": "array", "minItems": 1, "items": term}},
        "required": ["terms"],
        "additionalProperties": False,
    }


@functools.lru_cache(maxsize=4)
def _validator(languages=()):
    """The schema's validator, made when a glossary is first read: importing jsonschema costs
    about 50 ms, which a site without a glossary need not pay on every build."""
    import jsonschema  # noqa: PLC0415 (50 ms a build without a glossary need not pay, as said above)

    return jsonschema.Draft202012Validator(schema(languages))


# How each JSON type is named to a volunteer editing YAML.
_TYPE_WORDS = {
    "string": "text",
    "array": "a list (one '- item' per line)",
    "object": "a set of 'key: value' lines",
}


@dataclass(frozen=True)
class Term:
    """One clinical term and the recovery-language words to use instead."""

    clinical: str
    recovery: tuple
    line: int  # 1-based line of the entry in the data file
    #: The same pair in other languages: ``(("es", Term(...)), ...)``.
    translations: tuple = ()

    def in_language(self, lang):
        """This pair in ``lang``, one of the file's other languages, else None (the pair itself
        is in the site's default language: plugins/recovery_language uses it for that one)."""
        return dict(self.translations).get(lang)


def load_terms(path, display_path=None, languages=()):
    """Read the data file at ``path``; return ``(terms, errors)``. ``languages``: the codes of
    the site's other languages, in which a pair may be given too (a page in a language without
    pairs in the file is not checked; the glossary in it lists none).

    ``terms`` is a list of :class:`Term` for every entry that is valid; ``errors`` is a list of
    ``display_path:LINE: error: …`` strings, one per problem, in file order. Never raises for a
    missing, unreadable, malformed or invalid file: each of those is an error line instead.
    """
    shown = display_path or str(path)
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as exc:
        return [], [f"{shown}:1: error: cannot read the glossary data file ({exc.strerror}); "
                    "create it with a top-level 'terms:' list"]
    return parse_terms(text, shown, languages)


def parse_terms(text, shown, languages=()):
    """Like :func:`load_terms`, for YAML already read into ``text``; ``shown`` names the file."""
    terms, errors = _parse_terms(text, shown, tuple(languages))
    return list(terms), list(errors)


@functools.lru_cache(maxsize=8)
def _parse_terms(text, shown, languages):
    # Remembered by the text: the live preview builds again on every save, and parsing the
    # unchanged glossary each time held its reload (tools/devserver).
    try:
        refused = anchor_and_alias_lines(text)
        if refused:
            return [], [f"{shown}:{line}: error: {ANCHOR_OR_ALIAS}; write the words out in full"
                        for line in refused]
        loader = yaml.SafeLoader(text)
        try:
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        line = error_line(exc, text)
        problem = exc.problem or exc.context or "cannot be read"
        return [], [f"{shown}:{line}: error: this is not valid YAML ({problem}); "
                    "check the indentation and quotes on this line and the one above"]
    except yaml.YAMLError as exc:
        return [], [f"{shown}:1: error: this is not valid YAML ({exc})"]
    except ValueError:
        return [], [f"{shown}:1: error: this file cannot be read: {TOO_LONG_NUMBER}"]
    except RecursionError:  # brackets or lists nested thousands deep
        return [], [f"{shown}:1: error: this file cannot be read: {TOO_DEEP}; "
                    "write each term as the comments at the top of the file describe"]

    if root is None:
        return [], [f"{shown}:1: error: the file is empty; it needs a top-level 'terms:' list"]

    found = [(line, message, [None, None]) for line, message in _repeated_keys(root)]
    languages = tuple(languages)
    for error in _validator(languages).iter_errors(data):
        where = list(error.absolute_path)
        node = _node_at(root, where, key=_unexpected_key(error))
        found.append((node.start_mark.line + 1, _describe(error, where, data, node), where))
    found.sort(key=lambda item: item[0])

    bad_entries = {where[1] for _, _, where in found if len(where) >= 2 and where[0] == "terms"}
    whole_file_bad = any(len(where) < 2 for _, _, where in found)
    errors = [f"{shown}:{line}: error: {message}" for line, message, _ in found]

    terms = []
    if not whole_file_bad:
        # The last "terms:" is the one YAML keeps (a repeated key is reported above).
        entries = [node for key, node in root.value if key.value == "terms"][-1].value
        seen = {}
        for index, (entry, node) in enumerate(zip(data["terms"], entries, strict=False)):
            if index in bad_entries:
                continue
            line = node.start_mark.line + 1
            clinical = entry["clinical"].strip()
            if clinical.casefold() in seen:
                errors.append(f"{shown}:{line}: error: the clinical term '{clinical}' is listed "
                              f"twice (first on line {seen[clinical.casefold()]}); "
                              "merge the two entries into one")
                continue
            seen[clinical.casefold()] = line
            translations = tuple(
                (lang, Term(entry[lang]["clinical"].strip(),
                            tuple(r.strip() for r in entry[lang]["recovery"]), line))
                for lang in languages if lang in entry)
            terms.append(Term(clinical, tuple(r.strip() for r in entry["recovery"]), line,
                              translations))
    return terms, errors


def _repeated_keys(node):
    """(line, message) for each key given twice in one mapping: YAML keeps only the last one,
    so a second ``terms:`` would silently replace the whole list above it."""
    found = []
    if isinstance(node, yaml.MappingNode):
        first = {}
        for key, _ in node.value:
            line = key.start_mark.line + 1
            if key.value in first:
                found.append((line, f"'{key.value}' is given twice here (first on line "
                                    f"{first[key.value]}), and only the last one would count; "
                                    "merge the two into one"))
            else:
                first[key.value] = line
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        for child in node.value:
            for part in (child if isinstance(child, tuple) else (child,)):
                found.extend(_repeated_keys(part))
    return found


def _unexpected_key(error):
    """The first key an ``additionalProperties`` error complains about, else None."""
    if error.validator != "additionalProperties" or not isinstance(error.instance, dict):
        return None
    allowed = set(error.schema.get("properties", {}))
    extra = [key for key in error.instance if key not in allowed]
    return extra[0] if extra else None


def _node_at(root, path, key=None):
    """The YAML node at ``path`` (mapping keys and list indexes); with ``key``, that key's node."""
    node = root
    for step in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == step), node)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
    if key is not None and isinstance(node, yaml.MappingNode):
        node = next((k for k, _ in node.value if k.value == key), node)
    return node


def _where(path, data):
    """Name the place ``path`` points at, e.g. "term 4 ('Manipulative'), 'recovery' item 2"."""
    if not path:
        return "the file"
    if path[0] != "terms" or len(path) == 1:
        return f"'{path[0]}'"
    number = path[1] + 1
    entry = data["terms"][path[1]]
    label = f"term {number}"
    if isinstance(entry, dict) and isinstance(entry.get("clinical"), str) and entry["clinical"].strip():
        label += f" ('{entry['clinical'].strip()}')"
    if len(path) == 2:
        return label
    label += f", '{path[2]}'"
    if len(path) > 3:
        label += f" item {path[3] + 1}"
    return label


def _describe(error, path, data, node):
    """A message that says what is wrong and how to fix it; ``node`` is the YAML node at fault."""
    where = _where(path, data)
    rule = error.validator
    if rule == "required":
        missing = error.message.split("'")[1]
        if not path:
            return "the file needs a top-level 'terms:' list of clinical terms and their alternatives"
        if missing == "clinical":
            return f"{where} has no 'clinical' term; add 'clinical: <the clinical term>'"
        return (f"{where} has no 'recovery' list; add 'recovery:' followed by one or more "
                "'- <alternative>' lines")
    if rule == "additionalProperties":
        key = _unexpected_key(error)
        names = [f"'{k}'" for k in error.schema.get("properties", {})]
        allowed = (f"only {names[0]} is" if len(names) == 1
                   else f"only {', '.join(names[:-1])} and {names[-1]} are")
        return f"{where} has an unknown key '{key}'; {allowed} allowed (check the spelling)"
    if rule == "type":
        expected = _TYPE_WORDS.get(error.validator_value, error.validator_value)
        hint = ""
        if error.validator_value == "string" and isinstance(error.instance, (bool, int, float)):
            # YAML reads a bare yes, no, on, off or 12 as a yes/no value or a number.
            hint = f"; put it in quotes: \"{node.value}\""
        elif error.validator_value == "array" and isinstance(error.instance, str):
            hint = f"; write it as '- {error.instance}' on the next line"
        return f"{where} must be {expected}, not {_kind(error.instance)}{hint}"
    if rule == "minItems":
        if path == ["terms"]:
            return "'terms' is an empty list; add at least one entry"
        return f"{where} is an empty list; add at least one '- <alternative>' line"
    if rule == "pattern":
        return f"{where} is blank; write the words or remove the line"
    return f"{where}: {error.message}"


def _kind(value):
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of 'key: value' lines"
    return "text"
