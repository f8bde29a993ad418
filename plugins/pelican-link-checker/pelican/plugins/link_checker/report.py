"""Report: the findings as text (``path:line: severity: message``), as GitHub Actions
annotations, or as JSON. Findings arrive sorted by path and line, so each file's lines come
together; a summary line ends the text and GitHub reports."""

import json


def plural(count, word):
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def summary(result):
    text = (f"links: {plural(result.count('error'), 'error')}, {plural(result.count('warning'), 'warning')}"
            f" in {plural(result.pages, 'page')} ({plural(result.links, 'link')} checked")
    if result.external:
        text += f", {plural(result.external, 'external URL')} asked"
    return text + ")"


def text_report(result):
    lines = [str(finding) for finding in result.findings]
    lines.append(summary(result))
    return "\n".join(lines) + "\n"


def _escape_data(value):
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value):
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


_COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}


def github_report(result):
    """One workflow command per finding, so the pull request shows it on the line it names."""
    lines = [
        f"::{_COMMANDS[f.severity]} file={_escape_property(f.path)},line={f.line},"
        f"title={_escape_property('Link check')}::{_escape_data(f.message)}"
        for f in result.findings
    ]
    lines.append(summary(result))
    return "\n".join(lines) + "\n"


def json_report(result):
    document = {
        "findings": [
            {"path": f.path, "line": f.line, "severity": f.severity, "message": f.message}
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
