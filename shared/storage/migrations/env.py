"""Alembic environment: runs against the engine passed in ``config.attributes``, or the
``TIPLINE_DATABASE_URL`` when invoked from the alembic command line."""

from __future__ import annotations

from alembic import context

from shared.settings import get_settings
from shared.storage.db import make_engine
from shared.storage.models import Base

config = context.config
engine = config.attributes.get("engine") or make_engine(get_settings().database_url)

with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
