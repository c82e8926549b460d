"""Strict decoding of webhook bodies."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.ingest.errors import MalformedPayload
from services.ingest.payloads import parse_json_body

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "facebook"


def test_fixture_parses_and_unescapes_unicode() -> None:
    payload = parse_json_body((FIXTURES / "feed_batch_two_pages.json").read_bytes())
    assert payload["object"] == "page"
    assert "café" in payload["entry"][0]["changes"][0]["value"]["message"]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"\xff\xfe{}", "not valid UTF-8"),
        (b'{"a": "\xc3"}', "not valid UTF-8"),
        (b"", "not valid JSON"),
        (b"{", "not valid JSON"),
        (b'{"a": NaN}', "not valid JSON"),
        (b'{"a": Infinity}', "not valid JSON"),
        (b"\xef\xbb\xbf{}", "not valid JSON"),
        (b"[]", "list, not an object"),
        (b'"page"', "str, not an object"),
        (b"null", "NoneType, not an object"),
        (b'{"a": ' + b"1" * 5000 + b"}", "not valid JSON"),
    ],
)
def test_rejections_name_the_problem(body: bytes, reason: str) -> None:
    with pytest.raises(MalformedPayload, match=reason) as caught:
        parse_json_body(body)
    assert caught.value.status_code == 400


def test_depth_limit_is_exact() -> None:
    def nested(depth: int) -> bytes:
        return b'{"a": ' * depth + b"1" + b"}" * depth

    assert parse_json_body(nested(5), max_depth=5) is not None
    with pytest.raises(MalformedPayload, match="deeper than 5"):
        parse_json_body(nested(6), max_depth=5)


def test_lists_count_towards_depth() -> None:
    assert parse_json_body(b'{"a": [[1]]}', max_depth=3) == {"a": [[1]]}
    with pytest.raises(MalformedPayload, match="deeper than 3"):
        parse_json_body(b'{"a": [[[1]]]}', max_depth=3)


def test_nesting_beyond_the_interpreter_stack_is_rejected_not_crashed() -> None:
    body = b'{"a": ' + b"[" * 200_000 + b"]" * 200_000 + b"}"
    with pytest.raises(MalformedPayload, match="deeper than"):
        parse_json_body(body)
