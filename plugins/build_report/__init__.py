from .build_report import register  # noqa: F401
