"""``tipline ingest FILE``: a resumable import with a progress bar."""

from __future__ import annotations

from pathlib import Path

from rich.progress import Progress

from services.ingest.imports import FileImporter
from services.ingest.tasks import build_ingest
from shared.runtime import Runtime


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for _ in handle)


def import_file(runtime: Runtime, path: Path) -> dict[str, object]:
    """Import ``path``; report new, duplicate and rejected records (with reasons)."""
    service, relay = build_ingest(runtime)
    with Progress(transient=True) as progress:
        task = progress.add_task(f"importing {path.name}", total=_count_lines(path))
        report = FileImporter(service).run(path, on_progress=lambda line: progress.update(task, completed=line))
    summary = report.as_dict()
    # With the in-memory broker nothing would receive the tips: they stay pending in the
    # outbox until a relay with a real broker (``tipline serve``) forwards them.
    if not runtime.settings.uses_embedded_broker:
        summary["forwarded"] = relay.forward_all()
    return summary
