"""Resumable imports of JSON Lines and CSV exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from services.ingest.imports import FileImporter
from services.ingest.service import IngestService
from shared.storage.models import TipRow


def _record(n: int) -> dict[str, str]:
    return {
        "id": f"exp-{n}",
        "platform": "instagram",
        "kind": "comment",
        "received_on": "@politie_utrecht",
        "created_at": "2026-02-01T10:00:00Z",
        "text": f"melding {n}: scooters op de stoep bij de Neude",
    }


def _tips(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        return int(session.scalar(select(func.count()).select_from(TipRow)) or 0)


class ImportStoppedError(Exception):
    pass


def test_an_interrupted_import_resumes_after_the_last_committed_batch(
    tmp_path: Path, sessions: sessionmaker[Session]
) -> None:
    path = tmp_path / "export.jsonl"
    path.write_text("".join(json.dumps(_record(n)) + "\n" for n in range(1, 26)))
    importer = FileImporter(IngestService(sessions), batch_size=10)

    def stop_after_two_batches(line: int) -> None:
        if line >= 20:
            raise ImportStoppedError

    with pytest.raises(ImportStoppedError):
        importer.run(path, on_progress=stop_after_two_batches)
    assert _tips(sessions) == 20
    report = importer.run(path)
    assert report.resumed_after_line == 20
    assert (report.new, report.duplicates, report.rejected) == (5, 0, [])
    assert _tips(sessions) == 25


def test_a_csv_export_with_a_bad_row_reports_it_by_line(tmp_path: Path, sessions: sessionmaker[Session]) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "id,platform,kind,received_on,created_at,text\n"
        'c-1,x,post,@politie,2026-01-10T21:36:03Z,"Auto op de stoep, al dagen"\n'
        "c-2,myspace,post,@politie,2026-01-10T21:36:03Z,hallo\n"
        'c-3,tiktok,comment,@politie,2026-01-10T21:36:03Z,"twee\nregels"\n'
    )
    report = FileImporter(IngestService(sessions)).run(path)
    assert (report.new, report.duplicates) == (2, 0)
    assert len(report.rejected) == 1
    assert report.rejected[0].startswith("line 3:")
