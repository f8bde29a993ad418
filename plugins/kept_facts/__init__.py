from .kept_facts import *  # noqa: F403 (Pelican's plugin loader looks for register() here)
