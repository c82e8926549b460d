"""verify_x and x_crc_response beyond the shipped vectors."""

from __future__ import annotations

import base64
import hashlib
import hmac

import pytest

from services.ingest.errors import BadSignature, MalformedPayload, MissingSignature
from services.ingest.platforms.x import verify_x, x_crc_response

BODY = b'{"for_user_id":"1587654321098765432","favorite_events":[]}'
CONSUMER = "consumer-secret"
CLIENT = "client-secret"


def sign(body: bytes, secret: str) -> str:
    return "sha256=" + base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def test_crc_response_known_vector() -> None:
    # Independent vector: printf challenge_string | openssl dgst -sha256 -hmac <secret> -binary | base64
    assert x_crc_response("challenge_string", "test-x-consumer-secret-not-real") == {
        "response_token": "sha256=V7SxESj8oJrq61tttUHtdoNwFety9Nxd/a3e4yYK2so="
    }


def test_crc_response_depends_on_secret_and_token() -> None:
    first = x_crc_response("token-a", CONSUMER)["response_token"]
    assert first != x_crc_response("token-b", CONSUMER)["response_token"]
    assert first != x_crc_response("token-a", CLIENT)["response_token"]


def test_crc_without_token_is_rejected() -> None:
    with pytest.raises(MalformedPayload):
        x_crc_response("", CONSUMER)


def test_no_header_is_missing_signature() -> None:
    with pytest.raises(MissingSignature):
        verify_x(BODY, {"content-type": "application/json"}, CONSUMER)


def test_blank_header_is_missing_signature() -> None:
    with pytest.raises(MissingSignature):
        verify_x(BODY, {"x-twitter-webhooks-signature": "  "}, CONSUMER)


def test_one_good_header_is_enough() -> None:
    headers = {
        "x-twitter-webhooks-signature-oauth2": "sha256=AAAA",
        "x-twitter-webhooks-signature": sign(BODY, CONSUMER),
    }
    assert verify_x(BODY, headers, CONSUMER, oauth2_secret=CLIENT) == "x-consumer"


def test_consumer_header_is_not_checked_with_the_client_secret() -> None:
    headers = {"x-twitter-webhooks-signature": sign(BODY, CLIENT)}
    with pytest.raises(BadSignature):
        verify_x(BODY, headers, CONSUMER, oauth2_secret=CLIENT)


@pytest.mark.parametrize(
    "value",
    [
        "sha256=not base64!",
        "sha1=" + sign(BODY, CONSUMER)[len("sha256=") :],
        sign(BODY, CONSUMER)[len("sha256=") :],
        sign(BODY + b" ", CONSUMER),
        "sha256=" + hmac.new(CONSUMER.encode(), BODY, hashlib.sha256).hexdigest(),
    ],
)
def test_wrong_or_malformed_signature_is_bad(value: str) -> None:
    with pytest.raises(BadSignature) as caught:
        verify_x(BODY, {"x-twitter-webhooks-signature": value}, CONSUMER)
    assert "x-twitter-webhooks-signature" in caught.value.reason


def test_scheme_name_is_case_insensitive() -> None:
    value = "SHA256=" + sign(BODY, CONSUMER)[len("sha256=") :]
    assert verify_x(BODY, {"x-twitter-webhooks-signature": value}, CONSUMER) == "x-consumer"


def test_empty_secret_is_a_configuration_error() -> None:
    with pytest.raises(ValueError, match="must not be empty"):
        verify_x(BODY, {"x-twitter-webhooks-signature": sign(BODY, CONSUMER)}, "")
