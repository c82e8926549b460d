"""The shared WhatsApp fixture gives exactly the values its README lists, and its signature verifies."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from services.ingest.errors import BadSignature, MissingSignature
from services.ingest.normalized import NormalizedBatch
from services.ingest.payloads import parse_json_body
from services.ingest.platforms.whatsapp import normalize_whatsapp, verify_whatsapp
from services.ingest.signatures import sign_meta, verify_meta_signature
from shared.contracts import Platform, Source, TipEvent, TipKind, tip_id_for

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "whatsapp"
INGESTED_AT = datetime(2026, 5, 6, 12, 15, tzinfo=UTC)
SECRET = "test-meta-app-secret-not-real"
HEADER = "sha256=5ebbdc53c681eaa1202d1234a38142ae7b56d0c86414b02100367c493845abf8"
WAMID = "wamid.HBgLMzE2MTExMjIyMzMVAgASGBRFM0Q5ODlDRTgxNEJBNjA2NjBDMwA="


def test_text() -> None:
    body = (FIXTURES / "text.json").read_bytes()
    digest = hashlib.sha256(body).hexdigest()
    batch = normalize_whatsapp(parse_json_body(body), raw_sha256=digest, ingested_at=INGESTED_AT)
    assert batch.ignored == ()
    assert batch.hydrations == ()
    (tip,) = batch.tips
    assert tip.platform is Platform.WHATSAPP
    assert tip.platform_message_id == WAMID
    assert tip.tip_id == tip_id_for("whatsapp", WAMID)
    assert tip.event is TipEvent.NEW
    assert tip.kind is TipKind.DM
    assert tip.author_id == "31611122233"
    assert tip.author_handle is None  # 'Fatima Bouzid' is a display name, not a handle
    assert tip.text == (
        "Goedemiddag. Bij de bushalte op de Stationsweg ligt sinds vanochtend een rugzak die niemand ophaalt. "
        "Er staat niemand bij. Kunnen jullie even kijken?"
    )
    assert tip.created_at == datetime(2026, 5, 6, 12, 14, 52, tzinfo=UTC)
    assert tip.received_on == "110022003300440"
    assert tip.parent_id is None
    assert tip.attachments == ()
    assert tip.source is Source.WEBHOOK
    assert tip.raw_sha256 == digest
    assert tip.ingested_at == INGESTED_AT
    dumped = batch.model_dump_json()
    assert "Fatima" not in dumped
    assert "Bouzid" not in dumped
    assert NormalizedBatch.model_validate_json(dumped) == batch


def test_signature_vector_verifies() -> None:
    body = (FIXTURES / "text.json").read_bytes()
    verify_meta_signature(body, HEADER, SECRET)
    assert sign_meta(body, SECRET) == HEADER
    assert verify_whatsapp(body, {"x-hub-signature-256": HEADER}, SECRET) == "meta_sha256"


@pytest.mark.parametrize("where", [0, 0.5, -1])
def test_one_changed_byte_fails(where: float) -> None:
    body = bytearray((FIXTURES / "text.json").read_bytes())
    body[int(len(body) * where)] ^= 0x01
    with pytest.raises(BadSignature):
        verify_meta_signature(bytes(body), HEADER, SECRET)
    with pytest.raises(BadSignature):
        verify_whatsapp(bytes(body), {"x-hub-signature-256": HEADER}, SECRET)


def test_missing_header_is_401() -> None:
    with pytest.raises(MissingSignature) as caught:
        verify_whatsapp((FIXTURES / "text.json").read_bytes(), {}, SECRET)
    assert caught.value.status_code == 401


def test_upper_case_header_key_is_not_looked_up() -> None:
    # The contract is lower-case keys; a caller that forgets to fold them gets a clear 401, not a pass.
    with pytest.raises(MissingSignature):
        verify_whatsapp((FIXTURES / "text.json").read_bytes(), {"X-Hub-Signature-256": HEADER}, SECRET)
