"""Recovery-language glossary: checks the term pairs in content/data/recovery-language.yml and
makes them available to templates as ``recovery_language``. See recovery_language.py."""

from .recovery_language import register  # noqa: F401 (Pelican's plugin loader looks for register() here)
from .terms import Term, load_terms  # noqa: F401 (the glossary reader, for the tests and tools)
