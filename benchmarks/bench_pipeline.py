"""The whole job, stage by stage: `ruzh run` on the sample and on the UN test set at growing sizes.

Each run is a process of its own (`python -m ruzh run -v`), as a user runs it: its last log line
gives wall and CPU seconds per stage (reading, models, encoding, alignment, glossary, divergences,
writing; the encoder's time counted apart from the stage that asked for it), the process's own
wall time covers startup (imports) too, and its peak resident memory is read from the kernel.

Inputs: the sample; the first N lines a side of the UN test set as sentence-per-line files
(`--format lines`), with no blank line (the whole text one paragraph, the hardest case) or with a
blank line between documents. Every input is run with a cold embedding cache (a new, empty one)
and then warm (the same cache again). Sizes above 4,000 lines repeat the test set after the dev
set: the repeated lines are served from the cache even in the cold run.

The exponent of each stage is the slope of log(seconds) against log(lines), least squares over
the sizes run: 1 is linear, 2 quadratic. Last, the sample is run twice in one process, and the
second run timed: the whole job once models are loaded.

    python benchmarks/bench_pipeline.py [--sizes 1000 2000 4000] [--no-blank-only]

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
from un import un_documents  # noqa: E402

STAGES = ("startup", "reading", "models", "encoding", "alignment", "glossary", "divergences", "writing")
# Runs `ruzh run` in this process and prints its peak memory last: the child's own, not the benchmark's.
RUNNER = ("import resource, sys; from ruzh.cli import main; code = main(sys.argv[1:]); "
          "print('peak-kb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); sys.exit(code)")


def un_input(lines: int, blank_lines: bool) -> tuple[str, str]:
    """The first `lines` lines a side (and the blank lines between documents among them)."""
    ru, zh = [], []
    for split in ("testset", "devset", "testset", "devset", "testset"):
        r, z = un_documents(split, blank_lines)
        ru += r.splitlines()
        zh += z.splitlines()
    kept, count = 0, 0
    while count < lines and kept < len(ru):
        count += bool(ru[kept].strip())
        kept += 1
    return "\n".join(ru[:kept]) + "\n", "\n".join(zh[:kept]) + "\n"


def run(arguments: list[str], cache: Path, out: Path) -> dict:
    """One `ruzh run`: seconds per stage (wall, CPU), the process's wall time and peak memory."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", RUNNER, "run", "-v", *arguments, "-o", str(out),
                           "--cache-dir", str(cache)], capture_output=True, text=True)
    total = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(f"ruzh run failed: {done.stderr.strip().splitlines()[-1]}")
    line = next(x for x in done.stderr.splitlines() if x.startswith("Time (wall/CPU s): "))
    stages = {name: (float(wall), float(cpu))
              for name, wall, cpu in re.findall(r"(\w+) ([\d.]+)/([\d.]+)", line.split(";")[0])}
    stages["startup"] = (total - sum(w for w, _ in stages.values()), 0.0)
    peak = int(re.search(r"peak-kb (\d+)", done.stderr)[1]) / 1024
    return {"stages": stages, "wall": total, "cpu": sum(c for _, c in stages.values()), "peak_mb": peak,
            "report_mb": (out / "report.html").stat().st_size / 2**20}


def exponent(sizes: list[float], seconds: list[float]) -> float | None:
    points = [(math.log(s), math.log(t)) for s, t in zip(sizes, seconds) if t > 0.05]
    if len(points) < 2:
        return None
    mx = sum(x for x, _ in points) / len(points)
    my = sum(y for _, y in points) / len(points)
    return sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x, _ in points)


AGAIN = ("import sys, time; from ruzh.cli import main; main(sys.argv[1:]); started = time.perf_counter(); "
         "main(sys.argv[1:]); print(f'again {time.perf_counter() - started:.3f}')")


def sample_again(cache: Path, out: Path) -> float:
    """Seconds of a second `ruzh run` of the sample in one process: models loaded, cache warm (what
    a worker of `ruzh batch`, or a notebook, pays per document)."""
    done = subprocess.run([sys.executable, "-c", AGAIN, "run", "-q", "--cache-dir", str(cache), "-o", str(out)],
                          capture_output=True, text=True, check=True)
    return float(re.search(r"again ([\d.]+)", done.stdout)[1])


def row(name: str, result: dict) -> str:
    cells = [f"{result['stages'].get(s, (0.0, 0.0))[0]:.1f}" for s in STAGES]
    return (f"| {name} | {result['wall']:.1f} | {result['cpu']:.1f} | " + " | ".join(cells)
            + f" | {result['peak_mb']:.0f} | {result['report_mb']:.1f} |")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000])
    p.add_argument("--no-blank-only", action="store_true", help="skip the inputs with blank lines")
    args = p.parse_args()
    print(f"Machine: {machine()}")
    print("Seconds of wall time per stage (startup: imports and what no stage covers); "
          "peak resident memory (MB); report.html (MB).\n")
    print("| input | wall | CPU | " + " | ".join(STAGES) + " | peak MB | report MB |")
    print("|---|" + "---|" * (len(STAGES) + 4))
    results: dict[tuple[bool, str], list[tuple[int, dict]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        cache = folder / "cache-sample"
        for state in ("cold", "warm"):
            print(row(f"sample, {state}", run([], cache, folder / "out")), flush=True)
        again = sample_again(cache, folder / "out")
        for blank in ((False,) if args.no_blank_only else (False, True)):
            for lines in args.sizes:
                ru, zh = un_input(lines, blank)
                (folder / "ru.txt").write_text(ru, encoding="utf-8")
                (folder / "zh.txt").write_text(zh, encoding="utf-8")
                cache = folder / f"cache-{lines}-{blank}"
                for state in ("cold", "warm"):
                    result = run(["--format", "lines", "--ru", str(folder / "ru.txt"), "--zh", str(folder / "zh.txt")],
                                 cache, folder / "out")
                    results.setdefault((blank, state), []).append((lines, result))
                    label = f"UN {lines:,} lines, {'blank lines' if blank else 'no blank line'}, {state}"
                    print(row(label, result), flush=True)
    print(f"\nThe sample again in a process that has run it once (models loaded, cache warm): {again:.2f} s")
    print("\nFitted exponent of each stage's wall time against the number of lines:\n")
    print("| input | " + " | ".join(STAGES[1:]) + " | whole |")
    print("|---|" + "---|" * len(STAGES))
    for (blank, state), points in results.items():
        sizes = [n for n, _ in points]
        cells = []
        for stage in STAGES[1:]:
            k = exponent(sizes, [r["stages"].get(stage, (0.0, 0.0))[0] for _, r in points])
            cells.append("–" if k is None else f"{k:.2f}")
        whole = exponent(sizes, [r["wall"] for _, r in points])
        cells.append("–" if whole is None else f"{whole:.2f}")
        print(f"| {'blank lines' if blank else 'no blank line'}, {state} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
