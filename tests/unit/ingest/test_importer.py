"""JSON Lines imports: one tip per good line, one numbered rejection per bad line."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.ingest.errors import MalformedPayload, RejectedPayload
from services.ingest.importer import iter_import_file, parse_import_line
from shared.contracts import Platform, Source, Tip, TipEvent, TipKind, tip_id_for

INGESTED_AT = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)
# The labelled dev set ships beside the repository (shared data), or inside it once vendored.
DEV_SET = next(
    (
        path
        for path in (
            Path(__file__).resolve().parents[3] / "data" / "tips-dev.jsonl",
            Path("/work/shared/data/tips-dev.jsonl"),
        )
        if path.exists()
    ),
    Path("tips-dev.jsonl"),
)
RECORD: dict[str, Any] = {
    "id": "dev-0001",
    "platform": "facebook",
    "kind": "comment",
    "received_on": "@politie_oostnederland",
    "created_at": "2026-01-03T16:29:41Z",
    "text": "Hier gaat mijn belastinggeld dus naartoe 🙄",
    "labels": {"reportable": False, "categories": []},
}


def line(**changes: Any) -> str:
    record = {**RECORD, **changes}
    return json.dumps({key: value for key, value in record.items() if value is not ...}, ensure_ascii=False)


def test_record_becomes_an_import_tip() -> None:
    tip = parse_import_line(line(), line_no=1, ingested_at=INGESTED_AT)
    assert tip.platform is Platform.FACEBOOK
    assert tip.platform_message_id == "dev-0001"
    assert tip.tip_id == tip_id_for("facebook", "dev-0001")
    assert tip.kind is TipKind.COMMENT
    assert tip.event is TipEvent.NEW
    assert tip.received_on == "@politie_oostnederland"
    assert tip.created_at == datetime(2026, 1, 3, 16, 29, 41, tzinfo=UTC)
    assert tip.text == "Hier gaat mijn belastinggeld dus naartoe 🙄"
    assert tip.source is Source.IMPORT
    assert tip.raw_sha256 is None
    assert tip.ingested_at == INGESTED_AT
    assert tip.author_id is None


def test_optional_author_and_offsets() -> None:
    tip = parse_import_line(
        line(author_id="123", author_handle="@lotte", created_at="2026-01-03T17:29:41+01:00"),
        line_no=1,
        ingested_at=INGESTED_AT,
    )
    assert (tip.author_id, tip.author_handle) == ("123", "@lotte")
    assert tip.created_at == datetime(2026, 1, 3, 16, 29, 41, tzinfo=UTC)
    assert tip.created_at.tzinfo is UTC


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("not json", "line 7: not valid JSON"),
        ("[1, 2]", "line 7: record is list, not an object"),
        (line(id=...), "line 7: missing id"),
        (line(text=..., kind=...), "line 7: missing kind, text"),
        (line(id=""), "line 7: id must be a non-empty string"),
        (line(platform="myspace"), "line 7: platform is not one of facebook, messenger"),
        (line(kind=3), "line 7: kind is not one of comment, post, dm"),
        (line(created_at="2026-01-03T16:29:41"), "line 7: created_at has no timezone"),
        (line(created_at="gisteren"), "line 7: created_at is not ISO 8601"),
        (line(created_at=1767457781), "line 7: created_at must be an ISO 8601 string"),
        (line(received_on=None), "line 7: received_on must be a non-empty string"),
        (line(author_handle=["x"]), "line 7: author_handle must be a non-empty string"),
    ],
)
def test_bad_lines_name_their_number(text: str, reason: str) -> None:
    with pytest.raises(MalformedPayload) as caught:
        parse_import_line(text, line_no=7, ingested_at=INGESTED_AT)
    assert caught.value.reason.startswith(reason)


def test_file_yields_per_line_and_skips_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    path.write_bytes(
        "\ufeff".encode()
        + line().encode()
        + b"\n\n   \n"
        + b"{broken\n"
        + b'{"id": "\xff"}\n'
        + line(id="dev-0002", platform="tiktok").encode()
    )
    results = list(iter_import_file(path, INGESTED_AT))
    assert [number for number, _ in results] == [1, 4, 5, 6]
    first, broken, undecodable, last = (outcome for _, outcome in results)
    assert isinstance(first, Tip)
    assert first.platform_message_id == "dev-0001"
    assert isinstance(broken, MalformedPayload)
    assert broken.reason.startswith("line 4:")
    assert isinstance(undecodable, MalformedPayload)
    assert undecodable.reason == "line 5: not valid UTF-8 (byte 8)"
    assert isinstance(last, Tip)
    assert last.platform is Platform.TIKTOK


@pytest.mark.skipif(not DEV_SET.exists(), reason="shared dev set not mounted")
def test_the_dev_set_imports_cleanly() -> None:
    results = list(iter_import_file(DEV_SET, INGESTED_AT))
    rejected = [(number, outcome) for number, outcome in results if isinstance(outcome, RejectedPayload)]
    assert rejected == []
    assert len(results) > 100
    assert len({outcome.tip_id for _, outcome in results if isinstance(outcome, Tip)}) == len(results)


@given(st.text(max_size=200))
def test_any_text_is_a_tip_or_a_numbered_rejection(text: str) -> None:
    outcome: Tip | MalformedPayload
    try:
        outcome = parse_import_line(text, line_no=3, ingested_at=INGESTED_AT)
    except MalformedPayload as exc:
        outcome = exc
    assert isinstance(outcome, Tip) or outcome.reason.startswith("line 3: ")
