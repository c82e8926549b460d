"""WhatsApp Cloud API webhooks (``object: "whatsapp_business_account"``): messages to tips.

Shapes follow Meta's WhatsApp messages webhook reference and its per-type pages (text, media,
location, contacts, interactive, button, reaction, system, unsupported, edit, revoke), the
status reference, ``smb_message_echoes`` and the business-scoped user id (BSUID) page; see
``shared/fixtures/platforms/FORMATS.md`` section 5. Every entry, every change and every message
or status of a batched POST ends as a ``Tip`` or an ``Ignored`` with a reason; one bad item
never costs the others.

Decisions:
- ``received_on`` is ``value.metadata.phone_number_id``: one WABA (``entry.id``) can hold
  several numbers, and the number is what the citizen wrote to.
- The author is keyed on the BSUID (``from_user_id`` / ``contacts[].user_id``) when present,
  else the phone number (``from`` / ``contacts[].wa_id``); an empty phone is never an id.
  ``profile.username`` is a real handle and becomes ``author_handle``; ``profile.name`` is a
  display name and is never copied.
- Location: coordinates go only into an attachment as an RFC 5870 ``geo:`` URI (they are the
  tip's place but also personal data: keep them out of text, which is what gets summarised);
  the place's name and address, when the citizen picked one, become the text.
- Shared contact cards become ``contact`` attachments without their content: the names and
  numbers are third parties' data and stay in the raw payload only.
- Edits and deletes exist only for Coexistence numbers (``type: edit`` / ``revoke`` with
  ``original_message_id``). An ``unsupported`` message never names an earlier message, so it
  cannot be applied as a delete; it is ignored with its sub-type in the detail.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
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
from services.ingest.signatures import verify_meta_signature
from shared.contracts import Attachment, Platform, Source, Tip, TipEvent, TipKind, tip_id_for

SIGNATURE_HEADER = "x-hub-signature-256"
_MEDIA_TYPES = frozenset({"image", "video", "document", "audio", "sticker"})
_IGNORED_TYPES = {
    "reaction": "reaction",
    "system": "system_message",
    "unsupported": "unsupported_message",
    "unknown": "unsupported_message",
    "order": "unsupported_message",
    "request_welcome": "unsupported_message",
}
_REPLY_TYPES = frozenset({"button_reply", "list_reply"})

_Content = tuple[str | None, tuple[Attachment, ...]]


@dataclass(frozen=True, slots=True)
class _Base:
    """What every item of one payload shares."""

    raw_sha256: str | None
    ingested_at: datetime
    source: Source


@dataclass(frozen=True, slots=True)
class _Number:
    """What every message of one ``changes[].value`` shares: the receiving number and the senders."""

    base: _Base
    phone_number_id: str
    display_phone: str | None
    contacts: tuple[dict[str, Any], ...]


def verify_whatsapp(body: bytes, headers: Mapping[str, str], secret: str, *, now: datetime | None = None) -> str:
    """Check Meta's ``X-Hub-Signature-256`` over the raw body; return the scheme name or raise."""
    del now  # Meta signs no timestamp, so there is no replay window to check
    verify_meta_signature(body, headers.get(SIGNATURE_HEADER), secret)
    return "meta_sha256"


def normalize_whatsapp(
    payload: dict[str, Any],
    *,
    raw_sha256: str | None,
    ingested_at: datetime,
    source: Source = Source.WEBHOOK,
) -> NormalizedBatch:
    """Turn one WhatsApp Cloud API webhook payload into tips and ignored items; raise only RejectedPayload."""
    entries = meta_entries(payload, "whatsapp_business_account", "a WhatsApp Business webhook", ingested_at)
    base = _Base(raw_sha256, ingested_at, source)
    results = [r for entry in entries for r in _entry_results(entry, base)]
    return NormalizedBatch.of(results)


# --- entries, changes and the guard around each item ---------------------------------------


def _entry_results(entry: object, base: _Base) -> Iterator[Tip | Ignored]:
    changes = entry.get("changes") if isinstance(entry, dict) else None
    if not isinstance(changes, list):
        yield _ignored(None, "malformed_item", "entry is not an object with a changes list")
        return
    results = [result for change in changes for result in _change(change, base)]
    yield from results or [_ignored(None, "unsupported_item", "entry has no changes")]


def _change(change: object, base: _Base) -> Iterator[Tip | Ignored]:
    if not isinstance(change, dict) or not isinstance(change.get("value"), dict):
        yield _ignored(None, "malformed_item", "change is not an object with a value object")
        return
    field, value = change.get("field"), change["value"]
    if field == "messages":
        yield from _value(value, base)
    elif field == "smb_message_echoes":
        # Coexistence: what the business typed in the WhatsApp Business app, never a citizen's message.
        for echo in _list(value.get("message_echoes")):
            yield _ignored(_guess_id(echo), "own_account_echo", "message sent by the business app")
    else:
        yield _ignored(None, "unsupported_item", f"change field {_label(field)}")


def _value(value: dict[str, Any], base: _Base) -> Iterator[Tip | Ignored]:
    messages, statuses = _list(value.get("messages")), _list(value.get("statuses"))
    errors = _list(value.get("errors"))
    try:
        number = _number(value, base)
    except _ItemError as exc:
        for item in messages:
            yield _ignored(_guess_id(item), "malformed_item", str(exc))
        number = None
    if number is not None:
        yield from (_guarded(_message, message, number) for message in messages)
    for status in statuses:
        state = status.get("status") if isinstance(status, dict) else None
        yield _ignored(_guess_id(status), "status", f"message status {_label(state)}")
    for _error in errors:
        yield _ignored(None, "platform_error", "webhook-level error from WhatsApp")
    if not (messages or statuses or errors):
        yield _ignored(None, "unsupported_item", "value has no messages, statuses or errors")


def _number(value: dict[str, Any], base: _Base) -> _Number:
    metadata = _dict(value.get("metadata"), "value.metadata")
    contacts = tuple(c for c in _list(value.get("contacts")) if isinstance(c, dict))
    phone_number_id = _id(metadata.get("phone_number_id"), "metadata.phone_number_id")
    return _Number(base, phone_number_id, _opt_id(metadata.get("display_phone_number")), contacts)


def _guarded(handler: Callable[[Any, _Number], Tip | Ignored], item: object, number: _Number) -> Tip | Ignored:
    try:
        return handler(item, number)
    except _ItemError as exc:
        return _ignored(_guess_id(item), "malformed_item", str(exc))
    except ValidationError as exc:
        # Only field locations: the error text itself would echo the citizen's input.
        fields = ", ".join(".".join(map(str, err["loc"])) for err in exc.errors())
        return _ignored(_guess_id(item), "malformed_item", f"invalid {fields}")


def _guess_id(item: object) -> str | None:
    return _opt_id(item.get("id")) if isinstance(item, dict) else None


# --- messages -------------------------------------------------------------------------------


def _message(item: object, number: _Number) -> Tip | Ignored:
    message = _dict(item, "message")
    wamid = _id(message.get("id"), "message.id")
    kind = _opt_str(message.get("type"))
    if kind in _IGNORED_TYPES:
        return _ignored(wamid, _IGNORED_TYPES[kind], _type_detail(message, kind))
    author_id, handle = _author(message, number.contacts)
    if number.display_phone is not None and _opt_id(message.get("from")) == number.display_phone:
        return _ignored(wamid, "own_account_echo", "message sent by the business number itself")
    fields: dict[str, Any] = {
        "author_id": author_id,
        "author_handle": handle,
        "created_at": _epoch_seconds(message.get("timestamp")),
        "parent_id": _context_id(message),
    }
    if kind in ("revoke", "edit"):
        return _revision(message, kind, number, fields)
    content = _content(message)
    if content is None:
        return _ignored(wamid, "unsupported_message", _type_detail(message, kind))
    text, attachments = content
    if text is None and not attachments:
        return _ignored(wamid, "empty_message", "message has neither text nor attachments")
    return _tip(number, wamid, text=text, attachments=attachments, **fields)


def _revision(message: dict[str, Any], kind: str, number: _Number, fields: dict[str, Any]) -> Tip:
    """A Coexistence edit or revoke: it applies to the ORIGINAL message's id, not its own wamid."""
    change = _dict(message.get(kind), kind)
    original = _id(change.get("original_message_id"), f"{kind}.original_message_id")
    if kind == "revoke":
        return _tip(number, original, event=TipEvent.DELETE, text=None, **fields)
    text, attachments = _content(_dict(change.get("message"), "edit.message")) or (None, ())
    return _tip(number, original, event=TipEvent.EDIT, text=text, attachments=attachments, **fields)


def _content(message: dict[str, Any]) -> _Content | None:
    """Text and attachments of one message by its type; None for a type we do not read."""
    kind = _opt_str(message.get("type")) or ""
    if kind in _MEDIA_TYPES:
        return _media(_dict(message.get(kind), kind), kind)
    if kind == "contacts":
        return _contacts(message.get("contacts"))
    reader = _READERS.get(kind)
    return None if reader is None else reader(_dict(message.get(kind), kind))


def _media(media: dict[str, Any], kind: str) -> _Content:
    attachment = Attachment(type=kind, url=_opt_str(media.get("url")), platform_id=_id(media.get("id"), "media id"))
    return _text(media.get("caption"), f"{kind}.caption"), (attachment,)


def _contacts(cards: object) -> _Content:
    # Cards arrive as a list under `contacts`; only their count is kept (see the module docstring).
    return None, tuple(Attachment(type="contact") for _card in _list(cards))


def _location(location: dict[str, Any]) -> _Content:
    lat, long = _coordinate(location.get("latitude"), 90), _coordinate(location.get("longitude"), 180)
    place = [part for key in ("name", "address") if (part := _text(location.get(key), f"location.{key}"))]
    return (", ".join(place) or None), (Attachment(type="location", url=f"geo:{lat!r},{long!r}"),)


def _interactive(interactive: dict[str, Any]) -> _Content | None:
    kind = _opt_str(interactive.get("type"))
    if kind not in _REPLY_TYPES:
        return None
    # The title of the button or list row the citizen tapped is what they said.
    reply = _dict(interactive.get(kind), f"interactive.{kind}")
    return _text(reply.get("title"), f"interactive.{kind}.title"), ()


def _text_body(text: dict[str, Any]) -> _Content:
    return _text(text.get("body"), "text.body"), ()


def _button(button: dict[str, Any]) -> _Content:
    return _text(button.get("text"), "button.text"), ()


_READERS: dict[str, Callable[[dict[str, Any]], _Content | None]] = {
    "text": _text_body,
    "location": _location,
    "button": _button,
    "interactive": _interactive,
}


def _author(message: dict[str, Any], contacts: tuple[dict[str, Any], ...]) -> tuple[str | None, str | None]:
    user_id, phone = _opt_id(message.get("from_user_id")), _opt_id(message.get("from"))
    contact = _contact_for(contacts, user_id, phone)
    profile = contact.get("profile")
    handle = _opt_str(profile.get("username")) if isinstance(profile, dict) else None
    user_id = user_id or _opt_id(contact.get("user_id"))
    return user_id or phone or _opt_id(contact.get("wa_id")), handle


def _contact_for(contacts: tuple[dict[str, Any], ...], user_id: str | None, phone: str | None) -> dict[str, Any]:
    for contact in contacts:
        if user_id is not None and _opt_id(contact.get("user_id")) == user_id:
            return contact
        if phone is not None and _opt_id(contact.get("wa_id")) == phone:
            return contact
    # A message without any sender id can only be matched when the change names a single sender.
    if user_id is None and phone is None and len(contacts) == 1:
        return contacts[0]
    return {}


def _context_id(message: dict[str, Any]) -> str | None:
    context = message.get("context")
    return _opt_id(context.get("id")) if isinstance(context, dict) else None


def _type_detail(message: dict[str, Any], kind: str | None) -> str:
    unsupported = message.get("unsupported")
    sub = unsupported.get("type") if isinstance(unsupported, dict) else None
    return f"whatsapp type {_label(kind)}" + (f" ({_label(sub)})" if sub is not None else "")


# --- small typed getters ----------------------------------------------------------------------


def _tip(number: _Number, platform_message_id: str, **fields: Any) -> Tip:
    return Tip(
        tip_id=tip_id_for(Platform.WHATSAPP, platform_message_id),
        platform=Platform.WHATSAPP,
        platform_message_id=platform_message_id,
        kind=TipKind.DM,
        received_on=number.phone_number_id,
        source=number.base.source,
        raw_sha256=number.base.raw_sha256,
        ingested_at=number.base.ingested_at,
        **fields,
    )


def _ignored(message_id: str | None, reason: str, detail: str) -> Ignored:
    return Ignored(platform_message_id=message_id, reason=reason, detail=detail)


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _coordinate(value: object, limit: int) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _ItemError("location coordinate is missing or not a number")
    if abs(value) > limit:
        raise _ItemError("location coordinate is out of range")
    return float(value)


def _epoch_seconds(value: object) -> datetime:
    """Message time: WhatsApp sends epoch seconds as a string (an integer is accepted too)."""
    if isinstance(value, str):
        try:
            value = int(value)
        except ValueError as exc:
            raise _ItemError("timestamp is not epoch seconds") from exc
    if isinstance(value, bool) or not isinstance(value, int):
        raise _ItemError("timestamp is missing or not epoch seconds")
    try:
        return datetime.fromtimestamp(value, tz=UTC)
    except (OverflowError, OSError, ValueError) as exc:
        raise _ItemError("timestamp is out of range") from exc
