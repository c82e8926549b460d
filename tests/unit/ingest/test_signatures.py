"""Meta signature checks against the shared fixture vectors."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.ingest.errors import BadSignature, MissingSignature
from services.ingest.signatures import sign_meta, verify_meta_signature

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "facebook"
SECRET = "test-meta-app-secret-not-real"
VECTORS = {
    "feed_comment_add.json": "sha256=3037cab686e7140f62d9c9a46ee5e9210a18504186c7b89ce335e440c03d8da7",
    "messenger_text.json": "sha256=4b56ad4b7bdda1ae6feb739562a6c2e40d968d7e0b1fdac1b9024c6b8359e792",
}


@pytest.mark.parametrize(("name", "header"), VECTORS.items())
def test_fixture_vectors_verify(name: str, header: str) -> None:
    body = (FIXTURES / name).read_bytes()
    verify_meta_signature(body, header, SECRET)
    assert sign_meta(body, SECRET) == header


@pytest.mark.parametrize(("name", "header"), VECTORS.items())
def test_one_changed_byte_fails(name: str, header: str) -> None:
    body = bytearray((FIXTURES / name).read_bytes())
    body[len(body) // 2] ^= 0x01
    with pytest.raises(BadSignature):
        verify_meta_signature(bytes(body), header, SECRET)


def test_reserialised_body_fails() -> None:
    # Re-encoding the JSON changes the bytes Meta signed, so it must not verify.
    body = (FIXTURES / "feed_comment_add.json").read_bytes()
    compact = body.replace(b"\n", b"").replace(b"  ", b"")
    with pytest.raises(BadSignature):
        verify_meta_signature(compact, VECTORS["feed_comment_add.json"], SECRET)


def test_wrong_secret_fails() -> None:
    body = (FIXTURES / "messenger_text.json").read_bytes()
    with pytest.raises(BadSignature):
        verify_meta_signature(body, VECTORS["messenger_text.json"], SECRET + "x")


@pytest.mark.parametrize("header", [None, "", "   "])
def test_missing_header(header: str | None) -> None:
    with pytest.raises(MissingSignature) as caught:
        verify_meta_signature(b"{}", header, SECRET)
    assert caught.value.status_code == 401


@pytest.mark.parametrize(
    "header",
    [
        "3037cab686e7140f62d9c9a46ee5e9210a18504186c7b89ce335e440c03d8da7",
        "sha1=3037cab686e7140f62d9c9a46ee5e9210a18504186c7b89ce335e440c03d8da7",
        "sha256=3037cab686e7140f62d9c9a46ee5e9210a18504186c7b89ce335e440c03d8d",
        "sha256=zz37cab686e7140f62d9c9a46ee5e9210a18504186c7b89ce335e440c03d8da7",
        "sha256=ä037cab686e7140f62d9c9a46ee5e9210a18504186c7b89ce335e440c03d8da7",
        "sha256=",
    ],
)
def test_malformed_header_is_bad_signature(header: str) -> None:
    body = (FIXTURES / "feed_comment_add.json").read_bytes()
    with pytest.raises(BadSignature) as caught:
        verify_meta_signature(body, header, SECRET)
    assert caught.value.status_code == 403


def test_uppercase_hex_is_accepted() -> None:
    body = (FIXTURES / "feed_comment_add.json").read_bytes()
    verify_meta_signature(body, VECTORS["feed_comment_add.json"].upper().replace("SHA256", "sha256"), SECRET)


def test_empty_secret_is_refused() -> None:
    with pytest.raises(ValueError, match="must not be empty"):
        sign_meta(b"{}", "")
