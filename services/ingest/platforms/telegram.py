"""Telegram Bot API: the webhook secret token, and Updates (webhook or ``getUpdates``) to tips.

Shapes follow https://core.telegram.org/bots/api (Update, Message, BusinessMessagesDeleted,
setWebhook, getUpdates); see ``shared/fixtures/platforms/FORMATS.md`` section 8.

Decisions:

* ``platform_message_id`` is ``"<chat.id>:<message_id>"`` because message ids are unique only
  per chat; ``received_on`` is the bot the webhook or poller belongs to (the Update never says).
* Private chats are ``dm``; groups and supergroups are ``comment`` (a public-ish conversation the
  bot was added to). Channel posts are ignored: only a channel's admins can post there, so they
  are the police's own broadcasts, never citizens' messages.
* Business messages (a police Telegram Business account with the bot connected) are tips like
  private messages; in a private chat ``chat.id`` is the other person, so a message whose sender
  differs from the chat is the account's own reply and is ignored. ``deleted_business_messages``
  becomes delete tombstones (Telegram reports no deletes of ordinary messages to bots).
* Messages from bots, messages posted on behalf of a chat (anonymous admins, linked channels) and
  service messages are ignored with a reason; so are callbacks, reactions and membership changes.
* A shared location becomes an attachment with a ``geo:`` URI (RFC 5870). Display names and
  contact cards are never copied.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from services.ingest.errors import BadSignature, MalformedPayload, MissingSignature, UnsupportedPayload
from services.ingest.normalized import Ignored, NormalizedBatch
from services.ingest.platforms.fields import ItemError as _ItemError
from services.ingest.platforms.fields import dict_of as _dict
from services.ingest.platforms.fields import text_of as _text
from shared.contracts import Attachment, Platform, Source, Tip, TipEvent, TipKind, tip_id_for

SIGNATURE_SCHEME = "telegram-secret-token"
_HEADER = "x-telegram-bot-api-secret-token"

# Update field -> (event, business connection?)
_MESSAGE_UPDATES = {
    "message": (TipEvent.NEW, False),
    "edited_message": (TipEvent.EDIT, False),
    "business_message": (TipEvent.NEW, True),
    "edited_business_message": (TipEvent.EDIT, True),
}
_IGNORED_UPDATES = {
    "channel_post": "channel_post",
    "edited_channel_post": "channel_post",
    "callback_query": "callback_query",
    "inline_query": "inline_query",
    "chosen_inline_result": "inline_query",
    "message_reaction": "reaction",
    "message_reaction_count": "reaction",
    "my_chat_member": "membership_change",
    "chat_member": "membership_change",
    "chat_join_request": "membership_change",
    "poll": "poll",
    "poll_answer": "poll",
    "shipping_query": "payment",
    "pre_checkout_query": "payment",
    "purchased_paid_media": "payment",
    "chat_boost": "chat_boost",
    "removed_chat_boost": "chat_boost",
    "business_connection": "business_connection",
}
_CHAT_KINDS = {"private": TipKind.DM, "group": TipKind.COMMENT, "supergroup": TipKind.COMMENT}
_FILE_KEYS = ("video", "animation", "document", "voice", "audio", "video_note", "sticker")
# Content that is not a citizen's words or evidence we can store as an attachment.
_UNSUPPORTED_CONTENT = ("contact", "poll", "dice", "game", "story", "invoice", "giveaway", "paid_media")
_SERVICE_KEYS = frozenset(
    {
        "new_chat_members", "left_chat_member", "new_chat_title", "new_chat_photo", "delete_chat_photo",
        "group_chat_created", "supergroup_chat_created", "channel_chat_created",
        "message_auto_delete_timer_changed", "migrate_to_chat_id", "migrate_from_chat_id", "pinned_message",
        "successful_payment", "refunded_payment", "users_shared", "chat_shared", "connected_website",
        "write_access_allowed", "passport_data", "proximity_alert_triggered", "boost_added",
        "chat_background_set", "forum_topic_created", "forum_topic_edited", "forum_topic_closed",
        "forum_topic_reopened", "general_forum_topic_hidden", "general_forum_topic_unhidden",
        "giveaway_created", "giveaway_winners", "giveaway_completed", "video_chat_scheduled",
        "video_chat_started", "video_chat_ended", "video_chat_participants_invited", "web_app_data",
        "gift", "unique_gift", "paid_message_price_changed", "checklist_tasks_done", "checklist_tasks_added",
        "direct_message_price_changed",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Context:
    """What every update of one payload shares."""

    bot_id: str
    raw_sha256: str | None
    ingested_at: datetime
    source: Source


# --- authenticity -----------------------------------------------------------------------------


def verify_telegram(body: bytes, headers: Mapping[str, str], secret: str, *, now: datetime | None = None) -> str:
    """Check ``X-Telegram-Bot-Api-Secret-Token`` against the webhook's ``secret_token`` in constant time."""
    if not secret:
        raise ValueError("the Telegram secret_token must not be empty")  # it would accept every request
    token = headers.get(_HEADER)
    if not token:
        raise MissingSignature("X-Telegram-Bot-Api-Secret-Token header is missing")
    # Telegram signs nothing: the body and the time play no part, only the shared token does.
    if not hmac.compare_digest(token.encode("utf-8", "surrogatepass"), secret.encode()):
        raise BadSignature("X-Telegram-Bot-Api-Secret-Token does not match the configured secret_token")
    return SIGNATURE_SCHEME


# --- updates ----------------------------------------------------------------------------------


def normalize_telegram(
    payload: dict[str, Any],
    *,
    raw_sha256: str | None,
    ingested_at: datetime,
    source: Source = Source.WEBHOOK,
    bot_id: str = "telegram",
) -> NormalizedBatch:
    """Turn one Update or a ``getUpdates`` response into tips and ignored items; raise only RejectedPayload."""
    if ingested_at.tzinfo is None:
        raise ValueError("ingested_at must be timezone-aware")  # a caller bug, not a payload problem
    if not bot_id:
        raise ValueError("bot_id must not be empty")
    ctx = _Context(bot_id, raw_sha256, ingested_at, source)
    results = [r for update in _updates(payload) for r in _guarded(update, ctx)]
    return NormalizedBatch.of(results)


def _updates(payload: object) -> list[Any]:
    if not isinstance(payload, dict):
        raise MalformedPayload("payload is not a JSON object")
    if "ok" in payload:
        return _get_updates_result(payload)
    if "update_id" in payload:
        return [payload]
    raise UnsupportedPayload("neither a Telegram Update (update_id) nor a getUpdates response (ok)")


def _get_updates_result(payload: dict[str, Any]) -> list[Any]:
    if payload["ok"] is False:
        description = payload.get("description")
        text = description[:200] if isinstance(description, str) and description.isprintable() else "no description"
        raise UnsupportedPayload(f"getUpdates failed: {text}")
    result = payload.get("result")
    if payload["ok"] is not True or not isinstance(result, list):
        raise MalformedPayload("getUpdates response needs ok: true and a 'result' list")
    return result


def _guarded(update: object, ctx: _Context) -> list[Tip | Ignored]:
    try:
        return list(_update(_dict(update, "update"), ctx))
    except _ItemError as exc:
        return [_ignored(_guess_id(update), "malformed_item", str(exc))]
    except ValidationError as exc:
        # Only field locations: the error text itself would echo the citizen's input.
        fields = ", ".join(".".join(map(str, err["loc"])) for err in exc.errors())
        return [_ignored(_guess_id(update), "malformed_item", f"invalid {fields}")]


def _update(update: dict[str, Any], ctx: _Context) -> Iterator[Tip | Ignored]:
    for key, (event, business) in _MESSAGE_UPDATES.items():
        if key in update:
            yield _message(_dict(update[key], key), ctx, event, business=business)
            return
    if "deleted_business_messages" in update:
        yield from _deleted(_dict(update["deleted_business_messages"], "deleted_business_messages"), ctx)
        return
    for key, reason in _IGNORED_UPDATES.items():
        if key in update:
            yield _ignored(_guess_id(update), reason, f"update {key}")
            return
    kinds = sorted(_label(k) for k in update if k != "update_id")[:5]
    yield _ignored(None, "unsupported_item", f"update {','.join(kinds) or 'empty'}")


# --- messages ---------------------------------------------------------------------------------


def _message(message: dict[str, Any], ctx: _Context, event: TipEvent, *, business: bool) -> Tip | Ignored:
    chat = _dict(message.get("chat"), "chat")
    chat_id = _int_id(chat.get("id"), "chat.id")
    message_id = f"{chat_id}:{_int_id(message.get('message_id'), 'message_id')}"
    kind = _chat_kind(chat)
    if kind is None:
        reason = "channel_post" if chat.get("type") == "channel" else "unsupported_item"
        return _ignored(message_id, reason, f"chat type {_label(chat.get('type'))}")
    skipped = _skip_reason(message, chat_id, business=business)
    if skipped is not None:
        return _ignored(message_id, *skipped)
    sender = _dict(message.get("from"), "from")
    text = _text(message.get("text"), "text") or _text(message.get("caption"), "caption")
    attachments = _attachments(message)
    if text is None and not attachments:
        found = [key for key in _UNSUPPORTED_CONTENT if key in message]
        return _ignored(message_id, "unsupported_content", f"message without text or media {found[:3]}")
    stamp = message.get("edit_date") if event is TipEvent.EDIT else None
    return _tip(
        ctx,
        message_id,
        event=event,
        kind=kind,
        author_id=_int_id(sender.get("id"), "from.id"),
        author_handle=_handle(sender.get("username")),
        text=text,
        created_at=_epoch(stamp if stamp is not None else message.get("date")),
        parent_id=_reply_parent(message.get("reply_to_message"), chat_id),
        attachments=attachments,
    )


def _skip_reason(message: dict[str, Any], chat_id: str, *, business: bool) -> tuple[str, str] | None:
    sender = message.get("from")
    if "sender_chat" in message:
        return "sent_as_chat", "message posted on behalf of a chat (anonymous admin or channel)"
    if isinstance(sender, dict) and sender.get("is_bot") is True:
        return "bot_message", "message written by a bot"
    if business and ("sender_business_bot" in message or _opt_int_id(_dict(sender, "from").get("id")) != chat_id):
        return "own_account_message", "business account's own message in its chat"
    service = sorted(_SERVICE_KEYS.intersection(message))
    if service:
        return "service_message", f"service message {service[0]}"
    return None


def _deleted(deleted: dict[str, Any], ctx: _Context) -> Iterator[Tip | Ignored]:
    chat = _dict(deleted.get("chat"), "chat")
    chat_id = _int_id(chat.get("id"), "chat.id")
    ids = deleted.get("message_ids")
    if not isinstance(ids, list):
        raise _ItemError("deleted_business_messages.message_ids is not a list")
    if not ids:
        yield _ignored(None, "empty_deletion", "deleted_business_messages without message ids")
        return
    kind = _chat_kind(chat) or TipKind.DM  # business chats are private chats
    for raw in ids:
        found = _opt_int_id(raw)
        if found is None:
            yield _ignored(None, "malformed_item", "deleted message id is not an integer")
            continue
        # Telegram gives no deletion time; the tombstone carries when we learnt of it.
        yield _tip(ctx, f"{chat_id}:{found}", event=TipEvent.DELETE, kind=kind, created_at=ctx.ingested_at)


def _attachments(message: dict[str, Any]) -> tuple[Attachment, ...]:
    found: list[Attachment] = []
    photo = message.get("photo")
    if isinstance(photo, list) and photo:
        found.append(_file("photo", photo[-1]))  # sizes come smallest first; keep the largest
    for key in _FILE_KEYS:
        # An animation also fills `document` for old clients: one attachment, not two.
        if key in message and not (key == "document" and "animation" in message):
            found.append(_file(key, message[key]))
    location = message.get("location")
    if isinstance(location, dict):
        found.append(_location(location))
    return tuple(found)


def _file(key: str, raw: object) -> Attachment:
    file_id = _dict(raw, key).get("file_id")
    if not isinstance(file_id, str) or not file_id:
        raise _ItemError(f"{key}.file_id is missing or not a string")
    return Attachment(type=key, platform_id=file_id)


def _location(location: dict[str, Any]) -> Attachment:
    lat, lon = location.get("latitude"), location.get("longitude")
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lat, lon)):
        raise _ItemError("location needs numeric latitude and longitude")
    return Attachment(type="location", url=f"geo:{lat},{lon}")


def _reply_parent(reply: object, chat_id: str) -> str | None:
    if not isinstance(reply, dict):
        return None
    found = _opt_int_id(reply.get("message_id"))
    return f"{chat_id}:{found}" if found is not None else None


# --- small typed getters ----------------------------------------------------------------------


def _tip(ctx: _Context, platform_message_id: str, **fields: Any) -> Tip:
    return Tip(
        tip_id=tip_id_for(Platform.TELEGRAM, platform_message_id),
        platform=Platform.TELEGRAM,
        platform_message_id=platform_message_id,
        received_on=ctx.bot_id,
        source=ctx.source,
        raw_sha256=ctx.raw_sha256,
        ingested_at=ctx.ingested_at,
        **fields,
    )


def _ignored(message_id: str | None, reason: str, detail: str) -> Ignored:
    return Ignored(platform_message_id=message_id, reason=reason, detail=detail)


def _chat_kind(chat: dict[str, Any]) -> TipKind | None:
    chat_type = chat.get("type")
    return _CHAT_KINDS.get(chat_type) if isinstance(chat_type, str) else None


def _guess_id(update: object) -> str | None:
    """``chat:message`` of whatever message an update is about, for the record of an ignored update."""
    if not isinstance(update, dict):
        return None
    for value in update.values():
        inner = value.get("message") if isinstance(value, dict) and "chat" not in value else value
        if isinstance(inner, dict) and isinstance(inner.get("chat"), dict):
            chat_id = _opt_int_id(inner["chat"].get("id"))
            message_id = _opt_int_id(inner.get("message_id"))
            if chat_id is not None and message_id is not None:
                return f"{chat_id}:{message_id}"
    return None


def _int_id(value: object, what: str) -> str:
    found = _opt_int_id(value)
    if found is None:
        raise _ItemError(f"{what} is missing or not an integer")
    return found


def _opt_int_id(value: object) -> str | None:
    # Telegram ids are integers (chat ids up to 52 bits, negative for groups); kept as strings.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _handle(value: object) -> str | None:
    return f"@{value}" if isinstance(value, str) and value else None


def _epoch(value: object) -> datetime:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _ItemError("date is missing or not an integer")
    try:
        return datetime.fromtimestamp(value, tz=UTC)
    except (OverflowError, OSError, ValueError) as exc:
        raise _ItemError("date is out of range") from exc


def _label(value: object) -> str:
    # Keys and names from the payload go into reasons and logs: keep them short.
    if isinstance(value, str) and len(value) <= 40 and value.isprintable():
        return value
    return f"<{type(value).__name__}>"
