"""The project's base exception: every error gongkai raises on purpose is a GongkaiError.

Messages are in Chinese and tell the user what to do; callers (the web app, the CLI) may show them as
they are.
"""

from __future__ import annotations

__all__ = ["GongkaiError"]


class GongkaiError(Exception):
    """An error gongkai raises deliberately, with a message meant for the user."""
