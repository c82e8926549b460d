"""``tipline ingest FILE``: import an export of tips into the store, in batches."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from rich.progress import Progress

from services.ingest.errors import RejectedPayload
from services.ingest.importer import iter_import_file
from services.ingest.normalized import NormalizedBatch
from services.ingest.tasks import build_ingest
from shared.contracts import Tip
from shared.runtime import Runtime

BATCH = 500


def import_file(runtime: Runtime, path: Path) -> dict[str, object]:
    """Store every good line of ``path``; report new, duplicate and rejected lines with reasons."""
    service, relay = build_ingest(runtime)
    summary: dict[str, object] = {"new": 0, "duplicates": 0, "rejected": 0, "reasons": []}
    reasons: list[str] = []
    pending: list[Tip] = []

    def flush() -> None:
        result = service.store(NormalizedBatch(tips=tuple(pending)), raw=None)
        summary["new"] = int(str(summary["new"])) + len(result.new)
        summary["duplicates"] = int(str(summary["duplicates"])) + len(result.duplicates)
        pending.clear()

    with Progress(transient=True) as progress:
        task = progress.add_task("importing", total=path.stat().st_size)
        for line_no, item in iter_import_file(path, datetime.now(UTC)):
            if isinstance(item, RejectedPayload):
                reasons.append(f"line {line_no}: {item.reason}")
            else:
                pending.append(item)
            if len(pending) >= BATCH:
                flush()
            progress.update(task, completed=min(path.stat().st_size, line_no * 200))
        if pending:
            flush()
    summary["rejected"] = len(reasons)
    summary["reasons"] = reasons
    # With the in-memory broker nothing would receive the tips: they stay pending in the
    # outbox until a relay with a real broker (``tipline serve``) forwards them.
    if not runtime.settings.uses_embedded_broker:
        summary["forwarded"] = relay.forward_all()
    return summary
