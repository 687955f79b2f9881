"""Tokens, lemmas and parts of speech through the spaCy pipelines."""
from __future__ import annotations

from ruzh.corpus import analyze
from ruzh.corpus.nlp import pipeline


def test_russian_lemmas_and_pos():
    [tokens] = analyze("Региональной антитеррористической структуры ШОС", "ru")
    assert [t.lemma for t in tokens] == ["региональный", "антитеррористический", "структура", "шос"]
    assert [t.pos for t in tokens] == ["ADJ", "ADJ", "NOUN", "PROPN"]


def test_russian_nouns_agree_with_what_governs_them():
    """pymorphy3's first reading of «министерства» is the genitive singular; after a plural
    adjective, and coordinated with a plural noun, it is the nominative plural."""
    [tokens] = analyze("Профильные министерства и ведомства государств-членов ШОС", "ru")
    assert "plur" in tokens[1].tag and "nomn" in tokens[1].tag
    assert "plur" in tokens[3].tag and "nomn" in tokens[3].tag
    assert "gent" in tokens[4].tag
    [tokens] = analyze("Обеспечение работы министерства", "ru")
    assert "sing" in tokens[2].tag and "gent" in tokens[2].tag  # nothing to agree with: the first reading


def test_coordinated_nouns_share_a_case():
    """«Боснии» is first read as a genitive; beside «Герцеговине», which cannot be one, both are
    prepositional (a UN test set sentence)."""
    [tokens] = analyze("Ситуация в Боснии и Герцеговине (9 сентября 1992 года; 12 мая 2015 года)", "ru")
    assert "loct" in tokens[2].tag and "loct" in tokens[4].tag


def test_a_word_read_as_noun_or_adjective_is_an_adjective_before_its_noun():
    """UN dev set: «сформированных полицейских подразделений» (of formed police units), not «of the
    policemen of units»; «ученых стран» stays the scientists of countries (rarely an adjective)."""
    words = analyze(["сформированных полицейских подразделений", "ученых стран"], "ru")
    assert [(t.pos, t.lemma) for t in words[0][1:]] == [("ADJ", "полицейский"), ("NOUN", "подразделение")]
    assert words[1][0].pos == "NOUN"


def test_an_ordinal_number_word_is_an_adjective_with_its_dictionary_form():
    """UN test set, line 1140: «Доклад Пятого комитета», whose term is «Пятый комитет»; «один»
    (one) still counts."""
    [tokens] = analyze("Доклад Пятого комитета", "ru")
    assert (tokens[1].pos, tokens[1].lemma) == ("ADJ", "пятый")
    [tokens] = analyze("один медицинский центр", "ru")
    assert tokens[0].pos == "NUM"

def test_russian_hyphenated_compounds_are_one_token():
    [tokens] = analyze("Компетентные органы государств-членов ШОС, РАТС ШОС", "ru")
    assert [t.text for t in tokens] == ["Компетентные", "органы", "государств-членов", "ШОС", ",", "РАТС", "ШОС"]
    assert tokens[2].lemma == "государство-член"
    assert tokens[4].pos == "PUNCT"
    assert "gent" in tokens[2].tag


def test_chinese_segmentation_and_pos():
    [tokens] = analyze("上合组织成员国外交部，上合组织秘书处", "zh")
    words = [t.text for t in tokens]
    assert "外交部" in words and "秘书处" in words
    pos = {t.text: t.pos for t in tokens}
    assert pos["秘书处"] == "NOUN"
    assert pos["外交部"] == "PROPN"  # jieba tags it an organisation (nt)
    assert pos["，"] == "PUNCT"
    assert all(t.lemma == t.text for t in tokens)


def test_many_texts_and_offsets(sample):
    texts = [u.text for u in sample.of("zh", "measure")[:5]]
    analysed = analyze(texts, "zh")
    assert len(analysed) == 5
    for text, tokens in zip(texts, analysed):
        assert "".join(t.text for t in tokens) == text.replace(" ", "")
        assert all(text[t.start : t.start + len(t.text)] == t.text for t in tokens)


def test_pipelines_load_once():
    assert pipeline("ru") is pipeline("ru")
    assert pipeline("zh") is pipeline("zh")


def test_forget_words_puts_back_what_was_taught_and_retagged(sample):
    """A document's analysis must not depend on what the process read before it: the glossary of one
    document teaches jieba words and retags others (组织 as a noun, 也门 as a place)."""
    from ruzh.corpus.nlp import add_words, forget_words, retag_words

    text = sample.unit("zh-m002").text  # 上合组织成员国 …
    forget_words()
    before = [(t.text, t.pos) for t in analyze([text], "zh")[0]]
    add_words({"上合组织成员国": "nt"})
    retag_words({"组织": "n", "提高": "n"})
    changed = [(t.text, t.pos) for t in analyze([text], "zh")[0]]
    assert changed != before and ("上合组织成员国", "PROPN") in changed
    forget_words()
    assert [(t.text, t.pos) for t in analyze([text], "zh")[0]] == before
