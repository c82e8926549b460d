"""WhatsApp deliveries beyond the shared fixture: every message type, statuses, batches, BSUIDs, edits, revokes."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from services.ingest.errors import MalformedPayload, UnsupportedPayload
from services.ingest.normalized import Ignored, NormalizedBatch
from services.ingest.payloads import parse_json_body
from services.ingest.platforms.whatsapp import normalize_whatsapp
from shared.contracts import Attachment, Source, Tip, TipEvent, TipKind, tip_id_for

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "whatsapp"
INGESTED_AT = datetime(2026, 5, 6, 12, 30, tzinfo=UTC)
NUMBER = "110022003300440"
PHONE = "31611122233"
ORIGINAL = "wamid.HBgLMzE2MTExMjIyMzMVAgASGBRFM0Q5ODlDRTgxNEJBNjA2NjBDMwA="
SENT_AT = datetime.fromtimestamp(1778069702, UTC)


def wamid(n: int) -> str:
    return f"wamid.HBgLMzE2MTExMjIyMzMVAgASGBQzQUFCQ0RFRjAxMjM0NTY3ODk{n:03d}A="


def load(name: str) -> dict[str, Any]:
    payload: dict[str, Any] = parse_json_body((FIXTURES / name).read_bytes())
    return payload


def normalize(payload: dict[str, Any]) -> NormalizedBatch:
    return normalize_whatsapp(payload, raw_sha256="cd" * 32, ingested_at=INGESTED_AT)


def tips_by_id(name: str) -> dict[str, Tip]:
    batch = normalize(load(name))
    assert batch.ignored == ()
    return {tip.platform_message_id: tip for tip in batch.tips}


def test_media_ids_become_attachments_and_captions_text() -> None:
    tips = tips_by_id("media_types.json")
    assert [(t.attachments[0].type, t.attachments[0].platform_id, t.text) for t in tips.values()] == [
        ("image", "1357924680135792", None),
        ("video", "2468013579246801", "Hier zie je hoe ze de deur van het fietsenhok openbreken."),
        ("document", "3579135791357913", "Foto's van de schade, zie pdf"),
        ("audio", "4680246802468024", None),
        ("sticker", "5791357913579135", None),
    ]
    image = tips[wamid(1)].attachments[0]
    assert image.url is not None
    assert image.url.startswith("https://lookaside.fbsbx.com/whatsapp_business/attachments/")
    assert all(t.kind is TipKind.DM and t.received_on == NUMBER and t.created_at == SENT_AT for t in tips.values())


def test_location_keeps_coordinates_in_the_attachment_only() -> None:
    tips = tips_by_id("location.json")
    named = tips[wamid(6)]
    assert named.text == "Station Voorstad, Stationsplein 1, Voorstad"
    assert named.attachments == (Attachment(type="location", url="geo:52.0907374,5.1214201"),)
    bare = tips[wamid(7)]
    assert bare.text is None
    assert bare.attachments == (Attachment(type="location", url="geo:52.1,5.2"),)


def test_contact_cards_interactive_and_button_replies() -> None:
    batch = normalize(load("contacts_and_replies.json"))
    tips = {t.platform_message_id: t for t in batch.tips}
    assert tips[wamid(8)].text is None
    assert tips[wamid(8)].attachments == (Attachment(type="contact"),)
    assert "Kees" not in batch.model_dump_json()  # a third party's card is not copied
    assert "31699988877" not in batch.model_dump_json()
    assert (tips[wamid(9)].text, tips[wamid(9)].parent_id) == ("Ja, het gebeurt nu", wamid(900))
    assert (tips[wamid(10)].text, tips[wamid(10)].parent_id) == ("Verkeersoverlast", wamid(901))
    assert (tips[wamid(11)].text, tips[wamid(11)].parent_id) == ("Melding maken", wamid(902))


def test_reactions_system_and_unsupported_are_ignored() -> None:
    batch = normalize(load("not_messages.json"))
    assert batch.tips == ()
    assert [(i.platform_message_id, i.reason) for i in batch.ignored] == [
        (wamid(12), "reaction"),
        (wamid(13), "system_message"),
        (wamid(14), "unsupported_message"),
        (wamid(15), "unsupported_message"),
    ]
    assert "'edit'" in batch.ignored[2].detail  # an edit Cloud API cannot represent yet


def test_statuses_are_ignored() -> None:
    batch = normalize(load("statuses.json"))
    assert batch.tips == ()
    assert [(i.platform_message_id, i.reason, i.detail) for i in batch.ignored] == [
        (wamid(100), "status", "message status 'sent'"),
        (wamid(101), "status", "message status 'delivered'"),
        (wamid(102), "status", "message status 'read'"),
        (wamid(103), "status", "message status 'failed'"),
    ]


def test_edit_and_revoke_apply_to_the_original_message() -> None:
    edit, revoke = normalize(load("revoke_and_edit.json")).tips
    assert (edit.event, edit.platform_message_id) == (TipEvent.EDIT, ORIGINAL)
    assert edit.tip_id == tip_id_for("whatsapp", ORIGINAL)
    assert edit.text is not None
    assert "zwarte rugzak" in edit.text
    assert (revoke.event, revoke.platform_message_id, revoke.text) == (TipEvent.DELETE, ORIGINAL, None)
    assert revoke.created_at == datetime.fromtimestamp(1778069692 + 600, UTC)


def test_reply_context_is_the_parent_and_forwarded_flag_is_harmless() -> None:
    tips = tips_by_id("reply_forwarded.json")
    assert tips[wamid(18)].parent_id == ORIGINAL
    assert tips[wamid(19)].parent_id is None
    assert tips[wamid(19)].text is not None


def test_username_only_sender_is_keyed_on_the_bsuid() -> None:
    batch = normalize(load("username_only.json"))
    (tip,) = batch.tips
    assert tip.author_id == "NL.8837261546273849201"
    assert tip.author_handle == "wijkwacht_noord"
    assert "Anoniem" not in batch.model_dump_json()


def test_bsuid_is_preferred_over_the_phone_number() -> None:
    (tip,) = normalize(load("bsuid_with_phone.json")).tips
    assert tip.author_id == "NL.1029384756102938475"
    assert tip.author_handle is None


def test_empty_phone_without_any_id_leaves_the_author_unknown() -> None:
    payload = load("username_only.json")
    value = payload["entry"][0]["changes"][0]["value"]
    del value["messages"][0]["from_user_id"]
    del value["contacts"][0]["user_id"]
    (tip,) = normalize(payload).tips
    assert tip.author_id is None  # never an empty string


def test_batch_keeps_every_entry_change_and_number() -> None:
    batch = normalize(load("batch_two_entries.json"))
    assert [(t.platform_message_id, t.received_on, t.author_id) for t in batch.tips] == [
        (wamid(30), NUMBER, PHONE),
        (wamid(31), NUMBER, PHONE),
        (wamid(32), "110022003300999", "31644455566"),
        (wamid(33), "110022003300777", "31655566677"),
    ]
    assert [(i.platform_message_id, i.reason) for i in batch.ignored] == [(wamid(104), "status")]


def test_business_app_echoes_are_ignored() -> None:
    batch = normalize(load("smb_message_echoes.json"))
    assert batch.tips == ()
    assert [(i.platform_message_id, i.reason) for i in batch.ignored] == [(wamid(40), "own_account_echo")]


def test_message_from_our_own_number_is_ignored() -> None:
    payload = load("text.json")
    payload["entry"][0]["changes"][0]["value"]["messages"][0]["from"] = "31850001234"
    (item,) = normalize(payload).ignored
    assert item.reason == "own_account_echo"


def test_one_bad_item_never_costs_the_others() -> None:
    batch = normalize(load("malformed_mixed.json"))
    assert [t.platform_message_id for t in batch.tips] == [wamid(50)]
    assert [(i.platform_message_id, i.reason) for i in batch.ignored] == [
        (None, "malformed_item"),
        (wamid(51), "malformed_item"),
        (wamid(52), "malformed_item"),
        (wamid(53), "malformed_item"),
        (None, "malformed_item"),
        (wamid(54), "malformed_item"),
        (None, "malformed_item"),
        (None, "malformed_item"),
    ]


def test_empty_text_is_ignored() -> None:
    payload = load("text.json")
    payload["entry"][0]["changes"][0]["value"]["messages"][0]["text"]["body"] = ""
    (item,) = normalize(payload).ignored
    assert item == Ignored(platform_message_id=ORIGINAL, reason="empty_message", detail=item.detail)


def test_other_change_fields_are_unsupported_items() -> None:
    payload = load("statuses.json")
    payload["entry"][0]["changes"][0]["field"] = "message_template_status_update"
    (item,) = normalize(payload).ignored
    assert item.reason == "unsupported_item"


def test_source_is_kept() -> None:
    (tip,) = normalize_whatsapp(load("text.json"), raw_sha256=None, ingested_at=INGESTED_AT, source=Source.IMPORT).tips
    assert tip.source is Source.IMPORT


@pytest.mark.parametrize("obj", ["page", "instagram", None, ["whatsapp_business_account"]])
def test_other_objects_are_unsupported(obj: object) -> None:
    with pytest.raises(UnsupportedPayload):
        normalize({"object": obj, "entry": []})


def test_entry_must_be_a_list() -> None:
    with pytest.raises(MalformedPayload):
        normalize({"object": "whatsapp_business_account"})
