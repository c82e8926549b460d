"""Signed checkpoints of the audit chain, for auditors to keep outside the database.

A checkpoint is the chain head (sequence number and hash) at a moment, signed with the audit
key (Ed25519). An auditor keeps the checkpoint file and the public key; later, if anyone
rewrites history — even recomputing every hash so the chain verifies on its own — the events at
the checkpointed sequence numbers no longer carry the signed hashes, and verification says so.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy import select
from sqlalchemy.orm import Session

from shared.storage.models import AuditEventRow, AuditHeadRow


@dataclass(frozen=True, slots=True)
class Checkpoint:
    seq: int
    hash: str
    at: str
    signature: str

    def message(self) -> bytes:
        return f"tipline-audit-checkpoint|{self.seq}|{self.hash}|{self.at}".encode()

    def to_json(self) -> str:
        return json.dumps({"seq": self.seq, "hash": self.hash, "at": self.at, "signature": self.signature})

    @classmethod
    def from_json(cls, line: str) -> Checkpoint:
        data = json.loads(line)
        return cls(int(data["seq"]), str(data["hash"]), str(data["at"]), str(data["signature"]))


def signing_key(seed_b64: str) -> Ed25519PrivateKey:
    """The audit signing key from its base64 32-byte seed (settings: ``TIPLINE_AUDIT_SIGNING_KEY``)."""
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(seed_b64))


def public_key_b64(key: Ed25519PrivateKey) -> str:
    """The public half an auditor needs, base64."""
    return base64.b64encode(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)).decode()


def take_checkpoint(session: Session, key: Ed25519PrivateKey, now: datetime | None = None) -> Checkpoint:
    """Sign the current chain head."""
    head = session.execute(select(AuditHeadRow).where(AuditHeadRow.id == 1)).scalar_one()
    at = (now or datetime.now(UTC)).isoformat()
    unsigned = Checkpoint(head.seq, head.hash, at, "")
    signature = base64.b64encode(key.sign(unsigned.message())).decode()
    return Checkpoint(head.seq, head.hash, at, signature)


@dataclass(frozen=True, slots=True)
class CheckpointProblem:
    seq: int
    problem: str


def check_checkpoints(
    session: Session, checkpoints: Iterable[Checkpoint], public_key_b64_: str
) -> list[CheckpointProblem]:
    """Every checkpoint whose signature fails or whose event no longer carries the signed hash."""
    public = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key_b64_))
    problems: list[CheckpointProblem] = []
    for checkpoint in checkpoints:
        try:
            public.verify(base64.b64decode(checkpoint.signature), checkpoint.message())
        except (InvalidSignature, ValueError):
            problems.append(CheckpointProblem(checkpoint.seq, "the checkpoint's signature is not the audit key's"))
            continue
        if checkpoint.seq == 0:
            continue
        row = session.get(AuditEventRow, checkpoint.seq)
        if row is None:
            problems.append(CheckpointProblem(checkpoint.seq, "the checkpointed event is missing: history was cut"))
        elif row.hash != checkpoint.hash:
            problems.append(
                CheckpointProblem(checkpoint.seq, "the event differs from the signed one: history was rewritten")
            )
    return problems


def append_checkpoint(session: Session, key: Ed25519PrivateKey, path: Path) -> Checkpoint:
    """Sign the chain head and append it to ``path`` (one JSON object a line)."""
    checkpoint = take_checkpoint(session, key)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(checkpoint.to_json() + "\n")
    return checkpoint
