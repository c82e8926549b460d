"""Shared fixtures: one classifier per test session (building the gazetteer takes a few ms)."""

from __future__ import annotations

import pytest

from services.classify.classifier import Classifier, default_classifier


@pytest.fixture(scope="session")
def classifier() -> Classifier:
    return default_classifier()
