"""An auditor's tools over the audit trail: export with checkpoints, and the read-only audit API."""

import base64
import csv
import json
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from fastapi import APIRouter, Depends, Header, HTTPException

from services.referral.api import scope_for
from services.referral.desk import Scope
from shared import audit
from shared.checkpoints import Checkpoint, public_key_b64, signing_key
from shared.contracts import AuditEvent
from shared.runtime import Runtime

CSV_FIELDS = ["seq", "at", "subject", "stage", "action", "actor", "details", "prev_hash", "hash"]


def export(runtime: Runtime, out: Path, start: datetime | None, end: datetime | None) -> dict[str, Any]:
    """Write events as JSON Lines and CSV, with a signed checkpoint of the last one and the public key."""
    out.mkdir(parents=True, exist_ok=True)
    with runtime.sessions() as session:
        events = list(audit.events_between(session, start, end))
    with (
        (out / "events.jsonl").open("w", encoding="utf-8") as jsonl,
        (out / "events.csv").open("w", encoding="utf-8", newline="") as table,
    ):
        writer = csv.DictWriter(table, fieldnames=CSV_FIELDS)
        writer.writeheader()
        for event in events:
            jsonl.write(event.model_dump_json(exclude={"schema_version"}) + "\n")
            writer.writerow(
                {
                    **event.model_dump(mode="json", exclude={"schema_version"}),
                    "details": json.dumps(event.details, sort_keys=True),
                }
            )
    key = signing_key(runtime.settings.audit_signing_key)
    if events:
        last = events[-1]
        unsigned = Checkpoint(last.seq, last.hash, audit.format_at(last.at), "")
        signed = Checkpoint(
            unsigned.seq, unsigned.hash, unsigned.at, base64.b64encode(key.sign(unsigned.message())).decode()
        )
        (out / "checkpoint.json").write_text(signed.to_json() + "\n")
    (out / "public_key.txt").write_text(public_key_b64(key) + "\n")
    return {"events": len(events), "directory": str(out)}


def verify_export(directory: Path) -> str | None:
    """Verify an export on its own: the events' hashes and links, and the signed last hash."""

    lines = (directory / "events.jsonl").read_text(encoding="utf-8").splitlines()
    events = [AuditEvent.model_validate_json(line) for line in lines]
    problem = audit.verify_events(events)
    if problem or not events:
        return problem
    checkpoint = Checkpoint.from_json((directory / "checkpoint.json").read_text())
    public = Ed25519PublicKey.from_public_bytes(base64.b64decode((directory / "public_key.txt").read_text().strip()))
    try:
        public.verify(base64.b64decode(checkpoint.signature), checkpoint.message())
    except InvalidSignature:
        return "the checkpoint's signature does not match the public key"
    if (checkpoint.seq, checkpoint.hash) != (events[-1].seq, events[-1].hash):
        return "the last event is not the one the checkpoint signed"
    return None


def build_audit_router(runtime: Runtime) -> APIRouter:
    """``/audit``: trace and verify, for auditor tokens only."""
    router = APIRouter(prefix="/audit", tags=["audit"])

    def auditor(authorization: Annotated[str | None, Header()] = None) -> Scope:
        scope = scope_for(authorization, runtime.settings.desk_tokens)
        if not scope.is_auditor:
            raise HTTPException(403, "the audit API needs an auditor's token")
        return scope

    @router.get("/trace/{subject}")
    def trace(subject: str, _: Annotated[Scope, Depends(auditor)]) -> list[dict[str, Any]]:
        """A tip's or ticket's whole story, in order."""
        with runtime.sessions() as session:
            events = audit.trace(session, subject)
        if not events:
            raise HTTPException(404, f"no audit events for {subject}")
        return [event.model_dump(mode="json", exclude={"schema_version"}) for event in events]

    @router.get("/verify")
    def verify(_: Annotated[Scope, Depends(auditor)]) -> dict[str, Any]:
        """Recompute the chain; name the first broken link."""
        with runtime.sessions() as session:
            report = audit.verify(session)
        return {
            "ok": report.ok,
            "checked": report.checked,
            "head_seq": report.head_seq,
            "first_bad_seq": report.first_bad_seq,
            "problem": report.problem,
        }

    return router
