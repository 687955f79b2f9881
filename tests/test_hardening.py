"""Hostile and unlucky use: outputs written as a whole, safe to open, and every fault one line, exit 2."""
from __future__ import annotations

import errno
import fcntl
import hashlib
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from lxml import etree
from openpyxl import load_workbook

from ruzh import api
from ruzh.align.divergence import Finding
from ruzh.align.divergence.report import to_markdown
from ruzh.align.encoders import EmbeddingCache
from ruzh.cli import main
from ruzh.corpus import textio
from ruzh.glossary import write_exports
from ruzh.glossary.build import Entry, Glossary
from ruzh.outputs import MANIFEST, STAGING_PREFIX

FORMULAS = ['=HYPERLINK("http://example.com/x","нажмите")', "@SUM(A1:A9)", "+7 495 000", "-1+1", "\tнечто"]


@pytest.fixture(autouse=True)
def logs_reach_caplog(monkeypatch, caplog):
    """main() stops the "ruzh" logger from propagating (it prints itself) and sets its level by -q/-v;
    caplog listens at the root."""
    monkeypatch.setattr(logging.getLogger("ruzh"), "propagate", True)
    caplog.set_level(logging.INFO, logger="ruzh")


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file in a folder (hidden ones too) with a hash of its content."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


@pytest.fixture(scope="module")
def previous_run(tmp_path_factory) -> Path:
    """A complete output folder from an earlier run on the sample."""
    out = tmp_path_factory.mktemp("previous") / "out"
    assert main(["run", "-q", "-o", str(out)]) == 0
    return out


@pytest.fixture
def out(previous_run, tmp_path) -> Path:
    copy = tmp_path / "out"
    shutil.copytree(previous_run, copy)
    return copy


def one_line_error(capsys) -> str:
    """The error line: one, the last thing written, and no traceback (progress lines may come before)."""
    err = capsys.readouterr().err.strip()
    assert "Traceback" not in err and "Logging error" not in err, err
    errors = [line for line in err.splitlines() if line.startswith("ruzh: error: ")]
    assert len(errors) == 1 and err.splitlines()[-1] == errors[0], err
    return errors[0]


# ------------------------------------------------------------------ one output set, written as a whole

def test_a_run_writes_a_manifest_last_naming_its_files(previous_run):
    import json
    manifest = json.loads((previous_run / MANIFEST).read_text("utf-8"))
    assert manifest["command"] == "run"
    assert set(manifest["files"]) == {p.name for p in previous_run.iterdir()} - {MANIFEST}
    assert len(manifest["files"]) == 17  # the contract's 11, TBX 2008, OmegaT ZH→RU, CSV/XLSX per direction


def test_a_second_run_replaces_the_whole_set(out, capsys):
    assert main(["corpus", "-q", "-o", str(out)]) == 0
    assert {p.name for p in out.iterdir()} == {"corpus.jsonl", "repairs.jsonl", MANIFEST}
    assert main(["lookup", "-o", str(out), "ШОС"]) == 2
    assert "no glossary" in one_line_error(capsys)


def test_an_input_named_like_an_output_is_refused(tmp_path, sample_lines, capsys):
    folder = tmp_path / "work"
    folder.mkdir()
    source = folder / "report.md"
    source.write_text("\n".join(sample_lines), encoding="utf-8")
    before = source.read_bytes()
    assert main(["run", str(source), "-o", str(folder)]) == 2
    assert "is an input" in one_line_error(capsys)
    assert source.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["report.md"]


def test_a_run_fails_late_and_the_previous_output_stays(out, monkeypatch, capsys):
    before = fingerprint(out)

    def full_disk(path, data):
        if Path(path).name == "glossary.tbx":
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real_write(path, data)

    real_write = textio.write_atomic
    monkeypatch.setattr("ruzh.glossary.exports.write_atomic", full_disk)
    assert main(["run", "-o", str(out)]) == 2
    assert "disk is full" in one_line_error(capsys)
    assert fingerprint(out) == before  # no new corpus beside the old glossary, no staging folder


def test_a_full_disk_for_real(tmp_path, capsys):
    """On a tiny tmpfs, where the test may mount one (as root); the monkeypatched test covers the rest."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        out = disk / "out"
        assert main(["corpus", "-q", "-o", str(out)]) == 0  # about 150 KB: fits
        before = fingerprint(out)
        assert main(["run", "-q", "-o", str(out)]) == 2  # about 700 KB: does not
        assert "disk is full" in one_line_error(capsys)
        assert fingerprint(out) == before
        assert [p.name for p in disk.iterdir()] == ["out"]
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_ctrl_c_inside_the_process(out, monkeypatch, capsys):
    before = fingerprint(out)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(api, "glossary", interrupted)
    assert main(["run", "-o", str(out)]) == 130
    assert "interrupted" in one_line_error(capsys)
    assert fingerprint(out) == before


@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_mid_run_leaves_the_previous_output(out, sig, code):
    before = fingerprint(out)
    run = subprocess.Popen([sys.executable, "-m", "ruzh", "run", "-o", str(out)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not list(out.glob(f"{STAGING_PREFIX}*")) and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    run.send_signal(sig)
    _, err = run.communicate(timeout=120)
    assert run.returncode == code, err
    assert err.strip().splitlines()[-1].startswith("ruzh: error: ") and "Traceback" not in err
    assert fingerprint(out) == before


def test_stale_staging_and_temporary_files_are_swept(out):
    (out / f"{STAGING_PREFIX}99999").mkdir()
    (out / f"{STAGING_PREFIX}99999" / "glossary.csv").write_text("half", encoding="utf-8")
    (out / ".glossary.csv.x1y2.tmp").write_text("half", encoding="utf-8")
    assert main(["corpus", "-q", "-o", str(out)]) == 0
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_a_second_run_into_a_locked_folder_is_refused(out, capsys):
    before = fingerprint(out)
    fd = os.open(out, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        assert main(["corpus", "-o", str(out)]) == 2
    finally:
        os.close(fd)
    assert "another ruzh run" in one_line_error(capsys)
    assert fingerprint(out) == before


def test_files_get_the_permissions_the_umask_gives(tmp_path):
    previous = os.umask(0o027)
    textio._umask.cache_clear()
    try:
        textio.write_text_atomic(tmp_path / "a.txt", "x")
    finally:
        os.umask(previous)
        textio._umask.cache_clear()
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o640


# ------------------------------------------------------------------ faults: one line, exit 2

def test_faults_are_one_line_and_exit_2(tmp_path, sample_lines, capsys):
    source = tmp_path / "plan.txt"
    source.write_text("\n".join(sample_lines), encoding="utf-8")
    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    cases = {
        "regular file": (["run", "/dev/zero", "-o", str(tmp_path / "o1")], "not a regular file"),
        "over the size limit": (["run", str(source), "--max-size", "0.01", "-o", str(tmp_path / "o2")], "--max-size"),
        "output is a file": (["corpus", str(source), "-o", str(a_file)], "is a file, not a folder"),
        "output under a file": (["corpus", str(source), "-o", str(a_file / "out")], "is a file, not a folder"),
        "name too long": (["corpus", str(source), "-o", str(tmp_path / ("x" * 300))], "too long"),
    }
    for name, (argv, words) in cases.items():
        assert main(argv) == 2, name
        assert words in one_line_error(capsys), name
    assert not (tmp_path / "o1").exists() and not (tmp_path / "o2").exists()


def test_unreadable_input(tmp_path, sample_lines, monkeypatch, capsys):
    source = tmp_path / "plan.txt"
    source.write_text("\n".join(sample_lines), encoding="utf-8")

    def denied(self):
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    assert main(["corpus", str(source), "-o", str(tmp_path / "out")]) == 2
    assert one_line_error(capsys) == f"ruzh: error: {source}: permission denied; check who may read and write it (ls -l)"


def test_a_damaged_glossary_for_lookup(out, capsys):
    glossary = out / "glossary.csv"
    glossary.write_bytes(glossary.read_bytes()[:2000])
    assert main(["lookup", "-o", str(out), "ШОС"]) == 2
    assert "glossary is damaged" in one_line_error(capsys)
    glossary.write_bytes(os.urandom(300))
    assert main(["lookup", "-o", str(out), "ШОС"]) == 2
    assert "glossary is damaged" in one_line_error(capsys)


def test_lookup_limit_must_be_positive(out, capsys):
    for bad in ("0", "-1"):
        with pytest.raises(SystemExit) as stop:
            main(["lookup", "-n", bad, "-o", str(out), "ШОС"])
        assert stop.value.code == 2
        assert "not above zero" in capsys.readouterr().err


def test_a_closed_pipe_ends_quietly(previous_run):
    done = subprocess.run(f"{sys.executable} -m ruzh lookup -n 200 -o {previous_run} 组织 | head -1",
                          shell=True, capture_output=True, text=True)
    assert done.stdout.count("\n") == 1 and done.stderr == ""


def test_a_damaged_cache_is_moved_aside(tmp_path, caplog):
    path = tmp_path / "embeddings.sqlite"
    path.write_bytes(os.urandom(8192))
    cache = EmbeddingCache(path)
    assert "damaged" in caplog.text and str(path) in caplog.text
    assert [p.name for p in tmp_path.glob("embeddings.sqlite.damaged-*")]
    cache.put("m", {"текст": textio_vector()})
    assert set(cache.get("m", ["текст"])) == {"текст"}


def test_an_unwritable_cache_is_given_up(tmp_path, caplog):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    cache = EmbeddingCache(tmp_path / "a-file" / "embeddings.sqlite")
    assert "going on without it" in caplog.text
    cache.put("m", {"текст": textio_vector()})
    assert cache.get("m", ["текст"]) == {}


def textio_vector():
    import numpy as np
    return np.ones(4, dtype=np.float32)


# ------------------------------------------------------------------ safe outputs

def hostile_glossary() -> Glossary:
    entries = [Entry(ru=f, zh=f"{f}组织", score=0.9, freq=2, ru_forms=[f], zh_forms=[f], units=["ru-m001"],
                     ru_key=f) for f in FORMULAS]
    entries.append(Entry(ru="Секретариат\x0cШОС\x1b", zh="上合组织秘书处\x07", score=0.9, freq=2,
                         ru_forms=["Секретариат\x0cШОС"], zh_forms=[], units=["ru-m001"], ru_key="секретариат шос"))
    return Glossary(entries)


def test_formulas_are_neutralised_in_csv_and_xlsx(tmp_path):
    write_exports(hostile_glossary(), tmp_path)
    import csv
    with (tmp_path / "glossary.csv").open(encoding="utf-8-sig", newline="") as f:
        cells = [c for row in list(csv.reader(f))[1:] for c in row]
    assert not [c for c in cells if c.startswith(textio.FORMULA_STARTS)]
    assert "'" + FORMULAS[0] in cells
    sheet = load_workbook(tmp_path / "glossary.xlsx").active
    kinds = {cell.data_type for row in sheet.iter_rows() for cell in row}
    assert "f" not in kinds
    assert "'" + FORMULAS[1] in [c.value for c in sheet["A"]]


def test_lookup_reads_neutralised_cells_back(tmp_path, capsys):
    write_exports(hostile_glossary(), tmp_path)
    assert main(["lookup", "-o", str(tmp_path), "@SUM(A1:A9)"]) == 0
    assert capsys.readouterr().out.startswith("@SUM(A1:A9)  =  ")


def test_xml_outputs_parse_strictly_with_control_characters(tmp_path, sample_lines):
    write_exports(hostile_glossary(), tmp_path)
    etree.parse(str(tmp_path / "glossary.tbx"), etree.XMLParser(recover=False))
    source = tmp_path / "plan.txt"
    lines = list(sample_lines)
    lines[40] += "\x0c"  # pdftotext's page break
    lines[300] = "\x1b[1m" + lines[300]
    source.write_text("\n".join(lines), encoding="utf-8")
    assert main(["align", "-q", str(source), "-o", str(tmp_path / "out")]) == 0
    tree = etree.parse(str(tmp_path / "out" / "alignment.tmx"), etree.XMLParser(recover=False))
    assert len(tree.findall(".//tu")) > 100


def test_report_md_shows_markup_as_text():
    finding = Finding(kind="content", ru=["ru-m001"], zh=["zh-m001"], side="zh", severity="major", score=0.9,
                      message='ZH adds «<img src=x onerror="alert(1)"> [x](javascript:alert(1)) **bold**».')
    text = to_markdown([finding], "plan<script>alert(1)</script>[y](javascript:z).txt")
    assert "<img" not in text and "<script" not in text
    assert "](javascript" not in text and "[x]" not in text and "**bold**" not in text
    assert "&lt;img" in text


def test_a_file_cut_short_mid_character_is_read(tmp_path, caplog):
    from ruzh.corpus import sample_path
    whole = sample_path().read_bytes().rstrip()
    assert whole.decode("utf-8")[-1] == "处"  # three bytes in UTF-8: cut after the first two
    (tmp_path / "plan.txt").write_bytes(whole[:-1])
    assert textio.read_text(tmp_path / "plan.txt").text == whole.decode("utf-8")[:-1]
    assert "cut short" in caplog.text


def test_lookup_warns_about_a_file_the_last_run_did_not_write(out, capsys):
    glossary = out / "glossary.csv"
    glossary.write_bytes(glossary.read_bytes() + "Шанхай,上海,0.5000,1,,,ru-m001,шанхай\n".encode("utf-8"))
    assert main(["lookup", "-o", str(out), "Шанхай"]) == 0
    assert "is not the file the last run wrote" in capsys.readouterr().err
