"""TikTok API for Business: webhook signature, webhooks and the hydration responses to tips.

Shapes (``shared/fixtures/platforms/FORMATS.md`` section 7; most are secondary sources, see
``tests/fixtures/tiktok/README.md``):

* Envelope ``{client_key, event, create_time, user_openid, content}`` where ``content`` is a JSON
  *string* parsed a second time. ``client_key`` is our app; ``user_openid`` is the police
  business account and becomes ``received_on``.
* ``comment.update`` carries ids only: a tip without text plus a ``tiktok_comment`` hydration
  (``GET /business/comment/list/``, parsed by :func:`parse_tiktok_comment_list`).
* ``im_receive_msg`` carries the DM. ``im_receive_msg_eu`` (senders in the EEA, CH, UK: the
  normal case for a Dutch police account) carries no sender and no text, only a hydration; the
  fetched messages are parsed by :func:`parse_tiktok_dm_messages`.

Decisions: a comment's ``parent_id`` is its parent comment, else its video; a DM's ``parent_id``
is the message it quotes, else its conversation. HIDDEN comments from the list endpoint are still
tips (the account may have hidden a citizen's report precisely because it names people); the
police account's own comments and messages are ignored. Display names are never copied.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from services.ingest.errors import (
    BadSignature,
    MalformedPayload,
    MissingSignature,
    RejectedPayload,
    UnsupportedPayload,
)
from services.ingest.normalized import Hydration, Ignored, NormalizedBatch
from services.ingest.payloads import parse_json_body
from services.ingest.platforms.fields import ItemError as _ItemError
from services.ingest.platforms.fields import dict_of as _dict
from services.ingest.platforms.fields import id_of as _id
from services.ingest.platforms.fields import label as _label
from services.ingest.platforms.fields import opt_id as _opt_id
from services.ingest.platforms.fields import opt_str as _opt_str
from services.ingest.platforms.fields import text_of as _text
from shared.contracts import Attachment, Platform, Source, Tip, TipEvent, TipKind, tip_id_for

SIGNATURE_SCHEME = "tiktok-hmac-sha256"
_STAMP = re.compile(r"[0-9]{1,12}")
_HEX_DIGEST = re.compile(r"[0-9a-fA-F]{64}")
_DIGITS = re.compile(r"-?[0-9]{1,20}")

_COMMENT_EVENTS = frozenset({"comment.update", "COMMENT"})  # event name, or the subscription category
_VISIBILITY_ACTIONS = frozenset({"set_to_hidden", "set_to_friends_only", "set_to_public"})
_IGNORED_EVENTS = {
    "im_send_msg": ("own_account_message", "message sent by the business account (echo)"),
    "im_mark_read_msg": ("read_receipt", "conversation marked read"),
    "im_referral_msg": ("referral", "user arrived through an ad or short link; no message yet"),
    "im_receive_high_intent_comment": ("high_intent_comment", "the comment itself arrives as comment.update"),
    "im_auto_message_config_update": ("account_setting", "auto-message configuration changed"),
    "im_auto_message_audit_update": ("account_setting", "auto-message audit result"),
    "authorization.removed": ("account_event", "the account revoked our authorisation"),
    "video.upload.failed": ("account_event", "video upload status"),
    "video.publish.completed": ("account_event", "video publish status"),
    "portability.download.ready": ("account_event", "data portability status"),
}
_MEDIA_KEYS = ("image", "video", "share_post", "sticker", "emoji")

# API for Business answers HTTP 200 with a non-zero ``code`` on failure. Codes found in public
# clients of the Business Messaging and Accounts APIs (secondary sources, see the fixture README):
# 40001 no permission, 40002 invalid parameter, 40007 target not found, 40064 blocked by DM
# rules, 40100 too many requests (throttling: not HTTP 429), 40101 bad app id/secret, 40105
# invalid access token, 40110 invalid auth code, 51065 transient system error.
RETRYABLE_CODES = frozenset({40100, 51065})


class TikTokApiError(Exception):
    """A non-zero ``code`` in an API for Business response; ``retryable`` says whether to back off and retry."""

    def __init__(self, code: int, message: str, request_id: str | None) -> None:
        super().__init__(f"TikTok API code {code}: {message}")
        self.code = code
        self.message = message
        self.request_id = request_id
        # 5xxxx is TikTok's server-side range; treating it as transient is our inference.
        self.retryable = code in RETRYABLE_CODES or 50000 <= code < 60000


@dataclass(frozen=True, slots=True)
class _Context:
    """What every item of one webhook or API response shares."""

    account: str
    create_time: object
    raw_sha256: str | None
    ingested_at: datetime
    source: Source


_Result = Tip | Ignored | Hydration
_Handler = Callable[[dict[str, Any], _Context], list[_Result]]


# --- signature --------------------------------------------------------------------------------


def sign_tiktok(body: bytes, secret: str, timestamp: int) -> str:
    """Return the ``TikTok-Signature`` header value TikTok would send for ``body`` at ``timestamp``."""
    return f"t={timestamp},s={_digest(body, secret, str(timestamp)).hex()}"


def verify_tiktok(
    body: bytes,
    headers: Mapping[str, str],
    secret: str,
    *,
    now: datetime | None = None,
    tolerance_seconds: int = 300,
) -> str:
    """Check ``TikTok-Signature: t=<unix>,s=<hex>`` over ``t + "." + body`` and the replay window."""
    header = headers.get("tiktok-signature")
    if header is None or not header.strip():
        raise MissingSignature("TikTok-Signature header is missing")
    stamp, claimed = _parse_signature(header)
    expected = _digest(body, secret, stamp)
    if not any(hmac.compare_digest(expected, candidate) for candidate in claimed):
        raise BadSignature("TikTok-Signature does not match the body")
    moment = (now or datetime.now(UTC)).timestamp()
    if abs(moment - int(stamp)) > tolerance_seconds:
        raise BadSignature(f"TikTok-Signature timestamp is outside the ±{tolerance_seconds}s replay window")
    return SIGNATURE_SCHEME


def _parse_signature(header: str) -> tuple[str, list[bytes]]:
    stamps: list[str] = []
    digests: list[bytes] = []
    for element in header.split(","):
        key, _, value = element.strip().partition("=")
        if key == "t" and _STAMP.fullmatch(value):
            stamps.append(value)
        elif key == "s" and _HEX_DIGEST.fullmatch(value):
            digests.append(bytes.fromhex(value))
    if len(stamps) != 1 or not digests:
        raise BadSignature("TikTok-Signature is not of the form t=<unix seconds>,s=<64 hex digits>")
    return stamps[0], digests


def _digest(body: bytes, secret: str, stamp: str) -> bytes:
    if not secret:
        raise ValueError("the TikTok client secret must not be empty")  # anyone could forge with it
    return hmac.new(secret.encode(), stamp.encode() + b"." + body, hashlib.sha256).digest()


# --- webhooks ---------------------------------------------------------------------------------


def normalize_tiktok(
    payload: dict[str, Any],
    *,
    raw_sha256: str | None,
    ingested_at: datetime,
    source: Source = Source.WEBHOOK,
) -> NormalizedBatch:
    """Turn one TikTok webhook envelope into tips, ignored items and hydrations; raise only RejectedPayload."""
    _check_aware(ingested_at)
    if not isinstance(payload, dict):
        raise MalformedPayload("payload is not a JSON object")
    event = payload.get("event", payload.get("event_type"))
    if not isinstance(event, str) or "content" not in payload:
        raise UnsupportedPayload("not a TikTok webhook envelope (needs 'event' and 'content')")
    return _batch(_envelope_results(payload, event, raw_sha256, ingested_at, source))


def _envelope_results(
    payload: dict[str, Any], event: str, raw_sha256: str | None, ingested_at: datetime, source: Source
) -> list[_Result]:
    if event in _IGNORED_EVENTS:
        reason, detail = _IGNORED_EVENTS[event]
        return [_ignored(_guess_id(payload.get("content")), reason, detail)]
    handler = _handler_for(event)
    if handler is None:
        return [_ignored(None, "unsupported_item", f"event {_label(event)}")]
    account = _opt_id(payload.get("user_openid"))
    if account is None:
        return [_ignored(_guess_id(payload.get("content")), "malformed_item", "user_openid is missing or not an id")]
    ctx = _Context(account, payload.get("create_time"), raw_sha256, ingested_at, source)
    return _guarded(handler, payload.get("content"), ctx, parse=True)


def _handler_for(event: str) -> _Handler | None:
    if event in _COMMENT_EVENTS:
        return _comment
    return {"im_receive_msg": _dm, "im_receive_msg_eu": _eu_dm}.get(event)


def _guarded(handler: _Handler, item: object, ctx: _Context, *, parse: bool = False) -> list[_Result]:
    try:
        return handler(_content(item) if parse else _dict(item, "item"), ctx)
    except _ItemError as exc:
        return [_ignored(_guess_id(item), "malformed_item", str(exc))]
    except ValidationError as exc:
        # Only field locations: the error text itself would echo the citizen's input.
        fields = ", ".join(".".join(map(str, err["loc"])) for err in exc.errors())
        return [_ignored(_guess_id(item), "malformed_item", f"invalid {fields}")]


def _content(raw: object) -> dict[str, Any]:
    """The envelope's ``content``: a JSON string (ints stay exact: Python never goes through float)."""
    if isinstance(raw, dict):
        return raw  # tolerated: some relays forward the content already decoded
    if not isinstance(raw, str):
        raise _ItemError("content is not a JSON string")
    try:
        decoded: dict[str, Any] = parse_json_body(raw.encode("utf-8"))
    except UnicodeEncodeError as exc:
        raise _ItemError("content is not valid Unicode") from exc
    except RejectedPayload as exc:
        raise _ItemError(f"content: {exc.reason}") from exc
    return decoded


def _guess_id(raw: object) -> str | None:
    try:
        content = _content(raw)
    except _ItemError:
        return None
    return _opt_id(content.get("comment_id")) or _opt_id(content.get("message_id"))


# --- comments ---------------------------------------------------------------------------------


def _comment(content: dict[str, Any], ctx: _Context) -> list[_Result]:
    comment_id = _id(content.get("comment_id"), "content.comment_id")
    raw_action = content.get("comment_action")
    action = raw_action if isinstance(raw_action, str) else None
    if action in _VISIBILITY_ACTIONS:
        return [_ignored(comment_id, "visibility_change", f"comment_action {action}")]
    if action == "delete":
        return [_comment_tip(content, ctx, comment_id, TipEvent.DELETE, text=None)]
    if action != "insert":
        return [_ignored(comment_id, "unsupported_item", f"comment_action {_label(raw_action)}")]
    if content.get("owner") is True or _opt_id(content.get("unique_identifier")) == ctx.account:
        return [_ignored(comment_id, "own_account_comment", "comment written by the business account")]
    video_id = _id(content.get("video_id"), "content.video_id")
    # Disputed whether the webhook carries text: use it when present, hydrate either way for the author.
    tip = _comment_tip(content, ctx, comment_id, TipEvent.NEW, text=_text(content.get("text"), "content.text"))
    params = {"video_id": video_id, "comment_id": comment_id, "account": ctx.account}
    return [tip, Hydration(platform=Platform.TIKTOK.value, kind="tiktok_comment", tip_id=tip.tip_id, params=params)]


def _comment_tip(content: dict[str, Any], ctx: _Context, comment_id: str, event: TipEvent, *, text: str | None) -> Tip:
    return _tip(
        ctx,
        comment_id,
        event=event,
        kind=TipKind.COMMENT,
        author_id=_opt_id(content.get("unique_identifier")),
        text=text,
        created_at=_event_time(content.get("timestamp"), ctx.create_time),
        parent_id=_parent(content.get("parent_comment_id"), content.get("video_id"), comment_id),
    )


def _parent(parent_comment: object, video: object, comment_id: str) -> str | None:
    parent = _opt_id(parent_comment)
    if parent is not None and parent not in ("0", comment_id):
        return parent
    return _opt_id(video)


# --- direct messages --------------------------------------------------------------------------


def _dm(content: dict[str, Any], ctx: _Context) -> list[_Result]:
    message_id = _id(content.get("message_id"), "content.message_id")
    sender = _dict(content.get("from_user"), "content.from_user")
    sender_id = _id(sender.get("id"), "content.from_user.id")
    if _role(sender.get("role")) == "business_account" or sender_id == ctx.account:
        return [_ignored(message_id, "own_account_message", "message sent by the business account")]
    return [_dm_result(content, ctx, message_id, sender_id, handle=_handle(content.get("from")))]


def _dm_result(
    message: dict[str, Any], ctx: _Context, message_id: str, sender_id: str | None, *, handle: str | None
) -> _Result:
    kind = _role(message.get("type") or message.get("message_type"))
    if kind == "reaction":
        return _ignored(message_id, "reaction", "reaction to a message")
    text = _dm_text(message.get("text"))
    attachments = tuple(a for key in _MEDIA_KEYS if (a := _media(key, message.get(key))) is not None)
    if text is None and not attachments:
        return _ignored(message_id, "unsupported_content", f"message type {_label(kind)} without text or media")
    quoted = message.get("referenced_message_info")
    parent = _opt_id(quoted.get("referenced_message_id")) if isinstance(quoted, dict) else None
    return _tip(
        ctx,
        message_id,
        kind=TipKind.DM,
        author_id=sender_id,
        author_handle=handle,
        text=text,
        created_at=_event_time(message.get("timestamp"), ctx.create_time),
        parent_id=parent or _opt_id(message.get("conversation_id")),
        attachments=attachments,
    )


def _eu_dm(content: dict[str, Any], ctx: _Context) -> list[_Result]:
    """EEA/CH/UK senders: TikTok strips sender and text, so only a fetch can produce the tip."""
    message_id = _opt_id(content.get("message_id"))
    conversation_id = _opt_id(content.get("conversation_id"))
    since = _event_time(content.get("timestamp"), ctx.create_time)
    params = {"account": ctx.account, "since": since.isoformat()}
    params |= {k: v for k, v in (("conversation_id", conversation_id), ("message_id", message_id)) if v}
    if message_id is not None and conversation_id is not None:
        return [Hydration(platform="tiktok", kind="tiktok_dm", tip_id=tip_id_for("tiktok", message_id), params=params)]
    # Documented shape has no ids at all: ask for a conversation sync. The tip id is then only a
    # key that makes redelivered notices collapse; the fetched messages bring their own ids.
    notice = message_id or f"eu_dm_notice:{ctx.account}:{int(since.timestamp() * 1000)}"
    return [Hydration(platform="tiktok", kind="tiktok_dm_sync", tip_id=tip_id_for("tiktok", notice), params=params)]


def _dm_text(raw: object) -> str | None:
    if isinstance(raw, dict):
        return _text(raw.get("body"), "text.body")
    return _text(raw, "text")


def _media(key: str, raw: object) -> Attachment | None:
    if not isinstance(raw, dict):
        return None
    url = _opt_str(raw.get("url")) or _opt_str(raw.get("embed_url"))
    platform_id = _opt_id(raw.get("media_id")) or _opt_id(raw.get("video_id"))
    return Attachment(type=key, url=url, platform_id=platform_id)


# --- hydration responses ----------------------------------------------------------------------


def parse_tiktok_comment_list(
    response: dict[str, Any], *, account: str, ingested_at: datetime, raw_sha256: str | None
) -> NormalizedBatch:
    """Turn a ``GET /business/comment/list/`` response into tips; raise TikTokApiError on a non-zero code."""
    ctx = _poll_context(account, ingested_at, raw_sha256)
    comments = _api_list(response, "comments")
    return _batch([r for item in comments for r in _guarded(_listed_comment, item, ctx)])


def _listed_comment(item: dict[str, Any], ctx: _Context) -> list[_Result]:
    comment_id = _id(item.get("comment_id"), "comment_id")
    user_id = _opt_id(item.get("user_id"))
    if item.get("owner") is True or user_id == ctx.account:
        return [_ignored(comment_id, "own_account_comment", "comment written by the business account")]
    tip = _tip(
        ctx,
        comment_id,
        kind=TipKind.COMMENT,
        author_id=user_id,
        author_handle=_handle(item.get("username")),
        text=_text(item.get("text"), "text"),
        created_at=_epoch(item.get("create_time"), millis=False),
        parent_id=_parent(item.get("parent_comment_id"), item.get("video_id"), comment_id),
    )
    return [tip]


def parse_tiktok_dm_messages(
    response: dict[str, Any],
    *,
    account: str,
    conversation_id: str,
    ingested_at: datetime,
    raw_sha256: str | None,
) -> NormalizedBatch:
    """Turn a ``GET /business/message/content/list/`` response into DM tips (UNCONFIRMED field names)."""
    ctx = _poll_context(account, ingested_at, raw_sha256)
    messages = _api_list(response, "messages")
    handler = _listed_message_handler(conversation_id)
    return _batch([r for item in messages for r in _guarded(handler, item, ctx)])


def _listed_message_handler(conversation_id: str) -> _Handler:
    def handle(item: dict[str, Any], ctx: _Context) -> list[_Result]:
        message_id = _id(item.get("message_id"), "message_id")
        sender = item.get("from_user") or item.get("sender")
        sender = sender if isinstance(sender, dict) else {}
        sender_id = _opt_id(sender.get("id"))
        if _role(sender.get("role") or item.get("role")) == "business_account" or sender_id == ctx.account:
            return [_ignored(message_id, "own_account_message", "message sent by the business account")]
        # The list endpoint's timestamp is unconfirmed; the fetch time beats losing the message.
        stamp = item.get("timestamp") if item.get("timestamp") is not None else ctx.ingested_at.timestamp() * 1000
        message = {"conversation_id": conversation_id, **item, "timestamp": stamp}
        return [_dm_result(message, ctx, message_id, sender_id, handle=_handle(item.get("from")))]

    return handle


def _poll_context(account: str, ingested_at: datetime, raw_sha256: str | None) -> _Context:
    _check_aware(ingested_at)
    if not account:
        raise ValueError("account (the business id the request was made for) must not be empty")
    return _Context(account, None, raw_sha256, ingested_at, Source.POLL)


def normalize_tiktok_response(
    response: dict[str, Any], *, account: str, ingested_at: datetime, raw_sha256: str | None
) -> NormalizedBatch:
    """An API for Business response (comment list or DM content list), whichever it is."""
    data = response.get("data")
    if isinstance(data, dict) and "messages" in data:
        conversation = data.get("conversation_id")
        conversation_id = str(conversation) if isinstance(conversation, str | int) else ""
        return parse_tiktok_dm_messages(
            response, account=account, conversation_id=conversation_id, ingested_at=ingested_at, raw_sha256=raw_sha256
        )
    return parse_tiktok_comment_list(response, account=account, ingested_at=ingested_at, raw_sha256=raw_sha256)


def parse_tiktok_conversation_ids(response: dict[str, Any]) -> list[str]:
    """Conversation ids from ``GET /business/message/conversation/list/`` (UNCONFIRMED field names)."""
    ids = []
    for item in _api_list(response, "conversations"):
        conversation_id = item.get("conversation_id") if isinstance(item, dict) else None
        if isinstance(conversation_id, str | int) and not isinstance(conversation_id, bool):
            ids.append(str(conversation_id))
    return ids


def _api_list(response: object, key: str) -> list[Any]:
    if not isinstance(response, dict):
        raise MalformedPayload("response is not a JSON object")
    code = response.get("code")
    if isinstance(code, bool) or not isinstance(code, int):
        raise UnsupportedPayload("not a TikTok API for Business response (no integer 'code')")
    if code != 0:
        message = response.get("message")
        text = message[:200] if isinstance(message, str) and message.isprintable() else ""
        raise TikTokApiError(code, text, _opt_str(response.get("request_id")))
    data = response.get("data")
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise MalformedPayload(f"'data.{key}' must be a list")
    return items


# --- small typed getters ----------------------------------------------------------------------


def _batch(results: list[_Result]) -> NormalizedBatch:
    return NormalizedBatch.of(results)


def _tip(ctx: _Context, platform_message_id: str, **fields: Any) -> Tip:
    return Tip(
        tip_id=tip_id_for(Platform.TIKTOK, platform_message_id),
        platform=Platform.TIKTOK,
        platform_message_id=platform_message_id,
        received_on=ctx.account,
        source=ctx.source,
        raw_sha256=ctx.raw_sha256,
        ingested_at=ctx.ingested_at,
        **fields,
    )


def _ignored(message_id: str | None, reason: str, detail: str) -> Ignored:
    return Ignored(platform_message_id=message_id, reason=reason, detail=detail)


def _check_aware(ingested_at: datetime) -> None:
    if ingested_at.tzinfo is None:
        raise ValueError("ingested_at must be timezone-aware")  # a caller bug, not a payload problem


def _handle(value: object) -> str | None:
    # A TikTok username, never the display name; stored with one leading '@'.
    name = _opt_str(value)
    name = name.lstrip("@").strip() if name else None
    return f"@{name}" if name else None


def _role(value: object) -> str | None:
    # Webhooks spell roles and types in lowercase, the REST API in UPPERCASE.
    return value.lower() if isinstance(value, str) else None


def _event_time(millis: object, fallback_seconds: object) -> datetime:
    if millis is not None:
        return _epoch(millis, millis=True)
    return _epoch(fallback_seconds, millis=False)


def _epoch(value: object, *, millis: bool) -> datetime:
    """UTC time from epoch seconds or milliseconds, given as a number or a string of digits."""
    if isinstance(value, str) and _DIGITS.fullmatch(value):
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _ItemError("timestamp is missing or not a number")
    try:
        return datetime.fromtimestamp(value / 1000 if millis else value, tz=UTC)
    except (OverflowError, OSError, ValueError) as exc:
        raise _ItemError("timestamp is out of range") from exc
