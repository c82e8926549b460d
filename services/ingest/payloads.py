"""Decoding a webhook body safely, the same way for every platform."""

from __future__ import annotations

import json
from typing import Any

from services.ingest.errors import MalformedPayload


def parse_json_body(body: bytes, max_depth: int = 32) -> Any:
    """Decode a webhook body as strict UTF-8 JSON with an object at the top, or raise MalformedPayload."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise MalformedPayload(f"body is not valid UTF-8 (byte {exc.start})") from exc
    try:
        payload = json.loads(text, parse_constant=_reject_constant)
    except RecursionError as exc:
        raise MalformedPayload(f"JSON nesting deeper than {max_depth} levels") from exc
    except ValueError as exc:  # JSONDecodeError, our NaN refusal, and over-long integer literals
        raise MalformedPayload(f"body is not valid JSON: {exc}") from exc
    if not isinstance(payload, dict):
        raise MalformedPayload(f"top-level JSON value is {type(payload).__name__}, not an object")
    if _depth_exceeds(payload, max_depth):
        raise MalformedPayload(f"JSON nesting deeper than {max_depth} levels")
    return payload


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _depth_exceeds(value: object, max_depth: int) -> bool:
    # Iterative, so an adversarial body cannot exhaust the interpreter stack here either.
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else None
        if children is None:
            continue
        if depth > max_depth:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False
