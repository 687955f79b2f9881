"""Looking terms up in the sample's glossary: how each match is labelled, the typed API, --json,
and glossary.csv files other than the one this version writes."""
from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ruzh.cli import main
from ruzh.glossary import lookup
from ruzh.glossary.lookup import KINDS

OLD_COLUMNS = ["ru", "zh", "score", "freq", "ru_forms", "zh_forms", "units", "ru_lemmas"]  # before issue 11


def rewritten(written: Path, folder: Path, sep: str = ",", columns: list[str] | None = None,
              header: dict[str, str] | None = None, change=None) -> Path:
    """A copy of the output folder whose glossary.csv has another separator, only some columns,
    renamed header cells or changed rows (`change(row)` edits a row's dict in place)."""
    shutil.copytree(written, folder)
    with (written / "glossary.csv").open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
        columns = columns or list(reader.fieldnames)
    for row in rows:
        row.setdefault("status", "confirmed")
        if change:
            change(row)
    with (folder / "glossary.csv").open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=sep)
        writer.writerow([(header or {}).get(c, c) for c in columns])
        writer.writerows([row.get(c, "") for c in columns] for row in rows)
    return folder


def found(query: str, out: Path, limit: int = 10) -> list[tuple[str, str]]:
    return [(m.how, m.entry.ru) for m in lookup(query, out, limit=limit)]


@pytest.mark.parametrize("query,how,ru", [
    ("Секретариат ШОС", "exact", "Секретариат ШОС"),
    ("секретариат шос", "exact", "Секретариат ШОС"),  # any case
    ("上合组织秘书处", "exact", "Секретариат ШОС"),
    ("Секретариата ШОС", "variant", "Секретариат ШОС"),  # an inflected form the glossary lists
    ("МИБ", "variant", "международная информационная безопасность"),  # the acronym of the expansion
    ("Секретариату ШОС", "lemmas", "Секретариат ШОС"),  # a form the document does not use
    ("антитеррористической структуры", "lemmas", "РАТС ШОС"),  # spells out part of РАТС
    ("秘书处", "substring", "Секретариат ШОС"),
    ("секретариат", "substring", "Секретариат ШОС"),  # the lemmas of a part of the term
    ("Межбанков", "prefix", "Межбанковское объединение ШОС"),
    ("антитеррористическ", "prefix", "Глобальная антитеррористическая стратегия ООН"),  # a word inside
    ("Секретарят ШОС", "fuzzy", "Секретариат ШОС"),
    ("Секретарятом ШОС", "fuzzy", "Секретариат ШОС"),
    ("上合组织秘书外", "fuzzy", "Секретариат ШОС"),
])
def test_each_kind_of_match(written, query, how, ru):
    matches = lookup(query, written)
    assert (how, ru) in [(m.how, m.entry.ru) for m in matches]
    assert next(m for m in matches if m.entry.ru == ru).examples  # with sentences that use it


def test_a_chinese_part_finds_the_whole_term_first(written):
    """秘书处 finds the terms it is part of, the most used first (after 秘书处 itself, were it an entry)."""
    matches = [(m.how, m.entry.zh) for m in lookup("秘书处", written)]
    assert [m for m in matches if m[0] != "exact"][0] == ("substring", "上合组织秘书处")


def test_a_form_is_a_variant_and_only_the_headword_exact(written):
    """МИБ is an entry and a form of «международная информационная безопасность»: the entry is
    the exact match, the expansion the variant, in that order."""
    assert found("МИБ", written)[:2] == [("exact", "МИБ"), ("variant", "международная информационная безопасность")]
    assert ("exact", "Секретариат ШОС") not in found("Секретариата ШОС", written)


@pytest.mark.parametrize("query", ["ШОС", "Секретариат ШОС", "上合组织"])
def test_matches_come_kind_by_kind(written, query):
    """Best kind first; a lower limit cuts the same list (lookup stops once a kind fills it)."""
    every = found(query, written, limit=60)
    kinds = [KINDS.index(how) for how, _ in every]
    assert len(set(kinds)) >= 2 and kinds == sorted(kinds)
    assert found(query, written, limit=2) == every[:2]


def test_no_typo_match_for_another_acronym(written):
    assert not [ru for how, ru in found("МИД", written) if how == "fuzzy"]  # МИБ is one letter away


def test_a_chinese_or_listed_russian_query_loads_no_analyser(written):
    """Lookup starts at once: spaCy and pymorphy3 load only for the lemmas of a Russian form the
    glossary does not list."""
    script = ("import sys; from ruzh.cli import main; import contextlib, io\n"
              "for q in sys.argv[2:]:\n"
              "    with contextlib.redirect_stdout(io.StringIO()): assert main(['lookup', '-o', sys.argv[1], q]) == 0\n"
              "print(sorted(m for m in ('spacy', 'pymorphy3', 'pandas') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", script, str(written), "秘书处", "上合组织秘书处", "наблюдателей"],
                          capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_api_columns_are_typed(written):
    import ruzh.api as rz

    frame = rz.lookup("秘书处", out=str(written))
    assert frame.score.dtype == "float64" and frame.freq.dtype == "int64"
    first = frame[frame["match"] == "substring"].iloc[0]
    assert (first["match"], first["zh"]) == ("substring", "上合组织秘书处")
    for column in ("ru_forms", "zh_forms", "units", "labels", "ru_variants", "zh_variants"):
        assert all(isinstance(cell, list) and all(isinstance(x, str) for x in cell) for cell in frame[column]), column
    assert "Секретариата ШОС" in first["ru_forms"] and first["units"][0].startswith("ru-m")
    assert len(first["examples"]) == 2 and all(isinstance(p, tuple) and len(p) == 2 for p in first["examples"])
    nothing = rz.lookup("щщщщщщ", out=str(written))
    assert nothing.empty and nothing.score.dtype == "float64" and "match" in nothing.columns


def test_json_output(written, capsys):
    assert main(["lookup", "--json", "-n", "3", "-o", str(written), "秘书处"]) == 0
    records = json.loads(capsys.readouterr().out)
    first = next(r for r in records if r["match"] == "substring")
    assert (first["match"], first["zh"]) == ("substring", "上合组织秘书处") and len(records) <= 3
    assert isinstance(first["score"], float) and isinstance(first["freq"], int)
    assert isinstance(first["ru_forms"], list) and isinstance(first["labels"], list)
    assert first["examples"][0]["zh"].count("上合组织秘书处") >= 1
    assert main(["lookup", "--json", "-o", str(written), "щщщщщщ"]) == 1  # no match: the exit code as in text
    assert json.loads(capsys.readouterr().out) == []


def test_text_output_names_the_kind_and_a_candidate(written, tmp_path, capsys):
    def doubtful(row):
        if row["ru"] == "Секретариат ШОС":
            row["status"] = "candidate"

    out = rewritten(written, tmp_path / "out", change=doubtful)
    assert main(["lookup", "-o", str(out), "Секретариата ШОС"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("Секретариат ШОС  =  上合组织秘书处") and "(variant match;" in first and "candidate" in first
    assert main(["lookup", "-o", str(out), "Межбанковское объединение ШОС"]) == 0
    assert "candidate" not in capsys.readouterr().out.splitlines()[0]


@pytest.mark.parametrize("sep", [";", "\t"])
def test_a_glossary_with_another_separator(written, tmp_path, sep):
    out = rewritten(written, tmp_path / "out", sep=sep)
    assert (out / "glossary.csv").read_text("utf-8-sig").splitlines()[0].startswith(f"ru{sep}zh{sep}")
    assert found("秘书处", out) == found("秘书处", written)
    assert lookup("Секретариат ШОС", out)[0].entry.score == lookup("Секретариат ШОС", written)[0].entry.score


def test_a_glossary_written_before_the_new_columns(written, tmp_path):
    out = rewritten(written, tmp_path / "out", columns=OLD_COLUMNS)
    assert (out / "glossary.csv").read_text("utf-8-sig").splitlines()[0] == ",".join(OLD_COLUMNS)
    first = lookup("Секретариата ШОС", out)[0]
    assert (first.how, first.entry.ru) == ("variant", "Секретариат ШОС")
    assert first.entry.status == "confirmed" and first.entry.labels == [] and first.entry.units


def test_the_new_columns_are_read_typed(written, tmp_path):
    """Variants and labels as lists, language tags as the language columns' names, and the
    glossary's context sentence as the example where the folder has no alignment."""
    def more(row):
        if row["ru"] == "РАТС ШОС":
            row.update(ru_variants="Региональная антитеррористическая структура ШОС", zh_variants="地区反恐怖机构",
                       labels="ru 72 / zh 73; ru 74 / zh 75", ru_context="Контекст РАТС ШОС.", zh_context="上下文。")

    columns = OLD_COLUMNS + ["status", "ru_variants", "zh_variants", "ru_context", "zh_context", "labels"]
    out = rewritten(written, tmp_path / "out", columns=columns, header={"ru": "ru-RU", "zh": "zh-CN"}, change=more)
    (out / "alignment.jsonl").unlink()
    first = lookup("региональная антитеррористическая структура ШОС", out)[0]
    assert (first.how, first.entry.ru) == ("variant", "РАТС ШОС")
    assert first.entry.labels == ["ru 72 / zh 73", "ru 74 / zh 75"]
    assert first.entry.zh_variants == ["地区反恐怖机构"]
    assert first.examples == [("Контекст РАТС ШОС.", "上下文。")]


def test_lookup_cli_without_a_glossary(tmp_path, capsys):
    assert main(["lookup", "ШОС", "-o", str(tmp_path)]) == 2
    assert "no glossary here" in capsys.readouterr().err


@pytest.mark.parametrize("term", ["", "   "])
def test_lookup_cli_refuses_an_empty_term(tmp_path, capsys, term):
    """An empty term is the user's slip: one line and exit 2, not the whole glossary as prefix matches."""
    assert main(["lookup", term, "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "ruzh: error: the term to look up is empty"

