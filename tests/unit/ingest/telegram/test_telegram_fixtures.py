"""The shared Telegram fixture gives exactly the values its README lists; the secret token checks."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from services.ingest.errors import BadSignature, MissingSignature
from services.ingest.normalized import NormalizedBatch
from services.ingest.payloads import parse_json_body
from services.ingest.platforms.telegram import normalize_telegram, verify_telegram
from shared.contracts import Platform, Source, TipEvent, TipKind, tip_id_for

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "telegram"
INGESTED_AT = datetime(2026, 9, 14, 7, 0, tzinfo=UTC)
BOT = "7012345678"
TOKEN = "tg-secret-token-Voorstad_2026"


def load() -> tuple[dict[str, Any], str]:
    body = (FIXTURES / "message_text.json").read_bytes()
    payload: dict[str, Any] = parse_json_body(body)
    return payload, hashlib.sha256(body).hexdigest()


def test_private_text_message() -> None:
    payload, digest = load()
    batch = normalize_telegram(payload, raw_sha256=digest, ingested_at=INGESTED_AT, bot_id=BOT)
    assert batch.ignored == ()
    assert batch.hydrations == ()
    (tip,) = batch.tips
    assert tip.platform is Platform.TELEGRAM
    assert tip.platform_message_id == "612345789:52"
    assert tip.tip_id == tip_id_for("telegram", "612345789:52")
    assert tip.event is TipEvent.NEW
    assert tip.kind is TipKind.DM
    assert tip.author_id == "612345789"
    assert tip.author_handle == "@estherb_vsd"
    assert tip.text == (
        "Goedemorgen, er staat al twee uur een wit busje met draaiende motor voor de ingang van basisschool De "
        "Regenboog. Twee mannen maken foto's van het schoolplein. Is dat bekend bij jullie?"
    )
    assert tip.created_at == datetime(2026, 9, 14, 6, 48, 12, tzinfo=UTC)
    assert tip.received_on == BOT
    assert tip.parent_id is None
    assert tip.attachments == ()
    assert tip.source is Source.WEBHOOK
    assert tip.raw_sha256 == digest
    assert tip.ingested_at == INGESTED_AT


def test_received_on_defaults_to_the_platform_name() -> None:
    payload, _ = load()
    assert normalize_telegram(payload, raw_sha256=None, ingested_at=INGESTED_AT).tips[0].received_on == "telegram"


def test_names_are_never_copied() -> None:
    payload, _ = load()
    dumped = normalize_telegram(payload, raw_sha256=None, ingested_at=INGESTED_AT).model_dump_json()
    assert "Esther" not in dumped
    assert "Brouwer" not in dumped


def test_batch_round_trips_through_json() -> None:
    payload, _ = load()
    batch = normalize_telegram(payload, raw_sha256=None, ingested_at=INGESTED_AT)
    assert NormalizedBatch.model_validate_json(batch.model_dump_json()) == batch


def test_secret_token_vector_verifies() -> None:
    body = (FIXTURES / "message_text.json").read_bytes()
    headers = {"x-telegram-bot-api-secret-token": TOKEN}
    assert verify_telegram(body, headers, TOKEN) == "telegram-secret-token"


def test_one_changed_byte_of_the_token_fails() -> None:
    body = (FIXTURES / "message_text.json").read_bytes()
    forged = TOKEN[:-1] + chr(ord(TOKEN[-1]) ^ 0x01)
    with pytest.raises(BadSignature, match="does not match"):
        verify_telegram(body, {"x-telegram-bot-api-secret-token": forged}, TOKEN)


@pytest.mark.parametrize("token", [TOKEN + "x", TOKEN[:-1], TOKEN.lower(), "é" + TOKEN, "\udcff"])
def test_other_tokens_fail(token: str) -> None:
    with pytest.raises(BadSignature):
        verify_telegram(b"{}", {"x-telegram-bot-api-secret-token": token}, TOKEN)


@pytest.mark.parametrize(
    "headers", [{}, {"x-telegram-bot-api-secret-token": ""}, {"X-Telegram-Bot-Api-Secret-Token": TOKEN}]
)
def test_missing_token(headers: dict[str, str]) -> None:
    # Keys are lower-case by contract: a mixed-case key is a caller bug and counts as missing.
    with pytest.raises(MissingSignature, match="X-Telegram-Bot-Api-Secret-Token"):
        verify_telegram(b"{}", headers, TOKEN)


def test_empty_secret_is_a_configuration_error() -> None:
    with pytest.raises(ValueError, match="must not be empty"):
        verify_telegram(b"{}", {"x-telegram-bot-api-secret-token": "anything"}, "")
