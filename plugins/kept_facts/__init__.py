from .kept_facts import *  # noqa: F401,F403
