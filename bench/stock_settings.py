"""Settings for bench/bench_stock_navigation.py: stock Pelican (its defaults, the notmyidea
theme) on bench/generate.py's site. Only where the content is, and each page's address from its
file's path (the generated site repeats titles like "Guide 00001" in every section, so Pelican's
default, a slug from the title, would give two pages one address). No plugin, no feeds."""

AUTHOR = "Bench"
SITENAME = "Stock site"
TIMEZONE = "UTC"
PLUGINS = []
PAGE_PATHS = ["pages"]
ARTICLE_PATHS = ["news"]
STATIC_PATHS = []
PATH_METADATA = r"pages/(?P<slug>.+?)\.md$"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
