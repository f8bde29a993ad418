"""``python -m devserver [--settings pelicanconf.py] [--host H] [--port P] [--cache DIR]
CONTENT OUTPUT``: serve OUTPUT, rebuild it from CONTENT on every save, reload the browser."""

import argparse

from . import serve

parser = argparse.ArgumentParser(prog="python -m devserver", description=__doc__)
parser.add_argument("content")
parser.add_argument("output")
parser.add_argument("--settings", default="pelicanconf.py")
parser.add_argument("--host", default="127.0.0.1")
parser.add_argument("--port", type=int, default=8000)
parser.add_argument("--cache", help="Pelican's cache folder (default: CACHE_PATH)")
args = parser.parse_args()
serve(args.settings, args.content, args.output, args.host, args.port, args.cache)
