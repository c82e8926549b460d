"""The shared Instagram fixtures give exactly the values their README lists, and their signatures verify."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from services.ingest.errors import BadSignature, MissingSignature
from services.ingest.normalized import NormalizedBatch
from services.ingest.payloads import parse_json_body
from services.ingest.platforms.instagram import normalize_instagram, verify_instagram
from services.ingest.signatures import sign_meta, verify_meta_signature
from shared.contracts import Platform, Source, Tip, TipEvent, TipKind, tip_id_for

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "instagram"
INGESTED_AT = datetime(2026, 4, 6, 12, 0, tzinfo=UTC)
SECRET = "test-meta-app-secret-not-real"
VECTORS = {
    "comment.json": "sha256=3761468fb028903bbd83c028a73dee696586480a4e0a6515915d0c5502befe5a",
    "dm_text.json": "sha256=8e4f474c572e5854f27bc71d23ddd95f387705d6098036a87009300d35feddf2",
}
DM_MID = (
    "aWdfbWVzc2FnZV9pdGVtOjE6SUdNZXNzYWdlVGhyZWFkOjE3ODQxNDAwMDAwMDEyMzQ1Ojk2NTU1NDIwMDI2MjgyODYy"
    "MzMwODEwNjAzNTM1NDYxNzM1NTU1"
)


def normalize_file(name: str) -> tuple[NormalizedBatch, str]:
    body = (FIXTURES / name).read_bytes()
    digest = hashlib.sha256(body).hexdigest()
    return normalize_instagram(parse_json_body(body), raw_sha256=digest, ingested_at=INGESTED_AT), digest


def only_tip(batch: NormalizedBatch) -> Tip:
    assert batch.ignored == ()
    assert batch.hydrations == ()
    assert len(batch.tips) == 1
    return batch.tips[0]


def test_comment() -> None:
    batch, digest = normalize_file("comment.json")
    tip = only_tip(batch)
    assert tip.platform is Platform.INSTAGRAM
    assert tip.platform_message_id == "17912345678901234"
    assert tip.tip_id == tip_id_for("instagram", "17912345678901234")
    assert tip.event is TipEvent.NEW
    assert tip.kind is TipKind.COMMENT
    assert tip.author_id == "1789001234567890"
    assert tip.author_handle == "lotte.vaartwijk"
    assert tip.text == (
        "Langs het fietspad bij de Vaart worden 's avonds fietsers lastiggevallen door een groep op scooters. "
        "Mijn dochter werd gisteren bijna van haar fiets geduwd. Graag meer controle!"
    )
    # No creation time in a comment webhook: entry.time (epoch seconds) is the best there is.
    assert tip.created_at == datetime(2026, 4, 2, 18, 25, 13, tzinfo=UTC)
    assert tip.received_on == "17841400000012345"
    assert tip.parent_id == "18072345678901234"  # top-level: the media it was written on
    assert tip.attachments == ()
    assert tip.source is Source.WEBHOOK
    assert tip.raw_sha256 == digest
    assert tip.ingested_at == INGESTED_AT


def test_dm_text() -> None:
    batch, digest = normalize_file("dm_text.json")
    tip = only_tip(batch)
    assert tip.platform is Platform.INSTAGRAM
    assert tip.platform_message_id == DM_MID
    assert tip.tip_id == tip_id_for("instagram", DM_MID)
    assert tip.event is TipEvent.NEW
    assert tip.kind is TipKind.DM
    assert tip.author_id == "6789012345678901"
    assert tip.author_handle is None
    assert tip.text == (
        "Hoi, ik wil anoniem iets melden. In de garagebox naast nummer 22 aan het Wilgenplein wordt volgens mij "
        "gedeald. Elke avond rond 22:00 stoppen er steeds andere auto's heel kort."
    )
    assert tip.created_at == datetime(2026, 4, 5, 21, 58, 33, 655000, tzinfo=UTC)
    assert tip.received_on == "17841400000012345"
    assert tip.parent_id is None
    assert tip.raw_sha256 == digest


def test_tips_round_trip_through_json() -> None:
    for name in VECTORS:
        batch, _ = normalize_file(name)
        assert NormalizedBatch.model_validate_json(batch.model_dump_json()) == batch


@pytest.mark.parametrize(("name", "header"), VECTORS.items())
def test_signature_vectors_verify(name: str, header: str) -> None:
    body = (FIXTURES / name).read_bytes()
    verify_meta_signature(body, header, SECRET)
    assert sign_meta(body, SECRET) == header
    assert verify_instagram(body, {"x-hub-signature-256": header}, SECRET) == "meta_sha256"


@pytest.mark.parametrize(("name", "header"), VECTORS.items())
@pytest.mark.parametrize("where", [0, 0.5, -1])
def test_one_changed_byte_fails(name: str, header: str, where: float) -> None:
    body = bytearray((FIXTURES / name).read_bytes())
    body[int(len(body) * where)] ^= 0x01
    with pytest.raises(BadSignature):
        verify_meta_signature(bytes(body), header, SECRET)
    with pytest.raises(BadSignature):
        verify_instagram(bytes(body), {"x-hub-signature-256": header}, SECRET)


def test_missing_header_is_401() -> None:
    body = (FIXTURES / "comment.json").read_bytes()
    with pytest.raises(MissingSignature) as caught:
        verify_instagram(body, {"content-type": "application/json"}, SECRET)
    assert caught.value.status_code == 401


def test_wrong_secret_fails() -> None:
    body = (FIXTURES / "dm_text.json").read_bytes()
    with pytest.raises(BadSignature):
        verify_instagram(body, {"x-hub-signature-256": VECTORS["dm_text.json"]}, SECRET + "x")
