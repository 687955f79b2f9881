"""The readers under generated input: random bytes, truncated files, mixed scripts and encodings,
control characters, ragged tables. Whatever comes in, `ruzh corpus` ends with exit 0 and a valid
corpus, or exit 2 and one line naming the problem; never a traceback.

The cases are derandomized (the same every run, so CI is stable) and counted in CASES.
"""
from __future__ import annotations

import contextlib
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ruzh.cli import main
from ruzh.corpus import sample_path

SAMPLE = sample_path().read_text(encoding="utf-8")
LINES = SAMPLE.split("\n")
SIZE = len(SAMPLE.encode("utf-8"))  # the Chinese version fills the second half
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1251", "gb18030", "latin-1", "koi8-r")
CONTROLS = "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\u200b\u2028\ufeff\ufffe\ud800"
CASES = {"bytes": 400, "truncated": 600, "mixed": 1200, "tables": 800}  # 3,000 in all
FUZZ = dict(deadline=None, derandomize=True, database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
KEYS = {"id", "lang", "kind", "label", "section", "text", "participants", "executors", "sentences"}


def corpus_of(data: bytes, *, two_files: bytes | None = None, format: str = "auto") -> None:
    """Run `ruzh corpus` on the bytes and check the outcome: a valid corpus, or one error line."""
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        first = folder / "in.txt"
        first.write_bytes(data)
        inputs = [str(first)]
        if two_files is not None:
            second = folder / "zh.txt"
            second.write_bytes(two_files)
            inputs = ["--ru", str(first), "--zh", str(second)]
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(["corpus", "-q", "--format", format, *inputs, "-o", str(folder / "out")])
        lines = err.getvalue().strip().splitlines()
        if code == 0:
            records = [json.loads(line) for line in (folder / "out" / "corpus.jsonl").read_text("utf-8").split("\n") if line]
            assert records and all(KEYS <= set(r) for r in records)
            assert {r["lang"] for r in records} == {"ru", "zh"}
        else:
            assert code == 2 and len(lines) == 1 and lines[0].startswith("ruzh: error: "), (code, lines)
            assert not (folder / "out").exists()


def pieces_of_the_sample() -> st.SearchStrategy[str]:
    """Runs of the sample's lines, cut anywhere: real Russian and Chinese, tables and markup."""
    return st.lists(st.tuples(st.integers(0, len(LINES) - 1), st.integers(1, 40)), min_size=1, max_size=6).map(
        lambda runs: "\n".join("\n".join(LINES[s : s + n]) for s, n in runs))


def damaged(text: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """The text with control and odd characters put in at random places."""
    def insert(args):
        text, places = args
        for position, char in places:
            position %= len(text) + 1
            text = text[:position] + char + text[position:]
        return text
    return st.tuples(text, st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(CONTROLS)), max_size=5)).map(insert)


def encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace") if encoding != "utf-8" else text.encode("utf-8", "surrogatepass")


@settings(max_examples=CASES["bytes"], **FUZZ)
@given(st.binary(min_size=0, max_size=3000))
def test_random_bytes(data):
    corpus_of(data)


@settings(max_examples=CASES["truncated"], **FUZZ)
@given(st.integers(0, SIZE) | st.integers(SIZE // 2, SIZE), st.sampled_from(("auto", "text", "lines")))
def test_truncated_sample(cut, format):
    corpus_of(SAMPLE.encode("utf-8")[:cut], format=format)


@settings(max_examples=CASES["mixed"], **FUZZ)
@given(damaged(pieces_of_the_sample()), st.sampled_from(ENCODINGS), st.booleans(), st.sampled_from(("auto", "lines")))
def test_mixed_scripts_encodings_and_controls(text, encoding, split, format):
    if split:  # the same text given as two files, as if one were the Russian and one the Chinese version
        middle = len(text) // 2
        corpus_of(encoded(text[:middle], encoding), two_files=encoded(text[middle:], encoding), format=format)
    else:
        corpus_of(encoded(text, encoding), format=format)


ROW = st.tuples(st.integers(-5, 200).map(str) | st.just("") | st.sampled_from(("72", "72.", "1)", "IV")),
                st.lists(st.sampled_from([line for line in LINES if line.strip()][:400]), min_size=0, max_size=5),
                st.sampled_from(("\t", "\t\t", " | ", "|", "  ")))


@settings(max_examples=CASES["tables"], **FUZZ)
@given(st.lists(ROW, min_size=1, max_size=30), pieces_of_the_sample(), st.booleans())
def test_ragged_tables(rows, prose, pipes):
    table = "\n".join(("| " if pipes else "") + sep.join([number, *cells]) + (" |" if pipes else "")
                      for number, cells, sep in rows)
    if pipes:
        table = "| № | Мероприятие | Участники |\n|---|---|\n" + table
    corpus_of(f"{prose}\n{table}\n{prose}".encode("utf-8"))
