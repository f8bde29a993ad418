"""``python -m front_matter`` (from the repository root): print the table of front-matter
fields that CONTRIBUTING.md shows, made from the one list in fields.py."""

from pelicanconf import CATEGORY_SUMMARIES, LANGUAGES

from .fields import markdown_table

print(markdown_table(list(CATEGORY_SUMMARIES), list(LANGUAGES)))
