"""The API's JSON parser, bounded: a body nested deeper than any of the API's own is refused with 400."""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_JSON_DEPTH = 32  # no request body of the API nests deeper than a few levels


def _depth(value: Any) -> int:
    """How deeply lists and objects nest in a parsed JSON value (iterative: no recursion limit)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            stack.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


class BoundedJSONParser(JSONParser):
    """JSON bodies nested beyond MAX_JSON_DEPTH are refused with 400 (Python's parser would overflow its stack)."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        message = f"JSON 嵌套层数过多（上限 {MAX_JSON_DEPTH} 层）。"
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(message) from None
        if _depth(data) > MAX_JSON_DEPTH:
            raise ParseError(message)
        return data
