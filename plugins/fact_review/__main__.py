"""``python -m fact_review [--settings pelicanconf.py] [content]`` (``make review``): the pages
and news posts whose facts are due for a new check, or fall due within ``due_soon_days``, with
the day they were checked, their interval and the sources to check again.

Prints one ``path:line: note: …`` line per page (editors jump to it) and, when GitHub Actions
sets ``$GITHUB_STEP_SUMMARY``, appends the same as a table there. ``--issue-body FILE`` writes
the Markdown body of the one issue the scheduled workflow keeps open (``.github/workflows/
review.yml``); with nothing due the file is not written, so the workflow can close the issue.
Exits 0 whatever is due (being due is a reminder, not a failure); 1 when a ``Reviewed`` date
or ``Review_in`` cannot be read (``path:line: error: …``), since then nothing can say when the
page is due.
"""

import argparse
import datetime
import os
import sys

from pelican.settings import read_settings

from front_matter import checks as front_matter
from sitelib import findings

from . import fact_review, review

SUMMARY_LIMIT = 1024 * 1024  # GitHub drops a step summary over 1 MiB
ISSUE_LIMIT = 65536  # GitHub refuses an issue body of more characters (gh issue create fails)


def cut(text, size, limit, where):
    """``text`` cut at a line so that ``size(text)`` stays within ``limit``, with a note saying so."""
    if size(text) <= limit:
        return text
    note = f"\n\n(The table was cut to stay under {where}; run `make review` for all of it.)\n"
    room = limit - size(note)
    text = text[:room]
    while size(text) > room:  # characters of more than one byte: at most four each
        text = text[:len(text) - max(1, (size(text) - room) // 4)]
    return text[:text.rfind("\n")] + note


def markdown_files(content, roots):
    for root in roots:
        top = os.path.join(content, root)
        for folder, subfolders, files in os.walk(top):
            subfolders.sort()
            for name in sorted(files):
                path = os.path.join(folder, name)
                # A symbolic link is never published (make check says so, plugins/safe_files),
                # so none is read here either: it could lead to any file on the machine.
                if name.endswith(fact_review.MARKDOWN_SUFFIXES) and not os.path.islink(path):
                    yield path


def is_draft(text):
    return any(entry.key == "status" and entry.value.strip().lower() == "draft"
               for entry in front_matter.parse(text).entries)


def reviews(content, roots, headings, problems):
    """The review of each published Markdown file; what cannot be read goes to ``problems``."""
    for path in markdown_files(content, roots):
        shown = findings.display_path(path, content)
        try:
            with open(path, encoding="utf-8", errors="replace") as source:
                text = source.read()
        except OSError as exc:  # a dangling link, a folder named like a page, no permission
            problems.append(findings.Finding(shown, 1, "error", f"this file cannot be read "
                                             f"({exc.strerror or exc}); make it a readable text file"))
            continue
        if not is_draft(text):
            found = review.read(shown, text, headings)
            problems.extend(review.unreadable(found))
            yield found


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m fact_review", description=__doc__.split("\n\n")[0])
    parser.add_argument("content", nargs="?", help="the content folder (default: PATH of the settings)")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--issue-body", help="write the Markdown body of the review issue here")
    args = parser.parse_args(argv)
    settings = read_settings(args.settings)
    config = fact_review.get_config(settings)
    content = args.content or settings["PATH"]
    default = review.parse_interval(config["review_in"])
    today = fact_review.today()
    roots = [*settings.get("PAGE_PATHS", ["pages"]), *settings.get("ARTICLE_PATHS", [""])]
    problems = []
    due = review.due_soon(list(reviews(content, roots, config["headings"], problems)), today,
                          default, config["due_soon_days"])
    for problem in problems:
        print(problem)
    horizon = f"due by {(today + datetime.timedelta(days=config['due_soon_days'])).isoformat()}"
    for item in due:
        when = item.due(default)
        state = "overdue since" if when <= today else "due on"
        print(findings.Finding(item.path, item.reviewed_line, "note",
                               f"facts checked {item.reviewed.isoformat()}, every "
                               f"{review.interval_words(item.interval(default))}: {state} "
                               f"{when.isoformat()}; recheck {', '.join(item.sources) or 'its Sources'}"))
    heading = f"Fact review: {len(due)} page{'' if len(due) == 1 else 's'} {horizon}"
    print(f"review: {len(due)} page{'' if len(due) == 1 else 's'} {horizon} (today is {today.isoformat()})")
    body = ""
    if due:
        body = (f"## {heading}\n\nEach page below cites sources whose facts are due for a new check. "
                f"Check each fact against the sources listed, correct the page, then set its "
                f"`Reviewed:` line to the day you checked.\n\n{review.table(due, today, default)}\n")
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        text = body or f"## {heading}\n\nNothing to recheck.\n"
        text = cut(text, lambda t: len(t.encode()), SUMMARY_LIMIT, "GitHub's 1 MiB limit")
        with open(summary, "a", encoding="utf-8") as out:
            out.write(text)
    if args.issue_body and body:
        with open(args.issue_body, "w", encoding="utf-8") as out:
            out.write(cut(body, len, ISSUE_LIMIT, "GitHub's limit for an issue"))
    if problems:
        print(f"review: {len(problems)} error{'' if len(problems) == 1 else 's'} (a Reviewed date or "
              "Review_in that cannot be read); correct the lines above", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
