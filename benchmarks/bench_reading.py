"""Reading benchmark: is reading linear in the size of the input?

Times `ruzh.api.load` (what `ruzh run` and the notebooks call first): decoding the files,
repairing extraction damage, building the units and splitting them into sentences. It does not
cover tokenization and lemmatization (`corpus.analyze`), which later steps run on the units.

Three inputs, each built at 1, 2, 4, 8, 16, 32 and 64 MB (the files' bytes together):
  - the sample as one bilingual file (`--format text`): its Russian half repeated, then its
    Chinese half as often: a measure table with page-break damage throughout;
  - the UN test set as two files (`--format text`): its lines concatenated, and repeated, into one
    Russian and one Chinese text with no blank line, so that each file is one long paragraph;
  - the same two files as sentence-per-line files (`--format lines`).
Each reading runs in a process of its own (warmed on the sample first), stopped after
`--limit` seconds. The table gives seconds per size, and the exponent k of a least-squares
fit seconds ~ size^k on log-log axes: 1 is linear, 2 quadratic.

    python benchmarks/bench_reading.py [--sizes 1 2 4 8 16 32 64] [--limit 300]

UN data: the United Nations Parallel Corpus v1.0 (Ziemski, Junczys-Dowmunt & Pouliquen, LREC 2016).
"""
from __future__ import annotations

import argparse
import math
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import machine  # noqa: E402
from un import _lines  # noqa: E402

MB = 2**20
SIZES = (1, 2, 4, 8, 16, 32, 64)
# name -> (what the table calls it, the `load` arguments' file names, the format)
SERIES = {
    "sample": ("sample, bilingual file, text", ("plan.txt",), "text"),
    "un-text": ("UN, two files, text", ("un.ru", "un.zh"), "text"),
    "un-lines": ("UN, two files, lines", ("un.ru", "un.zh"), "lines"),
}


def build_inputs(folder: Path, megabytes: int) -> None:
    """The sample and UN files of about `megabytes` MB in `folder` (see the module's docstring)."""
    from ruzh.corpus import sample_path

    lines = sample_path().read_text(encoding="utf-8").split("\n")
    first_zh = next(i for i, line in enumerate(lines) if re.search(r"[\u4e00-\u9fff]", line))
    ru, zh = "\n".join(lines[:first_zh]) + "\n", "\n".join(lines[first_zh:]) + "\n"
    copies = max(1, round(megabytes * MB / len((ru + zh).encode())))
    (folder / "plan.txt").write_text(ru * copies + zh * copies, encoding="utf-8")
    un = {lang: _lines("testset", lang) for lang in ("ru", "zh")}
    pair_bytes = sum(len(line.encode()) + 1 for lines in un.values() for line in lines) / len(un["ru"])
    count = round(megabytes * MB / pair_bytes)  # line pairs, the test set's 4,000 over and over
    for lang, lines in un.items():
        text = "".join(lines[i % len(lines)] + "\n" for i in range(count))
        (folder / f"un.{lang}").write_text(text, encoding="utf-8")


def measure(series: str, folder: Path) -> float:
    """Seconds to load one input, in this process, after a first load of the sample."""
    from ruzh.api import load

    load()  # imports, and the Russian dictionary that rejoining broken words opens
    _, names, fmt = SERIES[series]
    started = time.perf_counter()
    load(*(str(folder / name) for name in names), format=fmt)
    return time.perf_counter() - started


def timed_child(series: str, folder: Path, limit: float) -> float | None:
    """`measure` in a fresh process: None when it takes longer than `limit` seconds or fails."""
    command = [sys.executable, __file__, "--measure", series, str(folder)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=limit)
    except subprocess.TimeoutExpired:
        return None
    if done.returncode:
        print(done.stderr.strip().splitlines()[-1:], file=sys.stderr)
        return None
    return float(done.stdout.split()[-1])


def exponent(sizes: list[float], seconds: list[float]) -> float | None:
    """The slope of log(seconds) against log(size), least squares; None under two points."""
    points = [(math.log(s), math.log(t)) for s, t in zip(sizes, seconds) if t]
    if len(points) < 2:
        return None
    mx = sum(x for x, _ in points) / len(points)
    my = sum(y for _, y in points) / len(points)
    return sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x, _ in points)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="megabytes")
    parser.add_argument("--limit", type=float, default=300, help="seconds before a reading is stopped")
    parser.add_argument("--measure", nargs=2, help=argparse.SUPPRESS)  # the child process's job
    args = parser.parse_args()
    if args.measure:
        print(f"{measure(args.measure[0], Path(args.measure[1])):.4f}")
        return
    print(f"machine: {machine()}")
    print("reading = decode + repair + units + sentences (ruzh.api.load), no tokenization or lemmatization")
    print(f"{'MB':>4}  " + "  ".join(f"{label:>30}" for label, _, _ in SERIES.values()))
    times: dict[str, list[float | None]] = {name: [] for name in SERIES}
    for megabytes in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            build_inputs(Path(tmp), megabytes)
            for name in SERIES:
                # Once one size runs out of time, larger ones would too.
                late = times[name] and times[name][-1] is None
                times[name].append(None if late else timed_child(name, Path(tmp), args.limit))
        row = [f"{t:30.2f}" if t is not None else f"{'> ' + str(int(args.limit)):>30}" for t in
               (times[name][-1] for name in SERIES)]
        print(f"{megabytes:>4}  " + "  ".join(row), flush=True)
    fits = [exponent([s for s, t in zip(args.sizes, times[n]) if t is not None], [t for t in times[n] if t is not None])
            for n in SERIES]
    print(f"{'k':>4}  " + "  ".join(f"{k:30.2f}" if k is not None else f"{'-':>30}" for k in fits))


if __name__ == "__main__":
    main()
