"""Each page in this process (Django's test client, no HTTP), side by side with the bare Wagtail
page in the same rounds: its time and queries with the page cache off, on a miss (the reader's
generation moved: a write of theirs) and on a hit; the ratio of each to the bare page.

Each round times the bare page and then the page (off, miss, hit), so a neighbour's load moves
both alike; the figure is the median of the rounds. ``BENCH_PROFILE=1`` adds, per page, the
functions that cost most with the cache off and on a miss (cProfile).

The regression gate: ``check_baseline`` compares the ratios and query counts with the figures
committed in ``tests/bench/baseline.json`` (per database and data scale); a page more than
``TOLERANCE`` worse in ratio, or with more queries, fails the bench. The ratio gated is of this
process's CPU time: the wall-clock ratio moved by a third between two runs of the same code on a
machine other jobs share (the database's share of the time follows its load); the database's
part is gated by the exact query counts. ``BENCH_UPDATE_BASELINE=1``
writes this run's figures there instead (for a change that improves them).
"""

import cProfile
import io
import json
import os
import pstats
import statistics
import time
from pathlib import Path

BASELINE = Path(__file__).with_name("baseline.json")
TOLERANCE = 0.25  # ratios are noisy: a page fails only when more than this much worse
SLACK = 0.1  # and by at least this much of the bare page: a hit's ratio is small, its noise is not
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "11"))
ROOT = str(Path(__file__).resolve().parents[2])
BARE = "bare Wagtail page"


def _timed(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        start, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    if response.status_code != 200:
        raise RuntimeError(f"{url}: HTTP {response.status_code}")
    return (elapsed * 1000, cpu * 1000), len(captured), response.get("X-Page-Cache", "")


def _move_generation(user):
    from pd_platform.page_cache.generations import bump, user_key

    bump(user_key(user.pk))


def measure(pages, rounds=ROUNDS):
    """``pages``: {name: (client, url, user or None)}, the bare page among them. Returns
    {name: {mode: {"ms", "queries", "ratio"}}} for the modes off, miss and hit (miss and hit only
    for a page the cache keeps)."""
    from django.conf import settings
    from django.test import override_settings

    bare_client, bare_url, _ = pages[BARE]
    figures = {}
    for name, (client, url, user) in pages.items():
        times = {"bare": [], "off": [], "miss": [], "hit": []}
        queries = {}
        with override_settings(PAGE_CACHE=False):  # warm: the outlines, the site, the templates
            _timed(client, url)
            _timed(bare_client, bare_url)
        for _ in range(rounds):
            with override_settings(PAGE_CACHE=False):
                times["bare"].append(_timed(bare_client, bare_url)[0])
                ms, queries["off"], _ = _timed(client, url)
                times["off"].append(ms)
            if not settings.PAGE_CACHE or user is None:
                continue
            _move_generation(user)
            ms, count, state = _timed(client, url)
            if state != "kept":
                continue
            times["miss"].append(ms)
            queries["miss"] = count
            ms, queries["hit"], state = _timed(client, url)
            if state == "hit":
                times["hit"].append(ms)
        bare = statistics.median(ms for ms, _ in times["bare"])
        bare_cpu = statistics.median(cpu for _, cpu in times["bare"])
        figures[name] = {
            mode: {
                "ms": round(statistics.median(ms for ms, _ in times[mode]), 1),
                "queries": queries[mode],
                "ratio": round(statistics.median(ms for ms, _ in times[mode]) / bare, 2),
                "cpu_ratio": round(statistics.median(cpu for _, cpu in times[mode]) / bare_cpu, 2),
            }
            for mode in ("off", "miss", "hit")
            if times[mode] and mode in queries
        }
    return figures


def report(figures):
    print(
        f"\nin process, median of {ROUNDS} rounds, each beside the bare page (x bare: the page's time / the bare's; "
        "cpu: the same for this process's CPU time, the database's left out)"
    )
    print(
        f"{'page':<22}"
        + "".join(f" {f'{mode} ms':>8} {'q':>3} {'x bare':>6} {'cpu':>5} " for mode in ("off", "miss", "hit"))
    )
    for name, modes in figures.items():
        line = f"{name:<22}"
        for mode in ("off", "miss", "hit"):
            found = modes.get(mode)
            line += (
                f" {found['ms']:>8.1f} {found['queries']:>3} {found['ratio']:>6.2f} {found['cpu_ratio']:>5.2f} "
                if found
                else f" {'-':>8} {'':>3} {'':>6} {'':>5} "
            )
        print(line.rstrip())
    worse = [name for name, modes in figures.items() if "miss" in modes and modes["miss"]["ms"] > modes["off"]["ms"]]
    if worse:
        print("a miss costs more than the page with the cache off: " + ", ".join(worse))


def profile(pages, runs=5, top=10):
    """The functions that cost most per page, cache off and on a miss (cProfile): of all code by
    their own time, and of the project's by their time with what they call."""
    from django.conf import settings
    from django.test import override_settings

    for name, (client, url, user) in pages.items():
        modes = [("off", False)] + ([("miss", True)] if settings.PAGE_CACHE and user is not None else [])
        for mode, cached in modes:
            profiler = cProfile.Profile()
            with override_settings(PAGE_CACHE=cached):
                for _ in range(runs):
                    if cached:
                        _move_generation(user)
                    profiler.enable()
                    client.get(url)
                    profiler.disable()
            for what, order, restriction in (
                ("all code by own time", "tottime", ()),
                ("the project's by time with what they call", "cumulative", (rf"^{ROOT}/(?!\.venv)",)),
            ):
                out = io.StringIO()
                stats = pstats.Stats(profiler, stream=out)
                stats.sort_stats(order).print_stats(*restriction, top)
                lines = [line for line in out.getvalue().splitlines() if line.strip()]
                start = next((i for i, line in enumerate(lines) if "ncalls" in line), len(lines))
                print(f"\n{name}, cache {mode}: top {top} functions of {what} ({runs} requests)")
                print("\n".join(line.replace(ROOT + "/", "") for line in lines[start:]))


def baseline_key():
    from django.db import connection

    return f"{connection.vendor} x{os.environ.get('LOAD_SCALE', '1')}"


def _figures_to_keep(figures):
    return {
        name: {mode: {"cpu_ratio": found["cpu_ratio"], "queries": found["queries"]} for mode, found in modes.items()}
        for name, modes in figures.items()
    }


def check_baseline(figures):
    """Compare with the committed figures (or rewrite them); the problems found, one line each."""
    key = baseline_key()
    kept = json.loads(BASELINE.read_text()) if BASELINE.exists() else {}
    if os.environ.get("BENCH_UPDATE_BASELINE") == "1":
        kept[key] = _figures_to_keep(figures)
        BASELINE.write_text(json.dumps(kept, indent=1, sort_keys=True) + "\n")
        print(f"baseline for {key} written to {BASELINE.name}")
        return []
    if key not in kept:
        print(f"no baseline for {key} in {BASELINE.name} (BENCH_UPDATE_BASELINE=1 writes one)")
        return []
    problems = []
    for name, modes in kept[key].items():
        for mode, was in modes.items():
            now = figures.get(name, {}).get(mode)
            if name == BARE and mode == "off":
                continue
            if now is None:
                problems.append(f"{name} ({mode}): not measured")
                continue
            if now["queries"] > was["queries"]:
                problems.append(f"{name} ({mode}): {now['queries']} queries, was {was['queries']}")
            if now["cpu_ratio"] > was["cpu_ratio"] + max(was["cpu_ratio"] * TOLERANCE, SLACK):
                problems.append(
                    f"{name} ({mode}): {now['cpu_ratio']:.2f}x the bare page's CPU time, was {was['cpu_ratio']:.2f}x"
                )
    print(
        f"against {BASELINE.name} ({key}): "
        + ("; ".join(problems) if problems else f"no page worse by more than {TOLERANCE:.0%} or by a query")
    )
    return problems


def attribution(client, writes):
    """Whether each write of the mixed workload empties everyone's kept pages (the ``all``
    generation moved: a write nobody attributed) or only those of its person and cohort."""
    from django.conf import settings

    from pd_platform.page_cache.generations import ALL, generations

    if not settings.PAGE_CACHE:
        return
    print("\nwhose kept pages each write of the mixed workload empties")
    for name, (url, data) in writes.items():
        before = generations([ALL])[ALL]
        status = client.post(url, data).status_code
        moved = generations([ALL])[ALL] != before
        print(f"{name:<23} HTTP {status}: {'everyone' if moved else 'its person and cohort only'}")


def everything_moved(since):
    """How often the ``all`` generation moved since ``since`` (its value then): writes nobody attributed."""
    from pd_platform.page_cache.generations import ALL, generations

    now = generations([ALL])[ALL]
    return now - since if 0 <= now - since < 1_000_000 else "?"
