"""How often tips in each reportable-score band really are reportable, on the labelled data.

The review band (TIPLINE_REVIEW_THRESHOLD_LOW/HIGH) is set from this table: scores where the
classifier is often wrong go to webcare review instead of straight to a desk or the bin.

    uv run python bench/review_band.py [FILE ...]
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from services.classify.classifier import default_classifier
from services.classify.train import HOLDOUT_FILE
from shared.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
# Every labelled file but the held-out one: its scores are only read for the classifier's final figures, and a band
# set from them would be tuned on it.
DEFAULT_FILES = [
    ROOT.parent / "shared" / "data" / "tips-dev.jsonl",
    *sorted(path for path in (ROOT / "tests" / "data").glob("classify-*.jsonl") if path != HOLDOUT_FILE),
]
EDGES = [0.0, 0.1, 0.2, 0.25, 0.35, 0.45, 0.55, 0.65, 0.8, 1.01]


def main() -> None:
    files = [Path(name) for name in sys.argv[1:]] or [path for path in DEFAULT_FILES if path.exists()]
    classifier = default_classifier()
    scored: list[tuple[float, bool]] = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            result = classifier.classify("band", record["text"], record.get("received_on"))
            scored.append((result.reportable_score, bool(record["labels"]["reportable"])))
    settings = Settings()
    low, high = settings.review_threshold_low, settings.review_threshold_high
    print(f"{len(scored)} labelled tips from {', '.join(p.name for p in files)}")
    for lo, hi in itertools.pairwise(EDGES):
        band = [gold for score, gold in scored if lo <= score < hi]
        if band:
            marker = "  <- review" if lo >= low and hi <= high + 1e-9 else ""
            share = sum(band) / len(band)
            print(f"score [{lo:.2f}, {min(hi, 1.0):.2f})  n={len(band):4d}  really reportable {share:5.0%}{marker}")
    in_band = [gold for score, gold in scored if low <= score < high]
    print(f"review band [{low}, {high}): {len(in_band)} tips ({len(in_band) / len(scored):.1%} of all) go to webcare")


if __name__ == "__main__":
    main()
