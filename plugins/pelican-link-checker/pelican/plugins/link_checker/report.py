"""Report: the findings as text (``path:line: severity: message``), as GitHub Actions
annotations and a step summary, or as JSON. Findings arrive sorted by path and line, so each file's lines come
together; a summary line ends the text and GitHub reports."""

import json
import os

from .findings import one_line, sort_key


def plural(count, word):
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def summary(result):
    text = (f"links: {plural(result.count('error'), 'error')}, {plural(result.count('warning'), 'warning')}"
            f" in {plural(result.pages, 'page')} ({plural(result.links, 'link')} checked")
    if result.external:
        text += f", {plural(result.external, 'external URL')} asked"
    return text + ")"


def text_report(result):
    lines = [str(finding) for finding in result.findings]  # one line each (findings.one_line)
    lines.append(summary(result))
    return "\n".join(lines) + "\n"


def _escape_data(value):
    """An annotation's message, escaped as GitHub's toolkit does (``escapeData`` in
    actions/toolkit's command.ts): a line break would end the workflow command, and what follows
    could be a command of its own."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value):
    """A property (``file=``, ``title=``), escaped as the toolkit's ``escapeProperty``: also
    ``:`` and ``,``, which end a property."""
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


_COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}


#: GitHub shows at most 10 annotations of each severity per step (and 50 per job): more are
#: dropped without a word. The rest go to the step summary's table.
ANNOTATIONS_PER_SEVERITY = 10
#: GitHub's limit for one step's summary is 1 MiB; the table stops short of it.
SUMMARY_LIMIT = 1024 * 1024 - 4096


def annotated(findings, limit=ANNOTATIONS_PER_SEVERITY):
    """The findings GitHub will show as annotations: the most severe first, files outside the
    repository last, then by file and line, at most ``limit`` of each severity."""
    shown, counts = [], {}
    for finding in sorted(findings, key=sort_key):
        if counts.get(finding.severity, 0) < limit:
            counts[finding.severity] = counts.get(finding.severity, 0) + 1
            shown.append(finding)
    return shown


def _annotation(f):
    title = "Link check" + (f" ({f.check})" if f.check else "")
    return (f"::{_COMMANDS[f.severity]} file={_escape_property(f.path)},line={f.line},"
            f"title={_escape_property(title)}::{_escape_data(f.message)}")


def _log_line(finding):
    """A finding as a line of the job's log. GitHub reads a line that starts with ``::`` as a
    workflow command: a file named so gets ``./`` in front (the same file)."""
    text = str(finding)
    return "./" + text if text.lstrip().startswith("::") else text


def github_report(result, summary_file=None, summary_limit=SUMMARY_LIMIT):
    """Workflow commands GitHub shows on the lines they name: at most 10 per severity, the
    most severe first; every finding also in the step summary's table (``summary_file``, or
    ``$GITHUB_STEP_SUMMARY`` when it is set), and in the log as ``path:line: …`` each one the
    annotations and the table could not hold."""
    shown = annotated(result.findings)
    lines = [_annotation(f) for f in shown]
    left = len(result.findings) - len(shown)
    summary_file = summary_file or os.environ.get("GITHUB_STEP_SUMMARY")
    if left:
        where = "the step summary" if summary_file else "the lines below"
        lines.append(f"{plural(left, 'more finding')} than GitHub shows as annotations: see {where}")
        if not summary_file:
            lines.extend(_log_line(f) for f in sorted(result.findings, key=sort_key) if f not in shown)
    if summary_file:
        table, left_out = _table(result, summary_limit)
        with open(summary_file, "a", encoding="utf-8") as f:
            f.write(table)
        if left_out:
            lines.append(f"{plural(len(left_out), 'finding')} left out of the step summary (GitHub's 1 MiB "
                         "limit for it):")
            lines.extend(_log_line(f) for f in left_out)
    lines.append(summary(result))
    return "\n".join(lines) + "\n"


#: What a Markdown table cell must not hold as it is: ``|`` ends the cell, a backtick starts
#: code, ``<``, ``>`` and ``&`` would be HTML, and a backslash escapes the next character.
_CELL = str.maketrans({"\\": "\\\\", "|": "\\|", "`": "&#96;", "<": "&lt;", ">": "&gt;", "&": "&amp;"})


def _cell(text):
    """A table cell: one line (control characters as visible escapes), nothing that could end
    the cell, the row or the table, or be read as HTML."""
    return one_line(text).translate(_CELL)


def _table(result, limit=SUMMARY_LIMIT):
    """The step summary's Markdown table and the findings left out of it (to stay under
    ``limit`` bytes)."""
    head = [f"### {summary(result)}", ""]
    if not result.findings:
        return "\n".join([*head, "No broken links.", ""]) + "\n", []
    head += ["| Severity | File | Line | Check | Message |", "| --- | --- | --- | --- | --- |"]
    text = "\n".join(head) + "\n"
    size = len(text.encode("utf-8"))
    ordered = sorted(result.findings, key=sort_key)
    written = 0
    for f in ordered:
        row = (f"| {f.severity} | {_cell(f.path)} | {f.line} | {_cell(f.check or '')} | {_cell(f.message)} |\n")
        row_size = len(row.encode("utf-8"))
        if size + row_size > limit - 200:
            break
        text += row
        size += row_size
        written += 1
    left_out = ordered[written:]
    if left_out:
        text += (f"\n{plural(len(left_out), 'more finding')} left out to keep this summary under "
                 "GitHub's 1 MiB limit: the job's log lists them, after the annotations.\n")
    return text + "\n", left_out


def summary_table(result, limit=SUMMARY_LIMIT):
    """The findings as a Markdown table for the step summary (every one, unless the table would
    pass ``limit`` bytes: then a line says how many were left out, and where they are)."""
    return _table(result, limit)[0]


def json_report(result):
    document = {
        "findings": [
            {"path": f.path, "line": f.line, "severity": f.severity, "check": f.check, "message": f.message}
            for f in result.findings
        ],
        "summary": {
            "errors": result.count("error"),
            "warnings": result.count("warning"),
            "notes": result.count("note"),
            "pages": result.pages,
            "links": result.links,
            "external": result.external,
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


FORMATS = {"text": text_report, "github": github_report, "json": json_report}
