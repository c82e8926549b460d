"""Poll cursors, persisted: where each poller left off."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session, sessionmaker

from shared.storage.db import transaction
from shared.storage.models import PollCursorRow


class CursorStore:
    """Reads and advances named cursors (one per poller and account)."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def get(self, name: str) -> str | None:
        """The saved cursor, or None before the first poll."""
        with self._sessions() as session:
            row = session.get(PollCursorRow, name)
            return row.cursor if row else None

    def save(self, name: str, cursor: str) -> None:
        """Advance the cursor; call only after what it covers was stored."""
        with transaction(self._sessions) as session:
            row = session.get(PollCursorRow, name, with_for_update=True)
            now = datetime.now(UTC)
            if row is None:
                session.add(PollCursorRow(name=name, cursor=cursor, updated_at=now))
            else:
                row.cursor, row.updated_at = cursor, now
