from .nested_navigation import *  # noqa: F401,F403
