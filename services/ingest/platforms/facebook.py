"""Facebook Page webhooks (``object: "page"``): feed changes and Messenger events to tips.

Shapes follow Meta's Page webhook reference (``field: feed``) and the Messenger webhook event
reference (messages, message_echoes, message_edits, message_reactions, message_reads,
message_deliveries, standby); see ``shared/fixtures/platforms/FORMATS.md`` sections 2 and 3.
Every entry and every item of a batched POST ends as a ``Tip`` or an ``Ignored`` with a reason;
one bad item never costs the others.

Personal data: Facebook sends the commenter's display name in ``from.name``. It is not a handle
and nothing downstream needs it, so it is never copied anywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from services.ingest.normalized import Ignored, NormalizedBatch
from services.ingest.platforms.fields import ItemError as _ItemError
from services.ingest.platforms.fields import dict_of as _dict
from services.ingest.platforms.fields import id_of as _id
from services.ingest.platforms.fields import label as _label
from services.ingest.platforms.fields import meta_entries
from services.ingest.platforms.fields import opt_id as _opt_id
from services.ingest.platforms.fields import opt_str as _opt_str
from services.ingest.platforms.fields import text_of as _text
from shared.contracts import Attachment, Platform, Source, Tip, TipEvent, TipKind, tip_id_for

_FEED_EVENTS = {"add": TipEvent.NEW, "edited": TipEvent.EDIT, "edit": TipEvent.EDIT}
# Meta's verb enum has both spellings; captured deliveries use "edited" and "remove".
_FEED_DELETES = frozenset({"remove", "delete"})
_FEED_POST_ITEMS = frozenset({"post", "status", "photo", "video"})
_FEED_REACTION_ITEMS = frozenset({"reaction", "like"})
_MESSENGER_RECEIPTS = {"delivery": "delivery_receipt", "read": "read_receipt", "reaction": "reaction"}
_ENVELOPE_KEYS = frozenset({"sender", "recipient", "timestamp"})


@dataclass(frozen=True, slots=True)
class _Entry:
    """What every item of one ``entry[]`` shares."""

    page_id: str
    time: object
    raw_sha256: str | None
    ingested_at: datetime
    source: Source


def normalize_facebook(
    payload: dict[str, Any],
    *,
    raw_sha256: str | None,
    ingested_at: datetime,
    source: Source = Source.WEBHOOK,
) -> NormalizedBatch:
    """Turn one Page webhook payload into tips and ignored items; raise only RejectedPayload subclasses."""
    entries = meta_entries(payload, "page", "a Facebook Page webhook", ingested_at)
    results = [r for entry in entries for r in _entry_results(entry, raw_sha256, ingested_at, source)]
    return NormalizedBatch.of(results)


# --- entries and the guard around each item -------------------------------------------------

_Handler = Callable[[Any, _Entry], Tip | Ignored]


def _entry_results(
    entry: object, raw_sha256: str | None, ingested_at: datetime, source: Source
) -> Iterator[Tip | Ignored]:
    if not isinstance(entry, dict):
        yield Ignored(platform_message_id=None, reason="malformed_item", detail="entry is not an object")
        return
    try:
        ctx = _Entry(_id(entry.get("id"), "entry.id"), entry.get("time"), raw_sha256, ingested_at, source)
    except _ItemError as exc:
        yield Ignored(platform_message_id=None, reason="malformed_item", detail=str(exc))
        return
    handlers: tuple[tuple[str, _Handler], ...] = (
        ("changes", _change),
        ("messaging", _messaging),
        ("standby", _messaging),  # same events while another app owns the thread (handover protocol)
    )
    present = [(key, handler) for key, handler in handlers if key in entry]
    if not present:
        yield Ignored(platform_message_id=None, reason="unsupported_item", detail="entry has no changes or messaging")
    for key, handler in present:
        yield from _items(entry[key], key, handler, ctx)


def _items(items: object, key: str, handler: _Handler, ctx: _Entry) -> Iterator[Tip | Ignored]:
    if not isinstance(items, list):
        yield Ignored(platform_message_id=None, reason="malformed_item", detail=f"entry.{key} is not a list")
        return
    for item in items:
        yield _guarded(handler, item, ctx)


def _guarded(handler: _Handler, item: object, ctx: _Entry) -> Tip | Ignored:
    try:
        return handler(item, ctx)
    except _ItemError as exc:
        return Ignored(platform_message_id=_guess_id(item), reason="malformed_item", detail=str(exc))
    except ValidationError as exc:
        # Only field locations: the error text itself would echo the citizen's input.
        fields = ", ".join(".".join(map(str, err["loc"])) for err in exc.errors())
        return Ignored(platform_message_id=_guess_id(item), reason="malformed_item", detail=f"invalid {fields}")


def _guess_id(item: object) -> str | None:
    if not isinstance(item, dict):
        return None
    inner = item.get("value") or item.get("message") or item.get("message_edit")
    if not isinstance(inner, dict):
        return None
    for key in ("comment_id", "post_id", "mid"):
        found = _opt_id(inner.get(key))
        if found is not None:
            return found
    return None


# --- feed changes ---------------------------------------------------------------------------


def _change(item: object, ctx: _Entry) -> Tip | Ignored:
    change = _dict(item, "change")
    if change.get("field") != "feed":
        return _ignored(None, "unsupported_item", f"change field {_label(change.get('field'))}")
    value = _dict(change.get("value"), "change.value")
    kind = _opt_str(value.get("item"))
    if kind in _FEED_REACTION_ITEMS:
        return _ignored(_opt_id(value.get("post_id")), "reaction", f"feed item {kind}")
    if kind == "comment":
        return _feed_item(value, ctx, _id(value.get("comment_id"), "value.comment_id"), TipKind.COMMENT)
    if kind in _FEED_POST_ITEMS:
        return _feed_item(value, ctx, _id(value.get("post_id"), "value.post_id"), TipKind.POST)
    return _ignored(_guess_id(change), "unsupported_item", f"feed item {_label(kind)}")


def _feed_item(value: dict[str, Any], ctx: _Entry, message_id: str, kind: TipKind) -> Tip | Ignored:
    verb = _opt_str(value.get("verb")) or ""
    event = TipEvent.DELETE if verb in _FEED_DELETES else _FEED_EVENTS.get(verb)
    if event is None:
        return _ignored(message_id, "unsupported_item", f"feed {kind.value} verb {_label(value.get('verb'))}")
    author_id = _author_id(value)
    if author_id == ctx.page_id:
        return _ignored(message_id, "own_page_reply", f"feed {kind.value} written by the page itself")
    deleted = event is TipEvent.DELETE
    return _tip(
        ctx,
        platform=Platform.FACEBOOK,
        platform_message_id=message_id,
        event=event,
        kind=kind,
        author_id=author_id,
        text=None if deleted else _text(value.get("message"), "value.message"),
        created_at=_epoch(value.get("created_time"), ctx.time, millis=False),
        parent_id=_opt_id(value.get("parent_id")) if kind is TipKind.COMMENT else None,
        attachments=() if deleted else _feed_attachments(value),
    )


def _author_id(value: dict[str, Any]) -> str | None:
    # `from` can be absent for some users and permission levels; the comment id is enough to keep it.
    sender = value.get("from")
    if sender is None:
        return None
    return _id(_dict(sender, "value.from").get("id"), "value.from.id")


def _feed_attachments(value: dict[str, Any]) -> tuple[Attachment, ...]:
    item = value.get("item")
    if item in ("photo", "video"):
        media_id = _opt_id(value.get(f"{item}_id"))
        return (Attachment(type=item, url=_opt_str(value.get("link")), platform_id=media_id),)
    found = [Attachment(type=key, url=url) for key in ("photo", "video") if (url := _opt_str(value.get(key)))]
    photos = value.get("photos")
    if isinstance(photos, list):
        found.extend(Attachment(type="photo", url=url) for url in photos if isinstance(url, str))
    return tuple(found)


# --- Messenger events -----------------------------------------------------------------------


def _messaging(item: object, ctx: _Entry) -> Tip | Ignored:
    event = _dict(item, "messaging item")
    for key, reason in _MESSENGER_RECEIPTS.items():
        if key in event:
            return _ignored(_receipt_mid(event.get(key)), reason, f"messenger {key}")
    if "message_edit" in event:
        return _message_edit(event, ctx)
    if "message" in event:
        return _message(event, ctx)
    kinds = sorted(str(key)[:32] for key in event if key not in _ENVELOPE_KEYS)[:5]
    return _ignored(None, "unsupported_item", f"messenger event {','.join(kinds) or 'empty'}")


def _message(event: dict[str, Any], ctx: _Entry) -> Tip | Ignored:
    message = _dict(event.get("message"), "message")
    mid = _id(message.get("mid"), "message.mid")
    sender = _id(_dict(event.get("sender"), "sender").get("id"), "sender.id")
    if message.get("is_echo") or sender == ctx.page_id:
        return _ignored(mid, "own_page_echo", "message sent by the page itself")
    text = _text(message.get("text"), "message.text")
    attachments = _messenger_attachments(message.get("attachments"))
    if text is None and not attachments:
        return _ignored(mid, "empty_message", "message has neither text nor attachments")
    reply_to = message.get("reply_to")
    parent_id = _opt_id(reply_to.get("mid")) if isinstance(reply_to, dict) else None
    return _dm(ctx, mid, sender, event, text=text, attachments=attachments, parent_id=parent_id)


def _message_edit(event: dict[str, Any], ctx: _Entry) -> Tip | Ignored:
    edit = _dict(event.get("message_edit"), "message_edit")
    mid = _id(edit.get("mid"), "message_edit.mid")
    sender = _id(_dict(event.get("sender"), "sender").get("id"), "sender.id")
    if sender == ctx.page_id:
        return _ignored(mid, "own_page_echo", "edit by the page itself")
    text = _text(edit.get("text"), "message_edit.text")
    return _dm(ctx, mid, sender, event, text=text, event_kind=TipEvent.EDIT)


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
        platform=Platform.MESSENGER,
        platform_message_id=mid,
        event=event_kind,
        kind=TipKind.DM,
        author_id=sender,
        text=text,
        created_at=_epoch(event.get("timestamp"), ctx.time, millis=True),
        parent_id=parent_id,
        attachments=attachments,
    )


def _messenger_attachments(raw: object) -> tuple[Attachment, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise _ItemError("message.attachments is not a list")
    return tuple(_messenger_attachment(_dict(item, "message.attachments[]")) for item in raw)


def _messenger_attachment(item: dict[str, Any]) -> Attachment:
    payload = item.get("payload")
    payload = payload if isinstance(payload, dict) else {}
    # A fallback (shared link) may carry its url beside the payload rather than inside it.
    url = _opt_str(payload.get("url")) or _opt_str(item.get("url"))
    platform_id = _opt_id(payload.get("sticker_id")) or _opt_id(payload.get("attachment_id"))
    return Attachment(type=_opt_str(item.get("type")) or "unknown", url=url, platform_id=platform_id)


def _receipt_mid(receipt: object) -> str | None:
    if not isinstance(receipt, dict):
        return None
    mids = receipt.get("mids")
    if isinstance(mids, list) and mids:
        return _opt_id(mids[0])
    return _opt_id(receipt.get("mid"))


# --- small typed getters ----------------------------------------------------------------------


def _tip(ctx: _Entry, *, platform: Platform, platform_message_id: str, **fields: Any) -> Tip:
    return Tip(
        tip_id=tip_id_for(platform, platform_message_id),
        platform=platform,
        platform_message_id=platform_message_id,
        received_on=ctx.page_id,
        source=ctx.source,
        raw_sha256=ctx.raw_sha256,
        ingested_at=ctx.ingested_at,
        **fields,
    )


def _ignored(message_id: str | None, reason: str, detail: str) -> Ignored:
    return Ignored(platform_message_id=message_id, reason=reason, detail=detail)


def _epoch(value: object, fallback: object, *, millis: bool) -> datetime:
    """Event time from epoch seconds (feed) or milliseconds (Messenger); else the notification time."""
    stamp = value if value is not None else fallback
    if isinstance(stamp, bool) or not isinstance(stamp, int | float):
        raise _ItemError("timestamp is missing or not a number")
    try:
        return datetime.fromtimestamp(stamp / 1000 if millis else stamp, tz=UTC)
    except (OverflowError, OSError, ValueError) as exc:
        raise _ItemError("timestamp is out of range") from exc
