"""Check the links of a built site: ``python -m link_checker [--format text|github|json]
[--external] [--settings pelicanconf.py] [OUTPUT_DIR]``.

Reads the record the build left (see record.py) to name Markdown lines; without one, names
the built HTML files. Exits 1 when any error was found.
"""

import argparse
import logging
import os
import sys

from .config import get_config
from .model import Site
from .record import read_record
from .report import FORMATS
from .validate import validate


def read_settings(path):
    if not path or not os.path.exists(path):
        return {}
    from pelican.settings import read_settings as pelican_read_settings

    return pelican_read_settings(path)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m link_checker", description=(
        "Check every link of a built site and report each problem at the line that wrote it."))
    parser.add_argument("output", nargs="?", help="the built site (default: OUTPUT_PATH of the settings, or output)")
    parser.add_argument("--format", choices=sorted(FORMATS), default="text",
                        help="text (default), github (Actions annotations) or json")
    parser.add_argument("--external", action="store_true",
                        help="also check links to other sites (needs the internet; results cached)")
    parser.add_argument("--settings", default="pelicanconf.py",
                        help="the Pelican settings with LINKS and CACHE_PATH (default: pelicanconf.py)")
    args = parser.parse_args(argv)

    logging.basicConfig(format="%(message)s", level=logging.WARNING, stream=sys.stderr)
    log = logging.getLogger("link_checker")
    settings = read_settings(args.settings)
    output = args.output or settings.get("OUTPUT_PATH") or "output"
    if not os.path.isdir(output):
        print(f"link_checker: {output} is not a folder; build the site first (make html)", file=sys.stderr)
        return 2
    cache_path = settings.get("CACHE_PATH") or "cache"
    site = read_record(cache_path, output)
    if site is None:
        print(f"link_checker: no record of the build that wrote {output} (make html writes one); "
              "findings name the built HTML files instead of Markdown lines", file=sys.stderr)
        theme = settings.get("THEME")
        site = Site(output=os.path.abspath(output), siteurl=settings.get("SITEURL", ""),
                    content=os.path.abspath(settings["PATH"]) if settings.get("PATH") else None,
                    theme=os.path.abspath(theme) if theme else None)
    config = get_config(settings, log)
    config["cache_file"] = os.path.join(cache_path, "links.json")
    result = validate(site, config, external=args.external)
    sys.stdout.write(FORMATS[args.format](result))
    return 1 if result.count("error") else 0


if __name__ == "__main__":
    sys.exit(main())
