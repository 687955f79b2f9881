"""The command line: outputs on the sample, and a clear error with exit code 2 for bad input."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from ruzh.cli import main

CONTRACT_FIELDS = ["id", "lang", "kind", "label", "section", "text", "participants", "executors", "sentences"]


def test_corpus_command_writes_the_contract(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["corpus", "-o", str(out)]) == 0
    records = [json.loads(line) for line in (out / "corpus.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all(list(r) == CONTRACT_FIELDS for r in records)
    measures = [r for r in records if r["kind"] == "measure"]
    assert sum(r["lang"] == "ru" for r in measures) == sum(r["lang"] == "zh" for r in measures) == 75
    by_id = {r["id"]: r for r in records}
    assert by_id["ru-m073"]["label"] == "72" and by_id["zh-m073"]["label"] == "73"
    assert by_id["ru-f01"]["participants"] is None
    assert by_id["zh-m074"]["executors"] == "上合组织成员国外交部，上合组织秘书处，上合组织地区反恐怖机构执委会"
    repairs = [json.loads(line) for line in (out / "repairs.jsonl").read_text(encoding="utf-8").splitlines()]
    assert any(r["fragment"] == "怖机构" and r["dropped"] for r in repairs)
    err = capsys.readouterr().err
    assert "dropped «怖机构»" in err
    assert "75 measures" in err
    assert not list(out.glob("*.tmp"))


def _bad_inputs(tmp_path, sample_lines):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text("\n  \n\t\n", encoding="utf-8")
    undecodable = tmp_path / "undecodable.txt"
    undecodable.write_bytes(bytes([0x98, 0x81, 0x98, 0xff]) * 100)
    binary = tmp_path / "picture.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    first_zh = next(i for i, line in enumerate(sample_lines) if re.search(r"[\u4e00-\u9fff]", line))
    russian_only = tmp_path / "russian-only.txt"
    russian_only.write_text("\n".join(sample_lines[:first_zh]), encoding="utf-8")
    return {
        "empty": ([str(empty)], "empty"),
        "blank": ([str(blank)], "empty"),
        "undecodable": ([str(undecodable)], "cannot decode"),
        "binary": ([str(binary)], "binary"),
        "pdf": ([str(pdf)], "PDF"),
        "one language": ([str(russian_only)], "only Russian"),
        "missing": ([str(tmp_path / "nowhere.txt")], "no such file"),
        "missing --zh": (["--ru", str(russian_only)], "--zh is missing"),
        "zh file is russian": (["--ru", str(russian_only), "--zh", str(russian_only)], "expected Chinese"),
    }


@pytest.mark.parametrize("case", ["empty", "blank", "undecodable", "binary", "pdf", "one language",
                                  "missing", "missing --zh", "zh file is russian"])
def test_bad_input_gives_one_clear_line_and_writes_nothing(tmp_path, sample_lines, capsys, case):
    args, problem = _bad_inputs(tmp_path, sample_lines)[case]
    out = tmp_path / "out"
    assert main(["run", *args, "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert err.startswith("ruzh: error: ")
    assert problem in err
    named = [a for a in args if not a.startswith("--")][-1]
    assert named in err
    assert not out.exists()


def test_exit_code_through_the_installed_command(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    done = subprocess.run([sys.executable, "-m", "ruzh", "run", str(empty), "-o", str(tmp_path / "out")],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.strip() == f"ruzh: error: {empty}: the file is empty"
    assert not (tmp_path / "out").exists()
