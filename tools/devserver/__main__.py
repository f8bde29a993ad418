"""``python -m devserver [--settings pelicanconf.py] [--host H] [--port P] [--cache DIR]
[--no-server] CONTENT OUTPUT``: serve OUTPUT, rebuild it from CONTENT on every save, reload the
browser; with ``--no-server`` only rebuild (``make regenerate``)."""

import argparse
import sys

from sitelib.outputs import linked_output

from . import rebuild_on_change, serve

parser = argparse.ArgumentParser(prog="python -m devserver", description=__doc__)
parser.add_argument("content")
parser.add_argument("output")
parser.add_argument("--settings", default="pelicanconf.py")
parser.add_argument("--host", default="127.0.0.1")
parser.add_argument("--port", type=int, default=8000)
parser.add_argument("--cache", help="Pelican's cache folder (default: CACHE_PATH)")
parser.add_argument("--no-server", action="store_true", help="only rebuild on every save; serve nothing")
args = parser.parse_args()
refused = linked_output(args.output, "make regenerate" if args.no_server else "make devserver")
if refused:
    sys.exit(f"devserver: {refused}")
if args.no_server:
    rebuild_on_change(args.settings, args.content, args.output, args.cache)
else:
    serve(args.settings, args.content, args.output, args.host, args.port, args.cache)
