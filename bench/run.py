"""Time mxlint against named-checkzone on the same generated zones, in the same run.

    python bench/run.py                  # every workload, 5 runs each, medians
    python bench/run.py --big 1000000 --fleet 500 --runs 5 --out bench/results.md

Workloads (see bench/README.md): one big zone, and one of a tenth of its records (growth); a
fleet of small zone files, linted by one `mxlint check` call against a shell loop that runs
named-checkzone once per file; one small zone (the start-up a pre-commit run pays); and the
floor under it: the interpreter importing click and dnspython's `dns.name`, which every run of
a click and dnspython program pays. mxlint and named-checkzone run in turn, run after run.
Reports median wall time, peak RSS, and the ratios mxlint / named-checkzone. Needs
named-checkzone (Debian bind9-utils). Sends no network traffic.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHECKZONE = ["named-checkzone", "-i", "local", "-M", "fail", "-m", "fail"]


def measure(ours: list[str], theirs: list[str], runs: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """Median wall seconds and largest peak RSS (MB) of each command over ``runs``, the two run
    in turn: on a shared machine a slow minute then weighs on both, not on one alone."""
    times: tuple[list[float], list[float]] = ([], [])
    peaks: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for side, command in enumerate((ours, theirs)):
            started = time.perf_counter()
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, _, usage = os.wait4(process.pid, 0)
            times[side].append(time.perf_counter() - started)
            peaks[side].append(usage.ru_maxrss / 1024)
    return (statistics.median(times[0]), max(peaks[0])), (statistics.median(times[1]), max(peaks[1]))


def mxlint_command(*args: str) -> list[str]:
    # The installed console script, as users run it (not `python -m`, not a wrapper).
    script = shutil.which("mxlint", path=os.path.dirname(sys.executable)) or shutil.which("mxlint")
    return [script, "check", "--format", "json", *args]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--big", type=int, default=1_000_000, help="records in the big zone")
    parser.add_argument("--fleet", type=int, default=500, help="zone files in the fleet")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, help="also write the table here")
    options = parser.parse_args()
    if shutil.which("named-checkzone") is None:
        raise SystemExit("named-checkzone is missing: apt-get install bind9-utils")

    with tempfile.TemporaryDirectory(prefix="mxlint-bench-") as scratch:
        work = Path(scratch)
        big, tenth, fleet = work / "big.example.zone", work / "tenth.example.zone", work / "fleet"
        # Generated in another process: a forked child's peak RSS starts from its parent's,
        # so this process must stay small for the memory column to mean anything.
        generator = [sys.executable, str(HERE / "generate.py")]
        subprocess.run([*generator, "big", str(options.big), str(big)], check=True)
        subprocess.run([*generator, "big", str(options.big // 10), str(tenth)], check=True)
        subprocess.run([*generator, "fleet", str(options.fleet), str(fleet)], check=True)
        small = fleet / "z0.example.zone"
        loop = ["bash", "-c", f'for f in "{fleet}"/*.zone; do n=$(basename "$f" .zone); {" ".join(CHECKZONE)} "$n." "$f"; done']

        rows = []
        for label, ours, theirs, runs in (
            (f"one zone of {options.big:,} records", mxlint_command(str(big)), [*CHECKZONE, "big.example.", str(big)], options.runs),
            (f"one zone of {options.big // 10:,} records", mxlint_command(str(tenth)), [*CHECKZONE, "big.example.", str(tenth)], options.runs),
            (f"a fleet of {options.fleet} zone files (~70 records each)", mxlint_command(str(fleet)), loop, options.runs),
            ("one small zone (~70 records)", mxlint_command(str(small)), [*CHECKZONE, "z0.example.", str(small)], options.runs * 4),
            ("floor: Python importing click and dns.name, no mxlint", [sys.executable, "-c", "import click, dns.name"], [*CHECKZONE, "z0.example.", str(small)], options.runs * 4),
        ):
            (mine, mine_peak), (bind, bind_peak) = measure(ours, theirs, runs)
            rows.append((label, mine, bind, mine_peak, bind_peak, runs))
            print(f"{label}: mxlint {mine:.3f} s / named-checkzone {bind:.3f} s = {mine / bind:.2f}x", file=sys.stderr)

    version = subprocess.run(["named-checkzone", "-v"], capture_output=True, text=True).stdout.strip()
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"named-checkzone {version}; medians of the runs shown, peak RSS the largest of them.",
        "",
        "| workload | runs | mxlint | named-checkzone | ratio (wall) | mxlint peak RSS | named-checkzone peak RSS | ratio (memory) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for label, mine, bind, mine_peak, bind_peak, runs in rows:
        lines.append(
            f"| {label} | {runs} | {mine:.3f} s | {bind:.3f} s | {mine / bind:.2f}× | {mine_peak:.0f} MB | {bind_peak:.0f} MB | {mine_peak / bind_peak:.2f}× |"
        )
    growth = rows[0][1] / rows[1][1]
    lines += ["", f"Growth: the {options.big:,}-record zone takes {growth:.1f}× the time of the {options.big // 10:,}-record one (linear is 10×)."]
    table = "\n".join(lines) + "\n"
    print(table)
    if options.out:
        options.out.write_text(table)


if __name__ == "__main__":
    main()
