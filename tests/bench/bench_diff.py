"""Benchmark: the review page's comparison of two revisions, on what a participant may submit.

    python tests/bench/bench_diff.py

Prints p50 and p95 seconds per comparison and the level it reached (words, lines, whole),
for ordinary revisions and for the hostile ones of the outside probe (long, repetitive text
that made the old word diff take 139 s for one review page), up to the submission limit.
Budget: every comparison well under a second, whatever the text.
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pd_platform.settings")

RUNS = int(os.environ.get("BENCH_RUNS", "20"))
LIMIT = 20_000  # SUBMISSION_MAX_CHARACTERS


def essay(words, seed):
    rng = random.Random(seed)
    vocabulary = "I can explain compare solve fractions decimals ratios targets students evidence".split()
    lines = []
    while sum(len(line) for line in lines) < words * 7:
        lines.append(" ".join(rng.choice(vocabulary) for _ in range(rng.randint(6, 14))) + ".")
    return "\n".join(lines)


def revised(text, seed, edits=8):
    rng = random.Random(seed)
    words = text.split(" ")
    for _ in range(edits):
        words[rng.randrange(len(words))] = "revised"
    return " ".join(words)


def cases():
    ordinary = essay(400, 1)
    long_essay = essay(2800, 2)[:LIMIT]
    return [
        (
            "learning targets, one word changed",
            "- I can understand fractions.\n- I can add fractions.",
            "- I can compare fractions.\n- I can add fractions.",
        ),
        ("400-word plan, 8 edits", ordinary, revised(ordinary, 3)),
        ("20,000-character essay, 8 edits", long_essay, revised(long_essay, 4)),
        ("20,000-character essay, rewritten", long_essay, essay(2800, 5)[:LIMIT]),
        ("probe: 'x ' * 1400 vs 'x y ' * 700 (2.8 KB)", "x " * 1400, "x y " * 700),
        ("probe at the limit: 'x ' vs 'x y ' (20,000 chars)", ("x " * 10_000)[:LIMIT], ("x y " * 5_000)[:LIMIT]),
        ("repetitive lines at the limit", "x\n" * 10_000, "x\ny\n" * 5_000),
        ("shifted pairs at the limit", "ab " * 6_666, "ba " * 6_666),
    ]


def main():
    import django

    django.setup()
    from cohorts.coursework.diff import compare

    print(f"Comparison of two revisions ({RUNS} runs each)")
    print(f"{'case':<52} {'level':>6} {'p50 s':>8} {'p95 s':>8}")
    worst = 0.0
    for name, old, new in cases():
        times = []
        for _ in range(RUNS):
            started = time.perf_counter()
            diff = compare(old, new)
            times.append(time.perf_counter() - started)
        times.sort()
        p50, p95 = statistics.median(times), times[int(0.95 * (len(times) - 1))]
        worst = max(worst, p95)
        print(f"{name:<52} {diff.level:>6} {p50:8.4f} {p95:8.4f}")
    print(f"worst p95: {worst:.3f} s (budget: under 1 s)")


if __name__ == "__main__":
    main()
