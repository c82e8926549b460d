"""The shared TikTok fixtures give exactly the values their README lists; the signature vectors verify."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from services.ingest.errors import BadSignature, MissingSignature
from services.ingest.normalized import Hydration, NormalizedBatch
from services.ingest.payloads import parse_json_body
from services.ingest.platforms.tiktok import normalize_tiktok, parse_tiktok_comment_list, sign_tiktok, verify_tiktok
from shared.contracts import Platform, Source, TipEvent, TipKind, tip_id_for

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "tiktok"
INGESTED_AT = datetime(2026, 8, 6, 9, 0, tzinfo=UTC)
ACCOUNT = "-000PvL7tVoorstadBizAcct01Xq"
SECRET = "test-tiktok-client-secret-not-real"
VECTORS = {
    "business_comment_update_insert.json": (
        1785698812,
        "t=1785698812,s=d2d80028c66670fc893055d5fed4c2fee66d89d5522ecad68bbf2c244236f45d",
    ),
    "business_dm_receive_non_eu.json": (
        1785943368,
        "t=1785943368,s=9065e69105b802ea7653b5848600e2aa5053a8a1a78b4bcacc5317ad92d10612",
    ),
}


def load(name: str) -> tuple[dict[str, Any], str]:
    body = (FIXTURES / name).read_bytes()
    payload: dict[str, Any] = parse_json_body(body)
    return payload, hashlib.sha256(body).hexdigest()


def test_comment_update_insert_is_an_empty_tip_and_a_fetch() -> None:
    payload, digest = load("business_comment_update_insert.json")
    batch = normalize_tiktok(payload, raw_sha256=digest, ingested_at=INGESTED_AT)
    assert batch.ignored == ()
    (tip,) = batch.tips
    assert tip.platform is Platform.TIKTOK
    assert tip.platform_message_id == "7669517996328858162"  # exact: above 2^53, never through float
    assert tip.tip_id == tip_id_for("tiktok", "7669517996328858162")
    assert tip.event is TipEvent.NEW
    assert tip.kind is TipKind.COMMENT
    assert tip.text is None
    assert tip.author_id == "TTuniq_7c1e9a0b55d24f3e"
    assert tip.author_handle is None
    assert tip.created_at == datetime(2026, 8, 2, 19, 26, 51, 233000, tzinfo=UTC)
    assert tip.received_on == ACCOUNT
    assert tip.received_on != payload["client_key"]
    assert tip.parent_id == "7669109068319516071"
    assert tip.source is Source.WEBHOOK
    assert tip.raw_sha256 == digest
    assert tip.ingested_at == INGESTED_AT
    assert batch.hydrations == (
        Hydration(
            platform="tiktok",
            kind="tiktok_comment",
            tip_id=tip.tip_id,
            params={"video_id": "7669109068319516071", "comment_id": "7669517996328858162", "account": ACCOUNT},
        ),
    )


def test_dm_receive_non_eu() -> None:
    payload, digest = load("business_dm_receive_non_eu.json")
    batch = normalize_tiktok(payload, raw_sha256=digest, ingested_at=INGESTED_AT)
    assert batch.ignored == ()
    assert batch.hydrations == ()
    (tip,) = batch.tips
    assert tip.platform_message_id == "msg_7400000000000000123"
    assert tip.tip_id == tip_id_for("tiktok", "msg_7400000000000000123")
    assert tip.kind is TipKind.DM
    assert tip.event is TipEvent.NEW
    assert tip.author_id == "7d3e5f7a9b1c2d4e6f8a0b2c4d6e8f0a"
    assert tip.author_handle == "@sem.abroad"
    assert tip.text == (
        "Hallo, ik zit nu in het buitenland maar mijn zus belde net: bij de skatebaan in het Westpark laten een "
        "paar jongens messen zien. Kunnen jullie gaan kijken?"
    )
    assert tip.created_at == datetime(2026, 8, 5, 15, 22, 47, 310000, tzinfo=UTC)
    assert tip.received_on == ACCOUNT
    assert tip.parent_id == "conv_7400000000000000001"
    assert tip.attachments == ()


def test_comment_list_response_hydrates_the_same_tip() -> None:
    response, digest = load("business_comment_list_response.json")
    batch = parse_tiktok_comment_list(response, account=ACCOUNT, ingested_at=INGESTED_AT, raw_sha256=digest)
    assert batch.ignored == ()
    (tip,) = batch.tips
    assert tip.platform_message_id == "7669517996328858162"
    assert (
        tip.tip_id
        == normalize_tiktok(load("business_comment_update_insert.json")[0], raw_sha256=None, ingested_at=INGESTED_AT)
        .tips[0]
        .tip_id
    )
    assert tip.author_id == "9f2c4a7e1b3d5f60a8c2e4b6d8f0a1c3"
    assert tip.author_handle == "@noor.westpark"
    assert tip.text == (
        "Bij winkelcentrum De Hoven wordt 's avonds door jongeren met vuurwerk naar voorbijgangers gegooid. "
        "Gisteren raakte een pijl bijna een vrouw met een kinderwagen."
    )
    assert tip.created_at == datetime(2026, 8, 2, 19, 26, 51, tzinfo=UTC)
    assert tip.received_on == ACCOUNT
    assert tip.parent_id == "7669109068319516071"
    assert tip.kind is TipKind.COMMENT
    assert tip.source is Source.POLL
    assert tip.raw_sha256 == digest


def test_display_names_are_never_copied() -> None:
    response, _ = load("business_comment_list_response.json")
    batch = parse_tiktok_comment_list(response, account=ACCOUNT, ingested_at=INGESTED_AT, raw_sha256=None)
    assert '"Noor"' not in batch.model_dump_json()
    assert "fakeavatar" not in batch.model_dump_json()


@pytest.mark.parametrize("name", sorted(VECTORS))
def test_signature_vectors_verify(name: str) -> None:
    body = (FIXTURES / name).read_bytes()
    stamp, header = VECTORS[name]
    now = datetime.fromtimestamp(stamp, UTC) + timedelta(seconds=30)
    assert verify_tiktok(body, {"tiktok-signature": header}, SECRET, now=now) == "tiktok-hmac-sha256"
    assert sign_tiktok(body, SECRET, stamp) == header


@pytest.mark.parametrize("name", sorted(VECTORS))
def test_one_changed_byte_fails(name: str) -> None:
    body = bytearray((FIXTURES / name).read_bytes())
    stamp, header = VECTORS[name]
    body[len(body) // 2] ^= 0x01
    with pytest.raises(BadSignature, match="does not match"):
        verify_tiktok(bytes(body), {"tiktok-signature": header}, SECRET, now=datetime.fromtimestamp(stamp, UTC))


def test_a_changed_timestamp_fails_because_it_is_signed() -> None:
    body = (FIXTURES / "business_comment_update_insert.json").read_bytes()
    stamp, header = VECTORS["business_comment_update_insert.json"]
    forged = header.replace(f"t={stamp}", f"t={stamp + 1}")
    with pytest.raises(BadSignature, match="does not match"):
        verify_tiktok(body, {"tiktok-signature": forged}, SECRET, now=datetime.fromtimestamp(stamp, UTC))


@pytest.mark.parametrize("offset", [301, -301, 86400])
def test_replay_outside_the_window_is_refused(offset: int) -> None:
    body = (FIXTURES / "business_comment_update_insert.json").read_bytes()
    stamp, header = VECTORS["business_comment_update_insert.json"]
    now = datetime.fromtimestamp(stamp + offset, UTC)
    with pytest.raises(BadSignature, match="replay window"):
        verify_tiktok(body, {"tiktok-signature": header}, SECRET, now=now)


def test_tolerance_is_configurable() -> None:
    body = (FIXTURES / "business_comment_update_insert.json").read_bytes()
    stamp, header = VECTORS["business_comment_update_insert.json"]
    now = datetime.fromtimestamp(stamp + 10, UTC)
    assert verify_tiktok(body, {"tiktok-signature": header}, SECRET, now=now, tolerance_seconds=10)
    with pytest.raises(BadSignature, match="±5s replay window"):
        verify_tiktok(body, {"tiktok-signature": header}, SECRET, now=now, tolerance_seconds=5)


def test_wrong_secret_fails() -> None:
    body = (FIXTURES / "business_comment_update_insert.json").read_bytes()
    stamp, header = VECTORS["business_comment_update_insert.json"]
    with pytest.raises(BadSignature):
        verify_tiktok(body, {"tiktok-signature": header}, "another-secret", now=datetime.fromtimestamp(stamp, UTC))


@pytest.mark.parametrize("headers", [{}, {"tiktok-signature": ""}, {"tiktok-signature": "  "}])
def test_missing_header(headers: dict[str, str]) -> None:
    with pytest.raises(MissingSignature, match="TikTok-Signature"):
        verify_tiktok(b"{}", headers, SECRET)


@pytest.mark.parametrize(
    "header",
    [
        "s=" + "0" * 64,
        "t=1785698812",
        "t=1785698812,s=xyz",
        "t=abc,s=" + "0" * 64,
        "t=1,t=2,s=" + "0" * 64,
        "sha256=" + "0" * 64,
    ],
)
def test_malformed_header(header: str) -> None:
    with pytest.raises(BadSignature, match="not of the form"):
        verify_tiktok(b"{}", {"tiktok-signature": header}, SECRET)


def test_empty_secret_is_a_configuration_error() -> None:
    with pytest.raises(ValueError, match="must not be empty"):
        verify_tiktok(b"{}", {"tiktok-signature": "t=1,s=" + "0" * 64}, "")


def test_batches_round_trip_through_json() -> None:
    for name in VECTORS:
        batch = normalize_tiktok(load(name)[0], raw_sha256=None, ingested_at=INGESTED_AT)
        assert NormalizedBatch.model_validate_json(batch.model_dump_json()) == batch
