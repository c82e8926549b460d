"""Integration fixtures: the real services as separate processes on the real servers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.stack import Stack, running_stack


@pytest.fixture
def stack() -> Iterator[Stack]:
    """A private stack (own schema, own vhost) for one test."""
    with running_stack() as running:
        yield running
