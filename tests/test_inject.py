"""The seeded divergence benchmark (benchmarks/inject.py): labelled, realistic changes to UN pairs."""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
if str(BENCHMARKS) not in sys.path:
    sys.path.insert(0, str(BENCHMARKS))

import inject  # noqa: E402
from inject import DROPPING, KINDS, Change  # noqa: E402


@pytest.fixture(scope="module")
def testset() -> list[tuple[str, str]]:
    from un import UN, un_pairs

    if not (UN / "testset").exists():
        pytest.skip(f"the UN test set is not at {UN}")
    return un_pairs("testset")


@pytest.fixture(scope="module")
def injected(testset):
    return inject.inject(testset, seed=7)


def test_same_seed_same_benchmark(testset, injected):
    again = inject.inject(testset, seed=7)
    assert again == injected
    other_seed = inject.inject(testset, seed=8)[1]
    assert {c.index for c in other_seed} != {c.index for c in injected[1]}


def test_every_kind_thirty_times_on_both_sides(injected):
    _, changes = injected
    kinds = Counter(c.kind for c in changes)
    assert set(kinds) == set(KINDS)
    for kind in KINDS:
        assert kinds[kind] >= 30, kind
        sides = Counter(c.side for c in changes if c.kind == kind)
        edited = Counter(c.edited for c in changes if c.kind == kind)
        assert set(sides) == {"ru", "zh"} and set(edited) == {"ru", "zh"}, (kind, sides)
        assert abs(edited["ru"] - edited["zh"]) <= 2, (kind, edited)  # half each, as candidates allow


def test_each_change_edits_one_side_of_one_pair(testset, injected):
    changed, changes = injected
    assert len(changed) == len(testset)
    assert len({c.index for c in changes}) == len(changes)  # each pair changed at most once
    touched = {c.index for c in changes}
    assert all(changed[k] == testset[k] for k in range(len(testset)) if k not in touched)
    for c in changes:
        i = 0 if c.edited == "ru" else 1
        assert changed[c.index][i] != testset[c.index][i], c
        assert changed[c.index][1 - i] == testset[c.index][1 - i], c
        # the side with the extra or faulty content: the edited one, or the other when words were dropped
        assert c.side == (inject.OTHER[c.edited] if c.kind in DROPPING else c.edited)


def test_spans_are_in_the_right_text(testset, injected):
    changed, changes = injected
    for c in changes:
        for lang, span in (("ru", c.ru_span), ("zh", c.zh_span)):
            i = 0 if lang == "ru" else 1
            if lang == c.edited:
                assert span, c  # the words edited are always named
            if not span:
                continue
            if c.kind in DROPPING and lang == c.edited:
                assert span in testset[c.index][i], c  # the words removed, from the original
            else:
                assert span in changed[c.index][i], c


def test_kinds_change_what_they_say(testset, injected):
    changed, changes = injected
    for c in changes:
        i = 0 if c.edited == "ru" else 1
        old, new = testset[c.index][i], changed[c.index][i]
        if c.kind == "number":
            assert re.sub(r"\d", "#", old) == re.sub(r"\d", "#", new)  # digits changed, nothing else
        elif c.kind in DROPPING:
            assert len(new) < len(old)
        elif c.kind == "clause_added":
            assert new.startswith(old.rstrip().rstrip("。.").rstrip(",;，；")) and len(new) > len(old)
        elif c.kind == "sentence_replaced":
            assert 0.5 * len(old) <= len(new) <= 1.5 * len(old)
        elif c.kind == "negation":  # a negation more or less, or another modal
            assert any(old.lower().count(w) != new.lower().count(w)
                       for w in ("не", "不", "未", "没有", "可", "应", "必", "долж", "мож", "мог", "след")), c


def test_a_russian_country_swap_keeps_the_case():
    pairs = [
        ("Военные конфликты в Ираке привели к жертвам.", "伊拉克的军事冲突造成了伤亡。"),
        ("Делегация Сирии выступила с заявлением.", "叙利亚代表团发了言。"),
        ("Иран заявил о своей позиции.", "伊朗表明了立场。"),
        ("Колумбия поддержала проект.", "哥伦比亚支持该草案。"),
    ]
    ctx = inject._Context(pairs)
    # «в Ираке» (locative, masculine): Iran fits, «в Иране»; Syria and Colombia are feminine
    assert [e.text for e in ctx.options("country", 0, "ru")] == ["Военные конфликты в Иране привели к жертвам."]
    assert ctx.options("country", 0, "ru")[0].zh_span == "伊拉克"
    # «Сирии» (genitive): a feminine name in the genitive, never the nominative «Колумбия»
    assert [e.ru_span for e in ctx.options("country", 1, "ru")] == ["Колумбии"]
    # Chinese has no case: any absent country will do
    assert {e.zh_span for e in ctx.options("country", 0, "zh")} == {"叙利亚", "伊朗", "哥伦比亚"}


def test_a_dropped_list_item_leaves_a_grammatical_list():
    pairs = [("Совет рассмотрел вопросы образования, здравоохранения, жилья и занятости.",
              "安理会审议了教育、卫生、住房和就业问题。")]
    ctx = inject._Context(pairs)
    ru = {e.text for e in ctx.options("list_item_dropped", 0, "ru")}
    assert "Совет рассмотрел вопросы образования, жилья и занятости." in ru  # a middle one
    assert "Совет рассмотрел вопросы образования, здравоохранения и занятости." in ru  # the one before «и»
    assert "Совет рассмотрел вопросы образования, здравоохранения и жилья." in ru  # the last: «и» moves
    assert all(re.fullmatch(r"Совет рассмотрел вопросы \w+, \w+ и \w+\.", text) for text in ru)
    zh = {e.text for e in ctx.options("list_item_dropped", 0, "zh")}
    assert zh == {"安理会审议了教育、住房和就业问题。", "安理会审议了教育、卫生和就业问题。"}
    assert {e.zh_span for e in ctx.options("list_item_dropped", 0, "zh")} == {"卫生", "住房"}


def test_an_organisation_dropped_from_an_enumeration():
    pairs = [("Проект осуществлялся при поддержке ЮНЕСКО, ЮНИСЕФ и ВОЗ.",
              "该项目得到了教科文组织、儿童基金会和世卫组织的支持。")]
    ctx = inject._Context(pairs)
    ru = {e.text: e for e in ctx.options("organisation_dropped", 0, "ru")}
    assert set(ru) == {"Проект осуществлялся при поддержке ЮНЕСКО и ВОЗ.",
                       "Проект осуществлялся при поддержке ЮНЕСКО и ЮНИСЕФ."}
    # the dropped one, and where the Chinese version still names it
    assert ru["Проект осуществлялся при поддержке ЮНЕСКО и ВОЗ."].ru_span == "ЮНИСЕФ"
    assert ru["Проект осуществлялся при поддержке ЮНЕСКО и ВОЗ."].zh_span == "儿童基金会"
    zh = {e.text for e in ctx.options("organisation_dropped", 0, "zh")}
    assert "该项目得到了教科文组织和世卫组织的支持。" in zh


def test_change_is_a_plain_record():
    c = Change(3, "number", "zh", "2015", "2016")
    assert (c.index, c.kind, c.side, c.edited) == (3, "number", "zh", "zh")
    assert Change(3, "clause_deleted", "zh", "которые ...", "").edited == "ru"
