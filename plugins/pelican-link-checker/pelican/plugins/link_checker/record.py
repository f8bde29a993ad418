"""The record of a build, kept beside it so that ``python -m link_checker`` can name Markdown
lines without running Pelican again.

It lives outside the output folder (nothing in it is for the published site), in
``CACHE_PATH/link_checker/<hash of the output folder>.json``: one record per output folder,
so test builds in temporary folders never overwrite the record of ``output/``. Records of
output folders that no longer exist are removed whenever a record is written.

The file holds two JSON lines: a header naming the output folder, then the record itself.
"""

import hashlib
import json
import os

from .model import Fragment, PageSource, Site

VERSION = 3  # 3: a page's fragments hold their HTML, not their links


def record_path(cache_path, output):
    key = hashlib.sha1(os.path.realpath(output).encode("utf-8")).hexdigest()[:16]
    return os.path.join(cache_path, "link_checker", f"{key}.json")


def write_record(site, cache_path):
    path = record_path(cache_path, site.output)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    _prune(os.path.dirname(path))
    header = {"version": VERSION, "output": os.path.realpath(site.output)}
    body = {
        "siteurl": site.siteurl,
        "content": site.content,
        "theme": site.theme,
        "templates": list(site.templates),
        "drafts": sorted(site.drafts),
        "pages": {
            page: {
                "source": source.source,
                "kind": source.kind,
                "hidden": source.hidden,
                "fragments": [
                    # The HTML, not its links: those are paired only for a page with a broken link.
                    {"source": f.source, "first": f.first_line, "last": f.last_line, "html": f.html,
                     "written": f.written, "source_line": f.source_line, "part": f.part}
                    for f in source.fragments
                ],
            }
            for page, source in sorted(site.pages.items())
        },
        "summaries": [{"source": f.source, "links": f.links, "html": f.html, "source_line": f.source_line,
                       "part": f.part}
                      for f in site.summaries],
        "origins": site.origins,
    }
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "w", encoding="utf-8") as f:
        f.write(json.dumps(header) + "\n" + json.dumps(body, ensure_ascii=False) + "\n")
    os.replace(temporary, path)
    return path


def read_record(cache_path, output):
    """The :class:`Site` recorded when ``output`` was built, or None."""
    path = record_path(cache_path, output)
    try:
        with open(path, encoding="utf-8") as f:
            header = json.loads(f.readline())
            body = json.loads(f.readline())
    except (OSError, ValueError):
        return None
    if header.get("version") != VERSION or header.get("output") != os.path.realpath(output):
        return None
    pages = {
        page: PageSource(
            source=entry["source"],
            kind=entry["kind"],
            hidden=entry["hidden"],
            fragments=[
                Fragment(f["source"], None, f["first"], f["last"], html=f["html"], written=f["written"],
                         source_line=f["source_line"], part=f["part"])
                for f in entry["fragments"]
            ],
        )
        for page, entry in body["pages"].items()
    }
    summaries = [Fragment(f["source"], [tuple(pair) for pair in f["links"]], html=f["html"],
                          source_line=f.get("source_line"), part=f.get("part", "summary"))
                 for f in body.get("summaries", [])]
    return Site(output=os.path.realpath(output), siteurl=body["siteurl"], content=body["content"],
                theme=body["theme"], templates=body.get("templates", []), drafts=frozenset(body["drafts"]),
                pages=pages, summaries=summaries,
                origins={url: tuple(origin) for url, origin in body.get("origins", {}).items()})


def _prune(folder):
    """Remove the records of output folders that are gone (old test builds, say)."""
    for name in os.listdir(folder):
        if not name.endswith(".json"):
            continue
        path = os.path.join(folder, name)
        try:
            with open(path, encoding="utf-8") as f:
                output = json.loads(f.readline()).get("output")
            if output and not os.path.isdir(output):
                os.remove(path)
        except (OSError, ValueError, AttributeError):
            continue
