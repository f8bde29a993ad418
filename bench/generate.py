"""Generate a synthetic content folder shaped like the real site, at any size.

``generate(target, pages)`` writes ``target/pages/`` (a home page and eight sections, each an
``index.md`` and its pages, the last one very large, plus the News section's index) and ``target/news/`` (one
article per ten pages, spread over the three real categories), and ``target/extra/favicon.svg``. ``pages``
counts the Markdown files under ``pages/``; articles come on top.

Everything is deterministic (no randomness, no dates from the clock), and titles and addresses
have the same width at every size ("Guide 00042"), so a measurement that should not depend on
the number of pages (the menu's bytes) can be compared byte for byte between sizes. Every
generated page is valid for the project's checks: known front-matter fields, a Summary, links
only to pages that exist, and the crisis page the theme links to (/resources/emergency/).

Usage: python bench/generate.py TARGET PAGES
"""

import os
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: A folder in memory (tmpfs) for the generated sites and their builds, when the machine has
#: one; else bench/sites/ (gitignored). In memory, a build's time is the build's own: on a disk,
#: creating thousands of files soon after the last build deleted as many can cost more than the
#: build (ext4 without a journal skips recently freed inodes one by one when it allocates).
#: BENCH_SITES chooses another folder.
MEMORY = Path("/dev/shm")


def sites_folder():
    chosen = os.environ.get("BENCH_SITES")
    if chosen:
        return Path(chosen)
    if MEMORY.is_dir() and os.access(MEMORY, os.W_OK):
        return MEMORY / f"scpc-bench-{os.getuid()}"
    return ROOT / "bench" / "sites"


def built_sites():
    """{pages: output folder} of the generated sites bench/run.py last built and timed."""
    found = {int(folder.name.split("-")[1]): folder / "output"
             for folder in sites_folder().glob("pages-*") if (folder / "timings.json").exists()}
    return dict(sorted(found.items()))

#: (folder, title, menu label) of the sections, in menu order. "resources" must exist: every
#: page's crisis strip links to /resources/emergency/.
SECTIONS = [
    ("about", "About us", "About"),
    ("activities", "Activities", None),
    ("history", "History", None),
    ("resources", "Resources", None),
    ("advocacy", "Advocacy", None),
    ("community", "Community", None),
    ("learning", "Learning", None),
    ("library", "Library", None),
]
CATEGORIES = ["Action Alert", "Sonoma County", "Peer Voices Now"]
FIRST_DAY = date(2015, 1, 1)

#: With its front matter, headings and links a page has about 220 words, near the median of
#: the real site's published pages (229 words), so the menu's share of a page is realistic.
PARAGRAPHS = [
    "Peer support is help from someone who has been there. People with lived experience of "
    "mental-health challenges meet as equals, share what worked for them, and learn together.",
    "The council meets every month. Anyone is welcome to come, listen, and speak when they are "
    "ready. Meetings are free, and there is always time for questions at the end.",
    "Recovery looks different for everyone. Some people find work or school; others find "
    "friends, a place to live, or a way to speak up for changes in their community.",
    "Many members first came to a meeting because a friend asked them along. Some stayed for "
    "the coffee and the company, and later found that their own story could help someone else "
    "who was going through something hard.",
    "If you would like to take part, you can come to a meeting, write to the council, or call "
    "the number at the bottom of this page. Nobody has to share anything they do not want to.",
]
STEPS = ["Come to a meeting, or ask someone to come with you.",
         "Listen first; speak when you are ready.",
         "Ask about the groups and projects that interest you."]


def page_text(title, summary, order, body_links, label=None, hide=False):
    lines = [f"Title: {title}", f"Summary: {summary}", f"Order: {order}"]
    if label:
        lines.append(f"Menu_label: {label}")
    if hide:
        lines.append("Menu: hide")
    body = "\n\n".join(PARAGRAPHS[:3])
    more = "\n\n".join(PARAGRAPHS[3:])
    steps = "\n".join(f"{n}. {step}" for n, step in enumerate(STEPS, 1))
    links = "\n".join(f"- [{text}]({href})" for text, href in body_links)
    return ("\n".join(lines) + f"\n\n{body}\n\n## Taking part\n\n{more}\n\n{steps}\n\n"
            f"## See also\n\n{links}\n")


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


#: The last section holds this share of the pages (2,000 of 5,000): a very large section, to
#: prove that its landing page stays within the page budget (its list is paginated).
LARGE_SHARE = 0.4
#: Pages in each of the other sections, at least: one more than a section's drop-down shows.
MIN_SECTION = 11


def section_sizes(pages):
    """How many pages (besides its index.md) each section gets, so the total is ``pages``: the
    last section LARGE_SHARE of them, the others an equal share of the rest."""
    # The home page, the News index and one index.md per section are pages too.
    rest = max(pages - 2 - len(SECTIONS), len(SECTIONS))
    large = max(round(pages * LARGE_SHARE), 1)
    # The other sections keep more pages than a drop-down shows (10), so every site's menu has
    # its "More in …" entries and the menu's bytes compare between sizes (bench_navigation).
    if rest - large < (len(SECTIONS) - 1) * MIN_SECTION:
        large = max(rest - (len(SECTIONS) - 1) * MIN_SECTION, 1)
    share, extra = divmod(max(rest - large, len(SECTIONS) - 1), len(SECTIONS) - 1)
    return [share + (1 if i < extra else 0) for i in range(len(SECTIONS) - 1)] + [large]


def generate(target, pages):
    """Write a site of ``pages`` Markdown pages (and pages // 10 articles) into ``target``."""
    target = Path(target)
    if target.exists():
        shutil.rmtree(target)
    write(target / "pages/index.md",
          "Title: Sonoma County Peer Council\nMenu_label: Home\n"
          "Summary: A peer-run learning community in Sonoma County.\n\n" + PARAGRAPHS[0] + "\n")
    for number, ((folder, title, label), size) in enumerate(zip(SECTIONS, section_sizes(pages), strict=True), 1):
        index = [f"Title: {title}", f"Summary: What the council offers under {title}.", f"Order: {number}"]
        if label:
            index.append(f"Menu_label: {label}")
        write(target / f"pages/{folder}/index.md", "\n".join(index) + "\n\n" + PARAGRAPHS[1] + "\n")
        for i in range(size):
            if folder == "resources" and i == 0:
                name, page_title, page_label = "emergency", "Emergency help", "Emergency"
            else:
                name, page_title, page_label = f"guide-{i:05d}", f"Guide {i:05d}", None
            neighbours = [("This section", f"/{folder}/"), ("Crisis help", "/resources/emergency/")]
            write(target / f"pages/{folder}/{name}.md", page_text(
                page_title, f"Guide number {i} in {title}.", i + 1, neighbours,
                label=page_label, hide=(i % 25 == 24)))
    write(target / "pages/news/index.md",
          f"Title: News\nSummary: News from the council.\nOrder: {len(SECTIONS) + 1}\nTemplate: news\n\n"
          + PARAGRAPHS[2] + "\n")
    for i in range(pages // 10):
        category = CATEGORIES[i % len(CATEGORIES)]
        folder = category.lower().replace(" ", "-")
        day = FIRST_DAY + timedelta(days=i)
        write(target / f"news/{folder}/post-{i:05d}.md",
              f"Title: News post {i:05d}\nDate: {day.isoformat()}\nCategory: {category}\n"
              f"Summary: News post number {i}.\n\n" + "\n\n".join(PARAGRAPHS) + "\n")
    write(target / "extra/favicon.svg", (ROOT / "content/extra/favicon.svg").read_text(encoding="utf-8"))
    return target


def count_pages(target):
    return sum(1 for _ in (Path(target) / "pages").rglob("*.md"))


if __name__ == "__main__":
    if len(sys.argv) != 3 or not sys.argv[2].isdigit():
        sys.exit(__doc__.strip().splitlines()[-1])
    folder = generate(sys.argv[1], int(sys.argv[2]))
    print(f"{folder}: {count_pages(folder)} pages, {int(sys.argv[2]) // 10} articles")
