"""The two shared X fixtures give exactly the values their README lists, and their signatures verify."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest

from services.ingest.errors import BadSignature
from services.ingest.normalized import NormalizedBatch
from services.ingest.payloads import parse_json_body
from services.ingest.platforms.x import normalize_x, verify_x
from shared.contracts import Platform, Source, Tip, TipEvent, TipKind, tip_id_for
from tests.unit.ingest.x.support import FIXTURES, INGESTED_AT, POLICE

CONSUMER_SECRET = "test-x-consumer-secret-not-real"
OAUTH2_SECRET = "test-x-oauth2-client-secret-not-real"
VECTORS = {
    "aaa_mention_tweet_create.json": (
        "sha256=aQJphwt0alMuoUh53AeoKbHH/xDeO7ZgWxmqFX1SP9A=",
        "sha256=mgeaSTX1W9xaci3vACoWMnYjsm76Fo7ZJPRqNHv03wQ=",
    ),
    "xaa_dm_received.json": (
        "sha256=hBTwjv7QFLAIPD4aSLGpIM/zqvJwyYAFWr1mFYWBLFM=",
        "sha256=IBQHbyRfx+rDxUnW9/U86oum+Mq0oI6HgVnggmEl9fs=",
    ),
}


def normalize_file(name: str) -> tuple[NormalizedBatch, str]:
    body = (FIXTURES / name).read_bytes()
    digest = hashlib.sha256(body).hexdigest()
    return normalize_x(parse_json_body(body), raw_sha256=digest, ingested_at=INGESTED_AT), digest


def only_tip(batch: NormalizedBatch) -> Tip:
    assert batch.ignored == ()
    assert len(batch.tips) == 1
    return batch.tips[0]


def test_aaa_mention_tweet_create() -> None:
    batch, digest = normalize_file("aaa_mention_tweet_create.json")
    tip = only_tip(batch)
    assert tip.platform is Platform.X
    assert tip.platform_message_id == "2064378372683331147"
    assert tip.tip_id == tip_id_for("x", "2064378372683331147")
    assert tip.event is TipEvent.NEW
    assert tip.kind is TipKind.POST
    assert tip.author_id == "1365432109876543210"
    assert tip.author_handle == "@johanmulder76"
    assert tip.text == (
        "@PolitieVoorstad er staat al sinds zaterdag een auto met Belgisch kenteken op de "
        "invalidenparkeerplaats bij de huisartsenpost, zonder kaart."
    )
    assert tip.created_at == datetime(2026, 6, 9, 16, 5, 33, 812000, tzinfo=UTC)
    assert tip.received_on == POLICE
    assert tip.parent_id is None
    assert tip.attachments == ()
    assert tip.permalink == "https://x.com/i/web/status/2064378372683331147"
    assert tip.source is Source.WEBHOOK
    assert tip.raw_sha256 == digest
    assert tip.ingested_at == INGESTED_AT


def test_aaa_created_at_without_timestamp_ms() -> None:
    payload = parse_json_body((FIXTURES / "aaa_mention_tweet_create.json").read_bytes())
    del payload["tweet_create_events"][0]["timestamp_ms"]
    tip = only_tip(normalize_x(payload, raw_sha256=None, ingested_at=INGESTED_AT))
    assert tip.created_at == datetime(2026, 6, 9, 16, 5, 33, tzinfo=UTC)


def test_aaa_numeric_id_is_never_used() -> None:
    payload = parse_json_body((FIXTURES / "aaa_mention_tweet_create.json").read_bytes())
    del payload["tweet_create_events"][0]["id_str"]
    batch = normalize_x(payload, raw_sha256=None, ingested_at=INGESTED_AT)
    assert batch.tips == ()
    assert [(item.reason, item.platform_message_id) for item in batch.ignored] == [("malformed_item", None)]


def test_xaa_dm_received() -> None:
    batch, digest = normalize_file("xaa_dm_received.json")
    tip = only_tip(batch)
    assert tip.platform_message_id == "2073145831192869114"
    assert tip.tip_id == tip_id_for("x", "2073145831192869114")
    assert tip.event is TipEvent.NEW
    assert tip.kind is TipKind.DM
    assert tip.author_id == "1456789012345678901"
    assert tip.author_handle == "@ellen_vdmeer"
    assert tip.text == (
        "Er staat sinds gisteravond een auto met ingeslagen ruiten en zonder kentekenplaten in de bosrand "
        "achter de sportvelden. Lijkt gestolen."
    )
    assert tip.created_at == datetime(2026, 7, 3, 20, 44, 18, 56000, tzinfo=UTC)
    assert tip.received_on == POLICE
    assert tip.parent_id is None
    assert tip.permalink is None
    assert tip.raw_sha256 == digest


def test_display_names_never_survive() -> None:
    for name in ("aaa_mention_tweet_create.json", "xaa_dm_received.json"):
        dumped = normalize_file(name)[0].model_dump_json()
        assert "Johan Mulder" not in dumped
        assert "Ellen van der Meer" not in dumped


def test_tips_round_trip_through_json() -> None:
    for name in VECTORS:
        batch, _ = normalize_file(name)
        assert NormalizedBatch.model_validate_json(batch.model_dump_json()) == batch


@pytest.mark.parametrize("name", sorted(VECTORS))
def test_consumer_signature_vector(name: str) -> None:
    body = (FIXTURES / name).read_bytes()
    headers = {"x-twitter-webhooks-signature": VECTORS[name][0]}
    assert verify_x(body, headers, CONSUMER_SECRET) == "x-consumer"


@pytest.mark.parametrize("name", sorted(VECTORS))
def test_oauth2_signature_vector(name: str) -> None:
    body = (FIXTURES / name).read_bytes()
    headers = {"x-twitter-webhooks-signature-oauth2": VECTORS[name][1]}
    assert verify_x(body, headers, CONSUMER_SECRET, oauth2_secret=OAUTH2_SECRET) == "x-oauth2"
    # An OAuth 2.0-only app passes its client secret as the one secret it has.
    assert verify_x(body, headers, OAUTH2_SECRET) == "x-oauth2"


@pytest.mark.parametrize("name", sorted(VECTORS))
def test_both_vectors_together(name: str) -> None:
    body = (FIXTURES / name).read_bytes()
    consumer, oauth2 = VECTORS[name]
    headers = {"x-twitter-webhooks-signature": consumer, "x-twitter-webhooks-signature-oauth2": oauth2}
    assert verify_x(body, headers, CONSUMER_SECRET, oauth2_secret=OAUTH2_SECRET) == "x-oauth2"


@pytest.mark.parametrize("name", sorted(VECTORS))
@pytest.mark.parametrize("position", [0, 1, -2, -1])
def test_one_changed_byte_fails(name: str, position: int) -> None:
    body = bytearray((FIXTURES / name).read_bytes())
    body[position] ^= 0x01
    consumer, oauth2 = VECTORS[name]
    headers = {"x-twitter-webhooks-signature": consumer, "x-twitter-webhooks-signature-oauth2": oauth2}
    with pytest.raises(BadSignature):
        verify_x(bytes(body), headers, CONSUMER_SECRET, oauth2_secret=OAUTH2_SECRET)
