"""Corpus benchmark: loading the pipelines, and parsing + segmenting the sample once they are loaded.

Run with `make bench`. Figures are wall-clock medians on this machine; each is also given as a
ratio to a peer measured in the same process on the same text, since these machines are noisy:
  - parse + segment the sample  vs  tokenize + lemmatize the same units with the loaded spaCy pipelines
  - segment the UN test set into sentences  vs  the same tokenize + lemmatize
  - our Russian tagger (nouns agree with their adjective or conjunct)  vs  pymorphy3's first reading
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from common import machine, timed

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
UN = REPO.parent / "shared" / "data" / "unpc-v1.0-testsets" / "testset"


def main() -> None:
    t0 = time.perf_counter()
    import ruzh.corpus.nlp  # noqa: F401  (spaCy, razdel, charset-normalizer)
    t_import = time.perf_counter() - t0

    from ruzh.corpus import analyze, load_sample, split_sentences
    from ruzh.corpus.nlp import morph_analyzer, pipeline

    t_ru, _ = timed(lambda: (pipeline("ru"), morph_analyzer(), analyze("Секретариат ШОС", "ru")))
    t_zh, _ = timed(lambda: (pipeline("zh"), analyze("上合组织秘书处", "zh")))

    doc = load_sample()
    t_parse, _ = timed(load_sample, repeat=20)
    texts = {lang: [u.text for u in doc.of(lang)] for lang in ("ru", "zh")}
    t_tok, _ = timed(lambda: [analyze(texts[lang], lang) for lang in ("ru", "zh")], repeat=5)

    rows = [
        ("import the corpus package", t_import, ""),
        ("load the ru pipeline (spaCy + pymorphy3)", t_ru, ""),
        ("load the zh pipeline (spaCy + jieba)", t_zh, ""),
        ("parse + repair + segment the sample", t_parse, f"{t_parse / t_tok:.2f}x tokenize+lemmatize"),
        ("  peer: tokenize + lemmatize its units", t_tok, "1.00x"),
    ]
    if (UN / "UNv1.0.testset.ru").exists():
        un = {lang: (UN / f"UNv1.0.testset.{lang}").read_text(encoding="utf-8").splitlines() for lang in ("ru", "zh")}
        t_seg, _ = timed(lambda: [split_sentences(line, lang) for lang in un for line in un[lang]], repeat=3)
        t_un_tok, _ = timed(lambda: [analyze(un[lang], lang) for lang in un], repeat=1)
        n = len(un["ru"])
        t_agree, t_first = _taggers(un["ru"])
        rows += [
            (f"segment the UN test set ({n} + {n} lines)", t_seg, f"{t_seg / t_un_tok:.2f}x tokenize+lemmatize"),
            ("  peer: tokenize + lemmatize it", t_un_tok, "1.00x"),
            ("tag the UN Russian, nouns agreeing (our tagger)", t_agree, f"{t_agree / t_first:.2f}x first reading"),
            ("  peer: pymorphy3's first reading for every word", t_first, "1.00x"),
        ]
    units = len(doc.units)
    print(f"machine: {machine()}")
    print(f"sample: {units} units, {sum(len(u.sentences) for u in doc.units)} sentences")
    print(f"{'what':52} {'seconds':>9}  ratio")
    for what, seconds, ratio in rows:
        print(f"{what:52} {seconds:9.4f}  {ratio}")


def _taggers(texts: list[str]) -> tuple[float, float]:
    """The tagger component alone on tokenized texts, against one that takes each word's first reading."""
    from ruzh.corpus import nlp

    docs = [nlp.pipeline("ru").make_doc(t) for t in texts]
    morph = nlp.morph_analyzer()

    def first_reading(doc):
        for token in doc:
            if not (token.is_punct or token.like_num):
                nlp._set_analysis(token, morph.parse(token.text)[0])

    for doc in docs:  # both warm the analyser's caches first
        nlp.pymorphy_tagger(doc), first_reading(doc)
    t_agree, _ = timed(lambda: [nlp.pymorphy_tagger(d) for d in docs], repeat=5)
    t_first, _ = timed(lambda: [first_reading(d) for d in docs], repeat=5)
    return t_agree, t_first


if __name__ == "__main__":
    main()
