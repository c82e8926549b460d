"""The two shared Facebook fixtures give exactly the values their README lists."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

from services.ingest.normalized import NormalizedBatch
from services.ingest.payloads import parse_json_body
from services.ingest.platforms.facebook import normalize_facebook
from shared.contracts import Platform, Source, Tip, TipEvent, TipKind, tip_id_for

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "facebook"
INGESTED_AT = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)


def normalize_file(name: str) -> tuple[NormalizedBatch, str]:
    body = (FIXTURES / name).read_bytes()
    digest = hashlib.sha256(body).hexdigest()
    return normalize_facebook(parse_json_body(body), raw_sha256=digest, ingested_at=INGESTED_AT), digest


def only_tip(batch: NormalizedBatch) -> Tip:
    assert batch.ignored == ()
    assert len(batch.tips) == 1
    return batch.tips[0]


def test_feed_comment_add() -> None:
    batch, digest = normalize_file("feed_comment_add.json")
    tip = only_tip(batch)
    assert tip.platform is Platform.FACEBOOK
    assert tip.platform_message_id == "122187645093218765_1402958374610293"
    assert tip.tip_id == tip_id_for("facebook", "122187645093218765_1402958374610293")
    assert tip.event is TipEvent.NEW
    assert tip.kind is TipKind.COMMENT
    assert tip.author_id == "8123456789012345"
    assert tip.author_handle is None
    assert tip.text == (
        "Elke ochtend staan er auto's dubbel geparkeerd voor basisschool De Regenboog aan de Lindelaan. "
        "Vandaag moest een kind tussen twee auto's door oversteken. Kunnen jullie hier rond 8:15 eens komen kijken?"
    )
    assert tip.created_at == datetime(2026, 3, 11, 7, 42, 18, tzinfo=UTC)
    assert tip.received_on == "104857600123456"
    assert tip.parent_id == "104857600123456_122187645093218765"
    assert tip.attachments == ()
    assert tip.permalink is None
    assert tip.source is Source.WEBHOOK
    assert tip.raw_sha256 == digest
    assert tip.ingested_at == INGESTED_AT


def test_feed_comment_never_carries_the_display_name() -> None:
    batch, _ = normalize_file("feed_comment_add.json")
    assert "Sanne" not in batch.model_dump_json()


def test_messenger_text() -> None:
    batch, digest = normalize_file("messenger_text.json")
    tip = only_tip(batch)
    mid = "m_GbdSpe-xsLw0PFeOUKeSZ3Zzc5diJtCiVquq42Gq4V0hXwXaGTZbJj1QI_e_cmAIHpkd2FecIKhy8B4znXNPfX"
    assert tip.platform is Platform.MESSENGER
    assert tip.platform_message_id == mid
    assert tip.tip_id == tip_id_for("messenger", mid)
    assert tip.event is TipEvent.NEW
    assert tip.kind is TipKind.DM
    assert tip.author_id == "7651234098761234"
    assert tip.author_handle is None
    assert tip.text == (
        "Goedenavond, mijn buurman aan de Kastanjelaan wordt al een uur bedreigd door een groep jongens voor zijn "
        "deur. Ze gooien nu met stenen naar zijn raam. Moet ik 112 bellen of kunnen jullie iemand sturen?"
    )
    assert tip.created_at == datetime(2026, 3, 14, 19, 32, 5, 431000, tzinfo=UTC)
    assert tip.received_on == "104857600123456"
    assert tip.parent_id is None
    assert tip.raw_sha256 == digest


def test_tips_round_trip_through_json() -> None:
    for name in ("feed_comment_add.json", "messenger_text.json"):
        batch, _ = normalize_file(name)
        assert NormalizedBatch.model_validate_json(batch.model_dump_json()) == batch
