"""X (Twitter): webhook signatures, the CRC handshake, and every payload shape X delivers or returns.

Shapes, all from docs.x.com (the ``xdevplatform/docs`` repository); FORMATS.md section 6 sums them up:

* Account Activity API (``for_user_id`` + ``tweet_create_events``, ``tweet_delete_events``,
  ``direct_message_events`` and the like/follow/block/mute/typing/read arrays): legacy v1.1 objects.
* X Activity API (XAA) envelope ``{"data": {event_uuid, filter, event_type, tag, payload, includes}}``.
* API v2 responses (recent search, mentions timeline, filtered stream, ``/2/dm_events``) and the v2
  Post compliance stream (``{"data": {"delete": ...}}``).

Decisions (each also said where it is made):

* Ids are read only from string fields (``id_str``, ``*_str``, v2 ``id``): X's numeric ids exceed 2^53,
  and the docs themselves print rounded numeric ids beside the exact ``id_str``.
* Retweets carry no words of their own: ``repost``. Quote posts do: a tip, a comment when it quotes
  the police account's post (parent = the quoted post), else a post.
* ``user_has_blocked`` true on a mention: the police account blocked the author: ``blocked_author``.
* A delete tombstone's kind is ``post``: X does not say whether the deleted post was a reply, and the
  tombstone is matched on (platform, platform_message_id) alone.
* v2 responses do not name the police account: ``account_id`` (the poller knows whose search or
  stream rule it ran) is ``received_on``; without it, ``"x"``. XAA uses ``filter.user_id`` first.
* Display names (``name``) are never copied; ``author_handle`` is ``@`` + a valid X username only.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import ValidationError

from services.ingest.errors import BadSignature, MalformedPayload, MissingSignature, UnsupportedPayload
from services.ingest.normalized import Ignored, NormalizedBatch
from services.ingest.platforms.fields import ItemError as _ItemError
from services.ingest.platforms.fields import dict_of as _dict
from services.ingest.platforms.fields import label as _label
from services.ingest.platforms.fields import opt_str as _opt_str
from services.ingest.platforms.fields import text_of as _text
from shared.contracts import Attachment, Platform, Source, Tip, TipEvent, TipKind, tip_id_for

# --- signatures and the CRC handshake ---------------------------------------------------------

_OAUTH2_HEADER = "x-twitter-webhooks-signature-oauth2"
_CONSUMER_HEADER = "x-twitter-webhooks-signature"
_PREFIX = "sha256="


def verify_x(
    body: bytes,
    headers: Mapping[str, str],
    secret: str,
    *,
    now: datetime | None = None,
    oauth2_secret: str | None = None,
) -> str:
    """Accept ``body`` if any X signature header present verifies; return ``x-oauth2`` or ``x-consumer``.

    ``secret`` is the OAuth 1.0a consumer secret; ``oauth2_secret`` the OAuth 2.0 client secret. An app
    with only an OAuth 2.0 secret may pass it as ``secret``: it then checks the OAuth2 header too.
    """
    del now  # X signs no timestamp; replays are handled by deduplicating on event ids.
    checks = (
        ("x-oauth2", _OAUTH2_HEADER, oauth2_secret or secret),
        ("x-consumer", _CONSUMER_HEADER, secret),
    )
    present = [(name, header, key) for name, header, key in checks if headers.get(header, "").strip()]
    if not present:
        raise MissingSignature("neither X-Twitter-Webhooks-Signature-OAuth2 nor X-Twitter-Webhooks-Signature is set")
    for name, header, key in present:
        if _signature_matches(headers[header].strip(), body, key):
            return name
    raise BadSignature(f"{', '.join(header for _, header, _ in present)} does not match the body")


def x_crc_response(crc_token: str, secret: str) -> dict[str, str]:
    """The JSON answer to X's CRC ``GET ?crc_token=...``: ``sha256=`` + base64 HMAC-SHA256(secret, token).

    X documents no ``nonce`` for V2 webhooks. Use the OAuth 2.0 client secret when the app has one,
    else the OAuth 1.0a consumer secret (the same choice as for the POST signatures).
    """
    if not crc_token:
        raise MalformedPayload("crc_token is missing")
    return {"response_token": _PREFIX + base64.b64encode(_digest(crc_token.encode(), secret)).decode()}


def _signature_matches(header: str, body: bytes, key: str) -> bool:
    scheme, _, encoded = header.partition("=")
    if scheme.lower() != _PREFIX[:-1]:
        return False
    try:
        claimed = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        return False
    return hmac.compare_digest(claimed, _digest(body, key))


def _digest(message: bytes, secret: str) -> bytes:
    if not secret:
        # An empty key would let anyone who guesses the setup sign bodies.
        raise ValueError("the X signing secret must not be empty")
    return hmac.new(secret.encode(), message, hashlib.sha256).digest()


# --- normalising ------------------------------------------------------------------------------

_USERNAME = re.compile(r"[A-Za-z0-9_]{1,15}")
_V11_TIME = re.compile(r"[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})")
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), start=1
    )
}
_SNOWFLAKE_EPOCH_MS = 1288834974657
_AAA_IGNORED = {
    "favorite_events": "reaction",
    "follow_events": "follow_event",
    "unfollow_events": "follow_event",
    "block_events": "account_moderation",
    "unblock_events": "account_moderation",
    "mute_events": "account_moderation",
    "unmute_events": "account_moderation",
    "direct_message_indicate_typing_events": "typing_indicator",
    "direct_message_mark_read_events": "read_receipt",
    "spaces_events": "spaces_event",
}
_XAA_IGNORED = {
    "like.": "reaction",
    "follow.": "follow_event",
    "profile.update.": "profile_update",
    "mute.": "account_moderation",
    "block.": "account_moderation",
    "spaces.": "spaces_event",
    "news.": "news_event",
    "oauth.revoke": "app_revoked",
    "dm.read": "read_receipt",
    "dm.indicate_typing": "typing_indicator",
}
_COMPLIANCE_KEYS = frozenset(
    {"delete", "tweet_edit", "withheld", "drop", "undrop", "scrub_geo", "user_delete", "user_undelete"}
    | {"user_withheld", "user_protect", "user_unprotect", "user_suspend", "user_unsuspend"}
    | {"user_profile_modification"}
)


@dataclass(frozen=True, slots=True)
class _Ctx:
    """What every item of one payload shares."""

    account: str
    raw_sha256: str | None
    ingested_at: datetime
    source: Source
    handles: Mapping[str, str] = field(default_factory=dict)
    post_authors: Mapping[str, str] = field(default_factory=dict)
    media: Mapping[str, Attachment] = field(default_factory=dict)
    blocked: bool = False


_Result = Tip | Ignored
_Handler = Callable[[Any, _Ctx], _Result]


def normalize_x(
    payload: dict[str, Any],
    *,
    raw_sha256: str | None,
    ingested_at: datetime,
    source: Source = Source.WEBHOOK,
    account_id: str | None = None,
) -> NormalizedBatch:
    """Turn one X webhook body or API response into tips and ignored items; raise only RejectedPayload."""
    if ingested_at.tzinfo is None:
        raise ValueError("ingested_at must be timezone-aware")  # a caller bug, not a payload problem
    if not isinstance(payload, dict):
        raise MalformedPayload("payload is not a JSON object")
    ctx = _Ctx(account_id or "x", raw_sha256, ingested_at, source)
    results = list(_dispatch(payload, ctx))
    return NormalizedBatch.of(results)


def _dispatch(payload: dict[str, Any], ctx: _Ctx) -> Iterator[_Result]:
    data = payload.get("data")
    if "for_user_id" in payload or _AAA_KEYS & payload.keys():
        return _account_activity(payload, ctx)
    if isinstance(data, dict) and ("event_uuid" in data or "filter" in data):
        return _activity_event(data, ctx)
    if isinstance(data, dict) and len(data) == 1 and _COMPLIANCE_KEYS & data.keys():
        return _compliance(data, ctx)
    if {"data", "meta", "errors"} & payload.keys():
        return _v2_response(payload, ctx)
    raise UnsupportedPayload("not an X Account Activity, X Activity API or API v2 payload")


def _each(items: object, what: str, handler: _Handler, ctx: _Ctx) -> Iterator[_Result]:
    if not isinstance(items, list):
        yield _ignored(None, "malformed_item", f"{what} is not a list")
        return
    for item in items:
        yield _guarded(handler, item, ctx)


def _guarded(handler: _Handler, item: object, ctx: _Ctx) -> _Result:
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
    for inner in (item, item.get("status"), item.get("tweet")):
        if isinstance(inner, dict):
            found = _opt_sid(inner.get("id_str")) or _opt_sid(inner.get("id"))
            if found is not None:
                return found
    return None


# --- Account Activity API ---------------------------------------------------------------------

_AAA_HANDLERS: dict[str, _Handler] = {}  # filled below, once the handlers exist
_AAA_KEYS = frozenset(_AAA_IGNORED) | {
    "tweet_create_events",
    "tweet_delete_events",
    "direct_message_events",
    "user_event",
    "replay_job_status",
}


def _account_activity(payload: dict[str, Any], ctx: _Ctx) -> Iterator[_Result]:
    if "user_event" in payload:
        yield _ignored(None, "app_revoked", "user_event: the user revoked the app's access")
    if "replay_job_status" in payload:
        yield _ignored(None, "replay_status", "replay job status notice")
    present = [key for key in payload if key in _AAA_HANDLERS or key in _AAA_IGNORED]
    if not present:
        if not {"user_event", "replay_job_status"} & payload.keys():
            yield _ignored(None, "unsupported_item", "Account Activity payload without known events")
        return
    account = _opt_sid(payload.get("for_user_id"))
    if account is None:
        raise MalformedPayload("'for_user_id' is missing or not a string id")
    blocked = payload.get("user_has_blocked") in (True, "true")
    ctx = replace(ctx, account=account, handles=_user_map(payload.get("users")), blocked=blocked)
    for key in present:
        handler = _AAA_HANDLERS.get(key) or _ignore_as(_AAA_IGNORED[key], key)
        yield from _each(payload[key], key, handler, ctx)
    for key in payload:
        if isinstance(key, str) and key.endswith("_events") and key not in _AAA_KEYS:
            yield _ignored(None, "unsupported_item", f"Account Activity array {_label(key)}")


def _ignore_as(reason: str, what: str) -> _Handler:
    return lambda item, _ctx: _ignored(_guess_id(item), reason, what)


def _v11_tweet(item: object, ctx: _Ctx) -> _Result:
    tweet = _dict(item, "tweet")
    tweet_id = _sid(tweet.get("id_str"), "id_str")
    user = _dict(tweet.get("user"), "user")
    author = _sid(user.get("id_str"), "user.id_str")
    if author == ctx.account:
        return _ignored(tweet_id, "own_account_post", "post written by the police account itself")
    if "retweeted_status" in tweet:
        return _ignored(tweet_id, "repost", "a retweet carries no words of its own")
    if ctx.blocked:
        return _ignored(tweet_id, "blocked_author", "user_has_blocked: the police account blocked the author")
    parent_id, kind = _v11_parent(tweet, ctx.account)
    original, event = _edit_chain(tweet_id, _v11_history(tweet))
    return _tip(
        ctx,
        platform_message_id=original,
        event=event,
        kind=kind,
        author_id=author,
        author_handle=_handle(user.get("screen_name")),
        text=_v11_text(tweet),
        created_at=_v11_time(tweet),
        parent_id=parent_id,
        attachments=_v11_media(tweet),
        permalink=_permalink(tweet_id),
    )


def _v11_parent(tweet: dict[str, Any], account: str) -> tuple[str | None, TipKind]:
    reply_to = _opt_sid(tweet.get("in_reply_to_status_id_str"))
    if reply_to is not None:
        to_police = tweet.get("in_reply_to_user_id_str") == account
        return reply_to, TipKind.COMMENT if to_police else TipKind.POST
    quoted = tweet.get("quoted_status")
    if isinstance(quoted, dict) and isinstance(quoted.get("user"), dict) and quoted["user"].get("id_str") == account:
        return _opt_sid(tweet.get("quoted_status_id_str")) or _opt_sid(quoted.get("id_str")), TipKind.COMMENT
    return None, TipKind.POST


def _v11_history(tweet: dict[str, Any]) -> object:
    history = tweet.get("edit_history")
    if not isinstance(history, dict):
        return None
    initial = _opt_sid(history.get("initial_tweet_id"))
    return [initial] if initial is not None else history.get("edit_tweet_ids")


def _v11_text(tweet: dict[str, Any]) -> str | None:
    extended = tweet.get("extended_tweet")
    if tweet.get("truncated") is True and isinstance(extended, dict):
        full = _text(extended.get("full_text"), "extended_tweet.full_text")
        if full is not None:
            return full
    return _text(tweet.get("full_text", tweet.get("text")), "text")


def _v11_time(tweet: dict[str, Any]) -> datetime:
    if tweet.get("timestamp_ms") is not None:
        return _epoch_ms(tweet.get("timestamp_ms"), "timestamp_ms")
    # Parsed by hand: strptime's %a and %b follow the process locale.
    value = tweet.get("created_at")
    match = _V11_TIME.fullmatch(value) if isinstance(value, str) else None
    if match is None or match[1] not in _MONTHS:
        raise _ItemError("created_at is missing or not in the v1.1 format")
    mon, day, hour, minute, sec, sign, off_h, off_m, year = match.groups()
    offset = timedelta(hours=int(off_h), minutes=int(off_m)) * (-1 if sign == "-" else 1)
    try:
        local = datetime(int(year), _MONTHS[mon], int(day), int(hour), int(minute), int(sec), tzinfo=UTC)
        return local - offset
    except (ValueError, OverflowError) as exc:
        raise _ItemError("created_at is not a valid date") from exc


def _v11_media(tweet: dict[str, Any]) -> tuple[Attachment, ...]:
    extended = tweet.get("extended_tweet") if tweet.get("truncated") is True else None
    for holder in (extended, tweet):
        if not isinstance(holder, dict):
            continue
        for key in ("extended_entities", "entities"):
            entities = holder.get(key)
            media = entities.get("media") if isinstance(entities, dict) else None
            if isinstance(media, list) and media:
                return tuple(_v11_attachment(_dict(m, "media[]")) for m in media)
    return ()


def _v11_attachment(media: dict[str, Any]) -> Attachment:
    return Attachment(
        type=_opt_str(media.get("type")) or "media",
        url=_opt_str(media.get("media_url_https")),
        platform_id=_opt_sid(media.get("id_str")),
    )


def _v11_delete(item: object, ctx: _Ctx) -> _Result:
    event = _dict(item, "tweet_delete_event")
    status = _dict(event.get("status"), "status")
    tweet_id = _opt_sid(status.get("id_str")) or _sid(status.get("id"), "status.id")
    author = _opt_sid(status.get("user_id_str")) or _opt_sid(status.get("user_id"))
    if author == ctx.account:
        return _ignored(tweet_id, "own_account_post", "the police account deleted its own post")
    stamp = event.get("timestamp_ms")
    when = ctx.ingested_at if stamp is None else _epoch_ms(stamp, "timestamp_ms")
    return _tombstone(ctx, tweet_id, author, when)


def _v11_dm(item: object, ctx: _Ctx) -> _Result:
    event = _dict(item, "direct_message_event")
    dm_id = _sid(event.get("id"), "id")
    if event.get("type") != "message_create":
        return _ignored(dm_id, "unsupported_item", f"direct message event type {_label(event.get('type'))}")
    create = _dict(event.get("message_create"), "message_create")
    sender = _sid(create.get("sender_id"), "message_create.sender_id")
    if sender == ctx.account:
        return _ignored(dm_id, "own_account_dm", "direct message sent by the police account itself")
    data = _dict(create.get("message_data"), "message_data")
    text = _text(data.get("text"), "message_data.text")
    attachments = _dm_attachment(data.get("attachment"))
    if text is None and not attachments:
        return _ignored(dm_id, "empty_message", "direct message has neither text nor attachment")
    return _tip(
        ctx,
        platform_message_id=dm_id,
        kind=TipKind.DM,
        author_id=sender,
        author_handle=_handle(ctx.handles.get(sender)),
        text=text,
        created_at=_epoch_ms(event.get("created_timestamp"), "created_timestamp"),
        attachments=attachments,
    )


def _dm_attachment(raw: object) -> tuple[Attachment, ...]:
    if raw is None:
        return ()
    media = _dict(_dict(raw, "message_data.attachment").get("media"), "attachment.media")
    # The docs elide the media object's fields; these are the v1.1 media entity's.
    return (_v11_attachment(media),)


_AAA_HANDLERS.update(
    tweet_create_events=_v11_tweet,
    tweet_delete_events=_v11_delete,
    direct_message_events=_v11_dm,
)


# --- X Activity API ---------------------------------------------------------------------------


def _activity_event(data: dict[str, Any], ctx: _Ctx) -> Iterator[_Result]:
    event_type = data.get("event_type")
    if not isinstance(event_type, str):
        raise MalformedPayload("'data.event_type' is missing or not a string")
    filt = data.get("filter")
    user_id = _opt_sid(filt.get("user_id")) if isinstance(filt, dict) else None
    payload = data.get("payload")
    includes = data.get("includes")
    includes = includes if isinstance(includes, dict) else {}
    handles = {**_user_map(includes.get("users")), **_user_map(_get(payload, "users"))}
    ctx = replace(
        ctx,
        account=user_id or ctx.account,
        handles=handles,
        post_authors=_post_authors(includes),
        media=_media_map(includes.get("media")),
    )
    if event_type == "dm.received":
        return _each(_get(payload, "direct_message_events"), "direct_message_events", _v11_dm, ctx)
    if event_type == "dm.sent":
        handler = _ignore_as("own_account_dm", "dm.sent: written by the police account")
        return _each(_get(payload, "direct_message_events"), "direct_message_events", handler, ctx)
    return iter([_guarded(_activity_handler(event_type), payload, ctx)])


def _activity_handler(event_type: str) -> _Handler:
    if event_type in ("post.create", "post.mention.create"):
        return _v2_post
    if event_type == "post.delete":
        return _v2_delete
    if event_type.startswith("chat."):
        return _ignore_as("encrypted_chat", "XChat payload is ciphertext, unreadable without the XChat keys")
    for prefix, reason in _XAA_IGNORED.items():
        if event_type.startswith(prefix):
            return _ignore_as(reason, f"event_type {_label(event_type)}")
    return _ignore_as("unsupported_item", f"event_type {_label(event_type)}")


def _v2_delete(item: object, ctx: _Ctx) -> _Result:
    payload = _dict(item, "payload")
    post_id = _sid(payload.get("id"), "payload.id")
    author = _opt_sid(payload.get("author_id"))
    if author == ctx.account:
        return _ignored(post_id, "own_account_post", "the police account deleted its own post")
    return _tombstone(ctx, post_id, author, ctx.ingested_at)


# --- API v2 responses and the compliance stream -----------------------------------------------


def _v2_response(payload: dict[str, Any], ctx: _Ctx) -> Iterator[_Result]:
    data = payload.get("data")
    if data is not None and not isinstance(data, list | dict):
        raise MalformedPayload("'data' must be a list or an object")
    includes = payload.get("includes")
    includes = includes if isinstance(includes, dict) else {}
    ctx = replace(
        ctx,
        handles=_user_map(includes.get("users")),
        post_authors=_post_authors(includes),
        media=_media_map(includes.get("media")),
    )
    items = [] if data is None else data if isinstance(data, list) else [data]
    for item in items:
        is_dm = isinstance(item, dict) and "event_type" in item
        yield _guarded(_v2_dm if is_dm else _v2_post, item, ctx)
    errors = payload.get("errors")
    if isinstance(errors, list):
        yield from (_api_error(error) for error in errors)


def _api_error(error: object) -> Ignored:
    # Partial errors (a deleted referenced post, a suspended author) and stream notices: not messages.
    error = error if isinstance(error, dict) else {}
    resource = _opt_sid(error.get("resource_id")) or _opt_sid(error.get("value"))
    return _ignored(resource, "api_error", f"error {_label(error.get('title'))}")


def _v2_post(item: object, ctx: _Ctx) -> _Result:
    post = _dict(item, "post")
    post_id = _sid(post.get("id"), "id")
    author = _opt_sid(post.get("author_id"))
    if author is not None and author == ctx.account:
        return _ignored(post_id, "own_account_post", "post written by the police account itself")
    references = _references(post)
    if "retweeted" in references:
        return _ignored(post_id, "repost", "a repost carries no words of its own")
    parent_id, kind = _v2_parent(post, references, ctx)
    original, event = _edit_chain(post_id, post.get("edit_history_tweet_ids"))
    return _tip(
        ctx,
        platform_message_id=original,
        event=event,
        kind=kind,
        author_id=author,
        author_handle=_handle(ctx.handles.get(author or "")),
        text=_v2_text(post),
        created_at=_iso_or_snowflake(post.get("created_at"), post_id),
        parent_id=parent_id,
        attachments=_v2_media(post, ctx),
        permalink=_permalink(post_id),
    )


def _references(post: dict[str, Any]) -> dict[str, str]:
    refs = post.get("referenced_tweets")
    if refs is None:
        return {}
    if not isinstance(refs, list):
        raise _ItemError("referenced_tweets is not a list")
    found: dict[str, str] = {}
    for raw in refs:
        ref = _dict(raw, "referenced_tweets[]")
        found[_sid(ref.get("type"), "referenced_tweets[].type")] = _sid(ref.get("id"), "referenced_tweets[].id")
    return found


def _v2_parent(post: dict[str, Any], refs: dict[str, str], ctx: _Ctx) -> tuple[str | None, TipKind]:
    if "replied_to" in refs:
        to_police = post.get("in_reply_to_user_id") == ctx.account
        return refs["replied_to"], TipKind.COMMENT if to_police else TipKind.POST
    quoted = refs.get("quoted")
    if quoted is not None and ctx.post_authors.get(quoted) == ctx.account:
        return quoted, TipKind.COMMENT
    return None, TipKind.POST


def _v2_text(post: dict[str, Any]) -> str | None:
    note = post.get("note_tweet")
    if isinstance(note, dict):
        long_text = _text(note.get("text"), "note_tweet.text")
        if long_text is not None:
            return long_text  # `text` holds only the first 280 characters of a long post
    return _text(post.get("text"), "text")


def _v2_media(item: dict[str, Any], ctx: _Ctx) -> tuple[Attachment, ...]:
    attachments = item.get("attachments")
    keys = attachments.get("media_keys") if isinstance(attachments, dict) else None
    if not isinstance(keys, list):
        return ()
    found = [_sid(key, "attachments.media_keys[]") for key in keys]
    return tuple(ctx.media.get(key) or Attachment(type="media", platform_id=key) for key in found)


def _v2_dm(item: object, ctx: _Ctx) -> _Result:
    event = _dict(item, "dm_event")
    dm_id = _sid(event.get("id"), "id")
    if event.get("event_type") != "MessageCreate":
        return _ignored(dm_id, "dm_participants", f"dm event_type {_label(event.get('event_type'))}")
    sender = _sid(event.get("sender_id"), "sender_id")
    if sender == ctx.account:
        return _ignored(dm_id, "own_account_dm", "direct message sent by the police account itself")
    text = _text(event.get("text"), "text")
    attachments = _v2_media(event, ctx)
    if text is None and not attachments:
        return _ignored(dm_id, "empty_message", "direct message has neither text nor attachment")
    return _tip(
        ctx,
        platform_message_id=dm_id,
        kind=TipKind.DM,
        author_id=sender,
        author_handle=_handle(ctx.handles.get(sender)),
        text=text,
        created_at=_iso_or_snowflake(event.get("created_at"), dm_id),
        attachments=attachments,
    )


def _compliance(data: dict[str, Any], ctx: _Ctx) -> Iterator[_Result]:
    ((key, event),) = data.items()
    if key != "delete":
        # Edits arrive as new posts with their history; withheld/drop/user events change no tip's words.
        yield _ignored(_guess_id(event), "compliance_event", f"compliance {key}")
        return
    yield _guarded(_compliance_delete, event, ctx)


def _compliance_delete(item: object, ctx: _Ctx) -> _Result:
    event = _dict(item, "delete")
    post = _dict(event.get("tweet"), "delete.tweet")
    post_id = _sid(post.get("id"), "delete.tweet.id")
    author = _opt_sid(post.get("author_id"))
    if author is not None and author == ctx.account:
        return _ignored(post_id, "own_account_post", "the police account deleted its own post")
    stamp = event.get("event_at")
    return _tombstone(ctx, post_id, author, ctx.ingested_at if stamp is None else _iso(stamp, "event_at"))


# --- shared builders --------------------------------------------------------------------------


def _tip(ctx: _Ctx, *, platform_message_id: str, **fields: Any) -> Tip:
    return Tip(
        tip_id=tip_id_for(Platform.X, platform_message_id),
        platform=Platform.X,
        platform_message_id=platform_message_id,
        received_on=ctx.account,
        source=ctx.source,
        raw_sha256=ctx.raw_sha256,
        ingested_at=ctx.ingested_at,
        **fields,
    )


def _tombstone(ctx: _Ctx, post_id: str, author: str | None, when: datetime) -> Tip:
    return _tip(
        ctx, platform_message_id=post_id, event=TipEvent.DELETE, kind=TipKind.POST, author_id=author, created_at=when
    )


def _edit_chain(post_id: str, history: object) -> tuple[str, TipEvent]:
    """An edited post has a new id; its history's first id is the original, the tip to update."""
    if not isinstance(history, list) or not history:
        return post_id, TipEvent.NEW
    original = _sid(history[0], "edit history id")
    return (post_id, TipEvent.NEW) if original == post_id else (original, TipEvent.EDIT)


def _ignored(message_id: str | None, reason: str, detail: str) -> Ignored:
    return Ignored(platform_message_id=message_id, reason=reason, detail=detail)


def _permalink(post_id: str) -> str:
    return f"https://x.com/i/web/status/{post_id}"


def _user_map(users: object) -> dict[str, str]:
    """User id -> username, from a v2 ``includes.users`` list or an AAA/XAA ``users`` map."""
    entries: Iterable[object] = users.values() if isinstance(users, dict) else users if isinstance(users, list) else ()
    found: dict[str, str] = {}
    for entry in entries:
        user = entry.get("data", entry) if isinstance(entry, dict) else None  # XAA wraps users in {"data": ...}
        if not isinstance(user, dict):
            continue
        user_id = _opt_sid(user.get("id_str")) or _opt_sid(user.get("id"))
        name = _opt_str(user.get("username")) or _opt_str(user.get("screen_name"))
        if user_id is not None and name is not None:
            found[user_id] = name
    return found


def _post_authors(includes: dict[str, Any]) -> dict[str, str]:
    posts = includes.get("tweets")
    pairs = (_post_author(post) for post in posts) if isinstance(posts, list) else ()
    return dict(pair for pair in pairs if pair is not None)


def _post_author(post: object) -> tuple[str, str] | None:
    if not isinstance(post, dict):
        return None
    post_id, author = _opt_sid(post.get("id")), _opt_sid(post.get("author_id"))
    return (post_id, author) if post_id is not None and author is not None else None


def _media_map(media: object) -> dict[str, Attachment]:
    found: dict[str, Attachment] = {}
    for item in media if isinstance(media, list) else ():
        key = _opt_sid(item.get("media_key")) if isinstance(item, dict) else None
        if isinstance(item, dict) and key is not None:
            url = _opt_str(item.get("url")) or _opt_str(item.get("preview_image_url"))
            found[key] = Attachment(type=_opt_str(item.get("type")) or "media", url=url, platform_id=key)
    return found


def _handle(value: object) -> str | None:
    return f"@{value}" if isinstance(value, str) and _USERNAME.fullmatch(value) else None


# --- small typed getters ----------------------------------------------------------------------


def _get(value: object, key: str) -> object:
    return value.get(key) if isinstance(value, dict) else None


def _sid(value: object, what: str) -> str:
    found = _opt_sid(value)
    if found is None:
        raise _ItemError(f"{what} is missing or not a string id")
    return found


def _opt_sid(value: object) -> str | None:
    # Only strings: a numeric X id may already have been rounded by a float-based parser upstream.
    return value if isinstance(value, str) and value.strip() else None


def _epoch_ms(value: object, what: str) -> datetime:
    """X sends epoch milliseconds as strings (``timestamp_ms``, ``created_timestamp``); ints are accepted."""
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 15:
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _ItemError(f"{what} is missing or not epoch milliseconds")
    seconds, millis = divmod(value, 1000)
    try:
        return datetime.fromtimestamp(seconds, UTC) + timedelta(milliseconds=millis)
    except (OverflowError, OSError, ValueError) as exc:
        raise _ItemError(f"{what} is out of range") from exc


def _iso(value: object, what: str) -> datetime:
    if not isinstance(value, str):
        raise _ItemError(f"{what} is missing or not a string")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise _ItemError(f"{what} is not an ISO 8601 time") from exc
    if parsed.tzinfo is None:
        raise _ItemError(f"{what} has no time zone")
    try:
        return parsed.astimezone(UTC)
    except OverflowError as exc:
        raise _ItemError(f"{what} is out of range") from exc


def _iso_or_snowflake(value: object, post_id: str) -> datetime:
    """``created_at`` is not a default v2 field; a snowflake id still carries its creation time."""
    if value is not None:
        return _iso(value, "created_at")
    if not (post_id.isascii() and post_id.isdigit() and len(post_id) <= 20):
        raise _ItemError("created_at is missing and the id is not a snowflake")
    return _epoch_ms((int(post_id) >> 22) + _SNOWFLAKE_EPOCH_MS, "snowflake time")
