"""Resumable file imports: store an export in batches and remember how far it got.

Progress is kept per file content (its SHA-256), so an interrupted import of the same file
resumes after the last committed batch; a changed file starts afresh. Dedup on (platform,
message id) makes even a repeated batch harmless.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from services.ingest.errors import RejectedPayload
from services.ingest.importer import iter_import_file
from services.ingest.normalized import NormalizedBatch
from services.ingest.service import IngestService
from shared.contracts import Tip
from shared.storage.db import transaction
from shared.storage.models import ImportProgressRow

BATCH = 500


@dataclass
class ImportReport:
    new: int = 0
    duplicates: int = 0
    rejected: list[str] = field(default_factory=list)
    resumed_after_line: int = 0

    def as_dict(self) -> dict[str, object]:
        return {
            "new": self.new,
            "duplicates": self.duplicates,
            "rejected": len(self.rejected),
            "reasons": self.rejected,
            "resumed_after_line": self.resumed_after_line,
        }


def file_sha256(path: Path) -> str:
    """The content hash that identifies an import."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class FileImporter:
    """Imports one file through the ingest store, committing progress with every batch."""

    def __init__(self, service: IngestService, batch_size: int = BATCH) -> None:
        self._service = service
        self._sessions = service.sessions
        self._batch_size = batch_size

    def run(self, path: Path, on_progress: Callable[[int], None] = lambda _: None) -> ImportReport:
        """Import ``path``, skipping what an earlier run of the same file already committed."""
        digest = file_sha256(path)
        report = ImportReport(resumed_after_line=self._lines_done(digest))
        pending: list[Tip] = []
        last_line = report.resumed_after_line
        for line_no, item in iter_import_file(path, datetime.now(UTC)):
            if line_no <= report.resumed_after_line:
                continue
            last_line = line_no
            if isinstance(item, RejectedPayload):
                report.rejected.append(item.reason)
            else:
                pending.append(item)
            if len(pending) >= self._batch_size:
                self._flush(pending, report, digest, path, line_no)
                on_progress(line_no)
        self._flush(pending, report, digest, path, last_line)
        on_progress(last_line)
        return report

    def _flush(self, pending: list[Tip], report: ImportReport, digest: str, path: Path, line_no: int) -> None:
        if pending:
            result = self._service.store(NormalizedBatch(tips=tuple(pending)), raw=None)
            report.new += len(result.new)
            report.duplicates += len(result.duplicates)
            pending.clear()
        self._save_progress(digest, path, line_no)

    def _lines_done(self, digest: str) -> int:
        with self._sessions() as session:
            row = session.get(ImportProgressRow, digest)
            return row.lines_done if row else 0

    def _save_progress(self, digest: str, path: Path, line_no: int) -> None:
        with transaction(self._sessions) as session:
            row = session.get(ImportProgressRow, digest)
            now = datetime.now(UTC)
            if row is None:
                session.add(ImportProgressRow(file_sha256=digest, path=str(path), lines_done=line_no, updated_at=now))
            else:
                row.lines_done, row.updated_at = max(row.lines_done, line_no), now
