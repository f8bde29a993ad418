from .build_report import register  # noqa: F401 (Pelican's plugin loader looks for register() here)
