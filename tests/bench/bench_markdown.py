"""Benchmark: what a person typed, as HTML (pd_platform.sanitize.render_user_text), on the hostile
shapes of the outside probe and their relatives, at a tenth of the submission limit and at it.

    python tests/bench/bench_markdown.py

Prints the median milliseconds of CPU per rendering (the thread's own time, so that other work on
the machine does not count) at 2,000 and 20,000 characters, and the ratio of the two: about 10
where the work is linear, about 100 where it is quadratic (Python-Markdown took 30 s and more for
20,000 "[" and failed outright on numbered lists nested on one line). Budget: every ratio near 10
(tests/security/test_hostile_input.py fails the views at 30), and every shape under 2 s at 20,000
characters (the costliest are brackets whose link destinations run on: markdown-it-py reads each
up to its 32nd parenthesis).
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
LIMIT = 20_000  # SUBMISSION_MAX_CHARACTERS


def repeat(unit, length):
    return (unit * (length // len(unit) + 1))[:length]


def nested_items(length):
    """Each item indented under the one before."""
    lines, size, depth = [], 0, 0
    while size < length:
        lines.append("  " * depth + "- x\n")
        size += len(lines[-1])
        depth += 1
    return "".join(lines)[:length]


def nested_emphasis(length):
    half = length // 2
    return repeat("**a ", half) + repeat(" a**", length - half)


def growing_backticks(length):
    """Code spans of every length from one up, none closed."""
    parts, size, run = [], 0, 1
    while size < length:
        parts.append("`" * run + "a")
        size += run + 1
        run += 1
    return "".join(parts)[:length]


def wide_table(length):
    header = "|a" * 64 + "\n" + "|-" * 64 + "\n"
    return header + repeat("x\n", length - len(header))


def prose(length):
    return repeat("I can compare fractions with unlike denominators, and explain why. ", length)


SHAPES = [
    ("ordinary prose", prose),
    ("[ run", lambda n: "[" * n),
    ("* run", lambda n: "*" * n),
    ("_ run", lambda n: "_" * n),
    ("` run", lambda n: "`" * n),
    ("< run", lambda n: "<" * n),
    ("![ repeated", lambda n: repeat("![", n)),
    ("[a]( unclosed links", lambda n: repeat("[a](", n)),
    ("![...](- unclosed image links", lambda n: repeat("![![![![![<</p>](-]", n)),
    ("[ at the end of each line", lambda n: repeat("[\n", n)),
    ("[x][ references", lambda n: repeat("[x][", n)),
    ("[x]: definitions", lambda n: repeat("[x]: y\n", n)),
    ("*a emphasis openers", lambda n: repeat("*a", n)),
    ("_a emphasis openers", lambda n: repeat("_a", n)),
    ("**a ... a** nested emphasis", nested_emphasis),
    ("`a backtick openers", lambda n: repeat("`a", n)),
    ("backtick runs of every length", growing_backticks),
    ("> nested quotes", lambda n: ">" * n),
    ("- nested list on one line", lambda n: repeat("- ", n)),
    ("1. nested list on one line", lambda n: repeat("1. ", n)),
    ("> - quotes and lists", lambda n: repeat("> - ", n)),
    ("indented list", nested_items),
    ("table, 64 columns, short rows", wide_table),
    ("dashes under a table header", lambda n: "a | b\n" + "-" * (n - 7) + "x"),
    ("\\ run", lambda n: "\\" * n),
    ("&# entities", lambda n: repeat("&#", n)),
    ("<ul> raw HTML nesting", lambda n: repeat("<ul>", n)),
    ("<div> raw HTML nesting", lambda n: repeat("<div>", n)),
    ("<b></p> raw HTML misnesting", lambda n: repeat("<b></p>", n)),
]


def median_ms(render, text):
    times = []
    for _ in range(RUNS):
        started = time.thread_time()
        render(text)
        times.append(time.thread_time() - started)
    return statistics.median(times) * 1000


def main():
    from pd_platform.sanitize import render_user_text

    small = LIMIT // 10
    print(f"What a person typed, as HTML (CPU ms, median of {RUNS} runs)")
    print(f"{'shape':<34} {'2,000 ms':>9} {'20,000 ms':>10} {'ratio':>6}")
    worst_ms, worst_ratio = 0.0, 0.0
    for name, shape in SHAPES:
        at_small = median_ms(render_user_text, shape(small))
        at_limit = median_ms(render_user_text, shape(LIMIT))
        ratio = at_limit / max(at_small, 0.01)
        worst_ms, worst_ratio = max(worst_ms, at_limit), max(worst_ratio, ratio)
        print(f"{name:<34} {at_small:9.1f} {at_limit:10.1f} {ratio:6.1f}")
    print(f"slowest at 20,000 characters: {worst_ms:.0f} ms; largest ratio: {worst_ratio:.1f} (linear: about 10)")


if __name__ == "__main__":
    main()
