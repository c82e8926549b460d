"""X deliveries beyond the two shared fixtures: batches, edits, deletes, own posts, DMs, notices, v2 responses."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.ingest.errors import MalformedPayload, UnsupportedPayload
from services.ingest.platforms.x import normalize_x
from shared.contracts import Attachment, Source, TipEvent, TipKind, tip_id_for
from tests.unit.ingest.x.support import INGESTED_AT, POLICE, load, normalize, only_ignored

POLICE_POST = "2064300000000000001"


def test_aaa_batch_keeps_every_item_with_its_outcome() -> None:
    batch = normalize(load("aaa_tweet_batch.json"))
    assert [(t.platform_message_id, t.event, t.kind) for t in batch.tips] == [
        ("2064381111111111111", TipEvent.NEW, TipKind.COMMENT),
        ("2064384444444444444", TipEvent.NEW, TipKind.COMMENT),
        ("2064385555555555555", TipEvent.NEW, TipKind.POST),
        ("2064378372683331147", TipEvent.EDIT, TipKind.POST),
    ]
    assert [(i.platform_message_id, i.reason) for i in batch.ignored] == [
        ("2064382222222222222", "own_account_post"),
        ("2064383333333333333", "repost"),
        (None, "malformed_item"),
    ]
    assert {t.received_on for t in batch.tips} == {POLICE}


def test_aaa_reply_to_police_post_is_a_comment_on_it() -> None:
    tip = normalize(load("aaa_tweet_batch.json")).tips[0]
    assert tip.parent_id == POLICE_POST
    assert tip.author_handle == "@sannejansen_vs"
    assert tip.created_at == datetime(2026, 6, 9, 16, 17, 12, 500000, tzinfo=UTC)


def test_aaa_quote_of_police_post_is_a_comment_with_the_quoted_parent() -> None:
    tip = normalize(load("aaa_tweet_batch.json")).tips[1]
    assert tip.parent_id == POLICE_POST
    assert tip.text is not None
    assert tip.text.startswith("Eindelijk! Op de Molenweg")


def test_aaa_truncated_post_uses_full_text_and_media() -> None:
    tip = normalize(load("aaa_tweet_batch.json")).tips[2]
    assert tip.text is not None
    assert tip.text.endswith("Kunnen jullie hier extra surveilleren?")
    assert "…" not in tip.text
    assert tip.attachments == (
        Attachment(
            type="photo",
            url="https://pbs.twimg.com/media/GbXq1aWXoAAz9kT.jpg",
            platform_id="2064385500000000001",
        ),
    )


def test_aaa_edit_updates_the_original_tip() -> None:
    edit = normalize(load("aaa_tweet_batch.json")).tips[3]
    original = normalize(load("aaa_mention_tweet_create.json")).tips[0]
    assert edit.tip_id == original.tip_id
    assert edit.text is not None
    assert edit.text.endswith("Kenteken 1-ABC-234.")
    assert edit.permalink == "https://x.com/i/web/status/2064386666666666666"


def test_aaa_mention_from_blocked_author_is_ignored() -> None:
    item = only_ignored(normalize(load("aaa_mention_blocked.json")))
    assert (item.platform_message_id, item.reason) == ("2064388888888888888", "blocked_author")


def test_aaa_mention_with_user_has_blocked_false_string_is_kept() -> None:
    payload = load("aaa_mention_blocked.json")
    payload["user_has_blocked"] = "false"
    (tip,) = normalize(payload).tips
    assert tip.platform_message_id == "2064388888888888888"


def test_aaa_tweet_delete_is_a_tombstone_and_own_delete_is_ignored() -> None:
    batch = normalize(load("aaa_tweet_delete.json"))
    (tip,) = batch.tips
    assert tip.event is TipEvent.DELETE
    assert tip.platform_message_id == "2064381111111111111"
    assert tip.tip_id == tip_id_for("x", "2064381111111111111")
    assert tip.text is None
    assert tip.author_id == "1398765432109876543"
    assert tip.created_at == datetime(2026, 6, 9, 17, 10, 0, 123000, tzinfo=UTC)
    assert [(i.platform_message_id, i.reason) for i in batch.ignored] == [("2064382222222222222", "own_account_post")]


def test_aaa_direct_messages() -> None:
    batch = normalize(load("aaa_direct_messages.json"))
    (tip,) = batch.tips
    assert tip.kind is TipKind.DM
    assert tip.platform_message_id == "2073140000000000001"
    assert tip.author_id == "1456789012345678901"
    assert tip.author_handle == "@ellen_vdmeer"
    assert tip.created_at == datetime(2026, 7, 3, 20, 20, 0, 250000, tzinfo=UTC)
    assert tip.attachments == (
        Attachment(
            type="photo",
            url="https://ton.twitter.com/1.1/ton/data/dm/2073140000000000001/2073139999999999999/AbCdEf12.jpg",
            platform_id="2073139999999999999",
        ),
    )
    assert [(i.platform_message_id, i.reason) for i in batch.ignored] == [
        ("2073140000000000002", "own_account_dm"),
        ("2073140000000000003", "empty_message"),
    ]
    assert "Ellen van der Meer" not in batch.model_dump_json()


@pytest.mark.parametrize(
    ("name", "reason", "message_id"),
    [
        ("aaa_favorite.json", "reaction", "a7ba59eab0bfcba386f7acedac279542"),
        ("aaa_follow.json", "follow_event", None),
        ("aaa_typing.json", "typing_indicator", None),
        ("aaa_mark_read.json", "read_receipt", None),
        ("aaa_user_event_revoke.json", "app_revoked", None),
        ("aaa_replay_job_status.json", "replay_status", None),
        ("xaa_dm_sent.json", "own_account_dm", "2073146000000000001"),
        ("xaa_chat_received.json", "encrypted_chat", "e4f4d3fc-8bbf-4928-92eb-e5058d6bb6f6"),
        ("xaa_post_delete.json", "own_account_post", "2080761269309813134"),
        ("xaa_profile_update_bio.json", "profile_update", None),
        ("xaa_like_create.json", "reaction", "87719f50ee17bdfa06a3089098a2b9ed"),
        ("xaa_oauth_revoke.json", "app_revoked", None),
        ("v2_compliance_tweet_edit.json", "compliance_event", "2064390000000000002"),
        ("v2_stream_error.json", "api_error", None),
    ],
)
def test_non_messages_are_ignored_with_a_reason(name: str, reason: str, message_id: str | None) -> None:
    item = only_ignored(normalize(load(name), account_id=POLICE))
    assert item.reason == reason
    assert item.platform_message_id == message_id


def test_encrypted_chat_says_why() -> None:
    item = only_ignored(normalize(load("xaa_chat_received.json")))
    assert "XChat keys" in item.detail
    assert "CwAB" not in item.detail


def test_xaa_mention_is_a_comment_on_the_police_thread() -> None:
    (tip,) = normalize(load("xaa_post_mention_create.json")).tips
    assert tip.platform_message_id == "2080765813578191303"
    assert tip.kind is TipKind.COMMENT
    assert tip.parent_id == "2080765000000000001"
    assert tip.received_on == POLICE
    assert tip.author_id == "2222222222222222222"
    assert tip.author_handle == "@nachtwacht_vs"
    assert tip.created_at == datetime(2026, 7, 24, 21, 23, 23, tzinfo=UTC)


def test_xaa_delete_of_a_citizen_post_is_a_tombstone() -> None:
    payload = load("xaa_post_delete.json")
    payload["data"]["payload"]["author_id"] = "1398765432109876543"
    (tip,) = normalize(payload).tips
    assert tip.event is TipEvent.DELETE
    assert tip.platform_message_id == "2080761269309813134"
    assert tip.created_at == INGESTED_AT  # post.delete carries no time


def test_v2_recent_search() -> None:
    batch = normalize(load("v2_recent_search.json"), account_id=POLICE)
    by_id = {t.platform_message_id: t for t in batch.tips}
    assert list(by_id) == ["2064390000000000001", "2064390000000000000", "2064390000000000003", "2064391234567890123"]
    assert [(i.platform_message_id, i.reason) for i in batch.ignored] == [
        ("2064390000000000004", "repost"),
        ("2064390000000000005", "own_account_post"),
    ]
    reply = by_id["2064390000000000001"]
    assert (reply.kind, reply.parent_id, reply.author_handle) == (TipKind.COMMENT, POLICE_POST, "@sannejansen_vs")
    assert reply.attachments == (
        Attachment(
            type="photo", url="https://pbs.twimg.com/media/GbXr2bYXsAA1q2w.jpg", platform_id="3_2064389999999999999"
        ),
    )
    assert {t.received_on for t in batch.tips} == {POLICE}
    assert "Sanne Jansen" not in batch.model_dump_json()


def test_v2_edited_post_updates_the_first_id_of_its_history() -> None:
    tip = normalize(load("v2_recent_search.json"), account_id=POLICE).tips[1]
    assert tip.event is TipEvent.EDIT
    assert tip.platform_message_id == "2064390000000000000"
    assert tip.tip_id == tip_id_for("x", "2064390000000000000")
    assert tip.permalink == "https://x.com/i/web/status/2064390000000000002"


def test_v2_long_post_uses_note_tweet_text() -> None:
    tip = normalize(load("v2_recent_search.json"), account_id=POLICE).tips[2]
    assert tip.text is not None
    assert tip.text.endswith("Graag handhaving in het weekend.")
    assert tip.author_handle == "@buurtapp_haven"


def test_v2_missing_created_at_comes_from_the_snowflake_id() -> None:
    tip = normalize(load("v2_recent_search.json"), account_id=POLICE).tips[3]
    assert tip.created_at == datetime(2026, 6, 9, 16, 56, 39, 512000, tzinfo=UTC)


def test_v2_without_account_id_is_received_on_x() -> None:
    batch = normalize(load("v2_recent_search.json"))
    assert {t.received_on for t in batch.tips} == {"x"}
    # Without the account the police's own post cannot be recognised: the poller must pass account_id.
    assert "2064390000000000005" in {t.platform_message_id for t in batch.tips}


def test_v2_filtered_stream_quote_of_police_post() -> None:
    (tip,) = normalize(load("v2_filtered_stream_quote.json"), account_id=POLICE).tips
    assert (tip.kind, tip.parent_id, tip.author_handle) == (TipKind.COMMENT, POLICE_POST, "@keesdeboer")


def test_v2_compliance_delete_is_a_tombstone() -> None:
    (tip,) = normalize(load("v2_compliance_delete.json"), account_id=POLICE).tips
    assert tip.event is TipEvent.DELETE
    assert tip.platform_message_id == "2064390000000000001"
    assert tip.text is None
    assert tip.created_at == datetime(2026, 6, 9, 18, 34, 56, 789000, tzinfo=UTC)


def test_v2_dm_events() -> None:
    batch = normalize(load("v2_dm_events.json"), account_id=POLICE)
    (tip,) = batch.tips
    assert (tip.kind, tip.platform_message_id, tip.author_handle) == (
        TipKind.DM,
        "2073150000000000003",
        "@ellen_vdmeer",
    )
    assert [(i.platform_message_id, i.reason) for i in batch.ignored] == [
        ("2073150000000000002", "own_account_dm"),
        ("2073150000000000001", "dm_participants"),
    ]


def test_v2_empty_search_is_an_empty_batch() -> None:
    batch = normalize(load("v2_search_empty.json"))
    assert (batch.tips, batch.ignored) == ((), ())


def test_poll_source_is_kept() -> None:
    batch = normalize_x(load("v2_recent_search.json"), raw_sha256=None, ingested_at=INGESTED_AT, source=Source.POLL)
    assert {t.source for t in batch.tips} == {Source.POLL}


def test_non_string_numeric_ids_are_refused_per_item() -> None:
    payload = load("v2_recent_search.json")
    payload["data"][0]["id"] = 2064390000000000001
    batch = normalize(payload, account_id=POLICE)
    assert "2064390000000000001" not in {t.platform_message_id for t in batch.tips}
    assert batch.ignored[0].reason == "malformed_item"


@pytest.mark.parametrize(
    ("payload", "error"),
    [
        ({"object": "page", "entry": []}, UnsupportedPayload),
        ({}, UnsupportedPayload),
        ({"for_user_id": 1587654321098765432, "tweet_create_events": []}, MalformedPayload),
        ({"tweet_create_events": []}, MalformedPayload),
        ({"data": {"event_uuid": "1", "filter": {}, "payload": {}}}, MalformedPayload),
        ({"data": "nope"}, MalformedPayload),
    ],
)
def test_envelope_errors_reject_the_payload(payload: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        normalize(dict(payload))


def test_unknown_aaa_array_is_reported() -> None:
    item = only_ignored(normalize({"for_user_id": POLICE, "spaces_start_events": [{}]}))
    assert item.reason == "unsupported_item"


def test_naive_ingested_at_is_a_caller_bug() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        normalize_x(load("v2_search_empty.json"), raw_sha256=None, ingested_at=datetime(2026, 1, 1))  # noqa: DTZ001
