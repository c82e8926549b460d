"""Where each value of a JSON document starts, by JSON path, so problems can name a line.

The standard decoder forgets positions; this walks the text once with its scanner and records
the line of every object member and array item (``$.teams[3].municipalities[1]`` → 57).
"""

from __future__ import annotations

import json
import re

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_decoder = json.JSONDecoder()


def value_lines(text: str) -> dict[str, int]:
    """JSON path → 1-based line where that value starts; empty for text that is not JSON."""
    lines: dict[str, int] = {}
    try:
        _value(text, _skip(text, 0), "$", lines)
    except (ValueError, IndexError):
        return {}
    return lines


def _skip(text: str, index: int) -> int:
    match = _WHITESPACE.match(text, index)
    return match.end() if match else index


def _value(text: str, index: int, path: str, lines: dict[str, int]) -> int:
    lines[path] = text.count("\n", 0, index) + 1
    if text[index] == "{":
        return _object(text, index, path, lines)
    if text[index] == "[":
        return _array(text, index, path, lines)
    _, end = _decoder.raw_decode(text, index)
    return int(end)


def _object(text: str, index: int, path: str, lines: dict[str, int]) -> int:
    index = _skip(text, index + 1)
    while text[index] != "}":
        key, index = _decoder.raw_decode(text, index)
        index = _skip(text, _skip(text, index) + 1)  # the colon
        index = _skip(text, _value(text, index, f"{path}.{key}", lines))
        index = _skip(text, index + 1) if text[index] == "," else index
    return index + 1


def _array(text: str, index: int, path: str, lines: dict[str, int]) -> int:
    index, position = _skip(text, index + 1), 0
    while text[index] != "]":
        index = _skip(text, _value(text, index, f"{path}[{position}]", lines))
        index = _skip(text, index + 1) if text[index] == "," else index
        position += 1
    return index + 1


def line_of(lines: dict[str, int], path: str) -> int | None:
    """The line of ``path``, or of its nearest enclosing value that has one."""
    while path:
        if path in lines:
            return lines[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return None
