"""Events: a calendar of meetings from content/events/, with a page, an .ics file and JSON-LD
for each, and one subscribable .ics feed. See events.py; the pure parts are in schedule.py."""

from .events import register  # noqa: F401 (Pelican calls the package's register: a re-export, not unused)
