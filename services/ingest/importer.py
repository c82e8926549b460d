"""JSON Lines and CSV exports (the fields of ``data/tips-dev.jsonl``) to tips, one record at a time.

A bad line is reported with its number and the file goes on: an import of 100,000 lines should
not fail on line 73,012.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from services.ingest.errors import MalformedPayload, RejectedPayload
from shared.contracts import Platform, Source, Tip, TipKind, tip_id_for

_E = TypeVar("_E", Platform, TipKind)

_REQUIRED = ("id", "platform", "kind", "received_on", "created_at", "text")
_OPTIONAL_STRINGS = ("author_id", "author_handle", "parent_id", "permalink")


def parse_import_line(line: str, *, line_no: int, ingested_at: datetime) -> Tip:
    """Parse one JSON Lines record into a Tip, or raise MalformedPayload naming the line."""
    try:
        return _record_to_tip(_load(line), ingested_at)
    except MalformedPayload as exc:
        raise MalformedPayload(f"line {line_no}: {exc.reason}") from exc


def iter_import_file(path: Path, ingested_at: datetime) -> Iterator[tuple[int, Tip | RejectedPayload]]:
    """Yield ``(line number, tip or rejection)`` for every record of a JSON Lines or CSV file."""
    if path.suffix.lower() == ".csv":
        yield from _iter_csv(path, ingested_at)
        return
    with path.open("rb") as handle:
        for line_no, raw in enumerate(handle, start=1):
            try:
                line = _decode(raw, line_no)
                if not line.strip():
                    continue
                yield line_no, parse_import_line(line, line_no=line_no, ingested_at=ingested_at)
            except RejectedPayload as exc:
                yield line_no, exc


def _iter_csv(path: Path, ingested_at: datetime) -> Iterator[tuple[int, Tip | RejectedPayload]]:
    """CSV with a header row naming the same fields; the line number is the record's first line."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [name for name in _REQUIRED if name not in (reader.fieldnames or [])]
        if missing:
            yield 1, MalformedPayload(f"line 1: CSV header lacks {', '.join(missing)}")
            return
        line_no = reader.line_num + 1
        for row in reader:
            record = {key: value for key, value in row.items() if key is not None and value not in (None, "")}
            try:
                yield line_no, _record_to_tip(record, ingested_at)
            except MalformedPayload as exc:
                yield line_no, MalformedPayload(f"line {line_no}: {exc.reason}")
            line_no = reader.line_num + 1


def _decode(raw: bytes, line_no: int) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise MalformedPayload(f"line {line_no}: not valid UTF-8 (byte {exc.start})") from exc
    # Spreadsheet tools like to start an export with a byte-order mark.
    return text.removeprefix("\ufeff") if line_no == 1 else text


def _load(line: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except (ValueError, RecursionError) as exc:
        raise MalformedPayload(f"not valid JSON ({type(exc).__name__})") from exc
    if not isinstance(record, dict):
        raise MalformedPayload(f"record is {type(record).__name__}, not an object")
    missing = [key for key in _REQUIRED if key not in record]
    if missing:
        raise MalformedPayload(f"missing {', '.join(missing)}")
    return record


def _record_to_tip(record: dict[str, Any], ingested_at: datetime) -> Tip:
    message_id = _string(record, "id")
    platform = _enum(Platform, record, "platform")
    try:
        return Tip(
            tip_id=tip_id_for(platform, message_id),
            platform=platform,
            platform_message_id=message_id,
            kind=_enum(TipKind, record, "kind"),
            received_on=_string(record, "received_on"),
            text=_optional_string(record, "text"),
            created_at=_timestamp(record, "created_at"),
            source=Source.IMPORT,
            ingested_at=ingested_at,
            **{key: _optional_string(record, key) for key in _OPTIONAL_STRINGS},
        )
    except ValidationError as exc:
        # Field names only: pydantic's message would repeat the reporter's text.
        fields = ", ".join(".".join(map(str, err["loc"])) for err in exc.errors())
        raise MalformedPayload(f"invalid {fields}") from exc


def _string(record: dict[str, Any], key: str) -> str:
    value = record.get(key)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str) or not value.strip():
        raise MalformedPayload(f"{key} must be a non-empty string")
    return value


def _optional_string(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    return _string(record, key)


def _enum(enum: type[_E], record: dict[str, Any], key: str) -> _E:
    members = {member.value: member for member in enum}
    value = record.get(key)
    if isinstance(value, str) and value in members:
        return members[value]
    raise MalformedPayload(f"{key} is not one of {', '.join(members)}")


def _timestamp(record: dict[str, Any], key: str) -> datetime:
    value = record.get(key)
    if not isinstance(value, str):
        raise MalformedPayload(f"{key} must be an ISO 8601 string")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise MalformedPayload(f"{key} is not ISO 8601") from exc
    if parsed.tzinfo is None:
        raise MalformedPayload(f"{key} has no timezone")
    return parsed
