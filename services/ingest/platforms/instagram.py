"""Instagram webhooks (``object: "instagram"``): comments, mentions and DMs to tips.

Shapes follow Meta's Webhooks reference for the Instagram object (``comments``, ``live_comments``,
``mentions``), the Instagram Platform webhook notification examples and the Instagram messaging
webhook fields (``messages``, ``message_reactions``, ``messaging_seen``, ``messaging_postbacks``,
``messaging_referral``, ``standby``); see ``shared/fixtures/platforms/FORMATS.md`` section 4.
Every entry and every item of a batched POST ends as a ``Tip``, an ``Ignored`` with a reason or a
``Hydration``; one bad item never costs the others.

Decisions:
- Comments arrive either as ``entry[].changes[]`` or with ``field``/``value`` directly on the
  entry (Business Login for Instagram); both are read, and so are messaging events that arrive
  as a ``changes[]`` item (the dashboard's test sends them that way).
- A comment's ``parent_id`` is the comment it replies to, else the media it was written on (as
  Facebook's ``parent_id`` is the post for a top-level comment).
- A ``mentions`` notification carries only ids, so it becomes a ``Hydration`` (kind
  ``instagram_mention``) unless a ``text`` is present.
- ``entry.time`` is seconds for comments but milliseconds for messaging, so epoch values are read
  by magnitude.
- Meta documents ``message_edit`` for Messenger; Instagram uses the same envelope, so the same
  event is read here as an edit (unverified for Instagram).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from services.ingest.normalized import Hydration, Ignored, NormalizedBatch
from services.ingest.platforms.fields import ItemError as _ItemError
from services.ingest.platforms.fields import dict_of as _dict
from services.ingest.platforms.fields import id_of as _id
from services.ingest.platforms.fields import label as _label
from services.ingest.platforms.fields import meta_entries
from services.ingest.platforms.fields import opt_id as _opt_id
from services.ingest.platforms.fields import opt_str as _opt_str
from services.ingest.platforms.fields import text_of as _text
from services.ingest.signatures import verify_meta_signature
from shared.contracts import Attachment, Platform, Source, Tip, TipEvent, TipKind, tip_id_for

SIGNATURE_HEADER = "x-hub-signature-256"
_COMMENT_FIELDS = frozenset({"comments", "live_comments"})
_MESSAGING_FIELDS = frozenset(
    {"messages", "message_reactions", "messaging_seen", "messaging_postbacks", "messaging_referral", "message_edit"}
)
# Checked in this order: an event carries exactly one of these beside sender/recipient/timestamp.
_NOT_MESSAGES = {
    "read": "read_receipt",
    "delivery": "delivery_receipt",
    "reaction": "reaction",
    "postback": "postback",
    "referral": "referral",
    "optin": "optin",
    "pass_thread_control": "handover",
    "take_thread_control": "handover",
    "request_thread_control": "handover",
}
_ENVELOPE_KEYS = frozenset({"sender", "recipient", "timestamp"})
_MILLIS_FROM = 10**11  # epoch seconds reach 10**11 only in the year 5138


@dataclass(frozen=True, slots=True)
class _Entry:
    """What every item of one ``entry[]`` shares."""

    account_id: str
    time: object
    raw_sha256: str | None
    ingested_at: datetime
    source: Source


_Result = Tip | Ignored | Hydration
_Handler = Callable[[Any, _Entry], _Result]


def verify_instagram(body: bytes, headers: Mapping[str, str], secret: str, *, now: datetime | None = None) -> str:
    """Check Meta's ``X-Hub-Signature-256`` over the raw body; return the scheme name or raise."""
    del now  # Meta signs no timestamp, so there is no replay window to check
    verify_meta_signature(body, headers.get(SIGNATURE_HEADER), secret)
    return "meta_sha256"


def normalize_instagram(
    payload: dict[str, Any],
    *,
    raw_sha256: str | None,
    ingested_at: datetime,
    source: Source = Source.WEBHOOK,
) -> NormalizedBatch:
    """Turn one Instagram webhook payload into tips, ignored items and fetches; raise only RejectedPayload."""
    entries = meta_entries(payload, "instagram", "an Instagram webhook", ingested_at)
    results = [r for entry in entries for r in _entry_results(entry, raw_sha256, ingested_at, source)]
    return NormalizedBatch.of(results)


# --- entries and the guard around each item -------------------------------------------------


def _entry_results(entry: object, raw_sha256: str | None, ingested_at: datetime, source: Source) -> Iterator[_Result]:
    if not isinstance(entry, dict):
        yield _ignored(None, "malformed_item", "entry is not an object")
        return
    try:
        ctx = _Entry(_id(entry.get("id"), "entry.id"), entry.get("time"), raw_sha256, ingested_at, source)
    except _ItemError as exc:
        yield _ignored(None, "malformed_item", str(exc))
        return
    results: list[_Result] = []
    for key, handler in (("changes", _change), ("messaging", _messaging), ("standby", _messaging)):
        if key in entry:
            results.extend(_items(entry[key], key, handler, ctx))
    if "field" in entry:  # Business Login for Instagram: one change directly on the entry
        results.append(_guarded(_change, entry, ctx))
    # Every entry leaves a trace, even one whose lists are empty.
    yield from results or [_ignored(None, "unsupported_item", "entry has no changes, field or messaging")]


def _items(items: object, key: str, handler: _Handler, ctx: _Entry) -> Iterator[_Result]:
    if not isinstance(items, list):
        yield _ignored(None, "malformed_item", f"entry.{key} is not a list")
        return
    for item in items:
        yield _guarded(handler, item, ctx)


def _guarded(handler: _Handler, item: object, ctx: _Entry) -> _Result:
    try:
        return handler(item, ctx)
    except _ItemError as exc:
        return _ignored(_guess_id(item), "malformed_item", str(exc))
    except ValidationError as exc:
        # Only field locations: the error text itself would echo the citizen's input.
        fields = ", ".join(".".join(map(str, err["loc"])) for err in exc.errors())
        return _ignored(_guess_id(item), "malformed_item", f"invalid {fields}")


def _guess_id(item: object) -> str | None:
    if not isinstance(item, dict):
        return None
    for outer in ("value", "message", "message_edit"):
        inner = item.get(outer)
        if isinstance(inner, dict):
            found = _opt_id(inner.get("id")) or _opt_id(inner.get("mid")) or _opt_id(inner.get("comment_id"))
            if found is not None:
                return found
    return None


# --- changes: comments, live comments, mentions ---------------------------------------------


def _change(item: object, ctx: _Entry) -> _Result:
    change = _dict(item, "change")
    field = _opt_str(change.get("field"))  # a list or object here must not reach a set lookup
    if field in _COMMENT_FIELDS:
        return _comment(_dict(change.get("value"), "change.value"), ctx)
    if field == "mentions":
        return _mention(_dict(change.get("value"), "change.value"), ctx)
    if field in _MESSAGING_FIELDS:
        return _messaging(change.get("value"), ctx)
    return _ignored(None, "unsupported_item", f"change field {_label(change.get('field'))}")


def _comment(value: dict[str, Any], ctx: _Entry) -> Tip | Ignored:
    comment_id = _id(value.get("id"), "value.id")
    # `from` can be absent for some permission levels; the comment id is enough to keep it.
    sender = {} if value.get("from") is None else _dict(value.get("from"), "value.from")
    author_id = None if not sender else _id(sender.get("id"), "value.from.id")
    # Our own replies: the account's id, or the self-scoped id Meta adds when the account comments itself.
    if author_id == ctx.account_id or _opt_id(sender.get("self_ig_scoped_id")) is not None:
        return _ignored(comment_id, "own_account_comment", "comment written by the account itself")
    text = _text(value.get("text"), "value.text")
    if text is None:
        return _ignored(comment_id, "empty_message", "comment has no text")
    media = value.get("media")
    media_id = _opt_id(media.get("id")) if isinstance(media, dict) else None
    return _tip(
        ctx,
        platform_message_id=comment_id,
        kind=TipKind.COMMENT,
        author_id=author_id,
        author_handle=_opt_str(sender.get("username")),
        text=text,
        created_at=_epoch(value.get("timestamp"), ctx.time),
        parent_id=_opt_id(value.get("parent_id")) or media_id,
    )


def _mention(value: dict[str, Any], ctx: _Entry) -> Tip | Hydration:
    media_id = _id(value.get("media_id"), "value.media_id")
    comment_id = _opt_id(value.get("comment_id"))
    message_id = comment_id or media_id  # a comment mention, else a caption mention
    text = _text(value.get("text"), "value.text")
    if text is not None:
        return _tip(
            ctx,
            platform_message_id=message_id,
            kind=TipKind.POST,
            text=text,
            created_at=_epoch(value.get("timestamp"), ctx.time),
            parent_id=media_id if comment_id else None,
        )
    notified_at = _epoch(value.get("timestamp"), ctx.time).isoformat()
    params = {"account_id": ctx.account_id, "media_id": media_id, "tip_kind": TipKind.POST.value}
    params["notified_at"] = notified_at  # entry.time: the best creation time until the fetch
    if comment_id is not None:
        params["comment_id"] = comment_id
    return Hydration(
        platform=Platform.INSTAGRAM.value,
        kind="instagram_mention",
        tip_id=tip_id_for(Platform.INSTAGRAM, message_id),
        params=params,
    )


# --- messaging events -----------------------------------------------------------------------


def _messaging(item: object, ctx: _Entry) -> _Result:
    event = _dict(item, "messaging item")
    for key, reason in _NOT_MESSAGES.items():
        if key in event:
            return _ignored(_inner_mid(event.get(key)), reason, f"instagram {key}")
    if "message_edit" in event:
        return _message_edit(event, ctx)
    if "message" in event:
        return _message(event, ctx)
    kinds = sorted(str(key)[:32] for key in event if key not in _ENVELOPE_KEYS)[:5]
    return _ignored(None, "unsupported_item", f"instagram event {','.join(kinds) or 'empty'}")


def _message(event: dict[str, Any], ctx: _Entry) -> Tip | Ignored:
    message = _dict(event.get("message"), "message")
    mid = _id(message.get("mid"), "message.mid")
    sender = _id(_dict(event.get("sender"), "sender").get("id"), "sender.id")
    # Instagram has no separate echo field: our own outgoing messages come back flagged is_echo.
    if message.get("is_echo") is True or sender == ctx.account_id:
        return _ignored(mid, "own_account_echo", "message sent by the account itself")
    if message.get("is_deleted") is True:
        return _dm(ctx, mid, sender, event, text=None, event_kind=TipEvent.DELETE)
    if message.get("is_unsupported") is True:
        return _ignored(mid, "unsupported_message", "message type Instagram does not deliver")
    text = _text(message.get("text"), "message.text")
    attachments = _attachments(message.get("attachments"))
    if text is None and not attachments:
        return _ignored(mid, "empty_message", "message has neither text nor attachments")
    return _dm(ctx, mid, sender, event, text=text, attachments=attachments, parent_id=_reply_to(message))


def _message_edit(event: dict[str, Any], ctx: _Entry) -> Tip | Ignored:
    edit = _dict(event.get("message_edit"), "message_edit")
    mid = _id(edit.get("mid"), "message_edit.mid")
    sender = _id(_dict(event.get("sender"), "sender").get("id"), "sender.id")
    if sender == ctx.account_id:
        return _ignored(mid, "own_account_echo", "edit by the account itself")
    return _dm(ctx, mid, sender, event, text=_text(edit.get("text"), "message_edit.text"), event_kind=TipEvent.EDIT)


def _dm(
    ctx: _Entry,
    mid: str,
    sender: str,
    event: dict[str, Any],
    *,
    text: str | None,
    attachments: tuple[Attachment, ...] = (),
    parent_id: str | None = None,
    event_kind: TipEvent = TipEvent.NEW,
) -> Tip:
    return _tip(
        ctx,
        platform_message_id=mid,
        event=event_kind,
        kind=TipKind.DM,
        author_id=sender,
        text=text,
        created_at=_epoch(event.get("timestamp"), ctx.time),
        parent_id=parent_id,
        attachments=attachments,
    )


def _reply_to(message: dict[str, Any]) -> str | None:
    # A reply names the earlier message (mid), or the account's story the citizen answered.
    reply_to = message.get("reply_to")
    if not isinstance(reply_to, dict):
        return None
    story = reply_to.get("story")
    story_id = _opt_id(story.get("id")) if isinstance(story, dict) else None
    return _opt_id(reply_to.get("mid")) or story_id


def _attachments(raw: object) -> tuple[Attachment, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise _ItemError("message.attachments is not a list")
    return tuple(_attachment(_dict(item, "message.attachments[]")) for item in raw)


def _attachment(item: dict[str, Any]) -> Attachment:
    payload = item.get("payload")
    payload = payload if isinstance(payload, dict) else {}
    platform_id = _opt_id(payload.get("reel_video_id")) or _opt_id(payload.get("id"))
    return Attachment(
        type=_opt_str(item.get("type")) or "unknown", url=_opt_str(payload.get("url")), platform_id=platform_id
    )


def _inner_mid(inner: object) -> str | None:
    return _opt_id(inner.get("mid")) if isinstance(inner, dict) else None


# --- small typed getters ----------------------------------------------------------------------


def _tip(ctx: _Entry, *, platform_message_id: str, **fields: Any) -> Tip:
    return Tip(
        tip_id=tip_id_for(Platform.INSTAGRAM, platform_message_id),
        platform=Platform.INSTAGRAM,
        platform_message_id=platform_message_id,
        received_on=ctx.account_id,
        source=ctx.source,
        raw_sha256=ctx.raw_sha256,
        ingested_at=ctx.ingested_at,
        **fields,
    )


def _ignored(message_id: str | None, reason: str, detail: str) -> Ignored:
    return Ignored(platform_message_id=message_id, reason=reason, detail=detail)


def _epoch(value: object, fallback: object) -> datetime:
    """Event time from epoch seconds or milliseconds (told apart by size); else the notification time."""
    stamp = value if value is not None else fallback
    if isinstance(stamp, bool) or not isinstance(stamp, int | float):
        raise _ItemError("timestamp is missing or not a number")
    try:
        return datetime.fromtimestamp(stamp / 1000 if abs(stamp) >= _MILLIS_FROM else stamp, tz=UTC)
    except (OverflowError, OSError, ValueError) as exc:
        raise _ItemError("timestamp is out of range") from exc
