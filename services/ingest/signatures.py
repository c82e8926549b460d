"""Meta's ``X-Hub-Signature-256`` check: HMAC-SHA256 of the raw body with the app secret."""

from __future__ import annotations

import hashlib
import hmac
import re

from services.ingest.errors import BadSignature, MissingSignature

_PREFIX = "sha256="
_HEX_DIGEST = re.compile(r"[0-9a-fA-F]{64}")


def sign_meta(body: bytes, app_secret: str) -> str:
    """Return the ``X-Hub-Signature-256`` header value Meta would send for ``body``."""
    return _PREFIX + _digest(body, app_secret).hex()


def verify_meta_signature(body: bytes, header: str | None, app_secret: str) -> None:
    """Raise MissingSignature or BadSignature unless ``header`` signs the exact bytes of ``body``."""
    if header is None or not header.strip():
        raise MissingSignature("X-Hub-Signature-256 header is missing")
    claimed = _parse_header(header.strip())
    if not hmac.compare_digest(claimed, _digest(body, app_secret)):
        raise BadSignature("X-Hub-Signature-256 does not match the body")


def _parse_header(header: str) -> bytes:
    scheme, _, hex_digest = header.partition("=")
    # Only the scheme name is case-folded: Meta documents lowercase, proxies sometimes are not careful.
    if scheme.lower() != _PREFIX[:-1] or not _HEX_DIGEST.fullmatch(hex_digest):
        raise BadSignature("X-Hub-Signature-256 is not of the form sha256=<64 hex digits>")
    return bytes.fromhex(hex_digest)


def _digest(body: bytes, app_secret: str) -> bytes:
    if not app_secret:
        # An empty key would make every forged body "valid" for anyone who guesses the setup.
        raise ValueError("the Meta app secret must not be empty")
    return hmac.new(app_secret.encode(), body, hashlib.sha256).digest()
