"""Check the links of a built site: ``pelican-link-checker [--format text|github|json]
[--external] [--settings pelicanconf.py] [OUTPUT_DIR]`` (also ``python -m
pelican.plugins.link_checker``).

Reads the record the build left (see record.py) to name Markdown lines; without one, names
the built HTML files. Exits 1 when any error was found.
"""

import argparse
import logging
import os
import sys

from .checks import CHECKS
from .config import get_config
from .findings import PLUGIN, message
from .model import Site
from .record import read_record
from .report import FORMATS
from .validate import validate


def read_settings(path):
    if not path or not os.path.exists(path):
        return {}
    from pelican.settings import read_settings as pelican_read_settings  # noqa: PLC0415 (only with a settings file: --help and --list-checks stay quick)

    return pelican_read_settings(path)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="pelican-link-checker", description=(
        "Check every link of a built site and report each problem at the line that wrote it."))
    parser.add_argument("output", nargs="?", help="the built site (default: OUTPUT_PATH of the settings, or output)")
    parser.add_argument("--format", choices=sorted(FORMATS), default="text",
                        help="text (default), github (Actions annotations, at most 10 per severity, and "
                             "the full table in $GITHUB_STEP_SUMMARY when it is set) or json")
    parser.add_argument("--external", action="store_true",
                        help="also check links to other sites (needs the internet; results cached)")
    parser.add_argument("--settings", default="pelicanconf.py",
                        help="the Pelican settings with LINK_CHECKER and CACHE_PATH (default: pelicanconf.py)")
    parser.add_argument("--list-checks", action="store_true", help="list the checks by name and stop")
    args = parser.parse_args(argv)
    if args.list_checks:
        for check in CHECKS:
            print(f"{check.name:18} {check.summary}")
        return 0

    logging.basicConfig(format="%(message)s", level=logging.WARNING, stream=sys.stderr)
    log = logging.getLogger(PLUGIN)
    settings = read_settings(args.settings)
    output = args.output or settings.get("OUTPUT_PATH") or "output"
    if not os.path.isdir(output):
        print(message("error", f"{output} is not a folder; build the site first, or name its folder"),
              file=sys.stderr)
        return 2
    cache_path = settings.get("CACHE_PATH") or "cache"
    site = read_record(cache_path, output)
    if site is None:
        print(message("warning", f"no record of the build that wrote {output} (a build with the plugin writes one): "
                      "findings name the built HTML files instead of Markdown lines; build the site with the "
                      "plugin first"), file=sys.stderr)
        theme = settings.get("THEME")
        templates = [os.path.abspath(folder) for folder in settings.get("THEME_TEMPLATES_OVERRIDES") or ()]
        if theme:
            templates.append(os.path.join(os.path.abspath(theme), "templates"))
        site = Site(output=os.path.abspath(output), siteurl=settings.get("SITEURL", ""),
                    content=os.path.abspath(settings["PATH"]) if settings.get("PATH") else None,
                    theme=os.path.abspath(theme) if theme else None, templates=templates)
    if args.external:
        try:
            import httpx  # noqa: F401,PLC0415 (only asks whether the optional extra is installed)
        except ImportError:
            print(message("error", "--external needs httpx: pip install 'pelican-link-checker[external]'"),
                  file=sys.stderr)
            return 2
    config = get_config(settings, log)
    config["cache_file"] = os.path.join(cache_path, "links.json")
    result = validate(site, config, external=args.external)
    sys.stdout.write(FORMATS[args.format](result))
    return 1 if result.count("error") else 0


if __name__ == "__main__":
    sys.exit(main())
