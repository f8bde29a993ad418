from .nested_navigation import *  # noqa: F403 (Pelican's plugin loader looks for register() here)
