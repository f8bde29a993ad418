from .fact_review import *  # noqa: F401,F403
