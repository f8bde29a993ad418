"""PDF checks: a PDF under content/ is published only when it is a document to read.

Opened from the site, a PDF is shown by the browser's own viewer, which runs a PDF's scripts
(/JavaScript), follows an action that runs when it opens (/OpenAction to another website), sends
a form (/SubmitForm) and opens files carried inside it (/EmbeddedFile). A flyer or a report needs
none of these. Every object of the file is read with pypdf (names decoded, compressed object
streams opened), and each such key or action type is a reason to refuse it. Ordinary links
(a /URI a reader clicks) are fine. Imports nothing from Pelican.
"""

import logging

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

#: Keys and action types that make a PDF do something on its own, with what they do.
ACTIVE = {
    "/JavaScript": "runs a script", "/JS": "runs a script",
    "/Launch": "starts a program", "/SubmitForm": "sends what a reader types to a website",
    "/ImportData": "reads data from another file", "/GoToR": "opens another file",
    "/GoToE": "opens a file carried inside it", "/EmbeddedFile": "carries other files inside it",
    "/EmbeddedFiles": "carries other files inside it", "/RichMedia": "plays media from elsewhere",
    "/XFA": "holds an XFA form, which can run scripts",
}
#: Actions that are harmless when a reader clicks them but not when they run on opening.
ON_OPEN = {"/URI": "opens a website as soon as the PDF is opened"}
MAX_OBJECTS = 50000


def problems(path):
    """What in the PDF at ``path`` acts on its own (sorted reasons), or a reason it cannot be read."""
    try:
        reader = PdfReader(path, strict=False)
        return _walk(reader)
    except Exception as error:  # noqa: BLE001 - a damaged file of any kind is a finding, never a crash
        return [f"it cannot be read as a PDF ({type(error).__name__})"]


def _walk(reader):
    found = set()
    seen = set()
    stack = [reader.trailer]
    count = 0
    # pypdf logs each repair of a damaged file; the finding says it once.
    quiet = logging.getLogger("pypdf")
    level, quiet.level = quiet.level, logging.CRITICAL
    try:
        while stack:
            item = stack.pop()
            if isinstance(item, IndirectObject):
                key = (item.idnum, item.generation)
                if key in seen:
                    continue
                seen.add(key)
                item = item.get_object()
            count += 1
            if count > MAX_OBJECTS:
                found.add(f"it has more than {MAX_OBJECTS} objects, too many to check")
                break
            if isinstance(item, DictionaryObject):
                for name, value in item.items():
                    if name in ACTIVE:
                        found.add(f"{name[1:]}: it {ACTIVE[name]}")
                    if name == "/S" and str(value) in ACTIVE:
                        found.add(f"{str(value)[1:]}: it {ACTIVE[str(value)]}")
                    if name in ("/OpenAction", "/AA"):
                        found.update(_on_open(value))
                    stack.append(value)
            elif isinstance(item, ArrayObject):
                stack.extend(item)
    finally:
        quiet.level = level
    return sorted(found)


def _on_open(value):
    """What the action(s) run on opening do: an /OpenAction (an action, or a destination array,
    which is harmless) or an /AA dictionary of triggers, each action with its /Next ones."""
    found = set()
    pending = [value]
    for _ in range(200):  # actions chain through /Next; a loop in a damaged file ends here
        if not pending:
            break
        action = pending.pop()
        if isinstance(action, IndirectObject):
            action = action.get_object()
        if not isinstance(action, DictionaryObject):
            continue
        if "/S" in action:
            kind = str(action["/S"])
            if kind in ON_OPEN:
                found.add(f"{kind[1:]} on opening: it {ON_OPEN[kind]}")
            following = action.get("/Next")
            following = following.get_object() if isinstance(following, IndirectObject) else following
            if isinstance(following, ArrayObject):
                pending.extend(following)
            elif following is not None:
                pending.append(following)
        else:  # /AA: trigger -> action
            pending.extend(action.values())
    return found
