"""Word links inside linked sentences, the lexicon they stand on, and term bases read for the
terminology check: on the hand-labelled set (tests/data/word_links_gold.jsonl) and real text."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from ruzh.align.lexicon import load_lexicon
from ruzh.align.words import WordAligner, word_links
from ruzh.align.evaluate import word_scores
from ruzh.corpus import InputError
from ruzh.glossary.termbase import read_termbase

GOLD = Path(__file__).parent / "data" / "word_links_gold.jsonl"


def _aer(aligner: WordAligner) -> float:
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    return word_scores(gold, aligner.align([(g["ru"], g["zh"]) for g in gold])).aer


def test_the_combined_aligner_beats_embeddings_alone(encoder):
    combined = _aer(WordAligner(encoder))
    alone = _aer(WordAligner(encoder, sources=("embedding", "same")))
    assert combined < 0.36 and combined < alone - 0.08


def test_word_links_in_a_sample_measure(encoder):
    wa = word_links("Проведение ежегодных встреч министров иностранных дел государств-членов ШОС.",
                    "每年举行上合组织成员国外交部长会议。", WordAligner(encoder))
    pairs = {(wa.ru[i].text, wa.zh[j].text) for i, j, _ in wa.links}
    assert ("министров", "外交部长") in pairs and ("государств-членов", "成员国") in pairs
    assert all(0 <= s <= 1 for _, _, s in wa.links)
    assert set(wa.frame().columns) == {"ru", "zh", "score"}


def test_a_word_with_no_counterpart_has_no_partner(encoder):
    wa = word_links("Проведение встреч министров иностранных дел государств-членов ШОС.",
                    "定期举行上合组织成员国外交部长会议，解决阿富汗问题。", WordAligner(encoder))
    best = dict(zip((w.text for w in wa.zh), wa.best("zh")))
    assert best["阿富汗"] < 0.5 and best["成员国"] >= 0.5


def test_the_dictionary_source_links_through_english_glosses(encoder):
    """The optional CC-CEDICT source (sample, measure 23): CC-CEDICT lacks 切实落实 but glosses 切实 inside it
    "practical", which USE-m3 reads as «Практическая»; the lexicon and the word embeddings do not link them."""
    from ruzh.align.dictionary import glosses

    assert "protocol" in glosses("议定书") and glosses("秘书处")  # 秘书处: through 秘书, a word inside it
    ru = ("Практическая реализация принятых в рамках ШОС документов по совместному противодействию незаконному "
          "обороту наркотических средств и их прекурсоров.")
    zh = "切实落实上合组织通过文件中有关共同打击非法贩运毒品及其前体的条款。"
    sources = ("lexicon", "embedding", "same")
    without = word_links(ru, zh, WordAligner(encoder, sources=sources))
    with_it = word_links(ru, zh, WordAligner(encoder, sources=sources + ("dictionary",)))
    assert without.best("ru")[0] < 0.5 <= with_it.best("ru")[0]


def test_an_unknown_source_is_refused(encoder):
    """A misspelt source would otherwise be left out without a word, and the links be weaker."""
    with pytest.raises(ValueError, match="dictionnary"):
        WordAligner(encoder, sources=("lexicon", "dictionnary"))


def test_the_lexicon_knows_what_translators_leave_out():
    lexicon = load_lexicon()
    assert lexicon.null_rate("ru", "также") > 3 * lexicon.null_rate("ru", "афганистан")
    assert lexicon.null_rate("zh", "进行") > 0.4 and lexicon.translation("министр", "部长") > 0.8
    assert lexicon.gloss("zh", "秘书长") == "секретарь" and lexicon.gloss("zh", "阿富汗") == "афганистан"


def test_term_bases_in_tbx_and_csv(tmp_path, sample_glossary):
    from ruzh.glossary.exports import to_csv, to_tbx

    (tmp_path / "terms.tbx").write_bytes(to_tbx(sample_glossary))
    (tmp_path / "terms.csv").write_bytes(to_csv(sample_glossary))
    from_tbx, from_csv = read_termbase(tmp_path / "terms.tbx"), read_termbase(tmp_path / "terms.csv")
    assert len(from_tbx) == len(from_csv) == len(sample_glossary.entries)
    for read in (from_csv, from_tbx):
        secretariat = next(zh for ru, zh in read if ru[0] == "Секретариат ШОС")
        assert secretariat[0] == "上合组织秘书处"
    (tmp_path / "bad.csv").write_text("term,translation\nШОС,上合组织\n", encoding="utf-8")
    with pytest.raises(InputError, match="must name a Russian and a Chinese column"):
        read_termbase(tmp_path / "bad.csv")
    (tmp_path / "broken.tbx").write_text("<tbx><text>", encoding="utf-8")
    with pytest.raises(InputError, match="not a well-formed TBX"):
        read_termbase(tmp_path / "broken.tbx")


def test_names_spelt_by_sound_in_chinese_characters_are_linked(encoder, un_pairs):
    from ruzh.align.transliteration import name_scores

    aligner = WordAligner(encoder, sources=("lexicon",))
    ru, zh = un_pairs[471]  # «Нкосазаны Дламини-Зумы» / 恩科萨扎娜·德拉米尼-祖马, cut by jieba into 德拉 / 米尼 / 祖马
    (ru_words,), (zh_words,) = aligner.words([ru], "ru"), aligner.words([zh], "zh")
    scores = name_scores(ru_words, zh_words, zh)
    linked = {(ru_words[i].text, zh_words[j].text) for i, j in zip(*scores.nonzero())}
    assert {("Дламини-Зумы", "德拉"), ("Дламини-Зумы", "祖马")} <= linked
    assert all(r in ("Нкосазаны", "Дламини-Зумы") for r, _ in linked)  # not «Африканского», not «Председателя»
    ru, zh = un_pairs[3154]  # «Эль-Фашире» is 法希尔, not 达尔富尔 (Darfur) a few words before
    (ru_words,), (zh_words,) = aligner.words([ru], "ru"), aligner.words([zh], "zh")
    scores = name_scores(ru_words, zh_words, zh)
    linked = {(ru_words[i].text, zh_words[j].text) for i, j in zip(*scores.nonzero())}
    assert ("Эль-Фашире", "希尔") in linked and ("Эль-Фашире", "达尔富尔") not in linked


def test_a_name_written_twice_pairs_first_with_first(encoder, un_pairs):
    ru, zh = un_pairs[3539]  # «веб-сайты Организации Объединенных Наций» twice, 联合国网站 twice
    wa = word_links(ru, zh, WordAligner(encoder))
    best = wa.best("ru")
    assert all(best[i] >= 0.5 for i, w in enumerate(wa.ru) if w.text in ("Организации", "Объединенных", "Наций"))


def test_chinese_short_forms_are_found_as_their_full_forms(sample):
    from ruzh.align.words import short_form_span

    zh = sample.unit("zh-m073").text  # 《上海合作组织秘书处与联合国秘书处合作联合声明》
    start, end = short_form_span("上合组织秘书处", zh)
    assert zh[start:end] == "上海合作组织秘书处"
    assert short_form_span("上合组织", "上海合作组织") == (0, 6)
    assert short_form_span("上合组织秘书处", "联合国秘书处") is None


def test_the_lexicon_says_which_russian_words_a_chinese_word_renders():
    """过境运输 (transit transport) renders «транзитный» by 过境 and «перевозка» by 运输, as
    `renders` reads the same lexicon word by word."""
    lexicon = load_lexicon()
    found = lexicon.rendered_by("过境运输")
    assert {"транзитный", "перевозка"} <= found
    assert all(lexicon.renders(lemma, ["过境运输"]) for lemma in found)
    assert not lexicon.renders("бюджет", ["过境运输"]) and "бюджет" not in found
